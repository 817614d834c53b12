"""Regression tests for the bugs a review of actbook.nn found; each failed on the old code."""

import re
import warnings

import numpy as np
import pytest
from numeric import numerical_gradient

from actbook import nn
from actbook.activations import GELU, PReLU

RNG = np.random.default_rng(2026)


# ---------------------------------------------------------- 1. a shared PReLU


def test_shared_prelu_passes_the_gradient_check():
    model = nn.MLP([3, 5, 4, 2], PReLU(), seed=0)
    x = RNG.normal(size=(6, 3))
    assert nn.gradient_check(model, x) < 1e-7


def test_shared_prelu_is_one_parameter_and_sgd_moves_it_once_by_the_true_gradient():
    shared = PReLU()
    model = nn.MLP([3, 5, 4, 2], shared, seed=0)
    slope = shared.params["slope"]
    assert [name for name in model.params if name.endswith("slope")] == ["1.slope"]
    assert model.params["1.slope"] is slope and model.layers[3].params["slope"] is slope

    x, y = RNG.normal(size=(8, 3)), RNG.normal(size=(8, 2))
    gradient = float(numerical_gradient(lambda: nn.mse(model.forward(x), y)[0], slope))
    before = float(slope)
    _, grad_output = nn.mse(model.forward(x), y)
    model.backward(grad_output)
    assert float(model.grads["1.slope"]) == pytest.approx(gradient, rel=1e-6)
    nn.SGD(0.1).step(model)
    assert float(slope) - before == pytest.approx(-0.1 * gradient, rel=1e-6)


def test_a_second_backward_does_not_accumulate_into_the_first():
    model = nn.MLP([2, 3, 3, 1], PReLU(), seed=1)
    x = RNG.normal(size=(4, 2))
    model.forward(x)
    model.backward(np.ones((4, 1)))
    first = {name: g.copy() for name, g in model.grads.items()}
    model.forward(x)
    model.backward(np.ones((4, 1)))
    for name, gradient in model.grads.items():
        np.testing.assert_array_equal(gradient, first[name])


def test_accumulate_adds_the_gradients_of_two_batches():
    layer = nn.Dense(2, 1, seed=0)
    a, b = np.array([[1.0, 2.0]]), np.array([[3.0, -1.0]])
    layer.forward(a)
    layer.backward(np.ones((1, 1)))
    layer.forward(b)
    layer.backward(np.ones((1, 1)), accumulate=True)
    np.testing.assert_array_equal(layer.grads["W"], (a + b).T)


# ------------------------------------------------- 2. statistics after RReLU training


def test_layer_statistics_after_training_an_rrelu_network():
    X, y = RNG.normal(size=(30, 2)), (RNG.random(30) > 0.5).astype(float)
    model = nn.MLP([2, 4, 1], "rrelu")
    nn.fit(model, X, y, loss="bce", epochs=3)
    (stats,) = nn.layer_statistics(model)
    z = model.pre_activations[0]
    # the training forward drew slopes in [1/8, 1/3]: a unit with z < 0 has slope < 1 %
    # of the peak 1 only if it is not there at all, so nothing is saturated
    assert stats.saturated_fraction == 0.0
    assert stats.zero_fraction == float(np.mean(model.activations[0] == 0))
    assert z.shape == (30, 4)


# --------------------------------------------------------- 3. infinite logits


@pytest.mark.parametrize(
    ("logits", "target", "loss", "gradient"),
    [
        ([np.inf], [1.0], 0.0, [0.0]),
        ([-np.inf], [0.0], 0.0, [0.0]),
        ([np.inf], [0.0], np.inf, [1.0]),
        ([np.inf, 0.0], [1.0, 1.0], np.log(2) / 2, [0.0, -0.25]),
    ],
)
def test_binary_cross_entropy_is_exact_for_infinite_logits(logits, target, loss, gradient):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        value, grad = nn.binary_cross_entropy_with_logits(logits, target)
    assert value == loss
    np.testing.assert_array_equal(grad, gradient)


def test_softmax_cross_entropy_is_exact_for_infinite_logits():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert nn.softmax_cross_entropy([[np.inf, 0.0]], [0]) == (0.0, pytest.approx(0.0))
        value, grad = nn.softmax_cross_entropy([[np.inf, 0.0]], [1])
        assert value == np.inf
        np.testing.assert_array_equal(grad, [[1.0, -1.0]])
        value, grad = nn.softmax_cross_entropy([[np.inf, np.inf, 0.0]], [0])
        assert value == pytest.approx(np.log(2.0), rel=1e-15)
        np.testing.assert_array_equal(grad, [[-0.5, 0.5, 0.0]])
        value, _ = nn.softmax_cross_entropy([[-np.inf, -np.inf]], [1])
        assert value == pytest.approx(np.log(2.0), rel=1e-15)


