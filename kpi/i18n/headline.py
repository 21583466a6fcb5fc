"""The headline sentence counting a jurisdiction's targets by status."""

STRINGS: dict[str, tuple[str, str]] = {
    "headline.sentence": ("{place} {n} 项目标：{parts}", "{place}, {n} targets: {parts}"),
    "headline.sentence_one": ("{place} {n} 项目标：{parts}", "{place}, 1 target: {parts}"),
    "headline.part": ("{count} 项{status}", "{count} {status}"),
    "headline.separator": ("，", ", "),
    "headline.no_targets": ("{place} 暂无目标", "{place}: no targets"),
}
