"""Argument checks shared by the network modules."""

from __future__ import annotations

from typing import Any

import numpy as np


def _make_rng(rng: np.random.Generator | None, seed: int | None) -> np.random.Generator:
    if rng is not None and seed is not None:
        raise ValueError("pass rng or seed, not both")
    if rng is None:
        return np.random.default_rng(0 if seed is None else seed)
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator, got {type(rng).__name__}")
    return rng


def _as_float_array(x: Any, name: str) -> np.ndarray:
    x = np.asarray(x)
    if x.dtype.kind not in "biuf":
        raise TypeError(f"{name} must be a real numeric array, got dtype {x.dtype}")
    return x.astype(np.float64, copy=False)


def _check_positive_int(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
        raise ValueError(f"{name} must be a positive integer, got {value!r}")
    return int(value)
