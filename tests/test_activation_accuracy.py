"""Accuracy of every activation and derivative against 50-digit mpmath references.

The grid is 20 001 float64 points on [-50, 50] (step 0.005); GELU also gets 4 000 random
points on [-3.5, 0.5], where SciPy's erfc, behind its textbook formula, is least accurate.
Errors are measured in ulp of the correctly rounded reference:
|got - ref| / spacing(|float(ref)|), with the reference kept as a double-double
(high + low) so the subtraction itself is exact. Where the reference is subnormal its
spacing is 2^-1074, so the error in ulp is the absolute error in units of 2^-1074.

Derivatives are sums of terms (Phi(x) + x phi(x) for GELU) that cancel near their zeros,
where any rounding of a term is magnified by |terms| / |sum|. Their errors are measured
in ulp of the size of the terms, |first| + |second|: the ulp of the result wherever the
terms do not cancel, and the meaningful measure where they do.

The bounds are the ones the docstrings state: 4 ulp unless :data:`BOUNDS` says otherwise.
"""

from __future__ import annotations

import functools
import math

import mpmath as mp
import numpy as np
import pytest
from scipy import special

from actbook import activations as act

mp.mp.dps = 50
GRID = np.linspace(-50.0, 50.0, 20001)
GELU_POINTS = np.sort(np.random.default_rng(2026).uniform(-3.5, 0.5, 4000))
SQRT_2_OVER_PI = mp.sqrt(2 / mp.pi)
GELU_CUBIC = mp.mpf("0.044715")


def _sigma(x):
    return 1 / (1 + mp.exp(-x))


def _gelu_tanh_terms(x):
    y = 2 * SQRT_2_OVER_PI * (x + GELU_CUBIC * x**3)
    s = _sigma(y)
    return s, x * s * (1 - s) * 2 * SQRT_2_OVER_PI * (1 + 3 * GELU_CUBIC * x * x)


def _leaky(slope):
    return lambda x: x if x > 0 else mp.mpf(slope) * x


RRELU_EVAL_SLOPE = act.RReLU().eval_slope  # the float64 the code uses

# name -> (function under test, mpmath reference)
VALUES = {
    "sigmoid": (act.sigmoid, _sigma),
    "sigmoid(a=2)": (lambda x: act.sigmoid(x, a=2.0), lambda x: _sigma(2 * x)),
    "tanh": (act.tanh, mp.tanh),
    "relu": (act.relu, lambda x: max(x, mp.mpf(0))),
    "leaky_relu": (act.leaky_relu, _leaky(0.01)),
    "prelu": (act.PReLU(), _leaky(0.25)),
    "rrelu": (act.RReLU(), _leaky(RRELU_EVAL_SLOPE)),
    "elu": (act.elu, lambda x: x if x > 0 else mp.expm1(x)),
    "gelu": (act.gelu, lambda x: x * mp.ncdf(x)),
    "gelu(tanh)": (
        lambda x: act.gelu(x, approximate=True),
        lambda x: x * _sigma(2 * SQRT_2_OVER_PI * (x + GELU_CUBIC * x**3)),
    ),
    "silu": (act.silu, lambda x: x * _sigma(x)),
    "softplus": (act.softplus, lambda x: mp.log1p(mp.exp(x))),
}

# name -> (function under test, reference as a tuple of terms that add up to it)
DERIVATIVES = {
    "sigmoid'": (act.sigmoid_derivative, lambda x: (_sigma(x) * _sigma(-x),)),
    "sigmoid'(a=2)": (
        lambda x: act.sigmoid_derivative(x, a=2.0),
        lambda x: (2 * _sigma(2 * x) * _sigma(-2 * x),),
    ),
    "tanh'": (act.tanh_derivative, lambda x: (mp.sech(x) ** 2,)),
    "relu'": (act.relu_derivative, lambda x: (mp.mpf(1 if x > 0 else 0),)),
    "leaky_relu'": (act.leaky_relu_derivative, lambda x: (mp.mpf(1 if x > 0 else 0.01),)),
    "elu'": (act.elu_derivative, lambda x: (mp.mpf(1) if x > 0 else mp.exp(x),)),
    "gelu'": (act.gelu_derivative, lambda x: (mp.ncdf(x), x * mp.npdf(x))),
    "gelu(tanh)'": (lambda x: act.gelu_derivative(x, approximate=True), _gelu_tanh_terms),
    "silu'": (act.silu_derivative, lambda x: (_sigma(x), x * _sigma(x) * _sigma(-x))),
    "softplus'": (act.softplus_derivative, lambda x: (_sigma(x),)),
}

