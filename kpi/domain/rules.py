"""The attainment engine: value, expected-by-now, progress, status and forecast per target.

Aggregation over observations runs in SQL (kpi.storage.status_inputs); the rules
below work on one row per (target, as-of date), vectorised with pandas.

Rules, for a target with period start S, deadline D, as-of date A:
  Q          the end of the last quarter closed on or before A (A itself if A ends one)
  E          evaluation date = min(Q, D): data stop at the last closed quarter, so pace
             is the same on every day of a quarter (2026-03-31 and 2026-05-20 agree)
  known at   only batches committed, and reverts made, at or before this moment count
             (default: now); a late upload never rewrites what was known before it
  value      flow: sum of quarters ending in [S, E]; level: latest quarter ending <= E
  threshold  at_least, range: min; approx ("约 N"): 0.9 x N
  baseline b flow: 0 at S. level: the latest level at or before S, at S; with none,
             the first level reported in the period, at its own quarter end P
  expected   b + share x (threshold - b), share = clamp((E - P) / (D - P), 0, 1), P = S
             unless the baseline is a first report. Count metrics (teams, firms) expect
             whole items: expected (and the forecast) is rounded to the nearest whole
             number, so "0 expected, 0 reported" is never behind
  pace       progress ratio (value - b) / (expected - b): observed change since the
             baseline over the change required by now. This is the UN SDG "progress
             assessment" for targets with a numeric value (current value minus
             baseline over target minus baseline, against the time elapsed); see
             UN Statistics Division, SDG Progress Report technical note, and Open SDG.
             Undefined while nothing is required yet (a first report is never behind
             on its own); for a level whose baseline already meets the threshold it
             is value / expected.
  status     E < S (no quarter of the plan has closed):        not_started
             no figure counted:                                no_data (also after D)
             A >= D (the deadline day is inclusive):           achieved | missed
             else value >= threshold: achieved; pace undefined or >= 0.95: on_track;
             >= 0.6: at_risk; else off_track
  flags      stale: a level's latest figure is more than two quarters older than E.
             forecast_short: on_track / at_risk although the run-rate forecast falls
             short of the threshold and p_meet < 10% (levels, which have no p_meet:
             the fitted line falls short).
  close      a plan closes at the end of day D + reporting_lag_days; once A is past
             that day every target carries status_at_close, its status as known at
             the close, and revised_after_close when a later upload or revert changed it.
The 0.95 / 0.6 bands follow the UN SDG progress method used by Open SDG.
Shares (unit "%", 核心菌种自主率达到40%左右) are levels judged on the share, "about"
as for counts (met at 0.9 x N). A target with several deadlines (到2027年 …, 到2035年 …)
is one target per milestone, each with its own deadline; pages show the nearer first.

Annual-value targets (metric kind "annual": output value, revenue, industry scale).

A metric declares how its quarterly figures are reported (``basis``): "ytd", the
year-to-date total at each quarter end (1—6月累计, as statistics bureaus publish it), or
"quarter", each quarter's own amount, summed within the year to a year-to-date total.
A mid-year figure is part of a year's output, not part of the target. The rules follow
the UN/ESCAP progress assessment of growth indicators (compound annual growth rates):

  full year  F(y): the year-to-date total at the fourth quarter of year y
  baseline   b = F(S - 1), the full year before the plan starts (start year S); else the
             first full year reported from S on; its year y0. Nothing to judge growth from
             before a first full year: no_data
  required   compound growth from b to the threshold by the target year T (the year of
             the target's deadline): r = (threshold / b) ** (1 / (T - y0)) - 1; the value
             required in year y is R(y) = b * (1 + r) ** (y - y0)
  value      at an evaluation date E in year Y: F(Y) when E ends the year; mid-year the
             projection F(Y - 1) * YTD(Y, q) / YTD(Y - 1, q), the year-to-date growth
             against the same period a year earlier applied to last year's total; where
             that cannot be formed, the latest full year reported by E. Its year: y
  expected   R(y)
  pace       (value - b) / (R(y) - b): actual against required progress on the compound
             path; undefined while y = y0 (nothing required yet); value / R(y) when the
             baseline already meets the threshold
  status     as for every target (not_started, no_data, achieved / missed once the deadline
             day is reached, else on_track at pace >= 0.95, at_risk >= 0.6, off_track), with
             achieved before the deadline only on a full year reported at or above the
             threshold (a projection never achieves)
  forecast   the value in year T at the growth observed since the baseline:
             b * (value / b) ** ((T - y0) / (y - y0))

Example (tests/unit/assess/test_annual.py): F(2023) = 200, F(2024) = 240, YTD(2024, Q2)
= 100, target 300 by 2026. Required growth (300/200)^(1/3) - 1 = 14.5% a year, R(2025)
= 262.1. YTD(2025, Q2) = 120 projects 2025 at 240 x 1.2 = 288: pace 88 / 62.1 = 1.42,
on track. YTD(2025, Q2) = 90 projects 216: pace 16 / 62.1 = 0.26, off track.
"""

