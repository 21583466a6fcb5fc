"""Every cached read the pages make, in one flat module, keyed on the data version.

A read is written once as ``def name(store, *args)``; :func:`_on_data` caches it per
database, data version and arguments, and the pages call ``cache.name(*args)``. An
upload, revert or catalog change bumps the data version, so it shows at once, and a
click that changes no data recomputes nothing. Reads of a view take the page's one
:class:`~kpi.present.locale.ViewState` and key on it; those whose result has no words
key on it in one language, so switching language recomputes none of them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any, TypeVar

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

from kpi.assess.task_ledger import store_ledger
from kpi.assess.verdicts import compute_status, status_history
from kpi.domain.catalog import Catalog
from kpi.domain.rules import known_moment
from kpi.ingest.workflow import store_completeness, target_audit
from kpi.present import charts, render, views
from kpi.present.documents import build_briefing, render_pdf, render_pngs
from kpi.present.locale import ViewState, locale
from kpi.present.support_tables import grants_as_of
from kpi.storage.store import Store, resolve_db_path

_T = TypeVar("_T")


@st.cache_resource
def get_store(db_path: str) -> Store:
    return Store.open(db_path)


def store() -> Store:
    return get_store(str(resolve_db_path()))


_VERSION_KEY = "_data_version_of_this_run"


def begin_run() -> None:
    """Read the data version once per script run (app.py calls this first).

    Each read opens the database, and a page asks for the version in every cached
    read; pages that write (commit, revert, catalog) rerun, which reads it anew.
    """
    st.session_state[_VERSION_KEY] = store().data_version()


def data_version() -> int:
    """The data version read at the start of this run: the key of every data cache."""
    version = st.session_state.get(_VERSION_KEY)
    return version if version is not None else store().data_version()


def _on_data(max_entries: int) -> Callable[[Callable[..., _T]], Callable[..., _T]]:
    """Cache ``read(store, *args)`` on (database, data version, *args)."""

    def decorate(read: Callable[..., _T]) -> Callable[..., _T]:
        def cached(db_path: str, version: int, *args: Any) -> _T:
            return read(get_store(db_path), *args)

        cached.__name__ = cached.__qualname__ = read.__name__  # one cache per read
        cached_read = st.cache_data(max_entries=max_entries, show_spinner=False)(cached)

        @functools.wraps(read)
        def on_current_data(*args: Any) -> _T:
            return cached_read(str(store().path), data_version(), *args)

        return on_current_data

    return decorate


@st.cache_resource(max_entries=4)
def _catalog(db_path: str, version: int) -> Catalog:
    # A resource, not data: the catalog is frozen, and unpickling a national one
    # (25,000 targets) on every call cost most of a second per page run.
    return get_store(db_path).catalog()


def catalog() -> Catalog:
    return _catalog(str(store().path), data_version())


@_on_data(4)
def has_sample_data(store: Store) -> bool:
    return store.has_sample_data()


#: The language a view without words is keyed in (any one would do).
_WORDLESS = locale()


def _without_words(view: ViewState) -> ViewState:
    """``view`` in one fixed language: the key of a read whose result has no words."""
    return replace(view, locale=_WORDLESS)


def status(view: ViewState) -> pd.DataFrame:
    """Status of every target in view, as known on its ``known_at`` (None: as stored now)."""
    return _status(_without_words(view))


@_on_data(64)
def _status(store: Store, view: ViewState) -> pd.DataFrame:
    return compute_status(store, view.as_of, view.jurisdiction, view.known_at)


def ranking(view: ViewState) -> pd.DataFrame:
    """Every jurisdiction's status counts, worst first (see views.jurisdiction_ranking),
    whatever jurisdiction the view shows."""
    return _ranking(replace(view, jurisdiction=None))


@_on_data(64)
def _ranking(store: Store, view: ViewState) -> pd.DataFrame:
    return views.jurisdiction_ranking(status(view), catalog(), view.locale)


def history(view: ViewState) -> pd.DataFrame:
    """Status at every quarter end up to the as-of date: the charts' trajectories."""
    return _history(_without_words(view))


@_on_data(32)
def _history(store: Store, view: ViewState) -> pd.DataFrame:
    return status_history(store, view.as_of, view.jurisdiction, view.known_at)


