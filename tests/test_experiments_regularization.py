"""Tests for actbook.experiments.dropout and actbook.experiments.batchnorm."""

import math

import numpy as np
import pytest

from actbook import data
from actbook.experiments import batchnorm as batchnorm_module
from actbook.experiments.batchnorm import (
    SIGMOID_LINEAR_REGION,
    batchnorm_deep_sigmoid,
    build_deep_sigmoid_net,
    linear_region_fraction,
)
from actbook.experiments.digits import digits_split
from actbook.experiments.dropout import (
    build_dropout_mlp,
    digits_subset,
    dropout_output_moments,
    mask_gradient_check,
    monte_carlo,
    subset_linear_baseline,
    tanh_dropout_gap,
    train_digits,
)
from actbook.nn import BatchNorm, Dense, Dropout


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def bce(logits, labels):
    """Binary cross-entropy written directly from its definition (moderate logits only)."""
    p = sigmoid(logits[:, 0])
    return float(-np.mean(labels * np.log(p) + (1 - labels) * np.log(1 - p)))


def dense_weights(model):
    return [layer.params["W"] for layer in model.layers if isinstance(layer, Dense)]


def dense_weights_and_biases(model):
    return [(la.params["W"], la.params["b"]) for la in model.layers if isinstance(la, Dense)]


# ---------------------------------------------------------------- dropout experiment


def test_build_dropout_mlp_shares_weights_across_drop_probabilities():
    plain = build_dropout_mlp([2, 6, 5, 1], 0.0, seed=3)
    dropped = build_dropout_mlp([2, 6, 5, 1], 0.3, convention="scale_at_test", seed=3)
    for a, b in zip(dense_weights(plain), dense_weights(dropped), strict=True):
        np.testing.assert_array_equal(a, b)
    layers = [layer for layer in dropped.layers if isinstance(layer, Dropout)]
    assert [(d.drop_probability, d.convention) for d in layers] == [(0.3, "scale_at_test")] * 2
    # evaluation of the inverted variant equals the network without dropout
    x = np.random.default_rng(0).normal(size=(4, 2))
    inverted = build_dropout_mlp([2, 6, 5, 1], 0.3, seed=3)
    np.testing.assert_allclose(inverted.forward(x), plain.forward(x))


@pytest.mark.parametrize(
    ("sizes", "error", "message"),
    [
        ([4], ValueError, "sizes must have at least 2 entries, got 1"),
        ([2, 0, 1], ValueError, r"sizes\[1\] must be a positive integer, got 0"),
        ([2, 2.5, 1], TypeError, r"sizes\[1\] must be a positive integer, got 2.5 \(float\)"),
        ("21", TypeError, "sizes must be a sequence"),
    ],
)
def test_build_dropout_mlp_rejects_bad_sizes(sizes, error, message):
    with pytest.raises(error, match=message):
        build_dropout_mlp(sizes, 0.5)


@pytest.mark.parametrize("p", [math.nan, -0.1, 1.0, 1.5, -math.inf])
def test_bad_drop_probabilities_are_refused_not_turned_into_no_dropout(p):
    # NaN > 0 and -0.1 > 0 are False: these used to build a network without dropout
    message = r"drop_probability must be in \[0, 1\)"
    with pytest.raises(ValueError, match=message):
        build_dropout_mlp([2, 4, 1], p)
    with pytest.raises(ValueError, match=message):
        train_digits(p, epochs=1)
    with pytest.raises(ValueError, match=message):
        dropout_output_moments(drop_probability=p)


def test_drop_probability_of_the_wrong_kind_is_a_type_error():
    for p in ("0.5", None, True):
        with pytest.raises(TypeError, match="drop_probability must be a real number"):
            build_dropout_mlp([2, 4, 1], p)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"activation": "swish"}, ValueError, "activation must be one of"),
        ({"convention": "scaled"}, ValueError, r"convention must be one of \['inverted'"),
        ({"seed": -1}, ValueError, "seed must be a non-negative integer"),
    ],
)
def test_build_dropout_mlp_rejects_bad_options(kwargs, error, message):
    with pytest.raises(error, match=message):
        build_dropout_mlp([2, 4, 1], 0.5, **kwargs)


