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
        for layer in self.layers:
            if not isinstance(layer, Layer):
                raise TypeError(f"layers must be actbook.nn.Layer instances, got {layer!r}")
        seen: dict[int, str] = {}
        for key, layer in self.leaves():
            if id(layer) in seen:
                raise ValueError(
                    f"layers must not hold the same layer twice (positions {seen[id(layer)]} "
                    f"and {key}): a layer keeps the input of its last forward; share parameters "
                    "instead (one activation in two ActivationLayers, or one weight array in "
                    "two Dense layers)"
                )
            seen[id(layer)] = key
        self.input: np.ndarray | None = None
        self.outputs: list[np.ndarray] = []

    def leaves(self) -> list[tuple[str, Layer]]:
        """Every layer that is not a Sequential, with its position, nested ones included.

        Examples
        --------
        >>> from actbook.nn import ActivationLayer, Dense
        >>> inner = Sequential([Dense(2, 2), ActivationLayer("relu")])
        >>> [key for key, _ in Sequential([inner, Dense(2, 1)]).leaves()]
        ['0.0', '0.1', '1']
        """
        found = []
        for i, layer in enumerate(self.layers):
            if isinstance(layer, Sequential):
                found += [(f"{i}.{key}", leaf) for key, leaf in layer.leaves()]
            else:
                found.append((str(i), layer))
        return found

    def _uses(self) -> dict[int, tuple[str, np.ndarray]]:
        """Each parameter array, by identity: its first key and itself.

        Later uses of a shared array are pointed at the gradient array of its first use,
        so that every use adds into one array. Two arrays that overlap without being the
        same (a view such as ``W.T``) cannot be tied this way and are refused.
        """
        uses: dict[int, tuple[str, np.ndarray]] = {}
        first_gradient: dict[int, np.ndarray] = {}
        for key, layer in self.leaves():
            for name, array in layer.params.items():
                if id(array) in uses:
                    layer.grads[name] = first_gradient[id(array)]
                    continue
                for other_key, other in uses.values():
                    if np.may_share_memory(array, other) and np.shares_memory(array, other):
                        raise ValueError(
                            f"params {other_key!r} and {key}.{name!r} overlap in memory "
                            "without being the same array (a view such as W.T): tie "
                            "parameters by giving both layers the same array"
                        )
                uses[id(array)] = (f"{key}.{name}", array)
                first_gradient[id(array)] = layer.grads[name]
        return uses

    @property
    def params(self) -> dict[str, np.ndarray]:  # type: ignore[override]
        return dict(self._uses().values())

    @property
    def grads(self) -> dict[str, np.ndarray]:  # type: ignore[override]
        uses = self._uses()  # ties the gradient arrays of shared parameters first
        gradients = {}
        for _, layer in self.leaves():
            for name, array in layer.params.items():
                first_key, _ = uses[id(array)]
                gradients.setdefault(first_key, layer.grads[name])
        return gradients

    def _forward(self, x: np.ndarray, training: bool) -> np.ndarray:
        """Run every layer in turn and cache their outputs."""
        self.input = x
        self.outputs = []
        for layer in self.layers:
            x = layer.forward(x, training=training)
            self.outputs.append(x)
        return x

    def _backward(self, grad_output: np.ndarray) -> np.ndarray:
        self._uses()  # shared parameters add into one gradient array
        grad = grad_output
        for layer in reversed(self.layers):
            grad = layer.backward(grad, accumulate=True)
        return grad

    def zero_grad(self) -> None:
        """Set every layer's gradients to zero, in place."""
        self._uses()
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
