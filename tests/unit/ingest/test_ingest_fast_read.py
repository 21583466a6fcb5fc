"""CSV files read by Arrow's fast parser give the same cells as the csv module would.

Where Arrow gives up (ragged rows), the csv module reads the file, as before.
"""

import numpy as np
import pandas as pd
import pytest

from kpi.ingest.read import (
    _parse_values,
    _read_csv_arrow,
    _read_csv_module,
    _read_grid,
    parse_upload,
)

HEADER = "jurisdiction,metric,period,value,note\n"
FILES = {
    "plain": "BJ,leading_teams,2025Q2,1,x\n",
    "crlf": "BJ,leading_teams,2025Q2,1,x\r\nSH,regional_hqs,2025Q2,2,\r\n",
    "no final newline": "BJ,leading_teams,2025Q2,1,x",
    "quoted separators": 'SH,parts_library_capacity,2025Q2,"1,000,000","a ""b"""\n',
    "newline in a quoted note": 'BJ,leading_teams,2025Q2,1,"line 1\nline 2"\nBJ,x,2025Q2,2,\n',
    "blank lines": "\nBJ,leading_teams,2025Q2,1,\n\n\nSH,regional_hqs,2025Q2,2,\n\n",
    "codes that look like numbers": "BJ,leading_teams,2025Q2,007,NA\n",
    "quote inside a field": 'BJ,leading_teams,2025Q2,1,5" disk\n',
    "text after a closing quote": 'BJ,leading_teams,2025Q2,"1"0,\n',
    "chinese": "北京市,合成生物学领军团队,2025年第二季度,1,备注\n",
    "short row": "BJ,leading_teams,2025Q2,1\n",
    "unquoted thousands separator": "BJ,leading_teams,2025Q2,1,234,\n",
    "whitespace line": "BJ,leading_teams,2025Q2,1,\n   \n",
}
CSV_MODULE_ONLY = {"short row", "unquoted thousands separator", "whitespace line"}  # ragged


@pytest.mark.parametrize(("name", "body"), FILES.items(), ids=FILES.keys())
def test_grid_is_cell_for_cell_the_csv_module_grid(name, body):
    text = HEADER + body
    fast = _read_csv_arrow(text, ",")
    assert (fast is None) == (name in CSV_MODULE_ONLY)
    grid = _read_grid(text.encode(), "report.csv")
    assert grid.to_numpy().tolist() == _read_csv_module(text, ",").to_numpy().tolist()


def test_tab_separated_text_reads_the_same_both_ways():
    text = '地区\t指标\t期间\t数值\n上海市\t元件库库容\t2025Q3\t"820,000"\n'
    fast = _read_csv_arrow(text, "\t")
    assert fast is not None
    assert fast.to_numpy().tolist() == _read_csv_module(text, "\t").to_numpy().tolist()


def test_a_ragged_row_is_still_reported_by_row(catalog):
    text = "jurisdiction,metric,period,value\nBJ,leading_teams,2025Q2,1,234\n"
    parsed = parse_upload(text.encode(), "r.csv", catalog)
    assert [(p.row, p.code) for p in parsed.problems] == [(2, "extra_fields")]


def test_separators_in_numbers_are_stripped_as_pythons_regex_strips_them():
    # Users type "1 234" with any space their keyboard makes: every character Python's
    # \s matches, and , ， _, is a separator; any other character leaves the text as is.
    # (Every Unicode space is in the Basic Multilingual Plane.)
    characters = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF]
    texts = pd.Series([f"1{ch}2" for ch in characters], dtype="str")
    python_cleaned = texts.str.replace(r"[,，\s\u00a0\u2009_]", "", regex=True)
    expected = pd.to_numeric(python_cleaned, errors="coerce")
    parsed = _parse_values(texts)
    pd.testing.assert_series_equal(parsed, expected.where(np.isfinite(expected)))
    assert parsed[texts == "1\u30002"].tolist() == [12]  # ideographic space
