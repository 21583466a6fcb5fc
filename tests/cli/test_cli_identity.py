"""CLI identity: a name given to a writing command is an existing account with
the rights the command needs; otherwise the command runs as the operating-system user,
recorded as such. The audit log never holds a name nobody signed in as."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from kpi.access import auth
from kpi.access import users as accounts
from kpi.cli import main as cli
from kpi.domain.catalog import DEFAULT_CATALOG
from kpi.i18n import t
from kpi.present.locale import locale
from kpi.storage.store import Store, current_user
from tests.support.files import csv_bytes
from tests.support.stores import add_test_users, counts, ingest_rows

SH_ROW = ("SH", "top_scientist_teams", "2023Q1", "1")
BJ_ROW = ("BJ", "leading_teams", "2025Q3", "2")


@pytest.fixture
def db(new_db, fast_bcrypt):
    path = new_db
    with Store.open(path) as store:
        add_test_users(store)
        ingest_rows(store, [SH_ROW], user="test")
    return path


def names_in_audit(db) -> set[str]:
    with Store.open(db) as store:
        return set(store.audit_log()["user_name"])


def state(db) -> tuple:
    with Store.open(db) as store:
        return counts(store), len(store.audit_log()), store.catalog_version()


def run(db, *argv: str) -> int:
    return cli.main(["--db", str(db), "--lang", "en", *argv])


@pytest.mark.parametrize(
    ("argv", "name", "role"),
    [
        (("revert", "1", "--user", "viewer1"), "viewer1", "viewer"),
        (("revert", "1", "--user", "editor_sh"), "editor_sh", "editor"),
        (("revert", "1", "--user", "ghost_admin"), "ghost_admin", None),
        (("ingest", "{file}", "--user", "ghost_admin"), "ghost_admin", None),
        (("ingest", "{file}", "--user", "viewer1"), "viewer1", "viewer"),
        (("catalog", "load", "{catalog}", "--user", "editor_sh"), "editor_sh", "editor"),
        (("user", "remove", "viewer1", "--by", "ghost_admin"), "ghost_admin", None),
        (("user", "remove", "viewer1", "--by", "editor_sh"), "editor_sh", "editor"),
    ],
)
def test_writing_commands_refuse_unknown_or_unentitled_names(
    db, tmp_path, capsys, argv, name, role
):
    report = tmp_path / "r.csv"
    report.write_bytes(csv_bytes([("SH", "top_scientist_teams", "2023Q2", "3")]))
    catalog = tmp_path / "catalog.toml"
    catalog.write_text(DEFAULT_CATALOG.read_text(encoding="utf-8") + "\n# edit\n")
    before = state(db)
    capsys.readouterr()
    args = [a.format(file=report, catalog=catalog) for a in argv]
    assert run(db, *args) == 1
    err = capsys.readouterr().err
    if role is None:
        assert err.strip() == t("cli.unknown_account", "en", name=name)
    else:
        assert err.strip() == t("cli.not_permitted", "en", name=name, role=t(f"role.{role}", "en"))
    assert "Traceback" not in err
    assert state(db) == before
    assert "ghost_admin" not in names_in_audit(db)


def test_an_editor_may_ingest_only_for_their_jurisdictions(db, tmp_path, capsys):
    report = tmp_path / "r.csv"
    report.write_bytes(csv_bytes([BJ_ROW]))
    before = state(db)
    assert run(db, "ingest", str(report), "--user", "editor_sh") == 1
    assert "may not upload data for jurisdiction 'BJ'" in capsys.readouterr().err
    assert state(db) == before
    report.write_bytes(csv_bytes([("SH", "top_scientist_teams", "2023Q2", "3")]))
    assert run(db, "ingest", str(report), "--user", "editor_sh") == 0
    with Store.open(db) as store:
        assert store.batches()["user_name"].iloc[-1] == "editor_sh"


def test_an_admin_named_may_revert_and_is_recorded(db):
    assert run(db, "revert", "1", "--user", "admin1") == 0
    with Store.open(db) as store:
        assert store.batches().at[0, "reverted_by"] == "admin1"


def test_without_a_name_the_os_user_is_recorded_as_such(db, tmp_path):
    report = tmp_path / "r.csv"
    report.write_bytes(csv_bytes([BJ_ROW]))
    assert run(db, "ingest", str(report)) == 0
    assert run(db, "revert", "2") == 0
    with Store.open(db) as store:
        batch = store.batches().iloc[-1]
    assert batch["user_name"] == batch["reverted_by"] == f"os:{current_user()}"


# ---- restore and copy-store write a whole database: the same rule, audited there ----------
def last_audit(location) -> tuple[str, str]:
    with Store.open(location) as store:
        entry = store.audit_log().iloc[-1]
    return entry["user_name"], entry["action"]


@pytest.fixture
def backup_dir(db, tmp_path):
    folder = tmp_path / "bk"
    assert run(db, "backup", str(folder)) == 0
    assert run(db, "revert", "1") == 0  # the database now differs from the backup
    return folder


@pytest.mark.parametrize(
    ("name", "role"), [("ghost_admin", None), ("viewer1", "viewer"), ("editor_sh", "editor")]
)
def test_restore_and_copy_refuse_names_that_are_no_admin(
    db, backup_dir, tmp_path, capsys, name, role
):
    before = state(db)
    copy = tmp_path / "copy.duckdb"
    capsys.readouterr()
    for argv in (("restore", str(backup_dir)), ("copy-store", "--to", str(copy))):
        assert run(db, *argv, "--user", name) == 1
        err = capsys.readouterr().err.strip()
        if role is None:
            assert err == t("cli.unknown_account", "en", name=name)
        else:
            assert err == t("cli.not_permitted", "en", name=name, role=t(f"role.{role}", "en"))
    assert state(db) == before  # not restored
    assert not copy.exists()  # nothing copied
    assert "ghost_admin" not in names_in_audit(db)


def test_restore_and_copy_record_who_did_them(db, backup_dir, tmp_path):
    assert run(db, "restore", str(backup_dir)) == 0
    assert last_audit(db) == (f"os:{current_user()}", "restore")
    with Store.open(db) as store:  # the revert made after the backup is undone
        assert pd.isna(store.batches().at[0, "reverted_at"])
    assert run(db, "restore", str(backup_dir), "--user", "admin1") == 0
    assert last_audit(db) == ("admin1", "restore")
    copy = tmp_path / "copy.duckdb"
    assert run(db, "copy-store", "--to", str(copy), "--user", "admin1") == 0
    assert last_audit(copy) == ("admin1", "copy_store")
    other = tmp_path / "other.duckdb"
    assert run(db, "copy-store", "--to", str(other)) == 0
    assert last_audit(other) == (f"os:{current_user()}", "copy_store")


@pytest.mark.parametrize("name", ["system", "Sample"])
def test_names_the_system_writes_in_the_audit_log_are_no_account_names(
    db, capsys, name, monkeypatch
):
    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-enough-passw0rd\n"))
    capsys.readouterr()
    assert run(db, "user", "add", name, "--role", "admin", "--password-stdin") == 1
    assert capsys.readouterr().err.strip() == t("auth.reserved_name", "en", name=name)
    with Store.open(db) as store:
        admin = auth.load_user(store, "admin1")
        outcome = accounts.add_account(store, admin, name, "viewer", [], "x" * 9, "x" * 9)
        for lang in ("zh", "en"):
            told = [locale(lang).problem(p) for p in outcome.errors]
            assert told == [t("auth.reserved_name", lang, name=name)]
        assert name not in set(store.users()["name"])
