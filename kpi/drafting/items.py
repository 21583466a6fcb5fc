"""Draft a plan's numeric commitments from its text: the items a reviewer confirms.

Each counted quantity (不少于5个, 3至5家, 约1万株) in a clause becomes an item with the
clause verbatim, its section, comparator and bounds, a kind guess with the word that
decided it, the deadline and a confidence. Sentences that grant money (最高不超过500万元,
给予30%补助) are support measures, listed apart and never targets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from kpi.domain.catalog import Comparator, Kind, Metric
from kpi.drafting.document import Paragraph, PlanFacts, normal_text, paragraphs, plan_facts
from kpi.drafting.numbers import (
    MONEY_MEASURES,
    Quantity,
    find_money,
    find_money_targets,
    find_numbers,
)
from kpi.drafting.tasks import DraftTask, draft_tasks

#: Words saying the number is a stock at the deadline, or new items over the plan.
LEVEL_WORDS = ("库容", "总计", "累计", "达到", "总数", "保有", "形成", "总量", "拥有")
FLOW_WORDS = (
    "新增",
    "引育",
    "培育",
    "打造",
    "引进",
    "吸引",
    "组建",
    "布局",
    "建设",
    "新建",
    "落地",
    "突破",
    "认定",
    "建成",
    "引入",
    "招引",
    "孵化",
    "创建",
    "争创",
)
SUPPORT_WORDS = ("给予", "补贴", "补助", "奖励", "资助", "支持", "奖补")
#: Share of a metric name's character pairs found in a clause to suggest that metric.
SUGGEST_SCORE = 0.6
_CLAUSE_BREAK = re.compile(r"[，、；;。！？!?：:]|,(?!\d{3})")
_SENTENCE_BREAK = re.compile(r"[。；;！？!?]")
_DEADLINE = re.compile(r"[到至]\s*(20\d\d)\s*年(?!\s*\d{1,2}\s*月)")
_COMPARATOR_WORDS = re.compile(r"(不少于|不低于|至少|超过|多于|约|左右|以上)$")


@dataclass(frozen=True)
class DraftItem:
    """One drafted target: what the text says, and our reading of it."""

    text_zh: str
    section: str
    paragraph: int
    start: int  # the clause's place in its paragraph's text
    end: int
    comparator: Comparator
    min: float
    max: float | None
    unit: str
    kind: Kind
    kind_reason: str  # the word that decided the kind; "" when none did
    deadline: date | None
    deadline_reason: str  # "到2026年", or "" for the plan's end
    confidence: float
    qualifiers: tuple[str, ...]
    metric: str  # an existing metric code whose name the clause matches, or ""
    name_zh: str  # the thing counted, as a metric name for the reviewer


@dataclass(frozen=True)
class SupportMeasure:
    """A sentence granting money: amounts in yuan, shares in percent."""

    text_zh: str
    section: str
    paragraph: int
    start: int
    end: int
    yuan: tuple[float, ...]
    percent: tuple[float, ...]
    capped: bool


@dataclass(frozen=True)
class Draft:
    facts: PlanFacts
    text: str  # the document as drafted from (logical lines)
    paragraphs: tuple[Paragraph, ...]
    items: tuple[DraftItem, ...]
    support: tuple[SupportMeasure, ...]
    #: The numbered tasks and measures with their responsible units (kpi.drafting.tasks).
    tasks: tuple[DraftTask, ...] = ()


def _spans(text: str, pattern: re.Pattern) -> list[tuple[int, int]]:
    """(start, end) of the pieces between breaks, surrounding spaces trimmed."""
    spans, start = [], 0
    for match in [*pattern.finditer(text), None]:
        end = match.start() if match else len(text)
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip())
        if piece.strip():
            spans.append((start + lead, start + len(piece.rstrip())))
        start = match.end() if match else end
    return spans


def _nearest(text: str, words: tuple[str, ...], before: int) -> tuple[int, str] | None:
    """The last of ``words`` ending at or before ``before``: (position, word)."""
    found = [(text.rfind(w, 0, before), w) for w in words]
    found = [(pos, w) for pos, w in found if pos >= 0 and pos + len(w) <= before]
    return max(found) if found else None


def guess_kind(sentence: str, clause: tuple[int, int], number_at: int) -> tuple[Kind, str]:
    """Flow or level from the nearest telling word before the number in its clause, then
    after it, then earlier in the sentence (a list: 布局5个…、2个…); flow with no reason
    when no word tells. Positions are offsets in ``sentence``."""
    words = {w: "level" for w in LEVEL_WORDS} | {w: "flow" for w in FLOW_WORDS}
    keys = tuple(words)
    near = _nearest(sentence[clause[0] :], keys, number_at - clause[0])
    if near is None:
        after = sorted((sentence.find(w, number_at, clause[1]), w) for w in keys)
        hits = [(pos, w) for pos, w in after if pos >= 0]
        near = hits[0] if hits else _nearest(sentence, keys, clause[0])
    if near is None:
        return "flow", ""
    return words[near[1]], near[1]  # type: ignore[return-value]


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def suggest_metric(clause: str, metrics: tuple[Metric, ...]) -> tuple[str, float]:
    """The metric whose Chinese name's character pairs the clause holds most of."""
    best = ("", 0.0)
    pairs = _bigrams(clause)
    for metric in metrics:
        name = _bigrams(metric.name_zh)
        score = len(name & pairs) / len(name) if name else 0.0
        if score > best[1] or (score == best[1] > 0 and len(metric.code) < len(best[0])):
            best = (metric.code, round(score, 2))
    return best if best[1] >= SUGGEST_SCORE else ("", best[1])


