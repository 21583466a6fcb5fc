"""Helpers shared by the upload, auth and reliability tests (not a test module)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from kpi import auth
from kpi.store import Store

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "correct horse 1"
USERS = {  # name: (role, jurisdictions)
    "admin1": ("admin", []),
    "editor_sh": ("editor", ["SH"]),
    "viewer1": ("viewer", []),
}


def add_test_users(store: Store) -> None:
    for name, (role, jurisdictions) in USERS.items():
        auth.add_user(store, name, role, PASSWORD, jurisdictions, "test")


def csv_file(rows: list[tuple], note: bool = False) -> bytes:
    header = "jurisdiction,metric,period,value" + (",note" if note else "")
    lines = [header] + [",".join(str(x) for x in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def upload_page(lang: str) -> AppTest:
    """A fresh AppTest of the Upload page in ``lang`` (the database comes from env KPI_DB)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.switch_page("pages/upload.py")
    return at.run()


def sign_in(at: AppTest, name: str, password: str = PASSWORD) -> AppTest:
    at.text_input(key="sign_in_name").input(name)
    at.text_input(key="sign_in_pw").input(password)
    submit = next(b for b in at.button if "FormSubmitter:sign_in" in (b.id or ""))
    return submit.click().run()


def upload(at: AppTest, data: bytes, name: str = "report.csv") -> AppTest:
    return at.file_uploader(key="upload_file").set_value((name, data, "text/csv")).run()


def shown_text(at: AppTest) -> list[str]:
    """Everything the page rendered through Markdown-capable elements."""
    elements = [*at.markdown, *at.caption, *at.info, *at.error, *at.success, *at.warning]
    return [str(e.value) for e in elements]
