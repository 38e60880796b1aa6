"""The ``find`` report: agreed language for a query as one self-contained, printable HTML file.

What the reader's "Find agreed language" panel shows, laid out for a colleague: the
query, then each family of adopted wording with its closeness score, how many times
and between which years it was adopted, where (every adoption, the first twelve named),
its text and the word changes that turn it into the query. Decided here as plain data;
the template (``find.html.j2``, autoescaped) only lays it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from reader import __version__
from reader.core.find.engine import Occurrence
from reader.core.find.finder import FindResult, FoundFamily
from reader.core.model import DiffTag
from reader.core.report.render import environment
from reader.core.report.target import write_html

TEMPLATE = "find.html.j2"
MAX_PLACES = 12  # adoptions named per family; the rest are counted


@dataclass(frozen=True)
class FamilyView:
    rank: int
    score: float
    count: int
    years: str  # "2015–2024", or one year
    first: str  # "S/RES/2206 (2015) PP28"
    last: str
    text: str
    places: tuple[str, ...]
    more_places: int
    bodies: str
    diff: tuple[tuple[DiffTag, str], ...]
    same: bool  # the query is this wording already


@dataclass(frozen=True)
class FindView:
    query: str
    version: str
    generated: str
    families: int
    filters: str
    results: tuple[FamilyView, ...]


def place(o: Occurrence) -> str:
    """Where one adoption is: "60/212 OP4 (2005)" (the document's id when it has no symbol)."""
    year = f" ({o.year})" if o.year is not None else ""
    return f"{o.symbol or o.id} {o.label}{year}"


def year_span(f: FoundFamily) -> str:
    first, last = f.family.first.year, f.family.last.year
    if first is None:
        return "year unknown"
    return str(first) if first == last else f"{first}–{last}"


def _family(rank: int, f: FoundFamily) -> FamilyView:
    occ = f.family.occurrences
    bodies = sorted({o.body for o in occ if o.body})
    return FamilyView(
        rank=rank,
        score=f.score,
        count=f.family.count,
        years=year_span(f),
        first=place(f.family.first),
        last=place(f.family.last),
        text=f.text,
        places=tuple(place(o) for o in occ[:MAX_PLACES]),
        more_places=max(len(occ) - MAX_PLACES, 0),
        bodies=", ".join(bodies),
        diff=tuple(f.diff),
        same=all(tag == "equal" for tag, _ in f.diff),
    )


def filters_text(r: FindResult) -> str:
    parts = []
    if r.filters.bodies:
        parts.append("adopted by " + " or ".join(r.filters.bodies))
    if r.filters.since is not None:
        parts.append(f"from {r.filters.since}")
    if r.filters.until is not None:
        parts.append(f"until {r.filters.until}")
    return ", ".join(parts)


def build_view(r: FindResult, *, generated: datetime | None = None) -> FindView:
    when = (generated or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    return FindView(
        query=r.query,
        version=__version__,
        generated=when,
        families=r.families,
        filters=filters_text(r),
        results=tuple(_family(n, f) for n, f in enumerate(r.results, 1)),
    )


def render_find_html(r: FindResult, *, generated: datetime | None = None) -> str:
    """The whole report: inline CSS, no script, no external resource."""
    return environment().get_template(TEMPLATE).render(v=build_view(r, generated=generated))


def write_find_report(
    path: str | Path, r: FindResult, *, force: bool = False, generated: datetime | None = None
) -> None:
    """Render and write atomically; an existing file only with ``force`` (InputError otherwise)."""
    write_html(path, lambda: render_find_html(r, generated=generated), force=force)
