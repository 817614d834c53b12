"""Cite this page, "built from", and the links to a page's source and to report a problem.

Every page of the HTML build gets, in its language:

- a "Cite this page" block after the article: a plain-text reference and a BibTeX
  entry (authors, the page's title and the book's, version, date, the stable URL of
  the page in that language), each with a copy button (``static/cite.js``); on a page
  with claim anchors (the claims ledger), the script cites the claim the URL's
  ``#claim-…`` anchor names instead;
- links to the page's source in the repository and to a new issue about the page,
  with the page's title and URL filled in;
- a footer line "Built from actbook <version>, commit <hash> (<date>)".

The version is :data:`actbook.__version__`; the commit and its date come from
``git log -1`` (the date the Makefile also gives ``SOURCE_DATE_EPOCH``), so the
same commit always builds the same site. Without git (an sdist) the version stands alone,
dated by ``SOURCE_DATE_EPOCH`` when a packager sets it (0, the Makefile's "no git", counts
as unset); without either, the BibTeX ``year`` is the year of Sphinx's ``copyright``
setting (``"2026, The actbook authors"``), and ``n.d.`` only if that names no year.
The repository is the ``actbook_repository_url`` setting and the site's address
Sphinx's ``html_baseurl``; each language lives in its own folder below it.

The BibTeX entry works with classic BibTeX as well as biblatex: it has the ``publisher``
and ``year`` that classic ``@book``/``@incollection`` require, and the URL both in
``url`` (biblatex, natbib styles) and in ``note`` (classic styles ignore ``url``). The
publisher is the authors' collective name: the book is self-published, and that name is
the author in ``CITATION.cff``, ``pyproject.toml`` and the copyright line. There is no
``urldate``: the build cannot know when a reader looked at the page. The authors' name is
an interface string (translated with the rest of the reference), and the theme's footer
("By …", "© Copyright …") shows it in the page's language too.
"""

from __future__ import annotations

import datetime
import html
import json
import os
import re
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from sphinx.application import Sphinx

import actbook
from actbook.sphinxext.interface import message
from actbook.sphinxext.roles import ledger_label

AUTHORS = "The actbook authors"  # the English name, as conf.py's author and copyright give it
#: BibTeX's "no date": the year only if neither git, SOURCE_DATE_EPOCH nor copyright gives one.
NO_YEAR = "n.d."
#: biblatex ``langid`` of each Sphinx language: babel's names (biblatex passes langid to babel
#: or polyglossia; babel names Chinese by script, ``chinese-simplified``/``-traditional``).
LANGIDS = {
    "en": "english",
    "it": "italian",
    "zh_CN": "chinese-simplified",
    "zh_TW": "chinese-traditional",
}
BRANCH = "main"  # the source links show the page as it is now, not as it was built
TITLE_SLOT = "@@TITLE@@"  # placeholders that cite.js fills in for a claim anchor
URL_SLOT = "@@URL@@"
TEX_URL_SLOT = "@@TEXURL@@"  # the URL as text of the note, escaped for BibTeX
KEY_SLOT = "@@KEY@@"
CLAIM_PREFIX = ledger_label("")


@dataclass(frozen=True)
class BuildInfo:
    """What a page was built from: the package version and, with git, the commit.

    Parameters
    ----------
    version : str
        The release, :data:`actbook.__version__`.
    commit : str or None
        The full hash of the commit, or None when the build has no git checkout.
    date : str or None
        The commit's date, ISO ``YYYY-MM-DD`` in UTC (without git, the day of
        ``SOURCE_DATE_EPOCH``), or None if unknown.
    fallback_year : str or None
        The year to cite when there is no date: the year of the ``copyright`` setting.
    """

    version: str
    commit: str | None = None
    date: str | None = None
    fallback_year: str | None = None

    @property
    def short(self) -> str | None:
        """The abbreviated commit hash (7 characters), as GitHub shows it.

        >>> BuildInfo("0.1.0", "1cb0cb2163afb509a55aaa2be7497e87042d02f3", "2026-11-30").short
        '1cb0cb2'
        """
        return self.commit[:7] if self.commit else None

    @property
    def year(self) -> str:
        """The year to cite: the date's, else the fallback year, else ``n.d.`` (no date).

        >>> BuildInfo("0.1.0", "1cb0cb2", "2026-11-30").year
        '2026'
        >>> BuildInfo("0.1.0", fallback_year="2026").year, BuildInfo("0.1.0").year
        ('2026', 'n.d.')
        """
        return self.date[:4] if self.date else (self.fallback_year or NO_YEAR)


