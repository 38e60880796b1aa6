"""The GUI's Qt-free helpers on real comparisons: marks, scroll map, keyword files, texts."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from reader.core.compare.comparison import compare
from reader.core.compare.summary import summarize
from reader.core.corpus.collection import Corpus
from reader.core.errors import InputError
from reader.core.ingest.parse import load_document
from reader.core.model import CompareOptions
from reader.gui.keyword_store import import_keywords, parse_keywords
from reader.gui.side_marks import insertion_points, side_marks
from reader.gui.sync_scroll import ScrollMap, anchor_in_view, value_for_anchor, value_placing
from reader.gui.texts import pair_text, summary_text


@pytest.fixture(scope="module")
def comparisons():  # type: ignore[no-untyped-def]
    corpus = Corpus.bundled()
    docs = [corpus.document(e) for e in corpus.entries]
    seeds = [compare(a, b, CompareOptions()) for a, b in itertools.permutations(docs, 2)]
    # The seeds hold no true split or merge (their one joined pair, a GA preambular paragraph "merged"
    # from two unrelated ECLAC operative ones, was false): a real split, HRC 47/2 OP2 -> 50/2 OP2 + OP3.
    real = Path(__file__).parent.parent / "fixtures" / "real"
    left, right = load_document(real / "A_HRC_RES_47_2.txt"), load_document(real / "A_HRC_RES_50_2.txt")
    split = compare(left, right, CompareOptions())
    return [*seeds, split]


def test_marks_are_exactly_the_diff_pieces_on_every_seed_pair(comparisons) -> None:  # type: ignore[no-untyped-def]
    """Joined over a pair's paragraphs, the marked characters are the delete/insert pieces."""
    multi = 0
    for c in comparisons:
        for side, tag in (("left", "delete"), ("right", "insert")):
            marks = side_marks(c, side)  # type: ignore[arg-type]
            doc = c.left if side == "left" else c.right
            for k, pair in enumerate(c.alignment.pairs):
                idx = pair.left if side == "left" else pair.right
                if pair.kind not in ("modified", "moved") or not idx:
                    continue
                multi += len(idx) > 1
                want = "".join(t for g, t in c.diffs[k] if g == tag).replace("\n", "")
                got = "".join(
                    doc.paragraphs[i].text[m.start : m.end] for i in idx for m in marks.marks_in(i, tag)
                )
                assert "".join(got.split()) == "".join(want.split())
                for i in idx:
                    assert marks.pair_of[i] == k and marks.kind_of[i] == pair.kind
    assert multi > 0  # split/merge pairs (several paragraphs on one side) are among them


def test_every_paragraph_belongs_to_one_pair(comparisons) -> None:  # type: ignore[no-untyped-def]
    for c in comparisons:
        assert set(side_marks(c, "left").pair_of) == set(range(len(c.left.paragraphs)))
        assert set(side_marks(c, "right").pair_of) == set(range(len(c.right.paragraphs)))
        gaps = insertion_points(c, "right")
        for k, after in gaps.items():
            assert not c.alignment.pairs[k].right and -1 <= after < len(c.right.paragraphs)


def test_scroll_map_is_monotonic_and_inverts() -> None:
    ranges = [((0.0, 10.0), (0.0, 30.0)), ((10.0, 20.0), (5.0, 8.0)), ((20.0, 40.0), (30.0, 60.0))]
    m = ScrollMap.build(ranges, 100.0, 200.0)
    xs = [a for a, _ in m.anchors]
    ys = [b for _, b in m.anchors]
    assert xs == sorted(xs) and ys == sorted(ys) and len(set(xs)) == len(xs)
    assert (10.0, 5.0) not in m.anchors  # would run backwards: left out
    assert m.left_to_right(40.0) == 60.0 and m.right_to_left(60.0) == 40.0
    assert m.left_to_right(25.0) == 45.0  # linear between anchors
    for y in (0.0, 13.0, 55.5, 100.0):
        assert abs(m.right_to_left(m.left_to_right(y)) - y) < 1e-9
    # the anchor line runs from the top of the view to its bottom as the pane scrolls
    assert anchor_in_view(0, 500, 100) == (0.0, 0.0)
    assert anchor_in_view(500, 500, 100) == (600.0, 1.0)
    v = value_for_anchor(300.0, 500, 100)
    a, f = anchor_in_view(v, 500, 100)
    assert abs(a - 300.0) <= 1.5 and value_placing(a, f, 500, 100) == v


def test_keyword_file_errors_are_clear(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="line 2: unknown keyword option 'fuzzzy'"):
        parse_keywords("ok\nbad\tfuzzzy\n", "kw.txt")
    binary = tmp_path / "kw.bin"
    binary.write_bytes(b"\x00\x01\x02")
    with pytest.raises(InputError, match="not a text file"):
        import_keywords(binary)
    with pytest.raises(InputError, match="cannot read"):
        import_keywords(tmp_path / "missing.txt")


def test_status_texts(comparisons) -> None:  # type: ignore[no-untyped-def]
    c = next(
        c for c in comparisons if (c.left.metadata.symbol, c.right.metadata.symbol) == ("60/212", "62/209")
    )
    s = summarize(c)
    text = summary_text(c, s)
    assert (
        text.startswith(f"{len(c.alignment.pairs)} pairs:")
        and f"{s.reused_share * 100:.0f}% of 62/209" in text
    )
    k = c.left.index_of("OP4")
    pair = next(i for i, p in enumerate(c.alignment.pairs) if k in p.left)
    assert pair_text(c, pair).startswith("OP4 \u2194 OP4")
