"""How a resolution's parts look on the page, as small predicates shared by the parser.

A resolution is written to a fixed pattern: an issuing body line ("The General
Assembly,"), preambular paragraphs opened by a participle or adjective and
closed by a comma, numbered operative paragraphs opened by a verb, lettered or
roman sub-paragraphs, and a closing meeting line. These predicates name those
shapes so the parser's rules read like that description.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from reader.core.lang import ENGLISH, LANGUAGES, Language, current

LANG = ENGLISH  # the words of the shapes outside any parse; a parse reads ``current()``


class ByLanguage:
    """A compiled pattern per language, used as the current language's (``reader.core.lang``):
    call sites keep ``CLOSING.match(line)`` while a French text's closing reads "75e séance
    plénière". Each language's is compiled once, when first asked for."""

    def __init__(self, build: Callable[[Language], re.Pattern[str]]) -> None:
        self._build = build
        self._compiled: dict[str, re.Pattern[str]] = {}
        self._last: tuple[Language, re.Pattern[str]] = (ENGLISH, build(ENGLISH))  # one tuple: set at once
        self._compiled[ENGLISH.code] = self._last[1]

    def pattern(self) -> re.Pattern[str]:
        lang = current()
        last = self._last
        if last[0] is lang:
            return last[1]
        compiled = self._compiled.get(lang.code)
        if compiled is None:
            compiled = self._compiled[lang.code] = self._build(lang)
        self._last = (lang, compiled)
        return compiled

    # the pattern methods the parser calls, spelled out (they are called for every line): the
    # last language's pattern is tried first, without a further call
    def match(self, string: str, *span: int) -> re.Match[str] | None:
        last = self._last
        return (last[1] if last[0] is current() else self.pattern()).match(string, *span)

    def search(self, string: str, *span: int) -> re.Match[str] | None:
        last = self._last
        return (last[1] if last[0] is current() else self.pattern()).search(string, *span)

    def fullmatch(self, string: str, *span: int) -> re.Match[str] | None:
        return self.pattern().fullmatch(string, *span)

    def findall(self, string: str, *span: int) -> list[Any]:
        return self.pattern().findall(string, *span)

    def finditer(self, string: str, *span: int) -> Iterator[re.Match[str]]:
        return self.pattern().finditer(string, *span)

    def __getattr__(self, name: str) -> Any:  # sub, split, pattern's other methods
        return getattr(self.pattern(), name)


# Private-use characters wrap an explicit footnote marker (<sup>6</sup>, ⁶) until
# the paragraph text is final and the marker can become a FootnoteMarker.
MARK_OPEN = "\ue000"
MARK_CLOSE = "\ue001"
MARK_RE = re.compile(f"{MARK_OPEN}(\\d{{1,3}}){MARK_CLOSE}")


def sentinel(number: int) -> str:
    return f"{MARK_OPEN}{number}{MARK_CLOSE}"


# "1. Welcomes", "12.\tDecides", "3) Requests", "1." alone, and "1.Stresses" as copies lose the
# space (a capital and a small letter follow: "1.5 million" and "E.78.II" are no paragraph).
# "42\tEncourages" (the full stop lost, a tab and an operative verb follow) too.
NUMBERED = re.compile(r"^\s*(\d{1,3})(?:\s?[.)](?=\s|$|[A-Z][a-z])|(?=\t+[A-Z][a-z]+s\b))\s*(.*)$", re.S)
# A target or paragraph numbered under another: "1.1\tBy 2030, eradicate …", "17.a Enhance …"
# (a capital follows, so "3.5 million" at a line start is no number).
DOTTED = re.compile(r"^\s*(\d{1,3}\.(?:\d{1,3}|[a-z]))\.?\s+(?=[A-Z“\"(])(.*)$", re.S)
# "(a) Intensify", "(ii) Strengthen", "a) Hold", "(a)" alone, "(b)Encourage"; "(1) Since 1914",
# and "(1)", "(11)", "(1v)" where OCR read "(i)", "(ii)", "(iv)" (the parser tells which).
# "a.\tCalls upon" in some Security Council texts (a tab after it: "e.g. " or an initial is no letter).
SUB = re.compile(
    r"^\s*(?:\(([a-z]{1,2}|[ivxlc]{1,6}|\d{1,2}|[1ivx]{1,4})\)|([a-z]|[ivxlc]{1,6})(?:\)|\.(?=\t)))"
    r"(?=\s|$|[A-Z][a-z])\s*(.*)$",
    re.S,
)


