"""Claims of the chapter *Vanishing and exploding gradients* (book/chapters/vanishing-gradients.md).

Examples
--------
The values the book shows; the timings (``volatile``) show stored measurements (:mod:`actbook.claims.measurements`).

>>> from actbook.claims import REGISTRY
>>> for claim_id, claim in sorted(REGISTRY.items()):
...     if claim_id.startswith("vanishing.") and not claim.volatile:
...         print(claim_id, claim.render())
vanishing.batch_size 20
vanishing.bfloat16_fraction_bits 7
vanishing.bfloat16_min_exponent -126
vanishing.chain_balanced_weight -5.87
vanishing.chain_bias_free_best 3.3
vanishing.chain_bias_free_x1_best 1.3 × 10⁻³
vanishing.chain_explode_input_width 8.5 × 10⁻⁴
vanishing.chain_factor_steep -1.90
vanishing.chain_fixed_point_z -2.13
vanishing.chain_length 10
vanishing.chain_steep_weight -20
vanishing.chain_weight_limit 20
vanishing.depth_max 6
vanishing.depth_min 1
vanishing.depth_relu_6 94.7 %
vanishing.depth_sigmoid_1 93.2 %
vanishing.depth_sigmoid_2 83.8 %
vanishing.depth_sigmoid_6 50.2 %
vanishing.depth_sigmoid_normal_6 94.8 %
vanishing.depth_steps 1000
vanishing.depth_tanh_6 92.5 %
vanishing.depth_width 16
vanishing.descent_global_x -1.06
vanishing.descent_local_x 0.93
vanishing.descent_loss_gap 1.00
vanishing.descent_start 1
vanishing.explode_min_weight 4
vanishing.explode_window_steep 2.89
vanishing.float32_update_kept 2⁻²⁴
vanishing.float32_update_lost 2⁻²⁵
vanishing.init_explode_relu_normal 1.5 × 10⁷
vanishing.init_factor_sigmoid 4.4×
vanishing.init_ratio_relu 2.8×
vanishing.init_ratio_sigmoid 6.7 × 10⁵
vanishing.init_ratio_tanh 5.0×
vanishing.init_saturated_sigmoid_normal 40 %
vanishing.init_saturated_sigmoid_xavier 0.0 %
vanishing.learning_rate 0.5
vanishing.loss_step_ratio 7.2 × 10¹¹
vanishing.mean_derivative_normal 0.207
vanishing.mean_derivative_normal_20 2.2 × 10⁻²
vanishing.mlp_batch 256
vanishing.mlp_depth 10
vanishing.mlp_width 100
vanishing.moons_baseline_accuracy 89.0 %
vanishing.n_test 400
vanishing.n_train 400
vanishing.normal_backward_scale 10
vanishing.normal_beyond_four 6.3 × 10⁻⁵
vanishing.normal_chain_count 100000
vanishing.normal_chain_max_factor 0.96
vanishing.normal_chain_max_gradient 1.8 × 10⁻⁵
vanishing.normal_chain_median_gradient 1.9 × 10⁻⁹
vanishing.normal_vs_xavier_scale 10
vanishing.normal_within_one 68.3 %
vanishing.relu_derivative_at_zero 0
vanishing.seed_count 3
vanishing.sigmoid_bound_20 9.095 × 10⁻¹³
vanishing.sigmoid_bound_3 0.015625
vanishing.step_above_one_converges 9.5 × 10⁻⁷
vanishing.step_below_one_diverges 8.4 × 10²
vanishing.step_common_remaining 0.67
vanishing.step_count 20
vanishing.step_curvature_flat 0.5
vanishing.step_curvature_ratio 100
vanishing.step_curvature_steep 4
vanishing.step_rate_above_one 3
vanishing.step_rate_below_one 0.6
vanishing.step_snail_rate 0.01
vanishing.step_snail_remaining 0.44
vanishing.step_two_cycle 1.118
vanishing.train_change_ratio 118×
vanishing.train_depth 4
vanishing.train_epochs 150
vanishing.train_moons_accuracy 100.0 %
vanishing.train_moons_baseline_epoch 27
vanishing.train_moons_even_epoch 29
vanishing.train_moons_first_ratio 87×
vanishing.train_moons_last_ratio 0.2×
vanishing.train_moons_perfect_epoch 108
vanishing.train_speed_ratio 71×
vanishing.train_speed_ratio_high 71×
vanishing.train_speed_ratio_low 54×
vanishing.train_width 30
vanishing.train_xor_accuracy 49.2 %
vanishing.underflow_bfloat16 67
vanishing.underflow_bfloat16_ftz 64
vanishing.underflow_float16 13
vanishing.underflow_float16_ftz 8
vanishing.underflow_float32 75
vanishing.underflow_float64 538
vanishing.xor_baseline_accuracy 33.5 %
vanishing.xor_baseline_spread 0.05
vanishing.xor_bayes_accuracy 95.6 %
vanishing.xor_centre 1
vanishing.xor_std 0.5
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Callable
from functools import cache
from typing import Any

import numpy as np
from scipy import integrate, optimize, special

from actbook.activations import Sigmoid, relu_derivative, sigmoid_derivative
from actbook.claims._registry import claim, fixed, integer, percent, ratio, sci
from actbook.experiments import vanishing as experiment
from actbook.init import fan_in_fan_out
from actbook.nn import derivative_peak

# ------------------------------------------------------------------ shared runs


def _default(function: Callable[..., Any], parameter: str) -> Any:
    """The default of ``parameter`` in ``function``'s signature: what a bare call runs with."""
    return inspect.signature(function).parameters[parameter].default


@cache
def _layer_gradients(activation: str, init: str) -> experiment.LayerGradients:
    # the defaults, as in the chapter's cells: the prose quotes them through claims
    return experiment.layer_gradient_norms(activation=activation, init=init)


@cache
def _learning_speeds(dataset: str, seed: int = 0) -> experiment.LearningSpeeds:
    # the defaults, as in the chapter's cells (seed 0 is the run the figure shows)
    return experiment.learning_speeds(dataset=dataset, seed=seed)


@cache
def _depth_run(activation: str, depth: int, init: str | None = None) -> experiment.DepthAccuracy:
    return experiment.accuracy_by_depth([depth], activation, init)


def _accuracy(activation: str, depth: int, init: str | None = None) -> float:
    """Held-out accuracy after the fixed budget, averaged over the default seeds."""
    return float(_depth_run(activation, depth, init).test_mean[0])


def _quadratic_growth(curvature: float, lr: float) -> float:
    """``|x_T / x_0|`` after the default number of steps of ``gradient_descent_quadratic``."""
    path = experiment.gradient_descent_quadratic(curvature, lr)
    return float(abs(path[-1] / path[0]))


