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
    "status.not_started": ("尚未开始", "Not started"),
    "flag.stale": ("数据陈旧", "stale figure"),
    "flag.forecast_short": ("预测不达标", "forecast short"),
    "flag.revised_after_close": ("期末后修订", "revised after close"),
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
    # validation report
    "report.row": ("行", "row"),
    "report.column": ("列", "column"),
    "report.problem": ("问题", "problem"),
    "report.at_row": ("第 {row} 行", "row {row}"),
    "report.at_column": ("列“{column}”", "column '{column}'"),
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
    # ---- uploads, sign-in, audit (issue 4) ----
    "page.upload": ("数据上报", "Upload"),
    "problem.not_signed_in": ("请先登录再上报数据", "sign in to upload data"),
    "problem.may_not_upload": (
        "角色“{role}”无权上报数据",
        "role '{role}' may not upload data",
    ),
    "problem.not_assigned": (
        "无权上报地区“{value}”的数据（可上报：{allowed}）",
        "you may not upload data for jurisdiction '{value}' (allowed: {allowed})",
    ),
    "auth.title": ("登录", "Sign in"),
    "auth.name": ("用户名", "User name"),
    "auth.password": ("密码", "Password"),
    "auth.submit": ("登录", "Sign in"),
    "auth.failed": ("用户名或密码错误", "wrong user name or password"),
    "auth.signed_in_as": ("已登录：{name}（{role}）", "Signed in as {name} ({role})"),
    "auth.sign_out": ("退出登录", "Sign out"),
    "auth.required": ("查看本看板需要登录。", "Viewing this dashboard requires signing in."),
    "auth.upload_needs_login": (
        "上报数据需要登录（编辑或管理员账号）。",
        "Uploading data requires signing in (editor or admin account).",
    ),
    "auth.viewer_cannot_upload": (
        "查看者账号只能浏览，不能上报数据。",
        "A viewer account can read but not upload.",
    ),
    "role.viewer": ("查看者", "viewer"),
    "role.editor": ("编辑", "editor"),
    "role.admin": ("管理员", "admin"),
    "upload.template": ("下载上报模板", "Download a template"),
    "upload.template_jurisdiction": ("模板地区", "Template for jurisdiction"),
    "upload.template_help": (
        "每个指标一行，期间为下一个应报季度；填写数值后上传。未填写的行请删除。",
        "One row per metric for its next quarter due; fill in the values and upload. "
        "Delete rows you leave empty.",
    ),
    "upload.template_csv": ("下载 CSV 模板", "Download CSV template"),
    "upload.template_xlsx": ("下载 XLSX 模板", "Download XLSX template"),
    "upload.file": ("上传 CSV 或 XLSX 文件", "Upload a CSV or XLSX file"),
    "upload.limit": ("文件大小上限 {limit} MB。", "Files up to {limit} MB."),
    "upload.problems": (
        "文件未通过校验，数据库未改动。问题 {count} 个：",
        "The file failed validation; the database is unchanged. {count} problem(s):",
    ),
    "upload.preview": ("预览：与当前数据相比", "Preview: changes against current values"),
    "upload.count_new": ("新增", "New"),
    "upload.count_revised": ("修订", "Revised"),
    "upload.count_unchanged": ("未变", "Unchanged"),
    "upload.commit": ("确认入库", "Commit"),
    "upload.committed": (
        "已入库：批次 {batch}（{rows} 行）",
        "Committed batch {batch} ({rows} rows)",
    ),
    "upload.duplicate": (
        "该文件已入库为批次 {batch}，未重复写入",
        "This file is already in batch {batch}; nothing written",
    ),
    "upload.refused": (
        "无法入库：文件有问题或无权上报，数据库未改动。",
        "Not committed: the file has problems or you may not upload it; nothing written.",
    ),
    "upload.busy": (
        "数据库正忙（其他人正在入库），未写入任何数据，请稍后重试。",
        "The database is busy with another commit; nothing was written. Please retry.",
    ),
    "upload.admin_only": ("仅管理员可执行此操作", "Only an admin may do this"),
    "upload.history": ("上报批次记录", "Upload batches"),
    "upload.revert": ("撤回批次", "Revert batch"),
    "upload.revert_button": ("撤回（不删除任何数据）", "Revert (deletes nothing)"),
    "upload.reverted": ("已撤回批次 {batch}", "Reverted batch {batch}"),
    "upload.completeness": ("报送完整性", "Reporting completeness"),
    "upload.completeness_help": (
        "各地区各指标自规划起始至最近已结束季度（不超过截止日期）应报而未报的季度。",
        "Quarters due from each plan's start up to the last closed quarter (not beyond the "
        "deadline) that have not been reported.",
    ),
    "upload.catalog": ("更新目标目录（管理员）", "Update the target catalog (admin)"),
    "upload.catalog_file": ("上传目录 TOML 文件", "Upload a catalog TOML file"),
    "upload.catalog_install": ("校验并启用", "Validate and install"),
    "upload.catalog_installed": (
        "目录已更新为第 {version} 版",
        "Catalog version {version} installed",
    ),
    "upload.catalog_rejected": (
        "目录文件无效，未做任何改动：",
        "The catalog file is invalid; nothing was changed:",
    ),
    "col.row": ("行", "row"),
    "col.period": ("期间", "period"),
    "col.old": ("原值", "old"),
    "col.new": ("新值", "new"),
    "col.change": ("变化", "change"),
    "col.kind": ("类型", "kind"),
    "col.due": ("应报季度数", "quarters due"),
    "col.reported": ("已报", "reported"),
    "col.missing": ("缺报", "missing"),
    "col.missing_quarters": ("缺报季度", "missing quarters"),
    "col.next_due": ("下一应报季度", "next quarter due"),
    "col.file": ("文件", "file"),
    "col.rows": ("行数", "rows"),
    "col.time": ("时间", "time"),
    "col.jurisdictions": ("地区", "jurisdictions"),
    "col.sample": ("示例数据", "sample"),
    "col.reverted_at": ("撤回时间", "reverted at"),
    "col.reverted_by": ("撤回人", "reverted by"),
    "change.new": ("新增", "new"),
    "change.revised": ("修订", "revised"),
    "change.unchanged": ("未变", "unchanged"),
    "cli.user_added": ("已添加用户 {name}（{role}）", "user {name} added ({role})"),
    "cli.user_removed": ("已删除用户 {name}", "user {name} removed"),
    "cli.password_changed": ("已更改 {name} 的密码", "password of {name} changed"),
    "cli.password_prompt": ("{name} 的密码：", "Password for {name}: "),
    "cli.password_repeat": ("再次输入密码：", "Repeat the password: "),
    "cli.password_mismatch": ("两次输入的密码不一致", "the passwords do not match"),
    "cli.catalog_file_installed": (
        "已将目录文件 {path} 启用为第 {version} 版",
        "installed the catalog file {path} as version {version}",
    ),
    "cli.catalog_file_differs": (
        "注意：目录文件 {path} 与数据库中正在使用的目录（第 {version} 版，由 {by} 启用）不同，"
        "未替换。如需启用该文件，请运行：kpi catalog load {path}",
        "note: the catalog file {path} differs from the catalog in force (version {version}, "
        "installed by {by}); it was not replaced. To install the file run: "
        "kpi catalog load {path}",
    ),
    "cli.catalog_loaded": ("目录已更新为第 {version} 版", "catalog version {version} installed"),
    # ---- briefings and downloads (issue 5) ----
    "page.briefing": ("简报", "Briefing"),
    "briefing.within": ("（属于{parent}）", " (within {parent})"),
    "briefing.title": (
        "合成生物制造目标进展简报",
        "Synthetic-biology manufacturing targets: briefing",
    ),
    "briefing.all": ("全部地区", "All jurisdictions"),
    "briefing.as_of": ("数据截至 {date}", "as of {date}"),
    "briefing.plan_line": (
        "{title}（{doc}） · 规划期 {start} 至 {end} · 时间已过 {elapsed}%",
        "{title} ({doc}) · period {start} to {end} · {elapsed}% of time elapsed",
    ),
    "briefing.summary": ("目标状态（共 {n} 项）", "Status of the {n} targets"),
    "briefing.bullet_title": (
        "各目标完成情况（占目标值的百分比）",
        "Attainment of each target (% of threshold)",
    ),
    "briefing.legend.threshold_band": ("目标值", "threshold"),
    "briefing.legend.stretch": ("区间上限", "range maximum"),
    "briefing.legend.value": ("当前值", "current value"),
    "briefing.legend.expected": ("截至当前应达", "expected by now"),
    "briefing.trajectory_title": ("累计进展与应达路径", "Trajectories against the required path"),
    "briefing.legend.observed": ("实际（季末累计）", "actual (cumulative, quarter end)"),
    "briefing.legend.required": ("应达路径", "required path"),
    "briefing.legend.forecast": ("按当前速度预测至期末", "forecast to deadline at current pace"),
    "briefing.legend.as_of": ("截至日期", "as-of date"),
    "briefing.forecast": ("期末预测 {value}", "forecast {value}"),
    "briefing.no_data_panel": ("暂无数据", "No data"),
    "briefing.footnote.data": (
        "数据：{n} 个上传批次（{ids}），最近一次上传 {last}",
        "Data: {n} upload batch(es) ({ids}), last upload {last}",
    ),
    "briefing.footnote.no_data": ("数据：尚无已入库的数据", "Data: nothing uploaded yet"),
    "briefing.footnote.generated": ("生成时间：{time}", "Generated {time}"),
    "briefing.footnote.method": (
        "判定规则：进度 = 当前值 ÷ 截至当前应达值（按时间线性分摊）；进度 ≥ 95% 为进度正常，"
        "60%–95% 为存在风险，< 60% 为明显滞后（参照联合国可持续发展目标进展评估方法）；"
        "“约”类目标按 90% 计；期末后按期末值判定已完成或未完成。",
        "Rules: pace = current value ÷ value expected by now (straight line over the period); "
        "pace ≥ 95% on track, 60–95% at risk, < 60% off track (UN SDG progress method); "
        "'about' targets count as met at 90%; after the deadline, achieved or missed on the "
        "value at the deadline.",
    ),
    "briefing.watermark": ("示例数据 SAMPLE DATA", "示例数据 SAMPLE DATA"),
    "briefing.page.jurisdiction": ("简报范围", "Briefing for"),
    "briefing.page.as_of": ("截至日期", "As of"),
    "briefing.page.lang": ("简报语言", "Briefing language"),
    "briefing.page.width": ("图片宽度（像素）", "Image width (pixels)"),
    "briefing.page.download": ("下载简报（PNG）", "Download briefing (PNG)"),
    "briefing.page.rendering": ("正在生成简报图片…", "Rendering the briefing…"),
    "briefing.page.intro": (
        "生成一张可带入会议的简报图片：标题、状态汇总、各目标完成情况、进展曲线及数据来源。",
        "One image to take into a meeting: title, status summary, every target's attainment, "
        "trajectories and the data it rests on.",
    ),
    "briefing.page.error": ("无法生成简报：{detail}", "Cannot make the briefing: {detail}"),
    "download.xlsx": ("下载 Excel", "Download Excel"),
    "download.csv": ("下载 CSV", "Download CSV"),
    "download.png": ("下载图片（PNG）", "Download image (PNG)"),
    "download.no_browser": (
        "服务器缺少 Chromium 浏览器，无法导出图片：{detail}",
        "No Chromium on the server, so images cannot be exported: {detail}",
    ),
    "cli.briefing_written": (
        "简报已保存：{path}（{width}×{height} 像素）",
        "briefing written: {path} ({width}×{height} px)",
    ),
    "cli.no_out_dir": ("输出目录不存在：{path}", "the output folder does not exist: {path}"),
    # ---- dashboard pages (issue 3) ----
    "page.jurisdiction": ("分地区", "Jurisdiction"),
    "overview.status_table": ("全部目标状态表", "Status of every target"),
    "target.audit": (
        "审计记录（上报、撤回与目录变更）",
        "Audit trail (uploads, reverts, catalog changes)",
    ),
    "target.no_audit": ("暂无审计记录", "No audit entries yet"),
    "audit.commit": ("上报入库", "commit"),
    "audit.revert": ("撤回", "revert"),
    "audit.catalog": ("目录变更", "catalog change"),
    "col.logged_at": ("时间", "Time"),
    "col.action": ("操作", "Action"),
    "col.user_name": ("用户", "User"),
    "col.batch_id": ("批次", "Batch"),
    "col.detail": ("详情", "Detail"),
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
    # ---- officials' pages (issue 13, part A) ----
    "headline.sentence": ("{place} {n} 项目标：{parts}", "{place}, {n} targets: {parts}"),
    "headline.sentence_one": ("{place} {n} 项目标：{parts}", "{place}, 1 target: {parts}"),
    "headline.part": ("{count} 项{status}", "{count} {status}"),
    "headline.separator": ("，", ", "),
    "headline.no_targets": ("{place} 暂无目标", "{place}: no targets"),
}


def t(key: str, lang: str = DEFAULT_LANG, /, **params: object) -> str:
    """The string for ``key`` in ``lang`` with ``params`` filled in."""
    zh, en = STRINGS[key]
    text = en if lang == "en" else zh
    return text.format(**params) if params else text


def status_label(status: str | None, lang: str = DEFAULT_LANG) -> str:
    return t(f"status.{status}", lang) if status else ""
