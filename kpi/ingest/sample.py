"""Deterministic sample data, clearly marked as such, for an empty database.

Each target's series comes from its own seeded generator, so a quarter's value
does not depend on how many quarters are generated. The figures are invented;
batches holding them are flagged ``is_sample`` and every page says so.
"""

from __future__ import annotations

import io
import zlib
from datetime import date

import numpy as np
import pandas as pd

from kpi.domain.catalog import Catalog
from kpi.domain.periods import last_closed_quarter_end, quarter_ends_between, quarter_label

SAMPLE_SEED = 20240914
SAMPLE_FILE_NAME = "sample-data.csv"
SAMPLE_SOURCE = "示例数据 / sample data"


def _series(
    target_code: str, kind: str, threshold: float, quarters: list[date], total_quarters: int
) -> list[float]:
    rng = np.random.default_rng(SAMPLE_SEED + zlib.crc32(target_code.encode()))
    # pace factor: spread targets across achieved / on track / at risk / off track
    factor = rng.choice([1.25, 1.05, 0.8, 0.5, 1.0, 0.7])
    if kind == "annual":
        return _annual_ytd(rng, threshold * factor, quarters, total_quarters)
    if kind == "flow":
        rate = threshold * factor / total_quarters
        return [float(v) for v in rng.poisson(rate, size=len(quarters))]
    base = threshold * rng.uniform(0.3, 0.7)
    goal = threshold * factor
    steps = np.linspace(0, 1, total_quarters + 1)[: len(quarters)]
    noise = rng.normal(0, threshold * 0.01, size=len(quarters))
    levels = np.maximum.accumulate(base + steps * (goal - base) + noise)
    return [float(round(v)) for v in levels]


def _annual_ytd(
    rng: np.random.Generator, goal: float, quarters: list[date], total_quarters: int
) -> list[float]:
    """Year-to-date totals of an annual value growing at a steady rate from about half
    the goal in the year before the period to ``goal`` in its last year; each quarter a
    quarter of the year's value, give or take a little."""
    years = max(total_quarters // 4, 1)
    base = goal * rng.uniform(0.45, 0.6)
    growth = (goal / base) ** (1 / years)
    out, ytd = [], 0.0
    for q in quarters:
        year_value = base * growth ** (q.year - quarters[0].year + 1)
        ytd = (0.0 if q.month == 3 else ytd) + year_value / 4 * rng.uniform(0.9, 1.1)
        out.append(round(ytd, 1))
    return out


def sample_frame(catalog: Catalog, today: date) -> pd.DataFrame:
    """Quarterly observations for every target up to the last closed quarter (one series
    per jurisdiction and metric: a metric's later milestones share its figures)."""
    last = last_closed_quarter_end(today)
    plans = {p.code: p for p in catalog.plans}
    kinds = {m.code: m.kind for m in catalog.metrics}
    rows = []
    seen: set[tuple[str, str]] = set()
    for target in catalog.targets:
        plan = plans[target.plan]
        kind = kinds[target.metric]
        if (plan.jurisdiction, target.metric) in seen:
            continue
        seen.add((plan.jurisdiction, target.metric))
        all_quarters = quarter_ends_between(plan.start, plan.end)
        quarters = [q for q in all_quarters if q <= last]
        values = _series(target.code, kind, target.threshold, quarters, len(all_quarters))
        rows += [
            {
                "jurisdiction": plan.jurisdiction,
                "metric": target.metric,
                "period": quarter_label(q),
                "value": v,
                "source": SAMPLE_SOURCE,
                "note": "",
            }
            for q, v in zip(quarters, values, strict=True)
        ]
    return pd.DataFrame(
        rows, columns=["jurisdiction", "metric", "period", "value", "source", "note"]
    )


def sample_csv(catalog: Catalog, today: date) -> bytes:
    buf = io.StringIO()
    sample_frame(catalog, today).to_csv(buf, index=False)
    return buf.getvalue().encode("utf-8")
