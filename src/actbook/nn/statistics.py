"""Per-layer statistics of a forward pass: activations, dead and saturated units."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from actbook.activations import Activation
from actbook.nn.dense import Dense
from actbook.nn.sequential import Sequential

SATURATION_THRESHOLD = 0.01
"""A unit is saturated when ``|f'(z)| < SATURATION_THRESHOLD * max |f'|``."""


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
    """Return the activation's largest slope, :meth:`actbook.activations.Activation.derivative_peak`.

    Examples
    --------
    >>> from actbook.activations import Sigmoid
    >>> derivative_peak(Sigmoid())
    0.25
    """
    if not isinstance(activation, Activation):
        raise TypeError(f"activation must be an actbook Activation, got {activation!r}")
    return activation.derivative_peak()


def _feeding_dense(model: Sequential, index: int) -> Dense | None:
    for layer in reversed(model.layers[:index]):
        if isinstance(layer, Dense):
            return layer
    return None


def layer_statistics(model: Sequential) -> list[LayerStatistics]:
    """Return the statistics of every hidden layer of the model's last forward pass.

    Examples
    --------
    >>> from actbook.nn import MLP
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
        a = model.outputs[index]
        slope = np.abs(layer.input_derivative())
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
