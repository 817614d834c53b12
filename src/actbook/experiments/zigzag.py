"""Zig-zag descent: why all-positive inputs slow gradient descent (S1, S5, LeCun et al. 1998).

A linear unit ``f = w . x`` learns ``t = w* . x`` with the squared error. The
gradient of one sample's loss is ``(f - t) x``: when every input ``x_i`` is
positive -- sigmoid outputs feeding the next layer -- both components of
every per-sample update share the sign of ``f - t``, so the weights can only move
"north-east" or "south-west". An optimum that needs ``w0`` up and ``w1`` down is
reached by tacking. Summing over a batch mixes the signs, but the descent stays
slow: the Hessian ``E[x x^T]`` of inputs with a non-zero mean is ill-conditioned,
and the step size that its steep direction allows crawls along its flat one.
Subtracting the mean of the inputs (zero-centring) removes both.

:func:`descend` runs mini-batch descent of any batch size on given inputs, optionally
with a learned bias per input, ``f = sum_i w_i (x_i + b_i)`` (the remedy of S5);
:func:`zigzag` runs the two extreme batch sizes on sigmoid outputs and on the same
inputs centred. The chapter *Zero-centred outputs* plots the paths and quotes the
step counts, the same-sign fractions and the condition numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.special import expit

from actbook import validation

__all__ = [
    "DescentRun",
    "ZigzagInputs",
    "ZigzagResult",
    "descend",
    "same_sign_fraction",
    "zigzag",
]


@dataclass(frozen=True)
class DescentRun:
    """One gradient-descent run on the two weights.

    Attributes
    ----------
    path : ndarray, shape (steps + 1, 2)
        The weights from the start to convergence (or to ``max_steps``).
    steps_to_converge : int or None
        Updates until the run converged (see :func:`descend`); None if not reached.
    same_sign_fraction : float
        Fraction of the updates of the weights whose two components have the same sign.
    batch_size : int
        Samples per update.
    learning_rates : ndarray, shape (steps,)
        The step size of every update: ``1 / lambda_max`` of its mini-batch's curvature.
    bias_path : ndarray of shape (steps + 1, 2), or None
        The learned per-input biases ``b`` when the run had them, else None.
    """

    path: np.ndarray
    steps_to_converge: int | None
    same_sign_fraction: float
    batch_size: int
    learning_rates: np.ndarray
    bias_path: np.ndarray | None = None


@dataclass(frozen=True)
class ZigzagInputs:
    """Per-sample and batch descent on one input set.

    Attributes
    ----------
    inputs : {"positive", "centered"}
        Sigmoid outputs (all in (0, 1)), or the same with their mean removed.
    X : ndarray, shape (n_samples, 2)
    per_sample : DescentRun
        One sample per update (batch size 1), cycling through the samples in a
        shuffled order; each update fits its own sample exactly.
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


def _pair(value: Any, name: str) -> np.ndarray:
    pair = validation.float_array(value, name).astype(np.float64)
    if pair.shape != (2,) or not np.all(np.isfinite(pair)):
        raise ValueError(f"{name} must be two finite numbers, got {pair.tolist()!r}")
    return pair


#: Inputs larger than this in magnitude are refused: their squares would overflow.
_LARGEST_INPUT = 1e150


