"""Claims of the chapter *The ReLU family* (book/chapters/relu-family.md), part B: the variants.

Leaky ReLU, PReLU and RReLU with the slopes of their papers and of the frameworks; the
smooth variants ELU, GELU, SiLU and softplus; a table of all ten activations of
:mod:`actbook.activations`; small networks on the digits, one per activation, learning
rate and seed, each activation at the rate that did best on validation images, next to
the book's linear baseline; and a recurrence that tanh keeps bounded and ReLU does not.

Examples
--------
The values the book shows; the timings (``volatile``) show stored measurements (:mod:`actbook.claims.measurements`).

>>> from actbook.claims import REGISTRY
>>> for claim_id, claim in sorted(REGISTRY.items()):
...     if claim_id.startswith("relu_variants.") and not claim.volatile:
...         print(claim_id, claim.render())
relu_variants.accuracy_max_elu 96.4 %
relu_variants.accuracy_max_gelu 97.3 %
relu_variants.accuracy_max_leaky_relu 97.3 %
relu_variants.accuracy_max_leaky_test_slope 97.3 %
relu_variants.accuracy_max_prelu 95.6 %
relu_variants.accuracy_max_relu 97.8 %
relu_variants.accuracy_max_rrelu 96.9 %
relu_variants.accuracy_max_sigmoid 95.8 %
relu_variants.accuracy_max_tanh 97.3 %
relu_variants.accuracy_mean_elu 96.3 %
relu_variants.accuracy_mean_gelu 97.0 %
relu_variants.accuracy_mean_leaky_relu 96.7 %
relu_variants.accuracy_mean_leaky_test_slope 96.7 %
relu_variants.accuracy_mean_prelu 94.4 %
relu_variants.accuracy_mean_relu 96.6 %
relu_variants.accuracy_mean_rrelu 96.2 %
relu_variants.accuracy_mean_sigmoid 95.6 %
relu_variants.accuracy_mean_tanh 96.6 %
relu_variants.accuracy_min_elu 96.2 %
relu_variants.accuracy_min_gelu 96.7 %
relu_variants.accuracy_min_leaky_relu 96.0 %
relu_variants.accuracy_min_leaky_test_slope 95.8 %
relu_variants.accuracy_min_prelu 92.4 %
relu_variants.accuracy_min_relu 96.0 %
relu_variants.accuracy_min_rrelu 95.8 %
relu_variants.accuracy_min_sigmoid 95.6 %
relu_variants.accuracy_min_tanh 95.8 %
relu_variants.accuracy_sigmoid_smallest_rate 85.3 %
relu_variants.actbook_rrelu_test_slope 0.2292
relu_variants.actbook_rrelu_training_mean 0.2290
relu_variants.baseline_accuracy 96.0 %
relu_variants.digits_batch 64
relu_variants.digits_epochs 20
relu_variants.digits_fit_size 1078
relu_variants.digits_momentum 0.9
relu_variants.digits_rate_1 0.05
relu_variants.digits_rate_2 0.1
relu_variants.digits_rate_3 0.2
relu_variants.digits_rate_4 0.5
relu_variants.digits_seeds 3
relu_variants.digits_test_size 450
relu_variants.digits_validation_size 269
relu_variants.digits_width 32
relu_variants.gap_difference_mean 0.05 %
relu_variants.gap_difference_sd 0.24 %
relu_variants.gap_leaky_test_slope 3.7 %
relu_variants.gap_relu 3.4 %
relu_variants.gap_rrelu 3.8 %
relu_variants.gelu_argmin -0.75
relu_variants.gelu_minimum -0.170
relu_variants.he_conv1_channelwise 0.596
relu_variants.he_conv1_log_channelwise 0.52
relu_variants.he_conv1_log_shared 0.38
relu_variants.he_conv1_shared 0.681
relu_variants.keras_leaky_slope 0.3
relu_variants.maas_log_slope 4.6
relu_variants.maas_slope 0.01
relu_variants.mean_elu 0.161
relu_variants.mean_gelu 0.282
relu_variants.mean_leaky_relu 0.395
relu_variants.mean_prelu 0.299
relu_variants.mean_relu 0.399
relu_variants.mean_rrelu 0.308
relu_variants.mean_sigmoid 0.500
relu_variants.mean_silu 0.207
relu_variants.mean_softplus 0.806
relu_variants.mean_tanh 0.000
relu_variants.network_mean_highest 97.0 %
relu_variants.network_mean_lowest 94.4 %
relu_variants.prelu_gradient_error 1 × 10⁻⁹
relu_variants.prelu_initial_slope 0.25
relu_variants.prelu_log_slope_max 0.76
relu_variants.prelu_log_slope_min 0.16
relu_variants.prelu_slope_1_max 2.13
relu_variants.prelu_slope_1_mean 1.73
relu_variants.prelu_slope_1_min 1.17
relu_variants.prelu_slope_2_max 2.15
relu_variants.prelu_slope_2_mean 1.90
relu_variants.prelu_slope_2_min 1.65
relu_variants.pytorch_leaky_slope 0.01
relu_variants.pytorch_rrelu_lower 1/8
relu_variants.pytorch_rrelu_test_slope 0.2292
relu_variants.pytorch_rrelu_upper 1/3
relu_variants.rate_elu 0.1
relu_variants.rate_gelu 0.2
relu_variants.rate_leaky_relu 0.1
relu_variants.rate_leaky_test_slope 0.2
relu_variants.rate_prelu 0.05
relu_variants.rate_relu 0.1
relu_variants.rate_rrelu 0.1
relu_variants.rate_sigmoid 0.5
relu_variants.rate_tanh 0.2
relu_variants.recurrence_radius 1.1
relu_variants.recurrence_radius_power 117
relu_variants.recurrence_relu_growth 100
relu_variants.recurrence_relu_mixed 1.6 × 10⁻¹⁵
relu_variants.recurrence_size 32
relu_variants.recurrence_steps 50
relu_variants.recurrence_tanh_max 0.87
relu_variants.seed_range_max 3.1 %
relu_variants.seed_range_typical 1.6 %
relu_variants.silu_argmin -1.28
relu_variants.silu_minimum -0.278
relu_variants.slope0_elu 1
relu_variants.slope0_gelu 0.5
relu_variants.slope0_leaky_relu 0.01
relu_variants.slope0_prelu 0.25
relu_variants.slope0_relu 0
relu_variants.slope0_rrelu 0.229
relu_variants.slope0_sigmoid 0.25
relu_variants.slope0_silu 0.5
relu_variants.slope0_softplus 0.5
relu_variants.slope0_tanh 1
relu_variants.slope_setting_range 0.1 %
relu_variants.tensorflow_leaky_slope 0.2
relu_variants.test_image_share 0.22 %
relu_variants.timing_repeats 5
relu_variants.timing_size 10000
relu_variants.xu_lower 3
relu_variants.xu_mean_slope 0.1962
relu_variants.xu_slope_difference 0.0143
relu_variants.xu_slope_excess 7.9 %
relu_variants.xu_test_slope 0.1818
relu_variants.xu_upper 8
"""

