"""The attainment engine: value, expected-by-now, pace, status and forecast per target.

Aggregation over observations runs in DuckDB (kpi.store.STATUS_INPUTS_SQL); the
rules below work on one row per (target, as-of date), vectorised with pandas.

Rules, for a target with period start S, deadline D, as of date A, E = min(A, D):
  value      flow: sum of quarters ending in [S, E]; level: latest quarter ending <= E
  threshold  at_least, range: min; approx: 0.9 x the number
  tau        clamp((A - S) / (D - S), 0, 1)
  expected   flow: tau x threshold; level: b + tau x (threshold - b), b the latest
             level at or before S, else the first level in the period
  pace       value / expected, when expected > 0
  status     A <= D: no_data | achieved | on_track (pace >= 0.95) | at_risk (>= 0.6)
             | off_track; A > D: achieved | missed, judged on the value at D.
The 0.95 / 0.6 bands follow the UN SDG progress method used by Open SDG.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date
from enum import StrEnum

import numpy as np
import pandas as pd
from scipy.special import pdtrc  # Poisson survival; scipy.stats costs seconds to import

from kpi.periods import quarter_ends_between
from kpi.store import Store

ON_TRACK_PACE = 0.95
AT_RISK_PACE = 0.6
#: A reached-quarter further than this beyond the deadline is reported as none.
REACH_HORIZON_QUARTERS = 100
_EPOCH = pd.Timestamp("1970-01-01")


class Status(StrEnum):
    """The engine's verdict on a target, listed best first and unknown last.

    Members compare equal to their string values, which are what frames and JSON hold.
    """

    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    MISSED = "missed"
    NO_DATA = "no_data"


STATUS_FIELDS = [
    "target", "plan", "jurisdiction", "metric", "comparator", "min", "max", "threshold",
    "deadline", "as_of", "value", "expected", "attainment", "pace", "status", "stretch_met",
    "forecast", "p_meet", "reached_quarter",
]  # fmt: skip


def compute_status(
    store: Store, as_of: date | Iterable[date], jurisdiction: str | None = None
) -> pd.DataFrame:
    """Status of every target (of one jurisdiction, if given) at one or more dates."""
    dates = [as_of] if isinstance(as_of, date) else list(as_of)
    inputs = store.query_status_inputs(dates, jurisdiction)
    targets = store.targets().rename(columns={"code": "target"})
    frame = targets.merge(inputs, on="target", how="inner")
    return evaluate(frame)


def _quarter_index(days: pd.Series) -> pd.Series:
    """Quarters since year 0 of the quarter holding each date."""
    d = pd.to_datetime(days)
    return d.dt.year * 4 + (d.dt.month - 1) // 3


def _last_quarter_index(days: pd.Series) -> pd.Series:
    """Index of the last quarter that ended on or before each date."""
    d = pd.to_datetime(days)
    is_end = (d + pd.Timedelta(days=1)).dt.month.isin([1, 4, 7, 10]) & (
        (d + pd.Timedelta(days=1)).dt.day == 1
    )
    return _quarter_index(d) - (~is_end).astype(int)


def _quarter_labels(index: pd.Series) -> pd.Series:
    idx = index.astype("Int64")
    labels = (idx // 4).astype(str) + "Q" + (idx % 4 + 1).astype(str)
    return labels.where(idx.notna(), None)


def evaluate(f: pd.DataFrame) -> pd.DataFrame:
    """Apply the attainment rules to per-target aggregates (see module docstring)."""
    f = f.copy()
    start = pd.to_datetime(f["start_date"])
    deadline = pd.to_datetime(f["deadline"])
    as_of = pd.to_datetime(f["as_of"])
    is_flow = f["kind"].eq("flow")
    thr = f["threshold"].astype(float)

    counted = np.where(is_flow, f["n_period"].fillna(0) > 0, f["latest_level"].notna())
    value = pd.Series(np.where(is_flow, f["flow_sum"], f["latest_level"]), index=f.index)
    value = value.astype(float).where(counted)

    span = (deadline - start).dt.days
    tau = ((as_of - start).dt.days / span).clip(0, 1)
    # start of the required straight path: 0 for flows, b for levels (NaN: no level yet)
    level_base = f["base_level"].fillna(f["first_level"]).astype(float)
    baseline = pd.Series(np.where(is_flow, 0.0, level_base), index=f.index)
    expected = baseline + tau * (thr - baseline)
    pace = (value / expected).where(expected > 0)

    after = as_of > deadline
    met = value >= thr
    status = np.select(
        [after & met, after, ~counted, met, pace.isna() | (pace >= ON_TRACK_PACE),
         pace >= AT_RISK_PACE],
        [Status.ACHIEVED, Status.MISSED, Status.NO_DATA, Status.ACHIEVED, Status.ON_TRACK,
         Status.AT_RISK],
        default=Status.OFF_TRACK,
    )  # fmt: skip

    # forecast at the deadline
    last_q = _last_quarter_index(f["eval_date"])
    quarters_done = (last_q - _quarter_index(start) + 1).clip(lower=0)
    quarters_left = (_last_quarter_index(deadline) - last_q).clip(lower=0)
    rate = (value.fillna(0) / quarters_done).where(quarters_done > 0)
    deadline_days = (deadline - _EPOCH).dt.days
    level_line = f["level_intercept"] + f["level_slope"] * deadline_days
    level_forecast = level_line.fillna(f["latest_level"])
    flow_forecast = value + rate * quarters_left
    forecast = pd.Series(np.where(is_flow, flow_forecast, level_forecast), index=f.index)
    forecast = forecast.astype(float).where(counted)

    # probability of meeting the threshold by the deadline, Poisson at the observed rate
    need = np.ceil(thr - value.fillna(0))
    mu = (rate * quarters_left).fillna(0)
    p_flow = pd.Series(pdtrc(need - 1, mu), index=f.index)  # P(X >= need)
    p_flow = p_flow.where(need > 0, 1.0).where(counted)
    p_meet = p_flow.where(is_flow)

    f["value"], f["expected"], f["pace"], f["status"] = value, expected, pace, status
    f["attainment"] = value / thr
    f["stretch_met"] = (value >= f["max"]).where(f["comparator"].eq("range") & counted)
    f["forecast"], f["p_meet"], f["tau"], f["baseline"] = forecast, p_meet, tau, baseline
    f["reached_quarter"] = _reached_quarter(f, is_flow, thr, value, rate, last_q, deadline)
    f["quarters_done"], f["quarters_left"] = quarters_done, quarters_left
    return f.sort_values(["jurisdiction", "target", "as_of"]).reset_index(drop=True)


def _reached_quarter(
    f: pd.DataFrame,
    is_flow: pd.Series,
    thr: pd.Series,
    value: pd.Series,
    rate: pd.Series,
    last_q: pd.Series,
    deadline: pd.Series,
) -> pd.Series:
    """Quarter the threshold was reached, or will be at the current pace, or None."""
    reached = pd.to_datetime(f["reached_on"])
    already = _quarter_index(reached).where(reached.notna())
    flow_steps = np.ceil((thr - value.fillna(0)) / rate.where(rate > 0))
    flow_q = last_q + flow_steps
    day_at_thr = (thr - f["level_intercept"]) / f["level_slope"].where(f["level_slope"] > 0)
    horizon_days = (deadline - _EPOCH).dt.days + 92 * REACH_HORIZON_QUARTERS
    # keep dates in range: a line crossing far in the past counts from the next quarter
    day_at_thr = day_at_thr.where((day_at_thr <= horizon_days) & ~is_flow).clip(lower=0)
    level_day = _EPOCH + pd.to_timedelta(day_at_thr, unit="D")
    level_q = np.maximum(_quarter_index(level_day), last_q + 1)
    projected = pd.Series(np.where(is_flow, flow_q, level_q), index=f.index, dtype=float)
    projected = projected.where(projected <= _quarter_index(deadline) + REACH_HORIZON_QUARTERS)
    return _quarter_labels(already.fillna(projected))


def status_records(frame: pd.DataFrame) -> list[dict]:
    """The status rows as plain JSON-ready dicts with the documented keys."""
    out = frame[STATUS_FIELDS].copy()
    for col in ("deadline", "as_of"):
        out[col] = pd.to_datetime(out[col]).dt.strftime("%Y-%m-%d")
    records = out.astype(object).where(out.notna(), None).to_dict(orient="records")
    for rec in records:
        for key, val in rec.items():
            if isinstance(val, float) and not math.isfinite(val):
                rec[key] = None
            elif isinstance(val, np.generic):
                rec[key] = val.item()
    return records


def status_history(store: Store, as_of: date, jurisdiction: str | None = None) -> pd.DataFrame:
    """Status of every target at each quarter end of its period up to ``as_of``.

    One row per (target, quarter end): ``value`` is the cumulative flow or the level
    at that quarter, ``expected`` the required path; the charts' trajectories.
    """
    targets = store.targets()
    if jurisdiction is not None:
        targets = targets[targets["jurisdiction"] == jurisdiction]
    if targets.empty:
        return evaluate_empty()
    first = pd.to_datetime(targets["start_date"]).min().date()
    last = min(as_of, pd.to_datetime(targets["deadline"]).max().date())
    ends = quarter_ends_between(first, last)
    if not ends:
        return evaluate_empty()
    frame = compute_status(store, ends, jurisdiction)
    in_period = (frame["as_of"] >= pd.to_datetime(frame["start_date"])) & (
        frame["as_of"] <= pd.to_datetime(frame["deadline"])
    )
    return frame[in_period].reset_index(drop=True)


def evaluate_empty() -> pd.DataFrame:
    return pd.DataFrame(columns=[*STATUS_FIELDS, "kind", "family", "start_date", "tau"])
