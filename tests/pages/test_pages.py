"""Every registered page, in both languages, on a small fixture database (AppTest).

The page list comes from dashboard.registry, so a new page is tested without an edit
here; pages with known content also get their figures and statuses checked.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Dataframe

from dashboard.registry import PAGES, PageSpec
from kpi.assess.verdicts import compute_status
from kpi.domain.catalog import DEFAULT_CATALOG, load_catalog
from kpi.i18n import LANGS, t
from kpi.ingest.workflow import ingest_bytes
from kpi.present import charts, fmt, locale, tables
from kpi.present.headline import headlines, worst_first
from kpi.present.theme import STATUS_ORDER
from kpi.present.views import markdown_literal
from kpi.storage.store import Store
from tests.support import TODAY
from tests.support.dataset import AS_OF, EXPECTED_STATUS, EXPECTED_VALUE, build_fixture_db
from tests.support.pages import column_headings, headings, run_page, table_under

CATALOG = load_catalog()


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_db(tmp_path_factory.mktemp("pages") / "kpi.duckdb")


@pytest.fixture(scope="module")
def engine_status(fixture_db: Path) -> pd.DataFrame:
    store = Store.open(fixture_db)
    try:
        return compute_status(store, AS_OF).set_index("target")
    finally:
        store.close()


def shown_cells(table: Dataframe) -> pd.DataFrame:
    """The cells of a table as the browser writes them (a Styler's display values)."""
    styler = table.proto.arrow_data.styler
    assert styler.display_values, "the table carries no display values"
    return pa.ipc.open_stream(styler.display_values).read_pandas()


def page_text(at: AppTest) -> str:
    parts = [m.value for m in (*at.markdown, *at.caption, *at.warning, *at.header)]
    parts += [table.value.to_string() for table in at.dataframe]
    return "\n".join(str(p) for p in parts)


def test_fixture_statuses_follow_the_rules(engine_status: pd.DataFrame) -> None:
    for code, expected in EXPECTED_STATUS.items():
        assert engine_status.loc[code, "status"] == expected, code
        assert engine_status.loc[code, "value"] == EXPECTED_VALUE[code], code
    others = engine_status.drop(index=list(EXPECTED_STATUS))
    started = others["plan"] != "BDA-2025"
    assert set(others.loc[started, "status"]) == {"no_data"}
    assert set(others.loc[~started, "status"]) == {"not_started"}  # starts 2026-01-01


# ---- page-specific content -------------------------------------------------------------
def check_overview(at: AppTest, lang: str, status: pd.DataFrame) -> None:
    text = page_text(at)
    for sentence in headlines(status.reset_index(), CATALOG, locale(lang)).values():
        assert markdown_literal(sentence) in text
    counts_table = table_under(at, t("overview.counts", lang))
    counts = counts_table.value.set_index("jurisdiction")
    engine_counts = pd.crosstab(status["jurisdiction"], status["status"])
    for code in ("BJ", "SH", "BDA"):
        shown = counts.loc[place(code, lang)]  # names, no codes
        for s in STATUS_ORDER:
            want = int(engine_counts.loc[code].get(s, 0))
            assert shown[s] == want, (code, s)
    # BJ: 1 achieved, 2 on track, 1 off track, 5 without data (see fixture)
    bj = counts.loc[place("BJ", lang)]
    assert bj["no_data"] == 5
    assert bj["total"] == 9
    assert column_headings(counts_table)["no_data"] == locale(lang).status("no_data")
    behind = shown_cells(table_under(at, t("overview.behind", lang)))
    first = behind.iloc[0]
    # worst first: the parts library missed its deadline, (700,000 - 400,000) / 600,000 = 50 %
    assert first["pace"] == "50%"
    assert first["status"] == locale(lang).status("missed")
    assert first["target"] == tables.target_name(
        CATALOG, "SH-2023:parts_library_capacity", locale(lang)
    )
    elapsed = table_under(at, t("overview.elapsed", lang)).value.set_index("plan")
    assert elapsed.loc[place("SH", lang), "elapsed"] == pytest.approx(100.0)
    assert elapsed.loc[place("BJ", lang), "elapsed"] == pytest.approx(66.7)
    check_status_table(table_under(at, t("overview.status_table", lang)), lang, status)
    completeness = table_under(at, t("upload.completeness", lang))
    assert "missing" in completeness.value.columns
    assert column_headings(completeness)["missing"] == t("col.missing", lang)


def place(code: str, lang: str) -> str:
    return locale(lang).name(CATALOG.jurisdiction(code))


def check_status_table(drawn_table: Dataframe, lang: str, status: pd.DataFrame) -> None:
    """The officials' table: names, worst first, whole numbers and percentages in words,
    numbers kept as numbers underneath, so that a click on a header sorts by value."""
    table = shown_cells(drawn_table)
    names = [
        tables.target_name(CATALOG, c, locale(lang))
        for c in worst_first(status.reset_index())["target"]
    ]
    assert table["target"].tolist() == names
    assert list(table.columns[:3]) == ["target", "status", "value"]
    drawn = column_headings(drawn_table)  # a share written "83%" is headed without "(%)"
    assert [drawn[c] for c in ("target", "status", "pace")] == [
        t("col.target", lang),
        t("col.status", lang),
        t("col.pace", lang),
    ]
    table = table.set_index("target")
    for code, row in status.iterrows():
        shown = table.loc[tables.target_name(CATALOG, code, locale(lang))]
        assert shown["status"] == locale(lang).status(row["status"])
        if pd.notna(row["value"]):
            assert shown["value"] == fmt.number(round(row["value"]), lang)
            assert shown["pace"] == fmt.percent(row["pace"], 0)
    assert "SH-2023:industrial_bases" not in table.to_string()  # no codes
    bases = table.loc[tables.target_name(CATALOG, "SH-2023:industrial_bases", locale(lang))]
    assert bases["goal"] == ("约 3 个" if lang == "zh" else "about 3 bases")
    numbers = drawn_table.value
    assert pd.api.types.is_float_dtype(numbers["value"])
    assert pd.api.types.is_float_dtype(numbers["pace"])
    by_value = numbers.sort_values("value", na_position="last")["value"].dropna().tolist()
    assert by_value == sorted(status["value"].dropna().round().tolist())  # 700,000 after 6


def check_jurisdiction(at: AppTest, lang: str, status: pd.DataFrame) -> None:
    check_status_table(table_under(at, t("jurisdiction.table", lang)), lang, status)
    # one header per plan with targets, by the jurisdiction's name alone (no code in brackets)
    with_targets = set(status["plan"])
    assert [h.value for h in at.header] == [
        place(p.jurisdiction, lang) for p in CATALOG.plans if p.code in with_targets
    ]
    # every target's trajectory as a small panel: a few figures per plan, not two per target
    plots = at.get("plotly_chart")
    per_plan = status.groupby("plan").size()
    assert len(plots) == sum(min(charts.PANEL_COLUMNS, n) for n in per_plan)
    specs = "".join(json.loads(p.proto.spec)["layout"]["annotations"].__repr__() for p in plots)
    for metric in status["metric"]:
        name = html.escape(locale(lang).name(CATALOG.metric(metric)), quote=False)
        assert all(part in specs for part in name.split())


def check_compare(at: AppTest, lang: str, status: pd.DataFrame) -> None:
    bda, beijing = (locale(lang).name(CATALOG.jurisdiction(c)) for c in ("BDA", "BJ"))
    note = t("compare.parent_note", lang, child=bda, parent=beijing)
    # the notes share one box, a line each
    assert f"- {note}" in [line for w in at.warning for line in w.value.splitlines()]
    family_table = table_under(at, t("compare.table", lang))
    family = family_table.value.set_index(["family", "jurisdiction"])
    talent = "Talent" if lang == "en" else "人才团队"
    beijing = "Beijing" if lang == "en" else "北京市"
    shanghai = "Shanghai" if lang == "en" else "上海市"
    # talent: BJ leading_teams 6 / 5; SH top_scientist_teams 4 / 5
    assert family.loc[(talent, beijing), "attainment"] == 120.0
    assert family.loc[(talent, shanghai), "attainment"] == 80.0
    assert family.loc[(talent, shanghai), "pace"] == 80.0
    assert column_headings(family_table)["attainment"] == t("col.attainment", lang) + " (%)"
    check_status_table(table_under(at, t("compare.targets", lang)), lang, status)


def check_target(at: AppTest, lang: str, status: pd.DataFrame) -> None:
    target = CATALOG.target("BJ-2024:leading_teams")
    text = page_text(at)
    # the policy sentence is shown as typed (escaped for Markdown: catalog text is data)
    assert markdown_literal(target.text_zh) in text
    # the English translation is for English readers; the Chinese view shows Chinese only
    assert (markdown_literal(target.text_en) in text) == (lang == "en")
    assert "京科发〔2024〕14号" in text and target.section in text
    facts = table_under(at, t("target.status", lang)).value.set_index("field")["content"]
    assert facts[t("col.value", lang)] == "6"
    assert facts[t("col.goal", lang)] == "≥ 5"
    assert facts[t("col.expected", lang)] == "3"  # 2/3 of 5 teams, a whole number
    assert facts[t("col.status", lang)] == locale(lang).status("achieved")
    assert facts[t("col.attainment", lang)] == "120.0%"  # 6 of 5: headed without "(%)"
    history = table_under(at, t("target.history", lang)).value
    assert list(history["value"]) == [3.0, 1.0, 2.0]  # newest quarter first
    assert set(history["file_name"]) == {"fixture.csv"}
    audit = table_under(at, t("target.audit", lang)).value
    commits = audit[audit["action"] == t("audit.commit", lang)]
    assert list(commits["detail"].str.startswith("fixture.csv")) == [True]


CONTENT_CHECKS: dict[str, Callable[[AppTest, str, pd.DataFrame], None]] = {
    "overview": check_overview,
    "jurisdiction": check_jurisdiction,
    "compare": check_compare,
    "target": check_target,
}
PAGE_PARAMS = {"target": {"target": "BJ-2024:leading_teams"}}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.key)
def test_page_renders_engine_figures(
    page: PageSpec, lang: str, fixture_db: Path, engine_status: pd.DataFrame, monkeypatch
) -> None:
    params = {"lang": lang, "as_of": AS_OF.isoformat(), **PAGE_PARAMS.get(page.key, {})}
    at = run_page(fixture_db, page, monkeypatch, **params)
    assert not at.exception, [e.value for e in at.exception]
    assert [title.value for title in at.title] == [t(page.title_key, lang)]
    for drawn in headings(at):  # every column headed in words, none by its name in code
        assert [c for c, label in drawn.items() if label == c] == [], drawn
    check = CONTENT_CHECKS.get(page.key)
    if check is not None:
        check(at, lang, engine_status.reset_index().set_index("target"))


