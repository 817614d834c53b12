"""Claims of the section *Remedies* of the chapter *Vanishing and exploding gradients*.

The section is in book/chapters/vanishing-gradients.md; its ledger chapter is
``ch-vanishing``. The claims it shares with the rest of the chapter (the plain
networks' gradient ratios) are quoted from :mod:`actbook.claims.vanishing`.

Examples
--------
>>> from actbook.claims import REGISTRY
>>> for claim_id, claim in sorted(REGISTRY.items()):
...     if claim_id.startswith("remedies."):
...         print(claim_id, claim.render())
remedies.clip_clipped_steps 2
remedies.clip_final_loss 2.7 × 10⁻¹⁸
remedies.clip_initial_gradient 7.4 × 10³
remedies.clip_initial_loss 119
remedies.clip_length 30
remedies.clip_lr 4 × 10⁻⁴
remedies.clip_norm 100
remedies.clip_start 1.1
remedies.clip_steps 20
remedies.clip_target 2
remedies.clip_unclipped_loss_1 4.0 × 10¹⁵
remedies.clip_unclipped_overflow 2
remedies.clip_unclipped_w1 -1.84
remedies.init_explode_tanh_normal 2.6 × 10³
remedies.init_ratio_centred_scaled 6.7×
remedies.init_ratio_sigmoid_scaled 111×
remedies.init_saturated_sigmoid_scaled 13.5 %
remedies.init_saturated_sigmoid_scaled_later 3.2 %
remedies.norm_ratio_batchnorm 7.9×
remedies.norm_spread_ratio 4.9 × 10⁵
remedies.residual_branch_bound 0.50
remedies.residual_depth 20
remedies.residual_ratio 0.91×
remedies.residual_ratio_plain 9.6 × 10¹¹
remedies.residual_stream_std_first 1.0
remedies.residual_stream_std_last 2.5
remedies.residual_weight_norm 2.0
remedies.sigmoid_gain 4
remedies.sigmoid_offset_std 2
"""

from __future__ import annotations

from functools import cache

import numpy as np

from actbook.activations import Sigmoid
from actbook.claims._registry import claim, fixed, integer, percent, ratio, sci
from actbook.claims.zero_centred import CentredSigmoid
from actbook.experiments import _arguments, vanishing
from actbook.experiments import remedies as experiment
from actbook.nn import derivative_peak

# ------------------------------------------------------------------ shared runs


@cache
def _sigmoid_scaled() -> vanishing.LayerGradients:
    init = experiment.scaled_initializer("xavier_uniform", sigmoid_gain())
    return vanishing.layer_gradient_norms(activation="sigmoid", init=init)


@cache
def _centred_scaled() -> vanishing.LayerGradients:
    init = experiment.scaled_initializer("xavier_uniform", sigmoid_gain())
    return vanishing.layer_gradient_norms(activation=CentredSigmoid(), init=init)


@cache
def _tanh_normal() -> vanishing.LayerGradients:
    return vanishing.layer_gradient_norms(activation="tanh", init="standard_normal")


@cache
def _batchnorm() -> vanishing.LayerGradients:
    return experiment.batchnorm_gradient_norms()


@cache
def _residual(residual: bool) -> vanishing.LayerGradients:
    return experiment.residual_gradient_norms(residual=residual)


@cache
def _residual_network():
    """The residual network of `_residual(True)`, rebuilt to read its stream and weights."""
    return experiment._residual_network(
        experiment.RESIDUAL_DEPTH,
        experiment.WIDTH,
        _arguments.activation("sigmoid"),
        _arguments.initializer("xavier_uniform"),
        True,
        experiment.N_SAMPLES,
        0,
    )


@cache
def _descent(clipped: bool) -> experiment.RecurrentDescent:
    return experiment.recurrent_descent(experiment.CLIP_NORM if clipped else None)


_MEASURED = (
    "Back-propagates binary cross-entropy once through the network of "
    "`actbook.experiments.vanishing.layer_gradient_norms` (default depth, width and batch)"
)

# --------------------------------------------------------------------- initialization