from __future__ import annotations

import math
from fractions import Fraction
from functools import cache
from typing import Any

import numpy as np
from scipy import optimize

from actbook import nn, validation
from actbook.activations import ACTIVATIONS, PReLU, RReLU, get_activation
from actbook.claims._registry import claim, fixed, integer, percent, ratio, sci
from actbook.experiments import relu_variants as experiment
from actbook.experiments.digits import digits_split, linear_baseline
from actbook.experiments.relu_variants import DigitsRun, Profile

#: Seeds of every digits run: each activation is trained once per seed and rate.
SEEDS = (0, 1, 2)
#: The SGD rates of the digits runs, in increasing order. Each setting tries them in
#: turn until its validation accuracy, averaged over the seeds, falls below that of the
#: rate before, and keeps the best rate tried (ties go to the smaller rate).
LEARNING_RATES = (0.05, 0.1, 0.2, 0.5)
#: The negative slope of the leaky ReLU of Maas, Hannun and Ng (2013).
MAAS_SLOPE = 0.01
#: Documented default negative slopes of leaky ReLU: ``torch.nn.LeakyReLU``
#: (``negative_slope``), ``tf.nn.leaky_relu`` (``alpha``) and the Keras layer
#: ``LeakyReLU`` (``alpha`` in Keras 2, ``negative_slope`` in Keras 3).
FRAMEWORK_LEAKY_SLOPES = {"pytorch": 0.01, "tensorflow": 0.2, "keras": 0.3}
#: The slopes He, Zhang, Ren and Sun (2015) report learned in their first convolutional
#: layer, with one slope per layer (channel-shared) and one per channel (their mean).
HE_CONV1_SLOPES = {"shared": 0.681, "channelwise": 0.596}
#: Xu, Wang, Chen and Li (2015): the negative side is x / a, a ~ U(lower, upper).
XU_DIVISOR_BOUNDS = (3.0, 8.0)
#: ``torch.nn.RReLU``: the slope itself ~ U(lower, upper); its documented defaults.
PYTORCH_RRELU_BOUNDS = (1 / 8, 1 / 3)
#: Slopes drawn from actbook's RReLU to estimate the mean of its training slopes.
RRELU_DRAWS = 200_000
#: The PReLU network whose backpropagated gradients are checked: widths and batch.
GRADIENT_CHECK_SIZES = (5, 8, 8, 3)
GRADIENT_CHECK_BATCH = 16
#: The recurrence h <- f(W h): state size, spectral radius of W, steps, seed.
RECURRENCE_SIZE = 32
RECURRENCE_RADIUS = 1.1
RECURRENCE_STEPS = 50
RECURRENCE_SEED = 0

#: The digits runs by key: (activation, parameters). ``leaky_test_slope`` is a leaky
#: ReLU with the fixed slope RReLU uses at test time: RReLU without the randomness.
SETTINGS: dict[str, tuple[str, tuple[tuple[str, Any], ...]]] = {
    "relu": ("relu", ()),
    "leaky_relu": ("leaky_relu", ()),
    "leaky_test_slope": ("leaky_relu", (("slope", RReLU().eval_slope),)),
    "prelu": ("prelu", ()),
    "rrelu": ("rrelu", ()),
    "elu": ("elu", ()),
    "gelu": ("gelu", ()),
    "tanh": ("tanh", ()),
    "sigmoid": ("sigmoid", ()),
}
#: Words for the settings in claim statements.
_SETTING_WORDS = {
    "relu": "ReLU",
    "leaky_relu": "leaky ReLU with its default slope",
    "leaky_test_slope": "leaky ReLU with RReLU's test slope",
    "prelu": "PReLU",
    "rrelu": "RReLU",
    "elu": "ELU",
    "gelu": "GELU",
    "tanh": "tanh",
    "sigmoid": "the sigmoid",
}
#: The settings with a fixed negative slope, whose test accuracies show how much the
#: slope matters: zero, the default, and RReLU's test slope.
SLOPE_SETTINGS = ("relu", "leaky_relu", "leaky_test_slope")

_TRAINING = (
    "`actbook.experiments.relu_variants.train_digits`: hidden layers `HIDDEN`, `EPOCHS` "
    "epochs of SGD (momentum `MOMENTUM`, batches of `BATCH_SIZE`) on the `X_fit` part of "
    "`validation_split()`, once for every seed of `SEEDS` and every rate of "
    "`LEARNING_RATES` up to the first at which the mean validation accuracy falls; test "
    "accuracy on `digits_split()` at the rate `chosen_rate(setting)` with the best mean "
    "validation accuracy"
)


def _fraction(value: Any) -> str:
    """Format a simple fraction as ``p/q`` (or an integer as itself).

    >>> _fraction(0.125), _fraction(2.0)
    ('1/8', '2')
    """
    return str(Fraction(float(value)).limit_denominator(1000))


