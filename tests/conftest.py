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


# ---- uploads and sign-in (issue 4) --------------------------------------------------------
@pytest.fixture
def fast_bcrypt(monkeypatch):
    """Cheap bcrypt work factor: same algorithm, fewer rounds, so tests stay quick."""
    from kpi import auth

    monkeypatch.setattr(auth, "BCRYPT_ROUNDS", 4)


@pytest.fixture
def app_db(tmp_path: Path, monkeypatch, fast_bcrypt):
    """A database with the test users, used by the app through env KPI_DB."""
    from tests.upload_support import add_test_users

    path = tmp_path / "app.duckdb"
    monkeypatch.setenv("KPI_DB", str(path))
    monkeypatch.delenv("KPI_REQUIRE_LOGIN", raising=False)
    s = Store.open(path)
    add_test_users(s)
    yield s
    s.close()
