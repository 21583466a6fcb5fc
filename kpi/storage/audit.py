"""The audit log (who did what, when) and the data version every change bumps."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from kpi.storage.backends import Session


def now() -> datetime:
    """The time stamp of a write: local time, whole seconds."""
    return datetime.now().replace(microsecond=0)


def record(
    cur: Session,
    user: str,
    action: str,
    detail: str,
    batch_id: int | None = None,
    at: datetime | None = None,
) -> None:
    """One audit entry, in the caller's transaction."""
    cur.execute(
        """INSERT INTO audit_log (logged_at, user_name, action, batch_id, detail)
           VALUES (?, ?, ?, ?, ?)""",
        [at or now(), user, action, batch_id, detail],
    )


def entries(cur: Session) -> pd.DataFrame:
    """Every entry, oldest first."""
    return cur.execute(
        "SELECT logged_at, user_name, action, batch_id, detail FROM audit_log "
        # insertion order within a second
        f"ORDER BY logged_at, {cur.dialect.insertion_order}"
    ).df()


def for_series(cur: Session, jurisdiction: str, metric: str, include_catalog: bool) -> pd.DataFrame:
    """Entries of the batches that touched one series, and catalog changes; newest first."""
    return cur.execute(
        """SELECT logged_at, user_name, action, batch_id, detail FROM audit_log
           WHERE batch_id IN (SELECT DISTINCT batch_id FROM observations
                              WHERE jurisdiction = ? AND metric = ?)
              OR (CAST(? AS BOOLEAN) AND action = 'catalog')
           ORDER BY logged_at DESC, batch_id DESC""",
        [jurisdiction, metric, include_catalog],
    ).df()


def data_version(cur: Session) -> int:
    row = cur.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
    return int(row[0]) if row else 0


def bump_data_version(cur: Session) -> None:
    cur.execute(
        """INSERT INTO meta VALUES ('data_version', '1') ON CONFLICT (key)
           DO UPDATE SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS VARCHAR)"""
    )
