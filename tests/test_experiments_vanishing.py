"""Tests of actbook.experiments.vanishing against closed forms, finite differences and an
independent, hand-written backpropagation (the ``reference_*`` helpers below, which the
claims tests reuse)."""

import math
from fractions import Fraction

import mpmath
import numpy as np
import pytest
from scipy import optimize
from scipy.special import expit

from actbook import data
from actbook.experiments import vanishing as v
from actbook.nn import MLP, SGD, Dense, binary_cross_entropy_with_logits

# --------------------------------------------------------- reference implementation

FUNCTIONS = {
    "sigmoid": (expit, lambda z: expit(z) * (1 - expit(z))),
    "tanh": (np.tanh, lambda z: 1 - np.tanh(z) ** 2),
    "relu": (lambda z: np.maximum(z, 0), lambda z: (z > 0).astype(float)),
}


def model_weights(model):
    """The initial weights and biases of an actbook MLP, copied (they are the inputs)."""
    dense = [layer for layer in model.layers if isinstance(layer, Dense)]
    return [d.params["W"].copy() for d in dense], [d.params["b"].copy() for d in dense]


def reference_gradients(Ws, bs, X, y, name):
    """Binary cross-entropy gradients of a plain MLP, written out layer by layer."""
    f, fprime = FUNCTIONS[name]
    inputs, zs = [X], []
    for W, b in zip(Ws[:-1], bs[:-1], strict=True):
        zs.append(inputs[-1] @ W + b)
        inputs.append(f(zs[-1]))
    logits = inputs[-1] @ Ws[-1] + bs[-1]
    delta = (expit(logits[:, 0]) - y)[:, None] / X.shape[0]
    dWs, dbs = [None] * len(Ws), [None] * len(Ws)
    for layer in reversed(range(len(Ws))):
        if layer < len(Ws) - 1:
            delta = delta * fprime(zs[layer])
        dWs[layer], dbs[layer] = inputs[layer].T @ delta, delta.sum(axis=0)
        delta = delta @ Ws[layer].T
    return dWs, dbs, zs, logits


def reference_train(Ws, bs, X, y, name, *, epochs, batch_size, lr, seed):
    """Plain mini-batch SGD; returns the per-step hidden bias-gradient norms and final weights."""
    Ws, bs = [W.copy() for W in Ws], [b.copy() for b in bs]
    rng, speeds = np.random.default_rng(seed), []
    for _ in range(epochs):
        order = rng.permutation(X.shape[0])
        for start in range(0, X.shape[0], batch_size):
            batch = order[start : start + batch_size]
            dWs, dbs, _, _ = reference_gradients(Ws, bs, X[batch], y[batch], name)
            speeds.append([np.linalg.norm(db) for db in dbs[:-1]])
            for param, grad in zip(Ws + bs, dWs + dbs, strict=True):
                param -= lr * grad
    return np.array(speeds), Ws, bs


def reference_accuracy(Ws, bs, X, y, name):
    _, _, _, logits = reference_gradients(Ws, bs, X, y, name)
    return float(np.mean((logits[:, 0] > 0) == (y > 0.5)))


# ------------------------------------------------------------------- product bound


def test_derivative_product_bound_of_one_factor_is_the_sigmoid_derivative_peak():
    # sigma'(x) = e^-x / (1 + e^-x)^2 has its maximum 1/4 at x = 0
    with mpmath.workdps(30):
        argmax = mpmath.findroot(
            lambda x: mpmath.diff(lambda t: 1 / (1 + mpmath.exp(-t)), x, 2), 0.3
        )
        peak = mpmath.diff(lambda x: 1 / (1 + mpmath.exp(-x)), argmax)
    assert abs(argmax) < 1e-20
    assert v.derivative_product_bound(1) == float(peak) == 0.25


@pytest.mark.parametrize("n", [1, 3, 20, 40, np.int64(5), np.uint8(2)])
def test_derivative_product_bound_is_a_power_of_a_quarter(n):
    assert v.derivative_product_bound(n) == float(Fraction(1, 4) ** int(n))


@pytest.mark.parametrize(
    ("n", "error"), [(0, ValueError), (-2, ValueError), (2.5, TypeError), (True, TypeError)]
)
def test_derivative_product_bound_rejects_bad_n(n, error):
    with pytest.raises(error, match="n must be a positive integer"):
        v.derivative_product_bound(n)


def test_minimum_exploding_weight_is_four():
    assert v.minimum_exploding_weight() == 4.0


# ---------------------------------------------------------------------- underflow


