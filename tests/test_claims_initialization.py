"""Claims of the chapter *Weight initialization*, checked against independent computations."""

import math

import mpmath
import numpy as np
import pytest
from scipy import integrate, stats
from sklearn.datasets import load_digits

from actbook import init, nn
from actbook.claims import CHAPTER_LABELS, get_claim
from actbook.claims import initialization as ini
from actbook.experiments.digits import DIGITS_TEST_FRACTION, digits_split
from actbook.sources import REGISTER


def value(claim_id: str) -> float:
    return float(get_claim(claim_id).compute())


# ------------------------------------------------------------------ parameters


def test_parameters_quoted_in_the_prose_are_the_ones_used():
    assert value("initialization.symmetry_hidden") == ini.SYMMETRY_HIDDEN
    assert value("initialization.symmetry_epochs") == ini.SYMMETRY_EPOCHS
    assert value("initialization.symmetry_lr") == ini.SYMMETRY_LR
    assert value("initialization.symmetry_batch") == ini.SYMMETRY_BATCH
    assert value("initialization.symmetry_equal_value") == ini.SYMMETRY_EQUAL_VALUE
    equal = ini.SYMMETRY_INITS["equal"]((3, 2), None)
    assert np.all(equal == ini.SYMMETRY_EQUAL_VALUE)
    assert np.all(ini.SYMMETRY_INITS["zero"]((3, 2), None) == 0)
    assert value("initialization.deep_depth") == ini.DEEP_DEPTH
    assert value("initialization.deep_width") == ini.DEEP_WIDTH
    assert value("initialization.deep_samples") == ini.DEEP_SAMPLES
    assert value("initialization.deep_factor") == ini.DEEP_FACTOR
    case = ini.deep_cases()["he", "relu"]
    assert case.activation_std.shape == (ini.DEEP_DEPTH,)
    assert case.activations.counts.sum(axis=1)[0] == ini.DEEP_SAMPLES * ini.DEEP_WIDTH
    assert value("initialization.standard_tanh_fit_first") == ini.STANDARD_TANH_FIT_LAYERS[0]
    assert value("initialization.standard_tanh_fit_last") == ini.STANDARD_TANH_FIT_LAYERS[1]
    assert value("initialization.wide_fan_in") == ini.WIDE_FAN_IN
    assert value("initialization.product_width") == ini.PRODUCT_WIDTH
    assert value("initialization.product_max_depth") == max(ini.PRODUCT_DEPTHS)
    assert value("initialization.learn_layers") == ini.LEARN_LAYERS
    assert value("initialization.learn_width") == ini.LEARN_WIDTH
    assert value("initialization.learn_epochs") == ini.LEARN_EPOCHS
    assert value("initialization.learn_lr") == ini.LEARN_LR
    assert value("initialization.learn_batch") == ini.LEARN_BATCH
    assert value("initialization.learn_seed_count") == len(ini.LEARN_SEEDS)
    assert set(ini.HISTOGRAM_LAYERS) <= set(range(1, ini.DEEP_DEPTH + 1))
    assert CHAPTER_LABELS["initialization"] == "ch-initialization"


# ------------------------------------------------------------------- symmetry


def _digits_batch(n: int = 64) -> tuple[np.ndarray, np.ndarray]:
    X_train, _, y_train, _ = digits_split()
    return np.asarray(X_train[:n]), np.asarray(y_train[:n])


