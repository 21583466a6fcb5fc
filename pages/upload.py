"""数据上报 Upload: template, validated upload with preview, commit, history, revert, catalog.

Text that comes from files (notes, sources, names, problem values) is only ever shown
in tables (st.dataframe) or as code, never through Markdown or HTML.
"""

from datetime import date

import pandas as pd
import streamlit as st

from kpi import uploads
from kpi.auth import User
from kpi.i18n import t
from kpi.ingest import MAX_UPLOAD_MB
from kpi.views import problems_table
from pages import ui

state = ui.current_view()
lang = state.lang
st.title(t("page.upload", lang))
user = ui.sign_in(lang)
store = ui.store()
today = date.today()


def template_section(user: User) -> None:
    st.subheader(t("upload.template", lang))
    codes = [j.code for j in store.catalog().jurisdictions if user.can_upload(j.code)]
    jurisdiction = st.selectbox(t("upload.template_jurisdiction", lang), codes, key="tpl_j")
    frame = uploads.template_frame(store.catalog(), jurisdiction, ui.completeness_table(), lang)
    st.caption(t("upload.template_help", lang))
    left, right = st.columns(2)
    name = f"template-{jurisdiction}"
    left.download_button(
        t("upload.template_csv", lang),
        uploads.template_csv(frame),
        f"{name}.csv",
        "text/csv",
        key="tpl_csv",
    )
    right.download_button(
        t("upload.template_xlsx", lang),
        uploads.template_xlsx(frame),
        f"{name}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="tpl_xlsx",
    )


def upload_section(user: User) -> None:
    st.subheader(t("upload.file", lang))
    st.caption(t("upload.limit", lang, limit=MAX_UPLOAD_MB))
    file = st.file_uploader(
        t("upload.file", lang),
        type=["csv", "xlsx"],
        key="upload_file",
        label_visibility="collapsed",
    )
    if file is None:
        return
    check = uploads.check_upload(store, file.getvalue(), file.name, user, today)
    if not check.ok:
        st.error(t("outcome.rejected", lang, count=len(check.problems)))
        st.dataframe(problems_table(check.problems, lang), hide_index=True)
        return
    st.subheader(t("upload.preview", lang))
    counts = check.counts()
    for column, kind in zip(st.columns(3), uploads.CHANGE_KINDS, strict=True):
        column.metric(t(f"change.{kind}", lang), counts[kind])
    shown = check.diff.assign(change=check.diff["change"].map(lambda c: t(f"change.{c}", lang)))
    st.dataframe(ui.labelled(shown, lang), hide_index=True)
    if st.button(t("upload.commit", lang), key="commit", type="primary"):
        outcome = uploads.commit_upload(store, check, user)
        if outcome.result is None:
            st.error(t(outcome.problem, lang))
        elif outcome.result.duplicate:
            st.info(t("outcome.duplicate", lang, batch=outcome.result.batch_id))
        else:
            rows = len(check.parsed.rows)
            st.success(t("outcome.committed", lang, batch=outcome.result.batch_id, rows=rows))


def history_section(user: User | None) -> None:
    st.subheader(t("upload.history", lang))
    history = ui.batch_history()
    columns = ["id", "file_name", "n_rows", "jurisdictions", "user_name", "created_at"]
    shown = history[[*columns, "is_sample", "reverted_at", "reverted_by"]].rename(
        columns={
            "id": "batch",
            "file_name": "file",
            "n_rows": "rows",
            "user_name": "user",
            "created_at": "time",
            "is_sample": "sample",
        }
    )
    st.dataframe(ui.labelled(shown, lang), hide_index=True)
    if user is None or not user.is_admin:
        return
    live = history.loc[history["reverted_at"].isna(), "id"].tolist()
    if not live:
        return
    batch = st.selectbox(t("upload.revert", lang), live, key="revert_batch")
    if st.button(t("upload.revert_button", lang), key="revert"):
        problem = uploads.revert(store, int(batch), user)
        if problem:
            st.error(t(problem, lang))
        else:
            st.success(t("outcome.reverted", lang, batch=batch))
            st.rerun()


def catalog_section(user: User) -> None:
    st.subheader(t("upload.catalog", lang))
    file = st.file_uploader(t("upload.catalog_file", lang), type=["toml"], key="catalog_file")
    if file is None or not st.button(t("upload.catalog_install", lang), key="catalog_install"):
        return
    version, problems = uploads.install_catalog(store, file.getvalue(), user)
    if version is None:
        st.error(t("upload.catalog_rejected", lang))
        st.dataframe(pd.DataFrame({"problem": problems}), hide_index=True)
    else:
        st.success(t("outcome.catalog_installed", lang, version=version))


if user is None:
    st.info(t("auth.upload_needs_login", lang))
elif not user.may_upload:
    st.info(t("auth.viewer_cannot_upload", lang))
else:
    template_section(user)
    upload_section(user)
history_section(user)
ui.show_completeness(state, today)
if user is not None and user.is_admin:
    catalog_section(user)
