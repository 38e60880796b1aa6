"""Pages of printed volumes: each complete text of a file is a document of its own.

The files are real (copied from ``../shared/real/un-documents`` into
``tests/fixtures/real_volumes``): a GA volume page that opens with the end of 32/20 and holds
32/21 A and B, 32/40 A and B and the start of 32/41; 1721 (XVI) A–E, whose copy lost the
letters C and D; 77/128 A and B as issued; a page whose first text is the B of a resolution
numbered on an earlier page; an HRC resolution quoting a draft ("“The General Assembly,");
a Security Council volume page; an ECOSOC volume page.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from reader.core.corpus.collection import Corpus
from reader.core.corpus.sync import open_corpus, store_path
from reader.core.errors import InputError
from reader.core.ingest.parse import load_document, load_parts, parse_parts, parse_text
from tests.wordcheck import lost_words

VOLUMES = Path(__file__).parent / "fixtures" / "real_volumes"


def _parts(name: str) -> list:
    path = VOLUMES / name
    return parse_parts(path.read_text(encoding="utf-8"), source=str(path), doc_id=path.stem, name=path.stem)


def test_a_volume_page_is_a_document_per_resolution() -> None:
    docs = _parts("A_RES_32_40.txt")
    assert [d.id for d in docs] == [f"A_RES_32_40#{k}" for k in (1, 2, 3, 4)]
    assert [d.metadata.symbol for d in docs] == ["32/21 A", "32/21 B", "32/40 A", "32/40 B"]
    assert [d.metadata.date for d in docs] == ["1977-11-28", "1977-12-16", "1977-12-02", "1977-12-02"]
    assert [len(d.paragraphs) for d in docs] == [1, 1, 17, 12]
    assert docs[3].metadata.title == "Question of Palestine"  # B takes its group's heading
    assert docs[2].paragraphs[0].text.startswith("Recalling its resolutions 3236 (XXIX)")
    # the end of 32/20 opens the page: set aside in the first text, not glued on
    first = " ".join(a.text for a in docs[0].set_aside if "printed before it" in a.why)
    assert "Condemns Israel’s continued occupation" in first
    assert all("Condemns Israel" not in p.text for d in docs for p in d.paragraphs)
    # the start of 32/41, cut off by the page's end: set aside in the last
    cut = [a for a in docs[3].set_aside if "cut off" in a.why]
    assert len(cut) == 1 and cut[0].text.startswith("32/41. International Conference")
    # each footnote goes to the text citing it
    assert [f.number for f in docs[0].footnotes] == [43]
    assert [f.number for f in docs[1].footnotes] == [44]
    assert [f.label for f in docs[2].footnotes][:2] == ["PP2", "PP3"]


@pytest.mark.parametrize("name", sorted(p.name for p in VOLUMES.glob("*.txt")))
def test_every_word_of_a_volume_page_is_in_exactly_one_part(name: str) -> None:
    text = (VOLUMES / name).read_text(encoding="utf-8")
    docs = _parts(name)
    assert lost_words(text, docs) == {}
    for doc in docs:
        labels = [p.label for p in doc.paragraphs]
        assert len(labels) == len(set(labels))
    # no word twice either: the parts hold what the one-document reading holds, no more
    whole = parse_text(text, source=name)
    assert sum(len(d.paragraphs) for d in docs) >= len(whole.paragraphs)


def test_lost_letters_continue_the_group_and_the_next_resolution_is_cut_off() -> None:
    docs = _parts("A_RES_1721(XVI).txt")
    assert [d.metadata.symbol for d in docs] == [f"1721(XVI) {x}" for x in "ABCDE"]
    title = "International co-operation in the peaceful uses of outer space"
    assert {d.metadata.title for d in docs} == {title}
    assert any("1722 (XVI). Question of disarmament" in a.text for a in docs[-1].set_aside)


def test_lettered_resolutions_issued_together_are_two_documents() -> None:
    docs = _parts("A_RES_77_128_A-B.txt")
    assert [d.metadata.symbol for d in docs] == ["77/128 A", "77/128 B"]
    assert docs[1].metadata.title == "United Nations global communications policies and activities"
    assert [len(d.paragraphs) for d in docs] == [13, 178]


def test_a_text_numbered_on_an_earlier_page_is_set_aside() -> None:
    """The page opens with the end of one resolution and a whole "B" whose number is on the page
    before: neither is named, so both are set aside and 41/213 is the file's one document."""
    docs = _parts("A_RES_41_213.txt")
    assert [d.metadata.symbol for d in docs] == ["41/213"]
    assert docs[0].id == "A_RES_41_213"
    assert any("before" in a.why and "Takes note" in a.text for a in docs[0].set_aside)


