"""Claims of the chapter *Batch normalization* (book/chapters/batch-normalization.md).

Small exact computations on the transform (standardization, what ``eps`` does, the
identity at ``gamma = sqrt(var + eps)``, ``beta = mean``, scale invariance, the
running averages and the momentum conventions of two frameworks, the backward pass
against central differences, a convolutional batch), the sigmoid's near-linear region
under standard normal inputs, two experiments on the book's digits split (a deep
network with no normalization, batch normalization or layer normalization, over
seeds and over batch sizes), a shifted test set for input normalization, and the
signs of a layer's inputs for S5's remedy.

Examples
--------
>>> from actbook.claims import REGISTRY
>>> ids = sorted(i for i in REGISTRY if i.startswith("batchnorm."))
>>> REGISTRY["batchnorm.keras_equivalent"].render(), REGISTRY["batchnorm.eps_std_at_var_eps"].render()
('0.90', '0.707')
>>> REGISTRY["batchnorm.cnn_parameters"].render(), REGISTRY["batchnorm.cnn_values_per_map"].render()
('6', '200')
"""

from __future__ import annotations

import copy
from functools import cache

import numpy as np
from scipy import optimize, stats
from scipy.special import expit

from actbook.claims._registry import claim, fixed, integer, percent, ratio, sci
from actbook.experiments.batchnorm import _train_network, build_digits_net, train_digits
from actbook.experiments.digits import digits_split, linear_baseline
from actbook.nn import ActivationLayer, BatchNorm, Dense, LayerNorm

# ------------------------------------------------------------------ parameters

#: Batch normalization's defaults in PyTorch (``torch.nn.BatchNorm1d``) and in Keras
#: (``keras.layers.BatchNormalization``), from their documentation.
PYTORCH_MOMENTUM = 0.1
KERAS_MOMENTUM = 0.99
PYTORCH_EPS = 1e-5
KERAS_EPS = 1e-3
#: The random batch of the standardization checks: samples, features, seed.
BATCH_SHAPE = (64, 5)
BATCH_SEED = 0
#: A positive factor applied to the weights before batch normalization.
SCALE_FACTOR = 10.0
#: Number of training steps after which the weight left on the initial running value
#: is quoted, and the smallest batch size whose Bessel factor is quoted.
RUNNING_STEPS = 50
#: A convolutional batch ``(b, c, h, w)``.
CNN_SHAPE = (8, 3, 5, 5)
#: Distance from the tangent ``1/2 + z/4`` within which the sigmoid counts as linear.
SIGMOID_TOLERANCE = 0.01
#: The interval on which the largest distance from the tangent is quoted, and an
#: example of a learned scale gamma.
SIGMOID_INTERVAL = 2.0
GAMMA_EXAMPLE = 3.0
#: The digits network: hidden layers, units, epochs, optimizer, mini-batch, seeds.
DEPTH = 5
WIDTH = 32
EPOCHS = 10
LEARNING_RATE = 0.05
MOMENTUM = 0.9
BATCH_SIZE = 64
SEEDS = (0, 1, 2)
#: The batch-size study: sizes, normalizations, epochs (one seed, the first of ``SEEDS``).
BATCH_SIZES = (4, 16, 64, 256)
BATCH_NORMALIZATIONS = ("batch", "layer")
BATCH_EPOCHS = 4
#: The main comparison: (activation, normalization) pairs.
CONFIGURATIONS = (
    ("sigmoid", "none"),
    ("sigmoid", "batch"),
    ("sigmoid", "layer"),
    ("relu", "none"),
    ("relu", "batch"),
)
#: Shifted test sets for input normalization: contrast ``a x + b`` and a translation
#: of every image by this many pixels to the right.
CONTRAST_SCALE = 0.5
CONTRAST_OFFSET = 0.3
TRANSLATION = 1
#: Layer normalization's plateau: the epochs of its longer run, and the held-out
#: accuracy above which a run counts as having left chance level.
LAYER_LONG_EPOCHS = 30
ESCAPE_ACCURACY = 0.5


def _constant(claim_id: str, value, fmt, statement: str, method: str, papers=()) -> None:
    """Register a claim that returns a parameter or a documented default."""
    claim(claim_id, fmt=fmt, statement=statement, method=method, papers=papers)(lambda: value)


