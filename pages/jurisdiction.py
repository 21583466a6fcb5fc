"""Jurisdiction: every target's trajectory, a small panel each, per plan; the status table.

A plan's panels are a few figures side by side (stacked on a phone), not two charts per
target: each figure costs Streamlit a copy and the browser a plot, and a city has about
twenty targets. The detailed bullet and trajectory of one target are on the target page.
"""

import streamlit as st

from dashboard.cache import catalog, plan_charts, status
from dashboard.controls import OVERVIEW_PAGE_SIZE, current_view, page_header, stop_when_empty
from dashboard.downloads import card_png_download
from dashboard.grids import show_related_plans, status_table_section

state = current_view()
loc = state.locale
cat = catalog()
caption = loc.t("overview.caption", as_of=state.as_of.isoformat())
page_header("jurisdiction", state, caption=caption)
if state.jurisdiction is None and len(cat.jurisdictions) > OVERVIEW_PAGE_SIZE:
    # a national catalog: two charts per target of every city would be tens of thousands
    st.info(loc.t("jurisdiction.pick_one", n=len(cat.jurisdictions)))
    st.stop()
frame = status(state)
if state.jurisdiction is not None:  # the plans above and below it, and its own
    show_related_plans(cat, state.jurisdiction, loc)
stop_when_empty(frame, loc)
figures = plan_charts(state)

in_view = set(frame["plan"])  # once: a national catalog holds 1,316 plans
for plan in [p for p in cat.plans if p.code in in_view]:
    st.header(loc.name(cat.jurisdiction(plan.jurisdiction)))  # a name, no code
    st.caption(
        loc.t(
            "jurisdiction.plan",
            title=loc.name(plan),
            doc=plan.doc_number,
            start=plan.start,
            end=plan.end,
        )
    )
    if plan.status == "draft":
        st.warning(loc.t("plan.draft_note"), icon=":material/edit_note:")
    if frame.loc[frame["plan"] == plan.code, "value"].isna().all():
        st.info(loc.t("plan.published_no_figures"), icon=":material/info:")
    st.caption(loc.t("jurisdiction.panels_help"))
    panels = figures[plan.code]
    for n, (column, fig) in enumerate(zip(st.columns(len(panels)), panels, strict=True)):
        with column:
            key = f"panels-{plan.code}-{n}"
            st.plotly_chart(fig, config={"displayModeBar": False}, key=key)
    card_png_download(panels, f"{plan.code}-{state.as_of}", loc)

st.subheader(loc.t("jurisdiction.table"))
status_table_section(frame, cat, loc, f"status-{state.jurisdiction or 'all'}-{state.as_of}")
