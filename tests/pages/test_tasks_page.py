"""The task ledger on the pages, in both languages: the Tasks page by plan and by unit,
the overview's task headline, the tasks serving a target, and a progress file through
the Upload page (template, preview, commit) by an editor of a unit."""

from __future__ import annotations

from datetime import date

import pytest

from kpi.access import auth
from kpi.access.auth import User
from kpi.assess.task_ledger import store_ledger
from kpi.i18n import t
from kpi.ingest import workflow as uploads
from tests.support.files import csv_bytes
from tests.support.pages import app_test, shown_text, sign_in, table_under, upload, upload_page

ZH = ("任务", "期间", "进展状态", "进展情况", "下一步工作", "佐证材料")
ADMIN = User("admin1", "admin")
LANGS = ["zh", "en"]


def _report(store, rows):
    day = date.today()
    check = uploads.check_upload(store, csv_bytes(rows, ZH), "progress.csv", ADMIN, day)
    assert check.ok, check.problems
    outcome = uploads.commit_upload(store, check, ADMIN)
    assert outcome.ok and outcome.value is not None and outcome.value.committed


def _last_closed() -> str:
    from kpi.domain.periods import last_closed_quarter_end, quarter_label

    return quarter_label(last_closed_quarter_end(date.today()))


@pytest.mark.parametrize("lang", LANGS)
def test_tasks_page_by_plan_puts_delayed_first_with_its_narrative(app_db, lang):
    quarter = _last_closed()
    _report(app_db, [("BJ-2024.T5", quarter, "滞后", "孵化器建设推迟", "下季度开工", "")])
    at = app_test("tasks", lang=lang, as_of=date.today().isoformat()).run()
    assert not at.exception
    text = " ".join(shown_text(at))
    place = "北京市" if lang == "zh" else "Beijing"
    delayed = t("tasks.status.delayed", lang)
    assert f"{place} 24" in text or f"{place}: 24" in text
    assert delayed in text
    table = table_under(at, t("tasks.list", lang)).value
    statuses = list(table["status"])
    overdue = t("tasks.status.not_reported", lang)
    assert statuses == [overdue] * 23 + [delayed]  # the overdue first, then the delayed
    assert table.iloc[23]["progress"] == "孵化器建设推迟"
    assert table.iloc[0]["progress"] == t("tasks.no_report", lang)  # words, not an empty cell


@pytest.mark.parametrize("lang", LANGS)
def test_shanghai_says_its_text_names_no_units(app_db, lang):
    at = app_test("tasks", lang=lang).run()
    at.selectbox(key="tasks_plan").set_value("SH-2023").run()
    assert any(t("tasks.no_units", lang, plan="")[:6] in s or "repost" in s for s in shown_text(at))


@pytest.mark.parametrize("lang", LANGS)
def test_tasks_page_by_unit_splits_lead_and_cooperating(app_db, lang):
    at = app_test("tasks", lang=lang).run()
    at.segmented_control(key="tasks_view").set_value("unit").run()
    at.selectbox(key="tasks_unit").set_value("BJ.jxj").run()
    assert not at.exception
    headings = [h.value for h in at.subheader]
    assert t("tasks.lead_tasks", lang, count=2) in headings
    assert t("tasks.cooperating_tasks", lang, count=17) in headings


@pytest.mark.parametrize("lang", LANGS)
def test_unit_view_states_the_chosen_units_completeness(app_db, lang):
    """The unit's own count of due and reported tasks, not that of a unit it works with."""
    _report(app_db, [("BJ-2024.T8", _last_closed(), "推进中", "产业集群培育", "", "")])
    ledger = store_ledger(app_db, date.today(), None)
    mine = ledger[ledger["units"].map(lambda codes: "BJ.jxj" in codes)]
    reported = int((mine["period"] == mine["due_quarter"]).sum())
    at = app_test("tasks", lang=lang, as_of=date.today().isoformat()).run()
    at.segmented_control(key="tasks_view").set_value("unit").run()
    at.selectbox(key="tasks_unit").set_value("BJ.jxj").run()
    assert reported >= 1
    sentence = t("tasks.completeness", lang, due=len(mine), reported=reported)
    assert any(sentence in s for s in shown_text(at))


@pytest.mark.parametrize("lang", LANGS)
def test_overview_has_a_task_headline_per_jurisdiction(app_db, lang):
    at = app_test("overview", lang=lang).run()
    text = " ".join(shown_text(at))
    for place in (
        ("北京市 24 项任务", "上海市 15 项任务") if lang == "zh" else ("Beijing: 24 tasks",)
    ):
        assert place in text


@pytest.mark.parametrize("lang", LANGS)
def test_target_page_lists_the_tasks_serving_it(app_db, lang):
    quarter = _last_closed()
    _report(app_db, [("BJ-2024.T5", quarter, "推进中", "新增孵化企业12家", "", "")])
    at = app_test("target", lang=lang, target="BJ-2024:hardtech_startups").run()
    assert not at.exception
    table = table_under(at, t("tasks.serving", lang)).value
    assert "新增孵化企业12家" in set(table["progress"])
    assert t("tasks.status.in_progress", lang) in set(table["status"])


def test_an_editor_of_a_unit_uploads_progress_on_the_upload_page(app_db):
    store = app_db
    auth.add_user(store, "jxj", "editor", "correct horse 1", [], "test", ["BJ.jxj"])
    at = sign_in(upload_page("zh"), "jxj")
    assert not at.exception
    assert t("tasks.template", "zh") in [h.value for h in at.subheader]
    quarter = _last_closed()
    refused = upload(at, csv_bytes([("BJ-2024.T1", quarter, "推进中", "x", "", "")], ZH), "p.csv")
    assert (
        any(
            "BJ-2024.T1" in str(e.value) or "第 2 行" in str(e.value)
            for e in refused.dataframe[0:1]
        )
        or refused.error
    )
    at = sign_in(upload_page("zh"), "jxj")
    good = csv_bytes([("BJ-2024.T8", quarter, "推进中", "园区共建", "", "")], ZH)
    at = upload(at, good, "good.csv")
    assert not at.exception and not at.error
    at.button(key="commit").click().run()
    reports = store.task_reports()
    assert list(reports["task"]) == ["BJ-2024.T8"] and list(reports["user_name"]) == ["jxj"]
