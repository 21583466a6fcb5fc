"""The attainment rules of kpi/engine.py, checked against an independent oracle.

``oracle`` below restates each rule in plain Python, one target at a time; the tables
give (observations, as-of) and the status the rules must produce, and every figure is
computed by the oracle from dates and thresholds, not copied from the engine.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest
from scipy.stats import poisson

from kpi.assess.verdicts import compute_status, status_history
from kpi.domain.catalog import DEFAULT_CATALOG
from kpi.domain.periods import parse_period, quarter_ends_between, quarter_label
from kpi.domain.rules import STATUS_FIELDS, status_records
from kpi.present.locale import locale
from kpi.storage.store import Store
from tests.support import TODAY
from tests.support.stores import ingest_rows


@dataclass(frozen=True)
class Rule:
    kind: str
    comparator: str
    lo: float
    hi: float | None
    start: date
    deadline: date

    @property
    def threshold(self) -> float:
        return 0.9 * self.lo if self.comparator == "approx" else self.lo


def rule_for(catalog, code: str) -> Rule:
    target = catalog.target(code)
    plan = catalog.plan(target.plan)
    kind = catalog.metric(target.metric).kind
    return Rule(kind, target.comparator, target.min, target.max, plan.start, plan.end)


def closed_quarter_end(day: date) -> date:
    """The end of the last quarter closed on or before ``day``."""
    return max(quarter_ends_between(date(day.year - 1, 1, 1), day))


def oracle(rule: Rule, obs: dict[date, float], as_of: date) -> dict:
    """kpi/engine.py's docstring, one target at a time (every metric here is a count)."""
    s, d, thr = rule.start, rule.deadline, rule.threshold
    e = min(closed_quarter_end(as_of), d)
    if rule.kind == "flow":
        counted = {q: v for q, v in obs.items() if s <= q <= e}
        value = sum(counted.values()) if counted else None
        b, path_start = 0.0, s
    else:
        upto = [q for q in obs if q <= e]
        value = obs[max(upto)] if upto else None
        before = [q for q in obs if q <= s]
        inside = [q for q in obs if s <= q <= e]
        if before:
            b, path_start = obs[max(before)], s
        elif inside:
            b, path_start = obs[min(inside)], min(inside)
        else:
            b, path_start = math.nan, s
    tau = min(max((e - s).days / (d - s).days, 0.0), 1.0)
    share = min(max((e - path_start).days / (d - path_start).days, 0.0), 1.0)
    expected = math.floor(b + share * (thr - b) + 0.5) if not math.isnan(b) else math.nan
    pace = None
    if value is not None and thr > b and expected - b > 0:
        pace = (value - b) / (expected - b)  # progress ratio, UN SDG
    elif value is not None and thr <= b and expected > 0:
        pace = value / expected
    if e < s:
        status = "not_started"
    elif value is None:
        status = "no_data"
    elif as_of >= d:
        status = "achieved" if value >= thr else "missed"
    elif value >= thr:
        status = "achieved"
    elif pace is None or pace >= 0.95:
        status = "on_track"  # nothing required yet: not behind
    elif pace >= 0.6:
        status = "at_risk"
    else:
        status = "off_track"
    stretch = (value >= rule.hi) if rule.comparator == "range" and value is not None else None
    return {
        "value": value,
        "threshold": thr,
        "tau": tau,
        "expected": expected,
        "pace": pace,
        "attainment": None if value is None else value / thr,
        "status": status,
        "stretch_met": stretch,
    }


def quarters(*pairs: tuple[str, float]) -> dict[date, float]:
    return {parse_period(label): value for label, value in pairs}


def load(store: Store, catalog, code: str, obs: dict[date, float], today: date = TODAY) -> None:
    target = catalog.target(code)
    jurisdiction = catalog.plan(target.plan).jurisdiction
    rows = [(jurisdiction, target.metric, q.isoformat(), v) for q, v in obs.items()]
    if rows:
        from kpi.ingest.workflow import ingest_bytes
        from tests.support.files import csv_bytes

        result = ingest_bytes(store, csv_bytes(rows), "t.csv", "tester", today=today)
        assert result.committed, [locale("en").describe(p) for p in result.problems]


def status_row(store: Store, code: str, as_of: date) -> dict:
    frame = compute_status(store, as_of)
    rows = frame[frame["target"] == code]
    assert len(rows) == 1
    return rows.iloc[0].to_dict()


