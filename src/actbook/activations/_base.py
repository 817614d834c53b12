"""The activation interface and the array handling every activation shares."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
from numpy.typing import ArrayLike

from actbook import validation
from actbook.validation import float_array

_BLOCK = 16384
"""Elements per block of the blockwise kernels: 128 KiB of float64, small enough for cache."""


# --------------------------------------------------------------------------------------
# Arrays in, arrays out
# --------------------------------------------------------------------------------------


def _apply(
    function, x: ArrayLike, hyperparameters: tuple[float, ...] = ()
) -> np.ndarray | np.floating:
    """Evaluate ``function`` on ``x`` as a float array; a NumPy scalar for 0-d input.

    ``x`` follows the package's one dtype rule (:func:`actbook.validation.float_array`).
    The kernels see at least 1-d arrays: ufuncs turn 0-d arrays into scalars, which
    in-place operations and boolean masks do not accept. Where a hyperparameter lies
    beyond the range of a float16 or float32 input (a slope of 1e300, a steepness of
    1e-300), it would round to inf or 0 before use; the kernel then runs in float64 and
    the result is rounded to the input's dtype once.
    """
    array = float_array(x, "x")
    dtype = array.dtype
    if dtype != np.float64 and _beyond_range(hyperparameters, dtype):
        array = array.astype(np.float64)
    result = np.asarray(function(array.reshape(1) if array.ndim == 0 else array))
    if result.dtype != dtype:
        with np.errstate(over="ignore"):  # beyond the dtype's range: +-inf, correctly rounded
            result = result.astype(dtype)
    return result[0] if array.ndim == 0 else result


def _beyond_range(values: tuple[float, ...], dtype: np.dtype) -> bool:
    info = np.finfo(dtype)
    low, high = float(info.tiny), float(info.max)
    return any(v != 0 and not low <= abs(v) <= high for v in values)


def _keep_nan(out: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Copy the NaNs of ``x`` into ``out`` (piecewise formulas would otherwise drop them)."""
    np.copyto(out, x, where=np.isnan(x))
    return out


def _float64_by_blocks(function, x: np.ndarray) -> np.ndarray:
    """``function(x)`` evaluated in float64, ``_BLOCK`` elements at a time, in x's dtype.

    For formulas of many elementwise steps: each step's temporary is one block long,
    so it stays in cache instead of costing a pass over memory, and float16 or float32
    inputs get the float64 result rounded once.
    """
    out = np.empty(x.shape, dtype=x.dtype)
    flat_x, flat_out = x.reshape(-1), out.reshape(-1)
    for start in range(0, flat_x.size, _BLOCK):
        block = flat_x[start : start + _BLOCK].astype(np.float64, copy=False)
        flat_out[start : start + _BLOCK] = function(block)
    return out


def _maximum_of(function: Callable[[float], float], low: float, high: float) -> float:
    """The maximum of a smooth function with a single peak inside [low, high].

    Brent's bounded search; near a peak the function is flat, so locating the peak to
    1e-10 gives its value to rounding.
    """
    from scipy.optimize import minimize_scalar  # slow to import, and rarely needed

    result = minimize_scalar(
        lambda x: -function(x), bounds=(low, high), method="bounded", options={"xatol": 1e-10}
    )
    return float(-result.fun)


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


def _check_training_arguments(training: Any, rng: Any) -> bool:
    """Check ``training`` (True or False) and ``rng`` (None, a Generator or a seed)."""
    training = validation.boolean(training, "training")
    if rng is not None and not isinstance(rng, np.random.Generator):
        validation.as_generator(rng, "rng")
    return training


class Activation(ABC):
    """An elementwise activation function with its derivative.

    Subclasses implement ``_value`` and ``_derivative`` on floating arrays and
    ``_derivative_peak``; this class does the input conversion. ``params`` and ``grads``
    are empty except for learnable activations (:class:`PReLU`), so a layer can treat
    every activation alike.

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
        """Value f(x). ``training`` and ``rng`` matter only for :class:`RReLU`.

        They are checked all the same, so that a mistyped argument is never ignored.
        """
        _check_training_arguments(training, rng)
        return _apply(self._value, x, self._scalars())

    def derivative(self, x: ArrayLike) -> np.ndarray | np.floating:
        """Elementwise derivative f'(x)."""
        return _apply(self._derivative, x, self._scalars())

    def _scalars(self) -> tuple[float, ...]:
        return tuple(v for _, v in self._hyperparameters() if isinstance(v, float))

    def derivative_peak(self) -> float:
        """The peak of the derivative: the supremum of abs(f'(x)) over all real x.

        A supremum over the whole real line, not a maximum on a grid: softplus' derivative
        approaches 1 without reaching it, and its peak is 1. Each activation knows its
        peak in closed form, or finds it by a bounded search for the one maximum of f'
        (SiLU and the tanh approximation of GELU). At a kink both one-sided derivatives
        count, so ELU's peak is max(1, alpha).

        For :class:`RReLU` the peak bounds every slope it can use, the ones drawn in
        training as well as the evaluation slope between them: max(1, abs(lower),
        abs(upper)). It never depends on the slopes of the last training call.

        Returns
        -------
        float
            A number >= 0 with ``abs(f'(x)) <= peak`` for every x.

        Examples
        --------
        >>> from actbook.activations import get_activation
        >>> [get_activation(name).derivative_peak() for name in ("sigmoid", "tanh", "relu")]
        [0.25, 1.0, 1.0]
        >>> get_activation("sigmoid", a=2.0).derivative_peak()  # a / 4
        0.5
        >>> round(get_activation("gelu").derivative_peak(), 6)  # at x = sqrt(2)
        1.128904
        >>> get_activation("softplus").derivative_peak()  # approached, never reached
        1.0
        """
        return float(self._derivative_peak())

    def __repr__(self) -> str:
        arguments = ", ".join(f"{key}={value!r}" for key, value in self._hyperparameters())
        return f"{type(self).__name__}({arguments})"

    def _hyperparameters(self) -> list[tuple[str, Any]]:
        return []

    @abstractmethod
    def _value(self, x: np.ndarray) -> np.ndarray: ...

    @abstractmethod
    def _derivative(self, x: np.ndarray) -> np.ndarray: ...

    @abstractmethod
    def _derivative_peak(self) -> float: ...
