"""Target detail: the policy sentence behind a number, its status and every observation."""

import streamlit as st

from kpi import charts, views
from kpi.i18n import t
from pages.ui import catalog, current_view, history, observations, status, target_selector

state = current_view()
frame = status(state)
cat = catalog()

st.title(t("page.target", state.lang))
if frame.empty:
    st.info(t("overview.no_targets", state.lang))
    st.stop()

code = target_selector(state, list(frame["target"]))
row = frame.set_index("target").loc[code].copy()
row["target"] = code
trajectories = history(state)
detail = views.target_detail(cat, row, observations(row["jurisdiction"], row["metric"]), state.lang)

st.header(detail.title)
st.subheader(t("target.policy", state.lang))
st.markdown(f"> {detail.text_zh}\n>\n> *{detail.text_en}*")
st.caption(
    t("target.source", state.lang, plan=detail.plan_title, doc=detail.doc_number,
      section=detail.section)
    + "  \n" + t("target.kind", state.lang, kind=detail.kind, unit=detail.unit)
)  # fmt: skip

st.subheader(t("target.status", state.lang))
facts, charts_col = st.columns([2, 3])
facts.dataframe(detail.facts, hide_index=True, height="content", placeholder="—")
with charts_col:
    st.plotly_chart(charts.bullet_chart(row, state.lang), config={"displayModeBar": False})
    st.plotly_chart(
        charts.trajectory_chart(trajectories[trajectories["target"] == code], row, state.lang),
        config={"displayModeBar": False},
    )

st.subheader(t("target.history", state.lang))
if detail.history.empty:
    st.info(t("target.no_history", state.lang))
else:
    st.dataframe(detail.history, hide_index=True, height="content", placeholder="—")
