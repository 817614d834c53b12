"""Behaviour of actbook.activations: identities, edge values, dtypes, errors, RReLU, PReLU.

Accuracy against 50-digit references is in test_activation_accuracy.py.
"""

from __future__ import annotations

import dataclasses
import math
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import special

from actbook import activations as act
from actbook.timing import peak_memory, time_ratio

NAMES = [
    "sigmoid",
    "tanh",
    "relu",
    "leaky_relu",
    "prelu",
    "rrelu",
    "elu",
    "gelu",
    "silu",
    "softplus",
]

# every activation, with non-default parameters where they change the code path
VARIANTS = [
    act.Sigmoid(),
    act.Sigmoid(a=3.0),
    act.Tanh(),
    act.ReLU(),
    act.LeakyReLU(),
    act.LeakyReLU(slope=0.0),
    act.LeakyReLU(slope=-0.5),
    act.PReLU(),
    act.RReLU(),
    act.ELU(),
    act.ELU(alpha=0.5),
    act.GELU(),
    act.GELU(approximate=True),
    act.SiLU(),
    act.Softplus(),
]
IDS = [repr(a) for a in VARIANTS]

moderate = st.floats(-30.0, 30.0, allow_nan=False)
any_finite = st.floats(allow_nan=False, allow_infinity=False)


def sigma_reference(x):
    """Logistic function from scipy (an independent implementation)."""
    return special.expit(x)


# --------------------------------------------------------------------------------------
# registry and parameters
# --------------------------------------------------------------------------------------


def test_registry_holds_every_name_with_its_class():
    assert sorted(act.ACTIVATIONS) == sorted(NAMES)
    for name, cls in act.ACTIVATIONS.items():
        instance = act.get_activation(name)
        assert type(instance) is cls and instance.name == name


def test_get_activation_passes_parameters():
    sigmoid = act.get_activation("sigmoid", a=2.0)
    assert float(sigmoid(1.0)) == pytest.approx(1 / (1 + math.exp(-2.0)), rel=1e-15)
    assert act.get_activation("elu", alpha=0.5)(-np.inf) == -0.5


def test_get_activation_unknown_name_lists_valid_names():
    with pytest.raises(ValueError, match=r"name must be one of \['elu', .*'tanh'\], got 'swish'"):
        act.get_activation("swish")


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        # the messages of actbook.validation, which name the parameter
        (lambda: act.Sigmoid(a=0), ValueError, "a must be a finite number > 0, got 0.0"),
        (lambda: act.Sigmoid(a=-1.5), ValueError, "a must be a finite number > 0, got -1.5"),
        (lambda: act.Sigmoid(a=np.inf), ValueError, "a must be a finite number > 0, got inf"),
        (lambda: act.Sigmoid(a="2"), TypeError, "a must be a finite number > 0, got '2' (str)"),
        (lambda: act.Sigmoid(a=True), TypeError, "a must be a finite number > 0, got True"),
        (lambda: act.LeakyReLU(slope=np.nan), ValueError, "slope must be finite, got nan"),
        (lambda: act.PReLU(slope=None), TypeError, "slope must be a real number, got None"),
        (lambda: act.ELU(alpha=0.0), ValueError, "alpha must be a finite number > 0, got 0.0"),
        (lambda: act.RReLU(lower=0.5, upper=0.1), ValueError, "lower must be <= upper, got"),
        (lambda: act.RReLU(upper=np.inf), ValueError, "upper must be finite, got inf"),
        (lambda: act.RReLU(lower="0.1"), TypeError, "lower must be a real number, got '0.1'"),
        (lambda: act.RReLU(rng=1.5), TypeError, "rng must be a numpy.random.Generator, a non"),
        (lambda: act.RReLU(rng=-1), ValueError, "rng must be a non-negative integer, got -1"),
        (lambda: act.RReLU()([-1.0], training=1), TypeError, "training must be True or False"),
        (lambda: act.RReLU()([-1.0], True, rng="7"), TypeError, "rng must be a numpy.random"),
        (lambda: act.GELU(approximate="tanh"), TypeError, "approximate must be True or False"),
        (
            lambda: act.get_activation("relu", slope=1.0),
            TypeError,
            "relu takes the parameters [], got unknown ['slope']",
        ),
        (
            lambda: act.get_activation("sigmoid", b=1.0, a=2.0),
            TypeError,
            "sigmoid takes the parameters ['a'], got unknown ['b']",
        ),
    ],
)
def test_invalid_parameters_are_rejected(make, error, message):
    with pytest.raises(error, match=re.escape(message)):
        make()


