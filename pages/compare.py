"""Compare: each metric family side by side across jurisdictions."""

import streamlit as st

from kpi import charts, views
from kpi.i18n import t
from pages.downloads import chart_png_download, table_downloads
from pages.tables import status_table_section
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
figure = charts.comparison_chart(comparison, state.lang)
st.plotly_chart(figure, config={"displayModeBar": False})
chart_png_download(figure, f"compare-{state.as_of}", state.lang)
st.subheader(t("compare.table", state.lang))
family = views.family_table(comparison, state.lang)
st.dataframe(family, hide_index=True, height="content", placeholder="—")
table_downloads(family, f"compare-families-{state.as_of}", state.lang)
st.subheader(t("compare.targets", state.lang))
status_table_section(frame, cat, state.lang, f"compare-targets-{state.as_of}")
