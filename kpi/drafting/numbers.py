"""Numbers in Chinese policy prose: numerals, counted quantities, scale qualifiers, money.

Chinese numerals and multipliers (一万, 10万, 百) are read by cn2an; this module only
says where a number stands and what surrounds it (unit, comparator words, 级).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import cn2an

from kpi.domain.catalog import Comparator

#: Measure words of counted things a plan commits to. Time (年, 月, 次), money (元) and
#: physical units (升, 吨, 平方公里) are not counts.
COUNT_UNITS = "家个株项亩名人位所座条种款套台件篇支例"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CN_NUMERAL = "零〇一二两三四五六七八九十百千万亿"
#: A number: Arabic digits with optional Chinese multipliers, or a Chinese numeral.
NUMBER = rf"(?:(?:{_DIGITS})\s*[十百千万亿]*|[{_CN_NUMERAL}]+)"
_AT_LEAST_BEFORE = ("不少于", "不低于", "至少", "超过", "多于", "逾", "突破", "达到", "超", "迈上")
_APPROX_BEFORE = ("约", "近", "大约")
_AT_LEAST_AFTER = ("以上", "余", "多")
_APPROX_AFTER = ("左右", "上下")
_AT_MOST_BEFORE = ("不超过", "不多于", "最多", "至多", "不高于")
_RANGE_JOIN = r"[-－—–~～至到]"
# A count may be a scale "of the order of" (百万级以上) only after these words.
_SCALE_COUNT_BEFORE = ("库容", "容量", "规模", "数量", "总量")
# 同一项目, 第一个, 唯一: a numeral that is part of a word, not a count.
_NOT_A_COUNT_BEFORE = "同第唯统单每逐其"

_QUANTITY = re.compile(
    rf"(?P<a>{NUMBER})\s*(?:(?P<join>{_RANGE_JOIN})\s*(?P<b>{NUMBER})\s*)?"
    rf"(?P<mid>余|多)?(?P<unit>[{COUNT_UNITS}])(?!目)(?P<post>以上|余|多|左右|上下)?"
)
_SCALE = re.compile(rf"(?P<a>{NUMBER})\s*(?P<unit>[^\s\d{_CN_NUMERAL}，,、。；;]{{0,2}}?)级")
_MONEY = re.compile(rf"(?P<a>{NUMBER})\s*(?P<unit>万元|亿元|元)")
_PERCENT = re.compile(rf"(?P<a>{_DIGITS})\s*[%％]|百分之(?P<b>[{_CN_NUMERAL}]+)")


def parse_number(text: str) -> float | None:
    """The value of an Arabic or Chinese numeral with multipliers, or None if it is not one.

    >>> parse_number("10万"), parse_number("百"), parse_number("一万")
    (100000, 100, 10000)
    """
    cleaned = re.sub(r"[\s,]", "", text)
    if not cleaned:
        return None
    if cleaned[0] in "十百千万亿":  # 百家, 万株: a leading multiplier means one of it
        cleaned = ("" if cleaned[0] == "十" else "一") + cleaned
    try:
        value = float(cn2an.cn2an(cleaned, "smart"))
    except (ValueError, KeyError, IndexError):
        return None
    return int(value) if value.is_integer() else value


@dataclass(frozen=True)
class Quantity:
    """A counted number in a clause: comparator, bounds, unit and where it stands."""

    comparator: Comparator
    min: float
    max: float | None
    unit: str
    start: int
    end: int
    explicit: bool  # a comparator word or a range, not a bare number
    scale: bool = False  # written as an order of magnitude (百万级以上)


@dataclass(frozen=True)
class Qualifier:
    """A number that describes the thing counted (百亿级, 千升级), not how many."""

    text: str
    start: int
    end: int


def _comparator(clause: str, start: int, end: int, post: str, is_range: bool) -> tuple:
    """(comparator, explicit) from the words around a number; None for a cap (不超过)."""
    before = clause[max(0, start - 4) : start].rstrip()
    if is_range:
        return "range", True
    if before.endswith(_AT_MOST_BEFORE):
        return None, True
    if before.endswith(_APPROX_BEFORE) or post in _APPROX_AFTER:
        return "approx", True
    if before.endswith(_AT_LEAST_BEFORE) or post in _AT_LEAST_AFTER:
        return "at_least", True
    return "at_least", False


def _is_word_part(clause: str, start: int, number: str) -> bool:
    """True for 同一项, 第一个: a Chinese numeral glued to the word before it; and for a
    name in quotes (“十项行动”, a campaign's name, not a count)."""
    if start > 0 and clause[start - 1] in '“「『"':
        return True
    return start > 0 and clause[start - 1] in _NOT_A_COUNT_BEFORE and not number[0].isdigit()


def _counted(clause: str, match: re.Match) -> Quantity | None:
    a = parse_number(match["a"])
    b = parse_number(match["b"]) if match["b"] else None
    if a is None or (match["b"] and b is None) or _is_word_part(clause, match.start(), match["a"]):
        return None
    post = match["post"] or match["mid"] or ""
    comparator, explicit = _comparator(clause, match.start(), match.end(), post, b is not None)
    if comparator is None:
        return None
    if b is not None and b < a:
        return None
    return Quantity(comparator, a, b, match["unit"], match.start(), match.end(), explicit)


def _scaled(clause: str, match: re.Match) -> Quantity | Qualifier:
    """百万级以上 after 库容 is a count; 百亩级 a count of 亩; 百亿级, 千升级 qualify a noun."""
    value, unit = parse_number(match["a"]), match["unit"]
    counted_unit = len(unit) == 1 and unit in COUNT_UNITS
    after_count_word = clause[: match.start()].rstrip().endswith(_SCALE_COUNT_BEFORE)
    if value is None or not (counted_unit or (not unit and after_count_word)):
        return Qualifier(match.group(0), match.start(), match.end())
    post = "以上" if clause.startswith("以上", match.end()) else ""
    end = match.end() + len(post)
    return Quantity("at_least", value, None, unit, match.start(), end, bool(post), scale=True)


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in taken)


