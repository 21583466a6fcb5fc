from datetime import date
from pathlib import Path

import pytest

from kpi.catalog import DEFAULT_CATALOG, CatalogError, parse_catalog

from .helpers import ROOT

POLICY_DIR = ROOT.parent / "shared" / "policy"
SHIPPED = DEFAULT_CATALOG.read_text(encoding="utf-8")

# (target code, comparator, min, max, kind): the 23 targets of the shipped catalog.
EXPECTED_TARGETS = [
    ("BJ-2024:leading_teams", "at_least", 5, None, "flow"),
    ("BJ-2024:strain_bank_capacity", "at_least", 100000, None, "level"),
    ("BJ-2024:patent_strains_new", "approx", 10000, None, "flow"),
    ("BJ-2024:design_automation_platforms", "at_least", 2, None, "flow"),
    ("BJ-2024:pilot_platforms", "range", 3, 5, "flow"),
    ("BJ-2024:listed_companies_new", "at_least", 3, None, "flow"),
    ("BJ-2024:leading_enterprises", "range", 5, 10, "flow"),
    ("BJ-2024:hardtech_startups", "at_least", 100, None, "flow"),
    ("BJ-2024:industrial_clusters", "range", 1, 2, "level"),
    ("SH-2023:top_scientist_teams", "at_least", 5, None, "flow"),
    ("SH-2023:parts_library_capacity", "at_least", 1000000, None, "level"),
    ("SH-2023:functional_platforms", "at_least", 5, None, "flow"),
    ("SH-2023:innovation_enterprises", "at_least", 10, None, "flow"),
    ("SH-2023:regional_hqs", "at_least", 5, None, "flow"),
    ("SH-2023:listed_companies_new", "range", 3, 5, "flow"),
    ("SH-2023:revenue_1b_firms", "range", 1, 2, "level"),
    ("SH-2023:industrial_bases", "approx", 3, None, "flow"),
    ("BDA-2025:municipal_key_labs", "at_least", 2, None, "flow"),
    ("BDA-2025:leading_teams", "at_least", 10, None, "flow"),
    ("BDA-2025:poc_platforms", "at_least", 5, None, "flow"),
    ("BDA-2025:pilot_service_platforms", "at_least", 2, None, "flow"),
    ("BDA-2025:listed_companies_new", "at_least", 2, None, "flow"),
    ("BDA-2025:leading_enterprises", "at_least", 20, None, "flow"),
]

EXPECTED_PLANS = [
    ("BJ-2024", "BJ", "京科发〔2024〕14号", date(2024, 9, 14), date(2024, 1, 1),
     date(2026, 12, 31)),
    ("SH-2023", "SH", "沪府办发〔2023〕18号", date(2023, 9, 25), date(2023, 1, 1),
     date(2025, 12, 31)),
    ("BDA-2025", "BDA", "京技管发〔2025〕34号", date(2025, 12, 29), date(2026, 1, 1),
     date(2028, 12, 31)),
]  # fmt: skip


def test_jurisdictions(catalog):
    got = {(j.code, j.name_zh, j.name_en, j.parent) for j in catalog.jurisdictions}
    assert got == {
        ("BJ", "北京市", "Beijing", None),
        ("SH", "上海市", "Shanghai", None),
        ("BDA", "北京经济技术开发区", "Beijing E-Town", "BJ"),
    }


@pytest.mark.parametrize(("code", "jurisdiction", "doc", "issued", "start", "end"), EXPECTED_PLANS)
def test_plans(catalog, code, jurisdiction, doc, issued, start, end):
    plan = catalog.plan(code)
    assert (plan.jurisdiction, plan.doc_number, plan.issued, plan.start, plan.end) == (
        jurisdiction,
        doc,
        issued,
        start,
        end,
    )


def test_exactly_the_23_targets(catalog):
    assert sorted(t.code for t in catalog.targets) == sorted(e[0] for e in EXPECTED_TARGETS)


@pytest.mark.parametrize(("code", "comparator", "lo", "hi", "kind"), EXPECTED_TARGETS)
def test_target(catalog, code, comparator, lo, hi, kind):
    target = catalog.target(code)
    assert (target.comparator, target.min, target.max) == (comparator, lo, hi)
    assert catalog.metric(target.metric).kind == kind
    assert target.threshold == (0.9 * lo if comparator == "approx" else lo)
    assert target.text_zh and target.text_en and target.section


def test_metrics_have_families_names_and_units(catalog):
    families = {"talent", "libraries", "platforms", "pilot", "listings", "enterprises", "clusters"}
    assert {f.code for f in catalog.families} == families
    assert len(catalog.metrics) == 19
    for m in catalog.metrics:
        assert m.family in families
        assert m.name_zh and m.name_en and m.unit_zh and m.unit_en
    levels = {m.code for m in catalog.metrics if m.kind == "level"}
    assert levels == {
        "strain_bank_capacity",
        "parts_library_capacity",
        "revenue_1b_firms",
        "industrial_clusters",
    }


def test_targets_frame_has_deadline_equal_plan_end(catalog):
    frame = catalog.targets_frame().set_index("target")
    for t in catalog.targets:
        assert frame.at[t.code, "deadline"] == catalog.plan(t.plan).end
        assert frame.at[t.code, "start"] == catalog.plan(t.plan).start


@pytest.mark.parametrize("code", [e[0] for e in EXPECTED_TARGETS])
def test_text_zh_is_verbatim_from_the_policy_file(catalog, code):
    if not POLICY_DIR.is_dir():
        pytest.skip("../shared/policy is not available")
    target = catalog.target(code)
    source = catalog.plan(target.plan).source
    text = (POLICY_DIR / source).read_text(encoding="utf-8")
    assert target.text_zh in text


