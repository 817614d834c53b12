"""Timing and memory measurements with their spread.

The book states costs such as "the sigmoid costs k times ReLU" together with the
interquartile range of k, so a reader can tell a real difference from noise:

- :func:`time_callable` -- seconds per call: median and quartiles over repeats;
- :func:`time_ratio` -- the ratio of two callables' times, timed in interleaved pairs so
  that slow drifts of the machine (frequency scaling, other processes) cancel;
- :func:`peak_memory` -- peak bytes allocated during one call, via :mod:`tracemalloc`
  (NumPy reports its array buffers to it).
"""

from __future__ import annotations

import gc
import math
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from actbook import validation

__all__ = ["RatioTiming", "Timing", "peak_memory", "time_callable", "time_ratio"]

TARGET_REPEAT_SECONDS = 0.02
"""An automatically chosen ``number`` makes one repeat last at least this long."""


def _nonnegative_samples(samples: Any, name: str) -> tuple[float, ...]:
    """``samples`` as a non-empty tuple of finite floats >= 0 (times or ratios of times)."""
    array = validation.float_array(samples, name, ndim=1, nonempty=True, finite=True)
    if np.any(array < 0):
        raise ValueError(f"{name} must be numbers >= 0, got {array.tolist()}")
    return tuple(map(float, array))


def _summary(instance: Any) -> None:
    """Check and canonicalise the median, quartiles and samples of a frozen dataclass."""
    for name in ("median", "q1", "q3"):
        value = validation.nonnegative_real(getattr(instance, name), name)
        object.__setattr__(instance, name, value)
    object.__setattr__(instance, "samples", _nonnegative_samples(instance.samples, "samples"))


@dataclass(frozen=True)
class Timing:
    """Seconds per call of a timed callable.

    The times are finite and >= 0, ``samples`` is not empty and ``number >= 1``;
    anything else raises ``TypeError`` or ``ValueError``.

    Attributes
    ----------
    median, q1, q3 : float
        Median and quartiles of the per-call time over the repeats.
    samples : tuple of float
        The per-call time of every repeat, in order.
    number : int
        Calls per repeat.

    Examples
    --------
    >>> t = Timing.from_samples([3.0, 1.0, 2.0], number=10)
    >>> t.median, t.q1, t.q3
    (2.0, 1.5, 2.5)
    """

    median: float
    q1: float
    q3: float
    samples: tuple[float, ...]
    number: int

    def __post_init__(self) -> None:
        _summary(self)
        object.__setattr__(self, "number", validation.positive_int(self.number, "number"))

    @classmethod
    def from_samples(cls, samples: Any, number: int) -> Timing:
        """Summarise per-call times by their median and quartiles.

        ``samples`` is a non-empty 1-d sequence of finite times >= 0, ``number`` an
        integer >= 1.
        """
        samples = _nonnegative_samples(samples, "samples")
        number = validation.positive_int(number, "number")
        q1, median, q3 = np.percentile(samples, [25, 50, 75])
        return cls(float(median), float(q1), float(q3), samples, number)


@dataclass(frozen=True)
class RatioTiming:
    """The ratio time(f) / time(g), one sample per interleaved pair of repeats.

    The ratios are finite and >= 0 and ``samples`` is not empty.

    Attributes
    ----------
    median, q1, q3 : float
        Median and quartiles of the paired ratios.
    samples : tuple of float
        The ratio of every pair, in order.
    first, second : Timing
        The times of f and of g.

    Examples
    --------
    >>> f = Timing.from_samples([2.0, 4.0, 6.0], number=1)
    >>> g = Timing.from_samples([1.0, 1.0, 2.0], number=1)
    >>> r = RatioTiming.from_timings(f, g)
    >>> r.samples, r.median
    ((2.0, 4.0, 3.0), 3.0)
    """

    median: float
    q1: float
    q3: float
    samples: tuple[float, ...]
    first: Timing
    second: Timing

    def __post_init__(self) -> None:
        _summary(self)
        for name in ("first", "second"):
            if not isinstance(getattr(self, name), Timing):
                raise TypeError(
                    f"{name} must be a Timing, got {type(getattr(self, name)).__name__}"
                )

    @classmethod
    def from_timings(cls, first: Timing, second: Timing) -> RatioTiming:
        """Pair the repeats of two timings and summarise their ratios.

        Both must have the same number of samples, and ``second`` no zero time.
        """
        for name, timing in (("first", first), ("second", second)):
            if not isinstance(timing, Timing):
                raise TypeError(f"{name} must be a Timing, got {type(timing).__name__}")
        if len(first.samples) != len(second.samples):
            raise ValueError(
                f"first and second must have as many samples, got {len(first.samples)} "
                f"and {len(second.samples)}"
            )
        if min(second.samples) <= 0:
            raise ValueError("second must have times > 0 to divide by, got a time of 0")
        ratios = np.asarray(first.samples) / np.asarray(second.samples)
        q1, median, q3 = np.percentile(ratios, [25, 50, 75])
        return cls(float(median), float(q1), float(q3), tuple(map(float, ratios)), first, second)


