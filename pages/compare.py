"""Compare: each metric family side by side across jurisdictions."""

import streamlit as st

from dashboard.cache import catalog, status
from dashboard.controls import current_view, page_header, paged_jurisdictions, show_more_button
from dashboard.downloads import chart_with_download, table_downloads
from dashboard.grids import show_table, status_table_section
from kpi.present import charts, views

state = current_view()
loc = state.locale
frame = status(state)
cat = catalog()

page_header("compare", state, frame, caption=loc.t("compare.caption"))
# A national catalog is compared a page of jurisdictions at a time (worst first, searchable),
# as on the overview: a bar per city and family for 1,316 cities would say nothing.
frame, _ = paged_jurisdictions(state, frame)
notes = views.parent_notes(cat, frame["jurisdiction"], loc)
if notes:  # one box, a line per jurisdiction counted inside another
    st.warning("\n".join(f"- {note}" for note in notes), icon=":material/info:")

comparison = views.family_comparison(frame, cat, loc)
# like with like: provinces with provinces, cities with cities, one chart per level
levels = list(dict.fromkeys(comparison["level_name"]))
for n, level in enumerate(levels):
    if len(levels) > 1:
        st.subheader(loc.t("compare.level", level=level))
    rows = comparison[comparison["level_name"] == level]
    if not views.has_figures(rows):  # an empty chart would only draw axes
        st.info(loc.t("compare.level_no_figures"), icon=":material/info:")
        continue
    chart_with_download(charts.comparison_chart(rows, loc), f"compare-{state.as_of}-{n + 1}", loc)
show_more_button(loc)
st.subheader(loc.t("compare.table"))
family = views.family_table(comparison)
show_table(family, loc, height="content")
table_downloads(family, f"compare-families-{state.as_of}", loc)
st.subheader(loc.t("compare.targets"))
status_table_section(frame, cat, loc, f"compare-targets-{state.as_of}")
