"""Where a report goes: one set of checks and one atomic write for every kind of report.

A folder, a missing parent folder, an existing file without ``force`` or an
unwritable place is an InputError, and nothing is changed. The page is rendered
only once the place is known to be good.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reader.core.atomic import atomic_write_text
from reader.core.errors import InputError


def write_html(path: str | Path, render: Callable[[], str], *, force: bool = False) -> None:
    """Check ``path``, then write ``render()`` to it atomically."""
    target = Path(path)
    if target.is_dir():
        raise InputError(target, "is a folder; give a file name for the report")
    parent = target.parent
    if parent.exists() and not parent.is_dir():
        raise InputError(target, f"cannot be written: {parent} is a file, not a folder")
    if not parent.is_dir():
        raise InputError(target, f"cannot be written: folder {parent} does not exist")
    if target.exists() and not force:
        raise InputError(target, "already exists; use --force to replace it")
    html = render()
    try:
        atomic_write_text(target, html)
    except OSError as exc:
        raise InputError(target, f"cannot be written: {exc.strerror or exc}") from exc
