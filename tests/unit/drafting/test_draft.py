"""Drafting targets from policy text: numerals, comparators, kinds, deadlines, support
measures, document formats, and recall/precision against the shipped catalog."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from kpi.domain.catalog import load_catalog
from kpi.domain.sources import policy_dir
from kpi.drafting import DocumentError, draft_text, read_document
from kpi.drafting.document import paragraphs, plan_facts
from kpi.drafting.numbers import find_money, find_numbers, parse_number

POLICY_DIR = policy_dir()  # beside the catalog in use (KPI_CATALOG: a copy with one more plan)
CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("5", 5),
        ("10万", 100_000),
        ("1万", 10_000),
        ("一万", 10_000),
        ("万", 10_000),
        ("百", 100),
        ("百万", 1_000_000),
        ("十", 10),
        ("二十", 20),
        ("两千", 2000),
        ("1.5万", 15_000),
        ("1,000", 1000),
        ("100 万", 1_000_000),
        ("十四五", None),
        ("", None),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


# (clause, comparator, min, max, unit) of its one counted quantity
QUANTITY_FORMS = [
    ("引育不少于5个合成生物学领军团队", "at_least", 5, None, "个"),
    ("新增5个以上具有国际影响力的顶尖科学家及其团队", "at_least", 5, None, "个"),
    ("吸引超过20家企业入驻", "at_least", 20, None, "家"),
    ("新增专利保藏菌株约1万株", "approx", 10_000, None, "株"),
    ("建设3个左右具有特色和国内领先优势的产业基地", "approx", 3, None, "个"),
    ("3-5个千升级中试工艺放大平台", "range", 3, 5, "个"),
    ("新增3至5家合成生物领域企业上市", "range", 3, 5, "家"),
    ("引育1—2家链主企业", "range", 1, 2, "家"),
    ("新增保藏菌株一万株", "at_least", 10_000, None, "株"),
    ("新增保藏菌株万株以上", "at_least", 10_000, None, "株"),
    ("培育百家以上优秀初创硬科技企业", "at_least", 100, None, "家"),
    ("建立库容10万株以上的微生物菌种保藏库", "at_least", 100_000, None, "株"),
    ("建立库容百万级以上的元件库", "at_least", 1_000_000, None, ""),
    ("新增3家合成生物制造上市企业", "at_least", 3, None, "家"),
    ("培育100余家科技型企业", "at_least", 100, None, "家"),
    ("建设十个示范项目", "at_least", 10, None, "个"),
]


@pytest.mark.parametrize(("clause", "comparator", "low", "high", "unit"), QUANTITY_FORMS)
def test_quantity_forms(clause, comparator, low, high, unit):
    quantities, _ = find_numbers(clause)
    assert [(q.comparator, q.min, q.max, q.unit) for q in quantities] == [
        (comparator, low, high, unit)
    ]


@pytest.mark.parametrize(
    ("clause", "comparator", "amount", "unit", "reason"),
    [
        ("全市合成生物产业规模突破1000亿元", "at_least", 1000, "亿元", "产业规模"),
        ("产值达到500亿元以上", "at_least", 500, "亿元", "产值"),
        ("企业营业收入约50亿元", "approx", 50, "亿元", "营业收入"),
        ("销售额超过5000万元", "at_least", 5000, "万元", "销售额"),
    ],
)
def test_money_totals_are_annual_targets(clause, comparator, amount, unit, reason):
    """Output value, revenue, industry scale: a year's amount, judged as annual values."""
    (item,) = draft_text(f"一、目标\n到2027年，{clause}。\n").items
    assert (item.comparator, item.min, item.unit, item.kind, item.kind_reason) == (
        comparator,
        amount,
        unit,
        "annual",
        reason,
    )


