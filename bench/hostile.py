"""Peak memory and time of single uploads, legitimate and hostile: ``python -m bench.hostile``.

Each file is generated into a temporary directory and ingested by the real command
(``python -m kpi ingest FILE --accept-warnings``) under ``/usr/bin/time -v``; the table
gives the process's peak resident memory, wall time, exit code and the first line of
its message. Goals: every single upload under 1 GiB, a hostile workbook
refused in seconds. Results: BENCHMARKS.md, "Hostile uploads".
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from bench import hostile_files as files
from bench.synthetic import synthetic
from kpi.ingest.read import MAX_UPLOAD_MB
from kpi.storage.store import Store

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 23)
GOAL_PEAK_MIB = 1024


def _synthetic_rows(n: int) -> tuple[str, list[list[str]]]:
    data = synthetic(n, TODAY)
    rows = list(csv.reader(io.StringIO(data.csv.decode("utf-8"))))
    return data.catalog_text, rows


def _csv_at_the_limit(catalog_holder: list[str]) -> bytes:
    data = synthetic(450_000, TODAY)
    catalog_holder.append(data.catalog_text)
    head = data.csv[: MAX_UPLOAD_MB * 1024 * 1024 - 4096]
    return head[: head.rfind(b"\n") + 1]  # whole rows (quoted "51,540" stays quoted)


def _xlsx_legit(catalog_holder: list[str]) -> bytes:
    text, rows = _synthetic_rows(150_000)
    catalog_holder.append(text)
    return files.workbook(files.sheet_rows(enumerate(rows[:150_001], start=1)))


def _tiny(_: list[str]) -> bytes:
    return b"jurisdiction,metric,period,value\nSH,parts_library_capacity,2025Q3,950000\n"


CASES: list[tuple[str, str, Callable[[list[str]], bytes]]] = [
    ("baseline: CSV of one row (start-up, catalog, commit)", "tiny.csv", _tiny),
    ("CSV at the 20 MB limit (valid)", "limit.csv", _csv_at_the_limit),
    ("XLSX, 150k rows x 6 cells (valid)", "legit.xlsx", _xlsx_legit),
    ("XLSX, one cell at XFD1048576", "far.xlsx", lambda _: files.far_cell_workbook()),
    ("XLSX, a 30 MiB note", "note.xlsx", lambda _: files.long_text_workbook(30 << 20)),
    ("XLSX, 1.2M cells", "cells.xlsx", lambda _: files.many_cells_workbook(200_000)),
    ("XLSX, 300 MB unpacked", "bomb300.xlsx", lambda _: files.zeros_bomb(300)),
    ("XLSX, 190 MB unpacked (under the size cap)", "bomb190.xlsx", lambda _: files.zeros_bomb(190)),
    ("XLSX, password-protected container", "secret.xlsx", lambda _: files.encrypted_container()),
]


def _measure(db: Path, path: Path) -> tuple[float, float, int, str]:
    """(peak MiB, wall seconds, exit code, first message line) of one `kpi ingest`."""
    command = ["/usr/bin/time", "-v", sys.executable, "-m", "kpi", "--db", str(db)]
    command += ["--lang", "en", "ingest", str(path), "--accept-warnings"]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    peak_kib = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)[1])
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", done.stderr)[1]
    seconds = sum(float(part) * 60**i for i, part in enumerate(reversed(wall.split(":"))))
    lines = [line for line in done.stderr.split("\tCommand being timed")[0].splitlines() if line]
    detail = [line.strip() for line in lines if line.startswith("  ")]  # the first problem
    message = (detail or lines or [""])[0].strip()
    return peak_kib / 1024, seconds, done.returncode, message[:110].replace("|", "/")


def _stream_case(directory: Path, db: Path) -> tuple[str, float, float, int, str]:
    big = directory / "huge.csv"
    with big.open("wb") as file:
        file.truncate(1 << 30)  # 1 GiB, sparse: reading must stop at the limit
    peak, wall, code, message = _measure(db, big)
    return ("CSV of 1 GiB (read in chunks, stops at the limit)", peak, wall, code, message)


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as tmp:
        directory = Path(tmp)
        for label, name, make in CASES:
            catalog: list[str] = []
            data = make(catalog)
            path = directory / name
            path.write_bytes(data)
            db = directory / f"{name}.duckdb"
            with Store.open(db) as store:
                if catalog:
                    store.load_catalog_text(catalog[0], "bench")
            peak, wall, code, message = _measure(db, path)
            rows.append((f"{label}, {len(data) / 1e6:.2f} MB", peak, wall, code, message))
            print(rows[-1], file=sys.stderr, flush=True)
            path.unlink()
        Store.open(directory / "stream.duckdb").close()
        rows.append(_stream_case(directory, directory / "stream.duckdb"))
    print("| upload | peak RSS MiB | wall s | exit | message |")
    print("|---|---:|---:|---:|---|")
    for label, peak, wall, code, message in rows:
        print(f"| {label} | {peak:.0f} | {wall:.1f} | {code} | {message} |")
    worst = max(r[1] for r in rows)
    verdict = "met" if worst < GOAL_PEAK_MIB else "NOT met"
    print(f"\nlargest peak {worst:.0f} MiB; goal < {GOAL_PEAK_MIB} MiB: {verdict}")


if __name__ == "__main__":
    main()
