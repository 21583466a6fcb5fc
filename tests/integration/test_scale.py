"""The dashboard at national scale: many jurisdictions are ranked, paged and searchable.

Timings are not tested here (they live in bench/); these tests check what an official
sees when the catalog holds more jurisdictions than fit on one overview.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from bench.synthetic import jurisdiction_code, synthetic, synthetic_catalog_text
from dashboard.controls import OVERVIEW_PAGE_SIZE
from kpi.assess.verdicts import compute_status
from kpi.domain.catalog import parse_catalog
from kpi.i18n import t
from kpi.ingest.workflow import ingest_bytes
from kpi.present import charts, locale
from kpi.present.views import jurisdiction_ranking, select_jurisdictions, status_totals
from kpi.storage.store import Store
from tests.support import TODAY
from tests.support.pages import app_test, table_under

N_CITIES = OVERVIEW_PAGE_SIZE + 7
#: Targets per synthetic city: one per metric of the shipped catalog.
PER_CITY = len(parse_catalog(synthetic_catalog_text(1)).metrics)


def _frame(rows: list[tuple[str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["jurisdiction", "status"])


def test_ranking_puts_most_targets_behind_first():
    cat = parse_catalog(synthetic_catalog_text(4))
    a, b, c, d = (jurisdiction_code(i) for i in range(4))
    frame = _frame(
        [
            (a, "achieved"),
            (a, "achieved"),
            (b, "off_track"),
            (b, "achieved"),
            (c, "at_risk"),
            (c, "achieved"),
            (d, "missed"),
            (d, "off_track"),
        ]
    )
    ranking = jurisdiction_ranking(frame, cat, locale("zh"))
    assert list(ranking["jurisdiction"]) == [d, b, c, a]
    assert list(ranking["targets"]) == [2, 2, 2, 2]
    assert ranking.set_index("jurisdiction").loc[d, "missed"] == 1
    assert ranking["name"].iloc[0] == "合成市0003"

    totals = status_totals(ranking, locale("en"))
    assert totals.iloc[0].to_dict() == {
        "jurisdiction": "All 4 jurisdictions",
        "achieved": 4,
        "on_track": 0,
        "at_risk": 1,
        "off_track": 2,
        "missed": 1,
        "no_data": 0,
        "not_started": 0,
        "total": 8,
    }


def test_selection_searches_names_and_codes_and_limits():
    cat = parse_catalog(synthetic_catalog_text(12))
    frame = _frame([(j.code, "achieved") for j in cat.jurisdictions])
    ranking = jurisdiction_ranking(frame, cat, locale("en"))
    first = select_jurisdictions(ranking, "", 5)
    assert (len(first.codes), first.matched, first.total, first.has_more) == (5, 12, 12, True)
    by_name = select_jurisdictions(ranking, "city 0011", 5)
    assert by_name.codes == [jurisdiction_code(11)] and not by_name.has_more
    by_code = select_jurisdictions(ranking, " c0003 ", 5)
    assert by_code.codes == [jurisdiction_code(3)]
    assert select_jurisdictions(ranking, "上海", 5).matched == 0


@pytest.fixture(scope="module")
def national_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic catalog of more cities than one overview page shows, with reports."""
    data = synthetic(N_CITIES * PER_CITY * 40, TODAY)
    assert data.n_jurisdictions == N_CITIES
    path = tmp_path_factory.mktemp("national") / "kpi.duckdb"
    store = Store.open(path)
    try:
        store.load_catalog_text(data.catalog_text, "test")
        assert ingest_bytes(store, data.csv, "n.csv", "test", today=TODAY).committed
        expected = jurisdiction_ranking(compute_status(store, TODAY), store.catalog(), locale("zh"))
    finally:
        store.close()
    expected.to_pickle(path.with_suffix(".ranking.pkl"))
    return path


def _page(db: Path, monkeypatch, page: str | None = None, **params: str) -> AppTest:
    """A fresh app on ``db`` at TODAY with URL ``params``, run on ``page`` (default: overview)."""
    monkeypatch.setenv("KPI_DB", str(db))
    at = app_test(page, timeout=180, as_of=TODAY.isoformat(), **params).run()
    assert not at.exception
    return at


