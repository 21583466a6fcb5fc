"""Tables as an official reads them: names first, worst first, numbers readable.

The full status table with codes (``kpi.present.views.status_table``) stays for downloads and
the target page; the pages show these instead. Numbers stay numbers in the frame (so a
click on a column header sorts 9 before 10 and 9,000 before 1万) and are written by
:func:`styled`, through :mod:`kpi.present.fmt`: counted things (every metric of the
catalog counts firms, platforms, teams, strains…) as whole numbers with separators or
万/亿, shares as percentages; an "about" target as the plan's own number (约3个, not
the 2.7 the engine compares with).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from pandas.io.formats.style import Styler

from kpi.domain.catalog import Catalog
from kpi.present import fmt
from kpi.present.headline import worst_first
from kpi.present.locale import Locale

#: The columns of the officials' status table, in order: name, status and value first,
#: so that a phone (which shows about three columns) keeps what matters.
STATUS_COLUMNS = (
    "target",
    "status",
    "value",
    "goal",
    "attainment",
    "pace",
    "expected",
    "forecast",
    "p_meet",
    "reached_quarter",
    "deadline",
)


#: Numeric columns of the status table shown as whole numbers, and as percentages.
WHOLE_COLUMNS = ("value", "expected", "forecast")
PERCENT_COLUMNS = ("attainment", "pace", "p_meet")


def whole(value: Any, loc: Locale) -> str:
    """A counted quantity: rounded to a whole number, then read like any number."""
    return fmt.MISSING if fmt.is_missing(value) else loc.number(round(float(value)))


def goal_text(target: Mapping[str, Any], unit: str, loc: Locale) -> str:
    """The plan's words for a target: '≥ 5 家', '约 3 个', '5–10 家'."""
    low = loc.number(target["min"])
    if target["comparator"] == "range":
        text = f"{low}–{loc.number(target['max'])}"
    elif target["comparator"] == "approx":
        text = loc.t("goal.approx", number=low)
    else:
        text = f"≥ {low}"
    return f"{text} {unit}".strip()


def target_name(catalog: Catalog, code: str, loc: Locale, with_place: bool = True) -> str:
    """'北京市 · 领军企业' (or just '领军企业' when one jurisdiction is in view); a
    milestone with its own deadline says its year: '生物制造产业总产值（2035年）'."""
    target = catalog.target(code)
    metric = loc.name(catalog.metric(target.metric))
    if target.deadline is not None:
        metric = loc.t("goal.by_year", name=metric, year=target.deadline.year)
    if not with_place:
        return metric
    place = loc.name(catalog.jurisdiction(catalog.plan(target.plan).jurisdiction))
    return f"{place} · {metric}"


def status_view(frame: pd.DataFrame, catalog: Catalog, loc: Locale) -> pd.DataFrame:
    """One row per target of a ``compute_status`` frame, worst first.

    Canonical column names (:data:`STATUS_COLUMNS`), cells in the language; the first
    column is the name (to pin), then the status
    (to draw as a chip) and the value. Value, expected and forecast are whole numbers,
    attainment, pace and probability fractions, the deadline a date: all sort as what
    they are; :func:`styled` writes them.
    """
    rows = worst_first(frame)
    with_place = rows["jurisdiction"].nunique() > 1
    units = {m.code: loc.unit(m) for m in catalog.metrics}
    out = pd.DataFrame(
        {
            "target": [target_name(catalog, c, loc, with_place) for c in rows["target"]],
            "status": [loc.status(s) for s in rows["status"]],
            "goal": [goal_text(r, units[r["metric"]], loc) for _, r in rows.iterrows()],
            "reached_quarter": [
                q if isinstance(q, str) and q else None for q in rows["reached_quarter"]
            ],
            "deadline": fmt.days(rows["deadline"]).to_numpy(),
        }
    )
    for column in WHOLE_COLUMNS:  # counted things: whole, and still numbers
        out[column] = pd.to_numeric(rows[column], errors="coerce").astype(float).round().to_numpy()
    for column in PERCENT_COLUMNS:
        out[column] = pd.to_numeric(rows[column], errors="coerce").astype(float).to_numpy()
    return out[list(STATUS_COLUMNS)]


def behind_view(frame: pd.DataFrame, catalog: Catalog, loc: Locale) -> pd.DataFrame:
    """:func:`status_view` of the targets behind, with the reason and next steps of each
    one's latest report ("—" where none was given)."""
    rows = worst_first(frame)
    out = status_view(rows, catalog, loc)
    for column in ("reason", "next_steps"):
        values = rows[column] if column in rows else pd.Series(None, index=rows.index)
        out[column] = [v if isinstance(v, str) and v else None for v in values]
    return out


def styled(shown: pd.DataFrame, loc: Locale) -> Styler:
    """A frame of :func:`status_view` as it reads: whole numbers with separators (万/亿 in
    Chinese), percentages, "—" for nothing. Only the display changes: the cells keep
    their numbers, so sorting by a column sorts by value."""
    return number_styler(shown, loc, counted=WHOLE_COLUMNS, percent=PERCENT_COLUMNS)


def number_styler(
    frame: pd.DataFrame,
    loc: Locale,
    counted: Sequence[str] = (),
    percent: Sequence[str] = (),
    measured: Sequence[str] = (),
) -> Styler:
    """``frame`` with its numeric columns written by :mod:`kpi.present.fmt` (``counted``
    things as whole numbers, fractions as ``percent``, other ``measured`` values up to two
    decimals), "—" for a missing cell; the cells stay numbers, so sorting stays right."""
    formats: dict[str, Any] = {}
    for columns, write in (
        (counted, lambda v: whole(v, loc)),
        (percent, lambda v: fmt.percent(v, 0)),
        (measured, loc.number),
    ):
        formats |= {c: write for c in columns if c in frame.columns}
    return frame.style.format(formats, na_rep=fmt.MISSING)
