"""Weight initializers.

Every initializer has the signature ``init(shape, rng, **options) -> ndarray`` and
returns a float64 array; :func:`get_initializer` binds the options so that the
result only takes ``(shape, rng)``.

``shape`` is a tuple of positive integers (Python or NumPy), or one positive integer
``n`` for ``(n,)``; ``rng`` is a ``numpy.random.Generator`` (``zeros`` and ``constant``
ignore it, so it may be None there). A bad argument raises ``TypeError`` (wrong kind)
or ``ValueError`` (wrong value), naming the parameter.

Shape conventions (see :func:`fan_in_fan_out`):

- a dense weight matrix has shape ``(in_features, out_features)``, so
  ``fan_in = shape[0]`` and ``fan_out = shape[1]`` (``y = x @ W``);
- a convolution kernel has shape ``(out_channels, in_channels, *kernel_size)``,
  so ``fan_in = in_channels * prod(kernel_size)`` and
  ``fan_out = out_channels * prod(kernel_size)`` -- the PyTorch layout.

Variances, with ``n_in`` the fan-in and ``n_out`` the fan-out:

- ``uniform_fan_in``: U(-1/sqrt(n_in), 1/sqrt(n_in)), so Var = 1 / (3 n_in);
- ``xavier_uniform``, ``xavier_normal``: Var = 2 / (n_in + n_out) (Glorot & Bengio 2010);
- ``he_uniform``, ``he_normal``: Var = 2 / ((1 + a^2) n_in) (He et al. 2015);
- ``lecun_uniform``, ``lecun_normal``: Var = 1 / n_in (LeCun et al. 1998);
- ``orthogonal``: a random matrix with orthonormal columns (or rows), times ``gain``
  (Saxe et al. 2014); for a square matrix every entry has variance ``gain^2 / n``.

A uniform law on (-r, r) has variance r^2 / 3, so each uniform variant uses the
bound ``r = sqrt(3 Var)``.
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np

from actbook import validation

__all__ = [
    "INITIALIZERS",
    "Initializer",
    "constant",
    "fan_in_fan_out",
    "get_initializer",
    "he_normal",
    "he_uniform",
    "lecun_normal",
    "lecun_uniform",
    "normal",
    "orthogonal",
    "uniform_fan_in",
    "xavier_normal",
    "xavier_uniform",
    "zeros",
]

Initializer = Callable[..., np.ndarray]


def _check_shape(shape: Any) -> tuple[int, ...]:
    """Return ``shape`` as a tuple of ints >= 1; a single integer ``n`` means ``(n,)``."""
    entries = None
    if not isinstance(shape, str | bytes):
        try:
            entries = tuple(shape)
        except TypeError:  # not iterable: a single size, or not a shape at all
            try:
                return (validation.positive_int(shape, "shape"),)
            except TypeError:
                pass
    if entries is None:
        raise TypeError(
            f"shape must be a positive integer or a tuple of positive integers, "
            f"got {shape!r} ({type(shape).__name__})"
        )
    return tuple(validation.positive_int(n, f"shape[{i}]") for i, n in enumerate(entries))


def _check_unused_rng(rng: Any) -> None:
    """``zeros`` and ``constant`` ignore ``rng``, but it must still be one (or None)."""
    if rng is not None:
        validation.make_rng(rng)


def fan_in_fan_out(shape: tuple[int, ...]) -> tuple[int, int]:
    """Return ``(fan_in, fan_out)`` of a weight array.

    Parameters
    ----------
    shape : tuple of int
        ``(in_features, out_features)`` for a dense layer, or
        ``(out_channels, in_channels, *kernel_size)`` for a convolution kernel.

    Returns
    -------
    tuple of int
        The number of inputs and of outputs each weight connects.

    Examples
    --------
    >>> fan_in_fan_out((256, 128))
    (256, 128)
    >>> fan_in_fan_out((64, 3, 5, 5))  # 64 maps of 3 channels, 5 x 5 kernels
    (75, 1600)
    """
    shape = _check_shape(shape)
    if len(shape) < 2:
        raise ValueError(f"shape must have at least 2 dimensions, got {shape!r}")
    if len(shape) == 2:
        return shape[0], shape[1]
    receptive_field = math.prod(shape[2:])
    return shape[1] * receptive_field, shape[0] * receptive_field


def zeros(shape: tuple[int, ...], rng: np.random.Generator | None = None) -> np.ndarray:
    """Return an all-zero array (the usual bias init; ``rng`` is ignored).

    Examples
    --------
    >>> zeros((2, 3))
    array([[0., 0., 0.],
           [0., 0., 0.]])
    """
    shape = _check_shape(shape)
    _check_unused_rng(rng)
    return np.zeros(shape)


def constant(
    shape: tuple[int, ...], rng: np.random.Generator | None = None, *, value: float = 0.0
) -> np.ndarray:
    """Return an array filled with the finite number ``value`` (``rng`` is ignored).

    Every unit of a layer initialized this way computes the same function, and
    gradient descent keeps them identical: see :mod:`actbook.experiments.symmetry`.

    Examples
    --------
    >>> constant((2, 2), value=0.5)
    array([[0.5, 0.5],
           [0.5, 0.5]])
    """
    shape = _check_shape(shape)
    _check_unused_rng(rng)
    return np.full(shape, validation.finite_real(value, "value"))


def normal(
    shape: tuple[int, ...], rng: np.random.Generator, *, std: float = 0.01, mean: float = 0.0
) -> np.ndarray:
    """Draw from N(mean, std^2).

    ``std`` must be a finite number > 0 and ``mean`` a finite number.

    Examples
    --------
    >>> w = normal((1000, 100), np.random.default_rng(0), std=0.1)
    >>> round(float(w.std()), 2)
    0.1
    >>> normal((2, 2), np.random.default_rng(0), std=float("inf"))
    Traceback (most recent call last):
    ...
    ValueError: std must be a finite number > 0, got inf
    """
    shape = _check_shape(shape)
    rng = validation.generator(rng)
    std = validation.positive_real(std, "std")
    mean = validation.finite_real(mean, "mean")
    weights = rng.normal(mean, std, size=shape)
    if not np.all(np.isfinite(weights)):
        raise ValueError(f"std and mean are too large: N({mean}, {std}^2) draws overflow float64")
    return weights


def _uniform_std(shape: tuple[int, ...], rng: np.random.Generator, std: float) -> np.ndarray:
    bound = math.sqrt(3.0) * std
    return rng.uniform(-bound, bound, size=shape)


def uniform_fan_in(shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
    """Draw from U(-1/sqrt(d), 1/sqrt(d)) with d the fan-in.

    This is the "standard" initialization of Glorot & Bengio (2010); it gives
    ``d * Var(W) = 1/3``.

    Examples
    --------
    >>> w = uniform_fan_in((400, 300), np.random.default_rng(0))
    >>> bool(np.abs(w).max() <= 1 / 20)
    True
    >>> round(float(400 * w.var()), 2)
    0.33
    """
    shape = _check_shape(shape)
    rng = validation.generator(rng)
    fan_in, _ = fan_in_fan_out(shape)
    bound = 1.0 / math.sqrt(fan_in)
    return rng.uniform(-bound, bound, size=shape)


def xavier_uniform(shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
    """Draw from U(-r, r), r = sqrt(6 / (fan_in + fan_out)) (Glorot & Bengio 2010).

    Examples
    --------
    >>> w = xavier_uniform((300, 300), np.random.default_rng(0))
    >>> round(float(w.var() * 600 / 2), 2)
    1.0
    """
    shape = _check_shape(shape)
    rng = validation.generator(rng)
    fan_in, fan_out = fan_in_fan_out(shape)
    return _uniform_std(shape, rng, math.sqrt(2.0 / (fan_in + fan_out)))


def xavier_normal(shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
    """Draw from N(0, 2 / (fan_in + fan_out)) (Glorot & Bengio 2010).

    Examples
    --------
    >>> w = xavier_normal((300, 300), np.random.default_rng(0))
    >>> round(float(w.var() * 600 / 2), 2)
    1.0
    """
    shape = _check_shape(shape)
    rng = validation.generator(rng)
    fan_in, fan_out = fan_in_fan_out(shape)
    return rng.normal(0.0, math.sqrt(2.0 / (fan_in + fan_out)), size=shape)


def _he_std(shape: tuple[int, ...], negative_slope: Any) -> float:
    negative_slope = validation.finite_real(negative_slope, "negative_slope")
    fan_in, _ = fan_in_fan_out(shape)
    try:
        denominator = (1.0 + negative_slope**2) * fan_in
    except OverflowError:  # negative_slope**2 beyond float64
        denominator = math.inf
    if math.isfinite(denominator):
        return math.sqrt(2.0 / denominator)
    # the same standard deviation without squaring a huge slope
    return math.sqrt(2.0 / fan_in) / math.hypot(1.0, negative_slope)


def he_uniform(
    shape: tuple[int, ...], rng: np.random.Generator, *, negative_slope: float = 0.0
) -> np.ndarray:
    """Draw uniformly with variance 2 / ((1 + a^2) fan_in) (He et al. 2015).

    ``negative_slope`` is the slope ``a`` of a (P/Leaky)ReLU on the negative side, a
    finite number; ``a = 0`` is the ReLU case.

    Examples
    --------
    >>> w = he_uniform((500, 200), np.random.default_rng(0))
    >>> round(float(w.var() * 500 / 2), 2)
    1.0
    """
    shape = _check_shape(shape)
    rng = validation.generator(rng)
    return _uniform_std(shape, rng, _he_std(shape, negative_slope))


def he_normal(
    shape: tuple[int, ...], rng: np.random.Generator, *, negative_slope: float = 0.0
) -> np.ndarray:
    """Draw from N(0, 2 / ((1 + a^2) fan_in)) (He et al. 2015).

    Examples
    --------
    >>> w = he_normal((500, 200), np.random.default_rng(0), negative_slope=0.25)
    >>> round(float(w.var() * 500 * (1 + 0.25**2) / 2), 2)
    1.0
    """
    shape = _check_shape(shape)
    rng = validation.generator(rng)
    return rng.normal(0.0, _he_std(shape, negative_slope), size=shape)


def lecun_uniform(shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
    """Draw uniformly with variance 1 / fan_in (LeCun et al. 1998).

    Examples
    --------
    >>> w = lecun_uniform((500, 200), np.random.default_rng(0))
    >>> round(float(w.var() * 500), 2)
    1.0
    """
    shape = _check_shape(shape)
    rng = validation.generator(rng)
    fan_in, _ = fan_in_fan_out(shape)
    return _uniform_std(shape, rng, 1.0 / math.sqrt(fan_in))


def lecun_normal(shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
    """Draw from N(0, 1 / fan_in) (LeCun et al. 1998).

    Examples
    --------
    >>> w = lecun_normal((500, 200), np.random.default_rng(0))
    >>> round(float(w.var() * 500), 2)
    1.0
    """
    shape = _check_shape(shape)
    rng = validation.generator(rng)
    fan_in, _ = fan_in_fan_out(shape)
    return rng.normal(0.0, 1.0 / math.sqrt(fan_in), size=shape)


def orthogonal(
    shape: tuple[int, ...], rng: np.random.Generator, *, gain: float = 1.0
) -> np.ndarray:
    """Draw a random matrix with orthonormal columns or rows, times ``gain`` (Saxe et al. 2014).

    A dense weight of shape ``(n_in, n_out)`` with ``n_in >= n_out`` gets orthonormal
    columns, so ``x @ W`` keeps the norm of every ``x`` in the span of the columns; with
    ``n_in < n_out`` it gets orthonormal rows, so ``|x @ W| = |x|`` for every ``x``. A
    square matrix is orthogonal: a product of such matrices has every singular value
    equal to ``gain`` to the power of the number of factors. The matrix is Haar
    distributed: the Q factor of the QR decomposition of a standard normal matrix, its
    columns' signs fixed so that R has a positive diagonal (Mezzadri 2007). A
    convolution kernel ``(out_channels, in_channels, *kernel_size)`` is drawn as a
    matrix of ``out_channels`` rows, flattened over the rest, like PyTorch.

    Parameters
    ----------
    shape : tuple of int
        At least two dimensions.
    rng : numpy.random.Generator
    gain : float, default 1.0
        A finite number > 0 that multiplies the matrix.

    Examples
    --------
    >>> w = orthogonal((4, 4), np.random.default_rng(0))
    >>> bool(np.allclose(w.T @ w, np.eye(4)))
    True
    >>> tall = orthogonal((5, 3), np.random.default_rng(0), gain=2.0)
    >>> bool(np.allclose(tall.T @ tall, 4 * np.eye(3)))
    True
    >>> orthogonal((3,), np.random.default_rng(0))
    Traceback (most recent call last):
    ...
    ValueError: shape must have at least 2 dimensions, got (3,)
    >>> orthogonal((3, 3), np.random.default_rng(0), gain=0.0)
    Traceback (most recent call last):
    ...
    ValueError: gain must be a finite number > 0, got 0.0
    """
    shape = _check_shape(shape)
    rng = validation.generator(rng)
    gain = validation.positive_real(gain, "gain")
    if len(shape) < 2:
        raise ValueError(f"shape must have at least 2 dimensions, got {shape!r}")
    rows, columns = shape[0], math.prod(shape[1:])
    tall = rows >= columns
    gaussian = rng.standard_normal((rows, columns) if tall else (columns, rows))
    q, r = np.linalg.qr(gaussian)
    signs = np.sign(np.diag(r))
    signs[signs == 0] = 1.0
    q = q * signs  # a positive diagonal of R makes Q Haar distributed
    matrix = q if tall else q.T
    return (gain * matrix).reshape(shape)


INITIALIZERS: dict[str, Initializer] = {
    "zeros": zeros,
    "constant": constant,
    "normal": normal,
    "uniform_fan_in": uniform_fan_in,
    "xavier_uniform": xavier_uniform,
    "xavier_normal": xavier_normal,
    "glorot_uniform": xavier_uniform,
    "glorot_normal": xavier_normal,
    "he_uniform": he_uniform,
    "he_normal": he_normal,
    "kaiming_uniform": he_uniform,
    "kaiming_normal": he_normal,
    "lecun_uniform": lecun_uniform,
    "lecun_normal": lecun_normal,
    "orthogonal": orthogonal,
}
"""Initializers by name; ``glorot_*`` and ``kaiming_*`` are aliases."""


def get_initializer(name: str, **options: float) -> Callable[..., np.ndarray]:
    """Return the initializer ``name`` with ``options`` bound; call it as ``init(shape, rng)``.

    The options are checked here, so a bad one fails now rather than at the first draw.

    Parameters
    ----------
    name : str
        A key of :data:`INITIALIZERS`.
    **options
        Keyword options of that initializer, e.g. ``std`` for ``"normal"``.

    Raises
    ------
    TypeError
        If ``name`` is not a string, an option is not one of that initializer's, or an
        option value is of the wrong kind.
    ValueError
        If ``name`` is not a key of :data:`INITIALIZERS` or an option value is invalid.

    Examples
    --------
    >>> init = get_initializer("constant", value=2.0)
    >>> init((1, 3), np.random.default_rng(0))
    array([[2., 2., 2.]])
    >>> get_initializer("normal", std=-1.0)
    Traceback (most recent call last):
    ...
    ValueError: std must be a finite number > 0, got -1.0
    """
    names = sorted(INITIALIZERS)
    if not isinstance(name, str):
        raise TypeError(
            f"name must be a string, one of {names}, got {name!r} ({type(name).__name__})"
        )
    function = INITIALIZERS[validation.one_of(name, "name", names)]
    if not options:
        return function
    try:
        parameters = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):  # no signature to read: let the trial call decide
        parameters = None
    if parameters is not None:
        allowed = [p.name for p in parameters if p.kind is inspect.Parameter.KEYWORD_ONLY]
        for option in options:
            if option not in allowed:
                raise TypeError(
                    f"{option} is not an option of the initializer {name!r}; "
                    f"its options are {allowed}"
                )
    function((1, 1), np.random.default_rng(0), **options)  # a trial draw checks the values
    return partial(function, **options)
