"""Traditional characters: texts published in traditional characters (a mirror of a
government page, a Hong Kong news report) are converted to simplified ones for matching
with OpenCC; the text shown and kept stays as published.

Some mirrors also print a pinyin reading after a character, 發(fā) 產(chǎn): those
annotations are removed before the conversion (OpenCC keeps them).
"""

from __future__ import annotations

import re
from functools import cache

import opencc

#: A reading in brackets after a CJK character: (fā), (chǎn), (yè).
_PINYIN = re.compile(r"(?<=[\u3400-\u9fff])[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]{1,7}[)）]")


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def strip_readings(text: str) -> str:
    """``text`` without inline pinyin readings (發(fā) -> 發)."""
    return _PINYIN.sub("", text)


def to_simplified(text: str) -> str:
    """``text`` in simplified characters, readings removed; a simplified text comes back
    unchanged (apart from readings)."""
    return _converter().convert(strip_readings(text))


def is_traditional(text: str) -> bool:
    """True when converting changes enough of the text to say it is written in
    traditional characters (not a stray character or two)."""
    plain = strip_readings(text)
    changed = sum(a != b for a, b in zip(plain, to_simplified(plain), strict=False))
    return changed >= max(3, len(plain) // 100)


def published_span(published: str, simplified: str) -> str:
    """The piece of ``published`` whose simplified reading is ``simplified`` (readings
    inside it kept as published); ``simplified`` itself when it cannot be found."""
    kept = [i for i, _ in enumerate(published)]
    for match in reversed(list(_PINYIN.finditer(published))):
        del kept[match.start() : match.end()]
    plain = "".join(published[i] for i in kept)
    converted = to_simplified(plain)
    at = converted.find(simplified) if len(converted) == len(plain) else -1
    if at < 0 or not simplified:
        return simplified
    return published[kept[at] : kept[at + len(simplified) - 1] + 1]
