"""A layer that applies an :mod:`actbook.activations` activation elementwise."""

from __future__ import annotations

from typing import Any

import numpy as np

from actbook import validation
from actbook.activations import ACTIVATIONS, Activation, RReLU, get_activation
from actbook.nn.layer import Layer


def _resolve_activation(activation: Any, name: str = "activation") -> Activation:
    if isinstance(activation, str):
        return get_activation(validation.one_of(activation, name, sorted(ACTIVATIONS)))
    if not isinstance(activation, Activation):
        raise TypeError(
            f"{name} must be an activation name or an actbook Activation, got {activation!r}"
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
        Seed of a fresh generator for them. With neither ``rng`` nor ``seed``, an RReLU
        draws from its own generator (see :class:`actbook.activations.RReLU`).

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
        no_source = rng is None and seed is None
        self.rng = None if no_source else validation.make_rng(rng, seed)
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
        return grad_output * self.input_derivative()

    def input_derivative(self) -> np.ndarray:
        """Return f'(x) at the input x of the last forward (for RReLU, with its drawn slopes).

        Examples
        --------
        >>> layer = ActivationLayer("tanh")
        >>> _ = layer.forward(np.array([0.0, 20.0]))
        >>> layer.input_derivative()
        array([1.0000e+00, 1.6993e-17])
        """
        if self._x is None:
            raise RuntimeError("call ActivationLayer.forward before input_derivative")
        if self._sampled_derivative is not None:
            return self._sampled_derivative
        return np.asarray(self.activation.derivative(self._x))

    def __repr__(self) -> str:
        return f"ActivationLayer({self.name!r})"