def test_a_quoted_draft_is_not_another_resolution() -> None:
    docs = _parts("A_HRC_RES_16_21.txt")
    assert len(docs) == 1 and docs[0].metadata.symbol == "A/HRC/RES/16/21"


def test_security_council_and_ecosoc_volume_pages() -> None:
    sc = _parts("S_RES_425(1978).txt")
    assert [d.metadata.symbol for d in sc] == ["S/RES/425 (1978)", "S/RES/426 (1978)", "S/RES/427 (1978)"]
    assert [d.metadata.date for d in sc] == ["1978-03-19", "1978-03-19", "1978-05-03"]
    ecosoc = _parts("E_RES_1990_52.txt")
    assert [d.metadata.symbol for d in ecosoc] == ["1990/51", "1990/52", "1990/53", "1990/54"]


def test_load_document_picks_a_part_and_load_parts_reads_them_all() -> None:
    path = VOLUMES / "A_RES_32_40.txt"
    assert [d.id for d in load_parts(path)] == [f"A_RES_32_40#{k}" for k in (1, 2, 3, 4)]
    doc = load_document(path, doc_id="A_RES_32_40#2", part=2)
    assert (doc.id, doc.metadata.symbol) == ("A_RES_32_40#2", "32/21 B")
    with pytest.raises(InputError, match="no text 5"):
        load_document(path, part=5)


def test_a_file_given_by_path_says_which_text_it_is_and_file_n_picks_another() -> None:
    corpus = Corpus()
    path = VOLUMES / "A_RES_32_40.txt"
    doc = corpus.load_ref(str(path))
    assert doc.metadata.symbol == "32/40 A"  # the one the file is named for
    assert any("holds 4 texts" in w and "#2 32/21 B" in w for w in doc.warnings)
    assert corpus.load_ref(f"{path}#4").metadata.symbol == "32/40 B"
    with pytest.raises(InputError):
        corpus.load_ref(f"{path}#7")


def test_a_file_of_a_stored_corpus_opened_by_path_is_its_entry_and_no_other_is_made(tmp_path: Path) -> None:
    """``compare FILE FILE`` over a large folder: the files' entries are looked up alone (the
    others are not made), with the same documents and warnings as once every entry is made; a
    file outside the folder is parsed."""
    folder, cache = tmp_path / "corpus", tmp_path / "cache"
    folder.mkdir()
    for name in ("A_RES_32_40.txt", "A_HRC_RES_16_21.txt"):
        shutil.copy(VOLUMES / name, folder / name)
    open_corpus([folder], cache=cache, workers=1)[0].close()
    made, _ = open_corpus([folder], cache=cache, workers=1)
    assert len(made.entries) == 5
    volume, outside = folder / "A_RES_32_40.txt", VOLUMES / "A_RES_77_128_A-B.txt"
    for ref in (str(folder / "A_HRC_RES_16_21.txt"), str(volume), f"{volume}#2", str(outside)):
        fresh, _ = open_corpus([folder], cache=cache, workers=1)
        doc = fresh.load_ref(ref)
        assert fresh._entries is None, ref  # no entry made for it
        assert doc == made.load_ref(ref), ref
        fresh.close()
    whole = made.load_ref(str(volume))
    assert whole.id == "A_RES_32_40#3" and any("holds 4 texts" in w for w in whole.warnings)
    parsed = made.load_ref(str(outside))  # not a corpus entry: parsed
    assert parsed.metadata.symbol == "77/128 A" and not made.holds(parsed.id)
    made.close()


def _rows(folder: Path, cache: Path) -> list[tuple[str, int, str, str]]:
    with sqlite3.connect(store_path([folder], cache)) as conn:
        rows = conn.execute("SELECT path, part, doc_id, symbol FROM files ORDER BY path, part").fetchall()
    return [(Path(p).name, part, doc_id, symbol) for p, part, doc_id, symbol in rows]


