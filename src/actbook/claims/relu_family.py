"""Claims of the chapter *The ReLU family* (book/chapters/relu-family.md), part A: ReLU itself.

The shared computations are cached: the digits networks (:func:`relu_runs`,
:func:`sigmoid_runs`), the per-layer error signals (:func:`depth_gradients`) and the
timings, which are ``volatile``.

Examples
--------
The values the book shows; the timings show stored measurements (:mod:`actbook.claims.measurements`).

>>> from actbook.claims import REGISTRY
>>> for claim_id, claim in sorted(REGISTRY.items()):
...     if claim_id.startswith("relu_family.") and not claim.volatile:
...         print(claim_id, claim.render())
relu_family.accuracy_rate_1 96.8 %
relu_family.accuracy_rate_2 95.6 %
relu_family.accuracy_rate_3 10.1 %
relu_family.alive_bias_mean 0.00
relu_family.attwell_active_bound 15 %
relu_family.baseline_accuracy 96.0 %
relu_family.born_dead_1 2.6 %
relu_family.born_dead_centred 0.0 %
relu_family.born_dead_count_1 15
relu_family.born_dead_raw 2.3 %
relu_family.born_dead_units 5000
relu_family.constant_zero_pixels 3
relu_family.dead_bias_mean -0.44
relu_family.dead_end_1_rate_1 5 %
relu_family.dead_end_1_rate_2 34 %
relu_family.dead_end_1_rate_3 81 %
relu_family.dead_end_2_rate_1 5 %
relu_family.dead_end_2_rate_2 11 %
relu_family.dead_end_2_rate_3 99 %
relu_family.depth_batch 256
relu_family.depth_factor_he 1.01
relu_family.depth_factor_he_high 1.04
relu_family.depth_factor_he_low 0.97
relu_family.depth_factor_xavier 1.41
relu_family.depth_factor_xavier_high 1.44
relu_family.depth_factor_xavier_low 1.35
relu_family.depth_factor_xavier_predicted 1.41
relu_family.depth_growth_normal 7.02
relu_family.depth_growth_normal_high 7.30
relu_family.depth_growth_normal_low 6.81
relu_family.depth_growth_normal_predicted 7.07
relu_family.depth_layers 20
relu_family.depth_ratio_he 1.1×
relu_family.depth_ratio_normal 1.2 × 10¹⁶
relu_family.depth_ratio_sigmoid 1.1 × 10¹²
relu_family.depth_ratio_xavier 6.8 × 10²
relu_family.depth_scaling_deviation 0.12 %
relu_family.depth_seed_count 5
relu_family.depth_width 100
relu_family.digits_batch 32
relu_family.digits_epochs 30
relu_family.digits_layers 2
relu_family.digits_test_fraction 25 %
relu_family.digits_width 64
relu_family.ever_dead_1 230
relu_family.ever_dead_2 278
relu_family.ever_dead_2_top_rate 192
relu_family.exact_zero_bias_std 0.1
relu_family.exact_zero_layers 5
relu_family.exact_zero_total 575040
relu_family.exact_zero_units 64
relu_family.exact_zeros_float16 19
relu_family.exact_zeros_float16_no_bias 0
relu_family.exact_zeros_float32 0
relu_family.exact_zeros_float64 0
relu_family.failed_runs 3
relu_family.fewest_inked_pixels 16
relu_family.glorot_active_max 32.0 %
relu_family.glorot_active_min 16.6 %
relu_family.glorot_brain_high 4 %
relu_family.glorot_brain_low 1 %
relu_family.glorot_harmless_sparsity 85 %
relu_family.glorot_zero_max 83.4 %
relu_family.glorot_zero_min 68.0 %
relu_family.lennie_active_bound 1 %
relu_family.min_dead_end_2_top_rate 63
relu_family.negative_passed_share 50 %
relu_family.negative_share_alive 50 %
relu_family.negative_share_dead 59 %
relu_family.rate_1 0.3
relu_family.rate_2 0.5
relu_family.rate_3 1.0
relu_family.relu_active_trained_1 49.3 %
relu_family.relu_active_trained_2 53.6 %
relu_family.relu_test_accuracy 96.8 %
relu_family.relu_zero_init_1 56.0 %
relu_family.relu_zero_init_2 47.5 %
relu_family.relu_zero_trained_1 50.7 %
relu_family.relu_zero_trained_2 46.4 %
relu_family.revived_1 0
relu_family.revived_2 191
relu_family.revived_2_top_rate 112
relu_family.run_count 9
relu_family.s3_brain_active 5 %
relu_family.s3_ideal_high 30 %
relu_family.s3_ideal_low 15 %
relu_family.s3_sigmoid_active 50 %
relu_family.seed_count 3
relu_family.sigmoid_above_half_init_1 48.6 %
relu_family.sigmoid_above_half_init_2 52.9 %
relu_family.sigmoid_above_half_trained_1 25.9 %
relu_family.sigmoid_above_half_trained_2 19.8 %
relu_family.sigmoid_exact_zeros 0.0 %
relu_family.sigmoid_learning_rate 2.0
relu_family.sigmoid_mean_init_1 0.50
relu_family.sigmoid_mean_init_2 0.51
relu_family.sigmoid_mean_trained_1 0.31
relu_family.sigmoid_mean_trained_2 0.26
relu_family.sigmoid_test_accuracy 95.7 %
relu_family.sparsity_learning_rate 0.3
relu_family.symmetric_samples 1 × 10⁶
relu_family.symmetric_zero_fraction 0.500
relu_family.trained_exact_zeros 0
relu_family.trained_pre_activations 4.8 × 10⁷
relu_family.whole_layer_dead_runs 2
relu_family.zeroed_positive_share 49 %
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np

from actbook import data
from actbook.activations import sigmoid
from actbook.claims._registry import claim, fixed, integer, percent, ratio, sci
from actbook.claims.sigmoid_tanh import TIMING_REPEATS, TIMING_SIZE
from actbook.experiments import dead_relu, sparsity
from actbook.experiments.digits import DIGITS_TEST_FRACTION, digits_split, linear_baseline
from actbook.timing import RatioTiming, time_ratio

# ------------------------------------------------------------------ parameters

#: Exact zeros: random dense layers of this width on the digits, one per seed.
EXACT_ZERO_UNITS = 64
EXACT_ZERO_SEEDS = (0, 1, 2, 3, 4)
#: Standard deviation of their random biases.
EXACT_ZERO_BIAS_STD = 0.1
#: The formats in which the pre-activations are computed.
EXACT_ZERO_DTYPES = ("float64", "float32", "float16")

#: Per-layer gradients: hidden layers, their width and the batch of one backward pass.
DEPTH_LAYERS = 20
DEPTH_WIDTH = 100
DEPTH_BATCH = 256
#: One network per seed and case (weights and batch); the chapter gives mean and spread.
DEPTH_SEEDS = (0, 1, 2, 3, 4)
#: The networks compared: (activation, initializer) by name, in the figure's order.
DEPTH_CASES = {
    "relu_he": ("relu", "he_normal"),
    "relu_xavier": ("relu", "xavier_uniform"),
    "relu_normal": ("relu", "standard_normal"),
    "sigmoid_xavier": ("sigmoid", "xavier_uniform"),
}
#: Variance of one weight under each initializer, for square layers of width ``n``.
DEPTH_WEIGHT_VARIANCE = {
    "he_normal": lambda n: 2.0 / n,
    "xavier_uniform": lambda n: 1.0 / n,
    "standard_normal": lambda n: 1.0,
}

#: The digits networks: learning rates of the sweep (plain SGD) and the seeds of each.
LEARNING_RATES = (0.3, 0.5, 1.0)
SEEDS = (0, 1, 2)
#: The rate of the sweep whose ReLU networks the sparsity section measures: the smallest.
SPARSITY_LEARNING_RATE = 0.3
#: The learning rate of the sigmoid networks that the sparsity section compares.
SIGMOID_LEARNING_RATE = 2.0

#: Units drawn to estimate how often a first-layer unit is dead before training.
BORN_DEAD_UNITS = 5000
BORN_DEAD_SEED = 0

#: Samples of the standard normal whose ReLU is counted for the symmetry argument.
SYMMETRIC_SAMPLES = 1_000_000

#: What the literature reports (see the chapter for the sources).
GLOROT_2011_HARMLESS_SPARSITY = 0.85
"""Glorot et al. (2011): more sparsity, enforced by a penalty, cost no accuracy on MNIST
until about this share of exact zeros."""
GLOROT_2011_BRAIN_ACTIVE = (0.01, 0.04)
"""The range of neurons active at the same time that Glorot et al. attribute to Lennie (2003)."""
LENNIE_2003_ACTIVE_BOUND = 0.01
"""Lennie (2003): possibly fewer than this share of cortical neurons can be substantially
active at the same time."""
ATTWELL_2001_ACTIVE_BOUND = 0.15
"""Attwell & Laughlin (2001): their energy budget predicts codes with at most this share of
neurons active at the same time."""
#: What S3 says: the brain's share, the sigmoid network's rate and the "ideal" range.
S3_BRAIN_ACTIVE = 0.05
S3_SIGMOID_ACTIVE = 0.5
S3_IDEAL_ACTIVE = (0.15, 0.30)


# ------------------------------------------------------------- shared runs


@cache
def _digits() -> tuple[np.ndarray, np.ndarray]:
    return data.digits()


def _training_images() -> np.ndarray:
    X_train, _, _, _ = digits_split()
    return X_train


@cache
def exact_zero_counts(bias_std: float = EXACT_ZERO_BIAS_STD) -> dict[str, int]:
    """Exact zeros among the pre-activations of random layers on the digits, by format.

    Summed over the layers of :data:`EXACT_ZERO_SEEDS`, each :data:`EXACT_ZERO_UNITS`
    wide (:func:`actbook.experiments.sparsity.exact_zero_count`).

    >>> exact_zero_counts()["float64"]
    0
    """
    X, _ = _digits()
    return {
        dtype: sum(
            sparsity.exact_zero_count(
                X, EXACT_ZERO_UNITS, dtype=dtype, bias_std=bias_std, seed=seed
            )
            for seed in EXACT_ZERO_SEEDS
        )
        for dtype in EXACT_ZERO_DTYPES
    }


def error_signal_rms(
    activation: str,
    init: str,
    seed: int = 0,
    *,
    depth: int = DEPTH_LAYERS,
    width: int = DEPTH_WIDTH,
    n_samples: int = DEPTH_BATCH,
) -> np.ndarray:
    """Root mean square of the error signals of each hidden layer of a fresh MLP.

    Builds the network of :func:`actbook.experiments.vanishing.layer_gradient_norms`
    (``depth`` hidden layers of ``width`` units on ``width`` inputs, one output logit,
    zero biases, weights drawn with ``init`` and ``seed``), feeds it ``n_samples``
    standard normal inputs with random 0/1 labels, back-propagates the binary
    cross-entropy once and returns, per hidden layer (first first), the root mean
    square of ``delta = dL/dz`` over the examples and the units: the per-example
    quantity of the chapter's variance argument, not the batch-summed bias gradient.

    Parameters
    ----------
    activation : str
        An :mod:`actbook.activations` name.
    init : str
        An :mod:`actbook.init` name, or ``"standard_normal"`` for N(0, 1).
    seed : int, default 0
    depth, width, n_samples : int
        Default :data:`DEPTH_LAYERS`, :data:`DEPTH_WIDTH`, :data:`DEPTH_BATCH`.

    Returns
    -------
    ndarray, shape (depth,)

    Examples
    --------
    >>> rms = error_signal_rms("relu", "he_normal", depth=3, width=50, n_samples=64)
    >>> rms.shape, bool(np.all(rms > 0))
    ((3,), True)
    >>> error_signal_rms("relu", "he_normal", depth=0)
    Traceback (most recent call last):
    ...
    ValueError: depth must be a positive integer, got 0
    """
    from actbook import nn, validation
    from actbook.experiments import vanishing

    depth = validation.positive_int(depth, "depth")
    width = validation.positive_int(width, "width")
    n_samples = validation.positive_int(n_samples, "n_samples")
    seed = validation.seed(seed)
    init = vanishing._resolve_init(vanishing._init(init))
    rng = np.random.default_rng(seed)  # the same draws as layer_gradient_norms
    model = nn.MLP([width] * (depth + 1) + [1], activation, init=init, seed=seed)
    X = rng.standard_normal((n_samples, width))
    y = rng.integers(0, 2, size=n_samples).astype(np.float64)
    _, grad = nn.binary_cross_entropy_with_logits(model.forward(X), y)
    hidden = set(model.hidden_indices())
    rms = []
    for index in range(len(model.layers) - 1, -1, -1):
        grad = model.layers[index].backward(grad)
        if index in hidden:  # the gradient with respect to the pre-activation: delta
            rms.append(math.sqrt(float(np.mean(grad**2))))
    return np.array(rms[::-1])


@cache
def depth_gradients() -> dict[str, np.ndarray]:
    """:func:`error_signal_rms` for every case of :data:`DEPTH_CASES`.

    Shape ``(len(DEPTH_SEEDS), DEPTH_LAYERS)`` per case, one row per seed.
    """
    return {
        name: np.array([error_signal_rms(activation, init, seed) for seed in DEPTH_SEEDS])
        for name, (activation, init) in DEPTH_CASES.items()
    }


def depth_factors(name: str) -> np.ndarray:
    """Per seed, the factor by which the error signal shrinks per layer going back.

    ``(rms_last / rms_first) ** (1 / (DEPTH_LAYERS - 1))``: above one when the signal
    shrinks from the last hidden layer back to the first, below one when it grows.
    """
    rms = depth_gradients()[name]
    return (rms[:, -1] / rms[:, 0]) ** (1.0 / (rms.shape[1] - 1))


def _geometric_mean(values: np.ndarray) -> float:
    return float(np.exp(np.mean(np.log(values))))


def predicted_factor(init: str, width: int = DEPTH_WIDTH) -> float:
    """The factor by which a ReLU layer scales the back-propagated gradient's norm.

    ``sqrt(width * Var(w) / 2)``: each of the ``width`` units above contributes its
    weight squared times its error squared, and half the units are active.

    >>> predicted_factor("he_normal"), round(predicted_factor("xavier_uniform"), 4)
    (1.0, 0.7071)
    """
    return math.sqrt(width * DEPTH_WEIGHT_VARIANCE[init](width) / 2.0)


@cache
def _run(activation: str, learning_rate: float, seed: int) -> dead_relu.DigitsTraining:
    return dead_relu.digits_training(activation, learning_rate, seed=seed)


def relu_runs() -> dict[tuple[float, int], dead_relu.DigitsTraining]:
    """The ReLU digits networks of the sweep, by ``(learning rate, seed)``."""
    return {(lr, seed): _run("relu", lr, seed) for lr in LEARNING_RATES for seed in SEEDS}


def sigmoid_runs() -> list[dead_relu.DigitsTraining]:
    """The sigmoid digits networks, one per seed, at :data:`SIGMOID_LEARNING_RATE`."""
    return [_run("sigmoid", SIGMOID_LEARNING_RATE, seed) for seed in SEEDS]


def _runs_at(learning_rate: float) -> list[dead_relu.DigitsTraining]:
    return [_run("relu", learning_rate, seed) for seed in SEEDS]


def _mean(values) -> float:
    return float(np.mean(list(values)))


def _layer_mean(runs, field: str, checkpoint: int, layer: int) -> float:
    return _mean(getattr(run, field)[checkpoint, layer] for run in runs)


@cache
def born_dead(centred: bool) -> tuple[float, float, float]:
    """First-layer units dead on the training images before training.

    Draws :data:`BORN_DEAD_UNITS` units with He-normal weights and zero bias; returns
    the share dead on every training image, and the mean share of negative weights
    of the dead units (nan if none) and of the others. ``centred`` subtracts the mean
    training image first.
    """
    X = _training_images()
    if centred:
        X = X - X.mean(axis=0)
    rng = np.random.default_rng(BORN_DEAD_SEED)
    W = rng.normal(0.0, math.sqrt(2.0 / X.shape[1]), size=(X.shape[1], BORN_DEAD_UNITS))
    dead = np.all(X @ W <= 0, axis=0)
    negative = np.mean(W < 0, axis=0)
    dead_negative = float(negative[dead].mean()) if dead.any() else math.nan
    return float(dead.mean()), dead_negative, float(negative[~dead].mean())


@cache
def gradient_signs() -> tuple[float, float]:
    """Signs of the gradient at the second hidden ReLU layer of a fresh digits network.

    Back-propagates the softmax cross-entropy of the training images through the
    network that :func:`actbook.experiments.dead_relu.digits_training` starts from
    (seed 0), by hand in NumPy. Returns the share of the entries that the ReLU sets to
    zero (pre-activation at most zero) whose incoming gradient was positive, and the
    share of the negative incoming entries that it passes unchanged.
    """
    from actbook import nn

    X = _training_images()
    _, _, y_train, _ = digits_split()
    model = nn.MLP([X.shape[1], *dead_relu.DIGITS_HIDDEN, 10], "relu", seed=0)
    (W1, b1), (W2, b2), (W3, b3) = [
        (layer.params["W"], layer.params["b"])
        for layer in model.layers
        if isinstance(layer, nn.Dense)
    ]
    h1 = np.maximum(X @ W1 + b1, 0.0)
    z2 = h1 @ W2 + b2
    logits = np.maximum(z2, 0.0) @ W3 + b3
    p = np.exp(logits - logits.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    p[np.arange(len(y_train)), y_train.astype(int)] -= 1.0
    incoming = (p / len(y_train)) @ W3.T  # dL/dh2, the gradient arriving at the ReLU
    zeroed = z2 <= 0
    return float(np.mean(incoming[zeroed] > 0)), float(np.mean(z2[incoming < 0] > 0))


# ------------------------------------------------------------------ timings


def relu_backward(grad: np.ndarray, z: np.ndarray, out: np.ndarray) -> np.ndarray:
    """ReLU's backward pass: the incoming gradient where ``z > 0``, zero elsewhere.

    >>> relu_backward(np.array([2.0, 2.0]), np.array([-1.0, 1.0]), None)
    array([0., 2.])
    """
    return grad * (z > 0)


def sigmoid_backward(grad: np.ndarray, z: np.ndarray, out: np.ndarray) -> np.ndarray:
    """The sigmoid's backward pass from its stored output ``out``: ``grad * out * (1 - out)``.

    >>> sigmoid_backward(np.array([1.0]), None, np.array([0.5]))
    array([0.25])
    """
    return grad * out * (1.0 - out)


@cache
def backward_cost() -> RatioTiming:
    """Time of the sigmoid's backward pass in units of ReLU's, element-wise (measured once)."""
    rng = np.random.default_rng(0)
    z = rng.standard_normal(TIMING_SIZE)
    grad = rng.standard_normal(TIMING_SIZE)
    return time_ratio(sigmoid_backward, relu_backward, grad, z, sigmoid(z), repeats=TIMING_REPEATS)


def _training_step(model, X: np.ndarray, y: np.ndarray) -> None:
    from actbook import nn

    _, grad = nn.softmax_cross_entropy(model.forward(X, training=True), y)
    model.backward(grad)


@cache
def step_cost() -> RatioTiming:
    """Time of one training step of the sigmoid digits MLP in units of the ReLU one's."""
    from actbook import nn

    X = _training_images()[: dead_relu.DIGITS_BATCH_SIZE]
    _, _, y_train, _ = digits_split()
    y = y_train[: dead_relu.DIGITS_BATCH_SIZE]
    sizes = [X.shape[1], *dead_relu.DIGITS_HIDDEN, 10]
    with_sigmoid, with_relu = nn.MLP(sizes, "sigmoid"), nn.MLP(sizes, "relu")
    return time_ratio(
        lambda: _training_step(with_sigmoid, X, y),
        lambda: _training_step(with_relu, X, y),
        repeats=TIMING_REPEATS,
    )


