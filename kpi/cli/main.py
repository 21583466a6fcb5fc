"""Command line: ``python -m kpi`` (or ``kpi``) drives the store and the engine."""

from __future__ import annotations

import argparse
import functools
import getpass
import json
import os
import sys
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from kpi.access import auth
from kpi.access.auth import ROLES, AuthError
from kpi.access.identity import acting_user, operator
from kpi.assess.verdicts import compute_status
from kpi.cli import maintenance as storage_commands
from kpi.cli import money_commands
from kpi.domain.catalog import MAX_CATALOG_BYTES, decode_catalog
from kpi.domain.errors import UserError
from kpi.domain.rules import STATUS_FIELDS, status_records
from kpi.i18n import t
from kpi.present.export import neutralise
from kpi.present.locale import locale
from kpi.present.plans import plan_records, plans_table
from kpi.present.theme import BRIEFING_FORMATS
from kpi.storage.store import Store, current_user, resolve_db_path


def _known_at(text: str) -> date | datetime:
    """YYYY-MM-DD (a day) or YYYY-MM-DDTHH:MM[:SS] (a moment, local time)."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date or date-time: {text!r}") from None
    has_time = "T" in text or " " in text.strip()
    return moment if has_time else moment.date()


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kpi", description="synbio-targets: attainment of targets")
    p.add_argument(
        "--db", help="DuckDB file or postgresql:// URL (default: env KPI_DB, else data/kpi.duckdb)"
    )
    p.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of messages")
    sub = p.add_subparsers(dest="command", required=True)

    init = sub.add_parser("init", help="create or migrate the database, load the catalog")
    init.add_argument("--demo", action="store_true", help="load sample data if it has none")

    ingest = sub.add_parser("ingest", help="validate and commit a quarterly CSV/XLSX report")
    ingest.add_argument("file", type=Path)
    ingest.add_argument(
        "--user", default=None, help="an account that may upload (default: the login name)"
    )
    ingest.add_argument(
        "--accept-warnings",
        action="store_true",
        help="commit even values that differ tenfold from the data so far (checked)",
    )

    tasks = sub.add_parser("tasks", help="the task ledger: each task's status and latest report")
    tasks.add_argument("--plan", default=None, help="plan code, e.g. BJ-2024")
    tasks.add_argument("--unit", default=None, help="a responsible unit (code or name)")
    tasks.add_argument("--as-of", type=date.fromisoformat, default=None)
    tasks.add_argument("--known-at", type=_known_at, default=None, help="as known at this moment")
    tasks.add_argument("--format", choices=["table", "json", "csv"], default="table")

    status = sub.add_parser("status", help="attainment of every target")
    status.add_argument("--as-of", type=date.fromisoformat, default=None)
    status.add_argument(
        "--known-at",
        type=_known_at,
        default=None,
        help="count only batches committed and reverts made by then: YYYY-MM-DD (end of "
        "that day) or YYYY-MM-DDTHH:MM:SS, local time as `kpi batches` prints it",
    )
    status.add_argument("--jurisdiction", default=None)
    status.add_argument("--format", choices=["table", "json", "csv"], default="table")

    targets = sub.add_parser("targets", help="the target catalog")
    targets.add_argument("--format", choices=["table", "json"], default="table")

    plans = sub.add_parser("plans", help="the plans at their four levels (national to district)")
    plans.add_argument("--format", choices=["table", "json"], default="table")
    batches = sub.add_parser("batches", help="upload batches and the audit log")
    batches.add_argument("--format", choices=["table", "json"], default="table")

    revert = sub.add_parser("revert", help="hide a batch from current values (deletes nothing)")
    revert.add_argument("batch_id", type=int)
    revert.add_argument("--user", default=None)

    user = sub.add_parser("user", help="local accounts: add, list, remove, passwd")
    user_sub = user.add_subparsers(dest="user_command", required=True)
    add = user_sub.add_parser("add", help="create an account (password asked, never an argument)")
    add.add_argument("name")
    add.add_argument("--role", choices=ROLES, required=True)
    add.add_argument(
        "--jurisdiction", action="append", default=[], help="assigned jurisdiction (repeatable)"
    )
    add.add_argument(
        "--unit",
        action="append",
        default=[],
        help="responsible unit (code or name) an editor reports tasks for (repeatable)",
    )
    add.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    add.add_argument("--by", default=None, help="who makes the change (default: login name)")
    user_sub.add_parser("list", help="accounts, roles and jurisdictions")
    remove = user_sub.add_parser("remove", help="delete an account")
    remove.add_argument("name")
    remove.add_argument("--by", default=None)
    passwd = user_sub.add_parser("passwd", help="set a new password")
    passwd.add_argument("name")
    passwd.add_argument("--password-stdin", action="store_true")
    passwd.add_argument("--by", default=None)

    catalog = sub.add_parser("catalog", help="the target catalog in the database")
    catalog_sub = catalog.add_subparsers(dest="catalog_command", required=True)
    load = catalog_sub.add_parser("load", help="validate and install a catalog TOML file")
    load.add_argument("file", type=Path)
    load.add_argument("--user", default=None)
    draft = catalog_sub.add_parser(
        "draft", help="draft targets from a policy text (.txt, .docx, .pdf) for review"
    )
    draft.add_argument("file", type=Path)
    draft.add_argument("--plan", default=None, help="plan code (default: JURISDICTION-YEAR)")
    draft.add_argument("--jurisdiction", default=None, help="jurisdiction code")
    draft.add_argument("--agency", default="", help="the plan's reporting agency (Chinese)")
    draft.add_argument("--agency-en", default="", help="the reporting agency in English")
    draft.add_argument("--format", choices=["json", "toml"], default="json")
    draft.add_argument(
        "--text-out", type=Path, default=None, help="also write the text drafted from (UTF-8)"
    )
    briefing = sub.add_parser("briefing", help="a briefing: poster PNG, slides or A4 PDF")
    briefing.add_argument("--jurisdiction", required=True, help="BJ, SH, BDA ... or all")
    briefing.add_argument("--as-of", type=date.fromisoformat, default=None)
    briefing.add_argument("--known-at", type=_known_at, default=None, help="as for status")
    # SUPPRESS: keep the top-level --lang unless given here too
    briefing.add_argument("--lang", choices=["zh", "en"], default=argparse.SUPPRESS)
    briefing.add_argument(
        "--out",
        type=Path,
        required=True,
        help="poster: .png; slides: .pdf (one file) or .png (NAME-01.png ...); a4: .pdf",
    )
    briefing.add_argument("--width", type=int, default=None, help="poster pixels (1400)")
    briefing.add_argument("--format", choices=BRIEFING_FORMATS, default=BRIEFING_FORMATS[0])
    briefing.add_argument("--prepared-by", default=None, help="preparer (default: login name)")
    report = sub.add_parser("report", help="the evaluation report: Word (.docx) or PDF")
    scope = report.add_mutually_exclusive_group()
    scope.add_argument("--plan", default=None, help="one plan's report (a plan code)")
    scope.add_argument("--jurisdiction", default=None, help="BJ, SH, BDA ... or all (default)")
    report.add_argument("--as-of", type=date.fromisoformat, default=None)
    report.add_argument("--known-at", type=_known_at, default=None, help="as for status")
    report.add_argument("--lang", choices=["zh", "en"], default=argparse.SUPPRESS)
    report.add_argument("--format", choices=["docx", "pdf"], default="docx")
    report.add_argument("--out", type=Path, required=True, help=".docx or .pdf, as --format")
    report.add_argument("--prepared-by", default=None, help="preparer (default: login name)")
    storage_commands.add_parsers(sub)
    money_commands.add_parsers(sub, _known_at)
    return p


def _print_frame(frame: pd.DataFrame) -> None:
    with pd.option_context(
        "display.max_rows", None, "display.width", 200, "display.max_columns", None
    ):
        print(frame.to_string(index=False) if not frame.empty else "(none)")


#: What opening the store did about the catalog file (Store.catalog_notice), in words.
_CATALOG_NOTICES = {
    "installed": "cli.catalog_file_installed",
    "differs": "cli.catalog_file_differs",
}


def cmd_init(store: Store, args: argparse.Namespace) -> int:
    print(t("cli.initialised", args.lang, path=store.path))
    notice = store.catalog_notice
    if notice is not None:
        key = _CATALOG_NOTICES[notice.action]
        print(t(key, args.lang, path=notice.path, version=notice.version, by=notice.by))
    if not args.demo:
        return 0
    if not store.batches().empty:
        print(t("cli.demo_skipped", args.lang))
        return 0
    # The ingest modules are imported by the commands that ingest: `kpi status` starts
    # without them.
    from kpi.ingest import workflow as uploads
    from kpi.ingest.sample import SAMPLE_FILE_NAME, sample_csv

    result = uploads.ingest_bytes(
        store, sample_csv(store.catalog(), date.today()), SAMPLE_FILE_NAME, "sample", is_sample=True
    )
    if not result.committed:  # our own generator produced a bad file: a bug
        for problem in result.problems:
            print(locale(args.lang).describe(problem), file=sys.stderr)
        return 1
    print(t("cli.demo_loaded", args.lang, batch=result.batch_id))
    return 0


def _actor(store: Store, given: str | None, *, admin: bool) -> tuple[str, auth.User | None]:
    """Who a writing command runs as (kpi.access.identity): a named account with the rights
    it needs, else the operating-system user."""
    return acting_user(functools.partial(auth.load_user, store), given, admin=admin)


def cmd_ingest(store: Store, args: argparse.Namespace) -> int:
    """The Upload page's check and commit (kpi.ingest.workflow), its answers on stderr."""
    loc = locale(args.lang)
    if not args.file.is_file():
        print(loc.t("cli.no_such_file", path=args.file), file=sys.stderr)
        return 1
    user = _actor(store, args.user, admin=False)[1] or operator()
    from kpi.ingest import workflow as uploads

    check = uploads.check_file(store, args.file, user)
    if not check.ok:
        print(loc.t("outcome.rejected", count=len(check.errors)), file=sys.stderr)
        for problem in check.errors:
            print("  " + loc.describe(problem), file=sys.stderr)
        return 1
    if check.warnings and not args.accept_warnings:
        print(loc.t("cli.warnings", count=len(check.warnings)), file=sys.stderr)
        for warning in check.warnings:
            print("  " + loc.describe(warning), file=sys.stderr)
        return 1
    outcome = uploads.commit_upload(store, check, user, accept_warnings=args.accept_warnings)
    done = outcome.value
    if done is None:
        for problem in outcome.errors:
            print(loc.problem(problem), file=sys.stderr)
        return 1
    key = "outcome.duplicate" if done.duplicate else "outcome.committed"
    print(loc.t(key, batch=done.batch_id, rows=len(done.rows)), file=sys.stderr)
    print(done.batch_id)
    return 0


