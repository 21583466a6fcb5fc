"""What a briefing shows: the status and trajectories of the jurisdictions in view and
the batches behind their figures, read once from the store for one view."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd

from kpi.assess.task_ledger import store_ledger
from kpi.assess.verdicts import compute_status, status_history
from kpi.domain.catalog import Catalog, UnknownJurisdiction
from kpi.domain.errors import UserError
from kpi.domain.rules import known_moment
from kpi.present.locale import Locale, ViewState
from kpi.present.support_tables import grants_as_of
from kpi.storage.store import Store


class BriefingError(UserError, ValueError):
    """The briefing cannot be made as asked (e.g. unknown jurisdiction)."""


@dataclass(frozen=True)
class BriefingData:
    view: ViewState  # language, as-of date, known-at; its jurisdiction as asked
    catalog: Catalog
    code: str | None  # the jurisdiction asked for; None for all
    codes: list[str]  # jurisdictions shown, in catalog order
    status: pd.DataFrame
    history: pd.DataFrame
    batches: pd.DataFrame  # live batches whose values the briefing uses
    xmax: float  # right end of the percentage axis shared by every bullet chart
    n_uploaded: int = 0  # batches committed (by known_at), used or not
    #: The task ledger of the jurisdictions in view (kpi.assess.task_ledger.ledger)
    tasks: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: The grants in force (as known at known_at) approved by the as-of date; briefings
    #: and reports show their totals only, never a beneficiary
    grants: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def loc(self) -> Locale:
        return self.view.locale

    @property
    def as_of(self) -> date:
        return self.view.as_of

    @property
    def known_at(self) -> date | datetime | None:
        return self.view.known_at

    def rows(self, code: str) -> pd.DataFrame:
        """The status rows of jurisdiction ``code``, in the catalog's target order."""
        order = {tgt.code: i for i, tgt in enumerate(self.catalog.targets)}
        rows = self.status[self.status["jurisdiction"] == code]
        return rows.sort_values("target", key=lambda s: s.map(order))

    def task_rows(self, code: str) -> pd.DataFrame:
        """The ledger rows of jurisdiction ``code`` (none when the ledger is empty)."""
        if self.tasks.empty:
            return self.tasks
        return self.tasks[self.tasks["jurisdiction"] == code]


def common_xmax(status: pd.DataFrame) -> float:
    """One percentage axis for the whole briefing: 125 %, or further (up to 200 %) when a
    value or a range maximum lies beyond, so sections can be compared by eye."""
    threshold = status["threshold"].astype(float)
    ratios = (status["value"].astype(float) / threshold).dropna()
    maxes = (status["max"].astype(float) / threshold).dropna()
    return min(max([1.25, *(maxes * 1.08), *(ratios * 1.05)]), 2.0)


def load(store: Store, view: ViewState) -> BriefingData:
    """The briefing's data for ``view``; its jurisdiction a code, "all" or None (any case).

    Raises:
        BriefingError: the jurisdiction is not in the catalog.
    """
    catalog = store.catalog()
    known = [j.code for j in catalog.jurisdictions]
    try:
        code = catalog.jurisdiction_scope(view.jurisdiction)
    except UnknownJurisdiction as exc:
        raise BriefingError(
            "briefing.unknown_jurisdiction", code=exc.given, known=", ".join([*known, "all"])
        ) from exc
    status = compute_status(store, view.as_of, code, view.known_at)
    codes = [c for c in known if c in set(status["jurisdiction"])]
    moment = known_moment(view.known_at)
    obs = store.current_observations(code, moment)
    obs = obs[pd.to_datetime(obs["quarter_end"]) <= pd.Timestamp(view.as_of)]
    batches = store.live_batches(moment)  # as known then
    used = batches[batches["id"].isin(obs["batch_id"])]
    history = status_history(store, view.as_of, code, view.known_at)
    xmax = common_xmax(status)
    tasks = store_ledger(store, view.as_of, moment, jurisdiction=code)
    grants = grants_as_of(store.grants(moment), view.as_of)
    return BriefingData(
        view, catalog, code, codes, status, history, used, xmax, len(batches), tasks, grants
    )
