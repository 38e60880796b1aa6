"""Metadata from what a resolution prints around its body: symbol, body, title, date.

The cover (symbol line "60/212. South-South cooperation", "Sixtieth session"),
the opening line ("The General Assembly,") and the closing ("78th plenary
meeting / 19 December 2007") state what they state; nothing is guessed
except what a symbol implies: the session of 60/212 or 591(XXIX), the year of
a year-numbered 2005/21.
"""

from __future__ import annotations

import re
from dataclasses import fields, replace
from typing import Any

from reader.core.ingest.patterns import LANG, MARK_RE, ByLanguage
from reader.core.lang import LANGUAGES, Language, current
from reader.core.model import Metadata

MONTH_NAMES = LANG.months
# Month numbers by name in every language the reader knows ("march" and "mars" are 3).
_MONTHS = {m: i for lang in LANGUAGES.values() for i, m in enumerate(lang.months, start=1)}


def _month(lang: Language) -> str:
    return "(" + "|".join(lang.months) + ")"


def _day(lang: Language) -> str:
    """The day's digits: "1er mars 2024" in French."""
    return r"\d{1,2}" + (f"(?:{lang.first_day_suffix})?" if lang.first_day_suffix else "")


def _lead(lang: Language) -> str:
    """What may open a date line: "le 8 décembre 1948"."""
    return rf"(?:{lang.date_article}\s+)?" if lang.date_article else ""