def _name_guess(clause: str, quantity: Quantity, local_end: int) -> str:
    """The thing counted: after the number (last 的 phrase), else the words before it."""
    after = clause[local_end:].strip().lstrip("的")
    name = after.rsplit("的", 1)[-1].strip()
    if not name:
        before = clause[: quantity.start].strip()
        name = _COMPARATOR_WORDS.sub("", before).strip()
    return name


def _confidence(quantity: Quantity, kind_reason: str, deadline_reason: str) -> float:
    score = 0.5 + 0.2 * quantity.explicit + 0.15 * bool(kind_reason)
    score += 0.15 * bool(deadline_reason) - 0.2 * quantity.scale
    return round(min(1.0, max(0.1, score)), 2)


@dataclass
class _Context:
    """What earlier paragraphs of the same section said: the deadline year."""

    section: tuple[str, ...] = ()
    deadline_year: int | None = None


def _deadline(context: _Context, paragraph_text: str, before: int, plan_end: date | None):
    years = [int(m[1]) for m in _DEADLINE.finditer(paragraph_text, 0, before)]
    year = years[-1] if years else context.deadline_year
    if year is None:
        return plan_end, ""
    return date(year, 12, 31), f"到{year}年"


def _sentence_items(
    paragraph: Paragraph,
    sentence: tuple[int, int],
    context: _Context,
    facts: PlanFacts,
    metrics: tuple[Metric, ...],
) -> list[DraftItem]:
    text = paragraph.text
    items = []
    for start, end in _spans(text[sentence[0] : sentence[1]], _CLAUSE_BREAK):
        start, end = start + sentence[0], end + sentence[0]
        clause = text[start:end]
        quantities, qualifiers = find_numbers(clause)
        for quantity in quantities or find_money_targets(clause):
            kind, reason = guess_kind(
                text[sentence[0] : sentence[1]],
                (start - sentence[0], end - sentence[0]),
                start - sentence[0] + quantity.start,
            )
            if quantity.scale and kind == "flow":  # 百亩级试验田: the size of one thing
                kind, reason = "level", clause[quantity.start : quantity.end]
            if quantity.unit in ("亿元", "万元"):  # an amount reached in a year: a level
                kind = "level"
                reason = next(w for w in MONEY_MEASURES if w in clause[: quantity.start])
            deadline, deadline_reason = _deadline(context, text, start, facts.end)
            code, _ = suggest_metric(clause, metrics)
            unit = quantity.unit or next((m.unit_zh for m in metrics if m.code == code), "个")
            items.append(
                DraftItem(
                    text_zh=clause,
                    section=paragraph.section,
                    paragraph=paragraph.index,
                    start=start,
                    end=end,
                    comparator=quantity.comparator,
                    min=quantity.min,
                    max=quantity.max,
                    unit=unit,
                    kind=kind,
                    kind_reason=reason,
                    deadline=deadline,
                    deadline_reason=deadline_reason,
                    confidence=_confidence(quantity, reason, deadline_reason),
                    qualifiers=tuple(q.text for q in qualifiers),
                    metric=code,
                    name_zh=_name_guess(clause, quantity, quantity.end),
                )
            )
    return items


def _support(paragraph: Paragraph, sentence: tuple[int, int]) -> SupportMeasure | None:
    text = paragraph.text[sentence[0] : sentence[1]]
    money = find_money(text)
    if not money.any or not (money.capped or any(word in text for word in SUPPORT_WORDS)):
        return None
    return SupportMeasure(
        text,
        paragraph.section,
        paragraph.index,
        *sentence,
        money.yuan,
        money.percent,
        money.capped,
    )


def _dedupe(items: list[DraftItem]) -> list[DraftItem]:
    """One item per clause and number; a news lead repeating the goals loses to the
    copy under a heading."""
    best: dict[tuple, DraftItem] = {}
    for item in items:
        key = (item.text_zh, item.min, item.max)
        if key not in best or len(item.section) > len(best[key].section):
            best[key] = item
    return sorted(best.values(), key=lambda i: (i.paragraph, i.start))


def draft_text(text: str, metrics: tuple[Metric, ...] = ()) -> Draft:
    """Draft the numeric commitments and support measures of a policy text."""
    facts = plan_facts(text)
    paras = paragraphs(text)
    items: list[DraftItem] = []
    support: list[SupportMeasure] = []
    context = _Context()
    for paragraph in paras:
        if paragraph.headings[:2] != context.section:  # a new part or section
            context = _Context(paragraph.headings[:2])
        for sentence in _spans(paragraph.text, _SENTENCE_BREAK):
            measure = _support(paragraph, sentence)
            if measure is not None:
                support.append(measure)
            else:
                items += _sentence_items(paragraph, sentence, context, facts, metrics)
        if years := _DEADLINE.findall(paragraph.text):
            context.deadline_year = int(years[-1])
    tasks = tuple(draft_tasks(text))
    return Draft(
        facts, normal_text(text), tuple(paras), tuple(_dedupe(items)), tuple(support), tasks
    )
