"""Claims of the chapter *Batch normalization*, checked against independent computations."""

import math
import re
from pathlib import Path

import mpmath
import numpy as np
import pytest
from scipy import integrate, stats
from scipy.special import expit
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from actbook import nn
from actbook.claims import batchnorm as bn_claims
from actbook.claims import get_claim
from actbook.experiments import batchnorm as bn_experiment
from actbook.experiments.digits import BASELINE_C, digits_split
from actbook.sources import REGISTER

CHAPTER = Path(__file__).resolve().parents[1] / "book" / "chapters" / "batch-normalization.md"


def value(claim_id: str) -> float:
    return float(get_claim(claim_id).compute())


# ------------------------------------------------------------------ parameters


def test_parameters_quoted_in_the_prose_are_the_ones_used():
    c = bn_claims
    assert value("batchnorm.depth") == c.DEPTH
    assert value("batchnorm.width") == c.WIDTH
    assert value("batchnorm.epochs") == c.EPOCHS
    assert value("batchnorm.learning_rate") == c.LEARNING_RATE
    assert value("batchnorm.momentum") == c.MOMENTUM
    assert value("batchnorm.batch_size") == c.BATCH_SIZE
    assert value("batchnorm.seed_count") == len(c.SEEDS)
    assert value("batchnorm.batch_epochs") == c.BATCH_EPOCHS
    sizes = (
        value("batchnorm.batch_size_smallest"),
        value("batchnorm.batch_size_second"),
        value("batchnorm.batch_size_largest"),
    )
    assert sizes == (c.BATCH_SIZES[0], c.BATCH_SIZES[1], c.BATCH_SIZES[-1])
    assert list(c.BATCH_SIZES) == sorted(c.BATCH_SIZES) and c.BATCH_SIZE in c.BATCH_SIZES
    run = c.digits_run("sigmoid", "batch", c.SEEDS[0])
    assert run.test_accuracy.size == c.EPOCHS
    assert run.initial_gradient_norms.size == c.DEPTH
    widths = [layer.params["W"].shape[1] for layer in run.model.layers if "W" in layer.params]
    assert widths == [c.WIDTH] * c.DEPTH + [10]
    # the documented framework defaults
    assert value("batchnorm.pytorch_momentum") == 0.1 and value("batchnorm.keras_momentum") == 0.99
    assert value("batchnorm.pytorch_eps") == 1e-5 == nn.BatchNorm(1).eps
    assert value("batchnorm.keras_eps") == 1e-3


def test_every_claim_of_the_module_is_quoted_in_the_chapter_or_the_register():
    text = CHAPTER.read_text(encoding="utf-8")
    text += " ".join(s.correction for s in REGISTER.values())
    from actbook.claims import REGISTRY

    ours = {i for i in REGISTRY if i.startswith("batchnorm.")}
    quoted = set(re.findall(r"\{claim\}`(batchnorm\.[a-z0-9_]+)`", text))
    assert quoted <= ours
    unused = ours - quoted
    assert unused <= {
        "batchnorm.cnn_parameters_per_position",
        "batchnorm.train_loss_relu_none",
        "batchnorm.train_loss_relu_batch",
        "batchnorm.train_loss_sigmoid_layer",
        "batchnorm.batch_loss_256",
        "batchnorm.shift_clean_own",
    }


def test_the_chapter_s_statements_are_judged_in_its_sections():
    text = CHAPTER.read_text(encoding="utf-8")
    ours = [s for s in REGISTER.values() if s.chapter == "batch-normalization"]
    assert len(ours) == 12
    for statement in ours:
        assert statement.verdict != "pending"
        assert f"({statement.section})=" in text
        assert f"{{source-quote}}`{statement.id}`" in text


# ------------------------------------------------------------------ the transform


def _manual_normalize(x, eps):
    mean = sum(x) / len(x)
    var = sum((v - mean) ** 2 for v in x) / len(x)
    return [(v - mean) / math.sqrt(var + eps) for v in x]


def test_standardization_against_a_plain_python_loop():
    x = bn_claims.random_batch()
    columns = [_manual_normalize(list(x[:, j]), bn_claims.PYTORCH_EPS) for j in range(x.shape[1])]
    means = [abs(math.fsum(col)) / len(col) for col in columns]
    assert value("batchnorm.standardized_mean_max") < 1e-14
    assert max(means) < 1e-14
    # standard deviation sqrt(v / (v + eps)), closed form
    var = x.var(axis=0)
    gap = np.max(1 - np.sqrt(var / (var + bn_claims.PYTORCH_EPS)))
    assert value("batchnorm.standardized_std_gap") == pytest.approx(gap, rel=1e-6)
    assert value("batchnorm.eps_std_at_var_eps") == pytest.approx(math.sqrt(0.5), rel=1e-12)