def _constant(claim_id: str, value, fmt, statement: str, method: str, papers=()) -> None:
    """Register a claim that returns a parameter or a number from the literature."""
    claim(claim_id, fmt=fmt, statement=statement, method=method, papers=papers)(lambda: value)


# -------------------------------------------------------- ReLU at zero: exact zeros


@claim(
    "relu_family.constant_zero_pixels",
    fmt=integer,
    statement="Pixels of the digits that are zero in every image.",
    method="Counts the columns of `actbook.data.digits()` that are zero in every row.",
)
def constant_zero_pixels() -> int:
    X, _ = _digits()
    return int(np.sum(np.all(X == 0, axis=0)))


@claim(
    "relu_family.fewest_inked_pixels",
    fmt=integer,
    statement="The fewest nonzero pixels of any digits image: no image is blank.",
    method="The minimum over the rows of `actbook.data.digits()` of the count of nonzero pixels.",
)
def fewest_inked_pixels() -> int:
    X, _ = _digits()
    return int(np.min(np.count_nonzero(X, axis=1)))


_constant(
    "relu_family.exact_zero_units",
    EXACT_ZERO_UNITS,
    integer,
    "Width of the random dense layers whose pre-activations on the digits are counted.",
    "The constant `EXACT_ZERO_UNITS`.",
)
_constant(
    "relu_family.exact_zero_layers",
    len(EXACT_ZERO_SEEDS),
    integer,
    "Number of random dense layers (seeds) in the count of exact zeros.",
    "The length of `EXACT_ZERO_SEEDS`.",
)
_constant(
    "relu_family.exact_zero_bias_std",
    EXACT_ZERO_BIAS_STD,
    fixed(1),
    "Standard deviation of the random biases of those layers.",
    "The constant `EXACT_ZERO_BIAS_STD`.",
)


