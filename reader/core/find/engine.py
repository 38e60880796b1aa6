"""The retrieval index of ``find``: one tantivy document per family of adopted wording.

Built from the corpus store (``reader.core.corpus.store``): every stored
paragraph is read once, paragraphs with the same words (case, spacing, quotes,
dashes and footnote markers aside: ``provenance.finder.agreed_key``) become one
family, and each family is one document of a tantivy index (BM25) holding its
text twice, stemmed (English Snowball, accents folded) and plain, the years and
bodies of its adoptions for filtering, and its occurrences as stored bytes.

The index lives beside the store in the cache folder, never in a corpus folder:
``<store>.find-<state>`` where ``<state>`` is a digest of the store's generation
(creation stamp and update count) and of this module's ``FIND_VERSION``. Any
update of the store (a file added, changed or removed) gives a new state, so
the next ``find`` builds a new index; it is built in a temporary folder and
renamed into place, so a reader never sees half an index, and older states are
removed afterwards.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from reader.core.corpus.store import attach_views
from reader.core.model import year_of
from reader.core.textnorm import FUNCTION_WORDS, fold

FIND_VERSION = "5"  # of the index layout and what it holds: a new value rebuilds every index
MIN_WORDS = 4  # shorter paragraphs ("Decides to remain seized of the matter" has 7) are not offered
STEM = "un_stem"
PLAIN = "un_plain"


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One adoption of a family's wording: the document and the paragraph label."""

    id: str
    symbol: str
    year: int | None
    date: str
    body: str
    label: str


@dataclass(frozen=True)
class Family:
    """Paragraphs with the same words; ``text`` as printed in the latest adoption."""

    fid: int
    text: str
    occurrences: tuple[Occurrence, ...]  # oldest first; undated ones last
    stems: tuple[str, ...] = ()  # the text's stemmed terms (as the index has them), when read from it

    @property
    def count(self) -> int:
        return len(self.occurrences)

    @property
    def dated(self) -> list[Occurrence]:
        return [o for o in self.occurrences if o.year is not None]

    @property
    def first(self) -> Occurrence:
        d = self.dated
        return d[0] if d else self.occurrences[0]

    @property
    def last(self) -> Occurrence:
        d = self.dated
        return d[-1] if d else self.occurrences[-1]


@dataclass(frozen=True)
class Filters:
    """What ``--body``, ``--since`` and ``--until`` keep (an occurrence must pass all three)."""

    bodies: tuple[str, ...] = ()  # folded body names; empty: every body
    since: int | None = None
    until: int | None = None

    def __bool__(self) -> bool:
        return bool(self.bodies) or self.since is not None or self.until is not None

    def keeps(self, o: Occurrence) -> bool:
        if self.bodies and fold(o.body) not in self.bodies:
            return False
        if self.since is not None and (o.year is None or o.year < self.since):
            return False
        return not (self.until is not None and (o.year is None or o.year > self.until))


@dataclass(frozen=True)
class Hit:
    family: Family
    bm25: float


def _analyzers() -> dict[str, Any]:
    import tantivy

    def build(stem: bool) -> Any:
        b = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        b = b.filter(tantivy.Filter.remove_long(60)).filter(tantivy.Filter.lowercase())
        b = b.filter(tantivy.Filter.ascii_fold())
        if stem:
            b = b.filter(tantivy.Filter.stemmer("english"))
        return b.build()

    return {STEM: build(True), PLAIN: build(False)}


def _schema() -> Any:
    import tantivy

    sb = tantivy.SchemaBuilder()
    sb.add_text_field("text", stored=True, tokenizer_name=STEM)
    sb.add_text_field("plain", stored=False, tokenizer_name=PLAIN)
    sb.add_unsigned_field("fid", stored=True, indexed=True, fast=True)
    sb.add_bytes_field("occ", stored=True)
    sb.add_bytes_field("stems", stored=True)  # the text's stemmed terms, for the rerank
    sb.add_integer_field("year", stored=False, indexed=True, fast=True)
    sb.add_text_field("body", stored=False, tokenizer_name="raw", index_option="basic")
    return sb.build()


