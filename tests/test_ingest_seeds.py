"""Each bundled resolution parsed to what a reader of the printed document sees.

The expectations were written by reading the five documents: how many
preambular, operative and sub-paragraphs each has, which paragraph cites each
footnote, and the exact text of every paragraph that a page break or a
footnote block cuts in two.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.ingest.parse import load_document
from reader.core.model import Document
from reader.core.paths import bundled_corpus_dir

CORPUS = bundled_corpus_dir()


def _doc(name: str) -> Document:
    return load_document(CORPUS / name)


def _text(doc: Document, label: str) -> str:
    return doc.paragraphs[doc.index_of(label)].text


def _labels(pp: int, ops: list[str]) -> list[str]:
    return [f"PP{i}" for i in range(1, pp + 1)] + ops


@pytest.fixture(scope="module")
def ga57() -> Document:
    return _doc("ga-57-263-economic-and-technical-cooperation-2002.txt")


@pytest.fixture(scope="module")
def ga60() -> Document:
    return _doc("ga-60-212-south-south-cooperation-2005.md")


@pytest.fixture(scope="module")
def ga62() -> Document:
    return _doc("ga-62-209-south-south-cooperation-2007.txt")


@pytest.fixture(scope="module")
def ec591() -> Document:
    return _doc("eclac-591-xxix-cooperation-among-developing-countries-2002.txt")


@pytest.fixture(scope="module")
def ec620() -> Document:
    return _doc("eclac-620-xxxi-south-south-cooperation-2006.txt")


# --- 57/263: hard-wrapped, footnote blocks after ____ mid-paragraph ------------------


def test_57_263_structure(ga57: Document) -> None:
    assert [p.label for p in ga57.paragraphs] == _labels(3, [f"OP{i}" for i in range(1, 12)])
    assert [(f.number, f.label) for f in ga57.footnotes] == [
        (1, "PP3"),
        (2, "OP1"),
        (3, "OP2"),
        (4, "OP7"),
        (5, "OP7"),
        (6, "OP8"),
        (7, "OP11"),
    ]


def test_57_263_metadata_is_what_the_text_states(ga57: Document) -> None:
    m = ga57.metadata
    assert (m.body, m.title) == (
        "General Assembly",
        "Economic and technical cooperation among developing countries",
    )
    assert (m.symbol, m.date, m.meeting) == ("", "", "")  # its own number is not printed
    assert ga57.id == "ga-57-263-economic-and-technical-cooperation-2002"


def test_57_263_op10_joined_across_the_footnote_block(ga57: Document) -> None:
    assert _text(ga57, "OP10") == (
        "Recognizes the need to mobilize additional resources for enhancing South-South cooperation and, "
        "in this context, invites all countries, in particular developed countries, to contribute in "
        "support of such cooperation through, inter alia, the Perez-Guerrero Trust Fund for Economic and "
        "Technical Cooperation among Developing Countries and the Voluntary Trust Fund for the Promotion "
        "of South-South Cooperation, bearing in mind the need for these funds to continue to use such "
        "resources in an effective manner, and decides to include the latter in the United Nations "
        "Pledging Conference for Development Activities, as long as it exists;"
    )


def test_57_263_paragraph_after_a_footnote_block(ga57: Document) -> None:
    assert _text(ga57, "OP2").endswith("contained in the United Nations Millennium Declaration;")
    assert _text(ga57, "OP3") == (
        "Encourages developing countries to strengthen their national coordination mechanisms in order "
        "to improve the effectiveness of South-South and triangular cooperation, and in this connection "
        "also encourages other bilateral and multilateral development partners to do the same, "
        "as appropriate;"
    )


def test_57_263_markers_removed_real_numbers_kept(ga57: Document) -> None:
    op8 = ga57.paragraphs[ga57.index_of("OP8")]
    assert op8.text == (
        "Takes note of decision 2002/18 of 27 September 2002, taken by the Executive Board of the United "
        "Nations Development Programme and the United Nations Population Fund, in which the Board decided "
        "to allocate a fixed annual amount of 3.5 million dollars to the Special Unit for Technical "
        "Cooperation among Developing Countries;"
    )
    assert [(m.number, op8.text[: m.offset][-5:]) for m in op8.markers] == [(6, "Fund,")]
    pp3 = _text(ga57, "PP3")
    assert "twenty-sixth annual meeting, held in New York on 19 September 2002, in which" in pp3
    op7 = ga57.paragraphs[ga57.index_of("OP7")]
    assert "Financing for Development on the need" in op7.text
    assert [m.number for m in op7.markers] == [4, 5]
    assert op7.text.endswith("economies in transition;")
    assert _text(ga57, "OP11").endswith("Implementing Technical Cooperation among Developing Countries.")
    assert _text(ga57, "OP1") == (
        "Takes note of the report of the Secretary-General on measures to promote and facilitate "
        "South-South cooperation;"
    )


def test_57_263_line_end_hyphens(ga57: Document) -> None:
    assert "contribution of South-South and triangular cooperation" in _text(ga57, "OP6")
    assert "knowledge-sharing, networking, capacity-building" in _text(ga57, "OP4")


def test_57_263_footnote_texts_joined_over_their_lines(ga57: Document) -> None:
    notes = {f.number: f.text for f in ga57.footnotes}
    assert notes[1] == "A/57/444, annex."
    assert notes[4] == (
        "Report of the International Conference on Financing for Development, Monterrey, Mexico, "
        "18-22 March 2002 (United Nations publication, Sales No. E.02.II.A.7), chap. I, resolution 1, annex."
    )
    assert notes[5] == "Ibid., para. 43."
    assert notes[7] == (
        "Report of the United Nations Conference on Technical Cooperation among Developing Countries, "
        "Buenos Aires, 30 August-12 September 1978 (United Nations publication, Sales No. "
        "E.78.II.A.11 and corrigendum), chap. I."
    )


# --- 60/212: Markdown -----------------------------------------------------------------


def test_60_212_structure_and_metadata(ga60: Document) -> None:
    assert [p.label for p in ga60.paragraphs] == _labels(3, [f"OP{i}" for i in range(1, 17)])
    assert [(f.number, f.label) for f in ga60.footnotes] == [
        (1, "PP2"),
        (2, "OP1"),
        (3, "OP1"),
        (4, "OP2"),
        (5, "OP12"),
        (6, "OP12"),
    ]
    m = ga60.metadata
    assert (m.symbol, m.body, m.title) == ("60/212", "General Assembly", "South-South cooperation")
    assert (m.date, m.session, m.meeting) == ("2005-12-22", "Sixtieth session", "68th plenary meeting")


def test_60_212_op14_joined_across_the_rule_and_footnotes(ga60: Document) -> None:
    assert _text(ga60, "OP14") == (
        "Invites the United Nations Development Programme to rename the Voluntary Trust Fund for the "
        "Promotion of South-South Cooperation, which was established in accordance with General Assembly "
        "resolution 50/119 of 20 December 1995, as the United Nations Fund for South-South Cooperation, "
        "while maintaining its mandate and voluntary nature, and to designate it as the main United "
        "Nations trust fund for promoting and supporting South-South and triangular initiatives;"
    )


def test_60_212_markdown_removed_characters_kept(ga60: Document) -> None:
    assert _text(ga60, "PP1") == "Recalling its resolution 58/220 of 23 December 2003,"
    assert _text(ga60, "PP2") == "Recalling also the 2005 World Summit Outcome,"
    op1 = ga60.paragraphs[ga60.index_of("OP1")]
    assert op1.text == (
        "Welcomes the report of the High-level Committee on South-South Cooperation at its fourteenth "
        "session and the decisions taken at that session;"
    )
    assert [(m.number, op1.text[: m.offset][-8:]) for m in op1.markers] == [(2, " session"), (3, "session;")]
    assert _text(ga60, "OP5").endswith("through triangular cooperation;")
    assert _text(ga60, "OP6").startswith("Recognizes that regional integration initiatives")
    assert "resolution 57/263 of 20 December 2002, to include" in _text(ga60, "OP13")
    assert "the Pérez-Guerrero Trust Fund" in _text(ga60, "OP13")
    assert "a sub-item entitled “South-South cooperation for development”, and" in _text(ga60, "OP16")
    assert _text(ga60, "OP12").endswith(
        "adopted by the first South Summit, the Marrakesh Framework for the Implementation of South-South "
        "Cooperation and the Doha Plan of Action;"
    )
    notes = {f.number: f.text for f in ga60.footnotes}
    assert (
        notes[2] == "Official Records of the General Assembly, Sixtieth Session, Supplement No. 39 (A/60/39)."
    )
    assert notes[3] == "Ibid., chap. I."


# --- 62/209: hard-wrapped, glued markers ---------------------------------------------


def test_62_209_structure_and_metadata(ga62: Document) -> None:
    assert [p.label for p in ga62.paragraphs] == _labels(6, [f"OP{i}" for i in range(1, 16)])
    assert [(f.number, f.label) for f in ga62.footnotes] == [
        (1, "PP1"),
        (2, "PP3"),
        (3, "PP6"),
        (4, "PP6"),
        (5, "PP6"),
        (6, "OP1"),
        (7, "OP2"),
    ]
    m = ga62.metadata
    assert (m.symbol, m.body, m.title) == ("62/209", "General Assembly", "South-South cooperation")
    assert (m.date, m.meeting) == ("2007-12-19", "78th plenary meeting")


def test_62_209_paragraphs_across_footnote_blocks(ga62: Document) -> None:
    assert (
        _text(ga62, "OP2")
        == "Takes note of the report of the Secretary-General on the state of South-South cooperation;"
    )
    assert _text(ga62, "OP11") == (
        "Reaffirms that existing regular resources will continue to fund the activities of the Special "
        "Unit for South-South Cooperation, and encourages the Special Unit to explore and undertake "
        "intensive, innovative and additional resource mobilization initiatives to attract more "
        "resources, both financial and in kind, to supplement regular resources and other funds for "
        "activities involving South-South cooperation;"
    )


def test_62_209_glued_and_spaced_markers(ga62: Document) -> None:
    pp6 = ga62.paragraphs[ga62.index_of("PP6")]
    assert pp6.text == (
        "Taking note of the initiatives contained in the Havana Programme of Action adopted by the first "
        "South Summit, the Marrakesh Framework for the Implementation of South-South Cooperation and the "
        "Doha Plan of Action,"
    )
    assert [(m.number, pp6.text[: m.offset][-7:]) for m in pp6.markers] == [
        (3, "Summit,"),
        (4, "eration"),
        (5, "Action,"),
    ]
    assert _text(ga62, "PP1").endswith("Technical Cooperation among Developing Countries,")
    assert _text(ga62, "PP2") == (
        "Recalling its resolutions 57/270 B of 23 June 2003, 60/212 of 22 December 2005 and other "
        "resolutions relevant to South-South cooperation,"
    )
    op13 = ga62.paragraphs[ga62.index_of("OP13")]
    assert "among Developing Countries, no later than the first half of 2009, and requests" in op13.text
    assert [m.number for m in op13.markers] == [1]  # footnote 1 cited again
    assert "with a view to the Assembly’s taking a decision" in op13.text
    op10 = _text(ga62, "OP10")
    assert "the United Nations Fund for South-South Cooperation and the Pérez-Guerrero" in op10
    assert op10.endswith("in accordance with its resolution 57/263 of 20 December 2002;")
    assert "deepen, intensify and enhance South-South cooperation" in _text(ga62, "OP12")
    notes = {f.number: f.text for f in ga62.footnotes}
    assert notes[1] == (
        "Report of the United Nations Conference on Technical Cooperation among Developing Countries, "
        "Buenos Aires, 30 August–12 September 1978 (United Nations publication, Sales No. E.78.II.A.11 and "
        "corrigendum), chap. I."
    )
    assert notes[7] == "A/62/295."


# --- 591(XXIX): one line per paragraph, cover, glued title, (a)-(l) ------------------------


def test_591_structure_and_metadata(ec591: Document) -> None:
    subs = [f"OP6({x})" for x in "abcdefghijkl"]
    assert [p.label for p in ec591.paragraphs] == _labels(5, [f"OP{i}" for i in range(1, 7)] + subs)
    assert [(f.number, f.label) for f in ec591.footnotes] == [(1, "OP1")]
    assert (
        ec591.footnotes[0].text
        == "Report on the activities of the Commission since April 2000 (LC/G.2160(SES.29/6))."
    )
    m = ec591.metadata
    assert (m.symbol, m.body) == ("591(XXIX)", "ECLAC")
    assert m.title == "Cooperation among developing countries and regions"
    assert m.session == "Twenty-ninth session"  # implied by the symbol
    # "OFFICIAL RECORDS, 2002" under a report period "(7 April 2000 - 10 May 2002)" that ends in 2002:
    # adopted at the twenty-ninth session, which closed the period (May 2002)
    assert m.date == "2002"


def test_591_paragraph_texts(ec591: Document) -> None:
    assert _text(ec591, "PP1").startswith("Recalling the Buenos Aires Plan of Action")
    assert _text(ec591, "OP4") == (
        "Underlines the need to strengthen support for the activities of the Governments of the region "
        "aimed at enhancing and increasing the use of mechanisms and modalities of technical cooperation "
        "among developing countries at the subregional, regional and interregional levels in priority "
        "areas of public economic and social development policy;"
    )
    op1 = ec591.paragraphs[ec591.index_of("OP1")]
    assert (
        '"Report on the activities of the Commission since April 2000," Part II.C, "Cooperation' in op1.text
    )
    assert [m.number for m in op1.markers] == [1]
    assert _text(ec591, "OP5").endswith("held in Monterrey, Mexico, from 18 to 22 March 2002;")
    assert (
        _text(ec591, "OP6")
        == "Requests the Executive Secretary, in accordance with the relevant mandates, to take steps to:"
    )
    assert "programme of work for 2002-2003, especially" in _text(ec591, "OP6(a)")
    assert _text(ec591, "OP6(i)").startswith("Continue to collaborate with the Permanent Secretariat")
    assert _text(ec591, "OP6(l)").endswith("attain adequate systems of social protection.")


# --- 620(XXXI): one line per paragraph, ¹ markers, - (i) sub-paragraphs ----------------------


def test_620_structure_and_metadata(ec620: Document) -> None:
    subs = [f"OP7({x})" for x in ("i", "ii", "iii", "iv", "v")]
    assert [p.label for p in ec620.paragraphs] == _labels(5, [f"OP{i}" for i in range(1, 8)] + subs)
    assert [(f.number, f.label) for f in ec620.footnotes] == [(1, "PP1"), (2, "OP1")]
    assert ec620.footnotes[1].text == "LC/G.2306(SES.31/14)."
    m = ec620.metadata
    assert (m.symbol, m.body, m.title, m.session) == (
        "620(XXXI)",
        "ECLAC",
        "South-South cooperation",
        "Thirty-first session",
    )


def test_620_paragraph_texts(ec620: Document) -> None:
    assert _text(ec620, "OP3") == (
        "Reiterates the importance of South-South cooperation among the countries of the region as a "
        "means of helping to achieve their economic and social development objectives by means of "
        "comparative studies, training seminars and workshops, activities for the exchange of experiences "
        "and good practices, the establishment of networks and development of methodologies based on the "
        "experience accumulated in all of the Commission's areas of expertise;"
    )
    assert "reaffirmation of the validity of the Buenos Aires Plan of Action, and decided" in _text(
        ec620, "PP1"
    )
    op1 = _text(ec620, "OP1")
    assert "during the biennium 2004-2005. Note by the secretariat”, which has been reviewed" in op1
    assert _text(ec620, "OP7") == (
        "Requests the Executive Secretary to take measures, in accordance with the relevant mandates, to:"
    )
    assert _text(ec620, "OP7(ii)").startswith("Strengthen activities aimed at incorporating modalities")
    assert "biennium 2008-2009" in _text(ec620, "OP7(ii)")


# --- all seeds ------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md")), ids=str)
def test_no_markup_or_marker_left_in_any_paragraph(path: Path) -> None:
    doc = load_document(path)
    for p in doc.paragraphs:
        assert p.text == p.text.strip() and "  " not in p.text and "\n" not in p.text
        assert not any(ch in p.text for ch in "*<>#_¹²³\ue000\ue001"), p
        assert p.text[0].isupper(), p
        assert p.text[-1] in ",;:.", p
        for m in p.markers:
            assert 0 < m.offset <= len(p.text)
            assert any(f.number == m.number for f in doc.footnotes)
    cited = [m.number for p in doc.paragraphs for m in p.markers]
    firsts = sorted(set(cited), key=cited.index)
    assert firsts == sorted(firsts) == [f.number for f in doc.footnotes]
