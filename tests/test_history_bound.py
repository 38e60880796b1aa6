"""The look-back for restored paragraphs stays bounded on long series and gives the result of scoring all."""

from __future__ import annotations

import time

import numpy as np
import pytest

from benchmarks import synth
from reader.core.compare.align import scoring_words, similarity_matrix
from reader.core.corpus.collection import Corpus
from reader.core.history.bound import WordIds, reachable
from reader.core.history.model import History
from reader.core.history.order import build_history


@pytest.mark.parametrize("threshold", [20.0, 40.0, 60.0, 80.0])
def test_the_bound_keeps_every_column_a_row_reaches(threshold: float) -> None:
    """Every pair of the seed paragraphs scoring at least the bar is kept (the bound is sound), and
    most unrelated columns are not."""
    paras = [p.text for d in Corpus.bundled().documents() for p in d.paragraphs]
    words = [scoring_words(t) for t in paras]
    ids = WordIds()
    rows, cols = words[::3], words[1::3]
    keep = reachable([ids.of(r) for r in rows], [ids.of(c) for c in cols], threshold)
    reached = (similarity_matrix(rows, cols) >= threshold).any(axis=0)
    assert not (reached & ~keep).any()
    if threshold >= 60:
        assert keep.sum() < len(cols)  # it does leave columns out


def _rows(h: History) -> list[tuple[tuple[str, ...], ...]]:
    return [tuple(() if v is None else v.labels for v in lin.versions) for lin in h.lineages]


def test_a_long_series_links_in_bounded_time() -> None:
    """Issue 20: 20 documents of 80 paragraphs in under 5 s (a real series of hundreds of documents ran
    for 14 minutes in the look-back); restorations are still found."""
    s = synth.series(20, 80, seed=1)
    start = time.perf_counter()
    h = build_history(s.docs)
    assert time.perf_counter() - start < 5.0
    assert sum(1 for lin in h.lineages if lin.restored) > 10
    assert sum(len(v.paragraphs) for lin in h.lineages for v in lin.present) == sum(
        len(d.paragraphs) for d in s.docs
    )


def test_bounded_look_back_equals_scoring_every_pair(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same lineages with the bound as with every column scored."""
    from reader.core.history import lineage

    s = synth.series(12, 30, seed=3)
    fast = _rows(build_history(s.docs))
    monkeypatch.setattr(lineage, "reachable", lambda rows, cols, t: np.ones(len(cols), dtype=bool))
    assert _rows(build_history(s.docs)) == fast
