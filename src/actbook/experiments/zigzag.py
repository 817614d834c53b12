"""Zig-zag descent: why all-positive inputs slow gradient descent (S1, S5, LeCun et al. 1998).

A linear unit ``f = w . x`` learns ``t = w* . x`` with the squared error. The
gradient of one sample's loss is ``(f - t) x``: when every input ``x_i`` is
positive -- sigmoid outputs feeding the next layer -- both components of
every per-sample update share the sign of ``f - t``, so the weights can only move
"north-east" or "south-west". An optimum that needs ``w0`` up and ``w1`` down is
reached by tacking. Summing over a batch mixes the signs; subtracting the mean
of the inputs (zero-centring) removes the problem, and the chapter shows both.

The chapter *Zero-centred outputs* plots the paths and quotes the step counts,
the same-sign fractions and the condition numbers of the two input sets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.special import expit

from actbook import validation

__all__ = ["DescentRun", "ZigzagInputs", "ZigzagResult", "same_sign_fraction", "zigzag"]


@dataclass(frozen=True)
class DescentRun:
    """One gradient-descent run on the two weights.

    Attributes
    ----------
    path : ndarray, shape (steps + 1, 2)
        The weights from the start to convergence (or to ``max_steps``).
    steps_to_converge : int or None
        Updates until ``|w - w*| < tol``; None if not reached.
    same_sign_fraction : float
        Fraction of the updates whose two components have the same sign.
    learning_rate : float
    """

    path: np.ndarray
    steps_to_converge: int | None
    same_sign_fraction: float
    learning_rate: float


@dataclass(frozen=True)
class ZigzagInputs:
    """Per-sample and batch descent on one input set.

    Attributes
    ----------
    inputs : {"positive", "centered"}
        Sigmoid outputs (all in (0, 1)), or the same with their mean removed.
    X : ndarray, shape (n_samples, 2)
    per_sample : DescentRun
        One update per sample, cycling through the samples in a shuffled order;
        ``lr = 1 / max |x_i|^2`` so that no step overshoots its own sample.
    batch : DescentRun
        Full-batch descent on the mean loss with ``lr = 1 / lambda_max`` of its Hessian.
    condition_number : float
        ``lambda_max / lambda_min`` of the Hessian ``X^T X / n``.
    """

    inputs: str
    X: np.ndarray
    per_sample: DescentRun
    batch: DescentRun
    condition_number: float


@dataclass(frozen=True)
class ZigzagResult:
    """Both input sets, same target and start.

    Attributes
    ----------
    target, start : ndarray, shape (2,)
    positive, centered : ZigzagInputs
    """

    target: np.ndarray
    start: np.ndarray
    positive: ZigzagInputs
    centered: ZigzagInputs


def same_sign_fraction(updates: np.ndarray) -> float:
    """Return the fraction of 2-D updates whose components share a sign (zeros skipped).

    Parameters
    ----------
    updates : ndarray, shape (n_updates, 2)
        NaN is returned when no update has two nonzero components (or there is none).

    Examples
    --------
    >>> same_sign_fraction(np.array([[1.0, 2.0], [-1.0, -0.5], [1.0, -1.0], [0.0, 1.0]]))
    0.666667
    >>> same_sign_fraction(np.array([1.0, 2.0]))
    Traceback (most recent call last):
    ...
    ValueError: updates must be a 2-d array, got shape (2,)
    """
    updates = validation.float_array(updates, "updates", ndim=2)
    if updates.shape[1] != 2:
        raise ValueError(f"updates must have 2 columns, got shape {updates.shape}")
    nonzero = np.all(updates != 0, axis=1)
    if not np.any(nonzero):
        return float("nan")
    signs = np.sign(updates[nonzero])
    return float(np.mean(signs[:, 0] == signs[:, 1]))


def _run(path: list[np.ndarray], target: np.ndarray, tol: float, lr: float) -> DescentRun:
    array = np.array(path)
    distance = np.linalg.norm(array - target, axis=1)
    reached = np.flatnonzero(distance < tol)
    steps = int(reached[0]) if reached.size else None
    return DescentRun(
        path=array,
        steps_to_converge=steps,
        same_sign_fraction=same_sign_fraction(np.diff(array, axis=0)),
        learning_rate=lr,
    )


def _per_sample_descent(
    X: np.ndarray,
    t: np.ndarray,
    start: np.ndarray,
    target: np.ndarray,
    tol: float,
    max_steps: int,
    rng: np.random.Generator,
) -> DescentRun:
    lr = 1.0 / float(np.max(np.sum(X**2, axis=1)))
    w = start.copy()
    path = [w.copy()]
    order: np.ndarray = np.array([], dtype=np.int64)
    while len(path) <= max_steps and np.linalg.norm(w - target) >= tol:
        if order.size == 0:
            order = rng.permutation(len(X))
        i, order = order[0], order[1:]
        w = w - lr * (w @ X[i] - t[i]) * X[i]
        path.append(w.copy())
    return _run(path, target, tol, lr)


def _batch_descent(
    X: np.ndarray,
    t: np.ndarray,
    start: np.ndarray,
    target: np.ndarray,
    tol: float,
    max_steps: int,
) -> DescentRun:
    hessian = X.T @ X / len(X)
    lr = 1.0 / float(np.linalg.eigvalsh(hessian)[-1])
    w = start.copy()
    path = [w.copy()]
    while len(path) <= max_steps and np.linalg.norm(w - target) >= tol:
        w = w - lr * (X @ w - t) @ X / len(X)
        path.append(w.copy())
    return _run(path, target, tol, lr)


def _describe(
    name: str,
    X: np.ndarray,
    start: np.ndarray,
    target: np.ndarray,
    tol: float,
    max_steps: int,
    seed: int,
) -> ZigzagInputs:
    t = X @ target
    eigenvalues = np.linalg.eigvalsh(X.T @ X / len(X))
    return ZigzagInputs(
        inputs=name,
        X=X,
        per_sample=_per_sample_descent(
            X, t, start, target, tol, max_steps, np.random.default_rng(seed)
        ),
        batch=_batch_descent(X, t, start, target, tol, max_steps),
        condition_number=float(eigenvalues[-1] / eigenvalues[0]),
    )


def _pair(value: Any, name: str) -> np.ndarray:
    pair = validation.float_array(value, name).astype(np.float64)
    if pair.shape != (2,) or not np.all(np.isfinite(pair)):
        raise ValueError(f"{name} must be two finite numbers, got {pair.tolist()!r}")
    return pair


def zigzag(
    n_samples: int = 32,
    *,
    target: tuple[float, float] = (1.0, -1.0),
    start: tuple[float, float] = (0.0, 0.0),
    tol: float = 1e-3,
    max_steps: int = 20000,
    seed: int = 0,
) -> ZigzagResult:
    """Descend from ``start`` to ``target`` with all-positive versus zero-centred inputs.

    The inputs are ``sigmoid(z)`` with ``z`` standard normal, shape
    ``(n_samples, 2)`` ("positive"), and the same minus their column means
    ("centered"); the targets ``t = X @ target`` are exactly realizable, so both
    descents converge to ``target``.

    Parameters
    ----------
    n_samples : int, default 32
        At least 2.
    target : pair of float, default (1, -1)
        The optimum ``w*``; the default needs ``w0`` up and ``w1`` down.
    start : pair of float, default (0, 0)
    tol : float, default 1e-3
        Convergence radius around ``target``.
    max_steps : int, default 20000
        Budget of updates of each descent.
    seed : int, default 0
        Seed of the inputs and of the per-sample order.

    Examples
    --------
    >>> result = zigzag(16)
    >>> result.positive.per_sample.same_sign_fraction
    1.0
    >>> result.positive.batch.steps_to_converge > result.centered.batch.steps_to_converge
    True
    """
    n_samples = validation.integer(n_samples, "n_samples", minimum=2)
    target_array = _pair(target, "target")
    start_array = _pair(start, "start")
    tol = validation.positive_real(tol, "tol")
    max_steps = validation.positive_int(max_steps, "max_steps")
    seed = validation.seed(seed)
    positive = expit(np.random.default_rng(seed).standard_normal((n_samples, 2)))
    centered = positive - positive.mean(axis=0)
    return ZigzagResult(
        target=target_array,
        start=start_array,
        positive=_describe("positive", positive, start_array, target_array, tol, max_steps, seed),
        centered=_describe("centered", centered, start_array, target_array, tol, max_steps, seed),
    )
