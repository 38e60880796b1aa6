"""Metadata from what a resolution prints around its body: symbol, body, title, date.

The cover (symbol line "60/212. South-South cooperation", "Sixtieth session"),
the opening line ("The General Assembly,") and the closing ("78th plenary
meeting / 19 December 2007") state what they state; nothing is guessed
except what a symbol implies: the session of 60/212 or 591(XXIX), the year of
a year-numbered 2005/21.
"""

from __future__ import annotations

import re
from dataclasses import fields
from typing import Any

from reader.core.model import Metadata

_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
_MONTH = "(" + "|".join(_MONTHS) + ")"
_DATE_DMY = re.compile(rf"\b(\d{{1,2}})\s+{_MONTH}\s+(\d{{4}})\b", re.I)
_DATE_MDY = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.I)
DATE_ONLY = re.compile(
    rf"^\s*(?:\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}})\s*\.?\s*$", re.I
)

# A place and a date on a line of their own, as decisions and declarations end (and covers
# state): "New York, 19 December 2007", "Nairobi, 3 June 2005.", "Santiago, Chile, 10 May 2002".
# The place opens with a capital (a wrapped line "in Nairobi, 3 June 2005." is no such line).
PLACE_DATE = re.compile(
    rf"^\s*(?:Done\s+at\s+)?[A-Z][\w.'’-]*(?:\s[\w.'’()-]+){{0,4}}(?:,\s*[A-Z][\w.'’-]*(?:\s[\w.'’-]+){{0,3}})?,"
    rf"\s+(?i:\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}})\s*\.?\s*$"
)

# "60/212. Title", "57/270 B. Title", "2006/14. Title" (GA, ECOSOC), "Decision 15/1: Title"
_SYMBOL_TITLE = re.compile(
    r"^\s*(?:(?i:decision|resolution)\s+)?(\d{1,4}/\d{1,4}(?:\s?[A-Z](?=\.))?)[.:]?\s+(?:[-–—]\s+)?([A-Z“\"].*)$"
)
# "Decision 15/1", "RESOLUTION 2007/32", or a year-numbered "2008/2" alone: the title follows.
_SYMBOL_ONLY = re.compile(
    r"^\s*(?:(?i:decision|resolution)\s+(\d{1,4}/\d{1,4}(?:\s?[A-Z])?)|((?:19|20)\d\d/\d{1,3}))\.?\s*$"
)
# The year of the Official Records a resolution is printed in: "OFFICIAL RECORDS, 2002",
# "Official Records of the Economic and Social Council, 2005, Supplement No. 1".
_RECORDS_YEAR = re.compile(
    r"\bofficial\s+records\b(?:\s+of\s+the\s+[\w ]{3,60}?)?,\s*((?:19|20)\d\d)\b", re.I
)
# ECOSOC and executive boards number by year: resolution 2005/21, decision 2007/32.
_YEAR_SYMBOL = re.compile(r"^((?:19[4-9]|20\d)\d)/\d{1,4}\b")
# "591(XXIX) TITLE", "620 (XXXI). Title" (regional commissions)
_ROMAN_SYMBOL_TITLE = re.compile(r"^\s*(\d{1,4})\s?\(([IVXLC]{1,8})\)\.?\s*(.*)$")
_RES_SYMBOL = re.compile(r"\b[A-Z]/RES/(\d{1,4}/\d{1,4}(?:\s?[A-Z]\b)?)")
# A draft's own symbol in its header: A/C.2/62/L.31, A/62/L.5/Rev.1, E/2006/L.12.
_DRAFT_SYMBOL = re.compile(r"(?<![\w/(])([AE]/(?:C\.\d/|ES-\d+/)?\d{2,4}/L\.\d+(?:/(?:Rev|Add)\.\d+)*)\b")


_ONE_WORD = re.compile(r"\s*\S+\s*")


