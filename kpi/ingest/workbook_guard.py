"""Checks on an .xlsx file before any spreadsheet library parses it.

A workbook is a zip of XML parts: a few KB can expand to gigabytes, or declare a
cell at row 1,048,576 and column XFD that makes a reader build a grid of billions
of empty cells. These checks read the zip directory and stream the sheets' XML once,
in bounded memory, and stop at the first limit passed.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Callable

from kpi.domain.errors import UserError

#: Sum of the parts' uncompressed sizes.
MAX_UNCOMPRESSED_MB = 200
#: Cells in all sheets, and rows x columns of the grid a reader would build.
MAX_CELLS = 1_000_000
MAX_COLUMNS = 256
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .xlsx and old .xls files
_SCANNED_PARTS = re.compile(r"^xl/(worksheets/[^/]+\.xml|sharedStrings\.xml)$")
_CHUNK = 1 << 20


class WorkbookRefused(UserError):
    """The workbook is not read; ``code`` and ``params`` name the reason (problem.<code>)."""

    def __init__(self, code: str, **params: object):
        self.code = code
        super().__init__(f"problem.{code}", **params)


def check_workbook(data: bytes, max_cell_chars: int) -> None:
    """Raise WorkbookRefused unless the workbook is safe to hand to a reader."""
    if data.startswith(_OLE_MAGIC):
        raise WorkbookRefused("encrypted_workbook")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_directory(archive)
            for info in archive.infolist():
                if _SCANNED_PARTS.match(info.filename):
                    with archive.open(info) as part:
                        _scan_part(part.read, max_cell_chars)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, zlib.error):
        raise WorkbookRefused("corrupt_workbook") from None
    except NotImplementedError:  # a compression method zipfile does not know
        raise WorkbookRefused("corrupt_workbook") from None


def _check_directory(archive: zipfile.ZipFile) -> None:
    infos = archive.infolist()
    if any(info.flag_bits & 0x1 for info in infos):
        raise WorkbookRefused("encrypted_workbook")
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED_MB * 1024 * 1024:
        raise WorkbookRefused(
            "workbook_too_big", size=round(total / 1024 / 1024), limit=MAX_UNCOMPRESSED_MB
        )
    if "xl/workbook.xml" not in archive.namelist():
        raise WorkbookRefused("corrupt_workbook")


# Counted with byte counts and literal-led patterns over the decompressed bytes: a
# parser calling back per element takes many seconds on a million cells. Odd spellings
# only make the counts larger (a cell without a reference counts as the widest row).
_CELL_TAGS = (b"<c ", b"<c>", b":c ")
_ROW_TAGS = (b"<row", b":row ")
_CELL_REF = re.compile(rb' r="([A-Z]{1,3})\d')
_ROW_NUMBER = re.compile(rb'<row\b[^>]*?\br="(\d{1,9})"')
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


class _Scan:
    """Cells, the furthest row and column, and runs of text in one part's XML."""

    def __init__(self, max_text_bytes: int):
        # Texts between tags longer than this mean a cell over the character limit
        # (a character is at most 4 bytes): a bomb that is refused before reading.
        self.long_text = re.compile(rb">[^<]{%d,}" % (max_text_bytes + 1))
        self.max_text_bytes = max_text_bytes
        self.cells = self.rows = self.furthest_row = self.widest = 0

    def piece(self, xml: bytes) -> None:
        """Account for a piece of XML that ends just before a tag."""
        if _DOCTYPE.search(xml):
            raise WorkbookRefused("corrupt_workbook")  # no DTD in OOXML: entity tricks
        if self.long_text.search(xml):
            raise WorkbookRefused("cell_too_long", limit=self.max_text_bytes // 4)
        cells = sum(map(xml.count, _CELL_TAGS))
        refs = _CELL_REF.findall(xml)
        if cells > len(refs):
            self.widest = MAX_COLUMNS  # cells without references: assume the widest
        self.cells += cells
        self.widest = max(self.widest, *map(_column_number, set(refs)), 0)
        self.rows += sum(map(xml.count, _ROW_TAGS))
        numbers = _ROW_NUMBER.findall(xml)
        self.furthest_row = max(self.furthest_row, self.rows, *map(int, numbers), 0)
        self._check()

    def _check(self) -> None:
        if self.widest > MAX_COLUMNS:
            raise WorkbookRefused("workbook_too_many_columns", limit=MAX_COLUMNS)
        # A reader pads every row to the widest one and fills the rows skipped.
        if self.cells > MAX_CELLS or self.furthest_row * max(self.widest, 1) > MAX_CELLS:
            raise WorkbookRefused("workbook_too_many_cells", limit=MAX_CELLS)


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - ord("A") + 1
    return number


def _scan_part(read: Callable[[int], bytes], max_cell_chars: int) -> None:
    """Feed the part to _Scan in pieces cut before a tag, so that no tag is split."""
    scan = _Scan(4 * max_cell_chars)
    carry = b""
    while chunk := read(_CHUNK):
        buffer = carry + chunk
        cut = buffer.rfind(b"<")
        if cut <= 0:
            carry = buffer
        else:
            scan.piece(buffer[:cut])
            carry = buffer[cut:]
        if len(carry) > scan.max_text_bytes + _CHUNK:
            raise WorkbookRefused("cell_too_long", limit=max_cell_chars)
    scan.piece(carry)
