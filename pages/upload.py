"""数据上报 Upload: template, validated upload with preview, commit, history, revert, catalog.

Text that comes from files (notes, sources, names, problem values) is only ever shown
in tables (st.dataframe) or as code, never through Markdown or HTML.
"""

from datetime import date

import streamlit as st

from dashboard import cache
from dashboard import controls as ui
from dashboard import login as signin
from dashboard.grids import show_problems, show_table
from kpi.access.auth import User
from kpi.i18n import t
from kpi.ingest import workflow as uploads
from kpi.present import tables
from kpi.present import task_tables as task_views
from kpi.present import upload_tables as shown

state, user = signin.signed_in_page("upload")
lang = state.lang
loc = state.locale
store = cache.store()
today = date.today()


def task_template_section(user: User) -> None:
    """A unit's progress template: its tasks (lead and cooperating) and open quarters;
    an administrator may take any unit's, or a plan's whose text names no units."""
    st.subheader(loc.t("tasks.template"))
    cat = store.catalog()
    units = [u.code for u in cat.units if user.is_admin or u.code in user.units]
    plans = task_views.plans_without_units(cat) if user.is_admin else []
    choices = units + [f"plan:{p}" for p in plans]
    chosen = st.selectbox(
        loc.t("tasks.template_unit"),
        choices,
        key="tpl_unit",
        format_func=lambda c: task_views.template_choice(cat, c, loc),
    )
    unit, plan = (None, chosen[5:]) if chosen.startswith("plan:") else (chosen, None)
    frame = task_views.progress_template(cat, cache.task_reports(), today, loc, unit, plan)
    st.caption(loc.t("tasks.template_help"))
    row = st.container(horizontal=True)
    name = f"progress-{chosen.replace('plan:', '')}"
    row.download_button(
        t("upload.template_csv", lang),
        shown.template_csv(frame),
        f"{name}.csv",
        "text/csv",
        key="tpl_task_csv",
    )
    row.download_button(
        t("upload.template_xlsx", lang),
        shown.template_xlsx(frame),
        f"{name}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="tpl_task_xlsx",
    )


def template_section(user: User) -> None:
    st.subheader(t("upload.template", lang))
    cat = store.catalog()
    codes = [j.code for j in cat.jurisdictions if user.can_upload(j.code)]
    if not codes:
        return
    jurisdiction = st.selectbox(
        t("upload.template_jurisdiction", lang),
        codes,
        key="tpl_j",
        format_func=lambda c: loc.name(cat.jurisdiction(c)),
    )
    frame = shown.template_frame(cat, jurisdiction, cache.completeness(today, None), loc)
    notice = shown.template_notice(cat, jurisdiction, frame, today, loc)
    if notice:
        st.info(notice)
        return
    st.caption(t("upload.template_help", lang))
    row = st.container(horizontal=True)
    name = f"template-{jurisdiction}"
    row.download_button(
        t("upload.template_csv", lang),
        shown.template_csv(frame),
        f"{name}.csv",
        "text/csv",
        key="tpl_csv",
    )
    row.download_button(
        t("upload.template_xlsx", lang),
        shown.template_xlsx(frame),
        f"{name}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="tpl_xlsx",
    )


#: Session keys: the last commit's message survives the rerun that clears the file.
DONE_KEY, NONCE_KEY = "upload_done", "upload_nonce"


def _uploader_key() -> str:
    """A new key after each commit gives an empty file picker (its file cannot be unset)."""
    nonce = st.session_state.get(NONCE_KEY, 0)
    return "upload_file" if nonce == 0 else f"upload_file_{nonce}"


def _finish_commit(message: str) -> None:
    st.session_state[DONE_KEY] = message
    st.session_state[NONCE_KEY] = st.session_state.get(NONCE_KEY, 0) + 1
    st.rerun()


