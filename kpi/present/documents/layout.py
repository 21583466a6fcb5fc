"""The briefing's pages: a poster (one tall page), or slides and A4 pages of a fixed size.

A poster holds, under the title band, per jurisdiction its header, status tiles, bullet
chart and trajectories, and the footnote. Slides and A4 pages start with an overview
page (every jurisdiction's headline and a bar of its statuses), then give each
jurisdiction pages of its own; every page ends with the source line. Data that
includes sample batches carries a diagonal watermark.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

import pandas as pd
import plotly.graph_objects as go

from kpi.domain.periods import last_closed_quarter_end, quarter_label
from kpi.present.documents.blocks import (
    FOOTNOTE_LINE_PX,
    TOP_HEADER_PX,
    footnote,
    footnote_height,
    footnote_lines,
    section_header,
    tiles,
    top_header,
    watermark,
)
from kpi.present.documents.canvas import (
    A4_SIZE,
    DEFAULT_WIDTH,
    FONT,
    GAP,
    MAX_WIDTH,
    MIN_WIDTH,
    PAD,
    SLIDE_SIZE,
    Canvas,
    wrap,
)
from kpi.present.documents.data import BriefingData, BriefingError, load
from kpi.present.documents.plots import (
    BULLET_ROW_PX,
    PANEL_GAP_PX,
    PANEL_PX,
    PANEL_TITLE_PX,
    TRAJ_HEAD_PX,
    bullet,
    bullet_height,
    trajectories,
)
from kpi.present.documents.task_blocks import (
    LINE_PX,
    attention_item,
    attention_rows,
    plan_block,
    plan_block_height,
    plan_lines,
)
from kpi.present.headline import headline
from kpi.present.locale import ViewState
from kpi.present.support_tables import measures_in_view, support_lines, totals_line
from kpi.present.text_metrics import text_px
from kpi.present.theme import (
    BRIEFING_FORMATS,
    HEADER_BG,
    INK,
    MUTED,
    STATUS_ORDER,
    status_color,
    status_ink,
)
from kpi.present.views import BEHIND_STATUSES
from kpi.storage.store import Store

FORMATS = BRIEFING_FORMATS

#: The lines at the foot of a page about these jurisdictions.
Footnote = Callable[[list[str]], list[str]]


@dataclass(frozen=True)
class Page:
    figure: go.Figure
    width: int
    height: int


@dataclass(frozen=True)
class Briefing:
    pages: list[Page]
    has_sample: bool
    format: str = "poster"

    # A poster is one page; these name it.
    @property
    def figure(self) -> go.Figure:
        return self.pages[0].figure

    @property
    def width(self) -> int:
        return self.pages[0].width

    @property
    def height(self) -> int:
        return self.pages[0].height


def build_briefing(
    store: Store,
    view: ViewState,
    width: int = DEFAULT_WIDTH,
    now: datetime | None = None,
    fmt: str = "poster",
    prepared_by: str = "",
) -> Briefing:
    """The briefing's pages as figures (no browser needed), in the view's language, at its
    as-of date and as known at its ``known_at`` (that day's end, or a moment). The view's
    jurisdiction: a code ("all" or None for all, any case); ``fmt``: poster (one page
    ``width`` wide), slides or a4 (fixed page sizes)."""
    if fmt not in FORMATS:
        raise BriefingError("briefing.bad_format", formats=", ".join(FORMATS))
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        raise BriefingError("briefing.bad_width", low=MIN_WIDTH, high=MAX_WIDTH)
    data = load(store, view)
    now = now or datetime.now().replace(microsecond=0)
    has_sample = bool(data.batches["is_sample"].any())
    if fmt == "poster":
        c, sections = _poster(data, width, footnote_lines(data, now, prepared_by))
        height = math.ceil(c.y)
        if has_sample:
            watermark(c, sections or [(0, height)], data.loc)
        return Briefing([Page(c.figure(height), width, height)], has_sample, fmt)

    def footnote_for(codes: list[str]) -> list[str]:
        return footnote_lines(replace(data, codes=codes), now, prepared_by)

    paged = (_slides if fmt == "slides" else _a4)(data, footnote_for)
    if has_sample:
        for c in paged.canvases:
            watermark(c, [(0, paged.height - paged.footer_px)], data.loc)
    return Briefing(paged.pages(), has_sample, fmt)


def _poster(
    data: BriefingData, width: int, lines: list[str]
) -> tuple[Canvas, list[tuple[float, float]]]:
    """The poster's canvas, and each jurisdiction's section as (top, bottom)."""
    c = Canvas(width)
    top_header(c, data.code, data)
    sections: list[tuple[float, float]] = []
    for code in data.codes:
        start = c.y
        rows = data.rows(code)
        section_header(c, code, data)
        tiles(c, rows, data.loc)
        bullet(c, rows, data)
        trajectories(c, rows, data)
        sections.append((start, c.y))
    footnote(c, [*lines, data.loc.t("briefing.footnote.method")])
    return c, sections


class _Paged:
    """Pages of a fixed size: blocks go on the current page, or start a new one when
    they do not fit above the footer band; every page ends with the source line."""

    def __init__(self, size: tuple[int, int], lines: Footnote, codes: list[str]) -> None:
        self.width, self.height = size
        self.footnote = lines  # the lines for a page about these jurisdictions
        self.canvases: list[Canvas] = []
        self.codes: list[list[str]] = []  # per page
        blank = Canvas(self.width)
        self.footer_px = max(
            footnote_height(blank, lines(codes)),
            *(footnote_height(blank, lines([c])) for c in codes),
        )

    @property
    def c(self) -> Canvas:
        return self.canvases[-1]

    def new_page(self, codes: list[str] | None = None) -> Canvas:
        self.canvases.append(Canvas(self.width))
        self.codes.append(codes if codes is not None else self.codes[-1])
        return self.c

    def room(self) -> float:
        return self.height - self.footer_px - self.c.y

    def need(self, px: float) -> Canvas:
        if not self.canvases or self.room() < px:
            self.new_page().y = PAD
        return self.c

    def pages(self) -> list[Page]:
        out = []
        for c, codes in zip(self.canvases, self.codes, strict=True):
            c.y = self.height - self.footer_px
            footnote(c, self.footnote(codes))
            out.append(Page(c.figure(self.height), self.width, self.height))
        return out


def _overview(p: _Paged, data: BriefingData) -> None:
    """The first page: title, and per jurisdiction its headline and a bar of its statuses."""
    loc = data.loc
    c = p.new_page(data.codes)
    top_header(c, None if len(data.codes) > 1 else data.codes[0], data)
    c.text(PAD, c.y, f"<b>{loc.t('briefing.overview_title')}</b>", FONT + 4)
    c.y += 40
    row_px = 74
    fit = max(1, int(p.room() // row_px))
    shown = data.codes[:fit]
    for code in shown:
        _overview_row(c, code, data, row_px)
    if len(data.codes) > fit:
        more = loc.t("briefing.more_jurisdictions", n=len(data.codes) - fit)
        c.text(PAD, c.y, more, FONT, color=MUTED)
        c.y += 30
    method = wrap(loc.t("briefing.footnote.method"), c.width - 2 * PAD, FONT - 1)
    if p.room() >= len(method) * FOOTNOTE_LINE_PX:
        for part in method:
            c.text(PAD, c.y, part, FONT - 1, color=MUTED)
            c.y += FOOTNOTE_LINE_PX


def _overview_row(c: Canvas, code: str, data: BriefingData, row_px: float) -> None:
    """A jurisdiction's headline over a bar of its statuses, each as wide as its share."""
    loc = data.loc
    rows = data.status[data.status["jurisdiction"] == code]
    sentence = headline(data.status, data.catalog, code, loc)
    c.text(PAD, c.y, f"<b>{sentence}</b>", FONT + 4)
    top, x = c.y + 32, float(PAD)
    counts = rows["status"].value_counts()
    full = c.width - 2 * PAD
    for status in STATUS_ORDER:
        n = int(counts.get(status, 0))
        if not n:
            continue
        w = full * n / len(rows)
        c.rect(x, top, x + w, top + 24, fillcolor=status_color(status), line={"width": 0})
        label = f"{loc.status(status)} {n}"
        if text_px(label, FONT - 1) + 12 < w:
            c.text(x + 6, top + 12, label, FONT - 1, color=status_ink(status), yanchor="middle")
        x += w
    c.y += row_px


def _jurisdiction_page(
    p: _Paged, code: str, data: BriefingData, *, title: bool
) -> tuple[Canvas, pd.DataFrame]:
    """A new page for jurisdiction ``code`` (under the title band if ``title``): its
    section header and status tiles; the page and the jurisdiction's rows."""
    rows = data.rows(code)
    c = p.new_page([code])
    if title:
        top_header(c, code, data)
    else:
        c.y = PAD
    section_header(c, code, data)
    tiles(c, rows, data.loc)
    return c, rows


def reason_lines(r: dict, data: BriefingData) -> tuple[str, list[str]]:
    """A behind target's name with its status, and its reason and next steps as reported
    (说明待补充 when its latest report gives no reason)."""
    loc = data.loc
    name, status = loc.name(data.catalog.metric(r["metric"])), loc.status(r["status"])
    title = f"{name}（{status}）" if loc.lang == "zh" else f"{name} ({status})"
    reason, steps = r.get("reason"), r.get("next_steps")
    if not (isinstance(reason, str) and reason):
        reason = loc.t("upload.explanation_missing")
    lines = [loc.t("briefing.reason", text=reason)]
    if isinstance(steps, str) and steps:
        lines.append(loc.t("briefing.next_steps", text=steps))
    return title, lines


def _reasons(
    p: _Paged, rows: pd.DataFrame, data: BriefingData, code: str, *, always: bool = True
) -> None:
    """Each behind target with its reason and next steps, after the bullet chart (unless
    ``always`` is False: then only once some behind target reported either, so a deck
    keeps one slide per jurisdiction until reasons come in)."""
    behind = [r for r in rows.to_dict(orient="records") if r["status"] in BEHIND_STATUSES]
    reported = any(
        isinstance(r.get(k), str) and r.get(k) for r in behind for k in ("reason", "next_steps")
    )
    if not behind or not (always or reported):
        return
    first = True
    for r in behind:
        title, lines = reason_lines(r, data)
        wrapped = [w for line in lines for w in wrap(line, p.width - 2 * PAD - 16, FONT)]
        c = p.need(26 + len(wrapped) * 21 + 10 + (36 if first else 0))
        if c.y == PAD and p.width == SLIDE_SIZE[0]:
            top_header(c, code, data)
        if first:
            c.text(PAD, c.y, f"<b>{data.loc.t('briefing.reasons_title')}</b>", FONT + 2)
            c.y += 36
            first = False
        c.text(PAD, c.y, f"<b>{title}</b>", FONT)
        c.y += 26
        for line in wrapped:
            c.text(PAD + 16, c.y, line, FONT, color=INK)
            c.y += 21
        c.y += 10


def _pager(p: _Paged, code: str, data: BriefingData, slides: bool) -> Callable[..., Canvas]:
    """``need(px, first=False)``: the page to draw ``px`` more on, a new one of the
    jurisdiction ``code`` (under the title band on slides) when it does not fit or when
    ``first``."""

    def need(px: float, first: bool = False) -> Canvas:
        if first or p.room() < px:
            c = p.new_page([code])
            if slides:
                top_header(c, code, data)
            else:
                c.y = PAD
        return p.c

    return need


def _block_title(c: Canvas, text: str) -> None:
    for part in wrap(text, c.width - 2 * PAD, FONT + 6):
        c.text(PAD, c.y, f"<b>{part}</b>", FONT + 6, color=HEADER_BG)
        c.y += 34
    c.y += 8


def _tasks(p: _Paged, code: str, data: BriefingData, *, slides: bool) -> None:
    """The jurisdiction's tasks on pages of their own (none when it has none): per plan
    its task headline and a tile per status at the last closed quarter, then the delayed
    and not-reported tasks with their lead unit and what they reported."""
    frame = data.task_rows(code)
    if frame.empty:
        return
    loc, catalog = data.loc, data.catalog
    need = _pager(p, code, data, slides)
    c = need(0, first=True)
    quarter = quarter_label(last_closed_quarter_end(data.as_of))
    place = loc.name(catalog.jurisdiction(code))
    _block_title(c, loc.t("briefing.tasks_title", place=place, quarter=quarter))
    for plan in dict.fromkeys(frame["plan"]):
        mine = frame[frame["plan"] == plan]
        lines = plan_lines(c, loc.name(catalog.plan(plan)), mine, loc)
        c = need(plan_block_height(lines))
        plan_block(c, lines, mine, loc)
    attention = attention_rows(frame)
    c = need(36 + 2 * LINE_PX)
    c.text(PAD, c.y, f"<b>{loc.t('briefing.tasks_attention', n=len(attention))}</b>", FONT + 2)
    c.y += 36
    if attention.empty:
        c.text(PAD, c.y, loc.t("briefing.tasks_attention_none"), FONT, color=MUTED)
        c.y += LINE_PX
    for _, row in attention.iterrows():
        head, details = attention_item(row, catalog, loc)
        heads = wrap(head, p.width - 2 * PAD, FONT)
        wrapped = [w for line in details for w in wrap(line, p.width - 2 * PAD - 16, FONT)]
        c = need(len(heads) * 22 + len(wrapped) * 21 + 8)
        for part in heads:
            c.text(PAD, c.y, f"<b>{part}</b>" if row["status"] == "delayed" else part, FONT)
            c.y += 22
        for line in wrapped:
            c.text(PAD + 16, c.y, line, FONT, color=MUTED)
            c.y += 21
        c.y += 8


def _support(p: _Paged, code: str, data: BriefingData, *, slides: bool) -> None:
    """The jurisdiction's support measures (none when it has none), after its tasks: the
    totals, then per measure its grants, beneficiaries, approved and paid amounts and
    its rule. Totals and counts only: a briefing names no beneficiary."""
    codes = measures_in_view(data.catalog, code)
    if not codes:
        return
    loc = data.loc
    need = _pager(p, code, data, slides)
    lines = support_lines(data.catalog, data.grants, codes, loc)
    total = totals_line(data.catalog, data.grants, codes, loc)
    c = need(34 + 8 + 2 * LINE_PX + 22 * min(3, len(lines)))
    if c.y > PAD + (TOP_HEADER_PX if slides else 0):  # after the tasks: a gap
        c.y += GAP
    _block_title(
        c, loc.t("support.briefing_title", place=loc.name(data.catalog.jurisdiction(code)))
    )
    for part in wrap(total, c.width - 2 * PAD, FONT + 2):
        c.text(PAD, c.y, f"<b>{part}</b>", FONT + 2)
        c.y += LINE_PX
    c.y += 6
    for line in lines:
        parts = wrap(line, p.width - 2 * PAD, FONT)
        c = need(len(parts) * 22 + 6)
        for part in parts:
            c.text(PAD, c.y, part, FONT)
            c.y += 22
        c.y += 6


def _slides(data: BriefingData, lines: Footnote) -> _Paged:
    p = _Paged(SLIDE_SIZE, lines, data.codes)
    _overview(p, data)
    for code in data.codes:
        c, rows = _jurisdiction_page(p, code, data, title=True)
        # the bullet chart takes the rest of the slide; a long plan continues on the next
        per_slide = max(1, int((p.room() - bullet_height(0)) // (BULLET_ROW_PX + 10)))
        for k in range(0, len(rows), per_slide):
            if k:
                c = p.new_page([code])
                top_header(c, code, data)
            chunk = rows.iloc[k : k + per_slide]
            row_px = (p.room() - bullet_height(0)) / len(chunk) - 10
            bullet(c, chunk, data, min(max(row_px, BULLET_ROW_PX), 2 * BULLET_ROW_PX))
        _reasons(p, rows, data, code, always=False)
        _tasks(p, code, data, slides=True)
        _support(p, code, data, slides=True)
    return p


def _a4(data: BriefingData, lines: Footnote) -> _Paged:
    p = _Paged(A4_SIZE, lines, data.codes)
    _overview(p, data)
    for code in data.codes:
        c, rows = _jurisdiction_page(p, code, data, title=False)
        per_page = max(1, int((p.height - p.footer_px - PAD - bullet_height(0)) // 44))
        for k in range(0, len(rows), per_page):
            chunk = rows.iloc[k : k + per_page]
            bullet(p.need(bullet_height(len(chunk))), chunk, data)
        _reasons(p, rows, data, code)
        cols = max(2, min(4, (p.width - 2 * PAD) // 330))
        panel_px = PANEL_TITLE_PX + PANEL_PX + PANEL_GAP_PX
        for k in range(0, len(rows), cols):
            first = k == 0
            c = p.need(panel_px + (TRAJ_HEAD_PX + 26 if first else 0))
            trajectories(c, rows.iloc[k : k + cols], data, title=first)
        _tasks(p, code, data, slides=False)
        _support(p, code, data, slides=False)
    return p
