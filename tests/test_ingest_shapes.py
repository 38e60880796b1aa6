"""Resolutions in shapes the seeds do not show: written here by hand, or made from a seed.

Real copies come from PDF exports, Word, old Windows tools and web pages: CRLF,
UTF-16, cp1252, form feeds with running headers and page numbers, numbers
alone on their line, nested sub-paragraphs, footnotes without a rule. The
parser must read them all as the same resolution.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.errors import InputError
from reader.core.ingest.parse import NO_PARAGRAPHS, load_document, parse_text
from reader.core.model import Document, Metadata
from reader.core.paths import bundled_corpus_dir

CORPUS = bundled_corpus_dir()
GA62 = (CORPUS / "ga-62-209-south-south-cooperation-2007.txt").read_text(encoding="utf-8")
GA57 = (CORPUS / "ga-57-263-economic-and-technical-cooperation-2002.txt").read_text(encoding="utf-8")


def _shape(doc: Document) -> tuple[object, ...]:
    """Everything a reader sees, to compare two copies of one resolution."""
    return (
        [(p.label, p.text, p.markers) for p in doc.paragraphs],
        [(f.number, f.text, f.label) for f in doc.footnotes],
        doc.metadata,
    )


def _text(doc: Document, label: str) -> str:
    return doc.paragraphs[doc.index_of(label)].text


# A resolution as pdftotext prints it: cover furniture, running header, job number,
# page number, a footnote block mid-paragraph, numbers alone on their lines, nested
# sub-paragraphs, a soft hyphen split, and the closing pushed to the right.
PDF_EXPORT = """\
                                                        A/RES/61/999
United Nations
General Assembly                         Distr.: General
                                         5 February 2007
Sixty-first session
Agenda item 55 (b)

06-49891
          Resolution adopted by the General Assembly
            [on the report of the Second Committee (A/61/420/Add.2)]

61/999. Cooperation on water resources

The General Assembly,
Recalling its resolution 58/217 of 23 December 2003, by which it
proclaimed the International Decade for Action, “Water for Life”,
2005–2015,1
Deeply concerned that progress towards the goals set out in the
Johannesburg Plan of Implementation2 remains uneven, and recognizing the
need for greater South-South and triangular cooperation,
1.
Welcomes the report of the Secretary-General;3
2.   Calls upon Member States to develop integrated water resources manage-
ment plans, in accordance with national priorities, and to strengthen
cooperation at the regional level, including through:
(a) The exchange of best practices;
(b) Capacity-building for water-management institutions, in particular:
(i) Training of technicians;
(ii) Support for data collection;
(c) Mobilization of resources, amounting to 3.5 million dollars per year
_______________
1 See resolution 58/217.
2 Report of the World Summit on Sustainable Development, Johannesburg, South
Africa, 26 August–4 September 2002 (United Nations publication, Sales No.
E.03.II.A.1 and corrigendum), chap. I, resolution 2, annex.
3 A/61/888.
06-49891
\x0cA/RES/61/999
Page 2

from 2007 to 2015, for the regional centres;
3. Decides to include in the provisional agenda of its sixty-third session the
item entitled “Cooperation on water resources”.

                                                       83rd plenary meeting
                                                          20 December 2006