@claim(
    "relu_family.exact_zero_total",
    fmt=integer,
    statement="Pre-activations computed in each format: images times units times layers.",
    method="Rows of the digits times `EXACT_ZERO_UNITS` times the number of `EXACT_ZERO_SEEDS`.",
)
def exact_zero_total() -> int:
    X, _ = _digits()
    return X.shape[0] * EXACT_ZERO_UNITS * len(EXACT_ZERO_SEEDS)


_EXACT_METHOD = (
    "Sums `actbook.experiments.sparsity.exact_zero_count` over `EXACT_ZERO_SEEDS`: "
    "He-normal weights and normal biases of standard deviation `EXACT_ZERO_BIAS_STD`, "
    "rounded with the images to the format, $z = XW + b$ computed in it."
)
for _dtype in EXACT_ZERO_DTYPES:
    claim(
        f"relu_family.exact_zeros_{_dtype}",
        fmt=integer,
        statement=f"Pre-activations exactly zero when the layers are computed in {_dtype}.",
        method=_EXACT_METHOD,
    )(lambda dtype=_dtype: exact_zero_counts()[dtype])


@claim(
    "relu_family.exact_zeros_float16_no_bias",
    fmt=integer,
    statement="The same count in float16 with zero biases.",
    method=_EXACT_METHOD + " The biases are zero (`bias_std=0`).",
)
def exact_zeros_float16_no_bias() -> int:
    return exact_zero_counts(0.0)["float16"]


