"""A small neural-network toolkit: dense layers, an MLP with backpropagation, losses, SGD.

Every layer follows one protocol (duck-typed; :class:`Layer` is a convenience base):

- ``params`` / ``grads`` -- dicts of learnable arrays and their gradients (same keys
  and shapes); optimizers update ``params`` **in place**;
- ``forward(x, *, training=False) -> y`` caches what ``backward`` needs;
- ``backward(grad_output) -> grad_input`` fills ``grads`` from the last forward.

Public API
----------
- ``Dense(in_features, out_features, *, init="xavier_uniform", rng=None, seed=None)``:
  ``y = x @ W + b`` with ``W`` of shape ``(in, out)`` and ``b`` of shape ``(out,)``.
- ``ActivationLayer(activation, *, rng=None, seed=None)``: wraps an
  :mod:`actbook.activations` activation (or its name); PReLU's slope is a parameter.
- ``Sequential(layers)``: a chain of layers; ``outputs`` caches every layer's output,
  ``pre_activations`` / ``activations`` the inputs / outputs of its hidden activations.
- ``MLP(sizes, activation="relu", *, init=None, output_activation=None, seed=0)``.
- Losses ``mse``, ``binary_cross_entropy_with_logits``, ``softmax_cross_entropy``:
  ``loss(prediction, target) -> (value, dvalue/dprediction)``; :data:`LOSSES` by name.
- ``layer_statistics(model) -> list[LayerStatistics]`` of the hidden layers.
- ``gradient_check(model, x, y=None, *, loss="mse", eps=1e-6) -> float``.
- ``SGD(lr, momentum=0.0)`` with ``step(params, grads)`` or ``step(model)``.
- ``fit(model, X, y, *, loss="mse", optimizer=None, epochs=100, batch_size=None,
  seed=0, record_gradients=False) -> History``.

Examples
--------
>>> model = MLP([2, 8, 1], "tanh", seed=0)
>>> X, y = np.array([[0.0, 1.0], [1.0, 0.0]]), np.array([1.0, 0.0])
>>> history = fit(model, X, y, optimizer=SGD(0.1), epochs=50)
>>> bool(history.loss[-1] < history.loss[0])
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.special import expit, logsumexp

from actbook.init import get_initializer

__all__ = [
    "SATURATION_THRESHOLD",
    "LOSSES",
    "MLP",
    "SGD",
    "ActivationLayer",
    "Dense",
    "History",
    "Layer",
    "LayerStatistics",
    "Sequential",
    "binary_cross_entropy_with_logits",
    "derivative_peak",
    "fit",
    "gradient_check",
    "layer_statistics",
    "mse",
    "softmax_cross_entropy",
]

RELU_FAMILY = ("relu", "leaky_relu", "prelu", "rrelu")
"""Activations whose MLP default initializer is He's; the others get Xavier's."""

SATURATION_THRESHOLD = 0.01
"""A unit is saturated when ``|f'(z)| < SATURATION_THRESHOLD * max |f'|``."""


def _make_rng(rng: np.random.Generator | None, seed: int | None) -> np.random.Generator:
    if rng is not None and seed is not None:
        raise ValueError("pass rng or seed, not both")
    if rng is None:
        return np.random.default_rng(0 if seed is None else seed)
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator, got {type(rng).__name__}")
    return rng


def _as_float_array(x: Any, name: str) -> np.ndarray:
    x = np.asarray(x)
    if x.dtype.kind not in "biuf":
        raise TypeError(f"{name} must be a real numeric array, got dtype {x.dtype}")
    return x.astype(np.float64, copy=False)


def _check_positive_int(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
        raise ValueError(f"{name} must be a positive integer, got {value!r}")
    return int(value)


class Layer:
    """Base of the layer protocol: no parameters, identity forward and backward.

    Examples
    --------
    >>> Layer().forward(np.ones(2))
    array([1., 1.])
    """

    def __init__(self) -> None:
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}

    def forward(self, x: np.ndarray, *, training: bool = False) -> np.ndarray:
        """Return the output for input ``x``."""
        return np.asarray(x)

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        """Return ``dL/dx`` from ``dL/dy``."""
        return np.asarray(grad_output)

    def __call__(self, x: np.ndarray, *, training: bool = False) -> np.ndarray:
        return self.forward(x, training=training)


class Dense(Layer):
    """Fully connected layer ``y = x @ W + b``.

    Parameters
    ----------
    in_features, out_features : int
        Input and output widths; ``W`` has shape ``(in_features, out_features)``.
    init : str or callable, default "xavier_uniform"
        Weight initializer: a name from :data:`actbook.init.INITIALIZERS` or a
        callable ``init(shape, rng)``. The bias starts at zero.
    rng : numpy.random.Generator, optional
        Source of the initial weights.
    seed : int, optional
        Seed of a fresh generator when ``rng`` is not given (default 0).

    Examples
    --------
    >>> layer = Dense(3, 2, init=lambda shape, rng: np.ones(shape))
    >>> layer.forward(np.array([[1.0, 2.0, 3.0]]))
    array([[6., 6.]])
    >>> layer.backward(np.array([[1.0, 0.0]]))
    array([[1., 1., 1.]])
    >>> layer.grads["W"][:, 0], layer.grads["b"]
    (array([1., 2., 3.]), array([1., 0.]))
    """

    def __init__(
        self,
        in_features: int,
        out_features: int,
        *,
        init: str | Callable[..., np.ndarray] = "xavier_uniform",
        rng: np.random.Generator | None = None,
        seed: int | None = None,
    ) -> None:
        super().__init__()
        self.in_features = _check_positive_int(in_features, "in_features")
        self.out_features = _check_positive_int(out_features, "out_features")
        initializer = get_initializer(init) if isinstance(init, str) else init
        if not callable(initializer):
            raise TypeError(f"init must be an initializer name or a callable, got {init!r}")
        shape = (self.in_features, self.out_features)
        weights = np.asarray(initializer(shape, _make_rng(rng, seed)), dtype=np.float64)
        if weights.shape != shape:
            raise ValueError(f"init must return an array of shape {shape}, got {weights.shape}")
        self.params = {"W": weights.copy(), "b": np.zeros(self.out_features)}
        self.grads = {"W": np.zeros(shape), "b": np.zeros(self.out_features)}
        self._x: np.ndarray | None = None

    def forward(self, x: np.ndarray, *, training: bool = False) -> np.ndarray:
        """Return ``x @ W + b`` for ``x`` of shape ``(..., in_features)``."""
        x = _as_float_array(x, "x")
        if x.ndim == 0 or x.shape[-1] != self.in_features:
            raise ValueError(f"x must have shape (..., {self.in_features}), got {x.shape}")
        self._x = x
        return x @ self.params["W"] + self.params["b"]

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        """Fill ``grads["W"]``, ``grads["b"]`` and return ``grad_output @ W.T``."""
        if self._x is None:
            raise RuntimeError("call forward before backward")
        grad = _as_float_array(grad_output, "grad_output")
        x2 = self._x.reshape(-1, self.in_features)
        g2 = grad.reshape(-1, self.out_features)
        self.grads["W"] = x2.T @ g2
        self.grads["b"] = g2.sum(axis=0)
        return grad @ self.params["W"].T

    def __repr__(self) -> str:
        return f"Dense({self.in_features}, {self.out_features})"


def _resolve_activation(activation: Any) -> Any:
    if isinstance(activation, str):
        from actbook.activations import get_activation

        return get_activation(activation)
    if not (callable(activation) and hasattr(activation, "derivative")):
        raise TypeError(
            f"activation must be an activation name or an actbook Activation, got {activation!r}"
        )
    return activation


class ActivationLayer(Layer):
    """Apply an activation elementwise; backward multiplies by its derivative.

    A learnable activation (PReLU) shares its ``params`` dict with the layer, so an
    optimizer updates its slope in place; ``backward`` fills ``grads["slope"]`` with
    ``sum(grad_output * slope_gradient(x))``. For RReLU, ``forward(x, training=True)``
    draws the slopes from ``rng`` and ``backward`` uses the drawn slopes.

    Parameters
    ----------
    activation : str or Activation
        An :mod:`actbook.activations` name (built with its default parameters) or
        instance.
    rng : numpy.random.Generator, optional
        Source of RReLU's random slopes in training.
    seed : int, optional
        Seed of a fresh generator when ``rng`` is not given (default 0).

    Examples
    --------
    >>> layer = ActivationLayer("relu")
    >>> layer.forward(np.array([-1.0, 2.0]))
    array([0., 2.])
    >>> layer.backward(np.array([5.0, 5.0]))
    array([0., 5.])
    """

    def __init__(
        self,
        activation: Any,
        *,
        rng: np.random.Generator | None = None,
        seed: int | None = None,
    ) -> None:
        super().__init__()
        self.activation = _resolve_activation(activation)
        self.name: str = getattr(self.activation, "name", type(self.activation).__name__)
        self.rng = _make_rng(rng, seed)
        # the same dicts, so that in-place updates reach the activation
        self.params = getattr(self.activation, "params", self.params)
        self.grads = getattr(self.activation, "grads", self.grads)
        self._x: np.ndarray | None = None
        self._derivative: np.ndarray | None = None

    def forward(self, x: np.ndarray, *, training: bool = False) -> np.ndarray:
        """Return ``activation(x)``."""
        x = _as_float_array(x, "x")
        self._x = x
        y = self.activation(x, training=training, rng=self.rng)
        # RReLU's derivative depends on the slopes just drawn; a shared instance
        # would forget them at its next call, so keep them now
        self._derivative = self.activation.derivative(x) if training else None
        return y

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        """Return ``grad_output * f'(x)``; for PReLU also fill ``grads["slope"]``."""
        if self._x is None:
            raise RuntimeError("call forward before backward")
        grad = _as_float_array(grad_output, "grad_output")
        for name in self.params:
            partial = getattr(self.activation, f"{name}_gradient")(self._x)
            self.grads[name] = np.array(np.sum(grad * partial))
        derivative = self._derivative
        if derivative is None:
            derivative = self.activation.derivative(self._x)
        return grad * derivative

    def __repr__(self) -> str:
        return f"ActivationLayer({self.name!r})"


