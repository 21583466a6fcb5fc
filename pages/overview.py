"""Overview: where every plan stands, at a glance."""

import streamlit as st

from kpi import charts, views
from kpi.headline import headlines
from kpi.i18n import t
from kpi.status_list import status_list_html
from pages.downloads import chart_png_download, table_downloads
from pages.ui import catalog, current_view, show_completeness, status

state = current_view()
frame = status(state)
cat = catalog()

st.title(t("page.overview", state.lang))
st.caption(t("overview.caption", state.lang, as_of=state.as_of.isoformat()))
if frame.empty:
    st.info(t("overview.no_targets", state.lang))
    st.stop()

sentences = headlines(frame, cat, state.lang).values()
st.markdown("\n".join(f"- **{views.markdown_literal(s)}**" for s in sentences))

st.subheader(t("overview.counts", state.lang))
st.dataframe(views.status_counts(frame, cat, state.lang), hide_index=True, height="content")

st.subheader(t("overview.elapsed", state.lang))
elapsed_col = views.column_label("elapsed", state.lang)
st.dataframe(
    views.plan_elapsed(frame, cat, state.lang),
    hide_index=True,
    height="content",
    column_config={
        elapsed_col: st.column_config.ProgressColumn(
            elapsed_col, format="%.0f%%", min_value=0, max_value=100
        )
    },
)

st.subheader(t("overview.matrix", state.lang))
with st.container(key="wide_matrix"):
    matrix = charts.status_matrix(frame, cat, state.lang)
    st.plotly_chart(matrix, config={"displayModeBar": False})
    chart_png_download(matrix, f"status-matrix-{state.as_of}", state.lang)
with st.container(key="phone_matrix"):
    st.html(status_list_html(frame, cat, state.lang))

st.subheader(t("overview.behind", state.lang))
behind = views.most_behind(frame, cat, state.lang)
if behind.empty:
    st.success(t("overview.none_behind", state.lang))
else:
    st.dataframe(
        views.style_status(behind.drop(columns="code"), state.lang),
        hide_index=True,
        height="content",
    )

st.subheader(t("overview.status_table", state.lang))
table = views.status_table(frame, cat, state.lang)
st.dataframe(table, hide_index=True, height="content", placeholder="—")
table_downloads(table, f"status-{state.as_of}", state.lang)

show_completeness(state)
