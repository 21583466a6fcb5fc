"""The DuckDB store. All SQL of the project lives in this module.

Tables: the catalog (as loaded TOML text and as normalised tables), upload
batches, observations and an audit log. Observations are never updated or
deleted: a re-upload is a new batch, the current value of a (jurisdiction,
metric, quarter) is the one from the latest batch that is not reverted, and a
revert only marks its batch.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import os
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar

import duckdb
import pandas as pd

from kpi.catalog import DEFAULT_CATALOG, Catalog, load_catalog, parse_catalog

DEFAULT_DB = Path(__file__).resolve().parent.parent / "data" / "kpi.duckdb"
SCHEMA_VERSION = 3
_RETRIES = 5
T = TypeVar("T")

# Each entry upgrades the schema from version i to i + 1. Never edit a released
# step: add a new one, so that older databases migrate in order.
_MIGRATIONS: list[str] = [
    # 0 -> 1: catalog, batches, observations
    """
    CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR);
    CREATE TABLE catalog_versions (
        id INTEGER PRIMARY KEY, sha256 VARCHAR NOT NULL, toml VARCHAR NOT NULL,
        loaded_by VARCHAR NOT NULL, loaded_at TIMESTAMP NOT NULL);
    CREATE TABLE families (code VARCHAR PRIMARY KEY, name_zh VARCHAR, name_en VARCHAR);
    CREATE TABLE jurisdictions (
        code VARCHAR PRIMARY KEY, name_zh VARCHAR, name_en VARCHAR, parent VARCHAR);
    CREATE TABLE plans (
        code VARCHAR PRIMARY KEY, jurisdiction VARCHAR, doc_number VARCHAR,
        title_zh VARCHAR, title_en VARCHAR, issued DATE, start_date DATE, end_date DATE,
        source VARCHAR);
    CREATE TABLE metrics (
        code VARCHAR PRIMARY KEY, family VARCHAR, kind VARCHAR, name_zh VARCHAR,
        name_en VARCHAR, unit_zh VARCHAR, unit_en VARCHAR);
    CREATE TABLE targets (
        code VARCHAR PRIMARY KEY, plan VARCHAR, jurisdiction VARCHAR, metric VARCHAR,
        family VARCHAR, kind VARCHAR, comparator VARCHAR, min DOUBLE, max DOUBLE,
        threshold DOUBLE, start_date DATE, deadline DATE, text_zh VARCHAR, text_en VARCHAR,
        section VARCHAR);
    CREATE TABLE batches (
        id INTEGER PRIMARY KEY, file_name VARCHAR NOT NULL, sha256 VARCHAR NOT NULL,
        n_rows INTEGER NOT NULL, user_name VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL,
        is_sample BOOLEAN NOT NULL DEFAULT false,
        reverted_at TIMESTAMP, reverted_by VARCHAR);
    CREATE TABLE observations (
        batch_id INTEGER NOT NULL, row_no INTEGER, jurisdiction VARCHAR NOT NULL,
        metric VARCHAR NOT NULL, quarter_end DATE NOT NULL, value DOUBLE NOT NULL,
        source VARCHAR, note VARCHAR);
    """,
    # 1 -> 2: audit log of every commit, revert and catalog change, backfilled
    """
    CREATE TABLE audit_log (
        logged_at TIMESTAMP NOT NULL, user_name VARCHAR NOT NULL, action VARCHAR NOT NULL,
        batch_id INTEGER, detail VARCHAR);
    INSERT INTO audit_log SELECT created_at, user_name, 'commit', id, file_name FROM batches;
    INSERT INTO audit_log SELECT reverted_at, reverted_by, 'revert', id, file_name
        FROM batches WHERE reverted_at IS NOT NULL;
    INSERT INTO audit_log SELECT loaded_at, loaded_by, 'catalog', NULL, sha256
        FROM catalog_versions;
    """,
    # 2 -> 3: local user accounts (bcrypt hashes only) and their jurisdictions
    """
    CREATE TABLE users (
        name VARCHAR PRIMARY KEY, role VARCHAR NOT NULL, password_hash VARCHAR NOT NULL,
        created_at TIMESTAMP NOT NULL, created_by VARCHAR NOT NULL);
    CREATE TABLE user_jurisdictions (
        user_name VARCHAR NOT NULL, jurisdiction VARCHAR NOT NULL,
        PRIMARY KEY (user_name, jurisdiction));
    """,
]
assert len(_MIGRATIONS) == SCHEMA_VERSION


# The value of each (jurisdiction, metric, quarter) as known at a moment (two bound
# parameters, the same moment): the latest batch committed by then and not reverted by
# then. With END_OF_TIME it is the current value.
KNOWN_OBSERVATIONS = """
    SELECT o.jurisdiction, o.metric, o.quarter_end,
           arg_max(o.value, o.batch_id) AS value,
           max(o.batch_id) AS batch_id
    FROM observations o JOIN batches b ON b.id = o.batch_id AND b.created_at <= ?
         AND (b.reverted_at IS NULL OR b.reverted_at > ?)
    GROUP BY ALL
