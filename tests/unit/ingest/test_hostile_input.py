"""Hostile and careless files: each is refused with a row-level or file-level
problem, and after every refusal the database and `kpi status` are exactly as before.

All files are generated here or by bench.hostile_files; none is kept in git.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from bench import hostile_files
from kpi.access.auth import User
from kpi.assess.verdicts import compute_status
from kpi.cli.main import main
from kpi.i18n import t
from kpi.ingest import read as ingest
from kpi.ingest import workbook_guard
from kpi.ingest.read import MAX_CELL_CHARS
from kpi.ingest.workflow import check_file, ingest_bytes
from kpi.present import locale
from kpi.present.export import EXCEL_CELL_CHARS, csv_bytes, xlsx_bytes
from kpi.storage.store import Store
from tests.support import TODAY
from tests.support.stores import counts, ingest_rows

ADMIN = User("admin1", "admin")
HEADER6 = "jurisdiction,metric,period,value,source,note\n"
SH = "SH,parts_library_capacity"
BASELINE = [("SH", "parts_library_capacity", "2025Q3", "950000")]


def snapshot(store: Store) -> tuple:
    """What a user sees of the data: counts, batches, audit and every target's status."""
    with store.reading():
        status = compute_status(store, TODAY)
        return counts(store), store.batches().to_csv(), len(store.audit_log()), status.to_csv()


def refused(store: Store, data: bytes, name: str = "r.csv") -> set[tuple]:
    """Ingest ``data``; assert it changed nothing; return its (row, column, code) problems."""
    before = snapshot(store)
    result = ingest_bytes(store, data, name, "tester", today=TODAY)
    assert not result.committed
    assert snapshot(store) == before
    for problem in result.problems:  # every message is plain text in both languages
        for lang in ("zh", "en"):
            assert "Error" not in locale(lang).describe(problem)
    return {(p.row, p.column, p.code) for p in result.problems}


@pytest.fixture
def filled(store: Store) -> Store:
    ingest_rows(store, BASELINE)
    return store


# ---- silent wrong values -----------------------------------------------------------------
def test_a_number_split_by_an_unquoted_separator_is_two_row_errors(filled):
    data = (HEADER6 + f"{SH},2025Q4,912,000,,\n").encode()
    assert refused(filled, data) == {(2, None, "more_cells"), (2, "value", "split_number")}


def test_a_split_number_without_a_spare_cell_is_still_an_error(filled):
    data = (HEADER6 + f"{SH},2025Q4,912,000,\n").encode()  # six cells: source = "000"
    assert refused(filled, data) == {(2, "value", "split_number")}


def test_more_cells_than_the_header_even_when_empty(filled):
    data = (HEADER6 + f"{SH},2025Q4,912000,bureau,,\n{SH},2025Q2,1,,\n").encode()
    assert refused(filled, data) == {(2, None, "more_cells")}


@pytest.mark.parametrize("text", ["0x10", "0b11", "0o17", "1e", "--5", "5-", "١٢"])
def test_numbers_must_be_decimal(filled, text):
    data = (HEADER6 + f"{SH},2025Q4,{text},,\n").encode()
    assert refused(filled, data) == {(2, "value", "non_numeric")}


def test_decimal_spellings_still_read(store):
    data = (HEADER6 + f'{SH},2025Q2,"1,250.5",,\n{SH},2025Q3,1e3,,\n{SH},2025Q4,+7,,\n').encode()
    result = ingest_bytes(store, data, "r.csv", "tester", today=TODAY)
    assert result.committed
    assert store.current_observations()["value"].tolist() == [1250.5, 1000.0, 7.0]


# ---- encodings ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("latin-1", "Zürich, Café statistique, Genève"),
        ("latin-1", "Bureau d'études économiques"),
        ("big5", "臺北市政府主計處統計資料"),
        ("shift_jis", "東京都総務局統計部のデータ"),
    ],
)
def test_encodings_other_than_utf8_and_gbk_are_refused_naming_the_accepted(filled, encoding, text):
    data = (HEADER6 + f'{SH},2025Q2,10,ok,\n{SH},2025Q4,10,"{text}",\n').encode(encoding)
    assert refused(filled, data) == {(3, "source", "bad_encoding_cell")}
    for lang in ("zh", "en"):
        message = t("problem.bad_encoding_cell", lang, letters="E")
        assert "UTF-8" in message and "GBK" in message and "UTF-16" in message
        assert "E" in message


