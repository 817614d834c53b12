"""Tests for actbook.experiments.dropout and actbook.experiments.batchnorm."""

import math

import numpy as np
import pytest

from actbook import data
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
from actbook.layers import BatchNorm, Dropout
from actbook.nn import Dense


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
    ("sizes", "message"),
    [([4], "sizes must hold at least two widths"), ([2, 0, 1], "sizes must be a positive")],
)
def test_build_dropout_mlp_rejects_bad_sizes(sizes, message):
    with pytest.raises(ValueError, match=message):
        build_dropout_mlp(sizes, 0.5)


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


def test_dropout_overfitting_rejects_bad_eval_every():
    with pytest.raises(ValueError, match="eval_every must be a positive integer, got 0"):
        dropout_overfitting(eval_every=0)


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
    ("kwargs", "message"),
    [
        ({"ks": [0, 2]}, "ks must be a positive integer, got 0"),
        ({"repeats": 0}, "repeats must be a positive integer, got 0"),
    ],
)
def test_monte_carlo_rejects_bad_arguments(kwargs, message):
    model = build_dropout_mlp([2, 4, 1], 0.5)
    with pytest.raises(ValueError, match=message):
        monte_carlo_averaging(model, np.zeros((2, 2)), np.zeros(2), **kwargs)


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


def test_dropout_output_moments_rejects_bad_sample_count():
    with pytest.raises(ValueError, match="n_samples must be a positive integer, got 0"):
        dropout_output_moments(n_samples=0)


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
    with pytest.raises(ValueError, match="threshold must be positive, got 0"):
        linear_region_fraction(z, threshold=0)


def test_build_deep_sigmoid_net_same_weights_with_and_without_batchnorm():
    plain = build_deep_sigmoid_net(3, 5, batch_norm=False, seed=4)
    normed = build_deep_sigmoid_net(3, 5, batch_norm=True, seed=4)
    assert sum(isinstance(layer, BatchNorm) for layer in normed.layers) == 3
    assert len(plain.layers) == 7 and len(normed.layers) == 10
    for a, b in zip(dense_weights(plain), dense_weights(normed), strict=True):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize(("depth", "width"), [(0, 4), (2, -1)])
def test_build_deep_sigmoid_net_rejects_bad_sizes(depth, width):
    with pytest.raises(ValueError, match="must be a positive integer"):
        build_deep_sigmoid_net(depth, width, batch_norm=False)


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


def test_batchnorm_experiment_rejects_bad_epochs():
    with pytest.raises(ValueError, match="epochs must be a positive integer, got 0"):
        batchnorm_deep_sigmoid(epochs=0)


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
