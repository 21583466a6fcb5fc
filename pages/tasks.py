"""任务督办 Tasks: the plans' tasks and measures by plan or by responsible unit, the
overdue and delayed first, each with its latest report."""

import pandas as pd
import streamlit as st

from dashboard.cache import catalog, task_ledger
from dashboard.controls import current_view, page_header
from dashboard.downloads import table_downloads
from dashboard.grids import show_table
from kpi.assess.task_ledger import attention_order, unit_summary
from kpi.present import task_tables as ledger_views
from kpi.present import views

state = current_view()
loc = state.locale
cat = catalog()
frame = task_ledger(state)

page_header("tasks", state, caption=loc.t("tasks.intro"))
if frame.empty:
    st.info(loc.t("tasks.none"))
    st.stop()

sentences = ledger_views.jurisdiction_headlines(frame, cat, loc)
st.markdown("\n".join(f"- **{views.markdown_literal(s)}**" for s in sentences))

by_unit = (
    st.segmented_control(
        loc.t("tasks.view"),
        ["plan", "unit"],
        default="plan",
        format_func=lambda v: loc.t(f"tasks.view.{v}"),
        key="tasks_view",
    )
    == "unit"
)

if not by_unit:
    plans = ledger_views.plan_choices(frame)
    plan = st.selectbox(
        loc.t("tasks.choose_plan"),
        plans,
        key="tasks_plan",
        format_func=lambda c: loc.name(cat.plan(c)),
    )
    chosen = attention_order(frame[frame["plan"] == plan])
    for note in ledger_views.no_unit_notes(chosen, cat, loc):
        st.info(note)
    st.subheader(loc.t("tasks.counts"))
    show_table(ledger_views.counts_table(chosen, loc), loc, height="content")
    st.subheader(loc.t("tasks.list"))
    table = ledger_views.ledger_table(chosen, cat, loc, with_place=False)
    show_table(table, loc, key="tasks_table")
    table_downloads(table, f"tasks-{plan}-{state.as_of}", loc)
    st.subheader(loc.t("tasks.units_table"))
    summary = ledger_views.unit_table(unit_summary(cat, chosen), cat, loc)
    show_table(summary, loc, height="content")
else:
    units = ledger_views.unit_choices(frame, cat)
    unit = st.selectbox(
        loc.t("tasks.choose_unit"),
        units,
        key="tasks_unit",
        format_func=lambda c: loc.name(cat.unit(c)),
    )
    lead, cooperating = ledger_views.unit_split(frame, unit)
    mine = pd.concat([lead, cooperating])
    row = unit_summary(cat, mine).set_index("unit").loc[unit]  # not its co-units' rows
    st.markdown(
        f"**{views.markdown_literal(loc.name(cat.unit(unit)))}** · "
        + loc.t(
            "tasks.completeness", due=int(row["tasks_due"]), reported=int(row["tasks_reported"])
        )
    )
    show_table(ledger_views.counts_table(mine, loc), loc, height="content")
    st.subheader(loc.t("tasks.lead_tasks", count=len(lead)))
    show_table(ledger_views.ledger_table(lead, cat, loc), loc, key="tasks_lead")
    st.subheader(loc.t("tasks.cooperating_tasks", count=len(cooperating)))
    show_table(ledger_views.ledger_table(cooperating, cat, loc), loc, key="tasks_cooperating")
