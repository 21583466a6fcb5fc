"""简报 Briefing: one PNG per jurisdiction (or all) to take into a meeting."""

from datetime import date

import streamlit as st

from kpi.briefing import ALL, DEFAULT_WIDTH, BriefingError, render_briefing
from kpi.errors import user_message
from kpi.i18n import LANGS, t
from kpi.present import locale
from kpi.render import ChromiumMissing
from pages.ui import current_view, get_store, store

WIDTHS = (1000, DEFAULT_WIDTH, 1800)


@st.cache_data(max_entries=32, show_spinner=False)
def briefing_png(
    db_path: str, version: int, jurisdiction: str, as_of: date, lang: str, width: int
) -> bytes:
    # version keys the cache on the data: an upload makes a new briefing
    return render_briefing(get_store(db_path), jurisdiction, as_of, lang, width)


state = current_view()
lang = state.lang
st.title(t("page.briefing", lang))
st.caption(t("briefing.page.intro", lang))

codes = [j.code for j in store().catalog().jurisdictions]
names = {j.code: locale(lang).name(j) for j in store().catalog().jurisdictions}
row = st.container(horizontal=True)
jurisdiction = row.selectbox(
    t("briefing.page.jurisdiction", lang),
    [*codes, ALL],
    index=codes.index(state.jurisdiction) if state.jurisdiction else len(codes),
    format_func=lambda c: t("briefing.all", lang) if c == ALL else f"{names[c]} ({c})",
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

s = store()
try:
    with st.spinner(t("briefing.page.rendering", lang)):
        png = briefing_png(str(s.path), s.data_version(), jurisdiction, as_of, briefing_lang, width)
except (ChromiumMissing, BriefingError) as exc:
    st.error(t("briefing.page.error", lang, detail=user_message(exc, lang)))
    st.stop()

st.download_button(
    t("briefing.page.download", lang),
    png,
    file_name=f"briefing-{jurisdiction}-{as_of.isoformat()}-{briefing_lang}.png",
    mime="image/png",
    icon=":material/download:",
    type="primary",
    on_click="ignore",
)
st.image(png, width="content")
