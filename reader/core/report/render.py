"""Render a comparison as one self-contained HTML file, and write it safely.

The template and stylesheet are package data read through importlib.resources,
so they load the same way from a source tree, a wheel or a PyInstaller bundle
(which must collect ``reader/core/report/templates/*``). Autoescaping is on for
every template: document text reaches the page only as escaped text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.compare.keywords import Keyword
from reader.core.model import Comparison
from reader.core.report.target import write_html
from reader.core.report.view import KEYWORD_COLOURS, Layout, build_view

if TYPE_CHECKING:
    import jinja2

TEMPLATE = "report.html.j2"
_UNSAFE = re.compile(r"[^0-9A-Za-z()_.-]+")


def _load(name: str) -> str | None:
    """Template source from the package's templates folder (None if absent)."""
    if "/" in name or "\\" in name or name.startswith("."):
        return None
    entry = resources.files("reader.core.report").joinpath("templates", name)
    if not entry.is_file():
        return None
    return entry.read_text(encoding="utf-8")


@cache
def environment() -> jinja2.Environment:
    """The one Jinja environment, autoescaping everything, strict about undefined names.

    Jinja2 is imported here, when a report is rendered: a command that prints JSON or a table
    imports the report modules without paying for it.
    """
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(_load),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["keyword_colours"] = KEYWORD_COLOURS
    return env


def render_html(
    comparison: Comparison,
    *,
    layout: Layout = "side-by-side",
    keywords: Sequence[Keyword] = (),
    generated: datetime | None = None,
) -> str:
    """The whole report as one HTML document: inline CSS, no script, no external resource.

    ``keywords`` default to the comparison's own keyword options; ``generated``
    (default: now) is printed as the time the report was made.
    """
    view = build_view(comparison, layout=layout, keywords=keywords, generated=generated)
    return environment().get_template(TEMPLATE).render(v=view)


def write_report(
    path: str | Path,
    comparison: Comparison,
    *,
    force: bool = False,
    layout: Layout = "side-by-side",
    keywords: Sequence[Keyword] = (),
    generated: datetime | None = None,
) -> None:
    """Render the report and write it atomically to ``path``.

    An existing file is replaced only with ``force``; a folder, a missing parent
    folder or an unwritable place is an InputError, and nothing is changed.
    """
    write_html(
        path,
        lambda: render_html(comparison, layout=layout, keywords=keywords, generated=generated),
        force=force,
    )


def suggested_filename(comparison: Comparison, *, layout: Layout = "side-by-side") -> str:
    """A file name for the report that says what it compares: ``60-212_vs_62-209.html``.

    Only letters, digits and ``()_.-`` survive, so it is valid on every system.
    """

    def part(name: str) -> str:
        return _UNSAFE.sub("-", name).strip("-.") or "document"

    stem = f"{part(comparison.left.display_name)}_vs_{part(comparison.right.display_name)}"
    return f"{stem}{'_redline' if layout == 'redline' else ''}.html"
