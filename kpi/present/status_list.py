"""The status matrix as a stacked list: what a phone shows instead of the heatmap.

Per jurisdiction a heading, then one line per status (worst first) with a coloured
chip carrying the status and count, and the targets' metric names. Returned as HTML
for ``st.html``; every name from the catalog is escaped (catalog text is uploaded data).
"""

from __future__ import annotations

from html import escape

import pandas as pd

from kpi.domain.catalog import Catalog
from kpi.present.headline import severity_rank
from kpi.present.locale import Locale
from kpi.present.theme import status_color, status_ink


def chip(status: str, text: str) -> str:
    """A coloured status chip (the colour is never the only carrier: the text says it)."""
    style = f"background:{status_color(status)};color:{status_ink(status)}"
    return f'<span class="kpi-chip" style="{style}">{escape(text)}</span>'


def status_list_html(frame: pd.DataFrame, catalog: Catalog, loc: Locale) -> str:
    """One block per jurisdiction in ``frame`` (a ``compute_status`` result), catalog order."""
    present = set(frame["jurisdiction"])
    blocks = []
    for place in (j for j in catalog.jurisdictions if j.code in present):
        rows = frame[frame["jurisdiction"] == place.code]
        statuses = sorted(set(rows["status"]), key=lambda s: (severity_rank(s), s))
        lines = []
        for status in statuses:
            metrics = rows.loc[rows["status"] == status, "metric"]
            names = loc.t("word.list_separator").join(loc.name(catalog.metric(m)) for m in metrics)
            label = f"{loc.status(status)} {len(metrics)}"
            lines.append(
                f'<li>{chip(status, label)} <span class="kpi-names">{escape(names)}</span></li>'
            )
        blocks.append(
            f'<section class="kpi-status-list"><h4>{escape(loc.name(place))}</h4>'
            f"<ul>{''.join(lines)}</ul></section>"
        )
    return "".join(blocks)
