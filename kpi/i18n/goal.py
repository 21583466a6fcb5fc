"""A target's goal as a number in words."""

STRINGS: dict[str, tuple[str, str]] = {
    "goal.approx": ("约 {number}", "about {number}"),
    # a milestone's name carries its own year, so a plan's 2027 and 2035 goals differ
    "goal.by_year": ("{name}（{year}年）", "{name} (by {year})"),
}
