"""Every claim of the section *Remedies* (chapter *Vanishing and exploding gradients*),
recomputed independently: a hand-written backpropagation (from test_experiments_vanishing)
with the weights scaled afterwards, batch normalization and residual blocks written out
layer by layer, and the clipping runs redone in mpmath from the closed-form gradient."""

import functools

import mpmath
import numpy as np
import pytest
from scipy.special import expit
from test_experiments_vanishing import model_weights, reference_gradients

from actbook.claims import REGISTRY, get_claim
from actbook.experiments import remedies
from actbook.experiments import vanishing as v
from actbook.init import get_initializer, xavier_uniform
from actbook.nn import MLP, SATURATION_THRESHOLD


@functools.cache
def value(claim_id):
    return get_claim(claim_id).compute()


def test_every_claim_of_the_section_is_tested():
    tested = {name[len("test_") :] for name in globals() if name.startswith("test_")}
    section = {cid.split(".")[1] for cid in REGISTRY if cid.startswith("remedies.")}
    assert section <= tested


# ------------------------------------------------------------------ shared references


def batch(width=100, n=256, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, width))
    return X, rng.integers(0, 2, size=n).astype(float)


def xavier_mlp_weights(activation, init="xavier_uniform"):
    initializer = get_initializer("normal", std=1.0) if init == "standard_normal" else init
    return model_weights(MLP([100] * 11 + [1], activation, init=initializer, seed=0))


def sigmoid_prime(z):
    s = expit(z)
    return s * (1 - s)


# --------------------------------------------------------------------- initialization


def test_sigmoid_gain():
    with mpmath.workdps(30):
        s = 1 / (1 + mpmath.exp(0))
        assert value("remedies.sigmoid_gain") == pytest.approx(float(1 / (s * (1 - s))), rel=1e-15)
    assert get_claim("remedies.sigmoid_gain").render() == "4"


@functools.cache
def scaled_sigmoid_reference():
    Ws, bs = xavier_mlp_weights("sigmoid")
    Ws = [4.0 * W for W in Ws]  # scaled after drawing: the same draws as the experiment's
    _, dbs, zs, _ = reference_gradients(Ws, bs, *batch(), "sigmoid")
    return np.array([np.linalg.norm(db) for db in dbs[:-1]]), zs


def test_init_ratio_sigmoid_scaled():
    norms, _ = scaled_sigmoid_reference()
    assert value("remedies.init_ratio_sigmoid_scaled") == pytest.approx(
        norms[-1] / norms[0], rel=1e-9
    )
    # far better than Xavier's collapse, far from one
    assert (
        10
        < value("remedies.init_ratio_sigmoid_scaled")
        < value("vanishing.init_ratio_sigmoid") / 1000
    )


def test_init_saturated_sigmoid_scaled():
    _, zs = scaled_sigmoid_reference()
    fractions = [np.mean(sigmoid_prime(z) < SATURATION_THRESHOLD * 0.25) for z in zs]
    assert value("remedies.init_saturated_sigmoid_scaled") == pytest.approx(max(fractions))
    assert value("remedies.init_saturated_sigmoid_scaled") > value(
        "vanishing.init_saturated_sigmoid_xavier"
    )


def test_init_explode_tanh_normal():
    Ws, bs = xavier_mlp_weights("tanh", "standard_normal")
    _, dbs, _, _ = reference_gradients(Ws, bs, *batch(), "tanh")
    norms = [np.linalg.norm(db) for db in dbs[:-1]]
    assert value("remedies.init_explode_tanh_normal") == pytest.approx(
        norms[0] / norms[-1], rel=1e-9
    )
    assert value("remedies.init_explode_tanh_normal") > 100


# ---------------------------------------------------------------------- normalization


