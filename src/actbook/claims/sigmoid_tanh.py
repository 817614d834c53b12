"""Claims of the chapter *Sigmoid and tanh* (book/chapters/sigmoid-tanh.md).

Every function below computes one number that the chapter quotes. Grids are
built from integers divided by a power of ten so that they contain ``x = 0``
exactly: the maxima of both derivatives sit there. The maxima on the grid are the
chapter's numerical check of :meth:`actbook.activations.Activation.derivative_peak`;
everything else that needs a peak (the saturation thresholds) takes it from there,
with the package's 1 % rule :data:`actbook.nn.SATURATION_THRESHOLD`.

Examples
--------
The values the book shows; the timings (``volatile``) are measured at build time instead.

>>> from actbook.claims import REGISTRY
>>> for claim_id, claim in sorted(REGISTRY.items()):
...     if claim_id.startswith("sigmoid_tanh.") and not claim.volatile:
...         print(claim_id, claim.render())
sigmoid_tanh.float64_zero_derivative_x 36.74
sigmoid_tanh.logistic_ode_error 6 × 10⁻¹²
sigmoid_tanh.shape_slope_error 1 × 10⁻¹⁰
sigmoid_tanh.sigmoid_curvature_x 1.317
sigmoid_tanh.sigmoid_derivative_argmax 0
sigmoid_tanh.sigmoid_derivative_fd_error 2 × 10⁻¹¹
sigmoid_tanh.sigmoid_derivative_forms_error 2 × 10⁻¹⁶
sigmoid_tanh.sigmoid_derivative_max 0.25
sigmoid_tanh.sigmoid_derivative_min_20 2.06 × 10⁻⁹
sigmoid_tanh.sigmoid_saturation_x 5.99
sigmoid_tanh.tanh_derivative_argmax 0
sigmoid_tanh.tanh_derivative_fd_error 3 × 10⁻¹¹
sigmoid_tanh.tanh_derivative_forms_error 4 × 10⁻¹⁶
sigmoid_tanh.tanh_derivative_max 1
sigmoid_tanh.tanh_identity_error 3 × 10⁻¹⁶
sigmoid_tanh.tanh_saturation_x 2.99
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import numpy as np
from scipy.integrate import solve_ivp
from scipy.optimize import brentq, minimize_scalar

from actbook.activations import (
    Sigmoid,
    Tanh,
    relu,
    sigmoid,
    sigmoid_derivative,
    tanh,
    tanh_derivative,
)
from actbook.claims._registry import claim, fixed, ratio, sci
from actbook.nn import SATURATION_THRESHOLD, derivative_peak
from actbook.timing import RatioTiming, time_ratio

#: Step 1e-3 on [-10, 10]; contains 0 exactly.
GRID = np.arange(-10_000, 10_001) / 1_000.0
#: Central-difference step: balances truncation (~h**2) against rounding (~eps/h).
STEP = 1e-5
#: Values of the shape parameter shown in the chapter's figure and checked below.
SHAPES = (0.5, 1.0, 2.0, 4.0)
#: Number of float64 elements in the timing of the exponential.
TIMING_SIZE = 1_000_000
#: Batch size and width of the dense layer timed with each activation.
LAYER_SIZE = 1_000


def central_difference(f: Callable[[np.ndarray], np.ndarray], x: np.ndarray) -> np.ndarray:
    """Return the central difference ``(f(x + h) - f(x - h)) / 2h`` with ``h = STEP``.

    Examples
    --------
    >>> import numpy as np
    >>> float(central_difference(np.square, np.array([3.0]))[0])
    6.0000000
    """
    return (f(x + STEP) - f(x - STEP)) / (2.0 * STEP)


def max_abs_difference(values: np.ndarray, reference: np.ndarray) -> float:
    """Return ``max |values - reference|`` as a Python float.

    Examples
    --------
    >>> import numpy as np
    >>> max_abs_difference(np.array([1.0, 2.0]), np.array([1.5, 2.0]))
    0.5
    """
    return float(np.max(np.abs(values - reference)))


# --- Derivatives ------------------------------------------------------------------------


@claim(
    "sigmoid_tanh.sigmoid_derivative_fd_error",
    fmt=sci(1),
    statement=r"The sigmoid's derivative is $\sigma'(x) = \sigma(x)\,(1 - \sigma(x))$.",
    method=(
        r"Largest gap between $\sigma(1 - \sigma)$ and a central difference with step "
        r"$10^{-5}$ on a grid of step $10^{-3}$ over $[-10, 10]$."
    ),
    sources=("S1", "S2", "S3"),
)
def sigmoid_derivative_fd_error() -> float:
    s = sigmoid(GRID)
    return max_abs_difference(central_difference(sigmoid, GRID), s * (1.0 - s))


@claim(
    "sigmoid_tanh.sigmoid_derivative_forms_error",
    fmt=sci(1),
    statement=r"The two forms $e^{-x}/(1 + e^{-x})^2$ and $\sigma(x)(1 - \sigma(x))$ agree.",
    method=(
        r"Largest gap between the two forms evaluated in float64 on a grid of step "
        r"$10^{-3}$ over $[-10, 10]$."
    ),
    sources=("S2",),
)
def sigmoid_derivative_forms_error() -> float:
    s = sigmoid(GRID)
    e = np.exp(-GRID)
    return max_abs_difference(e / (1.0 + e) ** 2, s * (1.0 - s))


@claim(
    "sigmoid_tanh.tanh_derivative_fd_error",
    fmt=sci(1),
    statement=r"The derivative of tanh is $\tanh'(x) = 1 - \tanh^2(x)$.",
    method=(
        r"Largest gap between $1 - \tanh^2$ and a central difference with step $10^{-5}$ "
        r"on a grid of step $10^{-3}$ over $[-10, 10]$."
    ),
    sources=("S1", "S2", "S3"),
)
def tanh_derivative_fd_error() -> float:
    return max_abs_difference(central_difference(tanh, GRID), 1.0 - tanh(GRID) ** 2)


@claim(
    "sigmoid_tanh.tanh_derivative_forms_error",
    fmt=sci(1),
    statement=r"The two forms $4/(e^x + e^{-x})^2$ and $1 - \tanh^2(x)$ agree.",
    method=(
        r"Largest gap between the two forms evaluated in float64 on a grid of step "
        r"$10^{-3}$ over $[-10, 10]$."
    ),
    sources=("S2",),
)
def tanh_derivative_forms_error() -> float:
    return max_abs_difference(4.0 / (np.exp(GRID) + np.exp(-GRID)) ** 2, 1.0 - tanh(GRID) ** 2)


@claim(
    "sigmoid_tanh.shape_slope_error",
    fmt=sci(1),
    statement=r"The general sigmoid $\sigma(x; a) = 1/(1 + e^{-ax})$ has slope $a/4$ at $x = 0$.",
    method=(
        r"Largest gap between $a/4$ and a central difference of $\sigma(x; a)$ at $x = 0$ "
        r"with step $10^{-5}$, for $a \in \{0.5, 1, 2, 4\}$."
    ),
    sources=("S1",),
)
def shape_slope_error() -> float:
    zero = np.zeros(1)
    slopes = [central_difference(lambda x, a=a: sigmoid(x, a=a), zero)[0] for a in SHAPES]
    return max_abs_difference(np.array(slopes), np.array(SHAPES) / 4.0)


# --- tanh as a rescaled sigmoid ---------------------------------------------------------


@claim(
    "sigmoid_tanh.tanh_identity_error",
    fmt=sci(1),
    statement=r"tanh is a shifted and scaled sigmoid: $\tanh(x) = 2\sigma(2x) - 1$.",
    method=r"Largest gap between both sides in float64 on a grid of step $10^{-3}$ over $[-10, 10]$.",
    sources=("S1", "S3"),
)
def tanh_identity_error() -> float:
    return max_abs_difference(2.0 * sigmoid(2.0 * GRID) - 1.0, tanh(GRID))


# --- Maxima, infimum, saturation --------------------------------------------------------


@claim(
    "sigmoid_tanh.sigmoid_derivative_max",
    fmt=".6g",
    statement=r"The sigmoid's derivative is at most $1/4$.",
    method=r"Maximum of $\sigma'$ on a grid of step $10^{-3}$ over $[-10, 10]$.",
    sources=("S2", "S4"),
)
def sigmoid_derivative_max() -> float:
    return float(np.max(sigmoid_derivative(GRID)))


@claim(
    "sigmoid_tanh.sigmoid_derivative_argmax",
    fmt=".6g",
    statement=r"The sigmoid's derivative is largest at $x = 0$.",
    method=r"Grid point where $\sigma'$ is largest, on a grid of step $10^{-3}$ over $[-10, 10]$.",
)
def sigmoid_derivative_argmax() -> float:
    return float(GRID[np.argmax(sigmoid_derivative(GRID))])


@claim(
    "sigmoid_tanh.tanh_derivative_max",
    fmt=".6g",
    statement=r"The derivative of tanh reaches $1$ (at $x = 0$); it is not below $1$ everywhere.",
    method=r"Maximum of $\tanh'$ on a grid of step $10^{-3}$ over $[-10, 10]$.",
    sources=("S1",),
    verdict="imprecise",
    correction=(
        r"S1 says the derivatives of sigmoid and tanh are below $1$. For tanh, "
        r"$\tanh'(0) = 1$ exactly and $\tanh'(x) < 1$ only for $x \neq 0$; the sigmoid's "
        r"derivative is at most $1/4$."
    ),
)
def tanh_derivative_max() -> float:
    return float(np.max(tanh_derivative(GRID)))


@claim(
    "sigmoid_tanh.tanh_derivative_argmax",
    fmt=".6g",
    statement=r"The derivative of tanh is largest at $x = 0$.",
    method=r"Grid point where $\tanh'$ is largest, on a grid of step $10^{-3}$ over $[-10, 10]$.",
)
def tanh_derivative_argmax() -> float:
    return float(GRID[np.argmax(tanh_derivative(GRID))])


@claim(
    "sigmoid_tanh.sigmoid_derivative_min_20",
    fmt=sci(3),
    statement=(
        r"The sigmoid's derivative has infimum $0$, which it never attains: it is positive "
        r"on $[-20, 20]$, smallest at the ends."
    ),
    method=r"Minimum of $\sigma'$ on a grid of step $10^{-2}$ over $[-20, 20]$.",
    sources=("S4",),
)
def sigmoid_derivative_min_20() -> float:
    return float(np.min(sigmoid_derivative(np.arange(-2_000, 2_001) / 100.0)))


@claim(
    "sigmoid_tanh.sigmoid_saturation_x",
    fmt=fixed(2),
    statement=(
        r"Beyond this $|x|$ the sigmoid's derivative is below $1\,\%$ of its maximum: "
        r"the sigmoid saturates at both ends."
    ),
    method=r"Root of $\sigma'(x) = 0.01 \cdot \max \sigma'$ on $[0, 50]$ by Brent's method.",
    sources=("S3",),
)
def sigmoid_saturation_x() -> float:
    level = SATURATION_THRESHOLD * derivative_peak(Sigmoid())
    return brentq(lambda x: float(sigmoid_derivative(np.array(x))) - level, 0.0, 50.0, xtol=1e-12)


@claim(
    "sigmoid_tanh.tanh_saturation_x",
    fmt=fixed(2),
    statement=(
        r"Beyond this $|x|$ the derivative of tanh is below $1\,\%$ of its maximum: "
        r"tanh saturates at both ends."
    ),
    method=r"Root of $\tanh'(x) = 0.01 \cdot \max \tanh'$ on $[0, 50]$ by Brent's method.",
    sources=("S3",),
)
def tanh_saturation_x() -> float:
    level = SATURATION_THRESHOLD * derivative_peak(Tanh())
    return brentq(lambda x: float(tanh_derivative(np.array(x))) - level, 0.0, 50.0, xtol=1e-12)


@claim(
    "sigmoid_tanh.sigmoid_curvature_x",
    fmt=fixed(3),
    statement=(
        r"$|\sigma'|$ changes fastest at $x = \pm\ln(2 + \sqrt{3})$, where $|\sigma''|$ is largest."
    ),
    method=(
        r"Maximizes $|\sigma'(x)\,(1 - 2\sigma(x))|$ over $x \in [0, 5]$ with a bounded "
        r"scalar optimizer."
    ),
)
def sigmoid_curvature_x() -> float:
    def minus_abs_second(x: float) -> float:
        x_arr = np.array(x)
        return -abs(float(sigmoid_derivative(x_arr) * (1.0 - 2.0 * sigmoid(x_arr))))

    result = minimize_scalar(
        minus_abs_second, bounds=(0.0, 5.0), method="bounded", options={"xatol": 1e-10}
    )
    return float(result.x)


def product_form_is_zero(x: float) -> bool:
    """Return whether ``s * (1 - s)`` with ``s = sigmoid(x)`` is exactly 0 in float64.

    Examples
    --------
    >>> product_form_is_zero(10.0), product_form_is_zero(40.0)
    (False, True)
    """
    s = float(sigmoid(np.array(x, dtype=np.float64)))
    return s * (1.0 - s) == 0.0


@claim(
    "sigmoid_tanh.float64_zero_derivative_x",
    fmt=fixed(2),
    statement=(
        r"In float64, $\sigma(x)(1 - \sigma(x))$ is exactly $0$ from this $x$ on, although "
        r"$\sigma'(x) > 0$ for every real $x$."
    ),
    method=(
        r"Bisection on $[0, 100]$ for the smallest $x$ at which the float64 product "
        r"$\sigma(x)(1 - \sigma(x))$ is zero."
    ),
    sources=("S4",),
)
def float64_zero_derivative_x() -> float:
    low, high = 0.0, 100.0
    for _ in range(60):
        middle = 0.5 * (low + high)
        low, high = (low, middle) if product_form_is_zero(middle) else (middle, high)
    return high


# --- Verhulst's equation -----------------------------------------------------------------


@claim(
    "sigmoid_tanh.logistic_ode_error",
    fmt=sci(1),
    statement=(
        r"The sigmoid solves Verhulst's logistic equation $P' = P(1 - P)$ with $P(0) = 1/2$."
    ),
    method=(
        r"Integrates the equation from $t = 0$ to $t = \pm 10$ with an adaptive Runge-Kutta "
        r"method (relative tolerance $10^{-12}$) and takes the largest gap to $\sigma(t)$."
    ),
    sources=("S2", "verhulst1838notice", "verhulst1845recherches"),
)
def logistic_ode_error() -> float:
    gaps = []
    for end in (10.0, -10.0):
        t = np.linspace(0.0, end, 201)
        solution = solve_ivp(
            lambda _t, p: p * (1.0 - p), (0.0, end), [0.5], t_eval=t, rtol=1e-12, atol=1e-14
        )
        gaps.append(max_abs_difference(solution.y[0], sigmoid(t)))
    return max(gaps)


# --- The cost of the exponential ---------------------------------------------------------


@cache
def exp_cost() -> RatioTiming:
    """Time ratio sigmoid / ReLU on ``TIMING_SIZE`` float64 elements (measured once)."""
    x = np.random.default_rng(0).standard_normal(TIMING_SIZE)
    return time_ratio(sigmoid, relu, x)


@cache
def layer_cost() -> RatioTiming:
    """Time ratio of a dense layer followed by sigmoid / by ReLU (measured once)."""
    rng = np.random.default_rng(1)
    x = rng.standard_normal((LAYER_SIZE, LAYER_SIZE))
    w = rng.standard_normal((LAYER_SIZE, LAYER_SIZE)) / np.sqrt(LAYER_SIZE)
    return time_ratio(lambda x, w: sigmoid(x @ w), lambda x, w: relu(x @ w), x, w)


_EXP_METHOD = (
    r"Times the sigmoid and ReLU of the same $10^6$ standard-normal float64 values, "
    r"repeatedly, with `actbook.timing.time_ratio`; the value depends on the machine."
)
_EXP_STATEMENT = r"Evaluating the exponential is relatively costly: sigmoid is slower than ReLU."


@claim(
    "sigmoid_tanh.exp_cost_median",
    fmt=ratio(1),
    statement=_EXP_STATEMENT + " Median time ratio.",
    method=_EXP_METHOD,
    sources=("S1",),
    volatile=True,
)
def exp_cost_median() -> float:
    return exp_cost().median


@claim(
    "sigmoid_tanh.exp_cost_q1",
    fmt=ratio(1),
    statement=_EXP_STATEMENT + " First quartile of the time ratio.",
    method=_EXP_METHOD,
    sources=("S1",),
    volatile=True,
)
def exp_cost_q1() -> float:
    return exp_cost().q1


@claim(
    "sigmoid_tanh.exp_cost_q3",
    fmt=ratio(1),
    statement=_EXP_STATEMENT + " Third quartile of the time ratio.",
    method=_EXP_METHOD,
    sources=("S1",),
    volatile=True,
)
def exp_cost_q3() -> float:
    return exp_cost().q3


@claim(
    "sigmoid_tanh.layer_cost_median",
    fmt=ratio(2),
    statement=(
        r"In a dense layer with a $1000 \times 1000$ weight matrix and a batch of $1000$, "
        r"the matrix product dominates: sigmoid makes the layer only slightly slower than ReLU."
    ),
    method=(
        r"Median time ratio of $\sigma(XW)$ to $\max(0, XW)$ for $X$ and $W$ of shape "
        r"$1000 \times 1000$ with normal entries (variance $1$ in $X$, $1/1000$ in $W$), with "
        r"`actbook.timing.time_ratio`; machine-dependent."
    ),
    volatile=True,
)
def layer_cost_median() -> float:
    return layer_cost().median
