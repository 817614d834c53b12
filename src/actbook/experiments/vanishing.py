"""Experiments of the chapter *Vanishing and exploding gradients*.

Every function returns numbers, never a figure, and runs in a few seconds at its
default size:

- :func:`derivative_product_bound` -- the bound ``max(sigma')**n`` on a product of
  ``n`` sigmoid derivatives, with the peak ``max(sigma')`` of
  :func:`actbook.nn.derivative_peak`;
- :func:`underflow_depth` and :func:`exact_underflow_depth` -- after how many
  factors a product rounds to zero in a floating-point format;
- :func:`scalar_chain` and :func:`centred_biases` -- the chain of scalar neurons
  ``a_k = sigma(w_k a_{k-1} + b_k)`` and ``dJ/dw_1`` as a product;
- :func:`layer_gradient_norms` -- per-layer gradient norms of a deep MLP at
  initialization;
- :func:`learning_speeds` -- per-layer learning speed while a deep sigmoid MLP trains
  (:func:`actbook.nn.fit` with a per-step callback);
- :func:`accuracy_by_depth` -- training accuracy against depth for a fixed budget;
- :func:`gradient_descent_quadratic` and :func:`converges` -- the step-size
  trade-off on ``f(x) = L x^2 / 2``.

Every function checks all its arguments with :mod:`actbook.validation` before it
draws data or trains anything: ``TypeError`` for a wrong kind (``2.5`` layers),
``ValueError`` for a wrong value (``0`` layers, an unknown data set).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from actbook import data, validation
from actbook.activations import Sigmoid, sigmoid, sigmoid_derivative
from actbook.experiments import _arguments
from actbook.init import get_initializer
from actbook.nn import (
    MLP,
    SGD,
    Dense,
    Sequential,
    binary_cross_entropy_with_logits,
    derivative_peak,
    fit,
    layer_statistics,
)

__all__ = [
    "FLOAT_FORMATS",
    "ChainGradient",
    "LayerGradients",
    "LearningSpeeds",
    "accuracy_by_depth",
    "centred_biases",
    "converges",
    "derivative_product_bound",
    "exact_underflow_depth",
    "gradient_descent_quadratic",
    "layer_gradient_norms",
    "learning_speeds",
    "minimum_exploding_weight",
    "scalar_chain",
    "underflow_depth",
]

FLOAT_FORMATS: dict[str, tuple[int, int]] = {
    "float16": (-14, 10),
    "bfloat16": (-126, 7),
    "float32": (-126, 23),
    "float64": (-1022, 52),
}
"""Binary formats as ``(minimum normal exponent, fraction bits)`` (IEEE 754; bfloat16
keeps float32's exponent range with a 7-bit fraction). The smallest subnormal number
is ``2**(minimum exponent - fraction bits)``."""

DATASETS: dict[str, Callable[..., tuple[np.ndarray, np.ndarray]]] = {
    "two_moons": data.two_moons,
    "spirals": data.spirals,
}


# the extra ``init`` name of this module: every weight from N(0, 1), as S4 discusses
_STANDARD_NORMAL = "standard_normal"


def _init(init: Any) -> str | Callable[..., np.ndarray]:
    return _arguments.initializer(init, extra=[_STANDARD_NORMAL])


def _resolve_init(init: str | Callable[..., np.ndarray]) -> str | Callable[..., np.ndarray]:
    return get_initializer("normal", std=1.0) if init == _STANDARD_NORMAL else init


def _dataset_size(n_samples: Any) -> int:
    # both data sets need two points at least (one per class)
    return validation.integer(n_samples, "n_samples", minimum=2)


# ------------------------------------------------------------------ product bounds


def derivative_product_bound(n: int) -> float:
    """Return ``max(sigma')**n``, the bound on a product of ``n`` sigmoid derivatives.

    ``max(sigma')`` is the sigmoid's :func:`actbook.nn.derivative_peak`, 1/4.

    Parameters
    ----------
    n : int
        Number of factors, at least 1.

    Examples
    --------
    >>> derivative_product_bound(3)
    0.015625
    >>> derivative_product_bound(2.5)
    Traceback (most recent call last):
    ...
    TypeError: n must be a positive integer, got 2.5 (float)
    """
    n = validation.positive_int(n, "n")
    return derivative_peak(Sigmoid()) ** n


def minimum_exploding_weight() -> float:
    """Return the smallest ``|w|`` for which ``|w sigma'(z)|`` can reach 1: ``1 / max sigma'``.

    Examples
    --------
    >>> minimum_exploding_weight()
    4.0
    """
    return 1.0 / derivative_peak(Sigmoid())


# ----------------------------------------------------------------------- underflow


def _factor(factor: Any) -> float:
    return validation.real_in_range(
        factor, "factor", 0.0, 1.0, include_low=False, include_high=False
    )


def underflow_depth(factor: float = 0.25, dtype: Any = np.float32, max_depth: int = 10_000) -> int:
    """Multiply 1 by ``factor`` in ``dtype`` until the product is exactly zero; return the count.

    Parameters
    ----------
    factor : float, default 0.25
        The factor of every step, in (0, 1).
    dtype : numpy floating dtype, default float32
    max_depth : int, default 10000
        Give up (ValueError) after this many multiplications.

    Examples
    --------
    >>> underflow_depth(0.25, np.float16), underflow_depth(0.25, np.float64)
    (13, 538)
    """
    factor = _factor(factor)
    try:
        dtype = np.dtype(dtype)
    except TypeError:
        raise TypeError(f"dtype must be a floating dtype, got {dtype!r}") from None
    if dtype.kind != "f":
        raise TypeError(f"dtype must be a floating dtype, got {dtype}")
    max_depth = validation.positive_int(max_depth, "max_depth")
    step, product = dtype.type(factor), dtype.type(1.0)
    for depth in range(1, max_depth + 1):
        product = dtype.type(product * step)
        if product == 0:
            return depth
    raise ValueError(f"the product of {max_depth} factors is still nonzero; raise max_depth")


def exact_underflow_depth(fmt: str, factor: float = 0.25) -> int:
    """Return the smallest ``n`` for which the exact ``factor**n`` rounds to zero in ``fmt``.

    Round-to-nearest-even sends a value to zero when it is at most half the
    smallest subnormal ``2**(emin - p)`` (the tie goes to zero, the even neighbour).
    For factors that are powers of two this equals :func:`underflow_depth`, which
    multiplies in the format itself.

    Parameters
    ----------
    fmt : str
        A key of :data:`FLOAT_FORMATS`.
    factor : float, default 0.25

    Examples
    --------
    >>> exact_underflow_depth("bfloat16")
    67
    """
    fmt = _arguments.name_of(fmt, "fmt", FLOAT_FORMATS)
    factor = _factor(factor)
    min_exponent, fraction_bits = FLOAT_FORMATS[fmt]
    half_tiny = Fraction(2) ** (min_exponent - fraction_bits - 1)
    step, product, depth = Fraction(factor), Fraction(1), 0
    while product > half_tiny:
        product *= step
        depth += 1
    return depth


# --------------------------------------------------------------- the scalar chain


def _weights(weights: Any) -> np.ndarray:
    w = validation.float_array(weights, "weights", ndim=1, nonempty=True, finite=True)
    return w.astype(np.float64)


@dataclass(frozen=True)
class ChainGradient:
    """Forward values and the gradient of a chain of scalar sigmoid neurons.

    Attributes
    ----------
    pre_activations : ndarray, shape (n,)
        ``z_k = w_k a_{k-1} + b_k``.
    activations : ndarray, shape (n + 1,)
        ``a_0 = x`` then ``a_k = sigma(z_k)``.
    factors : ndarray, shape (n - 1,)
        ``w_k sigma'(z_k)`` for ``k = 2 .. n``: how much ``dJ/da`` changes per link.
    gradient : float
        ``dJ/dw_1 = x sigma'(z_1) prod(factors)`` for ``J = a_n``.
    """

    pre_activations: np.ndarray
    activations: np.ndarray
    factors: np.ndarray
    gradient: float


def scalar_chain(
    weights: Sequence[float], *, x: float = 1.0, biases: Sequence[float] | None = None
) -> ChainGradient:
    """Run the chain ``a_k = sigma(w_k a_{k-1} + b_k)`` and return ``dJ/dw_1`` for ``J = a_n``.

    The chain is computed in float64.

    Parameters
    ----------
    weights : sequence of float, length n
        At least one weight, all finite.
    x : float, default 1.0
        The input ``a_0``.
    biases : sequence of float, optional
        Length n; zero by default (the chain of S4).

    Examples
    --------
    >>> w = [4.0, 4.0, 4.0]
    >>> chain = scalar_chain(w, biases=centred_biases(w))
    >>> chain.factors, chain.gradient
    (array([1., 1.]), 0.25)
    >>> bool(scalar_chain([1.0]).gradient == sigmoid_derivative(1.0))
    True
    >>> scalar_chain([])
    Traceback (most recent call last):
    ...
    ValueError: weights must not be empty, got shape (0,)
    """
    w = _weights(weights)
    x = validation.finite_real(x, "x")
    if biases is None:
        b = np.zeros_like(w)
    else:
        b = validation.same_shape(biases, "biases", w.shape, "weights")
        b = validation.float_array(b, "biases", finite=True).astype(np.float64)
    activations = [float(x)]
    pre_activations = []
    for w_k, b_k in zip(w, b, strict=True):
        pre_activations.append(w_k * activations[-1] + b_k)
        activations.append(float(sigmoid(pre_activations[-1])))
    z = np.array(pre_activations)
    slopes = sigmoid_derivative(z)
    factors = w[1:] * slopes[1:]
    gradient = float(x * slopes[0] * np.prod(factors))
    return ChainGradient(z, np.array(activations), factors, gradient)


def centred_biases(weights: Sequence[float], x: float = 1.0) -> np.ndarray:
    """Return the biases that put every pre-activation of :func:`scalar_chain` at zero.

    Then ``sigma'(z_k) = 1/4`` everywhere, the best case: each link multiplies the
    gradient by ``w_k / 4`` (Nielsen's example of exploding gradients).

    Examples
    --------
    >>> centred_biases([2.0, 8.0, -4.0], x=3.0)
    array([-6., -4.,  2.])
    """
    w = _weights(weights)
    x = validation.finite_real(x, "x")
    # z_1 = 0 needs b_1 = -w_1 x; then every a_k = sigma(0) = 1/2
    previous = np.concatenate([[float(x)], np.full(w.size - 1, 0.5)])
    return -w * previous


# -------------------------------------------------------- gradients at initialization


def _hidden_dense(model: Sequential, depth: int) -> list[Dense]:
    return [layer for layer in model.layers if isinstance(layer, Dense)][:depth]


@dataclass(frozen=True)
class LayerGradients:
    """Per-layer gradient norms of an MLP at initialization (hidden layers, first first).

    Attributes
    ----------
    weight_norms : ndarray, shape (depth,)
        ``||dL/dW_l||`` (Frobenius) of the Dense layer feeding hidden layer ``l``.
    bias_norms : ndarray, shape (depth,)
        ``||dL/db_l||``, the back-propagated error of layer ``l`` summed over the batch.
    saturated_fractions : ndarray, shape (depth,)
        Fraction of saturated units per layer (see :func:`actbook.nn.layer_statistics`).
    """

    weight_norms: np.ndarray
    bias_norms: np.ndarray
    saturated_fractions: np.ndarray

    @property
    def ratio(self) -> float:
        """``||dL/db_last|| / ||dL/db_first||``: above 1 when the gradient vanishes backwards.

        The bias gradients carry the backward signal alone; the weight gradients
        also multiply each layer's input, which grows or shrinks in the forward pass.
        """
        return float(self.bias_norms[-1] / self.bias_norms[0])

    @property
    def factor_per_layer(self) -> float:
        """The geometric mean of the per-layer shrink factor, ``ratio ** (1 / (depth - 1))``."""
        if self.bias_norms.size < 2:
            raise ValueError("factor_per_layer needs at least two hidden layers")
        return self.ratio ** (1.0 / (self.bias_norms.size - 1))


def layer_gradient_norms(
    depth: int = 10,
    width: int = 100,
    activation: str = "sigmoid",
    init: str | Callable[..., np.ndarray] = "xavier_uniform",
    *,
    n_samples: int = 256,
    seed: int = 0,
) -> LayerGradients:
    """Back-propagate once through a fresh MLP and return its per-layer gradient norms.

    The MLP has ``depth`` hidden layers of ``width`` units on ``width`` inputs (so
    every hidden weight matrix has the same shape) and one output logit. The batch
    holds standard normal inputs with random 0/1 labels; the loss is binary
    cross-entropy.

    Parameters
    ----------
    depth : int, default 10
        Number of hidden layers.
    width : int, default 100
    activation : str or Activation, default "sigmoid"
        An :mod:`actbook.activations` name or instance.
    init : str or callable, default "xavier_uniform"
        An :mod:`actbook.init` name, ``"standard_normal"`` for N(0, 1), or a callable.
    n_samples : int, default 256
    seed : int, default 0
        Seeds the weights and the batch.

    Examples
    --------
    >>> grads = layer_gradient_norms(depth=3, width=20)
    >>> bool(grads.weight_norms[0] < grads.weight_norms[1] < grads.weight_norms[2])
    True
    """
    depth = validation.positive_int(depth, "depth")
    width = validation.positive_int(width, "width")
    activation = _arguments.activation(activation)
    init = _init(init)
    n_samples = validation.positive_int(n_samples, "n_samples")
    seed = validation.seed(seed)
    rng = np.random.default_rng(seed)
    model = MLP([width] * (depth + 1) + [1], activation, init=_resolve_init(init), seed=seed)
    X = rng.standard_normal((n_samples, width))
    y = rng.integers(0, 2, size=X.shape[0]).astype(np.float64)
    _, grad_output = binary_cross_entropy_with_logits(model.forward(X), y)
    model.backward(grad_output)
    hidden = _hidden_dense(model, depth)
    return LayerGradients(
        weight_norms=np.array([np.linalg.norm(layer.grads["W"]) for layer in hidden]),
        bias_norms=np.array([np.linalg.norm(layer.grads["b"]) for layer in hidden]),
        saturated_fractions=np.array([s.saturated_fraction for s in layer_statistics(model)]),
    )


# ------------------------------------------------------------ learning during training


@dataclass(frozen=True)
class LearningSpeeds:
    """Per-layer learning speed recorded while an MLP trains (hidden layers, first first).

    Attributes
    ----------
    speeds : ndarray, shape (steps, depth)
        ``||dL/db_l||`` at every step: Nielsen's "speed of learning" of layer ``l``.
    weight_change : ndarray, shape (depth,)
        ``||W_l(end) - W_l(start)|| / ||W_l(start)||``.
    accuracy : float
        Training accuracy at the end.
    epochs : int
        Number of epochs; ``speeds`` holds ``steps / epochs`` steps per epoch.
    """

    speeds: np.ndarray
    weight_change: np.ndarray
    accuracy: float
    epochs: int

    @property
    def epoch_speeds(self) -> np.ndarray:
        """The speeds averaged over each epoch, shape ``(epochs, depth)``: less noisy."""
        return self.speeds.reshape(self.epochs, -1, self.speeds.shape[1]).mean(axis=1)

    @property
    def speed_ratio(self) -> float:
        """Mean speed of the last hidden layer over that of the first."""
        mean = self.speeds.mean(axis=0)
        return float(mean[-1] / mean[0])

    @property
    def change_ratio(self) -> float:
        """Relative weight change of the last hidden layer over that of the first."""
        return float(self.weight_change[-1] / self.weight_change[0])


def _accuracy(model: Sequential, X: np.ndarray, y: np.ndarray) -> float:
    return float(np.mean((model.forward(X)[:, 0] > 0) == (y > 0.5)))


def learning_speeds(
    depth: int = 4,
    width: int = 30,
    activation: str = "sigmoid",
    init: str | Callable[..., np.ndarray] = "lecun_normal",
    *,
    dataset: str = "spirals",
    n_samples: int = 400,
    epochs: int = 30,
    batch_size: int = 20,
    lr: float = 0.5,
    seed: int = 0,
) -> LearningSpeeds:
    """Train an MLP by mini-batch SGD on a 2-d data set and record each layer's learning speed.

    The defaults follow Nielsen's experiment: hidden layers of 30 sigmoid units,
    weights drawn from N(0, 1/fan_in) (``"lecun_normal"``), binary cross-entropy.
    :func:`actbook.nn.fit` trains the network; its ``on_step`` callback reads the
    bias gradients of every mini-batch before the update.

    Parameters
    ----------
    depth : int, default 4
        Number of hidden layers.
    width : int, default 30
    activation : str or Activation, default "sigmoid"
    init : str or callable, default "lecun_normal"
        An :mod:`actbook.init` name, ``"standard_normal"`` for N(0, 1), or a callable.
    dataset : {"spirals", "two_moons"}, default "spirals"
    n_samples : int, default 400
        At least 2.
    epochs : int, default 30
    batch_size : int, default 20
    lr : float, default 0.5
    seed : int, default 0
        Seeds the data, the weights and the shuffling.

    Examples
    --------
    >>> run = learning_speeds(depth=2, epochs=2)
    >>> run.speeds.shape, run.epoch_speeds.shape, bool(run.speed_ratio > 1)
    ((40, 2), (2, 2), True)
    >>> learning_speeds(dataset="mnist")
    Traceback (most recent call last):
    ...
    ValueError: dataset must be one of ['spirals', 'two_moons'], got 'mnist'
    """
    depth = validation.positive_int(depth, "depth")
    width = validation.positive_int(width, "width")
    activation = _arguments.activation(activation)
    init = _init(init)
    dataset = _arguments.name_of(dataset, "dataset", DATASETS)
    n_samples = _dataset_size(n_samples)
    epochs = validation.positive_int(epochs, "epochs")
    batch_size = validation.positive_int(batch_size, "batch_size")
    optimizer = SGD(validation.positive_real(lr, "lr"))
    seed = validation.seed(seed)

    X, y = DATASETS[dataset](n=n_samples, seed=seed)
    model = MLP(
        [X.shape[1]] + [width] * depth + [1], activation, init=_resolve_init(init), seed=seed
    )
    hidden = _hidden_dense(model, depth)
    start = [layer.params["W"].copy() for layer in hidden]
    speeds: list[list[float]] = []

    def record_speeds(model: Sequential, step: int) -> None:
        speeds.append([np.linalg.norm(layer.grads["b"]) for layer in hidden])

    fit(
        model,
        X,
        y,
        loss="bce",
        optimizer=optimizer,
        epochs=epochs,
        batch_size=batch_size,
        seed=seed,
        on_step=record_speeds,
    )
    change = [
        np.linalg.norm(layer.params["W"] - w0) / np.linalg.norm(w0)
        for layer, w0 in zip(hidden, start, strict=True)
    ]
    return LearningSpeeds(np.array(speeds), np.array(change), _accuracy(model, X, y), epochs)


def accuracy_by_depth(
    depths: Sequence[int] = (1, 2, 3, 4, 5, 6),
    activation: str = "sigmoid",
    init: str | Callable[..., np.ndarray] | None = None,
    *,
    width: int = 16,
    dataset: str = "two_moons",
    n_samples: int = 200,
    epochs: int = 50,
    batch_size: int = 20,
    lr: float = 0.5,
    seeds: Sequence[int] = (0, 1, 2),
) -> np.ndarray:
    """Return the mean training accuracy after a fixed budget of SGD steps, for each depth.

    Every network trains for the same number of steps, so the result measures how
    fast depth lets plain SGD make progress, not what a deep network can represent.

    Parameters
    ----------
    depths : sequence of int, default (1, 2, 3, 4, 5, 6)
        Numbers of hidden layers; at least one depth.
    activation : str or Activation, default "sigmoid"
    init : str or callable, optional
        Default: the MLP's (Xavier uniform, He normal for the ReLU family);
        ``"standard_normal"`` for N(0, 1).
    width : int, default 16
    dataset : {"two_moons", "spirals"}, default "two_moons"
    n_samples : int, default 200
        At least 2.
    epochs, batch_size : int, default 50, 20
    lr : float, default 0.5
    seeds : sequence of int, default (0, 1, 2)
        One run per seed (weights and shuffling); the data set uses seed 0. At least one.

    Examples
    --------
    >>> accuracy_by_depth([1], "tanh", epochs=20, seeds=[0]).round(2)
    array([0.89])
    >>> accuracy_by_depth([1, 2.5])
    Traceback (most recent call last):
    ...
    TypeError: depths[1] must be a positive integer, got 2.5 (float)
    """
    depths = validation.sequence(depths, "depths", validation.positive_int)
    activation = _arguments.activation(activation)
    init = None if init is None else _init(init)
    width = validation.positive_int(width, "width")
    dataset = _arguments.name_of(dataset, "dataset", DATASETS)
    n_samples = _dataset_size(n_samples)
    epochs = validation.positive_int(epochs, "epochs")
    batch_size = validation.positive_int(batch_size, "batch_size")
    lr = validation.positive_real(lr, "lr")
    seeds = validation.sequence(seeds, "seeds", validation.seed)

    X, y = DATASETS[dataset](n=n_samples, seed=0)
    means = []
    for depth in depths:
        sizes = [X.shape[1]] + [width] * depth + [1]
        runs = []
        for seed in seeds:
            model = MLP(
                sizes, activation, init=None if init is None else _resolve_init(init), seed=seed
            )
            fit(
                model,
                X,
                y,
                loss="bce",
                optimizer=SGD(lr),
                epochs=epochs,
                batch_size=batch_size,
                seed=seed,
            )
            runs.append(_accuracy(model, X, y))
        means.append(np.mean(runs))
    return np.array(means)


# ------------------------------------------------------------------ step size


def gradient_descent_quadratic(
    curvature: float, lr: float, *, x0: float = 1.0, steps: int = 20
) -> np.ndarray:
    """Run gradient descent on ``f(x) = curvature * x**2 / 2``; return ``x_0, ..., x_steps``.

    Each step is ``x <- x - lr * curvature * x = (1 - lr * curvature) x``.

    Parameters
    ----------
    curvature : float
        ``L``, finite and > 0.
    lr : float
        Step size, finite and > 0.
    x0 : float, default 1.0
        Starting point, finite.
    steps : int, default 20
        At least 1.

    Examples
    --------
    >>> gradient_descent_quadratic(4.0, 0.25, steps=2)
    array([1., 0., 0.])
    >>> gradient_descent_quadratic(0.5, 3.0, steps=2)
    array([ 1.  , -0.5 ,  0.25])
    """
    curvature = validation.positive_real(curvature, "curvature")
    lr = validation.positive_real(lr, "lr")
    x0 = validation.finite_real(x0, "x0")
    steps = validation.positive_int(steps, "steps")
    return x0 * (1.0 - lr * curvature) ** np.arange(steps + 1)


def converges(curvature: float, lr: float) -> bool:
    """Return whether gradient descent on ``curvature * x**2 / 2`` converges: ``0 < lr < 2 / L``.

    Parameters
    ----------
    curvature : float
        ``L``, finite and > 0.
    lr : float
        Step size, finite (a rate <= 0 never converges).

    Examples
    --------
    >>> converges(4.0, 0.6), converges(0.5, 3.0)
    (False, True)
    """
    curvature = validation.positive_real(curvature, "curvature")
    lr = validation.finite_real(lr, "lr")
    return bool(0.0 < lr * curvature < 2.0)
