"""The shipped catalog checked against its policy texts (invariants, not counts: a plan
appended with its text keeps every check green), and catalog validation."""

import importlib.util
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from kpi.domain.catalog import (
    DEFAULT_CATALOG,
    SHIPPED_CATALOG,
    Catalog,
    CatalogError,
    forget_parsed_catalogs,
    load_catalog,
    parse_catalog,
)
from kpi.domain.sources import (
    POLICY_DIR,
    companion_texts,
    policy_text,
    sha256_of,
    source_passage,
    source_problems,
)
from kpi.drafting.script import to_simplified
from kpi.present.locale import locale

SHIPPED = DEFAULT_CATALOG.read_text(encoding="utf-8")
CATALOG = load_catalog()
ROOT = Path(__file__).resolve().parents[3]

# Facts of the plans that stay true whatever is added: (code, comparator, min, max, kind).
PLAN_TARGETS = [
    ("BJ-2024:leading_teams", "at_least", 5, None, "flow"),
    ("BJ-2024:strain_bank_capacity", "at_least", 100000, None, "level"),
    ("BJ-2024:patent_strains_new", "approx", 10000, None, "flow"),
    ("BJ-2024:pilot_platforms", "range", 3, 5, "flow"),
    ("BJ-2024:industrial_clusters", "range", 1, 2, "level"),
    ("SH-2023:parts_library_capacity", "at_least", 1000000, None, "level"),
    ("SH-2023:listed_companies_new", "range", 3, 5, "flow"),
    # 培育1至2家年销售收入超过10亿元的优势企业 counts firms newly crossing 1 bn
    ("SH-2023:revenue_1b_firms", "range", 1, 2, "flow"),
    ("SH-2023:industrial_bases", "approx", 3, None, "flow"),
    ("BDA-2025:leading_enterprises", "at_least", 20, None, "flow"),
    # 规划建设百亩级专业化合成生物制造试验田, a test field of 100 亩 or more
    ("BDA-2025:test_field_area", "at_least", 100, None, "level"),
    # issue #22: output values are annual, a share is a level in %, revenue classes are
    # levels of a count, a milestone beyond the plan's end has its own code and deadline
    ("GD-2025:biomanufacturing_output", "approx", 5000, None, "annual"),
    ("GD-2025:biomanufacturing_output@2035", "at_least", 10000, None, "annual"),
    ("GD-2025:core_strain_self_sufficiency", "approx", 40, None, "level"),
    ("GD-2025:revenue_10b_class_firms", "at_least", 10, None, "level"),
    ("GD-2025:revenue_5b_class_firms", "approx", 20, None, "level"),
    ("JT-2024:synbio_output", "at_least", 300, None, "annual"),
    ("TJ-2024-draft:biomanufacturing_related_output", "at_least", 1000, None, "annual"),
]

EXPECTED_PLANS = [
    (
        "BJ-2024",
        "BJ",
        "京科发〔2024〕14号",
        date(2024, 9, 14),
        date(2024, 1, 1),
        date(2026, 12, 31),
    ),
    (
        "SH-2023",
        "SH",
        "沪府办发〔2023〕18号",
        date(2023, 9, 25),
        date(2023, 1, 1),
        date(2025, 12, 31),
    ),
    (
        "BDA-2025",
        "BDA",
        "京技管发〔2025〕34号",
        date(2025, 12, 29),
        date(2026, 1, 1),
        date(2028, 12, 31),
    ),
    ("GD-2025", "GD", "粤办函〔2025〕6号", date(2025, 1, 22), date(2025, 1, 1), date(2027, 12, 31)),
    (
        "GZ-2024",
        "GZ",
        "穗工信函〔2024〕288号",
        date(2024, 10, 28),
        date(2024, 1, 1),
        date(2027, 12, 31),
    ),
    ("JT-2024", "JT", "", None, date(2024, 1, 1), date(2026, 12, 31)),
]


@pytest.mark.parametrize(("code", "jurisdiction", "doc", "issued", "start", "end"), EXPECTED_PLANS)
def test_plans(code, jurisdiction, doc, issued, start, end):
    plan = CATALOG.plan(code)
    assert (plan.jurisdiction, plan.doc_number, plan.issued, plan.start, plan.end) == (
        jurisdiction,
        doc,
        issued,
        start,
        end,
    )


@pytest.mark.parametrize(("code", "comparator", "lo", "hi", "kind"), PLAN_TARGETS)
def test_target(code, comparator, lo, hi, kind):
    target = CATALOG.target(code)
    assert (target.comparator, target.min, target.max) == (comparator, lo, hi)
    assert CATALOG.metric(target.metric).kind == kind
    assert target.threshold == (0.9 * lo if comparator == "approx" else lo)


