"""The source register: quotes verbatim, verdicts justified, sections and claims resolvable."""

import os
import re
from pathlib import Path

import pytest

from actbook import claims
from actbook.sources import ARTICLES, CHAPTERS, REGISTER, VERDICTS, Statement, statements_of
from actbook.sources._register import register

ROOT = Path(__file__).resolve().parents[1]
CHAPTER_DIR = ROOT / "book" / "chapters"
# The articles are third-party texts: they stay outside the project, in the brief
# beside the repository (ACTBOOK_SEEDS overrides). Without them the quote check skips.
SEEDS = Path(os.environ.get("ACTBOOK_SEEDS", ROOT.parent / "shared" / "brief" / "seeds"))
OUTLINE = SEEDS.parent / "sources.md"


def normalized(text):
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def seeds():
    if not SEEDS.is_dir():
        pytest.skip(f"the source articles are not at {SEEDS} (set ACTBOOK_SEEDS)")
    return {a: normalized((SEEDS / f"{a}.txt").read_text(encoding="utf-8")) for a in ARTICLES}


def chapter_text(chapter):
    return (CHAPTER_DIR / f"{chapter}.md").read_text(encoding="utf-8")


STATEMENTS = list(REGISTER.values())
IDS = [s.id for s in STATEMENTS]


def test_every_article_has_statements():
    assert all(statements_of(article) for article in ARTICLES)


@pytest.mark.parametrize("statement", STATEMENTS, ids=IDS)
def test_quote_is_verbatim_and_short(statement, seeds):
    quote = normalized(statement.quote)
    assert quote in seeds[statement.article], f"{statement.id}: not in {statement.article}"
    assert len(quote) <= 200, f"{statement.id}: a phrase or one sentence, not a passage"


@pytest.mark.parametrize("statement", STATEMENTS, ids=IDS)
def test_location_is_in_the_article_s_own_words(statement, seeds):
    for part in statement.location.split(" · "):
        words = normalized(part).removesuffix("…")
        assert words in seeds[statement.article], f"{statement.id}: {part!r} is not verbatim"


@pytest.mark.parametrize("statement", STATEMENTS, ids=IDS)
def test_claims_and_section_resolve(statement):
    for claim_id in statement.claims:
        assert claim_id in claims.REGISTRY, f"{statement.id}: unknown claim {claim_id}"
    written = (CHAPTER_DIR / f"{statement.chapter}.md").exists()
    if statement.verdict == "pending":
        assert not written, f"{statement.id} is pending, but {statement.chapter} is written"
    else:
        assert written, f"{statement.id} is judged in {statement.chapter}, not written yet"
        assert f"({statement.section})=" in chapter_text(statement.chapter), statement.id


def test_every_statement_is_judged():
    pending = [s.id for s in STATEMENTS if s.verdict == "pending"]
    assert not pending, f"statements still pending: {pending}"


def test_every_point_of_the_outline_is_covered():
    if not OUTLINE.is_file():
        pytest.skip(f"the outline is not at {OUTLINE}")
    points, article = set(), None
    for line in OUTLINE.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^## (S[1-5]) ", line)
        if heading:
            article = heading.group(1)
        elif line.startswith("## "):
            article = None
        elif article and (item := re.match(r"^(\d+)\. ", line)):
            points.add(f"{article}.{item.group(1)}")
    assert len(points) == 33
    covered = {point for s in STATEMENTS for point in s.outline}
    assert points <= covered, f"not covered: {sorted(points - covered)}"
    assert covered <= points, f"no such outline points: {sorted(covered - points)}"


def test_ids_are_stable_strings_and_unique():
    assert len(set(IDS)) == len(IDS)
    with pytest.raises(ValueError, match="registered twice"):
        register(STATEMENTS[0])


@pytest.mark.parametrize(
    ("changes", "error", "message"),
    [
        ({"verdict": "wrong", "correction": ""}, ValueError, "needs a correction"),
        ({"verdict": "imprecise", "correction": ""}, ValueError, "needs a correction"),
        ({"verdict": "convention", "correction": ""}, ValueError, "needs a correction"),
        ({"verdict": "unsupported", "correction": ""}, ValueError, "needs a correction"),
        ({"verdict": "confirmed", "correction": "but"}, ValueError, "takes no correction"),
        (
            {"verdict": "pending", "section": "", "correction": "but"},
            ValueError,
            "takes no correction",
        ),
        ({"verdict": "maybe"}, ValueError, "verdict must be one of"),
        ({"chapter": "attention"}, ValueError, "chapter must be one of"),
        ({"id": "S2.x"}, ValueError, "id must look like 'S1.some-name'"),
        ({"id": "S1.Bad_Name"}, ValueError, "id must look like"),
        ({"verdict": "pending", "section": "sec-x"}, ValueError, "section is given exactly"),
        ({"quote": ""}, TypeError, "quote must be a non-empty string"),
        ({"claims": ["a"]}, TypeError, "claims must be a tuple of strings"),
    ],
)
def test_a_malformed_statement_is_refused(changes, error, message):
    fields = {
        "id": "S1.example",
        "article": "S1",
        "location": "x",
        "quote": "q",
        "claim": "c",
        "verdict": "confirmed",
        "chapter": "sigmoid-tanh",
        "section": "sec-sigmoid-tanh-definitions",
    } | changes
    with pytest.raises(error, match=message):
        Statement(**fields)


def test_verdicts_and_chapters_are_known():
    assert {s.verdict for s in STATEMENTS} <= set(VERDICTS)
    assert {s.chapter for s in STATEMENTS} <= set(CHAPTERS)
    assert {s.language for s in STATEMENTS} <= {"zh-CN", "zh-TW", "it"}


def test_published_ids_stay():
    """An id, once published, is an anchor that courses link to: it never goes away."""
    listed = [
        line
        for line in (Path(__file__).parent / "data" / "register_ids.txt").read_text().splitlines()
        if line and not line.startswith("#")
    ]
    assert len(set(listed)) == len(listed)
    assert not set(listed) - set(IDS), "ids removed or renamed"
    assert not set(IDS) - set(listed), "new ids: append them to tests/data/register_ids.txt"


TYPED_QUOTE = re.compile(r"\{source-quote\}`(S[1-5]):\s*([^`]+)`")


@pytest.mark.parametrize("chapter", sorted(p.stem for p in CHAPTER_DIR.glob("*.md")))
def test_quotes_typed_in_chapters_are_verbatim(chapter, seeds):
    for article, words in TYPED_QUOTE.findall(chapter_text(chapter)):
        quote = normalized(words)
        assert quote in seeds[article], f"{chapter}: {quote!r} is not verbatim in {article}"
        assert len(quote) <= 200, f"{chapter}: {quote[:40]!r}… is a passage, not a quote"
