"""Turn one side of a comparison into a QTextDocument for a pane.

Each body paragraph becomes one text block (tinted by its pair's kind, with the
paragraph index in the block's user state), the metadata becomes a header above
it. Markdown emphasis asterisks are hidden (the words turn italic) and footnote
markers are shown again as superscript numbers, so displayed positions differ
from ``Paragraph.text`` offsets; ``RenderedDocument.position`` maps between them.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field

from PySide6.QtGui import (
    QColor,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from reader.core.model import Document, Footnote, Paragraph
from reader.gui.side_marks import Mark, SideMarks
from reader.gui.theme import Theme

PROP_PHRASE = QTextCharFormat.Property.UserProperty + 1  # int: shared phrase index
PROP_FOOTNOTE = QTextCharFormat.Property.UserProperty + 2  # int: footnote number
PROP_MARK = QTextCharFormat.Property.UserProperty + 3  # str: "insert" / "delete"

HEADER_STATE = -1
DOC_FONT_FAMILIES = ["Source Serif 4", "Noto Serif", "Liberation Serif", "DejaVu Serif", "serif"]


def format_property(fmt: QTextFormat, prop: int) -> object:
    """A custom format property, or None when unset.

    Asking PySide6 for a property that is not set returns None without a
    reference (a refcount bug that eventually aborts the interpreter), so ask
    ``hasProperty`` first.
    """
    return fmt.property(prop) if fmt.hasProperty(prop) else None


def document_font(point_size: float = 11.5) -> QFont:
    font = QFont()
    font.setFamilies(DOC_FONT_FAMILIES)
    font.setPointSizeF(point_size)
    return font


@dataclass
class ParagraphPlace:
    """Where a paragraph sits in the QTextDocument and how its offsets shift."""

    block: int
    start: int  # document position of the block's first character
    shifts: list[tuple[int, int]] = field(default_factory=list)  # (original offset, delta), sorted

    def position(self, offset: int) -> int:
        keys = [o for o, _ in self.shifts]
        n = bisect_left(keys, offset)  # shifts strictly before ``offset``
        return self.start + offset + sum(d for _, d in self.shifts[:n])


@dataclass
class RenderedDocument:
    qdoc: QTextDocument
    places: dict[int, ParagraphPlace]  # paragraph index -> place (visible paragraphs only)

    def position(self, paragraph: int, offset: int) -> int:
        return self.places[paragraph].position(offset)


def _footnotes_by_number(doc: Document) -> dict[int, Footnote]:
    return {f.number: f for f in doc.footnotes}


def footnote_tooltip(doc: Document, number: int) -> str:
    fn = _footnotes_by_number(doc).get(number)
    return f"Footnote {number}: {fn.text}" if fn else f"Footnote {number}"


class _Formats:
    def __init__(self, theme: Theme, font: QFont, show_phrases: bool) -> None:
        self.theme = theme
        self.font = font
        self.show_phrases = show_phrases

    def char(self, italic: bool, active: list[Mark], calm: bool = False) -> QTextCharFormat:
        """``calm``: the paragraph is identical to its partner, so shared language is not underlined."""
        fmt = QTextCharFormat()
        fmt.setFont(self.font)
        fmt.setForeground(QColor(self.theme.text))
        if italic:
            fmt.setFontItalic(True)
        for m in active:
            if m.kind == "insert":
                fmt.setBackground(QColor(self.theme.insert_bg))
                fmt.setProperty(PROP_MARK, "insert")
                # a solid underline, so insertions do not rely on colour (recurring language is dotted)
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(QColor(self.theme.kind_line["added"]))
            elif m.kind == "delete":
                fmt.setBackground(QColor(self.theme.delete_bg))
                fmt.setForeground(QColor(self.theme.delete_fg))
                fmt.setFontStrikeOut(True)
                fmt.setProperty(PROP_MARK, "delete")
            elif m.kind == "phrase":
                fmt.setProperty(PROP_PHRASE, m.ref)  # the tooltip works everywhere
                if self.show_phrases and not calm and not any(x.kind == "insert" for x in active):
                    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
                    fmt.setUnderlineColor(QColor(self.theme.phrase))
        return fmt

    def marker(self, number: int) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setFont(self.font)
        fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
        fmt.setForeground(QColor(self.theme.accent))
        fmt.setFontWeight(QFont.Weight.Bold)
        fmt.setProperty(PROP_FOOTNOTE, number)
        return fmt


def _emphasis_positions(text: str) -> set[int]:
    """Asterisks used as Markdown emphasis (in pairs); a lone asterisk stays visible."""
    stars = [i for i, ch in enumerate(text) if ch == "*"]
    return set(stars) if len(stars) % 2 == 0 else set()


def _write_paragraph(
    cursor: QTextCursor, para: Paragraph, marks: list[Mark], formats: _Formats, calm: bool
) -> list[tuple[int, int]]:
    """Insert one paragraph's text run by run; return its offset shifts."""
    text = para.text.replace("\n", "\u2028")
    stars = _emphasis_positions(text)
    markers: dict[int, list[int]] = {}
    for mk in para.markers:
        markers.setdefault(min(max(mk.offset, 0), len(text)), []).append(mk.number)
    cuts = {0, len(text)} | stars | {s + 1 for s in stars} | set(markers)
    for m in marks:
        cuts.add(max(0, min(m.start, len(text))))
        cuts.add(max(0, min(m.end, len(text))))
    points = sorted(cuts)
    shifts: list[tuple[int, int]] = []
    italic = False
    for a, b in zip(points, [*points[1:], None], strict=False):
        for number in markers.get(a, []):
            label = str(number)
            cursor.insertText(label, formats.marker(number))
            shifts.append((a, len(label)))
        if b is None:
            break
        if a in stars:
            italic = not italic
            shifts.append((a, -1))
            continue
        active = [m for m in marks if m.start <= a and m.end >= b]
        cursor.insertText(text[a:b], formats.char(italic, active, calm))
    shifts.sort()
    return shifts


