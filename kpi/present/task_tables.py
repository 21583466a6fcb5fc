"""The task ledger in words: tables for the Tasks, target and unit views, the headline
sentence per jurisdiction, the notes on plans without units, and the JSON records of
``kpi tasks``. Frames come from kpi.assess.task_ledger (codes and canonical columns);
everything here takes the reader's Locale."""

from __future__ import annotations

from typing import Any

import pandas as pd

from kpi.assess.task_ledger import attention_order, open_quarters, status_counts
from kpi.domain.catalog import Catalog
from kpi.domain.periods import quarter_label
from kpi.domain.task_rules import ATTENTION_ORDER, TaskStatus
from kpi.present.locale import TASK_COLUMN_PREFIX, Locale

#: The order statuses are told in a headline: done first, trouble last (as read aloud).
HEADLINE_ORDER = (
    TaskStatus.COMPLETED,
    TaskStatus.IN_PROGRESS,
    TaskStatus.NOT_STARTED,
    TaskStatus.DELAYED,
    TaskStatus.NOT_REPORTED,
)
#: Statuses that need a supervisor's attention.
ATTENTION = (TaskStatus.NOT_REPORTED.value, TaskStatus.DELAYED.value)


def status_word(loc: Locale, status: str | None) -> str:
    return loc.t(f"tasks.status.{status}") if status else ""


def task_label(loc: Locale, kind: str, number: int) -> str:
    """'重点任务 5' / 'task 5': how the plan numbers it, without a code."""
    return f"{loc.t(f'tasks.kind.{kind}')} {int(number)}"


def _unit_names(catalog: Catalog, loc: Locale, codes: list[str]) -> str:
    return loc.t("word.list_separator").join(loc.name(catalog.unit(c)) for c in codes)


def _title(loc: Locale, row: Any) -> str:
    return row.title_en if loc.lang == "en" and row.title_en else row.title_zh


def ledger_table(
    frame: pd.DataFrame, catalog: Catalog, loc: Locale, with_place: bool = True
) -> pd.DataFrame:
    """The ledger for reading: the plan's numbering and title, units by name, status
    in words, the latest report's quarter, narrative and next steps; no codes, no
    empty 'None'. Canonical column names, headed where drawn."""
    rows = []
    for row in frame.itertuples(index=False):
        lead = [row.lead] if isinstance(row.lead, str) else []
        cooperating = [c for c in row.units if c != row.lead]
        rows.append(
            {
                "jurisdiction": loc.name(catalog.jurisdiction(row.jurisdiction)),
                "task": task_label(loc, row.kind, row.number),
                "title": _title(loc, row),
                "lead": _unit_names(catalog, loc, lead) or "—",
                "cooperating": _unit_names(catalog, loc, cooperating),
                "status": status_word(loc, row.status),
                "period": _given(row.period),
                "progress": _given(row.progress)
                or (loc.t("tasks.no_report") if not _given(row.period) else ""),
                "next_steps": _given(row.next_steps),
                "evidence": _given(row.evidence),
            }
        )
    columns = [
        "jurisdiction",
        "task",
        "title",
        "lead",
        "cooperating",
        "status",
        "period",
        "progress",
        "next_steps",
        "evidence",
    ]
    table = pd.DataFrame(rows, columns=columns)
    return table if with_place else table.drop(columns=["jurisdiction"])


def _given(value: Any) -> str:
    """A text cell, "" for none (None, or NaN after a frame's round trip)."""
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def counts_table(frame: pd.DataFrame, loc: Locale) -> pd.DataFrame:
    """Status counts in the attention order: status (words), total."""
    counts = status_counts(frame)
    return pd.DataFrame(
        {
            "status": [status_word(loc, s.value) for s in ATTENTION_ORDER],
            "total": [counts[s.value] for s in ATTENTION_ORDER],
        }
    )


def headline(frame: pd.DataFrame, place: str, loc: Locale) -> str:
    """'北京市 24 项任务：3 项推进中，2 项滞后，1 项逾期未报' (statuses present only)."""
    if frame.empty:
        return loc.t("tasks.headline_empty", place=place)
    counts = status_counts(frame)
    parts = [
        loc.t("tasks.headline_part", count=counts[s.value], status=status_word(loc, s.value))
        for s in HEADLINE_ORDER
        if counts[s.value]
    ]
    separator = "，" if loc.lang == "zh" else ", "
    return loc.t("tasks.headline", place=place, count=len(frame), parts=separator.join(parts))


def jurisdiction_headlines(frame: pd.DataFrame, catalog: Catalog, loc: Locale) -> list[str]:
    """One headline per jurisdiction with tasks, in catalog order."""
    out = []
    for place in catalog.jurisdictions:
        mine = frame[frame["jurisdiction"] == place.code]
        if not mine.empty:
            out.append(headline(mine, loc.name(place), loc))
    return out


def no_unit_notes(frame: pd.DataFrame, catalog: Catalog, loc: Locale) -> list[str]:
    """A note for each plan of the frame whose tasks name no unit (the Shanghai repost)."""
    notes = []
    for plan in dict.fromkeys(frame["plan"]):
        tasks = frame[frame["plan"] == plan]
        if tasks["units"].map(len).sum() == 0:
            notes.append(loc.t("tasks.no_units", plan=loc.name(catalog.plan(plan))))
    return notes


def unit_table(summary: pd.DataFrame, catalog: Catalog, loc: Locale) -> pd.DataFrame:
    """``task_ledger.unit_summary`` for reading: names and completeness; the count of
    each status in a column ``task_<status>`` (headed by the status's words where drawn)."""
    out = summary.assign(
        unit=[loc.name(catalog.unit(c)) for c in summary["unit"]],
        jurisdiction=[loc.name(catalog.jurisdiction(c)) for c in summary["jurisdiction"]],
    )
    return out.rename(columns={s.value: f"{TASK_COLUMN_PREFIX}{s.value}" for s in ATTENTION_ORDER})


