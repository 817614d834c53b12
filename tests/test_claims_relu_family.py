"""Claims of the chapter *The ReLU family*, part A, checked against independent computations."""

import inspect
import math
from functools import cache

import numpy as np
import pytest
from scipy.special import expit, log_softmax
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression

from actbook import data, nn
from actbook.activations import relu_derivative, sigmoid_derivative
from actbook.claims import CHAPTER_LABELS, get_claim
from actbook.claims import relu_family as rf
from actbook.experiments import dead_relu, digits, sparsity
from actbook.init import get_initializer
from actbook.sources import REGISTER


def value(claim_id: str) -> float:
    return float(get_claim(claim_id).compute())


# ------------------------------------------------------------------ parameters


def test_parameters_quoted_in_the_prose_are_the_ones_used():
    defaults = inspect.signature(dead_relu.digits_training).parameters
    assert value("relu_family.digits_width") == dead_relu.DIGITS_HIDDEN[0] == 64
    assert set(dead_relu.DIGITS_HIDDEN) == {64}
    assert value("relu_family.digits_layers") == len(defaults["hidden"].default) == 2
    assert value("relu_family.digits_epochs") == defaults["epochs"].default
    assert value("relu_family.digits_batch") == defaults["batch_size"].default
    assert value("relu_family.digits_test_fraction") == digits.DIGITS_TEST_FRACTION == 0.25
    assert value("relu_family.seed_count") == len(rf.SEEDS)
    rates = [value(f"relu_family.rate_{k + 1}") for k in range(len(rf.LEARNING_RATES))]
    assert rates == list(rf.LEARNING_RATES) == sorted(rates)
    assert value("relu_family.sparsity_learning_rate") == rf.SPARSITY_LEARNING_RATE == rates[0]
    assert value("relu_family.sigmoid_learning_rate") == rf.SIGMOID_LEARNING_RATE
    assert value("relu_family.run_count") == len(rf.LEARNING_RATES) * len(rf.SEEDS)
    assert value("relu_family.depth_layers") == rf.DEPTH_LAYERS
    assert value("relu_family.depth_width") == rf.DEPTH_WIDTH
    assert value("relu_family.depth_batch") == rf.DEPTH_BATCH
    assert value("relu_family.depth_seed_count") == len(rf.DEPTH_SEEDS)
    assert value("relu_family.exact_zero_units") == rf.EXACT_ZERO_UNITS
    assert value("relu_family.exact_zero_layers") == len(rf.EXACT_ZERO_SEEDS)
    assert value("relu_family.exact_zero_bias_std") == rf.EXACT_ZERO_BIAS_STD
    assert value("relu_family.born_dead_units") == rf.BORN_DEAD_UNITS
    assert value("relu_family.symmetric_samples") == rf.SYMMETRIC_SAMPLES
    assert CHAPTER_LABELS["relu_family"] == "ch-relu-family"


def test_numbers_from_the_literature_and_from_s3():
    # Glorot, Bordes & Bengio (2011), their table of sparsities; the brief's literature notes.
    assert value("relu_family.glorot_zero_max") == 0.834
    assert value("relu_family.glorot_zero_min") == 0.680
    assert value("relu_family.glorot_active_min") == pytest.approx(0.166)
    assert value("relu_family.glorot_active_max") == pytest.approx(0.320)
    assert value("relu_family.glorot_harmless_sparsity") == 0.85
    assert (value("relu_family.glorot_brain_low"), value("relu_family.glorot_brain_high")) == (
        0.01,
        0.04,
    )
    assert value("relu_family.lennie_active_bound") == 0.01
    assert value("relu_family.attwell_active_bound") == 0.15
    # S3: "大约5%", "大约是50%", "15%-30%"
    assert value("relu_family.s3_brain_active") == 0.05
    assert value("relu_family.s3_sigmoid_active") == 0.5
    assert (value("relu_family.s3_ideal_low"), value("relu_family.s3_ideal_high")) == (0.15, 0.30)
    for statement in ("S3.brain-active-fraction", "S3.sigmoid-network-active-fraction"):
        assert "%" in REGISTER[statement].quote


# -------------------------------------------------------------- ReLU at zero


