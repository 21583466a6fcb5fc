"""Databases holding known data.

The fixture: a small deterministic data set for the page tests, with statuses derived by
hand. As of 2025-12-31: BJ-2024 (2024-01-01..2026-12-31) is at tau = 730/1095 = 2/3;
SH-2023 (2023-01-01..2025-12-31) is at its deadline (judged: achieved or missed);
BDA-2025 starts 2026-01-01 (not started). Counts expect whole items (kpi.domain.rules).

The sample figures: what `kpi init --demo` writes, flagged as sample or as a real upload.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kpi.access.auth import User
from kpi.ingest import workflow as uploads
from kpi.ingest.sample import SAMPLE_FILE_NAME, sample_csv
from kpi.ingest.workflow import ingest_bytes
from kpi.storage.store import Store
from tests.support import TODAY
from tests.support.files import csv_bytes
from tests.support.grant_files import FIRM_B, grant, grants_csv

AS_OF = date(2025, 12, 31)

FIXTURE_CSV = """jurisdiction,metric,period,value
BJ,leading_teams,2024Q1,2
BJ,leading_teams,2024Q3,1
BJ,leading_teams,2025Q2,3
BJ,leading_enterprises,2024Q2,1
BJ,leading_enterprises,2025Q1,2
BJ,listed_companies_new,2025Q3,1
SH,functional_platforms,2023Q2,2
SH,functional_platforms,2024Q4,4
SH,top_scientist_teams,2023Q1,1
SH,top_scientist_teams,2024Q1,1
SH,top_scientist_teams,2025Q1,2
SH,parts_library_capacity,2023Q1,400000
SH,parts_library_capacity,2024Q4,600000
""" + "".join(f"BJ,hardtech_startups,{y}Q{q},10\n" for y in (2024, 2025) for q in (1, 2, 3, 4))

#: A later upload revising one quarter: the old version stays in the history.
REVISION_CSV = "jurisdiction,metric,period,value\nSH,parts_library_capacity,2024Q4,700000\n"

#: Status of each target with data at AS_OF, by the engine's rules:
EXPECTED_STATUS = {
    "BJ-2024:leading_teams": "achieved",  # 2 + 1 + 3 = 6 >= 5
    "BJ-2024:hardtech_startups": "on_track",  # 80 / 67 (2/3 x 100 = 66.7) >= 0.95
    "BJ-2024:leading_enterprises": "on_track",  # range 5-10: 3 / 3 (2/3 x 5 = 3.3)
    "BJ-2024:listed_companies_new": "off_track",  # 1 / 2 (2/3 x 3) = 0.5 < 0.6
    "SH-2023:functional_platforms": "achieved",  # 2 + 4 = 6 >= 5
    "SH-2023:top_scientist_teams": "missed",  # 4 < 5 on the deadline
    # level: latest 700000 (revised) < 1e6 on the deadline
    "SH-2023:parts_library_capacity": "missed",
}
EXPECTED_VALUE = {
    "BJ-2024:leading_teams": 6,
    "BJ-2024:hardtech_startups": 80,
    "BJ-2024:leading_enterprises": 3,
    "BJ-2024:listed_companies_new": 1,
    "SH-2023:functional_platforms": 6,
    "SH-2023:top_scientist_teams": 4,
    "SH-2023:parts_library_capacity": 700000,
}


def build_fixture_db(path: Path, *, sample: bool = False) -> Path:
    """Create a database at ``path`` holding the fixture (flagged as sample if asked)."""
    store = Store.open(path)
    try:
        for name, text in (("fixture.csv", FIXTURE_CSV), ("revision.csv", REVISION_CSV)):
            result = ingest_bytes(
                store, text.encode(), name, "tester", today=TODAY, is_sample=sample
            )
            assert result.committed, result.problems
    finally:
        store.close()
    return path


def sample_figures_db(path: Path, *, is_sample: bool) -> Path:
    """The deterministic sample figures, flagged as sample or as a real upload."""
    store = Store.open(path)
    try:
        data = sample_csv(store.catalog(), TODAY)
        name = SAMPLE_FILE_NAME if is_sample else "report-2026Q3.csv"
        result = ingest_bytes(store, data, name, "tester", today=TODAY, is_sample=is_sample)
        assert result.committed
    finally:
        store.close()
    return path


#: A progress file's zh header, and what the units reported for 2026Q3 (the last quarter
#: closed on TODAY): Beijing task 8 delayed with its narrative and next steps, task 1
#: completed, attached measure 1 in progress, E-Town measure 4 in progress; every other
#: task is then not reported (逾期未报) at 2026-09-30.
PROGRESS_HEADER = ("任务", "期间", "进展状态", "进展情况", "下一步工作", "佐证材料")
DELAYED_TASK = "BJ-2024.T8"
DELAYED_PROGRESS = "京津冀共建园区签约推迟"
DELAYED_NEXT = "2026年四季度完成园区签约"
TASK_REPORTS = [
    (DELAYED_TASK, "2026Q3", "滞后", DELAYED_PROGRESS, DELAYED_NEXT, "京经信函〔2026〕8号"),
    ("BJ-2024.T1", "2026Q3", "已完成", "基础研究专项全部立项", "", ""),
    ("BJ-2024.M1", "2026Q3", "推进中", "创新平台建设按计划推进", "", ""),
    ("BDA-2025.M4", "2026Q3", "推进中", "中试验证平台完成选址", "", ""),
]


def add_task_reports(path: Path, rows: list[tuple] | None = None) -> Path:
    """Upload ``rows`` (default TASK_REPORTS) as one progress file, as an administrator."""
    admin = User("admin", "admin")
    store = Store.open(path)
    try:
        data = csv_bytes(rows or TASK_REPORTS, PROGRESS_HEADER)
        check = uploads.check_upload(store, data, "progress.csv", admin, TODAY)
        assert check.ok, check.problems
        assert uploads.commit_upload(store, check, admin).ok
    finally:
        store.close()
    return path


#: Grants under the shipped measures, totals by hand. E-Town: pilot platform (M5) to
#: 甲 20,000,000 approved / 8,000,000 paid, product use (M9) to 乙 3,000,000 / 3,000,000,
#: technology contracts (M2, serving the leading-enterprises target) to 甲 500,000 /
#: 500,000: 3 grants, 2 beneficiaries, 23,500,000 approved, 11,500,000 paid. Beijing:
#: measure 6 to 乙 200,000 / 100,000. So 乙 received 3,200,000 in all, 3,000,000 in E-Town.
FIRM_A_NAME, FIRM_B_NAME = "甲生物科技有限公司", "乙生物制造股份有限公司"


def support_grants() -> list[tuple]:
    """The rows of an English grants file (tests.support.grant_files) with the grants above."""
    firm_b = {"beneficiary": FIRM_B_NAME, "credit_code": FIRM_B}
    return [
        grant(beneficiary=FIRM_A_NAME),
        grant(
            measure="BDA-2025:M9",
            project="创新产品示范应用",
            approved_yuan=3_000_000,
            paid_yuan=3_000_000,
            approved_on="2026-04-01",
            approval_doc="京技管〔2026〕2号",
            **firm_b,
        ),
        grant(
            measure="BDA-2025:M2",
            beneficiary=FIRM_A_NAME,
            project="技术合同奖励",
            approved_yuan=500_000,
            paid_yuan=500_000,
            approved_on="2026-05-01",
        ),
        grant(
            measure="BJ-2024:M6",
            project="专精特新奖励",
            approved_yuan=200_000,
            paid_yuan=100_000,
            approved_on="2025-06-01",
            approval_doc="京科发〔2025〕9号",
            **firm_b,
        ),
    ]


def add_grants(store: Store) -> None:
    """Commit :func:`support_grants` as one grants file, as an administrator."""
    admin = User("admin", "admin")
    check = uploads.check_upload(store, grants_csv(*support_grants()), "grants.csv", admin, TODAY)
    assert check.ok, check.problems
    assert uploads.commit_upload(store, check, admin).ok
