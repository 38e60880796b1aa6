"""The analyst's keyword list: entries with options and colour, and its plain-text file form.

File format (one keyword per line, UTF-8)::

    # comment
    South-South cooperation<TAB>whole-word<TAB>#ffd43b
    capacity-building<TAB>fuzzy,case-sensitive
    triangular cooperation

The options and colour columns are optional, so a bare word list imports too.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from reader.core.atomic import atomic_write_text
from reader.core.compare.keywords import Keyword
from reader.core.errors import InputError
from reader.gui.theme import KEYWORD_COLOURS

_OPTION_NAMES = {"fuzzy": "fuzzy", "whole-word": "whole_word", "case-sensitive": "case_sensitive"}


@dataclass(frozen=True)
class KeywordEntry:
    """A core ``Keyword`` as the analyst keeps it: with the colour it is highlighted in.

    The keyword is what the core matches and the report shows; the colour is the reader's business.
    """

    keyword: Keyword
    colour: str = KEYWORD_COLOURS[0]

    @property
    def text(self) -> str:
        return self.keyword.text

    def options_text(self) -> str:
        opts = [name for name, attr in _OPTION_NAMES.items() if getattr(self.keyword, attr)]
        return ",".join(opts) if opts else "exact"

    def describe(self) -> str:
        kw = self.keyword
        bits = ["fuzzy" if kw.fuzzy else "exact"]
        if kw.whole_word:
            bits.append("whole word")
        if kw.case_sensitive:
            bits.append("case-sensitive")
        return ", ".join(bits)


def next_colour(entries: list[KeywordEntry]) -> str:
    used = [e.colour for e in entries]
    for c in KEYWORD_COLOURS:
        if c not in used:
            return c
    return KEYWORD_COLOURS[len(entries) % len(KEYWORD_COLOURS)]


def format_keywords(entries: list[KeywordEntry]) -> str:
    lines = ["# Resolution Reader keywords: text<TAB>options<TAB>colour"]
    for e in entries:
        lines.append(f"{e.text}\t{e.options_text()}\t{e.colour}")
    return "\n".join(lines) + "\n"


def parse_keywords(text: str, source: str = "keyword list") -> list[KeywordEntry]:
    """Read the file form; unknown options are a clear error, blank lines and comments are skipped."""
    out: list[KeywordEntry] = []
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.split("\t")
        word = cols[0].strip()
        if not word:
            continue
        entry = KeywordEntry(Keyword(word, whole_word=True), colour=next_colour(out))
        if len(cols) > 1 and cols[1].strip():
            flags: set[str] = set()
            for opt in cols[1].split(","):
                opt = opt.strip().lower()
                if opt == "exact" or not opt:
                    continue
                if opt not in _OPTION_NAMES:
                    raise InputError(source, f"line {n}: unknown keyword option {opt!r}")
                flags.add(_OPTION_NAMES[opt])
            keyword = Keyword(
                word,
                fuzzy="fuzzy" in flags,
                whole_word="whole_word" in flags,
                case_sensitive="case_sensitive" in flags,
            )
            entry = replace(entry, keyword=keyword)
        if len(cols) > 2 and cols[2].strip().startswith("#") and len(cols[2].strip()) in (4, 7):
            entry = replace(entry, colour=cols[2].strip().lower())
        out.append(entry)
    return out


def export_keywords(path: str | Path, entries: list[KeywordEntry]) -> None:
    atomic_write_text(path, format_keywords(entries))


def import_keywords(path: str | Path) -> list[KeywordEntry]:
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(p, f"cannot read the file ({exc.strerror or exc})") from exc
    if b"\x00" in data:
        raise InputError(p, "this is not a text file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(p, "the file is not UTF-8 text") from exc
    return parse_keywords(text, str(p))