def test_digits_pixels_from_scikit_learn_directly():
    raw = load_digits().data  # grey levels 0..16, not actbook's scaled copy
    assert value("relu_family.constant_zero_pixels") == np.sum(raw.max(axis=0) == 0) == 3
    assert value("relu_family.fewest_inked_pixels") == min(np.sum(row > 0) for row in raw)
    assert value("relu_family.exact_zero_total") == raw.shape[0] * 64 * len(rf.EXACT_ZERO_SEEDS)


def _random_layers(X, bias_std):
    """The layers of the count, drawn as `exact_zero_count` documents it."""
    for seed in rf.EXACT_ZERO_SEEDS:
        rng = np.random.default_rng(seed)
        W = rng.normal(0.0, math.sqrt(2.0 / X.shape[1]), size=(X.shape[1], rf.EXACT_ZERO_UNITS))
        b = rng.normal(0.0, bias_std, size=rf.EXACT_ZERO_UNITS)
        yield W, b


def test_no_exact_zeros_in_single_or_double_precision():
    X = load_digits().data / 16.0
    layers = list(_random_layers(X, rf.EXACT_ZERO_BIAS_STD))
    # in float64 the smallest |z| is far above the rounding error of a sum of 64 products
    smallest = min(float(np.min(np.abs(X @ W + b))) for W, b in layers)
    assert smallest > 1e6 * 64 * np.finfo(np.float64).eps
    assert value("relu_family.exact_zeros_float64") == 0
    X32 = X.astype(np.float32)
    zeros32 = sum(
        int(np.sum(X32 @ W.astype(np.float32) == -b.astype(np.float32))) for W, b in layers
    )
    assert value("relu_family.exact_zeros_float32") == zeros32 == 0


def test_exact_zeros_in_half_precision_are_cancellations_of_the_bias():
    X = load_digits().data / 16.0
    cancelled = 0
    for W, b in _random_layers(X, rf.EXACT_ZERO_BIAS_STD):
        # in float16, z is zero exactly when the rounded sum equals minus the rounded bias
        s = X.astype(np.float16) @ W.astype(np.float16)
        cancelled += int(np.sum(s == -b.astype(np.float16)))
    assert value("relu_family.exact_zeros_float16") == cancelled > 0
    assert value("relu_family.exact_zeros_float16") < 1e-4 * value("relu_family.exact_zero_total")
    assert value("relu_family.exact_zeros_float16_no_bias") == 0


def test_a_blank_input_with_zero_biases_is_exactly_zero_everywhere():
    assert sparsity.exact_zero_count(np.zeros((3, 64)), 7, dtype="float64", bias_std=0.0) == 21
    assert sparsity.exact_zero_count(np.zeros((3, 64)), 7, dtype="float64", bias_std=0.1) == 0


def test_trained_networks_count_every_pre_activation():
    y = load_digits().target
    held_out = sum(round(0.25 * count) for count in np.bincount(y))
    checkpoints = dead_relu.DIGITS_EPOCHS + 1
    expected = (
        (len(y) - held_out) * sum(dead_relu.DIGITS_HIDDEN) * checkpoints * len(rf.relu_runs())
    )
    assert value("relu_family.trained_pre_activations") == expected
    assert value("relu_family.trained_exact_zeros") == 0


# ------------------------------------------------------------ the path of ones


def _error_signals_by_hand(activation, init, seed, scale=1.0):
    """One backward pass written out in NumPy, on the network `error_signal_rms` builds.

    Returns the error signals dL/dz of every hidden layer, shape (examples, units) each.
    ``scale`` multiplies every weight after drawing it.
    """
    depth, width, n = rf.DEPTH_LAYERS, rf.DEPTH_WIDTH, rf.DEPTH_BATCH
    init = get_initializer("normal", std=1.0) if init == "standard_normal" else init
    model = nn.MLP([width] * (depth + 1) + [1], activation, init=init, seed=seed)
    weights = [scale * d.params["W"] for d in model.layers if isinstance(d, nn.Dense)]
    assert all(not d.params["b"].any() for d in model.layers if isinstance(d, nn.Dense))
    rng = np.random.default_rng(seed)
    a = rng.standard_normal((n, width))
    y = rng.integers(0, 2, size=n)
    f, df = {
        "relu": (lambda z: np.maximum(z, 0.0), lambda z: (z > 0).astype(float)),
        "sigmoid": (expit, lambda z: expit(z) * (1.0 - expit(z))),
    }[activation]
    zs = []
    for W in weights[:-1]:
        zs.append(a @ W)
        a = f(zs[-1])
    logit = a @ weights[-1]
    g = ((expit(logit[:, 0]) - y) / n)[:, None] @ weights[-1].T
    deltas = []
    for k in range(depth - 1, -1, -1):
        delta = g * df(zs[k])
        deltas.append(delta)
        g = delta @ weights[k].T
    return deltas[::-1]