def _descend(derivative: Callable[[float], float], x0: float, lr: float, steps: int) -> float:
    """Plain gradient descent in one dimension; return the last iterate."""
    x = x0
    for _ in range(steps):
        x -= lr * derivative(x)
    return x


@cache
def _mean_derivative_normal() -> float:
    def integrand(z: float) -> float:
        return float(sigmoid_derivative(z)) * np.exp(-z * z / 2) / np.sqrt(2 * np.pi)

    value, _ = integrate.quad(integrand, -np.inf, np.inf)
    return value


# ------------------------------------------------------------- the product bound


@claim(
    "vanishing.sigmoid_bound_3",
    fmt=".6g",
    statement="The product of three sigmoid derivatives is at most $(1/4)^3$.",
    method=(
        "Multiplies the maximum of the sigmoid derivative, "
        "`actbook.activations.Sigmoid.derivative_peak`, three times."
    ),
)
def sigmoid_bound_3() -> float:
    return experiment.derivative_product_bound(3)


@claim(
    "vanishing.sigmoid_bound_20",
    fmt=sci(4),
    statement="The product of twenty sigmoid derivatives is at most $(1/4)^{20}$.",
    method=(
        "Raises the maximum of the sigmoid derivative, "
        "`actbook.activations.Sigmoid.derivative_peak`, to the 20th power."
    ),
)
def sigmoid_bound_20() -> float:
    return experiment.derivative_product_bound(20)


@claim(
    "vanishing.mean_derivative_normal",
    fmt=fixed(3),
    statement="For a standard normal pre-activation $Z$, $E[\\sigma'(Z)]$ is below $1/4$.",
    method="Integrates $\\sigma'(z)\\,\\varphi(z)$ over the real line by adaptive quadrature.",
)
def mean_derivative_normal() -> float:
    return _mean_derivative_normal()


@claim(
    "vanishing.mean_derivative_normal_20",
    fmt=sci(2),
    statement=(
        "Twenty factors of $E[\\sigma'(Z)]$, $Z \\sim \\mathcal{N}(0, 1)$, are this fraction "
        "of the bound $(1/4)^{20}$."
    ),
    method="Computes $(4\\,E[\\sigma'(Z)])^{20}$ with the quadrature value of $E[\\sigma'(Z)]$.",
)
def mean_derivative_normal_20() -> float:
    return (_mean_derivative_normal() / derivative_peak(Sigmoid())) ** 20


# --------------------------------------------------------------------- underflow

_UNDERFLOW_STATEMENT = (
    "Multiplying $1$ by $1/4$ repeatedly in {fmt} gives exactly zero after this many factors."
)
_UNDERFLOW_METHOD = "Multiplies by $1/4$ in NumPy's {fmt} until the product equals zero."


@claim(
    "vanishing.underflow_float16",
    fmt=integer,
    statement=_UNDERFLOW_STATEMENT.format(fmt="float16"),
    method=_UNDERFLOW_METHOD.format(fmt="float16"),
)
def underflow_float16() -> int:
    return experiment.underflow_depth(0.25, np.float16)


@claim(
    "vanishing.underflow_float32",
    fmt=integer,
    statement=_UNDERFLOW_STATEMENT.format(fmt="float32"),
    method=_UNDERFLOW_METHOD.format(fmt="float32"),
)
def underflow_float32() -> int:
    return experiment.underflow_depth(0.25, np.float32)


@claim(
    "vanishing.underflow_float64",
    fmt=integer,
    statement=_UNDERFLOW_STATEMENT.format(fmt="float64"),
    method=_UNDERFLOW_METHOD.format(fmt="float64"),
)
def underflow_float64() -> int:
    return experiment.underflow_depth(0.25, np.float64)


@claim(
    "vanishing.underflow_bfloat16",
    fmt=integer,
    statement="In bfloat16 the exact product $(1/4)^n$ rounds to zero from this $n$ on.",
    method=(
        "Compares $(1/4)^n$, in exact rational arithmetic, with half the smallest bfloat16 "
        "subnormal (`exact_underflow_depth`)."
    ),
)
def underflow_bfloat16() -> int:
    return experiment.exact_underflow_depth("bfloat16")


@claim(
    "vanishing.underflow_bfloat16_ftz",
    fmt=integer,
    statement=(
        "In bfloat16 on hardware that flushes subnormal results to zero, $(1/4)^n$ is zero "
        "from this $n$ on."
    ),
    method=(
        "Compares $(1/4)^n$, in exact rational arithmetic, with the smallest normal "
        "bfloat16 number (`exact_underflow_depth` with `subnormals=False`)."
    ),
)
def underflow_bfloat16_ftz() -> int:
    return experiment.exact_underflow_depth("bfloat16", subnormals=False)


@claim(
    "vanishing.underflow_float16_ftz",
    fmt=integer,
    statement="The same in float16 with subnormal results flushed to zero.",
    method="As for bfloat16, with float16's smallest normal number.",
)
def underflow_float16_ftz() -> int:
    return experiment.exact_underflow_depth("float16", subnormals=False)


@claim(
    "vanishing.bfloat16_min_exponent",
    fmt=integer,
    statement="The exponent $e_{\\min}$ of bfloat16's smallest normal number $2^{e_{\\min}}$.",
    method="Reads `actbook.experiments.vanishing.FLOAT_FORMATS`, which follows float32.",
)
def bfloat16_min_exponent() -> int:
    return experiment.FLOAT_FORMATS["bfloat16"][0]


@claim(
    "vanishing.bfloat16_fraction_bits",
    fmt=integer,
    statement="The number $p$ of fraction bits of bfloat16.",
    method="Reads `actbook.experiments.vanishing.FLOAT_FORMATS`.",
)
def bfloat16_fraction_bits() -> int:
    return experiment.FLOAT_FORMATS["bfloat16"][1]


_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def _power_of_two(value: Any) -> str:
    """Format an exact power of two as ``2ⁿ``.

    >>> _power_of_two(2.0**-25)
    '2⁻²⁵'
    """
    exponent = math.log2(float(value))
    if not exponent.is_integer():
        raise ValueError(f"value must be a power of two, got {value!r}")
    return "2" + str(int(exponent)).translate(_SUPERSCRIPT)


@claim(
    "vanishing.float32_update_lost",
    fmt=_power_of_two,
    statement=(
        "In float32, $w - u$ rounds back to $w$ whenever $|u|$ is below this fraction of $|w|$."
    ),
    method=(
        "A quarter of float32's machine epsilon: half the spacing of float32 numbers near "
        "$w$ is at least this fraction of $|w|$."
    ),
)
def float32_update_lost() -> float:
    return float(np.finfo(np.float32).eps) / 4


@claim(
    "vanishing.float32_update_kept",
    fmt=_power_of_two,
    statement="In float32, $w - u$ differs from $w$ whenever $|u|$ exceeds this fraction of $|w|$.",
    method=(
        "Half of float32's machine epsilon: half the spacing near $w$ is at most this "
        "fraction of $|w|$."
    ),
)
def float32_update_kept() -> float:
    return float(np.finfo(np.float32).eps) / 2