def smallest_zero_power(tiny, factor_log2=-2):
    """Smallest n with 2**(factor_log2 * n) <= tiny / 2 (ties round to the even zero)."""
    exponent = math.frexp(tiny)[1] - 1  # tiny is a power of two
    assert 2.0**exponent == tiny
    return math.ceil((exponent - 1) / factor_log2)


@pytest.mark.parametrize(
    ("dtype", "expected"), [(np.float16, 13), (np.float32, 75), (np.float64, 538)]
)
def test_underflow_depth_matches_the_smallest_subnormal(dtype, expected):
    tiny = float(np.finfo(dtype).smallest_subnormal)
    assert v.underflow_depth(0.25, dtype) == smallest_zero_power(tiny) == expected
    assert v.exact_underflow_depth(np.dtype(dtype).name) == expected


@pytest.mark.parametrize("factor", [0.5, 0.125])
@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_exact_and_in_format_depths_agree_for_powers_of_two(factor, dtype):
    tiny = float(np.finfo(dtype).smallest_subnormal)
    expected = smallest_zero_power(tiny, int(math.log2(factor)))
    assert v.underflow_depth(factor, dtype) == expected
    assert v.exact_underflow_depth(np.dtype(dtype).name, factor) == expected


def to_bfloat16(x):
    """Round float32 values to bfloat16 (round to nearest even on the upper 16 bits)."""
    bits = np.asarray(x, dtype=np.float32).view(np.uint32).astype(np.uint64)
    rounded = (bits + 0x7FFF + ((bits >> 16) & 1)) & 0xFFFF0000
    return rounded.astype(np.uint32).view(np.float32)


def test_bfloat16_depth_matches_an_emulated_bfloat16_product():
    product, depth = np.float32(1.0), 0
    while product != 0:
        product = to_bfloat16(product * np.float32(0.25))
        depth += 1
    assert to_bfloat16(np.float32(2.0**-133)) == np.float32(2.0**-133)  # smallest subnormal
    assert v.exact_underflow_depth("bfloat16") == depth == 67


def test_underflow_depth_rejects_bad_input():
    with pytest.raises(TypeError, match="dtype must be a floating dtype"):
        v.underflow_depth(0.25, np.int32)
    with pytest.raises(TypeError, match="dtype must be a floating dtype"):
        v.underflow_depth(0.25, "no such dtype")
    with pytest.raises(ValueError, match=r"factor must be in \(0, 1\)"):
        v.underflow_depth(1.5)
    with pytest.raises(ValueError, match=r"factor must be in \(0, 1\), got nan"):
        v.underflow_depth(math.nan)
    with pytest.raises(TypeError, match="factor must be a real number"):
        v.underflow_depth("0.25")
    with pytest.raises(ValueError, match="raise max_depth"):
        v.underflow_depth(0.25, np.float64, max_depth=100)
    with pytest.raises(TypeError, match="max_depth must be a positive integer, got 600.0"):
        v.underflow_depth(0.25, np.float64, max_depth=600.0)
    assert v.underflow_depth(0.25, np.float64, max_depth=np.int64(600)) == 538
    with pytest.raises(ValueError, match="fmt must be one of"):
        v.exact_underflow_depth("float8")
    with pytest.raises(TypeError, match="fmt must be one of"):
        v.exact_underflow_depth(np.float32)
    with pytest.raises(ValueError, match=r"factor must be in \(0, 1\)"):
        v.exact_underflow_depth("float32", 0.0)


# ------------------------------------------------------------------ scalar chain


def chain_output(weights, biases, x):
    a = mpmath.mpf(x)
    for w, b in zip(weights, biases, strict=True):
        a = 1 / (1 + mpmath.exp(-(w * a + b)))
    return a


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_scalar_chain_gradient_matches_a_high_precision_derivative(seed):
    rng = np.random.default_rng(seed)
    weights, biases, x = rng.normal(0, 3, size=6), rng.normal(size=6), 0.7
    chain = v.scalar_chain(weights, x=x, biases=biases)
    with mpmath.workdps(40):
        numeric = mpmath.diff(
            lambda w1: chain_output([w1, *weights[1:]], biases, x), mpmath.mpf(weights[0])
        )
    assert chain.gradient == pytest.approx(float(numeric), rel=1e-10)
    expected_z = weights * chain.activations[:-1] + biases
    assert np.allclose(chain.pre_activations, expected_z, rtol=1e-14)
    assert np.allclose(chain.factors, weights[1:] * expit(expected_z[1:]) * expit(-expected_z[1:]))