@claim(
    "relu_family.trained_exact_zeros",
    fmt=integer,
    statement=(
        "Pre-activations exactly zero in the hidden layers of the chapter's ReLU digits "
        "networks, over all their runs and checkpoints."
    ),
    method="Sums `DigitsTraining.exact_zeros` over every run of the learning-rate sweep.",
)
def trained_exact_zeros() -> int:
    return int(sum(run.exact_zeros.sum() for run in relu_runs().values()))


@claim(
    "relu_family.trained_pre_activations",
    fmt=sci(2),
    statement="Pre-activations checked in that count.",
    method=(
        "Training images times hidden units times checkpoints (the epochs and the start) "
        "times runs."
    ),
)
def trained_pre_activations() -> int:
    checkpoints = dead_relu.DIGITS_EPOCHS + 1
    units = sum(dead_relu.DIGITS_HIDDEN)
    return _training_images().shape[0] * units * checkpoints * len(relu_runs())


# ---------------------------------------------------------- the path of ones

_constant(
    "relu_family.depth_layers",
    DEPTH_LAYERS,
    integer,
    "Hidden layers of the networks whose per-layer gradients are compared.",
    "The constant `DEPTH_LAYERS`.",
)
_constant(
    "relu_family.depth_width",
    DEPTH_WIDTH,
    integer,
    "Units per hidden layer (and inputs) of those networks.",
    "The constant `DEPTH_WIDTH`.",
)
_constant(
    "relu_family.depth_batch",
    DEPTH_BATCH,
    integer,
    "Inputs in the batch of their backward pass.",
    "The constant `DEPTH_BATCH`.",
)

_constant(
    "relu_family.depth_seed_count",
    len(DEPTH_SEEDS),
    integer,
    "Networks (seeds) per initialization in the per-layer gradient measurement.",
    "The length of `DEPTH_SEEDS`.",
)

_DEPTH_METHOD = (
    "Runs `error_signal_rms` (`DEPTH_LAYERS` hidden layers of `DEPTH_WIDTH` units, "
    "`DEPTH_BATCH` standard normal inputs) once for every seed of `DEPTH_SEEDS`; per seed, "
    "the root mean square of the error signals of the last hidden layer over that of the "
    "first, to the power one over `DEPTH_LAYERS` minus one (`depth_factors`)."
)
_DEPTH_WORDS = {
    "relu_he": "ReLU and He weights",
    "relu_xavier": "ReLU and Xavier weights",
    "relu_normal": "ReLU and standard normal weights",
    "sigmoid_xavier": "the sigmoid and Xavier weights",
}
_SPREAD = {"low": (np.min, "smallest"), "high": (np.max, "largest")}

for _name, _short in (("relu_he", "he"), ("relu_xavier", "xavier")):
    claim(
        f"relu_family.depth_factor_{_short}",
        fmt=fixed(2),
        statement=(
            f"With {_DEPTH_WORDS[_name]}, the factor by which the error signal shrinks per "
            "layer going back, from the last hidden layer to the first: geometric mean over "
            "the networks."
        ),
        method=_DEPTH_METHOD + " Geometric mean over the seeds.",
        papers=("he2015delving",),
    )(lambda name=_name: _geometric_mean(depth_factors(name)))
    for _end, (_reduce, _word) in _SPREAD.items():
        claim(
            f"relu_family.depth_factor_{_short}_{_end}",
            fmt=fixed(2),
            statement=f"The {_word} of those factors over the networks ({_DEPTH_WORDS[_name]}).",
            method=_DEPTH_METHOD + f" The {_word} over the seeds.",
        )(lambda name=_name, reduce=_reduce: float(reduce(depth_factors(name))))

