"""The ``history --json`` shape of DESIGN.md ("A series across years"), built from a History."""

from __future__ import annotations

from typing import Any

from reader.core.history.model import History, Version
from reader.core.history.series import Found, SeriesSearch


def _version_json(v: Version | None) -> dict[str, Any] | None:
    if v is None:
        return None
    out: dict[str, Any] = {
        "labels": list(v.labels),
        "text": v.text,
        "kind": v.kind,
        "score": v.score,
        "diff": [[tag, text] for tag, text in v.diff],
    }
    if v.split_from is not None:
        out["split_from"] = v.split_from  # index into "lineages"
    if v.merged_from:
        out["merged_from"] = list(v.merged_from)
    return out


def _found_json(f: Found) -> dict[str, Any]:
    """A document of the series (or left out): why, and the share of the target's distinctive text."""
    return {
        "symbol": f.document.display_name,
        "id": f.document.id,
        "reasons": list(f.reasons),
        "share": round(f.share, 4),
    }


def history_json(history: History, search: SeriesSearch | None = None) -> dict[str, Any]:
    """One object: documents (date order), lineages (reading order), notes, how the series was found."""
    docs = history.documents
    out: dict[str, Any] = {
        "documents": [
            {
                "id": d.id,
                "symbol": d.metadata.symbol,
                "year": d.metadata.year,
                "date": d.metadata.date,
                "title": d.metadata.title,
                "body": d.metadata.body,
            }
            for d in docs
        ],
        "lineages": [
            {
                "first_year": docs[lin.first.document].metadata.year,
                "first_document": docs[lin.first.document].display_name,
                "versions": [_version_json(v) for v in lin.versions],
            }
            for lin in history.lineages
        ],
        "threshold": history.threshold,
        "restore_threshold": history.restore_threshold,
        "notes": list(history.notes),
    }
    if search is not None:
        out["series"] = {
            "target": search.target.display_name,
            "found": [_found_json(f) for f in search.members],
            "left_out": [_found_json(f) for f in search.left_out],
        }
    return out
