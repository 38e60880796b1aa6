"""Word and web-page shapes beyond the generated fixtures, each built here from known text.

Drafts number their paragraphs through a list style, restart at a given
number, delete whole paragraphs in tracked changes; web pages put footnotes in
paragraphs after a rule, write markers as ``[1]``, declare a legacy encoding.
"""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document as WordDocument
from docx.oxml import parse_xml

from reader.core.ingest.docx import docx_to_text
from reader.core.ingest.html import html_to_text
from reader.core.ingest.parse import parse_text

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PREAMBLE = (
    "Recalling its resolution 61/210 of 20 December 2006,",
    "Noting with concern the findings of the report,",
)
OPERATIVE = (
    "Takes note of the report of the Administrator;",
    "Requests the Administrator to report at its next session.",
)


def _numbered_by_style(start: int) -> bytes:
    """A draft whose operative paragraphs carry a list style (no numPr of their own), from ``start``."""
    doc = WordDocument()
    numbering = doc.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
        ),
    )
    numbering.append(
        parse_xml(
            f'<w:num xmlns:w="{W}" w:numId="7"><w:abstractNumId w:val="7"/>'
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>'
        )
    )
    styles = doc.styles.element
    styles.append(
        parse_xml(
            f'<w:style xmlns:w="{W}" w:type="paragraph" w:styleId="OpPara"><w:name w:val="Op Para"/>'
            '<w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>'
        )
    )
    doc.add_paragraph("The Executive Board,")
    for text in PREAMBLE:
        doc.add_paragraph(text)
    # A preambular paragraph deleted in tracked changes, paragraph mark and all.
    gone = doc.add_paragraph()
    gone._p.append(
        parse_xml(
            f'<w:del xmlns:w="{W}" w:id="1" w:author="A"><w:r><w:delText>Welcoming the draft,</w:delText>'
            "</w:r></w:del>"
        )
    )
    gone._p.get_or_add_pPr().append(parse_xml(f'<w:rPr xmlns:w="{W}"><w:del w:id="2" w:author="A"/></w:rPr>'))
    for text in OPERATIVE:
        doc.add_paragraph(text, style="Op Para")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_docx_numbers_from_a_list_style_with_a_start_override() -> None:
    converted = docx_to_text(_numbered_by_style(start=5), "draft.docx")
    doc = parse_text(converted.text, metadata=converted.metadata)
    assert [(p.label, p.text) for p in doc.paragraphs] == [
        ("PP1", PREAMBLE[0]),
        ("PP2", PREAMBLE[1]),
        ("OP5", OPERATIVE[0]),
        ("OP6", OPERATIVE[1]),
    ]
    assert "Welcoming the draft" not in converted.text
    assert converted.metadata.notes == "Word tracked changes read as accepted: 0 insertions, 1 deletion"


def test_web_page_with_paragraph_footnotes_bracket_markers_and_cp1252() -> None:
    page = (
        '<html><head><meta charset="windows-1252"><title>Decision 15/1</title></head><body>'
        '<div id="nav" role="navigation"><a href="/">Home</a> | <a href="/decisions">Decisions</a></div>'
        "<div class=content><p>The Governing Council,</p>"
        "<p>Recalling the Programme of Action for the Caf\xe9 Meeting,<sup>[1]</sup></p>"
        "<p>Noting the \u201cNairobi outcome\u201d of the Conference,<sup>[2]</sup></p>"
        "<p>1.&nbsp;Decides to keep the matter under review;</p>"
        "<p>2. Requests the Executive Director to report to it at its next session.</p>"
        "<hr><p><sup>1</sup> See decision 14/3.</p><p><sup>2</sup> A/64/221.</p></div>"
        '<div role="contentinfo">\xa9 2009 Secretariat</div></body></html>'
    ).encode("cp1252")
    doc = parse_text(html_to_text(page, "decision.html").text)
    assert [(p.label, p.text) for p in doc.paragraphs] == [
        ("PP1", "Recalling the Programme of Action for the Café Meeting,"),
        ("PP2", "Noting the “Nairobi outcome” of the Conference,"),
        ("OP1", "Decides to keep the matter under review;"),
        ("OP2", "Requests the Executive Director to report to it at its next session."),
    ]
    assert [(f.number, f.text, f.label) for f in doc.footnotes] == [
        (1, "See decision 14/3.", "PP1"),
        (2, "A/64/221.", "PP2"),
    ]


