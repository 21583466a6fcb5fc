"""Issue 9's cases reproduced as a user would, through ``kpi status`` in a subprocess:
progress from the baseline, no data after the deadline, a plan not started, and what was
known before a late upload."""

from __future__ import annotations

import json
import time
from datetime import date, datetime

import pytest

from tests.support.cli import run_kpi
from tests.support.files import csv_bytes


def _status_json(db, *args: str) -> dict[str, dict]:
    done = run_kpi(db, "status", "--format", "json", *args)
    assert done.returncode == 0, done.stderr
    return {r["target"]: r for r in json.loads(done.stdout)}


def _ingest_cli(db, tmp_path, name: str, rows: list[tuple]) -> None:
    path = tmp_path / name
    path.write_bytes(csv_bytes(rows))
    done = run_kpi(db, "ingest", str(path))
    assert done.returncode == 0, done.stderr


def test_parts_library_is_judged_by_progress_from_the_baseline(tmp_path):
    db = tmp_path / "kpi.duckdb"
    _ingest_cli(
        db,
        tmp_path,
        "parts.csv",
        [
            ("SH", "parts_library_capacity", "2022Q4", 800000),
            ("SH", "parts_library_capacity", "2024Q2", 820000),
        ],
    )
    row = _status_json(db, "--as-of", "2024-06-30", "--jurisdiction", "SH")[
        "SH-2023:parts_library_capacity"
    ]
    # S = 2023-01-01, D = 2025-12-31 (1095 days), E = 2024-06-30 (546 days in)
    due = 546 / 1095 * 200000
    assert row["baseline"] == 800000
    assert row["expected"] == round(800000 + due)
    assert row["pace"] == pytest.approx(20000 / round(due), rel=1e-9)  # 0.20, not 0.91
    assert row["status"] == "off_track"


def test_no_rows_after_the_deadline_is_no_data_not_missed(tmp_path):
    db = tmp_path / "kpi.duckdb"
    _ingest_cli(db, tmp_path, "bj.csv", [("BJ", "leading_teams", "2024Q2", 1)])
    rows = _status_json(db, "--as-of", "2026-09-30", "--jurisdiction", "SH")
    assert rows and {r["status"] for r in rows.values()} == {"no_data"}
    assert all(r["value"] is None for r in rows.values())


def test_a_plan_that_has_not_started_and_the_evaluation_date(tmp_path):
    db = tmp_path / "kpi.duckdb"
    _ingest_cli(
        db,
        tmp_path,
        "bda.csv",
        [
            ("BDA", "leading_teams", "2026Q1", 1),
            ("BDA", "municipal_key_labs", "2026Q1", 0),
            ("BDA", "poc_platforms", "2026Q1", 2),
        ],
    )
    before = _status_json(db, "--as-of", "2025-12-31", "--jurisdiction", "BDA")
    assert {r["status"] for r in before.values()} == {"not_started"}
    assert {r["start_date"] for r in before.values()} == {"2026-01-01"}
    quarter_end = _status_json(db, "--as-of", "2026-03-31", "--jurisdiction", "BDA")
    later = _status_json(db, "--as-of", "2026-05-20", "--jurisdiction", "BDA")
    for code, row in quarter_end.items():
        for key in ("status", "expected", "pace", "eval_date", "forecast_short"):
            assert later[code][key] == row[key], (code, key)
    # 89 of 1095 days: 0.81 teams due -> 1 whole team; 1 reported
    assert quarter_end["BDA-2025:leading_teams"]["expected"] == 1
    assert quarter_end["BDA-2025:leading_teams"]["status"] == "on_track"
    assert quarter_end["BDA-2025:poc_platforms"]["status"] == "achieved" or (
        quarter_end["BDA-2025:poc_platforms"]["status"] == "on_track"
    )
    assert quarter_end["BDA-2025:listed_companies_new"]["status"] == "no_data"


def _wait_for_next_second(db) -> None:
    """Batch times have whole seconds; the next commit must fall in a later one."""
    start = datetime.now().replace(microsecond=0)
    while datetime.now().replace(microsecond=0) <= start:
        time.sleep(0.05)


def _batch_times(db) -> list[str]:
    done = run_kpi(db, "batches", "--format", "json")
    assert done.returncode == 0, done.stderr
    return [b["created_at"][:19] for b in json.loads(done.stdout)["batches"]]


def test_known_at_shows_what_was_known_before_a_late_upload(tmp_path):
    db = tmp_path / "kpi.duckdb"
    _ingest_cli(
        db,
        tmp_path,
        "on_time.csv",
        [("SH", "regional_hqs", "2023Q4", 2), ("SH", "regional_hqs", "2025Q2", 2)],
    )
    _wait_for_next_second(db)
    _ingest_cli(db, tmp_path, "late.csv", [("SH", "regional_hqs", "2025Q4", 1)])
    first, late = _batch_times(db)
    assert first < late
    code, as_of = "SH-2023:regional_hqs", ("--as-of", "2026-09-30")
    assert _status_json(db, *as_of)[code]["status"] == "achieved"
    before = _status_json(db, *as_of, "--known-at", first)[code]
    assert (before["value"], before["status"]) == (4, "missed")
    after = _status_json(db, *as_of, "--known-at", late)[code]
    assert (after["value"], after["status"]) == (5, "achieved")
    # a bare day means the end of that day: today knows both batches
    today = _status_json(db, *as_of, "--known-at", date.today().isoformat())[code]
    assert today["status"] == "achieved"


def test_known_at_rejects_what_is_not_a_date(tmp_path):
    done = run_kpi(tmp_path / "kpi.duckdb", "status", "--known-at", "yesterday")
    assert done.returncode == 2
    assert "yesterday" in done.stderr
