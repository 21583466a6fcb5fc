"""Grants files as finance offices write them (valid credit codes, the shipped measures)."""

from __future__ import annotations

from tests.support.files import csv_bytes

ZH = (
    "措施",
    "受支持单位",
    "统一社会信用代码",
    "项目名称",
    "批准金额(元)",
    "拨付金额(元)",
    "批准日期",
    "批准文号",
)
EN = (
    "measure",
    "beneficiary",
    "credit_code",
    "project",
    "approved_yuan",
    "paid_yuan",
    "approved_on",
    "approval_doc",
)
#: Two valid unified social credit codes (their check characters verified by hand).
FIRM_A = "91110000802100433B"
FIRM_B = "91110000600001760P"


def grant(**given: object) -> tuple:
    """One row of an English grants file: a pilot-platform grant of E-Town by default."""
    row = {
        "measure": "BDA-2025:M5",
        "beneficiary": "甲生物科技有限公司",
        "credit_code": FIRM_A,
        "project": "千升级中试平台",
        "approved_yuan": 20_000_000,
        "paid_yuan": 8_000_000,
        "approved_on": "2026-03-01",
        "approval_doc": "京技管〔2026〕1号",
    }
    extra = {k: v for k, v in given.items() if k not in row}
    row.update({k: v for k, v in given.items() if k in row})
    return tuple(row.values()) + tuple(extra.values())


def grants_csv(*rows: tuple, extra: tuple[str, ...] = ()) -> bytes:
    return csv_bytes(list(rows), EN + extra)