@pytest.mark.parametrize(
    ("before", "cell", "expected"),
    [
        ("北京市统计局", "Café".encode("latin-1"), (3, "note", "F")),  # GBK file, one Latin-1
        ("北京市统计局", "臺北市政府主計處".encode("big5"), (3, "note", "F")),  # one Big5
        ("\ufeffBOM", "Genève".encode("latin-1"), (3, "note", "F")),  # UTF-8 with BOM
    ],
)
def test_one_cell_in_another_encoding_is_named_by_row_and_column(filled, before, cell, expected):
    encoding = "utf-8" if before.startswith("\ufeff") else "gbk"
    head = HEADER6 + f'{SH},2025Q2,10,{before.lstrip(chr(0xFEFF))},"two\nlines"\n'
    data = ("\ufeff" if encoding == "utf-8" else "").encode() + head.encode(encoding)
    data += f"{SH},2025Q3,10,bureau,".encode() + cell + b"\n"
    (problem,) = refused(filled, data)
    assert problem == (expected[0], expected[1], "bad_encoding_cell")
    result = ingest_bytes(filled, data, "r.csv", "tester", today=TODAY)
    assert result.problems[0].params["letters"] == expected[2]
    assert "row 3, column 'note'" in locale("en").describe(result.problems[0])
    assert "第 3 行" in locale("zh").describe(result.problems[0])


def test_a_heading_in_another_encoding_is_named_by_its_letters(filled):
    data = b"jurisdiction,metric,period,value," + "Qualité".encode("latin-1")
    data += f"\n{SH},2025Q3,10,x\n".encode()
    assert refused(filled, data) == {(1, "E", "bad_encoding_cell")}


def test_gbk_with_a_few_rare_characters_is_still_read(store):
    text = "北京市统计局，联系人：王喆、张堃" * 3  # 喆 and 堃 are GBK, not GB2312
    data = (HEADER6 + f"{SH},2025Q4,10,{text},\n").encode("gbk")
    assert ingest_bytes(store, data, "r.csv", "tester", today=TODAY).committed
    assert store.observation_history("SH", "parts_library_capacity").at[0, "source"] == text


# ---- control characters and long texts ----------------------------------------------------------
@pytest.mark.parametrize("bad", ["\x00", "\x07", "\x1b[31m", "\x7f", "\x85", "\ufffe"])
def test_control_characters_in_note_or_source_are_row_errors(filled, bad):
    data = (HEADER6 + f"{SH},2025Q4,10,bur{bad}eau,fine\n{SH},2025Q2,10,ok,n{bad}ote\n").encode()
    assert refused(filled, data) == {
        (2, "source", "control_characters"),
        (3, "note", "control_characters"),
    }


def test_line_breaks_and_tabs_inside_a_quoted_note_are_kept(store):
    data = (HEADER6 + f'{SH},2025Q4,10,bureau,"line one\nline\ttwo"\n').encode()
    assert ingest_bytes(store, data, "r.csv", "tester", today=TODAY).committed


def test_a_note_longer_than_a_cell_is_a_row_error(filled):
    data = (HEADER6 + f"{SH},2025Q4,10,bureau,{'长' * (MAX_CELL_CHARS + 1)}\n").encode()
    assert refused(filled, data) == {(2, "note", "text_too_long")}


def test_a_csv_cell_beyond_the_csv_modules_field_limit_is_refused(filled):
    data = (HEADER6 + f"{SH},2025Q4,10,b,{'x' * 200_000},extra\n").encode()  # ragged: csv module
    assert refused(filled, data) == {(2, "note", "cell_too_long_cell")}
    result = ingest_bytes(filled, data, "r.csv", "tester", today=TODAY)
    assert "column F" in locale("en").describe(result.problems[0])


