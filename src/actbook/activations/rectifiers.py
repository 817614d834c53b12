"""The piecewise-linear rectifiers: ReLU, leaky ReLU, PReLU and RReLU."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from actbook.activations._base import (
    Activation,
    ActivationProperties,
    _apply,
    _check_training_arguments,
    _keep_nan,
)
from actbook.validation import as_generator, finite_real

# --------------------------------------------------------------------------------------
# Piecewise-linear pieces
# --------------------------------------------------------------------------------------


def _leaky(x: np.ndarray, slope: float | np.ndarray) -> np.ndarray:
    """x for x >= 0, slope * x for x < 0; a zero slope gives 0 at -inf (its limit)."""
    # overflow to +-inf is the right value; 0 * inf is unused or fixed just below
    with np.errstate(over="ignore", invalid="ignore"):
        out = np.where(x < 0, slope * x, x)
        out = np.where(np.isneginf(x) & (slope == 0), 0.0, out)
        return out.astype(x.dtype, copy=False)


def _leaky_derivative(x: np.ndarray, slope: float | np.ndarray) -> np.ndarray:
    return _keep_nan(np.where(x > 0, 1.0, slope).astype(x.dtype), x)


# --------------------------------------------------------------------------------------
# The rectifiers
# --------------------------------------------------------------------------------------


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

    def _derivative_peak(self) -> float:
        return 1.0


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
        self.slope = finite_real(slope, "slope")

    @property
    def properties(self) -> ActivationProperties:
        return _piecewise_linear_properties(self.slope)

    def _hyperparameters(self) -> list[tuple[str, Any]]:
        return [("slope", self.slope)]

    def _value(self, x: np.ndarray) -> np.ndarray:
        return _leaky(x, self.slope)

    def _derivative(self, x: np.ndarray) -> np.ndarray:
        return _leaky_derivative(x, self.slope)

    def _derivative_peak(self) -> float:
        return max(1.0, abs(self.slope))


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
        self.params = {"slope": np.array(finite_real(slope, "slope"))}
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
        return _apply(lambda array: np.minimum(array, 0.0), x, self._scalars())

    def _value(self, x: np.ndarray) -> np.ndarray:
        return _leaky(x, self.slope)

    def _derivative(self, x: np.ndarray) -> np.ndarray:
        return _leaky_derivative(x, self.slope)

    def _derivative_peak(self) -> float:
        return max(1.0, abs(self.slope))


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

    >>> import math
    >>> round(math.log(8 / 3) / 5, 4), round(1 / 5.5, 4), round((1 / 8 + 1 / 3) / 2, 4)
    (0.1962, 0.1818, 0.2292)

    Parameters
    ----------
    lower, upper : float, default 1/8 and 1/3
        Bounds of the slope distribution, finite, ``lower <= upper``.
    rng : numpy.random.Generator or int or None
        Source of the slopes when a call passes none (an int is a seed; None, seed 0).

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
    >>> act.derivative_peak()  # bounds every slope in [lower, upper], whatever was drawn
    1.0
    """

    name = "rrelu"

    def __init__(
        self,
        lower: float = 1 / 8,
        upper: float = 1 / 3,
        rng: np.random.Generator | int | None = None,
    ) -> None:
        super().__init__()
        self.lower = finite_real(lower, "lower")
        self.upper = finite_real(upper, "upper")
        if self.lower > self.upper:
            raise ValueError(
                f"lower must be <= upper, got lower={self.lower} and upper={self.upper}"
            )
        self.rng = as_generator(rng, "rng")
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
        if not _check_training_arguments(training, rng):
            return _apply(self._value, x, self._scalars())
        generator = self.rng if rng is None else as_generator(rng, "rng")
        return _apply(lambda array: self._training_value(array, generator), x, self._scalars())

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

    def _derivative_peak(self) -> float:
        # every drawn slope and the evaluation slope lie in [lower, upper]
        return max(1.0, abs(self.lower), abs(self.upper))


# --------------------------------------------------------------------------------------
# Functional shortcuts
# --------------------------------------------------------------------------------------


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