def test_bias_free_chain_is_the_chain_of_s4():
    chain = v.scalar_chain([2.0, -3.0])
    a1 = expit(2.0)
    assert chain.activations[1] == pytest.approx(a1, rel=1e-15)
    expected = expit(2.0) * expit(-2.0) * -3.0 * expit(-3.0 * a1) * expit(3.0 * a1)
    assert chain.gradient == pytest.approx(expected, rel=1e-13)


@pytest.mark.parametrize("w", [-6.0, 2.0, 4.0, 9.0])
def test_centred_biases_give_factors_of_w_over_four(w):
    weights = [w] * 5
    chain = v.scalar_chain(weights, x=2.0, biases=v.centred_biases(weights, 2.0))
    assert np.allclose(chain.pre_activations, 0.0, atol=1e-15)
    assert np.allclose(chain.factors, w / 4)
    assert chain.gradient == pytest.approx(2.0 / 4 * (w / 4) ** 4, rel=1e-14)


def test_scalar_chain_rejects_bad_shapes_and_values():
    with pytest.raises(ValueError, match="weights must not be empty"):
        v.scalar_chain([])
    with pytest.raises(ValueError, match="weights must be a 1-d array"):
        v.scalar_chain([[1.0, 2.0]])
    with pytest.raises(ValueError, match=r"biases must have shape \(2,\) like weights"):
        v.scalar_chain([1.0, 2.0], biases=[0.0])
    with pytest.raises(ValueError, match="weights must contain only finite numbers"):
        v.scalar_chain([1.0, math.nan])
    with pytest.raises(ValueError, match="biases must contain only finite numbers"):
        v.scalar_chain([1.0, 2.0], biases=[0.0, math.inf])
    with pytest.raises(TypeError, match="weights must be an array of real numbers"):
        v.scalar_chain(["1.0"])
    with pytest.raises(ValueError, match="x must be finite"):
        v.scalar_chain([1.0], x=math.nan)
    with pytest.raises(TypeError, match="x must be a real number"):
        v.centred_biases([1.0], x=None)
    with pytest.raises(ValueError, match="weights must not be empty"):
        v.centred_biases([])


def test_scalar_chain_accepts_numpy_and_float32_inputs_and_computes_in_float64():
    reference = v.scalar_chain([2.0, -3.0], x=0.5, biases=[0.1, 0.2])
    chain = v.scalar_chain(
        np.array([2.0, -3.0], dtype=np.float32), x=np.float32(0.5), biases=np.array([0.1, 0.2])
    )
    # 2, -3 and 0.5 are exact in float32; the biases stay float64
    assert chain.gradient == reference.gradient
    assert chain.pre_activations.dtype == np.float64


# ------------------------------------------------------- gradients at initialization


@pytest.mark.parametrize(
    ("activation", "init"),
    [("sigmoid", "xavier_uniform"), ("tanh", "standard_normal"), ("relu", "he_normal")],
)
def test_layer_gradient_norms_match_a_hand_written_backward_pass(activation, init):
    depth, width, n, seed = 4, 12, 50, 3
    grads = v.layer_gradient_norms(depth, width, activation, init, n_samples=n, seed=seed)
    initializer = v._resolve_init(init)
    Ws, bs = model_weights(
        MLP([width] * (depth + 1) + [1], activation, init=initializer, seed=seed)
    )
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, width))
    y = rng.integers(0, 2, size=n).astype(float)
    dWs, dbs, zs, _ = reference_gradients(Ws, bs, X, y, activation)
    assert np.allclose(grads.weight_norms, [np.linalg.norm(d) for d in dWs[:-1]], rtol=1e-12)
    assert np.allclose(grads.bias_norms, [np.linalg.norm(d) for d in dbs[:-1]], rtol=1e-12)
    assert grads.ratio == pytest.approx(np.linalg.norm(dbs[-2]) / np.linalg.norm(dbs[0]))
    assert grads.factor_per_layer == pytest.approx(grads.ratio ** (1 / 3))
    slope, peak = FUNCTIONS[activation][1], {"sigmoid": 0.25, "tanh": 1.0, "relu": 1.0}[activation]
    saturated = [np.mean(slope(z) < 0.01 * peak) for z in zs]
    assert np.allclose(grads.saturated_fractions, saturated)


