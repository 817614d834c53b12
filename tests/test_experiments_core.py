"""Tests of the core experiments against independent reasoning, at small sizes."""

import math

import numpy as np
import pytest
from scipy.special import expit

from actbook import data, nn
from actbook.experiments import dead_relu, initialization, sparsity, symmetry, xor, zigzag

# ---------------------------------------------------------------------------- zigzag


@pytest.fixture(scope="module")
def zig():
    return zigzag.zigzag(24, seed=3)


def test_zigzag_per_sample_updates_of_positive_inputs_share_a_sign(zig):
    updates = np.diff(zig.positive.per_sample.path, axis=0)
    # each update is -lr (f - t) x with x > 0: both components have the sign of t - f
    assert zig.positive.per_sample.same_sign_fraction == 1.0
    assert np.all(updates[:, 0] * updates[:, 1] > 0)
    assert np.all(zig.positive.X > 0)
    assert zig.centered.per_sample.same_sign_fraction < 0.9


def test_zigzag_batch_steps_match_the_eigen_decomposition(zig):
    for case in (zig.positive, zig.centered):
        hessian = case.X.T @ case.X / len(case.X)
        lam, vectors = np.linalg.eigh(hessian)
        lr = 1 / lam[-1]
        # the error along eigenvector k shrinks by (1 - lr lam_k) per step
        error0 = vectors.T @ (zig.start - zig.target)
        t = 0
        while np.linalg.norm((1 - lr * lam) ** t * error0) >= 1e-3:
            t += 1
        assert case.batch.steps_to_converge == t
        assert case.batch.learning_rate == pytest.approx(lr, rel=1e-12)


def test_zigzag_condition_numbers_and_convergence(zig):
    for case in (zig.positive, zig.centered):
        (a, b), (_, d) = case.X.T @ case.X / len(case.X)
        root = math.sqrt((a - d) ** 2 + 4 * b**2)  # eigenvalues of a 2 x 2 symmetric matrix
        assert case.condition_number == pytest.approx((a + d + root) / (a + d - root), rel=1e-9)
        for run in (case.per_sample, case.batch):
            assert np.linalg.norm(run.path[-1] - zig.target) < 1e-3
            assert len(run.path) == run.steps_to_converge + 1
    assert zig.positive.condition_number > 5 * zig.centered.condition_number
    assert zig.positive.batch.steps_to_converge > zig.centered.batch.steps_to_converge
    assert zig.positive.per_sample.steps_to_converge > zig.centered.per_sample.steps_to_converge


def test_zigzag_per_sample_learning_rate_and_budget():
    result = zigzag.zigzag(8, max_steps=3)
    X = result.positive.X
    assert result.positive.per_sample.learning_rate == 1 / np.max(np.sum(X**2, axis=1))
    assert result.positive.per_sample.steps_to_converge is None
    assert len(result.positive.per_sample.path) == 4


def test_same_sign_fraction_by_hand():
    assert zigzag.same_sign_fraction(np.array([[1.0, -1.0], [2.0, 3.0]])) == 0.5
    assert math.isnan(zigzag.same_sign_fraction(np.zeros((3, 2))))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n_samples": 1}, "n_samples must be an integer >= 2"),
        ({"tol": 0.0}, "tol must be positive"),
        ({"max_steps": 0}, "max_steps must be a positive integer"),
        ({"target": (1.0, 2.0, 3.0)}, "target must be two finite numbers"),
        ({"start": (math.nan, 0.0)}, "start must be two finite numbers"),
    ],
)
def test_zigzag_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        zigzag.zigzag(**kwargs)


# ------------------------------------------------------------------------- dead ReLU


def test_dying_probability_of_width_one_is_one_minus_two_to_the_minus_depth():
    trials = 4000
    result = dead_relu.dying_probability([1], [1, 2, 3, 5], trials=trials, seed=1)
    for depth, p in zip(result.depths, result.probability[0], strict=True):
        exact = 1 - 2.0 ** -(depth - 1)
        assert abs(p - exact) <= 5 * math.sqrt(exact * (1 - exact) / trials) + 1e-12


def test_dying_probability_grows_with_depth_and_shrinks_with_width():
    result = dead_relu.dying_probability([2, 5], [2, 10, 30], trials=300)
    assert np.all(np.diff(result.probability, axis=1) >= 0)  # monotone by construction
    assert np.all(result.probability[0] >= result.probability[1])
    assert result.probability[0, -1] > 0.9  # Lu et al.: -> 1 for deep narrow nets
    with_bias = dead_relu.dying_probability([3], [5, 20], trials=200, input_dim=2, bias_std=0.1)
    assert 0 <= with_bias.probability[0, 0] <= with_bias.probability[0, 1] <= 1


