"""Compare: each metric family side by side across jurisdictions."""

import streamlit as st

from dashboard.cache import catalog, status
from dashboard.controls import current_view, page_header, paged_jurisdictions, show_more_button
from dashboard.downloads import chart_with_download, table_downloads
from dashboard.grids import show_table, status_table_section
from kpi.i18n import t
from kpi.present import charts, views

state = current_view()
frame = status(state.as_of, state.jurisdiction, state.known_at)
cat = catalog()

page_header("compare", state, frame, caption=t("compare.caption", state.lang))
# A national catalog is compared a page of jurisdictions at a time (worst first, searchable),
# as on the overview: a bar per city and family for 1,316 cities would say nothing.
frame, _ = paged_jurisdictions(state, frame)
for note in views.parent_notes(cat, frame["jurisdiction"], state.lang):
    st.warning(note, icon=":material/info:")

comparison = views.family_comparison(frame, cat, state.lang)
figure = charts.comparison_chart(comparison, state.lang)
chart_with_download(figure, f"compare-{state.as_of}", state.lang)
show_more_button(state.lang)
st.subheader(t("compare.table", state.lang))
family = views.family_table(comparison)
show_table(family, state.lang, height="content")
table_downloads(family, f"compare-families-{state.as_of}", state.lang)
st.subheader(t("compare.targets", state.lang))
status_table_section(frame, cat, state.lang, f"compare-targets-{state.as_of}")
