"""Experiments on dropout: overfitting, Monte-Carlo averaging, and the output variance.

Every function returns numbers, never a figure, and runs in a few seconds at its
default size:

- :func:`build_dropout_mlp` -- a wide ReLU MLP with a :class:`~actbook.nn.Dropout`
  layer after every hidden activation;
- :func:`dropout_overfitting` -- train and test loss and error with and without
  dropout on a small, noisy two-moons training set;
- :func:`monte_carlo_averaging` -- averaging ``K`` stochastic forward passes against
  the single deterministic pass of weight scaling (Srivastava et al. 2014, section 7.5,
  found about 50 samples enough to match weight scaling);
- :func:`dropout_output_moments` -- inverted dropout keeps a unit's mean ``x`` and
  adds the variance ``p / (1 - p) * x**2``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, get_args

import numpy as np
from scipy.special import expit

from actbook import data, validation
from actbook.experiments import _arguments
from actbook.nn import (
    SGD,
    ActivationLayer,
    Dense,
    Dropout,
    Sequential,
    binary_cross_entropy_with_logits,
    fit,
)
from actbook.nn.dropout import DropoutConvention

__all__ = [
    "DropoutMoments",
    "DropoutOverfitting",
    "MonteCarloAveraging",
    "TrainingCurves",
    "build_dropout_mlp",
    "dropout_output_moments",
    "dropout_overfitting",
    "monte_carlo_averaging",
]


def build_dropout_mlp(
    sizes: Sequence[int],
    drop_probability: float,
    *,
    activation: str = "relu",
    convention: DropoutConvention = "inverted",
    seed: int = 0,
) -> Sequential:
    """A ``Dense, activation, Dropout, ..., Dense`` network with He-normal weights.

    With ``drop_probability == 0`` the dropout layers are left out, so the same
    ``seed`` gives the same initial weights with and without dropout.

    Parameters
    ----------
    sizes : sequence of int
        Widths from input to output, at least two.
    drop_probability : float
        Probability of dropping a hidden unit, in ``[0, 1)``.
    activation : str or Activation, default "relu"
        Hidden activation name (see :mod:`actbook.activations`); an instance is
        shared by every hidden layer.
    convention : {"inverted", "scale_at_test"}, default "inverted"
        See :class:`actbook.nn.Dropout`.
    seed : int, default 0
        Seed of the weights and of the dropout masks.

    Examples
    --------
    >>> model = build_dropout_mlp([2, 8, 8, 1], 0.5)
    >>> [type(layer).__name__ for layer in model.layers]
    ['Dense', 'ActivationLayer', 'Dropout', 'Dense', 'ActivationLayer', 'Dropout', 'Dense']
    >>> len(build_dropout_mlp([2, 8, 1], 0.0).layers)
    3
    >>> build_dropout_mlp([2, 8, 1], float("nan"))
    Traceback (most recent call last):
    ...
    ValueError: drop_probability must be in [0, 1), got nan
    """
    sizes = validation.sequence(sizes, "sizes", validation.positive_int, min_length=2)
    drop_probability = validation.probability(drop_probability, "drop_probability")
    activation = _arguments.activation(activation)
    convention = _arguments.name_of(convention, "convention", get_args(DropoutConvention))
    seed = validation.seed(seed)
    weight_rng = np.random.default_rng(seed)
    mask_rng = np.random.default_rng([seed, 1])  # its own stream: weights match across p
    layers: list[Any] = []
    for n_in, n_out in zip(sizes[:-2], sizes[1:-1], strict=True):
        layers += [
            Dense(n_in, n_out, init="he_normal", rng=weight_rng),
            ActivationLayer(activation),
        ]
        if drop_probability > 0:
            layers.append(Dropout(drop_probability, convention=convention, rng=mask_rng))
    layers.append(Dense(sizes[-2], sizes[-1], init="he_normal", rng=weight_rng))
    return Sequential(layers)


def _error_rate(logits: np.ndarray, labels: np.ndarray) -> float:
    return float(np.mean((logits[:, 0] > 0) != (labels > 0.5)))


@dataclass(frozen=True)
class TrainingCurves:
    """Losses and error rates of one model at checkpoints, all in evaluation mode.

    Attributes
    ----------
    epochs : ndarray of int
        Epochs completed at each checkpoint (starting at 0, the initial model).
    train_loss, test_loss : ndarray
        Mean binary cross-entropy on the training and test sets.
    train_error, test_error : ndarray
        Fraction of misclassified points.
    """

    epochs: np.ndarray
    train_loss: np.ndarray
    test_loss: np.ndarray
    train_error: np.ndarray
    test_error: np.ndarray


@dataclass(frozen=True)
class DropoutOverfitting:
    """Result of :func:`dropout_overfitting`.

    Attributes
    ----------
    drop_probability : float
    without_dropout, with_dropout : TrainingCurves
    dropout_model : Sequential
        The trained network with dropout, for :func:`monte_carlo_averaging`.
    X_test, y_test : ndarray
        The test set.
    """

    drop_probability: float
    without_dropout: TrainingCurves
    with_dropout: TrainingCurves
    dropout_model: Sequential
    X_test: np.ndarray
    y_test: np.ndarray


def _checkpoints(epochs: int, eval_every: int) -> np.ndarray:
    marks = list(range(0, epochs, eval_every)) + [epochs]
    return np.array(marks)


def _train_with_checkpoints(
    model: Sequential,
    train: tuple[np.ndarray, np.ndarray],
    test: tuple[np.ndarray, np.ndarray],
    checkpoints: np.ndarray,
    optimizer: SGD,
) -> TrainingCurves:
    rows = []
    for start, stop in zip(np.r_[0, checkpoints[:-1]], checkpoints, strict=True):
        if stop > start:  # the first pair (0, 0) records the initial model
            fit(model, *train, loss="bce", optimizer=optimizer, epochs=int(stop - start))
        row = []
        for X, y in (train, test):
            logits = model.forward(X)
            row += [binary_cross_entropy_with_logits(logits, y)[0], _error_rate(logits, y)]
        rows.append(row)
    train_loss, train_error, test_loss, test_error = np.array(rows).T
    return TrainingCurves(checkpoints, train_loss, test_loss, train_error, test_error)


def dropout_overfitting(
    *,
    drop_probability: float = 0.5,
    n_train: int = 30,
    n_test: int = 1000,
    noise: float = 0.3,
    width: int = 128,
    epochs: int = 1000,
    eval_every: int = 50,
    lr: float = 0.05,
    momentum: float = 0.9,
    seed: int = 0,
) -> DropoutOverfitting:
    """Train the same wide MLP with and without dropout on a few noisy two-moons points.

    The network ``2 -> width -> width -> 1`` (ReLU, He-normal weights, the same
    initial weights for both runs) has far more parameters than the ``n_train``
    training points, so without dropout it drives its training loss towards zero while
    its test loss climbs. Both runs use full-batch SGD with momentum and are
    evaluated in evaluation mode (dropout off) every ``eval_every`` epochs.

    Parameters
    ----------
    drop_probability : float, default 0.5
        Dropout after each hidden activation in the second run, in ``[0, 1)``.
    n_train, n_test : int, default 30 and 1000
        Sizes of the training and test sets (:func:`actbook.data.two_moons`), at least 2.
    noise : float, default 0.3
        Noise of both sets, >= 0.
    width : int, default 128
    epochs : int, default 1000
    eval_every : int, default 50
    lr, momentum : float, default 0.05 and 0.9
        ``lr > 0``, ``momentum`` in ``[0, 1)``.
    seed : int, default 0
        Seeds the training set (``seed``), the test set (``seed + 1``), the weights
        and the dropout masks.

    Returns
    -------
    DropoutOverfitting

    Examples
    --------
    >>> result = dropout_overfitting(n_train=20, n_test=100, width=16, epochs=20, eval_every=10)
    >>> result.with_dropout.epochs
    array([ 0, 10, 20])
    >>> bool(result.without_dropout.train_loss[-1] < result.without_dropout.train_loss[0])
    True
    """
    drop_probability = validation.probability(drop_probability, "drop_probability")
    n_train = validation.integer(n_train, "n_train", minimum=2)
    n_test = validation.integer(n_test, "n_test", minimum=2)
    noise = validation.nonnegative_real(noise, "noise")
    width = validation.positive_int(width, "width")
    epochs = validation.positive_int(epochs, "epochs")
    eval_every = validation.positive_int(eval_every, "eval_every")
    lr = validation.positive_real(lr, "lr")
    momentum = validation.real_in_range(momentum, "momentum", 0.0, 1.0, include_high=False)
    seed = validation.seed(seed)
    train = data.two_moons(n_train, noise=noise, seed=seed)
    test = data.two_moons(n_test, noise=noise, seed=seed + 1)
    checkpoints = _checkpoints(epochs, eval_every)
    curves, models = [], []
    for p in (0.0, drop_probability):
        model = build_dropout_mlp([2, width, width, 1], p, seed=seed)
        optimizer = SGD(lr, momentum=momentum)
        curves.append(_train_with_checkpoints(model, train, test, checkpoints, optimizer))
        models.append(model)
    return DropoutOverfitting(drop_probability, *curves, models[1], *test)


@dataclass(frozen=True)
class MonteCarloAveraging:
    """Result of :func:`monte_carlo_averaging`.

    Attributes
    ----------
    ks : ndarray of int
        Numbers of stochastic forward passes averaged.
    mc_error, mc_error_std : ndarray
        Mean and standard deviation over the repeats of the error rate of the
        averaged probabilities.
    probability_gap : ndarray
        Mean over samples and repeats of ``|p_K - p_ws|``, the distance between
        the averaged probability and the weight-scaling probability.
    weight_scaling_error : float
        Error rate of the deterministic evaluation pass.
    """

    ks: np.ndarray
    mc_error: np.ndarray
    mc_error_std: np.ndarray
    probability_gap: np.ndarray
    weight_scaling_error: float


def _dropout_layers(model: Sequential) -> list[Dropout]:
    return [layer for layer in model.layers if isinstance(layer, Dropout)]


def monte_carlo_averaging(
    model: Sequential,
    X: np.ndarray,
    y: np.ndarray,
    *,
    ks: Sequence[int] = (1, 2, 5, 10, 20, 50, 100),
    repeats: int = 5,
    seed: int = 0,
) -> MonteCarloAveraging:
    """Compare the mean of ``K`` dropout passes with the weight-scaling pass.

    Each stochastic pass runs the model in training mode (fresh dropout masks) and
    turns its logits into probabilities with the sigmoid; the first ``K`` passes are
    averaged. Weight scaling is the single deterministic pass in evaluation mode.
    Srivastava et al. (2014) report that about ``K = 50`` samples match weight
    scaling; the gap does not shrink to zero, because the network is nonlinear.

    Parameters
    ----------
    model : Sequential
        A network with :class:`~actbook.nn.Dropout` layers and one output logit.
    X, y : ndarray
        Inputs (at least one row) and their 0/1 labels.
    ks : sequence of int, default (1, 2, 5, 10, 20, 50, 100)
        At least one; sorted, duplicates dropped.
    repeats : int, default 5
        Independent sets of ``max(ks)`` passes.
    seed : int, default 0
        Seed of the masks (the dropout layers' own generators are restored afterwards).

    Returns
    -------
    MonteCarloAveraging

    Examples
    --------
    >>> import numpy as np
    >>> model = build_dropout_mlp([2, 16, 1], 0.5)
    >>> X, y = np.array([[0.0, 1.0], [1.0, 0.0]]), np.array([1.0, 0.0])
    >>> result = monte_carlo_averaging(model, X, y, ks=[1, 4], repeats=3)
    >>> result.ks, result.probability_gap.shape
    (array([1, 4]), (2,))
    """
    model = _arguments.sequential(model)
    X = _arguments.samples(X)
    y = _arguments.targets(y, X.shape[0])
    ks = np.array(sorted(set(validation.sequence(ks, "ks", validation.positive_int))))
    repeats = validation.positive_int(repeats, "repeats")
    seed = validation.seed(seed)
    dropout_layers = _dropout_layers(model)
    if not dropout_layers:
        raise ValueError("model must contain at least one Dropout layer")
    weight_scaling = expit(model.forward(X)[:, 0])
    saved = [layer.rng for layer in dropout_layers]
    rng = np.random.default_rng(seed)
    errors, gaps = np.zeros((repeats, ks.size)), np.zeros((repeats, ks.size))
    try:
        for layer in dropout_layers:
            layer.rng = rng
        for r in range(repeats):
            passes = np.array([expit(model.forward(X, training=True)[:, 0]) for _ in range(ks[-1])])
            running_mean = np.cumsum(passes, axis=0)[ks - 1] / ks[:, None]
            errors[r] = np.mean((running_mean > 0.5) != (y > 0.5), axis=1)
            gaps[r] = np.mean(np.abs(running_mean - weight_scaling), axis=1)
    finally:
        for layer, layer_rng in zip(dropout_layers, saved, strict=True):
            layer.rng = layer_rng
    return MonteCarloAveraging(
        ks=ks,
        mc_error=errors.mean(axis=0),
        mc_error_std=errors.std(axis=0),
        probability_gap=gaps.mean(axis=0),
        weight_scaling_error=float(np.mean((weight_scaling > 0.5) != (y > 0.5))),
    )


@dataclass(frozen=True)
class DropoutMoments:
    """Result of :func:`dropout_output_moments`.

    Attributes
    ----------
    x : ndarray
        The unit's input values.
    drop_probability : float
    empirical_mean, empirical_variance : ndarray
        Sample mean and variance of the dropout output for each ``x``.
    predicted_variance : ndarray
        ``drop_probability / (1 - drop_probability) * x**2``.
    """

    x: np.ndarray
    drop_probability: float
    empirical_mean: np.ndarray
    empirical_variance: np.ndarray
    predicted_variance: np.ndarray


def dropout_output_moments(
    x: Sequence[float] = (0.5, 1.0, 2.0),
    *,
    drop_probability: float = 0.5,
    n_samples: int = 100_000,
    seed: int = 0,
) -> DropoutMoments:
    """Sample inverted dropout on fixed inputs: the mean stays ``x``, the variance grows.

    The output is ``x / (1 - p)`` with probability ``1 - p`` and 0 otherwise, so its
    mean is ``x`` and its variance ``x**2 / (1 - p) - x**2 = p / (1 - p) * x**2``.

    Parameters
    ----------
    x : sequence of float, default (0.5, 1.0, 2.0)
        The inputs, finite; at least one.
    drop_probability : float, default 0.5
        In ``[0, 1)``.
    n_samples : int, default 100000
    seed : int, default 0

    Returns
    -------
    DropoutMoments

    Examples
    --------
    >>> moments = dropout_output_moments([2.0], drop_probability=0.5)
    >>> moments.predicted_variance
    array([4.])
    >>> bool(abs(moments.empirical_variance[0] - 4.0) < 0.1)
    True
    """
    x = validation.float_array(x, "x", ndim=1, nonempty=True, finite=True).astype(np.float64)
    drop_probability = validation.probability(drop_probability, "drop_probability")
    n_samples = validation.positive_int(n_samples, "n_samples")
    seed = validation.seed(seed)
    layer = Dropout(drop_probability, rng=seed)
    outputs = layer.forward(np.broadcast_to(x, (n_samples, x.size)), training=True)
    p = layer.drop_probability
    return DropoutMoments(
        x=x,
        drop_probability=p,
        empirical_mean=outputs.mean(axis=0),
        empirical_variance=outputs.var(axis=0),
        predicted_variance=p / (1 - p) * x**2,
    )
