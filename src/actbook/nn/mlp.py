"""The multilayer perceptron and its default initializers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from actbook import validation
from actbook.init import get_initializer
from actbook.nn.activation_layer import ActivationLayer, _resolve_activation
from actbook.nn.dense import Dense
from actbook.nn.sequential import Sequential

RELU_FAMILY = ("relu", "leaky_relu", "prelu", "rrelu")
"""Activations whose MLP default initializer is He's; the others get Xavier's."""


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
        PReLU layer has its own slope); an instance is shared by every hidden layer
        (one PReLU slope for the whole network, its gradient summed over the layers).
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
        sizes = tuple(validation.sequence(sizes, "sizes", validation.positive_int, min_length=2))
        rng = np.random.default_rng(validation.seed(seed))
        first_activation = _resolve_activation(activation)
        layer_init = _default_init(first_activation) if init is None else init
        layers: list[Any] = []
        for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:], strict=True)):
            layers.append(Dense(n_in, n_out, init=layer_init, rng=rng))
            if i < len(sizes) - 2:
                hidden = first_activation if i == 0 else _resolve_activation(activation)
                # a named activation draws from the MLP's generator, an instance from its own
                layers.append(
                    ActivationLayer(hidden, rng=rng if isinstance(activation, str) else None)
                )
        if output_activation is not None:
            layers.append(
                ActivationLayer(
                    _resolve_activation(output_activation, "output_activation"),
                    rng=rng if isinstance(output_activation, str) else None,
                )
            )
        super().__init__(layers)
        self.sizes = sizes