def test_log_softmax_matches_the_definition_on_finite_logits():
    z = RNG.normal(scale=20.0, size=(7, 5))
    reference = np.array(
        [[v - np.log(sum(np.exp(row - row.max()))) - row.max() for v in row] for row in z]
    )
    np.testing.assert_allclose(nn.log_softmax(z), reference, rtol=1e-14, atol=1e-13)


# -------------------------------------------------------- 4. huge batch values


def test_batchnorm_normalizes_values_whose_square_overflows():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = nn.BatchNorm(1).forward([[1e200], [-1e200]], training=True)
        np.testing.assert_allclose(out, [[1.0], [-1.0]], rtol=1e-12)
        same = nn.BatchNorm(1).forward([[1.7e308], [1.7e308]], training=True)
        np.testing.assert_array_equal(same, [[0.0], [0.0]])


def test_layernorm_normalizes_values_whose_square_overflows():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = nn.LayerNorm(2).forward([[3e200, 5e200]])
    np.testing.assert_allclose(out, [[-1.0, 1.0]], rtol=1e-12)


# ------------------------------------------------- 5. gradients are never broadcast


@pytest.mark.parametrize(
    ("layer", "x", "grad"),
    [
        (nn.Dense(2, 3), np.ones((4, 2)), np.ones((2, 2, 3))),
        (nn.Dense(2, 3), np.ones((4, 2)), np.ones((1, 3))),
        (nn.ActivationLayer("tanh"), np.ones((4, 3)), np.ones((1, 3))),
        (nn.Dropout(0.5), np.ones((4, 3)), np.ones((1, 3))),
        (nn.BatchNorm(3), np.ones((4, 3)), np.ones((1, 3))),
        (nn.LayerNorm(3), np.ones((4, 3)), np.ones((1, 3))),
        (nn.MLP([3, 2, 3]), np.ones((4, 3)), np.ones(3)),
    ],
    ids=["dense-extra-axis", "dense", "activation", "dropout", "batchnorm", "layernorm", "mlp"],
)
def test_backward_refuses_a_gradient_of_another_shape(layer, x, grad):
    out = layer.forward(x, training=True)
    message = f"grad_output must have shape {out.shape} like the output of the last forward, got {grad.shape}"
    with pytest.raises(ValueError, match=re.escape(message)):
        layer.backward(grad)


def test_sgd_refuses_a_gradient_of_another_shape_and_changes_nothing():
    params = {"W": np.ones((2, 3)), "b": np.zeros(3)}
    with pytest.raises(ValueError, match=r"grads\['W'\] must have shape \(2, 3\) .* got \(3,\)"):
        nn.SGD(0.1).step(params, {"W": np.ones(3), "b": np.ones(3)})
    np.testing.assert_array_equal(params["W"], np.ones((2, 3)))
    np.testing.assert_array_equal(params["b"], np.zeros(3))


# ----------------------------------------------------------------- fit and on_step


def test_fit_refuses_a_non_optimizer_before_any_work():
    model = nn.MLP([2, 3, 1])
    with pytest.raises(TypeError, match="optimizer must be an SGD"):
        nn.fit(model, np.ones((3, 2)), np.ones(3), optimizer="sgd")
    assert model.input is None  # no forward pass ran


def test_on_step_sees_each_batch_gradient_before_the_update():
    X, y = RNG.normal(size=(12, 2)), RNG.normal(size=12)
    seen = []
    model = nn.MLP([2, 3, 1], "tanh", seed=4)
    nn.fit(
        model,
        X,
        y,
        optimizer=nn.SGD(0.05),
        epochs=2,
        batch_size=5,
        seed=3,
        on_step=lambda m, step: seen.append((step, m.params["0.W"].copy(), m.grads["0.W"].copy())),
    )
    # the same training by hand
    twin = nn.MLP([2, 3, 1], "tanh", seed=4)
    rng, step = np.random.default_rng(3), 0
    for _ in range(2):
        order = rng.permutation(12)
        for start in range(0, 12, 5):
            batch = order[start : start + 5]
            _, grad = nn.mse(twin.forward(X[batch], training=True), y[batch])
            twin.backward(grad)
            assert seen[step][0] == step
            np.testing.assert_array_equal(seen[step][1], twin.params["0.W"])
            np.testing.assert_array_equal(seen[step][2], twin.grads["0.W"])
            twin.params["0.W"] -= 0.05 * twin.grads["0.W"]
            for name in ("0.b", "2.W", "2.b"):
                twin.params[name] -= 0.05 * twin.grads[name]
            step += 1
    assert len(seen) == 6