def family_id(key: str) -> int:
    """A stable id of a family's words (the same across rebuilds of the index)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big") >> 1


# --------------------------------------------------------------------------- reading the store


@dataclass(frozen=True, slots=True)
class StoredFileMeta:
    """What a family's occurrences need of one file of the store, and what tells a changed file."""

    path: str
    sha256: str
    doc_id: str
    symbol: str
    date: str
    year: int | None
    body: str
    meta: str  # as stored: a relabelled file (new id, catalogue) is changed too

    def fingerprint(self) -> list[str]:
        return [self.sha256, self.doc_id, self.meta]


def file_metas(conn: sqlite3.Connection) -> dict[int, StoredFileMeta]:
    """Every document of the store by its row id; ``path`` names the file and, for one of several
    texts of a file (a volume page), which one ("…/A_RES_32_40.txt#2"), so that it is unique."""
    out: dict[int, StoredFileMeta] = {}
    sql = (
        "SELECT id, path || CASE WHEN part THEN '#' || part ELSE '' END, sha256, doc_id, symbol, year, meta"
        " FROM files"
    )
    for file_id, path, sha, doc_id, symbol, year, meta in conn.execute(sql):
        try:
            m = json.loads(meta)
        except ValueError:
            m = {}
        date = str(m.get("date") or "") if isinstance(m, dict) else ""
        body = str(m.get("body") or "") if isinstance(m, dict) else ""
        y = year if year is not None else year_of(date)
        out[file_id] = StoredFileMeta(path, sha, doc_id, symbol, date, y, body, meta)
    return out


def occurrence_order(o: Occurrence) -> tuple[int, str, str, str]:
    """Oldest first, undated last; ties by document and label, so every build orders alike."""
    return (o.year if o.year is not None else 99999, o.date, o.id, o.label)


def paragraph_rows(
    conn: sqlite3.Connection, metas: dict[int, StoredFileMeta], file_ids: Sequence[int] | None = None
) -> Iterator[tuple[int, Occurrence, str, int]]:
    """(family id, occurrence, text, file row id) of every paragraph that makes a family."""
    from reader.core.provenance.finder import agreed_key  # with numpy: only when an index is built

    if file_ids is None:
        rows: Iterable[tuple[int, str, str]] = conn.execute(
            "SELECT file_id, label, text FROM paragraphs ORDER BY id"
        )
    else:
        rows = _paragraphs_of(conn, list(file_ids))
    for file_id, label, text in rows:
        key = agreed_key(text)
        if key.count(" ") + 1 < MIN_WORDS:
            continue
        m = metas[file_id]
        yield family_id(key), Occurrence(m.doc_id, m.symbol, m.year, m.date, m.body, label), text, file_id


def _paragraphs_of(conn: sqlite3.Connection, file_ids: list[int]) -> Iterator[tuple[int, str, str]]:
    for i in range(0, len(file_ids), 500):  # SQLite's bound on parameters per statement
        chunk = file_ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        sql = f"SELECT file_id, label, text FROM paragraphs WHERE file_id IN ({marks}) ORDER BY id"
        yield from conn.execute(sql, chunk)


def representative(rows: Sequence[tuple[Occurrence, str]]) -> str:
    """A family's text: as printed in its latest dated adoption (the latest undated one otherwise)."""
    dated = [r for r in rows if r[0].year is not None]
    return (dated or list(rows))[-1][1]