def upload_section(user: User) -> None:
    st.subheader(t("upload.file", lang))
    file = st.file_uploader(
        t("upload.file", lang),
        type=["csv", "xlsx"],
        key=_uploader_key(),
        label_visibility="collapsed",
    )
    if file is None:
        if st.session_state.get(DONE_KEY):
            st.success(st.session_state[DONE_KEY])
        return
    st.session_state.pop(DONE_KEY, None)
    check = uploads.check_upload(store, file.getvalue(), file.name, user, today)
    if not check.ok:
        st.error(t("outcome.rejected", lang, count=len(check.errors)))
        show_problems(check.errors, loc)
        return
    if check.duplicate_of is not None:
        st.info(
            t("upload.already_committed", lang, batch=shown.batch_label(check.duplicate_of, loc))
        )
        return
    st.subheader(t("upload.preview", lang))
    counts = check.counts()
    for column, (kind, count) in zip(st.columns(len(counts)), counts.items(), strict=True):
        column.metric(t(f"change.{kind}", lang), count)
    if check.report == "tasks":
        show_table(task_views.preview_table(check.diff, store.catalog(), loc), loc)
    elif check.report == "grants":
        preview = shown.grant_preview_table(check.diff, store.catalog(), loc)
        amounts = ["old_approved", "approved", "old_paid", "paid"]
        show_table(preview, loc, styled=tables.number_styler(preview, loc, measured=amounts))
    else:
        preview = shown.preview_table(check.diff, store.catalog(), loc)
        changed = ["old", "new"]  # numbers, written as we write them
        show_table(preview, loc, styled=tables.number_styler(preview, loc, measured=changed))
    accepted = False
    if check.warnings:
        st.warning(t("upload.warnings", lang, count=len(check.warnings)))
        show_problems(check.warnings, loc)
        accepted = st.checkbox(t("upload.accept_warnings", lang), key="accept_warnings")
    disabled = bool(check.warnings) and not accepted
    if st.button(t("upload.commit", lang), key="commit", type="primary", disabled=disabled):
        outcome = uploads.commit_upload(store, check, user, accept_warnings=accepted)
        done = outcome.value
        if done is None:
            for problem in outcome.errors:
                st.error(loc.problem(problem))
        elif done.duplicate:
            st.info(t("outcome.duplicate", lang, batch=done.batch_id))
        else:
            _finish_commit(t("outcome.committed", lang, batch=done.batch_id, rows=len(done.rows)))


REVERT_DONE, REVERT_ASKED = "revert_done", "revert_asked"


def history_section(user: User | None) -> None:
    st.subheader(t("upload.history", lang))
    history = cache.batch_history()
    show_table(shown.history_table(history, store.catalog(), loc), loc)
    if st.session_state.get(REVERT_DONE):
        st.success(st.session_state[REVERT_DONE])
    if user is None or not user.is_admin:
        return
    live = history[history["reverted_at"].isna()]
    if live.empty:
        return
    labels = {int(b["id"]): shown.batch_label(b, loc) for _, b in live.iterrows()}
    batch = st.selectbox(
        t("upload.revert", lang), list(labels), key="revert_batch", format_func=labels.__getitem__
    )
    if batch is None:  # no batch to pick (never, while one is live)
        return
    if st.button(t("upload.revert_button", lang), key="revert"):
        st.session_state[REVERT_ASKED] = batch
        st.session_state.pop(REVERT_DONE, None)
    if st.session_state.get(REVERT_ASKED) != batch:
        return
    with st.container(border=True, key="revert_confirm"):
        st.warning(t("upload.revert_confirm", lang, batch=labels[batch]))
        row = st.container(horizontal=True)
        if row.button(t("upload.revert_yes", lang), key="revert_yes", type="primary"):
            st.session_state.pop(REVERT_ASKED, None)
            reverted = uploads.revert(store, int(batch), user)
            if not reverted.ok:
                for problem in reverted.errors:
                    st.error(loc.problem(problem))
                return
            st.session_state[REVERT_DONE] = t("upload.reverted", lang, batch=labels[batch])
            st.rerun()
        if row.button(t("upload.revert_no", lang), key="revert_no"):
            st.session_state.pop(REVERT_ASKED, None)
            st.rerun()


def catalog_section(user: User) -> None:
    st.subheader(t("upload.catalog", lang))
    file = st.file_uploader(t("upload.catalog_file", lang), type=["toml"], key="catalog_file")
    if file is None or not st.button(t("upload.catalog_install", lang), key="catalog_install"):
        return
    installed = uploads.install_catalog(store, file.getvalue(), user)
    if not installed.ok:
        st.error(t("upload.catalog_rejected", lang))
        show_problems(installed.errors, loc)
    else:
        st.success(t("outcome.catalog_installed", lang, version=installed.value))


if user is None:
    st.info(t("auth.upload_needs_login", lang))
elif not (user.may_upload or user.may_report_tasks or user.may_upload_grants):
    st.info(t("auth.viewer_cannot_upload", lang))
else:
    template_section(user)
    if user.may_report_tasks:
        task_template_section(user)
    upload_section(user)
history_section(user)
ui.show_completeness(state)
if user is not None and user.is_admin:
    catalog_section(user)
