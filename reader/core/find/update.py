"""Bringing a find index from an earlier store state to the current one, changing only what changed.

A full build reads every paragraph of the store (10 s for 115,000 paragraphs, minutes at
100,000 documents); a file added, edited or removed touches a few dozen families. The
earlier state's index folder is linked file by file into the new build's temporary folder
(tantivy never rewrites a segment file, so both stay whole), and only the families the
changed files touch are replaced: their occurrences of removed or changed files leave,
those of new or changed files join, and each family's text is its latest adoption's as in a
full build. The result is the index a full build would make (``tests/test_find.py`` checks
it); the earlier index's ``manifest.json`` (each file's fingerprint and family ids) says
what changed.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import orjson

from reader.core.find.engine import (
    FIND_VERSION,
    MANIFEST,
    STEM,
    Family,
    Occurrence,
    _analyzers,
    _decode,
    _document,
    file_metas,
    occurrence_order,
    paragraph_rows,
)

MAX_SHARE = 0.25  # more files changed than this share: a full build is as quick


def _link_tree(source: Path, target: Path) -> None:
    target.mkdir()
    for f in source.iterdir():
        if not f.is_file() or f.name.endswith(".lock"):
            continue
        try:
            os.link(f, target / f.name)
        except OSError:
            shutil.copy2(f, target / f.name)


def update_index(old: Path, new: Path, conn: sqlite3.Connection) -> bool:
    """Make at ``new`` (must not exist) the index of the store ``conn`` reads, from ``old``'s.

    False (and nothing at ``new``) when ``old`` cannot be used or too much changed.
    """
    try:
        saved = orjson.loads((old / MANIFEST).read_bytes())
        bodies_before: list[str] = orjson.loads((old / "bodies.json").read_bytes())
    except (OSError, ValueError):
        return False
    if saved.get("version") != FIND_VERSION:
        return False
    before: dict[str, list[Any]] = saved["files"]
    metas = file_metas(conn)
    now = {m.path: (file_id, m) for file_id, m in metas.items()}
    gone = [p for p, v in before.items() if p not in now or now[p][1].fingerprint() != v[:3]]
    came = [file_id for p, (file_id, m) in now.items() if p not in before or before[p][:3] != m.fingerprint()]
    if not gone and not came:
        _link_tree(old, new)
        return True
    if len(gone) + len(came) > max(20, MAX_SHARE * max(len(now), 1)):
        return False
    try:
        _apply(old, new, conn, metas, before, gone, came, bodies_before)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    return True


def _apply(
    old: Path,
    new: Path,
    conn: sqlite3.Connection,
    metas: dict[int, Any],
    before: dict[str, list[Any]],
    gone: list[str],
    came: list[int],
    bodies_before: list[str],
) -> None:
    import tantivy

    from reader.core.textnorm import fold

    _link_tree(old, new)
    index = tantivy.Index.open(str(new))
    for name, analyzer in _analyzers().items():
        index.register_tokenizer(name, analyzer)
    schema = index.schema
    searcher = index.searcher()
    removed_docs = {before[p][1] for p in gone}
    touched: set[int] = {fid for p in gone for fid in before[p][3]}
    joining: dict[int, list[tuple[Occurrence, str]]] = {}
    files: dict[str, list[Any]] = {p: v for p, v in before.items() if p not in set(gone)}
    per_file: dict[int, set[int]] = {file_id: set() for file_id in came}
    for fid, occ, text, file_id in paragraph_rows(conn, metas, came):
        joining.setdefault(fid, []).append((occ, text))
        per_file[file_id].add(fid)
        touched.add(fid)
    for file_id, fids in per_file.items():
        m = metas[file_id]
        files[m.path] = [*m.fingerprint(), sorted(fids)]
    writer = index.writer(heap_size=64_000_000, num_threads=1)
    stem = _analyzers()[STEM]
    bodies = {fold(b): b for b in bodies_before}
    for fid in touched:
        found = searcher.search(tantivy.Query.term_query(schema, "fid", fid), limit=1, count=False).hits
        earlier: Family | None = None
        if found:
            doc = searcher.doc(found[0][1])
            earlier = _decode(doc["fid"][0], doc["text"][0], doc["occ"][0], doc["stems"][0])
        rows: list[tuple[Occurrence, str | None]] = []
        if earlier is not None:
            kept = [o for o in earlier.occurrences if o.id not in removed_docs]
            old_rep = earlier.dated[-1] if earlier.dated else earlier.occurrences[-1]
            rows += [(o, earlier.text if o == old_rep else None) for o in kept]
        rows += joining.get(fid, [])
        writer.delete_documents_by_query(
            tantivy.Query.term_query(schema, "fid", fid)
        )  # by_term takes it as i64
        if not rows:
            continue
        rows.sort(key=lambda r: occurrence_order(r[0]))
        dated = [r for r in rows if r[0].year is not None]
        latest, known = (dated or rows)[-1]  # as in a full build (``representative``)
        # an earlier adoption whose text the index does not hold: from the store
        text = known if known is not None else _text_of(conn, latest)
        writer.add_document(_document(Family(fid, text, tuple(r[0] for r in rows)), stem, bodies))
    writer.commit()
    writer.wait_merging_threads()
    (new / "bodies.json").write_bytes(orjson.dumps(sorted(bodies.values())))
    (new / MANIFEST).write_bytes(orjson.dumps({"version": FIND_VERSION, "files": files}))


def _text_of(conn: sqlite3.Connection, o: Occurrence) -> str:
    sql = "SELECT p.text FROM paragraphs p JOIN files f ON f.id = p.file_id WHERE f.doc_id=? AND p.label=?"
    row = conn.execute(sql, (o.id, o.label)).fetchone()
    if row is None:
        raise LookupError(f"{o.id} {o.label} is not in the store")
    return str(row[0])
