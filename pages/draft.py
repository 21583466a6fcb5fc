"""起草目标 Draft targets (admins): policy text in, reviewed catalog entries out.

Upload or paste a plan's text; the drafted targets come in an editable table, each
sentence marked in its paragraph; the preview shows the catalog block and every problem;
installing saves the text to data/policy/ and loads the catalog as `kpi catalog load` does.
Document text is shown in tables, as code, or HTML-escaped (kpi.drafting.review).
"""

import hashlib
from datetime import date

import pandas as pd
import streamlit as st

from dashboard import cache
from dashboard import login as signin
from dashboard.grids import show_problems, show_table
from kpi.domain.problems import Problem, errors, warnings
from kpi.drafting import DocumentError, Draft
from kpi.drafting import review as rv
from kpi.drafting.catalog_block import ROW_COLUMNS, PlanHeader, draft_rows, plan_header
from kpi.i18n import t
from kpi.present.draft_tables import support_table, task_table

state, user = signin.signed_in_page("draft")
lang = state.lang
loc = state.locale
DONE_KEY = "draft_done"


@st.cache_data(max_entries=8, show_spinner=False)
def drafted(data: bytes | None, name: str, pasted: str, catalog_version: int) -> Draft | None:
    return rv.draft_input(data, name, pasted, cache.catalog())


def read_input() -> Draft | None:
    st.caption(t("draft.intro", lang))
    file = st.file_uploader(t("draft.file", lang), type=["txt", "docx", "pdf"], key="draft_file")
    pasted = st.text_area(t("draft.paste", lang), key="draft_paste", height=160)
    try:
        data, name = (file.getvalue(), file.name) if file is not None else (None, "")
        return drafted(data, name, pasted, cache.store().catalog_version() or 0)
    except DocumentError as exc:
        st.error(loc.error(exc))
        return None


def header_form(draft: Draft) -> PlanHeader:
    st.subheader(t("draft.plan", lang))
    guess = plan_header(draft, cache.catalog(), None, None, "")
    left, right = st.columns(2)
    jurisdiction = left.text_input(
        t("draft.jurisdiction", lang), guess.jurisdiction, key="draft_jurisdiction"
    ).strip()
    year = guess.code.rsplit("-", 1)[-1]
    derived = f"{jurisdiction}-{year}" if year.isdigit() else jurisdiction
    code = (
        right.text_input(
            t("draft.plan_code", lang), "", placeholder=derived, key="draft_plan"
        ).strip()
        or derived
    )
    name = left.text_input(
        t("draft.jurisdiction_name", lang),
        guess.jurisdiction_name_zh,
        key="draft_jurisdiction_name",
    )
    name_en = right.text_input(t("draft.jurisdiction_name_en", lang), key="draft_name_en")
    doc = right.text_input(t("draft.doc_number", lang), guess.doc_number, key="draft_doc")
    title = st.text_input(t("draft.title", lang), guess.title_zh, key="draft_title")
    title_en = st.text_input(t("draft.title_en", lang), key="draft_title_en")
    agency_zh, agency_en = st.columns(2)
    agency = agency_zh.text_input(t("draft.reporting_agency", lang), key="draft_agency")
    agency_en_text = agency_en.text_input(
        t("draft.reporting_agency_en", lang), key="draft_agency_en"
    )
    days = st.columns(3)
    issued, start, end = (
        column.date_input(t(label, lang), value or date.today(), key=label.replace(".", "_"))
        for column, label, value in zip(
            days,
            ("draft.issued", "draft.start", "draft.end"),
            (guess.issued, guess.start, guess.end),
            strict=True,
        )
    )
    return PlanHeader(
        code,
        jurisdiction,
        name.strip(),
        doc.strip(),
        title.strip(),
        issued,
        start,
        end,
        rv.source_name(code),
        jurisdiction_name_en=name_en.strip(),
        title_en=title_en.strip(),
        reporting_agency=agency.strip(),
        reporting_agency_en=agency_en_text.strip(),
    )


def metric_label(code: str) -> str:
    metrics = {m.code: m for m in cache.catalog().metrics}
    return loc.name(metrics[code]) if code in metrics else ""


def family_label(code: str) -> str:
    families = {f.code: f for f in cache.catalog().families}
    return loc.name(families[code]) if code in families else ""


