"""One document's text: selectable, labelled in the margin, with tooltips and drop support.

The view knows where each paragraph is on screen (for the gutter, the overview
strip and synchronised scrolling) and draws a frame around the selected
paragraph. Everything it shows comes from a ``RenderedDocument``.
"""

from __future__ import annotations

from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTextCursor,
)
from PySide6.QtWidgets import QTextEdit, QToolTip, QWidget

from reader.core.model import Comparison, Document
from reader.gui.render import (
    PROP_FOOTNOTE,
    PROP_MARK,
    PROP_PHRASE,
    RenderedDocument,
    footnote_tooltip,
    format_property,
)
from reader.gui.side_marks import Side, phrase_tooltip
from reader.gui.theme import KIND_GLYPHS, LIGHT, Theme

MARGIN_WIDTH = 70


@dataclass(frozen=True)
class Highlight:
    """A coloured range in document positions (keyword hits, find hits)."""

    start: int
    end: int
    colour: str


class LabelMargin(QWidget):
    """Paragraph labels (and footnote markers) beside the text, like line numbers."""

    def __init__(self, view: DocumentView) -> None:
        super().__init__(view)
        self._view = view
        self.setMouseTracking(True)
        self.setToolTip(
            "Paragraph labels (PP = preambular, OP = operative, P = plain paragraph; "
            "a prefix names a section or annex); hover for details"
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        self._view.paint_margin(self, event)

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            text = self._view.margin_tooltip(e.pos().y())
            if text:
                QToolTip.showText(e.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(e)

    def mousePressEvent(self, e: QMouseEvent) -> None:
        para = self._view.paragraph_at(int(e.position().y()))
        if para is not None:
            self._view.paragraphClicked.emit(para)


class DocumentView(QTextEdit):
    paragraphClicked = Signal(int)
    fileDropped = Signal(str)
    traceRequested = Signal(str)  # selected text to trace across the corpus
    keywordRequested = Signal(str)  # selected text to add as a keyword
    findRequested = Signal(str)  # selected text to find in both panes
    historyRequested = Signal(int)  # paragraph whose versions across the series to show
    agreedLanguageRequested = Signal(str)  # text (selection or paragraph) to find adopted wordings for

    def __init__(self, side: Side, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DocumentView")
        self.side: Side = side
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setToolTip("")
        self._margin = LabelMargin(self)
        self._margin_width = MARGIN_WIDTH
        self.setViewportMargins(MARGIN_WIDTH, 0, 0, 0)
        self.rendered: RenderedDocument | None = None
        self.document_model: Document | None = None
        self.comparison: Comparison | None = None
        self.theme: Theme = LIGHT
        self.selected: set[int] = set()
        self.kind_of: dict[int, str] = {}
        self._geometry: dict[int, tuple[float, float]] = {}
        self._layers: dict[str, list[Highlight]] = {}
        self._press: QPoint | None = None
        self.verticalScrollBar().valueChanged.connect(self._margin.update)

    # ----- content -------------------------------------------------------------------------
    def set_rendered(self, rendered: RenderedDocument, comparison: Comparison, theme: Theme) -> None:
        value = self.verticalScrollBar().value()
        self.rendered = rendered
        self.comparison = comparison
        self.document_model = comparison.left if self.side == "left" else comparison.right
        self.kind_of = {
            i: pair.kind
            for pair in comparison.alignment.pairs
            for i in (pair.left if self.side == "left" else pair.right)
        }
        self.theme = theme
        previous = self.document()
        owned = previous.parent() is self
        self.setDocument(rendered.qdoc)
        rendered.qdoc.setParent(self)
        self._geometry.clear()
        rendered.qdoc.documentLayout().documentSizeChanged.connect(self._layout_changed)
        if owned and previous is not rendered.qdoc and shiboken6.isValid(previous):
            previous.deleteLater()  # re-rendering (threshold, zoom, theme) must not pile up documents
        self._layers.clear()
        self.selected = {p for p in self.selected if p in rendered.places}
        self._apply_layers()
        self.verticalScrollBar().setValue(value)
        self._fit_margin()
        self._margin.update()

    def _fit_margin(self) -> None:
        """Widen the margin for long labels ("Annex.12(a)", "Article17.OP2"): a label never clips."""
        doc = self.document_model
        metrics = self._margin.fontMetrics()
        widest = max((metrics.horizontalAdvance(p.label) for p in doc.paragraphs), default=0) if doc else 0
        width = max(MARGIN_WIDTH, widest + 18)
        if width != self._margin_width:
            self._margin_width = width
            self.setViewportMargins(width, 0, 0, 0)
            cr = self.contentsRect()
            self._margin.setGeometry(QRect(cr.left(), cr.top(), width, cr.height()))

    def set_layer(self, name: str, highlights: list[Highlight]) -> None:
        self._layers[name] = highlights
        self._apply_layers()

    def layer(self, name: str) -> list[Highlight]:
        return list(self._layers.get(name, []))

    def _apply_layers(self) -> None:
        sels: list[QTextEdit.ExtraSelection] = []
        doc = self.document()
        for name in ("keywords", "find", "current"):
            for h in self._layers.get(name, []):
                sel = QTextEdit.ExtraSelection()
                cur = QTextCursor(doc)
                cur.setPosition(h.start)
                cur.setPosition(h.end, QTextCursor.MoveMode.KeepAnchor)
                sel.cursor = cur
                fmt = sel.format
                fmt.setBackground(QColor(h.colour))
                if name == "current":
                    fmt.setFontWeight(QFont.Weight.Bold)
                if name == "keywords" and self.theme.dark:
                    fmt.setForeground(QColor("#111111"))
                sel.format = fmt
                sels.append(sel)
        self.setExtraSelections(sels)

    # ----- geometry --------------------------------------------------------------------------
    def paragraph_range(self, paragraph: int) -> tuple[float, float] | None:
        """Top and bottom of a paragraph in content coordinates (None if hidden).

        Asked for every paragraph on every scroll step (gutter, margin, sync), so
        answers are kept until the layout changes (new text, width, zoom).
        """
        if self.rendered is None or paragraph not in self.rendered.places:
            return None
        cached = self._geometry.get(paragraph)
        if cached is not None:
            return cached
        block = self.document().findBlockByNumber(self.rendered.places[paragraph].block)
        rect = self.document().documentLayout().blockBoundingRect(block)
        self._geometry[paragraph] = (rect.top(), rect.bottom())
        return self._geometry[paragraph]

    def _layout_changed(self, *_: object) -> None:
        self._geometry.clear()

    def content_height(self) -> float:
        return self.document().documentLayout().documentSize().height()

    def to_viewport(self, y: float) -> float:
        return y - self.verticalScrollBar().value()

    def paragraph_at(self, viewport_y: int) -> int | None:
        if self.rendered is None:
            return None
        y = viewport_y + self.verticalScrollBar().value()
        for idx in self.rendered.places:
            rng = self.paragraph_range(idx)
            if rng and rng[0] <= y < rng[1]:
                return idx
        return None

    def insertion_y(self, after: int) -> float:
        """Content y of the gap after paragraph ``after`` (-1: before the first paragraph)."""
        if self.rendered is None:
            return 0.0
        shown = sorted(self.rendered.places)
        before = [p for p in shown if p <= after]
        if before:
            rng = self.paragraph_range(before[-1])
            return rng[1] if rng else 0.0
        if shown:
            rng = self.paragraph_range(shown[0])
            return rng[0] if rng else 0.0
        return self.content_height()

    def scroll_to_paragraph(self, paragraph: int, fraction: float = 0.3) -> None:
        rng = self.paragraph_range(paragraph)
        if rng is None:
            return
        page = self.viewport().height()
        self.verticalScrollBar().setValue(int(rng[0] - page * fraction))

    def ensure_paragraph_visible(self, paragraph: int) -> None:
        rng = self.paragraph_range(paragraph)
        if rng is None:
            return
        top = self.verticalScrollBar().value()
        page = self.viewport().height()
        if rng[0] < top or rng[1] > top + page:
            self.scroll_to_paragraph(paragraph)

    def select_paragraphs(self, paragraphs: set[int]) -> None:
        self.selected = set(paragraphs)
        self.viewport().update()
        self._margin.update()

    # ----- painting --------------------------------------------------------------------------
    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        self._geometry.clear()
        cr = self.contentsRect()
        self._margin.setGeometry(QRect(cr.left(), cr.top(), self._margin_width, cr.height()))

    def paintEvent(self, e: QPaintEvent) -> None:
        super().paintEvent(e)
        if not self.selected:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(QColor(self.theme.selection_frame), 2)
        painter.setPen(pen)
        for p in self.selected:
            rng = self.paragraph_range(p)
            if rng is None:
                continue
            top, bottom = self.to_viewport(rng[0]), self.to_viewport(rng[1])
            margin = self.document().documentMargin()
            # the block's rect is its lines only; frame it in the margins around them
            rect = QRectF(margin - 1, top - 3, self.viewport().width() - 2 * margin + 2, bottom - top + 6)
            painter.drawRoundedRect(rect, 4, 4)
        painter.end()

    def paint_margin(self, widget: QWidget, e: QPaintEvent) -> None:
        painter = QPainter(widget)
        painter.fillRect(e.rect(), QColor(self.theme.alt_base))
        painter.setPen(QColor(self.theme.border))
        painter.drawLine(widget.width() - 1, 0, widget.width() - 1, widget.height())
        if self.rendered is None or self.document_model is None:
            painter.end()
            return
        base = QFont(self.font())
        base.setPointSizeF(max(7.5, self.document().defaultFont().pointSizeF() * 0.78))
        bold = QFont(base)
        bold.setWeight(QFont.Weight.Bold)
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * 0.9)
        height = widget.height()
        line = self.fontMetrics().height()
        for idx in self.rendered.places:
            rng = self.paragraph_range(idx)
            if rng is None:
                continue
            top = self.to_viewport(rng[0])
            if top > height or self.to_viewport(rng[1]) < 0:
                continue
            para = self.document_model.paragraphs[idx]
            sel = idx in self.selected
            kind = self.kind_of.get(idx, "identical")
            if kind != "identical":
                # a change bar beside the text (as in printed revisions) and the kind's glyph
                colour = QColor(self.theme.kind_line[kind])
                painter.fillRect(QRectF(widget.width() - 5, top, 3, rng[1] - rng[0]), colour)
                painter.setFont(bold)
                painter.setPen(colour)
                painter.drawText(
                    QRectF(4, top + 4, 14, line + 4), Qt.AlignmentFlag.AlignLeft, KIND_GLYPHS[kind]
                )
            painter.setFont(bold if sel else base)
            painter.setPen(QColor(self.theme.accent if sel else self.theme.muted))
            painter.drawText(
                QRectF(4, top + 4, widget.width() - 14, line + 4), Qt.AlignmentFlag.AlignRight, para.label
            )
            if para.markers:
                painter.setFont(small)
                painter.setPen(QColor(self.theme.accent))
                numbers = ",".join(str(m.number) for m in para.markers)
                painter.drawText(
                    QRectF(4, top + 6 + line, widget.width() - 14, line + 4),
                    Qt.AlignmentFlag.AlignRight,
                    f"fn {numbers}",
                )
        painter.end()

    # ----- tooltips -------------------------------------------------------------------------
    def margin_tooltip(self, viewport_y: int) -> str:
        para = self.paragraph_at(viewport_y)
        if para is None or self.document_model is None or self.comparison is None:
            return ""
        doc = self.document_model
        p = doc.paragraphs[para]
        lines = [f"<b>{p.label}</b>"]
        for k, pair in enumerate(self.comparison.alignment.pairs):
            own = pair.left if self.side == "left" else pair.right
            if para in own:
                other_doc = self.comparison.right if self.side == "left" else self.comparison.left
                other = pair.right if self.side == "left" else pair.left
                partner = ", ".join(other_doc.paragraphs[i].label for i in other) or "nothing"
                lines.append(f"{pair.kind}, score {pair.score:.0f} \u2014 pairs with {partner} (row {k + 1})")
        for mk in p.markers:
            lines.append(footnote_tooltip(doc, mk.number))
        return "<br>".join(lines)

    def text_tooltip(self, pos: QPoint) -> str:
        if self.comparison is None or self.document_model is None:
            return ""
        y = pos.y() + self.verticalScrollBar().value()
        x = pos.x() + self.horizontalScrollBar().value()
        hit = self.document().documentLayout().hitTest(QPoint(x, y), Qt.HitTestAccuracy.ExactHit)
        if hit < 0:
            return ""
        cur = QTextCursor(self.document())
        cur.setPosition(hit)
        cur.movePosition(QTextCursor.MoveOperation.NextCharacter)
        fmt = cur.charFormat()
        tips: list[str] = []
        other = self.comparison.right if self.side == "left" else self.comparison.left
        mark = format_property(fmt, PROP_MARK)
        if mark == "delete":
            tips.append(f"Deleted: not in {other.display_name}")
        elif mark == "insert":
            tips.append(f"Inserted: not in {other.display_name}")
        ref = format_property(fmt, PROP_PHRASE)
        if isinstance(ref, int) and 0 <= ref < len(self.comparison.shared_phrases):
            tips.append(phrase_tooltip(self.comparison.shared_phrases[ref]))
        number = format_property(fmt, PROP_FOOTNOTE)
        if isinstance(number, int):
            tips.append(footnote_tooltip(self.document_model, number))
        return "\n".join(tips)

    def viewportEvent(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            text = self.text_tooltip(e.pos())
            if text:
                QToolTip.showText(e.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(e)

    # ----- context menu ----------------------------------------------------------------------
    def selected_phrase(self) -> str:
        return " ".join(
            self.textCursor().selectedText().replace("\u2029", " ").replace("\u2028", " ").split()
        )

    def _paragraph_text(self, paragraph: int | None) -> str:
        doc = self.document_model
        if paragraph is None or doc is None or not 0 <= paragraph < len(doc.paragraphs):
            return ""
        return doc.paragraphs[paragraph].text

    def contextMenuEvent(self, e: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(e.pos())
        text = self.selected_phrase()
        if text:
            short = text if len(text) <= 40 else text[:38] + "\u2026"
            menu.addSeparator()
            trace = menu.addAction(f"Trace \u201c{short}\u201d Across Corpus")
            trace.triggered.connect(lambda: self.traceRequested.emit(text))
            keyword = menu.addAction("Highlight as Keyword")
            keyword.triggered.connect(lambda: self.keywordRequested.emit(text))
            find = menu.addAction("Find in Both Documents")
            find.triggered.connect(lambda: self.findRequested.emit(text))
        paragraph = self.paragraph_at(e.pos().y())
        if paragraph is not None:
            menu.addSeparator()
            history = menu.addAction("History of This Paragraph")
            history.triggered.connect(lambda: self.historyRequested.emit(paragraph))
        wanted = text or self._paragraph_text(paragraph)
        if wanted:
            agreed = menu.addAction("Find Agreed Language for This")
            agreed.triggered.connect(lambda: self.agreedLanguageRequested.emit(wanted))
        menu.exec(e.globalPos())
        menu.deleteLater()

    # ----- mouse & drops ---------------------------------------------------------------------
    def mousePressEvent(self, e: QMouseEvent) -> None:
        self._press = e.position().toPoint()
        super().mousePressEvent(e)

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        super().mouseReleaseEvent(e)
        start, self._press = self._press, None
        if start is None or (e.position().toPoint() - start).manhattanLength() > 4:
            return
        if self.textCursor().hasSelection():
            return
        para = self.paragraph_at(int(e.position().y()))
        if para is not None:
            self.paragraphClicked.emit(para)

    @staticmethod
    def _local_file(e: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> str | None:
        mime = e.mimeData()
        if mime is None or not mime.hasUrls():
            return None
        for url in mime.urls():
            if url.isLocalFile():
                return url.toLocalFile()
        return None

    def dragEnterEvent(self, e: QDragEnterEvent) -> None:
        if self._local_file(e):
            e.acceptProposedAction()
        else:
            e.ignore()

    def dragMoveEvent(self, e: QDragMoveEvent) -> None:
        if self._local_file(e):
            e.acceptProposedAction()
        else:
            e.ignore()

    def dropEvent(self, e: QDropEvent) -> None:
        path = self._local_file(e)
        if path:
            e.acceptProposedAction()
            self.fileDropped.emit(path)
        else:
            e.ignore()
