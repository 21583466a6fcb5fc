"""``kpi tasks``: the task ledger as a table, JSON or CSV."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

import pandas as pd

from kpi.assess.task_ledger import attention_order, store_ledger
from kpi.domain.rules import known_moment
from kpi.present.export import neutralise
from kpi.present.locale import locale
from kpi.present.task_tables import records, status_word
from kpi.storage.store import Store


def run(store: Store, args: argparse.Namespace) -> int:
    catalog = store.catalog()
    loc = locale(args.lang)
    unit = catalog.unit_scope(args.unit)
    if args.plan and args.plan not in {p.code for p in catalog.plans}:
        known = ", ".join(p.code for p in catalog.plans)
        print(loc.t("cli.unknown_plan", plan=args.plan, known=known), file=sys.stderr)
        return 1
    frame = store_ledger(
        store,
        args.as_of or date.today(),
        known_moment(args.known_at),
        plan=args.plan,
        unit=unit.code if unit else None,
    )
    items = records(frame, catalog)
    if args.format == "json":
        print(json.dumps(items, ensure_ascii=False, indent=2))
        return 0
    flat = pd.DataFrame(items, columns=records_columns())
    flat["units"] = flat["units"].map("、".join)
    flat["unit_codes"] = flat["unit_codes"].map(",".join)
    flat["targets"] = flat["targets"].map(",".join)
    if args.format == "csv":
        print(neutralise(flat).to_csv(index=False), end="")
        return 0
    shown = attention_order(frame)
    table = pd.DataFrame(
        {
            "task": shown["task"],
            "status": [status_word(loc, s) for s in shown["status"]],
            "period": shown["period"].fillna(""),
            "lead": [catalog.unit(c).name_zh if c else "" for c in shown["lead"]],
            "title": shown["title_en" if args.lang == "en" else "title_zh"],
        }
    )
    with pd.option_context("display.max_rows", None, "display.width", 200):
        print(loc.headed(table).to_string(index=False) if not table.empty else "(none)")
    return 0


def records_columns() -> list[str]:
    """The fields of a JSON item, as CSV columns."""
    return [
        "task",
        "plan",
        "jurisdiction",
        "kind",
        "number",
        "section",
        "title_zh",
        "title_en",
        "text_zh",
        "text_en",
        "units",
        "unit_codes",
        "targets",
        "deadline",
        "due_quarter",
        "status",
        "period",
        "progress",
        "next_steps",
        "evidence",
        "reported_by",
    ]