def test_identity_and_scale_invariance():
    assert value("batchnorm.identity_error") < 1e-13
    x = bn_claims.random_batch()
    layer = nn.Dense(x.shape[1], 4, seed=bn_claims.BATCH_SEED)
    z = x @ layer.params["W"] + layer.params["b"]
    a, eps = bn_claims.SCALE_FACTOR, bn_claims.PYTORCH_EPS
    mu, v = z.mean(axis=0), z.var(axis=0)
    closed = np.max(np.abs((z - mu) / np.sqrt(v + eps) - (z - mu) * a / np.sqrt(a * a * v + eps)))
    assert value("batchnorm.scale_invariance_error") == pytest.approx(closed, rel=1e-4)
    assert value("batchnorm.scale_invariance_error") < 1e-4


def test_skewness_is_unchanged_by_an_affine_map():
    x = bn_claims.skewed_sample()[:, 0]
    d = x - x.mean()
    moment = np.mean(d**3) / np.mean(d**2) ** 1.5
    assert value("batchnorm.skewness_before") == pytest.approx(moment, rel=1e-10)
    assert value("batchnorm.skewness_after") == pytest.approx(moment, rel=1e-6)
    assert 1.5 < moment < 2.5  # an exponential sample: skewness two


# ------------------------------------------------------------------ running averages


def test_momentum_conversions_and_weights():
    assert value("batchnorm.keras_equivalent") == pytest.approx(0.9)
    assert value("batchnorm.keras_default_in_pytorch") == pytest.approx(0.01)
    n = bn_claims.RUNNING_STEPS
    assert value("batchnorm.initial_weight_after_steps") == pytest.approx(
        math.exp(n * math.log(0.9))
    )
    assert value("batchnorm.initial_weight_keras") == pytest.approx(math.exp(n * math.log(0.99)))
    assert value("batchnorm.bessel_smallest") == pytest.approx(4 / 3)


def test_running_mean_is_the_closed_form_weighted_sum():
    alpha, n = bn_claims.PYTORCH_MOMENTUM, bn_claims.RUNNING_STEPS
    rng = np.random.default_rng(bn_claims.BATCH_SEED)
    means = [rng.normal(2.0, 1.0, size=(16, 1)).mean() for _ in range(n)]
    closed = math.fsum(alpha * (1 - alpha) ** (n - 1 - k) * m for k, m in enumerate(means))
    layer = nn.BatchNorm(1, momentum=alpha)
    rng = np.random.default_rng(bn_claims.BATCH_SEED)
    for _ in range(n):
        layer.forward(rng.normal(2.0, 1.0, size=(16, 1)), training=True)
    assert layer.running_mean[0] == pytest.approx(closed, abs=1e-13)
    assert bn_claims.keras_running_mean(means, 1 - alpha) == pytest.approx(closed, abs=1e-13)
    assert value("batchnorm.running_agreement") < 1e-13


# ------------------------------------------------------------------ backward


def test_backward_against_the_explicit_jacobian():
    rng = np.random.default_rng(5)
    m, eps = 7, 1e-5
    x = rng.normal(size=(m, 1)) * 2 + 1
    g = rng.normal(size=(m, 1))
    layer = nn.BatchNorm(1, eps=eps)
    layer.params["gamma"][:] = 1.7
    layer.forward(x, training=True)
    backprop = layer.backward(g)[:, 0]
    s = math.sqrt(x[:, 0].var() + eps)
    x_hat = (x[:, 0] - x[:, 0].mean()) / s
    jacobian = (np.eye(m) - 1 / m - np.outer(x_hat, x_hat) / m) / s  # d x_hat_i / d x_j
    assert backprop == pytest.approx(1.7 * jacobian.T @ g[:, 0], abs=1e-12)
    assert abs(backprop.sum()) < 1e-12
    assert value("batchnorm.backward_error") < 1e-8
    assert value("batchnorm.bias_gradient_max") < 1e-12


# ------------------------------------------------------------------ convolution


