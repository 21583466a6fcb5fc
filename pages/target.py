"""Target detail: the policy sentence behind a number, its status and every observation."""

import streamlit as st

from dashboard.cache import audit_trail, catalog, history, observations, status
from dashboard.controls import OVERVIEW_PAGE_SIZE, current_view, page_header, target_selector
from dashboard.downloads import card_png_download, table_downloads
from dashboard.grids import show_table
from kpi.i18n import t
from kpi.present import charts, tables, views

state = current_view()
frame = status(state.as_of, state.jurisdiction, state.known_at)
cat = catalog()

page_header("target", state, frame)

if state.jurisdiction is None and len(cat.jurisdictions) > OVERVIEW_PAGE_SIZE:
    # a national catalog: the targets of the linked target's city, not 25,000 choices
    place = views.jurisdiction_of_target(cat, st.query_params.get("target"))
    if place is None:
        st.info(t("jurisdiction.pick_one", state.lang, n=len(cat.jurisdictions)))
        st.stop()
    frame = frame[frame["jurisdiction"] == place]
code = target_selector(state, list(frame["target"]))
row = frame.set_index("target").loc[code].copy()
row["target"] = code
trajectories = history(state.as_of, row["jurisdiction"], state.known_at)  # its city only
detail = views.target_detail(cat, row, observations(row["jurisdiction"], row["metric"]), state.lang)

st.header(detail.title)
st.subheader(t("target.policy", state.lang))
st.markdown(views.source_quote(detail, state.lang))
st.caption(
    views.source_line(detail, state.lang)
    + "  \n" + t("target.kind", state.lang, kind=detail.kind, unit=detail.unit)
)  # fmt: skip
if detail.policy_text is not None:
    st.download_button(
        t("target.download_text", state.lang),
        detail.policy_text.encode("utf-8"),
        file_name=detail.source_file,
        mime="text/plain",
    )
else:
    st.warning(t("target.no_text", state.lang, source=detail.source_file or "—"))

st.subheader(t("target.status", state.lang))
if note := views.close_note(row, cat, state.lang):
    st.warning(note, icon=":material/history:")
facts, charts_col = st.columns([2, 3])
show_table(detail.facts, state.lang, where=facts, height="content")
with charts_col:
    bullet = charts.bullet_chart(row, state.lang, unit=detail.unit)
    st.plotly_chart(bullet, config={"displayModeBar": False})
    path_rows = trajectories[trajectories["target"] == code]
    path = charts.trajectory_chart(path_rows, row, state.lang, unit=detail.unit)
    st.plotly_chart(path, config={"displayModeBar": False})
    card_png_download([bullet, path], f"{code}-{state.as_of}", state.lang)

st.subheader(t("target.history", state.lang))
if detail.history.empty:
    st.info(t("target.no_history", state.lang))
else:
    later = (detail.history["after_as_of"] != "").sum()
    if later:
        st.caption(t("target.after_as_of_note", state.lang, n=later, as_of=state.as_of))
    shown = tables.number_styler(detail.history, state.lang, measured=["value"])
    show_table(detail.history, state.lang, styled=shown, height="content")
    table_downloads(detail.history, f"{code}-history", state.lang)

st.subheader(t("target.audit", state.lang))
audit = audit_trail(code)
if audit.empty:
    st.info(t("target.no_audit", state.lang))
else:
    show_table(views.audit_table(audit, state.lang), state.lang)