def test_repr_shows_parameters():
    assert repr(act.Sigmoid(a=2)) == "Sigmoid(a=2.0)"
    assert repr(act.RReLU(lower=0.1, upper=0.2)) == "RReLU(lower=0.1, upper=0.2)"
    assert repr(act.Tanh()) == "Tanh()"
    assert repr(act.GELU(approximate=True)) == "GELU(approximate=True)"


# --------------------------------------------------------------------------------------
# input conversion and dtypes
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["1.0", None, 1j, [1.0, "a"], np.array([1.0], dtype=object)])
@pytest.mark.parametrize("activation", VARIANTS, ids=IDS)
def test_non_numeric_input_raises_type_error_naming_x(activation, bad):
    with pytest.raises(TypeError, match="^x must be an array of real numbers, got"):
        activation(bad)
    with pytest.raises(TypeError, match="^x must be"):
        activation.derivative(bad)


@pytest.mark.parametrize("activation", VARIANTS, ids=IDS)
@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_dtype_is_preserved_and_matches_float64(activation, dtype):
    x = np.linspace(-6, 6, 97).astype(dtype)
    wide = x.astype(np.float64)
    for function in (activation, activation.derivative):
        got = function(x)
        assert got.dtype == dtype and got.shape == x.shape
        # the low-precision result is the float64 one up to a few of its own ulps
        eps = np.finfo(dtype).eps
        np.testing.assert_allclose(got, function(wide), rtol=4 * eps, atol=4 * eps)


@pytest.mark.parametrize("activation", VARIANTS, ids=IDS)
def test_scalars_lists_and_ints(activation):
    for scalar in (0.75, -2, np.float32(1.5), np.array(-0.5)):
        value = activation(scalar)
        assert isinstance(value, np.floating) and np.ndim(value) == 0
        assert value == activation(np.array([scalar]))[0]
    assert activation([1, -2, 3]).dtype == np.float64
    np.testing.assert_array_equal(activation([1, -2, 3]), activation(np.array([1.0, -2.0, 3.0])))
    assert activation.derivative(True) == activation.derivative(1.0)
    assert activation(np.zeros((2, 0, 3))).shape == (2, 0, 3)
    grid = np.linspace(-3, 3, 24)
    np.testing.assert_array_equal(
        activation(grid.reshape(2, 3, 4)), activation(grid).reshape(2, 3, 4)
    )
    strided = grid[::2]  # not contiguous
    np.testing.assert_array_equal(activation(strided), activation(strided.copy()))


def test_blocks_cover_long_arrays():
    x = np.linspace(-40, 40, 3 * act._BLOCK + 5)
    np.testing.assert_allclose(act.sigmoid(x), sigma_reference(x), rtol=1e-15, atol=0)
    np.testing.assert_allclose(act.gelu(x), x * special.ndtr(x), rtol=1e-12, atol=1e-300)


# --------------------------------------------------------------------------------------
# edge values: no warnings (pytest turns them into errors), correct limits, NaN propagates
# --------------------------------------------------------------------------------------


def test_required_edge_values():
    assert act.sigmoid(-1000.0) == 0.0
    assert act.softplus(1000.0) == 1000.0
    assert act.sigmoid(-np.inf) == 0.0 and act.sigmoid(np.inf) == 1.0
    assert act.sigmoid_derivative(1000.0) == 0.0
    # 1 - tanh^2 would be exactly 0 here; the true value is about 4 exp(-40)
    assert act.tanh_derivative(20.0) == pytest.approx(4 * math.exp(-40), rel=1e-14)


