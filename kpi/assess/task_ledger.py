"""The task ledger read from the store: every task's status at the last closed quarter,
with its latest report, as known at a moment.

The quarter a report is due for is the last quarter closed on the as-of date, but not
after the quarter of the task's deadline; nothing is due before the plan's first
quarter has closed. The status follows kpi.domain.task_rules.status_at: the due quarter's
report, else "completed" when the task was reported completed earlier, else
"not reported" (逾期未报) when a report was due.
"""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd

from kpi.domain.catalog import Catalog, Task
from kpi.domain.periods import last_closed_quarter_end, quarter_label
from kpi.domain.task_rules import ATTENTION_ORDER, status_at
from kpi.storage.store import Store

#: The columns of a ledger frame (``ledger``), in order.
LEDGER_COLUMNS = [
    "task",
    "plan",
    "jurisdiction",
    "kind",
    "number",
    "section",
    "title_zh",
    "title_en",
    "text_zh",
    "text_en",
    "units",
    "lead",
    "targets",
    "deadline",
    "due_quarter",
    "status",
    "period",
    "progress",
    "next_steps",
    "evidence",
    "reported_by",
    "reported_at",
]


def _quarter_end(day: date) -> date:
    """The end of the quarter holding ``day``."""
    month = 3 * ((day.month - 1) // 3) + 3
    return (pd.Timestamp(day.year, month, 1) + pd.offsets.MonthEnd(0)).date()


def due_quarter(catalog: Catalog, task: Task, as_of: date) -> date | None:
    """The quarter (its end) a report of ``task`` is due for on ``as_of``, or None
    while the plan's first quarter has not closed."""
    last_closed = last_closed_quarter_end(as_of)
    due = min(last_closed, _quarter_end(catalog.task_deadline(task)))
    first = _quarter_end(catalog.plan(task.plan).start)
    return due if due >= first else None


def ledger(
    catalog: Catalog,
    reports: pd.DataFrame,
    as_of: date,
    tasks: list[Task] | None = None,
) -> pd.DataFrame:
    """One row per task (of ``tasks``, default all) with its status and latest report
    up to its due quarter. ``reports`` is ``Store.task_reports(known_at)``. Columns
    ``LEDGER_COLUMNS``; ``units`` and ``targets`` are lists of codes, lead first."""
    chosen = list(catalog.tasks) if tasks is None else tasks
    by_task: dict[str, pd.DataFrame] = {}
    if not reports.empty:
        frame = reports.assign(quarter_end=pd.to_datetime(reports["quarter_end"]).dt.date)
        by_task = {code: group for code, group in frame.groupby("task")}
    rows = []
    for task in chosen:
        due = due_quarter(catalog, task, as_of)
        limit = due or last_closed_quarter_end(as_of)
        own = by_task.get(task.code)
        latest = None
        if own is not None:
            upto = own[own["quarter_end"] <= limit]
            if not upto.empty:
                latest = upto.sort_values("quarter_end").iloc[-1]
        status = status_at(
            latest["status"] if latest is not None else None,
            latest is not None and latest["quarter_end"] == due,
            due is not None,
        )
        units = catalog.task_units(task)
        rows.append(
            {
                "task": task.code,
                "plan": task.plan,
                "jurisdiction": catalog.plan(task.plan).jurisdiction,
                "kind": task.kind,
                "number": task.number,
                "section": task.section,
                "title_zh": task.title_zh,
                "title_en": task.title_en,
                "text_zh": task.text_zh,
                "text_en": task.text_en,
                "units": [u.code for u in units],
                "lead": units[0].code if units else None,
                "targets": list(task.targets),
                "deadline": catalog.task_deadline(task),
                "due_quarter": quarter_label(due) if due else None,
                "status": status.value,
                "period": quarter_label(latest["quarter_end"]) if latest is not None else None,
                "progress": _text(latest, "progress"),
                "next_steps": _text(latest, "next_steps"),
                "evidence": _text(latest, "evidence"),
                "reported_by": _text(latest, "user_name"),
                "reported_at": latest["created_at"] if latest is not None else None,
            }
        )
    return pd.DataFrame(rows, columns=LEDGER_COLUMNS)


def _text(row: pd.Series | None, column: str) -> str | None:
    if row is None or column not in row or pd.isna(row[column]):
        return None
    return str(row[column])


def store_ledger(
    store: Store,
    as_of: date,
    known_at: datetime | None = None,
    plan: str | None = None,
    unit: str | None = None,
    jurisdiction: str | None = None,
) -> pd.DataFrame:
    """The ledger of the store's catalog and reports as known at ``known_at``: of one
    plan, of one unit's tasks (code; lead or cooperating) or of one jurisdiction."""
    catalog = store.catalog()
    tasks = [
        t
        for t in catalog.tasks
        if (plan is None or t.plan == plan)
        and (jurisdiction is None or catalog.plan(t.plan).jurisdiction == jurisdiction)
        and (unit is None or unit in {u.code for u in catalog.task_units(t)})
    ]
    return ledger(catalog, store.task_reports(known_at), as_of, tasks)


def attention_order(frame: pd.DataFrame) -> pd.DataFrame:
    """Overdue (not reported) and delayed first, then not started, in progress,
    completed; within a status by plan and number."""
    rank = {s.value: i for i, s in enumerate(ATTENTION_ORDER)}
    return (
        frame.assign(_rank=frame["status"].map(rank), _kind=frame["kind"] != "task")
        .sort_values(["_rank", "plan", "_kind", "number"], kind="stable")
        .drop(columns=["_rank", "_kind"])
        .reset_index(drop=True)
    )


def status_counts(frame: pd.DataFrame) -> dict[str, int]:
    """How many tasks have each status (every status present, zero or more)."""
    found = frame["status"].value_counts() if not frame.empty else pd.Series(dtype=int)
    return {s.value: int(found.get(s.value, 0)) for s in ATTENTION_ORDER}


def unit_summary(catalog: Catalog, frame: pd.DataFrame) -> pd.DataFrame:
    """Per unit named by the ledger's tasks: how many it leads and cooperates on, how
    many of them are reported for their due quarter (completeness), and the counts by
    status. Columns unit, jurisdiction, leads, cooperating, tasks_due, tasks_reported,
    and one per status."""
    rows = []
    for unit in catalog.units:
        mine = frame[frame["units"].map(lambda codes, c=unit.code: c in codes)]
        if mine.empty:
            continue
        due = mine[mine["due_quarter"].notna()]
        reported = due[due["period"] == due["due_quarter"]]
        counts = status_counts(mine)
        rows.append(
            {
                "unit": unit.code,
                "jurisdiction": unit.jurisdiction,
                "leads": int((mine["lead"] == unit.code).sum()),
                "cooperating": int((mine["lead"] != unit.code).sum()),
                "tasks_due": len(due),
                "tasks_reported": len(reported),
                **counts,
            }
        )
    columns = ["unit", "jurisdiction", "leads", "cooperating", "tasks_due", "tasks_reported"]
    return pd.DataFrame(rows, columns=columns + [s.value for s in ATTENTION_ORDER])


def open_quarters(catalog: Catalog, task: Task, reports: pd.DataFrame, as_of: date) -> list[date]:
    """The quarters (ends) a report of ``task`` is due for and missing on ``as_of``,
    from the plan's first quarter to the due quarter; the next quarter to come when
    none is missing and the task has not ended (a template row to fill in later)."""
    due = due_quarter(catalog, task, as_of)
    first = _quarter_end(catalog.plan(task.plan).start)
    have = set()
    if not reports.empty:
        own = reports[reports["task"] == task.code]
        have = set(pd.to_datetime(own["quarter_end"]).dt.date)
    quarters = []
    if due is not None:
        quarter = first
        while quarter <= due:
            if quarter not in have:
                quarters.append(quarter)
            quarter = _quarter_end(quarter + pd.Timedelta(days=1))
    if not quarters:
        upcoming = _quarter_end((due or first) + pd.Timedelta(days=1)) if due else first
        if upcoming <= _quarter_end(catalog.task_deadline(task)):
            quarters.append(upcoming)
    return quarters