class Sequential(Layer):
    """A chain of layers, itself a layer.

    ``params`` and ``grads`` gather the layers' arrays under ``"<index>.<name>"``
    (the same array objects, so in-place updates reach the layers).

    Attributes
    ----------
    layers : list
        The layers, applied in order.
    input : ndarray or None
        The input of the last forward.
    outputs : list of ndarray
        The output of every layer in the last forward.

    Examples
    --------
    >>> model = Sequential([Dense(2, 3, seed=1), ActivationLayer("tanh"), Dense(3, 1, seed=2)])
    >>> model.forward(np.zeros((4, 2))).shape
    (4, 1)
    >>> sorted(model.params)
    ['0.W', '0.b', '2.W', '2.b']
    >>> len(model.pre_activations), model.activations[0].shape
    (1, (4, 3))
    """

    def __init__(self, layers: Iterable[Any]) -> None:
        # no Layer.__init__: params and grads are properties here
        self.layers = list(layers)
        if not self.layers:
            raise ValueError("layers must contain at least one layer, got none")
        for layer in self.layers:
            if not all(hasattr(layer, attribute) for attribute in ("forward", "backward")):
                raise TypeError(f"layers must follow the layer protocol, got {layer!r}")
        self.input: np.ndarray | None = None
        self.outputs: list[np.ndarray] = []

    @property
    def params(self) -> dict[str, np.ndarray]:  # type: ignore[override]
        return {
            f"{i}.{name}": array
            for i, layer in enumerate(self.layers)
            for name, array in getattr(layer, "params", {}).items()
        }

    @property
    def grads(self) -> dict[str, np.ndarray]:  # type: ignore[override]
        return {
            f"{i}.{name}": array
            for i, layer in enumerate(self.layers)
            for name, array in getattr(layer, "grads", {}).items()
        }

    def forward(self, x: np.ndarray, *, training: bool = False) -> np.ndarray:
        """Run every layer in turn and cache their outputs."""
        x = _as_float_array(x, "x")
        self.input = x
        self.outputs = []
        for layer in self.layers:
            x = layer.forward(x, training=training)
            self.outputs.append(x)
        return x

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        """Back-propagate ``grad_output`` through every layer, last to first."""
        if self.input is None:
            raise RuntimeError("call forward before backward")
        grad = grad_output
        for layer in reversed(self.layers):
            grad = layer.backward(grad)
        return grad

    def _layer_input(self, index: int) -> np.ndarray:
        return self.input if index == 0 else self.outputs[index - 1]

    def hidden_indices(self) -> list[int]:
        """Return the positions of the hidden activation layers (all but a final one).

        Examples
        --------
        >>> MLP([2, 4, 4, 1], "relu").hidden_indices()
        [1, 3]
        """
        last = len(self.layers) - 1
        return [
            i
            for i, layer in enumerate(self.layers)
            if isinstance(layer, ActivationLayer) and i != last
        ]

    @property
    def pre_activations(self) -> list[np.ndarray]:
        """The inputs of the hidden activation layers in the last forward."""
        self._require_forward()
        return [self._layer_input(i) for i in self.hidden_indices()]

    @property
    def activations(self) -> list[np.ndarray]:
        """The outputs of the hidden activation layers in the last forward."""
        self._require_forward()
        return [self.outputs[i] for i in self.hidden_indices()]

    def _require_forward(self) -> None:
        if self.input is None:
            raise RuntimeError("call forward first: the model has no cached activations")

    def __len__(self) -> int:
        return len(self.layers)

    def __getitem__(self, index: int) -> Any:
        return self.layers[index]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.layers!r})"


