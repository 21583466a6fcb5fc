"""Overview: where every plan stands, at a glance."""

import streamlit as st

from dashboard.cache import catalog, status, task_ledger
from dashboard.controls import (
    current_view,
    page_header,
    paged_jurisdictions,
    show_completeness,
    show_more_button,
)
from dashboard.downloads import chart_with_download
from dashboard.grids import show_status_table, show_table, status_table_section
from kpi.present import charts, tables, views
from kpi.present.headline import headlines
from kpi.present.plans import level_label, plans_by_level, plans_table
from kpi.present.status_list import status_list_html
from kpi.present.task_tables import jurisdiction_headlines
from kpi.present.theme import MUTED

state = current_view()
loc = state.locale
frame = status(state)
cat = catalog()

caption = loc.t("overview.caption", as_of=state.as_of.isoformat())
page_header("overview", state, frame, caption)

# A national catalog (hundreds of jurisdictions) is shown worst first, a page at a time.
frame, shown = paged_jurisdictions(state, frame)

sentences = headlines(frame, cat, loc)
order = shown if shown is not None else list(sentences)  # paged: worst first
st.markdown("\n".join(f"- **{views.markdown_literal(sentences[c])}**" for c in order))
task_lines = jurisdiction_headlines(task_ledger(state), cat, loc)
if task_lines:  # the task ledger's headline per jurisdiction (任务督办 has the detail)
    st.markdown("\n".join(f"- {views.markdown_literal(line)}" for line in task_lines))

st.subheader(loc.t("overview.counts"))
counts = views.status_counts(frame, cat, loc, order=shown)
show_table(counts, loc, height="content")
show_more_button(loc)

st.subheader(loc.t("overview.elapsed"))
elapsed_bar = st.column_config.ProgressColumn(  # time is neither good nor bad: a grey bar
    loc.header("elapsed"), format="%.0f%%", min_value=0, max_value=100, color=MUTED
)
show_table(
    views.plan_elapsed(frame, cat, loc), loc, config={"elapsed": elapsed_bar}, height="content"
)

st.subheader(loc.t("plan.list"))  # by level: national, province, city, district
for level, plans in plans_by_level(cat, shown):
    st.markdown(f"**{level_label(level, loc)}**")
    show_table(plans_table(cat, loc, plans), loc, height="content")

st.subheader(loc.t("overview.matrix"))
with st.container(key="wide_matrix"):
    matrix = charts.status_matrix(frame, cat, loc)
    chart_with_download(matrix, f"status-matrix-{state.as_of}", loc)
with st.container(key="phone_matrix"):
    st.html(status_list_html(frame, cat, loc))

st.subheader(loc.t("overview.behind"))
behind = frame[frame["status"].isin(views.BEHIND_STATUSES) & frame["pace"].notna()]
if behind.empty:
    st.success(loc.t("overview.none_behind"))
else:
    show_status_table(tables.behind_view(behind, cat, loc).head(5), loc)

st.subheader(loc.t("overview.status_table"))
status_table_section(frame, cat, loc, f"status-{state.as_of}")

show_completeness(state, codes=shown)
