"""Copying one database into another."""

STRINGS: dict[str, tuple[str, str]] = {
    "copy.target_not_empty": (
        "目标数据库 {target} 已有批次或账号；只能复制到空数据库。",
        "The target database {target} already holds batches or accounts; copy only into "
        "an empty one.",
    ),
    "copy.counts_differ": (
        "复制后核对失败：表 {table} 应有 {expected} 行，目标中为 {found} 行。",
        "Check after copying failed: table {table} should have {expected} rows, the target "
        "has {found}.",
    ),
    "copy.status_differs": (
        "复制后核对失败：{target} 中各目标的状态与源数据库不同。",
        "Check after copying failed: the status of the targets in {target} differs from "
        "the source.",
    ),
}
