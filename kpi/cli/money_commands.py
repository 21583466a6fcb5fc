"""``kpi measures`` and ``kpi grants``: the support measures with the money granted
under them, and the grants in force, as a table, JSON or CSV.

The command runs as its operating-system user (every right, as other commands), or as
the account ``--user`` names: then beneficiaries' names and credit codes are shown only
where that account has the finance right (kpi.access.auth.may_see_beneficiaries).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from typing import Any

import pandas as pd

from kpi.access import auth
from kpi.access.identity import Refusal, operator
from kpi.assess.money import grants_with_plan, measure_totals
from kpi.domain.catalog import Catalog
from kpi.domain.rules import known_moment
from kpi.present.export import neutralise
from kpi.present.locale import locale
from kpi.storage import grant_rows
from kpi.storage.store import Store

#: The fields of a ``kpi measures`` item, as CSV columns.
MEASURE_FIELDS = [
    "measure",
    "plan",
    "jurisdiction",
    "task",
    "text_zh",
    "text_en",
    "units",
    "cap_yuan",
    "rate",
    "rate_base_zh",
    "rate_base_en",
    "cap_per_year_yuan",
    "per_year",
    "valid_from",
    "valid_to",
    "targets",
    "grants",
    "beneficiaries",
    "granted_yuan",
    "paid_yuan",
]
#: The fields of a ``kpi grants`` item.
GRANT_FIELDS = ["measure", "plan", *grant_rows.GRANT_COLUMNS[1:]]
#: Withheld from an account without the finance right on the grant's plan.
CONFIDENTIAL = ("beneficiary", "credit_code", "project", "approval_doc", "exception")


def add_parsers(sub: argparse._SubParsersAction, known_at: Any) -> None:
    """The two commands' options."""
    measures = sub.add_parser("measures", help="support measures and the money granted")
    measures.add_argument("--plan", default=None, help="plan code, e.g. BDA-2025")
    measures.add_argument("--known-at", type=known_at, default=None, help="as known then")
    measures.add_argument("--format", choices=["table", "json", "csv"], default="table")
    grants = sub.add_parser("grants", help="the grants in force under the support measures")
    grants.add_argument("--measure", default=None, help="measure code, e.g. BDA-2025:M5")
    grants.add_argument("--known-at", type=known_at, default=None, help="as known then")
    grants.add_argument("--user", default=None, help="show as this account would see")
    grants.add_argument("--format", choices=["table", "json", "csv"], default="table")


def _plain(value: Any) -> Any:
    """A JSON value: dates as ISO text, NaN as null, numpy numbers as Python's."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value.item() if hasattr(value, "item") else value


def measure_records(catalog: Catalog, grants: pd.DataFrame, plan: str | None) -> list[dict]:
    """The items of ``kpi measures``: each measure's rule, words and totals."""
    totals = measure_totals(catalog, grants)
    out = []
    for row in totals.to_dict("records"):
        if plan and row["plan"] != plan:
            continue
        m = catalog.measure(row["measure"])
        item = {
            **row,
            "text_zh": m.text_zh,
            "text_en": m.text_en,
            "units": list(catalog.measure_units(m)),
            "rate_base_zh": m.rate_base_zh,
            "rate_base_en": m.rate_base_en,
            "targets": list(m.targets),
        }
        out.append({k: _plain(item[k]) for k in MEASURE_FIELDS})
    return out


def run_measures(store: Store, args: argparse.Namespace) -> int:
    catalog = store.catalog()
    loc = locale(args.lang)
    if args.plan and args.plan not in {p.code for p in catalog.plans}:
        known = ", ".join(p.code for p in catalog.plans)
        print(loc.t("cli.unknown_plan", plan=args.plan, known=known), file=sys.stderr)
        return 1
    items = measure_records(catalog, store.grants(known_moment(args.known_at)), args.plan)
    if args.format == "json":
        print(json.dumps(items, ensure_ascii=False, indent=2))
        return 0
    flat = pd.DataFrame(items, columns=MEASURE_FIELDS)
    for column in ("units", "targets"):
        flat[column] = flat[column].map(",".join)
    if args.format == "csv":
        print(neutralise(flat).to_csv(index=False), end="")
        return 0
    shown = flat[
        [
            "measure",
            "cap_yuan",
            "rate",
            "cap_per_year_yuan",
            "grants",
            "granted_yuan",
            "paid_yuan",
            "valid_to",
        ]
    ]
    _print(loc.headed(shown.astype(object).where(shown.notna(), "")))
    return 0


def grant_records(
    catalog: Catalog, grants: pd.DataFrame, user: auth.User, measure: str | None
) -> list[dict]:
    """The items of ``kpi grants``, the confidential fields withheld (None) where the
    user lacks the finance right on the grant's plan."""
    frame = grants_with_plan(catalog, grants)
    if measure:
        frame = frame[frame["measure"] == measure]
    out = []
    for row in frame.to_dict("records"):
        if not auth.may_see_beneficiaries(user, str(row["jurisdiction"])):
            row.update(dict.fromkeys(CONFIDENTIAL))
        out.append({k: _plain(row[k]) for k in GRANT_FIELDS})
    return out


def run_grants(store: Store, args: argparse.Namespace) -> int:
    catalog = store.catalog()
    loc = locale(args.lang)
    if args.measure and args.measure not in {m.code for m in catalog.measures}:
        known = ", ".join(m.code for m in catalog.measures)
        print(loc.t("cli.unknown_measure", measure=args.measure, known=known), file=sys.stderr)
        return 1
    user = _viewer(store, args.user)
    moment: datetime | None = known_moment(args.known_at)
    items = grant_records(catalog, store.grants(moment), user, args.measure)
    if args.format == "json":
        print(json.dumps(items, ensure_ascii=False, indent=2))
        return 0
    flat = pd.DataFrame(items, columns=GRANT_FIELDS)
    if args.format == "csv":
        print(neutralise(flat).to_csv(index=False), end="")
        return 0
    shown = flat[
        [
            "measure",
            "beneficiary",
            "credit_code",
            "project",
            "approved_yuan",
            "paid_yuan",
            "approved_on",
        ]
    ]
    _print(loc.headed(shown.astype(object).where(shown.notna(), "")))
    return 0


def _viewer(store: Store, name: str | None) -> auth.User:
    """Whose view: the account named (it must exist), else the operating-system user."""
    if name is None:
        return operator()
    user = auth.load_user(store, name.strip())
    if user is None:
        raise Refusal("cli.unknown_account", name=name)
    return user


def _print(frame: pd.DataFrame) -> None:
    with pd.option_context(
        "display.max_rows", None, "display.width", 200, "display.max_columns", None
    ):
        print(frame.to_string(index=False) if not frame.empty else "(none)")
