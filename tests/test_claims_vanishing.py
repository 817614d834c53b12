"""Every claim of the chapter *Vanishing and exploding gradients*, recomputed independently:
with mpmath, closed forms, np.finfo, an emulated bfloat16, and a hand-written
backpropagation and trainer (from test_experiments_vanishing)."""

import functools
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
    reference_linear_accuracy,
    reference_logistic,
    reference_split,
    reference_train,
    to_bfloat16,
)

from actbook.claims import REGISTRY, get_claim
from actbook.init import get_initializer
from actbook.nn import MLP


@functools.cache
def value(claim_id):
    return get_claim(claim_id).compute()


def text(claim_id):
    return get_claim(claim_id).render(value(claim_id))


def test_every_claim_of_the_chapter_is_tested():
    tested = {name[len("test_") :] for name in globals() if name.startswith("test_")}
    chapter = {cid.split(".")[1] for cid in REGISTRY if cid.startswith("vanishing.")}
    assert chapter <= tested


# ------------------------------------------------------------------ product bound


def test_sigmoid_bound_3():
    assert value("vanishing.sigmoid_bound_3") == Fraction(1, 64)
    assert text("vanishing.sigmoid_bound_3") == "0.015625"


def test_sigmoid_bound_20():
    with mpmath.workdps(30):
        bound = mpmath.mpf(1) / 4**20
    assert value("vanishing.sigmoid_bound_20") == pytest.approx(float(bound), rel=1e-15)
    # four digits, so that the reader sees S2's 9.094e-13 is truncated, not rounded
    assert str(mpmath.nstr(bound, 4)) == "9.095e-13"
    assert text("vanishing.sigmoid_bound_20") == "9.095 × 10⁻¹³"


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


def flushed_depth(multiply, tiny):
    """Multiply 1 by 1/4 in a format, flushing results below its smallest normal ``tiny``."""
    product, depth = 1.0, 0
    while product != 0:
        product = multiply(product)
        if abs(product) < tiny:
            product = 0.0
        depth += 1
    return depth


def test_underflow_bfloat16_ftz():
    tiny = np.finfo(np.float32).tiny  # bfloat16 keeps float32's exponent range
    depth = flushed_depth(lambda p: to_bfloat16(np.float32(p) * np.float32(0.25)), tiny)
    # 4**-n < 2**-126 from 2n = 128 on
    assert value("vanishing.underflow_bfloat16_ftz") == depth == 64
    assert value("vanishing.underflow_bfloat16_ftz") < value("vanishing.underflow_bfloat16")


def test_underflow_float16_ftz():
    tiny = np.finfo(np.float16).tiny
    depth = flushed_depth(lambda p: np.float16(p) * np.float16(0.25), tiny)
    assert value("vanishing.underflow_float16_ftz") == depth == 8  # 4**-8 = 2**-16 < 2**-14


def test_bfloat16_min_exponent():
    assert value("vanishing.bfloat16_min_exponent") == np.finfo(np.float32).minexp == -126
    assert to_bfloat16(np.float32(2.0**-126)) == np.float32(2.0**-126)


def test_bfloat16_fraction_bits():
    p = value("vanishing.bfloat16_fraction_bits")
    assert to_bfloat16(np.float32(1 + 2.0**-p)) == np.float32(1 + 2.0**-p)  # kept
    assert to_bfloat16(np.float32(1 + 2.0 ** -(p + 1))) == np.float32(1.0)  # a tie, to even
    assert p == 7


def lost(w, relative):
    """Whether both float32 updates w - u and w + u, |u| = relative * |w|, round back to w."""
    w = np.float32(w)
    u = np.float32(relative * abs(float(w)))
    return bool(w - u == w and w + u == w)


def kept(w, relative):
    """Whether both float32 updates w - u and w + u differ from w."""
    w = np.float32(w)
    u = np.float32(relative * abs(float(w)))
    return bool(w - u != w and w + u != w)


def test_float32_update_lost():
    fraction = value("vanishing.float32_update_lost")
    assert fraction == 2.0**-25
    assert text("vanishing.float32_update_lost") == "2⁻²⁵"
    weights = np.random.default_rng(0).uniform(-8, 8, 20_000).astype(np.float32)
    weights = np.concatenate([weights, [1.0, 2.0, 1.999999, -0.5]])
    assert all(lost(w, fraction * (1 - 2.0**-20)) for w in weights)
    # the bound is tight: just above it, a step down from a power of two survives
    assert np.float32(1.0) - np.float32(fraction * 1.01) != np.float32(1.0)


