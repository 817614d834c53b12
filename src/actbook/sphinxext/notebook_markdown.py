"""The markdown cells of the downloaded notebooks, as the page shows them.

A chapter's markdown cells are MyST: ``{claim}`dropout.batch_size``` where the page shows
a number, ``{source-quote}`S3.id``` where it shows the article's words, ``:::{admonition}``
fences, ``(label)=`` targets. Jupyter knows none of it. :func:`render_markdown` turns a
cell into plain (CommonMark and ``$`` math) markdown:

- every role through its renderer in :data:`ROLE_RENDERERS`: a claim becomes its value
  linked to its row of the ledger, a reference the target's title (or the given text)
  linked to the page on the site, an equation reference its number, a citation the text
  the page shows, a source quote the quoted words;
- a ``:::{glue:figure}`` block becomes its caption (the figure is the output of the code
  cell before it), a ``:::{list-table}`` a pipe table, an admonition or dropdown a block
  quote with its title in bold; ``(label)=`` lines and HTML comments go, and a labelled
  display formula gets its number as ``\\tag``.

The references are resolved by a :class:`Context`. The base class reads small tables
(for tests and examples); :class:`SphinxContext` asks the build's domains, after the
environment is complete (``build-finished``), so titles, numbers and citation labels are
the page's, in the page's language, and the links are absolute URLs of the site: the
notebook is read away from it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from docutils import nodes

from actbook.sphinxext.exercises import EXERCISE_CLASS, number_label
from actbook.sphinxext.interface import message
from actbook.sphinxext.number_format import localized_number_text
from actbook.sphinxext.roles import ledger_label

#: A role in MyST: ``{name}`content```.
ROLE = re.compile(r"\{(?P<name>[\w:-]+)\}`(?P<content>[^`]*)`")
#: Inline code, left as it is (a role inside it is an example, not a role).
_CODE_OR_ROLE = re.compile(r"(?P<code>(?<![}\w])(?P<ticks>`+)[^`]+?(?P=ticks))|" + ROLE.pattern)
_EXPLICIT = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$", re.S)
_FENCE_OPEN = re.compile(r"^(?P<indent>\s*)(?P<colons>:{3,})\{(?P<name>[\w:-]+)\}\s*(?P<arg>.*)$")
_OPTION = re.compile(r"^\s*:(?P<key>[\w-]+):\s*(?P<value>.*)$")
_CODE_FENCE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,})")
_LABEL_LINE = re.compile(r"^\s*\([^()\s]+\)=\s*$")
_COMMENT = re.compile(r"<!--.*?-->[ \t]*\n?", re.S)
_LABELLED_MATH_END = re.compile(r"^(?P<indent>\s*)\$\$\s*\((?P<label>[^()\s]+)\)\s*$")
_NUMBERED_MATH = r"\\tag|\\begin\{(?:align|equation|gather|multline|eqnarray)\*?\}"
#: Quotation marks around an article's words, by its language (as the page's ``<q>`` shows).
QUOTE_MARKS = {"it": ("«", "»")}
DEFAULT_QUOTE_MARKS = ("“", "”")


@dataclass
class Context:
    """What the renderers need to know: claim values, targets, quotes, labels.

    Parameters
    ----------
    claims : dict
        Claim id -> the claim's text as the page shows it (in the page's language).
    targets : dict
        ``(domain, label)`` -> ``(text, url)``: a reference's default text (a section
        title, ``"(3)"`` for an equation, ``"Fig. 2"`` for a figure) and its link.
    quotes : dict
        A ``{source-*}`` key -> ``(words, language)``.
    labels : dict
        Default titles of admonitions (``"note"`` -> ``"Note"``).
    language : str
        The page's Sphinx language (``"en"``, ``"zh_CN"`` …).

    Examples
    --------
    >>> context = Context(targets={("std", "sec-x"): ("Section X", "https://s.org/p.html#x")})
    >>> context.reference("std", "ref", "sec-x")
    '[Section X](https://s.org/p.html#x)'
    >>> context.reference("std", "ref", "sec-x", "this section")
    '[this section](https://s.org/p.html#x)'
    >>> context.reference("std", "ref", "nowhere") is None
    True
    """

    claims: dict[str, str] = field(default_factory=dict)
    targets: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    quotes: dict[str, tuple[str, str]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    language: str = "en"
    #: Exercises numbered so far on the page, and the one whose solution comes next.
    exercises: int = 0
    solution_of: int | None = None

    def claim_text(self, claim_id: str) -> str | None:
        """The claim's value as the page shows it, or None for an unknown id."""
        return self.claims.get(claim_id)

    def reference(self, domain: str, typ: str, target: str, text: str | None = None) -> str | None:
        """Markdown for a reference to ``target``: a link, or None if it does not resolve."""
        found = self.targets.get((domain, target))
        if found is None:
            return None
        return link(text or found[0], found[1])

    def quote(self, key: str) -> tuple[str, str] | None:
        """An article's words for a ``{source-*}`` key, and their language."""
        return self.quotes.get(key)

    def admonition_title(self, name: str) -> str:
        """The default title of an admonition without one (``note`` -> ``Note``)."""
        return self.labels.get(name, name.replace("-", " ").capitalize())


