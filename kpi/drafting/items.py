"""Draft a plan's numeric commitments from its text: the items a reviewer confirms.

Each counted quantity (不少于5个, 3至5家, 约1万株) in a clause becomes an item with the
clause verbatim, its section, comparator and bounds, a kind guess with the word that
decided it, the deadline and a confidence. Sentences that grant money (最高不超过500万元,
给予30%补助) are support measures, listed apart and never targets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from kpi.domain.catalog import Comparator, Kind, Metric
from kpi.drafting.document import Paragraph, PlanFacts, normal_text, paragraphs, plan_facts
from kpi.drafting.numbers import (
    MONEY_MEASURES,
    Quantity,
    find_money,
    find_money_targets,
    find_numbers,
    find_shares,
)
from kpi.drafting.script import is_traditional, published_span, to_simplified
from kpi.drafting.task_items import DraftTask, draft_tasks

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
_CLAUSE_BREAK = re.compile(r"[，；;。！？!?：:]|(?<!\d),|,(?!\d{3})")
_LIST_BREAK = re.compile(r"、")
#: A piece of a 、 list this short names the thing counted (瞪羚、专精特新、…企业30家);
#: a longer one is a commitment of its own.
_LIST_NAME_CHARS = 10
_SENTENCE_BREAK = re.compile(r"[。；;！？!?]")
#: 到2027年, 至2030年, and the outlook years 展望2028年, 远期2035年.
_DEADLINE = re.compile(r"(?:[到至]|展望|远景|远期)\s*(20\d\d)\s*年(?!\s*\d{1,2}\s*月)")
#: A figure of a year gone by, stated beside the targets (2023年实现产值250多亿元), or of
#: today (拥有…企业260余家): a baseline for the reviewer, never a target.
_BASELINE = re.compile(
    r"(?<![到至望期])(?P<year>20\d\d)\s*年(?:底|末|全年)?\s*(?:已|共|全市|全区|全省)?"
    r"\s*(?:实现|完成|达到|达|为|有|拥有|集聚|聚集)"
    r"|(?:拥有|已有|现有|已集聚|目前|截至目前)"
)
#: A draft published for comment.
DRAFT_WORDS = ("征求意见稿", "公开征求意见", "送审稿")
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
    #: The clause in simplified characters, as matched (equal to text_zh unless the
    #: text is published in traditional characters; text_zh is kept as published).
    text_simplified: str = ""
    #: An outlook year beyond the plan's end (到2035年, 展望2028年): a milestone.
    outlook: bool = False


@dataclass(frozen=True)
class Baseline:
    """A figure the text states of a past year or of today, beside its targets."""

    text_zh: str
    section: str
    paragraph: int
    year: int | None
    value: float
    unit: str
    comparator: Comparator


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
    text: str  # the document as drafted from (logical lines, simplified characters)
    paragraphs: tuple[Paragraph, ...]
    items: tuple[DraftItem, ...]
    support: tuple[SupportMeasure, ...]
    #: The numbered tasks and measures with their responsible units (kpi.drafting.task_items).
    tasks: tuple[DraftTask, ...] = ()
    baselines: tuple[Baseline, ...] = ()
    #: A draft for comment (征求意见稿): its targets may change before it is issued.
    is_draft: bool = False
    #: The text is in traditional characters (matched after conversion with OpenCC).
    traditional: bool = False


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


def _has_quantity(piece: str) -> bool:
    return bool(find_numbers(piece)[0] or find_money_targets(piece) or find_shares(piece))


def _clauses(text: str) -> list[tuple[int, int]]:
    """The clauses of a sentence: split at commas and the like; at 、 only between
    pieces that each hold a number (布局5个…、2个…), so that a list naming the thing
    counted stays whole (瞪羚、专精特新、科技领军企业总计突破30家)."""
    out = []
    for start, end in _spans(text, _CLAUSE_BREAK):
        groups: list[list[tuple[int, int]]] = []
        pending: list[tuple[int, int]] = []
        for s0, e0 in _spans(text[start:end], _LIST_BREAK):
            piece = (start + s0, start + e0)
            if _has_quantity(text[piece[0] : piece[1]]):
                named = all(e - s <= _LIST_NAME_CHARS for s, e in pending)
                groups += [[*pending, piece]] if named else [*([p] for p in pending), [piece]]
                pending = []
            else:
                pending.append(piece)
        if pending:
            if groups and all(e - s <= _LIST_NAME_CHARS for s, e in pending):
                groups[-1] += pending
            else:
                groups += [[p] for p in pending]
        out += [(g[0][0], g[-1][1]) for g in groups]
    return out


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
    for start, end in _clauses(text[sentence[0] : sentence[1]]):
        start, end = start + sentence[0], end + sentence[0]
        clause = text[start:end]
        quantities, qualifiers = find_numbers(clause)
        for quantity in quantities or find_money_targets(clause) or find_shares(clause):
            kind, reason = guess_kind(
                text[sentence[0] : sentence[1]],
                (start - sentence[0], end - sentence[0]),
                start - sentence[0] + quantity.start,
            )
            if quantity.scale and kind == "flow":  # 百亩级试验田: the size of one thing
                kind, reason = "level", clause[quantity.start : quantity.end]
            if quantity.unit in ("亿元", "万元"):  # output value, revenue: a year's amount
                kind = "annual"
                reason = next(w for w in MONEY_MEASURES if w in clause[: quantity.start])
            elif quantity.unit == "%":  # a share at the deadline
                kind, reason = "level", "%"
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
                    text_simplified=clause,
                    outlook=bool(
                        deadline and facts.end and deadline_reason and deadline > facts.end
                    ),
                )
            )
    return items


def _baselines(paragraph: Paragraph, sentence: tuple[int, int]) -> list[Baseline]:
    """The figures of a sentence stating what a past year or today reached."""
    text = paragraph.text[sentence[0] : sentence[1]]
    found = _BASELINE.search(text)
    if found is None or _DEADLINE.search(text, 0, found.start() + 1):
        return []
    out = []
    for start, end in _clauses(text):
        clause = text[start:end]
        quantities = find_numbers(clause)[0] or find_money_targets(clause) or find_shares(clause)
        year = _BASELINE.search(clause)
        for q in quantities:
            out.append(
                Baseline(
                    clause,
                    paragraph.section,
                    paragraph.index,
                    int(year["year"]) if year and year["year"] else None,
                    q.min,
                    q.unit,
                    q.comparator,
                )
            )
    return out


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
    copy under a heading, and an excerpt cut short (20家左右营收五十) to the whole clause."""
    best: dict[tuple, DraftItem] = {}
    for item in items:
        key = (_plain(item), item.min, item.max)
        if key not in best or len(item.section) > len(best[key].section):
            best[key] = item
    whole = [(_plain(i), i.min, i.max) for i in best.values()]
    kept = [
        i
        for i in best.values()
        if not any(
            text != _plain(i) and text.startswith(_plain(i)) and (low, high) == (i.min, i.max)
            for text, low, high in whole
        )
    ]
    return sorted(kept, key=lambda i: (i.paragraph, i.start))


