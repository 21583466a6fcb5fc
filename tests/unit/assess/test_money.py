"""Totals of the money granted per measure, per beneficiary and per target, computed by
hand: a revised grant (an instalment) counts once at its latest amounts, a reverted
batch not at all."""

from __future__ import annotations

from datetime import date

import pandas as pd

from kpi.assess.money import (
    BENEFICIARY_COLUMNS,
    MEASURE_COLUMNS,
    beneficiary_totals,
    grants_with_plan,
    measure_totals,
    support_for_target,
)
from kpi.domain.catalog import load_catalog
from kpi.ingest.workflow import ingest_bytes
from kpi.storage.grant_rows import GRANT_COLUMNS
from tests.support import TODAY
from tests.support.grant_files import FIRM_A, FIRM_B, grant, grants_csv

CATALOG = load_catalog()


def _frame(*rows: dict) -> pd.DataFrame:
    base = dict.fromkeys(GRANT_COLUMNS)
    return pd.DataFrame([{**base, "batch_id": 1, **r} for r in rows], columns=GRANT_COLUMNS)


GRANTS = _frame(
    {
        "measure": "BDA-2025:M5",
        "credit_code": FIRM_A,
        "beneficiary": "甲",
        "project": "p1",
        "approved_yuan": 20e6,
        "paid_yuan": 8e6,
        "approved_on": date(2026, 3, 1),
    },
    {
        "measure": "BDA-2025:M5",
        "credit_code": FIRM_B,
        "beneficiary": "乙",
        "project": "p2",
        "approved_yuan": 5e6,
        "paid_yuan": 5e6,
        "approved_on": date(2026, 4, 1),
    },
    {
        "measure": "BDA-2025:M2",
        "credit_code": FIRM_A,
        "beneficiary": "甲（更名）",
        "project": "p3",
        "approved_yuan": 1e6,
        "paid_yuan": 0.0,
        "approved_on": date(2026, 5, 1),
    },
)


def test_measure_totals_by_hand():
    totals = measure_totals(CATALOG, GRANTS).set_index("measure")
    assert list(totals.reset_index().columns) == MEASURE_COLUMNS
    assert len(totals) == len(CATALOG.measures)  # every measure, with zeros where none
    m5 = totals.loc["BDA-2025:M5"]
    assert (m5.grants, m5.beneficiaries, m5.granted_yuan, m5.paid_yuan) == (2, 2, 25e6, 13e6)
    assert (m5.cap_yuan, m5.plan, m5.jurisdiction, m5.task) == (
        30_000_000,
        "BDA-2025",
        "BDA",
        "BDA-2025.M5",
    )
    assert (m5.valid_from, m5.valid_to) == (date(2025, 12, 29), date(2028, 12, 31))
    m2 = totals.loc["BDA-2025:M2"]
    assert (m2.grants, m2.granted_yuan, m2.rate, m2.cap_yuan) == (1, 1e6, 0.10, 1_000_000)
    none = totals.loc["BJ-2024:M5a"]
    assert (none.grants, none.granted_yuan, none.cap_per_year_yuan, none.per_year) == (
        0,
        0.0,
        500_000,
        True,
    )


def test_beneficiary_totals_by_hand():
    out = beneficiary_totals(GRANTS)
    assert list(out.columns) == BENEFICIARY_COLUMNS
    assert out.to_dict("records") == [
        {
            "credit_code": FIRM_A,
            "beneficiary": "甲（更名）",
            "grants": 2,
            "measures": 2,
            "granted_yuan": 21e6,
            "paid_yuan": 8e6,
        },
        {
            "credit_code": FIRM_B,
            "beneficiary": "乙",
            "grants": 1,
            "measures": 1,
            "granted_yuan": 5e6,
            "paid_yuan": 5e6,
        },
    ]
    assert beneficiary_totals(GRANTS.iloc[0:0]).empty


def test_support_for_a_target_sums_its_linked_measures():
    out = support_for_target(CATALOG, GRANTS, "BDA-2025:pilot_service_platforms")
    assert list(out["measure"]) == ["BDA-2025:M5"] and out["granted_yuan"].sum() == 25e6
    assert support_for_target(CATALOG, GRANTS, "BDA-2025:leading_teams").empty
    with_plan = grants_with_plan(CATALOG, GRANTS)
    assert set(with_plan["jurisdiction"]) == {"BDA"}


def test_instalments_and_a_revert_in_the_store(store):
    def put(name, *rows):
        result = ingest_bytes(store, grants_csv(*rows), name, "fin", today=TODAY)
        assert result.committed, result.problems
        return result.batch_id

    put(
        "a.csv",
        grant(),
        grant(credit_code=FIRM_B, project="二号", approved_yuan=5_000_000, paid_yuan=1_000_000),
    )
    second = put("b.csv", grant(paid_yuan=12_000_000))  # an instalment
    put("c.csv", grant(paid_yuan=20_000_000))  # the last one
    m5 = measure_totals(CATALOG, store.grants()).set_index("measure").loc["BDA-2025:M5"]
    assert (m5.grants, m5.granted_yuan, m5.paid_yuan) == (2, 25e6, 21e6)
    third = store.batches()["id"].max()
    store.revert_batch(int(third), "admin1")
    m5 = measure_totals(CATALOG, store.grants()).set_index("measure").loc["BDA-2025:M5"]
    assert (m5.grants, m5.granted_yuan, m5.paid_yuan) == (2, 25e6, 13e6)
    store.revert_batch(second, "admin1")
    m5 = measure_totals(CATALOG, store.grants()).set_index("measure").loc["BDA-2025:M5"]
    assert m5.paid_yuan == 9e6
