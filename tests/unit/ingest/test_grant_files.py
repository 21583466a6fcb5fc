"""Grants files: told by their header, every rule of the measure checked row by row
before anything is written (cap, rate, yearly cap, paid ≤ approved, validity, credit
code, 从优不重复), committed as an audited batch, revised by instalments, revertable."""

from __future__ import annotations

import pytest

from kpi.access.auth import User
from kpi.domain.catalog import load_catalog
from kpi.ingest.grant_files import credit_check_char, valid_credit_code
from kpi.ingest.workflow import check_upload, commit_upload, ingest_bytes
from kpi.present.locale import locale
from tests.support import TODAY
from tests.support.files import csv_bytes, xlsx_bytes
from tests.support.grant_files import EN, FIRM_A, FIRM_B, ZH, grant, grants_csv

CATALOG = load_catalog()
ADMIN = User("admin1", "admin")
FINANCE = User("fin", "finance", frozenset({"BDA"}))


def _problems(result):
    return [(p.row, p.column, p.code) for p in result.problems]


def _counts(store):
    return len(store.batches()), len(store.grants()), store.data_version()


# ---- the credit code ---------------------------------------------------------------------
@pytest.mark.parametrize("code", [FIRM_A, FIRM_B])
def test_known_credit_codes_pass_and_one_changed_character_fails(code):
    assert valid_credit_code(code)
    assert credit_check_char(code[:17]) == code[17]
    changed = code[:10] + ("1" if code[10] != "1" else "2") + code[11:]
    assert not valid_credit_code(changed)
    assert not valid_credit_code(code[:17])  # 17 characters
    assert not valid_credit_code(code[:17] + "I")  # I, O, Z, S, V are not in the set


# ---- reading ------------------------------------------------------------------------------
def test_a_chinese_grants_file_in_wan_is_read_in_yuan(store):
    header = (*ZH[:4], "批准金额（万元）", "拨付金额(万元)", *ZH[6:], "核定金额(元)")
    row = (
        "BDA-2025:M2",
        "乙公司",
        FIRM_B,
        "技术转让",
        "80",
        "20.5",
        "2026年3月1日",
        "京技管〔2026〕2号",
        "9000000",
    )
    result = check_upload(store, csv_bytes([row], header), "兑现.csv", ADMIN, TODAY)
    assert result.ok and result.report == "grants", _problems(result)
    got = result.rows.iloc[0]
    assert (got.approved_yuan, got.paid_yuan, got.eligible_yuan) == (800_000, 205_000, 9_000_000)
    assert str(got.approved_on) == "2026-03-01" and got.measure == "BDA-2025:M2"
    assert result.counts() == {"new": 1, "revised": 0, "unchanged": 0}


def test_a_workbook_grants_file_is_read_too(store):
    data = xlsx_bytes([grant()], EN)
    result = check_upload(store, data, "grants.xlsx", ADMIN, TODAY)
    assert result.ok and result.report == "grants", _problems(result)


# ---- each rule refused by row and column, nothing written -------------------------------
@pytest.mark.parametrize(
    ("row", "column", "code"),
    [
        (grant(approved_yuan=30_000_001, paid_yuan=0), "approved_yuan", "over_cap"),
        (grant(credit_code=FIRM_A[:17] + "C"), "credit_code", "bad_credit_code"),
        (grant(paid_yuan=20_000_001), "paid_yuan", "paid_over_approved"),
        (grant(approved_on="2025-12-28"), "approved_on", "outside_validity"),
        (grant(approved_on="2029-01-01"), "approved_on", "outside_validity"),
        (grant(measure="BDA-2025:M99"), "measure", "unknown_measure"),
        (grant(approved_yuan="二千万"), "approved_yuan", "bad_amount"),
        (grant(approved_on="3/1/26"), "approved_on", "bad_date"),
        (grant(project=""), "project", "missing_cell"),
    ],
)
def test_a_grant_breaking_a_rule_is_refused_at_its_row_and_column(store, row, column, code):
    before = _counts(store)
    data = grants_csv(grant(project="其他项目", credit_code=FIRM_B), row)
    result = check_upload(store, data, "grants.csv", ADMIN, TODAY)
    assert (3, column, code) in _problems(result)
    assert all(p.row == 3 for p in result.problems)
    assert result.rows.empty
    assert not commit_upload(store, result, ADMIN).ok
    assert _counts(store) == before
    told = locale("zh").describe(result.problems[0])
    assert "第 3 行" in told or "3" in told


def test_approved_above_rate_times_eligible_is_refused():
    extra = ("eligible_yuan",)
    data = grants_csv(
        grant(measure="BDA-2025:M2", approved_yuan=600_000, paid_yuan=0, eligible_yuan=5_000_000),
        extra=extra,
    )
    import pandas as pd

    from kpi.ingest.grant_files import validate_grant_grid
    from kpi.ingest.read import read_grid
    from kpi.storage.grant_rows import GRANT_COLUMNS

    grid, _ = read_grid(data, "g.csv")
    result = validate_grant_grid(grid, CATALOG, pd.DataFrame(columns=GRANT_COLUMNS))
    assert _problems(result) == [(2, "approved_yuan", "over_rate")]
    assert result.problems[0].params["limit"] == "500,000"
    data = grants_csv(
        grant(measure="BDA-2025:M2", approved_yuan=500_000, paid_yuan=0, eligible_yuan=5_000_000),
        extra=extra,
    )
    grid, _ = read_grid(data, "g.csv")
    assert validate_grant_grid(grid, CATALOG, pd.DataFrame(columns=GRANT_COLUMNS)).ok


