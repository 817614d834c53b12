"""GELU kernels in float64: the exact form from the Gaussian tail, and the tanh
approximation with its argument in double-double, so sigma(y) stays accurate.
"""

from __future__ import annotations

from decimal import Decimal, localcontext

import numpy as np

from actbook.activations._base import _keep_nan
from actbook.activations._double_double import (
    _LOG_SMALLEST_NORMAL,
    _double_double,
    _exp_double,
    _exp_times,
    _minus_half_square,
    _times_exp,
    _two_prod,
    _two_sum,
)
from actbook.activations._gaussian_tail import _INV_SQRT_2PI, _PI, _TAIL_CLIP, _mills
from actbook.activations._sigmoid_kernels import _BLOCK, _sigmoid, _sigmoid_slope


def _gelu(x: np.ndarray) -> np.ndarray:
    t = np.fmin(np.abs(x), _TAIL_CLIP)  # fmin maps NaN to the clip; x keeps the NaN
    g = _mills(t)
    y, y_low = _minus_half_square(t)
    lower_tail = g * _exp_double(y, y_low)  # Phi(-|x|)
    return np.where(x < 0, -_times_exp(t * g, y, y_low), x * (1.0 - lower_tail))


def _gelu_derivative(x: np.ndarray) -> np.ndarray:
    # Phi(x) + x phi(x) = -E (t c - G) for x = -t < 0 and 1 + E (t c - G) for x = t >= 0
    t = np.fmin(np.abs(x), _TAIL_CLIP)
    y, y_low = _minus_half_square(t)
    d = _times_exp(t * _INV_SQRT_2PI - _mills(t), y, y_low)
    return _keep_nan(np.where(x < 0, -d, 1.0 + d), x)


# --------------------------------------------------------------------------------------
# GELU, tanh approximation: its argument in double-double, so sigma(y) stays accurate
# --------------------------------------------------------------------------------------

with localcontext(prec=60):
    _SQRT_8_OVER_PI = _double_double((8 / _PI).sqrt())  # 2 sqrt(2/pi)
_GELU_CUBIC = _double_double(Decimal("0.044715"))
_GELU_TANH_CLIP = 30.0  # sigma(y(+-30)) is exactly 1 or 0 in float64


def _gelu_tanh_argument(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """y = 2 sqrt(2/pi) (x + 0.044715 x^3) as an unevaluated sum high + low."""
    c_high, c_low = _SQRT_8_OVER_PI
    k_high, k_low = _GELU_CUBIC
    square, square_low = _two_prod(x, x)
    cubic, cubic_low = _two_prod(k_high, square)
    cubic_low += k_high * square_low + k_low * square
    factor, factor_low = _two_sum(1.0, cubic)
    factor_low += cubic_low
    inner, inner_low = _two_prod(x, factor)
    inner_low += x * factor_low
    y, y_low = _two_prod(c_high, inner)
    y_low += c_high * inner_low + c_low * inner
    return _two_sum(y, y_low)


def _gelu_tanh(x: np.ndarray) -> np.ndarray:
    clipped = np.clip(x, -_GELU_TANH_CLIP, _GELU_TANH_CLIP)
    y, y_low = _gelu_tanh_argument(clipped)
    s = _sigmoid(y)
    s += s * (1.0 - s) * y_low  # sigma(y + y_low) to first order in y_low
    out = np.where(x > _GELU_TANH_CLIP, x, clipped * s)
    tiny = y < _LOG_SMALLEST_NORMAL  # there sigma(y) = exp(y) and x sigma(y) is subnormal
    if np.any(tiny):
        out[tiny] = -_exp_times(-clipped[tiny], y[tiny], y_low[tiny])
    return out


def _gelu_tanh_derivative(x: np.ndarray) -> np.ndarray:
    # d/dx [x sigma(y)] = sigma(y) + x sigma'(y) y'(x), y' = 2 sqrt(2/pi) (1 + 3 * 0.044715 x^2)
    clipped = np.clip(x, -_GELU_TANH_CLIP, _GELU_TANH_CLIP)
    y, y_low = _gelu_tanh_argument(clipped)
    s = _sigmoid(y)
    slope = _sigmoid_slope(y)
    s += slope * y_low
    slope += slope * (1.0 - 2.0 * s) * y_low
    dy = _SQRT_8_OVER_PI[0] * (1.0 + (3.0 * _GELU_CUBIC[0]) * (clipped * clipped))
    out = s + clipped * slope * dy
    tiny = y < _LOG_SMALLEST_NORMAL  # there sigma = sigma' = exp(y): out = (1 + x y') exp(y)
    if np.any(tiny):
        out[tiny] = -_exp_times(-clipped[tiny] * dy[tiny] - 1.0, y[tiny], y_low[tiny])
    return out


def _float64_by_blocks(function, x: np.ndarray) -> np.ndarray:
    """Evaluate ``function`` in float64 block by block; return x's dtype.

    The double-double steps need float64; blocks keep their many temporaries in cache
    and the peak memory near the size of the result.
    """
    out = np.empty(x.shape, dtype=x.dtype)
    flat_x, flat_out = x.reshape(-1), out.reshape(-1)
    for start in range(0, flat_x.size, _BLOCK):
        block = flat_x[start : start + _BLOCK].astype(np.float64, copy=False)
        flat_out[start : start + _BLOCK] = function(block)
    return out
