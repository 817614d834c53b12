"""The one validation module: every rule, its accepted values and its errors."""

import math

import numpy as np
import pytest

from actbook import validation as v

NUMPY_INTEGERS = [np.int8(3), np.int16(3), np.int32(3), np.int64(3), np.uint8(3), np.uint64(3)]
NOT_INTEGERS = [3.0, 2.5, "3", None, [3], np.float64(3.0), 3 + 0j]
NOT_REALS = ["0.5", None, [0.5], 0.5j, object(), True, np.True_, np.array([0.5])]


@pytest.mark.parametrize("value", [3, *NUMPY_INTEGERS])
def test_positive_int_accepts_python_and_numpy_integers(value):
    result = v.positive_int(value, "width")
    assert result == 3 and type(result) is int


@pytest.mark.parametrize("value", [*NOT_INTEGERS, True, False, np.True_])
def test_positive_int_refuses_other_kinds_with_a_type_error(value):
    with pytest.raises(TypeError, match="^width must be a positive integer, got "):
        v.positive_int(value, "width")


@pytest.mark.parametrize("value", [0, -1, np.int64(-5)])
def test_positive_int_refuses_values_below_one(value):
    with pytest.raises(ValueError, match=rf"^width must be a positive integer, got {int(value)}$"):
        v.positive_int(value, "width")


def test_integer_with_and_without_minimum():
    assert v.integer(-7, "offset") == -7
    assert v.integer(np.int16(0), "count", minimum=0) == 0
    with pytest.raises(ValueError, match=r"count must be an integer >= 2, got 1"):
        v.integer(1, "count", minimum=2)
    with pytest.raises(TypeError, match="count must be an integer, got 1.0"):
        v.integer(1.0, "count")


def test_seed():
    assert v.seed(np.uint32(2**32 - 1)) == 2**32 - 1
    with pytest.raises(ValueError, match="seed must be a non-negative integer"):
        v.seed(-1)
    with pytest.raises(TypeError, match="data_seed must be a non-negative integer"):
        v.seed(0.0, "data_seed")


@pytest.mark.parametrize("value", [0.5, 1, np.float32(0.5), np.float16(0.5), np.int64(1), -2.0])
def test_finite_real_accepts_numbers_and_numpy_scalars(value):
    result = v.finite_real(value, "lr")
    assert result == float(value) and type(result) is float


@pytest.mark.parametrize("value", NOT_REALS)
def test_finite_real_refuses_other_kinds(value):
    with pytest.raises(TypeError, match="^lr must be a real number, got "):
        v.finite_real(value, "lr")


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, np.float32("nan")])
def test_finite_real_refuses_non_finite(value):
    with pytest.raises(ValueError, match="^std must be finite, got "):
        v.finite_real(value, "std")


@pytest.mark.parametrize("value", [0, -1e-300, math.nan, math.inf])
def test_positive_real_refuses_zero_negative_and_non_finite(value):
    with pytest.raises(ValueError, match="^eps must be a finite number > 0"):
        v.positive_real(value, "eps")


@pytest.mark.parametrize(
    ("value", "low_closed", "high_closed", "ok"),
    [
        (0.0, True, True, True),
        (0.0, False, True, False),
        (1.0, True, True, True),
        (1.0, True, False, False),
        (0.5, False, False, True),
        (math.nan, True, True, False),
        (1.5, True, True, False),
    ],
)
def test_real_in_range_bounds(value, low_closed, high_closed, ok):
    call = lambda: v.real_in_range(  # noqa: E731
        value, "p", 0.0, 1.0, include_low=low_closed, include_high=high_closed
    )
    if ok:
        assert call() == value
    else:
        interval = f"{'[' if low_closed else '('}0, 1{']' if high_closed else ')'}"
        with pytest.raises(ValueError, match=rf"^p must be in \{interval[0]}0, 1\{interval[-1]}"):
            call()


def test_real_in_range_with_an_infinite_bound_still_refuses_infinity():
    assert v.real_in_range(1e300, "scale", 0.0, math.inf) == 1e300
    with pytest.raises(ValueError, match=r"scale must be in \[0, inf\], got inf"):
        v.real_in_range(math.inf, "scale", 0.0, math.inf)


