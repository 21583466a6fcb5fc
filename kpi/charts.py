"""Dashboard charts: pure functions from engine output to plotly figures.

Each function builds a fresh figure (nothing cached or shared) on the ``kpi`` plotly
template, uses the status colours and marker shapes of :mod:`kpi.present.theme`, and
always writes the status as text as well. Numbers are written by :mod:`kpi.present.fmt`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from kpi.catalog import Catalog
from kpi.present import locale
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
from kpi.views import required_path

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


def _goal(row: Mapping[str, Any], lang: str) -> str:
    """The target as the plan words it: '5', '约 3' (not the 2.7 the engine compares with)."""
    loc = locale(lang)
    low = loc.number(row["min"]) if "min" in row else loc.number(row["threshold"])
    return loc.t("goal.approx", number=low) if row.get("comparator") == "approx" else low


def _count_axis(top: float) -> dict[str, Any]:
    """Axis settings for counted things: whole-number ticks (never 0.5 of a firm)."""
    return {"tickformat": ",d", "dtick": 1} if top <= 8 else {"tickformat": ",~d"}


def _unit_title(unit: str) -> dict[str, Any]:
    return {"text": unit, "font": {"size": 11, "color": MUTED}, "standoff": 4}


def bullet_chart(
    row: Mapping[str, Any], lang: str, title: str | None = None, unit: str = ""
) -> go.Figure:
    """One target's value as a bar, against its threshold and (for ranges) range max.

    ``row`` is one row of :func:`kpi.engine.compute_status`. The grey band runs to the
    threshold (a darker band to the range max), the bar is coloured by status and
    labelled with value and status, and a black tick marks the value expected by now.
    ``unit`` titles the axis.
    """
    loc = locale(lang)
    status = str(row["status"])
    threshold = float(row["threshold"])
    range_max = float(row["max"]) if pd.notna(row.get("max")) else None
    value = float(row["value"]) if pd.notna(row["value"]) else 0.0
    expected = float(row["expected"]) if pd.notna(row["expected"]) else None
    top = max(threshold, range_max or 0, value, expected or 0) * 1.12

    fig = go.Figure()
    fig.add_shape(type="rect", x0=0, x1=threshold, y0=-0.45, y1=0.45, fillcolor=BAND,
                  line_width=0, layer="below")  # fmt: skip
    if range_max is not None and range_max > threshold:
        fig.add_shape(type="rect", x0=threshold, x1=range_max, y0=-0.45, y1=0.45,
                      fillcolor=BAND_RANGE, line_width=0, layer="below")  # fmt: skip
    fig.add_bar(
        x=[value], y=[0], orientation="h", width=0.5, name=loc.t("col.value"),
        marker={"color": status_color(status), "line": {"color": INK, "width": 0.5}},
        hovertemplate=f"{loc.t('col.value')}: %{{x:,}}<extra></extra>",
    )  # fmt: skip
    badge = f"{loc.t('col.value')} {loc.number(row['value'])} · {loc.status(status)}"
    fig.add_annotation(
        x=0, y=1, xref="paper", yref="paper", xanchor="left", yanchor="bottom", yshift=4,
        text=f"<b>{badge}</b>", showarrow=False, bgcolor=status_color(status),
        font={"size": 12, "color": status_ink(status)},
        borderpad=3,
    )  # fmt: skip
    fig.add_shape(type="line", x0=threshold, x1=threshold, y0=-0.45, y1=0.45,
                  line={"color": INK, "width": 3})  # fmt: skip
    marks = [(threshold, f"{loc.t('chart.threshold')} {_goal(row, lang)}", "right")]
    if range_max is not None:
        fig.add_shape(type="line", x0=range_max, x1=range_max, y0=-0.45, y1=0.45,
                      line={"color": INK, "width": 1.5, "dash": "dot"})  # fmt: skip
        marks.append((range_max, f"{loc.t('col.max')} {loc.number(range_max)}", "left"))
    for x, text, anchor in marks:  # threshold label to its left, range max to its right
        fig.add_annotation(x=x, y=0.45, text=text, showarrow=False, yanchor="bottom",
                           xanchor=anchor if range_max is not None else "center",
                           font={"size": 11, "color": MUTED})  # fmt: skip
    if expected is not None:
        # a dashed tick with a triangle on top: unlike the solid threshold line
        fig.add_shape(type="line", x0=expected, x1=expected, y0=-0.45, y1=0.45,
                      line={"color": INK, "width": 2, "dash": "dash"})  # fmt: skip
        fig.add_scatter(
            x=[expected], y=[0.5], mode="markers", name=loc.t("col.expected"),
            marker={"symbol": "triangle-down", "size": 11, "color": INK},
            hovertemplate=f"{loc.t('col.expected')}: %{{x:,.0f}}<extra></extra>",
        )  # fmt: skip
        fig.add_annotation(x=expected, y=-0.45, text=loc.t("chart.expected_short"),
                           showarrow=False, yanchor="top",
                           font={"size": 10, "color": MUTED})  # fmt: skip
    fig.update_xaxes(range=[0, top], showgrid=False, zeroline=False, title=_unit_title(unit),
                     **_count_axis(top))  # fmt: skip
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
    lang: str,
    title: str | None = None,
    unit: str = "",
) -> go.Figure:
    """Cumulative trajectory of one target against the required straight path.

    ``history`` holds this target's rows of :func:`kpi.engine.status_history` (value
    per quarter end: cumulative flow or level), ``row`` its current status row. Shows
    the observations (markers shaped and coloured by that quarter's status), the
    straight required path from the period start to the threshold at the deadline,
    the threshold (and range max), and the forecast to the deadline.

    Labels never sit on the plot where they could collide (with each other or a
    path): the threshold, range max, forecast and marker shapes are named in the
    legend; the only label is the as-of line's, which says when the line is drawn at
    the deadline because the as-of date lies beyond it. ``unit`` titles the y-axis.
    """
    loc = locale(lang)
    row = pd.Series(dict(row))
    fig = go.Figure()
    path_x, path_y = required_path(row)
    span = [pd.Timestamp(path_x[0]) - pd.Timedelta(days=20),
            pd.Timestamp(path_x[1]) + pd.Timedelta(days=20)]  # fmt: skip
    fig.add_scatter(x=path_x, y=path_y, mode="lines", name=loc.t("chart.required"),
                    hoverinfo="skip",
                    line={"color": MUTED, "dash": "dash", "width": 2})  # fmt: skip
    fig.add_scatter(x=span, y=[float(row["threshold"])] * 2, mode="lines", hoverinfo="skip",
                    name=f"{loc.t('chart.threshold')} {_goal(row, lang)}",
                    line={"color": INK, "width": 1.5})  # fmt: skip
    top = max(float(row["threshold"]), float(row["forecast"]) if pd.notna(row["forecast"]) else 0)
    if pd.notna(row.get("max")):
        top = max(top, float(row["max"]))
        fig.add_scatter(x=span, y=[float(row["max"])] * 2, mode="lines", hoverinfo="skip",
                        name=f"{loc.t('col.max')} {loc.number(row['max'])}",
                        line={"color": INK, "width": 1, "dash": "dot"})  # fmt: skip
    seen = history[history["value"].notna()].sort_values("as_of")
    if not seen.empty:
        top = max(top, float(seen["value"].max()))
        labels = [loc.status(s) for s in seen["status"]]
        fig.add_scatter(
            x=pd.to_datetime(seen["as_of"]), y=seen["value"], mode="lines+markers",
            name=loc.t("chart.observed"), line={"color": INK, "width": 2},
            marker={"size": 9, "color": [status_color(s) for s in seen["status"]],
                    "symbol": [status_symbol(s) for s in seen["status"]],
                    "line": {"color": INK, "width": 1}},
            customdata=labels,
            hovertemplate="%{x|%Y-%m-%d}: %{y:,} · %{customdata}<extra></extra>",
        )  # fmt: skip
        for status in dict.fromkeys(seen["status"]):  # the marker shapes, explained
            _legend_key(fig, loc.status(status), mode="markers",
                        marker={"size": 9, "color": status_color(status),
                                "symbol": status_symbol(status),
                                "line": {"color": INK, "width": 1}})  # fmt: skip
        if pd.notna(row["forecast"]):
            last = seen.iloc[-1]
            status = str(row["status"])
            forecast = loc.number(round(float(row["forecast"])))
            fig.add_scatter(
                x=[pd.Timestamp(last["as_of"]), pd.Timestamp(row["deadline"])],
                y=[float(last["value"]), float(row["forecast"])],
                mode="lines+markers", name=loc.t("chart.forecast_at", value=forecast),
                line={"color": status_color(status), "dash": "dot", "width": 2},
                marker={"size": [0, 10], "color": status_color(status),
                        "symbol": status_symbol(status)},
                hovertemplate=f"{loc.t('chart.forecast_at', value=forecast)}<extra></extra>",
            )  # fmt: skip
    as_of = pd.Timestamp(row["as_of"])
    drawn = min(as_of, pd.Timestamp(row["deadline"]))
    if drawn >= pd.Timestamp(path_x[0]):
        key = "chart.as_of_clamped" if as_of > drawn else "chart.as_of_line"
        fig.add_shape(type="line", x0=drawn, x1=drawn, y0=0, y1=1, yref="paper",
                      line={"color": MUTED, "width": 1, "dash": "dot"})  # fmt: skip
        fig.add_annotation(x=drawn, y=1, yref="paper", yanchor="bottom", showarrow=False,
                           xanchor="right", text=loc.t(key, day=as_of.date().isoformat()),
                           font={"size": 10, "color": MUTED})  # fmt: skip
    fig.update_xaxes(range=span, tickformat="%Y", dtick="M12", showgrid=True)
    fig.update_yaxes(rangemode="tozero", title=_unit_title(unit), **_count_axis(top * 1.05))
    fig.update_layout(legend={"orientation": "h", "y": -0.28, "yanchor": "top", "x": 0,
                              "font": {"size": 11}})  # fmt: skip
    _layout(fig, 330 if title else 310, title)
    fig.update_layout(margin={"t": 50 if title else 24})
    return fig


def status_matrix(frame: pd.DataFrame, catalog: Catalog, lang: str) -> go.Figure:
    """Targets by status (columns) and jurisdiction (rows); each cell lists its targets.

    A cell is coloured with its status colour when it holds targets and carries the
    count and the targets' metric names as text; the column header names the status.
    """
    loc = locale(lang)
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
            z=z, x=x, y=y, text=text, texttemplate="%{text}", textfont={"size": 11},
            colorscale=scale, zmin=-0.5, zmax=n - 0.5, showscale=False, xgap=4, ygap=4,
            hoverinfo="skip",
        )
    )  # fmt: skip
    tallest = max((t_.count("<br>") for r in text for t_ in r), default=1)
    fig.update_xaxes(side="top", showgrid=False, tickfont={"size": 13})
    fig.update_yaxes(autorange="reversed", showgrid=False, tickfont={"size": 13})
    fig.update_layout(plot_bgcolor=PLOT_BG)
    return _layout(fig, 60 + len(codes) * max(70, 17 * (tallest + 1)))


def comparison_chart(comparison: pd.DataFrame, lang: str) -> go.Figure:
    """Mean attainment (top) and mean pace (below) per metric family, a bar per jurisdiction.

    ``comparison`` is :func:`kpi.views.family_comparison`. Reference lines: 100 %
    attainment; the 95 % (on track) and 60 % (at risk) pace bands of the engine. The
    two panels are stacked so each gets the full width (a phone too), and the lines
    are named in the legend rather than by labels that could land on each other.
    """
    loc = locale(lang)
    fig = make_subplots(rows=2, cols=1, vertical_spacing=0.1,
                        subplot_titles=(loc.t("chart.mean_attainment"),
                                        loc.t("chart.mean_pace")))  # fmt: skip
    families = list(dict.fromkeys(comparison["family_name"]))
    jurisdictions = list(dict.fromkeys(comparison["jurisdiction"]))
    for k, code in enumerate(jurisdictions):
        sub = comparison[comparison["jurisdiction"] == code]
        color = JURISDICTION_COLORS[k % len(JURISDICTION_COLORS)]
        label = sub["jurisdiction_name"].iloc[0]
        for panel, field in ((1, "attainment"), (2, "pace")):
            values = sub[field] * 100
            fig.add_bar(
                x=values.fillna(0), y=sub["family_name"], orientation="h", name=label,
                legendgroup=code, showlegend=panel == 1, marker_color=color,
                text=[loc.status("no_data") if pd.isna(v) else f"{v:.0f}%" for v in values],
                textfont={"color": [MUTED if pd.isna(v) else INK for v in values], "size": 11},
                textposition="outside", cliponaxis=False, row=panel, col=1,
                hovertemplate=f"{label} · %{{y}}: %{{x:.0f}}%<extra></extra>",
            )  # fmt: skip
    lines = [(1, 100, INK, "solid", loc.t("chart.line_target"))] + [
        (2, pace, status_color(status), "dash",
         loc.t("chart.line_pace", pace=pace, status=loc.status(status)))
        for pace, status in ((95, "on_track"), (60, "at_risk"))
    ]  # fmt: skip
    for panel, x, color, dash, name in lines:
        fig.add_vline(x=x, line={"color": color, "width": 2, "dash": dash}, row=panel, col=1)
        _legend_key(fig, name, mode="lines", line={"color": color, "width": 2, "dash": dash})
    top = max(float(comparison[["attainment", "pace"]].max().max() or 0) * 100, 100)
    fig.update_yaxes(categoryorder="array", categoryarray=families, autorange="reversed")
    # room right of the longest bar for its label
    fig.update_xaxes(ticksuffix="%", range=[0, top * 1.3], dtick=50 if top <= 200 else None)
    fig.update_layout(barmode="group", legend={"orientation": "h", "y": -0.06, "yanchor": "top",
                                                "x": 0})  # fmt: skip
    panel = 18 * len(families) * max(len(jurisdictions), 1)
    _layout(fig, 160 + 2 * panel)
    fig.update_layout(margin={"t": 40, "b": 40})
    return fig
