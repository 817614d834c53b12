"""The fuzz specification of every public callable of actbook, and how they are found.

:data:`SPECS` maps each public callable (``actbook.nn.Dense``, ``actbook.nn.Dense.backward``,
...) to its :class:`~fuzz_engine.Spec`; :func:`public_callables` lists what the package
exports, so that ``test_fuzz.py`` fails when a callable or a parameter has no spec.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import importlib
import inspect
import math
import pkgutil
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import matplotlib

matplotlib.use("Agg")

import fuzz_reference as ref  # noqa: E402
import matplotlib as mpl  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from fuzz_engine import (  # noqa: E402
    ACCEPT,
    EITHER,
    ERROR,
    NO,
    TYPE,
    VALUE,
    Activation,
    Array,
    Boolean,
    CallableArg,
    Case,
    Choice,
    Count,
    Expect,
    Fixed,
    Generator,
    Init,
    IntSequence,
    NonNegative,
    PositiveReal,
    Probability,
    Real,
    RealSequence,
    RngOrSeed,
    Seed,
    Shape,
    Spec,
    StrSequence,
    Text,
    any_float,
    case,
    finite_float,
    from_values,
    resolve,
    summary,
)
from hypothesis import strategies as st  # noqa: E402
from hypothesis.extra import numpy as hnp  # noqa: E402

import actbook  # noqa: E402
from actbook import (  # noqa: E402
    activations,
    claims,
    data,
    init,
    nn,
    plotting,
    sources,
    timing,
    validation,
)
from actbook.experiments import dropout as dropout_experiments  # noqa: E402
from actbook.experiments import (  # noqa: E402
    initialization,
    symmetry,
    vanishing,
)

SPECS: dict[str, Spec] = {}


def spec(target: str, call: Callable[..., Any] | None, **fields: Any) -> Spec:
    """Register the spec of ``target``; without ``call``, the target itself is called."""
    assert target not in SPECS, f"two specs for {target}"
    if call is None:

        def call(**kw: Any) -> Any:
            return resolve(target)(**kw)

    SPECS[target] = Spec(target, call, **fields)
    return SPECS[target]


def on(param: str, label: str, value: Any, expect: Expect, same_as: Any = NO, **more) -> Case:
    """An extra case of a spec."""
    return Case(param, label, value, expect, same_as, **more)


def rng0() -> np.random.Generator:
    return np.random.default_rng(0)


# ======================================================================================
# actbook.activations
# ======================================================================================

X_ACT = np.array([[-3.0, -0.5, 0.0], [0.5, 2.0, 30.0]])
ANY_SHAPE = hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4)


def activation_x() -> Array:
    """Any shape and any value: NaN in gives NaN out, infinities their limits."""
    return Array(
        nonfinite=ACCEPT, extreme=ACCEPT, elements=any_float, shapes=ANY_SHAPE, example=X_ACT
    )


ACTIVATION_PARAMS = {
    "a": PositiveReal(example=2.0),
    "slope": Real(example=0.1),
    "alpha": PositiveReal(example=0.5),
    "approximate": Boolean(),
    "lower": Real(high=0.3, example=0.1),  # lower <= upper (0.3 in the baseline)
    "upper": Real(low=0.1, example=0.3),
}
CTOR_ARGS = {"RReLU": {"lower": 0.1, "upper": 0.3, "rng": 0}}  # a seeded generator: repeatable
CLASSES = {  # class -> (registry name, constructor parameters)
    "Sigmoid": ("sigmoid", ("a",)),
    "Tanh": ("tanh", ()),
    "ReLU": ("relu", ()),
    "LeakyReLU": ("leaky_relu", ("slope",)),
    "PReLU": ("prelu", ("slope",)),
    "RReLU": ("rrelu", ("lower", "upper")),
    "ELU": ("elu", ("alpha",)),
    "GELU": ("gelu", ("approximate",)),
    "SiLU": ("silu", ()),
    "Softplus": ("softplus", ()),
}
FUNCTIONS = {  # functional form -> (registry name, derivative?, parameters)
    "sigmoid": ("sigmoid", False, ("a",)),
    "sigmoid_derivative": ("sigmoid", True, ("a",)),
    "tanh": ("tanh", False, ()),
    "tanh_derivative": ("tanh", True, ()),
    "relu": ("relu", False, ()),
    "relu_derivative": ("relu", True, ()),
    "leaky_relu": ("leaky_relu", False, ("slope",)),
    "leaky_relu_derivative": ("leaky_relu", True, ("slope",)),
    "elu": ("elu", False, ("alpha",)),
    "elu_derivative": ("elu", True, ("alpha",)),
    "gelu": ("gelu", False, ("approximate",)),
    "gelu_derivative": ("gelu", True, ("approximate",)),
    "silu": ("silu", False, ()),
    "silu_derivative": ("silu", True, ()),
    "softplus": ("softplus", False, ()),
    "softplus_derivative": ("softplus", True, ()),
}


def check_activation(
    name: str, derivative: bool, fixed: dict[str, Any] | None = None
) -> Callable[..., None]:
    """Compare an activation's output with the mpmath reference, dtype and type rules too."""
    function = ref.ACTIVATIONS[name][1 if derivative else 0]

    def check(result, args, before):
        x = np.asarray(before["x"])
        params = {k: v for k, v in args.items() if k in ACTIVATION_PARAMS}
        params = {k: float(v) if k != "approximate" else bool(v) for k, v in params.items()}
        params.update(fixed or {})
        dtype = ref.result_dtype(x)
        if x.ndim == 0:
            assert isinstance(result, np.floating), (
                f"a 0-d input gives a {type(result).__name__}, expected a NumPy scalar"
            )
        else:
            assert isinstance(result, np.ndarray), f"returns a {type(result).__name__}"
        assert np.asarray(result).dtype == dtype, (
            f"dtype {np.asarray(result).dtype} for input dtype {x.dtype}, expected {dtype}"
        )
        if name == "rrelu" and args.get("training") and not derivative:
            _check_rrelu_training(result, x, params)
            return
        want = ref.evaluate(function, x.astype(np.float64), **params)
        what = f"{name}'" if derivative else name
        ref.assert_close(result, want, dtype, what=what, inputs=x)

    return check


def _check_rrelu_training(result, x, params):
    lower, upper = params.get("lower", 1 / 8), params.get("upper", 1 / 3)
    x = x.astype(np.float64)
    y = np.asarray(result, dtype=np.float64)
    positive = x > 0
    assert np.array_equal(y[positive], x[positive]), "changes positive inputs"
    negative = (x < 0) & np.isfinite(x)
    slopes = y[negative] / x[negative]
    assert np.all((slopes >= lower - 1e-6) & (slopes <= upper + 1e-6)), (
        f"slopes {slopes} outside [{lower}, {upper}]"
    )


def check_activation_instance(name: str) -> Callable[..., None]:
    """A constructed activation computes the reference with its parameters."""
    function = ref.ACTIVATIONS[name][0]

    def check(result, args, before):
        params = {k: v for k, v in args.items() if k in ACTIVATION_PARAMS}
        params = {k: float(v) if k != "approximate" else bool(v) for k, v in params.items()}
        probe = np.array([-2.0, -0.5, 0.0, 1.5])
        ref.assert_close(result(probe), ref.evaluate(function, probe, **params), inputs=probe)

    return check


for class_name, (act_name, ctor_params) in CLASSES.items():
    target = f"actbook.activations.{class_name}"
    kinds = {p: ACTIVATION_PARAMS[p] for p in ctor_params}
    extra = []
    if class_name == "RReLU":
        kinds["rng"] = RngOrSeed()
        extra = [
            on("lower", "lower > upper", 0.5, VALUE, args={"upper": 0.2}, names=("lower", "upper"))
        ]

    def build(cls_name=class_name, **kw):
        return getattr(activations, cls_name)(**kw)

    spec(
        target,
        build,
        args=CTOR_ARGS.get(class_name, {}),
        kinds=kinds,
        extra=extra,
        check=check_activation_instance(act_name),
    )

    fixed = {k: v for k, v in CTOR_ARGS.get(class_name, {}).items() if k in ACTIVATION_PARAMS}

    def call(x, training=False, rng=None, cls_name=class_name):
        instance = getattr(activations, cls_name)(**CTOR_ARGS.get(cls_name, {}))
        return instance(x, training=training, rng=rng)

    spec(
        f"{target}.__call__",
        call,
        args={"x": X_ACT},
        kinds={"x": activation_x(), "training": Boolean(), "rng": RngOrSeed()},
        check=check_activation(act_name, False, fixed),
    )
    spec(
        f"{target}.derivative",
        lambda x, cls_name=class_name: getattr(activations, cls_name)(
            **CTOR_ARGS.get(cls_name, {})
        ).derivative(x),
        args={"x": X_ACT},
        kinds={"x": activation_x()},
        check=check_activation(act_name, True, fixed),
    )


def _peak_by_search(derivative: Callable[[float], Any], low: float, high: float) -> float:
    """The maximum of ``derivative`` on [low, high] by golden-section search (one maximum)."""
    ratio = (math.sqrt(5) - 1) / 2
    with ref.mp.workdps(ref.DIGITS):
        a, b = ref.mp.mpf(low), ref.mp.mpf(high)
        for _ in range(200):
            c, d = b - ratio * (b - a), a + ratio * (b - a)
            if derivative(float(c)) > derivative(float(d)):
                b = d
            else:
                a = c
        return float(derivative(float((a + b) / 2)))


PEAKS = {  # class -> the supremum of |f'| of a default instance, found independently
    "Sigmoid": lambda: 0.25,
    "Tanh": lambda: 1.0,
    "ReLU": lambda: 1.0,
    "LeakyReLU": lambda: 1.0,
    "PReLU": lambda: 1.0,
    "RReLU": lambda: 1.0,
    "ELU": lambda: 1.0,
    "GELU": lambda: _peak_by_search(ref.gelu_d, 0.5, 3.0),
    "SiLU": lambda: _peak_by_search(ref.silu_d, 1.0, 4.0),
    "Softplus": lambda: 1.0,
}


def _check_peak_of(class_name: str) -> Callable[..., None]:
    def check(result, args, before):
        assert isinstance(result, float), f"returns a {type(result).__name__}"
        ref.assert_close(result, PEAKS[class_name](), what="the derivative's peak", rtol=1e-7)

    return check


for class_name in CLASSES:
    spec(
        f"actbook.activations.{class_name}.derivative_peak",
        lambda cls_name=class_name: getattr(activations, cls_name)().derivative_peak(),
        check=_check_peak_of(class_name),
    )


def _check_slope_gradient(result, args, before):
    x = np.asarray(before["x"])
    want = np.minimum(x.astype(np.float64), 0.0)
    assert np.asarray(result).dtype == ref.result_dtype(x)
    ref.assert_close(result, want, ref.result_dtype(x), what="slope_gradient", inputs=x)


spec(
    "actbook.activations.PReLU.slope_gradient",
    lambda x: activations.PReLU().slope_gradient(x),
    args={"x": X_ACT},
    kinds={"x": activation_x()},
    check=_check_slope_gradient,
)

for function_name, (act_name, deriv, params) in FUNCTIONS.items():
    spec(
        f"actbook.activations.{function_name}",
        lambda fn=function_name, **kw: getattr(activations, fn)(**kw),
        args={"x": X_ACT},
        kinds={"x": activation_x(), **{p: ACTIVATION_PARAMS[p] for p in params}},
        check=check_activation(act_name, deriv),
    )


for function_name in ("sigmoid", "sigmoid_derivative"):  # a * x overflows: its limit, no warning
    SPECS[f"actbook.activations.{function_name}"].extra.append(
        on(
            "x",
            "[1.7e308, -1.7e308] with a = 4",
            np.array([1.7e308, -1.7e308]),
            ACCEPT,
            args={"a": 4.0},
        )
    )


def _check_get_activation(result, args, before):
    cls = activations.ACTIVATIONS[str(args["name"])]
    assert type(result) is cls, f"builds a {type(result).__name__}"
    check_activation_instance(str(args["name"]))(result, args, before)


spec(
    "actbook.activations.get_activation",
    None,
    args={"name": "sigmoid"},
    kinds={"name": Choice(sorted(activations.ACTIVATIONS))},
    unfuzzed={"params": "the activation's own parameters: the extra cases pass them"},
    check=_check_get_activation,
    extra=[
        on("a", "str", "2", TYPE),
        on("a", "nan", math.nan, VALUE),
        on("a", "np.float32", np.float32(2.0), ACCEPT, 2.0),
        on("slope", "a parameter relu does not take", 0.2, TYPE, args={"name": "relu"}),
        on("approximate", "int", 1, TYPE, args={"name": "gelu"}),
        on("slope", "np.int64", np.int64(1), ACCEPT, 1.0, args={"name": "leaky_relu"}),
    ],
)

# ======================================================================================
# actbook.nn: layers
# ======================================================================================

X43 = np.array([[-1.5, -0.5, 0.25], [0.5, 1.0, 2.0], [-2.0, 0.75, 1.25], [3.0, -1.0, -0.25]])


def _dense_params() -> tuple[np.ndarray, np.ndarray]:
    layer = nn.Dense(3, 2, seed=0)
    return layer.params["W"].copy(), layer.params["b"].copy()


def _tanh(z: np.ndarray) -> np.ndarray:
    return ref.evaluate(ref.tanh, z)


def _tanh_d(z: np.ndarray) -> np.ndarray:
    return ref.evaluate(ref.tanh_d, z)


def _mlp_forward(x: np.ndarray) -> np.ndarray:
    model = nn.MLP([3, 4, 2], "tanh", seed=0)
    (w0, b0), (w1, b1) = (model.layers[i].params.values() for i in (0, 2))
    return _tanh(x @ w0 + b0) @ w1 + b1


def _mlp_backward(x: np.ndarray, g: np.ndarray) -> np.ndarray:
    model = nn.MLP([3, 4, 2], "tanh", seed=0)
    (w0, b0), (w1, _) = (model.layers[i].params.values() for i in (0, 2))
    return ((g @ w1.T) * _tanh_d(x @ w0 + b0)) @ w0.T


def _dense_forward(x):
    w, b = _dense_params()
    return x @ w + b


def _dense_backward(x, g):
    return g @ _dense_params()[0].T


def _sequential_backward(x, g):
    w, b = _dense_params()
    return (g * _tanh_d(x @ w + b)) @ w.T


def _batchnorm_forward(x, training):
    if training:
        axes = (0,) if x.ndim == 2 else (0, 2, 3)
        return ref.normalize(x, axes, 1e-5)
    return x / math.sqrt(1 + 1e-5), 0.0


@dataclasses.dataclass
class LayerFixture:
    """A layer to fuzz: how to build it, which inputs it takes, what it computes."""

    target: str
    build: Callable[[], Any]
    x_ok: Callable[[tuple[int, ...], bool], bool]
    out_shape: tuple[int, ...]  # of the forward of X43 (with ``training``)
    forward: Callable[[np.ndarray, bool], Any] | None = None  # (x, training) -> y [, slack]
    backward: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None  # (x, g) -> dx
    training: bool = False  # the mode of the forward before backward
    keeps_dtype: bool = False  # no weights: float32 in, float32 out
    x_extreme: Expect = EITHER  # entries near the float maximum: exact results or refusal
    x_elements: Callable = finite_float
    hidden_indices: bool = False
    ctor: dict[str, Any] | None = None  # constructor spec fields (None: written apart)


def _ok_last3(shape, training):
    return len(shape) >= 1 and shape[-1] == 3


def _ok_batchnorm(shape, training):
    if len(shape) not in (2, 4) or shape[1] != 3:
        return False
    return not training or math.prod(shape) // 3 >= 2


LAYERS = [
    LayerFixture(
        "actbook.nn.Layer",
        lambda: nn.Layer(),
        lambda s, t: True,
        (4, 3),
        forward=lambda x, t: x,
        backward=lambda x, g: g,
        keeps_dtype=True,
        x_extreme=ACCEPT,
    ),
    LayerFixture(
        "actbook.nn.Dense",
        lambda: nn.Dense(3, 2, seed=0),
        _ok_last3,
        (4, 2),
        forward=lambda x, t: _dense_forward(x),
        backward=_dense_backward,
    ),
    LayerFixture(
        "actbook.nn.ActivationLayer",
        lambda: nn.ActivationLayer("tanh"),
        lambda s, t: True,
        (4, 3),
        forward=lambda x, t: _tanh(x),
        backward=lambda x, g: g * _tanh_d(x),
        keeps_dtype=True,
        x_elements=any_float,
        x_extreme=ACCEPT,
    ),
    LayerFixture(
        "actbook.nn.Dropout",
        lambda: nn.Dropout(0.5, rng=0),
        lambda s, t: True,
        (4, 3),
        training=True,
        keeps_dtype=True,
        x_extreme=ACCEPT,
    ),
    LayerFixture(
        "actbook.nn.BatchNorm",
        lambda: nn.BatchNorm(3),
        _ok_batchnorm,
        (4, 3),
        forward=_batchnorm_forward,
        backward=lambda x, g: ref.normalize_backward(x, g, (0,), 1e-5),
        training=True,
        x_extreme=ACCEPT,
    ),
    LayerFixture(
        "actbook.nn.LayerNorm",
        lambda: nn.LayerNorm(3),
        _ok_last3,
        (4, 3),
        forward=lambda x, t: ref.normalize(x, (-1,), 1e-5),
        backward=lambda x, g: ref.normalize_backward(x, g, (-1,), 1e-5),
        x_extreme=ACCEPT,
    ),
    LayerFixture(
        "actbook.nn.Sequential",
        lambda: nn.Sequential([nn.Dense(3, 2, seed=0), nn.ActivationLayer("tanh")]),
        _ok_last3,
        (4, 2),
        forward=lambda x, t: _tanh(_dense_forward(x)),
        backward=_sequential_backward,
        hidden_indices=True,
    ),
    LayerFixture(
        "actbook.nn.MLP",
        lambda: nn.MLP([3, 4, 2], "tanh", seed=0),
        _ok_last3,
        (4, 2),
        forward=lambda x, t: _mlp_forward(x),
        backward=_mlp_backward,
        hidden_indices=True,
    ),
    LayerFixture(
        "actbook.nn.Residual",
        lambda: nn.Residual(nn.ActivationLayer("tanh")),
        lambda s, t: True,
        (4, 3),
        forward=lambda x, t: np.asarray(x, dtype=np.float64) + _tanh(x),
        backward=lambda x, g: g + g * _tanh_d(x),
        keeps_dtype=True,
        x_elements=any_float,
        x_extreme=ACCEPT,
    ),
    LayerFixture(
        "actbook.experiments.symmetry.ElementwiseDense",
        lambda: symmetry.ElementwiseDense(nn.Dense(3, 2, seed=0)),
        lambda s, t: len(s) == 2 and s[1] == 3,
        (4, 2),
        forward=lambda x, t: _dense_forward(x),
        backward=_dense_backward,
    ),
]


