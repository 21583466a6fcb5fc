"""The tree's architecture, enforced: imports run one way (down the layers) and no module
name is repeated across packages, so a newcomer can tell from a file's name where it is.

Layers, bottom first: a module may import its own package and the packages below it,
never one above. ``kpi.cli`` and ``dashboard`` are siblings at the top of the library;
pages sit on the dashboard, and ``app.py`` on everything. ``bench`` never imports
``tests``, and nothing under ``kpi/`` imports Streamlit.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import ROOT

#: Each package with the rank of its layer (lower is further down).
LAYERS: dict[str, int] = {
    "kpi.i18n": 0,
    "kpi.domain": 1,
    "kpi.storage": 2,
    "kpi.access": 3,
    "kpi.assess": 4,
    "kpi.ingest": 5,
    "kpi.drafting": 6,
    "kpi.present": 7,
    "kpi.cli": 8,
    "dashboard": 8,
    "kpi": 9,  # kpi/__main__.py: `python -m kpi` runs the CLI
    "pages": 10,
    "app": 11,
}
#: Packages whose modules are named by what they hold, not by layer: one i18n module per
#: key prefix (kpi/i18n/upload.py holds "upload.*"), one page script per page.
NAMED_BY_AREA = {"kpi.i18n", "pages"}


def _package(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    if parts[0] == "kpi":
        return "kpi" if len(parts) == 2 else f"kpi.{parts[1]}"
    return parts[0]


def _package_of_import(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] == "kpi":
        return "kpi" if len(parts) == 1 else f"kpi.{parts[1]}"
    return parts[0] if parts[0] in LAYERS else None


def _imports(path: Path) -> Iterator[tuple[int, str]]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module


def _sources() -> list[Path]:
    files = [ROOT / "app.py"]
    for folder in ("kpi", "dashboard", "pages"):
        files += sorted((ROOT / folder).rglob("*.py"))
    return files


def test_every_package_has_a_layer() -> None:
    assert {_package(p) for p in _sources()} <= set(LAYERS)


def test_imports_run_down_the_layers() -> None:
    upward = []
    for path in _sources():
        own = _package(path)
        for line, module in _imports(path):
            target = _package_of_import(module)
            if target is not None and target != own and LAYERS[target] >= LAYERS[own]:
                upward.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    assert upward == []


def test_the_library_never_imports_streamlit() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in sorted((ROOT / "kpi").rglob("*.py"))
        for line, module in _imports(path)
        if module.split(".")[0] == "streamlit"
    ]
    assert found == []


def test_benchmarks_do_not_import_the_tests() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in sorted((ROOT / "bench").rglob("*.py"))
        for line, module in _imports(path)
        if module.split(".")[0] == "tests"
    ]
    assert found == []


def test_no_module_name_repeated_across_packages() -> None:
    seen: dict[str, list[str]] = {}
    for path in _sources():
        package = _package(path)
        if path.name == "__init__.py" or package in NAMED_BY_AREA or package == "app":
            continue
        seen.setdefault(path.stem, []).append(str(path.relative_to(ROOT)))
    area_names = {p.stem for p in _sources() if _package(p) == "pages" and p.name != "__init__.py"}
    repeated = {name: paths for name, paths in seen.items() if len(paths) > 1}
    # a page's script is named by its page; a library module must not take that name
    clashing = {name: paths for name, paths in seen.items() if name in area_names}
    assert repeated == {} and clashing == {}


@pytest.mark.parametrize(
    "command_module", ["catalog_draft", "maintenance", "money_commands", "task_commands"]
)
def test_commands_live_in_kpi_cli(command_module: str) -> None:
    assert (ROOT / "kpi" / "cli" / f"{command_module}.py").is_file()
    argparse_users = [
        str(p.relative_to(ROOT))
        for p in _sources()
        if _package(p) != "kpi.cli" and "argparse" in {m for _, m in _imports(p)}
    ]
    assert argparse_users == []


def test_no_formatter_opt_outs() -> None:
    """The formatter's layout everywhere: a hand-aligned block that the formatter is told to
    skip drifts from it and reads differently from the code around it."""
    opt_out = re.compile(r"#\s*fmt:\s*(skip|off)")
    folders = ("kpi", "dashboard", "pages", "tests", "bench", "scripts", "deploy")
    files = [ROOT / "app.py", *(p for f in folders for p in sorted((ROOT / f).rglob("*.py")))]
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in files
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if opt_out.search(line)
    ]
    assert found == []
