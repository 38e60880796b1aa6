"""Paragraph alignment of two documents: which paragraph became which.

How it works, and why:

1. Similarity. Each paragraph becomes its content words (``textnorm.matching_form``,
   so "Recognizing that" ~ "Recognizes that", minus a short stop-word list). One
   ``rapidfuzz.process.cdist`` call gives the word-level Indel distance of every
   pair, from which numpy derives the longest common word subsequence (LCS) and
   the score ``50 * (2*LCS / (len_a + len_b)) + 50 * (LCS / min(len_a, len_b))``:
   half "how equal are they", half "how much of the shorter one survives in the
   longer one". Measured on the seed pairs, this word-level blend separates true
   correspondences from unrelated paragraphs better than character-level
   ``fuzz.ratio``/``token_set_ratio`` blends: two unrelated UN paragraphs share
   so many letters and common words that those scorers give them 55-65.
2. Matching. Candidate cells at or above the threshold are taken greedily, best
   first (a tiny bias towards the diagonal breaks ties between repeated
   paragraphs), each paragraph at most once. Greedy-first finds a moved
   paragraph's real partner even when it is far away.
3. Splits and merges. Where two adjacent paragraphs of one side, joined, score
   clearly better against a paragraph of the other side than either alone, or
   the unmatched one of them matches that paragraph well on its own and joining
   them costs (almost) nothing, they become one pair with two indices on that
   side, provided each of the two keeps a good share of its words there.
4. Backbone. The heaviest order-preserving subset of the matched pairs (weighted
   longest increasing subsequence) is the text that kept its order; matched
   pairs outside it, or pairing a preambular with an operative paragraph, are
   ``moved``.
5. Gaps. Between two consecutive backbone pairs, still unmatched paragraphs of
   the same part are matched in order with a lower bar (``GAP_FACTOR`` times the
   threshold): position is evidence too. A heavily rewritten paragraph that
   kept its place ("Reaffirms the importance of technical cooperation among the
   countries of the region ..." -> "Reiterates the importance of South-South
   cooperation among the countries of the region ...", 591(XXIX) OP2 ->
   620(XXXI) OP3, score 30) is found this way and nowhere else.
6. Swaps. A still unmatched paragraph that traded places with one neighbouring
   kept pair is matched with the same lower bar when the two are each other's
   best partner and their telling words agree (``_neighbour_swaps``); such a
   pair is ``moved`` (by one place).

Reading order of the pairs (for side-by-side display): the right document's
order; a removed left paragraph comes right after the pair of the nearest
preceding left paragraph that stayed in order (or first, if there is none), so
deletions appear where they were in the old text.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Indel

from reader.core.model import Alignment, Document, Pair, PairKind, Paragraph
from reader.core.textnorm import FUNCTION_WORDS, fold
from reader.core.wordcache import cached_matching_form

# Measured on the three seed pairs: paragraphs that kept much of their wording
# score 47-100 against their counterpart; unrelated pairs stay below 40 but for
# a few up to 44, which best-first matching leaves alone because their rows or
# columns were already taken by better matches. (CompareOptions uses the same.)
DEFAULT_THRESHOLD: float = 40.0

# A joined pair of adjacent paragraphs must beat the single one by this much to
# count as a split or merge.
MERGE_GAIN: float = 10.0
# ... or lose at most this much when the free neighbour alone matches it too.
MERGE_TOLERANCE: float = 5.0
# ... and each of the two must keep at least this share of its words in the paragraph they form (see
# ``_keeps_enough``). On the hand-aligned real pairs the halves of true splits and merges keep 0.49-1.0;
# "Urges ... a free, fair and transparent presidential election" and "Expresses continued concern at ...
# prisons" (HRC 44/19 OP4, OP5) keep 0.28 and 0.18 of theirs in "Strongly urges ... to fully respect,
# protect and fulfil all their international human rights obligations" (47/19 OP6), which joined they
# "matched" at 50 only because that short paragraph's words are spread over the two.
MERGE_PART_KEEP: float = 0.4

# Lower bar, relative to the threshold, for in-order matches between two
# backbone pairs. Measured on the seed pairs of one body (GA-GA, ECLAC-ECLAC):
# rewritten counterparts left in a gap score 28-39, unrelated in-gap paragraphs
# at most 25. Between a GA and an ECLAC resolution (mostly unrelated texts) a
# few loosely related in-gap pairs of 28-33 appear; their low score shows it.
GAP_FACTOR: float = 0.7
# ... and the allowance shrinks as the threshold rises, to none at 100: a user who raises it to 90
# asks for near-identical pairs, and a paragraph that kept its place at 63 is not one. It is
# ``IN_PLACE_SHRINK`` of the distance from the threshold to 100 (see ``in_place_bar``).
IN_PLACE_SHRINK: float = 0.2

# A pair that kept its place needs this share of the threshold on its telling words (16 at 40), or a
# run of this many consecutive words in common (``_same_provision``). Measured, and the margin is thin:
# the in-place pairs a reader rejects in the hand-aligned real pairs score 15.5 on telling words; the
# true rewrites in their slot of the seed ECLAC pair 591(XXIX) -> 620(XXXI), PP1 -> PP1 and OP2 -> OP3,
# 17.2 and 19.8. Over the 849 real series pairs the in-place pairs below 16 were, read, nearly all two
# provisions sharing a verb and a subject; those sharing eight consecutive words or more were mostly
# one provision reworded.
IN_PLACE_TELLING: float = 0.4
IN_PLACE_RUN: int = 8

# A word in more than this share of the paragraphs of the two documents is common to them: no
# evidence that a paragraph moved (see ``_telling_move``).
COMMON_SHARE: float = 0.2
# A move between preamble and operative part scoring this or more needs no kept verb (``_keeps_its_verb``).
CROSS_PART_CLOSE: float = 70.0

# Candidates kept per row and per column before greedy matching; bounds the
# Python loop to O(n + m) on long documents without changing its result in
# practice (a paragraph's partner is always among its few best).
_TOP_K = 5
# Points subtracted per unit of relative position difference, to prefer the
# diagonal between equally good candidates (repeated boilerplate).
_DIAGONAL_BIAS = 2.0

STOPWORDS = FUNCTION_WORDS  # not counted when scoring paragraph likeness


def scoring_words(text: str) -> list[str]:
    """The words a paragraph is compared on (content words of its matching form)."""
    ws = cached_matching_form(text).split()
    content = [w for w in ws if w not in STOPWORDS]
    if content or ws:
        return content or ws
    folded = fold(text)  # no words at all ("—", ";"): the marks themselves
    return [folded] if folded else []


def similarity_matrix(left: Sequence[Sequence[str]], right: Sequence[Sequence[str]]) -> np.ndarray:
    """Scores 0-100 of every left word list against every right one (see module doc)."""
    n, m = len(left), len(right)
    if n == 0 or m == 0:
        return np.zeros((n, m), dtype=np.float64)
    dist = process.cdist(left, right, scorer=Indel.distance, dtype=np.int32)
    la = np.array([len(x) for x in left], dtype=np.float64)[:, None]
    lb = np.array([len(x) for x in right], dtype=np.float64)[None, :]
    return scores_of(dist, la, lb)


def scores_of(dist: np.ndarray, la: np.ndarray | float, lb: np.ndarray) -> np.ndarray:
    """``similarity_matrix``'s scores from Indel distances and word counts (one formula, so a
    caller that computes the distances itself gets the very same floats)."""
    lcs = (la + lb - dist.astype(np.float64)) / 2.0
    ratio = 2.0 * lcs / np.maximum(la + lb, 1.0)
    containment = lcs / np.maximum(np.minimum(la, lb), 1.0)
    return 50.0 * ratio + 50.0 * containment


def word_similarity(a: Sequence[str], b: Sequence[str]) -> float:
    """The same score as ``similarity_matrix`` for one pair of word lists."""
    if not a or not b:
        return 0.0
    lcs = (len(a) + len(b) - Indel.distance(a, b)) / 2.0
    return 50.0 * (2.0 * lcs / (len(a) + len(b))) + 50.0 * (lcs / min(len(a), len(b)))


@dataclass
class _Group:
    left: list[int]
    right: list[int]
    score: float


def _greedy_matches(sim: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    """One-to-one matches, best score first, among each paragraph's top candidates."""
    n, m = sim.shape
    if n == 0 or m == 0:
        return []
    keep = np.zeros((n, m), dtype=bool)
    k = min(_TOP_K, m)
    rows = np.argpartition(-sim, k - 1, axis=1)[:, :k]
    keep[np.arange(n)[:, None], rows] = True
    k = min(_TOP_K, n)
    cols = np.argpartition(-sim, k - 1, axis=0)[:k, :]
    keep[cols, np.arange(m)[None, :]] = True
    keep &= sim >= threshold
    ii, jj = np.nonzero(keep)
    if ii.size == 0:
        return []
    bias = _DIAGONAL_BIAS * np.abs(ii / max(n, 1) - jj / max(m, 1))
    order = np.argsort(-(sim[ii, jj] - bias), kind="stable")
    used_l = np.zeros(n, dtype=bool)
    used_r = np.zeros(m, dtype=bool)
    out: list[tuple[int, int]] = []
    limit = min(n, m)
    for o in order.tolist():
        i, j = int(ii[o]), int(jj[o])
        if used_l[i] or used_r[j]:
            continue
        used_l[i] = used_r[j] = True
        out.append((i, j))
        if len(out) == limit:
            break
    return out