def cmd_status(store: Store, args: argparse.Namespace) -> int:
    jurisdiction = store.catalog().jurisdiction_scope(args.jurisdiction)
    frame = compute_status(store, args.as_of or date.today(), jurisdiction, args.known_at)
    if args.format == "json":
        print(json.dumps(status_records(frame), ensure_ascii=False, indent=2))
    elif args.format == "csv":
        print(neutralise(frame[STATUS_FIELDS]).to_csv(index=False), end="")
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


def cmd_tasks(store: Store, args: argparse.Namespace) -> int:
    from kpi.cli.task_commands import run  # the ledger's words and layout

    return run(store, args)


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


def cmd_plans(store: Store, args: argparse.Namespace) -> int:
    catalog = store.catalog()
    if args.format == "json":
        print(json.dumps(plan_records(catalog), ensure_ascii=False, indent=2))
    else:
        _print_frame(locale(args.lang).headed(plans_table(catalog, locale(args.lang))))
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
    _print_frame(store.batch_history().sort_values("id"))
    print()
    _print_frame(audit)
    return 0


def cmd_briefing(store: Store, args: argparse.Namespace) -> int:
    out: Path = args.out
    if not out.parent.is_dir():
        print(t("cli.no_out_dir", args.lang, path=out.parent), file=sys.stderr)
        return 1
    # the plotting stack (plotly, kaleido, a browser) is loaded by this command only
    from kpi.present.documents import (
        DEFAULT_WIDTH,
        BriefingError,
        briefing_files,
        build_briefing,
        check_out,
    )
    from kpi.present.locale import ViewState, locale
    from kpi.present.render import ChromiumMissing, find_chromium

    try:
        check_out(args.format, out)
        find_chromium()  # fail before any work when there is no browser
        as_of = args.as_of or date.today()
        view = ViewState(locale(args.lang), as_of, args.jurisdiction, args.known_at)
        width, prepared_by = args.width or DEFAULT_WIDTH, args.prepared_by or current_user()
        briefing = build_briefing(store, view, width, fmt=args.format, prepared_by=prepared_by)
        files = briefing_files(briefing, out)
    except (ChromiumMissing, BriefingError) as exc:
        print(locale(args.lang).error(exc), file=sys.stderr)
        return 1
    # write next to the targets, then rename: never leave half a file behind
    partials = [(path.with_name(f".{path.name}.partial"), path) for path, _ in files]
    for (partial, _), (_, data) in zip(partials, files, strict=True):
        partial.write_bytes(data)
    for partial, path in partials:
        partial.replace(path)
    print(
        t(
            "cli.briefing_written",
            args.lang,
            path=out,
            width=briefing.width,
            height=briefing.height,
            pages=len(briefing.pages),
        ),
        file=sys.stderr,
    )
    for _, path in partials:
        print(path)
    return 0


