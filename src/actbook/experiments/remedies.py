"""Experiments of the section *Remedies* of the chapter *Vanishing and exploding gradients*.

Every function returns numbers, never a figure, and runs in well under a second at
its default size:

- :func:`scaled_initializer` -- an :mod:`actbook.init` initializer with its weights
  multiplied by a constant, e.g. Xavier's weights scaled by ``1 / sigma'(0)`` for the
  sigmoid;
- :func:`batchnorm_gradient_norms` -- per-layer gradient norms at initialization of
  the deep MLP of :func:`actbook.experiments.vanishing.layer_gradient_norms`, the
  same weights and batch, with :class:`actbook.nn.BatchNorm` before every hidden
  activation;
- :func:`preactivation_spreads` -- how the spread of the pre-activations over the
  batch shrinks with depth in the same network without normalization;
- :func:`residual_gradient_norms` -- per-layer gradient norms at initialization of a
  deep network of blocks ``x + W sigma(x) + b``, with and without the identity path
  (:class:`actbook.nn.Residual`);
- :func:`recurrent_descent` -- gradient descent on a linear recurrence
  ``h_t = w h_{t-1}``, whose gradient explodes, with and without
  :func:`actbook.nn.clip_by_norm`.

Every function checks its arguments with :mod:`actbook.validation` before it draws
anything: ``TypeError`` for a wrong kind, ``ValueError`` for a wrong value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from actbook import validation
from actbook.experiments import _arguments
from actbook.experiments.vanishing import LayerGradients
from actbook.init import get_initializer
from actbook.nn import (
    MLP,
    SATURATION_THRESHOLD,
    ActivationLayer,
    BatchNorm,
    Dense,
    Layer,
    Residual,
    Sequential,
    binary_cross_entropy_with_logits,
    clip_by_norm,
    derivative_peak,
    layer_statistics,
)

__all__ = [
    "CLIP_NORM",
    "NORM_DEPTH",
    "RECURRENT_LENGTH",
    "RECURRENT_LR",
    "RECURRENT_START",
    "RECURRENT_STEPS",
    "RECURRENT_TARGET",
    "RESIDUAL_DEPTH",
    "RecurrentDescent",
    "WIDTH",
    "batchnorm_gradient_norms",
    "preactivation_spreads",
    "recurrent_descent",
    "residual_gradient_norms",
    "scaled_initializer",
]

#: Hidden layers of the normalized network: the depth of the chapter's measurement.
NORM_DEPTH = 10
#: Residual blocks of the residual network, and layers of its plain counterpart.
RESIDUAL_DEPTH = 20
#: Units per layer of both networks, as in the chapter's measurement.
WIDTH = 100
#: Standard normal inputs (with random 0/1 labels) in the batch of both networks.
N_SAMPLES = 256

#: Time steps ``T`` of the linear recurrence ``h_t = w h_{t-1}``, ``h_0 = 1``.
RECURRENT_LENGTH = 30
#: The starting weight ``w_0`` of gradient descent on the recurrence.
RECURRENT_START = 1.1
#: The target ``y`` of the loss ``(h_T - y)**2 / 2``.
RECURRENT_TARGET = 2.0
#: The learning rate of gradient descent on the recurrence, clipped or not.
RECURRENT_LR = 4e-4
#: The threshold ``c`` of clipping by norm.
CLIP_NORM = 100.0
#: Steps of gradient descent on the recurrence.
RECURRENT_STEPS = 20


def scaled_initializer(
    init: str | Callable[..., np.ndarray], scale: float
) -> Callable[..., np.ndarray]:
    """Return the initializer ``init`` with every weight multiplied by ``scale``.

    Parameters
    ----------
    init : str or callable
        An :mod:`actbook.init` name or a callable ``init(shape, rng)``.
    scale : float
        Finite and > 0; the standard deviation is multiplied by it.

    Examples
    --------
    >>> init = scaled_initializer("xavier_uniform", 4.0)
    >>> w = init((100, 100), np.random.default_rng(0))
    >>> round(float(w.std()), 1)  # four times Xavier's 1 / sqrt(100)
    0.4
    """
    init = _arguments.initializer(init)
    scale = validation.positive_real(scale, "scale")
    base = get_initializer(init) if isinstance(init, str) else init

    def initializer(shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
        return scale * np.asarray(base(shape, rng))

    return initializer


def _batch(width: int, n_samples: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    X = rng.standard_normal((n_samples, width))
    y = rng.integers(0, 2, size=X.shape[0]).astype(np.float64)
    return X, y


def _backpropagate(model: Sequential, X: np.ndarray, y: np.ndarray) -> None:
    _, grad_output = binary_cross_entropy_with_logits(model.forward(X, training=True), y)
    model.backward(grad_output)


def batchnorm_gradient_norms(
    depth: int = NORM_DEPTH,
    width: int = WIDTH,
    activation: str = "sigmoid",
    init: str | Callable[..., np.ndarray] = "xavier_uniform",
    *,
    batchnorm: bool = True,
    n_samples: int = N_SAMPLES,
    seed: int = 0,
) -> LayerGradients:
    """Per-layer gradient norms at initialization, with batch normalization or without.

    The network, the batch and the loss are those of
    :func:`actbook.experiments.vanishing.layer_gradient_norms` with the same arguments
    (the same weights, bit for bit); with ``batchnorm`` a :class:`actbook.nn.BatchNorm`
    (``gamma = 1``, ``beta = 0``) sits between every hidden Dense layer and its
    activation, and the forward pass runs in training mode, normalizing with the
    batch's statistics.

    ``bias_norms`` holds ``||dL/dz_l||`` summed over the batch, ``z_l`` being the input
    of hidden activation ``l``: the gradient of the Dense bias without batch
    normalization, of ``beta`` with it (the Dense bias then has no gradient, as the
    normalization removes any shift).

    Examples
    --------
    >>> plain = batchnorm_gradient_norms(depth=4, width=20, batchnorm=False)
    >>> normalized = batchnorm_gradient_norms(depth=4, width=20)
    >>> bool(normalized.ratio < plain.ratio)
    True
    """
    depth = validation.positive_int(depth, "depth")
    width = validation.positive_int(width, "width")
    activation = _arguments.activation(activation)
    init = _arguments.initializer(init)
    batchnorm = validation.boolean(batchnorm, "batchnorm")
    n_samples = validation.integer(n_samples, "n_samples", minimum=2)
    seed = validation.seed(seed)
    rng = np.random.default_rng(seed)
    mlp = MLP([width] * (depth + 1) + [1], activation, init=init, seed=seed)
    layers: list[Layer] = []
    for layer in mlp.layers:
        if batchnorm and isinstance(layer, ActivationLayer):
            layers.append(BatchNorm(width))
        layers.append(layer)
    model = Sequential(layers)
    X, y = _batch(width, n_samples, rng)
    _backpropagate(model, X, y)
    dense = [layer for layer in model.layers if isinstance(layer, Dense)][:depth]
    shifts = [layer for layer in model.layers if isinstance(layer, BatchNorm)]
    biases = (
        [layer.grads["beta"] for layer in shifts] if batchnorm else [d.grads["b"] for d in dense]
    )
    return LayerGradients(
        weight_norms=np.array([np.linalg.norm(layer.grads["W"]) for layer in dense]),
        bias_norms=np.array([np.linalg.norm(b) for b in biases]),
        saturated_fractions=np.array([s.saturated_fraction for s in layer_statistics(model)]),
    )


def preactivation_spreads(
    depth: int = NORM_DEPTH,
    width: int = WIDTH,
    activation: str = "sigmoid",
    init: str | Callable[..., np.ndarray] = "xavier_uniform",
    *,
    n_samples: int = N_SAMPLES,
    seed: int = 0,
) -> np.ndarray:
    """The spread of each hidden layer's pre-activations over the batch, first layer first.

    For the plain network of :func:`batchnorm_gradient_norms` (``batchnorm=False``:
    the same weights and batch), the standard deviation over the batch of every
    unit's pre-activation ``z_l``, averaged over the units of the layer. Batch
    normalization divides ``z_l`` by this spread, and its backward pass multiplies
    the gradient by the reciprocal.

    Examples
    --------
    >>> spreads = preactivation_spreads(depth=3, width=20)
    >>> bool(spreads[0] > spreads[1] > spreads[2])
    True
    """
    depth = validation.positive_int(depth, "depth")
    width = validation.positive_int(width, "width")
    activation = _arguments.activation(activation)
    init = _arguments.initializer(init)
    n_samples = validation.integer(n_samples, "n_samples", minimum=2)
    seed = validation.seed(seed)
    rng = np.random.default_rng(seed)
    model = MLP([width] * (depth + 1) + [1], activation, init=init, seed=seed)
    X, _ = _batch(width, n_samples, rng)
    model.forward(X)
    return np.array([float(z.std(axis=0).mean()) for z in model.pre_activations])


def _residual_network(
    depth: int,
    width: int,
    activation,
    init,
    residual: bool,
    n_samples: int,
    seed: int,
) -> tuple[Sequential, list[Sequential]]:
    """Build the network of :func:`residual_gradient_norms` and back-propagate its batch once.

    Returns the whole model and its blocks ``F_l`` (arguments already validated).
    After the call, ``blocks[l].layers[0]`` holds its input ``x_l`` (the stream
    before block ``l + 1``) and ``model.layers[-2]`` the stream after the last block.
    """
    rng = np.random.default_rng(seed)
    blocks: list[Sequential] = []
    stem = Dense(width, width, init=init, rng=rng)
    for _ in range(depth):
        blocks.append(
            Sequential([ActivationLayer(activation), Dense(width, width, init=init, rng=rng)])
        )
    head = [ActivationLayer(activation), Dense(width, 1, init=init, rng=rng)]
    body: list[Layer] = [Residual(block) for block in blocks] if residual else list(blocks)
    model = Sequential([stem, *body, *head])
    X, y = _batch(width, n_samples, rng)
    _backpropagate(model, X, y)
    return model, blocks


def residual_gradient_norms(
    depth: int = RESIDUAL_DEPTH,
    width: int = WIDTH,
    activation: str = "sigmoid",
    init: str | Callable[..., np.ndarray] = "xavier_uniform",
    *,
    residual: bool = True,
    n_samples: int = N_SAMPLES,
    seed: int = 0,
) -> LayerGradients:
    """Per-block gradient norms at initialization of a deep network, with skips or without.

    The network maps ``width`` standard normal inputs through a Dense layer to
    ``x_0``, then through ``depth`` blocks and a head ``Dense(sigma(x_depth))`` to one
    logit (binary cross-entropy, random 0/1 labels, as in
    :func:`actbook.experiments.vanishing.layer_gradient_norms`). Block ``l`` computes
    ``F_l(x) = W_l sigma(x) + b_l``; with ``residual`` it is wrapped in
    :class:`actbook.nn.Residual`, ``x_l = x_{l-1} + F_l(x_{l-1})``, without it
    ``x_l = F_l(x_{l-1})``, a plain MLP. Both use the same weights.

    ``bias_norms[l]`` is ``||dL/db_l||`` of block ``l + 1``, that is ``||dL/dx_l||``
    summed over the batch; ``weight_norms`` the matching ``||dL/dW_l||``;
    ``saturated_fractions`` the saturated units of the ``sigma`` of each block.

    Examples
    --------
    >>> plain = residual_gradient_norms(depth=6, width=20, residual=False)
    >>> skip = residual_gradient_norms(depth=6, width=20)
    >>> bool(plain.ratio > 100 * skip.ratio)
    True
    """
    depth = validation.positive_int(depth, "depth")
    width = validation.positive_int(width, "width")
    activation = _arguments.activation(activation)
    init = _arguments.initializer(init)
    residual = validation.boolean(residual, "residual")
    n_samples = validation.positive_int(n_samples, "n_samples")
    seed = validation.seed(seed)
    model, blocks = _residual_network(depth, width, activation, init, residual, n_samples, seed)
    saturated = []
    for block in blocks:
        sigma = block.layers[0]
        slope = np.abs(sigma.input_derivative())
        saturated.append(
            float(np.mean(slope < SATURATION_THRESHOLD * derivative_peak(sigma.activation)))
        )
    return LayerGradients(
        weight_norms=np.array([np.linalg.norm(block.layers[1].grads["W"]) for block in blocks]),
        bias_norms=np.array([np.linalg.norm(block.layers[1].grads["b"]) for block in blocks]),
        saturated_fractions=np.array(saturated),
    )


@dataclass(frozen=True)
class RecurrentDescent:
    """Gradient descent on ``L(w) = (h_T - y)**2 / 2`` with ``h_t = w h_{t-1}``, ``h_0 = 1``.

    Attributes
    ----------
    losses : ndarray
        ``L`` before each step, then after the last; the run stops at the first
        non-finite loss or gradient, where it has overflowed.
    weights : ndarray
        ``w`` at the same times.
    gradient_norms : ndarray
        ``|dL/dw|`` before clipping, one per step taken.
    max_norm : float or None
        The clipping threshold, ``None`` without clipping.
    """

    losses: np.ndarray
    weights: np.ndarray
    gradient_norms: np.ndarray
    max_norm: float | None

    @property
    def diverged_at(self) -> int | None:
        """The number of steps after which the loss (or its gradient) was first non-finite.

        ``None`` if every loss and gradient stayed finite.
        """
        bad = np.flatnonzero(~np.isfinite(self.losses))
        if bad.size:
            return int(bad[0])
        bad = np.flatnonzero(~np.isfinite(self.gradient_norms))
        return int(bad[0]) if bad.size else None

    @property
    def clipped_steps(self) -> int:
        """How many steps had their gradient rescaled (0 without clipping)."""
        if self.max_norm is None:
            return 0
        return int(np.sum(self.gradient_norms > self.max_norm))


def _recurrence_gradient(w: float, length: int, target: float) -> tuple[float, float]:
    """Loss and ``dL/dw`` by backpropagation through time (no closed form used)."""
    states = [1.0]
    for _ in range(length):
        states.append(w * states[-1])
    loss = 0.5 * (states[-1] - target) ** 2
    grad_state, grad_w = states[-1] - target, 0.0
    for t in range(length, 0, -1):
        grad_w += grad_state * states[t - 1]  # h_t = w h_{t-1}
        grad_state *= w
    return loss, grad_w


def recurrent_descent(
    max_norm: float | None = None,
    *,
    length: int = RECURRENT_LENGTH,
    start: float = RECURRENT_START,
    target: float = RECURRENT_TARGET,
    lr: float = RECURRENT_LR,
    steps: int = RECURRENT_STEPS,
) -> RecurrentDescent:
    """Run gradient descent on a linear recurrence, clipping the gradient by norm or not.

    The recurrence ``h_t = w h_{t-1}`` with ``h_0 = 1`` repeats one weight ``length``
    times, like a recurrent network with one linear unit; the loss is
    ``L(w) = (h_T - target)**2 / 2``, and ``dL/dw = T w**(T - 1) (h_T - target)``
    grows like ``w**(2 T)`` once ``|w| > 1``. Each step is ``w <- w - lr g`` with
    ``g = dL/dw`` from backpropagation through time, after
    :func:`actbook.nn.clip_by_norm` with ``max_norm`` unless it is ``None``.

    Examples
    --------
    >>> recurrent_descent().diverged_at  # overflows after two unclipped steps
    2
    >>> run = recurrent_descent(100.0)
    >>> run.diverged_at is None, bool(run.losses[-1] < 1e-6 * run.losses[0])
    (True, True)
    """
    if max_norm is not None:
        max_norm = validation.positive_real(max_norm, "max_norm")
    length = validation.positive_int(length, "length")
    start = validation.finite_real(start, "start")
    target = validation.finite_real(target, "target")
    lr = validation.positive_real(lr, "lr")
    steps = validation.integer(steps, "steps", minimum=0)
    w = start
    losses, weights, norms = [], [w], []
    with np.errstate(over="ignore", invalid="ignore"):
        for step in range(steps + 1):
            loss, grad = _recurrence_gradient(np.float64(w), length, target)
            losses.append(float(loss))
            if not np.isfinite(loss) or step == steps:
                break
            norms.append(abs(float(grad)))
            if not np.isfinite(grad):  # a finite loss whose gradient overflows
                break
            if max_norm is not None:
                grad = float(clip_by_norm(np.array([grad]), max_norm)[0])
            w = float(w - lr * grad)
            weights.append(w)
    return RecurrentDescent(
        losses=np.array(losses),
        weights=np.array(weights),
        gradient_norms=np.array(norms),
        max_norm=max_norm,
    )
