"""Briefings for meetings and documents, per jurisdiction or for all of them.

Three formats: ``poster`` (one tall PNG), ``slides`` (1920 x 1080 pages: an overview
slide with every jurisdiction's one-sentence headline, then one slide per
jurisdiction; PNG files or one PDF) and ``a4`` (portrait A4 pages as one PDF). Every
bullet chart of one briefing shares one percentage axis, and the source line names
the reporting agency of each plan (catalog field ``reporting_agency``) and the preparer.

A briefing is ONE plotly figure, laid out on a pixel grid so that text never
overlaps or clips whatever the width: a title (jurisdiction, plan, as-of date),
per jurisdiction a status summary, a bullet chart of every target (value against
threshold and range max, with the expected-by-now marker), small multiples of the
trajectories (cumulative value, the straight required path, the forecast to the
deadline), and a footnote naming the data and the time of generation. Data that
includes sample batches carries a diagonal watermark.

Building the pages (:func:`build_briefing`) needs no browser; :func:`render_briefing`
(poster PNG), :func:`render_pngs` and :func:`render_pdf` turn them into files through
:mod:`kpi.present.render` (one shared browser per process).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from kpi.assess.verdicts import compute_status, status_history
from kpi.domain.catalog import Catalog, UnknownJurisdiction
from kpi.domain.errors import UserError
from kpi.domain.rules import known_moment
from kpi.present import fmt
from kpi.present.headline import headline
from kpi.present.locale import Locale, ViewState
from kpi.present.text_metrics import is_wide, text_px
from kpi.present.theme import (
    BAND,
    BAND_RANGE,
    BAND_STRETCH,
    BRIEFING_FORMATS,
    FAINT,
    FONT_FAMILY,
    GRID,
    HEADER_BG,
    HEADER_SUBTLE,
    INK,
    MUTED,
    RULE,
    STATUS_ORDER,
    WATERMARK,
    status_color,
    status_ink,
    status_symbol,
)
from kpi.present.views import required_path
from kpi.storage.store import Store

FORMATS = BRIEFING_FORMATS
DEFAULT_WIDTH = 1400
SLIDE_SIZE = (1920, 1080)
A4_SIZE = (794, 1123)  # CSS px at 96 per inch: 210 x 297 mm
MIN_WIDTH, MAX_WIDTH = 800, 4000
WATERMARK_TEXT_KEY = "briefing.watermark"

# Sizes (CSS px) of the layout.
FONT = 14
PAD = 36  # outer margin
GAP = 18  # vertical gap between blocks

TOP_HEADER_PX = 118
SECTION_HEADER_PX = 84
TILES_PX = 96
BULLET_HEAD_PX, BULLET_ROW_PX, BULLET_AXIS_PX = 44, 34, 40
TRAJ_HEAD_PX, PANEL_TITLE_PX, PANEL_PX, PANEL_GAP_PX = 40, 44, 190, 34
FOOTNOTE_LINE_PX = 22


class BriefingError(UserError, ValueError):
    """The briefing cannot be made as asked (e.g. unknown jurisdiction)."""


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


# ---- data ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Data:
    catalog: Catalog
    code: str | None  # the jurisdiction asked for; None for all
    codes: list[str]  # jurisdictions shown, in catalog order
    status: pd.DataFrame
    history: pd.DataFrame
    batches: pd.DataFrame  # live batches whose values the briefing uses
    xmax: float  # right end of the percentage axis shared by every bullet chart
    n_uploaded: int = 0  # batches committed (by known_at), used or not
    known_at: date | datetime | None = None


def _common_xmax(status: pd.DataFrame) -> float:
    """One percentage axis for the whole briefing: 125 %, or further (up to 200 %) when a
    value or a range maximum lies beyond, so sections can be compared by eye."""
    threshold = status["threshold"].astype(float)
    ratios = (status["value"].astype(float) / threshold).dropna()
    maxes = (status["max"].astype(float) / threshold).dropna()
    return min(max([1.25, *(maxes * 1.08), *(ratios * 1.05)]), 2.0)


def _load(
    store: Store, jurisdiction: str | None, as_of: date, known_at: date | datetime | None = None
) -> _Data:
    catalog = store.catalog()
    known = [j.code for j in catalog.jurisdictions]
    try:
        code = catalog.jurisdiction_scope(jurisdiction)
    except UnknownJurisdiction as exc:
        raise BriefingError(
            "briefing.unknown_jurisdiction", code=exc.given, known=", ".join([*known, "all"])
        ) from exc
    status = compute_status(store, as_of, code, known_at)
    codes = [c for c in known if c in set(status["jurisdiction"])]
    moment = known_moment(known_at)
    obs = store.current_observations(code, moment)
    obs = obs[pd.to_datetime(obs["quarter_end"]) <= pd.Timestamp(as_of)]
    batches = store.live_batches(moment)  # as known then
    used = batches[batches["id"].isin(obs["batch_id"])]
    history = status_history(store, as_of, code, known_at)
    return _Data(
        catalog, code, codes, status, history, used, _common_xmax(status), len(batches), known_at
    )


# ---- formatting helpers --------------------------------------------------------------


def _wrap(text: str, max_px: float, size: float) -> list[str]:
    """Break ``text`` into lines narrower than ``max_px`` (spaces preferred)."""
    lines, line = [], ""
    for token in _tokens(text):
        if line and text_px(line + token, size) > max_px:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    return [*lines, line.rstrip()] if line else lines


def _tokens(text: str) -> list[str]:
    """Words with their leading space; every wide (Chinese) character is its own token."""
    out: list[str] = []
    for ch in text:
        if is_wide(ch) or not out or ch == " " or is_wide(out[-1][-1]):
            out.append(ch)
        else:
            out[-1] += ch
    return out


def _span(text: str, color: str) -> str:
    return f"<span style='color:{color}'>{text}</span>"


# ---- the pixel canvas ----------------------------------------------------------------


class _Canvas:
    """Collects shapes, annotations and axes at pixel positions from the top-left.

    Plotly wants paper fractions with y pointing up; the height is only known at
    the end, so positions are kept in pixels and converted in :meth:`figure`.
    """

    def __init__(self, width: int) -> None:
        self.width = width
        self.y = 0.0  # next free pixel row
        self.traces: list[go.BaseTraceType] = []
        self._annotations: list[dict[str, Any]] = []
        self._shapes: list[dict[str, Any]] = []
        self._axes: list[tuple[int, tuple[float, float, float, float], dict, dict]] = []

    def text(self, x: float, y: float, text: str, size: float = FONT, **kw: Any) -> None:
        kw.setdefault("xanchor", "left")
        kw.setdefault("yanchor", "top")
        kw.setdefault("align", kw["xanchor"] if kw["xanchor"] != "center" else "center")
        color = kw.pop("color", INK)
        self._annotations.append(
            {"_px": (x, y), "text": text, "font": {"size": size, "color": color}, **kw}
        )

    def rect(self, x0: float, y0: float, x1: float, y1: float, **kw: Any) -> None:
        self._shapes.append({"type": "rect", "_px": (x0, y0, x1, y1), **kw})

    def line(self, x0: float, y0: float, x1: float, y1: float, **kw: Any) -> None:
        self._shapes.append({"type": "line", "_px": (x0, y0, x1, y1), **kw})

    def axes(self, box: tuple[float, float, float, float], xaxis: dict, yaxis: dict) -> str:
        """Add an axis pair filling ``box`` (x0, y0, x1, y1 in px); returns its suffix."""
        n = len(self._axes) + 1
        self._axes.append((n, box, xaxis, yaxis))
        return "" if n == 1 else str(n)

    def data_shape(self, suffix: str, **shape: Any) -> None:
        self._shapes.append({"xref": f"x{suffix}", "yref": f"y{suffix}", **shape})

    def data_text(self, suffix: str, **annotation: Any) -> None:
        self._annotations.append({"xref": f"x{suffix}", "yref": f"y{suffix}", **annotation})

    def figure(self, height: int) -> go.Figure:
        def fx(px: float) -> float:
            return px / self.width

        def fy(px: float) -> float:
            return 1 - px / height

        # no axes of its own (a text-only page): hide plotly's default pair
        hidden = {"visible": False, "fixedrange": True}
        layout: dict[str, Any] = {} if self._axes else {"xaxis": hidden, "yaxis": hidden}
        for n, (x0, y0, x1, y1), xaxis, yaxis in self._axes:
            s = "" if n == 1 else str(n)
            layout[f"xaxis{s}"] = {**xaxis, "domain": [fx(x0), fx(x1)], "anchor": f"y{s}"}
            layout[f"yaxis{s}"] = {**yaxis, "domain": [fy(y1), fy(y0)], "anchor": f"x{s}"}
        annotations = []
        for a in self._annotations:
            a = dict(a)
            if "_px" in a:
                x, y = a.pop("_px")
                a.update(xref="paper", yref="paper", x=fx(x), y=fy(y), showarrow=False)
            a.setdefault("showarrow", False)
            annotations.append(a)
        shapes = []
        for s in self._shapes:
            s = dict(s)
            if "_px" in s:
                x0, y0, x1, y1 = s.pop("_px")
                s.update(xref="paper", yref="paper", x0=fx(x0), x1=fx(x1), y0=fy(y0), y1=fy(y1))
            shapes.append(s)
        fig = go.Figure(data=self.traces)
        fig.update_layout(
            **layout,
            annotations=annotations,
            shapes=shapes,
            width=self.width,
            height=height,
            margin={"l": 0, "r": 0, "t": 0, "b": 0, "pad": 0, "autoexpand": False},
            paper_bgcolor="white",
            plot_bgcolor="white",
            showlegend=False,
            font={"family": FONT_FAMILY, "size": FONT, "color": INK},
            bargap=0,
        )
        return fig


# ---- blocks --------------------------------------------------------------------------


def _top_header(c: _Canvas, code: str | None, data: _Data, as_of: date, loc: Locale) -> None:
    """The title band, naming one jurisdiction (``code``) or all (None)."""
    where = loc.t("briefing.all") if code is None else loc.name(data.catalog.jurisdiction(code))
    lines = _wrap(loc.t("briefing.title"), c.width - 2 * PAD, 30)
    extra = 40 * (len(lines) - 1)
    c.rect(0, 0, c.width, TOP_HEADER_PX + extra, fillcolor=HEADER_BG, line={"width": 0},
           layer="below")  # fmt: skip
    c.text(PAD, 22, "<br>".join(f"<b>{x}</b>" for x in lines), 30, color="white")
    c.text(PAD, 72 + extra, f"{where} · {loc.t('briefing.as_of', date=fmt.day(as_of))}",
           18, color=HEADER_SUBTLE)  # fmt: skip
    c.y = TOP_HEADER_PX + extra + GAP


def _section_header(c: _Canvas, code: str, data: _Data, as_of: date, loc: Locale) -> None:
    catalog = data.catalog
    j = catalog.jurisdiction(code)
    parent = ""
    if j.parent:
        parent = loc.t("briefing.within", parent=loc.name(catalog.jurisdiction(j.parent)))
    c.line(PAD, c.y, c.width - PAD, c.y, line={"color": HEADER_BG, "width": 3})
    c.text(PAD, c.y + 10, f"<b>{loc.name(j)}</b>{parent}", 22, color=HEADER_BG)
    y = c.y + 44
    for plan in (p for p in catalog.plans if p.jurisdiction == code):
        span = (plan.end - plan.start).days
        elapsed = min(max((as_of - plan.start).days / span, 0), 1)
        line = loc.t(
            "briefing.plan_line", title=loc.name(plan), doc=plan.doc_number,
            start=plan.start.isoformat(), end=plan.end.isoformat(), elapsed=round(100 * elapsed),
        )  # fmt: skip
        for part in _wrap(line, c.width - 2 * PAD, FONT + 1):
            c.text(PAD, y, part, FONT + 1, color=MUTED)
            y += 22
    for part in _wrap(headline(data.status, catalog, code, loc), c.width - 2 * PAD, FONT + 4):
        c.text(PAD, y + 4, f"<b>{part}</b>", FONT + 4)
        y += 26
    c.y = max(c.y + SECTION_HEADER_PX, y + 12)


def _tiles(c: _Canvas, rows: pd.DataFrame, loc: Locale) -> None:
    counts = rows["status"].value_counts()
    c.text(PAD, c.y, f"<b>{loc.t('briefing.summary', n=len(rows))}</b>", FONT + 2)
    top = c.y + 28
    n = len(STATUS_ORDER)
    gap = 12
    w = (c.width - 2 * PAD - gap * (n - 1)) / n
    h = TILES_PX - 28
    for i, status in enumerate(STATUS_ORDER):
        x0 = PAD + i * (w + gap)
        count = int(counts.get(status, 0))
        color = status_color(status)
        c.rect(x0, top, x0 + w, top + h, fillcolor=color, opacity=0.16 if count else 0.05,
               line={"width": 0}, layer="below")  # fmt: skip
        c.rect(x0, top, x0 + 8, top + h, fillcolor=color, opacity=1 if count else 0.3,
               line={"width": 0})  # fmt: skip
        ink = INK if count else FAINT
        label = loc.status(status)
        if 22 + text_px(f"{count}  {label}", 30) < w:  # count and label side by side
            c.text(x0 + 22, top + h / 2, f"<b>{count}</b>", 30, color=ink, yanchor="middle")
            c.text(x0 + 22 + text_px(str(count), 30) + 14, top + h / 2, label, FONT + 2,
                   color=ink, yanchor="middle")  # fmt: skip
        else:  # narrow tile: label under the count
            c.text(x0 + 18, top + 4, f"<b>{count}</b>", 26, color=ink)
            c.text(x0 + 18, top + h - 6, label, FONT, color=ink, yanchor="bottom")
    c.y = top + h + GAP


def _block_title(c: _Canvas, title: str, legend: list[tuple[str, str, str]], loc: Locale) -> float:
    """Bold title on the left, legend on the right, or below it when both do not fit.

    Returns the y of the block's first line, which later rows are laid out from.
    """
    c.text(PAD, c.y, f"<b>{title}</b>", FONT + 2)
    items = [(glyph, color, loc.t(key)) for glyph, color, key in legend]
    legend_px = sum(text_px(f"{g} {text}    ", FONT - 1) for g, _, text in items)
    text = "    ".join(f"{_span(g, color)} {label}" for g, color, label in items)
    if text_px(title, FONT + 2) + 40 + legend_px <= c.width - 2 * PAD:
        c.text(c.width - PAD, c.y + 2, text, FONT - 1, color=MUTED, xanchor="right")
        return c.y
    c.text(PAD, c.y + 26, text, FONT - 1, color=MUTED)
    return c.y + 24


def _bullet_height(n: int, row_px: float = BULLET_ROW_PX) -> float:
    return BULLET_HEAD_PX + 26 + n * (row_px + 10) + BULLET_AXIS_PX + GAP


def _bullet(
    c: _Canvas, rows: pd.DataFrame, data: _Data, loc: Locale, row_px: float = BULLET_ROW_PX
) -> None:
    legend = [
        ("■", BAND, "briefing.legend.threshold_band"),
        ("■", BAND_RANGE, "briefing.legend.stretch"),
        ("▬", "#555", "briefing.legend.value"),
        ("┃", INK, "briefing.legend.expected"),
    ]
    top = _block_title(c, loc.t("briefing.bullet_title"), legend, loc) + BULLET_HEAD_PX
    n = len(rows)
    names = [_metric_name(r, data, loc) for r in _records(rows)]
    label_w = min(max(text_px(x, FONT) for x in names) + 16, 0.3 * c.width)
    labels = ["<br>".join(_wrap(x, label_w - 16, FONT)) for x in names]
    row_px = row_px + 10 * any("<br>" in x for x in labels)
    right_w = min(max(text_px(_bullet_plain(r, data, loc), FONT) for r in _records(rows)) + 30,
                  0.3 * c.width)  # fmt: skip
    x0, x1 = PAD + label_w, c.width - PAD - right_w
    y1 = top + n * row_px
    ratios = [
        r["value"] / r["threshold"] if pd.notna(r["value"]) else float("nan")
        for r in _records(rows)
    ]
    xmax = data.xmax
    s = c.axes(
        (x0, top, x1, y1),
        {"range": [0, xmax], "tickformat": ".0%", "showgrid": True, "gridcolor": GRID,
         "zeroline": False, "ticks": "outside", "tickcolor": RULE, "linecolor": RULE,
         "showline": True, "tickfont": {"size": FONT - 1, "color": MUTED}, "fixedrange": True},
        {"range": [n - 0.5, -0.5], "visible": False, "fixedrange": True},
    )  # fmt: skip
    for i, r in enumerate(_records(rows)):
        cy = top + (i + 0.5) * row_px
        c.text(PAD, cy, labels[i], FONT, yanchor="middle")
        c.data_shape(s, type="rect", x0=0, x1=1, y0=i - 0.34, y1=i + 0.34, fillcolor=BAND,
                     line={"width": 0}, layer="below")  # fmt: skip
        if pd.notna(r["max"]):
            c.data_shape(s, type="rect", x0=1, x1=min(r["max"] / r["threshold"], xmax),
                         y0=i - 0.34, y1=i + 0.34, fillcolor=BAND_RANGE, opacity=0.55,
                         line={"width": 0}, layer="below")  # fmt: skip
        color = status_color(r["status"])
        v = ratios[i]
        if not math.isnan(v):
            c.data_shape(s, type="rect", x0=0, x1=min(v, xmax), y0=i - 0.14, y1=i + 0.14,
                         fillcolor=color, line={"color": "#333", "width": 0.6})  # fmt: skip
            if v > xmax:
                c.data_text(s, x=xmax, y=i, text="▶", xanchor="right", font={"color": "#333"})
        if pd.notna(r["expected"]) and r["status"] != "missed" and r["tau"] < 1:
            ex = min(r["expected"] / r["threshold"], xmax)
            c.data_shape(s, type="line", x0=ex, x1=ex, y0=i - 0.3, y1=i + 0.3,
                         line={"color": INK, "width": 3})  # fmt: skip
        c.text(x1 + 14, cy, _bullet_label(r, data, loc), FONT, yanchor="middle")
    c.data_shape(s, type="line", x0=1, x1=1, y0=-0.5, y1=n - 0.5,
                 line={"color": "#444", "width": 1.2, "dash": "dot"})  # fmt: skip
    c.y = y1 + BULLET_AXIS_PX + GAP


def _bullet_numbers(r: dict, data: _Data, loc: Locale) -> str:
    unit = loc.unit(data.catalog.metric(r["metric"]))
    return f"{loc.number(r['value'])} / {loc.number(r['threshold'])} {unit}"


def _bullet_plain(r: dict, data: _Data, loc: Locale) -> str:
    return f"■ {loc.status(r['status'])}  {_bullet_numbers(r, data, loc)}"


def _bullet_label(r: dict, data: _Data, loc: Locale) -> str:
    chip = _span("■", status_color(r["status"]))
    numbers = _span(_bullet_numbers(r, data, loc), MUTED)
    return f"{chip} <b>{loc.status(r['status'])}</b>  {numbers}"


def _metric_name(r: dict, data: _Data, loc: Locale) -> str:
    return loc.name(data.catalog.metric(r["metric"]))


def _records(rows: pd.DataFrame) -> list[dict]:
    return rows.to_dict(orient="records")


def _trajectories(c: _Canvas, rows: pd.DataFrame, history: pd.DataFrame, loc: Locale,
                  data: _Data, as_of: date, title: bool = True) -> None:  # fmt: skip
    legend = [
        ("━●", "#555", "briefing.legend.observed"),
        ("╍╍", "#777", "briefing.legend.required"),
        ("┈┈○", "#555", "briefing.legend.forecast"),
        ("│", "#999", "briefing.legend.as_of"),
    ]
    cols = max(2, min(4, (c.width - 2 * PAD) // 330))
    gap_x = 46
    w = (c.width - 2 * PAD - gap_x * (cols - 1)) / cols
    top = c.y
    if title:  # a continued block (next page) goes on without its title
        top = _block_title(c, loc.t("briefing.trajectory_title"), legend, loc) + TRAJ_HEAD_PX
    records = _records(rows)
    for k, r in enumerate(records):
        row, col = divmod(k, cols)
        x0 = PAD + col * (w + gap_x)
        y0 = top + row * (PANEL_TITLE_PX + PANEL_PX + PANEL_GAP_PX)
        _panel(c, r, history[history["target"] == r["target"]], (x0, y0, w), loc, data, as_of)
    n_rows = math.ceil(len(records) / cols)
    c.y = top + n_rows * (PANEL_TITLE_PX + PANEL_PX + PANEL_GAP_PX) + GAP / 2


def _panel(c: _Canvas, r: dict, hist: pd.DataFrame, box: tuple[float, float, float],
           loc: Locale, data: _Data, as_of: date) -> None:  # fmt: skip
    x0, y0, w = box
    lines = _wrap(_metric_name(r, data, loc), w - 20, FONT)
    heading = lines[0] + ("…" if len(lines) > 1 else "")
    color = status_color(r["status"])
    c.text(x0, y0, f"<b>{heading}</b>", FONT)
    sub = f"{_span('■', color)} {loc.status(r['status'])}"
    if pd.notna(r["forecast"]) and pd.Timestamp(as_of) < pd.Timestamp(r["deadline"]):
        sub += "  " + _span(loc.t("briefing.forecast", value=loc.number(r["forecast"])), MUTED)
    c.text(x0, y0 + 21, sub, FONT - 1)
    start, deadline = pd.Timestamp(r["start_date"]), pd.Timestamp(r["deadline"])
    thr = float(r["threshold"])
    observed = hist.dropna(subset=["value"])
    tops = [thr, r["max"], r["forecast"], *observed["value"]]
    ymax = 1.12 * max(float(v) for v in tops if pd.notna(v))
    span_days = (deadline - start).days
    pad_days = pd.Timedelta(days=round(0.03 * span_days))
    s = c.axes(
        (x0, y0 + PANEL_TITLE_PX, x0 + w, y0 + PANEL_TITLE_PX + PANEL_PX),
        {"range": [start - pad_days, deadline + pad_days], "type": "date", "dtick": "M12",
         "tickformat": "%Y", "showgrid": False, "showline": True, "linecolor": RULE,
         "ticks": "outside", "tickcolor": RULE, "tickfont": {"size": FONT - 2, "color": MUTED},
         "fixedrange": True},
        {"range": [0, ymax], "rangemode": "tozero", "gridcolor": GRID, "zeroline": False,
         "tickfont": {"size": FONT - 2, "color": MUTED}, "nticks": 5, "fixedrange": True,
         **({"tickformat": "~s"} if ymax >= 10_000 else {"tickformat": ",~r"}),
         **({"dtick": 1} if ymax <= 6 else {})},
    )  # fmt: skip
    xa, ya = f"x{s}", f"y{s}"
    if pd.notna(r["baseline"]):  # a level with no figure yet has no path to draw
        path_x, path_y = required_path(r)
        c.traces.append(go.Scatter(x=path_x, y=path_y, mode="lines", xaxis=xa,
                                   yaxis=ya, line={"color": "#777", "width": 1.6, "dash": "dash"},
                                   hoverinfo="skip"))  # fmt: skip
    c.data_shape(s, type="line", x0=start, x1=deadline, y0=thr, y1=thr,
                 line={"color": "#999", "width": 1, "dash": "dot"}, layer="below")  # fmt: skip
    if pd.notna(r["max"]):
        c.data_shape(s, type="rect", x0=start, x1=deadline, y0=thr, y1=float(r["max"]),
                     fillcolor=BAND_STRETCH, line={"width": 0}, layer="below")  # fmt: skip
    if start <= pd.Timestamp(as_of) <= deadline:
        c.data_shape(s, type="line", x0=pd.Timestamp(as_of), x1=pd.Timestamp(as_of), y0=0,
                     y1=ymax, line={"color": "#999", "width": 1})  # fmt: skip
    if observed.empty:
        c.data_text(s, x=start + (deadline - start) / 2, y=ymax / 2,
                    text=loc.status("no_data"), font={"color": MUTED})  # fmt: skip
        return
    last_x, last_y = pd.Timestamp(observed["as_of"].iloc[-1]), observed["value"].iloc[-1]
    if pd.notna(r["forecast"]) and last_x < deadline:
        c.traces.append(go.Scatter(x=[last_x, deadline], y=[last_y, r["forecast"]],
                                   mode="lines+markers", xaxis=xa, yaxis=ya,
                                   line={"color": color, "width": 2, "dash": "dot"},
                                   marker={"symbol": ["circle", "circle-open"], "size": [0, 9],
                                           "color": color, "line": {"width": 2}},
                                   hoverinfo="skip"))  # fmt: skip
    c.traces.append(go.Scatter(x=observed["as_of"], y=observed["value"], mode="lines+markers",
                               xaxis=xa, yaxis=ya, line={"color": color, "width": 2.6},
                               marker={"size": 6, "color": color,
                                       "symbol": status_symbol(r["status"]).replace("-open", ""),
                                       "line": {"color": "#333", "width": 0.6}},
                               hoverinfo="skip"))  # fmt: skip


def source_line(data: _Data, loc: Locale, prepared_by: str) -> str:
    """Who reported the figures (each plan's reporting agency), who prepared the
    briefing, and when the data was last updated."""
    codes = set(data.codes)
    plans = [p for p in data.catalog.plans if p.jurisdiction in codes]
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


def _footnote_lines(data: _Data, loc: Locale, now: datetime, prepared_by: str) -> list[str]:
    """The source line and the time of generation (every page ends with them)."""
    return [
        source_line(data, loc, prepared_by),
        loc.t("briefing.footnote.generated", time=fmt.moment(now)),
    ]


def _footnote_height(c: _Canvas, lines: list[str]) -> float:
    n = sum(len(_wrap(text, c.width - 2 * PAD, FONT - 1)) for text in lines)
    return 10 + n * FOOTNOTE_LINE_PX + PAD / 2


def _footnote(c: _Canvas, lines: list[str]) -> None:
    c.line(PAD, c.y, c.width - PAD, c.y, line={"color": RULE, "width": 1})
    y = c.y + 10
    for text in lines:
        for part in _wrap(text, c.width - 2 * PAD, FONT - 1):
            c.text(PAD, y, part, FONT - 1, color=MUTED)
            y += FOOTNOTE_LINE_PX
    c.y = y + PAD / 2


def _watermark(c: _Canvas, spans: list[tuple[float, float]], loc: Locale) -> None:
    size = max(40, c.width // 14)
    for y0, y1 in spans:
        c.text(c.width / 2, (y0 + y1) / 2, loc.t(WATERMARK_TEXT_KEY), size,
               color=WATERMARK, xanchor="center", yanchor="middle",
               textangle=-24, name="watermark")  # fmt: skip


# ---- pages -----------------------------------------------------------------------------


def _rows(data: _Data, code: str) -> pd.DataFrame:
    order = {tgt.code: i for i, tgt in enumerate(data.catalog.targets)}
    rows = data.status[data.status["jurisdiction"] == code]
    return rows.sort_values("target", key=lambda s: s.map(order))


def _poster(data: _Data, as_of: date, loc: Locale, width: int,
            footnote: list[str]) -> tuple[_Canvas, list[tuple[float, float]]]:  # fmt: skip
    c = _Canvas(width)
    _top_header(c, data.code, data, as_of, loc)
    sections: list[tuple[float, float]] = []
    for code in data.codes:
        start = c.y
        rows = _rows(data, code)
        _section_header(c, code, data, as_of, loc)
        _tiles(c, rows, loc)
        _bullet(c, rows, data, loc)
        _trajectories(c, rows, data.history, loc, data, as_of)
        sections.append((start, c.y))
    _footnote(c, [*footnote, loc.t("briefing.footnote.method")])
    return c, sections


class _Paged:
    """Pages of a fixed size: blocks go on the current page, or start a new one when
    they do not fit above the footer band; every page ends with the source line."""

    def __init__(self, size: tuple[int, int], footnote: Callable[[list[str]], list[str]],
                 codes: list[str]) -> None:  # fmt: skip
        self.width, self.height = size
        self.footnote = footnote  # the lines for a page about these jurisdictions
        self.canvases: list[_Canvas] = []
        self.codes: list[list[str]] = []  # per page
        self.footer_px = max(_footnote_height(_Canvas(self.width), footnote(codes)),
                             *(_footnote_height(_Canvas(self.width), footnote([c]))
                               for c in codes))  # fmt: skip

    @property
    def c(self) -> _Canvas:
        return self.canvases[-1]

    def new_page(self, codes: list[str] | None = None) -> _Canvas:
        self.canvases.append(_Canvas(self.width))
        self.codes.append(codes if codes is not None else self.codes[-1])
        return self.c

    def room(self) -> float:
        return self.height - self.footer_px - self.c.y

    def need(self, px: float) -> _Canvas:
        if not self.canvases or self.room() < px:
            self.new_page().y = PAD
        return self.c

    def pages(self) -> list[Page]:
        out = []
        for c, codes in zip(self.canvases, self.codes, strict=True):
            c.y = self.height - self.footer_px
            _footnote(c, self.footnote(codes))
            out.append(Page(c.figure(self.height), self.width, self.height))
        return out


def _overview(p: _Paged, data: _Data, as_of: date, loc: Locale) -> None:
    """The first page: title, and per jurisdiction its headline and a bar of its statuses."""
    c = p.new_page(data.codes)
    _top_header(c, None if len(data.codes) > 1 else data.codes[0], data, as_of, loc)
    c.text(PAD, c.y, f"<b>{loc.t('briefing.overview_title')}</b>", FONT + 4)
    c.y += 40
    row_px = 74
    fit = max(1, int(p.room() // row_px))
    shown = data.codes[:fit]
    for code in shown:
        _overview_row(c, code, data, loc, row_px)
    if len(data.codes) > fit:
        c.text(PAD, c.y, loc.t("briefing.more_jurisdictions", n=len(data.codes) - fit), FONT,
               color=MUTED)  # fmt: skip
        c.y += 30
    method = _wrap(loc.t("briefing.footnote.method"), c.width - 2 * PAD, FONT - 1)
    if p.room() >= len(method) * FOOTNOTE_LINE_PX:
        for part in method:
            c.text(PAD, c.y, part, FONT - 1, color=MUTED)
            c.y += FOOTNOTE_LINE_PX


def _overview_row(c: _Canvas, code: str, data: _Data, loc: Locale, row_px: float) -> None:
    rows = data.status[data.status["jurisdiction"] == code]
    sentence = headline(data.status, data.catalog, code, loc)
    c.text(PAD, c.y, f"<b>{sentence}</b>", FONT + 4)
    top, x = c.y + 32, float(PAD)
    counts = rows["status"].value_counts()
    span = c.width - 2 * PAD
    for status in STATUS_ORDER:
        n = int(counts.get(status, 0))
        if not n:
            continue
        w = span * n / len(rows)
        c.rect(x, top, x + w, top + 24, fillcolor=status_color(status), line={"width": 0})
        label = f"{loc.status(status)} {n}"
        if text_px(label, FONT - 1) + 12 < w:
            c.text(x + 6, top + 12, label, FONT - 1, color=status_ink(status), yanchor="middle")
        x += w
    c.y += row_px


def _jurisdiction_page(
    p: _Paged, code: str, data: _Data, as_of: date, loc: Locale, *, title: bool
) -> tuple[_Canvas, pd.DataFrame]:
    """A new page for jurisdiction ``code`` (under the title band if ``title``): its
    section header and status tiles; the page and the jurisdiction's rows."""
    rows = _rows(data, code)
    c = p.new_page([code])
    if title:
        _top_header(c, code, data, as_of, loc)
    else:
        c.y = PAD
    _section_header(c, code, data, as_of, loc)
    _tiles(c, rows, loc)
    return c, rows


def _slides(data: _Data, as_of: date, loc: Locale, footnote: Callable) -> _Paged:
    p = _Paged(SLIDE_SIZE, footnote, data.codes)
    _overview(p, data, as_of, loc)
    for code in data.codes:
        c, rows = _jurisdiction_page(p, code, data, as_of, loc, title=True)
        # the bullet chart takes the rest of the slide; a long plan continues on the next
        per_slide = max(1, int((p.room() - _bullet_height(0)) // (BULLET_ROW_PX + 10)))
        for k in range(0, len(rows), per_slide):
            if k:
                c = p.new_page([code])
                _top_header(c, code, data, as_of, loc)
            chunk = rows.iloc[k : k + per_slide]
            row_px = (p.room() - _bullet_height(0)) / len(chunk) - 10
            _bullet(c, chunk, data, loc, min(max(row_px, BULLET_ROW_PX), 2 * BULLET_ROW_PX))
    return p


def _a4(data: _Data, as_of: date, loc: Locale, footnote: Callable) -> _Paged:
    p = _Paged(A4_SIZE, footnote, data.codes)
    _overview(p, data, as_of, loc)
    for code in data.codes:
        c, rows = _jurisdiction_page(p, code, data, as_of, loc, title=False)
        per_page = max(1, int((p.height - p.footer_px - PAD - _bullet_height(0)) // 44))
        for k in range(0, len(rows), per_page):
            chunk = rows.iloc[k : k + per_page]
            _bullet(p.need(_bullet_height(len(chunk))), chunk, data, loc)
        cols = max(2, min(4, (p.width - 2 * PAD) // 330))
        panel_px = PANEL_TITLE_PX + PANEL_PX + PANEL_GAP_PX
        for k in range(0, len(rows), cols):
            first = k == 0
            c = p.need(panel_px + (TRAJ_HEAD_PX + 26 if first else 0))
            _trajectories(c, rows.iloc[k : k + cols], data.history, loc, data, as_of, first)
    return p


# ---- entry points ----------------------------------------------------------------------


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
    data = _load(store, view.jurisdiction, view.as_of, view.known_at)
    loc, as_of = view.locale, view.as_of
    now = now or datetime.now().replace(microsecond=0)
    has_sample = bool(data.batches["is_sample"].any())
    if fmt == "poster":
        footnote = _footnote_lines(data, loc, now, prepared_by)
        c, sections = _poster(data, as_of, loc, width, footnote)
        height = math.ceil(c.y)
        if has_sample:
            _watermark(c, sections or [(0, height)], loc)
        return Briefing([Page(c.figure(height), width, height)], has_sample, fmt)

    def footnote_for(codes: list[str]) -> list[str]:
        return _footnote_lines(replace(data, codes=codes), loc, now, prepared_by)

    paged = (_slides if fmt == "slides" else _a4)(data, as_of, loc, footnote_for)
    if has_sample:
        for c in paged.canvases:
            _watermark(c, [(0, paged.height - paged.footer_px)], loc)
    return Briefing(paged.pages(), has_sample, fmt)


def render_briefing(
    store: Store, view: ViewState, width: int = DEFAULT_WIDTH, **options: Any
) -> bytes:
    """The poster briefing of ``view`` as PNG bytes, ``width`` pixels wide; ``options``
    are :func:`build_briefing`'s ``now`` and ``prepared_by``.

    Raises:
        BriefingError: unknown jurisdiction or width out of range.
        kpi.present.render.ChromiumMissing: no browser to render with.
    """
    briefing = build_briefing(store, view, width, fmt="poster", **options)
    return render_pngs(briefing)[0]


def render_pngs(briefing: Briefing) -> list[bytes]:
    """One PNG per page of ``briefing``."""
    from kpi.present.render import figures_to_png  # the browser stack only when a PNG is wanted

    figs = [p.figure for p in briefing.pages]
    return figures_to_png(figs, briefing.width, [p.height for p in briefing.pages])


def render_pdf(briefing: Briefing) -> bytes:
    """Every page of ``briefing`` as one PDF (text as text, CJK font embedded)."""
    from kpi.present.render import figures_to_pdf

    figs = [p.figure for p in briefing.pages]
    return figures_to_pdf(figs, briefing.width, [p.height for p in briefing.pages])


#: File types each format can be written as.
SUFFIXES = {"poster": (".png",), "slides": (".pdf", ".png"), "a4": (".pdf",)}


def check_out(kind: str, out: Path) -> None:
    """Raise BriefingError when ``out`` is not a file type the format ``kind`` is written as."""
    allowed = SUFFIXES.get(kind, ())
    if out.suffix.lower() not in allowed:
        raise BriefingError("briefing.bad_file_type", format=kind, types=" / ".join(allowed),
                            name=out.name)  # fmt: skip


def briefing_files(briefing: Briefing, out: Path) -> list[tuple[Path, bytes]]:
    """The files of ``briefing`` for ``out``: one PDF, or one PNG per page (several pages
    as ``name-01.png``, ``name-02.png`` ...: the overview slide first)."""
    check_out(briefing.format, out)
    if out.suffix.lower() == ".pdf":
        return [(out, render_pdf(briefing))]
    pngs = render_pngs(briefing)
    if len(pngs) == 1:
        return [(out, pngs[0])]
    return [(out.with_name(f"{out.stem}-{k:02d}{out.suffix}"), png)
            for k, png in enumerate(pngs, start=1)]  # fmt: skip
