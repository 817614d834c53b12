"""Tests for the dropout and normalization layers of actbook.nn against independent computations."""

import itertools

import numpy as np
import pytest
from numeric import numerical_gradient

from actbook.nn import BatchNorm, Dropout, LayerNorm

EPS = 1e-5


def check_layer_gradients(layer, x, *, training):
    """Compare backward's dL/dx and dL/dparams with central differences of L = sum(y * r)."""
    rng = np.random.default_rng(123)
    weights = rng.normal(size=layer.forward(x, training=training).shape)

    def loss():
        return float(np.sum(layer.forward(x, training=training) * weights))

    loss()
    grad_x = layer.backward(weights)
    analytic = {name: layer.grads[name].copy() for name in layer.params}
    np.testing.assert_allclose(grad_x, numerical_gradient(loss, x), rtol=1e-5, atol=1e-7)
    for name, value in layer.params.items():
        numeric = numerical_gradient(loss, value)
        np.testing.assert_allclose(analytic[name], numeric, rtol=1e-5, atol=1e-7)


def with_fixed_mask(layer, mask):
    """Make ``layer`` draw ``mask`` so its training output can be enumerated."""
    layer.sample_mask = lambda shape: np.asarray(mask, dtype=float).reshape(shape)
    return layer


# ---------------------------------------------------------------- Dropout


@pytest.mark.parametrize("bad", [1.0, -0.1, 1.5])
def test_dropout_rejects_probability_outside_unit_interval(bad):
    with pytest.raises(ValueError, match=rf"drop_probability must be in \[0, 1\), got {bad}"):
        Dropout(bad)


def test_dropout_rejects_unknown_convention():
    with pytest.raises(ValueError, match="convention must be one of"):
        Dropout(0.5, convention="keras")


def test_dropout_mask_fraction_within_binomial_bounds():
    n, p = 200_000, 0.3
    y = Dropout(p, rng=7).forward(np.ones(n), training=True)
    dropped = np.count_nonzero(y == 0)
    sigma = np.sqrt(n * p * (1 - p))
    assert abs(dropped - n * p) < 5 * sigma


@pytest.mark.parametrize(
    ("convention", "train_scale", "eval_scale"),
    [("inverted", 1 / 0.6, 1.0), ("scale_at_test", 1.0, 0.6)],
)
def test_dropout_training_expectation_equals_evaluation_by_enumeration(
    convention, train_scale, eval_scale
):
    p = 0.4
    x = np.array([1.5, -2.0, 0.25])
    expectation = np.zeros_like(x)
    for bits in itertools.product([0.0, 1.0], repeat=x.size):
        probability = np.prod([1 - p if b else p for b in bits])
        layer = with_fixed_mask(Dropout(p, convention=convention), bits)
        y = layer.forward(x, training=True)
        np.testing.assert_allclose(y, x * np.array(bits) * train_scale)
        expectation += probability * y
    evaluation = Dropout(p, convention=convention).forward(x)
    np.testing.assert_allclose(evaluation, eval_scale * x)
    np.testing.assert_allclose(expectation, evaluation, rtol=1e-14)


def test_inverted_dropout_variance_is_p_over_one_minus_p_times_x_squared():
    p, x = 0.3, np.array([2.0])
    outputs = {
        bit: with_fixed_mask(Dropout(p), [bit]).forward(x, training=True)[0] for bit in (0, 1)
    }
    mean = (1 - p) * outputs[1] + p * outputs[0]
    variance = (1 - p) * (outputs[1] - mean) ** 2 + p * (outputs[0] - mean) ** 2
    assert mean == pytest.approx(2.0)
    assert variance == pytest.approx(p / (1 - p) * 4.0)


def test_dropout_backward_reuses_mask_of_last_forward():
    layer = Dropout(0.5, rng=3)
    x = np.arange(1.0, 13.0).reshape(3, 4)
    y = layer.forward(x, training=True)
    grad = np.random.default_rng(0).normal(size=x.shape)
    grad_x = layer.backward(grad)
    np.testing.assert_array_equal(grad_x == 0, y == 0)
    np.testing.assert_allclose(grad_x, grad * y / x)  # y is linear in x for a fixed mask


@pytest.mark.parametrize("convention", ["inverted", "scale_at_test"])
def test_dropout_backward_in_evaluation_is_the_constant_scale(convention):
    layer = Dropout(0.25, convention=convention)
    x = np.array([1.0, -3.0])
    y = layer.forward(x)
    np.testing.assert_allclose(layer.backward(np.ones(2)), y / x)


def test_dropout_backward_before_forward_raises():
    with pytest.raises(RuntimeError, match="call Dropout.forward before backward"):
        Dropout(0.5).backward(np.ones(2))


