"""Where in a delimited file a whole-file refusal comes from: the first cell whose bytes
are in an encoding we do not accept, or that is longer than a cell holds.

Only on the refusal path: a Python tokenizer close to the csv module's (quoted fields
may hold separators, line breaks and doubled quotes), so that the row numbers are the
spreadsheet's and the column is the one the header names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

_QUOTE = '"'


@dataclass(frozen=True)
class Cell:
    """A cell's place: ``row`` as a spreadsheet numbers it (the header is row 1),
    ``column`` counted from 1, and the header's text above it ("" when none)."""

    row: int
    column: int
    heading: str

    @property
    def letters(self) -> str:
        """The column as a spreadsheet names it: 1 -> A, 27 -> AA."""
        letters, column = "", self.column
        while column:
            column, rest = divmod(column - 1, 26)
            letters = chr(ord("A") + rest) + letters
        return letters


def _pattern(delimiter: str) -> re.Pattern[str]:
    d = re.escape(delimiter)
    return re.compile(rf'("(?:[^"]|"")*"|[^"{d}\r\n]*)({d}|\r\n|\n|\r|$)')


def _cells(text: str, delimiter: str) -> Iterator[tuple[int, int, str]]:
    """(row, column, raw cell text) of every cell, rows and columns from 1."""
    row, column, position = 1, 1, 0
    pattern = _pattern(delimiter)
    while position < len(text):
        match = pattern.match(text, position)
        if match is None or match.end() == position:  # a stray quote: take it as text
            end = text.find(delimiter, position + 1)
            match = pattern.match(text, end if end > 0 else len(text))
            if match is None:
                return
        yield row, column, match.group(1)
        position = match.end()
        if match.group(2) == delimiter:
            column += 1
        else:
            row, column = row + 1, 1
        if not match.group(2):
            return


def _first(
    text: str, delimiter: str, bad: Callable[[str], bool], headings: Callable[[str], str]
) -> Cell | None:
    header: dict[int, str] = {}
    for row, column, raw in _cells(text, delimiter):
        is_bad = bad(raw)
        if row == 1:
            header[column] = headings(raw)
        if is_bad:
            return Cell(row, column, header.get(column, ""))
    return None


def _unquoted(raw: str) -> str:
    if len(raw) >= 2 and raw.startswith(_QUOTE) and raw.endswith(_QUOTE):
        return raw[1:-1].replace('""', _QUOTE)
    return raw


def long_cell(text: str, delimiter: str, limit: int) -> Cell | None:
    """The first cell of more than ``limit`` characters."""
    return _first(text, delimiter, lambda raw: len(_unquoted(raw)) > limit, _heading)


def _heading(raw: str) -> str:
    return _unquoted(raw).strip().lstrip("\ufeff")


def undecodable_cell(data: bytes, accepted: Callable[[bytes], str | None]) -> Cell | None:
    """The first cell whose bytes are not in the file's encoding.

    ``accepted(cell_bytes)`` names the accepted encoding the bytes are in ("utf-8",
    "gb18030") or None. The file's encoding is the one of its first non-ASCII cell
    that has one; a cell in none, or in another one than that, is the first bad cell
    (a UTF-8 file with one GBK cell, a GBK file with one Latin-1 or Big5 cell).
    """
    # Latin-1 maps bytes to characters one to one, and every separator and quote we
    # split on is ASCII, which no accepted encoding uses inside a multi-byte character.
    text = data.decode("latin-1")
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "," not in first_line and "\t" in first_line else ","
    found: list[str | None] = []

    def bad(raw: str) -> bool:
        if raw.isascii():
            return False
        encoding = accepted(raw.encode("latin-1"))
        if encoding is None or (found and encoding != found[0]):
            return True
        found.append(encoding)
        return False

    def heading(raw: str) -> str:
        raw_bytes = raw.encode("latin-1")
        encoding = "ascii" if raw.isascii() else accepted(raw_bytes)
        if encoding is None:
            return ""  # a heading in no accepted encoding is named by its letters
        return _heading(raw_bytes.decode(encoding))

    return _first(text, delimiter, bad, heading)