def _forward_check(fx: LayerFixture) -> Callable[..., None]:
    def check(result, args, before):
        x = np.asarray(before["x"])
        training = bool(args.get("training", False))
        scalar = x.ndim == 0 and isinstance(result, np.floating)
        assert isinstance(result, np.ndarray) or scalar, f"returns a {type(result).__name__}"
        result = np.asarray(result)
        dtype = ref.result_dtype(x)
        if fx.keeps_dtype or x.dtype.kind != "f":
            assert result.dtype == dtype, f"dtype {result.dtype} for input {x.dtype}"
        else:
            assert result.dtype in (dtype, np.float64), f"dtype {result.dtype} for {x.dtype}"
        x64 = x.astype(np.float64)
        if fx.forward is None:  # dropout: every entry dropped or scaled by 1 / keep
            y = result.astype(np.float64)
            assert y.shape == x.shape, f"shape {y.shape} for input {x.shape}"
            if training:
                kept = np.isclose(y, 2 * x64, rtol=1e-3) | (y == 0) | np.isnan(x64)
                assert np.all(kept), f"{y} is not a dropout of {x64} (p = 0.5)"
            else:
                ref.assert_close(y, x64, dtype, what="evaluation output")
            return
        want = fx.forward(x64, training)
        want, slack = want if isinstance(want, tuple) else (want, 0.0)
        if not np.all(np.isfinite(x64)):  # nothing to compare where the exact value is undefined
            want = np.where(np.isnan(want), result.astype(np.float64), want)
        ref.assert_close(result, want, dtype, what="output", atol=slack)

    return check


def _backward_check(fx: LayerFixture) -> Callable[..., None]:
    def check(result, args, before):
        g = np.asarray(before["grad_output"])
        assert isinstance(result, np.ndarray), f"returns a {type(result).__name__}"
        assert result.shape == X43.shape, f"dL/dx has shape {result.shape}, expected (4, 3)"
        g64 = g.astype(np.float64)
        if not np.all(np.isfinite(g64)):
            return
        if fx.backward is None:  # dropout: zero or 2 g
            y = result.astype(np.float64)
            assert np.all((y == 0) | np.isclose(y, 2 * g64)), f"{y} is not a masked 2 * {g64}"
            return
        ref.assert_close(result, fx.backward(X43, g64), ref.result_dtype(g), what="dL/dx")

    return check


def _layer_after_forward(fx: LayerFixture) -> Any:
    layer = fx.build()
    layer.forward(X43, training=fx.training)
    return layer


def _check_leaves(result, args, before):
    keys = [key for key, _ in result]
    assert keys == [str(i) for i in range(len(keys))], f"flat model, keys {keys}"
    assert all(
        isinstance(layer, nn.Layer) and not isinstance(layer, nn.Sequential) for _, layer in result
    )


def _check_zero_grad(result, args, before):
    for name, gradient in result.grads.items():
        assert not np.any(gradient), f"grads[{name!r}] is not zero after zero_grad"


for fx in LAYERS:
    x_kind = Array(
        lambda s, a, fx=fx: fx.x_ok(s, bool(a.get("training", False))),
        extreme=fx.x_extreme,
        elements=fx.x_elements,
        dtypes=(np.float16, np.float32, np.float64, np.int64, np.bool_),
        shapes=st.one_of(st.just(X43.shape), ANY_SHAPE, ANY_SHAPE.map(lambda s: (*s[:-1], 3))),
        example=X43,
    )
    for method in ("forward", "__call__"):

        def call(x, fx=fx, method=method, **kw):
            layer = fx.build()
            return layer(x, **kw) if method == "__call__" else layer.forward(x, **kw)

        spec(
            f"{fx.target}.{method}",
            call,
            args={"x": X43, "training": fx.training},
            kinds={"x": x_kind, "training": Boolean()},
            check=_forward_check(fx),
        )
    grad_kind = Array(
        lambda s, a, fx=fx: s == fx.out_shape,
        extreme=EITHER,
        exact=lambda a, fx=fx: fx.out_shape,
        shapes=st.one_of(
            st.just(fx.out_shape),
            hnp.broadcastable_shapes(fx.out_shape, min_dims=0, max_dims=3, max_side=5),
        ),
        example=np.full(fx.out_shape, 0.5),
    )
    spec(
        f"{fx.target}.backward",
        lambda fx=fx, **kw: _layer_after_forward(fx).backward(**kw),
        args={"grad_output": np.linspace(-1.0, 1.0, math.prod(fx.out_shape)).reshape(fx.out_shape)},
        kinds={"grad_output": grad_kind, "accumulate": Boolean()},
        check=_backward_check(fx),
    )

    def zero_grad(fx=fx):
        layer = _layer_after_forward(fx)
        layer.backward(np.ones(fx.out_shape))
        layer.zero_grad()
        return layer

    spec(f"{fx.target}.zero_grad", zero_grad, check=_check_zero_grad)
    if fx.hidden_indices:
        spec(f"{fx.target}.hidden_indices", lambda fx=fx: fx.build().hidden_indices())
        spec(f"{fx.target}.leaves", lambda fx=fx: fx.build().leaves(), check=_check_leaves)


def _check_input_derivative(result, args, before):
    ref.assert_close(result, ref.evaluate(ref.tanh_d, X43), np.dtype(np.float64), what="f'(x)")


spec(
    "actbook.nn.ActivationLayer.input_derivative",
    lambda: _layer_after_forward(
        next(f for f in LAYERS if f.target == "actbook.nn.ActivationLayer")
    ).input_derivative(),
    check=_check_input_derivative,
)

SPECS["actbook.nn.BatchNorm.forward"].extra += [
    on(
        "x",
        "[[1e200], [-1e200]] (one feature)",
        np.array([[1e200], [-1e200], [1e200], [-1e200]]).repeat(3, axis=1),
        ACCEPT,
    ),
    on("x", "image batch (2, 3, 2, 2)", np.linspace(-1, 1, 24).reshape(2, 3, 2, 2), ACCEPT),
    on(
        "x",
        "float16 [300, -300]",
        np.array([[300, 300, 300], [-300, -300, -300]], np.float16),
        ACCEPT,
    ),
]
SPECS["actbook.nn.LayerNorm.forward"].extra += [
    on("x", "[1e200, -1e200, 0]", np.array([[1e200, -1e200, 0.0]]), ACCEPT),
]
SPECS["actbook.nn.Dense.backward"].extra += [
    on(
        "grad_output",
        "(2, 2, 2): same size as (4, 2)",
        np.ones((2, 2, 2)),
        VALUE,
        mention=("(4, 2)", "(2, 2, 2)"),
    ),
]


def _check_layer_built(params: dict[str, tuple[int, ...]]) -> Callable[..., None]:
    def check(result, args, before):
        for name, shape in params.items():
            array = result.params[name]
            assert array.shape == shape, f"params[{name!r}] has shape {array.shape}"
            assert array.dtype == np.float64, f"params[{name!r}] has dtype {array.dtype}"
            assert np.all(np.isfinite(array)), f"params[{name!r}] is not finite"

    return check


def _dense_check(result, args, before):
    shape = (int(args["in_features"]), int(args["out_features"]))
    _check_layer_built({"W": shape, "b": shape[1:]})(result, args, before)
    assert not np.any(result.params["b"]), "the bias does not start at zero"


spec(
    "actbook.nn.Dense",
    None,
    args={"in_features": 3, "out_features": 2},
    kinds={
        "in_features": Count(example=3),
        "out_features": Count(example=2),
        "init": Init(),
        "rng": Generator(none=True),
        "seed": Seed(none=True),
    },
    extra=[on("seed", "with rng too", 0, VALUE, args={"rng": rng0()}, names=("rng", "seed"))],
    check=_dense_check,
)
spec(
    "actbook.nn.ActivationLayer",
    None,
    args={"activation": "tanh"},
    kinds={"activation": Activation(), "rng": Generator(none=True), "seed": Seed(none=True)},
    extra=[on("seed", "with rng too", 0, VALUE, args={"rng": rng0()}, names=("rng", "seed"))],
    check=lambda result, args, before: ref.assert_close(
        result.forward(X43), _tanh(X43) if args["activation"] == "tanh" else result.forward(X43)
    ),
)
spec("actbook.nn.Layer", nn.Layer)


def _check_dropout(result, args, before):
    p = float(args["drop_probability"])
    assert result.drop_probability == p, f"drop_probability {result.drop_probability}"
    keep = 1.0 if args.get("convention", "inverted") == "inverted" else 1.0 - p
    ref.assert_close(result.forward(np.ones(3)), np.full(3, keep), what="evaluation output")


spec(
    "actbook.nn.Dropout",
    lambda **kw: nn.Dropout(**kw),
    args={"drop_probability": 0.5, "rng": 0},
    kinds={
        "drop_probability": Probability(),
        "convention": Choice(["inverted", "scale_at_test"]),
        "rng": RngOrSeed(),
    },
    check=_check_dropout,
)
spec(
    "actbook.nn.Dropout.sample_mask",
    lambda shape: nn.Dropout(0.25, rng=1).sample_mask(shape),
    args={"shape": (2, 4)},
    kinds={"shape": Shape(min_len=0, minimum=0, example=(2, 4))},
    check=lambda result, args, before: _check_mask(result, args["shape"]),
)


def _check_mask(result, shape):
    shape = (int(shape),) if np.ndim(shape) == 0 else tuple(int(n) for n in shape)
    assert result.shape == shape, f"mask of shape {result.shape} for {shape}"
    assert np.all((result == 0) | (result == 1)), "mask is not 0/1"


def _check_batchnorm(result, args, before):
    n = int(args["num_features"])
    _check_layer_built({"gamma": (n,), "beta": (n,)})(result, args, before)


spec(
    "actbook.nn.BatchNorm",
    lambda **kw: nn.BatchNorm(**kw),
    args={"num_features": 3},
    kinds={
        "num_features": Count(example=3),
        "momentum": Real(0.0, 1.0, example=0.1),
        "eps": PositiveReal(example=1e-5),
    },
    check=_check_batchnorm,
)


def _check_layernorm(result, args, before):
    shape = args["normalized_shape"]
    shape = (int(shape),) if np.ndim(shape) == 0 else tuple(int(n) for n in shape)
    _check_layer_built({"gamma": shape, "beta": shape})(result, args, before)


spec(
    "actbook.nn.LayerNorm",
    lambda **kw: nn.LayerNorm(**kw),
    args={"normalized_shape": 3},
    kinds={"normalized_shape": Shape(example=(3,)), "eps": PositiveReal(example=1e-5)},
    check=_check_layernorm,
)


def _layers() -> list[Any]:
    return [nn.Dense(3, 2, seed=0), nn.ActivationLayer("tanh")]


def _check_residual(result, args, before):
    assert result.inner is args["inner"], "the block does not wrap its inner layer"
    assert result.params == args["inner"].params, "params are not the inner layer's"


spec(
    "actbook.nn.Residual",
    None,
    args=lambda: {"inner": nn.Dense(3, 3, seed=0)},
    kinds={
        "inner": Fixed(
            case("None", None, TYPE),
            case("int", 5, TYPE),
            case("a function", np.tanh, TYPE),
            case("a layer class, not an instance", nn.Dense, TYPE),
            case("a Sequential", nn.Sequential(_layers()), ACCEPT),
        )
    },
    check=_check_residual,
)


def _exact_norm(arrays) -> Any:
    """The Euclidean norm of every entry, in mpmath (exact enough, never overflows)."""
    import mpmath

    with mpmath.workdps(40):
        total = mpmath.mpf(0)
        values = [v for a in arrays for v in np.asarray(a, dtype=np.float64).ravel()]
        if any(math.isnan(v) for v in values):
            return math.nan
        if any(math.isinf(v) for v in values):
            return math.inf
        for value in values:
            total += mpmath.mpf(float(value)) ** 2
        return mpmath.sqrt(total)


def _gradient_dict(grads) -> dict[str, Any]:
    return grads if isinstance(grads, dict) else {"": grads}


def _check_clip_by_norm(result, args, before):
    import mpmath

    grads, c = _gradient_dict(before["grads"]), float(args["max_norm"])
    got = _gradient_dict(result)
    assert set(got) == set(grads), f"keys {sorted(got)} for {sorted(grads)}"
    norm = _exact_norm(grads.values())
    with mpmath.workdps(40):
        scale = 1 if norm == 0 else min(mpmath.mpf(1), mpmath.mpf(c) / norm)
        for name, g in grads.items():
            g = np.asarray(g)
            flat = g.astype(np.float64).ravel()
            want = np.array([float(mpmath.mpf(float(v)) * scale) for v in flat])
            assert isinstance(got[name], np.ndarray), f"returns a {type(got[name]).__name__}"
            assert got[name].dtype == ref.result_dtype(g), f"dtype {got[name].dtype} for {g.dtype}"
            ref.assert_close(got[name], want.reshape(g.shape), ref.result_dtype(g), what="clipped")


def _check_clip_by_value(result, args, before):
    grads, c = _gradient_dict(before["grads"]), float(args["limit"])
    got = _gradient_dict(result)
    for name, g in grads.items():
        g = np.asarray(g)
        flat = [v if math.isnan(v) else max(-c, min(c, v)) for v in g.astype(np.float64).ravel()]
        assert got[name].dtype == ref.result_dtype(g), f"dtype {got[name].dtype} for {g.dtype}"
        ref.assert_close(got[name], np.reshape(flat, g.shape), ref.result_dtype(g), what="clipped")


def _check_global_norm(result, args, before):
    norm = _exact_norm(_gradient_dict(before["grads"]).values())
    want = float(norm) if not norm > np.finfo(np.float64).max else math.inf  # NaN stays NaN
    assert isinstance(result, float), f"returns a {type(result).__name__}"
    ref.assert_close(result, np.array(want), what="the norm")


GRADS_EXAMPLE = np.array([[3.0, -4.0], [0.5, 12.0]])
GRADS_DICTS = [
    on("grads", "dict of two arrays", {"W": np.ones((2, 2)), "b": np.array([3.0])}, ACCEPT),
    on("grads", "empty dict", {}, VALUE),
    on("grads", "dict holding None", {"W": None}, TYPE, mention=("grads['W']",)),
]
spec(
    "actbook.nn.clip_by_norm",
    None,
    args={"grads": GRADS_EXAMPLE, "max_norm": 1.0},
    kinds={
        "grads": Array(nonfinite=VALUE, extreme=ACCEPT, shapes=ANY_SHAPE, example=GRADS_EXAMPLE),
        "max_norm": PositiveReal(example=1.0),
    },
    extra=GRADS_DICTS + [on("grads", "dict with NaN", {"W": np.array([np.nan])}, VALUE)],
    check=_check_clip_by_norm,
)
spec(
    "actbook.nn.clip_by_value",
    None,
    args={"grads": GRADS_EXAMPLE, "limit": 1.0},
    kinds={
        "grads": Array(nonfinite=ACCEPT, extreme=ACCEPT, shapes=ANY_SHAPE, example=GRADS_EXAMPLE),
        "limit": PositiveReal(example=1.0),
    },
    extra=GRADS_DICTS,
    check=_check_clip_by_value,
)
spec(
    "actbook.nn.global_norm",
    None,
    args={"grads": GRADS_EXAMPLE},
    kinds={
        "grads": Array(nonfinite=ACCEPT, extreme=ACCEPT, shapes=ANY_SHAPE, example=GRADS_EXAMPLE)
    },
    extra=GRADS_DICTS,
    check=_check_global_norm,
)


spec(
    "actbook.nn.Sequential",
    None,
    args=lambda: {"layers": _layers()},
    kinds={
        "layers": Fixed(
            case("None", None, TYPE),
            case("int", 5, TYPE),
            case("str", "abc", TYPE),
            case("[]", [], VALUE),
            case("list with object()", [object()], TYPE),
            case("a layer class, not an instance", [nn.Dense], TYPE),
            case("a bare layer, not a list", nn.Dense(3, 2), TYPE),
            case("tuple", tuple(_layers()), ACCEPT),
        )
    },
    check=lambda result, args, before: (
        ref.assert_close(result.forward(X43), _tanh(_dense_forward(X43)))
        if isinstance(args["layers"], list | tuple) and len(args["layers"]) == 2
        else None
    ),
)


def _check_mlp(result, args, before):
    sizes = [int(n) for n in args["sizes"]]
    dense = [layer for layer in result.layers if isinstance(layer, nn.Dense)]
    shapes = [layer.params["W"].shape for layer in dense]
    assert shapes == list(zip(sizes[:-1], sizes[1:], strict=True)), f"weights {shapes}"
    assert result.sizes == tuple(sizes), f"sizes {result.sizes}"


spec(
    "actbook.nn.MLP",
    None,
    args={"sizes": [3, 4, 2], "activation": "tanh"},
    kinds={
        "sizes": IntSequence(min_len=2, example=(3, 4, 2)),
        "activation": Activation(),
        "init": Init(none=True),
        "output_activation": Activation(none=True, example="sigmoid"),
        "seed": Seed(),
    },
    check=_check_mlp,
)

# ======================================================================================
# actbook.nn: optimizer, training, losses, statistics
# ======================================================================================

spec(
    "actbook.nn.SGD",
    None,
    args={"lr": 0.1},
    kinds={
        "lr": PositiveReal(example=0.1),
        "momentum": Real(0.0, 1.0, include_high=False, example=0.5),
    },
    check=lambda result, args, before: (
        _equal(result.lr, float(args["lr"]), "lr"),
        _equal(result.momentum, float(args.get("momentum", 0.0)), "momentum"),
    ),
)


def _equal(got, want, what):
    assert got == want, f"{what} is {got!r}, expected {want!r}"


PARAMS = {"W": np.ones((2, 3)), "b": np.zeros(3)}
GRADS = {"W": np.full((2, 3), 0.5), "b": np.array([1.0, -1.0, 2.0])}


def _check_step(result, args, before):
    assert result is None, f"returns {result!r}"
    params, old = args["params"], before["params"]
    grads = before.get("grads")
    if not (isinstance(params, dict) and isinstance(old, dict) and isinstance(grads, dict)):
        return
    for name, array in params.items():
        want = np.asarray(old[name], dtype=np.float64) - 0.1 * np.asarray(grads[name], np.float64)
        ref.assert_close(array, want, ref.result_dtype(old[name]), what=f"params[{name!r}]")


def _sgd_step(params, grads=NO):
    optimizer = nn.SGD(0.1, momentum=0.5)  # the first step with momentum is a plain step
    return optimizer.step(params) if grads is NO else optimizer.step(params, grads)


def _grads(**changes):
    return {**GRADS, **changes}


spec(
    "actbook.nn.SGD.step",
    _sgd_step,
    args={"params": PARAMS, "grads": GRADS},
    mutable=frozenset({"params"}),
    check=_check_step,
    kinds={
        "params": Fixed(
            case("None", None, TYPE),
            case("list of arrays", [np.ones((2, 3)), np.zeros(3)], TYPE),
            case("integer arrays", {"W": np.ones((2, 3), int), "b": np.zeros(3, int)}, TYPE),
            case("nested lists", {"W": np.ones((2, 3)).tolist(), "b": [0.0] * 3}, TYPE),
            case("float32 arrays", {k: v.astype(np.float32) for k, v in PARAMS.items()}, ACCEPT),
            case("a model (no grads given)", nn.Dense(3, 2), EITHER, args={"grads": NO}),
        ),
        "grads": Fixed(
            *(
                case(
                    f"grads['W'] of shape {shape} (broadcastable)",
                    _grads(W=np.ones(shape)),
                    VALUE,
                    mention=("(2, 3)", str(shape)),
                )
                for shape in [(3,), (1, 3), (2, 1), (), (1, 2, 3)]
            ),
            case("grads['W'] transposed", _grads(W=np.ones((3, 2))), VALUE),
            case(
                "grads['b'] of shape (1,), after a good grads['W']",
                _grads(b=np.ones(1)),
                VALUE,
                mention=("(3,)", "(1,)"),
            ),
            case("a key missing", {"W": GRADS["W"]}, VALUE),
            case("an extra key", _grads(c=np.ones(2)), VALUE),
            case("None, params a dict", None, TYPE),
            case("list", [GRADS["W"], GRADS["b"]], TYPE),
            case("string gradient", _grads(W=np.full((2, 3), "g")), TYPE),
            case("complex gradient", _grads(W=np.ones((2, 3), complex)), TYPE),
            case("NaN gradient", _grads(W=np.full((2, 3), np.nan)), EITHER),
            case("integer gradient", _grads(W=np.ones((2, 3), int)), ACCEPT),
            case("nested-list gradient", _grads(W=GRADS["W"].tolist()), ACCEPT),
        ),
    },
)

