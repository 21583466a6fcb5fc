"""Upload batches: which batches are live at a moment, and the batches table's rows.

A batch is written once and never deleted; a revert only marks it. Whether a batch
counts is the one rule below, used by every query that reads values as known at a
moment and by the briefing's count of uploads.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from kpi.storage.backends import Session
from kpi.storage.failures import StoreError

#: A batch (alias ``b``) counts now while it is not reverted.
LIVE_NOW = "b.reverted_at IS NULL"
# A batch counts at a moment (two bound parameters, the same moment) when it was
# committed by then and not reverted by then.
LIVE_AT = (
    "b.created_at <= CAST(? AS TIMESTAMP) "
    "AND (b.reverted_at IS NULL OR b.reverted_at > CAST(? AS TIMESTAMP))"
)

_COLUMNS = (
    "id, file_name, sha256, n_rows, user_name, created_at, is_sample, reverted_at, reverted_by"
)


def live(known_at: datetime | None) -> tuple[str, list[datetime]]:
    """SQL condition on batch ``b`` that it counts as known at ``known_at`` (None: now),
    and its parameters."""
    if known_at is None:
        return LIVE_NOW, []
    return LIVE_AT, [known_at, known_at]


def live_duplicate(cur: Session, sha256: str) -> int | None:
    """The first live batch holding a file of this sha256, if any."""
    existing = cur.scalar(
        f"SELECT min(id) FROM batches b WHERE b.sha256 = ? AND {LIVE_NOW}",
        [sha256],
    )
    return None if existing is None else int(existing)


def insert(
    cur: Session,
    file_name: str,
    sha256: str,
    n_rows: int,
    user: str,
    at: datetime,
    is_sample: bool,
) -> int:
    """A new batch's row; its id."""
    batch_id = int(cur.scalar("SELECT nextval('batch_ids')"))
    cur.execute(
        """INSERT INTO batches (id, file_name, sha256, n_rows, user_name, created_at,
                                is_sample) VALUES (?, ?, ?, ?, ?, ?, ?)""",
        [batch_id, file_name, sha256, n_rows, user, at, is_sample],
    )
    return batch_id


def mark_reverted(cur: Session, batch_id: int, user: str, at: datetime) -> str:
    """Mark a live batch reverted; its file name. StoreError if it is none or reverted."""
    row = cur.execute(
        "SELECT reverted_at, file_name FROM batches WHERE id = ?", [batch_id]
    ).fetchone()
    if row is None:
        raise StoreError("store.no_batch", batch=batch_id)
    if row[0] is not None:
        raise StoreError("store.already_reverted", batch=batch_id, at=row[0])
    cur.execute(
        "UPDATE batches SET reverted_at = ?, reverted_by = ? WHERE id = ?",
        [at, user, batch_id],
    )
    return row[1]


def all_batches(cur: Session) -> pd.DataFrame:
    return cur.execute(f"SELECT {_COLUMNS} FROM batches ORDER BY id").df()


def live_batches(cur: Session, known_at: datetime | None) -> pd.DataFrame:
    """The batches that count as known at ``known_at`` (None: now), as ``all_batches``."""
    condition, params = live(known_at)
    return cur.execute(
        f"SELECT {_COLUMNS} FROM batches b WHERE {condition} ORDER BY id", params
    ).df()


def history(cur: Session) -> pd.DataFrame:
    """Batches, newest first, with the jurisdictions they touch and their stored row count."""
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


def has_live_sample(cur: Session) -> bool:
    """True while any live batch holds sample (demo) data."""
    return bool(cur.scalar(f"SELECT count(*) FROM batches b WHERE b.is_sample AND {LIVE_NOW}"))