def escape_link_text(text: str) -> str:
    r"""Escape the brackets of a link's text.

    >>> escape_link_text("a [b] c")
    'a \\[b\\] c'
    """
    return text.replace("[", r"\[").replace("]", r"\]")


def link(text: str, url: str) -> str:
    """A markdown link.

    >>> link("(3)", "https://s.org/p.html#equation-eq-x")
    '[(3)](https://s.org/p.html#equation-eq-x)'
    """
    return f"[{escape_link_text(text)}]({url.replace(' ', '%20')})"


def split_explicit(content: str) -> tuple[str | None, str]:
    """Split a role's ``text <target>`` into its text and target.

    >>> split_explicit("the rule <sec-x>")
    ('the rule', 'sec-x')
    >>> split_explicit("sec-x")
    (None, 'sec-x')
    """
    match = _EXPLICIT.match(content.strip())
    if match and match["text"]:
        return match["text"], match["target"].strip()
    return None, content.strip()


# --------------------------------------------------------------------------- the roles


def render_claim(content: str, context: Context) -> str:
    """``{claim}`id``` -> the claim's value, linked to its row of the ledger.

    >>> context = Context(
    ...     claims={"demo.k": "3"},
    ...     targets={("std", "claim-demo.k"): ("demo.k", "https://s.org/en/claims.html#claim-demo-k")},
    ... )
    >>> render_claim("demo.k", context)
    '[3](https://s.org/en/claims.html#claim-demo-k)'
    >>> render_claim("demo.unknown", context)
    'demo.unknown'
    """
    claim_id = content.strip()
    text = context.claim_text(claim_id)
    if text is None:
        return claim_id
    return context.reference("std", "ref", ledger_label(claim_id), text) or text


def render_ref(content: str, context: Context, typ: str = "ref") -> str:
    """``{ref}`label``` or ``{ref}`text <label>``` -> the title or text, linked.

    >>> context = Context(targets={("std", "sec-x"): ("Section X", "https://s.org/p.html#x")})
    >>> render_ref("sec-x", context)
    '[Section X](https://s.org/p.html#x)'
    >>> render_ref("the rule <sec-x>", context)
    '[the rule](https://s.org/p.html#x)'
    >>> render_ref("the rule <sec-missing>", context)
    'the rule'
    """
    text, target = split_explicit(content)
    found = context.reference("std", typ, target.lower(), text)
    return found if found is not None else (text or target)


def render_numref(content: str, context: Context) -> str:
    """``{numref}`label``` -> the number the page shows (``Fig. 2``), linked.

    >>> context = Context(targets={("std", "fig-x"): ("Fig. 2", "https://s.org/p.html#fig-x")})
    >>> render_numref("fig-x", context)
    '[Fig. 2](https://s.org/p.html#fig-x)'
    """
    return render_ref(content, context, "numref")


