"""Point in time on the pages: the "as known on" view from the URL, and the source on the
target page (AppTest on the page-test fixture)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.registry import PAGES
from kpi.domain.catalog import load_catalog
from kpi.i18n import t
from kpi.present import locale
from tests.support.dataset import build_fixture_db
from tests.support.pages import run_page, table_under

CATALOG = load_catalog()

TARGET_PAGE = next(p for p in PAGES if p.key == "target")


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_db(tmp_path_factory.mktemp("known_at") / "kpi.duckdb")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_known_at_in_the_url_shows_what_was_known_then(fixture_db: Path, monkeypatch, lang):
    at = run_page(
        fixture_db, None, monkeypatch, lang=lang, as_of="2025-12-31", known_at="2020-01-01"
    )
    assert not at.exception
    assert t("view.known_at", lang, day="2020-01-01") in [i.value for i in at.info]
    assert at.query_params["known_at"] in ("2020-01-01", ["2020-01-01"])
    counts = table_under(at, t("overview.counts", lang)).value.set_index("jurisdiction")
    beijing = counts.loc[locale(lang).name(CATALOG.jurisdiction("BJ"))]  # names, no codes
    # nothing was uploaded by 2020: every Beijing target is without data
    assert beijing["no_data"] == beijing["total"]


def test_without_known_at_the_latest_data_count(fixture_db: Path, monkeypatch):
    at = run_page(fixture_db, None, monkeypatch, lang="en", as_of="2025-12-31")
    assert not at.exception
    assert not any("Shown as known on" in i.value for i in at.info)
    counts = table_under(at, t("overview.counts", "en")).value.set_index("jurisdiction")
    assert counts.loc["Beijing", "achieved"] == 1


def test_target_page_quotes_the_paragraph_and_offers_the_text(fixture_db: Path, monkeypatch):
    at = run_page(
        fixture_db,
        TARGET_PAGE,
        monkeypatch,
        lang="zh",
        as_of="2026-09-30",
        target="BDA-2025:test_field_area",
    )
    assert not at.exception
    text = "\n".join(str(m.value) for m in (*at.markdown, *at.caption))
    assert "**规划建设百亩级专业化合成生物制造试验田**" in text
    assert "开放产业场景资源" in text  # the rest of its paragraph
    assert "京技管发〔2025〕34号" in text and "2025-12-29" in text
    labels = [b.proto.label for b in at.get("download_button")]
    assert t("target.download_text", "zh") in labels
