"""Plain-text shapes the seeds do not have (issue 14): written by hand, as analysts meet them.

A subsidiary body's decision one paragraph per line (preambular paragraphs end
in commas, with no blank line to tell them apart), numbers glued to the verb
("1.Stresses"), footnotes marked ``[1]`` or ``(1)`` with their lists, an
opening line without its comma, and the metadata such texts state: a decision
number ("Decision 15/1"), a place-and-date line, the year of the Official
Records. One resolution written in four shapes must read as one resolution.
"""

from __future__ import annotations

import re
import textwrap

import pytest

from benchmarks import synth
from reader.core.ingest.meta import PLACE_DATE, cover_date, session_from_symbol, year_from_symbol
from reader.core.ingest.parse import parse_text
from reader.core.model import Document, Metadata

# --- one decision, four shapes ----------------------------------------------------

# (label, text with {n} where footnote n is cited)
DECISION = [
    (
        "PP1",
        "Recalling General Assembly resolution 64/222 of 21 December 2009, by which the Assembly endorsed "
        "the Nairobi outcome document of the High-level United Nations Conference on South-South "
        "Cooperation,{1}",
    ),
    (
        "PP2",
        "Reaffirming that South-South cooperation is a manifestation of solidarity among peoples and "
        "countries of the South that contributes to their national well-being,",
    ),
    (
        "PP3",
        "Welcoming the report of the Secretary-General on the state of South-South cooperation{2} and the "
        "report of the Special Unit,",
    ),
    (
        "PP4",
        "Noting with appreciation the contributions of the Governments of Brazil, China, India and "
        "South Africa,",
    ),
    (
        "OP1",
        "Stresses that South-South cooperation is a complement to, rather than a substitute for, North-South "
        "cooperation;",
    ),
    (
        "OP2",
        "Requests the Special Unit for South-South Cooperation to continue to support Member States, "
        "including through:",
    ),
    ("OP2(a)", "The exchange of best practices among developing countries;"),
    ("OP2(b)", "Capacity-building for national focal points,{3} in particular:"),
    ("OP2(b)(i)", "Training of officials;"),
    ("OP2(b)(ii)", "Support for the collection of data;"),
    ("OP2(c)", "The mobilization of resources for the Perez-Guerrero Trust Fund;"),
    ("OP3", "Decides to consider the matter at its sixteenth session."),
]
NOTES = {1: "Resolution 64/222, annex.", 2: "SSC/17/2.", 3: "See SSC/17/1, para. 12."}
DECISION_META = Metadata(
    symbol="15/1",
    body="High-level Committee on South-South Cooperation",
    title="South-South cooperation for development",
    date="2007-06-01",
    session="Fifteenth session",
)


def _printed(label: str, text: str, glued: bool) -> str:
    """A paragraph as printed: its number or letter in front."""
    if label.startswith("PP"):
        return text
    space = "" if glued else " "
    if "(" in label:  # OP2(b)(i) is printed "(i) …"
        return f"({label.rsplit('(', 1)[1]}{space}{text}"
    return f"{label[2:]}.{space}{text}"


def _marked(text: str, marker: str) -> str:
    for n in NOTES:
        text = text.replace(f"{{{n}}}", marker.format(n=n))
    return text


def one_per_line_brackets() -> str:
    """No blank line anywhere, numbers glued to verbs, [n] markers, the list after a rule."""
    lines = [
        "Decision 15/1. South-South cooperation for development",
        "The High-level Committee on South-South Cooperation,",
    ]
    lines += [_marked(_printed(label, text, glued=True), "[{n}]") for label, text in DECISION]
    lines += ["New York, 1 June 2007", "____", *(f"[{n}] {t}" for n, t in NOTES.items())]
    return "\n".join(lines) + "\n"


def blank_separated_parens() -> str:
    """Blank lines between paragraphs, (n) markers after a space, the list after a rule."""
    lines = [
        "Decision 15/1",
        "South-South cooperation for development",
        "",
        "The High-level Committee on South-South Cooperation,",
        "",
    ]
    for label, text in DECISION:
        lines += [_marked(_printed(label, text, glued=False), " ({n})"), ""]
    lines += ["New York, 1 June 2007", "", "_______________"]
    lines += [f"({n}) {t}" for n, t in NOTES.items()]
    return "\n".join(lines) + "\n"


