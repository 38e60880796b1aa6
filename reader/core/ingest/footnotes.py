"""Footnotes: lift footnote blocks out of the text, then find their markers.

On the printed page footnotes sit at the foot of each page, often in the
middle of a paragraph that continues on the next page. Plain-text copies keep
them there: after a ``____`` rule (or Markdown ``---``), as ``1 A/57/444,
annex.`` lines, or as lines opened by a superscript (``¹ Report …``).

Markers are the other half. Explicit ones (``<sup>6</sup>``, ``⁶``) are certain.
Plain digits glued to words (``Declaration;3``, ``Cooperation4``,
``Summit, 3 the``) are taken as markers only when a footnote with that number
exists and the number is the next one the reader would meet: footnotes are
numbered in order of first citation. That is what keeps "resolution 57/263",
"3.5 million" and "18 to 22 March" untouched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.core.ingest.lines import Item
from reader.core.ingest.meta import STARTS_WITH_DATE
from reader.core.ingest.patterns import (
    FOOTNOTE_TEXT,
    MARK_RE,
    NUMBERED,
    SUB,
    ends_with_abbreviation,
    is_operative_verb_start,
    opening_body,
)

_EXPLICIT_START = re.compile(r"^\s*\ue000(\d{1,3})\ue001\s*(.*)$", re.S)
_PLAIN_START = re.compile(r"^\s*(\d{1,3})\s+(\S.*)$", re.S)
_DOTTED_START = re.compile(r"^\s*(\d{1,3})\.\s+(\S.*)$", re.S)  # in a footnote area only


@dataclass
class FootnoteBlock:
    """Footnotes found so far, in number order, with their texts."""

    texts: dict[int, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # unnumbered asterisk notes, in order
    repeats: list[str] = field(default_factory=list)  # a number met again (a bilingual page)

    @property
    def last(self) -> int:
        return max(self.texts, default=0)


def _is_closed(text: str) -> bool:
    body = text.rstrip()
    return body.endswith((".", ")", "]", "”", '"')) and not ends_with_abbreviation(body)


def _join_footnote(text: str, more: str) -> str:
    if text.endswith(("-", "–")) and more[:1].isdigit():
        return text + more
    return f"{text} {more}"


def _acceptable(number: int, block: FootnoteBlock, body_text: list[str]) -> bool:
    """Is ``number`` the next footnote? An excerpt may start at any number the text cites."""
    if block.last < number <= block.last + 3:
        return True
    return not block.texts and number <= 999 and _cited(number, body_text)


def _cited(number: int, body_text: list[str]) -> bool:
    cited = re.compile(rf"(?:[^\W\d_]{{3}}|[,;:.”’\")])\s?{number}(?=\s|$|[,;:.)])")
    return any(cited.search(text) for text in body_text[-150:])  # a page is about 50 lines


class _FootnoteReader:
    """Walks the items once, sending each line either to the body or to a footnote."""

    def __init__(self, items: list[Item]) -> None:
        self.block = FootnoteBlock()
        self.out: list[Item] = []
        self.body_text: list[str] = []
        self.in_block = False  # inside a footnote area (after a rule or a first footnote line)
        self.current: int | None = None  # the footnote that further lines may continue
        self.note: int | None = None  # or the asterisk note (index in block.notes)
        self.explicit = False  # the area's footnotes are Markdown/superscript ones: one line each
        self.dotted = False  # the area's footnotes are numbered "1. …" like paragraphs
        self.last_op = 0  # the last paragraph number seen in the body
        self.prev_kind = "blank"
        # pdftotext indents the first line of a page; that ends a footnote area only where
        # indentation is rare (in a text that indents every paragraph it means nothing).
        lines = [i for i in items if i.kind == "line"]
        self.indent_means_page = sum(i.indented for i in lines) <= max(2, len(lines) // 10)

    def _enter(self, current: int | None = None, note: int | None = None, explicit: bool = False) -> None:
        if not self.in_block:
            self.out.append(Item("sep"))  # the body is cut here; the parser may join across it
        self.in_block, self.current, self.note, self.explicit = True, current, note, explicit

    def _leave(self) -> None:
        self.in_block, self.current, self.note, self.explicit = False, None, None, False
        self.dotted = False

    def _start(self, number: int, text: str, explicit: bool) -> None:
        first = number not in self.block.texts  # a repeated number keeps its first text
        self._enter(current=number if first else None, explicit=explicit)
        if first:
            self.block.texts[number] = text.strip()
        else:
            self.block.repeats.append(f"{number} {text.strip()}")

    def _continues(self, line: str) -> bool:
        """Add ``line`` to the open footnote or note if its text is not finished."""
        if self.current is not None and not _is_closed(self.block.texts[self.current]):
            self.block.texts[self.current] = _join_footnote(self.block.texts[self.current], line)
            return True
        if self.note is not None and not _is_closed(self.block.notes[self.note]):
            self.block.notes[self.note] = _join_footnote(self.block.notes[self.note], line)
            return True
        return False

    def _ends_area(self, item: Item) -> bool:
        """A line that can only be body text: a new page's first line, the next paragraph."""
        numbered = NUMBERED.match(item.text)
        next_op = numbered is not None and int(numbered.group(1)) == self.last_op + 1
        return (
            (item.indented and self.indent_means_page and not self.explicit)
            or (next_op and not (self.dotted and self._numbered_note(item.text)))
            or opening_body(item.text) is not None
        )

    def _numbered_note(self, line: str) -> re.Match[str] | None:
        """A footnote numbered like a paragraph ("2. A/66/229."): the next footnote, cited, no verb."""
        m = _DOTTED_START.match(line)
        if m is None or int(m.group(1)) != self.block.last + 1 or not FOOTNOTE_TEXT.match(m.group(2)):
            return None
        if is_operative_verb_start(m.group(2)) or not _cited(int(m.group(1)), self.body_text):
            return None
        return m

    def feed(self, item: Item) -> None:
        kind = item.kind
        if kind == "sep":
            if not self.in_block:
                self.out.append(item)
            self._leave()
            self.in_block = True
        elif kind == "page":
            self._leave()
            self.out.append(item)
        elif kind == "blank":
            if self.explicit:
                self.current = None  # one Markdown footnote is one line
            if not self.in_block:
                self.out.append(item)
        elif not self._footnote_line(item):
            self._body_line(item)
        self.prev_kind = kind

    def _footnote_line(self, item: Item) -> bool:
        """Take ``item`` as (part of) a footnote if it is one."""
        line = item.text
        if item.note:  # an unnumbered asterisk note: neither a numbered footnote nor body text
            self.block.notes.append(line)
            self._enter(note=len(self.block.notes) - 1)
            return True
        m = _EXPLICIT_START.match(line)
        # "¹ Report …": a footnote, unless a wrapped body line merely starts with a marker.
        wrapped = self.prev_kind == "line" and not self.in_block
        if m and m.group(2).strip() and not (wrapped and not FOOTNOTE_TEXT.match(m.group(2))):
            self._start(int(m.group(1)), m.group(2), explicit=True)
            return True
        if self.in_block:
            if self._ends_area(item):
                self._leave()
                return False
            plain = _PLAIN_START.match(line)
            m = plain or self._numbered_note(line)
            if (
                m
                and not self.explicit
                and not STARTS_WITH_DATE.match(line)
                and FOOTNOTE_TEXT.match(m.group(2))
                and _acceptable(int(m.group(1)), self.block, self.body_text)
            ):
                self._start(int(m.group(1)), m.group(2), explicit=False)
                self.dotted = plain is None
                return True
            if self._continues(line):
                return True
            self._leave()
            return False
        if self.prev_kind != "line" and _plain_footnote_here(line, self.block, self.body_text):
            m = _PLAIN_START.match(line)
            assert m is not None
            self._start(int(m.group(1)), m.group(2), explicit=False)
            return True
        return False

    def _body_line(self, item: Item) -> None:
        numbered = NUMBERED.match(item.text)
        if numbered and not SUB.match(item.text):
            self.last_op = int(numbered.group(1))
        self.out.append(item)
        self.body_text.append(item.text)


