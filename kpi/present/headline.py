"""One sentence per jurisdiction, and the worst-first order of targets.

"上海市 8 项目标：2 项已完成，6 项未完成" is what an official reads first; the overview
and the briefing both take it from here. ``worst_first`` is the order every table
and bar list uses by default: the targets needing attention on top.
"""

from __future__ import annotations

import pandas as pd

from kpi.domain.catalog import Catalog
from kpi.i18n import STRINGS
from kpi.present.locale import Locale
from kpi.present.theme import STATUS_ORDER

#: Statuses from most to least in need of attention; a status not listed here (one
#: the engine adds later) sorts between the bad and the good ones.
SEVERITY: tuple[str, ...] = (
    "missed",
    "off_track",
    "at_risk",
    "no_data",
    "not_started",
    "on_track",
    "achieved",
)
_UNLISTED_RANK = SEVERITY.index("no_data") + 0.5


def severity_rank(status: str) -> float:
    """0 for the worst status; higher is better."""
    return SEVERITY.index(status) if status in SEVERITY else _UNLISTED_RANK


def worst_first(frame: pd.DataFrame) -> pd.DataFrame:
    """Status rows ordered worst status first, then lowest pace, then lowest attainment.

    Ties (same status, no pace) keep a stable order by target code.
    """
    if frame.empty:
        return frame
    order = frame.assign(
        _rank=frame["status"].map(severity_rank),
        _pace=pd.to_numeric(frame.get("pace"), errors="coerce"),
        _att=pd.to_numeric(frame.get("attainment"), errors="coerce"),
    )
    order = order.sort_values(
        ["_rank", "_pace", "_att", "target"], na_position="last", kind="stable"
    )
    return order.drop(columns=["_rank", "_pace", "_att"])


def _status_phrase(status: str, count: int, loc: Locale) -> str:
    key = f"status.{status}"
    label = loc.t(key) if key in STRINGS else status
    if loc.lang == "en":
        label = label.lower()
    return loc.t("headline.part", count=count, status=label)


def headline(frame: pd.DataFrame, catalog: Catalog, jurisdiction: str, loc: Locale) -> str:
    """The sentence for one jurisdiction from its rows of ``compute_status`` (one as-of).

    Statuses appear best first (the order of the status legend), zero counts left out.
    """
    rows = frame[frame["jurisdiction"] == jurisdiction]
    place = loc.name(catalog.jurisdiction(jurisdiction))
    counts = rows["status"].value_counts()
    order = [s for s in STATUS_ORDER if s in counts] + sorted(
        s for s in counts.index if s not in STATUS_ORDER
    )
    parts = loc.t("headline.separator").join(_status_phrase(s, int(counts[s]), loc) for s in order)
    n = len(rows)
    if n == 0:
        return loc.t("headline.no_targets", place=place)
    key = "headline.sentence_one" if n == 1 else "headline.sentence"
    return loc.t(key, place=place, n=n, parts=parts)


def headlines(frame: pd.DataFrame, catalog: Catalog, loc: Locale) -> dict[str, str]:
    """``headline`` of every jurisdiction with targets in ``frame``, in catalog order."""
    present = set(frame["jurisdiction"])
    return {
        j.code: headline(frame, catalog, j.code, loc)
        for j in catalog.jurisdictions
        if j.code in present
    }
