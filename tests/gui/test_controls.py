"""Threshold, keywords, bad files, corpus panel, recent pairs, export: the window's controls."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from gui_helpers import drop_file
from PySide6.QtCore import Qt

from reader.core.compare.keywords import Keyword
from reader.core.paths import bundled_corpus_dir
from reader.gui.keyword_store import KeywordEntry
from reader.gui.main_window import MainWindow


def test_threshold_slider_realigns_live(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    c0 = window.comparison
    assert c0 is not None
    both0 = sum(1 for p in c0.alignment.pairs if p.left and p.right)
    window.threshold_slider.setValue(90)
    assert window.threshold_label.text() == "Similarity \u2265 90"
    qtbot.waitUntil(lambda: window.comparison is not None and window.comparison.alignment.threshold == 90)
    c1 = window.comparison
    assert c1 is not None
    both1 = sum(1 for p in c1.alignment.pairs if p.left and p.right)
    assert both1 < both0  # a strict threshold leaves more paragraphs unpaired
    assert all(p.score >= 90 for p in c1.alignment.pairs if p.left and p.right)  # none below it shown
    # what is on screen follows: tints and gutter use the new alignment
    assert window.view.comparison is c1 and window.view.gutter.comparison is c1
    assert "threshold 90" in window.summary_label.text()
    window.set_threshold(20)
    c2 = window.comparison
    assert c2 is not None
    assert sum(1 for p in c2.alignment.pairs if p.left and p.right) >= both0


def test_slider_realigns_on_a_worker_and_the_last_position_wins(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Dragging the slider must not freeze the window: each pause re-aligns in the background; a
    position reached while one runs is aligned next, and only the newest result reaches the screen."""
    shown = []
    original_show = window._show

    def spy(comparison, **kw):  # type: ignore[no-untyped-def]
        shown.append(comparison.alignment.threshold)
        original_show(comparison, **kw)

    window._show = spy  # type: ignore[method-assign]
    window.threshold_slider.setValue(85)
    window._threshold_timer.stop()
    window._apply_threshold()
    assert window._realign_job is not None  # running on its thread; the call returned at once
    assert window.statusBar().currentMessage() == "Re-aligning\u2026"
    window.threshold_slider.setValue(25)
    window._threshold_timer.stop()
    window._apply_threshold()  # queued behind the running one
    qtbot.waitUntil(lambda: window._realign_job is None and shown and shown[-1] == 25, timeout=10_000)
    assert shown == [25]  # the stale 85 never reached the screen
    c = window.comparison
    assert c is not None and c.alignment.threshold == 25 and window.session.shows(c)
    assert window.view.comparison is c


def test_status_bar_summary_counts_kinds(window: MainWindow) -> None:
    c = window.comparison
    assert c is not None
    text = window.summary_label.text()
    assert text.startswith(f"{len(c.alignment.pairs)} pairs")
    for kind in ("modified", "added"):
        n = sum(1 for p in c.alignment.pairs if p.kind == kind)
        assert f"{n} {kind}" in text
    assert re.search(r"\d+% of 62/209 reused from 60/212", text)


def _regex_count(doc_texts: list[str], word: str) -> int:
    pattern = re.compile(r"(?<!\w)" + re.escape(word) + r"(?!\w)", re.IGNORECASE)
    return sum(len(pattern.findall(t)) for t in doc_texts)


def test_keyword_add_count_jump_remove(window: MainWindow) -> None:
    panel = window.keyword_panel
    c = window.comparison
    assert c is not None
    panel.edit.setText("triangular cooperation")
    panel.add_button.click()
    panel.edit.setText("Special Unit")
    panel.add_from_input()
    assert [e.text for e in panel.entries] == ["triangular cooperation", "Special Unit"]
    assert panel.entries[0].colour != panel.entries[1].colour
    expected = [
        (
            _regex_count([p.text for p in c.left.paragraphs], w),
            _regex_count([p.text for p in c.right.paragraphs], w),
        )
        for w in ("triangular cooperation", "Special Unit")
    ]
    assert panel.counts() == expected
    assert expected[0][0] > 0 and expected[0][1] > 0
    # highlights are on exactly those words, in the keyword's colour
    left = window.view.left
    hl = left.layer("keywords")
    texts = {left.document().toPlainText()[h.start : h.end].lower() for h in hl}
    assert texts == {"triangular cooperation", "special unit"} or texts == {"triangular cooperation"}
    assert {h.colour for h in hl} <= {panel.entries[0].colour, panel.entries[1].colour}
    # clicking the keyword jumps through its hits: left ones first, then right
    item = panel.list.topLevelItem(0)
    assert item is not None
    rect = panel.list.visualItemRect(item)
    hits = window.keyword_hits(0)
    first = window.jump_to_keyword(0)
    assert first == hits[0]
    assert window.view.left.textCursor().selectedText().lower() == "triangular cooperation"
    for _ in range(expected[0][0]):
        window.jump_to_keyword(0)
    assert window.view.right.textCursor().selectedText().lower() == "triangular cooperation"
    assert rect.isValid()
    # remove the first: its highlights go, the other stays
    panel.list.setCurrentItem(item)
    panel.remove_button.click()
    assert [e.text for e in panel.entries] == ["Special Unit"]
    assert all(
        left.document().toPlainText()[h.start : h.end].lower() == "special unit"
        for h in left.layer("keywords")
    )
    assert window.settings.keywords() == panel.entries  # persisted at once


