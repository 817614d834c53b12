"""A chain of layers that caches every layer's output."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from actbook.nn._checks import _as_float_array
from actbook.nn.activation_layer import ActivationLayer
from actbook.nn.layer import Layer


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
    >>> from actbook.nn import ActivationLayer, Dense
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
        >>> from actbook.nn import MLP
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
