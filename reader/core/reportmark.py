"""How the program's own HTML reports are recognised, so that a report saved into a corpus folder is
not taken for a document of the corpus at the next start.

Every report carries ``<meta name="resolution-reader-report" content="KIND">`` near the top of its
head; reports written before that tag existed are known by their generator tag. Only a file's first
bytes are read. No import beyond the standard library: the corpus listing uses this.
"""

from __future__ import annotations

import os

META_NAME = "resolution-reader-report"
#: Enough for the head of every report template (the generator tag was at byte 284).
HEAD_BYTES = 1024
_MARKS = (f'name="{META_NAME}"'.encode(), b'<meta name="generator" content="Resolution Reader')
HTML_SUFFIXES = (".html", ".htm")


def is_report_head(head: bytes) -> bool:
    return any(mark in head for mark in _MARKS)


def is_own_report(path: str | os.PathLike[str]) -> bool:
    """True for an HTML file written by this program's report writer (False if it cannot be read)."""
    try:
        with open(path, "rb") as fh:
            return is_report_head(fh.read(HEAD_BYTES))
    except OSError:
        return False
