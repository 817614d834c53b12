"""Claims of the chapter *Dropout*, checked against independent computations.

The expensive training runs are the cached claim computations; the checks here
recompute what they report by other means: hand-written NumPy forward and backward
passes, closed forms, big-integer arithmetic, sampling instead of enumeration, and
another solver for the linear baseline.
"""

import itertools
import math
import statistics
from fractions import Fraction
from pathlib import Path

import mpmath
import numpy as np
import pytest
from scipy.special import log_softmax, softmax

from actbook.claims import CHAPTER_LABELS, REGISTRY, get_claim
from actbook.claims import dropout as dm
from actbook.experiments.digits import digits_split
from actbook.sources import REGISTER

CHAPTER = Path(__file__).resolve().parents[1] / "book" / "chapters" / "dropout.md"


def value(name: str) -> float:
    return float(get_claim(f"dropout.{name}").compute())


def dense_params(model):
    """(W, b) of each Dense layer of a model, in order, read from its parameters."""
    return [(layer.params["W"], layer.params["b"]) for layer in model.layers if "W" in layer.params]


def manual_logits(params, X, masks=None, keep=1.0):
    """A ReLU MLP by hand; ``masks`` (one per hidden layer) applies inverted dropout."""
    h = X
    for i, (W, b) in enumerate(params[:-1]):
        h = np.maximum(h @ W + b, 0.0)
        if masks is not None:
            h = h * masks[i] / keep
    W, b = params[-1]
    return h @ W + b


# --------------------------------------------------------------------------- parameters


def test_parameters_quoted_in_the_prose_are_the_ones_used():
    assert value("hidden_width") == dm.HIDDEN_WIDTH
    assert value("epochs") == dm.EPOCHS
    assert value("batch_size") == dm.BATCH_SIZE
    assert value("lr") == dm.LR
    assert value("momentum") == dm.MOMENTUM
    assert value("n_seeds") == len(dm.SEEDS)
    assert value("eval_every") == dm.EVAL_EVERY
    assert value("main_rate") == dm.MAIN_RATE
    assert value("gap_p") == dm.GAP_P  # the tanh unit's drop probability, as in the code
    assert value("gap_p_max") == dm.GAP_P_MAX
    assert value("baseline_c") == 1.0 and value("baseline_c_low") == min(dm.BASELINE_CS)
    assert value("baseline_c_high") == max(dm.BASELINE_CS)
    assert [value(f"rate_{i}") for i in range(len(dm.RATES))] == list(dm.RATES)
    assert dm.RATES[0] == 0.0  # the first rate is the network without dropout
    assert value("subset_per_class") == dm.SUBSET_PER_CLASS
    assert value("subset_size") == 10 * dm.SUBSET_PER_CLASS
    assert value("moment_p") == dm.MOMENT_P
    assert value("moment_samples") == dm.MOMENT_SAMPLES
    assert value("gap_inputs") == dm.GAP_INPUTS
    assert value("gap_masks") == 2**dm.GAP_INPUTS
    assert value("mc_repeats") == dm.MC_REPEATS
    assert value("mc_max_k") == max(dm.MC_KS)
    assert value("n_inputs") == 64
    assert CHAPTER_LABELS["dropout"] == "ch-dropout"


def test_parameter_count_by_formula():
    w = dm.HIDDEN_WIDTH
    assert value("parameters") == (64 * w + w) + (w * w + w) + (w * 10 + 10)


def test_papers_numbers_are_attributed():
    names = ("mc_samples", "slowdown_low", "slowdown_high", "lr_factor_low", "lr_factor_high")
    names += ("momentum_low", "momentum_high")
    for name in names:
        assert "srivastava2014dropout" in REGISTRY[f"dropout.srivastava_{name}"].papers
    assert value("srivastava_slowdown_low") < value("srivastava_slowdown_high")
    assert value("srivastava_lr_factor_low") < value("srivastava_lr_factor_high")
    assert value("srivastava_momentum_low") < value("srivastava_momentum_high") < 1
    # the comparison of the chapter does not use the paper's recommended momentum
    assert dm.MOMENTUM < value("srivastava_momentum_low")


# ---------------------------------------------------------------------------- the data


