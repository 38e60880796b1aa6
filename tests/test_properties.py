"""Property tests: the engine's contracts hold for any input, not just the seeds.

Documents are generated from the real seed paragraphs, shuffled, duplicated,
edited word by word, cut in two or glued together, so the alignment meets the
situations real drafts produce.
"""

from __future__ import annotations

import itertools
from functools import lru_cache

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.compare.align import align
from reader.core.compare.diff import new_text, old_text, word_diff
from reader.core.compare.phrases import shared_phrases
from reader.core.corpus.collection import Corpus
from reader.core.model import PAIR_KINDS, Document, Metadata, Paragraph
from reader.core.textnorm import words

SETTINGS = settings(deadline=None, max_examples=60)


@lru_cache(maxsize=1)
def seed_paragraphs() -> tuple[str, ...]:
    return tuple(p.text for d in Corpus.bundled().documents() for p in d.paragraphs)


@st.composite
def edited_text(draw: st.DrawFn) -> str:
    pool = seed_paragraphs()
    text = pool[draw(st.integers(0, len(pool) - 1))]
    ws = text.split()
    for _ in range(draw(st.integers(0, 4))):
        if not ws:
            break
        k = draw(st.integers(0, len(ws) - 1))
        op = draw(st.sampled_from(["drop", "insert", "replace", "truncate", "keep"]))
        if op == "drop":
            del ws[k]
        elif op == "insert":
            ws.insert(
                k, draw(st.sampled_from(["further", "also", "inter alia,", "urgently", "Member States"]))
            )
        elif op == "replace":
            ws[k] = draw(st.sampled_from(["Recognizing", "Notes", "programmes", "2009", ";"]))
        elif op == "truncate":
            ws = ws[: max(1, k)]
    return " ".join(ws) or "Decides to remain seized of the matter."


@st.composite
def documents(draw: st.DrawFn, doc_id: str) -> Document:
    texts = draw(st.lists(edited_text(), min_size=0, max_size=14))
    # cut one paragraph in two, or glue two neighbours, as drafts do
    if texts and draw(st.booleans()):
        k = draw(st.integers(0, len(texts) - 1))
        ws = texts[k].split()
        if len(ws) > 6:
            cut = draw(st.integers(3, len(ws) - 3))
            texts[k : k + 1] = [" ".join(ws[:cut]), " ".join(ws[cut:])]
    if len(texts) > 1 and draw(st.booleans()):
        k = draw(st.integers(0, len(texts) - 2))
        texts[k : k + 2] = [texts[k] + " " + texts[k + 1]]
    n_pre = draw(st.integers(0, len(texts)))
    paras = [
        Paragraph(f"PP{i + 1}" if i < n_pre else f"OP{i - n_pre + 1}", text) for i, text in enumerate(texts)
    ]
    return Document(
        id=doc_id, path=f"{doc_id}.txt", metadata=Metadata(symbol=doc_id), paragraphs=tuple(paras)
    )


@st.composite
def document_pairs(draw: st.DrawFn) -> tuple[Document, Document]:
    left = draw(documents("left"))
    if draw(st.booleans()):
        # a revision of the left document: shuffle part of it, edit some, add some
        paras = list(left.paragraphs)
        perm = draw(st.permutations(range(len(paras))))
        keep = draw(st.integers(0, len(paras)))
        kept = [paras[i].text for i in perm[:keep]]
        extra = draw(st.lists(edited_text(), max_size=4))
        texts = kept + extra
        right = Document(
            id="right",
            path="right.txt",
            metadata=Metadata(symbol="right"),
            paragraphs=tuple(Paragraph(f"OP{i + 1}", t) for i, t in enumerate(texts)),
        )
    else:
        right = draw(documents("right"))
    return left, right


@SETTINGS
@given(document_pairs(), st.floats(0.0, 100.0))
def test_alignment_covers_every_paragraph_exactly_once(
    docs: tuple[Document, Document], threshold: float
) -> None:
    left, right = docs
    al = align(left, right, threshold)
    lefts = [i for p in al.pairs for i in p.left]
    rights = [j for p in al.pairs for j in p.right]
    assert sorted(lefts) == list(range(len(left.paragraphs)))
    assert sorted(rights) == list(range(len(right.paragraphs)))
    for p in al.pairs:
        assert p.kind in PAIR_KINDS
        assert 0.0 <= p.score <= 100.0
        assert p.left or p.right
        assert (p.kind == "added") == (not p.left)
        assert (p.kind == "removed") == (not p.right)
        for side in (p.left, p.right):
            assert len(side) <= 2
            if side:  # a split or merge joins neighbours
                assert side == tuple(range(side[0], side[0] + len(side)))
    # reading order follows the right document
    firsts = [p.right[0] for p in al.pairs if p.right]
    assert firsts == sorted(firsts)


@SETTINGS
@given(documents("doc"))
def test_a_document_aligned_with_itself_is_identical(doc: Document) -> None:
    al = align(doc, doc)
    for p in al.pairs:
        assert p.kind in ("identical", "moved")
        assert p.score == 100.0 or p.kind == "moved"
        assert len(p.left) == len(p.right)


@settings(deadline=None, max_examples=300)
@given(st.text(), st.text())
def test_word_diff_reconstructs_arbitrary_text(a: str, b: str) -> None:
    ops = word_diff(a, b)
    assert old_text(ops) == a
    assert new_text(ops) == b
    assert all(piece for _, piece in ops)
    assert all(x[0] != y[0] for x, y in itertools.pairwise(ops))


@SETTINGS
@given(edited_text(), edited_text())
def test_word_diff_reconstructs_edited_paragraphs(a: str, b: str) -> None:
    ops = word_diff(a, b)
    assert old_text(ops) == a and new_text(ops) == b


@SETTINGS
@given(document_pairs())
def test_shared_phrase_spans_are_real_text(docs: tuple[Document, Document]) -> None:
    left, right = docs
    for ph in shared_phrases(left, right):
        first = ph.left[0]
        assert ph.text == left.paragraphs[first.paragraph].text[first.start : first.end]
        for doc, spans in ((left, ph.left), (right, ph.right)):
            assert spans
            for s in spans:
                text = doc.paragraphs[s.paragraph].text
                assert 0 <= s.start < s.end <= len(text)
                assert len(words(text[s.start : s.end])) >= 5