def _rms(deltas):
    return np.array([math.sqrt(np.einsum("ij,ij->", d, d) / d.size) for d in deltas])


@pytest.mark.parametrize("name", sorted(rf.DEPTH_CASES))
def test_error_signals_against_a_hand_written_backward_pass(name):
    for row, seed in enumerate(rf.DEPTH_SEEDS):
        by_hand = _rms(_error_signals_by_hand(*rf.DEPTH_CASES[name], seed))
        np.testing.assert_allclose(rf.depth_gradients()[name][row], by_hand, rtol=1e-9)


@cache
def _factors_by_hand(name):
    factors = []
    for seed in rf.DEPTH_SEEDS:
        rms = _rms(_error_signals_by_hand(*rf.DEPTH_CASES[name], seed))
        factors.append((rms[-1] / rms[0]) ** (1.0 / (len(rms) - 1)))
    return np.array(factors)


def test_per_layer_factors_against_the_variance_argument():
    n, layers = rf.DEPTH_WIDTH, rf.DEPTH_LAYERS - 1
    he, xavier, normal = (_factors_by_hand(k) for k in ("relu_he", "relu_xavier", "relu_normal"))
    geometric = lambda v: math.exp(np.log(v).mean())  # noqa: E731
    # He: variance 2/n, factor one; Xavier uniform on square layers: variance 1/n, sqrt(2)
    assert value("relu_family.depth_factor_he") == pytest.approx(geometric(he), rel=1e-9)
    assert value("relu_family.depth_factor_he") == pytest.approx(1.0, abs=0.03)
    assert (
        value("relu_family.depth_factor_he_low"),
        value("relu_family.depth_factor_he_high"),
    ) == (
        pytest.approx(he.min(), rel=1e-9),
        pytest.approx(he.max(), rel=1e-9),
    )
    assert he.min() < 1.0 < he.max()  # "a factor below one means that it grows" happens
    assert value("relu_family.depth_factor_xavier_predicted") == pytest.approx(math.sqrt(2.0))
    assert value("relu_family.depth_factor_xavier") == pytest.approx(geometric(xavier), rel=1e-9)
    assert value("relu_family.depth_factor_xavier") == pytest.approx(math.sqrt(2.0), rel=0.03)
    assert value("relu_family.depth_factor_xavier_low") == pytest.approx(xavier.min(), rel=1e-9)
    assert value("relu_family.depth_factor_xavier_high") == pytest.approx(xavier.max(), rel=1e-9)
    assert value("relu_family.depth_growth_normal_predicted") == pytest.approx(math.sqrt(n / 2))
    assert value("relu_family.depth_growth_normal") == pytest.approx(1 / geometric(normal))
    assert value("relu_family.depth_growth_normal") == pytest.approx(math.sqrt(n / 2), rel=0.03)
    assert value("relu_family.depth_growth_normal_low") == pytest.approx(1 / normal.max())
    assert value("relu_family.depth_growth_normal_high") == pytest.approx(1 / normal.min())
    assert value("relu_family.depth_ratio_he") == pytest.approx(geometric(he) ** layers)
    assert value("relu_family.depth_ratio_xavier") == pytest.approx(geometric(xavier) ** layers)
    assert value("relu_family.depth_ratio_normal") == pytest.approx(geometric(normal) ** -layers)
    assert value("relu_family.depth_ratio_sigmoid") > 1e9 > value("relu_family.depth_ratio_he")


