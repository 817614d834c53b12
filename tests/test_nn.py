"""Tests of actbook.nn against hand formulas, finite differences and closed forms."""

import math

import numpy as np
import pytest
from scipy.special import expit

from actbook import nn
from actbook.activations import get_activation

RNG = np.random.default_rng(12345)


def ones_init(shape, rng):
    return np.ones(shape)


# ----------------------------------------------------------------------------- Dense


def test_dense_forward_and_backward_match_the_formulas():
    layer = nn.Dense(3, 2, seed=4)
    layer.params["b"][:] = [0.5, -1.0]
    x = RNG.normal(size=(5, 3))
    y = layer.forward(x)
    W, b = layer.params["W"], layer.params["b"]
    expected = np.array(
        [[sum(x[n, i] * W[i, j] for i in range(3)) + b[j] for j in range(2)] for n in range(5)]
    )
    assert np.allclose(y, expected, rtol=0, atol=1e-14)
    g = RNG.normal(size=(5, 2))
    dx = layer.backward(g)
    assert np.allclose(layer.grads["W"], np.einsum("ni,nj->ij", x, g))
    assert np.allclose(layer.grads["b"], g.sum(axis=0))
    assert np.allclose(dx, np.einsum("nj,ij->ni", g, W))


def test_dense_gradients_match_finite_differences_with_extra_batch_axes():
    layer = nn.Dense(4, 3, init="he_normal", seed=1)
    x = RNG.normal(size=(2, 5, 4))
    assert layer.forward(x).shape == (2, 5, 3)
    assert nn.gradient_check(layer, x) < 1e-7


def test_dense_default_init_is_xavier_uniform_and_seeded():
    a, b = nn.Dense(300, 200, seed=3), nn.Dense(300, 200, rng=np.random.default_rng(3))
    assert np.array_equal(a.params["W"], b.params["W"])
    assert np.abs(a.params["W"]).max() <= math.sqrt(6 / 500)
    assert np.abs(a.params["W"]).max() > 0.99 * math.sqrt(6 / 500)
    assert np.array_equal(a.params["b"], np.zeros(200))


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: nn.Dense(0, 2), ValueError, "in_features must be a positive integer"),
        (lambda: nn.Dense(2, 2.0), TypeError, "out_features must be a positive integer"),
        (lambda: nn.Dense(2, 2, init=3), TypeError, "init must be an initializer name"),
        (lambda: nn.Dense(2, 2, init="nope"), ValueError, "init must be one of"),
        (lambda: nn.Dense(2, 2, init=lambda s, r: np.ones(3)), ValueError, "shape"),
        (lambda: nn.Dense(2, 2, rng=np.random.default_rng(), seed=1), ValueError, "not both"),
        (lambda: nn.Dense(2, 2, rng=1), TypeError, "rng must be a numpy"),
        (lambda: nn.Dense(2, 2).forward(np.ones((3, 3))), ValueError, r"shape \(\.\.\., 2\)"),
        (
            lambda: nn.Dense(2, 2).forward(np.array(["a", "b"])),
            TypeError,
            "x must be an array of real",
        ),
        (lambda: nn.Dense(2, 2).backward(np.ones((1, 2))), RuntimeError, "forward before"),
    ],
)
def test_dense_bad_input_raises(call, error, message):
    with pytest.raises(error, match=message):
        call()


# ------------------------------------------------------------------- ActivationLayer


def test_activation_layer_multiplies_by_the_derivative():
    layer = nn.ActivationLayer("tanh")
    x = RNG.normal(size=(4, 3))
    assert np.allclose(layer.forward(x), np.tanh(x))
    g = RNG.normal(size=(4, 3))
    assert np.allclose(layer.backward(g), g * (1 - np.tanh(x) ** 2))
    assert layer.params == {} and repr(layer) == "ActivationLayer('tanh')"


