"""Errors whose message a user reads, in Chinese and English from kpi/i18n.

``UserError(key, **params)``: ``str()`` is the English text (logs, tests), and
``message(lang)`` the text in the user's language. Exception class names never
reach a user.
"""

from __future__ import annotations

from kpi.i18n import t


class UserError(Exception):
    """An error a user can act on, worded in both languages."""

    def __init__(self, key: str, **params: object):
        self.key, self.params = key, params
        super().__init__(t(key, "en", **params))

    def message(self, lang: str) -> str:
        return t(self.key, lang, **self.params)


def user_message(exc: BaseException, lang: str) -> str:
    """The message of any error for a user: bilingual where it is a UserError."""
    message = getattr(exc, "message", None)  # UserError, CatalogError
    return message(lang) if callable(message) else str(exc)