def reference_batchnorm_norms(Ws, bs, X, y, eps=1e-5):
    """Forward with batch statistics before every sigmoid; backward written per formula."""
    h, caches = X, []
    for W, b in zip(Ws[:-1], bs[:-1], strict=True):
        u = h @ W + b
        mean, var = u.mean(axis=0), u.var(axis=0)
        std = np.sqrt(var + eps)
        u_hat = (u - mean) / std
        caches.append((u_hat, std))
        h = expit(u_hat)  # gamma = 1, beta = 0
    logits = h @ Ws[-1] + bs[-1]
    grad_h = ((expit(logits[:, 0]) - y)[:, None] / X.shape[0]) @ Ws[-1].T
    norms = []
    for layer in reversed(range(len(Ws) - 1)):
        u_hat, std = caches[layer]
        s = expit(u_hat)
        grad_u_hat = grad_h * s * (1 - s)  # = dL/dbeta summed over the batch
        norms.append(np.linalg.norm(grad_u_hat.sum(axis=0)))
        n = u_hat.shape[0]
        grad_u = (n * grad_u_hat - grad_u_hat.sum(0) - u_hat * (grad_u_hat * u_hat).sum(0)) / (
            n * std
        )
        grad_h = grad_u @ Ws[layer].T
    return np.array(norms[::-1])


def test_norm_ratio_batchnorm():
    Ws, bs = xavier_mlp_weights("sigmoid")
    norms = reference_batchnorm_norms(Ws, bs, *batch())
    assert value("remedies.norm_ratio_batchnorm") == pytest.approx(norms[-1] / norms[0], rel=1e-7)
    assert value("remedies.norm_ratio_batchnorm") < value("vanishing.init_ratio_sigmoid") / 1e4


def test_the_normalized_network_is_the_chapters_network():
    assert remedies.NORM_DEPTH == value("vanishing.mlp_depth")
    assert remedies.WIDTH == value("vanishing.mlp_width")
    assert remedies.N_SAMPLES == value("vanishing.mlp_batch")
    plain = remedies.batchnorm_gradient_norms(batchnorm=False)
    assert plain.ratio == pytest.approx(value("vanishing.init_ratio_sigmoid"), rel=1e-12)


# ------------------------------------------------------------------------- clipping


def closed_form_run(max_norm, steps=remedies.RECURRENT_STEPS):
    """Gradient descent in 50-digit arithmetic with dL/dw = T w**(T-1) (w**T - y)."""
    T, y, lr = remedies.RECURRENT_LENGTH, remedies.RECURRENT_TARGET, remedies.RECURRENT_LR
    with mpmath.workdps(50):
        w = mpmath.mpf(remedies.RECURRENT_START)
        losses, weights, gradients = [], [w], []
        for _ in range(steps + 1):
            losses.append((w**T - y) ** 2 / 2)
            g = T * w ** (T - 1) * (w**T - y)
            gradients.append(g)
            if max_norm is not None and abs(g) > max_norm:
                g = g * max_norm / abs(g)
            w = w - mpmath.mpf(lr) * g
            weights.append(w)
    return losses, weights, gradients


def test_clip_length():
    assert value("remedies.clip_length") == remedies.RECURRENT_LENGTH == 30


def test_clip_start():
    assert value("remedies.clip_start") == remedies.RECURRENT_START == 1.1


def test_clip_target():
    assert value("remedies.clip_target") == remedies.RECURRENT_TARGET == 2


def test_clip_lr():
    assert value("remedies.clip_lr") == remedies.RECURRENT_LR == 4e-4
    # stable near the minimum: the curvature there is T**2 w*^(2T - 2) and eta times it is below 2
    T, y = remedies.RECURRENT_LENGTH, remedies.RECURRENT_TARGET
    curvature = T**2 * y ** ((2 * T - 2) / T)
    assert remedies.RECURRENT_LR * curvature < 2


def test_clip_norm():
    assert value("remedies.clip_norm") == remedies.CLIP_NORM == 100


def test_clip_steps():
    assert value("remedies.clip_steps") == remedies.RECURRENT_STEPS == 20


def test_clip_initial_loss():
    losses, _, _ = closed_form_run(None, steps=0)
    assert value("remedies.clip_initial_loss") == pytest.approx(float(losses[0]), rel=1e-12)


def test_clip_initial_gradient():
    _, _, gradients = closed_form_run(None, steps=0)
    assert value("remedies.clip_initial_gradient") == pytest.approx(float(gradients[0]), rel=1e-12)
    assert value("remedies.clip_initial_gradient") > value("remedies.clip_norm")


def test_clip_unclipped_w1():
    _, weights, _ = closed_form_run(None, steps=0)
    assert value("remedies.clip_unclipped_w1") == pytest.approx(float(weights[1]), rel=1e-12)
    assert value("remedies.clip_unclipped_w1") < -1  # over the edge, into the other cliff


def test_clip_unclipped_loss_1():
    losses, _, _ = closed_form_run(None, steps=1)
    assert value("remedies.clip_unclipped_loss_1") == pytest.approx(float(losses[1]), rel=1e-9)


