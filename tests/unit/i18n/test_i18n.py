"""The message table and the code agree: every key the code asks for exists, and every
message is used, either named in the code or built at run time from a family whose
members come from the code that is the family's source of truth (``status.<Status>``,
``role.<ROLES>``, ``page.<PAGES>``…); every command of the command line is in the README.

The code is read as Python (string literals, calls), so a key in a comment or a
docstring counts for nothing.
"""

from __future__ import annotations

import argparse
import ast
import re
from functools import cache
from pathlib import Path
from typing import get_args

import pytest

from kpi.i18n import AREAS, LANGS, STRINGS
from tests.support import ROOT

SOURCES = sorted(
    path
    for path in [
        *(ROOT / "kpi").rglob("*.py"),
        *(ROOT / "dashboard").rglob("*.py"),
        *(ROOT / "pages").rglob("*.py"),
        ROOT / "app.py",
    ]
    if "i18n" not in path.relative_to(ROOT).parts  # the table itself
)
KEY_SHAPE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]*[a-z0-9])+$")  # "upload.count_" is a prefix
FILE_NAME = re.compile(r"\.(py|toml|csv|xlsx|png|json|duckdb|txt|docx|pdf|css|md)$")
#: Calls whose first string argument is a message key, whatever its area.
KEY_CALLS = {"t", "Phrase"}
#: Calls whose string argument is a problem code, told as t("problem." + code).
PROBLEM_CALLS = {"Problem", "report", "Refused", "WorkbookRefused", "_refused"}
COLUMNS = {"jurisdiction", "metric", "period", "value", "source", "note"}  # not codes
COLUMNS |= {"task", "status", "progress", "next_steps", "evidence"}  # of a progress file
COLUMNS |= {"measure", "beneficiary", "credit_code", "project", "approved", "paid"}  # grants
COLUMNS |= {"eligible", "approved_on", "approval_doc", "exception"}


def _call_name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _literal_args(call: ast.Call) -> list[str]:
    values = call.args  # keywords are parameters (and level="warning")
    return [v.value for v in values if isinstance(v, ast.Constant) and isinstance(v.value, str)]


@cache
def _trees() -> dict[str, ast.Module]:
    return {
        str(path.relative_to(ROOT)): ast.parse(path.read_text(encoding="utf-8")) for path in SOURCES
    }


@cache
def literals() -> frozenset[str]:
    """Every string literal of the code (docstrings included, but a docstring is never
    shaped like a key or a code)."""
    return frozenset(
        node.value
        for tree in _trees().values()
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    )


def keys_in_source() -> dict[str, set[str]]:
    """Message key -> the files that name it: literals shaped like a key of a known area,
    the first argument of t() and Phrase(), and the problem codes given to the calls
    that make a Problem."""
    found: dict[str, set[str]] = {}
    for path, tree in _trees().items():
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
            if isinstance(node, ast.Call) and _call_name(node) in KEY_CALLS:
                keys += [a for a in _literal_args(node)[:1] if KEY_SHAPE.match(a)]
            if isinstance(node, ast.Call) and _call_name(node) in PROBLEM_CALLS:
                codes = [a for a in _literal_args(node) if re.fullmatch(r"[a-z][a-z_]+", a)]
                keys += [f"problem.{code}" for code in codes if code not in COLUMNS]
            for key in keys:
                found.setdefault(key, set()).add(path)
    return found