# ------------------------------------------------------------- the scalar chain


@claim(
    "vanishing.explode_min_weight",
    fmt=integer,
    statement="A factor $|w\\,\\sigma'(z)|$ can reach one only if $|w|$ is at least this value.",
    method=(
        "Takes the reciprocal of the sigmoid derivative's maximum, "
        "`actbook.activations.Sigmoid.derivative_peak`."
    ),
    papers=("nielsen2015neural",),
)
def explode_min_weight() -> float:
    return experiment.minimum_exploding_weight()


# the shared weights of the chapter's chains: the grid [-20, 20] of step 0.01
_CHAIN_WEIGHT_LIMIT = 20.0
_CHAIN_GRID = np.linspace(-_CHAIN_WEIGHT_LIMIT, _CHAIN_WEIGHT_LIMIT, 4001)
_CHAIN_STEEP_WEIGHT = -_CHAIN_WEIGHT_LIMIT
# Brent bracket for |z| where |w sigma'(z)| = 1 (sigma' < 1e-21 at its upper end)
_WINDOW_BRACKET = (0.0, 50.0)
# |dJ/dw_1| falls below one within this relative distance of a* on both sides
_EXPLODE_REL_BRACKET = 0.01


def _fixed_point_chain(weight: float) -> experiment.ChainGradient:
    """The bias-free chain sharing ``weight``, with its input on the fixed point."""
    x = experiment.chain_fixed_point(weight)
    return experiment.scalar_chain([weight] * experiment.CHAIN_LENGTH, x=x)


def _fixed_point_factor(weight: float) -> float:
    z = weight * experiment.chain_fixed_point(weight)
    return float(weight * sigmoid_derivative(z))


@claim(
    "vanishing.chain_length",
    fmt=integer,
    statement="The number of neurons in the chapter's chains of scalar sigmoid neurons.",
    method="Reads `actbook.experiments.vanishing.CHAIN_LENGTH`.",
)
def chain_length() -> int:
    return experiment.CHAIN_LENGTH


@claim(
    "vanishing.chain_weight_limit",
    fmt=integer,
    statement="The chapter evaluates its chains for shared weights $w$ with $|w|$ up to this value.",
    method="The bound of the grid of weights `_CHAIN_GRID` that the chain claims search.",
)
def chain_weight_limit() -> float:
    return _CHAIN_WEIGHT_LIMIT


@claim(
    "vanishing.chain_steep_weight",
    fmt=integer,
    statement="The negative shared weight at the end of that range, the chapter's example.",
    method="The lower end of the grid of weights.",
)
def chain_steep_weight() -> float:
    return _CHAIN_STEEP_WEIGHT


@claim(
    "vanishing.chain_bias_free_x1_best",
    fmt=sci(2),
    statement=(
        "In a bias-free chain of sigmoid neurons sharing one weight $w$, with input $x = 1$, "
        "$|\\partial J/\\partial w_1|$ never exceeds this value for $|w|$ up to the limit."
    ),
    method=(
        "Evaluates the chain's gradient with `scalar_chain` on the grid of weights and "
        "takes the maximum."
    ),
)
def chain_bias_free_x1_best() -> float:
    length = experiment.CHAIN_LENGTH
    return max(abs(experiment.scalar_chain([w] * length, x=1.0).gradient) for w in _CHAIN_GRID)


@claim(
    "vanishing.chain_bias_free_best",
    fmt=sci(2),
    statement=(
        "In a bias-free chain of sigmoid neurons sharing one weight $w$, with the input on the "
        "fixed point of $a \\mapsto \\sigma(w a)$, $|\\partial J/\\partial w_1|$ reaches this "
        "value on the grid of weights, at its negative end: bias-free chains can explode."
    ),
    method=(
        "Starts each chain at `chain_fixed_point(w)`, evaluates its gradient with "
        "`scalar_chain` on the grid of weights and takes the maximum."
    ),
)
def chain_bias_free_best() -> float:
    return max(abs(_fixed_point_chain(w).gradient) for w in _CHAIN_GRID)


@claim(
    "vanishing.chain_balanced_weight",
    fmt=fixed(2),
    statement=(
        "With the input on the fixed point of $a \\mapsto \\sigma(w a)$, every factor "
        "$w\\,\\sigma'(z_k)$ of a bias-free chain equals $-1$ exactly at this weight."
    ),
    method=(
        "Solves $w\\,\\sigma'(w a^*(w)) = -1$ with Brent's method for $w$ between "
        "{claim}`vanishing.chain_steep_weight` and the negative of "
        "{claim}`vanishing.explode_min_weight`, $a^*(w)$ from `chain_fixed_point`."
    ),
)
def chain_balanced_weight() -> float:
    return optimize.brentq(
        lambda w: _fixed_point_factor(w) + 1.0,
        _CHAIN_STEEP_WEIGHT,
        -experiment.minimum_exploding_weight(),
        xtol=1e-13,
    )


@claim(
    "vanishing.chain_fixed_point_z",
    fmt=fixed(2),
    statement=(
        "At the example weight, the pre-activation $z^* = w a^*$ of every neuron of the "
        "bias-free chain started on the fixed point."
    ),
    method="Multiplies the weight by `chain_fixed_point(w)`.",
)
def chain_fixed_point_z() -> float:
    return _CHAIN_STEEP_WEIGHT * experiment.chain_fixed_point(_CHAIN_STEEP_WEIGHT)


@claim(
    "vanishing.chain_factor_steep",
    fmt=fixed(2),
    statement="At the example weight, every factor $w\\,\\sigma'(z^*)$ of that chain.",
    method="Reads the factors of `scalar_chain` started on the fixed point; all are equal.",
)
def chain_factor_steep() -> float:
    factors = _fixed_point_chain(_CHAIN_STEEP_WEIGHT).factors
    return float(factors[0])


@claim(
    "vanishing.chain_explode_input_width",
    fmt=sci(2),
    statement=(
        "At the example weight, the bias-free chain's $|\\partial J/\\partial w_1|$ exceeds one "
        "only for inputs $x$ in an interval around the fixed point $a^*$ of this width."
    ),
    method=(
        "Finds where $|\\partial J/\\partial w_1| = 1$ on each side of $a^*$ with Brent's "
        "method, the gradient from `scalar_chain`, and subtracts the two inputs."
    ),
)
def chain_explode_input_width() -> float:
    weights = [_CHAIN_STEEP_WEIGHT] * experiment.CHAIN_LENGTH
    centre = experiment.chain_fixed_point(_CHAIN_STEEP_WEIGHT)

    def excess(x: float) -> float:
        return abs(experiment.scalar_chain(weights, x=x).gradient) - 1.0

    if excess(centre) <= 0:
        raise RuntimeError("the chain started on its fixed point does not explode")
    # the fixed point repels, so |dJ/dw_1| falls below 1 close to a* on both sides
    low = optimize.brentq(excess, (1 - _EXPLODE_REL_BRACKET) * centre, centre, xtol=1e-15)
    high = optimize.brentq(excess, centre, (1 + _EXPLODE_REL_BRACKET) * centre, xtol=1e-15)
    return high - low