X62 = np.array([[0.0, 1.0], [1.0, 0.0], [0.5, 0.5], [-1.0, 0.2], [0.3, -0.7], [1.2, 1.1]])
Y6 = np.array([1.0, 0.0, 1.0, 0.0, 0.0, 1.0])


class OnStep:
    """An ``on_step`` callback that records its calls."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, Any]] = []

    def __call__(self, model, step) -> None:
        self.calls.append((model, step))

    def __deepcopy__(self, memo):
        return OnStep()


def _check_fit(result, args, before):
    epochs = int(args.get("epochs", 100))
    assert isinstance(result, nn.History), f"returns a {type(result).__name__}"
    assert result.loss.shape == (epochs,), f"loss has shape {result.loss.shape}"
    x = np.asarray(before["X"], dtype=np.float64)
    if np.all(np.isfinite(x)) and np.all(np.isfinite(np.asarray(before["y"], np.float64))):
        assert np.all(np.isfinite(result.loss)), f"loss {result.loss} for finite data"
    n = x.shape[0]
    batch = n if args.get("batch_size") is None else int(args["batch_size"])
    steps = epochs * math.ceil(n / batch)
    if args.get("record_gradients"):
        shape = result.gradient_norms.shape
        assert shape[0] == steps, f"gradient_norms has shape {shape}, {steps} steps"
    on_step = args.get("on_step")
    if isinstance(on_step, OnStep):
        assert len(on_step.calls) == steps, (
            f"on_step called {len(on_step.calls)} times, {steps} steps"
        )
        assert all(model is args["model"] for model, _ in on_step.calls), "on_step gets no model"


spec(
    "actbook.nn.fit",
    None,
    args=lambda: {
        "model": nn.MLP([2, 3, 1], "tanh", seed=0),
        "X": X62.copy(),
        "y": Y6.copy(),
        "epochs": 2,
    },
    kinds={
        "model": Fixed(
            case("None", None, TYPE),
            case("str", "mlp", TYPE),
            case("object()", object(), TYPE),
            case(
                "a model for 3 inputs", nn.MLP([3, 2, 1], seed=0), VALUE, names=("X", "x", "model")
            ),
        ),
        "X": Array(lambda s, a: s == (6, 2), example=X62),
        "y": Array(lambda s, a: s in ((6,), (6, 1)), elements=from_values(0, 1), example=Y6),
        "loss": Choice(["mse", "bce", "binary_cross_entropy_with_logits"], callable_ok=True),
        "optimizer": Fixed(
            case("str", "sgd", TYPE),
            case("float", 0.1, TYPE),
            case("object()", object(), TYPE),
            case("the class, not an instance", nn.SGD, TYPE),
            case("None", None, ACCEPT),
            case("an SGD", nn.SGD(0.05), ACCEPT),
        ),
        "epochs": Count(),
        "batch_size": Count(none=True, example=4),
        "seed": Seed(),
        "record_gradients": Boolean(),
        "on_step": Fixed(
            case("None", None, ACCEPT),
            case("int", 1, TYPE),
            case("str", "f", TYPE),
            case("a recorder", OnStep(), ACCEPT),
        ),
    },
    aliases={"X": ("X", "x")},
    extra=[
        on("y", "1.0 (a scalar)", 1.0, VALUE),
        on("y", "7 rows", np.zeros(7), VALUE),
        on("loss", "a callable", nn.mse, ACCEPT),
        on("X", "empty (0, 2), with empty y", np.zeros((0, 2)), VALUE, args={"y": np.zeros(0)}),
        on("batch_size", "larger than the data", 100, ACCEPT),
    ],
    check=_check_fit,
)


def _check_gradient_check(result, args, before):
    assert isinstance(result, float), f"returns a {type(result).__name__}"
    x = np.asarray(before["x"], dtype=np.float64)
    y = np.asarray(0.0 if before.get("y") is None else before["y"], dtype=np.float64)
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
        return
    assert math.isfinite(result) and result >= 0, f"error {result} for finite data"
    # tanh saturates beyond |x| ~ 5: both gradients vanish, the relative error means nothing
    if float(args.get("eps", 1e-6)) == 1e-6 and np.all(np.abs(x) <= 3):
        assert result < 1e-5, f"relative error {result} for a correct backward"


spec(
    "actbook.nn.gradient_check",
    None,
    args=lambda: {"model": nn.MLP([2, 3, 1], "tanh", seed=0), "x": X62[:3].copy()},
    kinds={
        "model": Fixed(
            case("None", None, TYPE), case("str", "mlp", TYPE), case("object()", object(), TYPE)
        ),
        "x": Array(lambda s, a: len(s) >= 1 and s[-1] == 2 and math.prod(s) > 0, example=X62[:3]),
        "y": Array(lambda s, a: s in ((3,), (3, 1)), none=True, example=Y6[:3]),
        "loss": Choice(["mse", "bce"], callable_ok=True),
        "eps": PositiveReal(example=1e-6),
        "seed": Seed(),
    },
    check=_check_gradient_check,
)


def _fresh_mlp_after_forward() -> Any:
    model = nn.MLP([2, 4, 1], "relu", seed=0)
    model.forward(X62)
    return model


spec(
    "actbook.nn.layer_statistics",
    None,
    args=lambda: {"model": _fresh_mlp_after_forward()},
    kinds={
        "model": Fixed(
            case("None", None, TYPE),
            case("str", "mlp", TYPE),
            case("a Dense layer", nn.Dense(2, 1), TYPE),
            case("a list of layers", [nn.Dense(2, 1)], TYPE),
        )
    },
    check=lambda result, args, before: _equal(
        [s.index for s in result], [1], "the hidden layers' indices"
    ),
)


def _check_peak(result, args, before):
    assert isinstance(result, float) and math.isfinite(result) and result > 0, f"{result!r}"
    if isinstance(args["activation"], activations.Sigmoid):
        _equal(result, 0.25, "sigmoid's derivative peak")


spec(
    "actbook.nn.derivative_peak",
    None,
    args=lambda: {"activation": activations.Sigmoid()},
    kinds={
        "activation": Fixed(
            case("None", None, TYPE),
            case("int", 5, TYPE),
            case("a name", "sigmoid", EITHER),
            case("a layer", nn.ActivationLayer("sigmoid"), EITHER),
        )
    },
    check=_check_peak,
)


def _loss_check(reference) -> Callable[..., None]:
    def check(result, args, before):
        names = list(before)
        prediction, target = np.asarray(before[names[0]]), np.asarray(before[names[1]])
        assert isinstance(result, tuple) and len(result) == 2, f"returns {result!r}"
        value, grad = result
        assert isinstance(value, float), f"the loss is a {type(value).__name__}, not a float"
        assert isinstance(grad, np.ndarray), f"the gradient is a {type(grad).__name__}"
        assert grad.shape == prediction.shape, (
            f"gradient of shape {grad.shape} for a prediction of shape {prediction.shape}"
        )
        want_value, want_grad = reference(prediction, target)
        # the rounding a correct algorithm cannot avoid: the input's precision, relative to
        # the largest logit (z - max z, z * t), and 1 - p for a probability p near 1
        dtype = ref.result_dtype(prediction)
        eps = float(np.finfo(dtype).eps)
        finite = np.abs(prediction[np.isfinite(prediction)].astype(np.float64))
        scale = max(1.0, float(finite.max())) if finite.size else 1.0
        rows = max(1, prediction.shape[0] if prediction.ndim else 1)
        if want_value is not None:  # a Python float: compared in float64, at dtype's precision
            tolerance = ref.TOLERANCE[dtype][0]
            ref.assert_close(value, want_value, what="loss", atol=8 * eps * scale, rtol=tolerance)
        ref.assert_close(grad, want_grad, dtype, what="gradient", atol=8 * eps / rows)

    return check


def _target_matches(prediction_key):
    def ok(shape, args):
        p = np.shape(args[prediction_key])
        return shape == p or (len(shape) == len(p) - 1 and p[-1:] == (1,) and shape == p[:-1])

    return ok


def _prediction_ok(target_key, minimum_size=1):
    def ok(shape, args):
        t = np.shape(args[target_key])
        good = shape == t or (len(t) == len(shape) - 1 and shape[-1:] == (1,) and t == shape[:-1])
        return good and math.prod(shape) >= minimum_size

    return ok


P41 = np.array([[0.5], [-1.0], [2.0], [0.0]])
T4 = np.array([1.0, 0.0, 1.0, 0.0])
LOGITS = np.array([[2.0, -1.0], [0.5, 0.5], [-3.0, 1.0]])
LABELS = np.array([0.0, 1.0, 1.0])

spec(
    "actbook.nn.mse",
    None,
    args={"prediction": P41, "target": T4},
    kinds={
        "prediction": Array(_prediction_ok("target"), example=P41),
        "target": Array(_target_matches("prediction"), example=T4),
    },
    extra=[
        on(
            "prediction",
            "empty with an empty target",
            np.zeros((0, 1)),
            VALUE,
            args={"target": np.zeros(0)},
        )
    ],
    aliases={"prediction": ("prediction", "target")},
    check=_loss_check(ref.mse),
)
spec(
    "actbook.nn.binary_cross_entropy_with_logits",
    None,
    args={"logits": P41, "target": T4},
    kinds={
        "logits": Array(
            _prediction_ok("target"),
            nonfinite=ACCEPT,
            extreme=ACCEPT,
            elements=any_float,
            example=P41,
        ),
        "target": Array(
            _target_matches("logits"), nonfinite=VALUE, elements=from_values(0, 0.25, 1), example=T4
        ),
    },
    extra=[
        on(
            "logits", "[inf] against [1.0]", np.array([np.inf]), ACCEPT, args={"target": np.ones(1)}
        ),
        on(
            "logits",
            "[-inf] against [0.0]",
            np.array([-np.inf]),
            ACCEPT,
            args={"target": np.zeros(1)},
        ),
        on(
            "logits",
            "[1e300] against [1.0]",
            np.array([1e300]),
            ACCEPT,
            args={"target": np.ones(1)},
        ),
        on("target", "1.5", np.array([1.5, 0, 1, 0]), VALUE),
        on("target", "-0.5", np.array([-0.5, 0, 1, 0]), VALUE),
        on("target", "soft 0.3", np.array([0.3, 0, 1, 0]), ACCEPT),
        on(
            "target",
            "shape (4, 2) against logits (4, 1)",
            np.zeros((4, 2)),
            VALUE,
            mention=("logits", "(4, 1)", "(4, 2)"),
        ),
        on(
            "logits",
            "empty with an empty target",
            np.zeros((0, 1)),
            VALUE,
            args={"target": np.zeros(0)},
        ),
    ],
    aliases={"logits": ("logits", "target")},  # a mismatch of the two: either may be named
    check=_loss_check(ref.bce),
)


def _labels_ok(shape, args):
    n, k = np.shape(args["logits"])
    return shape in ((n,), (n, k))


spec(
    "actbook.nn.softmax_cross_entropy",
    None,
    args={"logits": LOGITS, "target": LABELS},
    kinds={
        "logits": Array(
            lambda s, a: len(s) == 2 and s[0] == 3 and s[1] >= 2,
            nonfinite=EITHER,
            extreme=ACCEPT,
            elements=finite_float,
            example=LOGITS,
        ),
        "target": Array(_labels_ok, nonfinite=VALUE, elements=from_values(0, 1), example=LABELS),
    },
    extra=[
        on(
            "logits",
            "[[inf, 0]] label 0",
            np.array([[np.inf, 0.0]]),
            ACCEPT,
            args={"target": np.zeros(1)},
        ),
        on(
            "logits",
            "[[-inf, 0]] label 1",
            np.array([[-np.inf, 0.0]]),
            ACCEPT,
            args={"target": np.ones(1)},
        ),
        on(
            "logits",
            "[[1e308, -1e308]] label 0",
            np.array([[1e308, -1e308]]),
            ACCEPT,
            args={"target": np.zeros(1)},
        ),
        on("target", "label 2.5", np.array([0.0, 2.5, 1.0]), VALUE),
        on("target", "label 2 (only 2 classes)", np.array([0.0, 2.0, 1.0]), VALUE),
        on("target", "label -1", np.array([0.0, -1.0, 1.0]), VALUE),
        on("target", "one-hot of 3 classes", np.eye(3), VALUE),
        on("target", "one-hot rows", np.eye(2)[[0, 1, 1]], ACCEPT),
        on("logits", "empty batch", np.zeros((0, 2)), VALUE, args={"target": np.zeros(0)}),
    ],
    aliases={"logits": ("logits", "target")},
    check=_loss_check(ref.softmax_cross_entropy),
)


def _check_log_softmax(result, args, before):
    z = np.asarray(before["logits"])
    assert isinstance(result, np.ndarray), f"returns a {type(result).__name__}"
    assert result.shape == z.shape, f"shape {result.shape} for logits of shape {z.shape}"
    want = ref.log_softmax(z.astype(np.float64))
    want = np.where(np.isnan(want), result.astype(np.float64), want)  # NaN rows: unchecked
    dtype = ref.result_dtype(z)
    finite = np.abs(z[np.isfinite(z)].astype(np.float64))
    scale = max(1.0, float(finite.max())) if finite.size else 1.0
    # log(sum exp(z - max)) >= 0 is rounded in absolute terms: a few ulp of the row's scale
    atol = 8 * float(np.finfo(dtype).eps) * scale
    ref.assert_close(result, want, dtype, what="log softmax", atol=atol)


spec(
    "actbook.nn.log_softmax",
    None,
    args={"logits": LOGITS},
    kinds={
        "logits": Array(
            lambda s, a: len(s) == 2 and s[1] >= 1,
            nonfinite=ACCEPT,
            extreme=ACCEPT,
            elements=any_float,
            example=LOGITS,
        )
    },
    extra=[
        on("logits", "[[inf, inf, 0]]", np.array([[np.inf, np.inf, 0.0]]), ACCEPT),
        on("logits", "[[-inf, -inf]]", np.array([[-np.inf, -np.inf]]), ACCEPT),
    ],
    check=_check_log_softmax,
)

# ======================================================================================
# actbook.init
# ======================================================================================


def _check_weights(bound: Callable[[tuple[int, ...], dict], float] | None = None):
    def check(result, args, before):
        shape = args["shape"]
        shape = (int(shape),) if np.ndim(shape) == 0 else tuple(int(n) for n in shape)
        assert isinstance(result, np.ndarray) and result.shape == shape, f"returns {result!r}"
        assert result.dtype == np.float64, f"dtype {result.dtype}"
        assert np.all(np.isfinite(result)), "weights not finite"
        if bound is not None:
            limit = bound(shape, args)
            assert np.all(np.abs(result) <= limit), f"weights beyond the bound {limit}"

    return check


def _fans(shape):
    receptive = math.prod(shape[2:])
    return shape[1] * receptive if len(shape) > 2 else shape[0], (
        shape[0] * receptive if len(shape) > 2 else shape[1]
    )


def _he_bound(shape, slope):
    return math.sqrt(6 / _fans(shape)[0]) / math.hypot(1.0, slope) * (1 + 1e-12)


WEIGHT_SHAPE = Shape(min_len=2, example=(3, 4))
UNIFORM_BOUNDS = {
    "uniform_fan_in": lambda s, a: 1 / math.sqrt(_fans(s)[0]),
    "xavier_uniform": lambda s, a: math.sqrt(6 / sum(_fans(s))),
    "lecun_uniform": lambda s, a: math.sqrt(3 / _fans(s)[0]),
    "he_uniform": lambda s, a: _he_bound(s, float(a.get("negative_slope", 0.0))),
}
for name in (
    "uniform_fan_in",
    "xavier_uniform",
    "xavier_normal",
    "lecun_uniform",
    "lecun_normal",
    "he_uniform",
    "he_normal",
):
    kinds = {"shape": WEIGHT_SHAPE, "rng": Generator()}
    if name.startswith("he_"):
        kinds["negative_slope"] = Real(example=0.25)
    spec(
        f"actbook.init.{name}",
        None,
        args=lambda: {"shape": (3, 4), "rng": rng0()},
        kinds=kinds,
        check=_check_weights(UNIFORM_BOUNDS.get(name)),
    )

spec(
    "actbook.init.orthogonal",
    None,
    args=lambda: {"shape": (3, 4), "rng": rng0()},
    kinds={"shape": WEIGHT_SHAPE, "rng": Generator(), "gain": PositiveReal(example=1.0)},
    check=_check_weights(lambda s, a: float(a.get("gain", 1.0)) * (1 + 1e-12)),
)
spec(
    "actbook.init.normal",
    None,
    args=lambda: {"shape": (3, 4), "rng": rng0()},
    kinds={
        "shape": Shape(empty=EITHER, example=(3, 4)),
        "rng": Generator(),
        "std": PositiveReal(example=0.01),
        "mean": Real(example=0.0),
    },
    check=_check_weights(),
)
spec(
    "actbook.init.zeros",
    None,
    args={"shape": (3, 4)},
    kinds={"shape": Shape(empty=EITHER, example=(3, 4)), "rng": Generator(none=True)},
    check=lambda result, args, before: (
        _check_weights()(result, args, before),
        _equal(result.any(), False, "any nonzero"),
    ),
)
spec(
    "actbook.init.constant",
    None,
    args={"shape": (3, 4), "value": 0.5},
    kinds={
        "shape": Shape(empty=EITHER, example=(3, 4)),
        "rng": Generator(none=True),
        "value": Real(example=0.5),
    },
    check=lambda result, args, before: (
        _check_weights()(result, args, before),
        _equal(bool(np.all(result == float(args.get("value", 0.0)))), True, "filled with value"),
    ),
)
spec(
    "actbook.init.fan_in_fan_out",
    None,
    args={"shape": (64, 3, 5, 5)},
    kinds={"shape": Shape(min_len=2, example=(64, 3, 5, 5))},
    check=lambda result, args, before: _equal(
        result, _fans(tuple(int(n) for n in args["shape"])), "(fan_in, fan_out)"
    ),
)


def _check_initializer(result, args, before):
    weights = result((3, 4), rng0())
    assert isinstance(weights, np.ndarray) and weights.shape == (3, 4), f"gives {weights!r}"
    assert np.all(np.isfinite(weights)), "gives non-finite weights"


spec(
    "actbook.init.get_initializer",
    None,
    args={"name": "normal"},
    kinds={"name": Choice(sorted(init.INITIALIZERS))},
    unfuzzed={"options": "the initializer's own options: the extra cases pass them"},
    extra=[
        on("std", "negative", -1.0, VALUE),
        on("std", "str", "0.1", TYPE),
        on("std", "np.float32", np.float32(0.5), ACCEPT, 0.5),
        on("value", "inf", math.inf, VALUE, args={"name": "constant"}),
        on("bogus", "an option zeros does not take", 1.0, TYPE, args={"name": "zeros"}),
    ],
    check=_check_initializer,
    normalize=lambda function: function((3, 4), rng0()),
)

# ======================================================================================
# actbook.data
# ======================================================================================


def _check_dataset(n_features: int | None, labels: Callable[[dict], set] | None):
    def check(result, args, before):
        X, y = result
        n = int(args.get("n", 200))
        assert X.dtype == y.dtype == np.float64, f"dtypes {X.dtype}, {y.dtype}"
        d = n_features if n_features is not None else X.shape[1]
        assert X.shape == (n, d) and y.shape == (n,), f"shapes {X.shape}, {y.shape}"
        assert np.all(np.isfinite(X)) and np.all(np.isfinite(y)), "not finite"
        if labels is not None:
            assert set(np.unique(y)) == labels(args), f"labels {np.unique(y)}"

    return check


spec(
    "actbook.data.two_moons",
    None,
    args={"n": 10},
    kinds={"n": Count(minimum=2, example=10), "noise": NonNegative(example=0.1), "seed": Seed()},
    check=_check_dataset(2, lambda a: {0.0, 1.0}),
)
spec(
    "actbook.data.spirals",
    None,
    args={"n": 9, "classes": 3},
    kinds={
        "n": Count(minimum=3, example=9),
        "classes": Count(minimum=2, example=3),
        "turns": PositiveReal(example=1.0),
        "noise": NonNegative(example=0.1),
        "seed": Seed(),
    },
    extra=[on("n", "fewer points than classes", 2, VALUE)],
    check=_check_dataset(2, lambda a: {float(k) for k in range(int(a.get("classes", 2)))}),
)
spec(
    "actbook.data.gaussian_blobs",
    None,
    args={"n": 6},
    kinds={
        "n": Count(minimum=3, example=6),
        "centers": Fixed(
            case("0", 0, VALUE),
            case("float", 2.5, TYPE),
            case("bool", True, TYPE),
            case("str", "3", TYPE),
            case("None", None, TYPE),
            case("np.int64", np.int64(3), ACCEPT, 3),
            case("array with NaN", np.array([[0.0, np.nan], [1.0, 1.0]]), VALUE),
            case("empty array", np.zeros((0, 2)), VALUE),
            case("1-d array", np.array([1.0, 2.0]), VALUE),
            case(
                "nested list", [[0.0, 0.0], [5.0, 5.0]], ACCEPT, np.array([[0.0, 0.0], [5.0, 5.0]])
            ),
            case("complex array", np.ones((2, 2), complex), TYPE),
        ),
        "std": PositiveReal(example=1.0),
        "seed": Seed(),
    },
    extra=[on("n", "fewer points than centers", 2, VALUE)],
    check=_check_dataset(None, None),
)
spec(
    "actbook.data.regression",
    None,
    args={"n": 5},
    kinds={"n": Count(example=5), "noise": NonNegative(example=0.1), "seed": Seed()},
    check=_check_dataset(1, None),
)
X_SPLIT = np.arange(12.0).reshape(6, 2)
Y_SPLIT = np.array([0.0, 0.0, 0.0, 1.0, 1.0, 1.0])


def _check_digits(result, args, before):
    X, y = result
    assert X.shape == (1797, 64) and y.shape == (1797,), f"shapes {X.shape}, {y.shape}"
    assert X.min() == 0.0 and X.max() == 1.0, "pixels not scaled to [0, 1]"
    assert set(np.unique(y)) == set(range(10)), f"labels {np.unique(y)}"


def _check_stratified_split(result, args, before):
    X_train, X_test, y_train, y_test = result
    X, y = np.asarray(before["X"], dtype=float), np.asarray(before["y"], dtype=float)
    assert len(X_train) + len(X_test) == len(X), "rows lost or added"
    assert len(y_train) == len(X_train) and len(y_test) == len(X_test), "labels misaligned"
    rows = sorted(map(tuple, np.vstack([X_train, X_test]).tolist()))
    assert rows == sorted(map(tuple, X.tolist())), "the two sets are not a partition of X"
    fraction = float(args.get("test_fraction", 0.25))
    for label in np.unique(y):
        want = round(fraction * int(np.sum(y == label)))
        assert int(np.sum(y_test == label)) == want, f"class {label}: not stratified"


spec("actbook.data.digits", None, slow=True, check=_check_digits)


def _check_book_split(result, args, before):
    parts = result
    assert all(not part.flags.writeable for part in parts), "the shared split is writeable"
    X, y = data.digits()
    _check_stratified_split(parts, {"test_fraction": 0.25}, {"X": X, "y": y})


def _check_linear_baseline(result, args, before):
    X_train, X_test, y_train, y_test = data.split(*data.digits(), test_fraction=0.25, seed=0)
    predicted = np.argmax(X_test @ result.weights + result.bias, axis=1)
    _equal(float(np.mean(predicted == y_test)), result.test_accuracy, "the test accuracy")
    predicted = np.argmax(X_train @ result.weights + result.bias, axis=1)
    _equal(float(np.mean(predicted == y_train)), result.train_accuracy, "the train accuracy")


spec("actbook.experiments.digits.digits_split", None, check=_check_book_split)
spec("actbook.experiments.digits.linear_baseline", None, slow=True, check=_check_linear_baseline)
spec(
    "actbook.data.split",
    None,
    args={"X": X_SPLIT, "y": Y_SPLIT, "test_fraction": 0.5},
    kinds={
        "X": Array(
            lambda s, a: len(s) == 2 and s[0] == 6 and s[1] >= 1, nonfinite=VALUE, example=X_SPLIT
        ),
        "y": Array(lambda s, a: s == (6,), nonfinite=VALUE, example=Y_SPLIT),
        "test_fraction": Real(0.0, 1.0, include_low=False, include_high=False, example=0.5),
        "seed": Seed(),
    },
    check=_check_stratified_split,
)
spec(
    "actbook.data.xor",
    None,
    check=lambda result, args, before: _check_dataset(2, lambda a: {0.0, 1.0})(
        result, {"n": 4}, before
    ),
)

# ======================================================================================
# actbook.plotting
# ======================================================================================


def _close_figures() -> None:
    plt.close("all")


def _use_book_style():
    with mpl.rc_context():  # the style is global: leave the other tests theirs
        return plotting.use_book_style()


spec(
    "actbook.plotting.use_book_style",
    _use_book_style,
    check=lambda result, args, before: _equal(result, None, "the return value"),
)


def _check_new_figure(result, args, before):
    fig, axes = result
    ncols, nrows = int(args.get("ncols", 1)), int(args.get("nrows", 1))
    assert isinstance(fig, matplotlib.figure.Figure), f"returns a {type(fig).__name__}"
    assert np.size(axes) == ncols * nrows, f"{np.size(axes)} panels for {nrows} x {ncols}"
    _equal(float(fig.get_size_inches()[0]), plotting.BOOK_WIDTH, "the figure width")


spec(
    "actbook.plotting.new_figure",
    None,
    kinds={
        "ncols": Count(example=2),
        "nrows": Count(example=1),
        "sharex": Boolean(),
        "sharey": Boolean(),
    },
    args={"ncols": 2},
    check=_check_new_figure,
    normalize=lambda result: (tuple(result[0].get_size_inches()), np.shape(result[1])),
    cleanup=_close_figures,
)


def _wcag_luminance(color) -> float:
    # WCAG 2.1 relative luminance, written out from the definition (not plotting's helper)
    channels = []
    for c in matplotlib.colors.to_rgb(color):
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _check_contrast(result, args, before):
    a = _wcag_luminance(args["color"])
    b = _wcag_luminance(args.get("background", "white"))
    expected = (max(a, b) + 0.05) / (min(a, b) + 0.05)
    assert abs(result - expected) < 1e-9, f"contrast {result!r}, expected {expected!r}"


spec(
    "actbook.plotting.contrast_ratio",
    None,
    kinds={"color": Text(), "background": Text()},
    args={"color": "#E69F00", "background": "white"},
    check=_check_contrast,
)


def _check_text_color(result, args, before):
    minimum = float(args.get("minimum", 4.5))
    white = _wcag_luminance("white")
    reached = (white + 0.05) / (_wcag_luminance(result) + 0.05)
    assert reached >= minimum - 1e-6, f"{result} reaches {reached:.3f} < {minimum}"


spec(
    "actbook.plotting.text_color",
    None,
    kinds={"color": Text(), "minimum": Real(1.0, 21.0, example=4.5)},
    args={"color": "#E69F00", "minimum": 4.5},
    check=_check_text_color,
)

X_LINE = np.linspace(0.0, 1.0, 5)


def _axes():
    return plt.subplots()[1]


def _curves_shape_ok(shape, args):
    curves = args.get("curves")
    if not isinstance(curves, dict):
        return False
    return len(shape) == 1 and all(np.shape(y) == shape for y in curves.values())


def _check_curves(result, args, before):
    curves = args["curves"]
    assert isinstance(result, list) and len(result) == len(curves), f"returns {result!r}"
    labels = [line.get_label() for line in result]
    _equal(labels, list(curves), "the line labels")


spec(
    "actbook.plotting.plot_curves",
    None,
    args=lambda: {"ax": _axes(), "x": X_LINE.copy(), "curves": {"$x^2$": X_LINE**2}},
    kinds={
        "ax": Fixed(
            case("None", None, TYPE),
            case("str", "ax", TYPE),
            case("a Figure, not an Axes", matplotlib.figure.Figure(), TYPE),
        ),
        "x": Array(_curves_shape_ok, example=X_LINE),
        "curves": Fixed(
            case("None", None, TYPE),
            case("a bare array", X_LINE, TYPE),
            case("values of another shape", {"$y$": np.ones(4)}, VALUE),
            case("string values", {"$y$": ["a"] * 5}, TYPE),
            case("complex values", {"$y$": np.ones(5, complex)}, TYPE),
            case("values with NaN", {"$y$": np.full(5, np.nan)}, ACCEPT),
            case("empty mapping", {}, EITHER),
            case("int label", {1: X_LINE}, EITHER),
        ),
    },
    unfuzzed={"line_style": "passed to Axes.plot"},
    check=_check_curves,
    normalize=lambda lines: [(line.get_label(), line.get_xydata()) for line in lines],
    cleanup=_close_figures,
)


def _check_point(result, args, before):
    xy = result.get_xydata().tolist()
    _equal(xy, [[float(args["x"]), float(args["y"])]], "the dot")


spec(
    "actbook.plotting.mark_point",
    None,
    args=lambda: {"ax": _axes(), "x": 0.0, "y": 0.25, "label": "$p$"},
    kinds={
        "ax": Fixed(case("None", None, TYPE), case("str", "ax", TYPE)),
        "x": Real(example=0.0),
        "y": Real(example=0.25),
        "label": Fixed(case("int", 5, EITHER), case("None", None, ACCEPT)),
        "color": Fixed(
            case("unknown colour", "no-such-colour", VALUE),
            case("int", 5, ERROR),
            case("RGB tuple", (0.0, 0.0, 1.0), ACCEPT),
            case("None", None, EITHER),
        ),
    },
    check=_check_point,
    normalize=lambda line: line.get_xydata(),
    cleanup=_close_figures,
)


def _figure():
    fig, ax = plt.subplots()
    ax.plot([0, 1], [1, 0])
    return fig


spec(
    "actbook.plotting.savefig_svg",
    None,
    args=lambda: {"fig": _figure()},
    kinds={
        "fig": Fixed(
            case("None", None, TYPE),
            case("str", "fig", TYPE),
            case("an Axes, not a Figure", plt.figure().add_subplot(), TYPE),
        )
    },
    check=lambda result, args, before: _equal(result[:5], "<?xml", "the start of the SVG"),
    cleanup=_close_figures,
)
plt.close("all")

# ======================================================================================
# actbook.timing
# ======================================================================================


def _noop() -> None:
    return None


def _timing(samples, number=1) -> timing.Timing:
    return timing.Timing.from_samples(samples, number)


def _check_timing(result, args, before):
    samples = np.asarray(args["samples"], dtype=np.float64)
    q1, median, q3 = np.percentile(samples, [25, 50, 75])
    _equal((result.q1, result.median, result.q3), (q1, median, q3), "the quartiles")
    _equal(result.number, int(args["number"]), "number")


spec(
    "actbook.timing.Timing.from_samples",
    timing.Timing.from_samples,
    args={"samples": [3.0, 1.0, 2.0], "number": 10},
    kinds={
        "samples": RealSequence(low=0.0, example=(3.0, 1.0, 2.0)),
        "number": Count(example=10),
    },
    check=_check_timing,
)
spec(
    "actbook.timing.RatioTiming.from_timings",
    timing.RatioTiming.from_timings,
    args=lambda: {"first": _timing([2.0, 4.0, 6.0]), "second": _timing([1.0, 1.0, 2.0])},
    kinds={
        "first": Fixed(
            case("None", None, TYPE),
            case("float", 2.0, TYPE),
            case(
                "another number of samples", _timing([1.0, 2.0]), VALUE, names=("first", "second")
            ),
        ),
        "second": Fixed(
            case("None", None, TYPE),
            case("str", "g", TYPE),
            case("a zero sample", _timing([1.0, 0.0, 2.0]), VALUE),
        ),
    },
    check=lambda result, args, before: _equal(result.samples, (2.0, 4.0, 3.0), "the ratios"),
)
TIMING_SIZES = lambda result: (len(result.samples), result.number)  # noqa: E731 - a table entry
spec(
    "actbook.timing.time_callable",
    None,
    args={"func": _noop, "repeats": 3, "number": 1},
    kinds={
        "func": CallableArg(),
        "repeats": Count(minimum=3, example=3),
        "number": Count(none=True, example=1),
    },
    unfuzzed={"args": "positional arguments passed through to func"},
    check=lambda result, args, before: _equal(
        len(result.samples), int(args["repeats"]), "the number of samples"
    ),
    normalize=TIMING_SIZES,
)
spec(
    "actbook.timing.time_ratio",
    None,
    args={"f": _noop, "g": _noop, "repeats": 3, "number": 1},
    kinds={
        "f": CallableArg(),
        "g": CallableArg(),
        "repeats": Count(minimum=3, example=3),
        "number": Count(none=True, example=1),
    },
    unfuzzed={"args": "positional arguments passed through to f and g"},
    check=lambda result, args, before: _equal(
        len(result.samples), int(args["repeats"]), "the number of ratios"
    ),
    normalize=lambda result: len(result.samples),
)
spec(
    "actbook.timing.peak_memory",
    None,
    args={"func": _noop},
    kinds={"func": CallableArg()},
    unfuzzed={"args": "positional arguments passed through to func"},
    check=lambda result, args, before: _equal(
        isinstance(result, int) and result >= 0, True, "an int >= 0"
    ),
)

# ======================================================================================
# actbook.validation: the checks themselves (messages name their ``name`` argument)
# ======================================================================================

NAME = "the_value"
NAME_KIND = Fixed(case("None", None, EITHER), case("int", 5, EITHER))
CANONICAL = {  # validator -> what its result must be for an accepted value
    "integer": int,
    "positive_int": int,
    "seed": int,
    "finite_real": float,
    "positive_real": float,
    "real_in_range": float,
    "probability": float,
    "boolean": bool,
}


def _check_canonical(name: str) -> Callable[..., None]:
    kind = CANONICAL[name]

    def check(result, args, before):
        assert type(result) is kind, f"returns a {type(result).__name__}, expected {kind.__name__}"
        _equal(result, kind(args["value"]), "the value")

    return check


def _validator(name: str, value_kind, base, **more) -> None:
    extra_kinds = more.pop("kinds", {})
    spec(
        f"actbook.validation.{name}",
        None,
        args={"value": base, "name": NAME, **more.pop("args", {})},
        kinds={"value": value_kind, "name": NAME_KIND, **extra_kinds},
        aliases={"value": (NAME,)},
        check=more.pop("check", _check_canonical(name) if name in CANONICAL else None),
        **more,
    )


BOUND = Fixed(
    case("nan", math.nan, VALUE),
    case("str", "0", TYPE),
    case("None", None, TYPE),
    case("bool", False, TYPE),
    case("-inf", -math.inf, ACCEPT),
    case("np.float32", np.float32(0.0), ACCEPT, 0.0),
)
_validator(
    "integer",
    Count(minimum=0, example=3),
    3,
    args={"minimum": 0},
    kinds={
        "minimum": Fixed(
            case("float", 1.5, TYPE),
            case("str", "0", TYPE),
            case("bool", True, TYPE),
            case("nan", math.nan, TYPE),
            case("None", None, ACCEPT),
            case("np.int64", np.int64(0), ACCEPT, 0),
        )
    },
)
_validator("positive_int", Count(example=3), 3)
_validator("seed", Seed(example=3), 3)
_validator("finite_real", Real(example=0.5), 0.5)
_validator("positive_real", PositiveReal(example=0.5), 0.5)
_validator(
    "real_in_range",
    Real(0.0, 1.0, example=0.5),
    0.5,
    args={"low": 0.0, "high": 1.0},
    kinds={
        "low": BOUND,
        "high": Fixed(*BOUND._cases[:4], case("inf", math.inf, ACCEPT)),
        "include_low": Boolean(example=True),
        "include_high": Boolean(example=True),
    },
    extra=[on("low", "above high", 2.0, VALUE, names=("low", "high"))],
)
_validator(
    "probability",
    Probability(example=0.5),
    0.5,
    kinds={"allow_one": Boolean()},
    extra=[on("value", "1.0 with allow_one", 1.0, ACCEPT, args={"allow_one": True})],
)
_validator("boolean", Boolean(example=True), True)
_validator(
    "one_of",
    Fixed(
        case("unknown", "c", VALUE),
        case("None", None, VALUE),
        case("unhashable", ["b"], VALUE),
        case("np.str_", np.str_("b"), ACCEPT, "b"),
    ),
    "b",
    args={"choices": ["a", "b"]},
    kinds={
        "choices": Fixed(
            case("None", None, TYPE),
            case("int", 5, TYPE),
            case("tuple", ("a", "b"), ACCEPT, ["a", "b"]),
            case("iterator", iter(["a", "b"]), ACCEPT),
        )
    },
    check=lambda result, args, before: _equal(result, args["value"], "the value"),
)
_validator(
    "require_callable",
    CallableArg(),
    len,
    check=lambda result, args, before: _equal(result is args["value"], True, "returns value"),
)


def _check_array(result, args, before):
    value = np.asarray(before["value"])
    assert isinstance(result, np.ndarray), f"returns a {type(result).__name__}"
    assert result.dtype == ref.result_dtype(value), f"dtype {result.dtype} for {value.dtype}"
    ref.assert_close(result, value.astype(np.float64), result.dtype)


_validator(
    "float_array",
    Array(lambda s, a: len(s) == 2 and math.prod(s) > 0, nonfinite=ACCEPT, example=X43),
    X43,
    args={"ndim": 2, "nonempty": True},
    kinds={
        "ndim": Fixed(
            case("float", 2.5, TYPE),
            case("integral float", 2.0, TYPE),
            case("bool", True, TYPE),
            case("str", "2", TYPE),
            case("-1", -1, VALUE),
            case("np.int64", np.int64(2), ACCEPT, 2),
            case("None", None, ACCEPT),
        ),
        "nonempty": Boolean(example=True),
        "finite": Boolean(),
    },
    extra=[
        on("value", "NaN with finite=True", np.full((2, 2), np.nan), VALUE, args={"finite": True}),
        on("value", "inf with finite=True", np.full((2, 2), np.inf), VALUE, args={"finite": True}),
    ],
    check=_check_array,
)
_validator(
    "same_shape",
    Array(lambda s, a: s == (4, 3), exact=lambda a: (4, 3), nonfinite=ACCEPT, example=X43),
    X43,
    args={"shape": (4, 3), "reference": "the reference"},
    kinds={
        "shape": Fixed(
            case("None", None, TYPE),
            case("float entry", (4.0, 3), TYPE),
            case("str", "43", TYPE),
            case("-1 entry", (-1, 3), VALUE),
            case("list", [4, 3], ACCEPT, (4, 3)),
            case("np.int64 entries", (np.int64(4), np.int64(3)), ACCEPT, (4, 3)),
        ),
        "reference": Fixed(case("None", None, EITHER), case("int", 5, EITHER)),
    },
    check=_check_array,
)


_validator("nonnegative_real", NonNegative(example=0.5), 0.5)
spec(
    "actbook.validation.generator",
    None,
    args=lambda: {"rng": rng0(), "name": NAME},
    kinds={"rng": Generator(), "name": NAME_KIND},
    aliases={"rng": (NAME,)},
    check=lambda result, args, before: _equal(result is args["rng"], True, "returns rng"),
)
spec(
    "actbook.validation.sequence",
    None,
    args={"values": [2, 3], "name": NAME, "check": validation.positive_int},
    kinds={
        "values": IntSequence(example=(2, 3)),
        "name": NAME_KIND,
        "check": CallableArg(),
        "min_length": Fixed(
            case("float", 1.5, TYPE),
            case("integral float", 1.0, TYPE),
            case("bool", True, TYPE),
            case("str", "1", TYPE),
            case("None", None, TYPE),
            case("-1", -1, VALUE),
            case("0", 0, ACCEPT),
            case("np.int64", np.int64(2), ACCEPT, 2),
        ),
    },
    aliases={"values": (NAME,)},
    extra=[on("min_length", "more than the values", 3, VALUE, names=(NAME, "min_length"))],
    check=lambda result, args, before: _equal(
        result, [int(v) for v in args["values"]], "the checked values"
    ),
)
CANONICAL["nonnegative_real"] = float


def _check_generator(result, args, before):
    assert isinstance(result, np.random.Generator), f"returns a {type(result).__name__}"


spec(
    "actbook.validation.make_rng",
    None,
    kinds={"rng": Generator(none=True), "seed_value": Seed(none=True)},
    # adjusted: layers pass their ``seed`` argument here, so the message names seed
    aliases={"seed_value": ("seed_value", "seed")},
    extra=[on("seed_value", "with rng too", 1, VALUE, args={"rng": rng0()}, names=("rng", "seed"))],
    check=_check_generator,
)
spec(
    "actbook.validation.as_generator",
    None,
    args={"rng": 5, "name": NAME},
    kinds={"rng": RngOrSeed(), "name": NAME_KIND},
    aliases={"rng": (NAME,)},
    check=_check_generator,
)

# ======================================================================================
# actbook.claims
# ======================================================================================

CLAIM_ID = "vanishing.sigmoid_bound_3"


def _claim(**kw: Any) -> Any:
    """Register a claim with ``claims.claim`` and return it, leaving the registry as it was."""
    known = set(claims.REGISTRY)
    try:
        register = claims.claim(**kw)

        def compute() -> float:
            return 0.25

        register(compute)
        return claims.REGISTRY[kw["id"]]
    finally:
        for key in set(claims.REGISTRY) - known:
            del claims.REGISTRY[key]


def _rendered(claim):
    """A claim's text; a timing's (volatile) from a new measurement, none being stored."""
    return claim.render(claim.measure() if claim.volatile else None)


def _check_claim(result, args, before):
    assert isinstance(result, claims.Claim), f"returns a {type(result).__name__}"
    fmt = args["fmt"]
    want = fmt(0.25) if callable(fmt) else format(0.25, fmt)
    _equal(_rendered(result), want, "the rendered value")
    _equal(result.papers, tuple(args.get("papers", ())), "the papers")


spec(
    "actbook.claims.claim",
    _claim,
    args={"id": "fuzz.example", "fmt": ".3f", "statement": "A statement.", "method": "A method."},
    kinds={
        "id": Fixed(
            case("no period", "fuzzexample", VALUE),
            case("two periods", "a.b.c", VALUE),
            case("empty name", "fuzz.", VALUE),
            case("int", 5, ERROR),
            case("None", None, ERROR),
            case("an id already registered", CLAIM_ID, VALUE),
        ),
        "fmt": Fixed(
            case("int", 5, TYPE),
            case("None", None, TYPE),
            case("invalid format spec", ".3q", VALUE),
            case("a callable", str, ACCEPT),
        ),
        "statement": Text(),
        "method": Text(),
        "papers": Fixed(
            case("a bare string", "glorot2010", ERROR),
            case("int element", [5], TYPE),
            case("None", None, TYPE),
            case("a source article, not a paper", ["S1"], VALUE),
            case("list", ["glorot2010", "he2015delving"], ACCEPT),
        ),
        "volatile": Boolean(),
    },
    check=_check_claim,
    normalize=lambda c: (c.id, _rendered(c), c.statement, c.method, c.papers, c.volatile),
)
CLAIM_IDS = Fixed(
    case("unknown id", "no.such", Expect.LOOKUP),
    case("int", 5, ERROR),
    case("None", None, ERROR),
    case("list", [CLAIM_ID], ERROR),
    case("np.str_", np.str_(CLAIM_ID), ACCEPT, CLAIM_ID),
)
spec(
    "actbook.claims.get_claim",
    None,
    args={"id": CLAIM_ID},
    kinds={"id": CLAIM_IDS},
    check=lambda result, args, before: _equal(result.id, CLAIM_ID, "the claim's id"),
)
spec(
    "actbook.claims.render",
    None,
    args={"id": CLAIM_ID},
    kinds={"id": CLAIM_IDS},
    check=lambda result, args, before: _equal(result, "0.015625", "the rendered claim"),
)
spec(
    "actbook.claims.Claim.render",
    lambda **kw: claims.get_claim(CLAIM_ID).render(**kw),
    kinds={
        "value": Fixed(
            case("str", "abc", TYPE),
            case("object()", object(), TYPE),
            case("complex", 1j, TYPE),
            case("None", None, ACCEPT),
            case("np.float64", np.float64(0.5), ACCEPT, 0.5),
            case("nan", math.nan, EITHER),
        )
    },
    check=lambda result, args, before: _equal(isinstance(result, str), True, "a string"),
)


def _sci(value: float, digits: int) -> str:
    mantissa, exponent = f"{value:.{digits - 1}e}".split("e")
    exponent = int(exponent)
    power = str(exponent).translate(str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻"))
    return mantissa if exponent == 0 else f"{mantissa} × 10{power}"


FORMATTERS = {  # name -> (kind of its argument, example, expected text of 0.123456)
    "sci": (Count(example=3), lambda d: _sci(0.123456, d)),
    "fixed": (Count(minimum=0, example=2), lambda d: f"{0.123456:.{d}f}"),
    "ratio": (Count(minimum=0, example=1), lambda d: f"{0.123456:.{d}f}×"),
    "percent": (Count(minimum=0, example=1), lambda d: f"{12.3456:.{d}f} %"),
}
for name, (kind, expected) in FORMATTERS.items():
    param = "digits" if name == "sci" else "decimals"

    def check(result, args, before, expected=expected, param=param):
        _equal(result(0.123456), expected(int(args[param])), "the formatted 0.123456")

    spec(
        f"actbook.claims.{name}",
        None,
        args={param: kind.example},
        kinds={param: kind},
        check=check,
        normalize=lambda formatter: formatter(0.123456),
    )
spec(
    "actbook.claims.integer",
    None,
    args={"value": 538.0},
    kinds={
        "value": Fixed(
            case("2.5", 2.5, VALUE),
            case("str", "3", TYPE),
            case("None", None, TYPE),
            case("bool", True, TYPE),
            case("nan", math.nan, VALUE),
            case("inf", math.inf, VALUE),
            case("np.int64", np.int64(538), ACCEPT, 538),
            case("np.float64", np.float64(538.0), ACCEPT, 538.0),
            case("int", 538, ACCEPT),
        )
    },
    check=lambda result, args, before: _equal(result, "538", "the text"),
)

# ======================================================================================
# actbook.experiments
# ======================================================================================

ACTIVATION_NAMES = sorted(activations.ACTIVATIONS)


def _models(*more: Case) -> Fixed:
    return Fixed(
        case("None", None, TYPE),
        case("str", "model", TYPE),
        case("object()", object(), TYPE),
        case("a Dense layer", nn.Dense(2, 1), TYPE),
        *more,
    )


def _is(cls: type | str) -> Callable[..., None]:
    def check(result, args, before):
        kind = resolve(cls) if isinstance(cls, str) else cls
        assert isinstance(result, kind), f"returns a {type(result).__name__}, not a {kind.__name__}"

    return check


def _ok_rows(n_features: int) -> Callable[[tuple[int, ...], dict], bool]:
    return lambda shape, args: len(shape) == 2 and shape[0] >= 1 and shape[1] == n_features


def _check_deep_net(result, args, before):
    depth = int(args.get("depth", 10))
    per_block = 3 if args["batch_norm"] else 2
    _equal(len(result.layers), per_block * depth + 1, "the number of layers")


spec(
    "actbook.experiments.batchnorm.build_deep_sigmoid_net",
    None,
    args={"depth": 2, "width": 4, "batch_norm": False},
    kinds={
        "depth": Count(),
        "width": Count(example=4),
        "batch_norm": Boolean(),
        "in_features": Count(),
        "init": Init(),
        "seed": Seed(),
    },
    check=_check_deep_net,
)


def _check_linear_fraction(result, args, before):
    threshold = float(args.get("threshold", 1.0))
    want = [np.mean(np.abs(np.asarray(z, float)) <= threshold) for z in before["pre_activations"]]
    ref.assert_close(result, np.array(want), what="fractions")


spec(
    "actbook.experiments.batchnorm.linear_region_fraction",
    None,
    args={"pre_activations": [np.array([-2.0, 0.5, 1.0, 3.0]), np.zeros(3)]},
    kinds={
        "pre_activations": Fixed(
            case("None", None, TYPE),
            case("int", 5, TYPE),
            case("str", "abc", TYPE),
            case("an array of strings", [np.array(["a"])], TYPE),
            case("an empty layer", [np.array([])], VALUE),
            case("no layers", [], EITHER),
            case("nested lists", [[-2.0, 0.5], [0.0]], ACCEPT),
            case("NaN entries", [np.array([np.nan, 0.5])], EITHER),
        ),
        "threshold": PositiveReal(example=1.0),
    },
    check=_check_linear_fraction,
)


def _check_comparison(result, args, before):
    depth, epochs = int(args.get("depth", 10)), int(args.get("epochs", 300))
    for run in (result.without_batchnorm, result.with_batchnorm):
        _equal(run.gradient_norms.shape, (epochs, depth + 1), "gradient_norms' shape")


spec(
    "actbook.experiments.batchnorm.batchnorm_deep_sigmoid",
    None,
    slow=True,
    small={"depth": 2, "width": 4, "n_samples": 10, "epochs": 2},
    kinds={
        "depth": Count(),
        "width": Count(),
        "n_samples": Count(minimum=2),
        "noise": NonNegative(example=0.1),
        "epochs": Count(),
        "lr": PositiveReal(example=0.1),
        "momentum": Real(0.0, 1.0, include_high=False, example=0.9),
        "init": Init(),
        "threshold": PositiveReal(example=1.0),
        "seed": Seed(),
    },
    check=_check_comparison,
)


# the digits networks, computed here in NumPy from the documented recipe: Dense weights
# drawn in order from default_rng(seed) (Xavier uniform for the sigmoid, He normal for
# ReLU), zero biases, normalization with eps 1e-5 and gamma 1, beta 0 at the start
DIGITS_EPS = 1e-5
DIGITS_NORMALIZATIONS = ["none", "batch", "layer"]
DIGITS_ACTIVATION_NAMES = ["sigmoid", "relu"]
DIGITS_NORM_LAYERS = {"none": None, "batch": "BatchNorm", "layer": "LayerNorm"}


def _digits_sizes(depth: int, width: int) -> list[tuple[int, int]]:
    return [(64, width)] + [(width, width)] * (depth - 1) + [(width, 10)]


def _digits_weights(activation: str, depth: int, width: int, seed: int) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    out = []
    for fan_in, fan_out in _digits_sizes(depth, width):
        if activation == "sigmoid":
            bound = math.sqrt(6.0 / (fan_in + fan_out))
            out.append(rng.uniform(-bound, bound, size=(fan_in, fan_out)))
        else:
            out.append(rng.normal(0.0, math.sqrt(2.0 / fan_in), size=(fan_in, fan_out)))
    return out


def _digits_activation(activation: str, z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """f(z) and f'(z)."""
    if activation == "sigmoid":
        s = 0.5 * (1.0 + np.tanh(0.5 * z))  # no overflow for any z
        return s, s * (1.0 - s)
    return np.maximum(z, 0.0), (z > 0).astype(np.float64)