# (value at -inf, value at +inf, derivative at -inf, derivative at +inf), derived by hand
LIMITS = {
    "Sigmoid(a=1.0)": (0, 1, 0, 0),
    "Sigmoid(a=3.0)": (0, 1, 0, 0),
    "Tanh()": (-1, 1, 0, 0),
    "ReLU()": (0, np.inf, 0, 1),
    "LeakyReLU(slope=0.01)": (-np.inf, np.inf, 0.01, 1),
    "LeakyReLU(slope=0.0)": (0, np.inf, 0, 1),
    "LeakyReLU(slope=-0.5)": (np.inf, np.inf, -0.5, 1),
    "PReLU(slope=0.25)": (-np.inf, np.inf, 0.25, 1),
    "RReLU(lower=0.125, upper=0.3333333333333333)": (-np.inf, np.inf, 11 / 48, 1),
    "ELU(alpha=1.0)": (-1, np.inf, 0, 1),
    "ELU(alpha=0.5)": (-0.5, np.inf, 0, 1),
    "GELU(approximate=False)": (0, np.inf, 0, 1),
    "GELU(approximate=True)": (0, np.inf, 0, 1),
    "SiLU()": (0, np.inf, 0, 1),
    "Softplus()": (0, np.inf, 0, 1),
}


@pytest.mark.parametrize("activation", VARIANTS, ids=IDS)
def test_infinities_give_limits(activation):
    low, high, slope_low, slope_high = LIMITS[repr(activation)]
    x = np.array([-np.inf, np.inf])
    np.testing.assert_allclose(activation(x), [low, high], rtol=1e-15)
    np.testing.assert_allclose(activation.derivative(x), [slope_low, slope_high], rtol=1e-15)


@pytest.mark.parametrize("activation", VARIANTS, ids=IDS)
@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_extreme_finite_inputs_are_quiet_and_finite_where_the_limit_is(activation, dtype):
    info = np.finfo(dtype)
    x = np.array([info.min, -1000, -100, -info.tiny, 0, info.tiny, 100, 1000, info.max], dtype)
    x = x[np.isfinite(x)]
    low, high, _, _ = LIMITS[repr(activation)]
    value, slope = activation(x), activation.derivative(x)
    assert not np.isnan(value).any() and not np.isnan(slope).any()
    if np.isfinite(low) and np.isfinite(high):
        assert np.all(np.isfinite(value))
    assert np.all(np.isfinite(slope))


def test_steep_leaky_slopes_overflow_quietly_to_infinity():
    x = np.array([-1e308, 1e308])
    np.testing.assert_array_equal(act.leaky_relu(x, slope=2.0), [-np.inf, 1e308])
    np.testing.assert_array_equal(act.leaky_relu(x, slope=-2.0), [np.inf, 1e308])
    np.testing.assert_array_equal(act.leaky_relu_derivative(x, slope=2.0), [2.0, 1.0])
    assert act.sigmoid(1e308, a=10.0) == 1.0 and act.sigmoid_derivative(-1e308, a=10.0) == 0.0


@pytest.mark.parametrize("activation", VARIANTS, ids=IDS)
def test_nan_propagates(activation):
    x = np.array([np.nan, 1.0, -1.0, np.nan])
    for function in (activation, activation.derivative):
        result = function(x)
        np.testing.assert_array_equal(np.isnan(result), [True, False, False, True])
    assert np.isnan(activation(np.nan))


# --------------------------------------------------------------------------------------
# identities (hypothesis)
# --------------------------------------------------------------------------------------


