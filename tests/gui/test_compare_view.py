"""The default pair on screen: labels, header, diff marks at the right words, sync, selection."""

from __future__ import annotations

from gui_helpers import block_of, fragments, label_index, marked, shown_text
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from reader.gui.main_window import MainWindow
from reader.gui.render import PROP_FOOTNOTE, format_property
from reader.gui.sync_scroll import value_for_anchor


def test_default_pair_and_labels(window: MainWindow) -> None:
    c = window.comparison
    assert c is not None
    assert (c.left.metadata.symbol, c.right.metadata.symbol) == ("60/212", "62/209")
    left, right = window.view.left, window.view.right
    # every paragraph is shown, in reading order, its text as printed
    assert left.rendered is not None and sorted(left.rendered.places) == list(range(len(c.left.paragraphs)))
    blocks = [left.rendered.places[i].block for i in range(len(c.left.paragraphs))]
    assert blocks == sorted(blocks)
    for i, para in enumerate(c.left.paragraphs):
        assert shown_text(left, i) == para.text.replace("\n", "\u2028")
    # metadata header above the text
    header = left.document().toPlainText().split("\n")[:3]
    assert header[0] == "60/212"
    assert "General Assembly" in header[1] and "2005-12-22" in header[1]
    assert header[2] == "South-South cooperation"
    assert right.document().toPlainText().startswith("62/209")
    # the labels the margin paints are the paragraphs' own labels
    op4 = label_index(left, "OP4")
    assert c.left.paragraphs[op4].label == "OP4"
    tip = left.margin_tooltip(int(left.to_viewport(left.paragraph_range(op4)[0]) + 5))  # type: ignore[index]
    assert tip.startswith("<b>OP4</b>") and "pairs with OP4" in tip
    assert "62/209" in window.windowTitle() and "60/212" in window.windowTitle()


def test_changed_words_of_op4_are_marked(window: MainWindow) -> None:
    """60/212 OP4 vs 62/209 OP4: the reworded words are struck/inserted, the kept ones are not."""
    left, right = window.view.left, window.view.right
    li, ri = label_index(left, "OP4"), label_index(right, "OP4")
    k = window.view.pair_of("left", li)
    assert k is not None
    c = window.comparison
    assert c is not None and c.alignment.pairs[k].right == (ri,)
    assert c.alignment.pairs[k].kind == "modified"
    deleted = marked(left, li, "delete")
    inserted = marked(right, ri, "insert")
    assert "primary responsibility for promoting and implementing" in deleted
    assert "reiterates the need for the international community" in deleted
    assert "Also stresses that" in inserted
    kept = "a substitute for"
    assert kept not in deleted and kept not in inserted
    assert kept in shown_text(left, li) and kept in shown_text(right, ri)
    # deletions are struck through, so not by colour alone
    struck = [t for t, f in fragments(block_of(left, li)) if f.fontStrikeOut()]  # type: ignore[attr-defined]
    assert "".join(struck).startswith("Recognizes that developing countries")
    # nothing is marked inside identical paragraphs
    for pair in c.alignment.pairs:
        if pair.kind == "identical":
            for i in pair.left:
                assert marked(left, i, "delete") == ""


def test_footnote_reachable_from_its_marker(window: MainWindow) -> None:
    left = window.view.left
    c = window.comparison
    assert c is not None
    pp2 = label_index(left, "PP2")
    assert [m.number for m in c.left.paragraphs[pp2].markers] == [1]
    numbers = [t for t, f in fragments(block_of(left, pp2)) if format_property(f, PROP_FOOTNOTE) == 1]  # type: ignore[arg-type]
    assert numbers == ["1"]
    # hover the superscript: the tooltip quotes the footnote
    left.scroll_to_paragraph(pp2)
    block = block_of(left, pp2)
    pos = block.position() + block.text().index("Outcome,") + len("Outcome,")
    cur = QTextCursor(left.document())
    cur.setPosition(pos)
    rect = left.cursorRect(cur)
    tip = left.text_tooltip(QPoint(rect.right() + 3, rect.center().y()))
    assert tip == "Footnote 1: See resolution 60/1."
    # and the margin says so too
    assert "Footnote 1: See resolution 60/1." in left.margin_tooltip(int(rect.center().y()))


def test_recurring_language_tooltip_names_other_years(window: MainWindow) -> None:
    c = window.comparison
    assert c is not None
    left = window.view.left
    phrase = next(ph for ph in c.shared_phrases if "not as a substitute for" in ph.text)
    assert any(o.symbol == "57/263" for o in phrase.also_in)
    span = phrase.left[0]
    assert left.rendered is not None
    pos = left.rendered.position(span.paragraph, span.start + 3)
    left.scroll_to_paragraph(span.paragraph)
    cur = QTextCursor(left.document())
    cur.setPosition(pos)
    rect = left.cursorRect(cur)
    tip = left.text_tooltip(rect.center())
    assert "Recurring language: also in 57/263 (2002)" in tip


