"""The evaluation report's task ledger (三、重点任务推进情况, and the tasks of 五 and 六):
the Tasks page's views (kpi.assess.task_ledger.unit_summary, kpi.present.task_tables)
as table rows and sentences, so every count agrees with the page and ``kpi tasks``."""

from __future__ import annotations

import pandas as pd

from kpi.assess.task_ledger import attention_order, unit_summary
from kpi.domain.catalog import Catalog
from kpi.present.documents.task_blocks import attention_rows
from kpi.present.locale import TASK_COLUMN_PREFIX, Locale
from kpi.present.task_tables import HEADLINE_ORDER, ledger_table, status_word, task_label

#: The table of tasks by unit: the unit, how many it leads and cooperates on, and how
#: many of its tasks (lead or cooperating, as the Tasks page counts them) have each status.
UNIT_COLUMNS = (
    "unit",
    "leads",
    "cooperating",
    *(f"{TASK_COLUMN_PREFIX}{s}" for s in HEADLINE_ORDER),
)
#: The table of delayed and not-reported tasks.
ATTENTION_COLUMNS = ("task", "title", "lead", "status", "period", "progress", "next_steps")

Table = tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]


def _headed(columns: tuple[str, ...], loc: Locale, with_place: bool) -> tuple[str, ...]:
    shown = ("jurisdiction", *columns) if with_place else columns
    return tuple(loc.header(c, percent_points=False) for c in shown)


def unit_table(tasks: pd.DataFrame, catalog: Catalog, loc: Locale, with_place: bool) -> Table:
    """Per responsible unit (catalog order): leads, cooperates on, and the count of each
    status over its tasks; a header and rows of text."""
    summary = unit_summary(catalog, tasks)
    rows = []
    for r in summary.to_dict(orient="records"):
        cells = [loc.name(catalog.unit(r["unit"])), str(r["leads"]), str(r["cooperating"])]
        cells += [str(int(r[s.value])) for s in HEADLINE_ORDER]
        place = [loc.name(catalog.jurisdiction(r["jurisdiction"]))] if with_place else []
        rows.append(tuple(place + cells))
    return _headed(UNIT_COLUMNS, loc, with_place), tuple(rows)


def attention_table(tasks: pd.DataFrame, catalog: Catalog, loc: Locale, with_place: bool) -> Table:
    """The delayed and not-reported tasks (not reported first) with their lead unit and
    latest report, as the Tasks page lists them."""
    shown = ledger_table(attention_rows(tasks), catalog, loc)
    columns = ("jurisdiction", *ATTENTION_COLUMNS) if with_place else ATTENTION_COLUMNS
    rows = tuple(tuple(str(v) for v in r) for r in shown[list(columns)].itertuples(index=False))
    return _headed(ATTENTION_COLUMNS, loc, with_place), rows


def _label(row: pd.Series, loc: Locale) -> str:
    title = row["title_en"] if loc.lang == "en" and row["title_en"] else row["title_zh"]
    return f"{task_label(loc, row['kind'], row['number'])} · {title}"


def _place(row: pd.Series, catalog: Catalog, loc: Locale, with_place: bool) -> str:
    if not with_place:
        return ""
    name = loc.name(catalog.jurisdiction(row["jurisdiction"]))
    return name + (" " if loc.lang == "zh" else ": ")


def problem_lines(
    tasks: pd.DataFrame, catalog: Catalog, loc: Locale, with_place: bool
) -> list[str]:
    """One sentence per delayed or not-reported task: what, its status and lead unit,
    and its reported progress where given."""
    out = []
    for _, row in attention_rows(tasks).iterrows():
        lead = row["lead"]
        unit = (
            loc.name(catalog.unit(lead))
            if isinstance(lead, str)
            else loc.t("briefing.task_no_unit")
        )
        line = _place(row, catalog, loc, with_place) + loc.t(
            "evaluation.task_problem",
            task=_label(row, loc),
            status=status_word(loc, row["status"]),
            unit=unit,
        )
        progress = row["progress"]
        if isinstance(progress, str) and progress.strip():
            sep = "：" if loc.lang == "zh" else ": "
            line += sep + loc.t("evaluation.task_progress", text=progress.strip())
        out.append(line)
    return out


def next_step_lines(
    tasks: pd.DataFrame, catalog: Catalog, loc: Locale, with_place: bool
) -> list[str]:
    """The tasks' reported next steps (下一步工作), in the ledger's attention order."""
    out = []
    sep = "：" if loc.lang == "zh" else ": "
    for _, row in attention_order(tasks).iterrows():
        steps = row["next_steps"]
        if isinstance(steps, str) and steps.strip():
            where = _place(row, catalog, loc, with_place)
            out.append(f"{where}{_label(row, loc)}{sep}{steps.strip()}")
    return out
