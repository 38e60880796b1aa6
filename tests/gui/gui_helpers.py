"""Reading back what a pane actually shows: block text, formats, extra selections."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QTextBlock
from PySide6.QtWidgets import QWidget

from reader.gui.document_view import DocumentView
from reader.gui.render import PROP_FOOTNOTE, PROP_MARK, format_property


def block_of(view: DocumentView, paragraph: int) -> QTextBlock:
    assert view.rendered is not None
    return view.document().findBlockByNumber(view.rendered.places[paragraph].block)


def fragments(block: QTextBlock) -> list[tuple[str, object]]:
    """(text, QTextCharFormat) of each fragment of a block, in order."""
    out: list[tuple[str, object]] = []
    it = block.begin()
    while not it.atEnd():
        frag = it.fragment()
        if frag.isValid():
            out.append((frag.text(), frag.charFormat()))
        it += 1
    return out


def marked(view: DocumentView, paragraph: int, mark: str) -> str:
    """The characters of a paragraph drawn with a diff mark ("insert"/"delete"), joined by '|'."""
    pieces: list[str] = []
    for text, fmt in fragments(block_of(view, paragraph)):
        if format_property(fmt, PROP_MARK) == mark:  # type: ignore[arg-type]
            pieces.append(text)
    return "|".join(pieces)


def shown_text(view: DocumentView, paragraph: int) -> str:
    """The paragraph as displayed, without the footnote numbers put back in."""
    return "".join(
        text
        for text, fmt in fragments(block_of(view, paragraph))
        if format_property(fmt, PROP_FOOTNOTE) is None  # type: ignore[arg-type]
    )


def label_index(view: DocumentView, label: str) -> int:
    assert view.document_model is not None
    return view.document_model.index_of(label)


def run_on_xvfb(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run a Qt ``script`` in a new process on a real X server (Xvfb, 1600x1000), as a user sees it."""
    assert shutil.which("xvfb-run"), "xvfb-run is installed by .ci/run"
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["QT_QPA_PLATFORM"] = "xcb"
    result = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result


def drop_file(target: QWidget, path: str) -> QDropEvent:
    """Drop ``path`` on ``target`` as a file manager does; the event tells whether it was taken."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(path)])
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    target.dropEvent(event)
    return event