@settings(deadline=None, max_examples=200)
@given(any_finite)
def test_bounds(x):
    assert 0.0 <= act.sigmoid(x) <= 1.0
    assert -1.0 <= act.tanh(x) <= 1.0
    assert act.relu(x) >= 0.0
    assert act.softplus(x) >= max(x, 0.0)
    assert act.elu(x, alpha=0.7) >= -0.7
    assert act.gelu(x) >= -0.1700 and act.gelu(x, approximate=True) >= -0.1701
    assert act.silu(x) >= -0.2785


MONOTONIC = [a for a in VARIANTS if a.properties.monotonic]


@pytest.mark.parametrize("activation", MONOTONIC, ids=[repr(a) for a in MONOTONIC])
@settings(deadline=None, max_examples=60)
@given(x1=any_finite, x2=any_finite)
def test_monotonic_activations_are_monotonic(activation, x1, x2):
    lower, upper = min(x1, x2), max(x1, x2)
    assert activation(lower) <= activation(upper)


def test_monotonic_flags_match_the_mathematics():
    monotonic = {repr(a): a.properties.monotonic for a in VARIANTS}
    assert not monotonic["GELU(approximate=False)"] and not monotonic["SiLU()"]
    assert not monotonic["LeakyReLU(slope=-0.5)"]
    # a decreasing stretch exists exactly for the non-monotonic ones
    x = np.linspace(-5, 5, 1001)
    for activation in VARIANTS:
        decreasing = bool(np.any(np.diff(activation(x)) < 0))
        assert decreasing == (not activation.properties.monotonic), repr(activation)


@settings(deadline=None, max_examples=200)
@given(any_finite)
def test_sigmoid_symmetry(x):
    assert act.sigmoid(-x) == pytest.approx(1.0 - act.sigmoid(x), abs=2e-16)


@settings(deadline=None, max_examples=200)
@given(any_finite)
def test_tanh_is_odd_and_relu_splits_x(x):
    assert act.tanh(-x) == -act.tanh(x)
    assert act.relu(x) - act.relu(-x) == x


@settings(deadline=None, max_examples=200)
@given(moderate)
def test_tanh_from_sigmoid(x):
    assert act.tanh(x) == pytest.approx(2.0 * act.sigmoid(2.0 * x) - 1.0, abs=5e-16)


@settings(deadline=None, max_examples=200)
@given(moderate, st.sampled_from([0.5, 1.0, 3.0]))
def test_sigmoid_derivative_identity(x, a):
    # sigma (1 - sigma), with 1 - sigma(ax) = sigma(-ax) so the check does not cancel
    s, one_minus_s = float(act.sigmoid(x, a=a)), float(act.sigmoid(-x, a=a))
    expected = a * s * one_minus_s
    assert act.sigmoid_derivative(x, a=a) == pytest.approx(expected, rel=1e-14, abs=1e-300)


@settings(deadline=None, max_examples=200)
@given(st.floats(-15.0, 15.0))
def test_tanh_derivative_identity(x):
    t = float(act.tanh(x))
    assert act.tanh_derivative(x) == pytest.approx(1 - t * t, rel=1e-12, abs=1e-15)


@settings(deadline=None, max_examples=200)
@given(moderate)
def test_other_derivative_identities(x):
    s = float(sigma_reference(x))
    assert act.elu_derivative(x, alpha=0.7) == pytest.approx(
        1.0 if x > 0 else act.elu(x, alpha=0.7) + 0.7, rel=1e-14, abs=1e-16
    )
    assert act.softplus_derivative(x) == pytest.approx(s, rel=1e-14)
    assert act.silu_derivative(x) == pytest.approx(s + x * s * (1 - s), rel=1e-9, abs=1e-15)
    exact = special.ndtr(x) + x * math.exp(-x * x / 2) / math.sqrt(2 * math.pi)
    assert act.gelu_derivative(x) == pytest.approx(exact, rel=1e-9, abs=1e-15)
    assert act.gelu(x) == pytest.approx(x * special.ndtr(x), rel=1e-9, abs=1e-300)
    # 0.5 x (1 + tanh(u)) = x expit(2u): the tanh form cancels for x << 0
    u = math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)
    assert act.gelu(x, approximate=True) == pytest.approx(x * special.expit(2 * u), rel=1e-9)
    if abs(x) < 1:
        tanh_form = 0.5 * x * (1 + math.tanh(u))
        assert act.gelu(x, approximate=True) == pytest.approx(tanh_form, rel=1e-12, abs=1e-300)


