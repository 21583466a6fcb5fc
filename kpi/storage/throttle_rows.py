"""Failed sign-ins, counted by account name and by client, for kpi.access.signin's
throttle. In the store, so that every server process and every restart counts the same
failures. Times are seconds since the epoch (every server's clock, kept by NTP)."""

from __future__ import annotations

from kpi.storage import audit
from kpi.storage.backends import Session

ACCOUNT = "account"
CLIENT = "client"


def failure_times(cur: Session, account: str, client: str, since: float) -> dict[str, list[float]]:
    """The failures since ``since`` of the account name and of the client, oldest first."""
    rows = cur.execute(
        """SELECT kind, failed_at FROM sign_in_failures
           WHERE failed_at > ? AND ((kind = ? AND key = ?) OR (kind = ? AND key = ?))
           ORDER BY failed_at""",
        [since, ACCOUNT, account, CLIENT, client],
    ).fetchall()
    times: dict[str, list[float]] = {ACCOUNT: [], CLIENT: []}
    for kind, at in rows:
        times[kind].append(float(at))
    return times


def record_failure(
    cur: Session,
    account: str,
    client: str,
    at: float,
    forget_before: float,
    audited: tuple[str, str, str],
) -> None:
    """One failure of the account and of the client, and its audit entry (user, action,
    detail), in the caller's transaction; failures out of every window are dropped."""
    cur.execute("DELETE FROM sign_in_failures WHERE failed_at <= ?", [forget_before])
    cur.execute(
        "INSERT INTO sign_in_failures (kind, key, failed_at) VALUES (?, ?, ?), (?, ?, ?)",
        [ACCOUNT, account, at, CLIENT, client, at],
    )
    audit.record(cur, *audited)


def clear_account(cur: Session, account: str) -> None:
    """A successful sign-in forgets its account's failures (the client's stay counted)."""
    cur.execute("DELETE FROM sign_in_failures WHERE kind = ? AND key = ?", [ACCOUNT, account])
