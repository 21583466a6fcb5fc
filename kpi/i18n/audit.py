"""The audit trail: kinds of entry and their details."""

STRINGS: dict[str, tuple[str, str]] = {
    "audit.commit": ("上报入库", "commit"),
    "audit.revert": ("撤回", "revert"),
    "audit.catalog": ("目录变更", "catalog change"),
    "audit.restore": ("从备份恢复（详情为备份目录）", "restore from a backup (detail: its folder)"),
    "audit.copy_store": (
        "从另一数据库复制（详情为来源）",
        "copy from another database (detail: the source)",
    ),
    "audit.user": ("账号变更", "account change"),
    "audit.system_user": ("系统", "system"),
    "audit.detail.commit": ("{file}（{rows} 行）", "{file} ({rows} rows)"),
    "audit.detail.catalog": ("目录第 {version} 版（{sha}）", "catalog version {version} ({sha})"),
    "audit.detail.user_add": (
        "添加账号 {name}（{role}：{places}）",
        "added {name} ({role}: {places})",
    ),
    "audit.detail.user_role": (
        "账号 {name} 改为{role}（{places}）",
        "{name} set to {role} ({places})",
    ),
    "audit.detail.user_remove": ("删除账号 {name}", "removed {name}"),
    "audit.detail.catalog_sha": ("目录（校验码 {sha}）", "catalog (checksum {sha})"),
    "audit.detail.sign_in_name": (
        "尝试的名称 {name}，来自 {client}",
        "name tried: {name}, from {client}",
    ),
    "audit.detail.sign_in": ("来自 {client}", "from {client}"),
    "audit.detail.file": ("文件 {file}", "file {file}"),
    "audit.detail.backup": ("备份目录 {folder}", "backup folder {folder}"),
    "audit.detail.source": ("来源 {source}", "source {source}"),
    "audit.detail.unknown": (
        "（记录格式无法识别，原文可在英文界面查看）",
        "(a record of unknown form)",
    ),
    "audit.other": ("其他操作", "other action"),
    "audit.sample_user": ("示例数据", "sample data"),
    "audit.unknown_user": ("（未知名称）", "(unknown name)"),
    "audit.os_user": ("{name}（本机系统用户）", "{name} (local system user)"),
    "audit.detail.user_password": ("重置 {name} 的密码", "password of {name} changed"),
    "audit.sign_in_failed": ("登录失败", "failed sign-in"),
    "audit.sign_in_locked": ("登录被暂停（失败次数过多）", "sign-in refused (too many failures)"),
}
