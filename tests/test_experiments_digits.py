"""The book's digits protocol: the split and the linear baseline, checked independently."""

import numpy as np
import pytest
from scipy.optimize import minimize
from scipy.special import logsumexp

from actbook import data
from actbook.experiments import digits


def test_split_is_the_stratified_quarter_and_read_only():
    X_train, X_test, y_train, y_test = digits.digits_split()
    X, y = data.digits()
    assert len(X_test) == sum(round(0.25 * np.sum(y == k)) for k in range(10)) == 450
    assert len(X_train) + len(X_test) == len(X)
    with pytest.raises(ValueError, match="read-only"):
        X_train[0, 0] = 1.0
    assert digits.digits_split()[0] is X_train  # one copy for every chapter


def _own_logistic_regression(X, y, C):
    """Minimize mean softmax cross-entropy + |W|^2 / (2 C n) with SciPy's L-BFGS."""
    n, d = X.shape
    Y = np.eye(10)[y.astype(int)]

    def objective(theta):
        W, b = theta[: d * 10].reshape(d, 10), theta[d * 10 :]
        Z = X @ W + b
        loss = np.sum(logsumexp(Z, axis=1) - np.sum(Y * Z, axis=1)) + np.sum(W**2) / (2 * C)
        P = np.exp(Z - logsumexp(Z, axis=1, keepdims=True))
        grad_W = X.T @ (P - Y) + W / C
        return loss / n, np.concatenate([grad_W.ravel(), (P - Y).sum(axis=0)]) / n

    result = minimize(
        objective,
        np.zeros(d * 10 + 10),
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": 20_000, "gtol": 1e-10, "ftol": 1e-15},
    )
    return result.x[: d * 10].reshape(d, 10), result.x[d * 10 :]


def test_linear_baseline_against_an_own_fit_of_the_same_objective():
    X_train, X_test, y_train, y_test = digits.digits_split()
    W, b = _own_logistic_regression(X_train, y_train, digits.BASELINE_C)
    own = np.mean(np.argmax(X_test @ W + b, axis=1) == y_test)
    baseline = digits.linear_baseline()
    assert abs(baseline.test_accuracy - own) <= 1 / len(y_test)  # one digit at most
    # the same convex minimum: the fitted logits agree up to a common shift per example
    ours = X_test @ W + b
    theirs = X_test @ baseline.weights + baseline.bias
    ours -= ours.mean(axis=1, keepdims=True)
    theirs -= theirs.mean(axis=1, keepdims=True)
    assert np.max(np.abs(ours - theirs)) < 1e-2
    assert 0.95 < baseline.test_accuracy < baseline.train_accuracy <= 1.0