def test_web_page_text_with_markup_characters_stays_literal() -> None:
    page = (
        b"<!doctype html><main><p>The General Assembly,</p>"
        b"<p>Recalling the 2030 Agenda &amp; its targets and indicators_list &amp;lt;sic&amp;gt;,</p>"
        b"<p>1. Decides that x &lt; y in the index;</p></main>"
    )
    doc = parse_text(html_to_text(page, "p.html").text)
    assert [p.text for p in doc.paragraphs] == [
        "Recalling the 2030 Agenda & its targets and indicators_list &lt;sic&gt;,",
        "Decides that x < y in the index;",
    ]


def test_docx_endnotes_are_footnotes_too() -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    doc = WordDocument()
    doc.add_paragraph("The General Assembly,")
    first = doc.add_paragraph("Recalling the Monterrey Consensus,")
    first._p.append(parse_xml(f'<w:r xmlns:w="{W}"><w:endnoteReference w:id="4"/></w:r>'))
    doc.add_paragraph("1. Decides to remain seized of the matter.")
    notes = (
        f'<w:endnotes xmlns:w="{W}"><w:endnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/>'
        '</w:r></w:p></w:endnote><w:endnote w:id="4"><w:p><w:r><w:endnoteRef/></w:r>'
        '<w:r><w:t xml:space="preserve"> Resolution 56/210 B, annex.</w:t></w:r></w:p></w:endnote>'
        "</w:endnotes>"
    )
    part = Part(
        PackURI("/word/endnotes.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml",
        notes.encode("utf-8"),
        doc.part.package,
    )
    doc.part.relate_to(part, RT.ENDNOTES)
    buf = io.BytesIO()
    doc.save(buf)
    parsed = parse_text(docx_to_text(buf.getvalue(), "endnotes.docx").text)
    assert [(p.label, p.text) for p in parsed.paragraphs] == [
        ("PP1", "Recalling the Monterrey Consensus,"),
        ("OP1", "Decides to remain seized of the matter."),
    ]
    assert [(f.number, f.text, f.label) for f in parsed.footnotes] == [
        (1, "Resolution 56/210 B, annex.", "PP1")
    ]


def _known_expected() -> list[tuple[str, str]]:
    from tests.fixtures import known

    return [(p.label, p.text) for p in known.PARAS]


def test_web_page_with_every_printed_line_ended_by_br() -> None:
    """A PDF-to-HTML conversion: one <br> per printed line; the lines of a paragraph are one paragraph."""
    import html as html_lib
    import textwrap

    from tests.fixtures import known

    blocks = ["<p>The General Assembly,</p>"]
    for p in known.PARAS:
        text = "".join(x if isinstance(x, str) else f"{x[0]}\x00{x[1]}\x01" for x in p.parts)
        prefix = f"({p.number}) " if p.is_sub else (f"{p.number}. " if p.number else "")
        wrapped = textwrap.wrap(f"{prefix}{p.lead}{text}".replace("  ", " "), 60, break_on_hyphens=False)
        lines = [html_lib.escape(w).replace("\x00", "<sup>").replace("\x01", "</sup>") for w in wrapped]
        blocks.append("<p>" + "<br>\n".join(lines) + "</p>")
    notes = "".join(f"<p><sup>{n}</sup> {html_lib.escape(t)}</p>" for n, t in known.FOOTNOTES.items())
    page = f"<html><body><nav>Home</nav>{''.join(blocks)}<hr>{notes}</body></html>".encode()
    doc = parse_text(html_to_text(page, "lines.html").text)
    assert [(p.label, p.text) for p in doc.paragraphs] == _known_expected()
    assert [(f.number, f.label) for f in doc.footnotes] == [(n, known.CITED_BY[n]) for n in known.FOOTNOTES]


def test_web_page_that_is_a_text_file_in_pre() -> None:
    """A plain-text copy shown by the browser and saved: hard-wrapped lines in a <pre>."""
    import html as html_lib
    import textwrap

    from tests.fixtures.make_fixtures import text_version

    wrapped = "\n".join(
        "\n".join(textwrap.wrap(line, 72, break_on_hyphens=False)) if line.strip() else ""
        for line in text_version().splitlines()
    )
    page = (
        "<!DOCTYPE html><html><head><title>A/RES/63/233</title></head><body>"
        f'<nav><a href="/">Home</a></nav><pre>{html_lib.escape(wrapped)}</pre></body></html>'
    ).encode()
    doc = parse_text(html_to_text(page, "pre.html").text)
    assert [(p.label, p.text) for p in doc.paragraphs] == _known_expected()
    assert len(doc.footnotes) == 6


def test_docx_deleted_operative_paragraph_is_not_counted() -> None:
    """Word shows the draft with changes accepted: a deleted numbered paragraph leaves no gap."""
    doc = WordDocument()
    numbering = doc.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="3"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
        ),
    )
    numbering.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="3"><w:abstractNumId w:val="3"/></w:num>'))
    doc.add_paragraph("The Commission,")
    doc.add_paragraph("Noting the report,")
    texts = ("Welcomes the report;", "Regrets the delay;", "Decides to continue its work.")
    for i, text in enumerate(texts):
        par = doc.add_paragraph()
        ppr = par._p.get_or_add_pPr()
        ppr.append(parse_xml(f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr>'))
        if i == 1:  # deleted whole: its text and its paragraph mark
            par._p.append(
                parse_xml(
                    f'<w:del xmlns:w="{W}" w:id="9" w:author="B">'
                    f"<w:r><w:delText>{text}</w:delText></w:r></w:del>"
                )
            )
            ppr.append(parse_xml(f'<w:rPr xmlns:w="{W}"><w:del w:id="10" w:author="B"/></w:rPr>'))
        else:
            par.add_run(text)
    buf = io.BytesIO()
    doc.save(buf)
    parsed = parse_text(docx_to_text(buf.getvalue(), "d.docx").text)
    assert [(p.label, p.text) for p in parsed.paragraphs] == [
        ("PP1", "Noting the report,"),
        ("OP1", "Welcomes the report;"),
        ("OP2", "Decides to continue its work."),
    ]


def test_web_page_saved_as_utf16_is_sniffed_and_read(tmp_path: Path) -> None:
    """Windows saves "Unicode" web pages as UTF-16 with a BOM: still a web page, still the resolution."""
    from reader.core.ingest.parse import load_document
    from tests.fixtures.make_fixtures import web_page

    path = tmp_path / "resolution.htm"
    path.write_bytes(web_page().replace("charset=UTF-8", "charset=utf-16").encode("utf-16"))
    assert [(p.label, p.text) for p in load_document(path).paragraphs] == _known_expected()


def test_web_page_operative_paragraphs_as_an_ordered_list() -> None:
    """Numbers and letters drawn by the browser (<ol>, <ol type="a">, start=) are the labels."""
    page = (
        b"<!doctype html><html><body><article><p>The Economic and Social Council,</p>"
        b"<p><em>Recalling</em> its resolution 2008/3,</p>"
        b'<ol start="3"><li><em>Welcomes</em> the report;</li>'
        b"<li><em>Calls upon</em> Member States:"
        b"<ol type='a'><li>To share data;</li><li>To report;</li></ol></li>"
        b"<li><em>Decides</em> to remain seized of the matter.</li></ol></article></body></html>"
    )
    doc = parse_text(html_to_text(page, "ecosoc.html").text)
    assert [(p.label, p.text) for p in doc.paragraphs] == [
        ("PP1", "Recalling its resolution 2008/3,"),
        ("OP3", "Welcomes the report;"),
        ("OP4", "Calls upon Member States:"),
        ("OP4(a)", "To share data;"),
        ("OP4(b)", "To report;"),
        ("OP5", "Decides to remain seized of the matter."),
    ]