def _default_init(activation: Any) -> str | Callable[..., np.ndarray]:
    name = getattr(activation, "name", activation)
    if name not in RELU_FAMILY:
        return "xavier_uniform"
    slope = float(getattr(activation, "slope", 0.0) or 0.0) if name != "rrelu" else 0.0
    return get_initializer("he_normal", negative_slope=slope) if slope else "he_normal"


class MLP(Sequential):
    """Multilayer perceptron: ``Dense, activation, ..., Dense[, output_activation]``.

    Parameters
    ----------
    sizes : sequence of int
        Layer widths from input to output, e.g. ``[2, 16, 16, 1]``; at least two.
    activation : str or Activation, default "relu"
        Hidden activation. A name builds a fresh activation per layer (so every
        PReLU layer has its own slope); an instance is shared.
    init : str or callable, optional
        Weight initializer; by default He normal for the ReLU family
        (``relu``, ``leaky_relu``, ``prelu``, ``rrelu``; with ``a`` the negative
        slope) and Xavier uniform otherwise.
    output_activation : str or Activation, optional
        Activation after the last Dense layer (none by default: outputs are logits
        or regression values).
    seed : int, default 0
        Seed of the generator that draws every layer's weights in turn.

    Examples
    --------
    >>> model = MLP([2, 3, 1], "tanh", output_activation="sigmoid")
    >>> [type(layer).__name__ for layer in model.layers]
    ['Dense', 'ActivationLayer', 'Dense', 'ActivationLayer']
    >>> model.sizes
    (2, 3, 1)
    """

    def __init__(
        self,
        sizes: Sequence[int],
        activation: Any = "relu",
        *,
        init: str | Callable[..., np.ndarray] | None = None,
        output_activation: Any = None,
        seed: int = 0,
    ) -> None:
        sizes = tuple(sizes)
        valid = all(
            isinstance(n, int | np.integer) and not isinstance(n, bool) and n > 0 for n in sizes
        )
        if len(sizes) < 2 or not valid:
            raise ValueError(f"sizes must be positive integers, got {list(sizes)}")
        rng = np.random.default_rng(seed)
        first_activation = _resolve_activation(activation)
        layer_init = _default_init(first_activation) if init is None else init
        layers: list[Any] = []
        for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:], strict=True)):
            layers.append(Dense(n_in, n_out, init=layer_init, rng=rng))
            if i < len(sizes) - 2:
                hidden = first_activation if i == 0 else _resolve_activation(activation)
                layers.append(ActivationLayer(hidden, rng=rng))
        if output_activation is not None:
            layers.append(ActivationLayer(output_activation, rng=rng))
        super().__init__(layers)
        self.sizes = tuple(int(n) for n in sizes)


