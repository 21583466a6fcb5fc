"""Which cell of a workbook holds a text the guard refused as too long to read.

kpi.ingest.workbook_guard refuses a workbook with a text run over the limit before any
reader parses it (a 30 MiB note would cost gigabytes). To name the row and column as
every other refusal does, this reads the first sheet's XML again in pieces, in bounded
memory: an inline text names its cell directly; a shared string is found by its index
in xl/sharedStrings.xml, then the cell that refers to it. The heading is the row-1 cell
of that column.
"""

from __future__ import annotations

import html
import re
import zipfile
from collections.abc import Callable, Iterator

from kpi.ingest.cell_finder import Cell
from kpi.ingest.hidden_cells import first_sheet

_CHUNK = 1 << 20
_CONTEXT = 4096  # bytes of XML kept before a piece: the cell tag before its text
_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})(\d{1,7})"')
_SHARED_ITEM = (b"<si>", b"<si ")
_STRINGS = "xl/sharedStrings.xml"


def _long_texts(read: Callable[[int], bytes], limit: int) -> Iterator[tuple[bytes, bytes, bytes]]:
    """Per piece of the XML (cut before a tag): the piece and, when a text run in it is
    over ``limit`` bytes, the piece's XML up to the tag that opens that run and the same
    with the end of the piece before (else b"", b"")."""
    long_text = re.compile(rb">[^<]{%d,}" % (limit + 1))
    before, carry = b"", b""
    while chunk := read(_CHUNK):
        buffer = carry + chunk
        cut = buffer.rfind(b"<")
        piece, carry = (buffer[:cut], buffer[cut:]) if cut > 0 else (b"", buffer)
        if len(carry) > limit + _CHUNK:  # a run that does not end: the tag opening it
            head = piece + carry[: carry.find(b">") + 1]
            yield piece, head, before + head
            return
        yield piece, *_head(piece, before, long_text)
        before = piece[-_CONTEXT:]
    yield carry, *_head(carry, before, long_text)


def _head(piece: bytes, before: bytes, long_text: re.Pattern[bytes]) -> tuple[bytes, bytes]:
    found = long_text.search(piece)
    if found is None:
        return b"", b""
    head = piece[: found.start() + 1]
    return head, before + head


#: A text run is a cell's text only after a text or value tag (not whitespace padding).
_TEXT_TAG = re.compile(rb"<(?:\w+:)?[tv]\b[^>]*>$")


def long_text_cell(archive: zipfile.ZipFile, limit: int) -> Cell | None:
    """The first cell of the first sheet holding a text over ``limit`` bytes, or None
    (not in that sheet, or a run of whitespace between tags rather than a cell)."""
    sheet = first_sheet(archive)
    if sheet is None:
        return None
    with archive.open(sheet) as part:
        for _piece, _, prefix in _long_texts(part.read, limit):
            if prefix and _TEXT_TAG.search(prefix[-200:]):
                cells = _CELL.findall(prefix)
                return _cell(archive, sheet, *cells[-1]) if cells else None
    index = _long_shared_string(archive, limit)
    return None if index is None else _referring_cell(archive, sheet, index)


def _long_shared_string(archive: zipfile.ZipFile, limit: int) -> int | None:
    if _STRINGS not in archive.namelist():
        return None
    items = 0  # <si> elements in the pieces before
    with archive.open(_STRINGS) as part:
        for piece, head, prefix in _long_texts(part.read, limit):
            if prefix and _TEXT_TAG.search(prefix[-200:]):
                return items + sum(map(head.count, _SHARED_ITEM)) - 1
            items += sum(map(piece.count, _SHARED_ITEM))
    return None


def _referring_cell(archive: zipfile.ZipFile, sheet: str, index: int) -> Cell | None:
    refers = re.compile(rb"<(?:\w+:)?c\b([^>]*)>\s*<(?:\w+:)?v>%d</" % index)
    with archive.open(sheet) as part:
        before = b""
        for piece, _, _prefix in _long_texts(part.read, 1 << 30):
            for match in refers.finditer(before + piece):
                if b't="s"' in match.group(1):
                    ref = re.search(rb'\br="([A-Z]{1,3})(\d{1,7})"', match.group(1))
                    if ref:
                        return _cell(archive, sheet, *ref.groups())
            before = piece[-200:]  # a cell cut at the piece's start
    return None


def _cell(archive: zipfile.ZipFile, sheet: str, letters: bytes, row: bytes) -> Cell:
    column = 0
    for letter in letters:
        column = column * 26 + letter - ord("A") + 1
    return Cell(int(row), column, _heading(archive, sheet, letters.decode()))


def _heading(archive: zipfile.ZipFile, sheet: str, letters: str) -> str:
    """The text of the column's row-1 cell (the sheet's first piece holds row 1)."""
    with archive.open(sheet) as part:
        head = part.read(_CHUNK)
    found = re.search(
        rb'<(?:\w+:)?c\b([^>]*?\br="%s1"[^>]*)>(.*?)</(?:\w+:)?c>' % letters.encode(), head, re.S
    )
    if found is None:
        return ""
    attributes, body = found.groups()
    texts = re.findall(rb"<(?:\w+:)?[tv]\b[^>]*>([^<]*)<", body)
    text = b"".join(texts).decode("utf-8", "replace")
    if b't="s"' in attributes and text.strip().isdigit():
        text = _shared_string(archive, int(text))
    return html.unescape(text).strip()


def _shared_string(archive: zipfile.ZipFile, index: int) -> str:
    if _STRINGS not in archive.namelist():
        return ""
    with archive.open(_STRINGS) as part:
        head = part.read(_CHUNK)  # a header's strings come first
    items = re.split(rb"<(?:\w+:)?si\b[^>]*>", head)[1:]
    if index >= len(items):
        return ""
    return b"".join(re.findall(rb"<(?:\w+:)?t\b[^>]*>([^<]*)<", items[index])).decode(
        "utf-8", "replace"
    )