def test_probability_refuses_one_unless_allowed():
    assert v.probability(np.float32(0.0), "p") == 0.0
    assert v.probability(1, "p", allow_one=True) == 1.0
    with pytest.raises(ValueError, match=r"p must be in \[0, 1\), got 1.0"):
        v.probability(1.0, "p")


def test_boolean_one_of_and_callable():
    assert v.boolean(False, "flag") is False
    with pytest.raises(TypeError, match="flag must be True or False, got 'yes'"):
        v.boolean("yes", "flag")
    assert v.one_of("b", "mode", ("a", "b")) == "b"
    with pytest.raises(ValueError, match=r"mode must be one of \['a', 'b'\], got \['a'\]"):
        v.one_of(["a"], "mode", ("a", "b"))  # unhashable: simply not a choice
    assert v.require_callable(len, "func") is len
    with pytest.raises(TypeError, match="func must be callable"):
        v.require_callable(3, "func")


def test_make_rng_and_as_generator():
    generator = np.random.default_rng(1)
    assert v.make_rng(generator) is generator
    assert v.make_rng().integers(1000) == np.random.default_rng(0).integers(1000)
    assert v.make_rng(seed_value=np.int64(4)).integers(1000) == np.random.default_rng(4).integers(
        1000
    )
    with pytest.raises(TypeError, match="rng must be a numpy.random.Generator"):
        v.make_rng(1)
    with pytest.raises(ValueError, match="seed must be a non-negative integer"):
        v.make_rng(seed_value=-3)
    assert v.as_generator(generator) is generator
    assert v.as_generator(np.int8(2)).random() == np.random.default_rng(2).random()
    assert v.as_generator(None).random() == np.random.default_rng(0).random()
    with pytest.raises(ValueError, match="rng must be a non-negative integer"):
        v.as_generator(-1)


@pytest.mark.parametrize(
    ("value", "dtype"),
    [
        ([1, 2], np.float64),
        (np.array([True, False]), np.float64),
        (np.arange(3, dtype=np.uint8), np.float64),
        (np.ones(2, dtype=np.float16), np.float16),
        (np.ones(2, dtype=np.float32), np.float32),
        (3, np.float64),
        (np.float32(3), np.float32),
    ],
)
def test_float_array_dtype_rule(value, dtype):
    array = v.float_array(value, "x")
    assert array.dtype == dtype
    np.testing.assert_array_equal(array, np.asarray(value, dtype=np.float64))


@pytest.mark.parametrize(
    "value", [None, ["a"], np.array([1 + 2j]), np.array([object()]), np.array(["1.0"])]
)
def test_float_array_refuses_non_real_dtypes(value):
    with pytest.raises(TypeError, match="^x must be an array of real numbers"):
        v.float_array(value, "x")


def test_float_array_shape_rules_and_no_copy_of_floats():
    x = np.ones((2, 3))
    assert v.float_array(x, "x") is x  # nothing to convert: not copied, not modified
    with pytest.raises(ValueError, match=r"X must be a 2-d array, got shape \(\)"):
        v.float_array(1.0, "X", ndim=2)
    with pytest.raises(ValueError, match=r"X must not be empty, got shape \(0, 3\)"):
        v.float_array(np.ones((0, 3)), "X", nonempty=True)
    with pytest.raises(ValueError, match="X must be a rectangular array"):
        v.float_array([[1.0, 2.0], [3.0]], "X")


def test_same_shape_never_broadcasts():
    assert v.same_shape(np.ones((2, 3)), "g", (2, 3), "W").shape == (2, 3)
    for shape in [(3,), (1, 3), (2, 1), (2, 3, 1)]:
        with pytest.raises(ValueError, match=r"g must have shape \(2, 3\) like W, got"):
            v.same_shape(np.ones(shape), "g", (2, 3), "W")


# --------------------------------------------------------------------------------------
# The checks' own settings (fuzz-suite regressions): refused, naming the setting
# --------------------------------------------------------------------------------------

