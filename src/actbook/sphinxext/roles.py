"""The ``{claim}`` role and the per-build cache of claim values.

A claim's value reads as part of the sentence (text colour, a discreet dotted underline)
and links to its row in the claims ledger; the link's tooltip gives the claim's
statement in the page's language and the verdicts of the source statements it decides.
"""

from __future__ import annotations

import gettext
import json
import multiprocessing
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.i18n import docname_to_domain

from actbook import claims, sources
from actbook.sphinxext.interface import message
from actbook.sphinxext.number_format import localized_number_text

logger = logging.getLogger(__name__)

CACHE_FILE = "claims.json"
CLAIM_CLASS = "claim"


def ledger_label(claim_id: str) -> str:
    """Return the label of claim ``claim_id``'s entry in the ledger.

    >>> ledger_label("vanishing.sigmoid_bound_20")
    'claim-vanishing.sigmoid_bound_20'
    """
    return f"claim-{claim_id}"


def claim_groups(claim_ids: Iterable[str]) -> list[list[str]]:
    """Group claim ids by the module that registers them (the id's prefix), largest first.

    A module's claims share its cached experiments, so a group is computed in one process.

    >>> claim_groups(["b.x", "a.y", "b.z"])
    [['b.x', 'b.z'], ['a.y']]
    """
    groups: dict[str, list[str]] = {}
    for claim_id in sorted(claim_ids):
        groups.setdefault(claim_id.split(".", 1)[0], []).append(claim_id)
    return sorted(groups.values(), key=lambda group: (-len(group), group[0]))


def _compute_group(claim_ids: list[str]) -> dict[str, dict[str, Any]]:
    values: dict[str, dict[str, Any]] = {}
    for claim_id in claim_ids:
        claim = claims.REGISTRY[claim_id]
        value = claim.compute()
        values[claim_id] = {"value": float(value), "text": claim.fmt(value)}
    return values


def compute_claim_values(processes: int = 1) -> dict[str, dict[str, Any]]:
    """Compute every registered claim: ``{id: {"value": float, "text": str}}``.

    With ``processes`` > 1 the modules' groups of claims are computed in that many forked
    processes (a cold build spends minutes here). Every claim is seeded, so the values
    do not depend on the process that computed them.
    """
    if isinstance(processes, bool) or not isinstance(processes, int) or processes < 1:
        raise ValueError(f"processes must be a positive integer, got {processes!r}")
    groups = claim_groups(claims.REGISTRY)
    if processes == 1 or len(groups) < 2:
        results = [_compute_group(group) for group in groups]
    else:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(min(processes, len(groups)), mp_context=context) as pool:
            results = list(pool.map(_compute_group, groups))
    values = {claim_id: entry for result in results for claim_id, entry in result.items()}
    return dict(sorted(values.items()))


def available_cores() -> int:
    """Return the number of CPU cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def cached_claim_values(cache_dir: str | os.PathLike[str] | None) -> dict[str, dict[str, Any]]:
    """Return the claim values stored in ``cache_dir``, computing and storing them if absent.

    A cache holding a different set of ids than the registry is recomputed.
    """
    if not cache_dir:
        return compute_claim_values(available_cores())
    path = Path(cache_dir) / CACHE_FILE
    if path.is_file():
        stored = json.loads(path.read_text(encoding="utf-8"))
        if set(stored) == set(claims.REGISTRY):
            return stored
    values = compute_claim_values(available_cores())
    path.parent.mkdir(parents=True, exist_ok=True)
    # Atomic write: a build interrupted mid-write must not leave half a cache.
    with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False, encoding="utf-8") as tmp:
        json.dump(values, tmp, indent=1, sort_keys=True, ensure_ascii=False)
    os.replace(tmp.name, path)
    return values


def load_claim_values(app: Sphinx) -> None:
    """Make every claim's value available to the role before any page is read."""
    app.env.actbook_claim_values = cached_claim_values(app.config.actbook_cache_dir)


# ------------------------------------------------------------------------- tooltips

# TeX commands of the statements, as plain text for a tooltip (which cannot show math).
TEX_SYMBOLS = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "kappa": "κ", "lambda": "λ", "mu": "μ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ",
    "phi": "φ", "Phi": "Φ", "theta": "θ", "omega": "ω", "ell": "ℓ", "partial": "∂",
    "infty": "∞", "pm": "±", "times": "×", "cdot": "·", "approx": "≈", "le": "≤", "leq": "≤",
    "ge": "≥", "geq": "≥", "ne": "≠", "neq": "≠", "sim": "~", "mapsto": "↦", "to": "→",
    "top": "ᵀ", "sum": "Σ", "prod": "Π", "|": "‖", "%": "%", ",": " ", ";": " ", "!": "",
    "quad": " ", "ln": "ln", "log": "log", "exp": "exp", "tanh": "tanh", "tan": "tan",
    "sin": "sin", "cos": "cos", "min": "min", "max": "max", "lfloor": "⌊", "rfloor": "⌋",
}  # fmt: skip
_SUPER = dict(
    zip(
        "0123456789+-=()abcdefghijklmnoprstuvwxyzT*ᵀ",
        "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᵀ*ᵀ",
        strict=True,
    )
)
_SUB = dict(zip("0123456789+-=()aeijklmnoprstx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑᵢⱼₖₗₘₙₒₚᵣₛₜₓ", strict=True))
_TEX_GROUP = r"\{([^{}]*)\}"
_TEX_SCRIPT = re.compile(r"([\^_])(?:\{([^{}]*)\}|([^\s{}\\]))")


