"""Independent computations the fuzz suite compares results with.

Activations, losses and normalizations are evaluated element by element in 40-digit
mpmath arithmetic (with their limits at +-inf and beyond |x| = 1e4, where mpmath's
special functions cannot go), then rounded; dense layers with float64 NumPy.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Any

import mpmath as mp
import numpy as np

DIGITS = 40
BIG = 1e4  # beyond it every reference takes its limit value (exp(-1e4) is 0 in float64)
GELU_CUBIC = "0.044715"

# rtol, atol per result dtype: rounding of the input's precision, subnormals included
TOLERANCE = {
    np.dtype(np.float16): (4e-3, 1.3e-4),
    np.dtype(np.float32): (1e-5, 2.4e-38),
    np.dtype(np.float64): (1e-9, 4.5e-308),
}


def _mpf(x: float) -> mp.mpf:
    return mp.mpf(float(x))


def _sig(t: float) -> Any:
    if t > BIG:
        return mp.mpf(1)
    if t < -BIG:
        return mp.mpf(0)
    return 1 / (1 + mp.exp(-_mpf(t)))


def _sig_slope(t: float) -> Any:
    """sigma'(t) = e / (1 + e)^2 with e = exp(-|t|): no cancellation in either tail."""
    if abs(t) > BIG:
        return mp.mpf(0)
    e = mp.exp(-abs(_mpf(t)))
    return e / (1 + e) ** 2


def _sig_mp(y: Any) -> Any:
    if y > BIG:
        return mp.mpf(1)
    if y < -BIG:
        return mp.mpf(0)
    return 1 / (1 + mp.exp(-y))


def _sig_slope_mp(y: Any) -> Any:
    if abs(y) > BIG:
        return mp.mpf(0)
    e = mp.exp(-abs(y))
    return e / (1 + e) ** 2


def sigmoid(x: float, a: float = 1.0) -> Any:
    return _sig(float(a) * x)  # the code rounds a * x first, as its docstring says


def sigmoid_d(x: float, a: float = 1.0) -> Any:
    return _mpf(a) * _sig_slope(float(a) * x)


def tanh(x: float) -> Any:
    return math.copysign(1.0, x) if abs(x) > BIG else mp.tanh(_mpf(x))


def tanh_d(x: float) -> Any:
    return 4 * _sig_slope(2.0 * x)


def relu(x: float) -> Any:
    return x if x > 0 else 0.0


def relu_d(x: float) -> Any:
    return 1.0 if x > 0 else 0.0


def leaky(x: float, slope: float = 0.01) -> Any:
    if x > 0:
        return x
    return 0.0 if slope == 0 else _mpf(slope) * _mpf(x)


def leaky_d(x: float, slope: float = 0.01) -> Any:
    return 1.0 if x > 0 else float(slope)


def elu(x: float, alpha: float = 1.0) -> Any:
    if x > 0:
        return x
    return -float(alpha) if x < -BIG else _mpf(alpha) * mp.expm1(_mpf(x))


def elu_d(x: float, alpha: float = 1.0) -> Any:
    if x > 0:
        return 1.0
    return 0.0 if x < -BIG else _mpf(alpha) * mp.exp(_mpf(x))


def _gelu_y(x: float) -> tuple[Any, Any]:
    """y = 2 sqrt(2/pi) (x + c x^3) and dy/dx, exactly."""
    c = mp.mpf(GELU_CUBIC)
    k = 2 * mp.sqrt(2 / mp.pi)
    xm = _mpf(x)
    return k * (xm + c * xm**3), k * (1 + 3 * c * xm**2)


def gelu(x: float, approximate: bool = False) -> Any:
    limit = 100.0 if approximate else 40.0
    if x > limit:
        return x
    if x < -limit:
        return 0.0
    if approximate:
        y, _ = _gelu_y(x)
        return _mpf(x) * _sig_mp(y)
    return _mpf(x) * mp.ncdf(_mpf(x))


