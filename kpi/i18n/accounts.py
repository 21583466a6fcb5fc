"""The Accounts page: adding, changing and removing accounts."""

STRINGS: dict[str, tuple[str, str]] = {
    "accounts.admin_only": (
        "账号管理仅限管理员，请以管理员账号登录。",
        "Managing accounts is for admins: sign in with an admin account.",
    ),
    "accounts.list": ("全部账号", "All accounts"),
    "accounts.add": ("添加账号", "Add an account"),
    "accounts.change": ("修改角色与地区", "Change role and jurisdictions"),
    "accounts.reset": ("重置密码", "Reset a password"),
    "accounts.remove": ("删除账号", "Remove an account"),
    "accounts.user": ("账号", "Account"),
    "accounts.name": ("用户名（字母、数字及 _ . @ -）", "User name (letters, digits, _ . @ -)"),
    "accounts.role": ("角色", "Role"),
    "accounts.jurisdictions": ("可上报地区（编辑需至少一个）", "May upload for (editors: 1+)"),
    "accounts.password": ("密码", "Password"),
    "accounts.repeat": ("再次输入密码", "Repeat the password"),
    "accounts.submit_add": ("添加", "Add"),
    "accounts.submit_change": ("保存", "Save"),
    "accounts.submit_reset": ("重置密码", "Reset password"),
    "accounts.submit_remove": ("删除", "Remove"),
    "accounts.remove_sure": ("确认删除该账号", "Yes, remove this account"),
    "accounts.remove_unconfirmed": (
        "请先勾选确认框再删除。",
        "Tick the confirmation box to remove the account.",
    ),
    "accounts.audit_note": (
        "每次更改都会写入审计记录（操作人与时间）。",
        "Every change is written to the audit log (who and when).",
    ),
    "accounts.added": ("已添加账号 {name}", "Account {name} added"),
    "accounts.role_changed": ("已更新 {name} 的角色与地区", "Role of {name} updated"),
    "accounts.password_reset": ("已重置 {name} 的密码", "Password of {name} reset"),
    "accounts.removed": ("已删除账号 {name}", "Account {name} removed"),
    "accounts.failed": (
        "未能更改账号 {name}（可能已被他人更改），请刷新后重试。",
        "Could not change account {name} (someone may have changed it); reload and retry.",
    ),
    "accounts.bad_name": (
        "用户名“{name}”无效：只能使用字母、数字及 _ . @ -（1–64 个字符）",
        "Invalid user name '{name}': letters, digits and _ . @ - only (1-64 characters)",
    ),
    "accounts.exists": ("账号 {name} 已存在", "Account {name} already exists"),
    "accounts.bad_role": ("请选择角色", "Choose a role"),
    "accounts.finance_needs_jurisdiction": (
        "财务账号至少需要一个地区（其规划的资金兑现）",
        "A finance account needs at least one jurisdiction (whose plans' grants it handles)",
    ),
    "accounts.editor_needs_jurisdiction": (
        "编辑账号至少需要一个可上报地区",
        "An editor needs at least one jurisdiction",
    ),
    "accounts.password_mismatch": ("两次输入的密码不一致", "The passwords do not match"),
    "accounts.password_short": (
        "密码至少需要 {n} 个字符",
        "The password needs at least {n} characters",
    ),
    "accounts.password_long": ("密码最多 {n} 字节", "The password may have at most {n} bytes"),
    "accounts.not_yourself": (
        "不能删除自己的账号或取消自己的管理员角色（请由另一位管理员操作）",
        "You cannot remove or demote your own account (ask another admin)",
    ),
}
