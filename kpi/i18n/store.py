"""The database: locks, full disks, damaged files, unreachable servers, missing rows."""

STRINGS: dict[str, tuple[str, str]] = {
    "store.locked": (
        "数据库 {path} 正被另一个程序占用（{holder}），已等待 {seconds} 秒仍未释放，"
        "未写入任何数据。请稍后重试，或先结束该程序。",
        "The database {path} is held by another program ({holder}); waited {seconds} s. "
        "Nothing was written. Retry later, or stop that program first.",
    ),
    "store.disk_full": (
        "存放数据库 {path} 的磁盘已满，未写入任何数据。请清理磁盘空间后重试。",
        "The disk holding the database {path} is full; nothing was written. "
        "Free some disk space, then retry.",
    ),
    "store.damaged_checksum": (
        "数据库文件 {path} 已损坏（数据块校验和不符）。请停止写入，并用 "
        "kpi restore 备份目录 从最近的备份恢复（见 README“备份与恢复”）。",
        "The database file {path} is damaged (a block's checksum does not match). Stop "
        "writing to it and restore the latest backup with kpi restore BACKUP_DIR "
        "(README, 'Backup and restore').",
    ),
    "store.damaged_truncated": (
        "数据库文件 {path} 已损坏（文件被截断，比其内容应有的长度短）。请停止写入，并用 "
        "kpi restore 备份目录 从最近的备份恢复（见 README“备份与恢复”）。",
        "The database file {path} is damaged (truncated: shorter than its contents need). "
        "Stop writing to it and restore the latest backup with kpi restore BACKUP_DIR "
        "(README, 'Backup and restore').",
    ),
    "store.damaged_not_database": (
        "文件 {path} 不是有效的数据库文件（可能已被覆盖或损坏）。请检查 KPI_DB / --db "
        "设置，或用 kpi restore 备份目录 从最近的备份恢复（见 README“备份与恢复”）。",
        "The file {path} is not a valid database file (overwritten or damaged). Check "
        "KPI_DB / --db, or restore the latest backup with kpi restore BACKUP_DIR "
        "(README, 'Backup and restore').",
    ),
    "store.damaged_server": (
        "数据库 {path} 报告数据已损坏。请联系数据库管理员，并用 kpi restore 备份目录 "
        "从最近的备份恢复（见 README“备份与恢复”）。",
        "The database {path} reports damaged data. Tell its administrator, and restore "
        "the latest backup with kpi restore BACKUP_DIR (README, 'Backup and restore').",
    ),
    "store.unreachable": (
        "无法连接数据库 {path}：{reason}。请检查 KPI_DB 设置以及数据库服务器是否在运行。",
        "Cannot reach the database {path}: {reason}. Check KPI_DB and that the database "
        "server is running.",
    ),
    "store.unreachable.not_running": (
        "数据库服务器未运行，或地址、端口不对",
        "the server is not running, or the address or port is wrong",
    ),
    "store.unreachable.refused_login": (
        "服务器拒绝登录（数据库用户名或密码不对）",
        "the server refused the login (wrong database user or password)",
    ),
    "store.unreachable.no_database": ("服务器上没有这个数据库", "the server has no such database"),
    "store.unreachable.timeout": ("连接超时", "the connection timed out"),
    "store.unreachable.lost": ("与服务器的连接中断了", "the connection to the server was lost"),
    "store.unreachable.other": ("服务器拒绝了连接", "the server refused the connection"),
    "store.no_batch": ("没有编号为 {batch} 的批次", "no batch {batch}"),
    "store.already_reverted": (
        "批次 {batch} 已于 {at} 撤回",
        "batch {batch} was already reverted at {at}",
    ),
    "store.user_exists": ("用户 {name} 已存在", "user {name!r} already exists"),
    "store.no_user": ("没有用户 {name}", "no user {name!r}"),
}