def test_the_milestones_of_one_metric_keep_their_own_deadlines():
    frame = CATALOG.targets_frame().set_index("code")
    assert frame.at["GD-2025:biomanufacturing_output", "deadline"] == date(2027, 12, 31)
    assert frame.at["GD-2025:biomanufacturing_output@2035", "deadline"] == date(2035, 12, 31)
    assert CATALOG.metric("biomanufacturing_output").basis == "ytd"
    assert CATALOG.metric("core_strain_self_sufficiency").unit_zh == "%"


def _chain(code: str) -> list[str]:
    out = [code]
    while (parent := CATALOG.jurisdiction(out[-1]).parent) is not None:
        out.append(parent)
    return out


def test_parent_chains_run_up_the_four_levels():
    assert _chain("JT")[:2] == ["JT", "CZ"] and _chain("GZ")[:2] == ["GZ", "GD"]
    levels = [CATALOG.jurisdiction(c).level for c in _chain("JT")]
    assert levels == ["district", "city", "province", "national"]
    assert {j.level for j in CATALOG.jurisdictions} == {"national", "province", "city", "district"}


def test_drafts_for_comment_are_flagged():
    for plan in CATALOG.plans:
        assert ("征求意见稿" in plan.title_zh) == (plan.status == "draft"), plan.code


def test_the_shanghai_text_says_it_is_a_repost():
    plan = CATALOG.plan("SH-2023")
    assert "repost" in plan.source_note and "转载" in plan.source_note
    assert "智通财经" in policy_text(plan)


# ---- invariants of any catalog against its policy texts ------------------------------------
_SPACE_AND_DASH = str.maketrans({"（": "(", "）": ")", "—": "-", "–": "-", "－": "-"})


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", text.translate(_SPACE_AND_DASH))


# 以上 / 不少于 mean N or more; 约 / 左右 about N; "3-5" / "3至5" a range.
_AT_LEAST = re.compile(r"以上|不少于|至少")
_APPROX = re.compile(r"约|左右")
_RANGE = re.compile(r"(\d+)\s*[-—–至到]\s*(\d+)")


def invariant_problems(catalog: Catalog, policy_dir: Path) -> list[str]:
    """What must hold for every plan and target, however many there are."""
    problems = list(source_problems(catalog, policy_dir))
    codes = {j.code for j in catalog.jurisdictions}
    for plan in catalog.plans:
        text = policy_text(plan, policy_dir) or ""
        # a number or title shown only in a mirror counts, read in simplified characters
        texts = [text, *(to_simplified(t) for t in companion_texts(plan, policy_dir))]
        if not any(plan.doc_number in t for t in texts):
            problems.append(f"{plan.code}: document number {plan.doc_number} not in its text")
        if plan.text_kind == "government" and _plain(plan.title_zh) not in _plain(text):
            problems.append(f"{plan.code}: title not in its text")
        if plan.text_kind == "news_quote" and not plan.source_note:
            problems.append(f"{plan.code}: a news quote needs a source_note saying so")
        if plan.issued is not None and not plan.issued <= plan.end:
            problems.append(f"{plan.code}: issued after its end")
        if plan.jurisdiction in codes and catalog.jurisdiction(plan.jurisdiction).level is None:
            problems.append(f"{plan.code}: its jurisdiction has no level")
    for j in catalog.jurisdictions:
        if j.parent is not None and (j.parent not in codes or j.parent == j.code):
            problems.append(f"jurisdiction {j.code}: bad parent {j.parent}")
    used = {t.metric for t in catalog.targets}
    problems += [f"metric {m.code} has no target" for m in catalog.metrics if m.code not in used]
    for t in catalog.targets:
        problems += [f"{t.code}: {p}" for p in _wording_problems(t)]
    return problems


def _wording_problems(t) -> list[str]:
    problems = []
    ranged = _RANGE.search(t.text_zh)
    if t.comparator == "range" and not (
        ranged and (float(ranged[1]), float(ranged[2])) == (t.min, t.max)
    ):
        problems.append(f"range {t.min}-{t.max} is not the text's")
    if t.comparator == "approx" and not (
        _APPROX.search(t.text_zh) and "about" in t.text_en.lower()
    ):
        problems.append("an approx target must say 约/左右 and 'about'")
    if _APPROX.search(t.text_zh) and t.comparator != "approx":
        problems.append("约/左右 in the text but not approx")
    if _AT_LEAST.search(t.text_zh) and t.comparator != "at_least":
        problems.append("以上/不少于 in the text but not at_least")
    if _AT_LEAST.search(t.text_zh) and re.search(r"more than|over \d|above", t.text_en):
        problems.append(f"text_en {t.text_en!r}: 以上 means N or more, not 'more than'")
    return problems