def _named(name: str):
    """Decorator: give a loop-made claim function a name for the ledger."""

    def rename(func):
        func.__name__ = func.__qualname__ = name
        return func

    return rename


# --- Digits runs ---------------------------------------------------------------------------


@cache
def runs_at(setting: str, rate: float) -> tuple[DigitsRun, ...]:
    """The digits runs of one key of :data:`SETTINGS` at one rate, one per seed.

    Examples
    --------
    >>> [run.seed for run in runs_at("tanh", LEARNING_RATES[0])] == list(SEEDS)
    True
    >>> runs_at("swish", 0.1)
    Traceback (most recent call last):
    ...
    ValueError: setting must be one of ['elu', 'gelu', 'leaky_relu', 'leaky_test_slope', 'prelu', 'relu', 'rrelu', 'sigmoid', 'tanh'], got 'swish'
    """  # noqa: E501
    activation, params = SETTINGS[validation.one_of(setting, "setting", sorted(SETTINGS))]
    return tuple(
        experiment.train_digits(activation, seed, params=dict(params), learning_rate=rate)
        for seed in SEEDS
    )


def _mean_validation(runs_at_rate: tuple[DigitsRun, ...]) -> float:
    return float(np.mean([run.validation_accuracy for run in runs_at_rate]))


@cache
def grid_runs(setting: str) -> dict[float, tuple[DigitsRun, ...]]:
    """The runs of one setting at every rate it tried, by rate.

    The rates of :data:`LEARNING_RATES` are tried in increasing order; the search stops
    after the first rate whose mean validation accuracy is below that of the rate before.

    Examples
    --------
    >>> list(grid_runs("tanh")) == list(LEARNING_RATES[: len(grid_runs("tanh"))])
    True
    """
    tried: dict[float, tuple[DigitsRun, ...]] = {}
    previous = -math.inf
    for rate in LEARNING_RATES:
        tried[rate] = runs_at(setting, rate)
        mean = _mean_validation(tried[rate])
        if mean < previous:
            break
        previous = mean
    return tried


def validation_means(setting: str) -> dict[float, float]:
    """Mean validation accuracy over the seeds, per rate tried, of one setting.

    Examples
    --------
    >>> means = validation_means("tanh")
    >>> all(0.0 <= mean <= 1.0 for mean in means.values())
    True
    """
    return {rate: _mean_validation(runs) for rate, runs in grid_runs(setting).items()}


def chosen_rate(setting: str) -> float:
    """The rate tried with the best mean validation accuracy (ties: the smaller rate).

    The test images play no part in the choice.

    Examples
    --------
    >>> chosen_rate("tanh") in LEARNING_RATES
    True
    """
    means = validation_means(setting)
    return max(means, key=lambda rate: (means[rate], -rate))


def runs(setting: str) -> tuple[DigitsRun, ...]:
    """The runs of one setting at its :func:`chosen_rate`, one per seed of :data:`SEEDS`.

    Examples
    --------
    >>> [run.seed for run in runs("tanh")] == list(SEEDS)
    True
    """
    return runs_at(setting, chosen_rate(setting))


def accuracies_of(setting: str) -> np.ndarray:
    """Test accuracies of one setting, one per seed.

    Examples
    --------
    >>> accuracies_of("tanh").shape == (len(SEEDS),)
    True
    """
    return np.array([run.test_accuracy for run in runs(setting)])


def gaps(setting: str) -> np.ndarray:
    """Train minus test accuracy of one setting, one per seed.

    Examples
    --------
    >>> bool(np.all(gaps("tanh") > 0))
    True
    """
    return np.array([run.gap for run in runs(setting)])


def prelu_slopes() -> np.ndarray:
    """Learned PReLU slopes, shape ``(len(SEEDS), hidden layers)``.

    Examples
    --------
    >>> prelu_slopes().shape
    (3, 2)
    """
    return np.array([run.slopes for run in runs("prelu")])


for _setting, _words in _SETTING_WORDS.items():
    for _stat, _reduce, _what in (
        ("mean", np.mean, "Mean over the seeds of the test accuracy of"),
        ("min", np.min, "Lowest test accuracy, over the seeds, of"),
        ("max", np.max, "Highest test accuracy, over the seeds, of"),
    ):

        @_named(f"accuracy_{_stat}")
        def _accuracy(setting: str = _setting, reduce: Any = _reduce) -> float:
            return float(reduce(accuracies_of(setting)))

        claim(
            f"relu_variants.accuracy_{_stat}_{_setting}",
            fmt=percent(1),
            statement=f"{_what} {_words} on the digits.",
            method=f"{_TRAINING}; setting `{_setting}` of `SETTINGS`.",
        )(_accuracy)

    @_named("chosen_rate")
    def _rate(setting: str = _setting) -> float:
        return chosen_rate(setting)

    claim(
        f"relu_variants.rate_{_setting}",
        fmt=".2g",
        statement=(
            f"The learning rate chosen for {_words} on the digits: the rate of the grid "
            "with the best mean validation accuracy."
        ),
        method=f"`chosen_rate('{_setting}')`; {_TRAINING}.",
    )(_rate)


_ORDINALS = ("smallest", "second smallest", "second largest", "largest")
if len(_ORDINALS) != len(LEARNING_RATES):
    raise ValueError("name every rate of LEARNING_RATES in _ORDINALS")
for _index in range(len(LEARNING_RATES)):

    @_named("grid_rate")
    def _grid_rate(index: int = _index) -> float:
        return float(LEARNING_RATES[index])

    claim(
        f"relu_variants.digits_rate_{_index + 1}",
        fmt=".2g",
        statement=(
            f"The {_ORDINALS[_index]} learning rate of the grid from which each digits "
            "setting chooses its rate."
        ),
        method=f"`LEARNING_RATES[{_index}]` of `actbook.claims.relu_variants`.",
    )(_grid_rate)