def test_build_dropout_mlp_accepts_numpy_numbers():
    expected = build_dropout_mlp([2, 5, 1], 0.25, seed=3)
    result = build_dropout_mlp(np.array([2, 5, 1]), np.float32(0.25), seed=np.int64(3))
    for a, b in zip(dense_weights(expected), dense_weights(result), strict=True):
        np.testing.assert_array_equal(a, b)
    assert [type(layer) for layer in result.layers] == [type(layer) for layer in expected.layers]


def test_digits_subset_is_stratified_and_from_the_training_split():
    X, y = digits_subset(4, seed=2)
    X_train, _, y_train, _ = digits_split()
    assert np.bincount(y.astype(int)).tolist() == [4] * 10
    train_rows = {row.tobytes() for row in X_train}
    assert all(row.tobytes() in train_rows for row in X)
    assert len({row.tobytes() for row in X}) == len(X)  # without replacement
    with pytest.raises(ValueError, match="per_class must be at most"):
        digits_subset(10_000)


def test_subset_linear_baseline_against_newton_cg():
    from sklearn.linear_model import LogisticRegression

    X, y = digits_subset(5)
    _, X_val, _, y_val = digits_split()
    reference = LogisticRegression(C=0.5, solver="newton-cg", tol=1e-10, max_iter=10_000)
    reference.fit(X, y)
    train, val, _ = subset_linear_baseline(5, C=0.5)
    assert train == pytest.approx(reference.score(X, y), abs=1.5 / len(y))
    assert val == pytest.approx(reference.score(X_val, y_val), abs=1.5 / len(y_val))
    with pytest.raises(ValueError, match="C must be a finite number > 0"):
        subset_linear_baseline(5, C=0)


def test_train_digits_curves_match_a_hand_written_evaluation():
    curves, model = train_digits(0.5, per_class=3, hidden=(6,), epochs=3, eval_every=2, seed=1)
    assert curves[:, 0].tolist() == [0.0, 2.0, 3.0]
    X, y = digits_subset(3)
    (W1, b1), (W2, b2) = dense_weights_and_biases(model)
    logits = np.maximum(X @ W1 + b1, 0) @ W2 + b2
    assert curves[-1, 2] == pytest.approx(np.mean(logits.argmax(1) == y))
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    assert curves[-1, 1] == pytest.approx(-np.mean(log_p[np.arange(len(y)), y.astype(int)]))
    with pytest.raises(ValueError, match="momentum must be in"):
        train_digits(0.5, momentum=1.0)


def test_monte_carlo_matches_manual_averaging_and_restores_generators():
    model = build_dropout_mlp([2, 12, 3], 0.5, seed=3)
    X = np.array([[0.2, -1.0], [1.5, 0.3], [-0.7, 0.9], [0.0, 0.0]])
    y = np.array([0, 2, 1, 2])
    layer = next(layer for layer in model.layers if isinstance(layer, Dropout))
    before = layer.rng.bit_generator.state
    result = monte_carlo(model, X, y, ks=[3, 1], repeats=2, seed=9)
    assert layer.rng.bit_generator.state == before
    # the same masks, drawn by hand from one generator in the same order
    rng = np.random.default_rng(9)
    (W1, b1), (W2, b2) = dense_weights_and_biases(model)
    for r in range(2):
        probabilities = []
        for _ in range(3):
            mask = (rng.random((4, 12)) >= 0.5) / 0.5
            logits = (np.maximum(X @ W1 + b1, 0) * mask) @ W2 + b2
            e = np.exp(logits - logits.max(axis=1, keepdims=True))
            probabilities.append(e / e.sum(axis=1, keepdims=True))
        for j, k in enumerate((1, 3)):
            mean = np.mean(probabilities[:k], axis=0)
            assert result["accuracy"][r, j] == pytest.approx(np.mean(mean.argmax(1) == y))
            assert result["log_loss"][r, j] == pytest.approx(-np.mean(np.log(mean[range(4), y])))
    with pytest.raises(ValueError, match="at least one Dropout layer"):
        monte_carlo(build_dropout_mlp([2, 4, 3], 0.0), X, y)


