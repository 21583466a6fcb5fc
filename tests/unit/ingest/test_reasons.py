"""Reasons and next steps reported with the figures: read in both header languages,
length-limited, versioned with the figure (revert, known-at), carried by status, and
说明待补充 in the completeness view where a behind target gives none."""

from __future__ import annotations

import json
import time
from datetime import date, datetime
from pathlib import Path

import pytest

from kpi.assess.verdicts import compute_status
from kpi.i18n import t
from kpi.ingest.read import MAX_REASON_CHARS
from kpi.ingest.workflow import ingest_bytes, store_completeness
from kpi.present.locale import locale
from kpi.present.upload_tables import completeness_view
from kpi.storage.store import Store
from tests.support import TODAY
from tests.support.cli import run_kpi
from tests.support.dataset import sample_figures_db
from tests.support.files import csv_bytes, xlsx_bytes

AS_OF = date(2026, 9, 30)
TARGET = "BDA-2025:leading_enterprises"  # off track at 2026Q3 in the sample figures
REASON = "龙头企业引进项目受用地审批影响延期"
NEXT = "12月底前完成用地审批，推动两家企业落地"
ZH = ("地区", "指标", "期间", "数值", "原因分析", "下一步措施")
EN = ("jurisdiction", "metric", "period", "value", "reason", "next_steps")


@pytest.fixture
def db(tmp_path) -> Path:
    return sample_figures_db(tmp_path / "kpi.duckdb", is_sample=False)


def _value(store: Store) -> float:
    current = store.current_observations("BDA")
    row = current[(current["metric"] == "leading_enterprises")]
    return float(row[row["quarter_end"] == row["quarter_end"].max()]["value"].iloc[0])


def _upload(store: Store, header=ZH, reason=REASON, next_steps=NEXT, fmt="csv", user="王科长"):
    row = ("BDA", "leading_enterprises", "2026Q3", _value(store), reason, next_steps)
    data = xlsx_bytes([row], header) if fmt == "xlsx" else csv_bytes([row], header)
    return ingest_bytes(store, data, f"report.{fmt}", user, today=TODAY)


def _row(store: Store, known_at: datetime | None = None):
    status = compute_status(store, AS_OF, "BDA", known_at)
    return status.set_index("target").loc[TARGET]


@pytest.mark.parametrize(("header", "fmt"), [(ZH, "csv"), (EN, "csv"), (ZH, "xlsx")])
def test_a_reason_lands_with_the_figure_and_status_carries_it(db, header, fmt):
    store = Store.open(db)
    try:
        assert _row(store)["status"] == "off_track" and _row(store)["reason"] is None
        result = _upload(store, header, fmt=fmt)
        assert result.committed
        row = _row(store)
        assert (row["reason"], row["next_steps"], row["reported_by"]) == (REASON, NEXT, "王科长")
        history = store.observation_history("BDA", "leading_enterprises")
        assert history.iloc[0]["reason"] == REASON  # stored on the observation (its version)
    finally:
        store.close()


def test_reasons_are_versioned_with_the_figure(db):
    store = Store.open(db)
    try:
        time.sleep(1)  # batch times are kept to the second
        before = datetime.now()
        time.sleep(1)
        first = _upload(store)
        later = _upload(store, reason="新原因", next_steps="")
        assert _row(store)["reason"] == "新原因" and _row(store)["next_steps"] is None
        store.revert_batch(later.batch_id, "admin")
        assert _row(store)["reason"] == REASON  # the revert takes the reason back too
        assert _row(store, known_at=before)["reason"] is None  # as known before it came
        store.revert_batch(first.batch_id, "admin")
        assert _row(store)["reason"] is None
    finally:
        store.close()


def test_an_over_long_reason_is_refused_with_its_row_and_column(db):
    store = Store.open(db)
    try:
        result = _upload(store, EN, reason="原" * (MAX_REASON_CHARS + 1))
        assert not result.committed
        [problem] = result.problems
        assert (problem.row, problem.column, problem.code) == (2, "reason", "reason_too_long")
        assert _row(store)["reason"] is None
    finally:
        store.close()


def test_completeness_asks_for_the_missing_explanation(db):
    store = Store.open(db)
    try:

        def shown() -> dict[str, str]:
            frame = store_completeness(store, TODAY, "BDA")
            view = completeness_view(frame, store.catalog(), locale("zh"))
            name = store.catalog().metric("leading_enterprises").name_zh
            return dict(zip(view["metric"], view["explanation"], strict=True))[name]

        assert shown() == "说明待补充" == t("upload.explanation_missing", "zh")
        _upload(store)
        assert shown() == ""
    finally:
        store.close()


def test_status_json_carries_reason_and_next_steps(db):
    store = Store.open(db)
    try:
        assert _upload(store).committed
    finally:
        store.close()
    out = run_kpi(
        db, "status", "--jurisdiction", "BDA", "--as-of", AS_OF.isoformat(), "--format", "json"
    )
    assert out.returncode == 0, out.stderr
    records = {r["target"]: r for r in json.loads(out.stdout)}
    assert (records[TARGET]["reason"], records[TARGET]["next_steps"]) == (REASON, NEXT)
    assert all(r["reason"] is None for k, r in records.items() if k != TARGET)
