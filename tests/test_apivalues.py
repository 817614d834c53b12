"""Long constant values in the API reference become short type annotations."""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes

from actbook.activations import ACTIVATIONS
from actbook.sphinxext.apivalues import MAX_VALUE_CHARS, annotation_of, shorten_values


def _signature(module: str, fullname: str, value: str) -> addnodes.desc:
    """A ``py:data`` description as the Python domain builds it for ``:value: value``."""
    signature = addnodes.desc_signature(module=module, fullname=fullname)
    signature += addnodes.desc_name(fullname, fullname)
    signature += addnodes.desc_annotation(
        value,
        "",
        addnodes.desc_sig_space(),
        addnodes.desc_sig_punctuation("", "="),
        addnodes.desc_sig_space(),
        nodes.Text(value),
    )
    desc = addnodes.desc(domain="py", objtype="data")
    desc += signature
    return desc


def _document(*descs: addnodes.desc) -> nodes.document:
    document = nodes.document(None, None)  # type: ignore[arg-type]
    document.extend(descs)
    return document


def test_the_activation_registry_is_annotated_by_its_common_base_class():
    assert annotation_of(ACTIVATIONS) == "dict[str, type[Activation]]"


def test_long_value_is_replaced_by_its_type_and_short_value_stays():
    long_value = repr(ACTIVATIONS)
    assert len(long_value) > MAX_VALUE_CHARS
    registry = _signature("actbook.activations", "ACTIVATIONS", long_value)
    threshold = _signature("actbook.nn", "SATURATION_THRESHOLD", "0.01")
    shorten_values(None, _document(registry, threshold))  # type: ignore[arg-type]
    assert registry.astext() == "ACTIVATIONS: dict[str, type[Activation]]"
    assert threshold.astext() == "SATURATION_THRESHOLD = 0.01"


def test_value_of_an_unknown_object_is_left_alone():
    value = "{" + "'key': 1, " * 10 + "}"
    desc = _signature("actbook.activations", "NO_SUCH_NAME", value)
    shorten_values(None, _document(desc))  # type: ignore[arg-type]
    assert desc.astext() == f"NO_SUCH_NAME = {value}"


def test_functions_classes_and_mixed_values():
    assert annotation_of({"a": len, "b": "text"}) == "dict[str, Callable | str]"
    assert annotation_of(("none", "batch")) == "tuple[str, ...]"
    assert annotation_of(frozenset({1.5})) == "frozenset[float]"
    assert annotation_of({1: int, 2: str}) == "dict[int, type]"
    assert annotation_of(ValueError) == "type[ValueError]"