def _keeps_enough(part: Sequence[str], whole: Sequence[str]) -> bool:
    """``part`` keeps ``MERGE_PART_KEEP`` of its words, in order, in ``whole`` (half of a split or merge)."""
    if not part:
        return True
    lcs = (len(part) + len(whole) - Indel.distance(part, whole)) / 2.0
    return lcs >= MERGE_PART_KEEP * len(part)


def _merge_adjacent(
    groups: list[_Group],
    words_a: list[list[str]],
    words_b: list[list[str]],
    sim_ab: np.ndarray,
    threshold: float,
    *,
    a_is_left: bool,
) -> None:
    """Join adjacent paragraphs of side A that together match one paragraph of side B.

    Mutates ``groups``: a single-single group absorbs its unmatched neighbour, or
    two unmatched neighbours form a new group with the best unmatched B paragraph.
    ``sim_ab`` is the similarity matrix oriented A x B.
    """

    def a_side(g: _Group) -> list[int]:
        return g.left if a_is_left else g.right

    def b_side(g: _Group) -> list[int]:
        return g.right if a_is_left else g.left

    owner_a = {i: g for g in groups for i in a_side(g)}
    taken_b = np.zeros(len(words_b), dtype=bool)
    for g in groups:
        taken_b[b_side(g)] = True
    n_a = len(words_a)
    # Both neighbours unmatched: score all such joined pairs against side B at once.
    free_pairs = [i for i in range(n_a - 1) if i not in owner_a and i + 1 not in owner_a]
    joined_sim = similarity_matrix([words_a[i] + words_a[i + 1] for i in free_pairs], words_b)
    free_row = {i: r for r, i in enumerate(free_pairs)}

    i = 0
    while i < n_a - 1:
        ga, gb = owner_a.get(i), owner_a.get(i + 1)
        merged = False
        one = ga if gb is None else gb if ga is None else None
        if one is not None:
            if len(a_side(one)) == 1 and len(b_side(one)) == 1:
                b = b_side(one)[0]
                free = i if ga is None else i + 1
                score = word_similarity(words_a[i] + words_a[i + 1], words_b[b])
                # The joined text matches clearly better, or the free neighbour is
                # itself a good match of the same paragraph and joining costs little
                # (the larger half of a split alone already scores high).
                gains = score >= one.score + MERGE_GAIN
                also_fits = sim_ab[free, b] >= threshold and score >= one.score - MERGE_TOLERANCE
                if score >= threshold and (gains or also_fits) and _keeps_enough(words_a[free], words_b[b]):
                    a_side(one)[:] = [i, i + 1]
                    one.score = score
                    owner_a[i] = owner_a[i + 1] = one
                    merged = True
        elif ga is None and gb is None and i in free_row and not taken_b.all():
            row = np.where(taken_b, -1.0, joined_sim[free_row[i]])
            j = int(np.argmax(row))
            single = max(sim_ab[i, j], sim_ab[i + 1, j])
            if (
                row[j] >= threshold
                and row[j] >= single + MERGE_GAIN
                and _keeps_enough(words_a[i], words_b[j])
                and _keeps_enough(words_a[i + 1], words_b[j])
            ):
                pair_a, pair_b = [i, i + 1], [j]
                g = (
                    _Group(pair_a, pair_b, float(row[j]))
                    if a_is_left
                    else _Group(pair_b, pair_a, float(row[j]))
                )
                groups.append(g)
                owner_a[i] = owner_a[i + 1] = g
                taken_b[j] = True
                merged = True
        i += 2 if merged else 1


