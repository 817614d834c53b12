"""Claims of the chapter *Sigmoid and tanh* (book/chapters/sigmoid-tanh.md).

Every function below computes one number that the chapter quotes. Grids are
built from integers divided by a power of ten so that they contain ``x = 0``
exactly: the maxima of both derivatives sit there. The maxima on the grid are the
chapter's numerical check of :meth:`actbook.activations.Activation.derivative_peak`;
everything else that needs a peak (the saturation thresholds) takes it from there,
with the package's 1 % rule :data:`actbook.nn.SATURATION_THRESHOLD`.

Examples
--------
The values the book shows; the timings (``volatile``) show stored measurements (:mod:`actbook.claims.measurements`).

>>> from actbook.claims import REGISTRY
>>> for claim_id, claim in sorted(REGISTRY.items()):
...     if claim_id.startswith("sigmoid_tanh.") and not claim.volatile:
...         print(claim_id, claim.render())
sigmoid_tanh.fd_step 1 × 10⁻⁵
sigmoid_tanh.float64_precision_bits 53
sigmoid_tanh.float64_zero_derivative_x 36.74
sigmoid_tanh.grid_half_width 10
sigmoid_tanh.grid_step 1 × 10⁻³
sigmoid_tanh.layer_size 1000
sigmoid_tanh.logistic_ode_error 6 × 10⁻¹²
sigmoid_tanh.saturation_level 1 %
sigmoid_tanh.shape_slope_error 1 × 10⁻⁹
sigmoid_tanh.shape_slope_one_a 4
sigmoid_tanh.shape_steep_a 8
sigmoid_tanh.shape_steep_slope 2
sigmoid_tanh.sigmoid_curvature_x 1.317
sigmoid_tanh.sigmoid_derivative_argmax 0
sigmoid_tanh.sigmoid_derivative_fd_error 2 × 10⁻¹¹
sigmoid_tanh.sigmoid_derivative_forms_error 2 × 10⁻¹⁶
sigmoid_tanh.sigmoid_derivative_max 0.25
sigmoid_tanh.sigmoid_derivative_min_20 2.06 × 10⁻⁹
sigmoid_tanh.sigmoid_saturation_x 5.99
sigmoid_tanh.sigmoid_symmetry_error 2 × 10⁻¹⁶
sigmoid_tanh.sign_batch_size 32
sigmoid_tanh.sign_inputs 10
sigmoid_tanh.sign_mix_batch 44 %
sigmoid_tanh.sign_mix_example 0 %
sigmoid_tanh.tanh_derivative_argmax 0
sigmoid_tanh.tanh_derivative_fd_error 3 × 10⁻¹¹
sigmoid_tanh.tanh_derivative_forms_error 4 × 10⁻¹⁶
sigmoid_tanh.tanh_derivative_max 1
sigmoid_tanh.tanh_identity_error 3 × 10⁻¹⁶
sigmoid_tanh.tanh_saturation_x 2.99
sigmoid_tanh.tanh_tan_identity_error 4 × 10⁻¹⁶
sigmoid_tanh.tanh_translation_gap 0.59
sigmoid_tanh.timing_repeats 25
sigmoid_tanh.timing_size 1 × 10⁶
sigmoid_tanh.wide_half_width 20
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
    sigmoid,
    sigmoid_derivative,
    tanh,
    tanh_derivative,
)
from actbook.claims._registry import claim, fixed, integer, percent, ratio, sci
from actbook.nn import SATURATION_THRESHOLD, derivative_peak
from actbook.timing import RatioTiming, time_ratio

#: The chapter's grid covers [-GRID_HALF_WIDTH, GRID_HALF_WIDTH] ...
GRID_HALF_WIDTH = 10
#: ... with GRID_POINTS_PER_UNIT points per unit, so that it contains 0 exactly.
GRID_POINTS_PER_UNIT = 1_000
GRID = (
    np.arange(-GRID_HALF_WIDTH * GRID_POINTS_PER_UNIT, GRID_HALF_WIDTH * GRID_POINTS_PER_UNIT + 1)
    / GRID_POINTS_PER_UNIT
)
#: The wider grid on which the sigmoid's derivative is shown to stay positive.
WIDE_HALF_WIDTH = 20
WIDE_POINTS_PER_UNIT = 100
#: Central-difference step: balances truncation (~h**2) against rounding (~eps/h).
STEP = 1e-5
#: Values of the shape parameter shown in the chapter's figure and checked below.
SHAPES = (0.5, 1.0, 2.0, 4.0, 8.0)
#: A shape parameter whose slope at the origin exceeds one (S1 says a hardly matters).
STEEP_SHAPE = 8.0
#: Brent brackets: the shape parameter where the slope at 0 reaches one, and |x| where a
#: derivative falls to the saturation level (both ends bracket the root with room to spare).
SHAPE_BRACKET = (1.0, 100.0)
SATURATION_BRACKET = (0.0, 50.0)
#: Absolute tolerance of those roots, far below the digits the chapter shows.
ROOT_XTOL = 1e-12
#: Number of float64 elements in the timing of the exponential.
TIMING_SIZE = 1_000_000
#: Batch size and width of the dense layer timed with each activation.
LAYER_SIZE = 1_000
#: Interleaved pairs of repeats in every timing (median and quartiles over them).
TIMING_REPEATS = 25
#: Sign experiment: examples per batch, inputs per unit, random batches, seed.
SIGN_BATCH = 32
SIGN_INPUTS = 10
SIGN_TRIALS = 1_000
SIGN_SEED = 0


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


def _grid_method(what: str) -> str:
    """The method text of a claim computed on the chapter's grid."""
    return (
        what + " on the grid `GRID` of `actbook.claims.sigmoid_tanh`, of step "
        "{claim}`sigmoid_tanh.grid_step` over $[-L, L]$ with $L =$ "
        "{claim}`sigmoid_tanh.grid_half_width`."
    )


