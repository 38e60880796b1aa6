"""The report's content as plain data: what each row, legend and table shows.

Everything the template needs is decided here, in Python and under test, so
the template only lays it out. Nothing here is markup: every document string
stays raw text, and the template's autoescaping is the one place it is escaped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import PurePath
from typing import Literal

from reader import __version__
from reader.core.compare.keywords import Keyword, find_keyword
from reader.core.compare.printed import right_wordings
from reader.core.compare.summary import summarize
from reader.core.model import PAIR_KINDS, Comparison, DiffOp, DiffTag, Document, Pair, PairKind
from reader.core.report.segments import Mark, OpRange, Run, cut, side_op_ranges
from reader.core.search.occurrences import also_in_text

Layout = Literal["side-by-side", "redline"]
LAYOUTS: tuple[Layout, ...] = ("side-by-side", "redline")
Side = Literal["left", "right"]

#: How many keyword colours the stylesheet defines; further keywords reuse them.
KEYWORD_COLOURS = 6


@dataclass(frozen=True)
class FootnoteView:
    number: int
    text: str
    label: str | None
    anchor: str  # id of this footnote in the report
    paragraph_anchor: str | None  # id of the citing paragraph, when it is shown


@dataclass(frozen=True)
class DocView:
    side: Side
    name: str  # symbol, or the id when there is none
    symbol: str
    body: str
    title: str
    date: str
    session: str
    meeting: str
    id: str
    source: str  # file name only: a report travels, the analyst's folders need not
    preambular: int
    operative: int
    footnotes: tuple[FootnoteView, ...]
    role: str = ""  # what is known of this side: "Earlier text", "Draft", its date, or "Left text"
    warnings: tuple[str, ...] = ()  # what the reader of this text should check (Document.warnings)
    set_aside_words: int = 0  # words read into no paragraph, footnote or metadata field


@dataclass(frozen=True)
class ParaView:
    label: str
    anchor: str
    runs: tuple[Run, ...]


@dataclass(frozen=True)
class RowView:
    """One alignment pair, in the order the alignment gives."""

    number: int  # 1-based, as shown
    anchor: str
    kind: PairKind
    score: float
    left: tuple[ParaView, ...]
    right: tuple[ParaView, ...]
    redline: tuple[Run, ...]
    diff_ok: bool  # False when the diff did not rebuild the texts: shown without changes
    ghost_anchor: str | None = None  # where the other end of a moved pair is marked
    ghost_above: bool = False
    ghost_side: Side = "left"  # the side whose order the marker shows
    is_ghost: bool = False

    @property
    def left_labels(self) -> str:
        return ", ".join(p.label for p in self.left)

    @property
    def right_labels(self) -> str:
        return ", ".join(p.label for p in self.right)


@dataclass(frozen=True)
class GhostView:
    """Where a moved paragraph stands in the other order, linking to its row and back."""

    anchor: str
    row_anchor: str
    row_number: int
    side: Side
    labels: str  # labels on ``side``
    other_labels: str
    row_above: bool  # the row is above this marker
    is_ghost: bool = True


@dataclass(frozen=True)
class KeywordView:
    index: int
    text: str
    css: str
    left_hits: int
    right_hits: int


@dataclass(frozen=True)
class PhraseView:
    index: int
    text: str
    left_labels: str
    right_labels: str
    also_in: str
    right_texts: tuple[str, ...] = ()  # the right document's words where it prints the phrase otherwise


@dataclass(frozen=True)
class KindCount:
    kind: PairKind
    count: int
    x: float  # left edge in the SVG bar (0-100)
    width: float


@dataclass(frozen=True)
class SummaryView:
    kinds: tuple[KindCount, ...]
    pairs: int
    reused_percent: float
    changed_pairs: int


@dataclass(frozen=True)
class ReportView:
    layout: Layout
    left: DocView
    right: DocView
    entries: tuple[RowView | GhostView, ...]
    rows: tuple[RowView, ...]
    summary: SummaryView
    keywords: tuple[KeywordView, ...]
    phrases: tuple[PhraseView, ...]
    threshold: float
    min_phrase_words: int
    generated_iso: str
    generated_text: str
    version: str
    has_phrases: bool = field(default=False)
    has_also_in: bool = field(default=False)  # a corpus trace filled the phrases' "also in"
    # How a moved paragraph's other place is named: "old"/"new" only when the dates say which is older.
    place_words: tuple[str, str] = ("left", "right")


def build_view(
    c: Comparison,
    *,
    layout: Layout = "side-by-side",
    keywords: Sequence[Keyword] = (),
    generated: datetime | None = None,
) -> ReportView:
    """Turn a comparison into the report's content."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; choose one of {', '.join(LAYOUTS)}")
    if not keywords:
        keywords = [Keyword(k) for k in c.options.keywords]
    keywords = [kw for kw in keywords if kw.text.strip()]  # an empty keyword marks nothing
    kw_hits = {
        "left": _keyword_hits(c.left, keywords),
        "right": _keyword_hits(c.right, keywords),
    }
    phrase_marks = {"left": _phrase_marks(c, "left"), "right": _phrase_marks(c, "right")}
    shown_left = {i for pair in c.alignment.pairs for i in pair.left}
    shown_right = {i for pair in c.alignment.pairs for i in pair.right}

    rows: list[RowView] = []
    for number, (pair, ops) in enumerate(zip(c.alignment.pairs, c.diffs, strict=True), start=1):
        rows.append(_row(c, number, pair, ops, kw_hits, phrase_marks))
    rows, ghosts = _place_ghosts(c, rows)
    entries: list[RowView | GhostView] = []
    for pos, row in enumerate(rows):
        entries.extend(ghosts.get(pos, ()))
        entries.append(row)
    entries.extend(ghosts.get(len(rows), ()))

    when = generated or datetime.now(UTC)
    left_role, right_role = side_roles(c.left, c.right)
    order = {("Earlier text", "Later text"): ("old", "new"), ("Later text", "Earlier text"): ("new", "old")}
    return ReportView(
        layout=layout,
        left=replace(_doc_view(c.left, "left", shown_left), role=left_role),
        right=replace(_doc_view(c.right, "right", shown_right), role=right_role),
        entries=tuple(entries),
        rows=tuple(rows),
        summary=_summary(c),
        keywords=tuple(
            KeywordView(
                i,
                _keyword_text(kw),
                f"kw{i % KEYWORD_COLOURS}",
                sum(len(v) for v in kw_hits["left"][i].values()),
                sum(len(v) for v in kw_hits["right"][i].values()),
            )
            for i, kw in enumerate(keywords)
        ),
        phrases=tuple(_phrase_views(c)),
        threshold=c.alignment.threshold,
        min_phrase_words=c.options.min_phrase_words,
        generated_iso=when.isoformat(timespec="seconds"),
        generated_text=_when_text(when),
        version=__version__,
        has_phrases=bool(c.shared_phrases),
        has_also_in=any(p.also_in for p in c.shared_phrases),
        place_words=order.get((left_role, right_role), ("left", "right")),
    )