def test_dropout_same_seed_same_mask_and_generator_is_shared():
    x = np.ones(50)
    first = Dropout(0.5, rng=11).forward(x, training=True)
    second = Dropout(0.5, rng=11).forward(x, training=True)
    np.testing.assert_array_equal(first, second)
    rng = np.random.default_rng(11)
    expected = (np.random.default_rng(11).random(50) >= 0.5) * 2.0
    np.testing.assert_array_equal(Dropout(0.5, rng=rng).forward(x, training=True), expected)


def test_dropout_zero_probability_is_identity_in_training():
    x = np.linspace(-1, 1, 7)
    np.testing.assert_array_equal(Dropout(0.0, rng=0).forward(x, training=True), x)


def test_dropout_keeps_float32_and_converts_integers():
    layer = Dropout(0.5, rng=0)
    assert layer.forward(np.ones(4, dtype=np.float32), training=True).dtype == np.float32
    assert layer.backward(np.ones(4, dtype=np.float32)).dtype == np.float32
    np.testing.assert_array_equal(layer.forward(np.array([1, 2])), [1.0, 2.0])
    assert layer.forward(np.array([1, 2])).dtype == np.float64


def test_dropout_rejects_complex_input():
    with pytest.raises(TypeError, match="x must be an array of real numbers"):
        Dropout(0.5).forward(np.ones(2, dtype=complex))


def test_dropout_keep_probability_and_repr():
    layer = Dropout(0.2, convention="scale_at_test")
    assert layer.keep_probability == pytest.approx(0.8)
    assert layer.params == {} and layer.grads == {}
    assert repr(layer) == "Dropout(0.2, convention='scale_at_test')"


# ---------------------------------------------------------------- BatchNorm


def test_batchnorm_dense_training_output_has_zero_mean_unit_variance():
    rng = np.random.default_rng(0)
    x = rng.normal(loc=[3.0, -1.0, 10.0], scale=[2.0, 0.5, 7.0], size=(64, 3))
    y = BatchNorm(3).forward(x, training=True)
    for feature in range(3):
        column = [row[feature] for row in x]
        mean = sum(column) / len(column)
        var = sum((v - mean) ** 2 for v in column) / len(column)
        assert y[:, feature].mean() == pytest.approx(0.0, abs=1e-12)
        assert y[:, feature].var() == pytest.approx(var / (var + EPS), rel=1e-12)


def test_batchnorm_image_normalizes_each_channel_over_n_h_w():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(3, 2, 4, 5)) * np.array([1.0, 5.0])[None, :, None, None] + 2.0
    y = BatchNorm(2).forward(x, training=True)
    for channel in range(2):
        values = x[:, channel].ravel()
        expected = (values - values.mean()) / np.sqrt(values.var() + EPS)
        np.testing.assert_allclose(y[:, channel].ravel(), expected, rtol=1e-12)


def test_batchnorm_has_one_gamma_beta_pair_per_channel():
    bn = BatchNorm(4)
    assert bn.params["gamma"].shape == bn.params["beta"].shape == (4,)
    np.testing.assert_array_equal(bn.params["gamma"], np.ones(4))
    np.testing.assert_array_equal(bn.params["beta"], np.zeros(4))


def test_batchnorm_running_statistics_follow_the_momentum_formula():
    rng = np.random.default_rng(2)
    bn = BatchNorm(2, momentum=0.3)
    mean, var = np.zeros(2), np.ones(2)
    for _ in range(3):
        x = rng.normal(loc=4.0, scale=3.0, size=(5, 2))
        bn.forward(x, training=True)
        mean = 0.7 * mean + 0.3 * x.mean(axis=0)
        var = 0.7 * var + 0.3 * x.var(axis=0, ddof=1)  # unbiased, m / (m - 1)
    np.testing.assert_allclose(bn.running_mean, mean, rtol=1e-13)
    np.testing.assert_allclose(bn.running_var, var, rtol=1e-13)


def test_batchnorm_image_running_variance_uses_n_h_w_count():
    x = np.random.default_rng(3).normal(size=(2, 1, 3, 3))
    bn = BatchNorm(1, momentum=1.0)
    bn.forward(x, training=True)
    values = x.ravel()
    assert bn.running_var[0] == pytest.approx(np.sum((values - values.mean()) ** 2) / 17)


def test_batchnorm_keras_momentum_099_is_momentum_001_here():
    x = np.array([[0.0], [4.0]])
    bn = BatchNorm(1, momentum=0.01)
    bn.forward(x, training=True)
    keras_moving_mean = 0.0 * 0.99 + 2.0 * (1 - 0.99)
    assert bn.running_mean[0] == pytest.approx(keras_moving_mean)


