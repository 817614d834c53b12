"""Claims of the chapter *Zero-centred outputs*, checked against independent computations.

The descents are re-implemented here with explicit loops: a single example's update as
the projection of ``w`` onto the line ``w . x = t`` (the Kaczmarz method), a mini-batch's
step from the closed-form eigenvalues of a 2 x 2 matrix, the full batch from the
eigen-decomposition of the Hessian. The means of the activations come from mpmath with
mpmath's own formulas for the functions; the networks are re-trained for a few runs in
plain NumPy from the same initial weights; largest eigenvalues come from singular values.
"""

import math

import mpmath
import numpy as np
import pytest
from scipy.special import expit

from actbook import nn
from actbook.claims import get_claim
from actbook.claims import zero_centred as zc
from actbook.experiments.digits import digits_split, linear_baseline
from actbook.experiments.zigzag import descend
from actbook.sources import REGISTER


def value(claim_id: str) -> float:
    return float(get_claim(claim_id).compute())


# ----------------------------------------------------------------------- reference code


def sigmoid_inputs(seed=zc.ZIGZAG_SEED, n=zc.ZIGZAG_SAMPLES):
    return expit(np.random.default_rng(seed).standard_normal((n, 2)))


def eig2(a, b, d):
    """Eigenvalues (small, large) of the symmetric matrix [[a, b], [b, d]] in closed form."""
    root = math.sqrt((a - d) ** 2 + 4 * b * b)
    return (a + d - root) / 2, (a + d + root) / 2


def condition(X):
    (a, b), (_, d) = X.T @ X / len(X)
    small, large = eig2(a, b, d)
    return large / small


def same_sign(path):
    updates = np.diff(np.asarray(path), axis=0)
    kept = [(u0, u1) for u0, u1 in updates if u0 != 0 and u1 != 0]
    return sum((u0 > 0) == (u1 > 0) for u0, u1 in kept) / len(kept)


def minibatch_descent(X, target, batch, seed=zc.ZIGZAG_SEED, tol=zc.ZIGZAG_TOL, budget=20000):
    """Mini-batch descent with the step 1/lambda_max of each mini-batch, written out."""
    target = np.asarray(target, dtype=float)
    t = X @ target
    rng = np.random.default_rng(seed)
    w = np.zeros(2)
    path = [w.copy()]
    queue = []
    while np.hypot(*(w - target)) >= tol and len(path) <= budget:
        if not queue:
            queue = list(rng.permutation(len(X)))
        rows, queue = queue[:batch], queue[batch:]
        Xb, tb = X[rows], t[rows]
        if len(rows) == 1:  # project onto the example's line w . x = t
            x = Xb[0]
            w = w + (tb[0] - w @ x) / (x @ x) * x
        else:
            (a, b), (_, d) = Xb.T @ Xb / len(rows)
            lam = eig2(a, b, d)[1]
            w = w - (Xb.T @ (Xb @ w - tb)) / len(rows) / lam
        path.append(w.copy())
    return len(path) - 1, np.array(path)


def full_batch_steps(X, target, tol=zc.ZIGZAG_TOL):
    """Full-batch steps from the eigen-decomposition: error k shrinks by (1 - lam_k/lam_max)."""
    lam, vectors = np.linalg.eigh(X.T @ X / len(X))
    error = vectors.T @ (np.zeros(2) - np.asarray(target))
    steps = 0
    while np.linalg.norm((1 - lam / lam[-1]) ** steps * error) >= tol:
        steps += 1
    return steps


def input_bias_descent(X, target, batch, bias, seed=zc.ZIGZAG_SEED, tol=zc.ZIGZAG_TOL):
    """S5's unit f = w . (x + b), w and b learned, the step 1/sigma_max^2 of the Jacobian."""
    target = np.asarray(target, dtype=float)
    t = X @ target
    rng = np.random.default_rng(seed)
    w, b = np.zeros(2), np.array(bias, dtype=float)
    path, biases, queue = [w.copy()], [b.copy()], []
    while np.hypot(*(w - target)) >= tol or abs(w @ b) >= tol:
        if not queue:
            queue = list(rng.permutation(len(X)))
        rows, queue = queue[:batch], queue[batch:]
        shifted = X[rows] + b
        residual = shifted @ w - t[rows]
        if len(rows) == 1:  # one row: the largest eigenvalue of J^T J is |row|^2
            curvature = shifted[0] @ shifted[0] + w @ w
        else:
            jacobian = np.hstack([shifted, np.tile(w, (len(rows), 1))]) / math.sqrt(len(rows))
            curvature = np.linalg.svd(jacobian, compute_uv=False)[0] ** 2
        new_w = w - residual @ shifted / len(rows) / curvature
        b = b - residual.mean() * w / curvature
        w = new_w
        path.append(w.copy())
        biases.append(b.copy())
    return len(path) - 1, np.array(path), np.array(biases)


# ------------------------------------------------------------------------- parameters


