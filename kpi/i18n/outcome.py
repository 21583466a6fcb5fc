"""Outcomes of an upload, a revert or a catalog change."""

STRINGS: dict[str, tuple[str, str]] = {
    "outcome.committed": (
        "已入库：批次 {batch}（{rows} 行）",
        "Committed batch {batch} ({rows} rows)",
    ),
    "outcome.duplicate": (
        "该文件已入库为批次 {batch}，未重复写入",
        "This file is already in batch {batch}; nothing written",
    ),
    "outcome.rejected": (
        "文件未通过校验，数据库未改动。问题 {count} 个：",
        "The file failed validation; the database is unchanged. {count} problem(s):",
    ),
    "outcome.reverted": ("已撤回批次 {batch}", "Reverted batch {batch}"),
    "outcome.catalog_installed": (
        "目录已更新为第 {version} 版",
        "Catalog version {version} installed",
    ),
}
