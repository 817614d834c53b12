"""Small synthetic data sets, generated from a seed (nothing is downloaded).

Every function returns ``(X, y)`` as float64 arrays: ``X`` of shape
``(n, n_features)`` and ``y`` of shape ``(n,)``. For the classification sets ``y``
holds class labels ``0.0, 1.0, ...``; samples come grouped by class (``fit``
shuffles them). The same arguments give the same arrays.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

__all__ = ["gaussian_blobs", "regression", "spirals", "two_moons", "xor"]


def _check_n(n: Any, minimum: int = 1) -> int:
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < minimum:
        raise ValueError(f"n must be an integer >= {minimum}, got {n!r}")
    return int(n)


def _check_noise(noise: float) -> float:
    if not (np.isfinite(noise) and noise >= 0):
        raise ValueError(f"noise must be a finite number >= 0, got {noise!r}")
    return float(noise)


def _class_sizes(n: int, classes: int) -> list[int]:
    # as equal as possible; the first classes get the remainder
    return [n // classes + (k < n % classes) for k in range(classes)]


def xor() -> tuple[np.ndarray, np.ndarray]:
    """The four XOR points: ``X`` of shape (4, 2) with 0/1 entries, ``y = x1 XOR x2``.

    Examples
    --------
    >>> X, y = xor()
    >>> X
    array([[0., 0.], [0., 1.], [1., 0.], [1., 1.]])
    >>> y
    array([0., 1., 1., 0.])
    """
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    return X, np.logical_xor(X[:, 0], X[:, 1]).astype(np.float64)


def two_moons(n: int = 200, *, noise: float = 0.1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved half circles (as scikit-learn's ``make_moons``, unshuffled).

    Class 0 lies on the upper half circle ``(cos t, sin t)``, class 1 on the lower
    one ``(1 - cos t, 0.5 - sin t)``, ``t`` evenly spaced in [0, pi]; Gaussian
    noise of standard deviation ``noise`` is added to both coordinates.

    Parameters
    ----------
    n : int, default 200
        Number of points (at least 2); class 0 gets the extra point when ``n`` is odd.
    noise : float, default 0.1
    seed : int, default 0

    Returns
    -------
    X : ndarray, shape (n, 2)
    y : ndarray, shape (n,)
        0.0 or 1.0.

    Examples
    --------
    >>> X, y = two_moons(4, noise=0.0)
    >>> np.round(X, 3)
    array([[ 1. ,  0. ], [-1. ,  0. ], [ 0. ,  0.5], [ 2. ,  0.5]])
    >>> y
    array([0., 0., 1., 1.])
    """
    n = _check_n(n, 2)
    noise = _check_noise(noise)
    n_upper, n_lower = _class_sizes(n, 2)
    t_upper = np.linspace(0.0, math.pi, n_upper)
    t_lower = np.linspace(0.0, math.pi, n_lower)
    upper = np.column_stack([np.cos(t_upper), np.sin(t_upper)])
    lower = np.column_stack([1.0 - np.cos(t_lower), 0.5 - np.sin(t_lower)])
    X = np.vstack([upper, lower]) + np.random.default_rng(seed).normal(0.0, noise, size=(n, 2))
    y = np.repeat([0.0, 1.0], [n_upper, n_lower])
    return X, y


