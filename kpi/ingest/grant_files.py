"""Grants files (CSV or XLSX): one row per grant under a support measure (政策兑现).

A grants file is told from other reports by its header: 措施,受支持单位,统一社会信用代码,
项目名称,批准金额(元),拨付金额(元),批准日期,批准文号 (or measure, beneficiary,
credit_code, project, approved_yuan, paid_yuan, approved_on, approval_doc); amounts may be
in 万元 when the header says so (批准金额(万元), approved_wan); optional 核定金额(元) /
eligible_yuan (the amount a rate applies to) and 例外说明 / exception.

Every row is checked before anything is written, each problem with its row (the header
is row 1) and its column as headed in the file: a known measure; the credit code's
check character (GB 32100-2015); approved within the measure's cap, within rate ×
eligible amount, and with the beneficiary's other grants of that calendar year within
the yearly cap; paid no more than approved; the approval date within the measure's
validity; one grant per measure, credit code and project; and "从优不重复": one
beneficiary's project under one measure of a plan only, unless the row states an
exception, which only an admin may accept (:func:`permission_problems`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pandas as pd

from kpi.access.auth import User
from kpi.domain.catalog import Catalog
from kpi.domain.problems import Problem, sort_problems
from kpi.domain.upload_result import UploadResult
from kpi.i18n import Phrase
from kpi.ingest.read import _check_text

#: The columns of a grants file: canonical name → (English, Chinese) heading, in yuan.
GRANT_HEADERS: dict[str, tuple[str, str]] = {
    "measure": ("measure", "措施"),
    "beneficiary": ("beneficiary", "受支持单位"),
    "credit_code": ("credit_code", "统一社会信用代码"),
    "project": ("project", "项目名称"),
    "approved": ("approved_yuan", "批准金额(元)"),
    "paid": ("paid_yuan", "拨付金额(元)"),
    "eligible": ("eligible_yuan", "核定金额(元)"),
    "approved_on": ("approved_on", "批准日期"),
    "approval_doc": ("approval_doc", "批准文号"),
    "exception": ("exception", "例外说明"),
}
#: Amount columns also read in 万元: their headings so written.
WAN_HEADERS: dict[str, tuple[str, str]] = {
    "approved": ("approved_wan", "批准金额(万元)"),
    "paid": ("paid_wan", "拨付金额(万元)"),
    "eligible": ("eligible_wan", "核定金额(万元)"),
}
REQUIRED = ("measure", "beneficiary", "credit_code", "project", "approved", "paid", "approved_on")
AMOUNTS = ("approved", "paid", "eligible")
WAN = 10_000


def _normal(name: str) -> str:
    """A heading as compared: no BOM, spaces or case; brackets of either width."""
    text = str(name).strip().lstrip("\ufeff").lower().replace("（", "(").replace("）", ")")
    return re.sub(r"\s+", "", text)


_LOOKUP: dict[str, tuple[str, int]] = {
    **{_normal(a): (canon, 1) for canon, names in GRANT_HEADERS.items() for a in names},
    **{_normal(a): (canon, WAN) for canon, names in WAN_HEADERS.items() for a in names},
    "exceptions": ("exception", 1),
    "例外": ("exception", 1),
    "例外情况": ("exception", 1),
}

# ---- the unified social credit code (GB 32100-2015) ----------------------------------
#: The code's characters, each worth its position: no I, O, Z, S, V.
CREDIT_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
#: The weights of the first 17 characters (3^i mod 31).
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_check_char(first17: str) -> str:
    """The 18th character of a credit code whose first 17 are ``first17``."""
    total = sum(CREDIT_CHARSET.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS, strict=True))
    return CREDIT_CHARSET[(31 - total % 31) % 31]


def valid_credit_code(code: str) -> bool:
    """18 characters of the code's set whose last is the check character of the rest."""
    if len(code) != 18 or any(c not in CREDIT_CHARSET for c in code):
        return False
    return credit_check_char(code[:17]) == code[17]


# ---- reading -------------------------------------------------------------------------
def _header(grid: pd.DataFrame) -> list[str]:
    return [str(h) if pd.notna(h) else "" for h in grid.iloc[0]]


def is_grant_file(grid: pd.DataFrame) -> bool:
    """The header names a measure and a credit code: a grants file."""
    if grid.empty:
        return False
    found = {_LOOKUP.get(_normal(h), ("", 1))[0] for h in _header(grid)}
    return {"measure", "credit_code"} <= found


