"""Shared builders for tests: quarterly CSV files and a fixed 'today'."""

from __future__ import annotations

from datetime import date

from kpi.ingest import IngestResult, ingest_bytes
from kpi.store import Store

#: Tests ingest as if it were this day: 2026Q3 is the last closed quarter.
TODAY = date(2026, 11, 23)
HEADER = ("jurisdiction", "metric", "period", "value")


def csv_text(rows: list[tuple], header: tuple[str, ...] = HEADER) -> str:
    lines = [",".join(header)] + [",".join(str(c) for c in row) for row in rows]
    return "\n".join(lines) + "\n"


def csv_bytes(
    rows: list[tuple], header: tuple[str, ...] = HEADER, encoding: str = "utf-8"
) -> bytes:
    return csv_text(rows, header).encode(encoding)


def ingest_rows(
    store: Store, rows: list[tuple], name: str = "report.csv", user: str = "tester"
) -> IngestResult:
    """Ingest rows; fail the test loudly if the file is rejected."""
    result = ingest_bytes(store, csv_bytes(rows), name, user, today=TODAY)
    assert result.commit is not None, [p.describe("en") for p in result.parsed.problems]
    return result


def counts(store: Store) -> tuple[int, int, int, int]:
    """(batches, live batches, current observations, data version): 'unchanged' checks."""
    batches = store.batches()
    return (
        len(batches),
        int(batches["reverted_at"].isna().sum()),
        len(store.current_observations()),
        store.data_version(),
    )
