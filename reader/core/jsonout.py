"""The JSON shapes of DESIGN.md's command-line contract, built from core results."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from reader.core.model import Comparison, Document, SharedPhrase, TraceHit


def _labels(doc: Document, indices: Iterable[int]) -> list[str]:
    return [doc.paragraphs[i].label for i in indices]


def _first_label(doc: Document, start: int) -> str | None:
    """The label of the first paragraph under a heading, None when none follows it."""
    return doc.paragraphs[start].label if start < len(doc.paragraphs) else None


def document_json(doc: Document, *, full: bool = False) -> dict[str, Any]:
    """``left``/``right`` of ``compare --json``; with ``full`` the ``parse --json`` shape."""
    md = doc.metadata
    out: dict[str, Any] = {
        "id": doc.id,
        "symbol": md.symbol,
        "title": md.title,
        "date": md.date,
        "paragraphs": [{"label": p.label, "text": p.text} for p in doc.paragraphs],
    }
    if full:
        out["body"] = md.body
        out["session"] = md.session
        out["meeting"] = md.meeting
        out["path"] = doc.path
        out["footnotes"] = [{"number": f.number, "text": f.text, "label": f.label} for f in doc.footnotes]
        out["sections"] = [
            {"prefix": s.prefix, "title": s.title, "first": _first_label(doc, s.start)} for s in doc.sections
        ]
        out["set_aside"] = [{"text": a.text, "why": a.why} for a in doc.set_aside]
        out["warnings"] = list(doc.warnings)
        if md.notes:  # how the file was read, e.g. Word tracked changes accepted
            out["notes"] = md.notes
        if md.language:  # a text not in English: "fr"
            out["language"] = md.language
    return out


def _phrase_json(c: Comparison, phrase: SharedPhrase) -> dict[str, Any]:
    def labels(spans: Sequence[Any], doc: Document) -> list[str]:
        seen: list[str] = []
        for s in spans:
            label = doc.paragraphs[s.paragraph].label
            if label not in seen:
                seen.append(label)
        return seen

    return {
        "text": phrase.text,
        "left": labels(phrase.left, c.left),
        "right": labels(phrase.right, c.right),
        "also_in": [
            {"id": o.doc_id, "symbol": o.symbol, "year": o.year, "label": o.label, "score": round(o.score, 1)}
            for o in phrase.also_in
        ],
        # also_in lists word-for-word recurrences only (established language: see Recurrence)
        "word_for_word": phrase.word_for_word,
    }


def comparison_json(c: Comparison) -> dict[str, Any]:
    pairs = [
        {
            "left": _labels(c.left, pair.left),
            "right": _labels(c.right, pair.right),
            "kind": pair.kind,
            "score": round(pair.score, 1),
            "diff": [[tag, text] for tag, text in ops],
        }
        for pair, ops in zip(c.alignment.pairs, c.diffs, strict=True)
    ]
    return {
        "left": document_json(c.left),
        "right": document_json(c.right),
        "threshold": c.options.threshold,
        "pairs": pairs,
        "shared_phrases": [_phrase_json(c, p) for p in c.shared_phrases],
    }


def trace_json(phrase: str, hits: Sequence[TraceHit]) -> dict[str, Any]:
    return {
        "phrase": phrase,
        "hits": [
            {
                "id": h.doc_id,
                "symbol": h.symbol,
                "year": h.year,
                "label": h.label,
                "score": round(h.score, 1),
                "text": h.text,
            }
            for h in hits
        ],
    }
