"""Claims of the chapter *Weight initialization* (book/chapters/initialization.md).

The shared computations are cached: the digits networks trained from a zero, an equal
and a random start (:func:`symmetry_runs`), the deep networks at initialization
(:func:`deep_cases`), the products of random matrices (:func:`product_spreads`) and the
deep digits networks trained with each scheme (:func:`learning_runs`).

Examples
--------
The values the book shows.

>>> from actbook.claims import REGISTRY
>>> for claim_id, claim in sorted(REGISTRY.items()):
...     if claim_id.startswith("initialization."):
...         print(claim_id, claim.render())
initialization.deep_depth 20
initialization.deep_factor 1000
initialization.deep_samples 128
initialization.deep_width 256
initialization.depth_backward_relu_he –
initialization.depth_backward_relu_normal 3
initialization.depth_backward_relu_standard 8
initialization.depth_backward_relu_xavier –
initialization.depth_backward_sigmoid_he 7
initialization.depth_backward_sigmoid_normal –
initialization.depth_backward_sigmoid_standard 4
initialization.depth_backward_sigmoid_xavier 5
initialization.depth_backward_tanh_he –
initialization.depth_backward_tanh_normal 7
initialization.depth_backward_tanh_standard 13
initialization.depth_backward_tanh_xavier –
initialization.depth_forward_relu_he –
initialization.depth_forward_relu_normal 4
initialization.depth_forward_relu_standard 9
initialization.depth_forward_relu_xavier –
initialization.depth_forward_sigmoid_he –
initialization.depth_forward_sigmoid_normal –
initialization.depth_forward_sigmoid_standard –
initialization.depth_forward_sigmoid_xavier –
initialization.depth_forward_tanh_he –
initialization.depth_forward_tanh_normal –
initialization.depth_forward_tanh_standard 14
initialization.depth_forward_tanh_xavier –
initialization.digits_fan_in 64
initialization.digits_input_rms 0.485
initialization.digits_normal_measured_std 3.79
initialization.digits_normal_predicted_std 3.88
initialization.digits_normal_saturated_sigmoid 12 %
initialization.digits_normal_saturated_tanh 44 %
initialization.equal_accuracy 29.1 %
initialization.equal_distinct_units 1
initialization.equal_weight_change 0.418
initialization.learn_batch 32
initialization.learn_epochs 20
initialization.learn_he_max 96.2 %
initialization.learn_he_mean 95.9 %
initialization.learn_he_min 95.3 %
initialization.learn_layers 5
initialization.learn_lr 0.05
initialization.learn_normal_max 74.2 %
initialization.learn_normal_mean 70.0 %
initialization.learn_normal_min 66.9 %
initialization.learn_seed_count 3
initialization.learn_standard_max 80.9 %
initialization.learn_standard_mean 78.1 %
initialization.learn_standard_min 73.8 %
initialization.learn_width 32
initialization.learn_xavier_max 96.4 %
initialization.learn_xavier_mean 95.5 %
initialization.learn_xavier_min 94.0 %
initialization.product_gaussian_spread_deep 5.08
initialization.product_gaussian_spread_one 1.08
initialization.product_max_depth 8
initialization.product_orthogonal_spread 3 × 10⁻¹⁶
initialization.product_width 128
initialization.random_accuracy 95.6 %
initialization.random_distinct_units 32
initialization.random_smallest_gap 0.73
initialization.relu_second_moment_ratio 0.501
initialization.relu_xavier_backward_shrink 628×
initialization.relu_xavier_forward_shrink 623×
initialization.standard_tanh_first_factor 0.543
initialization.standard_tanh_fit_first 10
initialization.standard_tanh_fit_last 20
initialization.standard_tanh_last_std 1.2 × 10⁻⁵
initialization.standard_tanh_measured_factor 0.574
initialization.standard_tanh_predicted_factor 0.577
initialization.symmetry_batch 32
initialization.symmetry_epochs 20
initialization.symmetry_equal_value 0.1
initialization.symmetry_hidden 32
initialization.symmetry_lr 0.3
initialization.wide_fan_in 512
initialization.wide_normal_saturated_sigmoid 79 %
initialization.wide_normal_saturated_tanh 89 %
initialization.wide_normal_std 22.6
initialization.zero_accuracy 10.2 %
initialization.zero_largest_weight_change 0.0
initialization.zero_output_bias_change 0.112
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np
from scipy import special

from actbook import nn
from actbook.activations import sigmoid
from actbook.claims._registry import claim, fixed, integer, percent, ratio, sci
from actbook.experiments import initialization as experiment
from actbook.experiments.digits import digits_split
from actbook.experiments.symmetry import digits_symmetry
from actbook.init import get_initializer, orthogonal

# ------------------------------------------------------------------ parameters

#: The symmetry experiment: one hidden tanh layer of this width on the digits.
SYMMETRY_HIDDEN = 32
SYMMETRY_ACTIVATION = "tanh"
#: The weight every parameter but the biases starts at in the all-equal run.
SYMMETRY_EQUAL_VALUE = 0.1
#: Mini-batch SGD: epochs, learning rate, batch size, seed.
SYMMETRY_EPOCHS = 20
SYMMETRY_LR = 0.3
SYMMETRY_BATCH = 32
SYMMETRY_SEED = 0
#: The three starts: all zero, all equal, random (Xavier uniform); biases start at zero.
SYMMETRY_INITS = {
    "zero": get_initializer("zeros"),
    "equal": get_initializer("constant", value=SYMMETRY_EQUAL_VALUE),
    "random": "xavier_uniform",
}

#: The deep networks at initialization: hidden layers, width, batch, seed.
DEEP_DEPTH = 20
DEEP_WIDTH = 256
DEEP_SAMPLES = 128
DEEP_SEED = 0
#: The activations and schemes compared (keys of ``experiment.SCHEMES``).
DEEP_ACTIVATIONS = ("sigmoid", "tanh", "relu")
DEEP_SCHEMES = ("standard", "xavier", "he", "normal")
#: A signal dies or explodes when it has shrunk or grown by more than this factor.
DEEP_FACTOR = 1000
#: The hidden layers whose histograms the figures draw.
HISTOGRAM_LAYERS = (1, 5, 10, 15, 20)
#: The layers over which the per-layer factor of the standard tanh network is measured
#: (deep enough that the signal is small and tanh is close to linear).
STANDARD_TANH_FIT_LAYERS = (10, 20)

#: N(0, 1) weights on the digits: units of the measured first layer, seed.
NORMAL_UNITS = 256
NORMAL_SEED = 0
#: A wide layer: its fan-in, fed inputs of unit mean square.
WIDE_FAN_IN = 512

#: Products of random square matrices: size, numbers of factors, seed.
PRODUCT_WIDTH = 128
PRODUCT_DEPTHS = (1, 2, 4, 8)
PRODUCT_SEED = 0

#: Samples of the Monte Carlo check of E[relu(z)^2] = Var(z) / 2.
RELU_MOMENT_SAMPLES = 1_000_000
RELU_MOMENT_SEED = 0

#: The deep digits networks trained with each scheme.
LEARN_ACTIVATION = "tanh"
LEARN_LAYERS = 5
LEARN_WIDTH = 32
LEARN_EPOCHS = 20
LEARN_LR = 0.05
LEARN_BATCH = 32
LEARN_SEEDS = (0, 1, 2)

_SCHEME_NAMES = {
    "standard": "the uniform fan-in rule",
    "xavier": "Xavier initialization",
    "he": "He initialization",
    "normal": "$\\mathcal{N}(0, 1)$ weights",
}


def _constant(claim_id: str, value, fmt, statement: str, method: str, papers=()) -> None:
    """Register a claim that returns a run parameter."""
    claim(claim_id, fmt=fmt, statement=statement, method=method, papers=papers)(lambda: value)


# ----------------------------------------------------------------- symmetry


@cache
def symmetry_runs() -> dict:
    """The digits network trained from the three starts of :data:`SYMMETRY_INITS`."""
    return digits_symmetry(
        SYMMETRY_INITS,
        hidden=(SYMMETRY_HIDDEN,),
        activation=SYMMETRY_ACTIVATION,
        epochs=SYMMETRY_EPOCHS,
        lr=SYMMETRY_LR,
        batch_size=SYMMETRY_BATCH,
        seed=SYMMETRY_SEED,
    )


_constant(
    "initialization.symmetry_hidden",
    SYMMETRY_HIDDEN,
    integer,
    "Hidden tanh units of the digits network of the symmetry experiment.",
    "`SYMMETRY_HIDDEN`.",
)
_constant(
    "initialization.symmetry_epochs",
    SYMMETRY_EPOCHS,
    integer,
    "Epochs of mini-batch SGD in the symmetry experiment.",
    "`SYMMETRY_EPOCHS`.",
)
_constant(
    "initialization.symmetry_lr",
    SYMMETRY_LR,
    fixed(1),
    "Learning rate of the symmetry experiment.",
    "`SYMMETRY_LR`.",
)
_constant(
    "initialization.symmetry_batch",
    SYMMETRY_BATCH,
    integer,
    "Mini-batch size of the symmetry experiment.",
    "`SYMMETRY_BATCH`.",
)
_constant(
    "initialization.symmetry_equal_value",
    SYMMETRY_EQUAL_VALUE,
    fixed(1),
    "The value every weight starts at in the all-equal run.",
    "`SYMMETRY_EQUAL_VALUE`.",
)


@claim(
    "initialization.zero_largest_weight_change",
    fmt=".1f",
    statement=(
        "From all-zero weights, the largest change of any weight of the tanh network, and of "
        "any hidden bias, during training."
    ),
    method=(
        "`symmetry_runs()['zero'].moved`: maximum of the absolute changes of both weight "
        "matrices and of the hidden biases."
    ),
)
def zero_largest_weight_change() -> float:
    (W1, b1), (W2, _) = symmetry_runs()["zero"].moved
    return max(W1, b1, W2)


@claim(
    "initialization.zero_output_bias_change",
    fmt=fixed(3),
    statement="From all-zero weights, the largest change of an output bias during training.",
    method="`symmetry_runs()['zero'].moved[1][1]`.",
)
def zero_output_bias_change() -> float:
    return symmetry_runs()["zero"].moved[1][1]


@claim(
    "initialization.zero_accuracy",
    fmt=percent(1),
    statement="Held-out accuracy of the tanh network trained from all-zero weights.",
    method="`symmetry_runs()['zero'].test_accuracy` on the book's digits split.",
)
def zero_accuracy() -> float:
    return symmetry_runs()["zero"].test_accuracy


@claim(
    "initialization.equal_weight_change",
    fmt=fixed(3),
    statement="From all-equal weights, the largest change of a first-layer weight.",
    method="`symmetry_runs()['equal'].moved[0][0]`.",
)
def equal_weight_change() -> float:
    return symmetry_runs()["equal"].moved[0][0]


@claim(
    "initialization.equal_distinct_units",
    fmt=integer,
    statement="From all-equal weights, the number of distinct hidden units after training.",
    method=(
        "`symmetry_runs()['equal'].distinct_units`: distinct columns of incoming weights, "
        "bias and outgoing weights, compared bit for bit."
    ),
)
def equal_distinct_units() -> int:
    return symmetry_runs()["equal"].distinct_units[0]


@claim(
    "initialization.equal_accuracy",
    fmt=percent(1),
    statement="Held-out accuracy of the tanh network trained from all-equal weights.",
    method="`symmetry_runs()['equal'].test_accuracy`.",
)
def equal_accuracy() -> float:
    return symmetry_runs()["equal"].test_accuracy


@claim(
    "initialization.random_distinct_units",
    fmt=integer,
    statement="From random weights and zero biases, the number of distinct hidden units.",
    method="`symmetry_runs()['random'].distinct_units`.",
)
def random_distinct_units() -> int:
    return symmetry_runs()["random"].distinct_units[0]


@claim(
    "initialization.random_smallest_gap",
    fmt=fixed(2),
    statement=(
        "From random weights and zero biases, the smallest difference between two hidden units "
        "after training: the largest absolute difference of their parameters, minimized over "
        "the pairs."
    ),
    method="`symmetry_runs()['random'].smallest_gap`.",
)
def random_smallest_gap() -> float:
    return symmetry_runs()["random"].smallest_gap[0]


@claim(
    "initialization.random_accuracy",
    fmt=percent(1),
    statement="Held-out accuracy of the tanh network trained from random (Xavier) weights.",
    method="`symmetry_runs()['random'].test_accuracy`.",
)
def random_accuracy() -> float:
    return symmetry_runs()["random"].test_accuracy


# ------------------------------------------------------- deep networks at init


@cache
def deep_cases() -> dict:
    """``{(scheme, activation): InitializationCase}`` of the deep networks."""
    return experiment.initialization(
        DEEP_SCHEMES,
        DEEP_ACTIVATIONS,
        depth=DEEP_DEPTH,
        width=DEEP_WIDTH,
        n_samples=DEEP_SAMPLES,
        seed=DEEP_SEED,
    )


def signal_depths(scheme: str, activation: str) -> tuple[int, int]:
    """Forward and backward :func:`experiment.signal_depth` of one pair; 0 for "never"."""
    case = deep_cases()[scheme, activation]
    forward = experiment.signal_depth(case.activation_std, DEEP_FACTOR)
    backward = experiment.signal_depth(case.gradient_std, DEEP_FACTOR, backward=True)
    return (forward or 0, backward or 0)


def _depth_text(value) -> str:
    return "–" if int(value) == 0 else str(int(value))


_constant(
    "initialization.deep_depth",
    DEEP_DEPTH,
    integer,
    "Hidden layers of the deep networks measured at initialization.",
    "`DEEP_DEPTH`.",
)
_constant(
    "initialization.deep_width",
    DEEP_WIDTH,
    integer,
    "Units of every hidden layer (and inputs) of the deep networks.",
    "`DEEP_WIDTH`.",
)
_constant(
    "initialization.deep_samples",
    DEEP_SAMPLES,
    integer,
    "Standard normal inputs in the batch the deep networks process.",
    "`DEEP_SAMPLES`.",
)
_constant(
    "initialization.deep_factor",
    DEEP_FACTOR,
    integer,
    "The factor beyond which a signal counts as dead (shrunk) or exploded (grown).",
    "`DEEP_FACTOR`.",
)

for _scheme in DEEP_SCHEMES:
    for _activation in DEEP_ACTIVATIONS:
        claim(
            f"initialization.depth_forward_{_activation}_{_scheme}",
            fmt=_depth_text,
            statement=(
                f"With {_SCHEME_NAMES[_scheme]} and {_activation} units, the first hidden "
                "layer whose activation standard deviation is below $1/k$ or above $k$ times "
                "the first layer's, $k =$ {claim}`initialization.deep_factor`; a dash if "
                "none of the layers is."
            ),
            method=(
                "`experiment.signal_depth(case.activation_std, DEEP_FACTOR)` of "
                "`deep_cases()`, zero (shown as a dash) for None."
            ),
            papers=("glorot2010understanding",),
        )(lambda s=_scheme, a=_activation: signal_depths(s, a)[0])
        claim(
            f"initialization.depth_backward_{_activation}_{_scheme}",
            fmt=_depth_text,
            statement=(
                f"With {_SCHEME_NAMES[_scheme]} and {_activation} units, the number of layers "
                "the back-propagated gradient travels from the last hidden layer before its "
                "standard deviation is below $1/k$ or above $k$ times the last layer's; a dash "
                "if it never is."
            ),
            method=(
                "`experiment.signal_depth(case.gradient_std, DEEP_FACTOR, backward=True)` of "
                "`deep_cases()`, zero (shown as a dash) for None."
            ),
            papers=("glorot2010understanding",),
        )(lambda s=_scheme, a=_activation: signal_depths(s, a)[1])


@claim(
    "initialization.relu_xavier_forward_shrink",
    fmt=ratio(0),
    statement=(
        "With Xavier's rule and ReLU units, the activation standard deviation of the first "
        "hidden layer of the deep network over that of the last."
    ),
    method="`activation_std[0] / activation_std[-1]` of `deep_cases()['xavier', 'relu']`.",
    papers=("glorot2010understanding", "he2015delving"),
)
def relu_xavier_forward_shrink() -> float:
    std = deep_cases()["xavier", "relu"].activation_std
    return float(std[0] / std[-1])


@claim(
    "initialization.relu_xavier_backward_shrink",
    fmt=ratio(0),
    statement=(
        "With Xavier's rule and ReLU units, the standard deviation of the back-propagated "
        "gradient at the last hidden layer of the deep network over that at the first."
    ),
    method="`gradient_std[-1] / gradient_std[0]` of `deep_cases()['xavier', 'relu']`.",
    papers=("glorot2010understanding", "he2015delving"),
)
def relu_xavier_backward_shrink() -> float:
    std = deep_cases()["xavier", "relu"].gradient_std
    return float(std[-1] / std[0])


# ------------------------------------------------------- S3's uniform rule


@claim(
    "initialization.standard_tanh_predicted_factor",
    fmt=fixed(3),
    statement=(
        "The factor $1/\\sqrt{3}$ by which the uniform fan-in rule multiplies the standard "
        "deviation of a tanh layer's output per layer, where tanh is close to linear."
    ),
    method="Evaluates $\\sqrt{d\\,\\mathrm{Var}(w)}$ with $d\\,\\mathrm{Var}(w) = 1/3$.",
)
def standard_tanh_predicted_factor() -> float:
    return 1.0 / math.sqrt(3.0)


@claim(
    "initialization.standard_tanh_measured_factor",
    fmt=fixed(3),
    statement=(
        "The measured factor per layer of the standard deviation of the activations in the "
        "deep tanh network with the uniform fan-in rule, from layer "
        "{claim}`initialization.standard_tanh_fit_first` to "
        "{claim}`initialization.standard_tanh_fit_last`."
    ),
    method=(
        "The geometric mean of the ratios of consecutive `activation_std` of "
        "`deep_cases()['standard', 'tanh']` over `STANDARD_TANH_FIT_LAYERS`."
    ),
    papers=("glorot2010understanding",),
)
def standard_tanh_measured_factor() -> float:
    first, last = STANDARD_TANH_FIT_LAYERS
    std = deep_cases()["standard", "tanh"].activation_std
    return float((std[last - 1] / std[first - 1]) ** (1.0 / (last - first)))


@claim(
    "initialization.standard_tanh_first_factor",
    fmt=fixed(3),
    statement=(
        "In the same network, the ratio of the second hidden layer's activation standard "
        "deviation to the first's."
    ),
    method="`activation_std[1] / activation_std[0]` of `deep_cases()['standard', 'tanh']`.",
)
def standard_tanh_first_factor() -> float:
    std = deep_cases()["standard", "tanh"].activation_std
    return float(std[1] / std[0])


_constant(
    "initialization.standard_tanh_fit_first",
    STANDARD_TANH_FIT_LAYERS[0],
    integer,
    "The first layer of the range over which the per-layer factor is measured.",
    "`STANDARD_TANH_FIT_LAYERS[0]`.",
)
_constant(
    "initialization.standard_tanh_fit_last",
    STANDARD_TANH_FIT_LAYERS[1],
    integer,
    "The last layer of that range.",
    "`STANDARD_TANH_FIT_LAYERS[1]`.",
)


@claim(
    "initialization.standard_tanh_last_std",
    fmt=sci(2),
    statement=(
        "The standard deviation of the last hidden layer's activations in the deep tanh "
        "network with the uniform fan-in rule."
    ),
    method="`activation_std[-1]` of `deep_cases()['standard', 'tanh']`.",
)
def standard_tanh_last_std() -> float:
    return float(deep_cases()["standard", "tanh"].activation_std[-1])


# ------------------------------------------------------- S4's N(0, 1) weights


@cache
def _digits_preactivations() -> np.ndarray:
    X_train, _, _, _ = digits_split()
    W = np.random.default_rng(NORMAL_SEED).standard_normal((X_train.shape[1], NORMAL_UNITS))
    return X_train @ W


@claim(
    "initialization.digits_fan_in",
    fmt=integer,
    statement="The fan-in of a first layer on the digits: the number of pixels.",
    method="The number of columns of the training digits of `digits_split()`.",
)
def digits_fan_in() -> int:
    return int(digits_split()[0].shape[1])


@claim(
    "initialization.digits_input_rms",
    fmt=fixed(3),
    statement="The root mean square of the training digits' pixels.",
    method="$\\sqrt{\\operatorname{mean}(x^2)}$ over all pixels of the training digits.",
)
def digits_input_rms() -> float:
    X_train = digits_split()[0]
    return float(np.sqrt(np.mean(X_train**2)))


@claim(
    "initialization.digits_normal_predicted_std",
    fmt=fixed(2),
    statement=(
        "The predicted standard deviation of a first-layer pre-activation on the digits with "
        "$\\mathcal{N}(0, 1)$ weights: $\\sqrt{d}$ times the pixels' root mean square."
    ),
    method="`math.sqrt(digits_fan_in()) * digits_input_rms()`.",
)
def digits_normal_predicted_std() -> float:
    return math.sqrt(digits_fan_in()) * digits_input_rms()


@claim(
    "initialization.digits_normal_measured_std",
    fmt=fixed(2),
    statement="The measured root mean square of those pre-activations.",
    method=(
        "Draws `NORMAL_UNITS` units of standard normal weights (seed `NORMAL_SEED`), feeds them "
        "the training digits and takes the root mean square of the pre-activations."
    ),
)
def digits_normal_measured_std() -> float:
    return float(np.sqrt(np.mean(_digits_preactivations() ** 2)))


def _saturated(z: np.ndarray, activation: str) -> float:
    if activation == "tanh":
        slope, peak = 1.0 - np.tanh(z) ** 2, 1.0
    else:
        s = sigmoid(z)
        slope, peak = s * (1.0 - s), 0.25
    return float(np.mean(slope < nn.SATURATION_THRESHOLD * peak))


@claim(
    "initialization.digits_normal_saturated_tanh",
    fmt=percent(0),
    statement=(
        "With $\\mathcal{N}(0, 1)$ weights on the digits, the share of first-layer tanh units "
        "that start saturated, over the units and the training images."
    ),
    method=(
        "Counts pre-activations with $\\tanh'(z) < \\theta$, $\\theta =$ "
        "{claim}`sigmoid_tanh.saturation_level` (`actbook.nn.SATURATION_THRESHOLD`)."
    ),
)
def digits_normal_saturated_tanh() -> float:
    return _saturated(_digits_preactivations(), "tanh")


@claim(
    "initialization.digits_normal_saturated_sigmoid",
    fmt=percent(0),
    statement="The same share for sigmoid units.",
    method="Counts pre-activations with $\\sigma'(z) < \\theta/4$.",
)
def digits_normal_saturated_sigmoid() -> float:
    return _saturated(_digits_preactivations(), "sigmoid")


_constant(
    "initialization.wide_fan_in",
    WIDE_FAN_IN,
    integer,
    "The fan-in of the wide layer of the example.",
    "`WIDE_FAN_IN`.",
)


@claim(
    "initialization.wide_normal_std",
    fmt=fixed(1),
    statement=(
        "With $\\mathcal{N}(0, 1)$ weights and inputs of unit mean square, the standard "
        "deviation of a pre-activation of the wide layer: $\\sqrt{d}$."
    ),
    method="`math.sqrt(WIDE_FAN_IN)`.",
)
def wide_normal_std() -> float:
    return math.sqrt(WIDE_FAN_IN)


def _wide_saturated(threshold_x: float) -> float:
    # z ~ N(0, d): P(|z| > x) = erfc(x / sqrt(2 d))
    return float(special.erfc(threshold_x / math.sqrt(2.0 * WIDE_FAN_IN)))


def _saturation_x(activation: str) -> float:
    # slope(x) = theta * peak: tanh' = 1 - tanh^2, sigma' = s (1 - s)
    theta = nn.SATURATION_THRESHOLD
    if activation == "tanh":
        return float(np.arctanh(math.sqrt(1.0 - theta)))
    # s (1 - s) = theta / 4  =>  s = (1 + sqrt(1 - theta)) / 2
    s = (1.0 + math.sqrt(1.0 - theta)) / 2.0
    return float(np.log(s / (1.0 - s)))


@claim(
    "initialization.wide_normal_saturated_tanh",
    fmt=percent(0),
    statement="In that wide layer, the share of tanh units that start saturated.",
    method=(
        "$P(|z| > x_\\theta) = \\operatorname{erfc}(x_\\theta/\\sqrt{2d})$ with $x_\\theta$ "
        "where $\\tanh'$ falls to $\\theta$ of its peak (closed form)."
    ),
)
def wide_normal_saturated_tanh() -> float:
    return _wide_saturated(_saturation_x("tanh"))


@claim(
    "initialization.wide_normal_saturated_sigmoid",
    fmt=percent(0),
    statement="In that wide layer, the share of sigmoid units that start saturated.",
    method="As for tanh, with the sigmoid's $x_\\theta$.",
)
def wide_normal_saturated_sigmoid() -> float:
    return _wide_saturated(_saturation_x("sigmoid"))


# ------------------------------------------------------------ the variances


@claim(
    "initialization.relu_second_moment_ratio",
    fmt=fixed(3),
    statement=(
        "A Monte Carlo estimate of $E[\\mathrm{relu}(z)^2]/\\mathrm{Var}(z)$ for a zero-mean "
        "Gaussian $z$; the derivation gives one half."
    ),
    method=(
        "`RELU_MOMENT_SAMPLES` standard normal draws (seed `RELU_MOMENT_SEED`): the mean of "
        "$\\max(z, 0)^2$ over the sample variance."
    ),
    papers=("he2015delving",),
)
def relu_second_moment_ratio() -> float:
    z = np.random.default_rng(RELU_MOMENT_SEED).standard_normal(RELU_MOMENT_SAMPLES)
    return float(np.mean(np.maximum(z, 0.0) ** 2) / z.var())


# -------------------------------------------------------------- orthogonal


@cache
def product_spreads() -> dict[str, np.ndarray]:
    """Standard deviation of the log singular values of products of random matrices.

    ``{"gaussian": ..., "orthogonal": ...}``, one entry per number of factors in
    :data:`PRODUCT_DEPTHS`; the Gaussian factors have entries N(0, 1/n), the orthogonal ones
    are :func:`actbook.init.orthogonal`.
    """
    n = PRODUCT_WIDTH
    rng = np.random.default_rng(PRODUCT_SEED)
    spreads: dict[str, list[float]] = {"gaussian": [], "orthogonal": []}
    products = {"gaussian": np.eye(n), "orthogonal": np.eye(n)}
    for depth in range(1, max(PRODUCT_DEPTHS) + 1):
        products["gaussian"] = products["gaussian"] @ (rng.standard_normal((n, n)) / math.sqrt(n))
        products["orthogonal"] = products["orthogonal"] @ orthogonal((n, n), rng)
        if depth in PRODUCT_DEPTHS:
            for name, product in products.items():
                singular = np.linalg.svd(product, compute_uv=False)
                spreads[name].append(float(np.std(np.log(singular))))
    return {name: np.array(values) for name, values in spreads.items()}


_constant(
    "initialization.product_width",
    PRODUCT_WIDTH,
    integer,
    "The size of the random square matrices multiplied together.",
    "`PRODUCT_WIDTH`.",
)
_constant(
    "initialization.product_max_depth",
    max(PRODUCT_DEPTHS),
    integer,
    "The largest number of factors of those products.",
    "`max(PRODUCT_DEPTHS)`.",
)


@claim(
    "initialization.product_gaussian_spread_one",
    fmt=fixed(2),
    statement=(
        "The standard deviation of the log singular values of one Gaussian matrix with "
        "entries of variance $1/n$."
    ),
    method="`product_spreads()['gaussian'][0]`.",
    papers=("saxe2014exact",),
)
def product_gaussian_spread_one() -> float:
    return float(product_spreads()["gaussian"][0])


@claim(
    "initialization.product_gaussian_spread_deep",
    fmt=fixed(2),
    statement="The same for the longest product of Gaussian factors.",
    method="`product_spreads()['gaussian'][-1]`.",
    papers=("saxe2014exact",),
)
def product_gaussian_spread_deep() -> float:
    return float(product_spreads()["gaussian"][-1])


@claim(
    "initialization.product_orthogonal_spread",
    fmt=sci(1),
    statement=(
        "The largest standard deviation of the log singular values of a product of orthogonal "
        "matrices, over all the numbers of factors: rounding error."
    ),
    method="`max(product_spreads()['orthogonal'])`.",
    papers=("saxe2014exact",),
)
def product_orthogonal_spread() -> float:
    return float(np.max(product_spreads()["orthogonal"]))


# ------------------------------------------------------------------ learning


@cache
def learning_runs() -> dict[str, np.ndarray]:
    """Held-out accuracy per seed of the deep digits network, for each scheme."""
    return {
        scheme: np.array(
            [
                experiment.train_digits(
                    scheme,
                    activation=LEARN_ACTIVATION,
                    hidden=(LEARN_WIDTH,) * LEARN_LAYERS,
                    epochs=LEARN_EPOCHS,
                    lr=LEARN_LR,
                    batch_size=LEARN_BATCH,
                    seed=seed,
                )[0]
                for seed in LEARN_SEEDS
            ]
        )
        for scheme in DEEP_SCHEMES
    }


_constant(
    "initialization.learn_layers",
    LEARN_LAYERS,
    integer,
    "Hidden tanh layers of the deep digits network.",
    "`LEARN_LAYERS`.",
)
_constant(
    "initialization.learn_width",
    LEARN_WIDTH,
    integer,
    "Units per hidden layer of the deep digits network.",
    "`LEARN_WIDTH`.",
)
_constant(
    "initialization.learn_epochs",
    LEARN_EPOCHS,
    integer,
    "Epochs of mini-batch SGD of the deep digits network.",
    "`LEARN_EPOCHS`.",
)
_constant(
    "initialization.learn_lr",
    LEARN_LR,
    fixed(2),
    "Learning rate of the deep digits network.",
    "`LEARN_LR`.",
)
_constant(
    "initialization.learn_batch",
    LEARN_BATCH,
    integer,
    "Mini-batch size of the deep digits network.",
    "`LEARN_BATCH`.",
)
_constant(
    "initialization.learn_seed_count",
    len(LEARN_SEEDS),
    integer,
    "Seeds (weights and shuffling) per scheme of the deep digits network.",
    "`len(LEARN_SEEDS)`.",
)

for _scheme in DEEP_SCHEMES:
    for _stat, _function, _word in (
        ("mean", np.mean, "mean"),
        ("min", np.min, "lowest"),
        ("max", np.max, "highest"),
    ):
        claim(
            f"initialization.learn_{_scheme}_{_stat}",
            fmt=percent(1),
            statement=(
                f"The {_word} held-out accuracy over the seeds of the deep tanh network on the "
                f"digits with {_SCHEME_NAMES[_scheme]}."
            ),
            method=f"`{_stat}` of `learning_runs()['{_scheme}']`.",
        )(lambda s=_scheme, f=_function: float(f(learning_runs()[s])))