def test_clip_unclipped_overflow():
    losses, _, _ = closed_form_run(None, steps=2)
    largest = np.finfo(np.float64).max
    first_overflow = next(i for i, loss in enumerate(losses) if loss > largest)
    assert value("remedies.clip_unclipped_overflow") == first_overflow == 2


def test_clip_clipped_steps():
    _, _, gradients = closed_form_run(remedies.CLIP_NORM)
    clipped = sum(abs(g) > remedies.CLIP_NORM for g in gradients[:-1])
    assert value("remedies.clip_clipped_steps") == clipped
    # the clipped steps are the first ones, and no later step is
    assert all(abs(g) > remedies.CLIP_NORM for g in gradients[:clipped])


def test_clip_final_loss():
    losses, _, _ = closed_form_run(remedies.CLIP_NORM)
    # float64 rounding of w near the minimum limits agreement to a few digits
    assert value("remedies.clip_final_loss") == pytest.approx(float(losses[-1]), rel=1e-3)
    assert value("remedies.clip_final_loss") < 1e-12 * value("remedies.clip_initial_loss")


# ---------------------------------------------------------------- residual connections


def reference_residual_norms(residual, depth=remedies.RESIDUAL_DEPTH, width=100, seed=0):
    """The blocks written out: x_l = [x_{l-1} +] W_l sigma(x_{l-1}) + b_l, backward by hand."""
    rng = np.random.default_rng(seed)
    draws = [xavier_uniform((width, width), rng) for _ in range(depth + 1)]
    head = xavier_uniform((width, 1), rng)
    X = rng.standard_normal((256, width))
    y = rng.integers(0, 2, size=256).astype(float)
    stem, Ws = draws[0], draws[1:]  # all biases start at zero
    xs = [X @ stem]
    for W in Ws:
        xs.append((xs[-1] if residual else 0) + expit(xs[-1]) @ W)
    logits = expit(xs[-1]) @ head
    grad_x = ((expit(logits[:, 0]) - y)[:, None] / 256) @ head.T * sigmoid_prime(xs[-1])
    norms = []
    for layer in reversed(range(depth)):
        norms.append(np.linalg.norm(grad_x.sum(axis=0)))  # dL/db of block layer + 1
        through_branch = (grad_x @ Ws[layer].T) * sigmoid_prime(xs[layer])
        grad_x = through_branch + (grad_x if residual else 0)
    return np.array(norms[::-1])


def test_residual_depth():
    assert value("remedies.residual_depth") == remedies.RESIDUAL_DEPTH == 20


def test_residual_ratio_plain():
    norms = reference_residual_norms(residual=False)
    assert value("remedies.residual_ratio_plain") == pytest.approx(norms[-1] / norms[0], rel=1e-7)


def test_residual_ratio():
    norms = reference_residual_norms(residual=True)
    assert value("remedies.residual_ratio") == pytest.approx(norms[-1] / norms[0], rel=1e-9)
    assert 0.5 < value("remedies.residual_ratio") < 2


def test_the_residual_experiment_uses_the_chapters_width_and_batch():
    assert remedies.WIDTH == value("vanishing.mlp_width")
    assert remedies.N_SAMPLES == value("vanishing.mlp_batch")
    assert v.layer_gradient_norms.__defaults__[:2] == (remedies.NORM_DEPTH, remedies.WIDTH)


def test_norm_spread_ratio():
    Ws, bs = xavier_mlp_weights("sigmoid")
    X, _ = batch()
    h, spreads = X, []
    for W, b in zip(Ws[:-1], bs[:-1], strict=True):
        z = h @ W + b
        spreads.append(np.mean(np.sqrt(np.mean((z - z.mean(axis=0)) ** 2, axis=0))))
        h = expit(z)
    assert value("remedies.norm_spread_ratio") == pytest.approx(spreads[0] / spreads[-1], rel=1e-9)
    # the forward spread and the backward gradient shrink by the same order of magnitude
    ratio = value("remedies.norm_spread_ratio") / value("vanishing.init_ratio_sigmoid")
    assert 0.1 < ratio < 10


# ------------------------------------------------- why the scaled sigmoid still loses