def test_training_subset_is_stratified_and_drawn_from_the_training_split():
    X, y = dm.training_subset()
    X_train, X_test, y_train, _ = digits_split()
    assert np.bincount(y.astype(int)).tolist() == [dm.SUBSET_PER_CLASS] * 10
    train_rows = {row.tobytes(): label for row, label in zip(X_train, y_train, strict=True)}
    assert all(train_rows.get(row.tobytes()) == label for row, label in zip(X, y, strict=True))
    test_rows = {row.tobytes() for row in X_test}
    assert not any(row.tobytes() in test_rows for row in X)
    assert value("val_size") == len(X_test)


def test_linear_baseline_on_the_subset_with_another_solver():
    from sklearn.linear_model import LogisticRegression

    X, y = dm.training_subset()
    X_val, y_val = dm.validation_set()
    model = LogisticRegression(solver="newton-cg", max_iter=10_000, tol=1e-10).fit(X, y)
    # the same strictly convex problem: the predictions agree up to an example or so
    assert value("baseline_train_accuracy") == pytest.approx(model.score(X, y), abs=1.5 / len(y))
    assert value("baseline_val_accuracy") == pytest.approx(
        model.score(X_val, y_val), abs=1.5 / len(y_val)
    )
    proba = model.predict_proba(X_val)
    loss = -np.mean(np.log(proba[np.arange(len(y_val)), y_val.astype(int)]))
    assert value("baseline_val_loss") == pytest.approx(loss, rel=1e-3)


def test_baseline_penalty_scan_with_another_solver():
    from sklearn.linear_model import LogisticRegression

    X, y = dm.training_subset()
    X_val, y_val = dm.validation_set()
    X_train = digits_split()[0]
    assert value("penalty_ratio") == pytest.approx(len(X_train) / len(X))
    scores = {}
    for c in dm.BASELINE_CS:
        fitted = LogisticRegression(C=c, solver="newton-cg", max_iter=10_000, tol=1e-10)
        scores[c] = fitted.fit(X, y).score(X_val, y_val)
    best = max(scores.values())
    # the book's C is the best of those tried (ties within one validation digit allowed)
    assert scores[value("baseline_best_c")] >= best - 1.5 / len(y_val)
    assert scores[1.0] >= best - 1.5 / len(y_val)


# ------------------------------------------------------------------- masks and gradients


def test_mask_and_gradient_by_a_hand_written_backward_pass():
    X, y = dm.training_subset()
    X, y = X[: dm.BATCH_SIZE], y[: dm.BATCH_SIZE].astype(int)
    model = dm.build_dropout_mlp(dm._sizes(), dm.MAIN_RATE, seed=0)
    model.forward(X, training=True)  # the same seed draws the masks the claim used
    keep = 1 - dm.MAIN_RATE
    masks = [
        (np.asarray(layer._multiplier) > 0).astype(float)
        for layer in model.layers
        if type(layer).__name__ == "Dropout"
    ]
    (W1, b1), (W2, b2), (W3, b3) = dense_params(model)
    z1 = X @ W1 + b1
    h1 = np.maximum(z1, 0) * masks[0] / keep
    z2 = h1 @ W2 + b2
    h2 = np.maximum(z2, 0) * masks[1] / keep
    logits = h2 @ W3 + b3
    g = softmax(logits, axis=1)
    g[np.arange(len(y)), y] -= 1
    g /= len(y)
    d2 = (g @ W3.T) * masks[1] / keep * (z2 > 0)
    d1 = (d2 @ W2.T) * masks[0] / keep * (z1 > 0)
    dropped = masks[0] == 0
    assert value("distinct_masks") == len(np.unique(masks[0], axis=0))
    assert value("dropped_pairs") == dropped.sum()
    assert value("max_dropped_delta") == np.abs(d1[dropped]).max() == 0.0
    # per-example gradients of the incoming weights: outer(x_i, d1_i); summed over the batch
    batch_grad = np.einsum("bi,bj->ij", X, d1)
    assert value("units_without_gradient") == np.sum(np.all(batch_grad == 0, axis=0))
    assert value("units_always_dropped") == np.sum(dropped.all(axis=0)) == 0
    inactive = np.all(z1 <= 0, axis=0)
    assert value("units_always_inactive") == inactive.sum()
    silenced = [j for j in range(z1.shape[1]) if not inactive[j] and all(dropped[z1[:, j] > 0, j])]
    assert value("units_dropped_where_active") == len(silenced)
    assert value("units_always_inactive") + value("units_dropped_where_active") == value(
        "units_without_gradient"
    )
    # the number dropped is a plausible binomial draw
    n = dropped.size
    assert abs(dropped.sum() - n * dm.MAIN_RATE) < 5 * math.sqrt(n * dm.MAIN_RATE * keep)