def _heaviest_increasing(items: Sequence[tuple[int, int, float]]) -> set[int]:
    """Indices of the max-weight subsequence strictly increasing in both keys.

    ``items`` are (a, b, weight) with distinct a and distinct b; O(k log k) with a
    Fenwick tree of prefix maxima over b.
    """
    if not items:
        return set()
    order = sorted(range(len(items)), key=lambda t: items[t][0])
    bs = sorted({it[1] for it in items})
    rank = {b: r + 1 for r, b in enumerate(bs)}
    size = len(bs)
    tree_val = [0.0] * (size + 1)
    tree_idx = [-1] * (size + 1)
    best_val = [0.0] * len(items)
    back = [-1] * len(items)
    for t in order:
        r = rank[items[t][1]]
        # prefix max over ranks < r
        v, src, x = 0.0, -1, r - 1
        while x > 0:
            if tree_val[x] > v:
                v, src = tree_val[x], tree_idx[x]
            x -= x & -x
        best_val[t] = v + items[t][2]
        back[t] = src
        x = r
        while x <= size:
            if best_val[t] > tree_val[x]:
                tree_val[x], tree_idx[x] = best_val[t], t
            x += x & -x
    t = max(range(len(items)), key=lambda u: best_val[u])
    chosen: set[int] = set()
    while t != -1:
        chosen.add(t)
        t = back[t]
    return chosen