def gelu_d(x: float, approximate: bool = False) -> Any:
    limit = 100.0 if approximate else 40.0
    if abs(x) > limit:
        return 1.0 if x > 0 else 0.0
    if approximate:
        y, dy = _gelu_y(x)
        return _sig_mp(y) + _mpf(x) * _sig_slope_mp(y) * dy
    xm = _mpf(x)
    return mp.ncdf(xm) + xm * mp.npdf(xm)


def silu(x: float) -> Any:
    if x > BIG:
        return x
    return 0.0 if x < -BIG else _mpf(x) * _sig(x)


def silu_d(x: float) -> Any:
    if abs(x) > BIG:
        return 1.0 if x > 0 else 0.0
    return _sig(x) + _mpf(x) * _sig_slope(x)


def softplus(x: float) -> Any:
    if x > BIG:
        return x
    return 0.0 if x < -BIG else mp.log1p(mp.exp(_mpf(x)))


ACTIVATIONS: dict[str, tuple[Callable[..., Any], Callable[..., Any]]] = {
    "sigmoid": (sigmoid, sigmoid_d),
    "tanh": (tanh, tanh_d),
    "relu": (relu, relu_d),
    "leaky_relu": (leaky, leaky_d),
    "prelu": (lambda x, slope=0.25: leaky(x, slope), lambda x, slope=0.25: leaky_d(x, slope)),
    "rrelu": (
        lambda x, lower=1 / 8, upper=1 / 3: leaky(x, (lower + upper) / 2),
        lambda x, lower=1 / 8, upper=1 / 3: leaky_d(x, (lower + upper) / 2),
    ),
    "elu": (elu, elu_d),
    "gelu": (gelu, gelu_d),
    "silu": (silu, silu_d),
    "softplus": (softplus, lambda x: sigmoid(x)),
}
"""name -> (value, derivative), each ``f(x: float, **parameters)``."""


def evaluate(function: Callable[..., Any], x: np.ndarray, **params: Any) -> np.ndarray:
    """``function`` at every element of ``x`` (NaN in, NaN out), as float64."""
    flat = np.asarray(x, dtype=np.float64).ravel()
    out = np.empty(flat.shape)
    with mp.workdps(DIGITS):
        for i, value in enumerate(flat):
            out[i] = math.nan if math.isnan(value) else float(function(float(value), **params))
    return out.reshape(np.shape(x))


def assert_close(
    got: Any,
    want: np.ndarray,
    dtype: np.dtype | type = np.float64,
    *,
    what: str = "value",
    inputs: np.ndarray | None = None,
    atol: np.ndarray | float = 0.0,
    rtol: float | None = None,
) -> None:
    """Assert ``got`` equals ``want`` rounded to ``dtype``, within that dtype's tolerance."""
    dtype = np.dtype(dtype)
    base_rtol, base_atol = TOLERANCE.get(dtype, TOLERANCE[np.dtype(np.float64)])
    rtol = base_rtol if rtol is None else rtol
    got = np.asarray(got, dtype=np.float64)
    want = np.asarray(want, dtype=np.float64)
    assert got.shape == want.shape, f"{what} has shape {got.shape}, expected {want.shape}"
    with np.errstate(over="ignore", invalid="ignore"):
        rounded = want.astype(dtype).astype(np.float64)
        tolerance = base_atol + np.asarray(atol) + rtol * np.abs(rounded)
        good = (got == rounded) | (np.isnan(got) & np.isnan(rounded))
        good |= np.isfinite(rounded) & (np.abs(got - rounded) <= tolerance)
    if not np.all(good):
        bad = np.flatnonzero(~good.ravel())
        i = bad[0]
        where = f" at {inputs.ravel()[i]!r}" if inputs is not None and inputs.size else ""
        raise AssertionError(
            f"{what}{where} is {got.ravel()[i]!r}, expected {rounded.ravel()[i]!r} "
            f"({bad.size} of {got.size} entries wrong)"
        )


def result_dtype(x: Any) -> np.dtype:
    """The dtype the one dtype rule gives ``x``: floats kept, integers and bools float64."""
    dtype = np.asarray(x).dtype
    return dtype if dtype.kind == "f" else np.dtype(np.float64)