def test_init_saturated_sigmoid_scaled_later():
    _, zs = scaled_sigmoid_reference()
    fractions = [np.mean(sigmoid_prime(z) < SATURATION_THRESHOLD * 0.25) for z in zs]
    assert value("remedies.init_saturated_sigmoid_scaled_later") == pytest.approx(
        max(fractions[1:])
    )
    # the 13.5 % of the section is the first layer's, fed standard normal inputs
    assert value("remedies.init_saturated_sigmoid_scaled") == pytest.approx(fractions[0])
    assert value("remedies.init_saturated_sigmoid_scaled_later") < 0.05


def test_init_ratio_centred_scaled():
    Ws, bs = xavier_mlp_weights("sigmoid")
    Ws = [4.0 * W for W in Ws]
    X, y = batch()
    hs, zs = [X], []
    for W, b in zip(Ws[:-1], bs[:-1], strict=True):
        zs.append(hs[-1] @ W + b)
        hs.append(expit(zs[-1]) - 0.5)  # the centred sigmoid
    logits = hs[-1] @ Ws[-1] + bs[-1]
    grad = ((expit(logits[:, 0]) - y)[:, None] / X.shape[0]) @ Ws[-1].T
    norms = []
    for layer in reversed(range(len(zs))):
        delta = grad * sigmoid_prime(zs[layer])
        norms.append(np.linalg.norm(delta.sum(axis=0)))
        grad = delta @ Ws[layer].T
    norms = norms[::-1]
    assert value("remedies.init_ratio_centred_scaled") == pytest.approx(
        norms[-1] / norms[0], rel=1e-7
    )
    # centring removes most of what the gain of four leaves
    assert (
        value("remedies.init_ratio_centred_scaled")
        < value("remedies.init_ratio_sigmoid_scaled") / 10
    )


def test_sigmoid_offset_std():
    # Monte Carlo over many draws of the scaled Xavier law: std across units of sum_i w_ij / 2
    rng = np.random.default_rng(5)
    offsets = np.concatenate(
        [(4.0 * xavier_uniform((100, 100), rng)).sum(axis=0) / 2 for _ in range(200)]
    )
    assert value("remedies.sigmoid_offset_std") == pytest.approx(offsets.std(), rel=0.03)
    assert get_claim("remedies.sigmoid_offset_std").render() == "2"


# ------------------------------------------------------- the residual stream and branches


@functools.cache
def reference_residual_forward(width=100, seed=0):
    """The residual network's stream x_0 .. x_depth and block weights, written out."""
    rng = np.random.default_rng(seed)
    draws = [xavier_uniform((width, width), rng) for _ in range(remedies.RESIDUAL_DEPTH + 1)]
    xavier_uniform((width, 1), rng)  # the head, drawn before the batch
    X = rng.standard_normal((256, width))
    xs = [X @ draws[0]]
    for W in draws[1:]:
        xs.append(xs[-1] + expit(xs[-1]) @ W)
    return xs, draws[1:]


def test_residual_weight_norm():
    _, Ws = reference_residual_forward()
    largest = max(np.linalg.svd(W, compute_uv=False)[0] for W in Ws)
    assert value("remedies.residual_weight_norm") == pytest.approx(largest, rel=1e-9)
    # random matrix theory: about 2 sigma sqrt(n) = 2 for Xavier's variance 1/n
    assert 1.7 < value("remedies.residual_weight_norm") < 2.3


def test_residual_branch_bound():
    xs, Ws = reference_residual_forward()
    assert value("remedies.residual_branch_bound") == pytest.approx(
        value("remedies.residual_weight_norm") / 4, rel=1e-12
    )
    # the bound holds for the actual Jacobians diag(sigma'(x)) W of a few examples
    for x, W in zip(xs[::5], Ws[::5], strict=False):
        for row in x[:8]:
            jacobian = sigmoid_prime(row)[:, None] * W
            assert np.linalg.norm(jacobian, 2) <= value("remedies.residual_branch_bound") + 1e-12


def test_residual_stream_std_first():
    xs, _ = reference_residual_forward()
    assert value("remedies.residual_stream_std_first") == pytest.approx(xs[0].std(), rel=1e-9)


def test_residual_stream_std_last():
    xs, _ = reference_residual_forward()
    assert value("remedies.residual_stream_std_last") == pytest.approx(xs[-1].std(), rel=1e-9)
    assert value("remedies.residual_stream_std_last") > 2 * value(
        "remedies.residual_stream_std_first"
    )
