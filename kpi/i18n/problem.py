"""Problems found in an uploaded file, a catalog or an upload, keyed by problem code."""

STRINGS: dict[str, tuple[str, str]] = {
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
    "problem.not_signed_in": ("请先登录再上报数据", "sign in to upload data"),
    "problem.admin_only": ("仅管理员可执行此操作", "Only an admin may do this"),
    "problem.busy": (
        "数据库正忙（其他人正在写入），未写入任何数据，请稍后重试。",
        "The database is busy with another write; nothing was written. Please retry.",
    ),
    "problem.may_not_upload": ("角色“{role}”无权上报数据", "role '{role}' may not upload data"),
    "problem.unknown_task": (
        "未知任务“{value}”（填写任务代码，如 BJ-2024.T5；kpi tasks 列出全部任务）",
        "unknown task '{value}' (give its code, e.g. BJ-2024.T5; kpi tasks lists them)",
    ),
    "problem.bad_task_status": (
        "无法识别的进展状态“{value}”（可填：{choices}）",
        "unrecognised status '{value}' (use one of: {choices})",
    ),
    "problem.missing_progress": (
        "缺少进展情况（未启动以外的任务须说明进展）",
        "progress is missing (required unless the task has not started)",
    ),
    "problem.duplicate_task_row": (
        "与第 {first} 行重复（同一任务和期间）",
        "duplicates row {first} (same task and period)",
    ),
    "problem.period_outside_plan": (
        "期间 {value} 不在任务期限内（{start} 至 {end}）",
        "period {value} is outside the task's span ({start} to {end})",
    ),
    "problem.task_not_assigned": (
        "无权上报任务“{value}”的进展（本账号的责任单位：{allowed}）",
        "you may not report on task '{value}' (your units: {allowed})",
    ),
    "problem.may_not_report_tasks": (
        "角色“{role}”未分配责任单位，不能上报任务进展",
        "role '{role}' has no responsible unit assigned and may not report task progress",
    ),
    "problem.unknown_measure": (
        "未知措施“{value}”（填写目录中支持措施的代码，可用命令列出全部措施）",
        "unknown measure '{value}' (give a support measure's code; kpi measures lists them)",
    ),
    "problem.missing_cell": ("此栏为空", "this cell is empty"),
    "problem.bad_credit_code": (
        "统一社会信用代码“{value}”无效（应为18位，末位校验码须符合国家标准）",
        "credit code '{value}' is not valid (18 characters with a correct check character,"
        " GB 32100-2015)",
    ),
    "problem.bad_amount": (
        "金额“{value}”不是非负数",
        "amount '{value}' is not a non-negative number",
    ),
    "problem.zero_amount": ("批准金额为零", "the approved amount is zero"),
    "problem.bad_date": (
        "日期“{value}”无法识别（如 2026-03-01 或 2026年3月1日）",
        "date '{value}' is not recognised (e.g. 2026-03-01)",
    ),
    "problem.over_cap": (
        "批准金额 {value} 元超过该措施的上限 {cap} 元",
        "approved {value} yuan exceeds the measure's cap of {cap} yuan",
    ),
    "problem.over_rate": (
        "批准金额 {value} 元超过核定金额 {eligible} 元的 {percent}%（即 {limit} 元）",
        "approved {value} yuan exceeds {percent}% of the eligible {eligible} yuan ({limit} yuan)",
    ),
    "problem.over_year_cap": (
        "该单位 {year} 年在此措施下累计批准 {total} 元，超过每年上限 {cap} 元",
        "the beneficiary's approved total under this measure in {year} is {total} yuan,"
        " above the yearly cap of {cap} yuan",
    ),
    "problem.paid_over_approved": (
        "拨付金额 {value} 元超过批准金额 {approved} 元",
        "paid {value} yuan exceeds the approved {approved} yuan",
    ),
    "problem.outside_validity": (
        "批准日期 {value} 不在措施有效期内（{start} 至 {end}）",
        "approval date {value} is outside the measure's validity ({start} to {end})",
    ),
    "problem.duplicate_grant_row": (
        "与第 {first} 行重复（同一措施、单位和项目）",
        "duplicates row {first} (same measure, beneficiary and project)",
    ),
    "problem.support_twice": (
        "同一单位的同一项目已按措施 {other} 获得支持：按“从优不重复”原则不得重复支持"
        "（确属例外的，在例外说明栏写明理由，由管理员确认）",
        "this beneficiary's project is supported under {other} already: '从优不重复' allows"
        " one measure (state an exception in the exception column for an admin to accept)",
    ),
    "problem.exception_needs_admin": (
        "本行申请“从优不重复”例外，须由管理员确认后上传",
        "this row claims an exception to '从优不重复': an admin must accept and upload it",
    ),
    "problem.measure_not_assigned": (
        "无权上传措施“{value}”的资金兑现（本账号的地区：{allowed}）",
        "you may not upload grants under '{value}' (your jurisdictions: {allowed})",
    ),
    "problem.may_not_upload_grants": (
        "角色“{role}”无权上传资金兑现（需财务账号或管理员）",
        "role '{role}' may not upload grants (a finance account or an admin may)",
    ),
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
    "problem.reason_too_long": (
        "文字长度 {length} 字符，原因分析和下一步措施每格最多 {limit} 字符",
        "the text has {length} characters; a reason or next steps holds at most {limit}",
    ),
    "problem.draft_not_verbatim": (
        "原文中找不到“{text}”",
        "'{text}' is not in the policy text",
    ),
    "problem.draft_source_taken": (
        "政策原文文件 {source} 已存在且内容不同，请换一个规划代码",
        "a different policy text is already saved as {source}; choose another plan code",
    ),
    "problem.catalog_entry": ("目录校验未通过：{detail}", "catalog check: {detail}"),
    "problem.draft_no_title_en": ("规划英文标题为空", "the plan's English title is empty"),
    "problem.draft_no_english": (
        "英文译文或新指标英文名称为空，英文界面将显示为空",
        "the English text or the new metric's English name is empty",
    ),
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
    "problem.catalog_field_empty": (
        "{entry}：字段 {field} 为空，请填写",
        "{entry}: {field}: empty; fill it in",
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
    "problem.catalog_field_not_list": (
        "{entry}：{field} 应为列表 [ … ]，而不是 {value}",
        "{entry}: {field}: should be a list [ … ], not {value}",
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
    "problem.catalog_rule_annual_needs_basis": (
        "{entry}：年度指标（annual）需要 basis：ytd（年初至今累计）或 quarter（当季）",
        "{entry}: an annual metric needs basis: ytd (year to date) or quarter (the quarter's own)",
    ),
    "problem.catalog_rule_basis_not_allowed": (
        "{entry}：只有年度指标（annual）可以有 basis，本指标为 {kind}",
        "{entry}: basis is only allowed on annual metrics, not {kind}",
    ),
    "problem.catalog_rule_amount_not_positive": (
        "{entry}：金额 {field} 必须大于 0，现为 {value}",
        "{entry}: the amount {field} must be positive, got {value}",
    ),
    "problem.catalog_rule_rate_not_share": (
        "{entry}：比例 rate 应在 0 与 1 之间（如 0.3 表示 30%），现为 {rate}",
        "{entry}: rate should be a share between 0 and 1 (0.3 for 30%), got {rate}",
    ),
    "problem.catalog_rule_rate_needs_base": (
        "{entry}：有比例 rate 时须写明计算基数 rate_base_zh",
        "{entry}: a rate needs the amount it applies to (rate_base_zh)",
    ),
    "problem.catalog_rule_validity_order": (
        "{entry}：施行日期 valid_from {start} 晚于结束日期 valid_to {end}",
        "{entry}: valid_from {start} is after valid_to {end}",
    ),
    "problem.catalog_parent_cycle": (
        "{entry}：上级地区 parent 绕回了“{code}”自身",
        "{entry}: its parents lead back to '{code}' itself",
    ),
    "problem.revision_jump": (
        "{period} 的数值由 {old} 改为 {new}，是原值的 {ratio} 倍，请确认无误",
        "revises {period} from {old} to {new}, {ratio} times the stored value: please check",
    ),
    "problem.series_jump": (
        "{period} 的数值 {new} 是上一期（{previous}：{old}）的 {ratio} 倍，请确认无误",
        "{period} at {new} is {ratio} times the quarter before ({previous}: {old}): please check",
    ),
}
