"""Activation functions: values and derivatives, side by side.

Every activation is a small class with one interface::

    act = get_activation("sigmoid", a=2.0)
    act(x)             # value, same floating dtype as x
    act.derivative(x)  # d value / d x, elementwise
    act.properties     # range, saturation, monotonicity, smoothness, kink convention

and a functional shortcut (``sigmoid(x, a=1.0)``, ``sigmoid_derivative(x, a=1.0)``, ...).

Conventions
-----------
Input
    Python scalars, lists and arrays are accepted. float16, float32 and float64 keep their
    dtype; integers and booleans become float64; anything else (strings, objects, complex
    numbers) raises ``TypeError``. A scalar or 0-d array gives a NumPy scalar.
Numerics
    No input, finite or infinite, overflows or emits a ``RuntimeWarning``; NaN in gives NaN
    out. On [-50, 50] every float64 value and derivative is within 4 ulp of a 50-digit
    reference (``tests/test_activation_accuracy.py`` measures it), except two honest
    cases: near the zeros of SiLU' and GELU' the two terms of the derivative cancel, so
    the error there is bounded by 4 ulp of the larger term; GELU-tanh' stays within 6 ulp.
    The stable forms behind this: the sigmoid uses ``exp(-|x|)``, softplus
    ``max(x, 0) + log1p(exp(-|x|))``, tanh' ``4 e / (1 + e)^2`` with ``e = exp(-2|x|)``,
    ELU ``expm1``, GELU an accurate Gaussian tail and double-double arguments (see
    :class:`GELU`).
Speed
    The sigmoid runs block by block with cache-sized temporaries: at 10**6 float64 it takes
    about half the time of ``scipy.special.expit`` and allocates little beyond its result.
Kinks
    Where a function has a kink at 0 the derivative there is the one of the negative side:
    ReLU'(0) = 0 (as in PyTorch), LeakyReLU'(0) = slope, ELU'(0) = alpha.
"""

from __future__ import annotations

import inspect
import math
from abc import ABC, abstractmethod
from dataclasses import dataclass
from decimal import Decimal, localcontext
from numbers import Real
from typing import Any, ClassVar

import numpy as np
from numpy.typing import ArrayLike

__all__ = [
    "ACTIVATIONS",
    "ELU",
    "GELU",
    "Activation",
    "ActivationProperties",
    "LeakyReLU",
    "PReLU",
    "RReLU",
    "ReLU",
    "SiLU",
    "Sigmoid",
    "Softplus",
    "Tanh",
    "elu",
    "elu_derivative",
    "gelu",
    "gelu_derivative",
    "get_activation",
    "leaky_relu",
    "leaky_relu_derivative",
    "relu",
    "relu_derivative",
    "sigmoid",
    "sigmoid_derivative",
    "silu",
    "silu_derivative",
    "softplus",
    "softplus_derivative",
    "tanh",
    "tanh_derivative",
]

# --------------------------------------------------------------------------------------
# Input and parameter checks
# --------------------------------------------------------------------------------------


def _as_float_array(x: ArrayLike) -> np.ndarray:
    """Return ``x`` as a floating array; integers and booleans become float64."""
    array = np.asarray(x)
    if array.dtype.kind == "f":
        return array
    if array.dtype.kind in "biu":
        return array.astype(np.float64)
    raise TypeError(f"x must be a real number or an array of real numbers, got dtype {array.dtype}")


def _apply(function, x: ArrayLike) -> np.ndarray | np.floating:
    """Evaluate ``function`` on ``x`` as a float array; a NumPy scalar for 0-d input.

    The kernels see at least 1-d arrays: ufuncs turn 0-d arrays into scalars, which
    in-place operations and boolean masks do not accept.
    """
    array = _as_float_array(x)
    result = np.asarray(function(array.reshape(1) if array.ndim == 0 else array))
    return result[0] if array.ndim == 0 else result


