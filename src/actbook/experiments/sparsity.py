"""Sparsity of hidden activations by activation function, in a trained MLP.

Glorot, Bordes & Bengio (2011) measured 68-83 % exact zeros in the hidden layers
of trained rectifier networks (:data:`GLOROT_2011_ZERO_FRACTIONS`); S3 says a
sigmoid network has "about 50 %" of its units active. "Active" needs a definition,
so every result reports three, per hidden layer, over all (sample, unit) pairs:

- ``zero_fraction`` -- the output is exactly 0 (Glorot et al.'s measure; a
  sigmoid, tanh or softplus unit is never exactly 0, so it is 0 % there);
- ``positive_fraction`` -- the pre-activation is > 0, i.e. the output is above
  ``f(0)`` (0.5 for the sigmoid): the sense in which "half of a sigmoid net is
  on" can be true;
- ``unsaturated_fraction`` -- ``|f'(z)|`` is at least 1 % of its maximum
  (:data:`actbook.nn.SATURATION_THRESHOLD`): the unit still passes gradient.

The chapter *The ReLU family* quotes these next to the papers' figures, with the
digits networks of :func:`actbook.experiments.dead_relu.digits_training`.

ReLU's output is exactly 0 wherever its pre-activation is below or at 0, and the
choice of ReLU's derivative at 0 matters only where the pre-activation is exactly 0:
:func:`exact_zero_count` counts how often that happens in a dense layer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from actbook import data, nn, validation
from actbook.experiments import _arguments

__all__ = [
    "GLOROT_2011_ZERO_FRACTIONS",
    "SparsityResult",
    "activation_sparsity",
    "exact_zero_count",
    "sparsity",
]

GLOROT_2011_ZERO_FRACTIONS = {"MNIST": 0.834, "CIFAR-10": 0.720, "NISTP": 0.680, "NORB": 0.738}
"""Fractions of exact zeros in rectifier hidden layers reported by Glorot et al. (2011)."""

ACTIVATIONS = ("relu", "leaky_relu", "softplus", "sigmoid", "tanh")


@dataclass(frozen=True)
class SparsityResult:
    """Activity of the hidden layers of one trained network.

    Attributes
    ----------
    activation : str
    zero_fraction, positive_fraction, unsaturated_fraction : ndarray, shape (n_hidden,)
        After training, per hidden layer (see the module docstring).
    initial_zero_fraction, initial_positive_fraction : ndarray, shape (n_hidden,)
        The same before training.
    accuracy : float
        Training accuracy at the end.
    """

    activation: str
    zero_fraction: np.ndarray
    positive_fraction: np.ndarray
    unsaturated_fraction: np.ndarray
    initial_zero_fraction: np.ndarray
    initial_positive_fraction: np.ndarray
    accuracy: float


def activation_sparsity(
    model: nn.Sequential, X: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the zero, positive and unsaturated fractions of each hidden layer on ``X``.

    Parameters
    ----------
    model : actbook.nn.Sequential
        An MLP (or any :class:`actbook.nn.Sequential`); it is run in evaluation mode.
    X : ndarray, shape (n_samples, n_features)
        At least one sample.

    Examples
    --------
    >>> model = nn.MLP([1, 2, 1], "relu")
    >>> model.layers[0].params["W"][:] = [[1.0, -1.0]]
    >>> zero, positive, unsaturated = activation_sparsity(model, np.array([[1.0], [2.0]]))
    >>> zero, positive, unsaturated
    (array([0.5]), array([0.5]), array([0.5]))
    """
    model = _arguments.sequential(model)
    model.forward(_arguments.samples(X))
    statistics = nn.layer_statistics(model)
    zero = np.array([s.zero_fraction for s in statistics])
    positive = np.array([np.mean(z > 0) for z in model.pre_activations])
    unsaturated = np.array([1.0 - s.saturated_fraction for s in statistics])
    return zero, positive, unsaturated