def _standardized(z: np.ndarray, axis: int) -> np.ndarray:
    mean = z.mean(axis=axis, keepdims=True)
    return (z - mean) / np.sqrt(((z - mean) ** 2).mean(axis=axis, keepdims=True) + DIGITS_EPS)


def _mean_cross_entropy(logits: np.ndarray, labels: np.ndarray) -> tuple[float, np.ndarray]:
    """Mean softmax cross-entropy and its gradient with respect to the logits."""
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    rows = np.arange(len(labels))
    grad = np.exp(log_p)
    grad[rows, labels] -= 1.0
    return float(-log_p[rows, labels].mean()), grad / len(labels)


def _check_digits_layers(net, normalization: str, activation: str, depth: int, width: int):
    """The structure of a digits network: layer types, shapes and hyper-parameters."""
    norm = DIGITS_NORM_LAYERS[normalization]
    block = ["Dense", *([norm] if norm else []), "ActivationLayer"]
    _equal([type(layer).__name__ for layer in net.layers], block * depth + ["Dense"], "the layers")
    dense = [layer for layer in net.layers if isinstance(layer, nn.Dense)]
    _equal([d.params["W"].shape for d in dense], _digits_sizes(depth, width), "the weight shapes")
    for layer in net.layers:
        if isinstance(layer, nn.ActivationLayer):
            _equal(layer.name, activation, "the activation")
        if isinstance(layer, nn.LayerNorm):
            _equal(layer.normalized_shape, (width,), "LayerNorm's normalized_shape")
        if isinstance(layer, nn.BatchNorm | nn.LayerNorm):
            _equal(layer.eps, DIGITS_EPS, f"{type(layer).__name__}'s eps")
    return dense


