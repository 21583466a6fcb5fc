from __future__ import annotations

from pathlib import Path

import pytest

from kpi.catalog import Catalog, load_catalog
from kpi.store import Store

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def store(tmp_path: Path):
    s = Store.open(tmp_path / "kpi.duckdb")
    yield s
    s.close()
