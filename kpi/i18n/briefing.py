"""The briefing (image, document and page) and its command-line options."""

STRINGS: dict[str, tuple[str, str]] = {
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
    "briefing.reasons_title": (
        "进度滞后目标的原因分析与下一步措施",
        "Behind targets: reasons and next steps",
    ),
    "briefing.reason": ("原因分析：{text}", "Reason: {text}"),
    "briefing.next_steps": ("下一步措施：{text}", "Next steps: {text}"),
    "briefing.tasks_title": (
        "{place} · 重点任务推进情况（截至 {quarter}）",
        "{place}: key tasks (as of {quarter})",
    ),
    "briefing.tasks_attention": (
        "滞后及逾期未报任务（{n} 项）",
        "Delayed and not-reported tasks ({n})",
    ),
    "briefing.tasks_attention_none": (
        "没有滞后或逾期未报的任务。",
        "No task is delayed or overdue.",
    ),
    "briefing.task_head": (
        "{task}（{status}）· 牵头单位：{unit}",
        "{task} ({status}) · lead: {unit}",
    ),
    "briefing.task_no_unit": ("未列明", "not named"),
    "briefing.task_progress": ("进展情况：{text}", "Progress: {text}"),
    "briefing.task_next_steps": ("下一步工作：{text}", "Next steps: {text}"),
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
}