def _digits_arguments(args: dict[str, Any]) -> tuple[str, str, int, int, int]:
    return (
        str(args.get("normalization", "none")),
        str(args.get("activation", "sigmoid")),
        int(args.get("depth", 5)),
        int(args.get("width", 32)),
        int(args.get("seed", 0)),
    )


def _check_digits_net(result, args, before):
    _is(nn.Sequential)(result, args, before)
    normalization, activation, depth, width, seed = _digits_arguments(args)
    dense = _check_digits_layers(result, normalization, activation, depth, width)
    weights = _digits_weights(activation, depth, width, seed)
    for i, (layer, w) in enumerate(zip(dense, weights, strict=True)):
        ref.assert_close(layer.params["W"], w, what=f"W of Dense layer {i}", rtol=1e-12)
        _equal(bool(np.all(layer.params["b"] == 0)), True, f"b of Dense layer {i} is zero")
    for layer in result.layers:
        if isinstance(layer, nn.BatchNorm):
            _equal(layer.momentum, float(args.get("bn_momentum", 0.1)), "BatchNorm's momentum")
    # a forward in training mode (batch statistics) of eight digits, on a copy
    x = np.random.default_rng(1).uniform(0.0, 1.0, size=(8, 64))
    h = x
    for w in weights[:-1]:
        z = h @ w
        if normalization != "none":
            z = _standardized(z, 0 if normalization == "batch" else 1)
        h = _digits_activation(activation, z)[0]
    want = h @ weights[-1]
    got = copy.deepcopy(result).forward(x, training=True)
    ref.assert_close(got, want, what="the logits", rtol=1e-9, atol=1e-12)


spec(
    "actbook.experiments.batchnorm.build_digits_net",
    None,
    args={"normalization": "batch", "depth": 2, "width": 4},
    kinds={
        "normalization": Choice(DIGITS_NORMALIZATIONS),
        "activation": Choice(DIGITS_ACTIVATION_NAMES),
        "depth": Count(),
        "width": Count(example=4),
        "bn_momentum": Real(0.0, 1.0, example=0.1),
        "seed": Seed(),
    },
    extra=[
        on("activation", "an activation without a digits initializer", "tanh", VALUE),
        on("activation", "an Activation instance", activations.Sigmoid(), ERROR),
    ],
    check=_check_digits_net,
)


def _digits_eval_logits(net, normalization: str, activation: str, x: np.ndarray) -> np.ndarray:
    """The logits of a trained digits network in evaluation mode, from its parameters."""
    h = np.asarray(x, dtype=np.float64)
    for layer in net.layers:
        if isinstance(layer, nn.Dense):
            h = h @ layer.params["W"] + layer.params["b"]
        elif isinstance(layer, nn.BatchNorm):
            scaled = (h - layer.running_mean) / np.sqrt(layer.running_var + DIGITS_EPS)
            h = layer.params["gamma"] * scaled + layer.params["beta"]
        elif isinstance(layer, nn.LayerNorm):
            h = layer.params["gamma"] * _standardized(h, 1) + layer.params["beta"]
        else:
            h = _digits_activation(activation, h)[0]
    return h


def _digits_first_step_norms(normalization, activation, depth, width, seed, batch_size):
    """||dL/dW|| of each hidden layer at the first mini-batch, by a NumPy backward pass."""
    from actbook.experiments.digits import digits_split

    X_train, _, y_train, _ = (np.asarray(part) for part in digits_split())
    batch = np.random.default_rng(seed).permutation(len(X_train))[:batch_size]
    weights = _digits_weights(activation, depth, width, seed)
    axis = {"batch": 0, "layer": 1}.get(normalization)
    h, inputs, pre, normalized = X_train[batch].astype(np.float64), [], [], []
    for w in weights[:-1]:
        inputs.append(h)
        z = h @ w
        pre.append(z)
        a = z if axis is None else _standardized(z, axis)
        normalized.append(a)
        h = _digits_activation(activation, a)[0]
    _, grad = _mean_cross_entropy(h @ weights[-1], y_train[batch].astype(int))
    grad = grad @ weights[-1].T
    norms = []
    for i in reversed(range(depth)):
        grad = grad * _digits_activation(activation, normalized[i])[1]
        if axis is not None:
            grad = ref.normalize_backward(pre[i], grad, (axis,), DIGITS_EPS)
        norms.append(np.linalg.norm(inputs[i].T @ grad))
        grad = grad @ weights[i].T
    return np.array(norms[::-1])


