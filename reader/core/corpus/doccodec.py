"""A parsed Document as a few compressed bytes, so the store keeps it and a later run skips the parse.

Compact JSON (lists, not objects) compressed with zlib: about a third of the
text's size, and decoding one document costs well under a millisecond, far less
than parsing it again. The paragraph texts are a part of their own at the front
(``paragraph_texts`` reads them without the rest): the store keeps each text
once, here, and serves a trace hit's text from it.
"""

from __future__ import annotations

import json
import zlib
from typing import Any

from reader.core.model import Document, Footnote, FootnoteMarker, Metadata, Paragraph, Section, SetAside

_FORMAT = 4  # 2: sections, set-aside parts and warnings; 3: the metadata's notes (and, when set, its
# language: an eighth field, so English documents are stored as before); 4: texts apart
_HEAD = b"RD4"  # then the compressed texts' length (4 bytes, little-endian), the texts, the rest


def encode(doc: Document) -> bytes:
    """``doc`` without its id and path (the corpus entry gives those when decoding)."""
    m = doc.metadata
    paragraphs: list[list[Any]] = []
    for p in doc.paragraphs:
        row: list[Any] = [p.label]
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
    texts = zlib.compress(_dumps([p.text for p in doc.paragraphs]), 1)
    return b"".join((_HEAD, len(texts).to_bytes(4, "little"), texts, zlib.compress(raw, 1)))


def _dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _split(blob: bytes) -> tuple[bytes, bytes]:
    if blob[:3] != _HEAD:
        raise ValueError("unknown stored document format")
    n = int.from_bytes(blob[3:7], "little")
    return blob[7 : 7 + n], blob[7 + n :]


def paragraph_texts(blob: bytes) -> list[str]:
    """The texts of the document's paragraphs, in order, without decoding the rest."""
    texts: list[str] = json.loads(zlib.decompress(_split(blob)[0]))
    return texts


def decode(blob: bytes, doc_id: str, path: str) -> Document:
    """The document ``encode`` was given, named ``doc_id`` at ``path``."""
    texts_z, rest = _split(blob)
    data = json.loads(zlib.decompress(rest))
    if data[0] != _FORMAT:
        raise ValueError(f"unknown stored document format {data[0]}")
    _, meta, paragraphs, footnotes, sections, set_aside, warnings = data
    texts = json.loads(zlib.decompress(texts_z))
    paras = tuple(
        Paragraph(
            row[0],
            text,
            tuple(FootnoteMarker(o, n) for o, n in row[1]) if len(row) > 1 else (),
        )
        for row, text in zip(paragraphs, texts, strict=True)
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
