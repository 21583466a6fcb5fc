"""``kpi measures``, ``kpi grants`` and grants files through ``kpi ingest``, end to end
as a user runs them."""

from __future__ import annotations

import csv
import io
import json

from kpi.access import auth
from kpi.storage.store import Store
from tests.support.cli import run_kpi
from tests.support.grant_files import FIRM_B, grant, grants_csv


def _json(db, *args):
    done = run_kpi(db, *args, "--format", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_measures_json_holds_the_rules_of_the_texts(new_db):
    items = _json(new_db, "measures")
    fields = {
        "measure",
        "plan",
        "task",
        "text_zh",
        "units",
        "cap_yuan",
        "rate",
        "valid_from",
        "valid_to",
        "grants",
        "granted_yuan",
        "paid_yuan",
    }
    assert all(fields <= item.keys() for item in items)
    rules = {(i["plan"], i["cap_yuan"], i["rate"], i["cap_per_year_yuan"]) for i in items}
    assert ("BDA-2025", 30_000_000, None, None) in rules
    assert ("BDA-2025", 1_000_000, 0.1, None) in rules
    assert ("BDA-2025", 3_000_000, None, None) in rules
    assert ("BDA-2025", None, 0.3, None) in rules
    assert ("BJ-2024", 50_000_000, 0.3, None) in rules
    assert ("BJ-2024", None, None, 500_000) in rules
    assert all(i["grants"] == 0 and i["granted_yuan"] == 0 for i in items)
    etown = _json(new_db, "measures", "--plan", "BDA-2025")
    assert {i["plan"] for i in etown} == {"BDA-2025"}
    assert all(i["valid_to"] == "2028-12-31" and i["units"] for i in etown)
    bad = run_kpi(new_db, "measures", "--plan", "XX")
    assert bad.returncode == 1 and "XX" in bad.stderr


def test_a_grants_file_lands_and_the_totals_and_listing_show_it(new_db, tmp_path):
    path = tmp_path / "grants.csv"
    path.write_bytes(
        grants_csv(
            grant(), grant(credit_code=FIRM_B, project="二号", approved_yuan=5_000_000, paid_yuan=0)
        )
    )
    done = run_kpi(new_db, "ingest", str(path))
    assert done.returncode == 0, done.stderr
    m5 = next(i for i in _json(new_db, "measures") if i["measure"] == "BDA-2025:M5")
    assert (m5["grants"], m5["beneficiaries"], m5["granted_yuan"], m5["paid_yuan"]) == (
        2,
        2,
        25_000_000,
        8_000_000,
    )
    listed = _json(new_db, "grants", "--measure", "BDA-2025:M5")
    assert [g["beneficiary"] for g in listed] == ["甲生物科技有限公司", "甲生物科技有限公司"]
    assert {g["user_name"] for g in listed} == {f"os:{listed[0]['user_name'][3:]}"}
    table = run_kpi(new_db, "grants")
    assert table.returncode == 0 and "BDA-2025:M5" in table.stdout
    as_csv = run_kpi(new_db, "measures", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert next(r for r in rows if r["measure"] == "BDA-2025:M5")["granted_yuan"] == "25000000.0"


def test_a_viewer_sees_no_beneficiary_in_the_listing(new_db, tmp_path):
    store = Store.open(new_db)
    auth.add_user(store, "viewer1", "viewer", "correct horse 1", [], "test")
    auth.add_user(store, "fin_bj", "finance", "correct horse 1", ["BJ"], "test")
    path = tmp_path / "grants.csv"
    path.write_bytes(grants_csv(grant()))
    assert run_kpi(new_db, "ingest", str(path)).returncode == 0
    for name in ("viewer1", "fin_bj"):  # fin_bj holds the right on Beijing, not E-Town
        (item,) = _json(new_db, "grants", "--user", name)
        assert item["beneficiary"] is None and item["credit_code"] is None
        assert item["approved_yuan"] == 20_000_000


def test_an_over_cap_grant_is_refused_by_row_and_column_and_nothing_written(new_db, tmp_path):
    path = tmp_path / "grants.csv"
    path.write_bytes(grants_csv(grant(approved_yuan=30_000_001, paid_yuan=0)))
    done = run_kpi(new_db, "ingest", str(path))
    assert done.returncode == 1
    assert "row 2" in done.stderr and "approved_yuan" in done.stderr
    assert "30,000,000" in done.stderr
    assert _json(new_db, "grants") == []
