"""Connection and transaction owners: one for a DuckDB file, one for a PostgreSQL server.

Neither keeps a connection between operations. A DuckDB file is opened for one
read (read-only, so many processes may read at once) or one transaction and
closed after, so that the dashboard never holds the file's lock while it waits
for a click. A process that meets another's lock waits with bounded backoff
(env KPI_LOCK_WAIT_S, 30 s by default), then fails with a message naming the
holder. Disk full, a damaged file and a lock held too long are told apart.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import os
import random
import re
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

import duckdb
import pandas as pd
import pyarrow as pa

from kpi.i18n import Phrase
from kpi.storage.dialect import DUCKDB, POSTGRES, Dialect
from kpi.storage.failures import (
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseUnreachable,
    DiskFull,
    StoreError,
)

T = TypeVar("T")
DEFAULT_LOCK_WAIT_S = 30.0
_PG_RETRIES = 8


def lock_wait_seconds() -> float:
    """How long a writer or reader waits for a lock: env KPI_LOCK_WAIT_S, else 30 s."""
    try:
        return max(0.0, float(os.environ.get("KPI_LOCK_WAIT_S", DEFAULT_LOCK_WAIT_S)))
    except ValueError:
        return DEFAULT_LOCK_WAIT_S


def is_server_url(location: str | os.PathLike) -> bool:
    return str(location).startswith(("postgresql://", "postgres://"))


def _backoff(attempt: int) -> float:
    """Seconds to sleep before the next try: 20 ms doubling to 1 s, with jitter."""
    return min(0.02 * 2**attempt, 1.0) * random.uniform(0.5, 1.5)


class Session:
    """One cursor in an open connection: the store's queries run through it."""

    def __init__(self, cursor: Any, dialect: Dialect):
        self._cur = cursor
        self.dialect = dialect

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> Session:
        self._cur.execute(self.dialect.sql(sql), list(params) if params else None)
        return self

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self._cur.executemany(self.dialect.sql(sql), [list(r) for r in rows])

    def fetchone(self) -> tuple | None:
        return self._cur.fetchone()

    def fetchall(self) -> list[tuple]:
        return self._cur.fetchall()

    def scalar(self, sql: str, params: Sequence[Any] | None = None) -> Any:
        row = self.execute(sql, params).fetchone()
        return None if row is None else row[0]

    @abstractmethod
    def df(self) -> pd.DataFrame:
        """The result of the last query as a DataFrame, typed as DuckDB types it."""

    @abstractmethod
    def insert_frame(self, table: str, frame: pd.DataFrame) -> None:
        """Append a frame whose columns are named as the table's columns."""


class _DuckSession(Session):
    def df(self) -> pd.DataFrame:
        return self._cur.df()

    def insert_frame(self, table: str, frame: pd.DataFrame) -> None:
        columns = ", ".join(frame.columns)
        self._cur.register("incoming_frame", frame)
        self._cur.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM incoming_frame")
        self._cur.unregister("incoming_frame")  # on failure the connection closes anyway