@pytest.mark.parametrize(
    "clause",
    ["培育1至2家年销售收入超过10亿元的优势企业", "对年产值首次突破1亿元的企业给予奖励"],
)
def test_money_describing_a_thing_or_granted_is_not_a_money_target(clause):
    items = draft_text(f"一、目标\n到2027年，{clause}。\n").items
    assert [i.unit for i in items] == (["家"] if "家" in clause else [])


@pytest.mark.parametrize(
    ("clause", "qualifier"),
    [
        ("初步形成1-2个百亿级产业集聚区", "百亿级"),
        ("3-5个千升级中试工艺放大平台", "千升级"),
        ("布局千升级的中试生产平台", "千升级"),
    ],
)
def test_scale_words_qualify_not_count(clause, qualifier):
    quantities, qualifiers = find_numbers(clause)
    assert [q.text for q in qualifiers] == [qualifier]
    assert all(q.min < 100 for q in quantities)  # 百亿 / 千 never becomes a count


@pytest.mark.parametrize(
    "clause",
    [
        "同一主体的同一项目同时符合",  # 一项 inside 同一项目
        "本措施适用于在亦庄新城 225 平方公里范围内实际经营，近 3 年无重大行政处罚记录",
        "北京市加快合成生物制造产业创新发展行动计划(2024-2026年)",
        "打造“一核两翼”空间",
        "培育一批专精特新中小企业",
        "《上海市战略性新兴产业和先导产业发展“十四五”规划》",
        "单个企业年度奖励金额不超过3家",  # a cap is not a target
    ],
)
def test_no_count_in_ordinary_words(clause):
    assert find_numbers(clause)[0] == []


@pytest.mark.parametrize(
    ("sentence", "yuan", "percent", "capped"),
    [
        ("最高给予不超过100万元资金支持", (1_000_000,), (), True),
        ("给予30%补贴", (), (30,), False),
        ("按照不超过项目总投资30%予以补助支持 ,最高不超过5000万元", (50_000_000,), (30,), True),
        ("给予最高不超过 100 万元支持", (1_000_000,), (), True),
        ("给予百分之二十的奖励", (), (20,), False),
    ],
)
def test_money(sentence, yuan, percent, capped):
    money = find_money(sentence)
    assert (money.yuan, money.percent, money.capped) == (yuan, percent, capped)


SUBSIDY_TEXT = """一、总体目标
到2027年，新增3家上市企业。
二、政策措施
1.支持企业上市。对新增的3家以上上市企业，每家给予最高不超过500万元奖励。
2.支持平台建设。对建设2个以上中试平台的园区，按照不超过项目总投资30%给予补贴。
3.支持人才。引进的领军团队给予一次性10万元支持；单个团队不超过50万元。
"""


def test_subsidy_sentences_are_support_measures_not_targets():
    draft = draft_text(SUBSIDY_TEXT)
    assert [(i.text_zh, i.min) for i in draft.items] == [("新增3家上市企业", 3)]
    support = [(s.yuan, s.percent, s.capped) for s in draft.support]
    assert support == [
        ((5_000_000,), (), True),
        ((), (30,), True),
        ((100_000,), (), False),
        ((500_000,), (), True),
    ]
    assert draft.support[0].section == "二、政策措施 1.支持企业上市"


@pytest.mark.parametrize(
    ("clause", "kind", "reason"),
    [
        ("新增3家合成生物制造上市企业", "flow", "新增"),
        ("引育5-10家领军企业", "flow", "引育"),
        ("培育百家以上优秀初创硬科技企业", "flow", "培育"),
        ("打造5个产业园区", "flow", "打造"),
        ("建立库容10万株以上的微生物菌种保藏库", "level", "库容"),
        ("高新技术企业总计达到500家", "level", "达到"),
        ("规划建设百亩级专业化试验田", "level", "百亩级"),
        ("规上企业总计300家", "level", "总计"),
        ("1000家高新技术企业", "flow", ""),
    ],
)
def test_kind_guess_with_reason(clause, kind, reason):
    (item,) = draft_text(f"一、目标\n到2027年，{clause}。\n").items
    assert (item.kind, item.kind_reason) == (kind, reason)