@pytest.mark.parametrize("activation", VARIANTS, ids=IDS)
@settings(deadline=None, max_examples=50)
@given(x=st.floats(-20.0, 20.0))
def test_derivative_matches_central_differences(activation, x):
    h = 1e-6 * max(1.0, abs(x))
    if not activation.properties.smooth and abs(x) < 2 * h:
        return  # the kink: the derivative there is a convention, tested below
    numeric = (float(activation(x + h)) - float(activation(x - h))) / (2 * h)
    assert float(activation.derivative(x)) == pytest.approx(numeric, rel=1e-6, abs=1e-8)


def test_kink_conventions():
    assert act.relu_derivative(0.0) == 0.0 and act.relu_derivative(-0.0) == 0.0
    assert act.leaky_relu_derivative(0.0, slope=0.2) == 0.2
    assert act.PReLU(slope=0.3).derivative(0.0) == 0.3
    assert act.elu_derivative(0.0, alpha=0.4) == 0.4
    assert act.RReLU(lower=0.1, upper=0.3).derivative(0.0) == pytest.approx(0.2)
    for activation in VARIANTS:
        props = activation.properties
        assert (props.kink_convention is None) == props.smooth, repr(activation)


# --------------------------------------------------------------------------------------
# properties
# --------------------------------------------------------------------------------------


def test_properties_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        act.Sigmoid().properties.range = "(0, 2)"


@pytest.mark.parametrize("activation", VARIANTS, ids=IDS)
def test_properties_agree_with_the_numbers(activation):
    props = activation.properties
    x = np.linspace(-60, 60, 2001)
    value, slope = activation(x), activation.derivative(x)
    saturates_low = abs(slope[0]) < 1e-9
    saturates_high = abs(slope[-1]) < 1e-9
    expected = {
        (True, True): "both",
        (True, False): "negative",
        (False, False): "none",
    }[(saturates_low, saturates_high)]
    assert props.saturating == expected
    assert props.zero_centered == (activation(0.0) == 0 and bool(np.any(value < 0)))
    assert "∞" in props.range or props.range in ("(0, 1)", "(-1, 1)")


def test_property_ranges():
    assert act.Sigmoid().properties.range == "(0, 1)"
    assert act.Tanh().properties.range == "(-1, 1)"
    assert act.ReLU().properties.range == "[0, ∞)"
    assert act.ELU(alpha=0.5).properties.range == "(-0.5, ∞)"
    assert act.LeakyReLU().properties.range == "(-∞, ∞)"
    assert act.LeakyReLU(slope=-0.5).properties.range == "[0, ∞)"
    # the stated minima are the true ones truncated after 5 decimals
    grid = np.linspace(-2, 0, 200001)
    for activation in (act.GELU(), act.GELU(approximate=True), act.SiLU()):
        lowest = float(activation(grid).min())
        stated = activation.properties.range[1:].split(",")[0]
        assert stated.endswith("…") and len(stated) == len("-0.12345…")
        assert float(stated[:-1]) - 1e-5 < lowest <= float(stated[:-1]), repr(activation)


# --------------------------------------------------------------------------------------
# PReLU and RReLU
# --------------------------------------------------------------------------------------


@settings(deadline=None, max_examples=100)
@given(st.floats(-50.0, 50.0), st.floats(-1.0, 1.0))
def test_prelu_slope_gradient_matches_finite_differences(x, slope):
    h = 1e-6
    numeric = (float(act.PReLU(slope + h)(x)) - float(act.PReLU(slope - h)(x))) / (2 * h)
    assert float(act.PReLU(slope).slope_gradient(x)) == pytest.approx(numeric, rel=1e-6, abs=1e-9)


