"""The sigmoidal activations: the logistic sigmoid and tanh, with their functional forms."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from actbook.activations._base import Activation, ActivationProperties
from actbook.activations._sigmoid_kernels import _sigmoid, _sigmoid_slope
from actbook.validation import positive_real


class Sigmoid(Activation):
    """Logistic sigmoid with steepness ``a``: sigma(x; a) = 1 / (1 + exp(-a x)).

    Derivative: a sigma(a x) (1 - sigma(a x)), computed as a e / (1 + e)^2 with
    ``e = exp(-abs(a x))``, so it neither overflows nor cancels. With ``a`` != 1 the
    product ``a * x`` is rounded first; its error is amplified by
    ``abs(a x) (1 - sigma(a x))``. The derivative peaks at x = 0 with a / 4.

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
        self.a = positive_real(a, "a")

    def _hyperparameters(self) -> list[tuple[str, Any]]:
        return [("a", self.a)]

    def _value(self, x: np.ndarray) -> np.ndarray:
        return _sigmoid(x, scale=self.a)  # 1 / (1 + exp(-a x))

    def _derivative(self, x: np.ndarray) -> np.ndarray:
        return _sigmoid_slope(x, scale=self.a, factor=self.a)  # a sigma(a x) (1 - sigma(a x))

    def _derivative_peak(self) -> float:
        return self.a / 4


class Tanh(Activation):
    """Hyperbolic tangent; derivative 1 - tanh(x)^2, computed as 4 sigma'(2 x).

    The form ``1 - tanh^2`` would give 0 for ``abs(x) > 19`` where the true value is about
    ``4 exp(-2 abs(x))``; ``4 sigma'(2x) = 4 e / (1 + e)^2`` with ``e = exp(-2 abs(x))``
    keeps full precision. The derivative peaks at x = 0 with 1.

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
        return _sigmoid_slope(x, scale=2.0, factor=4.0)  # 1 - tanh(x)^2 = 4 sigma'(2x)

    def _derivative_peak(self) -> float:
        return 1.0


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
