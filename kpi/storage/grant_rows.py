"""Grants under support measures (政策兑现): one row per grant of a batch, never updated.

A grant is known by (measure, credit_code, project). A later file with the same
identity revises it (a disbursement in instalments raises its paid amount) and never
makes a second grant: the grant in force is the row of the latest batch live at the
moment read (kpi.storage.batches.live), so a revert or an earlier ``known_at`` shows
the earlier version. Picked on read, like task reports.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from kpi.storage import batches
from kpi.storage.backends import Session

#: The columns a batch's validated grant rows carry.
COLUMNS = (
    "row_no",
    "measure",
    "beneficiary",
    "credit_code",
    "project",
    "approved_yuan",
    "paid_yuan",
    "eligible_yuan",
    "approved_on",
    "approval_doc",
    "exception",
)
#: The columns of :func:`current` (``Store.grants()``): a row's fields, then its batch's.
GRANT_COLUMNS = [*COLUMNS[1:], "batch_id", "user_name", "created_at"]


def insert(cur: Session, frame: pd.DataFrame, batch_id: int) -> None:
    """A batch's validated grant rows (the columns of ``COLUMNS``)."""
    rows = frame[list(COLUMNS)].copy()
    rows.insert(0, "batch_id", batch_id)
    rows["row_no"] = rows["row_no"].astype("int64")
    for money in ("approved_yuan", "paid_yuan", "eligible_yuan"):
        rows[money] = pd.to_numeric(rows[money]).astype("float64")
    rows["approved_on"] = pd.to_datetime(rows["approved_on"]).dt.date
    for text in ("approval_doc", "exception"):
        rows[text] = rows[text].astype("object").where(rows[text].notna(), None)
    cur.insert_frame("grants", rows)


def current(cur: Session, known_at: datetime | None) -> pd.DataFrame:
    """Every grant in force as known at ``known_at`` (None: now), columns
    ``GRANT_COLUMNS``, ordered by measure, credit code and project."""
    live, params = batches.live(known_at)
    frame = cur.execute(
        f"""WITH live AS (
                SELECT g.*, b.user_name, b.created_at,
                       row_number() OVER (PARTITION BY g.measure, g.credit_code, g.project
                                          ORDER BY g.batch_id DESC, g.row_no DESC) AS n
                FROM grants g JOIN batches b ON b.id = g.batch_id AND {live})
            SELECT {", ".join(GRANT_COLUMNS)}
            FROM live WHERE n = 1 ORDER BY measure, credit_code, project""",
        params,
    ).df()
    return _typed(frame)


def history(cur: Session, measure: str | None = None) -> pd.DataFrame:
    """Every version of every grant (of one measure, if given), newest first, with its
    batch and whether the batch was reverted."""
    where, params = ("WHERE g.measure = ?", [measure]) if measure else ("", [])
    return cur.execute(
        f"""SELECT g.measure, g.beneficiary, g.credit_code, g.project, g.approved_yuan,
                   g.paid_yuan, g.eligible_yuan, g.approved_on, g.approval_doc, g.exception,
                   g.batch_id, b.user_name, b.created_at, b.reverted_at
            FROM grants g JOIN batches b ON b.id = g.batch_id {where}
            ORDER BY g.measure, g.credit_code, g.project, g.batch_id DESC""",
        params,
    ).df()


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """The same dtypes on both backends (an empty result included)."""
    out = frame.reindex(columns=GRANT_COLUMNS)
    for money in ("approved_yuan", "paid_yuan", "eligible_yuan"):
        out[money] = pd.to_numeric(out[money]).astype("float64")
    out["approved_on"] = pd.to_datetime(out["approved_on"]).dt.date
    return out
