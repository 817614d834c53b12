"""A layer that applies an :mod:`actbook.activations` activation elementwise."""

from __future__ import annotations

from typing import Any

import numpy as np

from actbook.nn._checks import _as_float_array, _make_rng
from actbook.nn.layer import Layer


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
