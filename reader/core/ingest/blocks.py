"""Second pass: group clean lines into blocks, and join a block's lines into one text.

A block is what the page shows as one paragraph-shaped chunk: lines between
breaks, or a new line that can only open a paragraph ("2. Notes …",
"(b) Hold …", "Recalling …") right after a line that closes one. Hard-wrap
newlines become single spaces; a hyphen at a line end is kept when it joins
a real compound ("South-South", "18-22") and dropped when it splits a word
("develop-ment").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from typing import Literal

from reader.core.ingest.lines import Item
from reader.core.ingest.meta import DATE_ONLY, MEETING_IN_WORDS, PLACE_DATE
from reader.core.ingest.patterns import (
    BRACKET_LEAD,
    NUMBERED,
    ByLanguage,
    bare_opening_body,
    is_operative_verb_start,
    is_paragraph_start,
    is_preamble_start,
    opening_body,
    strip_glued_end_marker,
    strip_trailing_markers,
    sub_parts,
)
from reader.core.lang import current

Gap = Literal["start", "none", "blank", "page", "sep"]
_STRENGTH: dict[str, int] = {"none": 0, "blank": 1, "page": 2, "sep": 3, "start": 4}

# "78th plenary meeting", "43rd meeting", "52nd (resumed) plenary meeting",
# "Adopted by the Security Council at its 5430th meeting, on …"
CLOSING = ByLanguage(
    lambda lang: (
        re.compile(
            r"^\s*(?:\d{1,4}(?:st|nd|rd|th)\s+(?:\(?resumed\)?\s+)?(?:plenary\s+)?meeting\b"
            r"|\(?adopted\b.{0,80}\b\d{1,5}(?:st|nd|rd|th)\s+(?:plenary\s+)?meeting\b"
            rf"|{MEETING_IN_WORDS})",  # "Ninety-sixth plenary meeting,"
            re.I,
        )
        if not lang.meeting_phrase  # "75e séance plénière", "Adoptée à la 75e séance plénière, le …"
        else re.compile(
            rf"^\s*(?:{lang.meeting_phrase}(?!\w)|\(?{lang.adopted_word}\b.{{0,80}}\b{lang.meeting_phrase}(?!\w))",
            re.I,
        )
    )
)


@dataclass
class Block:
    lines: list[str]
    gap: Gap  # what separated this block from the one before it

    @property
    def first(self) -> str:
        return self.lines[0]

    @property
    def text(self) -> str:
        return " ".join(self.lines)


_GLUED_OPENING = re.compile(r"^(.*[A-Z0-9)\]])(The\s+[A-Z].*,)\s*$")
_GLUED_THE = re.compile(r"[A-Z0-9)\]]The\s+[A-Z]")  # what _GLUED_OPENING needs, found fast


def _next_line(items: list[Item], i: int) -> str:
    return next((it.text for it in items[i + 1 :] if it.kind == "line"), "")


def _articles() -> tuple[str, ...]:
    """How an opening line begins: "The ", "L’", "Le "."""
    lang = current()
    found = _ARTICLES.get(lang.code)  # by its code: hashing a whole Language on every line cost more
    if found is None:
        found = _ARTICLES[lang.code] = tuple(a if a[-1] in "’'" else f"{a} " for a in lang.body_articles)
    return found


_ARTICLES: dict[str, tuple[str, ...]] = {}


def split_glued_opening(items: list[Item]) -> list[Item]:
    """Split "…REGIONSThe Economic Commission for …," into the title and the opening line.

    An opening line printed without its comma ("The Executive Board" above "1. Takes
    note …", "The General Assembly" above "Adopts the following Declaration:") gets it, so
    that it reads as the opening and not as a title.
    """
    out: list[Item] = []
    for i, item in enumerate(items):
        if item.kind == "line" and item.text.endswith(".") and bare_opening_body(item.text[:-1]):
            item = Item("line", item.text[:-1])  # "The General Assembly." (OCR's full stop for a comma)
        if item.kind == "line" and item.text.startswith(_articles()) and bare_opening_body(item.text):
            following = _next_line(items, i)
            if (
                NUMBERED.match(following)
                or is_preamble_start(following)
                or is_operative_verb_start(following)
            ):
                out.append(Item("line", item.text.rstrip() + ","))
                continue
        glued = item.kind == "line" and _GLUED_THE.search(item.text) is not None
        m = _GLUED_OPENING.match(item.text) if glued else None
        if m and opening_body(m.group(2)) and not opening_body(item.text):
            out += [Item("line", m.group(1).strip()), Item("blank"), Item("line", m.group(2).strip())]
        else:
            out.append(item)
    return out


_CLOSING_PUNCTUATION = frozenset(",;:.")
_AND_OR_END = re.compile(r"[;,]\s+(?:and|or)$")


def _closes(line: str) -> bool:
    body = strip_trailing_markers(line)
    body = strip_glued_end_marker(body)
    if body[-1:] in _CLOSING_PUNCTUATION:
        return True
    return body.endswith(("and", "or")) and _AND_OR_END.search(body) is not None


def _lone_marker(line: str) -> bool:
    """A paragraph number or sub-paragraph letter alone on its line: "1.", "(a)"."""
    m = NUMBERED.match(line)
    if m is not None:
        return not m.group(2).strip()
    sub = sub_parts(line)
    return sub is not None and not sub[1].strip()


def _starts_new(prev: str, line: str, *, by_opening_word: bool, unnumbered: bool = False) -> bool:
    """Does ``line`` open a new block although no blank line precedes it?

    A numbered or lettered line after one that closes a sentence always does. A line
    opened by a participle ("Recalling …") only counts in texts without blank lines
    between paragraphs; elsewhere it may be a wrapped line ("Beijing Declaration").
    In such a text without paragraph numbers, so does a line opened by an operative
    verb ("Takes note …", "Decides …").
    """
    if _lone_marker(prev):
        return False
    if _lone_marker(line) or CLOSING.match(line) or opening_body(line) or opening_body(prev):
        return True
    if not _closes(prev):
        return False
    if NUMBERED.match(line) or sub_parts(line) or BRACKET_LEAD.match(line):
        return True  # "[2] 57/270 B …" after a closed line: a paragraph opened by its marker
    if strip_trailing_markers(prev)[-1:] in ".;" and (DATE_ONLY.match(line) or PLACE_DATE.match(line)):
        return True  # "3. Decides … session." / "New York, 1 June 2007": the closing date
    if not by_opening_word:
        return False
    return is_paragraph_start(line) or (unnumbered and is_operative_verb_start(line))


def _blank_separated(items: list[Item]) -> bool:
    """Does a break (blank line, page) stand before most numbered paragraphs?"""
    before_break = after_line = 0
    for prev, item in pairwise(items):
        if item.kind == "line" and NUMBERED.match(item.text):
            if prev.kind == "line":
                after_line += 1
            else:
                before_break += 1
    if before_break + after_line:
        return before_break > after_line
    return sum(i.kind != "line" for i in items) * 10 >= sum(i.kind == "line" for i in items)


def _preamble_packed(items: list[Item]) -> bool | None:
    """Are the preambular paragraphs one per line, with no break between them?

    Judged from the lines before the first numbered one that open like a preamble
    ("Noting …", "Convinced that …"): after a line that closes one (a comma) or after a
    break. The first says nothing (a break or the opening line always precedes it). None
    when no such line tells: the numbered paragraphs decide alone.
    """
    before_break = after_line = 0
    first = True
    for prev, item in pairwise(items):
        if item.kind != "line":
            continue
        if NUMBERED.match(item.text):
            break
        if not is_preamble_start(item.text):
            continue
        if first:
            first = False
        elif prev.kind != "line":
            before_break += 1
        elif _closes(prev.text):
            after_line += 1
    if before_break + after_line == 0:
        return None
    return after_line > before_break


def _title_before_opening(block: Block, line: str) -> bool:
    return opening_body(line) is not None and len(block.lines) > 1 and not _closes(block.lines[-1])


def group_blocks(items: list[Item]) -> list[Block]:
    """Blocks of lines; lone paragraph numbers are merged into the text that follows."""
    blocks: list[Block] = []
    gap: Gap = "start"
    by_opening_word = not _blank_separated(items)
    packed = _preamble_packed(items)
    in_preamble = packed is not None  # until the first numbered line
    unnumbered = not any(item.kind == "line" and NUMBERED.match(item.text) for item in items)
    for item in items:
        if in_preamble and item.kind == "line" and NUMBERED.match(item.text):
            in_preamble = False
        if item.kind != "line":
            kind: Gap = item.kind
            if _STRENGTH[kind] > _STRENGTH[gap]:
                gap = kind
            continue
        if (
            not blocks
            or gap != "none"
            or _starts_new(
                blocks[-1].lines[-1],
                item.text,
                by_opening_word=bool(packed) if in_preamble else by_opening_word,
                unnumbered=unnumbered,
            )
        ):
            if gap == "none" and blocks and _title_before_opening(blocks[-1], item.text):
                # "…in its agenda." / "592(XXIX) TITLE" / "The Economic Commission …,": the
                # title line belongs with the opening line, not with the paragraph before it.
                blocks.append(Block([blocks[-1].lines.pop()], "none"))
            blocks.append(Block([item.text], gap))
        else:
            blocks[-1].lines.append(item.text)
        gap = "none"
    merged: list[Block] = []
    for block in blocks:
        if merged and len(merged[-1].lines) == 1 and _lone_marker(merged[-1].first):
            marker = merged[-1].first.strip()
            merged[-1] = Block([f"{marker} {block.first}", *block.lines[1:]], merged[-1].gap)
        else:
            merged.append(block)
    return merged


# --- joining lines ---------------------------------------------------------------

# Compounds UN style writes with a hyphen (non-governmental, long-term, capacity-building);
# prefixes it closes up (cooperation, subregional, intergovernmental) are not listed.


_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


class Vocabulary:
    """The document's own words: evidence for undoing a line-end hyphen.

    Gathered on first use: most documents have no word split at a line end, and
    reading every word of the text is a good part of a parse.
    """

    def __init__(self, text: str) -> None:
        self._text = text

    @classmethod
    def of(cls, text: str) -> Vocabulary:
        return cls(text)

    @cached_property
    def _found(self) -> list[str]:
        return [w.lower() for w in _WORD.findall(self._text)]

    @cached_property
    def words(self) -> frozenset[str]:
        return frozenset(p for w in self._found for p in w.split("-"))

    @cached_property
    def compounds(self) -> frozenset[str]:
        return frozenset(w for w in self._found if "-" in w)


def _keep_hyphen(left: str, right: str, vocab: Vocabulary) -> bool:
    """``left-`` ends a line and ``right`` opens the next: a compound or one split word?"""
    if not right or not right[0].isalpha():
        return True  # 18-22, South-(note)
    if right[0].isupper():
        return True  # South-South, Pérez-Guerrero
    lw = re.search(r"[^\W\d_]+$", left)
    rw = re.match(r"[^\W\d_]+", right)
    if not lw or not rw:
        return True
    a, b = lw.group().lower(), rw.group().lower()
    if f"{a}-{b}" in vocab.compounds:
        return True
    if a + b in vocab.words:
        return False
    if a == "re" and b[:1] == "e":  # re-emphasize, re-establish
        return True
    if a == "co" and b.startswith(("sponsor", "chair", "facilitat", "host", "found")):
        return True
    lang = current()  # the document's compounds: "non-governmental", "sous-région"
    return a in lang.hyphen_prefixes or b in lang.hyphen_suffixes


_DIGIT_HYPHEN_END = re.compile(r"\d-$")
_LETTER_HYPHEN_END = re.compile(r"[^\W\d_]-$")
_SPACE_RUN = re.compile(r"[ \t]{2,}")


def _glue(text: str, line: str) -> bool:
    """No space at the join: a number range "18-\n22", a dash or slash at the line end."""
    if text.endswith("-") and line[:1].isdigit() and _DIGIT_HYPHEN_END.search(text):
        return True
    return text.endswith(("–", "—", "/", "\u2011")) and not text.endswith((" –", " —"))


def join_lines(lines: list[str], vocab: Vocabulary) -> str:
    """One paragraph text from its wrapped lines (linear: only each line's end is looked at)."""
    parts: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not parts:
            parts.append(line)
            continue
        last = parts[-1]
        tail = last[-40:]
        if tail.endswith("\u00ad"):  # a soft hyphen ends the line: one word split in two
            parts[-1] = last[:-1]
            parts.append(line)
        elif tail.endswith("-") and _LETTER_HYPHEN_END.search(tail) and not tail.endswith(" -"):
            if not _keep_hyphen(tail[:-1], line, vocab):
                parts[-1] = last[:-1]
            parts.append(line)
        elif _glue(tail, line):
            parts.append(line)
        else:
            parts += [" ", line]
    text = "".join(parts)
    if "  " in text or "\t" in text:
        text = _SPACE_RUN.sub(" ", text)
    return text.strip()
