"""Quarters: parsing the spellings statistics staff use, and quarter-end dates."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pandas as pd

_CN_DIGITS = {"一": "1", "二": "2", "三": "3", "四": "4", "1": "1", "2": "2", "3": "3", "4": "4"}

# 2025Q3, 2025-Q3, 2025 Q3, 2025q3, 2025年Q3, 2025年第三季度, 2025年三季度, 2025年第3季度
_QUARTER = re.compile(
    r"^\s*(?P<year>\d{4})\s*(?:[-_/ ]?\s*[Qq]\s*(?P<q>[1-4])"
    r"|年\s*(?:[Qq]\s*(?P<qq>[1-4])|第?\s*(?P<cn>[一二三四1-4])\s*季度?))\s*$"
)
_QUARTER_END_MONTH_DAYS = [331, 630, 930, 1231]
#: Years a period may have: well inside pandas' nanosecond range (1677-2262).
MIN_YEAR, MAX_YEAR = 1900, 2200
_LEADING_YEAR = r"^\s*(\d{4})"


def quarter_end(year: int, quarter: int) -> date:
    """Last day of the quarter."""
    month = quarter * 3
    return date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)


def quarter_label(day: date | pd.Timestamp) -> str:
    """'2025Q3' for any day in that quarter."""
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def last_closed_quarter_end(today: date) -> date:
    """The end of the latest quarter that has ended on or before ``today``."""
    q = (today.month - 1) // 3 + 1
    end = quarter_end(today.year, q)
    if end <= today:
        return end
    return quarter_end(today.year - (q == 1), (q - 2) % 4 + 1)


def quarter_ends_between(start: date, end: date) -> list[date]:
    """Quarter-end dates d with start <= d <= end."""
    out = []
    year, q = start.year, (start.month - 1) // 3 + 1
    while (d := quarter_end(year, q)) <= end:
        if d >= start:
            out.append(d)
        year, q = (year + 1, 1) if q == 4 else (year, q + 1)
    return out


def parse_period(text: str) -> date | None:
    """Quarter-end date for a period spelling, or None if it is not one we accept."""
    parsed = parse_periods(pd.Series([text]))
    value = parsed.iloc[0]
    return None if pd.isna(value) else value.date()


def parse_periods(texts: pd.Series) -> pd.Series:
    """Vectorised parse to quarter-end Timestamps (NaT where unparseable).

    Accepts the quarter spellings above and the quarter-end date itself
    (2025-09-30, also with a time of 00:00:00 as spreadsheets write it).
    """
    s = texts.astype("string").str.strip()
    s = s.where(~years_out_of_range(s))
    found = s.str.extract(_QUARTER)
    quarter = found["q"].fillna(found["qq"]).fillna(found["cn"].map(_CN_DIGITS))
    month = quarter.map({"1": "03", "2": "06", "3": "09", "4": "12"})
    by_quarter = pd.to_datetime(
        found["year"] + "-" + month, format="%Y-%m", errors="coerce"
    ) + pd.offsets.MonthEnd(0)

    dated = s.str.replace(r"[ T]00:00(:00)?$", "", regex=True)
    as_date = pd.to_datetime(dated, format="%Y-%m-%d", errors="coerce")
    month_day = as_date.dt.month * 100 + as_date.dt.day
    as_date = as_date.where(month_day.isin(_QUARTER_END_MONTH_DAYS))
    return by_quarter.fillna(as_date).astype("datetime64[ns]")


def years_out_of_range(texts: pd.Series) -> pd.Series:
    """True where a text starts with a four-digit year outside MIN_YEAR..MAX_YEAR."""
    year = pd.to_numeric(texts.astype("string").str.extract(_LEADING_YEAR)[0], errors="coerce")
    return ((year < MIN_YEAR) | (year > MAX_YEAR)).fillna(False).astype(bool)


# ---- quarters as integers (year * 4 + quarter - 1), so that whole columns of dates are
# counted and compared without a Python loop
def quarter_index(days: pd.Series) -> pd.Series:
    """The index of the quarter holding each day (NaN where there is no day)."""
    d = pd.to_datetime(days)
    return d.dt.year * 4 + (d.dt.month - 1) // 3


def last_quarter_index(days: pd.Series) -> pd.Series:
    """The index of the last quarter that ENDS on or before each day."""
    d = pd.to_datetime(days)
    next_day = d + pd.Timedelta(days=1)
    ends_here = next_day.dt.month.isin([1, 4, 7, 10]) & (next_day.dt.day == 1)
    return quarter_index(d) - (~ends_here).astype(int)


def closed_quarter_ends(days: pd.Series) -> pd.Series:
    """The end of the last quarter closed on or before each day (the day itself if so):
    ``last_closed_quarter_end`` of a column."""
    next_day = pd.to_datetime(days) + pd.Timedelta(days=1)
    return next_day.dt.to_period("Q").dt.start_time - pd.Timedelta(days=1)


def index_label(index: int) -> str:
    """'2025Q3' for a quarter index (as ``quarter_label`` of a day in it)."""
    return f"{index // 4}Q{index % 4 + 1}"


def index_labels(index: pd.Series) -> pd.Series:
    """``index_label`` of a column of indexes; None where there is none."""
    idx = index.astype("Int64")
    labels = (idx // 4).astype(str) + "Q" + (idx % 4 + 1).astype(str)
    return labels.where(idx.notna(), None)
