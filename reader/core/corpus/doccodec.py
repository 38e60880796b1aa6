"""A parsed Document as a few compressed bytes, so the store keeps it and a later run skips the parse.

Compact JSON (lists, not objects) compressed with zlib: about a third of the
text's size, and decoding one document costs well under a millisecond, far less
than parsing it again.
"""

from __future__ import annotations

import json
import zlib
from typing import Any

from reader.core.model import Document, Footnote, FootnoteMarker, Metadata, Paragraph, Section, SetAside

_FORMAT = 3  # 2: sections, set-aside parts and warnings; 3: the metadata's notes (and, when
# set, its language: an eighth field, so English documents are stored as before)


def encode(doc: Document) -> bytes:
    """``doc`` without its id and path (the corpus entry gives those when decoding)."""
    m = doc.metadata
    paragraphs: list[list[Any]] = []
    for p in doc.paragraphs:
        row: list[Any] = [p.label, p.text]
        if p.markers:
            row.append([[k.offset, k.number] for k in p.markers])
        paragraphs.append(row)
    data = [
        _FORMAT,
        [
            m.symbol,
            m.body,
            m.title,
            m.date,
            m.session,
            m.meeting,
            m.notes,
            *([m.language] if m.language else []),
        ],
        paragraphs,
        [[f.number, f.text, f.label] for f in doc.footnotes],
        [[s.prefix, s.title, s.start] for s in doc.sections],
        [[a.text, a.why] for a in doc.set_aside],
        list(doc.warnings),
    ]
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return zlib.compress(raw, 1)


def decode(blob: bytes, doc_id: str, path: str) -> Document:
    """The document ``encode`` was given, named ``doc_id`` at ``path``."""
    data = json.loads(zlib.decompress(blob))
    if data[0] != _FORMAT:
        raise ValueError(f"unknown stored document format {data[0]}")
    _, meta, paragraphs, footnotes, sections, set_aside, warnings = data
    paras = tuple(
        Paragraph(
            row[0],
            row[1],
            tuple(FootnoteMarker(o, n) for o, n in row[2]) if len(row) > 2 else (),
        )
        for row in paragraphs
    )
    notes = tuple(Footnote(n, t, lab) for n, t, lab in footnotes)
    return Document(
        id=doc_id,
        path=path,
        metadata=Metadata(*meta),
        paragraphs=paras,
        footnotes=notes,
        sections=tuple(Section(p, t, s) for p, t, s in sections),
        set_aside=tuple(SetAside(t, w) for t, w in set_aside),
        warnings=tuple(warnings),
    )
