"""Every user-facing message exists in Chinese and English.

Scans the source of kpi/ and pages/ for message keys (string literals shaped like
"area.name" in a known area, and the problem codes given to Problem, report, Refused
and WorkbookRefused) and checks each against kpi/i18n/; then checks every message
in both languages: present, same placeholders, Chinese in the Chinese text, and no
exception class names or codec words.
"""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from kpi.i18n import STRINGS, t

ROOT = Path(__file__).resolve().parents[3]
SOURCES = sorted(
    [
        *(ROOT / "kpi").rglob("*.py"),
        *(ROOT / "dashboard").rglob("*.py"),
        *(ROOT / "pages").rglob("*.py"),
    ]
)
AREAS = {key.split(".")[0] for key in STRINGS}
KEY_SHAPE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]*[a-z0-9])+$")  # "upload.count_" is a prefix
FILE_NAME = re.compile(r"\.(py|toml|csv|xlsx|png|json|duckdb|txt|docx|pdf|css|md)$")
#: Calls whose string argument is a problem code, shown as t("problem." + code).
PROBLEM_CALLS = {"Problem", "report", "Refused", "WorkbookRefused"}
COLUMNS = {"jurisdiction", "metric", "period", "value", "source", "note"}  # not codes
JARGON = re.compile(
    r"\b\w*(Error|Exception)\b|BadZipFile|Traceback|codec|errno|OutOfBounds|NoneType|nan\b"
)
CJK = re.compile(r"[\u4e00-\u9fff]")
#: Texts that are the same in both languages on purpose (names, symbols, formats).
NEUTRAL = re.compile(r"^[\s\W\d{}_a-zA-Z/%·\-–—×:,.()]*$")


def _literal_args(call: ast.Call) -> list[str]:
    values = call.args  # keywords are parameters (and level="warning")
    return [v.value for v in values if isinstance(v, ast.Constant) and isinstance(v.value, str)]


def _call_name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def keys_in_source() -> dict[str, set[str]]:
    """Message key -> the files that use it."""
    found: dict[str, set[str]] = {}
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            keys: list[str] = []
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value
                if (
                    KEY_SHAPE.match(text)
                    and text.split(".")[0] in AREAS
                    and not FILE_NAME.search(text)
                ):
                    keys.append(text)
            if isinstance(node, ast.Call) and _call_name(node) in PROBLEM_CALLS:
                codes = [a for a in _literal_args(node) if re.fullmatch(r"[a-z][a-z_]+", a)]
                keys += [f"problem.{code}" for code in codes if code not in COLUMNS]
            for key in keys:
                found.setdefault(key, set()).add(str(path.relative_to(ROOT)))
    return found


def test_the_scan_finds_the_keys_it_should():
    found = keys_in_source()
    assert len(found) > 200
    for key in (
        "problem.bad_encoding",
        "problem.split_number",
        "auth.locked",
        "store.no_batch",
        "problem.catalog_too_deep",
        "cli.unknown_account",
        "problem.workbook_too_many_cells",
    ):
        assert key in found, key  # fmt: skip


def test_every_key_used_in_the_code_has_both_languages():
    missing = {key: files for key, files in keys_in_source().items() if key not in STRINGS}
    assert not missing, missing


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_every_message_is_complete_in_both_languages(key):
    zh, en = STRINGS[key]
    assert zh.strip() and en.strip()
    if not key.endswith("_one"):  # a singular form may spell its number out
        assert _fields(zh) == _fields(en), "the two languages take different parameters"
    assert CJK.search(zh) or NEUTRAL.match(zh), f"no Chinese in the Chinese text: {zh!r}"
    for text in (zh, en):
        assert not JARGON.search(text), f"programmer's words in a message: {text!r}"
    params = dict.fromkeys(_fields(en) | _fields(zh), 1)  # a number fits "{n:,}" and "{x}"
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
    zh, en = problem.describe("zh"), problem.describe("en")
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
        assert problem.describe("en").startswith(t(f"catalog.kind.{section}", "en") + " no. 3")


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
        message = caught.value.message(lang)
        assert "apt-get install chromium" in message and "KPI_CHROMIUM" in message
        assert not LIBRARY_WORDS.search(message)
        assert bool(CJK.search(message)) == (lang == "zh")
    assert "/nonexistent/chrome" in bad_setting.value.message(lang)
    assert "/nonexistent/chromium" in none_found.value.message(lang)
