"""The activation interface and the input handling every activation shares."""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from dataclasses import dataclass
from numbers import Real
from typing import Any, ClassVar

import numpy as np
from numpy.typing import ArrayLike

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
    >>> from actbook.activations import ReLU, Sigmoid
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
    >>> from actbook.activations import get_activation
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
