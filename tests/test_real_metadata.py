"""Metadata of real UN documents, one test per header or closing shape the bodies print.

The files in ``fixtures/real`` are copied unchanged from the real corpus (``../shared/real``),
under their original names. Every expected value was read off the printed text: the symbol as
the reader names it (the General Assembly's and ECOSOC's by their number, as DESIGN.md names
60/212; other bodies' whole, since their numbers collide with the Assembly's), the body, the
title as printed above the opening line, the adoption date and the meeting.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.corpus.collection import Corpus
from reader.core.history.series import find_series
from reader.core.ingest.formats import read_document
from reader.core.ingest.meta import (
    canonical_symbol,
    document_metadata,
    file_name_symbol,
    qualified_symbol,
    year_from_symbol,
)
from reader.core.ingest.parse import load_document, parse_text
from reader.core.model import Document, Metadata

REAL = Path(__file__).parent / "fixtures" / "real"

GA = "General Assembly"
HRC = "Human Rights Council"
ECOSOC = "Economic and Social Council"
SC = "Security Council"


def _doc(name: str) -> Document:
    return load_document(REAL / name)


def _fields(m: Metadata) -> tuple[str, str, str, str, str]:
    return (m.symbol, m.body, m.title, m.date, m.meeting)


# (file, symbol, body, title, date, meeting): what each print states.
SHAPES = [
    # "Resolution adopted by the General Assembly on 16 December 2021" / "76/129.\tTitle" /
    # closing "52nd plenary meeting" and "16 December 2021" on lines of their own
    (
        "A_RES_76_129.txt",
        "76/129",
        GA,
        "International Year of Sustainable Mountain Development, 2022",
        "2021-12-16",
        "52nd plenary meeting",
    ),
    # a title that opens with a year: "77/242.\t2025 United Nations Conference …"
    (
        "A_RES_77_242.txt",
        "77/242",
        GA,
        "2025 United Nations Conference to Support the Implementation of Sustainable Development Goal 14: "
        "Conserve and sustainably use the oceans, seas and marine resources for sustainable development",
        "2022-12-20",
        "56th plenary meeting",
    ),
    # an emergency special session; the adoption line has no date, the closing has it
    (
        "A_RES_ES-10_17.txt",
        "ES-10/17",
        GA,
        "Establishment of the United Nations Register of Damage Caused by the Construction of the Wall "
        "in the Occupied Palestinian Territory",
        "2006-12-15",
        "31st plenary meeting",
    ),
    # a page of a printed volume: the previous resolution's end first, "2994 (XXVII). Title"
    (
        "A_RES_2994(XXVII).txt",
        "2994(XXVII)",
        GA,
        "United Nations Conference on the Human Environment",
        "1972-12-15",
        "2112th plenary meeting",
    ),
    # the first session's volume: the meeting in words, "Sixty-fifth plenary meeting,"
    (
        "A_RES_97(I).txt",
        "97(I)",
        GA,
        "Registration and Publication of Treaties and International Agreements: Regulations to give "
        "effect to Article 102 of the Charter of the United Nations",
        "1946-12-14",
        "Sixty-fifth plenary meeting",
    ),
    # HRC: the adoption line wraps ("… Human Rights Council" / "on 3 April 2024"); closing
    # "53rd meeting" / "3 April 2024" / "[Adopted without a vote.]"
    (
        "A_HRC_RES_55_2.txt",
        "A/HRC/RES/55/2",
        HRC,
        "Mandate of Special Rapporteur on the human right to a clean, healthy and sustainable environment",
        "2024-04-03",
        "53rd meeting",
    ),
    # HRC 2010: the number alone ("14/5"), the title on the next line, no date above
    (
        "A_HRC_RES_14_5.txt",
        "A/HRC/RES/14/5",
        HRC,
        "The role of prevention in the promotion and protection of human rights",
        "2010-06-17",
        "34th meeting",
    ),
    # an HRC special session, adopted by a recorded vote
    (
        "A_HRC_RES_S-30_1.txt",
        "A/HRC/RES/S-30/1",
        HRC,
        "Ensuring respect for international human rights law and international humanitarian law in the "
        "Occupied Palestinian Territory, including East Jerusalem, and in Israel",
        "2021-05-27",
        "2nd meeting",
    ),
    # HRC president's statements: "PRST 15/2" (no title) and "PRST OS/14/2. Title"
    ("A_HRC_PRST_15_2.txt", "A/HRC/PRST/15/2", HRC, "", "2010-10-01", "34th meeting"),
    (
        "A_HRC_PRST_OS_14_2.txt",
        "A/HRC/PRST/OS/14/2",
        HRC,
        "Methods of work of the Consultative Group of the Human Rights Council",
        "2020-12-16",
        "",
    ),
    # ECOSOC: "2015/10.\t2020 World Population …"
    (
        "E_RES_2015_10.txt",
        "2015/10",
        ECOSOC,
        "2020 World Population and Housing Census Programme",
        "2015-06-10",
        "35th plenary meeting",
    ),
    # ECOSOC 1947 volume: "76 (V). Title" / "Resolution of 5 August 1947¹", no meeting line
    (
        "E_RES_76(V).txt",
        "76(V)",
        ECOSOC,
        "Communications concerning the status of women",
        "1947-08-05",
        "",
    ),
    # SC 1998 as issued: "S/RES/1197 (1998)", "RESOLUTION 1197 (1998)", the adoption line wrapped
    ("S_RES_1197(1998).txt", "S/RES/1197 (1998)", SC, "", "1998-09-18", "3928th meeting"),
    # SC 2020, adopted in writing: "Adopted by the Security Council on 30 March 2020", no meeting
    ("S_RES_2518(2020).txt", "S/RES/2518 (2020)", SC, "", "2020-03-30", ""),
    # SC volume 1948: "39 (1948). Resolution of 20 January 1948" … "Adopted at the 230th meeting by 9 votes"
    ("S_RES_39(1948).txt", "S/RES/39 (1948)", SC, "", "1948-01-20", "230th meeting"),
    # SC volume 1991: "Resolution 690 (1991)" / "of 29 April 1991" …
    # "Adopted unanimously at the 2984th meeting"
    ("S_RES_690(1991).txt", "S/RES/690 (1991)", SC, "", "1991-04-29", "2984th meeting"),
    # the Environment Assembly: the body on the first line, "2/10.\tOceans and seas", closing
    (
        "UNEP_EA.2_RES.10.txt",
        "UNEP/EA.2/Res.10",
        "United Nations Environment Assembly",
        "Oceans and seas",
        "2016-05-27",
        "6th plenary meeting",
    ),
    # the closing printed after the annex ("Annex" / "Minamata Convention on Mercury" /
    # "6th plenary meeting" / "27 May 2016"): the only meeting line of the text
    (
        "UNEP_EA.2_RES.18.txt",
        "UNEP/EA.2/Res.18",
        "United Nations Environment Assembly",
        "Relationship between the United Nations Environment Programme and the multilateral "
        "environmental agreements for which it provides the secretariats",
        "2016-05-27",
        "6th plenary meeting",
    ),
    # a meeting resumed on another day: "54th resumed plenary meeting" (also printed "(resumed)")
    (
        "A_RES_76_242.txt",
        "76/242",
        GA,
        "Administration of justice at the United Nations",
        "2021-12-24",
        "54th resumed plenary meeting",
    ),
    # the Habitat Assembly: "Resolution adopted by the United Nations Habitat Assembly on 9 June 2023"
    (
        "HSP_HA.2_Res.1.txt",
        "HSP/HA.2/Res.1",
        "United Nations Habitat Assembly",
        "International guidelines on people-centred smart cities",
        "2023-06-09",
        "",
    ),
]


@pytest.mark.parametrize(
    ("name", "symbol", "body", "title", "date", "meeting"), SHAPES, ids=[s[0] for s in SHAPES]
)
def test_each_real_header_and_closing_shape(
    name: str, symbol: str, body: str, title: str, date: str, meeting: str
) -> None:
    meta = _doc(name).metadata
    assert _fields(meta) == (symbol, body, title, date, meeting)
    assert meta.notes == ""  # the symbol is the text's own, not the file name's


def test_the_closing_date_line_is_no_footnote_and_no_paragraph() -> None:
    """ "16 December 2021" under "52nd plenary meeting" was footnote 16, "December 2021"."""
    for name, date in (("A_RES_76_129.txt", "2021-12-16"), ("A_HRC_RES_55_2.txt", "2024-04-03")):
        doc = _doc(name)
        assert doc.footnotes == ()
        assert doc.metadata.date == date
        last = doc.paragraphs[-1].text
        assert last.endswith(("observance.", "programme of work.")), last
        assert not any("plenary meeting" in p.text or "without a vote" in p.text for p in doc.paragraphs)


def test_a_line_that_opens_with_a_date_is_no_footnote() -> None:
    """S/RES/2118 (2013): "… the Organisation for the Prohibition of Chemical Weapons of" / blank /
    "17 October 2000;" was footnote 17, "October 2000; Strongly urging …"."""
    doc = parse_text(
        "The Security Council,\n\nRecalling paragraph 17 of its resolution 2118 (2013),\n\n"
        "Taking into account the Agreement of\n\n17 October 2000;\n\n"
        "Strongly urging all remaining States to accede,\n\n1. Decides to remain seized of the matter.\n"
    )
    assert doc.footnotes == ()
    assert any("17 October 2000" in p.text for p in doc.paragraphs)


def test_security_council_title_is_never_the_adoption_line() -> None:
    for name in ("S_RES_1197(1998).txt", "S_RES_2518(2020).txt", "S_RES_690(1991).txt"):
        meta = _doc(name).metadata
        assert "Adopted" not in meta.title and "Resolution" not in meta.title
        assert meta.year == int(meta.symbol[-5:-1])


# --- Security Council presidential statements ---------------------------------------------------


@pytest.mark.parametrize(
    ("name", "date", "meeting"),
    [
        # "At the 8463rd meeting of the Security Council, held on 19 February 2019, … the President
        # of the Security Council made the following statement on behalf of the Council:"
        ("S_PRST_2019_1.txt", "2019-02-19", "8463rd meeting"),
        # agreed in writing: "On 4 December 2020, in connection with the Council's consideration …"
        ("S_PRST_2020_11.txt", "2020-12-04", ""),
    ],
)
def test_presidential_statement_metadata_from_its_opening_sentence(
    name: str, date: str, meeting: str
) -> None:
    """The statement prints no symbol: it comes from the file name, said so in ``notes``.

    Read from the text alone (no cover), as the statement's structure is the paragraph
    parser's business: the metadata must not depend on where it puts the opening sentence.
    """
    path = REAL / name
    meta = document_metadata(read_document(path).text, [], "", [], str(path))
    symbol = "S/PRST/" + name[len("S_PRST_") : -len(".txt")].replace("_", "/")
    assert (meta.symbol, meta.body, meta.date, meta.meeting) == (symbol, SC, date, meeting)
    assert meta.notes == "symbol from the file name"


def test_the_adoption_line_names_the_body_over_a_recommended_draft() -> None:
    """ECOSOC 2013/42 recommends a draft to the General Assembly: the draft's opening line is
    the first this text prints with a comma, but ECOSOC adopted it."""
    text = (
        "Resolution adopted by the Economic and Social Council on 25 July 2013\n\n"
        "[on the recommendation of the Commission on Narcotic Drugs (E/2013/28)]\n\n"
        "2013/42.\tUnited Nations Guiding Principles on Alternative Development\n\n"
        "The Economic and Social Council\n\n"
        "Recommends to the General Assembly the adoption of the following draft resolution:\n\n"
        "\u201cThe General Assembly,\n\nRecalling its resolution 66/183,\n\n"
        "1. Takes note of the Guiding Principles;\n\n"
        "47th plenary meeting\n25 July 2013\n"
    )
    meta = parse_text(text).metadata
    assert (meta.symbol, meta.body, meta.date, meta.meeting) == (
        "2013/42",
        ECOSOC,
        "2013-07-25",
        "47th plenary meeting",
    )


def test_resumed_meeting_lines_are_closing_lines() -> None:
    doc = parse_text(
        "74/246. Title\n\nThe General Assembly,\n\nRecalling its resolution 73/1,\n\n"
        "1. Decides to remain seized of the matter.\n\n52nd (resumed) plenary meeting\n\n27 December 2019\n"
    )
    assert (doc.metadata.meeting, doc.metadata.date) == ("52nd (resumed) plenary meeting", "2019-12-27")
    assert [p.text for p in doc.paragraphs][-1] == "Decides to remain seized of the matter."


def test_a_decision_of_the_human_rights_council() -> None:
    text = (
        "Human Rights Council\nFifty-second session\n\nDecision adopted by the Human Rights Council on "
        "4 April 2023\n\n52/115.\tComposition of staff of the Office\n\nThe Human Rights Council,\n\n"
        "1. Decides to continue its consideration of the matter.\n\n56th meeting\n4 April 2023\n"
    )
    meta = parse_text(text).metadata
    assert _fields(meta) == (
        "A/HRC/DEC/52/115",
        HRC,
        "Composition of staff of the Office",
        "2023-04-04",
        "56th meeting",
    )


def test_a_roman_symbol_with_a_part_letter() -> None:
    text = (
        "2200 A (XXI). International Covenant on Economic, Social and Cultural Rights\n\n"
        "The General Assembly,\n\nRecalling its resolution 543 (VI),\n\n1. Adopts the Covenant.\n\n"
        "1496th plenary meeting,\n16 December 1966.\n"
    )
    meta = parse_text(text).metadata
    assert _fields(meta) == (
        "2200A(XXI)",
        GA,
        "International Covenant on Economic, Social and Cultural Rights",
        "1966-12-16",
        "1496th plenary meeting",
    )
    assert meta.session == "Twenty-first session"


def test_a_special_session_symbol_in_the_header() -> None:
    text = "A/RES/S-20/2\n\nThe General Assembly,\n\nRecalling its resolution 55/2,\n\n1. Adopts the text.\n"
    assert parse_text(text).metadata.symbol == "S-20/2"


# What pdftotext makes of the issued documents: the symbol at the right of the first line.
ISSUED_SC = """\
United Nations                                                              S/RES/2674 (2023)
Security Council                                                  Distr.: General
                                                                  13 January 2023