"""
#: "Known at" meaning "everything stored so far".
END_OF_TIME = datetime(9999, 12, 31, 23, 59, 59)


class StoreError(RuntimeError):
    """A store operation could not be done; the message says why, for the user."""


class DatabaseBusy(StoreError):
    """Another writer holds the database; retrying later will work."""


#: Who installs the catalog file itself (data/catalog.toml) when a store opens.
FILE_LOADER = "system"


@dataclass(frozen=True)
class CatalogNotice:
    """What opening the store did about the catalog file: "installed" it as
    ``version``, or found that it "differs" from the catalog in force (installed by
    ``by``), which it leaves alone."""

    action: str
    version: int
    path: Path
    by: str = FILE_LOADER


@dataclass(frozen=True)
class CommitResult:
    batch_id: int
    duplicate: bool  # the same file was already committed, nothing was written


def resolve_db_path(cli_value: str | os.PathLike | None = None) -> Path:
    """--db, else env KPI_DB, else data/kpi.duckdb."""
    return Path(cli_value or os.environ.get("KPI_DB") or DEFAULT_DB)


def current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _rollback(cur: duckdb.DuckDBPyConnection) -> None:
    """Roll back; a transaction that failed at commit is already gone, which is fine."""
    with contextlib.suppress(duckdb.Error):
        cur.rollback()


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


class Store:
    """One DuckDB database. Safe to share between threads: each call uses its own cursor."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path | None = None):
        self._con = con
        self.path = path
        # (catalog version id, parsed Catalog): parsing a big catalog's TOML is slow, and a
        # version never changes once loaded, so each is parsed once per Store.
        self._parsed_catalog: tuple[int, Catalog] | None = None
        self.catalog_notice: CatalogNotice | None = None

    # ---- opening and schema -------------------------------------------------------
    @classmethod
    def open(
        cls, path: str | os.PathLike | None = None, catalog_path: Path = DEFAULT_CATALOG
    ) -> Store:
        """Open (creating or migrating) the database; load the catalog file if it has none."""
        db_path = resolve_db_path(path)
        if str(db_path) != ":memory:":
            db_path.parent.mkdir(parents=True, exist_ok=True)
        try:
            con = duckdb.connect(str(db_path))
        except duckdb.IOException as exc:
            raise DatabaseBusy(
                f"cannot open {db_path}: {exc}. Is the dashboard or another kpi command "
                "using it? Stop it or use the dashboard's upload page."
            ) from exc
        store = cls(con, db_path)
        try:
            store.migrate()
            text = Path(catalog_path).read_text(encoding="utf-8")
            store.catalog_notice = store._follow_catalog_file(text, Path(catalog_path))
        except BaseException:
            con.close()  # release the file lock: the caller never gets this store
            raise
        return store

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        cur = self._con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def _transaction(self, work: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        """Run ``work`` in one transaction, retrying write-write conflicts with backoff."""
        for attempt in range(_RETRIES):
            with self._cursor() as cur:
                cur.begin()
                try:
                    result = work(cur)
                    cur.commit()
                    return result
                except (duckdb.TransactionException, duckdb.ConstraintException):
                    # A write-write conflict, or two writers that took the same next id
                    # (max + 1): roll back and retry, reading the other's commit. Our
                    # writes check uniqueness themselves, so a key clash is a race.
                    _rollback(cur)
                    if attempt == _RETRIES - 1:
                        raise DatabaseBusy(
                            "the database is busy with another commit; please retry"
                        ) from None
                    time.sleep(0.05 * 2**attempt * random.uniform(0.5, 1.5))
                except BaseException:
                    _rollback(cur)
                    raise
        raise AssertionError("unreachable")

    def schema_version(self) -> int:
        with self._cursor() as cur:
            exists = cur.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'"
            ).fetchone()[0]
            if not exists:
                return 0
            row = cur.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def migrate(self) -> None:
        """Bring an older database up to SCHEMA_VERSION, one step per transaction."""
        for version in range(self.schema_version(), SCHEMA_VERSION):

            def step(cur: duckdb.DuckDBPyConnection, v: int = version) -> None:
                cur.execute(_MIGRATIONS[v])
                cur.execute(
                    "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(v + 1)]
                )

            self._transaction(step)

    # ---- version of the data, for caches -------------------------------------------
    def data_version(self) -> int:
        """Bumped by every commit, revert and catalog change: a cache key."""
        with self._cursor() as cur:
            row = cur.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
        return int(row[0]) if row else 0

    @staticmethod
    def _bump_version(cur: duckdb.DuckDBPyConnection) -> None:
        cur.execute(
            """INSERT INTO meta VALUES ('data_version', '1') ON CONFLICT (key)
               DO UPDATE SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS VARCHAR)"""
        )

    # ---- catalog -------------------------------------------------------------------
    def catalog_version(self) -> int | None:
        with self._cursor() as cur:
            return cur.execute("SELECT max(id) FROM catalog_versions").fetchone()[0]

    def _follow_catalog_file(self, text: str, path: Path) -> CatalogNotice | None:
        """Install the catalog file into a new database, or when it changed and the
        catalog in force came from the file too. A catalog an admin installed is never
        replaced: the notice says that the file differs."""
        with self._cursor() as cur:
            latest = cur.execute(
                "SELECT id, sha256, loaded_by FROM catalog_versions ORDER BY id DESC LIMIT 1"
            ).fetchone()
        sha = hashlib.sha256(text.encode()).hexdigest()
        if latest is None or (latest[2] == FILE_LOADER and not self._catalog_loaded_before(text)):
            return CatalogNotice("installed", self.load_catalog_text(text, FILE_LOADER), path)
        if latest[1] != sha:
            return CatalogNotice("differs", latest[0], path, latest[2])
        return None

    def _catalog_loaded_before(self, toml_text: str) -> bool:
        sha = hashlib.sha256(toml_text.encode()).hexdigest()
        with self._cursor() as cur:
            return bool(
                cur.execute(
                    "SELECT count(*) FROM catalog_versions WHERE sha256 = ?", [sha]
                ).fetchone()[0]
            )

    def catalog(self) -> Catalog:
        """The catalog in force: the latest one loaded into the database."""
        version = self.catalog_version()
        if version is None:
            return load_catalog()
        cached = self._parsed_catalog
        if cached is not None and cached[0] == version:
            return cached[1]
        with self._cursor() as cur:
            text = cur.execute(
                "SELECT toml FROM catalog_versions WHERE id = ?", [version]
            ).fetchone()[0]
        catalog = parse_catalog(text)
        self._parsed_catalog = (version, catalog)
        return catalog

    def load_catalog_text(self, toml_text: str, user: str) -> int:
        """Validate and install a catalog; a bad one raises CatalogError and changes nothing."""
        cat = parse_catalog(toml_text)
        sha = hashlib.sha256(toml_text.encode()).hexdigest()

        def work(cur: duckdb.DuckDBPyConnection) -> int:
            new_id = cur.execute(
                "SELECT coalesce(max(id), 0) + 1 FROM catalog_versions"
            ).fetchone()[0]
            cur.execute(
                "INSERT INTO catalog_versions VALUES (?, ?, ?, ?, ?)",
                [new_id, sha, toml_text, user, _now()],
            )
            _replace_catalog_tables(cur, cat)
            cur.execute(
                "INSERT INTO audit_log VALUES (?, ?, 'catalog', NULL, ?)",
                [_now(), user, f"catalog v{new_id} {sha[:12]}"],
            )
            self._bump_version(cur)
            return new_id

        new_id = self._transaction(work)
        self._parsed_catalog = (new_id, cat)
        return new_id

    def targets(self) -> pd.DataFrame:
        """The targets with their plan period, as stored."""
        with self._cursor() as cur:
            return cur.execute("SELECT * FROM targets ORDER BY code").df()

    # ---- batches -------------------------------------------------------------------
    def commit_batch(
        self,
        rows: pd.DataFrame,
        *,
        file_name: str,
        sha256: str,
        user: str,
        is_sample: bool = False,
    ) -> CommitResult:
        """Write validated rows as one batch, in one transaction.

        ``rows`` has columns jurisdiction, metric, quarter_end, value, source, note,
        row_no. A file whose sha256 is already in a live batch is not written again.
        """
        frame = rows[["row_no", "jurisdiction", "metric", "quarter_end", "value", "source", "note"]]

        def work(cur: duckdb.DuckDBPyConnection) -> CommitResult:
            existing = cur.execute(
                "SELECT min(id) FROM batches WHERE sha256 = ? AND reverted_at IS NULL",
                [sha256],
            ).fetchone()[0]
            if existing is not None:
                return CommitResult(existing, duplicate=True)
            batch_id = cur.execute("SELECT coalesce(max(id), 0) + 1 FROM batches").fetchone()[0]
            now = _now()
            cur.execute(
                "INSERT INTO batches VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL)",
                [batch_id, file_name, sha256, len(frame), user, now, is_sample],
            )
            cur.register("incoming_rows", frame)
            cur.execute(
                """INSERT INTO observations
                   SELECT ?, row_no, jurisdiction, metric, CAST(quarter_end AS DATE),
                          CAST(value AS DOUBLE), source, note
                   FROM incoming_rows""",
                [batch_id],
            )
            cur.unregister("incoming_rows")
            cur.execute(
                "INSERT INTO audit_log VALUES (?, ?, 'commit', ?, ?)",
                [now, user, batch_id, f"{file_name} ({len(frame)} rows)"],
            )
            self._bump_version(cur)
            return CommitResult(batch_id, duplicate=False)

        return self._transaction(work)

    def revert_batch(self, batch_id: int, user: str) -> None:
        """Hide a batch from current values. Nothing is deleted."""

        def work(cur: duckdb.DuckDBPyConnection) -> None:
            row = cur.execute(
                "SELECT reverted_at, file_name FROM batches WHERE id = ?", [batch_id]
            ).fetchone()
            if row is None:
                raise StoreError(f"no batch {batch_id}")
            if row[0] is not None:
                raise StoreError(f"batch {batch_id} was already reverted at {row[0]}")
            now = _now()
            cur.execute(
                "UPDATE batches SET reverted_at = ?, reverted_by = ? WHERE id = ?",
                [now, user, batch_id],
            )
            cur.execute(
                "INSERT INTO audit_log VALUES (?, ?, 'revert', ?, ?)",
                [now, user, batch_id, row[1]],
            )
            self._bump_version(cur)

        self._transaction(work)

    def batches(self) -> pd.DataFrame:
        with self._cursor() as cur:
            return cur.execute(
                """SELECT id, file_name, sha256, n_rows, user_name, created_at, is_sample,
                          reverted_at, reverted_by
                   FROM batches ORDER BY id"""
            ).df()

    def audit_log(self) -> pd.DataFrame:
        with self._cursor() as cur:
            return cur.execute(
                "SELECT logged_at, user_name, action, batch_id, detail FROM audit_log "
                "ORDER BY logged_at, rowid"  # rowid: insertion order within a second
            ).df()

    def has_sample_data(self) -> bool:
        """True while any live batch holds sample (demo) data."""
        with self._cursor() as cur:
            return bool(
                cur.execute(
                    "SELECT count(*) FROM batches WHERE is_sample AND reverted_at IS NULL"
                ).fetchone()[0]
            )

    # ---- observations --------------------------------------------------------------
    def current_observations(
        self, jurisdiction: str | None = None, known_at: datetime | None = None
    ) -> pd.DataFrame:
        """Current value per (jurisdiction, metric, quarter_end), or as known at a moment."""
        known = known_at or END_OF_TIME
        with self._cursor() as cur:
            return cur.execute(
                f"""SELECT * FROM ({KNOWN_OBSERVATIONS})
                    WHERE ? IS NULL OR jurisdiction = ?
                    ORDER BY jurisdiction, metric, quarter_end""",
                [known, known, jurisdiction, jurisdiction],
            ).df()

    def observation_history(self, jurisdiction: str, metric: str) -> pd.DataFrame:
        """Every version of every quarter of one series, with its batch, newest first."""
        with self._cursor() as cur:
            return cur.execute(
                """SELECT o.quarter_end, o.value, o.source, o.note, o.batch_id,
                          b.file_name, b.user_name, b.created_at, b.is_sample,
                          b.reverted_at, b.reverted_by,
                          o.batch_id = max(o.batch_id) FILTER (WHERE b.reverted_at IS NULL)
                              OVER (PARTITION BY o.quarter_end) AS is_current
                   FROM observations o JOIN batches b ON b.id = o.batch_id
                   WHERE o.jurisdiction = ? AND o.metric = ?
                   ORDER BY o.quarter_end DESC, o.batch_id DESC""",
                [jurisdiction, metric],
            ).df()

    def query_status_inputs(
        self, as_of_dates: list[date], jurisdiction: str | None, known_at: datetime | None = None
    ) -> pd.DataFrame:
        """Per (target, as-of date) aggregates of the observations known at ``known_at``
        (default: all committed and not reverted); see kpi.engine."""
        known = known_at or END_OF_TIME
        with self._cursor() as cur:
            return cur.execute(
                STATUS_INPUTS_SQL.format(current=KNOWN_OBSERVATIONS),
                [as_of_dates, jurisdiction, jurisdiction, known, known, jurisdiction,
                 jurisdiction],
            ).df()  # fmt: skip

    # ---- history and audit for the upload page ---------------------------------------
    def batch_history(self) -> pd.DataFrame:
        """Batches, newest first, with the jurisdictions they touch and their stored row count."""
        with self._cursor() as cur:
            return cur.execute(
                """SELECT b.id, b.file_name, b.n_rows, b.user_name, b.created_at, b.is_sample,
                          b.reverted_at, b.reverted_by,
                          coalesce(string_agg(DISTINCT o.jurisdiction, ',' ORDER BY o.jurisdiction),
                                   '') AS jurisdictions,
                          count(o.batch_id) AS n_observations
                   FROM batches b LEFT JOIN observations o ON o.batch_id = b.id
                   GROUP BY ALL ORDER BY b.id DESC"""
            ).df()

    def audit_for_series(
        self, jurisdiction: str, metric: str, include_catalog: bool = True
    ) -> pd.DataFrame:
        """Audit entries of the batches that touched one series, and catalog changes."""
        with self._cursor() as cur:
            return cur.execute(
                """SELECT logged_at, user_name, action, batch_id, detail FROM audit_log
                   WHERE batch_id IN (SELECT DISTINCT batch_id FROM observations
                                      WHERE jurisdiction = ? AND metric = ?)
                      OR (? AND action = 'catalog')
                   ORDER BY logged_at DESC, batch_id DESC""",
                [jurisdiction, metric, include_catalog],
            ).df()

    def _audit(self, cur: duckdb.DuckDBPyConnection, user: str, action: str, detail: str) -> None:
        cur.execute(
            "INSERT INTO audit_log VALUES (?, ?, ?, NULL, ?)", [_now(), user, action, detail]
        )

    # ---- user accounts (hashes only; kpi.auth hashes and checks passwords) ----------------
    def add_user(
        self, name: str, role: str, password_hash: str, jurisdictions: list[str], by: str
    ) -> None:
        def work(cur: duckdb.DuckDBPyConnection) -> None:
            if cur.execute("SELECT count(*) FROM users WHERE name = ?", [name]).fetchone()[0]:
                raise StoreError(f"user {name!r} already exists")
            cur.execute(
                "INSERT INTO users VALUES (?, ?, ?, ?, ?)", [name, role, password_hash, _now(), by]
            )
            for jurisdiction in jurisdictions:
                cur.execute("INSERT INTO user_jurisdictions VALUES (?, ?)", [name, jurisdiction])
            shown = ",".join(jurisdictions) or "-"
            self._audit(cur, by, "user", f"add {name} ({role}: {shown})")

        self._transaction(work)

    def remove_user(self, name: str, by: str) -> None:
        def work(cur: duckdb.DuckDBPyConnection) -> None:
            if not cur.execute("SELECT count(*) FROM users WHERE name = ?", [name]).fetchone()[0]:
                raise StoreError(f"no user {name!r}")
            cur.execute("DELETE FROM user_jurisdictions WHERE user_name = ?", [name])
            cur.execute("DELETE FROM users WHERE name = ?", [name])
            self._audit(cur, by, "user", f"remove {name}")

        self._transaction(work)

    def set_password_hash(self, name: str, password_hash: str, by: str) -> None:
        def work(cur: duckdb.DuckDBPyConnection) -> None:
            if not cur.execute("SELECT count(*) FROM users WHERE name = ?", [name]).fetchone()[0]:
                raise StoreError(f"no user {name!r}")
            cur.execute("UPDATE users SET password_hash = ? WHERE name = ?", [password_hash, name])
            self._audit(cur, by, "user", f"password of {name} changed")

        self._transaction(work)

    def set_user_role(self, name: str, role: str, jurisdictions: list[str], by: str) -> None:
        """Change a user's role and jurisdiction assignments in one transaction."""

        def work(cur: duckdb.DuckDBPyConnection) -> None:
            if not cur.execute("SELECT count(*) FROM users WHERE name = ?", [name]).fetchone()[0]:
                raise StoreError(f"no user {name!r}")
            cur.execute("UPDATE users SET role = ? WHERE name = ?", [role, name])
            cur.execute("DELETE FROM user_jurisdictions WHERE user_name = ?", [name])
            for jurisdiction in jurisdictions:
                cur.execute("INSERT INTO user_jurisdictions VALUES (?, ?)", [name, jurisdiction])
            shown = ",".join(jurisdictions) or "-"
            self._audit(cur, by, "user", f"role of {name} set ({role}: {shown})")

        self._transaction(work)

    def user_account(self, name: str) -> tuple[str, str, list[str]] | None:
        """(role, password hash, jurisdictions) of a user, or None."""
        with self._cursor() as cur:
            row = cur.execute(
                """SELECT u.role, u.password_hash,
                          list(j.jurisdiction ORDER BY j.jurisdiction)
                              FILTER (WHERE j.jurisdiction IS NOT NULL)
                   FROM users u LEFT JOIN user_jurisdictions j ON j.user_name = u.name
                   WHERE u.name = ? GROUP BY ALL""",
                [name],
            ).fetchone()
        return None if row is None else (row[0], row[1], list(row[2] or []))

    def users(self) -> pd.DataFrame:
        """Accounts without their password hashes."""
        with self._cursor() as cur:
            return cur.execute(
                """SELECT u.name, u.role,
                          coalesce(string_agg(j.jurisdiction, ',' ORDER BY j.jurisdiction), '')
                              AS jurisdictions,
                          u.created_at, u.created_by
                   FROM users u LEFT JOIN user_jurisdictions j ON j.user_name = u.name
                   GROUP BY ALL ORDER BY u.name"""
            ).df()


