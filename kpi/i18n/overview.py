"""The Overview page."""

STRINGS: dict[str, tuple[str, str]] = {
    "overview.status_table": ("全部目标状态表", "Status of every target"),
    "overview.caption": (
        "截至 {as_of}。完成率 = 当前值 ÷ 达标线；进度比 = 当前值 ÷ 按时间应达值（≥95% 进度正常，6"
        "0%–95% 存在风险，<60% 明显滞后）。",
        "As of {as_of}. Attainment = value ÷ threshold; pace = value ÷ value expected by now "
        "(≥95% on track, 60–95% at risk, <60% off track).",
    ),
    "overview.counts": ("各地区目标状态", "Targets by status per jurisdiction"),
    "overview.elapsed": ("规划时间进度", "Time elapsed per plan"),
    "overview.matrix": ("目标状态矩阵", "Targets by status"),
    "overview.behind": ("进度最落后的目标", "Targets most behind pace"),
    "overview.none_behind": ("没有进度落后的目标。", "No target is behind pace."),
    "overview.no_targets": ("所选地区没有目标。", "The selected jurisdiction has no targets."),
    "overview.all_n": ("全部 {n:,} 个地区", "All {n:,} jurisdictions"),
    "overview.totals": ("全部地区目标状态合计", "Targets by status, all jurisdictions"),
    "overview.search": ("按名称或代码查找地区", "Find a jurisdiction by name or code"),
    "overview.showing": (
        "最落后的在前（明显滞后和未完成目标占比最高）；显示 {shown:,} 个，共 {matched:,} 个",
        "Worst first (most targets off track or missed); showing {shown:,} of {matched:,}",
    ),
    "overview.show_more": ("显示更多地区", "Show more jurisdictions"),
    "overview.no_match": (
        "没有名称或代码包含“{query}”的地区。",
        "No jurisdiction's name or code contains '{query}'.",
    ),
}