def hard_wrapped_superscripts() -> str:
    """Wrapped at 66 columns, blank lines between paragraphs, ¹ markers, footnotes mid-text."""
    sup = "⁰¹²³⁴⁵⁶⁷⁸⁹"
    lines = [
        "Decision 15/1. South-South cooperation for development",
        "",
        "The High-level Committee on South-South Cooperation,",
        "",
    ]
    for label, text in DECISION:
        printed = _marked(_printed(label, text, glued=False), "{n}")
        for n in NOTES:
            printed = printed.replace(f",{n}", f",{sup[n]}").replace(
                f"cooperation{n}", f"cooperation{sup[n]}"
            )
        lines += [*textwrap.wrap(printed, 66, break_on_hyphens=False), ""]
        if label == "PP3":  # the page foot: a rule and the footnotes cited so far
            lines += ["__________", *(f"{sup[n]} {NOTES[n]}" for n in (1, 2)), ""]
    lines += ["New York, 1 June 2007", "", "__________", f"{sup[3]} {NOTES[3]}"]
    return "\n".join(lines) + "\n"


def packed_preamble_markdown() -> str:
    """Preamble one per line, operative paragraphs blank-separated, <sup>n</sup> markers."""
    lines = [
        "**Decision 15/1. South-South cooperation for development**",
        "",
        "*The High-level Committee on South-South Cooperation*,",
        "",
    ]
    for label, text in DECISION:
        printed = _marked(_printed(label, text, glued=False), "<sup>{n}</sup>")
        if label.startswith("PP"):
            lines.append(printed)
        else:
            lines += ["", printed]
    lines += ["", "New York, 1 June 2007", "", "---", ""]
    lines += [f"<sup>{n}</sup> {t}" for n, t in NOTES.items()]
    return "\n".join(lines) + "\n"


SHAPES = {
    "one paragraph per line, [n] markers": one_per_line_brackets,
    "blank-separated, (n) markers": blank_separated_parens,
    "hard-wrapped, superscript markers": hard_wrapped_superscripts,
    "packed preamble, Markdown": packed_preamble_markdown,
}


def _expected_text(text: str) -> str:
    for n in NOTES:
        text = text.replace(f"{{{n}}}", "")
    return text


@pytest.mark.parametrize("shape", list(SHAPES))
def test_one_decision_in_every_shape(shape: str) -> None:
    doc = parse_text(SHAPES[shape](), source=f"{shape}.txt")
    assert [(p.label, p.text) for p in doc.paragraphs] == [
        (label, _expected_text(t)) for label, t in DECISION
    ]
    assert [(f.number, f.text, f.label) for f in doc.footnotes] == [
        (1, NOTES[1], "PP1"),
        (2, NOTES[2], "PP3"),
        (3, NOTES[3], "OP2(b)"),
    ]
    markers = {p.label: [(m.offset, m.number) for m in p.markers] for p in doc.paragraphs if p.markers}
    pp1, pp3, sub_b = (_expected_text(dict(DECISION)[k]) for k in ("PP1", "PP3", "OP2(b)"))
    assert markers == {
        "PP1": [(len(pp1), 1)],
        "PP3": [(pp3.index(" and the report"), 2)],
        "OP2(b)": [(sub_b.index(" in particular"), 3)],
    }
    assert doc.metadata == DECISION_META


def test_the_shapes_really_differ() -> None:
    """The four inputs are not one text: each has what the others lack."""
    texts = {name: make() for name, make in SHAPES.items()}
    assert "\n\n" not in texts["one paragraph per line, [n] markers"]
    assert "1.Stresses" in texts["one paragraph per line, [n] markers"]
    assert "(2) SSC/17/2." in texts["blank-separated, (n) markers"]
    assert max(map(len, texts["hard-wrapped, superscript markers"].splitlines())) <= 66
    assert "well-being,\nWelcoming" in texts["packed preamble, Markdown"]


# --- footnote markers in brackets --------------------------------------------------


def test_bracketed_numbers_without_a_footnote_list_stay_in_the_text() -> None:
    text = (
        "The General Assembly,\n\n"
        "Recalling its resolution 60/212,\n\n"
        "1. Decides to allocate [10] [15] per cent of the resources to the Fund;\n\n"
        "2. Requests the Secretary-General: (1) to report annually; (2) to consult Member States.\n"
    )
    doc = parse_text(text)
    assert doc.paragraphs[1].text == "Decides to allocate [10] [15] per cent of the resources to the Fund;"
    assert doc.paragraphs[2].text == (
        "Requests the Secretary-General: (1) to report annually; (2) to consult Member States."
    )
    assert doc.footnotes == () and all(not p.markers for p in doc.paragraphs)


