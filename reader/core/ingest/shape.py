"""The text shape every document reader (PDF, Word, web page) hands to the parser.

A reader finds paragraphs, footnote markers and footnotes from the file's own
structure; this module writes them in the one plain-text shape the parser
reads with certainty: one paragraph per line, blank lines between, markers as
``<sup>n</sup>``, footnotes after a ``---`` rule at the end, one per line. The
parser then labels, collects footnotes and reads metadata exactly as for a
text file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from reader.core.model import Metadata
from reader.core.progress import Cancelled as Cancelled  # the readers' names for them; home: core.progress
from reader.core.progress import Progress as Progress
from reader.core.progress import check_progress as check_progress


@dataclass(frozen=True)
class Converted:
    """A document turned into parser text, plus what its format states about it."""

    text: str
    metadata: Metadata = field(default_factory=Metadata)


_SPACES = re.compile(r"[ \t\u00a0\u2002\u2003\u2009]+")


def tidy(text: str) -> str:
    """One line of text: runs of spaces (and non-breaking ones) as one space, no line breaks."""
    return _SPACES.sub(" ", text.replace("\n", " ").replace("\r", " ")).strip()


_LITERAL = str.maketrans({"&": "&amp;", "<": "&lt;"})


def literal(text: str) -> str:
    """Document text as the parser must keep it: "<" and "&" not read as HTML.

    (Asterisks and underscores get no escape: the parser drops escaped ones, and reads
    ``indicators_list`` and a lone ``*`` as text, as it does in a text file.)
    """
    return text.translate(_LITERAL)


def marker(number: int) -> str:
    return f"<sup>{number}</sup>"


def _block(text: str) -> str:
    """A paragraph as one line; one with line breaks of its own (a web page's ``<br>``) keeps them,
    and the parser joins them as it joins a hard-wrapped text."""
    return "\n".join(line for line in (tidy(x) for x in text.split("\n")) if line)


def compose(paragraphs: Iterable[str], footnotes: Iterable[tuple[int, str]]) -> str:
    """Paragraphs (markers already as ``<sup>n</sup>``) and numbered footnotes as parser text."""
    lines = [p for p in (_block(x) for x in paragraphs) if p]
    notes = [f"{marker(n)} {tidy(t)}" for n, t in footnotes if tidy(t)]
    out = "\n\n".join(lines)
    if notes:
        out += "\n\n---\n\n" + "\n\n".join(notes)
    return out + "\n"
