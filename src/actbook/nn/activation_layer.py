"""A layer that applies an :mod:`actbook.activations` activation elementwise."""

from __future__ import annotations

from typing import Any

import numpy as np

from actbook import validation
from actbook.activations import Activation, RReLU, get_activation
from actbook.nn.layer import Layer


def _resolve_activation(activation: Any) -> Activation:
    if isinstance(activation, str):
        return get_activation(activation)
    if not isinstance(activation, Activation):
        raise TypeError(
            f"activation must be an activation name or an actbook Activation, got {activation!r}"
        )
    return activation


class ActivationLayer(Layer):
    """Apply an activation elementwise; backward multiplies by its derivative.

    A learnable activation (PReLU) shares its ``params`` and ``grads`` dicts with the
    layer, so an optimizer updates its slope in place; ``backward`` adds
    ``sum(grad_output * slope_gradient(x))`` to ``grads["slope"]``. One instance may
    serve several layers: :class:`Sequential` then sums the slope gradients of every
    use and lists the slope once.

    The derivative is computed in ``backward``, from the input kept by ``forward``,
    except for RReLU in training: its slopes are drawn in ``forward``, so the
    derivative is taken there, before another call draws new ones.

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
        self.name: str = self.activation.name
        self.rng = validation.make_rng(rng, seed)
        # the same dicts, so that in-place updates reach the activation
        self.params = self.activation.params
        self.grads = self.activation.grads
        self._x: np.ndarray | None = None
        self._sampled_derivative: np.ndarray | None = None

    def _forward(self, x: np.ndarray, training: bool) -> np.ndarray:
        self._x = x
        y = np.asarray(self.activation(x, training=training, rng=self.rng))
        samples = training and isinstance(self.activation, RReLU)
        self._sampled_derivative = np.asarray(self.activation.derivative(x)) if samples else None
        return y

    def _backward(self, grad_output: np.ndarray) -> np.ndarray:
        for name in self.params:
            partial = getattr(self.activation, f"{name}_gradient")(self._x)
            self.grads[name] += np.sum(grad_output * partial)
        derivative = self._sampled_derivative
        if derivative is None:
            derivative = self.activation.derivative(self._x)
        return grad_output * derivative

    def __repr__(self) -> str:
        return f"ActivationLayer({self.name!r})"
