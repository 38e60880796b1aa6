"""Which corpus documents a draft is compared with: those adopted before it, never the draft itself.

Dates may be known to the day ("2005-12-22") or only the month ("2006-03"):
a document counts as earlier when its date is before the draft's at the
precision both have; same month or same day is not earlier. A draft without a
date is compared with every document; when the draft has a date, documents
without one are left out (nobody can say they came first).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path, PurePath
from typing import Any

from reader.core.errors import InputError
from reader.core.model import Document
from reader.core.provenance.model import DocRef


@dataclass(frozen=True)
class Earlier:
    """The documents to compare with, oldest first (the position is a document's age rank)."""

    docs: tuple[DocRef, ...]
    left_out: tuple[str, ...]  # one sentence per document left out for being the draft itself

    def rank_of(self) -> dict[str, int]:
        """Age rank by document id."""
        return {d.id: r for r, d in enumerate(self.docs)}


def _symbol_key(symbol: str) -> str:
    key = re.sub(r"\s+", "", symbol).casefold()
    key = re.sub(r"^(?:resolution|res\.?)", "", key)
    return re.sub(r"^[a-z]/res/", "", key)


def is_before(date: str, draft_date: str) -> bool:
    """``date`` is before ``draft_date`` at the precision both state (see the module doc)."""
    if not draft_date:
        return True
    if not date:
        return False
    n = min(len(date), len(draft_date))
    return date[:n] < draft_date[:n]


def _same_file(a: str | Path, b: str | Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def earlier_documents(draft: Document, entries: Sequence[Any]) -> Earlier:
    """The corpus entries (``CorpusEntry``-like: id, symbol, date, path) to compare ``draft`` with.

    Raises InputError when nothing is left: no earlier document, or only the draft itself.
    """
    draft_symbol = _symbol_key(draft.metadata.symbol) if draft.metadata.symbol else ""
    draft_date = draft.metadata.date
    draft_name = os.path.basename(draft.path)
    left_out: list[str] = []
    chosen: list[tuple[str, int, DocRef]] = []
    for order, entry in enumerate(entries):
        # Same file: asked of the disk only for a file of the same name (a corpus has thousands).
        path = entry.path
        itself = (
            path.name if isinstance(path, PurePath) else os.path.basename(path)
        ) == draft_name and _same_file(path, draft.path)
        if itself and getattr(entry, "part", 0) and "#" in draft.id:
            itself = entry.id == draft.id  # another text of the same volume page is another document
        if draft_symbol and not itself and entry.symbol:
            # The key ends as the symbol does: three regular expressions only for a likely match.
            tail = entry.symbol.rstrip()[-1:].casefold()
            itself = draft_symbol.endswith(tail) and _symbol_key(entry.symbol) == draft_symbol
        if itself:
            name = entry.symbol or entry.id
            left_out.append(f"{name} is the draft itself and was left out of the comparison.")
            continue
        date = entry.date
        if is_before(date, draft_date):
            year = int(date[:4]) if date[:4].isdigit() else None
            chosen.append((date or "~", order, DocRef(entry.id, entry.symbol, date, year, order)))
    if not chosen:
        name = draft.metadata.symbol or Path(draft.path).name or draft.id
        if draft_date:
            reason = f"the corpus has no document adopted before it ({draft_date})"
        else:
            reason = "the corpus has no other document to compare it with"
        raise InputError(name, reason)
    chosen.sort(key=itemgetter(0, 1))  # by date, then corpus order; undated last
    return Earlier(tuple(c[2] for c in chosen), tuple(left_out))