def test_the_standard_normal_network_is_the_he_network_scaled():
    c = math.sqrt(rf.DEPTH_WIDTH / 2)
    for seed in rf.DEPTH_SEEDS[:2]:
        he = _error_signals_by_hand("relu", "he_normal", seed)
        normal = _error_signals_by_hand("relu", "standard_normal", seed)
        # the same weights up to the scale c: drawing He weights and scaling gives the N(0, 1) ones
        scaled = _error_signals_by_hand("relu", "he_normal", seed, scale=c)
        for a, b in zip(normal, scaled, strict=True):
            np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-300)
        # per example, first over last hidden layer: exactly c ** (depth - 1) times He's
        first, last = (np.linalg.norm(d, axis=1) for d in (he[0], he[-1]))
        first_n, last_n = (np.linalg.norm(d, axis=1) for d in (normal[0], normal[-1]))
        keep = (last > 0) & (last_n > 0)  # an output saturated to 0 or 1 in floats sends nothing
        assert keep.mean() > 0.5
        np.testing.assert_allclose(
            first_n[keep] / last_n[keep],
            c ** (rf.DEPTH_LAYERS - 1) * first[keep] / last[keep],
            rtol=1e-6,
        )
    product = _factors_by_hand("relu_he") / _factors_by_hand("relu_normal")
    assert value("relu_family.depth_scaling_deviation") == pytest.approx(
        np.max(np.abs(product / c - 1.0)), rel=1e-6
    )
    assert value("relu_family.depth_scaling_deviation") < 0.01


# ------------------------------------------------------------------ cost


def test_the_timed_backward_passes_compute_the_derivatives():
    z = np.linspace(-5.0, 5.0, 1001)
    g = np.cos(z)
    np.testing.assert_array_equal(rf.relu_backward(g, z, None), g * relu_derivative(z))
    s = expit(z)
    np.testing.assert_allclose(
        rf.sigmoid_backward(g, None, s), g * sigmoid_derivative(z), rtol=1e-12, atol=1e-15
    )


@pytest.mark.parametrize("measure", ["backward_cost", "step_cost"])
def test_timings_are_ordered_quartiles(measure):
    q1, median, q3 = (value(f"relu_family.{measure}_{s}") for s in ("q1", "median", "q3"))
    assert 0 < q1 <= median <= q3 < 100
    assert get_claim(f"relu_family.{measure}_median").volatile


# ------------------------------------------------------------------ sparsity


def test_half_of_relu_outputs_are_zero_for_symmetric_inputs():
    # binomial standard error of a share of one half over the samples
    error = 0.5 / math.sqrt(rf.SYMMETRIC_SAMPLES)
    assert abs(value("relu_family.symmetric_zero_fraction") - 0.5) < 4 * error


def _train_by_hand(activation, learning_rate, seed):
    """The digits network of `digits_training`, trained by a loop written out in NumPy.

    Returns the per-checkpoint dead masks and zero, positive and mean fractions of the
    hidden layers on the training images, and the held-out accuracy.
    """
    X, y = data.digits()
    X_train, X_test, y_train, y_test = data.split(X, y, test_fraction=0.25, seed=0)
    rng = np.random.default_rng(seed)
    sizes = [64, *dead_relu.DIGITS_HIDDEN, 10]
    params = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True):
        if activation == "relu":  # He normal
            W = rng.normal(0.0, math.sqrt(2.0 / n_in), size=(n_in, n_out))
        else:  # Xavier uniform
            bound = math.sqrt(3.0) * math.sqrt(2.0 / (n_in + n_out))
            W = rng.uniform(-bound, bound, size=(n_in, n_out))
        params.append([W, np.zeros(n_out)])
    f, df = {
        "relu": (lambda z: np.maximum(z, 0.0), lambda z: (z > 0).astype(float)),
        "sigmoid": (expit, lambda z: expit(z) * (1.0 - expit(z))),
    }[activation]

    def forward(x):
        zs, a = [], x
        for W, b in params[:-1]:
            zs.append(a @ W + b)
            a = f(zs[-1])
        return zs, a @ params[-1][0] + params[-1][1]

    def record():
        zs, _ = forward(X_train)
        return [(np.all(f(z) == 0, axis=0), np.mean(f(z) == 0), np.mean(z > 0)) for z in zs]

    records = [record()]
    labels = y_train.astype(int)
    for epoch in range(dead_relu.DIGITS_EPOCHS):
        shuffle = np.random.SeedSequence([seed, epoch]).generate_state(1)[0]
        order = np.random.default_rng(int(shuffle)).permutation(len(labels))
        for start in range(0, len(labels), dead_relu.DIGITS_BATCH_SIZE):
            batch = order[start : start + dead_relu.DIGITS_BATCH_SIZE]
            zs, logits = forward(X_train[batch])
            g = np.exp(log_softmax(logits, axis=1))
            g[np.arange(len(batch)), labels[batch]] -= 1.0
            g /= len(batch)
            inputs = [X_train[batch]] + [f(z) for z in zs]
            grads = []
            for k in range(len(params) - 1, -1, -1):
                grads.append((inputs[k].T @ g, g.sum(axis=0)))
                if k:
                    g = (g @ params[k][0].T) * df(zs[k - 1])
            for (W, b), (gW, gb) in zip(params, grads[::-1], strict=True):
                W -= learning_rate * gW
                b -= learning_rate * gb
        records.append(record())
    _, logits = forward(X_test)
    return records, float(np.mean(np.argmax(logits, axis=1) == y_test))


