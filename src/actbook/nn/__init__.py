"""A small neural-network toolkit: layers, an MLP with backpropagation, losses, SGD, training.

Every layer is a :class:`Layer` and follows its protocol, documented there once:
``params`` and ``grads`` (dicts of arrays, updated in place), ``forward(x, *,
training=False)`` and ``backward(grad_output, *, accumulate=False)``, with gradients
checked against the shape of the last output, never broadcast.

Public API
----------
- ``Dense(in_features, out_features, *, init="xavier_uniform", rng=None, seed=None)``:
  ``y = x @ W + b`` with ``W`` of shape ``(in, out)`` and ``b`` of shape ``(out,)``.
- ``ActivationLayer(activation, *, rng=None, seed=None)``: wraps an
  :mod:`actbook.activations` activation (or its name); PReLU's slope is a parameter.
- ``Dropout(drop_probability, *, convention="inverted", rng=None)``,
  ``BatchNorm(num_features, *, momentum=0.1, eps=1e-5)``,
  ``LayerNorm(normalized_shape, *, eps=1e-5)``.
- ``Sequential(layers)``: a chain of layers; ``outputs`` caches every layer's output,
  ``pre_activations`` / ``activations`` the inputs / outputs of its hidden activations.
- ``MLP(sizes, activation="relu", *, init=None, output_activation=None, seed=0)``.
- Losses ``mse``, ``binary_cross_entropy_with_logits``, ``softmax_cross_entropy``:
  ``loss(prediction, target) -> (value, dvalue/dprediction)``; :data:`LOSSES` by name.
- ``layer_statistics(model) -> list[LayerStatistics]`` of the hidden layers.
- ``gradient_check(model, x, y=None, *, loss="mse", eps=1e-6) -> float``.
- ``SGD(lr, momentum=0.0)`` with ``step(params, grads)`` or ``step(model)``.
- ``Residual(inner)``: the block ``y = x + inner(x)``.
- ``clip_by_norm(grads, max_norm)``, ``clip_by_value(grads, limit)``,
  ``global_norm(grads)``: gradient clipping, of one array or a ``grads`` dict.
- ``fit(model, X, y, *, loss="mse", optimizer=None, epochs=100, batch_size=None,
  seed=0, record_gradients=False, on_step=None) -> History``.

Examples
--------
>>> import numpy as np
>>> model = MLP([2, 8, 1], "tanh", seed=0)
>>> X, y = np.array([[0.0, 1.0], [1.0, 0.0]]), np.array([1.0, 0.0])
>>> history = fit(model, X, y, optimizer=SGD(0.1), epochs=50)
>>> bool(history.loss[-1] < history.loss[0])
True
"""

from actbook.nn import losses, statistics
from actbook.nn.activation_layer import ActivationLayer
from actbook.nn.clipping import clip_by_norm, clip_by_value, global_norm
from actbook.nn.dense import Dense
from actbook.nn.dropout import Dropout
from actbook.nn.gradcheck import gradient_check
from actbook.nn.layer import Layer
from actbook.nn.losses import Loss as Loss
from actbook.nn.losses import (
    binary_cross_entropy_with_logits,
    log_softmax,
    mse,
    softmax_cross_entropy,
)
from actbook.nn.mlp import MLP
from actbook.nn.mlp import RELU_FAMILY as RELU_FAMILY
from actbook.nn.normalization import BatchNorm, LayerNorm
from actbook.nn.residual import Residual
from actbook.nn.sequential import Sequential
from actbook.nn.sgd import SGD
from actbook.nn.statistics import LayerStatistics, derivative_peak, layer_statistics
from actbook.nn.training import History, fit

# Assigned rather than imported: autodoc reads a data attribute's docstring from here.
SATURATION_THRESHOLD = statistics.SATURATION_THRESHOLD
"""A unit is saturated when ``|f'(z)| < SATURATION_THRESHOLD * max |f'|``."""

LOSSES = losses.LOSSES
"""Losses by name; ``"bce"`` and ``"cross_entropy"`` are short aliases."""

__all__ = [
    "SATURATION_THRESHOLD",
    "LOSSES",
    "MLP",
    "SGD",
    "ActivationLayer",
    "BatchNorm",
    "Dense",
    "Dropout",
    "History",
    "Layer",
    "LayerNorm",
    "LayerStatistics",
    "Residual",
    "Sequential",
    "binary_cross_entropy_with_logits",
    "clip_by_norm",
    "clip_by_value",
    "derivative_peak",
    "fit",
    "global_norm",
    "gradient_check",
    "layer_statistics",
    "log_softmax",
    "mse",
    "softmax_cross_entropy",
]