def _check_real(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a real number, got {value!r}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    return value


def _check_positive(name: str, value: Any) -> float:
    value = _check_real(name, value)
    if value <= 0:
        raise ValueError(f"{name} must be > 0, got {value}")
    return value


def _keep_nan(out: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Copy the NaNs of ``x`` into ``out`` (piecewise formulas would otherwise drop them)."""
    np.copyto(out, x, where=np.isnan(x))
    return out


# --------------------------------------------------------------------------------------
# Sigmoid kernels: computed block by block so the temporaries stay small and in cache
# --------------------------------------------------------------------------------------

_BLOCK = 16384


def _blockwise(kernel, x: np.ndarray, *args: float) -> np.ndarray:
    """Run ``kernel(x_block, out_block, scratch, *args)`` over blocks of ``x``.

    The only output-sized allocation is the result; the scratch buffer is one block long.
    """
    out = np.empty(x.shape, dtype=x.dtype)
    flat_x, flat_out = x.reshape(-1), out.reshape(-1)
    scratch = np.empty(min(_BLOCK, flat_x.size), dtype=x.dtype)
    for start in range(0, flat_x.size, _BLOCK):
        stop = min(start + _BLOCK, flat_x.size)
        kernel(flat_x[start:stop], flat_out[start:stop], scratch[: stop - start], *args)
    return out


def _scale_into(x: np.ndarray, scale: float, out: np.ndarray) -> np.ndarray:
    if scale == 1.0:
        return x
    with np.errstate(over="ignore"):  # a*x overflowing to +-inf is the right limit
        return np.multiply(x, scale, out=out)


def _sigmoid_block(x: np.ndarray, out: np.ndarray, scratch: np.ndarray, scale: float) -> None:
    y = _scale_into(x, scale, out)
    nonnegative = y >= 0
    np.abs(y, out=out)
    np.negative(out, out=out)
    np.exp(out, out=out)  # e = exp(-|y|) lies in [0, 1]: it cannot overflow
    np.add(out, 1.0, out=scratch)
    np.maximum(out, nonnegative, out=out)  # numerator: 1 if y >= 0, else e
    np.divide(out, scratch, out=out)


def _sigmoid_slope_block(
    x: np.ndarray, out: np.ndarray, scratch: np.ndarray, scale: float, factor: float
) -> None:
    # factor * sigma(y) * sigma(-y) = factor * e / (1 + e)^2 with e = exp(-|y|): no 1 - sigma
    y = _scale_into(x, scale, out)
    np.abs(y, out=out)
    np.negative(out, out=out)
    np.exp(out, out=out)
    np.add(out, 1.0, out=scratch)
    np.divide(out, scratch, out=out)
    np.divide(out, scratch, out=out)
    if factor != 1.0:
        np.multiply(out, factor, out=out)


def _sigmoid(x: np.ndarray, scale: float = 1.0) -> np.ndarray:
    return _blockwise(_sigmoid_block, x, scale)


def _sigmoid_slope(x: np.ndarray, scale: float = 1.0, factor: float = 1.0) -> np.ndarray:
    """``factor * sigma'(scale * x)``."""
    return _blockwise(_sigmoid_slope_block, x, scale, factor)


# --------------------------------------------------------------------------------------
# Error-free transformations (Dekker): twice the float64 precision where GELU needs it
# --------------------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------
# The Gaussian tail Phi(-t) = exp(-t^2/2) * G(t), t >= 0, to about 1 ulp
# --------------------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------
# Piecewise-linear pieces
# --------------------------------------------------------------------------------------


def _leaky(x: np.ndarray, slope: float | np.ndarray) -> np.ndarray:
    """x for x >= 0, slope * x for x < 0; a zero slope gives 0 at -inf (its limit)."""
    # overflow to +-inf is the right value; 0 * inf is unused or fixed just below
    with np.errstate(over="ignore", invalid="ignore"):
        out = np.where(x < 0, slope * x, x)
    return np.where(np.isneginf(x) & (slope == 0), 0.0, out).astype(x.dtype, copy=False)


def _leaky_derivative(x: np.ndarray, slope: float | np.ndarray) -> np.ndarray:
    return _keep_nan(np.where(x > 0, 1.0, slope).astype(x.dtype), x)


# --------------------------------------------------------------------------------------
# The interface
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActivationProperties:
    """What a chapter's comparison table says about an activation.

    Attributes
    ----------
    range : str
        The set of values, as text, e.g. ``"(0, 1)"``; irrational ends are truncated
        after 5 decimals and marked with an ellipsis.
    zero_centered : bool
        True if f(0) = 0 and f takes both signs, so outputs can average to zero.
    saturating : str
        Where the derivative tends to 0: ``"both"``, ``"negative"`` (x -> -inf) or ``"none"``.
    monotonic : bool
        True if f is non-decreasing.
    smooth : bool
        True if f is infinitely differentiable.
    kink_convention : str or None
        For non-smooth functions, the derivative used at the kink.

    Examples
    --------
    >>> Sigmoid().properties.range
    '(0, 1)'
    >>> ReLU().properties.kink_convention
    "f'(0) taken as 0 (left derivative, as in PyTorch)"
    """

    range: str
    zero_centered: bool
    saturating: str
    monotonic: bool
    smooth: bool
    kink_convention: str | None = None


class Activation(ABC):
    """An elementwise activation function with its derivative.

    Subclasses implement ``_value`` and ``_derivative`` on floating arrays; this class does
    the input conversion. ``params`` and ``grads`` are empty except for learnable
    activations (:class:`PReLU`), so a layer can treat every activation alike.

    Examples
    --------
    >>> act = get_activation("tanh")
    >>> act(np.array([0.0, 1.0]))
    array([0.        , 0.76159416])
    >>> act.derivative([0.0])
    array([1.])
    """

    name: ClassVar[str]
    properties: ActivationProperties

    def __init__(self) -> None:
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}

    def __call__(
        self, x: ArrayLike, training: bool = False, rng: np.random.Generator | None = None
    ) -> np.ndarray | np.floating:
        """Value f(x). ``training`` and ``rng`` matter only for :class:`RReLU`."""
        return _apply(self._value, x)

    def derivative(self, x: ArrayLike) -> np.ndarray | np.floating:
        """Elementwise derivative f'(x)."""
        return _apply(self._derivative, x)

    def __repr__(self) -> str:
        arguments = ", ".join(f"{key}={value!r}" for key, value in self._hyperparameters())
        return f"{type(self).__name__}({arguments})"

    def _hyperparameters(self) -> list[tuple[str, Any]]:
        return []

    @abstractmethod
    def _value(self, x: np.ndarray) -> np.ndarray: ...

    @abstractmethod
    def _derivative(self, x: np.ndarray) -> np.ndarray: ...


class Sigmoid(Activation):
    """Logistic sigmoid with steepness ``a``: sigma(x; a) = 1 / (1 + exp(-a x)).

    Derivative: a sigma(a x) (1 - sigma(a x)), computed as a e / (1 + e)^2 with
    ``e = exp(-|a x|)``, so it neither overflows nor cancels. With ``a`` != 1 the product
    ``a * x`` is rounded first; its error is amplified by ``|a x| (1 - sigma(a x))``.

    Parameters
    ----------
    a : float, default 1.0
        Steepness, finite and > 0.

    Examples
    --------
    >>> s = Sigmoid()
    >>> s(np.array([-1000.0, 0.0, 1000.0]))
    array([0. , 0.5, 1. ])
    >>> float(Sigmoid(a=2.0).derivative(0.0))  # a/4
    0.5
    """

    name = "sigmoid"
    properties = ActivationProperties(
        range="(0, 1)", zero_centered=False, saturating="both", monotonic=True, smooth=True
    )

    def __init__(self, a: float = 1.0) -> None:
        super().__init__()
        self.a = _check_positive("a", a)

    def _hyperparameters(self) -> list[tuple[str, Any]]:
        return [("a", self.a)]

    def _value(self, x: np.ndarray) -> np.ndarray:
        return _sigmoid(x, self.a)

    def _derivative(self, x: np.ndarray) -> np.ndarray:
        return _sigmoid_slope(x, self.a, self.a)


class Tanh(Activation):
    """Hyperbolic tangent; derivative 1 - tanh(x)^2, computed as 4 sigma'(2 x).

    The form ``1 - tanh^2`` would give 0 for ``|x| > 19`` where the true value is about
    ``4 exp(-2|x|)``; ``4 sigma'(2x) = 4 e/(1 + e)^2`` with ``e = exp(-2|x|)`` keeps full precision.

    Examples
    --------
    >>> Tanh()(np.array([-1.0, 0.0, 1.0]))
    array([-0.76159416,  0.        ,  0.76159416])
    >>> float(Tanh().derivative(20.0))  # 4 exp(-40), not 0
    1.6993e-17
    """

    name = "tanh"
    properties = ActivationProperties(
        range="(-1, 1)", zero_centered=True, saturating="both", monotonic=True, smooth=True
    )

    def _value(self, x: np.ndarray) -> np.ndarray:
        return np.tanh(x)

    def _derivative(self, x: np.ndarray) -> np.ndarray:
        return _sigmoid_slope(x, 2.0, 4.0)


class ReLU(Activation):
    """Rectified linear unit max(x, 0); ReLU'(0) is taken as 0, like PyTorch.

    Examples
    --------
    >>> ReLU()(np.array([-2.0, 0.0, 3.0]))
    array([0., 0., 3.])
    >>> ReLU().derivative(np.array([-2.0, 0.0, 3.0]))
    array([0., 0., 1.])
    """

    name = "relu"
    properties = ActivationProperties(
        range="[0, ∞)",
        zero_centered=False,
        saturating="negative",
        monotonic=True,
        smooth=False,
        kink_convention="f'(0) taken as 0 (left derivative, as in PyTorch)",
    )

    def _value(self, x: np.ndarray) -> np.ndarray:
        return np.maximum(x, 0.0)

    def _derivative(self, x: np.ndarray) -> np.ndarray:
        return np.heaviside(x, 0.0)  # NaN stays NaN


def _piecewise_linear_properties(
    slope_low: float, kink_convention: str = "f'(0) taken as slope (left derivative)"
) -> ActivationProperties:
    # a negative slope maps x < 0 to positive values: the range is [0, inf) then too
    return ActivationProperties(
        range="(-∞, ∞)" if slope_low > 0 else "[0, ∞)",
        zero_centered=slope_low > 0,
        saturating="negative" if slope_low == 0 else "none",
        monotonic=slope_low >= 0,
        smooth=False,
        kink_convention=kink_convention,
    )


class LeakyReLU(Activation):
    """Leaky ReLU: x for x > 0, slope * x otherwise; f'(0) = slope (left derivative).

    Parameters
    ----------
    slope : float, default 0.01
        Slope of the negative side, finite.

    Examples
    --------
    >>> LeakyReLU(slope=0.1)(np.array([-2.0, 3.0]))
    array([-0.2,  3. ])
    >>> LeakyReLU(slope=0.1).derivative(np.array([-2.0, 0.0, 3.0]))
    array([0.1, 0.1, 1. ])
    """

    name = "leaky_relu"

    def __init__(self, slope: float = 0.01) -> None:
        super().__init__()
        self.slope = _check_real("slope", slope)

    @property
    def properties(self) -> ActivationProperties:
        return _piecewise_linear_properties(self.slope)

    def _hyperparameters(self) -> list[tuple[str, Any]]:
        return [("slope", self.slope)]

    def _value(self, x: np.ndarray) -> np.ndarray:
        return _leaky(x, self.slope)

    def _derivative(self, x: np.ndarray) -> np.ndarray:
        return _leaky_derivative(x, self.slope)


class PReLU(Activation):
    """Parametric ReLU (He et al. 2015): a leaky ReLU whose slope is learned.

    The slope lives in ``params["slope"]`` (a 0-d array, initialised to 0.25 as in the
    paper) so an optimizer can update it in place; ``slope_gradient(x)`` is
    d f / d slope = min(0, x), from which a layer fills ``grads["slope"]`` as
    ``sum(grad_output * slope_gradient(x))``.

    Parameters
    ----------
    slope : float, default 0.25
        Initial slope of the negative side, finite.

    Examples
    --------
    >>> act = PReLU()
    >>> act(np.array([-2.0, 3.0]))
    array([-0.5,  3. ])
    >>> act.slope_gradient(np.array([-2.0, 3.0]))
    array([-2.,  0.])
    >>> act.params["slope"] -= 0.05  # an optimizer step
    >>> act(np.array([-2.0]))
    array([-0.4])
    """

    name = "prelu"

    def __init__(self, slope: float = 0.25) -> None:
        super().__init__()
        self.params = {"slope": np.array(_check_real("slope", slope))}
        self.grads = {"slope": np.zeros(())}

    @property
    def slope(self) -> float:
        """The current slope of the negative side."""
        return float(self.params["slope"])

    @property
    def properties(self) -> ActivationProperties:
        return _piecewise_linear_properties(self.slope)

    def _hyperparameters(self) -> list[tuple[str, Any]]:
        return [("slope", self.slope)]

    def slope_gradient(self, x: ArrayLike) -> np.ndarray | np.floating:
        """d f / d slope = min(0, x), elementwise.

        Examples
        --------
        >>> PReLU().slope_gradient([-1.5, 2.0])
        array([-1.5,  0. ])
        """
        return _apply(lambda array: np.minimum(array, 0.0), x)

    def _value(self, x: np.ndarray) -> np.ndarray:
        return _leaky(x, self.slope)

    def _derivative(self, x: np.ndarray) -> np.ndarray:
        return _leaky_derivative(x, self.slope)


class RReLU(Activation):
    """Randomized leaky ReLU (Xu et al. 2015, arXiv:1505.00853).

    In training every element gets its own negative-side slope drawn from
    U(lower, upper); in evaluation the slope is fixed to (lower + upper) / 2, the mean of
    the training slopes. The slopes of the last training call are kept, so
    ``derivative`` matches the last forward (after an evaluation call it uses the fixed
    slope again).

    The paper parametrises the negative side as x / a with the *divisor* a ~ U(3, 8) and
    uses x / 5.5 at test time. Its slopes 1/a then lie in (1/8, 1/3) like ours, but are not
    uniform: E[1/a] = ln(8/3) / 5, which differs from both 1/5.5 and (1/8 + 1/3) / 2:

    >>> round(math.log(8 / 3) / 5, 4), round(1 / 5.5, 4), round((1 / 8 + 1 / 3) / 2, 4)
    (0.1962, 0.1818, 0.2292)

    Parameters
    ----------
    lower, upper : float, default 1/8 and 1/3
        Bounds of the slope distribution, finite, ``lower <= upper``.
    rng : numpy.random.Generator or int or None
        Source of the slopes when a call passes none (an int is a seed).

    Examples
    --------
    >>> act = RReLU(rng=0)
    >>> act(np.array([-1.0, 2.0]))  # evaluation: slope (1/8 + 1/3) / 2
    array([-0.22916667,  2.        ])
    >>> y = act(np.array([-1.0, -1.0]), training=True)
    >>> bool(np.all((-1 / 3 <= y) & (y <= -1 / 8)))
    True
    >>> bool(np.array_equal(act.derivative(np.array([-1.0, -1.0])), -y))
    True
    """

    name = "rrelu"

    def __init__(
        self,
        lower: float = 1 / 8,
        upper: float = 1 / 3,
        rng: np.random.Generator | int | None = None,
    ) -> None:
        super().__init__()
        self.lower = _check_real("lower", lower)
        self.upper = _check_real("upper", upper)
        if self.lower > self.upper:
            raise ValueError(
                f"lower must be <= upper, got lower={self.lower} and upper={self.upper}"
            )
        self.rng = np.random.default_rng(rng)
        self.last_slopes: np.ndarray | None = None

    @property
    def eval_slope(self) -> float:
        """The slope used in evaluation, (lower + upper) / 2."""
        return (self.lower + self.upper) / 2

    @property
    def properties(self) -> ActivationProperties:
        return _piecewise_linear_properties(
            self.lower, "f'(0) taken as the element's slope (left derivative)"
        )

    def _hyperparameters(self) -> list[tuple[str, Any]]:
        return [("lower", self.lower), ("upper", self.upper)]

    def __call__(
        self,
        x: ArrayLike,
        training: bool = False,
        rng: np.random.Generator | int | None = None,
    ) -> np.ndarray | np.floating:
        """Value; with ``training=True`` draws one slope per element from ``rng``."""
        self.last_slopes = None
        if not training:
            return _apply(self._value, x)
        generator = self.rng if rng is None else np.random.default_rng(rng)
        return _apply(lambda array: self._training_value(array, generator), x)

    def _training_value(self, x: np.ndarray, generator: np.random.Generator) -> np.ndarray:
        slopes = generator.uniform(self.lower, self.upper, size=x.shape)
        self.last_slopes = slopes.astype(x.dtype)
        return _leaky(x, self.last_slopes)

    def _slopes_for(self, x: np.ndarray) -> float | np.ndarray:
        if self.last_slopes is None:
            return self.eval_slope
        if self.last_slopes.shape != x.shape:
            raise ValueError(
                f"x must have the shape of the last training call, {self.last_slopes.shape}, "
                f"got {x.shape}"
            )
        return self.last_slopes

    def _value(self, x: np.ndarray) -> np.ndarray:
        return _leaky(x, self.eval_slope)

    def _derivative(self, x: np.ndarray) -> np.ndarray:
        return _leaky_derivative(x, self._slopes_for(x))


class ELU(Activation):
    """Exponential linear unit: x for x > 0, alpha (exp(x) - 1) otherwise.

    Computed with ``expm1`` (accurate near 0, no overflow). f'(0) is taken as alpha
    (left derivative); f is differentiable at 0 only for alpha = 1.

    Parameters
    ----------
    alpha : float, default 1.0
        Magnitude of the negative saturation value, finite and > 0.

    Examples
    --------
    >>> ELU()(np.array([-1000.0, 0.0, 2.0]))
    array([-1.,  0.,  2.])
    >>> ELU(alpha=0.5).derivative(np.array([-1.0, 0.0, 1.0]))
    array([0.18393972, 0.5       , 1.        ])
    """

    name = "elu"

    def __init__(self, alpha: float = 1.0) -> None:
        super().__init__()
        self.alpha = _check_positive("alpha", alpha)

    @property
    def properties(self) -> ActivationProperties:
        return ActivationProperties(
            range=f"({-self.alpha:g}, ∞)",
            zero_centered=True,
            saturating="negative",
            monotonic=True,
            smooth=False,
            kink_convention="f'(0) taken as alpha (left derivative); f' is continuous "
            "only for alpha = 1",
        )

    def _hyperparameters(self) -> list[tuple[str, Any]]:
        return [("alpha", self.alpha)]

    def _value(self, x: np.ndarray) -> np.ndarray:
        negative_side = self.alpha * np.expm1(np.minimum(x, 0.0))
        return np.where(x > 0, x, negative_side)

    def _derivative(self, x: np.ndarray) -> np.ndarray:
        negative_side = self.alpha * np.exp(np.minimum(x, 0.0))
        return np.where(x > 0, 1.0, negative_side).astype(x.dtype, copy=False)


class GELU(Activation):
    """Gaussian error linear unit x Phi(x) (Hendrycks & Gimpel 2016).

    Exact form: Phi(-t) = exp(-t^2/2) G(t) with G evaluated from Taylor expansions
    (tabulated once in 60-digit arithmetic) for t < 8 and from Laplace's continued fraction
    beyond. ``scipy.special.ndtr`` is not used: it rounds x/sqrt(2) first, and its error
    grows to hundreds of ulp in the left tail.

    Tanh approximation (``approximate=True``): 0.5 x (1 + tanh(y/2)) = x sigma(y) with
    y = 2 sqrt(2/pi) (x + 0.044715 x^3); y is formed in double-double arithmetic because
    sigma amplifies its rounding error by ``|y|``.

    Both are computed in float64 and returned in the input's dtype.

    Parameters
    ----------
    approximate : bool, default False
        Use the tanh approximation.

    Examples
    --------
    >>> GELU()(np.array([-1.0, 0.0, 1.0]))
    array([-0.15865525,  0.        ,  0.84134475])
    >>> GELU(approximate=True)(np.array([-1.0, 1.0]))
    array([-0.15880801,  0.84119199])
    >>> float(GELU().derivative(0.0))
    0.5
    """

    name = "gelu"

    def __init__(self, approximate: bool = False) -> None:
        super().__init__()
        if not isinstance(approximate, bool | np.bool_):
            raise TypeError(f"approximate must be True or False, got {approximate!r}")
        self.approximate = bool(approximate)

    @property
    def properties(self) -> ActivationProperties:
        # minimum -0.169971 at x = -0.75179 (exact), -0.170041 at x = -0.75246 (tanh)
        return ActivationProperties(
            range="[-0.17004…, ∞)" if self.approximate else "[-0.16997…, ∞)",
            zero_centered=True,
            saturating="negative",
            monotonic=False,
            smooth=True,
        )

    def _hyperparameters(self) -> list[tuple[str, Any]]:
        return [("approximate", self.approximate)]

    def _value(self, x: np.ndarray) -> np.ndarray:
        return _float64_by_blocks(_gelu_tanh if self.approximate else _gelu, x)

    def _derivative(self, x: np.ndarray) -> np.ndarray:
        return _float64_by_blocks(
            _gelu_tanh_derivative if self.approximate else _gelu_derivative, x
        )


def _fix_subnormal_tail(out: np.ndarray, x: np.ndarray, factor) -> np.ndarray:
    """Where sigma(x) = exp(x) is subnormal, recompute out = -factor(-x) exp(x) in one rounding."""
    tiny = (x < _LOG_SMALLEST_NORMAL) & (x > -1000.0)
    if x.dtype == np.float64 and np.any(tiny):
        t = -x[tiny]
        out[tiny] = -_exp_times(factor(t), -t, 0.0)
    return out


class SiLU(Activation):
    """Sigmoid linear unit (swish with beta = 1): x sigma(x).

    Derivative: sigma(x) (1 + x (1 - sigma(x))) = sigma(x) + x sigma'(x).

    Examples
    --------
    >>> SiLU()(np.array([-1.0, 0.0, 1.0]))
    array([-0.26894142,  0.        ,  0.73105858])
    >>> float(SiLU().derivative(0.0))
    0.5
    """

    name = "silu"
    properties = ActivationProperties(  # minimum -0.278465 at x = -1.278465
        range="[-0.27846…, ∞)",
        zero_centered=True,
        saturating="negative",
        monotonic=False,
        smooth=True,
    )

    def _value(self, x: np.ndarray) -> np.ndarray:
        # beyond -1000 sigma(x) is 0 in every float dtype; the clip avoids -inf * 0
        out = np.maximum(x, -1000.0) * _sigmoid(x)
        return _fix_subnormal_tail(out, x, lambda t: t)

    def _derivative(self, x: np.ndarray) -> np.ndarray:
        # sigma(x) (1 + x sigma(-x)) over the common denominator (1 + e)^2, e = exp(-|x|):
        # (1 + e (1 + x)) / (1 + e)^2 for x >= 0, e (1 + x + e) / (1 + e)^2 for x < 0
        clipped = np.clip(x, -1000.0, 1000.0)
        e = np.exp(-np.abs(clipped))
        out = np.where(x >= 0, 1.0 + e * (1.0 + clipped), e * ((1.0 + clipped) + e))
        denominator = 1.0 + e
        denominator_error = (1.0 - denominator) + e  # 1 + e = denominator + error, exactly
        out /= denominator
        out /= denominator
        out -= out * (2.0 * denominator_error / denominator)
        return _fix_subnormal_tail(out, x, lambda t: t - 1.0)


class Softplus(Activation):
    """Softplus ``log(1 + exp(x))``, computed as ``max(x, 0) + log1p(exp(-|x|))``.

    The derivative is the sigmoid.

    Examples
    --------
    >>> Softplus()(np.array([-1000.0, 0.0, 1000.0])).tolist()
    [0.0, 0.6931471805599453, 1000.0]
    >>> float(Softplus().derivative(0.0))
    0.5
    """

    name = "softplus"
    properties = ActivationProperties(
        range="(0, ∞)", zero_centered=False, saturating="negative", monotonic=True, smooth=True
    )

    def _value(self, x: np.ndarray) -> np.ndarray:
        out = np.exp(-np.abs(x))
        np.log1p(out, out=out)
        out += np.maximum(x, 0.0)
        return out

    def _derivative(self, x: np.ndarray) -> np.ndarray:
        return _sigmoid(x)


ACTIVATIONS: dict[str, type[Activation]] = {
    cls.name: cls
    for cls in (Sigmoid, Tanh, ReLU, LeakyReLU, PReLU, RReLU, ELU, GELU, SiLU, Softplus)
}
"""Every activation class by name."""


def get_activation(name: str, **params: Any) -> Activation:
    """Build the activation called ``name`` with the given parameters.

    Parameters
    ----------
    name : str
        A key of :data:`ACTIVATIONS`.
    **params
        Passed to the class, e.g. ``a`` for ``"sigmoid"``.

    Returns
    -------
    Activation

    Examples
    --------
    >>> get_activation("leaky_relu", slope=0.2)
    LeakyReLU(slope=0.2)
    >>> get_activation("relu", slope=0.2)
    Traceback (most recent call last):
    ...
    TypeError: relu takes the parameters [], got unknown ['slope']
    >>> get_activation("swish")
    Traceback (most recent call last):
    ...
    ValueError: name must be one of ['elu', 'gelu', 'leaky_relu', 'prelu', 'relu', 'rrelu', 'sigmoid', 'silu', 'softplus', 'tanh'], got 'swish'
    """  # noqa: E501
    if name not in ACTIVATIONS:
        raise ValueError(f"name must be one of {sorted(ACTIVATIONS)}, got {name!r}")
    cls = ACTIVATIONS[name]
    accepted = [p for p in inspect.signature(cls).parameters if p != "self"]
    unknown = sorted(set(params) - set(accepted))
    if unknown:
        raise TypeError(f"{name} takes the parameters {accepted}, got unknown {unknown}")
    return cls(**params)


# --------------------------------------------------------------------------------------
# Functional shortcuts
# --------------------------------------------------------------------------------------


def sigmoid(x: ArrayLike, a: float = 1.0) -> np.ndarray | np.floating:
    """Logistic sigmoid 1 / (1 + exp(-a x)); see :class:`Sigmoid`.

    Examples
    --------
    >>> sigmoid([-1.0, 0.0, 1.0])
    array([0.26894142, 0.5       , 0.73105858])
    """
    return Sigmoid(a)(x)


def sigmoid_derivative(x: ArrayLike, a: float = 1.0) -> np.ndarray | np.floating:
    """a sigma(a x) (1 - sigma(a x)); see :class:`Sigmoid`.

    Examples
    --------
    >>> sigmoid_derivative([0.0, 1.0])
    array([0.25      , 0.19661193])
    """
    return Sigmoid(a).derivative(x)


def tanh(x: ArrayLike) -> np.ndarray | np.floating:
    """Hyperbolic tangent; see :class:`Tanh`.

    Examples
    --------
    >>> tanh([0.0, 1.0])
    array([0.        , 0.76159416])
    """
    return Tanh()(x)


def tanh_derivative(x: ArrayLike) -> np.ndarray | np.floating:
    """1 - tanh(x)^2 without cancellation; see :class:`Tanh`.

    Examples
    --------
    >>> tanh_derivative([0.0, 1.0])
    array([1.        , 0.41997434])
    """
    return Tanh().derivative(x)


def relu(x: ArrayLike) -> np.ndarray | np.floating:
    """max(x, 0); see :class:`ReLU`.

    Examples
    --------
    >>> relu([-1.0, 2.0])
    array([0., 2.])
    """
    return ReLU()(x)


def relu_derivative(x: ArrayLike) -> np.ndarray | np.floating:
    """1 for x > 0, else 0 (ReLU'(0) = 0); see :class:`ReLU`.

    Examples
    --------
    >>> relu_derivative([-1.0, 0.0, 2.0])
    array([0., 0., 1.])
    """
    return ReLU().derivative(x)


def leaky_relu(x: ArrayLike, slope: float = 0.01) -> np.ndarray | np.floating:
    """x for x > 0, slope * x otherwise; see :class:`LeakyReLU`.

    Examples
    --------
    >>> leaky_relu([-100.0, 2.0])
    array([-1.,  2.])
    """
    return LeakyReLU(slope)(x)


def leaky_relu_derivative(x: ArrayLike, slope: float = 0.01) -> np.ndarray | np.floating:
    """1 for x > 0, slope otherwise; see :class:`LeakyReLU`.

    Examples
    --------
    >>> leaky_relu_derivative([-1.0, 2.0])
    array([0.01, 1.  ])
    """
    return LeakyReLU(slope).derivative(x)


def elu(x: ArrayLike, alpha: float = 1.0) -> np.ndarray | np.floating:
    """x for x > 0, alpha (exp(x) - 1) otherwise; see :class:`ELU`.

    Examples
    --------
    >>> elu([-1.0, 2.0])
    array([-0.63212056,  2.        ])
    """
    return ELU(alpha)(x)


def elu_derivative(x: ArrayLike, alpha: float = 1.0) -> np.ndarray | np.floating:
    """1 for x > 0, alpha exp(x) otherwise; see :class:`ELU`.

    Examples
    --------
    >>> elu_derivative([-1.0, 2.0])
    array([0.36787944, 1.        ])
    """
    return ELU(alpha).derivative(x)


def gelu(x: ArrayLike, approximate: bool = False) -> np.ndarray | np.floating:
    """x Phi(x), or its tanh approximation; see :class:`GELU`.

    Examples
    --------
    >>> gelu([-1.0, 1.0])
    array([-0.15865525,  0.84134475])
    """
    return GELU(approximate)(x)


def gelu_derivative(x: ArrayLike, approximate: bool = False) -> np.ndarray | np.floating:
    """Phi(x) + x phi(x), or the derivative of the tanh approximation; see :class:`GELU`.

    Examples
    --------
    >>> gelu_derivative([-1.0, 1.0])
    array([-0.08331547,  1.08331547])
    """
    return GELU(approximate).derivative(x)


def silu(x: ArrayLike) -> np.ndarray | np.floating:
    """x sigma(x); see :class:`SiLU`.

    Examples
    --------
    >>> silu([-1.0, 1.0])
    array([-0.26894142,  0.73105858])
    """
    return SiLU()(x)


def silu_derivative(x: ArrayLike) -> np.ndarray | np.floating:
    """sigma(x) (1 + x (1 - sigma(x))); see :class:`SiLU`.

    Examples
    --------
    >>> silu_derivative([-1.0, 1.0])
    array([0.07232949, 0.92767051])
    """
    return SiLU().derivative(x)


def softplus(x: ArrayLike) -> np.ndarray | np.floating:
    """log(1 + exp(x)); see :class:`Softplus`.

    Examples
    --------
    >>> softplus([-1.0, 1.0])
    array([0.31326169, 1.31326169])
    """
    return Softplus()(x)


def softplus_derivative(x: ArrayLike) -> np.ndarray | np.floating:
    """sigma(x), the derivative of softplus; see :class:`Softplus`.

    Examples
    --------
    >>> softplus_derivative([0.0])
    array([0.5])
    """
    return Softplus().derivative(x)