def test_a_relu_run_against_a_hand_written_training_loop():
    run = rf.relu_runs()[(rf.SPARSITY_LEARNING_RATE, 0)]
    records, accuracy = _train_by_hand("relu", rf.SPARSITY_LEARNING_RATE, 0)
    assert run.test_accuracy == pytest.approx(accuracy, abs=1.5 / 450)
    for checkpoint, layers in enumerate(records):
        for layer, (dead, zero, positive) in enumerate(layers):
            np.testing.assert_array_equal(run.dead[layer][checkpoint], dead)
            assert run.zero_fraction[checkpoint, layer] == pytest.approx(zero, abs=1e-6)
            assert run.positive_fraction[checkpoint, layer] == pytest.approx(positive, abs=1e-6)


def test_a_sigmoid_run_against_a_hand_written_training_loop():
    run = rf.sigmoid_runs()[0]
    records, accuracy = _train_by_hand("sigmoid", rf.SIGMOID_LEARNING_RATE, 0)
    assert run.test_accuracy == pytest.approx(accuracy, abs=2.5 / 450)
    for checkpoint in (0, -1):
        for layer, (_, zero, positive) in enumerate(records[checkpoint]):
            assert zero == 0.0
            assert run.positive_fraction[checkpoint, layer] == pytest.approx(positive, abs=0.01)


def _mean_over(runs, field, checkpoint, layer):
    total = 0.0
    for run in runs:
        total += getattr(run, field)[checkpoint][layer]
    return total / len(runs)


def test_sparsity_claims_are_the_means_of_the_runs():
    relu = [rf.relu_runs()[(rf.SPARSITY_LEARNING_RATE, seed)] for seed in rf.SEEDS]
    sig = rf.sigmoid_runs()
    for layer in (0, 1):
        n = layer + 1
        init = _mean_over(relu, "zero_fraction", 0, layer)
        trained = _mean_over(relu, "zero_fraction", -1, layer)
        assert value(f"relu_family.relu_zero_init_{n}") == pytest.approx(init)
        assert value(f"relu_family.relu_zero_trained_{n}") == pytest.approx(trained)
        assert value(f"relu_family.relu_active_trained_{n}") == pytest.approx(1.0 - trained)
        for name, field in (("above_half", "positive_fraction"), ("mean", "mean_output")):
            for suffix, checkpoint in (("init", 0), ("trained", -1)):
                assert value(f"relu_family.sigmoid_{name}_{suffix}_{n}") == pytest.approx(
                    _mean_over(sig, field, checkpoint, layer)
                )
    assert value("relu_family.sigmoid_exact_zeros") == 0.0
    # before training: about half, as the symmetry argument says (the average is over weights)
    assert 0.4 < value("relu_family.relu_zero_init_1") < 0.65
    assert 0.4 < value("relu_family.sigmoid_above_half_init_1") < 0.6
    assert value("relu_family.sigmoid_mean_init_1") == pytest.approx(0.5, abs=0.05)
    # the chapter's comparison: trained sigmoid layers have fewer outputs above one half
    for n in (1, 2):
        assert value(f"relu_family.sigmoid_above_half_trained_{n}") < value(
            f"relu_family.relu_active_trained_{n}"
        )


def test_accuracies_beside_a_scikit_learn_baseline():
    X, y = data.digits()
    X_train, X_test, y_train, y_test = data.split(X, y, test_fraction=0.25, seed=0)
    # the same convex problem (C = 1) solved by another solver, to convergence
    fit = LogisticRegression(C=1.0, solver="newton-cg", tol=1e-10, max_iter=1000)
    sklearn = fit.fit(X_train, y_train).score(X_test, y_test)
    assert value("relu_family.baseline_accuracy") == pytest.approx(sklearn, abs=1.5 / len(y_test))
    assert value("relu_family.relu_test_accuracy") == pytest.approx(
        np.mean([rf.relu_runs()[(rf.SPARSITY_LEARNING_RATE, s)].test_accuracy for s in rf.SEEDS])
    )
    assert value("relu_family.sigmoid_test_accuracy") == pytest.approx(
        np.mean([run.test_accuracy for run in rf.sigmoid_runs()])
    )
    assert value("relu_family.relu_test_accuracy") > value("relu_family.baseline_accuracy")
    # the prose: the sigmoid network is "no better than the linear baseline", and the ReLU
    # networks at the middle rate of the sweep end "a little below" it
    baseline = value("relu_family.baseline_accuracy")
    assert value("relu_family.sigmoid_test_accuracy") <= baseline
    assert baseline - 0.02 < value("relu_family.accuracy_rate_2") < baseline