def _body(grid: pd.DataFrame) -> tuple[pd.DataFrame | None, dict[str, str], dict[str, int], list]:
    header = _header(grid)
    chosen: dict[str, int] = {}
    factors: dict[str, int] = {}
    problems: list[Problem] = []
    for position, name in enumerate(header):
        canon, factor = _LOOKUP.get(_normal(name), ("", 1))
        if not canon:
            continue
        if canon in chosen:
            problems.append(Problem(1, name.strip(), "duplicate_column", {"column": name.strip()}))
        else:
            chosen[canon], factors[canon] = position, factor
    for canon in (*REQUIRED, "approval_doc"):
        if canon not in chosen:
            shown = " / ".join(GRANT_HEADERS[canon])
            problems.append(Problem(1, shown, "missing_column", {"column": shown}))
    if problems:
        return None, {}, {}, problems
    body = grid.iloc[1:, list(chosen.values())]
    body.columns = list(chosen)
    body = body.fillna("").astype(str).apply(lambda col: col.str.strip())
    body = body[(body != "").any(axis=1)]
    if body.empty:
        return None, {}, {}, [Problem(None, None, "empty_file")]
    body = body.assign(row_no=body.index.to_numpy() + 1)
    for canon in GRANT_HEADERS:
        if canon not in body:
            body[canon] = ""
    headers = {canon: header[pos].strip() for canon, pos in chosen.items()}
    return body, headers, factors, []


_DATE = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]0?0:00(?::00)?)?$"
)


def _dates(texts: pd.Series) -> pd.Series:
    """2026-03-01, 2026/3/1, 2026年3月1日 (a workbook's 2026-03-01 00:00:00) as dates."""
    parts = texts.str.extract(_DATE)
    stamp = pd.to_datetime({"year": parts[0], "month": parts[1], "day": parts[2]}, errors="coerce")
    return stamp.dt.date.where(stamp.notna(), None)


def _amounts(texts: pd.Series, factor: int) -> pd.Series:
    """Amounts as yuan, rounded to the fen; NaN where not a plain non-negative number."""
    cleaned = texts.str.replace(r"[,，\s]", "", regex=True)
    plain = cleaned.str.fullmatch(r"\d+(?:\.\d+)?|\.\d+")
    numbers = pd.to_numeric(cleaned.where(plain), errors="coerce")
    return (numbers * factor).round(2)


def yuan(amount: float) -> str:
    """An amount as a problem shows it: 1,000,000 or 12,345.67."""
    return f"{amount:,.0f}" if float(amount).is_integer() else f"{amount:,.2f}"


# ---- validating ------------------------------------------------------------------------
def validate_grant_grid(
    grid: pd.DataFrame,
    catalog: Catalog,
    existing: pd.DataFrame,
    file_name: str = "",
    sha256: str = "",
) -> UploadResult:
    """Check every row of a grants file against the catalog's measures and the grants in
    force (``existing``: ``Store.grants()``); the rows ready to commit, or the problems.

    A row stating an exception to "从优不重复" where one is needed keeps
    ``needs_exception`` True: only an admin may commit it (:func:`permission_problems`)."""
    body, headers, factors, problems = _body(grid)
    if body is None:
        return UploadResult(file_name, sha256, problems=problems, report="grants")
    for canon in GRANT_HEADERS:
        headers.setdefault(canon, GRANT_HEADERS[canon][0])

    def report(mask: pd.Series, column: str, code: str, **params: object) -> None:
        for idx in mask[mask].index:
            values = {k: v.at[idx] if isinstance(v, pd.Series) else v for k, v in params.items()}
            problems.append(Problem(int(body.at[idx, "row_no"]), headers[column], code, values))

    codes = {m.code.lower(): m.code for m in catalog.measures}
    measure = body["measure"].str.lower().map(codes)
    credit = body["credit_code"].str.upper().str.replace(r"\s", "", regex=True)
    money = {c: _amounts(body[c], factors.get(c, 1)) for c in AMOUNTS}
    approved_on = _dates(body["approved_on"])
    report(
        measure.isna() & (body["measure"] != ""),
        "measure",
        "unknown_measure",
        value=body["measure"],
    )
    for column in ("measure", "beneficiary", "credit_code", "project", "approved_on"):
        report(body[column] == "", column, "missing_cell")
    for column in ("approved", "paid"):
        report(body[column] == "", column, "missing_cell")
    report(
        (credit != "") & ~credit.map(valid_credit_code),
        "credit_code",
        "bad_credit_code",
        value=body["credit_code"],
    )
    for column in AMOUNTS:
        bad = (body[column] != "") & money[column].isna()
        report(bad, column, "bad_amount", value=body[column])
    report(money["approved"] == 0, "approved", "zero_amount")
    report(
        (body["approved_on"] != "") & approved_on.isna(),
        "approved_on",
        "bad_date",
        value=body["approved_on"],
    )
    for column in ("beneficiary", "project", "approval_doc", "exception"):
        _check_text(body[column], column, report, limit=500)
    rows = pd.DataFrame(
        {
            "row_no": body["row_no"].astype("int64"),
            "measure": measure,
            "beneficiary": body["beneficiary"],
            "credit_code": credit,
            "project": body["project"],
            "approved_yuan": money["approved"],
            "paid_yuan": money["paid"],
            "eligible_yuan": money["eligible"],
            "approved_on": approved_on,
            "approval_doc": body["approval_doc"].where(body["approval_doc"] != "", None),
            "exception": body["exception"].where(body["exception"] != "", None),
        }
    )
    _rule_problems(rows, catalog, report)
    _year_cap_problems(rows, catalog, existing, report)
    rows["needs_exception"] = _support_twice(rows, catalog, existing, report)
    _duplicate_rows(rows, report)
    problems = sort_problems(problems)
    kept = rows if not problems else rows.iloc[0:0]
    kept.attrs["headers"] = dict(headers)
    return UploadResult(file_name, sha256, kept, problems, report="grants")


