"""The band between the panes that links each left paragraph to its partner, Meld-style.

Links are curved bands from the left paragraph's height range to the right
one's; moved pairs therefore cross. Colour says the kind, and so do a glyph in
a small badge and a pattern (hatched for added/removed, dashed outline for
moved), so the kinds are told apart without colour.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QWidget

from reader.core.model import Comparison
from reader.gui.document_view import DocumentView
from reader.gui.side_marks import insertion_points
from reader.gui.theme import KIND_GLYPHS, LIGHT, Theme

GUTTER_WIDTH = 64
BADGE_RADIUS = 8.0


@dataclass(frozen=True)
class Link:
    pair: int
    kind: str
    left: tuple[float, float]  # gutter coordinates
    right: tuple[float, float]


class LinkGutter(QWidget):
    pairClicked = Signal(int)

    def __init__(self, left: DocumentView, right: DocumentView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.left_view = left
        self.right_view = right
        self.comparison: Comparison | None = None
        self.theme: Theme = LIGHT
        self.selected_pair: int | None = None
        self._shift: dict[str, float] = {"left": 0.0, "right": 0.0}
        self.setFixedWidth(GUTTER_WIDTH)
        self.setMouseTracking(True)
        self.setToolTip(
            "Links between aligned paragraphs: = identical, ~ modified, \u21c5 moved, + added, \u2212 removed"
        )
        for v in (left, right):
            v.verticalScrollBar().valueChanged.connect(self.update)

    def set_comparison(self, comparison: Comparison, theme: Theme) -> None:
        self.comparison = comparison
        self.theme = theme
        self.update()

    def _range(
        self, view: DocumentView, indices: tuple[int, ...], after: int | None
    ) -> tuple[float, float] | None:
        tops: list[float] = []
        bottoms: list[float] = []
        for i in indices:
            rng = view.paragraph_range(i)
            if rng:
                tops.append(rng[0])
                bottoms.append(rng[1])
        if tops:
            top, bottom = min(tops), max(bottoms)
        elif not indices and after is not None:
            top = bottom = view.insertion_y(after)
        else:
            return None
        shift = self._shift[view.side]
        return top + shift, bottom + shift

    def _view_shift(self, view: DocumentView) -> float:
        """Content y of ``view`` -> y in this gutter."""
        offset = view.viewport().mapTo(self.window(), view.viewport().rect().topLeft()).y()
        own = self.mapTo(self.window(), self.rect().topLeft()).y()
        return float(offset - own - view.verticalScrollBar().value())

    def links(self) -> list[Link]:
        """The links currently visible (in gutter coordinates)."""
        c = self.comparison
        if c is None:
            return []
        self._shift = {"left": self._view_shift(self.left_view), "right": self._view_shift(self.right_view)}
        gaps_left = insertion_points(c, "left")
        gaps_right = insertion_points(c, "right")
        out: list[Link] = []
        h = self.height()
        for k, pair in enumerate(c.alignment.pairs):
            lr = self._range(self.left_view, pair.left, gaps_left.get(k))
            rr = self._range(self.right_view, pair.right, gaps_right.get(k))
            if lr is None or rr is None:
                continue
            if max(lr[1], rr[1]) < 0 or min(lr[0], rr[0]) > h:
                continue
            # far-away ends are pinned just outside the gutter: the visible part looks the same
            # and painting stays cheap when many long (moved) links cross the view
            lo, hi = -40.0, h + 40.0
            lr = (min(max(lr[0], lo), hi), min(max(lr[1], lo), hi))
            rr = (min(max(rr[0], lo), hi), min(max(rr[1], lo), hi))
            out.append(Link(k, pair.kind, lr, rr))
        return out

    def paintEvent(self, e: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(self.theme.window))
        w = float(self.width())
        links = self.links()
        # smooth curves for the usual handful of links; a heavily reordered pair can show
        # dozens of long crossing links, where antialiasing would make scrolling sluggish
        p.setRenderHint(QPainter.RenderHint.Antialiasing, len(links) <= 40)
        # calm links first, changes on top, the selected one last
        links.sort(key=lambda lk: (lk.pair == self.selected_pair, lk.kind != "identical"))
        for lk in links:
            self._paint_link(p, lk, w)
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        font.setWeight(QFont.Weight.Bold)
        p.setFont(font)
        places = self.badge_places(links, w)
        for lk in links:
            if lk.pair in places:
                self._paint_badge(p, lk, places[lk.pair])
        p.end()

    def badge_places(self, links: list[Link], w: float) -> dict[int, QPointF]:
        """Where each changed link's badge goes: on the middle of its band, at the gutter's centre or,
        when another badge is already there (several added or removed paragraphs in a row), to its
        left or right on the same band, else wherever along it there is room; pushed down off the
        band only when there is none."""
        placed: dict[int, QPointF] = {}
        gap = 2 * BADGE_RADIUS + 1
        columns = (w / 2, w / 2 - gap - 1, w / 2 + gap + 1)
        wanted = sorted(
            (lk for lk in links if lk.kind != "identical"), key=lambda lk: (_middle(lk, w / 2, w), lk.pair)
        )

        def free(pt: QPointF) -> bool:
            return all(abs(pt.x() - q.x()) >= gap or abs(pt.y() - q.y()) >= gap for q in placed.values())

        # then anywhere along the band, nearest the centre first (a steep band passes many heights)
        sweep = sorted(range(int(BADGE_RADIUS) + 1, int(w - BADGE_RADIUS), 2), key=lambda x: abs(x - w / 2))
        for lk in wanted:
            spots = [QPointF(x, _middle(lk, x, w)) for x in columns]
            spot = next((pt for pt in spots if free(pt)), None)
            if spot is None:
                spot = next((pt for x in sweep if free(pt := QPointF(x, _middle(lk, x, w)))), None)
            if spot is None:
                spot = spots[0]
                while not free(spot):
                    spot = QPointF(spot.x(), spot.y() + 1)
            if -BADGE_RADIUS <= spot.y() <= self.height() + BADGE_RADIUS:
                placed[lk.pair] = spot
        return placed

    def _band(self, lk: Link, w: float) -> QPainterPath:
        (lt, lb), (rt, rb) = lk.left, lk.right
        path = QPainterPath(QPointF(0, lt))
        path.cubicTo(QPointF(w * 0.5, lt), QPointF(w * 0.5, rt), QPointF(w, rt))
        path.lineTo(QPointF(w, rb))
        path.cubicTo(QPointF(w * 0.5, rb), QPointF(w * 0.5, lb), QPointF(0, lb))
        path.closeSubpath()
        return path

    def _paint_link(self, p: QPainter, lk: Link, w: float) -> None:
        colour = QColor(self.theme.kind_line.get(lk.kind, self.theme.muted))
        fill = QColor(colour)
        selected = lk.pair == self.selected_pair
        fill.setAlpha(70 if lk.kind != "identical" else 28)
        if selected:
            fill.setAlpha(130)
        path = self._band(lk, w)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QBrush(fill))
        p.drawPath(path)
        if lk.kind in ("added", "removed"):
            hatch = QColor(colour)
            hatch.setAlpha(150)
            p.setBrush(
                QBrush(
                    hatch, Qt.BrushStyle.BDiagPattern if lk.kind == "added" else Qt.BrushStyle.FDiagPattern
                )
            )
            p.drawPath(path)
        pen = QPen(colour, 2.0 if selected else 1.1)
        if lk.kind == "moved":
            pen.setStyle(Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(path)

    def _paint_badge(self, p: QPainter, lk: Link, at: QPointF) -> None:
        colour = QColor(self.theme.kind_line.get(lk.kind, self.theme.muted))
        r = BADGE_RADIUS
        rect = QRectF(at.x() - r, at.y() - r, 2 * r, 2 * r)
        p.setPen(QPen(colour, 1.2))
        p.setBrush(QColor(self.theme.base))
        if lk.kind == "moved":
            p.drawRoundedRect(rect, 3, 3)
        else:
            p.drawEllipse(rect)
        p.setPen(colour)
        p.drawText(rect, Qt.AlignmentFlag.AlignCenter, KIND_GLYPHS.get(lk.kind, "?"))

    def link_at(self, y: float) -> int | None:
        for lk in reversed(self.links()):
            lo = min(lk.left[0], lk.right[0])
            hi = max(lk.left[1], lk.right[1])
            if lo - 3 <= y <= hi + 3:
                return lk.pair
        return None

    def wheelEvent(self, e: QWheelEvent) -> None:
        """Scrolling over the links scrolls both panes (through the left one, which leads)."""
        QApplication.sendEvent(self.left_view.viewport(), e)

    def mousePressEvent(self, e: QMouseEvent) -> None:
        pair = self.link_at(e.position().y())
        if pair is not None:
            self.pairClicked.emit(pair)


def _middle(lk: Link, x: float, w: float) -> float:
    """The y of the middle line of ``lk``'s band at ``x`` (halfway between the band's curved edges);
    ``w``: the gutter's width. At its centre, the mean of both ends' middles."""
    lm = (lk.left[0] + lk.left[1]) / 2
    rm = (lk.right[0] + lk.right[1]) / 2
    # the band's edges are cubics through (0, l), (w/2, l), (w/2, r), (w, r): find t for x
    lo, hi = 0.0, 1.0
    for _ in range(16):  # to 1/65,536 of the width
        t = (lo + hi) / 2
        xt = 1.5 * w * t * (1 - t) + w * t**3
        lo, hi = (t, hi) if xt < x else (lo, t)
    t = (lo + hi) / 2
    return (1 - t) ** 3 * lm + 3 * (1 - t) ** 2 * t * lm + 3 * (1 - t) * t**2 * rm + t**3 * rm
