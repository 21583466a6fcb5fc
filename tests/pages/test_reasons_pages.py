"""Reasons and next steps on the pages: the overview's most-behind table, the target
page (latest first, with who reported them) and 说明待补充 in the completeness view."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dashboard.registry import PAGES
from kpi.i18n import t
from kpi.ingest.workflow import ingest_bytes
from kpi.storage.store import Store
from tests.support import TODAY
from tests.support.dataset import sample_figures_db
from tests.support.files import csv_bytes
from tests.support.pages import column_headings, run_page, table_under

AS_OF = date(2026, 9, 30)
TARGET = "BDA-2025:leading_enterprises"  # off track at 2026Q3 in the sample figures
REASON = "龙头企业引进项目受用地审批影响延期"
NEXT = "12月底前完成用地审批"
HEADER = ("地区", "指标", "期间", "数值", "原因分析", "下一步措施")


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = sample_figures_db(tmp_path_factory.mktemp("reasons") / "kpi.duckdb", is_sample=False)
    store = Store.open(path)
    try:
        current = store.current_observations("BDA")
        rows = current[current["metric"] == "leading_enterprises"]
        value = float(rows.sort_values("quarter_end")["value"].iloc[-1])
        row = ("BDA", "leading_enterprises", "2026Q3", value, REASON, NEXT)
        assert ingest_bytes(
            store, csv_bytes([row], HEADER), "r.csv", "王科长", today=TODAY
        ).committed
    finally:
        store.close()
    return path


def _page(key: str):
    return next(p for p in PAGES if p.key == key)


def test_overview_most_behind_table_shows_the_reason(db, monkeypatch):
    at = run_page(db, None, monkeypatch, lang="zh", jurisdiction="BDA", as_of=AS_OF.isoformat())
    assert not at.exception
    behind = table_under(at, t("overview.behind", "zh"))
    headings = column_headings(behind)
    assert headings["reason"] == "原因分析"
    assert headings["next_steps"] == t("col.next_steps", "zh")
    assert REASON in list(behind.value["reason"]) and NEXT in list(behind.value["next_steps"])


def test_target_page_lists_reasons_with_who_reported_them(db, monkeypatch):
    at = run_page(
        db, _page("target"), monkeypatch, lang="zh", as_of=AS_OF.isoformat(), target=TARGET
    )
    assert not at.exception
    reasons = table_under(at, t("target.reasons", "zh")).value
    first = reasons.iloc[0]
    assert (first["quarter"], first["reason"], first["next_steps"]) == ("2026Q3", REASON, NEXT)
    assert first["reported_by"] == "王科长"


def test_completeness_says_explanation_missing_for_a_behind_target_without_one(db, monkeypatch):
    at = run_page(db, None, monkeypatch, lang="zh", as_of=AS_OF.isoformat())
    assert not at.exception
    table = table_under(at, t("upload.completeness", "zh"))
    assert column_headings(table)["explanation"] == "情况说明"
    explained = table.value.set_index(["jurisdiction", "metric"])["explanation"]
    assert "说明待补充" in set(explained)
    bda = Store.open(db)
    try:
        cat = bda.catalog()
    finally:
        bda.close()
    key = (cat.jurisdiction("BDA").name_zh, cat.metric("leading_enterprises").name_zh)
    assert explained.loc[key] == ""  # its reason was given