def test_xlsx_export_never_fails_on_stored_text():
    import pandas as pd

    frame = pd.DataFrame({"note": ["a\x00b\x01c", "x" * 40_000, "=1+1"], "value": [1, 2, 3]})
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(frame, loc=locale("en"))))
    notes = [row[0].value for row in book.active.iter_rows(min_row=2)]
    assert notes[0] == "a\ufffdb\ufffdc"
    assert len(notes[1]) == EXCEL_CELL_CHARS and notes[1].endswith("40000 characters)")
    assert notes[2] == "'=1+1"
    assert "\x00" not in csv_bytes(frame).decode("utf-8-sig").split("\n")[0]


# ---- periods -------------------------------------------------------------------------------------
@pytest.mark.parametrize("period", ["1600Q1", "9999Q4", "9999-12-31", "1677-09-30", "0001Q1"])
def test_periods_outside_the_accepted_years_are_row_errors(filled, period):
    data = (HEADER6 + f"{SH},{period},10,,\n").encode()
    assert refused(filled, data) == {(2, "period", "period_out_of_range")}


def test_periods_out_of_range_in_the_cli_exit_1_without_traceback(tmp_path, capsys):
    db, bad = tmp_path / "kpi.duckdb", tmp_path / "bad.csv"
    bad.write_bytes((HEADER6 + f"{SH},9999Q4,10,,\n").encode())
    assert main(["--db", str(db), "--lang", "en", "ingest", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "row 2, column 'period'" in err and "Traceback" not in err and "Bounds" not in err


# ---- workbooks -----------------------------------------------------------------------------------
def test_a_cell_at_the_last_row_and_column_is_refused_before_reading(filled):
    data = hostile_files.far_cell_workbook()
    assert len(data) < 4096
    assert refused(filled, data, "r.xlsx") == {(None, None, "workbook_too_many_columns")}


def test_a_far_row_is_refused_before_reading(filled):
    rows = [*hostile_files.report_rows(1), (1_000_000, ("SH",))]
    data = hostile_files.workbook(hostile_files.sheet_rows(rows))
    assert refused(filled, data, "r.xlsx") == {(None, None, "workbook_too_many_cells")}


def test_a_30_mib_note_in_a_small_workbook_is_refused(filled):
    data = hostile_files.long_text_workbook(30 * 1024 * 1024)
    assert len(data) < 100_000
    assert refused(filled, data, "r.xlsx") == {(2, "note", "cell_too_long_cell")}


def test_a_long_shared_string_is_named_by_the_cell_that_uses_it(filled):
    header = ["jurisdiction", "metric", "period", "value", "source", "备注"]
    strings = [*header, "bureau", "长" * (2 * MAX_CELL_CHARS)]  # 6 MiB of XML is not read
    cells = [f'<c r="{c}1" t="s"><v>{i}</v></c>' for i, c in enumerate("ABCDEF")]
    row2 = [
        f'<c r="{c}2" t="inlineStr"><is><t>{v}</t></is></c>'
        for c, v in zip("ABCD", ["SH", "parts_library_capacity", "2025Q4", "10"], strict=True)
    ]
    row2 += ['<c r="E2" t="s"><v>6</v></c>', '<c r="F2" t="s"><v>7</v></c>']
    sheet = [
        next(iter(hostile_files.sheet_rows([]))),
        f'<row r="1">{"".join(cells)}</row><row r="2">{"".join(row2)}</row>',
        "</sheetData></worksheet>",
    ]
    data = io.BytesIO(hostile_files.workbook(sheet))
    with zipfile.ZipFile(data, "a") as archive:
        items = "".join(f"<si><t>{text}</t></si>" for text in strings)
        archive.writestr("xl/sharedStrings.xml", f"<sst>{items}</sst>")
    assert refused(filled, data.getvalue(), "r.xlsx") == {(2, "备注", "cell_too_long_cell")}


def test_whitespace_between_tags_is_no_cell_to_name(filled):
    data = hostile_files.zeros_bomb(1)
    assert refused(filled, data, "r.xlsx") == {(None, None, "cell_too_long")}


def test_a_note_just_over_the_cell_limit_in_a_workbook_is_a_row_error(filled):
    data = hostile_files.long_text_workbook(MAX_CELL_CHARS + 1)
    assert refused(filled, data, "r.xlsx") == {(2, "note", "text_too_long")}


def test_too_many_cells_are_refused(filled, monkeypatch):
    monkeypatch.setattr(workbook_guard, "MAX_CELLS", 600)  # the real limit: bench/hostile.py
    data = hostile_files.many_cells_workbook(100)  # 101 rows x 6 cells
    assert refused(filled, data, "r.xlsx") == {(None, None, "workbook_too_many_cells")}


def test_an_unpacked_size_over_the_limit_is_refused(filled, monkeypatch):
    monkeypatch.setattr(workbook_guard, "MAX_UNCOMPRESSED_MB", 5)  # real size: bench/hostile.py
    data = hostile_files.zeros_bomb(6)
    assert len(data) < 100_000
    assert refused(filled, data, "r.xlsx") == {(None, None, "workbook_too_big")}


@pytest.mark.parametrize(
    "make",
    [
        hostile_files.encrypted_container,
        lambda: hostile_files.encrypted_zip(hostile_files.many_cells_workbook(2)),
    ],
)
def test_encrypted_workbooks_are_refused_plainly(filled, make):
    assert refused(filled, make(), "r.xlsx") == {(None, None, "encrypted_workbook")}


@pytest.mark.parametrize(
    "data",
    [
        hostile_files.many_cells_workbook(3)[:-200],  # truncated download
        hostile_files.many_cells_workbook(3)[:400] + b"\0" * 400,
        b"PK\x05\x06" + b"\0" * 18,  # an empty zip
        b"random bytes that are no workbook at all",
    ],
)
def test_corrupt_workbooks_are_refused_plainly(filled, data):
    assert refused(filled, data, "r.xlsx") == {(None, None, "corrupt_workbook")}


def test_a_generated_workbook_within_the_limits_is_read(store):
    rows = [(1, hostile_files.HEADER), (2, ("SH", "parts_library_capacity", "2025Q3", "5"))]
    data = hostile_files.workbook(hostile_files.sheet_rows(rows))
    assert ingest_bytes(store, data, "r.xlsx", "tester", today=TODAY).committed


# ---- size while streaming ------------------------------------------------------------------------
def test_a_file_over_the_limit_is_not_read_whole(filled, tmp_path: Path, monkeypatch):
    path = tmp_path / "big.csv"
    with path.open("wb") as file:
        file.truncate((ingest.MAX_UPLOAD_MB + 1) * 1024 * 1024)
    reads: list[int] = []
    real_open = Path.open

    def counting_open(self: Path, *args, **kwargs):
        file = real_open(self, *args, **kwargs)
        read = file.read
        file.read = lambda n=-1: reads.append(n) or read(n)  # type: ignore[method-assign]
        return file

    monkeypatch.setattr(Path, "open", counting_open)
    before = snapshot(filled)
    result = check_file(filled, path, ADMIN, today=TODAY)
    assert not result.ok
    assert [p.code for p in result.problems] == ["too_large_stream"]
    assert all(0 < n <= 1 << 20 for n in reads)  # never an unbounded read
    assert sum(reads) <= (ingest.MAX_UPLOAD_MB * 1024 * 1024) + (1 << 20)
    assert snapshot(filled) == before


# ---- exports -------------------------------------------------------------------------------------
def test_status_csv_from_the_cli_holds_no_live_formula(tmp_path, capsys, monkeypatch):
    # The catalog refuses such codes; the export neutralises text cells all the same.
    import kpi.cli.main

    real = kpi.cli.main.compute_status

    def hostile_status(*args, **kwargs):
        frame = real(*args, **kwargs)
        return frame.assign(plan='=HYPERLINK("http://x")', metric="@SUM(A1)", min=-5.0)

    monkeypatch.setattr(kpi.cli.main, "compute_status", hostile_status)
    capsys.readouterr()
    assert main(["--db", str(tmp_path / "kpi.duckdb"), "status", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) > 1
    cells = [cell.strip('"') for line in lines for cell in line.split(",")]
    assert '\'=HYPERLINK(""http://x"")' in cells and "'@SUM(A1)" in cells
    assert "-5.0" in cells  # numbers stay numbers
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)
