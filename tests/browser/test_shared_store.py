"""The dashboard beside the CLI on one DuckDB file: a running server holds no lock, so
every CLI command works, eight parallel ingests all land, and a page opened during
the ingests shows the page, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from kpi.i18n import t
from kpi.storage.store import Store
from tests.support import ROOT
from tests.support.browser import dashboard_server
from tests.support.files import csv_bytes

PARALLEL = 8


def _kpi(db: Path, *args: str, stdin: str | None = None) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-m", "kpi", "--db", str(db), *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    if stdin is not None:
        proc.stdin.write(stdin)
        proc.stdin.close()
    return proc


def _file(tmp_path: Path, i: int) -> Path:
    """A distinct valid file per ingest: one SH quarter each, values by file."""
    path = tmp_path / f"report{i}.csv"
    quarter = f"{2021 + i // 4}Q{i % 4 + 1}"
    path.write_bytes(csv_bytes([("SH", "top_scientist_teams", quarter, 10 + i)]))
    return path


def _open_overview(tab, url: str) -> None:
    tab.goto(f"{url}/?lang=en")
    tab.get_by_role("heading", name=t("page.overview", "en")).first.wait_for(timeout=60_000)
    tab.wait_for_load_state("networkidle")
    assert tab.locator('[data-testid="stException"]').count() == 0


def test_cli_beside_a_running_dashboard(tmp_path: Path, browser):
    db = tmp_path / "kpi.duckdb"
    Store.open(db).close()
    with dashboard_server(db) as url:
        tab = browser.new_page()
        _open_overview(tab, url)  # the server now has a session and a cached store

        ingests = [_kpi(db, "ingest", str(_file(tmp_path, i))) for i in range(PARALLEL)]
        adding_bob = ("user", "add", "bob", "--role", "viewer", "--password-stdin")
        others = {
            "status": _kpi(db, "status", "--format", "json", "--as-of", "2025-12-31"),
            "briefing": _kpi(
                db, "briefing", "--jurisdiction", "SH", "--out", str(tmp_path / "b.png")
            ),
            "user": _kpi(db, *adding_bob, stdin="a-long-enough-passw0rd\n"),
        }
        _open_overview(tab, url)  # opened during the ingests: the page, no traceback
        outcomes = {f"ingest {i}": p for i, p in enumerate(ingests)} | others
        results = {name: (p.wait(timeout=300), p.stderr.read()) for name, p in outcomes.items()}
        status_json = others["status"].stdout.read()
        tab.close()

    failed = {name: err for name, (code, err) in results.items() if code != 0}
    assert failed == {}
    assert len(json.loads(status_json)) > 0
    assert (tmp_path / "b.png").stat().st_size > 10_000
    with Store.open(db) as store:
        assert len(store.batches()) == PARALLEL
        assert sorted(store.current_observations("SH")["value"]) == [10 + i for i in range(8)]
        assert "bob" in store.users()["name"].tolist()
