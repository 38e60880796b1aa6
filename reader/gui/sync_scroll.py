"""Synchronised scrolling: a piecewise-linear map between the two panes' heights.

Aligned paragraph tops and bottoms are anchor points (like Meld's chunk map):
scrolling one pane puts the corresponding point of the other pane at the same
height on screen, so aligned paragraphs stay level. Moved pairs are left out
(they cross) and anchors must increase on both sides.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass


@dataclass(frozen=True)
class ScrollMap:
    anchors: tuple[tuple[float, float], ...]  # (left y, right y), increasing in both

    @classmethod
    def build(
        cls,
        ranges: list[tuple[tuple[float, float], tuple[float, float]]],
        left_height: float,
        right_height: float,
    ) -> ScrollMap:
        """``ranges``: (left top, bottom), (right top, bottom) of each aligned pair in reading order."""
        pts: list[tuple[float, float]] = [(0.0, 0.0)]
        for (lt, lb), (rt, rb) in ranges:
            for ly, ry in ((lt, rt), (lb, rb)):
                if ly > pts[-1][0] and ry > pts[-1][1] and ly < left_height and ry < right_height:
                    pts.append((ly, ry))
        if left_height > pts[-1][0] and right_height > pts[-1][1]:
            pts.append((left_height, right_height))
        return cls(tuple(pts))

    @staticmethod
    def _interp(points: list[tuple[float, float]], x: float) -> float:
        if len(points) < 2:
            return x
        xs = [p[0] for p in points]
        i = bisect_right(xs, x) - 1
        i = max(0, min(i, len(points) - 2))
        (x0, y0), (x1, y1) = points[i], points[i + 1]
        if x1 == x0:
            return y0
        t = max(0.0, min(1.0, (x - x0) / (x1 - x0)))
        return y0 + t * (y1 - y0)

    def left_to_right(self, y: float) -> float:
        return self._interp(list(self.anchors), y)

    def right_to_left(self, y: float) -> float:
        return self._interp([(r, left) for left, r in self.anchors], y)


def anchor_in_view(value: int, maximum: int, page: int) -> tuple[float, float]:
    """The content y that lines up across panes, and its height in the view as a fraction.

    The line moves from the view's top edge (document start) to its bottom edge
    (document end), so both panes reach their start and their end together.
    """
    fraction = value / maximum if maximum > 0 else 0.0
    return value + page * fraction, fraction


def value_placing(anchor: float, fraction: float, maximum: int, page: int) -> int:
    """The scroll value that shows content y ``anchor`` at ``fraction`` of the view height."""
    return round(max(0.0, min(float(max(maximum, 0)), anchor - page * fraction)))


def value_for_anchor(anchor: float, maximum: int, page: int) -> int:
    """Inverse of ``anchor_in_view``: the scroll value whose anchor line is ``anchor``."""
    if maximum <= 0:
        return 0
    value = anchor / (1.0 + page / maximum)
    return round(max(0.0, min(float(maximum), value)))
