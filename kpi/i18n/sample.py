"""The notice that the database holds sample data."""

STRINGS: dict[str, tuple[str, str]] = {
    "sample.banner": (
        "当前数据库含示例数据（随机生成，非真实统计），仅供演示。",
        "The database holds SAMPLE DATA (generated, not real statistics), for demonstration only.",
    ),
    "sample.label": ("示例数据（非真实统计）", "SAMPLE DATA (not real statistics)"),
}
