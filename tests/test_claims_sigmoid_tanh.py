"""Claims of the chapter *Sigmoid and tanh*, checked against independent computations."""

import math
from types import SimpleNamespace

import mpmath
import numpy as np
import pytest

from actbook import nn
from actbook.activations import Sigmoid, Tanh, sigmoid, sigmoid_derivative, tanh, tanh_derivative
from actbook.claims import get_claim
from actbook.claims import sigmoid_tanh as st


@pytest.fixture(autouse=True)
def forty_digits():
    """Work with 40 digits without changing mpmath's precision for other test files."""
    with mpmath.workdps(40):
        yield


def value(claim_id: str) -> float:
    return float(get_claim(claim_id).compute())


def mp_sigmoid(x: float) -> mpmath.mpf:
    return 1 / (1 + mpmath.exp(-mpmath.mpf(x)))


# Every fifth point of the chapter's grid keeps mpmath fast.
COARSE = st.GRID[::5]


def test_sigmoid_derivative_matches_mpmath_and_fd_error_is_rounding_noise():
    exact = np.array([float(mpmath.diff(mp_sigmoid, x)) for x in COARSE])
    assert np.max(np.abs(sigmoid_derivative(COARSE) - exact)) < 1e-15
    s = sigmoid(COARSE)
    assert np.max(np.abs(s * (1 - s) - exact)) < 1e-15
    # Central difference with h = 1e-5: truncation ~1e-11, rounding ~1e-11.
    error = value("sigmoid_tanh.sigmoid_derivative_fd_error")
    assert 1e-13 < error < 1e-9
    fd = (sigmoid(COARSE + 1e-5) - sigmoid(COARSE - 1e-5)) / 2e-5
    assert np.max(np.abs(fd - exact)) <= error * 1.01


def test_tanh_derivative_matches_mpmath_and_fd_error_is_rounding_noise():
    exact = np.array([float(mpmath.sech(x) ** 2) for x in COARSE])
    assert np.max(np.abs(tanh_derivative(COARSE) - exact)) < 1e-15
    assert np.max(np.abs(1 - tanh(COARSE) ** 2 - exact)) < 1e-15
    error = value("sigmoid_tanh.tanh_derivative_fd_error")
    assert 1e-13 < error < 1e-9
    fd = (tanh(COARSE + 1e-5) - tanh(COARSE - 1e-5)) / 2e-5
    assert np.max(np.abs(fd - exact)) <= error * 1.01


def test_exponential_forms_agree_with_product_forms():
    # mpmath: the two forms are the same real function, so their gap is rounding only.
    for x in (-7.3, -1.0, 0.0, 0.5, 9.9):
        e = mpmath.exp(-mpmath.mpf(x))
        assert mpmath.almosteq(e / (1 + e) ** 2, mp_sigmoid(x) * (1 - mp_sigmoid(x)), 1e-35)
        ex = mpmath.exp(mpmath.mpf(x))
        assert mpmath.almosteq(4 / (ex + 1 / ex) ** 2, 1 - mpmath.tanh(x) ** 2, 1e-35)
    assert 0 < value("sigmoid_tanh.sigmoid_derivative_forms_error") < 1e-15
    assert 0 < value("sigmoid_tanh.tanh_derivative_forms_error") < 1e-14


def test_shape_slope_is_a_over_four():
    for a in st.SHAPES:
        slope = mpmath.diff(lambda x, a=a: 1 / (1 + mpmath.exp(-a * x)), 0)
        assert mpmath.almosteq(slope, mpmath.mpf(a) / 4, 1e-30)
        assert float(sigmoid(np.array(1.3), a=a)) == pytest.approx(float(mp_sigmoid(a * 1.3)))
    assert value("sigmoid_tanh.shape_slope_error") < 1e-9


def test_tanh_identity():
    for x in (-8.0, -0.3, 0.0, 2.5):
        assert mpmath.almosteq(2 * mp_sigmoid(2 * x) - 1, mpmath.tanh(x), 1e-35)
    assert 0 < value("sigmoid_tanh.tanh_identity_error") < 1e-15


def test_maxima_at_zero():
    assert value("sigmoid_tanh.sigmoid_derivative_max") == 0.25
    assert value("sigmoid_tanh.sigmoid_derivative_argmax") == 0.0
    assert value("sigmoid_tanh.tanh_derivative_max") == 1.0
    assert value("sigmoid_tanh.tanh_derivative_argmax") == 0.0
    # The chapter's grid confirms the peaks that the rest of the package uses.
    assert value("sigmoid_tanh.sigmoid_derivative_max") == Sigmoid().derivative_peak()
    assert value("sigmoid_tanh.tanh_derivative_max") == Tanh().derivative_peak()
    # Independent: the derivatives are even and decreasing in |x|.
    assert float(mpmath.diff(mp_sigmoid, 1e-3)) < 0.25
    assert float(mpmath.sech(1e-3) ** 2) < 1.0
    assert get_claim("sigmoid_tanh.tanh_derivative_max").verdict == "imprecise"


