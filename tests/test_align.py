"""Paragraph alignment on the real seed resolutions, against correspondences read by hand.

Each expected pair below was worked out by reading the two resolutions side by
side; the comments say why they correspond.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from reader.core.compare.align import DEFAULT_THRESHOLD, GAP_FACTOR, align
from reader.core.corpus.collection import Corpus
from reader.core.model import Alignment, CompareOptions, Document, Metadata, Pair, Paragraph


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus.bundled()


def labels(doc: Document, idx: Sequence[int]) -> tuple[str, ...]:
    return tuple(doc.paragraphs[i].label for i in idx)


def pair_of(al: Alignment, left: Document, right: Document, left_label: str) -> tuple[tuple[str, ...], str]:
    """(right labels, kind) of the pair holding ``left_label``."""
    i = left.index_of(left_label)
    for p in al.pairs:
        if i in p.left:
            return labels(right, p.right), p.kind
    raise AssertionError(f"{left_label} is in no pair")


def make_doc(doc_id: str, paras: Sequence[tuple[str, str]]) -> Document:
    return Document(
        id=doc_id,
        path=f"{doc_id}.txt",
        metadata=Metadata(symbol=doc_id),
        paragraphs=tuple(Paragraph(label, text) for label, text in paras),
    )


def assert_covers_once(al: Alignment, left: Document, right: Document) -> None:
    lefts = [i for p in al.pairs for i in p.left]
    rights = [j for p in al.pairs for j in p.right]
    assert sorted(lefts) == list(range(len(left.paragraphs)))
    assert sorted(rights) == list(range(len(right.paragraphs)))


def test_default_threshold_is_the_compare_default() -> None:
    assert CompareOptions().threshold == DEFAULT_THRESHOLD


def test_60_212_to_62_209(corpus: Corpus) -> None:
    left, right = corpus.load_ref("60/212"), corpus.load_ref("62/209")
    al = align(left, right)
    assert_covers_once(al, left, right)
    expect = {
        # "Recalling also the 2005 World Summit Outcome," word for word
        "PP2": (("PP3",), "identical"),
        # resolution 59/250: "which, inter alia, called on" -> "in which it, inter alia, urged"
        "PP3": (("PP4",), "modified"),
        "OP1": (("OP1",), "modified"),  # fourteenth -> fifteenth session of the High-level Committee
        "OP2": (("OP2",), "identical"),  # report of the Secretary-General
        "OP3": (("OP3",), "identical"),  # "Stresses that South-South cooperation ..."
        # "Recognizes that ... not as a substitute for but rather as a complement to"
        # -> "Also stresses that ... is not a substitute for, but rather a complement to"
        "OP4": (("OP4",), "modified"),
        "OP5": (("OP6",), "identical"),  # international financial institutions, triangular cooperation
        "OP10": (("OP7",), "modified"),  # initiatives and arrangements, public-private mechanisms
        # "... and in this regard takes note of the initiatives contained in the Havana
        # Programme" became the preambular "Taking note of the initiatives ..."
        "OP12": (("PP6",), "moved"),
        # mobilize additional resources: crosses the Special Unit paragraph (OP15 -> OP8)
        "OP13": (("OP10",), "moved"),
        "OP15": (("OP8",), "modified"),  # strengthen further the Special Unit
        "OP16": (("OP15",), "modified"),  # sixty-second -> sixty-fourth session
    }
    for lab, want in expect.items():
        assert pair_of(al, left, right, lab) == want, lab
    # 60/212 OP14 (renaming the Voluntary Trust Fund) has no counterpart in 62/209,
    # nor 62/209 OP13 (the High-level Conference in Buenos Aires).
    assert pair_of(al, left, right, "OP14") == ((), "removed")
    added = {labels(right, p.right) for p in al.pairs if p.kind == "added"}
    assert ("OP13",) in added and ("OP14",) in added


def test_57_263_to_60_212_preamble_moves_to_operative(corpus: Corpus) -> None:
    left, right = corpus.load_ref("57/263"), corpus.load_ref("60/212")
    al = align(left, right)
    assert_covers_once(al, left, right)
    # "Stressing that South-South cooperation ..." -> OP3 "Stresses that ..."
    assert pair_of(al, left, right, "PP1") == (("OP3",), "moved")
    # "Recognizing that developing countries ..." -> OP4 "Recognizes that ..."
    assert pair_of(al, left, right, "PP2") == (("OP4",), "moved")
    # Takes note of the report of the Secretary-General: kept its place in the operative part
    assert pair_of(al, left, right, "OP1") == (("OP2",), "modified")
    # "Calls upon all relevant United Nations organizations ... mainstream" -> "Urges all ..."
    assert pair_of(al, left, right, "OP9") == (("OP12",), "modified")
    # "Recognizes the need to mobilize additional resources ..."
    assert pair_of(al, left, right, "OP10") == (("OP13",), "modified")
    moved = next(p for p in al.pairs if labels(left, p.left) == ("PP1",))
    assert moved.score >= 95  # only the participle/verb form differs


def test_591_to_620_eclac(corpus: Corpus) -> None:
    left, right = corpus.load_ref("591(XXIX)"), corpus.load_ref("620(XXXI)")
    al = align(left, right)
    assert_covers_once(al, left, right)
    # resolution 583(XXVIII) -> "Recalling also resolution 591(XXIX) ... on cooperation among
    # developing countries and regions"
    assert pair_of(al, left, right, "PP5") == (("PP3",), "modified")
    assert pair_of(al, left, right, "OP1") == (("OP1",), "modified")  # report on ECLAC activities
    # "Reaffirms the importance of technical cooperation among the countries of the region"
    # -> "Reiterates the importance of South-South cooperation among the countries of the region"
    assert pair_of(al, left, right, "OP2") == (("OP3",), "modified")
    assert pair_of(al, left, right, "OP4") == (("OP4",), "modified")  # mechanisms and modalities
    assert pair_of(al, left, right, "OP6") == (("OP7",), "modified")  # requests the Executive Secretary
    # (a) incorporating modalities ... became (ii) after a new (i)
    assert pair_of(al, left, right, "OP6(a)") == (("OP7(ii)",), "modified")
    assert pair_of(al, left, right, "OP6(l)") == ((), "removed")


def test_pairs_follow_the_right_document_and_removed_stay_in_place(corpus: Corpus) -> None:
    left, right = corpus.load_ref("60/212"), corpus.load_ref("62/209")
    al = align(left, right)
    firsts = [p.right[0] for p in al.pairs if p.right]
    assert firsts == sorted(firsts)
    order = [p for p in al.pairs]
    # 60/212 OP6-OP9 were dropped; they come right after OP5's pair (their left predecessor)
    at = next(k for k, p in enumerate(order) if labels(left, p.left) == ("OP5",))
    following = [labels(left, p.left) for p in order[at + 1 : at + 5]]
    assert following == [("OP6",), ("OP7",), ("OP8",), ("OP9",)]
    assert all(p.kind == "removed" for p in order[at + 1 : at + 5])


def test_reversed_direction_is_the_mirror(corpus: Corpus) -> None:
    a, b = corpus.load_ref("57/263"), corpus.load_ref("60/212")
    forward = {(p.left, p.right) for p in align(a, b).pairs if p.left and p.right}
    backward = {(p.right, p.left) for p in align(b, a).pairs if p.left and p.right}
    assert forward == backward


def test_identical_documents_align_one_to_one(corpus: Corpus) -> None:
    doc = corpus.load_ref("620(XXXI)")
    al = align(doc, doc)
    assert [(p.left, p.right, p.kind, p.score) for p in al.pairs] == [
        ((i,), (i,), "identical", 100.0) for i in range(len(doc.paragraphs))
    ]


def test_threshold_bounds_every_match(corpus: Corpus) -> None:
    left, right = corpus.load_ref("60/212"), corpus.load_ref("62/209")
    matched_at = {}
    for threshold in (20.0, 40.0, 70.0, 100.0):
        al = align(left, right, threshold=threshold)
        assert al.threshold == threshold
        assert_covers_once(al, left, right)
        matched = [p for p in al.pairs if p.left and p.right]
        # anchors need the threshold; in-order gap matches the lower GAP_FACTOR bar
        assert all(p.score >= threshold * GAP_FACTOR for p in matched)
        assert all(p.kind == "modified" for p in matched if p.score < threshold)
        matched_at[threshold] = {(p.left, p.right) for p in matched}
    assert len(matched_at[20.0]) >= len(matched_at[40.0]) >= len(matched_at[70.0]) >= len(matched_at[100.0])
    at_100 = {labels(left, lft) for lft, rgt in matched_at[100.0]}
    assert {("PP2",), ("OP2",), ("OP3",), ("OP5",)} <= at_100  # the word-for-word paragraphs
    assert ("OP4",) not in at_100  # 63: rewritten


def test_empty_side() -> None:
    doc = make_doc("a", [("PP1", "Recalling its resolution 58/220 of 23 December 2003,")])
    empty = make_doc("b", [])
    assert align(doc, empty).pairs == (Pair((0,), (), "removed", 0.0),)
    assert align(empty, doc).pairs == (Pair((), (0,), "added", 0.0),)
    assert align(empty, empty).pairs == ()


# Split and merge: 57/263 OP10 as printed, and the same text cut in two the way a
# later draft might ("...in an effective manner;" / "Decides to include the
# latter ...").
OP10_WHOLE = (
    "Recognizes the need to mobilize additional resources for enhancing South-South cooperation "
    "and, in this context, invites all countries, in particular developed countries, to contribute "
    "in support of such cooperation through, inter alia, the Perez-Guerrero Trust Fund for Economic "
    "and Technical Cooperation among Developing Countries and the Voluntary Trust Fund for the "
    "Promotion of South-South Cooperation, bearing in mind the need for these funds to continue to "
    "use such resources in an effective manner, and decides to include the latter in the United "
    "Nations Pledging Conference for Development Activities, as long as it exists;"
)
OP10_FIRST = OP10_WHOLE.split(", and decides")[0] + ";"
OP10_SECOND = (
    "Decides to include the Voluntary Trust Fund for the Promotion of South-South Cooperation in the "
    "United Nations Pledging Conference for Development Activities, as long as it exists;"
)
NEIGHBOURS = [
    (
        "OP9",
        "Calls upon all relevant United Nations organizations and multilateral institutions to intensify "
        "efforts to effectively mainstream the use of South-South cooperation in the design, formulation "
        "and implementation of their regular programmes, and to consider increasing allocations of "
        "human, technical and financial resources for South-South cooperation;",
    ),
    (
        "OP11",
        "Requests the Secretary-General to include in the agenda of the thirteenth session of the "
        "High-level Committee on the Review of Technical Cooperation among Developing Countries, a "
        "special segment to commemorate the twenty-fifth anniversary of the adoption of the Buenos "
        "Aires Plan of Action for Promoting and Implementing Technical Cooperation among Developing "
        "Countries.",
    ),
]


def test_split_paragraph_is_one_pair_with_two_right_labels() -> None:
    old = make_doc("old", [NEIGHBOURS[0], ("OP10", OP10_WHOLE), NEIGHBOURS[1]])
    new = make_doc(
        "new", [NEIGHBOURS[0], ("OP10", OP10_FIRST), ("OP11", OP10_SECOND), ("OP12", NEIGHBOURS[1][1])]
    )
    al = align(old, new)
    assert_covers_once(al, old, new)
    split = [p for p in al.pairs if len(p.right) == 2]
    assert len(split) == 1
    assert split[0].left == (1,) and split[0].right == (1, 2)
    assert split[0].kind == "modified"
    assert [p.kind for p in al.pairs] == ["identical", "modified", "identical"]


def test_merged_paragraphs_are_one_pair_with_two_left_labels() -> None:
    old = make_doc(
        "old", [NEIGHBOURS[0], ("OP10", OP10_FIRST), ("OP11", OP10_SECOND), ("OP12", NEIGHBOURS[1][1])]
    )
    new = make_doc("new", [NEIGHBOURS[0], ("OP10", OP10_WHOLE), NEIGHBOURS[1]])
    al = align(old, new)
    assert_covers_once(al, old, new)
    merged = [p for p in al.pairs if len(p.left) == 2]
    assert [(p.left, p.right) for p in merged] == [((1, 2), (1,))]


def test_unsplit_neighbours_are_not_merged() -> None:
    # Two separate paragraphs that each have their own counterpart stay separate pairs.
    doc = make_doc("a", [NEIGHBOURS[0], ("OP10", OP10_WHOLE), NEIGHBOURS[1]])
    al = align(doc, doc)
    assert all(len(p.left) == 1 and len(p.right) == 1 for p in al.pairs)


def test_identical_text_that_moved_is_moved() -> None:
    a = make_doc("a", [("OP1", OP10_WHOLE), NEIGHBOURS[0], NEIGHBOURS[1]])
    b = make_doc("b", [NEIGHBOURS[0], NEIGHBOURS[1], ("OP3", OP10_WHOLE)])
    al = align(a, b)
    kinds = {labels(a, p.left): p.kind for p in al.pairs}
    assert kinds == {("OP1",): "moved", ("OP9",): "identical", ("OP11",): "identical"}
    assert next(p for p in al.pairs if p.kind == "moved").score == 100.0