def test_run_parameters_quoted_in_the_prose_are_the_constants_used():
    result = zc.zigzag_result()
    assert value("zero_centred.zigzag_samples") == len(result.positive.X) == zc.ZIGZAG_SAMPLES
    assert value("zero_centred.zigzag_tol") == zc.ZIGZAG_TOL
    assert np.array_equal(result.target, zc.ZIGZAG_TARGET)
    assert value("zero_centred.batch_size_32") == zc.BATCH_SIZES[5] == 32
    assert value("zero_centred.shift_max_mean") == max(zc.MEAN_SHIFTS) == 1.0
    assert 0.5 in zc.MEAN_SHIFTS  # the sweep contains the sigmoid's own mean
    assert zc.BATCH_SIZES[0] == 1 and zc.BATCH_SIZES[-1] == zc.ZIGZAG_SAMPLES
    assert value("zero_centred.bias_seed_count") == len(zc.BIAS_SEEDS)
    assert value("zero_centred.network_width") == zc.NETWORK_WIDTH
    assert value("zero_centred.network_depth") == zc.NETWORK_DEPTH
    assert value("zero_centred.network_batch") == zc.NETWORK_BATCH
    assert value("zero_centred.network_epochs") == zc.NETWORK_EPOCHS
    assert value("zero_centred.network_seeds") == len(zc.NETWORK_SEEDS)
    assert value("zero_centred.lr_min") == min(zc.LEARNING_RATES)
    assert value("zero_centred.lr_max") == max(zc.LEARNING_RATES)
    assert value("zero_centred.lr_count") == len(zc.LEARNING_RATES)
    assert value("zero_centred.logistic_lr_max") == max(zc.LOGISTIC_LEARNING_RATES)
    assert value("zero_centred.relu_lr_min") == min(zc.RELU_LEARNING_RATES)
    assert value("zero_centred.relu_lr_max") == max(zc.RELU_LEARNING_RATES)
    assert value("zero_centred.lr_small") == zc.SMALL_LEARNING_RATE in zc.LEARNING_RATES
    assert value("zero_centred.lr_large") == zc.LARGE_LEARNING_RATE in zc.LEARNING_RATES
    assert value("zero_centred.other_bias_target") == zc.OTHER_BIAS_TARGET[0]
    assert value("zero_centred.target_loss") == zc.TARGET_LOSS
    assert value("zero_centred.saturating_gain") == zc.SATURATING_GAIN
    # the network really has these widths and depth, and trains for these epochs
    model = zc.build_network("sigmoid", 0)
    widths = [layer.params["W"].shape for layer in model.layers if "W" in layer.params]
    assert widths == [(64, 32), (32, 32), (32, 10)]
    assert len(zc.train_network("sigmoid", zc.LEARNING_RATES[0], 0).loss) == zc.NETWORK_EPOCHS
    assert set(zc.network_summary("sigmoid").epochs_by_lr) == set(zc.LEARNING_RATES)
    assert set(zc.logistic_summary("raw").epochs_by_lr) == set(zc.LOGISTIC_LEARNING_RATES)


# -------------------------------------------------------------------------- zig-zag


def test_sigmoid_moments_and_population_condition_number_match_mpmath():
    def density(z):
        return mpmath.exp(-(z**2) / 2) / mpmath.sqrt(2 * mpmath.pi)

    def sig(z):
        return 1 / (1 + mpmath.exp(-z))

    with mpmath.workdps(30):
        mean = mpmath.quad(lambda z: sig(z) * density(z), [-mpmath.inf, 0, mpmath.inf])
        variance = mpmath.quad(
            lambda z: (sig(z) - mpmath.mpf(1) / 2) ** 2 * density(z), [-mpmath.inf, 0, mpmath.inf]
        )
    assert mpmath.almosteq(mean, mpmath.mpf(1) / 2, 1e-25)
    assert value("zero_centred.sigmoid_variance") == pytest.approx(float(variance), rel=1e-10)
    kappa = 1 + 2 * 0.25 / float(variance)
    assert value("zero_centred.condition_population") == pytest.approx(kappa, rel=1e-10)


def test_condition_numbers_of_the_sample_from_the_closed_form_eigenvalues():
    X = sigmoid_inputs()
    assert np.all(X > 0)
    assert value("zero_centred.condition_positive") == pytest.approx(condition(X), rel=1e-10)
    centred = X - X.mean(axis=0)
    assert value("zero_centred.condition_centred") == pytest.approx(condition(centred), rel=1e-10)
    assert (
        value("zero_centred.condition_centred")
        < 1.2
        < 10
        < value("zero_centred.condition_positive")
    )


def test_per_sample_descent_by_projection():
    X = sigmoid_inputs()
    for inputs, steps_id, sign_id in (
        (X, "sample_steps_positive", "sample_same_sign_positive"),
        (X - X.mean(axis=0), "sample_steps_centred", "sample_same_sign_centred"),
    ):
        steps, path = minibatch_descent(inputs, zc.ZIGZAG_TARGET, 1)
        assert value(f"zero_centred.{steps_id}") == steps
        assert value(f"zero_centred.{sign_id}") == pytest.approx(same_sign(path), abs=1e-12)
    assert value("zero_centred.sample_same_sign_positive") == 1.0
    assert value("zero_centred.sample_ratio") == pytest.approx(
        value("zero_centred.sample_steps_positive") / value("zero_centred.sample_steps_centred")
    )


