"""Words the window shows: status-bar summary, selected-pair line, About and Legend (no Qt)."""

from __future__ import annotations

from reader import __version__
from reader.core.compare.summary import Summary
from reader.core.model import Comparison
from reader.gui.theme import KIND_GLYPHS, Theme

APP_TITLE = "Resolution Reader"
KIND_ORDER = ("identical", "modified", "moved", "added", "removed")


def summary_text(c: Comparison, s: Summary) -> str:
    """'27 pairs:  = 4 identical  ~ 7 modified … │ 45% of 62/209 reused from 60/212 │ threshold 40'."""
    parts = [f"{KIND_GLYPHS[k]} {s.counts.get(k, 0)} {k}" for k in KIND_ORDER if s.counts.get(k, 0)]
    return (
        f"{len(c.alignment.pairs)} pairs:  "
        + "   ".join(parts)
        + f"   \u2502   {s.reused_share * 100:.0f}% of {c.right.display_name}"
        + f" reused from {c.left.display_name}"
        + f"   \u2502   threshold {c.alignment.threshold:.0f}"
    )


def pair_text(c: Comparison, k: int) -> str:
    """'OP4 ↔ OP4  ·  modified  ·  score 63' for the selected pair."""
    pair = c.alignment.pairs[k]
    left = ", ".join(c.left.paragraphs[i].label for i in pair.left) or "\u2014"
    right = ", ".join(c.right.paragraphs[i].label for i in pair.right) or "\u2014"
    return f"{left} \u2194 {right}  \u00b7  {pair.kind}  \u00b7  score {pair.score:.0f}"


def about_html(documents: int) -> str:
    return (
        f"<h3>{APP_TITLE} {__version__}</h3>"
        "<p>Compare resolutions and their drafts side by side: aligned paragraphs, "
        "word-level changes and the agreed language that recurs across years.</p>"
        f"<p>Corpus: {documents} documents. Everything runs offline on this computer.</p>"
    )


def legend_html(t: Theme) -> str:
    rows = [
        f"<tr><td style='background:{t.kind_tint[k]}; color:{t.kind_line[k]}; padding:3px 8px'>"
        f"<b>{KIND_GLYPHS[k]}</b></td><td style='padding:3px 8px'>{k}</td></tr>"
        for k in KIND_ORDER
    ]
    return (
        "<p><b>Gutter links and paragraph tints</b> (the badge and pattern tell the kind, "
        "not only the colour; added/removed links are hatched, moved links dashed and cross "
        "the others)</p>"
        f"<table>{''.join(rows)}</table>"
        f"<p><span style='background:{t.delete_bg}; text-decoration:line-through'>"
        "struck on a rose tint</span>: words deleted (left side)<br>"
        f"<span style='background:{t.insert_bg}'>green tint</span>: words inserted (right side)<br>"
        f"<span style='text-decoration:underline; color:{t.phrase}'>dotted blue-green underline</span>: "
        "recurring language shared by both (hover to see where else it occurs)<br>"
        "Bright backgrounds: your keywords. Blue superscript numbers: footnotes (hover to read).</p>"
    )