# --------------------------------------------------------------------------------------
# The stated bounds (GELU and SiLU docstrings)
# --------------------------------------------------------------------------------------

TINY = 2.0**-1074  # the spacing of subnormal numbers
GELU_ULP, GELU_DERIVATIVE_ULP = 16.0, 5.0
GELU_TINY = 40  # plus 40 * 2^-1074 where Phi(x) or phi(x) is subnormal (x < -37.5)


def _gelu_tanh_ulp(x):
    # the sigmoid magnifies the rounding errors of its argument 2u by |2u|
    two_u = math.sqrt(8 / math.pi) * (x + 0.044715 * x**3)
    return np.where(x >= -1.0, 4.0, 4.0 * np.abs(two_u))


# name -> (bound in ulp as a function of x, extra absolute error in units of 2^-1074)
BOUNDS = {
    "gelu": (lambda x: np.full_like(x, GELU_ULP), GELU_TINY),
    "gelu'": (lambda x: np.full_like(x, GELU_DERIVATIVE_ULP), GELU_TINY),
    "gelu(tanh)": (_gelu_tanh_ulp, 0),
    "gelu(tanh)'": (_gelu_tanh_ulp, 0),
}


def bound(name: str, x: np.ndarray, reference_size: np.ndarray) -> np.ndarray:
    """The stated bound at x in ulp of ``reference_size``."""
    ulp, tiny = BOUNDS.get(name, (lambda x: np.full_like(x, 4.0), 0))
    return ulp(x) + tiny * TINY / np.spacing(np.abs(reference_size))