def test_full_batch_steps_from_the_eigen_decomposition():
    X = sigmoid_inputs()
    centred = X - X.mean(axis=0)
    positive_steps = full_batch_steps(X, zc.ZIGZAG_TARGET)
    centred_steps = full_batch_steps(centred, zc.ZIGZAG_TARGET)
    assert value("zero_centred.batch_steps_positive") == positive_steps
    assert value("zero_centred.batch_steps_centred") == centred_steps
    assert value("zero_centred.batch_ratio") == pytest.approx(positive_steps / centred_steps)
    assert value("zero_centred.batch_gradients") == positive_steps * len(X)
    # every full-batch update of the sigmoid inputs has mixed signs
    _, path = minibatch_descent(X, zc.ZIGZAG_TARGET, len(X))
    assert value("zero_centred.batch_same_sign_positive") == same_sign(path) == 0.0


def test_predicted_steps_by_hand():
    kappa = condition(sigmoid_inputs())
    rate = 1 - 1 / kappa
    d = math.hypot(*zc.ZIGZAG_TARGET)
    k = 0
    while d * rate**k >= zc.ZIGZAG_TOL:
        k += 1
    assert value("zero_centred.predicted_steps_positive") == k
    estimate = kappa * math.log(d / zc.ZIGZAG_TOL)
    assert value("zero_centred.kappa_log_steps") == pytest.approx(estimate, rel=1e-10)
    # the approximation overestimates: -ln(1 - 1/kappa) > 1/kappa
    assert k < estimate < 1.05 * k


def test_sweep_of_input_means():
    z = np.random.default_rng(zc.ZIGZAG_SEED).standard_normal((zc.ZIGZAG_SAMPLES, 2))
    d = math.hypot(*zc.ZIGZAG_TARGET)
    gaps, conditions, steps = [], [], []
    for m in zc.MEAN_SHIFTS:
        X = expit(z) - 0.5 + m
        kappa = condition(X)
        measured = full_batch_steps(X, zc.ZIGZAG_TARGET)
        predicted = math.ceil(math.log(d / zc.ZIGZAG_TOL) / -math.log(1 - 1 / kappa))
        if predicted == math.log(d / zc.ZIGZAG_TOL) / -math.log(1 - 1 / kappa):
            predicted += 1  # d (1 - 1/kappa)^k must fall strictly below tol
        gaps.append(abs(measured - predicted))
        conditions.append(kappa)
        steps.append(measured)
    assert value("zero_centred.shift_max_condition") == pytest.approx(conditions[-1], rel=1e-10)
    assert value("zero_centred.shift_max_steps") == steps[-1]
    assert value("zero_centred.shift_prediction_gap") == max(gaps)
    assert conditions == sorted(conditions) and steps == sorted(steps)


def test_north_east_target_with_one_example_per_update():
    X = sigmoid_inputs()
    reversals, first = {}, {}
    for target in (zc.NORTH_EAST_TARGET, zc.ZIGZAG_TARGET):
        steps, path = minibatch_descent(X, target, 1)
        first[target] = math.dist(path[1], target)
        moves = [b - a for a, b in zip(path[:-1, 0], path[1:, 0], strict=True) if b != a]
        turns = sum((u > 0) != (v > 0) for u, v in zip(moves[:-1], moves[1:], strict=True))
        reversals[target] = turns / (len(moves) - 1)
        if target == zc.NORTH_EAST_TARGET:
            assert value("zero_centred.north_east_sample_steps") == steps
            assert same_sign(path) == 1.0  # every update north-east or south-west
    assert value("zero_centred.start_distance") == pytest.approx(math.sqrt(2))
    assert value("zero_centred.north_east_first_distance") == pytest.approx(
        first[zc.NORTH_EAST_TARGET], rel=1e-10
    )
    assert value("zero_centred.north_west_first_distance") == pytest.approx(
        first[zc.ZIGZAG_TARGET], rel=1e-10
    )
    assert value("zero_centred.north_east_reversals") == pytest.approx(
        reversals[zc.NORTH_EAST_TARGET], abs=1e-12
    )
    assert value("zero_centred.north_west_reversals") == pytest.approx(
        reversals[zc.ZIGZAG_TARGET], abs=1e-12
    )
    # the first update covers more of the way to the north-east, yet both zig-zag
    assert first[zc.NORTH_EAST_TARGET] < first[zc.ZIGZAG_TARGET] < math.sqrt(2)
    assert min(reversals.values()) > 0.5