# --- Run parameters quoted in the prose ---------------------------------------------------


@claim(
    "sigmoid_tanh.grid_half_width",
    fmt=integer,
    statement=r"The chapter's grid covers $[-L, L]$ with this $L$.",
    method="The constant `GRID_HALF_WIDTH` of `actbook.claims.sigmoid_tanh`, which builds the grid.",
)
def grid_half_width() -> int:
    return int(GRID_HALF_WIDTH)


@claim(
    "sigmoid_tanh.grid_step",
    fmt=sci(1),
    statement="The spacing of the chapter's grid.",
    method="The difference of two neighbouring points of the grid `GRID`.",
)
def grid_step() -> float:
    return float(GRID[1] - GRID[0])


@claim(
    "sigmoid_tanh.fd_step",
    fmt=sci(1),
    statement=r"The step $h$ of the central differences in the chapter.",
    method="The constant `STEP` of `actbook.claims.sigmoid_tanh`, used by `central_difference`.",
)
def fd_step() -> float:
    return float(STEP)


@claim(
    "sigmoid_tanh.wide_half_width",
    fmt=integer,
    statement=r"The wider grid, on which the sigmoid's derivative stays positive, covers $[-L, L]$.",
    method="The constant `WIDE_HALF_WIDTH` of `actbook.claims.sigmoid_tanh`.",
)
def wide_half_width() -> int:
    return int(WIDE_HALF_WIDTH)


@claim(
    "sigmoid_tanh.saturation_level",
    fmt=percent(0),
    statement="A unit counts as saturated where its derivative is below this share of its peak.",
    method="The package's rule `actbook.nn.SATURATION_THRESHOLD`.",
)
def saturation_level() -> float:
    return float(SATURATION_THRESHOLD)


@claim(
    "sigmoid_tanh.float64_precision_bits",
    fmt=integer,
    statement=r"A float64 number has $p$ significant bits: the spacing just above $1$ is $2^{1-p}$.",
    method="`numpy.finfo(numpy.float64).nmant + 1` (the stored bits plus the implicit one).",
)
def float64_precision_bits() -> int:
    return int(np.finfo(np.float64).nmant) + 1


# --- Derivatives ------------------------------------------------------------------------


@claim(
    "sigmoid_tanh.sigmoid_derivative_fd_error",
    fmt=sci(1),
    statement=r"The sigmoid's derivative is $\sigma'(x) = \sigma(x)\,(1 - \sigma(x))$.",
    method=_grid_method(
        r"Largest gap between $\sigma(1 - \sigma)$ and a central difference with step "
        r"{claim}`sigmoid_tanh.fd_step`"
    ),
)
def sigmoid_derivative_fd_error() -> float:
    s = sigmoid(GRID)
    return max_abs_difference(central_difference(sigmoid, GRID), s * (1.0 - s))