def test_standard_normal_init_has_unit_variance():
    w = v._resolve_init("standard_normal")((400, 400), np.random.default_rng(0))
    assert w.std() == pytest.approx(1.0, abs=0.01)
    assert v._resolve_init("he_normal") == "he_normal"


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"depth": 0}, ValueError, "depth must be a positive integer, got 0"),
        ({"depth": 2.5}, TypeError, r"depth must be a positive integer, got 2.5 \(float\)"),
        ({"width": -1}, ValueError, "width must be a positive integer, got -1"),
        ({"width": 10.0}, TypeError, "width must be a positive integer, got 10.0"),
        ({"n_samples": 0}, ValueError, "n_samples must be a positive integer, got 0"),
        ({"activation": "swish"}, ValueError, "activation must be one of"),
        ({"activation": None}, TypeError, "activation must be one of"),
        ({"init": "standard"}, ValueError, "init must be one of"),
        ({"seed": -1}, ValueError, "seed must be a non-negative integer"),
        ({"seed": 1.0}, TypeError, "seed must be a non-negative integer"),
    ],
)
def test_layer_gradient_norms_rejects_bad_arguments(kwargs, error, message):
    with pytest.raises(error, match=message):
        v.layer_gradient_norms(**kwargs)


def test_layer_gradient_norms_accepts_numpy_integers_and_needs_two_layers_for_a_factor():
    expected = v.layer_gradient_norms(depth=2, width=6, n_samples=10, seed=4)
    result = v.layer_gradient_norms(
        depth=np.int64(2), width=np.int32(6), n_samples=np.uint16(10), seed=np.int8(4)
    )
    np.testing.assert_array_equal(result.bias_norms, expected.bias_norms)
    np.testing.assert_array_equal(result.weight_norms, expected.weight_norms)
    with pytest.raises(ValueError, match="factor_per_layer needs at least two hidden layers"):
        _ = v.layer_gradient_norms(depth=1, width=4).factor_per_layer


# ------------------------------------------------------------------ training


def reference_xor(n, seed):
    """The XOR clusters, written out: four N((+-1, +-1), 0.5^2 I) clusters, labelled by XOR."""
    centres = np.array([[1.0, 1.0], [-1.0, -1.0], [1.0, -1.0], [-1.0, 1.0]])
    X, cluster = data.gaussian_blobs(n, centers=centres, std=0.5, seed=seed)
    centre = centres[cluster.astype(int)]
    return X, (centre[:, 0] * centre[:, 1] < 0).astype(float)


REFERENCE_DATA = {
    "spirals": data.spirals,
    "two_moons": data.two_moons,
    "gaussian_xor": reference_xor,
}


def reference_split(dataset, n_train, n_test, seed):
    """Draw n_train + n_test points with ``seed`` and split them by a permutation from ``seed``."""
    X, y = REFERENCE_DATA[dataset](n=n_train + n_test, seed=seed)
    order = np.random.default_rng(seed).permutation(n_train + n_test)
    return X[order[:n_train]], y[order[:n_train]], X[order[n_train:]], y[order[n_train:]]


def reference_logistic(X, y, l2=1e-4):
    """Minimize the same penalized cross-entropy with SciPy's BFGS instead of Newton's method."""
    A = np.column_stack([X, np.ones(len(X))])

    def objective(theta):
        z = A @ theta
        value = np.mean(np.logaddexp(0.0, z) - y * z) + l2 / 2 * theta @ theta
        return value, A.T @ (expit(z) - y) / len(y) + l2 * theta

    result = optimize.minimize(
        objective, np.zeros(A.shape[1]), jac=True, method="BFGS", options={"gtol": 1e-12}
    )
    return result.x[:-1], result.x[-1]


def reference_linear_accuracy(w, b, X, y):
    return float(np.mean((X @ w + b > 0) == (y > 0.5)))


def test_xor_clusters_are_labelled_by_the_sign_of_the_product_of_their_centre():
    X, y = v.DATASETS["gaussian_xor"](n=400, seed=3)
    Xr, yr = reference_xor(400, 3)
    np.testing.assert_array_equal(X, Xr)
    np.testing.assert_array_equal(y, yr)
    assert np.mean(y) == 0.5
    # the parameters the chapter quotes
    assert v.XOR_STD == 0.5 and v.XOR_CENTRE == 1.0


def test_xor_bayes_accuracy_is_the_closed_form_and_a_monte_carlo_estimate():
    with mpmath.workdps(30):
        inside = mpmath.ncdf(2)
        exact = float(inside**2 + (1 - inside) ** 2)
    assert v.xor_bayes_accuracy() == pytest.approx(exact, rel=1e-14)
    X, y = reference_xor(200_000, 0)
    sign_rule = np.mean((X[:, 0] * X[:, 1] < 0) == (y == 1))
    assert sign_rule == pytest.approx(exact, abs=0.003)