@claim(
    "vanishing.explode_window_steep",
    fmt=fixed(2),
    statement=(
        "For the example weight, $|w\\,\\sigma'(z)| > 1$ exactly when $|z|$ is below this value."
    ),
    method="Solves $\\sigma'(z) = 1/|w|$ for $z > 0$ with Brent's method on `_WINDOW_BRACKET`.",
)
def explode_window_steep() -> float:
    target = 1.0 / abs(_CHAIN_STEEP_WEIGHT)
    return optimize.brentq(
        lambda z: float(sigmoid_derivative(z)) - target, *_WINDOW_BRACKET, xtol=1e-13
    )


@claim(
    "vanishing.normal_within_one",
    fmt=percent(1),
    statement="A standard normal weight lies in $[-1, 1]$ with this probability.",
    method="Evaluates $\\operatorname{erf}(1/\\sqrt{2})$ with SciPy.",
)
def normal_within_one() -> float:
    return float(special.erf(1 / np.sqrt(2)))


@claim(
    "vanishing.normal_beyond_four",
    fmt=sci(2),
    statement=(
        "A standard normal weight exceeds {claim}`vanishing.explode_min_weight` in magnitude "
        "with this probability."
    ),
    method="Evaluates $\\operatorname{erfc}(4/\\sqrt{2})$ with SciPy.",
)
def normal_beyond_four() -> float:
    return float(special.erfc(experiment.minimum_exploding_weight() / np.sqrt(2)))


@cache
def _normal_chains() -> experiment.RandomChains:
    return experiment.random_chains()


@claim(
    "vanishing.normal_chain_count",
    fmt=integer,
    statement="The number of bias-free sigmoid chains drawn with standard normal weights.",
    method="The default `n_chains` of `random_chains`.",
)
def normal_chain_count() -> int:
    return _default(experiment.random_chains, "n_chains")


@claim(
    "vanishing.normal_chain_median_gradient",
    fmt=sci(2),
    statement=(
        "The median of $|\\partial J/\\partial w_1|$ over those chains, with input $x = 1$."
    ),
    method="`random_chains()` (its default seed), median of the absolute gradients.",
)
def normal_chain_median_gradient() -> float:
    return float(np.median(np.abs(_normal_chains().gradients)))


@claim(
    "vanishing.normal_chain_max_gradient",
    fmt=sci(2),
    statement="The largest $|\\partial J/\\partial w_1|$ over those chains.",
    method="`random_chains()` (its default seed), maximum of the absolute gradients.",
)
def normal_chain_max_gradient() -> float:
    return float(np.max(np.abs(_normal_chains().gradients)))


@claim(
    "vanishing.normal_chain_max_factor",
    fmt=fixed(2),
    statement="The largest $|w_k\\,\\sigma'(z_k)|$ among all factors of those chains.",
    method="`random_chains()` (its default seed), maximum of the absolute factors.",
)
def normal_chain_max_factor() -> float:
    return float(np.max(np.abs(_normal_chains().factors)))


# ------------------------------------------------- gradients at initialization


@claim(
    "vanishing.init_ratio_sigmoid",
    fmt=sci(2),
    statement=(
        "In a sigmoid MLP of {claim}`vanishing.mlp_depth` hidden layers of "
        "{claim}`vanishing.mlp_width` units with Xavier initialization, the last hidden "
        "layer's bias gradient is this many times the first's."
    ),
    method=(
        "Back-propagates binary cross-entropy for {claim}`vanishing.mlp_batch` standard "
        "normal inputs with random labels (the default seed of `layer_gradient_norms`) and "
        "divides the norms of $\\partial L/\\partial b_\\ell$ of the last and the first "
        "hidden layer."
    ),
    papers=("glorot2010understanding",),
)
def init_ratio_sigmoid() -> float:
    return _layer_gradients("sigmoid", "xavier_uniform").ratio


@claim(
    "vanishing.init_factor_sigmoid",
    fmt=ratio(1),
    statement="In the same sigmoid MLP the gradient shrinks by this factor per layer.",
    method="Takes the ninth root of the ratio between the last and first layers' bias gradients.",
)
def init_factor_sigmoid() -> float:
    return _layer_gradients("sigmoid", "xavier_uniform").factor_per_layer


@claim(
    "vanishing.init_ratio_tanh",
    fmt=ratio(1),
    statement="The same ratio for a tanh MLP with Xavier initialization.",
    method="As for the sigmoid MLP, with tanh units.",
)
def init_ratio_tanh() -> float:
    return _layer_gradients("tanh", "xavier_uniform").ratio


@claim(
    "vanishing.init_ratio_relu",
    fmt=ratio(1),
    statement="The same ratio for a ReLU MLP with He initialization.",
    method="As for the sigmoid MLP, with ReLU units and He normal weights.",
)
def init_ratio_relu() -> float:
    return _layer_gradients("relu", "he_normal").ratio


@claim(
    "vanishing.init_explode_relu_normal",
    fmt=sci(2),
    statement=(
        "In a ReLU MLP of {claim}`vanishing.mlp_depth` hidden layers of "
        "{claim}`vanishing.mlp_width` units with $\\mathcal{N}(0, 1)$ weights, the first "
        "hidden layer's bias gradient is this many times the last's."
    ),
    method="As for the sigmoid MLP, with ReLU units and standard normal weights; inverse ratio.",
)
def init_explode_relu_normal() -> float:
    return 1.0 / _layer_gradients("relu", "standard_normal").ratio


@claim(
    "vanishing.init_saturated_sigmoid_xavier",
    fmt=percent(1),
    statement=(
        "In the Xavier-initialized sigmoid MLP, the largest fraction of saturated units "
        "in any hidden layer."
    ),
    method=(
        "Counts units with $\\sigma'(z) < \\theta \\cdot 1/4$, $\\theta =$ "
        "{claim}`sigmoid_tanh.saturation_level` (`actbook.nn.SATURATION_THRESHOLD`), over the "
        "batch with `actbook.nn.layer_statistics` and takes the maximum over layers."
    ),
)
def init_saturated_sigmoid_xavier() -> float:
    return float(np.max(_layer_gradients("sigmoid", "xavier_uniform").saturated_fractions))


@claim(
    "vanishing.init_saturated_sigmoid_normal",
    fmt=percent(0),
    statement=(
        "With $\\mathcal{N}(0, 1)$ weights instead, the mean fraction of saturated units "
        "per hidden layer."
    ),
    method="As above, with standard normal weights, averaged over the ten layers.",
)
def init_saturated_sigmoid_normal() -> float:
    return float(np.mean(_layer_gradients("sigmoid", "standard_normal").saturated_fractions))