def _check_digits_run(result, args, before):
    from actbook.experiments.digits import digits_split

    _is("actbook.experiments.batchnorm.DigitsRun")(result, args, before)
    normalization, activation, depth, width, seed = _digits_arguments(args)
    epochs, batch_size = int(args.get("epochs", 20)), int(args.get("batch_size", 64))
    for name in ("train_loss", "test_loss", "test_accuracy"):
        _equal(getattr(result, name).shape, (epochs,), f"the shape of {name}")
    _equal(result.initial_gradient_norms.shape, (depth,), "the shape of initial_gradient_norms")
    assert np.all(np.isfinite(result.train_loss) & (result.train_loss >= 0)), "train_loss"
    _check_digits_layers(result.model, normalization, activation, depth, width)
    for layer in result.model.layers:
        if isinstance(layer, nn.BatchNorm):
            _equal(layer.momentum, float(args.get("bn_momentum", 0.1)), "BatchNorm's momentum")
    # the gradient norms of the first step, from the initial weights and the first batch
    want = _digits_first_step_norms(normalization, activation, depth, width, seed, batch_size)
    ref.assert_close(result.initial_gradient_norms, want, what="initial_gradient_norms", rtol=1e-7)
    # the last epoch's test scores and the training accuracy, from the trained model
    X_train, X_test, y_train, y_test = (np.asarray(part) for part in digits_split())
    logits = _digits_eval_logits(result.model, normalization, activation, X_test)
    loss, _ = _mean_cross_entropy(logits, y_test.astype(int))
    ref.assert_close(result.test_loss[-1], loss, what="the last test loss", rtol=1e-9)
    accuracy = np.mean(np.argmax(logits, axis=1) == y_test)
    ref.assert_close(result.test_accuracy[-1], accuracy, what="the last test accuracy")
    logits = _digits_eval_logits(result.model, normalization, activation, X_train)
    accuracy = np.mean(np.argmax(logits, axis=1) == y_train)
    ref.assert_close(result.train_accuracy_eval, accuracy, what="train_accuracy_eval")
    # the last epoch's batch accuracy: a count of the digits in its complete batches
    seen = len(X_train) // batch_size * batch_size
    correct = result.train_accuracy_batch * seen
    assert 0 <= correct <= seen and abs(correct - round(correct)) < 1e-6, (
        f"train_accuracy_batch {result.train_accuracy_batch!r} is not a share of {seen} digits"
    )


spec(
    "actbook.experiments.batchnorm.train_digits",
    None,
    slow=True,
    args={"normalization": "batch"},
    small={"depth": 2, "width": 4, "epochs": 1},
    kinds={
        "normalization": Choice(DIGITS_NORMALIZATIONS),
        "activation": Choice(DIGITS_ACTIVATION_NAMES),
        "depth": Count(),
        "width": Count(),
        "batch_size": Count(minimum=2, example=64),
        "epochs": Count(),
        "lr": PositiveReal(example=0.1),
        "momentum": Real(0.0, 1.0, include_high=False, example=0.9),
        "bn_momentum": Real(0.0, 1.0, example=0.1),
        "seed": Seed(),
    },
    extra=[
        on("batch_size", "more than the 1347 training digits", 1348, VALUE),
        on("batch_size", "all 1347 training digits", 1347, ACCEPT),
        on("normalization", "layer", "layer", ACCEPT),
        on("normalization", "none", "none", ACCEPT),
        on("activation", "relu", "relu", ACCEPT),
        on(
            "activation",
            "relu, layer normalization",
            "relu",
            ACCEPT,
            args={"normalization": "layer"},
        ),
    ],
    check=_check_digits_run,
)

MODEL_2_4_1 = lambda: nn.MLP([2, 4, 1], "relu", seed=0)  # noqa: E731 - a table entry


def _check_dead_mask(result, args, before):
    assert isinstance(result, list) and len(result) == 1, f"returns {result!r}"
    assert result[0].shape == (4,) and result[0].dtype == bool, f"mask {result[0]!r}"


spec(
    "actbook.experiments.dead_relu.dead_unit_mask",
    None,
    args=lambda: {"model": MODEL_2_4_1(), "X": X62.copy()},
    kinds={"model": _models(), "X": Array(_ok_rows(2), example=X62)},
    aliases={"X": ("X", "x")},  # the model reports its input as x
    check=_check_dead_mask,
)
spec(
    "actbook.experiments.dead_relu.dead_relu_vs_learning_rate",
    None,
    slow=True,
    small={
        "learning_rates": [0.1],
        "sizes": (2, 4, 1),
        "n_samples": 10,
        "epochs": 1,
        "batch_size": 5,
        "seeds": (0,),
    },
    kinds={
        "learning_rates": RealSequence(low=0.0, include_low=False, example=(0.1,)),
        "sizes": IntSequence(min_len=2, example=(2, 4, 1)),
        "n_samples": Count(minimum=2),
        "epochs": Count(),
        "batch_size": Count(),
        "seeds": IntSequence(minimum=0, example=(0,)),
    },
    extra=[on("sizes", "3 inputs for 2-d data", (3, 4, 1), VALUE)],
    check=_is("actbook.experiments.dead_relu.DeadReluResult"),
)
spec(
    "actbook.experiments.dead_relu.dying_probability",
    None,
    slow=True,
    small={"widths": [2], "depths": [2], "trials": 10, "n_inputs": 5},
    kinds={
        "widths": IntSequence(example=(2,)),
        "depths": IntSequence(example=(2,)),
        "trials": Count(),
        "n_inputs": Count(minimum=2),
        "input_dim": Count(example=1),
        "bias_std": NonNegative(example=0.0),
        "seed": Seed(),
    },
    check=_is("actbook.experiments.dead_relu.DyingReluResult"),
)
spec(
    "actbook.experiments.dead_relu.digits_training",
    None,
    slow=True,
    small={"hidden": (4,), "epochs": 1},
    kinds={
        "activation": Choice(ACTIVATION_NAMES),
        "learning_rate": PositiveReal(example=0.1),
        "hidden": IntSequence(example=(4,)),
        "epochs": Count(),
        "batch_size": Count(),
        "momentum": Real(0.0, 1.0, include_high=False, example=0.0),
        "seed": Seed(),
    },
    check=_is("actbook.experiments.dead_relu.DigitsTraining"),
)


def _check_dropout_mlp(result, args, before):
    p = float(args["drop_probability"])
    layers = [layer for layer in result.layers if type(layer).__name__ == "Dropout"]
    hidden = len(list(args["sizes"])) - 2
    _equal(len(layers), hidden if p > 0 else 0, "the number of Dropout layers")
    assert all(layer.drop_probability == p for layer in layers), "another drop probability"


spec(
    "actbook.experiments.dropout.build_dropout_mlp",
    None,
    args={"sizes": [2, 8, 1], "drop_probability": 0.5},
    kinds={
        "sizes": IntSequence(min_len=2, example=(2, 8, 1)),
        "drop_probability": Probability(),
        "activation": Activation(example="relu"),
        "convention": Choice(["inverted", "scale_at_test"]),
        "seed": Seed(),
    },
    check=_check_dropout_mlp,
)


def _check_digits_subset(result, args, before):
    X, y = result
    per_class = int(args.get("per_class", 30))
    _equal(X.shape, (10 * per_class, 64), "the shape of X")
    _equal(np.bincount(y.astype(int), minlength=10).tolist(), [per_class] * 10, "the class counts")


spec(
    "actbook.experiments.dropout.digits_subset",
    None,
    args={"per_class": 3},
    kinds={"per_class": Count(example=3), "seed": Seed()},
    extra=[on("per_class", "more than a class holds", 10_000, VALUE)],
    check=_check_digits_subset,
)


def _check_subset_baseline(result, args, before):
    train, val, loss = result
    assert 0 <= val <= 1 and 0 <= train <= 1, f"accuracies {train}, {val} outside [0, 1]"
    assert loss > 0, f"a log-loss of {loss}"


spec(
    "actbook.experiments.dropout.subset_linear_baseline",
    None,
    slow=True,
    args={"per_class": 3},
    kinds={"per_class": Count(example=3), "seed": Seed(), "C": PositiveReal(example=1.0)},
    check=_check_subset_baseline,
)


def _check_train_digits(result, args, before):
    curves, model = result
    epochs = int(args.get("epochs", 40))
    every = int(args.get("eval_every", 5))
    marks = sorted({*range(0, epochs, every), epochs})
    _equal(curves[:, 0].tolist(), [float(m) for m in marks], "the checkpoint epochs")
    assert np.all((curves[:, [2, 4]] >= 0) & (curves[:, [2, 4]] <= 1)), "accuracies outside [0, 1]"
    p = float(args["drop_probability"])
    dropouts = [layer for layer in model.layers if type(layer).__name__ == "Dropout"]
    hidden = len(list(args.get("hidden", (128, 128))))
    _equal(len(dropouts), hidden if p > 0 else 0, "the number of Dropout layers")


spec(
    "actbook.experiments.dropout.train_digits",
    None,
    slow=True,
    args={"drop_probability": 0.5},
    small={"per_class": 2, "hidden": (2,), "epochs": 1, "eval_every": 1},
    kinds={
        "drop_probability": Probability(),
        "per_class": Count(example=2),
        "subset_seed": Seed(),
        "hidden": IntSequence(min_len=1, example=(2,)),
        "epochs": Count(example=1),
        "eval_every": Count(example=1),
        "batch_size": Count(example=50),
        "lr": PositiveReal(example=0.05),
        "momentum": Real(0.0, 1.0, include_high=False, example=0.9),
        "seed": Seed(),
    },
    check=_check_train_digits,
)

Y6_CLASSES = np.array([2.0, 0.0, 1.0, 0.0, 2.0, 1.0])


def _check_monte_carlo(result, args, before):
    ks = sorted(set(int(k) for k in args.get("ks", (1, 2, 5, 10, 20, 50))))
    repeats = int(args.get("repeats", 3))
    _equal(result["ks"].tolist(), ks, "ks")
    _equal(result["accuracy"].shape, (repeats, len(ks)), "the shape of accuracy")
    X = np.asarray(args["X"], dtype=np.float64)
    y = np.asarray(args["y"], dtype=np.float64).astype(int)
    h = X
    for layer in args["model"].layers:  # the weight-scaling pass by hand
        if type(layer).__name__ == "Dense":
            h = h @ layer.params["W"] + layer.params["b"]
        elif type(layer).__name__ == "ActivationLayer":
            h = np.maximum(h, 0)
    ref.assert_close(result["ws_accuracy"], float(np.mean(h.argmax(1) == y)), what="ws_accuracy")


spec(
    "actbook.experiments.dropout.monte_carlo",
    None,
    args=lambda: {
        "model": dropout_experiments.build_dropout_mlp([2, 4, 3], 0.5),
        "X": X62.copy(),
        "y": Y6_CLASSES.copy(),
        "ks": (1, 2),
        "repeats": 2,
    },
    kinds={
        "model": _models(case("a model without dropout", nn.MLP([2, 4, 3], seed=0), VALUE)),
        "X": Array(lambda s, a: s == (6, 2), example=X62),
        "y": Array(lambda s, a: s == (6,), elements=from_values(0, 1, 2), example=Y6_CLASSES),
        "ks": IntSequence(example=(1, 2)),
        "repeats": Count(),
        "seed": Seed(),
    },
    extra=[on("y", "a label beyond the classes", np.array([3.0, 0, 1, 0, 2, 1]), VALUE)],
    aliases={"X": ("X", "x")},  # the model reports its input as x
    check=_check_monte_carlo,
)


def _check_mask_gradient(result, args, before):
    n = np.asarray(args["X"]).shape[0]
    _equal(result["units"], 4, "the width of the first layer")
    _equal(result["max_dropped_delta"], 0.0, "the largest gradient of a dropped unit")
    assert 0 <= result["dropped_pairs"] <= 4 * n, f"{result['dropped_pairs']} dropped pairs"
    assert 1 <= result["distinct_masks"] <= n, f"{result['distinct_masks']} distinct masks"
    _equal(
        result["units_without_gradient"],
        result["units_always_inactive"] + result["units_dropped_where_active"],
        "the units without gradient",
    )


spec(
    "actbook.experiments.dropout.mask_gradient_check",
    None,
    args=lambda: {
        "model": dropout_experiments.build_dropout_mlp([2, 4, 3], 0.5),
        "X": X62.copy(),
        "y": Y6_CLASSES.copy(),
    },
    kinds={
        "model": _models(case("a model without dropout", nn.MLP([2, 4, 3], seed=0), VALUE)),
        "X": Array(lambda s, a: s == (6, 2), example=X62),
        "y": Array(lambda s, a: s == (6,), elements=from_values(0, 1, 2), example=Y6_CLASSES),
    },
    aliases={"X": ("X", "x")},
    check=_check_mask_gradient,
)


def _check_tanh_gap(result, args, before):
    x = np.asarray(args["x"], dtype=np.float64)
    w = np.asarray(args["w"], dtype=np.float64)
    mean_output, output_of_mean, mean_z, var_z = result
    ref.assert_close(mean_z, float(np.dot(w, x)), what="E[z]")
    ref.assert_close(output_of_mean, math.tanh(float(np.dot(w, x))), what="tanh(E[z])")
    p = float(args["drop_probability"])
    ref.assert_close(var_z, p / (1 - p) * float(np.sum((w * x) ** 2)), what="Var[z]")
    assert -1 <= mean_output <= 1, f"a mean output of {mean_output}"


spec(
    "actbook.experiments.dropout.tanh_dropout_gap",
    None,
    args={"x": [1.0, -0.5, 2.0], "w": [0.3, 0.8, -0.2], "drop_probability": 0.3},
    kinds={
        "x": RealSequence(length=3, example=(1.0, -0.5, 2.0)),
        "w": RealSequence(length=3, example=(0.3, 0.8, -0.2)),
        "drop_probability": Probability(),
    },
    extra=[
        on("x", "21 inputs", [1.0] * 21, VALUE),
    ],
    check=_check_tanh_gap,
)


def _check_moments(result, args, before):
    x = np.asarray(args.get("x", (0.5, 1.0, 2.0)), dtype=np.float64)
    p = float(args.get("drop_probability", 0.5))
    ref.assert_close(result.predicted_variance, p / (1 - p) * x**2, what="predicted variance")


spec(
    "actbook.experiments.dropout.dropout_output_moments",
    None,
    args={"n_samples": 1000},
    kinds={
        "x": RealSequence(example=(0.5, 1.0, 2.0)),
        "drop_probability": Probability(),
        "n_samples": Count(example=1000),
        "seed": Seed(),
    },
    check=_check_moments,
)


def _check_signals(result, args, before):
    activations_, gradients = result
    shapes = [a.shape for a in activations_] + [g.shape for g in gradients]
    _equal(shapes, [(5, 4)] * 4, "the shapes of the activations and gradients")


spec(
    "actbook.experiments.initialization.layer_signals",
    None,
    args=lambda: {
        "model": nn.MLP([3, 4, 4, 2], "tanh", seed=0),
        "X": np.ones((5, 3)),
        "labels": np.zeros(5),
    },
    kinds={
        "model": _models(),
        "X": Array(lambda s, a: s == (5, 3), example=np.ones((5, 3))),
        "labels": Array(
            lambda s, a: s in ((5,), (5, 2)),
            nonfinite=VALUE,
            elements=from_values(0, 1),
            example=np.zeros(5),
        ),
    },
    extra=[on("labels", "label 2 of 2 classes", np.full(5, 2.0), VALUE)],
    aliases={"X": ("X", "x")},  # the model reports its input as x
    check=_check_signals,
)
spec(
    "actbook.experiments.initialization.initialization",
    None,
    slow=True,
    small={
        "schemes": ["xavier"],
        "activations": ["tanh"],
        "depth": 1,
        "width": 4,
        "n_samples": 4,
        "n_classes": 2,
        "bins": 3,
    },
    kinds={
        "schemes": StrSequence(sorted(initialization.SCHEMES)),
        "activations": StrSequence(ACTIVATION_NAMES, example=["tanh"]),
        "depth": Count(),
        "width": Count(),
        "n_samples": Count(),
        "n_classes": Count(),
        "bins": Count(),
        "seed": Seed(),
    },
    check=_is(dict),
)


# --------------------------------------------------------------------------------------
# actbook.experiments.relu_variants
# --------------------------------------------------------------------------------------

RV = "actbook.experiments.relu_variants"
VALIDATION_FRACTION = 0.2  # the documented share of the training digits held out


@functools.cache
def _book_training_digits() -> tuple[np.ndarray, np.ndarray]:
    """The training part of the book's split, rebuilt from actbook.data (a quarter out)."""
    X_train, _, y_train, _ = data.split(*data.digits(), test_fraction=0.25, seed=0)
    return X_train, y_train


def _check_validation_split(result, args, before):
    assert isinstance(result, tuple) and len(result) == 4, f"returns {summary(result)}"
    X_fit, X_val, y_fit, y_val = result
    X, y = _book_training_digits()
    for name, part in zip(("X_fit", "X_val", "y_fit", "y_val"), result, strict=True):
        assert isinstance(part, np.ndarray) and part.dtype == np.float64, f"{name}: {part!r}"
        assert not part.flags.writeable, f"{name} is writeable"
    assert X_fit.ndim == X_val.ndim == 2 and X_fit.shape[1] == X_val.shape[1] == 64
    assert len(y_fit) == len(X_fit) and len(y_val) == len(X_val), "labels misaligned"
    pairs = sorted(map(tuple, np.column_stack([X, y]).tolist()))
    parts = np.vstack([np.column_stack([X_fit, y_fit]), np.column_stack([X_val, y_val])])
    assert sorted(map(tuple, parts.tolist())) == pairs, "not a partition of the training digits"
    for label in range(10):
        want = round(VALIDATION_FRACTION * int(np.sum(y == label)))
        assert int(np.sum(y_val == label)) == want, f"digit {label}: not stratified"


spec(f"{RV}.validation_split", None, check=_check_validation_split)


def _train_digits_reference(args: dict[str, Any]) -> dict[str, Any]:
    """The documented recipe of ``train_digits``, rebuilt from actbook.nn: the scores."""
    from scipy.special import logsumexp

    from actbook.experiments import relu_variants as rv

    name = str(args.get("activation", "relu"))
    params = dict(args.get("params") or {})
    seed = int(args.get("seed", 0))
    hidden = [int(width) for width in args.get("hidden", (32, 32))]
    rate = float(args.get("learning_rate", rv.LEARNING_RATE))
    X_train, y_train = _book_training_digits()
    _, X_test, _, y_test = data.split(*data.digits(), test_fraction=0.25, seed=0)
    X_fit, X_val, y_fit, y_val = data.split(
        X_train, y_train, test_fraction=VALIDATION_FRACTION, seed=0
    )
    if name == "logistic":
        model = nn.Dense(64, 10, seed=seed)
    else:
        act = activations.get_activation(name, **params) if params else name
        model = nn.MLP([64, *hidden, 10], act, seed=seed)
    nn.fit(
        model,
        X_fit,
        y_fit,
        loss="softmax_cross_entropy",
        optimizer=nn.SGD(rate, momentum=rv.MOMENTUM),
        epochs=int(args.get("epochs", 20)),
        batch_size=rv.BATCH_SIZE,
        seed=seed,
    )
    scores = {}
    for part, X, y in (
        ("train", X_fit, y_fit),
        ("validation", X_val, y_val),
        ("test", X_test, y_test),
    ):
        z = np.asarray(model.forward(X), dtype=np.float64)
        labels = y.astype(int)
        scores[f"{part}_accuracy"] = sum(
            int(row.argmax() == label) for row, label in zip(z, labels, strict=True)
        ) / len(labels)
        scores[f"{part}_loss"] = float(
            np.mean(logsumexp(z, axis=1) - z[np.arange(len(labels)), labels])
        )
    return scores


class _Params(Mapping):
    """A mapping that is not a dict."""

    def __init__(self, **items: Any) -> None:
        self._items = items

    def __getitem__(self, key: str) -> Any:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)