@functools.cache
def reference(name: str, points: str = "grid") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(high, low, |term| sum) of the reference on GRID or GELU_POINTS, computed once."""
    function = VALUES[name][1] if name in VALUES else None
    x_values = GRID if points == "grid" else GELU_POINTS
    high, low, magnitude = (np.empty_like(x_values) for _ in range(3))
    for i, x in enumerate(x_values):
        x = mp.mpf(float(x))
        terms = (function(x),) if function else DERIVATIVES[name][1](x)
        exact = mp.fsum(terms)
        high[i] = float(exact)
        low[i] = float(exact - mp.mpf(high[i]))
        magnitude[i] = float(mp.fsum(abs(t) for t in terms))
    return high, low, magnitude


def ulp_errors(got: np.ndarray, name: str, points: str = "grid") -> tuple[np.ndarray, np.ndarray]:
    """Errors in ulp of the reference and in ulp of the size of its terms."""
    high, low, magnitude = reference(name, points)
    error = np.abs((got - high) - low)  # got - high is exact: they agree to a few ulp
    return error / np.spacing(np.abs(high)), error / np.spacing(magnitude)


def _worst(errors: np.ndarray, limit: np.ndarray, x: np.ndarray) -> str:
    i = np.argmax(errors - limit)
    return f"{errors[i]:.2f} ulp > {limit[i]:.2f} at x = {x[i]}"


@pytest.mark.parametrize("name", VALUES)
def test_values_within_their_bound(name):
    errors, _ = ulp_errors(VALUES[name][0](GRID), name)
    limit = bound(name, GRID, reference(name)[0])
    assert np.all(errors <= limit), f"{name}: {_worst(errors, limit, GRID)}"


@pytest.mark.parametrize("name", DERIVATIVES)
def test_derivatives_within_their_bound_of_the_terms(name):
    _, errors = ulp_errors(DERIVATIVES[name][0](GRID), name)
    limit = bound(name, GRID, reference(name)[2])
    assert np.all(errors <= limit), f"{name}: {_worst(errors, limit, GRID)}"


def test_gelu_where_erfc_is_least_accurate():
    errors, _ = ulp_errors(act.gelu(GELU_POINTS), "gelu", "random")
    assert errors.max() <= GELU_ULP, f"{errors.max():.2f} ulp"
    _, errors = ulp_errors(act.gelu_derivative(GELU_POINTS), "gelu'", "random")
    assert errors.max() <= GELU_DERIVATIVE_ULP, f"{errors.max():.2f} ulp"


def test_single_term_derivatives_are_measured_against_the_result():
    # with one term the size of the terms is the result, so nothing is hidden
    for name in ("sigmoid'", "tanh'", "elu'", "softplus'"):
        errors, errors_of_terms = ulp_errors(DERIVATIVES[name][0](GRID), name)
        np.testing.assert_array_equal(errors, errors_of_terms)


def test_two_term_derivatives_within_twice_their_bound_where_terms_barely_cancel():
    # where the terms add up to more than half their size, the bound in ulp of the
    # terms is, at most doubled, a bound in ulp of the result
    for name in ("gelu'", "silu'", "gelu(tanh)'"):
        errors, _ = ulp_errors(DERIVATIVES[name][0](GRID), name)
        high, _, magnitude = reference(name)
        normal = np.abs(high) > 1e-300
        barely = normal & (magnitude < 2 * np.abs(high))
        assert barely.sum() > 0.9 * normal.sum()  # everywhere but near the zero
        limit = 2 * bound(name, GRID, magnitude)
        assert np.all(errors[barely] <= limit[barely]), name


def test_the_bounds_reject_the_textbook_forms_they_replace():
    # the accurate left tail of Phi and the sigmoid form of the tanh approximation are
    # needed: without them the stated bounds fail
    x = GRID
    plain_erfc = 0.5 * x * special.erfc(-x / math.sqrt(2))
    errors, _ = ulp_errors(plain_erfc, "gelu")
    limit = bound("gelu", x, reference("gelu")[0])
    assert np.any(errors > limit)
    assert np.any(errors[(x > -6) & (x < -3)] > GELU_ULP)  # already where |GELU| > 1e-8
    u = math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)
    tanh_form = 0.5 * x * (1 + np.tanh(u))
    errors, _ = ulp_errors(tanh_form, "gelu(tanh)")
    left = (x > -4) & (x < -1)
    assert np.any(errors[left] > _gelu_tanh_ulp(x)[left])


def test_the_measure_sees_one_ulp():
    # a result nudged by one ulp must show up as (about) one more ulp of error
    got = act.sigmoid(GRID)
    nudged = np.nextafter(got, np.inf)
    errors, _ = ulp_errors(got, "sigmoid")
    errors_nudged, _ = ulp_errors(nudged, "sigmoid")
    inside = (GRID > -30) & (GRID < 30)  # away from the saturated ends
    assert np.all(np.abs(errors_nudged - errors)[inside] <= 1.0 + 1e-9)
    assert np.median(errors_nudged[inside] - errors[inside]) > 0.4
    assert (errors_nudged[inside] > 1.0).any()


def _absolute_errors(got, expected) -> np.ndarray:
    return np.abs([float(mp.mpf(float(g)) - e) for g, e in zip(got, expected, strict=True)])


def test_subnormal_tails_are_within_their_stated_bound():
    # where the gate is subnormal it is rounded to multiples of 2^-1074 before the
    # product with x: SiLU within |x|/2 + 1 of those units, plus 1 ulp of the result
    x = np.linspace(-745.0, -708.4, 1001)
    expected = [mp.mpf(v) * _sigma(mp.mpf(v)) for v in x]
    limit = (np.abs(x) / 2 + 1) * TINY + np.spacing(np.abs([float(e) for e in expected]))
    assert np.all(_absolute_errors(act.silu(x), expected) <= limit)
    expected = [_sigma(mp.mpf(v)) * (1 + mp.mpf(v) * _sigma(-mp.mpf(v))) for v in x]
    limit = (np.abs(x) / 2 + 1) * TINY + np.spacing(np.abs([float(e) for e in expected]))
    assert np.all(_absolute_errors(act.silu_derivative(x), expected) <= limit)
    # GELU: 16 ulp + 40 * 2^-1074, here where Phi(x) turns subnormal
    t = np.linspace(-38.5, -37.4, 221)
    for function, exact in (
        (act.gelu, lambda v: v * mp.ncdf(v)),
        (act.gelu_derivative, lambda v: mp.ncdf(v) + v * mp.npdf(v)),
    ):
        expected = [exact(mp.mpf(v)) for v in t]
        size = np.abs([float(e) for e in expected])
        limit = GELU_ULP * np.spacing(size) + GELU_TINY * TINY
        assert np.all(_absolute_errors(function(t), expected) <= limit)