def test_the_corpus_holds_each_part_and_follows_the_file(tmp_path: Path) -> None:
    folder, cache = tmp_path / "corpus", tmp_path / "cache"
    folder.mkdir()
    for name in ("A_RES_32_40.txt", "A_RES_77_128_A-B.txt", "A_HRC_RES_16_21.txt"):
        shutil.copy(VOLUMES / name, folder / name)
    corpus, stats = open_corpus([folder], cache=cache, workers=1)
    ids = [e.id for e in corpus.entries]
    assert ids == [
        "A_HRC_RES_16_21",
        *[f"A_RES_32_40#{k}" for k in (1, 2, 3, 4)],
        "A_RES_77_128_A-B#1",
        "A_RES_77_128_A-B#2",
    ]
    assert stats.files == 7
    assert [e.part for e in corpus.entries] == [0, 1, 2, 3, 4, 1, 2]
    # a part is read from the store as parsed, and found by id, symbol and file name
    stored = corpus.document("A_RES_32_40#4")
    assert stored.metadata.symbol == "32/40 B" and len(stored.paragraphs) == 12
    assert corpus.resolve("32/40").id == "A_RES_32_40#3"  # type: ignore[union-attr]
    assert corpus.resolve("32/40 B").id == "A_RES_32_40#4"  # type: ignore[union-attr]
    assert corpus.resolve("A_RES_32_40").id == "A_RES_32_40#3"  # type: ignore[union-attr]
    corpus.close()
    # opened again: the same entries from the saved listing, nothing parsed
    again, stats = open_corpus([folder], cache=cache, workers=1)
    assert [e.id for e in again.entries] == ids and stats.parsed == 0
    assert again.document("A_RES_77_128_A-B#2").metadata.symbol == "77/128 B"
    again.close()
    # the file changes (its B is cut away): all its parts are read again
    text = (folder / "A_RES_77_128_A-B.txt").read_text(encoding="utf-8")
    (folder / "A_RES_77_128_A-B.txt").write_text(text[: text.index("\nB\n")], encoding="utf-8")
    changed, stats = open_corpus([folder], cache=cache, workers=1)
    assert stats.parsed == 1
    assert [e.id for e in changed.entries][-1] == "A_RES_77_128_A-B"
    changed.close()
    assert [r for r in _rows(folder, cache) if r[0].startswith("A_RES_77")] == [
        ("A_RES_77_128_A-B.txt", 0, "A_RES_77_128_A-B", "77/128 A")  # the print's "A" over its text
    ]
    # the volume page goes: every part of it leaves the store
    (folder / "A_RES_32_40.txt").unlink()
    gone, stats = open_corpus([folder], cache=cache, workers=1)
    assert stats.removed == 4  # documents, as SyncStats counts them
    assert [e.id for e in gone.entries] == ["A_HRC_RES_16_21", "A_RES_77_128_A-B"]
    gone.close()
    assert [r[0] for r in _rows(folder, cache)] == ["A_HRC_RES_16_21.txt", "A_RES_77_128_A-B.txt"]


def test_a_corpus_loaded_in_memory_has_the_parts_too(tmp_path: Path) -> None:
    shutil.copy(VOLUMES / "S_RES_425(1978).txt", tmp_path / "S_RES_425(1978).txt")
    corpus = Corpus.load([tmp_path])
    assert [(e.id, e.symbol, e.part) for e in corpus.entries] == [
        ("S_RES_425(1978)#1", "S/RES/425 (1978)", 1),
        ("S_RES_425(1978)#2", "S/RES/426 (1978)", 2),
        ("S_RES_425(1978)#3", "S/RES/427 (1978)", 3),
    ]
    assert corpus.document("S_RES_425(1978)#2").id == "S_RES_425(1978)#2"
    assert corpus.resolve("S/RES/426 (1978)").part == 2  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "symbol", "title"),
    [
        # "48/218.\tReview of …" over "B*": the letter on a line of its own
        ("A_RES_48_218_B.txt", "48/218 B", "Review of the efficiency of the administrative and financial"),
        # the "B*" line glued to the title by the copy; the file's name says B as well
        ("A_RES_57_283_B.txt", "57/283 B", "Pattern of conferences"),
    ],
)
def test_a_lettered_text_issued_alone_carries_its_letter(name: str, symbol: str, title: str) -> None:
    (doc,) = _parts(name)
    assert doc.metadata.symbol == symbol
    assert doc.metadata.title.startswith(title) and not doc.metadata.title.endswith(" B")
    assert load_document(VOLUMES / name).metadata.symbol == symbol  # the file read whole says the same


