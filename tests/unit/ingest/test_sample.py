from datetime import date

import pandas as pd
import pytest

from kpi.cli.main import main
from kpi.ingest.read import parse_upload
from kpi.ingest.sample import SAMPLE_SOURCE, sample_csv, sample_frame
from kpi.present.locale import locale
from kpi.storage.store import Store
from tests.support import TODAY


def test_sample_is_deterministic(catalog):
    assert sample_csv(catalog, TODAY) == sample_csv(catalog, TODAY)


@pytest.mark.parametrize("earlier", [date(2024, 4, 2), date(2025, 1, 15), date(2026, 7, 1)])
def test_a_quarters_value_does_not_depend_on_how_many_are_generated(catalog, earlier):
    short = sample_frame(catalog, earlier)
    long = sample_frame(catalog, TODAY)
    assert len(short) < len(long)
    merged = short.merge(long, on=["jurisdiction", "metric", "period"], suffixes=("_s", "_l"))
    assert len(merged) == len(short)
    pd.testing.assert_series_equal(merged["value_s"], merged["value_l"], check_names=False)


def test_sample_is_a_valid_upload_covering_every_target(catalog):
    parsed = parse_upload(sample_csv(catalog, TODAY), "sample-data.csv", catalog, today=TODAY)
    assert parsed.ok, [locale("en").describe(p) for p in parsed.problems[:5]]
    assert set(parsed.rows["source"]) == {SAMPLE_SOURCE}
    plan_of = {p.code: p.jurisdiction for p in catalog.plans}
    started = {
        (plan_of[t.plan], t.metric) for t in catalog.targets if catalog.plan(t.plan).start < TODAY
    }
    assert started <= set(zip(parsed.rows["jurisdiction"], parsed.rows["metric"], strict=True))


def test_sample_levels_never_fall(catalog):
    frame = sample_frame(catalog, TODAY)
    levels = {m.code for m in catalog.metrics if m.kind == "level"}
    for _, series in frame[frame["metric"].isin(levels)].groupby(["jurisdiction", "metric"]):
        assert series["value"].is_monotonic_increasing


def test_init_demo_marks_the_database_as_sample(tmp_path, capsys):
    db = tmp_path / "kpi.duckdb"
    assert main(["--db", str(db), "init", "--demo"]) == 0
    with Store.open(db) as s:
        assert s.has_sample_data()
        batches = s.batches()
        assert batches["is_sample"].tolist() == [True]
        assert batches["user_name"].tolist() == ["sample"]
