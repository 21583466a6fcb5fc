"""The one text-width measure of charts and briefings (kpi.present.text_metrics)."""

from __future__ import annotations

import pytest

from kpi.present.text_metrics import NARROW, is_wide, text_px, text_width


@pytest.mark.parametrize(
    ("char", "wide"),
    [
        ("合", True),  # a Chinese character
        ("，", True),  # full-width punctuation (East Asian width F)
        ("Ａ", True),  # a full-width Latin letter
        ("。", True),
        ("a", False),
        ("7", False),
        ("·", False),  # the middle dot of "value · goal" (ambiguous width: drawn narrow)
        ("—", False),
        ("≥", False),
        ("■", False),  # the legend's status chip
        ("ｱ", False),  # half-width katakana
    ],
)
def test_wide_characters_are_east_asian_wide_or_full_width(char: str, wide: bool) -> None:
    assert is_wide(char) is wide


@pytest.mark.parametrize(
    ("text", "ems"),
    [
        ("", 0),
        ("合成生物学", 5),
        ("Talent", 6 * NARROW),
        ("目标 ≥ 10万 株", 4 + 6 * NARROW),
        ("当前值，9.27", 4 + 4 * NARROW),
    ],
)
def test_width_counts_wide_characters_whole_and_others_narrow(text: str, ems: float) -> None:
    assert text_width(text) == pytest.approx(ems)
    assert text_px(text, 14) == pytest.approx(14 * ems)