def test_a_part_of_a_text_in_parentheses_is_no_footnote_marker() -> None:
    text = (
        "The Executive Board,\n\n"
        "Mindful of article 5 (1) of the financial regulations and of subparagraph (2) of that article,\n\n"
        "Recalling its decision 2005/7,(1)\n\n"
        "1. Takes note of the report of the Administrator;(2)\n\n"
        "_______________\n"
        "(1) DP/2005/7.\n"
        "(2) DP/2007/32.\n"
    )
    doc = parse_text(text)
    assert doc.paragraphs[0].text == (
        "Mindful of article 5 (1) of the financial regulations and of subparagraph (2) of that article,"
    )
    assert [(p.label, [m.number for m in p.markers]) for p in doc.paragraphs] == [
        ("PP1", []),
        ("PP2", [1]),
        ("OP1", [2]),
    ]
    assert [(f.number, f.text, f.label) for f in doc.footnotes] == [
        (1, "DP/2005/7.", "PP2"),
        (2, "DP/2007/32.", "OP1"),
    ]


def test_numbered_sub_paragraphs_cited_later_are_no_footnotes() -> None:
    """A "(1) …" line before any "(1)" citation is an enumeration, not a footnote list."""
    text = (
        "The Council,\n\n"
        "1. Decides on the following measures:\n\n"
        "(1) The establishment of a trust fund;\n\n"
        "(2) The appointment of a coordinator;\n\n"
        "2. Requests the secretariat to implement the measures in subparagraph (1) and (2).\n"
    )
    doc = parse_text(text)
    assert doc.footnotes == ()
    assert doc.paragraphs[-1].text == (
        "Requests the secretariat to implement the measures in subparagraph (1) and (2)."
    )
    # DESIGN.md: a sub-paragraph printed as "(x)" is OP<n>(<x>), numbers included.
    assert [(p.label, p.text) for p in doc.paragraphs[:3]] == [
        ("OP1", "Decides on the following measures:"),
        ("OP1(1)", "The establishment of a trust fund;"),
        ("OP1(2)", "The appointment of a coordinator;"),
    ]


# --- one paragraph per line -------------------------------------------------------


def test_preamble_one_per_line_with_a_blank_separated_operative_part() -> None:
    text = (
        "The Conference of the Parties,\n\n"
        "Recalling its decision VII/1 on cooperation with other conventions,\n"
        "Noting the importance of South-South cooperation for capacity-building in developing countries,\n"
        "Welcoming the offer of the Government of Kenya to host the next meeting,\n"
        "Convinced that cooperation among the secretariats of the conventions can be enhanced,\n\n"
        "1. Invites Parties to strengthen South-South cooperation in implementing the Convention;\n\n"
        "2. Requests the Executive Secretary to report on progress at its next meeting.\n\n"
        "Nairobi, 3 June 2005\n"
    )
    doc = parse_text(text)
    assert [p.label for p in doc.paragraphs] == ["PP1", "PP2", "PP3", "PP4", "OP1", "OP2"]
    assert (
        doc.paragraphs[2].text == "Welcoming the offer of the Government of Kenya to host the next meeting,"
    )
    assert doc.metadata.body == "Conference of the Parties"
    assert doc.metadata.date == "2005-06-03"


def test_a_wrapped_line_opened_by_a_participle_stays_in_its_paragraph() -> None:
    """Hard-wrapped text with blank lines: a capitalised participle after a comma is no new paragraph."""
    text = (
        "The General Assembly,\n\n"
        "Recalling the Ministerial Declaration adopted by the Ministers for Foreign Affairs of the\n"
        "Group of 77 and China,\n"
        "Meeting at United Nations Headquarters on 25 September 2009, on South-South cooperation,\n\n"
        "Reaffirming its resolution 64/222,\n\n"
        "Noting the report of the Secretary-General,\n\n"
        "1. Decides to continue its consideration of the item.\n"
    )
    doc = parse_text(text)
    assert [p.label for p in doc.paragraphs] == ["PP1", "PP2", "PP3", "OP1"]
    assert doc.paragraphs[0].text.endswith("Group of 77 and China, Meeting at United Nations Headquarters on "
                                           "25 September 2009, on South-South cooperation,")  # fmt: skip


