"""How a target's rule reads in words (the 90% margin of an approximate target)."""

STRINGS: dict[str, tuple[str, str]] = {
    "rule.approx": (
        "约 {n}（达到 {n} 的 90%，即 {threshold}，视为完成）",
        "about {n} (met at 90% of {n}, i.e. {threshold})",
    ),
}
