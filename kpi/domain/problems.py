"""The one shape of a problem found in a file the system reads (a report, a catalog).

A problem carries a message key and its parameters, not a sentence, so that it can be
told in either language wherever it is shown. Where it is: in a report, ``row`` and
``column`` (as a spreadsheet numbers rows and as the file heads columns); in a catalog,
the ``entry`` and its ``entry_field``, or for broken TOML the ``row`` (line) and
``column`` of the text; any of them may be None for a problem with the whole file.
Errors stop a file; warnings are shown and, once confirmed, let it through. The reader's
:class:`kpi.present.locale.Locale` tells a problem (``loc.problem(p)``, with its place
``loc.describe(p)``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from kpi.i18n import Phrase


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: where (row, column; entry, field), what (message key
    + params)."""

    row: int | None
    column: str | None
    code: str  # the message is "problem.<code>" in kpi.i18n (see ``key``)
    params: dict[str, Any] = field(default_factory=dict)
    severity: Severity = Severity.ERROR
    #: The catalog entry concerned, by name ("目标“X”" / "target 'X'": a Phrase, as its
    #: name is told in the reader's language), and the field of it.
    entry: Phrase | None = None
    entry_field: str | None = None

    @property
    def key(self) -> str:
        """Its message: ``problem.<code>``, or the code itself when it is the key of
        another area's message (a form's "accounts.exists", a store's "store.disk_full")."""
        return self.code if "." in self.code else f"problem.{self.code}"

    @property
    def is_error(self) -> bool:
        return self.severity == Severity.ERROR

    def location(self) -> dict[str, Any]:
        """Where the problem is, as message parameters: row, column, entry, field."""
        where = {
            "row": self.row,
            "column": self.column,
            "entry": self.entry,
            "field": self.entry_field,
        }
        return {name: value for name, value in where.items() if value is not None}


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """In reading order: file-level problems first, then by row and column."""
    return sorted(problems, key=lambda p: (p.row or 0, p.column or ""))


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


def warnings(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if not p.is_error]
