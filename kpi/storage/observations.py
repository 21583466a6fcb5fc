"""Observations and their current values.

Observations are never updated or deleted: a re-upload is a new batch, and the
current value of a (jurisdiction, metric, quarter) is the one from the latest batch
that is not reverted. Every commit and revert keeps table current_values so, in
its transaction; the values as known at a past moment are picked from the
observations of the batches live then (kpi.storage.batches.live).
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pyarrow as pa

from kpi.storage import batches
from kpi.storage.backends import Session
from kpi.storage.dialect import Dialect

#: The current values as kept by every commit and revert (the latest live batch's value
#: of each quarter, read without picking it out of the observations).
CURRENT_VALUES_SQL = "SELECT jurisdiction, metric, quarter_end, value, batch_id FROM current_values"


def _latest_observations_sql(dialect: Dialect, live: str) -> str:
    return dialect.latest_per_group(
        f"observations o JOIN batches b ON b.id = o.batch_id AND {live}",
        ["o.jurisdiction", "o.metric", "o.quarter_end"],
        ["o.value"],
        "o.batch_id",
    )


def values_source(dialect: Dialect, known_at: datetime | None) -> tuple[str, list]:
    """The values to read (SQL of jurisdiction, metric, quarter_end, value, batch_id rows)
    and its parameters: the kept current values, or the values as known at a moment."""
    if known_at is None:
        return CURRENT_VALUES_SQL, []
    live, params = batches.live(known_at)
    return _latest_observations_sql(dialect, live), params


def _same_quarter(a: str, b: str) -> str:
    """SQL: rows ``a`` and ``b`` are values of the same series and quarter."""
    return " AND ".join(f"{a}.{c} = {b}.{c}" for c in ("jurisdiction", "metric", "quarter_end"))


def insert(cur: Session, frame: pd.DataFrame, batch_id: int) -> None:
    """A batch's validated rows (columns row_no, jurisdiction, metric, quarter_end, value,
    source, note and, when given, reason and next_steps) as observations."""
    cur.insert_frame("observations", _observation_rows(frame, batch_id))


_DATE = pd.ArrowDtype(pa.date32())


def _dates(column: pd.Series) -> pd.Series:
    """Quarter ends as Arrow dates (validation gives them so; other callers may pass
    Timestamps or ``datetime.date``): no million Python objects on the way in."""
    if column.dtype == _DATE:
        return column
    return pd.to_datetime(column).astype(_DATE)


def _observation_rows(frame: pd.DataFrame, batch_id: int) -> pd.DataFrame:
    """Validated rows as the observations table's columns and types."""
    return pd.DataFrame(
        {
            "batch_id": batch_id,
            "row_no": frame["row_no"],
            "jurisdiction": frame["jurisdiction"],
            "metric": frame["metric"],
            "quarter_end": _dates(frame["quarter_end"]),
            "value": frame["value"].astype(float),
            "source": frame["source"],
            "note": frame["note"],
            "reason": frame.get("reason"),
            "next_steps": frame.get("next_steps"),
        }
    )


def keep_current_after_commit(cur: Session, batch_id: int) -> None:
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


def keep_current_after_revert(cur: Session, batch_id: int) -> None:
    """Where the reverted batch held the current value, the latest live batch's value of
    that quarter (if any) takes its place; run after the batch is marked reverted."""
    cur.execute("DELETE FROM current_values WHERE batch_id = ?", [batch_id])
    touched = (
        f"EXISTS (SELECT 1 FROM observations r WHERE r.batch_id = ? AND {_same_quarter('r', 'o')})"
    )
    latest = _latest_observations_sql(cur.dialect, f"{batches.LIVE_NOW} WHERE {touched}")
    cur.execute(
        f"""INSERT INTO current_values (jurisdiction, metric, quarter_end, value, batch_id)
            SELECT l.jurisdiction, l.metric, l.quarter_end, l.value, l.batch_id
            FROM ({latest}) l
            WHERE NOT EXISTS (SELECT 1 FROM current_values c
                              WHERE {_same_quarter("c", "l")})""",
        [batch_id],
    )


def current(cur: Session, jurisdiction: str | None, known_at: datetime | None) -> pd.DataFrame:
    """Current value per (jurisdiction, metric, quarter_end), or as known at a moment."""
    source, params = values_source(cur.dialect, known_at)
    return cur.execute(
        f"""SELECT * FROM ({source}) c
            WHERE CAST(? AS VARCHAR) IS NULL OR jurisdiction = ?
            ORDER BY jurisdiction, metric, quarter_end""",
        [*params, jurisdiction, jurisdiction],
    ).df()


def series_history(cur: Session, jurisdiction: str, metric: str) -> pd.DataFrame:
    """Every version of every quarter of one series, with its batch, newest first."""
    return cur.execute(
        """SELECT o.quarter_end, o.value, o.source, o.note, o.reason, o.next_steps, o.batch_id,
                  b.file_name, b.user_name, b.created_at, b.is_sample,
                  b.reverted_at, b.reverted_by,
                  o.batch_id = max(o.batch_id) FILTER (WHERE b.reverted_at IS NULL)
                      OVER (PARTITION BY o.quarter_end) AS is_current
           FROM observations o JOIN batches b ON b.id = o.batch_id
           WHERE o.jurisdiction = ? AND o.metric = ?
           ORDER BY o.quarter_end DESC, o.batch_id DESC""",
        [jurisdiction, metric],
    ).df()


def reasons(cur: Session, jurisdiction: str | None, known_at: datetime | None) -> pd.DataFrame:
    """The reason and next steps reported with each current value (or as known at a
    moment) that has either, with who reported it and when."""
    source, params = values_source(cur.dialect, known_at)
    return cur.execute(
        f"""SELECT c.jurisdiction, c.metric, c.quarter_end, o.reason, o.next_steps,
                   b.user_name AS reported_by, b.created_at AS reported_at
            FROM ({source}) c
            JOIN observations o ON o.batch_id = c.batch_id AND {_same_quarter("o", "c")}
            JOIN batches b ON b.id = c.batch_id
            WHERE (o.reason IS NOT NULL OR o.next_steps IS NOT NULL)
              AND (CAST(? AS VARCHAR) IS NULL OR c.jurisdiction = ?)
            ORDER BY c.jurisdiction, c.metric, c.quarter_end""",
        [*params, jurisdiction, jurisdiction],
    ).df()
