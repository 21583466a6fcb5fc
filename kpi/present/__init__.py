"""The presentation layer: how numbers, words and colours look (no Streamlit here).

``fmt`` formats numbers, percentages and dates; ``theme`` holds colours, fonts and
the plotly template; :class:`Locale` binds the reader's language once, and
:class:`ViewState` a view's whole context (language, as-of date, known-at moment,
jurisdiction). Views, charts, briefings, exports and the command line's output sit on
it; the catalog, periods, store, ingest and engine never import it.
"""

from kpi.present import fmt, theme
from kpi.present.locale import Locale, ViewState, locale

__all__ = ["Locale", "ViewState", "fmt", "locale", "theme"]
