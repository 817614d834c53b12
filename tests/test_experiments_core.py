"""Tests of the core experiments against independent reasoning, at small sizes."""

import math

import numpy as np
import pytest
from scipy.special import expit

from actbook import data, nn
from actbook.experiments import dead_relu, initialization, sparsity, symmetry, xor, zigzag
from actbook.init import get_initializer

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
        np.testing.assert_allclose(case.batch.learning_rates, lr, rtol=1e-12)


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
    run = result.positive.per_sample
    # each update's step is 1 / |x|^2 of its own sample, so it fits that sample exactly
    fitted = [np.flatnonzero(np.isclose(X @ w, X @ result.target)) for w in run.path[1:]]
    assert all(len(f) >= 1 for f in fitted)
    assert set(np.round(1 / run.learning_rates, 12)) <= set(np.round(np.sum(X**2, axis=1), 12))
    assert run.steps_to_converge is None
    assert len(run.path) == 4


def test_same_sign_fraction_by_hand():
    assert zigzag.same_sign_fraction(np.array([[1.0, -1.0], [2.0, 3.0]])) == 0.5
    assert math.isnan(zigzag.same_sign_fraction(np.zeros((3, 2))))


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"n_samples": 1}, ValueError, "n_samples must be an integer >= 2, got 1"),
        ({"n_samples": 8.0}, TypeError, r"n_samples must be an integer >= 2, got 8.0 \(float\)"),
        ({"tol": 0.0}, ValueError, "tol must be a finite number > 0, got 0.0"),
        ({"tol": math.nan}, ValueError, "tol must be a finite number > 0, got nan"),
        ({"max_steps": 0}, ValueError, "max_steps must be a positive integer, got 0"),
        ({"max_steps": 1e4}, TypeError, "max_steps must be a positive integer, got 10000.0"),
        ({"target": (1.0, 2.0, 3.0)}, ValueError, "target must be two finite numbers"),
        ({"target": ("a", "b")}, TypeError, "target must be an array of real numbers"),
        ({"start": (math.nan, 0.0)}, ValueError, "start must be two finite numbers"),
        ({"seed": -3}, ValueError, "seed must be a non-negative integer, got -3"),
    ],
)
def test_zigzag_bad_arguments(kwargs, error, message):
    with pytest.raises(error, match=message):
        zigzag.zigzag(**kwargs)


def test_zigzag_accepts_numpy_integers():
    expected = zigzag.zigzag(10, max_steps=50, seed=2)
    result = zigzag.zigzag(np.int64(10), max_steps=np.int32(50), seed=np.uint8(2))
    np.testing.assert_array_equal(result.positive.X, expected.positive.X)
    np.testing.assert_array_equal(
        result.positive.per_sample.path, expected.positive.per_sample.path
    )


