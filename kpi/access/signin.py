"""Signing in: bcrypt check, throttling per account and per client, failures audited.

After ``ACCOUNT_FAILURES`` failed sign-ins for one name, or ``CLIENT_FAILURES`` from
one client, within ``WINDOW``, further attempts are refused without checking the
password until the oldest failure leaves the window. Unknown names are throttled like
real ones, so that neither timing nor lockout tells which names exist. Every failure
and refusal is written to the audit log (as the account name only when it exists).

The counts are kept in the process (the dashboard is one process per deployment); a
restart forgets them, the audit log keeps the record.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field

from kpi.access.auth import User, authenticate
from kpi.storage.store import Store, StoreError

ACCOUNT_FAILURES = 5
CLIENT_FAILURES = 20
WINDOW = 15 * 60.0  # seconds
ANONYMOUS = "(unknown)"  # audit user of a failed sign-in whose name is no account


@dataclass(frozen=True)
class SignIn:
    """The outcome: a user, or a message key and its parameters saying why not (told by
    the reader's Locale: ``loc.t(outcome.key, **outcome.params)``)."""

    user: User | None
    key: str | None = None
    params: dict[str, object] = field(default_factory=dict)


class Throttle:
    """Failure times per account name and per client, within a sliding window."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._failures: dict[tuple[str, str], deque[float]] = defaultdict(deque)

    def wait(self, account: str, client: str, now: float) -> float:
        """Seconds until a sign-in may be tried again (0: now)."""
        with self._lock:
            waits = [
                self._wait(("account", account), ACCOUNT_FAILURES, now),
                self._wait(("client", client), CLIENT_FAILURES, now),
            ]
        return max(waits)

    def _wait(self, key: tuple[str, str], limit: int, now: float) -> float:
        times = self._failures.get(key)
        if not times:
            return 0.0
        while times and times[0] <= now - WINDOW:
            times.popleft()
        return times[0] + WINDOW - now if len(times) >= limit else 0.0

    def fail(self, account: str, client: str, now: float) -> None:
        with self._lock:
            self._failures[("account", account)].append(now)
            self._failures[("client", client)].append(now)

    def succeed(self, account: str) -> None:
        with self._lock:
            self._failures.pop(("account", account), None)


THROTTLE = Throttle()


def sign_in(
    store: Store, name: str, password: str, client: str, throttle: Throttle | None = None
) -> SignIn:
    """Check a sign-in from ``client`` (an address); audited when it fails. A store that
    cannot answer (a lock held too long, a full disk, a damaged file) is an outcome with
    that message, like a wrong password: the form shows it, nothing crashes."""
    try:
        return _sign_in(store, name, password, client, throttle or THROTTLE)
    except StoreError as exc:
        return SignIn(None, exc.key, exc.params)


def _sign_in(store: Store, name: str, password: str, client: str, throttle: Throttle) -> SignIn:
    name = name.strip()
    account = name.lower()
    now = time.monotonic()
    wait = throttle.wait(account, client, now)
    if wait > 0:
        _audit_failure(store, name, client, "sign_in_locked")
        return SignIn(None, "auth.locked", {"minutes": max(1, round(wait / 60))})
    user = authenticate(store, name, password)
    if user is None:
        throttle.fail(account, client, now)
        _audit_failure(store, name, client, "sign_in_failed")
        return SignIn(None, "auth.failed")
    throttle.succeed(account)
    return SignIn(user)


def _audit_failure(store: Store, name: str, client: str, action: str) -> None:
    exists = store.user_account(name) is not None
    tried = "" if exists else f"name {name[:64]!r}, "
    store.log_event(name if exists else ANONYMOUS, action, f"{tried}client {client[:64]}")