from __future__ import annotations

import math
from datetime import date, datetime, time
from enum import StrEnum

import numpy as np
import pandas as pd

from kpi.domain import poisson
from kpi.domain.periods import closed_quarter_ends, index_labels, last_quarter_index, quarter_index


class Status(StrEnum):
    """The engine's verdicts, best first and unknown last; pages, charts and briefings key
    their labels (``status.<value>``) and colours (kpi.present.theme) on these. Members
    compare equal to their string values, which are what frames and JSON hold."""

    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    MISSED = "missed"
    NO_DATA = "no_data"
    NOT_STARTED = "not_started"


ON_TRACK_PACE = 0.95
AT_RISK_PACE = 0.6
#: p_meet below this, with a forecast short of the threshold, flags "forecast short".
FORECAST_SHORT_P = 0.1
#: A level's latest figure older than this many quarters (before E) is stale.
STALE_QUARTERS = 2
#: A reached-quarter further than this beyond the deadline is reported as none.
REACH_HORIZON_QUARTERS = 100
_EPOCH = pd.Timestamp("1970-01-01")

STATUS_FIELDS = [
    *("target", "plan", "jurisdiction", "metric", "comparator", "min", "max", "threshold"),
    *("start_date", "deadline", "as_of", "eval_date"),
    *("value", "baseline", "expected", "attainment", "pace", "status", "stretch_met"),
    *("forecast", "p_meet", "reached_quarter", "stale", "forecast_short"),
    *("status_at_close", "revised_after_close"),
    *("reason", "next_steps"),  # of the latest report (kpi.assess.verdicts)
]


def known_moment(known_at: date | datetime | None) -> datetime | None:
    """A date means "by the end of that day"; a datetime is taken as given (local time)."""
    if known_at is None or isinstance(known_at, datetime):
        return known_at
    return datetime.combine(known_at, time(23, 59, 59))


def _baseline(f: pd.DataFrame, is_flow: pd.Series, start: pd.Series) -> tuple[pd.Series, ...]:
    """(baseline value, date the required path starts from) per row; NaN: no level yet."""
    has_base = f["base_level"].notna()
    level = f["base_level"].where(has_base, f["first_level"]).astype(float)
    level_date = start.where(has_base, pd.to_datetime(f["first_quarter"]))
    baseline = pd.Series(np.where(is_flow, 0.0, level), index=f.index)
    path_start = start.where(is_flow, level_date).fillna(start)
    return baseline, path_start