def test_prelu_slope_is_a_parameter_with_its_gradient():
    layer = nn.ActivationLayer("prelu")
    assert layer.params["slope"].shape == () and layer.params["slope"] == 0.25
    x = np.array([[-2.0, 3.0], [-0.5, 1.0]])
    g = np.array([[1.0, 2.0], [3.0, 4.0]])
    layer.forward(x)
    dx = layer.backward(g)
    # dL/da = sum over negative entries of g * x
    assert layer.grads["slope"] == 1.0 * -2.0 + 3.0 * -0.5
    assert np.array_equal(dx, [[0.25, 2.0], [0.75, 4.0]])
    layer.params["slope"] -= 0.15  # an optimizer's in-place update reaches the activation
    assert np.allclose(layer.forward(x), [[-0.2, 3.0], [-0.05, 1.0]])


def test_prelu_network_passes_the_gradient_check():
    model = nn.MLP([3, 5, 4, 2], "prelu", seed=2)
    assert sorted(k for k in model.params if "slope" in k) == ["1.slope", "3.slope"]
    x = RNG.normal(size=(6, 3))
    assert nn.gradient_check(model, x) < 1e-6


def test_rrelu_backward_uses_the_slopes_drawn_in_training():
    layer = nn.ActivationLayer("rrelu", seed=5)
    x = np.array([-1.0, -2.0, -3.0, 4.0])
    y = layer.forward(x, training=True)
    assert np.all(y[:3] < 0) and y[3] == 4.0
    assert len(set(np.round(y[:3] / x[:3], 12))) == 3  # one slope per entry
    assert np.allclose(layer.backward(np.ones(4)), np.r_[y[:3] / x[:3], 1.0])
    # at evaluation the fixed slope is used again
    y_eval = layer.forward(x)
    assert np.allclose(layer.backward(np.ones(4)), np.r_[y_eval[:3] / x[:3], 1.0])


def test_activation_layer_accepts_an_instance_and_rejects_others():
    act = get_activation("leaky_relu", slope=0.1)
    layer = nn.ActivationLayer(act)
    assert layer.activation is act
    assert np.allclose(layer.forward(np.array([-1.0])), [-0.1])
    with pytest.raises(TypeError, match="activation must be"):
        nn.ActivationLayer(np.tanh)
    with pytest.raises(RuntimeError, match="forward before backward"):
        nn.ActivationLayer("relu").backward(np.ones(2))


def test_base_layer_is_the_identity():
    layer = nn.Layer()
    x = np.array([1.0, -2.0])
    assert np.array_equal(layer(x), x) and np.array_equal(layer.backward(x), x)


# ------------------------------------------------------------------ Sequential, MLP


def test_sequential_caches_and_shares_parameter_arrays():
    dense1, dense2 = nn.Dense(2, 3, seed=0), nn.Dense(3, 1, seed=1)
    model = nn.Sequential([dense1, nn.ActivationLayer("relu"), dense2])
    x = RNG.normal(size=(7, 2))
    out = model(x)
    z = x @ dense1.params["W"] + dense1.params["b"]
    assert np.array_equal(model.pre_activations[0], z)
    assert np.array_equal(model.activations[0], np.maximum(z, 0))
    assert np.allclose(out, np.maximum(z, 0) @ dense2.params["W"] + dense2.params["b"])
    assert model.params["0.W"] is dense1.params["W"]
    model.params["2.b"] += 1.0
    assert dense2.params["b"][0] == 1.0
    assert len(model) == 3 and model[0] is dense1 and repr(model).startswith("Sequential([Dense")


def test_sequential_bad_input_raises():
    with pytest.raises(ValueError, match="at least one layer"):
        nn.Sequential([])
    with pytest.raises(TypeError, match="layers must be actbook.nn.Layer instances"):
        nn.Sequential([np.tanh])
    with pytest.raises(TypeError, match="layers must be a list of layers"):
        nn.Sequential(nn.Dense(2, 2))
    model = nn.Sequential([nn.Dense(2, 2)])
    with pytest.raises(RuntimeError, match="forward before backward"):
        model.backward(np.ones((1, 2)))
    with pytest.raises(RuntimeError, match="call forward first"):
        model.activations  # noqa: B018