def cmd_report(store: Store, args: argparse.Namespace) -> int:
    out: Path = args.out
    if not out.parent.is_dir():
        print(t("cli.no_out_dir", args.lang, path=out.parent), file=sys.stderr)
        return 1
    from kpi.present.documents.evaluation import ReportError, build_report, report_file
    from kpi.present.locale import ViewState, locale

    loc = locale(args.lang)
    try:
        if out.suffix.lower() != f".{args.format}":
            raise ReportError(
                "evaluation.bad_file_type",
                format=args.format,
                suffix=f".{args.format}",
                name=out.name,
            )
        jurisdiction = store.catalog().jurisdiction_scope(args.jurisdiction)
        view = ViewState(loc, args.as_of or date.today(), jurisdiction, args.known_at)
        report = build_report(
            store, view, plan=args.plan, prepared_by=args.prepared_by or current_user()
        )
        data = report_file(report, out, args.format)
    except ReportError as exc:
        print(loc.error(exc), file=sys.stderr)
        return 1
    partial = out.with_name(f".{out.name}.partial")  # never half a file
    partial.write_bytes(data)
    partial.replace(out)
    print(out)
    return 0


def cmd_revert(store: Store, args: argparse.Namespace) -> int:
    store.revert_batch(args.batch_id, _actor(store, args.user, admin=True)[0])
    print(t("outcome.reverted", args.lang, batch=args.batch_id))
    return 0


