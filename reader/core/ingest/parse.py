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
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from reader.core.docid import PART_SEPARATOR, part_id
from reader.core.errors import NOT_ADOPTED_TEXT, InputError
from reader.core.ingest.blocks import (
    CLOSING,
    Block,
    Vocabulary,
    group_blocks,
    join_lines,
    split_glued_opening,
)
from reader.core.ingest.footnotes import (
    FootnoteBlock,
    MarkerState,
    extract_footnotes,
    footnote_text,
    take_markers,
)
from reader.core.ingest.formats import read_document
from reader.core.ingest.lines import Item, prepare_lines
from reader.core.ingest.meta import (
    DATE_ONLY,
    FROM_FILE_NAME,
    PLACE_DATE,
    cover_metadata,
    document_metadata,
    merge,
    session_from_symbol,
    year_from_symbol,
)
from reader.core.ingest.patterns import (
    DOTTED,
    LANG,
    MARK_RE,
    NUMBERED,
    SUB,
    is_operative_verb_start,
    is_paragraph_start,
    is_preamble_start,
    is_terminated,
    opening_body,
    strip_glued_end_marker,
    strip_trailing_markers,
    sub_parts,
)
from reader.core.ingest.shape import Progress
from reader.core.lang import ENGLISH, Language, current, reading_in, text_language
from reader.core.lang.detect import language_of
from reader.core.model import Document, Footnote, FootnoteMarker, Metadata, Paragraph, Section, SetAside
from reader.core.textnorm import WORD, fold_word

NO_PARAGRAPHS = NOT_ADOPTED_TEXT


RawKind = Literal["PP", "OP", "P", "SUB", "H"]


@dataclass
class _Raw:
    """A body paragraph (or heading, kind "H") while it is being assembled.

    Labels are given only once the whole text is read (``_label_all``): whether a section's
    number goes into its labels depends on whether numbering restarts in a later section.
    """

    kind: RawKind
    lines: list[str]
    number: int = 0  # OP number (or an annex paragraph's printed number)
    dotted: str = ""  # a number printed under another: "1.1", "17.a" (the 2030 Agenda's targets)
    sub: str = ""  # "(a)" part(s) of the label, e.g. "(a)" or "(a)(ii)"
    parent: _Raw | None = None  # the paragraph a sub-paragraph belongs to
    letter_dot: bool = False  # a sub-paragraph printed "a.\t" rather than "(a)"
    part: str = ""  # "" for the resolution itself, "Annex", "Annex.II" for an annexed text
    section: str = ""  # printed number of the section it stands in ("I", "B", "I.A"), if any
    label: str = ""  # given by _label_all

    @property
    def operative(self) -> bool:
        """Ends with ";" or "." (a preamble, and a plain paragraph, may also end with ",")."""
        return self.base_kind not in ("PP", "P")

    @property
    def base_kind(self) -> RawKind:
        return self.parent.base_kind if self.parent is not None else self.kind


@dataclass
class _Reading:
    """What the parser found around and in the body, before texts are finished."""

    cover: list[str] = field(default_factory=list)
    body_name: str = ""
    opening: list[str] = field(default_factory=list)  # "The General Assembly," (its name is the body)
    closing: list[str] = field(default_factory=list)
    paras: list[_Raw] = field(default_factory=list)  # paragraphs and headings, in reading order
    rest: list[tuple[str, str]] = field(default_factory=list)  # (text, why) of blocks set aside
    plain: bool = False  # a statement or decision in plain paragraphs (P<n>)
    stop: int = -1  # index of the first block left over after the text (-1: none left)


# "Annex", "ANNEX II", "Annex A: Joint Comprehensive Plan of Action", "Annex C – Components",
# "Annex to resolution 20/1" (but not "Annex II (including the opening …);", a sentence).
_ANNEX = re.compile(
    r"^\s*annex(?:es|e)?(?:\s+([IVX\d]{1,5}|[A-Z]))?\.?"
    r"(?:\s*[:–—-]\s+[^;]{1,150}?|\s+to\s+(?:the\s+)?(?:resolution|decision)\b[^;,]{0,40})?\s*$",
    re.I,
)

# A section heading that numbers its section: "I. Follow-up to …", "B", "II.\tTitle", "A.". Roman
# numerals and single capitals only; a lone capital needs its line to itself or a full stop, so
# that "A strong commitment …" stays a sentence.
# A resolution's own heading on a volume page: "1993/41. Promoting …", "186 (1964). Resolution of …".
# A resolution's heading: "32/40. Question …", "186 (1964). Resolution …", "97 (I). Registration …";
# old volumes print "2617. (XXIV). Study …", and OCR reads the session "(I)" as "(1)".
_TEXT_HEADER = re.compile(r"^\s*(\d{1,4}/\d{1,4}|\d{1,4}\.?\s*\((?:[IVXLC]{1,6}|1|\d{4})\))\s*\.\s+[A-Z“\"]")
_SECTION = re.compile(r"^\s*([IVXL]{1,7}|[A-Z])(?:\s*$|\.\s*(.*)$|\t\s*(.*)$)", re.S)

# "… made the following statement on behalf of the Council:", "… read out the following statement:"
_STATEMENT = re.compile(r"\bthe\s+following\s+statement\b", re.I)
# "Adopts the following Declaration:": the adopted text follows the paragraph, before the closing.
# "Also decides to submit the following draft resolution to the General Assembly for adoption:" (an HRC
# resolution sending the Assembly a draft, printed in quotation marks) likewise.
_ADOPTS_FOLLOWING = re.compile(
    r"^\W*(?:\w+\s+){0,2}(?:adopts|approves|endorses|proclaims|declares|solemnly|recommends"
    r"|(?:decides\s+to\s+)?(?:submit|transmit|forward)s?)\b"
    r".*\bfollowing\b[^;]*:\s*$",
    re.I | re.S,
)