_constant(
    "batchnorm.pytorch_momentum",
    PYTORCH_MOMENTUM,
    fixed(1),
    "PyTorch's default momentum of batch normalization, the weight of the new batch.",
    "`PYTORCH_MOMENTUM`, from the documentation of `torch.nn.BatchNorm1d`.",
)
_constant(
    "batchnorm.keras_momentum",
    KERAS_MOMENTUM,
    fixed(2),
    "Keras's default momentum of batch normalization, the weight of the old running value.",
    "`KERAS_MOMENTUM`, from the documentation of `keras.layers.BatchNormalization`.",
)
_constant(
    "batchnorm.pytorch_eps",
    PYTORCH_EPS,
    sci(1),
    "PyTorch's default epsilon of batch normalization.",
    "`PYTORCH_EPS` (documentation of `torch.nn.BatchNorm1d`); also `actbook.nn.BatchNorm`'s.",
)
_constant(
    "batchnorm.keras_eps",
    KERAS_EPS,
    sci(1),
    "Keras's default epsilon of batch normalization.",
    "`KERAS_EPS` (documentation of `keras.layers.BatchNormalization`).",
)
_constant(
    "batchnorm.batch_samples",
    BATCH_SHAPE[0],
    integer,
    "Samples in the random batch of the standardization checks.",
    "`BATCH_SHAPE[0]`.",
)
_constant(
    "batchnorm.scale_factor",
    SCALE_FACTOR,
    fixed(0),
    "The factor by which the weights are scaled in the scale-invariance check.",
    "`SCALE_FACTOR`.",
)
_constant(
    "batchnorm.running_steps",
    RUNNING_STEPS,
    integer,
    "Training steps after which the weight left on the initial running value is quoted.",
    "`RUNNING_STEPS`.",
)
_constant(
    "batchnorm.sigmoid_tolerance",
    SIGMOID_TOLERANCE,
    fixed(2),
    "The distance from its tangent at zero within which the sigmoid is called linear.",
    "`SIGMOID_TOLERANCE`.",
)
_constant(
    "batchnorm.sigmoid_interval",
    SIGMOID_INTERVAL,
    fixed(0),
    "Half-width of the interval on which the sigmoid's distance from its tangent is quoted.",
    "`SIGMOID_INTERVAL`.",
)
_constant(
    "batchnorm.gamma_example",
    GAMMA_EXAMPLE,
    fixed(0),
    "An example of a learned scale gamma.",
    "`GAMMA_EXAMPLE`.",
)
_constant("batchnorm.depth", DEPTH, integer, "Hidden layers of the digits network.", "`DEPTH`.")
_constant(
    "batchnorm.width", WIDTH, integer, "Units per hidden layer of the digits network.", "`WIDTH`."
)
_constant("batchnorm.epochs", EPOCHS, integer, "Epochs of the digits comparison.", "`EPOCHS`.")
_constant(
    "batchnorm.learning_rate",
    LEARNING_RATE,
    fixed(2),
    "Learning rate of SGD on the digits.",
    "`LEARNING_RATE`.",
)
_constant(
    "batchnorm.momentum",
    MOMENTUM,
    fixed(1),
    "Momentum of SGD on the digits (of the optimizer, not of batch normalization).",
    "`MOMENTUM`.",
)
_constant(
    "batchnorm.batch_size",
    BATCH_SIZE,
    integer,
    "Mini-batch of the digits comparison.",
    "`BATCH_SIZE`.",
)
_constant(
    "batchnorm.seed_count", len(SEEDS), integer, "Seeds of the digits comparison.", "`len(SEEDS)`."
)
_constant(
    "batchnorm.batch_size_smallest",
    BATCH_SIZES[0],
    integer,
    "The smallest mini-batch of the batch-size study.",
    "`BATCH_SIZES[0]`.",
)
_constant(
    "batchnorm.batch_size_second",
    BATCH_SIZES[1],
    integer,
    "The second mini-batch of the batch-size study.",
    "`BATCH_SIZES[1]`.",
)
_constant(
    "batchnorm.batch_size_largest",
    BATCH_SIZES[-1],
    integer,
    "The largest mini-batch of the batch-size study.",
    "`BATCH_SIZES[-1]`.",
)
_constant(
    "batchnorm.batch_epochs",
    BATCH_EPOCHS,
    integer,
    "Epochs of each run of the batch-size study.",
    "`BATCH_EPOCHS`.",
)
_constant(
    "batchnorm.translation",
    TRANSLATION,
    integer,
    "Pixels by which the shifted test images are moved to the right.",
    "`TRANSLATION`.",
)
_constant(
    "batchnorm.contrast_scale",
    CONTRAST_SCALE,
    fixed(1),
    "Factor of the contrast change of the shifted test set.",
    "`CONTRAST_SCALE`.",
)
_constant(
    "batchnorm.contrast_offset",
    CONTRAST_OFFSET,
    fixed(1),
    "Offset of the contrast change of the shifted test set.",
    "`CONTRAST_OFFSET`.",
)


# -------------------------------------------------------- the transform, exactly


def random_batch() -> np.ndarray:
    """The batch of the standardization checks: features with different means and scales.

    Examples
    --------
    >>> random_batch().shape
    (64, 5)
    """
    rng = np.random.default_rng(BATCH_SEED)
    n, d = BATCH_SHAPE
    return rng.normal(loc=np.arange(d) * 3.0, scale=np.linspace(0.5, 4.0, d), size=(n, d))


def _normalized(x: np.ndarray, eps: float = PYTORCH_EPS) -> np.ndarray:
    return BatchNorm(x.shape[1], eps=eps).forward(x, training=True)


@claim(
    "batchnorm.standardized_mean_max",
    fmt=sci(1),
    statement="The largest absolute mean of a batch-normalized feature over its batch.",
    method="`BatchNorm` in training mode on `random_batch()`, gamma one and beta zero.",
    papers=("ioffe2015batch",),
)
def standardized_mean_max() -> float:
    return float(np.max(np.abs(_normalized(random_batch()).mean(axis=0))))


@claim(
    "batchnorm.standardized_std_gap",
    fmt=sci(1),
    statement=(
        "The largest distance of a normalized feature's standard deviation (over the batch, "
        "biased) from one, caused by epsilon."
    ),
    method="`BatchNorm` with `PYTORCH_EPS` on `random_batch()`; `max |std - 1|`.",
)
def standardized_std_gap() -> float:
    return float(np.max(np.abs(_normalized(random_batch()).std(axis=0) - 1.0)))


@claim(
    "batchnorm.eps_std_at_var_eps",
    fmt=fixed(3),
    statement="The standard deviation of the normalized feature when the batch variance equals epsilon.",
    method=r"A two-sample batch $\pm\sqrt{\epsilon}$ normalized by `BatchNorm` with `PYTORCH_EPS`.",
)
def eps_std_at_var_eps() -> float:
    x = np.array([[-1.0], [1.0]]) * np.sqrt(PYTORCH_EPS)
    return float(_normalized(x).std())


@claim(
    "batchnorm.identity_error",
    fmt=sci(1),
    statement=(
        r"The largest difference between the input and the output of batch normalization with "
        r"$\gamma = \sqrt{\mathrm{Var} + \epsilon}$ and $\beta = \mathrm{mean}$."
    ),
    method="`BatchNorm` on `random_batch()` with gamma and beta set from the batch's statistics.",
    papers=("ioffe2015batch",),
)
def identity_error() -> float:
    x = random_batch()
    bn = BatchNorm(x.shape[1])
    bn.params["gamma"][:] = np.sqrt(x.var(axis=0) + bn.eps)
    bn.params["beta"][:] = x.mean(axis=0)
    return float(np.max(np.abs(bn.forward(x, training=True) - x)))


@claim(
    "batchnorm.scale_invariance_error",
    fmt=sci(1),
    statement=(
        "The largest change of a batch-normalized layer's output when the weights feeding "
        "it are multiplied by a positive factor."
    ),
    method="`Dense` then `BatchNorm` on `random_batch()`, weights times `SCALE_FACTOR`.",
)
def scale_invariance_error() -> float:
    x = random_batch()
    layer = Dense(x.shape[1], 4, seed=BATCH_SEED)
    before = _normalized(layer.forward(x))
    layer.params["W"] *= SCALE_FACTOR
    layer.params["b"] *= SCALE_FACTOR
    return float(np.max(np.abs(_normalized(layer.forward(x)) - before)))


