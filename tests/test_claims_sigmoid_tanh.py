"""Claims of the chapter *Sigmoid and tanh*, checked against independent computations."""

import math
import sys
from types import SimpleNamespace

import mpmath
import numpy as np
import pytest

from actbook import nn
from actbook.activations import Sigmoid, Tanh, sigmoid, sigmoid_derivative, tanh, tanh_derivative
from actbook.claims import get_claim
from actbook.claims import sigmoid_tanh as st
from actbook.sources import REGISTER


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
    assert value("sigmoid_tanh.shape_slope_error") < 1e-8


def test_shape_parameter_lifts_the_slope_above_one():
    # sigma'(0; a) = a/4: mpmath's derivative at 0 equals 1 exactly at a = 4.
    def slope(a):
        return mpmath.diff(lambda x: 1 / (1 + mpmath.exp(-a * x)), 0)

    root = mpmath.findroot(lambda a: slope(a) - 1, 3)
    assert value("sigmoid_tanh.shape_slope_one_a") == pytest.approx(float(root), abs=1e-9)
    assert mpmath.almosteq(root, 4, 1e-30)
    assert value("sigmoid_tanh.shape_steep_a") == st.STEEP_SHAPE
    # The peak at the origin, a/4 for the steep a, from mpmath; the grid contains 0.
    expected = float(slope(mpmath.mpf(st.STEEP_SHAPE)))
    assert value("sigmoid_tanh.shape_steep_slope") == pytest.approx(expected, rel=1e-14)
    assert expected > 1
    assert st.STEEP_SHAPE in st.SHAPES  # the figure shows the steep curve too


def test_tanh_identity():
    for x in (-8.0, -0.3, 0.0, 2.5):
        assert mpmath.almosteq(2 * mp_sigmoid(2 * x) - 1, mpmath.tanh(x), 1e-35)
    assert 0 < value("sigmoid_tanh.tanh_identity_error") < 1e-15


def test_no_translation_of_the_sigmoid_is_tanh():
    # Independent: brute force over a grid of shifts c, with the best vertical shift d for
    # each (the midrange of the residual), evaluated with math.tanh and math.exp.
    xs = [i / 100 for i in range(-1000, 1001)]
    tanh_xs = [math.tanh(x) for x in xs]

    def gap(c):
        r = [1 / (1 + math.exp(-(x - c))) - t for x, t in zip(xs, tanh_xs, strict=True)]
        return (max(r) - min(r)) / 2

    brute = min(gap(c / 20) for c in range(-100, 101))
    claimed = value("sigmoid_tanh.tanh_translation_gap")
    assert claimed == pytest.approx(brute, abs=1e-5)  # a coarser grid of x and of c
    # Lower bound on the whole line: the ranges differ in width by one, so the gap is >= 1/2.
    assert claimed > 0.5


def test_tanh_is_the_tangent_on_the_imaginary_axis():
    for x in (-7.0, -0.4, 0.0, 3.3):
        assert mpmath.almosteq(mpmath.tanh(x), -1j * mpmath.tan(1j * x), 1e-35)
    assert 0 <= value("sigmoid_tanh.tanh_tan_identity_error") < 1e-15


def test_sigmoid_symmetry():
    for x in (-9.0, -0.5, 0.0, 4.2):
        assert mpmath.almosteq(mp_sigmoid(-x), 1 - mp_sigmoid(x), 1e-35)
    assert 0 <= value("sigmoid_tanh.sigmoid_symmetry_error") < 1e-15


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
    # The register judges S1's "derivatives below one" on these maxima.
    below_one = REGISTER["S1.derivative-below-one"]
    assert below_one.verdict == "imprecise"
    assert "sigmoid_tanh.tanh_derivative_max" in below_one.claims


def test_infimum_is_positive_at_twenty():
    assert value("sigmoid_tanh.wide_half_width") == 20
    exact = float(mpmath.diff(mp_sigmoid, 20))
    assert value("sigmoid_tanh.sigmoid_derivative_min_20") == pytest.approx(exact, rel=1e-12)
    assert exact > 0


def test_run_parameters_are_the_ones_the_computations_use():
    assert value("sigmoid_tanh.grid_half_width") == st.GRID[-1] == -st.GRID[0] == 10
    assert value("sigmoid_tanh.grid_step") == pytest.approx(np.diff(st.GRID).max(), rel=1e-9)
    assert value("sigmoid_tanh.grid_step") == pytest.approx(1e-3)
    assert 0.0 in st.GRID
    assert value("sigmoid_tanh.fd_step") == st.STEP == 1e-5
    # The central difference really uses that step: f(x) = x**2 gives 2x + 0 exactly-ish,
    # and f(x) = x**3 gives 3x**2 + h**2.
    cubic = st.central_difference(lambda x: x**3, np.array([0.0]))[0]
    assert cubic == pytest.approx(value("sigmoid_tanh.fd_step") ** 2, rel=1e-6)
    assert value("sigmoid_tanh.saturation_level") == nn.SATURATION_THRESHOLD
    assert get_claim("sigmoid_tanh.saturation_level").render() == "1 %"
    assert value("sigmoid_tanh.float64_precision_bits") == sys.float_info.mant_dig == 53
    assert value("sigmoid_tanh.timing_size") == st.TIMING_SIZE
    assert value("sigmoid_tanh.layer_size") == st.LAYER_SIZE
    assert value("sigmoid_tanh.timing_repeats") == st.TIMING_REPEATS
    assert value("sigmoid_tanh.sign_batch_size") == st.SIGN_BATCH
    assert value("sigmoid_tanh.sign_inputs") == st.SIGN_INPUTS


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


