"""``find``: the adopted wordings closest to what a drafter types, grouped into families and dated.

Stages, each switchable for the evaluation (``benchmarks/find_eval.py``):

1. keywords: BM25 over the families' words (tantivy);
2. stemming: the same on English stems ("ensuring" finds "ensures");
3. lexicon: the query's UN abbreviations spelled out and spelling variants added
   ("SG" also searches "Secretary-General", "program" "programme", "Perez" "Pérez"),
   and a drafter's plain words searched as the terms adopted texts use ("schools" also
   searches "educational institutions");
4. rerank: the best ``CANDIDATES`` families scored again with a real similarity
   (rapidfuzz, on stemmed words of the query as adopted texts would word it), so
   ``score`` 0-100 means closeness; ranked by score, then by how often and how
   recently the wording was adopted.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from reader.core.compare.diff import word_diff
from reader.core.errors import InputError
from reader.core.find.engine import Family, Filters, FindIndex, Hit
from reader.core.find.lexicon import canonical, expand
from reader.core.model import DiffOp
from reader.core.textnorm import fold, words

CANDIDATES = 100  # families fetched by BM25 and scored again
DEFAULT_LIMIT = 10


@dataclass(frozen=True)
class Stages:
    stem: bool = True
    lexicon: bool = True  # abbreviations and spelling variants
    rerank: bool = True
    synonyms: bool = True  # with the lexicon: a drafter's plain words searched as UN terms too


@dataclass(frozen=True)
class FoundFamily:
    """One result: a family of adopted wording, its closeness to the query and the diff to it."""

    family: Family
    score: float  # 0-100: closeness of the wording to the query
    diff: tuple[DiffOp, ...]  # from the family's text to the query as typed
    bm25: float = 0.0

    @property
    def text(self) -> str:
        return self.family.text


@dataclass(frozen=True)
class FindResult:
    query: str
    results: tuple[FoundFamily, ...]
    families: int = 0  # families in the index
    filters: Filters = field(default_factory=Filters)
    seconds: float = 0.0


def closeness(query_terms: Sequence[str], text_terms: Sequence[str]) -> float:
    """0-100: how close a wording is to the query, on stemmed words (each counted once).

    The mean of ``token_set_ratio`` (the query's words found in the wording, whatever
    else it says) and ``token_sort_ratio`` (the whole wording against the whole query,
    so a paragraph that says much more scores lower than one that says just that).
    """
    q, t = " ".join(dict.fromkeys(query_terms)), " ".join(dict.fromkeys(text_terms))
    if not q or not t:
        return 0.0
    return round((fuzz.token_set_ratio(q, t) + fuzz.token_sort_ratio(q, t)) / 2, 1)


VERBATIM_WORDS = 4  # a query of fewer words found inside a paragraph is no agreed language yet
VERBATIM_FLOOR = 90.0


def verbatim_score(query_words: Sequence[str], text: str) -> float:
    """A wording that holds the query word for word (case and punctuation aside) scores at least
    ``VERBATIM_FLOOR``, more the less else it says; 0 when it does not.

    ``closeness`` weighs the whole wording against the query, so the paragraph of 58/220 that holds
    "not as a substitute for but rather as a complement to" exactly scored 68 and came after shorter
    paraphrases: for a drafter the adopted words themselves come first.
    """
    n = len(query_words)
    if n < VERBATIM_WORDS:
        return 0.0
    text_words = words(text)
    first = query_words[0]
    for at in range(len(text_words) - n + 1):
        if text_words[at] == first and text_words[at : at + n] == list(query_words):
            return round(VERBATIM_FLOOR + (100.0 - VERBATIM_FLOOR) * n / len(text_words), 1)
    return 0.0


_UNIT = re.compile(r"\w+(?:[-'\u2019/.]\w+)*\W*|\W+")


def find_diff(adopted: str, query: str) -> tuple[DiffOp, ...]:
    """The word changes from an adopted wording to the query, lossless (the shape of ``compare``).

    ``compare``'s diff cleans up semantically, which is right for two versions of one
    paragraph but turns a rough query against a long paragraph into "delete all, insert
    all". Here the shared words stay visible: the longest common subsequence of the
    words (case aside), each word carrying the spaces and punctuation after it. Close
    texts get ``compare``'s diff.
    """
    if fuzz.ratio(adopted, query) >= 70:
        return word_diff(adopted, query)
    ua, ub = _UNIT.findall(adopted), _UNIT.findall(query)

    def key(unit: str) -> str:
        return unit.rstrip().rstrip(",.;:!?)(\"'\u201c\u201d\u2019").casefold()

    ops: list[tuple[str, str]] = []
    for op in Indel.opcodes([key(u) for u in ua], [key(u) for u in ub]):
        if op.tag == "equal":
            for x, y in zip(ua[op.src_start : op.src_end], ub[op.dest_start : op.dest_end], strict=True):
                if x == y:
                    ops.append(("equal", x))
                else:  # the same word, other case or punctuation after it
                    ops.extend((("delete", x), ("insert", y)))
        else:
            ops.extend(("delete", u) for u in ua[op.src_start : op.src_end])
            ops.extend(("insert", u) for u in ub[op.dest_start : op.dest_end])
    out: list[DiffOp] = []
    pending: dict[str, str] = {"delete": "", "insert": ""}

    def flush() -> None:
        for tag in ("delete", "insert"):
            if pending[tag]:
                out.append(("delete", pending[tag]) if tag == "delete" else ("insert", pending[tag]))
                pending[tag] = ""

    for tag, text in ops:
        if tag == "equal":
            flush()
            if out and out[-1][0] == "equal":
                out[-1] = ("equal", out[-1][1] + text)
            else:
                out.append(("equal", text))
        else:
            pending[tag] += text
    flush()
    return tuple(out)


def _rank_key(f: FoundFamily) -> tuple[float, int, int]:
    last = f.family.last.year or 0
    return (-round(f.score), -f.family.count, -last)


def parse_filters(index: FindIndex, body: str | None, since: int | None, until: int | None) -> Filters:
    """``--body``/``--since``/``--until`` as filters; a body by name, part of it or abbreviation."""
    bodies: tuple[str, ...] = ()
    if body:
        wanted = fold(" ".join([body, *expand(body)]))
        names = [fold(b) for b in index.bodies]
        exact = [n for n in names if n == fold(body) or n in [fold(e) for e in expand(body)]]
        bodies = tuple(exact or [n for n in names if fold(body) in n or n in wanted])
        if not bodies:
            known = ", ".join(index.bodies[:12])
            raise InputError("--body", f"no document of the corpus is from {body!r} (bodies: {known})")
    if since is not None and until is not None and since > until:
        raise InputError("--since", f"{since} is after --until {until}")
    return Filters(bodies, since, until)


def find(
    index: FindIndex,
    text: str,
    *,
    limit: int = DEFAULT_LIMIT,
    filters: Filters | None = None,
    stages: Stages | None = None,
    candidates: int = CANDIDATES,
) -> FindResult:
    """The ``limit`` families of adopted wording closest to ``text``, best first."""
    started = time.perf_counter()
    stages = stages or Stages()
    query = " ".join(text.split())
    if not query:
        raise InputError("TEXT", "give the words to find (a sentence, a few keywords or a paragraph)")
    search_text = query
    if stages.lexicon:
        search_text = " ".join([query, *expand(query, synonyms=stages.synonyms)])
    # only words that say something: "to the" or "AND OR" alone find nothing
    terms = [t for t in index.terms(search_text, stem=stages.stem) if t not in index.function_terms]
    hits = index.search(terms, limit=max(candidates, limit), stem=stages.stem, filters=filters)
    if stages.rerank:
        target = index.terms(canonical(query) if stages.lexicon else query, unique=False)
        said = words(query)
        found = [
            _scored(
                h,
                max(
                    closeness(target, h.family.stems or index.terms(h.family.text)),
                    verbatim_score(said, h.family.text),
                ),
            )
            for h in hits
        ]
        found.sort(key=_rank_key)
    else:  # the BM25 order, its score scaled to the best
        top = hits[0].bm25 if hits else 1.0
        found = [_scored(h, round(100 * h.bm25 / top, 1)) for h in hits]
    chosen = tuple(
        FoundFamily(f.family, f.score, find_diff(f.family.text, query), f.bm25) for f in found[:limit]
    )
    return FindResult(query, chosen, index.families, filters or Filters(), time.perf_counter() - started)


def _scored(h: Hit, score: float) -> FoundFamily:
    """A candidate with its score; the diff is made for the ones shown only."""
    return FoundFamily(h.family, score, (), h.bm25)