# --------------------------------------------------------------------------- losses


def _match_target(prediction: np.ndarray, target: np.ndarray) -> np.ndarray:
    # a column of predictions against a flat target is the common regression case
    if target.ndim == prediction.ndim - 1 and prediction.shape[-1] == 1:
        target = target[..., None]
    if target.shape != prediction.shape:
        raise ValueError(
            f"target must have the shape of prediction {prediction.shape}, got {target.shape}"
        )
    return target


def mse(prediction: np.ndarray, target: np.ndarray) -> tuple[float, np.ndarray]:
    """Mean squared error over all entries, and its gradient.

    ``L = mean((p - t)^2)``, ``dL/dp = 2 (p - t) / p.size``. A flat target is
    matched against a column of predictions.

    Examples
    --------
    >>> mse(np.array([[1.0], [3.0]]), np.array([0.0, 1.0]))
    (2.5, array([[1.], [2.]]))
    """
    prediction = _as_float_array(prediction, "prediction")
    target = _match_target(prediction, _as_float_array(target, "target"))
    difference = prediction - target
    return float(np.mean(difference**2)), 2.0 * difference / difference.size


def binary_cross_entropy_with_logits(
    logits: np.ndarray, target: np.ndarray
) -> tuple[float, np.ndarray]:
    """Mean binary cross-entropy of ``sigmoid(logits)`` against 0/1 targets, and its gradient.

    Computed as ``max(z, 0) - z t + log(1 + exp(-|z|))``, which never overflows;
    the gradient is ``(sigmoid(z) - t) / z.size``.

    Examples
    --------
    >>> loss, grad = binary_cross_entropy_with_logits(np.array([0.0, 1000.0]), np.array([1.0, 1.0]))
    >>> round(loss, 6), grad
    (0.346574, array([-0.25,  0.  ]))
    """
    z = _as_float_array(logits, "logits")
    t = _match_target(z, _as_float_array(target, "target"))
    if np.any((t < 0) | (t > 1)):
        raise ValueError("target must contain probabilities in [0, 1]")
    losses = np.maximum(z, 0.0) - z * t + np.log1p(np.exp(-np.abs(z)))
    return float(np.mean(losses)), (expit(z) - t) / z.size