"""


def test_pdf_export_shape() -> None:
    doc = parse_text(PDF_EXPORT, source="water.txt", doc_id="water")
    assert [p.label for p in doc.paragraphs] == [
        "PP1",
        "PP2",
        "OP1",
        "OP2",
        "OP2(a)",
        "OP2(b)",
        "OP2(b)(i)",
        "OP2(b)(ii)",
        "OP2(c)",
        "OP3",
    ]
    assert doc.metadata == Metadata(
        symbol="61/999",
        body="General Assembly",
        title="Cooperation on water resources",
        date="2006-12-20",
        session="Sixty-first session",
        meeting="83rd plenary meeting",
    )
    assert _text(doc, "PP1") == (
        "Recalling its resolution 58/217 of 23 December 2003, by which it proclaimed the International "
        "Decade for Action, “Water for Life”, 2005–2015,"
    )
    assert _text(doc, "PP2").startswith(
        "Deeply concerned that progress towards the goals set out in the Johannesburg"
    )
    assert "Plan of Implementation remains uneven" in _text(doc, "PP2")
    assert _text(doc, "OP1") == "Welcomes the report of the Secretary-General;"
    assert _text(doc, "OP2").startswith(
        "Calls upon Member States to develop integrated water resources management plans,"
    )
    assert _text(doc, "OP2(b)") == "Capacity-building for water-management institutions, in particular:"
    assert _text(doc, "OP2(c)") == (
        "Mobilization of resources, amounting to 3.5 million dollars per year from 2007 to 2015, "
        "for the regional centres;"
    )
    assert [(f.number, f.label) for f in doc.footnotes] == [(1, "PP1"), (2, "PP2"), (3, "OP1")]
    assert doc.footnotes[1].text == (
        "Report of the World Summit on Sustainable Development, Johannesburg, South Africa, "
        "26 August–4 September 2002 (United Nations publication, Sales No. E.03.II.A.1 and corrigendum), "
        "chap. I, resolution 2, annex."
    )
    assert (doc.id, doc.path) == ("water", "water.txt")


def _page_breaks(text: str, header: list[str]) -> str:
    """62/209 with a new page (form feed + ``header``) before each indented line (a page start)."""
    out: list[str] = []
    for line in text.split("\n"):
        if line.startswith(" ") and out:
            out += ["\f" + header[0], *header[1:], line]
        else:
            out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize(
    "header",
    [
        ["A/RES/62/209", "", "Page 2", ""],
        ["07-47253", "A/RES/62/209"],
        ["- 3 -", ""],
        ["3", "A/RES/62/209", ""],
        ["South-South cooperation", "", "A/RES/62/209"],
    ],
    ids=["symbol+page", "job-number", "dashed-page", "lone-number", "repeated-title"],
)
def test_running_headers_and_page_numbers_are_not_text(header: list[str]) -> None:
    assert _shape(parse_text(_page_breaks(GA62, header))) == _shape(parse_text(GA62))


def test_page_break_inside_a_paragraph_without_footnotes() -> None:
    lines = GA62.split("\n")
    cut = lines.index("Conference on South-South Cooperation on the occasion of the thirtieth anniversary")
    broken = "\n".join([*lines[:cut], "", "2", "\f07-47253", "A/RES/62/209", "Page 4", "", *lines[cut:]])
    doc = parse_text(broken)
    assert _shape(doc) == _shape(parse_text(GA62))
    assert "to convene a High-level United Nations Conference on South-South Cooperation on the occasion" in (
        _text(doc, "OP13")
    )


@pytest.mark.parametrize(
    "make",
    [
        lambda t: t.replace("\n", "\r\n"),
        lambda t: t.replace("\n", "\r"),
        lambda t: "\n".join(line for line in t.split("\n") if line.strip()),  # no blank lines at all
        lambda t: re.sub(r"^ ?(\d{1,2})\. ", r"\1.\n", t, flags=re.M),  # number alone on its line
        lambda t: re.sub(r"^ ?(\d{1,2})\. ", r"\1.\n\n", t, flags=re.M),
        lambda t: re.sub(r"^ ?(\d{1,2})\. ", r"\1.\t", t, flags=re.M),
        lambda t: re.sub(r"^(?=[A-Z])", "    ", t, flags=re.M),  # every paragraph indented
        lambda t: t.replace("\n\n", "\n\n\n"),
    ],
    ids=[
        "crlf",
        "cr",
        "no-blank-lines",
        "number-alone",
        "number-alone-blank",
        "tab",
        "indented",
        "double-blank",
    ],
)
@pytest.mark.parametrize("seed", [GA62, GA57], ids=["62-209", "57-263"])
def test_layout_variants_read_the_same(seed: str, make: object) -> None:
    assert callable(make)
    assert _shape(parse_text(make(seed))) == _shape(parse_text(seed))


SMALL = (
    "60/999. Water\n\nThe General Assembly,\n\nRecalling the “Water for Life” Decade and the Pérez-Guerrero "
    "Trust Fund,\n\n1. Welcomes the café-style dialogues;\n\n2. Decides to remain seized of the matter.\n"
)


@pytest.mark.parametrize(
    "data",
    [
        SMALL.replace("\n", "\r\n").encode("utf-8-sig"),
        codecs.BOM_UTF16_LE + SMALL.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + SMALL.replace("\n", "\r\n").encode("utf-16-be"),
        SMALL.encode("utf-16-le"),
        SMALL.replace("\n", "\r\n").encode("cp1252"),
    ],
    ids=["utf8-bom-crlf", "utf16le", "utf16be-crlf", "utf16-no-bom", "cp1252"],
)
def test_files_in_other_encodings(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "water.txt"
    path.write_bytes(data)
    doc = load_document(path)
    assert doc.id == "water"
    assert [p.label for p in doc.paragraphs] == ["PP1", "OP1", "OP2"]
    assert _text(doc, "PP1") == "Recalling the “Water for Life” Decade and the Pérez-Guerrero Trust Fund,"
    assert _text(doc, "OP1") == "Welcomes the café-style dialogues;"
    assert (doc.metadata.symbol, doc.metadata.title) == ("60/999", "Water")


def test_markdown_variants() -> None:
    text = (
        "## 61/5. **Sport** for peace\n\n*The General Assembly*,\n\n"
        "*Recalling* its resolution 58/5,¹\n\n"
        "**1\\.** *Invites* Member States to act;<sup>2</sup>\n\n"
        "2\\. *Requests* a report:\n\n"
        "* (a) On progress;\n"
        "* (b) On obstacles.\n\n"
        "---\n\n¹ A/58/L.5.\n\n<sup>2</sup> *Ibid.*\n"
    )
    doc = parse_text(text)
    assert [(p.label, p.text) for p in doc.paragraphs] == [
        ("PP1", "Recalling its resolution 58/5,"),
        ("OP1", "Invites Member States to act;"),
        ("OP2", "Requests a report:"),
        ("OP2(a)", "On progress;"),
        ("OP2(b)", "On obstacles."),
    ]
    assert [(f.number, f.text, f.label) for f in doc.footnotes] == [
        (1, "A/58/L.5.", "PP1"),
        (2, "Ibid.", "OP1"),
    ]
    assert (doc.metadata.symbol, doc.metadata.title) == ("61/5", "Sport for peace")


def test_markers_never_touch_real_numbers() -> None:
    text = (
        "The General Assembly,\n\n"
        "Having considered the report of the Secretary-General (A/61/420/Add.1) and the\n"
        "Declaration adopted in 2004-2005 by the Group of 77, in paragraphs 1, 2 and 3 of\n"
        "which 3.5 million dollars were pledged (Sales No. E.78.II.A.1), from 18 to 22 March\n"
        "2002, in resolution 57/263 of 20 December 2002 and in the Declaration;1\n\n"
        "1. Calls for the develop-\nment of capacity-\nbuilding and self-\nreliance in South-\n"
        "South cooperation, as set out in chapter\n1 of the report;\n\n"
        "_____\n1 A/61/100.\n"
    )
    doc = parse_text(text)
    pp1 = doc.paragraphs[0]
    assert pp1.text == (
        "Having considered the report of the Secretary-General (A/61/420/Add.1) and the Declaration "
        "adopted in 2004-2005 by the Group of 77, in paragraphs 1, 2 and 3 of which 3.5 million dollars "
        "were pledged (Sales No. E.78.II.A.1), from 18 to 22 March 2002, in resolution 57/263 of "
        "20 December 2002 and in the Declaration;"
    )
    assert [(m.offset, m.number) for m in pp1.markers] == [(len(pp1.text), 1)]
    assert _text(doc, "OP1") == (
        "Calls for the development of capacity-building and self-reliance in South-South cooperation, "
        "as set out in chapter 1 of the report;"
    )


def test_digits_are_kept_when_there_is_no_such_footnote() -> None:
    doc = parse_text("The General Assembly,\n\nRecalling the Declaration;3\n\n1. Decides to act,2 soon;\n")
    assert [p.text for p in doc.paragraphs] == ["Recalling the Declaration;3", "Decides to act,2 soon;"]
    assert doc.footnotes == ()


def test_footnote_without_a_rule_between_paragraphs() -> None:
    text = (
        "The General Assembly,\n\nRecalling the Monterrey Consensus,1\n\n"
        "1 Report of the International Conference on Financing for Development.\n\n"
        "1. Reaffirms the Consensus;\n"
    )
    doc = parse_text(text)
    assert [(p.label, p.text) for p in doc.paragraphs] == [
        ("PP1", "Recalling the Monterrey Consensus,"),
        ("OP1", "Reaffirms the Consensus;"),
    ]
    assert doc.footnotes[0].text == "Report of the International Conference on Financing for Development."


def test_glued_title_and_other_bodies() -> None:
    doc = parse_text(
        "2006/14 WATER RESOURCESThe Economic and Social Council,\n\nRecalling its resolution 2004/1,\n\n"
        "Decides to keep the question under review.\n"
    )
    assert [(p.label, p.text) for p in doc.paragraphs] == [
        ("PP1", "Recalling its resolution 2004/1,"),
        ("OP1", "Decides to keep the question under review."),  # unnumbered operative paragraph
    ]
    assert (doc.metadata.symbol, doc.metadata.body, doc.metadata.title) == (
        "2006/14",
        "Economic and Social Council",
        "Water resources",
    )


def test_section_headings_are_not_paragraphs() -> None:
    doc = parse_text(
        "The General Assembly,\n\nRecalling its resolution 60/1,\n\nI\n\nFollow-up to the Summit\n\n"
        "1. Welcomes the progress made;\n\nII\n\nFinancing\n\n2. Urges donors to contribute.\n"
    )
    assert [(p.label, p.text) for p in doc.paragraphs] == [
        ("PP1", "Recalling its resolution 60/1,"),
        ("OP1", "Welcomes the progress made;"),
        ("OP2", "Urges donors to contribute."),
    ]


def test_catalogue_metadata_wins_over_the_text() -> None:
    doc = parse_text(GA62, metadata=Metadata(title="A better title", date="2007-12-19"), doc_id="x")
    assert (doc.metadata.title, doc.metadata.symbol, doc.id) == ("A better title", "62/209", "x")


@pytest.mark.parametrize(
    "text",
    [
        "Dear colleagues,\n\nPlease find attached the minutes of our last meeting. We discussed the budget,\n"
        "the timeline and the next steps.\n\nBest regards,\nMaria\n",
        "# Installing\n\n1. Install Python.\n2. Run the program.\n",
        "The General Assembly,\n",
        "62/209. South-South cooperation\n\n78th plenary meeting\n19 December 2007\n",
        "____\n1 A/57/444, annex.\n",
    ],
    ids=["letter", "readme", "opening-only", "cover-and-closing-only", "footnotes-only"],
)
def test_not_a_resolution(tmp_path: Path, text: str) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_document(path)
    assert (err.value.source, err.value.reason) == (str(path), NO_PARAGRAPHS)


_PIECES = st.sampled_from(
    [
        "The General Assembly,",
        "Recalling ",
        "1. ",
        "12.",
        "(a) ",
        "(ii)",
        "- (i) ",
        "Decides ",
        "South-",
        "develop-",
        ";3",
        ",1 ",
        " 2 ",
        "<sup>4</sup>",
        "¹",
        "____",
        "---",
        "**",
        "*",
        "#",
        "\n",
        "\n\n",
        "\f",
        "\r\n",
        " ",
        "\t",
        "78th plenary meeting",
        "19 December 2007",
        "A/RES/62/209",
        "Page 2",
        "\ue000",
        "\ue001",
        "“",
        "é",
    ]
)


_JUNK = st.one_of(st.text(), st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=60).map("".join))
_SEEDS = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.iterdir()) if p.suffix in (".txt", ".md")]


@settings(max_examples=200, deadline=None)
@given(_JUNK)
def test_parse_text_only_ever_raises_input_error(text: str) -> None:
    _check_parse(text)


@settings(max_examples=100, deadline=None)
@given(_JUNK, st.sampled_from(_SEEDS), st.integers(0, 9000), st.integers(0, 300))
def test_damaged_resolutions_parse_or_fail_cleanly(junk: str, seed: str, at: int, cut: int) -> None:
    _check_parse(seed[:at] + junk + seed[at + cut :])


def _check_parse(text: str) -> None:
    """Either one clear InputError or paragraphs with clean texts and markers inside them."""
    try:
        doc = parse_text(text)
    except InputError as err:
        assert err.reason == NO_PARAGRAPHS
        return
    assert doc.paragraphs
    labels = [p.label for p in doc.paragraphs]
    assert len(labels) == len(set(labels))
    for p in doc.paragraphs:
        assert p.text == p.text.strip() and p.text
        assert "\ue000" not in p.text and "\ue001" not in p.text
        assert all(0 <= m.offset <= len(p.text) for m in p.markers)


def test_wrapped_line_opening_with_an_ing_word_stays_in_its_paragraph() -> None:
    doc = parse_text(
        "The General Assembly,\n\nRecalling the Fourth World Conference on Women, held in 1995,\n"
        "Shipping Conference outcomes, and the Platform for Action,\n\n"
        "Noting with concern the slow progress,\n\n1. Calls for action.\n"
    )
    assert [p.text for p in doc.paragraphs] == [
        "Recalling the Fourth World Conference on Women, held in 1995, Shipping Conference outcomes, "
        "and the Platform for Action,",
        "Noting with concern the slow progress,",
        "Calls for action.",
    ]


def test_preamble_without_blank_lines_is_split_at_each_opening_phrase() -> None:
    doc = parse_text(
        "The Security Council,\nRecalling its previous resolutions on the situation,\n"
        "Keenly aware of the humanitarian consequences,\nGravely concerned at the\n"
        "deterioration of the situation,\n1. Demands an immediate ceasefire;\n"
        "2. Decides to remain seized of\nthe matter.\n"
        "Adopted by the Security Council at its 5430th meeting, on 28 April 2006\n"
    )
    assert [(p.label, p.text) for p in doc.paragraphs] == [
        ("PP1", "Recalling its previous resolutions on the situation,"),
        ("PP2", "Keenly aware of the humanitarian consequences,"),
        ("PP3", "Gravely concerned at the deterioration of the situation,"),
        ("OP1", "Demands an immediate ceasefire;"),
        ("OP2", "Decides to remain seized of the matter."),
    ]
    assert (doc.metadata.body, doc.metadata.date, doc.metadata.meeting) == (
        "Security Council",
        "2006-04-28",
        "5430th meeting",
    )


DRAFT = """\
United Nations                                   A/C.2/62/L.31
General Assembly                                 Distr.: Limited
                                                 9 November 2007
                                                 Original: English
