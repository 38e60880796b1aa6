"""The data every layer passes around: documents, alignments, diffs, phrases.

These are plain frozen dataclasses so the GUI, the CLI and the HTML report all
render one and the same result object and can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

PairKind = Literal["identical", "modified", "moved", "added", "removed"]
PAIR_KINDS: tuple[PairKind, ...] = ("identical", "modified", "moved", "added", "removed")

DiffTag = Literal["equal", "delete", "insert"]


@dataclass(frozen=True)
class Footnote:
    number: int
    text: str
    label: str | None  # label of the paragraph that cites it, None if not cited


@dataclass(frozen=True)
class FootnoteMarker:
    """Where a removed footnote marker stood, so the reader can show it again."""

    offset: int  # character offset in Paragraph.text
    number: int


@dataclass(frozen=True)
class Paragraph:
    label: str  # "PP3", "OP4", "OP6(a)", "P2", "I.OP3", "Annex.12(a)" (DESIGN.md contract)
    text: str  # original characters, markers removed, page breaks joined
    markers: tuple[FootnoteMarker, ...] = ()

    @property
    def part(self) -> Literal["preamble", "operative"]:
        """Preamble for ``PP<n>`` under any section prefix ("B.PP2"); everything else acts."""
        return "preamble" if self.label.rpartition(".")[2].startswith("PP") else "operative"


@dataclass(frozen=True)
class Section:
    """A heading printed between paragraphs ("I. Follow-up to …", "Annex", a declaration's title).

    ``prefix`` is what the labels of the paragraphs after it carry ("I", "B", "Annex", "Annex.II"),
    empty when numbering runs on and labels need none; ``start`` indexes the first paragraph
    after the heading (``len(paragraphs)`` for a heading with none after it).
    """

    prefix: str
    title: str
    start: int


@dataclass(frozen=True)
class SetAside:
    """Input text that is in no paragraph, footnote or metadata field, and why."""

    text: str
    why: str


def year_of(date: str) -> int | None:
    """The year of an ISO date ("2005-12-22", "2006-03", "2005"), or None when it has none."""
    return int(date[:4]) if len(date) >= 4 and date[:4].isdigit() else None


@dataclass(frozen=True)
class Metadata:
    symbol: str = ""  # "60/212", "591(XXIX)"
    body: str = ""  # "General Assembly", "ECLAC"
    title: str = ""
    date: str = ""  # ISO: "2005-12-22" or "2006-03"
    session: str = ""
    meeting: str = ""
    notes: str = ""  # how the file was read, when that matters: "Word tracked changes accepted (…)"
    language: str = ""  # the text's language when not English: "fr" (ISO 639-1)

    @property
    def year(self) -> int | None:
        return year_of(self.date)


@dataclass(frozen=True)
class Document:
    id: str  # corpus id, or the file stem for a file outside the corpus
    path: str
    metadata: Metadata
    paragraphs: tuple[Paragraph, ...]
    footnotes: tuple[Footnote, ...] = ()
    sections: tuple[Section, ...] = ()
    set_aside: tuple[SetAside, ...] = ()  # every input word the parser placed nowhere else
    warnings: tuple[str, ...] = ()  # doubts a reader should see: numbering gaps, swollen footnotes

    def index_of(self, label: str) -> int:
        for i, p in enumerate(self.paragraphs):
            if p.label == label:
                return i
        raise KeyError(label)

    @property
    def display_name(self) -> str:
        return self.metadata.symbol or self.id


@dataclass(frozen=True)
class Pair:
    """One row of an alignment: paragraph indices on each side (either may be empty)."""

    left: tuple[int, ...]
    right: tuple[int, ...]
    kind: PairKind
    score: float  # 0-100


@dataclass(frozen=True)
class Alignment:
    pairs: tuple[Pair, ...]
    threshold: float


DiffOp = tuple[DiffTag, str]


@dataclass(frozen=True)
class Span:
    """A character range inside one paragraph's original text."""

    paragraph: int  # index into Document.paragraphs
    start: int
    end: int


@dataclass(frozen=True)
class Occurrence:
    """Where a phrase also occurs elsewhere in the corpus."""

    doc_id: str
    symbol: str
    year: int | None
    label: str
    score: float


@dataclass(frozen=True)
class SharedPhrase:
    text: str  # as printed in the left document
    left: tuple[Span, ...]
    right: tuple[Span, ...]
    also_in: tuple[Occurrence, ...] = ()
    # ``also_in`` lists where it recurs word for word only: established language, found so in
    # several documents, whose reworded variants were not looked for (see ``Recurrence``).
    word_for_word: bool = False


@dataclass(frozen=True)
class TraceHit:
    doc_id: str
    symbol: str
    year: int | None
    label: str
    score: float
    text: str  # the matched words as printed
    paragraph: int  # index into the document's paragraphs
    start: int  # span of the match in that paragraph's text
    end: int


@dataclass(frozen=True)
class Recurrence:
    """Where a shared phrase recurs in a corpus, as a tracer answers ``compare``.

    ``word_for_word``: the phrase is established language (it recurs word for
    word in several documents), so only those recurrences were looked for, not
    reworded ones.
    """

    occurrences: tuple[Occurrence, ...]  # best first, ties in corpus order (as trace sorts)
    word_for_word: bool = False


@dataclass(frozen=True)
class CompareOptions:
    threshold: float = 40.0  # = align.DEFAULT_THRESHOLD (measured on the seed pairs)
    keywords: tuple[str, ...] = ()
    min_phrase_words: int = 5


@dataclass(frozen=True)
class Comparison:
    """Everything the screen and the report show for one pair of documents."""

    left: Document
    right: Document
    alignment: Alignment
    diffs: tuple[tuple[DiffOp, ...], ...]  # one per alignment pair, same order
    shared_phrases: tuple[SharedPhrase, ...]
    options: CompareOptions = field(default_factory=CompareOptions)
