"""From what a finder found to the result: statuses, sources, the oldest, the diff, phrases, summary.

Shared by the full scan and the corpus index, so both give the same result
from the same facts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from reader.core.compare.diff import word_diff
from reader.core.model import Document
from reader.core.provenance.earlier import Earlier
from reader.core.provenance.finder import DraftWords, Finder, Found, split_key
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


def best_per_document(scored: Sequence[tuple[int, float]]) -> list[tuple[int, float]]:
    """Each document's best paragraph (ties: the first), best first, ties: the older document first."""
    if not scored:
        return []
    keys = np.fromiter((k for k, _ in scored), dtype=np.int64, count=len(scored))
    scores = np.fromiter((s for _, s in scored), dtype=np.float64, count=len(scored))
    age = keys // KEY_BASE
    order = np.lexsort((keys, -scores, age))  # per document: best score, then its first paragraph
    age_o = age[order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = age_o[1:] != age_o[:-1]
    best = order[first]
    best = best[np.lexsort((age[best], -scores[best]))]
    return list(zip(keys[best].tolist(), scores[best].tolist(), strict=True))


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
    per_para = [best_per_document(s) for s in found.scored]
    earliest_keys: list[int | None] = []
    for i, best in enumerate(per_para):
        agreed_keys = [k for k, _ in best if k in found.agreed[i]]
        pool = agreed_keys or [k for k, _ in best]
        earliest_keys.append(min(pool) if pool else None)  # smallest key = oldest document
    shown = [best[:max_sources] if max_sources > 0 else best for best in per_para]
    runs = [telling(found.runs[i], words.words[i]) for i in range(len(words.words))]
    chosen = [choose(runs[i], len(words.words[i])) for i in range(len(words.words))]
    keys = {k for best in shown for k, _ in best} | {k for spans in chosen for _, _, k in spans}
    keys |= {k for k in earliest_keys if k is not None}
    texts = finder.paragraphs(sorted(keys), earlier)
    out: list[ParagraphProvenance] = []
    word_years: Counter[int] = Counter()
    for i, para in enumerate(draft.paragraphs):
        score_of = dict(per_para[i])

        def source(key: int, i: int = i, score_of: dict[int, float] = score_of) -> Source:
            age, idx = split_key(key)
            label, text = texts[key]
            same = key in found.agreed[i]
            return Source(earlier.docs[age], idx, label, text, round(score_of[key], 1), same)

        sources = [source(k) for k, _ in shown[i]]
        ek = earliest_keys[i]
        earliest = (
            None
            if ek is None
            else next((s for s in sources if s.doc is earlier.docs[split_key(ek)[0]]), None)
        )
        if ek is not None and earliest is None:
            earliest = source(ek)
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
                len(per_para[i]),
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