def read_families(conn: sqlite3.Connection, manifest: dict[str, Any] | None = None) -> Iterator[Family]:
    """Every family of the store's paragraphs (of ``MIN_WORDS`` words or more).

    ``manifest``, when given, is filled with each file's fingerprint and family ids (what an
    update of the index needs to know which families a changed or removed file touched).
    """
    metas = file_metas(conn)
    fams: dict[int, list[tuple[Occurrence, str]]] = {}
    per_file: dict[int, set[int]] = {}
    for fid, occ, text, file_id in paragraph_rows(conn, metas):
        fams.setdefault(fid, []).append((occ, text))
        per_file.setdefault(file_id, set()).add(fid)
    if manifest is not None:
        manifest.update(
            {m.path: [*m.fingerprint(), sorted(per_file.get(file_id, ()))] for file_id, m in metas.items()}
        )
    for fid, rows in fams.items():
        rows.sort(key=lambda r: occurrence_order(r[0]))
        yield Family(fid, representative(rows), tuple(r[0] for r in rows))


def _encode(f: Family) -> bytes:
    return orjson.dumps([[o.id, o.symbol, o.year, o.date, o.body, o.label] for o in f.occurrences])


def _decode(fid: int, text: str, data: bytes, stems: bytes) -> Family:
    occurrences = tuple(Occurrence(*row) for row in orjson.loads(data))
    return Family(fid, text, occurrences, tuple(stems.decode("utf-8").split()))


MANIFEST = "manifest.json"  # in an index folder: each store file's fingerprint and family ids


def _document(fam: Family, stem: Any, bodies: dict[str, str]) -> Any:
    """The tantivy document of a family (``bodies``: every body seen, folded -> as printed)."""
    import tantivy

    doc = tantivy.Document()
    doc.add_text("text", fam.text)
    doc.add_text("plain", fam.text)
    doc.add_unsigned("fid", fam.fid)
    doc.add_bytes("occ", _encode(fam))
    doc.add_bytes("stems", " ".join(stem.analyze(fam.text)).encode("utf-8"))
    for y in sorted({o.year for o in fam.occurrences if o.year is not None}):
        doc.add_integer("year", y)
    for b in sorted({o.body for o in fam.occurrences if o.body}):
        doc.add_text("body", fold(b))
        bodies.setdefault(fold(b), b)
    return doc


# --------------------------------------------------------------------------- the index