def skewed_sample() -> np.ndarray:
    """A skewed feature: an exponential sample (skewness two), seeded.

    Examples
    --------
    >>> skewed_sample().shape
    (1000, 1)
    """
    return np.random.default_rng(BATCH_SEED).exponential(size=(1000, 1))


@claim(
    "batchnorm.skewness_before",
    fmt=fixed(2),
    statement="The skewness of a feature before batch normalization.",
    method="`scipy.stats.skew` of `skewed_sample()`.",
)
def skewness_before() -> float:
    return float(stats.skew(skewed_sample()[:, 0]))


@claim(
    "batchnorm.skewness_after",
    fmt=fixed(2),
    statement="The skewness of the same feature after batch normalization: unchanged.",
    method="`scipy.stats.skew` of `BatchNorm` applied to `skewed_sample()` in training mode.",
)
def skewness_after() -> float:
    return float(stats.skew(_normalized(skewed_sample())[:, 0]))


# -------------------------------------------------------- running averages


@claim(
    "batchnorm.keras_equivalent",
    fmt=fixed(2),
    statement="The Keras momentum that gives the same running averages as PyTorch's default.",
    method="`1 - PYTORCH_MOMENTUM`.",
)
def keras_equivalent() -> float:
    return 1.0 - PYTORCH_MOMENTUM


@claim(
    "batchnorm.keras_default_in_pytorch",
    fmt=fixed(2),
    statement="Keras's default momentum written in PyTorch's convention.",
    method="`1 - KERAS_MOMENTUM`.",
)
def keras_default_in_pytorch() -> float:
    return 1.0 - KERAS_MOMENTUM


def keras_running_mean(batch_means, momentum: float, initial: float = 0.0) -> float:
    """Keras's update ``moving = momentum * moving + (1 - momentum) * batch``, looped.

    Examples
    --------
    >>> keras_running_mean([1.0, 1.0], 0.5)
    0.75
    """
    moving = initial
    for mean in batch_means:
        moving = momentum * moving + (1.0 - momentum) * mean
    return moving


@cache
def _running_agreement() -> float:
    rng = np.random.default_rng(BATCH_SEED)
    batches = [rng.normal(2.0, 1.0, size=(16, 1)) for _ in range(RUNNING_STEPS)]
    bn = BatchNorm(1, momentum=PYTORCH_MOMENTUM)
    for batch in batches:
        bn.forward(batch, training=True)
    keras = keras_running_mean([b.mean() for b in batches], 1.0 - PYTORCH_MOMENTUM)
    return float(abs(bn.running_mean[0] - keras))


@claim(
    "batchnorm.running_agreement",
    fmt=sci(1),
    statement=(
        "The difference between the running means of PyTorch's update with its default "
        "momentum and Keras's update with the converted momentum, after the same batches."
    ),
    method=(
        "`BatchNorm(momentum=PYTORCH_MOMENTUM)` against `keras_running_mean` with momentum "
        "`1 - PYTORCH_MOMENTUM`, over `RUNNING_STEPS` seeded batches."
    ),
)
def running_agreement() -> float:
    return _running_agreement()


@claim(
    "batchnorm.initial_weight_after_steps",
    fmt=percent(1),
    statement=(
        "The weight that PyTorch's running average still gives its initial value after the "
        "quoted number of steps at the default momentum."
    ),
    method="`(1 - PYTORCH_MOMENTUM) ** RUNNING_STEPS`.",
)
def initial_weight_after_steps() -> float:
    return (1.0 - PYTORCH_MOMENTUM) ** RUNNING_STEPS


@claim(
    "batchnorm.initial_weight_keras",
    fmt=percent(0),
    statement="The same weight at Keras's default momentum.",
    method="`KERAS_MOMENTUM ** RUNNING_STEPS`.",
)
def initial_weight_keras() -> float:
    return KERAS_MOMENTUM**RUNNING_STEPS


@claim(
    "batchnorm.bessel_smallest",
    fmt=fixed(3),
    statement=(
        "The factor between the unbiased and the biased variance of a batch of the smallest "
        "size of the batch-size study."
    ),
    method="`m / (m - 1)` with `m = BATCH_SIZES[0]`.",
)
def bessel_smallest() -> float:
    m = BATCH_SIZES[0]
    return m / (m - 1)


# -------------------------------------------------------- backward


def finite_difference_error(seed: int = BATCH_SEED, h: float = 1e-6) -> float:
    """Relative error of ``BatchNorm``'s training-mode backward against central differences.

    The loss is ``sum(R * BN(x))`` with a fixed random ``R``, a random gamma and beta;
    every input is perturbed by ``+-h`` with the batch statistics recomputed.

    Examples
    --------
    >>> bool(finite_difference_error() < 1e-7)
    True
    """
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(6, 3)) * [1.0, 3.0, 0.2] + [0.0, 2.0, -1.0]
    projection = rng.normal(size=x.shape)
    bn = BatchNorm(3)
    bn.params["gamma"][:] = rng.uniform(0.5, 2.0, size=3)
    bn.params["beta"][:] = rng.normal(size=3)

    def loss(inputs: np.ndarray) -> float:
        return float(np.sum(projection * bn.forward(inputs, training=True)))

    loss(x)
    analytic = bn.backward(projection)
    numeric = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        step = np.zeros_like(x)
        step[index] = h
        numeric[index] = (loss(x + step) - loss(x - step)) / (2 * h)
    return float(np.linalg.norm(analytic - numeric) / np.linalg.norm(numeric))


@claim(
    "batchnorm.backward_error",
    fmt=sci(1),
    statement=(
        "The relative error of the derived backward pass of batch normalization (through the "
        "batch mean and variance) against central differences."
    ),
    method="`finite_difference_error()`: a batch of six samples, three features, step `1e-6`.",
)
def backward_error() -> float:
    return finite_difference_error()


