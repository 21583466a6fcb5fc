"""The money granted under the support measures (政策兑现): totals per measure, per
beneficiary and for the targets the measures are meant to move.

Pure pandas over ``Store.grants(known_at)`` (one row per grant in force: a revised
grant counts once, at its latest amounts; a reverted batch's rows are gone already) and
the catalog's measures. Beneficiaries are counted by credit code; names are confidential
and are for the caller to show or withhold (kpi.access.auth.may_see_beneficiaries).
"""

from __future__ import annotations

import pandas as pd

from kpi.domain.catalog import Catalog

#: The columns of :func:`measure_totals`.
MEASURE_COLUMNS = [
    "measure",
    "plan",
    "jurisdiction",
    "task",
    "grants",
    "beneficiaries",
    "granted_yuan",
    "paid_yuan",
    "cap_yuan",
    "rate",
    "cap_per_year_yuan",
    "per_year",
    "valid_from",
    "valid_to",
]
#: The columns of :func:`beneficiary_totals`.
BENEFICIARY_COLUMNS = [
    "credit_code",
    "beneficiary",
    "grants",
    "measures",
    "granted_yuan",
    "paid_yuan",
]


def grants_with_plan(catalog: Catalog, grants: pd.DataFrame) -> pd.DataFrame:
    """``grants`` with each measure's plan, jurisdiction and task (a measure the catalog
    no longer holds keeps empty ones)."""
    measures = {m.code: m for m in catalog.measures}
    plan = grants["measure"].map(lambda c: measures[c].plan if c in measures else None)
    task = grants["measure"].map(lambda c: measures[c].task if c in measures else None)
    places = {p.code: p.jurisdiction for p in catalog.plans}
    return grants.assign(plan=plan, jurisdiction=plan.map(places), task=task)


def measure_totals(catalog: Catalog, grants: pd.DataFrame) -> pd.DataFrame:
    """One row per measure of the catalog, in catalog order: its grants in force, the
    distinct beneficiaries (by credit code), approved and paid totals in yuan, its rule
    (cap, rate, yearly cap, one-off or yearly) and its validity. Columns
    ``MEASURE_COLUMNS``; a measure without grants has zeros."""
    by_measure = grants.groupby("measure").agg(
        grants=("credit_code", "size"),
        beneficiaries=("credit_code", "nunique"),
        granted_yuan=("approved_yuan", "sum"),
        paid_yuan=("paid_yuan", "sum"),
    )
    rows = []
    for m in catalog.measures:
        start, end = catalog.measure_period(m)
        found = by_measure.loc[m.code] if m.code in by_measure.index else None
        rows.append(
            {
                "measure": m.code,
                "plan": m.plan,
                "jurisdiction": catalog.plan(m.plan).jurisdiction,
                "task": m.task,
                "grants": int(found["grants"]) if found is not None else 0,
                "beneficiaries": int(found["beneficiaries"]) if found is not None else 0,
                "granted_yuan": float(found["granted_yuan"]) if found is not None else 0.0,
                "paid_yuan": float(found["paid_yuan"]) if found is not None else 0.0,
                "cap_yuan": m.cap_yuan,
                "rate": m.rate,
                "cap_per_year_yuan": m.cap_per_year_yuan,
                "per_year": m.per_year,
                "valid_from": start,
                "valid_to": end,
            }
        )
    return pd.DataFrame(rows, columns=MEASURE_COLUMNS)


def beneficiary_totals(grants: pd.DataFrame) -> pd.DataFrame:
    """One row per beneficiary (credit code), most granted first: its latest name (of
    its most recent approval), grants, distinct measures, approved and paid totals.
    Columns ``BENEFICIARY_COLUMNS``."""
    if grants.empty:
        return pd.DataFrame(columns=BENEFICIARY_COLUMNS)
    ordered = grants.sort_values(["approved_on", "batch_id"], kind="stable")
    out = ordered.groupby("credit_code", as_index=False).agg(
        beneficiary=("beneficiary", "last"),
        grants=("measure", "size"),
        measures=("measure", "nunique"),
        granted_yuan=("approved_yuan", "sum"),
        paid_yuan=("paid_yuan", "sum"),
    )
    out = out.sort_values(["granted_yuan", "credit_code"], ascending=[False, True])
    return out[BENEFICIARY_COLUMNS].reset_index(drop=True)


def support_for_target(catalog: Catalog, grants: pd.DataFrame, target_code: str) -> pd.DataFrame:
    """The measures linked by hand to ``target_code`` with their totals ("支持资金"):
    rows of :func:`measure_totals`; empty (same columns) when no measure serves it."""
    linked = [m.code for m in catalog.measures if target_code in m.targets]
    totals = measure_totals(catalog, grants[grants["measure"].isin(linked)])
    return totals[totals["measure"].isin(linked)].reset_index(drop=True)
