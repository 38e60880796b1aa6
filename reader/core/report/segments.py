"""Cut a paragraph's text into runs that each carry one set of marks.

A diff op, a shared phrase and a keyword hit may start and end anywhere and
overlap each other. Wrapping the raw text in tags span by span would nest tags
wrongly or split an escape sequence; instead the text is cut at every span
boundary, and each run is later escaped on its own and wrapped in well-nested
tags (outer diff tag, inner highlight tags). Nothing here produces markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reader.core.model import DiffOp, DiffTag


@dataclass(frozen=True)
class Run:
    """A piece of one side's text with the marks that cover all of it.

    ``footnote`` is set on zero-length runs that stand for a removed footnote
    marker; ``separator`` on the newline that joins two paragraphs of one side.
    """

    text: str
    op: DiffTag = "equal"
    phrases: tuple[int, ...] = ()
    keywords: tuple[int, ...] = ()
    footnote: int | None = None
    separator: bool = False
    block: int = -1  # which op range it lies in: runs never merge across ops


@dataclass(frozen=True)
class Mark:
    """A highlight over ``[start, end)`` of one paragraph's text."""

    start: int
    end: int
    kind: str  # "phrase" or "keyword"
    ref: int  # index of the phrase / keyword


@dataclass(frozen=True)
class OpRange:
    start: int
    end: int
    tag: DiffTag


def side_op_ranges(ops: Sequence[DiffOp], side: str, text: str) -> list[OpRange] | None:
    """Where each diff op lies in one side's joined text, or None when the diff does not fit.

    The left side is the ``equal`` + ``delete`` ops, the right side ``equal`` +
    ``insert``. A diff that does not rebuild ``text`` exactly is refused rather
    than drawn at wrong offsets.
    """
    skip: DiffTag = "insert" if side == "left" else "delete"
    ranges: list[OpRange] = []
    pos = 0
    for tag, piece in ops:
        if tag == skip or not piece:
            continue
        end = pos + len(piece)
        if text[pos:end] != piece:
            return None
        ranges.append(OpRange(pos, end, tag))
        pos = end
    return ranges if pos == len(text) else None


def cut(
    text: str,
    ops: Sequence[OpRange],
    marks: Iterable[Mark],
    markers: Iterable[tuple[int, int]] = (),
) -> list[Run]:
    """Runs of ``text`` cut at every op, mark and footnote-marker boundary.

    ``ops`` are in ``text``'s own offsets and cover it (an empty list means all
    ``equal``); ``markers`` are ``(offset, number)`` pairs.
    """
    n = len(text)
    bounds = {0, n}
    for r in ops:
        bounds.add(max(0, min(n, r.start)))
        bounds.add(max(0, min(n, r.end)))
    clean_marks = [
        Mark(max(0, m.start), min(n, m.end), m.kind, m.ref) for m in marks if max(0, m.start) < min(n, m.end)
    ]
    for m in clean_marks:
        bounds.add(m.start)
        bounds.add(m.end)
    at: dict[int, list[int]] = {}
    for offset, number in markers:
        at.setdefault(max(0, min(n, offset)), []).append(number)
    bounds.update(at)
    points = sorted(bounds)

    # Sweep: marks sorted by start; active set updated at each point.
    starts = sorted(clean_marks, key=lambda m: m.start)
    active: list[Mark] = []
    op_iter = iter(sorted(ops, key=lambda r: r.start))
    op = next(op_iter, None)
    runs: list[Run] = []
    si = 0
    for i, a in enumerate(points):
        for number in at.get(a, ()):
            runs.append(Run("", _op_at(op, a, runs), footnote=number))
        if i + 1 == len(points):
            break
        b = points[i + 1]
        while si < len(starts) and starts[si].start <= a:
            active.append(starts[si])
            si += 1
        active = [m for m in active if m.end > a]
        while op is not None and op.end <= a:
            op = next(op_iter, None)
        inside = op is not None and op.start <= a
        tag: DiffTag = op.tag if op is not None and inside else "equal"
        block = op.start if op is not None and inside else -1
        phrases = tuple(sorted({m.ref for m in active if m.kind == "phrase"}))
        keywords = tuple(sorted({m.ref for m in active if m.kind == "keyword"}))
        runs.append(Run(text[a:b], tag, phrases, keywords, block=block))
    return _merge(runs)


def _op_at(op: OpRange | None, pos: int, runs: Sequence[Run]) -> DiffTag:
    """The op a footnote marker belongs to: the text just before it, else the op at it."""
    for r in reversed(runs):
        if r.text:
            return r.op
    return op.tag if op is not None and op.start <= pos else "equal"


def _merge(runs: list[Run]) -> list[Run]:
    """Join neighbouring runs with identical marks, so the HTML stays small."""
    out: list[Run] = []
    for r in runs:
        if (
            out
            and r.footnote is None
            and out[-1].footnote is None
            and not r.separator
            and not out[-1].separator
            and (r.op, r.phrases, r.keywords, r.block)
            == (out[-1].op, out[-1].phrases, out[-1].keywords, out[-1].block)
        ):
            prev = out[-1]
            out[-1] = Run(prev.text + r.text, prev.op, prev.phrases, prev.keywords, block=prev.block)
        elif r.text or r.footnote is not None:
            out.append(r)
    return out
