"""How long `kpi status` takes, beside a bare `import duckdb, pandas`, and what it loads.

    .venv/bin/python -m bench.cli_startup [--runs 7]

Each command runs in a fresh interpreter, alternating, so that both see the same load;
the medians and their ratio are printed, then whether `kpi status` loaded plotly, kaleido,
streamlit or scipy (python -X importtime). Not part of the test suite.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEAVY = ("plotly", "kaleido", "choreographer", "streamlit", "scipy")


def _seconds(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one run; the load inflates only wall."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(runs: int) -> tuple[dict[str, tuple[float, float]], set[str]]:
    """Medians of (wall, CPU) seconds for "bare" and "status" over ``runs`` alternating
    runs, and the top-level modules `kpi status` loads."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {"KPI_DB": str(Path(tmp) / "kpi.duckdb"), "PATH": "/usr/bin:/bin"}
        subprocess.run(
            [sys.executable, "-m", "kpi", "init", "--demo"],
            check=True,
            capture_output=True,
            env=env,
        )
        bare = [sys.executable, "-c", "import duckdb, pandas"]
        status = [sys.executable, "-m", "kpi", "status"]
        times: dict[str, list[tuple[float, float]]] = {"bare": [], "status": []}
        for _ in range(runs):
            times["bare"].append(_seconds(bare, env))
            times["status"].append(_seconds(status, env))
        loaded = subprocess.run(
            [sys.executable, "-X", "importtime", *status[1:]],
            capture_output=True,
            text=True,
            env=env,
        ).stderr
    medians = {
        k: (statistics.median(t[0] for t in v), statistics.median(t[1] for t in v))
        for k, v in times.items()
    }
    return medians, {line.split("|")[-1].strip().split(".")[0] for line in loaded.splitlines()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    medians, modules = measure(args.runs)
    for i, what in enumerate(("wall", "CPU")):
        bare_s, status_s = medians["bare"][i], medians["status"][i]
        print(
            f"{what:>4}: import duckdb, pandas {bare_s:.2f} s, kpi status {status_s:.2f} s, "
            f"ratio {status_s / bare_s:.2f} (medians of {args.runs})"
        )
    print("heavy modules loaded by kpi status:", sorted(m for m in modules if m in HEAVY) or "none")


if __name__ == "__main__":
    main()
