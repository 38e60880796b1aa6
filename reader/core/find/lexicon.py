"""The language a UN drafter types: abbreviations, spelling variants, accents.

A drafter writes "SG", "LDCs", "program" or "Perez"; adopted texts say
"Secretary-General", "least developed countries", "programme" and "Pérez". The
list lives in ``un_terms.tsv`` beside this module (one entry a line, see its
header). ``expand`` gives a query's extra search words; ``canonical`` rewrites a
query the way adopted texts would say it, for scoring closeness.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

TERMS_FILE = Path(__file__).with_name("un_terms.tsv")

# A query word: what textnorm.WORD takes, plus a leading or inner apostrophe ("Da'esh").
_WORD = re.compile(r"\w+(?:[-'\u2019/.]\w+)*", re.UNICODE)


@dataclass(frozen=True)
class Lexicon:
    """Abbreviations (folded or exact) to expansions, and spelling variants both ways."""

    folded: dict[str, list[str]]  # casefolded abbreviation -> expansions, the usual first
    exact: dict[str, list[str]]  # abbreviations that are also English words: matched as written
    spelling: dict[str, str]  # variant (casefolded) -> UN form, and back (for searching both)
    un_form: dict[str, str]  # a drafter's variant -> the UN form only (for scoring)
    phrases: dict[str, str]  # casefolded multi-word abbreviation/variant -> replacement
    synonyms: dict[str, list[str]]  # a drafter's plain word or phrase (casefolded) -> UN terms, searched too


def fold_accents(text: str) -> str:
    """ "Pérez" -> "Perez": accents and other marks dropped (the index folds the same way)."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.cache
def load(path: Path = TERMS_FILE) -> Lexicon:
    folded: dict[str, list[str]] = {}
    exact: dict[str, list[str]] = {}
    spelling: dict[str, str] = {}
    un_form: dict[str, str] = {}
    phrases: dict[str, str] = {}
    synonyms: dict[str, list[str]] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        kind, short, long = (part.strip() for part in raw.split("\t"))
        key = short.casefold()
        if kind in ("abbr", "abbr!"):
            if " " in short:
                phrases[key] = long
            elif kind == "abbr!":
                exact.setdefault(short, []).append(long)
            else:
                folded.setdefault(key, []).append(long)
        elif kind == "spell":
            if " " in short:
                phrases[key] = long
            else:
                spelling.setdefault(key, long)
                spelling.setdefault(long.casefold(), short)
                un_form[key] = long
        elif kind == "syn":
            synonyms.setdefault(key, []).append(long)
        else:
            raise ValueError(f"{path.name}: unknown kind {kind!r} in line {raw!r}")
    return Lexicon(folded, exact, spelling, un_form, phrases, synonyms)


def _abbreviation(word: str, lex: Lexicon) -> list[str]:
    if word in lex.exact:
        return lex.exact[word]
    folded = word.casefold()
    if any(k.casefold() == folded for k in lex.exact):
        return []  # "who", "car": the English word
    return lex.folded.get(folded, [])


def _ize(word: str) -> str | None:
    """British -ise spellings as the United Nations writes them (-ize): "recognise" -> "recognize"."""
    m = re.fullmatch(r"(\w{3,})is(e|es|ed|ing|ation|ations)", word)
    return f"{m.group(1)}iz{m.group(2)}" if m else None


def _ise(word: str) -> str | None:
    """The other way, for the texts that write -ise ("Authorises"): a search word only."""
    m = re.fullmatch(r"(\w{3,})iz(e|es|ed|ing|ation|ations)", word)
    return f"{m.group(1)}is{m.group(2)}" if m else None


def expand(text: str, lex: Lexicon | None = None, *, synonyms: bool = True) -> list[str]:
    """The extra words to search for ``text``: expansions of its abbreviations, spelling variants,
    and (``synonyms``) the terms adopted texts use for a drafter's plain words."""
    lex = lex or load()
    extra: list[str] = []
    low = " ".join(fold_accents(text).casefold().split())
    if synonyms:
        for plain, terms in lex.synonyms.items():
            if re.search(rf"(?<!\w){re.escape(plain)}(?!\w)", low):
                extra.extend(t for t in terms if t.casefold() not in low)
    for phrase, long in lex.phrases.items():
        if long.casefold() not in low and re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", low):
            extra.append(long)
    for m in _WORD.finditer(fold_accents(text)):
        word = m.group()
        extra.extend(_abbreviation(word, lex))
        folded = word.casefold()
        variant = lex.spelling.get(folded) or _ize(folded) or _ise(folded)
        if variant:
            extra.append(variant)
    return extra


def canonical(text: str, lex: Lexicon | None = None) -> str:
    """``text`` as adopted texts would word it: abbreviations spelled out, UN spellings, no accents.

    Used to score closeness, not shown: the diff is always against the text as typed.
    """
    lex = lex or load()
    text = fold_accents(text)
    for phrase, long in lex.phrases.items():
        if long.casefold() in text.casefold():
            continue
        text = re.sub(rf"(?<!\w){re.escape(phrase)}(?!\w)", long, text, flags=re.IGNORECASE)

    def one(m: re.Match[str]) -> str:
        word = m.group()
        long = _abbreviation(word, lex)
        if long:
            return long[0]
        folded = word.casefold()
        return lex.un_form.get(folded) or _ize(folded) or word

    return _WORD.sub(one, text)
