"""The dashboard in Streamlit's AppTest, for the page benchmarks (the tests have their own
in tests.support.pages: benchmarks never import the tests)."""

from __future__ import annotations

import functools
from pathlib import Path

from streamlit.components.v2.component_manager import BidiComponentManager
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parent.parent / "app.py"


def app_test(page: str, *, timeout: float, **params: str) -> AppTest:
    """The dashboard as a server runs it (through app.py), with URL ``params``, opened on
    ``pages/<page>.py``; not run yet. The database is env KPI_DB."""
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    at._bidi_component_manager = _installed_components()  # private: see that function
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(f"pages/{page}.py")
    return at


@functools.cache
def _installed_components() -> BidiComponentManager:
    """Streamlit's registry of installed custom components, scanned once per process as a
    server scans it once at start. A fresh AppTest rescans the metadata of every installed
    package (about 0.3 s of each run here), which no rerun in a server pays."""
    manager = BidiComponentManager()
    manager.discover_and_register_components(start_file_watching=False)
    return manager
