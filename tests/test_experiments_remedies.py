"""Gradient clipping, the Residual layer and the experiments of the section *Remedies*."""

import numpy as np
import pytest

from actbook.experiments import remedies
from actbook.nn import (
    ActivationLayer,
    Dense,
    Residual,
    Sequential,
    clip_by_norm,
    clip_by_value,
    global_norm,
    gradient_check,
)

# ------------------------------------------------------------------------- clipping


def test_global_norm_is_the_norm_of_all_entries_together():
    rng = np.random.default_rng(0)
    grads = {"W": rng.normal(size=(3, 4)), "b": rng.normal(size=4)}
    expected = np.sqrt(sum(float(np.sum(g**2)) for g in grads.values()))
    assert global_norm(grads) == pytest.approx(expected, rel=1e-14)
    assert global_norm(np.array([3e300, 4e300])) == pytest.approx(5e300)  # squares overflow
    assert global_norm(np.zeros(3)) == 0.0
    assert global_norm(np.array([1.0, np.inf])) == np.inf
    assert np.isnan(global_norm(np.array([np.nan, np.inf])))


def test_clip_by_norm_keeps_the_direction_and_caps_the_norm():
    rng = np.random.default_rng(1)
    grads = {"W": rng.normal(size=(5, 5)) * 10, "b": rng.normal(size=5)}
    clipped = clip_by_norm(grads, 1.0)
    assert global_norm(clipped) == pytest.approx(1.0)
    scale = clipped["W"][0, 0] / grads["W"][0, 0]
    for name in grads:  # one factor for every array: the direction of the whole is kept
        np.testing.assert_allclose(clipped[name], scale * grads[name], rtol=1e-13)
    assert grads["W"][0, 0] != clipped["W"][0, 0]  # the input is not modified


def test_clip_by_norm_leaves_small_gradients_alone():
    g = np.array([0.3, -0.4])
    np.testing.assert_array_equal(clip_by_norm(g, 0.5), g)
    np.testing.assert_array_equal(clip_by_norm(np.zeros(2), 1.0), np.zeros(2))


def test_clip_by_value_clips_each_entry():
    g = {"a": np.array([[5.0, -0.2], [-7.0, np.inf]])}
    np.testing.assert_array_equal(clip_by_value(g, 1.0)["a"], [[1.0, -0.2], [-1.0, 1.0]])


@pytest.mark.parametrize("clip", [clip_by_norm, clip_by_value])
def test_clipping_refuses_bad_arguments(clip):
    with pytest.raises(ValueError, match="finite number > 0"):
        clip(np.ones(2), -1.0)
    with pytest.raises(TypeError, match="grads"):
        clip(np.array(["a"]), 1.0)
    with pytest.raises(TypeError, match=r"grads\['W'\]"):
        clip({"W": None}, 1.0)
    with pytest.raises(ValueError, match="at least one array"):
        clip({}, 1.0)


def test_clip_by_norm_refuses_non_finite_gradients():
    with pytest.raises(ValueError, match="finite to be clipped"):
        clip_by_norm({"W": np.array([1.0, np.nan])}, 1.0)


# ------------------------------------------------------------------------- Residual


def test_residual_block_passes_the_gradient_check():
    rng = np.random.default_rng(2)
    block = Residual(Sequential([ActivationLayer("tanh"), Dense(3, 3, seed=0)]))
    assert gradient_check(block, rng.normal(size=(4, 3))) < 1e-7
    model = Sequential(
        [Dense(3, 3, seed=1), block, ActivationLayer("sigmoid"), Dense(3, 2, seed=2)]
    )
    assert gradient_check(model, rng.normal(size=(4, 3))) < 1e-7
    assert sorted(model.params) == ["0.W", "0.b", "1.1.W", "1.1.b", "3.W", "3.b"]