def test_float32_update_kept():
    fraction = value("vanishing.float32_update_kept")
    assert fraction == 2.0**-24
    weights = np.random.default_rng(1).uniform(-8, 8, 20_000).astype(np.float32)
    weights = np.concatenate([weights, [1.0, 2.0, 1.999999, -0.5]])
    assert all(kept(w, fraction * (1 + 2.0**-20)) for w in weights)
    # the bound is tight: at exactly 2**-24 a step up from 1 is a tie, lost to the even 1
    assert np.float32(1.0) + np.float32(fraction) == np.float32(1.0)


# ------------------------------------------------------------------- scalar chain


def test_explode_min_weight():
    with mpmath.workdps(30):
        peak = mpmath.findroot(lambda z: mpmath.diff(sigmoid_prime_mp, z), 0.3)
        assert abs(peak) < 1e-20
        assert value("vanishing.explode_min_weight") == float(1 / sigmoid_prime_mp(peak)) == 4.0


GRID = np.linspace(-20.0, 20.0, 4001)


def chain_gradients(w, x):
    """dJ/dw_1 of ten-neuron bias-free chains sharing w (an array), all at once."""
    a, slopes = np.broadcast_to(x, w.shape).astype(float), []
    x = a.copy()
    for _ in range(10):
        z = w * a
        slopes.append(expit(z) * expit(-z))
        a = expit(z)
    return x * slopes[0] * np.prod([w * s for s in slopes[1:]], axis=0)


def fixed_points(w):
    """a* with a* = expit(w a*), by bisection on all weights at once."""
    low, high = np.zeros_like(w), np.ones_like(w)
    for _ in range(60):
        middle = (low + high) / 2
        above = expit(w * middle) > middle
        low, high = np.where(above, middle, low), np.where(above, high, middle)
    return (low + high) / 2


def chain_output(w, w1, x):
    a = expit(w1 * x)
    for _ in range(9):
        a = expit(w * a)
    return a


def test_chain_length():
    assert value("vanishing.chain_length") == 10  # the reference chains here have ten neurons


def test_chain_weight_limit():
    assert value("vanishing.chain_weight_limit") == GRID[-1] == 20


def test_chain_steep_weight():
    assert value("vanishing.chain_steep_weight") == GRID[0] == -20


def test_chain_bias_free_x1_best():
    gradient = chain_gradients(GRID, 1.0)
    best = np.argmax(np.abs(gradient))
    assert value("vanishing.chain_bias_free_x1_best") == pytest.approx(
        abs(gradient[best]), rel=1e-12
    )
    assert value("vanishing.chain_bias_free_x1_best") < 2e-3  # with x = 1 every chain vanishes
    # finite differences at the best weight confirm the backpropagated gradient
    wb = GRID[best]
    numeric = (chain_output(wb, wb + 1e-6, 1.0) - chain_output(wb, wb - 1e-6, 1.0)) / 2e-6
    assert abs(numeric) == pytest.approx(value("vanishing.chain_bias_free_x1_best"), rel=1e-5)


def test_chain_bias_free_best():
    x = fixed_points(GRID)
    gradient = chain_gradients(GRID, x)
    best = np.argmax(np.abs(gradient))
    assert GRID[best] == -20.0  # the factor grows in magnitude as w decreases
    assert value("vanishing.chain_bias_free_best") == pytest.approx(abs(gradient[best]), rel=1e-9)
    assert value("vanishing.chain_bias_free_best") > 1  # a bias-free chain can explode
    # finite differences, with w_1 moved and x kept on the fixed point of w = -20
    w, x0 = -20.0, x[best]
    numeric = (chain_output(w, w + 1e-6, x0) - chain_output(w, w - 1e-6, x0)) / 2e-6
    assert abs(numeric) == pytest.approx(value("vanishing.chain_bias_free_best"), rel=1e-6)
    assert text("vanishing.chain_bias_free_best") == "3.3"


def sigmoid_mp(z):
    return 1 / (1 + mpmath.exp(-z))