def render_eq(content: str, context: Context) -> str:
    """``{eq}`label``` -> ``(n)``, the equation's number, linked; else the label.

    >>> context = Context(targets={("math", "eq-x"): ("(3)", "https://s.org/p.html#equation-eq-x")})
    >>> render_eq("eq-x", context)
    '[(3)](https://s.org/p.html#equation-eq-x)'
    >>> render_eq("eq-missing", context)
    '(eq-missing)'
    """
    text, target = split_explicit(content)
    found = context.reference("math", "eq", target, text)
    return found if found is not None else f"({text or target})"


def _cite(typ: str) -> Callable[[str, Context], str]:
    def render_cite(content: str, context: Context) -> str:
        keys = content.strip()
        found = context.reference("cite", typ, keys)
        return found if found is not None else f"[{', '.join(k.strip() for k in keys.split(','))}]"

    render_cite.__name__ = f"render_cite_{typ}"
    render_cite.__doc__ = (
        f"``{{cite:{typ}}}`keys``` -> the citation as the page shows it "
        "(authors and label), linked to the bibliography; else ``[keys]``."
    )
    return render_cite


render_cite_p = _cite("p")
render_cite_t = _cite("t")


def _quote_marks(language: str) -> tuple[str, str]:
    return QUOTE_MARKS.get(language.split("-")[0].lower(), DEFAULT_QUOTE_MARKS)


def render_source_quote(content: str, context: Context) -> str:
    """``{source-quote}`key``` -> the article's words, in quotation marks of their language.

    >>> context = Context(quotes={"S3.x": ("以一定的概率p被丢弃", "zh-CN"), "S5.y": ("una frase", "it")})
    >>> render_source_quote("S3.x", context)
    '“以一定的概率p被丢弃”'
    >>> render_source_quote("S5.y", context)
    '«una frase»'
    >>> render_source_quote("S1: words typed in the chapter", context)
    '“words typed in the chapter”'
    """
    key = content.strip()
    found = context.quote(key)
    if found is None:
        words, language = re.sub(r"^S\d+:\s*", "", key), ""
    else:
        words, language = found
    opening, closing = _quote_marks(language)
    return f"{opening}{words}{closing}"


def render_source_words(content: str, context: Context) -> str:
    """``{source-title}`` and ``{source-location}`` -> the article's words as they are.

    >>> render_source_words("S1", Context(quotes={"S1": ("深度学习", "zh-CN")}))
    '深度学习'
    """
    found = context.quote(content.strip())
    return found[0] if found is not None else content.strip()


def render_math(content: str, context: Context) -> str:
    """``{math}`x^2``` -> ``$x^2$``.

    >>> render_math("x^2", Context())
    '$x^2$'
    """
    return f"${content}$"


def render_measured_on(content: str, context: Context) -> str:
    """``{measured-on}`date``` -> the date of the stored timings in the page's language.

    >>> render_measured_on("date", Context(language="zh_CN")).endswith("日")
    True
    """
    from actbook.sphinxext.measured import measured_on

    return measured_on(content.strip(), context.language)


def render_other(content: str, context: Context) -> str:
    """Any other role -> its text (a ``text <target>`` role its text).

    >>> render_other("the glossary <glossary>", Context())
    'the glossary'
    """
    text, target = split_explicit(content)
    return text or target


#: Role name -> renderer; a role not listed is rendered by :func:`render_other`.
ROLE_RENDERERS: dict[str, Callable[[str, Context], str]] = {
    "claim": render_claim,
    "ref": render_ref,
    "numref": render_numref,
    "eq": render_eq,
    "cite:p": render_cite_p,
    "cite:t": render_cite_t,
    "source-quote": render_source_quote,
    "source-title": render_source_words,
    "source-location": render_source_words,
    "math": render_math,
    "measured-on": render_measured_on,
}


def render_inline(text: str, context: Context) -> str:
    """Render the roles of a paragraph; inline code stays as it is.

    >>> render_inline("With {math}`k` = {claim}`demo.k` and `{claim}`.", Context(claims={"demo.k": "3"}))
    'With $k$ = 3 and `{claim}`.'
    """

    def replace(match: re.Match[str]) -> str:
        if match["code"] is not None:
            return match[0]
        renderer = ROLE_RENDERERS.get(match["name"], render_other)
        return renderer(match["content"], context)

    return _CODE_OR_ROLE.sub(replace, text)


# --------------------------------------------------------------------------- the blocks