@claim(
    "vanishing.mlp_depth",
    fmt=integer,
    statement="The number of hidden layers of the MLPs measured at initialization.",
    method="The default `depth` of `layer_gradient_norms`, which the measurements use.",
)
def mlp_depth() -> int:
    return _default(experiment.layer_gradient_norms, "depth")


@claim(
    "vanishing.mlp_width",
    fmt=integer,
    statement="The number of units of each hidden layer (and of the input) of those MLPs.",
    method="The default `width` of `layer_gradient_norms`.",
)
def mlp_width() -> int:
    return _default(experiment.layer_gradient_norms, "width")


@claim(
    "vanishing.mlp_batch",
    fmt=integer,
    statement="The number of standard normal inputs in the batch those MLPs back-propagate.",
    method="The default `n_samples` of `layer_gradient_norms`.",
)
def mlp_batch() -> int:
    return _default(experiment.layer_gradient_norms, "n_samples")


@claim(
    "vanishing.normal_vs_xavier_scale",
    fmt=".3g",
    statement=(
        "In those MLPs, the standard deviation of $\\mathcal{N}(0, 1)$ weights is this many "
        "times that of Xavier's weights."
    ),
    method=(
        "Divides the unit standard deviation of $\\mathcal{N}(0, 1)$ by Xavier's "
        "$\\sqrt{2/(m_{\\text{in}} + m_{\\text{out}})}$ for a square layer."
    ),
)
def normal_vs_xavier_scale() -> float:
    fan_in, fan_out = fan_in_fan_out((mlp_width(), mlp_width()))
    return 1.0 / math.sqrt(2.0 / (fan_in + fan_out))


@claim(
    "vanishing.normal_backward_scale",
    fmt=".3g",
    statement=(
        "With $\\mathcal{N}(0, 1)$ weights, the scale $s\\sqrt{m_{\\text{out}}}$ by which a layer "
        "of those MLPs multiplies the back-propagated signal, before the derivatives."
    ),
    method="Multiplies the unit standard deviation of $\\mathcal{N}(0, 1)$ by the square root "
    "of the fan-out.",
)
def normal_backward_scale() -> float:
    _, fan_out = fan_in_fan_out((mlp_width(), mlp_width()))
    return 1.0 * math.sqrt(fan_out)


@claim(
    "vanishing.loss_step_ratio",
    fmt=sci(2),
    statement=(
        "In the Xavier-initialized sigmoid MLP, a gradient step of the same rate on the last "
        "hidden layer's weights lowers the loss this many times more, to first order, than "
        "one on the first layer's."
    ),
    method=(
        "A step $-\\eta\\,\\nabla_{W_\\ell} L$ changes the loss by "
        "$-\\eta\\,\\|\\nabla_{W_\\ell} L\\|^2$ to first order: squares the ratio of the "
        "Frobenius norms of the last and first weight gradients."
    ),
)
def loss_step_ratio() -> float:
    norms = _layer_gradients("sigmoid", "xavier_uniform").weight_norms
    return float((norms[-1] / norms[0]) ** 2)


# ------------------------------------------------------------ during training


@claim(
    "vanishing.train_speed_ratio",
    fmt=ratio(0),
    statement=(
        "Training Nielsen's deep sigmoid MLP on the XOR clusters, the last hidden layer learns "
        "this many times faster than the first, averaged over the run."
    ),
    method=(
        "Runs `learning_speeds` with its defaults (`SPEED_DEPTH` hidden layers of "
        "`SPEED_WIDTH` sigmoid units, LeCun normal weights, `SPEED_EPOCHS` epochs of "
        "mini-batch SGD) on `gaussian_xor` with its default seed, and divides the mean norms of "
        "$\\partial L/\\partial b_\\ell$ of the last and the first hidden layer over all steps."
    ),
    papers=("nielsen2015neural",),
)
def train_speed_ratio() -> float:
    return _learning_speeds("gaussian_xor").speed_ratio


@claim(
    "vanishing.train_change_ratio",
    fmt=ratio(0),
    statement=(
        "In the same run, the last hidden layer's weights change this many times more, "
        "relative to their initial size, than the first layer's."
    ),
    method=(
        "Divides $\\|W_\\ell(end) - W_\\ell(0)\\| / \\|W_\\ell(0)\\|$ of the last hidden layer "
        "by that of the first."
    ),
)
def train_change_ratio() -> float:
    return _learning_speeds("gaussian_xor").change_ratio


@claim(
    "vanishing.train_moons_accuracy",
    fmt=percent(1),
    statement=(
        "The same network trained the same way on two moons reaches this accuracy on the "
        "held-out points."
    ),
    method=(
        "As on the XOR clusters, with `two_moons`; thresholds the logits of the held-out "
        "points at zero."
    ),
)
def train_moons_accuracy() -> float:
    return _learning_speeds("two_moons").test_accuracy


@claim(
    "vanishing.train_moons_first_ratio",
    fmt=ratio(0),
    statement=(
        "On two moons, the speed ratio of the last hidden layer to the first in the first epoch."
    ),
    method="Averages $\\|\\partial L/\\partial b_\\ell\\|$ over the first epoch's steps.",
)
def train_moons_first_ratio() -> float:
    first = _learning_speeds("two_moons").epoch_speeds[0]
    return float(first[-1] / first[0])


@claim(
    "vanishing.train_moons_last_ratio",
    fmt=ratio(1),
    statement=(
        "On two moons, the speed ratio of the last hidden layer to the first in the last epoch."
    ),
    method="Averages $\\|\\partial L/\\partial b_\\ell\\|$ over the last epoch's steps.",
)
def train_moons_last_ratio() -> float:
    last = _learning_speeds("two_moons").epoch_speeds[-1]
    return float(last[-1] / last[0])


# ------------------------------------------------------------------ depth

_DEPTH_METHOD = (
    "Runs `accuracy_by_depth` with its defaults: trains on the XOR clusters (`N_TRAIN` "
    "points) with hidden layers of `DEPTH_WIDTH` units, binary cross-entropy and "
    "`DEPTH_EPOCHS` epochs of mini-batch SGD; the accuracy on the `N_TEST` held-out points, "
    "averaged over the seeds `SEEDS`."
)


@claim(
    "vanishing.depth_sigmoid_1",
    fmt=percent(1),
    statement="A sigmoid network with one hidden layer reaches this held-out accuracy.",
    method=_DEPTH_METHOD,
)
def depth_sigmoid_1() -> float:
    return _accuracy("sigmoid", 1)


@claim(
    "vanishing.depth_sigmoid_6",
    fmt=percent(1),
    statement="A sigmoid network with six hidden layers reaches this held-out accuracy.",
    method=_DEPTH_METHOD,
)
def depth_sigmoid_6() -> float:
    return _accuracy("sigmoid", 6)


