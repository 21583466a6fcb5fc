"""The one outcome of every write: commit, revert, catalog install, draft install,
account change.

An :class:`Outcome` holds the value written (a batch id, the installed catalog, the
account), or None when nothing was written, plus the problems found, each a message
key with parameters graded by severity. Nothing here is a sentence: the reader's
:class:`kpi.present.locale.Locale` tells the problems where they are shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from kpi.domain.problems import Problem, Severity

T = TypeVar("T")


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What a write did: ``value`` (None: nothing written) and its graded problems."""

    value: T | None = None
    problems: tuple[Problem, ...] = field(default_factory=tuple)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == Severity.WARNING]

    @property
    def ok(self) -> bool:
        """No errors (warnings may remain)."""
        return not self.errors

    @classmethod
    def done(cls, value: T, warnings: Iterable[Problem] = ()) -> Outcome[T]:
        return cls(value, tuple(warnings))

    @classmethod
    def refused(cls, code: str, /, **params: Any) -> Outcome[T]:
        """Nothing written, for one reason with the whole request (no row or column):
        ``problem.<code>``, or another area's message key (``Problem.key``)."""
        return cls(None, (Problem(None, None, code, params),))

    @classmethod
    def failed(cls, problems: Iterable[Problem]) -> Outcome[T]:
        return cls(None, tuple(problems))
