"""A drafted plan as the drafting page shows it: its support measures in words."""

from __future__ import annotations

import pandas as pd

from kpi.drafting.items import Draft
from kpi.drafting.measure_items import draft_measures
from kpi.present.locale import Locale


def _money(yuan: float, loc: Locale) -> str:
    return loc.number(yuan) + ("元" if loc.lang == "zh" else " yuan")


def support_table(draft: Draft, loc: Locale) -> pd.DataFrame:
    """The support measures for review: sentence, section, amounts and shares as text,
    and the rule drafted from them (kpi.drafting.measure_items): the task holding it, the
    cap per project, the rate and what it is of, the cap per year (canonical columns
    text_zh, section, amount, percent, task, cap, rate, rate_base, cap_per_year)."""
    join = "、" if loc.lang == "zh" else ", "
    rows = [
        {
            "text_zh": s.text_zh,
            "section": s.section,
            "amount": join.join(_money(v, loc) for v in s.yuan),
            "percent": join.join(f"{loc.number(p)}%" for p in s.percent),
            "task": f"{loc.t(f'tasks.kind.{m.task.kind}')} {m.task.number}" if m.task else "",
            "cap": _money(m.cap_yuan, loc) if m.cap_yuan is not None else "",
            "rate": f"{loc.number(m.rate * 100)}%" if m.rate is not None else "",
            "rate_base": m.rate_base_zh,
            "cap_per_year": _money(m.cap_per_year_yuan, loc) if m.cap_per_year_yuan else "",
        }
        for s, m in zip(draft.support, draft_measures(draft), strict=True)
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