@dataclass(frozen=True)
class _Texts:
    """What every step after the first matching reads of the two documents: their paragraphs, the
    similarity of each left paragraph to each right one, their scoring words, and the words both
    documents use everywhere (``_common_words``)."""

    left: Document
    right: Document
    sim: np.ndarray
    lw: list[list[str]]
    rw: list[list[str]]
    common: set[str]


def _fill_gaps(
    texts: _Texts, groups: Sequence[_Group], backbone: Sequence[_Group], bar: float, threshold: float
) -> list[_Group]:
    """In-order matches of unmatched same-part paragraphs between backbone pairs.

    Each must carry the same provision (``_same_provision``), not only the same opener: position
    says where a rewritten paragraph may be, not that any two in that place are one.
    """
    left, right, sim, lw, rw, common = texts.left, texts.right, texts.sim, texts.lw, texts.rw, texts.common
    matched_l = {i for g in groups for i in g.left}
    matched_r = {j for g in groups for j in g.right}
    anchors = sorted((g.left[0], g.left[-1], g.right[0], g.right[-1]) for g in backbone)
    bounds = [(-1, -1, -1, -1), *anchors, (len(left.paragraphs),) * 2 + (len(right.paragraphs),) * 2]
    parts_l = np.array([p.part == "preamble" for p in left.paragraphs], dtype=bool)
    parts_r = np.array([p.part == "preamble" for p in right.paragraphs], dtype=bool)
    found: list[_Group] = []
    for prev, nxt in itertools.pairwise(bounds):
        gl = [i for i in range(prev[1] + 1, nxt[0]) if i not in matched_l]
        gr = [j for j in range(prev[3] + 1, nxt[2]) if j not in matched_r]
        if not gl or not gr:
            continue
        sub = sim[np.ix_(gl, gr)] * (parts_l[gl][:, None] == parts_r[gr][None, :])
        for a, b in zip(*np.nonzero(sub >= bar), strict=True):
            if not _same_provision(lw[gl[a]], rw[gr[b]], common, threshold):
                sub[a, b] = 0.0
        cand = _greedy_matches(sub, bar)
        keep = _heaviest_increasing([(a, b, float(sub[a, b])) for a, b in cand])
        for t in keep:
            a, b = cand[t]
            found.append(_Group([gl[a]], [gr[b]], float(sub[a, b])))
    return found


