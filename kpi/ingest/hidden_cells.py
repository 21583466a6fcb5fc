"""Rows and columns hidden in a workbook's first sheet (the one a report is read from).

Staff hide rows they do not mean to report; a hidden row or column that holds data is
committed like any other, so the preview warns of it (a warning to confirm, as values
that jump tenfold). Read from the sheet's XML in pieces, as kpi.ingest.workbook_guard
scans it: loading the workbook in full to ask openpyxl would cost its memory again.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pandas as pd

from kpi.domain.problems import Problem, Severity

_CHUNK = 1 << 20
_SHEET = re.compile(rb"<(?:\w+:)?sheet\b[^>]*?\b(?:\w+:)?id=\"([^\"]+)\"")
_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
_HIDDEN_TAG = re.compile(rb"<(?:\w+:)?(row|col)\b[^>]*?\bhidden=\"(?:1|true)\"[^>]*>")
_ROW_TAGS = (b"<row", b":row ")
_ATTRIBUTE = re.compile(rb"\b(\w+)=\"([^\"]*)\"")


@dataclass(frozen=True)
class HiddenLines:
    """Hidden rows (numbered from 1) and spans of hidden columns (first, last; from 1)."""

    rows: tuple[int, ...] = ()
    column_spans: tuple[tuple[int, int], ...] = ()


def hidden_lines(data: bytes) -> HiddenLines:
    """The hidden rows and columns of the workbook's first sheet; none when the workbook
    does not say which part that is."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        part = first_sheet(archive)
        if part is None:
            return HiddenLines()
        rows: list[int] = []
        spans: list[tuple[int, int]] = []
        with archive.open(part) as sheet:
            for tag, found, rows_before in _hidden_tags(sheet.read):
                if tag == b"row":  # a row without its number follows the one before
                    rows.append(int(found.get(b"r", rows_before + 1)))
                else:
                    spans.append((int(found.get(b"min", 1)), int(found.get(b"max", 1))))
    return HiddenLines(tuple(rows), tuple(spans))


def hidden_warnings(grid: pd.DataFrame, hidden: HiddenLines) -> list[Problem]:
    """A warning naming the hidden rows that hold data, and one naming the hidden columns
    that do (letter and heading). ``grid`` is the sheet's cells as read (index 0 = row 1)."""
    if not hidden.rows and not hidden.column_spans:
        return []
    filled = grid.fillna("").astype(str).apply(lambda col: col.str.strip()) != ""
    rows = [r for r in hidden.rows if 0 < r <= len(grid) and filled.iloc[r - 1].any()]
    width = grid.shape[1]
    columns = sorted(
        {
            c
            for first, last in hidden.column_spans
            for c in range(max(first, 1), min(last, width) + 1)
            if filled.iloc[:, c - 1].any()
        }
    )
    warnings = []
    if rows:
        params = {"rows": _runs(rows), "count": len(rows)}
        warnings.append(Problem(None, None, "hidden_rows", params, Severity.WARNING))
    if columns:
        header = [str(h).strip() for h in grid.iloc[0].fillna("")] if len(grid) else []
        named = [_letters(c) + (f" ({header[c - 1]})" if header[c - 1] else "") for c in columns]
        params = {"columns": ", ".join(named), "count": len(columns)}
        warnings.append(Problem(None, None, "hidden_columns", params, Severity.WARNING))
    return warnings


def _runs(numbers: list[int]) -> str:
    """1, 2, 3, 5 -> "1-3, 5": a filtered sheet hides long runs."""
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)


def _letters(column: int) -> str:
    """A column's letters as a spreadsheet shows them: 1 -> A, 27 -> AA."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def first_sheet(archive: zipfile.ZipFile) -> str | None:
    """The part name of the first sheet in the workbook's order (pandas' sheet 0)."""
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return None
    first = _SHEET.search(archive.read("xl/workbook.xml"))
    if first is None:
        return None
    for relationship in _RELATIONSHIP.findall(archive.read("xl/_rels/workbook.xml.rels")):
        found = dict(_ATTRIBUTE.findall(relationship))
        if found.get(b"Id") == first.group(1):
            target = found.get(b"Target", b"").decode()
            path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
            path = posixpath.normpath(path)
            return path if path in names else None
    return None


def _hidden_tags(
    read: Callable[[int], bytes],
) -> Iterator[tuple[bytes, dict[bytes, bytes], int]]:
    """Every hidden row and col tag of the XML, read in pieces cut before a tag: the tag
    name, its attributes, and how many rows come before it. Only hidden tags are parsed:
    a sheet of 150,000 rows is scanned at the speed of the regex engine."""
    carry, rows = b"", 0
    while chunk := read(_CHUNK):
        buffer = carry + chunk
        cut = buffer.rfind(b"<")
        piece, carry = (buffer[:cut], buffer[cut:]) if cut > 0 else (b"", buffer)
        yield from _in_piece(piece, rows)
        rows += sum(map(piece.count, _ROW_TAGS))
    yield from _in_piece(carry, rows)


def _in_piece(piece: bytes, rows: int) -> Iterator[tuple[bytes, dict[bytes, bytes], int]]:
    if b"hidden=" not in piece:  # most sheets hide nothing: no regex over them
        return
    for match in _HIDDEN_TAG.finditer(piece):
        before = rows + sum(piece.count(tag, 0, match.start()) for tag in _ROW_TAGS)
        yield match.group(1), dict(_ATTRIBUTE.findall(match.group(0))), before
