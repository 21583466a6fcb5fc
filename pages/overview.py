import streamlit as st

from kpi.engine import STATUS_FIELDS
from kpi.i18n import t
from pages.downloads import table_downloads
from pages.ui import current_view, status

state = current_view()
st.title(t("app.title", state.lang))
st.dataframe(status(state)[STATUS_FIELDS], hide_index=True)

# ---- downloads of the status table (issue 5) ----
table_downloads(status(state)[STATUS_FIELDS], "status", state.lang)