def _check_train_digits(result, args, before):
    _is(f"{RV}.DigitsRun")(result, args, before)
    name = str(args.get("activation", "relu"))
    _equal((result.activation, type(result.activation)), (name, str), "activation")
    _equal((result.seed, type(result.seed)), (int(args.get("seed", 0)), int), "seed")
    rate = float(args.get("learning_rate", 0.1))
    _equal((result.learning_rate, type(result.learning_rate)), (rate, float), "learning_rate")
    params = dict(args.get("params") or {})
    if name != "prelu":
        n_slopes = 0
    else:
        n_slopes = 1 if params else len(list(args.get("hidden", (32, 32))))
    _equal(len(result.slopes), n_slopes, "the number of slopes")
    assert all(isinstance(s, float) and math.isfinite(s) for s in result.slopes), "slopes"
    want = _train_digits_reference(args)
    for field in ("train_accuracy", "validation_accuracy", "test_accuracy"):
        _equal(getattr(result, field), want[field], field)
    for field in ("train_loss", "validation_loss", "test_loss"):
        assert isinstance(getattr(result, field), float), f"{field} is not a float"
        if math.isfinite(want[field]):  # a diverged run: the reference overflows differently
            ref.assert_close(getattr(result, field), want[field], what=field)
    _equal(result.gap, want["train_accuracy"] - want["test_accuracy"], "gap")


spec(
    f"{RV}.train_digits",
    None,
    slow=True,
    small={"hidden": (4,), "epochs": 1},
    kinds={
        "activation": Choice(["relu", *(n for n in ACTIVATION_NAMES if n != "relu"), "logistic"]),
        "seed": Seed(),
        "params": Fixed(
            case("None", None, ACCEPT, {}),
            case("str", "slope=0.2", TYPE),
            case("list of pairs", [("slope", 0.2)], TYPE),
            case("a parameter relu does not take", {"slope": 0.2}, TYPE),
            case("a key that is not a str", {1: 0.2}, TYPE, args={"activation": "leaky_relu"}),
            case("slope as str", {"slope": "0.2"}, TYPE, args={"activation": "leaky_relu"}),
            case("NaN slope", {"slope": math.nan}, VALUE, args={"activation": "leaky_relu"}),
            case("params of the baseline", {"slope": 0.2}, VALUE, args={"activation": "logistic"}),
            case("leaky slope", {"slope": 0.2}, ACCEPT, args={"activation": "leaky_relu"}),
            case("one PReLU slope", {"slope": 0.25}, ACCEPT, args={"activation": "prelu"}),
            case(
                "another kind of mapping",
                _Params(slope=0.2),
                ACCEPT,
                {"slope": 0.2},
                args={"activation": "leaky_relu"},
            ),
        ),
        "hidden": IntSequence(example=(4,)),
        "epochs": Count(),
        "learning_rate": PositiveReal(example=0.1),
    },
    extra=[
        on("activation", "the baseline", "logistic", ACCEPT),
        on("learning_rate", "a rate that diverges", 50.0, ACCEPT),
        on("activation", "prelu: a slope per layer", "prelu", ACCEPT, args={"hidden": (4, 3)}),
        on("activation", "rrelu", "rrelu", ACCEPT),
    ],
    check=_check_train_digits,
)


def _check_recurrence_matrix(result, args, before):
    n, radius = int(args["size"]), float(args["radius"])
    positive, seed = bool(args["positive"]), int(args.get("seed", 0))
    assert isinstance(result, np.ndarray), f"returns {summary(result)}"
    _equal((result.shape, result.dtype), ((n, n), np.dtype(np.float64)), "shape and dtype")
    rng = np.random.default_rng(seed)  # the draw the docstring describes, rescaled
    draw = rng.uniform(0.0, 1.0, (n, n)) if positive else rng.standard_normal((n, n))
    scale = result / draw
    assert np.all(scale > 0) and np.ptp(scale) <= 1e-12 * scale.max(), "not a multiple"
    if positive:
        assert np.all(result >= 0), "negative entries"
    with ref.mp.workdps(30):  # the spectral radius in 30-digit arithmetic
        eigenvalues, _ = ref.mp.eig(ref.mp.matrix(result.tolist()))
        rho = float(max(abs(e) for e in eigenvalues))
    ref.assert_close(rho, radius, what="the spectral radius")


spec(
    f"{RV}.recurrence_matrix",
    None,
    args={"size": 4, "radius": 1.1, "positive": True},
    kinds={
        "size": Count(example=4),
        "radius": PositiveReal(example=1.1),
        "positive": Boolean(example=True),
        "seed": Seed(),
    },
    extra=[
        on("positive", "entries of both signs", False, ACCEPT),
        on("radius", "1e-300", 1e-300, ACCEPT),
        on("radius", "1e300", 1e300, ACCEPT),
        on("radius", "1e-320 (subnormal)", 1e-320, EITHER),
        on("radius", "1.7e308", 1.7e308, EITHER),
        on("radius", "1.7e308, entries of both signs", 1.7e308, EITHER, args={"positive": False}),
        on("radius", "1e308, 1x1", 1e308, EITHER, args={"size": 1, "positive": False}),
        on("size", "1", 1, ACCEPT),
    ],
    check=_check_recurrence_matrix,
)

W_RECURRENCE = np.array([[0.5, -1.0], [1.5, 0.25]])
H0_RECURRENCE = np.array([1.0, -0.5])


def _reference_activation(activation: Any) -> tuple[str, dict[str, Any]]:
    """The name and parameters of an activation name or instance, for fuzz_reference."""
    if isinstance(activation, str):
        return str(activation), {}
    params = {}
    for key in ("a", "slope", "alpha", "approximate", "lower", "upper"):
        if hasattr(activation, key):
            value = getattr(activation, key)
            params[key] = bool(value) if key == "approximate" else float(value)
    return activation.name, params


def _check_recurrence_states(result, args, before):
    W = np.asarray(before["W"]).astype(np.float64)
    h0 = np.asarray(before["h0"]).astype(np.float64)
    steps = int(args["steps"])
    assert isinstance(result, np.ndarray), f"returns {summary(result)}"
    _equal((result.shape, result.dtype), ((steps + 1, len(h0)), np.dtype(np.float64)), "shape")
    assert np.array_equal(result[0], h0, equal_nan=True), "the first state is not h0"
    name, params = _reference_activation(args["activation"])
    function = ref.ACTIVATIONS[name][0]
    for k in range(steps):  # each step from the previous state: no compounding of roundings
        with np.errstate(all="ignore"):
            z = W @ result[k]
        want = ref.evaluate(function, z, **params)
        ref.assert_close(result[k + 1], want, what=f"state {k + 1}", inputs=z)


spec(
    f"{RV}.recurrence_states",
    None,
    args={"W": W_RECURRENCE, "activation": "relu", "steps": 3, "h0": H0_RECURRENCE},
    kinds={
        "W": Array(
            lambda s, a: s == (np.shape(a["h0"])[0],) * 2,
            nonfinite=VALUE,
            extreme=ACCEPT,
            elements=finite_float,
            example=W_RECURRENCE,
        ),
        "activation": Activation(example="relu"),
        "steps": Count(),
        "h0": Array(
            lambda s, a: s == np.shape(a["W"])[:1],
            exact=lambda a: np.shape(a["W"])[:1],
            nonfinite=ACCEPT,
            extreme=ACCEPT,
            elements=any_float,
            example=H0_RECURRENCE,
        ),
    },
    extra=[
        on("activation", "tanh", "tanh", ACCEPT),
        on("activation", "leaky ReLU with slope 0.2", activations.LeakyReLU(0.2), ACCEPT),
        on("steps", "200 steps of a growing ReLU run", 200, ACCEPT, args={"W": 40 * np.eye(2)}),
    ],
    check=_check_recurrence_states,
)


def _check_profile(result, args, before):
    """Each fact from fuzz_reference's 40-digit formulas, by other means than the code's."""
    from actbook.experiments import relu_variants as rv

    _is(f"{RV}.Profile")(result, args, before)
    name, params = _reference_activation(args["activation"])
    f, d = (functools.partial(g, **params) for g in ref.ACTIVATIONS[name])
    _equal(result.name, name, "name")
    with ref.mp.workdps(20):
        density = lambda t: f(t) * ref.mp.npdf(t)  # noqa: E731
        mean = float(ref.mp.quad(density, [-ref.mp.inf, 0, ref.mp.inf]))
    ref.assert_close(result.mean_normal, mean, what="mean_normal", atol=1e-12)
    _equal(result.derivative_at_zero, float(d(0.0)), "derivative_at_zero")
    slopes = ref.evaluate(d, np.linspace(-10.0, 10.0, 801))
    peak = np.max(np.abs(slopes))
    flat = [
        abs(float(d(s * rv.SATURATION_INPUT))) < rv.SATURATION_TOLERANCE * peak for s in (-1, 1)
    ]
    sides = {(True, True): "both", (True, False): "left", (False, True): "right"}
    _equal(result.saturates, sides.get(tuple(flat), "no"), "saturates")
    _equal(result.monotone, bool(np.all(slopes >= 0)), "monotone")
    eps, h = 1e-9, 1e-4  # one-sided limits of f' and f'' at 0
    left, right = float(d(-eps)), float(d(eps))
    continuous = abs(right - left) < 1e-6
    second_left = (float(d(-eps)) - float(d(-h))) / h
    second_right = (float(d(h)) - float(d(eps))) / h
    _equal(result.continuous_derivative, continuous, "continuous_derivative")
    _equal(result.smooth, continuous and abs(second_right - second_left) < 1e-2, "smooth")
    _equal(result.dead_side, all(float(d(x)) == 0.0 for x in rv.DEAD_INPUTS), "dead_side")


spec(
    f"{RV}.activation_profile",
    None,
    args={"activation": "relu"},
    kinds={"activation": Activation(example="relu")},
    extra=[on("activation", name, name, ACCEPT) for name in ACTIVATION_NAMES if name != "relu"],
    check=_check_profile,
)


def _check_time_against_relu(result, args, before):
    _is(timing.RatioTiming)(result, args, before)
    repeats = int(args.get("repeats", 5))
    _equal(len(result.samples), repeats, "the number of ratios")
    for t in (result.first, result.second):
        _equal(len(t.samples), repeats, "the number of timed repeats")
        assert t.number >= 1 and all(s > 0 and math.isfinite(s) for s in t.samples), f"{t}"
    want = [a / b for a, b in zip(result.first.samples, result.second.samples, strict=True)]
    ref.assert_close(np.array(result.samples), np.array(want), what="the ratios")
    ref.assert_close(result.median, float(np.median(want)), what="the median")


spec(
    f"{RV}.time_against_relu",
    None,
    slow=True,
    args={"activation": "gelu"},
    small={"size": 100, "repeats": 3},
    kinds={
        "activation": Choice(ACTIVATION_NAMES),
        "size": Count(example=100),
        "repeats": Count(minimum=3, example=3),
        "seed": Seed(),
    },
    check=_check_time_against_relu,
    normalize=lambda result: len(result.samples),
)


def _check_sparsity(result, args, before):
    assert isinstance(result, tuple) and len(result) == 3, f"returns {result!r}"
    for fraction in result:
        assert fraction.shape == (1,) and np.all((0 <= fraction) & (fraction <= 1)), f"{fraction}"


spec(
    "actbook.experiments.sparsity.activation_sparsity",
    None,
    args=lambda: {"model": MODEL_2_4_1(), "X": X62.copy()},
    kinds={"model": _models(), "X": Array(_ok_rows(2), example=X62)},
    aliases={"X": ("X", "x")},  # the model reports its input as x
    check=_check_sparsity,
)


def _check_exact_zeros(result, args, before):
    rows = np.shape(args["X"])[0]
    assert isinstance(result, int) and 0 <= result <= rows * int(args.get("units", 64)), result


spec(
    "actbook.experiments.sparsity.exact_zero_count",
    None,
    args=lambda: {"X": X62.copy(), "units": 3},
    kinds={
        "X": Array(lambda shape, args: len(shape) == 2 and min(shape) >= 1, example=X62),
        "units": Count(),
        "dtype": Choice(["float32", "float16", "float64"]),
        "bias_std": NonNegative(example=0.1),
        "seed": Seed(),
    },
    check=_check_exact_zeros,
)
spec(
    "actbook.experiments.sparsity.sparsity",
    None,
    slow=True,
    small={
        "activations": ["relu"],
        "sizes": (2, 4, 1),
        "n_samples": 10,
        "epochs": 1,
        "batch_size": 5,
    },
    kinds={
        "activations": StrSequence(ACTIVATION_NAMES, example=["relu"]),
        "sizes": IntSequence(min_len=2, example=(2, 4, 1)),
        "n_samples": Count(minimum=2),
        "epochs": Count(),
        "batch_size": Count(),
        "lr": PositiveReal(example=0.05),
        "seed": Seed(),
    },
    extra=[on("sizes", "3 inputs for 2-d data", (3, 4, 1), VALUE)],
    check=_is(dict),
)
spec(
    "actbook.experiments.symmetry.unit_spread",
    None,
    args=lambda: {"model": nn.MLP([2, 3, 1], "tanh", seed=0)},
    kinds={"model": _models()},
    check=lambda result, args, before: _equal(result.shape, (1,), "the shape"),
)


def _check_elementwise(result, args, before):
    for name, array in args["dense"].params.items():
        _equal(bool(np.array_equal(result.params[name], array)), True, f"params[{name!r}]")


spec(
    "actbook.experiments.symmetry.ElementwiseDense",
    None,
    args=lambda: {"dense": nn.Dense(3, 2, seed=0)},
    kinds={
        "dense": Fixed(
            case("None", None, TYPE),
            case("str", "dense", TYPE),
            case("an MLP", nn.MLP([3, 2, 1]), TYPE),
        )
    },
    check=_check_elementwise,
)
spec(
    "actbook.experiments.symmetry.symmetry",
    None,
    slow=True,
    small={"sizes": (2, 2, 1), "steps": 2},
    kinds={
        "sizes": IntSequence(min_len=3, example=(2, 2, 1)),
        "activation": Activation(),
        "value": Real(example=0.5),
        "steps": Count(),
        "lr": PositiveReal(example=0.5),
        "seed": Seed(),
    },
    extra=[on("sizes", "3 inputs", (3, 2, 1), VALUE), on("sizes", "2 outputs", (2, 2, 2), VALUE)],
    check=_is(dict),
)
spec(
    "actbook.experiments.symmetry.digits_symmetry",
    None,
    slow=True,
    args=lambda: {"inits": {"zero": "zeros"}},
    small={"hidden": (2,), "epochs": 1},
    kinds={
        "inits": Fixed(
            case("None", None, TYPE),
            case("list", ["zeros"], TYPE),
            case("empty dict", {}, VALUE),
            case("unknown initializer", {"a": "no_such_init"}, VALUE),
            case("a callable", {"a": lambda shape, rng: np.ones(shape)}, ACCEPT),
        ),
        "hidden": IntSequence(min_len=1, example=(2,)),
        "activation": Activation(),
        "epochs": Count(),
        "lr": PositiveReal(example=0.1),
        "batch_size": Count(),
        "seed": Seed(),
    },
    check=_is(dict),
)
spec(
    "actbook.experiments.initialization.train_digits",
    None,
    slow=True,
    args=lambda: {"scheme": "xavier"},
    small={"hidden": (2,), "epochs": 1},
    kinds={
        "scheme": Choice(sorted(initialization.SCHEMES)),
        "activation": Activation(),
        "hidden": IntSequence(min_len=1, example=(2,)),
        "epochs": Count(),
        "lr": PositiveReal(example=0.05),
        "batch_size": Count(),
        "seed": Seed(),
    },
    check=_is(tuple),
)
spec(
    "actbook.experiments.initialization.signal_depth",
    None,
    args=lambda: {"values": np.array([1.0, 0.5, 1e-4]), "factor": 10.0},
    kinds={
        "values": Array(
            lambda s, a: len(s) == 1 and s[0] >= 1,
            nonfinite=VALUE,
            elements=from_values(0.5, 1.0, 2.0, 1e-4),
            example=np.array([1.0, 0.5, 1e-4]),
        ),
        "factor": Real(1.0, include_low=False, example=10.0),
        "backward": Boolean(),
    },
)

spec(
    "actbook.experiments.vanishing.minimum_exploding_weight",
    None,
    check=lambda result, args, before: _equal(result, 4.0, "the weight"),
)
spec(
    "actbook.experiments.vanishing.derivative_product_bound",
    None,
    args={"n": 3},
    kinds={"n": Count(example=3)},
    check=lambda result, args, before: _equal(result, 0.25 ** int(args["n"]), "the bound"),
)
spec(
    "actbook.experiments.vanishing.underflow_depth",
    None,
    args={"factor": 0.25, "dtype": np.float16},
    kinds={
        "factor": Real(0.0, 1.0, include_low=False, include_high=False, example=0.25),
        "dtype": Fixed(
            case("a dtype name", "float16", ACCEPT, np.float16),
            case("an integer dtype", np.int32, TYPE),
            case("an unknown name", "no_such_type", TYPE),
            case("object()", object(), TYPE),
            case("None", None, EITHER),
        ),
        "max_depth": Count(example=100),
    },
    extra=[on("max_depth", "too small to reach zero", 2, VALUE)],
    check=lambda result, args, before: _equal(
        isinstance(result, int) and result > 0, True, "a count"
    ),
)
spec(
    "actbook.experiments.vanishing.exact_underflow_depth",
    None,
    args={"fmt": "bfloat16"},
    kinds={
        "fmt": Choice(sorted(vanishing.FLOAT_FORMATS)),
        "factor": Real(0.0, 1.0, include_low=False, include_high=False, example=0.25),
        "subnormals": Boolean(),
    },
    check=lambda result, args, before: _equal(
        isinstance(result, int) and result > 0, True, "a count"
    ),
)


def _chain(weights, x, biases):
    a, slopes, zs = float(x), [], []
    for w, b in zip(weights, biases, strict=True):
        z = w * a + b
        zs.append(z)
        a = float(ref.sigmoid(z))
        slopes.append(float(ref.sigmoid_d(z)))
    gradient = (
        float(x)
        * slopes[0]
        * math.prod(w * s for w, s in zip(weights[1:], slopes[1:], strict=True))
    )
    return gradient


def _check_chain(result, args, before):
    weights = [float(w) for w in before["weights"]]
    biases = before.get("biases")
    biases = [0.0] * len(weights) if biases is None else [float(b) for b in biases]
    want = _chain(weights, float(args.get("x", 1.0)), biases)
    ref.assert_close(result.gradient, want, what="dJ/dw_1")


spec(
    "actbook.experiments.vanishing.scalar_chain",
    None,
    args={"weights": [4.0, 4.0, 4.0], "biases": [-4.0, -2.0, -2.0]},
    kinds={
        "weights": RealSequence(example=(4.0, 4.0, 4.0)),
        "x": Real(example=1.0),
        "biases": RealSequence(none=True, example=(-4.0, -2.0, -2.0)),
    },
    extra=[on("biases", "one bias too few", [0.0, 0.0], VALUE)],
    check=_check_chain,
)


def _check_centred(result, args, before):
    w = np.asarray(before["weights"], dtype=np.float64)
    x = float(args.get("x", 1.0))
    ref.assert_close(result, -w * np.r_[x, np.full(w.size - 1, 0.5)], what="the biases")


spec(
    "actbook.experiments.vanishing.centred_biases",
    None,
    args={"weights": [2.0, 8.0, -4.0], "x": 3.0},
    kinds={"weights": RealSequence(example=(2.0, 8.0, -4.0)), "x": Real(example=3.0)},
    check=_check_centred,
)


def _check_fixed_point(result, args, before):
    w = float(args["weight"])
    _equal(isinstance(result, float) and 0.0 <= result <= 1.0, True, "a point of [0, 1]")
    # bisection to the last bit: sigma(w a) - a changes sign within one spacing of a*
    step = 4 * np.spacing(1.0)
    ref.assert_close(float(ref.sigmoid(w * result)), result, what="sigma(w a*)", atol=step)


