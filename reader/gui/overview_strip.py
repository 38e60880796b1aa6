"""A thin strip beside the scroll bar: where the changes are in the whole document.

Each changed paragraph is a coloured tick at its relative height, the visible
part is a translucent box; clicking the strip scrolls the pane there.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from reader.gui.theme import LIGHT, Theme

STRIP_WIDTH = 14


@dataclass(frozen=True)
class StripMark:
    top: float  # fraction of the document height, 0..1
    bottom: float
    kind: str


class OverviewStrip(QWidget):
    jumpRequested = Signal(float)  # fraction of the document height

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedWidth(STRIP_WIDTH)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Overview of changes in this document; click to jump there")
        self.marks: list[StripMark] = []
        self.view_top = 0.0
        self.view_bottom = 1.0
        self.theme: Theme = LIGHT

    def sizeHint(self) -> QSize:
        return QSize(STRIP_WIDTH, 200)

    def set_marks(self, marks: list[StripMark], theme: Theme) -> None:
        self.marks = marks
        self.theme = theme
        self.update()

    def set_view(self, top: float, bottom: float) -> None:
        self.view_top, self.view_bottom = top, bottom
        self.update()

    def paintEvent(self, e: QPaintEvent) -> None:
        p = QPainter(self)
        h = self.height()
        w = self.width()
        p.fillRect(self.rect(), QColor(self.theme.alt_base))
        for m in self.marks:
            y0 = m.top * h
            y1 = max(y0 + 3.0, m.bottom * h)
            p.fillRect(
                QRectF(2, y0, w - 4, y1 - y0), QColor(self.theme.kind_line.get(m.kind, self.theme.muted))
            )
        frame = QColor(self.theme.text)
        frame.setAlpha(40)
        p.fillRect(QRectF(0, self.view_top * h, w, max(4.0, (self.view_bottom - self.view_top) * h)), frame)
        p.setPen(QColor(self.theme.border))
        p.drawLine(0, 0, 0, h)
        p.end()

    def mousePressEvent(self, e: QMouseEvent) -> None:
        if self.height() > 0:
            self.jumpRequested.emit(max(0.0, min(1.0, e.position().y() / self.height())))