def test_dead_units_after_training_by_learning_rate():
    sizes = (2, 16, 16, 1)
    result = dead_relu.dead_relu_vs_learning_rate(
        [1e-9, 2.0, 1e3], sizes=sizes, epochs=3, seeds=(0, 1)
    )
    X, _ = data.two_moons(200, noise=0.1, seed=0)
    for j, seed in enumerate(result.seeds):
        # recount the dead units of the untrained net by hand
        model = nn.MLP(sizes, "relu", seed=int(seed))
        h, dead = X, []
        for dense in (model.layers[0], model.layers[2]):
            h = np.maximum(h @ dense.params["W"] + dense.params["b"], 0)
            dead.extend(np.all(h == 0, axis=0))
        assert result.initial_dead_fraction[j] == np.mean(dead)
    # a negligible step leaves the dead set unchanged; a large one kills units
    assert np.array_equal(result.dead_fraction[0], result.initial_dead_fraction)
    assert np.all(result.dead_fraction[1] > result.initial_dead_fraction)
    assert result.dead_fraction.shape == result.final_loss.shape == (3, 2)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: dead_relu.dead_relu_vs_learning_rate([0.1, -1.0]), "learning_rates must"),
        (lambda: dead_relu.dead_relu_vs_learning_rate([0.1], seeds=()), "seeds must"),
        (lambda: dead_relu.dying_probability([0]), "widths must be positive"),
        (lambda: dead_relu.dying_probability([2], []), "depths must be positive"),
        (lambda: dead_relu.dying_probability(trials=0), "trials, n_inputs and input_dim"),
        (lambda: dead_relu.dying_probability(bias_std=-1.0), "bias_std must be >= 0"),
    ],
)
def test_dead_relu_bad_arguments(call, message):
    with pytest.raises(ValueError, match=message):
        call()


# -------------------------------------------------------------------------- sparsity


@pytest.fixture(scope="module")
def sparse():
    return sparsity.sparsity(
        ["relu", "leaky_relu", "sigmoid", "tanh", "softplus"], sizes=(2, 32, 32, 1), epochs=10
    )


def test_only_rectifiers_give_exact_zeros(sparse):
    for name in ("sigmoid", "tanh", "softplus", "leaky_relu"):
        assert np.all(sparse[name].zero_fraction == 0.0)
        assert np.all(sparse[name].initial_zero_fraction == 0.0)
    assert np.all(sparse["relu"].zero_fraction > 0.2)


def test_relu_zeros_are_exactly_the_non_positive_pre_activations(sparse):
    relu = sparse["relu"]
    # relu(z) = 0 iff z <= 0, and relu'(z) = 1 iff z > 0 (equal up to the rounding of 1 - p)
    exact = {"rtol": 0, "atol": 1e-12}
    assert np.allclose(relu.zero_fraction, 1 - relu.positive_fraction, **exact)
    assert np.allclose(relu.unsaturated_fraction, relu.positive_fraction, **exact)
    assert np.allclose(relu.initial_zero_fraction, 1 - relu.initial_positive_fraction, **exact)
    assert np.all(sparse["leaky_relu"].unsaturated_fraction == 1.0)


def test_sparsity_reports_accuracy_and_glorot_reference(sparse):
    assert all(0.5 <= result.accuracy <= 1.0 for result in sparse.values())
    assert set(sparsity.GLOROT_2011_ZERO_FRACTIONS) == {"MNIST", "CIFAR-10", "NISTP", "NORB"}
    with pytest.raises(ValueError, match="activations must name"):
        sparsity.sparsity([])


# -------------------------------------------------------------------------- symmetry


def test_constant_init_keeps_units_identical_and_random_breaks_them():
    results = symmetry.symmetry(sizes=(2, 5, 7, 1), steps=40)
    constant, random = results["constant"], results["random"]
    assert np.all(constant.spread == 0.0)
    assert constant.distinct_units == [1, 1]
    assert np.all(random.spread > 0) and random.distinct_units == [5, 7]
    assert constant.spread.shape == (41, 2) and constant.loss.shape == (40,)


def test_constant_init_first_loss_by_hand():
    value, width = 0.5, 8
    results = symmetry.symmetry(sizes=(2, width, width, 1), value=value, steps=1)
    X, y = data.two_moons(100, noise=0.1, seed=0)
    # every unit of a layer computes the same number
    h1 = np.tanh(value * X.sum(axis=1))
    h2 = np.tanh(value * width * h1)
    z = value * width * h2
    loss = np.mean(-y * np.log(expit(z)) - (1 - y) * np.log(expit(-z)))
    assert results["constant"].loss[0] == pytest.approx(loss, rel=1e-12)