def test_batchnorm_momentum_zero_keeps_running_statistics():
    bn = BatchNorm(2, momentum=0.0)
    bn.forward(np.array([[1.0, 2.0], [3.0, 8.0]]), training=True)
    np.testing.assert_array_equal(bn.running_mean, [0.0, 0.0])
    np.testing.assert_array_equal(bn.running_var, [1.0, 1.0])


def test_batchnorm_evaluation_uses_running_statistics():
    bn = BatchNorm(2)
    bn.running_mean = np.array([1.0, -2.0])
    bn.running_var = np.array([4.0, 0.25])
    bn.params["gamma"][:] = [2.0, 3.0]
    bn.params["beta"][:] = [0.5, -0.5]
    x = np.array([[3.0, -1.0]])  # a single sample is fine in evaluation
    expected = [2.0 * 2.0 / np.sqrt(4.0 + EPS) + 0.5, 3.0 * 1.0 / np.sqrt(0.25 + EPS) - 0.5]
    np.testing.assert_allclose(bn.forward(x)[0], expected)


def test_batchnorm_evaluation_output_does_not_depend_on_the_batch():
    rng = np.random.default_rng(4)
    bn = BatchNorm(3)
    bn.forward(rng.normal(size=(10, 3)), training=True)
    batch = rng.normal(size=(6, 3))
    alone = np.vstack([bn.forward(row[None, :]) for row in batch])
    np.testing.assert_allclose(bn.forward(batch), alone, rtol=1e-14)


def test_batchnorm_gamma_sqrt_var_beta_mean_recovers_input():
    x = np.random.default_rng(5).normal(loc=2.0, scale=3.0, size=(8, 3))
    bn = BatchNorm(3)
    bn.params["gamma"][:] = np.sqrt(x.var(axis=0) + EPS)
    bn.params["beta"][:] = x.mean(axis=0)
    np.testing.assert_allclose(bn.forward(x, training=True), x, rtol=1e-12)


@pytest.mark.parametrize("shape", [(1, 3), (1, 3, 1, 1)])
def test_batchnorm_training_needs_two_samples_per_channel(shape):
    message = (
        "x must hold at least 2 samples per feature for batch normalization in training, got 1"
    )
    with pytest.raises(ValueError, match=message):
        BatchNorm(3).forward(np.ones(shape), training=True)


def test_batchnorm_single_image_with_several_pixels_is_allowed():
    x = np.array([[[[1.0, 3.0]]]])  # N=1, C=1, H=1, W=2: two values per channel
    np.testing.assert_allclose(BatchNorm(1).forward(x, training=True).ravel(), [-1, 1], rtol=1e-5)


@pytest.mark.parametrize(("shape", "training"), [((5, 3), True), ((5, 3), False)])
def test_batchnorm_dense_gradients_match_central_differences(shape, training):
    rng = np.random.default_rng(6)
    bn = BatchNorm(3)
    bn.params["gamma"][:] = rng.normal(size=3)
    bn.params["beta"][:] = rng.normal(size=3)
    bn.running_mean, bn.running_var = rng.normal(size=3), rng.uniform(0.5, 2, size=3)
    check_layer_gradients(bn, rng.normal(size=shape), training=training)


@pytest.mark.parametrize("training", [True, False])
def test_batchnorm_image_gradients_match_central_differences(training):
    rng = np.random.default_rng(7)
    bn = BatchNorm(2)
    bn.params["gamma"][:] = rng.normal(size=2)
    bn.params["beta"][:] = rng.normal(size=2)
    check_layer_gradients(bn, rng.normal(size=(2, 2, 3, 2)), training=training)


def test_batchnorm_follows_numpy_promotion_with_its_float64_parameters():
    x = np.array([[1.0, 2.0], [3.0, 5.0], [4.0, 0.0]], dtype=np.float32)
    bn = BatchNorm(2)
    assert bn.forward(x, training=True).dtype == np.float64
    assert bn.forward(x).dtype == np.float64
    assert bn.backward(np.ones((3, 2), dtype=np.float32)).dtype == np.float64