@claim(
    "vanishing.depth_tanh_6",
    fmt=percent(1),
    statement=(
        "A tanh network with six hidden layers (Xavier weights) reaches this held-out accuracy."
    ),
    method=_DEPTH_METHOD,
)
def depth_tanh_6() -> float:
    return _accuracy("tanh", 6)


@claim(
    "vanishing.depth_relu_6",
    fmt=percent(1),
    statement=(
        "A ReLU network with six hidden layers (He weights) reaches this held-out accuracy."
    ),
    method=_DEPTH_METHOD,
)
def depth_relu_6() -> float:
    return _accuracy("relu", 6)


# ------------------------------------------------------------------- ReLU


@claim(
    "vanishing.relu_derivative_at_zero",
    fmt=integer,
    statement="actbook's ReLU derivative takes this value at $0$, where ReLU has no derivative.",
    method="Evaluates `actbook.activations.relu_derivative(0.0)`.",
)
def relu_derivative_at_zero() -> float:
    return float(relu_derivative(0.0))


# -------------------------------------------------------------- step size

# the chapter's examples: f(x) = lambda x^2 / 2 with these curvatures and rates
_STEEP_CURVATURE, _RATE_BELOW_ONE = 4.0, 0.6
_FLAT_CURVATURE, _RATE_ABOVE_ONE = 0.5, 3.0
_SNAIL_RATE = 0.01
_CURVATURE_RATIO = 100
# a double well whose lower minimum is at negative x: f(x) = x^4 - 2 x^2 + x / 2
_DESCENT_START, _DESCENT_RATE, _DESCENT_STEPS = 1.0, 0.01, 5000


def _double_well(x: float) -> float:
    return x**4 - 2.0 * x**2 + 0.5 * x


def _double_well_derivative(x: float) -> float:
    return 4.0 * x**3 - 4.0 * x + 0.5


@claim(
    "vanishing.step_count",
    fmt=integer,
    statement="The number of gradient descent steps of the chapter's step-size examples.",
    method="The default `steps` of `gradient_descent_quadratic`.",
)
def step_count() -> int:
    return _default(experiment.gradient_descent_quadratic, "steps")


@claim(
    "vanishing.step_curvature_steep",
    fmt=".3g",
    statement="The curvature $\\lambda$ of the steeper example quadratic.",
    method="A parameter of the example.",
)
def step_curvature_steep() -> float:
    return _STEEP_CURVATURE


@claim(
    "vanishing.step_rate_below_one",
    fmt=".3g",
    statement="A rate below one that diverges on the steeper quadratic.",
    method="A parameter of the example; `converges` confirms it exceeds $2/\\lambda$.",
)
def step_rate_below_one() -> float:
    return _RATE_BELOW_ONE


@claim(
    "vanishing.step_curvature_flat",
    fmt=".3g",
    statement="The curvature $\\lambda$ of the flatter example quadratic.",
    method="A parameter of the example.",
)
def step_curvature_flat() -> float:
    return _FLAT_CURVATURE


@claim(
    "vanishing.step_rate_above_one",
    fmt=".3g",
    statement="A rate above one that converges on the flatter quadratic.",
    method="A parameter of the example; `converges` confirms it is below $2/\\lambda$.",
)
def step_rate_above_one() -> float:
    return _RATE_ABOVE_ONE


@claim(
    "vanishing.step_snail_rate",
    fmt=".3g",
    statement="A small rate for the steeper quadratic.",
    method="A parameter of the example.",
)
def step_snail_rate() -> float:
    return _SNAIL_RATE


@claim(
    "vanishing.step_snail_remaining",
    fmt=fixed(2),
    statement=(
        "With the small rate on the steeper quadratic, the fraction of $|x_0|$ left after "
        "the example's number of steps."
    ),
    method="Runs `gradient_descent_quadratic` and divides $|x_T|$ by $|x_0|$.",
)
def step_snail_remaining() -> float:
    return _quadratic_growth(_STEEP_CURVATURE, _SNAIL_RATE)


@claim(
    "vanishing.step_curvature_ratio",
    fmt=integer,
    statement=(
        "In the two-direction example, the steep direction's curvature is this many times "
        "the flat direction's."
    ),
    method="A parameter of the example.",
)
def step_curvature_ratio() -> int:
    return _CURVATURE_RATIO


@claim(
    "vanishing.step_common_remaining",
    fmt=fixed(2),
    statement=(
        "With the best rate common to both directions, $2/(\\lambda_1 + \\lambda_2)$, each "
        "coordinate keeps this fraction of its start after the example's number of steps."
    ),
    method=(
        "Runs `gradient_descent_quadratic` in each direction (a diagonal quadratic "
        "separates) and takes the larger remaining fraction."
    ),
)
def step_common_remaining() -> float:
    steep, flat = _STEEP_CURVATURE, _STEEP_CURVATURE / _CURVATURE_RATIO
    lr = 2.0 / (steep + flat)
    return max(_quadratic_growth(steep, lr), _quadratic_growth(flat, lr))


@claim(
    "vanishing.step_two_cycle",
    fmt=fixed(3),
    statement=(
        "On $f(x) = \\sqrt{1 + x^2}$, gradient descent with the rate above one ends "
        "alternating between $\\pm$ this value."
    ),
    method=(
        "Iterates $x \\leftarrow x - \\eta x/\\sqrt{1 + x^2}$ with $\\eta =$ "
        "{claim}`vanishing.step_rate_above_one` from $x_0 = 1$, for the number of steps "
        "written in `step_two_cycle`."
    ),
)
def step_two_cycle() -> float:
    def derivative(x: float) -> float:
        return x / math.sqrt(1.0 + x * x)

    return abs(_descend(derivative, 1.0, _RATE_ABOVE_ONE, 200))


@claim(
    "vanishing.descent_start",
    fmt=".3g",
    statement="The starting point of gradient descent on the double well.",
    method="A parameter of the example.",
)
def descent_start() -> float:
    return _DESCENT_START


@claim(
    "vanishing.descent_local_x",
    fmt=fixed(2),
    statement=(
        "Gradient descent with small steps on $f(x) = x^4 - 2x^2 + x/2$ from the start "
        "settles at this $x$, a local minimum."
    ),
    method=(
        "Runs `_DESCENT_STEPS` steps of rate `_DESCENT_RATE` from $x_0 =$ "
        "{claim}`vanishing.descent_start`."
    ),
)
def descent_local_x() -> float:
    return _descend(_double_well_derivative, _DESCENT_START, _DESCENT_RATE, _DESCENT_STEPS)


