"""Load test of the shared store: ``.venv/bin/python -m bench.load`` (see BENCHMARKS.md).

Two set-ups, one after the other, for --seconds each (120 by default):

* postgresql: two Streamlit servers behind nginx sharing one PostgreSQL (deploy/);
* duckdb: one Streamlit server on the embedded DuckDB file.

Against each, 20 simulated viewers load the overview page as a browser does (an HTTP
GET of the page, then the page's websocket: a script run requested and every message
read until the run has finished), and 5 uploaders, each its own process, validate and
commit distinct quarterly files through kpi.ingest.read, as the upload page does. Reported:
page loads, p50/p95 page time, pages that showed an error, uploads landed and refused,
and batches lost (a commit reported as landed whose rows are not all in the store
afterwards: must be 0). Then, with --status-1m, the status of every target at 1M
observations on PostgreSQL beside DuckDB (goal: within 3x).

All traffic stays on 127.0.0.1; every loop stops at its deadline.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import random
import signal
import statistics
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from deploy.local import Deployment

VIEWERS = 20
UPLOADERS = 5
TODAY = date(2026, 11, 23)
QUARTERS = [f"{y}Q{q}" for y in (2023, 2024, 2025) for q in (1, 2, 3, 4)]
METRICS = ["top_scientist_teams", "functional_platforms", "innovation_enterprises"]


# ---- viewers ----------------------------------------------------------------------------
@dataclass
class PageStats:
    seconds: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


async def load_page(base: str, cookies: dict[str, str], query: str) -> str | None:
    """One page load as a browser does it; the error shown on the page, if any."""
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    def get() -> None:
        request = urllib.request.Request(f"{base}/?{query}")
        request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()))
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                cookies[name] = rest.split(";")[0]  # nginx's server cookie: sticky

    await asyncio.to_thread(get)
    ws_url = base.replace("http://", "ws://") + "/_stcore/stream"
    header = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
    async with websockets.connect(
        ws_url, subprotocols=["streamlit"], additional_headers=header, max_size=2**27
    ) as ws:
        rerun = BackMsg()
        rerun.rerun_script.query_string = query
        await ws.send(rerun.SerializeToString())
        error = None
        while True:
            message = ForwardMsg()
            message.ParseFromString(await asyncio.wait_for(ws.recv(), timeout=120))
            kind = message.WhichOneof("type")
            if kind == "delta" and message.delta.new_element.WhichOneof("type") == "exception":
                error = message.delta.new_element.exception.message[:200]
            if kind == "delta" and message.delta.new_element.WhichOneof("type") == "alert":
                alert = message.delta.new_element.alert
                error = alert.body[:200] if alert.format == 1 else error  # 1: st.error
            if kind == "script_finished" and message.script_finished == 0:  # finished
                return error


async def viewer(base: str, deadline: float, stats: PageStats, seed: int) -> None:
    rng = random.Random(seed)
    cookies: dict[str, str] = {}
    await asyncio.sleep(rng.uniform(0, 3))  # viewers arrive over a few seconds
    while time.monotonic() < deadline:
        query = f"lang={rng.choice(['zh', 'en'])}"
        started = time.perf_counter()
        try:
            error = await load_page(base, cookies, query)
        except Exception as exc:  # a page that did not load counts as an error
            error = f"{type(exc).__name__}: {exc}"[:200]
        stats.seconds.append(time.perf_counter() - started)
        if error:
            stats.errors.append(error)
        await asyncio.sleep(rng.uniform(0.5, 2.0))  # reading the page


async def viewers(base: str, seconds: float, n: int) -> PageStats:
    stats = PageStats()
    deadline = time.monotonic() + seconds
    await asyncio.gather(*(viewer(base, deadline, stats, i) for i in range(n)))
    return stats


# ---- uploaders --------------------------------------------------------------------------
def upload_file(uploader: int, n: int) -> tuple[bytes, list[float]]:
    metric = METRICS[uploader % len(METRICS)]
    values = [float(uploader * 100_000 + n * 100 + i) for i in range(len(QUARTERS))]
    lines = ["jurisdiction,metric,period,value"]
    lines += [f"SH,{metric},{q},{v:g}" for q, v in zip(QUARTERS, values, strict=True)]
    return ("\n".join(lines) + "\n").encode(), values


def uploader(db: str, number: int, seconds: float, results) -> None:
    """One uploader process: commit files until the deadline; report every outcome."""
    from kpi.ingest.workflow import ingest_bytes
    from kpi.storage.store import Store, StoreError

    deadline = time.monotonic() + seconds
    rng = random.Random(number)
    n = 0
    while time.monotonic() < deadline:
        data, values = upload_file(number, n)
        try:
            result = ingest_bytes(Store.open(db), data, f"u{number}-{n}.csv", "load", today=TODAY)
            if not result.committed:
                results.put(("rejected", number, n, None, values))
            else:
                results.put(("landed", number, n, result.batch_id, values))
        except StoreError as exc:
            results.put(("refused", number, n, exc.key, values))
        n += 1
        time.sleep(rng.uniform(0.5, 1.5))


def run_uploaders(db: str, seconds: float, n: int):
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    procs = [context.Process(target=uploader, args=(db, i, seconds, results)) for i in range(n)]
    for proc in procs:
        proc.start()
    return procs, results


def lost_batches(db: str, landed: list[tuple]) -> list[int]:
    """Batches reported as landed whose rows are not all in the store, as committed."""
    from kpi.storage.store import Store

    store = Store.open(db)
    history = store.batch_history().set_index("id")
    lost = []
    for _, _, _, batch_id, values in landed:
        if batch_id not in history.index or history.at[batch_id, "n_observations"] != len(values):
            lost.append(batch_id)
    return lost


# ---- one set-up -------------------------------------------------------------------------
def run_setup(mode: str, seconds: float) -> dict:
    db = None
    if mode == "duckdb":
        db = str(Path(tempfile.mkdtemp(prefix="kpi-load-")) / "kpi.duckdb")
    with Deployment(db, servers=2 if mode == "postgresql" else 1) as deployment:
        warm_up = PageStats()
        asyncio.run(viewer(deployment.url, time.monotonic() + 1, warm_up, 99))
        procs, results = run_uploaders(deployment.db, seconds, UPLOADERS)
        stats = asyncio.run(viewers(deployment.url, seconds, VIEWERS))
        for proc in procs:
            proc.join(timeout=seconds + 120)
        outcomes = []
        while not results.empty():
            outcomes.append(results.get())
        landed = [o for o in outcomes if o[0] == "landed"]
        lost = lost_batches(deployment.db, landed)
    ordered = sorted(stats.seconds)
    return {
        "mode": mode,
        "servers": 2 if mode == "postgresql" else 1,
        "page loads": len(ordered),
        "p50 s": statistics.median(ordered) if ordered else float("nan"),
        "p95 s": ordered[int(0.95 * (len(ordered) - 1))] if ordered else float("nan"),
        "pages with an error": len(stats.errors),
        "uploads": len(outcomes),
        "landed": len(landed),
        "refused": sum(o[0] == "refused" for o in outcomes),
        "rejected": sum(o[0] == "rejected" for o in outcomes),
        "lost": len(lost),
        "errors": sorted(set(stats.errors))[:3],
    }


# ---- status at 1M -----------------------------------------------------------------------
def status_at_1m(runs: int) -> dict:
    from bench.run import timed
    from bench.synthetic import synthetic
    from kpi.assess.verdicts import compute_status
    from kpi.domain.rules import status_records
    from kpi.ingest.workflow import ingest_bytes
    from kpi.storage.localpg import start_cluster
    from kpi.storage.snapshot import copy_database, same_records
    from kpi.storage.store import Store

    data = synthetic(1_000_000, TODAY)
    duck = Store.open(Path(tempfile.mkdtemp(prefix="kpi-1m-")) / "kpi.duckdb")
    duck.load_catalog_text(data.catalog_text, "bench")
    header, *lines = data.csv.decode().splitlines(keepends=True)
    parts = 3  # three uploads, each under the upload size limit
    for i in range(parts):
        chunk = (header + "".join(lines[i::parts])).encode()
        result = ingest_bytes(duck, chunk, f"obs-1M-{i}.csv", "bench", today=TODAY)
        if not result.committed:
            raise SystemExit(f"synthetic 1M part rejected: {result.problems[:3]}")
    cluster = start_cluster("kpi-bench-pg-")
    try:
        pg_db = Store.open(cluster.url())._db
        started = time.perf_counter()
        copy_database(duck._db, pg_db)
        copy_s = time.perf_counter() - started
        pg = Store.open(cluster.url())
        here = status_records(compute_status(duck, TODAY))
        there = status_records(compute_status(pg, TODAY))
        same = same_records(here, there)
        differing = [(a, b) for a, b in zip(here, there, strict=True) if not same_records([a], [b])]
        times = {}
        for name, store in (("duckdb", duck), ("postgresql", pg)):
            times[name] = statistics.median(
                timed(lambda s=store: compute_status(s, TODAY))[0] for _ in range(runs)
            )
    finally:
        cluster.stop()
    return {
        "observations": data.n_rows,
        "targets": data.n_targets,
        "copy-store s": copy_s,
        "duckdb s": times["duckdb"],
        "postgresql s": times["postgresql"],
        "ratio": times["postgresql"] / times["duckdb"],
        "same status": same,
        "first difference": differing[:1],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--modes", default="postgresql,duckdb")
    parser.add_argument("--status-1m", action="store_true", help="also status at 1M")
    parser.add_argument("--runs", type=int, default=5, help="status runs per backend")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stop servers as on Ctrl-C
    from bench.run import machine

    print("machine:", machine())
    for mode in filter(None, args.modes.split(",")):
        print(run_setup(mode, args.seconds), flush=True)
    if args.status_1m:
        print(status_at_1m(args.runs), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