def _status(f: pd.DataFrame, counted: pd.Series, met: pd.Series, pace: pd.Series) -> np.ndarray:
    start = pd.to_datetime(f["start_date"])
    eval_date = pd.to_datetime(f["eval_date"])
    after = pd.to_datetime(f["as_of"]) >= pd.to_datetime(f["deadline"])
    verdicts = [  # the first that holds
        (eval_date < start, Status.NOT_STARTED),
        (~counted, Status.NO_DATA),
        (after & met, Status.ACHIEVED),
        (after, Status.MISSED),
        (met, Status.ACHIEVED),
        (pace.isna() | (pace >= ON_TRACK_PACE), Status.ON_TRACK),
        (pace >= AT_RISK_PACE, Status.AT_RISK),
    ]
    conditions = [condition for condition, _ in verdicts]
    statuses = [status for _, status in verdicts]
    return np.select(conditions, statuses, default=Status.OFF_TRACK).astype(object)


def evaluate(f: pd.DataFrame, count_metrics: set[str] | None = None) -> pd.DataFrame:
    """Apply the attainment rules to per-target aggregates (see module docstring)."""
    f = f.copy()
    start = pd.to_datetime(f["start_date"])
    deadline = pd.to_datetime(f["deadline"])
    f["eval_date"] = eval_date = np.minimum(closed_quarter_ends(f["as_of"]), deadline)
    is_flow = f["kind"].eq("flow")
    thr = f["threshold"].astype(float)

    counted = pd.Series(
        np.where(is_flow, f["n_period"].fillna(0) > 0, f["latest_level"].notna()), index=f.index
    )
    value = pd.Series(np.where(is_flow, f["flow_sum"], f["latest_level"]), index=f.index)
    value = value.astype(float).where(counted)

    tau = ((eval_date - start).dt.days / (deadline - start).dt.days).clip(0, 1)
    baseline, path_start = _baseline(f, is_flow, start)
    share = ((eval_date - path_start).dt.days / (deadline - path_start).dt.days).clip(0, 1)
    counts = f["metric"].isin(count_metrics or set())
    expected = _whole(baseline + share.fillna(1.0) * (thr - baseline), counts)
    required = expected - baseline
    pace = ((value - baseline) / required).where(required > 0)
    pace = pace.where(thr > baseline, (value / expected).where(expected > 0))
    met = value >= thr
    status = _status(f, counted, met, pace)

    forecast, p_meet, rate, last_q = _forecast(f, is_flow, thr, value, counted)
    stale = (
        ~is_flow
        & counted
        & (quarter_index(eval_date) - quarter_index(f["latest_quarter"]) > STALE_QUARTERS)
    )
    falls_short = (forecast < thr) & (p_meet < FORECAST_SHORT_P).where(is_flow, True)
    behind_hidden = pd.Series(status, index=f.index).isin([Status.ON_TRACK, Status.AT_RISK])

    f["value"], f["pace"], f["status"], f["expected"] = value, pace, status, expected
    f["attainment"] = value / thr
    f["stretch_met"] = (value >= f["max"]).where(f["comparator"].eq("range") & counted)
    f["forecast"], f["p_meet"] = _whole(forecast, counts), p_meet
    f["tau"], f["baseline"], f["path_start"] = tau, baseline, path_start
    f["stale"], f["forecast_short"] = stale.astype(bool), (falls_short & behind_hidden)
    f["reached_quarter"] = _reached_quarter(f, is_flow, thr, value, rate, last_q, deadline)
    return f.sort_values(["jurisdiction", "target", "as_of"]).reset_index(drop=True)


def _whole(values: pd.Series, counts: pd.Series) -> pd.Series:
    """Count metrics (teams, firms...) are shown in whole items, halves rounded up."""
    return values.where(~counts, np.floor(values + 0.5))


