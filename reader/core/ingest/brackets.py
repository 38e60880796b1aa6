"""Footnotes numbered in brackets: ``Declaration[1]`` with a list ``[1] A/57/444.``, or ``(1)``.

Copies from web pages and word processors print a footnote marker as ``[1]``
or ``(1)`` and the footnotes as a list of lines opened by the same token.
Brackets also hold other things: "paragraph 5 (1)", an enumeration "(1) to
establish", a negotiator's "[10]" in a draft. So a bracketed number counts as
a footnote only when the document has both halves in reading order: a line
``[n] Text`` (or ``(n) Text``) that reads like a footnote, and a citation of n
in an earlier line, glued to a word or punctuation. Only then are both turned
into the explicit markers the rest of the parser knows (sentinels), as
``<sup>1</sup>`` is.
"""

from __future__ import annotations

import re

from reader.core.ingest.patterns import FOOTNOTE_TEXT, sentinel
from reader.core.lang import current

_ANY = re.compile(r"[\[(]\d{1,3}[\])]")
# A footnote line: "[1] Resolution 64/222, annex." / "(2) See A/66/229."
_NOTE_LINE = {
    "[": re.compile(r"^(\s*)\[(\d{1,3})\]\s+(?=\S)"),
    "(": re.compile(r"^(\s*)\((\d{1,3})\)\s+(?=\S)"),
}
# A citation: right after a word or punctuation, at most one space between ("document[1],",
# "Consensus (2);", "2002,(3)"); never after a number ("article 5 (1)").
_TOKEN = {"[": re.compile(r"\[(\d{1,3})\]"), "(": re.compile(r"\((\d{1,3})\)")}
_CITE_AFTER = {"[": ',;:.”’")]', "(": ',;:.”’"]'}


def _cites_after(ch: str, style: str) -> bool:
    return ch.isalpha() or ch in _CITE_AFTER[style]


# Words after which "(1)" names a part of a text, not a footnote: "subparagraph (1)".
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\s*$")


def _citations(style: str, line: str, before: str = "") -> list[tuple[int, int, int]]:
    """(start, end, number) of each citation in ``line``; start takes in one space before it.

    ``before``: the last character of the line above, for a citation that a hard wrap put at
    the start of its line ("… the Monterrey Consensus" / "(2) and …").
    """
    found = []
    lead = len(line) - len(line.lstrip())
    for m in _TOKEN[style].finditer(line):
        start = m.start()
        if start == lead:
            prev = before
        else:
            if line[start - 1].isspace():
                start -= 1
            prev = line[start - 1] if start else ""
        if not prev or not _cites_after(prev, style):
            continue
        if style == "(":
            word = _WORD_BEFORE.search(line, 0, start) if start > lead else None
            if word and word.group(1).lower() in current().part_words:
                continue
        found.append((start, m.end(), int(m.group(1))))
    return found


def _footnote_numbers(style: str, raw: list[str]) -> set[int]:
    """Numbers with a footnote line of ``style`` that an earlier line cites."""
    first_cited: dict[int, int] = {}
    numbers: set[int] = set()
    before = ""
    for i, line in enumerate(raw):
        note = _NOTE_LINE[style].match(line)
        if note and FOOTNOTE_TEXT.match(line[note.end() :]):
            n = int(note.group(2))
            if first_cited.get(n, i) < i:
                numbers.add(n)
        else:
            for _, _, n in _citations(style, line, before):
                first_cited.setdefault(n, i)
        before = line.rstrip()[-1:]
    return numbers


def _rewrite(style: str, line: str, numbers: set[int], before: str) -> str:
    note = _NOTE_LINE[style].match(line)
    if note and FOOTNOTE_TEXT.match(line[note.end() :]):
        if int(note.group(2)) not in numbers:
            return line
        return f"{note.group(1)}{sentinel(int(note.group(2)))} {line[note.end() :]}"
    pieces: list[str] = []
    pos = 0
    for start, end, n in _citations(style, line, before):
        if n in numbers:
            pieces += [line[pos:start], sentinel(n)]
            pos = end
    return "".join(pieces) + line[pos:] if pieces else line


def may_have_bracket_notes(text: str) -> bool:
    """A quick test: does ``text`` hold any "[n]" or "(n)" at all?

    Looked for bracket by bracket (``str.find``): a text holds a few dozen brackets,
    and a regex scan of every character costs more than visiting those.
    """
    for opener in "[(":
        i = text.find(opener)
        while i >= 0:
            if text[i + 1 : i + 2].isdigit() and _ANY.match(text, i):
                return True
            i = text.find(opener, i + 1)
    return False


def bracket_footnotes(raw: list[str]) -> list[str]:
    """``raw`` lines with bracketed footnote markers and list numbers made explicit."""
    for style in ("[", "("):
        numbers = _footnote_numbers(style, raw)
        if numbers:
            befores = ["", *(line.rstrip()[-1:] for line in raw[:-1])]
            raw = [_rewrite(style, line, numbers, before) for line, before in zip(raw, befores, strict=True)]
    return raw