def test_mask_gradient_check_against_a_hand_written_backward_pass():
    model = build_dropout_mlp([3, 10, 2], 0.5, seed=4)
    X = np.random.default_rng(0).standard_normal((6, 3))
    y = np.array([0, 1, 1, 0, 1, 0])
    twin = build_dropout_mlp([3, 10, 2], 0.5, seed=4)
    result = mask_gradient_check(model, X, y)
    twin.forward(X, training=True)
    mask = np.asarray(next(la for la in twin.layers if isinstance(la, Dropout))._multiplier) > 0
    (W1, b1), (W2, b2) = dense_weights_and_biases(twin)
    z1 = X @ W1 + b1
    logits = (np.maximum(z1, 0) * mask / 0.5) @ W2 + b2
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    g = e / e.sum(axis=1, keepdims=True)
    g[np.arange(6), y] -= 1
    delta = (g @ W2.T) * mask / 0.5 * (z1 > 0)
    assert result["dropped_pairs"] == int((~mask).sum())
    assert result["max_dropped_delta"] == float(np.abs(delta[~mask]).max()) == 0.0
    assert result["units_without_gradient"] == int(np.sum(np.all(X.T @ delta == 0, axis=0)))
    assert result["units"] == 10


def test_tanh_dropout_gap_against_sampling():
    x, w = np.array([1.0, -0.5, 2.0]), np.array([0.3, 0.8, -0.2])
    mean_output, output_of_mean, mean_z, var_z = tanh_dropout_gap(x, w, 0.3)
    masks = np.random.default_rng(1).random((200_000, 3)) >= 0.3
    z = masks @ (w * x) / 0.7
    assert mean_output == pytest.approx(np.tanh(z).mean(), abs=5 * np.tanh(z).std() / 447)
    assert output_of_mean == pytest.approx(math.tanh(float(w @ x)))
    assert var_z == pytest.approx(0.3 / 0.7 * float(np.sum((w * x) ** 2)))
    with pytest.raises(ValueError, match="w must have shape"):
        tanh_dropout_gap(x, w[:2], 0.3)


def test_dropout_output_moments_within_sampling_error():
    p, n = 0.25, 50_000
    moments = dropout_output_moments([0.5, -3.0], drop_probability=p, n_samples=n, seed=4)
    for x, mean, var, predicted in zip(
        moments.x,
        moments.empirical_mean,
        moments.empirical_variance,
        moments.predicted_variance,
        strict=True,
    ):
        # exact moments of the two-point law: x / (1 - p) with probability 1 - p, else 0
        deviations = {x / (1 - p) - x: 1 - p, -x: p}
        exact_var = sum(w * d**2 for d, w in deviations.items())
        fourth = sum(w * d**4 for d, w in deviations.items())
        assert predicted == pytest.approx(exact_var)
        assert abs(mean - x) < 5 * math.sqrt(exact_var / n)
        assert abs(var - exact_var) < 5 * math.sqrt((fourth - exact_var**2) / n)
    assert moments.drop_probability == p


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"n_samples": 0}, ValueError, "n_samples must be a positive integer, got 0"),
        ({"n_samples": 1e5}, TypeError, "n_samples must be a positive integer, got 100000.0"),
        ({"x": []}, ValueError, r"x must not be empty, got shape \(0,\)"),
        ({"x": [[1.0]]}, ValueError, "x must be a 1-d array"),
        ({"x": [1.0, np.inf]}, ValueError, "x must contain only finite numbers"),
        ({"seed": -1}, ValueError, "seed must be a non-negative integer"),
    ],
)
def test_dropout_output_moments_rejects_bad_arguments(kwargs, error, message):
    with pytest.raises(error, match=message):
        dropout_output_moments(**kwargs)


