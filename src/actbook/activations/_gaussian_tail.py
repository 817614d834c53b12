"""The Gaussian tail Phi(-t) = exp(-t^2/2) * G(t), t >= 0, to about 1 ulp."""

from __future__ import annotations

from decimal import Decimal, localcontext

import numpy as np

_PI = Decimal("3.14159265358979323846264338327950288419716939937510582097494459230781640628")
with localcontext(prec=60):
    _INV_SQRT_2PI_DECIMAL = 1 / (2 * _PI).sqrt()
_INV_SQRT_2PI = float(_INV_SQRT_2PI_DECIMAL)

_TAIL_CLIP = 40.0  # |x| * Phi(-|x|) < 2**-1074 beyond: GELU rounds to 0 (or to x)
_TAYLOR_STEP = 0.25  # Taylor expansions of G about t0 = 0.125, 0.375, ..., 7.875
_TAYLOR_CENTERS = 32
_TAYLOR_TERMS = 14  # remainder < 3e-19 relative for |t - t0| <= 0.125
_CONTINUED_FRACTION_TERMS = 20  # relative error < 1e-20 for t >= 8


def _mills_taylor_coefficients() -> np.ndarray:
    """Taylor coefficients of G(t) = exp(t^2/2) Phi(-t), one column per center.

    Computed once, in 60-digit decimal arithmetic: G(t0) from the series
    G(t) = exp(t^2/2)/2 - c S(t), S(t) = sum t^(2j+1)/(1*3*...*(2j+1)), c = 1/sqrt(2 pi),
    then the higher coefficients from G' = t G - c, i.e.
    (n + 1) a[n+1] = t0 a[n] + a[n-1].
    """
    table = np.empty((_TAYLOR_TERMS, _TAYLOR_CENTERS))
    c = _INV_SQRT_2PI_DECIMAL
    with localcontext(prec=60):
        for k in range(_TAYLOR_CENTERS):
            t = (Decimal(k) + Decimal("0.5")) * Decimal(_TAYLOR_STEP)
            term = series = t
            j = 0
            while term > series * Decimal("1e-60"):
                j += 1
                term = term * t * t / (2 * j + 1)
                series += term
            a = [(t * t / 2).exp() / 2 - c * series]
            a.append(t * a[0] - c)
            for n in range(1, _TAYLOR_TERMS - 1):
                a.append((t * a[n] + a[n - 1]) / (n + 1))
            table[:, k] = [float(v) for v in a]
    return table


_MILLS_TAYLOR = _mills_taylor_coefficients()


def _mills_taylor(t: np.ndarray) -> np.ndarray:
    center = np.minimum((t * (1 / _TAYLOR_STEP)).astype(np.intp), _TAYLOR_CENTERS - 1)
    h = t - (center + 0.5) * _TAYLOR_STEP
    result = np.take(_MILLS_TAYLOR[-1], center)
    for coefficients in _MILLS_TAYLOR[-2::-1]:
        result *= h
        result += np.take(coefficients, center)
    return result


def _mills_continued_fraction(t: np.ndarray) -> np.ndarray:
    # Laplace: Phi(-t)/phi(t) = 1/(t + 1/(t + 2/(t + 3/(t + ...)))), evaluated backwards
    tail = np.zeros_like(t)
    for k in range(_CONTINUED_FRACTION_TERMS, 0, -1):
        tail = k / (t + tail)
    return _INV_SQRT_2PI / (t + tail)


def _mills(t: np.ndarray) -> np.ndarray:
    """G(t) = exp(t^2/2) Phi(-t) for 0 <= t <= _TAIL_CLIP."""
    result = np.empty_like(t)
    far = t >= _TAYLOR_STEP * _TAYLOR_CENTERS
    result[far] = _mills_continued_fraction(t[far])
    result[~far] = _mills_taylor(t[~far])
    return result
