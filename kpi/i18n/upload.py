"""The Upload page: templates, checking and committing a file, reverting a batch."""

STRINGS: dict[str, tuple[str, str]] = {
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
    "upload.explanation_missing": ("说明待补充", "Explanation missing"),
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
}
