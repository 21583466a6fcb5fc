"""The PDF text layer names unified ideographs: ToUnicode maps rewritten (kpi.present.pdf_text)."""

from __future__ import annotations

import pytest

from kpi.present.pdf_text import _fix_cmap, _mapped_text, is_stand_in, stand_ins

CMAP = """/CIDInit /ProcSet findresource begin
begincmap
1 begincodespacerange
<00> <FF>
endcodespacerange
3 beginbfchar
<09> <2EDB>
<0A> <2F70>
<0B> <9669>
endbfchar
1 beginbfrange
<10> <11> <2F63>
endbfrange
endcmap
end"""


@pytest.mark.parametrize(
    ("ch", "expected"),
    [("⻛", True), ("⽰", True), ("\uf900", True), ("风", False), ("示", False), ("A", False)],
)
def test_stand_ins_are_the_radical_and_compatibility_blocks(ch, expected):
    assert is_stand_in(ord(ch)) is expected


def test_a_cmap_naming_radicals_is_rewritten_to_the_characters_shown():
    fixed = _fix_cmap(CMAP.encode("latin-1"))
    assert fixed is not None
    text = _mapped_text(fixed.decode("latin-1"))
    assert stand_ins(text) == []
    assert "风" in text and "示" in text and "险" in text  # ⻛ → 风, ⽰ → 示, 险 kept
    assert "生" in text  # the range <10>-<11> from ⽣ (U+2F63) became a list


def test_a_cmap_without_stand_ins_is_left_alone():
    assert (
        _fix_cmap(
            CMAP.replace("2EDB", "98CE")
            .replace("2F70", "793A")
            .replace("2F63", "4E00")
            .encode("latin-1")
        )
        is None
    )