def test_elementwise_dense_matches_the_blas_layer():
    dense = nn.Dense(5, 3, seed=2)
    exact = symmetry.ElementwiseDense(dense)
    x, g = np.random.default_rng(0).normal(size=(2, 4, 5))[0], np.ones((4, 3))
    assert np.allclose(exact.forward(x), dense.forward(x), rtol=1e-14, atol=1e-14)
    assert np.allclose(exact.backward(g), dense.backward(g), rtol=1e-14, atol=1e-14)
    assert np.allclose(exact.grads["W"], dense.grads["W"], rtol=1e-14, atol=1e-14)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"steps": 0}, "steps must be a positive integer"), ({"sizes": (3, 4, 1)}, "sizes must")],
)
def test_symmetry_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        symmetry.symmetry(**kwargs)


# -------------------------------------------------------------------- initialization


def test_standard_init_shrinks_tanh_activations_by_one_over_sqrt_three():
    case = initialization.initialization(["standard"], ["tanh"])["standard", "tanh"]
    # deep layers are small, tanh is linear there, and n Var(W) = 1/3
    ratios = case.activation_std[1:] / case.activation_std[:-1]
    assert np.all(np.diff(case.activation_std) < 0)
    assert abs(ratios[-1] - 1 / math.sqrt(3)) < 0.03


def test_he_init_keeps_the_relu_mean_square_and_standard_init_divides_it_by_six():
    cases = initialization.initialization(["he", "standard"], ["relu"], width=256, n_samples=128)
    he, standard = cases["he", "relu"], cases["standard", "relu"]
    # E[relu(z)^2] = Var(z) / 2 and Var(z) = n Var(W) E[h^2]: factor 1 (He) or 1/6 (standard)
    for case, factor in ((he, 1.0), (standard, 1 / 6)):
        mean_square = case.activation_std**2 + case.activation_mean**2
        assert np.all(np.abs(mean_square[1:] / mean_square[:-1] / factor - 1) < 0.3)
    assert np.all(np.abs(he.gradient_std / he.gradient_std[-1] - 1) < 0.3)


def test_histograms_count_every_value_and_gradients_match_the_chain_rule():
    cases = initialization.initialization(["xavier"], ["sigmoid"], width=32, n_samples=20, bins=7)
    case = cases["xavier", "sigmoid"]
    for histogram in (case.activations, case.gradients):
        assert histogram.edges.shape == (8,) and histogram.counts.shape == (5, 7)
        assert np.all(histogram.counts.sum(axis=1) == 20 * 32)
    assert np.all((case.activation_mean > 0) & (case.activation_mean < 1))
    model = nn.MLP([3, 4, 4, 2], "tanh", seed=1)
    X, labels = np.random.default_rng(2).normal(size=(6, 3)), np.array([0, 1, 1, 0, 1, 0])
    activations, gradients = initialization.layer_signals(model, X, labels)
    _, grad_out = nn.softmax_cross_entropy(model.forward(X), labels)
    # dL/dz2 = (dL/dout W3^T) tanh'(z2)
    expected = (grad_out @ model.layers[4].params["W"].T) * (1 - activations[1] ** 2)
    assert np.allclose(gradients[1], expected, rtol=1e-12, atol=1e-15)


def test_initialization_bad_arguments():
    with pytest.raises(ValueError, match="schemes must be among"):
        initialization.initialization(["lecun"])
    with pytest.raises(ValueError, match="depth must be a positive integer"):
        initialization.initialization(depth=0)


# ------------------------------------------------------------------------------- XOR


def test_xor_linear_fit_is_the_closed_form():
    result = xor.xor(epochs=1)
    A = np.column_stack([result.X, np.ones(4)])
    # normal equations A^T A beta = A^T y, solved independently
    beta = np.linalg.solve(A.T @ A, A.T @ result.y)
    assert np.allclose(beta, [0.0, 0.0, 0.5], atol=1e-12)
    assert np.allclose(np.r_[result.linear_weights, result.linear_bias], beta, atol=1e-12)
    assert np.allclose(result.linear_predictions, 0.5)
    assert result.linear_mse == pytest.approx(0.25, abs=1e-15)


def test_xor_hand_solution_is_goodfellows_table():
    result = xor.xor(epochs=1)
    assert np.array_equal(result.hand_hidden, [[0, 0], [1, 0], [1, 0], [2, 1]])
    assert np.array_equal(result.hand_output, result.y)


def test_xor_mlp_learns_it():
    result = xor.xor()
    assert result.mlp_accuracy == 1.0
    assert np.all(np.abs(result.mlp_probabilities - result.y) < 0.05)
    assert result.mlp_loss[-1] < 0.01 < result.mlp_loss[0]