def rows_editor(draft: Draft) -> list[dict]:
    st.subheader(t("draft.items", lang))
    st.caption(t("draft.items_help", lang))
    frame = pd.DataFrame(draft_rows(draft, cache.catalog()), columns=list(ROW_COLUMNS))
    # text, not a number column: an empty max shows as empty, not as None
    frame["max"] = frame["max"].map(lambda v: "" if v is None or pd.isna(v) else f"{v:g}")
    frame["kind_reason"] = frame["kind_reason"].map(
        lambda w: t("draft.kind_reason", lang, word=w) if w else t("draft.kind_default", lang)
    )
    frame.insert(8, "suggested", frame["metric"].fillna("").map(metric_label))
    frame[["metric", "deadline"]] = frame[["metric", "deadline"]].fillna("")
    column = st.column_config
    config = {
        "keep": column.CheckboxColumn(t("col.keep", lang)),
        "text_zh": column.TextColumn(t("col.text_zh", lang), width="large"),
        "comparator": column.SelectboxColumn(
            t("col.comparator", lang),
            options=["at_least", "range", "approx"],
            format_func=lambda c: t(f"comparator.{c}", lang),
            required=True,
        ),
        "min": column.NumberColumn(t("col.min", lang), min_value=0),
        "max": column.TextColumn(t("col.max", lang)),
        "unit": column.TextColumn(t("col.unit", lang)),
        "kind": column.SelectboxColumn(
            t("col.kind", lang),
            options=["flow", "level"],
            format_func=lambda k: t(f"kind.{k}", lang),
            required=True,
        ),
        "metric": column.TextColumn(t("col.metric", lang)),
        "suggested": column.TextColumn(t("col.suggested", lang), disabled=True),
        "name_zh": column.TextColumn(t("col.name_zh", lang)),
        "family": column.SelectboxColumn(
            t("col.family", lang),
            options=[f.code for f in cache.catalog().families],
            format_func=lambda code: family_label(str(code)),
        ),
        "text_en": column.TextColumn(t("col.text_en", lang)),
        "name_en": column.TextColumn(t("col.name_en", lang)),
        "unit_en": column.TextColumn(t("col.unit_en", lang)),
        "deadline": column.TextColumn(t("col.deadline", lang), disabled=True),
        "confidence": column.NumberColumn(t("col.confidence", lang), format="%.2f", disabled=True),
        "kind_reason": column.TextColumn(t("col.kind_reason", lang), disabled=True),
        "section": column.TextColumn(t("col.section", lang), disabled=True),
    }
    key = "draft_rows_" + hashlib.sha256(draft.text.encode()).hexdigest()[:12]
    edited = st.data_editor(frame, column_config=config, hide_index=True, key=key)
    records = edited.drop(columns=["suggested"]).to_dict("records")
    return [{k: (None if pd.isna(v) else v) for k, v in row.items()} for row in records]


def show_context(draft: Draft) -> None:
    with st.expander(t("draft.in_context", lang), expanded=False):
        for section, marked in rv.marked_paragraphs(draft):
            st.caption(section)
            st.html(f"<p>{marked}</p>")


def show_tasks(draft: Draft) -> None:
    """The drafted tasks and their units, installed with the targets (kpi.drafting.task_items)."""
    if draft.tasks:
        st.subheader(loc.t("tasks.drafted", count=len(draft.tasks)))
        show_table(task_table(draft, loc), loc, key="draft_tasks")


def show_support(draft: Draft) -> None:
    if draft.support:
        st.subheader(t("draft.support", lang))
        show_table(support_table(draft, loc), loc)


def preview_and_install(draft: Draft, rows: list[dict], header: PlanHeader) -> None:
    st.subheader(t("draft.preview", lang))
    checked = rv.preview(draft, rows, header, cache.catalog())
    st.code(checked.block, language="toml", wrap_lines=True)
    if warnings(checked.problems):
        st.warning(t("draft.warnings", lang))
        show_problems(warnings(checked.problems), loc)
    if not checked.ok:
        show_errors(errors(checked.problems))
    if st.button(
        t("draft.install", lang), key="draft_install", disabled=not checked.ok, type="primary"
    ):
        done = rv.install(cache.store(), user, draft, rows, header, rv.policy_dir())
        if not done.ok:
            show_errors(done.errors)
        else:
            message = t("draft.installed", lang, version=done.value, source=header.source)
            st.session_state[DONE_KEY] = message
            st.rerun()


def show_errors(problems: list[Problem]) -> None:
    st.error(t("upload.catalog_rejected", lang))
    show_problems(problems, loc)


if st.session_state.get(DONE_KEY):
    st.success(st.session_state.pop(DONE_KEY))
if user is None or not user.is_admin:
    st.info(t("draft.admin_only", lang))
elif (draft := read_input()) is not None:
    if not draft.items:
        st.info(t("draft.none_found", lang))
    header = header_form(draft)
    rows = rows_editor(draft)
    show_context(draft)
    show_support(draft)
    show_tasks(draft)
    preview_and_install(draft, rows, header)
