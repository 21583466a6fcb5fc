"""Browser timing at scale: ``.venv/bin/python -m bench.browser [--db PATH] [--runs N]``.

Serves the dashboard (``streamlit run``) on a synthetic database of 1M observations
(1,316 cities; built unless ``--db`` names one), opens the jurisdiction page for one
city in headless Debian chromium (Playwright) and measures, from the choice in the
sidebar, how long the page takes to show a changed as-of date: its caption names the
new date, Streamlit has stopped running and every chart is drawn. Each run picks a
quarter end not viewed before (the server computes it) and then returns to the first
date (served from the cache). Prints medians and the load average. Not part of the
test suite.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import kpi.ingest.read
import kpi.ingest.workflow
from bench.synthetic import jurisdiction_code, synthetic
from deploy.servers import free_port, start_streamlit, stop, wait_healthy
from kpi.domain.periods import last_closed_quarter_end, quarter_ends_between
from kpi.i18n import t
from kpi.storage.store import Store

CHROMIUM = "/usr/bin/chromium"
#: Settled: the caption names the date, Streamlit has stopped running and every chart is
#: drawn for that date (each trajectory figure's legend names the as-of day), so a chart
#: still showing the previous date does not count as drawn.
SETTLED_JS = """([caption, day]) => {
  const main = document.querySelector('[data-testid="stMain"]') || document.body;
  if (!main.innerText.includes(caption)) return false;
  if (document.querySelector('[data-testid="stStatusWidget"] button')) return false;
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
  return charts.length > 0 && charts.every(
    c => c.querySelector('.main-svg') && c.textContent.includes(day));
}"""


def build_db(directory: Path, today: date) -> Path:
    """The benchmark's 1M-observation database (about 20-60 s)."""
    kpi.ingest.read.MAX_UPLOAD_MB = 1024  # the 46 MB file is over the dashboard's upload limit
    data = synthetic(1_000_000, today)
    path = directory / "kpi.duckdb"
    store = Store.open(path)
    try:
        store.load_catalog_text(data.catalog_text, "bench")
        result = kpi.ingest.workflow.ingest_bytes(
            store, data.csv, "bench.csv", "bench", today=today
        )
        if not result.committed:
            raise SystemExit("synthetic file rejected")
    finally:
        store.close()
    return path


def settle(tab, day: date, timeout_ms: int = 120_000) -> None:
    caption = t("overview.caption", "zh", as_of=day.isoformat())
    tab.wait_for_function(
        SETTLED_JS, arg=[caption, day.isoformat()], timeout=timeout_ms, polling=50
    )


def choose_date(tab, day: date) -> float:
    """Pick ``day`` in the sidebar's as-of box; seconds until the page has settled."""
    box = tab.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first
    box.click()
    start = time.perf_counter()
    tab.keyboard.type(day.isoformat())
    tab.keyboard.press("Enter")
    settle(tab, day)
    return time.perf_counter() - start


def measure(url: str, city: str, dates: list[date], runs: int) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    first, others = dates[0], dates[1 : runs + 1]
    out: dict[str, list[float]] = {"first load": [], "new date": [], "date seen before": []}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        tab = browser.new_page(viewport={"width": 1440, "height": 900})
        start = time.perf_counter()
        tab.goto(f"{url}/jurisdiction?jurisdiction={city}&as_of={first.isoformat()}")
        settle(tab, first, 300_000)
        out["first load"].append(time.perf_counter() - start)
        for day in others:
            out["new date"].append(choose_date(tab, day))
            out["date seen before"].append(choose_date(tab, first))
        browser.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.browser", description=__doc__)
    parser.add_argument("--db", type=Path, help="a database built by bench (default: build)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    today = date.today()
    start_load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    with tempfile.TemporaryDirectory(prefix="kpi-browser-") as tmp:
        db = args.db or build_db(Path(tmp), today)
        ends = quarter_ends_between(date(2024, 1, 1), last_closed_quarter_end(today))
        dates = sorted(ends, reverse=True)
        port = free_port()
        server = start_streamlit(str(db), port)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(url, server, 120)
            results = measure(url, jurisdiction_code(0), dates, args.runs)
        finally:
            stop(server)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average at the start: {start_load}, at the end: {load}")
    print("| measure (jurisdiction page, one city at 1M) | median s | runs | all s |")
    print("|---|---:|---:|---|")
    for name, values in results.items():
        shown = ", ".join(f"{v:.2f}" for v in values)
        print(f"| {name} | {statistics.median(values):.2f} | {len(values)} | {shown} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