def _script(match: re.Match[str]) -> str:
    """Write ``^{...}`` or ``_{...}`` with Unicode scripts, or ``^(...)`` if one is missing."""
    text = match[2] if match[2] is not None else match[3]
    table = _SUPER if match[1] == "^" else _SUB
    if all(ch in table for ch in text.replace(" ", "")):
        return "".join(table.get(ch, "") for ch in text)
    return f"{match[1]}({text})" if len(text) > 1 else f"{match[1]}{text}"


def tex_to_text(tex: str) -> str:
    """Write a short TeX formula as plain Unicode text, for a tooltip.

    Greek letters and common operators become their symbols, ``\\sqrt{x}`` becomes ``√(x)``,
    ``\\frac{a}{b}`` becomes ``(a)/(b)``, and sub- and superscripts become Unicode
    sub- and superscripts where these exist.

    >>> tex_to_text(r"\\gamma = \\sqrt{\\mathrm{Var} + \\epsilon}")
    'γ = √(Var + ε)'
    >>> tex_to_text(r"(1/4)^{20} \\approx 10^{-12}")
    '(1/4)²⁰ ≈ 10⁻¹²'
    >>> tex_to_text(r"Z \\sim \\mathcal{N}(0, 1)")
    'Z ~ N(0, 1)'
    >>> tex_to_text(r"|w_k\\,\\sigma'(z_k)|")
    "|wₖ σ'(zₖ)|"
    >>> tex_to_text(r"E[x x^\\top] \\ne 2^{1-p} e^{-x}")
    'E[x xᵀ] ≠ 2¹⁻ᵖ e⁻ˣ'
    """
    text = tex
    for _ in range(3):  # nested groups, innermost first
        text = re.sub(
            r"\\(?:mathrm|mathcal|mathbf|mathit|text|operatorname)" + _TEX_GROUP, r"\1", text
        )
        text = re.sub(r"\\sqrt" + _TEX_GROUP, r"√(\1)", text)
        text = re.sub(r"\\frac" + _TEX_GROUP + _TEX_GROUP, r"(\1)/(\2)", text)
    text = re.sub(r"\\left|\\right|\\big|\\Big", "", text)
    text = re.sub(
        r"\\([A-Za-z]+|[|%,;!])",
        lambda m: TEX_SYMBOLS.get(m[1], m[1]),
        text,
    )
    for _ in range(2):  # a script inside a script: innermost first
        text = _TEX_SCRIPT.sub(_script, text)
    text = text.replace("{", "").replace("}", "")
    return re.sub(r"\s+", " ", text).strip()


_MARKUP = re.compile(
    r"\{(?P<role>[\w:-]+)\}`(?P<content>[^`]*)`"  # a role
    r"|`(?P<code>[^`]*)`"  # inline code
    r"|\$\$?(?P<math>[^$]+)\$\$?"  # inline math
)


def plain_text(myst: str, values: dict[str, dict[str, Any]], language: str | None = "en") -> str:
    """Turn a sentence of MyST inline markup into plain text for a tooltip.

    Claim roles become their values (written for ``language``, see
    :func:`~actbook.sphinxext.number_format.localized_number_text`), other roles their
    text, code its content, formulas Unicode text (:func:`tex_to_text`).

    >>> values = {"demo.k": {"value": 3.0, "text": "3"}, "demo.p": {"value": 0.5, "text": "0.5"}}
    >>> plain_text(r"Below $1/k$ with $k =$ {claim}`demo.k`, see {ref}`the rule <sec-x>`.", values)
    'Below 1/k with k = 3, see the rule.'
    >>> plain_text("The `ACTIVATIONS` dict.", values)
    'The ACTIVATIONS dict.'
    >>> plain_text("Con $p =$ {claim}`demo.p`.", values, "it")
    'Con p = 0,5.'
    """

    def replace(match: re.Match[str]) -> str:
        if match["role"] == "claim":
            claim_id = match["content"].strip()
            if claim_id not in values:
                return claim_id
            return localized_number_text(values[claim_id]["text"], language)
        if match["role"] is not None:
            return re.sub(r"\s*<[^<>]*>$", "", match["content"])
        if match["code"] is not None:
            return match["code"]
        return tex_to_text(match["math"])

    # the no-break spaces inside claim values stay: a value does not break
    return re.sub(r"[^\S\u00a0]+", " ", _MARKUP.sub(replace, myst)).strip()