def _one_hot(target: np.ndarray, n_classes: int, n_samples: int) -> np.ndarray:
    if target.ndim == 1:
        if target.shape[0] != n_samples:
            raise ValueError(f"target must have {n_samples} labels, got {target.shape[0]}")
        labels = target.astype(np.int64)
        if np.any(labels != target) or np.any(labels < 0) or np.any(labels >= n_classes):
            raise ValueError(f"target labels must be integers in [0, {n_classes}), got {target}")
        return np.eye(n_classes)[labels]
    if target.shape != (n_samples, n_classes):
        raise ValueError(
            f"target must be labels of shape ({n_samples},) or one-hot of shape "
            f"({n_samples}, {n_classes}), got {target.shape}"
        )
    return target


def softmax_cross_entropy(logits: np.ndarray, target: np.ndarray) -> tuple[float, np.ndarray]:
    """Mean cross-entropy of ``softmax(logits)``; target as integer labels or one-hot rows.

    Uses the log-sum-exp trick; the gradient is ``(softmax(z) - onehot) / n``.

    Examples
    --------
    >>> loss, grad = softmax_cross_entropy(np.array([[0.0, 0.0], [1000.0, 0.0]]), np.array([0, 0]))
    >>> round(loss, 6), grad
    (0.346574, array([[-0.25,  0.25], [ 0.  ,  0.  ]]))
    """
    z = _as_float_array(logits, "logits")
    if z.ndim != 2:
        raise ValueError(f"logits must have shape (n_samples, n_classes), got {z.shape}")
    one_hot = _one_hot(_as_float_array(target, "target"), z.shape[1], z.shape[0])
    log_normalizer = logsumexp(z, axis=1, keepdims=True)
    log_probabilities = z - log_normalizer
    loss = -np.sum(one_hot * log_probabilities) / z.shape[0]
    return float(loss), (np.exp(log_probabilities) - one_hot) / z.shape[0]


Loss = Callable[[np.ndarray, np.ndarray], tuple[float, np.ndarray]]

LOSSES: dict[str, Loss] = {
    "mse": mse,
    "binary_cross_entropy_with_logits": binary_cross_entropy_with_logits,
    "bce": binary_cross_entropy_with_logits,
    "softmax_cross_entropy": softmax_cross_entropy,
    "cross_entropy": softmax_cross_entropy,
}
"""Losses by name; ``"bce"`` and ``"cross_entropy"`` are short aliases."""