# -------------------------------------------------------------- batchnorm experiment


def test_linear_region_threshold_matches_its_documented_numbers():
    z = np.linspace(-SIGMOID_LINEAR_REGION, SIGMOID_LINEAR_REGION, 20001)
    gap = np.max(np.abs(sigmoid(z) - (0.5 + z / 4)))
    assert gap == pytest.approx(0.75 - 1 / (1 + math.exp(-1.0)))
    assert round(gap, 4) == 0.0189
    assert round(math.erf(1 / math.sqrt(2)), 3) == 0.683


def test_linear_region_fraction_counts_the_closed_interval():
    z = [np.array([-1.0, 1.0, 1.0000001, -5.0]), np.array([[0.2, 0.3], [2.0, 0.0]])]
    np.testing.assert_allclose(linear_region_fraction(z), [0.5, 0.75])
    np.testing.assert_allclose(linear_region_fraction(z, threshold=0.25), [0.0, 0.5])
    with pytest.raises(ValueError, match="threshold must be a finite number > 0, got 0.0"):
        linear_region_fraction(z, threshold=0)
    with pytest.raises(ValueError, match="threshold must be a finite number > 0, got nan"):
        linear_region_fraction(z, threshold=math.nan)
    with pytest.raises(ValueError, match="pre_activations must not be empty"):
        linear_region_fraction([])
    with pytest.raises(ValueError, match=r"pre_activations\[1\] must not be empty"):
        linear_region_fraction([np.ones(2), np.ones(0)])


def test_build_deep_sigmoid_net_same_weights_with_and_without_batchnorm():
    plain = build_deep_sigmoid_net(3, 5, batch_norm=False, seed=4)
    normed = build_deep_sigmoid_net(3, 5, batch_norm=True, seed=4)
    assert sum(isinstance(layer, BatchNorm) for layer in normed.layers) == 3
    assert len(plain.layers) == 7 and len(normed.layers) == 10
    for a, b in zip(dense_weights(plain), dense_weights(normed), strict=True):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"depth": 0}, ValueError, "depth must be a positive integer, got 0"),
        ({"width": -1}, ValueError, "width must be a positive integer, got -1"),
        ({"depth": 2.5}, TypeError, "depth must be a positive integer, got 2.5"),
        ({"batch_norm": 1}, TypeError, "batch_norm must be True or False, got 1"),
        ({"in_features": 0}, ValueError, "in_features must be a positive integer"),
        ({"init": "xavier"}, ValueError, "init must be one of"),
        ({"seed": -1}, ValueError, "seed must be a non-negative integer"),
    ],
)
def test_build_deep_sigmoid_net_rejects_bad_arguments(kwargs, error, message):
    arguments = {"depth": 2, "width": 4, "batch_norm": False, **kwargs}
    with pytest.raises(error, match=message):
        build_deep_sigmoid_net(**arguments)


def test_build_deep_sigmoid_net_accepts_numpy_integers():
    expected = build_deep_sigmoid_net(2, 3, batch_norm=True, seed=1)
    result = build_deep_sigmoid_net(np.int64(2), np.int32(3), batch_norm=np.True_, seed=np.int8(1))
    for a, b in zip(dense_weights(expected), dense_weights(result), strict=True):
        np.testing.assert_array_equal(a, b)
    assert len(result.layers) == len(expected.layers) == 7


