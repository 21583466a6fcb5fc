"""Kinds of metric: a level (quarter-end value) or a flow (new in the quarter)."""

STRINGS: dict[str, tuple[str, str]] = {
    "kind.level": ("存量（季末值）", "level (quarter-end value)"),
    "kind.flow": ("增量（季度新增）", "flow (new in quarter)"),
}
