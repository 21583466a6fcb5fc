"""Task progress files: told apart from figures by the header, validated row by row
before anything is written, committed as one audited batch, versioned, revertable and
read as known at a moment; rights by unit."""

from __future__ import annotations

import time
from datetime import date, datetime

import pytest

from kpi.access import auth
from kpi.access.auth import User
from kpi.assess.task_ledger import ledger, store_ledger
from kpi.domain.catalog import load_catalog
from kpi.ingest.progress_files import parse_report
from kpi.ingest.workflow import check_upload, commit_upload, ingest_bytes
from kpi.present.locale import locale
from tests.support import TODAY
from tests.support.files import csv_bytes, xlsx_bytes

ZH = ("任务", "期间", "进展状态", "进展情况", "下一步工作", "佐证材料")
EN = ("task", "period", "status", "progress", "next_steps", "evidence")
CATALOG = load_catalog()
ADMIN = User("admin1", "admin")
JXJ = User("jxj", "editor", units=frozenset({"BJ.jxj"}))


def _problems(result):
    return [(p.row, p.column, p.code) for p in result.problems]


def test_a_progress_file_in_chinese_is_read_with_its_words():
    data = csv_bytes(
        [
            (
                "BJ-2024.T8",
                "2025年第三季度",
                "推进中",
                "共建园区3个",
                "推进签约",
                "京经信发〔2025〕1号",
            )
        ],
        ZH,
    )
    result = parse_report(data, "进展.csv", CATALOG, TODAY)
    assert result.ok and result.report == "tasks"
    row = result.rows.iloc[0]
    assert (row.task, str(row.quarter_end), row.status) == (
        "BJ-2024.T8",
        "2025-09-30",
        "in_progress",
    )
    assert (row.progress, row.next_steps, row.evidence) == (
        "共建园区3个",
        "推进签约",
        "京经信发〔2025〕1号",
    )


def test_an_english_workbook_with_codes_in_any_case():
    data = xlsx_bytes([("bj-2024.m10", "2025Q3", "Delayed", "postponed", "", "")], EN)
    result = parse_report(data, "progress.xlsx", CATALOG, TODAY)
    assert result.ok, _problems(result)
    assert result.rows.iloc[0].task == "BJ-2024.M10"
    assert result.rows.iloc[0].status == "delayed"


def test_a_figures_file_still_reads_as_figures():
    data = csv_bytes([("BJ", "leading_teams", "2025Q3", "1")])
    result = parse_report(data, "figures.csv", CATALOG, TODAY)
    assert result.ok and result.report == "figures"


def test_every_bad_row_is_named_by_row_and_column():
    data = csv_bytes(
        [
            ("BJ-2024.T1", "2025Q3", "进行中", "x", "", ""),  # not a status of the vocabulary
            ("BJ-2024.T9", "2025Q3", "推进中", "", "", ""),  # no narrative
            ("XX", "2027Q1", "滞后", "y", "", ""),  # unknown task, quarter not ended
            ("BJ-2024.T2", "2023Q4", "未启动", "", "", ""),  # before the plan starts
            ("BJ-2024.T2", "2025Q1", "推进中", "a", "", ""),
            ("BJ-2024.T2", "2025Q1", "推进中", "b", "", ""),  # the same task and quarter
            ("BJ-2024.T3", "Q5", "推进中", "c", "", "\x00"),
        ],
        ZH,
    )
    result = parse_report(data, "bad.csv", CATALOG, TODAY)
    assert result.rows.empty
    assert set(_problems(result)) == {
        (2, "进展状态", "bad_task_status"),
        (3, "进展情况", "missing_progress"),
        (4, "任务", "unknown_task"),
        (4, "期间", "future_period"),
        (5, "期间", "period_outside_plan"),
        (7, "期间", "duplicate_task_row"),
        (8, "期间", "bad_period"),
        (8, "佐证材料", "control_characters"),
    }
    told = locale("zh").describe(result.problems[0])
    assert told.startswith("第 2 行") and "进行中" in told and "推进中" in told


def test_a_missing_column_is_named():
    data = csv_bytes([("BJ-2024.T1", "推进中")], ("任务", "进展状态"))
    result = parse_report(data, "bad.csv", CATALOG, TODAY)
    assert [(p.row, p.code) for p in result.problems] == [(1, "missing_column")]


def _ingest(store, rows, user="jxj", name="progress.csv"):
    return ingest_bytes(store, csv_bytes(rows, ZH), name, user, today=TODAY)


def test_a_report_sets_status_and_narrative_and_a_bad_one_changes_nothing(store):
    first = _ingest(store, [("BJ-2024.T8", "2026Q3", "推进中", "共建园区3个", "推进签约", "")])
    assert first.committed
    frame = store_ledger(store, TODAY)
    task = frame.set_index("task").loc["BJ-2024.T8"]
    assert (task.status, task.period, task.progress) == ("in_progress", "2026Q3", "共建园区3个")
    before = store.task_reports()
    batches = len(store.batches())
    bad = _ingest(store, [("BJ-2024.T8", "2026Q3", "很好", "x", "", "")], name="bad.csv")
    assert not bad.committed
    assert [(p.row, p.column, p.code) for p in bad.problems] == [(2, "进展状态", "bad_task_status")]
    assert len(store.batches()) == batches
    assert store.task_reports().equals(before)