def test_numbers_glued_to_verbs_and_letters_glued_to_text() -> None:
    text = (
        "The Executive Board,\n"
        "Recalling its decision 2006/1,\n"
        "1.Takes note of the report;\n"
        "2)Encourages Member States:\n"
        "(a)To integrate South-South cooperation in national plans;\n"
        "(b)To report on progress;\n"
        "3.Also requests the Administrator to report at the annual session 2009.\n"
    )
    doc = parse_text(text)
    assert [(p.label, p.text) for p in doc.paragraphs] == [
        ("PP1", "Recalling its decision 2006/1,"),
        ("OP1", "Takes note of the report;"),
        ("OP2", "Encourages Member States:"),
        ("OP2(a)", "To integrate South-South cooperation in national plans;"),
        ("OP2(b)", "To report on progress;"),
        ("OP3", "Also requests the Administrator to report at the annual session 2009."),
    ]


def test_a_number_that_opens_a_wrapped_line_is_no_paragraph() -> None:
    text = (
        "The General Assembly,\n\n"
        "1. Welcomes the contributions to the Fund, amounting to\n"
        "2.5 million dollars in 2008, and the pledges for 2009 amounting to\n"
        "3.Million dollars are not a paragraph either;\n\n"
        "2. Decides to continue its consideration of the item.\n"
    )
    doc = parse_text(text)
    assert [p.label for p in doc.paragraphs] == ["OP1", "OP2"]
    assert "amounting to 2.5 million dollars" in doc.paragraphs[0].text


def test_page_break_furniture_inside_a_paragraph_one_per_line() -> None:
    text = (
        "A/RES/70/999\nUnited Nations\nGeneral Assembly\n\n70/999. Cooperation on desertification\n\n"
        "The General Assembly,\n"
        "Recalling its resolution 58/211 of 23 December 2003,\n"
        "Deeply concerned about the continuing degradation of land in the drylands of developing countries,"
        " which undermines their efforts to achieve sustainable\n"
        "\fA/RES/70/999\nPage 2\n"
        "development and to eradicate poverty,\n"
        "1. Welcomes the report of the Secretary-General;\n"
        "2. Encourages Member States:\n"
        "(a)To integrate land management in national plans;\n"
        "(b) To strengthen cooperation, including through:\n"
        "(i) Exchange of data;\n"
        "(ii) Joint research;\n"
        "- 3 -\n"
        "(c) To mobilize resources;\n"
        "3. Decides to include the item in the provisional agenda of its seventy-first session.\n"
        "80th plenary meeting\n22 December 2015\n"
    )
    doc = parse_text(text)
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
    assert doc.paragraphs[1].text.endswith(
        "efforts to achieve sustainable development and to eradicate poverty,"
    )
    assert doc.paragraphs[8].text == "To mobilize resources;"
    assert (doc.metadata.date, doc.metadata.meeting, doc.metadata.symbol) == (
        "2015-12-22",
        "80th plenary meeting",
        "70/999",
    )


# --- openings and metadata ---------------------------------------------------------


def test_executive_board_decision_with_bare_opening_and_year_symbol() -> None:
    text = (
        "2008/2\n"
        "Annual report of the Administrator\n"
        "The Executive Board\n"
        "1.Takes note of the annual report of the Administrator (DP/2008/14);\n"
        "2.Welcomes the progress made in South-South cooperation;\n"
        "3.Requests UNDP to continue to report on South-South cooperation in its annual reports.\n"
        "25 January 2008\n"
    )
    doc = parse_text(text)
    assert [(p.label, p.text) for p in doc.paragraphs] == [
        ("OP1", "Takes note of the annual report of the Administrator (DP/2008/14);"),
        ("OP2", "Welcomes the progress made in South-South cooperation;"),
        ("OP3", "Requests UNDP to continue to report on South-South cooperation in its annual reports."),
    ]
    assert doc.metadata == Metadata(
        symbol="2008/2", body="Executive Board", title="Annual report of the Administrator", date="2008-01-25"
    )


def test_a_title_that_names_a_body_is_not_an_opening() -> None:
    text = (
        "The Role of the Economic and Social Council\n\n"
        "The General Assembly,\n\n"
        "Recalling its resolution 61/16,\n\n"
        "1. Decides to continue its consideration of the item.\n"
    )
    doc = parse_text(text)
    assert (doc.metadata.title, doc.metadata.body) == (
        "The Role of the Economic and Social Council",
        "General Assembly",
    )
    assert [p.label for p in doc.paragraphs] == ["PP1", "OP1"]