def _header(cursor: QTextCursor, doc: Document, theme: Theme, font: QFont) -> None:
    md = doc.metadata
    big = QTextCharFormat()
    f = QFont(font)
    f.setPointSizeF(font.pointSizeF() * 1.55)
    f.setWeight(QFont.Weight.Bold)
    big.setFont(f)
    big.setForeground(QColor(theme.text))
    muted = QTextCharFormat()
    mf = QFont(font)
    mf.setPointSizeF(font.pointSizeF() * 0.92)
    muted.setFont(mf)
    muted.setForeground(QColor(theme.muted))
    title = QTextCharFormat()
    tf = QFont(font)
    tf.setPointSizeF(font.pointSizeF() * 1.15)
    tf.setWeight(QFont.Weight.DemiBold)
    title.setFont(tf)
    title.setForeground(QColor(theme.text))

    fmt = QTextBlockFormat()
    fmt.setTopMargin(4)
    cursor.setBlockFormat(fmt)
    cursor.insertText(md.symbol or doc.id, big)
    facts = [x for x in (md.body, md.date, md.session) if x]
    if facts:
        cursor.insertBlock(QTextBlockFormat())
        cursor.insertText("  \u00b7  ".join(facts), muted)
    if md.title:
        tb = QTextBlockFormat()
        tb.setTopMargin(6)
        tb.setBottomMargin(14)
        cursor.insertBlock(tb)
        cursor.insertText(md.title, title)
    if doc.footnotes:
        fb = QTextBlockFormat()
        fb.setBottomMargin(10)
        cursor.insertBlock(fb)
        n = len(doc.footnotes)
        cursor.insertText(
            f"{len(doc.paragraphs)} paragraphs \u00b7 {n} footnote{'s' if n != 1 else ''} "
            "(hover a blue number to read it)",
            muted,
        )
    if md.notes:  # how the file was read (Word tracked changes accepted): the analyst must know
        nb = QTextBlockFormat()
        nb.setBottomMargin(10)
        cursor.insertBlock(nb)
        cursor.insertText(md.notes, muted)


def _heading(cursor: QTextCursor, title: str, theme: Theme, font: QFont) -> None:
    """A section's heading ("I. Follow-up to …", "Annex") above its first paragraph: printed as the
    text prints it, never part of a paragraph (a header block: user state -1, no label)."""
    hb = QTextBlockFormat()
    hb.setTopMargin(12)
    hb.setBottomMargin(4)
    hb.setLeftMargin(6)
    fmt = QTextCharFormat()
    hf = QFont(font)
    hf.setBold(True)
    fmt.setFont(hf)
    fmt.setForeground(QColor(theme.text))
    cursor.insertBlock(hb)
    cursor.block().setUserState(HEADER_STATE)
    cursor.insertText(title, fmt)


def render_side(
    marks: SideMarks,
    theme: Theme,
    *,
    font: QFont | None = None,
    visible: Iterable[int] | None = None,
    show_phrases: bool = True,
) -> RenderedDocument:
    """Build the QTextDocument for one pane."""
    doc = marks.document
    font = font or document_font()
    qdoc = QTextDocument()
    qdoc.setDefaultFont(font)
    qdoc.setDocumentMargin(14)
    cursor = QTextCursor(qdoc)
    cursor.beginEditBlock()
    _header(cursor, doc, theme, font)  # header blocks keep user state -1 (HEADER_STATE)
    formats = _Formats(theme, font, show_phrases)
    shown = set(range(len(doc.paragraphs))) if visible is None else set(visible)
    headings: dict[int, list[str]] = {}
    for section in doc.sections:
        if section.title:
            headings.setdefault(section.start, []).append(section.title)
    places: dict[int, ParagraphPlace] = {}
    for i, para in enumerate(doc.paragraphs):
        if i not in shown:
            continue
        for title in headings.get(i, ()):
            _heading(cursor, title, theme, font)
        bf = QTextBlockFormat()
        bf.setTopMargin(3)
        bf.setBottomMargin(7)
        bf.setLeftMargin(6)
        bf.setRightMargin(6)
        bf.setLineHeight(125, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        kind = marks.kind_of.get(i, "identical")
        if kind != "identical":
            bf.setBackground(QColor(theme.kind_tint[kind]))
        cursor.insertBlock(bf)
        cursor.block().setUserState(i)
        start = cursor.position()
        shifts = _write_paragraph(cursor, para, marks.marks.get(i, []), formats, kind == "identical")
        places[i] = ParagraphPlace(block=cursor.block().blockNumber(), start=start, shifts=shifts)
    cursor.endEditBlock()
    return RenderedDocument(qdoc=qdoc, places=places)