def test_revision_shows_every_version_with_its_batch(fixture_db: Path, monkeypatch) -> None:
    at = run_page(
        fixture_db,
        next(p for p in PAGES if p.key == "target"),
        monkeypatch,
        lang="en",
        as_of=AS_OF.isoformat(),
        target="SH-2023:parts_library_capacity",
    )
    history_table = table_under(at, t("target.history", "en"))
    history = history_table.value
    q4 = history[history["quarter"] == "2024Q4"].set_index("version")
    assert q4.loc["current", "value"] == 700000
    assert q4.loc["current", "file_name"] == "revision.csv"
    assert q4.loc["superseded", "value"] == 600000
    assert q4.loc["superseded", "batch"] < q4.loc["current", "batch"]
    shown = shown_cells(history_table)  # numbers underneath, written with separators
    assert set(shown.loc[history["quarter"] == "2024Q4", "value"]) == {"700,000", "600,000"}
    facts = table_under(at, t("target.status", "en")).value.set_index("field")["content"]
    # 2024Q4 is four quarters before the deadline: the level's figure is stale
    assert facts["Value"] == "700,000" and facts["Status"] == "Missed · stale figure"


def test_url_reproduces_a_view(fixture_db: Path, monkeypatch) -> None:
    at = run_page(fixture_db, None, monkeypatch, lang="en", jurisdiction="SH", as_of="2025-12-31")
    assert not at.exception
    assert at.radio(key="view_lang").value == "en"
    assert at.selectbox(key="view_as_of").value.isoformat() == "2025-12-31"
    assert at.selectbox(key="view_jurisdiction").value == "SH"
    counts = table_under(at, t("overview.counts", "en")).value
    assert list(counts["jurisdiction"]) == ["Shanghai"]  # only the chosen one
    assert counts.iloc[0]["missed"] == 2 and counts.iloc[0]["achieved"] == 1


