"""Translate a MyST page with its gettext catalog, block by block.

Sphinx translates the *doctree* of a page; a reader who downloads the page's source
or notebook needs the *MyST text* in their language. This module applies the same
catalog (``book/locales/<language>/LC_MESSAGES/<docname>.po``) to the text: every
block that Sphinx extracted as a message (headings, paragraphs, list items, table
cells, definition terms, display math, directive titles, ``:alt:`` texts and the
bodies of directives) is replaced by its ``msgstr``. Code cells, targets
(``(label)=``), comments, directive options and roles are kept as they are: the
translations themselves keep the roles, which ``tools/check_catalogs.py`` checks.

A message that the catalog lacks, or whose translation is fuzzy or empty, is never
replaced silently by the English: :func:`translate_markdown` reports it, and
:func:`translate_page` raises :class:`TranslationError` naming the page and the
``msgid``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

#: The MyST extensions of the book (``myst_enable_extensions`` in conf.py).
DEFAULT_EXTENSIONS = ("amsmath", "colon_fence", "deflist", "dollarmath", "substitution")
#: Directives whose argument is a title that Sphinx extracts as a message.
TITLED_DIRECTIVES = frozenset(
    {
        "admonition",
        "card",
        "csv-table",
        "dropdown",
        "list-table",
        "sidebar",
        "tab-item",
        "table",
        "topic",
    }
)
#: Directive options whose value is a message (the alt text of images and figures).
TRANSLATED_OPTIONS = frozenset({"alt"})
#: Directives whose body is code, file names or another syntax: kept as they are.
VERBATIM_DIRECTIVES = frozenset(
    {
        "bibliography",
        "code",
        "code-block",
        "code-cell",
        "eval-rst",
        "include",
        "literalinclude",
        "raw",
        "sourcecode",
        "toctree",
    }
)
#: Directives whose body is display math, one message.
MATH_DIRECTIVES = frozenset({"math"})

YAML_TEXT_OPTION = re.compile(r"^(?P<key>\s*(?:alt|caption):\s*)(?P<value>\S.*)$")
OPTION = re.compile(r"^:(?P<key>[\w-]+):(?P<value>.*)$")
DIRECTIVE_INFO = re.compile(r"^\{(?P<name>[^}\s]+)\}\s*(?P<argument>.*)$")


@dataclass(frozen=True)
class Untranslated:
    """A message of the page that the catalog cannot translate.

    ``line`` counts from 1 in the page's source; ``reason`` is ``"missing"``,
    ``"fuzzy"``, ``"empty"`` or ``"unsupported"`` (a construct this module cannot
    place a translation in).
    """

    msgid: str
    line: int
    reason: str

    def describe(self, page: str) -> str:
        """One line for an error message.

        >>> Untranslated("Hello", 3, "fuzzy").describe("chapters/demo")
        "chapters/demo:3: fuzzy translation of 'Hello'"
        """
        snippet = self.msgid if len(self.msgid) <= 80 else self.msgid[:77] + "..."
        what = {
            "missing": "no translation of",
            "fuzzy": "fuzzy translation of",
            "empty": "empty translation of",
        }.get(self.reason, "cannot translate")
        return f"{page}:{self.line}: {what} {snippet!r}"


class TranslationError(ValueError):
    """A page has messages that its catalog cannot translate."""

    def __init__(self, page: str, problems: Iterable[Untranslated]) -> None:
        self.page = page
        self.problems = list(problems)
        lines = "\n".join(problem.describe(page) for problem in self.problems)
        super().__init__(f"{len(self.problems)} untranslated message(s) in {page}:\n{lines}")


@dataclass(frozen=True)
class Catalog:
    """The finished translations of one page, and the ``msgid``s marked fuzzy."""

    translations: Mapping[str, str]
    fuzzy: frozenset[str] = frozenset()

    @classmethod
    def read(cls, path: Path) -> Catalog:
        """Read a ``.po`` file (the header entry is skipped)."""
        from babel.messages.pofile import read_po

        with Path(path).open("rb") as handle:
            catalog = read_po(handle)
        translations: dict[str, str] = {}
        fuzzy: set[str] = set()
        for message in catalog:
            if not message.id or not isinstance(message.id, str):
                continue
            if message.fuzzy:
                fuzzy.add(message.id)
            translations[message.id] = str(message.string or "")
        return cls(translations, frozenset(fuzzy))

    def lookup(self, msgid: str) -> tuple[str | None, str]:
        """Return ``(msgstr, "")`` or ``(None, reason)``.

        >>> catalog = Catalog({"Hi": "Ciao", "Bye": ""}, frozenset())
        >>> catalog.lookup("Hi"), catalog.lookup("Bye"), catalog.lookup("Yo")
        (('Ciao', ''), (None, 'empty'), (None, 'missing'))
        """
        if msgid not in self.translations:
            return None, "missing"
        if msgid in self.fuzzy:
            return None, "fuzzy"
        if not self.translations[msgid].strip():
            return None, "empty"
        return self.translations[msgid], ""


@dataclass
class Translation:
    """The translated text, the problems found and the ``msgid``s looked up."""

    text: str
    problems: list[Untranslated] = field(default_factory=list)
    used: set[str] = field(default_factory=set)


def clean_message(text: str) -> str:
    r"""Drop the hard-break backslash at line ends, as Sphinx does for its messages.

    >>> clean_message("one \\\ntwo")
    'one\ntwo'
    """
    lines = []
    for line in text.split("\n"):
        stripped = line.rstrip(" \t")
        if stripped.endswith("\\"):
            line = stripped[:-1].rstrip(" \t")
        lines.append(line)
    return "\n".join(lines)


def strip_blank_lines(text: str) -> str:
    r"""Drop leading and trailing blank lines (myst-parser's display math content).

    >>> strip_blank_lines("\n  \na = b\n\n")
    'a = b'
    """
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)


def yaml_scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when it reads back unchanged, else double-quoted.

    >>> yaml_scalar("plain words"), yaml_scalar("a: b")
    ('plain words', '"a: b"')
    """
    try:
        if yaml.safe_load(text) == text and "\n" not in text:
            return text
    except yaml.YAMLError:
        pass
    return json.dumps(text, ensure_ascii=False)


def _parser(extensions: Iterable[str]):
    config = MdParserConfig(enable_extensions=set(extensions))
    return create_md_parser(config, RendererHTML)


class _Translator:
    """Walks the markdown-it tokens of one text and collects line edits."""

    def __init__(self, catalog: Catalog, extensions: tuple[str, ...], first_line: int) -> None:
        self.catalog = catalog
        self.extensions = extensions
        self.first_line = first_line
        self.result = Translation("")

    def translate(self, msgid: str, line: int) -> str | None:
        """The msgstr, or None after recording why not (``line`` is 0-based in the text)."""
        self.result.used.add(msgid)
        msgstr, reason = self.catalog.lookup(msgid)
        if msgstr is None:
            self.result.problems.append(Untranslated(msgid, self.first_line + line, reason))
        return msgstr

    def unsupported(self, text: str, line: int) -> None:
        self.result.problems.append(Untranslated(text, self.first_line + line, "unsupported"))

    def run(self, text: str) -> Translation:
        lines = text.split("\n")
        edits: dict[int, tuple[int, list[str]]] = {}
        tokens = _parser(self.extensions).parse(text)
        consumed: set[int] = set()
        for index, token in enumerate(tokens):
            if token.map is None:
                continue
            start, end = token.map
            if token.type in ("heading_open", "dt_open", "paragraph_open"):
                inline = tokens[index + 1]
                consumed.add(index + 1)
                if not inline.content.strip():
                    continue
                msgid = clean_message(inline.content)
                msgstr = self.translate(msgid, start)
                if msgstr is not None:
                    replaced = _replace_block(lines[start:end], inline.content, msgstr)
                    if replaced is None:
                        self.unsupported(msgid, start)
                    else:
                        edits[start] = (end, replaced)
            elif token.type == "tr_open":
                cells = []
                for offset in range(index + 1, len(tokens)):
                    if tokens[offset].type == "tr_close":
                        break
                    if tokens[offset].type == "inline":
                        consumed.add(offset)
                        cells.append(tokens[offset].content)
                row = self._row(lines[start], cells, start)
                if row is not None:
                    edits[start] = (start + 1, [row])
            elif token.type in ("math_block", "math_block_label", "amsmath"):
                # myst-parser: dollar math strips blank lines, amsmath keeps its text whole.
                msgid = (
                    token.content if token.type == "amsmath" else strip_blank_lines(token.content)
                )
                replaced = self._verbatim(lines[start:end], msgid, start)
                if replaced is not None:
                    edits[start] = (end, replaced)
            elif token.type in ("fence", "colon_fence") and DIRECTIVE_INFO.match(
                token.info.strip()
            ):
                edits[start] = (end, self._directive(lines[start:end], token, start))
        for index, token in enumerate(tokens):
            if token.type == "inline" and index not in consumed and token.content.strip():
                self.unsupported(token.content, token.map[0] if token.map else 0)
        for start in sorted(edits, reverse=True):
            end, new = edits[start]
            lines[start:end] = new
        self.result.text = "\n".join(lines)
        return self.result

    def _row(self, line: str, cells: list[str], number: int) -> str | None:
        """A table row with each cell translated in place."""
        position = 0
        changed = False
        for cell in cells:
            if not cell.strip():
                continue
            at = line.find(cell, position)
            msgstr = self.translate(clean_message(cell), number)
            if msgstr is None:
                continue
            if at < 0:
                self.unsupported(cell, number)
                continue
            line = line[:at] + msgstr + line[at + len(cell) :]
            position = at + len(msgstr)
            changed = True
        return line if changed else None

    def _verbatim(self, block: list[str], msgid: str, number: int) -> list[str] | None:
        """Replace a message that appears verbatim in ``block`` (display math)."""
        if not msgid.strip():
            return None
        msgstr = self.translate(msgid, number)
        if msgstr is None or msgstr == msgid:
            return None
        text = "\n".join(block)
        if msgid not in text:
            self.unsupported(msgid, number)
            return None
        return text.replace(msgid, msgstr, 1).split("\n")

    def _yaml_options(self, block: list[str], number: int) -> list[str]:
        """Translate ``caption:`` and ``alt:`` in a leading ``---`` YAML block (a code cell's figure)."""
        if not block or block[0].strip() != "---":
            return block
        block = list(block)
        for offset in range(1, len(block)):
            if block[offset].strip() == "---":
                break
            option = YAML_TEXT_OPTION.match(block[offset])
            if option is None:
                continue
            value = yaml.safe_load(option["value"])
            if not isinstance(value, str):
                continue
            msgstr = self.translate(value, number + offset)
            if msgstr is not None:
                block[offset] = f"{option['key']}{yaml_scalar(msgstr)}"
        return block

    def _directive(self, block: list[str], token: Token, number: int) -> list[str]:
        """A directive with its title, its translatable options and its body translated."""
        match = DIRECTIVE_INFO.match(token.info.strip())
        assert match is not None
        name, argument = match["name"], match["argument"].strip()
        opening = block[0]
        indent = opening[: len(opening) - len(opening.lstrip())]
        if name in TITLED_DIRECTIVES and argument:
            msgstr = self.translate(clean_message(argument), number)
            if msgstr is not None:
                at = opening.rfind(argument)
                opening = opening[:at] + msgstr + opening[at + len(argument) :]
        closing = block[-1].strip()
        closed = len(block) > 1 and bool(closing) and set(closing) == {token.markup[0]}
        body = [_dedent(line, indent) for line in block[1 : len(block) - 1 if closed else None]]
        if name in VERBATIM_DIRECTIVES:
            return [opening, *self._yaml_options(block[1:], number + 1)]
        options: list[str] = []
        while body and (option := OPTION.match(body[0])):
            key, value = option["key"], option["value"].strip()
            line = body.pop(0)
            if key in TRANSLATED_OPTIONS and value:
                msgstr = self.translate(value, number + 1 + len(options))
                if msgstr is not None:
                    line = f":{key}: {msgstr}"
            options.append(line)
        first = number + 1 + len(options)
        if name in MATH_DIRECTIVES:
            text = "\n".join(body)
            replaced = self._verbatim(body, strip_blank_lines(text), first)
            new_body = replaced if replaced is not None else body
        else:
            nested = _Translator(self.catalog, self.extensions, self.first_line + first)
            inner = nested.run("\n".join(body))
            self.result.problems += inner.problems
            self.result.used |= inner.used
            new_body = inner.text.split("\n") if body else []
        tail = [block[-1]] if closed else []
        return [opening, *(_indent(line, indent) for line in options + new_body), *tail]


def _dedent(line: str, indent: str) -> str:
    return line[len(indent) :] if indent and line.startswith(indent) else line


def _indent(line: str, indent: str) -> str:
    return indent + line if line.strip() else line


def _replace_block(block: list[str], content: str, msgstr: str) -> list[str] | None:
    """Put ``msgstr`` where ``content`` (the block's inline text) stands, keeping markers.

    >>> _replace_block(["- first", "  line"], "first\\nline", "erste Zeile")
    ['- erste Zeile']
    >>> _replace_block(["## Title ##"], "Title", "Titolo")
    ['## Titolo ##']
    """
    first, *rest = content.split("\n")
    at = block[0].find(first)
    if at < 0:
        return None
    prefix = block[0][:at]
    suffix = "" if rest else block[0][at + len(first) :]
    continuation = re.sub(r"[^\s>]", " ", prefix)
    head, *tail = msgstr.split("\n")
    return [prefix + head + suffix, *(continuation + line for line in tail)]


def translate_markdown(
    text: str,
    catalog: Catalog,
    *,
    extensions: Iterable[str] = DEFAULT_EXTENSIONS,
    first_line: int = 1,
) -> Translation:
    """Translate MyST ``text`` with ``catalog``; report what cannot be translated.

    ``first_line`` is the page line of the text's first line (for a notebook cell,
    where the cell starts), so that problems name the line of the page.

    >>> catalog = Catalog({"Title": "Titolo", "A paragraph.": "Un paragrafo."})
    >>> result = translate_markdown(
    ...     "(sec-x)=\\n# Title\\n\\nA paragraph.\\n\\n```{code-cell}\\nx = 1\\n```\\n", catalog
    ... )
    >>> print(result.text)
    (sec-x)=
    # Titolo
    <BLANKLINE>
    Un paragrafo.
    <BLANKLINE>
    ```{code-cell}
    x = 1
    ```
    <BLANKLINE>
    >>> result.problems
    []
    """
    return _Translator(catalog, tuple(extensions), first_line).run(text)


def translate_page(
    text: str, catalog: Catalog, page: str, *, extensions: Iterable[str] = DEFAULT_EXTENSIONS
) -> str:
    """Translate a whole page; raise :class:`TranslationError` if any message is missing.

    >>> translate_page("# Title\\n", Catalog({"Title": "Titel"}), "demo")
    '# Titel\\n'
    >>> translate_page("# Title\\n", Catalog({}), "demo")
    Traceback (most recent call last):
    ...
    actbook.sphinxext.translate_myst.TranslationError: 1 untranslated message(s) in demo:
    demo:1: no translation of 'Title'
    """
    result = translate_markdown(text, catalog, extensions=extensions)
    if result.problems:
        raise TranslationError(page, result.problems)
    return result.text