def _get_loss(loss: str | Loss) -> Loss:
    if callable(loss):
        return loss
    if loss not in LOSSES:
        raise ValueError(f"loss must be one of {sorted(LOSSES)} or a callable, got {loss!r}")
    return LOSSES[loss]


# ------------------------------------------------------------------ layer statistics


@dataclass(frozen=True)
class LayerStatistics:
    """Summary of one hidden layer after a forward (and optionally backward) pass.

    Attributes
    ----------
    index : int
        Position of the activation layer in the model.
    activation : str
        Its activation's name.
    mean, std : float
        Mean and standard deviation of the activations over samples and units.
    zero_fraction : float
        Fraction of activations exactly equal to 0.
    saturated_fraction : float
        Fraction with ``|f'(z)| < 0.01 max|f'|`` (for ReLU: ``z < 0``; for the
        sigmoid: ``sigma' < 0.0025``, i.e. ``|z| > 2 arccosh(10) ≈ 5.99``; for tanh: ``|z| > 3.0``).
    weight_gradient_norm : float
        Frobenius norm of ``dL/dW`` of the Dense layer feeding this one (0 before
        the first backward).
    """

    index: int
    activation: str
    mean: float
    std: float
    zero_fraction: float
    saturated_fraction: float
    weight_gradient_norm: float


def derivative_peak(activation: Any) -> float:
    """Return ``max |f'(z)|`` over ``z`` in [-10, 10] on a grid of step 1e-3.

    Examples
    --------
    >>> derivative_peak(ActivationLayer("sigmoid").activation)
    0.25
    """
    grid = np.linspace(-10.0, 10.0, 20001)
    return float(np.max(np.abs(activation.derivative(grid))))


def _feeding_dense(model: Sequential, index: int) -> Dense | None:
    for layer in reversed(model.layers[:index]):
        if isinstance(layer, Dense):
            return layer
    return None


def layer_statistics(model: Sequential) -> list[LayerStatistics]:
    """Return the statistics of every hidden layer of the model's last forward pass.

    Examples
    --------
    >>> model = MLP([3, 50, 50, 1], "relu", seed=0)
    >>> _ = model.forward(np.random.default_rng(0).normal(size=(200, 3)))
    >>> stats = layer_statistics(model)
    >>> [s.index for s in stats], stats[0].zero_fraction == stats[0].saturated_fraction
    ([1, 3], True)
    """
    if not isinstance(model, Sequential):
        raise TypeError(f"model must be a Sequential, got {type(model).__name__}")
    model._require_forward()
    statistics = []
    for index in model.hidden_indices():
        layer = model.layers[index]
        z, a = model._layer_input(index), model.outputs[index]
        slope = np.abs(layer.activation.derivative(z))
        dense = _feeding_dense(model, index)
        gradient_norm = 0.0 if dense is None else float(np.linalg.norm(dense.grads["W"]))
        statistics.append(
            LayerStatistics(
                index=index,
                activation=layer.name,
                mean=float(np.mean(a)),
                std=float(np.std(a)),
                zero_fraction=float(np.mean(a == 0)),
                saturated_fraction=float(
                    np.mean(slope < SATURATION_THRESHOLD * derivative_peak(layer.activation))
                ),
                weight_gradient_norm=gradient_norm,
            )
        )
    return statistics


# ------------------------------------------------------------------- gradient check


def _relative_error(analytic: np.ndarray, numeric: np.ndarray) -> float:
    scale = np.linalg.norm(analytic) + np.linalg.norm(numeric)
    return 0.0 if scale == 0 else float(np.linalg.norm(analytic - numeric) / scale)