def test_subnetwork_counts_with_big_integers():
    assert value("droppable_units") == dm.N_HIDDEN_LAYERS * dm.HIDDEN_WIDTH
    assert value("droppable_units_inputs") == value("droppable_units") + 64
    assert value("log10_subnetworks") == len(str(2 ** int(value("droppable_units"))))
    assert value("log10_subnetworks_inputs") == len(str(2 ** int(value("droppable_units_inputs"))))
    drawn = int(value("masks_drawn"))
    assert drawn == dm.EPOCHS * 10 * dm.SUBSET_PER_CLASS
    fraction = Fraction(drawn, 2 ** int(value("droppable_units")))
    k = int(value("log10_fraction_trained"))
    assert Fraction(10) ** (k - 1) <= fraction < Fraction(10) ** k


# --------------------------------------------------------------------------- moments


def test_unit_moments_against_the_closed_forms():
    p, x, n = Fraction(dm.MOMENT_P).limit_denominator(), dm.MOMENT_X, dm.MOMENT_SAMPLES
    inverted_var = float(p / (1 - p)) * x**2
    scaled_var = float(p * (1 - p)) * x**2
    assert value("inverted_var_exact") == pytest.approx(inverted_var, rel=1e-12)
    assert value("scaled_var_exact") == pytest.approx(scaled_var, rel=1e-12)
    assert abs(value("inverted_mean") - x) < 5 * math.sqrt(inverted_var / n)
    assert abs(value("scaled_mean") - float(1 - p) * x) < 5 * math.sqrt(scaled_var / n)
    # the variance of a sample variance of a two-point variable: (mu4 - sigma^4) / n
    for sample, exact, high in (
        (value("inverted_var"), inverted_var, x / float(1 - p)),
        (value("scaled_var"), scaled_var, x),
    ):
        q = float(1 - p)
        mean = q * high
        mu4 = q * (high - mean) ** 4 + (1 - q) * mean**4
        assert abs(sample - exact) < 5 * math.sqrt((mu4 - exact**2) / n)
    # same coefficient of variation relative to the test-time value (x and (1 - p) x)
    assert math.sqrt(inverted_var) / x == pytest.approx(math.sqrt(scaled_var) / (float(1 - p) * x))


def test_nonlinearity_gap_by_sampling_masks():
    x, w = dm.gap_unit()
    p = dm.GAP_P
    rng = np.random.default_rng(12345)
    n = 400_000
    masks = rng.random((n, x.size)) >= p
    z = masks @ (w * x) / (1 - p)
    outputs = np.tanh(z)
    assert abs(value("gap_mean_output") - outputs.mean()) < 5 * outputs.std() / math.sqrt(n)
    assert value("gap_output_of_mean") == pytest.approx(math.tanh(float(w @ x)), abs=1e-12)
    assert value("gap_z_mean") == pytest.approx(float(w @ x), abs=1e-12)
    # closed form of the variance: sum_i (w_i x_i)^2 p / (1 - p)
    closed_var = p / (1 - p) * float(np.sum((w * x) ** 2))
    assert value("gap_z_std") == pytest.approx(math.sqrt(closed_var), rel=1e-9)
    assert value("gap") == pytest.approx(value("gap_mean_output") - value("gap_output_of_mean"))
    mu = mpmath.mpf(float(w @ x))
    second = mpmath.diff(mpmath.tanh, mu, 2)
    assert value("gap_taylor") == pytest.approx(float(second * closed_var / 2), rel=1e-9)
    # the prose: the mean lies left of zero, where the curvature is positive; the gap is
    # positive; the second-order estimate has its sign but is too large
    assert value("gap_z_mean") < 0 < value("gap") < value("gap_taylor")
    assert value("gap_z_std") > abs(value("gap_z_mean"))


def _enumerated_mean_output(p):
    """E[tanh z] over all masks, by itertools and fractions of the probabilities."""
    x, w = dm.gap_unit()
    total, concave = 0.0, 0.0
    for mask in itertools.product((0, 1), repeat=x.size):
        kept = sum(mask)
        prob = (1 - p) ** kept * p ** (x.size - kept)
        z = sum(wi * xi for wi, xi, m in zip(w, x, mask, strict=True) if m) / (1 - p)
        total += prob * math.tanh(z)
        concave += prob if z > 0 else 0.0
    return total, concave


