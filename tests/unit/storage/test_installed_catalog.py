"""An installed catalog is never replaced silently by data/catalog.toml (the store's side;
what `kpi init` says about it: tests/cli/test_catalog_install.py)."""

from __future__ import annotations

from kpi.domain.catalog import DEFAULT_CATALOG
from kpi.storage.store import Store

SHIPPED = DEFAULT_CATALOG.read_text(encoding="utf-8")


def test_a_catalog_installed_by_an_admin_survives_an_edited_file(tmp_path):
    path, db = tmp_path / "catalog.toml", tmp_path / "kpi.duckdb"
    path.write_text(SHIPPED, encoding="utf-8")
    with Store.open(db, catalog_path=path) as s:
        assert (s.catalog_notice.action, s.catalog_notice.version) == ("installed", 1)
        s.load_catalog_text(SHIPPED.replace("min = 20\n", "min = 30\n"), "wang")
    path.write_text(SHIPPED.replace("min = 20\n", "min = 25\n"), encoding="utf-8")
    with Store.open(db, catalog_path=path) as s:
        assert s.catalog_version() == 2
        assert s.catalog().target("BDA-2025:leading_enterprises").min == 30
        notice = s.catalog_notice
        assert (notice.action, notice.version, notice.by) == ("differs", 2, "wang")


def test_a_file_installed_catalog_follows_the_file(tmp_path):
    path, db = tmp_path / "catalog.toml", tmp_path / "kpi.duckdb"
    path.write_text(SHIPPED, encoding="utf-8")
    Store.open(db, catalog_path=path).close()
    path.write_text(SHIPPED.replace("min = 20\n", "min = 25\n"), encoding="utf-8")
    with Store.open(db, catalog_path=path) as s:
        assert (s.catalog_notice.action, s.catalog_notice.version) == ("installed", 2)
        assert s.catalog().target("BDA-2025:leading_enterprises").min == 25
    with Store.open(db, catalog_path=path) as s:
        assert s.catalog_notice is None
