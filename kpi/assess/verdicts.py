"""Verdicts read from the store: the rules of :mod:`kpi.domain.rules` applied to the
figures known at a moment (status now, at each quarter end, and at a plan's close)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

import pandas as pd

from kpi.domain.periods import quarter_ends_between
from kpi.domain.rules import annual_ytd, evaluate, evaluate_annual, evaluate_empty, known_moment
from kpi.storage.store import Store


def compute_status(
    store: Store,
    as_of: date | Iterable[date],
    jurisdiction: str | None = None,
    known_at: date | datetime | None = None,
    *,
    with_close: bool = True,
) -> pd.DataFrame:
    """Status of every target (of one jurisdiction, if given) at one or more dates,
    as known at ``known_at`` (default: everything committed so far)."""
    dates = [as_of] if isinstance(as_of, date) else list(as_of)
    known = known_moment(known_at)
    with store.reading():
        targets = store.targets(jurisdiction).rename(columns={"code": "target"})
        count_metrics = _count_metrics(store)
        frame = _evaluate_known(store, targets, count_metrics, dates, jurisdiction, known)
        if with_close:
            frame = _add_status_at_close(store, targets, count_metrics, frame, jurisdiction, known)
        frame = _add_reasons(store, frame, jurisdiction, known)
    if not with_close:
        frame["status_at_close"] = None
        frame["revised_after_close"] = False
    return frame


def _evaluate_known(
    store: Store,
    targets: pd.DataFrame,
    count_metrics: set[str],
    dates: list[date],
    jurisdiction: str | None,
    known: datetime | None,
    plans: list[str] | None = None,
) -> pd.DataFrame:
    """The rules applied to the targets (of ``plans``, if given) at ``dates``."""
    inputs = store.query_status_inputs(dates, jurisdiction, known, plans)
    if plans is not None:
        targets = targets[targets["plan"].isin(plans)]
    frame = evaluate(targets.merge(inputs, on="target", how="inner"), count_metrics)
    return _with_annual(store, frame, jurisdiction, known)


def _with_annual(
    store: Store, frame: pd.DataFrame, jurisdiction: str | None, known: datetime | None
) -> pd.DataFrame:
    """Annual targets judged by their own rule (kpi.domain.rules, "Annual-value targets")."""
    if not frame["kind"].eq("annual").any():
        return frame
    bases: dict[str, str] = {
        m.code: m.basis or "ytd" for m in store.catalog().metrics if m.kind == "annual"
    }
    ytd = annual_ytd(store.annual_values(jurisdiction, known), bases)
    return evaluate_annual(frame, ytd)


REASON_FIELDS = ("reason", "next_steps", "reason_quarter", "reported_by", "reported_at")


def _add_reasons(
    store: Store, frame: pd.DataFrame, jurisdiction: str | None, known: datetime | None
) -> pd.DataFrame:
    """The reason and next steps of each target's latest report (the current value of
    its latest quarter up to the as-of date), with who reported them and when."""
    reasons = store.reasons(jurisdiction, known)
    if reasons.empty or frame.empty:
        return frame.assign(**{c: None for c in REASON_FIELDS})
    reasons = reasons.assign(latest_quarter=pd.to_datetime(reasons["quarter_end"]))
    reasons = reasons.rename(columns={"quarter_end": "reason_quarter"})
    keyed = frame.assign(latest_quarter=pd.to_datetime(frame["latest_quarter"]))
    merged = keyed.merge(
        reasons, how="left", on=["jurisdiction", "metric", "latest_quarter"], validate="m:1"
    )
    merged.index = frame.index
    out = frame.copy()
    for column in REASON_FIELDS:
        out[column] = merged[column].astype(object).where(merged[column].notna(), None)
    return out


def _count_metrics(store: Store) -> set[str]:
    return {m.code for m in store.catalog().metrics if m.count}


def close_moments(store: Store) -> dict[str, datetime]:
    """Plan code -> the moment its verdicts close: end of day deadline + reporting lag."""
    return {
        p.code: datetime.combine(p.end + timedelta(days=p.reporting_lag_days), time(23, 59, 59))
        for p in store.catalog().plans
    }


def _add_status_at_close(
    store: Store,
    targets: pd.DataFrame,
    count_metrics: set[str],
    frame: pd.DataFrame,
    jurisdiction: str | None,
    known: datetime | None,
) -> pd.DataFrame:
    """status_at_close for targets whose plan closed before the as-of date: only those
    targets are evaluated again, at their deadline as known at the close."""
    frame["status_at_close"] = None
    closes = close_moments(store)
    close_day = frame["plan"].map({p: pd.Timestamp(m.date()) for p, m in closes.items()})
    closed = frame["as_of"] > close_day
    for moment in sorted({closes[p] for p in frame.loc[closed, "plan"].unique()}):
        plans = [p for p, m in closes.items() if m == moment]
        of_plans = frame.loc[frame["plan"].isin(plans), "deadline"].unique()
        deadlines = sorted({pd.Timestamp(d).date() for d in of_plans})
        seen = min(moment, known) if known is not None else moment
        at_close = _evaluate_known(
            store, targets, count_metrics, deadlines, jurisdiction, seen, plans
        )
        at_close = at_close[at_close["as_of"] == pd.to_datetime(at_close["deadline"])]
        verdict = at_close.set_index("target")["status"]
        rows = closed & frame["plan"].isin(plans)
        frame.loc[rows, "status_at_close"] = frame.loc[rows, "target"].map(verdict)
    frame["revised_after_close"] = frame["status_at_close"].notna() & frame["status"].ne(
        frame["status_at_close"]
    )
    return frame


def status_history(
    store: Store,
    as_of: date,
    jurisdiction: str | None = None,
    known_at: date | datetime | None = None,
) -> pd.DataFrame:
    """Status of every target at each quarter end of its period up to ``as_of``.

    One row per (target, quarter end): ``value`` is the cumulative flow or the level
    at that quarter, ``expected`` the required path; the charts' trajectories.
    """
    targets = store.targets(jurisdiction)
    if targets.empty:
        return evaluate_empty()
    first = pd.to_datetime(targets["start_date"]).min().date()
    last = min(as_of, pd.to_datetime(targets["deadline"]).max().date())
    ends = quarter_ends_between(first, last)
    if not ends:
        return evaluate_empty()
    frame = compute_status(store, ends, jurisdiction, known_at, with_close=False)
    in_period = (frame["as_of"] >= pd.to_datetime(frame["start_date"])) & (
        frame["as_of"] <= pd.to_datetime(frame["deadline"])
    )
    return frame[in_period].reset_index(drop=True)