@pytest.mark.parametrize("sizes", [[3, 1], [3, 4, 1], [2, 5, 5, 5, 5, 3]])
def test_mlp_structure_of_any_depth(sizes):
    model = nn.MLP(sizes, "tanh", output_activation="sigmoid")
    dense = [layer for layer in model.layers if isinstance(layer, nn.Dense)]
    assert [(d.in_features, d.out_features) for d in dense] == list(
        zip(sizes[:-1], sizes[1:], strict=True)
    )
    assert len(model.layers) == 2 * (len(sizes) - 1)
    assert model.hidden_indices() == [2 * i + 1 for i in range(len(sizes) - 2)]
    x = RNG.normal(size=(4, sizes[0]))
    out = model(x)
    assert out.shape == (4, sizes[-1]) and np.all((out > 0) & (out < 1))
    assert nn.gradient_check(model, x) < 1e-6


def test_mlp_default_initializers():
    relu = nn.MLP([600, 400, 1], "relu", seed=0).params["0.W"]
    # He normal: Var = 2 / fan_in, within 5 standard errors (sqrt(2/n) relative)
    assert abs(relu.var() / (2 / 600) - 1) < 5 * math.sqrt(2 / relu.size)
    leaky = nn.MLP([600, 400, 1], "leaky_relu", seed=0).params["0.W"]
    a = get_activation("leaky_relu").slope
    assert abs(leaky.var() / (2 / ((1 + a**2) * 600)) - 1) < 5 * math.sqrt(2 / leaky.size)
    tanh = nn.MLP([600, 400, 1], "tanh", seed=0).params["0.W"]
    assert np.abs(tanh).max() <= math.sqrt(6 / 1000) < np.abs(tanh).max() * 1.01
    const = nn.MLP([2, 3, 1], "relu", init="constant").params["0.W"]
    assert np.array_equal(const, np.zeros((2, 3)))


def test_mlp_prelu_layers_have_their_own_slope_unless_an_instance_is_given():
    model = nn.MLP([2, 3, 3, 1], "prelu")
    assert model.layers[1].activation is not model.layers[3].activation
    shared = get_activation("tanh")
    model = nn.MLP([2, 3, 3, 1], shared)
    assert model.layers[1].activation is shared is model.layers[3].activation


@pytest.mark.parametrize(
    ("sizes", "error"),
    [
        ([3], ValueError),
        ([3, 0, 1], ValueError),
        ([2, 2.5], TypeError),
        ([2, True], TypeError),
        ([], ValueError),
        (3, TypeError),
        ("32", TypeError),
    ],
)
def test_mlp_sizes_are_validated(sizes, error):
    with pytest.raises(error, match=r"sizes(\[\d\])? must"):
        nn.MLP(sizes)


def test_mlp_accepts_numpy_integer_sizes():
    sizes = np.array([2, 3, 1])
    model = nn.MLP(list(sizes))
    assert model.sizes == (2, 3, 1) and all(type(n) is int for n in model.sizes)


# ---------------------------------------------------------------------------- losses


def numeric_gradient(f, x, eps=1e-6):
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        up, down = x.copy(), x.copy()
        up[i] += eps
        down[i] -= eps
        g[i] = (f(up) - f(down)) / (2 * eps)
    return g


def test_mse_value_and_gradient():
    p, t = RNG.normal(size=(6, 2)), RNG.normal(size=(6, 2))
    value, grad = nn.mse(p, t)
    assert value == pytest.approx(((p - t) ** 2).sum() / 12, rel=1e-14)
    assert np.allclose(grad, numeric_gradient(lambda q: nn.mse(q, t)[0], p), atol=1e-8)
    # a flat target is compared with a column of predictions
    assert nn.mse(np.array([[1.0], [2.0]]), np.array([1.0, 0.0]))[0] == 2.0
    with pytest.raises(ValueError, match="target must have the shape"):
        nn.mse(np.ones((2, 2)), np.ones(2))


