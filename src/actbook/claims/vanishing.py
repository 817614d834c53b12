"""Claims of the chapter *Vanishing and exploding gradients* (book/chapters/vanishing-gradients.md).

Examples
--------
The values the book shows; the timings (``volatile``) are measured at build time instead.

>>> from actbook.claims import REGISTRY
>>> for claim_id, claim in sorted(REGISTRY.items()):
...     if claim_id.startswith("vanishing.") and not claim.volatile:
...         print(claim_id, claim.render())
vanishing.chain_bias_free_best 1.3 × 10⁻³
vanishing.depth_relu_6 100.0 %
vanishing.depth_sigmoid_1 89.0 %
vanishing.depth_sigmoid_6 50.0 %
vanishing.depth_tanh_6 100.0 %
vanishing.explode_min_weight 4
vanishing.init_explode_relu_normal 1.5 × 10⁷
vanishing.init_factor_sigmoid 4.4×
vanishing.init_ratio_relu 2.8×
vanishing.init_ratio_sigmoid 6.7 × 10⁵
vanishing.init_ratio_tanh 5.0×
vanishing.init_saturated_sigmoid_normal 40 %
vanishing.init_saturated_sigmoid_xavier 0.0 %
vanishing.mean_derivative_normal 0.207
vanishing.mean_derivative_normal_20 2.2 × 10⁻²
vanishing.normal_beyond_four 6.3 × 10⁻⁵
vanishing.normal_within_one 68.3 %
vanishing.sigmoid_bound_20 9.09 × 10⁻¹³
vanishing.sigmoid_bound_3 0.015625
vanishing.step_above_one_converges 9.5 × 10⁻⁷
vanishing.step_below_one_diverges 8.4 × 10²
vanishing.train_change_ratio 46×
vanishing.train_moons_accuracy 87.2 %
vanishing.train_moons_first_ratio 86×
vanishing.train_moons_last_ratio 0.9×
vanishing.train_speed_ratio 94×
vanishing.train_spirals_accuracy 50.0 %
vanishing.underflow_bfloat16 67
vanishing.underflow_float16 13
vanishing.underflow_float32 75
vanishing.underflow_float64 538
"""

from __future__ import annotations

from functools import cache

import numpy as np
from scipy import integrate, special

from actbook.activations import Sigmoid, sigmoid_derivative
from actbook.claims._registry import claim, fixed, integer, percent, ratio, sci
from actbook.experiments import vanishing as experiment
from actbook.nn import derivative_peak

# ------------------------------------------------------------------ shared runs


@cache
def _layer_gradients(activation: str, init: str) -> experiment.LayerGradients:
    return experiment.layer_gradient_norms(depth=10, width=100, activation=activation, init=init)


@cache
def _learning_speeds(dataset: str) -> experiment.LearningSpeeds:
    return experiment.learning_speeds(dataset=dataset)


@cache
def _accuracy(activation: str, depth: int) -> float:
    return float(experiment.accuracy_by_depth([depth], activation)[0])


def _quadratic_growth(curvature: float, lr: float, steps: int = 20) -> float:
    path = experiment.gradient_descent_quadratic(curvature, lr, steps=steps)
    return float(abs(path[-1] / path[0]))


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
    sources=("S2",),
)
def sigmoid_bound_3() -> float:
    return experiment.derivative_product_bound(3)


@claim(
    "vanishing.sigmoid_bound_20",
    fmt=sci(3),
    statement="The product of twenty sigmoid derivatives is at most $(1/4)^{20}$.",
    method=(
        "Raises the maximum of the sigmoid derivative, "
        "`actbook.activations.Sigmoid.derivative_peak`, to the 20th power."
    ),
    sources=("S2",),
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
    "Multiplying 1 by $1/4$ repeatedly in {fmt} gives exactly zero after this many factors."
)
_UNDERFLOW_METHOD = "Multiplies by 0.25 in NumPy's {fmt} until the product equals zero."


@claim(
    "vanishing.underflow_float16",
    fmt=integer,
    statement=_UNDERFLOW_STATEMENT.format(fmt="float16"),
    method=_UNDERFLOW_METHOD.format(fmt="float16"),
    sources=("S4",),
)
def underflow_float16() -> int:
    return experiment.underflow_depth(0.25, np.float16)


@claim(
    "vanishing.underflow_float32",
    fmt=integer,
    statement=_UNDERFLOW_STATEMENT.format(fmt="float32"),
    method=_UNDERFLOW_METHOD.format(fmt="float32"),
    sources=("S4",),
)
def underflow_float32() -> int:
    return experiment.underflow_depth(0.25, np.float32)


@claim(
    "vanishing.underflow_float64",
    fmt=integer,
    statement=_UNDERFLOW_STATEMENT.format(fmt="float64"),
    method=_UNDERFLOW_METHOD.format(fmt="float64"),
    sources=("S4",),
)
def underflow_float64() -> int:
    return experiment.underflow_depth(0.25, np.float64)