@claim(
    "relu_variants.network_mean_lowest",
    fmt=percent(1),
    statement="The lowest mean test accuracy on the digits of any hidden activation tried.",
    method=f"{_TRAINING}; minimum over `SETTINGS` of the mean over the seeds.",
)
def network_mean_lowest() -> float:
    return float(min(np.mean(accuracies_of(s)) for s in SETTINGS))


@claim(
    "relu_variants.network_mean_highest",
    fmt=percent(1),
    statement="The highest mean test accuracy on the digits of any hidden activation tried.",
    method=f"{_TRAINING}; maximum over `SETTINGS` of the mean over the seeds.",
)
def network_mean_highest() -> float:
    return float(max(np.mean(accuracies_of(s)) for s in SETTINGS))


@claim(
    "relu_variants.seed_range_max",
    fmt=percent(1),
    statement=(
        "The largest difference, over the settings, between the highest and the lowest test "
        "accuracy of one setting's seeds on the digits."
    ),
    method=f"{_TRAINING}; maximum over `SETTINGS` of the range of the test accuracies.",
)
def seed_range_max() -> float:
    return float(max(np.ptp(accuracies_of(s)) for s in SETTINGS))


@claim(
    "relu_variants.test_image_share",
    fmt=percent(2),
    statement="The share of the digits test set that one image makes up.",
    method="One over the number of rows of `X_test` from `digits_split()`.",
)
def one_test_image_share() -> float:
    return 1.0 / len(digits_split()[1])


@claim(
    "relu_variants.accuracy_sigmoid_smallest_rate",
    fmt=percent(1),
    statement=(
        "Mean over the seeds of the test accuracy of the sigmoid network on the digits at "
        "the smallest rate of the grid."
    ),
    method=f"{_TRAINING}; but at `LEARNING_RATES[0]` for the setting `sigmoid`.",
)
def accuracy_sigmoid_smallest_rate() -> float:
    return float(np.mean([run.test_accuracy for run in runs_at("sigmoid", LEARNING_RATES[0])]))


@claim(
    "relu_variants.baseline_accuracy",
    fmt=percent(1),
    statement=(
        "Test accuracy on the digits of the book's linear baseline, multinomial logistic "
        "regression fitted to convergence."
    ),
    method="`actbook.experiments.digits.linear_baseline().test_accuracy`.",
)
def baseline_accuracy() -> float:
    return linear_baseline().test_accuracy


@claim(
    "relu_variants.digits_epochs",
    fmt=integer,
    statement="Epochs of training of every digits model in the chapter.",
    method="The constant `EPOCHS` of `actbook.experiments.relu_variants`.",
)
def digits_epochs() -> int:
    return int(experiment.EPOCHS)


@claim(
    "relu_variants.digits_width",
    fmt=integer,
    statement="Units in each of the two hidden layers of the digits networks.",
    method="The constant `HIDDEN` of `actbook.experiments.relu_variants` (equal widths).",
)
def digits_width() -> int:
    if len(set(experiment.HIDDEN)) != 1:
        raise ValueError(f"the hidden layers must have one width, got {experiment.HIDDEN}")
    return int(experiment.HIDDEN[0])


@claim(
    "relu_variants.digits_batch",
    fmt=integer,
    statement="Images per mini-batch in the digits training.",
    method="The constant `BATCH_SIZE` of `actbook.experiments.relu_variants`.",
)
def digits_batch() -> int:
    return int(experiment.BATCH_SIZE)


@claim(
    "relu_variants.digits_momentum",
    fmt=".2g",
    statement="Momentum of SGD in the digits training.",
    method="The constant `MOMENTUM` of `actbook.experiments.relu_variants`.",
)
def digits_momentum() -> float:
    return float(experiment.MOMENTUM)


@claim(
    "relu_variants.digits_seeds",
    fmt=integer,
    statement="Seeds for which every digits model is trained.",
    method="`len(SEEDS)` in `actbook.claims.relu_variants`.",
)
def digits_seeds() -> int:
    return len(SEEDS)


@claim(
    "relu_variants.digits_fit_size",
    fmt=integer,
    statement="Images the chapter's digits networks are trained on.",
    method=(
        "Rows of `X_fit` from `actbook.experiments.relu_variants.validation_split()`: the "
        "book's training images less the validation images."
    ),
)
def digits_fit_size() -> int:
    return len(experiment.validation_split()[0])


@claim(
    "relu_variants.digits_validation_size",
    fmt=integer,
    statement="Validation images on which each digits setting chooses its learning rate.",
    method=(
        "Rows of `X_val` from `validation_split()`: the share `VALIDATION_FRACTION` of each "
        "digit of the book's training images."
    ),
)
def digits_validation_size() -> int:
    return len(experiment.validation_split()[1])


@claim(
    "relu_variants.digits_test_size",
    fmt=integer,
    statement="Test images of the book's digits split.",
    method="Rows of `X_test` from `actbook.experiments.digits.digits_split()`.",
)
def digits_test_size() -> int:
    return len(digits_split()[1])


# --- Leaky ReLU --------------------------------------------------------------------------


@claim(
    "relu_variants.maas_slope",
    fmt=".2g",
    statement="The negative slope of the leaky rectifier of Maas, Hannun and Ng.",
    method="The constant `MAAS_SLOPE`, read from the paper.",
    papers=("maas2013rectifier",),
)
def maas_slope() -> float:
    return float(MAAS_SLOPE)


_FRAMEWORK_WORDS = {
    "pytorch": "`torch.nn.LeakyReLU` (PyTorch, `negative_slope`)",
    "tensorflow": "`tf.nn.leaky_relu` (TensorFlow, `alpha`)",
    "keras": "the Keras layer `LeakyReLU` (`alpha` in Keras `2.x`, `negative_slope` from Keras `3.0`)",
}
for _framework, _words in _FRAMEWORK_WORDS.items():

    @_named("framework_leaky_slope")
    def _framework_slope(framework: str = _framework) -> float:
        return float(FRAMEWORK_LEAKY_SLOPES[framework])

    claim(
        f"relu_variants.{_framework}_leaky_slope",
        fmt=".2g",
        statement=f"The documented default negative slope of {_words}.",
        method=f"`FRAMEWORK_LEAKY_SLOPES['{_framework}']`, read from the framework's documentation.",
    )(_framework_slope)