def test_residual_backward_is_identity_plus_branch():
    W = np.array([[0.5, -1.0], [2.0, 0.25]])
    block = Residual(Dense(2, 2, init=lambda shape, rng: W.copy()))
    x = np.array([[1.0, 2.0]])
    np.testing.assert_allclose(block.forward(x), x + x @ W)
    grad = np.array([[1.0, -1.0]])
    np.testing.assert_allclose(block.backward(grad), grad @ (np.eye(2) + W).T)
    np.testing.assert_allclose(block.grads["W"], x.T @ grad)
    block.backward(grad)  # a lone call sets the gradients again, it does not add
    np.testing.assert_allclose(block.grads["W"], x.T @ grad)
    block.backward(grad, accumulate=True)
    np.testing.assert_allclose(block.grads["W"], 2 * x.T @ grad)
    block.zero_grad()
    assert not block.grads["W"].any()


def test_residual_refuses_bad_branches():
    with pytest.raises(TypeError, match="inner must be an actbook.nn.Layer"):
        Residual(lambda x: x)
    with pytest.raises(ValueError, match="keep the input's shape"):
        Residual(Dense(2, 3)).forward(np.ones((1, 2)))
    with pytest.raises(RuntimeError, match="forward before backward"):
        Residual(Dense(2, 2)).backward(np.ones((1, 2)))


# ---------------------------------------------------------------------- experiments


def test_scaled_initializer_multiplies_the_draws():
    rng_a, rng_b = np.random.default_rng(3), np.random.default_rng(3)
    base = remedies.get_initializer("xavier_uniform")((4, 5), rng_a)
    np.testing.assert_array_equal(
        remedies.scaled_initializer("xavier_uniform", 2.5)((4, 5), rng_b), 2.5 * base
    )
    with pytest.raises(ValueError):
        remedies.scaled_initializer("xavier_uniform", 0.0)
    with pytest.raises(ValueError):
        remedies.scaled_initializer("nonsense", 1.0)


def test_batchnorm_gradient_norms_shapes_and_no_dense_bias_gradient():
    run = remedies.batchnorm_gradient_norms(depth=3, width=8, n_samples=16)
    assert run.bias_norms.shape == run.weight_norms.shape == run.saturated_fractions.shape == (3,)
    assert np.all(run.bias_norms > 0)


def test_residual_gradient_norms_identity_path_dominates_tiny_branches():
    def tiny(shape, rng):
        return 1e-6 * rng.standard_normal(shape)

    run = remedies.residual_gradient_norms(depth=5, width=6, init=tiny, n_samples=8)
    assert run.ratio == pytest.approx(1.0, rel=1e-4)  # I + dF/dx with dF/dx ~ 1e-6


@pytest.mark.parametrize(
    ("function", "kwargs", "error"),
    [
        (remedies.batchnorm_gradient_norms, {"depth": 0}, ValueError),
        (remedies.batchnorm_gradient_norms, {"batchnorm": "yes"}, TypeError),
        (remedies.batchnorm_gradient_norms, {"n_samples": 1}, ValueError),
        (remedies.residual_gradient_norms, {"width": 2.5}, TypeError),
        (remedies.residual_gradient_norms, {"activation": "swish"}, ValueError),
        (remedies.recurrent_descent, {"max_norm": 0.0}, ValueError),
        (remedies.recurrent_descent, {"steps": -1}, ValueError),
        (remedies.recurrent_descent, {"start": float("nan")}, ValueError),
    ],
)
def test_experiments_refuse_bad_arguments(function, kwargs, error):
    with pytest.raises(error):
        function(**kwargs)


def test_recurrent_descent_gradient_is_the_closed_form():
    run = remedies.recurrent_descent(steps=0, start=0.9, length=7, target=0.5)
    expected = 7 * 0.9**6 * (0.9**7 - 0.5)
    assert run.gradient_norms.size == 0 and run.losses[0] == pytest.approx(
        0.5 * (0.9**7 - 0.5) ** 2
    )
    run = remedies.recurrent_descent(steps=1, start=0.9, length=7, target=0.5, lr=0.1)
    assert run.gradient_norms[0] == pytest.approx(abs(expected), rel=1e-13)
    assert run.weights[1] == pytest.approx(0.9 - 0.1 * expected, rel=1e-13)
    assert run.clipped_steps == 0 and run.diverged_at is None
