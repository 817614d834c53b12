"""Mini-batch training: :func:`fit` and the :class:`History` it records."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from actbook import validation
from actbook.nn.dense import Dense
from actbook.nn.layer import Layer
from actbook.nn.losses import (
    Loss,
    _get_loss,
    _match_target,
    binary_cross_entropy_with_logits,
    softmax_cross_entropy,
)
from actbook.nn.normalization import BatchNorm
from actbook.nn.sequential import Sequential
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


def _check_batch_statistics(model: Layer, n_samples: int, batch_size: int) -> None:
    """Batch normalization needs 2 samples in every mini-batch, the last one included."""
    layers = [layer for _, layer in model.leaves()] if isinstance(model, Sequential) else [model]
    if not any(isinstance(layer, BatchNorm) for layer in layers):
        return
    smallest = min(batch_size, n_samples) if n_samples % batch_size == 0 else n_samples % batch_size
    if smallest < 2:
        raise ValueError(
            f"batch_size must leave at least 2 samples in every mini-batch for batch "
            f"normalization, but {n_samples} samples in batches of {batch_size} leave {smallest}"
        )


def _dense_layers(model: Layer) -> list[Dense]:
    return [layer for layer in getattr(model, "layers", [model]) if isinstance(layer, Dense)]


def fit(
    model: Layer,
    X: np.ndarray,
    y: np.ndarray,
    *,
    loss: str | Loss = "mse",
    optimizer: SGD | None = None,
    epochs: int = 100,
    batch_size: int | None = None,
    seed: int = 0,
    record_gradients: bool = False,
    on_step: Callable[[Layer, int], Any] | None = None,
) -> History:
    """Train ``model`` by mini-batch gradient descent; return the :class:`History`.

    One step: forward a mini-batch (``training=True``), loss, backward, then
    ``on_step(model, step)`` if given, then the optimizer's update.

    Parameters
    ----------
    model : Layer
        A :class:`Sequential`, :class:`MLP` or any :class:`Layer`.
    X : ndarray, shape (n_samples, n_features)
        At least one sample; finite.
    y : ndarray, shape (n_samples,) or (n_samples, n_outputs)
        Targets, finite; 0/1 for ``"bce"``, labels or one-hot rows for
        ``"softmax_cross_entropy"``.
    loss : str or callable, default "mse"
        A name of :data:`LOSSES` or ``loss(prediction, target) -> (value, gradient)``.
    optimizer : SGD, optional
        Default ``SGD(0.1)``; anything with a ``step(model)`` method.
    epochs : int, default 100
    batch_size : int, optional
        Default: the whole data set (full-batch gradient descent).
    seed : int, default 0
        Seed of the shuffling of the samples at every epoch (RReLU layers draw
        their slopes from their own generator, seeded at construction). Same seed
        and same model: same numbers, bit for bit.
    record_gradients : bool, default False
        Record the per-layer weight-gradient norms at every step.
    on_step : callable, optional
        Called as ``on_step(model, step)`` after each backward pass and before the
        update, so the model's ``grads`` hold this mini-batch's gradient; ``step``
        counts from 0. For measurements during training.

    Examples
    --------
    >>> X = np.linspace(-1, 1, 20)[:, None]
    >>> model = Dense(1, 1, seed=0)
    >>> history = fit(model, X, 3 * X[:, 0] + 1, optimizer=SGD(0.3), epochs=200)
    >>> np.round([model.params["W"][0, 0], model.params["b"][0]], 4)
    array([3., 1.])

    Watching the bias gradient at every step:

    >>> norms = []
    >>> _ = fit(Dense(1, 1), X, X[:, 0], epochs=3,
    ...         on_step=lambda m, step: norms.append(float(abs(m.grads["b"][0]))))
    >>> len(norms)
    3
    """
    if not isinstance(model, Layer):
        raise TypeError(f"model must be an actbook.nn.Layer, got {model!r}")
    X = validation.float_array(X, "X", ndim=2, nonempty=True, finite=True)
    y = validation.float_array(y, "y", finite=True)
    n_samples = X.shape[0]
    if y.ndim == 0 or y.shape[0] != n_samples:
        raise ValueError(f"y must have {n_samples} rows like X, got shape {y.shape}")
    epochs = validation.positive_int(epochs, "epochs")
    batch_size = (
        n_samples if batch_size is None else validation.positive_int(batch_size, "batch_size")
    )
    seed = validation.seed(seed)
    record_gradients = validation.boolean(record_gradients, "record_gradients")
    if on_step is not None:
        validation.require_callable(on_step, "on_step")
    loss_function = _get_loss(loss)
    optimizer = SGD(0.1) if optimizer is None else optimizer
    if isinstance(optimizer, type) or not callable(getattr(optimizer, "step", None)):
        raise TypeError(f"optimizer must be an SGD or have a step(model) method, got {optimizer!r}")
    _check_batch_statistics(model, n_samples, batch_size)
    rng = np.random.default_rng(seed)
    dense_layers = _dense_layers(model)

    losses, accuracies, gradient_norms = [], [], []
    step = 0
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
            if on_step is not None:
                on_step(model, step)
            optimizer.step(model)
            step += 1
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
