"""The argument checks every public function of actbook uses: each rule, said once.

A check returns the value in its canonical form (``int``, ``float``, ``ndarray``) or
raises an error whose message names the parameter and what was expected:

- ``TypeError`` when the *kind* of value is wrong (a string for a number, a float
  for a count, ``None`` for an array);
- ``ValueError`` when the kind is right but the value is not (a negative count, a
  NaN rate, a probability of 1.5, a gradient of the wrong shape).

Rules
-----
Integers
    Python ``int`` and NumPy integers are accepted; ``bool`` is not a count, and
    neither is a float, even ``2.0`` (``2.5`` would otherwise be truncated silently).
Reals
    ``int``, ``float`` and NumPy integer and floating scalars are accepted; ``bool``,
    strings and ``None`` are not. Parameters must be finite unless a check says otherwise.
Arrays (the one dtype rule)
    Floating arrays keep their dtype (float16, float32, float64); integer and boolean
    arrays become float64; anything else (strings, objects, complex numbers) raises
    ``TypeError``. Results then follow NumPy's promotion: an activation function returns
    its input's dtype (its hyperparameters, PReLU's slope included, are scalars); the
    parameters of Dense, BatchNorm and LayerNorm are float64 arrays, so those layers
    return float64; a loss's gradient has the promoted dtype of prediction and target
    (integer labels are float64).
Random numbers
    A seed is a non-negative integer; a generator is a ``numpy.random.Generator``. Where
    a layer or activation takes ``rng=None``, it means seed 0: the same code gives the
    same numbers. Give layers that must draw independently (two Dropout layers) their
    own seeds or one shared generator.

Examples
--------
>>> positive_int(np.int64(3), "width")
3
>>> positive_int(2.5, "width")
Traceback (most recent call last):
...
TypeError: width must be a positive integer, got 2.5 (float)
>>> probability(float("nan"), "drop_probability")
Traceback (most recent call last):
...
ValueError: drop_probability must be in [0, 1), got nan
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

import numpy as np
from numpy.typing import ArrayLike

__all__ = [
    "as_generator",
    "boolean",
    "float_array",
    "finite_real",
    "generator",
    "integer",
    "make_rng",
    "nonnegative_real",
    "one_of",
    "positive_int",
    "positive_real",
    "probability",
    "real_in_range",
    "require_callable",
    "same_shape",
    "seed",
    "sequence",
]

T = TypeVar("T")


def _describe(value: Any) -> str:
    return f"{value!r} ({type(value).__name__})"


def _is_integer(value: Any) -> bool:
    return isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_)


def _is_real(value: Any) -> bool:
    return isinstance(value, int | float | np.integer | np.floating) and not isinstance(
        value, bool | np.bool_
    )


def _flag(value: Any, name: str) -> bool:
    """A setting of a check that must be ``True`` or ``False`` (cheap when it is)."""
    return value if value is True or value is False else boolean(value, name)


# --------------------------------------------------------------------------------------
# Integers
# --------------------------------------------------------------------------------------


def integer(value: Any, name: str, *, minimum: int | None = None) -> int:
    """Return ``value`` as an ``int``, at least ``minimum`` if given.

    Examples
    --------
    >>> integer(np.int32(0), "index", minimum=0)
    0
    >>> integer(-1, "repeats", minimum=0)
    Traceback (most recent call last):
    ...
    ValueError: repeats must be an integer >= 0, got -1
    >>> integer(True, "repeats")
    Traceback (most recent call last):
    ...
    TypeError: repeats must be an integer, got True (bool)
    """
    if minimum is not None and type(minimum) is not int:  # a NumPy integer, or a mistake
        minimum = integer(minimum, "minimum")
    expected = "an integer" if minimum is None else f"an integer >= {minimum}"
    if not _is_integer(value):
        raise TypeError(f"{name} must be {expected}, got {_describe(value)}")
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be {expected}, got {int(value)}")
    return int(value)


def positive_int(value: Any, name: str) -> int:
    """Return ``value`` as an ``int`` >= 1 (a size, a count, a number of steps).

    Examples
    --------
    >>> positive_int(4, "epochs")
    4
    >>> positive_int(0, "epochs")
    Traceback (most recent call last):
    ...
    ValueError: epochs must be a positive integer, got 0
    """
    if not _is_integer(value):
        raise TypeError(f"{name} must be a positive integer, got {_describe(value)}")
    if value < 1:
        raise ValueError(f"{name} must be a positive integer, got {int(value)}")
    return int(value)


def seed(value: Any, name: str = "seed") -> int:
    """Return a seed for ``numpy.random.default_rng``: a non-negative integer.

    Examples
    --------
    >>> seed(np.uint8(7))
    7
    >>> seed(-1)
    Traceback (most recent call last):
    ...
    ValueError: seed must be a non-negative integer, got -1
    """
    if not _is_integer(value):
        raise TypeError(f"{name} must be a non-negative integer, got {_describe(value)}")
    if value < 0:
        raise ValueError(f"{name} must be a non-negative integer, got {int(value)}")
    return int(value)


# --------------------------------------------------------------------------------------
# Reals
# --------------------------------------------------------------------------------------


def finite_real(value: Any, name: str) -> float:
    """Return ``value`` as a finite ``float``.

    Examples
    --------
    >>> finite_real(np.float32(0.5), "lr")
    0.5
    >>> finite_real("0.1", "lr")
    Traceback (most recent call last):
    ...
    TypeError: lr must be a real number, got '0.1' (str)
    >>> finite_real(float("inf"), "std")
    Traceback (most recent call last):
    ...
    ValueError: std must be finite, got inf
    """
    if not _is_real(value):
        raise TypeError(f"{name} must be a real number, got {_describe(value)}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    return value


def positive_real(value: Any, name: str) -> float:
    """Return ``value`` as a finite ``float`` > 0.

    Examples
    --------
    >>> positive_real(1e-5, "eps")
    1e-05
    >>> positive_real(0, "eps")
    Traceback (most recent call last):
    ...
    ValueError: eps must be a finite number > 0, got 0.0
    """
    if not _is_real(value):
        raise TypeError(f"{name} must be a finite number > 0, got {_describe(value)}")
    value = float(value)
    if not (math.isfinite(value) and value > 0):
        raise ValueError(f"{name} must be a finite number > 0, got {value}")
    return value


def nonnegative_real(value: Any, name: str) -> float:
    """Return ``value`` as a finite ``float`` >= 0 (a noise level, a standard deviation of 0).

    Examples
    --------
    >>> nonnegative_real(0, "noise")
    0.0
    >>> nonnegative_real(float("inf"), "noise")
    Traceback (most recent call last):
    ...
    ValueError: noise must be a finite number >= 0, got inf
    """
    if not _is_real(value):
        raise TypeError(f"{name} must be a finite number >= 0, got {_describe(value)}")
    value = float(value)
    if not (math.isfinite(value) and value >= 0):
        raise ValueError(f"{name} must be a finite number >= 0, got {value}")
    return value


def real_in_range(
    value: Any,
    name: str,
    low: float,
    high: float,
    *,
    include_low: bool = True,
    include_high: bool = True,
) -> float:
    """Return ``value`` as a ``float`` in the interval from ``low`` to ``high``.

    An infinite bound admits no infinite value: ``real_in_range(x, "x", 0, inf)``
    means a finite ``x >= 0``.

    Examples
    --------
    >>> real_in_range(0.9, "momentum", 0.0, 1.0, include_high=False)
    0.9
    >>> real_in_range(1.0, "momentum", 0.0, 1.0, include_high=False)
    Traceback (most recent call last):
    ...
    ValueError: momentum must be in [0, 1), got 1.0
    """
    low, high = _bound(low, "low"), _bound(high, "high")
    if low > high:
        raise ValueError(f"low must be <= high, got low={low:g} and high={high:g}")
    include_low = _flag(include_low, "include_low")
    include_high = _flag(include_high, "include_high")
    interval = f"{'[' if include_low else '('}{low:g}, {high:g}{']' if include_high else ')'}"
    if not _is_real(value):
        raise TypeError(f"{name} must be a real number in {interval}, got {_describe(value)}")
    value = float(value)
    above = value >= low if include_low else value > low
    below = value <= high if include_high else value < high
    if not (math.isfinite(value) and above and below):
        raise ValueError(f"{name} must be in {interval}, got {value}")
    return value


def _bound(value: Any, name: str) -> float:
    """A bound of :func:`real_in_range`: a real number, infinite if need be, not NaN."""
    if not _is_real(value):
        raise TypeError(f"{name} must be a real number, got {_describe(value)}")
    value = float(value)
    if math.isnan(value):
        raise ValueError(f"{name} must not be NaN")
    return value


def probability(value: Any, name: str, *, allow_one: bool = False) -> float:
    """Return a probability in [0, 1) (or [0, 1] with ``allow_one``).

    A drop probability of 1 would remove every unit, so it is refused by default.

    Examples
    --------
    >>> probability(np.float64(0.25), "drop_probability")
    0.25
    >>> probability(-0.1, "drop_probability")
    Traceback (most recent call last):
    ...
    ValueError: drop_probability must be in [0, 1), got -0.1
    """
    return real_in_range(value, name, 0.0, 1.0, include_high=_flag(allow_one, "allow_one"))


# --------------------------------------------------------------------------------------
# Everything else
# --------------------------------------------------------------------------------------


def sequence(
    values: Any, name: str, check: Callable[[Any, str], T], *, min_length: int = 1
) -> list[T]:
    """Return ``[check(value, f"{name}[i]") ...]``: a rule applied to every element.

    Strings, bytes and dicts are not sequences here; a NumPy array must be 1-d.

    Examples
    --------
    >>> sequence([2, np.int64(3)], "widths", positive_int)
    [2, 3]
    >>> sequence([2, 2.5], "widths", positive_int)
    Traceback (most recent call last):
    ...
    TypeError: widths[1] must be a positive integer, got 2.5 (float)
    >>> sequence([], "seeds", seed)
    Traceback (most recent call last):
    ...
    ValueError: seeds must not be empty
    """
    check = require_callable(check, "check")
    min_length = integer(min_length, "min_length", minimum=0)
    if isinstance(values, str | bytes | dict) or not isinstance(values, Iterable):
        raise TypeError(f"{name} must be a sequence, got {_describe(values)}")
    if isinstance(values, np.ndarray) and values.ndim != 1:
        raise ValueError(f"{name} must be a 1-d sequence, got an array of shape {values.shape}")
    checked = [check(value, f"{name}[{i}]") for i, value in enumerate(values)]
    if len(checked) < min_length:
        if min_length == 1:
            raise ValueError(f"{name} must not be empty")
        raise ValueError(f"{name} must have at least {min_length} entries, got {len(checked)}")
    return checked


def boolean(value: Any, name: str) -> bool:
    """Return ``value`` as a ``bool``; only ``True``, ``False`` and NumPy booleans pass.

    Examples
    --------
    >>> boolean(np.True_, "approximate")
    True
    >>> boolean(1, "approximate")
    Traceback (most recent call last):
    ...
    TypeError: approximate must be True or False, got 1 (int)
    """
    if not isinstance(value, bool | np.bool_):
        raise TypeError(f"{name} must be True or False, got {_describe(value)}")
    return bool(value)


def one_of(value: Any, name: str, choices: Iterable[T]) -> T:
    """Return ``value`` if it is one of ``choices``.

    Examples
    --------
    >>> one_of("bce", "loss", ["mse", "bce"])
    'bce'
    >>> one_of("sgd", "optimizer", ["adam"])
    Traceback (most recent call last):
    ...
    ValueError: optimizer must be one of ['adam'], got 'sgd'
    """
    if not isinstance(choices, Iterable):
        raise TypeError(f"choices must be an iterable, got {_describe(choices)}")
    choices = list(choices)
    try:
        found = value in choices
    except TypeError:  # unhashable or incomparable values are simply not choices
        found = False
    if not found:
        raise ValueError(f"{name} must be one of {choices}, got {value!r}")
    return value


def require_callable(value: Any, name: str) -> Callable[..., Any]:
    """Return ``value`` if it is callable.

    Examples
    --------
    >>> require_callable(None, "func")
    Traceback (most recent call last):
    ...
    TypeError: func must be callable, got None (NoneType)
    """
    if not callable(value):
        raise TypeError(f"{name} must be callable, got {_describe(value)}")
    return value


def make_rng(rng: Any = None, seed_value: Any = None) -> np.random.Generator:
    """Return ``rng``, or a fresh generator seeded by ``seed_value`` (0 if neither).

    For layers that take ``rng=`` or ``seed=``: pass one, not both.

    Examples
    --------
    >>> make_rng(seed_value=3).integers(10)
    np.int64(8)
    >>> make_rng(np.random.default_rng(), 1)
    Traceback (most recent call last):
    ...
    ValueError: pass rng or seed, not both
    """
    if rng is not None and seed_value is not None:
        raise ValueError("pass rng or seed, not both")
    if rng is None:
        return np.random.default_rng(0 if seed_value is None else seed(seed_value))
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator, got {_describe(rng)}")
    return rng


def generator(rng: Any, name: str = "rng") -> np.random.Generator:
    """Return ``rng`` if it is a ``numpy.random.Generator``; nothing else is accepted.

    For functions that draw from a generator the caller owns (the initializers).

    Examples
    --------
    >>> generator(None)
    Traceback (most recent call last):
    ...
    TypeError: rng must be a numpy.random.Generator (numpy.random.default_rng(seed)), got None (NoneType)
    """  # noqa: E501
    if not isinstance(rng, np.random.Generator):
        raise TypeError(
            f"{name} must be a numpy.random.Generator (numpy.random.default_rng(seed)), "
            f"got {_describe(rng)}"
        )
    return rng


def as_generator(rng: Any, name: str = "rng") -> np.random.Generator:
    """Return a generator from a ``numpy.random.Generator``, a seed, or ``None`` (seed 0).

    ``None`` means seed 0, not fresh entropy: the same code gives the same numbers.

    Examples
    --------
    >>> as_generator(5).integers(10) == np.random.default_rng(5).integers(10)
    np.True_
    >>> as_generator(1.5)
    Traceback (most recent call last):
    ...
    TypeError: rng must be a numpy.random.Generator, a non-negative integer seed or None, got 1.5 (float)
    """  # noqa: E501
    if rng is None:
        return np.random.default_rng(0)
    if isinstance(rng, np.random.Generator):
        return rng
    if not _is_integer(rng):
        raise TypeError(
            f"{name} must be a numpy.random.Generator, a non-negative integer seed or None, "
            f"got {_describe(rng)}"
        )
    return np.random.default_rng(seed(rng, name))


def float_array(
    value: ArrayLike,
    name: str,
    *,
    ndim: int | None = None,
    nonempty: bool = False,
    finite: bool = False,
) -> np.ndarray:
    """Return ``value`` as a floating array under the package's one dtype rule.

    Floating arrays keep their dtype; integers and booleans become float64; strings,
    objects, complex numbers and ``None`` raise ``TypeError``. The input is never
    modified (a floating array may be returned as it is, so do not write into it).

    Parameters
    ----------
    value : array_like
    name : str
        The parameter's name, for the error message.
    ndim : int, optional
        Required number of dimensions.
    nonempty : bool, default False
        Refuse an array with no elements.
    finite : bool, default False
        Refuse NaN and infinite entries.

    Examples
    --------
    >>> float_array([1, 2], "x")
    array([1., 2.])
    >>> float_array(np.ones(2, dtype=np.float32), "x").dtype
    dtype('float32')
    >>> float_array(["a"], "x")
    Traceback (most recent call last):
    ...
    TypeError: x must be an array of real numbers, got dtype <U1
    >>> float_array(np.ones(3), "X", ndim=2)
    Traceback (most recent call last):
    ...
    ValueError: X must be a 2-d array, got shape (3,)
    """
    if ndim is not None and not (type(ndim) is int and ndim >= 0):
        ndim = integer(ndim, "ndim", minimum=0)
    nonempty, finite = _flag(nonempty, "nonempty"), _flag(finite, "finite")
    if value is None:
        raise TypeError(f"{name} must be an array of real numbers, got None")
    try:
        array = np.asarray(value)
    except ValueError as error:  # ragged nested sequences
        raise ValueError(f"{name} must be a rectangular array of real numbers: {error}") from None
    if array.dtype.kind in "biu":
        array = array.astype(np.float64)
    elif array.dtype.kind != "f":
        raise TypeError(f"{name} must be an array of real numbers, got dtype {array.dtype}")
    if ndim is not None and array.ndim != ndim:
        raise ValueError(f"{name} must be a {ndim}-d array, got shape {array.shape}")
    if nonempty and array.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {array.shape}")
    if finite and not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must contain only finite numbers")
    return array


def _shape(shape: Any) -> tuple[int, ...]:
    """Return ``shape`` as a tuple of non-negative ints (itself when it already is one)."""
    if type(shape) is tuple and all(type(n) is int and n >= 0 for n in shape):
        return shape
    return tuple(
        sequence(shape, "shape", lambda n, name: integer(n, name, minimum=0), min_length=0)
    )


def same_shape(value: ArrayLike, name: str, shape: Sequence[int], reference: str) -> np.ndarray:
    """Return ``value`` as a float array of exactly ``shape``; never broadcast.

    ``reference`` says where ``shape`` comes from, for the message.

    Examples
    --------
    >>> same_shape(np.ones((1, 3)), "grad_output", (4, 3), "the output of the last forward")
    Traceback (most recent call last):
    ...
    ValueError: grad_output must have shape (4, 3) like the output of the last forward, got (1, 3)
    """  # noqa: E501
    shape = _shape(shape)
    array = float_array(value, name)
    if array.shape != shape:
        raise ValueError(f"{name} must have shape {shape} like {reference}, got {array.shape}")
    return array
