"""Signing in and changing accounts when the store cannot answer: a lock held
too long, a full disk and a damaged file are each told in the reader's language with
what to do, never as "wrong password" or "someone changed it", never as a traceback or
an exception's name."""

from __future__ import annotations

import io
import re
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kpi.access import auth, signin
from kpi.access import users as accounts
from kpi.cli import main as cli
from kpi.i18n import t
from kpi.present.locale import locale
from kpi.storage.store import Store
from tests.support.stores import PASSWORD, add_test_users, corrupt_blocks, hold_lock

PROGRAMMERS_WORDS = re.compile(r"\b\w*(Error|Exception)\b|Traceback|errno|BadZipFile")
NEW_PASSWORD = "another long passw0rd"


@pytest.fixture
def db(tmp_path, fast_bcrypt) -> Path:
    path = tmp_path / "kpi.duckdb"
    with Store.open(path) as store:
        add_test_users(store)
    return path


@contextmanager
def held(db: Path) -> Iterator[subprocess.Popen]:
    """The database file held by another process for longer than we wait (1 s)."""
    holder = hold_lock(db, 60)
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("KPI_LOCK_WAIT_S", "1")
            yield holder
    finally:
        holder.kill()
        holder.wait()


def plain(message: str) -> str:
    assert message and not PROGRAMMERS_WORDS.search(message), message
    return message


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sign_in_while_another_program_holds_the_file(db, lang):
    store = Store.open(db)
    with held(db) as holder:
        outcome = signin.sign_in(store, "admin1", PASSWORD, "10.1.1.1")
    assert outcome.user is None
    message = plain(locale(lang).t(outcome.key, **outcome.params))
    assert message != t("auth.failed", lang)  # not taken for a wrong password
    assert f"PID {holder.pid}" in message and str(db) in message
    assert ("已等待 1 秒" if lang == "zh" else "waited 1 s") in message


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_account_changes_while_another_program_holds_the_file(db, lang):
    store = Store.open(db)
    admin = auth.load_user(store, "admin1")
    with held(db) as holder:
        outcomes = [
            accounts.add_account(store, admin, "ann", "viewer", [], "x" * 9, "x" * 9),
            accounts.change_role(store, admin, "viewer1", "editor", ["SH"]),
            accounts.reset_password(store, admin, "viewer1", "y" * 9, "y" * 9),
            accounts.remove_account(store, admin, "viewer1"),
        ]
    for outcome in outcomes:
        assert not outcome.ok
        (message,) = [locale(lang).problem(p) for p in outcome.errors]
        assert f"PID {holder.pid}" in plain(message)
        assert message != t("accounts.failed", lang, name="viewer1")
    assert set(store.users()["name"]) == {"admin1", "editor_sh", "viewer1"}
    assert auth.load_user(store, "viewer1").role == "viewer"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sign_in_and_account_commands_on_a_damaged_file(db, capsys, monkeypatch, lang):
    store = Store.open(db)
    corrupt_blocks(db)
    outcome = signin.sign_in(store, "admin1", PASSWORD, "10.1.1.1")
    message = plain(locale(lang).t(outcome.key, **outcome.params))
    assert str(db) in message and "kpi restore" in message
    assert outcome.user is None and message != t("auth.failed", lang)
    monkeypatch.setattr("sys.stdin", io.StringIO(NEW_PASSWORD + "\n"))
    capsys.readouterr()
    code = cli.main(
        ["--db", str(db), "--lang", lang, "user", "passwd", "viewer1", "--password-stdin"]
    )
    err = capsys.readouterr().err
    assert code == 1 and str(db) in plain(err) and "kpi restore" in err


def test_account_change_on_a_full_disk(tmp_path, fast_bcrypt):
    """A real full disk: a small tmpfs filled up (the tests run as root, as CI does)."""
    small = tmp_path / "small"
    small.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(small)])
    assert mounted.returncode == 0, "mounting a small tmpfs needs root, as in CI"
    try:
        store = Store.open(small / "kpi.duckdb")
        add_test_users(store)
        admin = auth.load_user(store, "admin1")
        filler = small / "filler"
        subprocess.run(["dd", "if=/dev/zero", f"of={filler}", "bs=64k"], capture_output=True)
        for lang in ("zh", "en"):
            outcome = accounts.add_account(
                store, admin, f"ann_{lang}", "viewer", [], "x" * 9, "x" * 9
            )
            assert not outcome.ok
            told = [locale(lang).problem(p) for p in outcome.errors]
            assert told == [t("store.disk_full", lang, path=small / "kpi.duckdb")]
        filler.unlink()
        assert set(store.users()["name"]) == {"admin1", "editor_sh", "viewer1"}
    finally:
        subprocess.run(["umount", "-l", str(small)])