@claim(
    "vanishing.descent_global_x",
    fmt=fixed(2),
    statement="The global minimum of the same double well lies at this $x$.",
    method="Runs the same descent from $-x_0$, and checks it is the lowest critical point.",
)
def descent_global_x() -> float:
    x = _descend(_double_well_derivative, -_DESCENT_START, _DESCENT_RATE, _DESCENT_STEPS)
    if _double_well(x) >= _double_well(descent_local_x()):
        raise RuntimeError("the descent from -x0 did not find the lower minimum")
    return x


@claim(
    "vanishing.descent_loss_gap",
    fmt=fixed(2),
    statement="The local minimum's loss exceeds the global minimum's by this amount.",
    method="Evaluates the double well at both minima found by descent.",
)
def descent_loss_gap() -> float:
    return _double_well(descent_local_x()) - _double_well(descent_global_x())


@claim(
    "vanishing.step_below_one_diverges",
    fmt=sci(2),
    statement=(
        "On the quadratic of curvature {claim}`vanishing.step_curvature_steep`, "
        "{claim}`vanishing.step_count` steps with the rate {claim}`vanishing.step_rate_below_one` "
        "multiply $|x|$ by this factor."
    ),
    method=(
        "Runs gradient descent from $x_0 = 1$ for $T =$ {claim}`vanishing.step_count` steps "
        "and divides $|x_T|$ by $|x_0|$."
    ),
)
def step_below_one_diverges() -> float:
    return _quadratic_growth(_STEEP_CURVATURE, _RATE_BELOW_ONE)


@claim(
    "vanishing.step_above_one_converges",
    fmt=sci(2),
    statement=(
        "On the quadratic of curvature {claim}`vanishing.step_curvature_flat`, "
        "{claim}`vanishing.step_count` steps with the rate {claim}`vanishing.step_rate_above_one` "
        "multiply $|x|$ by this factor."
    ),
    method=(
        "Runs gradient descent from $x_0 = 1$ for $T =$ {claim}`vanishing.step_count` steps "
        "and divides $|x_T|$ by $|x_0|$."
    ),
)
def step_above_one_converges() -> float:
    return _quadratic_growth(_FLAT_CURVATURE, _RATE_ABOVE_ONE)


# ------------------------------------- training runs: parameters, baselines, epochs
# The training and depth experiments share their data, split and optimizer; the prose
# quotes these parameters through the claims below, read from the functions' defaults.


def _shared_default(parameter: str) -> Any:
    """The default of ``parameter`` in both training experiments, which must agree."""
    values = {
        _default(function, parameter)
        for function in (experiment.learning_speeds, experiment.accuracy_by_depth)
    }
    if len(values) != 1:
        raise ValueError(f"learning_speeds and accuracy_by_depth differ in {parameter}: {values}")
    return values.pop()


@cache
def _xor_split() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    return experiment.train_test_data(
        "gaussian_xor", _shared_default("n_samples"), _shared_default("n_test")
    )


def _first_epoch(flags: np.ndarray) -> int:
    """The index of the first true entry of ``flags`` (an epoch count)."""
    if not np.any(flags):
        raise ValueError("the event never happens in the run")
    return int(np.argmax(flags))


@claim(
    "vanishing.n_train",
    fmt=integer,
    statement="The number of training points of the learning-speed and depth experiments.",
    method="The default `n_samples` of `learning_speeds` and `accuracy_by_depth`.",
)
def n_train() -> int:
    return _shared_default("n_samples")


@claim(
    "vanishing.n_test",
    fmt=integer,
    statement="The number of held-out points of those experiments, split off at random.",
    method="The default `n_test` of `learning_speeds` and `accuracy_by_depth`.",
)
def n_test() -> int:
    return _shared_default("n_test")


@claim(
    "vanishing.batch_size",
    fmt=integer,
    statement="The mini-batch size of those experiments.",
    method="The default `batch_size` of `learning_speeds` and `accuracy_by_depth`.",
)
def batch_size() -> int:
    return _shared_default("batch_size")


@claim(
    "vanishing.learning_rate",
    fmt=".3g",
    statement="The learning rate of plain SGD in those experiments.",
    method="The default `lr` of `learning_speeds` and `accuracy_by_depth`.",
)
def learning_rate() -> float:
    return _shared_default("lr")


@claim(
    "vanishing.seed_count",
    fmt=integer,
    statement="The number of seeds over which the chapter repeats its training runs.",
    method="The length of `SEEDS`, the default `seeds` of `accuracy_by_depth`.",
)
def seed_count() -> int:
    seeds = _default(experiment.accuracy_by_depth, "seeds")
    if tuple(seeds) != tuple(experiment.SEEDS):
        raise ValueError("accuracy_by_depth does not repeat its runs over SEEDS")
    return len(seeds)


@claim(
    "vanishing.xor_centre",
    fmt=".3g",
    statement="The XOR clusters are centred at $(\\pm c, \\pm c)$ with this $c$.",
    method="The constant `XOR_CENTRE` of the `gaussian_xor` data set.",
)
def xor_centre() -> float:
    return experiment.XOR_CENTRE


@claim(
    "vanishing.xor_std",
    fmt=".3g",
    statement="The standard deviation of each coordinate around its XOR cluster's centre.",
    method="The constant `XOR_STD` of the `gaussian_xor` data set.",
)
def xor_std() -> float:
    return experiment.XOR_STD


@claim(
    "vanishing.xor_bayes_accuracy",
    fmt=percent(1),
    statement=(
        "No classifier can expect a higher accuracy on the XOR clusters than this, the "
        "accuracy of the rule $\\operatorname{sign}(x_1 x_2)$."
    ),
    method=(
        "For equal clusters the Bayes rule is $\\operatorname{sign}(x_1 x_2)$; it is right when "
        "both coordinates fall on their centre's side or both do not: "
        "$\\Phi(c/s)^2 + (1 - \\Phi(c/s))^2$ (`xor_bayes_accuracy`)."
    ),
)
def xor_bayes_accuracy() -> float:
    return experiment.xor_bayes_accuracy()


@claim(
    "vanishing.xor_baseline_accuracy",
    fmt=percent(1),
    statement=(
        "Logistic regression trained on the XOR clusters' training points reaches this "
        "accuracy on the held-out points."
    ),
    method=(
        "`logistic_regression` (Newton's method to convergence, ridge penalty `LOGISTIC_L2`) "
        "on the split of `train_test_data`; thresholds $x \\cdot w + b$ at zero."
    ),
)
def xor_baseline_accuracy() -> float:
    X_train, y_train, X_test, y_test = _xor_split()
    return experiment.logistic_regression(X_train, y_train).accuracy(X_test, y_test)


@claim(
    "vanishing.xor_baseline_spread",
    fmt=fixed(2),
    statement=(
        "That logistic regression's predicted probabilities on the held-out XOR points all "
        "lie within this distance of $1/2$."
    ),
    method="Takes the largest $|p - 1/2|$ over the held-out points.",
)
def xor_baseline_spread() -> float:
    X_train, y_train, X_test, _ = _xor_split()
    probabilities = experiment.logistic_regression(X_train, y_train).probabilities(X_test)
    return float(np.max(np.abs(probabilities - 0.5)))