@claim(
    "remedies.sigmoid_gain",
    fmt=integer,
    statement="The sigmoid's slope at the origin is $1/4$, so matching it scales the weights by four.",
    method="Inverts the peak of the sigmoid derivative, `actbook.nn.derivative_peak`.",
)
def sigmoid_gain() -> float:
    return 1.0 / derivative_peak(Sigmoid())


@claim(
    "remedies.init_ratio_sigmoid_scaled",
    fmt=ratio(0),
    statement=(
        "With Xavier weights scaled by $1/\\sigma'(0)$, the sigmoid network's gradient shrinks "
        "by this factor from the last hidden layer to the first."
    ),
    method=_MEASURED
    + " with `scaled_initializer('xavier_uniform', 4)`; last over first bias norm.",
    papers=("glorot2010understanding",),
)
def init_ratio_sigmoid_scaled() -> float:
    return _sigmoid_scaled().ratio


@claim(
    "remedies.init_saturated_sigmoid_scaled",
    fmt=percent(1),
    statement="With Xavier weights scaled by four, at most this share of a layer's sigmoid units saturate.",
    method=_MEASURED
    + " with scaled Xavier weights; the largest saturated fraction over the layers.",
)
def init_saturated_sigmoid_scaled() -> float:
    return float(_sigmoid_scaled().saturated_fractions.max())


@claim(
    "remedies.init_saturated_sigmoid_scaled_later",
    fmt=percent(1),
    statement=(
        "With Xavier weights scaled by four, at most this share of the sigmoid units of any "
        "hidden layer after the first saturate."
    ),
    method=_MEASURED
    + " with scaled Xavier weights; the largest saturated fraction over layers two onwards.",
)
def init_saturated_sigmoid_scaled_later() -> float:
    return float(_sigmoid_scaled().saturated_fractions[1:].max())


@claim(
    "remedies.init_ratio_centred_scaled",
    fmt=ratio(1),
    statement=(
        "With the same scaled Xavier weights and the centred sigmoid $\\sigma - 1/2$ (the same "
        "derivative), the gradient shrinks by only this factor from the last hidden layer "
        "to the first."
    ),
    method=_MEASURED
    + (
        " with `scaled_initializer('xavier_uniform', 4)` and "
        "`actbook.claims.zero_centred.CentredSigmoid`; last over first bias norm."
    ),
)
def init_ratio_centred_scaled() -> float:
    return _centred_scaled().ratio


@claim(
    "remedies.sigmoid_offset_std",
    fmt=fixed(0),
    statement=(
        "With Xavier weights scaled by four in square layers, the offset "
        "$\\sum_i w_{ij}/2$ that the sigmoid's mean of one half gives unit $j$ of the next "
        "layer has this standard deviation across units."
    ),
    method=(
        "Closed form $\\tfrac12 g \\sqrt{m \\mathrm{Var}(w)}$ with the gain $g$ of "
        "`remedies.sigmoid_gain` and Xavier's $m \\mathrm{Var}(w) = 1$ for square layers."
    ),
)
def sigmoid_offset_std() -> float:
    return 0.5 * sigmoid_gain() * 1.0


@claim(
    "remedies.init_explode_tanh_normal",
    fmt=sci(2),
    statement=(
        "With $\\mathcal{N}(0, 1)$ weights, the tanh network's gradient grows by this factor "
        "from the last hidden layer to the first."
    ),
    method=_MEASURED + " with tanh and standard normal weights; first over last bias norm.",
)
def init_explode_tanh_normal() -> float:
    return 1.0 / _tanh_normal().ratio


# ---------------------------------------------------------------------- normalization


@claim(
    "remedies.norm_ratio_batchnorm",
    fmt=ratio(1),
    statement=(
        "With batch normalization before every sigmoid, the Xavier-initialized network's gradient "
        "shrinks by only this factor from the last hidden layer to the first."
    ),
    method=(
        "`actbook.experiments.remedies.batchnorm_gradient_norms`: the same weights and batch as "
        "`vanishing.init_ratio_sigmoid`, a `BatchNorm` in training mode before each sigmoid; "
        "last over first norm of the gradient at the sigmoid's input."
    ),
    papers=("ioffe2015batch",),
)
def norm_ratio_batchnorm() -> float:
    return _batchnorm().ratio


