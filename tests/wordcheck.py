"""The no-word-lost check: every word of an input ends in a paragraph, a heading, a footnote,
a metadata field or a set-aside part of the parsed document.

Words are counted as ``reader.core.textnorm`` cuts them, reduced to their letters: numbers are
footnote markers, paragraph numbers and dates (which metadata holds in ISO form), and a word
split at a line end ("develop-\\nment") or kept as a compound ("South-South") counts once
either way. A paragraph, sub-paragraph or section number at a line's start is numbering, not a word.
"""

from __future__ import annotations

import re
from collections import Counter

from reader.core.model import Document
from reader.core.textnorm import tokens

_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
_LINE_END_SPLIT = re.compile(r"(\w)[-\u00ad][ \t]*\n[ \t]*(?=\w)")
_NUMBERING = re.compile(
    r"^[ \t]*(?:[-*+•–][ \t]+)?"
    r"(?:\(?[a-z]{1,2}\)|\(?[ivxlc]{1,6}\)|\(\d{1,3}\)|\d{1,3}[.)]|[IVXL]{1,7}\.|[A-Z]\.)",
    re.M,
)
_NOT_LETTER = re.compile(r"[\W\d_]+")


def word_bag(text: str) -> Counter[str]:
    """Words of ``text`` (two letters or more once digits and joiners are taken out)."""
    bag: Counter[str] = Counter()
    for t in tokens(text):
        word = _NOT_LETTER.sub("", t.norm)
        if len(word) > 1:
            bag[word] += 1
    return bag


def input_bag(text: str) -> Counter[str]:
    """The words a reader sees in the input: markup, line-end hyphens and numbering aside."""
    text = text.replace("\r\n", "\n").replace("\f", "\n")
    text = _TAG.sub(" ", text)
    text = _LINE_END_SPLIT.sub(r"\1", text)
    return word_bag(_NUMBERING.sub(" ", text))


def placed_bag(doc: Document) -> Counter[str]:
    """The words the document holds: paragraphs, headings, footnotes, metadata, set aside."""
    m = doc.metadata
    parts = [p.text for p in doc.paragraphs]
    parts += [s.title for s in doc.sections]
    parts += [f.text for f in doc.footnotes]
    parts += [m.symbol, m.body, m.title, m.date, m.session, m.meeting]
    parts += [a.text for a in doc.set_aside]
    bag: Counter[str] = Counter()
    for part in parts:
        bag += word_bag(part)
    return bag


def lost_words(text: str, doc: Document) -> Counter[str]:
    """Words of ``text`` that ``doc`` holds fewer times than the input does."""
    return input_bag(text) - placed_bag(doc)