@pytest.mark.parametrize(
    ("shape", "message"),
    [
        ((4,), "x must have 2 dimensions .* got 1"),
        ((2, 3, 4), "x must have 2 dimensions .* got 3"),
        ((4, 2), "x has 2 features on axis 1, but num_features is 3"),
        ((4, 5, 2, 2), "x has 5 features on axis 1, but num_features is 3"),
    ],
)
def test_batchnorm_rejects_bad_shapes(shape, message):
    with pytest.raises(ValueError, match=message):
        BatchNorm(3).forward(np.ones(shape))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"num_features": 0}, "num_features must be a positive integer, got 0"),
        ({"num_features": 2, "momentum": 1.5}, r"momentum must be in \[0, 1\], got 1.5"),
        ({"num_features": 2, "momentum": np.nan}, r"momentum must be in \[0, 1\], got nan"),
        ({"num_features": 2, "eps": 0.0}, "eps must be a finite number > 0, got 0.0"),
        ({"num_features": 2, "eps": np.inf}, "eps must be a finite number > 0, got inf"),
    ],
)
def test_batchnorm_rejects_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        BatchNorm(**kwargs)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"num_features": 2.0}, r"num_features must be a positive integer, got 2.0 \(float\)"),
        ({"num_features": True}, r"num_features must be a positive integer, got True \(bool\)"),
        ({"num_features": 2, "eps": "1e-5"}, "eps must be a finite number > 0"),
    ],
)
def test_batchnorm_rejects_wrong_kinds(kwargs, message):
    with pytest.raises(TypeError, match=message):
        BatchNorm(**kwargs)


def test_batchnorm_backward_before_forward_raises_and_repr():
    with pytest.raises(RuntimeError, match="call BatchNorm.forward before backward"):
        BatchNorm(2).backward(np.ones((2, 2)))
    assert repr(BatchNorm(2)) == "BatchNorm(2, momentum=0.1, eps=1e-05)"


# ---------------------------------------------------------------- LayerNorm


def test_layernorm_normalizes_each_sample_over_last_axis():
    x = np.random.default_rng(8).normal(loc=5.0, scale=4.0, size=(6, 10))
    y = LayerNorm(10).forward(x)
    for row_in, row_out in zip(x, y, strict=True):
        mean = sum(row_in) / len(row_in)
        var = sum((v - mean) ** 2 for v in row_in) / len(row_in)
        assert row_out.mean() == pytest.approx(0.0, abs=1e-12)
        assert row_out.var() == pytest.approx(var / (var + EPS), rel=1e-12)


def test_layernorm_tuple_shape_equals_flattened_layernorm():
    rng = np.random.default_rng(9)
    x = rng.normal(size=(4, 2, 3))
    gamma, beta = rng.normal(size=(2, 3)), rng.normal(size=(2, 3))
    ln, flat = LayerNorm((2, 3)), LayerNorm(6)
    ln.params["gamma"][:], ln.params["beta"][:] = gamma, beta
    flat.params["gamma"][:], flat.params["beta"][:] = gamma.ravel(), beta.ravel()
    np.testing.assert_allclose(ln.forward(x).reshape(4, 6), flat.forward(x.reshape(4, 6)))


def test_layernorm_training_flag_changes_nothing():
    x = np.random.default_rng(10).normal(size=(3, 4))
    ln = LayerNorm(4)
    np.testing.assert_array_equal(ln.forward(x, training=True), ln.forward(x))


@pytest.mark.parametrize(("shape", "normalized"), [((3, 4), 4), ((2, 3, 2), (3, 2)), ((5,), 5)])
def test_layernorm_gradients_match_central_differences(shape, normalized):
    rng = np.random.default_rng(11)
    ln = LayerNorm(normalized)
    ln.params["gamma"][:] = rng.normal(size=ln.params["gamma"].shape)
    ln.params["beta"][:] = rng.normal(size=ln.params["beta"].shape)
    check_layer_gradients(ln, rng.normal(size=shape), training=True)


@pytest.mark.parametrize(
    ("shape", "message"),
    [((3, 5), r"x must end with dimensions \(4,\)"), ((), r"got shape \(\)")],
)
def test_layernorm_rejects_mismatched_trailing_shape(shape, message):
    with pytest.raises(ValueError, match=message):
        LayerNorm(4).forward(np.ones(shape))


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        (((),), {}, r"normalized_shape must name at least one dimension, got \(\)"),
        ((0,), {}, r"normalized_shape\[0\] must be a positive integer, got 0"),
        (((3, -1),), {}, r"normalized_shape\[1\] must be a positive integer, got -1"),
        ((3,), {"eps": -1.0}, "eps must be a finite number > 0, got -1.0"),
    ],
)
def test_layernorm_rejects_bad_arguments(args, kwargs, message):
    with pytest.raises(ValueError, match=message):
        LayerNorm(*args, **kwargs)


def test_layernorm_backward_before_forward_raises_and_repr():
    with pytest.raises(RuntimeError, match="call LayerNorm.forward before backward"):
        LayerNorm(2).backward(np.ones(2))
    assert repr(LayerNorm(3)) == "LayerNorm((3,), eps=1e-05)"
