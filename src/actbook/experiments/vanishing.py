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
  :func:`chain_fixed_point` -- the input that keeps a bias-free chain's factors equal;
  :func:`random_chains` -- many bias-free chains with standard normal weights;
- :func:`layer_gradient_norms` -- per-layer gradient norms of a deep MLP at
  initialization;
- :func:`learning_speeds` -- per-layer learning speed while a deep sigmoid MLP trains
  (:func:`actbook.nn.fit` with a per-step callback);
- :func:`accuracy_by_depth` -- training and held-out accuracy against depth for a
  fixed budget;
- :func:`train_test_data` and :func:`logistic_regression` -- the random split both
  experiments use and the linear baseline they report next to every network;
- :func:`gradient_descent_quadratic` and :func:`converges` -- the step-size
  trade-off on ``f(x) = L x^2 / 2``.

Every function checks all its arguments with :mod:`actbook.validation` before it
draws data or trains anything: ``TypeError`` for a wrong kind (``2.5`` layers),
``ValueError`` for a wrong value (``0`` layers, an unknown data set).
"""

from __future__ import annotations

import math
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
    "CHAIN_LENGTH",
    "ChainGradient",
    "LayerGradients",
    "BATCH_SIZE",
    "DEPTHS",
    "DEPTH_EPOCHS",
    "DEPTH_WIDTH",
    "DepthAccuracy",
    "LEARNING_RATE",
    "LOGISTIC_L2",
    "LearningSpeeds",
    "LogisticFit",
    "N_TEST",
    "N_TRAIN",
    "SEEDS",
    "SPEED_DEPTH",
    "SPEED_EPOCHS",
    "SPEED_WIDTH",
    "XOR_CENTRE",
    "XOR_STD",
    "RandomChains",
    "accuracy_by_depth",
    "centred_biases",
    "chain_fixed_point",
    "converges",
    "derivative_product_bound",
    "exact_underflow_depth",
    "gradient_descent_quadratic",
    "layer_gradient_norms",
    "learning_speeds",
    "logistic_regression",
    "minimum_exploding_weight",
    "random_chains",
    "scalar_chain",
    "train_test_data",
    "xor_bayes_accuracy",
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

CHAIN_LENGTH = 10
"""The number of neurons of the chains the chapter draws and discusses."""

XOR_CENTRE = 1.0
"""The clusters of the ``"gaussian_xor"`` data set sit at ``(±XOR_CENTRE, ±XOR_CENTRE)``."""
XOR_STD = 0.5
"""The standard deviation of each coordinate around its cluster's centre."""