@claim(
    "batchnorm.bias_gradient_max",
    fmt=sci(1),
    statement="The largest gradient of the bias of a layer whose output is batch-normalized.",
    method="`Dense` then `BatchNorm` on `random_batch()`, backward of a random projection.",
    papers=("ioffe2015batch",),
)
def bias_gradient_max() -> float:
    x = random_batch()
    layer, bn = Dense(x.shape[1], 4, seed=BATCH_SEED), BatchNorm(4)
    out = bn.forward(layer.forward(x, training=True), training=True)
    layer.backward(bn.backward(np.random.default_rng(1).normal(size=out.shape)))
    return float(np.max(np.abs(layer.grads["b"])))


# -------------------------------------------------------- convolution


def cnn_batch() -> np.ndarray:
    """A seeded batch of feature maps, shape ``CNN_SHAPE``, each channel with its own scale.

    Examples
    --------
    >>> cnn_batch().shape
    (8, 3, 5, 5)
    """
    rng = np.random.default_rng(BATCH_SEED)
    b, c, h, w = CNN_SHAPE
    return rng.normal(size=CNN_SHAPE) * np.arange(1, c + 1)[None, :, None, None] + 5.0


_constant(
    "batchnorm.cnn_batch",
    CNN_SHAPE[0],
    integer,
    "Samples of the convolutional batch.",
    "`CNN_SHAPE[0]`.",
)
_constant(
    "batchnorm.cnn_channels",
    CNN_SHAPE[1],
    integer,
    "Feature maps of the convolutional batch.",
    "`CNN_SHAPE[1]`.",
)
_constant(
    "batchnorm.cnn_height", CNN_SHAPE[2], integer, "Height of each feature map.", "`CNN_SHAPE[2]`."
)
_constant(
    "batchnorm.cnn_width", CNN_SHAPE[3], integer, "Width of each feature map.", "`CNN_SHAPE[3]`."
)


@claim(
    "batchnorm.cnn_values_per_map",
    fmt=integer,
    statement="Values over which the statistics of one feature map are taken: batch times height times width.",
    method="`b * h * w` of `CNN_SHAPE`.",
)
def cnn_values_per_map() -> int:
    b, _, h, w = CNN_SHAPE
    return b * h * w


@claim(
    "batchnorm.cnn_parameters",
    fmt=integer,
    statement="Learned parameters of batch normalization on the convolutional batch: one gamma and one beta per map.",
    method="The size of `BatchNorm(c).params` for `CNN_SHAPE`.",
)
def cnn_parameters() -> int:
    return int(sum(p.size for p in BatchNorm(CNN_SHAPE[1]).params.values()))


@claim(
    "batchnorm.cnn_parameters_per_position",
    fmt=integer,
    statement="Learned parameters if every position of every map had its own gamma and beta.",
    method="`2 * c * h * w` of `CNN_SHAPE`.",
)
def cnn_parameters_per_position() -> int:
    _, c, h, w = CNN_SHAPE
    return 2 * c * h * w


@claim(
    "batchnorm.cnn_mean_max",
    fmt=sci(1),
    statement="The largest absolute mean of a normalized feature map over its batch and positions.",
    method="`BatchNorm(c)` in training mode on `cnn_batch()`, mean over the batch and the positions.",
)
def cnn_mean_max() -> float:
    out = BatchNorm(CNN_SHAPE[1]).forward(cnn_batch(), training=True)
    return float(np.max(np.abs(out.mean(axis=(0, 2, 3)))))


# -------------------------------------------------------- the sigmoid's linear region


def tangent_gap(z):
    """Distance of the sigmoid from its tangent at zero, ``|sigma(z) - (1/2 + z/4)|``.

    Examples
    --------
    >>> float(tangent_gap(0.0))
    0.0
    """
    return np.abs(expit(z) - (0.5 + np.asarray(z) / 4.0))


@claim(
    "batchnorm.linear_halfwidth",
    fmt=fixed(2),
    statement="The half-width of the interval around zero where the sigmoid stays within the tolerance of its tangent.",
    method="`scipy.optimize.brentq` on `tangent_gap(z) - SIGMOID_TOLERANCE` for positive z (the gap grows with |z|).",
)
def linear_halfwidth() -> float:
    return float(
        optimize.brentq(lambda z: tangent_gap(z) - SIGMOID_TOLERANCE, 1e-3, 5.0, xtol=1e-14)
    )


@claim(
    "batchnorm.linear_fraction",
    fmt=percent(1),
    statement="The share of standard normal inputs on which the sigmoid is within the tolerance of its tangent.",
    method="`P(|Z| <= linear_halfwidth())` for standard normal Z, from `scipy.stats.norm.cdf`.",
)
def linear_fraction() -> float:
    return float(2 * stats.norm.cdf(linear_halfwidth()) - 1)


@claim(
    "batchnorm.linear_fraction_gamma",
    fmt=percent(1),
    statement="The same share when the normalized input is scaled by the example gamma.",
    method="`P(|GAMMA_EXAMPLE Z| <= linear_halfwidth())`.",
)
def linear_fraction_gamma() -> float:
    return float(2 * stats.norm.cdf(linear_halfwidth() / GAMMA_EXAMPLE) - 1)


@claim(
    "batchnorm.tangent_gap_interval",
    fmt=fixed(3),
    statement="The largest distance of the sigmoid from its tangent on the quoted interval, reached at its ends.",
    method="`tangent_gap(SIGMOID_INTERVAL)`; the gap increases with |z|.",
)
def tangent_gap_interval() -> float:
    return float(tangent_gap(SIGMOID_INTERVAL))


@claim(
    "batchnorm.normal_within_interval",
    fmt=percent(1),
    statement="The share of standard normal inputs inside the quoted interval.",
    method="`P(|Z| <= SIGMOID_INTERVAL)` from `scipy.stats.norm.cdf`.",
)
def normal_within_interval() -> float:
    return float(2 * stats.norm.cdf(SIGMOID_INTERVAL) - 1)


def linear_r2(gamma: float = 1.0, n: int = 20001) -> float:
    """Share of the variance of ``sigma(gamma Z)`` explained by the best affine function of Z.

    ``Z`` standard normal; the expectations by the trapezoidal rule on ``n`` points of
    ``[-12, 12]``.

    Examples
    --------
    >>> round(linear_r2(1e-6), 6)
    1.0
    """
    nodes = np.linspace(-12.0, 12.0, n)
    weights = stats.norm.pdf(nodes) * (nodes[1] - nodes[0])
    weights[[0, -1]] /= 2
    weights = weights / weights.sum()
    s = expit(gamma * nodes)
    mean = weights @ s
    var = weights @ (s - mean) ** 2
    cov = weights @ (nodes * (s - mean))
    return float(cov**2 / var)


