"""The comparison itself: two panes, the link gutter, synchronised scrolling, navigation.

It renders one core ``Comparison`` and answers "where is paragraph i" questions;
it never decides what is similar (that is ``reader.core``).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFont, QTextCursor, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QSplitter, QWidget

from reader.core.model import Comparison
from reader.gui.document_pane import DocumentPane
from reader.gui.document_view import DocumentView, Highlight
from reader.gui.gutter import LinkGutter
from reader.gui.render import RenderedDocument, document_font, render_side
from reader.gui.side_marks import Side, SideMarks, side_marks
from reader.gui.sync_scroll import ScrollMap, anchor_in_view, value_placing
from reader.gui.theme import LIGHT, Theme

DEFAULT_POINT_SIZE = 11.0


class CompareView(QWidget):
    pairSelected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.left_pane = DocumentPane("left", self)
        self.right_pane = DocumentPane("right", self)
        self.left = self.left_pane.view
        self.right = self.right_pane.view
        self.gutter = LinkGutter(self.left, self.right, self)
        self.splitter = QSplitter(self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(1)
        self.splitter.addWidget(self.left_pane)
        self.splitter.addWidget(self.gutter)
        self.splitter.addWidget(self.right_pane)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setStretchFactor(2, 1)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.splitter)
        self.comparison: Comparison | None = None
        self.theme: Theme = LIGHT
        self.point_size = DEFAULT_POINT_SIZE
        self.changes_only = False
        self.show_phrases = True
        self.current_pair: int | None = None
        self.marks: dict[Side, SideMarks] = {}
        self.rendered: dict[Side, RenderedDocument] = {}
        self._scroll_map = ScrollMap(((0.0, 0.0),))
        self._syncing = False
        # keyword spans per side, with the id of the document they were found in
        self._keyword_spans: dict[Side, tuple[str, list[tuple[int, int, int, str]]]] = {
            "left": ("", []),
            "right": ("", []),
        }
        self._find_text = ""
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(self._after_layout)
        for view in (self.left, self.right):
            view.paragraphClicked.connect(lambda idx, v=view: self._on_paragraph_clicked(v.side, idx))
            view.document().documentLayout().documentSizeChanged.connect(lambda *_: self._relayout.start())
        self.left.verticalScrollBar().valueChanged.connect(lambda *_: self._sync("left"))
        self.right.verticalScrollBar().valueChanged.connect(lambda *_: self._sync("right"))
        self.gutter.pairClicked.connect(lambda k: self.select_pair(k))

    # ----- content -----------------------------------------------------------------------
    def view(self, side: Side) -> DocumentView:
        return self.left if side == "left" else self.right

    def pane(self, side: Side) -> DocumentPane:
        return self.left_pane if side == "left" else self.right_pane

    def set_comparison(self, comparison: Comparison, *, keep_position: bool = False) -> None:
        """Show ``comparison``; ``keep_position`` keeps the scroll place (re-alignment)."""
        old = self.left.verticalScrollBar().value() if keep_position else 0
        before = self.comparison
        selected = self.current_pair
        self.comparison = comparison
        # A re-alignment numbers the pairs anew: the selection follows its paragraph, not its number.
        self.current_pair = None
        if keep_position and before is not None and selected is not None:
            self.current_pair = _same_pair(before, selected, comparison)
        self._render()
        self.left.verticalScrollBar().setValue(old)
        self._sync("left")

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        if self.comparison is not None:
            self._render()

    def set_point_size(self, size: float) -> None:
        self.point_size = max(7.0, min(28.0, size))
        if self.comparison is not None:
            self._render()

    def set_changes_only(self, on: bool) -> None:
        self.changes_only = on
        if self.comparison is not None:
            self._render()

    def set_show_phrases(self, on: bool) -> None:
        self.show_phrases = on
        if self.comparison is not None:
            self._render()

    def _visible(self, side: Side) -> set[int] | None:
        if not self.changes_only or self.comparison is None:
            return None
        out: set[int] = set()
        for pair in self.comparison.alignment.pairs:
            if pair.kind != "identical":
                out.update(pair.left if side == "left" else pair.right)
        return out

    def _render(self) -> None:
        c = self.comparison
        if c is None:
            return
        font: QFont = document_font(self.point_size)
        for side in ("left", "right"):
            marks = side_marks(c, side)
            rendered = render_side(
                marks, self.theme, font=font, visible=self._visible(side), show_phrases=self.show_phrases
            )
            self.marks[side] = marks
            self.rendered[side] = rendered
            view = self.view(side)
            view.set_rendered(rendered, c, self.theme)
            view.document().documentLayout().documentSizeChanged.connect(lambda *_: self._relayout.start())
            self.pane(side).set_document(marks.document)
        self.gutter.set_comparison(c, self.theme)
        self.gutter.selected_pair = self.current_pair
        self._apply_keyword_layer()
        if self._find_text:
            self.find_all(self._find_text)
        self._select_current(scroll=False)
        self._after_layout()

    def _after_layout(self) -> None:
        """Geometry changed (render, resize, zoom): rebuild the scroll map and strips."""
        c = self.comparison
        if c is None:
            return
        ranges: list[tuple[tuple[float, float], tuple[float, float]]] = []
        for pair in c.alignment.pairs:
            if pair.kind == "moved" or not pair.left or not pair.right:
                continue
            lr = [self.left.paragraph_range(i) for i in pair.left]
            rr = [self.right.paragraph_range(i) for i in pair.right]
            lrs = [r for r in lr if r]
            rrs = [r for r in rr if r]
            if lrs and rrs:
                ranges.append(
                    (
                        (min(r[0] for r in lrs), max(r[1] for r in lrs)),
                        (min(r[0] for r in rrs), max(r[1] for r in rrs)),
                    )
                )
        self._scroll_map = ScrollMap.build(ranges, self.left.content_height(), self.right.content_height())
        for side in ("left", "right"):
            if side in self.marks:
                self.pane(side).update_strip(self.marks[side], self.theme)
        self.gutter.update()

    # ----- scrolling --------------------------------------------------------------------
    def _sync(self, source: Side) -> None:
        if self._syncing or self.comparison is None:
            return
        if self._relayout.isActive():  # geometry changed and the map is stale: rebuild it now
            self._relayout.stop()
            self._after_layout()
        src, dst = (self.left, self.right) if source == "left" else (self.right, self.left)
        s, d = src.verticalScrollBar(), dst.verticalScrollBar()
        anchor, fraction = anchor_in_view(s.value(), s.maximum(), s.pageStep())
        mapped = (
            self._scroll_map.left_to_right(anchor)
            if source == "left"
            else self._scroll_map.right_to_left(anchor)
        )
        self._syncing = True
        try:
            d.setValue(value_placing(mapped, fraction, d.maximum(), s.pageStep()))
        finally:
            self._syncing = False
        self.gutter.update()

    # ----- selection & navigation ------------------------------------------------------
    def pair_of(self, side: Side, paragraph: int) -> int | None:
        marks = self.marks.get(side)
        return marks.pair_of.get(paragraph) if marks else None

    def _on_paragraph_clicked(self, side: Side, paragraph: int) -> None:
        k = self.pair_of(side, paragraph)
        if k is not None:
            self.select_pair(k, scroll=False, source=side)

    def select_pair(self, k: int, *, scroll: bool = True, source: Side | None = None) -> None:
        """Select pair ``k``: frame both paragraphs and bring the partner into view."""
        if self.comparison is None or not 0 <= k < len(self.comparison.alignment.pairs):
            return
        self.current_pair = k
        self._select_current(scroll=scroll, source=source)
        self.pairSelected.emit(k)

    def _select_current(self, *, scroll: bool, source: Side | None = None) -> None:
        c = self.comparison
        k = self.current_pair
        if c is None or k is None:
            self.left.select_paragraphs(set())
            self.right.select_paragraphs(set())
            self.gutter.selected_pair = None
            self.gutter.update()
            return
        pair = c.alignment.pairs[k]
        self.left.select_paragraphs(set(pair.left))
        self.right.select_paragraphs(set(pair.right))
        self.gutter.selected_pair = k
        if scroll or source is not None:
            lead: Side = source or ("left" if pair.left else "right")
            other: Side = "right" if lead == "left" else "left"
            lead_idx = pair.left if lead == "left" else pair.right
            other_idx = pair.right if lead == "left" else pair.left
            if scroll and lead_idx:
                self.view(lead).scroll_to_paragraph(lead_idx[0])
            if other_idx:
                self._syncing = True
                try:
                    self.view(other).ensure_paragraph_visible(other_idx[0])
                    if pair.kind == "moved" or scroll:
                        self._level(other, lead, other_idx[0], lead_idx[0] if lead_idx else None)
                finally:
                    self._syncing = False
        self.gutter.update()

    def _level(self, side: Side, lead: Side, paragraph: int, lead_paragraph: int | None) -> None:
        """Scroll ``side`` so ``paragraph`` is level with the lead pane's paragraph."""
        view, lead_view = self.view(side), self.view(lead)
        rng = view.paragraph_range(paragraph)
        if rng is None:
            return
        lead_rng = lead_view.paragraph_range(lead_paragraph) if lead_paragraph is not None else None
        screen_y = lead_view.to_viewport(lead_rng[0]) if lead_rng else view.viewport().height() * 0.3
        view.verticalScrollBar().setValue(int(rng[0] - screen_y))

    def change_pairs(self) -> list[int]:
        c = self.comparison
        if c is None:
            return []
        return [k for k, p in enumerate(c.alignment.pairs) if p.kind != "identical"]

    def _pair_position(self, k: int) -> float:
        """Reading position of a pair: its left paragraph, or the gap where it would be."""
        c = self.comparison
        assert c is not None
        pair = c.alignment.pairs[k]
        if pair.left:
            return float(min(pair.left))
        prev = [min(p.left) for p in c.alignment.pairs[:k] if p.left]
        return (max(prev) if prev else -1) + 0.5

    def next_change(self, step: int = 1) -> int | None:
        """Select the next (step=1) or previous (step=-1) changed pair; wraps around."""
        changes = sorted(self.change_pairs(), key=lambda k: (self._pair_position(k), k))
        if not changes:
            return None
        if self.current_pair is None or self.current_pair not in changes:
            if self.current_pair is None:
                target = changes[0] if step > 0 else changes[-1]
            else:
                pos = self._pair_position(self.current_pair)
                after = [k for k in changes if self._pair_position(k) > pos]
                before = [k for k in changes if self._pair_position(k) < pos]
                target = (
                    (after[0] if after else changes[0])
                    if step > 0
                    else (before[-1] if before else changes[-1])
                )
        else:
            i = changes.index(self.current_pair)
            target = changes[(i + step) % len(changes)]
        self.select_pair(target)
        return target

    # ----- keywords & find ----------------------------------------------------------------
    def set_keyword_spans(self, side: Side, spans: list[tuple[int, int, int, str]]) -> None:
        """(paragraph, start, end, colour) in ``Paragraph.text`` offsets."""
        marks = self.marks.get(side)
        self._keyword_spans[side] = (marks.document.id if marks else "", spans)
        self._apply_keyword_layer()

    def _apply_keyword_layer(self) -> None:
        for side in ("left", "right"):
            rendered = self.rendered.get(side)
            marks = self.marks.get(side)
            if rendered is None or marks is None:
                continue
            doc_id, spans = self._keyword_spans[side]
            if doc_id != marks.document.id:
                spans = []  # found in a document no longer shown; the window sends new ones
            hl = [
                Highlight(rendered.position(p, s), rendered.position(p, e), colour)
                for p, s, e, colour in spans
                if p in rendered.places
            ]
            self.view(side).set_layer("keywords", hl)

    def find_all(self, text: str) -> tuple[int, int]:
        """Highlight every case-insensitive occurrence of ``text`` in both panes."""
        self._find_text = text
        counts: list[int] = []
        for view in (self.left, self.right):
            hits: list[Highlight] = []
            if text:
                cur = view.document().find(text, 0)
                while not cur.isNull():
                    hits.append(Highlight(cur.selectionStart(), cur.selectionEnd(), self.theme.find_bg))
                    cur = view.document().find(text, cur)
            view.set_layer("find", hits)
            counts.append(len(hits))
        return counts[0], counts[1]

    def find_next(self, side: Side, backward: bool = False) -> bool:
        """Move to the next find hit in ``side`` after its cursor; wraps around."""
        view = self.view(side)
        if not self._find_text:
            return False
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        cur = view.document().find(self._find_text, view.textCursor(), flags)
        if cur.isNull():
            start = QTextCursor(view.document())
            if backward:
                start.movePosition(QTextCursor.MoveOperation.End)
            cur = view.document().find(self._find_text, start, flags)
        if cur.isNull():
            return False
        view.setTextCursor(cur)
        view.ensureCursorVisible()
        return True

    def jump_to_span(self, side: Side, paragraph: int, start: int, end: int) -> None:
        """Select characters of a paragraph (keyword hit, trace hit) and scroll to them."""
        rendered = self.rendered.get(side)
        if rendered is None or paragraph not in rendered.places:
            return
        view = self.view(side)
        view.scroll_to_paragraph(paragraph)
        cur = QTextCursor(view.document())
        cur.setPosition(rendered.position(paragraph, start))
        cur.setPosition(rendered.position(paragraph, end), QTextCursor.MoveMode.KeepAnchor)
        view.setTextCursor(cur)
        view.ensureCursorVisible()
        k = self.pair_of(side, paragraph)
        if k is not None:
            self.current_pair = k
            self._select_current(scroll=False, source=side)
            self.pairSelected.emit(k)

    def selected_text(self) -> str:
        for view in (self.left, self.right):
            t = view.textCursor().selectedText()
            if t.strip():
                return t.replace("\u2029", " ").replace("\u2028", " ").strip()
        return ""

    def resizeEvent(self, e: object) -> None:
        super().resizeEvent(e)  # type: ignore[arg-type]
        self._relayout.start()


def _same_pair(before: Comparison, k: int, after: Comparison) -> int | None:
    """The pair of ``after`` holding the first paragraph of pair ``k`` of ``before`` (same documents)."""
    if not 0 <= k < len(before.alignment.pairs):
        return None
    if (before.left.id, before.right.id) != (after.left.id, after.right.id):
        return None
    pair = before.alignment.pairs[k]
    for n, other in enumerate(after.alignment.pairs):
        if (pair.left and pair.left[0] in other.left) or (not pair.left and pair.right[0] in other.right):
            return n
    return None
