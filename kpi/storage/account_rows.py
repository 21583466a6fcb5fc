"""User accounts: names, roles, password hashes, assigned jurisdictions and units.

Hashes only; kpi.access.auth hashes and checks passwords. Every change is audited in
its transaction by the caller's user.
"""

from __future__ import annotations

import pandas as pd

from kpi.storage import audit, task_reports
from kpi.storage.backends import Session
from kpi.storage.failures import StoreError


def _exists(cur: Session, name: str) -> bool:
    return bool(cur.scalar("SELECT count(*) FROM users WHERE name = ?", [name]))


def _must_exist(cur: Session, name: str) -> None:
    if not _exists(cur, name):
        raise StoreError("store.no_user", name=name)


def _assign(cur: Session, name: str, jurisdictions: list[str]) -> None:
    for jurisdiction in jurisdictions:
        cur.execute("INSERT INTO user_jurisdictions VALUES (?, ?)", [name, jurisdiction])


def add(
    cur: Session,
    name: str,
    role: str,
    password_hash: str,
    jurisdictions: list[str],
    by: str,
    units: list[str] | None = None,
) -> None:
    if _exists(cur, name):
        raise StoreError("store.user_exists", name=name)
    cur.execute(
        """INSERT INTO users (name, role, password_hash, created_at, created_by)
           VALUES (?, ?, ?, ?, ?)""",
        [name, role, password_hash, audit.now(), by],
    )
    _assign(cur, name, jurisdictions)
    task_reports.set_units(cur, name, units or [])
    audit.record(cur, by, "user", f"add {name} ({role}: {_shown(jurisdictions, units)})")


def _shown(jurisdictions: list[str], units: list[str] | None) -> str:
    shown = ",".join(jurisdictions) or "-"
    return shown + (f"; units {','.join(units)}" if units else "")


def remove(cur: Session, name: str, by: str) -> None:
    _must_exist(cur, name)
    cur.execute("DELETE FROM user_jurisdictions WHERE user_name = ?", [name])
    task_reports.set_units(cur, name, [])
    cur.execute("DELETE FROM users WHERE name = ?", [name])
    audit.record(cur, by, "user", f"remove {name}")


def set_password_hash(cur: Session, name: str, password_hash: str, by: str) -> None:
    _must_exist(cur, name)
    cur.execute("UPDATE users SET password_hash = ? WHERE name = ?", [password_hash, name])
    audit.record(cur, by, "user", f"password of {name} changed")


def set_role(
    cur: Session,
    name: str,
    role: str,
    jurisdictions: list[str],
    by: str,
    units: list[str] | None = None,
) -> None:
    """A user's role and jurisdiction assignments, replaced (and units, when given)."""
    _must_exist(cur, name)
    cur.execute("UPDATE users SET role = ? WHERE name = ?", [role, name])
    cur.execute("DELETE FROM user_jurisdictions WHERE user_name = ?", [name])
    _assign(cur, name, jurisdictions)
    if units is not None:
        task_reports.set_units(cur, name, units)
    audit.record(cur, by, "user", f"role of {name} set ({role}: {_shown(jurisdictions, units)})")


def account(cur: Session, name: str) -> tuple[str, str, list[str]] | None:
    """(role, password hash, jurisdictions) of a user, or None."""
    row = cur.execute(
        """SELECT u.role, u.password_hash,
                  array_agg(j.jurisdiction ORDER BY j.jurisdiction)
                      FILTER (WHERE j.jurisdiction IS NOT NULL)
           FROM users u LEFT JOIN user_jurisdictions j ON j.user_name = u.name
           WHERE u.name = ? GROUP BY u.role, u.password_hash""",
        [name],
    ).fetchone()
    return None if row is None else (row[0], row[1], list(row[2] or []))


def listing(cur: Session) -> pd.DataFrame:
    """Accounts without their password hashes."""
    return cur.execute(
        """SELECT u.name, u.role,
                  coalesce(string_agg(j.jurisdiction, ',' ORDER BY j.jurisdiction), '')
                      AS jurisdictions,
                  u.created_at, u.created_by
           FROM users u LEFT JOIN user_jurisdictions j ON j.user_name = u.name
           GROUP BY u.name, u.role, u.created_at, u.created_by ORDER BY u.name"""
    ).df()