def header_symbol(text: str) -> str:
    """The symbol a page header prints: "A/RES/60/212" -> "60/212", or a draft's "A/C.2/62/L.31".

    Only the first lines and lines that hold nothing but a symbol (running headers) count:
    a footnote citing "A/RES/55/2" is not the document's own symbol.
    """
    lines = text[:20000].split("\n")
    header = [ln for i, ln in enumerate(lines) if "/" in ln and (i < 12 or _ONE_WORD.fullmatch(ln))]
    for pattern, needs in ((_RES_SYMBOL, "/RES/"), (_DRAFT_SYMBOL, "/L.")):
        for line in header:
            m = pattern.search(line) if needs in line else None
            if m:
                return m.group(1)
    return ""


_ADOPTED_ON = re.compile(r"\badopted\b.{0,80}?\bon\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4}", re.I)
_SESSION = re.compile(r"^\s*([A-Z][a-z]+(?:-[a-z]+)?)\s+(?:regular\s+|special\s+)?session\b")

BODY_NAMES = {
    "economic commission for latin america and the caribbean": "ECLAC",
    "economic commission for africa": "ECA",
    "economic commission for europe": "ECE",
    "economic and social commission for asia and the pacific": "ESCAP",
    "economic and social commission for western asia": "ESCWA",
}

_COVER_NOISE = re.compile(
    r"^(?:distr\b|resolution adopted by|\[|\(|agenda item|united nations\b|general assembly$|"
    r"economic and social council$|security council$|original:|[a-z]+(?:-[a-z]+)? session\b)",
    re.I,
)

_UNITS = (
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
)
_TENS = ("_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_TENS_ORD = (
    "_",
    "_",
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
)


def ordinal_words(n: int) -> str:
    """21 -> "twenty-first" (sessions are printed in words)."""
    if n < 20:
        return _UNITS[n]
    tens, units = divmod(n, 10)
    if tens >= 10:
        return f"{n}th"
    return _TENS_ORD[tens] if units == 0 else f"{_TENS[tens]}-{_UNITS[units]}"


