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


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: data.two_moons(1), "n must be an integer >= 2, got 1"),
        (lambda: data.two_moons(-5), "n must be an integer >= 2"),
        (lambda: data.two_moons(10, noise=-1), "noise must be a finite number >= 0, got -1"),
        (lambda: data.two_moons(10, noise=math.nan), "noise must be a finite number >= 0"),
        (lambda: data.two_moons(10, noise=math.inf), "noise must be a finite number >= 0"),
        (lambda: data.two_moons(10, seed=-1), "seed must be a non-negative integer"),
        (lambda: data.spirals(10, classes=1), "classes must be an integer >= 2"),
        (lambda: data.spirals(2, classes=3), "n must be an integer >= 3"),
        (lambda: data.spirals(10, turns=0), r"turns must be in \(0, 1e\+15\]"),
        (lambda: data.spirals(10, turns=-1.0), "turns must be in"),
        (lambda: data.spirals(10, turns=math.inf), "turns must be in"),
        (lambda: data.spirals(10, turns=math.nan), "turns must be in"),
        (lambda: data.spirals(10, turns=1e300), "turns must be in"),  # no overflow warning
        (lambda: data.spirals(10, noise=-0.1), "noise must be a finite number >= 0"),
        (lambda: data.spirals(10, seed=-3), "seed must be a non-negative integer"),
        (lambda: data.gaussian_blobs(10, centers=0), "centers must be a positive integer"),
        (lambda: data.gaussian_blobs(10, centers=-2), "centers must be a positive integer"),
        (lambda: data.gaussian_blobs(10, centers=np.ones(3)), "centers must be a 2-d array"),
        (lambda: data.gaussian_blobs(10, centers=np.ones((0, 2))), "centers must not be empty"),
        (lambda: data.gaussian_blobs(10, centers=np.ones((2, 0))), "centers must not be empty"),
        (
            lambda: data.gaussian_blobs(10, centers=[[0.0, math.nan]]),
            "centers must contain only finite numbers",
        ),
        (
            lambda: data.gaussian_blobs(10, centers=[[0.0, math.inf]]),
            "centers must contain only finite numbers",
        ),
        (lambda: data.gaussian_blobs(10, centers=[[0.0, 1.0], [2.0]]), "centers must be a rect"),
        (lambda: data.gaussian_blobs(10, std=0), "std must be a finite number > 0"),
        (lambda: data.gaussian_blobs(10, std=math.inf), "std must be a finite number > 0"),
        (lambda: data.gaussian_blobs(10, std=math.nan), "std must be a finite number > 0"),
        (lambda: data.gaussian_blobs(2, centers=3), "n must be an integer >= 3"),
        (lambda: data.gaussian_blobs(10, seed=-1), "seed must be a non-negative integer"),
        (lambda: data.regression(0), "n must be an integer >= 1"),
        (lambda: data.regression(5, noise=math.nan), "noise must be a finite number >= 0"),
        (lambda: data.regression(5, seed=-1), "seed must be a non-negative integer"),
        # finite but so large that the points overflow float64: refused, not inf
        (lambda: data.two_moons(100, noise=1e308), "noise is too large"),
        (lambda: data.spirals(100, noise=1e308), "noise is too large"),
        (lambda: data.gaussian_blobs(100, std=1e308), "std is too large"),
        (lambda: data.regression(100, noise=1e308), "noise is too large"),
    ],
)
def test_bad_values_raise_value_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: data.two_moons(10.0), "n must be an integer >= 2, got 10.0"),
        (lambda: data.two_moons("10"), "n must be an integer"),
        (lambda: data.two_moons(None), "n must be an integer"),
        (lambda: data.regression(True), "n must be an integer >= 1, got True"),
        (lambda: data.two_moons(10, noise=None), "noise must be a finite number >= 0"),
        (lambda: data.two_moons(10, noise="0.1"), "noise must be a finite number >= 0"),
        (lambda: data.regression(10, noise=True), "noise must be a finite number >= 0"),
        (lambda: data.two_moons(10, seed=1.5), "seed must be a non-negative integer"),
        (lambda: data.two_moons(10, seed=None), "seed must be a non-negative integer"),
        (lambda: data.two_moons(10, seed="0"), "seed must be a non-negative integer"),
        (lambda: data.spirals(10, classes=2.0), "classes must be an integer >= 2, got 2.0"),
        (lambda: data.spirals(10, classes=None), "classes must be an integer"),
        (lambda: data.spirals(10, classes=True), "classes must be an integer"),
        (lambda: data.spirals(10.5), "n must be an integer"),
        (lambda: data.spirals(10, turns=None), "turns must be a real number"),
        (lambda: data.spirals(10, turns="1"), "turns must be a real number"),
        (lambda: data.spirals(10, noise=None), "noise must be a finite number >= 0"),
        (lambda: data.spirals(10, seed=np.float64(1)), "seed must be a non-negative integer"),
        (lambda: data.gaussian_blobs(10, centers=2.5), "centers must be a positive integer or"),
        (lambda: data.gaussian_blobs(10, centers=None), "centers must be a positive integer or"),
        (lambda: data.gaussian_blobs(10, centers=True), "centers must be a positive integer or"),
        (lambda: data.gaussian_blobs(10, centers="ab"), "centers must be a positive integer or"),
        (lambda: data.gaussian_blobs(10, centers=[["a", "b"]]), "centers must be an array of"),
        (lambda: data.gaussian_blobs(10, centers=[[1j, 0]]), "centers must be an array of"),
        (lambda: data.gaussian_blobs(10, std=None), "std must be a finite number > 0"),
        (lambda: data.gaussian_blobs(10, std="1"), "std must be a finite number > 0"),
        (lambda: data.gaussian_blobs(10.0), "n must be an integer"),
        (lambda: data.gaussian_blobs(10, seed=None), "seed must be a non-negative integer"),
        (lambda: data.regression(5.0), "n must be an integer"),
        (lambda: data.regression(5, noise=None), "noise must be a finite number >= 0"),
        (lambda: data.regression(5, seed=2.0), "seed must be a non-negative integer"),
    ],
)
def test_bad_kinds_raise_type_error(call, message):
    with pytest.raises(TypeError, match=message):
        call()