Report = Callable[..., None]


def _rule_problems(rows: pd.DataFrame, catalog: Catalog, report: Report) -> None:
    """Each row against its measure's rule: cap, rate, paid ≤ approved, validity."""
    known = rows["measure"].notna()
    rule = rows["measure"].map(lambda c: catalog.measure(c), na_action="ignore")
    cap = rule.map(lambda m: m.cap_yuan, na_action="ignore").astype("float64")
    rate = rule.map(lambda m: m.rate, na_action="ignore").astype("float64")
    approved, eligible = rows["approved_yuan"], rows["eligible_yuan"]
    shown = approved.map(yuan, na_action="ignore")
    report(
        known & (approved > cap),
        "approved",
        "over_cap",
        value=shown,
        cap=cap.map(yuan, na_action="ignore"),
    )
    limit = (rate * eligible).round(2)
    report(
        known & eligible.notna() & (approved > limit),
        "approved",
        "over_rate",
        value=shown,
        percent=(rate * 100).round(2).map(lambda r: f"{r:g}", na_action="ignore"),
        eligible=eligible.map(yuan, na_action="ignore"),
        limit=limit.map(yuan, na_action="ignore"),
    )
    report(
        rows["paid_yuan"] > approved,
        "paid",
        "paid_over_approved",
        value=rows["paid_yuan"].map(yuan, na_action="ignore"),
        approved=shown,
    )
    start = pd.to_datetime(rule.map(lambda m: catalog.measure_period(m)[0], na_action="ignore"))
    end = pd.to_datetime(rule.map(lambda m: catalog.measure_period(m)[1], na_action="ignore"))
    on = pd.to_datetime(rows["approved_on"])
    outside = known & on.notna() & ((on < start) | (on > end))
    report(
        outside,
        "approved_on",
        "outside_validity",
        value=on.dt.date.astype(str),
        start=start.dt.date.astype(str),
        end=end.dt.date.astype(str),
    )


def _identity(frame: pd.DataFrame) -> pd.Series:
    return frame["measure"].astype(str) + "|" + frame["credit_code"] + "|" + frame["project"]


def _year_cap_problems(
    rows: pd.DataFrame, catalog: Catalog, existing: pd.DataFrame, report: Report
) -> None:
    """A beneficiary's grants under a measure with a yearly cap, summed per calendar
    year of approval: this file's rows and the grants in force it does not revise."""
    capped = {m.code: m.cap_per_year_yuan for m in catalog.measures if m.cap_per_year_yuan}
    mine = rows[rows["measure"].isin(capped) & rows["approved_on"].notna()]
    mine = mine[mine["approved_yuan"].notna()]
    if mine.empty:
        return
    kept = existing[existing["measure"].isin(capped) & ~_identity(existing).isin(_identity(rows))]
    both = pd.concat(
        [
            mine[["measure", "credit_code", "approved_yuan", "approved_on"]],
            kept[["measure", "credit_code", "approved_yuan", "approved_on"]],
        ],
        ignore_index=True,
    )
    year = pd.to_datetime(both["approved_on"]).dt.year
    totals = both.groupby([both["measure"], both["credit_code"], year])["approved_yuan"].sum()
    mine_year = pd.to_datetime(mine["approved_on"]).dt.year
    total = pd.Series(
        [
            totals[(m, c, y)]
            for m, c, y in zip(mine["measure"], mine["credit_code"], mine_year, strict=True)
        ],
        index=mine.index,
    )
    cap = mine["measure"].map(capped).astype("float64")
    over = (total > cap).reindex(rows.index, fill_value=False)
    report(
        over,
        "approved",
        "over_year_cap",
        year=mine_year.reindex(rows.index).astype("Int64"),
        total=total.map(yuan).reindex(rows.index),
        cap=cap.map(yuan).reindex(rows.index),
    )


