"""Compare: each metric family side by side across jurisdictions."""

import streamlit as st

from kpi import charts, views
from kpi.i18n import t
from pages.ui import catalog, current_view, status

state = current_view()
frame = status(state)
cat = catalog()

st.title(t("page.compare", state.lang))
st.warning(t("compare.bda_note", state.lang), icon=":material/info:")
st.caption(t("compare.caption", state.lang))
if frame.empty:
    st.info(t("overview.no_targets", state.lang))
    st.stop()

comparison = views.family_comparison(frame, cat, state.lang)
st.plotly_chart(charts.comparison_chart(comparison, state.lang), config={"displayModeBar": False})
st.subheader(t("compare.table", state.lang))
st.dataframe(
    views.family_table(comparison, state.lang), hide_index=True, height="content", placeholder="—"
)
st.subheader(t("compare.targets", state.lang))
st.dataframe(
    views.status_table(frame, cat, state.lang), hide_index=True, height="content", placeholder="—"
)
