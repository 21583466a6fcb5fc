"""The figures of annual metrics (output value, revenue), read whole: their rule
(kpi.domain.rules.evaluate_annual) compares a year with the one before, quarter by
quarter, which the per-target aggregates of kpi.storage.status_inputs do not hold."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from kpi.storage import observations
from kpi.storage.backends import Session


def query(cur: Session, jurisdiction: str | None, known_at: datetime | None) -> pd.DataFrame:
    """(jurisdiction, metric, quarter_end, value) of every series an annual target reads,
    as known at ``known_at`` (None: the current values), of one jurisdiction if given."""
    source, params = observations.values_source(cur.dialect, known_at)
    sql = f"""
        SELECT c.jurisdiction, c.metric, c.quarter_end, c.value
        FROM ({source}) c
        JOIN (SELECT DISTINCT jurisdiction, metric FROM targets WHERE kind = 'annual') t
            ON t.jurisdiction = c.jurisdiction AND t.metric = c.metric
        WHERE CAST(? AS VARCHAR) IS NULL OR c.jurisdiction = ?
        ORDER BY c.jurisdiction, c.metric, c.quarter_end
    """
    return cur.execute(sql, [*params, jurisdiction, jurisdiction]).df()
