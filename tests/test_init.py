"""Tests of actbook.init: sample moments against the variance formulas."""

import math

import numpy as np
import pytest

from actbook import init

SHAPE = (400, 600)  # 240 000 draws: 5 standard errors of the variance is about 1 %
N_DRAWS = SHAPE[0] * SHAPE[1]

# Var(X^2) / Var(X)^2 for the two laws: 2 for a Gaussian, 4/5 for a centred uniform
KURTOSIS_FACTOR = {"normal": 2.0, "uniform": 0.8}


def assert_variance(sample: np.ndarray, expected: float, law: str) -> None:
    standard_error = expected * math.sqrt(KURTOSIS_FACTOR[law] / sample.size)
    assert abs(sample.var() - expected) < 5 * standard_error
    assert abs(sample.mean()) < 5 * math.sqrt(expected / sample.size)


@pytest.mark.parametrize(
    ("name", "law", "expected_variance", "bound"),
    [
        ("uniform_fan_in", "uniform", 1 / (3 * 400), 1 / math.sqrt(400)),
        ("xavier_uniform", "uniform", 2 / 1000, math.sqrt(6 / 1000)),
        ("glorot_uniform", "uniform", 2 / 1000, math.sqrt(6 / 1000)),
        ("xavier_normal", "normal", 2 / 1000, None),
        ("he_uniform", "uniform", 2 / 400, math.sqrt(6 / 400)),
        ("he_normal", "normal", 2 / 400, None),
        ("kaiming_normal", "normal", 2 / 400, None),
        ("lecun_uniform", "uniform", 1 / 400, math.sqrt(3 / 400)),
        ("lecun_normal", "normal", 1 / 400, None),
    ],
)
def test_variances_match_the_formulas(name, law, expected_variance, bound):
    w = init.get_initializer(name)(SHAPE, np.random.default_rng(0))
    assert w.shape == SHAPE and w.dtype == np.float64
    assert_variance(w, expected_variance, law)
    if bound is not None:
        assert np.abs(w).max() <= bound
        assert np.abs(w).max() > 0.999 * bound  # the bound is attained, not just respected


def test_uniform_fan_in_gives_n_var_one_third():
    # Glorot & Bengio (2010): the "standard" initialization has n Var(W) = 1/3
    w = init.uniform_fan_in(SHAPE, np.random.default_rng(1))
    n = SHAPE[0]
    assert abs(n * w.var() - 1 / 3) < 5 * (1 / 3) * math.sqrt(0.8 / N_DRAWS)


@pytest.mark.parametrize("slope", [0.25, 1.0])
def test_he_negative_slope_satisfies_the_prelu_condition(slope):
    # He et al. (2015): (1 + a^2) n Var(w) / 2 = 1
    for name, law in [("he_normal", "normal"), ("he_uniform", "uniform")]:
        w = init.get_initializer(name, negative_slope=slope)(SHAPE, np.random.default_rng(2))
        assert_variance(w, 2 / ((1 + slope**2) * SHAPE[0]), law)


def test_normal_uses_mean_and_std():
    w = init.normal(SHAPE, np.random.default_rng(3), std=0.5, mean=2.0)
    assert abs(w.mean() - 2.0) < 5 * 0.5 / math.sqrt(N_DRAWS)
    assert abs(w.var() - 0.25) < 5 * 0.25 * math.sqrt(2 / N_DRAWS)


def test_fan_in_fan_out_for_dense_and_convolution():
    assert init.fan_in_fan_out((7, 3)) == (7, 3)
    # 16 output maps, 3 input channels, 5 x 5 kernels: each output sees 3 * 25 inputs
    assert init.fan_in_fan_out((16, 3, 5, 5)) == (3 * 25, 16 * 25)
    assert init.fan_in_fan_out((8, 4, 3)) == (12, 24)


def test_convolution_kernels_use_the_receptive_field():
    w = init.he_normal((64, 32, 3, 3), np.random.default_rng(4))
    assert_variance(w, 2 / (32 * 9), "normal")


def test_zeros_and_constant():
    assert np.array_equal(init.zeros((2, 3)), np.zeros((2, 3)))
    assert np.array_equal(init.zeros(4), np.zeros(4))
    w = init.get_initializer("constant", value=-1.5)((3, 2), None)
    assert np.array_equal(w, np.full((3, 2), -1.5))


