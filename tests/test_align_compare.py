"""compare() and summarize() on a real seed pair: one result object for screen and report."""

from __future__ import annotations

import pytest

from reader.core.compare.comparison import compare
from reader.core.compare.diff import new_text, old_text, side_text
from reader.core.compare.summary import summarize
from reader.core.corpus.collection import Corpus
from reader.core.corpus.trace import trace
from reader.core.model import PAIR_KINDS, CompareOptions, Comparison


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus.bundled()


@pytest.fixture(scope="module")
def comparison(corpus: Corpus) -> Comparison:
    docs = list(corpus.documents())
    return compare(
        corpus.load_ref("60/212"),
        corpus.load_ref("62/209"),
        tracer=lambda phrase: trace(phrase, docs),
    )


def test_every_pair_has_a_lossless_diff(comparison: Comparison) -> None:
    c = comparison
    assert len(c.diffs) == len(c.alignment.pairs)
    for pair, ops in zip(c.alignment.pairs, c.diffs, strict=True):
        assert old_text(ops) == side_text(c.left, pair.left)
        assert new_text(ops) == side_text(c.right, pair.right)
        if pair.kind == "identical":
            assert [t for t, _ in ops] == ["equal"]
        if pair.kind == "added":
            assert [t for t, _ in ops] == ["insert"]
        if pair.kind == "removed":
            assert [t for t, _ in ops] == ["delete"]


def test_options_reach_the_engine(corpus: Corpus) -> None:
    left, right = corpus.load_ref("57/263"), corpus.load_ref("60/212")
    strict = compare(left, right, CompareOptions(threshold=90.0, min_phrase_words=20))
    loose = compare(left, right)
    assert strict.alignment.threshold == 90.0
    assert strict.options.min_phrase_words == 20
    strict_matched = sum(1 for p in strict.alignment.pairs if p.left and p.right)
    loose_matched = sum(1 for p in loose.alignment.pairs if p.left and p.right)
    assert strict_matched < loose_matched
    assert len(strict.shared_phrases) < len(loose.shared_phrases)
    assert all(ph.also_in == () for ph in loose.shared_phrases)  # no tracer, no look-up


def test_summary_counts_and_reused_share(comparison: Comparison) -> None:
    s = summarize(comparison)
    assert list(s.counts) == list(PAIR_KINDS)
    # identical: PP2, OP2, OP3, OP5; moved: OP12->PP6, OP13->OP10 (see test_align)
    assert s.counts == {"identical": 4, "modified": 7, "moved": 2, "added": 8, "removed": 6}
    assert s.left_paragraphs == 19 and s.right_paragraphs == 21
    assert sum(s.counts.values()) == len(comparison.alignment.pairs)
    assert 0.0 < s.reused_share < 1.0
    assert s.reused_share == s.reused_words / s.right_words


def test_reused_share_is_all_for_a_copy_and_none_for_unrelated(corpus: Corpus) -> None:
    doc = corpus.load_ref("62/209")
    assert summarize(compare(doc, doc)).reused_share == 1.0
    first = corpus.load_ref("620(XXXI)")
    some = summarize(compare(first, doc))
    assert some.reused_share < 0.2