@claim(
    "sigmoid_tanh.sigmoid_derivative_forms_error",
    fmt=sci(1),
    statement=r"The two forms $e^{-x}/(1 + e^{-x})^2$ and $\sigma(x)(1 - \sigma(x))$ agree.",
    method=_grid_method("Largest gap between the two forms evaluated in float64"),
)
def sigmoid_derivative_forms_error() -> float:
    s = sigmoid(GRID)
    e = np.exp(-GRID)
    return max_abs_difference(e / (1.0 + e) ** 2, s * (1.0 - s))


@claim(
    "sigmoid_tanh.tanh_derivative_fd_error",
    fmt=sci(1),
    statement=r"The derivative of tanh is $\tanh'(x) = 1 - \tanh^2(x)$.",
    method=_grid_method(
        r"Largest gap between $1 - \tanh^2$ and a central difference with step "
        r"{claim}`sigmoid_tanh.fd_step`"
    ),
)
def tanh_derivative_fd_error() -> float:
    return max_abs_difference(central_difference(tanh, GRID), 1.0 - tanh(GRID) ** 2)


@claim(
    "sigmoid_tanh.tanh_derivative_forms_error",
    fmt=sci(1),
    statement=r"The two forms $4/(e^x + e^{-x})^2$ and $1 - \tanh^2(x)$ agree.",
    method=_grid_method("Largest gap between the two forms evaluated in float64"),
)
def tanh_derivative_forms_error() -> float:
    return max_abs_difference(4.0 / (np.exp(GRID) + np.exp(-GRID)) ** 2, 1.0 - tanh(GRID) ** 2)


@claim(
    "sigmoid_tanh.shape_slope_error",
    fmt=sci(1),
    statement=r"The general sigmoid $\sigma(x; a) = 1/(1 + e^{-ax})$ has slope $a/4$ at $x = 0$.",
    method=(
        r"Largest gap between $a/4$ and a central difference of $\sigma(x; a)$ at $x = 0$ "
        r"with step {claim}`sigmoid_tanh.fd_step`, for every $a$ in `SHAPES` of "
        r"`actbook.claims.sigmoid_tanh`."
    ),
)
def shape_slope_error() -> float:
    zero = np.zeros(1)
    slopes = [central_difference(lambda x, a=a: sigmoid(x, a=a), zero)[0] for a in SHAPES]
    return max_abs_difference(np.array(slopes), np.array(SHAPES) / 4.0)


@claim(
    "sigmoid_tanh.shape_slope_one_a",
    fmt=".6g",
    statement=(
        r"The slope $\sigma'(0; a) = a/4$ of the general sigmoid at the origin exceeds one "
        r"for every shape parameter above this value."
    ),
    method=(
        r"Root of $\sigma'(0; a) = 1$ in $a$ by Brent's method on the bracket "
        r"`SHAPE_BRACKET`, with "
        r"$\sigma'(0; a)$ from `actbook.activations.sigmoid_derivative`."
    ),
)
def shape_slope_one_a() -> float:
    zero = np.zeros(1)
    return brentq(
        lambda a: float(sigmoid_derivative(zero, a=a)[0]) - 1.0, *SHAPE_BRACKET, xtol=ROOT_XTOL
    )


@claim(
    "sigmoid_tanh.shape_steep_a",
    fmt=".6g",
    statement=r"The steep shape parameter $a$ of the chapter's example.",
    method="The constant `STEEP_SHAPE` of `actbook.claims.sigmoid_tanh`.",
)
def shape_steep_a() -> float:
    return float(STEEP_SHAPE)


@claim(
    "sigmoid_tanh.shape_steep_slope",
    fmt=".6g",
    statement=(
        r"With the steep shape parameter, the sigmoid's derivative peaks above one: the "
        r"shape parameter changes the bound on the derivative."
    ),
    method=_grid_method(
        r"Maximum of $\sigma'(x; a)$ for the steep $a$, from "
        r"`actbook.activations.sigmoid_derivative`,"
    ),
)
def shape_steep_slope() -> float:
    return float(np.max(sigmoid_derivative(GRID, a=STEEP_SHAPE)))


