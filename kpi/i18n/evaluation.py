"""The evaluation report (kpi report, the Briefing page's Word download)."""

STRINGS: dict[str, tuple[str, str]] = {
    "evaluation.title_plan": ("《{plan}》实施情况评估报告", "Implementation review: {plan}"),
    "evaluation.title_place": (
        "{place}合成生物制造发展目标实施情况评估报告",
        "{place}: implementation review of the synthetic-biology manufacturing targets",
    ),
    "evaluation.title_all": (
        "各地区合成生物制造发展目标实施情况评估报告",
        "All jurisdictions: implementation review of the synthetic-biology manufacturing targets",
    ),
    "evaluation.as_of": ("数据截至 {as_of}", "Figures as of {as_of}"),
    "evaluation.known_at": (
        "按 {day} 时已报送的数据统计（其后的报送与修订未计入）",
        "As known on {day} (later reports and revisions are not counted)",
    ),
    "evaluation.known_now": (
        "按报告生成时已报送的全部数据统计",
        "As known when the report was generated (every report so far)",
    ),
    "evaluation.sample_warning": (
        "注意：本报告所用数据含示例数据（随机生成，非真实统计），不得作为正式材料报送。",
        "Note: this report uses SAMPLE DATA (generated, not real statistics); do not submit it.",
    ),
    "evaluation.s1": ("一、总体进展", "1. Overall progress"),
    "evaluation.s2": ("二、目标完成情况", "2. Targets"),
    "evaluation.s3": ("三、重点任务推进情况", "3. Key tasks"),
    "evaluation.s4": ("四、政策兑现情况", "4. Policy measures and funding"),
    "evaluation.s5": ("五、存在的问题", "5. Problems"),
    "evaluation.s6": ("六、下一步工作建议", "6. Next steps"),
    "evaluation.targets_table": ("目标完成情况一览", "Targets at a glance"),
    "evaluation.chart_caption": (
        "图：各地区目标状态分布（个）",
        "Figure: targets by status and jurisdiction (count)",
    ),
    "evaluation.no_chart": (
        "（未找到 Chromium，本节图表未生成。）",
        "(Chromium was not found: the chart was not drawn.)",
    ),
    "evaluation.target_line": (
        "目标：{goal}；当前值：{value}；完成率：{attainment}；进度：{pace}；状态：{status}。",
        "Goal: {goal}; value: {value}; attainment: {attainment}; pace: {pace}; status: {status}.",
    ),
    "evaluation.reason": ("原因分析：{text}", "Reason: {text}"),
    "evaluation.reported_by": (
        "（{quarter}，{who} 报送）",
        " ({quarter}, reported by {who})",
    ),
    "evaluation.no_tasks": (
        "本报告范围内没有列入台账的重点任务。",
        "No task of the ledger is in the scope of this report.",
    ),
    "evaluation.tasks_intro": (
        "任务状态按各责任单位报送的 {quarter} 进展统计；应报未报的计为“逾期未报”。",
        "Task statuses as the responsible units reported them for {quarter}; a report due "
        "and not made counts as not reported.",
    ),
    "evaluation.tasks_by_unit": ("各责任单位任务推进情况", "Tasks by responsible unit"),
    "evaluation.tasks_attention": ("滞后及逾期未报任务", "Delayed and not-reported tasks"),
    "evaluation.tasks_attention_none": (
        "没有滞后或逾期未报的任务。",
        "No task is delayed or not reported.",
    ),
    "evaluation.tasks_problems_intro": (
        "以下 {n} 项重点任务滞后或逾期未报：",
        "{n} task(s) are delayed or not reported:",
    ),
    "evaluation.task_problem": (
        "{task}（{status}，牵头单位：{unit}）",
        "{task} ({status}; lead: {unit})",
    ),
    "evaluation.task_progress": ("进展情况：{text}", "progress: {text}"),
    "evaluation.no_measures": (
        "本报告范围内没有支持措施。",
        "No support measure is in the scope of this report.",
    ),
    "evaluation.measures_table": ("各项支持措施兑现情况", "Support measures and funding"),
    "evaluation.no_problems": (
        "截至目前，没有进度滞后或未完成的目标。",
        "No target is behind or missed so far.",
    ),
    "evaluation.problems_intro": (
        "以下 {n} 项目标进度滞后或未完成：",
        "{n} target(s) are behind or missed:",
    ),
    "evaluation.no_next_steps": (
        "各单位尚未报送下一步措施。",
        "No next steps have been reported yet.",
    ),
    "evaluation.generated": ("报告生成时间：{time}", "Generated {time}"),
    "evaluation.unknown_plan": (
        "未知规划代码 {code}；可用：{known}",
        "unknown plan {code}; known: {known}",
    ),
    "evaluation.bad_file_type": (
        "{format} 格式应写入 {suffix} 文件，而不是 {name}",
        "the {format} format is written as a {suffix} file, not {name}",
    ),
    "evaluation.no_soffice": (
        "生成 PDF 需要 LibreOffice（soffice）：请运行 bash scripts/setup.sh 安装 "
        "libreoffice-writer-nogui",
        "the PDF needs LibreOffice (soffice): run bash scripts/setup.sh to install "
        "libreoffice-writer-nogui",
    ),
    "evaluation.convert_failed": (
        "LibreOffice 未能将报告转换为 PDF：{detail}",
        "LibreOffice could not convert the report to PDF: {detail}",
    ),
    "evaluation.download_docx": ("下载评估报告（Word）", "Download the evaluation report (Word)"),
    "evaluation.download_pdf": ("下载评估报告（PDF）", "Download the evaluation report (PDF)"),
    "evaluation.page_title": ("评估报告", "Evaluation report"),
    "evaluation.page_help": (
        "按当前地区、截至日期和数据时点生成中期评估或年度实施情况报告（可编辑的 Word 文档）。",
        "The mid-term or annual implementation report for the jurisdiction, as-of date and "
        "known-at moment in view, as an editable Word document.",
    ),
}
