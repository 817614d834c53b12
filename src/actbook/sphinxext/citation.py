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
same commit always builds the same site. Without git (an sdist) the version stands alone.
The repository is the ``actbook_repository_url`` setting and the site's address
Sphinx's ``html_baseurl``; each language lives in its own folder below it.
"""

from __future__ import annotations

import datetime
import html
import json
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from sphinx.application import Sphinx

import actbook
from actbook.sphinxext.interface import message
from actbook.sphinxext.roles import ledger_label

AUTHORS = "The actbook authors"
BRANCH = "main"  # the source links show the page as it is now, not as it was built
TITLE_SLOT = "@@TITLE@@"  # placeholders that cite.js fills in for a claim anchor
URL_SLOT = "@@URL@@"
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
        The commit's date, ISO ``YYYY-MM-DD`` in UTC, or None without a commit.
    """

    version: str
    commit: str | None = None
    date: str | None = None

    @property
    def short(self) -> str | None:
        """The abbreviated commit hash (7 characters), as GitHub shows it.

        >>> BuildInfo("0.1.0", "1cb0cb2163afb509a55aaa2be7497e87042d02f3", "2026-11-30").short
        '1cb0cb2'
        """
        return self.commit[:7] if self.commit else None

    @property
    def year(self) -> str | None:
        """The year of the commit's date.

        >>> BuildInfo("0.1.0", "1cb0cb2", "2026-11-30").year
        '2026'
        """
        return self.date[:4] if self.date else None


Runner = Callable[..., subprocess.CompletedProcess[str]]


def read_build_info(
    repository: str | Path, version: str, run: Runner = subprocess.run
) -> BuildInfo:
    """Return the build's version and the last commit of the checkout at ``repository``.

    The commit's date is its committer time (``git log -1 --format=%ct``, the value the
    Makefile exports as ``SOURCE_DATE_EPOCH``) as a UTC day. Without git, or outside a
    checkout, the version alone.

    >>> read_build_info("/nonexistent", "0.1.0")
    BuildInfo(version='0.1.0', commit=None, date=None)
    """
    try:
        result = run(
            ["git", "-C", str(repository), "log", "-1", "--format=%H %ct"],
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return BuildInfo(version)
    fields = result.stdout.split()
    if result.returncode != 0 or len(fields) != 2 or not re.fullmatch(r"[0-9a-f]{40}", fields[0]):
        return BuildInfo(version)
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


_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\^{}",
    "~": r"\~{}",
}


def bibtex_escape(text: str) -> str:
    """Escape the characters that BibTeX and LaTeX read as commands in a field's text.

    >>> print(bibtex_escape("50% of {x_1} & $y$ ~ \\\\z^2 #1"))
    50\\% of \\{x\\_1\\} \\& \\$y\\$ \\~{} \\textbackslash{}z\\^{}2 \\#1
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
    """

    title: str
    book_title: str
    url: str
    key: str
    info: BuildInfo
    is_book: bool = False


def bibtex_entry(citation: Citation) -> str:
    """Return the BibTeX entry of a citation: ``@book`` for the book, ``@incollection`` for a page.

    Titles are escaped and braced (their capitals stay); the URL is written as is, as
    the ``url`` field expects.

    >>> info = BuildInfo("0.1.0", "1cb0cb2163afb509a55aaa2be7497e87042d02f3", "2026-11-30")
    >>> print(bibtex_entry(Citation("Dropout", "actbook", "https://e.org/en/dropout.html", "k", info)))
    @incollection{k,
      author    = {{The actbook authors}},
      title     = {{Dropout}},
      booktitle = {{actbook}},
      year      = {2026},
      date      = {2026-11-30},
      note      = {Version 0.1.0, commit 1cb0cb2, 2026-11-30},
      url       = {https://e.org/en/dropout.html},
    }
    """
    fields = [("author", f"{{{bibtex_escape(AUTHORS)}}}")]
    fields.append(("title", f"{{{bibtex_escape(citation.title)}}}"))
    if not citation.is_book:
        fields.append(("booktitle", f"{{{bibtex_escape(citation.book_title)}}}"))
    if citation.info.date:
        fields += [("year", citation.info.year), ("date", citation.info.date)]
    label = version_label(citation.info)
    fields.append(("note", bibtex_escape(message("Version {version}", version=label))))
    fields.append(("url", citation.url))
    kind = "book" if citation.is_book else "incollection"
    body = "".join(f"  {name:<9} = {{{value}}},\n" for name, value in fields)
    return f"@{kind}{{{citation.key},\n{body}}}"


def plain_reference(citation: Citation) -> str:
    """Return the plain-text reference of a citation, in the language of the build.

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
            authors=AUTHORS,
            book=citation.book_title,
            version=label,
            url=citation.url,
        )
    return message(
        "{authors}. “{title}”. In: {book}. Version {version}. {url}",
        authors=AUTHORS,
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
    slot = Citation(TITLE_SLOT, book_title, URL_SLOT, KEY_SLOT, info)
    return script_json(
        {
            "anchors": anchors,
            "title": message("Claim {id}", id="{id}"),
            "key": bibtex_key(folder, "claim") + ":",
            "url": url,
            "bibtex": bibtex_entry(slot),
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
    citation = Citation(title, book_title, url, bibtex_key(folder, pagename), info, is_book)
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


def setup_citation(app: Sphinx) -> None:
    """Register the settings, read the commit once per build and fill every page's context."""
    app.add_config_value("actbook_repository_url", "", "html", types=[str])
    state: dict[str, BuildInfo] = {}

    def read_info(app: Sphinx) -> None:
        state["info"] = read_build_info(app.confdir, actbook.__version__)

    def page_context(
        app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
    ) -> None:
        add_citation_context(app, pagename, templatename, context, doctree, state["info"])

    app.connect("builder-inited", read_info)
    app.connect("html-page-context", page_context)
    app.add_css_file("cite.css")
    app.add_js_file("cite.js", loading_method="defer")
