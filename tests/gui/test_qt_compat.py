"""The PySide6 6.12 / Python 3.11 workaround keeps long sessions from aborting."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_many_void_qt_calls_do_not_abort_the_interpreter() -> None:
    """200 000 void Qt calls (a long session's worth) in a fresh interpreter that imported reader.gui."""
    code = textwrap.dedent(
        """
        import os
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        import reader.gui
        from PySide6.QtGui import QColor, QTextCharFormat
        fmt = QTextCharFormat()
        for _ in range(200_000):
            fmt.setBackground(QColor(10, 20, 30))
        print("alive")
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "alive"
