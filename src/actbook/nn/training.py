"""Mini-batch training: :func:`fit` and the :class:`History` it records."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from actbook.nn._checks import _as_float_array, _check_positive_int
from actbook.nn.dense import Dense
from actbook.nn.losses import (
    Loss,
    _get_loss,
    _match_target,
    binary_cross_entropy_with_logits,
    softmax_cross_entropy,
)
from actbook.nn.sgd import SGD


@dataclass
class History:
    """What :func:`fit` records.

    Attributes
    ----------
    loss : ndarray, shape (epochs,)
        Mean training loss of each epoch's mini-batches, each computed before its
        update (with one full batch, ``loss[0]`` is the initial model's loss).
    accuracy : ndarray of shape (epochs,), or None
        Training accuracy over the same mini-batch predictions, for the
        classification losses; None for ``"mse"`` and custom losses.
    gradient_norms : ndarray of shape (steps, n_dense_layers), or None
        Frobenius norm of each Dense layer's ``dL/dW`` at every step, first layer
        first (with ``record_gradients=True``).
    """

    loss: np.ndarray
    accuracy: np.ndarray | None = None
    gradient_norms: np.ndarray | None = None


def _correct(loss_function: Loss, output: np.ndarray, target: np.ndarray) -> float | None:
    if loss_function is binary_cross_entropy_with_logits:
        target = _match_target(output, target)
        return float(np.sum((output > 0) == (target > 0.5)) / output.shape[-1])
    if loss_function is softmax_cross_entropy:
        labels = target if target.ndim == 1 else np.argmax(target, axis=1)
        return float(np.sum(np.argmax(output, axis=1) == labels))
    return None


def fit(
    model: Any,
    X: np.ndarray,
    y: np.ndarray,
    *,
    loss: str | Loss = "mse",
    optimizer: SGD | None = None,
    epochs: int = 100,
    batch_size: int | None = None,
    seed: int = 0,
    record_gradients: bool = False,
) -> History:
    """Train ``model`` by mini-batch gradient descent; return the :class:`History`.

    Parameters
    ----------
    model : Sequential or layer
        Anything with ``forward``, ``backward``, ``params`` and ``grads``.
    X : ndarray, shape (n_samples, n_features)
    y : ndarray, shape (n_samples,) or (n_samples, n_outputs)
        Targets; 0/1 for ``"bce"``, labels or one-hot rows for ``"softmax_cross_entropy"``.
    loss : str or callable, default "mse"
        A name of :data:`LOSSES` or ``loss(prediction, target) -> (value, gradient)``.
    optimizer : SGD, optional
        Default ``SGD(0.1)``.
    epochs : int, default 100
    batch_size : int, optional
        Default: the whole data set (full-batch gradient descent).
    seed : int, default 0
        Seed of the shuffling of the samples at every epoch (RReLU layers draw
        their slopes from their own generator, seeded at construction). Same seed
        and same model: same numbers, bit for bit.
    record_gradients : bool, default False
        Record the per-layer weight-gradient norms at every step.

    Examples
    --------
    >>> X = np.linspace(-1, 1, 20)[:, None]
    >>> model = Dense(1, 1, seed=0)
    >>> history = fit(model, X, 3 * X[:, 0] + 1, optimizer=SGD(0.3), epochs=200)
    >>> np.round([model.params["W"][0, 0], model.params["b"][0]], 4)
    array([3., 1.])
    """
    X = _as_float_array(X, "X")
    y = _as_float_array(y, "y")
    if X.ndim != 2:
        raise ValueError(f"X must have shape (n_samples, n_features), got {X.shape}")
    n_samples = X.shape[0]
    if y.shape[0] != n_samples:
        raise ValueError(f"y must have {n_samples} rows like X, got {y.shape[0]}")
    epochs = _check_positive_int(epochs, "epochs")
    batch_size = n_samples if batch_size is None else _check_positive_int(batch_size, "batch_size")
    loss_function = _get_loss(loss)
    optimizer = SGD(0.1) if optimizer is None else optimizer
    rng = np.random.default_rng(seed)
    dense_layers = [
        layer for layer in getattr(model, "layers", [model]) if isinstance(layer, Dense)
    ]

    losses, accuracies, gradient_norms = [], [], []
    for _ in range(epochs):
        order = rng.permutation(n_samples)
        total_loss, total_correct = 0.0, 0.0
        for start in range(0, n_samples, batch_size):
            batch = order[start : start + batch_size]
            output = model.forward(X[batch], training=True)
            value, grad_output = loss_function(output, y[batch])
            model.backward(grad_output)
            if record_gradients:
                gradient_norms.append([np.linalg.norm(d.grads["W"]) for d in dense_layers])
            optimizer.step(model)
            total_loss += value * len(batch)
            correct = _correct(loss_function, output, y[batch])
            total_correct = None if correct is None else total_correct + correct
        losses.append(total_loss / n_samples)
        accuracies.append(None if total_correct is None else total_correct / n_samples)
    return History(
        loss=np.array(losses),
        accuracy=None if accuracies[0] is None else np.array(accuracies),
        gradient_norms=np.array(gradient_norms) if record_gradients else None,
    )