@claim(
    "relu_variants.slope_setting_range",
    fmt=percent(1),
    statement=(
        "The largest difference between the mean test accuracies on the digits of ReLU, "
        "leaky ReLU with its default slope and leaky ReLU with RReLU's test slope, each at "
        "its chosen rate."
    ),
    method=f"{_TRAINING}; the settings `SLOPE_SETTINGS`; maximum minus minimum of their means.",
)
def slope_setting_range() -> float:
    means = [np.mean(accuracies_of(s)) for s in SLOPE_SETTINGS]
    return float(max(means) - min(means))


@claim(
    "relu_variants.seed_range_typical",
    fmt=percent(1),
    statement=(
        "The typical spread of the test accuracy between seeds for the same three settings: "
        "the median, over the settings, of the highest minus the lowest accuracy."
    ),
    method=f"{_TRAINING}; the settings `SLOPE_SETTINGS`.",
)
def seed_range_typical() -> float:
    spreads = [np.ptp(accuracies_of(s)) for s in SLOPE_SETTINGS]
    return float(np.median(spreads))


# --- PReLU -------------------------------------------------------------------------------


@claim(
    "relu_variants.prelu_initial_slope",
    fmt=".2g",
    statement="The initial slope of PReLU, in He et al.'s paper and in actbook.",
    method="`PReLU().slope`, the default of `actbook.activations.PReLU`.",
    papers=("he2015delving",),
)
def prelu_initial_slope() -> float:
    return PReLU().slope


for _kind, _words in (
    ("shared", "one slope per layer"),
    ("channelwise", "one slope per channel, their mean"),
):

    @_named("he_conv1_slope")
    def _he_slope(kind: str = _kind) -> float:
        return float(HE_CONV1_SLOPES[kind])

    claim(
        f"relu_variants.he_conv1_{_kind}",
        fmt=fixed(3),
        statement=(
            f"The PReLU slope that He et al. report learned in their first convolutional "
            f"layer, with {_words}."
        ),
        method=f"`HE_CONV1_SLOPES['{_kind}']`, read from the paper.",
        papers=("he2015delving",),
    )(_he_slope)


@cache
def prelu_gradient_error() -> float:
    """Worst relative error of backpropagation in a PReLU MLP, slopes included.

    Examples
    --------
    >>> prelu_gradient_error() < 1e-6
    True
    """
    model = nn.MLP(GRADIENT_CHECK_SIZES, "prelu", seed=0)
    rng = np.random.default_rng(1)
    for layer in model.layers:  # slopes away from the initial value, of both sizes
        if "slope" in layer.params:
            layer.params["slope"][...] = rng.uniform(0.1, 1.5)
    x = rng.standard_normal((GRADIENT_CHECK_BATCH, GRADIENT_CHECK_SIZES[0]))
    return nn.gradient_check(model, x)


@claim(
    "relu_variants.prelu_gradient_error",
    fmt=sci(1),
    statement=(
        "The largest relative difference between the backpropagated gradients of a PReLU "
        "network, its slopes included, and central differences."
    ),
    method=(
        "`actbook.nn.gradient_check` on an `MLP(GRADIENT_CHECK_SIZES, 'prelu')` with random "
        "slopes and `GRADIENT_CHECK_BATCH` standard-normal inputs."
    ),
)
def prelu_gradient_error_claim() -> float:
    return prelu_gradient_error()


for _layer in (1, 2):
    for _stat, _reduce, _what in (
        ("mean", np.mean, "Mean over the seeds of"),
        ("min", np.min, "Smallest, over the seeds, of"),
        ("max", np.max, "Largest, over the seeds, of"),
    ):

        @_named(f"prelu_slope_{_stat}")
        def _slope(layer: int = _layer, reduce: Any = _reduce) -> float:
            return float(reduce(prelu_slopes()[:, layer - 1]))

        claim(
            f"relu_variants.prelu_slope_{_layer}_{_stat}",
            fmt=fixed(2),
            statement=(
                f"{_what} the slope that the PReLU of hidden layer {'one' if _layer == 1 else 'two'} "
                "learned on the digits."
            ),
            method=f"{_TRAINING}; setting `prelu`, one slope per layer.",
        )(_slope)


def prelu_log_slopes() -> np.ndarray:
    """``|ln a|`` of every learned PReLU slope, shape ``(len(SEEDS), hidden layers)``.

    ``|ln a|`` is zero for the identity (``a = 1``) and the same for ``a`` and ``1/a``.

    Examples
    --------
    >>> bool(np.all(prelu_log_slopes() >= 0))
    True
    """
    return np.abs(np.log(prelu_slopes()))


for _stat, _reduce, _what in (("min", np.min, "smallest"), ("max", np.max, "largest")):

    @_named(f"prelu_log_slope_{_stat}")
    def _log_slope(reduce: Any = _reduce) -> float:
        return float(reduce(prelu_log_slopes()))

    claim(
        f"relu_variants.prelu_log_slope_{_stat}",
        fmt=fixed(2),
        statement=(
            rf"The {_what} $|\ln a|$ of the slopes $a$ that PReLU learned on the digits, over "
            "both hidden layers and the seeds."
        ),
        method=f"{_TRAINING}; setting `prelu`; `prelu_log_slopes()`.",
    )(_log_slope)