@pytest.mark.parametrize("dataset", ["gaussian_xor", "two_moons", "spirals"])
def test_train_test_data_is_a_seeded_random_split(dataset):
    result = v.train_test_data(dataset, 30, 12, seed=5)
    for got, want in zip(result, reference_split(dataset, 30, 12, 5), strict=True):
        np.testing.assert_array_equal(got, want)
    X_train, _, X_test, _ = result
    assert X_train.shape == (30, 2) and X_test.shape == (12, 2)
    everything = np.vstack([X_train, X_test])
    assert len(np.unique(everything, axis=0)) == 42  # a partition, no point twice


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"dataset": "xor"}, ValueError, "dataset must be one of"),
        ({"n_train": 1}, ValueError, "n_train must be an integer >= 2, got 1"),
        ({"n_test": 1}, ValueError, "n_test must be an integer >= 2, got 1"),
        ({"n_test": 2.0}, TypeError, "n_test must be an integer"),
        ({"seed": -1}, ValueError, "seed must be a non-negative integer"),
    ],
)
def test_train_test_data_rejects_bad_arguments(kwargs, error, message):
    with pytest.raises(error, match=message):
        v.train_test_data(**kwargs)


@pytest.mark.parametrize("dataset", ["two_moons", "gaussian_xor", "spirals"])
def test_logistic_regression_matches_scipy_bfgs_on_the_same_loss(dataset):
    X, y, X_test, y_test = reference_split(dataset, 400, 400, 0)
    fit = v.logistic_regression(X, y)
    w, b = reference_logistic(X, y)
    np.testing.assert_allclose(fit.weights, w, rtol=1e-6, atol=1e-8)
    assert fit.bias == pytest.approx(b, rel=1e-6, abs=1e-8)
    assert fit.accuracy(X_test, y_test) == reference_linear_accuracy(w, b, X_test, y_test)
    np.testing.assert_allclose(fit.probabilities(X_test), expit(X_test @ w + b), atol=1e-8)


def test_logistic_regression_exists_for_separable_data_and_a_single_class():
    X = np.array([[-2.0], [-1.0], [1.0], [2.0]])
    separable = v.logistic_regression(X, np.array([0.0, 0.0, 1.0, 1.0]))
    w, b = reference_logistic(X, np.array([0.0, 0.0, 1.0, 1.0]))
    assert separable.weights[0] == pytest.approx(w[0], rel=1e-5)
    assert separable.accuracy(X, [0, 0, 1, 1]) == 1.0
    one_class = v.logistic_regression(X, np.ones(4))
    assert one_class.accuracy(X, np.ones(4)) == 1.0
    assert one_class.iterations < 100


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "message"),
    [
        ((np.ones(3), np.ones(3)), {}, ValueError, "X must be a 2-d array"),
        ((np.ones((3, 1)), np.ones(2)), {}, ValueError, r"y must have shape \(3,\)"),
        ((np.ones((3, 1)), [0, 1, 2]), {}, ValueError, r"y must hold labels in \[0, 1\]"),
        ((np.ones((3, 1)), [0, 1, np.nan]), {}, ValueError, "y must contain only finite"),
        ((np.ones((3, 1)), [0, 1, 1]), {"l2": 0.0}, ValueError, "l2 must be a finite number > 0"),
        ((np.ones((0, 1)), []), {}, ValueError, "X must not be empty"),
    ],
)
def test_logistic_regression_rejects_bad_arguments(args, kwargs, error, message):
    with pytest.raises(error, match=message):
        v.logistic_regression(*args, **kwargs)


def test_logistic_fit_checks_the_columns_of_new_points():
    fit = v.logistic_regression(np.eye(3), [0, 1, 1])
    with pytest.raises(ValueError, match=r"X must have 3 columns like the fit, got shape \(2, 2\)"):
        fit.probabilities(np.ones((2, 2)))
    with pytest.raises(ValueError, match=r"y must have shape \(3,\)"):
        fit.accuracy(np.eye(3), [0, 1])


