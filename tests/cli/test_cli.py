"""``python -m kpi`` as a user runs it: a subprocess per command, a temporary database."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date

import pytest

from kpi.cli.main import main
from kpi.domain.rules import STATUS_FIELDS
from kpi.storage.store import Store, current_user
from tests.support import ROOT
from tests.support.cli import run_kpi
from tests.support.files import csv_bytes


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("demo") / "kpi.duckdb"
    done = run_kpi(db, "init", "--demo")
    assert done.returncode == 0, done.stderr
    return db


def test_init_demo_loads_marked_sample_data(demo_db):
    out = json.loads(run_kpi(demo_db, "batches", "--format", "json").stdout)
    (batch,) = out["batches"]
    assert batch["is_sample"] is True and batch["file_name"] == "sample-data.csv"
    again = run_kpi(demo_db, "init", "--demo")
    assert again.returncode == 0 and "already holds data" in again.stdout


def test_status_json_has_the_documented_keys(demo_db):
    done = run_kpi(demo_db, "status", "--as-of", "2025-06-30", "--format", "json")
    assert done.returncode == 0, done.stderr
    records = json.loads(done.stdout)
    with Store.open(demo_db) as store:
        assert len(records) == len(store.catalog().targets)
    assert all(set(r) == set(STATUS_FIELDS) for r in records)
    assert set(STATUS_FIELDS) == {
        "target",
        "plan",
        "jurisdiction",
        "metric",
        "comparator",
        "min",
        "max",
        "threshold",
        "start_date",
        "deadline",
        "as_of",
        "eval_date",
        "value",
        "baseline",
        "expected",
        "attainment",
        "pace",
        "status",
        "stretch_met",
        "forecast",
        "p_meet",
        "reached_quarter",
        "stale",
        "forecast_short",
        "status_at_close",
        "revised_after_close",
        "reason",
        "next_steps",
    }
    assert {r["as_of"] for r in records} == {"2025-06-30"}


def test_status_csv_and_jurisdiction_filter(demo_db):
    done = run_kpi(
        demo_db, "status", "--as-of", "2025-06-30", "--jurisdiction", "sh", "--format", "csv"
    )
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert list(rows[0]) == STATUS_FIELDS
    assert len(rows) == 8 and {r["jurisdiction"] for r in rows} == {"SH"}


def test_status_unknown_jurisdiction_is_exit_1(demo_db):
    done = run_kpi(demo_db, "status", "--jurisdiction", "XX")
    assert done.returncode == 1
    assert "unknown jurisdiction code: XX" in done.stderr and "Traceback" not in done.stderr


def test_targets_json(demo_db):
    done = run_kpi(demo_db, "targets", "--format", "json")
    targets = {t["code"]: t for t in json.loads(done.stdout)}
    with Store.open(demo_db) as store:
        assert set(targets) == {t.code for t in store.catalog().targets}
    pilot = targets["BJ-2024:pilot_platforms"]
    assert (pilot["comparator"], pilot["min"], pilot["max"], pilot["deadline"]) == (
        "range",
        3,
        5,
        "2026-12-31",
    )
    assert targets["SH-2023:industrial_bases"]["threshold"] == pytest.approx(2.7)


def test_ingest_status_batches_revert(tmp_path):
    db = tmp_path / "kpi.duckdb"
    report = tmp_path / "q2.csv"
    report.write_bytes(
        csv_bytes(
            [
                ("BJ", "hardtech_startups", "2024Q1", "10"),
                ("BJ", "hardtech_startups", "2024Q2", "10"),
            ]
        )
    )
    done = run_kpi(db, "ingest", str(report))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "1"  # the batch id, alone on stdout
    assert "Committed batch 1 (2 rows)" in done.stderr

    status = json.loads(
        run_kpi(
            db, "status", "--as-of", "2024-06-30", "--jurisdiction", "BJ", "--format", "json"
        ).stdout
    )
    row = next(r for r in status if r["target"] == "BJ-2024:hardtech_startups")
    tau = (date(2024, 6, 30) - date(2024, 1, 1)).days / (date(2026, 12, 31) - date(2024, 1, 1)).days
    assert row["value"] == 20 and row["threshold"] == 100
    assert row["expected"] == round(tau * 100)  # whole start-ups: 16.5 -> 17
    assert row["pace"] == pytest.approx(20 / round(tau * 100))
    assert row["status"] == "on_track"  # pace >= 0.95
    assert row["forecast"] == pytest.approx(20 + 10 * 10)  # 10 a quarter, 10 quarters left

    batches = run_kpi(db, "batches")
    assert batches.returncode == 0 and "q2.csv" in batches.stdout
    assert f"os:{current_user()}" in batches.stdout  # no --user: the OS user, marked as such

    assert run_kpi(db, "revert", "1").returncode == 0
    status = json.loads(run_kpi(db, "status", "--as-of", "2024-06-30", "--format", "json").stdout)
    row = next(r for r in status if r["target"] == "BJ-2024:hardtech_startups")
    assert row["value"] is None and row["status"] == "no_data"

    unknown = run_kpi(db, "revert", "42")
    assert unknown.returncode == 1 and "42" in unknown.stderr and "Traceback" not in unknown.stderr


def test_ingest_rejection_exit_1_with_row_problems(tmp_path):
    db = tmp_path / "kpi.duckdb"
    bad = tmp_path / "bad.csv"
    rows = [("BJ", "leading_teams", "2024Q1", "x"), ("XZ", "leading_teams", "2024Q5", "1")]
    bad.write_bytes(csv_bytes(rows))
    done = run_kpi(db, "ingest", str(bad))
    assert done.returncode == 1 and done.stdout == ""
    assert "3 problem(s)" in done.stderr
    assert "row 2, column 'value'" in done.stderr
    assert "row 3, column 'jurisdiction'" in done.stderr
    assert "row 3, column 'period'" in done.stderr
    with Store.open(db) as s:
        assert s.batches().empty and s.current_observations().empty


def test_ingest_problems_in_chinese(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes([("BJ", "leading_teams", "2024Q1", "x")]))
    assert main(["--db", str(tmp_path / "k.duckdb"), "ingest", str(bad)]) == 1
    assert "第 2 行, 列“value”" in capsys.readouterr().err


def test_ingest_pdf_exit_1(tmp_path):
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4 not a table")
    done = run_kpi(tmp_path / "kpi.duckdb", "ingest", str(tmp_path / "report.pdf"))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "unsupported file type: report.pdf" in done.stderr


@pytest.mark.parametrize("name", ["report.xls", "missing.csv"])
def test_ingest_unusable_files_exit_1(tmp_path, capsys, name):
    if name != "missing.csv":
        (tmp_path / name).write_bytes(b"\xd0\xcf\x11\xe0 old excel")
    assert main(["--db", str(tmp_path / "k.duckdb"), "ingest", str(tmp_path / name)]) == 1
    assert name in capsys.readouterr().err


def test_status_loads_no_plotting_stack_nor_scipy_and_takes_any_case_code(demo_db):
    done = subprocess.run(
        [
            sys.executable,
            "-X",
            "importtime",
            "-m",
            "kpi",
            "--db",
            str(demo_db),
            "--lang",
            "en",
            "status",
            "--jurisdiction",
            "sh",
            "--format",
            "json",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert {row["jurisdiction"] for row in json.loads(done.stdout)} == {"SH"}
    loaded = {line.split("|")[-1].strip().split(".")[0] for line in done.stderr.splitlines()}
    heavy = {"plotly", "kaleido", "choreographer", "streamlit", "openpyxl", "scipy"}
    assert not loaded & heavy
