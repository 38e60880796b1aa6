"""The words resolutions are written with, one module per language.

The parser and the matcher name no English word themselves: they ask a ``Language``
(``language.py``: the fields), filled for English by ``en.py`` and for French by ``fr.py``.
``detect.py`` tells which language a stretch of text is in. The parser reads one document in
one language: ``reading_in(language)`` sets it for the parse, ``current()`` is what the shapes
(``reader.core.ingest.patterns``) read; outside any parse it is English.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

from reader.core.lang.detect import language_of
from reader.core.lang.en import ENGLISH
from reader.core.lang.fr import FRENCH
from reader.core.lang.language import Language

LANGUAGES: dict[str, Language] = {ENGLISH.code: ENGLISH, FRENCH.code: FRENCH}
_CURRENT: ContextVar[Language] = ContextVar("resolution_language", default=ENGLISH)


# The language of the document being read (English outside any parse). The variable's own
# getter: the shapes ask for it on every line.
current: Callable[[], Language] = _CURRENT.get


@contextmanager
def reading_in(language: Language) -> Iterator[Language]:
    """Read with ``language`` until the block ends (a parse of one document)."""
    token = _CURRENT.set(language)
    try:
        yield language
    finally:
        _CURRENT.reset(token)


def text_language(text: str) -> Language:
    """The language a document is written in, by its opening paragraphs; English when they do
    not tell (a bilingual volume's page opens in English and prints the French after)."""
    return _opening_language(text[:_OPENING])


_OPENING = 2000  # characters: a cover and the first paragraphs


@lru_cache(maxsize=64)  # a file is asked about by its loader, its parts' parse and the parse
def _opening_language(opening: str) -> Language:
    return LANGUAGES.get(language_of(opening, span=_OPENING), ENGLISH)


__all__ = ["ENGLISH", "FRENCH", "LANGUAGES", "Language", "current", "reading_in", "text_language"]
