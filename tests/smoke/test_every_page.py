"""Every registered page rendered once, in the fast lane: through app.py on the fixture
database (sample data), without an exception and under its heading. Built from
dashboard.registry.PAGES, so a page is covered the day it is registered; the user flows
on each page are in tests/pages/."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.registry import PAGES, PageSpec
from kpi.i18n import t
from tests.support.dataset import AS_OF, build_fixture_db
from tests.support.pages import run_page

# the Briefing page renders its poster in kpi.present.render's Chromium: closed afterwards
pytestmark = pytest.mark.usefixtures("render_browser_per_module")


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_db(tmp_path_factory.mktemp("smoke") / "kpi.duckdb", sample=True)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.key)
def test_the_page_renders_under_its_heading(page: PageSpec, sample_db: Path, monkeypatch):
    at = run_page(sample_db, page, monkeypatch, as_of=AS_OF.isoformat())
    assert not at.exception, [e.value for e in at.exception]
    assert t(page.title_key, "zh") in [title.value for title in at.title]