def test_kind_is_taken_from_the_list_the_clause_continues():
    text = "一、目标\n到2028年，布局5个概念验证平台、2个中试服务平台。\n"
    assert [(i.text_zh, i.kind_reason) for i in draft_text(text).items] == [
        ("布局5个概念验证平台", "布局"),
        ("2个中试服务平台", "布局"),
    ]


def test_deadline_from_the_text_else_the_plan_period():
    text = (
        "某市行动计划（2024—2027年）\n"
        "一、发展目标\n到2026年，新增3家上市企业。\n——平台。布局2个中试平台。\n"
        "二、重点任务\n（一）平台\n建设5个示范基地。\n"
    )
    items = draft_text(text).items
    assert [(i.deadline, i.deadline_reason) for i in items] == [
        (date(2026, 12, 31), "到2026年"),
        (date(2026, 12, 31), "到2026年"),  # the year holds for the rest of the section
        (date(2027, 12, 31), ""),  # the plan's end
    ]
    assert items[0].confidence > items[2].confidence


def test_sections_and_wrapped_lines():
    text = "三 、保障措施\n(二)加大支持\n对企业给予最高不超过 100 万\n\n元支持。\n"
    (para,) = paragraphs(text)
    assert para.section == "三、保障措施（二）加大支持"
    assert para.text == "对企业给予最高不超过 100 万元支持。"


@pytest.mark.parametrize(
    ("file", "title", "doc", "issued", "start", "end"),
    [
        (
            "beijing-2024-2026-action-plan.txt",
            "北京市加快合成生物制造产业创新发展行动计划(2024-2026年)",
            "京科发〔2024〕14号",
            date(2024, 9, 14),
            date(2024, 1, 1),
            date(2026, 12, 31),
        ),
        (
            "shanghai-2023-2025-action-plan.txt",
            "上海市加快合成生物创新策源打造高端生物制造产业集群行动方案(2023-2025年)",
            "沪府办发〔2023〕18号",
            date(2023, 9, 25),
            date(2023, 1, 1),
            date(2025, 12, 31),
        ),
        (
            "beijing-etdz-2025-measures.txt",
            "北京经济技术开发区关于支持合成生物制造产业创新发展的若干措施",
            "京技管发〔2025〕34号",
            date(2025, 12, 29),
            date(2026, 1, 1),
            date(2028, 12, 31),
        ),
    ],
)
def test_plan_facts_of_the_shipped_texts(file, title, doc, issued, start, end):
    facts = plan_facts((POLICY_DIR / file).read_text(encoding="utf-8"))
    assert (facts.title, facts.doc_number, facts.issued, facts.start, facts.end) == (
        title,
        doc,
        issued,
        start,
        end,
    )


# ---- every shipped document against the catalog ------------------------------------------
def _score(plan_code: str) -> tuple[int, int, int, list[str], int, int]:
    """(targets, found, drafted, false items, right metric suggestions, right sections)
    for one plan. An item counts as found only with the catalog's exact clause,
    comparator and numbers."""
    catalog = load_catalog()
    plan = catalog.plan(plan_code)
    text = (POLICY_DIR / plan.source).read_text(encoding="utf-8")
    items = draft_text(text, catalog.metrics).items
    targets = [t for t in catalog.targets if t.plan == plan_code]
    keys = {(t.text_zh, t.comparator, t.min, t.max): t for t in targets}
    found = [i for i in items if (i.text_zh, i.comparator, i.min, i.max) in keys]
    matched = [(i, keys[(i.text_zh, i.comparator, i.min, i.max)]) for i in found]
    right_metric = sum(i.metric == target.metric for i, target in matched)
    right_section = sum(i.section == target.section for i, target in matched)
    false = [i.text_zh for i in items if i not in found]
    return len(targets), len(found), len(items), false, right_metric, right_section