claim(
    "relu_family.depth_growth_normal",
    fmt=fixed(2),
    statement=(
        "With ReLU and standard normal weights, the factor by which the error signal grows "
        "per layer going back: geometric mean over the networks."
    ),
    method=_DEPTH_METHOD + " The reciprocal, geometric mean over the seeds.",
)(lambda: 1.0 / _geometric_mean(depth_factors("relu_normal")))
for _end, (_reduce, _word) in _SPREAD.items():
    claim(
        f"relu_family.depth_growth_normal_{_end}",
        fmt=fixed(2),
        statement=f"The {_word} of those growth factors over the networks.",
        method=_DEPTH_METHOD + f" The reciprocal; the {_word} over the seeds.",
    )(lambda reduce=_reduce: float(reduce(1.0 / depth_factors("relu_normal"))))


@claim(
    "relu_family.depth_factor_xavier_predicted",
    fmt=fixed(2),
    statement="The factor that the variance argument predicts for ReLU and Xavier weights.",
    method="The reciprocal of `predicted_factor('xavier_uniform')`, that is $\\sqrt{2}$.",
)
def depth_factor_xavier_predicted() -> float:
    return 1.0 / predicted_factor("xavier_uniform")


@claim(
    "relu_family.depth_growth_normal_predicted",
    fmt=fixed(2),
    statement="The growth per layer that the variance argument predicts for standard normal weights.",
    method="`predicted_factor('standard_normal')`, $\\sqrt{n/2}$ for width $n$ `DEPTH_WIDTH`.",
)
def depth_growth_normal_predicted() -> float:
    return predicted_factor("standard_normal")


def _whole_ratio(name: str) -> float:
    """Geometric mean over the seeds of the last hidden layer's signal over the first's."""
    rms = depth_gradients()[name]
    return _geometric_mean(rms[:, -1] / rms[:, 0])


for _name, _short, _fmt in (
    ("relu_he", "he", ratio(1)),
    ("relu_xavier", "xavier", sci(2)),
    ("sigmoid_xavier", "sigmoid", sci(2)),
):
    claim(
        f"relu_family.depth_ratio_{_short}",
        fmt=_fmt,
        statement=(
            f"With {_DEPTH_WORDS[_name]}, the error signal of the last hidden layer over that "
            "of the first: geometric mean over the networks."
        ),
        method=(
            "Runs `error_signal_rms` once for every seed of `DEPTH_SEEDS`; geometric mean of "
            "the last hidden layer's root mean square over the first's."
        ),
    )(lambda name=_name: _whole_ratio(name))


@claim(
    "relu_family.depth_ratio_normal",
    fmt=sci(2),
    statement=(
        "With ReLU and standard normal weights, the error signal of the first hidden layer "
        "over that of the last: geometric mean over the networks."
    ),
    method=(
        "Runs `error_signal_rms` once for every seed of `DEPTH_SEEDS`; geometric mean of the "
        "first hidden layer's root mean square over the last's."
    ),
)
def depth_ratio_normal() -> float:
    return 1.0 / _whole_ratio("relu_normal")


@claim(
    "relu_family.depth_scaling_deviation",
    fmt=percent(2),
    statement=(
        "The largest relative deviation, over the seeds, of the standard normal network's "
        "growth factor times the He network's shrink factor from $\\sqrt{n/2}$: the two "
        "networks differ by a scale of the weights."
    ),
    method=(
        "Per seed of `DEPTH_SEEDS`, the reciprocal of `depth_factors('relu_normal')` times "
        "`depth_factors('relu_he')`, over `predicted_factor('standard_normal')`, minus one; "
        "the largest absolute value."
    ),
)
def depth_scaling_deviation() -> float:
    product = depth_factors("relu_he") / depth_factors("relu_normal")
    return float(np.max(np.abs(product / predicted_factor("standard_normal") - 1.0)))


# ----------------------------------------------------------------------- cost

_STATISTIC = {"median": "Median of", "q1": "First quartile of", "q3": "Third quartile of"}
_BACKWARD_METHOD = (
    "Times `sigmoid_backward` against `relu_backward` on the same "
    "{claim}`sigmoid_tanh.timing_size` standard normal float64 values with "
    "`actbook.timing.time_ratio` ({claim}`sigmoid_tanh.timing_repeats` interleaved pairs of "
    "repeats); the value depends on the machine."
)
_STEP_METHOD = (
    "Times one forward and backward pass of the chapter's digits MLP on one mini-batch of "
    "training images, the network with sigmoid units against the one with ReLU units, with "
    "`actbook.timing.time_ratio` "
    "({claim}`sigmoid_tanh.timing_repeats` interleaved pairs of repeats); the value depends "
    "on the machine."
)
for _statistic, _words in _STATISTIC.items():
    claim(
        f"relu_family.backward_cost_{_statistic}",
        fmt=ratio(1),
        statement=(
            f"{_words} the time of the sigmoid's backward pass, $g\\,s(1 - s)$ from its stored "
            "output, in units of the time of ReLU's, $g \\cdot [z > 0]$."
        ),
        method=_BACKWARD_METHOD,
        volatile=True,
    )(lambda statistic=_statistic: getattr(backward_cost(), statistic))
    claim(
        f"relu_family.step_cost_{_statistic}",
        fmt=ratio(2),
        statement=(
            f"{_words} the time of a training step of the digits MLP with the sigmoid, in units "
            "of the time with ReLU."
        ),
        method=_STEP_METHOD,
        volatile=True,
    )(lambda statistic=_statistic: getattr(step_cost(), statistic))


# ------------------------------------------------------------------- sparsity


@claim(
    "relu_family.symmetric_zero_fraction",
    fmt=fixed(3),
    statement="The share of exact zeros of ReLU on standard normal inputs.",
    method="Applies ReLU to `SYMMETRIC_SAMPLES` standard normal numbers and counts the zeros.",
)
def symmetric_zero_fraction() -> float:
    z = np.random.default_rng(0).standard_normal(SYMMETRIC_SAMPLES)
    return float(np.mean(np.maximum(z, 0.0) == 0))


_constant(
    "relu_family.symmetric_samples",
    SYMMETRIC_SAMPLES,
    sci(1),
    "Standard normal samples in that count.",
    "The constant `SYMMETRIC_SAMPLES`.",
)

