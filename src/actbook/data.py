"""Small data sets: synthetic ones generated from a seed, and one real one that ships
inside scikit-learn (nothing is downloaded).

Every function returns ``(X, y)`` as float64 arrays: ``X`` of shape
``(n, n_features)`` and ``y`` of shape ``(n,)``. For the classification sets ``y``
holds class labels ``0.0, 1.0, ...``; samples come grouped by class (``fit``
shuffles them). The same arguments give the same arrays.

Counts (``n``, ``classes``, an integer ``centers``) are integers, Python or NumPy, never
floats; ``noise`` and ``std`` are finite numbers; a ``seed`` is a non-negative integer.
A bad argument raises ``TypeError`` (wrong kind) or ``ValueError`` (wrong value), naming
the parameter.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from actbook import validation

__all__ = ["digits", "gaussian_blobs", "regression", "split", "spirals", "two_moons", "xor"]


def _noise(noise: Any, name: str = "noise") -> float:
    """A standard deviation of added noise: a finite number >= 0."""
    return validation.nonnegative_real(noise, name)


def _add_noise(points: np.ndarray, std: float, seed: int, name: str) -> np.ndarray:
    """``points`` plus N(0, std^2) noise from ``seed``; refuses a std so large it overflows."""
    noise = np.random.default_rng(seed).normal(0.0, std, size=points.shape)
    with np.errstate(over="ignore", invalid="ignore"):
        noisy = points + noise
    if not np.all(np.isfinite(noisy)):
        raise ValueError(f"{name} is too large: the points overflow float64, got {std}")
    return noisy


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
        Standard deviation of the noise, >= 0.
    seed : int, default 0
        Non-negative.

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
    n = validation.integer(n, "n", minimum=2)
    noise = _noise(noise)
    seed = validation.seed(seed)
    n_upper, n_lower = _class_sizes(n, 2)
    t_upper = np.linspace(0.0, math.pi, n_upper)
    t_lower = np.linspace(0.0, math.pi, n_lower)
    upper = np.column_stack([np.cos(t_upper), np.sin(t_upper)])
    lower = np.column_stack([1.0 - np.cos(t_lower), 0.5 - np.sin(t_lower)])
    X = _add_noise(np.vstack([upper, lower]), noise, seed, "noise")
    y = np.repeat([0.0, 1.0], [n_upper, n_lower])
    return X, y


_MAX_TURNS = 1e15
"""Largest ``turns`` of :func:`spirals`: beyond, the angles lose all their digits."""


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
        How many times each arm winds around the origin; positive, at most 1e15 (beyond,
        float64 cannot resolve the angle between neighbouring points).
    noise : float, default 0.1
        Standard deviation of the noise, >= 0.
    seed : int, default 0
        Non-negative.

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
    classes = validation.integer(classes, "classes", minimum=2)
    n = validation.integer(n, "n", minimum=classes)
    turns = validation.real_in_range(turns, "turns", 0.0, _MAX_TURNS, include_low=False)
    noise = _noise(noise)
    seed = validation.seed(seed)
    arms, labels = [], []
    for k, size in enumerate(_class_sizes(n, classes)):
        radius = np.linspace(0.05, 1.0, size)
        angle = 2 * math.pi * (turns * radius + k / classes)
        arms.append(radius[:, None] * np.column_stack([np.cos(angle), np.sin(angle)]))
        labels.append(np.full(size, float(k)))
    X = _add_noise(np.vstack(arms), noise, seed, "noise")
    return X, np.concatenate(labels)


def _blob_means(centers: Any) -> np.ndarray:
    """The means of :func:`gaussian_blobs`: ``k`` points on a circle, or the array given."""
    if not isinstance(centers, list | tuple | np.ndarray):
        try:
            k = validation.positive_int(centers, "centers")
        except TypeError:
            raise TypeError(
                f"centers must be a positive integer or an array of shape (k, d), "
                f"got {centers!r} ({type(centers).__name__})"
            ) from None
        angle = 2 * math.pi * np.arange(k) / k
        return 4.0 * np.column_stack([np.cos(angle), np.sin(angle)])
    return validation.float_array(centers, "centers", ndim=2, nonempty=True, finite=True)


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
    centers : int or array_like of shape (k, d), default 3
        The cluster means, finite, with ``k, d >= 1``; an integer ``k >= 1`` places
        ``k`` means evenly on the circle of radius 4 in the plane, starting at ``(4, 0)``.
    std : float, default 1.0
        Standard deviation of every coordinate around its mean; positive.
    seed : int, default 0
        Non-negative.

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
    means = _blob_means(centers)
    n = validation.integer(n, "n", minimum=means.shape[0])
    std = validation.positive_real(std, "std")
    seed = validation.seed(seed)
    sizes = _class_sizes(n, means.shape[0])
    y = np.repeat(np.arange(means.shape[0], dtype=np.float64), sizes)
    return _add_noise(means[y.astype(np.int64)].astype(np.float64), std, seed, "std"), y


def regression(n: int = 100, *, noise: float = 0.1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Noisy samples of ``y = sin(x)``, ``x`` uniform on [-pi, pi] and sorted.

    Parameters
    ----------
    n : int, default 100
        Number of points, at least 1.
    noise : float, default 0.1
        Standard deviation of the Gaussian noise added to ``y``, >= 0.
    seed : int, default 0
        Non-negative.

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
    n = validation.integer(n, "n", minimum=1)
    noise = _noise(noise)
    rng = np.random.default_rng(validation.seed(seed))
    x = np.sort(rng.uniform(-math.pi, math.pi, size=n))
    with np.errstate(over="ignore", invalid="ignore"):
        y = np.sin(x) + rng.normal(0.0, noise, size=n)
    if not np.all(np.isfinite(y)):
        raise ValueError(f"noise is too large: the targets overflow float64, got {noise}")
    return x[:, None], y


#: Largest pixel value of the digits images (4-bit grey levels).
DIGITS_MAX_PIXEL = 16.0


def digits() -> tuple[np.ndarray, np.ndarray]:
    """The handwritten digits of scikit-learn: 1,797 images of 8x8 pixels, 10 classes.

    The data ship inside scikit-learn (UCI's optical recognition of handwritten digits,
    test part), so loading reads a local file and never downloads. Pixels are scaled
    from 0..16 to [0, 1].

    Returns
    -------
    X : ndarray, shape (1797, 64)
        Pixel intensities in [0, 1], row by row.
    y : ndarray, shape (1797,)
        The digit shown, ``0.0`` ... ``9.0``.

    Examples
    --------
    >>> X, y = digits()
    >>> X.shape, float(X.min()), float(X.max())
    ((1797, 64), 0.0, 1.0)
    >>> np.bincount(y.astype(int))
    array([178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
    """
    from sklearn.datasets import load_digits  # imported here: only this loader needs it

    bunch = load_digits()
    return bunch.data.astype(np.float64) / DIGITS_MAX_PIXEL, bunch.target.astype(np.float64)


def split(
    X: np.ndarray, y: np.ndarray, *, test_fraction: float = 0.25, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Split ``(X, y)`` into training and test sets, class by class (stratified).

    Each class contributes ``round(test_fraction * count)`` of its samples, drawn at
    random, to the test set; both sets keep the original order of their samples.

    Parameters
    ----------
    X : ndarray, shape (n_samples, n_features)
        Finite, at least one sample.
    y : ndarray, shape (n_samples,)
        Class labels, finite.
    test_fraction : float, default 0.25
        Share of each class held out, strictly between 0 and 1.
    seed : int, default 0
        Non-negative.

    Returns
    -------
    X_train, X_test, y_train, y_test : ndarray

    Examples
    --------
    >>> X_train, X_test, y_train, y_test = split(*xor(), test_fraction=0.5)
    >>> len(y_train), len(y_test), sorted(y_test.tolist())
    (2, 2, [0.0, 1.0])
    """
    X = validation.float_array(X, "X", ndim=2, nonempty=True, finite=True)
    y = validation.float_array(y, "y", ndim=1, finite=True)
    if len(y) != len(X):
        raise ValueError(f"y must have one label per row of X ({len(X)}), got shape {y.shape}")
    fraction = validation.real_in_range(
        test_fraction, "test_fraction", 0.0, 1.0, include_low=False, include_high=False
    )
    rng = np.random.default_rng(validation.seed(seed))
    test = np.zeros(len(y), dtype=bool)
    for label in np.unique(y):
        members = np.flatnonzero(y == label)
        test[rng.permutation(members)[: round(fraction * len(members))]] = True
    return X[~test], X[test], y[~test], y[test]
