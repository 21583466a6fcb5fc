"""A drafted plan as the drafting page shows it: its support measures in words."""

from __future__ import annotations

import pandas as pd

from kpi.drafting.items import Draft
from kpi.present.locale import Locale


def _money(yuan: float, loc: Locale) -> str:
    return loc.number(yuan) + ("元" if loc.lang == "zh" else " yuan")


def support_table(draft: Draft, loc: Locale) -> pd.DataFrame:
    """The support measures for display: sentence, section, amounts and shares as text
    (canonical columns text_zh, section, amount, percent; headed where drawn)."""
    join = "、" if loc.lang == "zh" else ", "
    rows = [
        {
            "text_zh": s.text_zh,
            "section": s.section,
            "amount": join.join(_money(v, loc) for v in s.yuan),
            "percent": join.join(f"{loc.number(p)}%" for p in s.percent),
        }
        for s in draft.support
    ]
    return pd.DataFrame(rows)
