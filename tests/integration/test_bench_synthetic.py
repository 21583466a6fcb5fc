"""The benchmark's synthetic data: deterministic, and valid like real data (no timings)."""

from bench.synthetic import QUARTERS, synthetic
from kpi.domain.periods import last_closed_quarter_end, quarter_label
from kpi.ingest.workflow import ingest_bytes
from tests.support import TODAY


def test_synthetic_data_is_deterministic():
    first, second = synthetic(2_000, TODAY), synthetic(2_000, TODAY)
    assert first.catalog_text == second.catalog_text
    assert first.csv == second.csv


def test_synthetic_catalog_and_report_load_like_real_ones(store, catalog):
    data = synthetic(2_000, TODAY)  # about 2,000 / (metrics x 40 quarters) jurisdictions
    store.load_catalog_text(data.catalog_text, "bench")
    loaded = store.catalog()
    assert len(loaded.jurisdictions) == data.n_jurisdictions
    assert data.n_jurisdictions == round(2_000 / (len(catalog.metrics) * QUARTERS))
    assert {m.code for m in loaded.metrics} == {m.code for m in catalog.metrics}
    periods = [(p.start, p.end) for p in catalog.plans]  # used in turn
    assert [(p.start, p.end) for p in loaded.plans] == [
        periods[i % len(periods)] for i in range(data.n_jurisdictions)
    ]

    result = ingest_bytes(store, data.csv, "synthetic.csv", "bench", today=TODAY)
    assert result.problems == []
    rows = result.rows
    assert len(rows) == data.n_rows == data.n_jurisdictions * len(catalog.metrics) * QUARTERS
    assert rows["quarter_end"].max() == last_closed_quarter_end(TODAY)
    assert quarter_label(rows["quarter_end"].min()) == "2016Q4"
    assert store.current_observations()["value"].sum() == rows["value"].sum()
