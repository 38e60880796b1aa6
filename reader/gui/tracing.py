"""The one place the GUI calls the corpus trace (an index may later offer a faster one).

No Qt here: the session uses it for "also in" of shared phrases, the trace
worker for the phrase trace panel.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reader.core.model import Document, TraceHit


def run_trace(phrase: str, documents: Sequence[Document]) -> list[TraceHit]:
    from reader.core.trace import trace

    return list(trace(phrase, list(documents)))


def memo_tracer(documents: Callable[[], Sequence[Document]]) -> Callable[[str], Sequence[TraceHit]]:
    """A tracer for ``compare``: corpus-wide, remembered per phrase (re-alignment reuses it)."""
    cache: dict[str, list[TraceHit]] = {}
    docs: list[Document] = []

    def tracer(phrase: str) -> Sequence[TraceHit]:
        if phrase not in cache:
            if not docs:
                docs.extend(documents())
            cache[phrase] = run_trace(phrase, docs)
        return cache[phrase]

    return tracer
