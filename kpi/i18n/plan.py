"""Plans: whether in force or a draft, what their text is, where they sit."""

STRINGS: dict[str, tuple[str, str]] = {
    "plan.status.in_force": ("已印发", "In force"),
    "plan.status.draft": ("征求意见稿", "Draft for comment"),
    "plan.text_kind.government": ("政府文件原文", "Government text"),
    "plan.text_kind.news_quote": ("新闻报道引述", "As quoted in news"),
    "plan.none_issued": ("未见", "not shown"),
    "plan.above": ("上级地区的规划", "Plans of the jurisdictions above"),
    "plan.below": ("下级地区的规划", "Plans of the jurisdictions below"),
    "plan.none_related": (
        "没有上级或下级地区的规划。",
        "No plan above or below this jurisdiction.",
    ),
    "plan.published_no_figures": (
        "目标摘自已公开的政策文件；尚未上报任何数据。",
        "Targets from published texts; no figures reported yet.",
    ),
    "plan.list": ("规划一览", "Plans"),
    "plan.draft_note": (
        "征求意见稿：目标可能与正式印发的文本不同。",
        "Draft for comment: the targets may differ from the text as issued.",
    ),
}