_SPARSITY_METHOD = (
    "Mean over `SEEDS` of the `DigitsTraining` records on the training images ({which}), "
    "for the ReLU networks at `SPARSITY_LEARNING_RATE`."
)
for _layer, _ordinal in ((0, "first"), (1, "second")):
    for _checkpoint, _when in ((0, "before training"), (-1, "after training")):
        _suffix = "init" if _checkpoint == 0 else "trained"
        claim(
            f"relu_family.relu_zero_{_suffix}_{_layer + 1}",
            fmt=percent(1),
            statement=(
                f"Share of exact zeros in the {_ordinal} hidden ReLU layer of the digits "
                f"network, {_when}."
            ),
            method=_SPARSITY_METHOD.format(which="`zero_fraction`"),
        )(
            lambda layer=_layer, checkpoint=_checkpoint: _layer_mean(
                _runs_at(SPARSITY_LEARNING_RATE), "zero_fraction", checkpoint, layer
            )
        )
        claim(
            f"relu_family.sigmoid_above_half_{_suffix}_{_layer + 1}",
            fmt=percent(1),
            statement=(
                f"Share of outputs above one half in the {_ordinal} hidden sigmoid layer of "
                f"the digits network, {_when}."
            ),
            method=(
                "Mean over `SEEDS` of `DigitsTraining.positive_fraction` (pre-activation above "
                "zero) of the sigmoid networks at `SIGMOID_LEARNING_RATE`."
            ),
        )(
            lambda layer=_layer, checkpoint=_checkpoint: _layer_mean(
                sigmoid_runs(), "positive_fraction", checkpoint, layer
            )
        )
        claim(
            f"relu_family.sigmoid_mean_{_suffix}_{_layer + 1}",
            fmt=fixed(2),
            statement=(
                f"Mean output of the {_ordinal} hidden sigmoid layer of the digits network, "
                f"{_when}."
            ),
            method=(
                "Mean over `SEEDS` of `DigitsTraining.mean_output` of the sigmoid networks at "
                "`SIGMOID_LEARNING_RATE`."
            ),
        )(
            lambda layer=_layer, checkpoint=_checkpoint: _layer_mean(
                sigmoid_runs(), "mean_output", checkpoint, layer
            )
        )


for _layer, _ordinal in ((0, "first"), (1, "second")):
    claim(
        f"relu_family.relu_active_trained_{_layer + 1}",
        fmt=percent(1),
        statement=(
            f"Share of nonzero outputs in the {_ordinal} hidden ReLU layer of the digits "
            "network after training."
        ),
        method=(
            "One minus the mean over `SEEDS` of the last `DigitsTraining.zero_fraction` of "
            "the ReLU networks at `SPARSITY_LEARNING_RATE`."
        ),
    )(
        lambda layer=_layer: (
            1.0 - _layer_mean(_runs_at(SPARSITY_LEARNING_RATE), "zero_fraction", -1, layer)
        )
    )

_constant(
    "relu_family.sparsity_learning_rate",
    SPARSITY_LEARNING_RATE,
    fixed(1),
    "Learning rate of the ReLU digits networks whose sparsity the chapter measures.",
    "The constant `SPARSITY_LEARNING_RATE`, an entry of `LEARNING_RATES`.",
)


@claim(
    "relu_family.sigmoid_exact_zeros",
    fmt=percent(1),
    statement="Share of exact zeros in the hidden layers of the sigmoid digits networks.",
    method="Mean of `DigitsTraining.zero_fraction` over the sigmoid runs, layers and checkpoints.",
)
def sigmoid_exact_zeros() -> float:
    return _mean(run.zero_fraction.mean() for run in sigmoid_runs())


_ACCURACY_METHOD = "Mean over `SEEDS` of `DigitsTraining.test_accuracy` on the held-out images"


@claim(
    "relu_family.relu_test_accuracy",
    fmt=percent(1),
    statement="Held-out accuracy of the ReLU digits network whose sparsity the chapter measures.",
    method=_ACCURACY_METHOD + ", at `SPARSITY_LEARNING_RATE`.",
)
def relu_test_accuracy() -> float:
    return _mean(run.test_accuracy for run in _runs_at(SPARSITY_LEARNING_RATE))


@claim(
    "relu_family.sigmoid_test_accuracy",
    fmt=percent(1),
    statement="Held-out accuracy of the sigmoid digits network.",
    method=_ACCURACY_METHOD + ", at `SIGMOID_LEARNING_RATE`.",
)
def sigmoid_test_accuracy() -> float:
    return _mean(run.test_accuracy for run in sigmoid_runs())


@claim(
    "relu_family.baseline_accuracy",
    fmt=percent(1),
    statement=(
        "Held-out accuracy of the book's linear baseline on the digits: multinomial logistic "
        "regression fitted to convergence on the book's split."
    ),
    method="`actbook.experiments.digits.linear_baseline().test_accuracy`.",
)
def baseline_accuracy() -> float:
    return linear_baseline().test_accuracy


_constant(
    "relu_family.sigmoid_learning_rate",
    SIGMOID_LEARNING_RATE,
    fixed(1),
    "Learning rate of the sigmoid digits networks.",
    "The constant `SIGMOID_LEARNING_RATE`.",
)

