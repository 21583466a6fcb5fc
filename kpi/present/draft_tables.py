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


def task_table(draft: Draft, loc: Locale) -> pd.DataFrame:
    """The drafted tasks and measures for review: kind and number as the text numbers
    them, section, title, lead and cooperating units, the paragraph (canonical columns)."""
    join = "、" if loc.lang == "zh" else ", "
    rows = [
        {
            "task": f"{loc.t(f'tasks.kind.{d.kind}')} {d.number}",
            "section": d.section,
            "title": d.title_zh,
            "lead": d.units[0] if d.units else "—",
            "cooperating": join.join(d.units[1:]),
            "text_zh": d.text_zh,
        }
        for d in draft.tasks
    ]
    return pd.DataFrame(
        rows, columns=["task", "section", "title", "lead", "cooperating", "text_zh"]
    )