def _same(actual, expected) -> bool:
    if expected is None:
        return actual is None or (isinstance(actual, float) and math.isnan(actual))
    return actual == pytest.approx(expected, rel=1e-9)


def assert_matches_oracle(row: dict, want: dict) -> None:
    for key in ("value", "threshold", "tau", "expected", "pace", "attainment"):
        assert _same(row[key], want[key]), (key, row[key], want[key])
    assert row["status"] == want["status"]
    if want["stretch_met"] is None:
        assert row["stretch_met"] is None or row["stretch_met"] != row["stretch_met"]
    else:
        assert bool(row["stretch_met"]) is want["stretch_met"]


# BJ-2024 runs 2024-01-01 .. 2026-12-31; SH-2023 2023-01-01 .. 2025-12-31.
CASES = [
    # (id, target, observations, as-of, status the rules must give)
    ("flow no data", "BJ-2024:leading_teams", {}, date(2025, 6, 30), "no_data"),
    (
        "flow achieved",
        "BJ-2024:leading_teams",
        quarters(("2024Q1", 1), ("2024Q2", 2), ("2024Q4", 2)),
        date(2025, 3, 31),
        "achieved",
    ),
    (
        "flow on track",
        "BJ-2024:leading_teams",
        quarters(("2024Q1", 1), ("2024Q3", 1)),
        date(2024, 12, 31),
        "on_track",
    ),
    (
        "flow at risk",
        "BJ-2024:hardtech_startups",
        quarters(("2024Q1", 5), ("2024Q2", 10), ("2024Q3", 10), ("2024Q4", 5)),
        date(2024, 12, 31),
        "at_risk",
    ),
    (
        "flow off track",
        "BJ-2024:hardtech_startups",
        quarters(("2024Q1", 2), ("2024Q2", 3)),
        date(2025, 6, 30),
        "off_track",
    ),
    (
        "flow quarters before S ignored",
        "BJ-2024:leading_teams",
        quarters(("2023Q3", 5), ("2023Q4", 9), ("2024Q1", 1)),
        date(2025, 6, 30),
        "off_track",
    ),
    (
        "flow only before S is no data",
        "BJ-2024:leading_teams",
        quarters(("2023Q4", 9)),
        date(2024, 6, 30),
        "no_data",
    ),
    (
        "flow quarters after A ignored",
        "BJ-2024:leading_teams",
        quarters(("2024Q1", 1), ("2025Q4", 9)),
        date(2025, 6, 30),
        "off_track",
    ),
    (
        "range below min, whole items on the path",
        "BJ-2024:pilot_platforms",
        quarters(("2024Q2", 1)),
        date(2025, 6, 30),
        "on_track",
    ),  # 1.496 expected -> 1
    (
        "range below min, behind",
        "BJ-2024:pilot_platforms",
        quarters(("2024Q2", 1)),
        date(2025, 9, 30),
        "off_track",
    ),  # 1.63 -> 2, pace 0.5
    (
        "range min met, stretch not",
        "BJ-2024:pilot_platforms",
        quarters(("2024Q2", 2), ("2025Q1", 2)),
        date(2025, 6, 30),
        "achieved",
    ),
    (
        "range stretch met",
        "BJ-2024:pilot_platforms",
        quarters(("2024Q2", 2), ("2025Q1", 3)),
        date(2025, 6, 30),
        "achieved",
    ),
    (
        "approx met at 0.9",
        "BJ-2024:patent_strains_new",
        quarters(("2024Q4", 4500), ("2025Q4", 4500)),
        date(2026, 3, 31),
        "achieved",
    ),
    (
        "approx just below 0.9",
        "BJ-2024:patent_strains_new",
        quarters(("2024Q4", 4500), ("2025Q4", 4499)),
        date(2026, 3, 31),
        "on_track",
    ),
    (
        "approx range-free small number",
        "SH-2023:industrial_bases",
        quarters(("2023Q2", 1), ("2024Q1", 1), ("2025Q2", 1)),
        date(2025, 9, 30),
        "achieved",
    ),
    (
        "level latest quarter, not a sum",
        "BJ-2024:strain_bank_capacity",
        quarters(("2023Q4", 50000), ("2024Q2", 60000), ("2025Q2", 70000)),
        date(2025, 9, 30),
        "at_risk",
    ),
    # b = 90,000; 1/3 of the way: 93,333 due, 2,000 of 3,333 made (0.60006)
    (
        "level baseline is latest at or before S",
        "BJ-2024:strain_bank_capacity",
        quarters(("2023Q2", 10000), ("2023Q4", 90000), ("2024Q4", 92000)),
        date(2024, 12, 31),
        "at_risk",
    ),
    (
        "level progress, not level, is judged",
        "BJ-2024:strain_bank_capacity",
        quarters(("2023Q4", 90000), ("2024Q4", 91000)),
        date(2024, 12, 31),
        "off_track",
    ),
    (
        "level first report is its own baseline",
        "BJ-2024:strain_bank_capacity",
        quarters(("2024Q2", 20000)),
        date(2024, 6, 30),
        "on_track",
    ),
    (
        "level first report, no progress since",
        "BJ-2024:strain_bank_capacity",
        quarters(("2024Q2", 20000), ("2025Q2", 20000)),
        date(2025, 6, 30),
        "off_track",
    ),
    (
        "level baseline else first in period",
        "BJ-2024:strain_bank_capacity",
        quarters(("2024Q2", 40000), ("2024Q4", 45000), ("2025Q4", 44000)),
        date(2025, 12, 31),
        "off_track",
    ),
    (
        "level achieved",
        "BJ-2024:strain_bank_capacity",
        quarters(("2024Q2", 40000), ("2025Q4", 100000)),
        date(2026, 3, 31),
        "achieved",
    ),
    (
        "level only before the period: no progress",
        "SH-2023:parts_library_capacity",
        quarters(("2022Q4", 300000)),
        date(2023, 6, 30),
        "off_track",
    ),
    (
        "level baseline above the threshold, fallen below",
        "SH-2023:parts_library_capacity",
        quarters(("2022Q4", 1200000), ("2023Q2", 900000)),
        date(2023, 6, 30),
        "at_risk",
    ),
    (
        "level range stretch",
        "BJ-2024:industrial_clusters",
        quarters(("2024Q3", 1), ("2025Q3", 2)),
        date(2025, 9, 30),
        "achieved",
    ),
    (
        "level range not stretched",
        "BJ-2024:industrial_clusters",
        quarters(("2024Q3", 0), ("2025Q3", 1)),
        date(2025, 9, 30),
        "achieved",
    ),
    (
        "as-of at period start",
        "BJ-2024:strain_bank_capacity",
        quarters(("2023Q4", 0)),
        date(2024, 1, 1),
        "not_started",
    ),
    ("as-of before period start", "BJ-2024:leading_teams", {}, date(2023, 6, 30), "not_started"),
    (
        "no quarter of the period closed yet",
        "BJ-2024:leading_teams",
        quarters(("2023Q4", 3)),
        date(2024, 3, 30),
        "not_started",
    ),
    (
        "first quarter closed",
        "BJ-2024:leading_teams",
        quarters(("2024Q1", 0)),
        date(2024, 3, 31),
        "on_track",
    ),  # 0.41 due -> 0
    (
        "pace from the last closed quarter, not the calendar",
        "BJ-2024:hardtech_startups",
        quarters(("2024Q1", 10), ("2024Q2", 7)),
        date(2024, 9, 29),
        "on_track",
    ),
    # at 2024-06-30: 16.5 -> 17 due, 17 made; the calendar (2024-09-29) would ask 25
    (
        "A == D below the threshold is missed",
        "SH-2023:regional_hqs",
        quarters(("2023Q4", 2), ("2025Q2", 2)),
        date(2025, 12, 31),
        "missed",
    ),
    (
        "A == D met",
        "SH-2023:regional_hqs",
        quarters(("2023Q4", 2), ("2025Q4", 3)),
        date(2025, 12, 31),
        "achieved",
    ),
    (
        "A > D missed",
        "SH-2023:regional_hqs",
        quarters(("2023Q4", 2), ("2025Q2", 2)),
        date(2026, 6, 30),
        "missed",
    ),
    (
        "A > D achieved",
        "SH-2023:regional_hqs",
        quarters(("2023Q4", 2), ("2025Q4", 3)),
        date(2026, 6, 30),
        "achieved",
    ),
    (
        "A > D later quarters ignored",
        "SH-2023:regional_hqs",
        quarters(("2023Q4", 2), ("2026Q1", 9)),
        date(2026, 6, 30),
        "missed",
    ),
    ("A > D no data stays no data", "SH-2023:regional_hqs", {}, date(2026, 6, 30), "no_data"),
    (
        "A > D data only after D is no data",
        "SH-2023:regional_hqs",
        quarters(("2026Q1", 9)),
        date(2026, 6, 30),
        "no_data",
    ),
    (
        "A > D level judged at D",
        "SH-2023:revenue_1b_firms",
        quarters(("2024Q4", 0), ("2025Q4", 0), ("2026Q2", 3)),
        date(2026, 9, 30),
        "missed",
    ),
]


