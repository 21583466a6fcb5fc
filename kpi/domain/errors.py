"""Errors whose message a user reads, in Chinese and English from kpi/i18n.

``UserError(key, **params)`` carries a message key and its parameters; the reader's
:class:`kpi.present.locale.Locale` tells it (``loc.error(exc)``), and ``str()`` is the
English text (logs, tests). Exception class names never reach a user.
"""

from __future__ import annotations

from kpi.i18n import t


class UserError(Exception):
    """An error a user can act on: a message key and its parameters."""

    def __init__(self, key: str, **params: object):
        self.key, self.params = key, params
        super().__init__(t(key, "en", **params))
