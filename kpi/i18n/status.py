"""The verdict of a target (kpi.domain.rules.Status) and the notes that qualify it."""

STRINGS: dict[str, tuple[str, str]] = {
    "status.achieved": ("已完成", "Achieved"),
    "status.on_track": ("进度正常", "On track"),
    "status.at_risk": ("存在风险", "At risk"),
    "status.off_track": ("明显滞后", "Off track"),
    "status.missed": ("未完成", "Missed"),
    "status.no_data": ("暂无数据", "No data"),
    "status.not_started": ("尚未开始", "Not started"),
    "status.starts_on": ("（规划期始于 {day}）", " (plan starts {day})"),
    "status.at_close": (
        "（期末判定：{status}，其后修订）",
        " (at close: {status}; revised after close)",
    ),
}
