"""Rectifiers with an exponential negative side: ELU and softplus."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from actbook.activations._base import Activation, ActivationProperties
from actbook.activations._sigmoid_kernels import _sigmoid
from actbook.validation import positive_real


class ELU(Activation):
    """Exponential linear unit: x for x > 0, alpha (exp(x) - 1) otherwise.

    Computed with ``expm1`` (accurate near 0, no overflow). f'(0) is taken as alpha
    (left derivative); f is differentiable at 0 only for alpha = 1. The derivative's peak
    is max(1, alpha): 1 on the right, alpha exp(x) <= alpha on the left.

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
        self.alpha = positive_real(alpha, "alpha")

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
        negative_side = self.alpha * np.expm1(np.minimum(x, 0.0))  # alpha (exp(x) - 1)
        return np.where(x > 0, x, negative_side)

    def _derivative(self, x: np.ndarray) -> np.ndarray:
        negative_side = self.alpha * np.exp(np.minimum(x, 0.0))
        return np.where(x > 0, 1.0, negative_side).astype(x.dtype, copy=False)

    def _derivative_peak(self) -> float:
        return max(1.0, self.alpha)


class Softplus(Activation):
    """Softplus ``log(1 + exp(x))``, computed as ``max(x, 0) + log1p(exp(-abs(x)))``.

    The rewritten form cannot overflow (exp(x) would for x > 709) and keeps the small
    values for x << 0, where log(1 + exp(x)) rounds 1 + exp(x) to 1. The derivative is
    the sigmoid; its peak is 1, approached as x -> inf but never reached.

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
        # log(1 + exp(x)) = max(x, 0) + log1p(exp(-abs(x)))
        out = np.exp(-np.abs(x))
        np.log1p(out, out=out)
        out += np.maximum(x, 0.0)
        return out

    def _derivative(self, x: np.ndarray) -> np.ndarray:
        return _sigmoid(x)

    def _derivative_peak(self) -> float:
        return 1.0


# --------------------------------------------------------------------------------------
# Functional shortcuts
# --------------------------------------------------------------------------------------


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