def _support_twice(
    rows: pd.DataFrame, catalog: Catalog, existing: pd.DataFrame, report: Report
) -> pd.Series:
    """ "从优不重复": a beneficiary's project under two measures of one plan. A row without
    an exception stated is refused; one with it needs an admin (the Series says which)."""
    plan = {m.code: m.plan for m in catalog.measures}
    needs = pd.Series(False, index=rows.index)
    known = rows[rows["measure"].notna() & (rows["credit_code"] != "") & (rows["project"] != "")]
    if known.empty:
        return needs
    kept = existing[existing["measure"].isin(plan) & ~_identity(existing).isin(_identity(rows))]
    both = pd.concat(
        [known[["measure", "credit_code", "project"]], kept[["measure", "credit_code", "project"]]]
    )
    both = both.assign(plan=both["measure"].map(plan))
    measures = both.groupby(["plan", "credit_code", "project"])["measure"].agg(
        lambda s: sorted(set(s))
    )
    for idx, row in known.iterrows():
        found = measures[(plan[row["measure"]], row["credit_code"], row["project"])]
        others = [m for m in found if m != row["measure"]]
        if not others:
            continue
        if pd.isna(row["exception"]):
            one = pd.Series(False, index=rows.index)
            one[idx] = True
            report(one, "measure", "support_twice", other="、".join(others))
        else:
            needs[idx] = True
    return needs


def _duplicate_rows(rows: pd.DataFrame, report: Report) -> None:
    """One row per grant (measure, credit code, project) in a file."""
    complete = rows["measure"].notna() & (rows["credit_code"] != "") & (rows["project"] != "")
    key = _identity(rows)[complete]
    dup = key.duplicated(keep="first")
    if not dup.any():
        return
    first = rows["row_no"][complete].groupby(key).transform("first").astype(int)
    report(
        dup.reindex(rows.index, fill_value=False),
        "project",
        "duplicate_grant_row",
        first=first.reindex(rows.index),
    )


# ---- rights ---------------------------------------------------------------------------
def permission_problems(user: User | None, rows: pd.DataFrame, catalog: Catalog) -> list[Problem]:
    """One problem per row the user may not write: the finance right on the measure's
    plan's jurisdiction (admins everywhere), and an exception to "从优不重复" accepted
    by an admin only."""
    if user is None:
        return [Problem(None, None, "not_signed_in")]
    if not user.may_upload_grants:
        role = Phrase(f"role.{user.role}")
        return [Problem(None, None, "may_not_upload_grants", {"role": role})]
    headers = rows.attrs.get("headers", {})
    out = []
    allowed = ", ".join(sorted(user.jurisdictions))
    for row in rows.itertuples(index=False):
        jurisdiction = catalog.plan(catalog.measure(str(row.measure)).plan).jurisdiction
        row_no = int(row.row_no)
        if not user.may_handle_grants(jurisdiction):
            params: dict[str, Any] = {"value": row.measure, "allowed": allowed}
            out.append(
                Problem(row_no, headers.get("measure", "measure"), "measure_not_assigned", params)
            )
        elif row.needs_exception and not user.is_admin:
            column = headers.get("exception", "exception")
            out.append(Problem(row_no, column, "exception_needs_admin"))
    return out


def preview_diff(rows: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    """What committing a grants file changes, per row: a new grant, a revised one (its
    approved or paid amount before → after) or unchanged, against ``Store.grants()``."""
    keys = ["measure", "credit_code", "project"]
    now = current[[*keys, "approved_yuan", "paid_yuan"]].rename(
        columns={"approved_yuan": "old_approved", "paid_yuan": "old_paid"}
    )
    merged = rows.merge(now, on=keys, how="left")
    change = pd.Series("revised", index=merged.index)
    change[merged["old_paid"].isna()] = "new"
    same = (merged["old_paid"] == merged["paid_yuan"]) & (
        merged["old_approved"] == merged["approved_yuan"]
    )
    change[same] = "unchanged"
    return pd.DataFrame(
        {
            "row": merged["row_no"].astype("int64"),
            "measure": merged["measure"],
            "project": merged["project"],
            "old_approved": merged["old_approved"],
            "approved": merged["approved_yuan"],
            "old_paid": merged["old_paid"],
            "paid": merged["paid_yuan"],
            "change": change,
        }
    ).sort_values("row", ignore_index=True)