def verdict_word(verdict: str) -> str:
    """Return the word for a verdict in the language of the build.

    >>> verdict_word("imprecise")
    'imprecise'
    """
    words = {
        "confirmed": message("confirmed"),
        "imprecise": message("imprecise"),
        "wrong": message("wrong"),
        "convention": message("convention"),
        "unsupported": message("unsupported"),
        "pending": message("pending"),
    }
    return words[verdict]


def verdict_lines(claim_id: str) -> list[str]:
    """Return ``"S2 · imprecise"`` for each article whose statements the claim decides.

    One item per article and verdict, in the register's order; none if the claim
    decides no statement.
    """
    pairs = (
        (statement.article, statement.verdict)
        for statement in sources.REGISTER.values()
        if claim_id in statement.claims
    )
    return [f"{article} · {verdict_word(verdict)}" for article, verdict in dict.fromkeys(pairs)]


def claim_tooltip(
    claim_id: str,
    values: dict[str, dict[str, Any]],
    translate: Callable[[str], str] = str,
    language: str | None = "en",
) -> str:
    """Return the tooltip of a claim's value: its statement, then the verdicts it decides.

    ``translate`` turns the ledger's English statement into the page's language, whose
    number conventions the claim values inside it follow.

    >>> claim_tooltip("vanishing.sigmoid_bound_3", {})
    'The product of three sigmoid derivatives is at most (1/4)³. — S2 · confirmed, S4 · confirmed'
    """
    statement = plain_text(translate(claims.REGISTRY[claim_id].statement), values, language)
    verdicts = verdict_lines(claim_id)
    # one line: HTML writers fold the whitespace of attribute values
    return f"{statement} — {', '.join(verdicts)}" if verdicts else statement


def ledger_catalog_files(app: Sphinx) -> list[Path]:
    """Return the compiled catalogs (``.mo``) that translate the ledger in this build."""
    language = app.config.language
    if not language or language == "en":
        return []
    domain = docname_to_domain(app.config.actbook_ledger_docname, app.config.gettext_compact)
    found = []
    for directory in app.config.locale_dirs:
        mo = Path(app.srcdir, directory, language, "LC_MESSAGES", f"{domain}.mo")
        if mo.is_file():
            found.append(mo)
    return found


def catalog_translator(files: Iterable[Path]) -> Callable[[str], str]:
    """Return a function that translates a message with the first catalog that has it."""
    catalogs = []
    for path in files:
        with path.open("rb") as handle:
            catalogs.append(gettext.GNUTranslations(handle))

    def translate(text: str) -> str:
        for catalog in catalogs:
            translated = catalog.gettext(text)
            if translated != text:
                return translated
        return text

    return translate


def load_claim_tooltips(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Compute every claim's tooltip once per build, after Sphinx compiled the catalogs."""
    files = ledger_catalog_files(app)
    translate = catalog_translator(files)
    values = env.actbook_claim_values
    env.actbook_claim_tooltips = {
        claim_id: claim_tooltip(claim_id, values, translate, app.config.language)
        for claim_id in values
    }
    env.actbook_claim_catalogs = [str(path) for path in files]


def claim_role(
    name: str,
    rawtext: str,
    text: str,
    lineno: int,
    inliner: Any,
    options: dict[str, Any] | None = None,
    content: list[str] | None = None,
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """Render ``{claim}`id``` as the claim's value, linked to its ledger entry.

    The value follows the number conventions of the build's language (``0,25`` in Italian).
    """
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
    shown = nodes.inline(
        rawtext, localized_number_text(values[claim_id]["text"], env.config.language)
    )
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
    outer = nodes.inline("", "", xref, classes=[CLAIM_CLASS])
    tooltips = getattr(env, "actbook_claim_tooltips", {})
    if claim_id in tooltips:
        outer["claim_tooltip"] = tooltips[claim_id]
    for catalog in getattr(env, "actbook_claim_catalogs", []):
        env.note_dependency(catalog)  # a new translation of the statement re-reads the page
    return [outer], []


class ClaimTooltips(SphinxPostTransform):
    """Give each claim's link, once resolved, its tooltip (the ``title`` attribute)."""

    default_priority = 20  # after the references are resolved (10)

    def run(self, **kwargs: Any) -> None:
        for span in self.document.findall(nodes.inline):
            if CLAIM_CLASS not in span["classes"] or "claim_tooltip" not in span:
                continue
            for reference in span.findall(nodes.reference):
                reference["reftitle"] = span["claim_tooltip"]
