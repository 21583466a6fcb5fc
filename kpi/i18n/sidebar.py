"""The sidebar: language, jurisdiction and the known-at day."""

STRINGS: dict[str, tuple[str, str]] = {
    "sidebar.language": ("语言 / Language", "语言 / Language"),
    "sidebar.all": ("全部", "All"),
    "sidebar.known_at_on": ("按历史时点查看", "As known on a past day"),
    "sidebar.known_at": ("数据知悉日期", "As known on"),
    "sidebar.known_at_help": (
        "只计入该日结束前已上报的批次和已做的撤回，重现当时所知的情况。",
        "Counts only batches uploaded, and reverts made, by the end of that day: the view as "
        "it was known then.",
    ),
    "sidebar.today": ("今天（{day}）", "Today ({day})"),
    "sidebar.quarter_end": ("{day}（{quarter} 末）", "{day} (end of {quarter})"),
}