@pytest.mark.parametrize(
    ("code", "obs", "as_of", "status"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_status_table(store, catalog, code, obs, as_of, status):
    load(store, catalog, code, obs)
    want = oracle(rule_for(catalog, code), obs, as_of)
    assert want["status"] == status, want  # the table says what the rules mean
    assert_matches_oracle(status_row(store, code, as_of), want)


def test_table_covers_both_stretch_outcomes(catalog):
    cases = {
        "range min met, stretch not": False,
        "range stretch met": True,
        "level range stretch": True,
    }
    for case in CASES:
        if case[0] in cases:
            want = oracle(rule_for(catalog, case[1]), case[2], case[3])
            assert want["stretch_met"] is cases[case[0]]


def test_at_least_targets_have_no_stretch(store, catalog):
    load(store, catalog, "BJ-2024:leading_teams", quarters(("2024Q1", 9)))
    row = status_row(store, "BJ-2024:leading_teams", date(2024, 6, 30))
    assert row["stretch_met"] is None or row["stretch_met"] != row["stretch_met"]


# ---- exact pace boundaries: a catalog whose BJ-2024 plan spans 2024-01-01..2025-12-31 so
# that on 2024-12-31 tau is exactly 365 / 730 = 1/2 and expected is exact in binary.
@pytest.fixture
def half_store(tmp_path):
    text = DEFAULT_CATALOG.read_text(encoding="utf-8").replace(
        "start = 2024-01-01\nend = 2026-12-31", "start = 2024-01-01\nend = 2025-12-31"
    )
    path = tmp_path / "catalog.toml"
    path.write_text(text, encoding="utf-8")
    s = Store.open(tmp_path / "kpi.duckdb", catalog_path=path)
    yield s
    s.close()


HALF = date(2024, 12, 31)


@pytest.mark.parametrize(
    ("code", "value", "status"),
    [
        # leading_teams: threshold 5, 2.5 teams due at tau 1/2: whole teams, 3
        ("BJ-2024:leading_teams", 2.85, "on_track"),
        ("BJ-2024:leading_teams", 2.84, "at_risk"),
        ("BJ-2024:leading_teams", 1.8, "at_risk"),
        ("BJ-2024:leading_teams", 1.79, "off_track"),
        ("BJ-2024:leading_teams", 0, "off_track"),
        ("BJ-2024:leading_teams", 5, "achieved"),
        # strain bank: b = 50000, expected 75000: 25000 of progress due by now
        ("BJ-2024:strain_bank_capacity", 50000 + 0.95 * 25000, "on_track"),
        ("BJ-2024:strain_bank_capacity", 50000 + 0.95 * 25000 - 1, "at_risk"),
        ("BJ-2024:strain_bank_capacity", 50000 + 0.6 * 25000, "at_risk"),
        ("BJ-2024:strain_bank_capacity", 50000 + 0.6 * 25000 - 1, "off_track"),
    ],
)
def test_pace_band_boundaries(half_store, catalog, code, value, status):
    target = catalog.target(code)
    rows = [("BJ", target.metric, "2024Q4", str(value))]
    if target.metric == "strain_bank_capacity":
        rows.append(("BJ", target.metric, "2023Q4", "50000"))
    ingest_rows(half_store, rows)
    row = status_row(half_store, code, HALF)
    assert row["tau"] == 0.5
    assert row["status"] == status
    baseline = 50000 if target.metric == "strain_bank_capacity" else 0
    assert row["expected"] == (75000 if baseline else 3)
    if status != "achieved":
        assert row["pace"] == pytest.approx((value - baseline) / (row["expected"] - baseline))


# ---- versions -----------------------------------------------------------------------
def test_reupload_supersedes_and_revert_restores(store):
    code, as_of = "BJ-2024:leading_teams", date(2024, 12, 31)
    first = ingest_rows(store, [("BJ", "leading_teams", "2024Q1", "1")], "v1.csv")
    ingest_rows(store, [("BJ", "leading_teams", "2024Q2", "1")], "q2.csv")
    assert status_row(store, code, as_of)["value"] == 2
    second = ingest_rows(store, [("BJ", "leading_teams", "2024Q1", "4")], "v2.csv")
    assert status_row(store, code, as_of)["value"] == 5
    assert status_row(store, code, as_of)["status"] == "achieved"
    store.revert_batch(second.batch_id, "tester")
    assert status_row(store, code, as_of)["value"] == 2
    store.revert_batch(first.batch_id, "tester")
    assert status_row(store, code, as_of)["value"] == 1


# ---- forecast, p_meet, reached quarter --------------------------------------------
def _quarters_done_left(rule: Rule, as_of: date) -> tuple[int, int]:
    e = min(as_of, rule.deadline)
    done = len(quarter_ends_between(rule.start, e))
    return done, len(quarter_ends_between(rule.start, rule.deadline)) - done


def test_flow_forecast_p_meet_and_reached_quarter(store, catalog):
    code, as_of = "BJ-2024:hardtech_startups", date(2025, 8, 15)
    obs = quarters(("2024Q1", 6), ("2024Q3", 9), ("2025Q2", 12))
    load(store, catalog, code, obs)
    rule = rule_for(catalog, code)
    row = status_row(store, code, as_of)
    done, left = _quarters_done_left(rule, as_of)
    assert (done, left) == (6, 6)  # 2024Q1..2025Q2 done; 2025Q3..2026Q4 left
    value = 27
    rate = value / done
    assert row["forecast"] == pytest.approx(value + rate * left)
    # p_meet: P(X >= 100 - 27) for X ~ Poisson(rate * quarters left)
    assert row["p_meet"] == pytest.approx(1 - poisson.cdf(100 - 27 - 1, rate * left))
    steps = math.ceil((100 - value) / rate)  # 4.5 per quarter: 17 more quarters
    assert steps == 17
    assert row["reached_quarter"] == "2029Q3"  # 2025Q2 + 17 quarters


def test_p_meet_hand_case(store, catalog):
    # 2 teams in the first 4 quarters: rate 0.5; 8 quarters left: mean 4; need 3 more.
    load(store, catalog, "BJ-2024:leading_teams", quarters(("2024Q2", 2)))
    row = status_row(store, "BJ-2024:leading_teams", date(2024, 12, 31))
    assert row["p_meet"] == pytest.approx(poisson.sf(2, 4.0))
    assert row["p_meet"] == pytest.approx(1 - math.exp(-4) * (1 + 4 + 8))


def test_p_meet_with_no_quarters_left(store, catalog):
    load(store, catalog, "SH-2023:regional_hqs", quarters(("2024Q1", 3)))
    short = status_row(store, "SH-2023:regional_hqs", date(2025, 12, 31))
    assert short["p_meet"] == 0.0 and short["forecast"] == 3
    load(store, catalog, "SH-2023:functional_platforms", quarters(("2024Q1", 6)))
    met = status_row(store, "SH-2023:functional_platforms", date(2025, 12, 31))
    assert met["p_meet"] == 1.0


def test_flow_reached_quarter_when_already_met(store, catalog):
    load(
        store,
        catalog,
        "BJ-2024:leading_teams",
        quarters(("2024Q1", 2), ("2024Q3", 3), ("2025Q1", 1)),
    )
    row = status_row(store, "BJ-2024:leading_teams", date(2025, 6, 30))
    assert row["reached_quarter"] == "2024Q3"


def test_no_reached_quarter_without_progress(store, catalog):
    load(store, catalog, "BJ-2024:leading_teams", quarters(("2024Q1", 0)))
    row = status_row(store, "BJ-2024:leading_teams", date(2024, 6, 30))
    assert pd.isna(row["reached_quarter"])
    assert row["p_meet"] == 0.0


def test_level_forecast_is_least_squares_line(store, catalog):
    code = "SH-2023:parts_library_capacity"
    obs = quarters(("2022Q4", 100000), ("2023Q1", 150000), ("2023Q3", 260000), ("2024Q1", 300000))
    load(store, catalog, code, obs)
    row = status_row(store, code, date(2024, 5, 1))
    in_period = {q: v for q, v in obs.items() if q >= date(2023, 1, 1)}
    days = np.array([(q - date(1970, 1, 1)).days for q in in_period], dtype=float)
    slope, intercept = np.polyfit(days, np.array(list(in_period.values())), 1)
    deadline_day = (date(2025, 12, 31) - date(1970, 1, 1)).days
    assert row["forecast"] == pytest.approx(intercept + slope * deadline_day)
    assert math.isnan(row["p_meet"])
    # the line crosses 1,000,000 on this day; the reached quarter is that quarter
    cross = date(1970, 1, 1) + timedelta(days=(1_000_000 - intercept) / slope)
    assert row["reached_quarter"] == quarter_label(cross)


def test_level_forecast_with_one_point_is_that_level(store, catalog):
    load(store, catalog, "BJ-2024:strain_bank_capacity", quarters(("2024Q2", 70000)))
    row = status_row(store, "BJ-2024:strain_bank_capacity", date(2024, 9, 30))
    assert row["forecast"] == 70000


def test_level_met_before_the_period_has_a_reached_quarter(store, catalog):
    load(store, catalog, "BJ-2024:strain_bank_capacity", quarters(("2023Q4", 120000)))
    row = status_row(store, "BJ-2024:strain_bank_capacity", date(2024, 6, 30))
    assert row["status"] == "achieved"
    assert row["reached_quarter"] == "2023Q4"


# ---- shapes ------------------------------------------------------------------------
def test_one_row_per_target_and_date(store):
    frame = compute_status(store, [date(2024, 6, 30), date(2025, 6, 30)])
    assert len(frame) == 2 * len(store.catalog().targets)
    assert set(STATUS_FIELDS) <= set(frame.columns)
    assert set(compute_status(store, TODAY, "SH")["target"]) == {
        t for t in store.targets()["code"] if t.startswith("SH-2023:")
    }


def test_status_records_are_json_ready(store, catalog):
    load(store, catalog, "BJ-2024:pilot_platforms", quarters(("2024Q2", 2)))
    records = status_records(compute_status(store, date(2024, 9, 30), "BJ"))
    assert all(list(r) == STATUS_FIELDS for r in records)
    pilot = next(r for r in records if r["target"] == "BJ-2024:pilot_platforms")
    assert pilot["stretch_met"] is False and pilot["deadline"] == "2026-12-31"
    empty = next(r for r in records if r["target"] == "BJ-2024:leading_teams")
    assert empty["value"] is None and empty["status"] == "no_data"


def test_status_history_is_the_trajectory(store, catalog):
    obs = quarters(("2024Q1", 1), ("2024Q2", 1), ("2024Q4", 2))
    load(store, catalog, "BJ-2024:leading_teams", obs)
    hist = status_history(store, date(2025, 3, 31), "BJ")
    series = hist[hist["target"] == "BJ-2024:leading_teams"].set_index("as_of")
    rule = rule_for(catalog, "BJ-2024:leading_teams")
    for end in quarter_ends_between(date(2024, 1, 1), date(2025, 3, 31)):
        want = oracle(rule, obs, end)
        assert _same(series.loc[str(end), "value"], want["value"])
        assert series.loc[str(end), "expected"] == pytest.approx(want["expected"])


@pytest.mark.parametrize(
    ("code", "obs", "as_of"),
    [
        # large early flows make a steep fitted line that crosses the threshold long ago
        (
            "BJ-2024:leading_teams",
            quarters(("2024Q1", 737631), ("2024Q2", 479723), ("2024Q3", 736694)),
            date(2024, 10, 1),
        ),
        # a level far above its threshold, slowly rising
        (
            "BJ-2024:industrial_clusters",
            quarters(("2024Q1", 1e6), ("2024Q2", 1e6 + 1), ("2024Q3", 1e6 + 2)),
            date(2024, 10, 1),
        ),
    ],
)
def test_extreme_series_do_not_break_the_reached_quarter(store, catalog, code, obs, as_of):
    load(store, catalog, code, obs)
    row = status_row(store, code, as_of)
    assert row["status"] == "achieved"
    assert row["reached_quarter"] == "2024Q1"


def test_level_line_crossing_in_the_past_projects_to_the_next_quarter(store, catalog):
    # every level is below the threshold 1, but the fitted line passes 1 before 2024Q4
    code = "BJ-2024:industrial_clusters"
    obs = quarters(("2024Q1", 0), ("2024Q2", 0), ("2024Q3", 0.99), ("2024Q4", 0.99))
    load(store, catalog, code, obs)
    days = np.array([(q - date(1970, 1, 1)).days for q in obs], dtype=float)
    slope, intercept = np.polyfit(days, np.array(list(obs.values())), 1)
    assert intercept + slope * days[-1] > 1  # the line is above the threshold already
    row = status_row(store, code, date(2024, 12, 31))
    assert row["status"] != "achieved"
    assert row["reached_quarter"] == "2025Q1"
