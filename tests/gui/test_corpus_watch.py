"""Files added, edited or removed while the reader is open are read in the background."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from reader.core.paths import bundled_corpus_dir
from reader.gui.corpus_watch import CorpusWatch
from reader.gui.main_window import MainWindow

SEEDS = sorted(p for p in bundled_corpus_dir().glob("*.txt"))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Three seed resolutions as an analyst's folder (no catalogue)."""
    folder = tmp_path / "mine"
    folder.mkdir()
    for seed in SEEDS[:3]:
        shutil.copyfile(seed, folder / seed.name)
    return folder


def _ids(window: MainWindow) -> list[str]:
    return sorted(e.id for e in window.session.corpus.entries)


def _settled(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window._index_job is None, timeout=30000)


def test_a_file_added_then_removed_in_a_corpus_folder_shows_in_the_corpus_list(
    make_window: Callable[..., MainWindow], folder: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(corpus_dirs=[folder])
    _settled(window, qtbot)
    assert window.corpus_watch.folders() == [str(folder)]
    assert len(window.corpus_panel.refs()) == 3
    added = SEEDS[3]
    shutil.copyfile(added, folder / added.name)  # nothing asked of the reader: the folder changed
    qtbot.waitUntil(lambda: len(window.corpus_panel.refs()) == 4, timeout=20000)
    _settled(window, qtbot)
    assert added.stem in _ids(window)
    assert window.statusBar().currentMessage() == "Corpus updated: 1 file read, 0 files removed"
    hits = window.session.tracer().trace("not as a substitute for but rather as a complement to")
    assert hits and all(h.doc_id in _ids(window) for h in hits)

    (folder / SEEDS[0].name).unlink()
    qtbot.waitUntil(lambda: len(window.corpus_panel.refs()) == 3, timeout=20000)
    _settled(window, qtbot)
    assert SEEDS[0].stem not in _ids(window)
    assert window.statusBar().currentMessage() == "Corpus updated: 0 files read, 1 file removed"


def test_refresh_reads_a_file_edited_in_place_and_an_unchanged_folder_changes_nothing(
    make_window: Callable[..., MainWindow], folder: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(corpus_dirs=[folder])
    _settled(window, qtbot)
    corpus = window.session.corpus
    window.actions_.refresh_corpus.trigger()  # F5 with nothing changed
    _settled(window, qtbot)
    assert window.session.corpus is corpus  # nothing re-read, re-shown or re-aligned
    assert not window.index_progress.isVisible()

    # Edited in place (no new file, no rename: the folder itself does not change).
    target = folder / SEEDS[1].name
    text = target.read_text(encoding="utf-8")
    edited = text.replace("South-South cooperation", "South-South and triangular cooperation", 1)
    assert edited != text
    stamp = target.stat().st_mtime_ns
    with open(target, "r+", encoding="utf-8") as fh:
        fh.write(edited)
        fh.truncate()
    os.utime(target, ns=(stamp + 10**9, stamp + 10**9))
    window.actions_.refresh_corpus.trigger()
    _settled(window, qtbot)
    assert window.session.corpus is not corpus
    doc = window.session.corpus.document(SEEDS[1].stem)
    assert any("South-South and triangular cooperation" in p.text for p in doc.paragraphs)
    assert window.statusBar().currentMessage() == "Corpus updated: 1 file read, 0 files removed"


def test_coming_back_to_the_reader_and_quick_changes_make_one_nudge(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Several changes in a moment are one read; leaving the reader and coming back is another."""
    watch = CorpusWatch(settle_ms=200)
    watch.watch([tmp_path, tmp_path / "missing"])
    assert watch.folders() == [str(tmp_path)]  # a folder that is not there is not watched
    nudges: list[int] = []
    watch.changed.connect(lambda: nudges.append(1))
    for n in range(5):
        (tmp_path / f"f{n}.txt").write_text("x", encoding="utf-8")
    qtbot.waitUntil(lambda: nudges == [1], timeout=5000)
    qtbot.wait(400)
    assert nudges == [1]
    watch._state_changed(Qt.ApplicationState.ApplicationInactive)
    watch._state_changed(Qt.ApplicationState.ApplicationActive)
    qtbot.waitUntil(lambda: nudges == [1, 1], timeout=5000)
    watch._state_changed(Qt.ApplicationState.ApplicationActive)  # active already: no nudge
    qtbot.wait(400)
    assert nudges == [1, 1]
    assert isinstance(QGuiApplication.instance(), QGuiApplication)


def test_files_that_are_not_resolutions_are_one_line_under_the_corpus_list(
    make_window: Callable[..., MainWindow], folder: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    """A report in the folder is not listed; the panel says so in one line and names it on hover."""
    report = Path(__file__).parent.parent / "fixtures" / "real" / "A_71_755.txt"
    shutil.copyfile(report, folder / report.name)
    window = make_window(corpus_dirs=[folder])
    _settled(window, qtbot)
    assert len(window.corpus_panel.refs()) == 3
    label = window.corpus_panel.problems_label
    qtbot.waitUntil(label.isVisible, timeout=20000)
    assert label.text() == "1 file is not a resolution (hover for details)"
    assert "A_71_755.txt" in label.toolTip()
