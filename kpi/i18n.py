"""Every user-facing string, in Chinese and English, in one place.

``t("key", lang, **params)`` formats the string for the language; Chinese is the
default. Pages, the CLI and the briefings all take their words from here.
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
DEFAULT_LANG: Lang = "zh"

STRINGS: dict[str, tuple[str, str]] = {
    # statuses
    "status.achieved": ("已完成", "Achieved"),
    "status.on_track": ("进度正常", "On track"),
    "status.at_risk": ("存在风险", "At risk"),
    "status.off_track": ("明显滞后", "Off track"),
    "status.missed": ("未完成", "Missed"),
    "status.no_data": ("暂无数据", "No data"),
    # comparators and kinds
    "comparator.at_least": ("不少于", "at least"),
    "comparator.range": ("区间", "range"),
    "comparator.approx": ("约", "about"),
    "kind.level": ("存量（季末值）", "level (quarter-end value)"),
    "kind.flow": ("增量（季度新增）", "flow (new in quarter)"),
    # ingest problems
    "problem.empty_file": ("文件为空或没有数据行", "the file is empty or has no data rows"),
    "problem.unreadable": ("无法读取文件：{detail}", "cannot read the file: {detail}"),
    "problem.too_large": (
        "文件过大（{size} MB），上限为 {limit} MB",
        "the file is too large ({size} MB); the limit is {limit} MB",
    ),
    "problem.unsupported_type": (
        "不支持的文件类型：{name}（请上传 CSV 或 XLSX）",
        "unsupported file type: {name} (upload CSV or XLSX)",
    ),
    "problem.missing_column": ("缺少必填列“{column}”", "missing required column '{column}'"),
    "problem.duplicate_column": ("列“{column}”重复", "column '{column}' appears twice"),
    "problem.unknown_jurisdiction": ("未知地区“{value}”", "unknown jurisdiction '{value}'"),
    "problem.unknown_metric": ("未知指标“{value}”", "unknown metric '{value}'"),
    "problem.not_targeted": (
        "地区“{jurisdiction}”没有指标“{metric}”的目标",
        "jurisdiction '{jurisdiction}' has no target for metric '{metric}'",
    ),
    "problem.bad_period": (
        "无法识别的期间“{value}”（例如 2025Q3、2025年第三季度 或 2025-09-30）",
        "unrecognised period '{value}' (e.g. 2025Q3, 2025年第三季度 or 2025-09-30)",
    ),
    "problem.future_period": (
        "期间 {value} 尚未结束（最近已结束季度为 {last}）",
        "period {value} has not ended yet (the last closed quarter is {last})",
    ),
    "problem.missing_value": ("数值为空", "the value is empty"),
    "problem.non_numeric": ("数值“{value}”不是数字", "value '{value}' is not a number"),
    "problem.negative": ("数值 {value} 为负数", "value {value} is negative"),
    "problem.duplicate_row": (
        "与第 {first} 行重复（同一地区、指标和期间）",
        "duplicates row {first} (same jurisdiction, metric and period)",
    ),
    # CLI
    "cli.committed": ("已入库：批次 {batch}（{rows} 行）", "committed batch {batch} ({rows} rows)"),
    "cli.duplicate": (
        "该文件已入库为批次 {batch}，未重复写入",
        "this file is already in batch {batch}; nothing written",
    ),
    "cli.rejected": (
        "文件未通过校验，数据库未改动。问题 {count} 个：",
        "the file failed validation; the database is unchanged. {count} problem(s):",
    ),
    "cli.reverted": ("已撤回批次 {batch}", "reverted batch {batch}"),
    "cli.initialised": ("数据库已就绪：{path}", "database ready: {path}"),
    "cli.demo_loaded": ("已载入示例数据：批次 {batch}", "sample data loaded as batch {batch}"),
    "cli.demo_skipped": (
        "数据库已有数据，未载入示例数据",
        "the database already holds data; sample data not loaded",
    ),
    # app and pages
    "app.title": ("合成生物制造目标监测", "Synthetic-biology manufacturing targets"),
    "page.overview": ("总览", "Overview"),
    "sidebar.language": ("语言 / Language", "语言 / Language"),
    "sidebar.as_of": ("截至日期", "As of"),
    "sidebar.jurisdiction": ("地区", "Jurisdiction"),
    "sidebar.all": ("全部", "All"),
    "sample.banner": (
        "当前数据库含示例数据（随机生成，非真实统计），仅供演示。",
        "The database holds SAMPLE DATA (generated, not real statistics), for demonstration only.",
    ),
    "sample.label": ("示例数据（非真实统计）", "SAMPLE DATA (not real statistics)"),
    # ---- dashboard pages (issue 3) ----
    "page.jurisdiction": ("分地区", "Jurisdiction"),
    "page.compare": ("对比", "Compare"),
    "page.target": ("目标详情", "Target detail"),
    "sidebar.today": ("今天（{day}）", "Today ({day})"),
    "sidebar.quarter_end": ("{day}（{quarter} 末）", "{day} (end of {quarter})"),
    "col.target": ("目标", "Target"),
    "col.plan": ("规划", "Plan"),
    "col.jurisdiction": ("地区", "Jurisdiction"),
    "col.metric": ("指标", "Metric"),
    "col.family": ("指标类别", "Metric family"),
    "col.comparator": ("目标类型", "Comparator"),
    "col.min": ("目标值（下限）", "Target (min)"),
    "col.max": ("上限", "Range max"),
    "col.threshold": ("达标线", "Threshold"),
    "col.deadline": ("完成期限", "Deadline"),
    "col.as_of": ("截至日期", "As of"),
    "col.value": ("当前值", "Value"),
    "col.expected": ("应达进度值", "Expected by now"),
    "col.attainment": ("完成率", "Attainment"),
    "col.pace": ("进度比", "Pace"),
    "col.status": ("状态", "Status"),
    "col.stretch_met": ("达到上限", "Range max met"),
    "col.forecast": ("期末预测", "Forecast at deadline"),
    "col.p_meet": ("达标概率", "Probability of meeting"),
    "col.reached_quarter": ("按当前进度达标季度", "Quarter reached at current pace"),
    "col.total": ("合计", "Total"),
    "col.doc_number": ("文号", "Document no."),
    "col.start": ("起始日期", "Start"),
    "col.elapsed": ("时间进度", "Time elapsed"),
    "col.targets": ("目标数", "Targets"),
    "col.with_data": ("有数据的目标数", "Targets with data"),
    "col.field": ("项目", "Item"),
    "col.content": ("内容", "Value"),
    "col.quarter": ("季度", "Quarter"),
    "col.version": ("版本", "Version"),
    "col.batch": ("批次", "Batch"),
    "col.file_name": ("文件名", "File"),
    "col.user": ("上传人", "Uploaded by"),
    "col.uploaded": ("上传时间", "Uploaded at"),
    "col.source": ("来源", "Source"),
    "col.note": ("备注", "Note"),
    "word.yes": ("是", "yes"),
    "word.no": ("否", "no"),
    "word.none": ("无", "none"),
    "version.current": ("现行", "current"),
    "version.old": ("已被替代", "superseded"),
    "version.reverted": ("已撤回", "reverted"),
    "chart.value": ("当前值", "Value"),
    "chart.threshold": ("目标", "Target"),
    "chart.range_max": ("上限", "Max"),
    "chart.expected": ("应达进度", "Expected by now"),
    "chart.expected_short": ("应达", "expected"),
    "chart.required": ("所需路径", "Required path"),
    "chart.observed": ("实际累计", "Observed"),
    "chart.forecast": ("预测", "Forecast"),
    "chart.mean_attainment": ("平均完成率", "Mean attainment"),
    "chart.mean_pace": ("平均进度比", "Mean pace"),
    "overview.caption": (
        "截至 {as_of}。完成率 = 当前值 ÷ 达标线；进度比 = 当前值 ÷ 按时间应达值（≥95% 进度正常，"
        "60%–95% 存在风险，<60% 明显滞后）。",
        "As of {as_of}. Attainment = value ÷ threshold; pace = value ÷ value expected by now "
        "(≥95% on track, 60–95% at risk, <60% off track).",
    ),
    "overview.counts": ("各地区目标状态", "Targets by status per jurisdiction"),
    "overview.elapsed": ("规划时间进度", "Time elapsed per plan"),
    "overview.matrix": ("目标状态矩阵", "Targets by status"),
    "overview.behind": ("进度最落后的目标", "Targets most behind pace"),
    "overview.none_behind": ("没有进度落后的目标。", "No target is behind pace."),
    "overview.no_targets": ("所选地区没有目标。", "The selected jurisdiction has no targets."),
    "jurisdiction.plan": (
        "{title}（{doc}），{start} 至 {end}",
        "{title} ({doc}), {start} to {end}",
    ),
    "jurisdiction.table": ("全部目标（可点击列标题排序）", "All targets (click a column to sort)"),
    "jurisdiction.open_detail": ("查看详情", "Details"),
    "compare.bda_note": (
        "注意：北京经济技术开发区（BDA）位于北京市域内，其数据包含在北京市数据中，两者不可相加。",
        "Note: Beijing E-Town (BDA) lies inside Beijing; its figures are part of Beijing's, "
        "so the two are not additive.",
    ),
    "compare.caption": (
        "按指标类别比较各地区平均完成率与平均进度比（仅计有数据的目标）。",
        "Mean attainment and mean pace per metric family and jurisdiction "
        "(targets with data only).",
    ),
    "compare.table": ("分类别明细", "By family"),
    "compare.targets": ("各目标明细", "Per target"),
    "target.select": ("选择目标", "Choose a target"),
    "target.policy": ("政策原文", "Policy text"),
    "target.source": (
        "出处：{plan}，{doc}，{section}",
        "Source: {plan}, {doc}, {section}",
    ),
    "target.kind": ("统计口径：{kind}；单位：{unit}", "Measured as: {kind}; unit: {unit}"),
    "target.status": ("当前状态", "Current status"),
    "target.history": (
        "观测记录（含全部修订及其批次）",
        "Observations (every revision, with its batch)",
    ),
    "target.no_history": ("尚无该指标的观测数据。", "No observations for this metric yet."),
}


def t(key: str, lang: str = DEFAULT_LANG, /, **params: object) -> str:
    """The string for ``key`` in ``lang`` with ``params`` filled in."""
    zh, en = STRINGS[key]
    text = en if lang == "en" else zh
    return text.format(**params) if params else text


def status_label(status: str | None, lang: str = DEFAULT_LANG) -> str:
    return t(f"status.{status}", lang) if status else ""