def test_gradient_signs_one_per_example_mixed_per_batch():
    # Independent re-computation: the same draws, the sigmoid written out with np.exp, and
    # the mixed test done per batch with Python sets of signs.
    rng = np.random.default_rng(st.SIGN_SEED)
    u = rng.standard_normal((st.SIGN_TRIALS, st.SIGN_BATCH, st.SIGN_INPUTS))
    delta = rng.standard_normal((st.SIGN_TRIALS, st.SIGN_BATCH))
    x = 1.0 / (1.0 + np.exp(-u))
    mixed_examples = mixed_batches = 0
    for trial in range(st.SIGN_TRIALS):
        grads = delta[trial][:, None] * x[trial]
        mixed_examples += sum(len(set(np.sign(g))) > 1 for g in grads)
        mixed_batches += len(set(np.sign(grads.sum(axis=0)))) > 1
    assert mixed_examples == 0
    assert value("sigmoid_tanh.sign_mix_example") == 0.0
    assert value("sigmoid_tanh.sign_mix_batch") == mixed_batches / st.SIGN_TRIALS
    assert 0.2 < value("sigmoid_tanh.sign_mix_batch") < 0.8


TIMING_CLAIMS = {
    "exp_cost": ("elementwise_cost", "exp"),
    "tanh_cost": ("elementwise_cost", "tanh"),
    "sigmoid_cost": ("elementwise_cost", "sigmoid"),
    "layer_cost": ("layer_cost", "sigmoid"),
    "layer_tanh_cost": ("layer_cost", "tanh"),
}


def test_timing_claims_report_the_median_and_quartiles_of_their_measurement(monkeypatch):
    fakes = {
        (measure, name): SimpleNamespace(
            median=10.0 * i + 5.0, q1=10.0 * i + 4.0, q3=10.0 * i + 6.5
        )
        for i, (measure, name) in enumerate(TIMING_CLAIMS.values())
    }
    monkeypatch.setattr(st, "elementwise_cost", lambda name: fakes["elementwise_cost", name])
    monkeypatch.setattr(st, "layer_cost", lambda name: fakes["layer_cost", name])
    for prefix, key in TIMING_CLAIMS.items():
        fake = fakes[key]
        for statistic in ("median", "q1", "q3"):
            claim = get_claim(f"sigmoid_tanh.{prefix}_{statistic}")
            assert claim.volatile
            assert claim.measure() == getattr(fake, statistic), (prefix, statistic)


def test_timings_measured_live(monkeypatch):
    # Small arrays keep this fast. In isolation np.exp and np.tanh cost more than
    # np.maximum(x, 0); the sigmoid, with its extra passes, more than np.exp alone.
    monkeypatch.setattr(st, "TIMING_SIZE", 100_000)
    monkeypatch.setattr(st, "LAYER_SIZE", 200)
    monkeypatch.setattr(st, "TIMING_REPEATS", 9)
    st.elementwise_cost.cache_clear()
    st.layer_cost.cache_clear()
    try:
        ratios = {name: st.elementwise_cost(name) for name in st.ELEMENTWISE}
        for timing in ratios.values():
            assert timing.q1 <= timing.median <= timing.q3
            assert len(timing.samples) == 9
        assert ratios["exp"].median > 1.0
        assert ratios["tanh"].median > 1.0
        assert ratios["sigmoid"].median > ratios["exp"].median
        for name in ("sigmoid", "tanh"):
            layer = st.layer_cost(name)
            assert layer.q1 <= layer.median <= layer.q3
            assert layer.median > 0.0
    finally:
        st.elementwise_cost.cache_clear()
        st.layer_cost.cache_clear()


def test_timed_functions_compute_what_they_claim():
    x = np.linspace(-3, 3, 13)
    assert np.array_equal(st.relu_max(x), np.where(x > 0, x, 0.0))
    assert st.ELEMENTWISE["exp"] is np.exp and st.ELEMENTWISE["tanh"] is np.tanh
    expected = np.array([float(mp_sigmoid(v)) for v in x])
    assert np.allclose(st.ELEMENTWISE["sigmoid"](x), expected, rtol=1e-15, atol=0)