def _neighbour_swaps(
    texts: _Texts, groups: Sequence[_Group], backbone: Sequence[_Group], bar: float
) -> list[_Group]:
    """Unmatched paragraphs that traded places with one neighbouring kept pair.

    Drafters reorder two adjacent provisions ("Takes note with appreciation of the report of the Special
    Rapporteur" now after the paragraph that followed it, and reworded): left ``a+1`` and right ``b-1``
    around a kept pair ``(a, b)``, or ``a-1`` and ``b+1``. Position is almost as strong evidence as for a
    paragraph that kept its place, so the same bar applies, but only to two paragraphs that are each
    other's best partner in the whole documents and still reach it on their telling words (``_telling_move``):
    without those, over the 849 real series pairs most such "swaps" were two unrelated provisions that
    happen to sit next to each other. The pair is a move (by one place).
    """
    left, right, sim, lw, rw, common = texts.left, texts.right, texts.sim, texts.lw, texts.rw, texts.common
    matched_l = {i for g in groups for i in g.left}
    matched_r = {j for g in groups for j in g.right}
    n, m = sim.shape
    cand: list[tuple[float, int, int]] = []
    for g in backbone:
        if len(g.left) != 1 or len(g.right) != 1:
            continue
        a, b = g.left[0], g.right[0]
        for i, j in ((a + 1, b - 1), (a - 1, b + 1)):
            if not (0 <= i < n and 0 <= j < m) or i in matched_l or j in matched_r:
                continue
            if left.paragraphs[i].part != right.paragraphs[j].part or sim[i, j] < bar:
                continue
            # each the other's best partner, on the telling words too: a swap is read off the words
            if sim[i].argmax() != j or sim[:, j].argmax() != i:
                continue
            if not _telling_move(_Group([i], [j], 0.0), lw, rw, common, bar):
                continue
            cand.append((float(sim[i, j]), i, j))
    found: list[_Group] = []
    for score, i, j in sorted(cand, reverse=True):
        if i in matched_l or j in matched_r:
            continue
        matched_l.add(i)
        matched_r.add(j)
        found.append(_Group([i], [j], score))
    return found


