"""Grants in the store, on DuckDB and PostgreSQL: a later file revises a grant of the
same (measure, credit_code, project) instead of adding one; revert and known_at."""

import time
from datetime import date

import pandas as pd

from kpi.domain.upload_result import UploadResult
from kpi.storage.grant_rows import GRANT_COLUMNS

CODE = "91110000802100433B"


def _upload(rows: list[dict], name: str) -> UploadResult:
    base = {
        "measure": "BDA-2025:M5",
        "beneficiary": "甲公司",
        "credit_code": CODE,
        "project": "中试平台",
        "approved_yuan": 10_000_000.0,
        "paid_yuan": 4_000_000.0,
        "eligible_yuan": None,
        "approved_on": date(2026, 3, 1),
        "approval_doc": "京技管〔2026〕1号",
        "exception": None,
    }
    frame = pd.DataFrame([{**base, **r, "row_no": i + 2} for i, r in enumerate(rows)])
    return UploadResult(name, name * 3, rows=frame, report="grants")


def test_an_instalment_revises_the_grant_and_a_revert_restores_it(store):
    first = store.commit_grants(_upload([{}, {"project": "二期"}], "a.csv"), user="fin")
    assert first.batch_id is not None and not first.duplicate
    grants = store.grants()
    assert list(grants.columns) == GRANT_COLUMNS
    assert len(grants) == 2 and grants["paid_yuan"].sum() == 8_000_000
    assert grants["eligible_yuan"].isna().all() and grants["exception"].isna().all()
    between = store.batches()["created_at"].max().to_pydatetime()
    time.sleep(1.05)  # batch times are whole seconds
    second = store.commit_grants(_upload([{"paid_yuan": 9_000_000.0}], "b.csv"), user="fin")
    grants = store.grants()
    assert len(grants) == 2  # revised, not a third grant
    assert grants["paid_yuan"].sum() == 13_000_000
    assert grants.loc[grants["project"] == "中试平台", "batch_id"].item() == second.batch_id
    assert store.grants(known_at=between)["paid_yuan"].sum() == 8_000_000
    store.revert_batch(second.batch_id, "admin1")
    assert store.grants()["paid_yuan"].sum() == 8_000_000
    assert len(store.grant_history("BDA-2025:M5")) == 3
    log = store.audit_log()
    assert {"commit", "revert"} <= set(log["action"])


def test_the_same_file_again_writes_nothing(store):
    upload = _upload([{}], "a.csv")
    first = store.commit_grants(upload, user="fin")
    again = store.commit_grants(upload, user="fin")
    assert again.duplicate and again.batch_id == first.batch_id
    assert len(store.grants()) == 1


def test_no_grants_is_an_empty_frame_with_the_columns(store):
    grants = store.grants()
    assert grants.empty and list(grants.columns) == GRANT_COLUMNS


def test_grants_survive_a_backup_and_restore(store, tmp_path):
    from kpi.storage import snapshot
    from kpi.storage.store import Store

    store.commit_grants(
        _upload([{}, {"project": "二期", "exception": "专题会议同意"}], "a.csv"), user="fin"
    )
    before = store.grants()
    snapshot.backup(store._db, tmp_path / "backup")
    copy = tmp_path / "copy.duckdb"
    snapshot.restore(copy, tmp_path / "backup")
    after = Store.open(copy).grants()
    columns = [c for c in before.columns if c != "created_at"]
    assert after[columns].equals(before[columns])