def test_binary_cross_entropy_matches_the_naive_formula_and_is_stable():
    z = RNG.normal(scale=3, size=(8, 1))
    t = (RNG.random(size=(8, 1)) > 0.5).astype(float)
    s = expit(z)
    naive = -np.mean(t * np.log(s) + (1 - t) * np.log(1 - s))
    value, grad = nn.binary_cross_entropy_with_logits(z, t)
    assert value == pytest.approx(naive, rel=1e-12)
    f = lambda q: nn.binary_cross_entropy_with_logits(q, t)[0]  # noqa: E731
    assert np.allclose(grad, numeric_gradient(f, z), atol=1e-8)
    # a confidently wrong logit of 1000 costs 1000 nats, without overflow
    big, grad_big = nn.binary_cross_entropy_with_logits(
        np.array([1000.0, -1000.0]), np.array([0.0, 1.0])
    )
    assert big == 1000.0 and np.array_equal(grad_big, [0.5, -0.5])
    with pytest.raises(ValueError, match=r"probabilities in \[0, 1\]"):
        nn.binary_cross_entropy_with_logits(np.zeros(2), np.array([0.0, 2.0]))


def test_softmax_cross_entropy_labels_equal_one_hot_and_match_the_naive_formula():
    z = RNG.normal(size=(5, 4))
    labels = np.array([0, 3, 1, 1, 2])
    value, grad = nn.softmax_cross_entropy(z, labels)
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    assert value == pytest.approx(-np.mean(np.log(p[np.arange(5), labels])), rel=1e-12)
    one_hot_value, one_hot_grad = nn.softmax_cross_entropy(z, np.eye(4)[labels])
    assert one_hot_value == value and np.array_equal(one_hot_grad, grad)
    f = lambda q: nn.softmax_cross_entropy(q, labels)[0]  # noqa: E731
    assert np.allclose(grad, numeric_gradient(f, z), atol=1e-8)
    # shifting all logits changes nothing, even by 1e4 (the naive formula overflows)
    shifted, _ = nn.softmax_cross_entropy(z + 1e4, labels)
    assert shifted == pytest.approx(value, abs=1e-9)


@pytest.mark.parametrize(
    ("logits", "target", "message"),
    [
        (np.zeros(3), np.zeros(3), "logits must be a 2-d array"),
        (np.zeros((3, 2)), np.array([0, 1]), "target must have 3 labels"),
        (np.zeros((2, 2)), np.array([0, 2]), "integers in"),
        (np.zeros((2, 2)), np.array([0, 0.5]), "integers in"),
        (np.zeros((2, 2)), np.zeros((2, 3)), "one-hot of shape"),
    ],
)
def test_softmax_cross_entropy_bad_target_raises(logits, target, message):
    with pytest.raises(ValueError, match=message):
        nn.softmax_cross_entropy(logits, target)


# ------------------------------------------------------------------- gradient check


class WrongBackward(nn.Dense):
    def _backward(self, grad_output):
        dx = super()._backward(grad_output)
        self.grads["W"] *= 1.01  # 1 % off
        return dx


def test_gradient_check_detects_a_wrong_backward():
    x = RNG.normal(size=(4, 3))
    assert nn.gradient_check(nn.Dense(3, 2, seed=0), x) < 1e-8
    error = nn.gradient_check(WrongBackward(3, 2, seed=0), x)
    # ||0.01 g|| / (||1.01 g|| + ||g||) = 0.01 / 2.01
    assert error == pytest.approx(0.01 / 2.01, rel=1e-4)