def _hand_gradients(W1, b1, W2, b2, X, y):
    """One backward pass of a tanh network, written out with explicit loops over units."""
    n, hidden = X.shape[0], W1.shape[1]
    h = np.empty((n, hidden))
    for j in range(hidden):
        h[:, j] = np.tanh(sum(X[:, i] * W1[i, j] for i in range(X.shape[1])) + b1[j])
    logits = h @ W2 + b2
    p = np.exp(logits - logits.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    g = p.copy()
    g[np.arange(n), y.astype(int)] -= 1.0
    g /= n
    dW2, db2 = h.T @ g, g.sum(axis=0)
    delta = np.empty_like(h)
    for j in range(hidden):
        delta[:, j] = (1 - h[:, j] ** 2) * sum(g[:, k] * W2[j, k] for k in range(W2.shape[1]))
    return X.T @ delta, delta.sum(axis=0), dW2, db2


def test_zero_start_moves_only_the_output_bias():
    X, y = _digits_batch()
    hidden = ini.SYMMETRY_HIDDEN
    W1, b1, W2, b2 = np.zeros((64, hidden)), np.zeros(hidden), np.zeros((hidden, 10)), np.zeros(10)
    dW1, db1, dW2, db2 = _hand_gradients(W1, b1, W2, b2, X, y)
    assert not dW1.any() and not db1.any() and not dW2.any()
    assert np.abs(db2).max() > 0
    # the claims: nothing but the output bias moved during training
    assert value("initialization.zero_largest_weight_change") == 0.0
    assert value("initialization.zero_output_bias_change") > 0
    # equal logits for every image: the network predicts one class for all of them
    _, _, _, y_test = digits_split()
    shares = np.bincount(np.asarray(y_test, dtype=int), minlength=10) / len(y_test)
    assert np.min(np.abs(shares - value("initialization.zero_accuracy"))) < 1e-12


def test_equal_start_gives_equal_gradients_to_every_hidden_unit():
    X, y = _digits_batch()
    c, hidden = ini.SYMMETRY_EQUAL_VALUE, 6
    W1, b1, W2, b2 = (
        np.full((64, hidden), c),
        np.zeros(hidden),
        np.full((hidden, 10), c),
        np.zeros(10),
    )
    for _ in range(3):  # a few hand-written SGD steps: the columns stay equal, bit for bit
        dW1, db1, dW2, db2 = _hand_gradients(W1, b1, W2, b2, X, y)
        W1, b1 = W1 - ini.SYMMETRY_LR * dW1, b1 - ini.SYMMETRY_LR * db1
        W2, b2 = W2 - ini.SYMMETRY_LR * dW2, b2 - ini.SYMMETRY_LR * db2
    assert np.all(W1 == W1[:, :1]) and np.all(W2 == W2[:1, :]) and np.all(b1 == b1[0])
    assert np.abs(W1 - c).max() > 0
    assert value("initialization.equal_distinct_units") == 1
    assert value("initialization.equal_weight_change") > 0
    assert value("initialization.equal_accuracy") < value("relu_family.baseline_accuracy")


def test_random_start_keeps_the_units_distinct():
    assert value("initialization.random_distinct_units") == ini.SYMMETRY_HIDDEN
    assert value("initialization.random_smallest_gap") > 0.01
    assert value("initialization.random_accuracy") > 0.9


# ------------------------------------------------------------- the uniform rule


def test_uniform_law_variance_and_the_tanh_factor():
    # Var of U(-r, r) by quadrature, and the closed form 1/sqrt(3) with mpmath
    r = 0.7
    second_moment, _ = integrate.quad(lambda w: w**2 / (2 * r), -r, r)
    assert second_moment == pytest.approx(r**2 / 3, rel=1e-12)
    assert value("initialization.standard_tanh_predicted_factor") == pytest.approx(
        float(1 / mpmath.sqrt(3)), rel=1e-15
    )
    # an independent simulation: another seed, another width, a hand-written loop
    rng = np.random.default_rng(123)
    width = 200
    h = rng.standard_normal((100, width))
    stds = []
    for _ in range(ini.DEEP_DEPTH):
        bound = 1 / math.sqrt(width)
        h = np.tanh(h @ rng.uniform(-bound, bound, (width, width)))
        stds.append(h.std())
    first, last = ini.STANDARD_TANH_FIT_LAYERS
    independent = (stds[last - 1] / stds[first - 1]) ** (1 / (last - first))
    measured = value("initialization.standard_tanh_measured_factor")
    assert abs(measured - independent) < 0.02
    assert abs(measured - 1 / math.sqrt(3)) < 0.02
    assert value("initialization.standard_tanh_first_factor") < measured
    assert value("initialization.standard_tanh_last_std") == pytest.approx(stds[-1], rel=0.5)


# ------------------------------------------------------------- N(0, 1) weights


def test_digits_inputs_and_normal_preactivations():
    X_all = load_digits().data / 16.0
    X_train = np.asarray(digits_split()[0])
    assert abs(len(X_train) - len(X_all) * (1 - DIGITS_TEST_FRACTION)) < 10
    assert value("initialization.digits_fan_in") == X_all.shape[1] == 64
    rms = np.linalg.norm(X_train) / math.sqrt(X_train.size)
    assert value("initialization.digits_input_rms") == pytest.approx(rms, rel=1e-12)
    predicted = math.sqrt(64) * rms
    assert value("initialization.digits_normal_predicted_std") == pytest.approx(predicted)
    # E[z^2] over the weights is |x|^2 exactly: the measured value is a sample of it
    assert value("initialization.digits_normal_measured_std") == pytest.approx(predicted, rel=0.05)


def _saturated_share(std_of_z: np.ndarray, threshold_x: float) -> float:
    # share of pre-activations beyond +-x when z_n ~ N(0, s_n^2), one s_n per image
    return float(np.mean(2 * stats.norm.sf(threshold_x / std_of_z)))


def test_saturated_shares_against_the_normal_law():
    X_train = np.asarray(digits_split()[0])
    std_per_image = np.linalg.norm(X_train, axis=1)  # z = x . w with w ~ N(0, I)
    tanh_x, sigmoid_x = (
        value("sigmoid_tanh.tanh_saturation_x"),
        value("sigmoid_tanh.sigmoid_saturation_x"),
    )
    assert value("initialization.digits_normal_saturated_tanh") == pytest.approx(
        _saturated_share(std_per_image, tanh_x), abs=0.02
    )
    assert value("initialization.digits_normal_saturated_sigmoid") == pytest.approx(
        _saturated_share(std_per_image, sigmoid_x), abs=0.02
    )
    # the wide layer: a Monte Carlo draw of N(0, d) pre-activations
    z = np.random.default_rng(7).normal(0.0, math.sqrt(ini.WIDE_FAN_IN), 1_000_000)
    assert value("initialization.wide_normal_std") == pytest.approx(z.std(), rel=0.01)
    assert value("initialization.wide_normal_saturated_tanh") == pytest.approx(
        np.mean(np.abs(z) > tanh_x), abs=0.002
    )
    assert value("initialization.wide_normal_saturated_sigmoid") == pytest.approx(
        np.mean(np.abs(z) > sigmoid_x), abs=0.002
    )


# ------------------------------------------------------------------ variances


def test_relu_second_moment_is_half_the_variance():
    half, _ = integrate.quad(lambda z: z**2 * stats.norm.pdf(z), 0, np.inf)
    assert half == pytest.approx(0.5, rel=1e-10)
    assert value("initialization.relu_second_moment_ratio") == pytest.approx(half, abs=0.005)


@pytest.mark.parametrize(
    ("name", "n_in", "n_out", "expected"),
    [
        ("uniform_fan_in", 300, 200, lambda i, o: 1 / (3 * i)),
        ("lecun_normal", 300, 200, lambda i, o: 1 / i),
        ("xavier_uniform", 300, 200, lambda i, o: 2 / (i + o)),
        ("xavier_normal", 300, 200, lambda i, o: 2 / (i + o)),
        ("he_normal", 300, 200, lambda i, o: 2 / i),
        ("he_uniform", 300, 200, lambda i, o: 2 / i),
        ("orthogonal", 250, 250, lambda i, o: 1 / i),
    ],
)
def test_every_variance_formula_against_a_sample(name, n_in, n_out, expected):
    w = init.get_initializer(name)((n_in, n_out), np.random.default_rng(3))
    # the sample variance of n draws has relative standard error below sqrt(2 / n)
    assert w.var() == pytest.approx(expected(n_in, n_out), rel=5 * math.sqrt(2 / w.size))


def test_xavier_uniform_bound_is_sqrt_six_over_the_fans():
    w = init.xavier_uniform((300, 200), np.random.default_rng(4))
    bound = math.sqrt(6 / 500)
    assert np.abs(w).max() <= bound and np.abs(w).max() > 0.999 * bound


def test_leaky_relu_he_variance_keeps_the_mean_square():
    a = 0.2
    z = np.random.default_rng(5).standard_normal(1_000_000)
    ratio = np.mean(np.where(z > 0, z, a * z) ** 2) / z.var()
    assert ratio == pytest.approx((1 + a**2) / 2, abs=0.005)


# ----------------------------------------------------------------- orthogonal


def test_products_of_orthogonal_and_gaussian_matrices():
    n = ini.PRODUCT_WIDTH
    Q = stats.ortho_group.rvs(n, size=max(ini.PRODUCT_DEPTHS), random_state=11)
    product = np.linalg.multi_dot(list(Q))
    singular = np.linalg.svd(product, compute_uv=False)
    assert np.allclose(singular, 1.0, atol=1e-12)
    assert value("initialization.product_orthogonal_spread") < 1e-12
    # other seeds: the spread of one Gaussian matrix and of the deepest product, averaged
    # over draws (one draw fluctuates by a few per cent)
    ones, deeps = [], []
    for seed in range(100, 104):
        rng = np.random.default_rng(seed)
        matrices = [
            rng.standard_normal((n, n)) / math.sqrt(n) for _ in range(max(ini.PRODUCT_DEPTHS))
        ]
        product = np.linalg.multi_dot(matrices)
        ones.append(np.std(np.log(np.linalg.svd(matrices[0], compute_uv=False))))
        deeps.append(np.std(np.log(np.linalg.svd(product, compute_uv=False))))
        # the products stay inside double precision: the smallest singular value is resolved
        assert np.linalg.cond(product) < 1e15
    one, deep = np.mean(ones), np.mean(deeps)
    assert value("initialization.product_gaussian_spread_one") == pytest.approx(one, rel=0.12)
    assert value("initialization.product_gaussian_spread_deep") == pytest.approx(deep, rel=0.12)
    assert deep > 3 * one  # the spread grows with the number of factors


def test_orthogonal_initializer_preserves_norms():
    x = np.random.default_rng(0).standard_normal((10, 40))
    W = init.orthogonal((40, 40), np.random.default_rng(1))
    assert np.allclose(np.linalg.norm(x @ W, axis=1), np.linalg.norm(x, axis=1), rtol=1e-12)


# -------------------------------------------------------------- depth table


def test_relu_depths_follow_the_closed_forms():
    # mean square per layer: x n Var(w) / 2; std factor sqrt of it; first crossing of 1e3
    def crossing(factor: float) -> int:
        steps = math.log(ini.DEEP_FACTOR) / abs(math.log(factor))
        return math.floor(steps) + 1 if steps < ini.DEEP_DEPTH - 1 else 0

    n = ini.DEEP_WIDTH
    for scheme, variance in (("standard", 1 / (3 * n)), ("normal", 1.0), ("he", 2 / n)):
        factor = math.sqrt(n * variance / 2)
        expected = 0 if abs(math.log(factor)) < 0.05 else crossing(factor)
        assert value(f"initialization.depth_forward_relu_{scheme}") == expected + (expected > 0)
        assert value(f"initialization.depth_backward_relu_{scheme}") == expected


def test_relu_xavier_shrinks_by_about_sqrt_two_per_layer_both_ways():
    # an independent pass written out with numpy, on the weights the experiment draws
    from actbook.experiments.initialization import SCHEMES

    depth, width = ini.DEEP_DEPTH, ini.DEEP_WIDTH
    model = nn.MLP([width] * (depth + 1) + [10], "relu", init=SCHEMES["xavier"], seed=ini.DEEP_SEED)
    Ws = [layer.params["W"] for layer in model.layers if isinstance(layer, nn.Dense)]
    rng = np.random.default_rng(ini.DEEP_SEED)
    X = rng.standard_normal((ini.DEEP_SAMPLES, width))
    labels = rng.integers(10, size=ini.DEEP_SAMPLES)
    h, zs, hs = X, [], []
    for W in Ws[:-1]:
        zs.append(h @ W)
        h = np.maximum(zs[-1], 0.0)
        hs.append(h)
    logits = h @ Ws[-1]
    p = np.exp(logits - logits.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    p[np.arange(labels.size), labels] -= 1.0
    grad_h, deltas = p @ Ws[-1].T, []
    for layer in reversed(range(depth)):
        delta = grad_h * (zs[layer] > 0)
        deltas.append(delta)
        grad_h = delta @ Ws[layer].T
    deltas = deltas[::-1]
    forward = hs[0].std() / hs[-1].std()
    backward = deltas[-1].std() / deltas[0].std()
    assert value("initialization.relu_xavier_forward_shrink") == pytest.approx(forward, rel=1e-9)
    assert value("initialization.relu_xavier_backward_shrink") == pytest.approx(backward, rel=1e-9)
    # about sqrt(2) per layer (relu_family.depth_factor_xavier), yet inside the factor k
    predicted = math.sqrt(2.0) ** (depth - 1)
    for measured in (forward, backward):
        assert predicted / 1.5 < measured < ini.DEEP_FACTOR
    assert get_claim("initialization.depth_forward_relu_xavier").render() == "–"


def test_depth_claims_render_a_dash_for_never():
    assert get_claim("initialization.depth_forward_relu_he").render() == "–"
    assert get_claim("initialization.depth_forward_relu_normal").render() == "4"
    # tanh with N(0, 1) weights saturates: the activations stay of size one
    case = ini.deep_cases()["normal", "tanh"]
    assert np.all(case.activation_std > 0.9)
    assert value("initialization.depth_forward_tanh_normal") == 0


# ------------------------------------------------------------------- learning


def test_learning_summary_statistics_and_one_hand_written_run():
    for scheme in ini.DEEP_SCHEMES:
        low, mean, high = (
            value(f"initialization.learn_{scheme}_{s}") for s in ("min", "mean", "max")
        )
        assert low <= mean <= high
    assert value("initialization.learn_xavier_mean") > value("initialization.learn_standard_mean")
    # seed 0 of the uniform fan-in rule, written out: weights, shuffling, softmax, SGD
    X_train, X_test, y_train, y_test = (np.asarray(a) for a in digits_split())
    rng = np.random.default_rng(0)
    sizes = [64, *([ini.LEARN_WIDTH] * ini.LEARN_LAYERS), 10]
    Ws = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True):
        bound = 1 / math.sqrt(n_in)
        Ws.append(rng.uniform(-bound, bound, size=(n_in, n_out)))
    bs = [np.zeros(n) for n in sizes[1:]]
    shuffle = np.random.default_rng(0)
    for _ in range(ini.LEARN_EPOCHS):
        order = shuffle.permutation(len(X_train))
        for start in range(0, len(order), ini.LEARN_BATCH):
            batch = order[start : start + ini.LEARN_BATCH]
            hs = [X_train[batch]]
            for W, b in zip(Ws[:-1], bs[:-1], strict=True):
                hs.append(np.tanh(hs[-1] @ W + b))
            logits = hs[-1] @ Ws[-1] + bs[-1]
            p = np.exp(logits - logits.max(axis=1, keepdims=True))
            g = p / p.sum(axis=1, keepdims=True)
            g[np.arange(len(batch)), y_train[batch].astype(int)] -= 1
            g /= len(batch)
            for k in range(len(Ws) - 1, -1, -1):
                dW, db = hs[k].T @ g, g.sum(axis=0)
                if k > 0:
                    g = (g @ Ws[k].T) * (1 - hs[k] ** 2)
                Ws[k] -= ini.LEARN_LR * dW
                bs[k] -= ini.LEARN_LR * db
    h = X_test
    for W, b in zip(Ws[:-1], bs[:-1], strict=True):
        h = np.tanh(h @ W + b)
    accuracy = np.mean((h @ Ws[-1] + bs[-1]).argmax(axis=1) == y_test)
    assert ini.learning_runs()["standard"][0] == pytest.approx(
        accuracy, abs=1 / len(y_test) + 1e-12
    )


# ---------------------------------------------------------------- the register


def test_register_statements_of_the_chapter_are_judged_with_these_claims():
    statements = [s for s in REGISTER.values() if s.chapter == "initialization"]
    assert {s.id for s in statements} >= {
        "S3.equal-init-symmetry",
        "S3.uniform-fan-in-init",
        "S3.zero-bias-init",
        "S4.standard-normal-init-typical",
    }
    for statement in statements:
        assert statement.verdict != "pending"
        assert statement.section.startswith("sec-initialization-")
        for claim_id in statement.claims:
            get_claim(claim_id)


def test_signal_depth_counts_layers_as_the_chapter_defines_them():
    from actbook.experiments.initialization import signal_depth

    shrinking = 0.5 ** np.arange(12)  # 2^-10 < 1/1000 first at layer 11
    assert signal_depth(shrinking, 1000) == 11
    assert signal_depth(shrinking[::-1], 1000, backward=True) == 10
    assert signal_depth(np.array([1.0, 0.0]), 1000) == 2  # a zero signal is dead
    assert signal_depth(np.ones(5), 1000) is None
    with pytest.raises(ValueError, match="positive at the reference layer"):
        signal_depth(np.array([0.0, 1.0]), 1000)
