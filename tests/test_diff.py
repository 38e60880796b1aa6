"""Word-level diff on real aligned paragraphs: whole-word changes, lossless."""

from __future__ import annotations

import itertools
import re

import pytest

from reader.core.compare.diff import new_text, old_text, side_text, word_diff
from reader.core.corpus.collection import Corpus
from reader.core.model import DiffOp

WORD = re.compile(r"\w")


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus.bundled()


def text(corpus: Corpus, ref: str, label: str) -> str:
    doc = corpus.load_ref(ref)
    return doc.paragraphs[doc.index_of(label)].text


def assert_whole_words(a: str, b: str, ops: tuple[DiffOp, ...]) -> None:
    """No change starts or ends inside a word of the text it belongs to."""
    pos = {"old": 0, "new": 0}
    for tag, piece in ops:
        sides = {"equal": ("old", "new"), "delete": ("old",), "insert": ("new",)}[tag]
        for side in sides:
            src = a if side == "old" else b
            start, end = pos[side], pos[side] + len(piece)
            if tag != "equal":
                assert not (start > 0 and WORD.match(src[start - 1]) and WORD.match(src[start])), piece
                assert not (end < len(src) and WORD.match(src[end - 1]) and WORD.match(src[end])), piece
            pos[side] = end


def test_session_number_change_is_one_whole_word(corpus: Corpus) -> None:
    a = text(corpus, "60/212", "OP16")
    b = text(corpus, "62/209", "OP15")
    ops = word_diff(a, b)
    assert old_text(ops) == a and new_text(ops) == b
    assert_whole_words(a, b, ops)
    changes = [(t, s) for t, s in ops if t != "equal"]
    assert changes[:4] == [
        ("delete", "sixty-second"),
        ("insert", "sixty-fourth"),
        ("delete", "a"),
        ("insert", "the"),
    ]
    assert ("delete", "state of South-South cooperation and on the ") in changes


def test_substitute_complement_rewording(corpus: Corpus) -> None:
    a = text(corpus, "60/212", "OP4")
    b = text(corpus, "62/209", "OP4")
    ops = word_diff(a, b)
    assert old_text(ops) == a and new_text(ops) == b
    assert_whole_words(a, b, ops)
    equal = "".join(s for t, s in ops if t == "equal")
    assert "a substitute for" in equal and "a complement to" in equal
    assert ("delete", "as ") in ops  # "rather as a complement" -> "rather a complement"
    # adjacent ops never share a tag, and each changed stretch deletes before it inserts
    assert all(x[0] != y[0] for x, y in itertools.pairwise(ops))
    assert all(not (x[0] == "insert" and y[0] == "delete") for x, y in itertools.pairwise(ops))


@pytest.mark.parametrize(
    ("left", "lab_l", "right", "lab_r"),
    [
        ("57/263", "PP2", "60/212", "OP4"),
        ("57/263", "OP9", "60/212", "OP12"),
        ("591(XXIX)", "OP6(a)", "620(XXXI)", "OP7(ii)"),
        ("60/212", "OP12", "62/209", "PP6"),
    ],
)
def test_real_pairs_lossless_and_whole_words(
    corpus: Corpus, left: str, lab_l: str, right: str, lab_r: str
) -> None:
    a, b = text(corpus, left, lab_l), text(corpus, right, lab_r)
    ops = word_diff(a, b)
    assert old_text(ops) == a
    assert new_text(ops) == b
    assert_whole_words(a, b, ops)
    assert any(t == "equal" for t, _ in ops)


def test_participle_to_verb_is_a_word_change(corpus: Corpus) -> None:
    ops = word_diff(text(corpus, "57/263", "PP1"), text(corpus, "60/212", "OP3"))
    assert ops[:2] == (("delete", "Stressing"), ("insert", "Stresses"))


def test_trivial_cases() -> None:
    assert word_diff("", "") == ()
    assert word_diff("same text", "same text") == (("equal", "same text"),)
    assert word_diff("", "Decides to remain seized of the matter.") == (
        ("insert", "Decides to remain seized of the matter."),
    )
    assert word_diff("Notes with appreciation", "") == (("delete", "Notes with appreciation"),)


def test_side_text_joins_paragraphs_with_one_newline(corpus: Corpus) -> None:
    doc = corpus.load_ref("620(XXXI)")
    i = doc.index_of("OP7(i)")
    assert side_text(doc, [i, i + 1]) == doc.paragraphs[i].text + "\n" + doc.paragraphs[i + 1].text
    assert side_text(doc, []) == ""
