"""Values that jump or drop tenfold against their series: warnings a person confirms.

A revision from 950,000 to 912, or a quarter at 1,000 times the one before, is
usually a typing or unit slip; it may be real (a new counting rule), so it is not an
error. The upload preview shows each as a warning and the commit needs an explicit
confirmation (the page: a check box; the CLI: ``--accept-warnings``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kpi.domain.periods import quarter_label
from kpi.domain.problems import Problem, Severity

#: A value this many times larger or smaller than its reference is questioned.
JUMP_FACTOR = 10.0
_KEYS = ["jurisdiction", "metric", "quarter_end"]


def magnitude_warnings(rows: pd.DataFrame, current: pd.DataFrame) -> list[Problem]:
    """Warnings for validated ``rows`` against ``current`` observations (Store's frames).

    Per row, the reference is the value it revises (same quarter), else the series'
    value of the nearest earlier quarter (from the database or the same file). Only
    positive values are compared: a ratio to zero says nothing.
    """
    incoming = rows[["row_no", *_KEYS, "value"]].assign(
        quarter_end=pd.to_datetime(rows["quarter_end"]).astype("datetime64[ns]")
    )
    stored = current[[*_KEYS, "value"]].assign(
        quarter_end=pd.to_datetime(current["quarter_end"]).astype("datetime64[ns]")
    )
    revised = incoming.merge(stored.rename(columns={"value": "old"}), on=_KEYS, how="left")
    warnings = _questioned(revised, "old", "revision_jump")
    flagged = {w.row for w in warnings}
    earlier = _previous_values(incoming, stored)
    warnings += [w for w in _questioned(earlier, "previous", "series_jump") if w.row not in flagged]
    return sorted(warnings, key=lambda w: w.row or 0)


def _previous_values(incoming: pd.DataFrame, stored: pd.DataFrame) -> pd.DataFrame:
    """``incoming`` with the series' value and quarter just before each row's quarter."""
    kept = stored.merge(incoming[_KEYS], on=_KEYS, how="left", indicator=True)
    kept = kept[kept["_merge"] == "left_only"].drop(columns="_merge")
    series = pd.concat([kept.assign(row_no=-1), incoming], ignore_index=True)
    series = series.sort_values(_KEYS, kind="stable")
    grouped = series.groupby(["jurisdiction", "metric"], sort=False)
    series["previous"] = grouped["value"].shift(1)
    series["previous_quarter"] = grouped["quarter_end"].shift(1)
    return series[series["row_no"] >= 0]


def _questioned(frame: pd.DataFrame, reference: str, code: str) -> list[Problem]:
    old, new = frame[reference].to_numpy(dtype=float), frame["value"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = new / old
    mask = (old > 0) & (new > 0) & ((ratio >= JUMP_FACTOR) | (ratio <= 1 / JUMP_FACTOR))
    out = []
    for record in frame[mask].to_dict("records"):
        params = {
            "period": quarter_label(record["quarter_end"]),
            "old": _number(record[reference]),
            "new": _number(record["value"]),
            "ratio": _ratio(record["value"] / record[reference]),
        }
        if code == "series_jump":
            params["previous"] = quarter_label(record["previous_quarter"])
        out.append(Problem(int(record["row_no"]), "value", code, params, Severity.WARNING))
    return out


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.6g}"


def _ratio(ratio: float) -> str:
    return f"{ratio:,.0f}" if ratio >= 10 else f"{ratio:.2g}"
