"""Everything tests share: the fixed 'today', quarterly CSV files, the one way to start
the dashboard in AppTest, test accounts, and the browser and font helpers."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pandas as pd
from streamlit.components.v2.component_manager import BidiComponentManager
from streamlit.testing.v1 import AppTest

from dashboard.registry import PageSpec
from kpi.access import auth
from kpi.domain.upload_result import UploadResult
from kpi.ingest.read import ingest_bytes
from kpi.ingest.sample import SAMPLE_FILE_NAME, sample_csv
from kpi.storage.store import Store

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
#: Tests run as if it were this day: 2026Q3 is the last closed quarter.
TODAY = date(2026, 11, 23)
HEADER = ("jurisdiction", "metric", "period", "value")


def csv_text(rows: list[tuple], header: tuple[str, ...] = HEADER) -> str:
    lines = [",".join(header)] + [",".join(str(c) for c in row) for row in rows]
    return "\n".join(lines) + "\n"


def csv_bytes(
    rows: list[tuple], header: tuple[str, ...] = HEADER, encoding: str = "utf-8"
) -> bytes:
    return csv_text(rows, header).encode(encoding)


def ingest_rows(
    store: Store, rows: list[tuple], name: str = "report.csv", user: str = "tester"
) -> UploadResult:
    """Ingest rows; fail the test loudly if the file is rejected."""
    result = ingest_bytes(store, csv_bytes(rows), name, user, today=TODAY)
    assert result.committed, [p.describe("en") for p in result.problems]
    return result


def counts(store: Store) -> tuple[int, int, int, int]:
    """(batches, live batches, current observations, data version): 'unchanged' checks."""
    with store.reading():
        batches = store.batches()
        return (
            len(batches),
            int(batches["reverted_at"].isna().sum()),
            len(store.current_observations()),
            store.data_version(),
        )


def open_store(path: Path | str) -> Iterator[Store]:
    """A store on ``path`` for a fixture to yield from, closed after the test."""
    store = Store.open(path)
    yield store
    store.close()


# ---- the dashboard in AppTest ------------------------------------------------------------
def app_test(page: str | None = None, *, timeout: float = 120, **params: str) -> AppTest:
    """The dashboard as a server runs it (through app.py), with URL ``params``, opened on
    ``pages/<page>.py`` (the default page if None); not run yet. The database is env KPI_DB.

    ``timeout`` is generous: seven developers' suites share two cores here.
    """
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    at._bidi_component_manager = _installed_components()  # private: see that function
    for key, value in params.items():
        at.query_params[key] = value
    if page is not None:
        at.switch_page(f"pages/{page}.py")
    return at


@functools.cache
def _installed_components() -> BidiComponentManager:
    """Streamlit's registry of installed custom components, scanned once per process as a
    server scans it once at start. A fresh AppTest rescans the metadata of every installed
    package (about 0.3 s of each run here), which no rerun in a server pays."""
    manager = BidiComponentManager()
    manager.discover_and_register_components(start_file_watching=False)
    return manager


# ---- accounts and uploads ----------------------------------------------------------------
PASSWORD = "correct horse 1"
USERS = {  # name: (role, jurisdictions)
    "admin1": ("admin", []),
    "editor_sh": ("editor", ["SH"]),
    "viewer1": ("viewer", []),
}


def add_test_users(store: Store) -> None:
    for name, (role, jurisdictions) in USERS.items():
        auth.add_user(store, name, role, PASSWORD, jurisdictions, "test")


def csv_file(rows: list[tuple], note: bool = False) -> bytes:
    header = "jurisdiction,metric,period,value" + (",note" if note else "")
    lines = [header] + [",".join(str(x) for x in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def upload_page(lang: str) -> AppTest:
    """A fresh AppTest of the Upload page in ``lang`` (the database comes from env KPI_DB)."""
    return app_test("upload", timeout=60, lang=lang).run()


def sign_in(at: AppTest, name: str, password: str = PASSWORD) -> AppTest:
    at.text_input(key="sign_in_name").input(name)
    at.text_input(key="sign_in_pw").input(password)
    submit = next(b for b in at.button if "FormSubmitter:sign_in" in (b.id or ""))
    return submit.click().run()


def upload(at: AppTest, data: bytes, name: str = "report.csv") -> AppTest:
    return at.file_uploader(key="upload_file").set_value((name, data, "text/csv")).run()


def shown_text(at: AppTest) -> list[str]:
    """Everything the page rendered through Markdown-capable elements."""
    elements = [*at.markdown, *at.caption, *at.info, *at.error, *at.success, *at.warning]
    return [str(e.value) for e in elements]


# ---- browsers and fonts ------------------------------------------------------------------
DEJAVU_DIR = Path("/usr/share/fonts/truetype/dejavu")


def dejavu_only_fontconfig(tmp_path: Path) -> Path:
    """A fontconfig file that hides every CJK font (Chromium then draws tofu boxes).

    Set it as FONTCONFIG_FILE before a browser starts (render.shutdown() first).
    """
    assert DEJAVU_DIR.is_dir(), "install fonts-dejavu-core (bash scripts/setup.sh)"
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f"<fontconfig><dir>{DEJAVU_DIR}</dir><cachedir>{tmp_path / 'cache'}</cachedir>"
        "</fontconfig>\n"
    )
    return conf


def main_browser_processes() -> list[int]:
    """PIDs of Chromium browser processes descending from this process.

    The browser process gets --remote-debugging-pipe from choreographer; its
    children (zygote, renderer, GPU...) carry --type=. choreographer's Python
    wrapper also has the flag in its argv, so Python executables are skipped.
    """
    proc = Path("/proc")
    assert proc.is_dir(), "counting browser processes needs Linux's /proc"
    children: dict[int, list[int]] = {}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))

    found = []
    stack = list(children.get(os.getpid(), []))
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, []))
        try:
            cmdline = (proc / str(pid) / "cmdline").read_bytes().decode(errors="replace")
            exe = os.readlink(proc / str(pid) / "exe")
        except OSError:
            continue
        args = cmdline.split("\0")
        if (
            "--remote-debugging-pipe" in args
            and "--type=" not in cmdline
            and "python" not in Path(exe).name
        ):
            found.append(pid)
    return found


# ---- the command line -------------------------------------------------------------------
def run_kpi(db, *args: str, lang: str = "en") -> subprocess.CompletedProcess:
    """``python -m kpi --db DB --lang LANG ARGS`` in a subprocess, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "kpi", "--db", str(db), "--lang", lang, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


