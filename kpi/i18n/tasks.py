"""The task ledger (重点任务台账): statuses, kinds, unit roles, the Tasks page, templates."""

STRINGS: dict[str, tuple[str, str]] = {
    "tasks.status.not_started": ("未启动", "not started"),
    "tasks.status.in_progress": ("推进中", "in progress"),
    "tasks.status.completed": ("已完成", "completed"),
    "tasks.status.delayed": ("滞后", "delayed"),
    "tasks.status.not_reported": ("逾期未报", "not reported"),
    "tasks.kind.task": ("重点任务", "task"),
    "tasks.kind.measure": ("措施", "measure"),
    "tasks.role.lead": ("牵头", "lead"),
    "tasks.role.cooperating": ("配合", "cooperating"),
    "tasks.headline": ("{place} {count} 项任务：{parts}", "{place}: {count} tasks — {parts}"),
    "tasks.headline_part": ("{count} 项{status}", "{count} {status}"),
    "tasks.headline_empty": ("{place}尚无任务", "{place}: no tasks"),
    "tasks.no_units": (
        "{plan}：所存文本为转载稿，未列明责任单位；其任务进展由管理员上报。",
        "{plan}: the stored text is a repost that names no responsible units; an "
        "administrator reports these tasks' progress.",
    ),
    "tasks.intro": (
        "各规划的重点任务与措施、责任单位及按季度上报的进展；逾期未报和滞后的排在最前。",
        "The plans' tasks and measures, their responsible units and quarterly progress; "
        "overdue and delayed first.",
    ),
    "tasks.drafted": (
        "起草的任务与措施（{count} 项，随目标一并启用）",
        "Drafted tasks and measures ({count}, installed with the targets)",
    ),
    "tasks.view": ("查看", "View"),
    "tasks.view.plan": ("按规划", "By plan"),
    "tasks.view.unit": ("按责任单位", "By unit"),
    "tasks.choose_plan": ("规划", "Plan"),
    "tasks.choose_unit": ("责任单位", "Unit"),
    "tasks.counts": ("各状态任务数", "Tasks by status"),
    "tasks.list": ("任务清单", "Task list"),
    "tasks.units_table": ("各责任单位", "Units"),
    "tasks.completeness": (
        "应报 {due} 项，已按期上报 {reported} 项",
        "{reported} of {due} due reports in",
    ),
    "tasks.lead_tasks": ("牵头任务（{count} 项）", "Leads ({count})"),
    "tasks.cooperating_tasks": ("配合任务（{count} 项）", "Cooperates on ({count})"),
    "tasks.none": ("没有符合条件的任务。", "No tasks match."),
    "tasks.no_report": ("尚无进展报告", "no progress reported yet"),
    "tasks.serving": ("服务本目标的任务", "Tasks serving this target"),
    "tasks.serving_none": (
        "目录中没有关联本目标的任务。",
        "No task of the catalog serves this target.",
    ),
    "tasks.template": ("任务进展模板", "Task progress template"),
    "tasks.template_help": (
        "每行一项任务和一个季度；进展状态填 未启动、推进中、已完成 或 滞后。",
        "One row per task and quarter; status is not_started, in_progress, completed or delayed.",
    ),
    "tasks.template_unit": ("本单位", "Unit"),
}