def test_year_of_official_records_dates_a_resolution_without_a_date() -> None:
    text = (
        "ECONOMIC AND SOCIAL COUNCIL\nOFFICIAL RECORDS, 2005\nSUPPLEMENT No. 1\n\n"
        "123(XL) REGIONAL COOPERATION IN SCIENCE AND TECHNOLOGY\n\n"
        "The Economic Commission for Africa,\n\n"
        "Recalling its resolution 110(XXXIX) on science and technology for development,\n\n"
        "1. Calls upon member States to increase their investment in research and development;\n\n"
        "2. Requests the Executive Secretary to report to the Commission at its next session.\n"
    )
    m = parse_text(text).metadata
    assert m == Metadata(
        symbol="123(XL)",
        body="ECA",
        title="Regional cooperation in science and technology",
        date="2005",
        session="Fortieth session",
    )


def test_a_report_period_on_the_cover_dates_the_resolution_by_the_session_that_closes_it() -> None:
    cover = [
        "ANNUAL REPORT",
        "(1 May 2004 - 30 April 2005)",
        "Official Records of the Economic and Social Council, 2005, Supplement No. 19",
    ]
    assert cover_date(cover) == "2005"  # adopted at the session that closes the period
    assert cover_date(cover[2:]) == "2005"
    other = ["ANNUAL REPORT", "(1 May 2003 - 30 April 2004)", cover[2]]
    assert cover_date(other) == ""  # a period ending before the records' year: the year is unsure
    assert cover_date(["Nairobi, 3 June 2005", *cover]) == "2005-06-03"


def test_a_date_in_a_paragraph_is_not_its_closing() -> None:
    """A place and date that end a wrapped sentence belong to it; alone after the body, they close it."""
    text = (
        "The Governing Council,\n\n"
        "Recalling the declaration adopted at its special session held in\n"
        "Nairobi, 3 June 2005.\n\n"
        "1. Decides to review the matter at its next session.\n\n"
        "Done at Nairobi, 25 February 2007.\n"
    )
    doc = parse_text(text)
    assert doc.paragraphs[0].text == (
        "Recalling the declaration adopted at its special session held in Nairobi, 3 June 2005."
    )
    assert [p.label for p in doc.paragraphs] == ["PP1", "OP1"]
    assert doc.metadata.date == "2007-02-25"


@pytest.mark.parametrize(
    ("line", "matches"),
    [
        ("New York, 19 December 2007", True),
        ("Nairobi, 3 June 2005", True),
        ("Santiago, Chile, 10 May 2002.", True),
        ("Geneva, June 22, 2007", True),
        ("Done at Nairobi, 25 February 2007.", True),
        ("Santiago, Chile, 2002", False),  # a publication's place and year
        ("New York, 29 May-1 June 2007", False),  # a session's dates
        ("Recalling its resolution of 19 December 2007,", False),
        ("held in New York, on 19 December 2007, the Conference", False),
    ],
)
def test_place_and_date_lines(line: str, matches: bool) -> None:
    assert bool(PLACE_DATE.match(line)) is matches


def test_sessions_and_years_from_symbols() -> None:
    assert session_from_symbol("15/1") == "Fifteenth session"
    assert session_from_symbol("60/212") == "Sixtieth session"
    assert session_from_symbol("2005/21") == ""
    assert session_from_symbol("591(XXIX)") == "Twenty-ninth session"
    assert year_from_symbol("2005/21") == "2005"
    assert year_from_symbol("60/212") == ""
    assert year_from_symbol("591(XXIX)") == ""


def _shape(doc: Document) -> tuple[object, ...]:
    return ([(p.label, p.text, p.markers) for p in doc.paragraphs], doc.footnotes, doc.metadata)


def test_crlf_and_form_feeds_do_not_change_the_one_per_line_reading() -> None:
    text = one_per_line_brackets()
    assert _shape(parse_text(text.replace("\n", "\r\n"))) == _shape(parse_text(text))


