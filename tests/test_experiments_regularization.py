"""Tests for actbook.experiments.dropout and actbook.experiments.batchnorm."""

import math

import numpy as np
import pytest

from actbook import data
from actbook.experiments import batchnorm as batchnorm_module
from actbook.experiments import dropout as dropout_module
from actbook.experiments.batchnorm import (
    SIGMOID_LINEAR_REGION,
    batchnorm_deep_sigmoid,
    build_deep_sigmoid_net,
    linear_region_fraction,
)
from actbook.experiments.dropout import (
    build_dropout_mlp,
    dropout_output_moments,
    dropout_overfitting,
    monte_carlo_averaging,
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
        dropout_overfitting(drop_probability=p, epochs=1)
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


def test_dropout_overfitting_records_checkpoints_and_initial_losses():
    result = dropout_overfitting(
        n_train=12, n_test=40, width=8, epochs=25, eval_every=10, drop_probability=0.4, seed=2
    )
    np.testing.assert_array_equal(result.without_dropout.epochs, [0, 10, 20, 25])
    # at epoch 0 both runs are the same untrained network, evaluated independently here
    X_train, y_train = data.two_moons(12, noise=0.3, seed=2)
    initial = build_dropout_mlp([2, 8, 8, 1], 0.0, seed=2)
    for curves in (result.without_dropout, result.with_dropout):
        assert curves.train_loss[0] == pytest.approx(bce(initial.forward(X_train), y_train))
        assert curves.test_loss[0] == pytest.approx(
            bce(initial.forward(result.X_test), result.y_test)
        )
    logits = result.dropout_model.forward(result.X_test)[:, 0]
    expected_error = np.mean((sigmoid(logits) > 0.5) != (result.y_test == 1))
    assert result.with_dropout.test_error[-1] == pytest.approx(expected_error)
    assert result.with_dropout.test_loss[-1] == pytest.approx(bce(logits[:, None], result.y_test))
    assert result.drop_probability == 0.4


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"eval_every": 0}, ValueError, "eval_every must be a positive integer, got 0"),
        ({"eval_every": 2.5}, TypeError, "eval_every must be a positive integer, got 2.5"),
        ({"epochs": 0}, ValueError, "epochs must be a positive integer, got 0"),
        ({"n_train": 1}, ValueError, "n_train must be an integer >= 2, got 1"),
        ({"n_test": 0}, ValueError, "n_test must be an integer >= 2, got 0"),
        ({"width": 12.0}, TypeError, "width must be a positive integer, got 12.0"),
        ({"noise": -0.3}, ValueError, "noise must be a finite number >= 0"),
        ({"lr": 0.0}, ValueError, "lr must be a finite number > 0"),
        ({"momentum": 1.0}, ValueError, r"momentum must be in \[0, 1\)"),
        ({"seed": -1}, ValueError, "seed must be a non-negative integer"),
    ],
)
def test_dropout_overfitting_rejects_bad_arguments_before_training(
    monkeypatch, kwargs, error, message
):
    def no_training(*_, **__):
        raise AssertionError("a network was trained before the arguments were checked")

    monkeypatch.setattr(dropout_module, "fit", no_training)
    with pytest.raises(error, match=message):
        dropout_overfitting(**kwargs)


@pytest.fixture(scope="module")
def default_overfitting():
    return dropout_overfitting()


def test_dropout_reduces_overfitting_at_default_size(default_overfitting):
    plain, dropped = default_overfitting.without_dropout, default_overfitting.with_dropout
    assert plain.train_loss[-1] < 0.01 and plain.train_error[-1] == 0.0  # memorized
    assert plain.test_loss[-1] > 1.5 * plain.test_loss.min()  # and overfitted
    assert dropped.test_loss[-1] < plain.test_loss[-1]
    assert dropped.test_error[-1] < plain.test_error[-1]
    assert dropped.train_loss[-1] > plain.train_loss[-1]