def test_convolutional_statistics_per_map():
    maps = bn_claims.cnn_batch()
    b, c, h, w = maps.shape
    count = sum(1 for _ in np.ndindex(b, h, w))
    assert value("batchnorm.cnn_values_per_map") == count
    assert value("batchnorm.cnn_parameters") == 2 * c
    assert value("batchnorm.cnn_parameters_per_position") == 2 * c * h * w
    worst = 0.0
    for channel in range(c):
        values = list(maps[:, channel].ravel())
        normalized = _manual_normalize(values, 1e-5)
        worst = max(worst, abs(math.fsum(normalized)) / len(normalized))
    assert worst < 1e-14 and value("batchnorm.cnn_mean_max") < 1e-14


# ------------------------------------------------------------------ sigmoid


def test_linear_region_with_mpmath():
    tol = mpmath.mpf(bn_claims.SIGMOID_TOLERANCE)
    root = mpmath.findroot(
        lambda z: z / 4 + mpmath.mpf(1) / 2 - 1 / (1 + mpmath.exp(-z)) - tol, 0.8
    )
    assert value("batchnorm.linear_halfwidth") == pytest.approx(float(root), rel=1e-10)
    assert value("batchnorm.linear_fraction") == pytest.approx(
        float(mpmath.erf(root / mpmath.sqrt(2))), rel=1e-10
    )
    assert value("batchnorm.linear_fraction_gamma") == pytest.approx(
        float(mpmath.erf(root / bn_claims.GAMMA_EXAMPLE / mpmath.sqrt(2))), rel=1e-10
    )
    assert value("batchnorm.tangent_gap_interval") == pytest.approx(1 - 1 / (1 + math.exp(-2)))
    assert value("batchnorm.normal_within_interval") == pytest.approx(math.erf(2 / math.sqrt(2)))


@pytest.mark.parametrize("gamma, claim_id", [(1.0, "linear_r2"), (3.0, "linear_r2_gamma")])
def test_linear_share_of_variance_with_quad(gamma, claim_id):
    pdf = stats.norm.pdf

    def expect(f):
        return integrate.quad(lambda t: f(t) * pdf(t), -30, 30, limit=200)[0]

    mean = expect(lambda t: expit(gamma * t))
    var = expect(lambda t: (expit(gamma * t) - mean) ** 2)
    cov = expect(lambda t: t * expit(gamma * t))
    assert value(f"batchnorm.{claim_id}") == pytest.approx(cov**2 / var, rel=1e-7)


# ------------------------------------------------------------------ the digits


def test_train_digits_matches_fit_on_whole_batches():
    # 1347 training digits = 3 batches of 449: no batch is dropped, so the loop of
    # train_digits and actbook.nn.fit must take the same steps.
    X, _, y, _ = (np.array(p) for p in digits_split())
    run = bn_experiment.train_digits("batch", depth=2, width=8, batch_size=449, epochs=2, seed=4)
    net = bn_experiment.build_digits_net("batch", depth=2, width=8, seed=4)
    nn.fit(
        net,
        X,
        y,
        loss="softmax_cross_entropy",
        optimizer=nn.SGD(0.1, momentum=0.9),
        epochs=2,
        batch_size=449,
        seed=4,
    )
    for ours, theirs in zip(run.model.layers, net.layers, strict=True):
        for name in ours.params:
            assert ours.params[name] == pytest.approx(theirs.params[name], abs=1e-12)


def _eval_accuracy(model, X, y):
    return float(np.mean(np.argmax(model.forward(X), axis=1) == y))


def test_digits_accuracies_recomputed_from_the_trained_models():
    _, X_test, _, y_test = (np.array(p) for p in digits_split())
    for activation, normalization in bn_claims.CONFIGURATIONS:
        key = f"{activation}_{normalization}"
        accuracies = [
            _eval_accuracy(bn_claims.digits_run(activation, normalization, s).model, X_test, y_test)
            for s in bn_claims.SEEDS
        ]
        assert value(f"batchnorm.accuracy_{key}") == pytest.approx(np.mean(accuracies))
        assert value(f"batchnorm.accuracy_std_{key}") == pytest.approx(
            stats.tstd(accuracies) if np.ptp(accuracies) > 0 else 0.0
        )
    # what the chapter says about them
    assert value("batchnorm.accuracy_sigmoid_none") < 0.15
    assert value("batchnorm.train_loss_sigmoid_none") == pytest.approx(math.log(10), abs=0.05)
    assert value("batchnorm.chance_loss") == pytest.approx(2.302585, abs=1e-6)
    assert value("batchnorm.accuracy_sigmoid_batch") > 0.9
    assert value("batchnorm.accuracy_sigmoid_layer") < value("batchnorm.accuracy_sigmoid_batch")
    assert value("batchnorm.accuracy_relu_batch") > value("batchnorm.accuracy_relu_none") - 0.02
    # "only the batch-normalized ReLU network ends above the baseline"
    baseline = value("zero_centred.linear_baseline_accuracy")
    above = {
        k
        for k in ("sigmoid_batch", "sigmoid_layer", "relu_none", "relu_batch")
        if value(f"batchnorm.accuracy_{k}") > baseline
    }
    assert above == {"relu_batch"}


