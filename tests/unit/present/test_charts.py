"""The chart and view functions on the page fixture: what the figures show."""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from kpi.assess.verdicts import compute_status, status_history
from kpi.domain.catalog import load_catalog
from kpi.present import charts, fmt, locale, views
from kpi.present.documents import build_briefing
from kpi.present.headline import worst_first
from kpi.present.locale import ViewState
from kpi.present.theme import FONT_FAMILY, STATUS_COLORS
from kpi.storage.store import Store
from tests.support.dataset import AS_OF, build_fixture_db

CATALOG = load_catalog()


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory: pytest.TempPathFactory):
    store = Store.open(build_fixture_db(tmp_path_factory.mktemp("charts") / "kpi.duckdb"))
    yield store
    store.close()


@pytest.fixture(scope="module")
def status(fixture_store: Store) -> pd.DataFrame:
    return compute_status(fixture_store, AS_OF).set_index("target", drop=False)


def _annotations(fig) -> list[str]:
    return [a.text for a in fig.layout.annotations]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_bullet_shows_value_status_threshold_and_expected(status, lang: str) -> None:
    row = status.loc["BJ-2024:leading_enterprises"]  # range 5-10, value 3, on track
    fig = charts.bullet_chart(row, locale(lang))
    bar = next(tr for tr in fig.data if tr.type == "bar")
    assert list(bar.x) == [3.0]
    assert bar.marker.color == STATUS_COLORS["on_track"]
    assert any(locale(lang).status("on_track") in a for a in _annotations(fig))
    assert any(a.endswith(" 5") for a in _annotations(fig))  # threshold label
    assert any(a.endswith(" 10") for a in _annotations(fig))  # range max label
    expected = next(tr for tr in fig.data if tr.type == "scatter")
    assert expected.x[0] == round(5 * 730 / 1095)  # whole enterprises: 3.33 -> 3
    assert fig.layout.template.layout.font.family == FONT_FAMILY  # the kpi template


def test_trajectory_has_required_path_observations_and_forecast(fixture_store, status) -> None:
    row = status.loc["BJ-2024:hardtech_startups"]  # 10 a quarter for 8 quarters
    history = status_history(fixture_store, AS_OF, "BJ")
    fig = charts.trajectory_chart(history[history["target"] == row["target"]], row, locale("en"))
    by_name = {tr.name: tr for tr in fig.data}
    path = by_name["Required path"]
    assert [pd.Timestamp(x).date() for x in path.x] == [date(2024, 1, 1), date(2026, 12, 31)]
    assert list(path.y) == [0.0, 100.0]
    assert list(by_name["Observed"].y) == [10.0 * k for k in range(1, 9)]
    # 80 after 8 quarters, 4 quarters left at 10 a quarter: 120 at the deadline
    forecast = by_name["Forecast at deadline: 120"]
    assert list(forecast.y) == [80.0, 120.0]


def test_trajectory_names_its_lines_and_markers_in_the_legend(fixture_store, status) -> None:
    """No label on the plot that could collide: lines and marker shapes are in the legend,
    the only annotation is the as-of line's; the y-axis names the unit, ticks are whole."""
    row = status.loc["BJ-2024:leading_enterprises"]  # range 5-10, at risk, value 3
    history = status_history(fixture_store, AS_OF, "BJ")
    fig = charts.trajectory_chart(
        history[history["target"] == row["target"]], row, locale("zh"), unit="家"
    )
    names = [tr.name for tr in fig.data if tr.showlegend is not False]
    assert {"目标 5", "上限 10", "实际累计", "所需路径"} <= set(names)
    shown = set(history.loc[history["target"] == row["target"], "status"].dropna())
    assert {locale("zh").status(s) for s in shown if s != "no_data"} <= set(names)
    assert [a.text for a in fig.layout.annotations] == ["截至 2025-12-31"]
    assert all("text" not in (tr.mode or "") for tr in fig.data)
    assert fig.layout.yaxis.ticktext[-1].endswith(" 家")  # the unit on the top tick
    assert all(float(v).is_integer() for v in fig.layout.yaxis.tickvals)  # whole firms


