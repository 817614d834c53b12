"""Claims of the chapter *Zero-centred outputs* (book/chapters/zero-centred.md).

Four computations. The zig-zag: a two-weight linear unit descended one sample at a
time, in mini-batches and with the full batch, on sigmoid outputs and on the same
inputs centred (:mod:`actbook.experiments.zigzag`), with the condition number of its
Hessian and the steps it predicts; S5's per-input biases on the same problem. The mean
of every activation of :data:`actbook.activations.ACTIVATIONS` under a standard normal
input, by quadrature. And a network on the book's digits split whose hidden layers are
sigmoid, a sigmoid shifted down by one half, tanh, sigmoid with saturating initial
weights, ReLU or ReLU shifted down by its mean, against logistic regression trained the
same way (for speed) and the book's linear baseline (for accuracy).

Examples
--------
The values the book shows (the network claims train small networks: a few seconds):

>>> from actbook.claims import REGISTRY
>>> for claim_id, claim in sorted(REGISTRY.items()):
...     if claim_id.startswith("zero_centred."):
...         print(claim_id, claim.render())
zero_centred.accuracy_centred_relu 96.7 %
zero_centred.accuracy_centred_relu_max 97.1 %
zero_centred.accuracy_centred_relu_min 96.4 %
zero_centred.accuracy_centred_sigmoid 96.9 %
zero_centred.accuracy_centred_sigmoid_max 97.1 %
zero_centred.accuracy_centred_sigmoid_min 96.4 %
zero_centred.accuracy_relu 93.0 %
zero_centred.accuracy_relu_max 97.1 %
zero_centred.accuracy_relu_min 85.1 %
zero_centred.accuracy_saturated_centred 89.4 %
zero_centred.accuracy_saturated_centred_max 90.9 %
zero_centred.accuracy_saturated_centred_min 87.8 %
zero_centred.accuracy_saturated_sigmoid 89.6 %
zero_centred.accuracy_saturated_sigmoid_max 90.2 %
zero_centred.accuracy_saturated_sigmoid_min 89.1 %
zero_centred.accuracy_sigmoid 96.6 %
zero_centred.accuracy_sigmoid_max 97.6 %
zero_centred.accuracy_sigmoid_min 96.0 %
zero_centred.accuracy_tanh 96.8 %
zero_centred.accuracy_tanh_max 97.1 %
zero_centred.accuracy_tanh_min 96.4 %
zero_centred.batch_gradients 23040
zero_centred.batch_mixed_2 13 %
zero_centred.batch_mixed_32 66 %
zero_centred.batch_mixed_full 100 %
zero_centred.batch_ratio 30×
zero_centred.batch_same_sign_positive 0 %
zero_centred.batch_size_32 32
zero_centred.batch_steps_centred 3
zero_centred.batch_steps_centred_max 19
zero_centred.batch_steps_centred_min 3
zero_centred.batch_steps_positive 90
zero_centred.batch_steps_positive_max 96
zero_centred.batch_steps_positive_min 82
zero_centred.bias_batch_max 1 × 10⁻³
zero_centred.bias_batch_steps 359
zero_centred.bias_centred_batch_steps 201
zero_centred.bias_end_0 -0.47
zero_centred.bias_end_1 -0.47
zero_centred.bias_end_north_east_0 -0.04
zero_centred.bias_end_north_east_1 0.04
zero_centred.bias_end_other_0 -0.30
zero_centred.bias_end_other_1 -0.60
zero_centred.bias_sample_mixed 49 %
zero_centred.bias_sample_steps 356
zero_centred.bias_sample_steps_weights 356
zero_centred.bias_seed_count 6
zero_centred.bias_seed_max -0.33
zero_centred.bias_seed_mean -0.47
zero_centred.bias_seed_min -0.57
zero_centred.centring_speedup 2.2×
zero_centred.centring_speedup_max 2.5×
zero_centred.centring_speedup_min 2.0×
zero_centred.condition_centred 1.06
zero_centred.condition_population 12.5
zero_centred.condition_positive 12.8
zero_centred.curvature_centred 1.00
zero_centred.curvature_centred_relu 2.7
zero_centred.curvature_centred_sigmoid 1.00
zero_centred.curvature_raw 11.5
zero_centred.curvature_relu 8.3
zero_centred.curvature_sigmoid 9.1
zero_centred.epochs_centred_lr_small 18.7
zero_centred.epochs_centred_relu 6.3
zero_centred.epochs_centred_relu_max 7
zero_centred.epochs_centred_relu_min 6
zero_centred.epochs_centred_sigmoid 4.3
zero_centred.epochs_centred_sigmoid_max 5
zero_centred.epochs_centred_sigmoid_min 4
zero_centred.epochs_logistic 6.0
zero_centred.epochs_relu 4.7
zero_centred.epochs_relu_max 6
zero_centred.epochs_relu_min 4
zero_centred.epochs_saturated_centred 8.7
zero_centred.epochs_saturated_centred_max 10
zero_centred.epochs_saturated_centred_min 8
zero_centred.epochs_saturated_sigmoid 15.3
zero_centred.epochs_saturated_sigmoid_max 19
zero_centred.epochs_saturated_sigmoid_min 13
zero_centred.epochs_sigmoid 9.3
zero_centred.epochs_sigmoid_lr_large 12.0
zero_centred.epochs_sigmoid_lr_small 19.3
zero_centred.epochs_sigmoid_max 10
zero_centred.epochs_sigmoid_min 8
zero_centred.epochs_tanh 4.0
zero_centred.epochs_tanh_max 4
zero_centred.epochs_tanh_min 4
zero_centred.kappa_elu 2.33
zero_centred.kappa_gelu 8.37
zero_centred.kappa_leaky_relu 15.5
zero_centred.kappa_log_steps 93
zero_centred.kappa_prelu 7.49
zero_centred.kappa_relu 15.9
zero_centred.kappa_rrelu 8.01
zero_centred.kappa_sigmoid 185
zero_centred.kappa_silu 5.36
zero_centred.kappa_softplus 77.6
zero_centred.kappa_tanh 1
zero_centred.large_weights_accuracy_loss 7.0
zero_centred.large_weights_slowdown 1.6×
zero_centred.large_weights_slowdown_max 1.9×
zero_centred.large_weights_slowdown_min 1.4×
zero_centred.linear_baseline_accuracy 96.0 %
zero_centred.logistic_centred_epochs 6.3
zero_centred.logistic_centred_lr 100
zero_centred.logistic_lr_max 300
zero_centred.logistic_raw_epochs 17.0
zero_centred.logistic_raw_lr 10
zero_centred.lr_centred_relu 1
zero_centred.lr_centred_sigmoid 10
zero_centred.lr_count 4
zero_centred.lr_large 10
zero_centred.lr_logistic 3
zero_centred.lr_max 30
zero_centred.lr_min 1
zero_centred.lr_relu 1
zero_centred.lr_saturated_centred 10
zero_centred.lr_saturated_sigmoid 10
zero_centred.lr_sigmoid 3
zero_centred.lr_small 1
zero_centred.lr_tanh 3
zero_centred.mean_centred_relu_layer1 0.02
zero_centred.mean_centred_relu_layer2 -0.16
zero_centred.mean_closed_form_error 2 × 10⁻¹⁶
zero_centred.mean_elu 0.161
zero_centred.mean_gelu 0.282
zero_centred.mean_leaky_relu 0.395
zero_centred.mean_prelu 0.299
zero_centred.mean_relu 0.399
zero_centred.mean_relu_layer1 0.42
zero_centred.mean_relu_layer2 0.27
zero_centred.mean_rrelu 0.308
zero_centred.mean_sigmoid 0.500
zero_centred.mean_silu 0.207
zero_centred.mean_softplus 0.806
zero_centred.mean_tanh 0.000
zero_centred.minus_mean_0 -0.48
zero_centred.minus_mean_1 -0.51
zero_centred.network_batch 64
zero_centred.network_depth 2
zero_centred.network_epochs 20
zero_centred.network_seeds 3
zero_centred.network_width 32
zero_centred.north_east_first_distance 0.69
zero_centred.north_east_reversals 67 %
zero_centred.north_east_sample_steps 92
zero_centred.north_west_first_distance 1.24
zero_centred.north_west_reversals 69 %
zero_centred.other_bias_target 2
zero_centred.predicted_steps_positive 90
zero_centred.relu_lr_max 3
zero_centred.relu_lr_min 0.3
zero_centred.sample_ratio 5.1×
zero_centred.sample_same_sign_centred 26 %
zero_centred.sample_same_sign_positive 100 %
zero_centred.sample_steps_centred 19
zero_centred.sample_steps_positive 96
zero_centred.saturated_first 71 %
zero_centred.saturated_plain 0.2 %
zero_centred.saturated_second 59 %
zero_centred.saturating_gain 16
zero_centred.shift_max_condition 48
zero_centred.shift_max_mean 1
zero_centred.shift_max_steps 348
zero_centred.shift_prediction_gap 0
zero_centred.sigmoid_variance 0.0434
zero_centred.start_distance 1.41
zero_centred.target_loss 0.05
zero_centred.zigzag_samples 256
zero_centred.zigzag_tol 1 × 10⁻³
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
from scipy import integrate
from scipy.special import expit

from actbook import nn, validation
from actbook.activations import ACTIVATIONS, Activation, ReLU, Sigmoid, Tanh, get_activation
from actbook.activations._base import ActivationProperties
from actbook.activations.sigmoidal import sigmoid, sigmoid_derivative
from actbook.claims._registry import claim, fixed, integer, percent, ratio, sci
from actbook.experiments.digits import digits_split, linear_baseline
from actbook.experiments.zigzag import DescentRun, ZigzagResult, descend, zigzag

# --- The zig-zag problem -------------------------------------------------------------------

#: Samples of the two-input problem (sigmoid outputs of standard-normal numbers) ...
ZIGZAG_SAMPLES = 256
#: ... drawn with this seed, which also orders the samples of every descent.
ZIGZAG_SEED = 0
#: The optimum w*: the first weight must grow, the second shrink, from the start (0, 0).
ZIGZAG_TARGET = (1.0, -1.0)
#: A target in an allowed direction from the start: both weights grow.
NORTH_EAST_TARGET = (1.0, 1.0)
#: Convergence radius: a run has converged when |w - w*| is below it.
ZIGZAG_TOL = 1e-3
#: Batch sizes of the mini-batch curve, from one sample to all of them.
BATCH_SIZES = tuple(2**k for k in range(9))
#: Means m of the inputs sigma(z) - 1/2 + m whose condition numbers and steps are measured.
MEAN_SHIFTS = tuple(k / 10 for k in range(11))
#: Seeds over which the end points of the per-input biases are compared.
BIAS_SEEDS = tuple(range(6))
#: A second target of the per-input-bias runs, neither on the diagonal nor the anti-diagonal.
OTHER_BIAS_TARGET = (2.0, -1.0)

# --- The network on the digits -------------------------------------------------------------

#: Two hidden layers of this width; the activation table's condition numbers use it too.
NETWORK_WIDTH = 32
NETWORK_DEPTH = 2
#: Mini-batch size, epochs and seeds of every network and logistic-regression run.
NETWORK_BATCH = 64
NETWORK_EPOCHS = 20
NETWORK_SEEDS = (0, 1, 2)
#: The learning rates tried for the sigmoid and tanh variants; each variant is reported at
#: its best one, which lies inside the grid (no network reached the target loss at the
#: largest rate with every seed).
LEARNING_RATES = (1.0, 3.0, 10.0, 30.0)
#: The learning rates of the ReLU variants: they diverge above their best rate, and are
#: as fast at a rate below it, so their grid is shifted down.
RELU_LEARNING_RATES = (0.3, 1.0, 3.0)
#: A small and a large rate of the grid at which the sigmoid networks are compared.
SMALL_LEARNING_RATE = 1.0
LARGE_LEARNING_RATE = 10.0
#: The learning rates of logistic regression trained by SGD: on centred pixels it is
#: fastest at a much larger rate than the networks, so its grid extends further.
LOGISTIC_LEARNING_RATES = (1.0, 3.0, 10.0, 30.0, 100.0, 300.0)
#: A run is fast when its training loss (the mean over an epoch's mini-batches) falls
#: below this value; "epochs to target" counts the epochs until then.
TARGET_LOSS = 0.05
#: The large-weight variants multiply the initial (Xavier) weights of both hidden layers
#: by this, which saturates most of their sigmoid units.
SATURATING_GAIN = 16.0


# ============================================================================================
# The zig-zag
# ============================================================================================


@cache
def zigzag_result() -> ZigzagResult:
    """The chapter's two-input problem: per-sample and full-batch descent, both input sets.

    Examples
    --------
    >>> zigzag_result().positive.X.shape
    (256, 2)
    """
    return zigzag(ZIGZAG_SAMPLES, target=ZIGZAG_TARGET, tol=ZIGZAG_TOL, seed=ZIGZAG_SEED)


def _descend(X: np.ndarray, batch_size: int, **kwargs: Any) -> DescentRun:
    return descend(
        X, ZIGZAG_TARGET, batch_size=batch_size, tol=ZIGZAG_TOL, seed=ZIGZAG_SEED, **kwargs
    )


def _steps(run: DescentRun) -> int:
    if run.steps_to_converge is None:
        raise RuntimeError("a descent of the chapter did not converge within its budget")
    return run.steps_to_converge


@cache
def sigmoid_output_moments() -> tuple[float, float]:
    """Mean and variance of ``sigmoid(Z)`` for a standard normal ``Z``, by quadrature.

    Examples
    --------
    >>> mean, variance = sigmoid_output_moments()
    >>> round(mean, 12), round(variance, 4)
    (0.5, 0.0434)
    """
    return gaussian_moments(Sigmoid())


def condition_number(mean: float, variance: float, n_inputs: int) -> float:
    """Condition number of ``E[x x^T]`` for independent inputs of equal mean and variance.

    ``E[x x^T] = variance I + mean^2 1 1^T`` has the eigenvalue ``variance + n mean^2``
    along ``(1, ..., 1)`` and ``variance`` on every direction orthogonal to it, so the
    condition number is ``1 + n mean^2 / variance``.

    Parameters
    ----------
    mean : float
        The common mean of the inputs, finite.
    variance : float
        Their common variance, finite and > 0.
    n_inputs : int
        At least 1.

    Examples
    --------
    >>> condition_number(0.5, 0.25, 2)
    3.0
    >>> condition_number(0.0, 1.0, 100)
    1.0
    >>> condition_number(0.5, 0.0, 2)
    Traceback (most recent call last):
    ...
    ValueError: variance must be a finite number > 0, got 0.0
    """
    mean = validation.finite_real(mean, "mean")
    variance = validation.positive_real(variance, "variance")
    n_inputs = validation.positive_int(n_inputs, "n_inputs")
    return 1.0 + n_inputs * mean**2 / variance


def predicted_steps(kappa: float, distance: float, tol: float) -> int:
    """Full-batch steps to ``tol`` with ``lr = 1 / lambda_max``, along the flattest direction.

    Along an eigenvector of eigenvalue ``lambda`` the error shrinks by ``1 - lambda /
    lambda_max`` per step; along the flattest one that is ``1 - 1 / kappa``. An error
    of length ``distance`` along it needs the smallest ``k`` with
    ``distance (1 - 1 / kappa)^k < tol``, about ``kappa ln(distance / tol)``.

    Parameters
    ----------
    kappa : float
        The condition number, > 1.
    distance, tol : float
        The initial distance and the tolerance, ``distance > tol > 0``.

    Examples
    --------
    >>> predicted_steps(2.0, 1.0, 0.1)  # halves each step: 1/16 < 0.1 after 4
    4
    """
    kappa = validation.positive_real(kappa, "kappa")
    if kappa <= 1.0:
        raise ValueError(f"kappa must be > 1, got {kappa}")
    distance = validation.positive_real(distance, "distance")
    tol = validation.positive_real(tol, "tol")
    if distance <= tol:
        raise ValueError(f"distance must exceed tol, got {distance} <= {tol}")
    return math.floor(math.log(distance / tol) / -math.log1p(-1.0 / kappa)) + 1


@cache
def shifted_inputs(mean: float) -> np.ndarray:
    """The zig-zag inputs moved to mean ``mean``: ``sigmoid(z) - 1/2 + mean``.

    The standard-normal ``z`` are those of :func:`zigzag_result`, so ``mean = 1/2`` gives
    its all-positive inputs (to rounding).

    Examples
    --------
    >>> bool(np.allclose(shifted_inputs(0.5), zigzag_result().positive.X, rtol=0, atol=1e-15))
    True
    """
    z = np.random.default_rng(ZIGZAG_SEED).standard_normal((ZIGZAG_SAMPLES, 2))
    return expit(z) - 0.5 + validation.finite_real(mean, "mean")


@dataclass(frozen=True)
class ShiftRun:
    """Descents on inputs of one mean: condition number and steps.

    Attributes
    ----------
    mean : float
    condition_number : float
    per_sample_steps, batch_steps : int
    """

    mean: float
    condition_number: float
    per_sample_steps: int
    batch_steps: int


@cache
def shift_runs() -> tuple[ShiftRun, ...]:
    """Per-sample and full-batch descent for every mean of ``MEAN_SHIFTS``.

    Examples
    --------
    >>> runs = shift_runs()
    >>> [run.mean for run in runs][:3], runs[0].condition_number < runs[-1].condition_number
    ([0.0, 0.1, 0.2], True)
    """
    runs = []
    for m in MEAN_SHIFTS:
        X = shifted_inputs(m)
        eigenvalues = np.linalg.eigvalsh(X.T @ X / len(X))
        runs.append(
            ShiftRun(
                mean=m,
                condition_number=float(eigenvalues[-1] / eigenvalues[0]),
                per_sample_steps=_steps(_descend(X, 1)),
                batch_steps=_steps(_descend(X, len(X))),
            )
        )
    return tuple(runs)


@cache
def batch_curve() -> dict[str, tuple[DescentRun, ...]]:
    """Mini-batch descent for every batch size of ``BATCH_SIZES``, both input sets.

    Examples
    --------
    >>> curve = batch_curve()
    >>> sorted(curve), [run.batch_size for run in curve["positive"]][:4]
    (['centered', 'positive'], [1, 2, 4, 8])
    """
    result = zigzag_result()
    return {
        inputs.inputs: tuple(_descend(inputs.X, size) for size in BATCH_SIZES)
        for inputs in (result.positive, result.centered)
    }


def mixed_fraction(run: DescentRun) -> float:
    """Share of a run's updates whose two components have opposite signs.

    Examples
    --------
    >>> mixed_fraction(zigzag_result().positive.per_sample)
    0.0
    """
    return 1.0 - run.same_sign_fraction


@cache
def input_bias_runs() -> dict[str, DescentRun]:
    """S5's per-input biases on the all-positive inputs: learned from zero or from -mean.

    Towards ``ZIGZAG_TARGET`` one sample at a time and with the full batch; from zero
    also one sample at a time towards ``NORTH_EAST_TARGET`` and ``OTHER_BIAS_TARGET``.

    Examples
    --------
    >>> runs = input_bias_runs()
    >>> sorted(runs)[:3], runs["batch, zero"].bias_path.shape[1]
    (['batch, minus mean', 'batch, zero', 'sample, north-east'], 2)
    """
    X = zigzag_result().positive.X
    minus_mean = tuple(-X.mean(axis=0))
    common = {"input_bias": (0.0, 0.0), "tol": ZIGZAG_TOL, "seed": ZIGZAG_SEED}
    return {
        "sample, zero": _descend(X, 1, input_bias=(0.0, 0.0)),
        "batch, zero": _descend(X, len(X), input_bias=(0.0, 0.0)),
        "batch, minus mean": _descend(X, len(X), input_bias=minus_mean),
        "sample, north-east": descend(X, NORTH_EAST_TARGET, **common),
        "sample, other": descend(X, OTHER_BIAS_TARGET, **common),
    }


@cache
def input_bias_end_points() -> np.ndarray:
    """Per-input biases learned from zero one sample at a time, at the end, per seed.

    For every seed of ``BIAS_SEEDS`` the inputs are drawn again (sigmoid outputs of
    standard-normal numbers) and descended with that seed.

    Examples
    --------
    >>> input_bias_end_points().shape == (len(BIAS_SEEDS), 2)
    True
    """
    ends = []
    for seed in BIAS_SEEDS:
        X = expit(np.random.default_rng(seed).standard_normal((ZIGZAG_SAMPLES, 2)))
        run = descend(X, ZIGZAG_TARGET, input_bias=(0.0, 0.0), tol=ZIGZAG_TOL, seed=seed)
        _steps(run)
        ends.append(run.bias_path[-1])
    return np.array(ends)


# --- claims: the zig-zag -------------------------------------------------------------------

_ZIGZAG = (
    r"Two-input linear unit $f = w_0 x_0 + w_1 x_1$ learning the realizable targets "
    r"$t = w^{*\top} x$, $w^* =$ `ZIGZAG_TARGET`, from $w = 0$, on "
    r"{claim}`zero_centred.zigzag_samples` inputs $x_i = \sigma(z_i)$ with $z_i$ standard "
    r"normal (seed `ZIGZAG_SEED`), or the same inputs minus their mean; "
    r"`actbook.experiments.zigzag.descend`, each update with the step $1/\lambda_{\max}$ of "
    r"its mini-batch's curvature, until $|w - w^*| <$ {claim}`zero_centred.zigzag_tol`."
)


@claim(
    "zero_centred.zigzag_samples",
    fmt=integer,
    statement="Samples of the chapter's two-input zig-zag problem.",
    method="The constant `ZIGZAG_SAMPLES` of `actbook.claims.zero_centred`.",
)
def zigzag_samples() -> int:
    return int(ZIGZAG_SAMPLES)


@claim(
    "zero_centred.zigzag_tol",
    fmt=sci(1),
    statement="A descent of the zig-zag problem has converged when it is this close to $w^*$.",
    method="The constant `ZIGZAG_TOL` of `actbook.claims.zero_centred`.",
)
def zigzag_tol() -> float:
    return float(ZIGZAG_TOL)


@claim(
    "zero_centred.sigmoid_variance",
    fmt=fixed(4),
    statement=r"The variance of $\sigma(Z)$ for a standard normal $Z$ (its mean is $1/2$).",
    method=(
        r"$\int (\sigma(z) - \tfrac12)^2 \varphi(z)\,dz$ by adaptive quadrature "
        r"(`scipy.integrate.quad`) with the standard normal density $\varphi$."
    ),
)
def sigmoid_variance() -> float:
    return sigmoid_output_moments()[1]


@claim(
    "zero_centred.condition_population",
    fmt=fixed(1),
    statement=(
        r"For two independent sigmoid inputs, $E[x x^\top]$ has condition number "
        r"$1 + 2\mu^2/s^2$ with $\mu = 1/2$ and $s^2$ the variance of $\sigma(Z)$."
    ),
    method=(
        r"`condition_number` of `actbook.claims.zero_centred` with the mean and variance "
        r"of $\sigma(Z)$ from quadrature."
    ),
    papers=("lecun1998efficient",),
)
def condition_population() -> float:
    mean, variance = sigmoid_output_moments()
    return condition_number(mean, variance, 2)


@claim(
    "zero_centred.condition_positive",
    fmt=fixed(1),
    statement=r"The Hessian $X^\top X / n$ of the sample of sigmoid inputs is ill-conditioned.",
    method=r"$\lambda_{\max}/\lambda_{\min}$ of $X^\top X / n$ for the inputs of: " + _ZIGZAG,
)
def condition_positive() -> float:
    return zigzag_result().positive.condition_number


@claim(
    "zero_centred.condition_centred",
    fmt=fixed(2),
    statement=r"Centred, the same inputs give a Hessian with condition number near one.",
    method=r"$\lambda_{\max}/\lambda_{\min}$ of $X^\top X / n$ for the centred inputs of: "
    + _ZIGZAG,
)
def condition_centred() -> float:
    return zigzag_result().centered.condition_number


@claim(
    "zero_centred.sample_steps_positive",
    fmt=integer,
    statement="Updates of per-sample descent (batch size one) on the sigmoid inputs.",
    method="Updates to converge with batch size one: " + _ZIGZAG,
)
def sample_steps_positive() -> int:
    return _steps(zigzag_result().positive.per_sample)


@claim(
    "zero_centred.sample_steps_centred",
    fmt=integer,
    statement="Updates of per-sample descent on the centred inputs.",
    method="Updates to converge with batch size one, centred inputs: " + _ZIGZAG,
)
def sample_steps_centred() -> int:
    return _steps(zigzag_result().centered.per_sample)


@claim(
    "zero_centred.sample_same_sign_positive",
    fmt=percent(0),
    statement=(
        "With sigmoid inputs every per-sample update moves both weights the same way: "
        "it points into the north-east or the south-west quadrant."
    ),
    method="Share of the per-sample updates whose two components share a sign: " + _ZIGZAG,
)
def sample_same_sign_positive() -> float:
    return zigzag_result().positive.per_sample.same_sign_fraction


@claim(
    "zero_centred.sample_same_sign_centred",
    fmt=percent(0),
    statement="With centred inputs, per-sample updates often move the weights in opposite ways.",
    method="Share of the per-sample updates whose two components share a sign, centred "
    "inputs: " + _ZIGZAG,
)
def sample_same_sign_centred() -> float:
    return zigzag_result().centered.per_sample.same_sign_fraction


@claim(
    "zero_centred.batch_steps_positive",
    fmt=integer,
    statement="Steps of full-batch descent on the sigmoid inputs.",
    method="Full-batch steps to converge: " + _ZIGZAG,
    papers=("lecun1998efficient",),
)
def batch_steps_positive() -> int:
    return _steps(zigzag_result().positive.batch)


@claim(
    "zero_centred.batch_steps_centred",
    fmt=integer,
    statement="Steps of full-batch descent on the centred inputs.",
    method="Full-batch steps to converge, centred inputs: " + _ZIGZAG,
)
def batch_steps_centred() -> int:
    return _steps(zigzag_result().centered.batch)


@claim(
    "zero_centred.batch_same_sign_positive",
    fmt=percent(0),
    statement=(
        "With the full batch, the updates on sigmoid inputs move the weights in opposite "
        "ways: the summed gradient has mixed signs."
    ),
    method="Share of the full-batch updates whose two components share a sign: " + _ZIGZAG,
)
def batch_same_sign_positive() -> float:
    return zigzag_result().positive.batch.same_sign_fraction


@claim(
    "zero_centred.predicted_steps_positive",
    fmt=integer,
    statement=(
        r"The condition number predicts the full-batch steps: the error along the flattest "
        r"direction shrinks by $1 - 1/\kappa$ per step."
    ),
    method=(
        r"`predicted_steps` of `actbook.claims.zero_centred` with the sample's condition "
        r"number, the distance $|w^*|$ from the start and the tolerance: " + _ZIGZAG
    ),
    papers=("lecun1998efficient",),
)
def predicted_steps_positive() -> int:
    result = zigzag_result()
    distance = float(np.linalg.norm(result.target - result.start))
    return predicted_steps(result.positive.condition_number, distance, ZIGZAG_TOL)


@claim(
    "zero_centred.sample_ratio",
    fmt=ratio(1),
    statement="Per-sample descent needs several times more updates on sigmoid inputs.",
    method="Ratio of the per-sample updates, sigmoid inputs over centred inputs: " + _ZIGZAG,
)
def sample_ratio() -> float:
    return sample_steps_positive() / sample_steps_centred()


@claim(
    "zero_centred.batch_ratio",
    fmt=ratio(0),
    statement="Full-batch descent needs many times more steps on sigmoid inputs.",
    method="Ratio of the full-batch steps, sigmoid inputs over centred inputs: " + _ZIGZAG,
)
def batch_ratio() -> float:
    return batch_steps_positive() / batch_steps_centred()


@claim(
    "zero_centred.batch_gradients",
    fmt=integer,
    statement=(
        "Counted in gradients of single samples, the full-batch descent costs far more than "
        "per-sample descent."
    ),
    method="Full-batch steps times the number of samples: " + _ZIGZAG,
)
def batch_gradients() -> int:
    return batch_steps_positive() * ZIGZAG_SAMPLES


@claim(
    "zero_centred.shift_max_mean",
    fmt=".6g",
    statement="The largest input mean of the chapter's sweep of condition numbers.",
    method="The last entry of `MEAN_SHIFTS` of `actbook.claims.zero_centred`.",
)
def shift_max_mean() -> float:
    return float(MEAN_SHIFTS[-1])


@claim(
    "zero_centred.shift_max_condition",
    fmt=fixed(0),
    statement="Inputs with a larger mean give a larger condition number.",
    method=(
        r"$\lambda_{\max}/\lambda_{\min}$ of $X^\top X / n$ for the inputs "
        r"$\sigma(z) - \tfrac12 + m$ with the largest $m$ of `MEAN_SHIFTS`: " + _ZIGZAG
    ),
)
def shift_max_condition() -> float:
    return shift_runs()[-1].condition_number


@claim(
    "zero_centred.shift_max_steps",
    fmt=integer,
    statement="Inputs with a larger mean need more full-batch steps.",
    method=(
        r"Full-batch steps for the inputs $\sigma(z) - \tfrac12 + m$ with the largest $m$ "
        r"of `MEAN_SHIFTS`: " + _ZIGZAG
    ),
)
def shift_max_steps() -> int:
    return shift_runs()[-1].batch_steps


@claim(
    "zero_centred.shift_prediction_gap",
    fmt=integer,
    statement=(
        r"Across input means, the full-batch steps are those that $1 - 1/\kappa$ per step "
        r"predicts along the flattest direction."
    ),
    method=(
        r"Largest difference, in steps, between the measured full-batch steps and "
        r"`predicted_steps` over the means of `MEAN_SHIFTS`: " + _ZIGZAG
    ),
    papers=("lecun1998efficient",),
)
def shift_prediction_gap() -> int:
    distance = float(np.linalg.norm(ZIGZAG_TARGET))
    return max(
        abs(run.batch_steps - predicted_steps(run.condition_number, distance, ZIGZAG_TOL))
        for run in shift_runs()
    )


@claim(
    "zero_centred.kappa_log_steps",
    fmt=fixed(0),
    statement=r"The approximation $\kappa \ln(d/\epsilon)$ of the full-batch steps.",
    method=(
        r"The sample's condition number times $\ln(|w^*|/\epsilon)$ with the tolerance "
        r"$\epsilon$: " + _ZIGZAG
    ),
    papers=("lecun1998efficient",),
)
def kappa_log_steps() -> float:
    result = zigzag_result()
    distance = float(np.linalg.norm(result.target - result.start))
    return result.positive.condition_number * math.log(distance / ZIGZAG_TOL)


@cache
def north_east_runs() -> tuple[DescentRun, DescentRun]:
    """One example per update on the sigmoid inputs, towards ``NORTH_EAST_TARGET`` and
    towards ``ZIGZAG_TARGET`` (one weight up, the other down).

    Examples
    --------
    >>> [run.batch_size for run in north_east_runs()]
    [1, 1]
    """
    X = zigzag_result().positive.X
    common = {"batch_size": 1, "tol": ZIGZAG_TOL, "seed": ZIGZAG_SEED}
    return descend(X, NORTH_EAST_TARGET, **common), descend(X, ZIGZAG_TARGET, **common)


def reversal_fraction(run: DescentRun) -> float:
    """Share of updates whose first component has the opposite sign of the update before.

    On all-positive inputs every single-example update points north-east or south-west,
    so a reversal of the first component is a turn from one of these to the other.

    Examples
    --------
    >>> path = np.array([[0.0, 0.0], [1.0, 1.0], [0.5, 0.5], [0.2, 0.2], [0.4, 0.3]])
    >>> reversal_fraction(DescentRun(path, None, 1.0, 1, np.ones(4)))
    0.6666666666666666
    """
    updates = np.diff(run.path[:, 0])
    signs = np.sign(updates[updates != 0])
    if signs.size < 2:
        raise ValueError("a reversal fraction needs at least two nonzero updates")
    return float(np.mean(signs[1:] != signs[:-1]))


def _first_step_distance(run: DescentRun, target: tuple[float, float]) -> float:
    return float(np.linalg.norm(run.path[1] - np.asarray(target)))


_NORTH_EAST = (
    r"One example per update on the sigmoid inputs, towards `NORTH_EAST_TARGET` = $(1, 1)$ "
    r"and towards `ZIGZAG_TARGET`: "
)


@claim(
    "zero_centred.north_east_first_distance",
    fmt=fixed(2),
    statement="Towards a target to the north-east, the first single-example update covers "
    "about half the way.",
    method="Distance to `NORTH_EAST_TARGET` after the first update. " + _NORTH_EAST + _ZIGZAG,
)
def north_east_first_distance() -> float:
    return _first_step_distance(north_east_runs()[0], NORTH_EAST_TARGET)


@claim(
    "zero_centred.north_west_first_distance",
    fmt=fixed(2),
    statement="Towards the chapter's target, the first single-example update covers little "
    "of the way.",
    method="Distance to `ZIGZAG_TARGET` after the first update. " + _NORTH_EAST + _ZIGZAG,
)
def north_west_first_distance() -> float:
    return _first_step_distance(north_east_runs()[1], ZIGZAG_TARGET)


@claim(
    "zero_centred.start_distance",
    fmt=fixed(2),
    statement="Both targets lie at the same distance from the start.",
    method=r"$|w^*|$ for `NORTH_EAST_TARGET` (the same for `ZIGZAG_TARGET`).",
)
def start_distance() -> float:
    return float(np.linalg.norm(NORTH_EAST_TARGET))


@claim(
    "zero_centred.north_east_sample_steps",
    fmt=integer,
    statement="Even towards a target to the north-east, single-example descent needs many updates.",
    method="Updates to converge towards `NORTH_EAST_TARGET`. " + _NORTH_EAST + _ZIGZAG,
)
def north_east_sample_steps() -> int:
    return _steps(north_east_runs()[0])


@claim(
    "zero_centred.north_east_reversals",
    fmt=percent(0),
    statement="Towards a target to the north-east, single-example updates zig-zag too.",
    method=(
        "Share of the updates that reverse the direction of the update before "
        "(`reversal_fraction`), towards `NORTH_EAST_TARGET`. " + _NORTH_EAST + _ZIGZAG
    ),
)
def north_east_reversals() -> float:
    return reversal_fraction(north_east_runs()[0])


@claim(
    "zero_centred.north_west_reversals",
    fmt=percent(0),
    statement="Towards the chapter's target, single-example updates zig-zag.",
    method=(
        "Share of the updates that reverse the direction of the update before "
        "(`reversal_fraction`), towards `ZIGZAG_TARGET`. " + _NORTH_EAST + _ZIGZAG
    ),
)
def north_west_reversals() -> float:
    return reversal_fraction(north_east_runs()[1])


# --- claims: batch size ----------------------------------------------------------------------


def _batch_run(inputs: str, size: int) -> DescentRun:
    return batch_curve()[inputs][BATCH_SIZES.index(size)]


_BATCH = "Mini-batch descent of every batch size of `BATCH_SIZES`: " + _ZIGZAG


@claim(
    "zero_centred.batch_mixed_2",
    fmt=percent(0),
    statement="With two samples per update, some updates already have mixed signs.",
    method="Share of mixed-sign updates with batch size two, sigmoid inputs. " + _BATCH,
)
def batch_mixed_2() -> float:
    return mixed_fraction(_batch_run("positive", 2))


@claim(
    "zero_centred.batch_mixed_32",
    fmt=percent(0),
    statement="The share of mixed-sign updates grows with the batch size.",
    method="Share of mixed-sign updates with batch size `BATCH_SIZES[5]`, sigmoid inputs. "
    + _BATCH,
)
def batch_mixed_32() -> float:
    return mixed_fraction(_batch_run("positive", BATCH_SIZES[5]))


@claim(
    "zero_centred.batch_size_32",
    fmt=integer,
    statement="A middle batch size of the chapter's curve.",
    method="The entry `BATCH_SIZES[5]` of `actbook.claims.zero_centred`.",
)
def batch_size_32() -> int:
    return int(BATCH_SIZES[5])


@claim(
    "zero_centred.batch_mixed_full",
    fmt=percent(0),
    statement="With the full batch, nearly every update has mixed signs.",
    method="Share of mixed-sign updates with the full batch, sigmoid inputs. " + _BATCH,
)
def batch_mixed_full() -> float:
    return mixed_fraction(_batch_run("positive", BATCH_SIZES[-1]))


def _steps_over_batch_sizes(inputs: str) -> list[int]:
    return [_steps(run) for run in batch_curve()[inputs]]


@claim(
    "zero_centred.batch_steps_positive_min",
    fmt=integer,
    statement="Whatever the batch size, descent on sigmoid inputs needs many updates.",
    method="Fewest updates to converge over the batch sizes, sigmoid inputs. " + _BATCH,
)
def batch_steps_positive_min() -> int:
    return min(_steps_over_batch_sizes("positive"))


@claim(
    "zero_centred.batch_steps_positive_max",
    fmt=integer,
    statement="The updates needed on sigmoid inputs hardly depend on the batch size.",
    method="Most updates to converge over the batch sizes, sigmoid inputs. " + _BATCH,
)
def batch_steps_positive_max() -> int:
    return max(_steps_over_batch_sizes("positive"))


@claim(
    "zero_centred.batch_steps_centred_min",
    fmt=integer,
    statement="On centred inputs, larger batches converge in very few updates.",
    method="Fewest updates to converge over the batch sizes, centred inputs. " + _BATCH,
)
def batch_steps_centred_min() -> int:
    return min(_steps_over_batch_sizes("centered"))


@claim(
    "zero_centred.batch_steps_centred_max",
    fmt=integer,
    statement="On centred inputs, every batch size converges in few updates.",
    method="Most updates to converge over the batch sizes, centred inputs. " + _BATCH,
)
def batch_steps_centred_max() -> int:
    return max(_steps_over_batch_sizes("centered"))


# --- claims: per-input biases -----------------------------------------------------------------

_BIAS = (
    r"S5's unit $f = \sum_i w_i (x_i + b_i)$ learning $w$ and $b$ by "
    r"`actbook.experiments.zigzag.descend` with `input_bias`, on the sigmoid inputs of: "
    + _ZIGZAG
    + r" The run has converged when also $|w \cdot b| <$ {claim}`zero_centred.zigzag_tol`."
)


@claim(
    "zero_centred.bias_sample_steps",
    fmt=integer,
    statement="With learned per-input biases, per-sample descent needs more updates, not fewer.",
    method="Updates to converge, batch size one, biases from zero. " + _BIAS,
)
def bias_sample_steps() -> int:
    return _steps(input_bias_runs()["sample, zero"])


@claim(
    "zero_centred.bias_sample_mixed",
    fmt=percent(0),
    statement="With learned per-input biases, about half the per-sample updates have mixed signs.",
    method="Share of the per-sample updates of $w$ with mixed signs, biases from zero. " + _BIAS,
)
def bias_sample_mixed() -> float:
    return mixed_fraction(input_bias_runs()["sample, zero"])


@claim(
    "zero_centred.bias_batch_steps",
    fmt=integer,
    statement="With learned per-input biases, full-batch descent needs more steps, not fewer.",
    method="Full-batch steps to converge, biases from zero. " + _BIAS,
)
def bias_batch_steps() -> int:
    return _steps(input_bias_runs()["batch, zero"])


@claim(
    "zero_centred.bias_batch_max",
    fmt=sci(1),
    statement="Learned with the full batch from zero, the per-input biases hardly move.",
    method="Largest $|b_i|$ along the full-batch run, biases from zero. " + _BIAS,
)
def bias_batch_max() -> float:
    return float(np.max(np.abs(input_bias_runs()["batch, zero"].bias_path)))


@claim(
    "zero_centred.bias_centred_batch_steps",
    fmt=integer,
    statement=(
        "Even started at minus the mean of the inputs, learned per-input biases do not make "
        "full-batch descent fast."
    ),
    method="Full-batch steps to converge, biases from minus the inputs' mean. " + _BIAS,
)
def bias_centred_batch_steps() -> int:
    return _steps(input_bias_runs()["batch, minus mean"])


@claim(
    "zero_centred.bias_seed_count",
    fmt=integer,
    statement="Seeds over which the learned per-input biases are compared.",
    method="The length of `BIAS_SEEDS` of `actbook.claims.zero_centred`.",
)
def bias_seed_count() -> int:
    return len(BIAS_SEEDS)


@claim(
    "zero_centred.bias_seed_min",
    fmt=fixed(2),
    statement="Learned one sample at a time, the per-input biases end at different places.",
    method=(
        "Smallest end value of a learned per-input bias over the seeds of `BIAS_SEEDS` "
        "(inputs and sample order drawn with each seed), batch size one, from zero. " + _BIAS
    ),
)
def bias_seed_min() -> float:
    return float(np.min(input_bias_end_points()))


@claim(
    "zero_centred.bias_seed_max",
    fmt=fixed(2),
    statement="Learned one sample at a time, the per-input biases end at different places.",
    method=(
        "Largest end value of a learned per-input bias over the seeds of `BIAS_SEEDS` "
        "(inputs and sample order drawn with each seed), batch size one, from zero. " + _BIAS
    ),
)
def bias_seed_max() -> float:
    return float(np.max(input_bias_end_points()))


def _bias_end(run: str, index: int) -> float:
    path = input_bias_runs()[run].bias_path
    _steps(input_bias_runs()[run])
    return float(path[-1][index])


_ENDS = {
    "bias_end": ("sample, zero", "`ZIGZAG_TARGET`"),
    "bias_end_north_east": ("sample, north-east", "`NORTH_EAST_TARGET`"),
    "bias_end_other": ("sample, other", "`OTHER_BIAS_TARGET`"),
}


def _bias_end_claims(key: str, run: str, target: str) -> None:
    for index in (0, 1):

        def compute(index: int = index) -> float:
            return _bias_end(run, index)

        compute.__qualname__ = "input_bias_runs"
        claim(
            f"zero_centred.{key}_{index}",
            fmt=fixed(2),
            statement=(
                f"Where the per-input bias $b_{index}$ ends, learned one sample at a time "
                f"towards {target}."
            ),
            method=(
                f"$b_{index}$ at convergence, batch size one, biases from zero, towards "
                f"{target}. " + _BIAS
            ),
        )(compute)


for _key, (_run, _target) in _ENDS.items():
    _bias_end_claims(_key, _run, _target)


def _minus_mean_claim(index: int) -> None:
    def compute() -> float:
        return float(-zigzag_result().positive.X[:, index].mean())

    compute.__qualname__ = "zigzag_result"
    claim(
        f"zero_centred.minus_mean_{index}",
        fmt=fixed(2),
        statement=f"Minus the mean of the input $x_{index}$: the bias that would centre it.",
        method=f"Minus the mean over the samples of $x_{index}$ in: " + _ZIGZAG,
    )(compute)


for _index in (0, 1):
    _minus_mean_claim(_index)


@claim(
    "zero_centred.other_bias_target",
    fmt=".6g",
    statement="The first component of the third target of the per-input-bias runs.",
    method="The first entry of `OTHER_BIAS_TARGET` of `actbook.claims.zero_centred`.",
)
def other_bias_target() -> float:
    return float(OTHER_BIAS_TARGET[0])


@claim(
    "zero_centred.bias_seed_mean",
    fmt=fixed(2),
    statement="Over seeds, the learned per-input biases ended near minus the inputs' mean.",
    method=(
        "Mean of the end values of the learned per-input biases over the seeds of "
        "`BIAS_SEEDS`, batch size one, from zero. " + _BIAS
    ),
)
def bias_seed_mean() -> float:
    return float(np.mean(input_bias_end_points()))


@claim(
    "zero_centred.bias_sample_steps_weights",
    fmt=integer,
    statement=(
        "With learned per-input biases, the weights alone first come within the tolerance "
        "of $w^*$ at the same update as the whole run converges."
    ),
    method=(
        r"First update with $|w - w^*| <$ {claim}`zero_centred.zigzag_tol`, ignoring the "
        r"condition on $w \cdot b$; batch size one, biases from zero. " + _BIAS
    ),
)
def bias_sample_steps_weights() -> int:
    path = input_bias_runs()["sample, zero"].path
    near = np.linalg.norm(path - np.asarray(ZIGZAG_TARGET), axis=1) < ZIGZAG_TOL
    if not np.any(near):
        raise RuntimeError("the weights never came within the tolerance")
    return int(np.argmax(near))


# ============================================================================================
# The mean of every activation under a standard normal input
# ============================================================================================

_NORMAL = 1.0 / math.sqrt(2.0 * math.pi)


def _density(z: float) -> float:
    return _NORMAL * math.exp(-0.5 * z * z)


def gaussian_moments(activation: Activation) -> tuple[float, float]:
    """Mean and variance of ``activation(Z)`` for a standard normal ``Z``, by quadrature.

    Adaptive quadrature (``scipy.integrate.quad``) on each half line, so that a kink at
    the origin sits on an end point. RReLU is evaluated as at test time (its mean slope);
    its random training slopes have the same mean, so the mean output is the same.

    Examples
    --------
    >>> from actbook.activations import ReLU
    >>> mean, variance = gaussian_moments(ReLU())
    >>> round(mean, 10), round(variance, 10)  # 1/sqrt(2 pi) and 1/2 - 1/(2 pi)
    (0.3989422804, 0.3408450569)
    """
    if not isinstance(activation, Activation):
        raise TypeError(f"activation must be an actbook Activation, got {activation!r}")

    def f(z: float) -> float:
        return float(activation(np.array([z]))[0])

    def integral(g: Any) -> float:
        options = {"epsabs": 1e-13, "epsrel": 1e-12, "limit": 200}
        left = integrate.quad(lambda z: g(z) * _density(z), -np.inf, 0.0, **options)[0]
        right = integrate.quad(lambda z: g(z) * _density(z), 0.0, np.inf, **options)[0]
        return left + right

    mean = integral(f)
    variance = integral(lambda z: (f(z) - mean) ** 2)
    return mean, variance


@cache
def activation_moments() -> dict[str, tuple[float, float]]:
    """Mean and variance under N(0, 1) of every activation, default parameters, by name.

    Examples
    --------
    >>> mean, variance = activation_moments()["tanh"]
    >>> mean, round(variance, 4)
    (0.0, 0.3943)
    """
    return {name: gaussian_moments(get_activation(name)) for name in ACTIVATIONS}


def _closed_form_means() -> dict[str, float]:
    """The means that have a closed form, from the activations' default parameters."""
    root = 1.0 / math.sqrt(2.0 * math.pi)
    phi_minus_one = 0.5 * math.erfc(1.0 / math.sqrt(2.0))  # Phi(-1)
    rrelu = get_activation("rrelu")
    return {
        "sigmoid": 0.5,  # sigma(-z) = 1 - sigma(z)
        "tanh": 0.0,  # odd
        "relu": root,
        "leaky_relu": (1.0 - get_activation("leaky_relu").slope) * root,
        "prelu": (1.0 - get_activation("prelu").slope) * root,
        "rrelu": (1.0 - (rrelu.lower + rrelu.upper) / 2.0) * root,
        "elu": root + get_activation("elu").alpha * (math.exp(0.5) * phi_minus_one - 0.5),
        "gelu": 1.0 / (2.0 * math.sqrt(math.pi)),  # E[Z Phi(Z)] = E[phi(Z)]
    }