@_on_data(16)
def _plan_chart_specs(store: Store, view: ViewState) -> dict[str, list[dict]]:
    figures = charts.plan_panel_figures(status(view), history(view), catalog(), view.locale)
    return {plan: [fig.to_dict() for fig in figs] for plan, figs in figures.items()}


def plan_charts(view: ViewState) -> dict[str, list[go.Figure]]:
    """Per plan in view, its targets' trajectories as a few small-multiple figures,
    built once per data version (a handful of figures, not two per target: each figure
    costs Streamlit a copy and the browser a plot). The cache keeps the validated specs;
    the figures are rebuilt from them without validating again (plotly's ``_validate``)."""
    specs = _plan_chart_specs(view)
    return {
        plan: [go.Figure(spec, _validate=False) for spec in figs] for plan, figs in specs.items()
    }


@_on_data(64)
def observations(store: Store, jurisdiction: str, metric: str) -> pd.DataFrame:
    """Every version of every quarter of one series, with its batch."""
    return store.observation_history(jurisdiction, metric)


@_on_data(64)
def audit_trail(store: Store, target_code: str) -> pd.DataFrame:
    """Commits, reverts and catalog changes behind one target, newest first."""
    return target_audit(store, target_code)


@_on_data(16)
def completeness(store: Store, day: date, jurisdiction: str | None) -> pd.DataFrame:
    """Reporting completeness of every targeted series (or one jurisdiction's) on ``day``."""
    return store_completeness(store, day, jurisdiction)


@_on_data(16)
def batch_history(store: Store) -> pd.DataFrame:
    return store.batch_history()


@_on_data(128)
def _figure_png(store: Store, figure_json: str, width: int, height: int) -> bytes:
    return render.figure_to_png(pio.from_json(figure_json), width, height)


def figure_png(fig: go.Figure, width: int = 1200, height: int | None = None) -> bytes:
    """PNG bytes of ``fig``, cached on the data version and the figure itself."""
    return _figure_png(fig.to_json(), width, int(height or fig.layout.height or 600))


@_on_data(64)
def _stacked_png(store: Store, jsons: tuple[str, ...], width: int) -> bytes:
    figs = [pio.from_json(j) for j in jsons]
    return render.stacked_png(figs, width, [int(f.layout.height or 400) for f in figs])


def stacked_png(figs: list[go.Figure], width: int = 1200) -> bytes:
    """One PNG of ``figs`` one below the other (a card of charts)."""
    return _stacked_png(tuple(f.to_json() for f in figs), width)


@_on_data(8)
def evaluation_report(store: Store, view: ViewState, kind: str, prepared_by: str) -> bytes:
    """The evaluation report of ``view`` as .docx or .pdf bytes (made when downloaded)."""
    from kpi.present.documents.evaluation import build_report, report_docx, report_pdf

    report = build_report(store, view, prepared_by=prepared_by)
    return report_docx(report) if kind == "docx" else report_pdf(report)


@_on_data(16)
def briefing_files(
    store: Store, view: ViewState, width: int, fmt: str, prepared_by: str
) -> tuple[list[bytes], bytes | None]:
    """PNG of every page, and the PDF of slides and A4 pages (None for a poster), of the
    briefing of ``view``: an upload makes a new briefing, a repeated request does not."""
    briefing = build_briefing(store, view, width, fmt=fmt, prepared_by=prepared_by)
    return render_pngs(briefing), (render_pdf(briefing) if fmt != "poster" else None)


def task_ledger(view: ViewState) -> pd.DataFrame:
    """The task ledger in view (its jurisdiction's tasks, or all), as known on its
    ``known_at``: every task's status at the last closed quarter and latest report."""
    return _task_ledger(_without_words(view))


@_on_data(32)
def _task_ledger(store: Store, view: ViewState) -> pd.DataFrame:
    return store_ledger(
        store, view.as_of, known_moment(view.known_at), jurisdiction=view.jurisdiction
    )


def grants(view: ViewState) -> pd.DataFrame:
    """The grants in force as known on the view's ``known_at``, approved by its as-of
    date (every jurisdiction's: pages pick their measures)."""
    return _grants(_without_words(view))


@_on_data(16)
def _grants(store: Store, view: ViewState) -> pd.DataFrame:
    return grants_as_of(store.grants(known_moment(view.known_at)), view.as_of)


@_on_data(8)
def task_reports(store: Store) -> pd.DataFrame:
    """The task reports in force now (for templates and previews)."""
    return store.task_reports()
