"""Numbered schema steps, the same numbers on every backend.

Each step upgrades the schema from version i to i + 1. Never edit a released step:
add a new one, so that older databases migrate in order. A step is SQL text (the
same for both backends), a pair of texts where the backends' SQL differs, or a
function of the open session for steps that compute something first.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from kpi.storage.backends import Session


@dataclass(frozen=True)
class Step:
    duckdb: str | Callable[[Session], None]
    postgresql: str | Callable[[Session], None] | None = None  # None: as for DuckDB

    def apply(self, session: Session) -> None:
        action = self.duckdb
        if session.dialect.name == "postgresql" and self.postgresql is not None:
            action = self.postgresql
        if callable(action):
            action(session)
        else:
            for statement in _statements(action):
                session.execute(statement)


def _statements(script: str) -> list[str]:
    """A script's statements (psycopg sends one at a time with parameters)."""
    return [s.strip() for s in script.split(";") if s.strip()]


def _postgres_types(sql: str) -> str:
    return re.sub(r"\bDOUBLE\b", "DOUBLE PRECISION", sql)


_V1 = """
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
"""


def _id_sequences(session: Session) -> None:
    """Ids from sequences, so that concurrent writers never take the same one."""
    for sequence, table in (("batch_ids", "batches"), ("catalog_version_ids", "catalog_versions")):
        next_id = session.scalar(f"SELECT coalesce(max(id), 0) + 1 FROM {table}")
        session.execute(f"CREATE SEQUENCE {sequence} START {int(next_id)}")
    if session.dialect.name == "postgresql":
        # PostgreSQL has no rowid: a column keeps audit entries in insertion order, and
        # indexes serve a series' history and a batch's rows.
        session.execute("ALTER TABLE audit_log ADD COLUMN seq BIGSERIAL")
        session.execute("CREATE INDEX observations_batch ON observations (batch_id)")
        session.execute(
            "CREATE INDEX observations_series ON observations (jurisdiction, metric, quarter_end)"
        )


def _current_values(session: Session) -> None:
    """The current value of every (jurisdiction, metric, quarter), kept by each commit and
    revert in their transaction, so that status reads it instead of picking the latest
    live batch out of every observation on every call (kpi.storage.observations)."""
    columns = "jurisdiction VARCHAR NOT NULL, metric VARCHAR NOT NULL, quarter_end DATE NOT NULL"
    if session.dialect.name == "postgresql":
        # the key serves status by series and makes two racing writers of one quarter
        # collide (one retries) instead of both keeping a row
        session.execute(
            f"""CREATE TABLE current_values ({columns}, value DOUBLE PRECISION NOT NULL,
                batch_id INTEGER NOT NULL, PRIMARY KEY (jurisdiction, metric, quarter_end))"""
        )
    else:  # one writer at a time; DuckDB's hash joins need no index here
        session.execute(
            f"""CREATE TABLE current_values ({columns}, value DOUBLE NOT NULL,
                batch_id INTEGER NOT NULL)"""
        )
    latest = session.dialect.latest_per_group(  # the latest batch not reverted
        "observations o JOIN batches b ON b.id = o.batch_id AND b.reverted_at IS NULL",
        ["o.jurisdiction", "o.metric", "o.quarter_end"],
        ["o.value"],
        "o.batch_id",
    )
    session.execute(
        "INSERT INTO current_values (jurisdiction, metric, quarter_end, value, batch_id) "
        f"SELECT jurisdiction, metric, quarter_end, value, batch_id FROM ({latest}) c"
    )


_GRANTS = """
    CREATE TABLE grants (
        batch_id INTEGER NOT NULL, row_no INTEGER, measure VARCHAR NOT NULL,
        beneficiary VARCHAR NOT NULL, credit_code VARCHAR NOT NULL, project VARCHAR NOT NULL,
        approved_yuan DOUBLE NOT NULL, paid_yuan DOUBLE NOT NULL, eligible_yuan DOUBLE,
        approved_on DATE NOT NULL, approval_doc VARCHAR, exception VARCHAR);
    CREATE INDEX grants_identity ON grants (measure, credit_code, project);
    """