@claim(
    "remedies.norm_spread_ratio",
    fmt=sci(2),
    statement=(
        "Without normalization, the spread of the pre-activations over the batch shrinks by this "
        "factor from the first hidden layer of the Xavier-initialized sigmoid network to the last."
    ),
    method=(
        "`actbook.experiments.remedies.preactivation_spreads`: the batch standard deviation of "
        "each unit's pre-activation, averaged per layer; first layer over last."
    ),
)
def norm_spread_ratio() -> float:
    spreads = experiment.preactivation_spreads()
    return float(spreads[0] / spreads[-1])


# ------------------------------------------------------------------------- clipping


@claim(
    "remedies.clip_length",
    fmt=integer,
    statement="The linear recurrence of the clipping demonstration repeats its weight this many times.",
    method="The constant `RECURRENT_LENGTH` of `actbook.experiments.remedies`.",
)
def clip_length() -> int:
    return experiment.RECURRENT_LENGTH


@claim(
    "remedies.clip_start",
    fmt=fixed(1),
    statement="Gradient descent on the recurrence starts from this weight.",
    method="The constant `RECURRENT_START` of `actbook.experiments.remedies`.",
)
def clip_start() -> float:
    return experiment.RECURRENT_START


@claim(
    "remedies.clip_target",
    fmt=integer,
    statement="The recurrence's final state should equal this target.",
    method="The constant `RECURRENT_TARGET` of `actbook.experiments.remedies`.",
)
def clip_target() -> float:
    return experiment.RECURRENT_TARGET


@claim(
    "remedies.clip_lr",
    fmt=sci(1),
    statement="The learning rate of gradient descent on the recurrence, clipped or not.",
    method="The constant `RECURRENT_LR` of `actbook.experiments.remedies`.",
)
def clip_lr() -> float:
    return experiment.RECURRENT_LR


@claim(
    "remedies.clip_norm",
    fmt=integer,
    statement="The threshold of clipping by norm in the demonstration.",
    method="The constant `CLIP_NORM` of `actbook.experiments.remedies`.",
)
def clip_norm() -> float:
    return experiment.CLIP_NORM


@claim(
    "remedies.clip_steps",
    fmt=integer,
    statement="The number of gradient descent steps on the recurrence.",
    method="The constant `RECURRENT_STEPS` of `actbook.experiments.remedies`.",
)
def clip_steps() -> int:
    return experiment.RECURRENT_STEPS


@claim(
    "remedies.clip_initial_loss",
    fmt=fixed(0),
    statement="The loss of the recurrence at the starting weight.",
    method="`recurrent_descent().losses[0]`, from backpropagation through time.",
)
def clip_initial_loss() -> float:
    return float(_descent(False).losses[0])


@claim(
    "remedies.clip_initial_gradient",
    fmt=sci(2),
    statement="The gradient of the recurrence's loss at the starting weight.",
    method="`recurrent_descent().gradient_norms[0]`, from backpropagation through time.",
    papers=("pascanu2013difficulty",),
)
def clip_initial_gradient() -> float:
    return float(_descent(False).gradient_norms[0])


@claim(
    "remedies.clip_unclipped_w1",
    fmt=fixed(2),
    statement="One unclipped gradient step throws the weight from the start to this value.",
    method="`recurrent_descent().weights[1]`.",
)
def clip_unclipped_w1() -> float:
    return float(_descent(False).weights[1])


@claim(
    "remedies.clip_unclipped_loss_1",
    fmt=sci(2),
    statement="After one unclipped step the recurrence's loss has grown to this value.",
    method="`recurrent_descent().losses[1]`.",
)
def clip_unclipped_loss_1() -> float:
    return float(_descent(False).losses[1])