for _kind, _words in (("shared", "channel-shared"), ("channelwise", "channel-wise, their mean")):

    @_named("he_conv1_log_slope")
    def _he_log(kind: str = _kind) -> float:
        return abs(math.log(HE_CONV1_SLOPES[kind]))

    claim(
        f"relu_variants.he_conv1_log_{_kind}",
        fmt=fixed(2),
        statement=(
            rf"$|\ln a|$ of the first-layer PReLU slope $a$ that He et al. report ({_words})."
        ),
        method=f"`abs(log(HE_CONV1_SLOPES['{_kind}']))`.",
        papers=("he2015delving",),
    )(_he_log)


@claim(
    "relu_variants.maas_log_slope",
    fmt=fixed(1),
    statement=r"$|\ln a|$ of the leaky slope $a$ of Maas et al.",
    method="`abs(log(MAAS_SLOPE))`.",
    papers=("maas2013rectifier",),
)
def maas_log_slope() -> float:
    return abs(math.log(MAAS_SLOPE))


# --- RReLU -------------------------------------------------------------------------------


def paper_rrelu_slopes(lower: float, upper: float) -> tuple[float, float]:
    """Xu et al.'s RReLU: (test slope, mean training slope) for a divisor a ~ U(lower, upper).

    The negative side is x / a in training, and x / ((lower + upper) / 2) at test time.
    The mean training slope is E[1/a] = ln(upper / lower) / (upper - lower).

    Examples
    --------
    >>> [round(v, 4) for v in paper_rrelu_slopes(3.0, 8.0)]
    [0.1818, 0.1962]
    """
    return 2.0 / (lower + upper), math.log(upper / lower) / (upper - lower)


@claim(
    "relu_variants.xu_lower",
    fmt=integer,
    statement="The lower end of the uniform distribution of RReLU's divisor in Xu et al.",
    method="`XU_DIVISOR_BOUNDS[0]`, read from the paper.",
    papers=("xu2015empirical",),
)
def xu_lower() -> float:
    return XU_DIVISOR_BOUNDS[0]


@claim(
    "relu_variants.xu_upper",
    fmt=integer,
    statement="The upper end of the uniform distribution of RReLU's divisor in Xu et al.",
    method="`XU_DIVISOR_BOUNDS[1]`, read from the paper.",
    papers=("xu2015empirical",),
)
def xu_upper() -> float:
    return XU_DIVISOR_BOUNDS[1]


@claim(
    "relu_variants.xu_test_slope",
    fmt=fixed(4),
    statement=r"The slope of Xu et al.'s RReLU at test time, $2 / (l + u)$.",
    method="`paper_rrelu_slopes(*XU_DIVISOR_BOUNDS)[0]`.",
    papers=("xu2015empirical",),
)
def xu_test_slope() -> float:
    return paper_rrelu_slopes(*XU_DIVISOR_BOUNDS)[0]


@claim(
    "relu_variants.xu_mean_slope",
    fmt=fixed(4),
    statement=(
        r"The mean slope of Xu et al.'s RReLU in training, $E[1/a]$ for "
        r"$a \sim U(l, u)$."
    ),
    method=r"`paper_rrelu_slopes(*XU_DIVISOR_BOUNDS)[1]`, $\ln(u/l) / (u - l)$.",
)
def xu_mean_slope() -> float:
    return paper_rrelu_slopes(*XU_DIVISOR_BOUNDS)[1]


@claim(
    "relu_variants.xu_slope_difference",
    fmt=fixed(4),
    statement="The mean training slope of Xu et al.'s RReLU minus its test slope.",
    method="`paper_rrelu_slopes(*XU_DIVISOR_BOUNDS)`, second minus first.",
)
def xu_slope_difference() -> float:
    test, mean = paper_rrelu_slopes(*XU_DIVISOR_BOUNDS)
    return mean - test


@claim(
    "relu_variants.xu_slope_excess",
    fmt=percent(1),
    statement=(
        "How much larger, relative to the test slope, the mean training slope of Xu et al.'s "
        "RReLU is than its test slope."
    ),
    method="`xu_mean_slope / xu_test_slope - 1` from `paper_rrelu_slopes(*XU_DIVISOR_BOUNDS)`.",
)
def xu_slope_excess() -> float:
    test, mean = paper_rrelu_slopes(*XU_DIVISOR_BOUNDS)
    return mean / test - 1.0


@claim(
    "relu_variants.pytorch_rrelu_lower",
    fmt=_fraction,
    statement="The documented default lower bound of the slope of `torch.nn.RReLU`.",
    method="`PYTORCH_RRELU_BOUNDS[0]`, read from PyTorch's documentation.",
)
def pytorch_rrelu_lower() -> float:
    return PYTORCH_RRELU_BOUNDS[0]


@claim(
    "relu_variants.pytorch_rrelu_upper",
    fmt=_fraction,
    statement="The documented default upper bound of the slope of `torch.nn.RReLU`.",
    method="`PYTORCH_RRELU_BOUNDS[1]`, read from PyTorch's documentation.",
)
def pytorch_rrelu_upper() -> float:
    return PYTORCH_RRELU_BOUNDS[1]


@claim(
    "relu_variants.pytorch_rrelu_test_slope",
    fmt=fixed(4),
    statement=(
        "The slope of `torch.nn.RReLU` in evaluation with its default bounds, the mean "
        "of the bounds, which is also the mean slope it draws in training."
    ),
    method="`sum(PYTORCH_RRELU_BOUNDS) / 2`.",
)
def pytorch_rrelu_test_slope() -> float:
    return sum(PYTORCH_RRELU_BOUNDS) / 2


@claim(
    "relu_variants.actbook_rrelu_test_slope",
    fmt=fixed(4),
    statement="The slope of actbook's RReLU in evaluation, with its default bounds.",
    method="`RReLU().eval_slope` of `actbook.activations`.",
)
def actbook_rrelu_test_slope() -> float:
    return RReLU().eval_slope


