"""Kinds of metric: a level (quarter-end value), a flow (new items) or an annual value."""

STRINGS: dict[str, tuple[str, str]] = {
    "kind.level": ("存量（季末值）", "level (quarter-end value)"),
    "kind.flow": ("增量（季度新增）", "flow (new in quarter)"),
    "kind.annual": (
        "年度值（全年，按年初至今累计上报）",
        "annual (a year's value, reported year to date)",
    ),
}
