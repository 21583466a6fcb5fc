"""The message table is laid out by area: each module of kpi/i18n/ holds exactly the keys of
its name's prefix, says in its docstring what it covers, and no key is defined twice."""

from __future__ import annotations

import ast
import importlib
from collections import Counter
from pathlib import Path

import pytest

import kpi.i18n
from kpi.i18n import AREAS, STRINGS

PACKAGE = Path(kpi.i18n.__file__).parent


def _module_keys(area: str) -> list[str]:
    """The keys written in an area module's dict literal, repeats included (a dict built
    from the literal would hide a repeat: the later entry silently wins)."""
    tree = ast.parse((PACKAGE / f"{area}.py").read_text(encoding="utf-8"))
    table = next(
        node.value
        for node in tree.body
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "STRINGS"
    )
    assert isinstance(table, ast.Dict)
    return [key.value for key in table.keys if isinstance(key, ast.Constant)]


def test_every_area_module_is_assembled() -> None:
    on_disk = {p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    assert set(AREAS) == on_disk


@pytest.mark.parametrize("area", AREAS)
def test_every_key_lives_in_the_module_of_its_prefix(area: str) -> None:
    module = importlib.import_module(f"kpi.i18n.{area}")
    assert module.STRINGS, area
    strays = [key for key in module.STRINGS if key.split(".")[0] != area]
    assert strays == []
    assert module.__doc__ and len(module.__doc__.strip().splitlines()) == 1, area


def test_no_key_is_defined_twice() -> None:
    written = Counter(key for area in AREAS for key in _module_keys(area))
    assert [key for key, n in written.items() if n > 1] == []
    assert sum(written.values()) == len(STRINGS)


def test_a_key_defined_in_two_areas_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from kpi.i18n import status

    monkeypatch.setattr(status, "STRINGS", {**status.STRINGS, "role.admin": ("管理员", "admin")})
    with pytest.raises(ValueError, match=r"role\.admin"):
        kpi.i18n._assemble(AREAS)