def find_numbers(clause: str) -> tuple[list[Quantity], list[Qualifier]]:
    """Counted quantities and scale qualifiers in a clause, in reading order."""
    quantities: list[Quantity] = []
    qualifiers: list[Qualifier] = []
    taken: list[tuple[int, int]] = []
    for match in _SCALE.finditer(clause):
        found = _scaled(clause, match)
        if isinstance(found, Quantity):
            quantities.append(found)
        else:
            qualifiers.append(found)
        taken.append((found.start, found.end))
    for match in _QUANTITY.finditer(clause):
        if _overlaps(match.span(), taken):
            continue
        if (quantity := _counted(clause, match)) is not None:
            quantities.append(quantity)
    return sorted(quantities, key=lambda q: q.start), qualifiers


def find_money_targets(clause: str) -> list[Quantity]:
    """Amounts a plan commits to reach (产业规模达到1000亿元), in 亿元 or 万元; an amount
    that describes something (年销售收入超过10亿元的企业) is not one."""
    found = []
    for match in _MONEY_TARGET.finditer(clause):
        value = parse_number(match["a"])
        if value is None:
            continue
        yuan = value * _YUAN[match["unit"]]
        unit, size = ("亿元", 100_000_000) if yuan >= 100_000_000 else ("万元", 10_000)
        post = match["post"] or match["mid"] or ""
        start, end = match.start("a"), match.end()
        comparator, explicit = _comparator(clause, start, end, post, False)
        if comparator is not None:
            amount = yuan / size
            amount = int(amount) if float(amount).is_integer() else amount
            found.append(Quantity(comparator, amount, None, unit, start, end, explicit))
    return found


def find_shares(clause: str) -> list[Quantity]:
    """Percentages a plan commits to reach (核心菌种自主率达到40%左右), unit "%"; a share
    granted (给予30%补助) has no verb of reaching and is not one."""
    found = []
    for match in _SHARE.finditer(clause):
        value = parse_number(match["a"])
        if value is None:
            continue
        start, end, post = match.start("a"), match.end(), match["post"] or ""
        comparator, _ = _comparator(clause, start, end, post, False)
        if comparator is not None:  # a verb of reaching came first: explicit
            found.append(Quantity(comparator, value, None, "%", start, end, True))
    return found


@dataclass(frozen=True)
class Money:
    """Amounts of money (in yuan) and shares (in percent) named in a sentence."""

    yuan: tuple[float, ...]
    percent: tuple[float, ...]
    capped: bool  # 最高 / 不超过: the amounts are ceilings

    @property
    def any(self) -> bool:
        return bool(self.yuan or self.percent)


_YUAN = {"元": 1, "万元": 10_000, "亿元": 100_000_000}
#: Words naming an amount of money a plan commits to reach (not a grant).
MONEY_MEASURES = ("产业规模", "规模", "产值", "营业收入", "营收", "收入", "销售额", "总额", "产出")
_MONEY_TARGET = re.compile(
    rf"(?P<measure>{'|'.join(MONEY_MEASURES)})[^，,、。；;\d]{{0,6}}?"
    rf"(?P<a>{NUMBER})\s*(?P<mid>多|余)?(?P<unit>万元|亿元|元)(?P<post>以上|左右)?(?!\s*的)"
)
#: A share a plan commits to (自主率达到40%左右): a percentage after a verb of reaching.
_SHARE = re.compile(
    rf"(?P<verb>达到|提高到|提升到|提升至|提高至|超过|不低于|不少于|保持在|达|超)\s*"
    rf"(?P<a>{_DIGITS})\s*[%％](?P<post>以上|左右)?"
)


def find_money(sentence: str) -> Money:
    """Money amounts and percentages in a sentence (100万元 → 1,000,000 yuan)."""
    yuan = []
    for match in _MONEY.finditer(sentence):
        value = parse_number(match["a"])
        if value is not None:
            yuan.append(value * _YUAN[match["unit"]])
    percent = []
    for match in _PERCENT.finditer(sentence):
        value = parse_number(match["a"] or match["b"])
        if value is not None:
            percent.append(value)
    capped = any(word in sentence for word in ("最高", *_AT_MOST_BEFORE))
    return Money(tuple(yuan), tuple(percent), capped)