def test_batch_size_curve():
    X = sigmoid_inputs()
    centred = X - X.mean(axis=0)
    mixed, positive_steps, centred_steps = {}, [], []
    for size in zc.BATCH_SIZES:
        steps, path = minibatch_descent(X, zc.ZIGZAG_TARGET, size)
        positive_steps.append(steps)
        mixed[size] = 1 - same_sign(path)
        centred_steps.append(minibatch_descent(centred, zc.ZIGZAG_TARGET, size)[0])
    assert value("zero_centred.batch_mixed_2") == pytest.approx(mixed[2], abs=1e-12)
    assert value("zero_centred.batch_mixed_32") == pytest.approx(mixed[32], abs=1e-12)
    assert value("zero_centred.batch_mixed_full") == pytest.approx(mixed[256], abs=1e-12)
    assert mixed[1] == 0.0 < mixed[2] < mixed[32] < mixed[256]
    assert value("zero_centred.batch_steps_positive_min") == min(positive_steps)
    assert value("zero_centred.batch_steps_positive_max") == max(positive_steps)
    assert value("zero_centred.batch_steps_centred_min") == min(centred_steps)
    assert value("zero_centred.batch_steps_centred_max") == max(centred_steps)
    assert max(centred_steps) < min(positive_steps)


def test_per_input_biases():
    X = sigmoid_inputs()
    steps, path, biases = input_bias_descent(X, zc.ZIGZAG_TARGET, 1, (0.0, 0.0))
    assert value("zero_centred.bias_sample_steps") == steps
    assert value("zero_centred.bias_sample_mixed") == pytest.approx(1 - same_sign(path), abs=1e-9)
    for i in (0, 1):
        assert value(f"zero_centred.bias_end_{i}") == pytest.approx(biases[-1][i], abs=1e-9)
        assert value(f"zero_centred.minus_mean_{i}") == pytest.approx(-np.mean(X[:, i]))
    # the weights alone first come within the tolerance at the last update
    first = next(k for k, w in enumerate(path) if math.dist(w, zc.ZIGZAG_TARGET) < zc.ZIGZAG_TOL)
    assert value("zero_centred.bias_sample_steps_weights") == first
    # here the biases end near minus the mean, on the line w* . b = 0
    assert np.abs(biases[-1] + X.mean(axis=0)).max() < 0.05
    for target, key in ((zc.NORTH_EAST_TARGET, "north_east"), (zc.OTHER_BIAS_TARGET, "other")):
        _, _, ends = input_bias_descent(X, target, 1, (0.0, 0.0))
        assert abs(np.dot(target, ends[-1])) < 2e-3  # on the line w* . b = 0
        for i in (0, 1):
            claimed = value(f"zero_centred.bias_end_{key}_{i}")
            assert claimed == pytest.approx(ends[-1][i], abs=1e-9)
        # elsewhere they end away from minus the mean
        assert np.abs(ends[-1] + X.mean(axis=0)).max() > 0.1
    steps, _, biases = input_bias_descent(X, zc.ZIGZAG_TARGET, len(X), (0.0, 0.0))
    assert value("zero_centred.bias_batch_steps") == steps
    assert value("zero_centred.bias_batch_max") == pytest.approx(np.abs(biases).max(), rel=1e-6)
    steps, _, _ = input_bias_descent(X, zc.ZIGZAG_TARGET, len(X), -X.mean(axis=0))
    assert value("zero_centred.bias_centred_batch_steps") == steps
    # slower than the plain unit, both ways
    assert value("zero_centred.bias_sample_steps") > value("zero_centred.sample_steps_positive")
    assert value("zero_centred.bias_batch_steps") > value("zero_centred.batch_steps_positive")


def test_per_input_biases_over_seeds():
    ends = []
    for seed in zc.BIAS_SEEDS:
        X = sigmoid_inputs(seed)
        _, _, biases = input_bias_descent(X, zc.ZIGZAG_TARGET, 1, (0.0, 0.0), seed=seed)
        ends.append(biases[-1])
        # w* = (1, -1) fits only if w* . b = 0: the two biases end equal
        assert biases[-1][0] == pytest.approx(biases[-1][1], abs=2e-3)
    assert value("zero_centred.bias_seed_min") == pytest.approx(np.min(ends), abs=1e-9)
    assert value("zero_centred.bias_seed_max") == pytest.approx(np.max(ends), abs=1e-9)
    assert value("zero_centred.bias_seed_mean") == pytest.approx(np.mean(ends), abs=1e-9)


def test_every_bias_update_is_a_multiple_of_the_weights():
    # the solution of the exercise: dL/db = mean(delta) w
    X = sigmoid_inputs()[:20]
    run = descend(X, (1.0, -1.0), batch_size=4, input_bias=(0.3, -0.2), max_steps=30)
    for w, b, b_next in zip(run.path[:-1], run.bias_path[:-1], run.bias_path[1:], strict=True):
        step = b_next - b
        assert abs(step[0] * w[1] - step[1] * w[0]) < 1e-12


# ---------------------------------------------------------------- activation means