def test_a_revision_is_a_new_version_known_at_and_revert_show_the_earlier_one(store):
    _ingest(store, [("BJ-2024.T8", "2026Q3", "推进中", "v1", "", "")], name="v1.csv")
    time.sleep(1.1)  # the moments of the two batches are a second apart
    between = datetime.now().replace(microsecond=0)
    time.sleep(1.1)
    second = _ingest(store, [("BJ-2024.T8", "2026Q3", "滞后", "v2", "", "")], name="v2.csv")
    now = store_ledger(store, TODAY).set_index("task").loc["BJ-2024.T8"]
    assert (now.status, now.progress) == ("delayed", "v2")
    earlier = store_ledger(store, TODAY, between).set_index("task").loc["BJ-2024.T8"]
    assert (earlier.status, earlier.progress) == ("in_progress", "v1")
    store.revert_batch(second.batch_id, "admin1")
    reverted = store_ledger(store, TODAY).set_index("task").loc["BJ-2024.T8"]
    assert (reverted.status, reverted.progress) == ("in_progress", "v1")
    history = store.task_report_history("BJ-2024.T8")
    assert list(history["progress"]) == ["v2", "v1"]
    actions = list(store.audit_log()["action"])
    assert actions.count("commit") >= 2 and "revert" in actions


def test_no_report_for_the_last_closed_quarter_is_not_reported(store):
    _ingest(store, [("BJ-2024.T8", "2026Q2", "推进中", "上季度", "", "")])
    task = store_ledger(store, TODAY).set_index("task").loc["BJ-2024.T8"]
    assert task.status == "not_reported"  # due for 2026Q3, the last closed quarter
    assert (task.period, task.progress) == ("2026Q2", "上季度")  # the latest report still shown
    as_of_q2 = store_ledger(store, date(2026, 8, 1)).set_index("task").loc["BJ-2024.T8"]
    assert as_of_q2.status == "in_progress"


def test_an_editor_of_one_unit_cannot_report_another_units_task(store, fast_bcrypt):
    auth.add_user(store, "jxj", "editor", "password123", [], "test", ["市经济和信息化局"])
    user = auth.load_user(store, "jxj")
    assert user.units == {"BJ.jxj"}
    mine = csv_bytes([("BJ-2024.T8", "2026Q3", "推进中", "ok", "", "")], ZH)
    theirs = csv_bytes(
        [
            ("BJ-2024.T8", "2026Q3", "推进中", "ok", "", ""),
            ("BJ-2024.T1", "2026Q3", "推进中", "not mine", "", ""),  # 市科委 and others only
        ],
        ZH,
    )
    refused = check_upload(store, theirs, "theirs.csv", user, TODAY)
    assert [(p.row, p.column, p.code) for p in refused.problems] == [
        (3, "任务", "task_not_assigned")
    ]
    assert commit_upload(store, refused, user).value is None
    assert store.task_reports().empty
    checked = check_upload(store, mine, "mine.csv", user, TODAY)
    assert checked.ok and list(checked.diff["change"]) == ["new"]
    assert commit_upload(store, checked, user).ok
    # a cooperating unit reports too: 市经济和信息化局 cooperates on task 2
    cooperating = csv_bytes([("BJ-2024.T2", "2026Q3", "推进中", "配合", "", "")], ZH)
    assert check_upload(store, cooperating, "coop.csv", user, TODAY).ok


def test_a_viewer_or_an_editor_without_units_may_not_report():
    data = csv_bytes([("BJ-2024.T8", "2026Q3", "推进中", "ok", "", "")], ZH)
    rows = parse_report(data, "p.csv", CATALOG, TODAY).rows
    from kpi.ingest.progress_files import permission_problems

    assert [p.code for p in permission_problems(User("v", "viewer"), rows, CATALOG)] == [
        "may_not_report_tasks"
    ]
    editor = User("e", "editor", frozenset({"BJ"}))
    assert [p.code for p in permission_problems(editor, rows, CATALOG)] == ["may_not_report_tasks"]
    assert permission_problems(ADMIN, rows, CATALOG) == []
    assert JXJ.may_report({"BJ.jxj", "BJ.kw"}) and not JXJ.may_report({"BJ.kw"})


def test_the_ledger_of_a_plan_not_started_is_not_started():
    frame = ledger(CATALOG, store_reports_empty(), date(2025, 12, 1))
    etown = frame[frame["plan"] == "BDA-2025"]
    assert set(etown["status"]) == {"not_started"} and etown["due_quarter"].isna().all()


def store_reports_empty():
    import pandas as pd

    columns = ["task", "quarter_end", "status", "progress", "next_steps", "evidence"]
    return pd.DataFrame(columns=[*columns, "batch_id", "user_name", "created_at"])


@pytest.mark.parametrize("header", [ZH, EN])
def test_both_headers_are_recognised(header):
    data = csv_bytes([("SH-2023.T1", "2025Q3", "completed", "done", "", "")], header)
    assert parse_report(data, "p.csv", CATALOG, TODAY).report == "tasks"
