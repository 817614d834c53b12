"""Backpropagation checked against central differences."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from actbook import validation
from actbook.nn.layer import Layer
from actbook.nn.losses import Loss, _get_loss


def _relative_error(analytic: np.ndarray, numeric: np.ndarray) -> float:
    with np.errstate(over="ignore", invalid="ignore"):  # huge gradients: inf or NaN, no warning
        scale = np.linalg.norm(analytic) + np.linalg.norm(numeric)
        return 0.0 if scale == 0 else float(np.linalg.norm(analytic - numeric) / scale)


def gradient_check(
    model: Any,
    x: np.ndarray,
    y: np.ndarray | None = None,
    *,
    loss: str | Loss = "mse",
    eps: float = 1e-6,
    seed: int = 0,
) -> float:
    """Compare backpropagation with central differences; return the worst relative error.

    The loss is ``loss(model(x), y)``, or without ``y`` the random projection
    ``sum(model(x) * R)`` with ``R`` standard normal (seeded). For every parameter
    array and for the input, the error is ``||g - n|| / (||g|| + ||n||)`` between the
    backprop gradient ``g`` and the estimate ``n = (L(p + eps) - L(p - eps)) / (2 eps)``.
    ``x`` and ``y`` must be finite.
    The forward passes run with ``training=False``. ``x`` is copied to float64 whatever
    its dtype: central differences with ``eps = 1e-6`` need float64's precision.

    Examples
    --------
    >>> from actbook.nn import MLP
    >>> model = MLP([3, 4, 2], "tanh", seed=0)
    >>> x = np.random.default_rng(1).normal(size=(5, 3))
    >>> bool(gradient_check(model, x) < 1e-7)
    True
    """
    if not isinstance(model, Layer):
        raise TypeError(f"model must be an actbook.nn.Layer, got {model!r}")
    eps = validation.positive_real(eps, "eps")
    seed = validation.seed(seed)
    x = validation.float_array(x, "x", nonempty=True, finite=True).astype(np.float64)
    loss_function = _get_loss(loss)
    output = model.forward(x)
    if y is None:
        projection = np.random.default_rng(seed).standard_normal(output.shape)

        def objective(out: np.ndarray) -> tuple[float, np.ndarray]:
            return float(np.sum(out * projection)), projection

    else:
        y = validation.float_array(y, "y", finite=True)

        def objective(out: np.ndarray) -> tuple[float, np.ndarray]:
            return loss_function(out, y)

    try:
        _, grad_output = objective(output)
    except (TypeError, ValueError) as error:  # the loss names its own argument, "target"
        raise type(error)(f"y does not fit the model's output and the loss: {error}") from None
    grad_input = model.backward(grad_output)
    analytic = {name: np.array(g, dtype=np.float64) for name, g in model.grads.items()}

    def loss_at() -> float:
        return objective(model.forward(x))[0]

    errors = [_relative_error(grad_input, _numeric_gradient(x, loss_at, eps))]
    for name, array in model.params.items():
        errors.append(_relative_error(analytic[name], _numeric_gradient(array, loss_at, eps)))
    return max(errors)


def _numeric_gradient(array: np.ndarray, loss_at: Callable[[], float], eps: float) -> np.ndarray:
    gradient = np.zeros_like(array, dtype=np.float64)
    for index in np.ndindex(array.shape):
        original = array[index]
        array[index] = original + eps
        upper = loss_at()
        array[index] = original - eps
        lower = loss_at()
        array[index] = original
        gradient[index] = (upper - lower) / (2 * eps)
    return gradient