Resolution 2674 (2023)
Adopted by the Security Council at its 9252nd meeting, on
12 January 2023

The Security Council,

Recalling its previous resolutions on the situation,

1. Decides to remain seized of the matter.
"""
ISSUED_PRST = """\
United Nations                                                              S/PRST/2019/8
Security Council                                                  Distr.: General
                                                                  29 August 2019

Statement by the President of the Security Council

At the 8610th meeting of the Security Council, held on 29 August 2019, in connection with the
Council’s consideration of the item entitled “Children and armed conflict”, the President of the
Security Council made the following statement on behalf of the Council:
"""


def test_issued_security_council_documents() -> None:
    for text in (ISSUED_SC, ISSUED_SC.replace("Resolution 2674 (2023)\n", "Resolution 2674 (2023)*\n")):
        meta = parse_text(text).metadata
        assert _fields(meta) == ("S/RES/2674 (2023)", SC, "", "2023-01-12", "9252nd meeting")
    # without the header line, the heading alone states the symbol (reissued: with its asterisk)
    reissued = ISSUED_SC.replace("S/RES/2674 (2023)\n", "\n").replace(
        "Resolution 2674 (2023)\n", "Resolution 2674 (2023)*\n"
    )
    assert parse_text(reissued).metadata.symbol == "S/RES/2674 (2023)"
    joined = ISSUED_PRST.replace("the\nCouncil", "the Council").replace("the\nSecurity", "the Security")
    for text in (ISSUED_PRST, joined):
        meta = document_metadata(text, [], "", [], "statement.txt")
        assert (meta.symbol, meta.body, meta.date, meta.meeting) == (
            "S/PRST/2019/8",
            SC,
            "2019-08-29",
            "8610th meeting",
        )


def test_statement_sentence_needs_its_announcement() -> None:
    """A volume's "At its 1105th meeting, on 20 March 1964, the Council decided …" dates no text."""
    decision = "At its 1105th meeting, on 20 March 1964, the Council decided to postpone the discussion."
    assert document_metadata(decision, [], "", [], "x.txt") == Metadata()