def test_trajectory_says_when_the_as_of_line_is_drawn_at_the_deadline(fixture_store) -> None:
    later = date(2026, 6, 30)  # after SH-2023's deadline 2025-12-31
    row = (
        compute_status(fixture_store, later, "SH")
        .set_index("target")
        .loc["SH-2023:top_scientist_teams"]
    )
    row["target"] = "SH-2023:top_scientist_teams"
    history = status_history(fixture_store, later, "SH")
    fig = charts.trajectory_chart(history[history["target"] == row["target"]], row, locale("en"))
    (note,) = fig.layout.annotations
    assert note.text == "as of 2026-06-30 (after the deadline: drawn at it)"
    assert pd.Timestamp(note.x).date() == date(2025, 12, 31)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_trajectory_panels_draw_every_target_of_a_plan_in_one_figure(
    fixture_store, status, lang: str
) -> None:
    """One panel per target, worst first: its name, value, goal and status above it, the
    unit on its y-axis, whole-number ticks written as every number is, the as-of line;
    the lines and marker shapes explained once in the legend, nothing else on the plot."""
    loc = locale(lang)
    frame = worst_first(status[status["jurisdiction"] == "BJ"].reset_index(drop=True))
    history = status_history(fixture_store, AS_OF, "BJ")
    fig = charts.trajectory_panels(frame, history, CATALOG, loc)
    titles = [a.text for a in fig.layout.annotations]
    assert len(titles) == len(frame)
    for title, (_, row) in zip(titles, frame.iterrows(), strict=True):
        metric = CATALOG.metric(row["metric"])
        name = html.unescape(("" if lang == "zh" else " ").join(re.findall(r"<b>(.*?)</b>", title)))
        assert name == loc.name(metric)
        assert loc.status(row["status"]) in title
    axes = [fig.layout[f"yaxis{i + 1 if i else ''}"] for i in range(len(frame))]
    units = [loc.unit(CATALOG.metric(m)) for m in frame["metric"]]
    for axis, unit in zip(axes, units, strict=True):
        assert all(float(v).is_integer() for v in axis.tickvals)
        texts = [fmt.number(v, lang) for v in axis.tickvals]
        assert list(axis.ticktext) == [*texts[:-1], f"{texts[-1]} {unit}"]  # the unit on top
    teams = list(frame["metric"]).index("leading_teams")
    observed = [
        tr
        for tr in fig.data
        if tr.yaxis == f"y{teams + 1 if teams else ''}"
        and tr.mode == "lines+markers"
        and tr.showlegend is False
    ]
    assert list(observed[0].y) == [2.0, 2.0, 3.0, 3.0, 3.0, 6.0, 6.0, 6.0]
    assert len(fig.layout.shapes) == len(frame)  # the as-of line in every panel
    legend = [tr.name for tr in fig.data if tr.showlegend is not False]
    shown = set(history.loc[history["value"].notna(), "status"])
    assert {
        loc.t("chart.required"),
        loc.t("chart.threshold"),
        loc.t("chart.observed"),
        loc.t("chart.as_of_line", day=AS_OF.isoformat()),
    } <= set(legend)
    assert {loc.status(s) for s in shown} <= set(legend)
    assert all("text" not in (tr.mode or "") for tr in fig.data)
    assert go.Figure(fig.to_dict())  # a valid figure once validated


def test_large_counts_tick_in_wan_in_chinese() -> None:
    zh, en = (
        charts.whole_ticks(120_000, locale("zh"), "株"),
        charts.whole_ticks(120_000, locale("en")),
    )
    assert zh["tickvals"] == [0, 50_000, 100_000]
    assert zh["ticktext"] == ["0", "5万", "10万 株"]
    assert en["ticktext"] == ["0", "50,000", "100,000"]
    assert charts.whole_ticks(3.2, locale("zh"))["tickvals"] == [0, 1, 2, 3]


def test_plan_panels_are_a_few_figures_per_plan_worst_first(fixture_store, status) -> None:
    history = status_history(fixture_store, AS_OF)
    figures = charts.plan_panel_figures(
        status.reset_index(drop=True), history, CATALOG, locale("en")
    )
    for plan, figs in figures.items():
        rows = worst_first(status[status["plan"] == plan].reset_index(drop=True))
        assert len(figs) == min(charts.PANEL_COLUMNS, len(rows))
        titles = [a.text for f in figs for a in f.layout.annotations]
        names = [html.unescape(" ".join(re.findall(r"<b>(.*?)</b>", x))) for x in titles]
        assert names == [locale("en").name(CATALOG.metric(m)) for m in rows["metric"]]


def test_approx_target_reads_as_the_plans_number(status) -> None:
    row = status.loc["SH-2023:industrial_bases"]  # 约3个: compared with 2.7
    fig = charts.bullet_chart(row, locale("zh"))
    texts = [a.text for a in fig.layout.annotations]
    assert "目标 约 3" in texts and not any("2.7" in x for x in texts)


