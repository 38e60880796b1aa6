"""One normalised form of text for matching, with a way back to the original.

Matching must ignore case, curly quotes, dash variants, non-breaking spaces and
Markdown emphasis, yet every highlight must land on the characters as printed.
So text is cut into word tokens that keep their original offsets, and each
token carries its normalised form.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from reader.core.lang import ENGLISH

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u00ad": "",
        "*": "",
        "_": "",
    }
)

# A word: letters/digits, joined by inner hyphens, apostrophes, slashes or dots
# ("South-South", "Assembly's", "57/263", "3.5", "E.78.II.A.11"). Public so a corpus
# index can count and fold words exactly as ``tokens`` does.
WORD = re.compile(r"\w+(?:[-'\u2019\u2010\u2011/.]\w+)*", re.UNICODE)


class Token(NamedTuple):
    """A word as matched (``norm``) and where it stands in the original text.

    A named tuple rather than a frozen dataclass: documents have tens of
    thousands of tokens and a frozen dataclass is several times slower to build.
    """

    norm: str  # normalised word used for matching
    start: int  # offsets into the original text
    end: int


def fold(text: str) -> str:
    """Case-, quote-, dash- and space-folded text with Markdown emphasis dropped."""
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE)
    return re.sub(r"\s+", " ", text).strip().casefold()


def fold_word(word: str) -> str:
    """One word's matching form (``Token.norm``): ``fold`` without the whitespace work."""
    if word.isascii():  # the common case, ten times faster; same result as below
        return (word.replace("_", "") if "_" in word else word).lower()
    return unicodedata.normalize("NFKC", word).translate(_TRANSLATE).casefold()


def tokens(text: str) -> list[Token]:
    """Word tokens of ``text`` with their original character spans."""
    return [Token(fold_word(m.group()), m.start(), m.end()) for m in WORD.finditer(text)]


def words(text: str) -> list[str]:
    """The matching forms of ``text``'s words (``tokens`` without the spans)."""
    return [fold_word(w) for w in WORD.findall(text)]


def verb_stem(word: str) -> str:
    """Common stem of a preambular participle and its operative verb.

    "recognizing"/"recognizes" -> "recogniz", "noting"/"notes" -> "not",
    "recalling"/"recalls" -> "recall", "stressing"/"stresses" -> "stress".
    """
    w = word.casefold()
    if len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
        if len(w) > 3 and w[-1] == w[-2] and w[-1] in "bdgmnprt":
            w = w[:-1]
    elif len(w) > 4 and w.endswith(("sses", "shes", "ches", "xes", "zes")):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    return w


# Small words that carry no matter of their own: ignored when scoring likeness.
FUNCTION_WORDS: frozenset[str] = ENGLISH.function_words

_LEAD_ADVERBS = ENGLISH.lead_adverbs


def matching_form(text: str) -> str:
    """Normalised text for paragraph similarity.

    The leading verb(s) are reduced to a stem so that "Recognizing that" in a
    preamble and "Recognizes that" in an operative part compare as equal.
    """
    return matching_form_of(words(text))


def matching_form_of(ws: list[str]) -> str:
    """:func:`matching_form` of a paragraph's words (``ws`` is changed)."""
    for i in range(min(3, len(ws))):
        if ws[i] in _LEAD_ADVERBS:
            continue
        ws[i] = verb_stem(ws[i])
        break
    return " ".join(ws)
