"""The dashboard in AppTest: one way to open it, signing in and uploading as a user does,
and what a page shows (its text, its tables and their headings)."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pandas as pd
from streamlit.components.v2.component_manager import BidiComponentManager
from streamlit.testing.v1 import AppTest

from dashboard.registry import PageSpec
from tests.support import ROOT
from tests.support.stores import PASSWORD

APP = ROOT / "app.py"


def app_test(page: str | None = None, *, timeout: float = 120, **params: str) -> AppTest:
    """The dashboard as a server runs it (through app.py), with URL ``params``, opened on
    ``pages/<page>.py`` (the default page if None); not run yet. The database is env KPI_DB.

    ``timeout`` is generous: seven developers' suites share two cores here.
    """
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    at._bidi_component_manager = _installed_components()  # private: see that function
    for key, value in params.items():
        at.query_params[key] = value
    if page is not None:
        at.switch_page(f"pages/{page}.py")
    return at


@functools.cache
def _installed_components() -> BidiComponentManager:
    """Streamlit's registry of installed custom components, scanned once per process as a
    server scans it once at start. A fresh AppTest rescans the metadata of every installed
    package (about 0.3 s of each run here), which no rerun in a server pays."""
    manager = BidiComponentManager()
    manager.discover_and_register_components(start_file_watching=False)
    return manager


def run_page(db: Path, page: PageSpec | None, monkeypatch, **params: str) -> AppTest:
    """A fresh app on ``db`` with URL ``params``, opened on ``page`` (default if None), run."""
    monkeypatch.setenv("KPI_DB", str(db))
    return app_test(page.file.removesuffix(".py") if page else None, **params).run()


def upload_page(lang: str) -> AppTest:
    """A fresh AppTest of the Upload page in ``lang`` (the database comes from env KPI_DB)."""
    return app_test("upload", timeout=60, lang=lang).run()


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


def frames(at: AppTest) -> list[pd.DataFrame]:
    """The tables the page shows, as data (canonical column names)."""
    return [d.value for d in at.dataframe]


def headings(at: AppTest) -> list[dict[str, str]]:
    """Per table the page shows: the heading drawn over each column (by column name)."""
    shown = []
    for table in at.dataframe:
        config = json.loads(table.proto.columns or "{}")
        shown.append({c: config.get(c, {}).get("label", c) for c in table.value.columns})
    return shown
