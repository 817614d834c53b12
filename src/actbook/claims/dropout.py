"""Claims of the chapter *Dropout* (book/chapters/dropout.md).

Five computations:

- the mask: one Bernoulli draw per unit and per example, so a mini-batch trains as
  many sub-networks as it has examples, and a dropped unit's incoming weights get no
  gradient from that example (but still get one from the rest of the batch);
- the count of sub-networks, two to the power of the number of droppable units;
- the moments of one unit under the two conventions (inverted dropout and scaling at
  test time), and the gap that a nonlinearity opens between the mean of the dropout
  outputs and the output of the mean (a tanh unit, enumerated exactly);
- an over-parameterised ReLU network trained on a small stratified subset of the
  digits with drop rates :data:`RATES`, over :data:`SEEDS`, against multinomial
  logistic regression fitted on the same subset;
- Monte Carlo averaging of ``K`` stochastic passes against weight scaling, on the
  trained network.

Examples
--------
>>> from actbook.claims import REGISTRY
>>> REGISTRY["dropout.log10_subnetworks"].render()
'78'
>>> REGISTRY["dropout.hidden_width"].render()
'128'
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np

from actbook.claims._registry import claim, fixed, integer, percent
from actbook.experiments.digits import BASELINE_C, digits_split
from actbook.experiments.dropout import (
    build_dropout_mlp,
    digits_subset,
    mask_gradient_check,
    monte_carlo,
    subset_linear_baseline,
    tanh_dropout_gap,
    train_digits,
)
from actbook.nn import Dropout, Sequential

#: Training subset: this many digits of each class, drawn from the book's training
#: quarter split (:func:`actbook.experiments.digits.digits_split`) with this seed.
SUBSET_PER_CLASS = 30
SUBSET_SEED = 0
#: The over-parameterised network: two ReLU hidden layers of this width, He weights.
HIDDEN_WIDTH = 128
N_HIDDEN_LAYERS = 2
#: Drop probabilities compared (0 is the network without dropout) and the seeds of the
#: weights, masks and shuffling of each run.
RATES = (0.0, 0.2, 0.5, 0.8)
SEEDS = (0, 1, 2)
#: Training: epochs, mini-batch size, learning rate and momentum of SGD; the curves are
#: recorded every :data:`EVAL_EVERY` epochs, in evaluation mode.
EPOCHS = 40
BATCH_SIZE = 50
LR = 0.05
MOMENTUM = 0.9
EVAL_EVERY = 5
#: The drop rate of the network used for the mask, gradient and Monte Carlo checks.
MAIN_RATE = 0.5
#: Inverse penalties of the subset baseline tried on the validation set (the book's is
#: :data:`~actbook.experiments.digits.BASELINE_C`).
BASELINE_CS = (0.1, 1.0, 10.0, 100.0)
#: Monte Carlo averaging: numbers of stochastic passes, repeats, seed of the masks.
MC_KS = (1, 2, 5, 10, 20, 50)
MC_REPEATS = 3
MC_SEED = 0
#: Moments of one unit: input value, drop probability, number of samples, seed.
MOMENT_X = 1.0
MOMENT_P = 0.2
MOMENT_SAMPLES = 200_000
MOMENT_SEED = 0
#: The tanh unit whose mean output is enumerated over all its input masks.
GAP_INPUTS = 12
GAP_P = 0.5
GAP_SEED = 0
#: Upper end of the drop probabilities plotted for the tanh unit.
GAP_P_MAX = 0.9
#: Standard deviation of the gap unit's weights (inputs are standard normal).
GAP_WEIGHT_STD = 0.3


def _hidden() -> tuple[int, ...]:
    return (HIDDEN_WIDTH,) * N_HIDDEN_LAYERS


def _sizes() -> list[int]:
    return [64, *_hidden(), 10]


# --- The data ----------------------------------------------------------------------------


def training_subset() -> tuple[np.ndarray, np.ndarray]:
    """The small training set: :data:`SUBSET_PER_CLASS` digits of each class.

    :func:`actbook.experiments.dropout.digits_subset` with :data:`SUBSET_SEED`.

    Examples
    --------
    >>> X, y = training_subset()
    >>> X.shape, np.bincount(y.astype(int)).tolist() == [SUBSET_PER_CLASS] * 10
    ((300, 64), True)
    """
    return digits_subset(SUBSET_PER_CLASS, seed=SUBSET_SEED)


def validation_set() -> tuple[np.ndarray, np.ndarray]:
    """The book's held-out quarter of the digits (:func:`digits_split`).

    Examples
    --------
    >>> validation_set()[0].shape
    (450, 64)
    """
    _, X_test, _, y_test = digits_split()
    return X_test, y_test


@cache
def subset_baseline() -> tuple[float, float, float]:
    """Logistic regression on :func:`training_subset`: train and validation accuracy, log-loss.

    :func:`actbook.experiments.dropout.subset_linear_baseline` with the book's ``C``.

    Examples
    --------
    >>> train, val, loss = subset_baseline()
    >>> bool(val < train)
    True
    """
    return subset_linear_baseline(SUBSET_PER_CLASS, seed=SUBSET_SEED, C=BASELINE_C)


@cache
def baseline_c_scan() -> dict[float, float]:
    """Validation accuracy of the subset baseline for each ``C`` of :data:`BASELINE_CS`.

    Examples
    --------
    >>> sorted(baseline_c_scan()) == sorted(BASELINE_CS)
    True
    """
    return {
        c: subset_linear_baseline(SUBSET_PER_CLASS, seed=SUBSET_SEED, C=c)[1] for c in BASELINE_CS
    }


# --- Training with and without dropout -----------------------------------------------------


@cache
def train_run(rate: float, seed: int) -> tuple[np.ndarray, Sequential]:
    """:func:`actbook.experiments.dropout.train_digits` with this module's parameters.

    Returns the curves (epoch, training loss and accuracy, validation loss and
    accuracy, one row per checkpoint) and the trained network (cached: do not train
    it further).

    Examples
    --------
    >>> curves, model = train_run(0.5, 0)
    >>> curves.shape == (EPOCHS // EVAL_EVERY + 1, 5)
    True
    """
    return train_digits(
        rate,
        per_class=SUBSET_PER_CLASS,
        subset_seed=SUBSET_SEED,
        hidden=_hidden(),
        epochs=EPOCHS,
        eval_every=EVAL_EVERY,
        batch_size=BATCH_SIZE,
        lr=LR,
        momentum=MOMENTUM,
        seed=seed,
    )


@cache
def all_curves() -> np.ndarray:
    """Curves of every rate and seed: shape ``(len(RATES), len(SEEDS), checkpoints, 5)``.

    Examples
    --------
    >>> all_curves().shape[:2] == (len(RATES), len(SEEDS))
    True
    """
    return np.array([[train_run(rate, seed)[0] for seed in SEEDS] for rate in RATES])


def _rate_index(rate: float) -> int:
    return RATES.index(rate)


def best_val_accuracy(rate: float) -> np.ndarray:
    """Best validation accuracy over the checkpoints, one value per seed.

    Examples
    --------
    >>> best_val_accuracy(0.0).shape == (len(SEEDS),)
    True
    """
    return all_curves()[_rate_index(rate), :, :, 4].max(axis=1)


def final_gap(rate: float) -> np.ndarray:
    """Training minus validation accuracy at the last checkpoint, one value per seed.

    Examples
    --------
    >>> bool(np.all(final_gap(0.0) > 0))
    True
    """
    final = all_curves()[_rate_index(rate), :, -1]
    return final[:, 2] - final[:, 4]


def improvements(rate: float) -> np.ndarray:
    """Best validation accuracy minus that without dropout, per seed, in points.

    Examples
    --------
    >>> improvements(0.0).tolist() == [0.0] * len(SEEDS)
    True
    """
    return 100 * (best_val_accuracy(rate) - best_val_accuracy(0.0))


# --- Masks and gradients -------------------------------------------------------------------


@cache
def mask_and_gradient() -> dict[str, int | float]:
    """:func:`actbook.experiments.dropout.mask_gradient_check` on the untrained network.

    The network has :data:`MAIN_RATE` and seed 0; the batch is the first
    :data:`BATCH_SIZE` digits of :func:`training_subset`.

    Examples
    --------
    >>> mask_and_gradient()["max_dropped_delta"]
    0.0
    """
    X, y = training_subset()
    model = build_dropout_mlp(_sizes(), MAIN_RATE, seed=0)
    return mask_gradient_check(model, X[:BATCH_SIZE], y[:BATCH_SIZE])


def droppable_units(input_dropout: bool = False) -> int:
    """Units that a mask can drop: the hidden units, plus the inputs if asked.

    Examples
    --------
    >>> droppable_units()
    256
    """
    return HIDDEN_WIDTH * N_HIDDEN_LAYERS + (64 if input_dropout else 0)


# --- Moments of one unit -------------------------------------------------------------------


@cache
def unit_moments() -> dict[str, tuple[float, float]]:
    """Sample mean and variance of one unit's training output, both conventions.

    The unit's input is :data:`MOMENT_X`, its drop probability :data:`MOMENT_P`; each
    convention draws :data:`MOMENT_SAMPLES` masks from :data:`MOMENT_SEED`.

    Returns
    -------
    dict
        ``"inverted"`` and ``"scale_at_test"`` map to ``(mean, variance)``.

    Examples
    --------
    >>> sorted(unit_moments())
    ['inverted', 'scale_at_test']
    """
    out = {}
    x = np.full((MOMENT_SAMPLES, 1), MOMENT_X)
    for convention in ("inverted", "scale_at_test"):
        layer = Dropout(MOMENT_P, convention=convention, rng=MOMENT_SEED)
        y = layer.forward(x, training=True)[:, 0]
        out[convention] = (float(y.mean()), float(y.var()))
    return out


def gap_unit() -> tuple[np.ndarray, np.ndarray]:
    """Input ``x`` and weights ``w`` of the tanh unit of the nonlinearity gap.

    Examples
    --------
    >>> x, w = gap_unit()
    >>> x.shape == w.shape == (GAP_INPUTS,)
    True
    """
    rng = np.random.default_rng(GAP_SEED)
    x = rng.standard_normal(GAP_INPUTS)
    w = GAP_WEIGHT_STD * rng.standard_normal(GAP_INPUTS)
    return x, w


@cache
def nonlinearity_gap(p: float = GAP_P) -> tuple[float, float, float, float]:
    """:func:`actbook.experiments.dropout.tanh_dropout_gap` for :func:`gap_unit`.

    Returns ``E[tanh z]``, ``tanh(E[z])``, ``E[z]`` and ``Var[z]`` over all masks.

    Examples
    --------
    >>> mean_output, output_of_mean, mean_z, var_z = nonlinearity_gap()
    >>> x, w = gap_unit()
    >>> bool(np.isclose(mean_z, w @ x))
    True
    >>> nonlinearity_gap(1.0)
    Traceback (most recent call last):
    ...
    ValueError: drop_probability must be in [0, 1), got 1.0
    """
    return tanh_dropout_gap(*gap_unit(), p)


def gap_zero_crossing() -> float:
    """The drop probability at which the tanh unit's mean output crosses zero.

    Found by bisection on ``[GAP_P, GAP_P_MAX]``, where the mean output changes sign.

    Examples
    --------
    >>> bool(GAP_P < gap_zero_crossing() < GAP_P_MAX)
    True
    """
    from scipy.optimize import brentq

    return float(brentq(lambda p: nonlinearity_gap(float(p))[0], GAP_P, GAP_P_MAX, xtol=1e-6))


# --- Monte Carlo averaging -----------------------------------------------------------------


@cache
def monte_carlo_result() -> dict[str, np.ndarray | float]:
    """:func:`actbook.experiments.dropout.monte_carlo` on one trained network.

    The network is :func:`train_run` with :data:`MAIN_RATE` and the first seed;
    :data:`MC_KS`, :data:`MC_REPEATS`, :data:`MC_SEED`; the validation set.

    Examples
    --------
    >>> monte_carlo_result()["accuracy"].shape == (MC_REPEATS, len(MC_KS))
    True
    """
    _, model = train_run(MAIN_RATE, SEEDS[0])
    X, y = validation_set()
    return monte_carlo(model, X, y, ks=MC_KS, repeats=MC_REPEATS, seed=MC_SEED)


# --- Claims: run parameters ----------------------------------------------------------------


@claim(
    "dropout.hidden_width",
    fmt=integer,
    statement="Width of each hidden layer of the network trained on the digits subset.",
    method="The module constant `HIDDEN_WIDTH`.",
)
def _hidden_width():
    return HIDDEN_WIDTH


@claim(
    "dropout.subset_size",
    fmt=integer,
    statement="Number of training digits in the small training subset.",
    method="`SUBSET_PER_CLASS` digits of each of the ten classes: `len(training_subset()[0])`.",
)
def _subset_size():
    return len(training_subset()[0])


@claim(
    "dropout.subset_per_class",
    fmt=integer,
    statement="Digits of each class in the small training subset.",
    method="The module constant `SUBSET_PER_CLASS`.",
)
def _subset_per_class():
    return SUBSET_PER_CLASS


@claim(
    "dropout.val_size",
    fmt=integer,
    statement="Number of digits in the validation set, the book's held-out quarter.",
    method="`len(validation_set()[1])`.",
)
def _val_size():
    return len(validation_set()[1])


@claim(
    "dropout.parameters",
    fmt=integer,
    statement="Number of weights and biases of the network trained on the digits subset.",
    method="Sum of the sizes of the parameter arrays of `build_dropout_mlp(...)`.",
)
def _parameters():
    model = build_dropout_mlp(_sizes(), 0.0)
    return sum(p.size for p in model.params.values())


@claim(
    "dropout.epochs",
    fmt=integer,
    statement="Epochs of training on the digits subset.",
    method="The module constant `EPOCHS`.",
)
def _epochs():
    return EPOCHS


@claim(
    "dropout.batch_size",
    fmt=integer,
    statement="Mini-batch size of the training on the digits subset.",
    method="The module constant `BATCH_SIZE`.",
)
def _batch_size():
    return BATCH_SIZE


@claim(
    "dropout.lr",
    fmt=fixed(2),
    statement="Learning rate of SGD on the digits subset.",
    method="The module constant `LR`.",
)
def _lr():
    return LR


@claim(
    "dropout.momentum",
    fmt=fixed(1),
    statement="Momentum of SGD on the digits subset.",
    method="The module constant `MOMENTUM`.",
)
def _momentum():
    return MOMENTUM


@claim(
    "dropout.n_seeds",
    fmt=integer,
    statement="Number of seeds of each drop rate on the digits subset.",
    method="`len(SEEDS)`.",
)
def _n_seeds():
    return len(SEEDS)


@claim(
    "dropout.eval_every",
    fmt=integer,
    statement="Epochs between two points of the training curves.",
    method="The module constant `EVAL_EVERY`.",
)
def _eval_every():
    return EVAL_EVERY


for _i, _rate in enumerate(RATES):

    def _make_rate(rate=_rate):
        return lambda: rate

    claim(
        f"dropout.rate_{_i}",
        fmt=fixed(1),
        statement="One of the drop probabilities compared on the digits subset.",
        method=f"`RATES[{_i}]`.",
    )(_make_rate())


@claim(
    "dropout.main_rate",
    fmt=fixed(1),
    statement="Drop probability of the network used for the mask and Monte Carlo checks.",
    method="The module constant `MAIN_RATE`.",
)
def _main_rate():
    return MAIN_RATE


# --- Claims: masks, gradients, sub-networks ------------------------------------------------


@claim(
    "dropout.distinct_masks",
    fmt=integer,
    statement="Distinct masks of the first hidden layer within one mini-batch.",
    method="`mask_and_gradient()['distinct_masks']`: distinct rows of the first Dropout layer's mask.",
)
def _distinct_masks():
    return mask_and_gradient()["distinct_masks"]


@claim(
    "dropout.dropped_pairs",
    fmt=integer,
    statement="Example-unit pairs dropped in the first hidden layer of one mini-batch.",
    method="`mask_and_gradient()['dropped_pairs']`: zeros of the first Dropout layer's mask.",
)
def _dropped_pairs():
    return mask_and_gradient()["dropped_pairs"]


@claim(
    "dropout.max_dropped_delta",
    fmt=fixed(1),
    statement=(
        "Largest gradient with respect to the pre-activation of a dropped unit, over the "
        "dropped example-unit pairs of one mini-batch."
    ),
    method="`mask_and_gradient()['max_dropped_delta']`, from a backward pass run layer by layer.",
)
def _max_dropped_delta():
    return mask_and_gradient()["max_dropped_delta"]


@claim(
    "dropout.units_without_gradient",
    fmt=integer,
    statement=(
        "First-layer units whose incoming weights get a zero gradient from a whole "
        "mini-batch under dropout."
    ),
    method="`mask_and_gradient()['units_without_gradient']`: all-zero columns of the first Dense layer's `dL/dW`.",
)
def _units_without_gradient():
    return mask_and_gradient()["units_without_gradient"]


@claim(
    "dropout.units_always_dropped",
    fmt=integer,
    statement="First-layer units dropped for every example of one mini-batch.",
    method="`mask_and_gradient()['units_always_dropped']`: all-zero columns of the mask.",
)
def _units_always_dropped():
    return mask_and_gradient()["units_always_dropped"]


@claim(
    "dropout.units_always_inactive",
    fmt=integer,
    statement="First-layer ReLU units with a negative input for every example of the batch.",
    method="`mask_and_gradient()['units_always_inactive']`.",
)
def _units_always_inactive():
    return mask_and_gradient()["units_always_inactive"]


@claim(
    "dropout.units_dropped_where_active",
    fmt=integer,
    statement=(
        "First-layer units, active on some example of the batch, that were dropped on "
        "every example where they were active."
    ),
    method="`mask_and_gradient()['units_dropped_where_active']`.",
)
def _units_dropped_where_active():
    return mask_and_gradient()["units_dropped_where_active"]


@claim(
    "dropout.droppable_units",
    fmt=integer,
    statement="Hidden units that dropout can drop in the network trained on the digits.",
    method="`droppable_units()`: `N_HIDDEN_LAYERS * HIDDEN_WIDTH`.",
)
def _droppable_units():
    return droppable_units()


@claim(
    "dropout.n_inputs",
    fmt=integer,
    statement="Inputs (pixels) of the network trained on the digits.",
    method="`training_subset()[0].shape[1]`.",
)
def _n_inputs():
    return training_subset()[0].shape[1]


@claim(
    "dropout.droppable_units_inputs",
    fmt=integer,
    statement="Units that dropout can drop when the inputs are dropped too.",
    method="`droppable_units(input_dropout=True)`.",
)
def _droppable_units_inputs():
    return droppable_units(input_dropout=True)


@claim(
    "dropout.log10_subnetworks",
    fmt=integer,
    statement="Decimal digits of the number of sub-networks, two to the power of the hidden units.",
    method="`floor(droppable_units() * log10(2)) + 1`.",
)
def _log10_subnetworks():
    return math.floor(droppable_units() * math.log10(2)) + 1


@claim(
    "dropout.log10_subnetworks_inputs",
    fmt=integer,
    statement=("Decimal digits of the number of sub-networks when the inputs can be dropped too."),
    method="`floor(droppable_units(input_dropout=True) * log10(2)) + 1`.",
)
def _log10_subnetworks_inputs():
    return math.floor(droppable_units(input_dropout=True) * math.log10(2)) + 1


@claim(
    "dropout.masks_drawn",
    fmt=integer,
    statement="Masks drawn while training one network: one per example and epoch.",
    method="`EPOCHS * len(training_subset()[0])`.",
)
def _masks_drawn():
    return EPOCHS * len(training_subset()[0])


# --- Claims: moments and the nonlinearity gap ------------------------------------------------


@claim(
    "dropout.moment_p",
    fmt=fixed(1),
    statement="Drop probability of the unit whose moments are sampled.",
    method="The module constant `MOMENT_P`.",
)
def _moment_p():
    return MOMENT_P


@claim(
    "dropout.moment_samples",
    fmt=integer,
    statement="Masks sampled for the moments of one unit, per convention.",
    method="The module constant `MOMENT_SAMPLES`.",
)
def _moment_samples():
    return MOMENT_SAMPLES


@claim(
    "dropout.inverted_mean",
    fmt=fixed(3),
    statement="Sample mean of an inverted-dropout unit with input one.",
    method="`unit_moments()['inverted'][0]`.",
)
def _inverted_mean():
    return unit_moments()["inverted"][0]


@claim(
    "dropout.inverted_var",
    fmt=fixed(3),
    statement="Sample variance of an inverted-dropout unit with input one.",
    method="`unit_moments()['inverted'][1]`; the closed form is `p / (1 - p)`.",
)
def _inverted_var():
    return unit_moments()["inverted"][1]


@claim(
    "dropout.inverted_var_exact",
    fmt=fixed(3),
    statement="Variance of an inverted-dropout unit with input one, closed form.",
    method="`MOMENT_P / (1 - MOMENT_P) * MOMENT_X**2`.",
)
def _inverted_var_exact():
    return MOMENT_P / (1 - MOMENT_P) * MOMENT_X**2


@claim(
    "dropout.scaled_mean",
    fmt=fixed(3),
    statement="Sample mean in training of a unit with input one under scaling at test time.",
    method="`unit_moments()['scale_at_test'][0]`; the closed form is `1 - p`.",
)
def _scaled_mean():
    return unit_moments()["scale_at_test"][0]


@claim(
    "dropout.scaled_var",
    fmt=fixed(3),
    statement="Sample variance in training of a unit with input one under scaling at test time.",
    method="`unit_moments()['scale_at_test'][1]`; the closed form is `p (1 - p)`.",
)
def _scaled_var():
    return unit_moments()["scale_at_test"][1]


@claim(
    "dropout.scaled_var_exact",
    fmt=fixed(3),
    statement="Variance in training of a unit with input one under scaling at test time.",
    method="`MOMENT_P * (1 - MOMENT_P) * MOMENT_X**2`.",
)
def _scaled_var_exact():
    return MOMENT_P * (1 - MOMENT_P) * MOMENT_X**2


@claim(
    "dropout.gap_p",
    fmt=fixed(1),
    statement="Drop probability of the inputs of the tanh unit whose masks are enumerated.",
    method="The module constant `GAP_P`.",
)
def _gap_p():
    return GAP_P


@claim(
    "dropout.gap_p_max",
    fmt=fixed(1),
    statement="Largest drop probability plotted for the tanh unit.",
    method="The module constant `GAP_P_MAX`.",
)
def _gap_p_max():
    return GAP_P_MAX


@claim(
    "dropout.gap_zero_crossing",
    fmt=fixed(2),
    statement="Drop probability at which the tanh unit's mean output over all masks crosses zero.",
    method="`gap_zero_crossing()`: Brent's method on `nonlinearity_gap(p)[0]` over `[GAP_P, GAP_P_MAX]`.",
)
def _gap_zero_crossing():
    return gap_zero_crossing()


@claim(
    "dropout.gap_mean_output_max",
    fmt=fixed(3),
    statement="Mean output of the tanh unit over all masks at the largest drop probability plotted.",
    method="`nonlinearity_gap(GAP_P_MAX)[0]`.",
)
def _gap_mean_output_max():
    return nonlinearity_gap(GAP_P_MAX)[0]


@claim(
    "dropout.gap_concave_mass",
    fmt=percent(0),
    statement=(
        "Probability, over the masks, that the tanh unit's pre-activation is positive, "
        "where tanh is concave."
    ),
    method="Sum of the probabilities of the masks with `z(m) > 0`, enumerated as in `nonlinearity_gap()`.",
)
def _gap_concave_mass():
    x, w = gap_unit()
    n = GAP_INPUTS
    masks = (np.arange(2**n)[:, None] >> np.arange(n)) & 1
    kept = masks.sum(axis=1)
    prob = (1 - GAP_P) ** kept * GAP_P ** (n - kept)
    z = masks @ (w * x) / (1 - GAP_P)
    return float(prob[z > 0].sum())


@claim(
    "dropout.gap_inputs",
    fmt=integer,
    statement="Inputs of the tanh unit whose masks are enumerated.",
    method="The module constant `GAP_INPUTS`.",
)
def _gap_inputs():
    return GAP_INPUTS


@claim(
    "dropout.gap_masks",
    fmt=integer,
    statement="Masks of the tanh unit's inputs, all enumerated.",
    method="`2**GAP_INPUTS`.",
)
def _gap_masks():
    return 2**GAP_INPUTS


@claim(
    "dropout.gap_mean_output",
    fmt=fixed(3),
    statement="Mean output of the tanh unit over all input masks, inverted dropout.",
    method="`nonlinearity_gap()[0]`: the probability-weighted sum over all masks.",
)
def _gap_mean_output():
    return nonlinearity_gap()[0]


@claim(
    "dropout.gap_output_of_mean",
    fmt=fixed(3),
    statement="Output of the tanh unit at the mean pre-activation (the deterministic pass).",
    method="`nonlinearity_gap()[1]`: `tanh(w @ x)`.",
)
def _gap_output_of_mean():
    return nonlinearity_gap()[1]


@claim(
    "dropout.gap_z_mean",
    fmt=fixed(3),
    statement="Mean pre-activation of the tanh unit over all input masks.",
    method="`nonlinearity_gap()[2]`.",
)
def _gap_z_mean():
    return nonlinearity_gap()[2]


@claim(
    "dropout.gap_z_std",
    fmt=fixed(3),
    statement="Standard deviation of the tanh unit's pre-activation over all input masks.",
    method="Square root of `nonlinearity_gap()[3]`.",
)
def _gap_z_std():
    return math.sqrt(nonlinearity_gap()[3])


@claim(
    "dropout.gap_taylor",
    fmt=fixed(3),
    statement=(
        "Second-order estimate of the tanh unit's gap, half the second derivative at the "
        "mean times the variance."
    ),
    method=(
        "`0.5 * f''(mu) * var` with `f''(z) = -2 tanh(z) (1 - tanh(z)**2)`, from "
        "`nonlinearity_gap()`."
    ),
)
def _gap_taylor():
    _, _, mu, var = nonlinearity_gap()
    t = math.tanh(mu)
    return 0.5 * (-2 * t * (1 - t * t)) * var


@claim(
    "dropout.gap",
    fmt=fixed(3),
    statement="Mean output minus output of the mean for the tanh unit under dropout.",
    method="`nonlinearity_gap()[0] - nonlinearity_gap()[1]`.",
)
def _gap():
    mean_output, output_of_mean, _, _ = nonlinearity_gap()
    return mean_output - output_of_mean


# --- Claims: overfitting on the digits subset ------------------------------------------------


def _best_claim(index: int, rate: float) -> None:
    claim(
        f"dropout.best_val_{index}",
        fmt=percent(1),
        statement=(
            "Best validation accuracy over the training curve, mean over seeds, for one "
            "drop probability."
        ),
        method=f"Mean over `SEEDS` of `best_val_accuracy(RATES[{index}])`.",
    )(lambda: float(best_val_accuracy(rate).mean()))
    claim(
        f"dropout.best_val_sd_{index}",
        fmt=percent(1),
        statement="Standard deviation over seeds of the best validation accuracy.",
        method=f"`best_val_accuracy(RATES[{index}]).std(ddof=1)`.",
    )(lambda: float(best_val_accuracy(rate).std(ddof=1)))
    claim(
        f"dropout.gap_final_{index}",
        fmt=percent(1),
        statement=(
            "Training minus validation accuracy after the last epoch, mean over seeds, for "
            "one drop probability."
        ),
        method=f"Mean over `SEEDS` of `final_gap(RATES[{index}])`.",
    )(lambda: float(final_gap(rate).mean()))
    claim(
        f"dropout.train_final_{index}",
        fmt=percent(1),
        statement="Training accuracy after the last epoch, mean over seeds.",
        method=f"Mean over `SEEDS` of the last training accuracy of `all_curves()[{index}]`.",
    )(lambda: float(all_curves()[_rate_index(rate), :, -1, 2].mean()))
    claim(
        f"dropout.val_final_{index}",
        fmt=percent(1),
        statement="Validation accuracy after the last epoch, mean over seeds.",
        method=f"Mean over `SEEDS` of the last validation accuracy of `all_curves()[{index}]`.",
    )(lambda: float(all_curves()[_rate_index(rate), :, -1, 4].mean()))
    claim(
        f"dropout.val_loss_final_{index}",
        fmt=fixed(3),
        statement="Validation log-loss after the last epoch, mean over seeds.",
        method=f"Mean over `SEEDS` of the last validation loss of `all_curves()[{index}]`.",
    )(lambda: float(all_curves()[_rate_index(rate), :, -1, 3].mean()))


for _i, _rate in enumerate(RATES):
    _best_claim(_i, _rate)


def _improvement_claim(index: int, rate: float) -> None:
    claim(
        f"dropout.improvement_{index}",
        fmt=fixed(1),
        statement=(
            "Gain in best validation accuracy over the network without dropout, in "
            "percentage points, mean over seeds (same initial weights per seed)."
        ),
        method=(f"`100 * mean(best_val_accuracy(RATES[{index}]) - best_val_accuracy(0.0))`."),
    )(lambda: float(100 * np.mean(best_val_accuracy(rate) - best_val_accuracy(0.0))))


for _i, _rate in enumerate(RATES[1:], start=1):
    _improvement_claim(_i, _rate)


def _paired_claims(index: int, rate: float) -> None:
    claim(
        f"dropout.improvement_min_{index}",
        fmt=fixed(1),
        statement=(
            "Smallest per-seed difference in best validation accuracy against the network "
            "without dropout from the same weights, in percentage points."
        ),
        method=f"`improvements(RATES[{index}]).min()`.",
    )(lambda: float(improvements(rate).min()))
    claim(
        f"dropout.improvement_max_{index}",
        fmt=fixed(1),
        statement=(
            "Largest per-seed difference in best validation accuracy against the network "
            "without dropout from the same weights, in percentage points."
        ),
        method=f"`improvements(RATES[{index}]).max()`.",
    )(lambda: float(improvements(rate).max()))


for _i, _rate in enumerate(RATES[1:], start=1):
    _paired_claims(_i, _rate)


def _seeds_improved_claim(index: int, rate: float) -> None:
    claim(
        f"dropout.seeds_improved_{index}",
        fmt=integer,
        statement=(
            "Seeds at which the network with this drop probability reached a higher best "
            "validation accuracy than the network without dropout from the same weights."
        ),
        method=f"`sum(best_val_accuracy(RATES[{index}]) > best_val_accuracy(0.0))`.",
    )(lambda: int(np.sum(best_val_accuracy(rate) > best_val_accuracy(0.0))))


for _i, _rate in enumerate(RATES[1:], start=1):
    _seeds_improved_claim(_i, _rate)


@claim(
    "dropout.log10_fraction_trained",
    fmt=integer,
    statement=(
        "The fraction of all masks that one training run draws is below ten to the power "
        "of this number."
    ),
    method="`ceil(log10(EPOCHS * len(training_subset()[0])) - droppable_units() * log10(2))`.",
)
def _log10_fraction_trained():
    return math.ceil(
        math.log10(EPOCHS * len(training_subset()[0])) - droppable_units() * math.log10(2)
    )


@claim(
    "dropout.srivastava_mc_samples",
    fmt=integer,
    statement=(
        "Number of Monte Carlo samples from which averaging matched the weight-scaling "
        "approximation on MNIST in Srivastava et al."
    ),
    method=(
        "Quoted from the paper (`§7.5`, `Fig. 11`: Monte Carlo model averaging on MNIST); "
        "from there on the Monte Carlo average was slightly better, within one standard "
        "deviation."
    ),
    papers=("srivastava2014dropout",),
)
def _srivastava_mc_samples():
    return 50


@claim(
    "dropout.srivastava_slowdown_low",
    fmt=integer,
    statement="Lower end of the training-time factor of dropout networks in Srivastava et al.",
    method="Quoted from the paper's conclusion (`§11`): two to three times longer.",
    papers=("srivastava2014dropout",),
)
def _srivastava_slowdown_low():
    return 2


@claim(
    "dropout.srivastava_slowdown_high",
    fmt=integer,
    statement="Upper end of the training-time factor of dropout networks in Srivastava et al.",
    method="Quoted from the paper's conclusion (`§11`): two to three times longer.",
    papers=("srivastava2014dropout",),
)
def _srivastava_slowdown_high():
    return 3


@claim(
    "dropout.srivastava_lr_factor_low",
    fmt=integer,
    statement=(
        "Lower end of the factor by which Srivastava et al. recommend raising the learning "
        "rate of a dropout network over that of a standard one."
    ),
    method="Quoted from the paper's practical guide (appendix A): ten to a hundred times.",
    papers=("srivastava2014dropout",),
)
def _srivastava_lr_factor_low():
    return 10


@claim(
    "dropout.srivastava_lr_factor_high",
    fmt=integer,
    statement="Upper end of that learning-rate factor in Srivastava et al.",
    method="Quoted from the paper's practical guide (appendix A): ten to a hundred times.",
    papers=("srivastava2014dropout",),
)
def _srivastava_lr_factor_high():
    return 100


@claim(
    "dropout.srivastava_momentum_low",
    fmt=fixed(2),
    statement="Lower end of the momentum Srivastava et al. recommend for dropout networks.",
    method="Quoted from the paper's practical guide (appendix A), `0.95` to `0.99`.",
    papers=("srivastava2014dropout",),
)
def _srivastava_momentum_low():
    return 0.95


@claim(
    "dropout.srivastava_momentum_high",
    fmt=fixed(2),
    statement="Upper end of the momentum Srivastava et al. recommend for dropout networks.",
    method="Quoted from the paper's practical guide (appendix A), `0.95` to `0.99`.",
    papers=("srivastava2014dropout",),
)
def _srivastava_momentum_high():
    return 0.99


@claim(
    "dropout.binomial_se",
    fmt=fixed(1),
    statement=(
        "Binomial standard error, in percentage points, of an accuracy like that of the "
        "network without dropout, measured on the validation digits."
    ),
    method="`100 * sqrt(a * (1 - a) / n)` with `a` the mean final validation accuracy at `RATES[0]` and `n = len(validation_set()[1])`.",
)
def _binomial_se():
    a = float(all_curves()[0, :, -1, 4].mean())
    return 100 * math.sqrt(a * (1 - a) / len(validation_set()[1]))


@claim(
    "dropout.baseline_c",
    fmt=fixed(0),
    statement="Inverse penalty C of the book's logistic-regression baseline, scikit-learn's convention.",
    method="`actbook.experiments.digits.BASELINE_C`.",
)
def _baseline_c():
    return BASELINE_C


@claim(
    "dropout.penalty_ratio",
    fmt=fixed(1),
    statement=(
        "Factor by which the same C penalizes relatively more on the subset than on the full "
        "training split (scikit-learn's C weighs the summed loss)."
    ),
    method="`len(digits_split()[0]) / len(training_subset()[0])`.",
)
def _penalty_ratio():
    return len(digits_split()[0]) / len(training_subset()[0])


@claim(
    "dropout.baseline_c_low",
    fmt=fixed(1),
    statement="Smallest inverse penalty C tried for the subset baseline.",
    method="`min(BASELINE_CS)`.",
)
def _baseline_c_low():
    return min(BASELINE_CS)


@claim(
    "dropout.baseline_c_high",
    fmt=fixed(0),
    statement="Largest inverse penalty C tried for the subset baseline.",
    method="`max(BASELINE_CS)`.",
)
def _baseline_c_high():
    return max(BASELINE_CS)


@claim(
    "dropout.baseline_best_c",
    fmt=fixed(0),
    statement="The C of `BASELINE_CS` with the highest validation accuracy of the subset baseline.",
    method="`max(baseline_c_scan(), key=baseline_c_scan().get)` (the first on ties).",
)
def _baseline_best_c():
    scan = baseline_c_scan()
    return max(scan, key=scan.get)


@claim(
    "dropout.baseline_train_accuracy",
    fmt=percent(1),
    statement="Training accuracy of logistic regression fitted on the digits subset.",
    method="`subset_baseline()[0]`.",
)
def _baseline_train_accuracy():
    return subset_baseline()[0]


@claim(
    "dropout.baseline_val_accuracy",
    fmt=percent(1),
    statement="Validation accuracy of logistic regression fitted on the digits subset.",
    method="`subset_baseline()[1]`.",
)
def _baseline_val_accuracy():
    return subset_baseline()[1]


@claim(
    "dropout.baseline_val_loss",
    fmt=fixed(3),
    statement="Validation log-loss of logistic regression fitted on the digits subset.",
    method="`subset_baseline()[2]`.",
)
def _baseline_val_loss():
    return subset_baseline()[2]


# --- Claims: Monte Carlo averaging -----------------------------------------------------------


@claim(
    "dropout.mc_repeats",
    fmt=integer,
    statement="Repeats of the Monte Carlo averaging.",
    method="The module constant `MC_REPEATS`.",
)
def _mc_repeats():
    return MC_REPEATS


@claim(
    "dropout.mc_max_k",
    fmt=integer,
    statement="Largest number of stochastic passes averaged.",
    method="`max(MC_KS)`.",
)
def _mc_max_k():
    return max(MC_KS)


@claim(
    "dropout.ws_log_loss",
    fmt=fixed(3),
    statement="Validation log-loss of the dropout network with weight scaling.",
    method="`monte_carlo_result()['ws_log_loss']`.",
)
def _ws_log_loss():
    return monte_carlo_result()["ws_log_loss"]


@claim(
    "dropout.ws_accuracy",
    fmt=percent(1),
    statement="Validation accuracy of the dropout network with weight scaling.",
    method="`monte_carlo_result()['ws_accuracy']`.",
)
def _ws_accuracy():
    return monte_carlo_result()["ws_accuracy"]


@claim(
    "dropout.mc1_log_loss",
    fmt=fixed(3),
    statement="Validation log-loss of one stochastic pass, mean over repeats.",
    method="`monte_carlo_result()['log_loss'][:, 0].mean()`.",
)
def _mc1_log_loss():
    return float(monte_carlo_result()["log_loss"][:, 0].mean())


@claim(
    "dropout.mc1_accuracy",
    fmt=percent(1),
    statement="Validation accuracy of one stochastic pass, mean over repeats.",
    method="`monte_carlo_result()['accuracy'][:, 0].mean()`.",
)
def _mc1_accuracy():
    return float(monte_carlo_result()["accuracy"][:, 0].mean())


@claim(
    "dropout.mc_max_log_loss",
    fmt=fixed(3),
    statement="Validation log-loss of the average of the most passes, mean over repeats.",
    method="`monte_carlo_result()['log_loss'][:, -1].mean()`.",
)
def _mc_max_log_loss():
    return float(monte_carlo_result()["log_loss"][:, -1].mean())


@claim(
    "dropout.mc_max_accuracy",
    fmt=percent(1),
    statement="Validation accuracy of the average of the most passes, mean over repeats.",
    method="`monte_carlo_result()['accuracy'][:, -1].mean()`.",
)
def _mc_max_accuracy():
    return float(monte_carlo_result()["accuracy"][:, -1].mean())
