"""Entry point of the reader window: ``run_gui`` (the CLI calls it; Qt is imported here only)."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from reader.gui.main_window import MainWindow


def run_gui(
    left: str | None = None,
    right: str | None = None,
    corpus_dirs: Sequence[Path] | None = None,
    smoke: bool = False,
) -> int:
    """Open the reader on LEFT/RIGHT (or the last / default pair) and run until closed.

    ``smoke`` opens the pair, paints the window once, prints one line and returns 0
    without touching saved settings (the packaging test runs the bundle this way);
    a pair that cannot be opened is exit code 2 with the reason on stderr. With no display to open
    a window on, it is one sentence and exit code 2 (Qt would abort the process).
    """
    problem = display_problem(os.environ, sys.platform)
    if problem:
        from reader.core.errors import InputError

        raise InputError("no display", problem)
    from reader.gui.qt_compat import protect_none

    protect_none()
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from reader.gui import main_thread_gc
    from reader.gui.main_window import MainWindow
    from reader.gui.settings import APPLICATION, ORGANISATION, AppSettings

    previous_handler = qInstallMessageHandler(_quiet_qt_messages)
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    main_thread_gc.install(app)
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
        try:
            return _smoke(app, window)
        finally:
            qInstallMessageHandler(previous_handler)
    window.show()
    return int(app.exec())


#: Qt platforms that draw without a window system (QT_QPA_PLATFORM, up to its first ``:``).
HEADLESS_PLATFORMS = frozenset(
    {"offscreen", "minimal", "minimalegl", "vnc", "linuxfb", "eglfs", "vkkhrdisplay"}
)


def display_problem(environ: Mapping[str, str], platform: str) -> str | None:
    """Why a window cannot be opened here, or None: checked before Qt's xcb plugin aborts the process.

    Only Linux and the other X11/Wayland systems are checked; Windows and macOS always have a display.
    """
    if platform.startswith(("win", "darwin", "cygwin")):
        return None
    qpa = environ.get("QT_QPA_PLATFORM", "").split(":", 1)[0].strip().lower()
    x11 = bool(environ.get("DISPLAY"))
    wayland = bool(environ.get("WAYLAND_DISPLAY"))
    if qpa in HEADLESS_PLATFORMS:
        return None
    if (qpa == "xcb" and x11) or (qpa.startswith("wayland") and wayland):
        return None
    if not qpa and (x11 or wayland):
        return None
    if qpa and qpa != "xcb" and not qpa.startswith("wayland"):
        return None  # another platform plugin: Qt knows what it needs
    unset = (
        "DISPLAY is not set"
        if qpa == "xcb"
        else "WAYLAND_DISPLAY is not set"
        if qpa
        else "neither DISPLAY nor WAYLAND_DISPLAY is set"
    )
    return (
        f"the reader window needs a desktop session ({unset}); "
        "the command-line subcommands (compare, provenance, history, trace; see --help) work without one"
    )


def _smoke(app: QApplication, window: MainWindow) -> int:
    """Paint the window once and say what it shows (the packaging test reads this line)."""
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    image = window.grab()
    c = window.comparison
    if window.banner.text:  # the pair asked for could not be opened
        print(f"error: {window.banner.text}", file=sys.stderr)
        window.close()
        return 2
    if c is None or image.isNull():
        print(f"smoke failed: {window.banner.label.text() or 'nothing shown'}", file=sys.stderr)
        return 1
    print(f"smoke ok: {c.left.display_name} vs {c.right.display_name}, {len(c.alignment.pairs)} pairs")
    since = _seconds_since_start()
    if since is not None:  # what a user waits for, from launching to the pair on screen
        print(f"painted {since:.2f} s after the program started", file=sys.stderr)
    window.close()
    return 0


def _seconds_since_start() -> float | None:
    """Seconds since this process started (Linux: ``/proc``, to a hundredth), or None elsewhere."""
    try:
        stat = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        started = int(stat[19]) / os.sysconf("SC_CLK_TCK")  # field 22, starttime, in clock ticks
        return float(Path("/proc/uptime").read_text().split()[0]) - started
    except (OSError, ValueError, IndexError):
        return None


def _quiet_qt_messages(mode: object, context: object, message: str) -> None:
    """Drop Qt's platform chatter that means nothing to the analyst; keep real warnings."""
    if "propagateSizeHints" in message:
        return
    print(message, file=sys.stderr)


def _icon_paths() -> list[Path]:
    from reader.core.appinfo import icon_pngs

    return [p for p in icon_pngs() if p.exists()]
