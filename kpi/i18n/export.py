"""Exported spreadsheets: text cut to fit a cell."""

STRINGS: dict[str, tuple[str, str]] = {
    "export.truncated": (
        "……（已截断，原文共 {length} 字）",
        "... (cut: the full text has {length} characters)",
    ),
}
