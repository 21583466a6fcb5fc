"""The briefing's task blocks: per plan its task headline and a tile per task status at
the last closed quarter, and the delayed and not-reported tasks with their lead unit and
what was reported. Built from the ledger (kpi.assess.task_ledger) through the Tasks
page's words (kpi.present.task_tables), so the counts agree with ``kpi tasks``."""

from __future__ import annotations

import pandas as pd

from kpi.assess.task_ledger import attention_order, status_counts
from kpi.domain.catalog import Catalog
from kpi.present.documents.canvas import FONT, GAP, PAD, Canvas, wrap
from kpi.present.locale import Locale
from kpi.present.task_tables import ATTENTION, HEADLINE_ORDER, headline, status_word, task_label
from kpi.present.text_metrics import text_px
from kpi.present.theme import FAINT, INK, TASK_STATUS_COLORS

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
    n, gap = len(HEADLINE_ORDER), 12
    w = (c.width - 2 * PAD - gap * (n - 1)) / n
    top, h = c.y, TASK_TILES_PX - 8
    for i, status in enumerate(HEADLINE_ORDER):
        x0 = PAD + i * (w + gap)
        count = counts[status.value]
        color = TASK_STATUS_COLORS[status.value]
        c.rect(
            x0,
            top,
            x0 + w,
            top + h,
            fillcolor=color,
            opacity=0.16 if count else 0.05,
            line={"width": 0},
            layer="below",
        )
        c.rect(
            x0,
            top,
            x0 + 6,
            top + h,
            fillcolor=color,
            opacity=1 if count else 0.3,
            line={"width": 0},
        )
        ink = INK if count else FAINT
        label = status_word(loc, status.value)
        if 18 + text_px(f"{count}  {label}", 26) < w:  # count and label side by side
            c.text(x0 + 18, top + h / 2, f"<b>{count}</b>", 26, color=ink, yanchor="middle")
            c.text(
                x0 + 18 + text_px(str(count), 26) + 12,
                top + h / 2,
                label,
                FONT + 1,
                color=ink,
                yanchor="middle",
            )
        else:  # narrow tile (A4): label under the count
            c.text(x0 + 14, top + 2, f"<b>{count}</b>", 22, color=ink)
            c.text(x0 + 14, top + h - 4, label, FONT - 1, color=ink, yanchor="bottom")
    c.y = top + TASK_TILES_PX + GAP


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
