"""Stochastic gradient descent, with optional momentum."""

from __future__ import annotations

from typing import Any

import numpy as np


class SGD:
    """Stochastic gradient descent with optional (heavy-ball) momentum.

    ``v <- momentum * v - lr * g`` then ``p <- p + v``, in place; without momentum
    this is ``p <- p - lr * g``.

    Parameters
    ----------
    lr : float
        Learning rate, positive.
    momentum : float, default 0.0
        In ``[0, 1)``.

    Examples
    --------
    >>> p, g = {"w": np.array([1.0, 2.0])}, {"w": np.array([10.0, -10.0])}
    >>> SGD(0.1).step(p, g)
    >>> p["w"]
    array([0., 3.])
    """

    def __init__(self, lr: float, momentum: float = 0.0) -> None:
        if not (np.isfinite(lr) and lr > 0):
            raise ValueError(f"lr must be a positive number, got {lr}")
        if not 0.0 <= momentum < 1.0:
            raise ValueError(f"momentum must be in [0, 1), got {momentum}")
        self.lr = float(lr)
        self.momentum = float(momentum)
        self._velocity: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    def step(
        self, params: dict[str, np.ndarray] | Any, grads: dict[str, np.ndarray] | None = None
    ) -> None:
        """Update ``params`` in place from ``grads``, or a model's own params and grads."""
        if grads is None:
            if not hasattr(params, "params") or not hasattr(params, "grads"):
                raise TypeError("params must be a model with params and grads, or pass grads")
            params, grads = params.params, params.grads
        if set(params) != set(grads):
            raise ValueError(
                f"grads must have the keys of params {sorted(params)}, got {sorted(grads)}"
            )
        for name, param in params.items():
            grad = grads[name]
            if self.momentum == 0.0:
                param -= self.lr * grad
                continue
            # keep a reference to the array so that its id cannot be reused
            _, velocity = self._velocity.setdefault(id(param), (param, np.zeros_like(param)))
            velocity *= self.momentum
            velocity -= self.lr * grad
            param += velocity
