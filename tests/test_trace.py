"""Fuzzy trace of agreed language through the bundled corpus."""

from __future__ import annotations

import re

import pytest

from reader.core.corpus.collection import Corpus
from reader.core.model import Document, TraceHit
from reader.core.search.trace import DEFAULT_TRACE_SCORE, normalize_phrase, score_paragraph, trace
from reader.core.textnorm import words

SUBSTITUTE = "not as a substitute for but rather as a complement to"
WORD = re.compile(r"\w")


@pytest.fixture(scope="module")
def docs() -> list[Document]:
    return list(Corpus.bundled().documents())


def where(hits: list[TraceHit]) -> set[tuple[str, str]]:
    return {(h.symbol, h.label) for h in hits}


def test_substitute_complement_found_in_three_resolutions_only(docs: list[Document]) -> None:
    hits = trace(SUBSTITUTE, docs)
    assert where(hits) == {("57/263", "PP2"), ("60/212", "OP4"), ("62/209", "OP4")}
    by = {(h.symbol, h.label): h for h in hits}
    assert by["57/263", "PP2"].text == SUBSTITUTE
    assert by["60/212", "OP4"].score == 100.0
    # 62/209 words it differently; the hit shows the words as printed there
    variant = by["62/209", "OP4"]
    assert "not a substitute for, but rather a complement to" in variant.text
    assert DEFAULT_TRACE_SCORE <= variant.score < 100.0
    assert hits[-1] is variant  # best first
    assert variant.year == 2007 and variant.doc_id == "ga-62-209"


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        (
            "Buenos Aires Plan of Action for Promoting and Implementing Technical Cooperation among "
            "Developing Countries",
            {("57/263", "OP11"), ("62/209", "PP1"), ("62/209", "OP13"), ("591(XXIX)", "PP1")},
        ),
        # 57/263 OP9 says "to intensify efforts" (no "their"): still the same language
        (
            "intensify their efforts to effectively mainstream the use of South-South cooperation",
            {("60/212", "OP12"), ("620(XXXI)", "PP2"), ("57/263", "OP9")},
        ),
        ("small island developing States", {("62/209", "OP12")}),
        ("Recalling also the 2005 World Summit Outcome", {("60/212", "PP2"), ("62/209", "PP3")}),
        ("climate change adaptation finance", set()),
        ("the primary responsibility for promoting and implementing", {("57/263", "PP2"), ("60/212", "OP4")}),
    ],
)
def test_phrases_found_where_they_are_and_nowhere_else(
    docs: list[Document], phrase: str, expected: set[tuple[str, str]]
) -> None:
    assert where(trace(phrase, docs)) == expected


def test_hits_are_whole_words_of_the_printed_text(docs: list[Document]) -> None:
    by_id = {d.id: d for d in docs}
    hits = trace("the Special Unit for South-South Cooperation", docs)
    assert len(hits) >= 3
    assert len({(h.doc_id, h.paragraph) for h in hits}) == len(hits)  # one hit per paragraph
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    for h in hits:
        text = by_id[h.doc_id].paragraphs[h.paragraph].text
        assert text[h.start : h.end] == h.text
        assert h.start == 0 or not WORD.match(text[h.start - 1])
        assert h.end == len(text) or not WORD.match(text[h.end])
        assert by_id[h.doc_id].paragraphs[h.paragraph].label == h.label


def test_score_paragraph_is_the_scoring_trace_uses(docs: list[Document]) -> None:
    """An index that calls score_paragraph on its candidates gets the same hits."""
    by_id = {d.id: d for d in docs}
    norm = normalize_phrase(SUBSTITUTE)
    for h in trace(SUBSTITUTE, docs):
        para = by_id[h.doc_id].paragraphs[h.paragraph]
        assert score_paragraph(norm, para) == (h.score, h.start, h.end)
        assert score_paragraph(norm, para.text) == (h.score, h.start, h.end)


def test_min_score_widens_and_narrows(docs: list[Document]) -> None:
    assert where(trace(SUBSTITUTE, docs, min_score=99.0)) == {("57/263", "PP2"), ("60/212", "OP4")}
    loose = trace(SUBSTITUTE, docs, min_score=30.0)
    assert len(loose) > 3
    assert all(h.score >= 30.0 for h in loose)


def test_empty_phrase_and_no_documents(docs: list[Document]) -> None:
    assert trace("", docs) == []
    assert trace(" ,;", docs) == []
    assert trace(SUBSTITUTE, []) == []
    assert score_paragraph("", "any text") is None
    assert score_paragraph(normalize_phrase(SUBSTITUTE), "") is None


def test_a_phrase_longer_than_the_paragraph_aligns_with_all_of_it(docs: list[Document]) -> None:
    """The shortcut for a phrase longer than the paragraph gives rapidfuzz's own window.

    Every pair of real paragraphs of the seeds (each one's words against a shorter one's)
    is checked against ``partial_ratio_alignment``, and the scores against the search it skips.
    """
    from rapidfuzz import fuzz

    from reader.core.search import trace as tracing

    texts = sorted({" ".join(words(p.text)) for d in docs for p in d.paragraphs if words(p.text)}, key=len)
    checked = 0
    for shorter, longer in zip(texts[::3], texts[1::3], strict=False):
        if len(longer) <= len(shorter):
            continue
        al = fuzz.partial_ratio_alignment(longer, shorter)
        expected = (al.dest_start, al.dest_end) if al is not None and al.score > 0 else None
        assert tracing._best_window(longer, shorter) == expected
        checked += 1
    assert checked > 20
    assert tracing._best_window("abc def", "xyz") is None  # no character in common: no window
