"""Keyword highlighting: where a user's keyword occurs in a paragraph, as printed.

Exact search tolerates the typographic noise of real documents (curly vs
straight quotes, the many dashes, line breaks or double spaces between the
keyword's words). Fuzzy search catches spelling variants ("programme" /
"program", "organisation" / "organization", "co-operation") by comparing word
windows of the text with ``rapidfuzz.fuzz.ratio``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process

from reader.core.textnorm import fold, tokens

# fuzz.ratio on normalised words: spelling variants score 87-96 ("program" vs
# "programme" 87.5), a different word of the same family less ("develop" vs
# "development" 78).
FUZZY_THRESHOLD: float = 85.0

_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_SINGLE_QUOTES = "'\u2018\u2019\u201a\u201b\u2032"
_DOUBLE_QUOTES = '"\u201c\u201d\u201e\u2033'


@dataclass(frozen=True)
class Keyword:
    text: str
    fuzzy: bool = False
    whole_word: bool = True
    case_sensitive: bool = False


def _char_pattern(ch: str) -> str:
    for group in (_DASHES, _SINGLE_QUOTES, _DOUBLE_QUOTES):
        if ch in group:
            return "[" + re.escape(group) + "]"
    return re.escape(ch)


@lru_cache(maxsize=256)
def _pattern(text: str, whole_word: bool, case_sensitive: bool) -> re.Pattern[str] | None:
    pieces = text.split()
    if not pieces:
        return None
    body = r"\s+".join("".join(_char_pattern(c) for c in piece) for piece in pieces)
    if whole_word:
        if re.match(r"\w", pieces[0]):
            body = r"(?<!\w)" + body
        if re.search(r"\w$", pieces[-1]):
            body += r"(?!\w)"
    return re.compile(body, 0 if case_sensitive else re.IGNORECASE)


def _fuzzy(text: str, kw: Keyword) -> list[tuple[int, int]]:
    kw_words = [t.norm for t in tokens(kw.text)] if not kw.case_sensitive else kw.text.split()
    toks = tokens(text)
    if not kw_words or not toks:
        return []
    words = [t.norm if not kw.case_sensitive else text[t.start : t.end] for t in toks]
    query = " ".join(kw_words)
    n = len(kw_words)
    windows: list[tuple[int, int]] = [
        (a, a + size - 1) for size in range(max(1, n - 1), n + 2) for a in range(len(toks) - size + 1)
    ]
    if not windows:
        return []
    cands = [" ".join(words[a : b + 1]) for a, b in windows]
    scores = process.cdist([query], cands, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD)[0]
    found: list[tuple[int, int]] = []
    used = np.zeros(len(toks), dtype=bool)
    for w in np.argsort(-scores, kind="stable").tolist():
        if scores[w] < FUZZY_THRESHOLD:
            break
        a, b = windows[w]
        if used[a : b + 1].any():
            continue
        used[a : b + 1] = True
        found.append((toks[a].start, toks[b].end))
    return sorted(found)


def find_keyword(text: str, kw: Keyword) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) spans of ``kw`` in ``text``'s original characters."""
    if not fold(kw.text):
        return []
    if kw.fuzzy:
        return _fuzzy(text, kw)
    pattern = _pattern(kw.text, kw.whole_word, kw.case_sensitive)
    if pattern is None:
        return []
    return [(m.start(), m.end()) for m in pattern.finditer(text) if m.end() > m.start()]
