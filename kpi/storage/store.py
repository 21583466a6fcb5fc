"""The domain queries of the store. All SQL of the project lives here and in kpi.storage.

Tables: the catalog (as loaded TOML text and as normalised tables), upload
batches, observations and an audit log. Observations are never updated or
deleted: a re-upload is a new batch, the current value of a (jurisdiction,
metric, quarter) is the one from the latest batch that is not reverted, and a
revert only marks its batch.

Where the data lives (a DuckDB file or a PostgreSQL server), how connections are
opened and closed, and what SQL differs between the two: kpi.storage.
"""

from __future__ import annotations

import getpass
import hashlib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar

import pandas as pd

from kpi.domain.catalog import DEFAULT_CATALOG, Catalog, load_catalog, parse_catalog
from kpi.domain.upload_result import UploadResult
from kpi.storage import migrations
from kpi.storage.backends import Database, Session, is_server_url, open_database
from kpi.storage.dialect import Dialect
from kpi.storage.failures import (  # noqa: F401 - the store's errors, imported from here
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseUnreachable,
    DiskFull,
    StoreError,
)
from kpi.storage.migrations import SCHEMA_VERSION

DEFAULT_DB = Path(__file__).resolve().parents[2] / "data" / "kpi.duckdb"
T = TypeVar("T")


# A batch counts at a moment (two bound parameters, the same moment) when it was
# committed by then and not reverted by then.
_KNOWN_AT = (
    "b.created_at <= CAST(? AS TIMESTAMP) "
    "AND (b.reverted_at IS NULL OR b.reverted_at > CAST(? AS TIMESTAMP))"
)
#: "Known at" meaning everything stored so far.
END_OF_TIME = datetime(9999, 12, 31, 23, 59, 59)


def _latest_observations_sql(dialect: Dialect, live: str) -> str:
    return dialect.latest_per_group(
        f"observations o JOIN batches b ON b.id = o.batch_id AND {live}",
        ["o.jurisdiction", "o.metric", "o.quarter_end"],
        ["o.value"],
        "o.batch_id",
    )


def current_observations_sql(dialect: Dialect) -> str:
    """The current value of each (jurisdiction, metric, quarter): latest batch not reverted."""
    return _latest_observations_sql(dialect, "b.reverted_at IS NULL")


def known_observations_sql(dialect: Dialect) -> str:
    """The value of each (jurisdiction, metric, quarter) as known at a moment (bound twice)."""
    return _latest_observations_sql(dialect, _KNOWN_AT)


#: The current values as kept by every commit and revert (the same rows as
#: current_observations_sql gives, read without picking the latest batch of each quarter).
CURRENT_VALUES_SQL = "SELECT jurisdiction, metric, quarter_end, value, batch_id FROM current_values"


def _same_quarter(a: str, b: str) -> str:
    """SQL: rows ``a`` and ``b`` are values of the same series and quarter."""
    return " AND ".join(f"{a}.{c} = {b}.{c}" for c in ("jurisdiction", "metric", "quarter_end"))


def _keep_current_after_commit(cur: Session, batch_id: int) -> None:
    """The new batch's values become current. Only values of older batches give way: on
    PostgreSQL a writer racing on the same quarter then meets the key and retries with a
    later batch id, so the current value is always the latest batch's."""
    cur.execute(
        f"""DELETE FROM current_values WHERE batch_id < ? AND EXISTS (
                SELECT 1 FROM observations o
                WHERE o.batch_id = ? AND {_same_quarter("o", "current_values")})""",
        [batch_id, batch_id],
    )
    cur.execute(
        """INSERT INTO current_values (jurisdiction, metric, quarter_end, value, batch_id)
           SELECT jurisdiction, metric, quarter_end, value, batch_id
           FROM observations WHERE batch_id = ?""",
        [batch_id],
    )


def _keep_current_after_revert(cur: Session, batch_id: int) -> None:
    """Where the reverted batch held the current value, the latest live batch's value of
    that quarter (if any) takes its place; run after the batch is marked reverted."""
    cur.execute("DELETE FROM current_values WHERE batch_id = ?", [batch_id])
    touched = (
        f"EXISTS (SELECT 1 FROM observations r WHERE r.batch_id = ? AND {_same_quarter('r', 'o')})"
    )
    latest = _latest_observations_sql(cur.dialect, f"b.reverted_at IS NULL WHERE {touched}")
    cur.execute(
        f"""INSERT INTO current_values (jurisdiction, metric, quarter_end, value, batch_id)
            SELECT l.jurisdiction, l.metric, l.quarter_end, l.value, l.batch_id
            FROM ({latest}) l
            WHERE NOT EXISTS (SELECT 1 FROM current_values c
                              WHERE {_same_quarter("c", "l")})""",
        [batch_id],
    )


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


