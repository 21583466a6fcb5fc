"""``kpi catalog draft FILE``: print the drafted items as JSON or a TOML block."""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import replace
from pathlib import Path

from kpi.domain.catalog import Catalog
from kpi.drafting.catalog_block import (
    catalog_block,
    draft_records,
    draft_rows,
    plan_header,
    text_sha256,
)
from kpi.drafting.document import DocumentError, read_document, write_atomically
from kpi.drafting.items import draft_text
from kpi.drafting.measure_items import measure_entries
from kpi.i18n import t
from kpi.present.locale import locale


def run(catalog: Catalog, args: argparse.Namespace) -> int:
    path: Path = args.file
    try:
        text = read_document(path.read_bytes(), path.name)
    except DocumentError as exc:
        print(locale(args.lang).error(exc), file=sys.stderr)
        return 1
    draft = draft_text(text, catalog.metrics)
    out: Path | None = args.text_out
    if out is not None:
        if not out.parent.is_dir():
            print(t("cli.no_out_dir", args.lang, path=out.parent), file=sys.stderr)
            return 1
        write_atomically(out, draft.text)
    source = out.name if out is not None else path.with_suffix(".txt").name
    header = plan_header(draft, catalog, args.plan, args.jurisdiction, source)
    if args.format == "json":
        records = draft_records(draft, args.jurisdiction or "", catalog, header.code)
        print(json.dumps(records, ensure_ascii=False, indent=2))
        return 0
    header = replace(header, reporting_agency=args.agency, reporting_agency_en=args.agency_en)
    if out is not None:
        header = replace(header, source_sha256=text_sha256(draft.text))
    elif path.suffix.lower() == ".txt":
        header = replace(header, source_sha256=hashlib.sha256(path.read_bytes()).hexdigest())
    measures = measure_entries(draft, header.code)
    block = catalog_block(draft_rows(draft), header, catalog, draft.support, draft.tasks, measures)
    print(block, end="")
    summary = t(
        "draft.cli_summary", args.lang, targets=len(draft.items), support=len(draft.support)
    )
    units = len({u for task in draft.tasks for u in task.units})
    print(summary, file=sys.stderr)
    print(t("draft.cli_tasks", args.lang, tasks=len(draft.tasks), units=units), file=sys.stderr)
    return 0
