"""From drafted items to catalog entries: JSON records, a TOML block for review, and the
whole catalog with the block added (what the drafting page previews and installs).

Rows are plain dicts (one per target, the columns of ``ROW_COLUMNS``) so the CLI and the
page's editable table share one path from draft to catalog.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from kpi.domain.catalog import Catalog, Metric
from kpi.drafting.items import Baseline, Draft, DraftItem, SupportMeasure
from kpi.drafting.measure_items import measure_fields
from kpi.drafting.task_items import DraftTask, draft_units

#: The columns of a reviewed target row, in the order the page shows them.
ROW_COLUMNS = (
    "keep",
    "text_zh",
    "comparator",
    "min",
    "max",
    "unit",
    "kind",
    "metric",
    "name_zh",
    "family",
    "text_en",
    "name_en",
    "unit_en",
    "deadline",
    "confidence",
    "kind_reason",
    "section",
)
#: Words in a metric name that point to a family, first match wins.
FAMILY_WORDS = (
    ("talent", ("团队", "人才", "科学家")),
    ("libraries", ("库", "菌株", "保藏")),
    ("pilot", ("中试",)),
    ("listings", ("上市",)),
    ("platforms", ("平台", "实验室", "中心")),
    ("clusters", ("基地", "园区", "集聚区", "试验田")),
    ("enterprises", ("企业", "总部")),
    ("scale", ("产值", "营收", "规模", "收入", "销售额")),
)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def item_record(item: DraftItem) -> dict[str, Any]:
    """One drafted target as JSON: text_zh, comparator, min, max, unit, kind, deadline…"""
    return {
        "type": "target",
        "text_zh": item.text_zh,
        "section": item.section,
        "comparator": item.comparator,
        "min": item.min,
        "max": item.max,
        "unit": item.unit,
        "kind": item.kind,
        "kind_reason": item.kind_reason,
        "deadline": _iso(item.deadline),
        "deadline_reason": item.deadline_reason,
        "confidence": item.confidence,
        "qualifiers": list(item.qualifiers),
        "metric": item.metric or None,
        "name_zh": item.name_zh,
        "text_simplified": item.text_simplified or item.text_zh,
        "outlook": item.outlook,
    }


def baseline_record(baseline: Baseline) -> dict[str, Any]:
    """A figure the text states for a past year or today: offered as a baseline."""
    return {
        "type": "baseline",
        "text_zh": baseline.text_zh,
        "section": baseline.section,
        "comparator": baseline.comparator,
        "min": baseline.value,
        "max": None,
        "unit": baseline.unit,
        "year": baseline.year,
        "kind": None,
        "deadline": None,
    }


def support_record(measure: SupportMeasure) -> dict[str, Any]:
    """A support measure as JSON: the money it grants, never a target."""
    return {
        "type": "support",
        "text_zh": measure.text_zh,
        "section": measure.section,
        "comparator": "at_most" if measure.capped else None,
        "min": None,
        "max": max(measure.yuan) if measure.yuan else None,
        "unit": "元" if measure.yuan else "%",
        "percent": list(measure.percent),
        "kind": None,
        "deadline": None,
    }


def task_record(task: DraftTask) -> dict[str, Any]:
    """A drafted task or measure as JSON: its number, heading, paragraph and units."""
    return {
        "type": "task",
        "kind": task.kind,
        "number": task.number,
        "section": task.section,
        "title_zh": task.title_zh,
        "text_zh": task.text_zh,
        "units": list(task.units),
        "lead": task.units[0] if task.units else None,
    }


def task_code(plan_code: str, task: DraftTask) -> str:
    """BJ-2024.T5 for task 5, BJ-2024.M5 for measure 5."""
    return f"{plan_code}.{'T' if task.kind == 'task' else 'M'}{task.number}"


def draft_records(
    draft: Draft, jurisdiction: str = "", catalog: Catalog | None = None, plan_code: str = "PLAN"
) -> list[dict[str, Any]]:
    """Targets first, then support measures (each with its drafted rule: code, task,
    cap_yuan, rate, rate_base_zh, cap_per_year_yuan, per_year, valid_from, valid_to),
    tasks and the units they name (``type`` tells them apart; a unit the catalog holds
    for the jurisdiction is ``known``)."""
    units = [
        {"type": "unit", "name_zh": u.name_zh, "code": u.code, "known": u.known}
        for u in draft_units(draft.tasks, jurisdiction, catalog)
    ]
    return (
        [item_record(i) for i in draft.items]
        + [
            support_record(s) | rule
            for s, rule in zip(draft.support, measure_fields(draft, plan_code), strict=True)
        ]
        + [task_record(t) for t in draft.tasks]
        + [baseline_record(b) for b in draft.baselines]
        + units
    )


def task_entries(
    tasks: tuple[DraftTask, ...], plan_code: str, jurisdiction: str, catalog: Catalog
) -> dict[str, list[dict[str, Any]]]:
    """Catalog entries for drafted tasks and the units they name that the catalog lacks."""
    units = [
        {"code": u.code, "jurisdiction": jurisdiction, "name_zh": u.name_zh, "name_en": ""}
        for u in draft_units(tasks, jurisdiction, catalog)
        if not u.known
    ]
    entries = [
        {
            "code": task_code(plan_code, t),
            "plan": plan_code,
            "kind": t.kind,
            "number": t.number,
            "section": t.section,
            "title_zh": t.title_zh,
            "title_en": "",
            "text_zh": t.text_zh,
            "text_en": "",
            "units": list(t.units),
            "targets": [],
        }
        for t in tasks
    ]
    return {"units": units, "tasks": entries}


def draft_rows(draft: Draft, catalog: Catalog | None = None) -> list[dict[str, Any]]:
    """The editable rows of a draft, every item kept; English fields empty for the
    reviewer; the family guessed from the name when a catalog is given."""
    rows = []
    for item in draft.items:
        record = item_record(item) | {"keep": True, "text_en": "", "name_en": "", "unit_en": ""}
        record["family"] = guess_family(item.name_zh, catalog) if catalog else ""
        rows.append({column: record.get(column) for column in ROW_COLUMNS})
    return rows


# ---- TOML ----------------------------------------------------------------------------------
def _toml_value(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):  # an array (of inline tables: a plan's `also`)
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        pairs = ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items() if v is not None)
        return "{ " + pairs + " }"
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a TOML basic string


def toml_table(section: str, entry: dict[str, Any], comment: str = "") -> str:
    """One ``[[section]]`` table; keys whose value is None are left out."""
    lines = [f"# {comment}"] if comment else []
    lines.append(f"[[{section}]]")
    kept = {k: v for k, v in entry.items() if v is not None and v not in ((), [])}
    lines += [f"{key} = {_toml_value(v)}" for key, v in kept.items()]
    return "\n".join(lines) + "\n"


def catalog_to_toml(catalog: Catalog) -> str:
    """The whole catalog as TOML that parse_catalog reads back to the same catalog."""
    data = catalog.model_dump(exclude_none=True)
    return "\n".join(toml_table(section, entry) for section in data for entry in data[section])


# ---- from rows to catalog entries ----------------------------------------------------------
@dataclass(frozen=True)
class PlanHeader:
    """The plan and jurisdiction a draft goes into; the reviewer may change every field."""

    code: str
    jurisdiction: str
    jurisdiction_name_zh: str
    doc_number: str
    title_zh: str
    issued: date | None
    start: date | None
    end: date | None
    source: str
    source_sha256: str = ""  # of the saved text, when it is known
    jurisdiction_name_en: str = ""
    title_en: str = ""
    #: The agency the figures are reported to: the catalog requires it, the reviewer fills it.
    reporting_agency: str = ""
    reporting_agency_en: str = ""
    status: str = "in_force"  # "draft" for a draft for comment (征求意见稿)


def text_sha256(text: str) -> str:
    """SHA-256 of a text as saved in data/policy/ (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def guess_jurisdiction(title: str, catalog: Catalog) -> tuple[str, str]:
    """(code, Chinese name): the catalog's jurisdiction whose name starts the title (the
    longest), else no code and the title's first place name (…市/省/区/县)."""
    known = [j for j in catalog.jurisdictions if title.startswith(j.name_zh)]
    if known:
        best = max(known, key=lambda j: len(j.name_zh))
        return best.code, best.name_zh
    place = re.match(r"^(.{1,12}?(?:省|市|自治区|新区|区|县))", title)
    return "", place[1] if place else ""


def plan_header(
    draft: Draft, catalog: Catalog, plan: str | None, jurisdiction: str | None, source: str
) -> PlanHeader:
    """The plan a draft describes, from the document's own facts and the options given."""
    facts = draft.facts
    code, name = guess_jurisdiction(facts.title, catalog)
    jurisdiction = jurisdiction or code or "NEW"
    known = {j.code: j.name_zh for j in catalog.jurisdictions}
    year = facts.start.year if facts.start else (facts.issued.year if facts.issued else "")
    return PlanHeader(
        code=plan or f"{jurisdiction}-{year}".rstrip("-"),
        jurisdiction=jurisdiction,
        jurisdiction_name_zh=known.get(jurisdiction, name),
        doc_number=facts.doc_number,
        title_zh=facts.title,
        issued=facts.issued,
        start=facts.start,
        end=facts.end,
        source=source,
        status="draft" if draft.is_draft else "in_force",
    )


def guess_family(name_zh: str, catalog: Catalog) -> str:
    families = {f.code for f in catalog.families}
    for family, words in FAMILY_WORDS:
        if family in families and any(word in name_zh for word in words):
            return family
    return catalog.families[0].code


def _new_metric_code(plan_code: str, index: int) -> str:
    return re.sub(r"[^a-z0-9]+", "_", plan_code.lower()).strip("_") + f"_m{index}"


def _number(value: Any) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if number != number else number  # NaN from an emptied table cell


def _text(row: dict[str, Any], key: str) -> str:
    value = row.get(key)
    return "" if value is None or value != value else str(value).strip()  # None or NaN


def _kept(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [row for row in rows if row.get("keep", True) in (True, 1, "true", "True")]


def metric_codes(rows: list[dict[str, Any]], plan_code: str) -> list[str]:
    """Each kept row's metric code: as given, else a new code for the reviewer to rename."""
    return [
        str(row.get("metric") or "").strip() or _new_metric_code(plan_code, n)
        for n, row in enumerate(_kept(rows), start=1)
    ]


def block_entries(
    rows: list[dict[str, Any]], header: PlanHeader, catalog: Catalog
) -> dict[str, list[dict[str, Any]]]:
    """Catalog entries for the kept rows: new jurisdiction and plan (when not in the
    catalog), new metrics, and the targets."""
    entries: dict[str, list[dict[str, Any]]] = {
        section: [] for section in ("jurisdictions", "plans", "metrics", "targets")
    }
    if header.jurisdiction not in {j.code for j in catalog.jurisdictions}:
        entries["jurisdictions"].append(
            {
                "code": header.jurisdiction,
                "name_zh": header.jurisdiction_name_zh,
                "name_en": header.jurisdiction_name_en or header.jurisdiction,
            }
        )
    if header.code not in {p.code for p in catalog.plans}:
        plan = {
            "code": header.code,
            "jurisdiction": header.jurisdiction,
            "doc_number": header.doc_number,
            "title_zh": header.title_zh,
            "title_en": header.title_en,
            "issued": header.issued,
            "start": header.start,
            "end": header.end,
            "source": header.source,
        }
        # Written even when empty, so that the reviewer sees what to fill in; the
        # catalog refuses a plan whose text hash or agency is missing or empty.
        plan["source_sha256"] = header.source_sha256
        plan["reporting_agency"] = header.reporting_agency
        if header.reporting_agency_en:
            plan["reporting_agency_en"] = header.reporting_agency_en
        if header.status == "draft":
            plan["status"] = "draft"
        entries["plans"].append(plan)
    known: dict[str, Metric] = {m.code: m for m in catalog.metrics}
    for row, code in zip(_kept(rows), metric_codes(rows, header.code), strict=True):
        if code not in known and code not in {m["code"] for m in entries["metrics"]}:
            name = _text(row, "name_zh") or code
            entries["metrics"].append(
                {
                    "code": code,
                    "family": _text(row, "family") or guess_family(name, catalog),
                    "kind": row.get("kind"),
                    "name_zh": name,
                    "name_en": _text(row, "name_en"),
                    "unit_zh": _text(row, "unit") or "个",
                    "unit_en": _text(row, "unit_en"),
                }
            )
            metric = entries["metrics"][-1]
            if metric["kind"] == "annual":  # statistics report output values year to date
                metric["basis"] = "ytd"
            if metric["kind"] != "flow" and metric["unit_zh"] in ("%", "亿元", "万元"):
                metric["count"] = False
        comparator = row.get("comparator")
        entries["targets"].append(
            {
                "plan": header.code,
                "metric": code,
                "comparator": comparator,
                "min": _number(row.get("min")),
                "max": _number(row.get("max")) if comparator == "range" else None,
                "text_zh": _text(row, "text_zh"),
                "text_en": _text(row, "text_en"),
                "section": _text(row, "section"),
            }
        )
        milestone = _milestone(row.get("deadline"), header.end)
        if milestone is not None:  # 到2035年 beyond the plan's end: its own deadline
            entries["targets"][-1]["deadline"] = milestone
    return entries


def _milestone(deadline: Any, plan_end: date | None) -> date | None:
    """A row's deadline when it lies beyond the plan's end (an outlook year), else None."""
    if deadline in (None, "") or deadline != deadline or plan_end is None:
        return None
    day = deadline if isinstance(deadline, date) else date.fromisoformat(str(deadline)[:10])
    return day if day > plan_end else None


_HEADER_COMMENT = """\
# Drafted by `kpi catalog draft` from {source}.
# Review before installing: each text_zh against the document, comparator, min/max,
# each metric (existing code, or the new metric's code, family, kind and names), and
# fill the English fields (text_en, title_en, name_en, unit_en) and the plan's
# reporting_agency (the agency the figures are reported to).
"""


def catalog_block(
    rows: list[dict[str, Any]],
    header: PlanHeader,
    catalog: Catalog,
    support: tuple[SupportMeasure, ...] = (),
    tasks: tuple[DraftTask, ...] = (),
    measures: Sequence[dict[str, Any]] = (),
) -> str:
    """The TOML block to add to the catalog: entries first (targets, then the tasks and
    the units they name that the catalog lacks, then the support measures drafted as
    ``[[measures]]``, kpi.drafting.measure_items), the support sentences no task holds
    as comments."""
    entries = block_entries(rows, header, catalog)
    parts = [_HEADER_COMMENT.format(source=header.source)]
    targets, kept = entries["targets"], _kept(rows)
    notes = {id(t): _target_note(row) for t, row in zip(targets, kept, strict=True)}
    for section, items in entries.items():
        for entry in items:
            parts.append(toml_table(section, entry, notes.get(id(entry), "")))
    for section, items in task_entries(tasks, header.code, header.jurisdiction, catalog).items():
        parts += [toml_table(section, entry) for entry in items]
    if measures:
        parts.append("# Support measures: fill text_en (and rate_base_en, targets); every")
        parts.append(
            "# measure of the plan is under its rule 从优不重复 (one measure per project)."
        )
        parts += [toml_table("measures", entry) for entry in measures]
    drafted = {m["text_zh"] for m in measures}
    loose = [s for s in support if s.text_zh not in drafted]
    if loose:
        parts.append("# Support measures in the text (money, not targets):")
        parts += [f"#   {s.section} {s.text_zh}" for s in loose]
    return "\n".join(parts) + "\n"


def _target_note(row: dict[str, Any]) -> str:
    note = f"confidence {row.get('confidence')}; kind {row.get('kind')}"
    if row.get("kind_reason"):
        note += f" ({row['kind_reason']})"
    if row.get("deadline"):
        note += f"; deadline {row['deadline']}"
    return note


def catalog_with_block(catalog: Catalog, block: str) -> str:
    """The current catalog with the drafted block added: the text to validate and install."""
    return catalog_to_toml(catalog) + "\n" + block
