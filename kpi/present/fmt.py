"""Numbers, percentages and dates as an official reads them: one rule everywhere.

- ``number``: thousands separators; whole numbers from 100 up, else up to two
  decimals without trailing zeros (1.25 -> "1.25", 1.5 -> "1.5", 2.0 -> "2"); in
  Chinese, from 10,000 up in 万 and from 100 million up in 亿 (820000 -> "82万").
- ``count``: counted things (targets, rows, batches) are whole numbers, always exact.
- ``percent``: a fraction as a percentage (0.833 -> "83.3%"); ``percent_points`` gives
  the same figure as a number, for tables that must stay sortable.
- ``day`` and ``moment``: ISO dates and minutes (2025-12-31, 2025-12-31 09:05); ``when``
  either, as a "known at" value is given (a day, or a moment).

A missing value (None, NaN, NaT) is always shown as :data:`MISSING`, never "nan".
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any

import pandas as pd

from kpi.i18n import Lang

MISSING = "—"
#: How a moment (an upload, a generation time, a "known at" time) is written: to the minute.
MOMENT_FORMAT = "%Y-%m-%d %H:%M"
#: Chinese large-number units, largest first.
_ZH_UNITS = ((1e8, "亿"), (1e4, "万"))


def is_missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or array is not one missing value
        return False


def _plain(x: float, digits: int) -> str:
    if x == round(x) or abs(x) >= 100 or digits <= 0:
        return f"{x:,.0f}"
    return f"{x:,.{digits}f}".rstrip("0").rstrip(".")


def number(value: Any, lang: Lang = "zh", digits: int = 2) -> str:
    """A measured value for reading (see the module docstring)."""
    if is_missing(value):
        return MISSING
    x = float(value)
    if not math.isfinite(x):
        return MISSING
    if lang != "en":
        for size, unit in _ZH_UNITS:
            if round(abs(x)) >= size:
                return f"{_plain_short(x / size)}{unit}"
    return _plain(x, digits)


def _plain_short(x: float) -> str:
    """Up to two decimals, trailing zeros dropped, whatever the size (1234.5万)."""
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def count(value: Any) -> str:
    """A counted thing: a whole number with thousands separators."""
    if is_missing(value):
        return MISSING
    return f"{round(float(value)):,}"


def percent(fraction: Any, digits: int = 1) -> str:
    """0.8333 -> '83.3%' (``digits`` decimals, trailing zeros kept for even columns)."""
    if is_missing(fraction) or not math.isfinite(float(fraction)):
        return MISSING
    return f"{float(fraction) * 100:.{digits}f}%"


def percent_points(fractions: pd.Series, digits: int = 1) -> pd.Series:
    """Fractions as percentage points (0.8333 -> 83.3), still numbers: tables sort them."""
    return (pd.to_numeric(fractions, errors="coerce").astype(float) * 100).round(digits)


def day(value: Any) -> str:
    """A date as YYYY-MM-DD."""
    if is_missing(value):
        return MISSING
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()
    return pd.Timestamp(value).strftime("%Y-%m-%d")


def moment(value: Any) -> str:
    """A time as YYYY-MM-DD HH:MM (uploads, generation times)."""
    if is_missing(value):
        return MISSING
    return pd.Timestamp(value).strftime(MOMENT_FORMAT)


def when(value: date | datetime) -> str:
    """A "known at" value as it was given: a day as YYYY-MM-DD, a moment to the minute."""
    return moment(value) if isinstance(value, datetime) else day(value)


def days(values: pd.Series) -> pd.Series:
    """A column of dates as datetime.date values (shown as YYYY-MM-DD, sortable)."""
    return pd.to_datetime(values).dt.date


def moments(values: pd.Series) -> pd.Series:
    """A column of times as YYYY-MM-DD HH:MM text."""
    return pd.to_datetime(values).dt.strftime(MOMENT_FORMAT)
