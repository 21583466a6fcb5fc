"""The reader's language, bound once: messages, catalog names, units, headers, numbers.

``loc = locale("en")``, then ``loc.t("page.overview")``, ``loc.name(plan)``,
``loc.unit(metric)``, ``loc.status("at_risk")``, ``loc.number(820000)``. Library code
works with codes and canonical column names; a Locale turns them into words only
where something is drawn or printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pandas as pd

from kpi.domain.problems import Problem
from kpi.i18n import DEFAULT_LANG, LANGS, STRINGS, Lang, t
from kpi.present import fmt

#: Status-frame fields shown as percentage points, headed "… (%)".
PERCENT_FIELDS = ("attainment", "pace", "p_meet")
#: A column counting tasks in one status is named "task_<status>" (kpi.present.task_tables).
TASK_COLUMN_PREFIX = "task_"
#: Canonical column names headed like another column (one message for one meaning).
HEADER_ALIASES = {
    "logged_at": "time",
    "created_at": "time",
    "batch_id": "batch",
    "n_rows": "rows",
    "message": "problem",
}


@dataclass(frozen=True)
class Locale:
    lang: Lang

    def t(self, key: str, /, **params: object) -> str:
        return t(key, self.lang, **params)

    def name(self, entry: Any) -> str:
        """A catalog entry's name (jurisdiction, metric, family) or title (plan)."""
        if hasattr(entry, "name_zh"):
            return entry.name_en if self.lang == "en" else entry.name_zh
        return entry.title_en if self.lang == "en" else entry.title_zh

    def unit(self, metric: Any) -> str:
        return metric.unit_en if self.lang == "en" else metric.unit_zh

    def status(self, status: str | None) -> str:
        """The status in words; empty for none."""
        return self.t(f"status.{status}") if status else ""

    def yes_no(self, value: Any) -> str:
        """'是'/'否' for a truth value, empty when unknown."""
        if fmt.is_missing(value):
            return ""
        return self.t("word.yes" if bool(value) else "word.no")

    def header(self, column: str, percent_points: bool = True) -> str:
        """The heading of a canonical column: ``col.<name>``, or a status's words for a
        column counting that status; unknown names stay as they are. A share held in
        percentage points is headed "… (%)" (not when its cells are written "83%")."""
        key = f"col.{HEADER_ALIASES.get(column, column)}"
        if column.startswith(TASK_COLUMN_PREFIX):  # a count of tasks in one status
            task_status = f"tasks.status.{column.removeprefix(TASK_COLUMN_PREFIX)}"
            if task_status in STRINGS:
                return self.t(task_status)
        if key not in STRINGS:
            return self.status(column) if f"status.{column}" in STRINGS else column
        label = self.t(key)
        return f"{label} (%)" if percent_points and column in PERCENT_FIELDS else label

    def headed(self, frame: pd.DataFrame) -> pd.DataFrame:
        """``frame`` with its canonical column names replaced by headings, for drawing."""
        return frame.rename(columns={c: self.header(c) for c in frame.columns})

    def number(self, value: Any, digits: int = 2) -> str:
        return fmt.number(value, self.lang, digits)

    def problem(self, problem: Problem) -> str:
        """What is wrong; a message may name the place too (a catalog's always do)."""
        return self.t(problem.key, **(problem.location() | problem.params))

    def describe(self, problem: Problem) -> str:
        """ "row 3, column 'value': …": the problem with where it is (a catalog problem's
        message names its entry, field or line itself)."""
        if problem.entry is not None:
            return self.problem(problem)
        where = []
        if problem.row is not None:
            where.append(self.t("report.at_row", row=problem.row))
        if problem.column is not None:
            where.append(self.t("report.at_column", column=problem.column))
        prefix = (", ".join(where) + ": ") if where else ""
        return prefix + self.problem(problem)

    def error(self, exc: BaseException) -> str:
        """The message of any error for a reader: its key and parameters told in this
        language where it is a :class:`kpi.domain.errors.UserError`, followed by the
        problems it carries, one a line (a CatalogError's)."""
        key = getattr(exc, "key", None)
        if not (isinstance(key, str) and key in STRINGS):
            return str(exc)
        told = [self.t(key, **getattr(exc, "params", {}))]
        told += [f"  - {self.describe(p)}" for p in getattr(exc, "problems", ())]
        return "\n".join(told)


@dataclass(frozen=True)
class ViewState:
    """The reader's whole context, made once by a page or a command and passed down:
    language, as-of date, "as known at" moment and jurisdiction (None: all). Frozen and
    hashable, so caches key on it."""

    locale: Locale
    as_of: date
    jurisdiction: str | None = None
    known_at: date | datetime | None = None

    @property
    def lang(self) -> Lang:
        return self.locale.lang


_LOCALES: dict[str, Locale] = {lang: Locale(lang) for lang in LANGS}


def locale(code: str | None = None) -> Locale:
    """The Locale of the language ``code`` (from a URL, a command line); an unknown or
    empty code gets the default language (Chinese)."""
    return _LOCALES.get(code or DEFAULT_LANG, _LOCALES[DEFAULT_LANG])