def test_keyword_import_export_round_trip(window: MainWindow, tmp_path: Path) -> None:
    panel = window.keyword_panel
    panel.set_entries(
        [
            KeywordEntry(Keyword("capacity-building", fuzzy=True, whole_word=False), colour="#123456"),
            KeywordEntry(Keyword("South-South", case_sensitive=True)),
        ]
    )
    out = tmp_path / "kw.txt"
    panel.export_to(str(out))
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[1:] == [
        "capacity-building\tfuzzy\t#123456",
        "South-South\twhole-word,case-sensitive\t#ffd43b",
    ]
    panel.set_entries([])
    src = tmp_path / "plain.txt"
    src.write_text("# my list\ntechnical cooperation\n\n" + out.read_text(encoding="utf-8"), encoding="utf-8")
    assert panel.import_from(str(src)) == 3
    assert [
        (e.text, e.keyword.fuzzy, e.keyword.whole_word, e.keyword.case_sensitive) for e in panel.entries
    ] == [
        ("technical cooperation", False, True, False),
        ("capacity-building", True, False, False),
        ("South-South", False, True, True),
    ]
    assert all(left + right >= 0 for left, right in panel.counts())
    assert panel.counts()[0][0] == _regex_count(
        [p.text for p in window.comparison.left.paragraphs],  # type: ignore[union-attr]
        "technical cooperation",
    )


def test_bad_files_leave_the_comparison_unchanged(window: MainWindow, tmp_path: Path) -> None:
    before = window.comparison
    assert before is not None
    binary = tmp_path / "scan.txt"
    binary.write_bytes(bytes(range(256)) * 20)
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    missing = tmp_path / "nowhere.txt"
    for side, path in (("left", binary), ("right", empty), ("left", missing), ("right", tmp_path)):
        assert window.open_side(side, str(path)) is False  # type: ignore[arg-type]
        assert window.comparison is before
        assert window.session.left is before.left and window.session.right is before.right
        assert window.banner.isVisible()
        message = window.banner.text
        assert path.name in message and "unchanged" in message
        assert "Traceback" not in message
        assert window.view.left.document_model is before.left
    # a good file afterwards works and clears the message
    good = tmp_path / "copy.txt"
    good.write_bytes(
        (bundled_corpus_dir() / "ga-57-263-economic-and-technical-cooperation-2002.txt").read_bytes()
    )
    assert window.open_side("right", str(good)) is True
    assert not window.banner.isVisible()
    assert window.comparison is not before and window.comparison.right.path.endswith("copy.txt")  # type: ignore[union-attr]


def test_dropping_a_file_on_a_pane_opens_it(window: MainWindow) -> None:
    path = bundled_corpus_dir() / "eclac-620-xxxi-south-south-cooperation-2006.txt"
    event = drop_file(window.view.left, str(path))
    assert event.isAccepted()
    c = window.comparison
    assert c is not None and c.left.metadata.symbol == "620(XXXI)" and c.right.metadata.symbol == "62/209"