def test_prelu_slope_is_a_learnable_parameter():
    prelu = act.PReLU()
    assert prelu.slope == 0.25 and prelu.params["slope"].shape == ()
    assert prelu.grads["slope"].shape == prelu.params["slope"].shape
    x = np.array([-2.0, -1.0, 3.0])
    grad_output = np.array([1.0, 2.0, 5.0])
    prelu.grads["slope"][...] = np.sum(grad_output * prelu.slope_gradient(x))
    assert prelu.grads["slope"] == -4.0
    prelu.params["slope"] -= 0.1 * prelu.grads["slope"]  # one SGD step, in place
    np.testing.assert_allclose(prelu(x), [-2 * 0.65, -0.65, 3.0], rtol=1e-15)
    assert prelu.derivative(-1.0) == pytest.approx(0.65)
    assert act.ReLU().params == {} and act.ReLU().grads == {}


def test_rrelu_evaluation_uses_the_mean_slope():
    rrelu = act.RReLU()
    x = np.array([-3.0, -1.0, 0.0, 2.0])
    np.testing.assert_allclose(rrelu(x), [-3 * 11 / 48, -11 / 48, 0.0, 2.0], rtol=1e-15)
    np.testing.assert_allclose(rrelu.derivative(x), [11 / 48, 11 / 48, 11 / 48, 1.0])


def test_rrelu_training_draws_slopes_and_derivative_follows_them():
    rrelu = act.RReLU(lower=0.1, upper=0.3)
    x = -np.ones((50, 40))
    y = rrelu(x, training=True, rng=np.random.default_rng(7))
    slopes = -y
    assert slopes.min() >= 0.1 and slopes.max() <= 0.3 and np.unique(slopes).size > 1000
    np.testing.assert_array_equal(rrelu.last_slopes, slopes)
    np.testing.assert_array_equal(rrelu.derivative(x), slopes)
    np.testing.assert_array_equal(rrelu.derivative(-x), np.ones_like(x))
    with pytest.raises(ValueError, match=r"x must have the shape of the last training call"):
        rrelu.derivative(np.ones(3))
    rrelu(x)  # an evaluation call forgets the drawn slopes
    assert rrelu.last_slopes is None
    np.testing.assert_allclose(rrelu.derivative(x), 0.2)


def test_rrelu_slopes_are_uniform_on_lower_upper():
    lower, upper = 0.1, 0.4
    y = act.RReLU(lower, upper)(-np.ones(200_000), training=True, rng=1)
    slopes = -y
    # mean and variance of U(lower, upper) within 5 standard errors
    n = slopes.size
    assert abs(slopes.mean() - (lower + upper) / 2) < 5 * (upper - lower) / math.sqrt(12 * n)
    assert slopes.var() == pytest.approx((upper - lower) ** 2 / 12, rel=0.02)
    counts, _ = np.histogram(slopes, bins=10, range=(lower, upper))
    assert counts.min() > 0.95 * n / 10


def test_rrelu_paper_expectation_of_one_over_a():
    # the docstring's E[1/a] = ln(8/3)/5 for a ~ U(3, 8), checked by simulation
    a = np.random.default_rng(0).uniform(3, 8, size=1_000_000)
    assert np.mean(1 / a) == pytest.approx(math.log(8 / 3) / 5, rel=1e-3)
    assert abs(math.log(8 / 3) / 5 - 1 / 5.5) > 0.01
    assert abs(math.log(8 / 3) / 5 - (1 / 8 + 1 / 3) / 2) > 0.03


def test_rrelu_seeding_is_deterministic():
    x = -np.ones(20)
    first = act.RReLU(rng=3)(x, training=True)
    again = act.RReLU(rng=3)(x, training=True)
    other = act.RReLU(rng=4)(x, training=True)
    np.testing.assert_array_equal(first, again)
    assert not np.array_equal(first, other)
    # a generator passed at call time takes precedence over the instance's
    by_call = act.RReLU(rng=4)(x, training=True, rng=np.random.default_rng(3))
    np.testing.assert_array_equal(by_call, act.RReLU(rng=np.random.default_rng(3))(x, True))
    # equal bounds: every slope is the bound
    np.testing.assert_array_equal(act.RReLU(0.2, 0.2)(x, training=True), -0.2 * np.ones(20))