def test_upload_shows_at_once(tmp_path: Path, monkeypatch) -> None:
    db = build_fixture_db(tmp_path / "kpi.duckdb")
    before = run_page(db, None, monkeypatch, lang="en", as_of=AS_OF.isoformat())
    counts = table_under(before, t("overview.counts", "en")).value.set_index("jurisdiction")
    assert counts.loc["Beijing", "achieved"] == 1
    # revise hardtech_startups 2025Q4 from 10 to 30: 70 + 30 = 100 >= 100, achieved
    patch = "jurisdiction,metric,period,value\nBJ,hardtech_startups,2025Q4,30\n"
    store = Store.open(db)
    try:
        assert ingest_bytes(store, patch.encode(), "patch.csv", "t", today=TODAY).committed
    finally:
        store.close()
    after = run_page(db, None, monkeypatch, lang="en", as_of=AS_OF.isoformat())
    counts = table_under(after, t("overview.counts", "en")).value.set_index("jurisdiction")
    assert counts.loc["Beijing", "achieved"] == 2


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_db(tmp_path_factory.mktemp("sample") / "kpi.duckdb", sample=True)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.key)
def test_sample_banner_only_with_sample_data(
    page: PageSpec, lang: str, sample_db: Path, fixture_db: Path, monkeypatch
) -> None:
    for db, want in ((sample_db, 1), (fixture_db, 0)):
        at = run_page(db, page, monkeypatch, lang=lang)
        assert not at.exception
        banners = [w for w in at.warning if w.value == t("sample.banner", lang)]
        assert len(banners) == want, (db, page.key)