def test_gradient_ratios_from_the_recorded_norms():
    for normalization in ("none", "batch", "layer"):
        norms = [
            bn_claims.digits_run("sigmoid", normalization, s).initial_gradient_norms
            for s in bn_claims.SEEDS
        ]
        geometric = math.prod(n[-1] / n[0] for n in norms) ** (1 / len(norms))
        assert value(f"batchnorm.gradient_ratio_sigmoid_{normalization}") == pytest.approx(
            geometric
        )
    assert value("batchnorm.gradient_ratio_sigmoid_none") > 50
    assert value("batchnorm.gradient_ratio_sigmoid_layer") > 5
    assert value("batchnorm.gradient_ratio_sigmoid_batch") < 3


def test_batch_size_runs_recomputed_from_the_models():
    X_train, X_test, y_train, y_test = (np.array(p) for p in digits_split())
    for normalization in bn_claims.BATCH_NORMALIZATIONS:
        for size in bn_claims.BATCH_SIZES:
            model = bn_claims.batch_run(normalization, size).model
            assert value(f"batchnorm.batch_{normalization}_{size}") == pytest.approx(
                _eval_accuracy(model, X_test, y_test)
            )
    for size in (bn_claims.BATCH_SIZES[0], bn_claims.BATCH_SIZES[-1]):
        model = bn_claims.batch_run("batch", size).model
        assert value(f"batchnorm.eval_mode_{size}") == pytest.approx(
            _eval_accuracy(model, X_train, y_train)
        )
        assert 0.0 < value(f"batchnorm.train_mode_{size}") <= 1.0
    # the chapter's reading: noisy statistics at the smallest batch
    assert value("batchnorm.train_mode_4") < value("batchnorm.eval_mode_4")
    assert value("batchnorm.batch_loss_4") > value("batchnorm.batch_loss_second")
    assert value("batchnorm.train_mode_256") > value("batchnorm.eval_mode_256")
    X_len = len(X_train)
    assert (
        value("batchnorm.steps_largest")
        == sum(1 for start in range(0, X_len, 256) if start + 256 <= X_len) * bn_claims.BATCH_EPOCHS
    )
    assert value("batchnorm.initial_weight_largest") == pytest.approx(
        math.exp(value("batchnorm.steps_largest") * math.log(0.9))
    )


# ------------------------------------------------------------------ shift and signs


def test_shifted_test_sets_with_a_scikit_learn_pipeline():
    X_train, X_test, y_train, y_test = (np.array(p) for p in digits_split())
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000)).fit(X_train, y_train)
    contrast = bn_claims.CONTRAST_SCALE * X_test + bn_claims.CONTRAST_OFFSET
    moved = np.roll(X_test.reshape(-1, 8, 8), bn_claims.TRANSLATION, axis=2)
    moved[:, :, : bn_claims.TRANSLATION] = 0.0
    assert value("batchnorm.shift_clean_train") == pytest.approx(model.score(X_test, y_test))
    assert value("batchnorm.shift_contrast_train") == pytest.approx(model.score(contrast, y_test))
    assert value("batchnorm.shift_translated_train") == pytest.approx(
        model.score(moved.reshape(len(X_test), -1), y_test)
    )
    assert value("batchnorm.shift_contrast_train") < 0.5 < value("batchnorm.shift_contrast_own")