@cache
def actbook_rrelu_training_slopes() -> np.ndarray:
    """Slopes drawn by actbook's RReLU in training: minus its output on inputs of -1.

    Examples
    --------
    >>> slopes = actbook_rrelu_training_slopes()
    >>> bool(slopes.min() >= 1 / 8 and slopes.max() <= 1 / 3), len(slopes) == RRELU_DRAWS
    (True, True)
    """
    act = RReLU(rng=0)
    return -np.asarray(act(-np.ones(RRELU_DRAWS), training=True))


@claim(
    "relu_variants.actbook_rrelu_training_mean",
    fmt=fixed(4),
    statement="The mean of the slopes that actbook's RReLU draws in training.",
    method=(
        "Minus the outputs of `RReLU(rng=0)` in training on `RRELU_DRAWS` inputs equal to "
        "minus one, averaged."
    ),
)
def actbook_rrelu_training_mean() -> float:
    return float(np.mean(actbook_rrelu_training_slopes()))


def paired_gaps() -> tuple[np.ndarray, np.ndarray]:
    """Per seed, the train-test gaps of RReLU and of the leaky ReLU with RReLU's test
    slope, both trained at RReLU's chosen rate: only the randomness differs.

    Examples
    --------
    >>> random, fixed_slope = paired_gaps()
    >>> random.shape == fixed_slope.shape == (len(SEEDS),)
    True
    """
    control = runs_at("leaky_test_slope", chosen_rate("rrelu"))
    return gaps("rrelu"), np.array([run.gap for run in control])


@claim(
    "relu_variants.gap_rrelu",
    fmt=percent(1),
    statement=(
        "Mean over the seeds of the training accuracy minus the test accuracy of RReLU on "
        "the digits, at its chosen rate."
    ),
    method=f"{_TRAINING}; setting `rrelu`; `paired_gaps()[0]`, averaged.",
)
def gap_rrelu() -> float:
    return float(np.mean(paired_gaps()[0]))


@claim(
    "relu_variants.gap_leaky_test_slope",
    fmt=percent(1),
    statement=(
        "Mean over the seeds of the training accuracy minus the test accuracy of a leaky "
        "ReLU with RReLU's test slope on the digits, trained at RReLU's chosen rate."
    ),
    method=(
        f"{_TRAINING}; setting `leaky_test_slope` at `chosen_rate('rrelu')`; "
        "`paired_gaps()[1]`, averaged."
    ),
)
def gap_leaky_test_slope() -> float:
    return float(np.mean(paired_gaps()[1]))


@claim(
    "relu_variants.gap_relu",
    fmt=percent(1),
    statement=(
        "Mean over the seeds of the training accuracy minus the test accuracy of ReLU on "
        "the digits, at its chosen rate."
    ),
    method=f"{_TRAINING}; setting `relu`.",
)
def gap_relu() -> float:
    return float(np.mean(gaps("relu")))


def gap_differences() -> np.ndarray:
    """Per seed, the gap of RReLU minus the gap of its fixed-slope control.

    Examples
    --------
    >>> gap_differences().shape == (len(SEEDS),)
    True
    """
    random, fixed_slope = paired_gaps()
    return random - fixed_slope


@claim(
    "relu_variants.gap_difference_mean",
    fmt=percent(2),
    statement=(
        "Mean over the seeds of the difference in the train–test gap between RReLU and a "
        "leaky ReLU with RReLU's test slope, trained with the same seeds and rate."
    ),
    method=f"{_TRAINING}; `gap_differences()`, paired by seed, averaged.",
)
def gap_difference_mean() -> float:
    return float(np.mean(gap_differences()))


@claim(
    "relu_variants.gap_difference_sd",
    fmt=percent(2),
    statement="The standard deviation over the seeds of that difference in the gap.",
    method="`gap_differences()`, sample standard deviation (`ddof=1`).",
)
def gap_difference_sd() -> float:
    return float(np.std(gap_differences(), ddof=1))


# --- The table of the ten activations ----------------------------------------------------


@cache
def profile(name: str) -> Profile:
    """The :class:`~actbook.experiments.relu_variants.Profile` of one default activation.

    Examples
    --------
    >>> profile("relu").dead_side, profile("leaky_relu").dead_side
    (True, False)
    """
    return experiment.activation_profile(name)


for _name in ACTIVATIONS:

    @_named("mean_normal")
    def _mean(name: str = _name) -> float:
        return round(profile(name).mean_normal, 10) + 0.0  # no "-0.000" for tanh

    claim(
        f"relu_variants.mean_{_name}",
        fmt=fixed(3),
        statement=(
            rf"The mean output $E f(Z)$ of `{_name}` with its default parameters for a "
            r"standard normal input $Z$."
        ),
        method="`activation_profile(name).mean_normal`: adaptive quadrature on both sides of zero.",
    )(_mean)

    @_named("derivative_at_zero")
    def _slope0(name: str = _name) -> float:
        return profile(name).derivative_at_zero

    claim(
        f"relu_variants.slope0_{_name}",
        fmt=".3g",
        statement=(
            rf"The derivative at zero of `{_name}` with its default parameters (at a kink, "
            "the left derivative, as actbook takes it)."
        ),
        method="`get_activation(name).derivative(0.0)`.",
    )(_slope0)

    @_named("time_against_relu")
    def _cost(name: str = _name) -> float:
        return experiment.time_against_relu(name).median

    claim(
        f"relu_variants.cost_{_name}",
        fmt=ratio(1),
        statement=(
            f"Time of the one-line NumPy formula of `{_name}` in units of the time of ReLU, "
            "`np.maximum(x, 0)`, on the same array."
        ),
        method=(
            "`time_against_relu(name)`: `PLAIN_FORMULAS[name]` against `PLAIN_FORMULAS['relu']` "
            "on `TIMING_SIZE` standard-normal float64 values, median of `TIMING_REPEATS` "
            "interleaved pairs of repeats; the value depends on the machine."
        ),
        volatile=True,
    )(_cost)


