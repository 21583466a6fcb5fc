"""How wide a text is drawn: one measure for chart titles and briefing layouts alike.

Plotly and the briefing's pixel canvas place text without font metrics, so line breaks
and column widths are worked out from a rough measure: a character that East Asian
scripts draw wide (``unicodedata.east_asian_width`` "W" or "F": Chinese characters,
full-width punctuation such as "，") takes a full em, anything else (Latin letters,
digits, "·", "—") :data:`NARROW` of one. The same measure everywhere means a chart's
title and a briefing's column break a name alike.
"""

from __future__ import annotations

import unicodedata

#: Width of a narrow character (a Latin letter, a digit) in ems: a little over half a
#: Chinese one (measured on the briefing's fonts; the larger of the two measures this
#: replaced, so a line is broken rather than clipped).
NARROW = 0.56


def is_wide(ch: str) -> bool:
    """True for a character drawn a full em wide (a Chinese character, "，")."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


def text_width(text: str) -> float:
    """Width of ``text`` in ems: a wide character counts 1, any other :data:`NARROW`."""
    return sum(1.0 if is_wide(ch) else NARROW for ch in text)


def text_px(text: str, size: float) -> float:
    """Width of ``text`` in pixels, drawn at ``size`` px."""
    return sum(size if is_wide(ch) else NARROW * size for ch in text)
