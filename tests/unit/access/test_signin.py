"""Sign-in resists guessing: same work for unknown names, throttling per account
and per client, failures in the audit log, a minimum password length."""

from __future__ import annotations

import bcrypt
import pytest

from kpi.access import auth, signin
from kpi.access.auth import AuthError
from kpi.access.signin import ACCOUNT_FAILURES, ANONYMOUS, CLIENT_FAILURES, WINDOW
from tests.support.stores import PASSWORD, add_test_users


@pytest.fixture
def users(store, fast_bcrypt):
    add_test_users(store)
    return store


@pytest.fixture
def clock(monkeypatch):
    """A controllable clock for the throttle's window."""
    now = [1_800_000_000.0]
    monkeypatch.setattr(signin, "clock", lambda: now[0])
    return now


def test_unknown_names_cost_one_check_at_the_same_work_factor(users, monkeypatch):
    rounds: list[bytes] = []
    real = bcrypt.checkpw

    def counting(password: bytes, hashed: bytes) -> bool:
        rounds.append(hashed[4:6])  # "$2b$NN$...": the work factor
        return real(password, hashed)

    monkeypatch.setattr(auth.bcrypt, "checkpw", counting)
    assert auth.authenticate(users, "admin1", "wrong password") is None
    assert auth.authenticate(users, "nobody", "wrong password") is None
    assert rounds[0] == rounds[1] == f"{auth.BCRYPT_ROUNDS:02d}".encode()


def test_the_production_dummy_hash_uses_the_production_work_factor():
    assert auth._dummy_hash(12)[4:6] == b"12"


def test_five_failures_lock_the_account_even_for_the_right_password(users, clock):
    for _ in range(ACCOUNT_FAILURES):
        assert signin.sign_in(users, "admin1", "guess", "10.0.0.1").key == "auth.failed"
    locked = signin.sign_in(users, "admin1", PASSWORD, "10.0.0.2")
    assert locked.user is None and locked.key == "auth.locked" and locked.params == {"minutes": 15}
    # other accounts are not affected; after the window the right password works again
    assert signin.sign_in(users, "viewer1", PASSWORD, "10.0.0.1").user is not None
    clock[0] += WINDOW + 1
    assert signin.sign_in(users, "admin1", PASSWORD, "10.0.0.1").user is not None


def test_unknown_names_lock_like_real_ones(users, clock):
    for _ in range(ACCOUNT_FAILURES):
        signin.sign_in(users, "ghost", "guess", "10.0.0.1")
    assert signin.sign_in(users, "ghost", "guess", "10.0.0.1").key == "auth.locked"


def test_one_client_guessing_many_names_is_stopped(users, clock):
    for i in range(CLIENT_FAILURES):
        signin.sign_in(users, f"name{i}", "guess", "10.6.6.6")
    assert signin.sign_in(users, "editor_sh", PASSWORD, "10.6.6.6").key == "auth.locked"
    assert signin.sign_in(users, "editor_sh", PASSWORD, "10.0.0.7").user is not None


def test_a_success_clears_the_accounts_failures(users, clock):
    for _ in range(ACCOUNT_FAILURES - 1):
        signin.sign_in(users, "admin1", "guess", "10.0.0.1")
    assert signin.sign_in(users, "admin1", PASSWORD, "10.0.0.1").user is not None
    assert signin.sign_in(users, "admin1", "guess", "10.0.0.1").key == "auth.failed"


def test_failures_are_audited_without_inventing_user_names(users, clock):
    signin.sign_in(users, "admin1", "guess", "10.0.0.1")
    signin.sign_in(users, "ghost_admin", "guess", "10.0.0.9")
    log = users.audit_log()
    failed = log[log["action"] == "sign_in_failed"]
    assert failed["user_name"].tolist() == ["admin1", ANONYMOUS]
    assert "10.0.0.1" in failed["detail"].iloc[0]
    assert "'ghost_admin'" in failed["detail"].iloc[1] and "10.0.0.9" in failed["detail"].iloc[1]
    assert set(log["user_name"]) <= {"test", "system", "admin1", ANONYMOUS}


@pytest.mark.parametrize("password", ["", "1234567", "short"])
def test_passwords_below_the_minimum_length_are_refused(users, password):
    with pytest.raises(AuthError):
        auth.add_user(users, "newbie", "viewer", password, [], "test")
    assert users.user_account("newbie") is None
