"""Experiment on batch normalization in a deep sigmoid network.

Every function returns numbers, never a figure, and runs in a few seconds at its
default size:

- :func:`build_deep_sigmoid_net` -- ``depth`` hidden sigmoid layers, optionally with
  :class:`~actbook.nn.BatchNorm` on ``Wx`` before each sigmoid (Ioffe & Szegedy 2015);
- :func:`linear_region_fraction` -- the fraction of pre-activations in the sigmoid's
  near-linear region ``|z| <= 1``;
- :func:`batchnorm_deep_sigmoid` -- the same network trained with and without batch
  normalization: loss curves, per-layer gradient norms, and the near-linear fractions;
- :func:`build_digits_net` and :func:`train_digits` -- a deep network on the book's
  digits split with no normalization, batch normalization or layer normalization
  before each activation: learning curves, gradient norms at the first step, and
  accuracy in training and in evaluation mode.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from actbook import data, validation
from actbook.experiments import _arguments
from actbook.nn import SGD, ActivationLayer, BatchNorm, Dense, LayerNorm, Sequential, fit

__all__ = [
    "SIGMOID_LINEAR_REGION",
    "DIGITS_INITS",
    "NORMALIZATIONS",
    "BatchNormComparison",
    "DeepSigmoidRun",
    "DigitsRun",
    "batchnorm_deep_sigmoid",
    "build_deep_sigmoid_net",
    "build_digits_net",
    "linear_region_fraction",
    "train_digits",
]

SIGMOID_LINEAR_REGION = 1.0
"""Half-width of the sigmoid's near-linear region: on ``|z| <= 1`` the sigmoid stays
within 0.019 of its tangent ``1/2 + z/4`` (the gap is largest at the ends,
``0.75 - sigma(1) = 0.0189``). A standard normal pre-activation lies there with
probability ``erf(1 / sqrt(2)) = 0.683``."""


def build_deep_sigmoid_net(
    depth: int = 10,
    width: int = 32,
    *,
    batch_norm: bool,
    in_features: int = 2,
    init: str | Callable[..., np.ndarray] = "xavier_uniform",
    seed: int = 0,
) -> Sequential:
    """``depth`` blocks ``Dense -> [BatchNorm ->] sigmoid``, then a ``Dense(width, 1)`` logit.

    Batch normalization acts on ``Wx + b`` before the sigmoid, as Ioffe & Szegedy
    propose (its ``beta`` makes the bias redundant; the bias is kept so that both
    networks share their weights). The batch-norm layers draw no random numbers, so
    the same ``seed`` gives the same ``Dense`` weights with and without them.

    Parameters
    ----------
    depth : int, default 10
        Number of hidden sigmoid layers.
    width : int, default 32
    batch_norm : bool
        Insert :class:`~actbook.nn.BatchNorm` before every sigmoid.
    in_features : int, default 2
    init : str or callable, default "xavier_uniform"
        Weight initializer (see :mod:`actbook.init`).
    seed : int, default 0

    Examples
    --------
    >>> net = build_deep_sigmoid_net(2, 4, batch_norm=True)
    >>> [type(layer).__name__ for layer in net.layers]
    ['Dense', 'BatchNorm', 'ActivationLayer', 'Dense', 'BatchNorm', 'ActivationLayer', 'Dense']
    """
    depth = validation.positive_int(depth, "depth")
    width = validation.positive_int(width, "width")
    batch_norm = validation.boolean(batch_norm, "batch_norm")
    in_features = validation.positive_int(in_features, "in_features")
    init = _arguments.initializer(init)
    seed = validation.seed(seed)
    rng = np.random.default_rng(seed)
    layers: list[Any] = []
    n_in = in_features
    for _ in range(depth):
        layers.append(Dense(n_in, width, init=init, rng=rng))
        if batch_norm:
            layers.append(BatchNorm(width))
        layers.append(ActivationLayer("sigmoid"))
        n_in = width
    layers.append(Dense(width, 1, init=init, rng=rng))
    return Sequential(layers)


def linear_region_fraction(
    pre_activations: Sequence[np.ndarray], threshold: float = SIGMOID_LINEAR_REGION
) -> np.ndarray:
    """Fraction of the entries with ``|z| <= threshold`` in each layer's pre-activations.

    Parameters
    ----------
    pre_activations : sequence of ndarray
        One non-empty array per layer; at least one layer.
    threshold : float, default :data:`SIGMOID_LINEAR_REGION`
        Half-width of the region, finite and > 0.

    Examples
    --------
    >>> import numpy as np
    >>> linear_region_fraction([np.array([-2.0, 0.5, 1.0, 3.0]), np.zeros(3)])
    array([0.5, 1. ])
    """
    pre_activations = validation.sequence(
        pre_activations,
        "pre_activations",
        lambda z, name: validation.float_array(z, name, nonempty=True),
    )
    threshold = validation.positive_real(threshold, "threshold")
    return np.array([np.mean(np.abs(z) <= threshold) for z in pre_activations])


@dataclass(frozen=True)
class DeepSigmoidRun:
    """The training of one deep sigmoid network.

    Attributes
    ----------
    batch_norm : bool
    loss, accuracy : ndarray, shape (epochs,)
        Training loss (binary cross-entropy) and accuracy of every full-batch step,
        before its update.
    gradient_norms : ndarray, shape (epochs, depth + 1)
        Frobenius norm of every Dense layer's ``dL/dW`` at every step, first layer first.
    linear_fraction_initial, linear_fraction_final : ndarray, shape (depth,)
        :func:`linear_region_fraction` of each sigmoid's input before and after
        training (batch statistics, on the whole training set).
    """

    batch_norm: bool
    loss: np.ndarray
    accuracy: np.ndarray
    gradient_norms: np.ndarray
    linear_fraction_initial: np.ndarray
    linear_fraction_final: np.ndarray


@dataclass(frozen=True)
class BatchNormComparison:
    """Result of :func:`batchnorm_deep_sigmoid`.

    Attributes
    ----------
    without_batchnorm, with_batchnorm : DeepSigmoidRun
    threshold : float
        Half-width of the near-linear region used.
    """

    without_batchnorm: DeepSigmoidRun
    with_batchnorm: DeepSigmoidRun
    threshold: float


def _train_deep_sigmoid(
    net: Sequential,
    X: np.ndarray,
    y: np.ndarray,
    *,
    batch_norm: bool,
    epochs: int,
    optimizer: SGD,
    threshold: float,
) -> DeepSigmoidRun:
    # training mode, so that batch norm uses the statistics of the whole training set
    net.forward(X, training=True)
    initial = linear_region_fraction(net.pre_activations, threshold)
    history = fit(net, X, y, loss="bce", optimizer=optimizer, epochs=epochs, record_gradients=True)
    net.forward(X, training=True)
    final = linear_region_fraction(net.pre_activations, threshold)
    return DeepSigmoidRun(
        batch_norm, history.loss, history.accuracy, history.gradient_norms, initial, final
    )


def batchnorm_deep_sigmoid(
    *,
    depth: int = 10,
    width: int = 32,
    n_samples: int = 200,
    noise: float = 0.1,
    epochs: int = 300,
    lr: float = 0.1,
    momentum: float = 0.9,
    init: str | Callable[..., np.ndarray] = "xavier_uniform",
    threshold: float = SIGMOID_LINEAR_REGION,
    seed: int = 0,
) -> BatchNormComparison:
    """Train a deep sigmoid network on two moons with and without batch normalization.

    Both networks start from the same weights and take full-batch SGD steps on the
    binary cross-entropy. Without batch normalization each layer multiplies the
    backward signal by ``sigma' <= 1/4`` times a Xavier-sized weight matrix, so the
    first layers' gradients are orders of magnitude smaller than the last's and the
    loss stalls near ``log 2``; with it, each layer's backward pass is rescaled by
    ``gamma / sigma_batch`` and the network trains.

    Parameters
    ----------
    depth, width : int, default 10 and 32
    n_samples : int, default 200
        Size of the training set (:func:`actbook.data.two_moons`), at least 2.
    noise : float, default 0.1
        >= 0.
    epochs : int, default 300
        Full-batch steps.
    lr, momentum : float, default 0.1 and 0.9
        ``lr > 0``, ``momentum`` in ``[0, 1)``.
    init : str or callable, default "xavier_uniform"
    threshold : float, default :data:`SIGMOID_LINEAR_REGION`
        Half-width of the sigmoid's near-linear region.
    seed : int, default 0
        Seeds the data and the weights.

    Returns
    -------
    BatchNormComparison

    Examples
    --------
    >>> result = batchnorm_deep_sigmoid(depth=3, width=8, n_samples=20, epochs=5)
    >>> result.with_batchnorm.gradient_norms.shape
    (5, 4)
    >>> result.with_batchnorm.linear_fraction_initial.shape
    (3,)
    """
    depth = validation.positive_int(depth, "depth")
    width = validation.positive_int(width, "width")
    n_samples = validation.integer(n_samples, "n_samples", minimum=2)
    noise = validation.nonnegative_real(noise, "noise")
    epochs = validation.positive_int(epochs, "epochs")
    lr = validation.positive_real(lr, "lr")
    momentum = validation.real_in_range(momentum, "momentum", 0.0, 1.0, include_high=False)
    init = _arguments.initializer(init)
    threshold = validation.positive_real(threshold, "threshold")
    seed = validation.seed(seed)
    X, y = data.two_moons(n_samples, noise=noise, seed=seed)
    runs = []
    for batch_norm in (False, True):
        net = build_deep_sigmoid_net(depth, width, batch_norm=batch_norm, init=init, seed=seed)
        optimizer = SGD(lr, momentum=momentum)
        runs.append(
            _train_deep_sigmoid(
                net,
                X,
                y,
                batch_norm=batch_norm,
                epochs=epochs,
                optimizer=optimizer,
                threshold=threshold,
            )
        )
    return BatchNormComparison(*runs, threshold=threshold)


# ------------------------------------------------------------------ on the digits

#: The normalizations :func:`build_digits_net` can insert before every activation.
NORMALIZATIONS = ("none", "batch", "layer")
#: Default weight initializer of each activation on the digits: Xavier for the sigmoid
#: (as in the vanishing-gradients chapter), He for ReLU.
DIGITS_INITS = {"sigmoid": "xavier_uniform", "relu": "he_normal"}


def build_digits_net(
    normalization: str = "none",
    activation: str = "sigmoid",
    *,
    depth: int = 5,
    width: int = 32,
    bn_momentum: float = 0.1,
    seed: int = 0,
) -> Sequential:
    """``depth`` blocks ``Dense -> [normalization ->] activation`` on the 64 pixels, then 10 logits.

    ``normalization`` is ``"none"``, ``"batch"`` (:class:`~actbook.nn.BatchNorm` of each
    unit over the mini-batch) or ``"layer"`` (:class:`~actbook.nn.LayerNorm` of each
    sample over the units of the layer), inserted on ``Wx + b`` before the activation.
    The normalization layers draw no random numbers: one ``seed``, the same weights for
    all three.

    Parameters
    ----------
    normalization : str, default "none"
        One of :data:`NORMALIZATIONS`.
    activation : str, default "sigmoid"
        A key of :data:`DIGITS_INITS`; its initializer is used.
    depth, width : int, default 5 and 32
    bn_momentum : float, default 0.1
        Weight of the new batch in the running averages (PyTorch's convention).
    seed : int, default 0

    Examples
    --------
    >>> net = build_digits_net("layer", depth=2, width=8)
    >>> [type(layer).__name__ for layer in net.layers]
    ['Dense', 'LayerNorm', 'ActivationLayer', 'Dense', 'LayerNorm', 'ActivationLayer', 'Dense']
    """
    normalization = validation.one_of(normalization, "normalization", NORMALIZATIONS)
    activation = validation.one_of(activation, "activation", DIGITS_INITS)
    depth = validation.positive_int(depth, "depth")
    width = validation.positive_int(width, "width")
    bn_momentum = validation.real_in_range(bn_momentum, "bn_momentum", 0.0, 1.0)
    seed = validation.seed(seed)
    rng = np.random.default_rng(seed)
    init = DIGITS_INITS[activation]
    layers: list[Any] = []
    n_in = 64
    for _ in range(depth):
        layers.append(Dense(n_in, width, init=init, rng=rng))
        if normalization == "batch":
            layers.append(BatchNorm(width, momentum=bn_momentum))
        elif normalization == "layer":
            layers.append(LayerNorm(width))
        layers.append(ActivationLayer(activation))
        n_in = width
    layers.append(Dense(width, 10, init=init, rng=rng))
    return Sequential(layers)


@dataclass(frozen=True)
class DigitsRun:
    """One training run of :func:`train_digits`.

    Attributes
    ----------
    train_loss : ndarray, shape (epochs,)
        Mean softmax cross-entropy of each epoch's mini-batches, in training mode,
        each before its update.
    test_loss, test_accuracy : ndarray, shape (epochs,)
        On the held-out digits after each epoch, in evaluation mode (batch
        normalization with its running averages).
    initial_gradient_norms : ndarray, shape (depth,)
        ``||dL/dW||`` (Frobenius) of each hidden Dense layer at the first step, first
        layer first.
    train_accuracy_batch : float
        Accuracy on the mini-batches of the last epoch, in training mode (batch
        statistics), each before its update.
    train_accuracy_eval : float
        Accuracy on the whole training set after training, in evaluation mode.
    model : Sequential
        The trained network.
    """

    train_loss: np.ndarray
    test_loss: np.ndarray
    test_accuracy: np.ndarray
    initial_gradient_norms: np.ndarray
    train_accuracy_batch: float
    train_accuracy_eval: float
    model: Sequential


def _forward(layers: Sequence[Any], x: np.ndarray, training: bool) -> np.ndarray:
    for layer in layers:
        x = layer.forward(x, training=training)
    return x


def train_digits(
    normalization: str = "none",
    activation: str = "sigmoid",
    *,
    depth: int = 5,
    width: int = 32,
    batch_size: int = 64,
    epochs: int = 20,
    lr: float = 0.1,
    momentum: float = 0.9,
    bn_momentum: float = 0.1,
    seed: int = 0,
) -> DigitsRun:
    """Train :func:`build_digits_net` on the book's digits split and record its learning.

    Mini-batch SGD with momentum on the softmax cross-entropy; the samples are
    shuffled every epoch with ``seed``, which also seeds the weights. The loop calls
    the layers directly (the same steps as :func:`actbook.nn.fit`, without the
    bookkeeping of a general :class:`~actbook.nn.Sequential`, which costs more than
    the arithmetic at a batch of four).

    Parameters
    ----------
    normalization, activation : str
        See :func:`build_digits_net`.
    depth, width : int, default 5 and 32
    batch_size : int, default 64
        At least 2 (batch normalization needs two samples) and at most the number of
        training digits. The last, incomplete batch of each epoch is dropped, as its
        statistics would be noisier.
    epochs : int, default 20
    lr, momentum : float, default 0.1 and 0.9
        Of the optimizer, ``lr > 0``, ``momentum`` in ``[0, 1)``.
    bn_momentum : float, default 0.1
        Of the batch-normalization running averages.
    seed : int, default 0

    Returns
    -------
    DigitsRun

    Examples
    --------
    >>> run = train_digits("batch", depth=2, width=8, epochs=2)
    >>> run.test_accuracy.shape, run.initial_gradient_norms.shape
    ((2,), (2,))
    """
    from actbook.experiments.digits import digits_split

    batch_size = validation.integer(batch_size, "batch_size", minimum=2)
    epochs = validation.positive_int(epochs, "epochs")
    lr = validation.positive_real(lr, "lr")
    momentum = validation.real_in_range(momentum, "momentum", 0.0, 1.0, include_high=False)
    net = build_digits_net(
        normalization, activation, depth=depth, width=width, bn_momentum=bn_momentum, seed=seed
    )
    n_train = len(digits_split()[0])
    if batch_size > n_train:  # no complete batch: nothing to train on
        raise ValueError(
            f"batch_size must be at most the {n_train} training digits, got {batch_size}"
        )
    return _train_network(
        net, batch_size=batch_size, epochs=epochs, lr=lr, momentum=momentum, seed=seed
    )


def _train_network(
    net: Sequential, *, batch_size: int, epochs: int, lr: float, momentum: float, seed: int
) -> DigitsRun:
    """The training loop of :func:`train_digits` for an already built, validated network.

    Also used by the batch-normalization chapter for a network whose normalization sits
    after the activation; the first-step gradient norms are those of its hidden Dense
    layers, first layer first.
    """
    from actbook.experiments.digits import digits_split
    from actbook.nn import softmax_cross_entropy

    X_train, X_test, y_train, y_test = (np.array(part) for part in digits_split())
    layers = net.layers
    dense = [layer for layer in layers if isinstance(layer, Dense)][:-1]
    # heavy-ball momentum as in actbook.nn.SGD, without its per-call checks
    state = [
        (param, layer.grads, name, np.zeros_like(param))
        for layer in layers
        for name, param in layer.params.items()
    ]
    rng = np.random.default_rng(seed)
    n = X_train.shape[0]
    train_loss, test_loss, test_accuracy = [], [], []
    initial_norms = None
    correct = 0.0
    for _ in range(epochs):
        order = rng.permutation(n)
        total, count, correct = 0.0, 0, 0.0
        for start in range(0, n, batch_size):
            batch = order[start : start + batch_size]
            if batch.size < batch_size:
                break  # the last, incomplete batch is dropped
            output = _forward(layers, X_train[batch], True)
            value, grad = softmax_cross_entropy(output, y_train[batch])
            for layer in reversed(layers):
                grad = layer.backward(grad)
            if initial_norms is None:
                initial_norms = np.array([np.linalg.norm(layer.grads["W"]) for layer in dense])
            for param, grads, name, velocity in state:
                velocity *= momentum
                velocity -= lr * grads[name]
                param += velocity
            total += value * batch.size
            count += batch.size
            correct += np.sum(np.argmax(output, axis=1) == y_train[batch])
        train_loss.append(total / count)
        logits = _forward(layers, X_test, False)
        test_loss.append(softmax_cross_entropy(logits, y_test)[0])
        test_accuracy.append(np.mean(np.argmax(logits, axis=1) == y_test))
    train_eval = np.mean(np.argmax(_forward(layers, X_train, False), axis=1) == y_train)
    return DigitsRun(
        train_loss=np.array(train_loss),
        test_loss=np.array(test_loss),
        test_accuracy=np.array(test_accuracy),
        initial_gradient_norms=initial_norms,
        train_accuracy_batch=float(correct / count),
        train_accuracy_eval=float(train_eval),
        model=net,
    )
