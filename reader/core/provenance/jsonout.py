"""``provenance --json`` (DESIGN.md "Where a draft's language comes from"), built from the result."""

from __future__ import annotations

from typing import Any

from reader.core.provenance.model import ParagraphProvenance, Provenance, Source


def _source(s: Source) -> dict[str, Any]:
    return {
        "id": s.doc.id,
        "symbol": s.doc.symbol,
        "year": s.doc.year,
        "label": s.label,
        "score": s.score,
        "text": s.text,
        "date": s.doc.date,
        "agreed": s.agreed,
    }


def _paragraph(p: ParagraphProvenance) -> dict[str, Any]:
    e = p.earliest
    return {
        "label": p.label,
        "text": p.text,
        "status": p.status,
        "sources": [_source(s) for s in p.sources],
        "earliest": None
        if e is None
        else {"symbol": e.doc.symbol, "year": e.doc.year, "label": e.label, "id": e.doc.id},
        "diff": [[tag, text] for tag, text in p.diff],
        "phrases": [
            {
                "start": ph.start,
                "end": ph.end,
                "symbol": ph.doc.symbol,
                "year": ph.doc.year,
                "label": ph.label,
                "id": ph.doc.id,
            }
            for ph in p.phrases
        ],
        "words": p.words,
        "agreed_words": p.agreed_words,
        "source_count": p.source_count,
    }


def provenance_json(r: Provenance) -> dict[str, Any]:
    md = r.draft.metadata
    s = r.summary
    return {
        "document": {"id": r.draft.id, "symbol": md.symbol, "title": md.title, "date": md.date},
        "paragraphs": [_paragraph(p) for p in r.paragraphs],
        "summary": {
            "agreed": s.agreed,
            "adapted": s.adapted,
            "new": s.new,
            "agreed_word_share": round(s.agreed_word_share, 4),
            "words": s.words,
            "agreed_words": s.agreed_words,
            "oldest_year": s.oldest_year,
            "words_by_year": [{"year": y, "words": n} for y, n in s.words_by_year],
        },
        "min_score": r.min_score,
        "compared": r.compared,
        "left_out": list(r.left_out),
    }