def test_same_seed_same_numbers_and_aliases_agree():
    a = init.xavier_uniform((5, 7), np.random.default_rng(9))
    b = init.get_initializer("glorot_uniform")((5, 7), np.random.default_rng(9))
    c = init.xavier_uniform((5, 7), np.random.default_rng(10))
    assert np.array_equal(a, b)
    assert not np.array_equal(a, c)


def test_registry_functions_take_shape_and_rng():
    rng = np.random.default_rng(0)
    for name in init.INITIALIZERS:
        w = init.get_initializer(name)((3, 4), rng)
        assert w.shape == (3, 4)


def rng():
    return np.random.default_rng(0)


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        # shapes: positive Python or NumPy integers, a single one or a tuple
        (lambda: init.fan_in_fan_out((5,)), ValueError, "at least 2 dimensions"),
        (lambda: init.fan_in_fan_out((5, -1)), ValueError, r"shape\[1\] must be a positive"),
        (lambda: init.zeros((2, 0)), ValueError, r"shape\[1\] must be a positive integer"),
        (lambda: init.zeros(0), ValueError, "shape must be a positive integer, got 0"),
        (lambda: init.zeros((2, 1.5)), TypeError, r"shape\[1\] must be a positive integer"),
        (lambda: init.zeros((2.0, 3)), TypeError, r"shape\[0\] must be a positive integer"),
        (lambda: init.zeros((True, 2)), TypeError, r"shape\[0\] must be a positive integer"),
        (lambda: init.zeros(True), TypeError, "shape must be a positive integer or a tuple"),
        (lambda: init.zeros(2.0), TypeError, "shape must be a positive integer or a tuple"),
        (lambda: init.zeros("23"), TypeError, "shape must be a positive integer or a tuple"),
        (lambda: init.zeros(None), TypeError, "shape must be a positive integer or a tuple"),
        # generators: a numpy.random.Generator; zeros and constant ignore it but check it
        (lambda: init.xavier_normal((2, 2), 0), TypeError, "rng must be a numpy"),
        (lambda: init.normal((2, 2), None), TypeError, "rng must be a numpy"),
        (lambda: init.he_uniform((2, 2), "rng"), TypeError, "rng must be a numpy"),
        (lambda: init.zeros((2, 2), "seed"), TypeError, "rng must be a numpy"),
        (lambda: init.constant((2, 2), 1.5), TypeError, "rng must be a numpy"),
        # constant: a finite real value
        (lambda: init.constant((2,), value=math.nan), ValueError, "value must be finite"),
        (lambda: init.constant((2,), value=-math.inf), ValueError, "value must be finite"),
        (lambda: init.constant((2,), value=None), TypeError, "value must be a real number"),
        (lambda: init.constant((2,), value="1"), TypeError, "value must be a real number"),
        (lambda: init.constant((2,), value=True), TypeError, "value must be a real number"),
        # normal: finite std > 0, finite mean
        (lambda: init.normal((2, 2), rng(), std=0.0), ValueError, "std must be a finite"),
        (lambda: init.normal((2, 2), rng(), std=-1.0), ValueError, "std must be a finite"),
        (lambda: init.normal((2, 2), rng(), std=math.inf), ValueError, "std must be a finite"),
        (lambda: init.normal((2, 2), rng(), std=math.nan), ValueError, "std must be a finite"),
        (lambda: init.normal((2, 2), rng(), std="1"), TypeError, "std must be a finite"),
        (lambda: init.normal((2, 2), rng(), std=None), TypeError, "std must be a finite"),
        (lambda: init.normal((2, 2), rng(), std=True), TypeError, "std must be a finite"),
        (lambda: init.normal((2, 2), rng(), mean=math.nan), ValueError, "mean must be finite"),
        (lambda: init.normal((2, 2), rng(), mean=math.inf), ValueError, "mean must be finite"),
        (lambda: init.normal((2, 2), rng(), mean="0"), TypeError, "mean must be a real"),
        (lambda: init.normal((2, 2), rng(), mean=None), TypeError, "mean must be a real"),
        (
            lambda: init.normal((100,), rng(), std=1e308, mean=1e308),
            ValueError,
            "std and mean are too large",
        ),
        # He: a finite real negative_slope
        (
            lambda: init.he_normal((2, 2), rng(), negative_slope=math.inf),
            ValueError,
            "negative_slope must be finite",
        ),
        (
            lambda: init.he_normal((2, 2), rng(), negative_slope=math.nan),
            ValueError,
            "negative_slope must be finite",
        ),
        (
            lambda: init.he_uniform((2, 2), rng(), negative_slope=-math.inf),
            ValueError,
            "negative_slope must be finite",
        ),
        (
            lambda: init.he_uniform((2, 2), rng(), negative_slope="0.1"),
            TypeError,
            "negative_slope must be a real number",
        ),
        (
            lambda: init.he_normal((2, 2), rng(), negative_slope=None),
            TypeError,
            "negative_slope must be a real number",
        ),
        # get_initializer: a known name; options checked when bound
        (
            lambda: init.get_initializer("glorious"),
            ValueError,
            r"name must be one of \['constant', 'glorot_normal', .*'zeros'\], got 'glorious'",
        ),
        (lambda: init.get_initializer(3), TypeError, "name must be a string"),
        (lambda: init.get_initializer(None), TypeError, "name must be a string"),
        (lambda: init.get_initializer("normal", std=math.inf), ValueError, "std"),
        (lambda: init.get_initializer("normal", mean=math.nan), ValueError, "mean"),
        (lambda: init.get_initializer("constant", value=None), TypeError, "value"),
        (
            lambda: init.get_initializer("he_normal", negative_slope=math.nan),
            ValueError,
            "negative_slope",
        ),
        (
            lambda: init.get_initializer("xavier_uniform", std=1.0),
            TypeError,
            r"std is not an option of the initializer 'xavier_uniform'; its options are \[\]",
        ),
        (
            lambda: init.get_initializer("normal", value=1.0),
            TypeError,
            r"value is not an option .* its options are \['std', 'mean'\]",
        ),
    ],
)
def test_bad_arguments_raise(call, error, message):
    with pytest.raises(error, match=message):
        call()


