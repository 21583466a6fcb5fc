"""The roles of an account (kpi.access.auth)."""

STRINGS: dict[str, tuple[str, str]] = {
    "role.viewer": ("查看者", "viewer"),
    "role.editor": ("编辑", "editor"),
    "role.finance": ("财务", "finance"),
    "role.admin": ("管理员", "admin"),
}
