"""Support measures drafted as catalog ``[[measures]]`` entries (政策兑现).

The support sentences of a draft (kpi.drafting.items.SupportMeasure) become rules: the
amount granted (万元/亿元) is ``cap_yuan``, or ``cap_per_year_yuan`` when the sentence
caps a year (每年, 年度, 当年) and is not one-off (一次性); a percentage is ``rate`` of
the amount named before it (按照…的30%, 不超过合同总金额的30%: ``rate_base_zh``). An
amount the beneficiary must reach (年产值突破1亿元) is a condition, not a grant. Each
measure belongs to the drafted task whose paragraph holds it; the validity is the
text's own (本措施自…起施行，至…结束; 自公布之日起 is the date of issue).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from kpi.drafting.items import Draft, SupportMeasure
from kpi.drafting.numbers import parse_number
from kpi.drafting.task_items import DraftTask

_AMOUNT = re.compile(
    r"(?P<a>\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿]+)\s*(?P<unit>万元|亿元|元)"
)
_YUAN = {"元": 1, "万元": 10_000, "亿元": 100_000_000}
#: Words before an amount that make it a condition to reach, not money granted.
_CONDITION = re.compile(r"(?:突破|达到|超过|以上|产值|收入|营收|规模|投资额?)\s*$")
_PERCENT = re.compile(r"(?P<a>\d+(?:\.\d+)?)\s*[%％]")
_BASE = (
    re.compile(
        r"按照?(?:不超过|不高于)?(?P<base>[^，,。；;、\d%]{2,24}?)的?(?:给予)?\s*\d+(?:\.\d+)?\s*[%％]"
    ),
    re.compile(r"(?:不超过|不高于)(?P<base>[^，,。；;、\d%]{2,16}?)的?\s*\d+(?:\.\d+)?\s*[%％]"),
    re.compile(
        r"给予(?P<base>[^，,。；;、\d%]{2,12}?)(?:最高)?(?:不超过|不高于)\s*\d+(?:\.\d+)?\s*[%％]"
    ),
)
_PER_YEAR = ("每年", "年度", "当年", "每个年度")
_ONE_OFF = "一次性"
_DAY = r"(20\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
_FROM = re.compile(rf"自\s*{_DAY}\s*起")
_FROM_ISSUE = re.compile(r"自(?:公布|印发|发布|颁布)之日起")
_UNTIL = re.compile(rf"至\s*{_DAY}\s*(?:止|截止|结束)")
_CLOSING = re.compile(r"本(?:措施|方案|计划|办法|政策|若干措施)[^。]*?(?:施行|执行|实施)[^。]*")


@dataclass(frozen=True)
class DraftMeasure:
    """One support sentence as a rule, with the task it belongs to (None: none found)."""

    support: SupportMeasure
    task: DraftTask | None
    cap_yuan: int | None
    rate: float | None
    rate_base_zh: str
    cap_per_year_yuan: int | None
    per_year: bool


def granted_amounts(sentence: str) -> list[float]:
    """The amounts of money a sentence grants, in yuan (conditions left out)."""
    out = []
    for match in _AMOUNT.finditer(sentence):
        before = sentence[max(0, match.start() - 8) : match.start()]
        if _CONDITION.search(before) and not re.search(r"(?:不超过|不高于|最高)\s*$", before):
            continue
        value = parse_number(match["a"])
        if value is not None:
            out.append(value * _YUAN[match["unit"]])
    return out


def rate_base(sentence: str) -> str:
    """What amount a percentage applies to (技术合同成交额, 项目总投资), or ""."""
    for pattern in _BASE:
        if found := pattern.search(sentence):
            return found["base"].strip(" ，,")
    return ""


def _whole(amount: float) -> int:
    return round(amount)


def measure_rule(support: SupportMeasure, task: DraftTask | None = None) -> DraftMeasure:
    """The rule of one support sentence."""
    text = support.text_zh
    amounts = granted_amounts(text)
    percents = [float(m["a"]) for m in _PERCENT.finditer(text)]
    per_year = any(w in text for w in _PER_YEAR) and _ONE_OFF not in text
    cap = _whole(max(amounts)) if amounts else None
    rate = round(percents[0] / 100, 4) if percents else None
    return DraftMeasure(
        support,
        task,
        None if per_year else cap,
        rate,
        rate_base(text) if rate is not None else "",
        cap if per_year else None,
        per_year,
    )


def draft_measures(draft: Draft) -> list[DraftMeasure]:
    """Every support sentence of the draft as a rule, with the task holding it."""
    tasks = {t.paragraph: t for t in draft.tasks}
    return [measure_rule(s, tasks.get(s.paragraph)) for s in draft.support]


def measure_codes(measures: list[DraftMeasure], plan_code: str) -> list[str]:
    """PLAN:M5 for the one money rule of measure 5; PLAN:M3a, PLAN:M3b for two; a
    sentence outside every task is PLAN:S1, S2 …"""
    per_task: dict[tuple[str, int], int] = {}
    for m in measures:
        if m.task is not None:
            key = (m.task.kind, m.task.number)
            per_task[key] = per_task.get(key, 0) + 1
    seen: dict[tuple[str, int], int] = {}
    out, loose = [], 0
    for m in measures:
        if m.task is None:
            loose += 1
            out.append(f"{plan_code}:S{loose}")
            continue
        key = (m.task.kind, m.task.number)
        seen[key] = seen.get(key, 0) + 1
        name = f"{'T' if m.task.kind == 'task' else 'M'}{m.task.number}"
        suffix = "abcdefghijklmnopqrstuvwxyz"[seen[key] - 1] if per_task[key] > 1 else ""
        out.append(f"{plan_code}:{name}{suffix}")
    return out


def validity(draft: Draft) -> tuple[date | None, date | None]:
    """The measures' validity as the text states it (None where it does not)."""
    for closing in _CLOSING.finditer(draft.text):
        sentence = closing.group(0)
        start: date | None = None
        if found := _FROM.search(sentence):
            start = date(int(found[1]), int(found[2]), int(found[3]))
        elif _FROM_ISSUE.search(sentence):
            start = draft.facts.issued
        end = None
        if found := _UNTIL.search(sentence):
            end = date(int(found[1]), int(found[2]), int(found[3]))
        if start or end:
            return start, end
    return None, None