def _mp_functions():
    def phi_cdf(z):
        return (1 + mpmath.erf(z / mpmath.sqrt(2))) / 2

    def leaky(slope):
        return lambda z: z if z > 0 else slope * z

    return {
        "sigmoid": lambda z: 1 / (1 + mpmath.exp(-z)),
        "tanh": mpmath.tanh,
        "relu": lambda z: max(z, 0),
        "leaky_relu": leaky(mpmath.mpf("0.01")),
        "prelu": leaky(mpmath.mpf("0.25")),
        "rrelu": leaky((mpmath.mpf(1) / 8 + mpmath.mpf(1) / 3) / 2),
        "elu": lambda z: z if z > 0 else mpmath.expm1(z),
        "gelu": lambda z: z * phi_cdf(z),
        "silu": lambda z: z / (1 + mpmath.exp(-z)),
        "softplus": lambda z: mpmath.log1p(mpmath.exp(z)),
    }


@pytest.fixture(scope="module")
def mp_moments():
    def density(z):
        return mpmath.exp(-(z**2) / 2) / mpmath.sqrt(2 * mpmath.pi)

    moments = {}
    with mpmath.workdps(25):
        for name, f in _mp_functions().items():
            points = [-mpmath.inf, 0, mpmath.inf]
            mean = mpmath.quad(lambda z, f=f: f(z) * density(z), points)
            second = mpmath.quad(lambda z, f=f: f(z) ** 2 * density(z), points)
            moments[name] = (float(mean), float(second - mean**2))
    return moments


def test_activation_means_match_mpmath(mp_moments):
    assert set(mp_moments) == set(zc.activation_moments())
    for name, (mean, variance) in mp_moments.items():
        assert value(f"zero_centred.mean_{name}") == pytest.approx(mean, abs=1e-10), name
        kappa = 1 + zc.NETWORK_WIDTH * mean**2 / variance
        assert value(f"zero_centred.kappa_{name}") == pytest.approx(kappa, rel=1e-8), name
    assert get_claim("zero_centred.mean_tanh").render() == "0.000"


def test_closed_form_means():
    root = 1 / math.sqrt(2 * math.pi)
    closed = {
        "sigmoid": 0.5,
        "tanh": 0.0,
        "relu": root,
        "leaky_relu": 0.99 * root,
        "prelu": 0.75 * root,
        "rrelu": (1 - (1 / 8 + 1 / 3) / 2) * root,
        "elu": root + math.exp(0.5) * 0.5 * math.erfc(1 / math.sqrt(2)) - 0.5,
        "gelu": 1 / (2 * math.sqrt(math.pi)),
    }
    assert set(closed) == set(zc.CLOSED_FORM)
    for name, mean in closed.items():
        assert value(f"zero_centred.mean_{name}") == pytest.approx(mean, abs=1e-12), name
    assert value("zero_centred.mean_closed_form_error") < 1e-12
    # ReLU: kappa = 1 + n / (pi - 1), the exercise's closed form
    kappa = 1 + zc.NETWORK_WIDTH / (math.pi - 1)
    assert value("zero_centred.kappa_relu") == pytest.approx(kappa, rel=1e-10)


# ------------------------------------------------------------------------ the network


def sigmoid_slope(z):
    s = 1 / (1 + np.exp(-z))
    return s * (1 - s)


def numpy_training(model_params, activation, X, y, lr, seed, epochs, batch, slope=sigmoid_slope):
    """Plain NumPy SGD on the softmax cross-entropy: per-epoch mean of mini-batch losses."""
    params = [(W.copy(), b.copy()) for W, b in model_params]
    onehot = np.eye(10)[y.astype(int)]
    rng = np.random.default_rng(seed)
    losses = []
    for _ in range(epochs):
        order = rng.permutation(len(X))
        total = 0.0
        for start in range(0, len(X), batch):
            rows = order[start : start + batch]
            h, pre = [X[rows]], []
            for W, b in params[:-1]:
                pre.append(h[-1] @ W + b)
                h.append(activation(pre[-1]))
            logits = h[-1] @ params[-1][0] + params[-1][1]
            logits -= logits.max(axis=1, keepdims=True)
            p = np.exp(logits)
            p /= p.sum(axis=1, keepdims=True)
            total += -np.sum(onehot[rows] * np.log(p)) / len(rows) * len(rows)
            grad = (p - onehot[rows]) / len(rows)
            grads = []
            for layer in range(len(params) - 1, -1, -1):
                W, _ = params[layer]
                grads.append((h[layer].T @ grad, grad.sum(axis=0)))
                if layer:
                    grad = (grad @ W.T) * slope(pre[layer - 1])
            for (W, b), (gW, gb) in zip(params, reversed(grads), strict=True):
                W -= lr * gW
                b -= lr * gb
        losses.append(total / len(X))
    return np.array(losses), params


def relu_slope(z):
    return (z > 0).astype(float)


