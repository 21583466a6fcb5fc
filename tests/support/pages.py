"""The dashboard in AppTest: one way to open it, signing in and uploading as a user does,
and what a page shows (its text, its tables and their headings)."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from pathlib import Path
from typing import TypeVar

from streamlit.components.v2.component_manager import BidiComponentManager
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Dataframe

from dashboard.registry import PAGES_DIR, PageSpec
from tests.support import ROOT
from tests.support.stores import PASSWORD

APP = ROOT / "app.py"
E = TypeVar("E")


def app_test(page: str | None = None, *, timeout: float = 120, **params: str) -> AppTest:
    """The dashboard as a server runs it (through app.py), with URL ``params``, opened on
    ``pages/<page>.py`` (the default page if None); not run yet. The database is env KPI_DB.

    AppTest runs app.py's text from a file in a folder of its own. Beside a ``pages/``
    folder Streamlit would take its legacy multipage path on every AppTest run (AppTest
    resets that process-wide choice before each run): the page alone, then a rerun through
    app.py by dashboard.controls._ensure_app_navigation, which drops the click of that run.
    A server takes that path once, at its first request; _ensure_app_navigation is the one
    place that handles it, and tests/browser/ covers it.

    ``timeout`` is generous: seven developers' suites share two cores here.
    """
    at = AppTest.from_string(APP.read_text(encoding="utf-8"), default_timeout=timeout)
    at._bidi_component_manager = _installed_components()  # private: see that function
    for key, value in params.items():
        at.query_params[key] = value
    return at if page is None else switch_page(at, page)


def switch_page(at: AppTest, page: str) -> AppTest:
    """``at`` to run ``pages/<page>.py`` next (by its absolute path: app.py's copy is in a
    folder of its own, see :func:`app_test`)."""
    return at.switch_page(str(PAGES_DIR / f"{page}.py"))


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
    return submit(at, "sign_in")


def submit(at: AppTest, form: str) -> AppTest:
    """Click the submit button of the form whose key is ``form``, and run."""
    button = next(b for b in at.button if f"FormSubmitter:{form}" in (b.id or ""))
    return button.click().run()


def upload(at: AppTest, data: bytes, name: str = "report.csv") -> AppTest:
    return at.file_uploader(key="upload_file").set_value((name, data, "text/csv")).run()


def shown_text(at: AppTest) -> list[str]:
    """Everything the page rendered through Markdown-capable elements."""
    elements = [*at.markdown, *at.caption, *at.info, *at.error, *at.success, *at.warning]
    return [str(e.value) for e in elements]


#: Elements that head what follows them on a page.
HEADING_TYPES = ("title", "header", "subheader")


def table_under(at: AppTest, heading: str) -> Dataframe:
    """The table drawn under ``heading`` (a title, header or subheader with that text),
    before the next heading: tables are found by what the reader sees above them."""
    under = False
    for node in at.main:
        if node.type in HEADING_TYPES:
            if under:
                break
            under = node.value == heading
        elif under and node.type == "dataframe":
            return node
    shown = [node.value for node in at.main if node.type in HEADING_TYPES]
    raise AssertionError(f"no table under {heading!r}; the page's headings: {shown}")


def column_headings(table: Dataframe) -> dict[str, str]:
    """The heading drawn over each column of ``table`` (by column name)."""
    config = json.loads(table.proto.columns or "{}")
    return {c: config.get(c, {}).get("label", c) for c in table.value.columns}


def headings(at: AppTest) -> list[dict[str, str]]:
    """Per table the page shows: the heading drawn over each column (by column name)."""
    return [column_headings(table) for table in at.dataframe]


def labelled(elements: Iterable[E], label: str) -> E:
    """The one element of ``elements`` (widgets of one kind) whose label is ``label``."""
    [element] = [e for e in elements if e.label == label]
    return element