@claim(
    "remedies.clip_unclipped_overflow",
    fmt=integer,
    statement="Without clipping, the loss overflows to infinity after this many steps.",
    method="`recurrent_descent().diverged_at`: the first step count with a non-finite loss.",
)
def clip_unclipped_overflow() -> int:
    at = _descent(False).diverged_at
    if at is None:
        raise RuntimeError("the unclipped run did not diverge")
    return at


@claim(
    "remedies.clip_clipped_steps",
    fmt=integer,
    statement="With clipping by norm, only this many steps have their gradient rescaled.",
    method="`recurrent_descent(CLIP_NORM).clipped_steps`.",
    papers=("pascanu2013difficulty",),
)
def clip_clipped_steps() -> int:
    return _descent(True).clipped_steps


@claim(
    "remedies.clip_final_loss",
    fmt=sci(2),
    statement="With clipping by norm, the recurrence's loss after the last step.",
    method="`recurrent_descent(CLIP_NORM).losses[-1]`.",
    papers=("pascanu2013difficulty",),
)
def clip_final_loss() -> float:
    run = _descent(True)
    if run.diverged_at is not None:
        raise RuntimeError("the clipped run diverged")
    return float(run.losses[-1])


# ---------------------------------------------------------------- residual connections


@claim(
    "remedies.residual_depth",
    fmt=integer,
    statement="The plain and the residual network of the demonstration have this many blocks.",
    method="The constant `RESIDUAL_DEPTH` of `actbook.experiments.remedies`.",
)
def residual_depth() -> int:
    return experiment.RESIDUAL_DEPTH


@claim(
    "remedies.residual_ratio_plain",
    fmt=sci(2),
    statement=(
        "Without skip connections, the deep sigmoid network's gradient shrinks by this factor "
        "from the last block to the first."
    ),
    method=(
        "`residual_gradient_norms(residual=False)`: last over first norm of the blocks' bias "
        "gradients, one backward pass."
    ),
)
def residual_ratio_plain() -> float:
    return _residual(False).ratio


@claim(
    "remedies.residual_ratio",
    fmt=ratio(2),
    statement=(
        "With skip connections, the same network's gradient at the last block is this multiple "
        "of that at the first."
    ),
    method="`residual_gradient_norms()`: last over first norm of the blocks' bias gradients.",
    papers=("he2016deep",),
)
def residual_ratio() -> float:
    return _residual(True).ratio


@claim(
    "remedies.residual_weight_norm",
    fmt=fixed(1),
    statement=(
        "At initialization the largest spectral norm of the residual blocks' weight "
        "matrices $W_\\ell$."
    ),
    method="The largest `np.linalg.norm(W, 2)` over the blocks of `_residual_network()`.",
)
def residual_weight_norm() -> float:
    _, blocks = _residual_network()
    return max(float(np.linalg.norm(block.layers[1].params["W"], 2)) for block in blocks)


@claim(
    "remedies.residual_branch_bound",
    fmt=fixed(2),
    statement=(
        "A bound on the spectral norm of every branch Jacobian "
        "$W_\\ell\\, \\mathrm{diag}(\\sigma'(x))$ of the residual network at initialization: "
        "the largest $\\|W_\\ell\\|$ times $\\sigma'(0) = 1/4$."
    ),
    method="`residual_weight_norm()` times the peak of the sigmoid derivative.",
)
def residual_branch_bound() -> float:
    return residual_weight_norm() * derivative_peak(Sigmoid())


@claim(
    "remedies.residual_stream_std_first",
    fmt=fixed(1),
    statement="The standard deviation of the residual stream $x_0$ entering the first block.",
    method="The standard deviation over batch and units of the first block's input.",
)
def residual_stream_std_first() -> float:
    _, blocks = _residual_network()
    return float(blocks[0].layers[0]._x.std())


@claim(
    "remedies.residual_stream_std_last",
    fmt=fixed(1),
    statement="The standard deviation of the residual stream after the last block.",
    method="The standard deviation over batch and units of the head's input.",
)
def residual_stream_std_last() -> float:
    model, _ = _residual_network()
    return float(model.layers[-2]._x.std())