def test_rrelu_keeps_dtype_in_training():
    y = act.RReLU(rng=0)(np.float32([-1.0, 2.0]), training=True)
    assert y.dtype == np.float32 and y[1] == 2.0


def test_other_activations_ignore_training():
    x = np.linspace(-3, 3, 7)
    for activation in VARIANTS:
        if not isinstance(activation, act.RReLU):
            np.testing.assert_array_equal(activation(x, training=True), activation(x))


# --------------------------------------------------------------------------------------
# derivative_peak: the supremum of |f'| over the real line
# --------------------------------------------------------------------------------------

PEAK_GRID = np.linspace(-50.0, 50.0, 2_000_001)  # step 5e-5
PEAK_VARIANTS = [
    *VARIANTS,
    act.Sigmoid(a=0.3),
    act.LeakyReLU(slope=-2.0),
    act.PReLU(slope=1.5),
    act.ELU(alpha=3.0),
]


def _grid_peak(activation) -> float:
    """max |f'| on a dense grid, computed from the derivative alone."""
    return float(np.max(np.abs(activation.derivative(PEAK_GRID))))


@pytest.mark.parametrize("activation", PEAK_VARIANTS, ids=[repr(a) for a in PEAK_VARIANTS])
def test_derivative_peak_is_the_supremum_on_a_dense_grid(activation):
    peak = activation.derivative_peak()
    assert type(peak) is float
    grid_peak = _grid_peak(activation)
    # the grid cannot exceed the supremum, and comes within (step / 2)^2 |f''| / 2 of it
    assert grid_peak <= peak * (1 + 1e-15)
    assert grid_peak >= peak * (1 - 1e-9)


def test_every_registered_activation_has_its_peak_checked():
    assert {type(a) for a in PEAK_VARIANTS} == set(act.ACTIVATIONS.values())


def test_the_peaks_the_book_relies_on_are_exact():
    # the book's claims use max sigma' = 1/4 and a saturation threshold of 1 % of it
    assert act.Sigmoid().derivative_peak() == 0.25
    assert act.Sigmoid(a=2.0).derivative_peak() == 0.5
    assert act.Tanh().derivative_peak() == 1.0
    assert act.ReLU().derivative_peak() == 1.0
    assert act.Softplus().derivative_peak() == 1.0  # approached as x -> inf, never reached
    # GELU: Phi(sqrt 2) + sqrt(2) phi(sqrt 2); SiLU: at the root of x tanh(x/2) = 2
    r = math.sqrt(2)
    expected = special.ndtr(r) + r * math.exp(-1) / math.sqrt(2 * math.pi)
    assert act.GELU().derivative_peak() == pytest.approx(expected, rel=1e-15)
    from scipy.optimize import brentq

    root = brentq(lambda x: x * math.tanh(x / 2) - 2, 2, 3, xtol=1e-15)
    expected = float(sigma_reference(root) * (1 + root * sigma_reference(-root)))
    assert act.SiLU().derivative_peak() == pytest.approx(expected, rel=1e-14)


def test_prelu_peak_follows_the_learned_slope():
    prelu = act.PReLU()
    assert prelu.derivative_peak() == 1.0
    prelu.params["slope"][...] = -1.75  # an optimizer step, in place
    assert prelu.derivative_peak() == 1.75


