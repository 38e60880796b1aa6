"""Recurring language: the phrases two documents share, tolerating small edits.

Agreed language is copied between resolutions but rarely verbatim: "not as a
substitute for but rather as a complement to" (60/212) returns as "not a
substitute for, but rather a complement to" (62/209). Both are one phrase here.

Method (seed and extend, on normalised word tokens):

1. Seeds: every exact run of ``SEED_WORDS`` words found in a left and a right
   paragraph (a dictionary of left k-grams; k-grams too common to be telling are
   not used as seeds, they are still covered when a rarer seed extends over them).
   A paragraph is searched only against the ``MAX_PARTNERS`` paragraphs of the
   other side that share the most seeds with it, and each distinct paragraph
   text once, so long documents full of common phrases stay fast.
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

from reader.core.model import Document, Occurrence, Recurrence, SharedPhrase, Span, TraceHit
from reader.core.textnorm import FUNCTION_WORDS, Token
from reader.core.wordcache import cached_tokens

SEED_WORDS = 3
MAX_GAP = 2
# A k-gram found more often than this on either side is boilerplate ("of the
# United"), not a useful seed: skipping it keeps long documents fast.
MAX_SEED_OCCURRENCES = 40
# Each paragraph is searched against at most this many paragraphs of the other
# side: those sharing the most seed k-grams with it.
MAX_PARTNERS = 5
MIN_CONTENT_WORDS = 3
MIN_COVERAGE = 0.75

_STOP = FUNCTION_WORDS | {"but", "into"}

# A corpus search: every hit of a phrase, or a Recurrence that says how it was looked for. One with a
# ``many(phrases, skip_docs)`` method as well (``IndexTracer``) is asked once for all the phrases.
Tracer = Callable[[str], Sequence[TraceHit] | Recurrence]
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
    back: list[tuple[int, int]] = []
    ci, cj = i, j
    while True:
        while ci > 0 and cj > 0 and a[ci - 1] == b[cj - 1]:  # exact stretch: no gap search
            ci, cj = ci - 1, cj - 1
            back.append((ci, cj))
        nxt = _step(a, b, ci, cj, -1)
        if nxt is None:
            break
        back.append(nxt)
        ci, cj = nxt
    cells = back[::-1] + [(i + t, j + t) for t in range(k)]
    ci, cj = cells[-1]
    na, nb = len(a), len(b)
    while True:
        while ci + 1 < na and cj + 1 < nb and a[ci + 1] == b[cj + 1]:
            ci, cj = ci + 1, cj + 1
            cells.append((ci, cj))
        nxt = _step(a, b, ci, cj, +1)
        if nxt is None:
            break
        cells.append(nxt)
        ci, cj = nxt
    return cells


def _unique(texts: Sequence[Sequence[str]]) -> tuple[list[Sequence[str]], list[list[int]]]:
    """Distinct word sequences, and for each the paragraphs that have it."""
    ids: dict[tuple[str, ...], int] = {}
    where: list[list[int]] = []
    uniq: list[Sequence[str]] = []
    for p, ws in enumerate(texts):
        key = tuple(ws)
        u = ids.get(key)
        if u is None:
            u = ids[key] = len(uniq)
            uniq.append(ws)
            where.append([])
        where[u].append(p)
    return uniq, where


def _find_runs(lt: Sequence[Sequence[Token]], rt: Sequence[Sequence[Token]], min_words: int) -> list[_Run]:
    """Shared runs of every related paragraph pair (see the module docstring).

    Work is done once per distinct paragraph text (repeated boilerplate paragraphs
    cost nothing extra), and only for the ``MAX_PARTNERS`` paragraphs of the
    other side that share the most seeds with a paragraph, which bounds the cost
    on long documents full of common phrases.
    """
    k = max(1, min(SEED_WORDS, min_words))
    ln, l_where = _unique([[t.norm for t in ts] for ts in lt])
    rn, r_where = _unique([[t.norm for t in ts] for ts in rt])
    vocab: dict[str, int] = {}
    l_ids = [[vocab.setdefault(w, len(vocab)) for w in ws] for ws in ln]
    r_ids = [[vocab.setdefault(w, len(vocab)) for w in ws] for ws in rn]
    base = len(vocab) + 1

    def grams(ids: list[int]) -> list[int]:
        """Each k-gram as one int (hashes faster than a tuple of words)."""
        out = ids[: len(ids) - k + 1]
        for off in range(1, k):
            out = [g * base + x for g, x in zip(out, ids[off:], strict=False)]
        return out

    seeds: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for p, ids in enumerate(l_ids):
        for s, g in enumerate(grams(ids)):
            seeds[g].append((p, s))
    right_grams = [grams(ids) for ids in r_ids]
    right_count: dict[int, int] = defaultdict(int)
    for gs in right_grams:
        for g in gs:
            right_count[g] += 1
    hits: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for q, gs in enumerate(right_grams):
        for t, gram in enumerate(gs):
            places = seeds.get(gram)
            if not places or len(places) > MAX_SEED_OCCURRENCES or right_count[gram] > MAX_SEED_OCCURRENCES:
                continue
            for p, s in places:
                hits[p, q].append((s, t))
    best_l: dict[int, list[tuple[int, int]]] = defaultdict(list)
    best_r: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for (p, q), h in hits.items():
        best_l[p].append((len(h), q))
        best_r[q].append((len(h), p))
    chosen = {(p, q) for p, cand in best_l.items() for _, q in sorted(cand, reverse=True)[:MAX_PARTNERS]}
    chosen |= {(p, q) for q, cand in best_r.items() for _, p in sorted(cand, reverse=True)[:MAX_PARTNERS]}

    runs: list[_Run] = []
    for p, q in sorted(chosen):
        covered: set[tuple[int, int]] = set()
        found: list[list[tuple[int, int]]] = []
        for s, t in sorted(hits[p, q], key=lambda st: (st[1], st[0])):
            if (s, t) in covered:
                continue
            cells = _extend(ln[p], rn[q], s, t, k)
            covered.update(cells)
            cells = _trim(ln[p], cells)
            if _good_run(ln[p], cells, min_words):
                found.append(cells)
        used_l: set[int] = set()
        used_r: set[int] = set()
        for cells in sorted(found, key=lambda c: (-len(c), c[0])):
            if 2 * sum(i in used_l for i, _ in cells) >= len(cells):
                continue
            if 2 * sum(j in used_r for _, j in cells) >= len(cells):
                continue
            used_l.update(i for i, _ in cells)
            used_r.update(j for _, j in cells)
            runs.extend((pp, qq, cells) for pp in l_where[p] for qq in r_where[q])
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
    search returning TraceHits or a Recurrence), ``also_in`` lists the other
    documents (not left, not right) that contain each phrase.
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
        skip = {left.id, right.id}
        many = getattr(tracer, "many", None)  # an index answers every phrase at once (IndexTracer)
        if many is not None:
            found = many([ph.text for ph in phrases], skip)
        else:
            found = [tracer(ph.text) for ph in phrases]
        phrases = [_with_occurrences(ph, f, skip) for ph, f in zip(phrases, found, strict=True)]
    return tuple(phrases)


def _drop_contained(phrases: list[SharedPhrase]) -> list[SharedPhrase]:
    """Drop a phrase whose every span lies inside a span of one longer kept phrase.

    Kept spans are indexed by (side, paragraph), so each check looks only at the
    phrases that cover the candidate's first span.
    """
    by_len = sorted(phrases, key=lambda ph: -len(ph.text))
    kept: list[SharedPhrase] = []
    index: dict[tuple[int, int], list[tuple[int, int, int]]] = defaultdict(list)

    def covering(side: int, span: Span) -> set[int]:
        return {k for a, b, k in index.get((side, span.paragraph), ()) if a <= span.start and span.end <= b}

    for ph in by_len:
        spans = [(0, s) for s in ph.left] + [(1, s) for s in ph.right]
        common = covering(*spans[0])
        for side, span in spans[1:]:
            if not common:
                break
            common &= covering(side, span)
        if common:
            continue
        k = len(kept)
        kept.append(ph)
        for side, span in spans:
            index[side, span.paragraph].append((span.start, span.end, k))
    return kept


def _with_occurrences(
    ph: SharedPhrase, found: Sequence[TraceHit] | Recurrence, skip: set[str]
) -> SharedPhrase:
    """The phrase with where else it occurs: not in the compared documents ``skip``, a paragraph once."""
    seen: set[tuple[str, str]] = set()
    occ: list[Occurrence] = []
    if isinstance(found, Recurrence):
        places, word_for_word = found.occurrences, found.word_for_word
    else:
        places = tuple(Occurrence(h.doc_id, h.symbol, h.year, h.label, h.score) for h in found)
        word_for_word = False
    for o in places:
        if o.doc_id in skip or (o.doc_id, o.label) in seen:
            continue
        seen.add((o.doc_id, o.label))
        occ.append(o)
    return SharedPhrase(
        text=ph.text, left=ph.left, right=ph.right, also_in=tuple(occ), word_for_word=word_for_word
    )
