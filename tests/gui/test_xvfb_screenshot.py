"""The real window on a real X server (Xvfb): what a person would see, saved as a PNG."""

from __future__ import annotations

import textwrap
from pathlib import Path

from gui_helpers import run_on_xvfb
from PySide6.QtGui import QImage

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

    def shoot():
        window.actions_.next_change.trigger()
        app.processEvents()
        shot = app.primaryScreen().grabWindow(0)
        ok = shot.save(sys.argv[2])
        print("saved" if ok else "not saved", shot.width(), shot.height(), app.platformName())
        app.quit()

    QTimer.singleShot(1500, shoot)
    app.exec()
    """
)


def test_main_window_on_xvfb(tmp_path: Path, output_dir: Path) -> None:
    out = output_dir / "reader-xvfb-1600x1000.png"
    out.unlink(missing_ok=True)
    result = run_on_xvfb(SCRIPT, str(tmp_path / "s.ini"), str(out))
    assert "saved 1600 1000 xcb" in result.stdout, result.stdout + result.stderr[-2000:]
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1600, 1000)
    # a painted window, not a blank screen: many distinct colours across the middle row
    colours = {image.pixel(x, 500) for x in range(0, 1600, 4)}
    assert len(colours) > 20