# ---- a locked or damaged database file --------------------------------------------------
HOLDER = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("held", flush=True)
time.sleep(float(sys.argv[2]))
con.close()
"""


def hold_lock(path: Path, seconds: float) -> subprocess.Popen:
    """Another process that opens the file for writing and keeps it for ``seconds``."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "held"
    return proc


def corrupt_blocks(path: Path) -> None:
    """Flip bytes inside every 256 KiB block after DuckDB's three 4 KiB headers."""
    data = bytearray(path.read_bytes())
    for offset in range(3 * 4096 + 64, len(data), 256 * 1024):
        data[offset : offset + 16] = bytes(255 - b for b in data[offset : offset + 16])
    path.write_bytes(bytes(data))


# ---- pages in AppTest (more) -------------------------------------------------------------
def run_page(db: Path, page: PageSpec | None, monkeypatch, **params: str) -> AppTest:
    """A fresh app on ``db`` with URL ``params``, opened on ``page`` (default if None)."""
    monkeypatch.setenv("KPI_DB", str(db))
    return app_test(page.file.removesuffix(".py") if page else None, **params).run()


def frames(at: AppTest) -> list[pd.DataFrame]:
    """The tables the page shows, as data (canonical column names)."""
    return [d.value for d in at.dataframe]


def headings(at: AppTest) -> list[dict[str, str]]:
    """Per table the page shows: the heading drawn over each column (by column name)."""
    shown = []
    for table in at.dataframe:
        config = json.loads(table.proto.columns or "{}")
        shown.append({c: config.get(c, {}).get("label", c) for c in table.value.columns})
    return shown


# ---- briefings ---------------------------------------------------------------------------
def sample_figures_db(path: Path, *, is_sample: bool) -> Path:
    """The deterministic sample figures, flagged as sample or as a real upload."""
    store = Store.open(path)
    try:
        data = sample_csv(store.catalog(), TODAY)
        name = SAMPLE_FILE_NAME if is_sample else "report-2026Q3.csv"
        result = ingest_bytes(store, data, name, "tester", today=TODAY, is_sample=is_sample)
        assert result.committed
    finally:
        store.close()
    return path


def annotation_texts(fig) -> str:
    """Every text written on a figure (a briefing draws its words as annotations)."""
    return "\n".join(a.text for a in fig.layout.annotations)


# ---- Chromium for page tests -------------------------------------------------------------
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
#: How long a condition may take to come true: generous, as a loaded two-core machine
#: runs these too. Tests wait for conditions, never for a fixed time.
WAIT_MS = 120_000


# ---- a new city's plan to draft ----------------------------------------------------------
NEW_CITY = """广州市加快合成生物制造产业发展行动方案（2025—2027年）
穗府办〔2025〕7号
广州市人民政府办公厅
2025年3月1日
一、发展目标
到2027年，引育不少于8个合成生物学领军团队，新增3至5家合成生物制造上市企业，建设2个左右<中试>基地。
二、政策措施
（一）支持平台。对新建平台给予最高不超过1000万元支持。
"""
