"""Tables out as CSV and XLSX, safe to open in a spreadsheet.

Text cells that start with = + - @ (or a tab / carriage return) would be run as
formulas by Excel or LibreOffice: they get a leading apostrophe (OWASP's advice).
Numeric columns stay numbers. In XLSX, characters a workbook cannot hold (control
characters, which openpyxl refuses with an exception) are shown as U+FFFD, and a text
longer than a cell holds is cut with a visible marker: stored text never breaks a
download.
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


def xlsx_bytes(frame: pd.DataFrame, sheet_name: str = "data", loc: Locale | None = None) -> bytes:
    safe = neutralise(frame)
    for col in safe.columns:
        if safe[col].dtype == object or pd.api.types.is_string_dtype(safe[col]):
            safe[col] = safe[col].map(lambda value: cell_text(value, loc))
    safe.columns = [cell_text(str(c), loc) for c in safe.columns]
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        safe.to_excel(writer, index=False, sheet_name=sheet_title(sheet_name))
    return buf.getvalue()