def test_chain_balanced_weight():
    with mpmath.workdps(40):

        def equations(w, a):
            z = w * a
            return [sigmoid_mp(z) - a, w * sigmoid_prime_mp(z) + 1]

        w, a = mpmath.findroot(equations, (mpmath.mpf(-6), mpmath.mpf("0.2")))
        assert value("vanishing.chain_balanced_weight") == pytest.approx(float(w), rel=1e-11)
    assert text("vanishing.chain_balanced_weight") == "-5.87"


def fixed_point_mp(w):
    with mpmath.workdps(40):
        return mpmath.findroot(lambda a: sigmoid_mp(w * a) - a, mpmath.mpf("0.1"))


def test_chain_fixed_point_z():
    with mpmath.workdps(40):
        z = -20 * fixed_point_mp(-20)
    assert value("vanishing.chain_fixed_point_z") == pytest.approx(float(z), rel=1e-12)


def test_chain_factor_steep():
    with mpmath.workdps(40):
        factor = -20 * sigmoid_prime_mp(-20 * fixed_point_mp(-20))
    assert value("vanishing.chain_factor_steep") == pytest.approx(float(factor), rel=1e-12)
    assert text("vanishing.chain_factor_steep") == "-1.90"
    # over the nine factors of the chain, times x sigma'(z_1), the gradient of the chain
    with mpmath.workdps(40):
        a = fixed_point_mp(-20)
        gradient = a * sigmoid_prime_mp(-20 * a) * factor**9
    assert float(abs(gradient)) == pytest.approx(value("vanishing.chain_bias_free_best"), rel=1e-9)


def test_chain_explode_input_width():
    # every input of [0, 1] on a fine grid: only those near a* give |dJ/dw_1| > 1
    xs = np.linspace(0.0, 1.0, 2_000_001)
    exploding = np.abs(chain_gradients(np.full_like(xs, -20.0), xs)) > 1
    width = np.count_nonzero(exploding) * (xs[1] - xs[0])
    assert value("vanishing.chain_explode_input_width") == pytest.approx(width, abs=2e-6)
    inside = xs[exploding]
    assert inside.max() - inside.min() == pytest.approx(width, abs=2e-6)  # one interval
    assert inside.min() < fixed_points(np.array([-20.0]))[0] < inside.max()


def test_explode_window_steep():
    # sigma'(z) = 1 / (4 cosh^2(z / 2)) > 1 / 20  <=>  |z| < 2 arccosh(sqrt(5))
    assert value("vanishing.explode_window_steep") == pytest.approx(
        2 * math.acosh(math.sqrt(20 / 4)), rel=1e-11
    )
    assert abs(value("vanishing.chain_fixed_point_z")) < value("vanishing.explode_window_steep")


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


@pytest.fixture(scope="module")
def normal_chains():
    """S4's chains: ten bias-free sigmoid neurons, N(0, 1) weights, x = 1, one chain a row."""
    weights = np.random.default_rng(0).standard_normal((100_000, 10))
    a, factors, first = np.ones(100_000), [], None
    for k in range(10):
        z = weights[:, k] * a
        slope = expit(z) * (1 - expit(z))
        if k == 0:
            first = slope
        else:
            factors.append(weights[:, k] * slope)
        a = expit(z)
    factors = np.array(factors).T
    return factors, first * np.prod(factors, axis=1)


def test_normal_chain_count():
    assert value("vanishing.normal_chain_count") == 100_000


def test_normal_chain_median_gradient(normal_chains):
    _, gradients = normal_chains
    assert value("vanishing.normal_chain_median_gradient") == pytest.approx(
        np.median(np.abs(gradients)), rel=1e-9
    )
    assert value("vanishing.normal_chain_median_gradient") < 0.25**10  # below the bound


def test_normal_chain_max_gradient(normal_chains):
    _, gradients = normal_chains
    assert value("vanishing.normal_chain_max_gradient") == pytest.approx(
        np.max(np.abs(gradients)), rel=1e-9
    )


def test_normal_chain_max_factor(normal_chains):
    factors, _ = normal_chains
    assert value("vanishing.normal_chain_max_factor") == pytest.approx(
        np.max(np.abs(factors)), rel=1e-12
    )
    assert value("vanishing.normal_chain_max_factor") < 1  # no factor of any chain exceeds one


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


def test_mlp_depth():
    # the references above rebuild the measured MLPs with these sizes
    assert value("vanishing.mlp_depth") == 10


def test_mlp_width():
    assert value("vanishing.mlp_width") == 100


def test_mlp_batch():
    assert value("vanishing.mlp_batch") == 256


