"""The provenance report: one self-contained, printable HTML file for a draft checked against the corpus.

As with the comparison report, everything shown is decided here as plain data
and the template (``provenance.html.j2``, autoescaped) only lays it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePath

from reader import __version__
from reader.core.model import DiffTag
from reader.core.provenance.model import ParagraphProvenance, Provenance, Status
from reader.core.provenance.style import STATUS_COLOUR, STATUS_MEANING, STATUS_SYMBOL, year_colour, year_range
from reader.core.report.render import environment
from reader.core.report.target import write_html

TEMPLATE = "provenance.html.j2"
MAX_SOURCES = 12  # sources listed per paragraph; the rest are counted


@dataclass(frozen=True)
class TextRun:
    text: str
    colour: str | None  # underline colour of an agreed phrase (its oldest year)
    origin: str | None  # "57/263 PP2 (2002)" for a phrase


@dataclass(frozen=True)
class SourceView:
    name: str
    label: str
    year: str
    score: float
    agreed: bool
    earliest: bool


@dataclass(frozen=True)
class ParaView:
    label: str
    status: Status
    symbol: str
    colour: str
    runs: tuple[TextRun, ...]
    sources: tuple[SourceView, ...]
    more_sources: int
    earliest: str
    best: str
    diff: tuple[tuple[DiffTag, str], ...]
    anchor: str


@dataclass(frozen=True)
class StatusView:
    status: Status
    symbol: str
    colour: str
    meaning: str
    count: int


@dataclass(frozen=True)
class Bar:
    year: int
    words: int
    x: float
    y: float
    width: float
    height: float
    colour: str
    label_x: float
    tick: bool  # its year written under it (not where it would run into the year before)


@dataclass(frozen=True)
class ReportView:
    name: str
    title: str
    date: str
    source: str
    version: str
    generated: str
    sentence: str
    share: int
    compared: int
    min_score: float
    left_out: tuple[str, ...]
    statuses: tuple[StatusView, ...]
    bars: tuple[Bar, ...]
    chart_width: int
    chart_height: int
    chart_max: int
    scale: tuple[tuple[int, str], ...]  # year legend
    paragraphs: tuple[ParaView, ...]


_CHART_W, _CHART_H, _PAD_L, _PAD_B, _PAD_T = 720, 190, 44, 26, 14
_YEAR_LABEL_W = 32  # a four-digit year at the chart's 11 px, and a gap


def _bars(words_by_year: tuple[tuple[int, int], ...], first: int, last: int) -> tuple[tuple[Bar, ...], int]:
    if not words_by_year:
        return (), 0
    top = max(n for _, n in words_by_year)
    years = list(range(first, last + 1))
    slot = (_CHART_W - _PAD_L - 8) / len(years)
    width = max(min(slot * 0.7, 48.0), 3.0)
    counts = dict(words_by_year)
    plot_h = _CHART_H - _PAD_B - _PAD_T
    bars = []
    last_tick = float("-inf")
    for k, year in enumerate(years):
        n = counts.get(year, 0)
        if not n:
            continue
        h = max(plot_h * n / top, 1.5)
        x = _PAD_L + k * slot + (slot - width) / 2
        middle = x + width / 2
        tick = middle - last_tick >= _YEAR_LABEL_W
        if tick:
            last_tick = middle
        bars.append(
            Bar(
                year,
                n,
                round(x, 1),
                round(_PAD_T + plot_h - h, 1),
                round(width, 1),
                round(h, 1),
                year_colour(year, first, last),
                round(middle, 1),
                tick,
            )
        )
    return tuple(bars), top


def _runs(p: ParagraphProvenance, first: int, last: int) -> tuple[TextRun, ...]:
    out: list[TextRun] = []
    at = 0
    for ph in p.phrases:
        if ph.start > at:
            out.append(TextRun(p.text[at : ph.start], None, None))
        colour = year_colour(ph.doc.year, first, last) if ph.doc.year is not None else "#5d6778"
        origin = f"{ph.doc.name} {ph.label} ({ph.doc.year or 'year unknown'})"
        out.append(TextRun(p.text[ph.start : ph.end], colour, origin))
        at = ph.end
    if at < len(p.text):
        out.append(TextRun(p.text[at:], None, None))
    return tuple(out)


def _para(p: ParagraphProvenance, first: int, last: int) -> ParaView:
    e = p.earliest
    sources = tuple(
        SourceView(s.doc.name, s.label, str(s.doc.year or ""), s.score, s.agreed, s is e)
        for s in p.sources[:MAX_SOURCES]
    )
    b = p.best
    return ParaView(
        label=p.label,
        status=p.status,
        symbol=STATUS_SYMBOL[p.status],
        colour=STATUS_COLOUR[p.status],
        runs=_runs(p, first, last),
        sources=sources,
        more_sources=max(p.source_count - len(sources), 0),
        earliest=f"{e.doc.name} {e.label} ({e.doc.year or 'year unknown'})" if e else "",
        best=f"{b.doc.name} {b.label}" if b else "",
        diff=tuple(p.diff) if p.status != "agreed" else (),
        anchor=f"p-{p.index}",
    )


def build_view(r: Provenance, *, generated: datetime | None = None) -> ReportView:
    years = [y for y, _ in r.summary.words_by_year]
    years += [ph.doc.year for p in r.paragraphs for ph in p.phrases if ph.doc.year is not None]
    first, last = year_range(years)
    bars, top = _bars(r.summary.words_by_year, first, last)
    scale_years = sorted({first, last, *(b.year for b in bars)}) if years else []
    md = r.draft.metadata
    counts = {"agreed": r.summary.agreed, "adapted": r.summary.adapted, "new": r.summary.new}
    when = (generated or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    return ReportView(
        name=md.symbol or r.draft.id,
        title=md.title,
        date=md.date,
        source=PurePath(r.draft.path).name if r.draft.path else "",
        version=__version__,
        generated=when,
        sentence=r.summary.sentence(),
        share=round(100 * r.summary.agreed_word_share),
        compared=r.compared,
        min_score=r.min_score,
        left_out=r.left_out,
        statuses=tuple(
            StatusView(s, STATUS_SYMBOL[s], STATUS_COLOUR[s], STATUS_MEANING[s], counts[s])
            for s in ("agreed", "adapted", "new")
        ),
        bars=bars,
        chart_width=_CHART_W,
        chart_height=_CHART_H,
        chart_max=top,
        scale=tuple((y, year_colour(y, first, last)) for y in scale_years),
        paragraphs=tuple(_para(p, first, last) for p in r.paragraphs),
    )


def render_provenance_html(r: Provenance, *, generated: datetime | None = None) -> str:
    """The whole report: inline CSS and SVG, no script, no external resource."""
    return environment().get_template(TEMPLATE).render(v=build_view(r, generated=generated))


def write_provenance_report(
    path: str | Path, r: Provenance, *, force: bool = False, generated: datetime | None = None
) -> None:
    """Render and write atomically; an existing file only with ``force`` (InputError otherwise)."""
    write_html(path, lambda: render_provenance_html(r, generated=generated), force=force)


def suggested_filename(r: Provenance) -> str:
    import re

    name = re.sub(r"[^0-9A-Za-z()_.-]+", "-", r.draft.metadata.symbol or r.draft.id).strip("-.") or "draft"
    return f"{name}_provenance.html"
