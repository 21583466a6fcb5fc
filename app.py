"""synbio-targets dashboard: ``streamlit run app.py``."""

import streamlit as st

from dashboard.cache import begin_run
from dashboard.controls import known_at_note, sample_banner, sidebar_controls
from dashboard.login import login_gate
from dashboard.registry import PAGES
from dashboard.style import inject_styles
from kpi.i18n import t
from kpi.present.locale import locale
from kpi.storage.store import StoreError

st.set_page_config(page_title="synbio-targets 合成生物制造目标", layout="wide")
try:
    begin_run()  # the data version, read once for this run's caches
    state = sidebar_controls()
except StoreError as exc:  # a lock held too long, a full disk, a damaged file: say which
    st.error(f"{locale('zh').error(exc)}\n\n{locale('en').error(exc)}")
    st.stop()
inject_styles(state.locale)
navigation = st.navigation(
    [
        st.Page(
            p.path, title=t(p.title_key, state.lang), icon=p.icon, url_path=p.key, default=p.default
        )
        for p in PAGES
    ]
)
try:
    if not login_gate(state.locale):  # env KPI_REQUIRE_LOGIN: viewing needs a sign-in
        st.stop()
    sample_banner(state)
    known_at_note(state)
    navigation.run()
except StoreError as exc:
    st.error(state.locale.error(exc))