#: Activations whose mean under N(0, 1) has a closed form (the others: SiLU, softplus).
CLOSED_FORM = tuple(_closed_form_means())


def _three_decimals(value: Any) -> str:
    """Three decimals, with a value that rounds to zero shown as 0.000 (never -0.000)."""
    return fixed(3)(round(float(value), 3) + 0.0)


def _mean_claim(name: str) -> None:
    closed = name in CLOSED_FORM

    def compute() -> float:
        return activation_moments()[name][0]

    compute.__qualname__ = "activation_moments"
    claim(
        f"zero_centred.mean_{name}",
        fmt=_three_decimals,
        statement=(
            f"The mean output of {name} for a standard normal input"
            + (", which has a closed form." if closed else "; it has no elementary closed form.")
        ),
        method=(
            r"$\int f(z) \varphi(z)\,dz$ over each half line by adaptive quadrature "
            r"(`gaussian_moments`), default parameters of `actbook.activations`."
        ),
    )(compute)


def _kappa_claim(name: str) -> None:
    def compute() -> float:
        mean, variance = activation_moments()[name]
        return condition_number(mean, variance, NETWORK_WIDTH)

    compute.__qualname__ = "condition_number"
    claim(
        f"zero_centred.kappa_{name}",
        fmt=".3g",
        statement=(
            f"A unit fed by independent {name} outputs of standard-normal pre-activations "
            r"has $E[x x^\top]$ with this condition number."
        ),
        method=(
            r"$1 + n \mu^2 / s^2$ (`condition_number`) with the quadrature mean $\mu$ and "
            r"variance $s^2$ and $n =$ {claim}`zero_centred.network_width` inputs."
        ),
        papers=("lecun1998efficient",),
    )(compute)