def serving_table(frame: pd.DataFrame, target: str, catalog: Catalog, loc: Locale) -> pd.DataFrame:
    """The tasks serving one target, with their status and latest narrative."""
    serving = frame[frame["targets"].map(lambda codes: target in codes)]
    table = ledger_table(serving, catalog, loc, with_place=False)
    return table[["task", "title", "lead", "status", "period", "progress"]]


def records(frame: pd.DataFrame, catalog: Catalog) -> list[dict[str, Any]]:
    """``kpi tasks --format json``: one item per task, codes and the texts as given;
    ``units`` are names (zh), lead first, ``unit_codes`` their codes."""
    out = []
    for row in frame.itertuples(index=False):
        out.append(
            {
                "task": row.task,
                "plan": row.plan,
                "jurisdiction": row.jurisdiction,
                "kind": row.kind,
                "number": int(row.number),
                "section": row.section,
                "title_zh": row.title_zh,
                "title_en": row.title_en,
                "text_zh": row.text_zh,
                "text_en": row.text_en,
                "units": [catalog.unit(c).name_zh for c in row.units],
                "unit_codes": list(row.units),
                "targets": list(row.targets),
                "deadline": row.deadline.isoformat(),
                "due_quarter": _given(row.due_quarter) or None,
                "status": row.status,
                "period": _given(row.period) or None,
                "progress": _given(row.progress) or None,
                "next_steps": _given(row.next_steps) or None,
                "evidence": _given(row.evidence) or None,
                "reported_by": _given(row.reported_by) or None,
            }
        )
    return out


#: The headers of a progress template, as kpi.ingest.progress_files reads them, then help
#: columns it ignores.
TEMPLATE_HEADERS = {
    "zh": [
        "任务",
        "期间",
        "进展状态",
        "进展情况",
        "下一步工作",
        "佐证材料",
        "任务名称",
        "牵头单位",
        "我单位角色",
    ],
    "en": [
        "task",
        "period",
        "status",
        "progress",
        "next_steps",
        "evidence",
        "title",
        "lead_unit",
        "role",
    ],
}


def progress_template(
    catalog: Catalog,
    reports: pd.DataFrame,
    as_of: Any,
    loc: Locale,
    unit: str | None = None,
    plan: str | None = None,
) -> pd.DataFrame:
    """One row per task of ``unit`` (lead or cooperating) or of ``plan`` and open quarter,
    its code and quarter filled in, the status and texts left to the unit; the task's
    title, lead unit and the unit's role beside, for the person filling it in."""
    rows = []
    for task in catalog.tasks:
        codes = [u.code for u in catalog.task_units(task)]
        if unit is not None and unit not in codes:
            continue
        if plan is not None and task.plan != plan:
            continue
        lead = loc.name(catalog.unit(codes[0])) if codes else ""
        role = ""
        if unit is not None:
            role = loc.t("tasks.role.lead" if codes[0] == unit else "tasks.role.cooperating")
        title = task.title_en if loc.lang == "en" and task.title_en else task.title_zh
        for quarter in open_quarters(catalog, task, reports, as_of):
            rows.append([task.code, quarter_label(quarter), "", "", "", "", title, lead, role])
    return pd.DataFrame(rows, columns=TEMPLATE_HEADERS[loc.lang])


def preview_table(diff: pd.DataFrame, catalog: Catalog, loc: Locale) -> pd.DataFrame:
    """The preview of a progress file (kpi.ingest.progress_files.preview_diff) in words."""
    return pd.DataFrame(
        {
            "row": diff["row"],
            "task": [
                task_label(loc, catalog.task(c).kind, catalog.task(c).number)
                + " · "
                + _title(loc, catalog.task(c))
                for c in diff["task"]
            ],
            "period": diff["period"],
            "old": [status_word(loc, s) if isinstance(s, str) else "" for s in diff["old"]],
            "new": [status_word(loc, s) for s in diff["new"]],
            "change": [loc.t(f"change.{c}") for c in diff["change"]],
            "progress": diff["progress"].fillna(""),
        }
    )


def plan_choices(frame: pd.DataFrame) -> list[str]:
    """The plans of a ledger frame, in its order."""
    return list(dict.fromkeys(frame["plan"]))


def unit_choices(frame: pd.DataFrame, catalog: Catalog) -> list[str]:
    """The units named by a ledger frame's tasks, in catalog order."""
    named = {c for codes in frame["units"] for c in codes}
    return [u.code for u in catalog.units if u.code in named]


def unit_split(frame: pd.DataFrame, unit: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the tasks ``unit`` leads, those it cooperates on), each in attention order."""
    mine = frame[frame["units"].map(lambda codes: unit in codes)]
    lead = attention_order(mine[mine["lead"] == unit])
    return lead, attention_order(mine[mine["lead"] != unit])


def plans_without_units(catalog: Catalog) -> list[str]:
    """Plans with tasks of which none names a unit (only an administrator reports them)."""
    return [
        p.code
        for p in catalog.plans
        if (mine := [t for t in catalog.tasks if t.plan == p.code])
        and not any(t.units for t in mine)
    ]


def template_choice(catalog: Catalog, choice: str, loc: Locale) -> str:
    """A unit code, or "plan:CODE" for a plan's tasks, as a reader picks it."""
    if choice.startswith("plan:"):
        return loc.name(catalog.plan(choice.removeprefix("plan:")))
    return loc.name(catalog.unit(choice))