def _forecast(
    f: pd.DataFrame, is_flow: pd.Series, thr: pd.Series, value: pd.Series, counted: pd.Series
) -> tuple[pd.Series, pd.Series, pd.Series, pd.Series]:
    """Run-rate forecast at the deadline, Poisson p_meet (flows), rate and last quarter."""
    start, deadline = pd.to_datetime(f["start_date"]), pd.to_datetime(f["deadline"])
    last_q = last_quarter_index(f["eval_date"])
    quarters_done = (last_q - quarter_index(start) + 1).clip(lower=0)
    quarters_left = (last_quarter_index(deadline) - last_q).clip(lower=0)
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
    p_flow = pd.Series(poisson.at_least(need.to_numpy(float), mu.to_numpy(float)), index=f.index)
    p_flow = p_flow.where(need > 0, 1.0).where(counted)
    f["quarters_done"], f["quarters_left"] = quarters_done, quarters_left
    return forecast, p_flow.where(is_flow), rate, last_q


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
    already = quarter_index(reached).where(reached.notna())
    flow_steps = np.ceil((thr - value.fillna(0)) / rate.where(rate > 0))
    flow_q = last_q + flow_steps
    day_at_thr = (thr - f["level_intercept"]) / f["level_slope"].where(f["level_slope"] > 0)
    horizon_days = (deadline - _EPOCH).dt.days + 92 * REACH_HORIZON_QUARTERS
    # keep dates in range: a line crossing far in the past counts from the next quarter
    day_at_thr = day_at_thr.where((day_at_thr <= horizon_days) & ~is_flow).clip(lower=0)
    level_day = _EPOCH + pd.to_timedelta(day_at_thr, unit="D")
    level_q = np.maximum(quarter_index(level_day), last_q + 1)
    projected = pd.Series(np.where(is_flow, flow_q, level_q), index=f.index, dtype=float)
    projected = projected.where(projected <= quarter_index(deadline) + REACH_HORIZON_QUARTERS)
    return index_labels(already.fillna(projected))


def status_records(frame: pd.DataFrame) -> list[dict]:
    """The status rows as plain JSON-ready dicts with the documented keys."""
    out = frame[STATUS_FIELDS].copy()
    for col in ("start_date", "deadline", "as_of", "eval_date"):
        out[col] = pd.to_datetime(out[col]).dt.strftime("%Y-%m-%d")
    out["status"] = out["status"].astype(str)
    records = out.astype(object).where(out.notna(), None).to_dict(orient="records")
    for rec in records:
        for key, val in rec.items():
            if isinstance(val, float) and not math.isfinite(val):
                rec[key] = None
            elif isinstance(val, np.generic):
                rec[key] = val.item()
    return records


def evaluate_empty() -> pd.DataFrame:
    return pd.DataFrame(columns=[*STATUS_FIELDS, "kind", "family", "tau", "path_start"])


# ---- annual values (output value, revenue): kind "annual" ---------------------------------


def annual_ytd(values: pd.DataFrame, bases: dict[str, str]) -> pd.DataFrame:
    """Year-to-date totals (jurisdiction, metric, year, quarter, ytd) of annual metrics'
    figures (jurisdiction, metric, quarter_end, value), by each metric's basis."""
    v = values[values["metric"].isin(list(bases))].copy()
    day = pd.to_datetime(v["quarter_end"])
    v["year"], v["quarter"] = day.dt.year, day.dt.quarter
    v = v.sort_values(["jurisdiction", "metric", "year", "quarter"])
    summed = v.groupby(["jurisdiction", "metric", "year"])["value"].cumsum()
    per_quarter = v["metric"].map(bases).eq("quarter")
    v["ytd"] = summed.where(per_quarter, v["value"]).astype(float)
    return v[["jurisdiction", "metric", "year", "quarter", "ytd"]].reset_index(drop=True)


