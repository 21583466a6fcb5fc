"""A PDF text layer whose characters are the ones shown.

Chromium (Skia) writes each embedded font's ToUnicode map from the font's own character
map, glyph by glyph. Noto Sans CJK draws 风 and the radical ⻛ (U+2EDB), 示 and the
Kangxi radical ⽰ (U+2F70) with one glyph, and Skia names that glyph by its lowest code
point: the radical. Copying or searching the PDF then finds "⻛险", never 风险.

:func:`searchable` rewrites every ToUnicode map of a PDF (with pypdf): a code point in
the CJK radical blocks (U+2E80–U+2FDF) or a CJK compatibility ideograph becomes the
unified ideograph that shares its glyph in the CJK font Chromium draws with (read with
fontTools from the file fontconfig picks for :data:`kpi.present.theme.FONT_FAMILY`), or
its NFKC form where the font has none. Nothing else in the PDF changes.
"""

from __future__ import annotations

import functools
import io
import re
import subprocess
import unicodedata
from collections import defaultdict

from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, StreamObject

from kpi.present.theme import FONT_FAMILY

__all__ = ["fix_text_layer", "is_stand_in", "searchable", "stand_ins"]

# Code points a PDF viewer should never be handed for Chinese text
_STAND_IN_BLOCKS = ((0x2E80, 0x2FDF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F))


def is_stand_in(code_point: int) -> bool:
    """True for a CJK radical or compatibility ideograph (a stand-in for a unified one)."""
    return any(lo <= code_point <= hi for lo, hi in _STAND_IN_BLOCKS)


def stand_ins(text: str) -> list[str]:
    """The distinct stand-in characters of ``text``, in code point order."""
    return sorted({ch for ch in text if is_stand_in(ord(ch))})


def _font_file() -> tuple[str, int] | None:
    family = FONT_FAMILY.split(",")[0].strip()
    try:
        found = subprocess.run(
            ["fc-match", "--format=%{file}\n%{index}", family],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.split("\n")
        return found[0], int(found[1] or 0)
    except (OSError, subprocess.SubprocessError, ValueError, IndexError):
        return None


@functools.lru_cache(maxsize=1)
def _shared_glyphs() -> dict[int, int]:
    """Stand-in code point -> the unified ideograph drawn with the same glyph."""
    located = _font_file()
    if located is None:
        return {}
    try:
        from fontTools.ttLib import TTFont

        cmap = TTFont(located[0], fontNumber=located[1], lazy=True).getBestCmap() or {}
    except Exception:  # an unreadable or non-OpenType font: NFKC alone then
        return {}
    by_glyph: dict[str, list[int]] = defaultdict(list)
    for cp, glyph in cmap.items():
        if not is_stand_in(cp):
            by_glyph[glyph].append(cp)
    return {
        cp: min(by_glyph[glyph])
        for cp, glyph in cmap.items()
        if is_stand_in(cp) and by_glyph.get(glyph)
    }


def _unified(ch: str) -> str:
    cp = ord(ch)
    if not is_stand_in(cp):
        return ch
    shared = _shared_glyphs().get(cp)
    if shared is not None:
        return chr(shared)
    return unicodedata.normalize("NFKC", ch)


def _fixed(text: str) -> str:
    return "".join(_unified(ch) for ch in text)


_HEX = r"<([0-9A-Fa-f]+)>"
_PAIR = re.compile(_HEX + r"\s*" + _HEX)
_RANGE = re.compile(_HEX + r"\s*" + _HEX + r"\s*(" + _HEX + r"|\[[^\]]*\])")


def _utf16(hex_text: str) -> str:
    return bytes.fromhex(hex_text).decode("utf-16-be", errors="surrogatepass")


def _hex(text: str) -> str:
    return text.encode("utf-16-be", errors="surrogatepass").hex().upper()


def _fix_cmap(data: bytes) -> bytes | None:
    """The ToUnicode CMap ``data`` with stand-ins replaced, or None if it has none."""
    body = data.decode("latin-1")
    if not any(is_stand_in(ord(ch)) for ch in _mapped_text(body)):
        return None

    def fix_chars(block: re.Match[str]) -> str:
        return _PAIR.sub(
            lambda m: f"<{m.group(1)}> <{_hex(_fixed(_utf16(m.group(2))))}>", block.group(0)
        )

    def fix_ranges(block: re.Match[str]) -> str:
        def one(m: re.Match[str]) -> str:
            lo, hi, dst = m.group(1), m.group(2), m.group(3)
            if dst.startswith("["):
                items = re.sub(_HEX, lambda x: f"<{_hex(_fixed(_utf16(x.group(1))))}>", dst)
                return f"<{lo}> <{hi}> {items}"
            start = _utf16(m.group(4))
            n = int(hi, 16) - int(lo, 16) + 1
            if len(start) != 1 or not any(is_stand_in(ord(start) + k) for k in range(n)):
                return m.group(0)
            dsts = " ".join(f"<{_hex(_fixed(chr(ord(start) + k)))}>" for k in range(n))
            return f"<{lo}> <{hi}> [{dsts}]"

        return _RANGE.sub(one, block.group(0))

    body = re.sub(r"beginbfchar.*?endbfchar", fix_chars, body, flags=re.S)
    body = re.sub(r"beginbfrange.*?endbfrange", fix_ranges, body, flags=re.S)
    return body.encode("latin-1")


def _mapped_text(body: str) -> str:
    """Every destination string of a CMap (ranges by their first and last character)."""
    out = [
        _utf16(m.group(2))
        for b in re.findall(r"beginbfchar(.*?)endbfchar", body, re.S)
        for m in _PAIR.finditer(b)
    ]
    for b in re.findall(r"beginbfrange(.*?)endbfrange", body, re.S):
        for m in _RANGE.finditer(b):
            if m.group(4):
                start = _utf16(m.group(4))
                n = int(m.group(2), 16) - int(m.group(1), 16)
                out.append(start + (chr(ord(start[-1]) + n) if start else ""))
            else:
                out.extend(_utf16(h) for h in re.findall(_HEX, m.group(3)))
    return "".join(out)


def _fonts(writer: PdfWriter) -> list[DictionaryObject]:
    found: dict[int, DictionaryObject] = {}
    for page in writer.pages:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources is not None else None
        if fonts is None:
            continue
        for ref in fonts.get_object().values():
            font = ref.get_object()
            found[id(font)] = font
            for descendant in font.get("/DescendantFonts") or []:
                found[id(descendant.get_object())] = descendant.get_object()
    return list(found.values())


def searchable(pdf: bytes) -> bytes:
    """``pdf`` with every ToUnicode map naming unified ideographs, not radicals or
    compatibility forms (the bytes unchanged when there is nothing to fix)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    if not fix_text_layer(writer):
        return pdf
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def fix_text_layer(writer: PdfWriter) -> bool:
    """:func:`searchable` on a document being written (no second copy of a large one);
    true when a map was rewritten."""
    changed = False
    for font in _fonts(writer):
        to_unicode = font.get("/ToUnicode")
        if to_unicode is None:
            continue
        stream = to_unicode.get_object()
        if not isinstance(stream, StreamObject):
            continue
        fixed = _fix_cmap(stream.get_data())
        if fixed is None:
            continue
        replacement = StreamObject()
        replacement.set_data(fixed)
        font[NameObject("/ToUnicode")] = writer._add_object(replacement)
        changed = True
    return changed