# Aggregates the attainment engine needs, per target and as-of date, computed in
# DuckDB so that a million observations stay fast. eval_date = min(as_of, deadline):
# after the deadline a target is judged on its value at the deadline.
# reached_on, the first quarter at which the threshold was reached (flows: running
# total within the period; levels: any quarter, as a level may already stand above the
# threshold before the period starts), does not depend on the as-of date, so it is
# found once per target and then hidden where after eval_date.
STATUS_INPUTS_SQL = """
WITH as_of_dates AS (SELECT unnest(CAST(? AS DATE[])) AS as_of),
t AS (
    SELECT t.*, a.as_of, least(a.as_of, t.deadline) AS eval_date
    FROM targets t CROSS JOIN as_of_dates a
    WHERE ? IS NULL OR t.jurisdiction = ?
),
obs AS (
    SELECT c.*, tt.code AS target, tt.kind, tt.threshold, tt.start_date
    FROM ({current}) c JOIN targets tt USING (jurisdiction, metric)
    WHERE ? IS NULL OR c.jurisdiction = ?  -- before the aggregation: one city reads its rows
),
running AS (
    SELECT target, quarter_end, threshold, sum(value) OVER (
               PARTITION BY target ORDER BY quarter_end
               ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS reached
    FROM obs WHERE kind = 'flow' AND quarter_end >= start_date
    UNION ALL
    SELECT target, quarter_end, threshold, value FROM obs WHERE kind = 'level'
),
first_reached AS (
    SELECT target, min(quarter_end) FILTER (WHERE reached >= threshold) AS reached_on
    FROM running GROUP BY target
)
SELECT t.code AS target, t.as_of, t.eval_date,
    sum(o.value) FILTER (WHERE o.quarter_end >= t.start_date) AS flow_sum,
    count(o.value) FILTER (WHERE o.quarter_end >= t.start_date) AS n_period,
    arg_max(o.value, o.quarter_end) AS latest_level,
    max(o.quarter_end) AS latest_quarter,
    arg_max(o.value, o.quarter_end) FILTER (WHERE o.quarter_end <= t.start_date) AS base_level,
    arg_min(o.value, o.quarter_end) FILTER (WHERE o.quarter_end >= t.start_date) AS first_level,
    min(o.quarter_end) FILTER (WHERE o.quarter_end >= t.start_date) AS first_quarter,
    regr_slope(o.value, epoch(o.quarter_end) / 86400.0)
        FILTER (WHERE o.quarter_end >= t.start_date) AS level_slope,
    regr_intercept(o.value, epoch(o.quarter_end) / 86400.0)
        FILTER (WHERE o.quarter_end >= t.start_date) AS level_intercept,
    any_value(r.reached_on) FILTER (WHERE r.reached_on <= t.eval_date) AS reached_on
FROM t LEFT JOIN obs o ON o.target = t.code AND o.quarter_end <= t.eval_date
    LEFT JOIN first_reached r ON r.target = t.code
GROUP BY t.code, t.as_of, t.eval_date
ORDER BY t.code, t.as_of
"""


