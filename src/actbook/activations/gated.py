"""Self-gated activations x * gate(x): GELU (gate Phi) and SiLU (gate sigma)."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from actbook.activations._base import Activation, ActivationProperties
from actbook.activations._double_double import _LOG_SMALLEST_NORMAL, _exp_times
from actbook.activations._gelu_kernels import (
    _float64_by_blocks,
    _gelu,
    _gelu_derivative,
    _gelu_tanh,
    _gelu_tanh_derivative,
)
from actbook.activations._sigmoid_kernels import _sigmoid


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