@pytest.mark.parametrize("name", sorted(init.INITIALIZERS))
def test_every_initializer_checks_shape_and_rng(name):
    function = init.INITIALIZERS[name]
    with pytest.raises(ValueError, match=r"shape\[0\] must be a positive integer, got -2"):
        function((-2, 3), np.random.default_rng(0))
    with pytest.raises(TypeError, match=r"shape\[1\] must be a positive integer, got 2.5"):
        function((3, 2.5), np.random.default_rng(0))
    with pytest.raises(TypeError, match="rng must be a numpy.random.Generator"):
        function((3, 2), "not a generator")


@pytest.mark.parametrize("name", sorted(init.INITIALIZERS))
@pytest.mark.parametrize("integer", [np.int64, np.int32, np.uint16])
def test_numpy_integer_shapes_give_the_same_weights(name, integer):
    function = init.INITIALIZERS[name]
    expected = function((4, 3, 2), np.random.default_rng(5))
    got = function((integer(4), integer(3), integer(2)), np.random.default_rng(5))
    assert got.dtype == np.float64
    np.testing.assert_array_equal(got, expected)
    np.testing.assert_array_equal(function(np.array([4, 3, 2]), np.random.default_rng(5)), expected)


def test_numpy_scalars_as_sizes_and_options_give_the_same_weights():
    np.testing.assert_array_equal(init.zeros(np.int64(4)), init.zeros(4))
    np.testing.assert_array_equal(
        init.constant((2,), value=np.int64(2)), init.constant((2,), value=2.0)
    )
    np.testing.assert_array_equal(
        init.normal((5,), rng(), std=np.float32(0.25), mean=np.float64(-1.0)),
        init.normal((5,), rng(), std=0.25, mean=-1.0),
    )
    np.testing.assert_array_equal(
        init.normal((5,), rng(), std=2, mean=np.int64(1)),
        init.normal((5,), rng(), std=2.0, mean=1.0),
    )
    for name in ("he_normal", "he_uniform"):
        function = init.INITIALIZERS[name]
        np.testing.assert_array_equal(
            function((5, 4), rng(), negative_slope=np.float32(0.25)),
            function((5, 4), rng(), negative_slope=0.25),
        )
    bound = init.get_initializer("normal", std=np.float64(0.3))
    np.testing.assert_array_equal(bound((3, 3), rng()), init.normal((3, 3), rng(), std=0.3))
    assert init.fan_in_fan_out((np.int64(16), np.int8(3), 5, 5)) == (75, 400)
    assert all(type(n) is int for n in init.fan_in_fan_out((np.int64(7), np.int64(3))))