def _replace_catalog_tables(cur: duckdb.DuckDBPyConnection, cat: Catalog) -> None:
    for table in ("families", "jurisdictions", "plans", "metrics", "targets"):
        cur.execute(f"DELETE FROM {table}")  # table names are our constants
    cur.executemany(
        "INSERT INTO families VALUES (?, ?, ?)",
        [[f.code, f.name_zh, f.name_en] for f in cat.families],
    )
    cur.executemany(
        "INSERT INTO jurisdictions VALUES (?, ?, ?, ?)",
        [[j.code, j.name_zh, j.name_en, j.parent] for j in cat.jurisdictions],
    )
    cur.executemany(
        "INSERT INTO plans VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            [
                p.code,
                p.jurisdiction,
                p.doc_number,
                p.title_zh,
                p.title_en,
                p.issued,
                p.start,
                p.end,
                p.source,
            ]
            for p in cat.plans
        ],
    )
    cur.executemany(
        "INSERT INTO metrics VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            [m.code, m.family, m.kind, m.name_zh, m.name_en, m.unit_zh, m.unit_en]
            for m in cat.metrics
        ],
    )
    frame = cat.targets_frame()
    texts = pd.DataFrame(
        [
            {"target": t.code, "text_zh": t.text_zh, "text_en": t.text_en, "section": t.section}
            for t in cat.targets
        ]
    )
    cur.register("catalog_targets", frame.merge(texts, on="target"))
    cur.execute(
        """INSERT INTO targets SELECT target, plan, jurisdiction, metric, family, kind,
               comparator, min, max, threshold, start, deadline, text_zh, text_en, section
           FROM catalog_targets"""
    )
    cur.unregister("catalog_targets")
