"""The upload workflow without a UI: templates, checks, preview, commit, completeness.

The Upload page is a thin layer over these functions; the overview and the target
detail page reuse ``completeness`` and ``target_audit``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd

from kpi.access.auth import User
from kpi.domain.catalog import Catalog, CatalogError, decode_catalog
from kpi.domain.periods import (
    index_label,
    last_closed_quarter_end,
    last_quarter_index,
    quarter_index,
    quarter_label,
)
from kpi.domain.problems import Problem, errors, warnings
from kpi.domain.upload_result import UploadResult
from kpi.i18n import t
from kpi.ingest import task_reports
from kpi.ingest.plausibility import magnitude_warnings
from kpi.ingest.read import MAX_UPLOAD_MB, read_limited
from kpi.present import locale
from kpi.present.export import csv_bytes, xlsx_bytes
from kpi.storage.store import DatabaseBusy, Store

COMPLETENESS_COLUMNS = [
    "jurisdiction", "metric", "kind", "due", "reported", "missing", "missing_quarters", "next_due",
]  # fmt: skip


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
    """``completeness`` of the database's current values, optionally for one jurisdiction."""
    targets = store.targets(jurisdiction)
    return completeness(targets, store.current_observations(jurisdiction), today)


# ---- templates --------------------------------------------------------------------------
#: Template headers per language; ingest reads both spellings (kpi.ingest.read.COLUMN_ALIASES).
TEMPLATE_HEADERS = {
    "zh": ["地区", "指标", "期间", "数值", "来源", "备注", "类型", "单位"],
    "en": ["jurisdiction", "metric", "period", "value", "source", "note", "kind", "unit"],
}


def open_quarters(completeness_row: pd.Series) -> list[str]:
    """Quarters to report for one series: every missing quarter, else the next one due."""
    missing = completeness_row["missing_quarters"]
    if missing:
        return missing.split(", ")
    return [completeness_row["next_due"]] if completeness_row["next_due"] else []


def template_frame(
    catalog: Catalog, jurisdiction: str, completeness_frame: pd.DataFrame, lang: str = "zh"
) -> pd.DataFrame:
    """One row per targeted metric of the jurisdiction and open quarter.

    The first six columns are what ingest reads (headed in the language: the Chinese
    template names the city and metric in Chinese, which ingest accepts); kind and
    unit follow as help for the person filling it in (ingest ignores those columns).
    In English, codes stand in the first two columns and the metric's name follows.
    """
    metrics = {m.code: m for m in catalog.metrics}
    place = catalog.jurisdiction(jurisdiction)
    frame = completeness_frame[completeness_frame["jurisdiction"] == jurisdiction]
    zh = lang == "zh"
    rows = []
    for _, series in frame.iterrows():
        metric = metrics[series["metric"]]
        for quarter in open_quarters(series):
            rows.append(
                [place.name_zh if zh else place.code, metric.name_zh if zh else metric.code,
                 quarter, "", "", "", t(f"kind.{metric.kind}", lang),
                 locale(lang).unit(metric)]
            )  # fmt: skip
    out = pd.DataFrame(rows, columns=TEMPLATE_HEADERS["zh" if zh else "en"])
    if not zh:
        out.insert(6, "metric_name", [metrics[m].name_en for m in out["metric"]])
    return out


def template_notice(
    catalog: Catalog, jurisdiction: str, template: pd.DataFrame, today: date, lang: str
) -> str | None:
    """Why a template has no rows (the plan has ended, or nothing is due yet), else None."""
    if not template.empty:
        return None
    plans = [p for p in catalog.plans if p.jurisdiction == jurisdiction]
    if plans and all(p.end < today for p in plans):
        last = max(plans, key=lambda p: p.end)
        return t("upload.template_plan_ended", lang, plan=locale(lang).name(last), end=last.end)
    return t("upload.template_nothing_due", lang)


def template_csv(frame: pd.DataFrame) -> bytes:
    return csv_bytes(frame)


def template_xlsx(frame: pd.DataFrame) -> bytes:
    return xlsx_bytes(frame, sheet_name="report")


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


