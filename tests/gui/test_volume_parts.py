"""A volume page's texts in the reader: each part is a row of the corpus panel, and opening
one shows that text alone, named by its own symbol (real files from ``fixtures/real_volumes``)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt

from reader.gui.main_window import MainWindow

VOLUMES = Path(__file__).parents[1] / "fixtures" / "real_volumes"


def _shown(window: MainWindow, side: str) -> str:
    """The id of the document the ``side`` pane compares, "" before there is a comparison."""
    c = window.comparison
    return "" if c is None else (c.left if side == "left" else c.right).id


def test_opening_a_part_of_a_volume_page_from_the_corpus_panel(
    make_window: Callable[..., MainWindow], tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "volumes"
    folder.mkdir()
    for name in ("A_RES_32_40.txt", "S_RES_425(1978).txt"):
        shutil.copy(VOLUMES / name, folder / name)
    window = make_window(corpus_dirs=[folder])
    panel = window.corpus_panel
    qtbot.waitUntil(lambda: "A_RES_32_40#4" in panel.refs(), timeout=30000)
    panel.filter_edit.setText("32/21 a")  # the page's first text, on the left
    assert panel.refs() == ["A_RES_32_40#1"]
    panel.tree.setCurrentIndex(panel.proxy.index(0, 0))
    panel.left_button.click()
    panel.filter_edit.setText("32/40 b")
    assert panel.refs() == ["A_RES_32_40#4"]
    rect = panel.tree.visualRect(panel.proxy.index(0, 0))
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: _shown(window, "right") == "A_RES_32_40#4")
    doc = window.comparison.right  # type: ignore[union-attr]
    assert doc.metadata.symbol == "32/40 B" and len(doc.paragraphs) == 12
    pane = window.view.right_pane
    assert pane.title_label.full_text.startswith("32/40 B")
    assert "text 4 of" in pane.title_label.toolTip()
    shown = pane.view.toPlainText()
    assert all(p.text[:60] in shown for p in doc.paragraphs)
    # nothing of the other texts of the page: not 32/40 A's first paragraph, nor 32/21's
    first_of_a = window.session.corpus.document("A_RES_32_40#3").paragraphs[0].text
    assert first_of_a[:60] not in shown
    # the Security Council page: its second text, named S/RES/426 (1978)
    panel.filter_edit.setText("426")
    assert panel.refs() == ["S_RES_425(1978)#2"]
    panel.tree.setCurrentIndex(panel.proxy.index(0, 0))
    panel.left_button.click()
    qtbot.waitUntil(lambda: _shown(window, "left") == "S_RES_425(1978)#2")
    assert window.view.left_pane.title_label.full_text.startswith("S/RES/426 (1978)")
