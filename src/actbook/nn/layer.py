"""The layer protocol, said once: every layer of :mod:`actbook.nn` is a :class:`Layer`."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from actbook import validation


class Layer:
    """Base of every layer: the protocol that :class:`Sequential`, :func:`fit` and :class:`SGD` use.

    A layer has

    - ``params`` and ``grads``: dicts of learnable arrays and their gradients, with the
      same keys and shapes; an optimizer updates ``params`` **in place**, so an array
      may be shared between layers (weight tying, one PReLU in every layer);
    - ``forward(x, *, training=False) -> y``: checks ``x`` (the package's one dtype
      rule, :func:`actbook.validation.float_array`), computes ``y`` and keeps what the
      backward pass needs; ``training`` switches on what differs in training (dropout's
      masks, batch statistics, RReLU's random slopes);
    - ``backward(grad_output, *, accumulate=False) -> grad_input``: ``dL/dx`` from
      ``dL/dy`` for the last forward. ``grad_output`` must have exactly the shape of
      that forward's output (a gradient is never broadcast). The parameter gradients
      are *added* to ``grads``; without ``accumulate`` they are first set to zero, so a
      lone call leaves this batch's gradient there. :class:`Sequential` zeroes every
      array once and then accumulates, which is what makes shared parameters right: a
      parameter used twice receives the sum of both uses' gradients.
    - ``layer(x)`` is ``layer.forward(x)``.

    A subclass implements ``_forward(x, training)`` and ``_backward(grad_output)``,
    which receive checked arrays; ``_backward`` adds into ``self.grads`` in place.
    Both run in IEEE arithmetic without warnings: a value beyond the float range
    becomes ``inf`` and an undefined one (``inf - inf``, ``0 * inf``) ``NaN``, as in
    PyTorch; :func:`fit` refuses non-finite data before it starts.

    Examples
    --------
    >>> layer = Layer()
    >>> layer(np.ones(2))
    array([1., 1.])
    >>> layer.backward(np.ones(3))
    Traceback (most recent call last):
    ...
    ValueError: grad_output must have shape (2,) like the output of the last forward, got (3,)
    """

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for method in ("forward", "backward"):
            if method in cls.__dict__:
                raise TypeError(
                    f"{cls.__name__} overrides {method}: a Layer implements _{method} instead, "
                    f"and Layer.{method} checks the arguments and calls it"
                )

    def __init__(self) -> None:
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}
        self._output_shape: tuple[int, ...] | None = None

    def forward(self, x: ArrayLike, *, training: bool = False) -> np.ndarray:
        """Return the output for input ``x`` and keep what :meth:`backward` needs."""
        x = validation.float_array(x, "x")
        training = validation.boolean(training, "training")
        with np.errstate(over="ignore", invalid="ignore"):
            y = self._forward(x, training)
        self._output_shape = y.shape
        return y

    def backward(self, grad_output: ArrayLike, *, accumulate: bool = False) -> np.ndarray:
        """Return ``dL/dx`` from ``dL/dy``; add the parameter gradients to ``grads``."""
        if self._output_shape is None:
            raise RuntimeError(f"call {type(self).__name__}.forward before backward")
        grad_output = validation.same_shape(
            grad_output, "grad_output", self._output_shape, "the output of the last forward"
        )
        if not validation.boolean(accumulate, "accumulate"):
            self.zero_grad()
        with np.errstate(over="ignore", invalid="ignore"):
            return self._backward(grad_output)

    def zero_grad(self) -> None:
        """Set every array of ``grads`` to zero, in place."""
        for gradient in self.grads.values():
            gradient[...] = 0.0

    def __call__(self, x: ArrayLike, *, training: bool = False) -> np.ndarray:
        return self.forward(x, training=training)

    def _forward(self, x: np.ndarray, training: bool) -> np.ndarray:
        return x

    def _backward(self, grad_output: np.ndarray) -> np.ndarray:
        return grad_output

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


def zero_gradients_like(params: dict[str, Any]) -> dict[str, np.ndarray]:
    """Return a dict of zero arrays with the keys and shapes of ``params``.

    Examples
    --------
    >>> zero_gradients_like({"b": np.ones(2)})
    {'b': array([0., 0.])}
    """
    return {name: np.zeros_like(array, dtype=np.float64) for name, array in params.items()}