def gradient_check(
    model: Any,
    x: np.ndarray,
    y: np.ndarray | None = None,
    *,
    loss: str | Loss = "mse",
    eps: float = 1e-6,
    seed: int = 0,
) -> float:
    """Compare backpropagation with central differences; return the worst relative error.

    The loss is ``loss(model(x), y)``, or without ``y`` the random projection
    ``sum(model(x) * R)`` with ``R`` standard normal (seeded). For every parameter
    array and for the input, the error is ``||g - n|| / (||g|| + ||n||)`` between the
    backprop gradient ``g`` and the estimate ``n = (L(p + eps) - L(p - eps)) / (2 eps)``.
    The forward passes run with ``training=False``.

    Examples
    --------
    >>> model = MLP([3, 4, 2], "tanh", seed=0)
    >>> x = np.random.default_rng(1).normal(size=(5, 3))
    >>> bool(gradient_check(model, x) < 1e-7)
    True
    """
    if not eps > 0:
        raise ValueError(f"eps must be positive, got {eps}")
    x = _as_float_array(x, "x").copy()
    output = model.forward(x)
    if y is None:
        projection = np.random.default_rng(seed).standard_normal(output.shape)

        def objective(out: np.ndarray) -> tuple[float, np.ndarray]:
            return float(np.sum(out * projection)), projection

    else:
        loss_function = _get_loss(loss)

        def objective(out: np.ndarray) -> tuple[float, np.ndarray]:
            return loss_function(out, y)

    _, grad_output = objective(output)
    grad_input = model.backward(grad_output)
    analytic = {name: np.array(g, dtype=np.float64) for name, g in model.grads.items()}

    def loss_at() -> float:
        return objective(model.forward(x))[0]

    errors = [_relative_error(grad_input, _numeric_gradient(x, loss_at, eps))]
    for name, array in model.params.items():
        errors.append(_relative_error(analytic[name], _numeric_gradient(array, loss_at, eps)))
    return max(errors)


def _numeric_gradient(array: np.ndarray, loss_at: Callable[[], float], eps: float) -> np.ndarray:
    gradient = np.zeros_like(array, dtype=np.float64)
    for index in np.ndindex(array.shape):
        original = array[index]
        array[index] = original + eps
        upper = loss_at()
        array[index] = original - eps
        lower = loss_at()
        array[index] = original
        gradient[index] = (upper - lower) / (2 * eps)
    return gradient


# ------------------------------------------------------------------------ optimizer


class SGD:
    """Stochastic gradient descent with optional (heavy-ball) momentum.

    ``v <- momentum * v - lr * g`` then ``p <- p + v``, in place; without momentum
    this is ``p <- p - lr * g``.

    Parameters
    ----------
    lr : float
        Learning rate, positive.
    momentum : float, default 0.0
        In ``[0, 1)``.

    Examples
    --------
    >>> p, g = {"w": np.array([1.0, 2.0])}, {"w": np.array([10.0, -10.0])}
    >>> SGD(0.1).step(p, g)
    >>> p["w"]
    array([0., 3.])
    """

    def __init__(self, lr: float, momentum: float = 0.0) -> None:
        if not (np.isfinite(lr) and lr > 0):
            raise ValueError(f"lr must be a positive number, got {lr}")
        if not 0.0 <= momentum < 1.0:
            raise ValueError(f"momentum must be in [0, 1), got {momentum}")
        self.lr = float(lr)
        self.momentum = float(momentum)
        self._velocity: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    def step(
        self, params: dict[str, np.ndarray] | Any, grads: dict[str, np.ndarray] | None = None
    ) -> None:
        """Update ``params`` in place from ``grads``, or a model's own params and grads."""
        if grads is None:
            if not hasattr(params, "params") or not hasattr(params, "grads"):
                raise TypeError("params must be a model with params and grads, or pass grads")
            params, grads = params.params, params.grads
        if set(params) != set(grads):
            raise ValueError(
                f"grads must have the keys of params {sorted(params)}, got {sorted(grads)}"
            )
        for name, param in params.items():
            grad = grads[name]
            if self.momentum == 0.0:
                param -= self.lr * grad
                continue
            # keep a reference to the array so that its id cannot be reused
            _, velocity = self._velocity.setdefault(id(param), (param, np.zeros_like(param)))
            velocity *= self.momentum
            velocity -= self.lr * grad
            param += velocity


# ----------------------------------------------------------------------------- fit


@dataclass
class History:
    """What :func:`fit` records.

    Attributes
    ----------
    loss : ndarray, shape (epochs,)
        Mean training loss of each epoch's mini-batches, each computed before its
        update (with one full batch, ``loss[0]`` is the initial model's loss).
    accuracy : ndarray of shape (epochs,), or None
        Training accuracy over the same mini-batch predictions, for the
        classification losses; None for ``"mse"`` and custom losses.
    gradient_norms : ndarray of shape (steps, n_dense_layers), or None
        Frobenius norm of each Dense layer's ``dL/dW`` at every step, first layer
        first (with ``record_gradients=True``).
    """

    loss: np.ndarray
    accuracy: np.ndarray | None = None
    gradient_norms: np.ndarray | None = None


