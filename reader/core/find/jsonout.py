"""``find --json``: the shape of issue 22 (fields may be added, never changed)."""

from __future__ import annotations

from typing import Any

from reader.core.find.engine import Occurrence
from reader.core.find.finder import FindResult


def occurrence_json(o: Occurrence) -> dict[str, Any]:
    return {"id": o.id, "symbol": o.symbol, "year": o.year, "label": o.label, "date": o.date, "body": o.body}


def find_json(r: FindResult) -> dict[str, Any]:
    return {
        "query": r.query,
        "results": [
            {
                "text": f.text,
                "score": f.score,
                "count": f.family.count,
                "first": occurrence_json(f.family.first),
                "last": occurrence_json(f.family.last),
                "occurrences": [occurrence_json(o) for o in f.family.occurrences],
                "diff": [[tag, text] for tag, text in f.diff],
            }
            for f in r.results
        ],
        "families": r.families,
    }
