"""Edits to corpus files that the tests make to fool a cheap change check."""

from __future__ import annotations

import os
from pathlib import Path


def edit_keeping_size(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in ``path`` with ``new`` of the same byte length, one second later in
    mtime: only the file's hash can tell it changed."""
    text = path.read_text(encoding="utf-8")
    swapped = text.replace(old, new, 1)
    assert len(swapped.encode()) == len(text.encode()) and swapped != text
    mtime = path.stat().st_mtime_ns
    path.write_text(swapped, encoding="utf-8")
    os.utime(path, ns=(mtime + 10**9, mtime + 10**9))
