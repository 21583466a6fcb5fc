import hashlib
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from kpi.domain.catalog import DEFAULT_CATALOG, load_catalog
from kpi.storage.backends import DuckDBDatabase
from kpi.storage.catalog_tables import replace_tables
from kpi.storage.migrations import MIGRATIONS
from kpi.storage.store import (
    DEFAULT_DB,
    SCHEMA_VERSION,
    Store,
    StoreError,
    resolve_db_path,
)
from tests.support.stores import counts, ingest_rows


def test_schema_version_is_recorded(tmp_path):
    with Store.open(tmp_path / "a.duckdb") as s:
        assert s.schema_version() == SCHEMA_VERSION
        assert s.catalog_version() == 1
    with Store.open(tmp_path / "a.duckdb") as s:  # reopening migrates nothing, loads nothing
        assert s.schema_version() == SCHEMA_VERSION
        assert s.catalog_version() == 1


def _version_1_database(path: Path) -> None:
    """What the first release wrote: schema step 0 -> 1, the catalog, two batches."""
    con = duckdb.connect(str(path))
    con.execute(MIGRATIONS[0].duckdb)
    con.execute("INSERT INTO meta VALUES ('schema_version', '1'), ('data_version', '3')")
    toml = DEFAULT_CATALOG.read_text(encoding="utf-8")
    con.execute(
        "INSERT INTO catalog_versions VALUES (1, ?, ?, 'system', ?)",
        [hashlib.sha256(toml.encode()).hexdigest(), toml, datetime(2025, 1, 2, 9, 0)],
    )
    con.close()
    DuckDBDatabase(path).transaction(lambda s: replace_tables(s, load_catalog()))
    con = duckdb.connect(str(path))
    con.execute(
        """INSERT INTO batches VALUES
           (1, 'q1.csv', 'sha1', 1, 'alice', '2025-04-10 10:00:00', false, NULL, NULL),
           (2, 'q1-fix.csv', 'sha2', 1, 'bob', '2025-04-11 10:00:00', false,
            '2025-04-12 10:00:00', 'carol')"""
    )
    con.execute(
        """INSERT INTO observations VALUES
           (1, 2, 'BJ', 'leading_teams', '2025-03-31', 2, NULL, NULL),
           (2, 2, 'BJ', 'leading_teams', '2025-03-31', 7, NULL, NULL)"""
    )
    con.close()


def test_version_1_database_is_migrated_with_its_data(tmp_path):
    path = tmp_path / "old.duckdb"
    _version_1_database(path)
    with Store.open(path) as s:
        assert s.schema_version() == SCHEMA_VERSION
        assert s.catalog_version() == 1  # the stored catalog is kept, not reloaded
        current = s.current_observations()
        assert current[["metric", "value", "batch_id"]].values.tolist() == [
            ["leading_teams", 2.0, 1]
        ]
        audit = s.audit_log()
        assert sorted(
            zip(audit.action, audit.batch_id.fillna(0), audit.user_name, strict=True)
        ) == [
            ("catalog", 0, "system"),
            ("commit", 1, "alice"),
            ("commit", 2, "bob"),
            ("revert", 2, "carol"),
        ]
        assert len(s.observation_history("BJ", "leading_teams")) == 2
        assert s.data_version() == 3
        batch = ingest_rows(s, [("BJ", "leading_teams", "2025Q2", "1")])
        assert batch.batch_id == 3


def test_every_version_stays_queryable(store):
    ingest_rows(store, [("SH", "regional_hqs", "2024Q1", "1")], "a.csv", "alice")
    ingest_rows(store, [("SH", "regional_hqs", "2024Q1", "2")], "b.csv", "bob")
    third = ingest_rows(store, [("SH", "regional_hqs", "2024Q1", "3")], "c.csv", "carol")
    store.revert_batch(third.batch_id, "dave")
    history = store.observation_history("SH", "regional_hqs")
    assert history[["value", "file_name", "user_name"]].values.tolist() == [
        [3.0, "c.csv", "carol"],
        [2.0, "b.csv", "bob"],
        [1.0, "a.csv", "alice"],
    ]
    assert history["is_current"].tolist() == [False, True, False]
    assert history["reverted_by"].tolist()[0] == "dave"
    assert store.current_observations()["value"].tolist() == [2.0]


def test_revert_hides_and_deletes_nothing(store):
    first = ingest_rows(store, [("BJ", "leading_teams", "2024Q1", "1")])
    second = ingest_rows(store, [("BJ", "leading_teams", "2024Q2", "1")], "b.csv")
    version = store.data_version()
    store.revert_batch(second.batch_id, "tester")
    assert store.data_version() == version + 1
    assert store.current_observations()["batch_id"].tolist() == [first.batch_id]
    batches = store.batches().set_index("id")
    assert len(batches) == 2
    assert batches.at[second.batch_id, "reverted_by"] == "tester"
    assert len(store.observation_history("BJ", "leading_teams")) == 2
    assert store.audit_log()["action"].tolist()[-1] == "revert"


