"""Every claim of the chapter *Vanishing and exploding gradients*, recomputed independently:
with mpmath, closed forms, np.finfo, an emulated bfloat16, and a hand-written
backpropagation and trainer (from test_experiments_vanishing)."""

import math
from fractions import Fraction

import mpmath
import numpy as np
import pytest
from scipy.special import expit
from test_experiments_vanishing import (
    model_weights,
    reference_accuracy,
    reference_gradients,
    reference_train,
    to_bfloat16,
)

from actbook import data
from actbook.claims import REGISTRY, get_claim
from actbook.init import get_initializer
from actbook.nn import MLP


def value(claim_id):
    return get_claim(claim_id).compute()


def text(claim_id):
    return get_claim(claim_id).render()


def test_every_claim_of_the_chapter_is_tested():
    tested = {name[len("test_") :] for name in globals() if name.startswith("test_")}
    chapter = {cid.split(".")[1] for cid in REGISTRY if cid.startswith("vanishing.")}
    assert chapter <= tested


def test_verdicts_that_are_not_confirmations_carry_a_correction():
    for cid, c in REGISTRY.items():
        if cid.startswith("vanishing.") and c.verdict != "confirmed":
            assert c.correction and c.sources


# ------------------------------------------------------------------ product bound


def test_sigmoid_bound_3():
    assert value("vanishing.sigmoid_bound_3") == Fraction(1, 64)
    assert text("vanishing.sigmoid_bound_3") == "0.015625"


def test_sigmoid_bound_20():
    with mpmath.workdps(30):
        bound = mpmath.mpf(1) / 4**20
    assert value("vanishing.sigmoid_bound_20") == pytest.approx(float(bound), rel=1e-15)
    assert text("vanishing.sigmoid_bound_20") == "9.09 × 10⁻¹³"
    assert str(mpmath.nstr(bound, 4)) == "9.095e-13"  # S2's 9.094e-13 is truncated, not wrong


def sigmoid_prime_mp(z):
    s = 1 / (1 + mpmath.exp(-z))
    return s * (1 - s)


def mean_derivative_mp():
    with mpmath.workdps(30):
        return mpmath.quad(
            lambda z: sigmoid_prime_mp(z) * mpmath.npdf(z), [-mpmath.inf, 0, mpmath.inf]
        )


def test_mean_derivative_normal():
    assert value("vanishing.mean_derivative_normal") == pytest.approx(
        float(mean_derivative_mp()), rel=1e-9
    )
    assert 0.2 < value("vanishing.mean_derivative_normal") < 0.25


def test_mean_derivative_normal_20():
    expected = float((4 * mean_derivative_mp()) ** 20)
    assert value("vanishing.mean_derivative_normal_20") == pytest.approx(expected, rel=1e-8)


# ----------------------------------------------------------------------- underflow


def zero_depth(tiny):
    """Smallest n with 4**-n <= tiny / 2, for a power-of-two tiny."""
    return math.ceil((1 - math.log2(tiny)) / 2)


def test_underflow_float16():
    assert (
        value("vanishing.underflow_float16")
        == zero_depth(np.finfo(np.float16).smallest_subnormal)
        == 13
    )


def test_underflow_float32():
    assert (
        value("vanishing.underflow_float32")
        == zero_depth(np.finfo(np.float32).smallest_subnormal)
        == 75
    )


def test_underflow_float64():
    assert (
        value("vanishing.underflow_float64")
        == zero_depth(np.finfo(np.float64).smallest_subnormal)
        == 538
    )


def test_underflow_bfloat16():
    product, depth = np.float32(1.0), 0
    while product != 0:
        product = to_bfloat16(product * np.float32(0.25))
        depth += 1
    assert value("vanishing.underflow_bfloat16") == depth == zero_depth(2.0**-133) == 67


# ------------------------------------------------------------------- scalar chain


def test_explode_min_weight():
    with mpmath.workdps(30):
        peak = mpmath.findroot(lambda z: mpmath.diff(sigmoid_prime_mp, z), 0.3)
        assert abs(peak) < 1e-20
        assert value("vanishing.explode_min_weight") == float(1 / sigmoid_prime_mp(peak)) == 4.0


