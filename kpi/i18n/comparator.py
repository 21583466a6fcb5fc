"""How a target compares its value with its threshold (at least, range, about)."""

STRINGS: dict[str, tuple[str, str]] = {
    "comparator.at_least": ("不少于", "at least"),
    "comparator.range": ("区间", "range"),
    "comparator.approx": ("约", "about"),
}
