"""The Poisson probability the engine's forecast needs, with numpy and the standard
library (scipy costs a third of a second to import, for this one function).

``at_least(n, mu)`` is P(X >= n) for X ~ Poisson(mu), which is the regularized lower
incomplete gamma function P(n, mu): summed as a series where mu < n + 1 and as one
minus the continued fraction of its complement elsewhere (Numerical Recipes, 6.2), so
that neither tail is found by subtracting two numbers close to one.
"""

from __future__ import annotations

import math

import numpy as np

_EPS = 1e-16
_TINY = 1e-300
#: Iterations are about 10 * sqrt(n) at worst (n near mu); this only stops runaway input.
_MAX_ITERATIONS = 1_000_000

#: From here lgamma is Stirling's series to 1/a^7 (its error is below 1e-17 there).
_STIRLING_FROM = 30
_lgamma = np.frompyfunc(math.lgamma, 1, 1)


def at_least(n: np.ndarray | float, mu: np.ndarray | float) -> np.ndarray:
    """P(X >= n), X ~ Poisson(mu), elementwise; n is rounded down to a whole number.

    1 where n <= 0, 0 where mu is 0 (and n >= 1), NaN where either is NaN or mu < 0.
    """
    n_, mu_ = np.broadcast_arrays(np.floor(np.asarray(n, float)), np.asarray(mu, float))
    out = np.full(n_.shape, np.nan)
    out[n_ <= 0] = 1.0
    out[(n_ >= 1) & (mu_ == 0)] = 0.0
    todo = (n_ >= 1) & (mu_ > 0) & np.isfinite(mu_)
    a, x = n_[todo], mu_[todo]
    log_factor = _log_factor(a, x)
    p = np.empty(a.shape)
    series = x < a + 1
    p[series] = _series(a[series], x[series]) * np.exp(log_factor[series])
    cf = ~series
    p[cf] = 1.0 - _continued_fraction(a[cf], x[cf]) * np.exp(log_factor[cf])
    out[todo] = np.clip(p, 0.0, 1.0)
    return out


def _log_factor(a: np.ndarray, x: np.ndarray) -> np.ndarray:
    """log(x^a e^-x / Gamma(a)), the factor both expansions share.

    For large a the plain sum of a log x, -x and -lgamma(a) loses digits to their size
    (each about a log a); with Stirling's series for lgamma the large parts cancel
    exactly: a log(x/a) + a - x = a (log1p(t) - t) with t = (x - a) / a.
    (Against 60-digit sums the result agrees to about 1e-14, relatively, as scipy's does.)
    """
    small = a < _STIRLING_FROM
    out = np.empty(a.shape)
    out[small] = a[small] * np.log(x[small]) - x[small] - _lgamma(a[small]).astype(float)
    b, y = a[~small], x[~small]
    t = (y - b) / b
    inv, inv2 = 1.0 / b, 1.0 / (b * b)
    stirling = inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 / 1680)))
    near = np.abs(t) < 0.5  # log1p(t) - t keeps its digits near t = 0, log(y / b) far off
    main = np.where(near, b * (np.log1p(np.where(near, t, 0)) - t), b * np.log(y / b) + b - y)
    out[~small] = main + 0.5 * np.log(b) - 0.5 * math.log(2 * math.pi) - stirling
    return out


def _series(a: np.ndarray, x: np.ndarray) -> np.ndarray:
    """sum_k x^k / (a (a+1) ... (a+k)): P(a, x) without its factor; converges for x < a+1."""
    total = 1.0 / a
    term = total.copy()
    ap = a.copy()
    active = np.arange(len(a))
    for _ in range(_MAX_ITERATIONS):
        if not len(active):
            break
        ap[active] += 1
        term[active] *= x[active] / ap[active]
        total[active] += term[active]
        active = active[np.abs(term[active]) >= np.abs(total[active]) * _EPS]
    return total


def _continued_fraction(a: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Q(a, x) without its factor by modified Lentz; converges fast for x >= a+1."""
    b = x + 1.0 - a
    c = np.full(a.shape, 1.0 / _TINY)
    d = 1.0 / b
    h = d.copy()
    active = np.arange(len(a))
    for i in range(1, _MAX_ITERATIONS):
        if not len(active):
            break
        an = -i * (i - a[active])
        b[active] += 2.0
        dd = an * d[active] + b[active]
        dd = np.where(np.abs(dd) < _TINY, _TINY, dd)
        cc = b[active] + an / c[active]
        cc = np.where(np.abs(cc) < _TINY, _TINY, cc)
        dd = 1.0 / dd
        step = dd * cc
        d[active], c[active] = dd, cc
        h[active] *= step
        active = active[np.abs(step - 1.0) >= _EPS]
    return h
