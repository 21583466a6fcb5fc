"""The message table is complete: both languages, the same placeholders, every key used,
every key used exists; every command of the command line is in the README."""

from __future__ import annotations

import argparse
import re
import string

import pytest

from kpi.cli.main import _parser
from kpi.i18n import STRINGS
from tests.support import ROOT

SOURCES = [
    *ROOT.glob("kpi/**/*.py"),
    *ROOT.glob("dashboard/*.py"),
    *ROOT.glob("pages/*.py"),
    ROOT / "app.py",
]
CODE = "\n".join(p.read_text(encoding="utf-8") for p in SOURCES if "i18n" not in p.parts)
#: Keys built at run time, e.g. t(f"status.{status}"): every key under such a prefix is used.
DYNAMIC_PREFIXES = set(re.findall(r"""f["']([a-z_.]+[._])\{""", CODE)) | {"problem."}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_every_message_in_both_languages_with_matching_placeholders(key: str) -> None:
    zh, en = STRINGS[key]
    assert zh.strip() and en.strip(), key
    # one language may leave a placeholder out ("1 target" needs no {n}); a misspelt one shows
    fields = (_fields(zh), _fields(en))
    assert fields[0] <= fields[1] or fields[1] <= fields[0], key


def test_every_message_is_used() -> None:
    unused = [
        key
        for key in STRINGS
        if f'"{key}"' not in CODE
        and f"'{key}'" not in CODE
        and not key.startswith(tuple(DYNAMIC_PREFIXES))
    ]
    assert unused == []


def test_every_key_the_code_asks_for_exists() -> None:
    asked = set(re.findall(r"""(?<![\w.])t\(\s*["']([a-z_]+(?:\.[a-z_]+)+)["']""", CODE))
    asked |= set(re.findall(r"""\.t\(\s*["']([a-z_]+(?:\.[a-z_]+)+)["']""", CODE))
    assert sorted(asked - set(STRINGS)) == []


def _commands(parser: argparse.ArgumentParser, prefix: str = "kpi") -> list[str]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.append(f"{prefix} {name}")
                found += _commands(sub, f"{prefix} {name}")
    return found


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [c for c in _commands(_parser()) if f"`{c}" not in readme and f"{c} " not in readme]
    assert missing == []
