"""Losses ``loss(prediction, target) -> (value, dvalue/dprediction)``, and :data:`LOSSES`.

Each loss is the textbook formula, written so that it stays exact for every logit,
infinite ones included: no overflow, no ``inf - inf``, no warning.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy.special import expit

from actbook import validation


def _match_target(
    prediction: np.ndarray, target: np.ndarray, name: str = "prediction"
) -> np.ndarray:
    # a column of predictions against a flat target is the common regression case
    if target.ndim == prediction.ndim - 1 and prediction.shape[-1] == 1:
        target = target[..., None]
    if target.shape != prediction.shape:
        raise ValueError(
            f"target must have the shape of {name} {prediction.shape}, got {target.shape}"
        )
    return target


def _times(weight: np.ndarray, value: np.ndarray) -> np.ndarray:
    """``weight * value`` with ``0 * inf = 0``: a term whose weight is 0 is absent."""
    return np.multiply(
        weight,
        value,
        out=np.zeros(np.broadcast_shapes(weight.shape, value.shape)),
        where=weight != 0,
    )


def mse(prediction: np.ndarray, target: np.ndarray) -> tuple[float, np.ndarray]:
    """Mean squared error over all entries, and its gradient.

    ``L = mean((p - t)^2)``, ``dL/dp = 2 (p - t) / p.size``. A flat target is
    matched against a column of predictions.

    Examples
    --------
    >>> mse(np.array([[1.0], [3.0]]), np.array([0.0, 1.0]))
    (2.5, array([[1.], [2.]]))
    """
    prediction = validation.float_array(prediction, "prediction", nonempty=True)
    target = _match_target(prediction, validation.float_array(target, "target"))
    # overflow is inf, inf - inf is NaN: the loss of such a prediction, without a warning
    with np.errstate(over="ignore", invalid="ignore"):
        difference = prediction - target
        return float(np.mean(difference**2)), 2.0 * difference / difference.size


def binary_cross_entropy_with_logits(
    logits: np.ndarray, target: np.ndarray
) -> tuple[float, np.ndarray]:
    """Mean binary cross-entropy of ``sigmoid(logits)`` against targets in [0, 1], and its gradient.

    The textbook loss of one logit z with target t is
    ``-t log sigma(z) - (1 - t) log(1 - sigma(z))``. Since ``-log sigma(z) = softplus(-z)``
    and ``-log(1 - sigma(z)) = softplus(z)``, it equals
    ``t max(-z, 0) + (1 - t) max(z, 0) + log(1 + exp(-abs(z)))``, which never overflows
    and is exact for infinite logits (a term with weight 0 is left out, so
    ``z = inf, t = 1`` costs 0, not NaN). The gradient is ``(sigmoid(z) - t) / z.size``.

    Examples
    --------
    >>> loss, grad = binary_cross_entropy_with_logits(np.array([0.0, 1000.0]), np.array([1.0, 1.0]))
    >>> round(loss, 6), grad
    (0.346574, array([-0.25,  0.  ]))
    >>> binary_cross_entropy_with_logits([np.inf], [1.0])
    (0.0, array([0.]))
    """
    z = validation.float_array(logits, "logits", nonempty=True)
    t = _match_target(z, validation.float_array(target, "target"), "logits")
    if not np.all((t >= 0) & (t <= 1)):
        raise ValueError("target must contain probabilities in [0, 1]")
    losses = _times(t, np.maximum(-z, 0.0)) + _times(1.0 - t, np.maximum(z, 0.0))
    losses += np.log1p(np.exp(-np.abs(z)))
    gradient = ((expit(z) - t) / z.size).astype(np.result_type(z, t), copy=False)
    with np.errstate(over="ignore"):  # a mean beyond the float range is inf
        return float(np.mean(losses)), gradient


def _one_hot(target: np.ndarray, n_classes: int, n_samples: int) -> np.ndarray:
    if target.ndim == 1:
        if target.shape[0] != n_samples:
            raise ValueError(f"target must have {n_samples} labels, got {target.shape[0]}")
        valid = np.isfinite(target) & (target >= 0) & (target < n_classes)
        if not np.all(valid) or np.any(target != np.floor(np.where(valid, target, 0))):
            raise ValueError(f"target labels must be integers in [0, {n_classes}), got {target}")
        return np.eye(n_classes)[target.astype(np.int64)]
    if target.shape != (n_samples, n_classes):
        raise ValueError(
            f"target must be labels of shape ({n_samples},) or one-hot of shape "
            f"({n_samples}, {n_classes}), got {target.shape}"
        )
    if not np.all((target >= 0) & (target <= 1)):
        raise ValueError("target rows must contain probabilities in [0, 1]")
    return target


def log_softmax(logits: np.ndarray) -> np.ndarray:
    """``log softmax(z)`` of each row: ``z - log(sum(exp(z)))``, shifted by the row's maximum.

    Shifting by the maximum m (``z - m - log(sum(exp(z - m)))``) keeps every
    exponential in [0, 1]. Rows with a ``+inf`` logit give the limit: the probability
    is shared by the infinite entries, so their log-probability is ``-log(count)`` and
    the others' is ``-inf``; a row of ``-inf`` is uniform (the limit of equal logits).

    Examples
    --------
    >>> log_softmax(np.array([[0.0, np.log(3.0)], [np.inf, 5.0]]))
    array([[-1.38629, -0.28768], [  0.     ,     -inf]])
    """
    z = validation.float_array(logits, "logits", ndim=2)
    if z.shape[1] == 0:
        raise ValueError(f"logits must have at least one class (column), got shape {z.shape}")
    top = np.max(z, axis=1, keepdims=True)
    infinite_top = np.isinf(top)
    # inf - inf is replaced just below; -1e308 - 1e308 is -inf, whose exp is 0
    with np.errstate(invalid="ignore", over="ignore"):
        shifted = z - top
    shifted = np.where(infinite_top, np.where(z == top, 0.0, -np.inf), shifted)
    log_probabilities = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    return log_probabilities.astype(z.dtype, copy=False)


def softmax_cross_entropy(logits: np.ndarray, target: np.ndarray) -> tuple[float, np.ndarray]:
    """Mean cross-entropy of ``softmax(logits)``; target as integer labels or one-hot rows.

    ``L = -mean over samples of sum_k t_k log softmax(z)_k``, with :func:`log_softmax`;
    the gradient is ``(softmax(z) sum_k t_k - t) / n``, which is ``(softmax(z) - t) / n``
    for one-hot rows and rows of probabilities. Exact for infinite logits.

    Examples
    --------
    >>> loss, grad = softmax_cross_entropy(np.array([[0.0, 0.0], [1000.0, 0.0]]), np.array([0, 0]))
    >>> round(loss, 6), grad
    (0.346574, array([[-0.25,  0.25], [ 0.  ,  0.  ]]))
    >>> softmax_cross_entropy([[np.inf, 0.0]], [0])
    (0.0, array([[0., 0.]]))
    """
    z = validation.float_array(logits, "logits", ndim=2, nonempty=True)
    one_hot = _one_hot(validation.float_array(target, "target"), z.shape[1], z.shape[0])
    log_probabilities = log_softmax(z)
    with np.errstate(over="ignore"):  # a sum beyond the float range is inf
        loss = 0.0 - np.sum(_times(one_hot, log_probabilities)) / z.shape[0]  # 0.0, not -0.0
    row_mass = one_hot.sum(axis=1, keepdims=True)  # 1 for labels and probability rows
    return float(loss), (np.exp(log_probabilities) * row_mass - one_hot) / z.shape[0]


Loss = Callable[[np.ndarray, np.ndarray], tuple[float, np.ndarray]]

LOSSES: dict[str, Loss] = {
    "mse": mse,
    "binary_cross_entropy_with_logits": binary_cross_entropy_with_logits,
    "bce": binary_cross_entropy_with_logits,
    "softmax_cross_entropy": softmax_cross_entropy,
    "cross_entropy": softmax_cross_entropy,
}
"""Losses by name; ``"bce"`` and ``"cross_entropy"`` are short aliases."""


def _get_loss(loss: str | Loss) -> Loss:
    if callable(loss):
        return loss
    if not isinstance(loss, str):
        raise TypeError(f"loss must be one of {sorted(LOSSES)} or a callable, got {loss!r}")
    return LOSSES[validation.one_of(loss, "loss", sorted(LOSSES))]
