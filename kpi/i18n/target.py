"""The Target page."""

STRINGS: dict[str, tuple[str, str]] = {
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
    "target.reasons": ("原因分析与下一步措施", "Reasons and next steps"),
    "target.no_reasons": (
        "尚无报送的原因分析或下一步措施。",
        "No reason or next steps reported yet.",
    ),
    "target.no_history": ("尚无该指标的观测数据。", "No observations for this metric yet."),
    "target.after_as_of": ("晚于截至日期，未计入", "after the as-of date: not counted"),
    "target.after_as_of_note": (
        "有 {n} 条观测晚于截至日期 {as_of}，已标注，未计入上方状态。",
        "{n} observation(s) fall after the as-of date {as_of}: marked, not counted above.",
    ),
}