def reference_speeds_run(
    dataset, depth, width, *, n_train, n_test, epochs, batch_size, lr, seed, data_seed
):
    """learning_speeds written out: the split, the reference trainer, the baseline by BFGS."""
    X, y, X_test, y_test = reference_split(dataset, n_train, n_test, data_seed)
    Ws, bs = model_weights(
        MLP([2] + [width] * depth + [1], "sigmoid", init="lecun_normal", seed=seed)
    )
    speeds, Ws_end, bs_end = reference_train(
        Ws, bs, X, y, "sigmoid", epochs=epochs, batch_size=batch_size, lr=lr, seed=seed
    )
    change = [np.linalg.norm(a - b) / np.linalg.norm(b) for a, b in zip(Ws_end, Ws, strict=True)]
    w, b = reference_logistic(X, y)
    return {
        "speeds": speeds,
        "change": change[:depth],
        "accuracy": reference_accuracy(Ws_end, bs_end, X, y, "sigmoid"),
        "test_accuracy": reference_accuracy(Ws_end, bs_end, X_test, y_test, "sigmoid"),
        "baseline_accuracy": reference_linear_accuracy(w, b, X, y),
        "baseline_test_accuracy": reference_linear_accuracy(w, b, X_test, y_test),
    }


@pytest.mark.parametrize("dataset", ["spirals", "two_moons", "gaussian_xor"])
def test_learning_speeds_match_a_hand_written_trainer(dataset):
    kwargs = {"epochs": 3, "batch_size": 25, "lr": 0.5, "seed": 1}
    run = v.learning_speeds(3, 8, dataset=dataset, n_samples=100, n_test=50, data_seed=2, **kwargs)
    ref = reference_speeds_run(dataset, 3, 8, n_train=100, n_test=50, data_seed=2, **kwargs)
    assert np.allclose(run.speeds, ref["speeds"], rtol=1e-10)
    assert np.allclose(run.weight_change, ref["change"], rtol=1e-10)
    assert run.accuracy == ref["accuracy"]
    assert run.test_accuracy == ref["test_accuracy"] == run.epoch_test_accuracy[-1]
    assert run.baseline_accuracy == ref["baseline_accuracy"]
    assert run.baseline_test_accuracy == ref["baseline_test_accuracy"]
    assert np.allclose(run.epoch_speeds, ref["speeds"].reshape(3, 4, 3).mean(axis=1))
    assert run.speed_ratio == pytest.approx(ref["speeds"][:, 2].mean() / ref["speeds"][:, 0].mean())
    assert run.change_ratio == pytest.approx(ref["change"][2] / ref["change"][0])


def test_learning_speeds_is_exactly_the_hand_written_actbook_loop():
    """fit with on_step must reproduce, bit for bit, an actbook loop with the same split."""
    kwargs = {"n_samples": 90, "n_test": 30, "epochs": 3, "batch_size": 16, "lr": 0.4, "seed": 2}
    run = v.learning_speeds(3, 7, "sigmoid", "lecun_normal", dataset="two_moons", **kwargs)
    X, y, X_test, y_test = reference_split("two_moons", 90, 30, 0)
    model = MLP([2, 7, 7, 7, 1], "sigmoid", init="lecun_normal", seed=2)
    hidden = [layer for layer in model.layers if isinstance(layer, Dense)][:3]
    start = [layer.params["W"].copy() for layer in hidden]
    optimizer, rng, speeds, held_out = SGD(0.4), np.random.default_rng(2), [], []

    def accuracy(X, y):
        return float(np.mean((model.forward(X)[:, 0] > 0) == (y == 1)))

    for _ in range(3):
        held_out.append(accuracy(X_test, y_test))
        order = rng.permutation(90)
        for first in range(0, 90, 16):  # 6 batches, the last one of 10 samples
            batch = order[first : first + 16]
            _, grad = binary_cross_entropy_with_logits(model.forward(X[batch]), y[batch])
            model.backward(grad)
            speeds.append([np.linalg.norm(layer.grads["b"]) for layer in hidden])
            optimizer.step(model)
    held_out.append(accuracy(X_test, y_test))
    change = [
        np.linalg.norm(layer.params["W"] - w0) / np.linalg.norm(w0)
        for layer, w0 in zip(hidden, start, strict=True)
    ]
    np.testing.assert_array_equal(run.speeds, np.array(speeds))
    np.testing.assert_array_equal(run.weight_change, np.array(change))
    np.testing.assert_array_equal(run.epoch_test_accuracy, np.array(held_out))
    assert run.accuracy == accuracy(X, y)
    assert run.speeds.shape == (18, 3)


