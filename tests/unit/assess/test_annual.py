"""Annual-value targets (output value, revenue): compound growth from the full year before
the plan to the target year, mid-year figures projected from year-to-date growth against
the same period a year earlier (kpi.domain.rules, its docstring). Every expected figure below
is worked out by hand in its comment."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from kpi.assess.verdicts import compute_status
from kpi.domain.periods import closed_quarter_ends
from kpi.domain.rules import annual_ytd, evaluate_annual
from kpi.storage.store import Store
from tests.support.stores import ingest_rows

# The example: F(2023) = 200, F(2024) = 240, YTD(2024Q2) = 100; 300 by 2026.
# Required path R(y) = 200 * 1.5 ** ((y - 2023) / 3): R(2025) = 200 * 1.5 ** (2/3) = 262.07
EXAMPLE = {"2023Q4": 200, "2024Q2": 100, "2024Q4": 240}
R2025 = 200 * 1.5 ** (2 / 3)


def _judge(
    series: dict[str, float],
    as_of: date,
    *,
    basis: str = "ytd",
    threshold: float = 300,
    start: date = date(2024, 1, 1),
    deadline: date = date(2026, 12, 31),
) -> dict:
    values = pd.DataFrame(
        [("JT", "output", pd.Period(p, "Q").end_time.normalize(), v) for p, v in series.items()],
        columns=["jurisdiction", "metric", "quarter_end", "value"],
    )
    ytd = annual_ytd(values, {"output": basis})
    closed = closed_quarter_ends(pd.Series([pd.Timestamp(as_of)])).iloc[0]
    eval_date = min(closed, pd.Timestamp(deadline))
    known = values[values["quarter_end"] <= eval_date]["quarter_end"]
    frame = pd.DataFrame(
        [
            {
                "target": "T",
                "kind": "annual",
                "jurisdiction": "JT",
                "metric": "output",
                "comparator": "at_least",
                "max": None,
                "threshold": threshold,
                "as_of": pd.Timestamp(as_of),
                "eval_date": eval_date,
                "start_date": pd.Timestamp(start),
                "deadline": pd.Timestamp(deadline),
                "latest_quarter": known.max() if len(known) else pd.NaT,
                "status": None,
            }
        ]
    )
    return evaluate_annual(frame, ytd).iloc[0].to_dict()


CASES = [
    # (name, series, as_of, status, value, pace)
    # 2025 H1 120 against 100: 2025 projected at 240 * 1.2 = 288; pace 88 / 62.07 = 1.418
    (
        "example on track",
        {**EXAMPLE, "2025Q2": 120},
        date(2025, 6, 30),
        "on_track",
        288,
        88 / (R2025 - 200),
    ),
    # 90 against 100: 240 * 0.9 = 216; pace 16 / 62.07 = 0.258
    (
        "example off track",
        {**EXAMPLE, "2025Q2": 90},
        date(2025, 6, 30),
        "off_track",
        216,
        16 / (R2025 - 200),
    ),
    # 104 against 100: 249.6; pace 49.6 / 62.07 = 0.799
    (
        "at risk",
        {**EXAMPLE, "2025Q2": 104},
        date(2025, 6, 30),
        "at_risk",
        249.6,
        49.6 / (R2025 - 200),
    ),
    # a day later in the quarter changes nothing (the last closed quarter is judged)
    (
        "mid-quarter",
        {**EXAMPLE, "2025Q2": 120},
        date(2025, 8, 15),
        "on_track",
        288,
        88 / (R2025 - 200),
    ),
    # the full year 2025 = 270 is judged as reported: 70 / 62.07 = 1.128
    (
        "full year",
        {**EXAMPLE, "2025Q2": 120, "2025Q4": 270},
        date(2025, 12, 31),
        "on_track",
        270,
        70 / (R2025 - 200),
    ),
    # no 2023: the first full year reported (2024 = 240) is the baseline, two years to go:
    # R(2025) = 240 * 1.25 ** 0.5 = 268.33; 288: pace 48 / 28.33 = 1.694
    (
        "first full year as baseline",
        {"2024Q2": 100, "2024Q4": 240, "2025Q2": 120},
        date(2025, 6, 30),
        "on_track",
        288,
        48 / (240 * 1.25**0.5 - 240),
    ),
    # a full year at the threshold before the deadline is achieved; a projection is not
    ("achieved early", {**EXAMPLE, "2025Q4": 305}, date(2025, 12, 31), "achieved", 305, None),
    (
        "projection never achieves",
        {**EXAMPLE, "2025Q2": 130},
        date(2025, 6, 30),
        "on_track",
        312,
        112 / (R2025 - 200),
    ),
    # at the deadline the target year's full year decides
    ("met at the deadline", {**EXAMPLE, "2026Q4": 310}, date(2026, 12, 31), "achieved", 310, None),
    (
        "missed at the deadline",
        {**EXAMPLE, "2026Q4": 290},
        date(2027, 1, 15),
        "missed",
        290,
        90 / 100,
    ),
    # nothing to grow from before a first full year
    ("no full year yet", {"2024Q2": 100}, date(2024, 6, 30), "no_data", None, None),
    # the baseline year itself: nothing required yet
    ("baseline year only", {"2023Q4": 200}, date(2024, 3, 31), "on_track", 200, None),
]


@pytest.mark.parametrize(
    ("name", "series", "as_of", "status", "value", "pace"), CASES, ids=[c[0] for c in CASES]
)
def test_annual_rule(name, series, as_of, status, value, pace):
    row = _judge(series, as_of)
    assert row["status"] == status
    assert pd.isna(row["value"]) if value is None else row["value"] == pytest.approx(value)
    if pace is None:
        assert status in {"achieved", "no_data"} or pd.isna(row["pace"])
    else:
        assert row["pace"] == pytest.approx(pace, rel=1e-6)


def test_the_example_states_its_path():
    row = _judge({**EXAMPLE, "2025Q2": 120}, date(2025, 6, 30))
    assert row["baseline"] == 200 and row["base_year"] == 2023 and row["value_year"] == 2025
    assert row["expected"] == pytest.approx(R2025) and row["projected"]
    # at the growth seen since 2023 (288 / 200 over two years), 2026 reaches
    # 200 * 1.44 ** 1.5 = 345.6
    assert row["forecast"] == pytest.approx(345.6)


def test_quarterly_amounts_are_summed_within_the_year():
    # 2023: 4 x 50 = 200; 2024: 50 + 50 + 70 + 70 = 240, H1 100; 2025 H1 60 + 60 = 120
    series = {f"2023Q{q}": 50 for q in range(1, 5)}
    series |= {"2024Q1": 50, "2024Q2": 50, "2024Q3": 70, "2024Q4": 70, "2025Q1": 60, "2025Q2": 60}
    row = _judge(series, date(2025, 6, 30), basis="quarter")
    assert row["value"] == pytest.approx(288) and row["status"] == "on_track"


def test_jintan_300_by_2026_through_the_store(tmp_path):
    """The shipped Jintan target (产值突破300亿元, 2024–2026) is the issue's example."""
    store = Store.open(tmp_path / "kpi.duckdb")
    try:
        target = store.catalog().target("JT-2024:synbio_output")
        assert (target.min, store.catalog().metric(target.metric).kind) == (300, "annual")
        base = [("JT", "synbio_output", p, v) for p, v in EXAMPLE.items()]
        ingest_rows(store, [*base, ("JT", "synbio_output", "2025Q2", 120)], "h1.csv")
        row = _row(store, "JT-2024:synbio_output", date(2025, 6, 30))
        assert row["status"] == "on_track" and row["value"] == pytest.approx(288)
        ingest_rows(store, [("JT", "synbio_output", "2025Q2", 90)], "h1-revised.csv")
        row = _row(store, "JT-2024:synbio_output", date(2025, 6, 30))
        assert row["status"] == "off_track" and row["value"] == pytest.approx(216)
    finally:
        store.close()


def _row(store: Store, code: str, as_of: date) -> dict:
    frame = compute_status(store, as_of, "JT")
    return frame[frame["target"] == code].iloc[0].to_dict()
