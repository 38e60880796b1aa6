"""Work around a PySide6 6.12.0 reference-count bug on Python < 3.12.

PySide6 6.12.0 returns ``None`` from every void method (``setText``,
``setValue``, ``QPainter.drawLine``, ...) without taking a reference. On Python
3.12+ ``None`` is immortal and nothing happens; on 3.11 each call lowers
``None``'s count and after some thousands of calls the interpreter aborts with
"Fatal Python error: none_dealloc". Measured here: one ``QWidget.update()``
call = one lost reference.

``None`` must never be freed anyway, so giving it a huge reference count (what
3.12 does by making it immortal) is harmless and makes the loss irrelevant.
Call ``protect_none()`` before the first Qt call.
"""

from __future__ import annotations

import ctypes
import sys

_RESERVE = 1 << 50
_done = False


def protect_none() -> bool:
    """Give ``None`` an effectively endless reference count on Python < 3.12; True if applied."""
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    ctypes.c_ssize_t.from_address(id(None)).value += _RESERVE
    _done = True
    return True
