"""Backups, restores and copies between backends.

A snapshot is every table of the schema, read in one read session (a DuckDB file
opened read-only, which no writer can change meanwhile; a PostgreSQL REPEATABLE READ
transaction). A backup writes it as one Parquet file per table and a manifest with
each file's SHA-256 and row count, the manifest last. A restore checks every file
against the manifest before it writes anything, builds the schema of the backup's
version, loads the rows, resets the id sequences and migrates to the current version:
into a new DuckDB file that then replaces the old one (kept beside it), or in one
PostgreSQL transaction. Backend-only columns (PostgreSQL's audit order column) are
left out of snapshots and filled again on load, so a backup restores on either backend.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa

from kpi.storage import migrations
from kpi.storage.backends import Database, DuckDBDatabase, Session, open_database
from kpi.storage.failures import StoreError

MANIFEST = "manifest.json"
FORMAT = 1


@dataclass(frozen=True)
class Snapshot:
    schema_version: int
    tables: dict[str, pd.DataFrame]

    def row_counts(self) -> dict[str, int]:
        return {name: len(frame) for name, frame in self.tables.items()}


def _table_names(session: Session) -> list[str]:
    rows = session.execute(
        """SELECT table_name FROM information_schema.tables
           WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
           ORDER BY table_name"""
    ).fetchall()
    return [r[0] for r in rows]


def _columns(session: Session, table: str) -> list[str]:
    rows = session.execute(
        """SELECT column_name FROM information_schema.columns
           WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position""",
        [table],
    ).fetchall()
    return [r[0] for r in rows]


def take_snapshot(database: Database) -> Snapshot:
    """Every table, consistent with one another, rows in insertion order."""
    dialect = database.dialect
    with database.read() as session:
        version = migrations.schema_version(session)
        tables = {}
        for table in _table_names(session):
            columns = _columns(session, table)
            kept = [c for c in columns if c not in dialect.internal_columns]
            order = dialect.row_order(columns)
            sql = f"SELECT {', '.join(kept)} FROM {table}"  # names from the catalog views
            tables[table] = session.execute(sql + (f" ORDER BY {order}" if order else "")).df()
    return Snapshot(version, tables)


def _count_rows(session: Session) -> dict[str, int]:
    return {t: session.scalar(f"SELECT count(*) FROM {t}") for t in _table_names(session)}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# ---- backup ---------------------------------------------------------------------------
def backup(database: Database, directory: Path) -> dict:
    """Write a snapshot to ``directory`` (new or empty); returns the manifest."""
    if directory.exists() and any(directory.iterdir()):
        raise StoreError("backup.dir_not_empty", dir=directory)
    import pyarrow.parquet as pq  # imported here: 0.1 s off the start of every other command

    directory.mkdir(parents=True, exist_ok=True)
    snapshot = take_snapshot(database)
    tables = {}
    for name, frame in snapshot.tables.items():
        path = directory / f"{name}.parquet"
        pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path)
        tables[name] = {"file": path.name, "rows": len(frame), "sha256": _sha256(path)}
    manifest = {
        "format": FORMAT,
        "schema_version": snapshot.schema_version,
        "source": database.dialect.name,
        "created_at": datetime.now().isoformat(timespec="seconds"),
        "tables": tables,
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return manifest


def read_backup(directory: Path) -> Snapshot:
    """The backup's tables, after checking every file against the manifest."""
    try:
        manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
        tables = manifest["tables"]
        version = int(manifest["schema_version"])
    except (OSError, ValueError, KeyError, TypeError):
        raise StoreError("backup.no_manifest", dir=directory) from None
    if version > migrations.SCHEMA_VERSION:
        raise StoreError("backup.newer_schema", dir=directory, version=version)
    import pyarrow.parquet as pq

    frames = {}
    for name, entry in tables.items():
        path = directory / entry["file"]
        if not path.is_file() or _sha256(path) != entry["sha256"]:
            raise StoreError("backup.checksum_mismatch", file=path)
        frame = pq.read_table(path).to_pandas()
        if len(frame) != entry["rows"]:
            raise StoreError("backup.checksum_mismatch", file=path)
        frames[name] = frame
    return Snapshot(version, frames)


# ---- loading a snapshot -----------------------------------------------------------------
#: More work in the transaction that loads a snapshot (the audit entry of a restore).
Then = Callable[[Session], None] | None


