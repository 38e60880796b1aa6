"""From what a finder found to the result: statuses, sources, the oldest, the diff, phrases, summary.

Shared by the full scan and the corpus index, so both give the same result
from the same facts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from reader.core.compare.diff import word_diff
from reader.core.model import Document
from reader.core.provenance.earlier import Earlier
from reader.core.provenance.finder import DraftWords, Finder, Found, agreed_key, split_key
from reader.core.provenance.model import (
    ParagraphProvenance,
    PhraseOrigin,
    Provenance,
    Source,
    Status,
    Summary,
)
from reader.core.provenance.phrases import choose, oldest_runs, telling
from reader.core.wordcache import cached_tokens


def best_per_document(scored: Sequence[tuple[int, float]]) -> list[tuple[int, float]]:
    """Each document's best paragraph (ties: the first), best first, ties: the older document first."""
    best: dict[int, tuple[int, float]] = {}
    for key, score in scored:
        age = split_key(key)[0]
        held = best.get(age)
        if held is None or score > held[1] or (score == held[1] and key < held[0]):
            best[age] = (key, score)
    return sorted(best.values(), key=lambda ks: (-ks[1], ks[0]))


def classify(
    draft: Document,
    words: DraftWords,
    earlier: Earlier,
    found: Found,
    finder: Finder,
    min_score: float,
) -> Provenance:
    """The provenance of every draft paragraph (see ``model``)."""
    per_para = [best_per_document(s) for s in found.scored]
    runs = [telling(found.runs[i], words.words[i]) for i in range(len(words.words))]
    chosen = [choose(runs[i], len(words.words[i])) for i in range(len(words.words))]
    keys = {k for best in per_para for k, _ in best} | {k for spans in chosen for _, _, k in spans}
    texts = finder.paragraphs(sorted(keys), earlier)
    out: list[ParagraphProvenance] = []
    word_years: Counter[int] = Counter()
    for i, para in enumerate(draft.paragraphs):
        mine = agreed_key(para.text)
        sources: list[Source] = []
        for key, score in per_para[i]:
            age, idx = split_key(key)
            label, text = texts[key]
            same = bool(mine) and agreed_key(text) == mine
            sources.append(Source(earlier.docs[age], idx, label, text, round(score, 1), same))
        agreed = [s for s in sources if s.agreed]
        status: Status = "agreed" if agreed else "adapted" if sources else "new"
        pool = agreed or sources
        earliest = min(pool, key=lambda s: (s.doc.date or "~", s.doc.order)) if pool else None
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