Runner = Callable[..., subprocess.CompletedProcess[str]]


def epoch_day(environ: Mapping[str, str]) -> str | None:
    """Return the UTC day of ``SOURCE_DATE_EPOCH``, or None if unset, 0 or not a number.

    >>> epoch_day({"SOURCE_DATE_EPOCH": "1796044499"}), epoch_day({"SOURCE_DATE_EPOCH": "0"})
    ('2026-11-30', None)
    """
    value = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value.isdigit() or int(value) == 0:
        return None
    return datetime.datetime.fromtimestamp(int(value), tz=datetime.UTC).date().isoformat()


def copyright_year(copyright: object) -> str | None:
    """Return the first year that Sphinx's ``copyright`` setting names, or None.

    >>> copyright_year("2026, The actbook authors"), copyright_year("")
    ('2026', None)
    """
    text = " ".join(copyright) if isinstance(copyright, list | tuple) else str(copyright or "")
    match = re.search(r"\b(1[89]|2[0-9])[0-9]{2}\b", text)
    return match[0] if match else None


def read_build_info(
    repository: str | Path,
    version: str,
    run: Runner = subprocess.run,
    environ: Mapping[str, str] = os.environ,
) -> BuildInfo:
    """Return the build's version and the last commit of the checkout at ``repository``.

    The commit's date is its committer time (``git log -1 --format=%ct``, the value the
    Makefile exports as ``SOURCE_DATE_EPOCH``) as a UTC day. Without git, or outside a
    checkout, the version alone, dated by ``SOURCE_DATE_EPOCH`` if ``environ`` has it.

    >>> read_build_info("/nonexistent", "0.1.0", environ={})
    BuildInfo(version='0.1.0', commit=None, date=None, fallback_year=None)
    """
    alone = BuildInfo(version, date=epoch_day(environ))
    try:
        result = run(
            ["git", "-C", str(repository), "log", "-1", "--format=%H %ct"],
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return alone
    fields = result.stdout.split()
    if result.returncode != 0 or len(fields) != 2 or not re.fullmatch(r"[0-9a-f]{40}", fields[0]):
        return alone
    day = datetime.datetime.fromtimestamp(int(fields[1]), tz=datetime.UTC).date()
    return BuildInfo(version, fields[0], day.isoformat())


def version_label(info: BuildInfo) -> str:
    """Return the version as a citation gives it: release, commit and date when known.

    >>> version_label(BuildInfo("0.1.0", "1cb0cb2163afb509a55aaa2be7497e87042d02f3", "2026-11-30"))
    '0.1.0, commit 1cb0cb2, 2026-11-30'
    >>> version_label(BuildInfo("0.1.0"))
    '0.1.0'
    """
    if info.commit is None:
        return info.version
    return message(
        "{version}, commit {commit}, {date}",
        version=info.version,
        commit=info.short,
        date=info.date,
    )


def page_url(baseurl: str, folder: str, pagename: str, anchor: str = "") -> str:
    """Return the stable URL of a page in one language (``folder``), with an optional anchor.

    >>> page_url("https://actbook.github.io/actbook/", "zh-cn", "chapters/dropout")
    'https://actbook.github.io/actbook/zh-cn/chapters/dropout.html'
    >>> page_url("https://example.org/book", "", "claims", "claim-a-b")
    'https://example.org/book/claims.html#claim-a-b'
    """
    base = baseurl.rstrip("/") + "/" + (f"{folder}/" if folder else "")
    return f"{base}{pagename}.html" + (f"#{anchor}" if anchor else "")


#: Braces become commands, not ``\\{``: BibTeX counts every brace of a field, escaped or
#: not, so a lone ``{`` would run the field on and a lone ``}`` end it early.
_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}


def bibtex_escape(text: str) -> str:
    """Escape the characters that BibTeX and LaTeX read as commands in a field's text.

    >>> print(bibtex_escape("50% of {x_1} & $y$ ~ \\\\z^2 #1"))
    50\\% of \\textbraceleft{}x\\_1\\textbraceright{} \\& \\$y\\$ \\textasciitilde{}
    \\textbackslash{}z\\textasciicircum{}2 \\#1
    """
    return "".join(_BIBTEX_SPECIAL.get(char, char) for char in text)


