"""政策兑现 Support: per support measure its grants, beneficiaries, approved and paid totals
against its cap; per beneficiary (for accounts with the finance right only) everything
it received across measures. Everyone else sees totals and counts, on the page and in
every download."""

import streamlit as st

from dashboard import login as signin
from dashboard.cache import catalog, grants
from dashboard.controls import current_view, page_header
from dashboard.downloads import table_downloads
from dashboard.grids import show_table
from kpi.present import support_tables as support
from kpi.present import views

state = current_view()
loc = state.locale
cat = catalog()
given = grants(state)

page_header("support", state, caption=loc.t("support.intro"))
codes = support.measures_in_view(cat, state.jurisdiction)
if not codes:
    st.info(loc.t("support.none"))
    st.stop()

st.markdown(f"**{views.markdown_literal(support.totals_line(cat, given, codes, loc))}**")
st.caption(loc.t("support.as_of", as_of=state.as_of.isoformat()))

st.subheader(loc.t("support.measures"))
measures = support.measure_table(cat, given, codes, loc, with_place=state.jurisdiction is None)
show_table(measures, loc, key="support_measures")
table_downloads(measures, f"support-measures-{state.as_of}", loc)

st.subheader(loc.t("support.beneficiaries"))
user = signin.sign_in(loc)  # the account line, or the form for a finance officer to sign in
allowed = support.allowed_measures(cat, user, codes)
if len(allowed) < len(codes):
    st.info(loc.t("support.restricted"))
if allowed:
    people = support.beneficiary_table(cat, given, allowed)
    if people.empty:
        st.caption(loc.t("support.no_grants"))
    else:
        show_table(people, loc, key="support_beneficiaries")
        table_downloads(people, f"support-beneficiaries-{state.as_of}", loc)
        names = dict(zip(people["credit_code"], people["beneficiary"], strict=True))
        chosen = st.selectbox(
            loc.t("support.choose_beneficiary"),
            list(names),
            key="support_beneficiary",
            format_func=lambda c: f"{names[c]}（{c}）" if loc.lang == "zh" else f"{names[c]} ({c})",
        )
        st.markdown(
            f"**{views.markdown_literal(loc.t('support.beneficiary_grants', name=names[chosen]))}**"
        )
        received = support.beneficiary_grants(cat, given, allowed, chosen, loc)
        show_table(received, loc, key="support_received", height="content")
        table_downloads(received, f"support-{chosen}-{state.as_of}", loc)