def spirals(
    n: int = 200, *, classes: int = 2, turns: float = 1.0, noise: float = 0.1, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Interleaved spiral arms, one per class.

    Arm ``k`` is ``r (cos phi, sin phi)`` with ``r`` evenly spaced in [0.05, 1] and
    ``phi = 2 pi (turns r + k / classes)``; Gaussian noise of standard deviation
    ``noise`` is added to both coordinates.

    Parameters
    ----------
    n : int, default 200
        Number of points, at least ``classes``.
    classes : int, default 2
        Number of arms (at least 2).
    turns : float, default 1.0
        How many times each arm winds around the origin; positive.
    noise : float, default 0.1
    seed : int, default 0

    Returns
    -------
    X : ndarray, shape (n, 2)
    y : ndarray, shape (n,)
        Labels ``0.0 ... classes - 1``.

    Examples
    --------
    >>> X, y = spirals(6, classes=3, noise=0.0)
    >>> np.round(np.hypot(X[:, 0], X[:, 1]), 2)
    array([0.05, 1.  , 0.05, 1.  , 0.05, 1.  ])
    >>> y
    array([0., 0., 1., 1., 2., 2.])
    """
    if isinstance(classes, bool) or not isinstance(classes, int | np.integer) or classes < 2:
        raise ValueError(f"classes must be an integer >= 2, got {classes!r}")
    n = _check_n(n, int(classes))
    noise = _check_noise(noise)
    if not (np.isfinite(turns) and turns > 0):
        raise ValueError(f"turns must be a positive number, got {turns!r}")
    arms, labels = [], []
    for k, size in enumerate(_class_sizes(n, int(classes))):
        radius = np.linspace(0.05, 1.0, size)
        angle = 2 * math.pi * (turns * radius + k / classes)
        arms.append(radius[:, None] * np.column_stack([np.cos(angle), np.sin(angle)]))
        labels.append(np.full(size, float(k)))
    X = np.vstack(arms) + np.random.default_rng(seed).normal(0.0, noise, size=(n, 2))
    return X, np.concatenate(labels)


def gaussian_blobs(
    n: int = 200,
    *,
    centers: int | np.ndarray = 3,
    std: float = 1.0,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Isotropic Gaussian clusters, one per class.

    Parameters
    ----------
    n : int, default 200
        Number of points, at least the number of centers.
    centers : int or array of shape (k, d), default 3
        The cluster means; an integer ``k`` places ``k`` means evenly on the circle
        of radius 4 in the plane, starting at ``(4, 0)``.
    std : float, default 1.0
        Standard deviation of every coordinate around its mean; positive.
    seed : int, default 0

    Returns
    -------
    X : ndarray, shape (n, d)
    y : ndarray, shape (n,)
        Index of each point's center, as float.

    Examples
    --------
    >>> X, y = gaussian_blobs(4, centers=np.array([[0.0, 0.0], [10.0, 10.0]]), std=0.01)
    >>> np.round(X)
    array([[ 0.,  0.], [ 0.,  0.], [10., 10.], [10., 10.]])
    >>> y
    array([0., 0., 1., 1.])
    """
    if isinstance(centers, int | np.integer) and not isinstance(centers, bool):
        if centers < 1:
            raise ValueError(f"centers must be a positive integer or an array, got {centers!r}")
        angle = 2 * math.pi * np.arange(centers) / centers
        means = 4.0 * np.column_stack([np.cos(angle), np.sin(angle)])
    else:
        means = np.asarray(centers, dtype=np.float64)
        if means.ndim != 2 or means.shape[0] < 1 or not np.all(np.isfinite(means)):
            raise ValueError(
                f"centers must be a positive integer or a finite array of shape (k, d), "
                f"got {centers!r}"
            )
    if not (np.isfinite(std) and std > 0):
        raise ValueError(f"std must be a positive number, got {std!r}")
    n = _check_n(n, means.shape[0])
    sizes = _class_sizes(n, means.shape[0])
    y = np.repeat(np.arange(means.shape[0], dtype=np.float64), sizes)
    noise = np.random.default_rng(seed).normal(0.0, std, size=(n, means.shape[1]))
    return means[y.astype(np.int64)] + noise, y


def regression(n: int = 100, *, noise: float = 0.1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Noisy samples of ``y = sin(x)``, ``x`` uniform on [-pi, pi] and sorted.

    Parameters
    ----------
    n : int, default 100
    noise : float, default 0.1
        Standard deviation of the Gaussian noise added to ``y``.
    seed : int, default 0

    Returns
    -------
    X : ndarray, shape (n, 1)
    y : ndarray, shape (n,)

    Examples
    --------
    >>> X, y = regression(5, noise=0.0)
    >>> bool(np.allclose(y, np.sin(X[:, 0])))
    True
    """
    n = _check_n(n)
    noise = _check_noise(noise)
    rng = np.random.default_rng(seed)
    x = np.sort(rng.uniform(-math.pi, math.pi, size=n))
    y = np.sin(x) + rng.normal(0.0, noise, size=n)
    return x[:, None], y