def bibtex_key(folder: str, pagename: str) -> str:
    """Return a BibTeX key for a page in one language: letters, digits and ``:._-`` only.

    >>> bibtex_key("zh-tw", "chapters/sigmoid-tanh")
    'actbook:zh-tw:chapters:sigmoid-tanh'
    >>> bibtex_key("en", "odd page, name/x_1")
    'actbook:en:odd-page-name:x_1'
    """
    parts = ["actbook", folder, *pagename.split("/")]
    return ":".join(re.sub(r"[^A-Za-z0-9._-]+", "-", part) for part in parts if part)


@dataclass(frozen=True)
class Citation:
    """One citable thing: a page of the book (or the book itself, or a claim on a page).

    Parameters
    ----------
    title : str
        The title of the page or claim, in the page's language; for the book's root page,
        the book's title.
    book_title : str
        The title of the book, in the page's language.
    url : str
        The stable URL, with the anchor of a claim.
    key : str
        The BibTeX key.
    info : BuildInfo
        The version the page was built from.
    is_book : bool
        True for the root page: the book is cited as a whole.
    language : str
        The Sphinx language of the page (``zh_CN`` …), for biblatex's ``langid``.
    """

    title: str
    book_title: str
    url: str
    key: str
    info: BuildInfo
    is_book: bool = False
    language: str = ""


def authors_name() -> str:
    """Return the authors' collective name in the language of the build.

    >>> authors_name()
    'The actbook authors'
    """
    return message("The actbook authors")


def bibtex_entry(citation: Citation, tex_url: str | None = None) -> str:
    """Return the BibTeX entry of a citation: ``@book`` for the book, ``@incollection`` for a page.

    Text fields are escaped and the names and titles braced (their capitals stay). The
    entry has what classic BibTeX requires (``publisher``, ``year``) and biblatex reads
    (``date``, ``version``, ``langid``); the URL is in ``url`` as is, as that field
    expects, and, escaped, in ``note``, which classic styles print. ``tex_url`` replaces
    the escaped URL of the note (``cite.js`` fills a placeholder in).

    >>> info = BuildInfo("0.1.0", "1cb0cb2163afb509a55aaa2be7497e87042d02f3", "2026-11-30")
    >>> print(bibtex_entry(Citation("Dropout", "actbook", "https://e.org/en/d_1.html", "k", info,
    ...                             language="en")))
    @incollection{k,
      author    = {{The actbook authors}},
      title     = {{Dropout}},
      booktitle = {{actbook}},
      publisher = {{The actbook authors}},
      year      = {2026},
      date      = {2026-11-30},
      version   = {0.1.0},
      note      = {Version 0.1.0, commit 1cb0cb2, 2026-11-30. https://e.org/en/d\\_1.html},
      url       = {https://e.org/en/d_1.html},
      langid    = {english},
    }
    """
    authors = f"{{{bibtex_escape(authors_name())}}}"
    fields = [("author", authors), ("title", f"{{{bibtex_escape(citation.title)}}}")]
    if not citation.is_book:
        fields.append(("booktitle", f"{{{bibtex_escape(citation.book_title)}}}"))
    fields += [("publisher", authors), ("year", bibtex_escape(citation.info.year))]
    if citation.info.date:
        fields.append(("date", citation.info.date))
    fields.append(("version", bibtex_escape(citation.info.version)))
    note = message("Version {version}. {url}", version="\x00", url="\x01")
    note = (
        bibtex_escape(note)
        .replace("\x00", bibtex_escape(version_label(citation.info)))
        .replace("\x01", bibtex_escape(citation.url) if tex_url is None else tex_url)
    )
    fields += [("note", note), ("url", citation.url)]
    if citation.language in LANGIDS:
        fields.append(("langid", LANGIDS[citation.language]))
    kind = "book" if citation.is_book else "incollection"
    body = "".join(f"  {name:<9} = {{{value}}},\n" for name, value in fields)
    return f"@{kind}{{{citation.key},\n{body}}}"


