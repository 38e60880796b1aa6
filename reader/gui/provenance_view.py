"""The provenance view: a draft with a mark per paragraph, and the source of the paragraph clicked.

Left, the draft: in the margin each paragraph's status as a shape in a colour
(filled circle agreed, half-filled adapted, empty new), its label, and its best
source and year; in the text, agreed phrases underlined in the colour of the
year of their oldest use. Right, the paragraph clicked: its best source's
document scrolled to that paragraph, and the word diff from it to the draft.
Everything shown comes from one core ``Provenance``; nothing is matched here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from reader.core.model import Document
from reader.core.provenance.model import ParagraphProvenance, Provenance, Status
from reader.core.provenance.style import STATUS_COLOUR, year_colour, year_range
from reader.gui.theme import LIGHT, Theme

MARGIN = 150


def paint_status(p: QPainter, status: Status, centre: QPointF, radius: float) -> None:
    """The status shape: filled circle (agreed), half-filled (adapted), ring (new)."""
    colour = QColor(STATUS_COLOUR[status])
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QPen(colour, 1.6))
    rect = QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius)
    p.setBrush(QBrush(colour) if status == "agreed" else Qt.BrushStyle.NoBrush)
    p.drawEllipse(rect)
    if status == "adapted":
        half = QPainterPath()
        half.moveTo(centre)
        half.arcTo(rect, 90, 180)  # the left half filled
        half.closeSubpath()
        p.fillPath(half, colour)
    p.restore()


class _Margin(QWidget):
    def __init__(self, view: DraftView) -> None:
        super().__init__(view)
        self._view = view
        self.setMouseTracking(True)

    def paintEvent(self, e: QPaintEvent) -> None:
        self._view.paint_margin(self, e)

    def mousePressEvent(self, e: QMouseEvent) -> None:
        para = self._view.paragraph_at(int(e.position().y()))
        if para is not None:
            self._view.paragraphClicked.emit(para)

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            para = self._view.paragraph_at(e.pos().y())
            text = self._view.margin_tip(para) if para is not None else ""
            QToolTip.showText(e.globalPos(), text, self) if text else QToolTip.hideText()
            return True
        return super().event(e)


class DraftView(QTextEdit):
    """The draft's text, one block per paragraph, with status marks in the margin."""

    paragraphClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ProvenanceDraft")
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setViewportMargins(MARGIN, 0, 0, 0)
        self._margin = _Margin(self)
        self.result: Provenance | None = None
        self.selected: int | None = None
        self.theme: Theme = LIGHT
        self._years = (0, 0)
        self._base_bottom = 0.0
        self._fitted_width = -1
        self.verticalScrollBar().valueChanged.connect(self._margin.update)

    def set_result(self, result: Provenance, theme: Theme, point_size: float) -> None:
        self.result = result
        self.theme = theme
        self.selected = None
        years = [ph.doc.year for p in result.paragraphs for ph in p.phrases if ph.doc.year is not None]
        self._years = year_range(years)
        doc = QTextDocument(self)
        font = QFont(self.font())
        font.setPointSizeF(point_size)
        doc.setDefaultFont(font)
        doc.setDocumentMargin(14)
        cur = QTextCursor(doc)
        block = QTextBlockFormat()
        block.setBottomMargin(point_size * 1.1)
        block.setLineHeight(125, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        plain = QTextCharFormat()
        plain.setForeground(QColor(theme.text))
        for i, p in enumerate(result.paragraphs):
            if i:
                cur.insertBlock(block, plain)
            else:
                cur.setBlockFormat(block)
            at = 0
            for ph in p.phrases:
                cur.insertText(p.text[at : ph.start], plain)
                colour = QColor(year_colour(ph.doc.year, *self._years) if ph.doc.year else theme.muted)
                fmt = QTextCharFormat(plain)
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(colour)
                tint = QColor(colour)
                tint.setAlpha(46 if not theme.dark else 70)
                fmt.setBackground(tint)
                fmt.setToolTip(
                    f"Agreed language, oldest use: {ph.doc.name} {ph.label} ({ph.doc.year or '?'})"
                )
                cur.insertText(p.text[ph.start : ph.end], fmt)
                at = ph.end
            cur.insertText(p.text[at:], plain)
        self.setDocument(doc)
        self._base_bottom = block.bottomMargin()
        self._fitted_width = -1
        self._fit_margin()
        self._margin.update()

    def margin_lines(self, i: int) -> int:
        """Lines the margin writes beside paragraph ``i``: label and status, then source and year."""
        assert self.result is not None
        return 3 if self.result.paragraphs[i].best is not None else 1

    def margin_line_height(self) -> int:
        return self._margin.fontMetrics().height() + 2

    def _fit_margin(self) -> None:
        """Make each paragraph at least as tall as what the margin writes beside it: a one-line
        paragraph with a source got its three margin lines written over the next paragraph's."""
        if self.result is None or self.viewport().width() == self._fitted_width:
            return
        self._fitted_width = self.viewport().width()
        doc = self.document()
        layout = doc.documentLayout()
        line = self.margin_line_height()
        for i in range(min(doc.blockCount(), len(self.result.paragraphs))):
            block = doc.findBlockByNumber(i)
            fmt = block.blockFormat()
            text = layout.blockBoundingRect(block).height() - fmt.bottomMargin()
            want = max(self._base_bottom, self.margin_lines(i) * line + 10 - text)
            if abs(fmt.bottomMargin() - want) > 0.5:
                fmt.setBottomMargin(want)
                QTextCursor(block).setBlockFormat(fmt)

    # ----- geometry --------------------------------------------------------------------------
    def paragraph_range(self, i: int) -> tuple[float, float]:
        block = self.document().findBlockByNumber(i)
        rect = self.document().documentLayout().blockBoundingRect(block)
        return rect.top(), rect.bottom()

    def paragraph_at(self, viewport_y: int) -> int | None:
        if self.result is None:
            return None
        y = viewport_y + self.verticalScrollBar().value()
        for i in range(len(self.result.paragraphs)):
            top, bottom = self.paragraph_range(i)
            if top <= y < bottom:
                return i
        return None

    def select(self, i: int) -> None:
        self.selected = i
        top, _ = self.paragraph_range(i)
        bar = self.verticalScrollBar()
        if not bar.value() <= top <= bar.value() + self.viewport().height() * 0.8:
            bar.setValue(int(top - self.viewport().height() * 0.2))
        self.viewport().update()
        self._margin.update()

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        cr = self.contentsRect()
        self._margin.setGeometry(cr.left(), cr.top(), MARGIN, cr.height())
        self._fit_margin()  # the paragraphs wrapped anew

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        super().mouseReleaseEvent(e)
        if not self.textCursor().hasSelection():
            para = self.paragraph_at(int(e.position().y()))
            if para is not None:
                self.paragraphClicked.emit(para)

    # ----- painting --------------------------------------------------------------------------
    def paintEvent(self, e: QPaintEvent) -> None:
        super().paintEvent(e)
        if self.selected is None:
            return
        top, bottom = self.paragraph_range(self.selected)
        shift = self.verticalScrollBar().value()
        p = QPainter(self.viewport())
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QPen(QColor(self.theme.selection_frame), 2))
        m = self.document().documentMargin()
        p.drawRoundedRect(
            QRectF(m - 4, top - shift - 3, self.viewport().width() - 2 * m + 8, bottom - top + 2), 4, 4
        )
        p.end()

    def paint_margin(self, widget: QWidget, e: QPaintEvent) -> None:
        p = QPainter(widget)
        p.fillRect(e.rect(), QColor(self.theme.alt_base))
        p.setPen(QColor(self.theme.border))
        p.drawLine(widget.width() - 1, 0, widget.width() - 1, widget.height())
        if self.result is None:
            p.end()
            return
        base = QFont(self.font())
        base.setPointSizeF(max(8.0, self.document().defaultFont().pointSizeF() * 0.8))
        bold = QFont(base)
        bold.setWeight(QFont.Weight.Bold)
        line = self.margin_line_height()
        shift = self.verticalScrollBar().value()
        for i, para in enumerate(self.result.paragraphs):
            top, bottom = self.paragraph_range(i)
            y = top - shift + 4
            if y > widget.height() or bottom - shift < 0:
                continue
            colour = QColor(STATUS_COLOUR[para.status])
            p.fillRect(QRectF(widget.width() - 5, top - shift, 3, bottom - top), colour)
            paint_status(p, para.status, QPointF(14, y + line / 2), 6.5)
            p.setFont(bold)
            p.setPen(QColor(self.theme.accent if i == self.selected else self.theme.text))
            p.drawText(QRectF(26, y, 60, line), Qt.AlignmentFlag.AlignLeft, para.label)
            p.setFont(base)
            p.setPen(colour)
            p.drawText(QRectF(80, y, widget.width() - 88, line), Qt.AlignmentFlag.AlignLeft, para.status)
            best = para.best
            if best is not None:
                p.setPen(QColor(self.theme.muted))
                p.drawText(
                    QRectF(26, y + line, widget.width() - 34, line),
                    Qt.AlignmentFlag.AlignLeft,
                    f"{best.doc.name} {best.label}",
                )
                year = f"{best.doc.year or '?'} \u00b7 {best.score:.0f}"
                p.drawText(
                    QRectF(26, y + 2 * line, widget.width() - 34, line), Qt.AlignmentFlag.AlignLeft, year
                )
        p.end()

    def margin_tip(self, i: int) -> str:
        if self.result is None:
            return ""
        para = self.result.paragraphs[i]
        lines = [f"<b>{para.label}</b>: {para.status}"]
        for s in para.sources[:8]:
            same = " (same words)" if s.agreed else ""
            lines.append(f"{s.doc.name} {s.label} ({s.doc.year or '?'}), score {s.score:.1f}{same}")
        shown = min(len(para.sources), 8)
        if para.source_count > shown:
            more = para.source_count - shown
            lines.append(f"\u2026 and {more:,} more source{'s' if more != 1 else ''}")
        if para.earliest is not None:
            e = para.earliest
            lines.append(f"oldest: {e.doc.name} {e.label} ({e.doc.year or '?'})")
        return "<br>".join(lines)


