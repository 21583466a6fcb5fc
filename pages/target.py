"""Target detail: the policy sentence behind a number, its status and every observation."""

from dataclasses import replace

import streamlit as st

from dashboard.cache import (
    audit_trail,
    catalog,
    grants,
    history,
    observations,
    status,
    task_ledger,
)
from dashboard.controls import OVERVIEW_PAGE_SIZE, current_view, page_header, target_selector
from dashboard.downloads import card_png_download, table_downloads
from dashboard.grids import show_table
from kpi.present import charts, tables, views
from kpi.present.support_tables import target_support
from kpi.present.task_tables import serving_table

state = current_view()
loc = state.locale
frame = status(state)
cat = catalog()

page_header("target", state, frame)

if state.jurisdiction is None and len(cat.jurisdictions) > OVERVIEW_PAGE_SIZE:
    # a national catalog: the targets of the linked target's city, not 25,000 choices
    place = views.jurisdiction_of_target(cat, st.query_params.get("target"))
    if place is None:
        st.info(loc.t("jurisdiction.pick_one", n=len(cat.jurisdictions)))
        st.stop()
    frame = frame[frame["jurisdiction"] == place]
code = target_selector(state, list(frame["target"]))
row = frame.set_index("target").loc[code].copy()
row["target"] = code
trajectories = history(replace(state, jurisdiction=row["jurisdiction"]))  # its city only
detail = views.target_detail(cat, row, observations(row["jurisdiction"], row["metric"]), loc)

st.header(detail.title)
st.subheader(loc.t("target.policy"))
st.markdown(views.source_quote(detail, loc))
kind = loc.t("target.kind", kind=detail.kind, unit=detail.unit)
st.caption(f"{views.source_line(detail, loc)}  \n{kind}")
if detail.policy_text is not None:
    st.download_button(
        loc.t("target.download_text"),
        detail.policy_text.encode("utf-8"),
        file_name=detail.source_file,
        mime="text/plain",
    )
else:
    st.warning(loc.t("target.no_text", source=detail.source_file or "—"))

st.subheader(loc.t("target.status"))
if note := views.close_note(row, cat, loc):
    st.warning(note, icon=":material/history:")
facts, charts_col = st.columns([2, 3])
show_table(detail.facts, loc, where=facts, height="content")
with charts_col:
    bullet = charts.bullet_chart(row, loc, unit=detail.unit)
    st.plotly_chart(bullet, config={"displayModeBar": False})
    path_rows = trajectories[trajectories["target"] == code]
    path = charts.trajectory_chart(path_rows, row, loc, unit=detail.unit)
    st.plotly_chart(path, config={"displayModeBar": False})
    card_png_download([bullet, path], f"{code}-{state.as_of}", loc)

st.subheader(loc.t("target.reasons"))
if detail.reasons.empty:
    st.info(loc.t("target.no_reasons"))
else:
    show_table(detail.reasons, loc, height="content", key="target_reasons")

st.subheader(loc.t("tasks.serving"))
serving = serving_table(task_ledger(replace(state, jurisdiction=None)), code, cat, loc)
if serving.empty:
    st.info(loc.t("tasks.serving_none"))
else:
    show_table(serving, loc, height="content", key="serving_tasks")

st.subheader(loc.t("support.target"))
funds = target_support(cat, grants(state), code, loc)  # totals only: no beneficiary named
if funds.empty:
    st.info(loc.t("support.target_none"))
else:
    show_table(funds, loc, height="content", key="target_support")

st.subheader(loc.t("target.history"))
if detail.history.empty:
    st.info(loc.t("target.no_history"))
else:
    later = (detail.history["after_as_of"] != "").sum()
    if later:
        st.caption(loc.t("target.after_as_of_note", n=later, as_of=state.as_of))
    shown = tables.number_styler(detail.history, loc, measured=["value"])
    show_table(detail.history, loc, styled=shown, height="content")
    table_downloads(detail.history, f"{code}-history", loc)

st.subheader(loc.t("target.audit"))
audit = audit_trail(code)
if audit.empty:
    st.info(loc.t("target.no_audit"))
else:
    show_table(views.audit_table(audit, loc), loc)
