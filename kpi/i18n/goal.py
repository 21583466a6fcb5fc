"""A target's goal as a number in words."""

STRINGS: dict[str, tuple[str, str]] = {
    "goal.approx": ("约 {number}", "about {number}"),
}