def evaluate_annual(f: pd.DataFrame, ytd: pd.DataFrame) -> pd.DataFrame:
    """The rows of annual targets judged by the annual rule (module docstring, "Annual-value
    targets"); the other rows as ``evaluate`` left them. ``f`` is evaluate's output,
    ``ytd`` that of ``annual_ytd``."""
    rows = f.index[f["kind"].eq("annual")]
    if len(rows) == 0:
        return f
    f = f.copy()
    r = f.loc[rows]
    lookup = ytd.set_index(["jurisdiction", "metric", "year", "quarter"])["ytd"]
    lookup = lookup[~lookup.index.duplicated(keep="last")]

    def at(year: pd.Series, quarter: pd.Series | int) -> pd.Series:
        q = quarter if isinstance(quarter, pd.Series) else pd.Series(quarter, index=r.index)
        keys = pd.MultiIndex.from_arrays([r["jurisdiction"], r["metric"], year, q])
        return pd.Series(lookup.reindex(keys).to_numpy(dtype=float), index=r.index)

    eval_date = pd.to_datetime(r["eval_date"])
    year, quarter = eval_date.dt.year, eval_date.dt.quarter
    start_year = pd.to_datetime(r["start_date"]).dt.year
    target_year = pd.to_datetime(r["deadline"]).dt.year
    thr = r["threshold"].astype(float)
    last_full = year.where(quarter.eq(4), year - 1)  # the latest year closed by E

    full = ytd[ytd["quarter"].eq(4)][["jurisdiction", "metric", "year", "ytd"]]
    pairs = r[["jurisdiction", "metric"]].assign(row=r.index, first=start_year - 1, last=last_full)
    years = pairs.merge(full, on=["jurisdiction", "metric"])
    years = years[(years["year"] >= years["first"]) & (years["year"] <= years["last"])]
    by_row = years.groupby("row")["year"]
    base_year = by_row.min().reindex(r.index)
    latest_year = by_row.max().reindex(r.index)
    baseline = at(base_year.fillna(0).astype(int), 4).where(base_year.notna())

    full_now = at(year, 4).where(quarter.eq(4))
    projection = at(year - 1, 4) * at(year, quarter) / at(year - 1, quarter)
    projection = projection.where(quarter.lt(4) & np.isfinite(projection))
    latest = at(latest_year.fillna(0).astype(int), 4).where(latest_year.notna())
    value = full_now.fillna(projection).fillna(latest)
    value_year = year.where(full_now.notna() | projection.notna(), latest_year)
    projected = full_now.isna() & projection.notna()
    counted = baseline.notna() & value.notna() & (baseline > 0)
    value = value.where(counted)

    span = (target_year - base_year).clip(lower=1)
    done = (value_year - base_year).clip(lower=0)
    ratio = thr / baseline
    required = baseline * ratio ** (done / span)
    pace = ((value - baseline) / (required - baseline)).where((required > baseline) & (done > 0))
    pace = pace.where(thr > baseline, (value / required).where(required > 0))
    met = (value >= thr) & ~projected
    status = _status(r, counted, met, pace)
    forecast = (baseline * (value / baseline) ** (span / done)).where((done > 0) & (value > 0))
    stale = counted & (quarter_index(eval_date) - quarter_index(r["latest_quarter"]) > 2)
    behind_hidden = pd.Series(status, index=r.index).isin([Status.ON_TRACK, Status.AT_RISK])

    updates = {
        "value": value,
        "baseline": baseline,
        "expected": required.where(counted),
        "pace": pace.where(counted),
        "attainment": value / thr,
        "stretch_met": (value >= r["max"].astype(float)).where(
            r["comparator"].eq("range") & counted
        ),
        "forecast": forecast.where(counted),
        "p_meet": pd.Series(np.nan, index=r.index),
        "path_start": pd.to_datetime(
            base_year.astype("Int64").astype(str) + "-12-31", errors="coerce"
        ),
        "stale": stale.astype(bool),
        "forecast_short": (forecast < thr).fillna(False).astype(bool) & behind_hidden,
        "reached_quarter": pd.Series(None, index=r.index, dtype=object),
        "value_year": value_year.where(counted).astype(float),
        "base_year": base_year.astype(float),
        "projected": projected & counted,
    }
    others = f.index.difference(rows)
    for column, series in updates.items():
        kept = f[column].loc[others] if column in f.columns else pd.Series(dtype=series.dtype)
        f[column] = pd.concat([kept, series]).reindex(f.index)
    f["status"] = pd.concat([f["status"].loc[others], pd.Series(status, index=rows)]).reindex(
        f.index
    )
    return f