def test_learning_speeds_accepts_numpy_integers():
    expected = v.learning_speeds(2, 5, n_samples=40, n_test=10, epochs=2, batch_size=10, seed=1)
    result = v.learning_speeds(
        np.int64(2),
        np.int32(5),
        n_samples=np.int64(40),
        n_test=np.uint8(10),
        epochs=np.uint8(2),
        batch_size=np.int16(10),
        lr=np.float32(0.5),
        seed=np.int64(1),
        data_seed=np.int8(0),
    )
    np.testing.assert_array_equal(result.speeds, expected.speeds)
    np.testing.assert_array_equal(result.epoch_test_accuracy, expected.epoch_test_accuracy)
    assert result.epochs == 2 and type(result.epochs) is int


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"dataset": "mnist"}, ValueError, "dataset must be one of"),
        ({"dataset": 3}, TypeError, "dataset must be one of"),
        ({"width": 2.5}, TypeError, "width must be a positive integer, got 2.5"),
        ({"depth": 0}, ValueError, "depth must be a positive integer, got 0"),
        ({"epochs": True}, TypeError, "epochs must be a positive integer, got True"),
        ({"batch_size": 0}, ValueError, "batch_size must be a positive integer, got 0"),
        ({"n_samples": 1}, ValueError, "n_samples must be an integer >= 2, got 1"),
        ({"n_samples": 0}, ValueError, "n_samples must be an integer >= 2, got 0"),
        ({"n_test": 1}, ValueError, "n_test must be an integer >= 2, got 1"),
        ({"lr": 0.0}, ValueError, "lr must be a finite number > 0, got 0.0"),
        ({"lr": math.nan}, ValueError, "lr must be a finite number > 0, got nan"),
        ({"lr": "0.5"}, TypeError, "lr must be a finite number > 0"),
        ({"init": "glorot"}, ValueError, "init must be one of"),
        ({"init": 3}, TypeError, "init must be one of"),
        ({"activation": "swish"}, ValueError, "activation must be one of"),
        ({"seed": -1}, ValueError, "seed must be a non-negative integer, got -1"),
        ({"data_seed": -1}, ValueError, "data_seed must be a non-negative integer, got -1"),
    ],
)
def test_learning_speeds_rejects_bad_arguments_before_drawing_data(
    monkeypatch, kwargs, error, message
):
    def no_data(**_):
        raise AssertionError("the data were drawn before the arguments were checked")

    for name in v.DATASETS:
        monkeypatch.setitem(v.DATASETS, name, no_data)
    with pytest.raises(error, match=message):
        v.learning_speeds(**kwargs)


def test_accuracy_by_depth_matches_a_hand_written_trainer():
    X, y, X_test, y_test = reference_split("gaussian_xor", 60, 40, 0)
    train, test = [], []
    for depth in (1, 3):
        for seed in (0, 4):
            Ws, bs = model_weights(MLP([2] + [6] * depth + [1], "tanh", seed=seed))
            _, Ws_end, bs_end = reference_train(
                Ws, bs, X, y, "tanh", epochs=4, batch_size=10, lr=0.5, seed=seed
            )
            train.append(reference_accuracy(Ws_end, bs_end, X, y, "tanh"))
            test.append(reference_accuracy(Ws_end, bs_end, X_test, y_test, "tanh"))
    result = v.accuracy_by_depth(
        [1, 3], "tanh", width=6, n_samples=60, n_test=40, epochs=4, batch_size=10, seeds=[0, 4]
    )
    np.testing.assert_array_equal(result.depths, [1, 3])
    np.testing.assert_array_equal(result.train, np.reshape(train, (2, 2)))
    np.testing.assert_array_equal(result.test, np.reshape(test, (2, 2)))
    np.testing.assert_allclose(result.test_mean, np.reshape(test, (2, 2)).mean(axis=1))
    w, b = reference_logistic(X, y)
    assert result.baseline_accuracy == reference_linear_accuracy(w, b, X, y)
    assert result.baseline_test_accuracy == reference_linear_accuracy(w, b, X_test, y_test)
    explicit = v.accuracy_by_depth(
        [1], "relu", "he_uniform", dataset="two_moons", n_samples=60, n_test=40, epochs=2, seeds=[0]
    )
    X, y, X_test, y_test = reference_split("two_moons", 60, 40, 0)
    Ws, bs = model_weights(MLP([2, 16, 1], "relu", init="he_uniform", seed=0))
    _, Ws_end, bs_end = reference_train(
        Ws, bs, X, y, "relu", epochs=2, batch_size=20, lr=0.5, seed=0
    )
    assert explicit.test[0, 0] == reference_accuracy(Ws_end, bs_end, X_test, y_test, "relu")


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"seeds": []}, ValueError, "seeds must not be empty"),
        ({"seeds": [0, -1]}, ValueError, r"seeds\[1\] must be a non-negative integer, got -1"),
        ({"seeds": 0}, TypeError, "seeds must be a sequence"),
        ({"depths": []}, ValueError, "depths must not be empty"),
        ({"depths": [1, 2.5]}, TypeError, r"depths\[1\] must be a positive integer, got 2.5"),
        ({"depths": [0]}, ValueError, r"depths\[0\] must be a positive integer, got 0"),
        ({"depths": "12"}, TypeError, "depths must be a sequence"),
        ({"width": 0}, ValueError, "width must be a positive integer"),
        ({"lr": -0.5}, ValueError, "lr must be a finite number > 0"),
        ({"init": "normalish"}, ValueError, "init must be one of"),
        ({"dataset": "moons"}, ValueError, "dataset must be one of"),
        ({"epochs": 0}, ValueError, "epochs must be a positive integer"),
        ({"n_test": 0}, ValueError, "n_test must be an integer >= 2"),
        ({"data_seed": 1.5}, TypeError, "data_seed must be a non-negative integer"),
    ],
)
def test_accuracy_by_depth_rejects_bad_arguments_before_training(
    monkeypatch, kwargs, error, message
):
    def no_training(*_, **__):
        raise AssertionError("a network was trained before the arguments were checked")

    monkeypatch.setattr(v, "fit", no_training)
    with pytest.raises(error, match=message):
        v.accuracy_by_depth(**kwargs)