# --- tanh as a rescaled sigmoid ---------------------------------------------------------


@claim(
    "sigmoid_tanh.tanh_identity_error",
    fmt=sci(1),
    statement=(
        r"tanh is a rescaled and shifted sigmoid: $\tanh(x) = 2\sigma(2x) - 1$, with the "
        r"input compressed and the output stretched by two before the shift."
    ),
    method=_grid_method("Largest gap between both sides in float64"),
)
def tanh_identity_error() -> float:
    return max_abs_difference(2.0 * sigmoid(2.0 * GRID) - 1.0, tanh(GRID))


def translation_gap(shift: float) -> float:
    """Return the smallest ``max |sigmoid(x - shift) + d - tanh(x)|`` over ``d``, on ``GRID``.

    For a fixed horizontal shift the best vertical shift ``d`` centres the residual
    ``r = sigmoid(x - shift) - tanh(x)`` around zero, leaving ``(max r - min r) / 2``.

    Examples
    --------
    >>> round(translation_gap(0.0), 2)  # a vertical shift of -1/2 alone
    0.59
    """
    residual = sigmoid(GRID - shift) - tanh(GRID)
    return float(np.max(residual) - np.min(residual)) / 2.0


@claim(
    "sigmoid_tanh.tanh_translation_gap",
    fmt=fixed(2),
    statement=(
        r"No translation $\sigma(x - c) + d$ of the sigmoid equals tanh: the best one still "
        r"misses it by this much somewhere."
    ),
    method=_grid_method(
        r"Minimum over $c$ (bounded scalar optimizer, bounds written in "
        r"`tanh_translation_gap`) and $d$ (in closed form) "
        r"of the largest gap $|\sigma(x - c) + d - \tanh(x)|$,"
    ),
)
def tanh_translation_gap() -> float:
    result = minimize_scalar(
        translation_gap, bounds=(-5.0, 5.0), method="bounded", options={"xatol": 1e-10}
    )
    return min(float(result.fun), translation_gap(0.0))


@claim(
    "sigmoid_tanh.tanh_tan_identity_error",
    fmt=sci(1),
    statement=(
        r"The hyperbolic tangent is the circular tangent on the imaginary axis: "
        r"$\tanh(x) = -i\tan(ix)$."
    ),
    method=_grid_method(
        r"Largest gap between $\tanh(x)$ and $-i\tan(ix)$, the latter in complex float64,"
    ),
)
def tanh_tan_identity_error() -> float:
    return float(np.max(np.abs(tanh(GRID) - (-1j) * np.tan(1j * GRID))))


# --- Maxima, infimum, saturation --------------------------------------------------------


@claim(
    "sigmoid_tanh.sigmoid_derivative_max",
    fmt=".6g",
    statement=r"The sigmoid's derivative is at most $1/4$.",
    method=_grid_method(r"Maximum of $\sigma'$"),
)
def sigmoid_derivative_max() -> float:
    return float(np.max(sigmoid_derivative(GRID)))


@claim(
    "sigmoid_tanh.sigmoid_derivative_argmax",
    fmt=".6g",
    statement=r"The sigmoid's derivative is largest at $x = 0$.",
    method=_grid_method(r"Point where $\sigma'$ is largest"),
)
def sigmoid_derivative_argmax() -> float:
    return float(GRID[np.argmax(sigmoid_derivative(GRID))])


@claim(
    "sigmoid_tanh.tanh_derivative_max",
    fmt=".6g",
    statement=r"The derivative of tanh reaches $1$ (at $x = 0$); it is not below $1$ everywhere.",
    method=_grid_method(r"Maximum of $\tanh'$"),
)
def tanh_derivative_max() -> float:
    return float(np.max(tanh_derivative(GRID)))


@claim(
    "sigmoid_tanh.tanh_derivative_argmax",
    fmt=".6g",
    statement=r"The derivative of tanh is largest at $x = 0$.",
    method=_grid_method(r"Point where $\tanh'$ is largest"),
)
def tanh_derivative_argmax() -> float:
    return float(GRID[np.argmax(tanh_derivative(GRID))])


