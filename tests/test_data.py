"""Tests of actbook.data: shapes, geometry of the noiseless sets, determinism, validation."""

import math

import numpy as np
import pytest

from actbook import data


def test_xor_truth_table():
    X, y = data.xor()
    assert X.dtype == y.dtype == np.float64
    for (a, b), target in zip(X, y, strict=True):
        assert target == float((a == 1) != (b == 1))


def test_two_moons_lie_on_unit_half_circles_without_noise():
    X, y = data.two_moons(101, noise=0.0)
    assert X.shape == (101, 2) and y.shape == (101,)
    assert np.sum(y == 0) == 51 and np.sum(y == 1) == 50
    upper, lower = X[y == 0], X[y == 1]
    assert np.allclose(np.hypot(upper[:, 0], upper[:, 1]), 1.0)
    assert np.all(upper[:, 1] >= -1e-12)
    assert np.allclose(np.hypot(lower[:, 0] - 1.0, lower[:, 1] - 0.5), 1.0)
    assert np.all(lower[:, 1] <= 0.5 + 1e-12)


def test_two_moons_noise_has_the_requested_std():
    clean, _ = data.two_moons(4000, noise=0.0)
    noisy, _ = data.two_moons(4000, noise=0.2, seed=3)
    residual = (noisy - clean).ravel()
    assert abs(residual.std() - 0.2) < 5 * 0.2 / math.sqrt(2 * residual.size)


def test_spirals_geometry_without_noise():
    X, y = data.spirals(300, classes=3, turns=2.0, noise=0.0)
    assert X.shape == (300, 2)
    assert np.array_equal(np.bincount(y.astype(int)), [100, 100, 100])
    radius = np.hypot(X[:, 0], X[:, 1])
    angle = np.arctan2(X[:, 1], X[:, 0])
    expected = 2 * np.pi * (2.0 * radius + y / 3)
    # the angle is phi modulo 2 pi
    assert np.allclose(np.cos(angle - expected), 1.0)


def test_blobs_default_centres_on_a_circle_and_std():
    X, y = data.gaussian_blobs(3000, centers=3, std=0.5, seed=1)
    for k in range(3):
        cluster = X[y == k]
        expected = 4 * np.array([np.cos(2 * np.pi * k / 3), np.sin(2 * np.pi * k / 3)])
        assert np.all(np.abs(cluster.mean(axis=0) - expected) < 5 * 0.5 / math.sqrt(1000))
        assert np.all(np.abs(cluster.std(axis=0) - 0.5) < 5 * 0.5 / math.sqrt(2000))


def test_blobs_with_given_centres_in_three_dimensions():
    centres = np.array([[0.0, 0.0, 0.0], [5.0, 5.0, 5.0]])
    X, y = data.gaussian_blobs(7, centers=centres, std=1e-6)
    assert X.shape == (7, 3)
    assert np.allclose(X, centres[y.astype(int)], atol=1e-4)


def test_regression_is_sine_plus_noise():
    X, y = data.regression(5000, noise=0.3, seed=2)
    assert X.shape == (5000, 1) and y.shape == (5000,)
    assert np.all(np.diff(X[:, 0]) >= 0)
    assert np.all(np.abs(X) <= np.pi)
    residual = y - np.sin(X[:, 0])
    assert abs(residual.std() - 0.3) < 5 * 0.3 / math.sqrt(2 * 5000)


@pytest.mark.parametrize(
    "make", [data.two_moons, data.spirals, data.gaussian_blobs, data.regression]
)
def test_same_seed_same_numbers(make):
    X1, y1 = make(50, seed=7)
    X2, y2 = make(50, seed=7)
    X3, _ = make(50, seed=8)
    assert np.array_equal(X1, X2) and np.array_equal(y1, y2)
    assert not np.array_equal(X1, X3)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: data.two_moons(1), "n must be an integer >= 2"),
        (lambda: data.two_moons(10.0), "n must be an integer"),
        (lambda: data.two_moons(10, noise=-1), "noise must be"),
        (lambda: data.spirals(10, classes=1), "classes must be an integer >= 2"),
        (lambda: data.spirals(2, classes=3), "n must be an integer >= 3"),
        (lambda: data.spirals(10, turns=0), "turns must be a positive"),
        (lambda: data.gaussian_blobs(10, centers=0), "centers must be a positive integer"),
        (lambda: data.gaussian_blobs(10, centers=np.ones(3)), "centers must be"),
        (lambda: data.gaussian_blobs(10, std=0), "std must be a positive"),
        (lambda: data.gaussian_blobs(2, centers=3), "n must be an integer >= 3"),
        (lambda: data.regression(0), "n must be an integer >= 1"),
        (lambda: data.regression(True), "n must be an integer"),
        (lambda: data.regression(5, noise=math.nan), "noise must be"),
    ],
)
def test_bad_arguments_raise(call, message):
    with pytest.raises(ValueError, match=message):
        call()
