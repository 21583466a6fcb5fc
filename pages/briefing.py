"""简报 Briefing: one PNG per jurisdiction (or all) to take into a meeting."""

import streamlit as st

from kpi.briefing import DEFAULT_WIDTH, BriefingError
from kpi.errors import user_message
from kpi.i18n import LANGS, t
from kpi.render import ChromiumMissing
from kpi.views import jurisdiction_label
from pages.cache import briefing_png, catalog
from pages.ui import ALL, current_view, page_header

WIDTHS = (1000, DEFAULT_WIDTH, 1800)


state = current_view()
lang = state.lang
page_header("briefing", state, caption=t("briefing.page.intro", lang))

cat = catalog()
codes = [j.code for j in cat.jurisdictions]
row = st.container(horizontal=True)
jurisdiction = row.selectbox(
    t("briefing.page.jurisdiction", lang),
    [*codes, ALL],
    index=codes.index(state.jurisdiction) if state.jurisdiction else len(codes),
    format_func=lambda c: t("briefing.all", lang) if c == ALL else jurisdiction_label(cat, c, lang),
)
as_of = row.date_input(t("col.as_of", lang), value=state.as_of)
briefing_lang = row.radio(
    t("briefing.page.lang", lang),
    LANGS,
    index=LANGS.index(lang),
    horizontal=True,
    format_func=lambda code: t(f"lang.{code}"),
)
width = row.selectbox(t("briefing.page.width", lang), WIDTHS, index=WIDTHS.index(DEFAULT_WIDTH))

try:
    with st.spinner(t("briefing.page.rendering", lang)):
        png = briefing_png(jurisdiction or None, as_of, briefing_lang, width)
except (ChromiumMissing, BriefingError) as exc:
    st.error(t("briefing.page.error", lang, detail=user_message(exc, lang)))
    st.stop()

st.download_button(
    t("briefing.page.download", lang),
    png,
    file_name=f"briefing-{jurisdiction or 'all'}-{as_of.isoformat()}-{briefing_lang}.png",
    mime="image/png",
    icon=":material/download:",
    type="primary",
    on_click="ignore",
)
st.image(png, width="content")