def test_same_seed_gives_the_same_bits_as_before():
    # values drawn before the argument checks were rewritten: the book's weights must not move
    np.testing.assert_array_equal(
        init.he_normal((2, 3), np.random.default_rng(0), negative_slope=0.25),
        [
            [0.12197623103536992, -0.1281605423547809, 0.6213012312507455],
            [0.10176806192038816, -0.5196756249298029, 0.3507987306100761],
        ],
    )
    np.testing.assert_array_equal(
        init.xavier_uniform((2, 2), np.random.default_rng(1)),
        [[0.028956948446311026, 1.103406203646575], [-0.871627378711251, 1.0989622188680228]],
    )
    np.testing.assert_array_equal(
        init.normal((3,), np.random.default_rng(2), std=0.5, mean=1.0),
        [1.0945266908967666, 0.7386257792596262, 0.7934682283040533],
    )


@pytest.mark.filterwarnings("error")
def test_huge_negative_slope_gives_tiny_weights_not_an_overflow():
    # (1 + a^2) overflows float64 for a = 1e200; the standard deviation does not
    for name in ("he_normal", "he_uniform"):
        w = init.INITIALIZERS[name]((50, 40), rng(), negative_slope=1e200)
        assert np.all(np.isfinite(w)) and 0 < np.abs(w).max() < 1e-199
    w = init.he_normal((50, 40), rng(), negative_slope=-1e160)
    assert abs(w.std() * 1e160 * math.sqrt(50 / 2) - 1) < 0.1


def test_arguments_are_not_modified():
    shape = [3, 2]
    generator = np.random.default_rng(0)
    state = generator.bit_generator.state
    init.zeros(shape, generator)
    assert shape == [3, 2] and generator.bit_generator.state == state
    init.get_initializer("normal", std=0.5)  # the trial draw uses its own generator
    assert generator.bit_generator.state == state


# ------------------------------------------------------------------------------ orthogonal


@pytest.mark.parametrize("shape", [(50, 50), (60, 20), (20, 60)])
def test_orthogonal_has_orthonormal_columns_or_rows(shape):
    w = init.orthogonal(shape, np.random.default_rng(0), gain=1.5)
    n_in, n_out = shape
    gram = w.T @ w if n_in >= n_out else w @ w.T
    np.testing.assert_allclose(gram, 1.5**2 * np.eye(min(shape)), atol=1e-12)


def test_orthogonal_square_entries_have_variance_one_over_n():
    # a Haar orthogonal matrix: each entry has mean 0 and variance exactly 1/n
    n, draws = 30, 200
    rng = np.random.default_rng(1)
    sample = np.stack([init.orthogonal((n, n), rng) for _ in range(draws)])
    assert_variance(sample, 1 / n, "normal")


def test_orthogonal_is_haar_distributed():
    # without the sign fix, QR's convention would bias the signs of the first column;
    # with it, an entry of a Haar orthogonal matrix is symmetric about zero
    rng = np.random.default_rng(2)
    firsts = np.array([init.orthogonal((4, 4), rng)[0, 0] for _ in range(4000)])
    assert abs(firsts.mean()) < 5 * math.sqrt(0.25 / firsts.size)


def test_orthogonal_convolution_kernel_and_bad_arguments():
    w = init.orthogonal((8, 2, 3, 3), np.random.default_rng(3))
    flat = w.reshape(8, -1)
    np.testing.assert_allclose(flat @ flat.T, np.eye(8), atol=1e-12)
    with pytest.raises(ValueError, match="at least 2 dimensions"):
        init.orthogonal((4,), np.random.default_rng(0))
    with pytest.raises(ValueError, match="gain must be a finite number > 0"):
        init.orthogonal((4, 4), np.random.default_rng(0), gain=-1.0)
    with pytest.raises(TypeError, match="rng must be a numpy"):
        init.orthogonal((4, 4), 0)