@claim(
    "batchnorm.linear_r2",
    fmt=percent(1),
    statement="The share of the variance of the sigmoid of a standard normal input that the best straight line explains.",
    method="`linear_r2(1.0)`: the moments of the sigmoid of a standard normal input, by quadrature.",
)
def linear_r2_claim() -> float:
    return linear_r2(1.0)


@claim(
    "batchnorm.linear_r2_gamma",
    fmt=percent(1),
    statement="The same share when the input is scaled by the example gamma.",
    method="`linear_r2(GAMMA_EXAMPLE)`.",
)
def linear_r2_gamma() -> float:
    return linear_r2(GAMMA_EXAMPLE)


# -------------------------------------------------------- the digits


@cache
def digits_run(
    activation: str,
    normalization: str,
    seed: int,
    batch_size: int = BATCH_SIZE,
    epochs: int = EPOCHS,
):
    """One cached run of :func:`actbook.experiments.batchnorm.train_digits` at the chapter's settings.

    Examples
    --------
    >>> digits_run("sigmoid", "batch", 0).test_accuracy.shape
    (10,)
    """
    return train_digits(
        normalization,
        activation,
        depth=DEPTH,
        width=WIDTH,
        batch_size=batch_size,
        epochs=epochs,
        lr=LEARNING_RATE,
        momentum=MOMENTUM,
        seed=seed,
    )


def final_accuracies(activation: str, normalization: str) -> np.ndarray:
    """Held-out accuracy after the last epoch, one per seed of ``SEEDS``."""
    return np.array([digits_run(activation, normalization, s).test_accuracy[-1] for s in SEEDS])


def gradient_ratio(activation: str, normalization: str) -> float:
    """Geometric mean over the seeds of ``||dL/dW_last|| / ||dL/dW_first||`` at the first step."""
    ratios = [
        digits_run(activation, normalization, s).initial_gradient_norms[[-1, 0]] for s in SEEDS
    ]
    return float(np.exp(np.mean([np.log(last / first) for last, first in ratios])))


_SIZE_WORDS = {4: "four", 16: "sixteen", 64: "sixty-four", 256: "two hundred and fifty-six"}
_NAMES = {
    "none": "no normalization",
    "batch": "batch normalization",
    "layer": "layer normalization",
}

for _activation, _normalization in CONFIGURATIONS:

    def _mean(a=_activation, n=_normalization) -> float:
        return float(final_accuracies(a, n).mean())

    def _std(a=_activation, n=_normalization) -> float:
        return float(final_accuracies(a, n).std(ddof=1))

    def _loss(a=_activation, n=_normalization) -> float:
        return float(np.mean([digits_run(a, n, s).train_loss[-1] for s in SEEDS]))

    _key = f"{_activation}_{_normalization}"
    _what = f"the deep {_activation} network with {_NAMES[_normalization]} on the digits"
    claim(
        f"batchnorm.accuracy_{_key}",
        fmt=percent(1),
        statement=f"Mean held-out accuracy of {_what} after the last epoch.",
        method=f"`final_accuracies({_activation!r}, {_normalization!r}).mean()` over `SEEDS`.",
    )(_mean)
    claim(
        f"batchnorm.accuracy_std_{_key}",
        fmt=percent(1),
        statement=f"Standard deviation over the seeds of that accuracy ({_what}).",
        method="The sample standard deviation (with Bessel's correction) of `final_accuracies` over `SEEDS`.",
    )(_std)
    claim(
        f"batchnorm.train_loss_{_key}",
        fmt=fixed(2),
        statement=f"Mean training loss of the last epoch of {_what}.",
        method="`train_loss[-1]` of `digits_run`, averaged over `SEEDS`.",
    )(_loss)
    if _activation == "sigmoid":

        def _ratio(a=_activation, n=_normalization) -> float:
            return gradient_ratio(a, n)

        claim(
            f"batchnorm.gradient_ratio_{_key}",
            fmt=ratio(0) if _normalization != "batch" else ratio(1),
            statement=(
                f"Ratio of the last to the first hidden layer's weight-gradient norm at the "
                f"first step of {_what}."
            ),
            method=f"`gradient_ratio({_activation!r}, {_normalization!r})`: geometric mean over `SEEDS`.",
        )(_ratio)


@claim(
    "batchnorm.chance_loss",
    fmt=fixed(2),
    statement="The cross-entropy of a uniform guess among the ten digits.",
    method="`log(10)`.",
)
def chance_loss() -> float:
    return float(np.log(10.0))


# -------------------------------------------------------- batch sizes


def batch_run(normalization: str, batch_size: int):
    """The cached run of the batch-size study (sigmoid network, first seed, ``BATCH_EPOCHS``)."""
    return digits_run("sigmoid", normalization, SEEDS[0], batch_size, BATCH_EPOCHS)


for _normalization in BATCH_NORMALIZATIONS:
    for _size in BATCH_SIZES:

        def _acc(n=_normalization, b=_size) -> float:
            return float(batch_run(n, b).test_accuracy[-1])

        claim(
            f"batchnorm.batch_{_normalization}_{_size}",
            fmt=percent(1),
            statement=(
                f"Held-out accuracy of the deep sigmoid network with {_NAMES[_normalization]} "
                f"trained in mini-batches of {_SIZE_WORDS[_size]}."
            ),
            method=f"`batch_run({_normalization!r}, {_size}).test_accuracy[-1]`.",
        )(_acc)

