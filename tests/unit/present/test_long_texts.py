"""No text is lost silently on the way out: every text a report stores fits an Excel
cell (longer ones are refused at ingest, by row and column), so its XLSX export holds it
whole; a longer text from elsewhere (a plan's paragraph in the catalog) is cut with a
marker in the cell and counted for the page, which says so beside the download
(tests/pages/test_long_text_downloads.py)."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd

from kpi.ingest.read import MAX_CELL_CHARS
from kpi.ingest.workflow import ingest_bytes
from kpi.present.export import EXCEL_CELL_CHARS, xlsx_bytes, xlsx_cut_cells
from kpi.present.locale import locale
from tests.support import TODAY
from tests.support.files import csv_bytes
from tests.unit.ingest.test_task_reports import ZH as TASK_HEADER

NOTE_HEADER = ("jurisdiction", "metric", "period", "value", "source", "note")


def cells(data: bytes, column: int) -> list[object]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    return [row[column].value for row in sheet.iter_rows(min_row=2)]


def test_the_ingest_limit_is_the_excel_cell_limit():
    assert MAX_CELL_CHARS == EXCEL_CELL_CHARS


def test_a_note_as_long_as_ingest_allows_is_exported_whole(store):
    note = "长" * (MAX_CELL_CHARS - 1) + "尾"
    rows = [("SH", "parts_library_capacity", "2025Q3", "1", "bureau", note)]
    assert ingest_bytes(store, csv_bytes(rows, NOTE_HEADER), "r.csv", "t", today=TODAY).committed
    longer = [("SH", "parts_library_capacity", "2025Q2", "1", "bureau", note + "!")]
    refused = ingest_bytes(store, csv_bytes(longer, NOTE_HEADER), "r2.csv", "t", today=TODAY)
    assert [(p.row, p.column, p.code) for p in refused.problems] == [(2, "note", "text_too_long")]
    history = store.observation_history("SH", "parts_library_capacity")
    assert xlsx_cut_cells(history) == 0
    assert cells(xlsx_bytes(history), history.columns.get_loc("note")) == [note]


def test_progress_as_long_as_ingest_allows_is_exported_whole(store):
    progress = "进" * MAX_CELL_CHARS
    row = ("BJ-2024.T8", "2025Q3", "推进中", progress, "", "")
    assert ingest_bytes(store, csv_bytes([row], TASK_HEADER), "p.csv", "t", today=TODAY).committed
    longer = ("BJ-2024.T8", "2025Q2", "推进中", progress + "!", "", "")
    refused = ingest_bytes(store, csv_bytes([longer], TASK_HEADER), "p2.csv", "t", today=TODAY)
    assert [(p.row, p.code) for p in refused.problems] == [(2, "text_too_long")]
    reports = store.task_reports()
    assert xlsx_cut_cells(reports) == 0
    assert cells(xlsx_bytes(reports), reports.columns.get_loc("progress")) == [progress]


def test_a_longer_text_is_cut_with_a_marker_and_counted():
    text_zh = "条" * 40_000  # a plan's paragraph: the catalog is not held to a cell
    formula = "=" + "x" * (EXCEL_CELL_CHARS - 1)  # fits, until the apostrophe is added
    frame = pd.DataFrame({"text_zh": [text_zh, "short", formula], "value": [1, 2, 3]})
    assert xlsx_cut_cells(frame) == 2
    exported = cells(xlsx_bytes(frame, loc=locale("zh")), 0)
    assert len(exported[0]) == EXCEL_CELL_CHARS and exported[0].endswith("原文共 40000 字）")
    assert exported[1] == "short"
    assert exported[2].startswith("'=") and "32768" in exported[2]
    assert xlsx_cut_cells(pd.DataFrame({"x" * 40_000: [1]})) == 1  # a heading too