def measure_fields(draft: Draft, plan_code: str) -> list[dict[str, Any]]:
    """Per support sentence (in order) its drafted rule as JSON fields: code, task
    (None when no drafted task holds it), cap_yuan, rate, rate_base_zh,
    cap_per_year_yuan, per_year, valid_from, valid_to (ISO dates or None)."""
    measures = draft_measures(draft)
    start, end = validity(draft)
    task_codes = [
        f"{plan_code}.{'T' if m.task.kind == 'task' else 'M'}{m.task.number}" if m.task else None
        for m in measures
    ]
    return [
        {
            "code": code,
            "task": task,
            "cap_yuan": m.cap_yuan,
            "rate": m.rate,
            "rate_base_zh": m.rate_base_zh,
            "cap_per_year_yuan": m.cap_per_year_yuan,
            "per_year": m.per_year,
            "valid_from": start.isoformat() if start else None,
            "valid_to": end.isoformat() if end else None,
        }
        for m, code, task in zip(
            measures, measure_codes(measures, plan_code), task_codes, strict=True
        )
    ]


def measure_entries(draft: Draft, plan_code: str) -> list[dict[str, Any]]:
    """``[[measures]]`` entries for the support sentences a drafted task holds, for the
    reviewer to complete (text_en, rate_base_en, targets)."""
    start, end = validity(draft)
    out = []
    for m, fields in zip(draft_measures(draft), measure_fields(draft, plan_code), strict=True):
        if m.task is None:
            continue
        out.append(
            {
                "code": fields["code"],
                "plan": plan_code,
                "task": fields["task"],
                "text_zh": m.support.text_zh,
                "text_en": "",
                "cap_yuan": m.cap_yuan,
                "rate": m.rate,
                "rate_base_zh": m.rate_base_zh or None,
                "rate_base_en": "" if m.rate is not None else None,
                "cap_per_year_yuan": m.cap_per_year_yuan,
                "per_year": m.per_year or None,
                "valid_from": start,
                "valid_to": end,
            }
        )
    return out
