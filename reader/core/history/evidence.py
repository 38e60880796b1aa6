"""What says that two resolutions are of one series: their titles, their citations, the rare text they share.

Three kinds of evidence, each cheap on its own:

- **Title.** The agenda line a series is adopted under; measured as the mean of
  ``rapidfuzz``'s token-set and token-sort ratios of the folded titles (and 0
  unless they share two words). Token-set alone gives 100 whenever one title's
  words are a subset of the other's ("The right to development" inside any
  longer title that contains it); the mean keeps "South-South cooperation" ~
  "South-South cooperation for development" (87) and drops a lone shared phrase.
- **Citation.** "Recalling its resolutions 57/270 B, 60/212 and 62/209": the
  body's *own* earlier resolutions. A number after "Human Rights Council
  resolution" or "Security Council resolution" in a General Assembly text is
  another body's resolution (its symbols look the same: HRC 36/9, GA 36/9).
- **Distinctive text.** Every paragraph of the target is looked up in the whole
  corpus; it weighs ``1 / t`` where ``t`` is the number of *different series*
  (body and folded title) whose documents hold a paragraph like it. "Decides to
  include in the provisional agenda of its next session ..." or "Recalling the
  Universal Declaration of Human Rights" is held by documents of hundreds of
  series and weighs next to nothing; a paragraph held only by documents of the
  target's own title weighs 1. Counting series rather than documents keeps the
  weight independent of the corpus size and of how long the series runs.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from reader.core.model import Document
from reader.core.textnorm import fold, words

# Folded titles measured on the seeds: "South-South cooperation" against "South-South cooperation for
# development": 87; "Economic and technical cooperation among developing countries" against it: 54.
TITLE_MATCH: float = 85.0

# "57/263", "57/270 B", "A/RES/60/212", "591(XXIX)", "591 (XXIX)"
# ... and a Security Council number with its year: "2713 (2023)".
_CITATION = re.compile(
    r"(?<![\w/])(?:A/RES/)?(\d{1,4}/\d{1,4})(?:\s+([A-Z])\b)?|(?<!\w)(\d{1,4})\s?\(([IVXLC]+|\d{4})\)"
)
_RESOLUTION_WORD = re.compile(r"\bresolutions?\b", re.IGNORECASE)
# Words naming a body before "resolution": another body's resolution unless it is the document's own body.
_BODY_WORDS = ("council", "commission", "committee", "board", "conference", "assembly", "organization")


def symbol_key(symbol: str) -> str:
    """A comparable form of a symbol: "A/RES/60/212" and "60/212" meet, spacing and case aside.

    The Human Rights Council's whole symbols are cited by their number too ("A/HRC/RES/40/1" as
    "resolution 40/1"), as are its decisions ("A/HRC/DEC/…").
    """
    key = re.sub(r"\s+", "", symbol).casefold()
    return re.sub(r"^(?:[a-z]/res/|a/hrc/(?:res|dec)/)", "", key)


def document_key(symbol: str, doc_id: str) -> str:
    """The key citations are matched on: the symbol, else one read from a file-name id.

    Real folders name files by their symbols with "_" for "/" and no symbol
    inside the text of some (Security Council resolutions): "S_RES_2768(2025)"
    is cited as "2768 (2025)", "A_HRC_RES_36_9" as "36/9".
    """
    if symbol:
        return symbol_key(symbol)
    key = doc_id.casefold().replace("_", "/")
    stripped = re.sub(r"^(?:[a-z]+/)+res/", "", key)
    return stripped if stripped != key else ""


# Lines a parser may take for a title that name no agenda item: the adoption line of a Security Council
# resolution, a date, "47 (1948). Resolution of 21 April 1948", a statement's '"The Human Rights Council,'.
# Two such "titles" are alike and say nothing.
_NOT_A_TITLE = re.compile(
    r"^(?:adopted by\b|(?:of|on) \d{1,2} \w+ \d{4}|\d+ \(\d{4}\)\.? resolution of\b|resolution of \d"
    r"|\W*the [\w\s-]*(?:council|assembly|commission|board|committee)\W*$)"  # the opening line of a statement
)


def is_title(title: str) -> bool:
    """Whether a title names an item (see ``_NOT_A_TITLE``)."""
    folded = _folded(title)[0]
    return bool(folded) and not _NOT_A_TITLE.match(folded)


def _own(text: str, at: int, body: str) -> bool:
    """Whether the citation at ``at`` names a resolution of the document's own body.

    Reads the words just before the last "resolution(s)" ahead of it: "its
    resolution", "General Assembly resolution" (in a GA text) are its own;
    "Human Rights Council resolution" in a GA text is not.
    """
    head = text[max(0, at - 160) : at]
    found = list(_RESOLUTION_WORD.finditer(head))
    if not found:
        return True  # "57/263 of 20 December 2002" continuing a list: what the list began with decides
    before = fold(head[max(0, found[-1].start() - 45) : found[-1].start()])
    if re.search(r"\bits\b", before):
        return True
    if body and body in before:
        return True
    return not any(w in before for w in _BODY_WORDS)


def citations(doc: Document) -> dict[str, str]:
    """Symbol key -> label of the first body paragraph citing it as the body's own resolution.

    Footnotes are not read. See the module docstring for "own".
    """
    body = fold(doc.metadata.body)
    found: dict[str, str] = {}
    for p in doc.paragraphs:
        for m in _CITATION.finditer(p.text):
            if not _own(p.text, m.start(), body):
                continue
            if m.group(1):
                keys = [symbol_key(m.group(1))]
                if m.group(2):
                    keys.insert(0, symbol_key(m.group(1) + m.group(2)))
            else:
                keys = [symbol_key(f"{m.group(3)}({m.group(4)})")]
            for k in keys:
                found.setdefault(k, p.label)
    return found


@functools.lru_cache(maxsize=1 << 16)
def _folded(title: str) -> tuple[str, frozenset[str]]:
    """A title folded, and its words (a corpus repeats titles; a search compares one with thousands)."""
    folded = fold(title)
    return folded, frozenset(words(folded))


def title_score(a: str, b: str) -> float:
    """How alike two titles are (0-100); 0 unless they share at least two words."""
    (fa, wa), (fb, wb) = _folded(a), _folded(b)
    if not fa or not fb or len(wa & wb) < 2 or not is_title(a) or not is_title(b):
        return 0.0
    return (float(fuzz.token_set_ratio(fa, fb)) + float(fuzz.token_sort_ratio(fa, fb))) / 2


def series_of(body: str, title: str) -> tuple[str, str]:
    """What "the same series" means for counting the series that hold a paragraph: body and folded title."""
    return _folded(body)[0], _folded(title)[0]


# A paragraph held by at most two series (the target's and one more: a renamed item, or the same item in
# another body) is distinctive.
DISTINCTIVE_WEIGHT: float = 0.5


@dataclass(frozen=True)
class Shared:
    """How much of the target's distinctive text one candidate shares."""

    share: float  # 0-1: weighted share of the target's paragraphs that the candidate holds
    paragraphs: int  # target paragraphs it holds at all
    distinctive: int  # of which held by at most two series (weight >= 0.5)


def paragraph_weights(holders: Sequence[set[tuple[str, str]]]) -> list[float]:
    """Per target paragraph: 1 / the number of series holding it (0 for a paragraph nobody else has)."""
    return [1.0 / len(h) if h else 0.0 for h in holders]


def shared_with(best: dict[int, float], weights: Sequence[float]) -> Shared:
    """``best``: target paragraph -> the candidate's best score (0-100) for it."""
    total = sum(weights)
    if not total:
        return Shared(0.0, len(best), 0)
    share = sum(weights[p] * min(s, 100.0) / 100.0 for p, s in best.items()) / total
    return Shared(share, len(best), sum(1 for p in best if weights[p] >= DISTINCTIVE_WEIGHT))
