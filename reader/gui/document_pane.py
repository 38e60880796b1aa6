"""A pane: a small header naming the document, its text view and its overview strip."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from reader.core.model import Document
from reader.gui.document_view import DocumentView
from reader.gui.overview_strip import OverviewStrip, StripMark
from reader.gui.side_marks import Side, SideMarks
from reader.gui.theme import Theme

CHANGE_KINDS = ("modified", "moved", "added", "removed")


class ElidedLabel(QLabel):
    """A one-line label that shortens its text with an ellipsis to fit its width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.full_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str) -> None:
        self.full_text = text
        self.setText(text)
        self.update()

    def paintEvent(self, e: QPaintEvent) -> None:
        p = QPainter(self)
        p.setPen(self.palette().color(self.foregroundRole()))
        text = self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight, self.width())
        p.drawText(self.rect(), int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), text)
        p.end()


def part_note(doc_id: str) -> str:
    """ ", text 2 of the file (A_RES_32_40#2)" for one of the texts of a volume page; "" else."""
    _, sep, number = doc_id.rpartition("#")
    return f", text {number} of the file ({doc_id})" if sep and number.isdigit() else ""


class DocumentPane(QWidget):
    def __init__(self, side: Side, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.side: Side = side
        self.header = QFrame(self)
        self.header.setObjectName("PaneHeader")
        self.side_label = QLabel("LEFT" if side == "left" else "RIGHT", self.header)
        self.side_label.setObjectName("PaneSide")
        self.title_label = ElidedLabel(self.header)
        hl = QHBoxLayout(self.header)
        hl.setContentsMargins(10, 6, 10, 6)
        hl.addWidget(self.side_label)
        hl.addWidget(self.title_label, 1)
        # What the reader of this text should check (a numbering gap, a footnote holding paragraphs,
        # text set aside): said where the user looks, the whole list on hover.
        self.warning_label = QLabel(self.header)
        self.warning_label.setObjectName("PaneWarning")
        self.warning_label.setStyleSheet("color: #b35900; font-weight: 600;")
        self.warning_label.setVisible(False)
        hl.addWidget(self.warning_label)
        self.header.setToolTip(
            f"The {side} document. Drop a file here, or use File \u2192 Open {side}, or the corpus panel."
        )
        self.view = DocumentView(side, self)
        self.strip = OverviewStrip(self)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.view, 1)
        body.addWidget(self.strip)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.header)
        lay.addLayout(body, 1)
        self.strip.jumpRequested.connect(self._jump)
        sb = self.view.verticalScrollBar()
        sb.valueChanged.connect(self._update_strip_view)
        sb.rangeChanged.connect(lambda *_: self._update_strip_view())

    def set_document(self, doc: Document) -> None:
        md = doc.metadata
        parts = [md.symbol or doc.id, md.body, md.date[:4] if md.date else "", md.title]
        title = "  \u00b7  ".join(x for x in parts if x)
        self.title_label.set_full_text(title)
        self.title_label.setToolTip(f"{title}\n{doc.path}{part_note(doc.id)}")
        self.warning_label.setText(warning_badge(doc))
        self.warning_label.setToolTip(warning_details(doc))
        self.warning_label.setVisible(bool(doc.warnings))

    def update_strip(self, marks: SideMarks, theme: Theme) -> None:
        """Ticks for every changed paragraph, placed by its real height in the document."""
        total = max(1.0, self.view.content_height())
        items: list[StripMark] = []
        for idx, kind in marks.kind_of.items():
            if kind not in CHANGE_KINDS:
                continue
            rng = self.view.paragraph_range(idx)
            if rng:
                items.append(StripMark(rng[0] / total, rng[1] / total, kind))
        self.strip.set_marks(items, theme)
        self._update_strip_view()

    def _update_strip_view(self) -> None:
        sb = self.view.verticalScrollBar()
        total = max(1.0, float(sb.maximum() + sb.pageStep()))
        self.strip.set_view(sb.value() / total, (sb.value() + sb.pageStep()) / total)

    def _jump(self, fraction: float) -> None:
        sb = self.view.verticalScrollBar()
        total = sb.maximum() + sb.pageStep()
        sb.setValue(int(fraction * total - sb.pageStep() / 2))


def warning_badge(doc: Document) -> str:
    """ "⚠ 2 warnings" for the pane header, or "" when the text read cleanly."""
    n = len(doc.warnings)
    return "" if not n else f"\u26a0 {n} warning{'s' if n != 1 else ''}"


def warning_details(doc: Document) -> str:
    """Every warning, and how much text was set aside, for the badge's tooltip."""
    lines = [f"\u2022 {w}" for w in doc.warnings]
    aside = sum(len(a.text.split()) for a in doc.set_aside)
    if aside:
        lines.append(
            f"{aside:,} words set aside (header, closing lines, page furniture …): parse --json lists them"
        )
    return "\n".join(lines)