def test_a_second_row_for_the_same_grant_is_refused(store):
    result = check_upload(store, grants_csv(grant(), grant()), "g.csv", ADMIN, TODAY)
    assert _problems(result) == [(3, "project", "duplicate_grant_row")]


def test_the_yearly_cap_counts_this_file_and_the_grants_in_force(store):
    voucher = {"measure": "BJ-2024:M5a", "approved_on": "2025-04-01", "paid_yuan": 0}
    first = grant(**voucher, project="检测服务一", approved_yuan=300_000)
    assert ingest_bytes(store, grants_csv(first), "a.csv", "fin", today=TODAY).committed
    second = grant(**voucher, project="检测服务二", approved_yuan=250_000)
    result = check_upload(store, grants_csv(second), "b.csv", ADMIN, TODAY)
    assert _problems(result) == [(2, "approved_yuan", "over_year_cap")]
    assert result.problems[0].params["total"] == "550,000"
    next_year = grant(
        **{**voucher, "approved_on": "2026-01-05"}, project="检测服务二", approved_yuan=250_000
    )
    assert check_upload(store, grants_csv(next_year), "c.csv", ADMIN, TODAY).ok
    # a revision of the first grant replaces it in the year's total
    revised = grant(**voucher, project="检测服务一", approved_yuan=200_000)
    assert check_upload(store, grants_csv(revised, second), "d.csv", ADMIN, TODAY).ok


def test_support_twice_under_one_plan_needs_an_exception_and_an_admin(store):
    assert ingest_bytes(store, grants_csv(grant()), "a.csv", "fin", today=TODAY).committed
    before = _counts(store)
    twice = grant(measure="BDA-2025:M8", approved_yuan=1_000_000, paid_yuan=0)
    result = check_upload(store, grants_csv(twice), "b.csv", FINANCE, TODAY)
    assert _problems(result) == [(2, "measure", "support_twice")]
    assert result.problems[0].params["other"] == "BDA-2025:M5"
    stated = grant(
        measure="BDA-2025:M8",
        approved_yuan=1_000_000,
        paid_yuan=0,
        exception="管委会专题会议纪要〔2026〕3号同意叠加支持",
    )
    data = grants_csv(stated, extra=("exception",))
    by_finance = check_upload(store, data, "b.csv", FINANCE, TODAY)
    assert _problems(by_finance) == [(2, "exception", "exception_needs_admin")]
    assert not commit_upload(store, by_finance, FINANCE).ok and _counts(store) == before
    by_admin = check_upload(store, data, "b.csv", ADMIN, TODAY)
    assert by_admin.ok
    assert commit_upload(store, by_admin, ADMIN).ok
    assert len(store.grants()) == 2
    # an exception under another plan is no exception: different plans do not collide
    other_plan = grant(measure="BJ-2024:M3a", approved_on="2025-06-01", approved_yuan=100)
    assert check_upload(store, grants_csv(other_plan), "c.csv", FINANCE, TODAY).problems


def test_finance_uploads_for_its_jurisdiction_only_and_viewers_not_at_all(store):
    bj = grant(measure="BJ-2024:M3a", approved_on="2025-06-01")
    result = check_upload(store, grants_csv(grant(project="x"), bj), "g.csv", FINANCE, TODAY)
    assert _problems(result) == [(3, "measure", "measure_not_assigned")]
    viewer = check_upload(store, grants_csv(grant()), "g.csv", User("v", "viewer"), TODAY)
    assert [p.code for p in viewer.problems] == ["may_not_upload_grants"]
    editor = User("e", "editor", frozenset({"BDA"}))
    assert not check_upload(store, grants_csv(grant()), "g.csv", editor, TODAY).ok


def test_an_instalment_file_revises_the_paid_amount_and_a_revert_takes_it_back(store):
    first = check_upload(store, grants_csv(grant()), "g1.csv", FINANCE, TODAY)
    assert commit_upload(store, first, FINANCE).ok
    second = check_upload(store, grants_csv(grant(paid_yuan=14_000_000)), "g2.csv", FINANCE, TODAY)
    assert second.counts() == {"new": 0, "revised": 1, "unchanged": 0}
    done = commit_upload(store, second, FINANCE).value
    grants = store.grants()
    assert len(grants) == 1 and grants["paid_yuan"].item() == 14_000_000
    log = store.audit_log()
    assert (log["user_name"] == "fin").sum() == 2
    store.revert_batch(done.batch_id, "admin1")
    assert store.grants()["paid_yuan"].item() == 8_000_000


def test_the_missing_columns_are_named():
    import pandas as pd

    from kpi.ingest.grant_files import validate_grant_grid
    from kpi.ingest.read import read_grid

    grid, _ = read_grid(csv_bytes([("BDA-2025:M5", FIRM_A)], ("measure", "credit_code")), "g.csv")
    result = validate_grant_grid(grid, CATALOG, pd.DataFrame())
    missing = {p.column for p in result.problems if p.code == "missing_column"}
    assert "approved_yuan / 批准金额(元)" in missing and "project / 项目名称" in missing