def check_upload(
    store: Store, data: bytes, file_name: str, user: User | None, today: date | None = None
) -> UploadResult:
    """Read, validate, check rights and compare with current values; writes nothing.
    A progress file (told by its header) is compared with the tasks' current reports."""
    parsed = task_reports.parse_report(data, file_name, store.catalog(), today)
    if not parsed.ok:
        return parsed
    if parsed.report == "tasks":
        refused = task_reports.permission_problems(user, parsed.rows, store.catalog())
        if refused:
            return replace(parsed, problems=refused)
        diff = task_reports.preview_diff(parsed.rows, store.task_reports())
        return replace(parsed, diff=diff, duplicate_of=committed_batch(store, parsed.sha256))
    refused = permission_problems(user, parsed.rows)
    if refused:  # the rows stay, so that rights are checked again at commit
        return replace(parsed, problems=refused)
    current = store.current_observations()
    return replace(
        parsed,
        diff=preview_diff(parsed.rows, current),
        warnings=magnitude_warnings(parsed.rows, current),
        duplicate_of=committed_batch(store, parsed.sha256),
    )


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
) -> UploadResult:
    """Commit a checked file as one batch; rights are checked again at this moment.

    A file with warnings is committed only once they are accepted. Without a commit,
    ``not_written`` says why.
    """
    if not upload.ok or _refusals(store, user, upload):
        return replace(upload, not_written="upload.refused")
    if upload.warnings and not accept_warnings:
        return replace(upload, not_written="upload.confirm_warnings")
    assert user is not None
    try:
        if upload.report == "tasks":
            return store.commit_task_reports(upload, user=user.name)
        return store.commit_batch(upload, user=user.name)
    except DatabaseBusy:
        return replace(upload, not_written="problem.busy")


def _refusals(store: Store, user: User | None, upload: UploadResult) -> list[Problem]:
    """What the user may not write of a checked file, by its kind."""
    if upload.report == "tasks":
        return task_reports.permission_problems(user, upload.rows, store.catalog())
    return permission_problems(user, upload.rows)


def revert(store: Store, batch_id: int, user: User | None) -> str | None:
    """Revert a batch as an admin; None on success, else an i18n key saying why not."""
    if user is None or not user.is_admin:
        return "problem.admin_only"
    try:
        store.revert_batch(batch_id, user.name)
    except DatabaseBusy:
        return "problem.busy"
    return None


# ---- a whole file, validated and committed in one call ------------------------------
def ingest_bytes(
    store: Store,
    data: bytes,
    file_name: str,
    user: str,
    *,
    today: date | None = None,
    is_sample: bool = False,
    review: Callable[[pd.DataFrame], list[Problem]] | None = None,
) -> UploadResult:
    """Validate, then commit the whole file as one batch; a bad file writes nothing.

    ``review`` checks the validated rows further (the user's rights, values that jump):
    errors reject the file, warnings hold it back; either way nothing is written.
    """
    parsed = task_reports.parse_report(data, file_name, store.catalog(), today)
    found = review(parsed.rows) if parsed.ok and review is not None else []
    if not parsed.ok or errors(found):
        problems = parsed.problems + errors(found)
        return replace(parsed, problems=problems, not_written="upload.refused")
    if found:
        return replace(parsed, warnings=warnings(found), not_written="upload.confirm_warnings")
    if parsed.report == "tasks":
        return store.commit_task_reports(parsed, user=user)
    return store.commit_batch(parsed, user=user, is_sample=is_sample)


def ingest_file(
    store: Store,
    path: Path | str,
    user: str,
    today: date | None = None,
    review: Callable[[pd.DataFrame], list[Problem]] | None = None,
) -> UploadResult:
    path = Path(path)
    data = read_limited(path)
    if data is None:
        problem = Problem(None, None, "too_large_stream", {"limit": MAX_UPLOAD_MB})
        return UploadResult(path.name, "", problems=[problem], not_written="upload.refused")
    return ingest_bytes(store, data, path.name, user, today=today, review=review)


# ---- catalog ----------------------------------------------------------------------------
def install_catalog(
    store: Store, data: bytes, user: User | None
) -> tuple[int | None, list[Problem]]:
    """Validate and install a catalog file as on load: (version, []) or (None, problems)."""
    if user is None or not user.is_admin:
        return None, [Problem(None, None, "admin_only")]
    try:
        return store.load_catalog_text(decode_catalog(data), user.name), []
    except CatalogError as exc:
        return None, list(exc.problems)
    except DatabaseBusy:
        return None, [Problem(None, None, "busy")]


