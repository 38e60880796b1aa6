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
from collections.abc import Sequence

from reader.core.model import Document
from reader.core.textnorm import tokens

_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
# A hyphen before a line end (or the space a join left of one): "develop-\nment", "ex- tremely".
_SPLIT = re.compile(r"(\w)[-\u00ad]\s+(?=\w)")
_NUMBERING = re.compile(
    r"^[ \t]*(?:[-*+•–][ \t]+)?"
    r"(?:\(?[a-z]{1,2}\)|\(?[ivxlc]{1,6}\)|\(\d{1,3}\)|\d{1,3}[.)]|[IVXL]{1,7}[.\t]|[A-Z][.\t]|[a-z]{1,6}\.\t)",
    re.M,
)
_NOT_LETTER = re.compile(r"[\W\d_]+")
_JOINER = re.compile(r"[./'\u2019]")  # "A.Openingdate", "A/RES/60/212": parts; "South-South": one word


def word_bag(text: str) -> Counter[str]:
    """Words of ``text`` (two letters or more once digits and joiners are taken out)."""
    bag: Counter[str] = Counter()
    for t in tokens(_SPLIT.sub(r"\1", text)):
        for piece in _JOINER.split(t.norm.replace("-", "")):
            word = _NOT_LETTER.sub("", piece)
            if len(word) > 1:
                bag[word] += 1
    return bag


def input_bag(text: str) -> Counter[str]:
    """The words a reader sees in the input: markup, line-end hyphens and numbering aside."""
    text = text.replace("\r\n", "\n").replace("\f", "\n")
    text = _TAG.sub(" ", text)
    return word_bag(_NUMBERING.sub(" ", text))


def placed_bag(doc: Document) -> Counter[str]:
    """The words the document holds: paragraphs, headings, footnotes, metadata, set aside."""
    return _placed(doc)


def _placed(doc: Document) -> Counter[str]:
    m = doc.metadata
    parts = [p.text for p in doc.paragraphs]
    parts += [s.title for s in doc.sections]
    parts += [f.text for f in doc.footnotes]
    parts += [m.symbol, m.body, m.title, m.date, m.session, m.meeting]
    parts += [a.text for a in doc.set_aside]
    bag: Counter[str] = Counter()
    for part in parts:
        bag += word_bag(_NUMBERING.sub(" ", part))  # as in the input: "I. Title" in a heading
    return bag


def _split_words(text: str) -> list[tuple[str, str]]:
    """(head, joined) for each word split at a line end: "Com-" and the joined form input_bag
    counted, which is wrong where a page number or header stands between the halves."""
    out = []
    for m in _SPLIT.finditer(text):
        head = _NOT_LETTER.sub("", text[max(0, m.start() - 40) : m.start() + 1].split()[-1]).lower()
        after = _NOT_LETTER.sub("", _NUMBERING.sub(" ", text[m.end() : m.end() + 80]).split()[0]).lower()
        if len(head) > 1:
            out.append((head, head + after))
    return out


def lost_words(text: str, doc: Document | Sequence[Document]) -> Counter[str]:
    """Words of ``text`` that ``doc`` (or the documents of its parts together) holds fewer
    times than the input does.

    Not lost: a word the input glues to the next ("…REGIONSThe Economic Commission") that the
    document holds as its two parts; a word split at a line end with a page number, a running
    header or footnotes between its halves ("Com-" / "96" / "mittee"), that the document holds
    whole (the input count joined the first half to the wrong word).
    """
    docs = [doc] if isinstance(doc, Document) else list(doc)
    want, have = input_bag(text), sum((placed_bag(d) for d in docs), Counter[str]())
    lost, spare = want - have, have - want
    for word in list(lost):
        for _ in range(lost[word]):
            cut = next((k for k in range(2, len(word) - 1) if spare[word[:k]] and spare[word[k:]]), 0)
            if not cut:
                break
            spare[word[:cut]] -= 1
            spare[word[cut:]] -= 1
            lost[word] -= 1
    for head in sorted(+lost):  # "organi-" / footnotes / "zations": both halves lost, whole held
        for tail in sorted(+lost):
            while lost[head] and lost[tail] and head != tail and spare[head + tail]:
                spare[head + tail] -= 1
                lost[head] -= 1
                lost[tail] -= 1
    if +lost:
        for head, joined in _split_words(text.replace("\r\n", "\n")):
            whole = (
                next((w for w in +spare if w.startswith(head) and w != joined), "") if lost[joined] else ""
            )
            if whole:
                lost[joined] -= 1
                spare[whole] -= 1
                tail = whole[len(head) :]
                if lost[tail]:
                    lost[tail] -= 1
                elif spare[tail]:
                    spare[tail] -= 1
    return +lost