_DRAFT_SYMBOL = re.compile(r"/L\.\d|/CRP\.\d|\bdraft\b", re.IGNORECASE)


def _is_draft(doc: Document) -> bool:
    """A draft: a symbol of the L. or CRP. series, or a text with neither symbol nor date nor title
    (a file the analyst is working on)."""
    md = doc.metadata
    return bool(_DRAFT_SYMBOL.search(md.symbol)) or not (md.symbol or md.date or md.title)


def side_roles(left: Document, right: Document) -> tuple[str, str]:
    """What each side is, as far as is known: "Earlier text" and "Later text" only when both dates
    say so; a draft is "Draft"; otherwise its date, or just "Left text"/"Right text"."""
    a, b = left.metadata.date, right.metadata.date
    # "2006-03" and "2006-03-15" (or the same date twice) say nothing of which came first
    comparable = a and b and not a.startswith(b) and not b.startswith(a)
    if comparable and not _is_draft(left) and not _is_draft(right):
        return ("Earlier text", "Later text") if a < b else ("Later text", "Earlier text")

    def role(doc: Document, side: str) -> str:
        if _is_draft(doc):
            return "Draft"
        return doc.metadata.date or f"{side} text"

    return role(left, "Left"), role(right, "Right")


def _keyword_text(kw: Keyword) -> str:
    """The keyword as typed, with how it was searched when that is not the default."""
    how = [
        name
        for name, on in (
            ("fuzzy", kw.fuzzy),
            ("case-sensitive", kw.case_sensitive),
            ("partial words", not kw.whole_word),
        )
        if on
    ]
    return f"{kw.text} ({', '.join(how)})" if how else kw.text


def _when_text(when: datetime) -> str:
    if when.tzinfo is None:
        return when.strftime("%d %B %Y, %H:%M")
    return when.astimezone(UTC).strftime("%d %B %Y, %H:%M UTC")


# -- documents -----------------------------------------------------------------------------------