def extract_footnotes(items: list[Item]) -> tuple[list[Item], FootnoteBlock]:
    """Remove footnote areas from ``items``; return the body items and the footnotes.

    A removed area leaves a ``sep`` item behind, so the paragraph around it can be
    joined again later.
    """
    reader = _FootnoteReader(items)
    for item in items:
        reader.feed(item)
    return reader.out, reader.block


def _plain_footnote_here(line: str, block: FootnoteBlock, body_text: list[str]) -> bool:
    """A "2 A/57/155." line with no rule above it: only if body text already cites 2."""
    m = _PLAIN_START.match(line)
    if not m or not FOOTNOTE_TEXT.match(m.group(2)) or STARTS_WITH_DATE.match(line):
        return False  # "16 December 2021" under the meeting line is the date of adoption
    number = int(m.group(1))
    if number != block.last + 1 and (block.texts or number > 999):
        return False
    if NUMBERED.match(line):
        return False
    return _cited(number, body_text)


# --- markers -------------------------------------------------------------------

# A plain-digit marker candidate in a paragraph's final text. Groups: the digits.
_GLUED = re.compile(
    r"""(?:
        (?<=[^\W\d_]{3})(?<![A-Z]{3})                 # Development4, Cooperation4 (not G77, COP15)
      | (?<=[^\W\d_][,;:.])                           # Declaration;3, Fund,6, Countries.7
      | (?<=[”’")\]][,;:.])                           # ”,2
      | (?<=[”’")\]])                                 # ”2
      | (?<=\d[,;])                                   # 2002,1 in which
    )(\d{1,3})(?=\s|$|[,;:)])""",
    re.X,
)
_SPACED = re.compile(r"(?<=[^\W\d_][,;:])(\s)(\d{1,3})(?=\s+[a-z]|$)")
_ABBREV_BEFORE = re.compile(
    r"(?:\bNos?|\bparas?|\bchap|\bart|\bvol|\bpp?|\bsect|\b[Rr]ule|\bAdd|\bCorr|\bRev|\bL|\bSuppl?)[.,]?\s?$"
)


