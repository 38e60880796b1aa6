"""File → Export Report…: ask where (and whether to replace), then let the core write it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from reader.core.compare.keywords import Keyword
from reader.core.errors import InputError
from reader.core.model import Comparison

Layout = Literal["side-by-side", "redline"]
SIDE_FILTER = "HTML report, side by side (*.html)"
REDLINE_FILTER = "HTML report, single-column redline (*.html)"


def write(
    path: str, comparison: Comparison, keywords: tuple[Keyword, ...], *, layout: Layout, force: bool
) -> str:
    """Write the report; '' on success, else one sentence saying why not (nothing is changed)."""
    from reader.core.report import write_report

    return written(
        path, lambda: write_report(path, comparison, force=force, layout=layout, keywords=keywords)
    )


def written(path: str, write: Callable[[], object]) -> str:
    """Run a report writer: '' on success, else one sentence saying why not (nothing is changed)."""
    try:
        write()
    except InputError as exc:
        return f"Could not write the report {exc.source}: {exc.reason}"
    except OSError as exc:
        return f"Could not write the report {path}: {exc.strerror or exc}"
    return ""


@dataclass(frozen=True)
class ExportChoice:
    path: str
    layout: Layout
    force: bool


def ask(parent: QWidget, comparison: Comparison) -> ExportChoice | None:
    """The save dialog (layout chosen by file type) and, for an existing file, a confirmation."""
    c = comparison
    name = f"{c.left.display_name}-vs-{c.right.display_name}.html".replace("/", "-")
    found = ask_path(parent, name, f"{SIDE_FILTER};;{REDLINE_FILTER}", SIDE_FILTER)
    if found is None:
        return None
    path, chosen, force = found
    return ExportChoice(path, "redline" if chosen == REDLINE_FILTER else "side-by-side", force)


def ask_path(parent: QWidget, name: str, filters: str, selected: str) -> tuple[str, str, bool] | None:
    """Where to save a report: (path ending in .html, the filter chosen, replace an existing file).

    None when the user cancels the dialog or declines to replace the file. Every report the reader
    exports asks this way.
    """
    path, chosen = QFileDialog.getSaveFileName(
        parent, "Export report", name, filters, selected, QFileDialog.Option.DontConfirmOverwrite
    )
    if not path:
        return None
    if not path.lower().endswith((".html", ".htm")):
        path += ".html"
    force = False
    if Path(path).exists():
        answer = QMessageBox.question(
            parent,
            "Replace report?",
            f"{Path(path).name} already exists. Replace it?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        force = True
    return path, chosen, force