def built_keys() -> dict[str, set[str]]:
    """The families of keys the code builds at run time (f"status.{status}"), each from
    the code that says which members there are."""
    from dashboard.registry import PAGES
    from kpi.access.auth import ROLES
    from kpi.domain import catalog
    from kpi.domain.rules import Status
    from kpi.domain.task_rules import TaskStatus
    from kpi.domain.upload_result import CHANGE_KINDS
    from kpi.present.theme import BRIEFING_FORMATS
    from kpi.present.views import _AUDIT_DETAILS
    from kpi.storage.backends import _UNREACHABLE_REASONS

    field_errors = {*catalog._FIELD_ERRORS.values(), "invalid"}  # invalid: any other
    return {
        "status": {f"status.{status}" for status in Status},
        "role": {f"role.{role}" for role in ROLES},
        "page": {page.title_key for page in PAGES},
        "change": {f"change.{kind}" for kind in CHANGE_KINDS},
        "lang": {f"lang.{lang}" for lang in LANGS},
        "comparator": {f"comparator.{c}" for c in get_args(catalog.Comparator)},
        "kind": {f"kind.{kind}" for kind in get_args(catalog.Kind)},
        "level": {f"level.{level}" for level in catalog.LEVELS},
        "plan.status": {f"plan.status.{s}" for s in get_args(catalog.PlanStatus)},
        "plan.text_kind": {f"plan.text_kind.{k}" for k in get_args(catalog.TextKind)},
        "catalog.kind": {f"catalog.kind.{section}" for section in catalog.SECTIONS},
        "briefing.page.format": {f"briefing.page.format.{f}" for f in BRIEFING_FORMATS},
        "audit.detail": {f"audit.detail.{kind}" for kind, _, _ in _AUDIT_DETAILS},
        "store.unreachable": {f"store.unreachable.{r}" for _, r in _UNREACHABLE_REASONS}
        | {"store.unreachable.other"},  # the reason when no pattern matches
        "problem.catalog_field": {f"problem.catalog_field_{e}" for e in field_errors},
        "problem.catalog_rule": {f"problem.catalog_rule_{name}" for name in _catalog_rules()},
        "tasks.status": {f"tasks.status.{s.value}" for s in TaskStatus},
        "tasks.kind": {f"tasks.kind.{k}" for k in get_args(catalog.TaskKind)},
        "tasks.view": {"tasks.view.plan", "tasks.view.unit"},  # the Tasks page's two views
    }


def _catalog_rules() -> set[str]:
    """The rules a catalog entry checks: the names given to ``_rule(...)`` in the catalog
    (told as problem.catalog_rule_<name>)."""
    tree = _trees()[str(Path("kpi", "domain", "catalog.py"))]
    return {
        name
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and _call_name(node) == "_rule"
        for name in _literal_args(node)[:1]
    }


def test_the_scan_finds_the_keys_it_should() -> None:
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
        assert key in found, key
    built = built_keys()
    assert "status.at_risk" in built["status"] and "page.overview" in built["page"]
    assert "problem.catalog_rule_min_above_max" in built["problem.catalog_rule"]


def test_every_key_the_code_asks_for_exists() -> None:
    missing = {key: files for key, files in keys_in_source().items() if key not in STRINGS}
    assert not missing, missing


@pytest.mark.parametrize("family", sorted(built_keys()))
def test_every_key_a_family_builds_exists(family: str) -> None:
    assert sorted(built_keys()[family] - set(STRINGS)) == []


def test_every_action_written_to_the_audit_trail_has_its_words() -> None:
    from kpi.present.views import _AUDIT_ACTIONS

    writers = {"_audit", "_audited", "_audit_failure"}
    written = {
        f"audit.{action}"
        for tree in _trees().values()
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and _call_name(node) in writers
        for action in _literal_args(node)
    }
    assert "audit.copy_store" in written
    assert sorted(written - set(_AUDIT_ACTIONS)) == []


def _is_used(key: str, named: set[str], built: set[str]) -> bool:
    if key in named or key in built:
        return True
    area, _, rest = key.partition(".")
    if area == "problem":  # a code the code holds, handed on to a Problem
        return rest in literals()
    if area == "col":  # the heading of a column that some table of the code has
        return rest in literals()
    return False


def test_every_message_is_used() -> None:
    named = set(keys_in_source())
    built = set().union(*built_keys().values())
    assert [key for key in STRINGS if not _is_used(key, named, built)] == []


def _commands(parser: argparse.ArgumentParser, prefix: str = "kpi") -> list[str]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.append(f"{prefix} {name}")
                found += _commands(sub, f"{prefix} {name}")
    return found


def test_every_command_is_in_the_readme() -> None:
    from kpi.cli.main import _parser

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [c for c in _commands(_parser()) if f"`{c}" not in readme and f"{c} " not in readme]
    assert missing == []
