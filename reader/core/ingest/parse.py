"""Read a resolution in any common text shape into a labelled :class:`Document`.

The passes, each in its own module:

1. ``ingest_lines``: clean lines; page furniture and markup gone.
2. ``ingest_footnotes``: footnote blocks lifted out (they split paragraphs).
3. ``ingest_blocks``: lines grouped into blocks.
4. here: blocks read as a resolution is written: cover, opening line
   ("The General Assembly,"), preambular paragraphs, numbered operative
   paragraphs and their sub-paragraphs, closing line. A block that continues
   a paragraph broken by a page or footnote block is joined back to it.
5. ``ingest_footnotes``: markers taken out of the final texts, in reading order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from reader.core.errors import NOT_ADOPTED_TEXT, InputError
from reader.core.ingest.blocks import (
    CLOSING,
    Block,
    Vocabulary,
    group_blocks,
    join_lines,
    split_glued_opening,
)
from reader.core.ingest.footnotes import MarkerState, extract_footnotes, footnote_text, take_markers
from reader.core.ingest.formats import read_document
from reader.core.ingest.lines import prepare_lines
from reader.core.ingest.meta import (
    DATE_ONLY,
    PLACE_DATE,
    document_metadata,
    merge,
    session_from_symbol,
    year_from_symbol,
)
from reader.core.ingest.patterns import (
    NUMBERED,
    SUB,
    is_operative_verb_start,
    is_paragraph_start,
    is_preamble_start,
    is_terminated,
    opening_body,
    sub_parts,
)
from reader.core.ingest.shape import Progress
from reader.core.model import Document, Footnote, FootnoteMarker, Metadata, Paragraph

NO_PARAGRAPHS = NOT_ADOPTED_TEXT


@dataclass
class _Raw:
    """A body paragraph while it is being assembled."""

    kind: Literal["PP", "OP", "SUB"]
    lines: list[str]
    number: int = 0  # OP number; for PP its position
    sub: str = ""  # "(a)" part(s) of the label, e.g. "(a)" or "(a)(ii)"
    parent: str = ""  # label of the paragraph a sub-paragraph belongs to

    @property
    def operative(self) -> bool:
        return self.kind != "PP" and not self.parent.startswith("PP")

    @property
    def label(self) -> str:
        if self.kind == "SUB":
            return f"{self.parent}{self.sub}"
        return f"{self.kind}{self.number}"


@dataclass
class _Reading:
    """What the parser found around and in the body, before texts are finished."""

    cover: list[str] = field(default_factory=list)
    body_name: str = ""
    closing: list[str] = field(default_factory=list)
    paras: list[_Raw] = field(default_factory=list)


_ANNEX = re.compile(r"^\s*annex(?:es)?(?:\s+[IVX\d]{1,5})?\s*$", re.I)

_ROMAN_SEQ = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv"]


@dataclass
class _SubCounter:
    """Tells a lettered sub-paragraph from a roman one nested inside it."""

    letter: str = ""
    roman: str = ""

    def label(self, token: str, *, after_colon: bool = False) -> str:
        """The "(x)" label part; ``after_colon``: the sub-paragraph before ends with ":"."""
        nested_next = self.roman and token in _ROMAN_SEQ and _next_roman(self.roman) == token
        starts_nested = token == "i" and self.letter and (self.letter != "h" or after_colon)
        if self.letter and (nested_next or starts_nested):
            self.roman = token
            return f"({self.letter})({token})"
        self.letter, self.roman = token, ""
        return f"({token})"

    def reset(self) -> None:
        self.letter = self.roman = ""


def _next_roman(roman: str) -> str:
    i = _ROMAN_SEQ.index(roman) if roman in _ROMAN_SEQ else -1
    return _ROMAN_SEQ[i + 1] if 0 <= i < len(_ROMAN_SEQ) - 1 else ""


def _is_heading(block: Block, prev: _Raw | None) -> bool:
    """A section heading inside the body ("I", "Follow-up to the Summit"): not a paragraph."""
    text = block.text.strip()
    if len(block.lines) > 2 or is_paragraph_start(text) or len(text.split()) > 12:
        return False
    if re.search(r"[,;:.]\W*$", text):
        return False
    return prev is None or is_terminated(prev.lines[-1], operative=prev.operative)


def _continues(prev: _Raw, block: Block) -> bool:
    """Does ``block`` carry on ``prev`` after a page break or footnote block?"""
    first = block.first.lstrip("\ue000\ue001 ")
    if not first or NUMBERED.match(first) or SUB.match(first) or opening_body(first) or CLOSING.match(first):
        return False
    if first[0].islower():
        return True
    if prev.kind == "PP" and block.gap in ("page", "sep"):
        # Every preambular paragraph opens with a participle or adjective ("Recalling",
        # "Deeply concerned"); after a page turn, text that does not is the same paragraph.
        return not is_preamble_start(first)
    return not is_terminated(prev.lines[-1], operative=prev.operative)


def _body_start(blocks: list[Block]) -> tuple[int, str]:
    """Index of the first body block and the body name from the opening line, if any."""
    for i, block in enumerate(blocks):
        name = opening_body(block.text) if len(block.lines) <= 2 else None
        if name:
            return i + 1, name
    for i, block in enumerate(blocks):
        text = block.text
        if NUMBERED.match(text) or (is_preamble_start(text) and is_terminated(text, operative=False)):
            return i, ""
    return len(blocks), ""


class _BodyReader:
    """Places the body's blocks one by one, as a reader of the printed resolution would."""

    def __init__(self, numbered_doc: bool) -> None:
        self.paras: list[_Raw] = []
        self.closing: list[str] = []
        self.numbered_doc = numbered_doc  # False: operative paragraphs lost their numbers
        self.subs = _SubCounter()
        self.last_op: _Raw | None = None
        self.pp_count = 0

    def feed(self, block: Block) -> bool:
        """Place one block; False once the body has ended."""
        text = block.text
        if self.closing:  # after "78th plenary meeting" only its date belongs to the resolution
            if DATE_ONLY.match(text) or PLACE_DATE.match(text):
                self.closing.append(text)
                return True
            return False
        if CLOSING.match(text) or (
            (DATE_ONLY.match(text) or PLACE_DATE.match(text)) and self._finished(block)
        ):
            self.closing.append(text)
            return True
        if self.paras and len(block.lines) <= 2 and (opening_body(text) or _ANNEX.match(text)):
            return False  # a second resolution or an annex begins
        prev = self.paras[-1] if self.paras else None
        sub = sub_parts(block.first)
        num = NUMBERED.match(block.first)
        if prev is not None and block.gap != "none" and _continues(prev, block):
            prev.lines += block.lines
        elif sub:
            self._sub(sub[0], [sub[1], *block.lines[1:]], prev)
        elif num:
            self._operative(int(num.group(1)), [num.group(2), *block.lines[1:]])
        elif _is_heading(block, prev):
            pass
        elif self._unnumbered_operative(text):
            self._operative((self.last_op.number if self.last_op else 0) + 1, list(block.lines))
        elif self.last_op is None:
            self._preamble(list(block.lines))
        elif prev is not None:
            prev.lines += block.lines  # unnumbered text in the operative part continues it
        return True

    def _finished(self, block: Block) -> bool:
        """Is the body over before ``block`` (a date alone), or is the date the end of a sentence
        that a page break cut ("… to be held on" / page / "3 June 2005.")?"""
        if not self.paras:
            return False
        prev = self.paras[-1]
        return block.gap not in ("page", "sep") or is_terminated(prev.lines[-1], operative=prev.operative)

    def _preamble(self, lines: list[str]) -> None:
        self.pp_count += 1
        self.paras.append(_Raw("PP", lines, self.pp_count))
        self.subs.reset()

    def _operative(self, number: int, lines: list[str]) -> None:
        self.last_op = _Raw("OP", lines, number)
        self.paras.append(self.last_op)
        self.subs.reset()

    def _sub(self, token: str, lines: list[str], prev: _Raw | None) -> None:
        parent = self.last_op.label if self.last_op else (f"PP{self.pp_count}" if self.pp_count else "")
        if not parent:  # "(a)" before any paragraph: take it as a paragraph of its own
            self._preamble(lines)
            return
        after_colon = prev is not None and prev.kind == "SUB" and prev.lines[-1].rstrip().endswith(":")
        label = self.subs.label(token, after_colon=after_colon)
        self.paras.append(_Raw("SUB", lines, sub=label, parent=parent))

    def _unnumbered_operative(self, text: str) -> bool:
        """In a text without paragraph numbers, "Decides …;" after the preamble is operative."""
        if self.numbered_doc or not is_operative_verb_start(text):
            return False
        return self.last_op is not None or (bool(self.paras) and is_terminated(text, operative=True))


