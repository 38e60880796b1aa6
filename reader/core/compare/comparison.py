"""One call that produces everything the screen and the report show for two documents."""

from __future__ import annotations

from reader.core.compare.align import align
from reader.core.compare.diff import side_text, word_diff
from reader.core.compare.phrases import Tracer, shared_phrases
from reader.core.model import CompareOptions, Comparison, DiffOp, Document


def compare(
    left: Document,
    right: Document,
    options: CompareOptions = CompareOptions(),  # noqa: B008 - frozen dataclass, safe default
    *,
    tracer: Tracer | None = None,
) -> Comparison:
    """Align, diff every aligned pair, and find the shared phrases of two documents.

    ``tracer`` (a corpus search) fills each shared phrase's ``also_in``.
    """
    # No pair scores below in_place_bar(threshold): align pairs nothing under it.
    alignment = align(left, right, options.threshold)
    diffs: list[tuple[DiffOp, ...]] = [
        word_diff(side_text(left, pair.left), side_text(right, pair.right)) for pair in alignment.pairs
    ]
    phrases = shared_phrases(left, right, min_words=options.min_phrase_words, tracer=tracer)
    return Comparison(
        left=left,
        right=right,
        alignment=alignment,
        diffs=tuple(diffs),
        shared_phrases=phrases,
        options=options,
    )
