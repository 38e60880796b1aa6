"""Recurring language: the phrases two documents share, tolerating small edits.

Agreed language is copied between resolutions but rarely verbatim: "not as a
substitute for but rather as a complement to" (60/212) returns as "not a
substitute for, but rather a complement to" (62/209). Both are one phrase here.

Method (seed and extend, on normalised word tokens):

1. Seeds: every exact run of ``SEED_WORDS`` words found in a left and a right
   paragraph (a dictionary of left k-grams; k-grams too common to be telling are
   not used as seeds, they are still covered when a rarer seed extends over them).
2. Extend each seed both ways one matching word at a time; up to ``MAX_GAP``
   words may be skipped in total per step (on either side) to reach the next
   matching word, so inserted, dropped or replaced small words do not end the
   phrase. After a gap the landing word must be telling: not a stop word, or the
   start of at least two matching words, so a phrase does not creep over
   coincidental "of the".
3. Keep runs with at least ``min_words`` matching words, of which at least
   ``MIN_CONTENT_WORDS`` are not stop words, and at most a quarter of each side's
   words skipped ("at the ninth session of the" vs "at the present session of
   the" is not agreed language). A seed already inside a found run is not
   extended again, so each run is maximal.
   Stop words at either end are trimmed.
4. Within one paragraph pair, a word belongs to one phrase: runs are taken
   longest first, and a run with half its words already used by a longer one is
   a cross-match of repeated words ("the United Nations ...") and is dropped.
5. Runs with the same left words are one phrase with all their spans; a phrase
   lying wholly inside a longer one is dropped.

Spans are character ranges in the original paragraph texts
(``textnorm.tokens`` keeps offsets), so the reader can highlight them as printed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

from reader.core.model import Document, Occurrence, SharedPhrase, Span, TraceHit
from reader.core.textnorm import Token
from reader.core.wordcache import cached_tokens

SEED_WORDS = 3
MAX_GAP = 2
# A k-gram found more often than this on either side is boilerplate ("of the
# United"), not a useful seed: skipping it keeps long documents fast.
MAX_SEED_OCCURRENCES = 40
MIN_CONTENT_WORDS = 3
MIN_COVERAGE = 0.75

_STOP = frozenset(
    {
        "a",
        "an",
        "and",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "their",
        "these",
        "this",
        "those",
        "to",
        "which",
        "with",
    }
)

Tracer = Callable[[str], Sequence[TraceHit]]
# (left paragraph, right paragraph, matched (left token, right token) cells in order)
_Run = tuple[int, int, list[tuple[int, int]]]


def _step(a: Sequence[str], b: Sequence[str], i: int, j: int, d: int) -> tuple[int, int] | None:
    """Next matching cell from (i, j) in direction ``d`` (+1/-1), skipping <= MAX_GAP words."""
    for gap in range(MAX_GAP + 1):
        for ga in range(gap + 1):
            gb = gap - ga
            ni, nj = i + d * (1 + ga), j + d * (1 + gb)
            if not (0 <= ni < len(a) and 0 <= nj < len(b)) or a[ni] != b[nj]:
                continue
            if gap == 0:
                return ni, nj
            ni2, nj2 = ni + d, nj + d
            follows = 0 <= ni2 < len(a) and 0 <= nj2 < len(b) and a[ni2] == b[nj2]
            if a[ni] not in _STOP or follows:
                return ni, nj
    return None


def _extend(a: Sequence[str], b: Sequence[str], i: int, j: int, k: int) -> list[tuple[int, int]]:
    """Matched cells of the gap-tolerant run through the exact seed a[i:i+k] == b[j:j+k]."""
    cells = [(i + t, j + t) for t in range(k)]
    back: list[tuple[int, int]] = []
    ci, cj = i, j
    while (nxt := _step(a, b, ci, cj, -1)) is not None:
        back.append(nxt)
        ci, cj = nxt
    ci, cj = cells[-1]
    while (nxt := _step(a, b, ci, cj, +1)) is not None:
        cells.append(nxt)
        ci, cj = nxt
    return back[::-1] + cells


def _find_runs(lt: Sequence[Sequence[Token]], rt: Sequence[Sequence[Token]], min_words: int) -> list[_Run]:
    k = max(1, min(SEED_WORDS, min_words))
    ln = [[t.norm for t in ts] for ts in lt]
    rn = [[t.norm for t in ts] for ts in rt]
    seeds: dict[tuple[str, ...], list[tuple[int, int]]] = defaultdict(list)
    for p, ws in enumerate(ln):
        for s in range(len(ws) - k + 1):
            seeds[tuple(ws[s : s + k])].append((p, s))
    right_count: dict[tuple[str, ...], int] = defaultdict(int)
    for ws in rn:
        for s in range(len(ws) - k + 1):
            right_count[tuple(ws[s : s + k])] += 1
    by_pair: dict[tuple[int, int], list[list[tuple[int, int]]]] = defaultdict(list)
    covered: set[tuple[int, int, int, int]] = set()
    for q, ws in enumerate(rn):
        for t in range(len(ws) - k + 1):
            gram = tuple(ws[t : t + k])
            where = seeds.get(gram)
            if not where or len(where) > MAX_SEED_OCCURRENCES or right_count[gram] > MAX_SEED_OCCURRENCES:
                continue
            for p, s in where:
                if (p, s, q, t) in covered:
                    continue
                cells = _extend(ln[p], rn[q], s, t, k)
                covered.update((p, i, q, j) for i, j in cells)
                cells = _trim(ln[p], cells)
                if _good_run(ln[p], cells, min_words):
                    by_pair[p, q].append(cells)
    runs: list[_Run] = []
    for (p, q), found in by_pair.items():
        used_l: set[int] = set()
        used_r: set[int] = set()
        for cells in sorted(found, key=lambda c: (-len(c), c[0])):
            if 2 * sum(i in used_l for i, _ in cells) >= len(cells):
                continue
            if 2 * sum(j in used_r for _, j in cells) >= len(cells):
                continue
            used_l.update(i for i, _ in cells)
            used_r.update(j for _, j in cells)
            runs.append((p, q, cells))
    return runs


def _trim(a: Sequence[str], cells: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop stop words at either end: "of the United Nations system, in" -> "United Nations system"."""
    lo, hi = 0, len(cells)
    while lo < hi and a[cells[lo][0]] in _STOP:
        lo += 1
    while hi > lo and a[cells[hi - 1][0]] in _STOP:
        hi -= 1
    return cells[lo:hi]


