"""What became of an uploaded file, from reading it to committing it.

One type for every step and every caller (command line, Upload page, store, tests,
benchmarks): reading and validating (``kpi.ingest.read``) fill the file's name, hash, rows
and problems; checking against the database (``kpi.ingest.workflow``) adds the preview, the
warnings and the batch that already holds the same file; committing
(``Store.commit_batch``) adds the batch id. A commit that writes nothing says why in its
:class:`kpi.domain.outcome.Outcome`. It lives in a module of its own so that the store,
below ingest, can use it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from kpi.domain.problems import Problem, errors, warnings

#: How a row of an upload compares with the current value of its quarter.
CHANGE_KINDS = ("new", "revised", "unchanged")


# eq=False: a result holds frames, which do not compare to one truth value.
@dataclass(frozen=True, eq=False)
class UploadResult:
    """One uploaded file: what was found in it and, once committed, what was written."""

    file_name: str
    sha256: str
    #: The validated rows, ready to commit; empty when the file is rejected.
    rows: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: Graded: any error stops the file (nothing is written); warnings (values that jump
    #: or drop tenfold) let it be committed only once they are accepted.
    problems: list[Problem] = field(default_factory=list)
    #: The rows against current values (``kpi.ingest.workflow.preview_diff``), once compared.
    diff: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: The live batch that already holds this very file (same bytes), if any.
    duplicate_of: dict[str, Any] | None = None
    #: After a commit: the batch written, or the batch that already held the file.
    batch_id: int | None = None
    #: The commit found the same file in a live batch and wrote nothing.
    duplicate: bool = False
    #: What the file reports: "figures" (quarterly values), "tasks" (task progress,
    #: rows as kpi.storage.task_reports.COLUMNS) or "grants" (grants under support
    #: measures, rows as kpi.storage.grant_rows.COLUMNS), told apart by its header.
    report: str = "figures"

    @property
    def errors(self) -> list[Problem]:
        return errors(self.problems)

    @property
    def warnings(self) -> list[Problem]:
        return warnings(self.problems)

    @property
    def ok(self) -> bool:
        """No errors: the rows may be committed (warnings permitting)."""
        return not self.errors

    @property
    def committed(self) -> bool:
        """A commit landed (a new batch, or the batch that already held the file)."""
        return self.batch_id is not None

    @property
    def held_back(self) -> bool:
        """Valid, but not committed because its warnings were not accepted."""
        return self.ok and bool(self.warnings) and not self.committed

    def counts(self) -> dict[str, int]:
        """How many rows are new, revised or unchanged against current values."""
        if self.diff.empty:
            return dict.fromkeys(CHANGE_KINDS, 0)
        found = self.diff["change"].value_counts()
        return {kind: int(found.get(kind, 0)) for kind in CHANGE_KINDS}