def test_on_step_must_be_callable():
    with pytest.raises(TypeError, match="on_step must be callable"):
        nn.fit(nn.Dense(1, 1), np.ones((2, 1)), np.ones(2), on_step=3)


# ------------------------------------------ the derivative is computed where needed


def test_activation_layer_forward_does_not_compute_the_derivative(monkeypatch):
    calls = []
    original = GELU._derivative
    monkeypatch.setattr(GELU, "_derivative", lambda self, x: calls.append(1) or original(self, x))
    layer = nn.ActivationLayer("gelu")
    layer.forward(np.ones((3, 2)), training=True)
    assert calls == []
    layer.backward(np.ones((3, 2)))
    assert calls == [1]


def test_rrelu_layer_backward_uses_the_slopes_of_its_own_forward():
    layer = nn.ActivationLayer("rrelu", seed=5)
    x = -np.ones((2, 3))
    y = layer.forward(x, training=True)
    layer.activation(np.ones((4, 4)), training=True)  # the activation draws again
    np.testing.assert_array_equal(layer.backward(np.ones((2, 3))), -y)


def test_float32_input_keeps_its_dtype_where_no_float64_parameter_meets_it():
    x = np.ones((2, 3), dtype=np.float32)
    assert nn.ActivationLayer("relu").forward(x).dtype == np.float32
    assert nn.Dropout(0.5).forward(x, training=True).dtype == np.float32
    # float64 weights promote: the one dtype rule plus NumPy's promotion
    assert nn.Dense(3, 2).forward(x).dtype == np.float64


# ------------------------------------------------- findings of the package review


def test_a_weight_tied_between_two_dense_layers_gets_the_sum_of_both_gradients():
    first, second = nn.Dense(3, 3, seed=1), nn.Dense(3, 3, seed=2)
    second.params["W"] = first.params["W"]
    model = nn.Sequential([first, nn.ActivationLayer("tanh"), second])
    x, y = RNG.normal(size=(5, 3)), RNG.normal(size=(5, 3))
    model.forward(x)
    model.backward(nn.mse(model.forward(x), y)[1])
    assert [key for key in model.params if key.endswith("W")] == ["0.W"]
    numeric = numerical_gradient(lambda: nn.mse(model.forward(x), y)[0], first.params["W"])
    np.testing.assert_allclose(model.grads["0.W"], numeric, rtol=1e-6, atol=1e-9)


def test_the_same_layer_twice_is_refused():
    dense = nn.Dense(3, 3)
    with pytest.raises(
        ValueError, match=r"layers must not hold the same layer twice \(positions 0 and 2\)"
    ):
        nn.Sequential([dense, nn.ActivationLayer("tanh"), dense])


def test_a_failed_backward_leaves_the_gradients_alone():
    model = nn.MLP([2, 3, 1], seed=0)
    model.forward(np.ones((4, 2)))
    model.backward(np.ones((4, 1)))
    before = {key: g.copy() for key, g in model.grads.items()}
    with pytest.raises(ValueError, match="grad_output must have shape"):
        model.backward(np.ones((4, 2)))
    for key, gradient in model.grads.items():
        np.testing.assert_array_equal(gradient, before[key])


@pytest.mark.parametrize("scale", [1e-150, 1e-160, 1e-300, 5e-324])
def test_batchnorm_of_tiny_values_keeps_its_gradient(scale):
    x = np.array([[1.0], [2.0], [4.0]]) * scale
    g = np.array([[1.0], [0.0], [-3.0]])
    bn = nn.BatchNorm(1)
    out = bn.forward(x, training=True)
    dx = bn.backward(g)
    # eps dominates the variance: x_hat = (x - mean) / sqrt(eps), dx = (g - mean(g)) / sqrt(eps)
    centered = x - x.mean()
    np.testing.assert_allclose(out, centered / np.sqrt(1e-5), rtol=1e-6, atol=1e-320)
    np.testing.assert_allclose(dx, (g - g.mean()) / np.sqrt(1e-5), rtol=1e-6)


def test_soft_labels_that_do_not_sum_to_one_get_the_true_gradient():
    z = np.array([[0.3, -1.2, 2.0]])
    target = np.array([[0.5, 0.2, 0.0]])
    _, gradient = nn.softmax_cross_entropy(z, target)
    numeric = numerical_gradient(lambda: nn.softmax_cross_entropy(z, target)[0], z)
    np.testing.assert_allclose(gradient, numeric, rtol=1e-6)