def test_normal_vs_xavier_scale():
    weights = get_initializer("xavier_uniform")((100, 100), np.random.default_rng(0))
    assert value("vanishing.normal_vs_xavier_scale") == pytest.approx(1 / weights.std(), rel=0.02)
    assert value("vanishing.normal_vs_xavier_scale") == pytest.approx(10.0, rel=1e-15)


def test_normal_backward_scale():
    rng = np.random.default_rng(0)
    W, delta = rng.standard_normal((100, 100)), rng.standard_normal((1000, 100))
    measured = np.linalg.norm(delta @ W.T) / np.linalg.norm(delta)  # one backward product
    assert value("vanishing.normal_backward_scale") == pytest.approx(measured, rel=0.05)
    assert value("vanishing.normal_backward_scale") == pytest.approx(math.sqrt(100), rel=1e-15)


def test_loss_step_ratio():
    Ws, bs = model_weights(MLP([100] * 11 + [1], "sigmoid", init="xavier_uniform", seed=0))
    rng = np.random.default_rng(0)
    X = rng.standard_normal((256, 100))
    y = rng.integers(0, 2, size=256).astype(float)
    dWs, _, _, logits = reference_gradients(Ws, bs, X, y, "sigmoid")
    ratio = (np.linalg.norm(dWs[9]) / np.linalg.norm(dWs[0])) ** 2
    assert value("vanishing.loss_step_ratio") == pytest.approx(ratio, rel=1e-9)

    # the first-order change is the real one: a small step on W_10 alone lowers the loss
    def loss(Ws):
        *_, z = reference_gradients(Ws, bs, X, y, "sigmoid")
        return np.mean(np.logaddexp(0, z[:, 0]) - y * z[:, 0])

    eta = 1e-3
    stepped = [W.copy() for W in Ws]
    stepped[9] -= eta * dWs[9]
    change = loss(Ws) - loss(stepped)
    assert change == pytest.approx(eta * np.linalg.norm(dWs[9]) ** 2, rel=1e-2)


# ------------------------------------------------------------------ training
# The parameters the book quotes, pinned here; every run is redone with the hand-written
# trainer of test_experiments_vanishing on an independently drawn split, and every linear
# baseline with SciPy's BFGS instead of actbook's Newton iterations.

N_TRAIN, N_TEST, BATCH, RATE, SEEDS = 400, 400, 20, 0.5, (0, 1, 2)
SPEED_DEPTH, SPEED_WIDTH, SPEED_EPOCHS = 4, 30, 150
DEPTH_WIDTH, DEPTH_EPOCHS = 16, 50


@functools.cache
def split(dataset):
    return reference_split(dataset, N_TRAIN, N_TEST, 0)


@functools.cache
def baseline(dataset):
    X, y, X_test, y_test = split(dataset)
    w, b = reference_logistic(X, y)
    return w, b, reference_linear_accuracy(w, b, X_test, y_test)


