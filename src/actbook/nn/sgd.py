"""Stochastic gradient descent, with optional momentum."""

from __future__ import annotations

from typing import Any

import numpy as np

from actbook import validation


class SGD:
    """Stochastic gradient descent with optional (heavy-ball) momentum.

    ``v <- momentum * v - lr * g`` then ``p <- p + v``, in place; without momentum
    this is ``p <- p - lr * g``. Each gradient must have exactly its parameter's shape.

    Parameters
    ----------
    lr : float
        Learning rate, finite and > 0.
    momentum : float, default 0.0
        In ``[0, 1)``.

    Examples
    --------
    >>> p, g = {"w": np.array([1.0, 2.0])}, {"w": np.array([10.0, -10.0])}
    >>> SGD(0.1).step(p, g)
    >>> p["w"]
    array([0., 3.])
    >>> SGD(0.1).step({"W": np.ones((2, 3))}, {"W": np.ones(3)})
    Traceback (most recent call last):
    ...
    ValueError: grads['W'] must have shape (2, 3) like params['W'], got (3,)
    """

    def __init__(self, lr: float, momentum: float = 0.0) -> None:
        self.lr = validation.positive_real(lr, "lr")
        self.momentum = validation.real_in_range(momentum, "momentum", 0.0, 1.0, include_high=False)
        self._velocity: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    def step(
        self, params: dict[str, np.ndarray] | Any, grads: dict[str, np.ndarray] | None = None
    ) -> None:
        """Update ``params`` in place from ``grads``, or a model's own params and grads."""
        if grads is None:
            if not hasattr(params, "params") or not hasattr(params, "grads"):
                raise TypeError(
                    f"params must be a model with params and grads, or pass grads; got {params!r}"
                )
            params, grads = params.params, params.grads
        if not isinstance(params, dict) or not isinstance(grads, dict):
            raise TypeError("params and grads must be dicts of arrays")
        if set(params) != set(grads):
            raise ValueError(
                f"grads must have the keys of params {sorted(params)}, got {sorted(grads)}"
            )
        checked, seen = {}, {}
        for name, param in params.items():
            if id(param) in seen:
                raise ValueError(
                    f"params must list each array once, got the same array as "
                    f"{seen[id(param)]!r} and {name!r} (a model lists a shared array once)"
                )
            seen[id(param)] = name
            if not isinstance(param, np.ndarray) or param.dtype.kind != "f":
                raise TypeError(f"params[{name!r}] must be a floating numpy array, got {param!r}")
            checked[name] = validation.same_shape(
                grads[name], f"grads[{name!r}]", param.shape, f"params[{name!r}]"
            )
        # checked everything before changing anything; a step beyond the float range
        # gives +-inf (a diverging run), not a warning
        with np.errstate(over="ignore", invalid="ignore"):
            for name, param in params.items():
                grad = checked[name]
                if self.momentum == 0.0:
                    param -= self.lr * grad
                    continue
                # keep a reference to the array so that its id cannot be reused
                _, velocity = self._velocity.setdefault(id(param), (param, np.zeros_like(param)))
                velocity *= self.momentum
                velocity -= self.lr * grad
                param += velocity

    def __repr__(self) -> str:
        return f"SGD(lr={self.lr}, momentum={self.momentum})"