# --- the file name: only a fallback -------------------------------------------------------------


def test_the_text_symbol_wins_over_the_file_name() -> None:
    text = (REAL / "A_RES_76_129.txt").read_text(encoding="utf-8")
    meta = parse_text(text, source="/some/folder/A_RES_1_1.txt").metadata
    assert (meta.symbol, meta.notes) == ("76/129", "")


def test_the_file_name_gives_a_symbol_only_when_the_text_has_none() -> None:
    text = "The General Assembly,\n\nRecalling its resolution 55/2,\n\n1. Decides to act.\n"
    for source, symbol in (
        ("corpus/A_RES_79_9.txt", "79/9"),
        ("S_RES_2674(2023).txt", "S/RES/2674 (2023)"),
        ("A_HRC_RES_52_16.txt", "A/HRC/RES/52/16"),
        ("my draft.txt", ""),  # a name that is no symbol
        ("A_79_733.txt", ""),  # a report's symbol says nothing of a resolution in it
        ("<text>", ""),
    ):
        meta = parse_text(text, source=source).metadata
        assert (meta.symbol, meta.body) == (symbol, GA), source
        assert meta.notes == ("symbol from the file name" if symbol else "")


@pytest.mark.parametrize(
    ("name", "symbol", "body"),
    [
        ("A_RES_76_129.txt", "76/129", GA),
        ("A_RES_S-30_1.txt", "S-30/1", GA),
        ("A_RES_1514(XV).txt", "1514(XV)", GA),
        ("A_RES_118_(II).txt", "118(II)", GA),
        ("E_RES_2015_15.txt", "2015/15", ECOSOC),
        ("E_RES_106_(VI).txt", "106(VI)", ECOSOC),
        ("A_HRC_RES_S-30_1.txt", "A/HRC/RES/S-30/1", HRC),
        ("A_HRC_PRST_OS_12_1.txt", "A/HRC/PRST/OS/12/1", HRC),
        ("S_RES_2674(2023).txt", "S/RES/2674 (2023)", SC),
        ("S_PRST_2019_8.txt", "S/PRST/2019/8", SC),
        ("UNEP_EA.6_RES.1.txt", "UNEP/EA.6/Res.1", "United Nations Environment Assembly"),
        ("HSP_HA.2_Res.1.txt", "HSP/HA.2/Res.1", "United Nations Habitat Assembly"),
        ("S_2024_507.txt", "", ""),
        ("ECE_TRANS_270.txt", "", ""),
    ],
)
def test_file_name_symbols(name: str, symbol: str, body: str) -> None:
    assert file_name_symbol(f"/corpus/{name}") == (symbol, body)