@functools.cache
def reference_run(dataset, seed=0):
    """The learning-speed run: speeds per step, weight changes, held-out accuracy per epoch."""
    X, y, X_test, y_test = split(dataset)
    sizes = [2] + [SPEED_WIDTH] * SPEED_DEPTH + [1]
    Ws0, bs0 = model_weights(MLP(sizes, "sigmoid", init="lecun_normal", seed=seed))
    Ws, bs = [W.copy() for W in Ws0], [b.copy() for b in bs0]
    rng, speeds, held_out = np.random.default_rng(seed), [], []
    for _ in range(SPEED_EPOCHS):
        held_out.append(reference_accuracy(Ws, bs, X_test, y_test, "sigmoid"))
        order = rng.permutation(N_TRAIN)
        for start in range(0, N_TRAIN, BATCH):
            batch = order[start : start + BATCH]
            dWs, dbs, _, _ = reference_gradients(Ws, bs, X[batch], y[batch], "sigmoid")
            speeds.append([np.linalg.norm(db) for db in dbs[:-1]])
            for param, grad in zip(Ws + bs, dWs + dbs, strict=True):
                param -= RATE * grad
    held_out.append(reference_accuracy(Ws, bs, X_test, y_test, "sigmoid"))
    change = [np.linalg.norm(a - b) / np.linalg.norm(b) for a, b in zip(Ws, Ws0, strict=True)]
    speeds = np.array(speeds)
    epoch_speeds = speeds.reshape(SPEED_EPOCHS, N_TRAIN // BATCH, SPEED_DEPTH).mean(axis=1)
    return speeds, epoch_speeds, change, np.array(held_out)


def test_n_train():
    assert value("vanishing.n_train") == N_TRAIN


def test_n_test():
    assert value("vanishing.n_test") == N_TEST


def test_batch_size():
    assert value("vanishing.batch_size") == BATCH


def test_learning_rate():
    assert value("vanishing.learning_rate") == RATE
    assert text("vanishing.learning_rate") == "0.5"


def test_seed_count():
    assert value("vanishing.seed_count") == len(SEEDS)


def test_xor_centre():
    assert value("vanishing.xor_centre") == 1.0


def test_xor_std():
    assert value("vanishing.xor_std") == 0.5


def test_xor_bayes_accuracy():
    with mpmath.workdps(30):
        inside = mpmath.ncdf(mpmath.mpf(1) / mpmath.mpf("0.5"))
        exact = inside**2 + (1 - inside) ** 2
    assert value("vanishing.xor_bayes_accuracy") == pytest.approx(float(exact), rel=1e-14)
    # no network of the chapter beats it on the held-out points by more than sampling noise
    assert value("vanishing.depth_sigmoid_1") < float(exact) + 0.03


def test_xor_baseline_accuracy():
    assert value("vanishing.xor_baseline_accuracy") == baseline("gaussian_xor")[2]
    assert value("vanishing.xor_baseline_accuracy") < 0.6  # a linear model learns nothing


def test_xor_baseline_spread():
    w, b, _ = baseline("gaussian_xor")
    _, _, X_test, _ = split("gaussian_xor")
    spread = np.max(np.abs(expit(X_test @ w + b) - 0.5))
    assert value("vanishing.xor_baseline_spread") == pytest.approx(spread, abs=1e-7)
    assert value("vanishing.xor_baseline_spread") < 0.1


def test_moons_baseline_accuracy():
    assert value("vanishing.moons_baseline_accuracy") == baseline("two_moons")[2]
    assert 0.8 < value("vanishing.moons_baseline_accuracy") < 0.95  # a line does well


def test_train_depth():
    assert value("vanishing.train_depth") == SPEED_DEPTH


def test_train_width():
    assert value("vanishing.train_width") == SPEED_WIDTH


def test_train_epochs():
    assert value("vanishing.train_epochs") == SPEED_EPOCHS


def test_train_speed_ratio():
    speeds = reference_run("gaussian_xor")[0]
    assert value("vanishing.train_speed_ratio") == pytest.approx(
        speeds[:, -1].mean() / speeds[:, 0].mean(), rel=1e-8
    )


def seed_ratios():
    return [
        reference_run("gaussian_xor", seed)[0][:, -1].mean()
        / reference_run("gaussian_xor", seed)[0][:, 0].mean()
        for seed in SEEDS
    ]


def test_train_speed_ratio_low():
    assert value("vanishing.train_speed_ratio_low") == pytest.approx(min(seed_ratios()), rel=1e-8)


def test_train_speed_ratio_high():
    assert value("vanishing.train_speed_ratio_high") == pytest.approx(max(seed_ratios()), rel=1e-8)
    assert value("vanishing.train_speed_ratio_low") > 10  # every seed: a large gap


def test_train_change_ratio():
    change = reference_run("gaussian_xor")[2]
    assert value("vanishing.train_change_ratio") == pytest.approx(change[3] / change[0], rel=1e-8)
    assert value("vanishing.train_change_ratio") > 1  # S2's "later layers stall" is backwards


def test_train_xor_accuracy():
    assert value("vanishing.train_xor_accuracy") == reference_run("gaussian_xor")[3][-1]
    assert abs(value("vanishing.train_xor_accuracy") - 0.5) < 0.05  # chance level


def test_train_moons_accuracy():
    assert value("vanishing.train_moons_accuracy") == reference_run("two_moons")[3][-1]
    assert value("vanishing.train_moons_accuracy") > baseline("two_moons")[2] + 0.05


def test_train_moons_first_ratio():
    first = reference_run("two_moons")[1][0]
    assert value("vanishing.train_moons_first_ratio") == pytest.approx(
        first[-1] / first[0], rel=1e-8
    )


def test_train_moons_last_ratio():
    last = reference_run("two_moons")[1][-1]
    assert value("vanishing.train_moons_last_ratio") == pytest.approx(last[-1] / last[0], rel=1e-8)
    assert value("vanishing.train_moons_last_ratio") < 1  # the first layer ends up faster


def test_train_moons_even_epoch():
    epoch_speeds = reference_run("two_moons")[1]
    epoch = value("vanishing.train_moons_even_epoch")  # counted from 1
    assert np.all(epoch_speeds[epoch - 1 :, -1] <= epoch_speeds[epoch - 1 :, 0])
    assert epoch_speeds[epoch - 2, -1] > epoch_speeds[epoch - 2, 0]


def test_train_moons_baseline_epoch():
    held_out, reached = reference_run("two_moons")[3], baseline("two_moons")[2]
    t = value("vanishing.train_moons_baseline_epoch")
    assert held_out[t] >= reached and np.all(held_out[:t] < reached)


def test_train_moons_perfect_epoch():
    held_out = reference_run("two_moons")[3]
    t = value("vanishing.train_moons_perfect_epoch")
    assert held_out[t] == 1.0 and np.all(held_out[:t] < 1.0)
    assert (
        value("vanishing.train_moons_baseline_epoch")
        < value("vanishing.train_moons_even_epoch")
        < t
    )  # on the linear plateau long after the speeds even out


# --------------------------------------------------------------------- depth


@functools.cache
def reference_depth_accuracy(activation, depth, standard_normal=False):
    X, y, X_test, y_test = split("gaussian_xor")
    init = get_initializer("normal", std=1.0) if standard_normal else None
    runs = []
    for seed in SEEDS:
        Ws, bs = model_weights(
            MLP([2] + [DEPTH_WIDTH] * depth + [1], activation, init=init, seed=seed)
        )
        _, Ws_end, bs_end = reference_train(
            Ws, bs, X, y, activation, epochs=DEPTH_EPOCHS, batch_size=BATCH, lr=RATE, seed=seed
        )
        runs.append(reference_accuracy(Ws_end, bs_end, X_test, y_test, activation))
    return np.mean(runs)


def test_depth_width():
    assert value("vanishing.depth_width") == DEPTH_WIDTH


def test_depth_min():
    assert value("vanishing.depth_min") == 1


def test_depth_max():
    assert value("vanishing.depth_max") == 6


def test_depth_steps():
    assert value("vanishing.depth_steps") == DEPTH_EPOCHS * N_TRAIN // BATCH == 1000


def test_depth_sigmoid_1():
    assert value("vanishing.depth_sigmoid_1") == pytest.approx(
        reference_depth_accuracy("sigmoid", 1), abs=1e-12
    )
    assert value("vanishing.depth_sigmoid_1") > baseline("gaussian_xor")[2] + 0.3


def test_depth_sigmoid_2():
    assert value("vanishing.depth_sigmoid_2") == pytest.approx(
        reference_depth_accuracy("sigmoid", 2), abs=1e-12
    )


def test_depth_sigmoid_6():
    assert value("vanishing.depth_sigmoid_6") == pytest.approx(
        reference_depth_accuracy("sigmoid", 6), abs=1e-12
    )
    assert value("vanishing.depth_sigmoid_6") < value("vanishing.depth_sigmoid_2")
    assert value("vanishing.depth_sigmoid_2") < value("vanishing.depth_sigmoid_1")


# Six tanh or ReLU layers trained at this rate amplify rounding: the reference's
# 1 - tanh(z)^2 and actbook's 4 sigma'(2z) differ in the last bit, and after 1000 steps one
# seed's held-out accuracy can differ by several points (so does a change of 1e-13 in the
# initial weights). The mean over the seeds is compared within that spread.
CHAOTIC = 0.03


def test_depth_tanh_6():
    assert value("vanishing.depth_tanh_6") == pytest.approx(
        reference_depth_accuracy("tanh", 6), abs=CHAOTIC
    )
    assert value("vanishing.depth_tanh_6") > value("vanishing.depth_sigmoid_6") + 0.3


def test_depth_relu_6():
    assert value("vanishing.depth_relu_6") == pytest.approx(
        reference_depth_accuracy("relu", 6), abs=CHAOTIC
    )
    assert value("vanishing.depth_relu_6") > value("vanishing.depth_sigmoid_6") + 0.3


def test_depth_sigmoid_normal_6():
    assert value("vanishing.depth_sigmoid_normal_6") == pytest.approx(
        reference_depth_accuracy("sigmoid", 6, standard_normal=True), abs=1e-12
    )
    assert value("vanishing.depth_sigmoid_normal_6") > value("vanishing.depth_sigmoid_6") + 0.3


# ----------------------------------------------------------------------- ReLU


def test_relu_derivative_at_zero():
    # ReLU has a left derivative 0 and a right derivative 1 at 0; actbook picks 0
    h = 1e-8
    assert (max(0.0, 0.0) - max(0.0, -h)) / h == 0.0
    assert (max(0.0, h) - max(0.0, 0.0)) / h == 1.0
    assert value("vanishing.relu_derivative_at_zero") == 0.0


# ------------------------------------------------------------------- step size


def test_step_below_one_diverges():
    assert value("vanishing.step_below_one_diverges") == pytest.approx(
        float(Fraction(7, 5) ** 20), rel=1e-12
    )
    assert value("vanishing.step_below_one_diverges") > 1  # 0.6 < 1, yet 0.6 > 2 / 4


def test_step_above_one_converges():
    assert value("vanishing.step_above_one_converges") == float(Fraction(1, 2) ** 20)


def test_step_count():
    assert value("vanishing.step_count") == 20  # the exponents of the two tests above


def test_step_curvature_steep():
    assert value("vanishing.step_curvature_steep") == 4.0


def test_step_rate_below_one():
    rate = Fraction(value("vanishing.step_rate_below_one"))
    assert rate < 1 < rate * 4 / 2  # below one, yet above 2 / lambda
    assert value("vanishing.step_rate_below_one") == 0.6


def test_step_curvature_flat():
    assert value("vanishing.step_curvature_flat") == 0.5


def test_step_rate_above_one():
    rate = Fraction(value("vanishing.step_rate_above_one"))
    assert 1 < rate < 2 / Fraction(1, 2)  # above one, yet below 2 / lambda
    assert value("vanishing.step_rate_above_one") == 3.0


def test_step_snail_rate():
    assert value("vanishing.step_snail_rate") == 0.01


def test_step_snail_remaining():
    expected = (1 - Fraction(value("vanishing.step_snail_rate")) * 4) ** 20
    assert value("vanishing.step_snail_remaining") == pytest.approx(float(expected), rel=1e-12)


def test_step_curvature_ratio():
    assert value("vanishing.step_curvature_ratio") == 100


def test_step_common_remaining():
    # with lambda_1 = kappa lambda_2 and eta = 2 / (lambda_1 + lambda_2) both coordinates
    # contract by (kappa - 1) / (kappa + 1) per step, in opposite directions
    kappa = Fraction(value("vanishing.step_curvature_ratio"))
    expected = ((kappa - 1) / (kappa + 1)) ** 20
    assert value("vanishing.step_common_remaining") == pytest.approx(float(expected), rel=1e-12)


def test_step_two_cycle():
    # x -> -x is a two-cycle of x - 3 x / sqrt(1 + x^2) when sqrt(1 + x^2) = 3 / 2
    assert value("vanishing.step_two_cycle") == pytest.approx(math.sqrt(5) / 2, rel=1e-12)
    # it attracts: the map's slope, 1 - 3 / (1 + x^2)^(3/2), is small there
    slope = 1 - 3 / (1 + 5 / 4) ** 1.5
    assert abs(slope) < 1


def double_well_minima():
    roots = np.sort(np.roots([4.0, 0.0, -4.0, 0.5]).real)  # f'(x) = 4x^3 - 4x + 1/2
    assert np.all(12 * roots[[0, 2]] ** 2 - 4 > 0)  # the outer roots are minima
    return roots[2], roots[0]


def double_well(x):
    return x**4 - 2 * x**2 + x / 2


def test_descent_start():
    local, _ = double_well_minima()
    assert value("vanishing.descent_start") == 1.0
    assert local < value("vanishing.descent_start")  # it starts in the right-hand well


def test_descent_local_x():
    local, _ = double_well_minima()
    assert value("vanishing.descent_local_x") == pytest.approx(local, rel=1e-9)


def test_descent_global_x():
    _, lowest = double_well_minima()
    assert value("vanishing.descent_global_x") == pytest.approx(lowest, rel=1e-9)


def test_descent_loss_gap():
    local, lowest = double_well_minima()
    gap = double_well(local) - double_well(lowest)
    assert value("vanishing.descent_loss_gap") == pytest.approx(gap, rel=1e-9)
    assert gap > 0
