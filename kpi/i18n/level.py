"""Tiers of government a jurisdiction is: 国家 → 省 → 市 → 区."""

STRINGS: dict[str, tuple[str, str]] = {
    "level.national": ("国家", "National"),
    "level.province": ("省级", "Province"),
    "level.city": ("市级", "City"),
    "level.district": ("区县", "District"),
    "level.none": ("未注明层级", "Level not stated"),
}