def test_the_shipped_catalog_agrees_with_its_policy_texts():
    assert invariant_problems(CATALOG, POLICY_DIR) == []


@pytest.mark.parametrize("plan", [p.code for p in CATALOG.plans])
def test_every_plan_ships_its_text_with_its_sha256(plan):
    entry = CATALOG.plan(plan)
    path = POLICY_DIR / entry.source
    assert path.is_file(), f"{path} is missing: copy the policy text into data/policy/"
    assert sha256_of(path) == entry.source_sha256


@pytest.mark.parametrize("code", [t.code for t in CATALOG.targets])
def test_text_zh_is_verbatim_from_the_policy_file(code):
    target = CATALOG.target(code)
    text = policy_text(CATALOG.plan(target.plan))
    assert text is not None, f"{target.plan}: policy text missing or changed in {POLICY_DIR}"
    passage = source_passage(text, target.text_zh)
    assert passage is not None, f"{code}: {target.text_zh!r} is not in the text"
    assert passage.sentence == target.text_zh


def test_a_missing_text_or_sentence_fails(tmp_path):
    shutil.copytree(POLICY_DIR, tmp_path, dirs_exist_ok=True)
    (tmp_path / CATALOG.plan("SH-2023").source).unlink()
    changed = SHIPPED.replace("引育20家以上领军企业", "引育21家以上领军企业")
    problems = source_problems(parse_catalog(changed), tmp_path)
    assert any("SH-2023" in p and "does not exist" in p for p in problems)
    assert any("BDA-2025:leading_enterprises" in p for p in problems)


def test_a_changed_text_is_noticed(tmp_path):
    shutil.copytree(POLICY_DIR, tmp_path, dirs_exist_ok=True)
    path = tmp_path / CATALOG.plan("BJ-2024").source
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert any("SHA-256" in p for p in source_problems(CATALOG, tmp_path))
    assert policy_text(CATALOG.plan("BJ-2024"), tmp_path) is None


SZ_TEXT = """深圳市合成生物测试行动计划（2025—2027年）

深府办〔2025〕1号

一、目标
到2027年，布局4个以上概念验证平台，建设约6个中试平台，培育2至3家上市企业。
"""


def sz_plan(sha: str) -> str:
    return f"""
[[jurisdictions]]
code = "SZ"
name_zh = "深圳市"
name_en = "Shenzhen"
parent = "GD"
level = "city"

[[plans]]
code = "SZ-2025"
jurisdiction = "SZ"
doc_number = "深府办〔2025〕1号"
title_zh = "深圳市合成生物测试行动计划（2025—2027年）"
title_en = "Shenzhen test plan (2025–2027)"
issued = 2025-01-10
start = 2025-01-01
end = 2027-12-31
source = "shenzhen-test.txt"
source_sha256 = "{sha}"
reporting_agency = "深圳市科技创新局"

[[targets]]
plan = "SZ-2025"
metric = "poc_platforms"
comparator = "at_least"
min = 4
text_zh = "布局4个以上概念验证平台"
text_en = "4 or more proof-of-concept platforms."
section = "一、目标"

[[targets]]
plan = "SZ-2025"
metric = "pilot_service_platforms"
comparator = "approx"
min = 6
text_zh = "建设约6个中试平台"
text_en = "About 6 pilot platforms."
section = "一、目标"

[[targets]]
plan = "SZ-2025"
metric = "listed_companies_new"
comparator = "range"
min = 2
max = 3
text_zh = "培育2至3家上市企业"
text_en = "2 to 3 listed companies."
section = "一、目标"
"""


def test_a_plan_appended_with_its_text_keeps_every_check_green(tmp_path):
    shutil.copytree(POLICY_DIR, tmp_path, dirs_exist_ok=True)
    (tmp_path / "shenzhen-test.txt").write_text(SZ_TEXT, encoding="utf-8")
    sha = sha256_of(tmp_path / "shenzhen-test.txt")
    extended = parse_catalog(SHIPPED + sz_plan(sha))
    assert len(extended.targets) == len(CATALOG.targets) + 3
    assert invariant_problems(extended, tmp_path) == []
    # and the checks have teeth: a wrong range or a lost text is reported
    wrong = parse_catalog(SHIPPED + sz_plan(sha).replace("max = 3", "max = 4"))
    assert any("SZ-2025:listed_companies_new" in p for p in invariant_problems(wrong, tmp_path))
    (tmp_path / "shenzhen-test.txt").unlink()
    assert any("SZ-2025" in p for p in invariant_problems(extended, tmp_path))