def resolve_db_path(cli_value: str | os.PathLike | None = None) -> Path | str:
    """--db, else env KPI_DB, else data/kpi.duckdb: a DuckDB file, or a postgresql:// URL."""
    location = cli_value or os.environ.get("KPI_DB") or DEFAULT_DB
    return str(location) if is_server_url(location) else Path(location)


def current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


class Store:
    """One database, DuckDB or PostgreSQL. Holds no connection between calls, so it is
    safe to share between threads and never keeps other processes out."""

    def __init__(self, database: Database, path: Path | str | None = None):
        self._db = database
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
        location = resolve_db_path(path)
        store = cls(open_database(location), location)
        text = Path(catalog_path).read_text(encoding="utf-8")
        with store._cursor():  # one read-only connection for both checks
            current = store.schema_version() == SCHEMA_VERSION
            current = current and store._latest_catalog_sha() == _sha(text)
        if not current:
            store.migrate()
            store.catalog_notice = store._follow_catalog_file(text, Path(catalog_path))
        return store

    def _latest_catalog_sha(self) -> str | None:
        with self._cursor() as cur:
            row = cur.execute(
                "SELECT sha256 FROM catalog_versions ORDER BY id DESC LIMIT 1"
            ).fetchone()
        return row[0] if row else None

    def _follow_catalog_file(self, text: str, path: Path) -> CatalogNotice | None:
        """Install the catalog file into a new database, or when it changed and the
        catalog in force came from the file too. A catalog an admin installed is never
        replaced: the notice says that the file differs."""
        with self._cursor() as cur:
            latest = cur.execute(
                "SELECT id, sha256, loaded_by FROM catalog_versions ORDER BY id DESC LIMIT 1"
            ).fetchone()
        if latest is None or (latest[2] == FILE_LOADER and not self._catalog_loaded_before(text)):
            return CatalogNotice("installed", self.load_catalog_text(text, FILE_LOADER), path)
        if latest[1] != _sha(text):
            return CatalogNotice("differs", latest[0], path, latest[2])
        return None

    @property
    def location(self) -> str:
        """Where the data is, as shown to users (a URL's password hidden)."""
        return self._db.location

    @property
    def dialect(self) -> Dialect:
        return self._db.dialect

    def close(self) -> None:
        """Nothing to release: every call opens and closes its own connection."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _cursor(self) -> Iterator[Session]:
        with self._db.read() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Keep one connection for the reads inside (each read opens its own otherwise,
        tens of milliseconds on a DuckDB file): a status computation makes a dozen."""
        with self._cursor():
            yield

    def _transaction(self, work: Callable[[Session], T]) -> T:
        """Run ``work`` in one transaction; lock waits and races are the backend's."""
        return self._db.transaction(work)

    def schema_version(self) -> int:
        with self._cursor() as cur:
            return migrations.schema_version(cur)

    def migrate(self) -> None:
        """Bring an older database up to SCHEMA_VERSION, all steps in one transaction."""
        self._transaction(migrations.migrate)

    # ---- version of the data, for caches -------------------------------------------
    def data_version(self) -> int:
        """Bumped by every commit, revert and catalog change: a cache key."""
        with self._cursor() as cur:
            row = cur.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
        return int(row[0]) if row else 0

    @staticmethod
    def _bump_version(cur: Session) -> None:
        cur.execute(
            """INSERT INTO meta VALUES ('data_version', '1') ON CONFLICT (key)
               DO UPDATE SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS VARCHAR)"""
        )

    # ---- catalog -------------------------------------------------------------------
    def catalog_version(self) -> int | None:
        with self._cursor() as cur:
            return cur.execute("SELECT max(id) FROM catalog_versions").fetchone()[0]

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
        with self._cursor() as cur:  # one connection for both queries
            version = self.catalog_version()
            if version is None:
                return load_catalog()
            cached = self._parsed_catalog
            if cached is not None and cached[0] == version:
                return cached[1]
            text = cur.scalar("SELECT toml FROM catalog_versions WHERE id = ?", [version])
        catalog = parse_catalog(text)
        self._parsed_catalog = (version, catalog)
        return catalog

    def load_catalog_text(self, toml_text: str, user: str) -> int:
        """Validate and install a catalog; a bad one raises CatalogError and changes nothing."""
        cat = parse_catalog(toml_text)
        sha = hashlib.sha256(toml_text.encode()).hexdigest()

        def work(cur: Session) -> int:
            new_id = cur.scalar("SELECT nextval('catalog_version_ids')")
            cur.execute(
                """INSERT INTO catalog_versions (id, sha256, toml, loaded_by, loaded_at)
                   VALUES (?, ?, ?, ?, ?)""",
                [new_id, sha, toml_text, user, _now()],
            )
            _replace_catalog_tables(cur, cat)
            self._audit(cur, user, "catalog", f"catalog v{new_id} {sha[:12]}")
            self._bump_version(cur)
            return new_id

        new_id = self._transaction(work)
        self._parsed_catalog = (new_id, cat)
        return new_id

    def targets(self, jurisdiction: str | None = None) -> pd.DataFrame:
        """The targets with their plan period, as stored (of one jurisdiction, if given:
        a national catalog holds 25,000, and a city's page needs its twenty)."""
        with self._cursor() as cur:
            if jurisdiction is None:
                return cur.execute("SELECT * FROM targets ORDER BY code").df()
            return cur.execute(
                "SELECT * FROM targets WHERE jurisdiction = ? ORDER BY code", [jurisdiction]
            ).df()

    # ---- batches -------------------------------------------------------------------
    def commit_batch(
        self, upload: UploadResult, *, user: str, is_sample: bool = False
    ) -> UploadResult:
        """Write an upload's validated rows as one batch, in one transaction; the upload
        with its batch id. A file whose sha256 is already in a live batch is not written
        again (the result is a duplicate of that batch).

        ``upload.rows`` has columns jurisdiction, metric, quarter_end, value, source,
        note, row_no.
        """
        file_name, sha256 = upload.file_name, upload.sha256
        frame = upload.rows[
            ["row_no", "jurisdiction", "metric", "quarter_end", "value", "source", "note"]
        ]

        def work(cur: Session) -> tuple[int, bool]:
            existing = cur.execute(
                "SELECT min(id) FROM batches WHERE sha256 = ? AND reverted_at IS NULL",
                [sha256],
            ).fetchone()[0]
            if existing is not None:
                return int(existing), True
            batch_id = int(cur.scalar("SELECT nextval('batch_ids')"))
            now = _now()
            cur.execute(
                """INSERT INTO batches (id, file_name, sha256, n_rows, user_name, created_at,
                                        is_sample) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                [batch_id, file_name, sha256, len(frame), user, now, is_sample],
            )
            cur.insert_frame("observations", _observation_rows(frame, batch_id))
            _keep_current_after_commit(cur, batch_id)
            self._audit(cur, user, "commit", f"{file_name} ({len(frame)} rows)", batch_id, now)
            self._bump_version(cur)
            return batch_id, False

        batch_id, duplicate = self._transaction(work)
        return replace(upload, batch_id=batch_id, duplicate=duplicate)

    def revert_batch(self, batch_id: int, user: str) -> None:
        """Hide a batch from current values. Nothing is deleted."""

        def work(cur: Session) -> None:
            row = cur.execute(
                "SELECT reverted_at, file_name FROM batches WHERE id = ?", [batch_id]
            ).fetchone()
            if row is None:
                raise StoreError("store.no_batch", batch=batch_id)
            if row[0] is not None:
                raise StoreError("store.already_reverted", batch=batch_id, at=row[0])
            now = _now()
            cur.execute(
                "UPDATE batches SET reverted_at = ?, reverted_by = ? WHERE id = ?",
                [now, user, batch_id],
            )
            _keep_current_after_revert(cur, batch_id)
            self._audit(cur, user, "revert", row[1], batch_id, now)
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
                # insertion order within a second
                f"ORDER BY logged_at, {cur.dialect.insertion_order}"
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
        with self._cursor() as cur:
            source, params = _values_source(cur.dialect, known_at)
            return cur.execute(
                f"""SELECT * FROM ({source}) c
                    WHERE CAST(? AS VARCHAR) IS NULL OR jurisdiction = ?
                    ORDER BY jurisdiction, metric, quarter_end""",
                [*params, jurisdiction, jurisdiction],
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
        (default: all committed and not reverted); see kpi.domain.rules."""
        with self._cursor() as cur:
            source, params = _values_source(cur.dialect, known_at)
            return cur.execute(
                status_inputs_sql(cur.dialect, source),
                [as_of_dates, jurisdiction, jurisdiction, *params, jurisdiction, jurisdiction],
            ).df()

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
                   GROUP BY b.id, b.file_name, b.n_rows, b.user_name, b.created_at,
                            b.is_sample, b.reverted_at, b.reverted_by
                   ORDER BY b.id DESC"""
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
                      OR (CAST(? AS BOOLEAN) AND action = 'catalog')
                   ORDER BY logged_at DESC, batch_id DESC""",
                [jurisdiction, metric, include_catalog],
            ).df()

    def log_event(self, user: str, action: str, detail: str) -> None:
        """An audit entry of its own (a failed sign-in, say), in its own transaction."""
        self._transaction(lambda cur: self._audit(cur, user, action, detail))

    @staticmethod
    def _audit(
        cur: Session,
        user: str,
        action: str,
        detail: str,
        batch_id: int | None = None,
        at: datetime | None = None,
    ) -> None:
        cur.execute(
            """INSERT INTO audit_log (logged_at, user_name, action, batch_id, detail)
               VALUES (?, ?, ?, ?, ?)""",
            [at or _now(), user, action, batch_id, detail],
        )

    # ---- user accounts (hashes only; kpi.access.auth hashes and checks passwords) ----------------
    def add_user(
        self, name: str, role: str, password_hash: str, jurisdictions: list[str], by: str
    ) -> None:
        def work(cur: Session) -> None:
            if cur.execute("SELECT count(*) FROM users WHERE name = ?", [name]).fetchone()[0]:
                raise StoreError("store.user_exists", name=name)
            cur.execute(
                """INSERT INTO users (name, role, password_hash, created_at, created_by)
                   VALUES (?, ?, ?, ?, ?)""",
                [name, role, password_hash, _now(), by],
            )
            for jurisdiction in jurisdictions:
                cur.execute("INSERT INTO user_jurisdictions VALUES (?, ?)", [name, jurisdiction])
            shown = ",".join(jurisdictions) or "-"
            self._audit(cur, by, "user", f"add {name} ({role}: {shown})")

        self._transaction(work)

    def remove_user(self, name: str, by: str) -> None:
        def work(cur: Session) -> None:
            if not cur.execute("SELECT count(*) FROM users WHERE name = ?", [name]).fetchone()[0]:
                raise StoreError("store.no_user", name=name)
            cur.execute("DELETE FROM user_jurisdictions WHERE user_name = ?", [name])
            cur.execute("DELETE FROM users WHERE name = ?", [name])
            self._audit(cur, by, "user", f"remove {name}")

        self._transaction(work)

    def set_password_hash(self, name: str, password_hash: str, by: str) -> None:
        def work(cur: Session) -> None:
            if not cur.execute("SELECT count(*) FROM users WHERE name = ?", [name]).fetchone()[0]:
                raise StoreError("store.no_user", name=name)
            cur.execute("UPDATE users SET password_hash = ? WHERE name = ?", [password_hash, name])
            self._audit(cur, by, "user", f"password of {name} changed")

        self._transaction(work)

    def set_user_role(self, name: str, role: str, jurisdictions: list[str], by: str) -> None:
        """Change a user's role and jurisdiction assignments in one transaction."""

        def work(cur: Session) -> None:
            if not cur.execute("SELECT count(*) FROM users WHERE name = ?", [name]).fetchone()[0]:
                raise StoreError("store.no_user", name=name)
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
                          array_agg(j.jurisdiction ORDER BY j.jurisdiction)
                              FILTER (WHERE j.jurisdiction IS NOT NULL)
                   FROM users u LEFT JOIN user_jurisdictions j ON j.user_name = u.name
                   WHERE u.name = ? GROUP BY u.role, u.password_hash""",
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
                   GROUP BY u.name, u.role, u.created_at, u.created_by ORDER BY u.name"""
            ).df()


