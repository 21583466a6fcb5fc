"""An installed catalog is never replaced silently by data/catalog.toml."""

from __future__ import annotations

from kpi.domain.catalog import DEFAULT_CATALOG
from kpi.storage.store import Store
from tests.support.cli import run_kpi

SHIPPED = DEFAULT_CATALOG.read_text(encoding="utf-8")


def test_kpi_init_says_the_file_differs_and_how_to_install_it(tmp_path):
    db = tmp_path / "kpi.duckdb"
    first = run_kpi(db, "init")
    assert first.returncode == 0 and "installed the catalog file" in first.stdout
    edited = tmp_path / "edited.toml"
    edited.write_text(SHIPPED.replace("min = 20\n", "min = 30\n"), encoding="utf-8")
    # without --user the command acts as, and is recorded as, the operating-system user
    assert run_kpi(db, "catalog", "load", str(edited)).returncode == 0
    again = run_kpi(db, "init")
    assert again.returncode == 0
    assert "differs" in again.stdout and "installed by os:" in again.stdout
    assert f"kpi catalog load {DEFAULT_CATALOG}" in again.stdout
    zh = run_kpi(db, "init", lang="zh")
    assert "未替换" in zh.stdout and "kpi catalog load" in zh.stdout
    with Store.open(db) as s:
        assert s.catalog().target("BDA-2025:leading_enterprises").min == 30