@pytest.mark.parametrize(
    ("variant", "activation", "slope", "lr"),
    [
        ("sigmoid", lambda z: 1 / (1 + np.exp(-z)), sigmoid_slope, 3.0),
        ("centred sigmoid", lambda z: 1 / (1 + np.exp(-z)) - 0.5, sigmoid_slope, 10.0),
        ("centred ReLU", lambda z: np.maximum(z, 0) - 1 / math.sqrt(2 * math.pi), relu_slope, 1.0),
    ],
)
def test_network_runs_match_a_plain_numpy_training(variant, activation, slope, lr):
    X_train, X_test, y_train, y_test = digits_split()
    assert X_train.shape == (1347, 64) and X_test.shape == (450, 64)
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    std[std == 0] = 1.0
    model = zc.build_network(variant, 0)
    start = [(lay.params["W"], lay.params["b"]) for lay in model.layers if "W" in lay.params]
    losses, params = numpy_training(
        start, activation, (X_train - mean) / std, y_train, lr, 0, epochs=20, batch=64, slope=slope
    )
    run = zc.train_network(variant, lr, 0)
    np.testing.assert_allclose(run.loss, losses, rtol=1e-9)
    h = (X_test - mean) / std
    for W, b in params[:-1]:
        h = activation(h @ W + b)
    predictions = np.argmax(h @ params[-1][0] + params[-1][1], axis=1)
    assert run.test_accuracy == pytest.approx(np.mean(predictions == y_test))


def test_saturated_shares_at_the_start():
    X_train, _ = zc.prepared_inputs("standardized")
    for variant, ids in (
        ("sigmoid, large weights", ("saturated_first", "saturated_second")),
        ("sigmoid", ()),
    ):
        shares = []
        for seed in zc.NETWORK_SEEDS:
            model = zc.build_network(variant, seed)
            dense = [lay for lay in model.layers if "W" in lay.params]
            h, per_layer = X_train, []
            for lay in dense[:-1]:
                z = h @ lay.params["W"] + lay.params["b"]
                s = 1 / (1 + np.exp(-z))
                per_layer.append(np.mean(s * (1 - s) < 0.01 * 0.25))
                h = s
            shares.append(per_layer)
        shares = np.mean(shares, axis=0)
        for claim_id, share in zip(ids, shares, strict=False):
            assert value(f"zero_centred.{claim_id}") == pytest.approx(share, abs=1e-12)
        if variant == "sigmoid":
            assert value("zero_centred.saturated_plain") == pytest.approx(max(shares), abs=1e-12)
    assert value("zero_centred.saturated_first") > 0.5


def _first_below(loss, target):
    for epoch, current in enumerate(loss, start=1):
        if current < target:
            return epoch
    return math.inf


KEYS = {
    "sigmoid": "sigmoid",
    "centred sigmoid": "centred_sigmoid",
    "tanh": "tanh",
    "sigmoid, large weights": "saturated_sigmoid",
    "centred sigmoid, large weights": "saturated_centred",
    "ReLU": "relu",
    "centred ReLU": "centred_relu",
}


def _grid(variant):
    return zc.RELU_LEARNING_RATES if "ReLU" in variant else zc.LEARNING_RATES


def _table(variant):
    return {
        lr: [zc.train_network(variant, lr, seed) for seed in zc.NETWORK_SEEDS]
        for lr in _grid(variant)
    }


def _mean_epochs(runs):
    return sum(_first_below(r.loss, zc.TARGET_LOSS) for r in runs) / len(runs)


