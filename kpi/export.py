"""Tables out as CSV and XLSX, safe to open in a spreadsheet.

Text cells that start with = + - @ (or a tab / carriage return) would be run as
formulas by Excel or LibreOffice: they get a leading apostrophe (OWASP's advice).
Numeric columns stay numbers.
"""

from __future__ import annotations

import io
import re

import pandas as pd

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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


def xlsx_bytes(frame: pd.DataFrame, sheet_name: str = "data") -> bytes:
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        neutralise(frame).to_excel(writer, index=False, sheet_name=sheet_title(sheet_name))
    return buf.getvalue()
