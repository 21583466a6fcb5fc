from datetime import date

from kpi.engine import compute_status
from kpi.ingest import ingest_bytes


def test_catalog_has_the_23_targets(catalog):
    assert len(catalog.targets) == 23


def test_ingest_then_status(store):
    csv = "jurisdiction,metric,period,value\nBJ,leading_teams,2024Q1,2\nBJ,leading_teams,2024Q2,3\n"
    result = ingest_bytes(store, csv.encode(), "q.csv", "tester", today=date(2026, 11, 23))
    assert result.commit is not None
    frame = compute_status(store, date(2024, 6, 30), "BJ").set_index("target")
    row = frame.loc["BJ-2024:leading_teams"]
    assert row["value"] == 5
    assert row["status"] == "achieved"