@claim(
    "sigmoid_tanh.sigmoid_derivative_min_20",
    fmt=sci(3),
    statement=(
        r"The sigmoid's derivative has infimum $0$, which it never attains: it is positive "
        r"on $[-L, L]$ with $L =$ {claim}`sigmoid_tanh.wide_half_width`, smallest at the ends."
    ),
    method=(
        r"Minimum of $\sigma'$ on a grid of `WIDE_POINTS_PER_UNIT` points per unit over "
        r"$[-L, L]$ with $L =$ {claim}`sigmoid_tanh.wide_half_width`."
    ),
)
def sigmoid_derivative_min_20() -> float:
    n = WIDE_HALF_WIDTH * WIDE_POINTS_PER_UNIT
    return float(np.min(sigmoid_derivative(np.arange(-n, n + 1) / WIDE_POINTS_PER_UNIT)))


@claim(
    "sigmoid_tanh.sigmoid_saturation_x",
    fmt=fixed(2),
    statement=(
        r"Beyond this $|x|$ the sigmoid's derivative is below $1\,\%$ of its maximum: "
        r"the sigmoid saturates at both ends."
    ),
    method=(
        r"Root of $\sigma'(x) = \theta \max \sigma'$ with $\theta =$ "
        r"{claim}`sigmoid_tanh.saturation_level`, by Brent's method on the bracket "
        r"`SATURATION_BRACKET`."
    ),
)
def sigmoid_saturation_x() -> float:
    level = SATURATION_THRESHOLD * derivative_peak(Sigmoid())
    return brentq(
        lambda x: float(sigmoid_derivative(np.array(x))) - level,
        *SATURATION_BRACKET,
        xtol=ROOT_XTOL,
    )


@claim(
    "sigmoid_tanh.tanh_saturation_x",
    fmt=fixed(2),
    statement=(
        r"Beyond this $|x|$ the derivative of tanh is below $1\,\%$ of its maximum: "
        r"tanh saturates at both ends."
    ),
    method=(
        r"Root of $\tanh'(x) = \theta \max \tanh'$ with $\theta =$ "
        r"{claim}`sigmoid_tanh.saturation_level`, by Brent's method on the bracket "
        r"`SATURATION_BRACKET`."
    ),
)
def tanh_saturation_x() -> float:
    level = SATURATION_THRESHOLD * derivative_peak(Tanh())
    return brentq(
        lambda x: float(tanh_derivative(np.array(x))) - level, *SATURATION_BRACKET, xtol=ROOT_XTOL
    )


@claim(
    "sigmoid_tanh.sigmoid_curvature_x",
    fmt=fixed(3),
    statement=(
        r"$|\sigma'|$ changes fastest at $x = \pm\ln(2 + \sqrt{3})$, where $|\sigma''|$ is largest."
    ),
    method=(
        r"Maximizes $|\sigma'(x)\,(1 - 2\sigma(x))|$ over $x \geq 0$ with a bounded "
        r"scalar optimizer (bounds written in `sigmoid_curvature_x`)."
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
        r"Bisection (bracket written in `float64_zero_derivative_x`) for the smallest $x$ "
        r"at which the float64 product "
        r"$\sigma(x)(1 - \sigma(x))$ is zero."
    ),
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
        r"Integrates the equation from $t = 0$ in both directions with an adaptive "
        r"Runge-Kutta method (`scipy.integrate.solve_ivp`; span and tolerances written in "
        r"`logistic_ode_error`) and takes the largest gap to $\sigma(t)$."
    ),
    papers=("verhulst1838notice", "verhulst1845recherches"),
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


# --- The sigmoid as a probability --------------------------------------------------------


@claim(
    "sigmoid_tanh.sigmoid_symmetry_error",
    fmt=sci(1),
    statement=(
        r"The sigmoid is symmetric about its centre, $\sigma(-x) = 1 - \sigma(x)$: the "
        r"probabilities of the two classes add to one."
    ),
    method=_grid_method(r"Largest gap between $\sigma(-x)$ and $1 - \sigma(x)$ in float64"),
)
def sigmoid_symmetry_error() -> float:
    return max_abs_difference(sigmoid(-GRID), 1.0 - sigmoid(GRID))


# --- Signs of the weight gradients behind a sigmoid layer ---------------------------------