# -------------------------------------------------------------- dying units


def _revived_by_loop(mask):
    """Units dead at some checkpoint and alive at a later one, by a plain double loop."""
    count = 0
    for unit in range(mask.shape[1]):
        column = mask[:, unit]
        if any(
            column[t] and not column[u] for t in range(len(column)) for u in range(t, len(column))
        ):
            count += 1
    return count


def test_revival_counts_of_a_hand_made_record():
    mask = np.array([[0, 1, 1, 0], [1, 1, 0, 0], [1, 0, 1, 0]], dtype=bool)  # checkpoints x units
    run = dead_relu.DigitsTraining(
        "relu", 0.1, 0.0, 0, (mask,), *(np.zeros((3, 1)),) * 3, np.zeros((3, 1), int), (), 1, 1, 0
    )
    assert run.ever_dead.tolist() == [3] and run.revived.tolist() == [_revived_by_loop(mask)] == [2]
    np.testing.assert_allclose(run.dead_fraction[:, 0], [0.5, 0.5, 0.5])


def test_dying_claims_from_the_runs():
    runs = rf.relu_runs()
    ever = [
        sum(int(run.dead[layer].any(axis=0).sum()) for run in runs.values()) for layer in (0, 1)
    ]
    revived = [sum(_revived_by_loop(run.dead[layer]) for run in runs.values()) for layer in (0, 1)]
    assert [value("relu_family.ever_dead_1"), value("relu_family.ever_dead_2")] == ever
    assert [value("relu_family.revived_1"), value("relu_family.revived_2")] == revived
    # a dead unit of the first layer never comes back under plain SGD; later ones can
    assert revived[0] == 0 and revived[1] > 0
    for k, rate in enumerate(rf.LEARNING_RATES, start=1):
        at_rate = [runs[(rate, seed)] for seed in rf.SEEDS]
        accuracy = sum(run.test_accuracy for run in at_rate) / len(at_rate)
        assert value(f"relu_family.accuracy_rate_{k}") == pytest.approx(accuracy)
        for layer in (1, 2):
            dead = sum(run.dead[layer - 1][-1].mean() for run in at_rate) / len(at_rate)
            assert value(f"relu_family.dead_end_{layer}_rate_{k}") == pytest.approx(dead)
    top = [runs[(rf.LEARNING_RATES[-1], seed)] for seed in rf.SEEDS]
    assert value("relu_family.min_dead_end_2_top_rate") == min(
        int(r.dead[1][-1].sum()) for r in top
    )
    assert all(run.test_accuracy < 0.2 for run in top)  # guessing among ten classes
    failed = sum(run.test_accuracy < 0.5 for run in runs.values())
    assert value("relu_family.failed_runs") == failed == len(rf.SEEDS)
    born = np.mean([run.dead[0][0].mean() for run in runs.values()])
    assert value("relu_family.born_dead_1") == pytest.approx(born)


def test_whole_dead_layers_and_revivals_at_the_largest_rate():
    top = [rf.relu_runs()[(rf.LEARNING_RATES[-1], seed)] for seed in rf.SEEDS]
    whole = 0
    for run in top:
        if any(int(mask[-1].sum()) == mask.shape[1] for mask in run.dead):
            whole += 1
            # a whole dead layer is final: from the checkpoint on which it is all dead,
            # nothing below it changes, so every later checkpoint has it all dead too
            for mask in run.dead:
                all_dead = np.flatnonzero(mask.all(axis=1))
                if all_dead.size:
                    assert mask[all_dead[0] :].all()
    assert value("relu_family.whole_layer_dead_runs") == whole
    assert 0 < whole < len(top)  # the prose: some runs, not all, lost a whole layer
    assert value("relu_family.ever_dead_2_top_rate") == sum(
        int(run.dead[1].any(axis=0).sum()) for run in top
    )
    assert value("relu_family.revived_2_top_rate") == sum(
        _revived_by_loop(run.dead[1]) for run in top
    )
    assert value("relu_family.revived_2_top_rate") > 0