NOT_FLAGS = [1, 0, "True", None, 1.0]
BAD_BOUNDS = [(math.nan, ValueError), ("0", TypeError), (None, TypeError), (False, TypeError)]
X = np.ones((4, 3))

# (check, its value and name, the setting, a bad value of it, the error)
BAD_SETTINGS = [
    *[(v.float_array, (X, "x"), "ndim", bad, TypeError) for bad in [2.5, 2.0, True, "2"]],
    (v.float_array, (X, "x"), "ndim", -1, ValueError),
    *[(v.float_array, (X, "x"), "nonempty", bad, TypeError) for bad in NOT_FLAGS],
    *[(v.float_array, (X, "x"), "finite", bad, TypeError) for bad in NOT_FLAGS],
    *[(v.integer, (3, "n"), "minimum", bad, TypeError) for bad in [1.5, True, math.nan, "0"]],
    *[(v.one_of, ("a", "mode"), "choices", bad, TypeError) for bad in [None, 5]],
    *[(v.probability, (0.5, "p"), "allow_one", bad, TypeError) for bad in NOT_FLAGS],
    *[
        (v.real_in_range, (0.5, "p"), bound, bad, error)
        for bound in ["low", "high"]
        for bad, error in BAD_BOUNDS
    ],
    *[
        (v.real_in_range, (0.5, "p"), flag, bad, TypeError)
        for flag in ["include_low", "include_high"]
        for bad in NOT_FLAGS
    ],
    *[(v.same_shape, (X, "g"), "shape", bad, TypeError) for bad in [None, (4.0, 3), "43"]],
    (v.same_shape, (X, "g"), "shape", (-1, 3), ValueError),
    *[(v.sequence, ([2], "widths"), "check", bad, TypeError) for bad in [None, 5, "f"]],
    *[
        (v.sequence, ([2], "widths"), "min_length", bad, TypeError)
        for bad in [1.5, 1.0, True, "1", None]
    ],
    (v.sequence, ([2], "widths"), "min_length", -1, ValueError),
]
DEFAULTS = {  # valid values of the other settings each check needs
    "one_of": {"choices": ["a"]},
    "real_in_range": {"low": 0.0, "high": 1.0},
    "same_shape": {"shape": (4, 3), "reference": "W"},
    "sequence": {"check": v.positive_int},
}


@pytest.mark.parametrize(
    ("check", "args", "setting", "bad", "error"),
    BAD_SETTINGS,
    ids=[f"{c.__name__}-{setting}={bad!r}" for c, _, setting, bad, _ in BAD_SETTINGS],
)
def test_bad_settings_of_a_check_are_refused_naming_the_setting(check, args, setting, bad, error):
    kwargs = {**DEFAULTS.get(check.__name__, {}), setting: bad}
    with pytest.raises(error, match=rf"^{setting}"):
        check(*args, **kwargs)


def test_real_in_range_with_low_above_high_names_both_bounds():
    with pytest.raises(ValueError, match=r"^low must be <= high, got low=2 and high=1$"):
        v.real_in_range(1.5, "p", 2, 1)


def test_valid_settings_in_numpy_and_other_accepted_forms():
    assert v.float_array(X, "x", ndim=np.int64(2), nonempty=np.True_, finite=np.False_) is X
    assert v.integer(3, "n", minimum=np.int64(0)) == 3
    assert v.one_of("b", "mode", iter(["a", "b"])) == "b"
    assert v.probability(1.0, "p", allow_one=np.True_) == 1.0
    assert v.real_in_range(0.5, "p", np.float32(0.0), math.inf, include_low=np.bool_(False)) == 0.5
    assert v.real_in_range(-1e300, "p", -math.inf, 0.0) == -1e300
    assert v.same_shape(X, "g", [np.int64(4), 3], "W") is X
    assert v.sequence([], "widths", v.positive_int, min_length=np.int64(0)) == []
    assert v.sequence([2, 3], "widths", v.positive_int, min_length=0) == [2, 3]