def _read_structure(blocks: list[Block]) -> _Reading:
    """Cover, opening, body paragraphs and closing of a resolution's blocks."""
    start, name = _body_start(blocks)
    cover_end = start - 1 if name else start  # the opening line itself is neither cover nor body
    body = blocks[start:]
    reader = _BodyReader(numbered_doc=any(NUMBERED.match(b.first) and not SUB.match(b.first) for b in body))
    for block in body:
        if not reader.feed(block):
            break
    cover = [line for b in blocks[:cover_end] for line in b.lines]
    return _Reading(cover=cover, body_name=name, closing=reader.closing, paras=reader.paras)


def _looks_like_resolution(reading: _Reading) -> bool:
    """An opening line, a participle-led preamble, or numbered paragraphs led by verbs."""
    if reading.body_name:
        return True
    pps = [p for p in reading.paras if p.kind == "PP"]
    if any(is_preamble_start(" ".join(p.lines)) for p in pps):
        return True
    ops = [p for p in reading.paras if p.kind == "OP"]
    verbs = sum(1 for p in ops if is_operative_verb_start(" ".join(p.lines)))
    return bool(ops) and verbs * 2 >= len(ops)


def _finish(raws: list[_Raw], vocab: Vocabulary, state: MarkerState) -> list[Paragraph]:
    """Final paragraph texts: lines joined, markers taken out in reading order, labels unique."""
    paragraphs: list[Paragraph] = []
    seen: set[str] = set()
    for raw in raws:
        text, marks = take_markers(join_lines(raw.lines, vocab), state)
        if not text:
            continue
        label = raw.label
        if label in seen:  # a repeated number (sections A, B restart at 1): keep labels unique
            n = 2
            while f"{label}-{n}" in seen:
                n += 1
            label = f"{label}-{n}"
        seen.add(label)
        paragraphs.append(Paragraph(label, text, tuple(FootnoteMarker(off, n) for off, n in marks)))
    return paragraphs


