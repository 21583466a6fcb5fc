"""Signing in: bcrypt check, throttling per account and per client, failures audited.

After ``ACCOUNT_FAILURES`` failed sign-ins for one name, or ``CLIENT_FAILURES`` from
one client, within ``WINDOW``, further attempts are refused without checking the
password until enough failures leave the window. Unknown names are throttled like
real ones, so that neither timing nor lockout tells which names exist. Every failure
and refusal is written to the audit log (as the account name only when it exists).

The failures are counted in the store (kpi.storage.throttle_rows), not in the process:
several servers behind one address, and a restarted one, see the same counts, so that
an attacker alternating servers gets no more attempts than on one. A success clears
its account's failures. Attempts in flight at the same moment are counted when they
fail, so a burst of parallel guesses may pass the limit by the number in flight.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from kpi.access.auth import User, authenticate
from kpi.storage.store import Store, StoreError

ACCOUNT_FAILURES = 5
CLIENT_FAILURES = 20
WINDOW = 15 * 60.0  # seconds
ANONYMOUS = "(unknown)"  # audit user of a failed sign-in whose name is no account

#: Seconds since the epoch: wall-clock time, the same on every server (monotonic clocks
#: are per machine). Tests replace it to move through the window.
clock: Callable[[], float] = time.time


@dataclass(frozen=True)
class SignIn:
    """The outcome: a user, or a message key and its parameters saying why not (told by
    the reader's Locale: ``loc.t(outcome.key, **outcome.params)``)."""

    user: User | None
    key: str | None = None
    params: dict[str, object] = field(default_factory=dict)


def sign_in(store: Store, name: str, password: str, client: str) -> SignIn:
    """Check a sign-in from ``client`` (an address); audited when it fails. A store that
    cannot answer (a lock held too long, a full disk, a damaged file) is an outcome with
    that message, like a wrong password: the form shows it, nothing crashes."""
    try:
        return _sign_in(store, name, password, client)
    except StoreError as exc:
        return SignIn(None, exc.key, exc.params)


def _sign_in(store: Store, name: str, password: str, client: str) -> SignIn:
    name = name.strip()
    account = name.lower()
    now = clock()
    wait = _lockout(store, account, client, now)
    if wait > 0:
        store.log_event(*_audited(store, name, client, "sign_in_locked"))
        return SignIn(None, "auth.locked", {"minutes": max(1, round(wait / 60))})
    user = authenticate(store, name, password)
    if user is None:
        audited = _audited(store, name, client, "sign_in_failed")
        store.record_sign_in_failure(account, client, now, now - WINDOW, audited)
        return SignIn(None, "auth.failed")
    store.clear_sign_in_failures(account)
    return SignIn(user)


def _lockout(store: Store, account: str, client: str, now: float) -> float:
    """Seconds until the account name (lower case) may try again from ``client`` (0: now)."""
    times = store.sign_in_failures(account, client, now - WINDOW)
    waits = [
        _wait(times["account"], ACCOUNT_FAILURES, now),
        _wait(times["client"], CLIENT_FAILURES, now),
    ]
    return max(waits)


def _wait(times: list[float], limit: int, now: float) -> float:
    # locked until the failure that made the count reach the limit leaves the window
    return times[-limit] + WINDOW - now if len(times) >= limit else 0.0


def _audited(store: Store, name: str, client: str, action: str) -> tuple[str, str, str]:
    exists = store.user_account(name) is not None
    tried = "" if exists else f"name {name[:64]!r}, "
    return (name if exists else ANONYMOUS, action, f"{tried}client {client[:64]}")