@pytest.mark.parametrize("loss", ["mse", "bce", "softmax_cross_entropy"])
def test_gradient_check_with_targets_and_named_losses(loss):
    model = nn.MLP([3, 6, 2], "sigmoid", seed=1)
    x = RNG.normal(size=(5, 3))
    y = np.array([[0.0, 1.0], [1.0, 1.0], [0.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    target = y[:, 1].astype(int) if loss == "softmax_cross_entropy" else y
    assert nn.gradient_check(model, x, target, loss=loss) < 1e-6


def test_gradient_check_bad_eps_and_loss():
    with pytest.raises(ValueError, match="eps must be a finite number > 0"):
        nn.gradient_check(nn.Dense(2, 1), np.ones((1, 2)), eps=0)
    with pytest.raises(ValueError, match="loss must be one of"):
        nn.gradient_check(nn.Dense(2, 1), np.ones((1, 2)), np.ones((1, 1)), loss="hinge")


# ---------------------------------------------------------------- layer statistics


def test_layer_statistics_of_a_relu_net_by_hand():
    model = nn.MLP([4, 30, 20, 1], "relu", seed=3)
    x = RNG.normal(size=(50, 4))
    out = model(x)
    model.backward(np.ones_like(out))
    stats = nn.layer_statistics(model)
    assert [s.index for s in stats] == [1, 3]
    h = x
    for s, dense in zip(stats, [model.layers[0], model.layers[2]], strict=True):
        z = h @ dense.params["W"] + dense.params["b"]
        h = np.maximum(z, 0)
        assert s.activation == "relu"
        assert s.mean == pytest.approx(h.mean()) and s.std == pytest.approx(h.std())
        assert s.zero_fraction == np.mean(z <= 0)
        assert s.saturated_fraction == np.mean(z < 0)
        assert s.weight_gradient_norm == pytest.approx(np.sqrt((dense.grads["W"] ** 2).sum()))


def test_sigmoid_saturation_threshold():
    # sigma'(z) < 0.01 * 1/4  <=>  |z| > z*, with sigma(z*) = (1 + sqrt(0.99)) / 2
    s = (1 + math.sqrt(0.99)) / 2
    z_star = math.log(s / (1 - s))
    z = np.array([[0.0, 3.0, z_star - 0.01, z_star + 0.01, -z_star - 0.01, -20.0]])
    dense = nn.Dense(1, 6, init=lambda shape, rng: z.copy())
    model = nn.Sequential([dense, nn.ActivationLayer("sigmoid"), nn.Dense(6, 1)])
    model(np.ones((1, 1)))
    (stats,) = nn.layer_statistics(model)
    assert stats.saturated_fraction == 3 / 6
    assert stats.zero_fraction == 0.0 and stats.weight_gradient_norm == 0.0
    assert nn.derivative_peak(get_activation("tanh")) == 1.0


def test_layer_statistics_without_a_dense_layer_and_bad_model():
    model = nn.Sequential([nn.ActivationLayer("tanh"), nn.Dense(2, 1)])
    model(np.zeros((3, 2)))
    (stats,) = nn.layer_statistics(model)
    assert stats.weight_gradient_norm == 0.0 and stats.saturated_fraction == 0.0
    with pytest.raises(TypeError, match="model must be a Sequential"):
        nn.layer_statistics(nn.Dense(2, 2))
    with pytest.raises(TypeError, match="activation must be an actbook Activation"):
        nn.derivative_peak(np.tanh)


# ------------------------------------------------------------------------------ SGD


def test_sgd_with_momentum_by_hand():
    p = {"w": np.array([1.0])}
    opt = nn.SGD(0.1, momentum=0.9)
    opt.step(p, {"w": np.array([2.0])})  # v = -0.2, w = 0.8
    opt.step(p, {"w": np.array([1.0])})  # v = 0.9 * -0.2 - 0.1 = -0.28, w = 0.52
    assert p["w"][0] == pytest.approx(0.52, abs=1e-15)


def test_sgd_step_on_a_model_updates_in_place():
    layer = nn.Dense(2, 1, seed=0)
    before = layer.params["W"].copy()
    layer.forward(np.array([[1.0, 2.0]]))
    layer.backward(np.array([[1.0]]))
    nn.SGD(0.5).step(layer)
    assert np.allclose(layer.params["W"], before - 0.5 * np.array([[1.0], [2.0]]))


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: nn.SGD(0), ValueError, "lr must be a finite number > 0"),
        (lambda: nn.SGD(math.inf), ValueError, "lr must be a finite number > 0"),
        (lambda: nn.SGD("0.1"), TypeError, "lr must be a finite number > 0"),
        (lambda: nn.SGD(0.1, momentum=math.nan), ValueError, "momentum must be in"),
        (lambda: nn.SGD(0.1, momentum=1.0), ValueError, r"momentum must be in \[0, 1\)"),
        (lambda: nn.SGD(0.1).step({"a": np.ones(1)}, {"b": np.ones(1)}), ValueError, "keys"),
        (lambda: nn.SGD(0.1).step({"a": np.ones(1)}), TypeError, "pass grads"),
    ],
)
def test_sgd_bad_arguments(call, error, message):
    with pytest.raises(error, match=message):
        call()


# ------------------------------------------------------------------------------ fit


