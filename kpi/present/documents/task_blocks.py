"""The briefing's task blocks: per plan its task headline and a tile per task status at
the last closed quarter, and the delayed and not-reported tasks with their lead unit and
what was reported. Built from the ledger (kpi.assess.task_ledger) through the Tasks
page's words (kpi.present.task_tables), so the counts agree with ``kpi tasks``."""

from __future__ import annotations

import pandas as pd

from kpi.assess.task_ledger import attention_order, status_counts
from kpi.domain.catalog import Catalog
from kpi.present.documents.blocks import TASK_TILES, count_tiles
from kpi.present.documents.canvas import FONT, GAP, PAD, Canvas, wrap
from kpi.present.locale import Locale
from kpi.present.task_tables import ATTENTION, HEADLINE_ORDER, headline, status_word, task_label
from kpi.present.theme import TASK_STATUS_COLORS

TASK_TILES_PX = 64
LINE_PX = 26


def plan_lines(c: Canvas, plan_name: str, frame: pd.DataFrame, loc: Locale) -> list[str]:
    """The plan's task headline ('《…》 24 项任务：3 项推进中，…') as lines on ``c``."""
    return wrap(headline(frame, plan_name, loc), c.width - 2 * PAD, FONT + 3)


def plan_block_height(lines: list[str]) -> float:
    """The height :func:`plan_block` takes for a headline of ``lines``."""
    return LINE_PX * len(lines) + 8 + TASK_TILES_PX + GAP


def plan_block(c: Canvas, lines: list[str], frame: pd.DataFrame, loc: Locale) -> None:
    """A plan's task headline, then a tile per status with its count."""
    for part in lines:
        c.text(PAD, c.y, f"<b>{part}</b>", FONT + 3)
        c.y += LINE_PX
    c.y += 8
    task_tiles(c, frame, loc)


def task_tiles(c: Canvas, frame: pd.DataFrame, loc: Locale) -> None:
    """A tile per task status with the count of ``frame``'s tasks in it."""
    counts = status_counts(frame)
    items = [
        (TASK_STATUS_COLORS[s.value], counts[s.value], status_word(loc, s.value))
        for s in HEADLINE_ORDER
    ]
    count_tiles(c, items, c.y, TASK_TILES_PX - 8, TASK_TILES)
    c.y += TASK_TILES_PX + GAP


def attention_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The delayed and not-reported tasks of ``frame``, not reported first."""
    return attention_order(frame[frame["status"].isin(ATTENTION)])


def attention_item(row: pd.Series, catalog: Catalog, loc: Locale) -> tuple[str, list[str]]:
    """A delayed or not-reported task: its numbering, title, status and lead unit, then
    where reported its progress and next steps."""
    title = row["title_en"] if loc.lang == "en" and row["title_en"] else row["title_zh"]
    label = f"{task_label(loc, row['kind'], row['number'])} · {title}"
    status = status_word(loc, row["status"])
    lead = row["lead"]
    unit = loc.name(catalog.unit(lead)) if isinstance(lead, str) else loc.t("briefing.task_no_unit")
    head = loc.t("briefing.task_head", task=label, status=status, unit=unit)
    lines: list[str] = []
    for column, key in (
        ("progress", "briefing.task_progress"),
        ("next_steps", "briefing.task_next_steps"),
    ):
        text = row[column]
        if isinstance(text, str) and text.strip():
            lines.append(loc.t(key, text=text.strip()))
    return head, lines
