"""The pair being compared and the settings it is compared with (plain Python, no Qt).

Loading a document either succeeds and replaces one side, or raises
``InputError`` and leaves everything as it was: the window relies on that to
keep the current comparison on screen when a file is bad.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from reader.core.compare.comparison import compare
from reader.core.corpus.collection import Corpus
from reader.core.errors import InputError
from reader.core.model import CompareOptions, Comparison, Document
from reader.gui.side_marks import Side
from reader.gui.tracing import CorpusTracer

DEFAULT_LEFT = "60/212"
DEFAULT_RIGHT = "62/209"


@dataclass
class ReaderSession:
    corpus: Corpus
    options: CompareOptions = field(default_factory=CompareOptions)
    left: Document | None = None
    right: Document | None = None
    left_ref: str = ""
    right_ref: str = ""
    _tracer: CorpusTracer | None = field(default=None, repr=False)

    def tracer(self) -> CorpusTracer:
        """Corpus-wide phrase search for "also in" and the trace panel (rebuilt with the corpus)."""
        if self._tracer is None:
            self._tracer = CorpusTracer(self.corpus)
        return self._tracer

    def set_corpus(self, corpus: Corpus, tracer: CorpusTracer | None = None) -> None:
        """Work on ``corpus`` from now on (``tracer``: one already prepared for it)."""
        if self._tracer is not None:
            self._tracer.close()
        if corpus is not self.corpus:
            self.corpus.close()  # the documents on screen stay; the old store connection goes
        self.corpus = corpus
        self._tracer = tracer

    def load(self, ref: str) -> Document:
        """A corpus id/symbol or a file path -> Document (InputError on anything unusable)."""
        ref = ref.strip()
        if not ref:
            raise InputError("(empty)", "no document given")
        return self.corpus.load_ref(ref)

    def ref_for(self, doc: Document, given: str) -> str:
        """What to remember for a document: its corpus id when it has one, else the path."""
        if self.corpus.holds(doc.id):
            return doc.id
        p = Path(given)
        return str(p.resolve()) if p.exists() else given

    def set_side(self, side: Side, ref: str) -> Document:
        doc = self.load(ref)
        if side == "left":
            self.left, self.left_ref = doc, self.ref_for(doc, ref)
        else:
            self.right, self.right_ref = doc, self.ref_for(doc, ref)
        return doc

    def put(self, side: Side, doc: Document, given: str) -> None:
        """Show ``doc`` (read elsewhere, e.g. in the background) on one side."""
        if side == "left":
            self.left, self.left_ref = doc, self.ref_for(doc, given)
        else:
            self.right, self.right_ref = doc, self.ref_for(doc, given)

    def is_corpus_file(self, ref: str) -> bool:
        """Is ``ref`` a corpus id/symbol or the file of a corpus entry (read with its catalogue data)?"""
        if self.corpus.resolve(ref) is not None:
            return True
        try:
            resolved = Path(ref).expanduser().resolve()
        except (OSError, ValueError):
            return False
        return any(e.path.resolve() == resolved for e in self.corpus.entries)

    def set_pair(self, left_ref: str, right_ref: str) -> None:
        """Load both or neither."""
        left = self.load(left_ref)
        right = self.load(right_ref)
        self.left, self.left_ref = left, self.ref_for(left, left_ref)
        self.right, self.right_ref = right, self.ref_for(right, right_ref)

    def swap(self) -> None:
        self.left, self.right = self.right, self.left
        self.left_ref, self.right_ref = self.right_ref, self.left_ref

    def set_threshold(self, threshold: float) -> None:
        self.options = replace(self.options, threshold=float(threshold))

    def set_keywords(self, keywords: Sequence[str]) -> None:
        self.options = replace(self.options, keywords=tuple(keywords))

    @property
    def ready(self) -> bool:
        return self.left is not None and self.right is not None

    def compare(self) -> Comparison:
        return self.comparer()()

    def comparer(self) -> Callable[[], Comparison]:
        """This pair's comparison as a call a worker thread may run: the state is read now."""
        if self.left is None or self.right is None:
            raise RuntimeError("both sides must be loaded before comparing")
        left, right, options = self.left, self.right, self.options
        tracer = self.tracer().compare_tracer()
        return lambda: compare(left, right, options, tracer=tracer)

    def shows(self, comparison: Comparison) -> bool:
        """Whether ``comparison`` is of the current pair with the current options."""
        return (
            comparison.left is self.left
            and comparison.right is self.right
            and comparison.options == self.options
        )