def test_next_and_previous_change(window: MainWindow) -> None:
    a = window.actions_
    assert a.next_change.shortcut().toString() == "F7"
    assert a.prev_change.shortcut().toString() == "Shift+F7"
    c = window.comparison
    assert c is not None
    changes = [k for k, p in enumerate(c.alignment.pairs) if p.kind != "identical"]
    seen = []
    for _ in range(len(changes)):
        a.next_change.trigger()
        k = window.view.current_pair
        assert k is not None and c.alignment.pairs[k].kind != "identical"
        seen.append(k)
    assert sorted(seen) == changes  # every change visited once
    a.next_change.trigger()
    assert window.view.current_pair == seen[0]  # wraps around
    a.prev_change.trigger()
    assert window.view.current_pair == seen[-1]
    a.prev_change.trigger()
    assert window.view.current_pair == seen[-2]
    # the selected pair is framed on both sides and named in the status bar
    pair = c.alignment.pairs[seen[-2]]
    assert window.view.left.selected == set(pair.left)
    assert window.view.right.selected == set(pair.right)
    assert pair.kind in window.pair_label.text()


def test_click_selects_paragraph_and_partner_level(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    left, right = window.view.left, window.view.right
    li, ri = label_index(left, "OP4"), label_index(right, "OP4")
    left.scroll_to_paragraph(li)
    top = left.to_viewport(left.paragraph_range(li)[0])  # type: ignore[index]
    qtbot.mouseClick(left.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(120, int(top) + 8))
    assert left.selected == {li} and right.selected == {ri}
    rtop = right.to_viewport(right.paragraph_range(ri)[0])  # type: ignore[index]
    assert 0 <= rtop < right.viewport().height()


def test_scrolling_keeps_aligned_paragraphs_level(window: MainWindow) -> None:
    """Scroll the left pane to each aligned paragraph: its partner is beside it on the right."""
    left, right = window.view.left, window.view.right
    c = window.comparison
    assert c is not None
    checked = 0
    for pair in c.alignment.pairs:
        if pair.kind == "moved" or len(pair.left) != 1 or len(pair.right) != 1:
            continue
        lr = left.paragraph_range(pair.left[0])
        assert lr is not None
        sb = left.verticalScrollBar()
        v = value_for_anchor(lr[0] + 2, sb.maximum(), sb.pageStep())  # just inside the paragraph
        if v in (0, sb.maximum()):
            continue  # clamped at an end: nothing to level
        sb.setValue(v)
        line = sb.pageStep() * v / sb.maximum()  # the screen line both panes keep level
        rr = right.paragraph_range(pair.right[0])
        assert rr is not None
        label = c.left.paragraphs[pair.left[0]].label
        assert left.to_viewport(lr[0]) <= line + 1 <= left.to_viewport(lr[1]), label
        assert right.to_viewport(rr[0]) <= line + 1 <= right.to_viewport(rr[1]), label
        assert abs(left.to_viewport(lr[0]) - right.to_viewport(rr[0])) <= 8, label
        checked += 1
    assert checked >= 5


def test_gutter_links_every_pair_and_moved_ones_cross(window: MainWindow) -> None:
    c = window.comparison
    assert c is not None
    window.view.left.verticalScrollBar().setValue(0)
    links = window.view.gutter.links()
    assert links and {lk.kind for lk in links} <= {"identical", "modified", "moved", "added", "removed"}
    kinds = {p.kind for p in c.alignment.pairs}
    if "moved" in kinds:
        # a moved pair's link crosses at least one other link
        all_links = []
        window.view.gutter.resize(window.view.gutter.width(), 100000)
        all_links = window.view.gutter.links()
        moved = [lk for lk in all_links if lk.kind == "moved"]
        assert moved
        crossing = any(
            (m.left[0] - o.left[0]) * (m.right[0] - o.right[0]) < 0
            for m in moved
            for o in all_links
            if o is not m
        )
        assert crossing


def test_changes_only_hides_identical_paragraphs(window: MainWindow) -> None:
    c = window.comparison
    assert c is not None
    identical = {i for p in c.alignment.pairs if p.kind == "identical" for i in p.left}
    assert identical
    window.actions_.changes_only.setChecked(True)
    shown = set(window.view.left.rendered.places)  # type: ignore[union-attr]
    assert shown.isdisjoint(identical) and shown
    window.actions_.changes_only.setChecked(False)
    assert set(window.view.left.rendered.places) == set(range(len(c.left.paragraphs)))  # type: ignore[union-attr]


def test_swap_sides_and_find(window: MainWindow) -> None:
    window.actions_.swap.trigger()
    c = window.comparison
    assert c is not None and c.left.metadata.symbol == "62/209" and c.right.metadata.symbol == "60/212"
    window.actions_.find.trigger()
    window.find_bar.edit.setText("South-South Cooperation")
    n_left = window.view.left.document().toPlainText().lower().count("south-south cooperation")
    n_right = window.view.right.document().toPlainText().lower().count("south-south cooperation")
    assert len(window.view.left.layer("find")) == n_left > 0
    assert len(window.view.right.layer("find")) == n_right > 0
    assert window.find_bar.count_label.text() == f"{n_left} left \u00b7 {n_right} right"
    window.actions_.find_next.trigger()
    sel = window.view.left.textCursor().selectedText()
    assert sel.lower() == "south-south cooperation"


def test_zoom_changes_text_size(window: MainWindow) -> None:
    before = window.view.left.document().defaultFont().pointSizeF()
    window.actions_.zoom_in.trigger()
    assert window.view.left.document().defaultFont().pointSizeF() == before + 1
    window.actions_.zoom_out.trigger()
    window.actions_.zoom_out.trigger()
    assert window.view.left.document().defaultFont().pointSizeF() == before - 1


def test_wheel_over_the_gutter_scrolls_both_panes(window: MainWindow) -> None:
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent

    left, right = window.view.left, window.view.right
    left.verticalScrollBar().setValue(0)
    gutter = window.view.gutter
    event = QWheelEvent(
        QPointF(10, 100),
        QPointF(gutter.mapToGlobal(QPoint(10, 100))),
        QPoint(0, 0),
        QPoint(0, -360),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    gutter.wheelEvent(event)
    assert left.verticalScrollBar().value() > 0
    assert right.verticalScrollBar().value() > 0


def test_gutter_badges_never_overlap_and_sit_on_their_own_link(window: MainWindow) -> None:
    """Added and removed paragraphs in a row put their badges on one spot, one over another."""
    from reader.gui.gutter import BADGE_RADIUS, _middle

    gutter = window.view.gutter
    bar = window.view.left.verticalScrollBar()
    w = float(gutter.width())
    seen = 0
    crowded = 0
    for value in range(0, bar.maximum() + 1, max(1, bar.maximum() // 12)):
        bar.setValue(value)
        links = {lk.pair: lk for lk in gutter.links()}
        places = gutter.badge_places(list(links.values()), w)
        assert set(places) <= {k for k, lk in links.items() if lk.kind != "identical"}
        pts = list(places.items())
        for i, (k, a) in enumerate(pts):
            assert BADGE_RADIUS <= a.x() <= w - BADGE_RADIUS
            assert abs(a.y() - _middle(links[k], a.x(), w)) < 1.0  # on its own band
            for _, b in pts[i + 1 :]:
                assert abs(a.x() - b.x()) >= 2 * BADGE_RADIUS or abs(a.y() - b.y()) >= 2 * BADGE_RADIUS
        centres = [_middle(links[k], w / 2, w) for k in places]
        crowded += sum(1 for i, y in enumerate(centres) for z in centres[i + 1 :] if abs(y - z) < 16)
        seen += len(places)
    assert seen > 10 and crowded > 0  # the pair on screen has badges that all wanted one spot
    window.view.gutter.grab()  # and they paint


def test_a_document_with_warnings_shows_them_in_its_pane_header(window: MainWindow, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A numbering gap (OP1, OP2, OP5) is a visible note where the user looks: the pane header,
    with every warning on hover; a clean text shows none."""
    gap = tmp_path / "gap.txt"
    gap.write_text(
        "The General Assembly,\n\nRecalling its resolution 60/212,\n\n"
        "1. Decides to act;\n\n2. Requests the Secretary-General to report;\n\n"
        "5. Decides to remain seized;\n",
        encoding="utf-8",
    )
    right = window.view.right_pane
    assert not right.warning_label.isVisibleTo(right)  # the bundled pair read cleanly
    window.open_side("right", str(gap))
    assert right.warning_label.isVisibleTo(right)
    assert right.warning_label.text() == "\u26a0 1 warning"
    assert "OP3" in right.warning_label.toolTip() or "gap" in right.warning_label.toolTip()


def test_section_headings_stand_above_their_paragraphs_and_in_no_paragraph(window: MainWindow) -> None:
    """55/2 (the Millennium Declaration, annexed): its headings ("I. Values and principles" …) are
    their own lines in the pane, and no paragraph's text holds one."""
    from pathlib import Path

    path = Path(__file__).parent.parent / "fixtures" / "real" / "A_RES_55_2.txt"
    window.open_side("right", str(path))
    doc = window.comparison.right  # type: ignore[union-attr]
    titles = [s.title for s in doc.sections if s.title]
    assert "I. Values and principles" in titles
    shown = window.view.right_pane.view.document().toPlainText().split("\n")
    for title in titles:
        assert title in shown, title
    assert not any(t in p.text for t in titles for p in doc.paragraphs)