def test_drafter_finds_the_catalog_targets_in_every_shipped_text(capsys):
    """Recall and precision on every plan's shipped text (a plan added later is scored
    too); sections are compared where the text has headings (government texts)."""
    catalog = load_catalog()
    totals = [0, 0, 0, 0, 0, 0]
    lines = []
    for plan in catalog.plans:
        targets, found, drafted, false, right_metric, right_section = _score(plan.code)
        headed = plan.text_kind == "government"
        lines.append(
            f"{plan.code}: recall {found}/{targets}, precision {found}/{drafted}, "
            f"metric right {right_metric}/{found}, "
            f"section right {right_section if headed else '-'}/{found if headed else '-'}, "
            f"false items {false}"
        )
        assert len(false) <= 2, (plan.code, false)
        sections = (right_section, found) if headed else (0, 0)
        for i, n in enumerate((targets, found, drafted, right_metric, *sections)):
            totals[i] += n
    targets, found, drafted, right_metric, right_section, headed_found = totals
    lines.append(
        f"all: recall {found}/{targets} = {found / targets:.1%}, precision {found}/{drafted} = "
        f"{found / drafted:.1%}, metric suggestions right {right_metric}/{found}, sections "
        f"right {right_section}/{headed_found}"
    )
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    assert found / targets >= 0.95 and found / drafted >= 0.9
    assert right_metric / found >= 0.85 and right_section / headed_found >= 0.9


def test_traditional_characters_are_matched_converted_and_kept_as_published():
    """The Guangdong mirror, in traditional characters with inline pinyin: the items are
    the quoted (simplified) text's, each clause kept as published."""
    catalog = load_catalog()
    plan = catalog.plan("GD-2025")
    (mirror,) = plan.also
    draft = draft_text((POLICY_DIR / mirror.file).read_text(encoding="utf-8"), catalog.metrics)
    assert draft.traditional
    by_text = {(t.text_zh, t.min): t for t in catalog.targets if t.plan == "GD-2025"}
    shown = {i.text_simplified: i for i in draft.items}
    share = shown["核心菌种自主率达到40%左右"]
    assert share.text_zh == "核心菌種自主率達到40%左右" and share.unit == "%"
    assert (share.comparator, share.min, share.kind) == ("approx", 40, "level")
    platforms = shown["打造3—5个国家级生物制造创新平台"]
    assert platforms.text_zh == "打造3—5個國家級生物制造創(chuàng)新平臺"  # as published
    assert ("打造3—5个国家级生物制造创新平台", 3) in by_text
    assert shown["形成10家以上营收百亿元级企业"].metric == "revenue_10b_class_firms"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an output value is an annual target; a share a level in %
        ("到2027年，生物制造产业总产值达到5000亿元左右。", ("approx", 5000, "亿元", "annual")),
        ("到2027年，核心菌种自主率达到40%左右。", ("approx", 40, "%", "level")),
        ("到2026年，带动生物制造相关产业产值超1000亿元。", ("at_least", 1000, "亿元", "annual")),
        ("到2035年，生物制造产业总产值迈上万亿元台阶。", ("at_least", 10000, "亿元", "annual")),
    ],
)
def test_output_values_and_shares(text, expected):
    (item,) = draft_text(f"一、目标\n{text}\n").items
    assert (item.comparator, item.min, item.unit, item.kind) == expected


def test_a_baseline_beside_a_target_is_offered_as_a_baseline():
    text = (
        "根据《三年行动计划》,杭州力争到2026年,实现合成生物制造业总产值400亿元。"
        "杭州拥有合成生物相关企业260余家,其中规上企业67家,2023年实现产值250多亿元,"
        "发展合成生物产业恰逢其时。"
    )
    draft = draft_text(text)
    assert [(i.text_zh, i.min, i.kind) for i in draft.items] == [
        ("实现合成生物制造业总产值400亿元", 400, "annual")
    ]
    output = next(b for b in draft.baselines if b.unit == "亿元")
    assert (output.text_zh, output.year, output.value) == ("2023年实现产值250多亿元", 2023, 250)
    assert {b.value for b in draft.baselines} == {260, 67, 250}


