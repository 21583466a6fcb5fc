"""``kpi tasks`` and progress files through ``kpi ingest``, end to end as a user runs them."""

from __future__ import annotations

import json
from collections import Counter

from kpi.domain.catalog import load_catalog
from kpi.domain.sources import in_text, policy_text
from tests.support.cli import run_kpi

CATALOG = load_catalog()
HEADER = "任务,期间,进展状态,进展情况,下一步工作,佐证材料\n"


def _tasks(db, *args):
    done = run_kpi(db, "tasks", "--format", "json", *args)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_shipped_ledger_as_the_texts_state_it(new_db):
    items = _tasks(new_db)
    plans = Counter(i["plan"] for i in items)
    assert plans["BJ-2024"] == 24 and plans["BDA-2025"] == 12 and plans["SH-2023"] >= 9
    beijing = [i for i in items if i["plan"] == "BJ-2024"]
    assert Counter(i["kind"] for i in beijing) == {"task": 10, "measure": 14}
    for item in items:
        assert in_text(item["text_zh"], policy_text(CATALOG.plan(item["plan"])))
        for field in ("task", "plan", "kind", "number", "title_zh", "units", "targets"):
            assert field in item
        assert {"status", "period", "progress", "next_steps"} <= item.keys()
    leads = {(i["kind"], i["number"]): i["units"][0] for i in beijing}
    assert leads[("task", 8)] == leads[("measure", 10)] == "市经济和信息化局"
    assert leads[("measure", 9)] == "市发展改革委"
    assert leads[("measure", 11)] == "市商务局"
    assert leads[("measure", 12)] == "市农业农村局"
    assert leads[("measure", 13)] == "市金融管理局"
    assert leads[("measure", 14)] == "市人才工作局"
    assert Counter(leads.values())["市科委中关村管委会"] == 17
    assert len([i for i in beijing if i["units"] and len(i["units"]) == 6]) >= 1
    jxj = _tasks(new_db, "--unit", "市经济和信息化局")
    assert len([i for i in jxj if i["plan"] == "BJ-2024"]) == 19
    assert all("市经济和信息化局" in i["units"] for i in jxj)


def test_a_progress_file_lands_and_known_at_before_it_shows_the_earlier_state(new_db, tmp_path):
    report = tmp_path / "进展.csv"
    report.write_text(HEADER + "BJ-2024.T8,2025Q3,滞后,园区签约推迟,11月签约,京经信发〔2025〕9号\n")
    done = run_kpi(new_db, "ingest", str(report))
    assert done.returncode == 0, done.stderr
    after = {i["task"]: i for i in _tasks(new_db, "--as-of", "2025-11-01")}
    assert after["BJ-2024.T8"]["status"] == "delayed"
    assert after["BJ-2024.T8"]["progress"] == "园区签约推迟"
    assert after["BJ-2024.T8"]["period"] == "2025Q3"
    assert after["BJ-2024.T1"]["status"] == "not_reported"
    before = {
        i["task"]: i for i in _tasks(new_db, "--as-of", "2025-11-01", "--known-at", "2025-01-01")
    }
    assert before["BJ-2024.T8"]["status"] == "not_reported"
    assert before["BJ-2024.T8"]["progress"] is None


def test_a_bad_status_is_refused_with_row_and_column_and_changes_nothing(new_db, tmp_path):
    report = tmp_path / "bad.csv"
    report.write_text(HEADER + "BJ-2024.T8,2025Q3,推进中,ok,,\nBJ-2024.T9,2025Q3,差不多,x,,\n")
    done = run_kpi(new_db, "ingest", str(report), lang="zh")
    assert done.returncode == 1
    assert "第 3 行" in done.stderr and "进展状态" in done.stderr and "差不多" in done.stderr
    assert all(i["status"] != "in_progress" for i in _tasks(new_db, "--as-of", "2025-11-01"))


def test_an_editor_of_one_unit_cannot_report_another_units_task(new_db, tmp_path):
    unit = ["--unit", "市经济和信息化局", "--password-stdin"]
    add = run_kpi(new_db, "user", "add", "jxj", "--role", "editor", *unit, input_text="pw123456\n")
    assert add.returncode == 0, add.stderr
    report = tmp_path / "p.csv"
    report.write_text(HEADER + "BJ-2024.T1,2025Q3,推进中,不是我的任务,,\n")
    done = run_kpi(new_db, "ingest", str(report), "--user", "jxj")
    assert done.returncode == 1
    assert "row 2" in done.stderr and "BJ-2024.T1" in done.stderr
    report.write_text(HEADER + "BJ-2024.T8,2025Q3,推进中,我牵头的任务,,\n")
    assert run_kpi(new_db, "ingest", str(report), "--user", "jxj").returncode == 0
    users = run_kpi(new_db, "batches")
    assert "units BJ.jxj" in users.stdout