def test_signs_of_the_second_layer_inputs():
    X = np.array(digits_split()[0])
    W = nn.Dense(64, bn_claims.WIDTH, init="xavier_uniform", seed=bn_claims.SEEDS[0]).params["W"]
    h = expit(X @ W)  # the bias starts at zero
    centred = (h - h.mean(axis=0)) / np.sqrt(h.var(axis=0) + 1e-5)
    assert value("batchnorm.positive_before") == 1.0
    assert value("batchnorm.positive_after_batch") == pytest.approx(
        np.mean(np.all(centred > 0, axis=1))
    )
    rows = (h - h.mean(axis=1, keepdims=True)) / np.sqrt(h.var(axis=1, keepdims=True) + 1e-5)
    assert value("batchnorm.positive_after_layer") == pytest.approx(
        np.mean(np.all(rows > 0, axis=1))
    )


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="normalization"):
        bn_experiment.build_digits_net("group")
    with pytest.raises(ValueError, match="batch_size"):
        bn_experiment.train_digits(batch_size=1)
    with pytest.raises(ValueError, match="placement"):
        bn_claims.all_positive_share("inside")


# ------------------------------------------------------------------ added after the review


def test_mean_age_of_the_running_average_by_a_truncated_sum():
    alpha = 0.1
    age = math.fsum(k * alpha * (1 - alpha) ** k for k in range(5000))
    assert value("batchnorm.running_mean_age") == pytest.approx(age, rel=1e-12)
    assert 9 <= value("batchnorm.running_mean_age") <= 20  # "ten to twenty steps", roughly


def test_test_set_noise_with_scipy_binom():
    y_test = np.array(digits_split()[3])
    assert value("batchnorm.test_count") == y_test.size == 450
    p = value("zero_centred.linear_baseline_accuracy")
    assert value("batchnorm.test_standard_error") == pytest.approx(
        stats.binom(y_test.size, p).std() / y_test.size
    )
    # the ReLU gain is about that noise, not many times it
    gain = value("batchnorm.accuracy_relu_batch") - value("batchnorm.accuracy_relu_none")
    assert 0 < gain < 3 * value("batchnorm.test_standard_error")


def _numpy_logits(model, X, norm_stats=None):
    """Forward pass from the parameters, written out; norm_stats: list of (mean, var)."""
    h = np.asarray(X, dtype=np.float64)
    k = 0
    for layer in model.layers:
        if isinstance(layer, nn.Dense):
            h = h @ layer.params["W"] + layer.params["b"]
        elif isinstance(layer, nn.BatchNorm):
            mean, var = norm_stats[k]
            k += 1
            h = layer.params["gamma"] * (h - mean) / np.sqrt(var + layer.eps) + layer.params["beta"]
        elif isinstance(layer, nn.LayerNorm):
            mean = h.mean(axis=1, keepdims=True)
            var = ((h - mean) ** 2).mean(axis=1, keepdims=True)
            h = layer.params["gamma"] * (h - mean) / np.sqrt(var + layer.eps) + layer.params["beta"]
        else:
            h = 1.0 / (1.0 + np.exp(-h))
    return h


def test_full_training_set_statistics_by_a_two_pass_forward():
    X_train, X_test, y_train, y_test = (np.array(p) for p in digits_split())
    model = bn_claims.batch_run("batch", bn_claims.BATCH_SIZES[-1]).model
    # pass 1: collect the statistics layer by layer with an explicit Python recursion
    norm_stats = []
    for _ in range(bn_claims.DEPTH):
        h = np.asarray(X_train, dtype=np.float64)
        k = 0
        for layer in model.layers:
            if isinstance(layer, nn.Dense):
                h = h @ layer.params["W"] + layer.params["b"]
            elif isinstance(layer, nn.BatchNorm):
                if k == len(norm_stats):
                    norm_stats.append((h.mean(axis=0), h.var(axis=0, ddof=1)))
                    break
                mean, var = norm_stats[k]
                k += 1
                h = (
                    layer.params["gamma"] * (h - mean) / np.sqrt(var + layer.eps)
                    + layer.params["beta"]
                )
            else:
                h = 1.0 / (1.0 + np.exp(-h))
    train = np.mean(np.argmax(_numpy_logits(model, X_train, norm_stats), axis=1) == y_train)
    test = np.mean(np.argmax(_numpy_logits(model, X_test, norm_stats), axis=1) == y_test)
    assert value("batchnorm.full_stats_train_256") == pytest.approx(train)
    assert value("batchnorm.full_stats_test_256") == pytest.approx(test)
    # the running averages, not the weights, made the evaluation bad; the cache is unchanged
    assert value("batchnorm.full_stats_test_256") > value("batchnorm.batch_batch_256") + 0.3
    assert value("batchnorm.eval_mode_256") == pytest.approx(
        _eval_accuracy(model, X_train, y_train)
    )