def test_infimum_is_positive_at_twenty():
    exact = float(mpmath.diff(mp_sigmoid, 20))
    assert value("sigmoid_tanh.sigmoid_derivative_min_20") == pytest.approx(exact, rel=1e-12)
    assert exact > 0


def test_saturation_thresholds_closed_form():
    # sigma(1 - sigma) = 1/400  =>  sigma = (1 + sqrt(1 - 1/100)) / 2, x = logit(sigma).
    p = (1 + math.sqrt(0.99)) / 2
    assert value("sigmoid_tanh.sigmoid_saturation_x") == pytest.approx(
        math.log(p / (1 - p)), abs=1e-9
    )
    # 1 - tanh^2 = 1/100  =>  x = atanh(sqrt(0.99)), exactly half the sigmoid's threshold.
    assert value("sigmoid_tanh.tanh_saturation_x") == pytest.approx(
        math.atanh(math.sqrt(0.99)), abs=1e-9
    )


def test_saturation_thresholds_follow_the_packages_one_percent_rule(monkeypatch):
    # The chapter's 1 % is nn.SATURATION_THRESHOLD, the rule of nn.layer_statistics:
    # with q instead, sigma(1 - sigma) = q / 4 gives sigma = (1 + sqrt(1 - q)) / 2.
    assert nn.SATURATION_THRESHOLD == 0.01
    q = 0.04
    monkeypatch.setattr(st, "SATURATION_THRESHOLD", q)
    p = (1 + math.sqrt(1 - q)) / 2
    assert value("sigmoid_tanh.sigmoid_saturation_x") == pytest.approx(
        math.log(p / (1 - p)), abs=1e-9
    )
    assert value("sigmoid_tanh.tanh_saturation_x") == pytest.approx(
        math.atanh(math.sqrt(1 - q)), abs=1e-9
    )


def test_curvature_extremum_is_log_two_plus_sqrt_three():
    assert value("sigmoid_tanh.sigmoid_curvature_x") == pytest.approx(
        math.log(2 + math.sqrt(3)), abs=1e-6
    )


def test_float64_zero_derivative_threshold():
    x = value("sigmoid_tanh.float64_zero_derivative_x")
    assert x == pytest.approx(53 * math.log(2), abs=1e-6)
    assert st.product_form_is_zero(x + 1e-6)
    assert not st.product_form_is_zero(x - 1e-6)


def test_logistic_ode_error_with_independent_rk4():
    # Classical RK4 written here, step 1e-3, against mpmath's sigmoid.
    def rk4(end: float, steps: int) -> float:
        h, p, t, worst = end / steps, 0.5, 0.0, 0.0
        f = lambda q: q * (1 - q)  # noqa: E731
        for _ in range(steps):
            k1 = f(p)
            k2 = f(p + h * k1 / 2)
            k3 = f(p + h * k2 / 2)
            k4 = f(p + h * k3)
            p += h * (k1 + 2 * k2 + 2 * k3 + k4) / 6
            t += h
            worst = max(worst, abs(p - float(mp_sigmoid(t))))
        return worst

    assert max(rk4(10.0, 10_000), rk4(-10.0, 10_000)) < 1e-12
    assert value("sigmoid_tanh.logistic_ode_error") < 1e-9


def test_central_difference_and_max_abs_difference():
    x = np.array([0.0, 1.0, -2.0])
    assert np.allclose(st.central_difference(np.sin, x), np.cos(x), atol=1e-9)
    assert st.max_abs_difference(np.array([1.0, -3.0]), np.array([0.0, 0.0])) == 3.0


def test_timing_claims_are_ordered_quartiles(monkeypatch):
    fake = SimpleNamespace(median=5.0, q1=4.0, q3=6.5)
    monkeypatch.setattr(st, "exp_cost", lambda: fake)
    monkeypatch.setattr(st, "layer_cost", lambda: SimpleNamespace(median=1.1, q1=1.0, q3=1.2))
    assert (value("sigmoid_tanh.exp_cost_q1"), value("sigmoid_tanh.exp_cost_median")) == (4.0, 5.0)
    assert value("sigmoid_tanh.exp_cost_q3") == 6.5
    assert value("sigmoid_tanh.layer_cost_median") == 1.1
    assert get_claim("sigmoid_tanh.exp_cost_median").volatile


def test_timings_measured_live(monkeypatch):
    # Small arrays keep this fast; the real measurement: the sigmoid needs exp, so it is slower.
    monkeypatch.setattr(st, "TIMING_SIZE", 100_000)
    monkeypatch.setattr(st, "LAYER_SIZE", 100)
    st.exp_cost.cache_clear()
    st.layer_cost.cache_clear()
    try:
        timing = st.exp_cost()
        assert timing.q1 <= timing.median <= timing.q3
        assert timing.median > 1.0
        layer = st.layer_cost()
        assert layer.q1 <= layer.median <= layer.q3
        assert layer.median > 0.0
    finally:
        st.exp_cost.cache_clear()
        st.layer_cost.cache_clear()