for _size in (BATCH_SIZES[0], BATCH_SIZES[-1]):

    def _train_mode(b=_size) -> float:
        return batch_run("batch", b).train_accuracy_batch

    def _eval_mode(b=_size) -> float:
        return batch_run("batch", b).train_accuracy_eval

    def _batch_loss(b=_size) -> float:
        return float(batch_run("batch", b).train_loss[-1])

    claim(
        f"batchnorm.train_mode_{_size}",
        fmt=percent(1),
        statement=(
            f"Training accuracy of the batch-normalized network in its last epoch, measured "
            f"in training mode on mini-batches of {_SIZE_WORDS[_size]}."
        ),
        method=f"`batch_run('batch', {_size}).train_accuracy_batch`.",
    )(_train_mode)
    claim(
        f"batchnorm.eval_mode_{_size}",
        fmt=percent(1),
        statement=(
            f"Accuracy of the same network on the training set in evaluation mode (running "
            f"averages), mini-batches of {_SIZE_WORDS[_size]}."
        ),
        method=f"`batch_run('batch', {_size}).train_accuracy_eval`.",
    )(_eval_mode)
    claim(
        f"batchnorm.batch_loss_{_size}",
        fmt=fixed(2),
        statement=(
            f"Training loss of the last epoch of the batch-normalized network, mini-batches "
            f"of {_SIZE_WORDS[_size]}."
        ),
        method=f"`batch_run('batch', {_size}).train_loss[-1]`.",
    )(_batch_loss)