@claim(
    "relu_variants.timing_size",
    fmt=integer,
    statement="Values in the array on which the activations of the table are timed.",
    method="The constant `TIMING_SIZE` of `actbook.experiments.relu_variants`.",
)
def timing_size() -> int:
    return int(experiment.TIMING_SIZE)


@claim(
    "relu_variants.timing_repeats",
    fmt=integer,
    statement="Interleaved pairs of repeats behind each timing of the table.",
    method="The constant `TIMING_REPEATS` of `actbook.experiments.relu_variants`.",
)
def timing_repeats() -> int:
    return int(experiment.TIMING_REPEATS)


def minimum_of(name: str) -> tuple[float, float]:
    """(argmin, minimum) of a non-monotone default activation, by bounded search on [-3, 0].

    Examples
    --------
    >>> [round(v, 3) for v in minimum_of("silu")]
    [-1.278, -0.278]
    """
    act = get_activation(name)
    result = optimize.minimize_scalar(
        lambda x: float(act(x)), bounds=(-3.0, 0.0), method="bounded", options={"xatol": 1e-10}
    )
    return float(result.x), float(result.fun)


for _name, _label in (("gelu", "GELU"), ("silu", "SiLU")):
    for _index, _what, _fmt in (
        (1, "minimum value", fixed(3)),
        (0, "input of the minimum", fixed(2)),
    ):
        _key = "minimum" if _index else "argmin"

        @_named(f"minimum_of_{_key}")
        def _minimum(name: str = _name, index: int = _index) -> float:
            return minimum_of(name)[index]

        claim(
            f"relu_variants.{_name}_{_key}",
            fmt=_fmt,
            statement=f"The {_what} of {_label}, which is not monotone.",
            method=f"`minimum_of('{_name}')`: bounded scalar minimization on the negative axis.",
        )(_minimum)


# --- A recurrence ------------------------------------------------------------------------


@cache
def recurrence() -> dict[tuple[str, bool], np.ndarray]:
    """States of ``h <- f(W h)`` for tanh and ReLU, with a non-negative and a mixed-sign W.

    Both matrices have spectral radius ``RECURRENCE_RADIUS``; the start ``h0`` is
    uniform on [0, 1) in every coordinate (the same for all four runs).

    Examples
    --------
    >>> sorted(recurrence())
    [('relu', False), ('relu', True), ('tanh', False), ('tanh', True)]
    >>> recurrence()["tanh", True].shape
    (51, 32)
    """
    rng = np.random.default_rng(RECURRENCE_SEED + 1)
    h0 = rng.uniform(0.0, 1.0, RECURRENCE_SIZE)
    states = {}
    for positive in (True, False):
        W = experiment.recurrence_matrix(
            RECURRENCE_SIZE, RECURRENCE_RADIUS, positive=positive, seed=RECURRENCE_SEED
        )
        for name in ("tanh", "relu"):
            states[name, positive] = experiment.recurrence_states(W, name, RECURRENCE_STEPS, h0)
    return states


def norm_ratio(name: str, positive: bool) -> float:
    """``||h_T|| / ||h_0||`` of one run of :func:`recurrence`.

    Examples
    --------
    >>> norm_ratio("relu", positive=True) > 1 > norm_ratio("relu", positive=False)
    True
    >>> norm_ratio("gelu", positive=True)
    Traceback (most recent call last):
    ...
    ValueError: name must be one of ['relu', 'tanh'], got 'gelu'
    """
    name = validation.one_of(name, "name", ["relu", "tanh"])
    positive = validation.boolean(positive, "positive")
    norms = np.linalg.norm(recurrence()[name, positive], axis=1)
    return float(norms[-1] / norms[0])


@claim(
    "relu_variants.recurrence_size",
    fmt=integer,
    statement="Size of the state of the chapter's recurrence.",
    method="The constant `RECURRENCE_SIZE`.",
)
def recurrence_size() -> int:
    return RECURRENCE_SIZE


@claim(
    "relu_variants.recurrence_radius",
    fmt=".3g",
    statement="Spectral radius of the matrix of the chapter's recurrence.",
    method="The constant `RECURRENCE_RADIUS`.",
)
def recurrence_radius() -> float:
    return RECURRENCE_RADIUS


@claim(
    "relu_variants.recurrence_steps",
    fmt=integer,
    statement="Steps of the chapter's recurrence.",
    method="The constant `RECURRENCE_STEPS`.",
)
def recurrence_steps() -> int:
    return RECURRENCE_STEPS


@claim(
    "relu_variants.recurrence_radius_power",
    fmt=".3g",
    statement=r"The spectral radius raised to the number of steps, $\rho^T$.",
    method="`RECURRENCE_RADIUS ** RECURRENCE_STEPS`.",
)
def recurrence_radius_power() -> float:
    return RECURRENCE_RADIUS**RECURRENCE_STEPS


@claim(
    "relu_variants.recurrence_relu_growth",
    fmt=".3g",
    statement=(
        "Growth of the norm of a ReLU recurrence's state over the steps, with a "
        "non-negative matrix."
    ),
    method="`norm_ratio('relu', positive=True)`: final over initial Euclidean norm.",
)
def recurrence_relu_growth() -> float:
    return norm_ratio("relu", True)


@claim(
    "relu_variants.recurrence_relu_mixed",
    fmt=sci(2),
    statement=(
        "Change of the norm of a ReLU recurrence's state over the steps, with a matrix of "
        "entries of both signs and the same spectral radius."
    ),
    method="`norm_ratio('relu', positive=False)`.",
)
def recurrence_relu_mixed() -> float:
    return norm_ratio("relu", False)


@claim(
    "relu_variants.recurrence_tanh_max",
    fmt=fixed(2),
    statement=(
        "The largest entry, in absolute value, of a tanh recurrence's state after the "
        "first step, with either matrix."
    ),
    method="Maximum of `abs(states[1:])` over both tanh runs of `recurrence()`.",
)
def recurrence_tanh_max() -> float:
    return float(max(np.max(np.abs(recurrence()["tanh", p][1:])) for p in (True, False)))
