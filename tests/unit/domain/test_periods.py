from datetime import date

import pandas as pd
import pytest

from kpi.domain.periods import (
    last_closed_quarter_end,
    parse_period,
    parse_periods,
    quarter_end,
    quarter_ends_between,
    quarter_label,
)


@pytest.mark.parametrize(
    "text",
    [
        "2025Q3",
        "2025q3",
        "2025-Q3",
        "2025 Q3",
        "2025年第三季度",
        "2025年三季度",
        "2025年Q3",
        "2025年第3季度",
        "2025-09-30",
        "2025-09-30 00:00:00",
        "  2025Q3  ",
    ],
)
def test_every_spelling_of_the_third_quarter_2025(text):
    assert parse_period(text) == date(2025, 9, 30)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024年第一季度", date(2024, 3, 31)),
        ("2024年二季度", date(2024, 6, 30)),
        ("2024-Q4", date(2024, 12, 31)),
        ("2024 Q1", date(2024, 3, 31)),
        ("2024-06-30", date(2024, 6, 30)),
        ("2024-12-31", date(2024, 12, 31)),
        ("2024-03-31", date(2024, 3, 31)),
    ],
)
def test_each_quarter_maps_to_its_last_day(text, expected):
    assert parse_period(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2025Q5",
        "2025Q0",
        "2025-09-29",
        "2025-10-01",
        "2025-02-30",
        "third quarter",
        "",
        "2025",
        "25Q3",
        "2025年第五季度",
        "Q3 2025",
    ],
)
def test_bad_periods_are_rejected(text):
    assert parse_period(text) is None


def test_vectorised_parse_keeps_positions():
    parsed = parse_periods(pd.Series(["2025Q1", "nonsense", "2025年第四季度"]))
    assert parsed.iloc[0] == pd.Timestamp(2025, 3, 31)
    assert pd.isna(parsed.iloc[1])
    assert parsed.iloc[2] == pd.Timestamp(2025, 12, 31)


@pytest.mark.parametrize(
    ("year", "q", "expected"),
    [
        (2024, 1, date(2024, 3, 31)),
        (2024, 2, date(2024, 6, 30)),
        (2024, 3, date(2024, 9, 30)),
        (2024, 4, date(2024, 12, 31)),
    ],
)
def test_quarter_end(year, q, expected):
    assert quarter_end(year, q) == expected
    assert quarter_label(expected) == f"{year}Q{q}"


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 11, 23), date(2026, 9, 30)),
        (date(2026, 9, 30), date(2026, 9, 30)),
        (date(2026, 1, 1), date(2025, 12, 31)),
        (date(2026, 3, 30), date(2025, 12, 31)),
    ],
)
def test_last_closed_quarter(today, expected):
    assert last_closed_quarter_end(today) == expected


def test_quarter_ends_between_includes_both_ends():
    ends = quarter_ends_between(date(2024, 1, 1), date(2024, 12, 31))
    assert ends == [quarter_end(2024, q) for q in (1, 2, 3, 4)]
    assert quarter_ends_between(date(2024, 4, 1), date(2024, 6, 29)) == []
