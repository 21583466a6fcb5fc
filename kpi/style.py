"""Colours and fonts shared by every chart, page and briefing.

Status colours come from the Okabe–Ito palette, which stays distinguishable under
the common colour-vision deficiencies; every use also shows the status as text.
"""

from __future__ import annotations

STATUS_COLORS: dict[str, str] = {
    "achieved": "#009E73",  # bluish green
    "on_track": "#56B4E9",  # sky blue
    "at_risk": "#E69F00",  # orange
    "off_track": "#D55E00",  # vermillion
    "missed": "#CC79A7",  # reddish purple
    "no_data": "#999999",  # grey
    "not_started": "#DDDDDD",  # light grey: nothing due yet
}
#: Order in which statuses are listed: best first, unknown last.
STATUS_ORDER: tuple[str, ...] = tuple(STATUS_COLORS)
#: Markers, so that status is also told by shape, not by colour alone.
STATUS_SYMBOLS: dict[str, str] = {
    "achieved": "circle",
    "on_track": "triangle-up",
    "at_risk": "diamond",
    "off_track": "triangle-down",
    "missed": "x",
    "no_data": "circle-open",
    "not_started": "square-open",
}
