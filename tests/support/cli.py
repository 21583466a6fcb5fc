"""The ``kpi`` command in a subprocess, as a user runs it."""

from __future__ import annotations

import subprocess
import sys

from tests.support import ROOT


def run_kpi(
    db, *args: str, lang: str = "en", input_text: str | None = None
) -> subprocess.CompletedProcess:
    """``python -m kpi --db DB --lang LANG ARGS`` in a subprocess, as a user runs it
    (``input_text`` on its stdin)."""
    return subprocess.run(
        [sys.executable, "-m", "kpi", "--db", str(db), "--lang", lang, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        input=input_text,
    )