def test_layer_statistics_with_one_rrelu_shared_by_layers_of_two_widths():
    from actbook.activations import RReLU

    X, y = RNG.normal(size=(20, 2)), (RNG.random(20) > 0.5).astype(float)
    model = nn.MLP([2, 4, 3, 1], RReLU())
    nn.fit(model, X, y, loss="bce", epochs=2)
    first, second = nn.layer_statistics(model)
    for stats, index in zip((first, second), model.hidden_indices(), strict=True):
        layer = model.layers[index]
        assert stats.saturated_fraction == 0.0
        assert layer.input_derivative().shape == model._layer_input(index).shape


def test_mse_at_the_edge_of_the_float_range_is_inf_without_a_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert nn.mse([[1e308]], [-1e308])[0] == np.inf
        assert np.isnan(nn.mse([[np.inf]], [np.inf])[0])


def test_layers_with_no_seed_are_deterministic():
    x = np.ones((3, 50))
    np.testing.assert_array_equal(
        nn.Dropout(0.5).forward(x, training=True), nn.Dropout(0.5).forward(x, training=True)
    )
    a, b = nn.ActivationLayer("rrelu"), nn.ActivationLayer("rrelu")
    np.testing.assert_array_equal(a.forward(-x, training=True), b.forward(-x, training=True))


def test_activation_layer_uses_the_rrelu_generator_unless_given_one():
    from actbook.activations import RReLU

    x = -np.ones(20)
    one = nn.ActivationLayer(RReLU(rng=1)).forward(x, training=True)
    two = nn.ActivationLayer(RReLU(rng=2)).forward(x, training=True)
    assert not np.array_equal(one, two)
    np.testing.assert_array_equal(one, RReLU(rng=1)(x, training=True))


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_one_dtype_rule_numpy_promotion(dtype):
    x = np.ones((4, 3), dtype=dtype)
    with_parameters = np.result_type(dtype, np.float64)
    assert nn.Dense(3, 2).forward(x).dtype == with_parameters
    assert nn.BatchNorm(3).forward(x, training=True).dtype == with_parameters
    assert nn.LayerNorm(3).forward(x).dtype == with_parameters
    assert nn.ActivationLayer("tanh").forward(x).dtype == dtype
    assert nn.Dropout(0.5).forward(x, training=True).dtype == dtype
    assert nn.mse(x, x)[1].dtype == dtype


def test_a_layer_that_overrides_forward_or_backward_is_refused_at_once():
    with pytest.raises(TypeError, match="overrides backward: a Layer implements _backward"):

        class OldStyle(nn.Layer):
            def backward(self, grad_output):
                return grad_output

    with pytest.raises(TypeError, match="overrides forward: a Layer implements _forward"):

        class OldForward(nn.Layer):
            def forward(self, x, *, training=False):
                return x


def test_sgd_refuses_one_array_under_two_names():
    a = np.array([1.0])
    with pytest.raises(ValueError, match="params must list each array once"):
        nn.SGD(0.1, momentum=0.5).step({"x": a, "y": a}, {"x": np.ones(1), "y": np.ones(1)})
    assert a[0] == 1.0


def test_fit_refuses_a_last_batch_of_one_sample_with_batch_normalization():
    model = nn.Sequential([nn.Dense(2, 3), nn.BatchNorm(3), nn.Dense(3, 1)])
    before = model.params["0.W"].copy()
    with pytest.raises(ValueError, match="batch_size must leave at least 2 samples .* leave 1"):
        nn.fit(model, RNG.normal(size=(21, 2)), RNG.normal(size=21), batch_size=10)
    np.testing.assert_array_equal(model.params["0.W"], before)


# ------------------------------------------ findings of the second review


def test_the_same_layer_twice_through_a_nested_sequential_is_refused():
    dense = nn.Dense(3, 3)
    with pytest.raises(ValueError, match=r"positions 0 and 1.0\)"):
        nn.Sequential([dense, nn.Sequential([dense])])
    act = nn.ActivationLayer("tanh")
    with pytest.raises(ValueError, match=r"positions 1 and 2.1\)"):
        nn.Sequential([nn.Dense(3, 3), act, nn.Sequential([nn.Dense(3, 3), act])])


def test_weights_tied_through_a_view_are_refused():
    encoder, decoder = nn.Dense(3, 2), nn.Dense(2, 3)
    decoder.params["W"] = encoder.params["W"].T
    model = nn.Sequential([encoder, nn.ActivationLayer("tanh"), decoder])
    with pytest.raises(ValueError, match="overlap in memory without being the same array"):
        model.params  # noqa: B018