def manual_forward(weights, biases, X, *, batch_norm):
    """Forward pass written out by hand; returns the sigmoid inputs and the logits."""
    a, pre_activations = X, []
    for W, b in zip(weights[:-1], biases[:-1], strict=True):
        z = a @ W + b
        if batch_norm:
            z = (z - z.mean(axis=0)) / np.sqrt(z.var(axis=0) + 1e-5)
        pre_activations.append(z)
        a = sigmoid(z)
    return pre_activations, a @ weights[-1] + biases[-1]


@pytest.mark.parametrize("batch_norm", [False, True])
def test_batchnorm_experiment_first_step_matches_hand_computation(batch_norm):
    X, y = data.two_moons(16, noise=0.1, seed=1)
    result = batchnorm_deep_sigmoid(depth=3, width=6, n_samples=16, epochs=2, seed=1)
    run = result.with_batchnorm if batch_norm else result.without_batchnorm
    net = build_deep_sigmoid_net(3, 6, batch_norm=batch_norm, seed=1)
    weights = dense_weights(net)
    biases = [layer.params["b"] for layer in net.layers if isinstance(layer, Dense)]
    pre_activations, logits = manual_forward(weights, biases, X, batch_norm=batch_norm)
    expected = [np.mean(np.abs(z) <= 1.0) for z in pre_activations]
    np.testing.assert_allclose(run.linear_fraction_initial, expected)
    assert run.loss[0] == pytest.approx(bce(logits, y))
    # dL/dW of the last layer: a^T (sigma(logit) - y) / n
    last_input = sigmoid(pre_activations[-1])
    grad_last = last_input.T @ ((sigmoid(logits[:, 0]) - y)[:, None] / len(y))
    assert run.gradient_norms[0, -1] == pytest.approx(np.linalg.norm(grad_last))
    assert run.gradient_norms.shape == (2, 4)
    assert run.batch_norm is batch_norm and result.threshold == 1.0


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"epochs": 0}, ValueError, "epochs must be a positive integer, got 0"),
        ({"epochs": 3.0}, TypeError, "epochs must be a positive integer, got 3.0"),
        ({"depth": 0}, ValueError, "depth must be a positive integer"),
        ({"n_samples": 1}, ValueError, "n_samples must be an integer >= 2, got 1"),
        ({"noise": math.nan}, ValueError, "noise must be a finite number >= 0"),
        ({"lr": -0.1}, ValueError, "lr must be a finite number > 0"),
        ({"momentum": -0.5}, ValueError, r"momentum must be in \[0, 1\)"),
        ({"threshold": 0.0}, ValueError, "threshold must be a finite number > 0"),
        ({"init": None}, TypeError, "init must be one of"),
    ],
)
def test_batchnorm_experiment_rejects_bad_arguments_before_training(
    monkeypatch, kwargs, error, message
):
    def no_training(*_, **__):
        raise AssertionError("a network was trained before the arguments were checked")

    monkeypatch.setattr(batchnorm_module, "fit", no_training)
    with pytest.raises(error, match=message):
        batchnorm_deep_sigmoid(**kwargs)


@pytest.fixture(scope="module")
def default_comparison():
    return batchnorm_deep_sigmoid()


def test_deep_sigmoid_without_batchnorm_stalls_with_vanishing_gradients(default_comparison):
    run = default_comparison.without_batchnorm
    first, last = run.gradient_norms[0, 0], run.gradient_norms[0, -1]
    assert first < 1e-4 * last
    assert run.loss[-1] == pytest.approx(math.log(2), abs=0.01)
    assert np.all(run.linear_fraction_initial > 0.8)  # small, not saturated, inputs


def test_deep_sigmoid_with_batchnorm_trains(default_comparison):
    run = default_comparison.with_batchnorm
    norms = run.gradient_norms[0]
    assert norms.min() > 1e-2 * norms.max()
    assert run.loss[-1] < 0.01 and run.accuracy[-1] == 1.0
    # normalized inputs: close to a standard normal's 0.683 in |z| <= 1
    assert np.all((run.linear_fraction_initial > 0.5) & (run.linear_fraction_initial < 0.75))
