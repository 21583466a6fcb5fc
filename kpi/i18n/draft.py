"""Drafting a plan's targets from its policy text (command line and page)."""

STRINGS: dict[str, tuple[str, str]] = {
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
    "draft.cli_tasks": (
        "另起草 {tasks} 项任务（含措施），涉及 {units} 个责任单位",
        "also drafted {tasks} tasks and measures naming {units} responsible units",
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
    "draft.reporting_agency": ("数据报送机构", "Reporting agency"),
    "draft.reporting_agency_en": ("报送机构英文名称", "Reporting agency (English)"),
}
