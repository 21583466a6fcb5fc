"""简报 Briefing: a poster PNG, slides or A4 pages per jurisdiction (or all) for a meeting."""

from collections.abc import Callable

import streamlit as st

from dashboard.cache import briefing_files, catalog, evaluation_report
from dashboard.controls import ALL, current_view, page_header
from dashboard.login import signed_in_user
from kpi.i18n import LANGS, t
from kpi.present.documents import DEFAULT_WIDTH, FORMATS, BriefingError
from kpi.present.documents.evaluation import find_soffice
from kpi.present.locale import ViewState, locale
from kpi.present.render import ChromiumMissing
from kpi.present.views import jurisdiction_label

WIDTHS = (1000, DEFAULT_WIDTH, 1800)


state = current_view()
loc = state.locale
page_header("briefing", state, caption=loc.t("briefing.page.intro"))

cat = catalog()
codes = [j.code for j in cat.jurisdictions]
row = st.container(horizontal=True)
jurisdiction = row.selectbox(
    loc.t("briefing.page.jurisdiction"),
    [*codes, ALL],
    index=codes.index(state.jurisdiction) if state.jurisdiction else len(codes),
    format_func=lambda c: loc.t("briefing.all") if c == ALL else jurisdiction_label(cat, c, loc),
)
as_of = row.date_input(loc.t("col.as_of"), value=state.as_of)
briefing_lang = row.radio(
    loc.t("briefing.page.lang"),
    LANGS,
    index=LANGS.index(state.lang),
    horizontal=True,
    format_func=lambda code: t(f"lang.{code}"),
)
row = st.container(horizontal=True)
fmt = row.radio(
    loc.t("briefing.page.format"),
    FORMATS,
    horizontal=True,
    format_func=lambda f: loc.t(f"briefing.page.format.{f}"),
)
width = DEFAULT_WIDTH
if fmt == "poster":
    width = row.selectbox(loc.t("briefing.page.width"), WIDTHS, index=WIDTHS.index(DEFAULT_WIDTH))
user = signed_in_user()
prepared_by = row.text_input(
    loc.t("briefing.page.prepared_by"), value=user.name if user else "", max_chars=60
)

# the briefing's own view: its jurisdiction, date and language, as known when the page is
briefing_view = ViewState(locale(briefing_lang), as_of, jurisdiction or None, state.known_at)
try:
    with st.spinner(loc.t("briefing.page.rendering")):
        pngs, pdf = briefing_files(briefing_view, width, fmt, prepared_by.strip())
except (ChromiumMissing, BriefingError) as exc:
    st.error(loc.t("briefing.page.error", detail=loc.error(exc)))
    st.stop()

stem = f"briefing-{fmt}-{jurisdiction or 'all'}-{as_of.isoformat()}-{briefing_lang}"
if pdf is None:
    data, name, mime, label = pngs[0], f"{stem}.png", "image/png", "briefing.page.download"
else:
    data, name, mime, label = pdf, f"{stem}.pdf", "application/pdf", "briefing.page.download_pdf"
st.download_button(
    loc.t(label, pages=len(pngs)),
    data,
    file_name=name,
    mime=mime,
    icon=":material/download:",
    type="primary",
    on_click="ignore",
)
for png in pngs:
    st.image(png, width="content" if fmt == "poster" else "stretch")

# the evaluation report of the same view: made when its button is clicked
st.subheader(loc.t("evaluation.page_title"))
st.caption(loc.t("evaluation.page_help"))
report_stem = f"evaluation-{jurisdiction or 'all'}-{as_of.isoformat()}-{briefing_lang}"
buttons = st.container(horizontal=True)
WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
kinds = [("docx", loc.t("evaluation.download_docx"), WORD)]
if find_soffice() is not None:
    kinds.append(("pdf", loc.t("evaluation.download_pdf"), "application/pdf"))


def _report_maker(kind: str) -> Callable[[], bytes]:
    return lambda: evaluation_report(briefing_view, kind, prepared_by.strip())


for kind, report_label, report_mime in kinds:
    buttons.download_button(
        report_label,
        _report_maker(kind),
        file_name=f"{report_stem}.{kind}",
        mime=report_mime,
        icon=":material/description:",
        on_click="ignore",
        key=f"evaluation_{kind}",
    )