def test_layer_normalization_plateau_and_placement():
    X_test, y_test = np.array(digits_split()[1]), np.array(digits_split()[3])
    c = bn_claims
    assert value("batchnorm.layer_long_epochs") == c.LAYER_LONG_EPOCHS
    assert value("batchnorm.escape_accuracy") == c.ESCAPE_ACCURACY
    escapes, finals = [], []
    for s in c.SEEDS:
        run = c.layer_long_run(s)
        assert run.test_accuracy.size == c.LAYER_LONG_EPOCHS
        epoch = 1
        while run.test_accuracy[epoch - 1] <= c.ESCAPE_ACCURACY:
            epoch += 1
        escapes.append(epoch)
        assert run.test_accuracy[0] < 0.2  # starts on the plateau
        finals.append(np.mean(np.argmax(_numpy_logits(run.model, X_test), axis=1) == y_test))
        # the first epochs are those of the shorter run of the main comparison
        np.testing.assert_allclose(
            run.test_accuracy[: c.EPOCHS], c.digits_run("sigmoid", "layer", s).test_accuracy
        )
    assert value("batchnorm.layer_escape_first") == min(escapes) > 1
    assert value("batchnorm.layer_escape_last") == max(escapes)
    assert value("batchnorm.accuracy_layer_long") == pytest.approx(np.mean(finals))
    assert value("batchnorm.accuracy_std_layer_long") == pytest.approx(stats.tstd(finals))
    assert value("batchnorm.accuracy_layer_long") > 0.85
    # after the sigmoid: Dense -> sigmoid -> LayerNorm in every block
    after, ratios = [], []
    for s in c.SEEDS:
        run = c.layer_after_run(s)
        kinds = [type(layer).__name__ for layer in run.model.layers]
        assert kinds == ["Dense", "ActivationLayer", "LayerNorm"] * c.DEPTH + ["Dense"]
        after.append(np.mean(np.argmax(_numpy_logits(run.model, X_test), axis=1) == y_test))
        norms = run.initial_gradient_norms
        ratios.append(norms[-1] / norms[0])
    assert value("batchnorm.accuracy_layer_after") == pytest.approx(np.mean(after))
    assert value("batchnorm.accuracy_std_layer_after") == pytest.approx(stats.tstd(after))
    assert value("batchnorm.gradient_ratio_layer_after") == pytest.approx(stats.gmean(ratios))
    assert value("batchnorm.accuracy_layer_after") > value("batchnorm.accuracy_sigmoid_layer") + 0.3


def test_spreads_of_the_layer_normalized_network_by_hand():
    X = np.array(digits_split()[0])
    net = bn_experiment.build_digits_net(
        "layer", depth=bn_claims.DEPTH, width=bn_claims.WIDTH, seed=bn_claims.SEEDS[0]
    )
    weights = [
        (layer.params["W"], layer.params["b"]) for layer in net.layers if "W" in layer.params
    ]
    h, over, across = X, [], []
    for W, b in weights[:-1]:
        z = h @ W + b
        z = (z - z.mean(axis=1, keepdims=True)) / np.sqrt(z.var(axis=1, keepdims=True) + 1e-5)
        h = expit(z)
        over.append(np.mean([np.std(h[:, j]) for j in range(h.shape[1])]))
        across.append(np.mean([np.std(row) for row in h]))
    assert value("batchnorm.unit_spread_first") == pytest.approx(over[0])
    assert value("batchnorm.unit_spread_last") == pytest.approx(over[-1])
    assert value("batchnorm.across_spread_last") == pytest.approx(across[-1])
    assert np.all(np.diff(over) < 0)  # shrinks layer by layer
    assert over[-1] < across[-1] / 10


def test_contrast_change_on_raw_pixels_with_scikit_learn():
    X_train, X_test, y_train, y_test = (np.array(p) for p in digits_split())
    model = LogisticRegression(C=BASELINE_C, max_iter=5000).fit(X_train, y_train)
    contrast = bn_claims.CONTRAST_SCALE * X_test + bn_claims.CONTRAST_OFFSET
    # a refit to convergence: the same optimum up to a digit or two
    assert value("batchnorm.shift_contrast_raw") == pytest.approx(
        model.score(contrast, y_test), abs=2.5 / len(y_test)
    )
    assert (
        value("batchnorm.shift_contrast_raw") > 0.85 > 0.5 > value("batchnorm.shift_contrast_train")
    )
    import statistics

    stds = [statistics.pstdev(X_train[:, j]) for j in range(X_train.shape[1])]
    assert value("batchnorm.smallest_train_std") == pytest.approx(min(v for v in stds if v > 0))
