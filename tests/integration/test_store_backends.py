"""The store beside other processes: locks waited for, then named; a full disk, a damaged
file and a held lock told apart, in Chinese and English, with what to do."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pandas as pd
import pytest

from kpi.cli import main as cli
from kpi.domain.upload_result import UploadResult
from kpi.present.locale import locale
from kpi.storage.backends import DuckDBDatabase
from kpi.storage.store import DatabaseBusy, DatabaseDamaged, DiskFull, Store
from tests.support.stores import corrupt_blocks, counts, hold_lock, ingest_rows

ROW = ("SH", "top_scientist_teams", "2024Q1", "5")


def _new_store(path: Path) -> Store:
    store = Store.open(path)
    ingest_rows(store, [ROW])
    return store


def test_store_holds_no_lock_between_calls(tmp_path: Path):
    path = tmp_path / "kpi.duckdb"
    store = _new_store(path)
    store.current_observations()
    holder = hold_lock(path, 0)  # another process can open it for writing at once
    holder.wait(timeout=30)
    assert holder.returncode == 0


def test_writer_waits_for_a_short_lock_and_lands(tmp_path: Path, monkeypatch):
    path = tmp_path / "kpi.duckdb"
    store = _new_store(path)
    monkeypatch.setenv("KPI_LOCK_WAIT_S", "30")
    holder = hold_lock(path, 1.5)
    started = time.monotonic()
    result = ingest_rows(store, [("SH", "top_scientist_teams", "2024Q2", "6")], "second.csv")
    waited = time.monotonic() - started
    holder.wait(timeout=30)
    assert result.batch_id == 2
    assert waited >= 1.0  # it waited for the other process instead of failing
    assert store.current_observations()["value"].tolist() == [5.0, 6.0]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_lock_held_too_long_names_the_holder_and_writes_nothing(tmp_path, monkeypatch, lang):
    path = tmp_path / "kpi.duckdb"
    store = _new_store(path)
    before = counts(store)
    monkeypatch.setenv("KPI_LOCK_WAIT_S", "1")
    holder = hold_lock(path, 60)
    try:
        started = time.monotonic()
        with pytest.raises(DatabaseBusy) as caught:
            ingest_rows(store, [("SH", "top_scientist_teams", "2024Q2", "6")], "second.csv")
        assert 1.0 <= time.monotonic() - started < 10
        message = locale(lang).error(caught.value)
    finally:
        holder.kill()
        holder.wait()
    assert f"PID {holder.pid}" in message and "import sys, time, duckdb" in message
    assert str(path) in message
    assert ("已等待 1 秒" if lang == "zh" else "waited 1 s") in message
    assert counts(store) == before


def _truncate(path: Path) -> None:
    with path.open("r+b") as f:
        f.truncate(3 * 4096 + 100)


def _overwrite(path: Path) -> None:
    path.write_bytes(b"jurisdiction,metric\n" * 10)


@pytest.mark.parametrize(
    ("damage", "zh_words", "en_words"),
    [
        (corrupt_blocks, "校验和不符", "checksum does not match"),
        (_truncate, "文件被截断", "truncated"),
        (_overwrite, "不是有效的数据库文件", "not a valid database file"),
    ],
)
def test_damaged_file_says_which_file_what_happened_and_how_to_restore(
    tmp_path, capsys, damage, zh_words, en_words
):
    path = tmp_path / "kpi.duckdb"
    store = _new_store(path)
    ingest_rows(store, [(*ROW[:3], "7"), ("BJ", "leading_teams", "2024Q1", "1")], "more.csv")
    damage(path)
    with pytest.raises(DatabaseDamaged) as caught:
        Store.open(path).current_observations()
    assert str(path) in locale("zh").error(caught.value) and zh_words in locale("zh").error(
        caught.value
    )
    assert en_words in locale("en").error(caught.value) and "kpi restore" in locale("en").error(
        caught.value
    )
    for lang, words in (("zh", zh_words), ("en", en_words)):
        assert cli.main(["--db", str(path), "--lang", lang, "status"]) == 1
        err = capsys.readouterr().err
        assert words in err and str(path) in err and "kpi restore" in err
        assert "Traceback" not in err and "IOException" not in err and "IO Error" not in err


def test_disk_full_is_its_own_message_and_writes_nothing(tmp_path: Path):
    """A real full disk: a 12 MiB tmpfs (the tests run as root, as CI does)."""
    small = tmp_path / "small"
    small.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs", str(small)])
    assert mounted.returncode == 0, "mounting a small tmpfs needs root, as in CI"
    try:
        store = _new_store(small / "kpi.duckdb")
        before = counts(store)
        n = 1_000_000
        rows = pd.DataFrame(
            {
                "row_no": range(2, n + 2),
                "jurisdiction": "SH",
                "metric": "top_scientist_teams",
                "quarter_end": pd.Timestamp("2024-03-31"),
                "value": [float(i) for i in range(n)],
                "source": [f"source text {i} that takes room" for i in range(n)],
                "note": [f"a note that does not compress well {i * 7919}" for i in range(n)],
            }
        )
        with pytest.raises(DiskFull) as caught:
            store.commit_batch(UploadResult("big.csv", "big", rows), user="t")
        zh = locale("zh").error(caught.value)
        assert "磁盘已满" in zh and "未写入任何数据" in zh
        assert "disk" in locale("en").error(caught.value) and "full" in locale("en").error(
            caught.value
        )
        assert str(small / "kpi.duckdb") in locale("en").error(caught.value)
        assert counts(store) == before
    finally:
        subprocess.run(["umount", "-l", str(small)])


def test_one_process_reads_and_writes_from_many_threads(tmp_path: Path):
    """Threads of one process (the dashboard) share the file without tripping DuckDB's
    'different configuration' rule for read-only and read-write connections."""
    import threading

    path = tmp_path / "kpi.duckdb"
    store = _new_store(path)
    errors: list[BaseException] = []

    def reader() -> None:
        try:
            for _ in range(10):
                assert len(store.current_observations()) >= 1
        except BaseException as exc:
            errors.append(exc)

    def writer(i: int) -> None:
        try:
            ingest_rows(store, [("SH", "top_scientist_teams", f"202{i}Q3", str(i))], f"w{i}.csv")
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=reader) for _ in range(3)]
    threads += [threading.Thread(target=writer, args=(i,)) for i in range(3, 6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(store.batches()) == 4


def test_in_memory_database_lives_as_long_as_its_store():
    store = Store.open(":memory:")
    ingest_rows(store, [ROW])
    assert store.current_observations()["value"].tolist() == [5.0]
    assert isinstance(store._db, DuckDBDatabase)


def test_env_lock_wait_default(monkeypatch):
    from kpi.storage.backends import lock_wait_seconds

    monkeypatch.delenv("KPI_LOCK_WAIT_S", raising=False)
    assert lock_wait_seconds() == 30.0
    monkeypatch.setenv("KPI_LOCK_WAIT_S", "2.5")
    assert lock_wait_seconds() == 2.5
    assert os.environ["KPI_LOCK_WAIT_S"] == "2.5"


def _unreachable_urls(pg_cluster) -> list[tuple[str, str]]:
    """(URL, reason) pairs: no server there, no such database, no such database user."""
    no_server = "postgresql://kpi@/kpi?host=/nonexistent-socket-dir&port=1"
    no_database = pg_cluster.url(database="no_such_database")
    no_user = pg_cluster.url().replace("postgresql://kpi@", "postgresql://nobody_here@")
    return [(no_server, "not_running"), (no_database, "no_database"), (no_user, "refused_login")]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_unreachable_server_is_told_in_the_readers_words(pg_cluster, capsys, lang):
    from kpi.i18n import t
    from kpi.storage.store import DatabaseUnreachable

    for url, reason in _unreachable_urls(pg_cluster):
        with pytest.raises(DatabaseUnreachable) as caught:
            Store.open(url)
        said = t(f"store.unreachable.{reason}", lang)
        assert said in locale(lang).error(caught.value)
        assert cli.main(["--db", url, "--lang", lang, "status"]) == 1
        err = capsys.readouterr().err
        assert said in err and "KPI_DB" in err
        for words in ("FATAL", "Error", "does not exist", "No such file", "Traceback"):
            assert words not in err  # the driver's own text stays out