@cache
def gradient_sign_mix() -> tuple[float, float]:
    """Share of weight gradients with components of both signs: per example, per batch.

    A unit ``z = w . x + b`` whose inputs ``x`` are sigmoid outputs (of standard-normal
    pre-activations) receives a standard-normal upstream gradient ``delta = dL/dz`` per
    example. The gradient on ``w`` is ``delta x`` for one example and the sum of these over
    a batch. Returns the fractions of examples and of batches whose gradient on ``w`` has
    components of both signs, over ``SIGN_TRIALS`` batches of ``SIGN_BATCH`` examples with
    ``SIGN_INPUTS`` inputs each.
    """
    rng = np.random.default_rng(SIGN_SEED)
    x = sigmoid(rng.standard_normal((SIGN_TRIALS, SIGN_BATCH, SIGN_INPUTS)))
    delta = rng.standard_normal((SIGN_TRIALS, SIGN_BATCH))
    per_example = delta[:, :, None] * x

    def mixed(g: np.ndarray) -> float:
        return float(np.mean(np.any(g > 0, axis=-1) & np.any(g < 0, axis=-1)))

    return mixed(per_example), mixed(per_example.sum(axis=1))


_SIGN_METHOD = (
    r"`SIGN_TRIALS` random batches of {claim}`sigmoid_tanh.sign_batch_size` examples for a "
    r"unit with {claim}`sigmoid_tanh.sign_inputs` inputs, each input the sigmoid of a "
    r"standard-normal number, and a standard-normal upstream gradient "
    r"$\partial L / \partial z$ per example (seed `SIGN_SEED`); a gradient is mixed when "
    r"it has a positive and a negative component."
)


@claim(
    "sigmoid_tanh.sign_mix_example",
    fmt=percent(0),
    statement=(
        r"With positive inputs, the gradient of one example on a unit's weights never has "
        r"components of both signs."
    ),
    method="Share of mixed per-example gradients: " + _SIGN_METHOD,
)
def sign_mix_example() -> float:
    return gradient_sign_mix()[0]


@claim(
    "sigmoid_tanh.sign_mix_batch",
    fmt=percent(0),
    statement=(
        r"Summed over a batch, the weight gradient of a unit with positive inputs can have "
        r"components of both signs."
    ),
    method="Share of mixed batch gradients (sums over the batch): " + _SIGN_METHOD,
)
def sign_mix_batch() -> float:
    return gradient_sign_mix()[1]


@claim(
    "sigmoid_tanh.sign_batch_size",
    fmt=integer,
    statement="Examples per batch in the chapter's gradient-sign experiment.",
    method="The constant `SIGN_BATCH` of `actbook.claims.sigmoid_tanh`.",
)
def sign_batch_size() -> int:
    return int(SIGN_BATCH)


@claim(
    "sigmoid_tanh.sign_inputs",
    fmt=integer,
    statement="Inputs of the unit in the chapter's gradient-sign experiment.",
    method="The constant `SIGN_INPUTS` of `actbook.claims.sigmoid_tanh`.",
)
def sign_inputs() -> int:
    return int(SIGN_INPUTS)


# --- The cost of the exponential ---------------------------------------------------------


def relu_max(x: np.ndarray) -> np.ndarray:
    """ReLU as one NumPy call, ``np.maximum(x, 0)``: the baseline of every timing.

    Examples
    --------
    >>> relu_max(np.array([-1.0, 2.0]))
    array([0., 2.])
    """
    return np.maximum(x, 0.0)


#: The element-wise functions timed against ReLU, by name.
ELEMENTWISE: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "exp": np.exp,
    "tanh": np.tanh,
    "sigmoid": sigmoid,
}


@cache
def elementwise_cost(name: str) -> RatioTiming:
    """Time ratio ``ELEMENTWISE[name]`` / ReLU on ``TIMING_SIZE`` float64 (measured once)."""
    x = np.random.default_rng(0).standard_normal(TIMING_SIZE)
    return time_ratio(ELEMENTWISE[name], relu_max, x, repeats=TIMING_REPEATS)


