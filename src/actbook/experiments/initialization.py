"""Activations and back-propagated gradients layer by layer, per initialization scheme.

Glorot & Bengio (2010) compared the "standard" initialization
U(-1/sqrt(n), 1/sqrt(n)) (``n Var(W) = 1/3``) with their normalized one
(``Var(W) = 2 / (n_in + n_out)``) in 5-hidden-layer networks: under the standard
scheme the activations of tanh networks shrink from layer to layer, while the
normalized scheme keeps them -- and the back-propagated gradients -- level. He
et al. (2015) derived ``Var(W) = 2 / n_in`` for ReLU, which keeps the mean square
of the activations constant.

:func:`initialization` reproduces this at width 256 on random inputs, for every
scheme and activation, with per-layer standard deviations and histograms. The
chapter *Initialization* draws the histograms side by side.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from actbook import nn, validation
from actbook.experiments import _arguments
from actbook.init import get_initializer

__all__ = [
    "SCHEMES",
    "Histogram",
    "InitializationCase",
    "initialization",
    "layer_signals",
    "signal_depth",
    "train_digits",
]

SCHEMES = {
    "standard": "uniform_fan_in",
    "xavier": "xavier_uniform",
    "he": "he_normal",
    "normal": get_initializer("normal", std=1.0),
}
"""The compared schemes and their :mod:`actbook.init` initializers (``normal`` is N(0, 1))."""


@dataclass(frozen=True)
class Histogram:
    """Histograms of one quantity for every hidden layer, on shared bins.

    Attributes
    ----------
    edges : ndarray, shape (bins + 1,)
    counts : ndarray, shape (n_layers, bins)
        ``counts[l]`` counts the values of hidden layer ``l + 1``.
    """

    edges: np.ndarray
    counts: np.ndarray


@dataclass(frozen=True)
class InitializationCase:
    """One scheme with one activation, at initialization.

    Attributes
    ----------
    scheme : str
        A key of :data:`SCHEMES`.
    activation : str
    activation_mean, activation_std : ndarray, shape (depth,)
        Of each hidden layer's outputs, over samples and units.
    gradient_std : ndarray, shape (depth,)
        Of the back-propagated gradient ``dL/dz`` at each hidden layer's
        pre-activations.
    weight_gradient_std : ndarray, shape (depth,)
        Of ``dL/dW`` of the weights feeding each hidden layer.
    activations, gradients : Histogram
        Of the activations and of ``dL/dz``.
    """

    scheme: str
    activation: str
    activation_mean: np.ndarray
    activation_std: np.ndarray
    gradient_std: np.ndarray
    weight_gradient_std: np.ndarray
    activations: Histogram
    gradients: Histogram


def layer_signals(
    model: nn.Sequential, X: np.ndarray, labels: np.ndarray
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Return the hidden activations and the gradients ``dL/dz`` at their pre-activations.

    ``L`` is the softmax cross-entropy of ``model(X)`` against ``labels``. The
    backward pass runs layer by layer, to keep the gradient between each pair.

    Parameters
    ----------
    model : actbook.nn.Sequential
        An MLP (or any :class:`actbook.nn.Sequential`) with hidden activation layers.
    X : ndarray, shape (n_samples, n_features)
        At least one sample.
    labels : ndarray, shape (n_samples,) or (n_samples, n_classes)
        Class labels or one-hot rows.

    Examples
    --------
    >>> model = nn.MLP([3, 4, 4, 2], "tanh", seed=0)
    >>> activations, gradients = layer_signals(model, np.ones((5, 3)), np.zeros(5))
    >>> [a.shape for a in activations], [g.shape for g in gradients]
    ([(5, 4), (5, 4)], [(5, 4), (5, 4)])
    >>> layer_signals(model, np.ones((0, 3)), np.zeros(0))
    Traceback (most recent call last):
    ...
    ValueError: X must not be empty, got shape (0, 3)
    """
    model = _arguments.sequential(model)
    X = _arguments.samples(X)
    labels = validation.float_array(labels, "labels")
    if labels.ndim not in (1, 2) or labels.shape[0] != X.shape[0]:
        raise ValueError(
            f"labels must have {X.shape[0]} rows like X (labels or one-hot rows), "
            f"got shape {labels.shape}"
        )
    _, grad = nn.softmax_cross_entropy(model.forward(X), labels)
    hidden = set(model.hidden_indices())
    gradients = []
    for index in reversed(range(len(model.layers))):
        grad = model.layers[index].backward(grad)
        if index in hidden:
            gradients.append(grad)
    return model.activations, gradients[::-1]


