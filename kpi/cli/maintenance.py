"""`kpi backup DIR`, `kpi restore DIR` and `kpi copy-store --to URL`.

A restore and a copy write a database, so they follow the identity rule of every
writing command (kpi.access.identity): ``--user`` names an admin account, else the command
runs as the operating-system user; either way the audit log of the database written
records who did it, in the same transaction as the data.
"""

from __future__ import annotations

import argparse
import functools
import os
from datetime import date
from pathlib import Path

import pandas as pd

from kpi.access import auth
from kpi.access.auth import User
from kpi.access.identity import acting_user
from kpi.i18n import t
from kpi.storage.backends import open_database
from kpi.storage.failures import StoreError
from kpi.storage.snapshot import (
    Snapshot,
    Then,
    backup,
    copy_database,
    read_backup,
    restore_snapshot,
    same_records,
)
from kpi.storage.store import Store

ADMIN_HELP = "an admin account doing this (default: the operating-system user)"


def add_parsers(sub: argparse._SubParsersAction) -> None:
    sub.add_parser("backup", help="snapshot every table to DIR (checksummed)").add_argument(
        "dir", type=Path
    )
    restore = sub.add_parser("restore", help="replace the database by the backup in DIR")
    restore.add_argument("dir", type=Path)
    restore.add_argument("--user", default=None, help=ADMIN_HELP + "; an account of the backup")
    copy = sub.add_parser("copy-store", help="copy everything to another (empty) database")
    copy.add_argument("--to", required=True, help="a postgresql:// URL or a DuckDB file")
    copy.add_argument("--user", default=None, help=ADMIN_HELP)


def _audited(user: str, action: str, detail: str) -> Then:
    """The audit entry of a restore or copy, written in its transaction."""
    return lambda session: Store._audit(session, user, action, detail)


def cmd_backup(store: Store, args: argparse.Namespace) -> int:
    manifest = backup(store._db, args.dir)
    rows = sum(entry["rows"] for entry in manifest["tables"].values())
    print(t("cli.backup_done", args.lang, dir=args.dir, tables=len(manifest["tables"]), rows=rows))
    return 0


def snapshot_accounts(snapshot: Snapshot) -> dict[str, User]:
    """The accounts a snapshot holds, by name."""
    users = snapshot.tables.get("users", pd.DataFrame(columns=["name", "role"]))
    places = snapshot.tables.get("user_jurisdictions", pd.DataFrame(columns=["user_name"]))
    return {
        name: User(name, role, frozenset(places.loc[places["user_name"] == name, "jurisdiction"]))
        for name, role in zip(users["name"], users["role"], strict=True)
    }


def cmd_restore(location: str | os.PathLike, args: argparse.Namespace) -> int:
    """Runs without opening the store first: the file may be the damaged one. A name
    given must be an admin of the backup, the accounts the database will have."""
    snapshot = read_backup(args.dir)  # refuses a damaged backup before touching anything
    actor, _ = acting_user(snapshot_accounts(snapshot).get, args.user, admin=True)
    restore_snapshot(location, snapshot, _audited(actor, "restore", str(args.dir)))
    rows = sum(snapshot.row_counts().values())
    print(t("cli.restore_done", args.lang, dir=args.dir, rows=rows))
    return 0


def cmd_copy_store(store: Store, args: argparse.Namespace) -> int:
    """Copy, check row counts, then check that both give the same status of every target."""
    from kpi.assess.verdicts import compute_status
    from kpi.domain.rules import status_records

    accounts = functools.partial(auth.load_user, store)
    actor, _ = acting_user(accounts, args.user, admin=True)
    then = _audited(actor, "copy_store", store.location)  # detail: the source
    snapshot = copy_database(store._db, open_database(args.to), then)
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