def parse_text(
    text: str, *, source: str = "<text>", doc_id: str = "", metadata: Metadata | None = None
) -> Document:
    """Parse the text of one resolution. ``metadata`` (e.g. from a catalogue) wins over the text.

    Raises InputError(source, …) when no resolution paragraph is found.
    """
    items = split_glued_opening(prepare_lines(text))
    body_items, notes = extract_footnotes(items)
    reading = _read_structure(group_blocks(body_items))
    if not reading.paras or not _looks_like_resolution(reading):
        raise InputError(source, NO_PARAGRAPHS)
    paragraphs = _finish(reading.paras, Vocabulary.of(text), MarkerState(set(notes.texts)))
    if not paragraphs:
        raise InputError(source, NO_PARAGRAPHS)
    cited_by: dict[int, str] = {}
    for p in paragraphs:
        for marker in p.markers:
            cited_by.setdefault(marker.number, p.label)
    footnotes = tuple(
        Footnote(number, footnote_text(notes.texts[number]), cited_by.get(number))
        for number in sorted(notes.texts)
    )
    found = document_metadata(text, reading.cover, reading.body_name, reading.closing, source)
    meta = merge(found, metadata)
    if not meta.session and meta.symbol:
        meta = merge(meta, Metadata(session=session_from_symbol(meta.symbol)))
    if not meta.date and meta.symbol:
        meta = merge(meta, Metadata(date=year_from_symbol(meta.symbol)))
    return Document(id=doc_id, path=source, metadata=meta, paragraphs=tuple(paragraphs), footnotes=footnotes)


def load_document(
    path: str | Path,
    *,
    doc_id: str | None = None,
    metadata: Metadata | None = None,
    progress: Progress | None = None,
) -> Document:
    """Read and parse one file (text, PDF, Word or web page); the id defaults to the file's stem.

    ``progress(done, total)`` hears about the pages of a long PDF; returning False cancels
    (``shape.Cancelled``).
    """
    p = Path(path)
    read = read_document(p, progress)
    return parse_text(
        read.text,
        source=str(p),
        doc_id=doc_id if doc_id is not None else p.stem,
        metadata=merge(read.metadata, metadata),
    )