def _longest_run(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of the longest run of consecutive words the two lists share."""
    best = 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0] * (len(b) + 1)
        for j, y in enumerate(b):
            if x == y:
                cur[j + 1] = prev[j] + 1
                best = max(best, cur[j + 1])
        prev = cur
    return best


def _same_provision(a: Sequence[str], b: Sequence[str], common: set[str], threshold: float) -> bool:
    """Two paragraphs in the same place carry the same provision, not only the same opener.

    Between two kept pairs, "Recalls paragraph 8 of its resolution 74/255 B, and invites the Commission
    to provide its comments on the review of the jurisdictional setup" and "Recalls paragraph 57 of
    section III of its resolution 70/244, ... and invites the Commission to undertake a comprehensive
    assessment ... of the compensation package" (GA 75/245 OP9, 76/240 OP12) score 38 on their opener
    and the words the whole resolution uses; on the rest, 15.5. So an in-place pair must also reach
    ``IN_PLACE_TELLING`` of the threshold on its telling words (those not common to the two documents,
    as for a move), or share a clause of ``IN_PLACE_RUN`` consecutive words: a series' own title
    ("Recalling all relevant Human Rights Council resolutions on the enhancement of technical
    cooperation and capacity-building in the field of human rights") is common to the documents and
    still says the two are one recall. Over the 849 real series pairs, 120 of 661 in-place pairs fail
    both; read, nearly all are two provisions that share a verb and a subject ("Encourages the
    Government of the Democratic Republic of the Congo to ..." improve its cooperation / submit its
    periodic reports).
    """
    ta = [w for w in a if w not in common]
    tb = [w for w in b if w not in common]
    if word_similarity(ta, tb) >= IN_PLACE_TELLING * threshold:
        return True
    return _longest_run(a, b) >= IN_PLACE_RUN


def _common_words(lw: Sequence[Sequence[str]], rw: Sequence[Sequence[str]]) -> set[str]:
    """Words in so many paragraphs of the two documents that they say nothing of a pair ("Syrian Arab
    Republic" in a resolution on Syria): more than ``COMMON_SHARE`` of them, and more than eight."""
    df: dict[str, int] = {}
    for ws in (*lw, *rw):
        for w in set(ws):
            df[w] = df.get(w, 0) + 1
    most = max(8.0, COMMON_SHARE * (len(lw) + len(rw)))
    return {w for w, n in df.items() if n > most}


def _telling_move(
    g: _Group, lw: list[list[str]], rw: list[list[str]], common: set[str], threshold: float
) -> bool:
    """A pair off the backbone (a move) must match on its telling words too.

    Position says nothing for a move, so its words must: two paragraphs of a
    resolution on Syria that share only "the Syrian Arab Republic", "parties to
    the conflict" and "Human Rights Council" are two provisions, not one that
    moved. Words common to the two documents' paragraphs are left out and the
    rest must still reach the threshold.
    """
    a = [w for i in g.left for w in lw[i] if w not in common]
    b = [w for j in g.right for w in rw[j] if w not in common]
    return word_similarity(a, b) >= threshold


def _keeps_its_verb(left: Document, right: Document, g: _Group) -> bool:
    """A paragraph moved between the preamble and the operative part keeps its verb, or is close.

    Drafters move a provision across by changing its verb's form ("Welcoming the
    report" -> "Welcomes the report"; "Demands that ..." -> "Condemning ..., and
    demanding that ..."): the opening verb of one side is a word of the other.
    A preambular "Welcoming the work of the Commission" is not the operative
    "Reaffirms the need to end impunity" moved, though they share its subject.
    A pair scoring ``CROSS_PART_CLOSE`` or more is kept whatever its verbs.
    """
    if g.score >= CROSS_PART_CLOSE:
        return True
    a = cached_matching_form(" ".join(left.paragraphs[i].text for i in g.left)).split()
    b = cached_matching_form(" ".join(right.paragraphs[j].text for j in g.right)).split()
    # The opening verb, past an adverb before it ("Also expresses", "Further requests"): "also"
    # found in "Welcoming also the appointment" is no verb kept.
    a = a[next((k for k, w in enumerate(a) if w not in _OPENING_ADVERBS), len(a)) :]
    b = b[next((k for k, w in enumerate(b) if w not in _OPENING_ADVERBS), len(b)) :]
    if not a or not b:
        return False
    # The same opening verb ("Noting" / "Notes" are both "not"), or one side's opening verb as
    # ``matching_form`` stems it ("demand") begins a word of the other ("demanding"); a stem of
    # three letters or fewer is only taken whole.
    if a[0] == b[0]:
        return True
    return any(len(v) > 3 and any(w.startswith(v) for w in other) for v, other in ((a[0], b), (b[0], a)))


# Adverbs that open a paragraph before its verb, as ``matching_form`` gives them.
_OPENING_ADVERBS = frozenset(
    {
        "also",
        "further",
        "again",
        "once",
        "strongly",
        "deeply",
        "firmly",
        "urgently",
        "fully",
        "hereby",
        "therefore",
        "furthermore",
        "moreover",
        "likewise",
        "similarly",
    }
)


def in_place_bar(threshold: float) -> float:
    """The score a paragraph that kept its place (between two kept pairs) needs to be paired.

    Position is evidence, so it needs less than ``threshold``: ``GAP_FACTOR`` of it (28 at the
    default 40), but no more below it than ``IN_PLACE_SHRINK`` of the way to 100 (12 points at 40,
    8 at 60, 2 at 90, none at 100). Every pair of an alignment scores at least this.
    """
    return max(GAP_FACTOR * threshold, threshold - IN_PLACE_SHRINK * (100.0 - threshold))


def _part(doc: Document, idx: Sequence[int]) -> str:
    return doc.paragraphs[idx[0]].part


def _joined_fold(paras: Sequence[Paragraph], idx: Sequence[int]) -> str:
    return fold(" ".join(paras[i].text for i in idx))


def align(left: Document, right: Document, threshold: float = DEFAULT_THRESHOLD) -> Alignment:
    """Align the paragraphs of two documents (see the module docstring).

    Every paragraph of both documents appears in exactly one pair.
    """
    lw = [scoring_words(p.text) for p in left.paragraphs]
    rw = [scoring_words(p.text) for p in right.paragraphs]
    sim = similarity_matrix(lw, rw)
    groups = [_Group([i], [j], float(sim[i, j])) for i, j in _greedy_matches(sim, threshold)]
    _merge_adjacent(groups, lw, rw, sim, threshold, a_is_left=True)
    _merge_adjacent(groups, rw, lw, sim.T, threshold, a_is_left=False)
    for g in groups:
        g.left.sort()
        g.right.sort()

    same_part = [g for g in groups if _part(left, g.left) == _part(right, g.right)]
    backbone_ids = _heaviest_increasing([(g.left[0], g.right[0], g.score) for g in same_part])
    backbone = {id(same_part[t]) for t in backbone_ids}
    common = _common_words(lw, rw)
    texts = _Texts(left, right, sim, lw, rw, common)
    spine = [same_part[t] for t in backbone_ids]
    for g in _fill_gaps(texts, groups, spine, in_place_bar(threshold), threshold):
        groups.append(g)
        backbone.add(id(g))
    kept = [g for g in groups if id(g) in backbone]
    swapped = _neighbour_swaps(texts, groups, kept, in_place_bar(threshold))
    groups.extend(swapped)
    placed = backbone | {id(g) for g in swapped}
    groups = [
        g
        for g in groups
        if id(g) in placed
        or (
            _telling_move(g, lw, rw, common, threshold)
            and (_part(left, g.left) == _part(right, g.right) or _keeps_its_verb(left, right, g))
        )
    ]

    keyed: list[tuple[tuple[int, int, int], Pair]] = []
    # Where each left paragraph sits in reading order, for placing removed ones.
    anchor: dict[int, int] = {}
    for g in groups:
        kind: PairKind
        if id(g) not in backbone:
            kind = "moved"
        elif _joined_fold(left.paragraphs, g.left) == _joined_fold(right.paragraphs, g.right):
            kind = "identical"
        else:
            kind = "modified"
        score = 100.0 if kind == "identical" else round(min(g.score, 100.0), 1)
        keyed.append(((g.right[0], 0, 0), Pair(tuple(g.left), tuple(g.right), kind, score)))
        if kind != "moved":
            for i in g.left:
                anchor[i] = g.right[0]

    matched_l = {i for g in groups for i in g.left}
    matched_r = {j for g in groups for j in g.right}
    for j in range(len(right.paragraphs)):
        if j not in matched_r:
            keyed.append(((j, 0, 0), Pair((), (j,), "added", 0.0)))
    last = -1
    for i in range(len(left.paragraphs)):
        if i in anchor:
            last = anchor[i]
        elif i not in matched_l:
            keyed.append(((last, 1, i), Pair((i,), (), "removed", 0.0)))
    keyed.sort(key=lambda kp: kp[0])
    return Alignment(pairs=tuple(p for _, p in keyed), threshold=threshold)
