"""The forecast's Poisson probability without scipy: P(X >= n) against sums worked out
to 60 digits with the standard library's decimal arithmetic."""

from __future__ import annotations

import math
from decimal import Decimal, localcontext

import numpy as np
import pytest

from kpi.domain.poisson import at_least


def exact(n: int, mu: float) -> float:
    """P(X >= n) for X ~ Poisson(mu), term by term at 60 digits: the smaller tail summed."""
    with localcontext() as ctx:
        ctx.prec = 60
        m = Decimal(repr(mu))
        term, lower = (-m).exp(), Decimal(0)
        for j in range(n):
            lower += term
            term = term * m / (j + 1)
        if n <= m:
            return float(1 - lower)
        upper, j = Decimal(0), n
        while term >= upper * Decimal("1e-40"):
            upper += term
            term = term * m / (j + 1)
            j += 1
        return float(upper)


CASES = [
    # (n, mu): small counts, n near mu, far tails, large thresholds
    (1, 0.5),
    (3, 4.0),
    (10, 10.0),
    (10, 3.0),
    (1, 50.0),
    (7, 12.25),
    (29, 30.0),
    (31, 30.0),
    (40, 25.5),
    (100, 80.0),
    (100, 130.0),
    (200, 150.0),
    (1000, 1000.0),
    (3000, 3100.0),
    (5000, 4800.0),
    (50, 0.001),
    (20, 1e-6),
    (2, 1e-9),
]


@pytest.mark.parametrize(("n", "mu"), CASES)
def test_matches_the_exact_sum(n, mu):
    assert at_least(n, mu) == pytest.approx(exact(n, mu), rel=1e-13, abs=0)


def test_hand_values_and_edges():
    # P(X >= 3) at mu = 4: 1 - e^-4 (1 + 4 + 8)
    assert at_least(3, 4.0) == pytest.approx(1 - math.exp(-4) * 13, rel=1e-15)
    assert at_least(1, 2.0) == pytest.approx(1 - math.exp(-2), rel=1e-15)
    got = at_least(np.array([0, -2, 5, 5, np.nan, 3]), np.array([3.0, 1.0, 0.0, np.nan, 1.0, -1]))
    assert got[:3].tolist() == [1.0, 1.0, 0.0]  # nothing needed: certain; no rate: never
    assert np.isnan(got[3:]).all()


def test_one_column_at_a_time_as_the_engine_calls_it():
    n = np.array([n for n, _ in CASES], dtype=float)
    mu = np.array([mu for _, mu in CASES])
    expected = [exact(int(a), b) for a, b in CASES]
    assert at_least(n, mu) == pytest.approx(expected, rel=1e-13, abs=0)