def test_outlook_years_are_milestones_beyond_the_plan():
    text = (
        "金坛区行动方案（2024—2026年）\n一、发展目标\n到2026年,引进企业不少于30家,"
        "产值突破300亿元。展望2028年,产值达到500亿元。到2035年,产值迈上千亿元台阶。\n"
    )
    items = draft_text(text).items
    years = [(i.min, i.deadline.year, i.outlook) for i in items]
    assert years == [(30, 2026, False), (300, 2026, False), (500, 2028, True), (1000, 2035, True)]


def test_a_draft_for_comment_is_flagged():
    catalog = load_catalog()
    for plan in catalog.plans:
        texts = [plan.source, *(other.file for other in plan.also)]
        drafts = [draft_text((POLICY_DIR / f).read_text(encoding="utf-8")) for f in texts]
        said = any(d.is_draft for d in drafts)
        # a draft's own text says so; a news quote of a draft's targets may not
        assert said == ("征求意见稿" in " ".join(d.text for d in drafts)), plan.code
        if said:
            assert plan.status == "draft"


def test_a_goal_quoted_twice_is_drafted_once():
    goal = "到2026年,引进企业不少于30家,产值突破300亿元。"
    text = f"《行动方案》明确了发展目标:{goal}\n副区长介绍,目标{goal}\n"
    items = draft_text(text).items
    assert [(i.text_zh, i.min) for i in items] == [
        ("引进企业不少于30家", 30),
        ("产值突破300亿元", 300),
    ]
    # the quote and, after it, the mirror in traditional characters cut inside the same
    # paragraph (…20家左右營收五十): each commitment once
    catalog = load_catalog()
    plan = catalog.plan("GD-2025")
    both = "\n\n".join(
        (POLICY_DIR / f).read_text(encoding="utf-8") for f in (plan.source, plan.also[0].file)
    )
    simplified = [i.text_simplified for i in draft_text(both).items]
    assert len(simplified) == len(set(simplified)) == 6


# ---- document formats ----------------------------------------------------------------------
GOALS = "一、总体目标\n到2027年，引育不少于5个领军团队，新增3至5家上市企业。\n"


def _docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _pdf_bytes(text: str) -> bytes:
    from fpdf import FPDF

    assert CJK_FONT.is_file(), f"{CJK_FONT} is missing: install fonts-noto-cjk"
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("noto", fname=str(CJK_FONT))
    pdf.set_font("noto", size=12)
    for line in text.splitlines():
        pdf.multi_cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("plan.txt", lambda s: s.encode("utf-8")),
        ("plan.txt", lambda s: s.encode("utf-8-sig")),
        ("plan.txt", lambda s: s.encode("gbk")),
        ("plan.docx", _docx_bytes),
        ("plan.pdf", _pdf_bytes),
    ],
)
def test_formats_give_the_same_items(name, make):
    items = draft_text(read_document(make(GOALS), name)).items
    assert [(i.text_zh, i.comparator, i.min, i.max, i.section) for i in items] == [
        ("引育不少于5个领军团队", "at_least", 5, None, "一、总体目标"),
        ("新增3至5家上市企业", "range", 3, 5, "一、总体目标"),
    ]


@pytest.mark.parametrize(
    ("name", "data", "key"),
    [
        ("plan.xlsx", b"PK\x03\x04", "draft.unsupported_type"),
        ("plan.pdf", b"%PDF-1.4 broken", "draft.unreadable"),
        ("plan.docx", b"not a zip", "draft.unreadable"),
        ("plan.txt", b"2024 2025 1 2 3", "draft.no_text"),
    ],
)
def test_unreadable_documents_are_reported(name, data, key):
    with pytest.raises(DocumentError) as caught:
        read_document(data, name)
    assert caught.value.key == key
