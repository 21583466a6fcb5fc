"""Support measures drafted as [[measures]] entries: on the shipped texts the drafted
caps, rates and yearly caps are the catalog's, and the TOML block holds them."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from kpi.domain.catalog import load_catalog, parse_catalog
from kpi.domain.sources import policy_text
from kpi.drafting.catalog_block import catalog_block, catalog_with_block, draft_rows, plan_header
from kpi.drafting.items import draft_text
from kpi.drafting.measure_items import (
    draft_measures,
    granted_amounts,
    measure_entries,
    measure_fields,
    rate_base,
    validity,
)
from tests.support.files import NEW_CITY

CATALOG = load_catalog()


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", text).rstrip("。")


@pytest.mark.parametrize("plan", sorted({m.plan for m in CATALOG.measures}))
def test_the_drafted_rules_of_a_shipped_text_are_the_catalogs(plan):
    draft = draft_text(policy_text(CATALOG.plan(plan)))
    fields = measure_fields(draft, plan)
    rules = draft_measures(draft)
    for measure in (m for m in CATALOG.measures if m.plan == plan):
        found = [
            (f, r)
            for f, r in zip(fields, rules, strict=True)
            if _plain(measure.text_zh) in _plain(r.support.text_zh)
        ]
        assert len(found) == 1, measure.code
        drafted, rule = found[0]
        assert (drafted["cap_yuan"], drafted["rate"], drafted["cap_per_year_yuan"]) == (
            measure.cap_yuan,
            measure.rate,
            measure.cap_per_year_yuan,
        ), measure.code
        assert drafted["per_year"] == measure.per_year
        assert drafted["task"] == measure.task
        assert rule.rate_base_zh == (measure.rate_base_zh if measure.rate else "")
        start, end = CATALOG.measure_period(measure)
        assert (drafted["valid_from"], drafted["valid_to"]) == (str(start), str(end))


@pytest.mark.parametrize(
    ("sentence", "amounts", "base"),
    [
        ("对首次纳入规模以上统计范围、年产值首次突破1亿元的企业追加奖励20万元", [200_000], ""),
        (
            "按照认定登记并核定的技术合同成交额给予10%奖励,最高不超过100万元",
            [1e6],
            "认定登记并核定的技术合同成交额",
        ),
        ("单笔合同补贴金额最高不超过合同总金额的30%且不超过5万元", [50_000], "合同总金额"),
        ("最高按照实际建设工程投资的30%给予补助支持", [], "实际建设工程投资"),
        ("给予最高不超过五百万元支持", [5e6], ""),
    ],
)
def test_amounts_granted_and_the_base_of_a_rate(sentence, amounts, base):
    assert granted_amounts(sentence) == amounts
    assert rate_base(sentence) == base


def test_the_toml_block_holds_measures_and_installs_with_its_task():
    draft = draft_text(NEW_CITY)
    header = plan_header(draft, CATALOG, "CD-2025", "CD", "chengdu.txt")
    entries = measure_entries(draft, header.code)
    assert [(e["code"], e["task"], e["cap_yuan"]) for e in entries] == [
        ("CD-2025:M1", "CD-2025.M1", 10_000_000)
    ]
    block = catalog_block(draft_rows(draft), header, CATALOG, draft.support, draft.tasks, entries)
    assert '[[measures]]\ncode = "CD-2025:M1"' in block
    assert "cap_yuan = 10000000" in block
    assert "# Support measures in the text" not in block  # every sentence has its task
    assert validity(draft) == (None, None)  # the text states none: the plan's dates


def test_the_etown_block_drafts_its_validity_and_codes():
    draft = draft_text(policy_text(CATALOG.plan("BDA-2025")))
    entries = measure_entries(draft, "BDA-2025")
    codes = {m.code for m in CATALOG.measures if m.plan == "BDA-2025"}
    assert codes <= {e["code"] for e in entries}
    assert all(str(e["valid_to"]) == "2028-12-31" for e in entries)


def test_a_catalog_with_drafted_measures_reads_back():
    draft = draft_text(NEW_CITY)
    header = plan_header(draft, CATALOG, "CD-2025", "CD", "chengdu.txt")
    header = replace(header, source_sha256="0" * 64, reporting_agency="成都市人民政府办公厅")
    # no target rows: the new metrics are the reviewer's to name; tasks and measures stay
    entries = measure_entries(draft, header.code)
    block = catalog_block([], header, CATALOG, draft.support, draft.tasks, entries)
    catalog = parse_catalog(catalog_with_block(CATALOG, block))
    assert catalog.measure("CD-2025:M1").cap_yuan == 10_000_000
