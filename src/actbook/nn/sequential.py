"""A chain of layers that caches every layer's output."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from actbook.nn.activation_layer import ActivationLayer
from actbook.nn.layer import Layer


class Sequential(Layer):
    """A chain of layers, itself a layer.

    ``params`` and ``grads`` gather the layers' arrays under ``"<index>.<name>"``
    (the same array objects, so in-place updates reach the layers). An array that
    several layers share -- one PReLU instance in every hidden layer, a weight matrix
    tied between two Dense layers -- is listed once, under its first position, and
    its gradient is the sum over every use: ``backward`` zeroes every gradient, then
    each layer adds its part. The same layer object may not appear twice: it keeps
    one forward cache.

    Attributes
    ----------
    layers : list of Layer
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

    One PReLU shared by two layers has one slope, and one gradient:

    >>> from actbook.activations import PReLU
    >>> shared = PReLU()
    >>> model = Sequential([ActivationLayer(shared), ActivationLayer(shared)])
    >>> list(model.params)
    ['0.slope']
    >>> _ = model.forward(np.array([-2.0]))
    >>> _ = model.backward(np.array([1.0]))
    >>> float(model.grads["0.slope"])  # d(a * a * x)/da = 2 a x at a = 0.25, x = -2
    -1.0
    """

    def __init__(self, layers: Iterable[Layer]) -> None:
        # no Layer.__init__: params and grads are read from the layers
        self._output_shape: tuple[int, ...] | None = None
        if isinstance(layers, Layer) or not isinstance(layers, Iterable):
            raise TypeError(f"layers must be a list of layers, got {layers!r}")
        self.layers = list(layers)
        if not self.layers:
            raise ValueError("layers must contain at least one layer, got none")
        for i, layer in enumerate(self.layers):
            if not isinstance(layer, Layer):
                raise TypeError(f"layers must be actbook.nn.Layer instances, got {layer!r}")
            if any(layer is other for other in self.layers[:i]):
                raise ValueError(
                    f"layers must not hold the same layer twice (position {i}): a layer keeps "
                    "the input of its last forward; share parameters instead (one activation "
                    "in two ActivationLayers, or the same weight array in two Dense layers)"
                )
        self.input: np.ndarray | None = None
        self.outputs: list[np.ndarray] = []

    def _uses(self) -> dict[int, tuple[str, np.ndarray, list[np.ndarray]]]:
        """Each parameter array, by identity: its first key, itself, its gradient arrays."""
        uses: dict[int, tuple[str, np.ndarray, list[np.ndarray]]] = {}
        for i, layer in enumerate(self.layers):
            for name, array in layer.params.items():
                _, _, gradients = uses.setdefault(id(array), (f"{i}.{name}", array, []))
                if not any(layer.grads[name] is g for g in gradients):
                    gradients.append(layer.grads[name])
        return uses

    @property
    def params(self) -> dict[str, np.ndarray]:  # type: ignore[override]
        return {key: array for key, array, _ in self._uses().values()}

    @property
    def grads(self) -> dict[str, np.ndarray]:  # type: ignore[override]
        # one gradient array per use, unless the layers share it (one PReLU): then once
        return {
            key: gradients[0] if len(gradients) == 1 else sum(gradients[1:], gradients[0])
            for key, _, gradients in self._uses().values()
        }

    def _forward(self, x: np.ndarray, training: bool) -> np.ndarray:
        """Run every layer in turn and cache their outputs."""
        self.input = x
        self.outputs = []
        for layer in self.layers:
            x = layer.forward(x, training=training)
            self.outputs.append(x)
        return x

    def _backward(self, grad_output: np.ndarray) -> np.ndarray:
        grad = grad_output
        for layer in reversed(self.layers):
            grad = layer.backward(grad, accumulate=True)
        return grad

    def zero_grad(self) -> None:
        """Set every layer's gradients to zero, in place."""
        for layer in self.layers:
            layer.zero_grad()

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
