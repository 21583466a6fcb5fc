"""The task ledger of the shipped catalog against its policy texts (the catalog's own
invariants: counts and lead units as the texts state them), and the rules of task and
unit entries."""

import re

import pytest

from kpi.domain.catalog import (
    DEFAULT_CATALOG,
    CatalogError,
    UnknownUnit,
    load_catalog,
    parse_catalog,
)
from kpi.domain.sources import in_text, policy_text
from kpi.domain.task_rules import TaskStatus, normal_unit, read_status, split_units, status_at

SHIPPED = DEFAULT_CATALOG.read_text(encoding="utf-8")
CATALOG = load_catalog()


def _tasks(plan, kind=None):
    return [t for t in CATALOG.tasks if t.plan == plan and kind in (None, t.kind)]


@pytest.mark.parametrize("code", [t.code for t in CATALOG.tasks])
def test_task_text_is_verbatim_from_the_policy_file(code):
    task = CATALOG.task(code)
    text = policy_text(CATALOG.plan(task.plan))
    assert text is not None
    assert in_text(task.text_zh, text), f"{code}: its paragraph is not in the text"
    assert "责任单位" not in task.text_zh  # the units are a field of their own
    # every unit named is one the text names in that paragraph's unit line
    for unit in task.units:
        assert unit in re.sub(r"\s+", "", text)


def test_beijing_has_its_ten_tasks_and_fourteen_attached_measures():
    assert [t.number for t in _tasks("BJ-2024", "task")] == list(range(1, 11))
    assert [t.number for t in _tasks("BJ-2024", "measure")] == list(range(1, 15))
    assert CATALOG.task("BJ-2024.T1").title_zh == "加强基础和前沿研究，提升原始创新策源力"


def test_beijing_lead_units_are_as_the_text_lists_them():
    leads = {t.code: t.lead for t in _tasks("BJ-2024")}
    other = {
        "BJ-2024.T8": "市经济和信息化局",
        "BJ-2024.M10": "市经济和信息化局",
        "BJ-2024.M9": "市发展改革委",
        "BJ-2024.M11": "市商务局",
        "BJ-2024.M12": "市农业农村局",
        "BJ-2024.M13": "市金融管理局",
        "BJ-2024.M14": "市人才工作局",
    }
    for code, lead in leads.items():
        assert lead == other.get(code, "市科委中关村管委会"), code
    assert len(CATALOG.task("BJ-2024.M12").units) == 6
    jxj = [t for t in _tasks("BJ-2024") if "市经济和信息化局" in t.units]
    assert len(jxj) == 19


def test_etown_has_twelve_measures_with_their_bureaus():
    measures = _tasks("BDA-2025")
    assert [t.number for t in measures] == list(range(1, 13))
    assert all(t.kind == "measure" and t.units for t in measures)
    assert CATALOG.task("BDA-2025.M5").units == ("生物技术和大健康产业局",)
    assert CATALOG.task("BDA-2025.M12").lead == "组织人事部"


def test_shanghai_has_nine_tasks_and_six_safeguards_without_units():
    assert [t.number for t in _tasks("SH-2023", "task")] == list(range(1, 10))
    assert [t.number for t in _tasks("SH-2023", "measure")] == list(range(1, 7))
    assert all(not t.units for t in _tasks("SH-2023"))


def test_every_unit_is_written_in_normal_form_and_every_task_unit_is_known():
    for unit in CATALOG.units:
        assert unit.name_zh == normal_unit(unit.name_zh)
    for task in CATALOG.tasks:
        assert [u.name_zh for u in CATALOG.task_units(task)] == list(task.units)


@pytest.mark.parametrize(
    ("spelt", "normal"),
    [
        (" 市科委中关村管委会 ", "市科委中关村管委会"),
        ("市人才工作局  ", "市人才工作局"),
        ("市委(市政府)办公厅", "市委（市政府）办公厅"),
        ("市 经济和信息化局", "市经济和信息化局"),
        ("\u3000市教委、", "市教委"),
    ],
)
def test_unit_names_are_normalised(spelt, normal):
    assert normal_unit(spelt) == normal


def test_a_unit_list_splits_in_order():
    assert split_units("市科委中关村管委会 、市发展改革委 , 市教委") == [
        "市科委中关村管委会",
        "市发展改革委",
        "市教委",
    ]


def test_units_are_found_by_name_as_spelt_or_by_code():
    assert CATALOG.unit_scope(" 市经济和信息化局").code == CATALOG.unit_scope("BJ.jxj").code
    assert CATALOG.unit_scope("all") is None
    with pytest.raises(UnknownUnit):
        CATALOG.unit_scope("市不存在局")


def test_a_task_naming_an_unknown_unit_or_target_is_refused():
    broken = SHIPPED.replace('units = ["市金融管理局"', 'units = ["市金融局"').replace(
        'targets = ["BJ-2024:listed_companies_new"]', 'targets = ["BJ-2024:nothing"]'
    )
    with pytest.raises(CatalogError) as caught:
        parse_catalog(broken)
    found = {(p.code, p.params.get("value")) for p in caught.value.problems}
    assert ("catalog_unknown_ref", "市金融局") in found
    assert ("catalog_unknown_ref", "BJ-2024:nothing") in found


def test_a_catalog_without_tasks_loads():
    head = SHIPPED.split("# ---- task ledger")[0]
    catalog = parse_catalog(head)
    assert catalog.tasks == () and catalog.units == ()


def test_deadline_is_the_plans_end_unless_given():
    task = CATALOG.task("BJ-2024.T1")
    assert CATALOG.task_deadline(task) == CATALOG.plan("BJ-2024").end


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("未启动", TaskStatus.NOT_STARTED),
        ("推进中", TaskStatus.IN_PROGRESS),
        (" 已完成 ", TaskStatus.COMPLETED),
        ("滞后", TaskStatus.DELAYED),
        ("in_progress", TaskStatus.IN_PROGRESS),
        ("In progress", TaskStatus.IN_PROGRESS),
        ("Delayed", TaskStatus.DELAYED),
        ("逾期未报", None),
        ("not_reported", None),
        ("进行中", None),
    ],
)
def test_status_words_of_a_file(word, status):
    assert read_status(word) == status


@pytest.mark.parametrize(
    ("latest", "for_due_quarter", "due", "status"),
    [
        ("in_progress", True, True, "in_progress"),
        ("in_progress", False, True, "not_reported"),  # an old report does not carry on
        ("delayed", False, True, "not_reported"),
        ("completed", False, True, "completed"),  # done stays done
        (None, False, True, "not_reported"),
        (None, False, False, "not_started"),
        ("in_progress", False, False, "in_progress"),
    ],
)
def test_status_at_the_last_closed_quarter(latest, for_due_quarter, due, status):
    assert status_at(latest, for_due_quarter, due) == status