# --------------------------------------------------------------------------------------
# Losses
# --------------------------------------------------------------------------------------


def _match(prediction: np.ndarray, target: np.ndarray) -> np.ndarray:
    if target.ndim == prediction.ndim - 1 and prediction.shape[-1:] == (1,):
        target = target[..., None]
    return target


def mse(prediction: Any, target: Any) -> tuple[float, np.ndarray]:
    p = np.asarray(prediction, dtype=np.float64)
    t = _match(p, np.asarray(target, dtype=np.float64))
    with mp.workdps(DIGITS):
        d = [_mpf(a) - _mpf(b) for a, b in zip(p.ravel(), t.ravel(), strict=True)]
        value = float(mp.fsum(v * v for v in d) / len(d))
        grad = np.array([float(2 * v / len(d)) for v in d]).reshape(p.shape)
    return value, grad


def _softplus(z: float) -> Any:
    if z == math.inf:
        return mp.inf
    if z == -math.inf or z < -BIG:
        return mp.mpf(0)
    if z > BIG:
        return _mpf(z)
    return max(_mpf(z), 0) + mp.log1p(mp.exp(-abs(_mpf(z))))


def bce(logits: Any, target: Any) -> tuple[float, np.ndarray]:
    """Binary cross-entropy ``softplus(z) - z t``, with its limits at z = +-inf."""
    z = np.asarray(logits, dtype=np.float64)
    t = _match(z, np.asarray(target, dtype=np.float64))
    n = z.size
    with mp.workdps(DIGITS):
        losses, grads = [], []
        for zi, ti in zip(z.ravel(), t.ravel(), strict=True):
            if math.isnan(zi) or math.isnan(ti):
                losses.append(mp.nan)
                grads.append(math.nan)
                continue
            if math.isinf(zi):
                positive = zi > 0
                wrong = (1 - ti) if positive else ti  # weight on the infinitely wrong side
                losses.append(mp.mpf(0) if wrong == 0 else mp.inf)
                grads.append(float(((1.0 if positive else 0.0) - ti) / n))
                continue
            losses.append(_softplus(zi) - _mpf(zi) * _mpf(ti))
            grads.append(float((_sig(zi) - _mpf(ti)) / n))
        value = float(mp.fsum(losses) / n)
    return value, np.array(grads).reshape(z.shape)


def one_hot(target: Any, n_samples: int, n_classes: int) -> np.ndarray:
    t = np.asarray(target, dtype=np.float64)
    if t.ndim == 1:
        return np.eye(n_classes)[t.astype(np.int64)]
    return t.reshape(n_samples, n_classes)


def softmax_cross_entropy(logits: Any, target: Any) -> tuple[float | None, np.ndarray]:
    """Mean softmax cross-entropy and its gradient; None where a row is undefined."""
    z = np.asarray(logits, dtype=np.float64)
    n, k = z.shape
    y = one_hot(target, n, k)
    total, defined = mp.mpf(0), True
    grad = np.full(z.shape, np.nan)
    with mp.workdps(DIGITS):
        for row, labels, out in zip(z, y, grad, strict=True):
            if np.any(np.isnan(row)):
                total = mp.nan
                continue
            n_inf = int(np.sum(row == np.inf))
            if n_inf > 1 or np.all(row == -np.inf):
                defined = False  # inf - inf: no limit
                continue
            if n_inf == 1:
                probs = [mp.mpf(1) if v == np.inf else mp.mpf(0) for v in row]
                logp = [mp.mpf(0) if v == np.inf else -mp.inf for v in row]
            else:
                top = max(row)
                terms = [mp.mpf(0) if v - top < -BIG else mp.exp(_mpf(v) - _mpf(top)) for v in row]
                lse = _mpf(top) + mp.log(mp.fsum(terms))
                logp = [-mp.inf if v == -np.inf else _mpf(v) - lse for v in row]
                probs = [
                    mp.mpf(0) if v == -np.inf else mp.exp(lp)
                    for v, lp in zip(row, logp, strict=True)
                ]
            total += mp.fsum(-_mpf(w) * lp for w, lp in zip(labels, logp, strict=True) if w != 0)
            out[:] = [float((p - _mpf(w)) / n) for p, w in zip(probs, labels, strict=True)]
        value = float(total / n) if defined else None
    return value, grad