def _gaussian_xor(n: int = 200, *, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Four Gaussian clusters at the corners ``(±c, ±c)`` of a square, labelled by XOR.

    Label 1 where the coordinates of the centre differ in sign. No straight line
    separates the classes; ``sign(x1 x2)`` is the best classifier (the Bayes rule).
    """
    c = XOR_CENTRE
    centers = np.array([[c, c], [-c, -c], [c, -c], [-c, c]])
    X, cluster = data.gaussian_blobs(n, centers=centers, std=XOR_STD, seed=seed)
    return X, (cluster >= 2).astype(np.float64)


def xor_bayes_accuracy() -> float:
    """Return the best accuracy any classifier can expect on the ``"gaussian_xor"`` clusters.

    For four equal clusters the Bayes rule is ``sign(x1 x2)`` (compare the two class
    densities: ``cosh((x1 + x2) / s^2) > cosh((x1 - x2) / s^2)`` exactly when
    ``x1 x2 > 0``). It is right when both coordinates of a point fall on the side of
    their centre, or both do not: ``Phi(c / s)^2 + (1 - Phi(c / s))^2``.

    Examples
    --------
    >>> round(xor_bayes_accuracy(), 4)
    0.9556
    """
    inside = 0.5 * (1.0 + math.erf(XOR_CENTRE / XOR_STD / math.sqrt(2.0)))
    return inside**2 + (1.0 - inside) ** 2


DATASETS: dict[str, Callable[..., tuple[np.ndarray, np.ndarray]]] = {
    "gaussian_xor": _gaussian_xor,
    "two_moons": data.two_moons,
    "spirals": data.spirals,
}
"""The data sets of the training experiments, ``name -> f(n=..., seed=...)``: two moons
and spirals from :mod:`actbook.data`, and four Gaussian clusters with XOR labels."""


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


def exact_underflow_depth(fmt: str, factor: float = 0.25, *, subnormals: bool = True) -> int:
    """Return the smallest ``n`` for which the exact ``factor**n`` rounds to zero in ``fmt``.

    With gradual underflow (``subnormals=True``, the IEEE 754 default) round-to-
    nearest-even sends a value to zero when it is at most half the smallest subnormal
    ``2**(emin - p)`` (the tie goes to zero, the even neighbour). For factors that
    are powers of two this equals :func:`underflow_depth`, which multiplies in the
    format itself.

    Hardware that flushes subnormal results to zero (``subnormals=False``) returns
    zero for every result that, rounded to ``p`` fraction bits, is below the smallest
    normal number ``2**emin``.

    Parameters
    ----------
    fmt : str
        A key of :data:`FLOAT_FORMATS`.
    factor : float, default 0.25
        The factor of every step, in (0, 1).
    subnormals : bool, default True
        False to flush subnormal results to zero.

    Examples
    --------
    >>> exact_underflow_depth("bfloat16"), exact_underflow_depth("bfloat16", subnormals=False)
    (67, 64)
    """
    fmt = _arguments.name_of(fmt, "fmt", FLOAT_FORMATS)
    factor = _factor(factor)
    subnormals = validation.boolean(subnormals, "subnormals")
    min_exponent, fraction_bits = FLOAT_FORMATS[fmt]
    if subnormals:
        zero = Fraction(2) ** (min_exponent - fraction_bits - 1)
        is_zero = zero.__ge__  # at most half the smallest subnormal
    else:
        # below the midpoint between 2**emin and the largest number under it
        zero = Fraction(2) ** min_exponent * (1 - Fraction(2) ** -(fraction_bits + 2))
        is_zero = zero.__gt__
    step, product, depth = Fraction(factor), Fraction(1), 0
    while not is_zero(product):
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


def chain_fixed_point(weight: float) -> float:
    """Return the fixed point ``a*`` of ``a -> sigma(weight * a)``.

    The map sends [0, 1] into (0, 1) and has exactly one fixed point there: for
    ``weight <= 0`` it decreases, for ``weight > 0`` ``sigma(weight * a) - a`` is concave
    on [0, 1], positive at 0 and negative at 1. A bias-free chain that shares one weight
    and starts at ``x = a*`` keeps every activation at ``a*``: all its pre-activations are
    ``weight * a*`` and all its factors ``weight * sigma'(weight * a*)`` are equal.

    Parameters
    ----------
    weight : float
        The shared weight, finite.

    Examples
    --------
    >>> a = chain_fixed_point(-20.0)
    >>> round(a, 4), bool(abs(sigmoid(-20.0 * a) - a) < 1e-15)
    (0.1064, True)
    >>> chain_fixed_point(0.0)
    0.5
    """
    weight = validation.finite_real(weight, "weight")
    low, high = 0.0, 1.0  # sigma(w a) - a is positive at 0 and negative at 1
    for _ in range(200):  # bisection to the last bit of float64
        middle = 0.5 * (low + high)
        if middle in (low, high):
            break
        if float(sigmoid(weight * middle)) > middle:
            low = middle
        else:
            high = middle
    # the two neighbours bracket a*: keep the one with the smaller residual
    return min(low, high, key=lambda a: abs(float(sigmoid(weight * a)) - a))


@dataclass(frozen=True)
class RandomChains:
    """Bias-free chains of scalar sigmoid neurons with random weights (see :func:`random_chains`).

    Attributes
    ----------
    weights : ndarray, shape (n_chains, depth)
        ``w_k`` of every chain.
    factors : ndarray, shape (n_chains, depth - 1)
        ``w_k sigma'(z_k)`` for ``k = 2 .. depth``.
    gradients : ndarray, shape (n_chains,)
        ``dJ/dw_1 = x sigma'(z_1) prod(factors)`` for ``J = a_depth``.
    """

    weights: np.ndarray
    factors: np.ndarray
    gradients: np.ndarray


def random_chains(
    depth: int = CHAIN_LENGTH,
    n_chains: int = 100_000,
    *,
    x: float = 1.0,
    std: float = 1.0,
    seed: int = 0,
) -> RandomChains:
    """Draw bias-free sigmoid chains with weights from N(0, std^2) and return their gradients.

    This is S4's chain, ``a_k = sigma(w_k a_{k-1})`` with ``a_0 = x`` and ``J = a_depth``,
    initialized as S4 describes (standard normal weights by default); every chain is
    what :func:`scalar_chain` computes for its weights, vectorized over the chains.

    Parameters
    ----------
    depth : int, default :data:`CHAIN_LENGTH`
        Number of neurons per chain, at least 1.
    n_chains : int, default 100000
        Number of chains, at least 1.
    x : float, default 1.0
        The input of every chain, finite.
    std : float, default 1.0
        Standard deviation of the weights, finite and > 0.
    seed : int, default 0
        Seeds the weights, drawn as one ``(n_chains, depth)`` standard normal array.

    Examples
    --------
    >>> chains = random_chains(depth=3, n_chains=4)
    >>> chains.factors.shape, chains.gradients.shape
    ((4, 2), (4,))
    >>> bool(chains.gradients[0] == scalar_chain(chains.weights[0]).gradient)
    True
    >>> random_chains(std=0.0)
    Traceback (most recent call last):
    ...
    ValueError: std must be a finite number > 0, got 0.0
    """
    depth = validation.positive_int(depth, "depth")
    n_chains = validation.positive_int(n_chains, "n_chains")
    x = validation.finite_real(x, "x")
    std = validation.positive_real(std, "std")
    seed = validation.seed(seed)
    weights = std * np.random.default_rng(seed).standard_normal((n_chains, depth))
    activation = np.full(n_chains, x)
    slopes = np.empty_like(weights)
    for k in range(depth):
        z = weights[:, k] * activation
        slopes[:, k] = sigmoid_derivative(z)
        activation = sigmoid(z)
    factors = weights[:, 1:] * slopes[:, 1:]
    gradients = x * slopes[:, 0] * np.prod(factors, axis=1)
    return RandomChains(weights, factors, gradients)


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

N_TRAIN = 400
"""Training points of :func:`learning_speeds` and :func:`accuracy_by_depth`."""
N_TEST = 400
"""Held-out points, drawn with the training points and split off at random."""
BATCH_SIZE = 20
"""Mini-batch size of both experiments."""
LEARNING_RATE = 0.5
"""Step size of plain SGD in both experiments."""
SEEDS = (0, 1, 2)
"""The seeds (weights and shuffling) over which the chapter repeats its training runs."""
SPEED_DEPTH = 4
"""Hidden layers of the network of :func:`learning_speeds` (Nielsen's experiment)."""
SPEED_WIDTH = 30
"""Units per hidden layer of that network."""
SPEED_EPOCHS = 150
"""Epochs of :func:`learning_speeds`: enough for the network to fit two moons."""
DEPTHS = (1, 2, 3, 4, 5, 6)
"""The numbers of hidden layers that :func:`accuracy_by_depth` compares."""
DEPTH_WIDTH = 16
"""Units per hidden layer in :func:`accuracy_by_depth`."""
DEPTH_EPOCHS = 50
"""Epochs of :func:`accuracy_by_depth`: the same budget of steps for every depth."""
LOGISTIC_L2 = 1e-4
"""The ridge penalty of :func:`logistic_regression` (on the mean loss)."""

_NEWTON_STEPS = 200


def _test_size(n_test: Any) -> int:
    # with at least two training points, four points in all: one per XOR cluster
    return validation.integer(n_test, "n_test", minimum=2)


def _split(
    dataset: str, n_train: int, n_test: int, seed: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    X, y = DATASETS[dataset](n=n_train + n_test, seed=seed)
    order = np.random.default_rng(seed).permutation(n_train + n_test)
    train, test = order[:n_train], order[n_train:]
    return X[train], y[train], X[test], y[test]


def train_test_data(
    dataset: str = "gaussian_xor", n_train: int = N_TRAIN, n_test: int = N_TEST, *, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Draw ``n_train + n_test`` points of a data set and split them at random.

    The experiments of this module train on the first part and measure on the
    second, held out.

    Parameters
    ----------
    dataset : {"gaussian_xor", "two_moons", "spirals"}, default "gaussian_xor"
        A key of :data:`DATASETS`.
    n_train : int, default :data:`N_TRAIN`
        At least 2.
    n_test : int, default :data:`N_TEST`
        At least 2.
    seed : int, default 0
        Seeds the points and the split.

    Returns
    -------
    X_train, y_train, X_test, y_test : ndarray
        Shapes ``(n_train, 2)``, ``(n_train,)``, ``(n_test, 2)``, ``(n_test,)``; labels 0 or 1.

    Examples
    --------
    >>> X_train, y_train, X_test, y_test = train_test_data("two_moons", 6, 4)
    >>> X_train.shape, y_test.shape
    ((6, 2), (4,))
    >>> train_test_data(n_test=1)
    Traceback (most recent call last):
    ...
    ValueError: n_test must be an integer >= 2, got 1
    """
    dataset = _arguments.name_of(dataset, "dataset", DATASETS)
    n_train = validation.integer(n_train, "n_train", minimum=2)
    n_test = _test_size(n_test)
    return _split(dataset, n_train, n_test, validation.seed(seed))


def _features(X: Any, name: str = "X", n_features: int | None = None) -> np.ndarray:
    X = validation.float_array(X, name, ndim=2, nonempty=True, finite=True)
    if n_features is not None and X.shape[1] != n_features:
        raise ValueError(f"{name} must have {n_features} columns like the fit, got shape {X.shape}")
    return X.astype(np.float64)


def _labels(y: Any, n_samples: int, name: str = "y") -> np.ndarray:
    y = validation.float_array(y, name, finite=True)
    if y.shape != (n_samples,):
        raise ValueError(f"{name} must have shape ({n_samples},) like the rows of X, got {y.shape}")
    if np.any((y < 0) | (y > 1)):
        raise ValueError(f"{name} must hold labels in [0, 1]")
    return y.astype(np.float64)


@dataclass(frozen=True)
class LogisticFit:
    """A fitted logistic regression ``P(y = 1 | x) = sigma(x . w + b)``: the linear baseline.

    Attributes
    ----------
    weights : ndarray, shape (n_features,)
        ``w``.
    bias : float
        ``b``.
    loss : float
        The minimum of the objective of :func:`logistic_regression`.
    iterations : int
        Newton steps taken.
    """

    weights: np.ndarray
    bias: float
    loss: float
    iterations: int

    def probabilities(self, X: np.ndarray) -> np.ndarray:
        """Return ``sigma(X w + b)`` for the rows of ``X``, shape ``(n_samples,)``.

        Examples
        --------
        >>> fit = LogisticFit(np.array([2.0]), 0.0, 0.0, 0)
        >>> fit.probabilities([[0.0], [1.0]]).round(3)
        array([0.5  , 0.881])
        """
        X = _features(X, "X", self.weights.size)
        return sigmoid(X @ self.weights + self.bias)

    def accuracy(self, X: np.ndarray, y: np.ndarray) -> float:
        """Return the fraction of rows of ``X`` classified right: ``x . w + b > 0`` for label 1.

        Examples
        --------
        >>> LogisticFit(np.array([2.0]), -1.0, 0.0, 0).accuracy([[0.0], [1.0]], [0, 1])
        1.0
        """
        X = _features(X, "X", self.weights.size)
        y = _labels(y, X.shape[0])
        return float(np.mean((X @ self.weights + self.bias > 0) == (y > 0.5)))


def logistic_regression(X: np.ndarray, y: np.ndarray, *, l2: float = LOGISTIC_L2) -> LogisticFit:
    """Fit a logistic regression by Newton's method: the linear baseline of the experiments.

    Minimizes the mean binary cross-entropy plus a small ridge penalty,

    ``J(w, b) = mean(log(1 + exp(z_i)) - y_i z_i) + l2 / 2 (|w|^2 + b^2)``, ``z = X w + b``,

    which is strictly convex, so its minimum exists and is unique for any labels,
    even when one straight line separates the classes. Each Newton step solves
    ``H d = grad J`` and halves ``d`` until ``J`` decreases enough (Armijo); the fit
    stops when the Newton decrement ``grad J . d / 2``, an estimate of ``J - min J``,
    falls below ``1e-30`` or stops shrinking at the rounding level of float64.

    Parameters
    ----------
    X : ndarray, shape (n_samples, n_features)
        Finite, at least one sample.
    y : ndarray, shape (n_samples,)
        Labels 0 or 1 (any value in [0, 1] is a soft label).
    l2 : float, default :data:`LOGISTIC_L2`
        The penalty's weight, > 0.

    Returns
    -------
    LogisticFit

    Examples
    --------
    A minimum of ``J`` has zero gradient:

    >>> X = np.arange(5.0)[:, None]
    >>> y = np.array([0.0, 1.0, 0.0, 1.0, 1.0])
    >>> fit = logistic_regression(X, y)
    >>> residual = fit.probabilities(X) - y
    >>> gradient = [np.mean(residual * X[:, 0]) + 1e-4 * fit.weights[0],
    ...             np.mean(residual) + 1e-4 * fit.bias]
    >>> bool(np.max(np.abs(gradient)) < 1e-12)
    True
    >>> fit.probabilities(X).round(2), fit.accuracy(X, y)
    (array([0.17, 0.39, 0.65, 0.85, 0.94]), 0.6)
    >>> logistic_regression(X, [0, 1, 2, 1, 1])
    Traceback (most recent call last):
    ...
    ValueError: y must hold labels in [0, 1]
    """
    X = _features(X)
    y = _labels(y, X.shape[0])
    l2 = validation.positive_real(l2, "l2")
    n = X.shape[0]
    A = np.column_stack([X, np.ones(n)])

    def objective(theta: np.ndarray) -> float:
        z = A @ theta
        return float(np.mean(np.logaddexp(0.0, z) - y * z) + l2 / 2 * (theta @ theta))

    theta = np.zeros(A.shape[1])
    loss, previous = objective(theta), np.inf
    for steps in range(_NEWTON_STEPS + 1):
        p = sigmoid(A @ theta)
        gradient = A.T @ (p - y) / n + l2 * theta
        hessian = (A.T * (p * (1.0 - p))) @ A / n + l2 * np.eye(A.shape[1])
        try:
            step = np.linalg.solve(hessian, gradient)
        except np.linalg.LinAlgError:  # l2 below the rounding level of X's scale
            raise ValueError(
                f"X, l2: the Newton system is singular; rescale X or raise l2, got l2={l2}"
            ) from None
        decrement = float(gradient @ step) / 2
        close = decrement <= 1e-12  # where Newton's method converges quadratically
        if decrement <= 1e-30 or (close and decrement >= previous / 2):
            break  # converged, or stalled at the rounding level of float64
        if steps == _NEWTON_STEPS:
            raise ValueError(
                f"X, y: logistic regression did not converge in {_NEWTON_STEPS} Newton steps; "
                "rescale X or raise l2"
            )
        previous, size = decrement, 1.0
        while not close:  # damped phase: halve the step until J decreases enough (Armijo)
            if objective(theta - size * step) <= loss - 0.5 * size * decrement or size < 1e-12:
                break
            size /= 2
        theta = theta - size * step
        loss = objective(theta)
    return LogisticFit(theta[:-1].copy(), float(theta[-1]), loss, steps)


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
    test_accuracy : float
        Accuracy on the held-out points at the end.
    epoch_test_accuracy : ndarray, shape (epochs + 1,)
        Held-out accuracy after ``0, 1, ..., epochs`` epochs.
    baseline_accuracy, baseline_test_accuracy : float
        Training and held-out accuracy of :func:`logistic_regression` on the same split.
    """

    speeds: np.ndarray
    weight_change: np.ndarray
    accuracy: float
    epochs: int
    test_accuracy: float
    epoch_test_accuracy: np.ndarray
    baseline_accuracy: float
    baseline_test_accuracy: float

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
    depth: int = SPEED_DEPTH,
    width: int = SPEED_WIDTH,
    activation: str = "sigmoid",
    init: str | Callable[..., np.ndarray] = "lecun_normal",
    *,
    dataset: str = "gaussian_xor",
    n_samples: int = N_TRAIN,
    n_test: int = N_TEST,
    epochs: int = SPEED_EPOCHS,
    batch_size: int = BATCH_SIZE,
    lr: float = LEARNING_RATE,
    seed: int = 0,
    data_seed: int = 0,
) -> LearningSpeeds:
    """Train an MLP by mini-batch SGD on a 2-d data set and record each layer's learning speed.

    The defaults follow Nielsen's experiment: hidden layers of 30 sigmoid units,
    weights drawn from N(0, 1/fan_in) (``"lecun_normal"``), binary cross-entropy.
    :func:`actbook.nn.fit` trains the network; its ``on_step`` callback reads the
    bias gradients of every mini-batch before the update, and at the start of each
    epoch the accuracy on the held-out points. :func:`logistic_regression` on the
    same training points gives the linear baseline.

    Parameters
    ----------
    depth : int, default :data:`SPEED_DEPTH`
        Number of hidden layers.
    width : int, default :data:`SPEED_WIDTH`
    activation : str or Activation, default "sigmoid"
    init : str or callable, default "lecun_normal"
        An :mod:`actbook.init` name, ``"standard_normal"`` for N(0, 1), or a callable.
    dataset : {"gaussian_xor", "two_moons", "spirals"}, default "gaussian_xor"
    n_samples : int, default :data:`N_TRAIN`
        Training points, at least 2.
    n_test : int, default :data:`N_TEST`
        Held-out points, at least 2 (see :func:`train_test_data`).
    epochs : int, default :data:`SPEED_EPOCHS`
    batch_size : int, default :data:`BATCH_SIZE`
    lr : float, default :data:`LEARNING_RATE`
    seed : int, default 0
        Seeds the weights and the shuffling.
    data_seed : int, default 0
        Seeds the points and the split.

    Examples
    --------
    >>> run = learning_speeds(depth=2, epochs=2)
    >>> run.speeds.shape, run.epoch_speeds.shape, run.epoch_test_accuracy.shape
    ((40, 2), (2, 2), (3,))
    >>> bool(run.speed_ratio > 1)
    True
    >>> learning_speeds(dataset="mnist")
    Traceback (most recent call last):
    ...
    ValueError: dataset must be one of ['gaussian_xor', 'spirals', 'two_moons'], got 'mnist'
    """
    depth = validation.positive_int(depth, "depth")
    width = validation.positive_int(width, "width")
    activation = _arguments.activation(activation)
    init = _init(init)
    dataset = _arguments.name_of(dataset, "dataset", DATASETS)
    n_samples = _dataset_size(n_samples)
    n_test = _test_size(n_test)
    epochs = validation.positive_int(epochs, "epochs")
    batch_size = validation.positive_int(batch_size, "batch_size")
    optimizer = SGD(validation.positive_real(lr, "lr"))
    seed = validation.seed(seed)
    data_seed = validation.seed(data_seed, "data_seed")

    X, y, X_test, y_test = _split(dataset, n_samples, n_test, data_seed)
    baseline = logistic_regression(X, y)
    model = MLP(
        [X.shape[1]] + [width] * depth + [1], activation, init=_resolve_init(init), seed=seed
    )
    hidden = _hidden_dense(model, depth)
    start = [layer.params["W"].copy() for layer in hidden]
    steps_per_epoch = -(-n_samples // batch_size)
    speeds: list[list[float]] = []
    test_accuracy: list[float] = []

    def record(model: Sequential, step: int) -> None:
        speeds.append([np.linalg.norm(layer.grads["b"]) for layer in hidden])
        if step % steps_per_epoch == 0:  # the weights after step / steps_per_epoch epochs
            test_accuracy.append(_accuracy(model, X_test, y_test))

    fit(
        model,
        X,
        y,
        loss="bce",
        optimizer=optimizer,
        epochs=epochs,
        batch_size=batch_size,
        seed=seed,
        on_step=record,
    )
    test_accuracy.append(_accuracy(model, X_test, y_test))
    change = [
        np.linalg.norm(layer.params["W"] - w0) / np.linalg.norm(w0)
        for layer, w0 in zip(hidden, start, strict=True)
    ]
    return LearningSpeeds(
        speeds=np.array(speeds),
        weight_change=np.array(change),
        accuracy=_accuracy(model, X, y),
        epochs=epochs,
        test_accuracy=test_accuracy[-1],
        epoch_test_accuracy=np.array(test_accuracy),
        baseline_accuracy=baseline.accuracy(X, y),
        baseline_test_accuracy=baseline.accuracy(X_test, y_test),
    )


@dataclass(frozen=True)
class DepthAccuracy:
    """Accuracy after a fixed budget of SGD steps, by depth and seed.

    Attributes
    ----------
    depths : ndarray of int, shape (k,)
        Numbers of hidden layers.
    train, test : ndarray, shape (k, n_seeds)
        Training and held-out accuracy of the run with each depth and seed.
    baseline_accuracy, baseline_test_accuracy : float
        Training and held-out accuracy of :func:`logistic_regression` on the same split.
    """

    depths: np.ndarray
    train: np.ndarray
    test: np.ndarray
    baseline_accuracy: float
    baseline_test_accuracy: float

    @property
    def test_mean(self) -> np.ndarray:
        """The held-out accuracy averaged over the seeds, shape ``(k,)``."""
        return self.test.mean(axis=1)


def accuracy_by_depth(
    depths: Sequence[int] = DEPTHS,
    activation: str = "sigmoid",
    init: str | Callable[..., np.ndarray] | None = None,
    *,
    width: int = DEPTH_WIDTH,
    dataset: str = "gaussian_xor",
    n_samples: int = N_TRAIN,
    n_test: int = N_TEST,
    epochs: int = DEPTH_EPOCHS,
    batch_size: int = BATCH_SIZE,
    lr: float = LEARNING_RATE,
    seeds: Sequence[int] = SEEDS,
    data_seed: int = 0,
) -> DepthAccuracy:
    """Train MLPs of several depths for the same budget of SGD steps; return their accuracy.

    Every network trains for the same number of steps, so the result measures how
    fast depth lets plain SGD make progress, not what a deep network can represent.
    :func:`logistic_regression` on the same training points gives the linear baseline.

    Parameters
    ----------
    depths : sequence of int, default :data:`DEPTHS`
        Numbers of hidden layers; at least one depth.
    activation : str or Activation, default "sigmoid"
    init : str or callable, optional
        Default: the MLP's (Xavier uniform, He normal for the ReLU family);
        ``"standard_normal"`` for N(0, 1).
    width : int, default :data:`DEPTH_WIDTH`
    dataset : {"gaussian_xor", "two_moons", "spirals"}, default "gaussian_xor"
    n_samples : int, default :data:`N_TRAIN`
        Training points, at least 2.
    n_test : int, default :data:`N_TEST`
        Held-out points, at least 2.
    epochs : int, default :data:`DEPTH_EPOCHS`
    batch_size : int, default :data:`BATCH_SIZE`
    lr : float, default :data:`LEARNING_RATE`
    seeds : sequence of int, default :data:`SEEDS`
        One run per seed (weights and shuffling). At least one.
    data_seed : int, default 0
        Seeds the points and the split, the same for every run.

    Examples
    --------
    >>> result = accuracy_by_depth([1], "tanh", epochs=20, seeds=[0])
    >>> result.test.shape, bool(result.test[0, 0] > result.baseline_test_accuracy + 0.3)
    ((1, 1), True)
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
    n_test = _test_size(n_test)
    epochs = validation.positive_int(epochs, "epochs")
    batch_size = validation.positive_int(batch_size, "batch_size")
    lr = validation.positive_real(lr, "lr")
    seeds = validation.sequence(seeds, "seeds", validation.seed)
    data_seed = validation.seed(data_seed, "data_seed")

    X, y, X_test, y_test = _split(dataset, n_samples, n_test, data_seed)
    baseline = logistic_regression(X, y)
    train = np.empty((len(depths), len(seeds)))
    test = np.empty_like(train)
    for i, depth in enumerate(depths):
        sizes = [X.shape[1]] + [width] * depth + [1]
        for j, seed in enumerate(seeds):
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
            train[i, j] = _accuracy(model, X, y)
            test[i, j] = _accuracy(model, X_test, y_test)
    return DepthAccuracy(
        depths=np.array(depths),
        train=train,
        test=test,
        baseline_accuracy=baseline.accuracy(X, y),
        baseline_test_accuracy=baseline.accuracy(X_test, y_test),
    )


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