# ---- audit --------------------------------------------------------------------------------
def target_audit(store: Store, target_code: str, include_catalog: bool = True) -> pd.DataFrame:
    """Audit entries relevant to one target: commits and reverts of the batches that
    touched its jurisdiction's metric (and catalog changes). Newest first; columns
    logged_at, user_name, action, batch_id, detail."""
    plan_code, metric = target_code.split(":", 1)
    jurisdiction = store.catalog().plan(plan_code).jurisdiction
    return store.audit_for_series(jurisdiction, metric, include_catalog)


# ---- what the Upload page shows ---------------------------------------------------------------
def _when(moment: object) -> str:
    return (
        "" if moment is None or pd.isna(moment) else pd.Timestamp(moment).strftime("%Y-%m-%d %H:%M")
    )


def batch_label(batch: Mapping, lang: str) -> str:
    """'批次 3 · fixture.csv · 2025-11-02 14:03 · admin1 · 13 行': a batch as a person
    picks it (a row of ``Store.batch_history`` or ``committed_batch``)."""
    return t(
        "upload.batch_label",
        lang,
        batch=int(batch["id"]),
        file=batch["file_name"],
        time=_when(batch["created_at"]),
        user=batch["user_name"],
        rows=int(batch["n_rows"]),
    )


def _places(codes: str, catalog: Catalog, lang: str) -> str:
    known = {j.code: locale(lang).name(j) for j in catalog.jurisdictions}
    return t("word.list_separator", lang).join(known.get(c, c) for c in codes.split(",") if c)


def history_table(history: pd.DataFrame, catalog: Catalog, lang: str) -> pd.DataFrame:
    """``Store.batch_history`` for reading: names, times to the minute, a state column.

    Columns (canonical, headed where drawn): batch, file, rows, jurisdictions, user,
    time, state, sample."""
    state = [
        t("upload.batch_live", lang)
        if pd.isna(at)
        else t("upload.batch_reverted", lang, time=_when(at), user=by)
        for at, by in zip(history["reverted_at"], history["reverted_by"], strict=True)
    ]
    return pd.DataFrame(
        {
            "batch": history["id"].astype(int),
            "file": history["file_name"],
            "rows": history["n_rows"].astype(int),
            "jurisdictions": [_places(c, catalog, lang) for c in history["jurisdictions"]],
            "user": history["user_name"],
            "time": [_when(m) for m in history["created_at"]],
            "state": state,
            "sample": [t("word.yes", lang) if s else "" for s in history["is_sample"]],
        }
    )


def preview_table(diff: pd.DataFrame, catalog: Catalog, lang: str) -> pd.DataFrame:
    """The preview of :func:`preview_diff` with names instead of codes and no empty 'None'
    (its canonical columns)."""
    places = {j.code: locale(lang).name(j) for j in catalog.jurisdictions}
    metrics = {m.code: locale(lang).name(m) for m in catalog.metrics}
    return pd.DataFrame(
        {
            "row": diff["row"],
            "jurisdiction": diff["jurisdiction"].map(places),
            "metric": diff["metric"].map(metrics),
            "period": diff["period"],
            "old": diff["old"],
            "new": diff["new"],
            "change": diff["change"].map(lambda c: t(f"change.{c}", lang)),
            "source": diff["source"].fillna(""),
            "note": diff["note"].fillna(""),
        }
    )


def completeness_view(frame: pd.DataFrame, catalog: Catalog, lang: str) -> pd.DataFrame:
    """``completeness`` for reading: names instead of codes, most missing first (its
    canonical columns)."""
    places = {j.code: locale(lang).name(j) for j in catalog.jurisdictions}
    metrics = {m.code: locale(lang).name(m) for m in catalog.metrics}
    order = frame.sort_values(["missing", "jurisdiction", "metric"], ascending=[False, True, True])
    return order.assign(
        jurisdiction=order["jurisdiction"].map(places),
        metric=order["metric"].map(metrics),
        kind=order["kind"].map(lambda k: t(f"kind.{k}", lang)),
    )