def roman_to_int(roman: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for i, ch in enumerate(roman):
        v = values[ch]
        total += -v if i + 1 < len(roman) and values[roman[i + 1]] > v else v
    return total


def iso_date(text: str) -> str:
    """The first full date in ``text`` as ISO, or ""."""
    m = _DATE_DMY.search(text)
    if m:
        day, month, year = int(m.group(1)), _MONTHS[m.group(2).lower()], int(m.group(3))
    else:
        m = _DATE_MDY.search(text)
        if not m:
            return ""
        month, day, year = _MONTHS[m.group(1).lower()], int(m.group(2)), int(m.group(3))
    if not 1 <= day <= 31:
        return ""
    return f"{year:04d}-{month:02d}-{day:02d}"


def short_body(name: str) -> str:
    """ "Economic Commission for Latin America and the Caribbean" -> "ECLAC"."""
    clean = re.sub(r"\s+", " ", name).strip()
    return BODY_NAMES.get(clean.lower(), clean)


def _sentence_case(title: str) -> str:
    """An all-capitals title as a sentence: "SOUTH-SOUTH COOPERATION" -> "South-South cooperation"."""
    if title != title.upper() or not re.search(r"[A-Z]{3}", title):
        return title
    words = title.lower().split(" ")
    if words:
        words[0] = "-".join(part[:1].upper() + part[1:] for part in words[0].split("-"))
    return " ".join(words)


def session_from_symbol(symbol: str) -> str:
    """The session a symbol implies: GA 60/212 -> sixtieth, ECLAC 591(XXIX) -> twenty-ninth.

    Numbers below 100 before the slash are sessions (the General Assembly's 60/212, a
    committee's decision 15/1); a year (ECOSOC 2005/21) is not.
    """
    m = re.match(r"^(\d{1,3})/\d", symbol)
    if m and int(m.group(1)) < 100:  # 60/212, and a subsidiary body's decision 15/1
        return f"{ordinal_words(int(m.group(1))).capitalize()} session"
    m = re.search(r"\(([IVXLC]+)\)", symbol)
    if m:
        n = roman_to_int(m.group(1))
        if 0 < n < 100:
            return f"{ordinal_words(n).capitalize()} session"
    return ""


def _wrapped(title: str, following: list[str]) -> str:
    """A title with the lines that continue it ("South-South cooperation for" / "development")."""
    for line in following:
        if not line[:1].islower():
            break
        title = f"{title.rstrip()} {line.strip()}"
    return title.strip()


def _count_dates(line: str) -> int:
    return len(_DATE_DMY.findall(line)) + len(_DATE_MDY.findall(line))


def cover_date(cover: list[str]) -> str:
    """A date the cover states for the resolution, when it states no adoption date.

    A place-and-date line ("Nairobi, 3 June 2005") dates it; failing that, the year of the
    Official Records it is printed in. A report's cover states the period it covers
    ("7 April 2000 - 10 May 2002"): a commission adopts its resolutions at the session that
    closes that period, so the records year dates the resolution only when the period ends
    in it (a period ending in another year leaves the date unknown).
    """
    for line in cover:
        if PLACE_DATE.match(line):
            return iso_date(line)
    text = " ".join(line.strip() for line in cover)
    m = _RECORDS_YEAR.search(text)
    if not m:
        return ""
    periods = [line for line in cover if _count_dates(line) >= 2]
    if periods and not all(_period_end_year(line) == m.group(1) for line in periods):
        return ""
    return m.group(1)


def _period_end_year(line: str) -> str:
    """ "(7 April 2000 - 10 May 2002)" -> "2002": the year of the period's last date."""
    ends = [iso_date(d.group(0))[:4] for d in (*_DATE_DMY.finditer(line), *_DATE_MDY.finditer(line))]
    return max(ends) if ends else ""


def year_from_symbol(symbol: str) -> str:
    """ "2005/21" -> "2005": a symbol numbered by year states the year of adoption."""
    m = _YEAR_SYMBOL.match(symbol)
    return m.group(1) if m else ""


def cover_metadata(cover: list[str]) -> Metadata:
    """Symbol, title and session from the lines printed before the opening line."""
    symbol = title = session = date = ""
    symbol_line = -1
    for i, line in enumerate(cover):
        if not date and _ADOPTED_ON.search(line):
            date = iso_date(line)  # "Resolution adopted by the General Assembly on 19 December 2007"
        m = _SYMBOL_TITLE.match(line)
        r = _ROMAN_SYMBOL_TITLE.match(line)
        if not symbol and (only := _SYMBOL_ONLY.match(line)):
            symbol, symbol_line = only.group(1) or only.group(2), i
        elif m:
            symbol, title = m.group(1), _wrapped(m.group(2), cover[i + 1 :])
        elif r and r.group(3).strip() and not symbol:
            symbol = f"{r.group(1)}({r.group(2)})"
            title = _wrapped(r.group(3).strip().lstrip(".").strip(), cover[i + 1 :])
        elif not symbol and (rs := _RES_SYMBOL.search(line)):
            symbol = rs.group(1)
        if not session and (s := _SESSION.match(line)):
            session = f"{s.group(1).capitalize()} session"
    if not title:
        candidates = [
            c.strip()
            for c in cover[symbol_line + 1 :]
            if c.strip()
            and not _COVER_NOISE.match(c.strip())
            and not DATE_ONLY.match(c)
            and not PLACE_DATE.match(c)
            and len(c) < 250
        ]
        if candidates:
            title = candidates[-1]
    return Metadata(symbol=symbol, title=_sentence_case(title.rstrip(".*")), session=session, date=date)


def closing_metadata(text: str) -> Metadata:
    m = re.search(r"\b(\d{1,5}(?:st|nd|rd|th)\s+(?:plenary\s+)?meeting)\b", text, re.I)
    return Metadata(meeting=m.group(1) if m else "", date=iso_date(text))


_FIELDS = tuple(f.name for f in fields(Metadata))


def merge(*layers: Metadata | None) -> Metadata:
    """Later layers win, field by field, wherever they state something."""
    values: dict[str, Any] = {}  # Any: a field need not be a string
    for layer in layers:
        if layer is None:
            continue
        for name in _FIELDS:
            if v := getattr(layer, name):
                values[name] = v
    return Metadata(**values)
