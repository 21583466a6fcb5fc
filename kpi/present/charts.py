"""Dashboard charts: pure functions from engine output to plotly figures.

Each function builds a fresh figure (nothing cached or shared) on the ``kpi`` plotly
template, uses the status colours and marker shapes of :mod:`kpi.present.theme`, and
always writes the status as text as well. Numbers are written by :mod:`kpi.present.fmt`.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from kpi.domain.catalog import Catalog
from kpi.present.headline import worst_first
from kpi.present.locale import Locale
from kpi.present.tables import goal_text, whole
from kpi.present.text_metrics import text_width
from kpi.present.theme import (
    BAND,
    INK,
    JURISDICTION_COLORS,
    MUTED,
    PLOT_BG,
    STATUS_ORDER,
    status_color,
    status_ink,
    status_symbol,
    use_template,
)
from kpi.present.views import FLAG_WORDS, required_path

#: Characters per line of a target name in a status-matrix cell.
MATRIX_WRAP = 20
#: Between threshold and range maximum in a bullet chart (lighter than the briefing's).
BAND_RANGE = "#CFCFCF"


def _layout(fig: go.Figure, height: int, title: str | None = None) -> go.Figure:
    fig.update_layout(
        template=use_template(),
        height=height,
        margin={"l": 10, "r": 20, "t": 40 if title else 10, "b": 10},
        title={"text": title, "x": 0, "font": {"size": 15}} if title else None,
    )
    return fig


def _goal(row: Mapping[str, Any], loc: Locale) -> str:
    """The target as the plan words it: '5', '约 3' (not the 2.7 the engine compares with)."""
    low = loc.number(row["min"]) if "min" in row else loc.number(row["threshold"])
    return loc.t("goal.approx", number=low) if row.get("comparator") == "approx" else low


def _unit_title(unit: str) -> dict[str, Any]:
    return {"text": unit, "font": {"size": 11, "color": MUTED}, "standoff": 4}


def bullet_chart(
    row: Mapping[str, Any], loc: Locale, title: str | None = None, unit: str = ""
) -> go.Figure:
    """One target's value as a bar, against its threshold and (for ranges) range max.

    ``row`` is one row of :func:`kpi.assess.verdicts.compute_status`. The grey band runs to the
    threshold (a darker band to the range max), the bar is coloured by status and
    labelled with value and status, and a black tick marks the value expected by now.
    ``unit`` titles the axis.
    """
    status = str(row["status"])
    threshold = float(row["threshold"])
    range_max = float(row["max"]) if pd.notna(row.get("max")) else None
    value = float(row["value"]) if pd.notna(row["value"]) else 0.0
    expected = float(row["expected"]) if pd.notna(row["expected"]) else None
    top = max(threshold, range_max or 0, value, expected or 0) * 1.12

    fig = go.Figure()
    fig.add_shape(
        type="rect",
        x0=0,
        x1=threshold,
        y0=-0.45,
        y1=0.45,
        fillcolor=BAND,
        line_width=0,
        layer="below",
    )
    if range_max is not None and range_max > threshold:
        fig.add_shape(
            type="rect",
            x0=threshold,
            x1=range_max,
            y0=-0.45,
            y1=0.45,
            fillcolor=BAND_RANGE,
            line_width=0,
            layer="below",
        )
    fig.add_bar(
        x=[value],
        y=[0],
        orientation="h",
        width=0.5,
        name=loc.t("col.value"),
        marker={"color": status_color(status), "line": {"color": INK, "width": 0.5}},
        hovertemplate=f"{loc.t('col.value')}: %{{x:,}}<extra></extra>",
    )
    badge = f"{loc.t('col.value')} {loc.number(row['value'])} · {loc.status(status)}"
    fig.add_annotation(
        x=0,
        y=1,
        xref="paper",
        yref="paper",
        xanchor="left",
        yanchor="bottom",
        yshift=4,
        text=f"<b>{badge}</b>",
        showarrow=False,
        bgcolor=status_color(status),
        font={"size": 12, "color": status_ink(status)},
        borderpad=3,
    )
    fig.add_shape(
        type="line", x0=threshold, x1=threshold, y0=-0.45, y1=0.45, line={"color": INK, "width": 3}
    )
    marks = [(threshold, f"{loc.t('chart.threshold')} {_goal(row, loc)}", "right")]
    if range_max is not None:
        fig.add_shape(
            type="line",
            x0=range_max,
            x1=range_max,
            y0=-0.45,
            y1=0.45,
            line={"color": INK, "width": 1.5, "dash": "dot"},
        )
        marks.append((range_max, f"{loc.t('col.max')} {loc.number(range_max)}", "left"))
    for x, text, anchor in marks:  # threshold label to its left, range max to its right
        fig.add_annotation(
            x=x,
            y=0.45,
            text=text,
            showarrow=False,
            yanchor="bottom",
            xanchor=anchor if range_max is not None else "center",
            font={"size": 11, "color": MUTED},
        )
    if expected is not None:
        # a dashed tick with a triangle on top: unlike the solid threshold line
        fig.add_shape(
            type="line",
            x0=expected,
            x1=expected,
            y0=-0.45,
            y1=0.45,
            line={"color": INK, "width": 2, "dash": "dash"},
        )
        fig.add_scatter(
            x=[expected],
            y=[0.5],
            mode="markers",
            name=loc.t("col.expected"),
            marker={"symbol": "triangle-down", "size": 11, "color": INK},
            hovertemplate=f"{loc.t('col.expected')}: %{{x:,.0f}}<extra></extra>",
        )
        fig.add_annotation(
            x=expected,
            y=-0.45,
            text=loc.t("chart.expected_short"),
            showarrow=False,
            yanchor="top",
            font={"size": 10, "color": MUTED},
        )
    fig.update_xaxes(
        range=[0, top],
        showgrid=False,
        zeroline=False,
        title=_unit_title(unit),
        **whole_ticks(top, loc),
    )
    fig.update_yaxes(visible=False, range=[-0.8, 0.8])
    fig.update_layout(showlegend=False, bargap=0)
    _layout(fig, (170 if title else 140) + (16 if unit else 0), title)
    fig.update_layout(margin={"t": 60 if title else 34})
    return fig


def _legend_key(fig: go.Figure, name: str, **style: Any) -> None:
    """A legend entry that draws nothing: explains a line or a marker used in the chart."""
    fig.add_scatter(x=[None], y=[None], name=name, hoverinfo="skip", **style)


def trajectory_chart(
    history: pd.DataFrame,
    row: Mapping[str, Any],
    loc: Locale,
    title: str | None = None,
    unit: str = "",
) -> go.Figure:
    """Cumulative trajectory of one target against the required straight path.

    ``history`` holds this target's rows of :func:`kpi.assess.verdicts.status_history` (value
    per quarter end: cumulative flow or level), ``row`` its current status row. Shows
    the observations (markers shaped and coloured by that quarter's status), the
    straight required path from the period start to the threshold at the deadline,
    the threshold (and range max), and the forecast to the deadline.

    Labels never sit on the plot where they could collide (with each other or a
    path): the threshold, range max, forecast and marker shapes are named in the
    legend; the only label is the as-of line's, which says when the line is drawn at
    the deadline because the as-of date lies beyond it. ``unit`` is written beside the
    y-axis's top tick.
    """
    row = pd.Series(dict(row))
    fig = go.Figure()
    path_x, path_y = required_path(row)
    span = [
        pd.Timestamp(path_x[0]) - pd.Timedelta(days=20),
        pd.Timestamp(path_x[1]) + pd.Timedelta(days=20),
    ]
    fig.add_scatter(
        x=path_x,
        y=path_y,
        mode="lines",
        name=loc.t("chart.required"),
        hoverinfo="skip",
        line={"color": MUTED, "dash": "dash", "width": 2},
    )
    fig.add_scatter(
        x=span,
        y=[float(row["threshold"])] * 2,
        mode="lines",
        hoverinfo="skip",
        name=f"{loc.t('chart.threshold')} {_goal(row, loc)}",
        line={"color": INK, "width": 1.5},
    )
    top = max(float(row["threshold"]), float(row["forecast"]) if pd.notna(row["forecast"]) else 0)
    if pd.notna(row.get("max")):
        top = max(top, float(row["max"]))
        fig.add_scatter(
            x=span,
            y=[float(row["max"])] * 2,
            mode="lines",
            hoverinfo="skip",
            name=f"{loc.t('col.max')} {loc.number(row['max'])}",
            line={"color": INK, "width": 1, "dash": "dot"},
        )
    seen = history[history["value"].notna()].sort_values("as_of")
    if not seen.empty:
        top = max(top, float(seen["value"].max()))
        labels = [loc.status(s) for s in seen["status"]]
        fig.add_scatter(
            x=pd.to_datetime(seen["as_of"]),
            y=seen["value"],
            mode="lines+markers",
            name=loc.t("chart.observed"),
            line={"color": INK, "width": 2},
            marker={
                "size": 9,
                "color": [status_color(s) for s in seen["status"]],
                "symbol": [status_symbol(s) for s in seen["status"]],
                "line": {"color": INK, "width": 1},
            },
            customdata=labels,
            hovertemplate="%{x|%Y-%m-%d}: %{y:,} · %{customdata}<extra></extra>",
        )
        for status in dict.fromkeys(seen["status"]):  # the marker shapes, explained
            _legend_key(
                fig,
                loc.status(status),
                mode="markers",
                marker={
                    "size": 9,
                    "color": status_color(status),
                    "symbol": status_symbol(status),
                    "line": {"color": INK, "width": 1},
                },
            )
        if pd.notna(row["forecast"]):
            last = seen.iloc[-1]
            status = str(row["status"])
            forecast = loc.number(round(float(row["forecast"])))
            fig.add_scatter(
                x=[pd.Timestamp(last["as_of"]), pd.Timestamp(row["deadline"])],
                y=[float(last["value"]), float(row["forecast"])],
                mode="lines+markers",
                name=loc.t("chart.forecast_at", value=forecast),
                line={"color": status_color(status), "dash": "dot", "width": 2},
                marker={
                    "size": [0, 10],
                    "color": status_color(status),
                    "symbol": status_symbol(status),
                },
                hovertemplate=f"{loc.t('chart.forecast_at', value=forecast)}<extra></extra>",
            )
    as_of = pd.Timestamp(row["as_of"])
    drawn = min(as_of, pd.Timestamp(row["deadline"]))
    if drawn >= pd.Timestamp(path_x[0]):
        key = "chart.as_of_clamped" if as_of > drawn else "chart.as_of_line"
        fig.add_shape(
            type="line",
            x0=drawn,
            x1=drawn,
            y0=0,
            y1=1,
            yref="paper",
            line={"color": MUTED, "width": 1, "dash": "dot"},
        )
        fig.add_annotation(
            x=drawn,
            y=1,
            yref="paper",
            yanchor="bottom",
            showarrow=False,
            xanchor="right",
            text=loc.t(key, day=as_of.date().isoformat()),
            font={"size": 10, "color": MUTED},
        )
    fig.update_xaxes(range=span, tickformat="%Y", dtick="M12", showgrid=True)
    # the unit on the top tick: a sideways axis title turns 个 into an arrow
    fig.update_yaxes(range=[0, top * 1.05 or 1], **whole_ticks(top * 1.05 or 1, loc, unit))
    fig.update_layout(
        legend={"orientation": "h", "y": -0.28, "yanchor": "top", "x": 0, "font": {"size": 11}}
    )
    _layout(fig, 330 if title else 310, title)
    fig.update_layout(margin={"t": 50 if title else 24})
    return fig


def status_matrix(frame: pd.DataFrame, catalog: Catalog, loc: Locale) -> go.Figure:
    """Targets by status (columns) and jurisdiction (rows); each cell lists its targets.

    A cell is coloured with its status colour when it holds targets and carries the
    count and the targets' metric names as text; the column header names the status.
    """
    present = set(frame["jurisdiction"])
    codes = [j.code for j in catalog.jurisdictions if j.code in present]
    # only statuses that occur: an empty column would narrow the others until texts overlap
    statuses = [s for s in STATUS_ORDER if s in set(frame["status"])] or list(STATUS_ORDER)
    metric_names = {
        m.code: "<br>".join(textwrap.wrap(loc.name(m), MATRIX_WRAP)) for m in catalog.metrics
    }
    cells: dict[tuple[str, str], list[str]] = {}
    for j, s, m in frame[["jurisdiction", "status", "metric"]].itertuples(index=False):
        cells.setdefault((j, s), []).append(metric_names[m])
    z, text = [], []
    for j in codes:
        z_row, text_row = [], []
        for i, s in enumerate(statuses):
            metrics = cells.get((j, s), [])
            z_row.append(i if metrics else None)
            text_row.append(f"<b>{len(metrics)}</b><br>" + "<br>".join(metrics) if metrics else "")
        z.append(z_row)
        text.append(text_row)
    n = len(statuses)
    scale = []
    for i, s in enumerate(statuses):
        scale += [[i / n, status_color(s)], [(i + 1) / n, status_color(s)]]
    x = [loc.status(s) for s in statuses]
    y = [loc.name(catalog.jurisdiction(c)) for c in codes]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=x,
            y=y,
            text=text,
            texttemplate="%{text}",
            textfont={"size": 11},
            colorscale=scale,
            zmin=-0.5,
            zmax=n - 0.5,
            showscale=False,
            xgap=4,
            ygap=4,
            hoverinfo="skip",
        )
    )
    tallest = max((t_.count("<br>") for r in text for t_ in r), default=1)
    fig.update_xaxes(side="top", showgrid=False, tickfont={"size": 13})
    fig.update_yaxes(autorange="reversed", showgrid=False, tickfont={"size": 13})
    fig.update_layout(plot_bgcolor=PLOT_BG)
    return _layout(fig, 60 + len(codes) * max(70, 17 * (tallest + 1)))


def comparison_chart(comparison: pd.DataFrame, loc: Locale) -> go.Figure:
    """Mean attainment (top) and mean pace (below) per metric family, a bar per jurisdiction.

    ``comparison`` is :func:`kpi.present.views.family_comparison`. Reference lines: 100 %
    attainment; the 95 % (on track) and 60 % (at risk) pace bands of the engine. The
    two panels are stacked so each gets the full width (a phone too), and the lines
    are named in the legend rather than by labels that could land on each other.
    """
    fig = make_subplots(
        rows=2,
        cols=1,
        vertical_spacing=0.1,
        subplot_titles=(loc.t("chart.mean_attainment"), loc.t("chart.mean_pace")),
    )
    families = list(dict.fromkeys(comparison["family_name"]))
    jurisdictions = list(dict.fromkeys(comparison["jurisdiction"]))
    for k, code in enumerate(jurisdictions):
        sub = comparison[comparison["jurisdiction"] == code]
        color = JURISDICTION_COLORS[k % len(JURISDICTION_COLORS)]
        label = sub["jurisdiction_name"].iloc[0]
        for panel, field in ((1, "attainment"), (2, "pace")):
            values = sub[field] * 100
            fig.add_bar(
                x=values.fillna(0),
                y=sub["family_name"],
                orientation="h",
                name=label,
                legendgroup=code,
                showlegend=panel == 1,
                marker_color=color,
                text=[loc.status("no_data") if pd.isna(v) else f"{v:.0f}%" for v in values],
                textfont={"color": [MUTED if pd.isna(v) else INK for v in values], "size": 11},
                textposition="outside",
                cliponaxis=False,
                row=panel,
                col=1,
                hovertemplate=f"{label} · %{{y}}: %{{x:.0f}}%<extra></extra>",
            )
    lines = [(1, 100, INK, "solid", loc.t("chart.line_target"))] + [
        (
            2,
            pace,
            status_color(status),
            "dash",
            loc.t("chart.line_pace", pace=pace, status=loc.status(status)),
        )
        for pace, status in ((95, "on_track"), (60, "at_risk"))
    ]
    for panel, x, color, dash, name in lines:
        fig.add_vline(x=x, line={"color": color, "width": 2, "dash": dash}, row=panel, col=1)
        _legend_key(fig, name, mode="lines", line={"color": color, "width": 2, "dash": dash})
    top = max(float(comparison[["attainment", "pace"]].max().max() or 0) * 100, 100)
    fig.update_yaxes(categoryorder="array", categoryarray=families, autorange="reversed")
    # room right of the longest bar for its label
    fig.update_xaxes(ticksuffix="%", range=[0, top * 1.3], dtick=50 if top <= 200 else None)
    fig.update_layout(
        barmode="group", legend={"orientation": "h", "y": -0.06, "yanchor": "top", "x": 0}
    )
    panel = 18 * len(families) * max(len(jurisdictions), 1)
    _layout(fig, 160 + 2 * panel)
    fig.update_layout(margin={"t": 40, "b": 40})
    return fig


# ---- small multiples: every target's trajectory of a plan in one figure ------------------
#: Pixels of one trajectory panel's plot area, of a line of its title and of its year ticks.
PANEL_PLOT_PX = 150
PANEL_LINE_PX = 17
PANEL_TICKS_PX = 30
#: Width of a panel's title line, in CJK characters (a Latin letter counts about half):
#: a panel is at least 300 px wide, on a phone and in a third of a desktop page.
PANEL_TITLE_WIDTH = 23
LEGEND_ROW_PX = 21


def whole_ticks(top: float, loc: Locale, unit: str = "") -> dict[str, Any]:
    """Axis ticks for counted things from 0 to ``top``: whole, evenly stepped (1, 2 or 5
    times a power of ten, at most six), written as every number is (1万, 10,000); the
    highest reads with the unit ("8 家"), so the axis says what it counts without a
    sideways title (a rotated 个 reads as an arrow)."""
    steps = (k * 10**e for e in range(16) for k in (1, 2, 5))
    step = next(x for x in steps if top / x <= 5)
    values = [k * step for k in range(int(top // step) + 1)]
    texts = [loc.number(v) for v in values]
    texts[-1] = f"{texts[-1]} {unit}".strip()
    return {"tickvals": values, "ticktext": texts}


def _wrap(pieces: list[str], sep: str, width: float) -> list[str]:
    """``pieces`` joined by ``sep`` in lines no wider than ``width`` (CJK characters);
    a piece wider than a line gets a line of its own."""
    lines: list[str] = []
    for piece in pieces:
        joined = f"{lines[-1]}{sep}{piece}" if lines else piece
        if lines and text_width(joined) <= width:
            lines[-1] = joined
        else:
            lines.append(piece)
    return lines


def _name_lines(name: str, width: float) -> list[str]:
    """A name in lines: broken at spaces, or (Chinese, without spaces) between characters."""
    if text_width(name) <= width:
        return [name]
    return _wrap(name.split(" "), " ", width) if " " in name else _wrap(list(name), "", width)


def _panel_title(row: Mapping[str, Any], name: str, unit: str, loc: Locale) -> list[str]:
    """The lines above a panel: the metric's name in bold, then value, goal and status."""
    value = f"{whole(row['value'], loc)} {unit}".strip() if pd.notna(row["value"]) else ""
    flags = [loc.t(key) for field, key in FLAG_WORDS.items() if row.get(field) is True]
    facts = [
        f"{loc.t('col.value')} {value}" if value else "",
        f"{loc.t('chart.threshold')} {goal_text(row, unit, loc)}",
        loc.status(str(row["status"])),
        *flags,
    ]
    # catalog text is data: escaped, so plotly shows "<b>" as typed instead of obeying it
    names = [
        f"<b>{html.escape(line, quote=False)}</b>" for line in _name_lines(name, PANEL_TITLE_WIDTH)
    ]
    lines = _wrap([f for f in facts if f], " · ", PANEL_TITLE_WIDTH)
    return names + [html.escape(line, quote=False) for line in lines]


def _panel_traces(
    row: pd.Series, history: pd.DataFrame, axes: dict[str, str], loc: Locale
) -> tuple[list[dict[str, Any]], float]:
    """One target's required path, threshold, range max, observations and forecast as
    trace dicts on ``axes``; and the highest value drawn (for the axis range)."""
    path_x, path_y = required_path(row)
    span = _span(row)
    threshold = float(row["threshold"])
    top = max(threshold, float(row["forecast"]) if pd.notna(row["forecast"]) else 0.0)
    line = {"mode": "lines", "hoverinfo": "skip", "showlegend": False, **axes}
    traces = [
        {**line, "x": path_x, "y": path_y, "line": {"color": MUTED, "dash": "dash", "width": 2}},
        {**line, "x": span, "y": [threshold] * 2, "line": {"color": INK, "width": 1.5}},
    ]
    if pd.notna(row.get("max")):
        top = max(top, float(row["max"]))
        traces.append(
            {
                **line,
                "x": span,
                "y": [float(row["max"])] * 2,
                "line": {"color": INK, "width": 1, "dash": "dot"},
            }
        )
    seen = history[history["value"].notna()].sort_values("as_of")
    if seen.empty:
        return traces, top
    top = max(top, float(seen["value"].max()))
    statuses = [str(s) for s in seen["status"]]
    traces.append(
        {
            **axes,
            "type": "scatter",
            "mode": "lines+markers",
            "showlegend": False,
            "x": list(pd.to_datetime(seen["as_of"])),
            "y": [float(v) for v in seen["value"]],
            "line": {"color": INK, "width": 2},
            "marker": {
                "size": 8,
                "color": [status_color(s) for s in statuses],
                "symbol": [status_symbol(s) for s in statuses],
                "line": {"color": INK, "width": 1},
            },
            "customdata": [loc.status(s) for s in statuses],
            "hovertemplate": "%{x|%Y-%m-%d}: %{y:,} · %{customdata}<extra></extra>",
        }
    )
    if pd.notna(row["forecast"]):
        status, last = str(row["status"]), seen.iloc[-1]
        label = loc.t("chart.forecast_at", value=loc.number(round(float(row["forecast"]))))
        traces.append(
            {
                **axes,
                "type": "scatter",
                "mode": "lines+markers",
                "showlegend": False,
                "x": [pd.Timestamp(last["as_of"]), pd.Timestamp(row["deadline"])],
                "y": [float(last["value"]), float(row["forecast"])],
                "line": {"color": status_color(status), "dash": "dot", "width": 2},
                "marker": {
                    "size": [0, 9],
                    "color": status_color(status),
                    "symbol": status_symbol(status),
                },
                "hovertemplate": f"{label}<extra></extra>",
            }
        )
    return traces, top


def _span(row: Mapping[str, Any]) -> list[pd.Timestamp]:
    """The x range of a target's panel: its plan period and a little room either side."""
    margin = pd.Timedelta(days=20)
    return [pd.Timestamp(row["start_date"]) - margin, pd.Timestamp(row["deadline"]) + margin]


def _panel_legend(frame: pd.DataFrame, history: pd.DataFrame, loc: Locale) -> list[dict]:
    """Legend entries that draw nothing: every line, marker shape and the as-of line."""
    key = {"type": "scatter", "x": [None], "y": [None], "hoverinfo": "skip"}
    lines = [
        (loc.t("chart.required"), {"color": MUTED, "dash": "dash", "width": 2}),
        (loc.t("chart.threshold"), {"color": INK, "width": 1.5}),
    ]
    if frame["max"].notna().any():
        lines.append((loc.t("col.max"), {"color": INK, "width": 1, "dash": "dot"}))
    entries = [{**key, "mode": "lines", "name": n, "line": s} for n, s in lines]
    entries.append(
        {
            **key,
            "mode": "lines+markers",
            "name": loc.t("chart.observed"),
            "line": {"color": INK, "width": 2},
            "marker": {"color": INK, "size": 6},
        }
    )
    seen = set(history.loc[history["value"].notna(), "status"])
    for status in [s for s in STATUS_ORDER if s in seen]:
        entries.append(
            {
                **key,
                "mode": "markers",
                "name": loc.status(status),
                "marker": {
                    "size": 8,
                    "color": status_color(status),
                    "symbol": status_symbol(status),
                    "line": {"color": INK, "width": 1},
                },
            }
        )
    if frame["forecast"].notna().any():
        entries.append(
            {
                **key,
                "mode": "lines",
                "name": loc.t("chart.forecast"),
                "line": {"color": MUTED, "dash": "dot", "width": 2},
            }
        )
    as_of = pd.Timestamp(frame["as_of"].iloc[0])
    clamped = (pd.to_datetime(frame["deadline"]) < as_of).any()
    day = as_of.date().isoformat()
    entries.append(
        {
            **key,
            "mode": "lines",
            "line": {"color": MUTED, "width": 1, "dash": "dot"},
            "name": loc.t("chart.as_of_clamped" if clamped else "chart.as_of_line", day=day),
        }
    )
    return entries


def trajectory_panels(
    frame: pd.DataFrame, history: pd.DataFrame, catalog: Catalog, loc: Locale
) -> go.Figure:
    """Every target of ``frame`` as a small trajectory panel, one below the other.

    ``frame`` holds rows of :func:`kpi.assess.verdicts.compute_status` (in the order to draw),
    ``history`` rows of :func:`kpi.assess.verdicts.status_history` (of these targets and maybe
    others). Each panel is :func:`trajectory_chart` made small: the required path, the
    threshold (and range max), the observations with a marker per quarter's status,
    the forecast to the deadline and the as-of line; its y-axis ticks at whole numbers,
    the highest with the unit. Above each panel its metric's name, value, goal and
    status; the lines and marker shapes are explained once, in the legend below the
    last panel. No label sits on a plot, so none can collide with a path.
    """
    history = history[history["target"].isin(frame["target"])]
    by_target = dict(tuple(history.groupby("target", sort=False))) if len(history) else {}
    legend = _panel_legend(frame, history, loc)
    rows = [row for _, row in frame.iterrows()]
    titles = [
        _panel_title(
            r, loc.name(catalog.metric(r["metric"])), loc.unit(catalog.metric(r["metric"])), loc
        )
        for r in rows
    ]
    blocks = [len(lines) * PANEL_LINE_PX + 8 + PANEL_PLOT_PX + PANEL_TICKS_PX for lines in titles]
    height = sum(blocks) + LEGEND_ROW_PX * len(legend) + 16
    layout: dict[str, Any] = {"annotations": [], "shapes": []}
    traces: list[dict[str, Any]] = []
    top_px = 0.0  # from the top of the plotting area
    for i, (row, lines, block) in enumerate(zip(rows, titles, blocks, strict=True)):
        plot_top = top_px + len(lines) * PANEL_LINE_PX + 8
        domain = [1 - (plot_top + PANEL_PLOT_PX) / height, 1 - plot_top / height]
        path = by_target.get(row["target"], history.iloc[0:0])
        unit = loc.unit(catalog.metric(row["metric"]))
        traces += _panel(row, path, "" if i == 0 else str(i + 1), domain, lines, unit, layout, loc)
        top_px += block
    layout |= {
        "template": use_template(),
        "height": int(height) + 20,
        "showlegend": True,
        "margin": {"t": 10, "b": 10, "l": 10, "r": 10},
        "legend": {
            "orientation": "v",
            "x": 0,
            "xanchor": "left",
            "y": 0,
            "yanchor": "bottom",
            "font": {"size": 11},
            "tracegroupgap": 0,
        },
    }
    return go.Figure({"data": traces + legend, "layout": layout})


def _panel(
    row: pd.Series,
    history: pd.DataFrame,
    n: str,
    domain: list[float],
    title: list[str],
    unit: str,
    layout: dict[str, Any],
    loc: Locale,
) -> list[dict[str, Any]]:
    """One panel on axes ``x{n}``/``y{n}`` spanning ``domain`` of the figure's height:
    its axes, title and as-of line go into ``layout``; its traces are returned."""
    traces, top = _panel_traces(row, history, {"xaxis": f"x{n}", "yaxis": f"y{n}"}, loc)
    ticks = whole_ticks(top * 1.08 or 1, loc, unit)
    layout[f"xaxis{n}"] = {
        "anchor": f"y{n}",
        "domain": [0, 1],
        "range": _span(row),
        "tickformat": "%Y",
        "dtick": "M12",
        "ticklabelmode": "period",
        "showgrid": True,
        "automargin": True,
    }
    y_range = [0, max(top * 1.08, ticks["tickvals"][-1])]
    layout[f"yaxis{n}"] = {
        "anchor": f"x{n}",
        "domain": domain,
        "automargin": True,
        "range": y_range,
        **ticks,
    }
    layout["annotations"].append(
        {
            "text": "<br>".join(title),
            "x": 0,
            "xref": "paper",
            "xanchor": "left",
            "y": domain[1],
            "yref": "paper",
            "yanchor": "bottom",
            "yshift": 4,
            "showarrow": False,
            "align": "left",
            "font": {"size": 12, "color": INK},
        }
    )
    drawn = min(pd.Timestamp(row["as_of"]), pd.Timestamp(row["deadline"]))
    layout["shapes"].append(
        {
            "type": "line",
            "x0": drawn,
            "x1": drawn,
            "xref": f"x{n}",
            "y0": 0,
            "y1": 1,
            "yref": f"y{n} domain",
            "line": {"color": MUTED, "width": 1, "dash": "dot"},
        }
    )
    return traces


#: Columns of trajectory panels per plan on a desktop (a phone stacks them).
PANEL_COLUMNS = 3


def plan_panel_figures(
    frame: pd.DataFrame, history: pd.DataFrame, catalog: Catalog, loc: Locale
) -> dict[str, list[go.Figure]]:
    """Per plan of ``frame``, its targets worst first as up to :data:`PANEL_COLUMNS`
    figures of :func:`trajectory_panels` (side by side on a desktop, one below the other
    on a phone, where reading down the first, then the next keeps the order)."""
    out = {}
    for plan, rows in frame.groupby("plan", sort=False):
        rows = worst_first(rows)
        n = min(PANEL_COLUMNS, len(rows))
        sizes = [len(rows) // n + (k < len(rows) % n) for k in range(n)]  # first ones longer
        ends = [sum(sizes[: k + 1]) for k in range(n)]
        chunks = [rows.iloc[end - size : end] for size, end in zip(sizes, ends, strict=True)]
        out[str(plan)] = [trajectory_panels(chunk, history, catalog, loc) for chunk in chunks]
    return out
