"""Settings survive a restart of the window; screenshots of the finished window; smoke start."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QColor

from reader.core.compare.keywords import Keyword
from reader.gui.app import run_gui
from reader.gui.keyword_store import KeywordEntry
from reader.gui.main_window import MainWindow
from reader.gui.theme import DARK, LIGHT


def test_settings_persist_across_restart(make_window: Callable[..., MainWindow], settings_path: Path) -> None:
    first = make_window(size=(1200, 760))
    assert (first.comparison.left.metadata.symbol, first.comparison.right.metadata.symbol) == (  # type: ignore[union-attr]
        "60/212",
        "62/209",
    )
    first.set_threshold(55)
    first.keyword_panel.add_keyword(
        KeywordEntry(Keyword("technical cooperation", fuzzy=True), colour="#74c0fc")
    )
    assert first.open_pair("57/263", "60/212")
    first.actions_.zoom_in.trigger()
    first.actions_.changes_only.setChecked(True)
    first.view.splitter.setSizes([500, 64, 400])
    sizes = first.view.splitter.sizes()
    geometry = bytes(first.saveGeometry().data())
    first.close()
    assert settings_path.exists()

    second = make_window(size=None)
    c = second.comparison
    assert c is not None
    assert (c.left.metadata.symbol, c.right.metadata.symbol) == ("57/263", "60/212")
    assert second.threshold_slider.value() == 55 and c.alignment.threshold == 55
    assert [(e.text, e.keyword.fuzzy, e.colour) for e in second.keyword_panel.entries] == [
        ("technical cooperation", True, "#74c0fc")
    ]
    assert second.keyword_panel.counts()[0][0] > 0
    assert second.view.point_size == first.view.point_size
    assert second.actions_.changes_only.isChecked()
    # the offscreen test screen is small and may clamp the width; the saved geometry is what counts
    assert bytes(second.settings.geometry().data()) == geometry  # type: ignore[union-attr]
    assert second.height() == 760
    restored = second.view.splitter.sizes()
    assert restored[1] == sizes[1]  # the gutter keeps its width; the panes keep their proportion
    assert abs(restored[0] / restored[2] - sizes[0] / sizes[2]) < 0.03
    recent = second.settings.recent_pairs()
    assert recent[0] == ("ga-57-263", "ga-60-212")


def _save(window: MainWindow, path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()  # let labels take their new sizes before painting
    image = window.grab().toImage()
    assert not image.isNull()
    assert image.save(str(path))


def _has_colour(window: MainWindow, colour: str) -> bool:
    """Does the link gutter paint this colour somewhere (tolerating antialiasing)?"""
    img = window.view.gutter.grab().toImage()
    want = QColor(colour)
    for y in range(0, img.height(), 2):
        for x in range(0, img.width(), 2):
            c = img.pixelColor(x, y)
            if abs(c.red() - want.red()) + abs(c.green() - want.green()) + abs(c.blue() - want.blue()) < 30:
                return True
    return False


@pytest.mark.parametrize("size", [(1600, 1000), (1280, 720)])
def test_screenshot_of_default_pair(
    make_window: Callable[..., MainWindow], output_dir: Path, size: tuple[int, int]
) -> None:
    window = make_window(size=size)
    for word in ("triangular cooperation", "Special Unit"):
        window.keyword_panel.edit.setText(word)
        window.keyword_panel.add_from_input()
    c = window.comparison
    assert c is not None
    k = window.view.pair_of("left", c.left.index_of("OP4"))
    assert k is not None
    window.view.select_pair(k)  # the reworded "not as a substitute for" paragraph
    out = output_dir / f"reader-{size[0]}x{size[1]}.png"
    _save(window, out)
    assert out.stat().st_size > 20000
    assert window.grab().size().width() == size[0]
    # the gutter really draws the kinds' marks
    assert _has_colour(window, LIGHT.kind_line["modified"])
    # nothing is squeezed: both text columns keep a readable width
    assert window.view.left.viewport().width() >= 300 and window.view.right.viewport().width() >= 300


def test_screenshot_dark(make_window: Callable[..., MainWindow], output_dir: Path) -> None:
    window = make_window(size=(1600, 1000))
    window.actions_.theme_dark.trigger()
    try:
        assert window.theme is DARK
        assert window.view.left.theme is DARK
        _save(window, output_dir / "reader-1600x1000-dark.png")
        assert _has_colour(window, DARK.kind_line["modified"])
    finally:
        window.actions_.theme_light.trigger()
    assert window.settings.theme() == "light"


def test_every_control_has_a_tooltip(window: MainWindow) -> None:
    from PySide6.QtWidgets import QAbstractButton, QLineEdit, QSlider, QTreeView

    missing = [
        f"{type(w).__name__} {w.objectName()} {getattr(w, 'text', lambda: '')()}"
        for cls in (QAbstractButton, QLineEdit, QSlider, QTreeView)  # scroll bars are standard
        for w in window.findChildren(cls)
        if w.isVisibleTo(window) and not w.toolTip()
    ]
    assert missing == []
    menus = [a for a in window.menuBar().actions()]
    shortcuts = {a.text(): a.shortcut().toString() for m in menus for a in m.menu().actions() if a.text()}  # type: ignore[union-attr]
    assert shortcuts["&Next Change"] == "F7" and shortcuts["&Find\u2026"] == "Ctrl+F"


def test_about_names_the_version(window: MainWindow) -> None:
    from reader import __version__

    assert f"Resolution Reader {__version__}" in window.about_html()
    assert "legend" in window.actions_.legend.text().lower()
    assert "moved" in window.legend_html() and "recurring language" in window.legend_html()


def test_smoke_start(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_gui(smoke=True) == 0
    out = capsys.readouterr()
    line = out.out.strip().splitlines()[-1]
    assert line.startswith("smoke ok: 60/212 vs 62/209, ") and line.endswith(" pairs")
    # How long the user waited, from launching: this test process started earlier, so more than 0.
    painted = re.search(r"^painted (\d+\.\d\d) s after the program started$", out.err, re.MULTILINE)
    assert painted is not None and float(painted.group(1)) > 0
    assert run_gui("57/263", "/no/such/draft.txt", smoke=True) == 2
    err = capsys.readouterr().err
    assert "/no/such/draft.txt" in err and "Traceback" not in err


def test_vanished_last_pair_falls_back_to_the_default_with_a_message(
    make_window: Callable[..., MainWindow], settings_path: Path, tmp_path: Path
) -> None:
    from reader.gui.settings import AppSettings

    gone = tmp_path / "deleted-draft.txt"
    AppSettings(settings_path).set_last_pair(str(gone), "ga-62-209")
    window = make_window()
    c = window.comparison
    assert c is not None and (c.left.metadata.symbol, c.right.metadata.symbol) == ("60/212", "62/209")
    assert "deleted-draft.txt" in window.banner.text
