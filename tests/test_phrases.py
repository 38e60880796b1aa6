"""Shared phrases ("agreed language") between two real resolutions."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from reader.core.compare.phrases import shared_phrases
from reader.core.corpus.collection import Corpus
from reader.core.model import Document, Metadata, Paragraph, SharedPhrase, Span, TraceHit
from reader.core.search.trace import trace
from reader.core.textnorm import words


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus.bundled()


def span_text(doc: Document, span: Span) -> str:
    return doc.paragraphs[span.paragraph].text[span.start : span.end]


def containing(phrases: Sequence[SharedPhrase], left: Document, needle: str) -> list[SharedPhrase]:
    return [ph for ph in phrases if any(needle in span_text(left, s) for s in ph.left)]


def make_doc(doc_id: str, paras: Sequence[tuple[str, str]]) -> Document:
    return Document(
        id=doc_id,
        path=f"{doc_id}.txt",
        metadata=Metadata(symbol=doc_id),
        paragraphs=tuple(Paragraph(label, text) for label, text in paras),
    )


def test_fuzzy_variant_is_one_shared_phrase(corpus: Corpus) -> None:
    left, right = corpus.load_ref("60/212"), corpus.load_ref("62/209")
    phrases = shared_phrases(left, right)
    hits = containing(phrases, left, "not as a substitute for but rather as a complement to")
    assert len(hits) == 1
    ph = hits[0]
    assert [left.paragraphs[s.paragraph].label for s in ph.left] == ["OP4"]
    assert [right.paragraphs[s.paragraph].label for s in ph.right] == ["OP4"]
    right_text = span_text(right, ph.right[0])
    assert "not a substitute for, but rather a complement to" in right_text
    assert ph.text == span_text(left, ph.left[0])
    assert ph.text.endswith("North-South cooperation") and right_text.endswith("North-South cooperation")
    # the two wordings are not also reported as separate shorter phrases
    assert not [p for p in phrases if p is not ph and "substitute" in p.text]


def test_spans_are_original_text_and_long_enough(corpus: Corpus) -> None:
    left, right = corpus.load_ref("57/263"), corpus.load_ref("60/212")
    phrases = shared_phrases(left, right)
    assert phrases
    for ph in phrases:
        assert ph.text == span_text(left, ph.left[0])
        for s in ph.left + ph.right:
            assert 0 <= s.start < s.end
        assert all(len(words(span_text(left, s))) >= 5 for s in ph.left)
        assert all(len(words(span_text(right, s))) >= 5 for s in ph.right)
    order = [(ph.left[0].paragraph, ph.left[0].start) for ph in phrases]
    assert order == sorted(order)
    # the preambular paragraphs that became operative ones share their whole text
    stress = containing(phrases, left, "as an important element of international cooperation")
    assert len(stress) == 1
    assert right.paragraphs[stress[0].right[0].paragraph].label == "OP3"


def test_min_words_is_respected(corpus: Corpus) -> None:
    left, right = corpus.load_ref("591(XXIX)"), corpus.load_ref("620(XXXI)")
    five = shared_phrases(left, right)
    twelve = shared_phrases(left, right, min_words=12)
    assert 0 < len(twelve) < len(five)
    assert all(len(words(ph.text)) >= 12 for ph in twelve)
    assert any("formulation and execution of technical cooperation projects" in ph.text for ph in twelve)


def test_coincidental_small_words_are_not_a_phrase() -> None:
    # 591(XXIX) PP2 and 620(XXXI) OP1 both say "at the ... session of the": not agreed language.
    left = make_doc(
        "a",
        [
            (
                "PP1",
                "Taking into account the decisions adopted at the ninth session of the High-level "
                "Committee on the Review of Technical Cooperation among Developing Countries,",
            )
        ],
    )
    right = make_doc(
        "b",
        [
            (
                "OP1",
                "Takes note of the report on the activities of the ECLAC system, which has been "
                "reviewed at the present session of the Commission;",
            )
        ],
    )
    assert shared_phrases(left, right) == ()


def test_also_in_lists_other_documents_only(corpus: Corpus) -> None:
    docs = list(corpus.documents())
    calls: list[str] = []

    def tracer(phrase: str) -> list[TraceHit]:
        calls.append(phrase)
        return trace(phrase, docs)

    left, right = corpus.load_ref("60/212"), corpus.load_ref("62/209")
    phrases = shared_phrases(left, right, tracer=tracer)
    assert len(calls) == len(phrases)
    for ph in phrases:
        assert all(o.doc_id not in (left.id, right.id) for o in ph.also_in)
    (sub,) = containing(phrases, left, "not as a substitute for")
    assert [(o.symbol, o.label, o.year) for o in sub.also_in] == [("57/263", "PP2", 2002)]
    (summit,) = containing(phrases, left, "2005 World Summit Outcome")
    assert summit.also_in == ()


def test_unrelated_documents_share_nothing() -> None:
    a = make_doc(
        "a", [("OP1", "Welcomes the generous offer of the Government of Argentina to host the Conference;")]
    )
    b = make_doc("b", [("OP1", "Decides to remain actively seized of the matter.")])
    assert shared_phrases(a, b) == ()
    assert shared_phrases(a, make_doc("empty", [])) == ()