def _histogram(values: list[np.ndarray], bins: int) -> Histogram:
    edges = np.histogram_bin_edges(np.concatenate([v.ravel() for v in values]), bins=bins)
    return Histogram(edges=edges, counts=np.array([np.histogram(v, edges)[0] for v in values]))


def initialization(
    schemes: Sequence[str] = tuple(SCHEMES),
    activations: Sequence[str] = ("tanh", "sigmoid", "relu"),
    *,
    depth: int = 5,
    width: int = 256,
    n_samples: int = 256,
    n_classes: int = 10,
    bins: int = 50,
    seed: int = 0,
) -> dict[tuple[str, str], InitializationCase]:
    """Measure activations and gradients by depth for each (scheme, activation) pair.

    Each network is ``MLP([width] * (depth + 1) + [n_classes])`` with zero biases,
    fed ``n_samples`` standard normal inputs; one backward pass of the softmax
    cross-entropy against random labels gives the gradients. The inputs, labels
    and weight seed are the same for every pair.

    Parameters
    ----------
    schemes : sequence of str, default all of :data:`SCHEMES`
        Keys of :data:`SCHEMES`; at least one.
    activations : sequence of str, default ("tanh", "sigmoid", "relu")
        :mod:`actbook.activations` names; at least one.
    depth : int, default 5
        Number of hidden layers.
    width : int, default 256
        Width of the inputs and of every hidden layer.
    n_samples : int, default 256
    n_classes : int, default 10
        At least 2.
    bins : int, default 50
        Number of histogram bins.
    seed : int, default 0
        Seeds the inputs, the labels and the weights.

    Returns
    -------
    dict
        ``{(scheme, activation): InitializationCase}``.

    Examples
    --------
    >>> cases = initialization(["standard", "xavier"], ["tanh"], width=64)
    >>> np.round(cases["standard", "tanh"].activation_std, 2)
    array([0.46, 0.25, 0.14, 0.08, 0.04])
    >>> np.round(cases["xavier", "tanh"].activation_std, 2)
    array([0.63, 0.49, 0.41, 0.35, 0.3 ])
    """
    schemes = validation.sequence(
        schemes, "schemes", lambda scheme, name: _arguments.name_of(scheme, name, SCHEMES)
    )
    activations = validation.sequence(activations, "activations", _arguments.activation_name)
    depth = validation.positive_int(depth, "depth")
    width = validation.positive_int(width, "width")
    n_samples = validation.positive_int(n_samples, "n_samples")
    n_classes = validation.integer(n_classes, "n_classes", minimum=2)
    bins = validation.positive_int(bins, "bins")
    seed = validation.seed(seed)
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_samples, width))
    labels = rng.integers(n_classes, size=n_samples)
    sizes = [width] * (depth + 1) + [n_classes]
    cases = {}
    for scheme in schemes:
        for activation in activations:
            model = nn.MLP(sizes, activation, init=SCHEMES[scheme], seed=seed)
            hidden, gradients = layer_signals(model, X, labels)
            dense = [layer for layer in model.layers if isinstance(layer, nn.Dense)][:depth]
            cases[scheme, activation] = InitializationCase(
                scheme=scheme,
                activation=activation,
                activation_mean=np.array([a.mean() for a in hidden]),
                activation_std=np.array([a.std() for a in hidden]),
                gradient_std=np.array([g.std() for g in gradients]),
                weight_gradient_std=np.array([d.grads["W"].std() for d in dense]),
                activations=_histogram(hidden, bins),
                gradients=_histogram(gradients, bins),
            )
    return cases


