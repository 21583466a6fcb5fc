"""Drafting tasks, measures and their responsible units from a policy text: the three
shipped texts (each item as the catalog holds it) and a pasted text with odd spacing
and brackets."""

from __future__ import annotations

import json

import pytest

from kpi.domain.catalog import load_catalog
from kpi.domain.sources import in_text, policy_dir
from kpi.drafting import draft_text
from kpi.drafting.catalog_block import catalog_block, draft_records, plan_header
from kpi.drafting.task_items import chinese_number, draft_tasks, draft_units, units_of

POLICY_DIR = policy_dir()  # beside the catalog in use (KPI_CATALOG: a copy with one more plan)
CATALOG = load_catalog()

PASTED = """某市合成生物产业行动方案（2025—2027年）

一、重点任务

（一）夯实创新基础

1 . 加强 基础研究 ,提升策源能力
支持高校院所开展前沿研究,
建设一批重点实验室。( 责任单位 : 市科委 中关村管委会 、市发展改革委 ， 市教委 )

2．优化产业空间
强化用地保障。（牵头单位：市规划自然资源委；配合单位：市经济和信息化局（市国资委））

二、保障措施

（一）加强组织领导。建立工作专班。
"""


@pytest.mark.parametrize("plan", ["BJ-2024", "BDA-2025", "SH-2023"])
def test_the_drafter_finds_every_task_of_the_shipped_texts_as_the_catalog_holds_it(plan):
    entry = CATALOG.plan(plan)
    text = (POLICY_DIR / entry.source).read_text(encoding="utf-8")
    drafted = draft_tasks(text)
    shipped = [t for t in CATALOG.tasks if t.plan == plan]
    assert [(d.kind, d.number) for d in drafted] == [(t.kind, t.number) for t in shipped]
    for d, t in zip(drafted, shipped, strict=True):
        assert (d.title_zh, d.text_zh, d.units, d.section) == (
            t.title_zh,
            t.text_zh,
            t.units,
            t.section,
        )
        assert in_text(d.text_zh, text)


def test_beijing_drafts_ten_tasks_and_the_fourteen_measures_of_its_annex():
    text = (POLICY_DIR / "beijing-2024-2026-action-plan.txt").read_text(encoding="utf-8")
    drafted = draft_tasks(text)
    assert [d.number for d in drafted if d.kind == "task"] == list(range(1, 11))
    assert [d.number for d in drafted if d.kind == "measure"] == list(range(1, 15))
    measure_12 = [d for d in drafted if d.kind == "measure"][11]
    assert measure_12.units[0] == "市农业农村局" and len(measure_12.units) == 6
    assert drafted[0].title_zh == "加强基础和前沿研究，提升原始创新策源力"
    assert drafted[10].section == "附件：北京市加快合成生物制造产业创新发展若干措施"


def test_etown_paragraphs_wrapped_over_lines_are_drafted_whole():
    text = (POLICY_DIR / "beijing-etdz-2025-measures.txt").read_text(encoding="utf-8")
    measure_3 = draft_tasks(text)[2]
    assert "高端化、智能化和绿色化特征" in measure_3.text_zh  # broken over a blank line
    assert measure_3.units == ("生物技术和大健康产业局", "科技和产业促进局")
    assert measure_3.text_zh not in text and in_text(measure_3.text_zh, text)


def test_a_text_naming_no_units_gives_the_items_of_its_task_and_measure_parts():
    text = (POLICY_DIR / "shanghai-2023-2025-action-plan.txt").read_text(encoding="utf-8")
    drafted = draft_tasks(text)
    assert [(d.kind, d.number) for d in drafted] == [("task", n) for n in range(1, 10)] + [
        ("measure", n) for n in range(1, 7)
    ]
    assert all(d.units == () for d in drafted)
    assert drafted[5].title_zh == "打造“一核两翼”空间"


def test_a_pasted_text_with_odd_spacing_and_brackets():
    drafted = draft_tasks(PASTED)
    assert [(d.kind, d.number) for d in drafted] == [("task", 1), ("task", 2)]
    first, second = drafted
    assert first.title_zh == "加强基础研究，提升策源能力"
    assert first.units == ("市科委中关村管委会", "市发展改革委", "市教委")
    assert first.text_zh == "支持高校院所开展前沿研究,建设一批重点实验室。"
    assert second.units == ("市规划自然资源委", "市经济和信息化局（市国资委）")
    assert second.section == "一、重点任务（一）夯实创新基础"


@pytest.mark.parametrize(
    ("paragraph", "units"),
    [
        (
            "正文。（责任单位：市科委中关村管委会、市发展改革委）",
            ("市科委中关村管委会", "市发展改革委"),
        ),
        ("正文。(责任单位 :市人才工作局  、市教委 )", ("市人才工作局", "市教委")),
        ("正文。（牵头单位：甲局；配合单位：乙局、甲局）", ("甲局", "乙局")),
        ("正文，没有单位。", ()),
    ],
)
def test_unit_trailers(paragraph, units):
    body, found = units_of(paragraph)
    assert found == units
    assert "单位" not in body or not units


@pytest.mark.parametrize(
    ("text", "n"), [("一", 1), ("九", 9), ("十", 10), ("十二", 12), ("二十", 20)]
)
def test_chinese_heading_numbers(text, n):
    assert chinese_number(text) == n


def test_known_units_keep_their_codes_and_new_ones_get_one():
    units = draft_units(draft_tasks(PASTED), "BJ", CATALOG)
    codes = {u.name_zh: (u.code, u.known) for u in units}
    assert codes["市教委"] == (CATALOG.unit_scope("市教委").code, True)
    assert codes["市经济和信息化局（市国资委）"] == ("BJ.u01", False)


def test_the_draft_json_and_toml_carry_tasks_and_units():
    draft = draft_text(PASTED, CATALOG.metrics)
    records = draft_records(draft, "BJ", CATALOG)
    kinds = [r["type"] for r in records]
    assert kinds.count("task") == 2 and kinds.count("unit") == 5
    assert json.dumps(records, ensure_ascii=False)
    header = plan_header(draft, CATALOG, "BJ-X", "BJ", "bj-x.txt")
    block = catalog_block([], header, CATALOG, (), draft.tasks)
    assert 'code = "BJ-X.T2"' in block
    assert 'units = ["市规划自然资源委", "市经济和信息化局（市国资委）"]' in block
    assert block.count("[[units]]") == 1  # only the unit the catalog lacks