def test_footnotes_numbered_like_paragraphs_after_a_rule() -> None:
    """Web and word-processor copies list footnotes as "1. …" after a rule: not paragraphs."""
    text = (
        "Decision 15/1: South-South cooperation for development\n\n"
        "The High-level Committee on South-South Cooperation,\n\n"
        "Recalling General Assembly resolution 64/222,1\n\n"
        "Welcoming the report of the Secretary-General,2\n\n"
        "1. Stresses that South-South cooperation is a complement to North-South cooperation;\n\n"
        "2. Requests the Special Unit to report at the next session.\n\n"
        "____\n"
        "1. Resolution 64/222, annex.\n"
        "2. A/66/229.\n"
    )
    doc = parse_text(text)
    assert [(p.label, p.text) for p in doc.paragraphs] == [
        ("PP1", "Recalling General Assembly resolution 64/222,"),
        ("PP2", "Welcoming the report of the Secretary-General,"),
        ("OP1", "Stresses that South-South cooperation is a complement to North-South cooperation;"),
        ("OP2", "Requests the Special Unit to report at the next session."),
    ]
    assert [(f.number, f.text, f.label) for f in doc.footnotes] == [
        (1, "Resolution 64/222, annex.", "PP1"),
        (2, "A/66/229.", "PP2"),
    ]
    assert (doc.metadata.symbol, doc.metadata.title) == ("15/1", "South-South cooperation for development")


def test_the_next_paragraph_after_numbered_footnotes_at_a_page_foot() -> None:
    """After "1. …" "2. …" footnotes, "3. In this regard …" is footnote 3 only if the text cites 3."""
    text = (
        "The Executive Board,\n\n"
        "1. Recalls its decision 2005/7,1 and the report of the Administrator;2\n\n"
        "2. Welcomes the progress made;\n"
        "____\n"
        "1. DP/2005/7.\n"
        "2. DP/2007/32.\n"
        "3. In this regard, requests the Administrator to report at the annual session.\n"
    )
    doc = parse_text(text)
    assert [p.label for p in doc.paragraphs] == ["OP1", "OP2", "OP3"]
    assert (
        doc.paragraphs[2].text
        == "In this regard, requests the Administrator to report at the annual session."
    )
    assert [f.number for f in doc.footnotes] == [1, 2]


def _packed(doc: synth.SynthDoc, meeting: int) -> str:
    """A generated resolution one paragraph per line: no blank line at all, numbers glued to verbs."""
    if doc.body == "General Assembly":
        lines = [f"{doc.symbol}. {doc.title}", "The General Assembly,"]
    else:
        lines = [
            f"{doc.symbol} {doc.title.upper()}",
            "The Economic Commission for Latin America and the Caribbean,",
        ]
    for p in doc.paragraphs:
        if p.label.startswith("PP"):
            lines.append(p.text)
        elif "(" in p.label:
            lines.append(f"({p.label.split('(')[1]} {p.text}")
        else:
            lines.append(f"{p.label[2:]}.{p.text}")
    if doc.body == "General Assembly":
        y, m, d = doc.date.split("-")
        lines += [f"{meeting}th plenary meeting", f"{int(d)} {synth.MONTHS[int(m) - 1]} {y}"]
    return "\n".join(lines) + "\n"


def test_generated_resolutions_one_paragraph_per_line() -> None:
    """Forty generated resolutions, packed one paragraph per line, read as they were written."""
    bodies = set()
    for i in range(40):
        doc, _ = synth.make_doc(21, i)
        text = _packed(doc, 70 + i)
        assert "\n\n" not in text and any(re.search(r"^\d+\.[A-Z]", ln) for ln in text.splitlines())
        parsed = parse_text(text)
        assert [(p.label, p.text) for p in parsed.paragraphs] == [(p.label, p.text) for p in doc.paragraphs]
        assert (parsed.metadata.symbol, parsed.metadata.body) == (doc.symbol, doc.body)
        if doc.body == "General Assembly":
            assert parsed.metadata.date == doc.date
        bodies.add(doc.body)
    assert bodies == {"General Assembly", "ECLAC"}