@claim(
    "vanishing.underflow_bfloat16",
    fmt=integer,
    statement="In bfloat16 the exact product $(1/4)^n$ rounds to zero from this $n$ on.",
    method=(
        "Compares $(1/4)^n$, in exact rational arithmetic, with half the smallest bfloat16 "
        "subnormal $2^{-133}$."
    ),
)
def underflow_bfloat16() -> int:
    return experiment.exact_underflow_depth("bfloat16")


# ------------------------------------------------------------- the scalar chain


@claim(
    "vanishing.explode_min_weight",
    fmt=integer,
    statement="A factor $|w\\,\\sigma'(z)|$ can reach 1 only if $|w|$ is at least this value.",
    method=(
        "Takes the reciprocal of the sigmoid derivative's maximum, "
        "`actbook.activations.Sigmoid.derivative_peak`."
    ),
    sources=("S4", "nielsen2015neural"),
)
def explode_min_weight() -> float:
    return experiment.minimum_exploding_weight()


@claim(
    "vanishing.chain_bias_free_best",
    fmt=sci(2),
    statement=(
        "In a bias-free chain of ten sigmoid neurons sharing one weight $w$, "
        "$|\\partial J/\\partial w_1|$ never exceeds this value for $w \\in [-20, 20]$."
    ),
    method="Evaluates the chain's gradient on a grid of step 0.01 and takes the maximum.",
    sources=("S4",),
)
def chain_bias_free_best() -> float:
    grid = np.linspace(-20.0, 20.0, 4001)
    return max(abs(experiment.scalar_chain([w] * 10).gradient) for w in grid)


@claim(
    "vanishing.normal_within_one",
    fmt=percent(1),
    statement="A standard normal weight lies in $[-1, 1]$ with this probability.",
    method="Evaluates $\\operatorname{erf}(1/\\sqrt{2})$ with SciPy.",
    sources=("S4",),
    verdict="wrong",
    correction=(
        "Standard normal initial weights do not all lie in $[-1, 1]$: about a third lie "
        "outside. For sigmoid units the gradient shrinks anyway, because $\\sigma' \\le 1/4$; "
        "with tanh or ReLU units, $\\mathcal{N}(0, 1)$ weights in wide layers make the "
        "gradient explode."
    ),
)
def normal_within_one() -> float:
    return float(special.erf(1 / np.sqrt(2)))


@claim(
    "vanishing.normal_beyond_four",
    fmt=sci(2),
    statement="A standard normal weight exceeds 4 in magnitude with this probability.",
    method="Evaluates $\\operatorname{erfc}(4/\\sqrt{2})$ with SciPy.",
)
def normal_beyond_four() -> float:
    return float(special.erfc(experiment.minimum_exploding_weight() / np.sqrt(2)))


# ------------------------------------------------- gradients at initialization