@claim(
    "vanishing.moons_baseline_accuracy",
    fmt=percent(1),
    statement=(
        "Logistic regression trained on the two moons' training points reaches this accuracy "
        "on the held-out points."
    ),
    method="As for the XOR clusters, with the `two_moons` split.",
)
def moons_baseline_accuracy() -> float:
    return _learning_speeds("two_moons").baseline_test_accuracy


@claim(
    "vanishing.train_depth",
    fmt=integer,
    statement="The number of hidden layers of the network whose learning speeds are measured.",
    method="The default `depth` of `learning_speeds` (`SPEED_DEPTH`).",
    papers=("nielsen2015neural",),
)
def train_depth() -> int:
    return _default(experiment.learning_speeds, "depth")


@claim(
    "vanishing.train_width",
    fmt=integer,
    statement="The number of units of each hidden layer of that network.",
    method="The default `width` of `learning_speeds` (`SPEED_WIDTH`).",
    papers=("nielsen2015neural",),
)
def train_width() -> int:
    return _default(experiment.learning_speeds, "width")


@claim(
    "vanishing.train_epochs",
    fmt=integer,
    statement="The number of epochs for which that network trains.",
    method="The default `epochs` of `learning_speeds` (`SPEED_EPOCHS`).",
)
def train_epochs() -> int:
    return _default(experiment.learning_speeds, "epochs")


@claim(
    "vanishing.train_speed_ratio_low",
    fmt=ratio(0),
    statement="Over the seeds, the smallest ratio of the last to the first layer's mean speed.",
    method="Repeats the XOR run of `vanishing.train_speed_ratio` for each of `SEEDS`.",
)
def train_speed_ratio_low() -> float:
    return min(_learning_speeds("gaussian_xor", seed).speed_ratio for seed in experiment.SEEDS)


@claim(
    "vanishing.train_speed_ratio_high",
    fmt=ratio(0),
    statement="Over the seeds, the largest ratio of the last to the first layer's mean speed.",
    method="Repeats the XOR run of `vanishing.train_speed_ratio` for each of `SEEDS`.",
)
def train_speed_ratio_high() -> float:
    return max(_learning_speeds("gaussian_xor", seed).speed_ratio for seed in experiment.SEEDS)


@claim(
    "vanishing.train_xor_accuracy",
    fmt=percent(1),
    statement="After training, that network's accuracy on the held-out XOR points.",
    method="Thresholds the logits of the held-out points at zero (the default seed of `learning_speeds`, as in the figure).",
)
def train_xor_accuracy() -> float:
    return _learning_speeds("gaussian_xor").test_accuracy


@claim(
    "vanishing.train_moons_even_epoch",
    fmt=integer,
    statement=(
        "On two moons, the epoch from which on the first hidden layer learns at least as "
        "fast as the last, to the end of the run."
    ),
    method=(
        "The epoch after the last one whose mean $\\|\\partial L/\\partial b_\\ell\\|$ is "
        "larger for the last hidden layer than for the first."
    ),
)
def train_moons_even_epoch() -> int:
    speeds = _learning_speeds("two_moons").epoch_speeds
    faster_last = np.flatnonzero(speeds[:, -1] > speeds[:, 0])
    if faster_last.size == speeds.shape[0] or faster_last[-1] == speeds.shape[0] - 1:
        raise ValueError("the last hidden layer learns faster to the end of the run")
    # epochs count from 1: the epoch after the last one in which the last layer was faster
    return int(faster_last[-1]) + 2 if faster_last.size else 1


@claim(
    "vanishing.train_moons_baseline_epoch",
    fmt=integer,
    statement=(
        "On two moons, the number of epochs after which the network first matches the "
        "linear baseline's held-out accuracy."
    ),
    method="The first $t$ whose held-out accuracy after $t$ epochs is at least the baseline's.",
)
def train_moons_baseline_epoch() -> int:
    run = _learning_speeds("two_moons")
    return _first_epoch(run.epoch_test_accuracy >= run.baseline_test_accuracy)


@claim(
    "vanishing.train_moons_perfect_epoch",
    fmt=integer,
    statement=(
        "On two moons, the number of epochs after which the network first classifies every "
        "held-out point right."
    ),
    method="The first $t$ after whose $t$ epochs every held-out point is classified right.",
)
def train_moons_perfect_epoch() -> int:
    return _first_epoch(_learning_speeds("two_moons").epoch_test_accuracy == 1.0)


@claim(
    "vanishing.depth_width",
    fmt=integer,
    statement="The number of units of each hidden layer in the depth experiment.",
    method="The default `width` of `accuracy_by_depth` (`DEPTH_WIDTH`).",
)
def depth_width() -> int:
    return _default(experiment.accuracy_by_depth, "width")


@claim(
    "vanishing.depth_min",
    fmt=integer,
    statement="The smallest number of hidden layers in the depth experiment.",
    method="The smallest of the default `depths` of `accuracy_by_depth` (`DEPTHS`).",
)
def depth_min() -> int:
    return min(_default(experiment.accuracy_by_depth, "depths"))


@claim(
    "vanishing.depth_max",
    fmt=integer,
    statement="The largest number of hidden layers in the depth experiment.",
    method="The largest of the default `depths` of `accuracy_by_depth` (`DEPTHS`).",
)
def depth_max() -> int:
    return max(_default(experiment.accuracy_by_depth, "depths"))


@claim(
    "vanishing.depth_steps",
    fmt=integer,
    statement="The number of SGD steps every network of the depth experiment takes.",
    method=(
        "The default `epochs` of `accuracy_by_depth` times the mini-batches per epoch, "
        "$\\lceil n_{\\text{train}} / \\text{batch size} \\rceil$."
    ),
)
def depth_steps() -> int:
    epochs = _default(experiment.accuracy_by_depth, "epochs")
    return epochs * math.ceil(_shared_default("n_samples") / _shared_default("batch_size"))


@claim(
    "vanishing.depth_sigmoid_2",
    fmt=percent(1),
    statement="A sigmoid network with two hidden layers reaches this held-out accuracy.",
    method=_DEPTH_METHOD,
)
def depth_sigmoid_2() -> float:
    return _accuracy("sigmoid", 2)


@claim(
    "vanishing.depth_sigmoid_normal_6",
    fmt=percent(1),
    statement=(
        "A sigmoid network with six hidden layers and $\\mathcal{N}(0, 1)$ initial weights "
        "reaches this held-out accuracy."
    ),
    method=_DEPTH_METHOD + " Every weight is drawn from $\\mathcal{N}(0, 1)$.",
)
def depth_sigmoid_normal_6() -> float:
    return _accuracy("sigmoid", 6, "standard_normal")
