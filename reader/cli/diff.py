"""Word changes as plain text for the command line: colours on a terminal, ``[-…-]{+…+}`` otherwise.

On a terminal (and without ``NO_COLOR``) deletions are red and struck through, insertions green and
underlined; in a file or a pipe they are written as ``[-deleted-]`` and ``{+inserted+}`` (the marks
``git diff --word-diff`` uses), so the output reads without colour and can be searched. Long unchanged
stretches are shortened to their first and last words around an ellipsis.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from typing import TextIO

from reader.core.model import DiffOp

_RED = "\x1b[31;9m"  # red, struck through
_GREEN = "\x1b[32;4m"  # green, underlined
_RESET = "\x1b[0m"

#: Unchanged stretches longer than this many words are shortened to CONTEXT words on each side.
LONG_EQUAL = 16
CONTEXT = 6

_WORDS = re.compile(r"\S+\s*")


def use_colour(out: TextIO) -> bool:
    """Colours only on a terminal, and not when the user asked for none (``NO_COLOR``)."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty())


def _shorten(text: str, first: bool, last: bool) -> str:
    """An unchanged stretch with its middle left out (only its end at the start, its start at the end)."""
    words = _WORDS.findall(text)
    if len(words) <= LONG_EQUAL:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    head = "" if first else "".join(words[:CONTEXT])
    tail = "" if last else "".join(words[-CONTEXT:])
    if first:
        return "… " + tail
    if last:
        return lead + head.rstrip() + " …"
    return lead + head + "… " + tail


def diff_text(ops: Sequence[DiffOp], colour: bool, shorten: bool = True) -> str:
    """The ops as one line of text with the changes marked (newlines between joined paragraphs kept)."""
    pieces: list[str] = []
    n = len(ops)
    for i, (tag, text) in enumerate(ops):
        if tag == "equal":
            pieces.append(_shorten(text, i == 0, i == n - 1) if shorten else text)
        elif colour:
            pieces.append(f"{_RED if tag == 'delete' else _GREEN}{text}{_RESET}")
        else:
            pieces.append(f"[-{text}-]" if tag == "delete" else f"{{+{text}+}}")
    return "".join(pieces)


def has_changes(ops: Sequence[DiffOp]) -> bool:
    return any(tag != "equal" for tag, _ in ops)
