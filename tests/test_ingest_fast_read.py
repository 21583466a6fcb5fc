"""CSV files read by Arrow's fast parser give the same cells as pandas' parser would.

Where Arrow gives up (ragged rows, stray quotes), pandas reads the file as before.
"""

import io

import pandas as pd
import pytest

from kpi.ingest import _read_csv_arrow, _read_grid, parse_upload

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
    "short row": "BJ,leading_teams,2025Q2,1\n",
    "whitespace line": "BJ,leading_teams,2025Q2,1,\n   \n",
    "chinese": "北京市,合成生物学领军团队,2025年第二季度,1,备注\n",
}
PANDAS_ONLY = {"short row", "whitespace line"}  # Arrow gives up on these


def _pandas_grid(text: str) -> pd.DataFrame:
    return pd.read_csv(
        io.StringIO(text), header=None, dtype=str, keep_default_na=False, skip_blank_lines=False
    )


@pytest.mark.parametrize(("name", "body"), FILES.items(), ids=FILES.keys())
def test_grid_is_cell_for_cell_the_pandas_grid(name, body):
    text = HEADER + body
    assert (_read_csv_arrow(text) is None) == (name in PANDAS_ONLY)
    grid = _read_grid(text.encode(), "report.csv")
    expected = _pandas_grid(text)
    assert grid.shape == expected.shape
    assert grid.fillna("").to_numpy().tolist() == expected.fillna("").to_numpy().tolist()


def test_too_many_fields_is_still_reported_as_unreadable(catalog):
    parsed = parse_upload(
        (HEADER + "BJ,leading_teams,2025Q2,1,x,extra\n").encode(), "r.csv", catalog
    )
    assert [(p.row, p.code) for p in parsed.problems] == [(None, "unreadable")]
    assert "Expected 5 fields in line 2, saw 6" in parsed.problems[0].params["detail"]