def _romans(up_to: int) -> list[str]:
    """ "i", "ii", … in lower case: a long list of sub-paragraphs runs past "(xv)" ("(xviii)")."""
    tens, ones = ["", "x", "xx", "xxx"], ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"]
    return [tens[n // 10] + ones[n % 10] for n in range(1, up_to + 1)]


_ROMAN_SEQ = _romans(39)


@dataclass
class _SubCounter:
    """Tells a lettered sub-paragraph from a roman one nested inside it."""

    letter: str = ""
    roman: str = ""

    def label(self, token: str, *, after_colon: bool = False) -> str:
        """The "(x)" label part; ``after_colon``: the sub-paragraph before ends with ":"."""
        token = self._read_ocr(token)
        nested_next = self.roman and token in _ROMAN_SEQ and _next_roman(self.roman) == token
        starts_nested = token == "i" and self.letter and (self.letter != "h" or after_colon)
        if self.letter and (nested_next or starts_nested):
            self.roman = token
            return f"({self.letter})({token})"
        self.letter, self.roman = token, ""
        return f"({token})"

    def reset(self) -> None:
        self.letter = self.roman = ""

    def _read_ocr(self, token: str) -> str:
        """ "(1)" where "(i)" belongs: inside lettered sub-paragraphs, or as the roman one after
        the last ("(11)" after "(i)"), OCR's digit is the numeral. Elsewhere "(1)" is a number."""
        if not any(ch.isdigit() for ch in token):
            return token
        roman = token.replace("1", "i")
        if roman not in _ROMAN_SEQ:
            return token
        if self.roman:
            return roman if roman == _next_roman(self.roman) else token
        return roman if self.letter and roman == "i" else token


def _next_roman(roman: str) -> str:
    i = _ROMAN_SEQ.index(roman) if roman in _ROMAN_SEQ else -1
    return _ROMAN_SEQ[i + 1] if 0 <= i < len(_ROMAN_SEQ) - 1 else ""


# A heading named by its kind and number: "Goal 2. End hunger …", "Article 3", "Chapter IV".
_NAMED_HEADING = re.compile(
    r"^\s*((?i:Goal|Article|Chapter|Part|Section|Principle|Objective|Commitment|Priority|Appendix|"
    r"Attachment|Enclosure|Title|Rule))\s+(\d{1,3}|[IVXL]{1,7}|[A-Z])\b\.?(?![\d/])"
)


def _is_heading(block: Block, prev: _Raw | None) -> bool:
    """A heading inside the body ("Follow-up to the Summit", "Preamble"): not a paragraph.

    Short, with no closing punctuation, after a paragraph that is finished. A long one (up to
    30 words: "Contribution of United Nations operational activities to …") only after a finished
    paragraph, where no sentence can be running on.
    """
    text = block.text.strip()
    words = len(text.split())
    if len(block.lines) > 3 or is_paragraph_start(text) or words > 30:
        return False
    if _NAMED_HEADING.match(text) and not re.search(r"[,;:]\W*$", text):
        return True
    if words > 12 and (is_operative_verb_start(text) or prev is None or prev.kind == "H"):
        return False
    if re.search(r"[,;:.]\W*$", strip_glued_end_marker(strip_trailing_markers(text))):
        return False  # "Approves the first report of the Credentials Committee.43" is a sentence
    return prev is None or prev.kind == "H" or is_terminated(prev.lines[-1], operative=prev.operative)


_SENTENCE_OPENERS = frozenset(
    [
        "we",
        "i",
        "they",
        "it",
        "each",
        "every",
        "all",
        "any",
        "no",
        "our",
        "their",
        "its",
        "his",
        "her",
        "this",
        "these",
        "those",
        "the",
        "a",
        "an",
        "for",
        "in",
        "on",
        "at",
        "by",
        "with",
        "from",
        "to",
        "of",
        "as",
        "if",
        "when",
        "where",
        "while",
        "under",
        "upon",
        "after",
        "before",
        "since",
    ]
)


_LETTER_DOT = re.compile(r"^\s*[a-z]{1,6}\.\t")


def _operative_heading(block: Block, prev: _Raw) -> bool:
    """A heading among operative paragraphs that ``_is_heading`` leaves as text: one line after a
    finished paragraph, not led by an operative verb, and either

    - with no closing punctuation, even led by a participle as a preambular paragraph would be (no
      preamble follows an operative part): "Reporting and Consultation", "Financing of the budget
      estimates"; or
    - ending in a colon, a Security Council heading: "Reporting:", "United Nations and International
      Support:"; not a sentence that opens a list ("We resolve therefore:", "Each State Party …
      undertakes:", "Information on:"), whose first or last word a heading's noun phrase never has.
    """
    text = block.text.strip()
    words = text.split()
    if (
        len(block.lines) != 1
        or not text[0].isupper()
        or is_operative_verb_start(text)
        or not is_terminated(prev.lines[-1], operative=prev.operative)
    ):
        return False
    if text[-1].isalnum() or text[-1] == ")":
        return len(words) <= 10
    return (
        text.endswith(":")
        and len(words) <= 8
        and fold_word(words[0]) not in _SENTENCE_OPENERS
        and fold_word(words[-1].rstrip(":")) not in _SENTENCE_OPENERS
        and not re.search(r"\b(?:shall|will|must|may|should|would|can|could)\b", text)
        and not is_paragraph_start(text)
    )


def _is_title(block: Block) -> bool:
    """The title printed under a lone section number ("B" / "Work of the Committee regarding …")."""
    text = block.text.strip()
    return (
        len(block.lines) <= 3
        and len(text.split()) <= 30
        and not is_paragraph_start(text)
        and not re.search(r"[,;:]\W*$", text)
    )


def _section_number(block: Block) -> tuple[str, str] | None:
    """("II", "Title") for a numbered section heading "II. Title" (title "" when on its own)."""
    if len(block.lines) > 3:
        return None
    m = _SECTION.match(block.text)
    if m is None:
        return None
    title = (m.group(2) or m.group(3) or "").strip()
    if len(title.split()) > 30 or re.search(r"[,;:]\W*$", title) or sub_parts(title) or NUMBERED.match(title):
        return None
    if len(title.split()) > 8 and title.rstrip().endswith("."):
        return None  # "G. Le Secrétaire général fournira … nécessaire.": a lettered sentence, no heading
    return m.group(1), title


def _continues(prev: _Raw, block: Block) -> bool:
    """Does ``block`` carry on ``prev`` after a page break or footnote block?"""
    first = block.first.lstrip("\ue000\ue001 ")
    if not first or NUMBERED.match(first) or SUB.match(first) or opening_body(first) or CLOSING.match(first):
        return False
    if DOTTED.match(first) and (prev.dotted or not is_terminated(prev.lines[-1], operative=True)):
        return False  # the next target ("1.2 By 2030, …") after one printed without a full stop
    if prev.kind == "H" or _section_number(block) is not None or _NAMED_HEADING.match(first):
        return False
    if first[0].islower():
        return True
    if prev.kind == "PP" and block.gap in ("page", "sep"):
        # Every preambular paragraph opens with a participle or adjective ("Recalling",
        # "Deeply concerned"); after a page turn, text that does not is the same paragraph.
        return not is_preamble_start(first)
    return not is_terminated(prev.lines[-1], operative=prev.operative)


def _body_start(blocks: list[Block]) -> tuple[int, str, bool]:
    """Index of the first body block, the body name from the opening line, if any, and whether
    the body is a statement in plain paragraphs ("… made the following statement …:")."""
    for i, block in enumerate(blocks):
        name = opening_body(block.text) if len(block.lines) <= 2 else None
        if name:
            return i + 1, name, False
        if _STATEMENT.search(block.text) and is_terminated(block.text, operative=True):
            after = blocks[i + 1] if i + 1 < len(blocks) else None
            if after is None or not opening_body(after.text):
                return i + 1, "", True
    for i, block in enumerate(blocks):
        text = block.text
        if NUMBERED.match(text) or (is_preamble_start(text) and is_terminated(text, operative=False)):
            return i, "", False
    return len(blocks), "", False


def _numbered(blocks: list[Block]) -> bool:
    """Do the paragraphs of this part (up to its closing line or an annex) carry numbers?"""
    for b in blocks:
        if CLOSING.match(b.text) or (len(b.lines) <= 2 and _ANNEX.match(b.text)):
            return False
        if NUMBERED.match(b.first) and not SUB.match(b.first):
            return True
        if _ADOPTS_FOLLOWING.match(b.text):
            return False  # what follows is the adopted text, numbered in its own right
    return False


class _BodyReader:
    """Places the blocks of one part (the resolution, or an annexed text) as a reader would."""

    def __init__(self, numbered_doc: bool, *, part: str = "", plain: bool = False) -> None:
        self.paras: list[_Raw] = []
        self.closing: list[str] = []
        self.numbered_doc = numbered_doc  # False: operative paragraphs lost their numbers
        self.part = part  # label prefix of an annexed text
        self.plain = plain  # no preamble/operative split: unnumbered paragraphs are P<n>
        self.subs = _SubCounter()
        self.last_op: _Raw | None = None
        self.last_para: _Raw | None = None  # the last paragraph that is not a sub-paragraph
        self.section = ""  # printed number of the section being read ("I", "I.A")
        self.pending_number = ""  # a section number alone on its line, waiting for its title
        self.adopts_following = False  # "Adopts the following Declaration:" was the last paragraph
        self.ended_by = ""  # why the part ended: "opening" (another text begins), "annex"
        self.drafted = False  # the annexed text is a draft resolution with its own opening line
        self.own_header = ""  # _header_key of the text's own heading ("47(1948)")

    def feed(self, block: Block) -> bool:
        """Place one block; False once the part has ended."""
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
        if self.paras and (
            (_BRACKETED.match(text) and (not self.part or _END_NOTE.match(text))) or _NOTE_OPENS.match(text)
        ):
            return False  # "[Adopted without a vote.]", "[Adopted by a recorded vote …": the text has ended
        if self.paras and len(block.lines) <= 3 and (header := _TEXT_HEADER.match(text)):
            if _header_key(header) != self.own_header:
                self.ended_by = "opening"
                return False  # "1993/41. Promoting the use of …": the next resolution's heading
            self._add(_Raw("H", [text]))  # its own heading again: the other language's page
            return True
        if len(block.lines) <= 2 and opening_body(text):
            if self.part and not any(p.kind != "H" for p in self.paras):
                self.paras.append(_Raw("H", [text], part=self.part))  # a draft's "The General Assembly,"
                self.drafted = True
                return True
            if self.paras:
                # "Recommends … the following draft resolution:" / "The General Assembly,": the draft
                self.ended_by = "adopted" if self.adopts_following and not self.part else "opening"
                return False  # or a second resolution begins
        if len(block.lines) <= 2 and _ANNEX.match(text):
            self.ended_by = "annex"
            return False
        prev = self.paras[-1] if self.paras else None
        sub = sub_parts(block.first)
        letter_dot = bool(sub) and _LETTER_DOT.match(block.first) is not None
        if letter_dot and prev is not None and prev.parent is not None and not prev.letter_dot:
            sub = None  # "a.\t" under "(a) Consider the following items:": a list inside the sub-paragraph
        num = NUMBERED.match(block.first)
        dotted = DOTTED.match(block.first) if not (sub or num) else None
        if self.adopts_following and not self.part and not sub and not self._next_number(num):
            self.ended_by = "adopted"
            return False  # what follows "Adopts the following Declaration:" is the declaration
        section = _section_number(block) if not (sub or num) else None
        if self.pending_number and section is None and _is_title(block):
            self._heading(text, self.pending_number, title_of=True)
        elif section is not None and (prev is None or prev.kind == "H" or self._closed(prev)):
            self._section(*section)
        elif prev is not None and block.gap != "none" and _continues(prev, block):
            prev.lines += block.lines
        elif sub:
            self._sub(sub[0], [sub[1], *block.lines[1:]], prev)
            self.paras[-1].letter_dot = letter_dot
        elif num and self._numbered_heading(int(num.group(1)), text):
            self._add(_Raw("H", [text]))
        elif num:
            self._operative(int(num.group(1)), [num.group(2), *block.lines[1:]])
        elif dotted:
            self._add(_Raw("OP", [dotted.group(2), *block.lines[1:]], dotted=dotted.group(1)))
        elif named := _NAMED_HEADING.match(text) if _is_heading(block, prev) else None:
            self._named_section(named, text)
        elif _is_heading(block, prev) or (self.part and self._annex_title(block)):
            self._heading(text, "")
        elif self.part and self.drafted and self.last_op is None and is_preamble_start(text):
            self._add(_Raw("PP", list(block.lines)))  # the preamble of a recommended draft
        elif self.plain or (self.part and self.last_op is None):
            self._add(_Raw("P", list(block.lines)))
        elif prev is not None and prev.kind == "H" and self.last_op is not None:
            self._add(_Raw("P", list(block.lines)))  # unnumbered text under a heading: a paragraph

        elif prev is not None and self.last_op is not None and _operative_heading(block, prev):
            self._heading(text, "")  # "Reporting:", "Reporting and Consultation" between operative paragraphs
        elif self._unnumbered_operative(text):
            self._operative((self.last_op.number if self.last_op else 0) + 1, list(block.lines))
        elif self.last_op is None:
            self._add(_Raw("PP", list(block.lines)))
        elif prev is not None:
            prev.lines += block.lines  # unnumbered text in the operative part continues it
        self.pending_number = "" if self.paras and self.paras[-1].kind != "H" else self.pending_number
        last = self.paras[-1] if self.paras else None
        self.adopts_following = (
            last is not None
            and last.kind in ("OP", "PP")
            and _ADOPTS_FOLLOWING.match(" ".join(last.lines)) is not None
        )
        return True

    def _numbered_heading(self, number: int, text: str) -> bool:
        """ "1. Improving the level of basic education" among paragraphs 24, 25: a programme's
        numbered sub-heading (short, no closing punctuation, out of the paragraphs' sequence)."""
        if self.last_op is None or number > self.last_op.number or len(text.split()) > 16:
            return False
        return not re.search(r"[,;:.]\W*$", strip_glued_end_marker(strip_trailing_markers(text)))

    def _next_number(self, num: re.Match[str] | None) -> bool:
        """Is this numbered block the resolution's next operative paragraph (not the adopted text's 1)?"""
        return num is not None and self.last_op is not None and int(num.group(1)) == self.last_op.number + 1

    @staticmethod
    def _closed(prev: _Raw) -> bool:
        return is_terminated(prev.lines[-1], operative=prev.operative) or prev.lines[-1].rstrip().endswith(
            ","
        )

    def _annex_title(self, block: Block) -> bool:
        """An annexed text's title lines before its first paragraph ("Political Declaration on …")."""
        return not any(p.kind != "H" for p in self.paras) and not re.search(r"[,;:.]\W*$", block.text)

    def _finished(self, block: Block) -> bool:
        """Is the body over before ``block`` (a date alone), or is the date the end of a sentence
        that a page break cut ("… to be held on" / page / "3 June 2005.")?"""
        if not self.paras:
            return False
        prev = self.paras[-1]
        return block.gap not in ("page", "sep") or is_terminated(prev.lines[-1], operative=prev.operative)

    def _add(self, raw: _Raw) -> None:
        raw.part, raw.section = self.part, self.section
        self.paras.append(raw)
        if raw.kind != "SUB":
            self.last_para = raw
            self.subs.reset()

    def _heading(self, text: str, number: str, *, title_of: bool = False) -> None:
        """A heading line; ``title_of``: the title printed under a lone section number."""
        if title_of and self.paras and self.paras[-1].kind == "H":
            self.paras[-1].lines = [f"{self.paras[-1].lines[0].rstrip('.')}. {text}"]
            self.pending_number = ""
            return
        self._add(_Raw("H", [text]))

    def _section(self, number: str, title: str) -> None:
        """A numbered section begins: "B" below "A" starts a sibling, "A" below "I" a child."""
        top = self.section.split(".")[0] if self.section else ""
        roman = len(number) > 1 or (number in "IVXL" and (not top or _is_roman(top)))
        if top and _is_roman(top) and not roman:
            self.section = f"{top}.{number}"
        else:
            self.section = number
        self.last_op = None if self.numbered_doc else self.last_op
        heading = f"{number}. {title}" if title else number
        self._add(_Raw("H", [heading]))
        self.pending_number = "" if title else number

    def _named_section(self, m: re.Match[str], text: str) -> None:
        """ "Article 3", "Goal 2. End hunger …": a section named by kind and number (its numbered
        paragraphs restart in a convention's articles)."""
        self.section = m.group(1).capitalize() + m.group(2)
        self.last_op = None if self.numbered_doc else self.last_op
        self._add(_Raw("H", [text]))

    def _preamble(self, lines: list[str]) -> None:
        self._add(_Raw("PP", lines))

    def _operative(self, number: int, lines: list[str]) -> None:
        # A statement printed with paragraph numbers keeps them: P1, P2 … as printed.
        self.last_op = _Raw("P" if self.plain else "OP", lines, number)
        self._add(self.last_op)

    def _sub(self, token: str, lines: list[str], prev: _Raw | None) -> None:
        parent = self.last_para if self.last_para is not None and self.last_para.kind != "H" else None
        if parent is None and self.last_para is not None:
            parent = self._across_heading(token)
        if parent is None:  # "(a)" before any paragraph: take it as a paragraph of its own
            self._add(_Raw("P" if (self.plain or self.part) else "PP", lines))
            return
        after_colon = prev is not None and prev.kind == "SUB" and prev.lines[-1].rstrip().endswith(":")
        label = self.subs.label(token, after_colon=after_colon)
        self._add(_Raw("SUB", lines, sub=label, parent=parent))

    def _across_heading(self, token: str) -> _Raw | None:
        """The paragraph whose lettered list headings interrupt: S/RES/2245's "2. … as follows:",
        "AMISOM", "(a) …" … "(d) …", "UNSOM", "(e) …". Its first letter after a paragraph that
        ends in a colon, or the letter after its last one; None for a list of the heading's own."""
        before = next((p for p in reversed(self.paras) if p.kind not in ("H", "SUB")), None)
        if before is None or len(token) != 1 or not token.isalpha():
            return None
        subs = [p for p in self.paras if p.kind == "SUB" and p.parent is before]
        if not subs:
            return before if token == "a" and before.lines[-1].rstrip().endswith(":") else None
        last = re.match(r"\((\w+)\)", subs[-1].sub)
        letter = last.group(1) if last else ""
        return before if len(letter) == 1 and ord(token) == ord(letter) + 1 else None

    def _unnumbered_operative(self, text: str) -> bool:
        """In a text without paragraph numbers, "Decides …;" after the preamble is operative, and
        so is a first paragraph that opens with a verb ("Adopts the following Declaration:")."""
        if self.numbered_doc or not is_operative_verb_start(text):
            return False
        if not any(p.kind != "H" for p in self.paras):
            return not is_preamble_start(text)
        return self.last_op is not None or is_terminated(text, operative=True)


def _header_key(m: re.Match[str]) -> str:
    """ "186 (1964). Resolution …" → "186(1964)": one key for the heading in either language."""
    key = re.sub(r"[\s.]+", "", m.group(1))
    return re.sub(r"\(1\)$", "(I)", key)  # "98 (1)": the OCR's "(I)"


def _own_header(cover: list[str]) -> str:
    """The key of the text's own heading among the lines above its opening, if printed."""
    keys = [_header_key(m) for line in cover if (m := _TEXT_HEADER.match(line))]
    return keys[-1] if keys else ""


def _is_roman(token: str) -> bool:
    return bool(token) and all(ch in "IVXL" for ch in token) and (len(token) > 1 or token in "IVX")


def _annex_prefix(text: str) -> str:
    """ "Annex" → "Annex", "Annex II" → "Annex.II"."""
    m = _ANNEX.match(text)
    return f"Annex.{m.group(1)}" if m and m.group(1) else "Annex"


# "[Adopted without a vote.]" (words, not a symbol such as "[S/726]").
_BRACKETED = re.compile(r"^\s*\[[^\]]{0,100}[^\W\d_]{2,}\s+[^\W\d_]{2,}[^\]]{0,100}\]\s*$")
_NOTE_LINE_WHY = "a note in brackets after the text (vote, adoption)"
_ANNEX_CLOSING_WHY = "an annexed text's own closing lines (its meeting or date, not the resolution's)"
# "[Adopted by a recorded vote of 29 to 13, with 5 abstentions. The voting was as follows:", then "In
# favour:", the States, "Against:", … up to "… and Paraguay]": one note over several blocks.
_NOTE_OPENS = re.compile(
    r"^\s*\[\s*(?:Adopted|Adopt[ée]e?s?|Adoptad[ao]|Resolution\s+adopted)\b[^\]]*$", re.I
)
_NOTE_CLOSES = re.compile(r"\]\s*$")
# In an annexed text a line in brackets is the text's own ("[Supplements rule 6 of the Standard Minimum
# Rules …]" before each of the Bangkok Rules) unless it is one of these notes on the resolution.
_END_NOTE = re.compile(
    r"^\s*\[\s*(?:Adopted|Adopt[ée]|Resolution\s+adopted|on\s+the\s+(?:report|recommendation)"
    r"|on\s+a\s+proposal|without\s+reference)\b",
    re.I,
)
NOTE_BLOCKS = 12  # a vote record's blocks at most: its heading, three headed lists, their States


def _note_end(blocks: list[Block], i: int) -> int:
    """Where the bracketed note starting at block ``i`` ends (the block after it); 0 when none starts."""
    if _BRACKETED.match(blocks[i].text):
        return i + 1
    if not _NOTE_OPENS.match(blocks[i].text):
        return 0
    for k in range(i + 1, min(len(blocks), i + NOTE_BLOCKS)):
        if "[" in blocks[k].text:
            return 0  # another bracket opens first: not one note
        if _NOTE_CLOSES.search(blocks[k].text):
            return k + 1
    return 0


_AFTER_END = "after the end of the text: a neighbour's fragment or another document"
AFTER_END_WARNED = 20  # words after the closing lines set aside with no warning at most (a stray line)
_NEXT_TEXT = "another resolution or decision begins here (a volume page): not read into this one"


def _read_structure(blocks: list[Block]) -> _Reading:
    """Cover, opening, body paragraphs (the resolution's and its annexes') and closing."""
    start, name, plain = _body_start(blocks)
    cover_end = start - 1 if name else start  # the opening line itself is neither cover nor body
    cover = [line for b in blocks[:cover_end] for line in b.lines]
    opening = [line for b in blocks[cover_end:start] for line in b.lines]
    reading = _Reading(cover=cover, body_name=name, opening=opening, plain=plain)
    i = start
    reader = _BodyReader(numbered_doc=_numbered(blocks[start:]), plain=plain)
    reader.own_header = _own_header(cover)
    parts = {""}
    annexed = False  # the part being read is an annex (its own document), not the resolution
    while True:
        while i < len(blocks) and reader.feed(blocks[i]):
            i += 1
        reading.paras += reader.paras
        if annexed:
            # An annexed text's own meeting and date (S/RES/2118's annexed Geneva communiqué of 30
            # June 2012) are not the resolution's.
            reading.rest += [(line, _ANNEX_CLOSING_WHY) for line in reader.closing]
        else:
            reading.closing += reader.closing
        while i < len(blocks) and (end := _note_end(blocks, i)):
            # "[Adopted without a vote.]", or a recorded vote over several blocks
            reading.rest.append(("\n".join(b.text for b in blocks[i:end]), _NOTE_LINE_WHY))
            i = end
        if i >= len(blocks) or not reading.paras:
            break
        if reader.ended_by == "adopted":
            reader = _BodyReader(numbered_doc=_numbered(blocks[i:]), part="Annex")
            annexed = False
        elif reader.ended_by == "annex" or (_ANNEX.match(blocks[i].text) and len(blocks[i].lines) <= 2):
            annexed = True
            prefix = _annex_prefix(blocks[i].text)
            while prefix in parts:
                prefix += "'"
            reader = _BodyReader(numbered_doc=_numbered(blocks[i + 1 :]), part=prefix)
            reader.paras.append(_Raw("H", [blocks[i].text], part=prefix))
            i += 1
        else:
            break
        parts.add(reader.part)
    # "35/171. Report of …" after the closing lines of 35/170 on a volume page: the next text.
    follows = i < len(blocks) and len(blocks[i].lines) <= 3 and _TEXT_HEADER.match(blocks[i].text)
    why = _NEXT_TEXT if reader.ended_by == "opening" or follows else _AFTER_END
    if i < len(blocks):  # one part, its blocks a line each: a word split over two stays whole
        reading.rest.append(("\n".join(b.text for b in blocks[i:]), why))
        reading.stop = i

    return reading


def _language(lines: list[str]) -> str:
    """ "fr" or "en" by the function words a paragraph uses ("" when too short to tell)."""
    return language_of(" ".join(lines))  # its opening tells


_OTHER_LANGUAGE = "the text in another language (a bilingual volume prints English and French in turn)"


def _one_language(reading: _Reading) -> None:
    """Keep the paragraphs of the text's main language; set the other language's aside.

    Bilingual printed volumes interleave an English and a French page; the French text is the
    same resolution again, not more of it. The language of the first paragraph leads.
    """
    if not any(
        " la " in line or " le " in line or " les " in line or " des " in line or " du " in line
        for p in reading.paras
        for line in p.lines[:2]
    ):
        return  # no French article in any paragraph's opening lines: one language
    langs = [_language(p.lines) for p in reading.paras]
    body = [lang for p, lang in zip(reading.paras, langs, strict=True) if lang and p.kind != "H"]
    if "en" not in body or "fr" not in body:
        return
    main = body[0]  # the original comes first, its translation after
    keep: list[_Raw] = []
    dropped: set[int] = set()
    for raw, lang in zip(reading.paras, langs, strict=True):
        parent_gone = raw.parent is not None and id(raw.parent) in dropped
        if (lang and lang != main) or parent_gone:
            dropped.add(id(raw))
            reading.rest.append(("\n".join(raw.lines), _OTHER_LANGUAGE))
        else:
            keep.append(raw)
    reading.paras = keep


def _looks_like_resolution(reading: _Reading) -> bool:
    """An opening line, a participle-led preamble, numbered paragraphs led by verbs, or a statement."""
    if reading.body_name or reading.plain:
        return True
    pps = [p for p in reading.paras if p.kind == "PP"]
    if any(is_preamble_start(" ".join(p.lines)) for p in pps):
        return True
    ops = [p for p in reading.paras if p.kind == "OP"]
    verbs = sum(1 for p in ops if is_operative_verb_start(" ".join(p.lines)))
    if bool(ops) and verbs * 2 >= len(ops):
        return True
    # A ministerial declaration: "We, the Ministers and high representatives, …," then numbered
    # paragraphs in the first person ("1. Reaffirm our commitment …").
    lead = [*reading.cover[-3:], *reading.opening, *(p.lines[0] for p in reading.paras[:3] if p.lines)]
    opened = any(_WE_THE.match(line) for line in lead)
    return opened and len(ops) >= 3


_WE_THE = re.compile(r"^\W*We,?\s+the\s+[A-Z]")


def _restarts(raws: list[_Raw]) -> bool:
    """Does numbering start again in a later section (its first number is one met before, or its
    preamble follows operative paragraphs)? Only then do labels need the section's number."""
    highest = 0
    op_section: str | None = None
    seen_sections: set[str] = set()
    for raw in raws:
        if raw.kind == "OP" and not raw.dotted:
            if raw.section not in seen_sections and raw.section != op_section and raw.number <= highest:
                return True
            seen_sections.add(raw.section)
            highest = max(highest, raw.number)
            op_section = raw.section
        elif raw.kind == "PP" and op_section is not None and raw.section != op_section:
            return True
    return False


def _label_all(raws: list[_Raw]) -> list[str]:
    """Give every paragraph its label; return warnings about numbering gaps."""
    warnings: list[str] = []
    by_part: dict[str, list[_Raw]] = {}
    for raw in raws:
        by_part.setdefault(raw.part, []).append(raw)
    for part, members in by_part.items():
        restart = _restarts(members)
        counters: dict[tuple[str, str], int] = {}
        last_op: dict[str, int] = {}
        for raw in members:
            prefix = ".".join(x for x in (part, raw.section if restart else "") if x)
            lead = f"{prefix}." if prefix else ""
            if raw.kind == "SUB":
                assert raw.parent is not None
                raw.label = f"{raw.parent.label}{raw.sub}"
            elif raw.kind == "OP" and raw.dotted:
                raw.label = f"{lead}{raw.dotted}" if part else f"{lead}OP{raw.dotted}"
            elif raw.kind == "OP":
                raw.label = f"{lead}{raw.number}" if part else f"{lead}OP{raw.number}"
                before = last_op.get(prefix, 0)
                if raw.number > before + 1 and (before or raw.number > 2):
                    first = f"{lead}{'' if part else 'OP'}"
                    gap = (
                        f"{first}{before + 1}"
                        if raw.number == before + 2
                        else f"{first}{before + 1}–{raw.number - 1}"
                    )
                    warnings.append(f"numbering gap: no {gap} before {raw.label}")
                last_op[prefix] = max(before, raw.number)  # a repeated number is its own warning
            elif raw.kind == "P" and raw.number:
                raw.label = f"{lead}P{raw.number}"
            elif raw.kind in ("PP", "P"):
                key = (prefix, raw.kind)
                counters[key] = counters.get(key, 0) + 1
                raw.label = f"{lead}{raw.kind}{counters[key]}"
            else:  # a heading: labels after it carry this prefix
                raw.label = prefix
    return warnings


def _number_lost_operatives(raws: list[_Raw]) -> None:
    """Operative paragraphs whose printed numbers were lost before the first one kept.

    HRC S-35/1 prints its operative paragraphs 1 to 7 without numbers, then "8.": read as
    preambular paragraphs 13 to 19. When the first numbered paragraph of a part is n, and exactly
    the n - 1 paragraphs before it open with an operative verb after a preamble that does not,
    they are paragraphs 1 to n - 1.
    """
    mains = [r for r in raws if r.kind != "SUB"]
    for k, raw in enumerate(mains):
        if raw.kind != "OP" or raw.dotted:
            continue
        n = raw.number
        before = mains[max(0, k - n + 1) : k]
        if n < 2 or len(before) != n - 1 or k - n < 0:
            return  # only the first numbered paragraph counts; the preamble must come before
        opener = mains[k - n]
        same_part = all(r.part == raw.part and r.section == raw.section for r in [opener, *before])
        if (
            same_part
            and opener.kind == "PP"
            and not is_operative_verb_start(" ".join(opener.lines))
            and all(r.kind == "PP" and is_operative_verb_start(" ".join(r.lines)) for r in before)
        ):
            for number, lost in enumerate(before, start=1):
                lost.kind, lost.number = "OP", number
        return


def _number_sole_operatives(raws: list[_Raw]) -> None:
    """A section of a sectioned resolution whose operative text is printed without numbers.

    75/245 section A: "Recalling its resolution 44/198 …," then "Approves, with effect from 1
    January 2021, …" (its one operative paragraph, unnumbered, as the Assembly prints a lone one):
    read as A.PP2. In a section with no numbered paragraph, the paragraphs after its preamble that
    open with an operative verb are its operative paragraphs 1, 2, …
    """
    groups: dict[tuple[str, str], list[_Raw]] = {}
    for raw in raws:
        if raw.section and raw.kind != "SUB":
            groups.setdefault((raw.part, raw.section), []).append(raw)
    for members in groups.values():
        body = [r for r in members if r.kind != "H"]
        if not body or any(r.kind == "OP" for r in body) or any(r.kind != "PP" for r in body):
            continue
        verbs = [is_operative_verb_start(" ".join(r.lines)) for r in body]
        first = next((k for k, v in enumerate(verbs) if v), None)
        if first is None or not all(verbs[first:]):
            continue  # a preamble, then operative paragraphs, nothing else
        for number, raw in enumerate(body[first:], start=1):
            raw.kind, raw.number = "OP", number


def _finish(
    raws: list[_Raw], vocab: Vocabulary, state: MarkerState
) -> tuple[list[Paragraph], list[Section], list[str]]:
    """Final paragraph texts and headings: lines joined, markers taken out in reading order,
    labels unique (a repeat left after section prefixes gets "-2" and a warning)."""
    _number_sole_operatives(raws)
    _number_lost_operatives(raws)
    warnings = _label_all(raws)
    paragraphs: list[Paragraph] = []
    sections: list[Section] = []
    seen: set[str] = set()
    for raw in raws:
        if raw.kind == "H":
            title = join_lines(raw.lines, vocab)
            sections.append(Section(raw.label, MARK_RE.sub("", title), len(paragraphs)))
            continue
        text, marks = take_markers(join_lines(raw.lines, vocab), state)
        if not text:
            continue
        label = raw.label
        if label in seen:
            n = 2
            while f"{label}-{n}" in seen:
                n += 1
            warnings.append(f"paragraph number repeated: the second {label} is labelled {label}-{n}")
            label = f"{label}-{n}"
        seen.add(label)
        paragraphs.append(Paragraph(label, text, tuple(FootnoteMarker(off, n) for off, n in marks)))
    return paragraphs, sections, warnings


_FURNITURE_WHY = "page furniture: running header, page number, symbol, job number or contents line"
_COVER_WHY = "document header: not a metadata field"
_READ_WHY = "read for metadata (date, body, meeting): the fields hold what it says"
_OTHER_TEXTS_WHY = "other texts printed before the one the file is named for (a volume page)"
_BEFORE_WHY = "before the heading: the end of the text printed before it (a volume page)"
_REPEAT_WHY = "a footnote whose number was already taken (the same note in another language or page)"
_CLOSING_WHY = "closing lines: not a metadata field"
_NOTE_WHY = "unnumbered note (asterisk) at a page foot"
# Words of header and closing lines that only frame a metadata field ("Resolution adopted by
# the General Assembly on 2 June 2006", "87th plenary meeting"): the field holds what they say.
_FRAME_WORDS = frozenset(LANG.months) | LANG.frame_words


def _frame_words() -> frozenset[str]:
    """The current language's frame words; a body printed in another language than its field's
    English name ("L’Assemblée générale") frames that field too."""
    lang = current()
    if lang is LANG:
        return _FRAME_WORDS
    names = " ".join(printed for printed, _ in lang.body_names)
    words = frozenset(_words(" ".join([*lang.months, *lang.frame_words, names])))
    elided = [a for a in lang.body_articles if a[-1] in "’'"]  # "l’Assemblée", "l’environnement"
    return words | frozenset(_words(" ".join(a + w for a in elided for w in words)))


def _words(text: str) -> list[str]:
    """The words that must not be lost: letters in them (numbers are dates, markers, numbering)."""
    return [w for w in (fold_word(m.group()) for m in WORD.finditer(text)) if not w.isdigit()]


def _meta_pool(meta: Metadata) -> Counter[str]:
    pool: Counter[str] = Counter()
    for value in (meta.symbol, meta.body, meta.title, meta.session, meta.meeting):
        pool.update(_words(value))
    return pool


def _not_in_metadata(lines: list[str], pool: Counter[str], why: str) -> list[SetAside]:
    """The lines whose words the metadata fields do not hold (each field's words count once).

    A line that only frames a field ("Resolution adopted by the General Assembly on 2 June 2006")
    is listed as read for metadata: its date is in the document, its other words are not.
    """
    out: list[SetAside] = []
    frame = _frame_words()
    for line in lines:
        need = Counter(_words(line))
        if all(pool[w] >= n for w, n in need.items()):
            pool.subtract(need)
        elif all(pool[w] >= n for w, n in need.items() if w not in frame):
            out.append(SetAside(line.strip(), _READ_WHY))
        elif why == _COVER_WHY and _reads_as_body(line):
            out.append(SetAside(line.strip(), _BEFORE_WHY))
        elif line.strip():
            out.append(SetAside(line.strip(), why))
    return out


def _reads_as_body(line: str) -> bool:
    """A numbered paragraph or a finished sentence of some length: body text, not a header line."""
    if _STATEMENT.search(line):
        return False  # "… made the following statement on behalf of the Council:"
    return bool(NUMBERED.match(line)) or (len(line.split()) >= 12 and line.rstrip()[-1:] in ",;.")


# "2. Requests the Secretary-General …" inside a footnote: a numbered operative paragraph.
_NUMBERED_VERB = re.compile(r"(?:^|\s)\d{1,3}\.\s+(?:[A-Z][a-z]+ly\s+)?[A-Z][a-z]{3,}s\b")


def _doubts(paragraphs: list[Paragraph], footnotes: tuple[Footnote, ...]) -> list[str]:
    """Warnings about what the text may hide: a footnote that swallowed body paragraphs."""
    longest = max((len(p.text) for p in paragraphs), default=0)
    out: list[str] = []
    for f in footnotes:
        if len(f.text) > longest > 0 and len(f.text) > 400:
            out.append(
                f"footnote {f.number} is longer than any paragraph ({len(f.text)} characters): "
                "it may hold paragraphs of the text"
            )
        elif len(_NUMBERED_VERB.findall(f.text)) >= 2:
            out.append(
                f"footnote {f.number} holds numbered paragraphs: it may have swallowed part of the text"
            )
    return out


# A file of the official document system is named for its symbol: "A_RES_32_40", "E_RES_1993_40",
# "S_RES_186(1964)", "E_RES_476_(XV)", "A_HRC_RES_16_1".
_FILE_SYMBOL = re.compile(r"^(?:A|E|S)_(?:HRC_)?RES_(\d{1,4}(?:_\d{1,4})?)_?(\(\s*[IVXLC\d]{1,6}\s*\))?$")


def _named_header(name: str) -> re.Pattern[str] | None:
    """The heading a volume page prints for the resolution the file is named for ("32/40. …")."""
    m = _FILE_SYMBOL.match(name)
    if m is None:
        return None
    number = re.escape(m.group(1).replace("_", "/"))
    session = r"\s*" + re.escape(m.group(2).replace(" ", "")) if m.group(2) else ""
    return re.compile(rf"^\s*{number}{session}\s*\.?\s+\S")


def _named_start(blocks: list[Block], name: str) -> int:
    """Where the resolution a volume page is named for begins, when other texts come first (0
    when the file holds no other text's opening before it, or names no resolution)."""
    header = _named_header(name)
    if header is None:
        return 0
    for k, block in enumerate(blocks):
        if header.match(block.first):
            earlier = any(
                opening_body(b.text) or CLOSING.match(b.text) for b in blocks[:k] if len(b.lines) <= 2
            )
            return k if earlier else 0
    return 0


def _closing_after(rest: list[tuple[str, str]]) -> list[str]:
    """This text's closing line when it stands after the next text's heading (a bilingual volume
    prints the French heading before the English "Adopted at the 230th meeting …"): the first
    closing line of the part set aside after it, read for the metadata only (it stays set aside)."""
    for part, why in rest:
        if why != _NEXT_TEXT:
            continue
        for line in part.split("\n"):
            if CLOSING.match(line.strip()):
                return [line.strip()]
    return []


def _prepare(text: str) -> tuple[list[Item], FootnoteBlock, list[Block]]:
    """Lines, footnotes lifted out, and the body's blocks."""
    items = split_glued_opening(prepare_lines(text))
    body_items, notes = extract_footnotes(items)
    return items, notes, group_blocks(body_items)


def _file_aside(items: list[Item], notes: FootnoteBlock) -> list[SetAside]:
    """What the file prints outside any text: page furniture, asterisk notes, repeated footnotes."""
    return [
        *(SetAside(item.text, _FURNITURE_WHY) for item in items if item.kind == "page" and item.text),
        *(SetAside(footnote_text(n), _NOTE_WHY) for n in notes.notes),
        *(SetAside(footnote_text(n), _REPEAT_WHY) for n in notes.repeats),
    ]


@dataclass
class _Finished:
    """One text read and labelled, before its document is made."""

    reading: _Reading
    paragraphs: list[Paragraph]
    sections: list[Section]
    warnings: list[str]


def _finished(reading: _Reading, vocab: Vocabulary, state: MarkerState, source: str) -> _Finished:
    _one_language(reading)
    if not reading.paras or not _looks_like_resolution(reading):
        raise InputError(source, NO_PARAGRAPHS)
    paragraphs, sections, warnings = _finish(reading.paras, vocab, state)
    if not paragraphs:
        raise InputError(source, NO_PARAGRAPHS)
    return _Finished(reading, paragraphs, sections, warnings)


def _document(
    text: str,
    done: _Finished,
    notes: dict[int, str],
    file_aside: list[SetAside],
    *,
    source: str,
    doc_id: str,
    metadata: Metadata | None,
    inherited: Metadata | None = None,
) -> Document:
    """The document of one text: ``text`` is what its metadata is read from, ``notes`` its
    footnotes, ``file_aside`` what the file prints outside any text (given to one document).
    ``inherited``: the fields a lettered text ("B") takes from the heading of its group."""
    reading, paragraphs, warnings = done.reading, done.paragraphs, list(done.warnings)
    cited_by: dict[int, str] = {}
    for p in paragraphs:
        for marker in p.markers:
            cited_by.setdefault(marker.number, p.label)
    footnotes = tuple(
        Footnote(number, footnote_text(notes[number]), cited_by.get(number)) for number in sorted(notes)
    )
    closing = reading.closing or _closing_after(reading.rest)
    found = document_metadata(text, reading.cover, reading.body_name, closing, source)
    if inherited is not None and inherited.symbol and found.notes == FROM_FILE_NAME:
        found = replace(found, symbol="", notes="")  # the group's heading names it, not the file
    meta = merge(inherited, found, metadata)
    if not meta.session and meta.symbol:
        meta = merge(meta, Metadata(session=session_from_symbol(meta.symbol)))
    if not meta.date and meta.symbol:
        meta = merge(meta, Metadata(date=year_from_symbol(meta.symbol)))
    pool = _meta_pool(meta)
    set_aside = [
        *_not_in_metadata(reading.cover, pool, _COVER_WHY),
        *_not_in_metadata(reading.opening, pool, _COVER_WHY),
        *_not_in_metadata(reading.closing, pool, _CLOSING_WHY),
        *(SetAside(t, why) for t, why in reading.rest),
        *file_aside,
    ]
    before_words = sum(len(a.text.split()) for a in set_aside if a.why == _BEFORE_WHY)
    if before_words:
        warnings.append(f"text before the heading, {before_words} words, set aside: a neighbour's end?")
    other_words = sum(len(t.split()) for t, why in reading.rest if why == _OTHER_TEXTS_WHY)
    if other_words:
        warnings.append(f"other texts before this one, {other_words} words, set aside (a volume page)")
    rest_words = sum(len(t.split()) for t, why in reading.rest if why == _NEXT_TEXT)
    if rest_words:
        warnings.append(f"another text follows the end of this one: {rest_words} words set aside")
    after_words = sum(len(t.split()) for t, why in reading.rest if why == _AFTER_END)
    if after_words >= AFTER_END_WARNED:
        warnings.append(f"{after_words} words after the end of the text set aside (an annex not recognised?)")
    incomplete = sum(len(t.split()) for t, why in reading.rest if why == _INCOMPLETE_WHY)
    if incomplete:
        warnings.append(f"the start of the next text, {incomplete} words, set aside (a volume page)")
    warnings += _doubts(paragraphs, footnotes)
    return Document(
        id=doc_id,
        path=source,
        metadata=meta,
        paragraphs=tuple(paragraphs),
        footnotes=footnotes,
        sections=tuple(done.sections),
        set_aside=tuple(set_aside),
        warnings=tuple(warnings),
    )


def parse_text(
    text: str,
    *,
    source: str = "<text>",
    doc_id: str = "",
    metadata: Metadata | None = None,
    name: str = "",
) -> Document:
    """Parse the text of one resolution. ``metadata`` (e.g. from a catalogue) wins over the text.

    ``name``: the file's stem. A printed volume page named for one resolution ("A_RES_32_40")
    that prints others before it is read from that resolution's heading on. (``parse_parts``
    reads every complete text of such a page as a document of its own.)

    Every word of ``text`` ends in a paragraph, a heading, a footnote, a metadata field or a
    set-aside part with the reason. Raises InputError(source, …) when no paragraph is found.
    """
    with reading_in(text_language(text)) as lang:  # "Rappelant …", "Prie …": in the text's language
        return _in_language(
            _parse_text(text, source=source, doc_id=doc_id, metadata=metadata, name=name), lang
        )


def _in_language(doc: Document, lang: Language) -> Document:
    """``doc`` with its language in its metadata (English, the reader's own, is left unsaid)."""
    if lang is ENGLISH or doc.metadata.language:
        return doc
    return replace(doc, metadata=replace(doc.metadata, language=lang.code))


def _parse_text(
    text: str,
    *,
    source: str,
    doc_id: str,
    metadata: Metadata | None,
    name: str,
    prepared: tuple[list[Item], FootnoteBlock, list[Block]] | None = None,
    first: _Reading | None = None,
) -> Document:
    """``prepared``: ``_prepare(text)`` when the caller made it already, and ``first`` the text read
    from its first block (``_parse_parts`` of a file of one text: every file was read twice)."""
    items, notes, blocks = prepared if prepared is not None else _prepare(text)
    start = _named_start(blocks, name) if name else 0
    reading = first if first is not None and start == 0 else _read_structure(blocks[start:])
    if start:
        earlier = "\n".join(b.text for b in blocks[:start])
        reading.rest.insert(0, (earlier, _OTHER_TEXTS_WHY))
    done = _finished(reading, Vocabulary.of(text), MarkerState(set(notes.texts)), source)
    doc = _document(
        text, done, notes.texts, _file_aside(items, notes), source=source, doc_id=doc_id, metadata=metadata
    )
    if metadata is not None and metadata.symbol:
        return doc  # the catalogue's symbol wins
    return _lettered(doc, reading.cover, name, text)


# The letter of a lettered text glued onto the end of its heading by the copy ("57/283.\tPattern of
# conferences B", the "B*" line joined to the title).
_GLUED_LETTER = re.compile(r"^(.*\S)\s+([A-H])\*?$", re.S)
_NAME_LETTER = re.compile(r"(?:\d_?|_)([A-H])$")  # "A_RES_57_283_B", "A_RES_61_267B"


def _bare_letter(cover: list[str]) -> str:
    """The letter printed on a line of its own between the text's numbered heading ("48/218. Review
    of …" / "B") and its opening; "E.\tReview in 2029" in a report's cover is a section, not a letter."""
    letter = ""
    for line in reversed(cover):  # from the opening up to the nearest heading
        if _TEXT_HEADER.match(line) or _SYMBOL_LINE.match(line):
            return letter
        if not letter and (m := _BARE_LETTER.match(line)):
            letter = m.group(1)
    return ""


_BARE_LETTER = re.compile(r"^\s*([A-H])\s*\.?\**\s*$")
_SYMBOL_LINE = re.compile(r"^\s*\d{1,4}/\d{1,4}\.?\s*$")  # "72/262." with its title on the next line


def _lettered(doc: Document, cover: list[str], name: str, text: str) -> Document:
    """A lettered text issued alone ("48/218 B", the B printed under "48/218. Review of …")
    carries its letter in its symbol, as the print gives it. A letter on a line of its own counts;
    one glued to the end of the title counts where a second witness agrees: the file is named
    with that letter, or the text cites its own number with another letter ("… 57/283 A of …")."""
    symbol = doc.metadata.symbol
    if not symbol or re.search(r"\s[A-H]$", symbol):
        return doc
    printed = _bare_letter(cover)
    title = doc.metadata.title
    if not printed and (m := _GLUED_LETTER.match(title)) is not None:
        number = re.escape(re.sub(r"^[A-Z]/(?:[A-Z]+/)*", "", symbol))
        named = _NAME_LETTER.search(name)
        cites = re.search(rf"\b{number}\s+(?!{m.group(2)}\b)[A-H]\b", text)
        if (named is not None and named.group(1) == m.group(2)) or cites:
            printed, title = m.group(2), m.group(1)
    if not printed:
        return doc
    return replace(doc, metadata=replace(doc.metadata, symbol=f"{symbol} {printed}", title=title))


# ---------------------------------------------------------------------------------- volume pages

_INCOMPLETE_WHY = "the start of the text printed after it, cut off by the page's end (a volume page)"
_LETTER = re.compile(r"^\s*([A-H])\s*\.?\s*$")  # "B": the second resolution under one number
_OPENING_WITHIN = 8  # blocks a text's heading, letter, title and report line take before its opening


def _begins_text(blocks: list[Block]) -> bool:
    """Do ``blocks`` open another text: its heading lines, then its opening line ("The General
    Assembly,")? Only short lines may stand before the opening: a heading ("32/40. Question of
    Palestine", "186 (1964). Resolution of 4 March 1964"), a letter ("B"), a title, the report
    it was adopted on. A quoted opening ("“The General Assembly,") is a draft the text quotes."""
    for block in blocks[:_OPENING_WITHIN]:
        if len(block.lines) <= 2 and opening_body(block.text):
            return not block.text.lstrip().startswith(("“", '"', "‘", "'"))
        if len(block.lines) > 3 or len(block.text.split()) > 40 or NUMBERED.match(block.first):
            return False
    return False


def _announces(reading: _Reading) -> bool:
    """Does the text's last paragraph announce what follows ("… the following draft resolution:")?"""
    last = next((p for p in reversed(reading.paras) if p.kind != "H"), None)
    return last is not None and not reading.closing and last.lines[-1].rstrip().endswith(":")


def _texts(blocks: list[Block]) -> list[_Reading]:
    """Each text of a volume page in turn: a text that ends (its closing line, or the next
    one's opening) where another begins is followed by that one."""
    out: list[_Reading] = []
    pos = 0
    while pos < len(blocks):
        reading = _read_structure(blocks[pos:])
        out.append(reading)
        if reading.stop < 0 or not reading.paras or _announces(reading):
            break
        if not _begins_text(blocks[pos + reading.stop :]):
            break
        pos += reading.stop
    return out


# "B", "C.", "C\tMeasures to Uphold …", "D  Bilateral Nuclear-Arms Negotiations": one of several
# resolutions adopted under one number, by its letter (a capital, then a title or nothing).
_LETTER = re.compile(r"^\s*([A-H])(?:\s*\.?\s*$|(?:\.\s+|\t\s*| {1,3})([A-Z][^\W\d_].*)$)")


def _letter(cover: list[str]) -> tuple[str, str]:
    """(letter, title on its line) when the text's heading is a letter ("B"; "C\tMeasures …")."""
    for line in reversed(cover):
        if m := _LETTER.match(line):
            return m.group(1), (m.group(2) or "").strip()
        if _TEXT_HEADER.match(line):
            break
    return "", ""


def _complete(reading: _Reading) -> bool:
    """A text that reaches its closing (meeting line or date), or the next text's opening."""
    return bool(reading.closing) or any(why == _NEXT_TEXT for _, why in reading.rest)


def _headed(reading: _Reading) -> bool:
    """Does the text print a heading of its own ("32/40. Question of Palestine", "16/21")?"""
    return any(_TEXT_HEADER.match(c) for c in reading.cover) or bool(cover_metadata(reading.cover).symbol)


def parse_parts(
    text: str,
    *,
    source: str = "<text>",
    doc_id: str = "",
    metadata: Metadata | None = None,
    name: str = "",
    file_meta: Metadata | None = None,
    printed_elsewhere: Callable[[str], str] | None = None,
) -> list[Document]:
    """Every complete text of a file, each a document of its own (a page of a printed volume
    holds several resolutions); one document, as ``parse_text`` reads it, for any other file.

    The documents of a page are numbered in the file's order: ids ``doc_id#1``, ``doc_id#2``
    (``part_id``). The end of the text printed before the first is set aside in the first (a
    whole text without a heading of its own, its number printed on an earlier page, too), the
    start of one cut off by the page's end in the last, the file's page furniture and unnumbered
    notes in the first; each footnote goes to the text citing it. A lettered text ("B" under
    "32/40. Question of Palestine") carries its letter in its symbol ("32/40 B"); one printed
    without heading or letter after a lettered one is the group's next letter. Every word of
    ``text`` ends in exactly one of the documents. Catalogue ``metadata`` describes one document:
    with it, the file is read as one. ``file_meta``: what the file's format states (a Word
    file's notes), under the text's own metadata. ``printed_elsewhere(symbol)``: the file named
    for that resolution, if there is one beside this file ("" if not); a text of the page that
    is not the one the page is named for, and has such a file, is set aside in its neighbour
    ("printed again in …"): the corpus holds it once, from the file named for it.
    """
    with reading_in(text_language(text)) as lang:
        docs = _parse_parts(text, source, doc_id, metadata, name, file_meta, printed_elsewhere)
        return [_in_language(d, lang) for d in docs]


def _parse_parts(
    text: str,
    source: str,
    doc_id: str,
    metadata: Metadata | None,
    name: str,
    file_meta: Metadata | None,
    printed_elsewhere: Callable[[str], str] | None,
) -> list[Document]:
    items, notes, blocks = _prepare(text)
    readings = _texts(blocks) if metadata is None else []
    alone = readings[0] if len(readings) == 1 else None  # read from the first block, untouched below
    while len(readings) > 1 and not _complete(readings[-1]):
        _fold(readings, -1, _INCOMPLETE_WHY)
    if len(readings) > 1 and not _headed(readings[0]):
        _fold(readings, 0, _BEFORE_WHY)  # its number is on an earlier page: a neighbour's end
    readings = _one_language_texts(readings)
    if printed_elsewhere is not None and len(readings) > 1:
        _fold_copies(readings, name, printed_elsewhere)
    if len(readings) < 2 and not any(why.startswith(_AGAIN_WHY) for r in readings for _, why in r.rest):
        one = merge(file_meta, metadata)
        given = one if one != Metadata() else None
        # In the text's language already (``parse_parts``): the lines prepared above are read again.
        prepared = (items, notes, blocks)
        return [
            _parse_text(
                text, source=source, doc_id=doc_id, metadata=given, name=name, prepared=prepared, first=alone
            )
        ]
    vocab, state = Vocabulary.of(text), MarkerState(set(notes.texts))
    for reading in readings[:-1]:  # what was left over after each text is the next one
        reading.rest = [(t, why) for t, why in reading.rest if why not in (_NEXT_TEXT, _AFTER_END)]
    done = [_finished(r, vocab, state, source) for r in readings]
    owner = _footnote_owners(done, sorted(notes.texts))
    docs: list[Document] = []
    group: Metadata | None = None  # the heading of the lettered texts being read ("32/40")
    letter = ""
    for k, d in enumerate(done):
        own = {n: notes.texts[n] for n in notes.texts if owner[n] == k}
        part_text = "\n".join([*d.reading.cover, *d.reading.opening, *d.reading.closing])
        headed = any(_TEXT_HEADER.match(c) for c in d.reading.cover)
        printed, title = _letter(d.reading.cover)
        if printed or (group is not None and letter and not headed and not _headed(d.reading)):
            letter = printed or chr(ord(letter) + 1)  # "C" and "D" lost by the copy, "E" printed
        else:
            letter, group = "", None
        inherited = group if letter and not headed else None
        doc = _document(
            part_text,
            d,
            own,
            _file_aside(items, notes) if k == 0 else [],
            source=source,
            doc_id=part_id(doc_id, k + 1),
            metadata=Metadata(notes=file_meta.notes) if file_meta is not None else None,
            inherited=inherited,
        )
        if letter:
            m = doc.metadata
            base = inherited.symbol if inherited is not None else m.symbol
            fixed = replace(m, symbol=f"{base} {letter}" if base else m.symbol)
            if title and m.title.startswith(f"{letter}"):
                fixed = replace(fixed, title=title)
            doc = replace(doc, metadata=fixed)
            if inherited is None:
                group = Metadata(symbol=base, body=m.body, title=m.title, date=m.date, session=m.session)
        docs.append(doc)
    docs = [_copies_noted(d) for d in docs]
    if len(docs) == 1:  # the page's other texts are printed again elsewhere: the file is one document
        return [replace(docs[0], id=doc_id)]
    return docs


def _copies_noted(doc: Document) -> Document:
    """A warning for each text set aside as printed again in a file of its own: the reader sees
    why the page gives fewer documents than it prints."""
    notes = []
    for part in doc.set_aside:
        if part.why.startswith(_AGAIN_WHY):
            where, _, symbol = part.why[len(_AGAIN_WHY) :].partition(", the file named for ")
            notes.append(f"{symbol} is printed here too: set aside, read from {where.strip()}")
    return replace(doc, warnings=(*doc.warnings, *notes)) if notes else doc


_AGAIN_WHY = "printed again in"


def _fold_copies(readings: list[_Reading], name: str, printed_elsewhere: Callable[[str], str]) -> None:
    """Set aside, in the text before it (the first: after it), each text of the page that a file
    of its own holds, unless the page is named for it: the same resolution read twice would
    count twice in every listing, trace and search."""
    symbols = [cover_metadata(r.cover).symbol for r in readings]
    keep = named_part(symbols, name) if name else -1
    k = len(readings) - 1
    while k >= 0 and len(readings) > 1:
        where = printed_elsewhere(symbols[k]) if symbols[k] and k != keep else ""
        if where:
            last = k == len(readings) - 1
            gone = readings.pop(k)
            own = symbols.pop(k)
            keep -= keep > k
            words = [*gone.cover, *gone.opening, *("\n".join(p.lines) for p in gone.paras), *gone.closing]
            aside = ("\n".join(w for w in words if w), f"{_AGAIN_WHY} {where}, the file named for {own}")
            # what follows a text that is not the last is the next texts' (read by them)
            tail = gone.rest if last else [(t, w) for t, w in gone.rest if w not in (_NEXT_TEXT, _AFTER_END)]
            if last:  # the text before it is the last now: what followed it was this one
                prev = readings[-1]
                prev.rest = [(t, w) for t, w in prev.rest if w not in (_NEXT_TEXT, _AFTER_END)]
            if k > 0:
                readings[k - 1].rest.extend([aside, *tail])
            else:
                readings[0].rest[:0] = [aside, *tail]
        k -= 1


def _fold(readings: list[_Reading], k: int, why: str) -> None:
    """Set text ``k`` (first or last) aside in its neighbour: the end of the text printed before
    the page (no heading of its own), or the start of one the page's end cut off."""
    gone = readings.pop(k)
    words = [*gone.cover, *gone.opening]
    words += ["\n".join(p.lines) for p in gone.paras]
    words += gone.closing
    words += [t for t, w in gone.rest if k == 0 or w not in (_NEXT_TEXT, _AFTER_END)]
    aside = ("\n".join(w for w in words if w), why)
    if k == 0:
        readings[0].rest.insert(0, aside)
        return
    prev = readings[-1]
    prev.rest = [(t, w) for t, w in prev.rest if w not in (_NEXT_TEXT, _AFTER_END)]
    prev.rest.append(aside)


def _one_language_texts(readings: list[_Reading]) -> list[_Reading]:
    """A text in another language than the first (a bilingual volume's French page of the same
    resolution) is set aside in the text before it, not read as a document."""
    if len(readings) < 2:
        return readings
    main = _language([line for p in readings[0].paras for line in p.lines])
    out = [readings[0]]
    for reading in readings[1:]:
        lang = _language([line for p in reading.paras for line in p.lines])
        if main and lang and lang != main:
            prev = out[-1]
            words = [*reading.cover, *reading.opening, *("\n".join(p.lines) for p in reading.paras)]
            words += [*reading.closing, *(t for t, _ in reading.rest)]
            prev.rest = [(t, why) for t, why in prev.rest if why not in (_NEXT_TEXT, _AFTER_END)]
            prev.rest.append(("\n".join(w for w in words if w), _OTHER_LANGUAGE))
            continue
        out.append(reading)
    return out


def _footnote_owners(done: list[_Finished], numbers: list[int]) -> dict[int, int]:
    """Which text each footnote goes to: the one citing it first; an uncited one to the text
    whose cited numbers it falls among (volumes number footnotes through the book)."""
    owner: dict[int, int] = {}
    highest: list[int] = []
    for k, d in enumerate(done):
        cited = [m.number for p in d.paragraphs for m in p.markers]
        for n in cited:
            owner.setdefault(n, k)
        highest.append(max(cited, default=0))
    for n in numbers:
        if n not in owner:
            owner[n] = next((k for k, top in enumerate(highest) if n <= top), len(done) - 1)
    return owner


def load_document(
    path: str | Path,
    *,
    doc_id: str | None = None,
    metadata: Metadata | None = None,
    progress: Progress | None = None,
    part: int = 0,
) -> Document:
    """Read and parse one file (text, PDF, Word or web page); the id defaults to the file's stem.

    ``part``: the ``part``-th text of a file that holds several (``parse_parts``; 0: the file
    read as one document). ``progress(done, total)`` hears about the pages of a long PDF;
    returning False cancels (``shape.Cancelled``).
    """
    p = Path(path)
    read = read_document(p, progress)
    doc_id = doc_id if doc_id is not None else p.stem
    if part:
        file_id = doc_id.rsplit(PART_SEPARATOR, 1)[0]
        docs = parse_parts(
            read.text,
            source=str(p),
            doc_id=file_id,
            name=p.stem,
            file_meta=read.metadata,
            printed_elsewhere=own_file_beside(p, text_language(read.text).code),
        )
        if len(docs) < part or (len(docs) == 1 and part > 1):
            raise InputError(p, f"holds {len(docs)} text(s): there is no text {part}")
        return replace(docs[part - 1], id=doc_id) if len(docs) > 1 else replace(docs[0], id=doc_id)
    return parse_text(
        read.text,
        source=str(p),
        doc_id=doc_id,
        metadata=merge(read.metadata, metadata),
        name=p.stem,
    )


def load_parts(
    path: str | Path, *, doc_id: str | None = None, progress: Progress | None = None
) -> list[Document]:
    """Every text of one file, each a document (``parse_parts``); ids ``<stem>#<n>`` when several."""
    p = Path(path)
    read = read_document(p, progress)
    return parse_parts(
        read.text,
        source=str(p),
        doc_id=doc_id if doc_id is not None else p.stem,
        name=p.stem,
        file_meta=read.metadata,
        printed_elsewhere=own_file_beside(p, text_language(read.text).code),
    )


_OWN_FILE_SUFFIXES = (".txt", ".pdf", ".docx", ".html", ".htm")


def own_file_beside(path: Path, language: str = "en") -> Callable[[str], str]:
    """``printed_elsewhere`` for a file of a folder named as the official document system names
    files ("A_RES_3235(XXIX).txt", "S_RES_426(1978).txt", "A_RES_32_40_B.txt"): the name of the
    file beside ``path`` that a resolution's symbol names and that reads as that resolution, ""
    if none. A file not named that way (no such prefix) has no neighbours to ask about.
    ``language``: the page's ("en", "fr"); a file in another language holds a translation of the
    text, not a copy of it (a bilingual collection keeps both)."""
    m = re.match(r"^((?:[A-Z]+_)+?RES_)", path.stem)
    if m is None:
        return lambda symbol: ""
    prefix = m.group(1)

    def beside(symbol: str) -> str:
        number = re.sub(r"^[A-Z]/(?:[A-Z]+/)*RES/", "", symbol)
        letter = re.search(r"\s([A-H])$", number)
        number = re.sub(r"\s+", "", number[: letter.start()] if letter else number).replace("/", "_")
        if letter:  # "32/40 B": a file of its own for the B ("A_RES_32_40_B"), not the number's
            stems = [f"{prefix}{number}_{letter.group(1)}", f"{prefix}{number}{letter.group(1)}"]
        else:
            stems = [f"{prefix}{number}"]
        for stem in stems:
            for suffix in _OWN_FILE_SUFFIXES:
                other = path.with_name(stem + suffix)
                if other != path and other.is_file() and _holds(other, symbol, language):
                    return other.name
        return ""

    return beside


def _holds(path: Path, symbol: str, language: str = "en") -> bool:
    """Does the file read as a document with ``symbol``? A file named for a resolution may hold
    something else (a cover letter, an unreadable copy): then the page's copy is the one read."""

    def key(s: str) -> str:
        return re.sub(r"\s+", "", re.sub(r"^[A-Z]/(?:[A-Z]+/)*RES/", "", s)).casefold()

    try:
        read = read_document(path)
        if text_language(read.text).code != language:
            return False
        docs = parse_parts(read.text, source=str(path), name=path.stem, file_meta=read.metadata)
    except (InputError, OSError):
        return False
    return any(key(d.metadata.symbol) == key(symbol) for d in docs)


def named_part(symbols: list[str], name: str) -> int:
    """Which of a file's texts (by their ``symbols``, in order) the file is named for: the index
    of the first whose number is the file name's ("A_RES_32_40" → "32/40 A"); 0 when none is."""
    from reader.core.ingest.meta import file_name_symbol

    def key(symbol: str) -> str:
        k = re.sub(r"\s+", "", symbol).casefold()
        return re.sub(r"[a-h]$", "", re.sub(r"^(?:[a-z]/)?(?:res/)?", "", k))

    named = key(file_name_symbol(f"{name}.txt")[0])
    return next((k for k, s in enumerate(symbols) if named and key(s) == named), 0)


def parts_note(docs: list[Document], chosen: int, path: str) -> str:
    """The warning a file of several texts gets when one of them is opened by the file's name."""
    listed = ", ".join(f"#{k} {d.metadata.symbol or d.id}" for k, d in enumerate(docs, start=1))
    return (
        f"the file holds {len(docs)} texts ({listed}); this is #{chosen + 1}: "
        f"give {path}{PART_SEPARATOR}<n> (or the corpus id {docs[chosen].id}) for another"
    )


def load_ref_file(path: Path, progress: Progress | None = None) -> Document:
    """A file given by its path, outside any corpus: the document it holds, or, when it holds
    several texts (a volume page), the one it is named for (else its first) with a warning that
    names the others; ``FILE#n`` (``split_part``) asks for the n-th."""
    docs = load_parts(path, progress=progress)
    if len(docs) == 1:
        return docs[0]
    chosen = named_part([d.metadata.symbol for d in docs], path.stem)
    doc = docs[chosen]
    return replace(doc, warnings=(*doc.warnings, parts_note(docs, chosen, str(path))))
