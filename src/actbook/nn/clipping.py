"""Gradient clipping: by the global norm (Pascanu et al. 2013) and by value."""

from __future__ import annotations

from typing import Any

import numpy as np

from actbook import validation


def _gradient_arrays(grads: Any) -> tuple[dict[str, np.ndarray], bool]:
    """Return ``grads`` as a dict of float arrays, and whether it was a single array."""
    if isinstance(grads, dict):
        if not grads:
            raise ValueError("grads must hold at least one array, got an empty dict")
        return {
            name: validation.float_array(g, f"grads[{name!r}]") for name, g in grads.items()
        }, False
    return {"": validation.float_array(grads, "grads")}, True


def _result(arrays: dict[str, np.ndarray], single: bool) -> Any:
    return arrays[""] if single else arrays


def _norm_parts(arrays: dict[str, np.ndarray]) -> tuple[float, float]:
    """Return ``(m, r)`` with the norm ``m * r``: ``m`` the largest magnitude (0 if none).

    Working in units of ``m`` keeps ``r`` (between 1 and the square root of the
    number of entries) finite even where the norm itself exceeds the float range.
    Non-finite entries give ``m = inf`` (or ``nan`` with any NaN) and ``r = 1``.
    """
    values = np.concatenate([np.ravel(a).astype(np.float64) for a in arrays.values()])
    if values.size == 0:
        return 0.0, 0.0
    if np.any(np.isnan(values)):
        return float("nan"), 1.0
    largest = float(np.max(np.abs(values)))
    if largest == 0.0 or not np.isfinite(largest):
        return largest, 1.0 if largest else 0.0
    return largest, float(np.sqrt(np.sum((values / largest) ** 2)))


def global_norm(grads: Any) -> float:
    """Return the Euclidean norm of all entries of ``grads`` together.

    Computed in units of the largest magnitude, so that gradients whose squares
    overflow still get their finite norm (``inf`` only where the norm itself exceeds
    the float range); ``inf`` entries give ``inf`` and ``nan`` entries ``nan``.

    Parameters
    ----------
    grads : array_like or dict of array_like

    Examples
    --------
    >>> global_norm({"W": np.array([[3.0]]), "b": np.array([4.0])})
    5.0
    >>> global_norm(np.array([3e200, 4e200]))
    5e+200
    """
    arrays, _ = _gradient_arrays(grads)
    largest, relative = _norm_parts(arrays)
    with np.errstate(over="ignore"):
        return float(np.float64(largest) * relative)


def clip_by_norm(grads: Any, max_norm: float) -> Any:
    """Rescale ``grads`` to global norm at most ``max_norm``: ``g * min(1, c / ||g||)``.

    The rule of Pascanu, Mikolov and Bengio (2013). ``||g||`` is the norm of all
    arrays together (:func:`global_norm`), as PyTorch's ``clip_grad_norm_`` computes
    it, so every array is scaled by the same factor and the direction of the whole
    gradient is kept. Gradients already within the norm are returned unchanged. The
    inputs are not modified; new arrays are returned.

    Parameters
    ----------
    grads : array_like or dict of array_like
        One gradient, or a model's ``grads`` dict.
    max_norm : float
        The threshold ``c``, finite and > 0.

    Returns
    -------
    ndarray or dict of ndarray
        Of the same kind and shapes as ``grads``.

    Raises
    ------
    ValueError
        If a gradient is not finite: no rescaling recovers a direction from ``inf``
        or ``nan``.

    Examples
    --------
    >>> clip_by_norm(np.array([3.0, 4.0]), 1.0)
    array([0.6, 0.8])
    >>> clip_by_norm({"W": np.array([3.0]), "b": np.array([4.0])}, 10.0)
    {'W': array([3.]), 'b': array([4.])}
    >>> clip_by_norm(np.array([np.inf]), 1.0)
    Traceback (most recent call last):
    ...
    ValueError: grads must be finite to be clipped by norm, got a norm of inf
    """
    max_norm = validation.positive_real(max_norm, "max_norm")
    arrays, single = _gradient_arrays(grads)
    largest, relative = _norm_parts(arrays)
    if not np.isfinite(largest):
        raise ValueError(f"grads must be finite to be clipped by norm, got a norm of {largest}")
    # c / ||g|| in units of the largest entry, finite even where ||g|| overflows
    scale = min(1.0, (max_norm / largest) / relative) if largest > 0 else 1.0
    return _result({name: np.asarray(a * scale) for name, a in arrays.items()}, single)


def clip_by_value(grads: Any, limit: float) -> Any:
    """Clip every entry of ``grads`` to ``[-limit, limit]``.

    Unlike :func:`clip_by_norm` this changes the direction of a gradient whose
    entries exceed the limit unequally. ``nan`` entries stay ``nan``; infinite ones
    become ``-limit`` or ``limit``. The inputs are not modified.

    Parameters
    ----------
    grads : array_like or dict of array_like
    limit : float
        Finite and > 0.

    Examples
    --------
    >>> clip_by_value(np.array([3.0, -0.5, -4.0]), 1.0)
    array([ 1. , -0.5, -1. ])
    >>> clip_by_value(np.ones(2), 0.0)
    Traceback (most recent call last):
    ...
    ValueError: limit must be a finite number > 0, got 0.0
    """
    limit = validation.positive_real(limit, "limit")
    arrays, single = _gradient_arrays(grads)
    return _result(
        {name: np.asarray(np.clip(a, -limit, limit)) for name, a in arrays.items()}, single
    )