class FindIndex:
    """A built retrieval index (on disk or in memory); thread-safe for searching."""

    def __init__(self, index: Any, bodies: Sequence[str], path: Path | None) -> None:
        import tantivy

        self._tantivy = tantivy
        self.index = index
        for name, analyzer in _analyzers().items():
            index.register_tokenizer(name, analyzer)
        self.schema = index.schema
        self.bodies = list(bodies)  # every body named in the corpus, as printed
        self.path = path
        self._searcher = index.searcher()
        self._analyzer = _analyzers()
        self.families = self._searcher.num_docs
        # "the", "of", "to": in nearly every family; searching them costs most and ranks nothing
        small = " ".join(FUNCTION_WORDS)
        self.function_terms = frozenset(self.terms(small)) | frozenset(self.terms(small, stem=False))

    # -------------------------------------------------------------- building and opening

    @classmethod
    def build(
        cls, families: Iterable[Family], path: Path | None = None, manifest: dict[str, Any] | None = None
    ) -> FindIndex:
        """Index ``families`` in a new index at ``path`` (a folder that must not exist), or in memory.

        ``manifest`` (filled while ``families`` is read) is saved beside it for later updates.
        """
        import tantivy

        schema = _schema()
        if path is not None:
            path.mkdir(parents=True)
        index = tantivy.Index(schema, path=str(path) if path is not None else None, reuse=False)
        for name, analyzer in _analyzers().items():
            index.register_tokenizer(name, analyzer)
        writer = index.writer(heap_size=128_000_000, num_threads=1)
        bodies: dict[str, str] = {}
        stem = _analyzers()[STEM]
        for fam in families:
            writer.add_document(_document(fam, stem, bodies))
        writer.commit()
        writer.wait_merging_threads()
        names = sorted(bodies.values())
        if path is not None:
            (path / "bodies.json").write_bytes(orjson.dumps(names))
            if manifest is not None:
                (path / MANIFEST).write_bytes(orjson.dumps({"version": FIND_VERSION, "files": manifest}))
        index.reload()
        return cls(index, names, path)

    @classmethod
    def open(cls, path: Path) -> FindIndex:
        import tantivy

        bodies = orjson.loads((path / "bodies.json").read_bytes())
        return cls(tantivy.Index.open(str(path)), bodies, path)

    # -------------------------------------------------------------- searching

    def terms(self, text: str, *, stem: bool = True, unique: bool = True) -> list[str]:
        """The index terms of ``text`` in order (each once, when ``unique``)."""
        analyzer = self._analyzer[STEM if stem else PLAIN]  # folds accents itself
        found: list[str] = analyzer.analyze(text)
        return list(dict.fromkeys(found)) if unique else found

    def search(
        self,
        terms: Sequence[str],
        *,
        limit: int = 100,
        stem: bool = True,
        filters: Filters | None = None,
        weights: dict[str, float] | None = None,
    ) -> list[Hit]:
        """The ``limit`` families with the best BM25 score for ``terms`` (any of them), best first."""
        if not terms:
            return []
        query = self.query(terms, stem=stem, filters=filters, weights=weights)
        found = self._searcher.search(query, limit=limit, count=False)
        hits: list[Hit] = []
        for score, address in found.hits:
            doc = self._searcher.doc(address)
            fam = _decode(doc["fid"][0], doc["text"][0], doc["occ"][0], doc["stems"][0])
            if filters:
                kept = tuple(o for o in fam.occurrences if filters.keeps(o))
                if not kept:
                    continue
                fam = Family(fam.fid, fam.text, kept, fam.stems)
            hits.append(Hit(fam, float(score)))
        return hits

    def query(
        self,
        terms: Sequence[str],
        *,
        stem: bool = True,
        filters: Filters | None = None,
        weights: dict[str, float] | None = None,
    ) -> Any:
        """The tantivy query of ``search``: any of ``terms``, every filter."""
        tv = self._tantivy
        fieldname = "text" if stem else "plain"
        should = []
        for t in terms:
            q = tv.Query.term_query(self.schema, fieldname, t, index_option="freq")
            w = (weights or {}).get(t)
            if w is not None and w != 1.0:
                q = tv.Query.boost_query(q, w)
            should.append((tv.Occur.Should, q))
        query = tv.Query.boolean_query(should)
        if filters:
            must = [(tv.Occur.Must, query)]
            if filters.since is not None or filters.until is not None:
                rq = tv.Query.range_query(
                    self.schema, "year", tv.FieldType.Integer, filters.since, filters.until
                )
                must.append((tv.Occur.Must, rq))
            if filters.bodies:
                bq = tv.Query.boolean_query(
                    [(tv.Occur.Should, tv.Query.term_query(self.schema, "body", b)) for b in filters.bodies]
                )
                must.append((tv.Occur.Must, bq))
            query = tv.Query.boolean_query(must)
        return query


# --------------------------------------------------------------------------- beside the store

_BUILDING = threading.Lock()


def state_key(generation: str) -> str:
    return hashlib.sha256(f"{FIND_VERSION}\n{generation}".encode()).hexdigest()[:16]


def index_dir(store_path: Path, generation: str) -> Path:
    return store_path.with_name(f"{store_path.name}.find-{state_key(generation)}")


def _store_generation(conn: sqlite3.Connection) -> str:
    from reader.core.corpus.store import generation

    return generation(conn)