_DATE_DMY = ByLanguage(lambda lang: re.compile(rf"\b({_day(lang)})\s+{_month(lang)}\s+(\d{{4}})\b", re.I))
_DATE_MDY = ByLanguage(lambda lang: re.compile(rf"\b{_month(lang)}\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.I))
DATE_ONLY = ByLanguage(
    lambda lang: re.compile(
        rf"^\s*{_lead(lang)}(?:{_day(lang)}\s+{_month(lang)}\s+\d{{4}}|{_month(lang)}\s+\d{{1,2}},?\s+\d{{4}})\s*\.?\s*$",
        re.I,
    )
)

# A line that opens with a full date ("16 December 2021", "17 October 2000;" ending a sentence
# the copy broke off): its day is no footnote number, as no footnote's text opens "December 2021".
STARTS_WITH_DATE = ByLanguage(
    lambda lang: re.compile(rf"^\s*{_day(lang)}\s+{_month(lang)}\s+\d{{4}}\b", re.I)
)

# A place and a date on a line of their own, as decisions and declarations end (and covers
# state): "New York, 19 December 2007", "Nairobi, 3 June 2005.", "Santiago, Chile, 10 May 2002".
# The place opens with a capital (a wrapped line "in Nairobi, 3 June 2005." is no such line).
PLACE_DATE = ByLanguage(
    lambda lang: re.compile(
        rf"^\s*(?:Done\s+at\s+)?[{lang.upper}][\w.'’-]*(?:\s[\w.'’()-]+){{0,4}}(?:,\s*[{lang.upper}][\w.'’-]*(?:\s[\w.'’-]+){{0,3}})?,"
        rf"\s+{_lead(lang)}(?i:{_day(lang)}\s+{_month(lang)}\s+\d{{4}}|{_month(lang)}\s+\d{{1,2}},?\s+\d{{4}})\s*\.?\s*$"
    )
)

# A session's place and days: "Nairobi, 23–27 May 2016", "Nairobi, 5 - 9 May 2003".
PLACE_PERIOD = ByLanguage(
    lambda lang: re.compile(
        rf"^\s*[{lang.upper}][\w.'’-]*(?:\s[\w.'’-]+){{0,3}},\s+{_lead(lang)}\d{{1,2}}\s*[-–—]\s*\d{{1,2}}\s+(?P<month>{_month(lang)})\s+"
        rf"(?P<year>\d{{4}})\s*\.?\s*$",
        re.I,
    )
)

# "60/212. Title", "57/270 B. Title", "2006/14. Title" (GA, ECOSOC), "Decision 15/1: Title"
_SYMBOL_TITLE = re.compile(
    r"^\s*(?:(?i:decision|resolution)\s+)?((?:E?S-)?\d{1,4}/\d{1,4}(?:\s?[A-Z](?=\.))?)"
    r"(?:[.:]?\s+(?:[-–—]\s+)?([A-Z“\"].*)|\.\s+(\d{4}\s+[A-Z].*))$"
)
# "Decision 15/1", "RESOLUTION 2007/32", or a number alone ("2008/2", "14/5"): the title follows.
# A wrapped title's last line "resolution 8/4" (lower case) is none.
_SYMBOL_ONLY = re.compile(
    r"^\s*(?:(?:Decision|Resolution|DECISION|RESOLUTION)\s+(\d{1,4}/\d{1,4}(?:\s?[A-Z])?)|((?:19|20)\d\d/\d{1,3}|(?:E?S-)?\d{1,2}/\d{1,3}))"
    r"\.?\**\s*$"
)
# The year of the Official Records a resolution is printed in: "OFFICIAL RECORDS, 2002",
# "Official Records of the Economic and Social Council, 2005, Supplement No. 1".
_RECORDS_YEAR = re.compile(
    r"\bofficial\s+records\b(?:\s+of\s+the\s+[\w ]{3,60}?)?,\s*((?:19|20)\d\d)\b", re.I
)
# ECOSOC and executive boards number by year: resolution 2005/21, decision 2007/32.
# So do the Security Council's: S/RES/2674 (2023), S/PRST/2019/8.
_YEAR_SYMBOL = re.compile(
    r"^(?:S/PRST/)?((?:19[4-9]|20\d)\d)/\d{1,4}\b|^S/RES/\d{1,4} \(((?:19[4-9]|20\d)\d)\)$"
)
# "591(XXIX) TITLE", "620 (XXXI). Title" (regional commissions)
# and the General Assembly's before 1976, with a part letter: "2200 A (XXI). International …"
# Old volumes also print "2617. (XXIV). Study …", and OCR reads the first session's "(I)" as
# "(1)" ("98 (1). Interim Arrangement …": only before a heading's title).
_ROMAN_SYMBOL_TITLE = re.compile(
    r"^\s*(\d{1,4}(?:\s?[A-H](?=\s?\())?)\.?\s?\(([IVXLC]{1,8}|1(?=\)\.\s+[A-Z]))\)\.?\s*(.*)$"
)
_RES_SYMBOL = re.compile(r"\b[A-Z]/RES/((?:E?S-)?\d{1,4}/\d{1,4}(?:\s?[A-Z]\b)?)")
# A draft's own symbol in its header: A/C.2/62/L.31, A/62/L.5/Rev.1, E/2006/L.12.
_DRAFT_SYMBOL = re.compile(r"(?<![\w/(])([AE]/(?:C\.\d/|ES-\d+/)?\d{2,4}/L\.\d+(?:/(?:Rev|Add)\.\d+)*)\b")


_ONE_WORD = re.compile(r"\s*\S+\s*")


def header_symbol(text: str) -> str:
    """The symbol a page header prints: "A/RES/60/212" -> "60/212", or a draft's "A/C.2/62/L.31".

    Only the first lines and lines that hold nothing but a symbol (running headers) count:
    a footnote citing "A/RES/55/2" is not the document's own symbol, nor is a sentence among
    the first lines (a copy with one paragraph a line has its preamble there).
    """
    lines = text[:20000].split("\n")
    header = [
        ln
        for i, ln in enumerate(lines)
        if "/" in ln and ((i < 12 and len(ln.split()) <= 8) or _ONE_WORD.fullmatch(ln))
    ]
    for pattern, needs in ((_RES_SYMBOL, "/RES/"), (_DRAFT_SYMBOL, "/L.")):
        for line in header:
            m = pattern.search(line) if needs in line else None
            if m:
                return m.group(1)
    return ""


_ADOPTED_ON = ByLanguage(
    lambda lang: (
        re.compile(r"\badopted\b.{0,80}?\bon\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4}", re.I)
        if not lang.adopted_word  # "… adoptée par l’Assemblée … le 1er mars 2024"
        else re.compile(
            rf"\b{lang.adopted_word}\b.{{0,120}}?\b{lang.date_article}\s+{_day(lang)}\s+{_month(lang)}\s+\d{{4}}",
            re.I,
        )
    )
)
# A line of the cover that states who adopted the text: "Resolution adopted by the Human Rights
# Council", "Adopted by the Security Council at its …", "Statement by the President of the …";
# "Résolution adoptée par l’Assemblée …".
_ADOPTION_LINE = ByLanguage(
    lambda lang: (
        re.compile(
            r"^\s*\[?(?:(?:resolutions?|decisions?|texts?)\s+adopted\b|adopted\s+by\b|statement\s+by\s+the\s+president\b)",
            re.I,
        )
        if not lang.adopted_word
        else re.compile(
            rf"^\s*\[?(?:(?:résolutions?|décisions?|textes?)\s+{lang.adopted_word}\b|{lang.adopted_word}\s+(?:par|à)\b)",
            re.I,
        )
    )
)
_SESSION = re.compile(
    r"^\s*([A-Z][a-z]+(?:-[a-z]+)?|(?:19|20)\d\d)\s+(?:regular\s+|special\s+)?session\b"
)  # "Sixtieth session"; ECOSOC's "2023 session"

BODY_NAMES = {
    "economic commission for latin america and the caribbean": "ECLAC",
    "economic commission for africa": "ECA",
    "economic commission for europe": "ECE",
    "economic and social commission for asia and the pacific": "ESCAP",
    "economic and social commission for western asia": "ESCWA",
}

_COVER_NOISE = re.compile(
    r"^(?:distr\b|resolution adopted by|\[|\(|agenda item|united nations(?:$|\s{2,}|\t|\s+[A-Z]/)|"
    r"general assembly$|"
    r"economic and social council$|security council$|human rights council$|original:|"
    r"[a-z]+(?:-[a-z]+)? (?:special )?session\b|[a-z]+(?:-[a-z]+)? cycle$|adopted\b|"
    r"statement by the president\b|"
    r"president[’']s statement$|[*“\"‘]|at (?:its|the) .*\bmeeting\b|on \d{1,2} [a-z]+ \d{4}|"
    # a volume's running head: "206 General Assembly — Fortieth Session", "VIII. Resolutions
    # adopted on the reports of the Fifth Committee<tab>163"
    r"\d{1,3}\s|.*\t\d{1,4}$|(?:[IVX]+\.\s+)?resolutions adopted\b|"
    r"\d{1,3}[.)]\s|.*[;,:]$)",  # a paragraph of the resolution before
    re.I,
)


def ordinal_words(n: int) -> str:
    """21 -> "twenty-first" (sessions are printed in words)."""
    return LANG.ordinal(n)


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
        day, month, year = int(m.group(1).rstrip("erER")), _MONTHS[m.group(2).lower()], int(m.group(3))
    else:
        m = _DATE_MDY.search(text)
        if not m:
            return ""
        month, day, year = _MONTHS[m.group(1).lower()], int(m.group(2)), int(m.group(3))
    if not 1 <= day <= 31:
        return ""
    return f"{year:04d}-{month:02d}-{day:02d}"


def short_body(name: str) -> str:
    """ "Economic Commission for Latin America and the Caribbean" -> "ECLAC"; "GENERAL ASSEMBLY"
    (an opening line in capitals) -> "General Assembly"."""
    clean = re.sub(r"\s+", " ", name).strip()
    if clean.isupper() and len(clean) > 4:
        clean = " ".join(w if w in LANG.title_small_words else w.capitalize() for w in clean.lower().split())
    # a body named in another language is filed under its English name ("Assemblée générale")
    other = dict(current().body_names)
    return BODY_NAMES.get(clean.lower()) or other.get(clean.lower().replace("'", "’"), clean)


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
    m = re.match(r"^(?:A/HRC/(?:RES|DEC|PRST)/)?(\d{1,3})/\d", symbol)
    if m and int(m.group(1)) < 100:  # 60/212, and a subsidiary body's decision 15/1
        return f"{ordinal_words(int(m.group(1))).capitalize()} session"
    m = re.search(r"\(([IVXLC]+)\)", symbol)
    if m:
        n = roman_to_int(m.group(1))
        if 0 < n < 100:
            return f"{ordinal_words(n).capitalize()} session"
    return ""


def _wrapped(title: str, following: list[str]) -> str:
    """A title with the lines that continue it ("South-South cooperation for" / "development"; a
    title cut after a small word goes on whatever the case: "United Nations Declaration on the
    Rights of" / "Indigenous Peoples")."""
    for k, line in enumerate(following):
        text = line.strip()
        last = k == len(following) - 1  # the cover's last line, just above "The General Assembly,"
        tail = (  # "Strategy Review": words only, no date line, no heading in capitals
            last
            and 2 <= len(text.split()) <= 6
            and not text.isupper()
            and re.fullmatch(r"[A-Z][A-Za-z’'\- ]*", text) is not None
        )
        if not text or (not line[:1].islower() and not _OPEN_END.search(title) and not tail):
            break
        title = f"{title.rstrip()} {text}"
    return title.strip()


_OPEN_END = re.compile(r"\b(?:of|the|and|for|on|in|to|a|an|with|by|at|from|against|among|between)\s*$", re.I)


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
    for line in cover:
        if m := PLACE_PERIOD.match(line):  # "Nairobi, 23–27 May 2016": adopted in that month
            return f"{m.group('year')}-{_MONTHS[m.group('month').lower()]:02d}"
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
    return (m.group(1) or m.group(2)) if m else ""


def cover_metadata(cover: list[str]) -> Metadata:
    """Symbol, title, session and date from the lines printed before the opening line.

    The symbol line nearest the opening line is the resolution's own (a page of a printed
    volume first shows the end of the resolution before it). A Security Council resolution
    prints no title: its "Resolution 2674 (2023)" and adoption lines are never one.
    """
    symbol = title = session = date = meeting = ""
    symbol_line = -1
    cover = [MARK_RE.sub("", line) for line in cover]  # "Resolution of 5 August 1947¹"
    for i, line in enumerate(cover):
        if _ADOPTION_LINE.match(line) and (a := _ADOPTED_ON.search(_joined(cover[i : i + 2]))):
            # "Resolution adopted by the General Assembly on 19 December 2007", "Adopted by the
            # Security Council at its 9252nd meeting, on" / "12 January 2023"
            date, meeting = iso_date(a.group(0)), _meeting(a.group(0))
        m = _SYMBOL_TITLE.match(line)
        r = _ROMAN_SYMBOL_TITLE.match(line)
        if sc := _SC_HEADING.match(line):
            symbol, title, symbol_line = f"S/RES/{sc.group(1)} ({sc.group(2)})", "", i
        elif vol := _SC_VOLUME.match(line):
            symbol, title, symbol_line = f"S/RES/{vol.group(1)} ({vol.group(2)})", "", i
            date = _last_date(vol.group(3)) or date
        elif prst := _HRC_PRST.match(line):
            symbol, symbol_line = f"A/HRC/PRST/{prst.group(1)}", i
            title = _wrapped(prst.group(2), cover[i + 1 :]) if prst.group(2) else ""
        elif only := _SYMBOL_ONLY.match(line):
            symbol, title, symbol_line = only.group(1) or only.group(2), "", i
        elif m:
            symbol, title, symbol_line = m.group(1), _wrapped(m.group(2) or m.group(3), cover[i + 1 :]), i
        elif r and r.group(3).strip():
            session_roman = "I" if r.group(2) == "1" else r.group(2)
            symbol, symbol_line = f"{r.group(1).replace(' ', '')}({session_roman})", i
            title = _wrapped(r.group(3).strip().lstrip(".").strip(), cover[i + 1 :])
        elif not symbol and (rs := _RES_SYMBOL.search(line)):
            symbol = rs.group(1)
        dateline = _RESOLUTION_OF.match(line)
        if dateline and symbol_line >= i - 2 and (line.lstrip()[:1] == "R" or symbol_line == i - 1):
            date = _last_date(dateline.group(1)) or date
        if not session and (s := _SESSION.match(line)):
            session = f"{s.group(1).capitalize()} session"
    for i in range(max(symbol_line, 0), len(cover) - 1):
        if symbol_line >= 0 and MEETING_LINE.match(cover[i]) and DATE_ONLY.match(cover[i + 1]):
            # the resolution's own closing, read before an annex that the body was taken from
            date, meeting = iso_date(cover[i + 1]), _meeting(cover[i])
    if not title and not symbol.startswith("S/"):
        starts = (i for i, c in enumerate(cover) if i > symbol_line and _STATEMENT_TEXT.match(c))
        stop = next(starts, len(cover))
        candidates = [
            c.strip()
            for c in cover[symbol_line + 1 : stop]
            if c.strip()
            and not _COVER_NOISE.match(c.strip())
            and not DATE_ONLY.match(c)
            and not PLACE_DATE.match(c)
            and not MEETING_LINE.match(c)
            and not c.strip()[:1].islower()  # the end of a sentence of the resolution before
            and re.search(r"[A-Za-z]{3}", c) is not None  # not a page number
            and len(c) < 250
        ]
        if candidates:
            title = candidates[-1]
    title = re.sub(r"\s+", " ", title).rstrip(".*").strip()
    title = _sentence_case(_GLUED_MARKER_END.sub("", title))
    return Metadata(symbol=symbol, title=title, session=session, date=date, meeting=meeting)


# What may stand before a heading's title: the resolution's number as the copy prints it.
_NUMBER_PREFIX = re.compile(r"^([\w/()\s.-]{1,24}?)\.\s+(?=[A-Z“\"])")


def _without_own_number(title: str, symbol: str) -> str:
    """The title without the resolution's own number printed before it in a shape the symbol
    patterns do not read ("77280. Progress …" with the slash lost, "S/19-2. Programme …" for
    S-19/2): the same letters and digits as the symbol, then a full stop."""
    m = _NUMBER_PREFIX.match(title)
    if m is None or not symbol:
        return title

    def key(s: str) -> str:
        return re.sub(r"[\W_]+", "", s).upper()

    own = key(re.sub(r"^[A-Z]/(?:[A-Z]+/)*RES/", "", symbol))
    return title[m.end() :] if own and key(m.group(1)) == own else title


# A statement's own text begins: its announcing sentence or its first quoted paragraph.
_STATEMENT_TEXT = re.compile(
    r"^\s*(?:[“\"]|At\s+(?:its|the)\s+\S+\s+meeting\b|On\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4},)"
)


# A footnote marker glued to a title's last word, as a copy of the print reads it: "system177".
_GLUED_MARKER_END = re.compile(r"(?<=[a-z]{3})\d{1,3}$")


def _last_date(text: str) -> str:
    """The last full date of ``text``: "25 February and 5 March 1948" -> "1948-03-05"."""
    dates = [iso_date(m.group(0)) for m in _DATE_DMY.finditer(text)]
    return dates[-1] if dates else iso_date(text)


def _joined(lines: list[str]) -> str:
    """Lines as one text: an adoption line wraps ("… at its 6581st meeting, on" / "12 July 2011")."""
    return re.sub(r"\s+", " ", " ".join(lines))


# A session's meeting continued on another day: "52nd (resumed) plenary meeting".
_RESUMED = r"(?:\(?resumed\)?\s+)?"
_MEETING = ByLanguage(
    lambda lang: (
        re.compile(
            r"\b(\d{1,5}(?:st|nd|rd|th)|(?:(?:hundred|thousand|and|[a-z]+ty)[\s-])*[a-z]+(?:st|nd|rd|th))"
            rf"\s+{_RESUMED}(plenary\s+)?meeting\b",
            re.I,
        )
        if not lang.meeting_phrase
        else re.compile(rf"(?<!\w)({lang.meeting_phrase})(?!\w)", re.I)
    )  # "75e séance plénière"
)
_NUMBER_WORDS = LANG.number_words


# The closing meeting line: "78th plenary meeting", "43rd meeting", "1836th plenary meeting,".
# Older volumes write the number in words: "Ninety-sixth plenary meeting,", "Hundred and first …".
MEETING_IN_WORDS = (
    r"(?:(?:[a-z]+ty|hundred|thousand|and|one|two|three|four|five|six|seven|eight|nine)[\s-]+)*"
    r"(?:first|second|third|[a-z]+th)\s+(?:plenary\s+)?meeting\s*[,.]?\s*$"
)
MEETING_LINE = ByLanguage(
    lambda lang: (
        re.compile(
            rf"^\s*(?:\d{{1,5}}(?:st|nd|rd|th)\s+{_RESUMED}(?:plenary\s+)?meeting\s*[,.]?\s*$|{MEETING_IN_WORDS})",
            re.I,
        )
        if not lang.meeting_phrase
        else re.compile(rf"^\s*(?:{lang.meeting_phrase})\s*[,.]?\s*$", re.I)
    )  # "Cent-troisième séance plénière,"
)


def is_closing_line(line: str, before: str) -> bool:
    """A meeting line, or the date under one: printed once per resolution, so a page of a volume
    that holds two resolutions of one meeting prints them twice (they are no running header)."""
    return bool(MEETING_LINE.match(line) or (DATE_ONLY.match(line) and MEETING_LINE.match(before)))


def _meeting(text: str) -> str:
    """ "78th plenary meeting", "9252nd meeting" or "thirty-third meeting" as printed, or ""."""
    for m in _MEETING.finditer(text):
        number = m.group(1)
        if current().meeting_phrase:
            return re.sub(r"\s+", " ", m.group(0))
        if number[0].isdigit() or re.split(r"[\s-]", number.lower())[-1] in _NUMBER_WORDS:
            return re.sub(r"\s+", " ", m.group(0))  # "31st\xa0plenary meeting" as a reader writes it
    return ""


def closing_metadata(text: str) -> Metadata:
    """Meeting and date of the closing lines ("78th plenary meeting" / "16 December 2021")."""
    return Metadata(meeting=_meeting(text), date=iso_date(text))


def sole_closing(text: str, cover: list[str]) -> Metadata:
    """The meeting and date closing the text when the body reader met none (the closing printed
    after an annex): only a text with one meeting line, and not before the opening line (the
    previous resolution's closing on a page of a volume)."""
    lines = [line for line in text.split("\n") if line.strip()]
    meetings = [i for i, line in enumerate(lines) if MEETING_LINE.match(line)]
    if len(meetings) != 1 or any(MEETING_LINE.match(line) for line in cover):
        return Metadata()
    i = meetings[0]
    date = next((iso_date(d) for d in lines[i + 1 : i + 3] if DATE_ONLY.match(d)), "")
    return Metadata(meeting=_meeting(lines[i]), date=date) if date else Metadata()


def statement_metadata(lines: list[str]) -> Metadata:
    """Body, meeting and date a president's statement opens with.

    "At the 8463rd meeting of the Security Council, held on 19 February 2019, … the President of
    the Security Council made the following statement"; "On 4 December 2020, in connection with
    …" (a statement agreed in writing); the Human Rights Council's "At the 38th meeting, held on
    30 September 2011, the President of the Human Rights Council read out the following statement".
    Only the sentence that announces the statement counts: the decisions printed around a
    resolution in a volume ("At its 1105th meeting, on 20 March 1964, the Council decided") do not.
    """
    filled = [line.strip() for line in lines if line.strip()][:40]
    for i in range(len(filled)):
        line = " ".join(filled[i : i + 6])  # the sentence may be wrapped over lines
        m = _STATEMENT_INTRO.search(line)
        if not m:
            continue
        head = line[: m.start("president")]
        body = _BODY_OF.search(line, 0, m.end())
        item = _ITEM_ENTITLED.search(line, 0, m.end())  # the agenda item the statement is under
        return Metadata(
            body=short_body(body.group(1)) if body else "",
            meeting=_meeting(head),
            date=iso_date(head),
            title=item.group(1).strip() if item else "",
        )
    return Metadata()


# "… in connection with the Council's consideration of the item entitled “The situation in the Middle East”"
_ITEM_ENTITLED = re.compile(r"\bitem\s+entitled\s+[“\"](.{3,300}?)[”\"]")

_BODY_NAME = r"((?:[A-Z][\w’'-]*\s+)(?:(?:[A-Z][\w’'-]*|of|for|and|on|the)\s+){0,6}?" + (
    r"(?:Assembly|Council|Board|Commission|Conference|Committee|Forum))\b"
)
_STATEMENT_INTRO = re.compile(
    r"^\s*[“\"]?(?:At\s+(?:its|the)\b.{0,120}?\bheld\s+on|On)\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\b.{0,600}?"
    r"(?P<president>\bthe\s+President\b).{0,400}?\b(?:made|read\s+out|issued)\s+(?:the\s+following|a)\s+statement",
    re.S,
)
_BODY_OF = re.compile(r"\bof\s+the\s+" + _BODY_NAME)
# "Resolution adopted by the Human Rights Council", "Adopted by the Security Council at its …",
# "Statement by the President of the Security Council", "Decision adopted by the Executive Board".
_ADOPTED_BY = re.compile(r"\b(?:adopted\s+by|President\s+of)\s+the\s+" + _BODY_NAME, re.I)
# A body named alone at the head of its document ("Human Rights Council" above "Fifty-second session").
_BODY_ALONE = re.compile(r"^\s*" + _BODY_NAME + r"(?:\s+of\s+the)?\s*$")


# An opening line as a scan or an old volume prints it: "The General Assembly" (no comma), "The
# Economic and Social Council." (a comma read as a full stop).
_ANY_OPENING = re.compile(r"^\s*The\s+" + _BODY_NAME + r"\s*[,.]?\s*$")


def _any_opening_body(text: str) -> str:
    """The body of the first opening line of the text's first lines, however it is punctuated."""
    for line in text[:20000].split("\n")[:150]:
        if "The" in line and (m := _ANY_OPENING.match(line)):
            return short_body(m.group(1))
    return ""


def adopting_body(cover: list[str]) -> str:
    """The body the cover's adoption line names: "Resolution adopted by the Economic and Social
    Council on 25 July 2013" (it wins over an opening line, which may be the one of a draft the
    resolution recommends to another body)."""
    by = _ADOPTED_BY if not current().adopted_word else _ADOPTED_BY_OTHER
    for i, line in enumerate(cover):
        if _ADOPTION_LINE.match(line) and (m := by.search(_joined(cover[i : i + 2]))):
            return short_body(m.group(1))
    return ""


# "Résolution adoptée par l’Assemblée des Nations Unies pour l’environnement le 1er mars 2024",
# "Adoptée par le Conseil de sécurité à sa 9252e séance": the name runs to the date or meeting.
def _adopted_by_other(lang: Language) -> re.Pattern[str]:
    elided = "|".join(re.escape(a) for a in lang.body_articles if a[-1] in "’'")
    spaced = "|".join(a + r"\s+" for a in lang.body_articles if a[-1] not in "’'")
    return re.compile(
        rf"\b{lang.adopted_word}\s+par\s+(?:{elided}|{spaced})"
        rf"([{lang.upper}][^,;:]{{2,120}}?)(?=\s+(?:{lang.date_article}\s+\d|à\s+sa\b|lors\b)|\s*[,.;]|\s*$)",
        re.I,
    )


_ADOPTED_BY_OTHER = ByLanguage(_adopted_by_other)


def first_line_body(cover: list[str]) -> str:
    """The body a document names on its first line ("Human Rights Council")."""
    first = next((line for line in cover if line.strip()), "")
    if m := _BODY_ALONE.match(first):  # "United Nations Environment Assembly of the" / "… Programme"
        return short_body(m.group(1))
    return ""


# Security Council: "Resolution 2674 (2023)" above the adoption line.
# A reissued document marks it with asterisks: "Resolution 2368 (2017)*".
_SC_HEADING = ByLanguage(
    lambda lang: re.compile(
        rf"^\s*{lang.resolution_word}\s+(\d{{1,4}})\s*\(((?:19|20)\d\d)\)\s*\.?\**\s*$", re.I
    )
)
# A printed volume of the Security Council: "186 (1964). Resolution of 4 March 1964".
_SC_VOLUME = re.compile(r"^\s*(\d{1,4})\s*\(((?:19|20)\d\d)\)\.?\s+Resolution\s+of\s+(.*\d{4})\s*\.?\s*$")
# A printed volume's dateline under the symbol: "Resolution of 28 March 1947", "Resolution of 25
# February and 5 March 1948" (adopted over two meetings: the later date is the adoption).
# Under "Resolution 690 (1991)" a volume of the 1990s prints the date alone: "of 29 April 1991".
# ECOSOC's volumes head a day's resolutions "Resolutions of 6 April 1953", a footnote marker glued
# to the year ("195350": 1953, note 50).
_RESOLUTION_OF = ByLanguage(
    lambda lang: re.compile(
        rf"^\s*(?:{lang.resolution_word}s?\s+)?{lang.dated_word}\s+(.*?[^\W\d_]\s+\d{{4}})\d{{0,3}}\s*\.?\s*$"
    )
)
# The Human Rights Council's president's statements: "PRST 15/2", "PRST OS/14/2. Methods of work …".
_HRC_PRST = re.compile(r"^\s*PRST\s+((?:OS/)?\d{1,2}/\d{1,3})\.?\s*(.*)$")
# Symbols printed whole in a header: "S/RES/1196 (1998)", "S /RES/2577 (2021)", "S/PRST/2019/8",
# "A/HRC/RES/52/16", "UNEP/EA.6/Res.1", "HSP/HA.2/Res.1".
_FULL_SYMBOL = re.compile(
    r"(?<![\w/])(S\s?/RES/\d{1,4}\s?\((?:19|20)\d\d\)"
    r"|S/PRST/(?:19|20)\d\d/\d{1,3}"
    r"|A/HRC/(?:RES|DEC|PRST)/(?:OS/)?(?:S-)?\d{1,2}/\d{1,3}"
    r"|(?:UNEP/EA|HSP/HA)\.\d{1,2}/Res\.\d{1,3}"
    r"|E/HLS/(?:19|20)\d\d/\d{1,2})",  # ECOSOC's ministerial declarations
    re.I,
)
# A whole resolution symbol of the General Assembly or ECOSOC: "A/RES/76/129", "E/RES/13 (III)".
_GA_ECOSOC_SYMBOL = re.compile(
    r"^([AE])/RES/((?:E?S-)?\d{1,4}/\d{1,4}|\d{1,4}\s?/?\s?\([IVXLC]{1,8}\))$", re.I
)
_SERIES_BODY = (
    ("A/HRC/", "Human Rights Council"),
    ("S/", "Security Council"),
    ("UNEP/EA.", "United Nations Environment Assembly"),
    ("HSP/HA.", "United Nations Habitat Assembly"),
    ("A/", "General Assembly"),
    ("E/", "Economic and Social Council"),
)


def canonical_symbol(symbol: str) -> tuple[str, str]:
    """A whole symbol in the reader's form, and the body it names; ("", "") if it is none.

    The General Assembly's and ECOSOC's resolutions are named by their number as their
    own line prints it ("76/129", "2015/15", "1514(XV)", as DESIGN names 60/212); other
    bodies' numbers would collide with those, so they keep their whole symbol
    ("A/HRC/RES/52/16", "S/RES/2674 (2023)", "S/PRST/2019/8", "UNEP/EA.6/Res.1").
    """
    s = re.sub(r"\s+", " ", symbol.strip())
    s = re.sub(r"^S ?/", "S/", s)
    if m := _GA_ECOSOC_SYMBOL.match(s):
        number = re.sub(r"[\s/]*\(", "(", m.group(2))
        return number, "General Assembly" if m.group(1).upper() == "A" else "Economic and Social Council"
    if not _FULL_SYMBOL.fullmatch(s):
        return "", ""
    if m := re.match(r"^S/RES/(\d+) ?\((\d{4})\)$", s, re.I):
        s = f"S/RES/{m.group(1)} ({m.group(2)})"
    elif m := re.match(r"^(UNEP/EA|HSP/HA)\.(\d+)/Res\.(\d+)$", s, re.I):
        s = f"{m.group(1).upper()}.{m.group(2)}/Res.{m.group(3)}"
    else:
        s = s.upper()
    return s, body_of_symbol(s)


def body_of_symbol(symbol: str) -> str:
    """The body a whole symbol names: "A/HRC/RES/52/16" -> "Human Rights Council"."""
    return next((body for prefix, body in _SERIES_BODY if symbol.upper().startswith(prefix.upper())), "")


def header_full_symbol(text: str) -> str:
    """A whole symbol of another body than the General Assembly printed in the first lines."""
    for line in text[:3000].split("\n")[:25]:
        if len(line.split()) <= 6 and (m := _FULL_SYMBOL.search(line)):  # not one a sentence cites
            return canonical_symbol(m.group(1))[0]
    return ""


def qualified_symbol(symbol: str, body: str, *, decision: bool = False) -> str:
    """A number as printed above the title, made whole where the body's numbers need it.

    "52/16" of the Human Rights Council is A/HRC/RES/52/16 (the General Assembly has a 52/16
    too), or A/HRC/DEC/52/115 for a ``decision``; "6/1" of the Environment Assembly
    UNEP/EA.6/Res.1.
    """
    if body == "Human Rights Council" and re.fullmatch(r"(?:S-)?\d{1,2}/\d{1,3}", symbol):
        return f"A/HRC/{'DEC' if decision else 'RES'}/{symbol}"
    series = {
        "United Nations Environment Assembly": "UNEP/EA",
        "United Nations Habitat Assembly": "HSP/HA",
        "UN-Habitat Assembly": "HSP/HA",  # its opening line: "The UN-Habitat Assembly,"
    }
    if body in series and (m := re.fullmatch(r"(\d{1,2})/(\d{1,3})", symbol)):
        return f"{series[body]}.{m.group(1)}/Res.{m.group(2)}"
    return symbol


# "Decision adopted by the Human Rights Council on …", "Decision 52/115: …": the text is a decision.
_DECISION_LINE = re.compile(r"^\s*decision\s+(?:adopted\b|\d)", re.I)
_NAME_SYMBOL = re.compile(r"^[A-Z][A-Za-z0-9.()_-]*$")


def file_name_symbol(source: str) -> tuple[str, str]:
    """The symbol (and its body) a file named after its symbol carries: "S_RES_2674(2023).txt".

    UN document systems name files by symbol with "/" written "_"; only resolution, statement and
    declaration series count (a report named A_79_733 says nothing about a resolution in it).
    """
    stem = re.split(r"[\\/]", source)[-1].rsplit(".", 1)[0] if "." in source else ""
    if not _NAME_SYMBOL.match(stem) or not re.search(r"_(?:RES|DEC|PRST|HLS)[._]", stem, re.I):
        return "", ""
    return canonical_symbol(stem.replace("_(", " (").replace("_", "/"))


FROM_FILE_NAME = "symbol from the file name"  # Metadata.notes when the text states no symbol


def document_metadata(
    text: str, cover: list[str], body_name: str, closing: list[str], source: str
) -> Metadata:
    """Everything the text states about itself, the file's name only where it states no symbol.

    Layers, later ones winning field by field: the file name; the header's symbol, the cover's
    place or records date and first line's body; a statement's opening sentence; the cover
    (symbol line, title, adoption line); the opening line's body; the body that the adoption
    line names; the closing meeting and date lines.
    """
    name_symbol, name_body = file_name_symbol(source)
    body_line = Metadata(body=short_body(body_name) if body_name else "")
    found = merge(
        Metadata(symbol=header_symbol(text) or header_full_symbol(text), date=cover_date(cover)),
        Metadata(body=first_line_body(cover)),
        statement_metadata(text[:8000].split("\n")),
        cover_metadata(cover),
        body_line,
        Metadata(body=adopting_body(cover)),
        sole_closing(text, cover) if not closing else None,
        closing_metadata(" ".join(closing)),
    )
    if not found.body:
        found = merge(found, Metadata(body=_any_opening_body(text) or body_of_symbol(found.symbol)))
    decision = any(_DECISION_LINE.match(line) for line in cover)
    found = merge(found, Metadata(symbol=qualified_symbol(found.symbol, found.body, decision=decision)))
    if not found.symbol:
        found = merge(
            Metadata(body=name_body, notes=FROM_FILE_NAME if name_symbol else ""),
            found,
            Metadata(symbol=name_symbol),
        )
    return replace(found, title=_without_own_number(found.title, found.symbol))


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