def test_biases_of_dead_and_living_first_layer_units():
    died, alive, born = [], [], 0
    for run in rf.relu_runs().values():
        mask, bias = run.dead[0], run.hidden_biases[0]
        for unit in range(mask.shape[1]):
            if mask[0, unit]:
                born += 1
                assert bias[unit] == 0.0  # no gradient ever reached it
            elif mask[-1, unit]:
                died.append(bias[unit])
            else:
                alive.append(bias[unit])
    assert value("relu_family.born_dead_count_1") == born > 0
    assert value("relu_family.dead_bias_mean") == pytest.approx(sum(died) / len(died))
    assert value("relu_family.alive_bias_mean") == pytest.approx(sum(alive) / len(alive))
    assert value("relu_family.dead_bias_mean") < value("relu_family.alive_bias_mean")


def test_born_dead_units_by_the_largest_pre_activation():
    X_train, _, _, _ = data.split(*data.digits(), test_fraction=0.25, seed=0)
    rng = np.random.default_rng(rf.BORN_DEAD_SEED)
    W = rng.normal(0.0, math.sqrt(2.0 / 64), size=(64, rf.BORN_DEAD_UNITS))
    largest = np.max(X_train @ W, axis=0)  # dead iff even the largest is at most zero
    dead = largest <= 0
    assert value("relu_family.born_dead_raw") == pytest.approx(dead.mean())
    negative = (W < 0).mean(axis=0)
    assert value("relu_family.negative_share_dead") == pytest.approx(negative[dead].mean())
    assert value("relu_family.negative_share_alive") == pytest.approx(negative[~dead].mean())
    # centred inputs: the pre-activations of a unit sum to zero, so some are positive
    centred = X_train - X_train.mean(axis=0)
    assert np.all(np.max(centred @ W, axis=0) > 0)
    assert value("relu_family.born_dead_centred") == 0.0


def test_gradient_signs_through_actbook_backward_pass():
    X, y = data.digits()
    X_train, _, y_train, _ = data.split(X, y, test_fraction=0.25, seed=0)
    model = nn.MLP([64, *dead_relu.DIGITS_HIDDEN, 10], "relu", seed=0)
    model.forward(X_train)
    _, grad = nn.softmax_cross_entropy(model.layers[-1].forward(model.activations[-1]), y_train)
    incoming = model.layers[-1].backward(grad)  # dL/d(output of the second ReLU layer)
    z = model.pre_activations[1]
    assert value("relu_family.zeroed_positive_share") == pytest.approx(
        np.count_nonzero((z <= 0) & (incoming > 0)) / np.count_nonzero(z <= 0)
    )
    assert value("relu_family.negative_passed_share") == pytest.approx(
        np.count_nonzero((z > 0) & (incoming < 0)) / np.count_nonzero(incoming < 0)
    )


# ----------------------------------------------------------- the experiments


def test_first_layer_units_born_dead_stay_dead():
    run = rf.relu_runs()[(rf.SPARSITY_LEARNING_RATE, 0)]
    born = run.dead[0][0]
    assert born.any()
    assert np.all(run.dead[0][:, born])  # dead at every checkpoint


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"activation": "swish"}, ValueError, "activation must be one of"),
        ({"learning_rate": -1.0}, ValueError, "learning_rate"),
        ({"hidden": ()}, ValueError, "hidden"),
        ({"hidden": (16.5,)}, TypeError, r"hidden\[0\]"),
        ({"epochs": 0}, ValueError, "epochs"),
        ({"momentum": 1.0}, ValueError, "momentum"),
        ({"seed": -1}, ValueError, "seed"),
    ],
)
def test_digits_training_refuses_bad_arguments(kwargs, error, message):
    with pytest.raises(error, match=message):
        dead_relu.digits_training(**kwargs)


def test_exact_zero_count_refuses_bad_arguments():
    with pytest.raises(ValueError, match="dtype"):
        sparsity.exact_zero_count(np.ones((2, 3)), dtype="float128")
    with pytest.raises(ValueError, match="bias_std"):
        sparsity.exact_zero_count(np.ones((2, 3)), bias_std=-1.0)
    with pytest.raises(ValueError, match="X"):
        sparsity.exact_zero_count(np.ones(3))