def test_summaries_choose_the_best_learning_rate_and_average_the_seeds():
    assert set(KEYS) == set(zc.VARIANTS)
    per_seed = {}
    for variant, key in KEYS.items():
        table = _table(variant)
        epochs = {lr: _mean_epochs(runs) for lr, runs in table.items()}
        best = sorted(table, key=lambda lr: (epochs[lr], np.mean([r.loss[-1] for r in table[lr]])))[
            0
        ]
        assert value(f"zero_centred.lr_{key}") == best
        # the best rate is bracketed: the rates on either side are no faster (ties: lower loss)
        grid = _grid(variant)
        index = grid.index(best)
        assert 0 < index < len(grid) - 1, variant
        assert epochs[grid[index - 1]] >= epochs[best] < epochs[grid[index + 1]]
        assert value(f"zero_centred.epochs_{key}") == pytest.approx(epochs[best])
        seeds = [_first_below(r.loss, zc.TARGET_LOSS) for r in table[best]]
        per_seed[variant] = seeds
        assert value(f"zero_centred.epochs_{key}_min") == min(seeds)
        assert value(f"zero_centred.epochs_{key}_max") == max(seeds)
        accuracies = [r.test_accuracy for r in table[best]]
        assert value(f"zero_centred.accuracy_{key}") == pytest.approx(np.mean(accuracies))
        assert value(f"zero_centred.accuracy_{key}_min") == min(accuracies)
        assert value(f"zero_centred.accuracy_{key}_max") == max(accuracies)
        # no variant reaches the target with every seed at the largest rate of its grid
        assert math.isinf(epochs[grid[-1]])
    small, large = zc.SMALL_LEARNING_RATE, zc.LARGE_LEARNING_RATE
    sigmoid, centred = _table("sigmoid"), _table("centred sigmoid")
    assert value("zero_centred.epochs_sigmoid_lr_small") == pytest.approx(
        _mean_epochs(sigmoid[small])
    )
    assert value("zero_centred.epochs_centred_lr_small") == pytest.approx(
        _mean_epochs(centred[small])
    )
    assert value("zero_centred.epochs_sigmoid_lr_large") == pytest.approx(
        _mean_epochs(sigmoid[large])
    )
    # at the small rate centring changes little, at the large one the sigmoid slows down
    small_gap = value("zero_centred.epochs_sigmoid_lr_small") / value(
        "zero_centred.epochs_centred_lr_small"
    )
    assert small_gap < 1.1
    assert value("zero_centred.epochs_sigmoid_lr_large") > value("zero_centred.epochs_sigmoid")
    ratio = value("zero_centred.epochs_sigmoid") / value("zero_centred.epochs_centred_sigmoid")
    assert value("zero_centred.centring_speedup") == pytest.approx(ratio)
    ratios = [a / b for a, b in zip(per_seed["sigmoid"], per_seed["centred sigmoid"], strict=True)]
    assert value("zero_centred.centring_speedup_min") == pytest.approx(min(ratios))
    assert value("zero_centred.centring_speedup_max") == pytest.approx(max(ratios))
    assert min(ratios) > 1.5
    ratio = value("zero_centred.epochs_saturated_sigmoid") / value("zero_centred.epochs_sigmoid")
    assert value("zero_centred.large_weights_slowdown") == pytest.approx(ratio)
    big = per_seed["sigmoid, large weights"]
    ratios = [a / b for a, b in zip(big, per_seed["sigmoid"], strict=True)]
    assert value("zero_centred.large_weights_slowdown_min") == pytest.approx(min(ratios))
    assert value("zero_centred.large_weights_slowdown_max") == pytest.approx(max(ratios))
    drop = value("zero_centred.accuracy_sigmoid") - value("zero_centred.accuracy_saturated_sigmoid")
    assert value("zero_centred.large_weights_accuracy_loss") == pytest.approx(100 * drop)
    # centring did not speed up the ReLU network
    assert value("zero_centred.epochs_centred_relu") >= value("zero_centred.epochs_relu")


def test_logistic_regression_matches_a_plain_numpy_training():
    X_train, X_test, y_train, y_test = digits_split()
    for inputs, lr in (("raw", 10.0), ("centred", 100.0), ("standardized", 3.0)):
        train, test = zc.prepared_inputs(inputs)
        shift = X_train.mean(axis=0) if inputs != "raw" else 0.0
        scale = X_train.std(axis=0) if inputs == "standardized" else np.ones(64)
        scale[scale == 0] = 1.0
        np.testing.assert_allclose(train, (X_train - shift) / scale)
        run = zc.train_logistic(inputs, lr, 0)
        start = nn.Dense(64, 10, seed=0)
        losses, _ = numpy_training(
            [(start.params["W"], start.params["b"])], None, train, y_train, lr, 0, 20, 64
        )
        np.testing.assert_allclose(run.loss, losses, rtol=1e-9)
    for inputs, key in (
        ("raw", "logistic_raw"),
        ("centred", "logistic_centred"),
        ("standardized", None),
    ):
        table = {
            lr: [zc.train_logistic(inputs, lr, seed) for seed in zc.NETWORK_SEEDS]
            for lr in zc.LOGISTIC_LEARNING_RATES
        }
        epochs = {lr: _mean_epochs(runs) for lr, runs in table.items()}
        best = min(epochs, key=epochs.get)
        index = zc.LOGISTIC_LEARNING_RATES.index(best)
        assert 0 < index < len(zc.LOGISTIC_LEARNING_RATES) - 1, inputs  # bracketed
        epochs_id = f"zero_centred.{key}_epochs" if key else "zero_centred.epochs_logistic"
        lr_id = f"zero_centred.{key}_lr" if key else "zero_centred.lr_logistic"
        assert value(epochs_id) == pytest.approx(epochs[best])
        assert value(lr_id) == best
    # centring lets the rate grow by about the factor of the largest eigenvalue
    rate_gain = value("zero_centred.logistic_centred_lr") / value("zero_centred.logistic_raw_lr")
    curvature_drop = value("zero_centred.curvature_raw") / value("zero_centred.curvature_centred")
    assert 0.3 < rate_gain / curvature_drop < 3


def test_linear_baseline_accuracy_from_its_weights():
    baseline = linear_baseline()
    _, X_test, _, y_test = digits_split()
    predictions = np.argmax(X_test @ baseline.weights + baseline.bias, axis=1)
    assert value("zero_centred.linear_baseline_accuracy") == pytest.approx(
        np.mean(predictions == y_test)
    )
    assert (
        0.9
        < value("zero_centred.linear_baseline_accuracy")
        < value("zero_centred.accuracy_sigmoid")
    )


