"""Task progress reports: one row per task and quarter of a batch, never updated.

A re-upload is a new batch; the report of a (task, quarter) is the one of the latest
batch live at the moment read (kpi.storage.batches.live), so a revert or an earlier
``known_at`` shows the earlier report. The table is small (tasks × quarters ×
versions), so the latest report is picked on read, not kept.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from kpi.storage import batches
from kpi.storage.backends import Session

COLUMNS = ("row_no", "task", "quarter_end", "status", "progress", "next_steps", "evidence")


def insert(cur: Session, frame: pd.DataFrame, batch_id: int) -> None:
    """A batch's validated report rows (the columns of ``COLUMNS``)."""
    rows = frame[list(COLUMNS)].copy()
    rows.insert(0, "batch_id", batch_id)
    rows["row_no"] = rows["row_no"].astype("int64")
    rows["quarter_end"] = pd.to_datetime(rows["quarter_end"]).dt.date
    cur.insert_frame("task_reports", rows)


def current(cur: Session, known_at: datetime | None) -> pd.DataFrame:
    """The report of every (task, quarter) as known at ``known_at`` (None: now): task,
    quarter_end, status, progress, next_steps, evidence, batch_id, user_name,
    created_at."""
    live, params = batches.live(known_at)
    return cur.execute(
        f"""WITH live AS (
                SELECT r.*, b.user_name, b.created_at,
                       row_number() OVER (PARTITION BY r.task, r.quarter_end
                                          ORDER BY r.batch_id DESC, r.row_no DESC) AS n
                FROM task_reports r JOIN batches b ON b.id = r.batch_id AND {live})
            SELECT task, quarter_end, status, progress, next_steps, evidence, batch_id,
                   user_name, created_at
            FROM live WHERE n = 1 ORDER BY task, quarter_end""",
        params,
    ).df()


def history(cur: Session, task: str) -> pd.DataFrame:
    """Every version of every quarter's report of one task, newest first, with its batch
    and whether the batch was reverted."""
    return cur.execute(
        """SELECT r.quarter_end, r.status, r.progress, r.next_steps, r.evidence, r.batch_id,
                  b.user_name, b.created_at, b.reverted_at
           FROM task_reports r JOIN batches b ON b.id = r.batch_id
           WHERE r.task = ? ORDER BY r.quarter_end DESC, r.batch_id DESC""",
        [task],
    ).df()


# ---- the units an account reports for ----------------------------------------------------
def units_of(cur: Session, user: str) -> list[str]:
    rows = cur.execute(
        "SELECT unit FROM user_units WHERE user_name = ? ORDER BY unit", [user]
    ).fetchall()
    return [r[0] for r in rows]


def set_units(cur: Session, user: str, units: list[str]) -> None:
    """Replace the units of an account (its audit entry is the caller's)."""
    cur.execute("DELETE FROM user_units WHERE user_name = ?", [user])
    for unit in sorted(set(units)):
        cur.execute("INSERT INTO user_units VALUES (?, ?)", [user, unit])


def all_units(cur: Session) -> pd.DataFrame:
    return cur.execute("SELECT user_name, unit FROM user_units ORDER BY user_name, unit").df()