def _correct(loss_function: Loss, output: np.ndarray, target: np.ndarray) -> float | None:
    if loss_function is binary_cross_entropy_with_logits:
        target = _match_target(output, target)
        return float(np.sum((output > 0) == (target > 0.5)) / output.shape[-1])
    if loss_function is softmax_cross_entropy:
        labels = target if target.ndim == 1 else np.argmax(target, axis=1)
        return float(np.sum(np.argmax(output, axis=1) == labels))
    return None


def fit(
    model: Any,
    X: np.ndarray,
    y: np.ndarray,
    *,
    loss: str | Loss = "mse",
    optimizer: SGD | None = None,
    epochs: int = 100,
    batch_size: int | None = None,
    seed: int = 0,
    record_gradients: bool = False,
) -> History:
    """Train ``model`` by mini-batch gradient descent; return the :class:`History`.

    Parameters
    ----------
    model : Sequential or layer
        Anything with ``forward``, ``backward``, ``params`` and ``grads``.
    X : ndarray, shape (n_samples, n_features)
    y : ndarray, shape (n_samples,) or (n_samples, n_outputs)
        Targets; 0/1 for ``"bce"``, labels or one-hot rows for ``"softmax_cross_entropy"``.
    loss : str or callable, default "mse"
        A name of :data:`LOSSES` or ``loss(prediction, target) -> (value, gradient)``.
    optimizer : SGD, optional
        Default ``SGD(0.1)``.
    epochs : int, default 100
    batch_size : int, optional
        Default: the whole data set (full-batch gradient descent).
    seed : int, default 0
        Seed of the shuffling of the samples at every epoch (RReLU layers draw
        their slopes from their own generator, seeded at construction). Same seed
        and same model: same numbers, bit for bit.
    record_gradients : bool, default False
        Record the per-layer weight-gradient norms at every step.

    Examples
    --------
    >>> X = np.linspace(-1, 1, 20)[:, None]
    >>> model = Dense(1, 1, seed=0)
    >>> history = fit(model, X, 3 * X[:, 0] + 1, optimizer=SGD(0.3), epochs=200)
    >>> np.round([model.params["W"][0, 0], model.params["b"][0]], 4)
    array([3., 1.])
    """
    X = _as_float_array(X, "X")
    y = _as_float_array(y, "y")
    if X.ndim != 2:
        raise ValueError(f"X must have shape (n_samples, n_features), got {X.shape}")
    n_samples = X.shape[0]
    if y.shape[0] != n_samples:
        raise ValueError(f"y must have {n_samples} rows like X, got {y.shape[0]}")
    epochs = _check_positive_int(epochs, "epochs")
    batch_size = n_samples if batch_size is None else _check_positive_int(batch_size, "batch_size")
    loss_function = _get_loss(loss)
    optimizer = SGD(0.1) if optimizer is None else optimizer
    rng = np.random.default_rng(seed)
    dense_layers = [
        layer for layer in getattr(model, "layers", [model]) if isinstance(layer, Dense)
    ]

    losses, accuracies, gradient_norms = [], [], []
    for _ in range(epochs):
        order = rng.permutation(n_samples)
        total_loss, total_correct = 0.0, 0.0
        for start in range(0, n_samples, batch_size):
            batch = order[start : start + batch_size]
            output = model.forward(X[batch], training=True)
            value, grad_output = loss_function(output, y[batch])
            model.backward(grad_output)
            if record_gradients:
                gradient_norms.append([np.linalg.norm(d.grads["W"]) for d in dense_layers])
            optimizer.step(model)
            total_loss += value * len(batch)
            correct = _correct(loss_function, output, y[batch])
            total_correct = None if correct is None else total_correct + correct
        losses.append(total_loss / n_samples)
        accuracies.append(None if total_correct is None else total_correct / n_samples)
    return History(
        loss=np.array(losses),
        accuracy=None if accuracies[0] is None else np.array(accuracies),
        gradient_norms=np.array(gradient_norms) if record_gradients else None,
    )
