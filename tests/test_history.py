"""A series across years: lineages of the bundled series checked paragraph by paragraph, synthetic
series with known lineages, finding a series in the corpus, and bad input."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import pytest

from benchmarks import synth
from reader.core.compare.diff import new_text, old_text
from reader.core.corpus.collection import Corpus
from reader.core.errors import InputError
from reader.core.history.lineage import link_series
from reader.core.history.model import History
from reader.core.history.order import build_history, order_documents
from reader.core.history.series import citations, find_series
from reader.core.model import Document, Metadata, Paragraph

Row = tuple[str | None, ...]

# Established by reading the three texts (57/263 of 2002, 60/212 of 2005, 62/209 of 2007), one row per
# paragraph's life; None where the paragraph is not in that document.
GA_SERIES: set[Row] = {
    # 2002's preamble went into the operative part in 2005: "Stressing that ... offers viable
    # opportunities" -> "Stresses that ..." (word for word since), and "not as a substitute for but
    # rather as a complement to" PP2 -> OP4, cut down to one sentence in 2007 ("Also stresses that ...").
    ("PP1", "OP3", "OP3"),
    ("PP2", "OP4", "OP4"),
    ("PP3", None, None),  # the Ministerial Declaration of the Group of 77: not recalled again
    ("OP1", "OP2", "OP2"),  # "Takes note of the report of the Secretary-General on ..."
    ("OP2", None, None),
    ("OP3", None, None),
    ("OP4", None, None),
    ("OP5", None, None),
    ("OP6", None, None),
    # Monterrey's call on financial institutions to strengthen triangular cooperation, condensed in
    # 2005 into "Encourages the international community, including the international financial
    # institutions, to support ... through triangular cooperation", kept word for word in 2007.
    ("OP7", "OP5", "OP6"),
    ("OP8", None, None),
    # "intensify efforts to effectively mainstream the use of South-South cooperation": 2005 added
    # "takes note of the initiatives contained in the Havana Programme ..."; 2007 kept only that
    # clause, as a preambular "Taking note of the initiatives ...".
    ("OP9", "OP12", "PP6"),
    ("OP10", "OP13", "OP10"),  # "Recognizes the need to mobilize additional resources ..."
    # The 25th-anniversary segment; 2007's PP1 shares only the Buenos Aires Plan's name with it.
    ("OP11", None, None),
    (None, "PP1", "PP2"),  # "Recalling its resolution(s) ..." at the head of the preamble
    (None, "PP2", "PP3"),  # "Recalling also the 2005 World Summit Outcome"
    (None, "PP3", "PP4"),  # resolution 59/250
    (None, "OP1", "OP1"),  # the High-level Committee's report
    (None, "OP6", None),
    (None, "OP7", None),
    (None, "OP8", None),
    (None, "OP9", None),
    (None, "OP10", "OP7"),  # "initiatives and arrangements, including public-private mechanisms"
    (None, "OP11", None),
    (None, "OP14", None),
    (None, "OP15", "OP8"),  # strengthen further the Special Unit
    (None, "OP16", "OP15"),  # "Decides to include in the provisional agenda ..."
    (None, None, "PP1"),
    (None, None, "PP5"),
    (None, None, "OP5"),
    (None, None, "OP9"),
    (None, None, "OP11"),
    (None, None, "OP12"),
    (None, None, "OP13"),
    (None, None, "OP14"),
}

# ECLAC 591(XXIX) of 2002 and 620(XXXI) of 2006, read the same way.
ECLAC_PAIR: set[Row] = {
    ("PP1", "PP1"),  # the opening recall of the General Assembly's Buenos Aires endorsement, rewritten
    ("PP2", None),
    ("PP3", None),
    ("PP4", None),
    ("PP5", "PP3"),  # "Recalling (its) resolution ... on (technical) cooperation among developing ..."
    ("OP1", "OP1"),  # takes note of the report on the ECLAC system's activities
    (
        "OP2",
        "OP3",
    ),  # "Reaffirms/Reiterates the importance of ... cooperation among the countries of the region"
    ("OP3", None),
    ("OP4", "OP4"),  # support for the Governments' mechanisms and modalities
    ("OP5", None),
    ("OP6", "OP7"),  # "Requests the Executive Secretary ... to take steps/measures to:"
    ("OP6(a)", "OP7(ii)"),  # incorporate the cooperation modalities into the programme of work
    *((f"OP6({x})", None) for x in "bcdefghijkl"),
    *((None, label) for label in ("PP2", "PP4", "PP5", "OP2", "OP5", "OP6", "OP7(i)")),
    *((None, f"OP7({x})") for x in ("iii", "iv", "v")),
}


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus.bundled()


def rows(history: History) -> list[Row]:
    return [tuple("+".join(v.labels) if v else None for v in lin.versions) for lin in history.lineages]


def assert_every_paragraph_once(history: History) -> None:
    for k, doc in enumerate(history.documents):
        owners = [
            n for n, lin in enumerate(history.lineages) if lin.versions[k] for _ in lin.versions[k].paragraphs
        ]
        placed = sorted(p for lin in history.lineages if lin.versions[k] for p in lin.versions[k].paragraphs)
        assert placed == list(range(len(doc.paragraphs))), doc.display_name
        assert len(owners) == len(doc.paragraphs)


def test_ga_series_paragraph_by_paragraph(corpus: Corpus) -> None:
    # Given newest first: the history puts them in date order.
    h = build_history([corpus.document(s) for s in ("62/209", "57/263", "60/212")])
    assert [d.metadata.symbol for d in h.documents] == ["57/263", "60/212", "62/209"]
    got = rows(h)
    assert len(got) == len(set(got))
    assert set(got) == GA_SERIES
    assert_every_paragraph_once(h)
    kinds = {
        row: [v.kind if v else None for v in lin.versions] for row, lin in zip(got, h.lineages, strict=False)
    }
    assert kinds[("PP1", "OP3", "OP3")] == ["origin", "moved", "identical"]
    assert kinds[("PP2", "OP4", "OP4")] == ["origin", "moved", "modified"]
    assert kinds[("OP9", "OP12", "PP6")] == ["origin", "modified", "moved"]
    assert kinds[("OP7", "OP5", "OP6")] == ["origin", "modified", "identical"]
    assert kinds[(None, "PP2", "PP3")] == [None, "origin", "identical"]
    # The phrase the issue follows, across the three texts.
    row = h.lineages[got.index(("PP2", "OP4", "OP4"))]
    assert all("not a" in v.text and "substitute for" in v.text for v in row.present)
    # The last document reads in its own order.
    last = [r[2] for r in got if r[2] is not None]
    assert last == [p.label for p in h.documents[2].paragraphs]


def test_diffs_run_from_the_previous_version(corpus: Corpus) -> None:
    h = build_history([corpus.document(s) for s in ("57/263", "60/212", "62/209")])
    for lin in h.lineages:
        prev = None
        for v in lin.versions:
            if v is None:
                continue
            if v.kind == "origin":
                assert v.diff == () and v.previous is None and v.score == 100.0
            else:
                assert prev is not None and v.previous == prev.document
                assert old_text(v.diff) == prev.text and new_text(v.diff) == v.text
                assert (v.kind == "identical") == (v.score == 100.0 and v.kind != "moved")
            prev = v


def test_eclac_pair_paragraph_by_paragraph(corpus: Corpus) -> None:
    h = build_history([corpus.document("620(XXXI)"), corpus.document("591(XXIX)")])
    assert set(rows(h)) == ECLAC_PAIR
    assert_every_paragraph_once(h)


def partition(history: History) -> set[frozenset[tuple[int, int]]]:
    groups: dict[int, set[tuple[int, int]]] = defaultdict(set)
    for n, lin in enumerate(history.lineages):
        for v in lin.present:
            groups[n].update((v.document, p) for p in v.paragraphs)
    return {frozenset(g) for g in groups.values()}


def truth_partition(s: synth.SynthSeries) -> set[frozenset[tuple[int, int]]]:
    groups: dict[int, set[tuple[int, int]]] = defaultdict(set)
    for k, row in enumerate(s.truth):
        for i, lin in enumerate(row):
            groups[lin].add((k, i))
    return {frozenset(g) for g in groups.values()}


@pytest.mark.parametrize("seed", range(1, 9))
def test_synthetic_series_known_lineages(seed: int) -> None:
    s = synth.series(6, 14, seed)
    assert s.exact
    h = link_series(s.docs)
    assert partition(h) == truth_partition(s)


def test_synthetic_series_hold_restores_and_moves() -> None:
    """The synthetic series exercise what they are meant to: drop-and-restore and preamble -> operative."""
    restored = moved_part = 0
    for seed in range(1, 9):
        s = synth.series(6, 14, seed)
        h = link_series(s.docs)
        for lin in h.lineages:
            restored += lin.restored
            for v in lin.present:
                if v.previous is not None:
                    prev = lin.versions[v.previous]
                    assert prev is not None
                    before = h.documents[v.previous].paragraphs[prev.paragraphs[0]]
                    if before.part != h.documents[v.document].paragraphs[v.paragraphs[0]].part:
                        assert v.kind == "moved"
                        moved_part += 1
    assert restored >= 3
    assert moved_part >= 3


def test_a_dropped_paragraph_restored_later_is_one_lineage() -> None:
    texts = [p.text for p in Corpus.bundled().document("60/212").paragraphs]

    def doc(n: int, picks: list[int]) -> Document:
        paras = tuple(Paragraph(f"OP{i + 1}", texts[j]) for i, j in enumerate(picks))
        return Document(f"d{n}", f"d{n}.txt", Metadata(symbol=f"d{n}", date=f"200{n}-01-01"), paras)

    h = build_history([doc(1, [3, 5, 8, 11]), doc(2, [3, 5, 11]), doc(3, [3, 8, 5, 11]), doc(4, [3, 8])])
    lin = next(lin for lin in h.lineages if lin.first.text == texts[8])
    assert [v.labels if v else None for v in lin.versions] == [("OP3",), None, ("OP2",), ("OP2",)]
    assert lin.restored
    third = lin.versions[2]
    assert third is not None and third.previous == 0 and third.kind == "identical"
    assert len(h.lineages) == 4


def test_split_and_merge_are_named_not_lost() -> None:
    base = Corpus.bundled().document("62/209")
    long = base.paragraphs[base.index_of("OP13")].text
    head, tail = long.split(", in that regard ", 1)
    other = base.paragraphs[base.index_of("OP12")].text
    a = Document(
        "a", "a.txt", Metadata(symbol="a", date="2001"), (Paragraph("OP1", long), Paragraph("OP2", other))
    )
    # 2002: OP1 split in two; 2003: both halves kept apart, the second now before OP2's text.
    b = Document(
        "b", "b.txt", Metadata(symbol="b", date="2002"),
        (Paragraph("OP1", head + ";"), Paragraph("OP2", "In that regard " + tail), Paragraph("OP3", other)),
    )  # fmt: skip
    c = Document(
        "c", "c.txt", Metadata(symbol="c", date="2003"),
        (Paragraph("OP1", "In that regard " + tail), Paragraph("OP2", other), Paragraph("OP3", head + ";")),
    )  # fmt: skip
    h = build_history([a, b, c])
    assert_every_paragraph_once(h)
    split = h.lineages[h.lineage_of(1, 0)]
    assert split.versions[1] is not None and split.versions[1].labels == ("OP1", "OP2")
    halves = {h.lineage_of(2, 0), h.lineage_of(2, 2)}
    assert len(halves) == 2
    sibling = [h.lineages[n].versions[2] for n in halves]
    assert any(v is not None and v.split_from == h.lineage_of(1, 0) for v in sibling)
    # And the other way: two paragraphs joined into one.
    d = Document("d", "d.txt", Metadata(symbol="d", date="2004"), (Paragraph("OP1", long + " " + other),))
    h2 = build_history([a, d])
    joined = h2.lineages[h2.lineage_of(1, 0)].versions[1]
    assert joined is not None and len(joined.merged_from) == 1
    assert h2.lineages[joined.merged_from[0]].versions[1] is None


def test_order_notes_for_undated_and_repeated_documents(corpus: Corpus) -> None:
    a, b = corpus.document("60/212"), corpus.document("62/209")
    draft = replace(b, id="draft", path="draft.txt", metadata=Metadata(title="draft"))
    ordered = order_documents([draft, b, a])  # the same text as 62/209, without its date
    assert [d.id for d in ordered.documents] == ["ga-60-212", "ga-62-209"]
    assert ordered.notes == ("draft has the same text as 62/209; only 62/209 is used.",)
    edited = replace(draft, paragraphs=draft.paragraphs[:-1])
    ordered = order_documents([edited, b, a])
    assert [d.id for d in ordered.documents] == ["ga-60-212", "ga-62-209", "draft"]
    assert any("has no date" in n and "draft" in n for n in ordered.notes)
    undated = [replace(d, metadata=replace(d.metadata, date="")) for d in (b, a)]
    ordered = order_documents(undated)
    assert [d.id for d in ordered.documents] == ["ga-62-209", "ga-60-212"]
    assert any("order given" in n for n in ordered.notes)
    assert any("given twice" in n for n in order_documents([a, b, a]).notes)


@pytest.mark.parametrize("refs", [("60/212",), ("60/212", "60/212"), ()])
def test_fewer_than_two_documents_is_a_clear_error(corpus: Corpus, refs: tuple[str, ...]) -> None:
    with pytest.raises(InputError, match=r"no documents|at least two different documents"):
        build_history([corpus.document(r) for r in refs])


def test_unrelated_documents_are_said_so(corpus: Corpus) -> None:
    gibberish = Document(
        "x", "x.txt", Metadata(symbol="x", date="2010"),
        (Paragraph("PP1", "Mindful of the migratory routes of the Arctic tern,"),
         Paragraph("OP1", "Decides that the tern shall be the emblem of the fishery observers;")),
    )  # fmt: skip
    h = build_history([corpus.document("60/212"), corpus.document("62/209"), gibberish])
    assert any(n.startswith("x shares no paragraph") for n in h.notes)
    h = build_history([corpus.document("60/212"), gibberish])
    assert any("do not look like one series" in n for n in h.notes)
    assert all(len(lin.present) == 1 for lin in h.lineages)


def test_citations_read_from_the_body() -> None:
    doc = Corpus.bundled().document("62/209")
    cited = citations(doc)
    assert cited["60/212"] == "PP2" and cited["57/270b"] == "PP2" and cited["57/263"] == "OP10"
    assert "60/1" not in cited  # a footnote, not the body


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("57/263", ["60/212", "62/209"]),
        ("60/212", ["57/263", "62/209"]),
        ("62/209", ["57/263", "60/212"]),
        ("591(XXIX)", ["620(XXXI)"]),
    ],
)
def test_find_series_in_the_corpus(corpus: Corpus, target: str, expected: list[str]) -> None:
    found = find_series(corpus, corpus.document(target))
    assert [f.document.metadata.symbol for f in found.members] == expected
    assert all(f.reasons for f in found.members)
    assert found.left_out == ()


def test_find_series_leaves_out_a_cited_text_sharing_nothing(corpus: Corpus, tmp_path: Path) -> None:
    import json
    import shutil

    for e in corpus.entries:
        shutil.copy(e.path, tmp_path / e.path.name)
    (tmp_path / "budget.txt").write_text(
        "58/220. Programme budget\n\nThe General Assembly,\n\n"
        "1. Approves the programme budget for the biennium at the level of the revised estimates;\n",
        encoding="utf-8",
    )
    cat = json.loads((corpus.dirs[0] / "catalogue.json").read_text(encoding="utf-8"))
    cat["documents"].append(
        {"id": "b", "path": "budget.txt", "symbol": "58/220", "body": "General Assembly", "title": "Budget"}
    )
    (tmp_path / "catalogue.json").write_text(json.dumps(cat), encoding="utf-8")
    mine = Corpus.load([tmp_path])
    found = find_series(mine, mine.document("60/212"))
    assert [f.document.metadata.symbol for f in found.members] == ["57/263", "62/209"]
    assert [f.document.metadata.symbol for f in found.left_out] == ["58/220"]
    assert "shares no paragraph" in found.left_out[0].reasons[-1]


def test_find_series_survives_unreadable_candidates(corpus: Corpus, tmp_path: Path) -> None:
    """A text that cannot be read never joins: one with the series' title is named as a problem and left
    out by its catalogue facts; one with another title is never opened."""
    import json
    import shutil

    for e in corpus.entries:
        shutil.copy(e.path, tmp_path / e.path.name)
    for name in ("old.txt", "new.txt"):
        (tmp_path / name).write_bytes(b"\x00\x01\x02 not text \xff\xfe" * 50)
    cat = json.loads((corpus.dirs[0] / "catalogue.json").read_text(encoding="utf-8"))
    for name, date, title in (
        ("old.txt", "1990-12-01", "Programme budget"),
        ("new.txt", "2010-12-01", "South-South cooperation"),
    ):
        cat["documents"].append(
            {"id": name[:3], "path": name, "symbol": f"{date[2:4]}/1", "body": "General Assembly",
             "title": title, "date": date}
        )  # fmt: skip
    (tmp_path / "catalogue.json").write_text(json.dumps(cat), encoding="utf-8")
    mine = Corpus.load([tmp_path])
    found = find_series(mine, mine.document("60/212"))
    assert [f.document.metadata.symbol for f in found.members] == ["57/263", "62/209"]
    assert [f.document.metadata.symbol for f in found.left_out] == ["10/1"]
    assert "shares no paragraph" in found.left_out[0].reasons[-1]
    assert len(found.problems) == 1 and "new.txt" in found.problems[0]
