"""The support measures and their money (政策兑现) in words: the measures table of the
Support page, briefing and report, the beneficiaries (for accounts with the finance
right only: the caller decides, kpi.access.auth.User.may_handle_grants), one
beneficiary's grants, and the money under the measures serving a target (支持资金).

Totals come from kpi.assess.money (one row per grant in force as known at a moment);
everything here takes the reader's Locale. Tables keep canonical column names; amounts
are whole yuan (numbers, so downloads stay numeric); counts are whole numbers."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from kpi.access.auth import User, may_see_beneficiaries
from kpi.assess.money import beneficiary_totals, measure_totals
from kpi.domain.catalog import Catalog, Measure
from kpi.present.locale import Locale
from kpi.present.task_tables import task_label

#: The measures table (:func:`measure_table`).
MEASURE_TABLE_COLUMNS = [
    "measure",
    "lead",
    "rule",
    "grants",
    "beneficiaries",
    "approved",
    "paid",
    "largest",
]
#: The beneficiaries table (:func:`beneficiary_table`): names and codes, confidential.
BENEFICIARY_TABLE_COLUMNS = [
    "beneficiary",
    "credit_code",
    "grants",
    "measures",
    "approved",
    "paid",
]
#: One beneficiary's grants (:func:`beneficiary_grants`).
GRANT_TABLE_COLUMNS = [
    "measure",
    "project",
    "approved",
    "paid",
    "approved_on",
    "approval_doc",
]


def grants_as_of(grants: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """The grants approved on or before ``as_of`` (a view's date: later approvals are
    not yet counted, as figures after it are not)."""
    if grants.empty:
        return grants
    return grants[pd.to_datetime(grants["approved_on"]).dt.date <= as_of].reset_index(drop=True)


def _yuan(value: Any) -> int:
    return 0 if value is None or pd.isna(value) else round(float(value))


def _wan(yuan: float, loc: Locale) -> str:
    """An amount of a rule as the texts write it: 万元 (yuan in English)."""
    if loc.lang == "zh":
        return f"{yuan / 10_000:,.10g}万元"
    return f"{yuan:,.0f} yuan"


def measure_label(catalog: Catalog, measure: Measure, loc: Locale) -> str:
    """'措施 5 · 提高工艺放大水平', numbered when its task holds several money rules
    ('…（第 2 项）'); never the code."""
    task = catalog.task(measure.task)
    title = task.title_en if loc.lang == "en" and task.title_en else task.title_zh
    label = f"{task_label(loc, task.kind, task.number)} · {title}"
    siblings = [m.code for m in catalog.measures if m.task == measure.task]
    if len(siblings) > 1:
        label += loc.t("support.rule_number", n=siblings.index(measure.code) + 1)
    return label


def rule_text(measure: Measure, loc: Locale) -> str:
    """The rule as data, in words: the share of its base, the cap per project, the cap per
    beneficiary and year ('技术合同成交额的 10%；单个项目最高 100万元')."""
    parts = []
    if measure.rate is not None:
        base = measure.rate_base_en if loc.lang == "en" else measure.rate_base_zh
        parts.append(loc.t("support.rule_rate", base=base, percent=f"{measure.rate * 100:g}%"))
    if measure.cap_yuan is not None:
        parts.append(loc.t("support.rule_cap", amount=_wan(measure.cap_yuan, loc)))
    if measure.cap_per_year_yuan is not None:
        parts.append(loc.t("support.rule_cap_year", amount=_wan(measure.cap_per_year_yuan, loc)))
    if not parts:
        return loc.t("support.rule_none")
    return ("；" if loc.lang == "zh" else "; ").join(parts)


def _lead(catalog: Catalog, measure: Measure, loc: Locale) -> str:
    """The measure's lead unit by name in the reader's language ("—" when none named)."""
    names = catalog.measure_units(measure)
    if not names:
        return "—"
    place = catalog.plan(measure.plan).jurisdiction
    unit = next(
        (u for u in catalog.units if u.jurisdiction == place and u.name_zh == names[0]), None
    )
    return loc.name(unit) if unit is not None else names[0]


def measures_in_view(
    catalog: Catalog, jurisdiction: str | None, plan: str | None = None
) -> list[str]:
    """The measure codes of a jurisdiction (None: all) or one plan, in catalog order."""
    return [
        m.code
        for m in catalog.measures
        if (jurisdiction is None or catalog.plan(m.plan).jurisdiction == jurisdiction)
        and (plan is None or m.plan == plan)
    ]


def in_view(grants: pd.DataFrame, codes: list[str]) -> pd.DataFrame:
    """The grants under the measures ``codes``."""
    return grants[grants["measure"].isin(codes)]


def measure_table(
    catalog: Catalog,
    grants: pd.DataFrame,
    codes: list[str],
    loc: Locale,
    with_place: bool = False,
) -> pd.DataFrame:
    """Per measure of ``codes``: its label, lead unit, rule, the grants in force, distinct
    beneficiaries, approved and paid totals and the largest single approval (to read
    against the cap); ``with_place`` first the jurisdiction (a view of several). Totals
    and counts only: no beneficiary is named."""
    mine = in_view(grants, codes)
    totals = measure_totals(catalog, mine).set_index("measure")
    largest = (
        mine.groupby("measure")["approved_yuan"].max() if not mine.empty else pd.Series(dtype=float)
    )
    rows = []
    for code in codes:
        m, r = catalog.measure(code), totals.loc[code]
        rows.append(
            {
                "measure": measure_label(catalog, m, loc),
                "lead": _lead(catalog, m, loc),
                "rule": rule_text(m, loc),
                "grants": int(r["grants"]),
                "beneficiaries": int(r["beneficiaries"]),
                "approved": _yuan(r["granted_yuan"]),
                "paid": _yuan(r["paid_yuan"]),
                "largest": _yuan(largest.get(code, 0)),
            }
        )
    table = pd.DataFrame(rows, columns=MEASURE_TABLE_COLUMNS)
    if with_place:
        places = [catalog.plan(catalog.measure(c).plan).jurisdiction for c in codes]
        table.insert(0, "jurisdiction", [loc.name(catalog.jurisdiction(p)) for p in places])
    return table


def totals_line(catalog: Catalog, grants: pd.DataFrame, codes: list[str], loc: Locale) -> str:
    """'5 项支持措施，批准 3 笔、2 家单位，批准 2,500万元，已拨付 1,200万元'."""
    mine = in_view(grants, codes)
    return loc.t(
        "support.totals",
        measures=len(codes),
        grants=len(mine),
        beneficiaries=int(mine["credit_code"].nunique()),
        approved=_wan(float(mine["approved_yuan"].sum()), loc),
        paid=_wan(float(mine["paid_yuan"].sum()), loc),
    )


def support_lines(
    catalog: Catalog, grants: pd.DataFrame, codes: list[str], loc: Locale
) -> list[str]:
    """Per measure of ``codes`` one sentence: grants, beneficiaries, approved and paid,
    and its rule (briefings; totals and counts only)."""
    table = measure_table(catalog, grants, codes, loc)
    return [
        loc.t(
            "support.briefing_line",
            measure=r["measure"],
            grants=r["grants"],
            beneficiaries=r["beneficiaries"],
            approved=_wan(r["approved"], loc),
            paid=_wan(r["paid"], loc),
            rule=r["rule"],
        )
        for r in table.to_dict(orient="records")
    ]


def beneficiary_table(catalog: Catalog, grants: pd.DataFrame, codes: list[str]) -> pd.DataFrame:
    """Per beneficiary of the grants under ``codes``, most approved first: its name and
    credit code, grants, measures, approved and paid. CONFIDENTIAL: only for accounts
    with the finance right on these plans."""
    out = beneficiary_totals(in_view(grants, codes))
    return pd.DataFrame(
        {
            "beneficiary": out["beneficiary"],
            "credit_code": out["credit_code"],
            "grants": out["grants"].astype(int),
            "measures": out["measures"].astype(int),
            "approved": out["granted_yuan"].map(_yuan),
            "paid": out["paid_yuan"].map(_yuan),
        },
        columns=BENEFICIARY_TABLE_COLUMNS,
    )


def beneficiary_grants(
    catalog: Catalog, grants: pd.DataFrame, codes: list[str], credit_code: str, loc: Locale
) -> pd.DataFrame:
    """Everything one beneficiary received under ``codes``, across measures, by approval
    date. CONFIDENTIAL, as :func:`beneficiary_table`."""
    mine = in_view(grants, codes)
    mine = mine[mine["credit_code"] == credit_code].sort_values(["approved_on", "measure"])
    return pd.DataFrame(
        {
            "measure": [measure_label(catalog, catalog.measure(c), loc) for c in mine["measure"]],
            "project": mine["project"].tolist(),
            "approved": [_yuan(v) for v in mine["approved_yuan"]],
            "paid": [_yuan(v) for v in mine["paid_yuan"]],
            "approved_on": [d.isoformat() for d in mine["approved_on"]],
            "approval_doc": [d if isinstance(d, str) else "" for d in mine["approval_doc"]],
        },
        columns=GRANT_TABLE_COLUMNS,
    )


def target_support(
    catalog: Catalog, grants: pd.DataFrame, target: str, loc: Locale
) -> pd.DataFrame:
    """支持资金: the measures linked to ``target`` with their totals (no names)."""
    codes = [m.code for m in catalog.measures if target in m.targets]
    return measure_table(catalog, grants, codes, loc)


def allowed_measures(catalog: Catalog, user: User | None, codes: list[str]) -> list[str]:
    """The measures of ``codes`` whose beneficiaries ``user`` may see
    (kpi.access.auth.may_see_beneficiaries: the finance right on the measure's
    jurisdiction, or an administrator); none when signed out."""
    return [
        c
        for c in codes
        if may_see_beneficiaries(user, catalog.plan(catalog.measure(c).plan).jurisdiction)
    ]
