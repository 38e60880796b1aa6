"""The History view in the reader: built off the GUI thread, the grid, the filter, the versions,
double-click to compare, the paragraph's context-menu entry, the legend, and the screen it draws."""

from __future__ import annotations

import textwrap
from pathlib import Path

from gui_helpers import run_on_xvfb
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from reader.core.corpus.collection import Corpus
from reader.core.history.model import KIND_MARKS
from reader.core.history.order import build_history
from reader.core.model import Document, Metadata, Paragraph
from reader.gui.history_model import LINEAGE_ROLE
from reader.gui.history_window import HistoryWindow
from reader.gui.main_window import MainWindow
from reader.gui.theme import THEMES


def _open(window: MainWindow, qtbot, side: str = "right", paragraph: int | None = None) -> HistoryWindow:  # type: ignore[no-untyped-def]
    window.show_history(side, paragraph)  # type: ignore[arg-type]
    win = window.history.window
    assert win is not None
    qtbot.waitUntil(lambda: win.model is not None and window.history.job is None, timeout=20_000)
    return win


def test_history_of_a_paragraph_from_the_main_window(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.session.right is not None and window.session.right.metadata.symbol == "62/209"
    p = window.session.right.index_of("OP4")
    win = _open(window, qtbot, "right", p)
    assert win.history is not None and win.model is not None
    h = win.history
    assert [d.metadata.symbol for d in h.documents] == ["57/263", "60/212", "62/209"]
    assert win.model.rowCount() == len(h.lineages) and win.model.columnCount() == 3
    assert win.model.headerData(0, Qt.Orientation.Horizontal) == "57/263\n2002"
    # The paragraph asked for is selected, and its versions are shown oldest first.
    n = win.selected_lineage()
    assert n is not None
    assert [v.labels if v else None for v in h.lineages[n].versions] == [("PP2",), ("OP4",), ("OP4",)]
    row = win.proxy.mapFromSource(win.model.index(n, 1)).row()
    assert win.proxy.index(row, 0).data() == f"PP2  {KIND_MARKS['origin']}"
    assert win.proxy.index(row, 1).data() == f"OP4  {KIND_MARKS['moved']}"
    text = win.versions.toPlainText()
    assert "first appeared in 57/263 (2002)" in text
    assert text.index("57/263") < text.index("60/212") < text.index("62/209")
    assert "moved" in text and "score 97 from 57/263" in text
    assert "Series of 62/209 found in the corpus" in win.about.text()


def _rows(win: HistoryWindow) -> list[tuple[str, bool]]:
    out = []
    for row in range(win.series_list.count()):
        item = win.series_list.item(row)
        out.append((item.text().split()[0], item.checkState() == Qt.CheckState.Checked))
    return out


def test_the_window_lists_the_documents_chosen_and_lets_the_user_drop_and_add_one(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot
) -> None:
    """Issue 20: which documents make the series is shown; unticking one and re-linking drops it,
    typing a symbol adds it back (the series logic is the core's ``SeriesSearch.chosen``)."""
    win = _open(window, qtbot)
    assert _rows(win) == [("62/209", True), ("57/263", True), ("60/212", True)]
    assert "cited by 62/209" in win.series_list.item(1).toolTip()
    win.series_list.item(1).setCheckState(Qt.CheckState.Unchecked)  # drop 57/263
    win.apply_button.click()
    qtbot.waitUntil(lambda: window.history.job is None and win.history is not None
                    and len(win.history.documents) == 2, timeout=20_000)  # fmt: skip
    assert win.history is not None
    assert [d.metadata.symbol for d in win.history.documents] == ["60/212", "62/209"]
    assert ("57/263", False) in _rows(win)
    assert "dropped by hand" in win.series_list.item(2).toolTip()
    win.add_edit.setText("57/263")  # and back, typed
    win.apply_button.click()
    qtbot.waitUntil(lambda: window.history.job is None and win.history is not None
                    and len(win.history.documents) == 3, timeout=20_000)  # fmt: skip
    assert win.history is not None
    assert [d.metadata.symbol for d in win.history.documents] == ["57/263", "60/212", "62/209"]
    win.add_edit.setText("no-such-document")
    win.apply_button.click()
    qtbot.waitUntil(lambda: window.history.job is None, timeout=20_000)
    assert "no-such-document" in win.about.text()


def test_double_click_opens_that_version_and_the_one_before(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = _open(window, qtbot)
    assert win.history is not None and win.model is not None
    n = next(
        i
        for i, lin in enumerate(win.history.lineages)
        if lin.versions[0] and lin.versions[0].labels == ("PP2",)
    )
    index = win.proxy.mapFromSource(win.model.index(n, 1))
    win.table.doubleClicked.emit(index)
    c = window.comparison
    assert c is not None
    assert (c.left.metadata.symbol, c.right.metadata.symbol) == ("57/263", "60/212")
    pair = c.alignment.pairs[window.view.current_pair]
    assert [c.right.paragraphs[i].label for i in pair.right] == ["OP4"]
    assert [c.left.paragraphs[i].label for i in pair.left] == ["PP2"]


def test_changed_only_hides_paragraphs_the_same_everywhere(qtbot) -> None:  # type: ignore[no-untyped-def]
    corpus = Corpus.bundled()
    h = build_history([corpus.document("60/212"), corpus.document("62/209")])
    win = HistoryWindow(THEMES["light"])
    qtbot.addWidget(win)
    win.set_history(h, None)
    assert win.proxy.rowCount() == len(h.lineages)
    win.changed_only.setChecked(True)
    shown = {int(win.proxy.index(r, 0).data(LINEAGE_ROLE)) for r in range(win.proxy.rowCount())}
    hidden = set(range(len(h.lineages))) - shown
    assert hidden and all(not h.lineages[n].changed for n in hidden)
    assert all(h.lineages[n].changed for n in shown)
    same = [h.lineages[n].versions for n in hidden]
    assert all(v[1] is not None and v[1].kind == "identical" for v in same)
    # Selecting a hidden paragraph shows it again rather than nothing.
    win.select_lineage(min(hidden))
    assert not win.changed_only.isChecked() and win.selected_lineage() == min(hidden)


def test_a_document_alone_says_why_and_does_not_crash(window: MainWindow, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    para = Paragraph("OP1", "Decides that the Arctic tern shall be the emblem of fishery observers;")
    lone = Document("lone", str(tmp_path / "lone.txt"), Metadata(title="Tern observers"), (para,))
    window.history.show_history(lone, [lone])
    win = window.history.window
    assert win is not None
    qtbot.waitUntil(lambda: window.history.job is None, timeout=20_000)
    assert "at least two different documents" in win.about.text()
    assert win.model is None


def test_context_menu_entry_and_legend(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.view.view("left").historyRequested.emit(0)  # what "History of This Paragraph" emits
    win = window.history.window
    assert win is not None
    qtbot.waitUntil(lambda: win.model is not None and window.history.job is None, timeout=20_000)
    assert win.history is not None
    n = win.selected_lineage()
    assert n is not None
    left = window.session.left
    assert left is not None
    k = [d.id for d in win.history.documents].index(left.id)
    assert win.history.lineages[n].versions[k] is not None
    assert 0 in win.history.lineages[n].versions[k].paragraphs  # type: ignore[union-attr]
    legend = window.legend_html()
    assert "History grid" in legend
    assert all(f"{mark}</td>" in legend for mark in KIND_MARKS.values())
    assert window.actions_.history.shortcut().toString() == "Ctrl+H"


SCRIPT = textwrap.dedent(
    """
    import sys
    import reader.gui
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from reader.gui.main_window import MainWindow
    from reader.gui.settings import AppSettings

    app = QApplication(sys.argv[:1])
    window = MainWindow(AppSettings(sys.argv[1]), persist=False)
    window.setGeometry(0, 0, 1600, 1000)
    window.show()
    window.actions_.history.trigger()

    def shoot():
        if window.history.job is not None:
            QTimer.singleShot(200, shoot)
            return
        w = window.history.window
        w.setGeometry(60, 30, 1400, 940)
        w.select_lineage(5)
        app.processEvents()
        ok = w.grab().save(sys.argv[2])
        print("saved" if ok else "not saved", w.model.rowCount(), app.platformName())
        app.quit()

    QTimer.singleShot(1000, shoot)
    app.exec()
    """
)


def test_history_window_on_xvfb(tmp_path: Path, output_dir: Path) -> None:
    out = output_dir / "history-xvfb.png"
    out.unlink(missing_ok=True)
    result = run_on_xvfb(SCRIPT, str(tmp_path / "s.ini"), str(out))
    assert "saved 35 xcb" in result.stdout, result.stdout + result.stderr[-2000:]
    image = QImage(str(out))
    assert image.width() > 1000 and image.height() > 800
    # the kind tints are drawn: several distinct background colours down a grid column
    colours = {image.pixel(image.width() // 2, y) for y in range(150, 550, 3)}
    assert len(colours) > 4


def test_close_button_escape_and_ctrl_w_close_the_history_window(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = _open(window, qtbot)
    for close in (
        lambda: qtbot.mouseClick(win.close_button, Qt.MouseButton.LeftButton),
        lambda: qtbot.keyClick(win.table, Qt.Key.Key_Escape),
        lambda: qtbot.keyClick(win.versions, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    ):
        win.show()
        win.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=2_000)
        close()
        qtbot.waitUntil(lambda: not win.isVisible(), timeout=2_000)
    assert window.isVisible()  # the main window stays open
    # and it reopens: the controller keeps the window
    assert _open(window, qtbot) is win and win.isVisible()


def test_closing_while_the_series_is_found_cancels_that_work(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.show_history("right", None)  # type: ignore[arg-type]
    win = window.history.window
    assert win is not None and win.cancel_button.isVisible()
    cancelled: list[bool] = []
    win.cancelRequested.connect(lambda: cancelled.append(True))
    win.close()
    assert cancelled == [True] and window.history.job is None
