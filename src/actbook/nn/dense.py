"""The fully connected layer."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from actbook import validation
from actbook.init import INITIALIZERS, get_initializer
from actbook.nn.layer import Layer, zero_gradients_like


class Dense(Layer):
    """Fully connected layer ``y = x @ W + b``.

    Parameters
    ----------
    in_features, out_features : int
        Input and output widths; ``W`` has shape ``(in_features, out_features)``.
    init : str or callable, default "xavier_uniform"
        Weight initializer: a name from :data:`actbook.init.INITIALIZERS` or a
        callable ``init(shape, rng)``. The bias starts at zero.
    rng : numpy.random.Generator, optional
        Source of the initial weights.
    seed : int, optional
        Seed of a fresh generator when ``rng`` is not given (default 0).

    Examples
    --------
    >>> layer = Dense(3, 2, init=lambda shape, rng: np.ones(shape))
    >>> layer.forward(np.array([[1.0, 2.0, 3.0]]))
    array([[6., 6.]])
    >>> layer.backward(np.array([[1.0, 0.0]]))
    array([[1., 1., 1.]])
    >>> layer.grads["W"][:, 0], layer.grads["b"]
    (array([1., 2., 3.]), array([1., 0.]))
    """

    def __init__(
        self,
        in_features: int,
        out_features: int,
        *,
        init: str | Callable[..., np.ndarray] = "xavier_uniform",
        rng: np.random.Generator | None = None,
        seed: int | None = None,
    ) -> None:
        super().__init__()
        self.in_features = validation.positive_int(in_features, "in_features")
        self.out_features = validation.positive_int(out_features, "out_features")
        if isinstance(init, str):
            initializer = get_initializer(validation.one_of(init, "init", sorted(INITIALIZERS)))
        else:
            initializer = init
        if not callable(initializer):
            raise TypeError(f"init must be an initializer name or a callable, got {init!r}")
        shape = (self.in_features, self.out_features)
        weights = validation.float_array(
            initializer(shape, validation.make_rng(rng, seed)), "the array returned by init"
        )
        if weights.shape != shape:
            raise ValueError(f"init must return an array of shape {shape}, got {weights.shape}")
        if not np.all(np.isfinite(weights)):
            raise ValueError("init must return finite weights")
        self.params = {"W": weights.astype(np.float64), "b": np.zeros(self.out_features)}
        self.grads = zero_gradients_like(self.params)
        self._x: np.ndarray | None = None

    def _forward(self, x: np.ndarray, training: bool) -> np.ndarray:
        if x.ndim == 0 or x.shape[-1] != self.in_features:
            raise ValueError(f"x must have shape (..., {self.in_features}), got {x.shape}")
        self._x = x
        return x @ self.params["W"] + self.params["b"]

    def _backward(self, grad_output: np.ndarray) -> np.ndarray:
        # dL/dW = x^T g and dL/db = sum of g over the samples (all leading axes)
        x2 = self._x.reshape(-1, self.in_features)
        g2 = grad_output.reshape(-1, self.out_features)
        self.grads["W"] += x2.T @ g2
        self.grads["b"] += g2.sum(axis=0)
        return grad_output @ self.params["W"].T

    def __repr__(self) -> str:
        return f"Dense({self.in_features}, {self.out_features})"