# what the papers and S3 report
_GLOROT = sparsity.GLOROT_2011_ZERO_FRACTIONS
_constant(
    "relu_family.glorot_zero_max",
    max(_GLOROT.values()),
    percent(1),
    "The largest share of exact zeros in the hidden layers that Glorot et al. report (MNIST).",
    "`GLOROT_2011_ZERO_FRACTIONS` of `actbook.experiments.sparsity`, from the paper's table.",
    ("glorot2011deep",),
)
_constant(
    "relu_family.glorot_zero_min",
    min(_GLOROT.values()),
    percent(1),
    "The smallest share of exact zeros that Glorot et al. report (NISTP).",
    "`GLOROT_2011_ZERO_FRACTIONS` of `actbook.experiments.sparsity`, from the paper's table.",
    ("glorot2011deep",),
)
_constant(
    "relu_family.glorot_active_min",
    1.0 - max(_GLOROT.values()),
    percent(1),
    "The smallest share of nonzero hidden outputs implied by Glorot et al.'s sparsities.",
    "One minus the largest of `GLOROT_2011_ZERO_FRACTIONS`.",
    ("glorot2011deep",),
)
_constant(
    "relu_family.glorot_active_max",
    1.0 - min(_GLOROT.values()),
    percent(1),
    "The largest share of nonzero hidden outputs implied by Glorot et al.'s sparsities.",
    "One minus the smallest of `GLOROT_2011_ZERO_FRACTIONS`.",
    ("glorot2011deep",),
)
_constant(
    "relu_family.glorot_harmless_sparsity",
    GLOROT_2011_HARMLESS_SPARSITY,
    percent(0),
    "The share of exact zeros up to which, in Glorot et al.'s experiment on MNIST, more "
    "sparsity cost no accuracy.",
    "The constant `GLOROT_2011_HARMLESS_SPARSITY`, read from the paper.",
    ("glorot2011deep",),
)
_constant(
    "relu_family.glorot_brain_low",
    GLOROT_2011_BRAIN_ACTIVE[0],
    percent(0),
    "The lower end of the share of neurons active at the same time that Glorot et al. "
    "attribute to Lennie.",
    "The constant `GLOROT_2011_BRAIN_ACTIVE`, read from the paper.",
    ("glorot2011deep",),
)
_constant(
    "relu_family.glorot_brain_high",
    GLOROT_2011_BRAIN_ACTIVE[1],
    percent(0),
    "The upper end of that range.",
    "The constant `GLOROT_2011_BRAIN_ACTIVE`, read from the paper.",
    ("glorot2011deep",),
)
_constant(
    "relu_family.lennie_active_bound",
    LENNIE_2003_ACTIVE_BOUND,
    percent(0),
    "Lennie's estimate: possibly fewer than this share of cortical neurons can be "
    "substantially active at the same time.",
    "The constant `LENNIE_2003_ACTIVE_BOUND`, read from the paper's abstract.",
    ("lennie2003cost",),
)
_constant(
    "relu_family.attwell_active_bound",
    ATTWELL_2001_ACTIVE_BOUND,
    percent(0),
    "Attwell and Laughlin's prediction: distributed codes with at most this share of neurons "
    "active at the same time.",
    "The constant `ATTWELL_2001_ACTIVE_BOUND`, read from the paper's abstract.",
    ("attwell2001energy",),
)
_constant(
    "relu_family.s3_brain_active",
    S3_BRAIN_ACTIVE,
    percent(0),
    "The share of the brain's neurons active at work that S3 reports.",
    "The constant `S3_BRAIN_ACTIVE`, S3's number.",
)
_constant(
    "relu_family.s3_sigmoid_active",
    S3_SIGMOID_ACTIVE,
    percent(0),
    "The activation rate of sigmoid networks that S3 reports.",
    "The constant `S3_SIGMOID_ACTIVE`, S3's number.",
)
_constant(
    "relu_family.s3_ideal_low",
    S3_IDEAL_ACTIVE[0],
    percent(0),
    "The lower end of the activation rate that S3 calls ideal.",
    "The constant `S3_IDEAL_ACTIVE`, S3's number.",
)
_constant(
    "relu_family.s3_ideal_high",
    S3_IDEAL_ACTIVE[1],
    percent(0),
    "The upper end of that rate.",
    "The constant `S3_IDEAL_ACTIVE`, S3's number.",
)


# -------------------------------------------------------------- dying units

_constant(
    "relu_family.digits_width",
    dead_relu.DIGITS_HIDDEN[0],
    integer,
    "Units in each hidden layer of the chapter's digits networks.",
    "`DIGITS_HIDDEN` of `actbook.experiments.dead_relu`.",
)
_constant(
    "relu_family.digits_layers",
    len(dead_relu.DIGITS_HIDDEN),
    integer,
    "Hidden layers of the digits networks.",
    "The length of `DIGITS_HIDDEN` of `actbook.experiments.dead_relu`.",
)
_constant(
    "relu_family.digits_epochs",
    dead_relu.DIGITS_EPOCHS,
    integer,
    "Epochs of every digits network in the sections on ReLU itself (sparsity, dying units).",
    "`DIGITS_EPOCHS` of `actbook.experiments.dead_relu`.",
)
_constant(
    "relu_family.digits_batch",
    dead_relu.DIGITS_BATCH_SIZE,
    integer,
    "Mini-batch size of the digits networks in the sections on ReLU itself (sparsity, dying units).",
    "`DIGITS_BATCH_SIZE` of `actbook.experiments.dead_relu`.",
)
_constant(
    "relu_family.digits_test_fraction",
    DIGITS_TEST_FRACTION,
    percent(0),
    "Share of each class of the digits held out for testing in the book's split.",
    "`DIGITS_TEST_FRACTION` of `actbook.experiments.digits`.",
)
_constant(
    "relu_family.seed_count",
    len(SEEDS),
    integer,
    "Seeds (weights and mini-batch orders) per learning rate.",
    "The length of `SEEDS`.",
)
for _index in range(len(LEARNING_RATES)):
    _constant(
        f"relu_family.rate_{_index + 1}",
        LEARNING_RATES[_index],
        fixed(1),
        "A learning rate of the sweep, in increasing order.",
        "An entry of `LEARNING_RATES`.",
    )


def _dead_end(learning_rate: float, layer: int) -> float:
    return _layer_mean(_runs_at(learning_rate), "dead_fraction", -1, layer)


def _accuracy_at(learning_rate: float) -> float:
    return _mean(run.test_accuracy for run in _runs_at(learning_rate))


@claim(
    "relu_family.born_dead_1",
    fmt=percent(1),
    statement="Share of first-layer units dead on the training images before any training.",
    method="Mean over all runs of the sweep of `DigitsTraining.dead_fraction` at checkpoint zero.",
)
def born_dead_1() -> float:
    return _mean(run.dead_fraction[0, 0] for run in relu_runs().values())


for _index, _rate in enumerate(LEARNING_RATES):
    claim(
        f"relu_family.dead_end_1_rate_{_index + 1}",
        fmt=percent(0),
        statement=(
            "Share of first-layer units dead on the training images after training, at this "
            "entry of the learning rates."
        ),
        method="Mean over `SEEDS` of the last checkpoint of `DigitsTraining.dead_fraction`.",
    )(lambda rate=_rate: _dead_end(rate, 0))
    claim(
        f"relu_family.dead_end_2_rate_{_index + 1}",
        fmt=percent(0),
        statement="The same share for the second hidden layer.",
        method="Mean over `SEEDS` of the last checkpoint of `DigitsTraining.dead_fraction`.",
    )(lambda rate=_rate: _dead_end(rate, 1))
    claim(
        f"relu_family.accuracy_rate_{_index + 1}",
        fmt=percent(1),
        statement="Held-out accuracy after training at this entry of the learning rates.",
        method=_ACCURACY_METHOD + ".",
    )(lambda rate=_rate: _accuracy_at(rate))


@claim(
    "relu_family.min_dead_end_2_top_rate",
    fmt=integer,
    statement=(
        "At the largest learning rate, the fewest second-layer units dead at the end of any run."
    ),
    method="Minimum over `SEEDS` of the dead units of the second hidden layer at the last checkpoint.",
)
def min_dead_end_2_top_rate() -> int:
    return int(min(run.dead[1][-1].sum() for run in _runs_at(LEARNING_RATES[-1])))