for _name in ACTIVATIONS:
    _mean_claim(_name)
    _kappa_claim(_name)


@claim(
    "zero_centred.mean_closed_form_error",
    fmt=sci(1),
    statement="The quadrature means agree with the closed forms where these exist.",
    method=(
        "Largest gap between the quadrature means and the closed forms written in "
        "`_closed_form_means`."
    ),
)
def mean_closed_form_error() -> float:
    closed = _closed_form_means()
    return max(abs(activation_moments()[name][0] - value) for name, value in closed.items())


# ============================================================================================
# The network on the digits
# ============================================================================================


class CentredSigmoid(Activation):
    """The sigmoid shifted down by one half: ``sigma(x) - 1/2 = tanh(x/2) / 2``.

    Same derivative as the sigmoid, so the same saturation and the same gradients
    through the unit; only the mean of its outputs differs.

    Examples
    --------
    >>> act = CentredSigmoid()
    >>> act(np.array([-40.0, 0.0, 40.0]))
    array([-0.5,  0. ,  0.5])
    >>> float(act.derivative(0.0))
    0.25
    """

    name = "centred_sigmoid"
    properties = ActivationProperties(
        range="(-0.5, 0.5)", zero_centered=True, saturating="both", monotonic=True, smooth=True
    )

    def _value(self, x: np.ndarray) -> np.ndarray:
        return sigmoid(x) - 0.5

    def _derivative(self, x: np.ndarray) -> np.ndarray:
        return sigmoid_derivative(x)

    def _derivative_peak(self) -> float:
        return 0.25


