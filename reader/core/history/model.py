"""The result of linking a series: lineages of paragraph versions, one slot per document.

Plain frozen dataclasses, so the command line, the report and the reader show one
and the same result.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Literal

from reader.core.model import DiffOp, Document

VersionKind = Literal["origin", "identical", "modified", "moved"]
VERSION_KINDS: tuple[VersionKind, ...] = ("origin", "identical", "modified", "moved")


@dataclass(frozen=True)
class Version:
    """One lineage's paragraph(s) in one document, compared with its previous non-null version."""

    document: int  # index into History.documents
    paragraphs: tuple[int, ...]  # indices into that document's paragraphs (several after a split)
    labels: tuple[str, ...]
    text: str  # the paragraphs' texts joined by one newline (as compare's sides)
    kind: VersionKind
    score: float  # 0-100; 100 for an origin
    diff: tuple[DiffOp, ...]  # from the previous version; empty for an origin
    previous: int | None  # document index of the previous non-null version
    split_from: int | None = None  # lineage this one split off from (it starts here)
    merged_from: tuple[int, ...] = ()  # lineages that merged into this version (they end here)


@dataclass(frozen=True)
class Lineage:
    """One paragraph's life: ``versions[i]`` belongs to document i, None where it is absent."""

    versions: tuple[Version | None, ...]

    @property
    def first(self) -> Version:
        return next(v for v in self.versions if v is not None)

    @property
    def present(self) -> tuple[Version, ...]:
        return tuple(v for v in self.versions if v is not None)

    @property
    def changed(self) -> bool:
        """False only for a paragraph present, word for word and in place, in every document."""
        return any(v is None or (v.kind != "identical" and v is not self.first) for v in self.versions)

    @property
    def restored(self) -> bool:
        """True when it was dropped and came back (a gap between two versions)."""
        idx = [i for i, v in enumerate(self.versions) if v is not None]
        return any(b - a > 1 for a, b in itertools.pairwise(idx))


@dataclass(frozen=True)
class History:
    documents: tuple[Document, ...]  # date order, oldest first
    lineages: tuple[Lineage, ...]  # reading order (see lineage.order_lineages)
    threshold: float
    restore_threshold: float
    notes: tuple[str, ...] = ()  # what the reader should know: order used, duplicates dropped, ...

    def lineage_of(self, document: int, paragraph: int) -> int:
        """The index of the lineage holding paragraph ``paragraph`` of document ``document``."""
        for n, lin in enumerate(self.lineages):
            v = lin.versions[document]
            if v is not None and paragraph in v.paragraphs:
                return n
        raise KeyError((document, paragraph))


# One mark per kind, shared by the command line table, the report and the reader's grid (shape, not only
# colour, tells them apart).
KIND_MARKS: dict[str, str] = {"origin": "●", "identical": "=", "modified": "~", "moved": "↕", "absent": "·"}
KIND_MEANINGS: dict[str, str] = {
    "origin": "first appears here",
    "identical": "the same words as its previous version",
    "modified": "reworded since its previous version",
    "moved": "moved between preamble and operative part, or out of its place",
    "absent": "not in this document",
}
