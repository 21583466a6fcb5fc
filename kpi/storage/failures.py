"""Store errors that carry a bilingual message key, so the CLI and the pages can say
in the user's language what happened and what to do."""

from __future__ import annotations

from kpi.domain.errors import UserError


class StoreError(UserError, RuntimeError):
    """A store operation could not be done; ``message(lang)`` says why, for the user."""


class DatabaseBusy(StoreError):
    """Another process holds the database for longer than we wait; retrying later works."""


class DiskFull(StoreError):
    """The disk holding the database is full; nothing was written."""


class DatabaseDamaged(StoreError):
    """The database file is corrupt or truncated: restore it from a backup."""


class DatabaseUnreachable(StoreError):
    """The PostgreSQL server cannot be reached or refused the connection."""
