"""Task progress files (CSV or XLSX) in, validated rows or row-level problems out.

A progress file is told from a report of figures by its header: 任务,期间,进展状态,
进展情况,下一步工作,佐证材料 (or task, period, status, progress, next_steps, evidence).
One row per task and quarter. Everything is checked before anything is written, and
every problem names its row (the header is row 1) and its column as headed in the file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pandas as pd

from kpi.access.auth import User
from kpi.domain.catalog import Catalog
from kpi.domain.periods import last_closed_quarter_end, parse_periods, quarter_label
from kpi.domain.problems import Problem, sort_problems
from kpi.domain.task_rules import REPORTED_STATUSES, TaskStatus, read_status
from kpi.domain.upload_result import UploadResult
from kpi.ingest.read import _check_text, parse_upload, read_grid

#: The columns of a progress file, each with its English and Chinese heading.
TASK_COLUMNS: dict[str, tuple[str, str]] = {
    "task": ("task", "任务"),
    "period": ("period", "期间"),
    "status": ("status", "进展状态"),
    "progress": ("progress", "进展情况"),
    "next_steps": ("next_steps", "下一步工作"),
    "evidence": ("evidence", "佐证材料"),
}
REQUIRED = ("task", "period", "status")
#: Columns a template adds for the person filling it in; reading ignores them.
HELP_COLUMNS = {"zh": ("任务名称", "牵头单位", "我单位角色"), "en": ("title", "lead_unit", "role")}
_LOOKUP = {alias.lower(): canon for canon, names in TASK_COLUMNS.items() for alias in names}


def _header(grid: pd.DataFrame) -> list[str]:
    return [str(h).strip().lstrip("\ufeff") if pd.notna(h) else "" for h in grid.iloc[0]]


def is_task_file(grid: pd.DataFrame) -> bool:
    """The header names a task and a status: a progress file, not figures."""
    if grid.empty:
        return False
    found = {_LOOKUP.get(name.lower()) for name in _header(grid)}
    return {"task", "status"} <= found


def parse_report(
    data: bytes,
    file_name: str,
    catalog: Catalog,
    today: date | None = None,
    read: tuple[pd.DataFrame | None, list[Problem]] | None = None,
) -> UploadResult:
    """Read a report of either kind (or take its grid, ``read`` by ``read_grid``) and
    validate it; nothing is written."""
    name = Path(file_name).name
    grid, problems = read_grid(data, name) if read is None else read
    if grid is not None and is_task_file(grid):
        sha = hashlib.sha256(data).hexdigest()
        return validate_task_grid(grid, catalog, today or date.today(), name, sha)
    if grid is None:
        return UploadResult(name, hashlib.sha256(data).hexdigest(), problems=problems)
    return parse_upload(data, name, catalog, today, grid=grid)


def _body(grid: pd.DataFrame) -> tuple[pd.DataFrame | None, dict[str, str], list[Problem]]:
    header = _header(grid)
    chosen: dict[str, int] = {}
    problems: list[Problem] = []
    for position, name in enumerate(header):
        canon = _LOOKUP.get(name.lower())
        if canon is None:
            continue
        if canon in chosen:
            problems.append(Problem(1, name, "duplicate_column", {"column": name}))
        else:
            chosen[canon] = position
    for canon in REQUIRED:
        if canon not in chosen:
            shown = " / ".join(TASK_COLUMNS[canon])
            problems.append(Problem(1, shown, "missing_column", {"column": shown}))
    if problems:
        return None, {}, problems
    body = grid.iloc[1:, list(chosen.values())]
    body.columns = list(chosen)
    body = body.fillna("").astype(str).apply(lambda col: col.str.strip())
    body = body[(body != "").any(axis=1)]
    if body.empty:
        return None, {}, [Problem(None, None, "empty_file")]
    body = body.assign(row_no=body.index.to_numpy() + 1)
    for canon in TASK_COLUMNS:
        if canon not in body:
            body[canon] = ""
    return body, {canon: header[pos] for canon, pos in chosen.items()}, []


def _task_lookup(catalog: Catalog) -> dict[str, str]:
    """Task codes in any case ("bj-2024.t5" → "BJ-2024.T5")."""
    return {task.code.lower(): task.code for task in catalog.tasks}


def validate_task_grid(
    grid: pd.DataFrame, catalog: Catalog, today: date, file_name: str = "", sha256: str = ""
) -> UploadResult:
    """Check every row of a progress file: a known task, a closed quarter within its
    plan, a status of the vocabulary, a narrative unless the task has not started,
    texts a cell can hold, one row per task and quarter."""
    body, headers, problems = _body(grid)
    if body is None:
        return UploadResult(file_name, sha256, problems=problems, report="tasks")
    for canon in TASK_COLUMNS:
        headers.setdefault(canon, TASK_COLUMNS[canon][0])

    def report(mask: pd.Series, column: str, code: str, **params: object) -> None:
        for idx in mask[mask].index:
            values = {k: v.at[idx] if isinstance(v, pd.Series) else v for k, v in params.items()}
            problems.append(Problem(int(body.at[idx, "row_no"]), headers[column], code, values))

    task = body["task"].str.lower().map(_task_lookup(catalog))
    period = parse_periods(body["period"])
    status = body["status"].map(read_status)
    last_closed = pd.Timestamp(last_closed_quarter_end(today))
    report(task.isna(), "task", "unknown_task", value=body["task"])
    report(period.isna(), "period", "bad_period", value=body["period"])
    report(
        period > last_closed,
        "period",
        "future_period",
        value=body["period"],
        last=quarter_label(last_closed),
    )
    _outside_plan(task, period, catalog, report)
    choices = " / ".join(f"{s.value}" for s in REPORTED_STATUSES)
    report(
        status.isna(),
        "status",
        "bad_task_status",
        value=body["status"],
        choices="未启动 / 推进中 / 已完成 / 滞后 · " + choices,
    )
    started = status.notna() & (status != TaskStatus.NOT_STARTED)
    report(started & (body["progress"] == ""), "progress", "missing_progress")
    for column in ("progress", "next_steps", "evidence"):
        _check_text(body[column], column, report)
    key = task.fillna("") + "|" + period.astype(str)
    complete = task.notna() & period.notna()
    dup = key[complete].duplicated(keep="first")
    if dup.any():
        first = body["row_no"][complete].groupby(key[complete]).transform("first").astype(int)
        report(
            dup.reindex(body.index, fill_value=False),
            "period",
            "duplicate_task_row",
            first=first.reindex(body.index),
        )
    problems = sort_problems(problems)
    rows = pd.DataFrame(
        {
            "row_no": body["row_no"].astype("int64"),
            "task": task,
            "quarter_end": period.dt.date,
            "status": status.map(lambda s: str(s) if isinstance(s, str) else None),
            "progress": body["progress"].where(body["progress"] != "", None),
            "next_steps": body["next_steps"].where(body["next_steps"] != "", None),
            "evidence": body["evidence"].where(body["evidence"] != "", None),
        }
    )
    kept = rows if not problems else rows.iloc[0:0]
    kept.attrs["headers"] = dict(headers)  # the file's own headings, for later problems
    return UploadResult(file_name, sha256, kept, problems, report="tasks")


def _outside_plan(
    task: pd.Series, period: pd.Series, catalog: Catalog, report: Callable[..., None]
) -> None:
    """A quarter ending before the plan starts, or starting after the task's deadline."""
    spans = {
        t.code: (pd.Timestamp(catalog.plan(t.plan).start), pd.Timestamp(catalog.task_deadline(t)))
        for t in catalog.tasks
    }
    start = pd.to_datetime(task.map(lambda c: spans[c][0], na_action="ignore"))
    end = pd.to_datetime(task.map(lambda c: spans[c][1], na_action="ignore"))
    quarter_start = period - pd.offsets.QuarterBegin(startingMonth=1)
    outside = period.notna() & task.notna() & ((period < start) | (quarter_start > end))
    if not outside.any():
        return
    report(
        outside,
        "period",
        "period_outside_plan",
        value=body_label(period),
        start=start.dt.date.astype(str),
        end=end.dt.date.astype(str),
    )


