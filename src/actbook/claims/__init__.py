"""Every number the book's prose quotes, computed by :mod:`actbook`.

Importing this package registers all claims; each chapter has one module.

>>> from actbook import claims
>>> claims.get_claim("vanishing.sigmoid_bound_3").render()
'0.015625'
"""

from actbook.claims import batchnorm as _batchnorm  # noqa: F401  (registers claims)
from actbook.claims import dropout as _dropout  # noqa: F401
from actbook.claims import initialization as _initialization  # noqa: F401
from actbook.claims import neuron_model as _neuron_model  # noqa: F401
from actbook.claims import relu_family as _relu_family  # noqa: F401
from actbook.claims import relu_variants as _relu_variants  # noqa: F401
from actbook.claims import remedies as _remedies  # noqa: F401
from actbook.claims import sigmoid_tanh as _sigmoid_tanh  # noqa: F401
from actbook.claims import vanishing as _vanishing  # noqa: F401
from actbook.claims import zero_centred as _zero_centred  # noqa: F401
from actbook.claims._registry import (
    REGISTRY,
    SOURCE_ARTICLES,
    Claim,
    claim,
    fixed,
    get_claim,
    integer,
    percent,
    ratio,
    render,
    sci,
)

#: The chapter (its label) whose claims carry each id prefix, in the book's order.
CHAPTER_LABELS: dict[str, str] = {
    "neuron_model": "ch-neuron-model",
    "sigmoid_tanh": "ch-sigmoid-tanh",
    "zero_centred": "ch-zero-centred",
    "vanishing": "ch-vanishing",
    "remedies": "ch-vanishing",
    "relu_family": "ch-relu-family",
    "relu_variants": "ch-relu-family",
    "initialization": "ch-initialization",
    "dropout": "ch-dropout",
    "batchnorm": "ch-batch-normalization",
}

__all__ = [
    "CHAPTER_LABELS",
    "REGISTRY",
    "SOURCE_ARTICLES",
    "Claim",
    "claim",
    "fixed",
    "get_claim",
    "integer",
    "percent",
    "ratio",
    "render",
    "sci",
]