def test_fit_linear_regression_reaches_least_squares():
    X = RNG.normal(size=(40, 3))
    y = X @ np.array([1.0, -2.0, 0.5]) + 0.3 + 0.1 * RNG.normal(size=40)
    model = nn.Dense(3, 1, seed=0)
    history = nn.fit(model, X, y, optimizer=nn.SGD(0.2), epochs=500)
    solution, *_ = np.linalg.lstsq(np.column_stack([X, np.ones(40)]), y, rcond=None)
    assert np.allclose(np.r_[model.params["W"][:, 0], model.params["b"]], solution, atol=1e-8)
    # full batch: the first recorded loss is the untrained model's loss
    initial = np.mean((X @ nn.Dense(3, 1, seed=0).params["W"][:, 0] - y) ** 2)
    assert history.loss[0] == pytest.approx(initial, rel=1e-12)
    assert history.accuracy is None and history.gradient_norms is None


def test_fit_is_deterministic_bit_for_bit():
    X = RNG.normal(size=(30, 2))
    y = (X[:, 0] * X[:, 1] > 0).astype(float)

    def run(seed):
        model = nn.MLP([2, 8, 8, 1], "relu", seed=1)
        opt = nn.SGD(0.05, momentum=0.9)
        return nn.fit(
            model,
            X,
            y,
            loss="bce",
            optimizer=opt,
            epochs=15,
            batch_size=7,
            seed=seed,
            record_gradients=True,
        ), model

    (h1, m1), (h2, m2), (h3, _) = run(0), run(0), run(1)
    assert np.array_equal(h1.loss, h2.loss)
    assert np.array_equal(h1.gradient_norms, h2.gradient_norms)
    assert all(np.array_equal(m1.params[k], m2.params[k]) for k in m1.params)
    assert not np.array_equal(h1.loss, h3.loss)
    assert h1.gradient_norms.shape == (15 * 5, 3)  # 5 batches per epoch, 3 Dense layers


def test_fit_records_gradient_norms_and_accuracy():
    X = np.array([[-1.0], [1.0], [2.0], [-2.0]])
    y = np.array([0.0, 1.0, 1.0, 0.0])
    model = nn.Dense(1, 1, init=ones_init)
    history = nn.fit(model, X, y, loss="bce", epochs=1, record_gradients=True)
    # dL/dW = mean((sigmoid(x) - y) x) at W = 1, b = 0
    expected = np.mean((expit(X[:, 0]) - y) * X[:, 0])
    assert history.gradient_norms[0, 0] == pytest.approx(abs(expected), rel=1e-12)
    assert history.accuracy.tolist() == [1.0]


def test_fit_softmax_accuracy_and_custom_loss():
    X = np.eye(3)
    model = nn.Dense(3, 3, init=lambda shape, rng: -np.eye(3))
    history = nn.fit(model, X, np.array([0, 1, 2]), loss="cross_entropy", epochs=1)
    assert history.accuracy.tolist() == [0.0]  # the diagonal logit is the smallest
    history = nn.fit(
        model, X, np.eye(3), loss=nn.softmax_cross_entropy, epochs=300, optimizer=nn.SGD(1.0)
    )
    assert history.accuracy[-1] == 1.0
    history = nn.fit(model, X, np.eye(3), loss=lambda p, t: nn.mse(p, t), epochs=2)
    assert history.accuracy is None and history.loss.shape == (2,)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"X": np.ones(3)}, "X must be a 2-d array"),
        ({"X": np.ones((0, 2)), "y": np.ones(0)}, "X must not be empty"),
        ({"y": 1.0}, "y must have 3 rows"),
        ({"seed": -1}, "seed must be a non-negative integer"),
        ({"y": np.ones(4)}, "y must have 3 rows"),
        ({"epochs": 0}, "epochs must be a positive integer"),
        ({"batch_size": -1}, "batch_size must be a positive integer"),
        ({"loss": "l1"}, "loss must be one of"),
    ],
)
def test_fit_bad_arguments(kwargs, message):
    arguments = {"X": np.ones((3, 2)), "y": np.ones(3)} | kwargs
    with pytest.raises(ValueError, match=message):
        nn.fit(nn.Dense(2, 1), arguments.pop("X"), arguments.pop("y"), **arguments)