class Database(ABC):
    """Opens sessions and runs transactions; holds no connection between them."""

    dialect: Dialect

    def __init__(self) -> None:
        self._local = threading.local()  # the session open in this thread, for nested calls

    @property
    @abstractmethod
    def location(self) -> str:
        """Where the data is, as shown to users (no password)."""

    @abstractmethod
    def _open(self, write: bool) -> contextlib.AbstractContextManager[Session]:
        """A fresh connection's session, closed on exit."""

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; inside a transaction of this thread, that transaction."""
        outer = getattr(self._local, "session", None)
        if outer is not None:
            yield outer
            return
        with self._open(write=False) as session:
            self._local.session = session
            try:
                yield session
            finally:
                self._local.session = None

    def transaction(self, work: Callable[[Session], T]) -> T:
        """Run ``work`` in one transaction: all of it is committed or none of it."""
        if getattr(self._local, "session", None) is not None:
            raise RuntimeError("a transaction cannot start inside another session")
        return self._run_transaction(work)

    @abstractmethod
    def _run_transaction(self, work: Callable[[Session], T]) -> T: ...

    def _in_session(self, session: Session, work: Callable[[Session], T]) -> T:
        self._local.session = session
        try:
            return work(session)
        finally:
            self._local.session = None


# ---- DuckDB ---------------------------------------------------------------------------
class _SharedFile:
    """This process's use of one DuckDB file: concurrent readers share one read-only
    connection (a cursor each); a writer waits for them and has the file to itself; the
    connection is closed as soon as nobody uses it. DuckDB refuses a read-only and a
    read-write connection to one file side by side in one process, and threads would
    otherwise queue for a file lock their own process already holds."""

    def __init__(self, keep_open: duckdb.DuckDBPyConnection | None = None):
        self._cond = threading.Condition()
        self._keep_open = keep_open  # an in-memory database lives as long as its connection
        self._con = keep_open
        self._readers = 0
        self._writing = False
        self._writers_waiting = 0

    def acquire(
        self, write: bool, deadline: float, connect: Callable[[], duckdb.DuckDBPyConnection]
    ) -> duckdb.DuckDBPyConnection | None:
        """The connection to use, or None if the wait ran out."""
        with self._cond:
            if write:
                self._writers_waiting += 1
                try:
                    free = self._cond.wait_for(
                        lambda: self._readers == 0 and not self._writing, _left(deadline)
                    )
                finally:
                    self._writers_waiting -= 1
            else:  # writers of this process go first, so that readers cannot starve them
                free = self._cond.wait_for(
                    lambda: not self._writing and self._writers_waiting == 0, _left(deadline)
                )
            if not free:
                return None
            if self._con is None or (write and self._con is not self._keep_open):
                self._close()
                self._con = connect()
            if write:
                self._writing = True
            else:
                self._readers += 1
            return self._con

    def release(self, write: bool) -> None:
        with self._cond:
            if write:
                self._writing = False
            else:
                self._readers -= 1
            if not self._writing and self._readers == 0:
                self._close()
            self._cond.notify_all()

    def _close(self) -> None:
        if self._con is not None and self._con is not self._keep_open:
            self._con.close()
            self._con = None


_SHARED_FILES: dict[str, _SharedFile] = {}
#: Names in-memory databases uniquely: id() is reused once an object is freed, which would
#: hand a new in-memory store the connection (and data) of an old one.
_MEMORY_IDS = itertools.count(1)
_SHARED_FILES_GUARD = threading.Lock()


def _shared_file(key: str, keep_open: duckdb.DuckDBPyConnection | None) -> _SharedFile:
    with _SHARED_FILES_GUARD:
        return _SHARED_FILES.setdefault(key, _SharedFile(keep_open))


def _left(deadline: float) -> float:
    return max(0.0, deadline - time.monotonic())


def describe_process(pid: int) -> str:
    """'PID 123: streamlit run app.py' from /proc, or just the PID."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:  # builtin: tests may patch Path.open
            raw = f.read()
    except OSError:
        return f"PID {pid}"
    words = [Path(w).name if i == 0 else w for i, w in enumerate(raw.decode().split("\0")) if w]
    if len(words) > 1 and words[0].startswith("python"):
        words = words[1:]  # 'python -m kpi ingest' reads better without the interpreter
    command = " ".join(words)
    return f"PID {pid}: {command[:120]}" if command else f"PID {pid}"


def _duckdb_holder(exc: duckdb.Error) -> str:
    match = re.search(r"PID (\d+)", str(exc))
    return describe_process(int(match.group(1))) if match else "?"


def _is_lock_error(exc: duckdb.Error) -> bool:
    return "Could not set lock" in str(exc)


def translate_duckdb_error(exc: duckdb.Error, path: str) -> StoreError | None:
    """The store error a DuckDB error means, or None for one that is a bug of ours."""
    text = str(exc)
    if "No space left on device" in text or "disk is full" in text.lower():
        return DiskFull("store.disk_full", path=path)
    if ("checksum" in text and "does not match" in text) or "Corrupt database file" in text:
        return DatabaseDamaged("store.damaged_checksum", path=path)
    if "Could not read enough bytes" in text or "Could not read all bytes" in text:
        return DatabaseDamaged("store.damaged_truncated", path=path)
    if "not a valid DuckDB database file" in text:
        return DatabaseDamaged("store.damaged_not_database", path=path)
    return None


