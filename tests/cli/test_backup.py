"""The same answers on DuckDB and PostgreSQL, and data that can be moved and kept:
`kpi backup`, `kpi restore`, `kpi copy-store`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kpi.cli.main import main
from kpi.storage.store import Store, current_user
from tests.support.files import csv_text

AS_OF = "2024-06-30"
ZH_HEADER = ("地区", "指标", "期间", "数值", "来源", "备注")


def _kpi(capsys, db: str, *args: str, lang: str = "en") -> tuple[int, str, str]:
    code = main(["--db", str(db), "--lang", lang, *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def _foundation(capsys, db: str, tmp_path: Path) -> list[dict]:
    """GBK upload, a revision, a rejected bad file; the status as `kpi status` gives it."""
    first = tmp_path / "一季度.csv"
    rows = [
        ("北京市", "优秀初创硬科技企业", "2024年第一季度", "10", "市科委", "首次报送"),
        ("北京市", "优秀初创硬科技企业", "2024Q2", "5", "", ""),
    ]
    first.write_bytes(csv_text(rows, header=ZH_HEADER).encode("gbk"))
    revision = tmp_path / "revision.csv"
    revision.write_bytes(csv_text([("BJ", "hardtech_startups", "2024Q2", "10")]).encode())
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_text([("BJ", "hardtech_startups", "2024Q3", "x")]).encode())
    assert _kpi(capsys, db, "ingest", str(first))[0] == 0
    assert _kpi(capsys, db, "ingest", str(revision))[0] == 0
    code, _, err = _kpi(capsys, db, "ingest", str(bad))
    assert code == 1 and "row 2, column 'value'" in err
    code, out, err = _kpi(capsys, db, "status", "--as-of", AS_OF, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def test_foundation_scenario_gives_identical_status_on_both_backends(capsys, tmp_path, pg_url):
    duck = _foundation(capsys, str(tmp_path / "kpi.duckdb"), tmp_path)
    pg = _foundation(capsys, pg_url, tmp_path)
    assert json.dumps(duck, sort_keys=True) == json.dumps(pg, sort_keys=True)
    row = next(r for r in pg if r["target"] == "BJ-2024:hardtech_startups")
    tau = (date(2024, 6, 30) - date(2024, 1, 1)).days / (date(2026, 12, 31) - date(2024, 1, 1)).days
    assert row["value"] == 20 and row["threshold"] == 100  # 10 + the revised 10
    assert row["expected"] == round(tau * 100)  # whole start-ups: 16.5 -> 17
    assert row["pace"] == pytest.approx(20 / round(tau * 100))
    assert row["status"] == "on_track"
    assert row["forecast"] == pytest.approx(20 + 10 * 10)  # 10 a quarter, 10 quarters left


#: Audit actions of the restore or copy itself, which the copy adds to what it copied.
MOVES = ("restore", "copy_store")


def _state(location: str) -> tuple:
    with Store.open(location) as s:
        audit = s.audit_log()
        return (
            s.batches().to_json(date_format="iso"),
            audit[~audit["action"].isin(MOVES)].to_json(date_format="iso"),
            s.current_observations().to_json(date_format="iso"),
            s.users().to_json(date_format="iso"),
            s.data_version(),
            s.catalog_version(),
        )


def test_backup_and_restore_bring_back_every_table(capsys, tmp_path, db_location, fast_bcrypt):
    from kpi.access import auth

    _foundation(capsys, db_location, tmp_path)
    with Store.open(db_location) as s:
        auth.add_user(s, "ann", "viewer", "a-long-enough-passw0rd", [], "test")
        s.revert_batch(1, "ann")
    before = _state(db_location)
    code, out, err = _kpi(capsys, db_location, "backup", str(tmp_path / "bk"))
    assert code == 0, err and "manifest" in out
    manifest = json.loads((tmp_path / "bk" / "manifest.json").read_text())
    assert manifest["tables"]["batches"]["rows"] == 2
    assert manifest["tables"]["observations"]["rows"] == 3

    later = tmp_path / "later.csv"
    later.write_bytes(csv_text([("SH", "regional_hqs", "2024Q1", "1")]).encode())
    assert _kpi(capsys, db_location, "ingest", str(later))[0] == 0
    assert _state(db_location) != before

    code, out, err = _kpi(capsys, db_location, "restore", str(tmp_path / "bk"))
    assert code == 0, err
    assert _state(db_location) == before
    with Store.open(db_location) as s:  # the restore is in the restored audit log
        last = s.audit_log().iloc[-1]
    assert (last["user_name"], last["action"]) == (f"os:{current_user()}", "restore")
    assert last["detail"] == str(tmp_path / "bk")
    # ids go on after the restored ones
    code, out, _ = _kpi(capsys, db_location, "ingest", str(later))
    assert code == 0 and out.strip() == "3"


def test_restore_refuses_a_changed_backup_file_and_changes_nothing(capsys, tmp_path, db_location):
    _foundation(capsys, db_location, tmp_path)
    assert _kpi(capsys, db_location, "backup", str(tmp_path / "bk"))[0] == 0
    later = tmp_path / "later.csv"
    later.write_bytes(csv_text([("SH", "regional_hqs", "2024Q1", "1")]).encode())
    assert _kpi(capsys, db_location, "ingest", str(later))[0] == 0
    before = _state(db_location)
    damaged = tmp_path / "bk" / "observations.parquet"
    damaged.write_bytes(damaged.read_bytes()[:-1] + b"\0")
    for lang, words in (("en", "does not match the checksum"), ("zh", "校验和")):
        code, _, err = _kpi(capsys, db_location, "restore", str(tmp_path / "bk"), lang=lang)
        assert code == 1 and words in err and str(damaged) in err
    assert _state(db_location) == before
    (tmp_path / "empty").mkdir()
    code, _, err = _kpi(capsys, db_location, "restore", str(tmp_path / "empty"))
    assert code == 1 and "manifest.json" in err


def test_backup_into_a_used_folder_is_refused(capsys, tmp_path, db_location):
    (tmp_path / "bk").mkdir()
    (tmp_path / "bk" / "old.txt").write_text("x")
    code, _, err = _kpi(capsys, db_location, "backup", str(tmp_path / "bk"))
    assert code == 1 and "not empty" in err


def test_restore_replaces_a_damaged_duckdb_file(capsys, tmp_path):
    db = tmp_path / "kpi.duckdb"
    status = _foundation(capsys, str(db), tmp_path)
    assert _kpi(capsys, str(db), "backup", str(tmp_path / "bk"))[0] == 0
    db.write_bytes(db.read_bytes()[: 3 * 4096 + 100])  # truncated
    code, _, err = _kpi(capsys, str(db), "status", "--as-of", AS_OF, "--format", "json")
    assert code == 1 and "truncated" in err and "kpi restore" in err
    assert _kpi(capsys, str(db), "restore", str(tmp_path / "bk"))[0] == 0
    code, out, _ = _kpi(capsys, str(db), "status", "--as-of", AS_OF, "--format", "json")
    assert code == 0 and json.loads(out) == status
    kept = list(tmp_path.glob("kpi.duckdb.before-restore-*"))
    assert len(kept) == 1 and kept[0].stat().st_size == 3 * 4096 + 100


@pytest.mark.parametrize("direction", ["duckdb to postgresql", "postgresql to duckdb"])
def test_copy_store_checks_counts_and_status(capsys, tmp_path, pg_url, direction):
    duck = str(tmp_path / "kpi.duckdb")
    source, target = (duck, pg_url) if direction.startswith("duckdb") else (pg_url, duck)
    _foundation(capsys, source, tmp_path)
    code, out, err = _kpi(capsys, source, "copy-store", "--to", target)
    assert code == 0, err
    n_targets = len(Store.open(source).catalog().targets)
    assert "row counts match" in out and f"status of all {n_targets} targets matches" in out
    assert _state(source) == _state(target)
    with Store.open(target) as s:  # the copy is in the copied audit log
        last = s.audit_log().iloc[-1]
    assert (last["user_name"], last["action"]) == (f"os:{current_user()}", "copy_store")
    code, _, err = _kpi(capsys, source, "copy-store", "--to", target)  # not into used data
    assert code == 1 and "already holds batches" in err