def _read_password(args: argparse.Namespace) -> str:
    """From stdin (one line) or an interactive prompt asked twice; never from argv."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(t("cli.password_prompt", args.lang, name=args.name))
    if getpass.getpass(t("cli.password_repeat", args.lang)) != first:
        raise AuthError("cli.password_mismatch")
    return first


def cmd_user(store: Store, args: argparse.Namespace) -> int:
    if args.user_command == "list":
        _print_frame(store.users())
        return 0
    by = _actor(store, args.by, admin=True)[0]
    if args.user_command == "add":
        password = _read_password(args)
        auth.add_user(store, args.name, args.role, password, args.jurisdiction, by, args.unit)
        print(t("cli.user_added", args.lang, name=args.name, role=args.role))
    elif args.user_command == "remove":
        auth.remove_user(store, args.name, by)
        print(t("cli.user_removed", args.lang, name=args.name))
    else:
        auth.set_password(store, args.name, _read_password(args), by)
        print(t("cli.password_changed", args.lang, name=args.name))
    return 0


def cmd_catalog_draft(store: Store, args: argparse.Namespace) -> int:
    from kpi.cli import catalog_draft as draft_cli  # only drafting needs docx/pdf/cn2an

    if not args.file.is_file():
        print(t("cli.no_such_file", args.lang, path=args.file), file=sys.stderr)
        return 1
    return draft_cli.run(store.catalog(), args)


def cmd_catalog(store: Store, args: argparse.Namespace) -> int:
    if args.catalog_command == "draft":
        return cmd_catalog_draft(store, args)
    text = decode_catalog(args.file.read_bytes()[: MAX_CATALOG_BYTES + 1])
    version = store.load_catalog_text(text, _actor(store, args.user, admin=True)[0])
    print(t("outcome.catalog_installed", args.lang, version=version))
    return 0


COMMANDS = {
    "init": cmd_init,
    "ingest": cmd_ingest,
    "status": cmd_status,
    "tasks": cmd_tasks,
    "measures": money_commands.run_measures,
    "grants": money_commands.run_grants,
    "targets": cmd_targets,
    "plans": cmd_plans,
    "batches": cmd_batches,
    "revert": cmd_revert,
    "user": cmd_user,
    "catalog": cmd_catalog,
    "briefing": cmd_briefing,
    "report": cmd_report,
    **storage_commands.COMMANDS,
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    loc = locale(args.lang)
    try:
        if args.command in storage_commands.WITHOUT_STORE:
            return storage_commands.WITHOUT_STORE[args.command](resolve_db_path(args.db), args)
        store = Store.open(resolve_db_path(args.db))
    except UserError as exc:  # a store that cannot open, a bad catalog file, a refusal
        print(loc.error(exc), file=sys.stderr)
        return 1
    try:
        return COMMANDS[args.command](store, args)
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps the exit flush quiet
        return 0
    except UserError as exc:
        print(loc.error(exc), file=sys.stderr)
        return 1
    except OSError as exc:  # a file that cannot be read or written
        name = exc.filename or ""
        print(loc.t("cli.os_error", path=name, reason=exc.strerror or ""), file=sys.stderr)
        return 1
    finally:
        store.close()


if __name__ == "__main__":
    sys.exit(main())
