"""`kpi backup DIR`, `kpi restore DIR` and `kpi copy-store --to URL`."""

from __future__ import annotations

import argparse
import os
from datetime import date
from pathlib import Path

from kpi.i18n import t
from kpi.storage.backends import open_database
from kpi.storage.errors import StoreError
from kpi.storage.snapshot import backup, copy_database, restore, same_records
from kpi.store import Store


def add_parsers(sub: argparse._SubParsersAction) -> None:
    sub.add_parser("backup", help="snapshot every table to DIR (checksummed)").add_argument(
        "dir", type=Path
    )
    sub.add_parser("restore", help="replace the database by the backup in DIR").add_argument(
        "dir", type=Path
    )
    copy = sub.add_parser("copy-store", help="copy everything to another (empty) database")
    copy.add_argument("--to", required=True, help="a postgresql:// URL or a DuckDB file")


def cmd_backup(store: Store, args: argparse.Namespace) -> int:
    manifest = backup(store._db, args.dir)
    rows = sum(entry["rows"] for entry in manifest["tables"].values())
    print(t("cli.backup_done", args.lang, dir=args.dir, tables=len(manifest["tables"]), rows=rows))
    return 0


def cmd_restore(location: str | os.PathLike, args: argparse.Namespace) -> int:
    """Runs without opening the store first: the file may be the damaged one."""
    snapshot = restore(location, args.dir)
    rows = sum(snapshot.row_counts().values())
    print(t("cli.restore_done", args.lang, dir=args.dir, rows=rows))
    return 0


def cmd_copy_store(store: Store, args: argparse.Namespace) -> int:
    """Copy, check row counts, then check that both give the same status of every target."""
    from kpi.engine import compute_status, status_records

    snapshot = copy_database(store._db, open_database(args.to))
    target = Store.open(args.to)
    today = date.today()
    here = status_records(compute_status(store, today))
    if not same_records(here, status_records(compute_status(target, today))):
        raise StoreError("copy.status_differs", target=target.location)
    rows = sum(snapshot.row_counts().values())
    print(t("cli.copy_done", args.lang, target=target.location, rows=rows, targets=len(here)))
    return 0


COMMANDS = {"backup": cmd_backup, "copy-store": cmd_copy_store}
WITHOUT_STORE = {"restore": cmd_restore}  # the file to restore may not open at all
