"""Nothing is ever lost or half-written; text from files is never interpreted.

Concurrent commits, a process killed mid-commit, escaping of file text on the
page, formula neutralising in CSV downloads, and the upload size limit.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import textwrap
import threading
import tomllib
from datetime import datetime

import openpyxl
import pandas as pd
import pytest

from kpi.access.auth import User
from kpi.domain.catalog import DEFAULT_CATALOG
from kpi.domain.outcome import Outcome
from kpi.domain.upload_result import UploadResult
from kpi.i18n import t
from kpi.ingest import workflow as uploads
from kpi.ingest.read import MAX_UPLOAD_MB
from kpi.present import upload_tables
from kpi.present.locale import locale
from kpi.storage.store import Store
from tests.support import ROOT, TODAY
from tests.support.files import HEADER, csv_bytes
from tests.support.pages import shown_text, sign_in, table_under, upload, upload_page

ADMIN = User("admin1", "admin")


# ---- two sessions committing at once -------------------------------------------------------
def _session_file(i: int) -> bytes:
    """A distinct valid file per session: 12 SH quarters of one metric, values by session."""
    quarters = [f"{year}Q{q}" for year in (2023, 2024, 2025) for q in (1, 2, 3, 4)]
    metric = ["top_scientist_teams", "functional_platforms", "innovation_enterprises"][i % 3]
    return csv_bytes([("SH", metric, quarter, i * 100 + n) for n, quarter in enumerate(quarters)])


@pytest.mark.parametrize("handles", ["one shared Store", "two Store handles"])
def test_concurrent_commits_all_land_or_get_a_retry_message(db_location: str, handles: str):
    path = db_location
    first = Store.open(path)
    second = Store.open(path) if handles == "two Store handles" else first
    sessions = 8
    checks = [
        uploads.check_upload(first, _session_file(i), f"s{i}.csv", ADMIN, TODAY)
        for i in range(sessions)
    ]
    assert all(c.ok for c in checks)
    outcomes: dict[int, Outcome[UploadResult]] = {}
    barrier = threading.Barrier(sessions)

    def session(i: int) -> None:
        barrier.wait()
        outcomes[i] = uploads.commit_upload((first, second)[i % 2], checks[i], ADMIN)

    threads = [threading.Thread(target=session, args=(i,)) for i in range(sessions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    landed = {i: o.value.batch_id for i, o in outcomes.items() if o.value is not None}
    refused = {i: o.errors[0].key for i, o in outcomes.items() if o.value is None}
    assert set(refused.values()) <= {"problem.busy"}  # the only failure: a clear retry message
    assert len(landed) + len(refused) == sessions
    history = first.batch_history()
    assert sorted(history["id"]) == sorted(landed.values())
    assert (history["n_observations"] == history["n_rows"]).all()
    assert (history["n_rows"] == 12).all()
    # the latest landed batch per metric is the current value: no row lost or mixed
    current = first.current_observations("SH")
    # the kept current values are the latest landed batch's, as every observation says
    everything = datetime(9999, 12, 31, 23, 59, 59)
    pd.testing.assert_frame_equal(current, first.current_observations("SH", everything))
    for _metric, rows in current.groupby("metric"):
        winner = rows["batch_id"].iloc[0]
        assert (rows["batch_id"] == winner).all() and len(rows) == 12
        session_no = next(i for i, b in landed.items() if b == winner)
        assert rows["value"].tolist() == [session_no * 100 + n for n in range(12)]
    if second is not first:
        second.close()
    first.close()


# ---- a process killed in the middle of a commit --------------------------------------------
KILLED_WRITER = textwrap.dedent(
    """
    import sys
    from datetime import date
    import pandas as pd
    from kpi.storage.store import Store
    from kpi.domain.upload_result import UploadResult

    n = int(sys.argv[2])
    store = Store.open(sys.argv[1])
    rows = pd.DataFrame({
        "row_no": range(2, n + 2),
        "jurisdiction": "SH",
        "metric": "top_scientist_teams",
        "quarter_end": date(2024, 3, 31),
        "value": [float(i % 97) for i in range(n)],
        "source": "bulk",
        "note": [f"row {i}" for i in range(n)],
    })
    print("committing", flush=True)
    store.commit_batch(UploadResult("big.csv", sys.argv[3], rows), user="bulk")
    print("committed", flush=True)
    """
)
BIG_ROWS = 200_000


@pytest.mark.parametrize("delay", [0.0, 0.05, 0.2, 0.5, 1.5])
def test_killed_commit_leaves_batch_whole_or_absent(db_location: str, delay: float):
    path = db_location
    Store.open(path).close()
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(path), str(BIG_ROWS), f"sha{delay}"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stdout.readline().strip() == "committing"
    try:
        proc.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    proc.stdout.close()

    store = Store.open(path)  # replays or discards the write-ahead log
    history = store.batch_history()
    assert len(history) in (0, 1)
    if len(history):
        assert history.loc[0, "n_rows"] == history.loc[0, "n_observations"] == BIG_ROWS
        assert store.audit_log()["action"].tolist() == ["catalog", "commit"]
        assert store.data_version() == 2  # catalog load, then this commit
    else:
        assert store.current_observations().empty
        assert store.audit_log()["action"].tolist() == ["catalog"]
        assert store.data_version() == 1
    store.close()


# ---- text from files is shown as text -------------------------------------------------------
HOSTILE = ["<script>alert(1)</script>", "<b>bold</b>", "**strong**", "[link](http://x.test)"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_file_text_is_shown_literally(app_db, lang):
    rows = [
        ("SH", "top_scientist_teams", f"2023Q{n + 1}", n + 1, f'"{note}"')
        for n, note in enumerate(HOSTILE)
    ]
    at = upload(sign_in(upload_page(lang), "editor_sh"), csv_bytes(rows, (*HEADER, "note")))
    assert not at.exception
    notes = table_under(at, t("upload.preview", lang)).value["note"].tolist()
    assert notes == HOSTILE
    rendered = " ".join(shown_text(at))
    for marker in ("alert", "bold", "strong", "link", "<", "**"):
        assert marker not in rendered


def test_problem_values_from_the_file_are_shown_literally(app_db):
    at = sign_in(upload_page("en"), "editor_sh")
    at = upload(at, csv_bytes([("<b>x</b>", "**y**", "2023Q1", 1)]))
    problems = table_under(at, t("upload.file", "en")).value["problem"].tolist()
    assert t("problem.unknown_jurisdiction", "en", value="<b>x</b>") in problems
    assert t("problem.unknown_metric", "en", value="**y**") in problems
    assert "<b>" not in " ".join(shown_text(at)) and "**y**" not in " ".join(shown_text(at))


# ---- CSV cells that would run as formulas ---------------------------------------------------
def _catalog_with_hostile_names() -> str:
    text = DEFAULT_CATALOG.read_text(encoding="utf-8")
    raw = tomllib.loads(text)
    metric = next(m for m in raw["metrics"] if m["code"] == "top_scientist_teams")
    old = f'name_en = "{metric["name_en"]}"'
    assert old in text
    return text.replace(old, 'name_en = "=HYPERLINK(\\"http://x.test\\",\\"click\\")"', 1)


def test_template_downloads_neutralise_formulas(store):
    installed = uploads.install_catalog(store, _catalog_with_hostile_names().encode(), ADMIN)
    assert installed.ok and installed.value == 2
    completeness = uploads.store_completeness(store, TODAY)
    frame = upload_tables.template_frame(store.catalog(), "SH", completeness, locale("en"))
    assert frame["metric_name"].str.startswith("=").any()

    csv = pd.read_csv(
        io.BytesIO(upload_tables.template_csv(frame)), encoding="utf-8-sig", dtype=str
    )
    names = csv["metric_name"].tolist()
    assert '\'=HYPERLINK("http://x.test","click")' in names
    assert not any(str(v).startswith(("=", "+", "-", "@")) for v in csv.to_numpy().ravel())

    sheet = openpyxl.load_workbook(io.BytesIO(upload_tables.template_xlsx(frame))).active
    cells = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert '\'=HYPERLINK("http://x.test","click")' in cells
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


# ---- upload size limit ----------------------------------------------------------------------
def test_server_upload_limit_matches_ingest_limit():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == MAX_UPLOAD_MB


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_too_large_file_gets_a_clear_message_and_writes_nothing(app_db, lang):
    header = b"jurisdiction,metric,period,value\n"
    line = b"SH,top_scientist_teams,2023Q1,1\n"
    data = header + line * ((MAX_UPLOAD_MB * 1024 * 1024) // len(line) + 10)
    at = upload(sign_in(upload_page(lang), "editor_sh"), data, "big.csv")
    assert [e.value for e in at.error] == [t("outcome.rejected", lang, count=1)]
    size = f"{len(data) / 1024 / 1024:.1f}"
    problem = t("problem.too_large", lang, size=size, limit=MAX_UPLOAD_MB)
    assert table_under(at, t("upload.file", lang)).value.iloc[:, 2].tolist() == [problem]
    assert "commit" not in [b.key for b in at.button]
    assert app_db.batches().empty