#: The shift of the centred ReLU: the mean of ReLU(Z) for a standard normal Z, 1/sqrt(2 pi).
RELU_NORMAL_MEAN = 1.0 / math.sqrt(2.0 * math.pi)


class CentredReLU(Activation):
    """ReLU shifted down by its mean for a standard normal input: ``max(x, 0) - 1/sqrt(2 pi)``.

    Same derivative as ReLU, so the same gradients through the unit; only the mean of
    its outputs differs (zero when the pre-activations are standard normal).

    Examples
    --------
    >>> act = CentredReLU()
    >>> act(np.array([-1.0, 1.0])) + RELU_NORMAL_MEAN
    array([0., 1.])
    >>> act.derivative(np.array([-1.0, 1.0]))
    array([0., 1.])
    """

    name = "centred_relu"
    properties = ActivationProperties(
        range="[-0.39894…, ∞)",
        zero_centered=False,
        saturating="negative",
        monotonic=True,
        smooth=False,
        kink_convention="f'(0) taken as 0, as for ReLU",
    )

    def _value(self, x: np.ndarray) -> np.ndarray:
        return np.maximum(x, 0.0) - RELU_NORMAL_MEAN

    def _derivative(self, x: np.ndarray) -> np.ndarray:
        return np.heaviside(x, 0.0)

    def _derivative_peak(self) -> float:
        return 1.0


