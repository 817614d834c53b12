"""Losses ``loss(prediction, target) -> (value, dvalue/dprediction)``, and :data:`LOSSES`."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy.special import expit, logsumexp

from actbook.nn._checks import _as_float_array


def _match_target(prediction: np.ndarray, target: np.ndarray) -> np.ndarray:
    # a column of predictions against a flat target is the common regression case
    if target.ndim == prediction.ndim - 1 and prediction.shape[-1] == 1:
        target = target[..., None]
    if target.shape != prediction.shape:
        raise ValueError(
            f"target must have the shape of prediction {prediction.shape}, got {target.shape}"
        )
    return target


def mse(prediction: np.ndarray, target: np.ndarray) -> tuple[float, np.ndarray]:
    """Mean squared error over all entries, and its gradient.

    ``L = mean((p - t)^2)``, ``dL/dp = 2 (p - t) / p.size``. A flat target is
    matched against a column of predictions.

    Examples
    --------
    >>> mse(np.array([[1.0], [3.0]]), np.array([0.0, 1.0]))
    (2.5, array([[1.], [2.]]))
    """
    prediction = _as_float_array(prediction, "prediction")
    target = _match_target(prediction, _as_float_array(target, "target"))
    difference = prediction - target
    return float(np.mean(difference**2)), 2.0 * difference / difference.size


def binary_cross_entropy_with_logits(
    logits: np.ndarray, target: np.ndarray
) -> tuple[float, np.ndarray]:
    """Mean binary cross-entropy of ``sigmoid(logits)`` against 0/1 targets, and its gradient.

    Computed as ``max(z, 0) - z t + log(1 + exp(-|z|))``, which never overflows;
    the gradient is ``(sigmoid(z) - t) / z.size``.

    Examples
    --------
    >>> loss, grad = binary_cross_entropy_with_logits(np.array([0.0, 1000.0]), np.array([1.0, 1.0]))
    >>> round(loss, 6), grad
    (0.346574, array([-0.25,  0.  ]))
    """
    z = _as_float_array(logits, "logits")
    t = _match_target(z, _as_float_array(target, "target"))
    if np.any((t < 0) | (t > 1)):
        raise ValueError("target must contain probabilities in [0, 1]")
    losses = np.maximum(z, 0.0) - z * t + np.log1p(np.exp(-np.abs(z)))
    return float(np.mean(losses)), (expit(z) - t) / z.size


def _one_hot(target: np.ndarray, n_classes: int, n_samples: int) -> np.ndarray:
    if target.ndim == 1:
        if target.shape[0] != n_samples:
            raise ValueError(f"target must have {n_samples} labels, got {target.shape[0]}")
        labels = target.astype(np.int64)
        if np.any(labels != target) or np.any(labels < 0) or np.any(labels >= n_classes):
            raise ValueError(f"target labels must be integers in [0, {n_classes}), got {target}")
        return np.eye(n_classes)[labels]
    if target.shape != (n_samples, n_classes):
        raise ValueError(
            f"target must be labels of shape ({n_samples},) or one-hot of shape "
            f"({n_samples}, {n_classes}), got {target.shape}"
        )
    return target


def softmax_cross_entropy(logits: np.ndarray, target: np.ndarray) -> tuple[float, np.ndarray]:
    """Mean cross-entropy of ``softmax(logits)``; target as integer labels or one-hot rows.

    Uses the log-sum-exp trick; the gradient is ``(softmax(z) - onehot) / n``.

    Examples
    --------
    >>> loss, grad = softmax_cross_entropy(np.array([[0.0, 0.0], [1000.0, 0.0]]), np.array([0, 0]))
    >>> round(loss, 6), grad
    (0.346574, array([[-0.25,  0.25], [ 0.  ,  0.  ]]))
    """
    z = _as_float_array(logits, "logits")
    if z.ndim != 2:
        raise ValueError(f"logits must have shape (n_samples, n_classes), got {z.shape}")
    one_hot = _one_hot(_as_float_array(target, "target"), z.shape[1], z.shape[0])
    log_normalizer = logsumexp(z, axis=1, keepdims=True)
    log_probabilities = z - log_normalizer
    loss = -np.sum(one_hot * log_probabilities) / z.shape[0]
    return float(loss), (np.exp(log_probabilities) - one_hot) / z.shape[0]


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
    if loss not in LOSSES:
        raise ValueError(f"loss must be one of {sorted(LOSSES)} or a callable, got {loss!r}")
    return LOSSES[loss]