def body_label(period: pd.Series) -> pd.Series:
    """Quarter labels (2025Q3) of quarter-end timestamps, "" where there is none."""
    return period.map(lambda p: quarter_label(p) if pd.notna(p) else "")


def permission_problems(user: User | None, rows: pd.DataFrame, catalog: Catalog) -> list[Problem]:
    """One problem per row the user may not report: editors only for the tasks their
    units lead or cooperate on; admins for all."""
    if user is None:
        return [Problem(None, None, "not_signed_in")]
    if not user.may_report_tasks:
        return [Problem(None, None, "may_not_report_tasks", {"role": user.role})]
    if rows.empty or user.is_admin:
        return []
    mine = "、".join(catalog.unit(u).name_zh for u in sorted(user.units) if u in _units(catalog))
    column = rows.attrs.get("headers", {}).get("task", "task")
    out = []
    for row in rows.itertuples(index=False):
        codes = {u.code for u in catalog.task_units(catalog.task(row.task))}
        if not user.may_report(codes):
            params = {"value": row.task, "allowed": mine}
            out.append(Problem(int(row.row_no), column, "task_not_assigned", params))
    return out


def _units(catalog: Catalog) -> set[str]:
    return {u.code for u in catalog.units}


def preview_diff(rows: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    """What committing a progress file changes, per row: new, revised (old status →
    new) or unchanged, against the reports in force (``Store.task_reports()``)."""
    now = current[["task", "quarter_end", "status", "progress"]].rename(
        columns={"status": "old", "progress": "old_progress"}
    )
    now = now.assign(quarter_end=pd.to_datetime(now["quarter_end"]))
    incoming = rows.assign(quarter_end=pd.to_datetime(rows["quarter_end"]))
    merged = incoming.merge(now, on=["task", "quarter_end"], how="left")
    change = pd.Series("revised", index=merged.index)
    change[merged["old"].isna()] = "new"
    same = (merged["old"] == merged["status"]) & (
        merged["old_progress"].fillna("") == merged["progress"].fillna("")
    )
    change[same] = "unchanged"
    return pd.DataFrame(
        {
            "row": merged["row_no"].astype("int64"),
            "task": merged["task"],
            "period": merged["quarter_end"].map(quarter_label),
            "old": merged["old"],
            "new": merged["status"],
            "change": change,
            "progress": merged["progress"],
        }
    ).sort_values("row", ignore_index=True)
