"""The upload workflow as a person reads it: the report template, the preview of a file,
the batch history, completeness, in the reader's language.

The workflow itself (``kpi.ingest.workflow``) works with codes and canonical columns;
these functions put names and words on them for the Upload page and the overview.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import pandas as pd

from kpi.domain.catalog import Catalog, Measure
from kpi.ingest.workflow import open_quarters
from kpi.present.export import csv_bytes, xlsx_bytes
from kpi.present.locale import Locale

#: Template headers per language; ingest reads both spellings (kpi.ingest.read.COLUMN_ALIASES).
TEMPLATE_HEADERS = {
    "zh": ["地区", "指标", "期间", "数值", "来源", "备注", "类型", "单位"],
    "en": ["jurisdiction", "metric", "period", "value", "source", "note", "kind", "unit"],
}


# ---- the report template ----------------------------------------------------------------
def template_frame(
    catalog: Catalog, jurisdiction: str, completeness_frame: pd.DataFrame, loc: Locale
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
    zh = loc.lang == "zh"
    rows = []
    for _, series in frame.iterrows():
        metric = metrics[series["metric"]]
        kind, unit = loc.t(f"kind.{metric.kind}"), loc.unit(metric)
        for quarter in open_quarters(series):
            names = (place.name_zh, metric.name_zh) if zh else (place.code, metric.code)
            rows.append([*names, quarter, "", "", "", kind, unit])
    out = pd.DataFrame(rows, columns=TEMPLATE_HEADERS["zh" if zh else "en"])
    if not zh:
        out.insert(6, "metric_name", [metrics[m].name_en for m in out["metric"]])
    return out


def template_notice(
    catalog: Catalog, jurisdiction: str, template: pd.DataFrame, today: date, loc: Locale
) -> str | None:
    """Why a template has no rows (the plan has ended, or nothing is due yet), else None."""
    if not template.empty:
        return None
    plans = [p for p in catalog.plans if p.jurisdiction == jurisdiction]
    if plans and all(p.end < today for p in plans):
        last = max(plans, key=lambda p: p.end)
        return loc.t("upload.template_plan_ended", plan=loc.name(last), end=last.end)
    return loc.t("upload.template_nothing_due")


def template_csv(frame: pd.DataFrame) -> bytes:
    return csv_bytes(frame)


def template_xlsx(frame: pd.DataFrame) -> bytes:
    return xlsx_bytes(frame, sheet_name="report")


# ---- batches ------------------------------------------------------------------------------
def _when(moment: object) -> str:
    return (
        "" if moment is None or pd.isna(moment) else pd.Timestamp(moment).strftime("%Y-%m-%d %H:%M")
    )


def batch_label(batch: Mapping, loc: Locale) -> str:
    """'批次 3 · fixture.csv · 2025-11-02 14:03 · admin1 · 13 行': a batch as a person
    picks it (a row of ``Store.batch_history`` or ``committed_batch``)."""
    return loc.t(
        "upload.batch_label",
        batch=int(batch["id"]),
        file=batch["file_name"],
        time=_when(batch["created_at"]),
        user=batch["user_name"],
        rows=int(batch["n_rows"]),
    )


def _places(codes: str, catalog: Catalog, loc: Locale) -> str:
    known = {j.code: loc.name(j) for j in catalog.jurisdictions}
    return loc.t("word.list_separator").join(known.get(c, c) for c in codes.split(",") if c)


def history_table(history: pd.DataFrame, catalog: Catalog, loc: Locale) -> pd.DataFrame:
    """``Store.batch_history`` for reading: names, times to the minute, a state column.

    Columns (canonical, headed where drawn): batch, file, rows, jurisdictions, user,
    time, state, sample."""
    state = [
        loc.t("upload.batch_live")
        if pd.isna(at)
        else loc.t("upload.batch_reverted", time=_when(at), user=by)
        for at, by in zip(history["reverted_at"], history["reverted_by"], strict=True)
    ]
    return pd.DataFrame(
        {
            "batch": history["id"].astype(int),
            "file": history["file_name"],
            "rows": history["n_rows"].astype(int),
            "jurisdictions": [_places(c, catalog, loc) for c in history["jurisdictions"]],
            "user": history["user_name"],
            "time": [_when(m) for m in history["created_at"]],
            "state": state,
            "sample": [loc.t("word.yes") if s else "" for s in history["is_sample"]],
        }
    )


# ---- a file's preview and the completeness of reports -------------------------------------
def preview_table(diff: pd.DataFrame, catalog: Catalog, loc: Locale) -> pd.DataFrame:
    """The preview of ``kpi.ingest.workflow.preview_diff`` with names instead of codes
    and no empty 'None' (its canonical columns)."""
    places = {j.code: loc.name(j) for j in catalog.jurisdictions}
    metrics = {m.code: loc.name(m) for m in catalog.metrics}
    return pd.DataFrame(
        {
            "row": diff["row"],
            "jurisdiction": diff["jurisdiction"].map(places),
            "metric": diff["metric"].map(metrics),
            "period": diff["period"],
            "old": diff["old"],
            "new": diff["new"],
            "change": diff["change"].map(lambda c: loc.t(f"change.{c}")),
            "source": diff["source"].fillna(""),
            "note": diff["note"].fillna(""),
        }
    )


def completeness_view(frame: pd.DataFrame, catalog: Catalog, loc: Locale) -> pd.DataFrame:
    """``kpi.ingest.workflow.completeness`` for reading: names instead of codes, most
    missing first (its canonical columns)."""
    places = {j.code: loc.name(j) for j in catalog.jurisdictions}
    metrics = {m.code: loc.name(m) for m in catalog.metrics}
    order = frame.sort_values(["missing", "jurisdiction", "metric"], ascending=[False, True, True])
    shown = order.assign(
        jurisdiction=order["jurisdiction"].map(places),
        metric=order["metric"].map(metrics),
        kind=order["kind"].map(lambda k: loc.t(f"kind.{k}")),
    )
    if "explanation" in shown:  # store_completeness: a behind target owes a reason
        missing = loc.t("upload.explanation_missing")
        shown["explanation"] = [missing if e == "missing" else "" for e in shown["explanation"]]
    return shown


# ---- a grants file's preview -----------------------------------------------------------------
def measure_label(catalog: Catalog, measure: Measure, loc: Locale) -> str:
    """A support measure as a reader knows it, without its code: the plan's numbering and
    title of its task, and the start of its money sentence ("措施 5 · 提高工艺放大水平 ·
    面向合成生物制造…")."""
    task = catalog.task(measure.task)
    title = task.title_en if loc.lang == "en" and task.title_en else task.title_zh
    text = measure.text_en if loc.lang == "en" else measure.text_zh
    cut = 40 if loc.lang == "en" else 18
    short = text if len(text) <= cut else text[: cut - 1] + "…"
    return f"{loc.t(f'tasks.kind.{task.kind}')} {task.number} · {title} · {short}"


def grant_preview_table(diff: pd.DataFrame, catalog: Catalog, loc: Locale) -> pd.DataFrame:
    """The preview of ``kpi.ingest.grant_files.preview_diff`` in words (its canonical
    columns): a new grant, or a revised one with its amounts before and after."""
    return pd.DataFrame(
        {
            "row": diff["row"],
            "measure": [measure_label(catalog, catalog.measure(c), loc) for c in diff["measure"]],
            "project": diff["project"],
            "old_approved": diff["old_approved"],
            "approved": diff["approved"],
            "old_paid": diff["old_paid"],
            "paid": diff["paid"],
            "change": diff["change"].map(lambda c: loc.t(f"change.{c}")),
        }
    )