def signal_depth(values: np.ndarray, factor: float, *, backward: bool = False) -> int | None:
    """Return how far a per-layer signal travels before it changes by more than ``factor``.

    Forward (the default), the reference is the first layer: the result is the first
    layer ``l`` (counted from 1) with ``values[l - 1] / values[0]`` below ``1 / factor`` or
    above ``factor``. Backward, the reference is the last layer and the result is the
    number of layers ``k`` the signal has been passed back when
    ``values[-1 - k] / values[-1]`` first leaves that range. None if it never does.

    Parameters
    ----------
    values : ndarray, shape (depth,)
        Finite numbers >= 0, one per layer (first layer first), e.g.
        :attr:`InitializationCase.activation_std`; the reference layer's must be > 0.
        A zero counts as dead.
    factor : float
        A finite number > 1.
    backward : bool, default False

    Examples
    --------
    >>> signal_depth(np.array([1.0, 0.1, 0.01, 0.001, 1e-4]), 100.0)
    4
    >>> signal_depth(np.array([1.0, 10.0, 100.0, 1e3]), 50.0, backward=True)
    2
    >>> signal_depth(np.array([1.0, 2.0]), 100.0) is None
    True
    >>> signal_depth(np.array([1.0, 2.0]), 0.5)
    Traceback (most recent call last):
    ...
    ValueError: factor must be a finite number > 1, got 0.5
    """
    values = validation.float_array(values, "values", ndim=1, nonempty=True, finite=True)
    if not np.all(values >= 0):
        raise ValueError("values must be non-negative")
    factor = validation.positive_real(factor, "factor")
    if not factor > 1:
        raise ValueError(f"factor must be a finite number > 1, got {factor!r}")
    backward = validation.boolean(backward, "backward")
    ordered = values[::-1] if backward else values
    if not ordered[0] > 0:
        raise ValueError(
            f"values must be positive at the reference layer ({'last' if backward else 'first'})"
        )
    ratios = ordered / ordered[0]
    outside = np.flatnonzero((ratios < 1 / factor) | (ratios > factor))
    if outside.size == 0:
        return None
    return int(outside[0]) if backward else int(outside[0]) + 1


def train_digits(
    scheme: str,
    *,
    activation: str = "tanh",
    hidden: Sequence[int] = (32, 32, 32, 32, 32),
    epochs: int = 10,
    lr: float = 0.05,
    batch_size: int = 32,
    seed: int = 0,
) -> tuple[float, np.ndarray]:
    """Train a deep digits MLP initialized with ``scheme``; return its test accuracy and losses.

    ``MLP([64, *hidden, 10], activation, init=SCHEMES[scheme], seed=seed)`` (zero
    biases), mini-batch SGD on the softmax cross-entropy over the book's digits split
    (:func:`actbook.experiments.digits.digits_split`).

    Parameters
    ----------
    scheme : str
        A key of :data:`SCHEMES`.
    activation : str, default "tanh"
    hidden : sequence of int, default five layers of 32
    epochs : int, default 10
    lr : float, default 0.05
    batch_size : int, default 32
    seed : int, default 0
        Seeds the weights and the shuffling.

    Returns
    -------
    test_accuracy : float
    loss : ndarray, shape (epochs,)
        Mean training loss of every epoch.

    Examples
    --------
    >>> accuracy, loss = train_digits("xavier", hidden=(16,), epochs=2)
    >>> loss.shape, bool(0.5 < accuracy <= 1)
    ((2,), True)
    >>> train_digits("orthogonal")
    Traceback (most recent call last):
    ...
    ValueError: scheme must be one of ['he', 'normal', 'standard', 'xavier'], got 'orthogonal'
    """
    from actbook.experiments.digits import digits_split

    scheme = _arguments.name_of(scheme, "scheme", SCHEMES)
    activation = _arguments.activation(activation)
    hidden = validation.sequence(hidden, "hidden", validation.positive_int)
    epochs = validation.positive_int(epochs, "epochs")
    lr = validation.positive_real(lr, "lr")
    batch_size = validation.positive_int(batch_size, "batch_size")
    seed = validation.seed(seed)
    X_train, X_test, y_train, y_test = digits_split()
    model = nn.MLP([X_train.shape[1], *hidden, 10], activation, init=SCHEMES[scheme], seed=seed)
    with np.errstate(over="ignore", invalid="ignore"):
        history = nn.fit(
            model,
            X_train,
            y_train,
            loss="softmax_cross_entropy",
            optimizer=nn.SGD(lr),
            epochs=epochs,
            batch_size=batch_size,
            seed=seed,
        )
        accuracy = float(np.mean(model.forward(X_test).argmax(axis=1) == y_test))
    return accuracy, history.loss