def test_chain_bias_free_best():
    w = np.linspace(-20.0, 20.0, 4001)
    a, slopes = np.ones_like(w), []
    for _ in range(10):
        z = w * a
        slopes.append(expit(z) * expit(-z))
        a = expit(z)
    gradient = slopes[0] * np.prod([w * s for s in slopes[1:]], axis=0)  # x = 1
    best = np.argmax(np.abs(gradient))
    assert value("vanishing.chain_bias_free_best") == pytest.approx(abs(gradient[best]), rel=1e-12)
    assert value("vanishing.chain_bias_free_best") < 2e-3  # every bias-free chain vanishes
    # finite differences at the best weight confirm the backpropagated gradient
    wb = w[best]

    def output(w1):
        a = expit(w1 * 1.0)
        for _ in range(9):
            a = expit(wb * a)
        return a

    numeric = (output(wb + 1e-6) - output(wb - 1e-6)) / 2e-6
    assert abs(numeric) == pytest.approx(value("vanishing.chain_bias_free_best"), rel=1e-5)


def test_normal_within_one():
    assert value("vanishing.normal_within_one") == pytest.approx(
        float(2 * mpmath.ncdf(1) - 1), rel=1e-14
    )
    assert text("vanishing.normal_within_one") == "68.3 %"
    sample = np.random.default_rng(0).standard_normal(200_000)
    assert np.mean(np.abs(sample) <= 1) == pytest.approx(
        value("vanishing.normal_within_one"), abs=0.005
    )


def test_normal_beyond_four():
    assert value("vanishing.normal_beyond_four") == pytest.approx(
        float(2 * mpmath.ncdf(-4)), rel=1e-12
    )


# ------------------------------------------------------- gradients at initialization


def reference_layer_gradients(activation, init):
    initializer = get_initializer("normal", std=1.0) if init == "standard_normal" else init
    Ws, bs = model_weights(MLP([100] * 11 + [1], activation, init=initializer, seed=0))
    rng = np.random.default_rng(0)
    X = rng.standard_normal((256, 100))
    y = rng.integers(0, 2, size=256).astype(float)
    _, dbs, zs, _ = reference_gradients(Ws, bs, X, y, activation)
    return np.array([np.linalg.norm(db) for db in dbs[:-1]]), zs


def test_init_ratio_sigmoid():
    norms, _ = reference_layer_gradients("sigmoid", "xavier_uniform")
    assert value("vanishing.init_ratio_sigmoid") == pytest.approx(norms[-1] / norms[0], rel=1e-9)
    assert value("vanishing.init_ratio_sigmoid") > 4**9  # vanishes faster than the bound alone


def test_init_factor_sigmoid():
    norms, _ = reference_layer_gradients("sigmoid", "xavier_uniform")
    steps = norms[1:] / norms[:-1]
    assert value("vanishing.init_factor_sigmoid") == pytest.approx(np.exp(np.mean(np.log(steps))))


def test_init_ratio_tanh():
    norms, _ = reference_layer_gradients("tanh", "xavier_uniform")
    assert value("vanishing.init_ratio_tanh") == pytest.approx(norms[-1] / norms[0], rel=1e-9)


def test_init_ratio_relu():
    norms, _ = reference_layer_gradients("relu", "he_normal")
    assert value("vanishing.init_ratio_relu") == pytest.approx(norms[-1] / norms[0], rel=1e-9)


def test_init_explode_relu_normal():
    norms, _ = reference_layer_gradients("relu", "standard_normal")
    assert value("vanishing.init_explode_relu_normal") == pytest.approx(
        norms[0] / norms[-1], rel=1e-9
    )
    # each ReLU layer of 100 N(0, 1) weights scales the backward signal by about sqrt(100 / 2)
    per_layer = value("vanishing.init_explode_relu_normal") ** (1 / 9)
    assert per_layer == pytest.approx(math.sqrt(50), rel=0.2)


def test_init_saturated_sigmoid_xavier():
    _, zs = reference_layer_gradients("sigmoid", "xavier_uniform")
    expected = max(np.mean(expit(z) * expit(-z) < 0.0025) for z in zs)
    assert value("vanishing.init_saturated_sigmoid_xavier") == expected == 0.0


