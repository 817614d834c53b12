"""Claims of the chapter *The neuron model*, checked against independent computations."""

from fractions import Fraction

import mpmath
import numpy as np
import pytest
from scipy.linalg import convolution_matrix, lstsq

from actbook.claims import CHAPTER_LABELS, REGISTRY, get_claim
from actbook.claims import neuron_model as nm
from actbook.experiments.xor import xor
from actbook.sources import REGISTER


def value(claim_id: str) -> float:
    return float(get_claim(claim_id).compute())


def test_parameters_quoted_in_the_prose_are_the_ones_used():
    assert value("neuron_model.collapse_depth") == len(nm.COLLAPSE_SIZES) - 1
    assert value("neuron_model.xor_hidden") == nm.XOR_HIDDEN == 2
    assert value("neuron_model.xor_epochs") == nm.XOR_EPOCHS
    assert value("neuron_model.xor_trials") == nm.XOR_TRIALS
    assert value("neuron_model.uat_min_width") == min(nm.UAT_WIDTHS)
    assert value("neuron_model.uat_max_width") == max(nm.UAT_WIDTHS)
    assert value("neuron_model.uat_tolerance") == nm.UAT_TOLERANCE
    assert CHAPTER_LABELS["neuron_model"] == "ch-neuron-model"


def test_interactions_against_mpmath():
    # z = x1/2 - 3 x2/2 + 1/4: the double difference of an affine function is exactly 0.
    assert value("neuron_model.interaction_linear") == 0.0
    t = mpmath.tanh
    exact = t(mpmath.mpf(-0.75)) - t(mpmath.mpf(0.75)) - t(mpmath.mpf(-1.25)) + t(mpmath.mpf(0.25))
    assert value("neuron_model.interaction_tanh") == pytest.approx(float(exact), abs=1e-15)
    assert abs(float(exact)) > 0.1


def test_collapse_against_the_bordered_matrix_product():
    layers = nm.deep_linear_layers()
    # Independent: the bias as a weight on a constant input, then one matrix product.
    bordered = [
        np.block([[W, np.zeros((len(W), 1))], [b[None, :], np.ones((1, 1))]]) for W, b in layers
    ]
    product = np.linalg.multi_dot(bordered)
    W, c = nm.collapse(layers)
    np.testing.assert_allclose(W, product[:-1, :-1], atol=1e-12)
    np.testing.assert_allclose(c, product[-1, :-1], atol=1e-12)
    X = np.random.default_rng(nm.COLLAPSE_SEED + 1).standard_normal(
        (nm.COLLAPSE_SAMPLES, nm.COLLAPSE_SIZES[0])
    )
    deep = X
    for W_k, b_k in layers:
        deep = deep @ W_k + b_k
    gap = np.max(np.abs(deep - (np.column_stack([X, np.ones(len(X))]) @ product)[:, :-1]))
    claimed = value("neuron_model.collapse_max_difference")
    assert 0 < claimed < 1e-12 and gap < 1e-12


def test_collapse_rank_from_singular_values():
    W, _ = nm.collapse(nm.deep_linear_layers())
    singular = np.linalg.svd(W, compute_uv=False)
    rank = int(np.sum(singular > 1e-10 * singular[0]))
    assert value("neuron_model.collapse_rank") == rank == min(nm.COLLAPSE_SIZES)


def test_convolution_is_linear_as_a_toeplitz_matrix():
    rng = np.random.default_rng(0)
    k, x, y = rng.standard_normal(5), rng.standard_normal(100), rng.standard_normal(100)
    a, b = rng.standard_normal(2)
    C = convolution_matrix(k, 100)  # full convolution as a matrix: linear by construction
    np.testing.assert_allclose(C @ (a * x + b * y), np.convolve(a * x + b * y, k), atol=1e-12)
    assert 0 <= value("neuron_model.convolution_linearity_error") < 1e-13


