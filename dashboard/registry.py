"""The dashboard's pages, registered as data in one place.

``app.py`` builds the navigation from this list and the page tests are built
from it too, so a page cannot be forgotten by either.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PAGES_DIR = Path(__file__).resolve().parents[1] / "pages"


@dataclass(frozen=True)
class PageSpec:
    key: str  # url path and i18n key "page.<key>"
    file: str  # file name in pages/
    icon: str
    default: bool = False

    @property
    def path(self) -> Path:
        return PAGES_DIR / self.file

    @property
    def title_key(self) -> str:
        return f"page.{self.key}"


PAGES: tuple[PageSpec, ...] = (
    PageSpec("overview", "overview.py", ":material/dashboard:", default=True),
    PageSpec("jurisdiction", "jurisdiction.py", ":material/location_city:"),
    PageSpec("compare", "compare.py", ":material/compare_arrows:"),
    PageSpec("target", "target.py", ":material/flag:"),
    PageSpec("tasks", "tasks.py", ":material/checklist:"),
    PageSpec("support", "support.py", ":material/payments:"),
    PageSpec("upload", "upload.py", ":material/upload:"),
    PageSpec("briefing", "briefing.py", ":material/description:"),
    PageSpec("accounts", "accounts.py", ":material/manage_accounts:"),
    PageSpec("draft", "draft.py", ":material/edit_note:"),
)
