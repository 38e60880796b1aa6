"""Put a series in date order, drop repeated documents, and say what was done and why."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.core.compare.align import DEFAULT_THRESHOLD
from reader.core.errors import InputError
from reader.core.history.lineage import RESTORE_THRESHOLD, link_series
from reader.core.history.model import History
from reader.core.model import Document


@dataclass(frozen=True)
class Ordered:
    documents: tuple[Document, ...]
    notes: tuple[str, ...]


def _same_file(a: Document, b: Document) -> bool:
    if a.id == b.id and a.path == b.path:
        return True
    try:
        return bool(a.path and b.path) and Path(a.path).resolve() == Path(b.path).resolve()
    except (OSError, ValueError):
        return False


def _content(doc: Document) -> tuple[str, ...]:
    return tuple(p.text for p in doc.paragraphs)


def _file_of(doc: Document) -> str:
    """The resolved path ("" when it has none): resolved once per document, not once per pair."""
    try:
        return str(Path(doc.path).resolve()) if doc.path else ""
    except (OSError, ValueError):
        return ""


def order_documents(docs: Sequence[Document]) -> Ordered:
    """Date order, oldest first; documents given twice (same file, or the same text) are used once.

    A document without a date is put after the dated ones, in the order given:
    nothing in it says when it was adopted, and an undated text is most often the
    draft being prepared, that is, the newest. Raises InputError when fewer than
    two different documents remain.
    """
    notes: list[str] = []
    kept: list[Document] = []
    by_file: dict[str, Document] = {}
    by_content: dict[tuple[str, ...], Document] = {}
    for doc in docs:
        where, content = _file_of(doc), _content(doc)
        twin = by_file.get(where) if where else None
        if twin is None:
            twin = next((k for k in kept if k.id == doc.id and k.path == doc.path), None)
        if twin is None:
            twin = by_content.get(content)
        if twin is None:
            by_content[content] = doc
            if where:
                by_file[where] = doc
        if twin is None:
            kept.append(doc)
        elif _same_file(twin, doc):
            notes.append(f"{doc.display_name} was given twice; it is used once.")
        else:  # the same text twice: keep the one that says when it was adopted
            if doc.metadata.date and not twin.metadata.date:
                kept[kept.index(twin)] = doc
                by_content[content] = doc
                if where:
                    by_file[where] = doc
                twin, doc = doc, twin
            notes.append(
                f"{doc.display_name} has the same text as {twin.display_name}; "
                f"only {twin.display_name} is used."
            )
    if not kept:
        raise InputError("history", "no documents were given")
    if len(kept) < 2:
        why = f" ({' '.join(notes)})" if notes else ""
        raise InputError(
            kept[0].display_name,
            f"a history needs at least two different documents of a series; give the others too{why}",
        )
    empty = [d.display_name for d in kept if not d.paragraphs]
    if empty:
        notes.append(f"{', '.join(empty)} has no body paragraphs.")
    dated = sorted((d for d in kept if d.metadata.date), key=lambda d: d.metadata.date)
    undated = [d for d in kept if not d.metadata.date]
    if undated and dated:
        names = ", ".join(d.display_name for d in undated)
        notes.append(
            f"{names} has no date: put after the dated documents, in the order given "
            "(an undated text is usually the newest, a draft)."
        )
    elif undated:
        notes.append(
            "No document has a date: they are taken in the order given, oldest first "
            "(nothing in the texts says when they were adopted)."
        )
    return Ordered(tuple(dated + undated), tuple(notes))


def build_history(
    docs: Sequence[Document],
    threshold: float = DEFAULT_THRESHOLD,
    restore_threshold: float = RESTORE_THRESHOLD,
) -> History:
    """The history of a series given in any order (the CLI's, the report's and the reader's entry)."""
    ordered = order_documents(docs)
    return link_series(ordered.documents, threshold, restore_threshold, ordered.notes)