def _good_run(a: Sequence[str], cells: list[tuple[int, int]], min_words: int) -> bool:
    """Long enough, telling enough, and dense enough to be shared language."""
    if len(cells) < min_words:
        return False
    if sum(a[i] not in _STOP for i, _ in cells) < min(MIN_CONTENT_WORDS, min_words):
        return False
    span_a = cells[-1][0] - cells[0][0] + 1
    span_b = cells[-1][1] - cells[0][1] + 1
    return len(cells) >= MIN_COVERAGE * max(span_a, span_b)


def shared_phrases(
    left: Document,
    right: Document,
    *,
    min_words: int = 5,
    tracer: Tracer | None = None,
) -> tuple[SharedPhrase, ...]:
    """The phrases of at least ``min_words`` matching words both documents contain.

    Ordered by first appearance in the left document. With ``tracer`` (a corpus
    search returning TraceHits), ``also_in`` lists the other documents (not left,
    not right) that contain each phrase.
    """
    lt = [cached_tokens(p.text) for p in left.paragraphs]
    rt = [cached_tokens(p.text) for p in right.paragraphs]
    groups: dict[tuple[str, ...], tuple[set[Span], set[Span]]] = {}
    for p, q, cells in _find_runs(lt, rt, min_words):
        (i0, j0), (i1, j1) = cells[0], cells[-1]
        key = tuple(t.norm for t in lt[p][i0 : i1 + 1])
        ls, rs = groups.setdefault(key, (set(), set()))
        ls.add(Span(p, lt[p][i0].start, lt[p][i1].end))
        rs.add(Span(q, rt[q][j0].start, rt[q][j1].end))
    phrases: list[SharedPhrase] = []
    for ls, rs in groups.values():
        lspans = tuple(sorted(ls, key=lambda s: (s.paragraph, s.start)))
        rspans = tuple(sorted(rs, key=lambda s: (s.paragraph, s.start)))
        first = lspans[0]
        text = left.paragraphs[first.paragraph].text[first.start : first.end]
        phrases.append(SharedPhrase(text=text, left=lspans, right=rspans))
    phrases = _drop_contained(phrases)
    phrases.sort(key=lambda ph: (ph.left[0].paragraph, ph.left[0].start))
    if tracer is not None:
        phrases = [_with_occurrences(ph, left, right, tracer) for ph in phrases]
    return tuple(phrases)


def _inside(inner: Sequence[Span], outer: Sequence[Span]) -> bool:
    return all(
        any(o.paragraph == s.paragraph and o.start <= s.start and s.end <= o.end for o in outer)
        for s in inner
    )


def _drop_contained(phrases: list[SharedPhrase]) -> list[SharedPhrase]:
    """Drop a phrase whose every span lies inside the spans of a longer one."""
    by_len = sorted(phrases, key=lambda ph: -len(ph.text))
    kept: list[SharedPhrase] = []
    for ph in by_len:
        if not any(_inside(ph.left, k.left) and _inside(ph.right, k.right) for k in kept):
            kept.append(ph)
    return kept


def _with_occurrences(ph: SharedPhrase, left: Document, right: Document, tracer: Tracer) -> SharedPhrase:
    skip = {left.id, right.id}
    seen: set[tuple[str, str]] = set()
    occ: list[Occurrence] = []
    for h in tracer(ph.text):
        if h.doc_id in skip or (h.doc_id, h.label) in seen:
            continue
        seen.add((h.doc_id, h.label))
        occ.append(Occurrence(doc_id=h.doc_id, symbol=h.symbol, year=h.year, label=h.label, score=h.score))
    return SharedPhrase(text=ph.text, left=ph.left, right=ph.right, also_in=tuple(occ))
