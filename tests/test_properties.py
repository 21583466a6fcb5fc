"""Property tests: revert undoes an ingest; attainment never falls when a value rises."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpi.catalog import load_catalog
from kpi.engine import compute_status
from kpi.ingest import ingest_bytes
from kpi.periods import quarter_ends_between, quarter_label
from kpi.store import Store

from .helpers import TODAY, csv_bytes

pytestmark = pytest.mark.slow  # AppTest runs, subprocesses, browsers: not in the fast lane

CATALOG = load_catalog()
PLAN_JURISDICTION = {p.code: p.jurisdiction for p in CATALOG.plans}
SERIES = sorted({(PLAN_JURISDICTION[t.plan], t.metric) for t in CATALOG.targets})
QUARTERS = [quarter_label(q) for q in quarter_ends_between(date(2022, 1, 1), TODAY)]
SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

values = st.integers(min_value=0, max_value=10**6) | st.floats(
    min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False
).map(lambda v: round(v, 3))
rows = st.dictionaries(
    st.tuples(st.sampled_from(SERIES), st.sampled_from(QUARTERS)), values, min_size=1, max_size=25
)


def _file(data: dict) -> bytes:
    return csv_bytes([(j, m, q, v) for ((j, m), q), v in data.items()])


def _current(store: Store) -> pd.DataFrame:
    return store.current_observations()[["jurisdiction", "metric", "quarter_end", "value"]]


@SETTINGS
@given(first=rows, second=rows)
def test_ingest_then_revert_leaves_current_values_as_before(first, second):
    store = Store.open(":memory:")
    try:
        assert ingest_bytes(store, _file(first), "first.csv", "tester", today=TODAY).commit
        before = _current(store)
        status_before = compute_status(store, TODAY)
        result = ingest_bytes(store, _file(second), "second.csv", "tester", today=TODAY)
        assert result.commit is not None
        if not result.commit.duplicate:
            store.revert_batch(result.commit.batch_id, "tester")
        pd.testing.assert_frame_equal(_current(store), before)
        pd.testing.assert_frame_equal(compute_status(store, TODAY), status_before)
    finally:
        store.close()


TARGETS = [t.code for t in CATALOG.targets]


@SETTINGS
@given(
    target=st.sampled_from(TARGETS),
    data=st.dictionaries(st.sampled_from(QUARTERS), values, min_size=1, max_size=12),
    bump=st.floats(min_value=0.5, max_value=1e5, allow_nan=False),
    which=st.integers(min_value=0, max_value=11),
    as_of=st.dates(min_value=date(2023, 1, 1), max_value=date(2029, 12, 31)),
)
def test_attainment_never_falls_when_a_value_rises(target, data, bump, which, as_of):
    t = CATALOG.target(target)
    jurisdiction = PLAN_JURISDICTION[t.plan]
    store = Store.open(":memory:")
    try:
        lines = [(jurisdiction, t.metric, q, v) for q, v in data.items()]
        assert ingest_bytes(store, csv_bytes(lines), "a.csv", "tester", today=TODAY).commit
        before = compute_status(store, as_of).set_index("target").loc[target]
        quarter = sorted(data)[which % len(data)]
        raised = [(jurisdiction, t.metric, quarter, round(data[quarter] + bump, 3))]
        ingest_bytes(store, csv_bytes(raised), "b.csv", "tester", today=TODAY)
        after = compute_status(store, as_of).set_index("target").loc[target]
        if pd.notna(before["attainment"]):
            assert after["attainment"] >= before["attainment"]
        if before["status"] == "achieved":
            assert after["status"] == "achieved"
    finally:
        store.close()