class SourcePanel(QWidget):
    """The clicked paragraph's best source: the word diff to the draft, and the source document."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setStyleSheet("font-weight: 600; padding: 6px 8px 2px 8px;")
        self.diff = QTextEdit(self)
        self.diff.setReadOnly(True)
        self.diff.setObjectName("ProvenanceDiff")
        self.document_view = QTextEdit(self)
        self.document_view.setReadOnly(True)
        self.document_view.setObjectName("ProvenanceSource")
        self.doc_label = QLabel(self)
        self.doc_label.setTextFormat(Qt.TextFormat.PlainText)
        self.doc_label.setWordWrap(True)  # a long title on one line widened the panel at every click
        self.doc_label.setStyleSheet("padding: 6px 8px 2px 8px; color: gray;")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.heading)
        lay.addWidget(self.diff, 2)
        lay.addWidget(self.doc_label)
        lay.addWidget(self.document_view, 3)
        self.source_doc: Document | None = None
        self.source_paragraph: int | None = None
        self.show_hint("Click a paragraph of the draft to see where it comes from.")

    def show_hint(self, text: str) -> None:
        self.heading.setText(text)
        self.diff.clear()
        self.doc_label.clear()
        self.document_view.clear()
        self.source_doc = None
        self.source_paragraph = None

    def show_paragraph(
        self, para: ParagraphProvenance, source: Document | None, theme: Theme, point: float
    ) -> None:
        best = para.best
        if best is None:
            self.show_hint(f"{para.label} is new: no earlier paragraph reaches the score.")
            return
        same = "the same words" if best.agreed else f"score {best.score:.1f}"
        year = best.doc.year or "?"
        head = f"{para.label} {para.status}: best source {best.doc.name} {best.label} ({year}), {same}"
        e = para.earliest
        if e is not None and e is not best:
            head += f"; oldest {e.doc.name} {e.label} ({e.doc.year or '?'})"
        if para.source_count > 1:  # the margin's tooltip lists the best of them
            head += f"; {para.source_count - 1:,} more source{'s' if para.source_count > 2 else ''}"
        self.heading.setText(head)
        doc = QTextDocument(self.diff)
        font = QFont(self.font())
        font.setPointSizeF(point)
        doc.setDefaultFont(font)
        cur = QTextCursor(doc)
        for tag, text in para.diff:
            fmt = QTextCharFormat()
            fmt.setForeground(QColor(theme.text))
            if tag == "delete":
                fmt.setBackground(QColor(theme.delete_bg))
                fmt.setFontStrikeOut(True)
                fmt.setToolTip(f"only in {best.doc.name}")
            elif tag == "insert":
                fmt.setBackground(QColor(theme.insert_bg))
                fmt.setToolTip("only in the draft")
            cur.insertText(text, fmt)
        self.diff.setDocument(doc)
        self.source_doc = source
        self.source_paragraph = best.index
        if source is None:
            self.doc_label.setText(f"{best.doc.name} could not be opened.")
            self.document_view.clear()
            return
        self.doc_label.setText(f"{source.display_name}  {source.metadata.title}  {source.metadata.date}")
        sdoc = QTextDocument(self.document_view)
        sdoc.setDefaultFont(font)
        cur = QTextCursor(sdoc)
        target = 0
        for i, sp in enumerate(source.paragraphs):
            if i:
                cur.insertBlock()
            fmt = QTextCharFormat()
            fmt.setForeground(QColor(theme.text if i == best.index else theme.muted))
            if i == best.index:
                fmt.setBackground(QColor(theme.phrase_bg))
                target = cur.position()
            cur.insertText(f"{sp.label}  ", fmt)
            cur.insertText(sp.text, fmt)
        self.document_view.setDocument(sdoc)
        sdoc.setTextWidth(self.document_view.viewport().width())  # laid out now as it will be shown
        at = QTextCursor(sdoc)
        at.setPosition(target)
        self.document_view.setTextCursor(at)
        self.scroll_to_source()
        # the scroll bar's range follows the new document's layout only later: scroll again then
        QTimer.singleShot(0, self.scroll_to_source)

    def scroll_to_source(self) -> None:
        """Bring the source paragraph to the top of the source document (it could be off screen: its
        place was read before the new document was laid out at the view's width)."""
        doc = self.document_view.document()
        if self.source_paragraph is None or self.source_doc is None:
            return
        block = doc.findBlockByNumber(self.source_paragraph)
        if not block.isValid():
            return
        top = doc.documentLayout().blockBoundingRect(block).top()
        self.document_view.verticalScrollBar().setValue(max(0, int(top) - 20))


class ProvenanceView(QWidget):
    """The whole provenance mode: a bar, the draft and the source side by side."""

    closeRequested = Signal()
    exportRequested = Signal()

    def __init__(self, open_source: Callable[[str], Document | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._open_source = open_source
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setStyleSheet("font-weight: 600; font-size: 13pt; padding: 4px 8px;")
        # Wrapped, so that a long draft name never widens the window (it made it 1,548 px wide).
        self.title.setWordWrap(True)
        self.title.setMinimumWidth(200)
        self.export_button = QPushButton("Export Report\u2026", self)
        self.export_button.setToolTip("Save where the draft's language comes from as an HTML report")
        self.close_button = QPushButton("Back to Comparison", self)
        self.close_button.setToolTip("Leave the provenance view")
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 4, 8, 4)
        bar.addWidget(self.title, 1)
        bar.addWidget(self.export_button)
        bar.addWidget(self.close_button)
        self.draft = DraftView(self)
        self.source = SourcePanel(self)
        self.splitter = QSplitter(self)
        self.splitter.addWidget(self.draft)
        self.splitter.addWidget(self.source)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addLayout(bar)
        lay.addWidget(self.splitter, 1)
        self.result: Provenance | None = None
        self.theme: Theme = LIGHT
        self.point_size = 11.0
        self.draft.paragraphClicked.connect(self.show_paragraph)
        self.export_button.clicked.connect(self.exportRequested)
        self.close_button.clicked.connect(self.closeRequested)

    def set_result(self, result: Provenance, theme: Theme, point_size: float) -> None:
        self.result = result
        self.theme = theme
        self.point_size = point_size
        md = result.draft.metadata
        name = md.symbol or Path(result.draft.path).name or result.draft.id
        self.title.setText(
            f"Where the language of {name} comes from \u2014 compared with {result.compared:,} earlier "
            f"document{'s' if result.compared != 1 else ''}, sources score \u2265 {result.min_score:g}"
        )
        self.draft.set_result(result, theme, point_size)
        self.source.show_hint("Click a paragraph of the draft to see where it comes from.")

    def show_paragraph(self, i: int) -> None:
        if self.result is None or not 0 <= i < len(self.result.paragraphs):
            return
        para = self.result.paragraphs[i]
        self.draft.select(i)
        source = self._open_source(para.best.doc.id) if para.best is not None else None
        self.source.show_paragraph(para, source, self.theme, self.point_size)
