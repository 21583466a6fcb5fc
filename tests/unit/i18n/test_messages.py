"""Every message is complete in both languages: present, the same placeholders (one
scanner, one rule), Chinese in the Chinese text, no exception class names or codec
words, and it formats; messages built from parts (catalog validation, the browser
check) are ours in both languages too. Whether the code and the table agree (every key
asked for exists, every message used) is tests/unit/i18n/test_i18n.py.
"""

from __future__ import annotations

import re
import string

import pytest

from kpi.i18n import STRINGS, t
from kpi.present.locale import locale

JARGON = re.compile(
    r"\b\w*(Error|Exception)\b|BadZipFile|Traceback|codec|errno|OutOfBounds|NoneType|nan\b"
)
CJK = re.compile(r"[\u4e00-\u9fff]")
#: Texts that are the same in both languages on purpose (names, symbols, formats).
NEUTRAL = re.compile(r"^[\s\W\d{}_a-zA-Z/%·\-–—×:,.()]*$")
#: The count a singular form (a key ending "_one") may spell out in one language
#: ("1 target") and fill in the other ("{n} 项目标").
SINGULAR_COUNTS = {"n", "count"}


def placeholders(text: str) -> set[str]:
    """The names of a message's placeholders: "{n:,} of {total}" -> {"n", "total"}."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def placeholders_not_shared(key: str) -> set[str]:
    """The placeholders one language of ``key`` takes and the other does not: none,
    except the count a singular form spells out."""
    zh, en = STRINGS[key]
    differ = placeholders(zh) ^ placeholders(en)
    return differ - SINGULAR_COUNTS if key.endswith("_one") else differ


def test_a_misspelt_or_missing_placeholder_is_found() -> None:
    assert placeholders("{n:,} 项，共 {total!r} 项") == {"n", "total"}
    assert placeholders("{{literal}} braces") == set()
    assert placeholders_not_shared("headline.sentence_one") == set()  # zh fills in {n}


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_every_message_is_complete_in_both_languages(key: str) -> None:
    zh, en = STRINGS[key]
    assert zh.strip() and en.strip()
    assert placeholders_not_shared(key) == set(), "the two languages take different parameters"
    assert CJK.search(zh) or NEUTRAL.match(zh), f"no Chinese in the Chinese text: {zh!r}"
    for text in (zh, en):
        assert not JARGON.search(text), f"programmer's words in a message: {text!r}"
    params = dict.fromkeys(placeholders(en) | placeholders(zh), 1)  # 1 fits "{n:,}" and "{x}"
    assert t(key, "zh", **params) and t(key, "en", **params)  # formats without error


# ---- messages built from parts: catalog validation and the browser check ----------------
#: Words of the validation library or of Python that must never reach a reader.
LIBRARY_WORDS = re.compile(
    r"Input should|validation error|pydantic|Value error|type=|Field required|Extra inputs"
    r"|Assertion|Traceback|\b\w*(Error|Exception)\b",
    re.I,
)
#: Values that break some field of every entry kind: wrong types, bad numbers, bad codes.
WRONG_VALUES = [{}, [], "x y:z", "", 1.5, -1, 0, True, float("nan"), float("inf"), "2024-13-45"]


def _shipped_entries() -> dict[str, dict]:
    import tomllib

    from kpi.domain.catalog import DEFAULT_CATALOG

    raw = tomllib.loads(DEFAULT_CATALOG.read_text(encoding="utf-8"))
    return {section: entries[0] for section, entries in raw.items()}


def _told(problem, code: str | None = None) -> None:
    """A catalog problem in both languages: our words, Chinese in the Chinese text."""
    assert problem.code.startswith("catalog_") and problem.key in STRINGS, problem
    zh, en = locale("zh").describe(problem), locale("en").describe(problem)
    assert CJK.search(zh), zh
    for text in (zh, en):
        assert not LIBRARY_WORDS.search(text), text
        assert code is None or code in text, (code, text)


@pytest.mark.parametrize("section", ["families", "jurisdictions", "plans", "metrics", "targets"])
def test_every_field_error_of_a_catalog_entry_is_ours_in_both_languages(section):
    """Each field of each entry kind given each wrong value: every problem found is
    told by a catalog message (never the library's fallback), naming entry and field."""
    from kpi.domain.catalog import SECTIONS, entry_problems

    base = _shipped_entries()[section]
    assert entry_problems(section, base) == []
    seen = set()
    for field in [*SECTIONS[section].model_fields, "colour"]:
        for value in WRONG_VALUES:
            for problem in entry_problems(section, {**base, field: value}):
                _told(problem)
                assert problem.code != "catalog_field_invalid", (field, value, problem)
                seen.add(problem.code)
            for problem in entry_problems(section, {k: v for k, v in base.items() if k != field}):
                _told(problem)
                seen.add(problem.code)
    assert {"catalog_field_unknown", "catalog_field_not_text"} <= seen
    for problem in entry_problems(section, 7, index=2):  # not a table at all
        _told(problem)
        assert (
            locale("en").describe(problem).startswith(t(f"catalog.kind.{section}", "en") + " no. 3")
        )


def test_catalog_rules_and_file_problems_are_told_in_both_languages():
    from kpi.domain.catalog import CatalogError, decode_catalog, parse_catalog
    from tests.unit.domain.test_catalog import BAD_CATALOGS
    from tests.unit.domain.test_catalog_hardening import HOSTILE

    cases = [text.encode() for _, text, _ in BAD_CATALOGS] + [data for _, data, _ in HOSTILE]
    cases.append(b'[[plans]]\ncode = "X\n')  # a quote left open
    keys = set()
    for data in cases:
        with pytest.raises(CatalogError) as info:
            parse_catalog(decode_catalog(data))
        for problem in info.value.problems:
            _told(problem)
            keys.add(problem.code)
    for rule in ("period_order", "min_above_max", "range_needs_max", "max_not_allowed"):
        assert f"catalog_rule_{rule}" in keys
    for key in ("toml_syntax", "toml_bad_date", "unknown_ref", "duplicate_code", "not_utf8"):
        assert f"catalog_{key}" in keys


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_missing_browser_is_told_in_both_languages(monkeypatch, lang):
    from kpi.present import render

    monkeypatch.setenv("KPI_CHROMIUM", "/nonexistent/chrome")
    with pytest.raises(render.ChromiumMissing) as bad_setting:
        render.find_chromium()
    monkeypatch.delenv("KPI_CHROMIUM")
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setattr(render, "DEBIAN_CHROMIUM", "/nonexistent/chromium")
    with pytest.raises(render.ChromiumMissing) as none_found:
        render.find_chromium()
    for caught in (bad_setting, none_found):
        message = locale(lang).error(caught.value)
        assert "apt-get install chromium" in message and "KPI_CHROMIUM" in message
        assert not LIBRARY_WORDS.search(message)
        assert bool(CJK.search(message)) == (lang == "zh")
    assert "/nonexistent/chrome" in locale(lang).error(bad_setting.value)
    assert "/nonexistent/chromium" in locale(lang).error(none_found.value)
