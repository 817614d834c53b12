"""Self-gated activations x * gate(x): GELU (gate Phi, the normal CDF) and SiLU (gate sigma).

The formulas are the textbook ones. Where a textbook line is numerically poor, a named
helper below says what it buys, where, and at what cost.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import ArrayLike
from scipy import special

from actbook.activations._base import (
    Activation,
    ActivationProperties,
    _float64_by_blocks,
    _maximum_of,
)
from actbook.activations._sigmoid_kernels import _sigmoid, _sigmoid_slope
from actbook.validation import boolean

_SQRT_HALF = math.sqrt(0.5)
_INV_SQRT_2PI = 1 / math.sqrt(2 * math.pi)
_SQRT_8_OVER_PI = math.sqrt(8 / math.pi)  # 2 sqrt(2/pi): tanh(u) = 2 sigma(2u) - 1
_LEFT_TAIL = -3.0  # below it the textbook Phi hands over to the accurate tail


# --------------------------------------------------------------------------------------
# The normal distribution: Phi and phi
# --------------------------------------------------------------------------------------


def _normal_cdf(x: np.ndarray) -> np.ndarray:
    """Phi(x) = 0.5 erfc(-x / sqrt(2)), the textbook formula, and an accurate left tail.

    ``scipy.special.erfc`` gives Phi within 4 ulp for x >= -1, but in the left tail its
    error grows like x^2: it rounds -x/sqrt(2), and inside it rounds the square of
    that before taking exp. Phi is off by up to 16 ulp on [-3, -1], 30 ulp near -4.3,
    2000 ulp near -37, and is 0 below -37.7, where the true value is still 2e-311.
    Below x = -3 :func:`_normal_left_tail_accurately` takes over. That costs about
    30 % more time on N(0, 9) inputs (16 % of them below -3), 7 % on N(0, 1) inputs.
    """
    cdf = special.erfc(x * -_SQRT_HALF)
    cdf *= 0.5
    tail = np.flatnonzero(x < _LEFT_TAIL)
    if tail.size:
        cdf[tail] = _normal_left_tail_accurately(x[tail])
    return cdf


def _normal_left_tail_accurately(x: np.ndarray) -> np.ndarray:
    """Phi(x) for x < 0 as 0.5 erfcx(-x / sqrt(2)) exp(-x^2 / 2), within 6 ulp.

    erfcx(z) = exp(z^2) erfc(z) is the smooth part of erfc: it varies slowly, so
    rounding z costs it at most an ulp, and SciPy evaluates it within 3 ulp for
    z >= 2. The Gaussian factor comes from :func:`_exp_minus_half_square`. Where Phi(x)
    is subnormal (x < -37.5) the result is rounded once to a multiple of 2^-1074.

    Cost: about 3 times erfc per element. erfcx picks one of 100 polynomials by its
    argument, which defeats branch prediction on random inputs, and the tail's elements
    are gathered and scattered; so it is used only where erfc is poor.
    """
    t = np.minimum(-x, 40.0)  # Phi(-40) < 1e-349 is 0 in float64, like Phi(-inf)
    tail = special.erfcx(t * _SQRT_HALF)
    tail *= 0.5
    tail *= _exp_minus_half_square(t)  # last, so that a subnormal result is rounded once
    return tail


def _exp_minus_half_square(x: np.ndarray) -> np.ndarray:
    """exp(-x^2 / 2) within 3 ulp for abs(x) <= 40, where plain exp is off by x^2 / 2 ulp.

    exp(-0.5 * x * x) first rounds x^2, and exp turns that absolute error into a
    relative one of up to x^2 / 2 * 2^-53, about 500 ulp near x = 40. Here x is split as
    high + low, with high = x rounded to float32 (24 bits): high^2 is exact in float64,
    x^2 = high^2 + low (x + high) and the small second term needs no more care.
    Cost: two exps and nine cheap elementwise steps instead of one exp and two.
    """
    high = x.astype(np.float32).astype(np.float64)
    low = x - high
    return np.exp(-0.5 * high * high) * np.exp(-0.5 * low * (x + high))


def _normal_pdf(x: np.ndarray) -> np.ndarray:
    """phi(x) = exp(-x^2 / 2) / sqrt(2 pi), for abs(x) <= 40."""
    return _INV_SQRT_2PI * _exp_minus_half_square(x)


# --------------------------------------------------------------------------------------
# GELU on float64 blocks
# --------------------------------------------------------------------------------------


def _gelu(x: np.ndarray) -> np.ndarray:
    # x Phi(x). Below -40 Phi(x) is 0 and so is the product; clipping the factor x
    # keeps it that way for x = -inf, where -inf * 0 would be NaN.
    return np.maximum(x, -40.0) * _normal_cdf(x)


def _gelu_derivative(x: np.ndarray) -> np.ndarray:
    # Phi(x) + x phi(x). Beyond +-40 the value is 0 or 1 in float64; the clip also
    # keeps inf * phi(inf) = inf * 0 from giving NaN.
    x = np.clip(x, -40.0, 40.0)
    return _normal_cdf(x) + x * _normal_pdf(x)


def _gelu_tanh(x: np.ndarray) -> np.ndarray:
    # 0.5 x (1 + tanh(u)), u = sqrt(2/pi) (x + 0.044715 x^3), written as x sigma(2u):
    # 0.5 (1 + tanh(u)) = sigma(2u), which does not cancel where tanh(u) -> -1.
    # Beyond +-30 the gate is exactly 0 or 1; the clip keeps x^3 from overflowing.
    clipped = np.clip(x, -30.0, 30.0)
    y = _SQRT_8_OVER_PI * (clipped + 0.044715 * clipped * clipped * clipped)  # y = 2u
    return np.maximum(x, -30.0) * _sigmoid(y)


def _gelu_tanh_derivative(x: np.ndarray) -> np.ndarray:
    # 0.5 (1 + tanh(u)) + 0.5 x (1 - tanh(u)^2) u' = sigma(y) + x sigma'(y) y', with y = 2u
    clipped = np.clip(x, -30.0, 30.0)
    square = clipped * clipped
    y = _SQRT_8_OVER_PI * (clipped + 0.044715 * square * clipped)
    y_slope = _SQRT_8_OVER_PI * (1.0 + 3 * 0.044715 * square)
    return _sigmoid(y) + clipped * _sigmoid_slope(y) * y_slope


class GELU(Activation):
    """Gaussian error linear unit x Phi(x) (Hendrycks & Gimpel 2016).

    Phi(x) = 0.5 erfc(-x / sqrt(2)) is the standard normal CDF and phi its density;
    the derivative is Phi(x) + x phi(x), which peaks at x = sqrt(2) with
    Phi(sqrt(2)) + sqrt(2) phi(sqrt(2)) = 1.1289...

    Tanh approximation (``approximate=True``): 0.5 x (1 + tanh(u)) with
    u = sqrt(2/pi) (x + 0.044715 x^3), evaluated as x sigma(2u), which is the same
    function without the cancellation of 1 + tanh(u) for x < 0.

    Accuracy in float64, measured against 50-digit references
    (``tests/test_activation_accuracy.py``):

    - exact GELU: within 16 ulp. The largest errors are those of ``scipy.special.erfc``
      on [-3, -1]; the left tail, from ``erfcx``, stays within 7 ulp and x >= -1 within
      4 ulp. The derivative is within 5 ulp of abs(Phi(x)) + abs(x phi(x)), the size of
      its two terms, which cancel near its zero at x = -0.7518 and nowhere else. Below
      x = -37.5, where Phi(x) is subnormal and rounded to a multiple of 2^-1074, the
      error of both may grow by 40 such units (the results there are below 2e-306).
    - tanh approximation: within 4 ulp for x >= -1. For x < -1 the sigmoid magnifies
      the rounding errors of 2u by abs(2u): the error grows to at most 4 abs(2u) ulp,
      about 1700 ulp at x = -21, where the value is 1e-300. Its derivative likewise,
      relative to the size of its terms.

    Both are computed in float64 and returned in the input's dtype. At 10**6 float64
    samples of N(0, 9), as in ``make bench``, the exact form takes 1.1 to 1.2 times the
    erf formula 0.5 x (1 + erf(x / sqrt(2))), which cancels for x < 0 and is -0.0 from
    x = -8.4 on. The cost depends on the inputs: entries below -3 take the slower
    accurate tail, so for N(0, 1) it is about 1.0 times and for inputs all below -3
    about 2 to 2.7 times.

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
    >>> float(GELU()(-10.0))  # -10 Phi(-10); 0.5 x (1 + erf(x / sqrt(2))) gives -0.0
    -7.61985302416e-23
    """

    name = "gelu"

    def __init__(self, approximate: bool = False) -> None:
        super().__init__()
        self.approximate = boolean(approximate, "approximate")

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

    def _derivative_peak(self) -> float:
        if self.approximate:
            return _maximum_of(lambda x: float(self.derivative(x)), 1.0, 2.0)
        # Phi(sqrt 2) + sqrt(2) phi(sqrt 2), where (Phi + x phi)' = phi(x) (2 - x^2) is 0
        return 0.5 * math.erfc(-1.0) + math.exp(-1.0) / math.sqrt(math.pi)


# --------------------------------------------------------------------------------------
# SiLU
# --------------------------------------------------------------------------------------


class SiLU(Activation):
    """Sigmoid linear unit (swish with beta = 1): x sigma(x).

    Derivative: sigma(x) (1 + x (1 - sigma(x))), computed with 1 - sigma(x) = sigma(-x),
    which does not cancel where sigma(x) rounds towards 1. It peaks at the root of
    x tanh(x / 2) = 2, x = 2.3994, with 1.0998...

    Accuracy in float64 on [-50, 50]: the value within 4 ulp, the derivative within
    4 ulp of the size of its two terms, abs(sigma(x)) + abs(x sigma'(x)); they cancel
    near its zero at x = -1.2785. Where sigma(x) is subnormal (x < -708.4) it is
    rounded to a multiple of 2^-1074 before the product with x, so the error there is
    up to (abs(x) / 2 + 1) * 2^-1074 plus 1 ulp of the result, at most 4e-321.

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
        # x sigma(x); below -1000 sigma(x) is 0 in every float dtype, and the clip keeps
        # -inf * 0 from giving NaN
        return np.maximum(x, -1000.0) * _sigmoid(x)

    def _derivative(self, x: np.ndarray) -> np.ndarray:
        x = np.clip(x, -1000.0, 1000.0)  # beyond, the value is 0 or 1; no inf * 0
        return _sigmoid(x) * (1.0 + x * _sigmoid(-x))

    def _derivative_peak(self) -> float:
        return _maximum_of(lambda x: float(self.derivative(x)), 2.0, 3.0)


# --------------------------------------------------------------------------------------
# Functional shortcuts
# --------------------------------------------------------------------------------------


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