def _blockquote(lines: list[str]) -> list[str]:
    return [f"> {line}" if line.strip() else ">" for line in lines]


def render_admonition(
    name: str, argument: str, options: dict[str, str], body: list[str], context: Context
) -> list[str]:
    """An admonition or dropdown -> a block quote, its title in bold.

    >>> render_admonition("note", "", {}, ["Mind {math}`x`."], Context())
    ['> **Note**', '>', '> Mind $x$.']

    Exercises are numbered per page, and the dropdown after one names its solution:

    >>> context = Context()
    >>> render_admonition("admonition", "Exercise: a sum", {"class": "exercise"}, ["Add."], context)
    ['> **Exercise 1: a sum**', '>', '> Add.']
    >>> render_admonition("dropdown", "Solution", {}, ["2."], context)[0]
    '> **Solution to exercise 1**'
    """
    title = render_inline(argument.strip(), context) or context.admonition_title(name)
    if EXERCISE_CLASS in options.get("class", "").split():  # numbered as on the page
        context.exercises += 1
        title = number_label(title, context.exercises) or title
        context.solution_of = context.exercises
    elif name == "dropdown" and context.solution_of is not None:
        title = message("Solution to exercise {number}", number=context.solution_of)
        context.solution_of = None
    inner = render_blocks(body, context)
    return _blockquote([f"**{title}**", "", *inner] if inner else [f"**{title}**"])


def _number_prefix(options: dict[str, str], context: Context) -> str:
    name = options.get("name", "").strip()
    number = context.reference("std", "numref", name.lower()) if name else None
    if number is None:
        return ""
    # "[Fig. 2](url)" -> "Fig. 2": the figure is right here
    return re.sub(r"^\[(.*)\]\(.*\)$", r"\1", number, flags=re.S) + " "


def render_glue_figure(
    name: str, argument: str, options: dict[str, str], body: list[str], context: Context
) -> list[str]:
    """A ``glue:figure`` -> its caption, after its number if the build knows it.

    The figure itself is the output of the code cell that glued it.

    >>> render_glue_figure("glue:figure", "fig-x", {"name": "fig-x"}, ["The *caption*."], Context())
    ['The *caption*.']
    >>> context = Context(targets={("std", "fig-x"): ("Fig. 2", "https://s.org/p.html#fig-x")})
    >>> render_glue_figure("glue:figure", "fig-x", {"name": "fig-x"}, ["A caption."], context)
    ['**Fig. 2** A caption.']
    """
    caption = " ".join(line.strip() for line in render_blocks(body, context) if line.strip())
    number = _number_prefix(options, context).strip()
    # the number in bold, as the page sets it apart; a caption may have emphasis of its own
    text = f"**{number}** {caption}" if number else caption
    return [text.strip()] if text.strip() else []


def _table_cell(lines: list[str], context: Context) -> str:
    text = " ".join(line.strip() for line in lines if line.strip())
    return render_inline(text, context).replace("|", r"\|")


def render_list_table(
    name: str, argument: str, options: dict[str, str], body: list[str], context: Context
) -> list[str]:
    """A ``list-table`` -> a pipe table, its title in bold above it.

    >>> body = ["* - a", "  - b", "* - {math}`x`", "  - 2"]
    >>> render_list_table("list-table", "T", {"header-rows": "1"}, body, Context())
    ['**T**', '', '| a | b |', '| --- | --- |', '| $x$ | 2 |']
    """
    rows: list[list[list[str]]] = []
    for line in body:
        row_start = re.match(r"^\*\s+-\s?(.*)$", line)
        cell_start = re.match(r"^\s+-\s?(.*)$", line)
        if row_start:
            rows.append([[row_start[1]]])
        elif cell_start and rows:
            rows[-1].append([cell_start[1]])
        elif rows and line.strip():
            rows[-1][-1].append(line)
    table = [[_table_cell(cell, context) for cell in row] for row in rows]
    if not table:
        return []
    width = max(len(row) for row in table)
    table = [row + [""] * (width - len(row)) for row in table]
    header_rows = int(options.get("header-rows", "0") or 0)
    header = table[0] if header_rows else [""] * width
    rest = table[1:] if header_rows else table
    lines = [f"| {' | '.join(header)} |", "| " + " | ".join(["---"] * width) + " |"]
    lines += [f"| {' | '.join(row)} |" for row in rest]
    number = _number_prefix(options, context).strip()
    title = render_inline(argument.strip(), context)
    heading = f"**{number}** {title}".strip() if number else (f"**{title}**" if title else "")
    return [heading, "", *lines] if heading else lines