def sparsity(
    activations: Sequence[str] = ACTIVATIONS,
    *,
    sizes: Sequence[int] = (2, 64, 64, 64, 1),
    n_samples: int = 200,
    epochs: int = 100,
    batch_size: int = 10,
    lr: float = 0.05,
    seed: int = 0,
) -> dict[str, SparsityResult]:
    """Train one MLP per activation on the two moons; measure how many units are active.

    Each net has the same sizes, the default initializer of its activation
    (:class:`actbook.nn.MLP`), SGD with momentum 0.9 on the binary cross-entropy,
    and the data ``two_moons(n_samples, noise=0.1, seed=seed)``.

    Parameters
    ----------
    activations : sequence of str
        :mod:`actbook.activations` names; at least one.
    sizes : sequence of int, default (2, 64, 64, 64, 1)
        Layer widths: 2 inputs, at least one hidden layer, 1 output logit.
    n_samples : int, default 200
        At least 2.
    epochs : int, default 100
    batch_size : int, default 10
    lr : float, default 0.05
    seed : int, default 0
        Seeds the data, the weights and the shuffling.

    Examples
    --------
    >>> results = sparsity(["relu", "sigmoid"], sizes=(2, 20, 1), epochs=3)
    >>> float(results["sigmoid"].zero_fraction[0])
    0.0
    >>> bool(results["relu"].zero_fraction[0] > 0)
    True
    >>> sparsity([])
    Traceback (most recent call last):
    ...
    ValueError: activations must not be empty
    """
    activations = validation.sequence(activations, "activations", _arguments.activation_name)
    sizes = _arguments.sizes(sizes, inputs=2, outputs=1)
    n_samples = validation.integer(n_samples, "n_samples", minimum=2)
    epochs = validation.positive_int(epochs, "epochs")
    batch_size = validation.positive_int(batch_size, "batch_size")
    lr = validation.positive_real(lr, "lr")
    seed = validation.seed(seed)
    X, y = data.two_moons(n_samples, noise=0.1, seed=seed)
    results = {}
    for name in activations:
        model = nn.MLP(sizes, name, seed=seed)
        initial_zero, initial_positive, _ = activation_sparsity(model, X)
        history = nn.fit(
            model,
            X,
            y,
            loss="bce",
            optimizer=nn.SGD(lr, momentum=0.9),
            epochs=epochs,
            batch_size=batch_size,
            seed=seed,
        )
        zero, positive, unsaturated = activation_sparsity(model, X)
        results[name] = SparsityResult(
            activation=name,
            zero_fraction=zero,
            positive_fraction=positive,
            unsaturated_fraction=unsaturated,
            initial_zero_fraction=initial_zero,
            initial_positive_fraction=initial_positive,
            accuracy=float(history.accuracy[-1]),
        )
    return results


_FLOAT_DTYPES = ("float16", "float32", "float64")


def exact_zero_count(
    X: np.ndarray,
    units: int = 64,
    *,
    dtype: str = "float32",
    bias_std: float = 0.1,
    seed: int = 0,
) -> int:
    """Count the pre-activations of a random dense layer on ``X`` that are exactly 0.

    Draws He-normal weights ``N(0, 2 / n_features)`` and biases ``N(0, bias_std^2)``
    in float64, rounds ``X``, the weights and the biases to ``dtype`` and computes
    ``z = X W + b`` in that format; returns the number of entries of ``z`` equal to 0.
    With ``bias_std=0`` the biases are exactly 0, as after the usual initialization.

    Parameters
    ----------
    X : ndarray, shape (n_samples, n_features)
        Finite, at least one sample.
    units : int, default 64
        Width of the layer.
    dtype : {"float16", "float32", "float64"}, default "float32"
    bias_std : float, default 0.1
        Finite and >= 0.
    seed : int, default 0

    Examples
    --------
    A blank input with zero biases gives a zero pre-activation in every unit:

    >>> exact_zero_count(np.zeros((1, 8)), units=5, bias_std=0.0)
    5
    >>> exact_zero_count(np.ones((1, 8)), units=5, dtype="float64")
    0
    """
    X = _arguments.samples(X)
    units = validation.positive_int(units, "units")
    dtype = np.dtype(_arguments.name_of(dtype, "dtype", _FLOAT_DTYPES))
    bias_std = validation.nonnegative_real(bias_std, "bias_std")
    seed = validation.seed(seed)
    rng = np.random.default_rng(seed)
    weights = rng.normal(0.0, np.sqrt(2.0 / X.shape[1]), size=(X.shape[1], units))
    biases = rng.normal(0.0, bias_std, size=units) if bias_std else np.zeros(units)
    with np.errstate(over="ignore", invalid="ignore"):  # float16 overflows beyond 65504
        z = X.astype(dtype) @ weights.astype(dtype) + biases.astype(dtype)
    return int(np.count_nonzero(z == 0))