MIGRATIONS: list[Step] = [
    # 0 -> 1: catalog, batches, observations
    Step(_V1, _postgres_types(_V1)),
    # 1 -> 2: audit log of every commit, revert and catalog change, backfilled
    Step(
        """
    CREATE TABLE audit_log (
        logged_at TIMESTAMP NOT NULL, user_name VARCHAR NOT NULL, action VARCHAR NOT NULL,
        batch_id INTEGER, detail VARCHAR);
    INSERT INTO audit_log SELECT created_at, user_name, 'commit', id, file_name FROM batches;
    INSERT INTO audit_log SELECT reverted_at, reverted_by, 'revert', id, file_name
        FROM batches WHERE reverted_at IS NOT NULL;
    INSERT INTO audit_log SELECT loaded_at, loaded_by, 'catalog', NULL, sha256
        FROM catalog_versions;
    """
    ),
    # 2 -> 3: local user accounts (bcrypt hashes only) and their jurisdictions
    Step(
        """
    CREATE TABLE users (
        name VARCHAR PRIMARY KEY, role VARCHAR NOT NULL, password_hash VARCHAR NOT NULL,
        created_at TIMESTAMP NOT NULL, created_by VARCHAR NOT NULL);
    CREATE TABLE user_jurisdictions (
        user_name VARCHAR NOT NULL, jurisdiction VARCHAR NOT NULL,
        PRIMARY KEY (user_name, jurisdiction));
    """
    ),
    # 3 -> 4: batch and catalog ids from sequences (no max(id) + 1 races)
    Step(_id_sequences),
    # 4 -> 5: current values kept by commit and revert
    Step(_current_values),
    # 5 -> 6: the task ledger: quarterly progress reports per task (versioned by batch,
    # like observations) and the responsible units an account reports for
    Step(
        """
    CREATE TABLE task_reports (
        batch_id INTEGER NOT NULL, row_no INTEGER, task VARCHAR NOT NULL,
        quarter_end DATE NOT NULL, status VARCHAR NOT NULL, progress VARCHAR,
        next_steps VARCHAR, evidence VARCHAR);
    CREATE TABLE user_units (
        user_name VARCHAR NOT NULL, unit VARCHAR NOT NULL, PRIMARY KEY (user_name, unit));
    """
    ),
    # 6 -> 7: the reason a figure is where it is and the next steps, reported with it
    # (per quarter, versioned with the figure: a revert takes them back too)
    Step(
        """
    ALTER TABLE observations ADD COLUMN reason VARCHAR;
    ALTER TABLE observations ADD COLUMN next_steps VARCHAR;
    """
    ),
    # 8 -> 9: grants under the support measures (政策兑现), versioned by batch like task
    # reports: a grant is (measure, credit_code, project), its latest live row in force
    Step(_GRANTS, _postgres_types(_GRANTS)),
]
SCHEMA_VERSION = len(MIGRATIONS)

#: The sequences and the tables whose ids they give, for restore and copy; they exist
#: from schema version SEQUENCES_FROM on.
SEQUENCES = {"batch_ids": "batches", "catalog_version_ids": "catalog_versions"}
SEQUENCES_FROM = 4


def schema_version(session: Session) -> int:
    """The schema version of the database open in ``session`` (0: nothing there yet)."""
    exists = session.scalar(
        """SELECT count(*) FROM information_schema.tables
           WHERE table_name = 'meta' AND table_schema = current_schema()"""
    )
    if not exists:
        return 0
    value = session.scalar("SELECT value FROM meta WHERE key = 'schema_version'")
    return int(value) if value is not None else 0


def migrate(session: Session, target: int = SCHEMA_VERSION) -> None:
    """Apply the steps from the database's version up to ``target`` in this transaction."""
    for statement in session.dialect.migration_lock():
        session.execute(statement)
    # read inside the transaction: another process may have migrated meanwhile
    for version in range(schema_version(session), target):
        MIGRATIONS[version].apply(session)
        session.execute(
            """INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT (key)
               DO UPDATE SET value = excluded.value""",
            [str(version + 1)],
        )