def test_national_overview_shows_worst_first_then_more_and_search(national_db, monkeypatch):
    expected = pd.read_pickle(national_db.with_suffix(".ranking.pkl"))
    at = _page(national_db, monkeypatch)
    assert not at.exception
    totals = table_under(at, t("overview.totals", "zh")).value
    assert totals.iloc[0, 0] == t("overview.all_n", "zh", n=N_CITIES)
    assert totals["total"].iloc[0] == N_CITIES * PER_CITY
    counts = table_under(at, t("overview.counts", "zh")).value
    worst = list(expected["name"])  # names only, worst first
    assert list(counts.iloc[:, 0]) == worst[:OVERVIEW_PAGE_SIZE]
    caption = t("overview.showing", "zh", shown=OVERVIEW_PAGE_SIZE, matched=N_CITIES)
    assert caption in [c.value for c in at.caption]
    # the status and completeness tables list the shown cities only (PER_CITY targets each)
    assert sorted(len(d.value) for d in at.dataframe)[-2:] == [OVERVIEW_PAGE_SIZE * PER_CITY] * 2

    at.button(key="overview_more").click().run()
    assert not at.exception
    assert list(table_under(at, t("overview.counts", "zh")).value.iloc[:, 0]) == worst
    assert not [b for b in at.button if b.key == "overview_more"]  # nothing more to show

    at.text_input(key="overview_query").input("合成市0005").run()
    assert not at.exception
    assert list(table_under(at, t("overview.counts", "zh")).value.iloc[:, 0]) == ["合成市0005"]

    at.text_input(key="overview_query").input("不存在").run()
    assert not at.exception
    assert t("overview.no_match", "zh", query="不存在") in [i.value for i in at.info]


def test_catalog_lookups_follow_a_modified_copy(catalog):
    first = catalog.metrics[0]
    assert catalog.metric(first.code).name_en == first.name_en  # index built
    renamed = catalog.model_copy(
        update={"metrics": (first.model_copy(update={"name_en": "renamed"}), *catalog.metrics[1:])}
    )
    assert renamed.metric(first.code).name_en == "renamed"
    assert catalog.metric(first.code).name_en == first.name_en


def test_national_jurisdiction_page_asks_for_one_city_then_draws_it(national_db, monkeypatch):
    at = _page(national_db, monkeypatch, "jurisdiction")
    assert [i.value for i in at.info] == [t("jurisdiction.pick_one", "zh", n=N_CITIES)]
    assert not at.get("plotly_chart")

    at = _page(national_db, monkeypatch, "jurisdiction", jurisdiction=jurisdiction_code(3))
    # one plan per city: its targets' trajectories as a few small-multiple figures
    assert len(at.get("plotly_chart")) == min(charts.PANEL_COLUMNS, PER_CITY)


def test_national_compare_page_compares_a_page_of_cities_worst_first(national_db, monkeypatch):
    """1,316 cities are not drawn as 1,316 bars per family: the compare page shows the
    totals, a search and the worst cities a page at a time, as the overview does."""
    expected = pd.read_pickle(national_db.with_suffix(".ranking.pkl"))
    at = _page(national_db, monkeypatch, "compare")
    (plot,) = at.get("plotly_chart")
    bars = [tr for tr in json.loads(plot.proto.spec)["data"] if tr["type"] == "bar"]
    shown = {tr["name"] for tr in bars}
    assert shown == set(expected["name"][:OVERVIEW_PAGE_SIZE])
    assert max(len(d.value) for d in at.dataframe) == OVERVIEW_PAGE_SIZE * PER_CITY
    at.text_input(key="overview_query").input("合成市0005").run()
    assert not at.exception
    (plot,) = at.get("plotly_chart")
    assert {tr["name"] for tr in json.loads(plot.proto.spec)["data"] if tr["type"] == "bar"} == {
        "合成市0005"
    }


def test_national_target_page_offers_the_linked_targets_city_only(national_db, monkeypatch):
    """Without a city the target page asks for one (not 25,000 choices); a link to a
    target offers that city's targets."""
    at = _page(national_db, monkeypatch, "target")
    assert [i.value for i in at.info] == [t("jurisdiction.pick_one", "zh", n=N_CITIES)]

    city = jurisdiction_code(3)
    with Store.open(national_db) as store:
        cat = store.catalog()
    linked = next(x.code for x in cat.targets if cat.plan(x.plan).jurisdiction == city)
    at = _page(national_db, monkeypatch, "target", target=linked)
    (choice,) = [s for s in at.selectbox if s.key == "view_target"]
    assert len(choice.options) == PER_CITY
    assert choice.value == linked
