"""``history --html``: the grid and every lineage's versions as one self-contained, printable page.

Rendered with the report's Jinja environment (autoescaping on: document text
reaches the page only as escaped text; no script). The template is
``reader/core/report/templates/history.html.j2``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reader import __version__
from reader.core.history.model import KIND_MARKS, KIND_MEANINGS, History
from reader.core.history.series import SeriesSearch
from reader.core.report.target import write_html

TEMPLATE = "history.html.j2"


@dataclass(frozen=True)
class _Cell:
    kind: str  # a version kind, or "absent"
    text: str  # label(s) and mark
    anchor: str  # the version's place in the lineage list ("" when absent)


@dataclass(frozen=True)
class _VersionView:
    anchor: str
    doc: str  # "60/212 (2005)"
    labels: str
    kind: str
    score: float
    runs: tuple[tuple[str, str], ...]  # ("equal"|"insert"|"delete", text); an origin is one "equal" run
    previous: str  # the document it is compared with ("" for an origin)
    note: str  # split / merge / restored


@dataclass(frozen=True)
class _LineageView:
    number: int
    anchor: str
    title: str  # "first appeared in 57/263 (2002) as PP2"
    changed: bool
    snippet: str  # the latest version's first words
    cells: tuple[_Cell, ...]
    versions: tuple[_VersionView, ...]


def _doc_name(history: History, k: int) -> str:
    d = history.documents[k]
    return f"{d.display_name} ({d.metadata.year})" if d.metadata.year else d.display_name


def build_view(history: History) -> list[_LineageView]:
    out: list[_LineageView] = []
    for n, lin in enumerate(history.lineages, start=1):
        cells: list[_Cell] = []
        versions: list[_VersionView] = []
        for v in lin.versions:
            if v is None:
                cells.append(_Cell("absent", KIND_MARKS["absent"], ""))
                continue
            anchor = f"l{n}-d{v.document}"
            labels = ", ".join(v.labels)
            cells.append(_Cell(v.kind, f"{labels} {KIND_MARKS[v.kind]}", anchor))
            notes = []
            if v.previous is not None and v.document - v.previous > 1:
                gone = ", ".join(_doc_name(history, k) for k in range(v.previous + 1, v.document))
                notes.append(f"restored: not in {gone}")
            if v.split_from is not None:
                notes.append(f"split off from lineage {v.split_from + 1}")
            if v.merged_from:
                notes.append("merged with lineage " + ", ".join(str(m + 1) for m in v.merged_from))
            versions.append(
                _VersionView(
                    anchor=anchor,
                    doc=_doc_name(history, v.document),
                    labels=labels,
                    kind=v.kind,
                    score=v.score,
                    runs=tuple(v.diff) if v.diff else (("equal", v.text),),
                    previous="" if v.previous is None else _doc_name(history, v.previous),
                    note="; ".join(notes),
                )
            )
        first = lin.first
        title = f"first appeared in {_doc_name(history, first.document)} as {', '.join(first.labels)}"
        last = lin.present[-1].text
        snippet = last if len(last) <= 110 else last[:110].rsplit(" ", 1)[0] + " …"
        out.append(_LineageView(n, f"l{n}", title, lin.changed, snippet, tuple(cells), tuple(versions)))
    return out


def render_history_html(
    history: History, search: SeriesSearch | None = None, *, generated: datetime | None = None
) -> str:
    from reader.core.report.render import environment

    docs = [
        {
            "name": d.display_name,
            "year": d.metadata.year or "",
            "title": d.metadata.title,
            "date": d.metadata.date,
            "body": d.metadata.body,
            "paragraphs": len(d.paragraphs),
        }
        for d in history.documents
    ]
    lineages = build_view(history)
    return (
        environment()
        .get_template(TEMPLATE)
        .render(
            docs=docs,
            lineages=lineages,
            changed=sum(1 for lin in lineages if lin.changed),
            notes=history.notes,
            search=search,
            marks=KIND_MARKS,
            meanings=KIND_MEANINGS,
            threshold=history.threshold,
            restore_threshold=history.restore_threshold,
            version=__version__,
            generated=(generated or datetime.now().astimezone()).strftime("%Y-%m-%d %H:%M"),
        )
    )


def write_history_report(
    path: str | Path,
    history: History,
    search: SeriesSearch | None = None,
    *,
    force: bool = False,
    generated: datetime | None = None,
) -> None:
    """Render and write atomically; an existing file only with ``force``; bad places are InputErrors."""
    write_html(path, lambda: render_history_html(history, search, generated=generated), force=force)