#: The hidden activations and the factors of their initial weights, by name.
VARIANTS: dict[str, tuple[type[Activation], float]] = {
    "sigmoid": (Sigmoid, 1.0),
    "centred sigmoid": (CentredSigmoid, 1.0),
    "tanh": (Tanh, 1.0),
    "sigmoid, large weights": (Sigmoid, SATURATING_GAIN),
    "centred sigmoid, large weights": (CentredSigmoid, SATURATING_GAIN),
    "ReLU": (ReLU, 1.0),
    "centred ReLU": (CentredReLU, 1.0),
}


def prepared_inputs(inputs: str = "standardized") -> tuple[np.ndarray, np.ndarray]:
    """Training and test inputs: ``"raw"`` pixels, ``"centred"`` or ``"standardized"``.

    The mean and standard deviation are those of the training set; a pixel that is
    constant there keeps the scale one.

    Examples
    --------
    >>> train, test = prepared_inputs("centred")
    >>> bool(np.allclose(train.mean(axis=0), 0.0))
    True
    """
    validation.one_of(inputs, "inputs", ("raw", "centred", "standardized"))
    X_train, X_test, _, _ = digits_split()
    if inputs == "raw":
        return X_train, X_test
    mean = X_train.mean(axis=0)
    scale = X_train.std(axis=0) if inputs == "standardized" else np.ones(X_train.shape[1])
    scale = np.where(scale > 0, scale, 1.0)
    return (X_train - mean) / scale, (X_test - mean) / scale