#: Directive name -> renderer of its block; any other directive becomes a block quote.
DIRECTIVE_RENDERERS: dict[
    str, Callable[[str, str, dict[str, str], list[str], Context], list[str]]
] = {
    "glue:figure": render_glue_figure,
    "list-table": render_list_table,
}


def _closing(lines: list[str], start: int, colons: str) -> int:
    for index in range(start, len(lines)):
        if lines[index].strip() == colons:
            return index
    return len(lines)


def render_blocks(lines: list[str], context: Context) -> list[str]:
    """Render the lines of a cell (or of a directive's body): fences, targets, paragraphs.

    >>> render_blocks(["(sec-x)=", "# Title", "", ":::{tip}", "Do.", ":::"], Context())
    ['# Title', '', '> **Tip**', '>', '> Do.']
    """
    out: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            out.extend(render_inline("\n".join(paragraph), context).split("\n"))
            paragraph.clear()

    index = 0
    while index < len(lines):
        line = lines[index]
        code = _CODE_FENCE.match(line)
        opening = _FENCE_OPEN.match(line)
        if code:
            flush()
            end = index + 1
            while end < len(lines) and not lines[end].strip().startswith(code["fence"]):
                end += 1
            out.extend(lines[index : end + 1])
            index = end + 1
        elif opening:
            flush()
            end = _closing(lines, index + 1, opening["colons"])
            body = lines[index + 1 : end]
            options: dict[str, str] = {}
            while body and _OPTION.match(body[0]):
                option = _OPTION.match(body[0])
                assert option is not None
                options[option["key"]] = option["value"].strip()
                body = body[1:]
            while body and not body[0].strip():
                body = body[1:]
            renderer = DIRECTIVE_RENDERERS.get(opening["name"], render_admonition)
            out.extend(renderer(opening["name"], opening["arg"], options, body, context))
            index = end + 1
        elif _LABEL_LINE.match(line):
            flush()
            index += 1
        elif _LABELLED_MATH_END.match(line):
            flush()
            match = _LABELLED_MATH_END.match(line)
            assert match is not None
            out.extend(_equation_tag(out, match["indent"], match["label"], context))
            out.append(f"{match['indent']}$$")
            index += 1
        else:
            paragraph.append(line)
            index += 1
    flush()
    return _tidy(out)


def _equation_tag(out: list[str], indent: str, label: str, context: Context) -> list[str]:
    """``\\tag{n}`` for the labelled formula that ends here, if its number is known.

    A formula that is a numbered environment itself, or has a tag, gets none.
    """
    number = context.reference("math", "eq", label)
    tag = re.search(r"\((\d[\w.-]*)\)", number) if number else None
    opening = max((i for i, line in enumerate(out) if line.strip().startswith("$$")), default=-1)
    formula = "\n".join(out[opening + 1 :]) if opening >= 0 else ""
    if tag is None or not formula or re.search(_NUMBERED_MATH, formula):
        return []
    return [f"{indent}\\tag{{{tag[1]}}}"]


def _tidy(lines: list[str]) -> list[str]:
    """Drop leading, trailing and repeated blank lines."""
    tidy: list[str] = []
    for line in lines:
        if not line.strip() and (not tidy or not tidy[-1].strip()):
            continue
        tidy.append(line.rstrip() if not line.strip() else line)
    while tidy and not tidy[-1].strip():
        tidy.pop()
    return tidy


def render_markdown(source: str, context: Context) -> str:
    """A markdown cell in MyST -> the markdown Jupyter shows as the page does.

    >>> context = Context(claims={"demo.k": "3"})
    >>> print(render_markdown("(sec-x)=\\n## Why\\n\\n<!-- PART A -->\\nWith $k =$ {claim}`demo.k`.\\n", context))
    ## Why
    <BLANKLINE>
    With $k =$ 3.
    """
    text = _COMMENT.sub("", source)
    return "\n".join(render_blocks(text.split("\n"), context))


