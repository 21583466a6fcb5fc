"""Databases for a test: its accounts, rows ingested into it, counts that show it unchanged,
and a database file another process holds or that is damaged."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from kpi.access import auth
from kpi.domain.upload_result import UploadResult
from kpi.ingest.workflow import ingest_bytes
from kpi.present.locale import locale
from kpi.storage.store import Store
from tests.support import TODAY
from tests.support.files import csv_bytes

PASSWORD = "correct horse 1"
USERS = {  # name: (role, jurisdictions)
    "admin1": ("admin", []),
    "editor_sh": ("editor", ["SH"]),
    "viewer1": ("viewer", []),
}


def add_test_users(store: Store) -> None:
    for name, (role, jurisdictions) in USERS.items():
        auth.add_user(store, name, role, PASSWORD, jurisdictions, "test")


def ingest_rows(
    store: Store, rows: list[tuple], name: str = "report.csv", user: str = "tester"
) -> UploadResult:
    """Ingest rows; fail the test loudly if the file is rejected."""
    result = ingest_bytes(store, csv_bytes(rows), name, user, today=TODAY)
    assert result.committed, [locale("en").describe(p) for p in result.problems]
    return result


def counts(store: Store) -> tuple[int, int, int, int]:
    """(batches, live batches, current observations, data version): 'unchanged' checks."""
    with store.reading():
        batches = store.batches()
        return (
            len(batches),
            int(batches["reverted_at"].isna().sum()),
            len(store.current_observations()),
            store.data_version(),
        )


def open_store(path: Path | str) -> Iterator[Store]:
    """A store on ``path`` for a fixture to yield from, closed after the test."""
    store = Store.open(path)
    yield store
    store.close()


# ---- a locked or damaged database file --------------------------------------------------
HOLDER = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("held", flush=True)
time.sleep(float(sys.argv[2]))
con.close()
"""


def hold_lock(path: Path, seconds: float) -> subprocess.Popen:
    """Another process that opens the file for writing and keeps it for ``seconds``."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "held"
    return proc


def corrupt_blocks(path: Path) -> None:
    """Flip bytes inside every 256 KiB block after DuckDB's three 4 KiB headers."""
    data = bytearray(path.read_bytes())
    for offset in range(3 * 4096 + 64, len(data), 256 * 1024):
        data[offset : offset + 16] = bytes(255 - b for b in data[offset : offset + 16])
    path.write_bytes(bytes(data))
