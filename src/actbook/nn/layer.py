"""The base of the layer protocol."""

from __future__ import annotations

import numpy as np


class Layer:
    """Base of the layer protocol: no parameters, identity forward and backward.

    Examples
    --------
    >>> Layer().forward(np.ones(2))
    array([1., 1.])
    """

    def __init__(self) -> None:
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}

    def forward(self, x: np.ndarray, *, training: bool = False) -> np.ndarray:
        """Return the output for input ``x``."""
        return np.asarray(x)

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        """Return ``dL/dx`` from ``dL/dy``."""
        return np.asarray(grad_output)

    def __call__(self, x: np.ndarray, *, training: bool = False) -> np.ndarray:
        return self.forward(x, training=training)
