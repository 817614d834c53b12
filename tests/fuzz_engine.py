"""The machinery of the fuzz suite: parameter kinds, cases, and the outcome of one call.

A *kind* (:class:`Count`, :class:`Real`, :class:`Array`, ...) says what a parameter
accepts. From a valid value it generates bad ones -- wrong types, NaN and infinities,
NumPy scalars, empty and 0-d arrays, wrong shapes, out-of-range values -- each with the
outcome the package's rules (``actbook.validation``) require:

- ``Expect.TYPE`` / ``Expect.VALUE``: refused with that exception, the message naming the
  parameter (wrong kind of value -> TypeError, right kind but wrong value -> ValueError);
- ``Expect.ACCEPT``: a correct result (NumPy scalars where a Python number is accepted);
- ``Expect.EITHER``: a correct result, or a TypeError/ValueError naming the parameter.

A :class:`Spec` gives a callable's valid arguments, a kind per parameter and a ``check``
of a returned result against an independent computation. :func:`run_case` makes one
call and lists every problem: another exception type, a message that does not name the
parameter, any warning, a mutated input, a wrong result, a valid value refused, a bad
value accepted, a call still running after the time limit (arguments not checked before
the work starts).
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import enum
import functools
import inspect
import json
import math
import re
import signal
import threading
import time
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

# --------------------------------------------------------------------------------------
# Cases
# --------------------------------------------------------------------------------------


class _Missing:
    def __repr__(self) -> str:
        return "<missing>"


NO = _Missing()
"""No value: a case without an equivalent call, a parameter left at its default."""


class Expect(enum.Enum):
    TYPE = "TypeError"
    VALUE = "ValueError"
    ERROR = "TypeError or ValueError"
    LOOKUP = "KeyError (documented), TypeError or ValueError"
    ACCEPT = "a correct result"
    EITHER = "a correct result, or TypeError/ValueError"


REFUSED = {
    Expect.TYPE: (TypeError,),
    Expect.VALUE: (ValueError,),
    Expect.ERROR: (TypeError, ValueError),
    Expect.LOOKUP: (KeyError, TypeError, ValueError),
    Expect.EITHER: (TypeError, ValueError),
    Expect.ACCEPT: (),
}
MUST_REFUSE = {Expect.TYPE, Expect.VALUE, Expect.ERROR, Expect.LOOKUP}
TYPE, VALUE, ERROR, ACCEPT, EITHER = (
    Expect.TYPE,
    Expect.VALUE,
    Expect.ERROR,
    Expect.ACCEPT,
    Expect.EITHER,
)


@dataclasses.dataclass(frozen=True, eq=False)
class Case:
    """One call: the baseline arguments with ``param`` set to ``value``."""

    param: str
    label: str
    value: Any
    expect: Expect
    same_as: Any = NO  # ACCEPT: the call with this value instead must give the same result
    mention: tuple[str, ...] = ()  # what the message must contain besides the name
    names: tuple[str, ...] | None = None  # names that count as naming the parameter
    args: dict[str, Any] | None = None  # other arguments this case changes
    small: bool = False  # use the spec's small arguments (experiments)


def case(label: str, value: Any, expect: Expect, same_as: Any = NO, **more: Any) -> Case:
    """A case for a parameter not yet known (a kind's case; the spec fills ``param``)."""
    return Case("", label, value, expect, same_as, **more)


# --------------------------------------------------------------------------------------
# Kinds of parameters
# --------------------------------------------------------------------------------------


class Kind:
    """What a parameter accepts; subclasses generate its cases."""

    example: Any = NO  # a valid value when the baseline leaves the parameter out

    def cases(self, base: Any, args: dict[str, Any], slow: bool) -> list[Case]:
        raise NotImplementedError

    def strategy(self, base: Any, args: dict[str, Any]) -> st.SearchStrategy[Case] | None:
        """Hypothesis strategy of cases with their expected outcome (None: no fuzzing)."""
        return None


class Fixed(Kind):
    """An explicit list of cases, for parameters of their own kind (models, mappings)."""

    def __init__(self, *cases: Case, example: Any = NO) -> None:
        self._cases = list(cases)
        self.example = example

    def cases(self, base, args, slow):
        return list(self._cases)


class Count(Kind):
    """An integer >= ``minimum``: Python and NumPy integers, not bool, not float."""

    def __init__(self, minimum: int = 1, *, none: bool = False, example: int | None = None):
        self.minimum = minimum
        self.none = none
        self.example = max(minimum, 2) if example is None else example

    def expect(self, value: Any) -> tuple[Expect, Any]:
        if isinstance(value, bool | np.bool_) or not isinstance(value, int | np.integer):
            return (ACCEPT, NO) if value is None and self.none else (TYPE, NO)
        return (ACCEPT, int(value)) if value >= self.minimum else (VALUE, NO)

    def cases(self, base, args, slow):
        base = self.example if base is None or base is NO else int(base)
        out = [
            case("float", base + 0.5, TYPE),
            case("integral float", float(base), TYPE),
            case("np.float64", np.float64(base), TYPE),
            case("bool", True, TYPE),
            case("str", str(base), TYPE),
            case("None", None, ACCEPT if self.none else TYPE),
            case("complex", complex(base), TYPE),
            case(f"{self.minimum - 1} (below the minimum)", self.minimum - 1, VALUE),
            case("np.int64", np.int64(base), ACCEPT, base),
            case("np.int32", np.int32(base), ACCEPT, base),
        ]
        if self.minimum - 1 > -1:
            out.append(case("-1", -1, VALUE))
        if 0 <= base < 256:
            out.append(case("np.uint8", np.uint8(base), ACCEPT, base))
        return out

    def strategy(self, base, args):
        base = self.example if base is None or base is NO else int(base)
        ints = st.integers(self.minimum - 3, max(base, self.minimum) + 2)
        numpy_ints = st.tuples(
            st.sampled_from([np.int8, np.int16, np.int32, np.int64, np.uint16, np.uint64]), ints
        ).filter(lambda p: p[1] >= 0 or not issubclass(p[0], np.unsignedinteger))
        values = st.one_of(
            ints,
            numpy_ints.map(lambda p: p[0](p[1])),
            st.floats(),
            st.booleans(),
            st.text(max_size=3),
            st.none(),
            st.sampled_from([np.float32(2.0), np.bool_(True), complex(2, 0), [2], (2,)]),
        )
        return values.map(lambda v: case(f"{v!r}", v, *self.expect(v)))


class Seed(Count):
    """A seed: an integer >= 0 (``None`` where the default is None)."""

    def __init__(self, *, none: bool = False, example: int = 0) -> None:
        super().__init__(0, none=none, example=example)


class Real(Kind):
    """A real number (int, float, NumPy scalar; not bool, str, None) in an interval."""

    def __init__(
        self,
        low: float = -math.inf,
        high: float = math.inf,
        *,
        include_low: bool = True,
        include_high: bool = True,
        allow_inf: bool = False,
        none: bool = False,
        example: float | None = None,
    ) -> None:
        self.low, self.high = low, high
        self.include_low, self.include_high = include_low, include_high
        self.allow_inf = allow_inf
        self.none = none
        if example is None:
            example = 0.5 if low >= 0 and high <= 1 else (1.0 if low >= 0 else 0.5)
        self.example = example

    def valid(self, x: float) -> bool:
        if math.isnan(x) or (math.isinf(x) and not self.allow_inf):
            return False
        above = x >= self.low if self.include_low else x > self.low
        below = x <= self.high if self.include_high else x < self.high
        return above and below

    def expect(self, value: Any) -> tuple[Expect, Any]:
        real = (int, float, np.integer, np.floating)
        if isinstance(value, bool | np.bool_) or not isinstance(value, real):
            return (ACCEPT, NO) if value is None and self.none else (TYPE, NO)
        return (ACCEPT, float(value)) if self.valid(float(value)) else (VALUE, NO)

    def cases(self, base, args, slow):
        base = self.example if base is None or base is NO else float(base)
        out = [
            case("str", str(base), TYPE),
            case("None", None, ACCEPT if self.none else TYPE),
            case("bool", True, TYPE),
            case("complex", complex(base, 1.0), TYPE),
            case("list", [base], TYPE),
        ]
        for label, value in (("nan", math.nan), ("inf", math.inf), ("-inf", -math.inf)):
            out.append(case(label, value, ACCEPT if self.valid(value) else VALUE))
        if math.isfinite(self.low):
            out.append(case(f"{self.low:g} (the lower bound)", self.low, self.expect(self.low)[0]))
            below = self.low - max(1.0, abs(self.low))
            out.append(case(f"{below:g} (below)", below, VALUE))
        if math.isfinite(self.high):
            out.append(
                case(f"{self.high:g} (the upper bound)", self.high, self.expect(self.high)[0])
            )
            above = self.high + max(0.5, abs(self.high) / 2)
            out.append(case(f"{above:g} (above)", above, VALUE))
        elif not math.isfinite(self.low) and not slow:
            out.append(case("1e300", 1e300, EITHER))
        out.append(case("np.float64", np.float64(base), ACCEPT, base))
        as_float32 = float(np.float32(base))
        if self.valid(as_float32):
            out.append(case("np.float32", np.float32(base), ACCEPT, as_float32))
        for integer in (round(base), math.ceil(self.low + 1e-9) if math.isfinite(self.low) else 1):
            if self.valid(float(integer)):
                out.append(case(f"int {integer}", integer, ACCEPT, float(integer)))
                out.append(case(f"np.int64({integer})", np.int64(integer), ACCEPT, float(integer)))
                break
        return out

    def strategy(self, base, args):
        lo = self.low if math.isfinite(self.low) else -10.0
        hi = self.high if math.isfinite(self.high) else 10.0
        near = st.floats(lo - 2.0, hi + 2.0)
        values = st.one_of(
            near,
            st.sampled_from([math.nan, math.inf, -math.inf, self.low, self.high]),
            st.integers(int(lo) - 2, int(hi) + 2),
            near.map(np.float64),
            near.map(np.float32),
            st.integers(int(lo) - 2, int(hi) + 2).map(np.int64),
            st.booleans(),
            st.text(max_size=3),
            st.none(),
        )
        return values.map(lambda v: case(f"{v!r}", v, *self.expect(v)))


def Probability(**kw: Any) -> Real:  # noqa: N802 - reads like a kind
    return Real(0.0, 1.0, include_high=False, **kw)


def PositiveReal(**kw: Any) -> Real:  # noqa: N802
    return Real(0.0, include_low=False, **kw)


def NonNegative(**kw: Any) -> Real:  # noqa: N802
    return Real(0.0, **kw)


class Boolean(Kind):
    """``True`` or ``False`` (NumPy booleans too); not 0/1, not strings."""

    example = False

    def __init__(self, *, example: bool = False) -> None:
        self.example = example

    def expect(self, value: Any) -> tuple[Expect, Any]:
        return (ACCEPT, bool(value)) if isinstance(value, bool | np.bool_) else (TYPE, NO)

    def cases(self, base, args, slow):
        base = self.example if base is NO else bool(base)
        return [
            case("int 1", 1, TYPE),
            case("int 0", 0, TYPE),
            case("str", "True", TYPE),
            case("None", None, TYPE),
            case("float", 1.0, TYPE),
            case("np.bool_", np.bool_(base), ACCEPT, base),
            case(f"{not base}", not base, ACCEPT),
        ]

    def strategy(self, base, args):
        values = st.one_of(
            st.booleans(),
            st.booleans().map(np.bool_),
            st.integers(-1, 2),
            st.text(max_size=4),
            st.none(),
            st.floats(0, 1),
        )
        return values.map(lambda v: case(f"{v!r}", v, *self.expect(v)))


class Choice(Kind):
    """One of a few strings; anything else is refused (ValueError for unknown strings)."""

    def __init__(
        self, choices: Any, *, none: bool = False, alternatives: Any = None, callable_ok=False
    ) -> None:
        self.choices = list(choices)
        self.none = none
        self.alternatives = self.choices if alternatives is None else list(alternatives)
        self.callable_ok = callable_ok
        self.example = self.choices[0]

    def cases(self, base, args, slow):
        out = [
            case("unknown name", "no_such_name", VALUE),
            case("empty string", "", VALUE),
            case("None", None, ACCEPT if self.none else ERROR),
            case("int", 1, ERROR if not self.callable_ok else TYPE),
            case("list", [self.choices[0]], ERROR if not self.callable_ok else TYPE),
        ]
        upper = str(self.choices[0]).upper()
        if upper not in self.choices:
            out.append(case("upper case", upper, VALUE))
        if not slow:
            out += [case(f"{c!r}", c, ACCEPT) for c in self.alternatives if c != base]
            out.append(case("np.str_", np.str_(self.example), ACCEPT, self.example))
        return out


class Activation(Kind):
    """An activation name or an ``actbook.activations.Activation`` instance."""

    def __init__(self, *, none: bool = False, example: str = "tanh") -> None:
        self.none = none
        self.example = example

    def cases(self, base, args, slow):
        from actbook import activations

        out = [
            case("unknown name", "swish", VALUE),
            case("None", None, ACCEPT if self.none else TYPE),
            case("int", 1, TYPE),
            case("class, not instance", activations.Sigmoid, TYPE),
            case("object()", object(), TYPE),
        ]
        if not slow:
            name = base if isinstance(base, str) else self.example
            out += [
                case("np.str_", np.str_(name), ACCEPT, name),
                case("instance", activations.get_activation(name), ACCEPT),
            ]
        return out


def _init_wrong_shape(shape, rng):
    return np.ones(3)


def _init_nan(shape, rng):
    return np.full(shape, np.nan)


def _init_strings(shape, rng):
    return np.full(shape, "w")


class Init(Kind):
    """A weight initializer: a name of ``actbook.init.INITIALIZERS`` or ``init(shape, rng)``."""

    def __init__(self, *, none: bool = False, extra_names: tuple[str, ...] = ()) -> None:
        self.none = none
        self.extra_names = extra_names
        self.example = "xavier_uniform"

    def cases(self, base, args, slow):
        out = [
            case("unknown name", "no_such_init", VALUE),
            case("None", None, ACCEPT if self.none else TYPE),
            case("int", 1, TYPE),
            case("callable returning shape (3,)", _init_wrong_shape, VALUE),
            case("callable returning NaN", _init_nan, VALUE),
            case("callable returning strings", _init_strings, TYPE),
        ]
        if not slow:
            out += [case(f"{name!r}", name, ACCEPT) for name in ("he_normal", *self.extra_names)]
        return out


class Generator(Kind):
    """A ``numpy.random.Generator`` (``None`` too where it is optional)."""

    def __init__(self, *, none: bool = False) -> None:
        self.none = none
        self.example = None if none else np.random.default_rng(0)

    def cases(self, base, args, slow):
        return [
            case("int seed", 0, TYPE),
            case("str", "rng", TYPE),
            case("None", None, ACCEPT if self.none else TYPE),
            case("RandomState", np.random.RandomState(0), TYPE),  # noqa: NPY002
            case("Generator", np.random.default_rng(1), ACCEPT),
        ]


class RngOrSeed(Kind):
    """A Generator, a non-negative integer seed, or None (a fresh generator)."""

    example = 0

    def cases(self, base, args, slow):
        return [
            case("float", 1.5, TYPE),
            case("integral float", 1.0, TYPE),
            case("str", "0", TYPE),
            case("bool", True, TYPE),
            case("-1", -1, VALUE),
            case("RandomState", np.random.RandomState(0), TYPE),  # noqa: NPY002
            case("np.int64", np.int64(3), ACCEPT, 3),
            case("Generator", np.random.default_rng(0), ACCEPT),
            case("None", None, ACCEPT),
        ]


class CallableArg(Kind):
    """Something callable."""

    def __init__(self, *, none: bool = False, example: Any = NO) -> None:
        self.none = none
        self.example = example

    def cases(self, base, args, slow):
        return [
            case("None", None, ACCEPT if self.none else TYPE),
            case("int", 1, TYPE),
            case("str", "f", TYPE),
        ]


class Text(Kind):
    """A string."""

    example = "text"

    def cases(self, base, args, slow):
        return [case("None", None, TYPE), case("int", 5, TYPE), case("bytes", b"text", TYPE)]


def _resized(base: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    if math.prod(shape) == 0 or base.size == 0:
        return np.zeros(shape)
    return np.resize(base, shape).astype(np.float64)


ANY_DTYPES = (np.float16, np.float32, np.float64, np.int8, np.int64, np.uint8, np.bool_)
BAD_DTYPES = (np.complex64, np.complex128, np.dtype("U2"), np.dtype("S2"), np.dtype("m8[s]"))


def moderate(dtype: np.dtype) -> st.SearchStrategy:
    """Element values of magnitude up to 1e3 in ``dtype``."""
    dtype = np.dtype(dtype)
    if dtype.kind == "b":
        return st.booleans()
    if dtype.kind in "iu":
        return st.integers(0 if dtype.kind == "u" else -100, 100)
    return st.floats(-1e3, 1e3, width=8 * dtype.itemsize)


def any_float(dtype: np.dtype) -> st.SearchStrategy:
    """Any element value of ``dtype``: NaN, infinities, extremes and subnormals included."""
    dtype = np.dtype(dtype)
    if dtype.kind == "f":
        return hnp.from_dtype(dtype)
    return moderate(dtype)


def finite_float(dtype: np.dtype) -> st.SearchStrategy:
    """Any finite element value of ``dtype``, extremes included."""
    dtype = np.dtype(dtype)
    if dtype.kind == "f":
        return hnp.from_dtype(dtype, allow_nan=False, allow_infinity=False)
    return moderate(dtype)


def from_values(*values: float) -> Callable[[np.dtype], st.SearchStrategy]:
    """Elements drawn from ``values``, those the array's dtype can hold."""

    def elements(dtype: np.dtype) -> st.SearchStrategy:
        kind = np.dtype(dtype).kind
        if kind == "b":
            return st.sampled_from([bool(v) for v in values if v in (0, 1)])
        if kind in "iu":
            return st.sampled_from([int(v) for v in values if v == int(v) and v >= 0])
        return st.sampled_from(values)

    return elements


class Array(Kind):
    """An array of real numbers under the one dtype rule, of the shapes ``valid`` allows.

    ``valid(shape, args)`` says which shapes are right given the other arguments; the
    cases try 0-d and empty arrays, an extra axis, a broadcastable row or column, a
    transposed or flattened array, other dtypes, nested lists, NaN and infinities.
    """

    def __init__(
        self,
        valid: Callable[[tuple[int, ...], dict[str, Any]], bool] | None = None,
        *,
        nonfinite: Expect = EITHER,
        extreme: Expect | None = None,
        exact: Callable[[dict[str, Any]], tuple[int, ...]] | None = None,
        elements: Callable[[np.dtype], st.SearchStrategy] = moderate,
        shapes: st.SearchStrategy | None = None,
        dtypes: tuple = ANY_DTYPES,
        none: bool = False,
        example: Any = NO,
    ) -> None:
        self.valid = valid or (lambda shape, args: True)
        self.nonfinite = nonfinite
        self.extreme = extreme
        self.exact = exact  # the one right shape: messages must give it and the wrong one
        self.elements = elements
        self.shapes = shapes
        self.dtypes = dtypes
        self.none = none
        self.example = example

    def _variants(self, base: np.ndarray) -> dict[str, tuple[int, ...]]:
        shape = base.shape
        out: dict[str, tuple[int, ...]] = {"0-d": ()}
        if base.ndim == 0:
            out.update({"1-d": (1,), "empty": (0,), "2-d": (1, 1)})
            return out
        out["empty"] = (0, *shape[1:])
        out["extra leading axis"] = (1, *shape)
        out["one more on the last axis"] = (*shape[:-1], shape[-1] + 1)
        if shape[0] > 1:
            out["one row (broadcastable)"] = (1, *shape[1:])
        if shape[0] >= 2 and shape[0] % 2 == 0:
            out["same size, other shape"] = (2, shape[0] // 2, *shape[1:])
        if base.ndim == 1:
            out["column"] = (shape[0], 1)
        else:
            out["last axis empty"] = (*shape[:-1], 0)
            out["flattened"] = (base.size,)
            out["last axis only (broadcastable)"] = shape[-1:]
            if shape[-1] > 1:
                out["one column (broadcastable)"] = (*shape[:-1], 1)
            if shape != shape[::-1]:
                out["transposed"] = shape[::-1]
        return {label: s for label, s in out.items() if s != shape}

    def _shape_case(self, label, value, shape, args) -> Case:
        if self.valid(shape, args):
            return case(label, value, ACCEPT)
        mention = (str(tuple(self.exact(args))), str(shape)) if self.exact else ()
        return case(label, value, VALUE, mention=mention)

    def cases(self, base, args, slow):
        if base is None or base is NO:
            base = self.example
        b = np.asarray(base, dtype=np.float64)
        out = [
            case("None", None, ACCEPT if self.none else TYPE),
            case("str", "abc", TYPE),
            case("complex dtype", b.astype(np.complex128), TYPE),
            case("object dtype", b.astype(object), TYPE),
            case("ragged nested list", [[1.0, 2.0], [3.0]], VALUE),
        ]
        if b.ndim:
            out.append(case("nested list of str", np.full(b.shape, "a").tolist(), TYPE))
        for label, shape in self._variants(b).items():
            out.append(self._shape_case(label, _resized(b, shape), shape, args))
        first = float(b.flat[0]) if b.size else 0.5
        out.append(self._shape_case("Python float", first, (), args))
        out.append(self._shape_case("np.float64 scalar", np.float64(first), (), args))
        if self.valid(b.shape, args):
            rounded = np.round(b)
            read_only = b.copy()
            read_only.flags.writeable = False
            out += [
                case("integer dtype", rounded.astype(np.int64), ACCEPT, rounded),
                case("boolean dtype", b != 0, ACCEPT, (b != 0).astype(np.float64)),
                case("float32", b.astype(np.float32), ACCEPT),
                case("read-only", read_only, ACCEPT, b),
            ]
            if b.ndim:
                out.append(case("nested list", b.tolist(), ACCEPT, b))
            if b.size:
                for label, value in (("NaN", np.nan), ("inf", np.inf), ("-inf", -np.inf)):
                    changed = b.copy()
                    changed.flat[0] = value
                    out.append(case(f"contains {label}", changed, self.nonfinite))
                if self.extreme is not None:
                    for value in (1e300, -1e300, 1.7e308, -1.7e308):
                        changed = b.copy()
                        changed.flat[0] = value
                        out.append(case(f"contains {value:g}", changed, self.extreme))
        return out

    def strategy(self, base, args):
        if base is None or base is NO:
            base = self.example
        b = np.asarray(base, dtype=np.float64)
        if self.shapes is not None:
            shapes = self.shapes
        else:
            valid = [b.shape] + [s for s in self._variants(b).values() if self.valid(s, args)]
            shapes = st.sampled_from(valid)

        @st.composite
        def good(draw) -> Case:
            dtype = np.dtype(draw(st.sampled_from(self.dtypes)))
            shape = draw(shapes)
            values = draw(hnp.arrays(dtype, shape, elements=self.elements(dtype)))
            label = f"array({values.tolist()!r}, dtype={dtype})"
            return self._shape_case(_short(label, 160), values, shape, args)

        bad = st.sampled_from(BAD_DTYPES).map(
            lambda dtype: case(f"dtype {np.dtype(dtype)}", b.astype(dtype), TYPE)
        )
        return st.one_of(good(), bad) if b.size else good()


class Shape(Kind):
    """A shape: a tuple of integers (an int for one axis where ``int_ok``)."""

    def __init__(
        self,
        *,
        min_len: int = 1,
        minimum: int = 1,
        int_ok: bool = True,
        empty: Expect | None = None,
        example=(2, 3),
    ) -> None:
        self.empty = empty  # the outcome of (), when not simply min_len's
        self.min_len = min_len
        self.minimum = minimum
        self.int_ok = int_ok
        self.example = example

    def cases(self, base, args, slow):
        base = self.example if base is NO or base is None else base
        base = (int(base),) if np.ndim(base) == 0 else tuple(int(n) for n in base)
        first, rest = base[0], base[1:]
        out = [
            case("None", None, TYPE),
            case("str", ",".join(map(str, base)), TYPE),
            case("float entry", (first + 0.5, *rest), TYPE),
            case("integral float entry", (float(first), *rest), TYPE),
            case("np.float64 entry", (np.float64(first), *rest), TYPE),
            case("bool entry", (True, *rest), TYPE),
            case("None entry", (None, *rest), TYPE),
            case("nested", (base,), TYPE),
            case("-1 entry", (-1, *rest), VALUE),
            case("0 entry", (0, *rest), VALUE if self.minimum >= 1 else ACCEPT),
            case("np.int64 entries", tuple(np.int64(n) for n in base), ACCEPT, base),
            case("list", list(base), ACCEPT, base),
            case("int array", np.array(base), ACCEPT, base),
        ]
        if self.empty is not None:
            out.append(case("()", (), self.empty))
        elif self.min_len >= 1:
            out.append(case("()", (), VALUE))
        if self.min_len > 1:
            out.append(case("too short", base[: self.min_len - 1], VALUE))
        if self.int_ok:
            expect = ACCEPT if self.min_len <= 1 else VALUE
            out.append(case("int", first, expect, (first,) if expect is ACCEPT else NO))
            out.append(
                case("np.int64", np.int64(first), expect, (first,) if expect is ACCEPT else NO)
            )
        return out


class IntSequence(Kind):
    """A non-empty sequence of integers >= ``minimum`` (sizes, widths, depths, seeds)."""

    def __init__(self, *, min_len: int = 1, minimum: int = 1, example=(2, 3)) -> None:
        self.min_len = min_len
        self.minimum = minimum
        self.example = example

    def cases(self, base, args, slow):
        b = list(self.example if base is NO or base is None else base)
        head, tail = b[:-1], b[-1]
        out = [
            case("None", None, TYPE),
            case("int", b[0], TYPE),
            case("str", "".join(map(str, b)), TYPE),
            case("float element", [*head, tail + 0.5], TYPE),
            case("integral float element", [*head, float(tail)], TYPE),
            case("np.float64 element", [*head, np.float64(tail)], TYPE),
            case("bool element", [*head, True], TYPE),
            case("str element", [*head, str(tail)], TYPE),
            case("None element", [*head, None], TYPE),
            case("NaN element", [*head, math.nan], TYPE),
            case(f"{self.minimum - 1} element", [*head, self.minimum - 1], VALUE),
            case("-1 element", [*head, -1], VALUE),
            case("[]", [], VALUE),
            case("nested", [b], ERROR),
            case("tuple", tuple(b), ACCEPT, b),
            case("np.int64 elements", [np.int64(v) for v in b], ACCEPT, b),
            case("int array", np.array(b), ACCEPT, b),
        ]
        if self.min_len > 1:
            out.append(case("too short", b[: self.min_len - 1], VALUE))
        return out


class RealSequence(Kind):
    """A non-empty 1-d sequence of finite reals, optionally of a fixed length or range."""

    def __init__(
        self,
        *,
        low: float = -math.inf,
        include_low: bool = True,
        length: int | None = None,
        none: bool = False,
        example=(0.5, 1.0),
    ) -> None:
        self.low = low
        self.include_low = include_low
        self.length = length
        self.none = none
        self.example = example

    def cases(self, base, args, slow):
        b = [float(v) for v in (self.example if base is NO or base is None else base)]
        head, tail = b[:-1], b[-1]
        out = [
            case("None", None, ACCEPT if self.none else TYPE),
            case("scalar", b[0], ERROR),
            case("str", "abc", TYPE),
            case("str element", [*head, "1"], TYPE),
            case("None element", [*head, None], TYPE),
            case("complex element", [*head, complex(tail, 1)], TYPE),
            case("NaN element", [*head, math.nan], VALUE),
            case("inf element", [*head, math.inf], VALUE),
            case("[]", [], VALUE),
            case("2-d", [b], VALUE),
            case("tuple", tuple(b), ACCEPT, b),
            case("np.float64 elements", [np.float64(v) for v in b], ACCEPT, b),
            case(
                "np.float32 elements",
                [np.float32(v) for v in b],
                ACCEPT,
                [float(np.float32(v)) for v in b],
            ),
            case("array", np.array(b), ACCEPT, b),
        ]
        if math.isfinite(self.low):
            out.append(case("element out of range", [*head, self.low - 1.0], VALUE))
            if not self.include_low:
                out.append(case("element at the excluded bound", [*head, self.low], VALUE))
        if self.length is not None:
            out.append(case("one element too many", [*b, tail], VALUE))
        return out


class StrSequence(Kind):
    """A non-empty sequence of names from ``choices``."""

    def __init__(self, choices: Any, *, example=None) -> None:
        self.choices = list(choices)
        self.example = example or self.choices[:1]

    def cases(self, base, args, slow):
        b = list(self.example if base is NO or base is None else base)
        return [
            case("None", None, TYPE),
            case("a bare name", b[0], ERROR),
            case("unknown element", [*b, "no_such_name"], VALUE),
            case("int element", [*b, 1], ERROR),
            case("[]", [], VALUE),
            case("tuple", tuple(b), ACCEPT, b),
        ]


# --------------------------------------------------------------------------------------
# Specs
# --------------------------------------------------------------------------------------


@dataclasses.dataclass(eq=False)
class Spec:
    """How to fuzz one public callable.

    ``call(**args)`` makes the call (for a method: builds a fresh object, then calls);
    ``args`` are valid baseline arguments (a dict, deep-copied per case, or a function
    returning a fresh dict); ``kinds`` has a kind for every parameter of the signature,
    or ``unfuzzed`` a reason why not; ``check(result, args, before)`` asserts that a
    returned result is right (``before``: the arguments as they were before the call).

    ``slow`` (the experiments): bad values are tried one at a time with every other
    argument at its default -- parameters must be checked before any work starts -- and
    accepted values with the ``small`` arguments.
    """

    target: str
    call: Callable[..., Any]
    args: dict[str, Any] | Callable[[], dict[str, Any]] = dataclasses.field(default_factory=dict)
    kinds: dict[str, Kind] = dataclasses.field(default_factory=dict)
    check: Callable[[Any, dict[str, Any], dict[str, Any]], None] | None = None
    extra: list[Case] = dataclasses.field(default_factory=list)
    unfuzzed: dict[str, str] = dataclasses.field(default_factory=dict)
    small: dict[str, Any] = dataclasses.field(default_factory=dict)
    slow: bool = False
    aliases: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    mutable: frozenset[str] = frozenset()
    normalize: Callable[[Any], Any] | None = None
    cleanup: Callable[[], None] | None = None

    def baseline(self, small: bool = False) -> dict[str, Any]:
        args = self.args() if callable(self.args) else copy.deepcopy(self.args)
        if small:
            args.update(copy.deepcopy(self.small))
        return args

    def cases(self) -> list[Case]:
        base = self.baseline(small=self.slow)
        out = [Case("", "valid arguments", NO, ACCEPT, small=True)]
        for param, kind in self.kinds.items():
            for c in kind.cases(base.get(param, kind.example), base, self.slow):
                small = self.slow and c.expect in (ACCEPT, EITHER)
                out.append(dataclasses.replace(c, param=param, small=small or c.small))
        for c in self.extra:
            out.append(dataclasses.replace(c, small=self.slow and c.expect in (ACCEPT, EITHER)))
        return out

    def hypothesis_params(self) -> list[str]:
        if self.slow:
            return []
        base = self.baseline()
        return [
            p
            for p, kind in self.kinds.items()
            if kind.strategy(base.get(p, kind.example), base) is not None
        ]

    def strategy(self, param: str) -> st.SearchStrategy[Case]:
        base = self.baseline()
        kind = self.kinds[param]
        return kind.strategy(base.get(param, kind.example), base).map(
            lambda c: dataclasses.replace(c, param=param, label=f"hypothesis: {c.label}")
        )


def resolve(target: str) -> Any:
    """The object named ``target`` (``package.module.Class.method``)."""
    import importlib

    parts = target.split(".")
    for split in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        for name in parts[split:]:
            obj = getattr(obj, name)
        return obj
    raise ImportError(target)


@functools.cache
def parameters(target: str) -> dict[str, inspect.Parameter] | None:
    """The parameters of ``target`` (without self), or None if it cannot be resolved."""
    try:
        obj = resolve(target)
    except (ImportError, AttributeError):
        return None
    params = dict(inspect.signature(obj).parameters)
    owner = target.rsplit(".", 1)[0]
    with contextlib.suppress(ImportError, AttributeError):
        if inspect.isclass(resolve(owner)) and inspect.isfunction(obj):
            params.pop(next(iter(params)), None)  # self
    return params


# --------------------------------------------------------------------------------------
# Running a case
# --------------------------------------------------------------------------------------

BAD_VALUE_SECONDS = 2.0  # a bad value must be refused before any work starts
GOOD_VALUE_SECONDS = 30.0


class CaseTimeout(BaseException):
    """Raised into a call that runs past its time limit."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise CaseTimeout

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class _Opaque:
    def __repr__(self) -> str:
        return "<object>"


OPAQUE = _Opaque()


def freeze(value: Any) -> Any:
    """A copy of the arrays, lists, dicts and plain values in ``value`` (other objects opaque)."""
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, list | tuple):
        return type(value)(freeze(v) for v in value) if type(value) in (list, tuple) else OPAQUE
    if isinstance(value, dict):
        return {k: freeze(v) for k, v in value.items()}
    if value is None or isinstance(value, int | float | complex | str | bytes | np.generic):
        return value
    return OPAQUE


def same(a: Any, b: Any, _depth: int = 0) -> bool:
    """Whether two results are equal: arrays bit for bit (NaN equal), numbers by value."""
    if _depth > 8:
        return True
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        if not (isinstance(a, np.ndarray) and isinstance(b, np.ndarray)):
            return False
        if a.shape != b.shape or a.dtype != b.dtype:
            return False
        if a.dtype.kind in "fc":
            return bool(np.array_equal(a, b, equal_nan=True))
        if a.dtype == object:
            return all(same(x, y, _depth + 1) for x, y in zip(a.ravel(), b.ravel(), strict=True))
        return bool(np.array_equal(a, b))
    if isinstance(a, str) and isinstance(b, str):  # np.str_ and str alike
        return str(a) == str(b)
    number = (int, float, np.integer, np.floating, np.bool_)
    if isinstance(a, number) and isinstance(b, number):
        if isinstance(a, bool | np.bool_) != isinstance(b, bool | np.bool_):
            return False
        return bool(a == b or (a != a and b != b))
    if type(a) is not type(b):
        return False
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(same(x, y, _depth + 1) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k], _depth + 1) for k in a)
    if isinstance(a, np.random.Generator):
        return same(a.bit_generator.state, b.bit_generator.state, _depth + 1)
    if dataclasses.is_dataclass(a):
        return all(
            same(getattr(a, f.name), getattr(b, f.name), _depth + 1) for f in dataclasses.fields(a)
        )
    if inspect.isfunction(a) or inspect.isclass(a) or inspect.ismodule(a):
        return a is b
    if hasattr(a, "__dict__") and not isinstance(a, type):
        return same(vars(a), vars(b), _depth + 1)
    try:
        return bool(a == b)
    except Exception:
        return repr(a) == repr(b)


def changed(before: Any, after: Any) -> bool:
    if before is OPAQUE or after is OPAQUE:
        return False
    if isinstance(before, np.ndarray):
        if not isinstance(after, np.ndarray) or before.dtype != after.dtype:
            return True
        if before.dtype == object:
            return not same(before, after)
        return before.shape != after.shape or not np.array_equal(
            before, after, equal_nan=before.dtype.kind in "fc"
        )
    if isinstance(before, list | tuple):
        return (
            type(before) is not type(after)
            or len(before) != len(after)
            or any(changed(x, y) for x, y in zip(before, after, strict=True))
        )
    if isinstance(before, dict):
        return before.keys() != after.keys() or any(changed(before[k], after[k]) for k in before)
    return not same(before, after)


def summary(value: Any) -> str:
    """A short description of a returned value."""
    if isinstance(value, np.ndarray):
        if value.size <= 4:
            return f"array({value.tolist()!r}, dtype={value.dtype})"
        return f"array of shape {value.shape}, dtype {value.dtype}"
    if inspect.isfunction(value):
        return f"the function {value.__qualname__}"
    text = repr(value)
    return text if len(text) <= 70 else f"a {type(value).__name__}"


def names_parameter(message: str, names: tuple[str, ...]) -> bool:
    return any(re.search(rf"(?<![\w.]){re.escape(n)}(?!\w)", message) for n in names)


def _short(text: str, limit: int = 240) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


@dataclasses.dataclass
class Outcome:
    kind: str  # "returned", the exception's type name, or "timeout"
    problems: list[str]
    seconds: float


def _call(spec: Spec, args: dict[str, Any], seconds: float) -> tuple[Any, BaseException | None]:
    try:
        with time_limit(seconds):
            return spec.call(**args), None
    except CaseTimeout as timeout:
        return None, timeout
    except Exception as error:  # every exception is an outcome to judge
        return None, error


def run_case(spec: Spec, c: Case) -> Outcome:
    """Make the call of case ``c`` and list what is wrong with its outcome."""
    params = parameters(spec.target)
    if c.param and params is not None and c.param not in params:
        variadic = any(p.kind is p.VAR_KEYWORD for p in params.values())
        if not variadic:
            return Outcome("missing", [f"has no parameter {c.param!r}"], 0.0)
    args = spec.baseline(small=c.small)
    if c.args:
        args.update(copy.deepcopy(c.args))
    if c.param:
        args[c.param] = copy.deepcopy(c.value)
    before = freeze(args)
    limit = BAD_VALUE_SECONDS if c.expect in MUST_REFUSE else GOOD_VALUE_SECONDS
    problems: list[str] = []
    start = time.perf_counter()
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result, error = _call(spec, args, limit)
            seconds = time.perf_counter() - start
        # judged outside: a warning of the reference computation is not the callable's
        if error is None and c.expect not in MUST_REFUSE:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                problems += _judge_result(spec, c, result, args, before)
        for w in caught:
            problems.append(f"warns {w.category.__name__}: {_short(w.message)}")
        after = freeze(args)
        exempt = spec.mutable if error is None else frozenset()
        for name in before:
            if name not in exempt and changed(before[name], after.get(name, OPAQUE)):
                problems.append(f"modifies its argument {name!r} in place")
    finally:
        if spec.cleanup:
            spec.cleanup()

    if isinstance(error, CaseTimeout):
        problems.insert(0, f"still running after {limit:g} s: not refused before the work starts")
        return Outcome("timeout", problems, seconds)
    if error is None:
        if c.expect in MUST_REFUSE:
            problems.insert(0, f"returns {summary(result)} instead of raising {c.expect.value}")
        return Outcome("returned", problems, seconds)
    message = f"{type(error).__name__}: {_short(error)}"
    allowed = REFUSED[c.expect]
    if not isinstance(error, allowed):
        if c.expect is ACCEPT:
            problems.insert(0, f"refuses a valid value: {message}")
        elif isinstance(error, TypeError | ValueError):
            problems.insert(0, f"raises {message} (expected {c.expect.value})")
        else:
            problems.insert(0, f"raises {message}")
        return Outcome(type(error).__name__, problems, seconds)
    names = c.names or spec.aliases.get(c.param, (c.param,))
    if c.param and not names_parameter(str(error), names):
        problems.insert(0, f"message does not name {'/'.join(names)}: {message}")
    missing = [m for m in c.mention if m not in str(error)]
    if missing:
        problems.append(f"message does not give {' and '.join(missing)}: {message}")
    return Outcome(type(error).__name__, problems, seconds)


def _judge_result(
    spec: Spec, c: Case, result: Any, args: dict[str, Any], before: dict[str, Any]
) -> list[str]:
    problems = []
    if c.same_as is not NO:  # first: a check may use the result (a layer's forward caches)
        other = spec.baseline(small=c.small)
        if c.args:
            other.update(copy.deepcopy(c.args))
        other[c.param] = copy.deepcopy(c.same_as)
        reference, error = _call(spec, other, GOOD_VALUE_SECONDS)
        if error is not None:
            problems.append(f"the call with {c.same_as!r} instead fails: {_short(error)}")
        else:
            norm = spec.normalize or (lambda value: value)
            if not same(norm(result), norm(reference)):
                problems.append(
                    f"result differs from the call with {c.same_as!r}: "
                    f"{summary(result)} != {summary(reference)}"
                )
    if spec.check is not None:
        try:
            spec.check(result, args, before)
        except AssertionError as error:
            problems.append(f"wrong result: {_short(error, 400)}")
        except Exception as error:
            problems.append(f"the result fails: {type(error).__name__}: {_short(error)}")
    return problems


# --------------------------------------------------------------------------------------
# The report
# --------------------------------------------------------------------------------------

RECORDS: dict[str, dict[str, Any]] = {}


def record(spec: Spec, c: Case, outcome: Outcome, source: str) -> None:
    key = f"{spec.target}|{c.param}|{c.label}|{source}"
    value = "" if c.param == "" else repr(c.value)
    RECORDS[key] = {
        "target": spec.target,
        "param": c.param,
        "case": c.label,
        "value": _short(value, 120),
        "expected": c.expect.value,
        "outcome": outcome.kind,
        "ok": not outcome.problems,
        "problems": outcome.problems,
        "seconds": round(outcome.seconds, 4),
        "source": source,
    }


def write_report(path: Path) -> dict[str, Any]:
    rows = list(RECORDS.values())
    outcomes = Counter()
    for row in rows:
        if not row["ok"]:
            outcomes["failed"] += 1
        elif row["outcome"] == "returned":
            outcomes["returned a correct result"] += 1
        else:
            outcomes[f"refused with {row['outcome']}"] += 1
    report = {
        "cases": len(rows),
        "by_source": dict(Counter(row["source"] for row in rows)),
        "outcomes": dict(outcomes),
        "callables": len({row["target"] for row in rows}),
        "failures": [row for row in rows if not row["ok"]],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=1, default=str) + "\n")
    return report