def sub_parts(line: str) -> tuple[str, str] | None:
    """("a", rest) for a sub-paragraph line "(a) rest" or "a) rest", else None."""
    m = SUB.match(line)
    return (m.group(1) or m.group(2), m.group(3)) if m else None


# A footnote's own text opens with a capital, a document symbol, a quote or "(".
FOOTNOTE_TEXT = re.compile(r"^[A-Z\"“‘'(\[*]|^[A-Za-z]{1,3}/|^(?i:ibid|op\. cit)")

SEPARATOR = re.compile(r"^\s*(?:_{3,}|-{3,}|\*{3,}|(?:\*\s){2,}\*|={3,})\s*$")


def _opening(lang: Language) -> re.Pattern[str]:
    # an elided article ("L’Assemblée") takes no space before the name
    articles = "|".join(re.escape(a) + ("" if a[-1] in "’'" else r"\s") for a in lang.body_articles)
    return re.compile(rf"^\s*[“\"]?(?:{articles})\s*([{lang.upper}][^,;:.]{{2,150}}),\s*$")


def _opening_english(lang: Language) -> re.Pattern[str]:
    return re.compile(rf"^\s*[“\"]?(?:{'|'.join(lang.body_articles)})\s+([A-Z][^,;:.]{{2,150}}),\s*$")


# "The General Assembly,"; a statement that quotes its text opens "“The Human Rights Council,".
# French: "L’Assemblée générale,", "Le Conseil de sécurité,".
OPENING = ByLanguage(lambda lang: _opening_english(lang) if lang is ENGLISH else _opening(lang))


@cache
def _first_word(code: str) -> re.Pattern[str]:
    lang = LANGUAGES[code]
    return re.compile(rf"^\s*([{lang.upper}][{lang.lower}]+)\b")


@cache
def _word(code: str) -> re.Pattern[str]:
    lang = LANGUAGES[code]
    return re.compile(rf"[{lang.upper}{lang.lower}]+")


def opening_body(line: str) -> str | None:
    """The body named by an opening line such as "The General Assembly,", else None."""
    m = OPENING.match(line)
    if not m:
        return None
    lang = current()
    name = m.group(1).strip()
    words = name.replace("(", " ").replace(")", " ").split()
    if not 1 <= len(words) <= 14:
        return None
    if lang.body_noun_first:  # "Assemblée des Nations Unies pour l’environnement"
        return name if words[0] in lang.body_nouns else None
    if any(w[0].islower() and w not in lang.name_small_words for w in words):
        return None
    return name


def bare_opening_body(line: str) -> str | None:
    """The body named by an opening line printed without its comma ("The Executive Board")."""
    name = opening_body(line.rstrip() + ",") if not line.rstrip().endswith(",") else None
    lang = current()
    noun = name.split()[0 if lang.body_noun_first else -1] if name else ""
    return name if name and noun in lang.body_nouns else None