def _plain(item: DraftItem) -> str:
    return re.sub(r"\s+", "", item.text_simplified or item.text_zh)


def draft_text(text: str, metrics: tuple[Metric, ...] = ()) -> Draft:
    """Draft the numeric commitments, support measures and baselines of a policy text.

    A text in traditional characters is converted with OpenCC (readings such as 發(fā)
    removed) and drafted in simplified characters; each item's ``text_zh`` is its clause
    as published. A draft for comment (征求意见稿) says so (``is_draft``). The same clause
    quoted twice (a news lead repeating the goals, a mirror beside a quote) is drafted once.
    """
    published = text
    traditional = is_traditional(text)
    if traditional:
        text = to_simplified(text)
    facts = plan_facts(text)
    paras = paragraphs(text)
    items: list[DraftItem] = []
    support: list[SupportMeasure] = []
    baselines: list[Baseline] = []
    context = _Context()
    for paragraph in paras:
        if paragraph.headings[:2] != context.section:  # a new part or section
            context = _Context(paragraph.headings[:2])
        for sentence in _spans(paragraph.text, _SENTENCE_BREAK):
            measure = _support(paragraph, sentence)
            stated = _baselines(paragraph, sentence) if measure is None else []
            if measure is not None:
                support.append(measure)
            elif stated:
                baselines += stated
            else:
                items += _sentence_items(paragraph, sentence, context, facts, metrics)
        if years := _DEADLINE.findall(paragraph.text):
            context.deadline_year = int(years[-1])
    drafted = _dedupe(items)
    if traditional:
        drafted = [replace(i, text_zh=published_span(published, i.text_zh)) for i in drafted]
    is_draft = any(word in facts.title or word in text[:2000] for word in DRAFT_WORDS)
    tasks = tuple(draft_tasks(text))
    return Draft(
        facts,
        normal_text(text),
        tuple(paras),
        tuple(drafted),
        tuple(support),
        tasks,
        tuple(baselines),
        is_draft,
        traditional,
    )
