"""The desktop reader (PySide6). It renders core results and holds no matching logic."""

from reader.gui.qt_compat import protect_none

protect_none()  # before any Qt call: see qt_compat (PySide6 6.12.0 on Python 3.11)