def test_running_title_and_page_numbers_between_lines_of_a_web_copy() -> None:
    """Each page repeats the symbol and the title; numbers are followed by no-break spaces."""
    text = (
        "A/RES/70/999\nSouth-South cooperation\n\n70/999. South-South cooperation\n\nThe General Assembly,\n"
        "Recalling its resolution 58/211 of 23 December 2003,\n"
        "Deeply concerned about the continuing degradation of land in the drylands of developing countries, "
        "which undermines their efforts to achieve sustainable\n"
        "\fA/RES/70/999\nSouth-South cooperation\n2\n"
        "development and to eradicate poverty,\n"
        "1.\u00a0Welcomes the report of the Secretary-General;\n"
        "2.\u00a0Encourages Member States to act;\n"
        "\fA/RES/70/999\nSouth-South cooperation\n3\n"
        "3.\u00a0Decides to include the item in the provisional agenda of its seventy-first session.\n"
    )
    doc = parse_text(text)
    assert [p.label for p in doc.paragraphs] == ["PP1", "PP2", "OP1", "OP2", "OP3"]
    assert doc.paragraphs[1].text.endswith("achieve sustainable development and to eradicate poverty,")
    assert doc.paragraphs[3].text == "Encourages Member States to act;"
    assert (doc.metadata.symbol, doc.metadata.title) == ("70/999", "South-South cooperation")


def test_a_page_that_opens_with_a_place_and_date_continues_the_paragraph() -> None:
    text = (
        "The General Assembly,\n\n"
        "Recalling its resolution 64/222,\n\n"
        "1. Decides to convene the meeting of experts, to be held\n"
        "\f\n"
        "in Nairobi, 3 June 2005.\n\n"
        "2. Requests the Secretary-General to report on the meeting.\n"
    )
    doc = parse_text(text)
    assert [(p.label, p.text) for p in doc.paragraphs] == [
        ("PP1", "Recalling its resolution 64/222,"),
        ("OP1", "Decides to convene the meeting of experts, to be held in Nairobi, 3 June 2005."),
        ("OP2", "Requests the Secretary-General to report on the meeting."),
    ]
    assert doc.metadata.date == ""


def test_a_date_that_a_page_break_cut_from_its_sentence_is_no_closing() -> None:
    text = (
        "The General Assembly,\n\nRecalling its resolution 64/222,\n\n"
        "1. Decides to convene the meeting of experts on\n\f\n3 June 2005.\n\n"
        "2. Requests the Secretary-General to report on the meeting.\n\n\f\n"
        "80th plenary meeting\n\f\n22 December 2015\n"
    )
    doc = parse_text(text)
    assert [(p.label, p.text) for p in doc.paragraphs] == [
        ("PP1", "Recalling its resolution 64/222,"),
        ("OP1", "Decides to convene the meeting of experts on 3 June 2005."),
        ("OP2", "Requests the Secretary-General to report on the meeting."),
    ]
    assert (doc.metadata.date, doc.metadata.meeting) == ("2015-12-22", "80th plenary meeting")


def test_a_bracketed_marker_that_a_hard_wrap_put_at_a_line_start() -> None:
    text = (
        "The Executive Board,\n\n"
        "Recalling its decision 2005/7 and the Monterrey Consensus\n"
        "(1) as well as the report of the Administrator\n"
        "[sic] on the framework,\n\n"
        "1. Takes note of the report;\n\n"
        "(1) A/CONF.198/11, chap. I, resolution 1, annex.\n"
    )
    doc = parse_text(text)
    assert doc.paragraphs[0].text == (
        "Recalling its decision 2005/7 and the Monterrey Consensus as well as the report of the "
        "Administrator [sic] on the framework,"
    )
    assert [(m.offset, m.number) for m in doc.paragraphs[0].markers] == [
        (len("Recalling its decision 2005/7 and the Monterrey Consensus"), 1)
    ]
    assert [(f.number, f.text, f.label) for f in doc.footnotes] == [
        (1, "A/CONF.198/11, chap. I, resolution 1, annex.", "PP1")
    ]


def test_an_unnumbered_decision_one_paragraph_per_line() -> None:
    """No paragraph numbers and no blank lines: operative verbs open the operative paragraphs."""
    text = (
        "The Executive Board,\n"
        "Recalling its decision 2005/7,\n"
        "Noting the report of the Administrator,\n"
        "Takes note of the report of the Administrator;\n"
        "Also decides to continue the consideration of the item at its annual session.\n"
    )
    doc = parse_text(text)
    assert [(p.label, p.text) for p in doc.paragraphs] == [
        ("PP1", "Recalling its decision 2005/7,"),
        ("PP2", "Noting the report of the Administrator,"),
        ("OP1", "Takes note of the report of the Administrator;"),
        ("OP2", "Also decides to continue the consideration of the item at its annual session."),
    ]
