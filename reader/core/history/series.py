"""Find a document's series in a corpus: same body, similar titles, resolutions it cites or that cite it.

A series is what an analyst would pull from the shelf: the earlier and later
resolutions of the same body on the same item. Evidence, any of:

- a similar title (``rapidfuzz`` token-set ratio of the folded titles, at least
  ``TITLE_MATCH``, sharing at least two words, so "South-South cooperation"
  finds "South-South cooperation for development" but a lone shared
  "cooperation" finds nothing);
- a citation in the body text, either way ("Recalling its resolutions 57/270 B
  ... 60/212 of 22 December 2005").

A candidate joins only when it also shares at least one paragraph (pair score at
least the threshold) with the document that led to it: a history is made of
shared paragraphs, and resolutions cite many unrelated ones (the World Summit
Outcome, budget resolutions). Those are listed as left out, with the reason.
Members lead on to further members (breadth first), so a chain of resolutions
each citing the previous one is found whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from reader.core.compare.align import DEFAULT_THRESHOLD, scoring_words, similarity_matrix
from reader.core.errors import InputError
from reader.core.model import Document
from reader.core.textnorm import fold, words

if TYPE_CHECKING:
    from reader.core.corpus.collection import Corpus, CorpusEntry

# Folded titles of one series measured on the seeds: "South-South cooperation" twice (100);
# "Economic and technical cooperation among developing countries" against it: 65.
TITLE_MATCH: float = 85.0

# "57/263", "57/270 B", "A/RES/60/212", "591(XXIX)", "591 (XXIX)"
_CITATION = re.compile(
    r"(?<![\w/])(?:A/RES/)?(\d{1,4}/\d{1,4})(?:\s+([A-Z])\b)?|(?<!\w)(\d{1,4})\s?\(([IVXLC]+)\)"
)


@dataclass(frozen=True)
class Found:
    """A document of the series and why it was taken (or left out)."""

    document: Document
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class SeriesSearch:
    target: Document
    members: tuple[Found, ...]  # the other documents taken, date order
    left_out: tuple[Found, ...]  # linked by title or citation but sharing no paragraph
    problems: tuple[str, ...] = ()  # documents that could not be read

    @property
    def documents(self) -> tuple[Document, ...]:
        return (self.target, *(f.document for f in self.members))


def _key(symbol: str) -> str:
    """ "A/RES/60/212" and "A/HRC/RES/52/16" as their texts cite them: "60/212", "52/16"."""
    key = re.sub(r"\s+", "", symbol).casefold()
    return re.sub(r"^(?:[a-z]/res/|a/hrc/(?:res|dec)/)", "", key)


def citations(doc: Document) -> dict[str, str]:
    """Symbol key -> label of the first body paragraph citing it (footnotes are not read)."""
    found: dict[str, str] = {}
    for p in doc.paragraphs:
        for m in _CITATION.finditer(p.text):
            if m.group(1):
                keys = [_key(m.group(1))]
                if m.group(2):
                    keys.insert(0, _key(m.group(1) + m.group(2)))
            else:
                keys = [_key(f"{m.group(3)}({m.group(4)})")]
            for k in keys:
                found.setdefault(k, p.label)
    return found


def title_score(a: str, b: str) -> float:
    """How alike two titles are (0-100); 0 unless they share at least two words."""
    fa, fb = fold(a), fold(b)
    if len(set(words(fa)) & set(words(fb))) < 2:
        return 0.0
    return float(fuzz.token_set_ratio(fa, fb))


def shares_paragraph(a: Document, b: Document, threshold: float = DEFAULT_THRESHOLD) -> bool:
    if not a.paragraphs or not b.paragraphs:
        return False
    sim = similarity_matrix(
        [scoring_words(p.text) for p in a.paragraphs], [scoring_words(p.text) for p in b.paragraphs]
    )
    return bool((sim >= threshold).any())


def _is_target(entry: CorpusEntry, target: Document) -> bool:
    if entry.id == target.id:
        return True
    if target.metadata.symbol and _key(entry.symbol) == _key(target.metadata.symbol):
        return True
    try:
        return bool(target.path) and entry.path.resolve() == type(entry.path)(target.path).resolve()
    except (OSError, ValueError):
        return False


def _may_cite(citing: str, cited: str) -> bool:
    """False only when both dates are known and the citing text is the older one."""
    n = min(len(citing), len(cited))
    return not n or citing[:n] >= cited[:n]


def find_series(corpus: Corpus, target: Document, threshold: float = DEFAULT_THRESHOLD) -> SeriesSearch:
    """The documents of ``target``'s series in ``corpus`` (see the module docstring).

    Candidates are read only when needed: titles and symbols come from the
    catalogue entries, and a text is parsed to look for a citation only when it
    could cite (it is not older than the document it would cite), or to check a
    shared paragraph once the title or a citation pointed at it.
    """
    body = fold(target.metadata.body)
    pool = [e for e in corpus.entries if not _is_target(e, target) and not (body and fold(e.body) != body)]
    docs: dict[str, Document | None] = {}
    problems: list[str] = []

    def doc_of(entry: CorpusEntry) -> Document | None:
        if entry.id not in docs:
            try:
                docs[entry.id] = corpus.document(entry)
            except InputError as exc:
                docs[entry.id] = None
                problems.append(str(exc))
        return docs[entry.id]

    cites: dict[str, dict[str, str]] = {}

    def cites_of(key: str, doc: Document) -> dict[str, str]:
        if key not in cites:
            cites[key] = citations(doc)
        return cites[key]

    members: dict[str, Found] = {}
    left_out: dict[str, Found] = {}
    queue: list[tuple[str, Document]] = [("", target)]
    while queue:
        via_key, via = queue.pop(0)
        name = via.display_name
        via_cites = cites_of(via_key, via)
        for entry in pool:
            if entry.id in members:
                continue
            reasons: list[str] = []
            score = title_score(via.metadata.title, entry.title)
            if score >= TITLE_MATCH:
                reasons.append(
                    f"same title as {name}" if score >= 100 else f"title like {name}'s ({score:.0f})"
                )
            if entry.symbol and _key(entry.symbol) in via_cites:
                reasons.append(f"cited by {name} ({via_cites[_key(entry.symbol)]})")
            if via.metadata.symbol and _may_cite(entry.date, via.metadata.date):
                doc = doc_of(entry)
                found = cites_of(entry.id, doc).get(_key(via.metadata.symbol)) if doc is not None else None
                if found is not None:
                    reasons.append(f"cites {name} ({found})")
            if not reasons:
                continue
            doc = doc_of(entry)
            if doc is None:
                continue
            if shares_paragraph(via, doc, threshold):
                members[entry.id] = Found(doc, tuple(reasons))
                left_out.pop(entry.id, None)
                queue.append((entry.id, doc))
            elif entry.id not in left_out:
                left_out[entry.id] = Found(doc, (*reasons, f"but shares no paragraph with {name}"))

    def by_date(found: dict[str, Found]) -> tuple[Found, ...]:
        return tuple(
            sorted(found.values(), key=lambda f: (not f.document.metadata.date, f.document.metadata.date))
        )

    return SeriesSearch(target, by_date(members), by_date(left_out), tuple(problems))
