"""简报 Briefing: a poster PNG, slides or A4 pages per jurisdiction (or all) for a meeting."""

from datetime import date

import streamlit as st

from kpi.briefing import (
    ALL,
    DEFAULT_WIDTH,
    FORMATS,
    BriefingError,
    build_briefing,
    render_pdf,
    render_pngs,
)
from kpi.errors import user_message
from kpi.i18n import LANGS, t
from kpi.present import locale
from kpi.render import ChromiumMissing
from pages.ui import current_view, data_version, get_store, signed_in_user, store

WIDTHS = (1000, DEFAULT_WIDTH, 1800)


@st.cache_data(max_entries=16, show_spinner=False)
def briefing_files(
    db_path: str, version: int, jurisdiction: str, as_of: date, lang: str, width: int,
    fmt: str, prepared_by: str, known_at: date | None = None,
) -> tuple[list[bytes], bytes | None]:  # fmt: skip
    """PNG of every page, and the PDF of slides and A4 pages (None for a poster)."""
    # version keys the cache on the data: an upload makes a new briefing
    briefing = build_briefing(
        get_store(db_path), jurisdiction, as_of, lang, width, fmt=fmt, prepared_by=prepared_by,
        known_at=known_at,
    )  # fmt: skip
    return render_pngs(briefing), (render_pdf(briefing) if fmt != "poster" else None)


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

s = store()
try:
    with st.spinner(t("briefing.page.rendering", lang)):
        pngs, pdf = briefing_files(
            str(s.path), data_version(), jurisdiction, as_of, briefing_lang, width, fmt,
            prepared_by.strip(), state.known_at,
        )  # fmt: skip
except (ChromiumMissing, BriefingError) as exc:
    st.error(t("briefing.page.error", lang, detail=user_message(exc, lang)))
    st.stop()

stem = f"briefing-{fmt}-{jurisdiction}-{as_of.isoformat()}-{briefing_lang}"
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