def test_same_sign_fraction_rejects_what_is_not_a_list_of_2d_updates():
    with pytest.raises(ValueError, match="updates must be a 2-d array"):
        zigzag.same_sign_fraction(np.ones(4))
    with pytest.raises(ValueError, match="updates must have 2 columns"):
        zigzag.same_sign_fraction(np.ones((4, 3)))
    assert math.isnan(zigzag.same_sign_fraction(np.empty((0, 2))))


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
    ("call", "error", "message"),
    [
        (
            lambda: dead_relu.dead_relu_vs_learning_rate([0.1, -1.0]),
            ValueError,
            "learning_rates must hold finite numbers > 0, got -1.0 at index 1",
        ),
        (
            lambda: dead_relu.dead_relu_vs_learning_rate([math.nan]),
            ValueError,
            "learning_rates must contain only finite numbers",
        ),
        (
            lambda: dead_relu.dead_relu_vs_learning_rate([]),
            ValueError,
            "learning_rates must not be empty",
        ),
        (
            lambda: dead_relu.dead_relu_vs_learning_rate([[0.1, 0.2]]),
            ValueError,
            "learning_rates must be a 1-d array",
        ),
        (
            lambda: dead_relu.dead_relu_vs_learning_rate([0.1, "0.2"]),
            TypeError,
            "learning_rates must be an array of real numbers",
        ),
        (
            lambda: dead_relu.dead_relu_vs_learning_rate([0.1], seeds=()),
            ValueError,
            "seeds must not be empty",
        ),
        (
            lambda: dead_relu.dead_relu_vs_learning_rate([0.1], sizes=(3, 4, 1)),
            ValueError,
            "sizes must start with 2 inputs",
        ),
        (
            lambda: dead_relu.dead_relu_vs_learning_rate([0.1], epochs=0.5),
            TypeError,
            "epochs must be a positive integer",
        ),
        (lambda: dead_relu.dying_probability([0]), ValueError, r"widths\[0\] must be a positive"),
        (
            lambda: dead_relu.dying_probability([2.5]),
            TypeError,
            r"widths\[0\] must be a positive integer, got 2.5 \(float\)",
        ),
        (lambda: dead_relu.dying_probability([2], []), ValueError, "depths must not be empty"),
        (lambda: dead_relu.dying_probability([2], [1.0]), TypeError, r"depths\[0\] must be"),
        (lambda: dead_relu.dying_probability(trials=0), ValueError, "trials must be a positive"),
        (
            lambda: dead_relu.dying_probability(n_inputs=1),
            ValueError,
            "n_inputs must be an integer >= 2",
        ),
        (
            lambda: dead_relu.dying_probability(input_dim=0),
            ValueError,
            "input_dim must be a positive",
        ),
        (
            lambda: dead_relu.dying_probability(bias_std=-1.0),
            ValueError,
            "bias_std must be a finite number >= 0",
        ),
        (
            lambda: dead_relu.dying_probability(bias_std=math.nan),
            ValueError,
            "bias_std must be a finite number >= 0",
        ),
        (
            lambda: dead_relu.dead_unit_mask(nn.MLP([2, 3, 1]), np.empty((0, 2))),
            ValueError,
            r"X must not be empty, got shape \(0, 2\)",
        ),
        (
            lambda: dead_relu.dead_unit_mask(nn.Dense(2, 3), np.ones((1, 2))),
            TypeError,
            "model must be an actbook.nn.Sequential",
        ),
    ],
)
def test_dead_relu_bad_arguments(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_dying_probability_takes_widths_as_given_and_numpy_integers():
    # widths=[2.5] used to be truncated to 2; NumPy integers are integers
    expected = dead_relu.dying_probability([2], [3, 5], trials=50)
    result = dead_relu.dying_probability(
        np.array([2]), (np.int64(3), np.int32(5)), trials=np.int64(50), n_inputs=np.int16(200)
    )
    np.testing.assert_array_equal(result.probability, expected.probability)
    assert result.widths.dtype == np.int64


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


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"activations": []}, ValueError, "activations must not be empty"),
        ({"activations": "relu"}, TypeError, "activations must be a sequence"),
        ({"activations": ["relu", "swish"]}, ValueError, r"activations\[1\] must be one of"),
        ({"sizes": (2, 8.5, 1)}, TypeError, r"sizes\[1\] must be a positive integer, got 8.5"),
        ({"sizes": (2, 1)}, ValueError, "sizes must have at least 3 entries, got 2"),
        ({"sizes": (2, 8, 2)}, ValueError, "sizes must end with 1 output"),
        ({"n_samples": 1}, ValueError, "n_samples must be an integer >= 2"),
        ({"batch_size": 0}, ValueError, "batch_size must be a positive integer"),
        ({"lr": -0.05}, ValueError, "lr must be a finite number > 0"),
    ],
)
def test_sparsity_rejects_bad_arguments_before_training(monkeypatch, kwargs, error, message):
    def no_training(*_, **__):
        raise AssertionError("a network was trained before the arguments were checked")

    monkeypatch.setattr(nn, "fit", no_training)
    with pytest.raises(error, match=message):
        sparsity.sparsity(**kwargs)


