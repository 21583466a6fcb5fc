"""The store: the one way the rest of the project reads and writes its data.

Tables: the catalog (as loaded TOML text and as normalised tables), upload
batches, observations and an audit log. Observations are never updated or
deleted: a re-upload is a new batch, the current value of a (jurisdiction,
metric, quarter) is the one from the latest batch that is not reverted, and a
revert only marks its batch.

``Store`` opens connections and transactions and composes the queries, which live
in modules per table group: kpi.storage.observations (values, current and as known
at a moment), status_inputs (the engine's aggregates), batches (which batch is live
when), audit (the log and the data version), account_rows, catalog_tables. Where the
data lives (a DuckDB file or a PostgreSQL server), how connections are opened and
closed, and what SQL differs between the two: kpi.storage.backends and dialect.
"""

from __future__ import annotations

import getpass
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
from kpi.storage import (
    account_rows,
    annual_values,
    audit,
    batches,
    catalog_tables,
    grant_rows,
    migrations,
    observations,
    status_inputs,
    task_reports,
)
from kpi.storage.backends import Database, Session, is_server_url, open_database
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
            current = current and store._latest_catalog_sha() == catalog_tables.sha(text)
        if not current:
            store.migrate()
            store.catalog_notice = store._follow_catalog_file(text, Path(catalog_path))
        return store

    def _latest_catalog_sha(self) -> str | None:
        with self._cursor() as cur:
            latest = catalog_tables.latest_version(cur)
        return latest[1] if latest else None

    def _follow_catalog_file(self, text: str, path: Path) -> CatalogNotice | None:
        """Install the catalog file into a new database, or when it changed and the
        catalog in force came from the file too. A catalog an admin installed is never
        replaced: the notice says that the file differs."""
        with self._cursor() as cur:
            latest = catalog_tables.latest_version(cur)
            from_file = latest is not None and latest[2] == FILE_LOADER
            changed = from_file and not catalog_tables.loaded_before(cur, text)
        if latest is None or changed:
            return CatalogNotice("installed", self.load_catalog_text(text, FILE_LOADER), path)
        if latest[1] != catalog_tables.sha(text):
            return CatalogNotice("differs", latest[0], path, latest[2])
        return None

    @property
    def location(self) -> str:
        """Where the data is, as shown to users (a URL's password hidden)."""
        return self._db.location

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

    def _read(self, query: Callable[[Session], T]) -> T:
        """Run one read query on a connection of its own (or the one ``reading`` keeps)."""
        with self._cursor() as cur:
            return query(cur)

    def _transaction(self, work: Callable[[Session], T]) -> T:
        """Run ``work`` in one transaction; lock waits and races are the backend's."""
        return self._db.transaction(work)

    def schema_version(self) -> int:
        return self._read(migrations.schema_version)

    def migrate(self) -> None:
        """Bring an older database up to SCHEMA_VERSION, all steps in one transaction."""
        self._transaction(migrations.migrate)

    # ---- version of the data, for caches -------------------------------------------
    def data_version(self) -> int:
        """Bumped by every commit, revert and catalog change: a cache key."""
        return self._read(audit.data_version)

    # ---- catalog -------------------------------------------------------------------
    def catalog_version(self) -> int | None:
        return self._read(catalog_tables.latest_id)

    def catalog(self) -> Catalog:
        """The catalog in force: the latest one loaded into the database."""
        with self._cursor() as cur:  # one connection for both queries
            version = catalog_tables.latest_id(cur)
            if version is None:
                return load_catalog()
            cached = self._parsed_catalog
            if cached is not None and cached[0] == version:
                return cached[1]
            text = catalog_tables.text_of(cur, version)
        catalog = parse_catalog(text)
        self._parsed_catalog = (version, catalog)
        return catalog

    def load_catalog_text(self, toml_text: str, user: str) -> int:
        """Validate and install a catalog; a bad one raises CatalogError and changes nothing."""
        cat = parse_catalog(toml_text)

        def work(cur: Session) -> int:
            new_id = catalog_tables.install(cur, toml_text, cat, user)
            audit.bump_data_version(cur)
            return new_id

        new_id = self._transaction(work)
        self._parsed_catalog = (new_id, cat)
        return new_id

    def targets(self, jurisdiction: str | None = None) -> pd.DataFrame:
        """The targets with their plan period, as stored (of one jurisdiction, if given:
        a national catalog holds 25,000, and a city's page needs its twenty)."""
        return self._read(lambda cur: catalog_tables.targets(cur, jurisdiction))

    # ---- batches -------------------------------------------------------------------
    def commit_batch(
        self, upload: UploadResult, *, user: str, is_sample: bool = False
    ) -> UploadResult:
        """Write an upload's validated rows as one batch, in one transaction; the upload
        with its batch id. A file whose sha256 is already in a live batch is not written
        again (the result is a duplicate of that batch).

        ``upload.rows`` has columns jurisdiction, metric, quarter_end, value, source,
        note, row_no, and optionally reason and next_steps.
        """
        file_name, sha256 = upload.file_name, upload.sha256
        columns = ["row_no", "jurisdiction", "metric", "quarter_end", "value", "source", "note"]
        frame = upload.rows[
            columns + [c for c in ("reason", "next_steps") if c in upload.rows.columns]
        ]

        def work(cur: Session) -> tuple[int, bool]:
            existing = batches.live_duplicate(cur, sha256)
            if existing is not None:
                return existing, True
            now = audit.now()
            batch_id = batches.insert(cur, file_name, sha256, len(frame), user, now, is_sample)
            observations.insert(cur, frame, batch_id)
            observations.keep_current_after_commit(cur, batch_id)
            audit.record(cur, user, "commit", f"{file_name} ({len(frame)} rows)", batch_id, now)
            audit.bump_data_version(cur)
            return batch_id, False

        batch_id, duplicate = self._transaction(work)
        return replace(upload, batch_id=batch_id, duplicate=duplicate)

    def commit_task_reports(self, upload: UploadResult, *, user: str) -> UploadResult:
        """Write a progress file's validated rows (``task_reports.COLUMNS``) as one batch
        in one transaction, audited like a report of figures; the same file already in
        a live batch is not written again."""
        file_name, sha256, frame = upload.file_name, upload.sha256, upload.rows

        def work(cur: Session) -> tuple[int, bool]:
            existing = batches.live_duplicate(cur, sha256)
            if existing is not None:
                return existing, True
            now = audit.now()
            batch_id = batches.insert(cur, file_name, sha256, len(frame), user, now, False)
            task_reports.insert(cur, frame, batch_id)
            audit.record(cur, user, "commit", f"{file_name} ({len(frame)} rows)", batch_id, now)
            audit.bump_data_version(cur)
            return batch_id, False

        batch_id, duplicate = self._transaction(work)
        return replace(upload, batch_id=batch_id, duplicate=duplicate)

    def commit_grants(self, upload: UploadResult, *, user: str) -> UploadResult:
        """Write a grants file's validated rows (``grant_rows.COLUMNS``) as one batch in
        one transaction, audited like a report of figures; the same file already in a
        live batch is not written again. A row whose (measure, credit_code, project) is
        a grant already revises it."""
        file_name, sha256, frame = upload.file_name, upload.sha256, upload.rows

        def work(cur: Session) -> tuple[int, bool]:
            existing = batches.live_duplicate(cur, sha256)
            if existing is not None:
                return existing, True
            now = audit.now()
            batch_id = batches.insert(cur, file_name, sha256, len(frame), user, now, False)
            grant_rows.insert(cur, frame, batch_id)
            detail = f"{file_name} ({len(frame)} grants)"
            audit.record(cur, user, "commit", detail, batch_id, now)
            audit.bump_data_version(cur)
            return batch_id, False

        batch_id, duplicate = self._transaction(work)
        return replace(upload, batch_id=batch_id, duplicate=duplicate)

    def grants(self, known_at: datetime | None = None) -> pd.DataFrame:
        """Every grant in force as known at ``known_at`` (default: now), one row per
        (measure, credit_code, project): columns ``grant_rows.GRANT_COLUMNS``."""
        return self._read(lambda cur: grant_rows.current(cur, known_at))

    def grant_history(self, measure: str | None = None) -> pd.DataFrame:
        """Every version of every grant (of one measure), newest first, with reverted_at."""
        return self._read(lambda cur: grant_rows.history(cur, measure))

    def task_reports(self, known_at: datetime | None = None) -> pd.DataFrame:
        """The report of every (task, quarter) as known at ``known_at`` (default: now)."""
        return self._read(lambda cur: task_reports.current(cur, known_at))

    def task_report_history(self, task: str) -> pd.DataFrame:
        """Every version of a task's quarterly reports, newest first."""
        return self._read(lambda cur: task_reports.history(cur, task))

    def user_units(self, name: str) -> list[str]:
        """The codes of the units an account reports for."""
        return self._read(lambda cur: task_reports.units_of(cur, name))

    def revert_batch(self, batch_id: int, user: str) -> None:
        """Hide a batch from current values. Nothing is deleted."""

        def work(cur: Session) -> None:
            now = audit.now()
            file_name = batches.mark_reverted(cur, batch_id, user, now)
            observations.keep_current_after_revert(cur, batch_id)
            audit.record(cur, user, "revert", file_name, batch_id, now)
            audit.bump_data_version(cur)

        self._transaction(work)

    def batches(self) -> pd.DataFrame:
        """Every batch, reverted or not, oldest first."""
        return self._read(batches.all_batches)

    def live_batches(self, known_at: datetime | None = None) -> pd.DataFrame:
        """The batches that count as known at ``known_at`` (default: now, the batches not
        reverted): committed by then and not reverted by then. Columns as ``batches()``."""
        return self._read(lambda cur: batches.live_batches(cur, known_at))

    def has_sample_data(self) -> bool:
        """True while any live batch holds sample (demo) data."""
        return self._read(batches.has_live_sample)

    # ---- observations --------------------------------------------------------------
    def current_observations(
        self, jurisdiction: str | None = None, known_at: datetime | None = None
    ) -> pd.DataFrame:
        """Current value per (jurisdiction, metric, quarter_end), or as known at a moment."""
        return self._read(lambda cur: observations.current(cur, jurisdiction, known_at))

    def reasons(
        self, jurisdiction: str | None = None, known_at: datetime | None = None
    ) -> pd.DataFrame:
        """Reason and next steps reported with the current values (or as known at a
        moment) that have either, with reported_by and reported_at."""
        return self._read(lambda cur: observations.reasons(cur, jurisdiction, known_at))

    def observation_history(self, jurisdiction: str, metric: str) -> pd.DataFrame:
        """Every version of every quarter of one series, with its batch, newest first."""
        return self._read(lambda cur: observations.series_history(cur, jurisdiction, metric))

    def query_status_inputs(
        self,
        as_of_dates: list[date],
        jurisdiction: str | None,
        known_at: datetime | None = None,
        plans: list[str] | None = None,
    ) -> pd.DataFrame:
        """Per (target, as-of date) aggregates of the observations known at ``known_at``
        (default: all committed and not reverted), for the targets of ``plans`` (default:
        every plan's); see kpi.domain.rules."""
        return self._read(
            lambda cur: status_inputs.query(cur, as_of_dates, jurisdiction, known_at, plans)
        )

    def annual_values(
        self, jurisdiction: str | None, known_at: datetime | None = None
    ) -> pd.DataFrame:
        """The figures of the series annual targets read, as known at ``known_at``."""
        return self._read(lambda cur: annual_values.query(cur, jurisdiction, known_at))

    # ---- history and audit for the upload page ---------------------------------------
    def batch_history(self) -> pd.DataFrame:
        """Batches, newest first, with the jurisdictions they touch and their stored row count."""
        return self._read(batches.history)

    def audit_log(self) -> pd.DataFrame:
        return self._read(audit.entries)

    def audit_for_series(
        self, jurisdiction: str, metric: str, include_catalog: bool = True
    ) -> pd.DataFrame:
        """Audit entries of the batches that touched one series, and catalog changes."""
        return self._read(lambda cur: audit.for_series(cur, jurisdiction, metric, include_catalog))

    def log_event(self, user: str, action: str, detail: str) -> None:
        """An audit entry of its own (a failed sign-in, say), in its own transaction."""
        self._transaction(lambda cur: audit.record(cur, user, action, detail))

    #: An audit entry in the caller's transaction (backup and restore write their own).
    _audit = staticmethod(audit.record)

    # ---- user accounts (hashes only; kpi.access.auth hashes and checks passwords) ----------------
    def add_user(
        self,
        name: str,
        role: str,
        password_hash: str,
        jurisdictions: list[str],
        by: str,
        units: list[str] | None = None,
    ) -> None:
        self._transaction(
            lambda cur: account_rows.add(cur, name, role, password_hash, jurisdictions, by, units)
        )

    def remove_user(self, name: str, by: str) -> None:
        self._transaction(lambda cur: account_rows.remove(cur, name, by))

    def set_password_hash(self, name: str, password_hash: str, by: str) -> None:
        self._transaction(lambda cur: account_rows.set_password_hash(cur, name, password_hash, by))

    def set_user_role(
        self,
        name: str,
        role: str,
        jurisdictions: list[str],
        by: str,
        units: list[str] | None = None,
    ) -> None:
        """Change a user's role and jurisdiction (and unit) assignments in one transaction."""
        self._transaction(
            lambda cur: account_rows.set_role(cur, name, role, jurisdictions, by, units)
        )

    def user_account(self, name: str) -> tuple[str, str, list[str]] | None:
        """(role, password hash, jurisdictions) of a user, or None."""
        return self._read(lambda cur: account_rows.account(cur, name))

    def users(self) -> pd.DataFrame:
        """Accounts without their password hashes."""
        return self._read(account_rows.listing)