spec(
    "actbook.experiments.vanishing.chain_fixed_point",
    None,
    args={"weight": -20.0},
    kinds={"weight": Real(example=-20.0)},
    check=_check_fixed_point,
)


def _check_random_chains(result, args, before):
    depth, n_chains = int(args.get("depth", 10)), int(args.get("n_chains", 100_000))
    _equal(result.gradients.shape, (n_chains,), "the shape of gradients")
    _equal(result.factors.shape, (n_chains, depth - 1), "the shape of factors")
    x = float(args.get("x", 1.0))
    biases = [0.0] * depth
    want = _chain([float(w) for w in result.weights[0]], x, biases)
    ref.assert_close(result.gradients[0], want, what="dJ/dw_1 of the first chain")


spec(
    "actbook.experiments.vanishing.random_chains",
    None,
    args={"depth": 3, "n_chains": 4},
    kinds={
        "depth": Count(example=3),
        "n_chains": Count(example=4),
        "x": Real(example=1.0),
        "std": PositiveReal(example=1.0),
        "seed": Seed(),
    },
    check=_check_random_chains,
)
spec(
    "actbook.experiments.vanishing.layer_gradient_norms",
    None,
    args={"depth": 2, "width": 4, "n_samples": 8},
    kinds={
        "depth": Count(),
        "width": Count(example=4),
        "activation": Activation(example="sigmoid"),
        "init": Init(extra_names=("standard_normal",)),
        "n_samples": Count(example=8),
        "seed": Seed(),
    },
    check=lambda result, args, before: _equal(
        result.weight_norms.shape, (int(args["depth"]),), "the shape of weight_norms"
    ),
)
SMALL_TRAINING = {"width": 2, "n_samples": 10, "n_test": 4, "epochs": 1, "batch_size": 5}
DATASET_NAMES = ["gaussian_xor", "two_moons", "spirals"]


def _check_speeds(result, args, before):
    _is("actbook.experiments.vanishing.LearningSpeeds")(result, args, before)
    epochs = int(args.get("epochs", 150))
    _equal(result.epoch_test_accuracy.shape, (epochs + 1,), "the shape of epoch_test_accuracy")
    _equal(float(result.epoch_test_accuracy[-1]), result.test_accuracy, "the last accuracy")


spec(
    "actbook.experiments.vanishing.learning_speeds",
    None,
    slow=True,
    small={"depth": 1, **SMALL_TRAINING},
    kinds={
        "depth": Count(),
        "width": Count(),
        "activation": Activation(example="sigmoid"),
        "init": Init(extra_names=("standard_normal",)),
        "dataset": Choice(DATASET_NAMES),
        "n_samples": Count(minimum=2),
        "n_test": Count(minimum=2),
        "epochs": Count(),
        "batch_size": Count(),
        "lr": PositiveReal(example=0.5),
        "seed": Seed(),
        "data_seed": Seed(),
    },
    check=_check_speeds,
)


def _check_depths(result, args, before):
    _is("actbook.experiments.vanishing.DepthAccuracy")(result, args, before)
    shape = (len(list(args["depths"])), len(list(args["seeds"])))
    _equal(result.test.shape, shape, "the shape of test")
    _equal(result.train.shape, shape, "the shape of train")
    assert np.all((result.test >= 0) & (result.test <= 1)), f"accuracies {result.test}"


spec(
    "actbook.experiments.vanishing.accuracy_by_depth",
    None,
    slow=True,
    small={"depths": [1], "seeds": [0], **SMALL_TRAINING},
    kinds={
        "depths": IntSequence(example=(1,)),
        "activation": Activation(example="sigmoid"),
        "init": Init(none=True),
        "width": Count(),
        "dataset": Choice(DATASET_NAMES),
        "n_samples": Count(minimum=2),
        "n_test": Count(minimum=2),
        "epochs": Count(),
        "batch_size": Count(),
        "lr": PositiveReal(example=0.5),
        "seeds": IntSequence(minimum=0, example=(0,)),
        "data_seed": Seed(),
    },
    check=_check_depths,
)


def _check_split(result, args, before):
    n_train, n_test = int(args.get("n_train", 400)), int(args.get("n_test", 400))
    shapes = tuple(np.shape(part) for part in result)
    _equal(shapes, ((n_train, 2), (n_train,), (n_test, 2), (n_test,)), "the shapes")
    assert set(np.unique(np.concatenate([result[1], result[3]]))) <= {0.0, 1.0}, "labels"


spec(
    "actbook.experiments.vanishing.train_test_data",
    None,
    args={"n_train": 6, "n_test": 4},
    kinds={
        "dataset": Choice(DATASET_NAMES),
        "n_train": Count(minimum=2, example=6),
        "n_test": Count(minimum=2, example=4),
        "seed": Seed(),
    },
    check=_check_split,
)

X_LOGISTIC = np.array([[0.0, 1.0], [1.0, 0.5], [2.0, -1.0], [3.0, 0.0], [4.0, 2.0], [5.0, 1.0]])
Y_LOGISTIC = np.array([0.0, 1.0, 0.0, 1.0, 1.0, 0.0])


def _logistic_gradient(weights, bias, X, y, l2):
    """The gradient of the penalized mean cross-entropy at the fit, written out."""
    A = np.column_stack([X, np.ones(len(X))])
    theta = np.r_[weights, bias]
    z = A @ theta
    p = np.where(
        z >= 0, 1.0 / (1.0 + np.exp(-np.abs(z))), np.exp(-np.abs(z)) / (1 + np.exp(-np.abs(z)))
    )
    return A.T @ (p - y) / len(y) + l2 * theta, A, theta


def _check_logistic(result, args, before):
    X = np.asarray(before["X"], dtype=np.float64)
    y = np.asarray(before["y"], dtype=np.float64)
    gradient, A, theta = _logistic_gradient(
        result.weights, result.bias, X, y, float(args.get("l2", 1e-4))
    )
    scale = max(1.0, float(np.max(np.abs(A)))) * max(1.0, float(np.max(np.abs(theta))))
    assert np.max(np.abs(gradient)) <= 1e-9 * scale, f"gradient {gradient} at the fit"


spec(
    "actbook.experiments.vanishing.logistic_regression",
    None,
    args={"X": X_LOGISTIC, "y": Y_LOGISTIC},
    kinds={
        "X": Array(lambda s, a: len(s) == 2 and s[0] == 6 and s[1] >= 1, example=X_LOGISTIC),
        "y": Array(lambda s, a: s == (6,), elements=from_values(0, 1), example=Y_LOGISTIC),
        "l2": PositiveReal(example=1e-4),
    },
    aliases={"X": ("X", "x")},
    extra=[on("y", "label 2", np.array([0.0, 1.0, 2.0, 1.0, 0.0, 1.0]), VALUE)],
    check=_check_logistic,
)


def _logistic_fit():
    from actbook.experiments.vanishing import logistic_regression

    return logistic_regression(X_LOGISTIC, Y_LOGISTIC)


def _check_probabilities(result, args, before):
    fit = _logistic_fit()
    z = np.asarray(before["X"], dtype=np.float64) @ fit.weights + fit.bias
    tail = np.exp(-np.abs(z))  # no cancellation on either side
    want = np.where(z >= 0, 1.0 / (1.0 + tail), tail / (1.0 + tail))
    ref.assert_close(result, want, np.dtype(np.float64), what="p")


spec(
    "actbook.experiments.vanishing.LogisticFit.probabilities",
    lambda **kw: _logistic_fit().probabilities(**kw),
    args={"X": X_LOGISTIC},
    kinds={"X": Array(lambda s, a: len(s) == 2 and s[0] >= 1 and s[1] == 2, example=X_LOGISTIC)},
    aliases={"X": ("X", "x")},
    check=_check_probabilities,
)


def _check_accuracy(result, args, before):
    fit = _logistic_fit()
    X = np.asarray(before["X"], dtype=np.float64)
    y = np.asarray(before["y"], dtype=np.float64)
    right = [
        (x @ fit.weights + fit.bias > 0) == (label > 0.5) for x, label in zip(X, y, strict=True)
    ]
    _equal(result, sum(right) / len(right), "the accuracy")


spec(
    "actbook.experiments.vanishing.LogisticFit.accuracy",
    lambda **kw: _logistic_fit().accuracy(**kw),
    args={"X": X_LOGISTIC, "y": Y_LOGISTIC},
    kinds={
        "X": Array(lambda s, a: s == (6, 2), example=X_LOGISTIC),
        "y": Array(lambda s, a: s == (6,), elements=from_values(0, 1), example=Y_LOGISTIC),
    },
    aliases={"X": ("X", "x")},
    check=_check_accuracy,
)
spec(
    "actbook.experiments.vanishing.xor_bayes_accuracy",
    None,
    check=lambda result, args, before: ref.assert_close(
        result, 0.977249868051821**2 + 0.022750131948179**2, what="the Bayes accuracy"
    ),
)


def _check_descent(result, args, before):
    c, lr = float(args["curvature"]), float(args["lr"])
    x0, steps = float(args.get("x0", 1.0)), int(args.get("steps", 20))
    want = [x0 * (1.0 - lr * c) ** k for k in range(steps + 1)]
    ref.assert_close(result, np.array(want), what="the path")


spec(
    "actbook.experiments.vanishing.gradient_descent_quadratic",
    None,
    args={"curvature": 4.0, "lr": 0.25, "steps": 2},
    kinds={
        "curvature": PositiveReal(example=4.0),
        "lr": PositiveReal(example=0.25),
        "x0": Real(example=1.0),
        "steps": Count(),
    },
    check=_check_descent,
)


def _check_scaled_initializer(result, args, before):
    name, scale = args["init"], float(args["scale"])
    base = init.get_initializer(name) if isinstance(name, str) else name
    ref.assert_close(result((3, 2), rng0()), scale * base((3, 2), rng0()), what="the weights")


spec(
    "actbook.experiments.remedies.scaled_initializer",
    None,
    args={"init": "xavier_uniform", "scale": 2.0},
    kinds={
        "init": Fixed(
            case("unknown name", "no_such_init", VALUE),
            case("None", None, TYPE),
            case("int", 1, TYPE),
            case("'he_normal'", "he_normal", ACCEPT),
            case("a callable", init.xavier_normal, ACCEPT),
        ),
        "scale": PositiveReal(example=2.0),
    },
    check=_check_scaled_initializer,
    normalize=lambda result: tuple(np.ravel(result((3, 2), rng0()))),
)


def _check_layer_norms(result, args, before):
    _is("actbook.experiments.vanishing.LayerGradients")(result, args, before)
    depth = int(args.get("depth", 1))
    _equal(result.bias_norms.shape, (depth,), "the shape of bias_norms")


REMEDY_NETWORK_KINDS = {
    "depth": Count(),
    "width": Count(example=4),
    "activation": Activation(example="sigmoid"),
    "init": Init(),
    "seed": Seed(),
}
spec(
    "actbook.experiments.remedies.batchnorm_gradient_norms",
    None,
    args={"depth": 2, "width": 4, "n_samples": 8},
    kinds={**REMEDY_NETWORK_KINDS, "batchnorm": Boolean(), "n_samples": Count(2, example=8)},
    check=_check_layer_norms,
)
spec(
    "actbook.experiments.remedies.residual_gradient_norms",
    None,
    args={"depth": 2, "width": 4, "n_samples": 8},
    kinds={**REMEDY_NETWORK_KINDS, "residual": Boolean(), "n_samples": Count(example=8)},
    check=_check_layer_norms,
)
spec(
    "actbook.experiments.remedies.preactivation_spreads",
    None,
    args={"depth": 2, "width": 4, "n_samples": 8},
    kinds={**REMEDY_NETWORK_KINDS, "n_samples": Count(2, example=8)},
    check=lambda result, args, before: _equal(
        result.shape, (int(args["depth"]),), "the shape of the spreads"
    ),
)


def _check_recurrent_descent(result, args, before):
    _is("actbook.experiments.remedies.RecurrentDescent")(result, args, before)
    T, y = int(args.get("length", 30)), float(args.get("target", 2.0))
    w0, steps = float(args.get("start", 1.1)), int(args.get("steps", 20))
    assert 1 <= result.losses.size <= steps + 1, f"{result.losses.size} losses for {steps} steps"
    with np.errstate(over="ignore", invalid="ignore"):
        want = 0.5 * (np.float64(w0) ** T - np.float64(y)) ** 2
    if math.isfinite(want):
        ref.assert_close(result.losses[0], np.array(want), what="the first loss")


spec(
    "actbook.experiments.remedies.recurrent_descent",
    None,
    args={"max_norm": 100.0, "steps": 3},
    kinds={
        "max_norm": PositiveReal(none=True, example=100.0),
        "length": Count(example=30),
        "start": Real(example=1.1),
        "target": Real(example=2.0),
        "lr": PositiveReal(example=4e-4),
        "steps": Count(0, example=3),
    },
    check=_check_recurrent_descent,
)
spec(
    "actbook.experiments.vanishing.converges",
    None,
    args={"curvature": 4.0, "lr": 0.6},
    kinds={"curvature": PositiveReal(example=4.0), "lr": Real(example=0.6)},
    check=lambda result, args, before: _equal(
        result, bool(0 < float(args["lr"]) * float(args["curvature"]) < 2), "the verdict"
    ),
)
spec(
    "actbook.experiments.xor.xor",
    None,
    slow=True,
    small={"hidden": 2, "epochs": 2},
    kinds={
        "hidden": Count(),
        "activation": Activation(),
        "epochs": Count(),
        "lr": PositiveReal(example=0.5),
        "seed": Seed(),
    },
    check=_is("actbook.experiments.xor.XorResult"),
)

UPDATES = np.array([[1.0, 2.0], [-1.0, -0.5], [1.0, -1.0], [0.0, 1.0]])


def _check_same_sign(result, args, before):
    u = np.asarray(before["updates"], dtype=np.float64)
    rows = [r for r in u if np.all(r != 0)]
    want = math.nan if not rows else sum(np.sign(r[0]) == np.sign(r[1]) for r in rows) / len(rows)
    assert isinstance(result, float), f"returns a {type(result).__name__}"
    ref.assert_close(result, want, what="the fraction")


spec(
    "actbook.experiments.zigzag.same_sign_fraction",
    None,
    args={"updates": UPDATES},
    kinds={"updates": Array(lambda s, a: len(s) == 2 and s[1] == 2, example=UPDATES)},
    check=_check_same_sign,
)
spec(
    "actbook.experiments.zigzag.zigzag",
    None,
    slow=True,
    small={"n_samples": 4, "max_steps": 10},
    kinds={
        "n_samples": Count(minimum=2),
        "target": RealSequence(length=2, example=(1.0, -1.0)),
        "start": RealSequence(length=2, example=(0.0, 0.0)),
        "tol": PositiveReal(example=1e-3),
        "max_steps": Count(),
        "seed": Seed(),
    },
    check=_is("actbook.experiments.zigzag.ZigzagResult"),
)

X_ZIGZAG = np.array([[0.2, 0.9], [0.7, 0.4], [0.5, 0.6]])


def _check_descent(result, args, before):
    _is("actbook.experiments.zigzag.DescentRun")(result, args, before)
    start = np.asarray(before["start"], dtype=np.float64)
    assert np.array_equal(result.path[0], start), "the path does not begin at start"
    assert len(result.path) == len(result.learning_rates) + 1, "one rate per update"
    assert (result.bias_path is None) == (before["input_bias"] is None), "bias path"


spec(
    "actbook.experiments.zigzag.descend",
    None,
    slow=True,
    args={
        "X": X_ZIGZAG,
        "target": (1.0, -1.0),
        "batch_size": 1,
        "input_bias": None,
        "start": (0.0, 0.0),
        "tol": 1e-3,
        "max_steps": 20000,
        "seed": 0,
    },
    small={"max_steps": 50},
    kinds={
        "X": Array(
            lambda shape, args: len(shape) == 2 and shape[0] >= 1 and shape[1] == 2,
            nonfinite=VALUE,
            extreme=VALUE,
            example=X_ZIGZAG,
        ),
        "target": RealSequence(length=2, example=(1.0, -1.0)),
        "batch_size": Count(),
        "input_bias": RealSequence(length=2, none=True, example=(0.0, 0.0)),
        "start": RealSequence(length=2, example=(0.0, 0.0)),
        "tol": PositiveReal(example=1e-3),
        "max_steps": Count(),
        "seed": Seed(),
    },
    check=_check_descent,
)

# ======================================================================================
# actbook.sources
# ======================================================================================


def _check_statements_of_s1(result, args, before):
    assert result and all(s.article == "S1" for s in result), f"returns {result!r}"


spec(
    "actbook.sources.statements_of",
    None,
    args={"article": "S1"},
    kinds={"article": Choice(sources.ARTICLES)},
    check=lambda result, args, before: (
        None if args["article"] != "S1" else _check_statements_of_s1(result, args, before)
    ),
)

# ======================================================================================
# What is public
# ======================================================================================

PUBLIC_MODULES = (
    "actbook.activations",
    "actbook.nn",
    "actbook.init",
    "actbook.data",
    "actbook.plotting",
    "actbook.timing",
    "actbook.experiments",  # and the submodules in its __all__
    "actbook.validation",
    "actbook.claims",
    "actbook.sources",
)
EXCLUDED_MODULES = {
    "actbook.sphinxext": "Sphinx plumbing: Sphinx calls it while building the book, readers do not",
}


def _public_names(module) -> list[str]:
    names = getattr(module, "__all__", None)
    if names is None:
        names = [
            name
            for name, obj in vars(module).items()
            if not name.startswith("_") and getattr(obj, "__module__", None) == module.__name__
        ]
    return list(names)


def _methods(cls) -> list[str]:
    out = []
    for name in dir(cls):
        if name.startswith("_") and name != "__call__":
            continue
        attr = inspect.getattr_static(cls, name)
        if not (inspect.isfunction(attr) or isinstance(attr, classmethod | staticmethod)):
            continue
        owner = next(k for k in cls.__mro__ if name in vars(k))
        if owner.__module__.startswith("actbook"):
            out.append(name)
    return out


def public_callables() -> dict[str, str]:
    """Every public callable: ``target -> "function" | "class" | "method" | why not fuzzed``.

    A class contributes its constructor and its public methods (``__call__`` included).
    A dataclass is a record of results (its constructor is not fuzzed, its methods are);
    an abstract class is fuzzed through its concrete subclasses.
    """
    found: dict[str, str] = {}

    def walk(module_name: str) -> None:
        module = importlib.import_module(module_name)
        for name in _public_names(module):
            obj = getattr(module, name)
            target = f"{module_name}.{name}"
            if inspect.ismodule(obj):
                walk(obj.__name__)
            elif inspect.isclass(obj):
                if inspect.isabstract(obj):
                    found[target] = "skip: abstract, fuzzed through its subclasses"
                    for method in _methods(obj):
                        found[f"{target}.{method}"] = "skip: abstract, fuzzed through subclasses"
                    continue
                found[target] = (
                    "skip: a dataclass of results, built by the package"
                    if dataclasses.is_dataclass(obj)
                    else "class"
                )
                for method in _methods(obj):
                    found[f"{target}.{method}"] = "method"
            elif callable(obj) and (inspect.isfunction(obj) or inspect.isbuiltin(obj)):
                found[target] = "function"

    for module_name in PUBLIC_MODULES:
        walk(module_name)
    return found


def top_level_modules() -> list[str]:
    return [
        f"actbook.{m.name}"
        for m in pkgutil.iter_modules(actbook.__path__)
        if not m.name.startswith("_")
    ]
