"""Signing in and out, and the refusals of sign-in."""

STRINGS: dict[str, tuple[str, str]] = {
    "auth.name": ("用户名", "User name"),
    "auth.password": ("密码", "Password"),
    "auth.failed": ("用户名或密码错误", "wrong user name or password"),
    "auth.signed_in_as": ("已登录：{name}（{role}）", "Signed in as {name} ({role})"),
    "auth.sign_out": ("退出登录", "Sign out"),
    "auth.upload_needs_login": (
        "上报数据需要登录（编辑或管理员账号）。",
        "Uploading data requires signing in (editor or admin account).",
    ),
    "auth.viewer_cannot_upload": (
        "查看者账号只能浏览，不能上报数据。",
        "A viewer account can read but not upload.",
    ),
    "auth.sign_in": ("登录", "Sign in"),
    "auth.locked": (
        "登录失败次数过多，请 {minutes} 分钟后再试",
        "too many failed sign-ins; try again in {minutes} minute(s)",
    ),
    "auth.password_short": (
        "密码至少需要 {n} 个字符",
        "the password needs at least {n} characters",
    ),
    "auth.password_long": (
        "密码最多 {n} 字节（UTF-8）",
        "the password may have at most {n} bytes (UTF-8)",
    ),
    "auth.bad_name": (
        "用户名“{name}”无效：只能用字母、数字和 _ . @ -（1–64 个）",
        "invalid user name '{name}': use letters, digits and _ . @ - (1-64)",
    ),
    "auth.reserved_name": (
        "“{name}”是系统在审计记录中使用的名称，不能用作账号名",
        "'{name}' is a name the system writes in the audit log; choose another account name",
    ),
    "auth.bad_role": (
        "未知角色“{role}”，可选：{roles}",
        "unknown role '{role}'; choose one of {roles}",
    ),
    "auth.unknown_jurisdictions": ("未知地区：{codes}", "unknown jurisdiction(s): {codes}"),
    "auth.finance_needs_jurisdiction": (
        "财务账号至少需要一个地区（--jurisdiction）",
        "a finance account needs at least one --jurisdiction",
    ),
    "auth.editor_needs_jurisdiction": (
        "编辑账号至少需要一个地区（--jurisdiction）",
        "an editor needs at least one --jurisdiction",
    ),
}