def build_network(variant: str, seed: int) -> nn.Sequential:
    """The digits network of one variant: two hidden layers, Xavier weights times the gain.

    Examples
    --------
    >>> [type(layer).__name__ for layer in build_network("tanh", 0).layers]
    ['Dense', 'ActivationLayer', 'Dense', 'ActivationLayer', 'Dense']
    """
    activation, gain = VARIANTS[validation.one_of(variant, "variant", tuple(VARIANTS))]
    rng = np.random.default_rng(validation.seed(seed))
    layers: list[nn.Layer] = []
    width = digits_split()[0].shape[1]
    for _ in range(NETWORK_DEPTH):
        dense = nn.Dense(width, NETWORK_WIDTH, rng=rng)
        dense.params["W"] *= gain
        layers += [dense, nn.ActivationLayer(activation())]
        width = NETWORK_WIDTH
    layers.append(nn.Dense(width, len(np.unique(digits_split()[2])), rng=rng))
    return nn.Sequential(layers)


@dataclass(frozen=True)
class TrainingRun:
    """One training run: loss per epoch, test accuracy, saturated share at the start.

    Attributes
    ----------
    loss : ndarray, shape (epochs,)
        Mean training loss of each epoch's mini-batches.
    test_accuracy : float
    saturated_at_start : tuple of float
        Per hidden layer, the share of saturated units on the training inputs.
    """

    loss: np.ndarray
    test_accuracy: float
    saturated_at_start: tuple[float, ...]


def _accuracy(model: nn.Layer, X: np.ndarray, y: np.ndarray) -> float:
    return float(np.mean(np.argmax(model.forward(X), axis=1) == y))


@cache
def train_network(variant: str, lr: float, seed: int) -> TrainingRun:
    """Train one variant on the standardized digits with SGD (``NETWORK_*`` settings).

    Parameters
    ----------
    variant : str
        A key of ``VARIANTS``.
    lr : float
        Learning rate, > 0.
    seed : int
        Seed of the initial weights and of the order of the mini-batches.

    Examples
    --------
    >>> run = train_network("tanh", 3.0, 0)
    >>> len(run.loss) == NETWORK_EPOCHS, run.test_accuracy > 0.9
    (True, True)
    """
    X_train, X_test = prepared_inputs("standardized")
    _, _, y_train, y_test = digits_split()
    model = build_network(variant, seed)
    model.forward(X_train)
    saturated = tuple(s.saturated_fraction for s in nn.layer_statistics(model))
    history = nn.fit(
        model,
        X_train,
        y_train,
        loss="softmax_cross_entropy",
        optimizer=nn.SGD(lr),
        epochs=NETWORK_EPOCHS,
        batch_size=NETWORK_BATCH,
        seed=seed,
    )
    return TrainingRun(history.loss, _accuracy(model, X_test, y_test), saturated)


@cache
def train_logistic(inputs: str, lr: float, seed: int) -> TrainingRun:
    """Multinomial logistic regression (one Dense layer, softmax) with the network's settings.

    ``inputs`` is one of the preparations of :func:`prepared_inputs`.

    Examples
    --------
    >>> train_logistic("standardized", 3.0, 0).test_accuracy > 0.9
    True
    """
    X_train, X_test = prepared_inputs(inputs)
    _, _, y_train, y_test = digits_split()
    model = nn.Dense(X_train.shape[1], len(np.unique(y_train)), seed=seed)
    history = nn.fit(
        model,
        X_train,
        y_train,
        loss="softmax_cross_entropy",
        optimizer=nn.SGD(lr),
        epochs=NETWORK_EPOCHS,
        batch_size=NETWORK_BATCH,
        seed=seed,
    )
    return TrainingRun(history.loss, _accuracy(model, X_test, y_test), ())


def epochs_to_target(loss: np.ndarray) -> float:
    """Epochs until the loss falls below ``TARGET_LOSS`` (1-based); inf if it never does.

    Examples
    --------
    >>> epochs_to_target(np.array([0.9, 0.2, 0.04, 0.01]))
    3.0
    >>> epochs_to_target(np.array([0.9, 0.2]))
    inf
    """
    below = np.flatnonzero(np.asarray(loss) < TARGET_LOSS)
    return float(below[0] + 1) if below.size else math.inf


@dataclass(frozen=True)
class VariantSummary:
    """A variant over ``NETWORK_SEEDS`` at every learning rate, and at its best one.

    Attributes
    ----------
    epochs_by_lr : dict of float to float
        Mean epochs to the target loss at each learning rate (inf if a seed missed it).
    best_lr, epochs, test_accuracy : float
        The best learning rate and the means at it.
    seed_epochs, seed_accuracies : tuple of float
        Epochs to the target loss and test accuracy of each seed at the best learning rate.
    loss : ndarray
        Mean loss per epoch at the best learning rate.
    saturated_at_start : tuple of float
        Mean saturated share per hidden layer at the start (empty for logistic regression).
    """

    epochs_by_lr: dict[float, float]
    best_lr: float
    epochs: float
    test_accuracy: float
    seed_epochs: tuple[float, ...]
    seed_accuracies: tuple[float, ...]
    loss: np.ndarray
    saturated_at_start: tuple[float, ...]


def _summarize(runs: dict[float, list[TrainingRun]]) -> VariantSummary:
    epochs = {lr: float(np.mean([epochs_to_target(r.loss) for r in rs])) for lr, rs in runs.items()}
    final = {lr: float(np.mean([r.loss[-1] for r in rs])) for lr, rs in runs.items()}
    best = min(runs, key=lambda lr: (epochs[lr], final[lr]))
    chosen = runs[best]
    return VariantSummary(
        epochs_by_lr=epochs,
        best_lr=best,
        epochs=epochs[best],
        test_accuracy=float(np.mean([r.test_accuracy for r in chosen])),
        seed_epochs=tuple(epochs_to_target(r.loss) for r in chosen),
        seed_accuracies=tuple(r.test_accuracy for r in chosen),
        loss=np.mean([r.loss for r in chosen], axis=0),
        saturated_at_start=tuple(np.mean([r.saturated_at_start for r in chosen], axis=0))
        if chosen[0].saturated_at_start
        else (),
    )


def variant_learning_rates(variant: str) -> tuple[float, ...]:
    """The learning rates tried for a variant: ``RELU_LEARNING_RATES`` for the ReLU ones.

    Examples
    --------
    >>> variant_learning_rates("tanh") == LEARNING_RATES
    True
    >>> variant_learning_rates("centred ReLU") == RELU_LEARNING_RATES
    True
    """
    activation, _ = VARIANTS[validation.one_of(variant, "variant", tuple(VARIANTS))]
    return RELU_LEARNING_RATES if issubclass(activation, ReLU | CentredReLU) else LEARNING_RATES


@cache
def network_summary(variant: str) -> VariantSummary:
    """Every learning rate and seed of one variant; the best learning rate by mean epochs.

    The best learning rate has the fewest epochs to target on average over the seeds
    (ties: the lowest final loss).

    Examples
    --------
    >>> summary = network_summary("centred sigmoid")
    >>> summary.best_lr in LEARNING_RATES, summary.epochs <= NETWORK_EPOCHS
    (True, True)
    """
    return _summarize(
        {
            lr: [train_network(variant, lr, seed) for seed in NETWORK_SEEDS]
            for lr in variant_learning_rates(variant)
        }
    )


@cache
def logistic_summary(inputs: str = "standardized") -> VariantSummary:
    """Logistic regression over ``LOGISTIC_LEARNING_RATES`` and the networks' seeds.

    Examples
    --------
    >>> logistic_summary("raw").epochs > logistic_summary("standardized").epochs
    True
    """
    return _summarize(
        {
            lr: [train_logistic(inputs, lr, seed) for seed in NETWORK_SEEDS]
            for lr in LOGISTIC_LEARNING_RATES
        }
    )


def largest_curvature(features: np.ndarray) -> float:
    """Largest eigenvalue of ``E[x~ x~^T]`` with ``x~ = (x, 1)``: features and a bias input.

    This matrix is the Hessian of a linear layer's squared error in its weights and
    bias (up to the loss's curvature); gradient descent diverges along its top
    eigenvector once the step exceeds two over its eigenvalue.

    Examples
    --------
    >>> largest_curvature(np.array([[1.0], [-1.0]]))  # diag(1, 1)
    1.0
    """
    features = validation.float_array(features, "features", ndim=2, nonempty=True, finite=True)
    extended = np.hstack([features, np.ones((len(features), 1))])
    return float(np.linalg.eigvalsh(extended.T @ extended / len(extended))[-1])


@cache
def hidden_curvature(variant: str) -> float:
    """``largest_curvature`` of the first hidden layer's outputs at the start (seed 0).

    Examples
    --------
    >>> hidden_curvature("sigmoid") > 5 * hidden_curvature("centred sigmoid")
    True
    """
    model = build_network(variant, NETWORK_SEEDS[0])
    model.forward(prepared_inputs("standardized")[0])
    return largest_curvature(model.activations[0])


@cache
def hidden_means(variant: str) -> tuple[float, ...]:
    """Mean output of each hidden layer at the start (seed 0), over units and training inputs.

    Examples
    --------
    >>> sigmoid = hidden_means("sigmoid")
    >>> len(sigmoid) == NETWORK_DEPTH, all(0.4 < m < 0.6 for m in sigmoid)
    (True, True)
    """
    model = build_network(variant, NETWORK_SEEDS[0])
    model.forward(prepared_inputs("standardized")[0])
    return tuple(float(np.mean(h)) for h in model.activations[:NETWORK_DEPTH])


