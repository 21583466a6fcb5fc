"""Jurisdiction: every target's bullet and trajectory charts, and the status table."""

import streamlit as st

from kpi import charts, views
from kpi.i18n import t
from pages.ui import catalog, current_view, history, status

state = current_view()
frame = status(state)
trajectories = history(state)
cat = catalog()

st.title(t("page.jurisdiction", state.lang))
st.caption(t("overview.caption", state.lang, as_of=state.as_of.isoformat()))
if frame.empty:
    st.info(t("overview.no_targets", state.lang))
    st.stop()

for plan in [p for p in cat.plans if p.code in set(frame["plan"])]:
    st.header(views.jurisdiction_label(cat, plan.jurisdiction, state.lang))
    st.caption(
        t("jurisdiction.plan", state.lang, title=views.name(plan, state.lang),
          doc=plan.doc_number, start=plan.start, end=plan.end)
    )  # fmt: skip
    for _, row in frame[frame["plan"] == plan.code].iterrows():
        with st.container(border=True):
            st.markdown(
                f"**{views.name(cat.metric(row['metric']), state.lang)}** · `{row['target']}`"
            )
            bullet, trajectory = st.columns([2, 3])
            bullet.plotly_chart(
                charts.bullet_chart(row, state.lang),
                config={"displayModeBar": False},
                key=f"bullet-{row['target']}",
            )
            trajectory.plotly_chart(
                charts.trajectory_chart(
                    trajectories[trajectories["target"] == row["target"]], row, state.lang
                ),
                config={"displayModeBar": False},
                key=f"trajectory-{row['target']}",
            )

st.subheader(t("jurisdiction.table", state.lang))
st.dataframe(
    views.status_table(frame, cat, state.lang), hide_index=True, height="content", placeholder="—"
)
