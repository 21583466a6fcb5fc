from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from kpi.domain.catalog import Catalog, load_catalog
from kpi.storage.backends import is_server_url
from kpi.storage.localpg import start_cluster
from kpi.storage.store import Store
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


# ---- which lane runs a test: its folder says -----------------------------------------------
#: The marker each top folder of tests/ gives its tests. `scripts/test.sh --fast` runs what is
#: neither slow nor browser: tests/unit and tests/smoke (every page rendered once).
FOLDER_MARKERS = {
    "browser": "browser",  # a Streamlit server driven by Chromium
    "cli": "slow",  # the kpi command end to end, most of it in subprocesses
    "pages": "slow",  # AppTest runs of the pages, user flows
    "integration": "slow",  # PNG/PDF renders, subprocesses, property tests, PostgreSQL
}
TESTS_DIR = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The one place markers are set: from a test's folder, and ``slow`` for every run on
    PostgreSQL (a fast-lane test on the ``store`` fixtures runs on DuckDB there)."""
    for item in items:
        if not item.path.is_relative_to(TESTS_DIR):
            continue
        folder = item.path.relative_to(TESTS_DIR).parts[0]
        if folder in FOLDER_MARKERS:
            item.add_marker(FOLDER_MARKERS[folder])
        if _on_postgresql(item):
            item.add_marker("slow")


def _on_postgresql(item: pytest.Item) -> bool:
    callspec = getattr(item, "callspec", None)
    backend = callspec.params.get("db_location") if callspec else None
    return backend == "postgresql" or "pg_cluster" in getattr(item, "fixturenames", ())


# ---- the two backends ---------------------------------------------------------------------
#: Where a test's database lives; PostgreSQL's runs are marked slow (see the hook below).
BACKENDS = ["duckdb", "postgresql"]


@pytest.fixture(scope="session")
def pg_cluster():
    """A throwaway PostgreSQL cluster for the whole run, started from Debian's server
    binaries. Missing binaries fail the PostgreSQL tests with the fix; they never skip."""
    try:
        cluster = start_cluster("kpi-test-pg-")
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster):
    """A URL to an empty schema of its own on the test cluster (dropped afterwards)."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    pg_cluster.execute("kpi", f"CREATE SCHEMA {schema}")
    yield pg_cluster.url(schema=schema)
    pg_cluster.execute("kpi", f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=BACKENDS)
def db_location(request, tmp_path: Path) -> str:
    """Where a test's database lives: a DuckDB file, or a PostgreSQL schema."""
    if request.param == "postgresql":
        return request.getfixturevalue("pg_url")
    return str(tmp_path / "kpi.duckdb")


@pytest.fixture(scope="session")
def store_template(tmp_path_factory) -> Path:
    """A new DuckDB store exactly as Store.open makes one (schema migrated, the catalog
    file installed), made once per run from the current code and catalog. Copying it is
    milliseconds; creating a store is 0.2-0.5 s, paid by hundreds of tests otherwise."""
    path = tmp_path_factory.mktemp("template") / "kpi.duckdb"
    Store.open(path).close()
    assert not Path(f"{path}.wal").exists(), "the template must be checkpointed whole"
    return path


def new_database(template: Path, location: str | Path) -> None:
    """Make ``location`` a new store of its own: a copy of the template for a DuckDB
    file; a PostgreSQL schema is left to Store.open."""
    if not is_server_url(location):
        assert not Path(location).exists(), f"{location} exists: not a new database"
        shutil.copyfile(template, location)


@pytest.fixture
def new_db(store_template: Path, tmp_path: Path) -> Path:
    """tmp_path/kpi.duckdb: a new store file of this test's own."""
    path = tmp_path / "kpi.duckdb"
    new_database(store_template, path)
    return path


@pytest.fixture
def store(db_location: str, store_template: Path):
    new_database(store_template, db_location)
    s = Store.open(db_location)
    yield s
    s.close()


# ---- uploads and sign-in ----------------------------------------------------------------
@pytest.fixture
def fast_bcrypt(monkeypatch):
    """Cheap bcrypt work factor: same algorithm, fewer rounds, so tests stay quick."""
    from kpi.access import auth

    monkeypatch.setattr(auth, "BCRYPT_ROUNDS", 4)


@pytest.fixture
def app_db(db_location: str, monkeypatch, fast_bcrypt, store_template: Path):
    """A database with the test users, used by the app through env KPI_DB."""
    from tests.support.stores import add_test_users

    path = db_location
    monkeypatch.setenv("KPI_DB", str(path))
    monkeypatch.delenv("KPI_REQUIRE_LOGIN", raising=False)
    new_database(store_template, path)
    s = Store.open(path)
    add_test_users(s)
    yield s
    s.close()


@pytest.fixture(scope="module")
def render_browser_per_module() -> Iterator[None]:
    """Close kpi.present.render's kept browser when the module is done: one browser per module,
    none left running behind it (a module may have started one without CJK fonts)."""
    from kpi.present import render

    yield
    render.shutdown()


@pytest.fixture
def chromium_required() -> None:
    """Tests that render through Chromium fail, never skip, when it is missing."""
    from kpi.present import render

    try:
        render.find_chromium()
    except render.ChromiumMissing:
        pytest.fail("no Chromium: run bash scripts/setup.sh (apt-get install chromium)")


@pytest.fixture(scope="module")
def browser():
    """One headless Debian Chromium for a test module (Playwright cannot download its own)."""
    from playwright import sync_api  # a dev dependency: missing means a broken set-up

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} missing: run scripts/setup.sh"
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