@claim(
    "batchnorm.steps_largest",
    fmt=integer,
    statement="Training steps of the batch-size study in mini-batches of the largest size.",
    method="`(n_train // BATCH_SIZES[-1]) * BATCH_EPOCHS`: incomplete batches are dropped.",
)
def steps_largest() -> int:
    n_train = len(digits_split()[0])
    return (n_train // BATCH_SIZES[-1]) * BATCH_EPOCHS


@claim(
    "batchnorm.initial_weight_largest",
    fmt=percent(0),
    statement=(
        "The weight that the running averages still give their initial values after the "
        "training steps of the largest mini-batch."
    ),
    method="`(1 - PYTORCH_MOMENTUM) ** steps_largest()`.",
)
def initial_weight_largest() -> float:
    return (1.0 - PYTORCH_MOMENTUM) ** steps_largest()


@claim(
    "batchnorm.batch_loss_second",
    fmt=fixed(2),
    statement="Training loss of the last epoch of the batch-normalized network, second batch size.",
    method="`batch_run('batch', BATCH_SIZES[1]).train_loss[-1]`.",
)
def batch_loss_second() -> float:
    return float(batch_run("batch", BATCH_SIZES[1]).train_loss[-1])


# -------------------------------------------------------- input normalization and shift


def shifted_test_sets() -> dict[str, np.ndarray]:
    """The held-out digits as they are, with changed contrast, and moved right.

    Examples
    --------
    >>> sorted(shifted_test_sets())
    ['clean', 'contrast', 'translated']
    """
    _, X_test, _, _ = digits_split()
    images = np.array(X_test).reshape(-1, 8, 8)
    moved = np.zeros_like(images)
    moved[:, :, TRANSLATION:] = images[:, :, :-TRANSLATION]
    return {
        "clean": np.array(X_test),
        "contrast": CONTRAST_SCALE * np.array(X_test) + CONTRAST_OFFSET,
        "translated": moved.reshape(len(images), -1),
    }


def _standardize(X: np.ndarray, reference: np.ndarray) -> np.ndarray:
    mean, std = reference.mean(axis=0), reference.std(axis=0)
    return (X - mean) / np.where(std > 0, std, 1.0)


@cache
def shift_accuracies() -> dict[tuple[str, str], float]:
    """Held-out accuracy of logistic regression on standardized pixels under each shift.

    Keys ``(test set, statistics)``: the test set standardized with the training set's
    mean and standard deviation (``"train"``) or with its own (``"own"``).
    """
    from sklearn.linear_model import LogisticRegression

    X_train, _, y_train, y_test = digits_split()
    X_train = np.array(X_train)
    model = LogisticRegression(max_iter=2000).fit(_standardize(X_train, X_train), y_train)
    result = {}
    for name, X in shifted_test_sets().items():
        result[(name, "train")] = float(model.score(_standardize(X, X_train), y_test))
        result[(name, "own")] = float(model.score(_standardize(X, X), y_test))
    return result


_SHIFT_WORDS = {
    "clean": "the held-out digits as they are",
    "contrast": "the held-out digits with changed contrast",
    "translated": "the held-out digits moved to the right",
}

for _name in ("clean", "contrast", "translated"):
    for _stats in ("train", "own"):

        def _shift(n=_name, s=_stats) -> float:
            return shift_accuracies()[(n, s)]

        claim(
            f"batchnorm.shift_{_name}_{_stats}",
            fmt=percent(1),
            statement=(
                f"Held-out accuracy of logistic regression on standardized pixels: "
                f"{_SHIFT_WORDS[_name]}, standardized with "
                f"{'the training set' if _stats == 'train' else 'the test set'}'s statistics."
            ),
            method=f"`shift_accuracies()[({_name!r}, {_stats!r})]`.",
        )(_shift)


# -------------------------------------------------------- S5: signs of a layer's inputs


def all_positive_share(placement: str) -> float:
    """Share of training digits whose inputs to the second hidden layer are all positive.

    The first hidden layer of :func:`build_digits_net`-like shape (Dense 64 to ``WIDTH``,
    Xavier weights, sigmoid) with batch normalization before the sigmoid (``"before"``),
    batch normalization after it (``"after_batch"``) or layer normalization after it
    (``"after_layer"``), at initialization.

    Examples
    --------
    >>> all_positive_share("before")
    1.0
    """
    X_train = np.array(digits_split()[0])
    layer = Dense(64, WIDTH, init="xavier_uniform", seed=SEEDS[0])
    z = layer.forward(X_train)
    if placement == "before":
        h = expit(BatchNorm(WIDTH).forward(z, training=True))
    elif placement == "after_batch":
        h = BatchNorm(WIDTH).forward(expit(z), training=True)
    elif placement == "after_layer":
        h = LayerNorm(WIDTH).forward(expit(z))
    else:
        raise ValueError(
            f"placement must be 'before', 'after_batch' or 'after_layer', got {placement!r}"
        )
    return float(np.mean(np.all(h > 0, axis=1)))


_PLACEMENT_WORDS = {
    "before": "with batch normalization before the sigmoid",
    "after_batch": "with batch normalization after the sigmoid",
    "after_layer": "with layer normalization after the sigmoid",
}

for _placement in ("before", "after_batch", "after_layer"):

    def _positive(p=_placement) -> float:
        return all_positive_share(p)

    claim(
        f"batchnorm.positive_{_placement}",
        fmt=percent(1),
        statement=(
            f"Share of training digits whose inputs to the second layer are all positive, "
            f"{_PLACEMENT_WORDS[_placement]}."
        ),
        method=f"`all_positive_share({_placement!r})` at initialization.",
    )(_positive)


# -------------------------------------------------------- added after the expert review

_constant(
    "batchnorm.layer_long_epochs",
    LAYER_LONG_EPOCHS,
    integer,
    "Epochs of the longer runs of the layer-normalized sigmoid network.",
    "`LAYER_LONG_EPOCHS`.",
)
_constant(
    "batchnorm.escape_accuracy",
    ESCAPE_ACCURACY,
    percent(0),
    "Held-out accuracy above which a run counts as having left chance level.",
    "`ESCAPE_ACCURACY`.",
)


@claim(
    "batchnorm.running_mean_age",
    fmt=fixed(0),
    statement=(
        "The mean age, in steps, of the batch statistics in a running average at PyTorch's "
        "default momentum."
    ),
    method=(
        r"$\sum_k k\,\alpha(1-\alpha)^k = (1-\alpha)/\alpha$ with $\alpha$ = "
        "`PYTORCH_MOMENTUM`: the weight of the batch `k` steps back is `alpha (1 - alpha)**k`."
    ),
)
def running_mean_age() -> float:
    return (1.0 - PYTORCH_MOMENTUM) / PYTORCH_MOMENTUM


@claim(
    "batchnorm.test_count",
    fmt=integer,
    statement="Held-out digits of the book's split.",
    method="`len(digits_split()[3])`.",
)
def held_out_count() -> int:
    return len(digits_split()[3])


@claim(
    "batchnorm.test_standard_error",
    fmt=percent(1),
    statement=(
        "Binomial standard error of a held-out accuracy at the linear baseline's level: the "
        "sampling noise of the test set, which the seeds share."
    ),
    method="`sqrt(p (1 - p) / n)` with `p = linear_baseline().test_accuracy`, `n = held_out_count()`.",
)
def held_out_standard_error() -> float:
    p = linear_baseline().test_accuracy
    return float(np.sqrt(p * (1.0 - p) / held_out_count()))


def full_statistics_accuracy(batch_size: int = BATCH_SIZES[-1]) -> tuple[float, float]:
    """Accuracy of the batch-size study's network with full-training-set statistics.

    The trained batch-normalized network of :func:`batch_run` (copied, so the cached run
    is not changed) gets, in every normalization layer, the mean and the unbiased
    variance of its inputs over the whole training set, computed layer by layer in
    evaluation mode, in place of its running averages.

    Returns
    -------
    (train accuracy, held-out accuracy), both in evaluation mode.

    Examples
    --------
    >>> train, test = full_statistics_accuracy()
    >>> bool(train > batch_run("batch", BATCH_SIZES[-1]).train_accuracy_eval)
    True
    """
    X_train, X_test, y_train, y_test = (np.array(part) for part in digits_split())
    model = copy.deepcopy(batch_run("batch", batch_size).model)
    h = X_train
    for layer in model.layers:
        if isinstance(layer, BatchNorm):
            layer.running_mean = h.mean(axis=0)
            layer.running_var = h.var(axis=0, ddof=1)
        h = layer.forward(h, training=False)
    scores = []
    for X, y in ((X_train, y_train), (X_test, y_test)):
        logits = model.forward(X, training=False)
        scores.append(float(np.mean(np.argmax(logits, axis=1) == y)))
    return scores[0], scores[1]


@claim(
    "batchnorm.full_stats_train_256",
    fmt=percent(1),
    statement=(
        "Training accuracy of the network trained in mini-batches of the largest size, in "
        "evaluation mode with full-training-set statistics instead of its running averages."
    ),
    method="`full_statistics_accuracy()[0]`.",
)
def full_stats_train_256() -> float:
    return full_statistics_accuracy()[0]


@claim(
    "batchnorm.full_stats_test_256",
    fmt=percent(1),
    statement="Held-out accuracy of the same network with full-training-set statistics.",
    method="`full_statistics_accuracy()[1]`.",
)
def full_stats_test_256() -> float:
    return full_statistics_accuracy()[1]


# layer normalization: the plateau, and the placement after the sigmoid


def layer_long_run(seed: int):
    """The layer-normalized sigmoid network of the main comparison, ``LAYER_LONG_EPOCHS``."""
    return digits_run("sigmoid", "layer", seed, BATCH_SIZE, LAYER_LONG_EPOCHS)


def escape_epoch(accuracies) -> int:
    """First epoch (counted from one) whose held-out accuracy exceeds ``ESCAPE_ACCURACY``.

    Examples
    --------
    >>> escape_epoch([0.1, 0.1, 0.6, 0.9])
    3
    """
    above = np.flatnonzero(np.asarray(accuracies) > ESCAPE_ACCURACY)
    if above.size == 0:
        raise ValueError("the run never left chance level")
    return int(above[0]) + 1


@claim(
    "batchnorm.layer_escape_first",
    fmt=integer,
    statement="The earliest epoch, over the seeds, at which the layer-normalized sigmoid network left chance level.",
    method="`min(escape_epoch(layer_long_run(s).test_accuracy))` over `SEEDS`.",
)
def layer_escape_first() -> int:
    return min(escape_epoch(layer_long_run(s).test_accuracy) for s in SEEDS)


@claim(
    "batchnorm.layer_escape_last",
    fmt=integer,
    statement="The latest such epoch over the seeds.",
    method="`max(escape_epoch(layer_long_run(s).test_accuracy))` over `SEEDS`.",
)
def layer_escape_last() -> int:
    return max(escape_epoch(layer_long_run(s).test_accuracy) for s in SEEDS)


def _long_accuracies() -> np.ndarray:
    return np.array([layer_long_run(s).test_accuracy[-1] for s in SEEDS])


@claim(
    "batchnorm.accuracy_layer_long",
    fmt=percent(1),
    statement="Mean held-out accuracy of the layer-normalized sigmoid network after the longer run.",
    method="`layer_long_run(s).test_accuracy[-1]`, mean over `SEEDS`.",
)
def accuracy_layer_long() -> float:
    return float(_long_accuracies().mean())


@claim(
    "batchnorm.accuracy_std_layer_long",
    fmt=percent(1),
    statement="Standard deviation over the seeds of that accuracy.",
    method="Sample standard deviation (Bessel) of `layer_long_run(s).test_accuracy[-1]`.",
)
def accuracy_std_layer_long() -> float:
    return float(_long_accuracies().std(ddof=1))


def build_layer_after_net(seed: int):
    """The digits network with layer normalization *after* each sigmoid.

    The weights of :func:`actbook.experiments.batchnorm.build_digits_net` with
    ``"layer"`` and the same seed; each block is ``Dense -> sigmoid -> LayerNorm``.

    Examples
    --------
    >>> [type(layer).__name__ for layer in build_layer_after_net(0).layers[:3]]
    ['Dense', 'ActivationLayer', 'LayerNorm']
    """
    net = build_digits_net("layer", "sigmoid", depth=DEPTH, width=WIDTH, seed=seed)
    layers = net.layers
    for block in range(DEPTH):
        norm, act = 3 * block + 1, 3 * block + 2
        layers[norm], layers[act] = layers[act], layers[norm]
    return net


@cache
def layer_after_run(seed: int):
    """One run of :func:`build_layer_after_net` at the settings of the main comparison."""
    return _train_network(
        build_layer_after_net(seed),
        batch_size=BATCH_SIZE,
        epochs=EPOCHS,
        lr=LEARNING_RATE,
        momentum=MOMENTUM,
        seed=seed,
    )


def _after_accuracies() -> np.ndarray:
    return np.array([layer_after_run(s).test_accuracy[-1] for s in SEEDS])


@claim(
    "batchnorm.accuracy_layer_after",
    fmt=percent(1),
    statement=(
        "Mean held-out accuracy of the sigmoid network with layer normalization after each "
        "sigmoid, after the epochs of the main comparison."
    ),
    method="`layer_after_run(s).test_accuracy[-1]`, mean over `SEEDS`.",
)
def accuracy_layer_after() -> float:
    return float(_after_accuracies().mean())


@claim(
    "batchnorm.accuracy_std_layer_after",
    fmt=percent(1),
    statement="Standard deviation over the seeds of that accuracy.",
    method="Sample standard deviation (Bessel) of `layer_after_run(s).test_accuracy[-1]`.",
)
def accuracy_std_layer_after() -> float:
    return float(_after_accuracies().std(ddof=1))


@claim(
    "batchnorm.gradient_ratio_layer_after",
    fmt=ratio(1),
    statement=(
        "Ratio of the last to the first hidden layer's weight-gradient norm at the first step, "
        "layer normalization after each sigmoid."
    ),
    method="Geometric mean over `SEEDS` of `initial_gradient_norms[-1] / initial_gradient_norms[0]`.",
)
def gradient_ratio_layer_after() -> float:
    ratios = [layer_after_run(s).initial_gradient_norms[[-1, 0]] for s in SEEDS]
    return float(np.exp(np.mean([np.log(last / first) for last, first in ratios])))


@cache
def layer_spreads() -> tuple[np.ndarray, np.ndarray]:
    """Spreads of the sigmoid outputs of the layer-normalized network at initialization.

    Returns
    -------
    (over the batch, across the units) : two arrays, one entry per hidden layer
        The standard deviation of each unit over the training digits, averaged over the
        units; and the standard deviation over the units of each digit, averaged over
        the digits. Network of the first seed, normalization before each sigmoid.

    Examples
    --------
    >>> over_batch, across_units = layer_spreads()
    >>> bool(over_batch[-1] < over_batch[0] < across_units[0])
    True
    """
    h = np.array(digits_split()[0])
    net = build_digits_net("layer", "sigmoid", depth=DEPTH, width=WIDTH, seed=SEEDS[0])
    over_batch, across_units = [], []
    for layer in net.layers[:-1]:
        h = layer.forward(h, training=True)
        if isinstance(layer, ActivationLayer):
            over_batch.append(h.std(axis=0).mean())
            across_units.append(h.std(axis=1).mean())
    return np.array(over_batch), np.array(across_units)


for _index, _which, _fmt in ((0, "first", fixed(2)), (-1, "last", fixed(4))):

    def _over(i=_index) -> float:
        return float(layer_spreads()[0][i])

    claim(
        f"batchnorm.unit_spread_{_which}",
        fmt=_fmt,
        statement=(
            f"Spread over the training digits of a unit of the {_which} hidden layer of the "
            "layer-normalized sigmoid network at initialization (sigmoid outputs)."
        ),
        method=f"`layer_spreads()[0][{_index}]`.",
    )(_over)


@claim(
    "batchnorm.across_spread_last",
    fmt=fixed(2),
    statement=(
        "Spread across the units of one digit in the last hidden layer of the same network "
        "(sigmoid outputs)."
    ),
    method="`layer_spreads()[1][-1]`.",
)
def across_spread_last() -> float:
    return float(layer_spreads()[1][-1])


# input normalization: the raw-pixel baseline, and the smallest training spread


@claim(
    "batchnorm.shift_contrast_raw",
    fmt=percent(1),
    statement=(
        "Held-out accuracy of the book's linear baseline (raw pixels) on the test images "
        "with changed contrast."
    ),
    method=(
        "`argmax((CONTRAST_SCALE X + CONTRAST_OFFSET) @ W + b)` with the weights of "
        "`linear_baseline()`."
    ),
)
def shift_contrast_raw() -> float:
    baseline = linear_baseline()
    _, _, _, y_test = digits_split()
    logits = shifted_test_sets()["contrast"] @ baseline.weights + baseline.bias
    return float(np.mean(np.argmax(logits, axis=1) == np.array(y_test)))


@claim(
    "batchnorm.smallest_train_std",
    fmt=fixed(4),
    statement="The smallest non-zero standard deviation of a pixel over the training digits.",
    method="`X_train.std(axis=0)`, smallest positive entry.",
)
def smallest_train_std() -> float:
    std = np.array(digits_split()[0]).std(axis=0)
    return float(std[std > 0].min())