def test_corpus_panel_filter_and_open(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = window.corpus_panel
    assert len(panel.refs()) == 5
    panel.filter_edit.setText("eclac")
    assert len(panel.refs()) == 2
    panel.filter_edit.setText("2002")
    assert len(panel.refs()) == 2
    panel.filter_edit.setText("57/263")
    assert len(panel.refs()) == 1
    index = panel.proxy.index(0, 0)
    rect = panel.tree.visualRect(index)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    c = window.comparison
    assert c is not None and c.right.metadata.symbol == "57/263" and c.left.metadata.symbol == "60/212"
    panel.filter_edit.setText("620")
    panel.tree.setCurrentIndex(panel.proxy.index(0, 0))
    panel.left_button.click()
    c = window.comparison
    assert c is not None and c.left.metadata.symbol == "620(XXXI)"
    # both openings are remembered as recent pairs, newest first
    recent = window.settings.recent_pairs()
    assert recent[0] == (window.session.left_ref, window.session.right_ref)
    assert len(recent) >= 2
    acts = [a for a in window.recent_menu.actions() if a.text()]
    assert "620(XXXI)" in acts[0].text() and "57/263" in acts[0].text()
    acts[1].trigger()
    c = window.comparison
    assert c is not None and (c.left.metadata.symbol, c.right.metadata.symbol) == ("60/212", "57/263")


def test_add_folder_joins_the_corpus_without_writing(
    make_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    window = make_window()
    folder = tmp_path / "mine"
    folder.mkdir()
    text = (bundled_corpus_dir() / "ga-62-209-south-south-cooperation-2007.txt").read_bytes()
    (folder / "draft.txt").write_bytes(text)
    before = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    assert window.add_folder(str(folder))
    assert len(window.corpus_panel.refs()) == 6
    assert window.settings.folders() == [str(folder.resolve())]
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == before  # nothing written there
    assert window.add_folder(str(tmp_path / "absent")) is False
    assert window.banner.isVisible()
    window.close()
    again = make_window()  # remembered between runs
    assert len(again.corpus_panel.refs()) == 6
    assert any("draft" in ref for ref in again.corpus_panel.refs())


def test_export_report_writes_and_respects_existing_files(window: MainWindow, tmp_path: Path) -> None:
    assert window.actions_.export_report.shortcut().toString() == "Ctrl+E"
    out = tmp_path / "report.html"
    window.keyword_panel.set_entries([KeywordEntry(Keyword("triangular cooperation"))])
    assert window.export_report_to(str(out))
    html = out.read_text(encoding="utf-8")
    assert "60/212" in html and "62/209" in html and "triangular cooperation" in html
    out.write_text("keep me", encoding="utf-8")
    assert window.export_report_to(str(out)) is False  # not replaced without force
    assert out.read_text(encoding="utf-8") == "keep me"
    assert window.banner.isVisible()
    assert window.export_report_to(str(out), force=True, layout="redline")
    assert out.read_text(encoding="utf-8") != "keep me"


def test_pane_selection_to_keyword_and_find(window: MainWindow) -> None:
    """What the pane's context menu offers for selected text: keyword, find (trace: trace tests)."""
    left = window.view.left
    left.keywordRequested.emit("Special Unit")
    assert [e.text for e in window.keyword_panel.entries] == ["Special Unit"]
    c = window.comparison
    assert c is not None
    assert window.keyword_panel.counts() == [
        (
            _regex_count([p.text for p in c.left.paragraphs], "Special Unit"),
            _regex_count([p.text for p in c.right.paragraphs], "Special Unit"),
        )
    ]
    left.findRequested.emit("Special Unit")
    assert window.find_bar.isVisible() and window.find_bar.edit.text() == "Special Unit"
    assert len(window.view.right.layer("find")) == window.keyword_panel.counts()[0][1]


def test_the_status_bar_follows_the_selected_pair_through_a_realignment(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The selected pair's line stayed as it was when the pairs changed under it."""
    from reader.gui.texts import pair_text

    c0 = window.comparison
    assert c0 is not None
    labels = [[c0.left.paragraphs[i].label for i in p.left] for p in c0.alignment.pairs]
    op1 = labels.index(["OP1"])
    window.view.select_pair(op1)
    assert window.pair_label.text().startswith("OP1 \u2194 OP1")
    window.set_threshold(95)  # OP1 -> OP1 scores 90.9: split into removed + added, numbered anew
    c1 = window.comparison
    assert c1 is not None and c1 is not c0
    k = window.view.current_pair
    assert k is not None and [c1.left.paragraphs[i].label for i in c1.alignment.pairs[k].left] == ["OP1"]
    assert window.pair_label.text() == pair_text(c1, k)
    assert window.pair_label.text().startswith("OP1 \u2194 \u2014  \u00b7  removed")
    window.open_side("right", "57/263")  # another pair of documents: nothing is selected
    assert window.view.current_pair is None and window.pair_label.text() == ""
