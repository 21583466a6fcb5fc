"""The status inputs: per target and as-of date, the aggregates of its values that the
attainment engine's rules (kpi.domain.rules) work on, computed in the database."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd

from kpi.storage import observations
from kpi.storage.backends import Session
from kpi.storage.dialect import Dialect

# Aggregates the attainment engine needs, per target and as-of date, computed in the
# database so that a million observations stay fast. The values are the kept current
# values (table current_values) or, for a past moment, the values known then.
# eval_date = min(as_of, deadline): after the deadline a target is judged on its value
# at the deadline.
# reached_on, the first quarter at which the threshold was reached: for flows the running
# total within the period, which does not depend on the as-of date, so it is found once
# per target and then hidden where after eval_date; for levels any quarter up to
# eval_date (a level may already stand above the threshold before the period starts).
STATUS_INPUTS_TEMPLATE = """
WITH as_of_dates AS (SELECT {dates} AS as_of),
t AS (
    SELECT t.*, a.as_of, least(a.as_of, t.deadline) AS eval_date
    FROM targets t CROSS JOIN as_of_dates a
    WHERE (CAST(? AS VARCHAR) IS NULL OR t.jurisdiction = ?) AND {of_plans}
),
v AS {obs_cte}(
    SELECT * FROM ({current}) c
    -- before the aggregation: one city reads its rows
    WHERE CAST(? AS VARCHAR) IS NULL OR c.jurisdiction = ?
),
running AS (
    SELECT tt.code AS target, v.quarter_end, tt.threshold, sum(v.value) OVER (
               PARTITION BY tt.code ORDER BY v.quarter_end
               ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS reached
    FROM v JOIN targets tt USING (jurisdiction, metric)
    WHERE tt.kind = 'flow' AND v.quarter_end >= tt.start_date AND {of_plans_tt}
),
first_reached AS (
    SELECT target, min(quarter_end) FILTER (WHERE reached >= threshold) AS reached_on
    FROM running GROUP BY target
)
SELECT t.code AS target, t.as_of, t.eval_date,
    sum(o.value) FILTER (WHERE o.quarter_end >= t.start_date) AS flow_sum,
    count(o.value) FILTER (WHERE o.quarter_end >= t.start_date) AS n_period,
    {latest_level} AS latest_level,
    max(o.quarter_end) AS latest_quarter,
    {base_level} AS base_level,
    {first_level} AS first_level,
    min(o.quarter_end) FILTER (WHERE o.quarter_end >= t.start_date) AS first_quarter,
    regr_slope(o.value, {days})
        FILTER (WHERE t.kind = 'level' AND o.quarter_end >= t.start_date) AS level_slope,
    regr_intercept(o.value, {days})
        FILTER (WHERE t.kind = 'level' AND o.quarter_end >= t.start_date) AS level_intercept,
    coalesce({reached_on} FILTER (WHERE r.reached_on <= t.eval_date),
             min(o.quarter_end) FILTER (WHERE t.kind = 'level' AND o.value >= t.threshold))
        AS reached_on
FROM t LEFT JOIN v o ON o.jurisdiction = t.jurisdiction AND o.metric = t.metric
        AND o.quarter_end <= t.eval_date
    LEFT JOIN first_reached r ON r.target = t.code
GROUP BY t.code, t.as_of, t.eval_date
ORDER BY t.code, t.as_of
"""


#: Only the targets of some plans (a parameter holding a list of plan codes, or NULL for all).
_OF_PLANS = "(CAST(? AS VARCHAR[]) IS NULL OR {t}.plan IN (SELECT unnest(CAST(? AS VARCHAR[]))))"

#: The level aggregates (latest, baseline, first level, fitted line) are computed for
#: level targets only: the engine reads them for levels, and they are the costly ones.
_LEVEL = "t.kind = 'level'"


def status_inputs_sql(dialect: Dialect, values: str) -> str:
    """The status inputs of the values ``values`` (SQL of jurisdiction, metric,
    quarter_end, value rows)."""
    return STATUS_INPUTS_TEMPLATE.format(
        dates=dialect.date_list(),
        current=values,
        obs_cte=dialect.inline_cte,
        latest_level=dialect.arg_max_by_day("o.value", "o.quarter_end", _LEVEL),
        base_level=dialect.arg_max_by_day(
            "o.value", "o.quarter_end", f"{_LEVEL} AND o.quarter_end <= t.start_date"
        ),
        first_level=dialect.arg_min_by_day(
            "o.value", "o.quarter_end", f"{_LEVEL} AND o.quarter_end >= t.start_date"
        ),
        days=dialect.epoch_days("o.quarter_end"),
        reached_on=dialect.any_value("r.reached_on"),
        of_plans=_OF_PLANS.format(t="t"),
        of_plans_tt=_OF_PLANS.format(t="tt"),
    )


def query(
    cur: Session,
    as_of_dates: list[date],
    jurisdiction: str | None,
    known_at: datetime | None,
    plans: list[str] | None = None,
) -> pd.DataFrame:
    """Per (target, as-of date) aggregates of the values known at ``known_at`` (None: the
    current values), for the targets of ``plans`` (None: every plan's)."""
    source, params = observations.values_source(cur.dialect, known_at)
    return cur.execute(
        status_inputs_sql(cur.dialect, source),
        [
            as_of_dates,
            jurisdiction,
            jurisdiction,
            plans,
            plans,
            *params,
            jurisdiction,
            jurisdiction,
            plans,
            plans,
        ],
    ).df()
