"""The briefing's page: sizes, fonts and a canvas that draws at pixel positions.

A briefing page is ONE plotly figure, laid out on a pixel grid so that text never
overlaps or clips whatever the width. Text is measured by :mod:`kpi.present.text_metrics`
and broken into lines by :func:`wrap`.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from kpi.present.text_metrics import is_wide, text_px
from kpi.present.theme import FONT_FAMILY, INK

#: Page sizes (CSS px): a poster's width, and the fixed pages of slides and A4.
DEFAULT_WIDTH = 1400
MIN_WIDTH, MAX_WIDTH = 800, 4000
SLIDE_SIZE = (1920, 1080)
A4_SIZE = (794, 1123)  # CSS px at 96 per inch: 210 x 297 mm

# Sizes (CSS px) of the layout.
FONT = 14
PAD = 36  # outer margin
GAP = 18  # vertical gap between blocks


def wrap(text: str, max_px: float, size: float) -> list[str]:
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


def span(text: str, color: str) -> str:
    """``text`` in ``color`` within a line."""
    return f"<span style='color:{color}'>{text}</span>"


class Canvas:
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
        for shape in self._shapes:
            shape = dict(shape)
            if "_px" in shape:
                x0, y0, x1, y1 = shape.pop("_px")
                shape.update(xref="paper", yref="paper", x0=fx(x0), x1=fx(x1), y0=fy(y0), y1=fy(y1))
            shapes.append(shape)
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