def plain_reference(citation: Citation) -> str:
    """Return the plain-text reference of a citation, in the language of the build.

    Every word and mark around the fields is the translator's (one message per form).

    >>> info = BuildInfo("0.1.0")
    >>> print(plain_reference(Citation("Dropout", "actbook", "https://e.org/d.html", "k", info)))
    The actbook authors. “Dropout”. In: actbook. Version 0.1.0. https://e.org/d.html
    >>> print(plain_reference(Citation("actbook", "actbook", "https://e.org/", "k", info, True)))
    The actbook authors. actbook. Version 0.1.0. https://e.org/
    """
    label = version_label(citation.info)
    if citation.is_book:
        return message(
            "{authors}. {book}. Version {version}. {url}",
            authors=authors_name(),
            book=citation.book_title,
            version=label,
            url=citation.url,
        )
    return message(
        "{authors}. “{title}”. In: {book}. Version {version}. {url}",
        authors=authors_name(),
        title=citation.title,
        book=citation.book_title,
        version=label,
        url=citation.url,
    )


def source_url(repository: str, path: str) -> str:
    """Return the address of a source file in the repository, on the main branch.

    >>> source_url("https://github.com/actbook/actbook/", "book/chapters/dropout.md")
    'https://github.com/actbook/actbook/blob/main/book/chapters/dropout.md'
    """
    return f"{repository.rstrip('/')}/blob/{BRANCH}/{quote(path)}"


def report_url(repository: str, title: str, url: str, info: BuildInfo) -> str:
    """Return the address of a new issue about a page, its title and URL filled in.

    >>> print(report_url("https://github.com/a/b", "Dropout & co", "https://e.org/d.html",
    ...                  BuildInfo("0.1.0")))  # doctest: +NORMALIZE_WHITESPACE
    https://github.com/a/b/issues/new?title=Problem%20with%20the%20page%3A%20Dropout%20%26%20co&body=Page%3A%20https%3A%2F%2Fe.org%2Fd.html%0AVersion%3A%200.1.0%0A%0AWhat%20is%20wrong%2C%20and%20where%20on%20the%20page%3F%0A
    """
    body = "\n".join(
        [
            message("Page: {url}", url=url),
            message("Version: {version}", version=version_label(info)),
            "",
            message("What is wrong, and where on the page?"),
            "",
        ]
    )
    query = urlencode(
        {"title": message("Problem with the page: {title}", title=title), "body": body},
        quote_via=quote,
        safe="",
    )
    return f"{repository.rstrip('/')}/issues/new?{query}"


def built_from_html(info: BuildInfo, repository: str) -> str:
    """Return the footer sentence naming the version and commit, the commit linked.

    >>> info = BuildInfo("0.1.0", "1cb0cb2163afb509a55aaa2be7497e87042d02f3", "2026-11-30")
    >>> print(built_from_html(info, "https://github.com/a/b"))  # doctest: +NORMALIZE_WHITESPACE
    Built from actbook 0.1.0, commit <a class="actbook-commit"
    href="https://github.com/a/b/commit/1cb0cb2163afb509a55aaa2be7497e87042d02f3"><code>1cb0cb2</code></a>
    (<span class="actbook-nowrap">2026-11-30</span>)
    >>> built_from_html(BuildInfo("0.1.0"), "")
    'Built from actbook 0.1.0'
    """
    if info.commit is None:
        return html.escape(message("Built from actbook {version}", version=info.version))
    commit = f"<code>{info.short}</code>"
    if repository:
        href = html.escape(f"{repository.rstrip('/')}/commit/{info.commit}")
        commit = f'<a class="actbook-commit" href="{href}">{commit}</a>'
    sentence = message(
        "Built from actbook {version}, commit {commit} ({date})",
        version=info.version,
        commit="\x00",
        date="\x01",
    )
    date = f'<span class="actbook-nowrap">{info.date}</span>'
    return html.escape(sentence).replace("\x00", commit).replace("\x01", date)


def claim_anchors(app: Sphinx, pagename: str) -> dict[str, str]:
    """Return ``{HTML id: claim id}`` for the claim targets (``claim-<id>`` labels) on a page."""
    labels = app.env.get_domain("std").anonlabels  # type: ignore[attr-defined]
    return {
        anchor: name.removeprefix(CLAIM_PREFIX)
        for name, (docname, anchor) in sorted(labels.items())
        if docname == pagename and name.startswith(CLAIM_PREFIX) and anchor
    }


