"""Command line: ``python -m kpi`` (or ``kpi``) drives the store and the engine."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

import pandas as pd

from kpi.catalog import CatalogError
from kpi.engine import STATUS_FIELDS, compute_status, status_records
from kpi.i18n import t
from kpi.ingest import ingest_bytes, ingest_file
from kpi.sample import SAMPLE_FILE_NAME, sample_csv
from kpi.store import Store, StoreError, current_user, resolve_db_path


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kpi", description="synbio-targets: attainment of targets")
    p.add_argument("--db", help="database file (default: env KPI_DB, else data/kpi.duckdb)")
    p.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of messages")
    sub = p.add_subparsers(dest="command", required=True)

    init = sub.add_parser("init", help="create or migrate the database, load the catalog")
    init.add_argument("--demo", action="store_true", help="load sample data if it has none")

    ingest = sub.add_parser("ingest", help="validate and commit a quarterly CSV/XLSX report")
    ingest.add_argument("file", type=Path)
    ingest.add_argument("--user", default=None, help="who uploads (default: login name)")

    status = sub.add_parser("status", help="attainment of every target")
    status.add_argument("--as-of", type=date.fromisoformat, default=None)
    status.add_argument("--jurisdiction", default=None)
    status.add_argument("--format", choices=["table", "json", "csv"], default="table")

    targets = sub.add_parser("targets", help="the target catalog")
    targets.add_argument("--format", choices=["table", "json"], default="table")

    batches = sub.add_parser("batches", help="upload batches and the audit log")
    batches.add_argument("--format", choices=["table", "json"], default="table")

    revert = sub.add_parser("revert", help="hide a batch from current values (deletes nothing)")
    revert.add_argument("batch_id", type=int)
    revert.add_argument("--user", default=None)
    return p


def _print_frame(frame: pd.DataFrame) -> None:
    with pd.option_context(
        "display.max_rows", None, "display.width", 200, "display.max_columns", None
    ):
        print(frame.to_string(index=False) if not frame.empty else "(none)")


def cmd_init(store: Store, args: argparse.Namespace) -> int:
    print(t("cli.initialised", args.lang, path=store.path))
    if not args.demo:
        return 0
    if not store.batches().empty:
        print(t("cli.demo_skipped", args.lang))
        return 0
    result = ingest_bytes(
        store, sample_csv(store.catalog(), date.today()), SAMPLE_FILE_NAME, "sample", is_sample=True
    )
    if result.commit is None:  # our own generator produced a bad file: a bug
        for problem in result.parsed.problems:
            print(problem.describe(args.lang), file=sys.stderr)
        return 1
    print(t("cli.demo_loaded", args.lang, batch=result.commit.batch_id))
    return 0


def cmd_ingest(store: Store, args: argparse.Namespace) -> int:
    if not args.file.is_file():
        print(t("cli.no_such_file", args.lang, path=args.file), file=sys.stderr)
        return 1
    result = ingest_file(store, args.file, args.user or current_user())
    if result.commit is None:
        print(t("cli.rejected", args.lang, count=len(result.parsed.problems)), file=sys.stderr)
        for problem in result.parsed.problems:
            print("  " + problem.describe(args.lang), file=sys.stderr)
        return 1
    key = "cli.duplicate" if result.commit.duplicate else "cli.committed"
    print(
        t(key, args.lang, batch=result.commit.batch_id, rows=len(result.parsed.rows)),
        file=sys.stderr,
    )
    print(result.commit.batch_id)
    return 0


def _jurisdiction_code(store: Store, given: str | None) -> str | None:
    """The catalog's code for ``given`` (any case), or None if it has no such code."""
    codes = {j.code.lower(): j.code for j in store.catalog().jurisdictions}
    return codes.get(given.strip().lower()) if given else None


def cmd_status(store: Store, args: argparse.Namespace) -> int:
    jurisdiction = _jurisdiction_code(store, args.jurisdiction)
    if args.jurisdiction and jurisdiction is None:
        print(t("cli.unknown_jurisdiction", args.lang, code=args.jurisdiction), file=sys.stderr)
        return 1
    frame = compute_status(store, args.as_of or date.today(), jurisdiction)
    if args.format == "json":
        print(json.dumps(status_records(frame), ensure_ascii=False, indent=2))
    elif args.format == "csv":
        print(frame[STATUS_FIELDS].to_csv(index=False), end="")
    else:
        shown = frame[
            [
                "target",
                "value",
                "threshold",
                "expected",
                "attainment",
                "pace",
                "status",
                "forecast",
                "p_meet",
                "reached_quarter",
            ]
        ]
        _print_frame(shown.round(3))
    return 0


def cmd_targets(store: Store, args: argparse.Namespace) -> int:
    frame = store.targets()
    if args.format == "json":
        out = frame.astype(object).where(frame.notna(), None)
        for col in ("start_date", "deadline"):
            out[col] = frame[col].astype(str)
        print(json.dumps(out.to_dict(orient="records"), ensure_ascii=False, indent=2))
    else:
        _print_frame(
            frame[["code", "comparator", "min", "max", "threshold", "kind", "deadline", "text_zh"]]
        )
    return 0


def cmd_batches(store: Store, args: argparse.Namespace) -> int:
    batches, audit = store.batches(), store.audit_log()
    if args.format == "json":
        payload = {
            "batches": json.loads(batches.to_json(orient="records", date_format="iso")),
            "audit": json.loads(audit.to_json(orient="records", date_format="iso")),
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    _print_frame(batches.drop(columns=["sha256"]))
    print()
    _print_frame(audit)
    return 0


def cmd_revert(store: Store, args: argparse.Namespace) -> int:
    store.revert_batch(args.batch_id, args.user or current_user())
    print(t("cli.reverted", args.lang, batch=args.batch_id))
    return 0


COMMANDS = {
    "init": cmd_init,
    "ingest": cmd_ingest,
    "status": cmd_status,
    "targets": cmd_targets,
    "batches": cmd_batches,
    "revert": cmd_revert,
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        store = Store.open(resolve_db_path(args.db))
    except (StoreError, CatalogError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    try:
        return COMMANDS[args.command](store, args)
    except (StoreError, CatalogError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    finally:
        store.close()


if __name__ == "__main__":
    sys.exit(main())
