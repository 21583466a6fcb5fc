"""Overview: where every plan stands, at a glance."""

import streamlit as st

from dashboard.cache import catalog, status
from dashboard.controls import (
    current_view,
    page_header,
    paged_jurisdictions,
    show_completeness,
    show_more_button,
)
from dashboard.downloads import chart_with_download
from dashboard.grids import show_status_table, show_table, status_table_section
from kpi.i18n import t
from kpi.present import charts, locale, tables, views
from kpi.present.headline import headlines
from kpi.present.status_list import status_list_html
from kpi.present.theme import MUTED

state = current_view()
frame = status(state.as_of, state.jurisdiction, state.known_at)
cat = catalog()

caption = t("overview.caption", state.lang, as_of=state.as_of.isoformat())
page_header("overview", state, frame, caption)

# A national catalog (hundreds of jurisdictions) is shown worst first, a page at a time.
frame, shown = paged_jurisdictions(state, frame)

sentences = headlines(frame, cat, state.lang)
order = shown if shown is not None else list(sentences)  # paged: worst first
st.markdown("\n".join(f"- **{views.markdown_literal(sentences[c])}**" for c in order))

st.subheader(t("overview.counts", state.lang))
counts = views.status_counts(frame, cat, state.lang, order=shown)
show_table(counts, state.lang, height="content")
show_more_button(state.lang)

st.subheader(t("overview.elapsed", state.lang))
elapsed_bar = st.column_config.ProgressColumn(  # time is neither good nor bad: a grey bar
    locale(state.lang).header("elapsed"),
    format="%.0f%%", min_value=0, max_value=100, color=MUTED,
)  # fmt: skip
show_table(
    views.plan_elapsed(frame, cat, state.lang), state.lang,
    config={"elapsed": elapsed_bar}, height="content",
)  # fmt: skip

st.subheader(t("overview.matrix", state.lang))
with st.container(key="wide_matrix"):
    matrix = charts.status_matrix(frame, cat, state.lang)
    chart_with_download(matrix, f"status-matrix-{state.as_of}", state.lang)
with st.container(key="phone_matrix"):
    st.html(status_list_html(frame, cat, state.lang))

st.subheader(t("overview.behind", state.lang))
behind = frame[frame["status"].isin(views.BEHIND_STATUSES) & frame["pace"].notna()]
if behind.empty:
    st.success(t("overview.none_behind", state.lang))
else:
    show_status_table(tables.status_view(behind, cat, state.lang).head(5), state.lang)

st.subheader(t("overview.status_table", state.lang))
status_table_section(frame, cat, state.lang, f"status-{state.as_of}")

show_completeness(state, codes=shown)