def test_the_synthetic_plan_of_ci_keeps_every_check_green(tmp_path):
    """CI's second fast lane runs on data/ with scripts/synthetic_plan.py's plan appended:
    the plan itself must pass what every plan passes."""
    spec = importlib.util.spec_from_file_location(
        "synthetic_plan", ROOT / "scripts/synthetic_plan.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    extended = load_catalog(module.write_copy(tmp_path))
    assert "ZZ-2025" in {p.code for p in extended.plans}
    assert len(extended.targets) > len(load_catalog(SHIPPED_CATALOG).targets)
    assert invariant_problems(extended, tmp_path / "policy") == []


def test_targets_frame_has_deadline_equal_plan_end():
    frame = CATALOG.targets_frame().set_index("code")
    for t in CATALOG.targets:
        assert frame.at[t.code, "deadline"] == (t.deadline or CATALOG.plan(t.plan).end)
        assert frame.at[t.code, "start_date"] == CATALOG.plan(t.plan).start


# ---- validation: each case is the shipped file with one edit -------------------------
def _edit(old: str, new: str, count: int = 1) -> str:
    assert SHIPPED.count(old) >= count, old
    return SHIPPED.replace(old, new, count)


def _second_target_block() -> str:
    block = SHIPPED.split("[[targets]]")[1]
    return "[[targets]]" + block


BAD_CATALOGS = [
    # (id, edited text, words every message about it must contain)
    (
        "duplicate jurisdiction",
        _edit('code = "SH"\nname_zh', 'code = "BJ"\nname_zh'),
        ["jurisdiction 'BJ'", "duplicate"],
    ),
    (
        "duplicate metric",
        _edit('code = "poc_platforms"', 'code = "municipal_key_labs"'),
        ["metric 'municipal_key_labs'", "duplicate"],
    ),
    (
        "duplicate plan",
        _edit('code = "SH-2023"', 'code = "BJ-2024"'),
        ["plan 'BJ-2024'", "duplicate"],
    ),
    (
        "duplicate target",
        SHIPPED + "\n" + _second_target_block(),
        ["target 'BJ-2024:leading_teams'", "duplicate"],
    ),
    (
        "plan to unknown jurisdiction",
        _edit('jurisdiction = "SH"', 'jurisdiction = "XY"'),
        ["plan 'SH-2023'", "XY"],
    ),
    (
        "target to unknown plan",
        _edit(
            'plan = "SH-2023"\nmetric = "regional_hqs"', 'plan = "SH-2099"\nmetric = "regional_hqs"'
        ),
        ["SH-2099:regional_hqs", "unknown plan"],
    ),
    (
        "target to unknown metric",
        _edit('metric = "regional_hqs"\ncomparator', 'metric = "regional_hq"\ncomparator'),
        ["SH-2023:regional_hq", "unknown metric"],
    ),
    (
        "metric to unknown family",
        _edit('family = "pilot"', 'family = "pilots"'),
        ["metric 'pilot_platforms'", "pilots"],
    ),
    ("unknown parent", _edit('parent = "BJ"', 'parent = "XX"'), ["jurisdiction 'BDA'", "XX"]),
    (
        "min above max",
        _edit("min = 3\nmax = 5", "min = 6\nmax = 5"),
        ["BJ-2024:pilot_platforms", "min 6.0 > max 5.0"],
    ),
    (
        "range without max",
        _edit("min = 3\nmax = 5", "min = 3"),
        ["BJ-2024:pilot_platforms", "needs max"],
    ),
    (
        "max on at_least",
        _edit("min = 100\ntext_zh", "min = 100\nmax = 200\ntext_zh"),
        ["BJ-2024:hardtech_startups", "max"],
    ),
    (
        "bad comparator",
        _edit('comparator = "approx"', 'comparator = "about"'),
        ["BJ-2024:patent_strains_new", "comparator"],
    ),
    (
        "bad kind",
        _edit('kind = "level"', 'kind = "stock"'),
        ["metric 'strain_bank_capacity'", "kind"],
    ),
    (
        "start after end",
        _edit("start = 2024-01-01\nend = 2026-12-31", "start = 2027-01-01\nend = 2026-12-31"),
        ["plan 'BJ-2024'", "not before end"],
    ),
    (
        "date as bad text",
        _edit("issued = 2024-09-14", 'issued = "2024-09-31"'),
        ["plan 'BJ-2024'", "issued"],
    ),
    (
        "impossible TOML date",
        _edit("issued = 2024-09-14", "issued = 2024-02-30"),
        ["not valid TOML", "plan 'BJ-2024'"],
    ),
    ("broken TOML", _edit('code = "BJ-2024"', 'code = "BJ-2024'), ["not valid TOML", "line"]),
    (
        "missing field",
        _edit('text_zh = "引育20家以上领军企业"\n', ""),
        ["BDA-2025:leading_enterprises", "text_zh"],
    ),
    (
        "unknown field",
        _edit('unit_en = "bases"', 'unit_en = "bases"\ncolour = "red"'),
        ["metric 'industrial_bases'", "colour"],
    ),
]


@pytest.mark.parametrize(
    ("text", "words"), [c[1:] for c in BAD_CATALOGS], ids=[c[0] for c in BAD_CATALOGS]
)
def test_invalid_catalog_names_the_entry(text, words):
    with pytest.raises(CatalogError) as info:
        parse_catalog(text)
    told = [locale("en").describe(p) for p in info.value.problems]
    assert any(all(w in p for w in words) for p in told), told


def test_a_catalog_problem_names_its_entry_and_field_or_its_line_and_column():
    """Catalog problems are Problems like a report's: the place is data, the words stay."""
    with pytest.raises(CatalogError) as info:
        parse_catalog(_edit('unit_en = "bases"', 'unit_en = "bases"\ncolour = "red"'))
    (problem,) = info.value.problems
    assert (problem.code, problem.entry_field, problem.is_error) == (
        "catalog_field_unknown",
        "colour",
        True,
    )
    assert problem.entry.text("zh") == "指标“industrial_bases”"
    assert (
        locale("en").describe(problem)
        == "metric 'industrial_bases': colour: unknown field (check its spelling)"
    )
    assert locale("zh").describe(problem) == "指标“industrial_bases”：未知字段 colour（请检查拼写）"
    broken = _edit('code = "BJ-2024"', 'code = "BJ-2024')
    with pytest.raises(CatalogError) as info:
        parse_catalog(broken)
    (problem,) = info.value.problems
    line = next(n for n, text in enumerate(broken.splitlines(), 1) if 'code = "BJ-2024' in text)
    assert (problem.code, problem.row) == ("catalog_toml_syntax", line)
    assert [locale("en").describe(p) for p in info.value.problems] == [
        f"plan no. 1: not valid TOML at line {line}, column {problem.column}: check the "
        "quotes, brackets and = signs there"
    ]


@pytest.mark.parametrize("field", ["source", "source_sha256", "reporting_agency"])
def test_a_plan_without_its_text_hash_or_agency_is_refused_naming_the_field(field):
    """What the product loads, its checks accept: a plan names its text, the text's
    SHA-256 (checked against data/policy/) and its reporting agency (in briefings)."""
    line = next(line for line in SHIPPED.splitlines() if line.startswith(f"{field} = "))
    for edited, code in (
        (_edit(line + "\n", ""), "missing"),
        (_edit(line, f'{field} = " "'), "empty"),
    ):
        with pytest.raises(CatalogError) as info:
            parse_catalog(edited)
        (problem,) = info.value.problems
        assert (problem.code, problem.entry_field) == (f"catalog_field_{code}", field)
        assert problem.entry.text("en") == "plan 'BJ-2024'"
        assert field in locale("zh").describe(problem) and field in locale("en").describe(problem)


def test_every_problem_is_reported_at_once():
    text = SHIPPED.replace('family = "pilot"', 'family = "pilots"').replace(
        'parent = "BJ"', 'parent = "XX"'
    )
    with pytest.raises(CatalogError) as info:
        parse_catalog(text)
    assert len(info.value.problems) >= 3  # two metrics in family pilot, one parent


def test_load_catalog_reads_a_file(tmp_path: Path):
    from kpi.domain.catalog import load_catalog

    path = tmp_path / "c.toml"
    path.write_text(SHIPPED.replace("min = 20\n", "min = 25\n"), encoding="utf-8")
    assert load_catalog(path).target("BDA-2025:leading_enterprises").min == 25


def test_a_text_is_parsed_once_and_a_bad_one_refused_every_time() -> None:
    """Every new store installs and reads the catalog text: parsed once, the same
    (immutable) catalog after; a refused text is never remembered as good."""
    text = DEFAULT_CATALOG.read_text(encoding="utf-8")
    forget_parsed_catalogs()
    first = parse_catalog(text)
    assert parse_catalog(text) is first
    assert len(first.targets) == len(parse_catalog(text + "\n").targets)
    broken = text + '\n[[targets]]\ncode = "X"\n'
    for _ in range(2):
        with pytest.raises(CatalogError):
            parse_catalog(broken)
