"""Briefing formats (poster, slides, A4), the shared axis, the source line and headline, as
figures (the files Chromium renders from them: tests/integration/test_briefing_files.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kpi.assess.verdicts import compute_status
from kpi.domain.catalog import load_catalog
from kpi.i18n import t
from kpi.present.documents import (
    A4_SIZE,
    SLIDE_SIZE,
    BriefingError,
    build_briefing,
)
from kpi.present.headline import headline
from kpi.present.locale import ViewState, locale
from tests.support.dataset import sample_figures_db
from tests.support.renders import annotation_texts
from tests.support.stores import open_store

CATALOG = load_catalog()
AS_OF = date(2026, 9, 30)
#: Jurisdictions with a target: each has a slide (one whose plans set no number has none).
N_JURISDICTIONS = len({CATALOG.plan(t.plan).jurisdiction for t in CATALOG.targets})


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return sample_figures_db(tmp_path_factory.mktemp("formats") / "kpi.duckdb", is_sample=False)


@pytest.fixture
def store(db):
    yield from open_store(db)


def _view(jurisdiction: str | None, lang: str) -> ViewState:
    return ViewState(locale(lang), AS_OF, jurisdiction)


def test_every_plan_names_its_reporting_agency():
    # The catalog requires the Chinese name; the English one is optional (the Chinese
    # name stands in for it), so a new plan without it is not refused here either.
    for plan in CATALOG.plans:
        assert plan.reporting_agency, plan.code


@pytest.mark.parametrize("fmt", ["poster", "slides", "a4"])
def test_source_line_names_agency_and_preparer_not_batches(store, fmt):
    briefing = build_briefing(store, _view("SH", "zh"), fmt=fmt, prepared_by="王主任")
    for page in briefing.pages:
        texts = annotation_texts(page.figure)
        assert "数据来源：上海市人民政府办公厅" in texts
        assert "制表：王主任" in texts
        [source] = [a.text for a in page.figure.layout.annotations if "数据来源" in a.text]
        assert "批次" not in source and "#" not in source  # no internal batch numbers
    english = annotation_texts(build_briefing(store, _view("SH", "en"), fmt=fmt).pages[0].figure)
    assert "Source: General Office of the Shanghai Municipal People's Government" in english
    assert f"Prepared by {t('briefing.preparer_unknown', 'en')}" in english


def test_slides_for_one_jurisdiction_name_only_its_agency(store):
    briefing = build_briefing(store, _view(None, "zh"), fmt="slides", prepared_by="李")
    overview, *sections = [annotation_texts(p.figure) for p in briefing.pages]
    targeted = {t.plan for t in CATALOG.targets}
    unwrapped = overview.replace("\n", "")  # a long source line wraps
    assert all(p.reporting_agency in unwrapped for p in CATALOG.plans if p.code in targeted)
    assert "天津市人民政府办公厅" not in unwrapped  # TJ-2024 sets no number: not a source
    beijing = CATALOG.plan("BJ-2024").reporting_agency
    assert beijing in sections[0] and "上海市人民政府办公厅" not in sections[0]


def test_all_bullet_charts_share_one_percentage_axis(store):
    for fmt in ("poster", "slides", "a4"):
        briefing = build_briefing(store, _view(None, "en"), fmt=fmt)
        ranges = {
            tuple(page.figure.layout[key].range)
            for page in briefing.pages
            for key in page.figure.layout.to_plotly_json()
            if key.startswith("xaxis") and page.figure.layout[key].tickformat == ".0%"
        }
        assert len(ranges) == 1, (fmt, ranges)
        status = compute_status(store, AS_OF)
        widest = (status["value"] / status["threshold"]).max()
        (low, high), *_ = ranges
        assert low == 0 and high >= min(widest, 2.0)


def test_headline_of_each_jurisdiction_is_in_the_briefing(store):
    status = compute_status(store, AS_OF)
    for fmt in ("poster", "slides", "a4"):
        texts = "\n".join(
            annotation_texts(p.figure)
            for p in build_briefing(store, _view(None, "zh"), fmt=fmt).pages
        )
        for code in set(status["jurisdiction"]):  # every jurisdiction with a target
            assert headline(status, CATALOG, code, locale("zh")) in texts


def test_page_layout_of_slides_and_a4(store):
    slides = build_briefing(store, _view(None, "zh"), fmt="slides")
    assert len(slides.pages) == 1 + N_JURISDICTIONS  # overview, then one per jurisdiction
    assert {(p.width, p.height) for p in slides.pages} == {SLIDE_SIZE}
    a4 = build_briefing(store, _view("BJ", "zh"), fmt="a4")
    assert {(p.width, p.height) for p in a4.pages} == {A4_SIZE}
    assert len(a4.pages) >= 2  # overview, then the section and its trajectories
    with pytest.raises(BriefingError, match="format"):
        build_briefing(store, _view("BJ", "zh"), fmt="poster-a3")
