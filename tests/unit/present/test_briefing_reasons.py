"""Slides and A4 write each behind target's reason and next steps beside it (the figure's
text; tests/integration/test_briefing_files.py reads the PDF)."""

from __future__ import annotations

from datetime import date

import pytest

from kpi.ingest.workflow import ingest_bytes
from kpi.present.documents import build_briefing
from kpi.present.locale import ViewState, locale
from kpi.storage.store import Store
from tests.support import TODAY
from tests.support.dataset import sample_figures_db
from tests.support.files import csv_bytes
from tests.support.renders import annotation_texts

AS_OF = date(2026, 9, 30)
REASON = "龙头企业引进项目受用地审批影响延期"
NEXT = "12月底前完成用地审批"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = sample_figures_db(tmp_path_factory.mktemp("br") / "kpi.duckdb", is_sample=False)
    store = Store.open(path)
    current = store.current_observations("BDA")
    rows = current[current["metric"] == "leading_enterprises"]
    value = float(rows.sort_values("quarter_end")["value"].iloc[-1])
    header = ("jurisdiction", "metric", "period", "value", "reason", "next_steps")
    row = ("BDA", "leading_enterprises", "2026Q3", value, REASON, NEXT)
    assert ingest_bytes(store, csv_bytes([row], header), "r.csv", "王", today=TODAY).committed
    yield store
    store.close()


@pytest.mark.parametrize("fmt", ["slides", "a4"])
def test_behind_targets_carry_their_reason_and_next_steps(store, fmt):
    briefing = build_briefing(store, ViewState(locale("zh"), AS_OF, "BDA"), fmt=fmt)
    texts = "\n".join(annotation_texts(p.figure) for p in briefing.pages)
    assert "进度滞后目标的原因分析与下一步措施" in texts
    assert f"原因分析：{REASON}" in texts and f"下一步措施：{NEXT}" in texts
    assert "说明待补充" in texts or texts.count("原因分析：") == 1  # others owe one