# --- claims: the network -------------------------------------------------------------------

_NETWORK = (
    r"A network with {claim}`zero_centred.network_depth` hidden layers of "
    r"{claim}`zero_centred.network_width` units on the book's digits split "
    r"(`actbook.experiments.digits.digits_split`; inputs standardized with the training "
    r"set's mean and deviation), Xavier-uniform weights (times `SATURATING_GAIN` for the "
    r"large-weight variants), trained by SGD on the cross-entropy with mini-batches of "
    r"{claim}`zero_centred.network_batch` for {claim}`zero_centred.network_epochs` epochs, "
    r"for each learning rate of `LEARNING_RATES` (`RELU_LEARNING_RATES` for the ReLU "
    r"variants) and each seed of `NETWORK_SEEDS`; the "
    r"variant is reported at the learning rate with the fewest epochs until the training "
    r"loss (mean over an epoch's mini-batches) is below {claim}`zero_centred.target_loss`, "
    r"averaged over the seeds."
)

_LOGISTIC = (
    r"Multinomial logistic regression (one Dense layer and the softmax) trained by SGD like the "
    r"networks, on the same split, mini-batches, epochs and seeds, at each learning rate "
    r"of `LOGISTIC_LEARNING_RATES`, reported at its best one. "
)

# variant -> (claim id part, how the ledger names the network's units)
_VARIANT_IDS = {
    "sigmoid": ("sigmoid", "sigmoid units"),
    "centred sigmoid": ("centred_sigmoid", "centred sigmoid units"),
    "tanh": ("tanh", "tanh units"),
    "sigmoid, large weights": ("saturated_sigmoid", "sigmoid units and large initial weights"),
    "centred sigmoid, large weights": (
        "saturated_centred",
        "centred sigmoid units and large initial weights",
    ),
    "ReLU": ("relu", "ReLU units"),
    "centred ReLU": ("centred_relu", "centred ReLU units"),
}


def _finite(value: float, what: str) -> float:
    if not math.isfinite(value):
        raise RuntimeError(f"{what}: a seed never reached the target loss")
    return value


def _variant_claims(variant: str, key: str, units: str) -> None:
    def epochs() -> float:
        return _finite(network_summary(variant).epochs, variant)

    def epochs_min() -> float:
        return _finite(min(network_summary(variant).seed_epochs), variant)

    def epochs_max() -> float:
        return _finite(max(network_summary(variant).seed_epochs), variant)

    def accuracy() -> float:
        return network_summary(variant).test_accuracy

    def accuracy_min() -> float:
        return min(network_summary(variant).seed_accuracies)

    def accuracy_max() -> float:
        return max(network_summary(variant).seed_accuracies)

    def best_lr() -> float:
        return network_summary(variant).best_lr

    for function in (epochs, epochs_min, epochs_max, accuracy, accuracy_min, accuracy_max, best_lr):
        function.__qualname__ = "network_summary"
    claim(
        f"zero_centred.epochs_{key}",
        fmt=fixed(1),
        statement=f"Epochs until the network with {units} reaches the target loss.",
        method="Mean epochs to the target loss at the best learning rate. " + _NETWORK,
    )(epochs)
    claim(
        f"zero_centred.epochs_{key}_min",
        fmt=fixed(0),
        statement=f"Epochs to the target loss of the fastest seed of the network with {units}.",
        method="Fewest epochs to the target loss over the seeds, at the best learning rate. "
        + _NETWORK,
    )(epochs_min)
    claim(
        f"zero_centred.epochs_{key}_max",
        fmt=fixed(0),
        statement=f"Epochs to the target loss of the slowest seed of the network with {units}.",
        method="Most epochs to the target loss over the seeds, at the best learning rate. "
        + _NETWORK,
    )(epochs_max)
    claim(
        f"zero_centred.accuracy_{key}",
        fmt=percent(1),
        statement=f"Test accuracy of the network with {units} after training.",
        method="Mean test accuracy after the last epoch, at the best learning rate. " + _NETWORK,
    )(accuracy)
    claim(
        f"zero_centred.accuracy_{key}_min",
        fmt=percent(1),
        statement=f"The lowest test accuracy over the seeds of the network with {units}.",
        method="Lowest test accuracy over the seeds after the last epoch, at the best "
        "learning rate. " + _NETWORK,
    )(accuracy_min)
    claim(
        f"zero_centred.accuracy_{key}_max",
        fmt=percent(1),
        statement=f"The highest test accuracy over the seeds of the network with {units}.",
        method="Highest test accuracy over the seeds after the last epoch, at the best "
        "learning rate. " + _NETWORK,
    )(accuracy_max)
    claim(
        f"zero_centred.lr_{key}",
        fmt=".6g",
        statement=f"The best learning rate of the network with {units}.",
        method="The learning rate of the variant's grid with the fewest epochs. " + _NETWORK,
    )(best_lr)


for _variant, (_key, _units) in _VARIANT_IDS.items():
    _variant_claims(_variant, _key, _units)


@claim(
    "zero_centred.network_width",
    fmt=integer,
    statement="Units per hidden layer of the digits network.",
    method="The constant `NETWORK_WIDTH` of `actbook.claims.zero_centred`.",
)
def network_width() -> int:
    return int(NETWORK_WIDTH)


@claim(
    "zero_centred.network_depth",
    fmt=integer,
    statement="Hidden layers of the digits network.",
    method="The constant `NETWORK_DEPTH` of `actbook.claims.zero_centred`.",
)
def network_depth() -> int:
    return int(NETWORK_DEPTH)


@claim(
    "zero_centred.network_batch",
    fmt=integer,
    statement="Mini-batch size of the digits network and of logistic regression.",
    method="The constant `NETWORK_BATCH` of `actbook.claims.zero_centred`.",
)
def network_batch() -> int:
    return int(NETWORK_BATCH)


@claim(
    "zero_centred.network_epochs",
    fmt=integer,
    statement="Epochs of every digits run.",
    method="The constant `NETWORK_EPOCHS` of `actbook.claims.zero_centred`.",
)
def network_epochs() -> int:
    return int(NETWORK_EPOCHS)


@claim(
    "zero_centred.network_seeds",
    fmt=integer,
    statement="Seeds of every digits configuration.",
    method="The length of `NETWORK_SEEDS` of `actbook.claims.zero_centred`.",
)
def network_seeds() -> int:
    return len(NETWORK_SEEDS)


@claim(
    "zero_centred.lr_min",
    fmt=".6g",
    statement="The smallest learning rate tried for the sigmoid and tanh networks.",
    method="The first entry of `LEARNING_RATES` of `actbook.claims.zero_centred`.",
)
def lr_min() -> float:
    return float(LEARNING_RATES[0])


@claim(
    "zero_centred.lr_max",
    fmt=".6g",
    statement="The largest learning rate tried for the sigmoid and tanh networks.",
    method="The last entry of `LEARNING_RATES` of `actbook.claims.zero_centred`.",
)
def lr_max() -> float:
    return float(LEARNING_RATES[-1])


@claim(
    "zero_centred.lr_count",
    fmt=integer,
    statement="Learning rates tried for every sigmoid or tanh variant.",
    method="The length of `LEARNING_RATES` of `actbook.claims.zero_centred`.",
)
def lr_count() -> int:
    return len(LEARNING_RATES)


@claim(
    "zero_centred.relu_lr_min",
    fmt=".6g",
    statement="The smallest learning rate tried for the ReLU networks.",
    method="The first entry of `RELU_LEARNING_RATES` of `actbook.claims.zero_centred`.",
)
def relu_lr_min() -> float:
    return float(RELU_LEARNING_RATES[0])


@claim(
    "zero_centred.relu_lr_max",
    fmt=".6g",
    statement="The largest learning rate tried for the ReLU networks.",
    method="The last entry of `RELU_LEARNING_RATES` of `actbook.claims.zero_centred`.",
)
def relu_lr_max() -> float:
    return float(RELU_LEARNING_RATES[-1])


@claim(
    "zero_centred.logistic_lr_max",
    fmt=".6g",
    statement="The largest learning rate tried for logistic regression trained by SGD.",
    method="The last entry of `LOGISTIC_LEARNING_RATES` of `actbook.claims.zero_centred`.",
)
def logistic_lr_max() -> float:
    return float(LOGISTIC_LEARNING_RATES[-1])


@claim(
    "zero_centred.lr_small",
    fmt=".6g",
    statement="A small learning rate of the grid, at which the sigmoid networks are compared.",
    method="The constant `SMALL_LEARNING_RATE` of `actbook.claims.zero_centred`.",
)
def lr_small() -> float:
    return float(SMALL_LEARNING_RATE)


@claim(
    "zero_centred.lr_large",
    fmt=".6g",
    statement="A large learning rate of the grid, at which the sigmoid networks are compared.",
    method="The constant `LARGE_LEARNING_RATE` of `actbook.claims.zero_centred`.",
)
def lr_large() -> float:
    return float(LARGE_LEARNING_RATE)


def _epochs_at(variant: str, lr: float) -> float:
    return _finite(network_summary(variant).epochs_by_lr[lr], variant)


@claim(
    "zero_centred.epochs_sigmoid_lr_small",
    fmt=fixed(1),
    statement="At a small learning rate the sigmoid network is slow.",
    method="Mean epochs to the target loss of the sigmoid network at `SMALL_LEARNING_RATE`. "
    + _NETWORK,
)
def epochs_sigmoid_lr_small() -> float:
    return _epochs_at("sigmoid", SMALL_LEARNING_RATE)


@claim(
    "zero_centred.epochs_centred_lr_small",
    fmt=fixed(1),
    statement="At a small learning rate centring the sigmoid changes little.",
    method="Mean epochs to the target loss of the centred-sigmoid network at "
    "`SMALL_LEARNING_RATE`. " + _NETWORK,
)
def epochs_centred_lr_small() -> float:
    return _epochs_at("centred sigmoid", SMALL_LEARNING_RATE)


@claim(
    "zero_centred.epochs_sigmoid_lr_large",
    fmt=fixed(1),
    statement="At a large learning rate the sigmoid network is slower than at its best.",
    method="Mean epochs to the target loss of the sigmoid network at `LARGE_LEARNING_RATE`. "
    + _NETWORK,
)
def epochs_sigmoid_lr_large() -> float:
    return _epochs_at("sigmoid", LARGE_LEARNING_RATE)