def test_accuracy_by_depth_accepts_numpy_integers():
    kwargs = {"width": 4, "n_samples": 40, "n_test": 10, "epochs": 2}
    expected = v.accuracy_by_depth([1, 2], "tanh", seeds=[0, 1], **kwargs)
    result = v.accuracy_by_depth(
        np.array([1, 2]),
        "tanh",
        width=np.int64(4),
        n_samples=np.int32(40),
        n_test=np.int16(10),
        epochs=np.int64(2),
        seeds=np.array([0, 1], dtype=np.uint8),
    )
    np.testing.assert_array_equal(result.test, expected.test)
    np.testing.assert_array_equal(result.train, expected.train)


# ------------------------------------------------------------------- step size


@pytest.mark.parametrize(("curvature", "lr"), [(4.0, 0.6), (0.5, 3.0), (2.0, 0.5), (1.0, 2.0)])
def test_gradient_descent_quadratic_matches_stepwise_updates(curvature, lr):
    path = v.gradient_descent_quadratic(curvature, lr, x0=2.0, steps=15)
    x, expected = 2.0, [2.0]
    for _ in range(15):
        x -= lr * curvature * x  # f'(x) = L x
        expected.append(x)
    assert np.allclose(path, expected, rtol=1e-12)
    assert v.converges(curvature, lr) == bool(abs(expected[-1]) < abs(expected[0]))


def test_converges_at_the_boundary_two_over_l():
    assert not v.converges(4.0, 0.5)  # |1 - 2| = 1: x oscillates forever
    assert v.converges(4.0, 0.4999)
    assert not v.converges(4.0, -0.1)


def test_step_size_functions_reject_bad_input():
    with pytest.raises(ValueError, match="curvature must be a finite number > 0, got 0.0"):
        v.gradient_descent_quadratic(0.0, 0.1)
    with pytest.raises(ValueError, match="lr must be a finite number > 0, got inf"):
        v.gradient_descent_quadratic(1.0, math.inf)
    with pytest.raises(ValueError, match="steps must be a positive integer, got 0"):
        v.gradient_descent_quadratic(1.0, 0.1, steps=0)
    with pytest.raises(TypeError, match="steps must be a positive integer, got 2.5"):
        v.gradient_descent_quadratic(1.0, 0.1, steps=2.5)
    with pytest.raises(ValueError, match="x0 must be finite, got nan"):
        v.gradient_descent_quadratic(1.0, 0.1, x0=math.nan)
    with pytest.raises(ValueError, match="curvature must be a finite number > 0, got -1.0"):
        v.converges(-1.0, 0.1)
    with pytest.raises(ValueError, match="lr must be finite, got nan"):
        v.converges(1.0, math.nan)
    with pytest.raises(TypeError, match="lr must be a real number"):
        v.converges(1.0, None)
    # NumPy scalars are numbers like any other
    assert np.array_equal(
        v.gradient_descent_quadratic(np.float32(0.5), np.int64(3), steps=np.int64(2)),
        [1.0, -0.5, 0.25],
    )