def test_xor_linear_classifiers_by_a_scan_of_random_lines():
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    y = np.array([0, 1, 1, 0])
    rng = np.random.default_rng(1)
    lines = rng.standard_normal((200_000, 3))
    predictions = (X @ lines[:, :2].T + lines[:, 2] > 0).astype(int)  # (4, lines)
    labelings = {tuple(column) for column in predictions.T}
    correct = (predictions == y[:, None]).sum(axis=0)
    assert len(labelings) == value("neuron_model.xor_separable_labelings") == 14
    assert correct.max() == value("neuron_model.xor_best_linear_correct") == 3
    assert tuple(y) not in labelings and tuple(1 - y) not in labelings


def test_xor_least_squares_by_exact_normal_equations():
    A = [[Fraction(v) for v in row] for row in ([0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1])]
    y = [Fraction(v) for v in (0, 1, 1, 0)]
    AtA = mpmath.matrix(
        [[float(sum(A[r][i] * A[r][j] for r in range(4))) for j in range(3)] for i in range(3)]
    )
    Aty = mpmath.matrix([float(sum(A[r][i] * y[r] for r in range(4))) for i in range(3)])
    coefficients = mpmath.lu_solve(AtA, Aty)
    assert [float(c) for c in coefficients] == pytest.approx([0.0, 0.0, 0.5], abs=1e-30)
    assert 0 <= value("neuron_model.xor_lstsq_deviation") < 1e-14  # rounding error only


def test_xor_network_matches_the_experiment_and_solves_xor():
    result = xor(hidden=nm.XOR_HIDDEN, epochs=nm.XOR_EPOCHS, lr=nm.XOR_LR, seed=nm.XOR_SEED)
    assert result.mlp_accuracy == value("neuron_model.xor_network_accuracy") == 1.0
    error = np.max(np.abs(result.mlp_probabilities - result.y))
    assert value("neuron_model.xor_network_max_error") == pytest.approx(error, rel=1e-9)
    solved = [
        xor(hidden=nm.XOR_HIDDEN, epochs=nm.XOR_EPOCHS, lr=nm.XOR_LR, seed=s).mlp_accuracy == 1.0
        for s in range(nm.XOR_TRIALS)
    ]
    assert value("neuron_model.xor_seeds_solved") == pytest.approx(np.mean(solved))
    assert 0 < np.mean(solved) < 1  # some seeds fail: the chapter says so


def test_universal_approximation_against_scipy_least_squares():
    rng = np.random.default_rng(nm.UAT_SEED)
    a = 2.0 * rng.standard_normal(max(nm.UAT_WIDTHS))
    c = np.abs(a) * rng.uniform(-np.pi, np.pi, max(nm.UAT_WIDTHS))
    train = np.linspace(-np.pi, np.pi, nm.UAT_TRAIN_POINTS)
    test = np.linspace(-np.pi, np.pi, nm.UAT_TEST_POINTS)

    def features(width, x):
        return np.column_stack([np.tanh(x[:, None] * a[:width] + c[:width]), np.ones_like(x)])

    for width, claim_id in ((1, "uat_error_narrow"), (16, "uat_width_tolerance")):
        coefficients = lstsq(features(width, train), np.sin(train), lapack_driver="gelsy")[0]
        error = np.max(np.abs(features(width, test) @ coefficients - np.sin(test)))
        if width == 1:
            assert value(f"neuron_model.{claim_id}") == pytest.approx(error, rel=1e-6)
            assert error > 0.5  # one tanh cannot follow a full period of sin
        else:
            assert error < nm.UAT_TOLERANCE
    assert value("neuron_model.uat_width_tolerance") == 16
    assert value("neuron_model.uat_error_wide") < 1e-8
    assert value("neuron_model.uat_extrapolation_error") > 0.1


def test_register_entries_of_the_chapter_are_judged_with_existing_claims():
    statements = [s for s in REGISTER.values() if s.chapter == "neuron-model"]
    assert len(statements) == 12
    for s in statements:
        assert s.verdict != "pending"
        assert s.section.startswith("sec-neuron-model-")
        assert set(s.claims) <= set(REGISTRY)