# Aggregates the attainment engine needs, per target and as-of date, computed in the
# database so that a million observations stay fast. The values are the kept current
# values (table current_values) or, for a past moment, the values known then.
# eval_date = min(as_of, deadline): after the deadline a target is judged on its value
# at the deadline.
# reached_on, the first quarter at which the threshold was reached: for flows the running
# total within the period, which does not depend on the as-of date, so it is found once
# per target and then hidden where after eval_date; for levels any quarter up to
# eval_date (a level may already stand above the threshold before the period starts).
STATUS_INPUTS_TEMPLATE = """
WITH as_of_dates AS (SELECT {dates} AS as_of),
t AS (
    SELECT t.*, a.as_of, least(a.as_of, t.deadline) AS eval_date
    FROM targets t CROSS JOIN as_of_dates a
    WHERE CAST(? AS VARCHAR) IS NULL OR t.jurisdiction = ?
),
v AS {obs_cte}(
    SELECT * FROM ({current}) c
    -- before the aggregation: one city reads its rows
    WHERE CAST(? AS VARCHAR) IS NULL OR c.jurisdiction = ?
),
running AS (
    SELECT tt.code AS target, v.quarter_end, tt.threshold, sum(v.value) OVER (
               PARTITION BY tt.code ORDER BY v.quarter_end
               ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS reached
    FROM v JOIN targets tt USING (jurisdiction, metric)
    WHERE tt.kind = 'flow' AND v.quarter_end >= tt.start_date
),
first_reached AS (
    SELECT target, min(quarter_end) FILTER (WHERE reached >= threshold) AS reached_on
    FROM running GROUP BY target
)
SELECT t.code AS target, t.as_of, t.eval_date,
    sum(o.value) FILTER (WHERE o.quarter_end >= t.start_date) AS flow_sum,
    count(o.value) FILTER (WHERE o.quarter_end >= t.start_date) AS n_period,
    {latest_level} AS latest_level,
    max(o.quarter_end) AS latest_quarter,
    {base_level} AS base_level,
    {first_level} AS first_level,
    min(o.quarter_end) FILTER (WHERE o.quarter_end >= t.start_date) AS first_quarter,
    regr_slope(o.value, {days})
        FILTER (WHERE t.kind = 'level' AND o.quarter_end >= t.start_date) AS level_slope,
    regr_intercept(o.value, {days})
        FILTER (WHERE t.kind = 'level' AND o.quarter_end >= t.start_date) AS level_intercept,
    coalesce({reached_on} FILTER (WHERE r.reached_on <= t.eval_date),
             min(o.quarter_end) FILTER (WHERE t.kind = 'level' AND o.value >= t.threshold))
        AS reached_on
FROM t LEFT JOIN v o ON o.jurisdiction = t.jurisdiction AND o.metric = t.metric
        AND o.quarter_end <= t.eval_date
    LEFT JOIN first_reached r ON r.target = t.code
GROUP BY t.code, t.as_of, t.eval_date
ORDER BY t.code, t.as_of
"""