def test_level_required_path_starts_at_the_first_level(status) -> None:
    row = status.loc["SH-2023:parts_library_capacity"]
    xs, ys = views.required_path(row)
    assert ys == [400000.0, 1000000.0]
    assert xs == [date(2023, 3, 31), date(2025, 12, 31)]  # from the first report


def _days(xs) -> list[date]:
    return [pd.Timestamp(x).date() for x in xs]


def test_dashboard_and_briefing_draw_one_required_path(fixture_store, status) -> None:
    """A level whose baseline is its first report: the target page, the jurisdiction
    page's panel and the briefing all start its path at that report, not at the plan's
    start (one rule, views.required_path)."""
    code = "SH-2023:parts_library_capacity"
    row, loc = status.loc[code], locale("en")
    history = status_history(fixture_store, AS_OF, "SH")
    target_page = charts.trajectory_chart(history[history["target"] == code], row, loc)
    [path] = [tr for tr in target_page.data if tr.name == loc.t("chart.required")]
    panel = charts.trajectory_panels(status.loc[[code]], history, CATALOG, loc).data[0]
    briefing = build_briefing(fixture_store, ViewState(loc, AS_OF, "SH"))
    dashed = [tr for tr in briefing.figure.data if tr.line.dash == "dash"]
    [drawn] = [tr for tr in dashed if tr.y[-1] == row["threshold"]]  # to its threshold
    expected = ([date(2023, 3, 31), date(2025, 12, 31)], [400_000.0, 1_000_000.0])
    for trace in (path, panel, drawn):
        assert (_days(trace.x), list(trace.y)) == expected


def test_status_matrix_lists_targets_under_their_status(status) -> None:
    fig = charts.status_matrix(status, CATALOG, locale("zh"))
    heat = fig.data[0]
    present = set(status["status"])  # only statuses that occur get a column
    assert list(heat.x) == [locale("zh").status(s) for s in STATUS_COLORS if s in present]
    beijing = list(heat.y).index("北京市")
    achieved = heat.text[beijing][0]
    assert achieved.startswith("<b>1</b>") and "合成生物学领军团队" in achieved


def test_comparison_chart_bars_are_mean_attainment_and_pace(status) -> None:
    comparison = views.family_comparison(status, CATALOG, locale("en"))
    fig = charts.comparison_chart(comparison, locale("en"))
    shanghai = [tr for tr in fig.data if tr.name == "Shanghai"]
    attainment, pace = shanghai
    talent = list(attainment.y).index("Talent")
    assert attainment.x[talent] == pytest.approx(80.0)  # 4 / 5
    assert pace.x[talent] == pytest.approx(80.0)  # at the deadline pace = attainment
    legend = [tr.name for tr in fig.data if tr.type == "scatter"]
    assert legend == ["100%: target reached", "95%: On track line", "60%: At risk line"]
    # only the two panel titles are written on the chart
    assert [a.text for a in fig.layout.annotations] == ["Mean attainment", "Mean pace"]


def test_target_detail_has_policy_source_and_every_revision(fixture_store, status) -> None:
    row = status.loc["SH-2023:parts_library_capacity"]
    history = fixture_store.observation_history("SH", "parts_library_capacity")
    detail = views.target_detail(CATALOG, row, history, locale("zh"))
    target = CATALOG.target("SH-2023:parts_library_capacity")
    assert detail.text_zh == target.text_zh and detail.section == target.section
    assert detail.doc_number == "沪府办发〔2023〕18号"
    versions = detail.history[detail.history["quarter"] == "2024Q4"]
    assert sorted(versions["version"]) == ["已被替代", "现行"]
    assert len(detail.history) == 3


def test_views_survive_an_empty_database(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "empty.duckdb")
    try:
        frame = compute_status(store, AS_OF)
    finally:
        store.close()
    counts = views.status_counts(frame, CATALOG, locale("en")).set_index("jurisdiction")
    n_targets = {j.code: 0 for j in CATALOG.jurisdictions}
    for target in CATALOG.targets:
        n_targets[CATALOG.plan(target.plan).jurisdiction] += 1
    started = {p.jurisdiction for p in CATALOG.plans if p.start <= AS_OF}
    for code, n in ((c, n) for c, n in n_targets.items() if n):  # a plan of no numbers: none
        shown = counts.loc[locale("en").name(CATALOG.jurisdiction(code))]
        assert shown["no_data" if code in started else "not_started"] == n
    assert charts.status_matrix(frame, CATALOG, locale("en")).data