def test_gap_crossing_and_concave_mass_by_itertools():
    mean_at_max, _ = _enumerated_mean_output(dm.GAP_P_MAX)
    assert value("gap_mean_output_max") == pytest.approx(mean_at_max, abs=1e-9)
    assert mean_at_max > 0 > value("gap_mean_output")  # it crosses zero on the way
    crossing = value("gap_zero_crossing")
    below, _ = _enumerated_mean_output(crossing - 0.005)
    above, _ = _enumerated_mean_output(crossing + 0.005)
    assert below < 0 < above
    _, concave = _enumerated_mean_output(dm.GAP_P)
    assert value("gap_concave_mass") == pytest.approx(concave, abs=1e-9)
    assert 0.2 < concave < 0.5  # "a fair share" of the masks, but not most


def test_nonlinearity_gap_vanishes_without_dropout():
    mean_output, output_of_mean, _, var = dm.nonlinearity_gap(0.0)
    assert mean_output == pytest.approx(output_of_mean, abs=1e-15) and var == 0.0


# ------------------------------------------------------------- training on the subset


def test_curves_end_where_a_hand_written_forward_pass_puts_them():
    X, y = dm.training_subset()
    X_val, y_val = dm.validation_set()
    for rate in (dm.RATES[0], dm.MAIN_RATE):
        curves, model = dm.train_run(rate, dm.SEEDS[0])
        params = dense_params(model)
        train_logits, val_logits = manual_logits(params, X), manual_logits(params, X_val)
        rows = np.arange(len(y_val))
        last = curves[-1]
        assert last[0] == dm.EPOCHS
        assert last[2] == pytest.approx(np.mean(train_logits.argmax(1) == y))
        assert last[4] == pytest.approx(np.mean(val_logits.argmax(1) == y_val))
        val_loss = -np.mean(log_softmax(val_logits, axis=1)[rows, y_val.astype(int)])
        assert last[3] == pytest.approx(val_loss, rel=1e-9)


def test_summary_claims_from_the_curves_by_explicit_loops():
    curves = dm.all_curves()
    for i in range(len(dm.RATES)):
        best, gaps, train, loss = [], [], [], []
        for s in range(len(dm.SEEDS)):
            rows = curves[i, s]
            best.append(max(float(r[4]) for r in rows))
            gaps.append(float(rows[-1][2] - rows[-1][4]))
            train.append(float(rows[-1][2]))
            loss.append(float(rows[-1][3]))
        assert value(f"best_val_{i}") == pytest.approx(statistics.fmean(best))
        assert value(f"best_val_sd_{i}") == pytest.approx(statistics.stdev(best))
        assert value(f"gap_final_{i}") == pytest.approx(statistics.fmean(gaps))
        assert value(f"train_final_{i}") == pytest.approx(statistics.fmean(train))
        assert value(f"val_loss_final_{i}") == pytest.approx(statistics.fmean(loss))
        final_val = [float(curves[i, s][-1][4]) for s in range(len(dm.SEEDS))]
        assert value(f"val_final_{i}") == pytest.approx(statistics.fmean(final_val))
        if i:
            base = [max(float(r[4]) for r in curves[0, s]) for s in range(len(dm.SEEDS))]
            diffs = [b - a for a, b in zip(base, best, strict=True)]
            assert value(f"improvement_{i}") == pytest.approx(100 * statistics.fmean(diffs))
            assert value(f"seeds_improved_{i}") == sum(d > 0 for d in diffs)
            assert value(f"improvement_min_{i}") == pytest.approx(100 * min(diffs))
            assert value(f"improvement_max_{i}") == pytest.approx(100 * max(diffs))