#: The level aggregates (latest, baseline, first level, fitted line) are computed for
#: level targets only: the engine reads them for levels, and they are the costly ones.
_LEVEL = "t.kind = 'level'"


def _values_source(dialect: Dialect, known_at: datetime | None) -> tuple[str, list]:
    """The values to read (SQL) and its parameters: the kept current values, or the values
    as known at a moment."""
    if known_at is None:
        return CURRENT_VALUES_SQL, []
    return known_observations_sql(dialect), [known_at, known_at]


def status_inputs_sql(dialect: Dialect, values: str) -> str:
    """The status inputs of the values ``values`` (SQL of jurisdiction, metric,
    quarter_end, value rows)."""
    return STATUS_INPUTS_TEMPLATE.format(
        dates=dialect.date_list(),
        current=values,
        obs_cte=dialect.inline_cte,
        latest_level=dialect.arg_max_by_day("o.value", "o.quarter_end", _LEVEL),
        base_level=dialect.arg_max_by_day(
            "o.value", "o.quarter_end", f"{_LEVEL} AND o.quarter_end <= t.start_date"
        ),
        first_level=dialect.arg_min_by_day(
            "o.value", "o.quarter_end", f"{_LEVEL} AND o.quarter_end >= t.start_date"
        ),
        days=dialect.epoch_days("o.quarter_end"),
        reached_on=dialect.any_value("r.reached_on"),
    )


def _observation_rows(frame: pd.DataFrame, batch_id: int) -> pd.DataFrame:
    """Validated rows as the observations table's columns and types."""
    return pd.DataFrame(
        {
            "batch_id": batch_id,
            "row_no": frame["row_no"],
            "jurisdiction": frame["jurisdiction"],
            "metric": frame["metric"],
            "quarter_end": pd.to_datetime(frame["quarter_end"]).dt.date,
            "value": frame["value"].astype(float),
            "source": frame["source"],
            "note": frame["note"],
        }
    )


def _replace_catalog_tables(cur: Session, cat: Catalog) -> None:
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
    cur.insert_frame("targets", cat.targets_frame())