def is_preamble_start(text: str) -> bool:
    """Does ``text`` open like a preambular paragraph ("Recalling", "Deeply concerned")?"""
    lang = current()
    m = _first_word(lang.code).match(text)
    if m and m.group(1).lower() in lang.reflexives:  # "Se félicitant": the participle follows
        rest = text[m.end() :].lstrip()
        text = rest[:1].upper() + rest[1:]
        m = _first_word(lang.code).match(text)
    if not m or len(text.split(None, 3)) < 3:  # a heading ("Financing") is not a preamble
        return False
    word = m.group(1).lower()
    if word in lang.not_participles:
        return False
    ending = lang.participle_ending
    if word.endswith(lang.adverb_ending) and len(word) > 4:  # "Keenly aware", "Profoundly concerned"
        second = text.split(None, 2)[1].lower().strip(",")
        return second in lang.preamble_openers or second.endswith((ending, *lang.past_participle_endings))
    if word in lang.preamble_openers or (word.endswith(ending) and len(word) > len(ending) + 2):
        return True
    # Participles and adjectives of feeling followed by their preposition: "Appalled at",
    # "Hopeful that" (but not "United Nations", "Developed countries").
    second = text.split(None, 2)[1].lower()
    return len(word) > 5 and word.endswith(lang.feeling_endings) and second in lang.feeling_prepositions


def is_operative_verb_start(text: str) -> bool:
    """Does ``text`` open with an operative verb ("Requests", "Also decides", "Takes note")?"""
    lang = current()
    words = _word(lang.code).findall(text[:80])
    for i, word in enumerate(words[:3]):
        low = word.lower()
        if i < 2 and (low in lang.operative_adverbs or (i == 0 and low in lang.reflexives)):
            continue  # "Also decides"; "Se félicite"
        return (
            len(low) > 3
            and low.endswith(lang.verb_endings)
            and not low.endswith(lang.not_verb_endings)
            and low not in lang.not_verbs
            and word[0].isupper() == (i == 0)
        )
    return False


def is_paragraph_start(text: str) -> bool:
    """A line that can only be the first line of a body paragraph."""
    return bool(NUMBERED.match(text) or SUB.match(text) or is_preamble_start(text) or opening_body(text))


_ABBREVIATION_END = re.compile(r"([A-Za-z.]+)\.\s*$")


def ends_with_abbreviation(text: str) -> bool:
    if not text.rstrip().endswith("."):
        return False
    m = _ABBREVIATION_END.search(text)
    return m is not None and m.group(1).lower() in current().abbreviations


_CLOSERS = "\"'”’)]*" + MARK_CLOSE


_TRAILING_MARKERS = re.compile(f"(?:{MARK_OPEN}\\d{{1,3}}{MARK_CLOSE})+\\s*$")
# "cooperation;2", and "the situation in Cyprus, 75" as printed volumes set a marker after a space.
_GLUED_END_MARKER = re.compile(r"(?<=[,;:.])\s?\d{1,3}$")


# "review,[3]": a copy's footnote marker in brackets, with no footnote list to turn it into one.
_TRAILING_BRACKET_MARKERS = re.compile(r"(?:\s?\[\d{1,3}\])+\s*$")
# "[2] 57/270 B of 23 June 2003 …": a line that opens with such a marker.
BRACKET_LEAD = re.compile(r"^\s*\[\d{1,3}\]\s+(?=[A-Z0-9“\"(])")


def strip_trailing_markers(text: str) -> str:
    """``text`` without footnote markers and closing quotes at its end."""
    text = text.rstrip()
    if text.endswith(MARK_CLOSE):
        text = _TRAILING_MARKERS.sub("", text)
    elif text.endswith("]"):
        text = _TRAILING_BRACKET_MARKERS.sub("", text)
    return text.rstrip(_CLOSERS + " \t")


def strip_glued_end_marker(body: str) -> str:
    """``body`` without a plain marker after its last punctuation: "cooperation;2", "Cyprus, 75"."""
    if body[-1:].isdigit() or body[-2:-1].isdigit():
        return _GLUED_END_MARKER.sub("", body)
    return body


def is_terminated(text: str, *, operative: bool) -> bool:
    """Does a paragraph end here? Preambles end with ",", operative paragraphs with ; . :"""
    body = strip_trailing_markers(text)
    body = strip_glued_end_marker(body)  # a plain marker glued to the end: "cooperation;2"
    if not body:
        return False
    last = body[-1]
    if last in ";:.!?":
        return not ends_with_abbreviation(body)
    return last == "," and not operative
