"""Error-free transformations (Dekker): twice the float64 precision where GELU needs it.

Also the exponential of an unevaluated sum ``y + y_low``, rounded once even where the
result is subnormal.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np

_SPLITTER = 134217729.0  # 2**27 + 1


def _split(a):
    c = _SPLITTER * a
    high = c - (c - a)
    return high, a - high


def _two_sum(a, b):
    s = a + b
    b_virtual = s - a
    return s, (a - (s - b_virtual)) + (b - b_virtual)


def _two_prod(a, b):
    p = a * b
    a_high, a_low = _split(a)
    b_high, b_low = _split(b)
    return p, ((a_high * b_high - p) + a_high * b_low + a_low * b_high) + a_low * b_low


def _double_double(value: Decimal) -> tuple[float, float]:
    high = float(value)
    return high, float(value - Decimal(high))


_LOG_SMALLEST_NORMAL = -708.3964185322641  # below it exp() rounds to the subnormal grid


def _exp_double(y, y_low):
    """exp(y + y_low) for a small correction y_low."""
    e = np.exp(y)
    return e + e * y_low


def _exp_times(factor, y, y_low):
    """factor * exp(y + y_low) for factor > 0, rounded once even if the result is subnormal.

    A subnormal exp(y) is already rounded to multiples of 2**-1074; multiplying it by a
    large factor afterwards would magnify that error, so log(factor) goes into the exponent.
    """
    z, z_low = _two_sum(y, np.log(factor))
    return _exp_double(z, z_low + y_low)


def _times_exp(factor, y, y_low):
    """factor * exp(y + y_low), switching to :func:`_exp_times` where exp(y) is subnormal."""
    result = factor * _exp_double(y, y_low)
    tiny = (y < _LOG_SMALLEST_NORMAL) & (factor != 0)
    if np.any(tiny):
        magnitude = _exp_times(np.abs(factor[tiny]), y[tiny], y_low[tiny])
        result[tiny] = np.copysign(magnitude, factor[tiny])
    return result


def _minus_half_square(t):
    """-t^2/2 as an unevaluated sum high + low."""
    square, square_low = _two_prod(t, t)
    return -0.5 * square, -0.5 * square_low