def test_a_letter_under_another_heading_is_not_the_texts() -> None:
    """The copy lost 45/248's opening comma, so its A and B sit above 45/249's heading: the
    letters belong to 45/248, and 45/249 prints none."""
    docs = _parts("A_RES_45_248.txt")
    assert all(not d.metadata.symbol.endswith((" A", " B")) for d in docs)


def test_old_headings_give_the_symbol_not_the_title() -> None:
    # "2617. (XXIV). Study of …": a full stop between the number and the session
    docs = _parts("A_RES_2617(XXIV).txt")
    assert [d.metadata.symbol for d in docs][:2] == ["2616(XXIV)", "2617(XXIV)"]
    assert docs[1].metadata.title.startswith("Study of the nature of the increases")
    # "77280.\tProgress …": the copy lost the slash; the header's A/RES/77/280 names it
    (doc,) = _parts("A_RES_77_280.txt")
    assert doc.metadata.symbol == "77/280"
    assert doc.metadata.title == "Progress towards an accountability system in the United Nations Secretariat"


def test_an_ocr_session_one_is_read_as_roman() -> None:
    """ "98 (1). Interim Arrangement …": the OCR's "(1)" for "(I)" heads the next resolution."""
    path = Path(__file__).parent / "fixtures" / "real" / "A_RES_97(I).txt"
    docs = load_parts(path)
    assert [d.metadata.symbol for d in docs] == ["97(I)", "98(I)"]
    assert docs[1].metadata.title.startswith("Interim Arrangement on the Privileges and Immunities")
    assert lost_words(path.read_text(encoding="utf-8"), docs) == {}


def test_a_resolution_printed_in_two_files_is_one_document(tmp_path: Path) -> None:
    """3235 (XXIX) is printed after 3234 (XXIX) on that one's page and again in the file named
    for it: the corpus reads it from its own file; the page's copy is set aside, with a warning
    naming the file, so a listing, a trace and a search count it once and no word is lost."""
    from reader.core.search.index import open_updated

    folder, cache = tmp_path / "corpus", tmp_path / "cache"
    folder.mkdir()
    for name in ("A_RES_3234(XXIX).txt", "A_RES_3235(XXIX).txt"):
        shutil.copy(VOLUMES / name, folder / name)
    page = folder / "A_RES_3234(XXIX).txt"
    (doc,) = load_parts(page)
    assert (doc.id, doc.metadata.symbol) == ("A_RES_3234(XXIX)", "3234(XXIX)")
    copy = [a for a in doc.set_aside if a.why.startswith("printed again in A_RES_3235(XXIX).txt")]
    assert len(copy) == 1 and copy[0].text.startswith("3235 (XXIX). Convention on Registration")
    assert any("read from A_RES_3235(XXIX).txt" in w for w in doc.warnings)
    assert lost_words(page.read_text(encoding="utf-8"), [doc]) == {}
    corpus, _ = open_corpus([folder], cache=cache, workers=1)
    symbols = [e.symbol for e in corpus.entries]
    assert symbols.count("3235(XXIX)") == 1 and symbols.count("3234(XXIX)") == 1
    index, _ = open_updated(corpus, cache=cache)
    try:
        hits = index.trace("as a matter of priority the completion of the text of the draft Convention")
    finally:
        index.close()
    assert {h.doc_id for h in hits} == {"A_RES_3235(XXIX)#1"}  # the page of 3234 (XXIX) gives none
    corpus.close()
    # alone, the page is both texts: no other file holds 3235 (XXIX)
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(VOLUMES / "A_RES_3234(XXIX).txt", alone / "A_RES_3234(XXIX).txt")
    assert [d.metadata.symbol for d in load_parts(alone / "A_RES_3234(XXIX).txt")] == [
        "3234(XXIX)",
        "3235(XXIX)",
    ]


def test_a_file_named_for_a_text_that_holds_something_else_does_not_take_it(tmp_path: Path) -> None:
    """S_RES_426(1978).txt of the real folder is the French page of the Council's decisions, not
    resolution 426: the volume page's copy stays a document of its own."""
    for path in (VOLUMES / "S_RES_425(1978).txt", VOLUMES / "not_texts" / "S_RES_426(1978).txt"):
        shutil.copy(path, tmp_path / path.name)
    docs = load_parts(tmp_path / "S_RES_425(1978).txt")
    assert [d.metadata.symbol for d in docs] == ["S/RES/425 (1978)", "S/RES/426 (1978)", "S/RES/427 (1978)"]