def _load(session: Session, snapshot: Snapshot, then: Then = None) -> None:
    """Build the snapshot's schema in an empty database, load it, migrate to current,
    then do ``then`` in the same transaction."""
    migrations.migrate(session, snapshot.schema_version)
    for table, frame in snapshot.tables.items():
        session.execute(f"DELETE FROM {table}")  # what the schema steps wrote (meta)
        if len(frame):
            session.insert_frame(table, frame)
    for sequence, table in migrations.SEQUENCES.items():
        if snapshot.schema_version >= migrations.SEQUENCES_FROM:
            next_id = session.scalar(f"SELECT coalesce(max(id), 0) + 1 FROM {table}")
            for statement in session.dialect.reset_sequence(sequence, int(next_id)):
                session.execute(statement)
    migrations.migrate(session)
    if then is not None:
        then(session)


def load_snapshot(database: Database, snapshot: Snapshot, then: Then = None) -> None:
    """Put the snapshot into an empty database, in one transaction."""
    database.transaction(lambda session: _load(session, snapshot, then))


def _drop_everything(session: Session) -> None:
    for table in _table_names(session):
        session.execute(f"DROP TABLE {table} CASCADE")
    for sequence in migrations.SEQUENCES:
        session.execute(f"DROP SEQUENCE IF EXISTS {sequence}")


def _replace(session: Session, snapshot: Snapshot, then: Then = None) -> None:
    _drop_everything(session)
    _load(session, snapshot, then)


def restore(location: str | os.PathLike, directory: Path, then: Then = None) -> Snapshot:
    """Replace the database at ``location`` by the backup in ``directory``."""
    snapshot = read_backup(directory)  # refuses a damaged backup before touching anything
    restore_snapshot(location, snapshot, then)
    return snapshot


def restore_snapshot(location: str | os.PathLike, snapshot: Snapshot, then: Then = None) -> None:
    """Replace the database at ``location`` by ``snapshot``, doing ``then`` in the same
    transaction.

    A DuckDB file is rebuilt beside the old one, which is then kept as
    ``NAME.before-restore-TIME`` (it may be the damaged file being replaced); a
    PostgreSQL schema is replaced in one transaction.
    """
    target = open_database(location)
    if not isinstance(target, DuckDBDatabase) or str(location) == ":memory:":
        target.transaction(lambda session: _replace(session, snapshot, then))
        return
    path = Path(location)
    fresh = path.with_name(path.name + ".restoring")
    for leftover in (fresh, fresh.with_name(fresh.name + ".wal")):
        leftover.unlink(missing_ok=True)
    load_snapshot(DuckDBDatabase(fresh), snapshot, then)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    for suffix in ("", ".wal"):
        old = path.with_name(path.name + suffix)
        if old.exists():
            old.replace(path.with_name(f"{path.name}.before-restore-{stamp}{suffix}"))
    fresh.replace(path)


def copy_database(source: Database, target: Database, then: Then = None) -> Snapshot:
    """Copy every table to a target that holds no batches and no accounts, then check
    that every table has as many rows there as here, then do ``then``: all in one
    transaction of the target."""
    with target.read() as session:
        held = set(_table_names(session)) & {"batches", "users"}
        if any(session.scalar(f"SELECT count(*) FROM {table}") for table in sorted(held)):
            raise StoreError("copy.target_not_empty", target=target.location)
    snapshot = take_snapshot(source)

    def work(session: Session) -> None:
        _replace(session, snapshot)
        _verify_counts(session, snapshot.row_counts())
        if then is not None:
            then(session)

    target.transaction(work)
    return snapshot


def same_records(left: list[dict], right: list[dict], rel_tol: float = 1e-9) -> bool:
    """Equal records, floats within ``rel_tol``: the two engines may round the last bits
    of a regression or a sum differently."""
    if len(left) != len(right):
        return False
    for a, b in zip(left, right, strict=True):
        if a.keys() != b.keys():
            return False
        for key, value in a.items():
            other = b[key]
            if isinstance(value, float) and isinstance(other, float):
                if not math.isclose(value, other, rel_tol=rel_tol, abs_tol=1e-12):
                    return False
            elif value != other:
                return False
    return True


def _verify_counts(session: Session, expected: dict[str, int]) -> None:
    found = _count_rows(session)
    for table, rows in expected.items():
        if found.get(table) != rows:
            raise StoreError(
                "copy.counts_differ", table=table, expected=rows, found=found.get(table)
            )