Sixty-second session
Second Committee
Agenda item 57 (b)
Globalization and interdependence: South-South cooperation
for development
Pakistan:* draft resolution
South-South cooperation
The General Assembly,
Recalling its resolution 60/212 of 22 December 2005,
Recalling also the 2005 World Summit Outcome,1
1. Welcomes the report of the High-level Committee on South-South Cooper-
ation on its fifteenth session;2
_______________
* On behalf of the States Members of the United Nations that are members of the
Group of 77 and China.
1 See resolution 60/1.
2 Official Records of the General Assembly, Sixty-second Session, Supplement No. 39
(A/62/39).
07-58794 (E)
\f
2. Encourages the develop\u00ad
ment of South\u2011
South cooperation;
3. Decides to include the item in its agenda.
592(XXIX) POPULATION AND DEVELOPMENT
The Economic Commission for Latin America and the Caribbean,
Recalling its resolution 536(XXV),
1. Decides to continue its work.
"""


def test_draft_with_asterisk_note_soft_hyphen_and_a_second_resolution_after_it() -> None:
    doc = parse_text(DRAFT)
    assert [(p.label, p.text) for p in doc.paragraphs] == [
        ("PP1", "Recalling its resolution 60/212 of 22 December 2005,"),
        ("PP2", "Recalling also the 2005 World Summit Outcome,"),
        (
            "OP1",
            "Welcomes the report of the High-level Committee on South-South Cooperation on its "
            "fifteenth session;",
        ),
        ("OP2", "Encourages the development of South\u2011South cooperation;"),
        ("OP3", "Decides to include the item in its agenda."),
    ]
    assert [(f.number, f.label) for f in doc.footnotes] == [(1, "PP2"), (2, "OP1")]
    assert doc.footnotes[1].text.endswith("Supplement No. 39 (A/62/39).")
    m = doc.metadata
    assert (m.symbol, m.body, m.title, m.session) == (
        "A/C.2/62/L.31",
        "General Assembly",
        "South-South cooperation",
        "Sixty-second session",
    )


def test_symbol_from_the_running_header_only() -> None:
    body = "The General Assembly,\n\nRecalling its resolution 55/2,\n\n1. Decides to act.\n"
    assert parse_text("A/RES/60/212\n\n" + body).metadata.symbol == "60/212"
    cited = body + "\n" * 20 + "____\nSee also A/RES/55/2 and A/C.2/55/L.3.\n"
    assert parse_text(cited).metadata.symbol == ""


def test_wrapped_title_and_roman_items_nested_under_letter_h() -> None:
    doc = parse_text(
        "62/999. South-South cooperation for\ndevelopment\n\nThe General Assembly,\n\n"
        "Recalling its resolution 60/1,\n\n1. Decides:\n\n(a) One;\n\n(h) Eight, namely:\n\n"
        "(i) First;\n\n(ii) Second;\n\n(i) Letter i;\n\n(j) Letter j.\n"
    )
    assert doc.metadata.title == "South-South cooperation for development"
    assert [(p.label, p.text) for p in doc.paragraphs][2:] == [
        ("OP1(a)", "One;"),
        ("OP1(h)", "Eight, namely:"),
        ("OP1(h)(i)", "First;"),
        ("OP1(h)(ii)", "Second;"),
        ("OP1(i)", "Letter i;"),
        ("OP1(j)", "Letter j."),
    ]


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("inter-", "national", "international"),
        ("sub-", "regional", "subregional"),
        ("co-", "operation", "cooperation"),
        ("develop-", "ment", "development"),
        ("non-", "governmental", "non-governmental"),
        ("co-", "sponsors", "co-sponsors"),
        ("re-", "emphasized", "re-emphasized"),
        ("decision-", "making", "decision-making"),
        ("South-", "South", "South-South"),
        ("2004-", "2005", "2004-2005"),
        ("30 August–", "12 September", "30 August–12 September"),
    ],
)
def test_line_end_hyphens(left: str, right: str, joined: str) -> None:
    doc = parse_text(f"The General Assembly,\n\n1. Notes the {left}\n{right} question;\n")
    assert doc.paragraphs[0].text == f"Notes the {joined} question;"


def test_line_end_hyphen_follows_the_documents_own_spelling() -> None:
    doc = parse_text(
        "The General Assembly,\n\n1. Notes the know-\nledge and the peace-\nkeeping;\n\n"
        "2. Welcomes knowledge of peace-keeping.\n"
    )
    assert doc.paragraphs[0].text == "Notes the knowledge and the peace-keeping;"


def test_excerpt_whose_footnotes_start_at_twelve() -> None:
    lines = GA62.split("\n")
    start = lines.index(" 2. Takes note of the report of the Secretary-General on the state of South-")
    excerpt = "\n".join(lines[start:]).replace(";7\n", ";12\n").replace("\n7 A/62/295.", "\n12 A/62/295.")
    excerpt = excerpt.replace("Developing Countries,1 no later", "Developing Countries,13 no later")
    excerpt += "\n_______________\n13 See resolution 33/134.\n"
    doc = parse_text(excerpt)
    assert [p.label for p in doc.paragraphs] == [f"OP{i}" for i in range(2, 16)]
    assert _text(doc, "OP2").endswith("on the state of South-South cooperation;")
    assert _text(doc, "OP11").endswith(
        "to supplement regular resources and other funds for activities involving South-South cooperation;"
    )
    assert [(f.number, f.text, f.label) for f in doc.footnotes] == [
        (12, "A/62/295.", "OP2"),
        (13, "See resolution 33/134.", "OP13"),
    ]


def test_operative_paragraphs_that_lost_their_numbers() -> None:
    doc = parse_text(
        "The General Assembly,\n\nRecalling its resolution 60/1,\n\nNoting the report,\n\n"
        "Welcomes the progress made;\n\nRequests the Secretary-General to report on:\n\n(a) Progress;\n\n"
        "(b) Obstacles;\n\nAlso decides to remain seized of the matter.\n"
    )
    assert [(p.label, p.text) for p in doc.paragraphs] == [
        ("PP1", "Recalling its resolution 60/1,"),
        ("PP2", "Noting the report,"),
        ("OP1", "Welcomes the progress made;"),
        ("OP2", "Requests the Secretary-General to report on:"),
        ("OP2(a)", "Progress;"),
        ("OP2(b)", "Obstacles;"),
        ("OP3", "Also decides to remain seized of the matter."),
    ]


def test_preambular_paragraph_broken_after_a_comma_by_a_page_turn() -> None:
    text = (
        "The General Assembly,\n\n"
        "Recalling the International Conference on Financing for Development, held in Monterrey,\n"
        "Mexico, from 18 to 22 March 2002, and the follow-up conference held in Doha, Qatar,\n"
        "\n2\n\n08-12345\nA/RES/63/1\n\n"
        "United Nations Millennium Declaration and the outcome of the 2005 World Summit,\n\n"
        "Appalled at the number of people living in extreme poverty,\n\n"
        "1. Decides to act.\n"
    )
    doc = parse_text(text)
    assert [(p.label, p.text) for p in doc.paragraphs] == [
        (
            "PP1",
            "Recalling the International Conference on Financing for Development, held in Monterrey, "
            "Mexico, from 18 to 22 March 2002, and the follow-up conference held in Doha, Qatar, "
            "United Nations Millennium Declaration and the outcome of the 2005 World Summit,",
        ),
        ("PP2", "Appalled at the number of people living in extreme poverty,"),
        ("OP1", "Decides to act."),
    ]


def test_newer_cover_states_the_adoption_date() -> None:
    doc = parse_text(
        "United Nations A/RES/62/209\nGeneral Assembly Distr.: General\n 4 March 2008\n"
        "Sixty-second session\nAgenda item 55 (b)\n"
        "Resolution adopted by the General Assembly on 19 December 2007\n"
        "[on the report of the Second Committee (A/62/419/Add.2)]\n62/209. South-South cooperation\n"
        "The General Assembly,\nRecalling its resolution 60/212,\n1. Decides to act.\n"
    )
    assert doc.metadata == Metadata(
        symbol="62/209",
        body="General Assembly",
        title="South-South cooperation",
        date="2007-12-19",  # not the distribution date, 4 March 2008
        session="Sixty-second session",
    )


def test_annex_is_labelled_apart_and_vote_line_is_not_body() -> None:
    # DESIGN.md: an annexed text's numbered paragraphs are Annex.<n>, never OP<n> of the resolution.
    doc = parse_text(
        "The Human Rights Council,\n\nRecalling its resolution 1/1,\n\n1. Adopts the guidelines annexed;\n\n"
        "2. Decides to continue.\n\n43rd meeting\n23 March 2007\n\n[Adopted without a vote.]\n\n"
        "Annex\n\n1. The guidelines apply to all.\n\n2. They are voluntary.\n"
    )
    assert [p.label for p in doc.paragraphs] == ["PP1", "OP1", "OP2", "Annex.1", "Annex.2"]
    assert [(s.prefix, s.title) for s in doc.sections] == [("Annex", "Annex")]
    assert [a.text for a in doc.set_aside if "brackets" in a.why] == ["[Adopted without a vote.]"]
    assert (doc.metadata.body, doc.metadata.meeting, doc.metadata.date) == (
        "Human Rights Council",
        "43rd meeting",
        "2007-03-23",
    )
    no_closing = parse_text(
        "The Commission,\n\nRecalling x and y,\n\n1. Adopts z.\n\nANNEX I\n\n1. Text of z.\n"
    )
    assert [(p.label, p.text) for p in no_closing.paragraphs] == [
        ("PP1", "Recalling x and y,"),
        ("OP1", "Adopts z."),
        ("Annex.I.1", "Text of z."),
    ]


def test_pandoc_markdown_footnotes() -> None:
    doc = parse_text(
        "# 60/212. South-South cooperation\n\n*The General Assembly*,\n\n"
        "*Recalling also* the 2005 World Summit Outcome,[^1]\n\n"
        "1.  *Welcomes* the report of the High-level Committee at its fourteenth session^2^ and the\n"
        "    decisions taken at that session;\n\n"
        "[^1]: See resolution 60/1.\n\n[^2]: *Official Records of the General Assembly, Sixtieth Session,\n"
        "    Supplement No. 39* (A/60/39).\n"
    )
    assert [(p.label, p.text) for p in doc.paragraphs] == [
        ("PP1", "Recalling also the 2005 World Summit Outcome,"),
        (
            "OP1",
            "Welcomes the report of the High-level Committee at its fourteenth session and the decisions "
            "taken at that session;",
        ),
    ]
    assert [(f.number, f.text, f.label) for f in doc.footnotes] == [
        (1, "See resolution 60/1.", "PP1"),
        (
            2,
            "Official Records of the General Assembly, Sixtieth Session, Supplement No. 39 (A/60/39).",
            "OP1",
        ),
    ]


def test_numbering_that_restarts_keeps_labels_unique() -> None:
    doc = parse_text(
        "The General Assembly,\n\nRecalling its resolutions,\n\nA\n\nFirst topic\n\n1. Decides one;\n\n"
        "B\n\nSecond topic\n\n1. Decides two.\n"
    )
    # DESIGN.md: where numbering restarts in sections, the section's letter prefixes the labels
    # and the heading is the section's title, in no paragraph.
    assert [(p.label, p.text) for p in doc.paragraphs] == [
        ("PP1", "Recalling its resolutions,"),
        ("A.OP1", "Decides one;"),
        ("B.OP1", "Decides two."),
    ]
    assert [(s.prefix, s.title, s.start) for s in doc.sections] == [
        ("A", "A. First topic", 1),
        ("B", "B. Second topic", 2),
    ]
    assert doc.warnings == ()
