"""简报 Briefing: a poster PNG, slides or A4 pages per jurisdiction (or all) for a meeting."""

import streamlit as st

from dashboard.cache import briefing_files, catalog
from dashboard.controls import ALL, current_view, page_header
from dashboard.login import signed_in_user
from kpi.domain.errors import user_message
from kpi.i18n import LANGS, t
from kpi.present.documents.briefing import DEFAULT_WIDTH, FORMATS, BriefingError
from kpi.present.render import ChromiumMissing
from kpi.present.views import jurisdiction_label

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
row = st.container(horizontal=True)
fmt = row.radio(
    t("briefing.page.format", lang),
    FORMATS,
    horizontal=True,
    format_func=lambda f: t(f"briefing.page.format.{f}", lang),
)
width = DEFAULT_WIDTH
if fmt == "poster":
    width = row.selectbox(t("briefing.page.width", lang), WIDTHS, index=WIDTHS.index(DEFAULT_WIDTH))
user = signed_in_user()
prepared_by = row.text_input(
    t("briefing.page.prepared_by", lang), value=user.name if user else "", max_chars=60
)

try:
    with st.spinner(t("briefing.page.rendering", lang)):
        pngs, pdf = briefing_files(
            jurisdiction or None,
            as_of,
            briefing_lang,
            width,
            fmt,
            prepared_by.strip(),
            state.known_at,
        )
except (ChromiumMissing, BriefingError) as exc:
    st.error(t("briefing.page.error", lang, detail=user_message(exc, lang)))
    st.stop()

stem = f"briefing-{fmt}-{jurisdiction or 'all'}-{as_of.isoformat()}-{briefing_lang}"
if pdf is None:
    data, name, mime, label = pngs[0], f"{stem}.png", "image/png", "briefing.page.download"
else:
    data, name, mime, label = pdf, f"{stem}.pdf", "application/pdf", "briefing.page.download_pdf"
st.download_button(
    t(label, lang, pages=len(pngs)),
    data,
    file_name=name,
    mime=mime,
    icon=":material/download:",
    type="primary",
    on_click="ignore",
)
for png in pngs:
    st.image(png, width="content" if fmt == "poster" else "stretch")
