"""Report: a Comparison -> one self-contained HTML file an analyst can send on.

May import every other core package; never Qt.

``render_html`` gives the page as a string; ``write_report`` writes it
atomically. Both render the same Comparison the reader shows on screen.
"""

from __future__ import annotations

from reader.core.report.render import render_html, suggested_filename, write_report
from reader.core.report.view import LAYOUTS, Layout

__all__ = ["LAYOUTS", "Layout", "render_html", "suggested_filename", "write_report"]
