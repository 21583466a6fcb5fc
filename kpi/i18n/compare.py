"""The Compare page."""

STRINGS: dict[str, tuple[str, str]] = {
    "compare.parent_note": (
        "注意：{child}位于{parent}域内，其数据包含在{parent}的数据中，两者不可相加。",
        "Note: {child} lies inside {parent}; its figures are part of {parent}'s, "
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
}
