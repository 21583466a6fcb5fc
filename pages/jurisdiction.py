"""Jurisdiction: every target's bullet and trajectory charts, and the status table."""

import streamlit as st

from kpi import views
from kpi.headline import worst_first
from kpi.i18n import t
from kpi.present import locale
from pages.cache import catalog, status, target_charts
from pages.downloads import card_png_download
from pages.tables import status_table_section
from pages.ui import OVERVIEW_PAGE_SIZE, current_view, page_header, stop_when_empty

state = current_view()
cat = catalog()
caption = t("overview.caption", state.lang, as_of=state.as_of.isoformat())
page_header("jurisdiction", state, caption=caption)
if state.jurisdiction is None and len(cat.jurisdictions) > OVERVIEW_PAGE_SIZE:
    # a national catalog: two charts per target of every city would be tens of thousands
    st.info(t("jurisdiction.pick_one", state.lang, n=len(cat.jurisdictions)))
    st.stop()
frame = status(state.as_of, state.jurisdiction, state.known_at)
stop_when_empty(frame, state.lang)
figures = target_charts(state.as_of, state.jurisdiction, state.lang, state.known_at)

for plan in [p for p in cat.plans if p.code in set(frame["plan"])]:
    st.header(views.jurisdiction_label(cat, plan.jurisdiction, state.lang))
    st.caption(
        t("jurisdiction.plan", state.lang, title=locale(state.lang).name(plan),
          doc=plan.doc_number, start=plan.start, end=plan.end)
    )  # fmt: skip
    for _, row in worst_first(frame[frame["plan"] == plan.code]).iterrows():
        with st.container(border=True):
            code = row["target"]
            metric_name = views.markdown_literal(locale(state.lang).name(cat.metric(row["metric"])))
            st.markdown(f"**{metric_name}**")
            left, right = st.columns([2, 3])
            bullet, path = figures[code]
            for column, fig, kind in ((left, bullet, "bullet"), (right, path, "trajectory")):
                with column:
                    st.plotly_chart(fig, config={"displayModeBar": False}, key=f"{kind}-{code}")
            card_png_download([bullet, path], f"{code}-{state.as_of}", state.lang)

st.subheader(t("jurisdiction.table", state.lang))
status_table_section(frame, cat, state.lang, f"status-{state.jurisdiction or 'all'}-{state.as_of}")
