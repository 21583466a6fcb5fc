"""The briefing's plots: the bullet chart of a jurisdiction's targets on one shared
percentage axis, and the small multiples of their trajectories."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from kpi.present.documents.blocks import block_title
from kpi.present.documents.canvas import FONT, GAP, PAD, Canvas, span, wrap
from kpi.present.documents.data import BriefingData
from kpi.present.text_metrics import text_px
from kpi.present.theme import (
    BAND,
    BAND_RANGE,
    BAND_STRETCH,
    GRID,
    INK,
    MUTED,
    RULE,
    status_color,
    status_symbol,
)
from kpi.present.views import required_path

BULLET_HEAD_PX, BULLET_ROW_PX, BULLET_AXIS_PX = 44, 34, 40
TRAJ_HEAD_PX, PANEL_TITLE_PX, PANEL_PX, PANEL_GAP_PX = 40, 44, 190, 34


def bullet_height(n: int, row_px: float = BULLET_ROW_PX) -> float:
    return BULLET_HEAD_PX + 26 + n * (row_px + 10) + BULLET_AXIS_PX + GAP


def bullet(
    c: Canvas, rows: pd.DataFrame, data: BriefingData, row_px: float = BULLET_ROW_PX
) -> None:
    """Every target of ``rows`` as a bar of its value over its threshold, on the
    briefing's shared percentage axis, with the expected-by-now tick and its status."""
    loc = data.loc
    legend = [
        ("■", BAND, "briefing.legend.threshold_band"),
        ("■", BAND_RANGE, "briefing.legend.stretch"),
        ("▬", "#555", "briefing.legend.value"),
        ("┃", INK, "briefing.legend.expected"),
    ]
    top = block_title(c, loc.t("briefing.bullet_title"), legend, loc) + BULLET_HEAD_PX
    n = len(rows)
    names = [_metric_name(r, data) for r in _records(rows)]
    label_w = min(max(text_px(x, FONT) for x in names) + 16, 0.3 * c.width)
    labels = ["<br>".join(wrap(x, label_w - 16, FONT)) for x in names]
    row_px = row_px + 10 * any("<br>" in x for x in labels)
    right_w = min(
        max(text_px(_bullet_plain(r, data), FONT) for r in _records(rows)) + 30, 0.3 * c.width
    )
    x0, x1 = PAD + label_w, c.width - PAD - right_w
    y1 = top + n * row_px
    ratios = [
        r["value"] / r["threshold"] if pd.notna(r["value"]) else float("nan")
        for r in _records(rows)
    ]
    xmax = data.xmax
    s = c.axes(
        (x0, top, x1, y1),
        {
            "range": [0, xmax],
            "tickformat": ".0%",
            "showgrid": True,
            "gridcolor": GRID,
            "zeroline": False,
            "ticks": "outside",
            "tickcolor": RULE,
            "linecolor": RULE,
            "showline": True,
            "tickfont": {"size": FONT - 1, "color": MUTED},
            "fixedrange": True,
        },
        {"range": [n - 0.5, -0.5], "visible": False, "fixedrange": True},
    )
    for i, r in enumerate(_records(rows)):
        cy = top + (i + 0.5) * row_px
        c.text(PAD, cy, labels[i], FONT, yanchor="middle")
        c.data_shape(
            s,
            type="rect",
            x0=0,
            x1=1,
            y0=i - 0.34,
            y1=i + 0.34,
            fillcolor=BAND,
            line={"width": 0},
            layer="below",
        )
        if pd.notna(r["max"]):
            c.data_shape(
                s,
                type="rect",
                x0=1,
                x1=min(r["max"] / r["threshold"], xmax),
                y0=i - 0.34,
                y1=i + 0.34,
                fillcolor=BAND_RANGE,
                opacity=0.55,
                line={"width": 0},
                layer="below",
            )
        color = status_color(r["status"])
        v = ratios[i]
        if not math.isnan(v):
            c.data_shape(
                s,
                type="rect",
                x0=0,
                x1=min(v, xmax),
                y0=i - 0.14,
                y1=i + 0.14,
                fillcolor=color,
                line={"color": "#333", "width": 0.6},
            )
            if v > xmax:
                c.data_text(s, x=xmax, y=i, text="▶", xanchor="right", font={"color": "#333"})
        if pd.notna(r["expected"]) and r["status"] != "missed" and r["tau"] < 1:
            ex = min(r["expected"] / r["threshold"], xmax)
            c.data_shape(
                s,
                type="line",
                x0=ex,
                x1=ex,
                y0=i - 0.3,
                y1=i + 0.3,
                line={"color": INK, "width": 3},
            )
        c.text(x1 + 14, cy, _bullet_label(r, data), FONT, yanchor="middle")
    c.data_shape(
        s,
        type="line",
        x0=1,
        x1=1,
        y0=-0.5,
        y1=n - 0.5,
        line={"color": "#444", "width": 1.2, "dash": "dot"},
    )
    c.y = y1 + BULLET_AXIS_PX + GAP


def _bullet_numbers(r: dict, data: BriefingData) -> str:
    loc = data.loc
    unit = loc.unit(data.catalog.metric(r["metric"]))
    return f"{loc.number(r['value'])} / {loc.number(r['threshold'])} {unit}"


def _bullet_plain(r: dict, data: BriefingData) -> str:
    """The label right of a bar as plain text, to measure."""
    return f"■ {data.loc.status(r['status'])}  {_bullet_numbers(r, data)}"