class DuckDBDatabase(Database):
    dialect = DUCKDB

    def __init__(self, path: str | os.PathLike):
        super().__init__()
        self.path = Path(path)
        self._memory = str(path) == ":memory:"
        # An in-memory database lives as long as its connection: keep that one.
        self._memory_con = duckdb.connect(":memory:") if self._memory else None
        memory_key = f":memory:{next(_MEMORY_IDS)}"
        self._lock_key = memory_key if self._memory else str(self.path.resolve())

    @property
    def location(self) -> str:
        return str(self.path)

    def _connect(self, write: bool, deadline: float) -> duckdb.DuckDBPyConnection:
        if not write and not self.path.exists():
            return duckdb.connect()  # nothing stored yet: read an empty database
        if write:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        read_only = not write
        attempt = 0
        while True:
            try:
                return duckdb.connect(str(self.path), read_only=read_only)
            except duckdb.Error as exc:
                if not _is_lock_error(exc):
                    raise
                if time.monotonic() >= deadline:
                    raise DatabaseBusy(
                        "store.locked",
                        path=self.location,
                        holder=_duckdb_holder(exc),
                        seconds=f"{lock_wait_seconds():g}",
                    ) from None
                time.sleep(min(_backoff(attempt), max(0.0, deadline - time.monotonic())))
                attempt += 1

    @contextmanager
    def _open(self, write: bool) -> Iterator[Session]:
        wait = lock_wait_seconds()
        deadline = time.monotonic() + wait
        shared = _shared_file(self._lock_key, self._memory_con)
        with self._translated():
            con = shared.acquire(write, deadline, lambda: self._connect(write, deadline))
            if con is None:  # other threads of this process held it all along
                raise DatabaseBusy(
                    "store.locked",
                    path=self.location,
                    holder=describe_process(os.getpid()),
                    seconds=f"{wait:g}",
                )
            try:
                cur = con.cursor()
                try:
                    yield _DuckSession(cur, self.dialect)
                finally:
                    cur.close()
            finally:
                shared.release(write)

    @contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except duckdb.Error as exc:
            problem = translate_duckdb_error(exc, self.location)
            if problem is None:
                raise
            raise problem from exc
        except OSError as exc:  # e.g. creating the folder on a full disk
            if exc.errno == 28:
                raise DiskFull("store.disk_full", path=self.location) from exc
            raise

    def _run_transaction(self, work: Callable[[Session], T]) -> T:
        with self._open(write=True) as session:
            cur = session._cur
            cur.begin()
            try:
                result = self._in_session(session, work)
                cur.commit()
                return result
            except BaseException:
                with contextlib.suppress(duckdb.Error):
                    cur.rollback()  # a transaction that failed at commit is already gone
                raise


# ---- PostgreSQL -----------------------------------------------------------------------
_PG_ARROW_TYPES = {
    16: pa.bool_(),
    20: pa.int64(),
    21: pa.int16(),
    23: pa.int32(),
    700: pa.float32(),
    701: pa.float64(),
    1700: pa.float64(),
    25: pa.string(),
    1043: pa.string(),
    19: pa.string(),
    1082: pa.date32(),
    1114: pa.timestamp("us"),
    1007: pa.list_(pa.int32()),
    1016: pa.list_(pa.int64()),
    1009: pa.list_(pa.string()),
    1015: pa.list_(pa.string()),
    1182: pa.list_(pa.date32()),
}


def _arrow_column(values: list, oid: int) -> pa.Array:
    kind = _PG_ARROW_TYPES.get(oid)
    if oid == 1700:
        values = [None if v is None else float(v) for v in values]
    return pa.array(values, type=kind)


class _PgSession(Session):
    def df(self) -> pd.DataFrame:
        description = self._cur.description
        rows = self._cur.fetchall()
        columns = list(zip(*rows, strict=True)) if rows else [() for _ in description]
        table = pa.table(
            {
                d.name: _arrow_column(list(values), d.type_code)
                for d, values in zip(description, columns, strict=True)
            }
        )
        # DuckDB turns Arrow into pandas exactly as it does its own results, so a
        # frame from PostgreSQL has the same dtypes as one from the DuckDB store.
        with duckdb.connect() as con:
            return con.from_arrow(table).df()

    def insert_frame(self, table: str, frame: pd.DataFrame) -> None:
        columns = ", ".join(frame.columns)
        plain = frame.astype(object).where(frame.notna(), None)
        with self._cur.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in plain.itertuples(index=False, name=None):
                copy.write_row(row)


