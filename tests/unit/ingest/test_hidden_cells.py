"""Rows and columns hidden in a workbook that hold data: a warning naming them, in the
preview, and the file held back until a person confirms (as tenfold jumps are), on the
page (tests/pages/test_upload_page.py), in the workflow and through `kpi ingest`."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from kpi.access.auth import User
from kpi.cli.main import main
from kpi.i18n import t
from kpi.ingest import workflow as uploads
from kpi.ingest.hidden_cells import hidden_lines
from kpi.present.locale import locale
from kpi.storage.store import Store
from tests.support import TODAY
from tests.support.files import HEADER
from tests.unit.ingest.test_task_reports import EN as TASK_HEADER
from tests.unit.ingest.test_warnings import snapshot

ADMIN = User("admin1", "admin")
ROWS = [
    ("SH", "parts_library_capacity", "2025Q1", "900000"),
    ("SH", "parts_library_capacity", "2025Q2", "940000"),
    ("SH", "parts_library_capacity", "2025Q3", "950000"),
    ("SH", "parts_library_capacity", "2025Q4", "960000"),
]


def workbook(
    rows: list[tuple],
    header: tuple[str, ...] = HEADER,
    hidden_rows: tuple[int, ...] = (),
    hidden_columns: tuple[str, ...] = (),
) -> bytes:
    """A real .xlsx file (openpyxl) with rows and columns hidden as Excel hides them."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    for number in hidden_rows:
        sheet.row_dimensions[number].hidden = True
    for letters in hidden_columns:
        sheet.column_dimensions[letters].hidden = True
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def check(store: Store, data: bytes):
    result = uploads.check_upload(store, data, "report.xlsx", ADMIN, TODAY)
    assert result.ok, result.problems
    return result


def test_hidden_rows_with_data_are_named_in_a_warning(store):
    result = check(store, workbook(ROWS, hidden_rows=(3, 4, 5)))
    (warning,) = result.warnings
    assert (warning.code, warning.params) == ("hidden_rows", {"rows": "3-5", "count": 3})
    assert "3-5" in locale("en").describe(warning) and "3-5" in locale("zh").describe(warning)
    assert len(result.rows) == 4  # nothing dropped: the person decides


def test_hidden_columns_with_data_are_named_with_their_heading(store):
    rows = [(*row, "checked") for row in ROWS]
    result = check(store, workbook(rows, (*HEADER, "note"), hidden_columns=("E",)))
    (warning,) = result.warnings
    assert (warning.code, warning.params) == ("hidden_columns", {"columns": "E (note)", "count": 1})


def test_hidden_rows_and_columns_without_data_are_no_warning(store):
    book = openpyxl.load_workbook(io.BytesIO(workbook(ROWS, hidden_rows=(9, 12))))
    book.active.column_dimensions.group("G", "XFD", hidden=True)  # "hide unused columns"
    buffer = io.BytesIO()
    book.save(buffer)
    assert check(store, buffer.getvalue()).warnings == []
    assert check(store, workbook(ROWS)).warnings == []


def test_a_hidden_row_is_held_back_until_confirmed(store):
    result = check(store, workbook(ROWS, hidden_rows=(2,)))
    before = snapshot(store)
    refused = uploads.commit_upload(store, result, ADMIN)
    assert [p.key for p in refused.errors] == ["upload.confirm_warnings"]
    assert snapshot(store) == before
    done = uploads.commit_upload(store, result, ADMIN, accept_warnings=True).value
    assert done is not None and done.committed
    assert len(store.current_observations()) == 4


def test_a_progress_workbook_warns_of_hidden_rows_too(store):
    rows = [
        ("bj-2024.m10", "2025Q3", "Delayed", "postponed", "", ""),
        ("bj-2024.t8", "2025Q3", "in_progress", "three parks", "", ""),
    ]
    result = check(store, workbook(rows, TASK_HEADER, hidden_rows=(3,)))
    assert result.report == "tasks"
    assert [(w.code, w.params["rows"]) for w in result.warnings] == [("hidden_rows", "3")]


def test_the_hidden_rows_warning_is_shown_with_the_errors_of_a_refused_file(store):
    rows = [*ROWS, ("SH", "no_such_metric", "2025Q3", "1")]
    result = uploads.check_upload(store, workbook(rows, hidden_rows=(6,)), "r.xlsx", ADMIN, TODAY)
    assert [p.code for p in result.errors] == ["unknown_metric"]
    assert [p.code for p in result.warnings] == ["hidden_rows"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_kpi_ingest_holds_back_a_workbook_with_hidden_rows(tmp_path, capsys, lang):
    db, report = tmp_path / "kpi.duckdb", tmp_path / "report.xlsx"
    report.write_bytes(workbook(ROWS, hidden_rows=(4, 5), hidden_columns=("B",)))
    Store.open(db).close()
    capsys.readouterr()
    assert main(["--db", str(db), "--lang", lang, "ingest", str(report)]) == 1
    err = capsys.readouterr().err
    assert t("cli.warnings", lang, count=2) in err
    assert t("problem.hidden_rows", lang, rows="4-5", count=2) in err
    assert t("problem.hidden_columns", lang, columns="B (metric)", count=1) in err
    with Store.open(db) as store:
        assert store.current_observations().empty
    assert main(["--db", str(db), "ingest", str(report), "--accept-warnings"]) == 0
    with Store.open(db) as store:
        assert len(store.current_observations()) == 4


def test_a_hidden_row_without_its_number_follows_the_row_before():
    data = workbook(ROWS, hidden_rows=(3,))
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            part = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                assert b'<row r="3" hidden="1">' in part
                part = part.replace(b'<row r="3" hidden="1">', b'<row hidden="1">')
            target.writestr(info, part)
    assert hidden_lines(out.getvalue()).rows == (3,)
