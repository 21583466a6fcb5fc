"""Spreadsheet exports: formula-safe cells and valid sheet titles."""

import io

import openpyxl
import pandas as pd
import pytest

from kpi.present.export import csv_bytes, sheet_title, xlsx_bytes


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("status", "status"),
        ("BJ-2024:leading_teams-history", "BJ-2024_leading_teams-history"),
        ("a[b]c*d?e/f\\g", "a_b_c_d_e_f_g"),
        ("x" * 40, "x" * 31),
        ("", "data"),
    ],
)
def test_sheet_titles_are_valid_for_excel(name, title):
    assert sheet_title(name) == title


def test_xlsx_with_a_target_code_name_opens_with_neutralised_cells():
    frame = pd.DataFrame({"note": ["=1+1", "@SUM(A1)", "fine"], "value": [-3, 2, 1]})
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(frame, "BJ-2024:leading_teams")))
    sheet = book.active
    assert sheet.title == "BJ-2024_leading_teams"
    rows = list(sheet.iter_rows(values_only=True))
    assert rows == [("note", "value"), ("'=1+1", -3), ("'@SUM(A1)", 2), ("fine", 1)]


def test_csv_has_bom_and_neutralised_text_but_numbers_stay_numbers():
    frame = pd.DataFrame({"名称": ["+cmd", "-x"], "value": [-1.5, 2.0]})
    data = csv_bytes(frame)
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines() == ["名称,value", "'+cmd,-1.5", "'-x,2.0"]