@claim(
    "relu_family.whole_layer_dead_runs",
    fmt=integer,
    statement=(
        "Runs at the largest learning rate that ended with every unit of some hidden layer dead."
    ),
    method=(
        "Counts the runs at the last of `LEARNING_RATES` whose `DigitsTraining.dead` mask at "
        "the last checkpoint is all true for some hidden layer."
    ),
)
def whole_layer_dead_runs() -> int:
    return int(
        sum(any(mask[-1].all() for mask in run.dead) for run in _runs_at(LEARNING_RATES[-1]))
    )


def _revival_at(learning_rate: float, layer: int) -> tuple[int, int]:
    runs = _runs_at(learning_rate)
    return (
        int(sum(run.ever_dead[layer] for run in runs)),
        int(sum(run.revived[layer] for run in runs)),
    )


@claim(
    "relu_family.ever_dead_2_top_rate",
    fmt=integer,
    statement=(
        "At the largest learning rate, second-layer units dead at one checkpoint at least, "
        "summed over the seeds."
    ),
    method="Sums `DigitsTraining.ever_dead` of the second hidden layer over the runs at that rate.",
)
def ever_dead_2_top_rate() -> int:
    return _revival_at(LEARNING_RATES[-1], 1)[0]


@claim(
    "relu_family.revived_2_top_rate",
    fmt=integer,
    statement="Of those, the units that were alive again at a later checkpoint.",
    method="Sums `DigitsTraining.revived` of the second hidden layer over the runs at that rate.",
)
def revived_2_top_rate() -> int:
    return _revival_at(LEARNING_RATES[-1], 1)[1]


@claim(
    "relu_family.failed_runs",
    fmt=integer,
    statement=(
        "Runs of the sweep that ended no better than chance plus a margin: held-out accuracy "
        "below one half."
    ),
    method="Counts the runs of the sweep whose `DigitsTraining.test_accuracy` is below one half.",
)
def failed_runs() -> int:
    return int(sum(run.test_accuracy < 0.5 for run in relu_runs().values()))


@claim(
    "relu_family.run_count",
    fmt=integer,
    statement="Runs of the learning-rate sweep.",
    method="The number of `LEARNING_RATES` times the number of `SEEDS`.",
)
def run_count() -> int:
    return len(relu_runs())


def _revival(layer: int) -> tuple[int, int]:
    runs = relu_runs().values()
    return (
        int(sum(run.ever_dead[layer] for run in runs)),
        int(sum(run.revived[layer] for run in runs)),
    )


for _layer, _ordinal in ((0, "first"), (1, "second")):
    claim(
        f"relu_family.ever_dead_{_layer + 1}",
        fmt=integer,
        statement=(
            f"Units of the {_ordinal} hidden layer dead at one checkpoint at least, summed "
            "over the runs of the sweep."
        ),
        method="Sums `DigitsTraining.ever_dead` over the runs.",
    )(lambda layer=_layer: _revival(layer)[0])
    claim(
        f"relu_family.revived_{_layer + 1}",
        fmt=integer,
        statement=(
            f"Of those, the units dead at one checkpoint and alive at a later one ({_ordinal} "
            "hidden layer)."
        ),
        method="Sums `DigitsTraining.revived` over the runs.",
    )(lambda layer=_layer: _revival(layer)[1])


def _first_layer_groups(run: dead_relu.DigitsTraining) -> dict[str, np.ndarray]:
    """The first-layer units of one run: dead from the start, died in training, alive at the end."""
    dead = run.dead[0]
    return {
        "born": dead[0] & dead[-1],
        "died": ~dead[0] & dead[-1],
        "alive": ~dead[-1],
    }


def _final_biases(group: str) -> np.ndarray:
    """The final first-layer biases of one group, pooled over the runs of the sweep."""
    return np.concatenate(
        [run.hidden_biases[0][_first_layer_groups(run)[group]] for run in relu_runs().values()]
    )


@claim(
    "relu_family.dead_bias_mean",
    fmt=fixed(2),
    statement=(
        "Mean final bias of the first-layer units that were alive before training and dead "
        "at its end."
    ),
    method=(
        "Pools, over the runs of the sweep, the final first-layer biases of the units alive "
        "at checkpoint zero and dead at the last checkpoint."
    ),
)
def dead_bias_mean() -> float:
    return float(np.mean(_final_biases("died")))


@claim(
    "relu_family.alive_bias_mean",
    fmt=fixed(2),
    statement="Mean final bias of the first-layer units alive at the end of a run.",
    method="As for the units that died, with the units alive at the last checkpoint.",
)
def alive_bias_mean() -> float:
    return float(np.mean(_final_biases("alive")))


@claim(
    "relu_family.born_dead_count_1",
    fmt=integer,
    statement=(
        "First-layer units dead before training, summed over the runs of the sweep; they "
        "never receive a gradient and keep their zero bias."
    ),
    method="Counts the first-layer units dead at checkpoint zero, over the runs of the sweep.",
)
def born_dead_count_1() -> int:
    return int(sum(run.dead[0][0].sum() for run in relu_runs().values()))


_constant(
    "relu_family.born_dead_units",
    BORN_DEAD_UNITS,
    integer,
    "Random first-layer units drawn to count those dead before training.",
    "The constant `BORN_DEAD_UNITS`.",
)


@claim(
    "relu_family.born_dead_raw",
    fmt=percent(1),
    statement=(
        "Share of random He-normal first-layer units with zero bias that are dead on the "
        "training images, whose pixels are all at least zero."
    ),
    method="`born_dead(centred=False)`.",
)
def born_dead_raw() -> float:
    return born_dead(False)[0]


@claim(
    "relu_family.born_dead_centred",
    fmt=percent(1),
    statement="The same share on the training images minus their mean image.",
    method="`born_dead(centred=True)`.",
)
def born_dead_centred() -> float:
    return born_dead(True)[0]


@claim(
    "relu_family.negative_share_dead",
    fmt=percent(0),
    statement="Mean share of negative weights of the units dead on the raw training images.",
    method="`born_dead(centred=False)`.",
)
def negative_share_dead() -> float:
    return born_dead(False)[1]


@claim(
    "relu_family.negative_share_alive",
    fmt=percent(0),
    statement="Mean share of negative weights of the other units.",
    method="`born_dead(centred=False)`.",
)
def negative_share_alive() -> float:
    return born_dead(False)[2]


@claim(
    "relu_family.zeroed_positive_share",
    fmt=percent(0),
    statement=(
        "Of the gradient entries that the second hidden ReLU layer sets to zero, the share "
        "that were positive."
    ),
    method="`gradient_signs()`, on the training images, in the network before training.",
)
def zeroed_positive_share() -> float:
    return gradient_signs()[0]


@claim(
    "relu_family.negative_passed_share",
    fmt=percent(0),
    statement=(
        "Of the negative gradient entries that reach that layer, the share it passes unchanged."
    ),
    method="`gradient_signs()`, on the training images, in the network before training.",
)
def negative_passed_share() -> float:
    return gradient_signs()[1]