# --------------------------------------------------------------------------------------
# Normalization and dense layers
# --------------------------------------------------------------------------------------


def normalize(x: Any, axes: Iterable[int], eps: float) -> tuple[np.ndarray, np.ndarray]:
    """``(x - mean) / sqrt(var + eps)`` over ``axes`` and a per-entry error allowance.

    The allowance is what rounding the input costs a correct algorithm: a few ulp of
    the group's largest magnitude, divided by ``sqrt(var + eps)``. Groups with NaN or
    infinities get NaN (no value is checked there).
    """
    x = np.asarray(x, dtype=np.float64)
    axes = tuple(a % x.ndim for a in axes)
    kept = [a for a in range(x.ndim) if a not in axes]
    moved = np.transpose(x, kept + list(axes))
    groups = moved.reshape(-1, math.prod(moved.shape[len(kept) :]))
    out = np.full(groups.shape, np.nan)
    slack = np.zeros(groups.shape)
    with mp.workdps(DIGITS):
        for values, row, row_slack in zip(groups, out, slack, strict=True):
            if not np.all(np.isfinite(values)) or values.size == 0:
                continue
            m = len(values)
            xs = [_mpf(v) for v in values]
            mean = mp.fsum(xs) / m
            var = mp.fsum((v - mean) ** 2 for v in xs) / m
            scale = mp.sqrt(var + _mpf(eps))
            row[:] = [float((v - mean) / scale) for v in xs]
            row_slack[:] = float(16 * 2.0**-52 * max(abs(v) for v in values) / scale)
    inverse = np.argsort(kept + list(axes))
    shape = moved.shape
    return (
        np.transpose(out.reshape(shape), inverse),
        np.transpose(slack.reshape(shape), inverse),
    )


def normalize_backward(x: np.ndarray, g: np.ndarray, axes: tuple[int, ...], eps: float):
    """dL/dx through ``(x - mean) / sqrt(var + eps)`` over ``axes`` (gamma = 1), float64."""
    x = np.asarray(x, dtype=np.float64)
    g = np.asarray(g, dtype=np.float64)
    mean = x.mean(axis=axes, keepdims=True)
    inv_std = 1.0 / np.sqrt(x.var(axis=axes, keepdims=True) + eps)
    x_hat = (x - mean) * inv_std
    return inv_std * (
        g - g.mean(axis=axes, keepdims=True) - x_hat * (g * x_hat).mean(axis=axes, keepdims=True)
    )


def log_softmax(logits: Any) -> np.ndarray:
    """Row-wise ``z - log(sum(exp(z)))`` with the limits actbook documents for infinities.

    A row with ``+inf`` entries shares the probability among them (``-log(count)``,
    ``-inf`` elsewhere); a row of ``-inf`` is uniform; a row with NaN is NaN (unchecked).
    """
    z = np.asarray(logits, dtype=np.float64)
    out = np.full(z.shape, np.nan)
    with mp.workdps(DIGITS):
        for row, result in zip(z, out, strict=True):
            if row.size == 0 or np.any(np.isnan(row)):
                continue
            n_inf = int(np.sum(row == np.inf))
            if n_inf:
                result[:] = np.where(row == np.inf, -math.log(n_inf), -np.inf)
            elif np.all(row == -np.inf):
                result[:] = -math.log(row.size)
            else:
                top = float(np.max(row))
                terms = [0 if v - top < -BIG else mp.exp(_mpf(v) - _mpf(top)) for v in row]
                lse = _mpf(top) + mp.log(mp.fsum(terms))
                result[:] = [-math.inf if v == -np.inf else float(_mpf(v) - lse) for v in row]
    return out