def test_activation_sparsity_rejects_empty_inputs():
    with pytest.raises(ValueError, match="X must not be empty"):
        sparsity.activation_sparsity(nn.MLP([2, 3, 1]), np.zeros((0, 2)))
    with pytest.raises(ValueError, match="X must contain only finite numbers"):
        sparsity.activation_sparsity(nn.MLP([2, 3, 1]), np.array([[0.0, np.nan]]))


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
    rng = np.random.default_rng(0)
    x, g = rng.normal(size=(4, 5)), rng.normal(size=(4, 3))
    assert np.allclose(exact.forward(x), dense.forward(x), rtol=1e-14, atol=1e-14)
    assert np.allclose(exact.backward(g), dense.backward(g), rtol=1e-14, atol=1e-14)
    for name in ("W", "b"):
        assert np.allclose(exact.grads[name], dense.grads[name], rtol=1e-14, atol=1e-14)
    # the layer protocol: a lone backward overwrites, accumulate=True adds
    exact.backward(g)
    np.testing.assert_allclose(exact.grads["W"], x.T @ g, rtol=1e-14)
    exact.backward(g, accumulate=True)
    np.testing.assert_allclose(exact.grads["W"], 2 * x.T @ g, rtol=1e-14)
    np.testing.assert_allclose(exact.grads["b"], 2 * g.sum(axis=0), rtol=1e-14)
    with pytest.raises(ValueError, match="grad_output must have shape"):
        exact.backward(np.ones((1, 3)))
    with pytest.raises(ValueError, match=r"x must have shape \(n, 5\)"):
        exact.forward(np.ones((4, 2)))
    with pytest.raises(TypeError, match="dense must be an actbook.nn.Dense"):
        symmetry.ElementwiseDense(nn.Layer())


def test_elementwise_dense_keeps_equal_columns_bit_identical_in_a_sequential():
    model = symmetry._without_blas(
        nn.MLP([2, 6, 1], "tanh", init=get_initializer("constant", value=0.3))
    )
    X = np.random.default_rng(1).normal(size=(37, 2))
    _, grad = nn.binary_cross_entropy_with_logits(model.forward(X), np.arange(37) % 2)
    model.backward(grad)
    hidden = model.outputs[1]
    assert np.all(hidden == hidden[:, :1])
    assert np.all(model.layers[0].grads["W"] == model.layers[0].grads["W"][:, :1])
    assert np.all(model.layers[2].grads["W"] == model.layers[2].grads["W"][0])


def test_symmetry_is_a_hand_written_full_batch_loop_with_fits_shuffling():
    sizes, steps, lr, seed = (2, 4, 3, 1), 12, 0.3, 5
    results = symmetry.symmetry(sizes=sizes, steps=steps, lr=lr, seed=seed)
    X, y = data.two_moons(100, noise=0.1, seed=seed)
    inits = {
        "constant": get_initializer("constant", value=0.5),
        "random": None,
    }
    for name, init in inits.items():
        model = symmetry._without_blas(nn.MLP(sizes, "tanh", init=init, seed=seed))
        optimizer, rng = nn.SGD(lr), np.random.default_rng(seed)
        spread, loss = [], []
        for _ in range(steps):
            batch = rng.permutation(100)  # nn.fit shuffles even a full batch
            value, grad = nn.binary_cross_entropy_with_logits(
                model.forward(X[batch], training=True), y[batch]
            )
            model.backward(grad)
            spread.append(symmetry.unit_spread(model))
            optimizer.step(model)
            loss.append(value)
        spread.append(symmetry.unit_spread(model))
        np.testing.assert_array_equal(results[name].spread, np.array(spread))
        # fit's epoch loss is value * n / n: equal up to the last bit
        np.testing.assert_allclose(results[name].loss, loss, rtol=1e-15, atol=0)
    assert np.all(results["constant"].spread == 0.0)


def test_symmetry_accepts_numpy_integers():
    expected = symmetry.symmetry(sizes=(2, 3, 1), steps=3)
    result = symmetry.symmetry(sizes=np.array([2, 3, 1]), steps=np.int64(3), seed=np.int32(0))
    for name in ("constant", "random"):
        np.testing.assert_array_equal(result[name].spread, expected[name].spread)
        np.testing.assert_array_equal(result[name].loss, expected[name].loss)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"steps": 0}, ValueError, "steps must be a positive integer, got 0"),
        ({"steps": 2.5}, TypeError, r"steps must be a positive integer, got 2.5 \(float\)"),
        ({"sizes": (3, 4, 1)}, ValueError, "sizes must start with 2 inputs"),
        ({"sizes": (2, 4, 2)}, ValueError, "sizes must end with 1 output"),
        ({"sizes": (2, 1)}, ValueError, "sizes must have at least 3 entries"),
        ({"sizes": (2, 4.0, 1)}, TypeError, r"sizes\[1\] must be a positive integer"),
        ({"value": math.nan}, ValueError, "value must be finite"),
        ({"lr": 0}, ValueError, "lr must be a finite number > 0"),
        ({"activation": "sigmoidal"}, ValueError, "activation must be one of"),
        ({"seed": -1}, ValueError, "seed must be a non-negative integer"),
    ],
)
def test_symmetry_bad_arguments(kwargs, error, message):
    with pytest.raises(error, match=message):
        symmetry.symmetry(**kwargs)