@pytest.mark.parametrize(
    ("make", "python", "numpy"),
    [
        (data.two_moons, {"n": 11}, {"n": np.int64(11)}),
        (data.two_moons, {"noise": 0.25}, {"noise": np.float32(0.25)}),
        (data.two_moons, {"noise": 0}, {"noise": np.float64(0.0)}),
        (data.two_moons, {"seed": 3}, {"seed": np.uint8(3)}),
        (data.spirals, {"n": 30, "classes": 3}, {"n": np.int32(30), "classes": np.int64(3)}),
        (data.spirals, {"turns": 1.5}, {"turns": np.float64(1.5)}),
        (data.spirals, {"turns": 2}, {"turns": np.int64(2)}),
        (data.gaussian_blobs, {"centers": 4}, {"centers": np.int64(4)}),
        (
            data.gaussian_blobs,
            {"std": 0.5, "seed": 9},
            {"std": np.float32(0.5), "seed": np.int16(9)},
        ),
        (data.regression, {"n": 20}, {"n": np.uint16(20)}),
        (data.regression, {"noise": 0.125}, {"noise": np.float16(0.125)}),
    ],
)
def test_numpy_scalars_give_the_same_data(make, python, numpy):
    X1, y1 = make(**python)
    X2, y2 = make(**numpy)
    assert X2.dtype == y2.dtype == np.float64
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)


