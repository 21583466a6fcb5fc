"""The command line's own messages."""

STRINGS: dict[str, tuple[str, str]] = {
    "cli.initialised": ("数据库已就绪：{path}", "database ready: {path}"),
    "cli.catalog_file_installed": (
        "已将目录文件 {path} 启用为第 {version} 版",
        "installed the catalog file {path} as version {version}",
    ),
    "cli.catalog_file_differs": (
        "注意：目录文件 {path} 与数据库中正在使用的目录（第 {version} 版，由 {by} 启用）不同，"
        "未替换。如需启用该文件，请运行：kpi catalog load {path}",
        "note: the catalog file {path} differs from the catalog in force (version {version}, "
        "installed by {by}); it was not replaced. To install the file run: "
        "kpi catalog load {path}",
    ),
    "cli.demo_loaded": ("已载入示例数据：批次 {batch}", "sample data loaded as batch {batch}"),
    "cli.demo_skipped": (
        "数据库已有数据，未载入示例数据",
        "the database already holds data; sample data not loaded",
    ),
    "cli.no_such_file": ("文件不存在：{path}", "no such file: {path}"),
    "cli.user_added": ("已添加用户 {name}（{role}）", "user {name} added ({role})"),
    "cli.user_removed": ("已删除用户 {name}", "user {name} removed"),
    "cli.password_changed": ("已更改 {name} 的密码", "password of {name} changed"),
    "cli.password_prompt": ("{name} 的密码：", "Password for {name}: "),
    "cli.password_repeat": ("再次输入密码：", "Repeat the password: "),
    "cli.password_mismatch": ("两次输入的密码不一致", "the passwords do not match"),
    "cli.briefing_written": (
        "简报已保存：{path}（{pages} 页，每页 {width}×{height} 像素）",
        "briefing written: {path} ({pages} page(s) of {width}×{height} px)",
    ),
    "cli.no_out_dir": ("输出目录不存在：{path}", "the output folder does not exist: {path}"),
    "cli.backup_done": (
        "备份已写入 {dir}：{tables} 张表，共 {rows} 行，附校验和清单。",
        "backup written to {dir}: {tables} tables, {rows} rows, with a checksummed manifest",
    ),
    "cli.restore_done": (
        "已从 {dir} 恢复数据库（共 {rows} 行）。",
        "database restored from {dir} ({rows} rows)",
    ),
    "cli.copy_done": (
        "已复制到 {target}（共 {rows} 行）；行数一致，{targets} 个目标的状态一致。",
        "copied to {target} ({rows} rows); row counts match and the status of all "
        "{targets} targets matches",
    ),
    "cli.os_error": ("无法读写文件 {path}：{reason}", "cannot read or write {path}: {reason}"),
    "cli.warnings": (
        "文件中有 {count} 个数值与已有数据相差 10 倍以上，未入库，数据库未改动。"
        "核对无误后加 --accept-warnings 重新执行：",
        "{count} value(s) differ tenfold or more from the data so far; nothing was "
        "committed. Check them, then run again with --accept-warnings:",
    ),
    "cli.unknown_account": (
        "没有名为“{name}”的账号：--user/--by 须为已有账号，省略则以操作系统用户身份执行",
        "there is no account named '{name}': --user/--by must name an existing account; "
        "leave it out to act as the operating-system user",
    ),
    "cli.not_permitted": (
        "账号“{name}”（{role}）无权执行此操作",
        "account '{name}' ({role}) may not do this",
    ),
    "cli.unknown_measure": (
        "未知措施“{measure}”（目录中的措施：{known}）",
        "unknown measure '{measure}' (the catalog's: {known})",
    ),
    "cli.unknown_plan": (
        "未知规划“{plan}”；可选：{known}",
        "unknown plan '{plan}'; use one of {known}",
    ),
}
