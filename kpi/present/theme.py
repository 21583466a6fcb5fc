"""Colours, fonts and the plotly template shared by every chart, table and briefing.

Status colours come from the Okabe–Ito palette, which stays distinguishable under
the common colour-vision deficiencies; every use also shows the status as text, and
charts add a marker shape per status. Statuses are the engine's :class:`Status`; this
module only says how each looks. Importing it does not import plotly: the template is
registered by :func:`use_template`, called by the modules that draw.
"""

from __future__ import annotations

from kpi.domain.rules import Status

#: The briefing's page formats: one tall PNG, 16:9 slides, A4 pages (sizes in
#: kpi.present.documents.canvas).
#: Named here, where nothing imports plotly, so that ``kpi --help`` can list them.
BRIEFING_FORMATS = ("poster", "slides", "a4")

#: A font stack that renders Simplified Chinese (fonts-noto-cjk on Debian).
FONT_FAMILY = "Noto Sans CJK SC, Noto Sans SC, WenQuanYi Micro Hei, sans-serif"
FONT_SIZE = 13

INK = "#222222"  # text and marks
MUTED = "#5c5c5c"  # secondary text (6.6:1 on white)
FAINT = "#9a9a9a"  # text of empty things
RULE = "#d0d0d0"  # axis lines and separators
GRID = "#efefef"
WHITE = "#FFFFFF"
BAND = "#e4e4e4"  # the band up to a threshold
BAND_RANGE = "#b8b8b8"  # threshold to range maximum, in bullet charts
BAND_STRETCH = "#f1f1f1"  # threshold to range maximum, behind trajectories
HEADER_BG = "#1f3a5f"  # briefing title bar and section rules
HEADER_SUBTLE = "#dce6f2"  # text on the title bar
PLOT_BG = "#F7F7F7"  # behind the status matrix
WATERMARK = "rgba(213, 94, 0, 0.16)"
#: Bar colours per jurisdiction in comparisons (not status colours, to avoid confusion).
JURISDICTION_COLORS = ("#0072B2", "#555555", "#7FB8DA", "#A6761D", "#1B9E77")

STATUS_COLORS: dict[Status, str] = {
    Status.ACHIEVED: "#009E73",  # bluish green
    Status.ON_TRACK: "#56B4E9",  # sky blue
    Status.AT_RISK: "#E69F00",  # orange
    Status.OFF_TRACK: "#D55E00",  # vermillion
    Status.MISSED: "#CC79A7",  # reddish purple
    Status.NO_DATA: "#999999",  # grey
    Status.NOT_STARTED: "#DDDDDD",  # light grey: nothing due yet
}
#: Markers, so that status is also told by shape, not by colour alone.
STATUS_SYMBOLS: dict[Status, str] = {
    Status.ACHIEVED: "circle",
    Status.ON_TRACK: "triangle-up",
    Status.AT_RISK: "diamond",
    Status.OFF_TRACK: "triangle-down",
    Status.MISSED: "x",
    Status.NO_DATA: "circle-open",
    Status.NOT_STARTED: "square-open",
}
#: Order in which statuses are listed: the engine's, best first, unknown last.
STATUS_ORDER: tuple[Status, ...] = tuple(Status)
#: Status colours dark enough for white text on them.
DARK_STATUSES = frozenset({Status.ACHIEVED, Status.OFF_TRACK, Status.NO_DATA})


#: Colours of the task ledger's statuses (kpi.domain.task_rules.TaskStatus values), from
#: the same palette: done green, under way blue, not started grey, delayed vermillion,
#: not reported reddish purple.
TASK_STATUS_COLORS: dict[str, str] = {
    "completed": STATUS_COLORS[Status.ACHIEVED],
    "in_progress": STATUS_COLORS[Status.ON_TRACK],
    "not_started": STATUS_COLORS[Status.NOT_STARTED],
    "delayed": STATUS_COLORS[Status.OFF_TRACK],
    "not_reported": STATUS_COLORS[Status.MISSED],
}


def status_color(status: str) -> str:
    return STATUS_COLORS[Status(status)]


def status_symbol(status: str) -> str:
    return STATUS_SYMBOLS[Status(status)]


def status_ink(status: str) -> str:
    """Text colour that reads on the status colour."""
    return WHITE if Status(status) in DARK_STATUSES else INK


TEMPLATE = "kpi"


def use_template() -> str:
    """Register the plotly template ``kpi`` (plotly_white, our font and ink) once; its name."""
    import plotly.io as pio

    if TEMPLATE not in pio.templates:
        base = pio.templates["plotly_white"]
        template = base.__class__(base)  # a copy: plotly_white itself stays as it is
        template.layout.font = {"family": FONT_FAMILY, "size": FONT_SIZE, "color": INK}
        template.layout.colorway = JURISDICTION_COLORS
        pio.templates[TEMPLATE] = template
    return TEMPLATE