def test_live_batches_are_those_committed_and_not_reverted_by_the_moment(store):
    first = ingest_rows(store, [("BJ", "leading_teams", "2024Q1", "1")]).batch_id
    second = ingest_rows(store, [("BJ", "leading_teams", "2024Q2", "1")], "b.csv").batch_id
    store.revert_batch(second, "tester")
    times = {first: ("2025-04-10 10:00:00", None), second: ("2025-04-11 10:00:00", "2025-04-12")}
    for batch, (created, reverted) in times.items():
        store._transaction(
            lambda cur, b=batch, c=created, r=reverted: cur.execute(
                "UPDATE batches SET created_at = CAST(? AS TIMESTAMP),"
                " reverted_at = CAST(? AS TIMESTAMP) WHERE id = ?",
                [c, r, b],
            )
        )
    live = {
        moment: store.live_batches(moment)["id"].tolist()
        for moment in [
            datetime(2025, 4, 10, 9, 59, 59),
            datetime(2025, 4, 10, 10, 0),  # committed at that very second: counts
            datetime(2025, 4, 11, 23, 59, 59),
            datetime(2025, 4, 12, 0, 0),  # reverted at that very second: no longer
            None,  # now
        ]
    }
    assert list(live.values()) == [[], [first], [first, second], [first], [first]]
    assert store.live_batches().columns.tolist() == store.batches().columns.tolist()


@pytest.mark.parametrize("batch_id", [99, 0, -1])
def test_revert_unknown_batch_is_an_error_and_changes_nothing(store, batch_id):
    ingest_rows(store, [("BJ", "leading_teams", "2024Q1", "1")])
    before = counts(store)
    with pytest.raises(StoreError, match=str(batch_id)):
        store.revert_batch(batch_id, "tester")
    assert counts(store) == before


def test_revert_twice_is_an_error(store):
    batch = ingest_rows(store, [("BJ", "leading_teams", "2024Q1", "1")]).batch_id
    store.revert_batch(batch, "tester")
    before = counts(store)
    with pytest.raises(StoreError, match="already reverted"):
        store.revert_batch(batch, "tester")
    assert counts(store) == before


def test_every_write_bumps_the_data_version(store):
    v0 = store.data_version()
    batch = ingest_rows(store, [("BJ", "leading_teams", "2024Q1", "1")]).batch_id
    assert store.data_version() == v0 + 1
    store.revert_batch(batch, "tester")
    assert store.data_version() == v0 + 2
    store.load_catalog_text(DEFAULT_CATALOG.read_text(encoding="utf-8"), "admin")
    assert store.data_version() == v0 + 3
    assert store.catalog_version() == 2


def test_a_bad_catalog_changes_nothing(store):
    from kpi.domain.catalog import CatalogError

    before = (store.catalog_version(), store.data_version())
    with pytest.raises(CatalogError):
        store.load_catalog_text("[[targets]]\n", "admin")
    assert (store.catalog_version(), store.data_version()) == before


def test_db_path_resolution(monkeypatch, tmp_path):
    monkeypatch.delenv("KPI_DB", raising=False)
    assert resolve_db_path(None) == DEFAULT_DB
    assert DEFAULT_DB.parts[-2:] == ("data", "kpi.duckdb")
    monkeypatch.setenv("KPI_DB", str(tmp_path / "env.duckdb"))
    assert resolve_db_path(None) == tmp_path / "env.duckdb"
    assert resolve_db_path(tmp_path / "flag.duckdb") == tmp_path / "flag.duckdb"
    with Store.open() as s:
        assert s.path == tmp_path / "env.duckdb"
    assert (tmp_path / "env.duckdb").exists()


def test_has_sample_data_follows_live_sample_batches(store):
    from datetime import date

    from kpi.ingest.sample import SAMPLE_FILE_NAME, sample_csv
    from kpi.ingest.workflow import ingest_bytes

    assert not store.has_sample_data()
    result = ingest_bytes(
        store,
        sample_csv(store.catalog(), date(2026, 11, 23)),
        SAMPLE_FILE_NAME,
        "sample",
        today=date(2026, 11, 23),
        is_sample=True,
    )
    assert store.has_sample_data()
    assert bool(store.batches().set_index("id").at[result.batch_id, "is_sample"])
    store.revert_batch(result.batch_id, "tester")
    assert not store.has_sample_data()


def test_an_edited_catalog_file_is_loaded_on_next_open(tmp_path):
    path, db = tmp_path / "catalog.toml", tmp_path / "kpi.duckdb"
    text = DEFAULT_CATALOG.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    with Store.open(db, catalog_path=path) as s:
        assert s.catalog_version() == 1
    path.write_text(text.replace("min = 20\n", "min = 25\n"), encoding="utf-8")
    with Store.open(db, catalog_path=path) as s:
        assert s.catalog_version() == 2
        targets = s.targets().set_index("code")
        assert targets.at["BDA-2025:leading_enterprises", "min"] == 25
    with Store.open(db, catalog_path=path) as s:  # unchanged file: nothing reloaded
        assert s.catalog_version() == 2


def test_targets_of_one_jurisdiction_are_its_rows_of_all_targets(tmp_path):
    with Store.open(tmp_path / "kpi.duckdb") as s:
        every = s.targets()
        for code in ("BJ", "SH", "BDA"):
            mine = every[every["jurisdiction"] == code].reset_index(drop=True)
            pd.testing.assert_frame_equal(s.targets(code), mine)
        assert s.targets("nowhere").empty


def test_an_invalid_edited_catalog_file_is_refused_and_changes_nothing(tmp_path):
    from kpi.domain.catalog import CatalogError

    path, db = tmp_path / "catalog.toml", tmp_path / "kpi.duckdb"
    text = DEFAULT_CATALOG.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    Store.open(db, catalog_path=path).close()
    path.write_text(text.replace("min = 20\n", "min = -1\n"), encoding="utf-8")
    with pytest.raises(CatalogError, match="BDA-2025:leading_enterprises"):
        Store.open(db, catalog_path=path)
    path.write_text(text, encoding="utf-8")
    with Store.open(db, catalog_path=path) as s:
        assert s.catalog_version() == 1
