"""The hand-checked alignment of consecutive real resolutions is well formed.

Each file in tests/fixtures/real_alignment/ links the paragraphs of two real
texts (tests/fixtures/real/) as a reader aligned them by hand. These tests check
only that a gold file fits the two texts as the parser reads them: every label
of each side is used exactly once, no link names a label the parser does not
give, and each link is of a known shape. They say nothing about the program's
own alignment.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from reader.core.ingest.parse import load_document

FIXTURES = Path(__file__).parent / "fixtures"
GOLD_DIR = FIXTURES / "real_alignment"
TEXTS = FIXTURES / "real"
GOLD_FILES = sorted(GOLD_DIR.glob("*.json"))
LINK_KEYS = {"left", "right", "note", "doubtful"}
GOLD_KEYS = {"left_file", "right_file", "series", "checked_by", "batch", "links"}


def _labels(name: str) -> list[str]:
    return [p.label for p in load_document(TEXTS / name).paragraphs]


def test_gold_set_has_enough_pairs() -> None:
    names = [json.loads(p.read_text(encoding="utf-8"))["left_file"] for p in GOLD_FILES]
    assert len(names) >= 6
    assert sum(n.startswith("A_HRC_RES_") for n in names) >= 3
    assert sum(n.startswith("A_RES_") for n in names) >= 3


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_uses_every_label_once(gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    left_file, right_file = gold["left_file"], gold["right_file"]
    assert gold_path.stem == f"{Path(left_file).stem}__{Path(right_file).stem}"
    assert set(gold) <= GOLD_KEYS, sorted(set(gold) - GOLD_KEYS)
    assert gold["series"] and gold["checked_by"]
    links = gold["links"]
    for link in links:
        assert set(link) <= LINK_KEYS, link
        assert {"left", "right"} <= set(link), link
        assert link["left"] or link["right"], link
        assert len(link["left"]) == 1 or len(link["right"]) <= 1, f"many-to-many link: {link}"
        if link.get("doubtful"):
            assert link.get("note"), f"a doubtful link says why: {link}"
    for side, name in (("left", left_file), ("right", right_file)):
        labels = _labels(name)
        used = Counter(label for link in links for label in link[side])
        unknown = sorted(set(used) - set(labels))
        assert not unknown, f"{side} labels the parser does not give: {unknown}"
        twice = sorted(label for label, n in used.items() if n > 1)
        assert not twice, f"{side} labels used more than once: {twice}"
        missing = [label for label in labels if label not in used]
        assert not missing, f"{side} labels in no link: {missing}"


def test_the_programs_alignment_of_the_real_pairs_stays_as_good_as_measured() -> None:
    """Precision and recall against the reader's hand alignment (``benchmarks/alignment_eval.py``
    prints them per pair): a change to the aligner must not make them worse than measured."""
    from benchmarks.alignment_eval import evaluate, totals

    precision, recall, false_moves = totals(evaluate())
    assert precision >= 0.99 and recall >= 0.974 and false_moves == 0, (precision, recall, false_moves)


def test_a_move_needs_more_than_the_words_every_paragraph_shares() -> None:
    """HRC 50/19 OP3 ("Calls upon all parties to the conflict to immediately cease ... sexual and
    gender-based violence ... in the Syrian Arab Republic") and 51/26 PP9 ("Welcoming the report of the
    Secretary-General on missing people in the Syrian Arab Republic ...") share only what the whole
    resolution says everywhere; they scored 42 and were reported as a move into the preamble."""
    from reader.core.compare.align import align

    left, right = load_document(TEXTS / "A_HRC_RES_50_19.txt"), load_document(TEXTS / "A_HRC_RES_51_26.txt")
    al = align(left, right)
    op3 = left.index_of("OP3")
    (pair,) = [p for p in al.pairs if op3 in p.left]
    assert pair.right == () and pair.kind == "removed"
    pp4 = right.index_of(
        "PP4"
    )  # "Condemning ... and demanding that the Syrian regime meet its responsibility"
    (moved,) = [p for p in al.pairs if pp4 in p.right]
    assert moved.kind == "moved" and [left.paragraphs[i].label for i in moved.left] == ["OP8"]


def test_a_move_across_the_preamble_keeps_its_verb() -> None:
    """HRC 50/19 OP12 "Reaffirms the need to end impunity ..." and 51/26 PP11 "Welcoming the work of
    the Independent International Commission of Inquiry ..." share the subject (prosecution, crimes,
    international law) but not the provision; "Noting the remarks ..." -> "Notes the unique impact ..."
    (PP17 -> OP10) and "Demands that ..." -> "Condemning ..., and demanding ..." (OP8 -> PP4) did move."""
    from reader.core.compare.align import align

    left, right = load_document(TEXTS / "A_HRC_RES_50_19.txt"), load_document(TEXTS / "A_HRC_RES_51_26.txt")
    al = align(left, right)

    def partner(label: str) -> list[str]:
        i = left.index_of(label)
        (pair,) = [p for p in al.pairs if i in p.left]
        return [right.paragraphs[j].label for j in pair.right]

    assert partner("OP12") != ["PP11"]
    assert partner("PP17") == ["OP10"] and partner("OP8") == ["PP4"]


def test_a_split_or_merge_keeps_each_half_in_the_paragraph_they_form() -> None:
    """HRC 44/19 OP4 ("Urges ... a free, fair and transparent presidential election on 9 August 2020")
    and OP5 ("Expresses continued concern at reported poor conditions in prisons ...") joined scored 50
    against 47/19 OP6 ("Strongly urges ... to fully respect, protect and fulfil all their international
    human rights obligations ..."), whose few words are spread over the two; neither keeps much of its
    own there, so they are no merge. 44/19 PP2 does split into 47/19 PP2 (the recall of resolutions) and
    PP3 (the regret at the lack of cooperation)."""
    from reader.core.compare.align import align

    left, right = load_document(TEXTS / "A_HRC_RES_44_19.txt"), load_document(TEXTS / "A_HRC_RES_47_19.txt")
    al = align(left, right)
    op6 = right.index_of("OP6")
    assert not any(len(p.left) > 1 for p in al.pairs if op6 in p.right)
    pp2 = left.index_of("PP2")
    (split,) = [p for p in al.pairs if pp2 in p.left]
    assert [right.paragraphs[j].label for j in split.right] == ["PP2", "PP3"]


def test_a_reworded_paragraph_that_traded_places_with_its_neighbour_is_a_move() -> None:
    """HRC 40/7 OP24 "Takes note with appreciation of the report of the Special Rapporteur" became 43/11
    OP22 "Expresses its appreciation for the work and contributions of the Special Rapporteur ... and
    takes note of her latest report", now before the paragraph (40/7 OP23 -> 43/11 OP23) it followed:
    38.6, below the threshold, but each is the other's best partner, next to where it was."""
    from reader.core.compare.align import align

    left, right = load_document(TEXTS / "A_HRC_RES_40_7.txt"), load_document(TEXTS / "A_HRC_RES_43_11.txt")
    al = align(left, right)
    op24 = left.index_of("OP24")
    (pair,) = [p for p in al.pairs if op24 in p.left]
    assert [right.paragraphs[j].label for j in pair.right] == ["OP22"] and pair.kind == "moved"


def test_a_paragraph_in_place_shares_more_than_its_opener() -> None:
    """GA 75/245 OP9 ("Recalls paragraph 8 of its resolution 74/255 B, and invites the Commission to
    provide its comments on the review of the jurisdictional setup of the common system") sits between
    the same kept pairs as 76/240 OP11 ("Looks forward to receiving the review of the jurisdictional
    set-up ... as requested in paragraph 8 of its resolution 74/255 B") and OP12 ("Recalls paragraph 57
    of section III of its resolution 70/244, ... and invites the Commission to undertake a comprehensive
    assessment ... of the compensation package"). OP12 scores higher (38) on the opener and the words the
    whole resolution uses, but on the rest only OP11 says the same: it is OP9's partner."""
    from reader.core.compare.align import align

    left, right = load_document(TEXTS / "A_RES_75_245.txt"), load_document(TEXTS / "A_RES_76_240.txt")
    al = align(left, right)
    op9 = left.index_of("OP9")
    (pair,) = [p for p in al.pairs if op9 in p.left]
    assert [right.paragraphs[j].label for j in pair.right] == ["OP11"] and pair.kind == "modified"
    op12 = right.index_of("OP12")
    (added,) = [p for p in al.pairs if op12 in p.right]
    assert added.kind == "added"