def open_for_store(store_path: Path | None, conn: sqlite3.Connection | None = None) -> tuple[FindIndex, bool]:
    """The find index of the store at ``store_path`` for its current state: (index, built now).

    Built (atomically) when missing; a damaged one is built again. ``store_path`` None: the
    store is the in-memory connection ``conn`` and the index is built in memory.
    """
    if store_path is None:
        assert conn is not None
        return FindIndex.build(read_families(conn)), True
    own = conn is None
    if own:
        conn = sqlite3.connect(f"file:{store_path}?mode=ro", uri=True, check_same_thread=False)
        attach_views(conn)  # the store's ``paragraphs`` as readers see it
    assert conn is not None
    try:
        conn.execute("BEGIN")  # one state of the store, read whole
        target = index_dir(store_path, _store_generation(conn))
        if target.is_dir():
            try:
                return FindIndex.open(target), False
            except (OSError, ValueError):
                shutil.rmtree(target, ignore_errors=True)  # damaged: built again below
        with _BUILDING:
            if target.is_dir():
                return FindIndex.open(target), False
            tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
            try:
                built = tmp / "index"
                if not _updated_from_earlier(store_path, target, built, conn):
                    manifest: dict[str, Any] = {}
                    FindIndex.build(read_families(conn, manifest), built, manifest)
                try:
                    os.rename(built, target)
                except OSError:
                    if not target.is_dir():
                        raise  # another process renamed its own build first otherwise
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
        _remove_stale(store_path, target)
        return FindIndex.open(target), True
    finally:
        with contextlib.suppress(sqlite3.Error):
            conn.rollback()
        if own:
            conn.close()


def _updated_from_earlier(store_path: Path, target: Path, built: Path, conn: sqlite3.Connection) -> bool:
    """Make ``built`` from the index of an earlier state of the store, if there is one to update."""
    from reader.core.find.update import update_index

    earlier = [p for p in store_path.parent.glob(f"{store_path.name}.find-*") if p != target and p.is_dir()]
    for old in sorted(earlier, key=lambda p: p.stat().st_mtime, reverse=True)[:1]:
        try:
            return update_index(old, built, conn)
        except (OSError, ValueError, LookupError):
            shutil.rmtree(built, ignore_errors=True)  # built whole instead
    return False


def _remove_stale(store_path: Path, keep: Path) -> None:
    """Indexes of older store states, and temporary folders of builds that died an hour ago or more."""
    for p in store_path.parent.glob(f"{store_path.name}.find-*"):
        if p != keep:
            shutil.rmtree(p, ignore_errors=True)
    for p in store_path.parent.glob(f".{store_path.name}.find-*.tmp"):
        with contextlib.suppress(OSError):
            if time.time() - p.stat().st_mtime > 3600:
                shutil.rmtree(p, ignore_errors=True)


def open_for_corpus(corpus: Any) -> tuple[FindIndex, bool]:
    """The find index of a corpus: (index, built now).

    A corpus opened from its store (``sync.open_corpus``) has it beside the store; any other
    (documents parsed in memory) gets one built in memory from its documents.
    """
    path = getattr(corpus, "db_path", None)
    if path is not None:
        return open_for_store(Path(path))
    store = getattr(corpus, "store", None)
    if store is not None and hasattr(store, "connection"):
        return open_for_store(None, store.connection())
    return FindIndex.build(document_families(corpus)), True


def document_families(corpus: Any) -> Iterator[Family]:
    """The families of a corpus's parsed documents, as ``read_families`` makes them from a store."""
    from reader.core.provenance.finder import agreed_key

    fams: dict[int, list[tuple[Occurrence, str]]] = {}
    for entry in corpus.entries:
        try:
            doc = corpus.document(entry)
        except Exception:
            continue
        md = doc.metadata
        year = year_of(md.date)
        for p in doc.paragraphs:
            key = agreed_key(p.text)
            if key.count(" ") + 1 < MIN_WORDS:
                continue
            occ = Occurrence(doc.id, md.symbol, year, md.date, md.body, p.label)
            fams.setdefault(family_id(key), []).append((occ, p.text))
    for fid, rows in fams.items():
        rows.sort(key=lambda r: occurrence_order(r[0]))
        yield Family(fid, representative(rows), tuple(r[0] for r in rows))