# ---- validation: each case is the shipped file with one edit -------------------------
def _edit(old: str, new: str, count: int = 1) -> str:
    assert SHIPPED.count(old) >= count, old
    return SHIPPED.replace(old, new, count)


def _second_target_block() -> str:
    block = SHIPPED.split("[[targets]]")[1]
    return "[[targets]]" + block


BAD_CATALOGS = [
    # (id, edited text, words every message about it must contain)
    ("duplicate jurisdiction", _edit('code = "SH"\nname_zh', 'code = "BJ"\nname_zh'),
     ["jurisdiction 'BJ'", "duplicate"]),
    ("duplicate metric", _edit('code = "poc_platforms"', 'code = "municipal_key_labs"'),
     ["metric 'municipal_key_labs'", "duplicate"]),
    ("duplicate plan", _edit('code = "SH-2023"', 'code = "BJ-2024"'),
     ["plan 'BJ-2024'", "duplicate"]),
    ("duplicate target", SHIPPED + "\n" + _second_target_block(),
     ["target 'BJ-2024:leading_teams'", "duplicate"]),
    ("plan to unknown jurisdiction", _edit('jurisdiction = "SH"', 'jurisdiction = "GZ"'),
     ["plan 'SH-2023'", "GZ"]),
    ("target to unknown plan", _edit('plan = "SH-2023"\nmetric = "regional_hqs"',
                                     'plan = "SH-2099"\nmetric = "regional_hqs"'),
     ["SH-2099:regional_hqs", "unknown plan"]),
    ("target to unknown metric", _edit('metric = "regional_hqs"\ncomparator',
                                       'metric = "regional_hq"\ncomparator'),
     ["SH-2023:regional_hq", "unknown metric"]),
    ("metric to unknown family", _edit('family = "pilot"', 'family = "pilots"'),
     ["metric 'pilot_platforms'", "pilots"]),
    ("unknown parent", _edit('parent = "BJ"', 'parent = "XX"'), ["jurisdiction 'BDA'", "XX"]),
    ("min above max", _edit("min = 3\nmax = 5", "min = 6\nmax = 5"),
     ["BJ-2024:pilot_platforms", "min 6.0 > max 5.0"]),
    ("range without max", _edit("min = 3\nmax = 5", "min = 3"),
     ["BJ-2024:pilot_platforms", "needs max"]),
    ("max on at_least", _edit('min = 100\ntext_zh', 'min = 100\nmax = 200\ntext_zh'),
     ["BJ-2024:hardtech_startups", "max"]),
    ("bad comparator", _edit('comparator = "approx"', 'comparator = "about"'),
     ["BJ-2024:patent_strains_new", "comparator"]),
    ("bad kind", _edit('kind = "level"', 'kind = "stock"'),
     ["metric 'strain_bank_capacity'", "kind"]),
    ("start after end", _edit("start = 2024-01-01\nend = 2026-12-31",
                              "start = 2027-01-01\nend = 2026-12-31"),
     ["plan 'BJ-2024'", "not before end"]),
    ("date as bad text", _edit("issued = 2024-09-14", 'issued = "2024-09-31"'),
     ["plan 'BJ-2024'", "issued"]),
    ("impossible TOML date", _edit("issued = 2024-09-14", "issued = 2024-02-30"),
     ["not valid TOML", "plan 'BJ-2024'"]),
    ("broken TOML", _edit('code = "BJ-2024"', 'code = "BJ-2024'), ["not valid TOML", "line"]),
    ("missing field", _edit('text_zh = "引育20家以上领军企业"\n', ""),
     ["BDA-2025:leading_enterprises", "text_zh"]),
    ("unknown field", _edit('unit_en = "bases"', 'unit_en = "bases"\ncolour = "red"'),
     ["metric 'industrial_bases'", "colour"]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "words"), [c[1:] for c in BAD_CATALOGS],
                         ids=[c[0] for c in BAD_CATALOGS])  # fmt: skip
def test_invalid_catalog_names_the_entry(text, words):
    with pytest.raises(CatalogError) as info:
        parse_catalog(text)
    assert any(all(w in p for w in words) for p in info.value.problems), info.value.problems


def test_every_problem_is_reported_at_once():
    text = SHIPPED.replace('family = "pilot"', 'family = "pilots"').replace(
        'parent = "BJ"', 'parent = "XX"'
    )
    with pytest.raises(CatalogError) as info:
        parse_catalog(text)
    assert len(info.value.problems) >= 3  # two metrics in family pilot, one parent


def test_a_new_city_plan_is_an_edit_of_the_file_only():
    extra = """
[[jurisdictions]]
code = "SZ"
name_zh = "深圳市"
name_en = "Shenzhen"

[[plans]]
code = "SZ-2025"
jurisdiction = "SZ"
doc_number = "深府办〔2025〕1号"
title_zh = "深圳测试计划"
title_en = "Shenzhen test plan"
issued = 2025-01-10
start = 2025-01-01
end = 2027-12-31

[[targets]]
plan = "SZ-2025"
metric = "poc_platforms"
comparator = "at_least"
min = 4
text_zh = "布局4个概念验证平台"
text_en = "4 proof-of-concept platforms."
section = "一"
"""
    cat = parse_catalog(SHIPPED + extra)
    assert cat.target("SZ-2025:poc_platforms").min == 4
    assert len(cat.targets) == 24


def test_load_catalog_reads_a_file(tmp_path: Path):
    from kpi.catalog import load_catalog

    path = tmp_path / "c.toml"
    path.write_text(SHIPPED.replace("min = 20\n", "min = 25\n"), encoding="utf-8")
    assert load_catalog(path).target("BDA-2025:leading_enterprises").min == 25
