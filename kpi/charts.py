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


def bullet_chart(row: Mapping[str, Any], lang: str, title: str | None = None) -> go.Figure:
    """One target's value as a bar, against its threshold and (for ranges) range max.

    ``row`` is one row of :func:`kpi.engine.compute_status`. The grey band runs to the
    threshold (a darker band to the range max), the bar is coloured by status and
    labelled with value and status, and a black tick marks the value expected by now.
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
    marks = [(threshold, f"{loc.t('chart.threshold')} {loc.number(threshold)}")]
    if range_max is not None:
        fig.add_shape(type="line", x0=range_max, x1=range_max, y0=-0.45, y1=0.45,
                      line={"color": INK, "width": 1.5, "dash": "dot"})  # fmt: skip
        marks.append((range_max, f"{loc.t('col.max')} {loc.number(range_max)}"))
    for x, text in marks:
        fig.add_annotation(x=x, y=0.45, text=text, showarrow=False, yanchor="bottom",
                           font={"size": 11, "color": MUTED})  # fmt: skip
    if expected is not None:
        # a dashed tick with a triangle on top: unlike the solid threshold line
        fig.add_shape(type="line", x0=expected, x1=expected, y0=-0.45, y1=0.45,
                      line={"color": INK, "width": 2, "dash": "dash"})  # fmt: skip
        fig.add_scatter(
            x=[expected], y=[0.5], mode="markers", name=loc.t("col.expected"),
            marker={"symbol": "triangle-down", "size": 11, "color": INK},
            hovertemplate=f"{loc.t('col.expected')}: %{{x:.2f}}<extra></extra>",
        )  # fmt: skip
        fig.add_annotation(x=expected, y=-0.45, text=loc.t("chart.expected_short"),
                           showarrow=False, yanchor="top",
                           font={"size": 10, "color": MUTED})  # fmt: skip
    fig.update_xaxes(range=[0, top], showgrid=False, zeroline=False, tickformat=",")
    fig.update_yaxes(visible=False, range=[-0.8, 0.8])
    fig.update_layout(showlegend=False, bargap=0)
    _layout(fig, 170 if title else 140, title)
    fig.update_layout(margin={"t": 60 if title else 34})
    return fig


def trajectory_chart(
    history: pd.DataFrame, row: Mapping[str, Any], lang: str, title: str | None = None
) -> go.Figure:
    """Cumulative trajectory of one target against the required straight path.

    ``history`` holds this target's rows of :func:`kpi.engine.status_history` (value
    per quarter end: cumulative flow or level), ``row`` its current status row. Shows
    the observations (markers shaped and coloured by that quarter's status), the
    straight required path from the period start to the threshold at the deadline,
    the threshold (and range max), and the forecast to the deadline.
    """
    loc = locale(lang)
    row = pd.Series(dict(row))
    fig = go.Figure()
    path_x, path_y = required_path(row)
    fig.add_scatter(x=path_x, y=path_y, mode="lines", name=loc.t("chart.required"),
                    line={"color": MUTED, "dash": "dash", "width": 2})  # fmt: skip
    fig.add_hline(y=float(row["threshold"]), line={"color": INK, "width": 1.5},
                  annotation_text=f"{loc.t('chart.threshold')} {loc.number(row['threshold'])}",
                  annotation_position="top left", annotation_font_size=11)  # fmt: skip
    if pd.notna(row.get("max")):
        fig.add_hline(y=float(row["max"]), line={"color": INK, "width": 1, "dash": "dot"},
                      annotation_text=f"{loc.t('col.max')} {loc.number(row['max'])}",
                      annotation_position="top left", annotation_font_size=11)  # fmt: skip
    seen = history[history["value"].notna()].sort_values("as_of")
    if not seen.empty:
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
        if pd.notna(row["forecast"]):
            last = seen.iloc[-1]
            status = str(row["status"])
            fig.add_scatter(
                x=[pd.Timestamp(last["as_of"]), pd.Timestamp(row["deadline"])],
                y=[float(last["value"]), float(row["forecast"])],
                mode="lines+markers+text", name=loc.t("chart.forecast"),
                line={"color": status_color(status), "dash": "dot", "width": 2},
                marker={"size": [0, 10], "color": status_color(status),
                        "symbol": status_symbol(status)},
                text=["", f"{loc.t('chart.forecast')} {loc.number(row['forecast'])}"],
                textposition="middle left", textfont={"size": 11},
            )  # fmt: skip
    as_of = min(pd.Timestamp(row["as_of"]), pd.Timestamp(row["deadline"]))
    if as_of >= pd.Timestamp(path_x[0]):
        fig.add_shape(type="line", x0=as_of, x1=as_of, y0=0, y1=1, yref="paper",
                      line={"color": MUTED, "width": 1, "dash": "dot"})  # fmt: skip
        fig.add_annotation(x=as_of, y=1, yref="paper", yanchor="bottom", showarrow=False,
                           xanchor="right",
                           text=f"{loc.t('col.as_of')} {as_of.date()}",
                           font={"size": 10, "color": MUTED})  # fmt: skip
    fig.update_xaxes(range=[pd.Timestamp(path_x[0]) - pd.Timedelta(days=20),
                            pd.Timestamp(path_x[1]) + pd.Timedelta(days=20)],
                     tickformat="%Y", dtick="M12", showgrid=True)  # fmt: skip
    fig.update_yaxes(rangemode="tozero", tickformat=",")
    fig.update_layout(legend={"orientation": "h", "y": -0.18, "x": 0, "font": {"size": 11}})
    _layout(fig, 300 if title else 270, title)
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
    statuses = list(STATUS_ORDER)
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
    """Mean attainment and mean pace per metric family, one bar per jurisdiction.

    ``comparison`` is :func:`kpi.views.family_comparison`. Reference lines: 100 %
    attainment; the 95 % (on track) and 60 % (at risk) pace bands of the engine.
    """
    loc = locale(lang)
    fig = make_subplots(rows=1, cols=2, shared_yaxes=True, horizontal_spacing=0.04,
                        subplot_titles=(loc.t("chart.mean_attainment"),
                                        loc.t("chart.mean_pace")))  # fmt: skip
    families = list(dict.fromkeys(comparison["family_name"]))
    jurisdictions = list(dict.fromkeys(comparison["jurisdiction"]))
    for k, code in enumerate(jurisdictions):
        sub = comparison[comparison["jurisdiction"] == code]
        color = JURISDICTION_COLORS[k % len(JURISDICTION_COLORS)]
        label = sub["jurisdiction_name"].iloc[0]
        for col, field in ((1, "attainment"), (2, "pace")):
            values = sub[field] * 100
            fig.add_bar(
                x=values.fillna(0), y=sub["family_name"], orientation="h", name=label,
                legendgroup=code, showlegend=col == 1, marker_color=color,
                text=[loc.status("no_data") if pd.isna(v) else f"{v:.0f}%" for v in values],
                textfont={"color": [MUTED if pd.isna(v) else INK for v in values], "size": 11},
                textposition="outside", cliponaxis=False, row=1, col=col,
                hovertemplate=f"{label} · %{{y}}: %{{x:.0f}}%<extra></extra>",
            )  # fmt: skip
    fig.add_vline(x=100, line={"color": INK, "width": 1.5}, row=1, col=1)
    for pace, status in ((95, "on_track"), (60, "at_risk")):
        fig.add_vline(x=pace, line={"color": status_color(status), "width": 2, "dash": "dash"},
                      annotation_text=f"{pace}% {loc.status(status)}",
                      annotation_position="bottom right", annotation_font_size=10,
                      row=1, col=2)  # fmt: skip
    fig.update_yaxes(categoryorder="array", categoryarray=families, autorange="reversed")
    fig.update_xaxes(ticksuffix="%", rangemode="tozero")
    fig.update_layout(barmode="group", legend={"orientation": "h", "y": -0.08, "x": 0})
    _layout(fig, 140 + 26 * len(families) * max(len(jurisdictions), 1))
    fig.update_layout(margin={"t": 50, "b": 60})
    return fig
