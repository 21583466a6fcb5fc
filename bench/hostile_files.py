"""Generated hostile and careless workbooks, for tests and bench/hostile.py.

Built as raw OOXML parts where a spreadsheet library would refuse to write them
(a cell at XFD1048576 beside A1, a million cells, a text of 30 MiB): the point is
what a reader does with files that someone crafted or a broken tool produced.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator

HEADER = ("jurisdiction", "metric", "period", "value", "source", "note")

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="report" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
_SHEET_OPEN = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_SHEET_CLOSE = "</sheetData></worksheet>"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _column(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def sheet_rows(rows: Iterable[tuple[int, Iterable[object]]]) -> Iterator[str]:
    """Sheet XML for (row number, cells) pairs, cells as inline strings from column A."""
    yield _SHEET_OPEN
    for number, cells in rows:
        parts = [f'<row r="{number}">']
        for col, value in enumerate(cells, start=1):
            ref = f"{_column(col)}{number}"
            parts.append(f'<c r="{ref}" t="inlineStr"><is><t>{_escape(str(value))}</t></is></c>')
        parts.append("</row>")
        yield "".join(parts)
    yield _SHEET_CLOSE


def workbook(sheet_xml: Iterable[str]) -> bytes:
    """A minimal .xlsx around one sheet's XML (streamed into the zip piece by piece)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as part:
            for piece in sheet_xml:
                part.write(piece.encode())
    return buffer.getvalue()


def report_rows(n: int, note: str = "") -> Iterator[tuple[int, tuple[object, ...]]]:
    """The header and ``n`` valid-looking data rows (Shanghai's parts library)."""
    yield 1, HEADER
    for i in range(n):
        yield i + 2, ("SH", "parts_library_capacity", "2025Q4", 1000 + i, "stats bureau", note)


def far_cell_workbook() -> bytes:
    """A few bytes that claim the sheet's last cell: a reader's grid of 1M x 16k."""
    rows = [*report_rows(1), (1_048_576, ("",) * 0)]
    xml = list(sheet_rows(rows))
    xml[-2] = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    return workbook(xml)


def long_text_workbook(chars: int) -> bytes:
    """One row whose note has ``chars`` characters (30 MiB compress to about 30 KB)."""
    return workbook(sheet_rows(report_rows(1, note="x" * chars)))


def many_cells_workbook(rows: int) -> bytes:
    """``rows`` data rows of six cells each."""
    return workbook(sheet_rows(report_rows(rows)))


def zeros_bomb(megabytes: int) -> bytes:
    """A sheet padded with whitespace: ``megabytes`` MiB unpacked, a few hundred KB packed."""
    pad = " " * (1 << 20)
    head = list(sheet_rows(report_rows(1)))
    return workbook([*head[:-1], *(pad for _ in range(megabytes)), head[-1]])


def encrypted_zip(data: bytes) -> bytes:
    """``data`` with every entry marked encrypted, as a zip tool with a password marks it."""
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        offsets = [info.header_offset for info in archive.infolist()]
        central = archive.start_dir
    for offset in offsets:
        out[offset + 6] |= 0x1  # general purpose flag of the local header
    position = central
    while out[position : position + 4] == b"PK\x01\x02":
        out[position + 8] |= 0x1  # ... and of the central directory entry
        name, extra, comment = (
            int.from_bytes(out[position + i : position + i + 2], "little") for i in (28, 30, 32)
        )
        position += 46 + name + extra + comment
    return bytes(out)


def encrypted_container() -> bytes:
    """The start of an OLE compound file: what Excel writes for a password-protected book."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4088
