"""Every user-facing string, in Chinese and English, in one place, grouped by domain.

``t("key", lang, **params)`` formats the string for the language; Chinese is the
default. Pages, the command line and the briefings take their words from here,
usually through :class:`kpi.present.Locale`, bound once to the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
DEFAULT_LANG: Lang = "zh"

STRINGS: dict[str, tuple[str, str]] = {
    # ---- Verdicts and catalog words ----
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
    "flag.stale": ("数据陈旧", "stale figure"),
    "flag.forecast_short": ("预测不达标", "forecast short"),
    "flag.revised_after_close": ("期末后修订", "revised after close"),
    "rule.approx": (
        "约 {n}（达到 {n} 的 90%，即 {threshold}，视为完成）",
        "about {n} (met at 90% of {n}, i.e. {threshold})",
    ),
    "col.start_date": ("规划起始", "Plan start"),
    "col.eval_date": ("评估日期（最近已结束季度）", "Evaluated at (last closed quarter)"),
    "col.baseline": ("基线值", "Baseline"),
    "col.stale": ("数据陈旧", "Stale figure"),
    "col.forecast_short": ("预测不达标", "Forecast short"),
    "col.status_at_close": ("期末判定", "Status at close"),
    "col.revised_after_close": ("期末后修订", "Revised after close"),
    "comparator.at_least": ("不少于", "at least"),
    "comparator.range": ("区间", "range"),
    "comparator.approx": ("约", "about"),
    "kind.level": ("存量（季末值）", "level (quarter-end value)"),
    "kind.flow": ("增量（季度新增）", "flow (new in quarter)"),
    # ---- Words and labels shared by tables, pages and commands ----
    "role.viewer": ("查看者", "viewer"),
    "role.editor": ("编辑", "editor"),
    "role.admin": ("管理员", "admin"),
    "change.new": ("新增", "New"),
    "change.revised": ("修订", "Revised"),
    "change.unchanged": ("未变", "Unchanged"),
    "audit.commit": ("上报入库", "commit"),
    "audit.revert": ("撤回", "revert"),
    "audit.catalog": ("目录变更", "catalog change"),
    "audit.restore": ("从备份恢复（详情为备份目录）", "restore from a backup (detail: its folder)"),
    "audit.copy_store": (
        "从另一数据库复制（详情为来源）",
        "copy from another database (detail: the source)",
    ),
    "word.yes": ("是", "yes"),
    "word.no": ("否", "no"),
    "word.none": ("无", "none"),
    "version.current": ("现行", "current"),
    "version.old": ("已被替代", "superseded"),
    "version.reverted": ("已撤回", "reverted"),
    "lang.zh": ("中文", "中文"),
    "lang.en": ("English", "English"),
    "word.list_separator": ("、", ", "),
    "audit.user": ("账号变更", "account change"),
    "audit.system_user": ("系统", "system"),
    "audit.detail.commit": ("{file}（{rows} 行）", "{file} ({rows} rows)"),
    "audit.detail.catalog": ("目录第 {version} 版（{sha}）", "catalog version {version} ({sha})"),
    "audit.detail.user_add": (
        "添加账号 {name}（{role}：{places}）",
        "added {name} ({role}: {places})",
    ),
    "audit.detail.user_role": (
        "账号 {name} 改为{role}（{places}）",
        "{name} set to {role} ({places})",
    ),
    "audit.detail.user_remove": ("删除账号 {name}", "removed {name}"),
    "audit.detail.catalog_sha": ("目录（校验码 {sha}）", "catalog (checksum {sha})"),
    "audit.detail.sign_in_name": (
        "尝试的名称 {name}，来自 {client}",
        "name tried: {name}, from {client}",
    ),
    "audit.detail.sign_in": ("来自 {client}", "from {client}"),
    "audit.detail.file": ("文件 {file}", "file {file}"),
    "audit.detail.backup": ("备份目录 {folder}", "backup folder {folder}"),
    "audit.detail.source": ("来源 {source}", "source {source}"),
    "audit.detail.unknown": (
        "（记录格式无法识别，原文可在英文界面查看）",
        "(a record of unknown form)",
    ),
    "audit.other": ("其他操作", "other action"),
    "audit.sample_user": ("示例数据", "sample data"),
    "audit.unknown_user": ("（未知名称）", "(unknown name)"),
    "audit.os_user": ("{name}（本机系统用户）", "{name} (local system user)"),
    "audit.detail.user_password": ("重置 {name} 的密码", "password of {name} changed"),
    # ---- Column headers (canonical column name after 'col.') ----
    "col.row": ("行", "Row"),
    "col.period": ("期间", "Period"),
    "col.old": ("原值", "Old"),
    "col.new": ("新值", "New"),
    "col.change": ("变化", "Change"),
    "col.kind": ("类型", "Kind"),
    "col.due": ("应报季度数", "Quarters due"),
    "col.reported": ("已报", "Reported"),
    "col.missing": ("缺报", "Missing"),
    "col.missing_quarters": ("缺报季度", "Missing quarters"),
    "col.next_due": ("下一应报季度", "Next quarter due"),
    "col.file": ("文件", "File"),
    "col.rows": ("行数", "Rows"),
    "col.time": ("时间", "Time"),
    "col.jurisdictions": ("地区", "Jurisdictions"),
    "col.sample": ("示例数据", "Sample"),
    "col.reverted_at": ("撤回时间", "Reverted at"),
    "col.reverted_by": ("撤回人", "Reverted by"),
    "col.action": ("操作", "Action"),
    "col.user_name": ("用户", "User"),
    "col.detail": ("详情", "Detail"),
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
    # accounts
    "col.account": ("用户名", "User"),
    "col.role": ("角色", "Role"),
    "col.may_upload_for": ("可上报地区", "May upload for"),
    "col.created": ("创建时间", "Created"),
    "col.created_by": ("创建人", "Created by"),
    "col.uploaded": ("上传时间", "Uploaded at"),
    "col.source": ("来源", "Source"),
    "col.note": ("备注", "Note"),
    "col.column": ("列", "Column"),
    "col.problem": ("问题", "Problem"),
    "col.keep": ("保留", "Keep"),
    "col.suggested": ("匹配的已有指标", "Matching metric"),
    "col.text_zh": ("原文", "Text"),
    "col.unit": ("单位", "Unit"),
    "col.name_zh": ("新指标名称", "New metric name"),
    "col.confidence": ("置信度", "Confidence"),
    "col.kind_reason": ("类型依据", "Kind from"),
    "col.section": ("章节", "Section"),
    "col.amount": ("金额", "amount"),
    "col.percent": ("比例", "share"),
    "col.state": ("状态", "State"),
    "col.after_as_of": ("截至日期", "As-of date"),
    "col.text_en": ("英文译文", "English text"),
    "col.name_en": ("新指标英文名称", "New metric name (English)"),
    "col.unit_en": ("英文单位", "Unit (English)"),
    # ---- Problems with an uploaded file or an upload, and where they are ----
    "problem.empty_file": ("文件为空或没有数据行", "the file is empty or has no data rows"),
    "problem.unreadable": (
        "无法读取文件：不是有效的 CSV 或 XLSX 文件",
        "cannot read the file: it is not a valid CSV or XLSX file",
    ),
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
        "{count} value(s) beyond the {width} headed columns (quote numbers with thousands "
        'separators, e.g. "1,234")',
    ),
    "problem.missing_value": ("数值为空", "the value is empty"),
    "problem.non_numeric": ("数值“{value}”不是数字", "value '{value}' is not a number"),
    "problem.negative": ("数值 {value} 为负数", "value {value} is negative"),
    "problem.duplicate_row": (
        "与第 {first} 行重复（同一地区、指标和期间）",
        "duplicates row {first} (same jurisdiction, metric and period)",
    ),
    "report.at_row": ("第 {row} 行", "row {row}"),
    "report.at_column": ("列“{column}”", "column '{column}'"),
    "problem.not_signed_in": ("请先登录再上报数据", "sign in to upload data"),
    "problem.admin_only": ("仅管理员可执行此操作", "Only an admin may do this"),
    "problem.busy": (
        "数据库正忙（其他人正在写入），未写入任何数据，请稍后重试。",
        "The database is busy with another write; nothing was written. Please retry.",
    ),
    "problem.may_not_upload": ("角色“{role}”无权上报数据", "role '{role}' may not upload data"),
    "problem.not_assigned": (
        "无权上报地区“{value}”的数据（可上报：{allowed}）",
        "you may not upload data for jurisdiction '{value}' (allowed: {allowed})",
    ),
    "problem.bad_encoding": (
        "文件的文字编码不受支持（例如 Big5、Shift-JIS 或 Latin-1）。仅接受 UTF-8（可带 BOM）、UTF"
        "-16 或 GBK/GB18030，请在 Excel 中另存为“CSV UTF-8”后再上传",
        "the file's text encoding is not accepted (e.g. Big5, Shift-JIS or Latin-1). Only UTF-8 "
        "(with or without BOM), UTF-16 or GBK/GB18030 are accepted: save it as 'CSV UTF-8' in "
        "Excel and upload again",
    ),
    "problem.too_large_stream": (
        "文件超过上限 {limit} MB，已停止读取",
        "the file is larger than the limit of {limit} MB; reading stopped",
    ),
    "problem.more_cells": (
        "本行有 {cells} 个单元格，表头只有 {width} 个（多出的分隔符会使后面的列错位；含千位分隔符"
        '的数字请加引号，如 "1,234"）',
        "this row has {cells} cells but the header {width} (a stray separator shifts the columns "
        'after it; quote numbers with thousands separators, e.g. "1,234")',
    ),
    "problem.split_number": (
        '数值“{value}”与下一列“{next}”像是被千位分隔符拆开的同一个数字，请加引号（如 "{value},{n'
        'ext}"）或去掉分隔符',
        "value '{value}' and the next cell '{next}' look like one number split at a thousands "
        'separator: quote it (e.g. "{value},{next}") or drop the separator',
    ),
    "problem.period_out_of_range": (
        "期间“{value}”超出可接受的年份范围（{first}–{last} 年）",
        "period '{value}' is outside the accepted years ({first}-{last})",
    ),
    "problem.control_characters": (
        "含有控制字符（如 NUL），请删除后再上传",
        "contains control characters (such as NUL); remove them and upload again",
    ),
    "problem.encrypted_workbook": (
        "工作簿有密码保护或为旧版 .xls 格式，无法读取：请去掉密码并另存为 .xlsx 或 CSV",
        "the workbook is password-protected or in the old .xls format: remove the password and "
        "save it as .xlsx or CSV",
    ),
    "problem.corrupt_workbook": (
        "工作簿已损坏或不是 Excel 文件：请在 Excel 中重新另存为 .xlsx 或 CSV",
        "the workbook is damaged or not an Excel file: save it again as .xlsx or CSV in Excel",
    ),
    "problem.workbook_too_big": (
        "工作簿解压后约 {size} MB，超过上限 {limit} MB",
        "the workbook unpacks to about {size} MB, more than the limit of {limit} MB",
    ),
    "problem.workbook_too_many_cells": (
        "工作簿的单元格超过 {limit} 个（含空行空列占用的范围），请只保留上报数据",
        "the workbook spans more than {limit} cells (including the empty rows and columns it "
        "reaches); keep only the report's rows",
    ),
    "problem.workbook_too_many_columns": (
        "工作簿的列数超过 {limit} 列",
        "the workbook has more than {limit} columns",
    ),
    "problem.cell_too_long": (
        "文件中有单元格超过 {limit} 个字符",
        "a cell of the file holds more than {limit} characters",
    ),
    "problem.text_too_long": (
        "文字长度 {length} 字符，超过单元格上限 {limit} 字符",
        "the text has {length} characters, more than a cell holds ({limit})",
    ),
    # ---- Outcomes of an upload, revert or catalog change (command line and pages alike) ----
    "outcome.committed": (
        "已入库：批次 {batch}（{rows} 行）",
        "Committed batch {batch} ({rows} rows)",
    ),
    "outcome.duplicate": (
        "该文件已入库为批次 {batch}，未重复写入",
        "This file is already in batch {batch}; nothing written",
    ),
    "outcome.rejected": (
        "文件未通过校验，数据库未改动。问题 {count} 个：",
        "The file failed validation; the database is unchanged. {count} problem(s):",
    ),
    "outcome.reverted": ("已撤回批次 {batch}", "Reverted batch {batch}"),
    "outcome.catalog_installed": (
        "目录已更新为第 {version} 版",
        "Catalog version {version} installed",
    ),
    # ---- Command line ----
    "cli.initialised": ("数据库已就绪：{path}", "database ready: {path}"),
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
    "cli.demo_loaded": ("已载入示例数据：批次 {batch}", "sample data loaded as batch {batch}"),
    "cli.demo_skipped": (
        "数据库已有数据，未载入示例数据",
        "the database already holds data; sample data not loaded",
    ),
    "cli.unknown_jurisdiction": ("未知地区代码：{code}", "unknown jurisdiction code: {code}"),
    "cli.no_such_file": ("文件不存在：{path}", "no such file: {path}"),
    "cli.user_added": ("已添加用户 {name}（{role}）", "user {name} added ({role})"),
    "cli.user_removed": ("已删除用户 {name}", "user {name} removed"),
    "cli.password_changed": ("已更改 {name} 的密码", "password of {name} changed"),
    "cli.password_prompt": ("{name} 的密码：", "Password for {name}: "),
    "cli.password_repeat": ("再次输入密码：", "Repeat the password: "),
    "cli.password_mismatch": ("两次输入的密码不一致", "the passwords do not match"),
    "cli.briefing_written": (
        "简报已保存：{path}（{pages} 页，每页 {width}×{height} 像素）",
        "briefing written: {path} ({pages} page(s) of {width}×{height} px)",
    ),
    "cli.no_out_dir": ("输出目录不存在：{path}", "the output folder does not exist: {path}"),
    # ---- The store: locks, full disks, damaged files, backups, copies (kpi.storage) ----
    "store.locked": (
        "数据库 {path} 正被另一个程序占用（{holder}），已等待 {seconds} 秒仍未释放，"
        "未写入任何数据。请稍后重试，或先结束该程序。",
        "The database {path} is held by another program ({holder}); waited {seconds} s. "
        "Nothing was written. Retry later, or stop that program first.",
    ),
    "store.disk_full": (
        "存放数据库 {path} 的磁盘已满，未写入任何数据。请清理磁盘空间后重试。",
        "The disk holding the database {path} is full; nothing was written. "
        "Free some disk space, then retry.",
    ),
    "store.damaged_checksum": (
        "数据库文件 {path} 已损坏（数据块校验和不符）。请停止写入，并用 "
        "kpi restore 备份目录 从最近的备份恢复（见 README“备份与恢复”）。",
        "The database file {path} is damaged (a block's checksum does not match). Stop "
        "writing to it and restore the latest backup with kpi restore BACKUP_DIR "
        "(README, 'Backup and restore').",
    ),
    "store.damaged_truncated": (
        "数据库文件 {path} 已损坏（文件被截断，比其内容应有的长度短）。请停止写入，并用 "
        "kpi restore 备份目录 从最近的备份恢复（见 README“备份与恢复”）。",
        "The database file {path} is damaged (truncated: shorter than its contents need). "
        "Stop writing to it and restore the latest backup with kpi restore BACKUP_DIR "
        "(README, 'Backup and restore').",
    ),
    "store.damaged_not_database": (
        "文件 {path} 不是有效的数据库文件（可能已被覆盖或损坏）。请检查 KPI_DB / --db "
        "设置，或用 kpi restore 备份目录 从最近的备份恢复（见 README“备份与恢复”）。",
        "The file {path} is not a valid database file (overwritten or damaged). Check "
        "KPI_DB / --db, or restore the latest backup with kpi restore BACKUP_DIR "
        "(README, 'Backup and restore').",
    ),
    "store.damaged_server": (
        "数据库 {path} 报告数据已损坏。请联系数据库管理员，并用 kpi restore 备份目录 "
        "从最近的备份恢复（见 README“备份与恢复”）。",
        "The database {path} reports damaged data. Tell its administrator, and restore "
        "the latest backup with kpi restore BACKUP_DIR (README, 'Backup and restore').",
    ),
    "store.unreachable": (
        "无法连接数据库 {path}：{reason}。请检查 KPI_DB 设置以及数据库服务器是否在运行。",
        "Cannot reach the database {path}: {reason}. Check KPI_DB and that the database "
        "server is running.",
    ),
    "store.unreachable.not_running": (
        "数据库服务器未运行，或地址、端口不对",
        "the server is not running, or the address or port is wrong",
    ),
    "store.unreachable.refused_login": (
        "服务器拒绝登录（数据库用户名或密码不对）",
        "the server refused the login (wrong database user or password)",
    ),
    "store.unreachable.no_database": ("服务器上没有这个数据库", "the server has no such database"),
    "store.unreachable.timeout": ("连接超时", "the connection timed out"),
    "store.unreachable.lost": ("与服务器的连接中断了", "the connection to the server was lost"),
    "store.unreachable.other": ("服务器拒绝了连接", "the server refused the connection"),
    "backup.dir_not_empty": (
        "备份目录 {dir} 不是空的；请指定新目录，以免覆盖已有备份。",
        "The backup folder {dir} is not empty; name a new one so no backup is overwritten.",
    ),
    "backup.no_manifest": (
        "{dir} 中没有可读的备份清单 manifest.json，不是 kpi backup 生成的备份；未改动数据库。",
        "{dir} has no readable manifest.json: not a backup made by kpi backup. "
        "The database was not changed.",
    ),
    "backup.checksum_mismatch": (
        "备份文件 {file} 与清单中的校验和或行数不符（文件已损坏或被改动）；未改动数据库。",
        "The backup file {file} does not match the checksum or row count in the manifest "
        "(damaged or changed); the database was not changed.",
    ),
    "backup.newer_schema": (
        "{dir} 中的备份来自更新的程序版本（数据结构版本 {version}）；请先升级程序。",
        "The backup in {dir} comes from a newer release (schema version {version}); "
        "upgrade this program first.",
    ),
    "copy.target_not_empty": (
        "目标数据库 {target} 已有批次或账号；只能复制到空数据库。",
        "The target database {target} already holds batches or accounts; copy only into "
        "an empty one.",
    ),
    "copy.counts_differ": (
        "复制后核对失败：表 {table} 应有 {expected} 行，目标中为 {found} 行。",
        "Check after copying failed: table {table} should have {expected} rows, the target "
        "has {found}.",
    ),
    "copy.status_differs": (
        "复制后核对失败：{target} 中各目标的状态与源数据库不同。",
        "Check after copying failed: the status of the targets in {target} differs from "
        "the source.",
    ),
    "cli.backup_done": (
        "备份已写入 {dir}：{tables} 张表，共 {rows} 行，附校验和清单。",
        "backup written to {dir}: {tables} tables, {rows} rows, with a checksummed manifest",
    ),
    "cli.restore_done": (
        "已从 {dir} 恢复数据库（共 {rows} 行）。",
        "database restored from {dir} ({rows} rows)",
    ),
    "cli.copy_done": (
        "已复制到 {target}（共 {rows} 行）；行数一致，{targets} 个目标的状态一致。",
        "copied to {target} ({rows} rows); row counts match and the status of all "
        "{targets} targets matches",
    ),
    "store.no_batch": ("没有编号为 {batch} 的批次", "no batch {batch}"),
    "store.already_reverted": (
        "批次 {batch} 已于 {at} 撤回",
        "batch {batch} was already reverted at {at}",
    ),
    "store.user_exists": ("用户 {name} 已存在", "user {name!r} already exists"),
    "store.no_user": ("没有用户 {name}", "no user {name!r}"),
    # ---- Dashboard shell: pages, sidebar, sample-data notice ----
    "page.overview": ("总览", "Overview"),
    "sidebar.language": ("语言 / Language", "语言 / Language"),
    "sidebar.all": ("全部", "All"),
    "sidebar.known_at_on": ("按历史时点查看", "As known on a past day"),
    "sidebar.known_at": ("数据知悉日期", "As known on"),
    "sidebar.known_at_help": (
        "只计入该日结束前已上报的批次和已做的撤回，重现当时所知的情况。",
        "Counts only batches uploaded, and reverts made, by the end of that day: the view as "
        "it was known then.",
    ),
    "view.known_at": (
        "按 {day} 当日所知的数据显示（此后的上报与撤回不计入）。",
        "Shown as known on {day} (later uploads and reverts are not counted).",
    ),
    "sample.banner": (
        "当前数据库含示例数据（随机生成，非真实统计），仅供演示。",
        "The database holds SAMPLE DATA (generated, not real statistics), for demonstration only.",
    ),
    "sample.label": ("示例数据（非真实统计）", "SAMPLE DATA (not real statistics)"),
    "page.upload": ("数据上报", "Upload"),
    "page.briefing": ("简报", "Briefing"),
    "page.jurisdiction": ("分地区", "Jurisdiction"),
    "page.compare": ("对比", "Compare"),
    "page.target": ("目标详情", "Target detail"),
    "sidebar.today": ("今天（{day}）", "Today ({day})"),
    "sidebar.quarter_end": ("{day}（{quarter} 末）", "{day} (end of {quarter})"),
    "page.draft": ("起草目标", "Draft targets"),
    "page.accounts": ("账号管理", "Accounts"),
    # ---- Headline sentence ----
    "headline.sentence": ("{place} {n} 项目标：{parts}", "{place}, {n} targets: {parts}"),
    "headline.sentence_one": ("{place} {n} 项目标：{parts}", "{place}, 1 target: {parts}"),
    "headline.part": ("{count} 项{status}", "{count} {status}"),
    "headline.separator": ("，", ", "),
    "headline.no_targets": ("{place} 暂无目标", "{place}: no targets"),
    # ---- Sign-in ----
    "auth.name": ("用户名", "User name"),
    "auth.password": ("密码", "Password"),
    "auth.failed": ("用户名或密码错误", "wrong user name or password"),
    "auth.signed_in_as": ("已登录：{name}（{role}）", "Signed in as {name} ({role})"),
    "auth.sign_out": ("退出登录", "Sign out"),
    "auth.upload_needs_login": (
        "上报数据需要登录（编辑或管理员账号）。",
        "Uploading data requires signing in (editor or admin account).",
    ),
    "auth.viewer_cannot_upload": (
        "查看者账号只能浏览，不能上报数据。",
        "A viewer account can read but not upload.",
    ),
    "auth.sign_in": ("登录", "Sign in"),
    # ---- Upload page ----
    "upload.template": ("下载上报模板", "Download a template"),
    "upload.template_jurisdiction": ("模板地区", "Template for jurisdiction"),
    "upload.template_help": (
        "每个指标的每个应报未报季度一行（无缺报时为下一个应报季度）；填写数值后上传，未填写的行请"
        "删除。",
        "One row per metric and quarter due but not reported (else its next quarter due); fill "
        "in the values and upload. Delete rows you leave empty.",
    ),
    "upload.template_csv": ("下载 CSV 模板", "Download CSV template"),
    "upload.template_xlsx": ("下载 XLSX 模板", "Download XLSX template"),
    "upload.file": ("上传 CSV 或 XLSX 文件", "Upload a CSV or XLSX file"),
    "upload.preview": ("预览：与当前数据相比", "Preview: changes against current values"),
    "upload.commit": ("确认入库", "Commit"),
    "upload.refused": (
        "无法入库：文件有问题或无权上报，数据库未改动。",
        "Not committed: the file has problems or you may not upload it; nothing written.",
    ),
    "upload.history": ("上报批次记录", "Upload batches"),
    "upload.revert": ("选择要撤回的批次", "Batch to revert"),
    "upload.revert_button": ("撤回…", "Revert…"),
    "upload.completeness": ("报送完整性", "Reporting completeness"),
    "upload.completeness_help": (
        "截至 {day}：各地区各指标自规划起始至最近已结束季度（不超过规划期末）应报而未报的季度，缺"
        "报最多的排在前面。",
        "As of {day}: quarters due from each plan's start up to the last closed quarter (not "
        "beyond the deadline) that have not been reported; most missing first.",
    ),
    "upload.catalog": ("更新目标目录（管理员）", "Update the target catalog (admin)"),
    "upload.catalog_file": ("上传目录 TOML 文件", "Upload a catalog TOML file"),
    "upload.catalog_install": ("校验并启用", "Validate and install"),
    "upload.catalog_rejected": (
        "目录文件无效，未做任何改动：",
        "The catalog file is invalid; nothing was changed:",
    ),
    "upload.reverted": ("已撤回{batch}", "Reverted {batch}"),
    "upload.template_plan_ended": (
        "{plan}已于 {end} 结束，所有季度均已报送，无需再填报模板。",
        "{plan} ended on {end} and every quarter has been reported: no template is needed.",
    ),
    "upload.batch_label": (
        "批次 {batch} · {file} · {time} · {user} · {rows} 行",
        "batch {batch} · {file} · {time} · {user} · {rows} rows",
    ),
    "upload.batch_live": ("有效", "live"),
    "upload.batch_reverted": ("已于 {time} 由 {user} 撤回", "reverted {time} by {user}"),
    "upload.already_committed": (
        "该文件已入库（{batch}），内容完全相同，无需再次入库。",
        "This file is already committed ({batch}); its content is identical, nothing to commit.",
    ),
    "upload.revert_confirm": (
        "确认撤回{batch}？撤回后该批次数据不再计入当前值（不删除任何数据，可在审计记录中查到）。",
        "Revert {batch}? Its values stop counting as current (nothing is deleted; the audit "
        "trail keeps it).",
    ),
    "upload.revert_yes": ("确认撤回", "Yes, revert"),
    "upload.revert_no": ("取消", "Cancel"),
    "upload.template_nothing_due": ("目前没有应报的季度。", "No quarter is due at the moment."),
    "upload.pick_file": ("选择文件", "Choose a file"),
    "upload.limit_short": ("单个文件不超过 {limit} MB", "Up to {limit} MB per file"),
    # ---- Accounts page ----
    "accounts.admin_only": (
        "账号管理仅限管理员，请以管理员账号登录。",
        "Managing accounts is for admins: sign in with an admin account.",
    ),
    "accounts.list": ("全部账号", "All accounts"),
    "accounts.add": ("添加账号", "Add an account"),
    "accounts.change": ("修改角色与地区", "Change role and jurisdictions"),
    "accounts.reset": ("重置密码", "Reset a password"),
    "accounts.remove": ("删除账号", "Remove an account"),
    "accounts.user": ("账号", "Account"),
    "accounts.name": ("用户名（字母、数字及 _ . @ -）", "User name (letters, digits, _ . @ -)"),
    "accounts.role": ("角色", "Role"),
    "accounts.jurisdictions": ("可上报地区（编辑需至少一个）", "May upload for (editors: 1+)"),
    "accounts.password": ("密码", "Password"),
    "accounts.repeat": ("再次输入密码", "Repeat the password"),
    "accounts.submit_add": ("添加", "Add"),
    "accounts.submit_change": ("保存", "Save"),
    "accounts.submit_reset": ("重置密码", "Reset password"),
    "accounts.submit_remove": ("删除", "Remove"),
    "accounts.remove_sure": ("确认删除该账号", "Yes, remove this account"),
    "accounts.remove_unconfirmed": (
        "请先勾选确认框再删除。",
        "Tick the confirmation box to remove the account.",
    ),
    "accounts.audit_note": (
        "每次更改都会写入审计记录（操作人与时间）。",
        "Every change is written to the audit log (who and when).",
    ),
    "accounts.added": ("已添加账号 {name}", "Account {name} added"),
    "accounts.role_changed": ("已更新 {name} 的角色与地区", "Role of {name} updated"),
    "accounts.password_reset": ("已重置 {name} 的密码", "Password of {name} reset"),
    "accounts.removed": ("已删除账号 {name}", "Account {name} removed"),
    "accounts.failed": (
        "未能更改账号 {name}（可能已被他人更改），请刷新后重试。",
        "Could not change account {name} (someone may have changed it); reload and retry.",
    ),
    "accounts.bad_name": (
        "用户名“{name}”无效：只能使用字母、数字及 _ . @ -（1–64 个字符）",
        "Invalid user name '{name}': letters, digits and _ . @ - only (1-64 characters)",
    ),
    "accounts.exists": ("账号 {name} 已存在", "Account {name} already exists"),
    "accounts.bad_role": ("请选择角色", "Choose a role"),
    "accounts.editor_needs_jurisdiction": (
        "编辑账号至少需要一个可上报地区",
        "An editor needs at least one jurisdiction",
    ),
    "accounts.password_mismatch": ("两次输入的密码不一致", "The passwords do not match"),
    "accounts.password_short": (
        "密码至少需要 {n} 个字符",
        "The password needs at least {n} characters",
    ),
    "accounts.password_long": ("密码最多 {n} 字节", "The password may have at most {n} bytes"),
    "accounts.not_yourself": (
        "不能删除自己的账号或取消自己的管理员角色（请由另一位管理员操作）",
        "You cannot remove or demote your own account (ask another admin)",
    ),
    # ---- Drafting targets from a policy text (command line and page) ----
    "draft.intro": (
        "上传或粘贴一份规划政策原文，系统列出其中的量化目标供审核；修改或删除后预览目录并启用。",
        "Upload or paste a plan's policy text; its numeric commitments are drafted for review. "
        "Edit or drop rows, preview the catalog, install.",
    ),
    "draft.admin_only": (
        "仅管理员可起草并启用目标。",
        "Only an admin may draft and install targets.",
    ),
    "draft.file": (
        "上传政策原文（TXT、DOCX 或带文字层的 PDF）",
        "Upload the policy text (TXT, DOCX or a PDF with a text layer)",
    ),
    "draft.paste": ("或粘贴政策原文", "or paste the policy text"),
    "draft.unsupported_type": (
        "不支持的文件类型：{name}（请上传 TXT、DOCX 或 PDF）",
        "unsupported file type: {name} (upload TXT, DOCX or PDF)",
    ),
    "draft.unreadable": ("无法读取文件 {name}（{detail}）", "cannot read {name} ({detail})"),
    "draft.no_text": (
        "{name} 中没有可读取的中文文字（扫描版 PDF 需先做文字识别）",
        "{name} holds no readable Chinese text (a scanned PDF needs OCR first)",
    ),
    "draft.cli_summary": (
        "已起草 {targets} 项目标、{support} 项资金支持措施，请逐项审核后再启用",
        "drafted {targets} targets and {support} support measures; review each before installing",
    ),
    "draft.none_found": ("原文中未找到量化目标。", "No numeric commitments found in the text."),
    "draft.plan": ("规划信息", "Plan"),
    "draft.plan_code": ("规划代码", "Plan code"),
    "draft.jurisdiction": ("地区代码", "Jurisdiction code"),
    "draft.jurisdiction_name": ("地区名称", "Jurisdiction name"),
    "draft.doc_number": ("文号", "Document number"),
    "draft.title": ("标题", "Title"),
    "draft.issued": ("印发日期", "Issued"),
    "draft.start": ("起始日期", "Start"),
    "draft.end": ("截止日期", "End"),
    "draft.items": ("起草的目标", "Drafted targets"),
    "draft.in_context": ("原文中的句子", "Sentences in their paragraphs"),
    "draft.support": ("资金支持措施（不作为目标）", "Support measures (money, not targets)"),
    "draft.preview": ("目录预览（新增部分）", "Catalog preview (what is added)"),
    "draft.install": ("校验并启用", "Validate and install"),
    "draft.installed": (
        "已启用目录第 {version} 版，政策原文已保存为 {source}",
        "catalog version {version} installed; the policy text is saved as {source}",
    ),
    "problem.draft_not_verbatim": (
        "原文中找不到“{text}”",
        "'{text}' is not in the policy text",
    ),
    "problem.draft_source_taken": (
        "政策原文文件 {source} 已存在且内容不同，请换一个规划代码",
        "a different policy text is already saved as {source}; choose another plan code",
    ),
    "problem.draft_admin_only": (
        "仅管理员可起草并启用目标",
        "only an admin may draft and install targets",
    ),
    "problem.catalog_entry": ("目录校验未通过：{detail}", "catalog check: {detail}"),
    "problem.draft_no_title_en": ("规划英文标题为空", "the plan's English title is empty"),
    "problem.draft_no_english": (
        "英文译文或新指标英文名称为空，英文界面将显示为空",
        "the English text or the new metric's English name is empty",
    ),
    "draft.kind_reason": ("依据“{word}”", "from '{word}'"),
    "draft.kind_default": ("未见关键词，默认增量", "no telling word; flow by default"),
    "draft.items_help": (
        "可直接修改；取消“保留”即删除该行。指标一栏填写已有指标代码或新代码。",
        "Drafted targets: edit in place; untick 'keep' to drop a row. Metric: an existing metric "
        "code, or a new one.",
    ),
    "draft.warnings": ("可以启用，但以下内容待补：", "Can be installed, but these are missing:"),
    "draft.jurisdiction_name_en": ("地区英文名称", "Jurisdiction name (English)"),
    "draft.title_en": ("英文标题", "Title (English)"),
    # ---- Overview page ----
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
    "jurisdiction.pick_one": (
        "目录共有 {n:,} 个地区：请在左侧选择一个地区查看其各项目标的图表。",
        "The catalog holds {n:,} jurisdictions: choose one in the sidebar to see its charts.",
    ),
    "overview.no_match": (
        "没有名称或代码包含“{query}”的地区。",
        "No jurisdiction's name or code contains '{query}'.",
    ),
    # ---- Jurisdiction page ----
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
    # ---- Compare page ----
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
    "compare.targets": ("各目标明细", "Per target"),
    # ---- Target page ----
    "target.audit": (
        "审计记录（上报、撤回与目录变更）",
        "Audit trail (uploads, reverts, catalog changes)",
    ),
    "target.no_audit": ("暂无审计记录", "No audit entries yet"),
    "target.select": ("选择目标", "Choose a target"),
    "target.policy": ("政策原文", "Policy text"),
    "target.source": (
        "出处：《{plan}》（{doc}，{issued} 印发），{section}",
        "Source: 《{plan}》 ({doc}, issued {issued}), {section}",
    ),
    "target.revised_after_close": (
        "期末（{close}）时所知的判定为“{then}”；其后的上报或撤回将结论改为“{now}”（期末后修订）。",
        "As known at the close ({close}) the verdict was '{then}'; a later upload or revert "
        "changed it to '{now}' (revised after close).",
    ),
    "target.download_text": ("下载政策原文（文本文件）", "Download the policy text (text file)"),
    "target.no_text": (
        "政策原文文件 {source} 不在 data/policy/ 中或与目录记录的 SHA-256 不符。",
        "The policy text {source} is not in data/policy/ or does not match the catalog's SHA-256.",
    ),
    "target.kind": ("统计口径：{kind}；单位：{unit}", "Measured as: {kind}; unit: {unit}"),
    "target.status": ("当前状态", "Current status"),
    "target.history": (
        "观测记录（含全部修订及其批次）",
        "Observations (every revision, with its batch)",
    ),
    "target.no_history": ("尚无该指标的观测数据。", "No observations for this metric yet."),
    "target.after_as_of": ("晚于截至日期，未计入", "after the as-of date: not counted"),
    "target.after_as_of_note": (
        "有 {n} 条观测晚于截至日期 {as_of}，已标注，未计入上方状态。",
        "{n} observation(s) fall after the as-of date {as_of}: marked, not counted above.",
    ),
    # ---- Charts ----
    "chart.threshold": ("目标", "Target"),
    "chart.forecast_at": ("期末预测 {value}", "Forecast at deadline: {value}"),
    "chart.as_of_line": ("截至 {day}", "as of {day}"),
    "chart.as_of_clamped": (
        "截至 {day}（晚于期末，画在期末处）",
        "as of {day} (after the deadline: drawn at it)",
    ),
    "chart.line_target": ("100%：达到目标", "100%: target reached"),
    "chart.line_pace": ("{pace}%：{status}线", "{pace}%: {status} line"),
    "goal.approx": ("约 {number}", "about {number}"),
    "col.goal": ("目标值", "Goal"),
    "chart.expected_short": ("应达", "expected"),
    "chart.required": ("所需路径", "Required path"),
    "chart.observed": ("实际累计", "Observed"),
    "chart.forecast": ("预测", "Forecast"),
    "chart.mean_attainment": ("平均完成率", "Mean attainment"),
    "chart.mean_pace": ("平均进度比", "Mean pace"),
    # ---- Briefing (image and page) ----
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
    "briefing.footnote.source": (
        "数据来源：{agency}　制表：{preparer}",
        "Source: {agency} · Prepared by {preparer}",
    ),
    "briefing.footnote.updated": ("数据更新至 {last}", "data updated {last}"),
    "briefing.separator": ("；", "; "),
    "briefing.agency_unknown": ("报送单位未登记", "reporting agency not on record"),
    "briefing.preparer_unknown": ("未署名", "not named"),
    "briefing.overview_title": ("各地区目标完成情况", "Targets by jurisdiction"),
    "briefing.more_jurisdictions": (
        "另有 {n:,} 个地区见后续页面",
        "{n:,} more jurisdictions on the following pages",
    ),
    "briefing.footnote.no_data": ("数据：尚无已入库的数据", "Data: nothing uploaded yet"),
    "briefing.footnote.none_in_view": (
        "数据：已有 {n} 个上传批次，但截至该日期本简报范围内尚无数值（规划未开始或未报送）",
        "Data: {n} upload batch(es) exist, but none holds a figure for this briefing up to "
        "its date (plan not started or not reported)",
    ),
    "briefing.footnote.known_at": (
        "按 {day} 所知（此后的上报与撤回不计入）",
        "as known on {day} (later uploads and reverts not counted)",
    ),
    "briefing.footnote.generated": ("生成时间：{time}", "Generated {time}"),
    "briefing.footnote.method": (
        "判定规则：以最近已结束季度为评估日期；进度 =（当前值 − 基线）÷（截至当前应达值 − 基线），"
        "应达值按时间线性分摊，计数类取整；进度 ≥ 95% 为进度正常，60%–95% 为存在风险，"
        "< 60% 为明显滞后（参照联合国可持续发展目标进展评估方法）；“约”类目标按 90% 计；"
        "自期限当日起按期末值判定已完成或未完成，无数据仍为暂无数据。",
        "Rules: evaluated at the last closed quarter; pace = (value − baseline) ÷ (expected by "
        "now − baseline), on a straight path, whole items for counts; pace ≥ 95% on track, "
        "60–95% at risk, < 60% off track (UN SDG progress method); 'about' targets count as met "
        "at 90%; from the deadline day, achieved or missed on the value at the deadline, no data "
        "stays no data.",
    ),
    "briefing.watermark": ("示例数据 SAMPLE DATA", "示例数据 SAMPLE DATA"),
    "briefing.page.jurisdiction": ("简报范围", "Briefing for"),
    "briefing.page.lang": ("简报语言", "Briefing language"),
    "briefing.page.width": ("图片宽度（像素）", "Image width (pixels)"),
    "briefing.page.download": ("下载简报（PNG）", "Download briefing (PNG)"),
    "briefing.page.download_pdf": (
        "下载简报（PDF，{pages} 页）",
        "Download briefing (PDF, {pages} pages)",
    ),
    "briefing.page.format": ("版式", "Format"),
    "briefing.page.format.poster": ("长图", "Poster"),
    "briefing.page.format.slides": ("幻灯片 16:9", "Slides 16:9"),
    "briefing.page.format.a4": ("A4 文档", "A4 document"),
    "briefing.page.prepared_by": ("制表人", "Prepared by"),
    "briefing.page.rendering": ("正在生成简报图片…", "Rendering the briefing…"),
    "briefing.page.intro": (
        "生成一张可带入会议的简报图片：标题、状态汇总、各目标完成情况、进展曲线及数据来源。",
        "One image to take into a meeting: title, status summary, every target's attainment, "
        "trajectories and the data it rests on.",
    ),
    "briefing.page.error": ("无法生成简报：{detail}", "Cannot make the briefing: {detail}"),
    # ---- Downloads and exports ----
    "download.xlsx": ("下载 Excel", "Download Excel"),
    "download.csv": ("下载 CSV", "Download CSV"),
    "download.png": ("下载图片（PNG）", "Download image (PNG)"),
    "download.no_browser": (
        "服务器无法导出图片：{detail}",
        "Images cannot be exported on this server: {detail}",
    ),
    "render.bad_override": (
        "环境变量 {env}={path} 不是可执行文件。将图表导出为图片需要 Chrome/Chromium 浏览器："
        "请安装 Debian 的 chromium（apt-get install chromium），或将 {env} 设为浏览器程序的路径。",
        "{env}={path} is not an executable file. Rendering charts to PNG needs a "
        "Chrome/Chromium browser: install Debian's chromium (apt-get install chromium) or "
        "set {env} to the path of a Chrome/Chromium binary.",
    ),
    "render.no_chromium": (
        "在 {path} 和 PATH 中都没有找到 Chrome/Chromium 浏览器（查找了 {names}）。"
        "将图表导出为图片需要它：请安装 Debian 的 chromium（apt-get install chromium），"
        "或将环境变量 {env} 设为浏览器程序的路径。",
        "No Chrome/Chromium found at {path} or on PATH (looked for {names}). Rendering "
        "charts to PNG needs one: install Debian's chromium (apt-get install chromium) or "
        "set the environment variable {env} to the path of a Chrome/Chromium binary.",
    ),
    "export.truncated": (
        "……（已截断，原文共 {length} 字）",
        "... (cut: the full text has {length} characters)",
    ),
    # ---- Hostile and careless input, sign-in, CLI identity ----
    "auth.locked": (
        "登录失败次数过多，请 {minutes} 分钟后再试",
        "too many failed sign-ins; try again in {minutes} minute(s)",
    ),
    "audit.sign_in_failed": ("登录失败", "failed sign-in"),
    "audit.sign_in_locked": ("登录被暂停（失败次数过多）", "sign-in refused (too many failures)"),
    "auth.password_short": (
        "密码至少需要 {n} 个字符",
        "the password needs at least {n} characters",
    ),
    "auth.password_long": (
        "密码最多 {n} 字节（UTF-8）",
        "the password may have at most {n} bytes (UTF-8)",
    ),
    "auth.bad_name": (
        "用户名“{name}”无效：只能用字母、数字和 _ . @ -（1–64 个）",
        "invalid user name '{name}': use letters, digits and _ . @ - (1-64)",
    ),
    "auth.reserved_name": (
        "“{name}”是系统在审计记录中使用的名称，不能用作账号名",
        "'{name}' is a name the system writes in the audit log; choose another account name",
    ),
    "auth.bad_role": (
        "未知角色“{role}”，可选：{roles}",
        "unknown role '{role}'; choose one of {roles}",
    ),
    "auth.unknown_jurisdictions": ("未知地区：{codes}", "unknown jurisdiction(s): {codes}"),
    "auth.editor_needs_jurisdiction": (
        "编辑账号至少需要一个地区（--jurisdiction）",
        "an editor needs at least one --jurisdiction",
    ),
    "cli.os_error": ("无法读写文件 {path}：{reason}", "cannot read or write {path}: {reason}"),
    "catalog.invalid": ("目录文件无效：", "invalid catalog:"),
    "problem.catalog_not_utf8": (
        "目录文件不是 UTF-8 文本，请以 UTF-8 编码保存",
        "the catalog file is not UTF-8 text; save it as UTF-8",
    ),
    "problem.catalog_binary": (
        "目录文件含有控制字符，不是文本文件",
        "the catalog file holds control characters: it is not a text file",
    ),
    "problem.catalog_too_large": (
        "目录文件超过 {limit} MB",
        "the catalog file is larger than {limit} MB",
    ),
    "problem.catalog_too_deep": (
        "目录文件中的数组嵌套过深",
        "the catalog file nests arrays too deeply",
    ),
    # entries of the catalog, named in messages about them
    "catalog.kind.families": ("指标类别", "family"),
    "catalog.kind.jurisdictions": ("地区", "jurisdiction"),
    "catalog.kind.plans": ("规划", "plan"),
    "catalog.kind.metrics": ("指标", "metric"),
    "catalog.kind.targets": ("目标", "target"),
    "catalog.entry": ("{kind}“{code}”", "{kind} '{code}'"),
    "catalog.entry_no": ("第 {n} 个{kind}", "{kind} no. {n}"),
    "catalog.file": ("目录文件", "the catalog file"),
    "problem.catalog_toml_syntax": (
        "{entry}：不是有效的 TOML 写法：第 {row} 行第 {column} 列（请检查该处的引号、括号和等号）",
        "{entry}: not valid TOML at line {row}, column {column}: check the quotes, "
        "brackets and = signs there",
    ),
    "problem.catalog_toml_bad_date": (
        "{entry}：第 {row} 行第 {column} 列的日期不存在或写法不对（应为 YYYY-MM-DD）",
        "{entry}: not valid TOML at line {row}, column {column}: no such date, or not "
        "written YYYY-MM-DD",
    ),
    "problem.catalog_toml_unfinished": (
        "不是有效的 TOML 写法：文件在引号、括号或赋值未结束处终止",
        "not valid TOML: the file ends inside a quote, a bracket or an assignment",
    ),
    "problem.catalog_unknown_section": (
        "未知的部分“{name}”（可用：families、jurisdictions、plans、metrics、targets）",
        "unknown section '{name}' (use families, jurisdictions, plans, metrics, targets)",
    ),
    "problem.catalog_section_missing": (
        "缺少“{name}”部分或其为空",
        "section '{name}' is missing or empty",
    ),
    "problem.catalog_duplicate_code": ("{kind}代码“{code}”重复", "{kind} '{code}': duplicate code"),
    "problem.catalog_duplicate_name": ("{kind}名称“{code}”重复", "{kind} name '{code}': duplicate"),
    "problem.catalog_unknown_ref": (
        "{entry}：{field} 所指的{kind}“{value}”不存在",
        "{entry}: unknown {kind} '{value}' in {field}",
    ),
    "problem.catalog_field_missing": (
        "{entry}：缺少字段 {field}",
        "{entry}: {field}: field missing",
    ),
    "problem.catalog_field_unknown": (
        "{entry}：未知字段 {field}（请检查拼写）",
        "{entry}: {field}: unknown field (check its spelling)",
    ),
    "problem.catalog_field_not_text": (
        "{entry}：{field} 应为加引号的文字，而不是 {value}",
        "{entry}: {field}: should be text in quotes, not {value}",
    ),
    "problem.catalog_field_bad_code": (
        "{entry}：{field} 的值“{value}”不符合代码规则：只能用字母、数字及 _ . -，"
        "以字母或数字开头，最长 64 个字符",
        "{entry}: {field}: '{value}' does not fit the code pattern: letters, digits and "
        "_ . - only, starting with a letter or digit, up to 64 characters",
    ),
    "problem.catalog_field_not_number": (
        "{entry}：{field} 应为数字，而不是 {value}",
        "{entry}: {field}: should be a number, not {value}",
    ),
    "problem.catalog_field_not_whole": (
        "{entry}：{field} 应为整数，而不是 {value}",
        "{entry}: {field}: should be a whole number, not {value}",
    ),
    "problem.catalog_field_not_finite": (
        "{entry}：{field} 应为有限的数字，不能是 {value}",
        "{entry}: {field}: should be a finite number, not {value}",
    ),
    "problem.catalog_field_not_one_of": (
        "{entry}：{field} 的值“{value}”无效，可选：{choices}",
        "{entry}: {field}: '{value}' is not one of {choices}",
    ),
    "problem.catalog_field_not_date": (
        "{entry}：{field} 应为日期 YYYY-MM-DD（不加引号），而不是 {value}",
        "{entry}: {field}: should be a date written YYYY-MM-DD (no quotes), not {value}",
    ),
    "problem.catalog_field_not_bool": (
        "{entry}：{field} 应为 true 或 false，而不是 {value}",
        "{entry}: {field}: should be true or false, not {value}",
    ),
    "problem.catalog_field_too_small": (
        "{entry}：{field} 不能小于 {limit}（现为 {value}）",
        "{entry}: {field}: may not be below {limit} (is {value})",
    ),
    "problem.catalog_field_not_table": (
        "{entry}：应为一个 [[条目]]（键 = 值 的表），而不是 {value}",
        "{entry}: should be a [[table]] of key = value pairs, not {value}",
    ),
    "problem.catalog_field_invalid": (
        "{entry}：{field} 的值无效：{value}",
        "{entry}: {field}: invalid value {value}",
    ),
    "problem.catalog_rule_period_order": (
        "{entry}：起始日期 start {start} 不早于结束日期 end {end}",
        "{entry}: start {start} is not before end {end}",
    ),
    "problem.catalog_rule_min_not_positive": (
        "{entry}：min 必须大于 0，现为 {min}",
        "{entry}: min must be positive, got {min}",
    ),
    "problem.catalog_rule_range_needs_max": (
        "{entry}：区间目标（range）需要 max",
        "{entry}: a range target needs max",
    ),
    "problem.catalog_rule_min_above_max": (
        "{entry}：min {min} > max {max}，下限大于上限",
        "{entry}: min {min} > max {max}: the lower bound exceeds the upper",
    ),
    "problem.catalog_rule_max_not_allowed": (
        "{entry}：只有区间目标（range）可以有 max，本目标为 {comparator}",
        "{entry}: max is only allowed on range targets, not {comparator}",
    ),
    "problem.revision_jump": (
        "{period} 的数值由 {old} 改为 {new}，是原值的 {ratio} 倍，请确认无误",
        "revises {period} from {old} to {new}, {ratio} times the stored value: please check",
    ),
    "problem.series_jump": (
        "{period} 的数值 {new} 是上一期（{previous}：{old}）的 {ratio} 倍，请确认无误",
        "{period} at {new} is {ratio} times the quarter before ({previous}: {old}): please check",
    ),
    "upload.warnings": (
        "以下 {count} 个数值与已有数据相差 10 倍以上。确认无误后方可入库：",
        "{count} value(s) differ tenfold or more from the data so far. Confirm them to commit:",
    ),
    "upload.accept_warnings": (
        "我已核对以上数值，确认无误",
        "I have checked these values and they are right",
    ),
    "upload.confirm_warnings": (
        "请先确认上述警告再入库",
        "confirm the warnings above before committing",
    ),
    "cli.warnings": (
        "文件中有 {count} 个数值与已有数据相差 10 倍以上，未入库，数据库未改动。"
        "核对无误后加 --accept-warnings 重新执行：",
        "{count} value(s) differ tenfold or more from the data so far; nothing was "
        "committed. Check them, then run again with --accept-warnings:",
    ),
    "briefing.bad_format": ("版式应为 {formats} 之一", "format must be one of {formats}"),
    "briefing.bad_file_type": (
        "--format {format} 只能写入 {types} 文件，不能写 {name}",
        "--format {format} writes {types} files, not {name}",
    ),
    "briefing.unknown_jurisdiction": (
        "未知地区“{code}”，可选：{known}",
        "unknown jurisdiction '{code}'; use one of {known}",
    ),
    "briefing.bad_width": (
        "宽度须在 {low} 到 {high} 像素之间",
        "width must be between {low} and {high} px",
    ),
    "cli.unknown_account": (
        "没有名为“{name}”的账号：--user/--by 须为已有账号，省略则以操作系统用户身份执行",
        "there is no account named '{name}': --user/--by must name an existing account; "
        "leave it out to act as the operating-system user",
    ),
    "cli.not_permitted": (
        "账号“{name}”（{role}）无权执行此操作",
        "account '{name}' ({role}) may not do this",
    ),
}


def t(key: str, lang: str = DEFAULT_LANG, /, **params: object) -> str:
    """The string for ``key`` in ``lang`` with ``params`` filled in; a parameter with a
    ``text(lang)`` method (a Phrase, a kpi.domain.problems.Problem) is told in the same language."""
    zh, en = STRINGS[key]
    text = en if lang == "en" else zh
    if not params:
        return text
    return text.format(**{k: _told(v, lang) for k, v in params.items()})


def _told(value: object, lang: str) -> object:
    text = getattr(value, "text", None)
    return text(lang) if callable(text) else value


@dataclass(frozen=True)
class Phrase:
    """A message key and its parameters, told in a language later: a parameter of another
    message that is itself translated. Problems are kpi.domain.problems.Problem; a Phrase is only
    a part of one, such as a catalog entry's name ("目标“X”" / "target 'X'", whose kind
    is one too) or the reason a database cannot be reached."""

    key: str
    params: dict[str, object] = field(default_factory=dict)

    def text(self, lang: str = DEFAULT_LANG) -> str:
        return t(self.key, lang, **self.params)
