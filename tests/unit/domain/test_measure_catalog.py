"""Support measures (政策兑现) in the catalog: the shipped rules against their policy
texts (the catalog's own invariants), and the loader's refusals of a bad measure."""

import re
from datetime import date

import pytest

from kpi.domain.catalog import DEFAULT_CATALOG, CatalogError, load_catalog, parse_catalog
from kpi.domain.sources import in_text, policy_text, source_problems

SHIPPED = DEFAULT_CATALOG.read_text(encoding="utf-8")
CATALOG = load_catalog()

GOOD = """
[[measures]]
code = "BDA-2025:X1"
plan = "BDA-2025"
task = "BDA-2025.M5"
text_zh = "给予最高不超过 3000 万元的支持。"
text_en = "At most 30 million yuan."
cap_yuan = 30000000
"""


def _wan(text: str) -> set[float]:
    """Every amount in 万元 the sentence names, in yuan."""
    return {float(n) * 10_000 for n in re.findall(r"(\d+(?:\.\d+)?)\s*万\s*元", text)}


@pytest.mark.parametrize("code", [m.code for m in CATALOG.measures])
def test_measure_text_is_verbatim_and_its_rule_is_the_texts(code):
    measure = CATALOG.measure(code)
    text = policy_text(CATALOG.plan(measure.plan))
    assert text is not None and in_text(measure.text_zh, text)
    task = CATALOG.task(measure.task)
    assert task.plan == measure.plan and in_text(measure.text_zh, task.text_zh)
    amounts = _wan(measure.text_zh)
    for cap in (measure.cap_yuan, measure.cap_per_year_yuan):
        assert cap is None or cap in amounts, (code, cap, amounts)
    if measure.rate is not None:
        assert f"{round(measure.rate * 100)}%" in measure.text_zh
        assert measure.rate_base_zh in measure.text_zh
    start, end = CATALOG.measure_period(measure)
    plan = CATALOG.plan(measure.plan)
    assert plan.start <= end and start <= end
    assert all(t in {x.code for x in CATALOG.targets} for t in measure.targets)


def test_the_closing_dates_of_the_texts_bound_every_measure():
    for m in CATALOG.measures:
        if m.plan == "BDA-2025":  # 自公布之日起施行，至 2028 年 12 月 31 日结束
            assert CATALOG.measure_period(m) == (date(2025, 12, 29), date(2028, 12, 31))
        if m.plan == "BJ-2024":  # 本措施自2024年9月14日起执行至2026年12月31日截止
            assert CATALOG.measure_period(m) == (date(2024, 9, 14), date(2026, 12, 31))


def test_the_etown_and_beijing_rules_of_the_issue():
    rules = {(m.cap_yuan, m.rate, m.cap_per_year_yuan, m.plan) for m in CATALOG.measures}
    assert (30_000_000, None, None, "BDA-2025") in rules
    assert (1_000_000, 0.10, None, "BDA-2025") in rules
    assert (3_000_000, None, None, "BDA-2025") in rules
    assert (None, 0.30, None, "BDA-2025") in rules
    assert (50_000_000, None, None, "BJ-2024") in rules
    assert (50_000_000, 0.30, None, "BJ-2024") in rules
    assert (None, None, 500_000, "BJ-2024") in rules
    assert (50_000, 0.30, None, "BJ-2024") in rules
    assert (200_000, None, None, "BJ-2024") in rules
    voucher = next(m for m in CATALOG.measures if m.cap_per_year_yuan)
    assert voucher.per_year and "创新券" in voucher.text_zh


def test_a_measure_without_units_answers_through_its_tasks_units():
    m = next(m for m in CATALOG.measures if not m.units)
    assert CATALOG.measure_units(m) == CATALOG.task(m.task).units


def test_a_measure_appended_loads_and_a_catalog_without_measures_loads():
    catalog = parse_catalog(SHIPPED + GOOD)
    assert catalog.measure("BDA-2025:X1").cap_yuan == 30_000_000
    head = SHIPPED.split("# ---- support measures")[0]
    assert parse_catalog(head).measures == ()


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ('plan = "BDA-2025"\ntask', 'plan = "XX-1"\ntask', "plan"),
        ('task = "BDA-2025.M5"', 'task = "BDA-2025.M99"', "task"),
        ('task = "BDA-2025.M5"', 'task = "BJ-2024.M3"', "task"),
        ("cap_yuan = 30000000", 'cap_yuan = 30000000\ntargets = ["BDA-2025:nothing"]', "targets"),
        ("cap_yuan = 30000000", 'cap_yuan = 30000000\nunits = ["不存在局"]', "units"),
        ('code = "BDA-2025:X1"', 'code = "BJ-2024:X1"', "code"),
    ],
)
def test_a_measure_naming_what_the_catalog_lacks_is_refused_by_field(old, new, field):
    with pytest.raises(CatalogError) as caught:
        parse_catalog(SHIPPED + GOOD.replace(old, new))
    problems = caught.value.problems
    assert [(p.code, p.entry_field) for p in problems] == [("catalog_unknown_ref", field)]
    assert "support measure 'BDA-2025:X1'" in str(caught.value) or field in {"code", "plan"}


@pytest.mark.parametrize(
    ("extra", "rule"),
    [
        ('rate = 1.5\nrate_base_zh = "a"\nrate_base_en = "a"', "rate_not_share"),
        ("rate = 0.3", "rate_needs_base"),
        ("cap_per_year_yuan = -5", "amount_not_positive"),
        ("valid_from = 2027-01-01\nvalid_to = 2026-01-01", "validity_order"),
    ],
)
def test_a_measure_whose_rule_is_malformed_is_refused(extra, rule):
    with pytest.raises(CatalogError) as caught:
        parse_catalog(SHIPPED + GOOD + extra + "\n")
    assert [p.code for p in caught.value.problems] == [f"catalog_rule_{rule}"]


def test_a_measure_sentence_not_in_the_text_is_noticed(tmp_path):
    import shutil

    for plan in CATALOG.plans:
        shutil.copy(DEFAULT_CATALOG.parent / "policy" / plan.source, tmp_path / plan.source)
        for other in plan.also:
            shutil.copy(DEFAULT_CATALOG.parent / "policy" / other.file, tmp_path / other.file)
    changed = parse_catalog(SHIPPED + GOOD.replace("3000 万元", "4000 万元"))
    problems = source_problems(changed, tmp_path)
    assert [p for p in problems if p.startswith("measure 'BDA-2025:X1'")]
