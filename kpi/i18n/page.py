"""The titles of the dashboard's pages (dashboard.registry.PAGES)."""

STRINGS: dict[str, tuple[str, str]] = {
    "page.overview": ("总览", "Overview"),
    "page.upload": ("数据上报", "Upload"),
    "page.briefing": ("简报", "Briefing"),
    "page.jurisdiction": ("分地区", "Jurisdiction"),
    "page.compare": ("对比", "Compare"),
    "page.target": ("目标详情", "Target detail"),
    "page.draft": ("起草目标", "Draft targets"),
    "page.accounts": ("账号管理", "Accounts"),
    "page.tasks": ("任务督办", "Tasks"),
    "page.support": ("政策兑现", "Support"),
}