@pytest.mark.parametrize(("lower", "upper"), [(1 / 8, 1 / 3), (-2.0, 0.5), (0.5, 1.5)])
def test_rrelu_peak_bounds_every_slope_and_ignores_the_last_training_call(lower, upper):
    rrelu = act.RReLU(lower, upper, rng=0)
    rrelu(-np.ones((50, 40)), training=True)
    drawn = rrelu.last_slopes.copy()
    peak = rrelu.derivative_peak()  # a grid of the derivative would raise here:
    with pytest.raises(ValueError, match="shape of the last training call"):
        rrelu.derivative(PEAK_GRID)
    np.testing.assert_array_equal(rrelu.last_slopes, drawn)  # the peak left them alone
    assert peak == max(1.0, abs(lower), abs(upper))
    # independently: the evaluation grid and many drawn slopes come up to the peak
    sampled = act.RReLU(lower, upper, rng=1)(-np.ones(100_000), training=True)
    independent = max(_grid_peak(act.RReLU(lower, upper)), float(np.abs(sampled).max()))
    assert independent <= peak and independent >= peak - 1e-3
    assert np.abs(drawn).max() <= peak


# --------------------------------------------------------------------------------------
# functional shortcuts
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("function", "instance", "method"),
    [
        (lambda x: act.sigmoid(x, a=2.0), act.Sigmoid(2.0), "__call__"),
        (lambda x: act.sigmoid_derivative(x, a=2.0), act.Sigmoid(2.0), "derivative"),
        (act.tanh, act.Tanh(), "__call__"),
        (act.tanh_derivative, act.Tanh(), "derivative"),
        (act.relu, act.ReLU(), "__call__"),
        (act.relu_derivative, act.ReLU(), "derivative"),
        (lambda x: act.leaky_relu(x, 0.1), act.LeakyReLU(0.1), "__call__"),
        (lambda x: act.leaky_relu_derivative(x, 0.1), act.LeakyReLU(0.1), "derivative"),
        (lambda x: act.elu(x, 0.5), act.ELU(0.5), "__call__"),
        (lambda x: act.elu_derivative(x, 0.5), act.ELU(0.5), "derivative"),
        (lambda x: act.gelu(x, True), act.GELU(True), "__call__"),
        (lambda x: act.gelu_derivative(x, True), act.GELU(True), "derivative"),
        (act.silu, act.SiLU(), "__call__"),
        (act.silu_derivative, act.SiLU(), "derivative"),
        (act.softplus, act.Softplus(), "__call__"),
        (act.softplus_derivative, act.Softplus(), "derivative"),
    ],
)
def test_functional_shortcuts_match_classes(function, instance, method):
    x = np.linspace(-8, 8, 33)
    np.testing.assert_array_equal(function(x), getattr(instance, method)(x))


# --------------------------------------------------------------------------------------
# cost of the sigmoid
# --------------------------------------------------------------------------------------


def test_sigmoid_is_as_fast_as_expit_with_little_memory():
    x = np.random.default_rng(0).normal(scale=5, size=10**6)
    ratio = time_ratio(act.sigmoid, special.expit, x, repeats=7)
    assert ratio.median < 1.3
    # the result plus small per-block scratch: far below one extra output-sized temporary
    assert peak_memory(act.sigmoid, x) < 1.2 * x.nbytes
    np.testing.assert_allclose(act.sigmoid(x), special.expit(x), rtol=1e-15, atol=0)


def test_extreme_hyperparameters_in_low_precision_round_without_warnings():
    # the scale a = 1e10 overflows float16 itself: a * x is formed in float64
    x = np.array([0.0, 1.0, -1.0], dtype=np.float16)
    np.testing.assert_array_equal(act.Sigmoid(a=1e10)(x), np.array([0.5, 1.0, 0.0], np.float16))
    np.testing.assert_array_equal(
        act.Sigmoid(a=1e10).derivative(x), np.array([np.inf, 0.0, 0.0], np.float16)
    )
    # a slope beyond float32's range is the correctly rounded +-inf
    x32 = np.array([1.0, -1.0], dtype=np.float32)
    np.testing.assert_array_equal(act.LeakyReLU(slope=-1e300).derivative(x32), [1.0, -np.inf])
    np.testing.assert_array_equal(act.PReLU(slope=1e300).derivative(x32), [1.0, np.inf])