@claim(
    "zero_centred.target_loss",
    fmt=".6g",
    statement="The training loss that a run must reach to count as converged.",
    method="The constant `TARGET_LOSS` of `actbook.claims.zero_centred`.",
)
def target_loss() -> float:
    return float(TARGET_LOSS)


@claim(
    "zero_centred.saturating_gain",
    fmt=".6g",
    statement="The factor of the initial weights of the large-weight variants.",
    method="The constant `SATURATING_GAIN` of `actbook.claims.zero_centred`.",
)
def saturating_gain() -> float:
    return float(SATURATING_GAIN)


@claim(
    "zero_centred.saturated_first",
    fmt=percent(0),
    statement="With large initial weights, most units of the first hidden layer start saturated.",
    method=(
        "Share of the first hidden layer's sigmoid units with $\\sigma' < $ "
        "{claim}`sigmoid_tanh.saturation_level` of its peak on the training inputs, at "
        "the start, mean over the seeds. " + _NETWORK
    ),
)
def saturated_first() -> float:
    return network_summary("sigmoid, large weights").saturated_at_start[0]


@claim(
    "zero_centred.saturated_second",
    fmt=percent(0),
    statement="With large initial weights, many units of the second hidden layer start saturated.",
    method=(
        "Share of the second hidden layer's sigmoid units with $\\sigma' < $ "
        "{claim}`sigmoid_tanh.saturation_level` of its peak on the training inputs, at "
        "the start, mean over the seeds. " + _NETWORK
    ),
)
def saturated_second() -> float:
    return network_summary("sigmoid, large weights").saturated_at_start[1]


@claim(
    "zero_centred.saturated_plain",
    fmt=percent(1),
    statement="With Xavier weights, almost no sigmoid unit starts saturated.",
    method=(
        "Largest share of saturated units over the two hidden layers of the sigmoid "
        "network at the start, mean over the seeds. " + _NETWORK
    ),
)
def saturated_plain() -> float:
    return max(network_summary("sigmoid").saturated_at_start)


def _seed_ratios(slow: str, fast: str) -> list[float]:
    """Per seed, epochs of ``slow`` over epochs of ``fast`` (same seed, each at its best rate)."""
    pairs = zip(network_summary(slow).seed_epochs, network_summary(fast).seed_epochs, strict=True)
    return [_finite(a, slow) / _finite(b, fast) for a, b in pairs]


@claim(
    "zero_centred.centring_speedup",
    fmt=ratio(1),
    statement="Centring the sigmoid's outputs speeds up training.",
    method="Epochs of the sigmoid network over epochs of the centred-sigmoid network. " + _NETWORK,
)
def centring_speedup() -> float:
    return network_summary("sigmoid").epochs / network_summary("centred sigmoid").epochs


@claim(
    "zero_centred.centring_speedup_min",
    fmt=ratio(1),
    statement="Centring the sigmoid's outputs sped up training for every seed.",
    method=(
        "Smallest over the seeds of the ratio of the sigmoid network's epochs to those of "
        "the centred-sigmoid network with the same seed. " + _NETWORK
    ),
)
def centring_speedup_min() -> float:
    return min(_seed_ratios("sigmoid", "centred sigmoid"))


@claim(
    "zero_centred.centring_speedup_max",
    fmt=ratio(1),
    statement="The speed-up from centring varies little between seeds.",
    method=(
        "Largest over the seeds of the ratio of the sigmoid network's epochs to those of "
        "the centred-sigmoid network with the same seed. " + _NETWORK
    ),
)
def centring_speedup_max() -> float:
    return max(_seed_ratios("sigmoid", "centred sigmoid"))


@claim(
    "zero_centred.large_weights_slowdown",
    fmt=ratio(1),
    statement="Large initial weights, which saturate most units, slow the sigmoid network down.",
    method="Epochs of the sigmoid network with large weights over those with Xavier weights. "
    + _NETWORK,
)
def large_weights_slowdown() -> float:
    return network_summary("sigmoid, large weights").epochs / network_summary("sigmoid").epochs


@claim(
    "zero_centred.large_weights_slowdown_min",
    fmt=ratio(1),
    statement="Large initial weights slowed the sigmoid network for every seed.",
    method=(
        "Smallest over the seeds of the ratio of the epochs with large weights to those "
        "with Xavier weights, same seed. " + _NETWORK
    ),
)
def large_weights_slowdown_min() -> float:
    return min(_seed_ratios("sigmoid, large weights", "sigmoid"))


@claim(
    "zero_centred.large_weights_slowdown_max",
    fmt=ratio(1),
    statement="The slow-down from large initial weights varies between seeds.",
    method=(
        "Largest over the seeds of the ratio of the epochs with large weights to those "
        "with Xavier weights, same seed. " + _NETWORK
    ),
)
def large_weights_slowdown_max() -> float:
    return max(_seed_ratios("sigmoid, large weights", "sigmoid"))


@claim(
    "zero_centred.large_weights_accuracy_loss",
    fmt=fixed(1),
    statement="Large initial weights cost test accuracy, in percentage points.",
    method=(
        "Test accuracy of the sigmoid network minus that of the sigmoid network with large "
        "weights, in percentage points. " + _NETWORK
    ),
)
def large_weights_accuracy_loss() -> float:
    return 100.0 * (
        network_summary("sigmoid").test_accuracy
        - network_summary("sigmoid, large weights").test_accuracy
    )


@claim(
    "zero_centred.linear_baseline_accuracy",
    fmt=percent(1),
    statement="Test accuracy of the book's linear baseline on the digits.",
    method=(
        "`actbook.experiments.digits.linear_baseline`: multinomial logistic regression "
        "fitted to convergence on the book's digits split."
    ),
)
def linear_baseline_accuracy() -> float:
    return linear_baseline().test_accuracy


@claim(
    "zero_centred.epochs_logistic",
    fmt=fixed(1),
    statement="Epochs until logistic regression trained by SGD reaches the target loss.",
    method=_LOGISTIC
    + "Standardized inputs, as for the networks. The networks it is compared with: "
    + _NETWORK,
)
def epochs_logistic() -> float:
    return _finite(logistic_summary("standardized").epochs, "logistic regression")


@claim(
    "zero_centred.lr_logistic",
    fmt=".6g",
    statement="The best learning rate of logistic regression on standardized inputs.",
    method=_LOGISTIC + "Standardized inputs. The networks it is compared with: " + _NETWORK,
)
def lr_logistic() -> float:
    return logistic_summary("standardized").best_lr


@claim(
    "zero_centred.logistic_raw_epochs",
    fmt=fixed(1),
    statement="Logistic regression on the raw pixels, all in $[0, 1]$, reaches the target later.",
    method=_LOGISTIC + "Raw pixels. The networks it is compared with: " + _NETWORK,
)
def logistic_raw_epochs() -> float:
    return _finite(logistic_summary("raw").epochs, "logistic regression, raw")


@claim(
    "zero_centred.logistic_raw_lr",
    fmt=".6g",
    statement="The best learning rate of logistic regression on the raw pixels.",
    method=_LOGISTIC + "Raw pixels. The networks it is compared with: " + _NETWORK,
)
def logistic_raw_lr() -> float:
    return logistic_summary("raw").best_lr


@claim(
    "zero_centred.logistic_centred_epochs",
    fmt=fixed(1),
    statement="Logistic regression on centred pixels reaches the target sooner.",
    method=_LOGISTIC
    + "Pixels minus their training mean. The networks it is compared with: "
    + _NETWORK,
)
def logistic_centred_epochs() -> float:
    return _finite(logistic_summary("centred").epochs, "logistic regression, centred")


@claim(
    "zero_centred.logistic_centred_lr",
    fmt=".6g",
    statement="On centred pixels logistic regression is fastest at a larger learning rate.",
    method=_LOGISTIC
    + "Pixels minus their training mean. The networks it is compared with: "
    + _NETWORK,
)
def logistic_centred_lr() -> float:
    return logistic_summary("centred").best_lr


@claim(
    "zero_centred.curvature_raw",
    fmt=fixed(1),
    statement="The raw pixels and a bias input give a large top eigenvalue.",
    method=r"`largest_curvature` of the raw training pixels, $E[\tilde x \tilde x^\top]$.",
)
def curvature_raw() -> float:
    return largest_curvature(prepared_inputs("raw")[0])


@claim(
    "zero_centred.curvature_centred",
    fmt=fixed(2),
    statement="Centring the pixels shrinks the top eigenvalue.",
    method=r"`largest_curvature` of the centred training pixels.",
)
def curvature_centred() -> float:
    return largest_curvature(prepared_inputs("centred")[0])


def _curvature_claim(variant: str, key: str, fmt: Any, statement: str) -> None:
    def compute() -> float:
        return hidden_curvature(variant)

    compute.__qualname__ = "hidden_curvature"
    claim(
        f"zero_centred.curvature_{key}",
        fmt=fmt,
        statement=statement,
        method=(
            r"`largest_curvature` of the first hidden layer's outputs at the start (seed "
            rf"`NETWORK_SEEDS[0]`) on the training inputs, {variant} units. " + _NETWORK
        ),
        papers=("lecun1998efficient",),
    )(compute)


_curvature_claim(
    "sigmoid",
    "sigmoid",
    fixed(1),
    "Sigmoid outputs and a bias input give the next layer a large top eigenvalue.",
)
_curvature_claim(
    "centred sigmoid",
    "centred_sigmoid",
    fixed(2),
    "Centred sigmoid outputs give the next layer a top eigenvalue near one.",
)
_curvature_claim(
    "ReLU",
    "relu",
    fixed(1),
    "ReLU outputs and a bias input give the next layer a large top eigenvalue.",
)
_curvature_claim(
    "centred ReLU",
    "centred_relu",
    fixed(1),
    "Centred ReLU outputs give the next layer a smaller top eigenvalue.",
)


def _hidden_mean_claim(variant: str, key: str, layer: int) -> None:
    ordinal = ("first", "second")[layer]

    def compute() -> float:
        return hidden_means(variant)[layer]

    compute.__qualname__ = "hidden_means"
    claim(
        f"zero_centred.mean_{key}_layer{layer + 1}",
        fmt=fixed(2),
        statement=f"The mean output of the {ordinal} hidden layer of {variant} units at the start.",
        method=(
            rf"Mean over the units and the training inputs of the {ordinal} hidden layer's "
            r"outputs at the start (seed `NETWORK_SEEDS[0]`). " + _NETWORK
        ),
    )(compute)


for _variant, _key in (("ReLU", "relu"), ("centred ReLU", "centred_relu")):
    for _layer in range(NETWORK_DEPTH):
        _hidden_mean_claim(_variant, _key, _layer)