_SALES_NUMBER_END = re.compile(r"(?:^|[\s(])[A-Z]?(?:[A-Z0-9]{1,4}\.)+$")


@dataclass(frozen=True)
class _Candidate:
    start: int  # span of the characters to delete
    end: int
    number: int
    strong: bool  # glued or explicit: may re-cite an earlier footnote


# Where a marker can begin: the first digit of a run. The engine skips to digits fast when the
# pattern opens with one; the look-behind is tried only there.
_RUN_START = re.compile(r"\d(?<=\D\d)")


def _plain_markers(text: str) -> tuple[list[re.Match[str]], list[re.Match[str]]]:
    """``_GLUED.finditer(text)`` and ``_SPACED.finditer(text)``, found in one pass.

    Both patterns open with look-behinds, which the regex engine would try at every
    character. A glued marker ("Declaration;3") begins a digit run that follows a
    character other than a space; a spaced one ("Summit, 3") is the space before a run
    that follows punctuation. Trying the patterns only there gives the same matches at a
    fraction of the cost.
    """
    glued: list[re.Match[str]] = []
    spaced: list[re.Match[str]] = []
    glued_end = spaced_end = 0
    for s in _RUN_START.finditer(text):
        at = s.start()
        if not text[at - 1].isspace():
            if at >= glued_end and (m := _GLUED.match(text, at)):
                glued.append(m)
                glued_end = m.end()
        elif (
            text[at - 2 : at - 1] in (",", ";", ":")
            and at - 1 >= spaced_end
            and (m := _SPACED.match(text, at - 1))
        ):
            spaced.append(m)
            spaced_end = m.end()
    return glued, spaced


def _candidates(text: str) -> list[_Candidate]:
    found: list[_Candidate] = []
    for m in MARK_RE.finditer(text):
        start = m.start()
        found.append(_Candidate(start, m.end(), int(m.group(1)), True))
    glued, spaced = _plain_markers(text)
    for m in glued:
        before = text[max(0, m.start() - 40) : m.start()]
        if _ABBREV_BEFORE.search(before):
            continue
        if before[-1:] in ",;" and before[-2:-1].isdigit() and len(m.group(1)) > 2:
            continue  # "2002,1" is a marker; "1,500" is a thousand and a half
        if before[-1:] == "." and before[-2:-1].isdigit() and m.end() < len(text.rstrip()):
            continue  # 3.5 million
        if before[-1:] == "." and _SALES_NUMBER_END.search(before):
            continue  # E.78.II.A.11, Sales No. E.02
        found.append(_Candidate(m.start(), m.end(), int(m.group(1)), True))
    for m in spaced:
        if _ABBREV_BEFORE.search(text[max(0, m.start() - 40) : m.start()]):
            continue
        found.append(_Candidate(m.start(1), m.end(2), int(m.group(2)), False))
    found.sort(key=lambda c: c.start)
    return found


@dataclass
class MarkerState:
    """What the reader has met so far: footnotes that exist and the highest cited."""

    numbers: set[int]
    max_cited: int = 0
    cited: set[int] = field(default_factory=set)

    def is_next(self, number: int) -> bool:
        """A first citation: a footnote after the last cited, skipping at most two lost markers."""
        if number not in self.numbers or number <= self.max_cited:
            return False
        return sum(1 for n in self.numbers if self.max_cited < n < number) <= 2


def take_markers(text: str, state: MarkerState) -> tuple[str, list[tuple[int, int]]]:
    """Remove footnote markers from ``text``; return it and (offset, number) pairs."""
    markers: list[tuple[int, int]] = []
    pieces: list[str] = []
    pos = 0
    out_len = 0
    for cand in _candidates(text):
        if cand.start < pos:
            continue
        explicit = text[cand.start] == "\ue000"
        new = state.is_next(cand.number)
        again = cand.strong and cand.number in state.cited
        if not (explicit or new or again):
            continue
        piece = text[pos : cand.start]
        end = cand.end
        if explicit and piece.endswith(" ") and (end >= len(text) or text[end] in " ,;:.)"):
            piece = piece[:-1]
        pieces.append(piece)
        out_len += len(piece)
        markers.append((out_len, cand.number))
        state.cited.add(cand.number)
        state.max_cited = max(state.max_cited, cand.number)
        pos = end
    pieces.append(text[pos:])
    result = MARK_RE.sub("", "".join(pieces))  # a sentinel inside a skipped overlapping candidate
    lead = len(result) - len(result.lstrip())
    stripped = result.strip()
    return stripped, [(min(max(0, off - lead), len(stripped)), n) for off, n in markers]


def footnote_text(text: str) -> str:
    """A footnote's text as printed, markers of nested notes removed, spaces tidied."""
    return re.sub(r"\s+", " ", MARK_RE.sub("", text)).strip()