def test_largest_curvatures_from_singular_values():
    def top(features):
        extended = np.hstack([features, np.ones((len(features), 1))]) / math.sqrt(len(features))
        return np.linalg.svd(extended, compute_uv=False)[0] ** 2

    raw, _ = zc.prepared_inputs("raw")
    assert value("zero_centred.curvature_raw") == pytest.approx(top(raw), rel=1e-10)
    assert value("zero_centred.curvature_centred") == pytest.approx(
        top(raw - raw.mean(0)), rel=1e-10
    )
    X_train, _ = zc.prepared_inputs("standardized")
    shift = 1 / math.sqrt(2 * math.pi)
    for variant, key, f in (
        ("sigmoid", "sigmoid", lambda z: 1 / (1 + np.exp(-z))),
        ("centred sigmoid", "centred_sigmoid", lambda z: 1 / (1 + np.exp(-z)) - 0.5),
        ("ReLU", "relu", lambda z: np.maximum(z, 0)),
        ("centred ReLU", "centred_relu", lambda z: np.maximum(z, 0) - shift),
    ):
        dense = [
            lay
            for lay in zc.build_network(variant, zc.NETWORK_SEEDS[0]).layers
            if "W" in lay.params
        ]
        h = f(X_train @ dense[0].params["W"] + dense[0].params["b"])
        assert value(f"zero_centred.curvature_{key}") == pytest.approx(top(h), rel=1e-10)
        if "ReLU" in variant:
            h2 = f(h @ dense[1].params["W"] + dense[1].params["b"])
            for layer, outputs in ((1, h), (2, h2)):
                claimed = value(f"zero_centred.mean_{key}_layer{layer}")
                assert claimed == pytest.approx(outputs.mean(), rel=1e-10)
    # the mean adds about n/4 to the top eigenvalue of the bias's 1
    assert value("zero_centred.curvature_sigmoid") == pytest.approx(
        1 + zc.NETWORK_WIDTH / 4, rel=0.05
    )
    assert value("zero_centred.curvature_centred_relu") < value("zero_centred.curvature_relu") / 2


# ------------------------------------------------------------------- helpers and register


def test_helpers_and_their_errors():
    assert zc.condition_number(0.5, 0.25, 2) == 3.0
    with pytest.raises(ValueError, match="variance"):
        zc.condition_number(0.5, 0.0, 2)
    with pytest.raises(TypeError, match="n_inputs"):
        zc.condition_number(0.5, 1.0, 2.0)
    assert zc.predicted_steps(2.0, 1.0, 0.1) == 4  # 1/16 < 0.1 <= 1/8
    with pytest.raises(ValueError, match="kappa"):
        zc.predicted_steps(1.0, 1.0, 0.1)
    with pytest.raises(ValueError, match="distance"):
        zc.predicted_steps(2.0, 0.1, 0.1)
    assert zc.epochs_to_target(np.array([1.0, zc.TARGET_LOSS, zc.TARGET_LOSS / 2])) == 3.0
    assert math.isinf(zc.epochs_to_target(np.array([1.0])))
    with pytest.raises(ValueError, match="inputs"):
        zc.prepared_inputs("whitened")
    with pytest.raises(ValueError, match="variant"):
        zc.build_network("relu", 0)
    with pytest.raises(TypeError, match="activation"):
        zc.gaussian_moments("relu")
    with pytest.raises(ValueError, match="features"):
        zc.largest_curvature(np.array([[np.nan]]))
    centred = zc.CentredSigmoid()
    x = np.linspace(-30, 30, 121)
    np.testing.assert_allclose(centred(x), 0.5 * np.tanh(x / 2), atol=1e-15)
    np.testing.assert_allclose(centred.derivative(x), 0.25 / np.cosh(x / 2) ** 2, rtol=1e-12)
    relu = zc.CentredReLU()
    np.testing.assert_allclose(relu(x), np.where(x > 0, x, 0) - 0.3989422804014327, atol=1e-15)
    np.testing.assert_array_equal(relu.derivative(x), (x > 0).astype(float))
    one_move = zc.zigzag_result().positive.per_sample
    with pytest.raises(ValueError, match="reversal"):
        zc.reversal_fraction(type(one_move)(one_move.path[:2], 1, 1.0, 1, np.ones(1)))


def test_zero_centred_statements_are_judged_in_this_chapter():
    mine = [s for s in REGISTER.values() if s.chapter == "zero-centred"]
    assert len(mine) == 16
    for statement in mine:
        assert statement.verdict != "pending", statement.id
        assert statement.section.startswith("sec-zero-centred-"), statement.id
    # S1 derives its sign rule for the global loss: true per example only
    assert REGISTER["S1.update-direction-input-sign"].verdict == "imprecise"
    assert REGISTER["S1.opposite-signs-needed"].verdict == "imprecise"
    assert value("zero_centred.batch_mixed_full") == 1.0
    assert REGISTER["S5.per-input-bias-gradient"].verdict == "confirmed"
