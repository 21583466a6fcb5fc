"""Local accounts: bcrypt hashes only, roles and jurisdictions, the user CLI, migration."""

from __future__ import annotations

import io
from pathlib import Path

import duckdb
import pytest

from kpi.access import auth
from kpi.access.auth import AuthError, User
from kpi.cli import main as cli
from kpi.storage.migrations import MIGRATIONS
from kpi.storage.store import SCHEMA_VERSION, Store

PASSWORD = "s3cret-passw0rd"


@pytest.fixture(autouse=True)
def _fast(fast_bcrypt):
    pass


def test_password_is_stored_only_as_bcrypt_hash(tmp_path: Path):
    path = tmp_path / "k.duckdb"
    store = Store.open(path)
    auth.add_user(store, "alice", "editor", PASSWORD, ["SH"], "test")
    role, stored_hash, jurisdictions = store.user_account("alice")
    assert (role, jurisdictions) == ("editor", ["SH"])
    assert stored_hash.startswith("$2b$") and PASSWORD not in stored_hash
    assert PASSWORD not in store.users().to_string()
    assert PASSWORD not in store.audit_log().to_string()
    store.close()
    on_disk = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    assert PASSWORD.encode() not in on_disk


def test_authenticate_right_wrong_and_unknown(store):
    auth.add_user(store, "alice", "editor", PASSWORD, ["SH", "BJ"], "test")
    assert auth.authenticate(store, "alice", PASSWORD) == User(
        "alice", "editor", frozenset({"SH", "BJ"})
    )
    assert auth.authenticate(store, "alice", PASSWORD + "x") is None
    assert auth.authenticate(store, "nobody", PASSWORD) is None


@pytest.mark.parametrize(
    ("role", "jurisdictions", "may_upload", "uploads_sh", "uploads_bj", "admin"),
    [
        ("viewer", [], False, False, False, False),
        ("editor", ["SH"], True, True, False, False),
        ("admin", [], True, True, True, True),
    ],
)
def test_roles(store, role, jurisdictions, may_upload, uploads_sh, uploads_bj, admin):
    user = auth.add_user(store, "u1", role, PASSWORD, jurisdictions, "test")
    assert user.may_upload is may_upload
    assert user.can_upload("SH") is uploads_sh
    assert user.can_upload("BJ") is uploads_bj
    assert user.is_admin is admin


@pytest.mark.parametrize(
    ("name", "role", "password", "jurisdictions", "message"),
    [
        ("bob", "boss", PASSWORD, [], "unknown role"),
        ("bob", "editor", PASSWORD, ["XX"], "unknown jurisdiction"),
        ("bob", "editor", PASSWORD, [], "at least one"),
        ("bob", "viewer", "short", [], "at least 8"),
        ("bob", "viewer", "密" * 30, [], "at most 72 bytes"),
        ("bad name!", "viewer", PASSWORD, [], "invalid user name"),
    ],
)
def test_bad_accounts_are_refused_and_nothing_is_written(
    store, name, role, password, jurisdictions, message
):
    with pytest.raises(AuthError, match=message):
        auth.add_user(store, name, role, password, jurisdictions, "test")
    assert store.users().empty


def test_duplicate_user_refused(store):
    auth.add_user(store, "alice", "viewer", PASSWORD, [], "test")
    with pytest.raises(AuthError, match="already exists"):
        auth.add_user(store, "alice", "admin", PASSWORD, [], "test")
    assert store.user_account("alice")[0] == "viewer"


def test_passwd_and_remove(store):
    auth.add_user(store, "alice", "viewer", PASSWORD, [], "test")
    auth.set_password(store, "alice", "another-pass", "admin")
    assert auth.authenticate(store, "alice", PASSWORD) is None
    assert auth.authenticate(store, "alice", "another-pass") is not None
    auth.remove_user(store, "alice", "admin")
    assert auth.authenticate(store, "alice", "another-pass") is None
    assert auth.load_user(store, "alice") is None
    actions = store.audit_log().query("action == 'user'")
    assert actions["detail"].tolist() == [
        "add alice (viewer: -)",
        "password of alice changed",
        "remove alice",
    ]
    assert actions["user_name"].tolist() == ["test", "admin", "admin"]


@pytest.mark.parametrize(
    ("value", "required"),
    [(None, False), ("", False), ("0", False), ("1", True), ("true", True), ("YES", True)],
)
def test_require_login_setting(monkeypatch, value, required):
    if value is None:
        monkeypatch.delenv(auth.REQUIRE_LOGIN_ENV, raising=False)
    else:
        monkeypatch.setenv(auth.REQUIRE_LOGIN_ENV, value)
    assert auth.require_login() is required


# ---- CLI ----------------------------------------------------------------------------------
def _kpi(db: Path, *args: str) -> int:
    return cli.main(["--db", str(db), "--lang", "en", *args])


def test_cli_user_add_list_passwd_remove(tmp_path, monkeypatch, capsys):
    db = tmp_path / "k.duckdb"
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    add = ("user", "add", "alice", "--role", "editor", "--jurisdiction", "SH")
    assert _kpi(db, *add, "--jurisdiction", "BJ", "--password-stdin") == 0
    assert _kpi(db, "user", "list") == 0
    out = capsys.readouterr().out
    assert "user alice added (editor)" in out
    assert "BJ,SH" in out and "$2b$" not in out and PASSWORD not in out

    prompts = iter(["new-password-1", "new-password-1"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(prompts))
    assert _kpi(db, "user", "passwd", "alice") == 0
    store = Store.open(db)
    assert auth.authenticate(store, "alice", "new-password-1") is not None
    store.close()

    assert _kpi(db, "user", "remove", "alice") == 0
    assert _kpi(db, "user", "remove", "alice") == 1
    assert "no user 'alice'" in capsys.readouterr().err


def test_cli_prompt_mismatch_writes_nothing(tmp_path, monkeypatch, capsys):
    db = tmp_path / "k.duckdb"
    prompts = iter(["first-password", "other-password"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(prompts))
    assert _kpi(db, "user", "add", "bob", "--role", "viewer") == 1
    assert "do not match" in capsys.readouterr().err
    store = Store.open(db)
    assert store.users().empty
    store.close()


def test_cli_has_no_password_argument(tmp_path, capsys):
    """A password on the command line would show in ps: there is no such option."""
    with pytest.raises(SystemExit):
        _kpi(tmp_path / "k.duckdb", "user", "add", "bob", "--role", "viewer", "--password", "x")
    assert "unrecognized arguments" in capsys.readouterr().err


def test_version_2_database_migrates_to_users_schema(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    for step in MIGRATIONS[:2]:
        con.execute(step.duckdb)
    con.execute("INSERT INTO meta VALUES ('schema_version', '2')")
    con.close()
    store = Store.open(path)
    assert store.schema_version() == SCHEMA_VERSION
    auth.add_user(store, "alice", "viewer", PASSWORD, [], "test")
    assert store.users()["name"].tolist() == ["alice"]
    store.close()
