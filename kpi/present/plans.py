"""The plans of the catalog at their four levels (国家 → 省 → 市 → 区): the list of
``kpi plans`` and the overview, and the plans above and below a jurisdiction."""

from __future__ import annotations

import pandas as pd

from kpi.domain.catalog import LEVELS, Catalog, Plan
from kpi.present.locale import Locale

#: The fields of ``kpi plans --format json``, one record per plan.
PLAN_FIELDS = (
    *("plan", "jurisdiction", "level", "parent", "title_zh", "title_en", "doc_number"),
    *("issued", "start", "end", "source", "source_url", "status", "text_kind", "targets"),
)


def _level_rank(catalog: Catalog, plan: Plan) -> int:
    level = catalog.jurisdiction(plan.jurisdiction).level
    return LEVELS.index(level) if level in LEVELS else len(LEVELS)


def ordered_plans(catalog: Catalog) -> list[Plan]:
    """Plans by level (national first), then in catalog order."""
    return sorted(catalog.plans, key=lambda p: _level_rank(catalog, p))


def plan_records(catalog: Catalog) -> list[dict]:
    """One JSON-ready record per plan with ``PLAN_FIELDS`` (codes, ISO dates, None)."""
    counts = pd.Series([t.plan for t in catalog.targets]).value_counts()
    records = []
    for plan in ordered_plans(catalog):
        place = catalog.jurisdiction(plan.jurisdiction)
        records.append(
            {
                "plan": plan.code,
                "jurisdiction": plan.jurisdiction,
                "level": place.level,
                "parent": place.parent,
                "title_zh": plan.title_zh,
                "title_en": plan.title_en,
                "doc_number": plan.doc_number,
                "issued": plan.issued.isoformat() if plan.issued else None,
                "start": plan.start.isoformat(),
                "end": plan.end.isoformat(),
                "source": plan.source,
                "source_url": plan.source_url,
                "status": plan.status,
                "text_kind": plan.text_kind,
                "targets": int(counts.get(plan.code, 0)),
            }
        )
    return [{field: rec[field] for field in PLAN_FIELDS} for rec in records]


def level_label(level: str | None, loc: Locale) -> str:
    return loc.t(f"level.{level}" if level in LEVELS else "level.none")


def plans_table(catalog: Catalog, loc: Locale, plans: list[Plan] | None = None) -> pd.DataFrame:
    """The plans in the reader's words (canonical column names; headings where drawn)."""
    shown = {p.code for p in plans} if plans is not None else None
    rows = []
    for rec in plan_records(catalog):
        if shown is not None and rec["plan"] not in shown:
            continue
        plan = catalog.plan(rec["plan"])
        parent = rec["parent"]
        rows.append(
            {
                "level": level_label(rec["level"], loc),
                "jurisdiction": loc.name(catalog.jurisdiction(rec["jurisdiction"])),
                "parent": loc.name(catalog.jurisdiction(parent)) if parent else "",
                "title_zh": loc.name(plan),
                "doc_number": rec["doc_number"] or loc.t("plan.none_issued"),
                "issued": rec["issued"] or loc.t("plan.none_issued"),
                "start_date": rec["start"],
                "deadline": rec["end"],
                "plan_status": loc.t(f"plan.status.{rec['status']}"),
                "text_kind": loc.t(f"plan.text_kind.{rec['text_kind']}"),
                "targets": rec["targets"],
                "source_url": rec["source_url"],
            }
        )
    return pd.DataFrame(rows, columns=list(_TABLE_COLUMNS))


_TABLE_COLUMNS = (
    *("level", "jurisdiction", "parent", "title_zh", "doc_number", "issued"),
    *("start_date", "deadline", "plan_status", "text_kind", "targets", "source_url"),
)


def plans_by_level(
    catalog: Catalog, codes: list[str] | None = None
) -> list[tuple[str | None, list[Plan]]]:
    """(level code, its plans) for each level present, national first; only the plans of
    the jurisdictions ``codes`` when given (a page of a national catalog)."""
    wanted = set(codes) if codes is not None else None
    groups: dict[str | None, list[Plan]] = {}
    for plan in ordered_plans(catalog):
        if wanted is None or plan.jurisdiction in wanted:
            groups.setdefault(catalog.jurisdiction(plan.jurisdiction).level, []).append(plan)
    return list(groups.items())


def related_plans(catalog: Catalog, code: str) -> tuple[list[Plan], list[Plan]]:
    """(plans of the jurisdictions above ``code``, nearest first; plans of those inside
    it, by level) — what a jurisdiction page lists beside its own plans."""
    above = catalog.ancestors(code)
    below = set(catalog.descendants(code))
    up = [p for a in above for p in catalog.plans if p.jurisdiction == a]
    down = [p for p in ordered_plans(catalog) if p.jurisdiction in below]
    return up, down
