"""First pass of the parser: raw text to clean lines, page furniture and markup gone.

Output is a flat list of :class:`Item`: text lines (Markdown emphasis, HTML and
escapes removed, explicit footnote markers turned into sentinels) and the
breaks between them (blank line, page break, footnote separator). Running
headers, page numbers and job numbers are dropped here so that later passes
see only the resolution's own words.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from reader.core.ingest.brackets import bracket_footnotes, may_have_bracket_notes
from reader.core.ingest.meta import is_closing_line
from reader.core.ingest.patterns import (
    MARK_CLOSE,
    MARK_OPEN,
    SEPARATOR,
    bare_opening_body,
    opening_body,
    sentinel,
)

ItemKind = Literal["line", "blank", "page", "sep"]


@dataclass
class Item:
    kind: ItemKind
    text: str = ""
    indented: bool = False  # the raw line began with white space (a new page in pdftotext output)
    note: bool = False  # an asterisk note ("* On behalf of the Group of 77"), not body text


# An unnumbered note as printed at a page foot: "* On behalf of …", "** Reissued …".
_STAR_NOTE = re.compile(r"^\s*\*{1,3}\s+(?![(\d*])\S")
_NOTE_PHRASES = re.compile(
    r"^(?:Reissued|On behalf of|Also on behalf|Previously issued|Incorporating|Submitted|"
    r"The present (?:document|report)|Issued without formal editing|Originally issued|Document issued)\b",
    re.I,
)


_FURNITURE = re.compile(
    r"""^(?:
        (?:[A-Z]{1,6}(?:\.\d{1,3})?/)+[A-Z0-9][\w.()/-]*(?:\s*\*)?   # A/RES/60/212, E/CN.4/2005/L.10
      | (?:Page|page|p\.)\s*\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?        # Page 3, Page 3 of 9
      | [-–—]\s*\d{1,3}\s*[-–—]                                    # - 3 -
      | \d{1,3}                                                    # a lone page number
      | \d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s+\d{6}){0,2}(?:\s*\*\d{7}\*)?  # job number 06-49891 (E) 270306
      | \*\d{7}\*                                                  # bar code text *0649891*
      # a printed volume's running heads: "General Assembly—Forty-fifth Session 220",
      # "VI. Resolutions adopted on the reports of the Third Committee 125"
      | (?:\d{1,4}\s+)?General\ Assembly\s*[—–]\s*[A-Z][a-z]+(?:-[a-z]+)?
        \ (?:[Ss]pecial\ )?Session(?:\s+\d{1,4})?
      | [IVX]{1,5}\.\s+Resolutions?\ adopted\ (?:on|without)\ [^.;,]{5,90}?(?:\s+\d{1,4})?
    )$""",
    re.X,
)
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_SUPERSCRIPT_RUN = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}")
_SUPERSCRIPT_DIGITS = tuple("⁰¹²³⁴⁵⁶⁷⁸⁹")
_SUP_TAG = re.compile(r"<sup>\s*(?:<[^>]*>)*\s*(\d{1,3})\s*(?:<[^>]*>)*\s*</sup>", re.I)
_PANDOC_NOTE = re.compile(r"\[\^(\d{1,3})\]:?|\^(\d{1,3})\^")  # [^3], "[^3]: text", ^3^
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~\"'])")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_BULLET = re.compile(r"^\s*[-*+•–]\s+(?=\(|\d)")
_BULLET_CHARS = frozenset("-*+•–")
_EMPHASIS = re.compile(r"\*+|(?<![\w_])_+(?=\S)|(?<=\S)_+(?![\w_])")


# A table of contents' line: "A. Education ........ 21-32   12" (dot leaders, then the page).
_TOC_LINE = re.compile(r"(?:\.\s?){5,}\s*[\d\s–-]{0,20}$")


def _is_furniture(stripped: str) -> bool:
    return bool(stripped) and _FURNITURE.match(stripped) is not None


# Characters that markup needs anywhere in a line (a bullet's "-", "+", "•", "–" only at its start).
_MARKUP_CHARS = re.compile(r"[#>*_<\\&^⁰¹²³⁴⁵⁶⁷⁸⁹]")
_STARS = re.compile(r"\*+")


def clean_markup(line: str) -> str:
    """One line without Markdown/HTML markup; explicit markers become sentinels.

    Each rewrite runs only when its character is in the line: most lines hold no
    markup at all (a hyphen inside a line is none), and a regex pass costs more
    than a character test.
    """
    if not _MARKUP_CHARS.search(line) and line.lstrip()[:1] not in _BULLET_CHARS:
        return line.rstrip()
    if line.lstrip()[:1] == "#":
        line = _HEADING.sub("", line)
    if ">" in line:
        line = _QUOTE.sub("", line)
    if line.lstrip()[:1] in _BULLET_CHARS:
        line = _BULLET.sub("", line)
    if "<" in line:
        line = _SUP_TAG.sub(lambda m: sentinel(int(m.group(1))), line)
    if "^" in line:
        line = _PANDOC_NOTE.sub(lambda m: sentinel(int(m.group(1) or m.group(2))), line)
    if not line.isascii() and any(ch in line for ch in _SUPERSCRIPT_DIGITS):
        line = _SUPERSCRIPT_RUN.sub(lambda m: sentinel(int(m.group().translate(_SUPERSCRIPTS))), line)
    if "<" in line:
        line = _HTML_TAG.sub("", line)
    if "\\" in line:
        line = _ESCAPE.sub(lambda m: "\ue002" if m.group(1) in "*_" else m.group(1), line)
    if "_" in line:
        line = _EMPHASIS.sub("", line)
    elif "*" in line:
        line = _STARS.sub("", line)  # what _EMPHASIS does to a line without "_", at a tenth of the cost
    line = line.replace("\ue002", "")
    if "&" in line:
        line = html.unescape(line)  # &nbsp; &amp; &#8220; from web copies
    return line.rstrip()


# A heading that names a numbered part: "Article 6" heads an article in each of three protocols.
_NUMBERED_PART = re.compile(r"^(?i:Article|Chapter|Part|Section|Goal|Rule|Principle)\s+[\dIVXL]{1,7}\.?$")


def _repeated_headers(raw: list[str]) -> set[str]:
    """Short lines repeated on several pages with no sentence punctuation: running headers.

    Where a blank line stands between nearly all lines (a text written back one item a
    paragraph), a heading has blanks around it too: there a header repeats at least three
    times, and a numbered part's heading ("Article 6") is never one.
    """
    stripped = [r.strip() for r in raw]
    counts = Counter(s for s in stripped if s)
    spaced = sum(1 for s in stripped if not s) * 5 >= sum(counts.values()) * 4
    least = 3 if spaced else 2
    found: set[str] = set()
    for i, s in enumerate(stripped):
        if counts[s] < least or len(s) > 60 or s in found:
            continue
        if spaced and _NUMBERED_PART.match(s):
            continue

        if s[-1] in ",;:." or SEPARATOR.match(s) or not re.search(r"[A-Za-z]", s):
            continue
        if re.match(r"^(?:\(|\d{1,3}\s?[.)]\s)", s) or opening_body(s) or bare_opening_body(s):
            continue
        before = stripped[i - 1] if i > 0 else ""
        after = stripped[i + 1] if i + 1 < len(stripped) else ""
        if is_closing_line(s, next((b for b in reversed(stripped[:i]) if b), "")):
            continue
        if not before or not after or _is_furniture(before) or _is_furniture(after):
            found.add(s)
    return found


def _cover_end(raw: list[str]) -> int:
    """Index of the opening line ("The General Assembly,"), or 0 when there is none."""
    for i, r in enumerate(raw):
        if "The" in r and opening_body(clean_markup(r)):
            return i
    return 0


def _after_rule(items: list[Item]) -> bool:
    """Is the item about to be added inside a footnote area (after a rule, before a blank)?"""
    for item in reversed(items):
        if item.kind == "sep":
            return True
        if item.kind in ("page", "blank"):
            return False
    return False


_RULE_CHARS = frozenset("_-*=")


def _split_pages(text: str) -> tuple[list[str], set[int]]:
    """Lines of ``text`` and the indices of the lines before which a form feed turns a page."""
    raw: list[str] = []
    pages: set[int] = set()
    for line in text.split("\n"):
        for k, part in enumerate(line.split("\f")):
            if k:
                pages.add(len(raw))
            raw.append(part)
    return raw, pages


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u2060\u2066\u2067\u2068\u2069\ufeff"))


def prepare_lines(text: str) -> list[Item]:
    """Split ``text`` into clean lines and breaks, dropping page furniture."""
    text = text.replace(MARK_OPEN, "").replace(MARK_CLOSE, "").replace("\ue002", "")
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    # Marks that print nothing (a left-to-right mark after "6." hid the paragraph number in a whole
    # series; a zero-width space inside a word split it in two).
    text = text.translate(_INVISIBLE)
    raw, pages = _split_pages(text) if "\f" in text else (text.split("\n"), set())
    if may_have_bracket_notes(text):
        raw = bracket_footnotes(raw)
    headers = _repeated_headers(raw)
    cover_end = _cover_end(raw)
    items: list[Item] = []
    for i, line in enumerate(raw):
        if i in pages:
            items.append(Item("page"))
        stripped = line.strip()
        if not stripped:
            items.append(Item("blank"))
            continue
        if stripped[0] in _RULE_CHARS and SEPARATOR.match(stripped):
            items.append(Item("sep"))
            continue
        toc = ("....." in stripped or ". . . . ." in stripped) and _TOC_LINE.search(stripped) is not None
        if _is_furniture(stripped) or (stripped in headers and i >= cover_end) or toc:
            items.append(Item("page", stripped))  # a running header or page number: a page turns here
            continue
        cleaned = clean_markup(line)
        if not cleaned.strip():
            items.append(Item("blank"))
            continue
        indented = line[:1] in (" ", "\t", "\u00a0")
        text = cleaned.strip()
        note = bool(_STAR_NOTE.match(line)) and (_NOTE_PHRASES.match(text) is not None or _after_rule(items))
        items.append(Item("line", text, indented, note))
    return items