def _check_counts(repeats: Any, number: Any) -> tuple[int, int | None]:
    """``repeats`` >= 3 (the quartiles need a few); ``number`` None or >= 1."""
    repeats = validation.integer(repeats, "repeats", minimum=3)
    return repeats, None if number is None else validation.positive_int(number, "number")


def _run(func: Callable[..., Any], args: tuple, number: int) -> float:
    """Seconds for ``number`` calls, with the garbage collector off (as :mod:`timeit`)."""
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        start = time.perf_counter()
        for _ in range(number):
            func(*args)
        return time.perf_counter() - start
    finally:
        if gc_was_enabled:
            gc.enable()


def _auto_number(func: Callable[..., Any], args: tuple) -> int:
    """Smallest tried ``number`` whose repeat takes at least TARGET_REPEAT_SECONDS."""
    number = 1
    while True:
        elapsed = _run(func, args, number)
        if elapsed >= TARGET_REPEAT_SECONDS:
            return number
        # aim 20 % past the target, but grow at most tenfold per try
        estimate = math.ceil(number * 1.2 * TARGET_REPEAT_SECONDS / max(elapsed, 1e-9))
        number = max(number + 1, min(10 * number, estimate))


def time_callable(
    func: Callable[..., Any], *args: Any, repeats: int = 25, number: int | None = None
) -> Timing:
    """Time ``func(*args)``: seconds per call over ``repeats`` repeats.

    Parameters
    ----------
    func : callable
        What to time.
    *args
        Its arguments.
    repeats : int, default 25
        Number of repeats, >= 3 (the quartiles need a few).
    number : int, optional
        Calls per repeat, >= 1; by default the smallest count found whose repeat lasts at least
        20 ms, so the clock's resolution does not matter.

    Returns
    -------
    Timing

    Examples
    --------
    >>> t = time_callable(sum, range(1000), repeats=5)
    >>> len(t.samples), t.q1 <= t.median <= t.q3, t.number * t.median >= 0.01
    (5, True, True)
    """
    func = validation.require_callable(func, "func")
    repeats, number = _check_counts(repeats, number)
    if number is None:
        number = _auto_number(func, args)
    samples = [_run(func, args, number) / number for _ in range(repeats)]
    return Timing.from_samples(samples, number)


def time_ratio(
    f: Callable[..., Any],
    g: Callable[..., Any],
    *args: Any,
    repeats: int = 25,
    number: int | None = None,
) -> RatioTiming:
    """Time ``f(*args) / g(*args)`` from interleaved pairs of repeats.

    Repeats alternate f, g, g, f, f, g, ... so neither function is systematically timed
    first; each pair gives one ratio.

    Parameters
    ----------
    f, g : callable
        The two callables; the result is the cost of f in units of g.
    *args
        Arguments passed to both.
    repeats : int, default 25
        Number of pairs, >= 3.
    number : int, optional
        Calls per repeat for both, >= 1; by default chosen for each as in :func:`time_callable`.

    Returns
    -------
    RatioTiming

    Examples
    --------
    >>> r = time_ratio(sum, sum, range(1000), repeats=5)
    >>> len(r.samples), 0.5 < r.median < 2.0
    (5, True)
    """
    f = validation.require_callable(f, "f")
    g = validation.require_callable(g, "g")
    repeats, number = _check_counts(repeats, number)
    number_f = number or _auto_number(f, args)
    number_g = number or _auto_number(g, args)
    times_f, times_g = [], []
    for pair in range(repeats):
        if pair % 2 == 0:
            times_f.append(_run(f, args, number_f) / number_f)
            times_g.append(_run(g, args, number_g) / number_g)
        else:
            times_g.append(_run(g, args, number_g) / number_g)
            times_f.append(_run(f, args, number_f) / number_f)
    return RatioTiming.from_timings(
        Timing.from_samples(times_f, number_f), Timing.from_samples(times_g, number_g)
    )


def peak_memory(func: Callable[..., Any], *args: Any) -> int:
    """Peak bytes allocated while ``func(*args)`` runs, its result included.

    Measured with :mod:`tracemalloc`, relative to the memory traced before the call, so the
    arguments do not count. NumPy reports its array buffers to tracemalloc.

    Examples
    --------
    >>> x = np.zeros(100_000)
    >>> peak_memory(np.negative, x) >= x.nbytes  # a new output array
    True
    >>> peak_memory(lambda: np.negative(x, out=x)) < x.nbytes // 100  # in place
    True
    """
    func = validation.require_callable(func, "func")
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        baseline, _ = tracemalloc.get_traced_memory()
        result = func(*args)
        _, peak = tracemalloc.get_traced_memory()
        del result
    finally:
        if not was_tracing:
            tracemalloc.stop()
    return peak - baseline
