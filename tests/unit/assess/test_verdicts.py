"""Issue 9: verdicts an official can defend, pinned with hand-computed cases for
point-in-time views, the close, and flags (the same cases through ``kpi status``:
tests/cli/test_status_cli.py; the past never changing: tests/integration/test_properties.py)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pandas as pd
import pytest

from kpi.assess.verdicts import compute_status
from kpi.domain.rules import Status, status_records
from kpi.present import locale
from kpi.present.theme import STATUS_COLORS, STATUS_ORDER, STATUS_SYMBOLS
from kpi.storage import audit as store_clock
from kpi.storage.store import Store
from tests.support.stores import ingest_rows


# ---- point in time and the close, on a controlled clock ----------------------------------
@pytest.fixture
def clock(monkeypatch):
    """Commit and revert times under the test's control (the store's own clock)."""
    now = {"t": datetime(2026, 1, 15, 9, 0, 0)}
    monkeypatch.setattr(store_clock, "now", lambda: now["t"])

    def set_time(moment: datetime) -> None:
        now["t"] = moment

    return set_time


HQS = "SH-2023:regional_hqs"  # at least 5, SH-2023 ends 2025-12-31, closes 2026-03-31


def _close(row: dict) -> tuple:
    return row["status"], row["status_at_close"], row["revised_after_close"]


def _row(store: Store, code: str, as_of: date, known_at=None) -> dict:
    frame = compute_status(store, as_of, known_at=known_at)
    return frame.set_index("target").loc[code].to_dict()


def test_a_late_upload_is_a_revision_after_close(store, clock):
    ingest_rows(store, [("SH", "regional_hqs", "2023Q4", 2), ("SH", "regional_hqs", "2025Q2", 2)])
    clock(datetime(2026, 6, 1, 10, 0, 0))  # after 2025-12-31 + 90 days
    ingest_rows(store, [("SH", "regional_hqs", "2025Q4", 1)], "late.csv")
    now = _row(store, HQS, date(2026, 9, 30))
    assert _close(now) == ("achieved", "missed", True)
    then = _row(store, HQS, date(2026, 9, 30), known_at=datetime(2026, 5, 1))
    assert _close(then) == ("missed", "missed", False)


def test_an_upload_within_the_reporting_lag_counts_at_close(store, clock):
    ingest_rows(store, [("SH", "regional_hqs", "2023Q4", 2), ("SH", "regional_hqs", "2025Q2", 2)])
    clock(datetime(2026, 3, 31, 18, 0, 0))  # the last day of the 90-day lag
    ingest_rows(store, [("SH", "regional_hqs", "2025Q4", 1)], "q4.csv")
    row = _row(store, HQS, date(2026, 9, 30))
    assert _close(row) == ("achieved", "achieved", False)


def test_no_status_at_close_before_the_close(store, clock):
    ingest_rows(store, [("SH", "regional_hqs", "2025Q2", 2)])
    row = _row(store, HQS, date(2026, 3, 31))  # deadline + 90 days: not yet past
    assert row["status"] == "missed" and row["status_at_close"] is None
    assert _row(store, HQS, date(2026, 4, 1))["status_at_close"] == "missed"


@pytest.mark.parametrize(
    ("reverted", "at_close", "revised"),
    [
        (datetime(2026, 5, 2, 8, 0, 0), "achieved", True),  # after the close (2026-03-31)
        (datetime(2026, 2, 1, 8, 0, 0), "missed", False),  # within the reporting lag
    ],
)
def test_a_revert_around_the_close(store, clock, reverted, at_close, revised):
    ingest_rows(store, [("SH", "regional_hqs", "2025Q2", 2)])
    good = ingest_rows(store, [("SH", "regional_hqs", "2025Q4", 3)], "q4.csv").batch_id
    clock(reverted)
    store.revert_batch(good, "tester")
    row = _row(store, HQS, date(2026, 9, 30))
    assert (row["value"], row["status"]) == (2, "missed")
    assert (row["status_at_close"], row["revised_after_close"]) == (at_close, revised)
    # as known just before the revert, the batch still counts
    known = _row(store, HQS, date(2026, 9, 30), known_at=reverted - timedelta(seconds=1))
    assert (known["value"], known["status"]) == (5, "achieved")


def test_a_downward_revision_after_close(store, clock):
    ingest_rows(store, [("SH", "regional_hqs", "2025Q2", 5)])
    clock(datetime(2026, 7, 1, 8, 0, 0))
    ingest_rows(store, [("SH", "regional_hqs", "2025Q2", 4)], "corrected.csv")
    row = _row(store, HQS, date(2026, 9, 30))
    assert (row["value"], row["status"], row["status_at_close"]) == (4, "missed", "achieved")
    assert row["revised_after_close"]


def test_reporting_lag_comes_from_the_catalog(tmp_path, clock):
    from kpi.domain.catalog import DEFAULT_CATALOG

    text = DEFAULT_CATALOG.read_text(encoding="utf-8").replace(
        'code = "SH-2023"\n', 'code = "SH-2023"\nreporting_lag_days = 10\n'
    )
    path = tmp_path / "catalog.toml"
    path.write_text(text, encoding="utf-8")
    with Store.open(tmp_path / "kpi.duckdb", catalog_path=path) as s:
        clock(datetime(2026, 1, 5, 8, 0, 0))  # within the 10 days
        ingest_rows(s, [("SH", "regional_hqs", "2025Q2", 2)])
        clock(datetime(2026, 1, 20, 8, 0, 0))  # 20 days after the deadline: after close
        ingest_rows(s, [("SH", "regional_hqs", "2025Q4", 3)], "q4.csv")
        row = _row(s, HQS, date(2026, 1, 31))
    assert _close(row) == ("achieved", "missed", True)


# ---- flags ------------------------------------------------------------------------------
def test_stale_level(store):
    code = "BJ-2024:strain_bank_capacity"
    ingest_rows(store, [("BJ", "strain_bank_capacity", "2024Q1", 20000)])
    # E = 2024-09-30 is two quarters after 2024Q1: not stale; 2024-12-31 is three
    assert not _row(store, code, date(2024, 9, 30))["stale"]
    assert _row(store, code, date(2024, 12, 31))["stale"]
    assert not _row(store, "BJ-2024:leading_teams", date(2026, 6, 30))["stale"]  # flows never


@pytest.mark.parametrize(
    ("value", "status", "short"),
    [
        # 2025-06-30: 546 / 1095 of 9,000 = 4,487.7 -> 4,488 due. 6 quarters done, 6 left.
        (3200, "at_risk", True),  # forecast 6,400; P(X >= 5,800 | mean 3,200) ~ 0
        (4488, "on_track", False),  # forecast 8,976 < 9,000, but p_meet ~ 0.37
        (4300, "on_track", True),  # pace 0.958; forecast 8,600; p_meet < 10 %
    ],
)
def test_forecast_short_flag(store, value, status, short):
    code = "BJ-2024:patent_strains_new"
    ingest_rows(store, [("BJ", "patent_strains_new", "2025Q2", value)])
    row = _row(store, code, date(2025, 6, 30))
    assert row["expected"] == 4488 and row["status"] == status
    assert row["forecast"] == 2 * value
    assert (row["p_meet"] < 0.1) is short
    assert row["forecast_short"] is short


def test_counts_expect_and_forecast_whole_items(store):
    ingest_rows(store, [("BJ", "leading_teams", "2024Q2", 1)])
    row = _row(store, "BJ-2024:leading_teams", date(2024, 9, 30))
    # 273 / 1095 x 5 = 1.25 teams due -> 1; forecast 1 + 1/3 x 9 = 4 (exactly)
    assert row["expected"] == 1 and row["forecast"] == 4
    row = _row(store, "BJ-2024:leading_teams", date(2024, 6, 30))
    # 0.83 -> 1 due; forecast 1 + 1/2 x 10 = 6
    assert row["expected"] == 1 and row["forecast"] == 6


def test_status_records_carry_the_new_fields(store):
    records = status_records(compute_status(store, date(2025, 12, 31), "BDA"))
    assert {r["status"] for r in records} == {"not_started"}
    assert all(r["eval_date"] == "2025-12-31" and r["stale"] is False for r in records)
    json.dumps(records)  # JSON-ready


# ---- the vocabulary ------------------------------------------------------------------------
def test_every_status_has_labels_colour_and_symbol():
    assert [s.value for s in Status] == list(STATUS_ORDER)
    for status in Status:
        zh, en = locale("zh").status(status), locale("en").status(status)
        assert zh and en and zh != en and all(ord(c) > 0x2E7F for c in zh)
        assert STATUS_COLORS[status].startswith("#") and STATUS_SYMBOLS[status]
    assert len(set(STATUS_COLORS.values())) == len(STATUS_COLORS)


# ---- what officials read -------------------------------------------------------------------
def _one(store: Store, code: str, as_of: date, **kw) -> pd.Series:
    frame = compute_status(store, as_of, **kw)
    return frame.set_index("target", drop=False).loc[code]


def test_status_text_names_the_start_the_close_and_the_flags(store, clock, catalog):
    from kpi.present.views import close_note, status_text

    bda = _one(store, "BDA-2025:leading_teams", date(2025, 12, 31))
    assert status_text(bda, locale("zh")) == "尚未开始（规划期始于 2026-01-01）"
    assert status_text(bda, locale("en")) == "Not started (plan starts 2026-01-01)"
    ingest_rows(store, [("SH", "regional_hqs", "2025Q2", 4)])
    clock(datetime(2026, 6, 1, 10, 0, 0))
    ingest_rows(store, [("SH", "regional_hqs", "2025Q4", 1)], "late.csv")
    late = _one(store, HQS, date(2026, 9, 30))
    assert status_text(late, locale("zh")) == "已完成（期末判定：未完成，其后修订）"
    note = close_note(late, catalog, locale("en"))
    assert note.startswith("As known at the close (2026-03-31) the verdict was 'Missed'")
    assert close_note(bda, catalog, locale("en")) is None
    assert status_text(late, locale("en")) == "Achieved (at close: Missed; revised after close)"
    ingest_rows(store, [("BJ", "patent_strains_new", "2025Q2", 3200)], "strains.csv")
    short = _one(store, "BJ-2024:patent_strains_new", date(2025, 6, 30))
    assert status_text(short, locale("zh")) == "存在风险 · 预测不达标"
    assert status_text(short, locale("en")) == "At risk · forecast short"


def test_approximate_targets_state_the_number_and_the_90_percent_rule(store):
    from kpi.present.views import target_facts

    row = _one(store, "SH-2023:industrial_bases", date(2024, 6, 30))
    facts = target_facts(row, locale("zh")).set_index("field")["content"]
    assert facts["达标线"] == "约 3（达到 3 的 90%，即 2.7，视为完成）"
    facts = target_facts(row, locale("en")).set_index("field")["content"]
    assert facts["Threshold"] == "about 3 (met at 90% of 3, i.e. 2.7)"


def test_status_table_reads_without_codes_or_booleans(store, catalog):
    from kpi.present.views import status_table

    ingest_rows(store, [("BJ", "strain_bank_capacity", "2024Q1", 20000)])
    frame = compute_status(store, date(2026, 9, 30))
    table = status_table(frame, catalog, locale("zh"))
    texts = table.select_dtypes(exclude="number")  # numbers: NaN is drawn as a dash
    cells = {str(v) for v in texts.to_numpy().ravel()}
    assert not cells & {"True", "False", "None", "nan", "NaT", "not_started", "stale"}
    stale = table.set_index("target").loc["BJ-2024:strain_bank_capacity"]
    assert stale["stale"] == "是" and stale["status"] == "明显滞后"


def test_target_detail_quotes_its_paragraph_and_offers_the_text(store, catalog):
    from kpi.present.views import source_line, source_quote, target_detail

    row = _one(store, "BDA-2025:test_field_area", date(2026, 9, 30))
    detail = target_detail(
        catalog, row, store.observation_history("BDA", "test_field_area"), locale("zh")
    )
    assert detail.passage.before.startswith("6. 开放产业场景资源")
    assert detail.passage.after.startswith(",为重点企业提供")
    quote = source_quote(detail, locale("zh"))
    assert "**规划建设百亩级专业化合成生物制造试验田**" in quote
    assert "京技管发〔2025〕34号" in detail.policy_text  # the whole text, for download
    line = source_line(detail, locale("zh"))
    assert "京技管发〔2025〕34号" in line and "2025-12-29" in line and "《" in line
    sh = _one(store, "SH-2023:regional_hqs", date(2024, 6, 30))
    sh_detail = target_detail(
        catalog, sh, store.observation_history("SH", "regional_hqs"), locale("en")
    )
    assert "repost" in source_line(sh_detail, locale("en"))


def test_parent_notes_follow_parent(catalog):
    from kpi.present.views import parent_notes

    assert parent_notes(catalog, ["SH"], locale("zh")) == []
    assert parent_notes(catalog, ["BJ", "SH"], locale("en")) == []
    [note] = parent_notes(catalog, ["BJ", "BDA"], locale("en"))
    assert "Beijing E-Town lies inside Beijing" in note
    # through a city not in view: Jintan's figures count inside Jiangsu's too
    [note] = parent_notes(catalog, ["JS", "JT", "GD"], locale("en"))
    assert "Jintan" in note and "Jiangsu" in note


def test_readme_states_the_rules_the_code_applies():
    from kpi.domain import rules as engine
    from kpi.domain.catalog import APPROX_SHARE, Plan
    from tests.support import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## How attainment is judged")[1].split("\n## ")[0]
    english, chinese = section.split("**中文。**")
    for status in Status:
        assert locale("en").status(status).lower() in english, status
        assert locale("zh").status(status) in chinese, status
    for number in (engine.ON_TRACK_PACE, engine.AT_RISK_PACE):
        assert f"≥ {number}" in english and f"≥ {number}" in chinese
    assert f"{APPROX_SHARE:.0%}".replace("%", " %") in english
    assert f"{APPROX_SHARE:.0%}" in chinese
    assert f"{engine.FORECAST_SHORT_P:.0%}".replace("%", " %") in english
    assert engine.STALE_QUARTERS == 2 and "two quarters" in english and "两个季度" in chinese
    lag = Plan.model_fields["reporting_lag_days"].default
    assert f"default {lag}" in english and f"默认 {lag} 天" in chinese
    assert "UN SDG" in english and "联合国可持续发展目标" in chinese
    assert "UN SDG" in (engine.__doc__ or "") and "Open SDG" in (engine.__doc__ or "")


def _briefing_text(store: Store, jurisdiction: str, as_of: date, known_at=None) -> str:
    from kpi.present.documents import build_briefing
    from kpi.present.locale import ViewState

    figure = build_briefing(store, ViewState(locale("en"), as_of, jurisdiction, known_at)).figure
    return " ".join(str(a.text) for a in figure.layout.annotations)


def test_briefing_of_a_plan_not_started_says_batches_exist(store):
    ingest_rows(store, [("BDA", "leading_teams", "2026Q1", 1)])
    text = _briefing_text(store, "BDA", date(2025, 12, 31))
    assert "1 upload batch(es) exist" in text and "nothing uploaded yet" not in text
    assert "Not started" in text


def test_briefing_states_the_known_at_day_and_uses_that_data(store, clock):
    ingest_rows(store, [("SH", "regional_hqs", "2025Q2", 4)])
    clock(datetime(2026, 6, 1, 10, 0, 0))
    ingest_rows(store, [("SH", "regional_hqs", "2025Q4", 1)], "late.csv")
    then = _briefing_text(store, "SH", date(2026, 9, 30), known_at=date(2026, 5, 1))
    # the source line's "data updated" is the newest batch known then
    assert "as known on 2026-05-01" in then and "data updated 2026-01-15 09:00" in then
    now = _briefing_text(store, "SH", date(2026, 9, 30))
    assert "as known on" not in now and "data updated 2026-06-01 10:00" in now


def test_compare_counts_only_targets_with_a_figure(store, catalog):
    from kpi.present.views import family_comparison

    ingest_rows(store, [("BJ", "leading_teams", "2024Q2", 1)])
    for as_of in (date(2025, 12, 31), date(2026, 9, 30)):  # BDA not started / SH past D
        comparison = family_comparison(compute_status(store, as_of), catalog, locale("en"))
        with_data = comparison.groupby("jurisdiction")["with_data"].sum()
        # every jurisdiction with a target is listed (whatever the catalog holds), and
        # only the one figure counts
        planned = {catalog.plan(t.plan).jurisdiction for t in catalog.targets}
        assert with_data.to_dict() == {j: int(j == "BJ") for j in planned}