def test_monte_carlo_matches_manual_averaging_and_restores_generators():
    model = build_dropout_mlp([2, 10, 10, 1], 0.5, seed=1)
    X, y = data.two_moons(30, noise=0.2, seed=4)
    generators = [layer.rng for layer in model.layers if isinstance(layer, Dropout)]
    result = monte_carlo_averaging(model, X, y, ks=[3, 1, 3], repeats=2, seed=9)
    assert [layer.rng for layer in model.layers if isinstance(layer, Dropout)] == generators

    rng = np.random.default_rng(9)
    for layer in model.layers:
        if isinstance(layer, Dropout):
            layer.rng = rng
    weight_scaling = sigmoid(model.forward(X)[:, 0])
    errors, gaps = [], []
    for _ in range(2):
        passes = [sigmoid(model.forward(X, training=True)[:, 0]) for _ in range(3)]
        means = [passes[0], (passes[0] + passes[1] + passes[2]) / 3]
        errors.append([np.mean((m > 0.5) != (y == 1)) for m in means])
        gaps.append([np.mean(np.abs(m - weight_scaling)) for m in means])
    np.testing.assert_array_equal(result.ks, [1, 3])
    np.testing.assert_allclose(result.mc_error, np.mean(errors, axis=0))
    np.testing.assert_allclose(result.mc_error_std, np.std(errors, axis=0))
    np.testing.assert_allclose(result.probability_gap, np.mean(gaps, axis=0))
    assert result.weight_scaling_error == pytest.approx(np.mean((weight_scaling > 0.5) != (y == 1)))


def test_monte_carlo_is_deterministic_for_a_seed():
    model = build_dropout_mlp([2, 8, 1], 0.5)
    X, y = data.two_moons(10, seed=0)
    first = monte_carlo_averaging(model, X, y, ks=[2], repeats=2, seed=5)
    second = monte_carlo_averaging(model, X, y, ks=[2], repeats=2, seed=5)
    np.testing.assert_array_equal(first.probability_gap, second.probability_gap)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"ks": [0, 2]}, ValueError, r"ks\[0\] must be a positive integer, got 0"),
        ({"ks": [1, 2.5]}, TypeError, r"ks\[1\] must be a positive integer, got 2.5"),
        ({"ks": []}, ValueError, "ks must not be empty"),
        ({"repeats": 0}, ValueError, "repeats must be a positive integer, got 0"),
        ({"seed": -2}, ValueError, "seed must be a non-negative integer"),
        ({"X": np.zeros((0, 2)), "y": np.zeros(0)}, ValueError, "X must not be empty"),
        ({"X": np.zeros(2)}, ValueError, "X must be a 2-d array"),
        (
            {"y": np.zeros(3)},
            ValueError,
            r"y must have shape \(2,\) like the rows of X, got \(3,\)",
        ),
        ({"y": np.array([0.0, np.nan])}, ValueError, "y must contain only finite numbers"),
    ],
)
def test_monte_carlo_rejects_bad_arguments(kwargs, error, message):
    model = build_dropout_mlp([2, 4, 1], 0.5)
    arguments = {"X": np.zeros((2, 2)), "y": np.zeros(2), **kwargs}
    with pytest.raises(error, match=message):
        monte_carlo_averaging(model, **arguments)


def test_monte_carlo_needs_a_sequential_and_accepts_numpy_integers():
    model = build_dropout_mlp([2, 6, 1], 0.5, seed=2)
    X, y = data.two_moons(10, seed=1)
    expected = monte_carlo_averaging(model, X, y, ks=[1, 3], repeats=2, seed=4)
    result = monte_carlo_averaging(
        model, X, y, ks=np.array([3, 1]), repeats=np.int64(2), seed=np.uint8(4)
    )
    np.testing.assert_array_equal(result.probability_gap, expected.probability_gap)
    with pytest.raises(TypeError, match="model must be an actbook.nn.Sequential"):
        monte_carlo_averaging(Dropout(0.5), X, y)


def test_monte_carlo_needs_a_dropout_layer():
    with pytest.raises(ValueError, match="model must contain at least one Dropout layer"):
        monte_carlo_averaging(build_dropout_mlp([2, 4, 1], 0.0), np.zeros((2, 2)), np.zeros(2))


def test_monte_carlo_approaches_weight_scaling_at_default_size(default_overfitting):
    result = monte_carlo_averaging(
        default_overfitting.dropout_model, default_overfitting.X_test, default_overfitting.y_test
    )
    assert result.probability_gap[-1] < result.probability_gap[0]
    assert abs(result.mc_error[-1] - result.weight_scaling_error) < 0.01
    assert result.mc_error[0] > result.weight_scaling_error  # a single pass is worse
    assert np.all(np.diff(result.ks) > 0)


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