EDGE_VIEWS = {
    "before-any-plan": {"as_of": "2022-06-30"},
    "bda-only": {"jurisdiction": "BDA", "target": "BJ-2024:leading_teams"},
    "after-every-deadline": {"as_of": "2028-12-31", "lang": "en"},
    "bad-url-values": {"as_of": "not-a-date", "jurisdiction": "XX", "target": "nope"},
}


@pytest.mark.parametrize("view", EDGE_VIEWS, ids=str)
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.key)
def test_page_survives_edge_views(page: PageSpec, view: str, fixture_db, monkeypatch) -> None:
    at = run_page(fixture_db, page, monkeypatch, **EDGE_VIEWS[view])
    assert not at.exception, [e.value for e in at.exception]
    title = t(page.title_key, EDGE_VIEWS[view].get("lang", "zh"))
    assert [shown.value for shown in at.title] == [title]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.key)
def test_page_survives_an_empty_database(page: PageSpec, tmp_path: Path, monkeypatch) -> None:
    at = run_page(tmp_path / "empty.duckdb", page, monkeypatch, lang="en")
    assert not at.exception, [e.value for e in at.exception]
    assert not [w for w in at.warning if w.value == t("sample.banner", "en")]


def test_sidebar_changes_redraw_the_page_and_the_url(fixture_db: Path, monkeypatch) -> None:
    page = next(p for p in PAGES if p.key == "overview")
    at = run_page(fixture_db, page, monkeypatch, as_of=AS_OF.isoformat())
    assert [title.value for title in at.title] == [t("page.overview", "zh")]
    at.radio(key="view_lang").set_value("en")
    at.selectbox(key="view_jurisdiction").set_value("BJ")
    at.run()
    assert not at.exception
    assert [title.value for title in at.title] == ["Overview"]
    assert dict(at.query_params) == {"lang": "en", "as_of": "2025-12-31", "jurisdiction": "BJ"}
    counts = table_under(at, t("overview.counts", "en")).value
    assert list(counts["jurisdiction"]) == ["Beijing"]
    assert counts.iloc[0]["off_track"] == 1  # listed_companies_new: 1 / 2 expected


