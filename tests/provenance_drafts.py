"""Drafts with known provenance, composed from the bundled corpus's real paragraphs.

Each draft paragraph records how it was made (copied, edited, moved from the
preamble to the operative part, joined from two sources, or new) and from
which seed paragraph(s), so tests can check every status and source against
how the draft was built rather than against numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reader.core.corpus.collection import Corpus
from reader.core.ingest.parse import load_document
from reader.core.model import Document


@dataclass(frozen=True)
class Made:
    label: str  # the draft paragraph's label
    how: str  # "copied", "edited", "moved", "joined", "new"
    origins: tuple[tuple[str, str], ...]  # (symbol, label) of the seed paragraph(s) used
    text: str


def seed_text(corpus: Corpus, symbol: str, label: str) -> str:
    doc = corpus.load_ref(symbol)
    return doc.paragraphs[doc.index_of(label)].text


def _words(text: str) -> list[str]:
    return text.rstrip(",;.:").split()


def compose(corpus: Corpus, folder: Path) -> tuple[Document, list[Made]]:
    """Write the draft to ``folder/draft.txt`` and return it parsed with what each paragraph is."""
    copied_pp = seed_text(corpus, "57/263", "PP1")
    moved_from = seed_text(corpus, "591(XXIX)", "PP4")  # "Taking note of the goals set forth ..."
    assert moved_from.startswith("Taking note of ")
    moved = "Takes note of " + moved_from[len("Taking note of ") :].rstrip(",") + ";"
    copied_op = seed_text(corpus, "62/209", "OP6")
    edited_from = seed_text(corpus, "591(XXIX)", "OP6(e)")  # "Strengthen the exchange of national ..."
    edited = "Also strengthens" + edited_from[len("Strengthen") :]
    edited = edited.replace("best practices", "lessons learned").rstrip(";.") + ";"
    first = _words(seed_text(corpus, "591(XXIX)", "OP3"))[:14]
    second = _words(seed_text(corpus, "57/263", "OP7"))[-14:]
    joined = " ".join(first) + ", and stresses " + " ".join(second) + ";"
    new_pp = "Welcoming the first regional meeting on laboratories for volcanic ash monitoring, held in Lima,"
    new_op = "Decides to convene a workshop on seismograph calibration for mountain observatories in 2031;"
    made = [
        Made("PP1", "new", (), new_pp),
        Made("PP2", "copied", (("57/263", "PP1"),), copied_pp),
        Made("OP1", "moved", (("591(XXIX)", "PP4"),), moved),
        Made("OP2", "copied", (("62/209", "OP6"), ("60/212", "OP5")), copied_op),
        Made("OP3", "edited", (("591(XXIX)", "OP6(e)"),), edited),
        Made("OP4", "joined", (("591(XXIX)", "OP3"), ("57/263", "OP7")), joined),
        Made("OP5", "new", (), new_op),
    ]
    lines = [
        "Draft resolution submitted for consultations",
        "",
        "Cooperation for development",
        "",
        "The General Assembly,",
        "",
    ]
    n = 0
    for m in made:
        if m.label.startswith("PP"):
            lines += [m.text, ""]
        else:
            n += 1
            lines += [f"{n}. {m.text}", ""]
    path = folder / "draft.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    draft = load_document(path)
    assert [p.label for p in draft.paragraphs] == [m.label for m in made]
    assert [p.text for p in draft.paragraphs] == [m.text for m in made]
    return draft, made