def test_whole_symbols_in_the_reader_form() -> None:
    assert canonical_symbol("S /RES/2577 (2021)") == ("S/RES/2577 (2021)", SC)
    assert canonical_symbol("A/RES/60/212") == ("60/212", GA)
    assert canonical_symbol("E/RES/13 (III)") == ("13(III)", ECOSOC)
    assert canonical_symbol("unep/ea.6/res.1") == ("UNEP/EA.6/Res.1", "United Nations Environment Assembly")
    assert canonical_symbol("A/79/733") == ("", "")
    assert qualified_symbol("52/16", HRC) == "A/HRC/RES/52/16"
    assert qualified_symbol("52/16", GA) == "52/16"
    assert qualified_symbol("52/115", HRC, decision=True) == "A/HRC/DEC/52/115"
    assert qualified_symbol("6/1", "United Nations Environment Assembly") == "UNEP/EA.6/Res.1"
    assert year_from_symbol("S/RES/2674 (2023)") == "2023"
    assert year_from_symbol("S/PRST/2019/8") == "2019"
    assert year_from_symbol("A/HRC/RES/52/16") == ""


def test_a_human_rights_council_series_is_still_found_by_citation(tmp_path: Path) -> None:
    """HRC symbols are whole now (A/HRC/RES/40/1) while the texts cite "resolution 40/1"."""
    shared = "Reaffirming that all human rights are universal, indivisible, interdependent and interrelated,"
    for name, number, title, cites in (
        ("old.txt", "40/1", "Promotion of human rights", "its resolution 37/1"),
        ("new.txt", "43/1", "Something else entirely", "its resolution 40/1"),
    ):
        (tmp_path / name).write_text(
            f"{number}.\t{title}\n\nThe Human Rights Council,\n\nRecalling {cites},\n\n{shared}\n\n"
            "1. Decides to continue its consideration of the matter.\n",
            encoding="utf-8",
        )
    corpus = Corpus.load([tmp_path])
    found = find_series(corpus, corpus.document("A/HRC/RES/43/1"))
    assert [f.document.metadata.symbol for f in found.members] == ["A/HRC/RES/40/1"]
    assert any(r.startswith("cited by") for r in found.members[0].reasons)