#: What the server or the driver said, as the reason we tell (store.unreachable.<reason>);
#: its own English text never reaches a reader.
_UNREACHABLE_REASONS = tuple(
    (re.compile(pattern), reason)
    for pattern, reason in [
        (r"password authentication|no password supplied|role .* does not exist", "refused_login"),
        (r"database .* does not exist", "no_database"),
        (r"timeout expired|timed out", "timeout"),
        (r"closed the connection|terminating connection|connection .*lost", "lost"),
        (
            r"No such file|Connection refused|could not translate host|could not connect",
            "not_running",
        ),
    ]
)


def _unreachable(location: str, exc: Exception) -> DatabaseUnreachable:
    """The driver's error as our message: where, and why in the reader's words."""
    text = str(exc)
    reason = next((name for pattern, name in _UNREACHABLE_REASONS if pattern.search(text)), "other")
    return DatabaseUnreachable(
        "store.unreachable", path=location, reason=Phrase(f"store.unreachable.{reason}")
    )


def mask_password(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


class PostgresDatabase(Database):
    dialect = POSTGRES

    def __init__(self, url: str):
        super().__init__()
        self.url = url

    @property
    def location(self) -> str:
        return mask_password(self.url)

    def _connect(self, write: bool) -> Any:
        import psycopg

        try:
            con = psycopg.connect(
                self.url, application_name=_application_name(), connect_timeout=10
            )
        except psycopg.OperationalError as exc:
            raise _unreachable(self.location, exc) from None
        con.read_only = not write
        if not write:  # every query of one read sees the same snapshot (a backup, a page)
            con.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        wait_ms = int(lock_wait_seconds() * 1000)
        con.execute(f"SET lock_timeout = {wait_ms}")
        con.execute("SET work_mem = '64MB'")  # sorts of a million rows stay in memory
        # No JIT: compiling the status query's expressions costs more than it saves on
        # a query that runs once per page and date (PostgreSQL's default turns it on).
        con.execute("SET jit = off")
        con.commit()
        return con

    @contextmanager
    def _open(self, write: bool) -> Iterator[Session]:
        con = self._connect(write)
        try:
            with self._translated(), con.cursor() as cur:
                yield _PgSession(cur, self.dialect)
                con.commit()
        finally:
            con.close()

    @contextmanager
    def _translated(self) -> Iterator[None]:
        import psycopg.errors as pge

        try:
            yield
        except (pge.SerializationFailure, pge.DeadlockDetected):
            raise  # a race between writers: the transaction is retried
        except pge.DiskFull as exc:
            raise DiskFull("store.disk_full", path=self.location) from exc
        except (pge.DataCorrupted, pge.IndexCorrupted) as exc:
            raise DatabaseDamaged("store.damaged_server", path=self.location) from exc
        except pge.LockNotAvailable as exc:
            raise DatabaseBusy(
                "store.locked",
                path=self.location,
                holder="PostgreSQL",
                seconds=f"{lock_wait_seconds():g}",
            ) from exc
        except pge.OperationalError as exc:
            raise _unreachable(self.location, exc) from exc

    def _run_transaction(self, work: Callable[[Session], T]) -> T:
        import psycopg.errors as pge

        for attempt in range(_PG_RETRIES):
            try:
                with self._open(write=True) as session:
                    return self._in_session(session, work)
            except (pge.SerializationFailure, pge.DeadlockDetected, pge.UniqueViolation):
                # Two writers raced (a key both checked was free): the loser retries and
                # then sees the winner's commit.
                if attempt == _PG_RETRIES - 1:
                    raise DatabaseBusy(
                        "store.locked",
                        path=self.location,
                        holder="PostgreSQL",
                        seconds=f"{lock_wait_seconds():g}",
                    ) from None
                time.sleep(_backoff(attempt))
        raise AssertionError("unreachable")


@functools.cache
def _application_name() -> str:
    """Shown in pg_stat_activity: which kpi process holds a connection."""
    return describe_process(os.getpid())[:63]


def open_database(location: str | os.PathLike) -> Database:
    """A PostgreSQL URL or a DuckDB file path (or ':memory:')."""
    if is_server_url(location):
        return PostgresDatabase(str(location))
    return DuckDBDatabase(location)
