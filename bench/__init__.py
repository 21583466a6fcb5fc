"""Benchmarks at scale (``python -m bench.run``); not part of the test suite."""
