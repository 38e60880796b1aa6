"""A small bar chart of occurrences per year, painted with QPainter."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from reader.gui.theme import LIGHT, Theme


class TimelineChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts: dict[int, int] = {}
        self.theme: Theme = LIGHT
        self.setMinimumHeight(86)
        self.setToolTip("Occurrences of the traced phrase per year")

    def sizeHint(self) -> QSize:
        return QSize(260, 96)

    def set_years(self, years: list[int | None], theme: Theme) -> None:
        self.counts = dict(Counter(y for y in years if y is not None))
        self.theme = theme
        if self.counts:
            parts = [f"{y}: {n}" for y, n in sorted(self.counts.items())]
            self.setToolTip("Occurrences per year \u2014 " + ", ".join(parts))
        self.update()

    def paintEvent(self, e: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(8, 6, -8, -6)
        p.fillRect(self.rect(), QColor(self.theme.base))
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
        p.setFont(small)
        if not self.counts:
            p.setPen(QColor(self.theme.muted))
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, "Trace a phrase to see when it was used")
            p.end()
            return
        lo, hi = min(self.counts), max(self.counts)
        years = list(range(lo, hi + 1))
        peak = max(self.counts.values())
        label_h = 16.0
        chart = rect.adjusted(0, label_h, 0, -label_h)
        slot = chart.width() / len(years)
        bar_w = max(4.0, min(28.0, slot * 0.6))
        p.setPen(QColor(self.theme.border))
        p.drawLine(chart.bottomLeft(), chart.bottomRight())
        show_every = max(1, int(len(years) / max(1.0, chart.width() / 34)))
        for i, year in enumerate(years):
            n = self.counts.get(year, 0)
            cx = chart.left() + slot * (i + 0.5)
            if n:
                h = chart.height() * n / peak
                bar = QRectF(cx - bar_w / 2, chart.bottom() - h, bar_w, h)
                p.fillRect(bar, QColor(self.theme.accent))
                p.setPen(QColor(self.theme.text))
                p.drawText(
                    QRectF(cx - 20, bar.top() - label_h, 40, label_h), Qt.AlignmentFlag.AlignCenter, str(n)
                )
            if n or i % show_every == 0 or year in (lo, hi):
                p.setPen(QColor(self.theme.muted))
                p.drawText(
                    QRectF(cx - 24, chart.bottom() + 1, 48, label_h), Qt.AlignmentFlag.AlignCenter, str(year)
                )
        p.end()