def _bullet_label(r: dict, data: BriefingData) -> str:
    chip = span("■", status_color(r["status"]))
    numbers = span(_bullet_numbers(r, data), MUTED)
    return f"{chip} <b>{data.loc.status(r['status'])}</b>  {numbers}"


def _metric_name(r: dict, data: BriefingData) -> str:
    return data.loc.name(data.catalog.metric(r["metric"]))


def _records(rows: pd.DataFrame) -> list[dict]:
    return rows.to_dict(orient="records")


def trajectories(c: Canvas, rows: pd.DataFrame, data: BriefingData, title: bool = True) -> None:
    """Small multiples of the targets of ``rows``: value over time against the required
    path, the threshold (and range), the forecast and the as-of line."""
    loc, history = data.loc, data.history
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
        top = block_title(c, loc.t("briefing.trajectory_title"), legend, loc) + TRAJ_HEAD_PX
    records = _records(rows)
    for k, r in enumerate(records):
        row, col = divmod(k, cols)
        x0 = PAD + col * (w + gap_x)
        y0 = top + row * (PANEL_TITLE_PX + PANEL_PX + PANEL_GAP_PX)
        _panel(c, r, history[history["target"] == r["target"]], (x0, y0, w), data)
    n_rows = math.ceil(len(records) / cols)
    c.y = top + n_rows * (PANEL_TITLE_PX + PANEL_PX + PANEL_GAP_PX) + GAP / 2


def _panel(
    c: Canvas, r: dict, hist: pd.DataFrame, box: tuple[float, float, float], data: BriefingData
) -> None:
    loc, as_of = data.loc, data.as_of
    x0, y0, w = box
    lines = wrap(_metric_name(r, data), w - 20, FONT)
    heading = lines[0] + ("…" if len(lines) > 1 else "")
    color = status_color(r["status"])
    c.text(x0, y0, f"<b>{heading}</b>", FONT)
    sub = f"{span('■', color)} {loc.status(r['status'])}"
    if pd.notna(r["forecast"]) and pd.Timestamp(as_of) < pd.Timestamp(r["deadline"]):
        sub += "  " + span(loc.t("briefing.forecast", value=loc.number(r["forecast"])), MUTED)
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
        {
            "range": [start - pad_days, deadline + pad_days],
            "type": "date",
            "dtick": "M12",
            "tickformat": "%Y",
            "showgrid": False,
            "showline": True,
            "linecolor": RULE,
            "ticks": "outside",
            "tickcolor": RULE,
            "tickfont": {"size": FONT - 2, "color": MUTED},
            "fixedrange": True,
        },
        {
            "range": [0, ymax],
            "rangemode": "tozero",
            "gridcolor": GRID,
            "zeroline": False,
            "tickfont": {"size": FONT - 2, "color": MUTED},
            "nticks": 5,
            "fixedrange": True,
            **({"tickformat": "~s"} if ymax >= 10_000 else {"tickformat": ",~r"}),
            **({"dtick": 1} if ymax <= 6 else {}),
        },
    )
    xa, ya = f"x{s}", f"y{s}"
    if pd.notna(r["baseline"]):  # a level with no figure yet has no path to draw
        path_x, path_y = required_path(r)
        c.traces.append(
            go.Scatter(
                x=path_x,
                y=path_y,
                mode="lines",
                xaxis=xa,
                yaxis=ya,
                line={"color": "#777", "width": 1.6, "dash": "dash"},
                hoverinfo="skip",
            )
        )
    c.data_shape(
        s,
        type="line",
        x0=start,
        x1=deadline,
        y0=thr,
        y1=thr,
        line={"color": "#999", "width": 1, "dash": "dot"},
        layer="below",
    )
    if pd.notna(r["max"]):
        c.data_shape(
            s,
            type="rect",
            x0=start,
            x1=deadline,
            y0=thr,
            y1=float(r["max"]),
            fillcolor=BAND_STRETCH,
            line={"width": 0},
            layer="below",
        )
    if start <= pd.Timestamp(as_of) <= deadline:
        c.data_shape(
            s,
            type="line",
            x0=pd.Timestamp(as_of),
            x1=pd.Timestamp(as_of),
            y0=0,
            y1=ymax,
            line={"color": "#999", "width": 1},
        )
    if observed.empty:
        c.data_text(
            s,
            x=start + (deadline - start) / 2,
            y=ymax / 2,
            text=loc.status("no_data"),
            font={"color": MUTED},
        )
        return
    last_x, last_y = pd.Timestamp(observed["as_of"].iloc[-1]), observed["value"].iloc[-1]
    if pd.notna(r["forecast"]) and last_x < deadline:
        c.traces.append(
            go.Scatter(
                x=[last_x, deadline],
                y=[last_y, r["forecast"]],
                mode="lines+markers",
                xaxis=xa,
                yaxis=ya,
                line={"color": color, "width": 2, "dash": "dot"},
                marker={
                    "symbol": ["circle", "circle-open"],
                    "size": [0, 9],
                    "color": color,
                    "line": {"width": 2},
                },
                hoverinfo="skip",
            )
        )
    c.traces.append(
        go.Scatter(
            x=observed["as_of"],
            y=observed["value"],
            mode="lines+markers",
            xaxis=xa,
            yaxis=ya,
            line={"color": color, "width": 2.6},
            marker={
                "size": 6,
                "color": color,
                "symbol": status_symbol(r["status"]).replace("-open", ""),
                "line": {"color": "#333", "width": 0.6},
            },
            hoverinfo="skip",
        )
    )