def test_init_saturated_sigmoid_normal():
    _, zs = reference_layer_gradients("sigmoid", "standard_normal")
    # sigma'(z) = 1 / (4 cosh^2(z / 2)) < 0.0025 exactly when |z| > 2 arccosh(10)
    threshold = 2 * math.acosh(10)
    expected = np.mean([np.mean(np.abs(z) > threshold) for z in zs])
    assert value("vanishing.init_saturated_sigmoid_normal") == pytest.approx(expected, abs=1e-12)


# ------------------------------------------------------------------ training

TRAINING = {"epochs": 30, "batch_size": 20, "lr": 0.5, "seed": 0}


def reference_run(dataset):
    X, y = {"spirals": data.spirals, "two_moons": data.two_moons}[dataset](n=400, seed=0)
    Ws, bs = model_weights(MLP([2, 30, 30, 30, 30, 1], "sigmoid", init="lecun_normal", seed=0))
    speeds, Ws_end, bs_end = reference_train(Ws, bs, X, y, "sigmoid", **TRAINING)
    change = [np.linalg.norm(a - b) / np.linalg.norm(b) for a, b in zip(Ws_end, Ws, strict=True)]
    return speeds, change, reference_accuracy(Ws_end, bs_end, X, y, "sigmoid")


@pytest.fixture(scope="module")
def spirals_run():
    return reference_run("spirals")


@pytest.fixture(scope="module")
def moons_run():
    return reference_run("two_moons")


def test_train_speed_ratio(spirals_run):
    speeds, _, _ = spirals_run
    assert value("vanishing.train_speed_ratio") == pytest.approx(
        speeds[:, 3].mean() / speeds[:, 0].mean(), rel=1e-8
    )


def test_train_change_ratio(spirals_run):
    _, change, _ = spirals_run
    assert value("vanishing.train_change_ratio") == pytest.approx(change[3] / change[0], rel=1e-8)


def test_train_spirals_accuracy(spirals_run):
    assert value("vanishing.train_spirals_accuracy") == spirals_run[2]


def test_train_moons_accuracy(moons_run):
    assert value("vanishing.train_moons_accuracy") == moons_run[2]


def test_train_moons_first_ratio(moons_run):
    first = moons_run[0][:20].mean(axis=0)  # 400 points in batches of 20: 20 steps per epoch
    assert value("vanishing.train_moons_first_ratio") == pytest.approx(
        first[3] / first[0], rel=1e-8
    )


def test_train_moons_last_ratio(moons_run):
    last = moons_run[0][-20:].mean(axis=0)
    assert value("vanishing.train_moons_last_ratio") == pytest.approx(last[3] / last[0], rel=1e-8)


# --------------------------------------------------------------------- depth


def reference_depth_accuracy(activation, depth):
    X, y = data.two_moons(n=200, seed=0)
    runs = []
    for seed in (0, 1, 2):
        Ws, bs = model_weights(MLP([2] + [16] * depth + [1], activation, seed=seed))
        _, Ws_end, bs_end = reference_train(
            Ws, bs, X, y, activation, epochs=50, batch_size=20, lr=0.5, seed=seed
        )
        runs.append(reference_accuracy(Ws_end, bs_end, X, y, activation))
    return np.mean(runs)


def test_depth_sigmoid_1():
    assert value("vanishing.depth_sigmoid_1") == pytest.approx(
        reference_depth_accuracy("sigmoid", 1), abs=1e-12
    )


def test_depth_sigmoid_6():
    assert value("vanishing.depth_sigmoid_6") == pytest.approx(
        reference_depth_accuracy("sigmoid", 6), abs=1e-12
    )
    assert value("vanishing.depth_sigmoid_6") < value("vanishing.depth_sigmoid_1")


def test_depth_tanh_6():
    assert value("vanishing.depth_tanh_6") == pytest.approx(
        reference_depth_accuracy("tanh", 6), abs=1e-12
    )


def test_depth_relu_6():
    assert value("vanishing.depth_relu_6") == pytest.approx(
        reference_depth_accuracy("relu", 6), abs=1e-12
    )


# ------------------------------------------------------------------- step size


def test_step_below_one_diverges():
    assert value("vanishing.step_below_one_diverges") == pytest.approx(
        float(Fraction(7, 5) ** 20), rel=1e-12
    )
    assert value("vanishing.step_below_one_diverges") > 1  # 0.6 < 1, yet 0.6 > 2 / 4


def test_step_above_one_converges():
    assert value("vanishing.step_above_one_converges") == float(Fraction(1, 2) ** 20)