@cache
def layer_cost(name: str) -> RatioTiming:
    """Time ratio of a dense layer ``act(X W + b)`` with ``ELEMENTWISE[name]`` / with ReLU.

    ``X`` is a batch of ``LAYER_SIZE`` inputs of width ``LAYER_SIZE`` and ``W`` a square
    weight matrix (measured once).
    """
    rng = np.random.default_rng(1)
    x = rng.standard_normal((LAYER_SIZE, LAYER_SIZE))
    w = rng.standard_normal((LAYER_SIZE, LAYER_SIZE)) / np.sqrt(LAYER_SIZE)
    b = rng.standard_normal(LAYER_SIZE)
    act = ELEMENTWISE[name]
    return time_ratio(
        lambda x, w, b: act(x @ w + b),
        lambda x, w, b: relu_max(x @ w + b),
        x,
        w,
        b,
        repeats=TIMING_REPEATS,
    )


_ELEMENTWISE_WHAT = {
    "exp": r"`np.exp` alone, the exponential that S1 and S3 call costly,",
    "tanh": r"`np.tanh`,",
    "sigmoid": (
        r"`actbook.activations.sigmoid`, an overflow-safe sigmoid that makes several passes "
        r"over the array besides its exponential,"
    ),
}
_STATISTIC = {
    "median": "Median of",
    "q1": "First quartile of",
    "q3": "Third quartile of",
}


def _timing_claims(prefix: str, measure: str, name: str, what: str, method: str) -> None:
    """Register the median and quartiles of one timing as volatile claims.

    ``measure`` names the module's measuring function (``"elementwise_cost"`` or
    ``"layer_cost"``), looked up when the claim is computed.
    """
    layer = measure == "layer_cost"
    unit = "the same layer with ReLU" if layer else "ReLU on the same array"
    for statistic, words in _STATISTIC.items():

        def compute(statistic: str = statistic) -> float:
            return getattr(globals()[measure](name), statistic)

        compute.__qualname__ = measure  # the ledger names the measuring function
        claim(
            f"sigmoid_tanh.{prefix}_{statistic}",
            fmt=ratio(2) if layer else ratio(1),
            statement=f"{words} the time of {what} in units of the time of {unit}.",
            method=method,
            volatile=True,
        )(compute)


_ISOLATION_METHOD = (
    r"Times the function and ReLU, `np.maximum(x, 0)`, on the same "
    r"{claim}`sigmoid_tanh.timing_size` standard-normal float64 values with "
    r"`actbook.timing.time_ratio` ({claim}`sigmoid_tanh.timing_repeats` interleaved pairs "
    r"of repeats); the value depends on the machine."
)
_LAYER_METHOD = (
    r"Times $\mathrm{act}(XW + b)$ against $\max(0, XW + b)$ for a batch $X$ of $n$ "
    r"standard-normal inputs of width $n$, an $n \times n$ weight matrix with variance "
    r"$1/n$ and a standard-normal bias, $n =$ {claim}`sigmoid_tanh.layer_size`, with "
    r"`actbook.timing.time_ratio` ({claim}`sigmoid_tanh.timing_repeats` interleaved pairs "
    r"of repeats); the value depends on the machine."
)

for _prefix, _name in (("exp_cost", "exp"), ("tanh_cost", "tanh"), ("sigmoid_cost", "sigmoid")):
    _timing_claims(_prefix, "elementwise_cost", _name, _ELEMENTWISE_WHAT[_name], _ISOLATION_METHOD)
for _prefix, _name in (("layer_cost", "sigmoid"), ("layer_tanh_cost", "tanh")):
    _timing_claims(
        _prefix,
        "layer_cost",
        _name,
        f"a dense layer with the {_name} (matrix product, bias and activation)",
        _LAYER_METHOD,
    )


@claim(
    "sigmoid_tanh.timing_size",
    fmt=sci(1),
    statement="Number of float64 values in the timings of single activations.",
    method="The constant `TIMING_SIZE` of `actbook.claims.sigmoid_tanh`.",
)
def timing_size() -> int:
    return int(TIMING_SIZE)


@claim(
    "sigmoid_tanh.layer_size",
    fmt=integer,
    statement="Batch size, input width and output width of the timed dense layer.",
    method="The constant `LAYER_SIZE` of `actbook.claims.sigmoid_tanh`.",
)
def layer_size() -> int:
    return int(LAYER_SIZE)


@claim(
    "sigmoid_tanh.timing_repeats",
    fmt=integer,
    statement="Interleaved pairs of repeats behind each timing's median and quartiles.",
    method="The constant `TIMING_REPEATS` of `actbook.claims.sigmoid_tanh`.",
)
def timing_repeats() -> int:
    return int(TIMING_REPEATS)