def test_unit_spread_needs_a_sequential():
    with pytest.raises(TypeError, match="model must be an actbook.nn.Sequential"):
        symmetry.unit_spread(nn.Dense(2, 2))


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


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (
            {"schemes": ["lecun"]},
            ValueError,
            r"schemes\[0\] must be one of \['he', 'normal', 'standard'",
        ),
        ({"schemes": []}, ValueError, "schemes must not be empty"),
        ({"schemes": "he"}, TypeError, "schemes must be a sequence"),
        ({"activations": ["tanh", 3]}, TypeError, r"activations\[1\] must be one of"),
        ({"activations": ()}, ValueError, "activations must not be empty"),
        ({"depth": 0}, ValueError, "depth must be a positive integer, got 0"),
        ({"depth": 2.5}, TypeError, "depth must be a positive integer, got 2.5"),
        ({"width": 0}, ValueError, "width must be a positive integer"),
        ({"n_samples": -4}, ValueError, "n_samples must be a positive integer"),
        ({"n_classes": 1}, ValueError, "n_classes must be an integer >= 2, got 1"),
        ({"bins": 0}, ValueError, "bins must be a positive integer"),
        ({"seed": 0.0}, TypeError, "seed must be a non-negative integer"),
    ],
)
def test_initialization_bad_arguments(kwargs, error, message):
    with pytest.raises(error, match=message):
        initialization.initialization(**kwargs)


def test_initialization_accepts_numpy_integers():
    kwargs = {"width": 16, "n_samples": 8, "n_classes": 3, "bins": 4, "depth": 2}
    expected = initialization.initialization(["he"], ["relu"], **kwargs)["he", "relu"]
    result = initialization.initialization(
        ("he",), ("relu",), **{k: np.int64(v) for k, v in kwargs.items()}, seed=np.uint8(0)
    )["he", "relu"]
    np.testing.assert_array_equal(result.activation_std, expected.activation_std)
    np.testing.assert_array_equal(result.gradients.counts, expected.gradients.counts)


def test_layer_signals_rejects_empty_and_mismatched_inputs():
    model = nn.MLP([3, 4, 2], "tanh")
    with pytest.raises(ValueError, match=r"X must not be empty, got shape \(0, 3\)"):
        initialization.layer_signals(model, np.empty((0, 3)), np.empty(0))
    with pytest.raises(ValueError, match="labels must have 2 rows like X"):
        initialization.layer_signals(model, np.ones((2, 3)), np.zeros(3))
    with pytest.raises(TypeError, match="model must be an actbook.nn.Sequential"):
        initialization.layer_signals(nn.Dense(3, 2), np.ones((2, 3)), np.zeros(2))


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


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"hidden": 2.5}, TypeError, "hidden must be a positive integer, got 2.5"),
        ({"hidden": 0}, ValueError, "hidden must be a positive integer, got 0"),
        ({"epochs": -1}, ValueError, "epochs must be a positive integer"),
        ({"lr": math.inf}, ValueError, "lr must be a finite number > 0, got inf"),
        ({"activation": "step"}, ValueError, "activation must be one of"),
        ({"seed": True}, TypeError, "seed must be a non-negative integer"),
    ],
)
def test_xor_bad_arguments(kwargs, error, message):
    with pytest.raises(error, match=message):
        xor.xor(**kwargs)


def test_xor_accepts_numpy_integers():
    expected = xor.xor(hidden=3, epochs=20, seed=1)
    result = xor.xor(hidden=np.int64(3), epochs=np.int32(20), seed=np.int8(1))
    np.testing.assert_array_equal(result.mlp_loss, expected.mlp_loss)
