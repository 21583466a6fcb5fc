"""The briefing's text blocks: the title band, a jurisdiction's header and status tiles,
block titles with their legend, the source line, the footnote and the watermark."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from kpi.present import fmt
from kpi.present.documents.canvas import FONT, GAP, PAD, Canvas, span, wrap
from kpi.present.documents.data import BriefingData
from kpi.present.headline import headline
from kpi.present.locale import Locale
from kpi.present.text_metrics import text_px
from kpi.present.theme import (
    FAINT,
    HEADER_BG,
    HEADER_SUBTLE,
    INK,
    MUTED,
    RULE,
    STATUS_ORDER,
    WATERMARK,
    status_color,
)

WATERMARK_TEXT_KEY = "briefing.watermark"
TOP_HEADER_PX = 118
SECTION_HEADER_PX = 84
TILES_PX = 96
FOOTNOTE_LINE_PX = 22


def top_header(c: Canvas, code: str | None, data: BriefingData) -> None:
    """The title band, naming one jurisdiction (``code``) or all (None), and the as-of date."""
    loc = data.loc
    where = loc.t("briefing.all") if code is None else loc.name(data.catalog.jurisdiction(code))
    lines = wrap(loc.t("briefing.title"), c.width - 2 * PAD, 30)
    extra = 40 * (len(lines) - 1)
    c.rect(
        0, 0, c.width, TOP_HEADER_PX + extra, fillcolor=HEADER_BG, line={"width": 0}, layer="below"
    )
    c.text(PAD, 22, "<br>".join(f"<b>{x}</b>" for x in lines), 30, color="white")
    c.text(
        PAD,
        72 + extra,
        f"{where} · {loc.t('briefing.as_of', date=fmt.day(data.as_of))}",
        18,
        color=HEADER_SUBTLE,
    )
    c.y = TOP_HEADER_PX + extra + GAP


def section_header(c: Canvas, code: str, data: BriefingData) -> None:
    """A jurisdiction's name (within its parent), each plan's line and its headline."""
    catalog, loc = data.catalog, data.loc
    j = catalog.jurisdiction(code)
    parent = ""
    if j.parent:
        parent = loc.t("briefing.within", parent=loc.name(catalog.jurisdiction(j.parent)))
    c.line(PAD, c.y, c.width - PAD, c.y, line={"color": HEADER_BG, "width": 3})
    c.text(PAD, c.y + 10, f"<b>{loc.name(j)}</b>{parent}", 22, color=HEADER_BG)
    y = c.y + 44
    for plan in (p for p in catalog.plans if p.jurisdiction == code):
        days = (plan.end - plan.start).days
        elapsed = min(max((data.as_of - plan.start).days / days, 0), 1)
        line = loc.t(
            "briefing.plan_line",
            title=loc.name(plan),
            doc=plan.doc_number,
            start=plan.start.isoformat(),
            end=plan.end.isoformat(),
            elapsed=round(100 * elapsed),
        )
        for part in wrap(line, c.width - 2 * PAD, FONT + 1):
            c.text(PAD, y, part, FONT + 1, color=MUTED)
            y += 22
    for part in wrap(headline(data.status, catalog, code, loc), c.width - 2 * PAD, FONT + 4):
        c.text(PAD, y + 4, f"<b>{part}</b>", FONT + 4)
        y += 26
    c.y = max(c.y + SECTION_HEADER_PX, y + 12)


@dataclass(frozen=True)
class TileSizes:
    """The numbers of one kind of count tile: its colour bar, insets and type sizes, side
    by side (wide) and with the label under the count (narrow)."""

    bar: int
    inset: int
    count_px: int
    label_px: int
    label_gap: int
    narrow_inset: int
    narrow_count_px: int
    narrow_label_px: int
    narrow_top: int
    narrow_bottom: int


#: The targets' status tiles, and the smaller tiles of a plan's task statuses.
TARGET_TILES = TileSizes(
    bar=8,
    inset=22,
    count_px=30,
    label_px=FONT + 2,
    label_gap=14,
    narrow_inset=18,
    narrow_count_px=26,
    narrow_label_px=FONT,
    narrow_top=4,
    narrow_bottom=6,
)
TASK_TILES = TileSizes(
    bar=6,
    inset=18,
    count_px=26,
    label_px=FONT + 1,
    label_gap=12,
    narrow_inset=14,
    narrow_count_px=22,
    narrow_label_px=FONT - 1,
    narrow_top=2,
    narrow_bottom=4,
)


def count_tiles(
    c: Canvas, items: list[tuple[str, int, str]], top: float, h: float, sizes: TileSizes
) -> None:
    """A row of tiles, one per ``(colour, count, label)``: tinted, a colour bar on the left,
    faint when the count is 0; count and label side by side when they fit, else stacked."""
    gap = 12
    w = (c.width - 2 * PAD - gap * (len(items) - 1)) / len(items)
    for i, (color, count, label) in enumerate(items):
        x0 = PAD + i * (w + gap)
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
            x0 + sizes.bar,
            top + h,
            fillcolor=color,
            opacity=1 if count else 0.3,
            line={"width": 0},
        )
        ink = INK if count else FAINT
        x, number = x0 + sizes.inset, f"<b>{count}</b>"
        if sizes.inset + text_px(f"{count}  {label}", sizes.count_px) < w:
            c.text(x, top + h / 2, number, sizes.count_px, color=ink, yanchor="middle")
            x += text_px(str(count), sizes.count_px) + sizes.label_gap
            c.text(x, top + h / 2, label, sizes.label_px, color=ink, yanchor="middle")
        else:  # narrow tile (A4): the label under the count
            x, bottom = x0 + sizes.narrow_inset, top + h - sizes.narrow_bottom
            c.text(x, top + sizes.narrow_top, number, sizes.narrow_count_px, color=ink)
            c.text(x, bottom, label, sizes.narrow_label_px, color=ink, yanchor="bottom")


def tiles(c: Canvas, rows: pd.DataFrame, loc: Locale) -> None:
    """A tile per status with the count of ``rows`` in it."""
    counts = rows["status"].value_counts()
    c.text(PAD, c.y, f"<b>{loc.t('briefing.summary', n=len(rows))}</b>", FONT + 2)
    top, h = c.y + 28, TILES_PX - 28
    items = [(status_color(s), int(counts.get(s, 0)), loc.status(s)) for s in STATUS_ORDER]
    count_tiles(c, items, top, h, TARGET_TILES)
    c.y = top + h + GAP


def block_title(c: Canvas, title: str, legend: list[tuple[str, str, str]], loc: Locale) -> float:
    """Bold title on the left, legend on the right, or below it when both do not fit.

    Returns the y of the block's first line, which later rows are laid out from.
    """
    c.text(PAD, c.y, f"<b>{title}</b>", FONT + 2)
    items = [(glyph, color, loc.t(key)) for glyph, color, key in legend]
    legend_px = sum(text_px(f"{g} {text}    ", FONT - 1) for g, _, text in items)
    text = "    ".join(f"{span(g, color)} {label}" for g, color, label in items)
    if text_px(title, FONT + 2) + 40 + legend_px <= c.width - 2 * PAD:
        c.text(c.width - PAD, c.y + 2, text, FONT - 1, color=MUTED, xanchor="right")
        return c.y
    c.text(PAD, c.y + 26, text, FONT - 1, color=MUTED)
    return c.y + 24


def source_line(data: BriefingData, prepared_by: str) -> str:
    """Who reported the figures (each plan's reporting agency), who prepared the
    briefing, and when the data was last updated."""
    loc = data.loc
    codes = set(data.codes)
    judged = set(data.status["plan"])  # a plan that sets no number reports nothing
    plans = [p for p in data.catalog.plans if p.jurisdiction in codes and p.code in judged]
    agencies = dict.fromkeys(
        (p.reporting_agency_en or p.reporting_agency) if loc.lang == "en" else p.reporting_agency
        for p in plans
    )
    agency = loc.t("briefing.separator").join(a for a in agencies if a)
    agency = agency or loc.t("briefing.agency_unknown")
    preparer = prepared_by.strip() or loc.t("briefing.preparer_unknown")
    line = loc.t("briefing.footnote.source", agency=agency, preparer=preparer)
    b = data.batches
    if b.empty and data.n_uploaded:
        line += " · " + loc.t("briefing.footnote.none_in_view", n=data.n_uploaded)
    elif b.empty:
        line += " · " + loc.t("briefing.footnote.no_data")
    else:
        last = fmt.moment(b["created_at"].max())
        line += " · " + loc.t("briefing.footnote.updated", last=last)
        if b["is_sample"].any():
            line += " · " + loc.t("sample.label")
    if data.known_at is not None:
        line += " · " + loc.t("briefing.footnote.known_at", day=fmt.when(data.known_at))
    return line


def footnote_lines(data: BriefingData, now: datetime, prepared_by: str) -> list[str]:
    """The source line and the time of generation (every page ends with them)."""
    return [
        source_line(data, prepared_by),
        data.loc.t("briefing.footnote.generated", time=fmt.moment(now)),
    ]


def footnote_height(c: Canvas, lines: list[str]) -> float:
    """The height :func:`footnote` takes for ``lines`` on ``c``."""
    n = sum(len(wrap(text, c.width - 2 * PAD, FONT - 1)) for text in lines)
    return 10 + n * FOOTNOTE_LINE_PX + PAD / 2


def footnote(c: Canvas, lines: list[str]) -> None:
    """A rule, then ``lines`` in small grey type."""
    c.line(PAD, c.y, c.width - PAD, c.y, line={"color": RULE, "width": 1})
    y = c.y + 10
    for text in lines:
        for part in wrap(text, c.width - 2 * PAD, FONT - 1):
            c.text(PAD, y, part, FONT - 1, color=MUTED)
            y += FOOTNOTE_LINE_PX
    c.y = y + PAD / 2


def watermark(c: Canvas, spans: list[tuple[float, float]], loc: Locale) -> None:
    """The sample-data watermark, across the middle of each (top, bottom) span of ``c``."""
    size = max(40, c.width // 14)
    for y0, y1 in spans:
        c.text(
            c.width / 2,
            (y0 + y1) / 2,
            loc.t(WATERMARK_TEXT_KEY),
            size,
            color=WATERMARK,
            xanchor="center",
            yanchor="middle",
            textangle=-24,
            name="watermark",
        )