@claim(
    "vanishing.init_ratio_sigmoid",
    fmt=sci(2),
    statement=(
        "In a sigmoid MLP of ten hidden layers of 100 units with Xavier initialization, the "
        "last hidden layer's bias gradient is this many times the first's."
    ),
    method=(
        "Back-propagates binary cross-entropy for 256 standard normal inputs with random "
        "labels (seed 0) and divides the norms of $\\partial L/\\partial b_{10}$ and "
        "$\\partial L/\\partial b_1$."
    ),
    sources=("glorot2010understanding",),
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
        "In a ReLU MLP of ten hidden layers of 100 units with $\\mathcal{N}(0, 1)$ weights, "
        "the first hidden layer's bias gradient is this many times the last's."
    ),
    method="As for the sigmoid MLP, with ReLU units and standard normal weights; inverse ratio.",
    sources=("S4",),
    verdict="wrong",
    correction=(
        "With $\\mathcal{N}(0, 1)$ initial weights the back-propagated product does not "
        "only shrink: in wide ReLU or tanh layers it grows layer after layer."
    ),
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
        "Counts units with $\\sigma'(z) < 0.01 \\cdot 1/4$ over the batch with "
        "`actbook.nn.layer_statistics` and takes the maximum over layers."
    ),
    sources=("S3",),
    verdict="imprecise",
    correction=(
        "Saturation makes vanishing worse, but a deep sigmoid network vanishes without it: "
        "even at $z = 0$ each layer multiplies the gradient by at most $1/4$ times the "
        "weights. For tanh, whose slope at zero is 1, saturation is indeed the main cause."
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


# ------------------------------------------------------------ during training


@claim(
    "vanishing.train_speed_ratio",
    fmt=ratio(0),
    statement=(
        "Training a sigmoid MLP with four hidden layers of 30 units on the spirals, the last "
        "hidden layer learns this many times faster than the first."
    ),
    method=(
        "Mini-batch SGD (30 epochs, batch 20, rate 0.5, LeCun normal weights, seed 0); "
        "divides the mean norms of $\\partial L/\\partial b_4$ and $\\partial L/\\partial b_1$ "
        "over all steps."
    ),
    sources=("S4", "nielsen2015neural"),
)
def train_speed_ratio() -> float:
    return _learning_speeds("spirals").speed_ratio


@claim(
    "vanishing.train_change_ratio",
    fmt=ratio(0),
    statement=(
        "In the same run, the last hidden layer's weights change this many times more, "
        "relative to their initial size, than the first layer's."
    ),
    method="Divides $\\|W_\\ell(end) - W_\\ell(0)\\| / \\|W_\\ell(0)\\|$ of layer 4 by layer 1.",
    sources=("S4",),
)
def train_change_ratio() -> float:
    return _learning_speeds("spirals").change_ratio


@claim(
    "vanishing.train_spirals_accuracy",
    fmt=percent(1),
    statement="The training accuracy of that run on the spirals.",
    method="Thresholds the logits of all 400 training points at zero.",
)
def train_spirals_accuracy() -> float:
    return _learning_speeds("spirals").accuracy


@claim(
    "vanishing.train_moons_accuracy",
    fmt=percent(1),
    statement="The same network trained the same way on two moons reaches this accuracy.",
    method="As on the spirals, with the two-moons data set.",
)
def train_moons_accuracy() -> float:
    return _learning_speeds("two_moons").accuracy


@claim(
    "vanishing.train_moons_first_ratio",
    fmt=ratio(0),
    statement="On two moons, the speed ratio of layer 4 to layer 1 in the first epoch.",
    method="Averages $\\|\\partial L/\\partial b_\\ell\\|$ over the first epoch's steps.",
)
def train_moons_first_ratio() -> float:
    first = _learning_speeds("two_moons").epoch_speeds[0]
    return float(first[-1] / first[0])


@claim(
    "vanishing.train_moons_last_ratio",
    fmt=ratio(1),
    statement="On two moons, the speed ratio of layer 4 to layer 1 in the last epoch.",
    method="Averages $\\|\\partial L/\\partial b_\\ell\\|$ over the last epoch's steps.",
)
def train_moons_last_ratio() -> float:
    last = _learning_speeds("two_moons").epoch_speeds[-1]
    return float(last[-1] / last[0])


# ------------------------------------------------------------------ depth

_DEPTH_METHOD = (
    "Trains on two moons (200 points) with hidden layers of 16 units, binary cross-entropy "
    "and 500 SGD steps (rate 0.5, batch 20); mean training accuracy over seeds 0, 1, 2."
)
_DEPTH_CORRECTION = (
    "With a fixed budget of plain SGD steps, the training accuracy of sigmoid networks "
    "falls to chance once a few hidden layers are added, while tanh and ReLU networks of "
    "the same depth reach full accuracy: the drop is a symptom of vanishing gradients in "
    "training, not a limit of deep networks."
)


@claim(
    "vanishing.depth_sigmoid_1",
    fmt=percent(1),
    statement="A sigmoid network with one hidden layer reaches this training accuracy.",
    method=_DEPTH_METHOD,
)
def depth_sigmoid_1() -> float:
    return _accuracy("sigmoid", 1)


@claim(
    "vanishing.depth_sigmoid_6",
    fmt=percent(1),
    statement="A sigmoid network with six hidden layers reaches this training accuracy.",
    method=_DEPTH_METHOD,
    sources=("S2",),
    verdict="imprecise",
    correction=_DEPTH_CORRECTION,
)
def depth_sigmoid_6() -> float:
    return _accuracy("sigmoid", 6)


@claim(
    "vanishing.depth_tanh_6",
    fmt=percent(1),
    statement="A tanh network with six hidden layers (Xavier weights) reaches this accuracy.",
    method=_DEPTH_METHOD,
)
def depth_tanh_6() -> float:
    return _accuracy("tanh", 6)


@claim(
    "vanishing.depth_relu_6",
    fmt=percent(1),
    statement="A ReLU network with six hidden layers (He weights) reaches this accuracy.",
    method=_DEPTH_METHOD,
)
def depth_relu_6() -> float:
    return _accuracy("relu", 6)


# -------------------------------------------------------------- step size

_STEP_CORRECTION = (
    "The learning rate is not confined to $(0, 1)$: on a quadratic of curvature $\\lambda$, "
    "gradient descent converges exactly when $0 < \\eta < 2/\\lambda$, so a rate above 1 "
    "can converge and a rate below 1 can diverge."
)


@claim(
    "vanishing.step_below_one_diverges",
    fmt=sci(2),
    statement=(
        "On $f(x) = 2x^2$ (curvature 4), twenty steps with $\\eta = 0.6$ multiply $|x|$ "
        "by this factor."
    ),
    method="Runs gradient descent from $x_0 = 1$ and divides $|x_{20}|$ by $|x_0|$.",
    sources=("S4",),
    verdict="imprecise",
    correction=_STEP_CORRECTION,
)
def step_below_one_diverges() -> float:
    return _quadratic_growth(4.0, 0.6)


@claim(
    "vanishing.step_above_one_converges",
    fmt=sci(2),
    statement=(
        "On $f(x) = x^2/4$ (curvature 1/2), twenty steps with $\\eta = 3$ multiply $|x|$ "
        "by this factor."
    ),
    method="Runs gradient descent from $x_0 = 1$ and divides $|x_{20}|$ by $|x_0|$.",
    sources=("S4",),
    verdict="imprecise",
    correction=_STEP_CORRECTION,
)
def step_above_one_converges() -> float:
    return _quadratic_growth(0.5, 3.0)
