"""Tests of actbook.init: sample moments against the variance formulas."""

import math

import numpy as np
import pytest

from actbook import init

SHAPE = (400, 600)  # 240 000 draws: 5 standard errors of the variance is about 1 %
N_DRAWS = SHAPE[0] * SHAPE[1]

# Var(X^2) / Var(X)^2 for the two laws: 2 for a Gaussian, 4/5 for a centred uniform
KURTOSIS_FACTOR = {"normal": 2.0, "uniform": 0.8}


def assert_variance(sample: np.ndarray, expected: float, law: str) -> None:
    standard_error = expected * math.sqrt(KURTOSIS_FACTOR[law] / sample.size)
    assert abs(sample.var() - expected) < 5 * standard_error
    assert abs(sample.mean()) < 5 * math.sqrt(expected / sample.size)


@pytest.mark.parametrize(
    ("name", "law", "expected_variance", "bound"),
    [
        ("uniform_fan_in", "uniform", 1 / (3 * 400), 1 / math.sqrt(400)),
        ("xavier_uniform", "uniform", 2 / 1000, math.sqrt(6 / 1000)),
        ("glorot_uniform", "uniform", 2 / 1000, math.sqrt(6 / 1000)),
        ("xavier_normal", "normal", 2 / 1000, None),
        ("he_uniform", "uniform", 2 / 400, math.sqrt(6 / 400)),
        ("he_normal", "normal", 2 / 400, None),
        ("kaiming_normal", "normal", 2 / 400, None),
        ("lecun_uniform", "uniform", 1 / 400, math.sqrt(3 / 400)),
        ("lecun_normal", "normal", 1 / 400, None),
    ],
)
def test_variances_match_the_formulas(name, law, expected_variance, bound):
    w = init.get_initializer(name)(SHAPE, np.random.default_rng(0))
    assert w.shape == SHAPE and w.dtype == np.float64
    assert_variance(w, expected_variance, law)
    if bound is not None:
        assert np.abs(w).max() <= bound
        assert np.abs(w).max() > 0.999 * bound  # the bound is attained, not just respected


def test_uniform_fan_in_gives_n_var_one_third():
    # Glorot & Bengio (2010): the "standard" initialization has n Var(W) = 1/3
    w = init.uniform_fan_in(SHAPE, np.random.default_rng(1))
    n = SHAPE[0]
    assert abs(n * w.var() - 1 / 3) < 5 * (1 / 3) * math.sqrt(0.8 / N_DRAWS)


@pytest.mark.parametrize("slope", [0.25, 1.0])
def test_he_negative_slope_satisfies_the_prelu_condition(slope):
    # He et al. (2015): (1 + a^2) n Var(w) / 2 = 1
    for name, law in [("he_normal", "normal"), ("he_uniform", "uniform")]:
        w = init.get_initializer(name, negative_slope=slope)(SHAPE, np.random.default_rng(2))
        assert_variance(w, 2 / ((1 + slope**2) * SHAPE[0]), law)


def test_normal_uses_mean_and_std():
    w = init.normal(SHAPE, np.random.default_rng(3), std=0.5, mean=2.0)
    assert abs(w.mean() - 2.0) < 5 * 0.5 / math.sqrt(N_DRAWS)
    assert abs(w.var() - 0.25) < 5 * 0.25 * math.sqrt(2 / N_DRAWS)


def test_fan_in_fan_out_for_dense_and_convolution():
    assert init.fan_in_fan_out((7, 3)) == (7, 3)
    # 16 output maps, 3 input channels, 5 x 5 kernels: each output sees 3 * 25 inputs
    assert init.fan_in_fan_out((16, 3, 5, 5)) == (3 * 25, 16 * 25)
    assert init.fan_in_fan_out((8, 4, 3)) == (12, 24)


def test_convolution_kernels_use_the_receptive_field():
    w = init.he_normal((64, 32, 3, 3), np.random.default_rng(4))
    assert_variance(w, 2 / (32 * 9), "normal")


def test_zeros_and_constant():
    assert np.array_equal(init.zeros((2, 3)), np.zeros((2, 3)))
    assert np.array_equal(init.zeros(4), np.zeros(4))
    w = init.get_initializer("constant", value=-1.5)((3, 2), None)
    assert np.array_equal(w, np.full((3, 2), -1.5))


def test_same_seed_same_numbers_and_aliases_agree():
    a = init.xavier_uniform((5, 7), np.random.default_rng(9))
    b = init.get_initializer("glorot_uniform")((5, 7), np.random.default_rng(9))
    c = init.xavier_uniform((5, 7), np.random.default_rng(10))
    assert np.array_equal(a, b)
    assert not np.array_equal(a, c)


def test_registry_functions_take_shape_and_rng():
    rng = np.random.default_rng(0)
    for name in init.INITIALIZERS:
        w = init.get_initializer(name)((3, 4), rng)
        assert w.shape == (3, 4)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: init.fan_in_fan_out((5,)), ValueError, "at least 2 dimensions"),
        (lambda: init.zeros((2, 0)), ValueError, "positive integers"),
        (lambda: init.zeros((2, 1.5)), TypeError, "tuple of ints"),
        (lambda: init.zeros(None), TypeError, "tuple of ints"),
        (lambda: init.xavier_normal((2, 2), 0), TypeError, "rng must be a numpy"),
        (lambda: init.normal((2, 2), np.random.default_rng(), std=0.0), ValueError, "std"),
        (lambda: init.constant((2,), value=math.nan), ValueError, "value must be finite"),
        (
            lambda: init.he_normal((2, 2), np.random.default_rng(), negative_slope=math.inf),
            ValueError,
            "negative_slope",
        ),
        (lambda: init.get_initializer("glorious"), ValueError, "name must be one of"),
    ],
)
def test_bad_arguments_raise(call, error, message):
    with pytest.raises(error, match=message):
        call()