# --------------------------------------------------------------------------- in Sphinx


def node_markdown(node: nodes.Node, page_url: str) -> str:
    """Markdown of a resolved inline node: text, emphasis, math, links made absolute.

    >>> ref = nodes.reference("", "", nodes.Text("GBC16"), refuri="../bibliography.html#id20")
    >>> node_markdown(nodes.inline("", "", nodes.Text("Goodfellow "), nodes.emphasis("", "et al."),
    ...     nodes.Text(" ["), ref, nodes.Text("]")), "https://s.org/en/chapters/dropout.html")
    'Goodfellow *et al.* [[GBC16](https://s.org/en/bibliography.html#id20)]'
    """
    if isinstance(node, nodes.Text):
        return str(node)
    if isinstance(node, nodes.reference):
        target = node.get("refuri") or ("#" + node["refid"] if node.get("refid") else "")
        return link(node.astext(), urljoin(page_url, target))
    if isinstance(node, nodes.math):
        return f"${node.astext()}$"
    inner = "".join(node_markdown(child, page_url) for child in node.children)
    if isinstance(node, nodes.emphasis):
        return f"*{inner}*"
    if isinstance(node, nodes.strong):
        return f"**{inner}**"
    return inner


def site_folder_url(app: Any) -> str:
    """The absolute URL of this language's folder of the site (``html_baseurl`` + folder)."""
    from actbook.sphinxext.downloads import DEFAULT_BASEURL

    base = (app.config.html_baseurl or DEFAULT_BASEURL).rstrip("/") + "/"
    language = app.config.language or "en"
    languages = getattr(app.config, "actbook_languages", {}) or {}
    folder = languages[language][0] if language in languages else ""
    return base + (folder.strip("/") + "/" if folder else "")


class SphinxContext(Context):
    """The build's answers, for the page ``docname``: claim values, domains, the register."""

    def __init__(self, app: Any, docname: str) -> None:
        from sphinx.locale import admonitionlabels

        from actbook import sources

        values = getattr(app.env, "actbook_claim_values", {})
        quotes = {key: (s.quote, s.language) for key, s in sources.REGISTER.items()}
        for key, article in sources.ARTICLES.items():
            quotes[key] = (article.title, article.language)
        super().__init__(
            claims={
                claim_id: localized_number_text(entry["text"], app.config.language)
                for claim_id, entry in values.items()
            },
            quotes=quotes,
            labels={name: str(label) for name, label in admonitionlabels.items()},
            language=app.config.language or "en",
        )
        self.app = app
        self.docname = docname
        self.page_url = site_folder_url(app) + app.builder.get_target_uri(docname)
        self._locations = {key: s.location for key, s in sources.REGISTER.items()}

    def quote(self, key: str) -> tuple[str, str] | None:
        from actbook import sources
        from actbook.sphinxext.sources_pages import TYPED_QUOTE

        typed = TYPED_QUOTE.match(key)
        if typed and typed["article"] in sources.ARTICLES:
            return typed["words"], sources.ARTICLES[typed["article"]].language
        return super().quote(key)

    def reference(self, domain: str, typ: str, target: str, text: str | None = None) -> str | None:
        from sphinx import addnodes

        env = self.app.env
        try:
            resolver = env.get_domain(domain)
        except Exception:  # noqa: BLE001 - no such domain in this build
            return None
        content = nodes.inline(text or target, text or target)
        pending = addnodes.pending_xref(
            "",
            content,
            refdomain=domain,
            reftype=typ,
            reftarget=target,
            refexplicit=text is not None,
            refwarn=False,
            refdoc=self.docname,
        )
        try:
            resolved = resolver.resolve_xref(
                env, self.docname, self.app.builder, typ, target, pending, content
            )
        except Exception:  # noqa: BLE001 - an unresolvable reference falls back to its text
            return None
        if resolved is None or not list(resolved.findall(nodes.reference)):
            return None
        return node_markdown(resolved, self.page_url)
