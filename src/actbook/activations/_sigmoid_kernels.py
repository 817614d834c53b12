"""Sigmoid kernels: computed block by block so the temporaries stay small and in cache."""

from __future__ import annotations

import numpy as np

_BLOCK = 16384


def _blockwise(kernel, x: np.ndarray, *args: float) -> np.ndarray:
    """Run ``kernel(x_block, out_block, scratch, *args)`` over blocks of ``x``.

    The only output-sized allocation is the result; the scratch buffer is one block long.
    """
    out = np.empty(x.shape, dtype=x.dtype)
    flat_x, flat_out = x.reshape(-1), out.reshape(-1)
    scratch = np.empty(min(_BLOCK, flat_x.size), dtype=x.dtype)
    for start in range(0, flat_x.size, _BLOCK):
        stop = min(start + _BLOCK, flat_x.size)
        kernel(flat_x[start:stop], flat_out[start:stop], scratch[: stop - start], *args)
    return out


def _scale_into(x: np.ndarray, scale: float, out: np.ndarray) -> np.ndarray:
    if scale == 1.0:
        return x
    with np.errstate(over="ignore"):  # a*x overflowing to +-inf is the right limit
        return np.multiply(x, scale, out=out)


def _sigmoid_block(x: np.ndarray, out: np.ndarray, scratch: np.ndarray, scale: float) -> None:
    y = _scale_into(x, scale, out)
    nonnegative = y >= 0
    np.abs(y, out=out)
    np.negative(out, out=out)
    np.exp(out, out=out)  # e = exp(-|y|) lies in [0, 1]: it cannot overflow
    np.add(out, 1.0, out=scratch)
    np.maximum(out, nonnegative, out=out)  # numerator: 1 if y >= 0, else e
    np.divide(out, scratch, out=out)


def _sigmoid_slope_block(
    x: np.ndarray, out: np.ndarray, scratch: np.ndarray, scale: float, factor: float
) -> None:
    # factor * sigma(y) * sigma(-y) = factor * e / (1 + e)^2 with e = exp(-|y|): no 1 - sigma
    y = _scale_into(x, scale, out)
    np.abs(y, out=out)
    np.negative(out, out=out)
    np.exp(out, out=out)
    np.add(out, 1.0, out=scratch)
    np.divide(out, scratch, out=out)
    np.divide(out, scratch, out=out)
    if factor != 1.0:
        np.multiply(out, factor, out=out)


def _sigmoid(x: np.ndarray, scale: float = 1.0) -> np.ndarray:
    return _blockwise(_sigmoid_block, x, scale)


def _sigmoid_slope(x: np.ndarray, scale: float = 1.0, factor: float = 1.0) -> np.ndarray:
    """``factor * sigma'(scale * x)``."""
    return _blockwise(_sigmoid_slope_block, x, scale, factor)
