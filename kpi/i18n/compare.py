"""The Compare page."""

STRINGS: dict[str, tuple[str, str]] = {
    "compare.parent_note": (
        "注意：{child}位于{parent}域内，其数据包含在{parent}的数据中，两者不可相加。",
        "Note: {child} lies inside {parent}; its figures are counted in those of {parent}, "
        "so the two are not additive.",
    ),
    "compare.caption": (
        "按指标类别比较各地区平均完成率与平均进度比（仅计有数据的目标）。",
        "Mean attainment and mean pace per metric family and jurisdiction (targets with data "
        "only).",
    ),
    "compare.table": ("分类别明细", "By family"),
    "compare.level": ("{level}：同级地区相互比较", "{level}: like compared with like"),
    "compare.targets": ("各目标明细", "Per target"),
    "compare.level_no_figures": (
        "本级地区的目标尚无任何上报数据，暂无可比较的内容。",
        "No figures are reported yet for the targets at this level: nothing to compare.",
    ),
}
