"""The presentation layer: one table of number formats, the theme, the Locale, problems."""

from __future__ import annotations

import math
from datetime import date, datetime

import pandas as pd
import pytest

from kpi.domain.problems import Problem, Severity, sort_problems
from kpi.domain.rules import Status
from kpi.i18n import LANGS, STRINGS
from kpi.present import fmt, locale, theme

NAN = float("nan")


@pytest.mark.parametrize(
    ("value", "zh", "en"),
    [
        (None, "—", "—"),
        (NAN, "—", "—"),
        (math.inf, "—", "—"),
        (pd.NA, "—", "—"),
        (0, "0", "0"),
        (6, "6", "6"),
        (2.0, "2", "2"),
        (1.25, "1.25", "1.25"),  # the same on every page and in the briefing
        (1.5, "1.5", "1.5"),
        (0.333333, "0.33", "0.33"),
        (99.999, "100", "100"),
        (123.4, "123", "123"),
        (9_999, "9,999", "9,999"),
        (9_999.6, "1万", "10,000"),
        (10_000, "1万", "10,000"),
        (820_000, "82万", "820,000"),
        (1_234_567, "123.46万", "1,234,567"),
        (150_000_000, "1.5亿", "150,000,000"),
        (-3.25, "-3.25", "-3.25"),
        (-820_000, "-82万", "-820,000"),
    ],
)
def test_number(value, zh: str, en: str) -> None:
    assert fmt.number(value, "zh") == zh
    assert fmt.number(value, "en") == en


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda: fmt.count(12.0), "12"),
        (lambda: fmt.count(1_234_567), "1,234,567"),  # counts stay exact, no 万
        (lambda: fmt.count(None), "—"),
        (lambda: fmt.percent(0.83333), "83.3%"),
        (lambda: fmt.percent(1.0), "100.0%"),
        (lambda: fmt.percent(0.5, digits=0), "50%"),
        (lambda: fmt.percent(NAN), "—"),
        (lambda: fmt.day(date(2025, 12, 31)), "2025-12-31"),
        (lambda: fmt.day(pd.Timestamp("2025-12-31 13:00")), "2025-12-31"),
        (lambda: fmt.day(pd.NaT), "—"),
        (lambda: fmt.moment(datetime(2026, 1, 5, 9, 30, 12)), "2026-01-05 09:30"),
        (lambda: fmt.moments(pd.Series([datetime(2026, 1, 5, 9, 30, 12)]))[0], "2026-01-05 09:30"),
        (lambda: fmt.when(date(2026, 5, 1)), "2026-05-01"),  # "as known on" a day
        (lambda: fmt.when(datetime(2026, 5, 1, 14, 5, 59)), "2026-05-01 14:05"),  # at a moment
    ],
)
def test_counts_percentages_and_dates(call, expected: str) -> None:
    assert call() == expected


def test_percent_points_stay_numbers_for_sorting() -> None:
    points = fmt.percent_points(pd.Series([0.83333, None, 1.2]))
    assert points.iloc[0] == 83.3 and pd.isna(points.iloc[1]) and points.iloc[2] == 120.0


def test_every_status_has_a_colour_a_symbol_and_words() -> None:
    assert tuple(Status) == theme.STATUS_ORDER
    for status in Status:
        assert theme.STATUS_COLORS[status].startswith("#")
        assert theme.STATUS_SYMBOLS[status]
        for lang in LANGS:
            assert locale(lang).status(status) == STRINGS[f"status.{status}"][LANGS.index(lang)]


def test_template_carries_the_chinese_font() -> None:
    import plotly.io as pio

    name = theme.use_template()
    assert pio.templates[name].layout.font.family == theme.FONT_FAMILY
    assert pio.templates["plotly_white"].layout.font.family != theme.FONT_FAMILY


def test_locale_names_units_and_headers(catalog) -> None:
    zh, en = locale("zh"), locale("en")
    bj, metric = catalog.jurisdiction("BJ"), catalog.metric("parts_library_capacity")
    assert (zh.name(bj), en.name(bj)) == (bj.name_zh, bj.name_en)
    assert (zh.unit(metric), en.unit(metric)) == (metric.unit_zh, metric.unit_en)
    plan = catalog.plans[0]
    assert (zh.name(plan), en.name(plan)) == (plan.title_zh, plan.title_en)
    assert en.header("pace") == "Pace (%)" and zh.header("status") == "状态"
    assert en.header("logged_at") == en.header("created_at") == "Time"
    assert en.header("not_a_column") == "not_a_column"
    assert en.header("pace", percent_points=False) == "Pace"  # cells written "83%"
    assert (zh.header("no_data"), en.header("off_track")) == ("暂无数据", "Off track")
    assert locale("fr") is locale("zh") and locale(None).lang == "zh"
    assert (zh.yes_no(True), en.yes_no(False), en.yes_no(None)) == ("是", "no", "")


def test_problem_is_told_in_either_language_with_its_place() -> None:
    problem = Problem(3, "数值", "non_numeric", {"value": "abc"})
    assert problem.severity == Severity.ERROR and problem.is_error
    assert locale("en").describe(problem) == "row 3, column '数值': value 'abc' is not a number"
    assert locale("zh").describe(problem) == "第 3 行, 列“数值”: 数值“abc”不是数字"
    warning = Problem(2, None, "empty_file", severity=Severity.WARNING)
    whole_file = Problem(None, None, "empty_file")
    assert sort_problems([problem, warning, whole_file]) == [whole_file, warning, problem]
    assert not warning.is_error


@pytest.mark.parametrize("lang", LANGS)
def test_every_column_of_the_downloaded_status_table_is_headed_in_words(store, lang) -> None:
    """Views keep canonical names; a download (``Locale.headed``) leaves none of them."""
    from kpi.assess.verdicts import compute_status
    from kpi.present.views import status_table

    frame = status_table(compute_status(store, date(2025, 12, 31)), store.catalog(), locale(lang))
    headed = locale(lang).headed(frame)
    assert not set(headed.columns) & set(frame.columns)
    assert headed.columns[list(frame.columns).index("pace")] == locale(lang).header("pace")