def _doc_view(doc: Document, side: Side, shown: set[int]) -> DocView:
    md = doc.metadata
    prefix = "L" if side == "left" else "R"
    notes = []
    for f in doc.footnotes:
        para_anchor = None
        if f.label is not None:
            try:
                i = doc.index_of(f.label)
            except KeyError:
                i = -1
            if i in shown:
                para_anchor = f"{prefix}{i}"
        notes.append(FootnoteView(f.number, f.text, f.label, f"fn-{prefix}-{f.number}", para_anchor))
    return DocView(
        side=side,
        name=doc.display_name,
        symbol=md.symbol,
        body=md.body,
        title=md.title,
        date=md.date,
        session=md.session,
        meeting=md.meeting,
        id=doc.id,
        source=PurePath(doc.path).name if doc.path else "",
        preambular=sum(1 for p in doc.paragraphs if p.part == "preamble"),
        operative=sum(1 for p in doc.paragraphs if p.part == "operative"),
        footnotes=tuple(notes),
        warnings=doc.warnings,
        set_aside_words=sum(len(a.text.split()) for a in doc.set_aside),
    )


# -- highlights ----------------------------------------------------------------------------------


def _keyword_hits(doc: Document, keywords: Sequence[Keyword]) -> list[dict[int, list[tuple[int, int]]]]:
    """Per keyword, per paragraph index: the character spans it matches."""
    out: list[dict[int, list[tuple[int, int]]]] = []
    for kw in keywords:
        per: dict[int, list[tuple[int, int]]] = {}
        for i, p in enumerate(doc.paragraphs):
            spans = find_keyword(p.text, kw)
            if spans:
                per[i] = list(spans)
        out.append(per)
    return out


def _phrase_marks(c: Comparison, side: Side) -> dict[int, list[Mark]]:
    marks: dict[int, list[Mark]] = {}
    for ref, phrase in enumerate(c.shared_phrases):
        for span in phrase.left if side == "left" else phrase.right:
            marks.setdefault(span.paragraph, []).append(Mark(span.start, span.end, "phrase", ref))
    return marks


def _phrase_views(c: Comparison) -> list[PhraseView]:
    views = []
    for i, ph in enumerate(c.shared_phrases):
        views.append(
            PhraseView(
                i,
                ph.text,
                _span_labels(c.left, [s.paragraph for s in ph.left]),
                _span_labels(c.right, [s.paragraph for s in ph.right]),
                also_in_text(ph.also_in, ph.word_for_word),
                right_wordings(c.left, c.right, ph),
            )
        )
    return views


def _span_labels(doc: Document, indices: Sequence[int]) -> str:
    labels = [doc.paragraphs[i].label for i in indices if 0 <= i < len(doc.paragraphs)]
    return ", ".join(dict.fromkeys(labels))


# -- rows ----------------------------------------------------------------------------------------


def _row(
    c: Comparison,
    number: int,
    pair: Pair,
    ops: Sequence[DiffOp],
    kw_hits: dict[str, list[dict[int, list[tuple[int, int]]]]],
    phrase_marks: dict[str, dict[int, list[Mark]]],
) -> RowView:
    left_paras, left_stream, left_ok = _side(c.left, pair.left, ops, "left", kw_hits, phrase_marks)
    right_paras, right_stream, right_ok = _side(c.right, pair.right, ops, "right", kw_hits, phrase_marks)
    ok = left_ok and right_ok
    redline = _interleave(ops, left_stream, right_stream) if ok else _fallback(left_stream, right_stream)
    return RowView(
        number=number,
        anchor=f"pair-{number}",
        kind=pair.kind,
        score=pair.score,
        left=left_paras,
        right=right_paras,
        redline=tuple(redline),
        diff_ok=ok,
    )


def _side(
    doc: Document,
    indices: Sequence[int],
    ops: Sequence[DiffOp],
    side: Side,
    kw_hits: dict[str, list[dict[int, list[tuple[int, int]]]]],
    phrase_marks: dict[str, dict[int, list[Mark]]],
) -> tuple[tuple[ParaView, ...], list[Run], bool]:
    """One side of a row: its paragraphs cut into runs, and the same runs as one stream.

    The stream joins the paragraphs with separator runs, as the diff joins their
    texts with one newline; the redline layout walks it op by op.
    """
    prefix = "L" if side == "left" else "R"
    paras = [doc.paragraphs[i] for i in indices]
    joined = "\n".join(p.text for p in paras)
    ranges = side_op_ranges(ops, side, joined)
    ok = ranges is not None
    if ranges is None:
        ranges = []
    views: list[ParaView] = []
    stream: list[Run] = []
    base = 0
    for n, (i, p) in enumerate(zip(indices, paras, strict=True)):
        end = base + len(p.text)
        local = [
            OpRange(r.start - base, r.end - base, r.tag) for r in ranges if r.end > base and r.start < end
        ]
        marks = list(phrase_marks[side].get(i, ()))
        for k, per in enumerate(kw_hits[side]):
            marks.extend(Mark(s, e, "keyword", k) for s, e in per.get(i, ()))
        runs = cut(p.text, local, marks, [(m.offset, m.number) for m in p.markers])
        views.append(ParaView(p.label, f"{prefix}{i}", tuple(runs)))
        stream.extend(runs)
        if n + 1 < len(paras):
            tag: DiffTag = next((r.tag for r in ranges if r.start <= end < r.end), "equal")
            stream.append(Run("\n", tag, separator=True))
        base = end + 1
    return tuple(views), stream, ok


