"""The catalog file and the kinds of entry it holds, named in messages about them."""

STRINGS: dict[str, tuple[str, str]] = {
    "catalog.invalid": ("目录文件无效：", "invalid catalog:"),
    "catalog.unknown_jurisdiction": (
        "未知地区代码：{code}（可选：{known}）",
        "unknown jurisdiction code: {code} (use one of {known})",
    ),
    # entries of the catalog, named in messages about them
    "catalog.kind.families": ("指标类别", "family"),
    "catalog.kind.jurisdictions": ("地区", "jurisdiction"),
    "catalog.kind.plans": ("规划", "plan"),
    "catalog.kind.metrics": ("指标", "metric"),
    "catalog.kind.targets": ("目标", "target"),
    "catalog.unknown_unit": (
        "没有名为“{name}”的责任单位（kpi tasks 列出各单位）",
        "no responsible unit named '{name}' (kpi tasks lists them)",
    ),
    "catalog.ambiguous_unit": (
        "“{name}”在多个地区都有，请用单位代码：{codes}",
        "'{name}' names units in several jurisdictions; give its code: {codes}",
    ),
    "catalog.kind.units": ("责任单位", "unit"),
    "catalog.kind.tasks": ("任务", "task"),
    "catalog.kind.measures": ("支持措施", "support measure"),
    "catalog.entry": ("{kind}“{code}”", "{kind} '{code}'"),
    "catalog.entry_no": ("第 {n} 个{kind}", "{kind} no. {n}"),
    "catalog.file": ("目录文件", "the catalog file"),
}
