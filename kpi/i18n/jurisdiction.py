"""The Jurisdiction page."""

STRINGS: dict[str, tuple[str, str]] = {
    "jurisdiction.pick_one": (
        "目录共有 {n:,} 个地区：请在左侧选择一个地区查看其各项目标的图表。",
        "The catalog holds {n:,} jurisdictions: choose one in the sidebar to see its charts.",
    ),
    "jurisdiction.plan": (
        "{title}（{doc}），{start} 至 {end}",
        "{title} ({doc}), {start} to {end}",
    ),
    "jurisdiction.panels_help": (
        "每项目标一幅小图，最需关注的在前；图例说明线条和标记。单项目标的详细图表见“目标详情”页。",
        "One small chart per target, those needing attention first; the legend explains the"
        " lines and markers. One target's detailed charts are on the Target detail page.",
    ),
    "jurisdiction.table": ("全部目标（可点击列标题排序）", "All targets (click a column to sort)"),
}
