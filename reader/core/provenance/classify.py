"""From what a finder found to the result: statuses, sources, the oldest, the diff, phrases, summary.

Shared by the full scan and the corpus index, so both give the same result
from the same facts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import numpy as np

from reader.core.compare.diff import word_diff
from reader.core.model import Document
from reader.core.provenance.earlier import Earlier
from reader.core.provenance.finder import DraftWords, Finder, Found, Keys, Scores, agreed_key, split_key
from reader.core.provenance.model import (
    ParagraphProvenance,
    PhraseOrigin,
    Provenance,
    Source,
    Status,
    Summary,
)
from reader.core.provenance.phrases import KEY_BASE, choose, oldest_runs, telling
from reader.core.wordcache import cached_tokens


def best_per_document(keys: Keys, scores: Scores) -> tuple[Keys, Scores]:
    """Each document's best paragraph (ties: the first), best first, ties: the older document first."""
    if not len(keys):
        return keys, scores
    age = keys // KEY_BASE
    order = np.lexsort((keys, -scores, age))  # per document: best score, then its first paragraph
    age_o = age[order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = age_o[1:] != age_o[:-1]
    best = order[first]
    best = best[np.lexsort((age[best], -scores[best]))]
    return keys[best], scores[best]


def _same_words_first(keys: Keys, scores: Scores, earliest: int | None) -> tuple[Keys, Scores]:
    """The oldest source with the draft's words moved to the head of its score's ties.

    Sources are best first, ties oldest first; "Stressing that ..." (57/263)
    scores 100 against a draft's "Stresses that ..." as "Stresses that ..."
    (60/212) does, and is older, so it came first: an agreed paragraph was shown
    with a source in other words. Moving the oldest same-words source ahead of
    its ties keeps it in the list however few sources are listed.
    """
    if earliest is None or not len(keys):
        return keys, scores
    at = np.flatnonzero(keys // KEY_BASE == earliest // KEY_BASE)
    if not len(at):
        return keys, scores
    i = int(at[0])
    if int(keys[i]) != earliest:  # its document's first best paragraph has other words: name this one
        keys = keys.copy()
        keys[i] = earliest
    head = int(np.flatnonzero(scores == scores[i])[0])
    if head == i:
        return keys, scores
    order = np.r_[np.arange(head), i, np.arange(head, i), np.arange(i + 1, len(keys))]
    return keys[order], scores[order]


def _agreed_first(keys: Keys, scores: Scores, same: list[bool]) -> tuple[Keys, Scores]:
    """Among sources of equal score, those with the draft's words first (a stable sort: oldest first
    within each), so the first source of an agreed paragraph has its words."""
    if not len(keys):
        return keys, scores
    order = np.lexsort((np.arange(len(keys)), ~np.array(same, dtype=bool), -scores))
    return keys[order], scores[order]


class _SameWords:
    """Which sources have the draft paragraph's words (``agreed_key``), from their texts.

    A finder names the paragraphs that may (``Found.alike``); only the texts
    the result needs are read and compared: those of the listed sources, and
    the oldest ones until the oldest with the same words is found.
    """

    def __init__(self, words: DraftWords, found: Found, finder: Finder, earlier: Earlier) -> None:
        self.mine = [agreed_key(t) for t in words.texts]
        self.alike = found.alike
        self.finder = finder
        self.earlier = earlier
        self.texts: dict[int, tuple[str, str]] = {}
        self._key_of_text: dict[str, str] = {}  # copies of one paragraph abound in a corpus

    def fetch(self, keys: Iterable[int]) -> None:
        need = sorted(set(keys) - self.texts.keys())
        if need:
            self.texts.update(self.finder.paragraphs(need, self.earlier))

    def same(self, i: int, key: int) -> bool:
        alike = self.alike[i]
        at = int(np.searchsorted(alike, key))
        return at < len(alike) and int(alike[at]) == key and self._same_text(i, key)

    def same_all(self, i: int, keys: Keys) -> list[bool]:
        """``same`` for many keys at once."""
        maybe = np.isin(keys, self.alike[i], assume_unique=True).tolist()
        return [m and self._same_text(i, k) for k, m in zip(keys.tolist(), maybe, strict=True)]

    def _same_text(self, i: int, key: int) -> bool:
        text = self.texts[key][1]
        found = self._key_of_text.get(text)
        if found is None:
            found = self._key_of_text[text] = agreed_key(text)
        return found == self.mine[i]

    def earliest(self, best: list[Keys]) -> list[int | None]:
        """Per paragraph, the oldest source (smallest key): the oldest with the same words if any.

        The candidates with the same letters are read oldest first, in growing
        batches for all paragraphs at once, until each paragraph has its answer.
        """
        out: list[int | None] = [int(k.min()) if len(k) else None for k in best]
        queues = {
            i: np.sort(k[np.isin(k, self.alike[i], assume_unique=True)])
            for i, k in enumerate(best)
            if len(k) and len(self.alike[i])
        }
        start, size = 0, 16
        while queues:
            batch = {i: q[start : start + size].tolist() for i, q in queues.items()}
            self.fetch(k for ks in batch.values() for k in ks)
            for i, ks in batch.items():
                hit = next((k for k in ks if self.same(i, k)), None)
                if hit is not None or start + size >= len(queues[i]):
                    if hit is not None:
                        out[i] = hit
                    del queues[i]
            start, size = start + size, size * 2
        return out


def classify(
    draft: Document,
    words: DraftWords,
    earlier: Earlier,
    found: Found,
    finder: Finder,
    min_score: float,
    max_sources: int = 0,
) -> Provenance:
    """The provenance of every draft paragraph (see ``model``).

    ``max_sources`` > 0 lists only that many best sources per paragraph (the
    statuses, the oldest source and the count still consider every one).
    """
    per_para = [best_per_document(k, s) for k, s in zip(found.keys, found.scores, strict=True)]
    runs = [telling(found.runs[i], words.words[i]) for i in range(len(words.words))]
    chosen = [choose(runs[i], len(words.words[i])) for i in range(len(words.words))]
    check = _SameWords(words, found, finder, earlier)
    earliest_keys = check.earliest([k for k, _ in per_para])
    per_para = [_same_words_first(k, s, ek) for (k, s), ek in zip(per_para, earliest_keys, strict=True)]
    shown = [(k[:max_sources], s[:max_sources]) if max_sources > 0 else (k, s) for k, s in per_para]
    check.fetch([*(k for ks, _ in shown for k in ks.tolist()), *(k for spans in chosen for _, _, k in spans)])
    check.fetch(k for k in earliest_keys if k is not None)
    shown = [_agreed_first(ks, ss, check.same_all(i, ks)) for i, (ks, ss) in enumerate(shown)]
    texts = check.texts
    out: list[ParagraphProvenance] = []
    word_years: Counter[int] = Counter()
    for i, para in enumerate(draft.paragraphs):

        def source(key: int, score: float, same: bool) -> Source:
            age, idx = divmod(key, KEY_BASE)
            label, text = texts[key]
            return Source(earlier.docs[age], idx, label, text, round(score, 1), same)

        ks, ss = shown[i]
        sources = [
            source(k, v, same)
            for k, v, same in zip(ks.tolist(), ss.tolist(), check.same_all(i, ks), strict=True)
        ]
        ek = earliest_keys[i]
        earliest = (
            None
            if ek is None
            else next(
                (
                    s
                    for s in sources
                    if s.doc is earlier.docs[split_key(ek)[0]] and s.index == split_key(ek)[1]
                ),
                None,
            )
        )
        if ek is not None and earliest is None:
            all_keys, all_scores = per_para[i]
            earliest = source(ek, float(all_scores[np.flatnonzero(all_keys == ek)[0]]), check.same(i, ek))
        status: Status = (
            "agreed" if earliest is not None and earliest.agreed else "adapted" if sources else "new"
        )
        diff = word_diff(sources[0].text, para.text) if sources else ()
        toks = cached_tokens(para.text)
        phrases: list[PhraseOrigin] = []
        years: list[int | None] = [None] * len(toks)
        if status == "agreed" and earliest is not None:
            years = [earliest.doc.year] * len(toks)
        covered = [status == "agreed"] * len(toks)
        for w, r in enumerate(oldest_runs(runs[i], len(toks))):
            if r < 0:
                continue
            covered[w] = True
            year = earlier.docs[split_key(runs[i][r][2])[0]].year
            held = years[w]
            if year is not None and (held is None or year < held):
                years[w] = year
        for first, end, key in chosen[i]:
            age, _ = split_key(key)
            doc = earlier.docs[age]
            phrases.append(
                PhraseOrigin(toks[first].start, toks[end - 1].end, end - first, doc, texts[key][0])
            )
        word_years.update(y for y in years if y is not None)
        out.append(
            ParagraphProvenance(
                i,
                para.label,
                para.text,
                status,
                tuple(sources),
                earliest,
                diff,
                tuple(phrases),
                len(toks),
                sum(covered),
                len(per_para[i][0]),
            )
        )
    counts = Counter(p.status for p in out)
    summary = Summary(
        agreed=counts["agreed"],
        adapted=counts["adapted"],
        new=counts["new"],
        words=sum(p.words for p in out),
        agreed_words=sum(p.agreed_words for p in out),
        oldest_year=min(word_years) if word_years else None,
        words_by_year=tuple(sorted(word_years.items())),
    )
    return Provenance(draft, tuple(out), summary, min_score, len(earlier.docs), earlier.left_out)
