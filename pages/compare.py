"""Compare: each metric family side by side across jurisdictions."""

import streamlit as st

from kpi import charts, views
from kpi.i18n import t
from pages.downloads import chart_png_download, table_downloads
from pages.tables import status_table_section
from pages.ui import catalog, current_view, jurisdiction_pager, show_more_button, status

state = current_view()
frame = status(state)
cat = catalog()

st.title(t("page.compare", state.lang))
# A national catalog is compared a page of jurisdictions at a time (worst first, searchable),
# as on the overview: a bar per city and family for 1,316 cities would say nothing.
shown = jurisdiction_pager(state)
if shown is not None:
    frame = frame[frame["jurisdiction"].isin(shown)]
    if frame.empty:  # the search matched nothing; the pager said so
        st.stop()
for note in views.parent_notes(cat, frame["jurisdiction"], state.lang):
    st.warning(note, icon=":material/info:")
st.caption(t("compare.caption", state.lang))
if frame.empty:
    st.info(t("overview.no_targets", state.lang))
    st.stop()

comparison = views.family_comparison(frame, cat, state.lang)
figure = charts.comparison_chart(comparison, state.lang)
st.plotly_chart(figure, config={"displayModeBar": False})
chart_png_download(figure, f"compare-{state.as_of}", state.lang)
show_more_button(state.lang)
st.subheader(t("compare.table", state.lang))
family = views.family_table(comparison, state.lang)
st.dataframe(family, hide_index=True, height="content", placeholder="—")
table_downloads(family, f"compare-families-{state.as_of}", state.lang)
st.subheader(t("compare.targets", state.lang))
status_table_section(frame, cat, state.lang, f"compare-targets-{state.as_of}")
