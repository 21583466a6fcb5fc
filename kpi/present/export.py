"""Tables out as CSV and XLSX, safe to open in a spreadsheet.

Text cells that start with = + - @ (or a tab / carriage return) would be run as
formulas by Excel or LibreOffice: they get a leading apostrophe (OWASP's advice).
Numeric columns stay numbers. In XLSX, characters a workbook cannot hold (control
characters, which openpyxl refuses with an exception) are shown as U+FFFD, and a text
longer than a cell holds is cut with a visible marker, and the page says beside the
download how many were (``xlsx_cut_cells``; the CSV keeps them whole): stored text never
breaks a download, and none is lost without a word.
"""

from __future__ import annotations

import io
import re

import pandas as pd

from kpi.present.locale import Locale, locale

#: The control characters openpyxl refuses in a cell (its ILLEGAL_CHARACTERS_RE), written
#: out here so that the command line does not load openpyxl to export a CSV.
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: The most characters an Excel cell holds.
EXCEL_CELL_CHARS = 32_767


def neutralise_cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells cannot start a formula."""
    out = frame.copy()
    for col in out.columns:
        if not pd.api.types.is_numeric_dtype(out[col]) and not pd.api.types.is_bool_dtype(out[col]):
            out[col] = out[col].map(neutralise_cell)
    out.columns = [neutralise_cell(str(c)) for c in out.columns]
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM, so that Excel on Chinese Windows shows the Chinese correctly."""
    return neutralise(frame).to_csv(index=False).encode("utf-8-sig")


def sheet_title(name: str) -> str:
    """A valid Excel sheet title: no []:*?/\\ and at most 31 characters."""
    return re.sub(r"[\[\]:*?/\\]", "_", name)[:31] or "data"


def cell_text(value: object, loc: Locale | None = None) -> object:
    """A text a workbook cell can hold: controls as U+FFFD, cut with a marker (in the
    language of ``loc``, Chinese by default) if too long."""
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    if len(value) <= EXCEL_CELL_CHARS:
        return value
    marker = (loc or locale()).t("export.truncated", length=len(value))
    return value[: EXCEL_CELL_CHARS - len(marker)] + marker


def _text_columns(frame: pd.DataFrame) -> list[str]:
    return [
        col
        for col in frame.columns
        if frame[col].dtype == object or pd.api.types.is_string_dtype(frame[col])
    ]


def xlsx_cut_cells(frame: pd.DataFrame) -> int:
    """How many cells (headings included) :func:`xlsx_bytes` cuts to fit a cell: texts
    longer than EXCEL_CELL_CHARS once a formula's apostrophe is added. The page says so
    beside the download (the CSV download holds them whole), the cell itself too."""
    cut = _too_long(pd.Series([str(c) for c in frame.columns], dtype=object))
    for col in _text_columns(frame):
        cut += _too_long(frame[col])
    return int(cut)


def _too_long(texts: pd.Series) -> int:
    texts = texts[texts.map(lambda value: isinstance(value, str))]
    if texts.empty:
        return 0
    lengths = texts.str.len() + texts.str.startswith(_FORMULA_START).astype(int)
    return int((lengths > EXCEL_CELL_CHARS).sum())


def xlsx_bytes(frame: pd.DataFrame, sheet_name: str = "data", loc: Locale | None = None) -> bytes:
    """The frame as a workbook; a text longer than a cell is cut with a marker saying
    how long it was (count them with :func:`xlsx_cut_cells`)."""
    safe = neutralise(frame)
    for col in _text_columns(safe):
        safe[col] = safe[col].map(lambda value: cell_text(value, loc))
    safe.columns = [cell_text(str(c), loc) for c in safe.columns]
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        safe.to_excel(writer, index=False, sheet_name=sheet_title(sheet_name))
    return buf.getvalue()
