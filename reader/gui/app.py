"""Entry point of the reader window: ``run_gui`` (the CLI calls it; Qt is imported here only)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path


def run_gui(
    left: str | None = None,
    right: str | None = None,
    corpus_dirs: Sequence[Path] | None = None,
    smoke: bool = False,
) -> int:
    """Open the reader on LEFT/RIGHT (or the last / default pair) and run until closed.

    ``smoke`` opens the pair, paints the window once, prints one line and returns 0
    without touching saved settings (the packaging test runs the bundle this way).
    """
    from reader.gui.qt_compat import protect_none

    protect_none()
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from reader.gui.main_window import MainWindow
    from reader.gui.settings import APPLICATION, ORGANISATION, AppSettings

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    from reader import __version__

    app.setApplicationVersion(__version__)
    icon = QIcon()
    for png in _icon_paths():
        icon.addFile(str(png))
    if not icon.isNull():
        app.setWindowIcon(icon)
    window = MainWindow(AppSettings(), left=left, right=right, corpus_dirs=corpus_dirs, persist=not smoke)
    if smoke:
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        image = window.grab()
        c = window.comparison
        if c is None or image.isNull():
            print(f"smoke failed: {window.banner.label.text() or 'nothing shown'}", file=sys.stderr)
            return 1
        print(f"smoke ok: {c.left.display_name} vs {c.right.display_name}, {len(c.alignment.pairs)} pairs")
        window.close()
        return 0
    window.show()
    return int(app.exec())


def _icon_paths() -> list[Path]:
    from reader.core.appinfo import icon_pngs

    return [p for p in icon_pngs() if p.exists()]
