"""Tables as an official reads them: names first, worst first, numbers in words.

The full status table with codes (``kpi.views.status_table``) stays for downloads and
the target page; the pages show these instead. Every number goes through
:mod:`kpi.present.fmt`; counted things (every metric of the catalog counts firms,
platforms, teams, strains…) are shown as whole numbers, an "about" target as the
plan's own number (约3个, not the 2.7 the engine compares with).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from kpi.catalog import Catalog
from kpi.headline import worst_first
from kpi.present import fmt, locale

#: The columns of the officials' status table, in order: name, status and value first,
#: so that a phone (which shows about three columns) keeps what matters.
STATUS_COLUMNS = (
    "target", "status", "value", "goal", "attainment", "pace", "expected", "forecast",
    "p_meet", "reached_quarter", "deadline",
)  # fmt: skip


def whole(value: Any, lang: str) -> str:
    """A counted quantity: rounded to a whole number, then read like any number."""
    return fmt.MISSING if fmt.is_missing(value) else fmt.number(round(float(value)), lang)


def goal_text(target: Mapping[str, Any], unit: str, lang: str) -> str:
    """The plan's words for a target: '≥ 5 家', '约 3 个', '5–10 家'."""
    low = fmt.number(target["min"], lang)
    if target["comparator"] == "range":
        text = f"{low}–{fmt.number(target['max'], lang)}"
    elif target["comparator"] == "approx":
        text = locale(lang).t("goal.approx", number=low)
    else:
        text = f"≥ {low}"
    return f"{text} {unit}".strip()


def target_name(catalog: Catalog, code: str, lang: str, with_place: bool = True) -> str:
    """'北京市 · 领军企业' (or just '领军企业' when one jurisdiction is in view)."""
    loc = locale(lang)
    target = catalog.target(code)
    metric = loc.name(catalog.metric(target.metric))
    if not with_place:
        return metric
    place = loc.name(catalog.jurisdiction(catalog.plan(target.plan).jurisdiction))
    return f"{place} · {metric}"


def status_view(frame: pd.DataFrame, catalog: Catalog, lang: str) -> pd.DataFrame:
    """One row per target of a ``compute_status`` frame, worst first, every cell text.

    Headed in the language; the first column is the name (to pin), then the status
    (to draw as a chip) and the value.
    """
    loc = locale(lang)
    rows = worst_first(frame)
    with_place = rows["jurisdiction"].nunique() > 1
    units = {m.code: loc.unit(m) for m in catalog.metrics}
    out = pd.DataFrame(
        {
            "target": [target_name(catalog, c, lang, with_place) for c in rows["target"]],
            "status": [loc.status(s) for s in rows["status"]],
            "value": [whole(v, lang) for v in rows["value"]],
            "goal": [goal_text(r, units[r["metric"]], lang) for _, r in rows.iterrows()],
            "attainment": [fmt.percent(v, 0) for v in rows["attainment"]],
            "pace": [fmt.percent(v, 0) for v in rows["pace"]],
            "expected": [whole(v, lang) for v in rows["expected"]],
            "forecast": [whole(v, lang) for v in rows["forecast"]],
            "p_meet": [fmt.percent(v, 0) for v in rows["p_meet"]],
            "reached_quarter": [q if isinstance(q, str) and q else fmt.MISSING
                                for q in rows["reached_quarter"]],
            "deadline": [fmt.day(d) for d in rows["deadline"]],
        }
    )  # fmt: skip
    return out[list(STATUS_COLUMNS)].rename(columns=_header(lang))


def _header(lang: str) -> dict[str, str]:
    loc = locale(lang)
    return {c: loc.t(f"col.{c}") for c in STATUS_COLUMNS}
