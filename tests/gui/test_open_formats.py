"""PDF, Word and web pages open in the reader wherever a text file does, read off the GUI thread.

The fixtures are those of tests/fixtures/make_fixtures.py (Chromium prints the
PDF). A long PDF shows a progress dialog that cancels; a bad file leaves the
comparison on screen as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest
from gui_helpers import drop_file
from PySide6.QtWidgets import QPushButton

from benchmarks.formats import volume_pdf
from reader.gui.doc_loader import FILE_FILTER
from reader.gui.main_window import MainWindow
from tests.fixtures import known
from tests.fixtures.make_fixtures import make_all, page_count

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    paths = make_all(tmp_path_factory.mktemp("gui-formats"), pages=20)
    paths["big"] = volume_pdf(paths["long"])
    assert page_count(paths["big"]) == 500
    writer = pypdf.PdfWriter(clone_from=paths["pdf"])
    writer.encrypt("secret")
    paths["locked"] = paths["pdf"].with_name("locked.pdf")
    with paths["locked"].open("wb") as fh:
        writer.write(fh)
    return paths


def _open_and_wait(window: MainWindow, qtbot, side: str, path: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.open_side(side, str(path)) is True  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: not window.loader.busy, timeout=30000)


def _labels(window: MainWindow, side: str) -> list[str]:
    c = window.comparison
    assert c is not None
    doc = c.left if side == "left" else c.right
    return [p.label for p in doc.paragraphs]


def test_open_left_and_right_pdf_and_word(
    window: MainWindow, qtbot, files: dict[str, Path], output_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    _open_and_wait(window, qtbot, "left", files["pdf"])
    _open_and_wait(window, qtbot, "right", files["docx"])
    c = window.comparison
    assert c is not None
    assert c.left.path == str(files["pdf"]) and c.right.path == str(files["docx"])
    assert _labels(window, "left") == _labels(window, "right") == [p.label for p in known.PARAS]
    assert {pair.kind for pair in c.alignment.pairs} == {"identical"}
    assert window.view.left.document_model is c.left  # what the pane shows
    assert known.SYMBOL in window.windowTitle()
    assert not window.banner.isVisible()
    window.grab().save(str(output_dir / "formats-pdf-vs-docx.png"))


def test_drop_a_web_page_on_a_pane(window: MainWindow, qtbot, files: dict[str, Path]) -> None:  # type: ignore[no-untyped-def]
    event = drop_file(window.view.right, str(files["html"]))
    assert event.isAccepted()
    qtbot.waitUntil(
        lambda: window.comparison is not None and window.comparison.right.path == str(files["html"])
    )
    assert _labels(window, "right") == [p.label for p in known.PARAS]


def test_file_dialog_offers_every_format() -> None:
    first = FILE_FILTER.split(";;")[0]
    for pattern in ("*.txt", "*.md", "*.pdf", "*.docx", "*.html", "*.htm"):
        assert pattern in first


def test_a_bad_pdf_leaves_the_comparison(window: MainWindow, qtbot, files: dict[str, Path]) -> None:  # type: ignore[no-untyped-def]
    before = window.comparison
    _open_and_wait(window, qtbot, "left", files["locked"])
    assert window.comparison is before
    assert window.banner.isVisible()
    assert "locked.pdf" in window.banner.text and "encrypted PDF" in window.banner.text
    assert "unchanged" in window.banner.text


def test_500_page_pdf_shows_progress_and_cancels(window: MainWindow, qtbot, files: dict[str, Path]) -> None:  # type: ignore[no-untyped-def]
    before = window.comparison
    pages: list[int] = []
    window.open_side("right", str(files["big"]))
    assert window.loader.job is not None
    window.loader.job.progress.connect(lambda done, total: pages.append(done))
    qtbot.waitUntil(
        lambda: window.loader.dialog is not None and window.loader.dialog.isVisible(), timeout=10000
    )
    qtbot.waitUntil(lambda: len(pages) > 5, timeout=10000)
    assert window.loader.dialog is not None
    assert window.loader.dialog.maximum() == 500
    assert "of 500" in window.loader.dialog.labelText()
    button = window.loader.dialog.findChild(QPushButton)
    assert button is not None and button.text() == "Cancel"
    button.click()
    qtbot.waitUntil(lambda: not window.loader.busy, timeout=10000)
    assert max(pages) < 500
    assert window.comparison is before
    assert "Stopped reading" in window.statusBar().currentMessage()


def test_500_page_pdf_opens_when_left_to_finish(
    make_window: Callable[..., MainWindow],
    qtbot,
    files: dict[str, Path],  # type: ignore[no-untyped-def]
) -> None:
    window = make_window()
    _open_and_wait(window, qtbot, "right", files["big"])
    assert window.comparison is not None and window.comparison.right.path == str(files["big"])
    assert len(window.comparison.right.paragraphs) > 130


def test_both_sides_read_at_once(window: MainWindow, qtbot, files: dict[str, Path]) -> None:  # type: ignore[no-untyped-def]
    """Dropping a file on the right while the left one is still being read reads both."""
    window.open_side("left", str(files["long"]))
    window.open_side("right", str(files["html"]))
    qtbot.waitUntil(lambda: not window.loader.busy, timeout=30000)
    c = window.comparison
    assert c is not None
    assert (c.left.path, c.right.path) == (str(files["long"]), str(files["html"]))


def test_a_recent_pair_with_a_pdf_reopens(window: MainWindow, qtbot, files: dict[str, Path]) -> None:  # type: ignore[no-untyped-def]
    assert window.open_pair(str(files["docx"]), str(files["pdf"])) is True
    qtbot.waitUntil(lambda: not window.loader.busy, timeout=30000)
    c = window.comparison
    assert c is not None and (c.left.path, c.right.path) == (str(files["docx"]), str(files["pdf"]))
    assert window.settings.recent_pairs()[0] == (str(files["docx"]), str(files["pdf"]))


def test_a_pdf_given_at_start_is_read_in_the_background(
    make_window: Callable[..., MainWindow], qtbot, files: dict[str, Path]
) -> None:  # type: ignore[no-untyped-def]
    """``gui volume.pdf 62/209``: the window opens at once on the default left document and the
    500-page PDF replaces it when read; Cancel keeps the default document."""
    window = make_window(left=str(files["big"]), right="62/209")
    assert window.comparison is not None  # painted before the PDF is read
    assert window.comparison.left.metadata.symbol == "60/212"
    assert window.comparison.right.metadata.symbol == "62/209"
    qtbot.waitUntil(lambda: window.loader.busy, timeout=5000)
    qtbot.waitUntil(lambda: not window.loader.busy, timeout=60000)
    assert window.comparison.left.path == str(files["big"])
    assert window.comparison.right.metadata.symbol == "62/209"
