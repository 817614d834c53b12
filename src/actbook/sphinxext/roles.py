"""The ``{claim}`` role and the per-build cache of claim values."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging

from actbook import claims

logger = logging.getLogger(__name__)

CACHE_FILE = "claims.json"


def ledger_label(claim_id: str) -> str:
    """Return the label of claim ``claim_id``'s entry in the ledger.

    >>> ledger_label("vanishing.sigmoid_bound_20")
    'claim-vanishing.sigmoid_bound_20'
    """
    return f"claim-{claim_id}"


def compute_claim_values() -> dict[str, dict[str, Any]]:
    """Compute every registered claim: ``{id: {"value": float, "text": str}}``."""
    values: dict[str, dict[str, Any]] = {}
    for claim_id, claim in sorted(claims.REGISTRY.items()):
        value = claim.compute()
        values[claim_id] = {"value": float(value), "text": claim.fmt(value)}
    return values


def cached_claim_values(cache_dir: str | os.PathLike[str] | None) -> dict[str, dict[str, Any]]:
    """Return the claim values stored in ``cache_dir``, computing and storing them if absent.

    A cache holding a different set of ids than the registry is recomputed.
    """
    if not cache_dir:
        return compute_claim_values()
    path = Path(cache_dir) / CACHE_FILE
    if path.is_file():
        stored = json.loads(path.read_text(encoding="utf-8"))
        if set(stored) == set(claims.REGISTRY):
            return stored
    values = compute_claim_values()
    path.parent.mkdir(parents=True, exist_ok=True)
    # Atomic write: a build interrupted mid-write must not leave half a cache.
    with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False, encoding="utf-8") as tmp:
        json.dump(values, tmp, indent=1, sort_keys=True, ensure_ascii=False)
    os.replace(tmp.name, path)
    return values


def load_claim_values(app: Sphinx) -> None:
    """Make every claim's value available to the role before any page is read."""
    app.env.actbook_claim_values = cached_claim_values(app.config.actbook_cache_dir)


def claim_role(
    name: str,
    rawtext: str,
    text: str,
    lineno: int,
    inliner: Any,
    options: dict[str, Any] | None = None,
    content: list[str] | None = None,
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """Render ``{claim}`id``` as the claim's value, linked to its ledger entry."""
    claim_id = text.strip()
    env = inliner.document.settings.env
    values = env.actbook_claim_values
    if claim_id not in values:
        known = ", ".join(sorted(values)) or "none"
        message = inliner.reporter.error(
            f"unknown claim id {claim_id!r} (known ids: {known})", line=lineno
        )
        problem = inliner.problematic(rawtext, rawtext, message)
        return [problem], [message]
    shown = nodes.inline(rawtext, values[claim_id]["text"])
    xref = addnodes.pending_xref(
        rawtext,
        shown,
        refdomain="std",
        reftype="ref",
        reftarget=ledger_label(claim_id),
        refexplicit=True,
        refwarn=True,
    )
    # The outer span survives reference resolution, so checks can find every claim.
    return [nodes.inline("", "", xref, classes=["claim"])], []
