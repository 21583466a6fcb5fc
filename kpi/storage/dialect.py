"""The SQL that differs between DuckDB and PostgreSQL, in one place.

The queries of kpi.storage are written once, in the SQL both understand, with ``?``
placeholders; where the two differ they call a method of the dialect in force.
"""

from __future__ import annotations

import re


class Dialect:
    """DuckDB's spelling; PostgresDialect overrides what PostgreSQL spells otherwise."""

    name = "duckdb"
    #: a column that orders a table's rows as inserted (audit entries within a second)
    insertion_order = "rowid"
    #: columns only this backend has, left out of backups and copies
    internal_columns: frozenset[str] = frozenset()

    def row_order(self, columns: list[str]) -> str | None:
        """How to read a table's rows in insertion order, if this backend knows it."""
        return "rowid"

    def sql(self, text: str) -> str:
        """The statement as the driver takes it (placeholders)."""
        return text

    def arg_max(self, value: str, key: str, where: str | None = None) -> str:
        """``value`` at the row with the largest ``key`` in the group (rows where ``where``)."""
        return f"arg_max({value}, {key}){_filter(where)}"

    def arg_min(self, value: str, key: str, where: str | None = None) -> str:
        return f"arg_min({value}, {key}){_filter(where)}"

    #: How a CTE read twice is asked to be inlined rather than stored: the status query's
    #: values are read by two parts of it, and storing them costs DuckDB a fifth of that
    #: query at 1M rows (reading the kept table twice is cheaper).
    inline_cte = "NOT MATERIALIZED "

    def arg_max_by_day(self, value: str, day: str, where: str | None = None) -> str:
        """``value`` (a number) at the latest ``day`` (a DATE, unique within the group)."""
        return self.arg_max(value, day, where)

    def arg_min_by_day(self, value: str, day: str, where: str | None = None) -> str:
        return self.arg_min(value, day, where)

    def latest_per_group(self, source: str, keys: list[str], values: list[str], order: str) -> str:
        """Per group of ``keys``: the ``values`` and ``order`` of its row with the largest
        ``order`` (columns named as the last part of each expression)."""
        group = ", ".join(keys)
        picked = ", ".join(f"{self.arg_max(v, order)} AS {v.split('.')[-1]}" for v in values)
        name = order.split(".")[-1]
        return f"SELECT {group}, {picked}, max({order}) AS {name} FROM {source} GROUP BY {group}"

    def any_value(self, value: str) -> str:
        return f"any_value({value})"

    def epoch_days(self, day: str) -> str:
        """Days since 1970-01-01 of a DATE, as a double."""
        return f"epoch({day}) / 86400.0"

    def date_list(self, param: str = "?") -> str:
        """A parameter holding a Python list of dates, as rows of one column."""
        return f"unnest(CAST({param} AS DATE[]))"

    def migration_lock(self) -> list[str]:
        """Statements that keep two processes from migrating at once (DuckDB's file lock
        already does)."""
        return []

    def reset_sequence(self, name: str, next_value: int) -> list[str]:
        """Statements that make ``nextval(name)`` return ``next_value`` next."""
        return [f"DROP SEQUENCE IF EXISTS {name}", f"CREATE SEQUENCE {name} START {next_value}"]


class PostgresDialect(Dialect):
    name = "postgresql"
    insertion_order = "seq"
    internal_columns = frozenset({"seq"})

    def row_order(self, columns: list[str]) -> str | None:
        return "seq" if "seq" in columns else None

    def sql(self, text: str) -> str:
        # psycopg takes %s; our SQL has no literal '?' and no literal '%'.
        return re.sub(r"\?", "%s", text.replace("%", "%%"))

    def arg_max(self, value: str, key: str, where: str | None = None) -> str:
        return f"(array_agg({value} ORDER BY {key} DESC){_filter(where)})[1]"

    def arg_min(self, value: str, key: str, where: str | None = None) -> str:
        return f"(array_agg({value} ORDER BY {key}){_filter(where)})[1]"

    def any_value(self, value: str) -> str:
        return f"min({value})"  # PostgreSQL 15 has no any_value

    def arg_max_by_day(self, value: str, day: str, where: str | None = None) -> str:
        # max over [day, value] arrays: a plain aggregate (hashable, no sort per group),
        # where an ordered array_agg sorts every group; days are unique in a group
        pair = f"ARRAY[{self.epoch_days(day)}, CAST({value} AS DOUBLE PRECISION)]"
        return f"(max({pair}){_filter(where)})[2]"

    def arg_min_by_day(self, value: str, day: str, where: str | None = None) -> str:
        pair = f"ARRAY[{self.epoch_days(day)}, CAST({value} AS DOUBLE PRECISION)]"
        return f"(min({pair}){_filter(where)})[2]"

    def latest_per_group(self, source: str, keys: list[str], values: list[str], order: str) -> str:
        # one sorted pass; an array per group is several times slower at 1M rows
        group = ", ".join(keys)
        return (
            f"SELECT DISTINCT ON ({group}) {group}, {', '.join(values)}, {order} "
            f"FROM {source} ORDER BY {group}, {order} DESC"
        )

    def epoch_days(self, day: str) -> str:
        return f"CAST(extract(epoch FROM {day}) AS DOUBLE PRECISION) / 86400.0"

    def date_list(self, param: str = "?") -> str:
        return f"unnest(CAST({param} AS DATE[]))"

    def migration_lock(self) -> list[str]:
        return ["SELECT pg_advisory_xact_lock(7311)"]  # any fixed number of ours

    def reset_sequence(self, name: str, next_value: int) -> list[str]:
        return [f"SELECT setval('{name}', {int(next_value)}, false)"]


def _filter(where: str | None) -> str:
    return f" FILTER (WHERE {where})" if where else ""


DUCKDB = Dialect()
POSTGRES = PostgresDialect()