def descend(
    X: np.ndarray,
    target: tuple[float, float] = (1.0, -1.0),
    *,
    batch_size: int = 1,
    input_bias: tuple[float, float] | None = None,
    start: tuple[float, float] = (0.0, 0.0),
    tol: float = 1e-3,
    max_steps: int = 20000,
    seed: int = 0,
) -> DescentRun:
    """Mini-batch gradient descent of a two-input linear unit towards ``target``.

    The targets ``t = X @ target`` are exactly realizable, and the loss of a mini-batch
    is half the mean squared error. Every epoch visits the samples in a new random
    order, ``batch_size`` at a time (the last mini-batch of an epoch may be smaller).
    Each update takes the step ``1 / lambda_max`` of its own mini-batch's curvature
    (for the plain unit the Hessian ``X_b^T X_b / |b|``; with per-input biases, the
    Gauss-Newton matrix ``J^T J / |b|``): the largest step that does not overshoot
    the mini-batch's own minimum along any direction. For one sample this fits the
    sample exactly; for the whole data set it is ``1 / lambda_max`` of the Hessian.

    Parameters
    ----------
    X : ndarray, shape (n_samples, 2)
        Inputs, finite, of magnitude below 1e150.
    target : pair of float, default (1, -1)
        The optimum ``w*``.
    batch_size : int, default 1
        Samples per update; ``len(X)`` or more gives full-batch descent.
    input_bias : pair of float, optional
        With it, the unit is S5's ``f = sum_i w_i (x_i + b_i)`` and learns the
        per-input biases ``b`` too, starting from these values; the gradients are
        ``dL/dw_i = delta (x_i + b_i)`` and ``dL/db_i = delta w_i`` with
        ``delta = f - t``. The run converges when ``|w - w*| < tol`` and
        ``|w . b| < tol`` (then ``f = t`` to within the tolerance).
    start : pair of float, default (0, 0)
        The initial weights.
    tol : float, default 1e-3
        Convergence radius around ``target``.
    max_steps : int, default 20000
        Budget of updates.
    seed : int, default 0
        Seed of the order of the samples.

    Returns
    -------
    DescentRun

    Examples
    --------
    With one input always positive and the other always negative, every per-sample
    update moves the two weights in opposite directions:

    >>> X = np.array([[1.0, -0.5], [0.5, -1.0], [0.8, -0.2]])
    >>> run = descend(X, (1.0, 1.0))
    >>> run.same_sign_fraction, run.steps_to_converge is not None
    (0.0, True)
    >>> lr = descend(X, batch_size=3).learning_rates[0]
    >>> bool(lr == 1 / np.linalg.eigvalsh(X.T @ X / 3)[-1])
    True
    >>> descend(X[:, :1])
    Traceback (most recent call last):
    ...
    ValueError: X must have shape (n_samples, 2), got (3, 1)
    """
    X = validation.float_array(X, "X", ndim=2, nonempty=True, finite=True)
    if X.shape[1] != 2:
        raise ValueError(f"X must have shape (n_samples, 2), got {X.shape}")
    X = X.astype(np.float64)
    if np.max(np.abs(X)) > _LARGEST_INPUT:
        raise ValueError(f"X must have entries of magnitude at most {_LARGEST_INPUT:g}")
    target_array = _pair(target, "target")
    batch_size = validation.positive_int(batch_size, "batch_size")
    bias = None if input_bias is None else _pair(input_bias, "input_bias")
    w = _pair(start, "start")
    tol = validation.positive_real(tol, "tol")
    max_steps = validation.positive_int(max_steps, "max_steps")
    rng = np.random.default_rng(validation.seed(seed))
    t = X @ target_array

    def converged(w: np.ndarray, b: np.ndarray | None) -> bool:
        near = np.linalg.norm(w - target_array) < tol
        return bool(near and (b is None or abs(w @ b) < tol))

    path, biases, rates = [w.copy()], [None if bias is None else bias.copy()], []
    order: np.ndarray = np.array([], dtype=np.int64)
    with np.errstate(over="ignore", invalid="ignore"):
        while len(rates) < max_steps and not converged(w, bias):
            if order.size == 0:
                order = rng.permutation(len(X))
            batch, order = order[:batch_size], order[batch_size:]
            inputs = X[batch] if bias is None else X[batch] + bias
            delta = inputs @ w - t[batch]
            jacobian = inputs if bias is None else np.hstack([inputs, np.tile(w, (len(batch), 1))])
            curvature = float(np.linalg.eigvalsh(jacobian.T @ jacobian / len(batch))[-1])
            lr = 1.0 / curvature if curvature > 0 else 0.0
            if not np.isfinite(lr) or not np.all(np.isfinite(delta)):
                raise ValueError("the descent left the range of float64: X or target too large")
            step = lr * delta @ inputs / len(batch)
            if bias is not None:
                bias = bias - lr * float(np.mean(delta)) * w
            w = w - step
            path.append(w.copy())
            biases.append(None if bias is None else bias.copy())
            rates.append(lr)
    array = np.array(path)
    steps = len(rates) if converged(w, bias) else None
    return DescentRun(
        path=array,
        steps_to_converge=steps,
        same_sign_fraction=same_sign_fraction(np.diff(array, axis=0)),
        batch_size=batch_size,
        learning_rates=np.array(rates),
        bias_path=None if bias is None else np.array(biases),
    )


def _describe(
    name: str,
    X: np.ndarray,
    start: np.ndarray,
    target: np.ndarray,
    tol: float,
    max_steps: int,
    seed: int,
) -> ZigzagInputs:
    eigenvalues = np.linalg.eigvalsh(X.T @ X / len(X))
    common = {"start": start, "tol": tol, "max_steps": max_steps, "seed": seed}
    return ZigzagInputs(
        inputs=name,
        X=X,
        per_sample=descend(X, target, batch_size=1, **common),
        batch=descend(X, target, batch_size=len(X), **common),
        condition_number=float(eigenvalues[-1] / eigenvalues[0]),
    )


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
    descents converge to ``target``. Each input set is descended one sample at a time
    and with the full batch, by :func:`descend`.

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