def test_catalog_text_is_shown_literally_not_as_markdown(tmp_path: Path, monkeypatch) -> None:
    """Catalog text is uploaded data: Markdown in it must reach the reader as typed."""
    db = build_fixture_db(tmp_path / "kpi.duckdb")
    hostile = "**bold** <b>tag</b> [link](http://x.test)"
    store = Store.open(db)
    raw = DEFAULT_CATALOG.read_text(encoding="utf-8").replace(
        'name_en = "Leading synthetic-biology teams"', f'name_en = "{hostile}"', 1
    )
    raw = raw.replace(
        'text_en = "Attract or foster no fewer than 5 leading synthetic-biology teams."',
        f'text_en = "{hostile}"',
        1,
    )
    store.load_catalog_text(raw, "admin")
    store.close()
    for page, params in (
        ("jurisdiction", {"jurisdiction": "BJ"}),
        ("target", {"target": "BJ-2024:leading_teams"}),
    ):
        spec = next(p for p in PAGES if p.key == page)
        at = run_page(db, spec, monkeypatch, lang="en", as_of=AS_OF.isoformat(), **params)
        assert not at.exception
        sources = [m.value for m in at.markdown]
        if page == "jurisdiction":  # the name titles a chart panel: escaped for plotly
            titles = [
                a["text"]
                for p in at.get("plotly_chart")
                for a in json.loads(p.proto.spec)["layout"]["annotations"]
            ]
            sources = ["".join(titles).replace("</b><br><b>", " ")]
            assert any(html.escape(hostile, quote=False) in s for s in sources), page
        else:
            assert any(markdown_literal(hostile) in s for s in sources), page
        assert not any(hostile in s for s in sources), page


@pytest.mark.parametrize(("as_of", "due", "missing"), [("2025-12-31", 8, 5), ("2024-06-30", 2, 1)])
def test_completeness_follows_the_as_of_date(
    fixture_db: Path, monkeypatch, as_of: str, due: int, missing: int
) -> None:
    """BJ leading_teams, reported 2024Q1, 2024Q3, 2025Q2: due and missing at each date."""
    at = run_page(fixture_db, None, monkeypatch, lang="zh", as_of=as_of, jurisdiction="BJ")
    table = table_under(at, t("upload.completeness", "zh")).value.set_index("metric")
    row = table.loc[CATALOG.metric("leading_teams").name_zh]
    assert (row["due"], row["missing"]) == (due, missing)
    assert row["jurisdiction"] == "北京市"
    assert list(table["missing"]) == sorted(table["missing"])[::-1]


@pytest.mark.parametrize("lang", LANGS)
def test_observations_after_the_as_of_date_are_marked(fixture_db: Path, monkeypatch, lang) -> None:
    target = next(p for p in PAGES if p.key == "target")
    params = {"lang": lang, "as_of": "2024-12-31", "target": "BJ-2024:leading_teams"}
    at = run_page(fixture_db, target, monkeypatch, **params)
    history = table_under(at, t("target.history", lang)).value.set_index("quarter")["after_as_of"]
    assert history.to_dict() == {
        "2025Q2": t("target.after_as_of", lang),
        "2024Q3": "",
        "2024Q1": "",
    }
    note = t("target.after_as_of_note", lang, n=1, as_of="2024-12-31")
    assert note in [c.value for c in at.caption]
