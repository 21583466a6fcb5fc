"""The one upload workflow, for the Upload page and ``kpi ingest`` alike: check a file
(read, validate, rights, preview, warnings), commit it, revert a batch, install a
catalog; and the completeness of reports.

Every write returns an :class:`kpi.domain.outcome.Outcome`; nothing here is a sentence
(kpi.present.upload_tables puts the reader's words on the tables). The overview and the
target page reuse ``completeness`` and ``target_audit``.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd

from kpi.access.auth import User, admin_refusal
from kpi.assess.verdicts import compute_status
from kpi.domain.catalog import CatalogError, decode_catalog
from kpi.domain.outcome import Outcome
from kpi.domain.periods import (
    index_label,
    last_closed_quarter_end,
    last_quarter_index,
    quarter_index,
    quarter_label,
)
from kpi.domain.problems import Problem
from kpi.domain.rules import Status
from kpi.domain.upload_result import UploadResult
from kpi.ingest import grant_files, progress_files
from kpi.ingest.plausibility import magnitude_warnings
from kpi.ingest.read import MAX_UPLOAD_MB, read_grid, read_limited
from kpi.storage.store import DatabaseBusy, Store

COMPLETENESS_COLUMNS = [
    "jurisdiction",
    "metric",
    "kind",
    "due",
    "reported",
    "missing",
    "missing_quarters",
    "next_due",
]


# ---- completeness -----------------------------------------------------------------------
def completeness(targets: pd.DataFrame, current: pd.DataFrame, today: date) -> pd.DataFrame:
    """Per targeted (jurisdiction, metric): the quarters due so far and which are missing.

    A quarter is due from the earliest plan start of that series up to the last closed
    quarter, and not beyond the latest deadline. ``targets`` is ``Store.targets()`` (or
    ``Catalog.targets_frame()``, the same columns), ``current`` is
    ``Store.current_observations()``. Columns: jurisdiction, metric, kind, due,
    reported, missing, missing_quarters (labels such as "2025Q1, 2025Q2"), next_due.
    """
    series = targets.groupby(["jurisdiction", "metric"], as_index=False, sort=True).agg(
        kind=("kind", "first"), start=("start_date", "min"), end=("deadline", "max")
    )
    # Quarters as integers (year * 4 + quarter - 1), so that a national catalog's
    # 25,000 series and a million observations are counted without a Python loop.
    first = quarter_index(series["start"])  # the quarter holding the start ends after it
    last_plan = last_quarter_index(series["end"])
    last_closed = quarter_index(pd.Series([last_closed_quarter_end(today)])).iloc[0]
    last_due = last_plan.clip(upper=last_closed)
    due = (last_due - first + 1).clip(lower=0)
    obs = current[["jurisdiction", "metric"]].assign(q=quarter_index(current["quarter_end"]))
    in_window = obs.merge(series[["jurisdiction", "metric"]].assign(first=first, last=last_due))
    in_window = in_window[in_window["q"].between(in_window["first"], in_window["last"])]
    reported = in_window.groupby(["jurisdiction", "metric"]).size().rename("reported").reset_index()
    out = series[["jurisdiction", "metric", "kind"]].assign(due=due.astype(int))
    out = out.merge(reported, how="left").fillna({"reported": 0})
    out["reported"] = out["reported"].astype(int)
    out["missing"] = out["due"] - out["reported"]
    missing = _missing_quarters(out.assign(first=first, last=last_due), in_window)
    out["missing_quarters"] = [", ".join(index_label(q) for q in qs) for qs in missing]
    upcoming = pd.Series(first).clip(lower=last_closed + 1)
    next_due = [
        qs[0] if qs else (up if up <= lp else None)
        for qs, up, lp in zip(missing, upcoming, last_plan, strict=True)
    ]
    out["next_due"] = [index_label(q) if q is not None else "" for q in next_due]
    return out[COMPLETENESS_COLUMNS].reset_index(drop=True)


def _missing_quarters(series: pd.DataFrame, reported: pd.DataFrame) -> list[list[int]]:
    """Per series (in ``series`` order): the due quarter indexes with no current value."""
    lacking = series[series["missing"] > 0]
    result: list[list[int]] = [[] for _ in range(len(series))]
    if lacking.empty:
        return result
    position = pd.Series(range(len(series)), index=series.index)
    spans = lacking.assign(
        pos=position[lacking.index].to_numpy(),
        q=[list(range(a, b + 1)) for a, b in zip(lacking["first"], lacking["last"], strict=True)],
    ).explode("q")
    spans["q"] = spans["q"].astype(int)
    have = reported[["jurisdiction", "metric", "q"]].assign(seen=True)
    spans = spans.merge(have, how="left", on=["jurisdiction", "metric", "q"])
    for pos, q in spans.loc[spans["seen"].isna(), ["pos", "q"]].itertuples(index=False):
        result[pos].append(int(q))
    return result


def store_completeness(store: Store, today: date, jurisdiction: str | None = None) -> pd.DataFrame:
    """``completeness`` of the database's current values, optionally for one jurisdiction,
    with column ``explanation``: "missing" where a target of the series is off track or
    missed at the last closed quarter and its report of that quarter gives no reason."""
    targets = store.targets(jurisdiction)
    out = completeness(targets, store.current_observations(jurisdiction), today)
    return out.assign(explanation=_explanations_missing(store, today, jurisdiction, out))


def _explanations_missing(
    store: Store, today: date, jurisdiction: str | None, frame: pd.DataFrame
) -> list[str]:
    closed = last_closed_quarter_end(today)
    status = compute_status(store, closed, jurisdiction, with_close=False)
    behind = status[
        status["status"].isin([Status.OFF_TRACK, Status.MISSED]) & status["reason"].isna()
    ]
    owing = set(zip(behind["jurisdiction"], behind["metric"], strict=True))
    return [
        "missing" if key in owing else ""
        for key in zip(frame["jurisdiction"], frame["metric"], strict=True)
    ]


# ---- what a template asks for ---------------------------------------------------------
def open_quarters(completeness_row: pd.Series) -> list[str]:
    """Quarters to report for one series: every missing quarter, else the next one due."""
    missing = completeness_row["missing_quarters"]
    if missing:
        return missing.split(", ")
    return [completeness_row["next_due"]] if completeness_row["next_due"] else []


# ---- checking an upload -----------------------------------------------------------------
def permission_problems(user: User | None, rows: pd.DataFrame) -> list[Problem]:
    """One problem per row the user may not upload (editors: assigned jurisdictions only)."""
    if user is None:
        return [Problem(None, None, "not_signed_in")]
    if not user.may_upload:
        return [Problem(None, None, "may_not_upload", {"role": user.role})]
    if rows.empty or user.is_admin:
        return []
    refused = rows[~rows["jurisdiction"].isin(user.jurisdictions)]
    allowed = ", ".join(sorted(user.jurisdictions))
    return [
        Problem(
            int(r.row_no),
            "jurisdiction",
            "not_assigned",
            {"value": r.jurisdiction, "allowed": allowed},
        )
        for r in refused.itertuples(index=False)
    ]


def preview_diff(rows: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    """What committing ``rows`` changes: new, revised (old -> new) or unchanged, per row."""
    incoming = rows.assign(quarter_end=pd.to_datetime(rows["quarter_end"]))
    now = current[["jurisdiction", "metric", "quarter_end", "value"]].rename(
        columns={"value": "old"}
    )
    now = now.assign(quarter_end=pd.to_datetime(now["quarter_end"]))
    merged = incoming.merge(now, on=["jurisdiction", "metric", "quarter_end"], how="left")
    change = pd.Series("revised", index=merged.index)
    change[merged["old"].isna()] = "new"
    change[merged["old"] == merged["value"]] = "unchanged"
    return pd.DataFrame(
        {
            "row": merged["row_no"].astype("int64"),
            "jurisdiction": merged["jurisdiction"],
            "metric": merged["metric"],
            "period": merged["quarter_end"].map(quarter_label),
            "old": merged["old"],
            "new": merged["value"],
            "change": change,
            "source": merged["source"],
            "note": merged["note"],
        }
    ).sort_values("row", ignore_index=True)


def parse_any(store: Store, data: bytes, file_name: str, today: date | None = None) -> UploadResult:
    """Read and validate a file of any kind, told by its header: figures, task progress
    or grants (checked against the grants in force); nothing is written."""
    name = Path(file_name).name
    grid, problems = read_grid(data, name)
    if grid is not None and grant_files.is_grant_file(grid):
        sha = hashlib.sha256(data).hexdigest()
        return grant_files.validate_grant_grid(grid, store.catalog(), store.grants(), name, sha)
    return progress_files.parse_report(data, name, store.catalog(), today, (grid, problems))


def check_upload(
    store: Store, data: bytes, file_name: str, user: User | None, today: date | None = None
) -> UploadResult:
    """Read, validate, check rights and compare with current values; writes nothing.
    A progress file (told by its header) is compared with the tasks' current reports,
    a grants file with the grants in force."""
    parsed = parse_any(store, data, file_name, today)
    if not parsed.ok:
        return parsed
    if parsed.report == "grants":
        refused = grant_files.permission_problems(user, parsed.rows, store.catalog())
        if refused:
            return replace(parsed, problems=refused)
        diff = grant_files.preview_diff(parsed.rows, store.grants())
        return replace(parsed, diff=diff, duplicate_of=committed_batch(store, parsed.sha256))
    if parsed.report == "tasks":
        refused = progress_files.permission_problems(user, parsed.rows, store.catalog())
        if refused:
            return replace(parsed, problems=refused)
        diff = progress_files.preview_diff(parsed.rows, store.task_reports())
        return replace(parsed, diff=diff, duplicate_of=committed_batch(store, parsed.sha256))
    refused = permission_problems(user, parsed.rows)
    if refused:  # the rows stay, so that rights are checked again at commit
        return replace(parsed, problems=refused)
    current = store.current_observations()
    return replace(
        parsed,
        diff=preview_diff(parsed.rows, current),
        problems=magnitude_warnings(parsed.rows, current),
        duplicate_of=committed_batch(store, parsed.sha256),
    )


def check_file(
    store: Store, path: Path | str, user: User | None, today: date | None = None
) -> UploadResult:
    """:func:`check_upload` of a file on disk (the command line's), read in chunks and
    refused once over MAX_UPLOAD_MB (a size from ``stat`` is not trusted)."""
    path = Path(path)
    data = read_limited(path)
    if data is None:
        problem = Problem(None, None, "too_large_stream", {"limit": MAX_UPLOAD_MB})
        return UploadResult(path.name, "", problems=[problem])
    return check_upload(store, data, path.name, user, today)


def committed_batch(store: Store, sha256: str) -> dict | None:
    """The live batch holding a file with this sha256 (id, file_name, user_name,
    created_at, n_rows), or None: committing it again would write nothing."""
    batches = store.batches()
    same = batches[(batches["sha256"] == sha256) & batches["reverted_at"].isna()]
    if same.empty:
        return None
    first = same.sort_values("id").iloc[0]
    return {k: first[k] for k in ("id", "file_name", "user_name", "created_at", "n_rows")}


def commit_upload(
    store: Store, upload: UploadResult, user: User | None, accept_warnings: bool = False
) -> Outcome[UploadResult]:
    """Commit a checked file as one batch; rights are checked again at this moment.

    The outcome holds the upload with its batch (a new one, or the batch that already
    held the same file: ``duplicate``), or why nothing was written. A file with warnings
    is committed only once they are accepted.
    """
    if not upload.ok or _refusals(store, user, upload):
        return Outcome.refused("upload.refused")
    if upload.warnings and not accept_warnings:
        return Outcome.refused("upload.confirm_warnings")
    assert user is not None
    try:
        if upload.report == "tasks":
            return Outcome.done(store.commit_task_reports(upload, user=user.name))
        if upload.report == "grants":
            return Outcome.done(store.commit_grants(upload, user=user.name))
        return Outcome.done(store.commit_batch(upload, user=user.name))
    except DatabaseBusy:
        return Outcome.refused("busy")


def _refusals(store: Store, user: User | None, upload: UploadResult) -> list[Problem]:
    """What the user may not write of a checked file, by its kind."""
    if upload.report == "tasks":
        return progress_files.permission_problems(user, upload.rows, store.catalog())
    if upload.report == "grants":
        return grant_files.permission_problems(user, upload.rows, store.catalog())
    return permission_problems(user, upload.rows)


def revert(store: Store, batch_id: int, user: User | None) -> Outcome[int]:
    """Revert a batch as an admin: the batch reverted, or why not."""
    refused = admin_refusal(user)
    if refused is not None:
        return refused
    assert user is not None
    try:
        store.revert_batch(batch_id, user.name)
    except DatabaseBusy:
        return Outcome.refused("busy")
    return Outcome.done(batch_id)


# ---- a trusted file, validated and committed in one call ------------------------------
def ingest_bytes(
    store: Store,
    data: bytes,
    file_name: str,
    user: str,
    *,
    today: date | None = None,
    is_sample: bool = False,
) -> UploadResult:
    """Validate, then commit the whole file as one batch under ``user``; a bad file
    writes nothing. For files the system itself writes (``kpi init --demo``'s sample),
    benchmarks and tests: no rights or warnings are checked (people's uploads go
    through :func:`check_upload` and :func:`commit_upload`)."""
    parsed = parse_any(store, data, file_name, today)
    if not parsed.ok:
        return parsed
    if parsed.report == "tasks":
        return store.commit_task_reports(parsed, user=user)
    if parsed.report == "grants":
        return store.commit_grants(parsed, user=user)
    return store.commit_batch(parsed, user=user, is_sample=is_sample)


# ---- catalog ----------------------------------------------------------------------------
def install_catalog(store: Store, data: bytes, user: User | None) -> Outcome[int]:
    """Validate and install a catalog file as on load: the version installed, or the
    catalog's problems (nothing changed)."""
    refused = admin_refusal(user)
    if refused is not None:
        return refused
    assert user is not None
    try:
        return Outcome.done(store.load_catalog_text(decode_catalog(data), user.name))
    except CatalogError as exc:
        return Outcome.failed(exc.problems)
    except DatabaseBusy:
        return Outcome.refused("busy")


# ---- audit --------------------------------------------------------------------------------
def target_audit(store: Store, target_code: str, include_catalog: bool = True) -> pd.DataFrame:
    """Audit entries relevant to one target: commits and reverts of the batches that
    touched its jurisdiction's metric (and catalog changes). Newest first; columns
    logged_at, user_name, action, batch_id, detail."""
    plan_code, metric = target_code.split(":", 1)
    jurisdiction = store.catalog().plan(plan_code).jurisdiction
    return store.audit_for_series(jurisdiction, metric, include_catalog)