def test_a_tied_gradient_is_one_array_that_on_step_can_change_in_place():
    first, second = nn.Dense(2, 2, seed=1), nn.Dense(2, 2, seed=2)
    second.params["W"] = first.params["W"]
    model = nn.Sequential([first, nn.ActivationLayer("tanh"), second])
    X, y = RNG.normal(size=(6, 2)), RNG.normal(size=(6, 2))
    before = first.params["W"].copy()

    def freeze_everything(m, step):
        assert m.grads["0.W"] is m.grads["0.W"]
        for gradient in m.grads.values():
            gradient[...] = 0.0

    nn.fit(model, X, y, epochs=2, on_step=freeze_everything)
    np.testing.assert_array_equal(first.params["W"], before)


def test_tied_weights_nested_across_sequentials_get_the_summed_gradient():
    first, second = nn.Dense(3, 3, seed=1), nn.Dense(3, 3, seed=2)
    second.params["W"] = first.params["W"]
    model = nn.Sequential(
        [nn.Sequential([first, nn.ActivationLayer("tanh")]), nn.Sequential([second])]
    )
    x, y = RNG.normal(size=(4, 3)), RNG.normal(size=(4, 3))
    model.backward(nn.mse(model.forward(x), y)[1])
    numeric = numerical_gradient(lambda: nn.mse(model.forward(x), y)[0], first.params["W"])
    np.testing.assert_allclose(model.grads["0.0.W"], numeric, rtol=1e-6, atol=1e-9)


def test_fit_finds_a_batchnorm_inside_a_nested_sequential():
    inner = nn.Sequential([nn.Dense(2, 2), nn.BatchNorm(2)])
    model = nn.Sequential([inner, nn.Dense(2, 1)])
    with pytest.raises(ValueError, match="batch_size must leave at least 2 samples"):
        nn.fit(model, RNG.normal(size=(5, 2)), RNG.normal(size=5), batch_size=2)


def test_layernorm_with_a_large_eps_keeps_the_gradient_of_tiny_values():
    x = np.array([[1e-160, 0.0, -1e-160]])
    ln = nn.LayerNorm(3, eps=1e8)
    out = ln.forward(x)
    g = np.array([[1.0, -2.0, 0.5]])
    dx = ln.backward(g)
    # eps dominates: x_hat = (x - mean) / sqrt(eps), dL/dx = (g - mean(g)) / sqrt(eps)
    np.testing.assert_allclose(out, (x - x.mean()) / 1e4, rtol=1e-6)
    np.testing.assert_allclose(dx, (g - g.mean()) / 1e4, rtol=1e-6)


@pytest.mark.parametrize(
    "call",
    [
        lambda: nn.binary_cross_entropy_with_logits([1e308, 1e308], [0.0, 0.0]),
        lambda: nn.softmax_cross_entropy([[1e308, 0.0], [1e308, 0.0]], [1, 1]),
        lambda: nn.gradient_check(nn.Dense(2, 1), np.full((2, 2), 1e307), [0.0, 1.0], loss="bce"),
        lambda: nn.fit(nn.Dense(2, 1), np.ones((3, 2)), [1.0, 2.0, 3.0], optimizer=nn.SGD(1e300)),
    ],
    ids=["bce", "softmax", "gradient_check", "sgd"],
)
def test_no_warning_at_the_edge_of_the_float_range(call):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        call()


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_losses_follow_numpy_promotion(dtype):
    z = np.array([[0.5, -1.0], [2.0, 0.0]], dtype=dtype)
    one_hot = np.array([[1.0, 0.0], [0.0, 1.0]], dtype=dtype)
    assert nn.log_softmax(z).dtype == dtype
    assert nn.softmax_cross_entropy(z, one_hot)[1].dtype == dtype
    assert nn.binary_cross_entropy_with_logits(z, one_hot)[1].dtype == dtype
    # integer labels become float64 (the array rule), and promote the gradient
    assert nn.softmax_cross_entropy(z, [0, 1])[1].dtype == np.float64


def test_an_rrelu_instance_in_an_mlp_draws_from_its_own_generator():
    from actbook.activations import RReLU

    x = -np.ones((4, 3))
    five = nn.MLP([3, 4, 2], RReLU(rng=5), seed=0).forward(x, training=True)
    six = nn.MLP([3, 4, 2], RReLU(rng=6), seed=0).forward(x, training=True)
    assert not np.array_equal(five, six)


def test_layernorm_accepts_a_0d_integer_array():
    assert nn.LayerNorm(np.array(3)).normalized_shape == (3,)
    with pytest.raises(TypeError, match="normalized_shape"):
        nn.LayerNorm(np.array(3.0))
