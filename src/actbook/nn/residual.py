"""Residual connections (He et al. 2016): a layer plus its input."""

from __future__ import annotations

import numpy as np

from actbook.nn.layer import Layer


class Residual(Layer):
    """The residual block ``y = x + F(x)`` around a layer ``F`` (He et al. 2016).

    The backward pass adds the identity path to ``F``'s own:
    ``dL/dx = dL/dy + F.backward(dL/dy)``, that is, the Jacobian is ``I + dF/dx``, so
    the gradient reaches ``x`` even where ``dF/dx`` is small. ``F`` must return an
    output of its input's shape.

    ``params`` and ``grads`` are those of ``F`` (the same arrays, under the same
    keys); the block has none of its own. Inside a :class:`Sequential` the block is
    one layer: parameters shared between ``F`` and layers outside the block are not
    supported.

    Parameters
    ----------
    inner : Layer
        The residual branch ``F``, e.g. ``Sequential([ActivationLayer("sigmoid"),
        Dense(d, d)])``.

    Examples
    --------
    >>> from actbook.nn import Dense
    >>> block = Residual(Dense(2, 2, init=lambda shape, rng: np.eye(2)))  # F(x) = x
    >>> block.forward(np.array([[1.0, -2.0]]))
    array([[ 2., -4.]])
    >>> block.backward(np.array([[1.0, 1.0]]))  # (I + I) applied to the gradient
    array([[2., 2.]])
    >>> sorted(block.params)
    ['W', 'b']
    >>> Residual(Dense(2, 3)).forward(np.ones((1, 2)))
    Traceback (most recent call last):
    ...
    ValueError: the residual branch must keep the input's shape (1, 2), got (1, 3)
    """

    def __init__(self, inner: Layer) -> None:
        # no Layer.__init__: params and grads are the branch's own
        if not isinstance(inner, Layer):
            raise TypeError(f"inner must be an actbook.nn.Layer, got {inner!r}")
        self.inner = inner
        self._output_shape: tuple[int, ...] | None = None

    @property
    def params(self) -> dict[str, np.ndarray]:  # type: ignore[override]
        return self.inner.params

    @property
    def grads(self) -> dict[str, np.ndarray]:  # type: ignore[override]
        return self.inner.grads

    def zero_grad(self) -> None:
        """Set the branch's gradients to zero, in place."""
        self.inner.zero_grad()

    def _forward(self, x: np.ndarray, training: bool) -> np.ndarray:
        branch = self.inner.forward(x, training=training)
        if branch.shape != x.shape:
            raise ValueError(
                f"the residual branch must keep the input's shape {x.shape}, got {branch.shape}"
            )
        return x + branch

    def _backward(self, grad_output: np.ndarray) -> np.ndarray:
        # Layer.backward has zeroed the branch's gradients unless accumulating
        return grad_output + self.inner.backward(grad_output, accumulate=True)

    def __repr__(self) -> str:
        return f"Residual({self.inner!r})"