def test_what_the_prose_says_about_the_training_runs():
    baseline = value("baseline_val_accuracy")
    for i in (0, 1):
        assert value(f"train_final_{i}") == 1.0  # a perfect fit of the training subset
    assert value("train_final_2") >= 0.99  # almost perfect
    # about the same accuracy as the linear baseline (within two binomial standard
    # errors), much lower log-loss
    n_val = value("val_size")
    se = math.sqrt(baseline * (1 - baseline) / n_val)
    assert value("binomial_se") == pytest.approx(
        100 * math.sqrt(value("val_final_0") * (1 - value("val_final_0")) / n_val)
    )
    assert abs(value("val_final_0") - baseline) < 2 * se
    assert value("val_loss_final_0") < 0.75 * value("baseline_val_loss")
    assert value("best_val_1") > value("best_val_0") and value("best_val_2") > value("best_val_0")
    # paired differences positive at every seed for the moderate rates
    assert value("improvement_min_1") > 0 and value("improvement_min_2") > 0
    assert value("seeds_improved_1") == value("seeds_improved_2") == len(dm.SEEDS)
    assert value("val_loss_final_1") < value("val_loss_final_0")
    assert value("val_loss_final_2") < value("val_loss_final_0")
    assert value("gap_final_2") < value("gap_final_0")  # narrowed, a little
    assert value("best_val_3") < baseline  # the largest rate underfits
    assert value("train_final_3") < 1.0
    assert value("baseline_val_accuracy") < value("baseline_train_accuracy")


# ------------------------------------------------------------------------ Monte Carlo


def test_weight_scaling_pass_by_hand_and_monte_carlo_with_our_own_masks():
    X_val, y_val = dm.validation_set()
    labels = y_val.astype(int)
    rows = np.arange(len(labels))
    _, model = dm.train_run(dm.MAIN_RATE, dm.SEEDS[0])
    params = dense_params(model)
    logits = manual_logits(params, X_val)
    assert value("ws_accuracy") == pytest.approx(np.mean(logits.argmax(1) == labels))
    ws_loss = -np.mean(log_softmax(logits, axis=1)[rows, labels])
    assert value("ws_log_loss") == pytest.approx(ws_loss, rel=1e-9)
    keep = 1 - dm.MAIN_RATE
    rng = np.random.default_rng(2024)
    widths = [W.shape[1] for W, _ in params[:-1]]
    singles, total = [], np.zeros_like(logits)
    k = max(dm.MC_KS)
    for _ in range(k):
        masks = [(rng.random((len(labels), n)) >= dm.MAIN_RATE).astype(float) for n in widths]
        probabilities = softmax(manual_logits(params, X_val, masks, keep), axis=1)
        singles.append(-np.mean(np.log(probabilities[rows, labels])))
        total += probabilities
    mc_loss = -np.mean(np.log(total[rows, labels] / k))
    # other masks, same distribution: the estimates agree within their spread
    assert value("mc1_log_loss") == pytest.approx(statistics.fmean(singles), abs=0.06)
    assert value("mc_max_log_loss") == pytest.approx(mc_loss, abs=0.02)
    # the prose: one pass is much worse; the most passes tried reach the accuracy of
    # weight scaling, but not its log-loss
    assert value("mc1_log_loss") > 1.5 * value("ws_log_loss")
    assert value("mc1_accuracy") < value("ws_accuracy")
    assert value("ws_log_loss") < value("mc_max_log_loss")
    assert value("ws_accuracy") == pytest.approx(value("mc_max_accuracy"), abs=1e-12)


# ------------------------------------------------------------------------ the register


def test_every_dropout_statement_is_judged_in_a_section_of_the_chapter():
    text = CHAPTER.read_text(encoding="utf-8")
    statements = [s for s in REGISTER.values() if s.chapter == "dropout"]
    assert len(statements) == 9
    for statement in statements:
        assert statement.verdict != "pending", statement.id
        assert f"({statement.section})=" in text, statement.id
        assert f"{{source-quote}}`{statement.id}`" in text, statement.id
        assert all(claim_id in REGISTRY for claim_id in statement.claims), statement.id


def test_test_scaling_paraphrase_holds_no_correction():
    statement = REGISTER["S3.dropout-test-scaling"]
    assert "1 - p" not in statement.claim and "1 - p" in statement.correction


def test_every_dropout_claim_appears_in_the_chapter_or_the_register():
    text = CHAPTER.read_text(encoding="utf-8")
    corrections = " ".join(s.correction for s in REGISTER.values())
    unused = [
        claim_id
        for claim_id in REGISTRY
        if claim_id.startswith("dropout.")
        and f"{{claim}}`{claim_id}`" not in text
        and f"{{claim}}`{claim_id}`" not in corrections
    ]
    assert not unused, unused