def script_json(data: object) -> str:
    """Serialize ``data`` for a ``<script type="application/json">`` element.

    >>> script_json({"a": "</script>"})
    '{"a": "<\\\\/script>"}'
    """
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")


def anchor_templates(
    app: Sphinx, pagename: str, book_title: str, url: str, folder: str, info: BuildInfo
) -> str:
    """Return the JSON that lets ``cite.js`` cite a claim anchor of this page, or ``""``."""
    anchors = claim_anchors(app, pagename)
    if not anchors:
        return ""
    language = app.config.language or ""
    slot = Citation(TITLE_SLOT, book_title, URL_SLOT, KEY_SLOT, info, language=language)
    return script_json(
        {
            "anchors": anchors,
            "title": message("Claim {id}", id="{id}"),
            "key": bibtex_key(folder, "claim") + ":",
            "url": url,
            "bibtex": bibtex_entry(slot, tex_url=TEX_URL_SLOT),
            "text": plain_reference(slot),
        }
    )


def language_folder(app: Sphinx) -> str:
    """Return the output folder of the build's language (``zh-cn`` …), or ``""`` if none."""
    languages = app.config.actbook_languages or {}
    entry = languages.get(app.config.language)
    return entry[0] if entry else ""


def add_citation_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: Any,
    info: BuildInfo,
) -> None:
    """Give the templates the page's citation, source and report links, and the footer line."""
    repository = app.config.actbook_repository_url
    context["actbook_built_from"] = built_from_html(info, repository)
    if app.builder.format != "html":
        return
    folder = language_folder(app)
    baseurl = app.config.html_baseurl
    url = page_url(baseurl, folder, pagename)
    if baseurl and context.get("pageurl"):
        context["pageurl"] = url  # Sphinx's canonical URL misses the language folder
    if pagename not in app.env.all_docs:
        return  # search, genindex: generated pages have no source to cite or fix
    titles = app.env.titles
    book_title = titles[app.config.root_doc].astext()
    title = titles[pagename].astext() if pagename in titles else book_title
    is_book = pagename == app.config.root_doc
    key = bibtex_key(folder, pagename)
    citation = Citation(title, book_title, url, key, info, is_book, app.config.language or "")
    context["actbook_cite"] = {
        "text": plain_reference(citation),
        "bibtex": bibtex_entry(citation),
        "anchors": anchor_templates(app, pagename, book_title, url, folder, info),
    }
    if repository:
        context["actbook_source_url"] = source_url(repository, source_path(app, pagename))
        context["actbook_report_url"] = report_url(repository, title, url, info)


def source_path(app: Sphinx, pagename: str) -> str:
    """Return the path of a page's source in the repository, whose root holds ``conf.py``."""
    source = Path(app.env.doc2path(pagename)).resolve()
    for root in (Path(app.confdir), Path(app.srcdir)):
        if source.is_relative_to(root.resolve()):
            return source.relative_to(root.resolve()).as_posix()
    return source.name


def translate_authors(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Name the authors in the page's language in the theme's footer ("By …", "© …").

    sphinx-book-theme's ``author.html`` shows ``author`` (which the theme's own handler
    sets from the setting), pydata-sphinx-theme's ``copyright.html`` ``copyright``: this
    handler runs after the theme's and replaces the English name in both.
    """
    name = authors_name()
    if name == AUTHORS:
        return
    for field in ("author", "copyright"):
        if isinstance(context.get(field), str):
            context[field] = context[field].replace(AUTHORS, name)


def setup_citation(app: Sphinx) -> None:
    """Register the settings, read the commit once per build and fill every page's context."""
    app.add_config_value("actbook_repository_url", "", "html", types=[str])
    # A new commit writes every page again: see actbook.sphinxext.page_inputs.
    state: dict[str, BuildInfo] = {}

    def read_info(app: Sphinx, config: Any) -> None:
        info = read_build_info(app.confdir, actbook.__version__)
        state["info"] = replace(info, fallback_year=copyright_year(config.copyright))

    def page_context(
        app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
    ) -> None:
        add_citation_context(app, pagename, templatename, context, doctree, state["info"])

    app.connect("config-inited", read_info)
    app.connect("html-page-context", page_context)
    app.connect("html-page-context", translate_authors, priority=600)  # after the theme's 500
    app.add_css_file("cite.css")
    app.add_js_file("cite.js", loading_method="defer")
