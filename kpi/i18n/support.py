"""Support measures and their money (政策兑现): Support page, 支持资金, briefing, report."""

STRINGS: dict[str, tuple[str, str]] = {
    "support.intro": (
        "各项支持措施的兑现情况：批准笔数、受支持单位数、批准与拨付金额，对照措施规定的支持上限。",
        "What was granted under each support measure: grants, beneficiaries, approved and "
        "paid amounts, against the measure's cap.",
    ),
    "support.none": ("当前范围内没有支持措施。", "No support measure in this view."),
    "support.totals": (
        "{measures} 项支持措施：批准 {grants} 笔，受支持单位 {beneficiaries} 家，"
        "批准金额 {approved}，已拨付 {paid}",
        "{measures} support measures: {grants} grants to {beneficiaries} beneficiaries, "
        "{approved} approved, {paid} paid",
    ),
    "support.measures": ("各项措施兑现情况", "Measures"),
    "support.beneficiaries": ("受支持单位", "Beneficiaries"),
    "support.restricted": (
        "受支持单位名称和统一社会信用代码仅向具有财务权限的账号（财务人员、管理员）显示；"
        "其他账号只能看到合计金额和笔数。",
        "Beneficiary names and credit codes are shown only to accounts with the finance "
        "right (finance officers, administrators); others see totals and counts only.",
    ),
    "support.no_grants": ("尚无批准记录。", "No grants recorded yet."),
    "support.choose_beneficiary": ("受支持单位", "Beneficiary"),
    "support.beneficiary_grants": (
        "{name}获得的全部支持",
        "Everything {name} received",
    ),
    "support.rule_rate": ("{base}的 {percent}", "{percent} of the {base}"),
    "support.rule_cap": ("单个项目最高 {amount}", "at most {amount} per project"),
    "support.rule_cap_year": (
        "每家单位每年最高 {amount}",
        "at most {amount} per beneficiary a year",
    ),
    "support.rule_none": ("按原文规定", "as the text says"),
    "support.rule_number": ("（第 {n} 项）", " (rule {n})"),
    "support.target": ("支持资金", "Support funds"),
    "support.target_none": (
        "目录中没有关联本目标的支持措施。",
        "No support measure of the catalog is linked to this target.",
    ),
    "support.briefing_title": ("{place} · 政策兑现情况", "{place}: support measures"),
    "support.briefing_line": (
        "{measure}：{grants} 笔，{beneficiaries} 家单位，批准 {approved}，拨付 {paid}（{rule}）",
        "{measure}: {grants} grants, {beneficiaries} beneficiaries, {approved} approved, "
        "{paid} paid ({rule})",
    ),
    "support.as_of": (
        "按批准日期截至 {as_of} 统计。",
        "Grants approved on or before {as_of}.",
    ),
}