def _interleave(ops: Sequence[DiffOp], left: list[Run], right: list[Run]) -> list[Run]:
    """The redline: ops in order, equal and deleted text from the left runs, inserted from the right.

    Runs are cut at op boundaries, so each op takes whole runs; a footnote
    marker goes with the text just before it.
    """
    out: list[Run] = []
    li = ri = 0

    def take(stream: list[Run], pos: int, length: int, keep: bool) -> int:
        while pos < len(stream) and length > 0:
            if keep:
                out.append(stream[pos])
            length -= len(stream[pos].text)
            pos += 1
        while pos < len(stream) and not stream[pos].text:  # markers glued to the text before
            if keep:
                out.append(stream[pos])
            pos += 1
        return pos

    for tag, piece in ops:
        if not piece:
            continue
        if tag == "equal":
            li = take(left, li, len(piece), True)
            ri = take(right, ri, len(piece), False)
        elif tag == "delete":
            li = take(left, li, len(piece), True)
        else:
            ri = take(right, ri, len(piece), True)
    out.extend(left[li:])
    return out


def _fallback(left: list[Run], right: list[Run]) -> list[Run]:
    """Without a usable diff, the redline shows the old text struck and the new inserted."""
    return [Run(r.text, "delete", r.phrases, r.keywords, r.footnote, r.separator) for r in left] + [
        Run(r.text, "insert", r.phrases, r.keywords, r.footnote, r.separator) for r in right
    ]


# -- moved pairs ---------------------------------------------------------------------------------


def _place_ghosts(c: Comparison, rows: list[RowView]) -> tuple[list[RowView], dict[int, list[GhostView]]]:
    """Mark where each moved pair stands in the other document's order.

    A row is shown once, where the alignment puts it. If that place is far from
    where its paragraph stood on one side (counted in non-moved rows between),
    a marker is put at that other place; the marker and the row link to each
    other. No marker when the row already sits in both orders.
    """
    pairs = c.alignment.pairs
    ghosts: dict[int, list[GhostView]] = {}
    out = list(rows)
    for k, pair in enumerate(pairs):
        if pair.kind != "moved" or not pair.left or not pair.right:
            continue
        best: tuple[int, int, Side] | None = None  # (distance, slot, side)
        sides: tuple[Side, Side] = ("left", "right")
        for side in sides:
            own = min(pair.left if side == "left" else pair.right)
            refs = [
                (j, min(p.left if side == "left" else p.right))
                for j, p in enumerate(pairs)
                if j != k and p.kind != "moved" and (p.left if side == "left" else p.right)
            ]
            slot = next((j for j, first in refs if first > own), len(pairs))
            if slot > k:
                distance = sum(1 for j, _ in refs if k < j < slot)
            else:
                distance = sum(1 for j, _ in refs if slot <= j < k)
            if distance > 0 and (best is None or distance > best[0]):
                best = (distance, slot, side)
        if best is None:
            continue
        _, slot, side = best
        row = rows[k]
        anchor = f"moved-{row.number}"
        ghosts.setdefault(slot, []).append(
            GhostView(
                anchor=anchor,
                row_anchor=row.anchor,
                row_number=row.number,
                side=side,
                labels=row.left_labels if side == "left" else row.right_labels,
                other_labels=row.right_labels if side == "left" else row.left_labels,
                row_above=slot > k,
            )
        )
        out[k] = replace(row, ghost_anchor=anchor, ghost_above=slot <= k, ghost_side=side)
    return out, ghosts


# -- summary -------------------------------------------------------------------------------------


def _summary(c: Comparison) -> SummaryView:
    s = summarize(c)
    total = sum(s.counts.get(k, 0) for k in PAIR_KINDS)
    kinds = []
    x = 0.0
    for k in PAIR_KINDS:
        n = s.counts.get(k, 0)
        width = 100.0 * n / total if total else 0.0
        kinds.append(KindCount(k, n, round(x, 3), round(width, 3)))
        x += width
    share = s.reused_share
    percent = share * 100.0 if share <= 1.0 else share
    return SummaryView(
        kinds=tuple(kinds),
        pairs=total,
        reused_percent=round(percent, 1),
        changed_pairs=total - s.counts.get("identical", 0),
    )
