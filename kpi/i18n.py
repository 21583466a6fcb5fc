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
    "problem.extra_fields": (
        '本行在 {width} 列之外还有 {count} 个值（含千位分隔符的数字请加引号，如 "1,234"）',
        "{count} value(s) beyond the {width} headed columns "
        '(quote numbers with thousands separators, e.g. "1,234")',
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
    # CLI errors (foundation tests)
    "cli.unknown_jurisdiction": ("未知地区代码：{code}", "unknown jurisdiction code: {code}"),
    "cli.no_such_file": ("文件不存在：{path}", "no such file: {path}"),
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
}


def t(key: str, lang: str = DEFAULT_LANG, /, **params: object) -> str:
    """The string for ``key`` in ``lang`` with ``params`` filled in."""
    zh, en = STRINGS[key]
    text = en if lang == "en" else zh
    return text.format(**params) if params else text


def status_label(status: str | None, lang: str = DEFAULT_LANG) -> str:
    return t(f"status.{status}", lang) if status else ""
