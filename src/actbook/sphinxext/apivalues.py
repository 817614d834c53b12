"""Short type annotations instead of long values for module constants in the API reference.

Autodoc prints a module constant's value after its name; for a registry that is
``ACTIVATIONS = {'elu': <class 'actbook.activations.soft_rectifiers.ELU'>, …}``, 700
characters in one line that widens the API page far past a phone's screen. A value
whose text is longer than :data:`MAX_VALUE_CHARS` is replaced by its type, written as
a Python annotation (``ACTIVATIONS: dict[str, type[Activation]]``): code, so it reads
the same in every language. Short values (``SATURATION_THRESHOLD = 0.01``) stay.
"""

from __future__ import annotations

import functools
import importlib
import types
from collections.abc import Iterable
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

__all__ = ["MAX_VALUE_CHARS", "annotation_of", "setup_api_values", "shorten_values"]

#: Longest value text shown as it is; longer ones become a type annotation.
MAX_VALUE_CHARS = 40

_CALLABLES = (types.FunctionType, types.BuiltinFunctionType, functools.partial)


def _common_base(classes: Iterable[type]) -> type:
    """Return the most specific class that every class in ``classes`` derives from."""
    classes = list(classes)
    for candidate in classes[0].__mro__:
        if all(issubclass(cls, candidate) for cls in classes):
            return candidate
    return object  # pragma: no cover - every class derives from object


def _union(values: Iterable[Any]) -> str:
    """Annotate a collection's elements: one name, or a ``|`` union of sorted names."""
    values = list(values)
    classes = [value for value in values if isinstance(value, type)]
    names = {_name(value) for value in values if not isinstance(value, type)}
    if classes:
        base = _common_base(classes)
        names.add("type" if base is object else f"type[{base.__name__}]")
    return " | ".join(sorted(names)) if names else "Any"


def _name(value: Any) -> str:
    """Annotate one value that is not a class."""
    if isinstance(value, _CALLABLES):
        return "Callable"
    return type(value).__name__


def annotation_of(value: Any) -> str:
    """Return a short Python annotation for ``value`` (containers show their elements).

    Parameters
    ----------
    value : object
        A module constant.

    Returns
    -------
    str
        ``dict[K, V]``, ``tuple[T, ...]``, ``list[T]``, ``set[T]``, ``Callable``, a class
        as ``type[Base]``, or the name of the value's type.

    Examples
    --------
    >>> annotation_of({"a": 1.0, "b": 2})
    'dict[str, float | int]'
    >>> annotation_of((1, 2, 3))
    'tuple[int, ...]'
    >>> annotation_of({"abs": abs, "sqrt": functools.partial(pow, 2)})
    'dict[str, Callable]'
    >>> annotation_of({"t": TypeError, "v": ValueError})
    'dict[str, type[Exception]]'
    >>> annotation_of([])
    'list[Any]'
    """
    if isinstance(value, dict):
        return f"dict[{_union(value.keys())}, {_union(value.values())}]"
    if isinstance(value, tuple):
        return f"tuple[{_union(value)}, ...]"
    if isinstance(value, list | set | frozenset):
        return f"{type(value).__name__}[{_union(value)}]"
    if isinstance(value, type):
        return f"type[{value.__name__}]"
    return _name(value)


def _lookup(module: str, fullname: str) -> Any:
    """Import ``module`` and return its attribute ``fullname`` (dotted for class members)."""
    obj: Any = importlib.import_module(module)
    for part in fullname.split("."):
        obj = getattr(obj, part)
    return obj


def _value_annotation(signature: addnodes.desc_signature) -> addnodes.desc_annotation | None:
    """Return the ``= value`` part of a signature, if it has one."""
    for child in signature.findall(addnodes.desc_annotation):
        punctuation = [p.astext() for p in child.findall(addnodes.desc_sig_punctuation)]
        if punctuation[:1] == ["="]:
            return child
    return None


def shorten_values(app: Sphinx, doctree: nodes.document) -> None:
    """Replace every long constant value in ``doctree``'s Python signatures by its type."""
    for desc in doctree.findall(addnodes.desc):
        if desc.get("domain") != "py" or desc.get("objtype") not in {"data", "attribute"}:
            continue
        for signature in desc.findall(addnodes.desc_signature):
            value = _value_annotation(signature)
            if value is None or len(value.astext().strip(" =")) <= MAX_VALUE_CHARS:
                continue
            try:
                obj = _lookup(signature["module"], signature["fullname"])
            except (ImportError, AttributeError, KeyError):
                continue
            text = annotation_of(obj)
            value.replace_self(
                addnodes.desc_annotation(
                    text,
                    "",
                    addnodes.desc_sig_punctuation("", ":"),
                    addnodes.desc_sig_space(),
                    nodes.Text(text),
                )
            )


def setup_api_values(app: Sphinx) -> None:
    """Shorten long constant values in every page's API signatures."""
    app.connect("doctree-read", shorten_values)
    # the generic phone layout (wide equations scroll in their own box) rides along
    app.add_css_file("actbook-layout.css")
    app.add_js_file("actbook-layout.js", loading_method="defer")