def test_centres_of_any_real_dtype_give_the_same_data_and_are_not_modified():
    centres = [[0.0, 1.0], [2.0, 3.0]]
    expected, labels = data.gaussian_blobs(9, centers=np.array(centres), seed=4)
    for dtype in (np.float32, np.int64, np.float16):
        given = np.array(centres, dtype=dtype)
        X, y = data.gaussian_blobs(9, centers=given, seed=4)
        assert X.dtype == np.float64
        np.testing.assert_array_equal(X, expected)
        np.testing.assert_array_equal(y, labels)
        np.testing.assert_array_equal(given, centres)
    X, _ = data.gaussian_blobs(9, centers=[[0, 1], [2, 3]], seed=4)
    np.testing.assert_array_equal(X, expected)
    X, _ = data.gaussian_blobs(9, centers=((0, 1), (2, 3)), seed=4)
    np.testing.assert_array_equal(X, expected)


def test_same_seed_gives_the_same_bits_as_before():
    # values drawn before the argument checks were rewritten: the book's data must not move
    X, _ = data.two_moons(4, seed=0)
    np.testing.assert_array_equal(
        X,
        [
            [1.0125730221093394, -0.013210486329130189],
            [-0.9359577349556718, 0.010490011715304094],
            [-0.0535669373161111, 0.5361595054909485],
            [2.130400004513014, 0.5947080963129241],
        ],
    )
    X, _ = data.spirals(3, classes=3, seed=1)
    np.testing.assert_array_equal(
        X,
        [
            [0.08211124502123629, 0.09761266406886321],
            [-0.004113533655530993, -0.09685919284249318],
            [0.08014000212642379, -0.00426992280028915],
        ],
    )
    X, _ = data.gaussian_blobs(3, centers=3, std=0.5, seed=2)
    np.testing.assert_array_equal(
        X,
        [
            [4.094526690896767, -0.2613742207403737],
            [-2.206531771695946, 2.243367923817827],
            [-1.1001463086395509, -2.892018679119139],
        ],
    )
    X, y = data.regression(3, seed=3)
    np.testing.assert_array_equal(
        X[:, 0], [-2.603443065020804, -1.653668357959425, 1.8929632932132208]
    )
    np.testing.assert_array_equal(y, [-0.569324959016811, -1.0418330072495967, 0.9269918184516307])


def test_digits_are_the_uci_test_set_scaled():
    X, y = data.digits()
    # UCI "optdigits" test part: 1,797 images of 8x8 pixels with 4-bit grey levels.
    assert X.shape == (1797, 64) and y.shape == (1797,)
    assert set(np.unique(X * 16.0)) <= set(range(17))
    assert np.array_equal(np.unique(y), np.arange(10.0))
    # A zero: the centre pixels of the mean "0" are darker than its ring.
    zero = X[y == 0].mean(axis=0).reshape(8, 8)
    assert zero[3:5, 3:5].mean() < 0.5 * zero[1:7, 1:7].max()


def test_split_is_stratified_disjoint_and_complete():
    X, y = data.digits()
    X_train, X_test, y_train, y_test = data.split(X, y, test_fraction=0.25, seed=3)
    counts = np.bincount(y.astype(int))
    np.testing.assert_array_equal(np.bincount(y_test.astype(int)), np.round(0.25 * counts))
    rows = {tuple(r) for r in X_train.tolist()} | {tuple(r) for r in X_test.tolist()}
    assert len(y_train) + len(y_test) == len(y)
    assert len(rows) == len({tuple(r) for r in X.tolist()})
    again = data.split(X, y, test_fraction=0.25, seed=3)
    assert np.array_equal(again[1], X_test)
    assert not np.array_equal(data.split(X, y, test_fraction=0.25, seed=4)[1], X_test)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"test_fraction": 0.0}, "test_fraction must be in"),
        ({"test_fraction": 1.5}, "test_fraction must be in"),
        ({"seed": -1}, "seed"),
    ],
)
def test_split_refuses_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        data.split(*data.xor(), **kwargs)


def test_split_refuses_mismatched_shapes():
    with pytest.raises(ValueError, match=r"y must have one label per row of X \(3\)"):
        data.split(np.zeros((3, 2)), np.zeros(4))
    with pytest.raises(ValueError, match="X must be a 2-d array"):
        data.split(np.zeros(3), np.zeros(3))
