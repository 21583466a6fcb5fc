"""Backups and restoring from them."""

STRINGS: dict[str, tuple[str, str]] = {
    "backup.dir_not_empty": (
        "备份目录 {dir} 不是空的；请指定新目录，以免覆盖已有备份。",
        "The backup folder {dir} is not empty; name a new one so no backup is overwritten.",
    ),
    "backup.no_manifest": (
        "{dir} 中没有可读的备份清单 manifest.json，不是 kpi backup 生成的备份；未改动数据库。",
        "{dir} has no readable manifest.json: not a backup made by kpi backup. "
        "The database was not changed.",
    ),
    "backup.checksum_mismatch": (
        "备份文件 {file} 与清单中的校验和或行数不符（文件已损坏或被改动）；未改动数据库。",
        "The backup file {file} does not match the checksum or row count in the manifest "
        "(damaged or changed); the database was not changed.",
    ),
    "backup.newer_schema": (
        "{dir} 中的备份来自更新的程序版本（数据结构版本 {version}）；请先升级程序。",
        "The backup in {dir} comes from a newer release (schema version {version}); "
        "upgrade this program first.",
    ),
}
