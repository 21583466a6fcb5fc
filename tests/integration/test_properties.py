"""Property tests: revert undoes an ingest; attainment never falls when a value rises; a
later batch never changes what was known before it."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpi.assess.verdicts import compute_status
from kpi.domain.catalog import load_catalog
from kpi.domain.periods import quarter_ends_between, quarter_label
from kpi.ingest.workflow import ingest_bytes
from kpi.storage import audit as store_clock
from kpi.storage.store import Store
from tests.support import TODAY
from tests.support.files import csv_bytes
from tests.support.stores import ingest_rows

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
        assert ingest_bytes(store, _file(first), "first.csv", "tester", today=TODAY).committed
        before = _current(store)
        status_before = compute_status(store, TODAY)
        result = ingest_bytes(store, _file(second), "second.csv", "tester", today=TODAY)
        assert result.committed
        if not result.duplicate:
            store.revert_batch(result.batch_id, "tester")
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
        assert ingest_bytes(store, csv_bytes(lines), "a.csv", "tester", today=TODAY).committed
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


# ---- the kept current values (table current_values) are the computed ones ----------------
operations = st.lists(
    st.one_of(
        rows.map(lambda data: ("commit", data)),
        st.integers(min_value=0, max_value=7).map(lambda i: ("revert", i)),
    ),
    min_size=1,
    max_size=8,
)


def apply_operations(store: Store, ops: list[tuple[str, object]]) -> None:
    """Commits of files and reverts of any live batch, in the order given."""
    live: list[int] = []
    for n, (kind, arg) in enumerate(ops):
        if kind == "commit":
            result = ingest_bytes(store, _file(arg), f"f{n}.csv", "tester", today=TODAY)
            if result.committed and not result.duplicate:
                live.append(result.batch_id)
        elif live:
            store.revert_batch(live.pop(arg % len(live)), "tester")


def assert_kept_values_are_the_latest_live_batch(store: Store) -> None:
    everything = datetime(9999, 12, 31, 23, 59, 59)  # read from every observation instead
    pd.testing.assert_frame_equal(
        store.current_observations(), store.current_observations(known_at=everything)
    )
    pd.testing.assert_frame_equal(
        compute_status(store, TODAY, with_close=False),
        compute_status(store, TODAY, known_at=everything, with_close=False),
        check_exact=False,
        rtol=1e-9,  # sums in another order may differ in the last bits
    )


@SETTINGS
@given(ops=operations)
def test_kept_current_values_follow_commits_and_reverts_in_any_order(ops):
    store = Store.open(":memory:")
    try:
        apply_operations(store, ops)
        assert_kept_values_are_the_latest_live_batch(store)
    finally:
        store.close()


def test_kept_current_values_on_both_backends(store):
    a = {(SERIES[0], QUARTERS[-1]): 1, (SERIES[1], QUARTERS[-2]): 2}
    b = {(SERIES[0], QUARTERS[-1]): 5, (SERIES[2], QUARTERS[-1]): 3}
    ops = [("commit", a), ("commit", b), ("commit", {(SERIES[0], QUARTERS[-1]): 9})]
    apply_operations(store, [*ops, ("revert", 1), ("revert", 1)])  # batches 2, then 3
    assert_kept_values_are_the_latest_live_batch(store)
    kept = store.current_observations().set_index(["jurisdiction", "metric"])
    assert kept.loc[SERIES[0], ["value", "batch_id"]].tolist() == [1, 1]  # back to batch 1
    assert SERIES[2] not in kept.index  # only batch 2 had it
    apply_operations(store, [("commit", b)])  # b again, as batch 4
    assert_kept_values_are_the_latest_live_batch(store)
    kept = store.current_observations().set_index(["jurisdiction", "metric"])
    assert kept.loc[SERIES[0], ["value", "batch_id"]].tolist() == [5, 4]


# ---- property: the past does not change --------------------------------------------------
#: A few series of both kinds in three jurisdictions, 2023Q1-2026Q3.
FEW_SERIES = [
    ("BJ", "leading_teams"),
    ("BJ", "strain_bank_capacity"),
    ("SH", "regional_hqs"),
    ("SH", "parts_library_capacity"),
    ("BDA", "poc_platforms"),
]
FEW_QUARTERS = [f"{y}Q{q}" for y in range(2023, 2027) for q in range(1, 5)][:-1]
batch = st.dictionaries(
    st.tuples(st.sampled_from(FEW_SERIES), st.sampled_from(FEW_QUARTERS)),
    st.integers(min_value=0, max_value=2_000_000),
    min_size=1,
    max_size=8,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    first=batch,
    second=batch,
    revert_first=st.booleans(),
    as_of=st.dates(min_value=date(2023, 1, 1), max_value=date(2027, 12, 31)),
)
def test_adding_a_batch_never_changes_the_status_known_before_it(
    monkeypatch, first, second, revert_first, as_of
):
    moments = iter(datetime(2026, 1, 1) + timedelta(hours=h) for h in range(10))
    monkeypatch.setattr(store_clock, "now", lambda: next(moments))
    with Store.open(":memory:") as s:
        rows = [(j, m, q, v) for ((j, m), q), v in first.items()]
        first_id = ingest_rows(s, rows, "first.csv").batch_id
        if revert_first:
            s.revert_batch(first_id, "tester")
        known = s.batches()["created_at"].max()
        if revert_first:
            known = s.batches()["reverted_at"].max()
        seen_before = compute_status(s, as_of, known_at=known.to_pydatetime())
        ingest_rows(s, [(j, m, q, v) for ((j, m), q), v in second.items()], "second.csv")
        seen_after = compute_status(s, as_of, known_at=known.to_pydatetime())
    pd.testing.assert_frame_equal(seen_before, seen_after)
