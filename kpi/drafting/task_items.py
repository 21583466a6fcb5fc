"""Draft a plan's tasks and their responsible units from its text.

A task is a numbered item (1. / （一）) with a body paragraph. Where the text assigns
units at all (a trailing （责任单位：A、B、C）, or 牵头单位/配合单位), the items naming
units are the tasks; a text naming none (a news repost) gives the numbered items of its
task and measure parts (重点任务, 主要任务, 保障措施, 政策措施 …). Items of a part or an
annex about measures (措施) are measures, the others tasks. The unit named first leads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from kpi.domain.catalog import Catalog, TaskKind
from kpi.domain.task_rules import normal_unit, split_units
from kpi.drafting.document import Paragraph, paragraphs

#: The trailing unit assignment of a paragraph: （责任单位：…） or （牵头单位：…；配合单位：…）.
_UNITS = re.compile(
    r"[(（]\s*((?:责任单位|责任部门|牵头单位|主责单位)\s*[:：]"
    r"(?:[^()（）]|[(（][^()（）]*[)）])*)[)）]\s*[。.]?\s*$"
)
_UNIT_KEY = re.compile(r"(?:责任单位|责任部门|牵头单位|主责单位|配合单位|参与单位)\s*[:：]")
_TASK_PARTS = ("任务", "措施", "举措", "工作")
_ITEM_NUMBER = re.compile(r"^\s*(?:(\d{1,2})\s*[.．、]|[(（]\s*([一二三四五六七八九十]+)\s*[)）])")
_CN_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}
_WIDE = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）"})


@dataclass(frozen=True)
class DraftTask:
    """One drafted task: the text's own words, and its units in the text's order."""

    kind: TaskKind
    number: int
    section: str
    title_zh: str
    text_zh: str
    units: tuple[str, ...]
    paragraph: int


def chinese_number(text: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20 (the numbers of headings)."""
    if "十" not in text:
        return _CN_DIGITS.get(text, 0)
    tens, _, ones = text.partition("十")
    return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + _CN_DIGITS.get(ones, 0)


def _number(heading: str) -> int:
    found = _ITEM_NUMBER.match(heading)
    if not found:
        return 0
    return int(found[1]) if found[1] else chinese_number(found[2])


def _title(heading: str) -> str:
    """The lead phrase without its number, in the catalog's punctuation."""
    body = _ITEM_NUMBER.sub("", heading, count=1)
    return re.sub(r"\s+", "", body.translate(_WIDE)).rstrip("。.")


def units_of(text: str) -> tuple[str, tuple[str, ...]]:
    """(the paragraph without its unit trailer, the units in order, lead first)."""
    found = _UNITS.search(text)
    if not found:
        return text, ()
    listing = _UNIT_KEY.sub("；", found[1])
    units = list(dict.fromkeys(split_units(listing)))
    return text[: found.start()].rstrip(), tuple(units)


def _item_heading(paragraph: Paragraph) -> tuple[int, str] | None:
    """(level, heading) of the innermost numbered heading (section or item) over a
    paragraph, None under a part heading only."""
    for level in (2, 1):
        if paragraph.headings[level]:
            return level, paragraph.headings[level]
    return None


def _kind(part: str, annex_title: str) -> TaskKind:
    measure = "措施" in part or part.startswith("附件") or "措施" in annex_title
    return "measure" if measure else "task"


def _section(paragraph: Paragraph, level: int, annex_title: str) -> str:
    part, section = paragraph.headings[0], paragraph.headings[1] if level == 2 else ""
    if part.startswith("附件"):
        part = annex_title or part
    return f"{part}{section}"


_ANNEX_TITLE = re.compile(r"^\s*附\s*件\s*\d*\s*[:：]\s*(\S.{3,60}?)\s*$", re.M)


def _candidates(text: str) -> list[tuple[Paragraph, int, str, str]]:
    """(first paragraph, heading level, heading, annex title) per numbered item."""
    seen: set[tuple[str, ...]] = set()
    out = []
    named = _ANNEX_TITLE.search(text)  # 附件：<title>, as the annex list names it
    annex_title = "附件：" + re.sub(r"\s+", "", named[1]) if named else ""
    for paragraph in paragraphs(text):
        item = _item_heading(paragraph)
        if item is None or paragraph.headings in seen:
            continue
        seen.add(paragraph.headings)
        annex = annex_title if paragraph.headings[0].startswith("附件") else ""
        out.append((paragraph, item[0], item[1], annex))
    return out


def draft_tasks(text: str) -> list[DraftTask]:
    """The tasks and measures of a policy text, in the text's order."""
    tasks = []
    for paragraph, level, heading, annex in _candidates(text):
        body, units = units_of(paragraph.text.strip())
        tasks.append(
            DraftTask(
                kind=_kind(paragraph.headings[0], annex),
                number=_number(heading),
                section=_section(paragraph, level, annex),
                title_zh=_title(heading),
                text_zh=body.strip(),
                units=units,
                paragraph=paragraph.index,
            )
        )
    if any(task.units for task in tasks):
        return [task for task in tasks if task.units]
    return [
        task
        for task in tasks
        if any(word in task.section[:12] for word in _TASK_PARTS) and task.number
    ]


@dataclass(frozen=True)
class DraftUnit:
    """A unit the drafted tasks name, with the catalog's code for it when it has one."""

    name_zh: str
    code: str
    known: bool


def draft_units(
    tasks: Iterable[DraftTask], jurisdiction: str, catalog: Catalog | None = None
) -> list[DraftUnit]:
    """Every unit the tasks name, once, in order of first mention; a unit the catalog
    already holds for the jurisdiction keeps its code, a new one gets ``<JUR>.uNN``."""
    known = {(u.jurisdiction, u.name_zh): u.code for u in (catalog.units if catalog else ())}
    names = list(dict.fromkeys(normal_unit(n) for task in tasks for n in task.units))
    out, fresh = [], 0
    for name in names:
        code = known.get((jurisdiction, name))
        if code is None:
            fresh += 1
            code = f"{jurisdiction or 'X'}.u{fresh:02d}"
        out.append(DraftUnit(name, code, (jurisdiction, name) in known))
    return out
