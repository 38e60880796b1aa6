"""Which full-text engine retrieves ``find``'s candidates: tantivy against bm25s and SQLite FTS5.

Every engine indexes the same families of wording (those of ``reader.core.find.engine``,
read from the corpus store of ``shared/real``) and answers the evaluation set's queries
(``find_eval_set.json``, abbreviations spelled out as ``find`` does) with its 100 best
families by BM25. Measured: build time and size, query time (median, p95) and recall: how
often an expected earlier adoption is among the 100 candidates (what the rerank can then
put first) and among the first 10.

- tantivy: what ``find`` uses (English Snowball stems, accents folded);
- bm25s: the same stemmed terms (tantivy's analyzer), BM25 on scipy-free sparse matrices;
- FTS5: SQLite's own ``porter unicode61 remove_diacritics 2`` tokenizer, terms OR-ed, ``bm25()``.

    python benchmarks/find_engines.py [--corpus DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.find_eval import REAL, load_items  # noqa: E402
from reader.core.corpus.store import reader_connection  # noqa: E402
from reader.core.corpus.sync import open_corpus  # noqa: E402
from reader.core.find.engine import Family, FindIndex, read_families  # noqa: E402
from reader.core.find.lexicon import expand  # noqa: E402

K = 100


def _size(path: Path) -> int:
    return (
        sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
        if path.is_dir()
        else path.stat().st_size
    )


def run_queries(
    items: list[dict[str, Any]], fams: list[Family], search: Callable[[str], tuple[list[int], float]]
) -> dict[str, float]:
    """Median/p95 ms and recall at 10 and at K of ``search``: query -> (family positions, best
    first; seconds the engine took to rank them, reading the families aside)."""
    times, at10, atk = [], 0, 0
    for item in items:
        expected = {(i, label) for i, label, _ in item["expected"]}
        query = " ".join([item["query"], *expand(item["query"])])
        found, seconds = search(query)
        times.append(seconds)
        ranks = [
            n
            for n, pos in enumerate(found, 1)
            if any((o.id, o.label) in expected for o in fams[pos].occurrences)
        ]
        at10 += bool(ranks and ranks[0] <= 10)
        atk += bool(ranks)
    times.sort()
    return {
        "median_ms": statistics.median(times) * 1000,
        "p95_ms": times[int(0.95 * (len(times) - 1))] * 1000,
        "recall10": at10 / len(items),
        "recallK": atk / len(items),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=REAL)
    args = ap.parse_args(argv)
    corpus, _ = open_corpus([args.corpus])
    assert corpus.db_path is not None
    with contextlib.closing(reader_connection(corpus.db_path)) as conn:  # with the store's views
        fams = list(read_families(conn))
    items = load_items()
    texts = [f.text for f in fams]
    rows: list[tuple[str, float, int, dict[str, float]]] = []
    work = Path(tempfile.mkdtemp(prefix="find-engines-"))
    try:
        # tantivy
        started = time.perf_counter()
        tv = FindIndex.build(fams, work / "tantivy")
        build = time.perf_counter() - started
        position = {f.fid: n for n, f in enumerate(fams)}

        def tv_search(q: str) -> tuple[list[int], float]:
            started = time.perf_counter()
            tv._searcher.search(tv.query(tv.terms(q)), limit=K, count=False)
            seconds = time.perf_counter() - started
            return [position[h.family.fid] for h in tv.search(tv.terms(q), limit=K)], seconds

        rows.append(
            (
                "tantivy (find's; ranking only)",
                build,
                _size(work / "tantivy"),
                run_queries(items, fams, tv_search),
            )
        )

        # bm25s on the same stemmed terms
        import bm25s
        import numpy as np

        started = time.perf_counter()
        tokenized = [tv.terms(t) for t in texts]
        vocab: dict[str, int] = {}
        ids = [[vocab.setdefault(w, len(vocab)) for w in doc] for doc in tokenized]
        retriever = bm25s.BM25()
        retriever.index(bm25s.tokenization.Tokenized(ids=ids, vocab=vocab), show_progress=False)
        build = time.perf_counter() - started
        retriever.save(str(work / "bm25s"))

        def bm_search(q: str) -> tuple[list[int], float]:
            started = time.perf_counter()
            terms = [vocab[w] for w in tv.terms(q) if w in vocab]
            if not terms:
                return [], time.perf_counter() - started
            scores = retriever.get_scores(terms)
            top = np.argpartition(-scores, K)[:K]
            top = top[np.argsort(-scores[top])]
            return [int(i) for i in top if scores[i] > 0], time.perf_counter() - started

        rows.append(("bm25s (same terms)", build, _size(work / "bm25s"), run_queries(items, fams, bm_search)))

        # SQLite FTS5
        started = time.perf_counter()
        db = sqlite3.connect(work / "fts5.sqlite3")
        db.execute("CREATE VIRTUAL TABLE f USING fts5(text, tokenize='porter unicode61 remove_diacritics 2')")
        db.executemany("INSERT INTO f(rowid, text) VALUES (?, ?)", ((n, t) for n, t in enumerate(texts)))
        db.commit()
        build = time.perf_counter() - started

        def fts_search(q: str) -> tuple[list[int], float]:
            started = time.perf_counter()
            words = {w for w in "".join(c if c.isalnum() else " " for c in q).split()}
            match = " OR ".join(f'"{w}"' for w in words)
            sql = "SELECT rowid FROM f WHERE f MATCH ? ORDER BY bm25(f) LIMIT ?"
            return [r[0] for r in db.execute(sql, (match, K))], time.perf_counter() - started

        rows.append(
            (
                "SQLite FTS5 (porter)",
                build,
                _size(work / "fts5.sqlite3"),
                run_queries(items, fams, fts_search),
            )
        )
        db.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{len(fams):,} families of wording; {len(items)} queries; {K} candidates each")
    print()
    print("| engine | build s | size MB | query median ms | p95 ms | recall@10 | recall@100 |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, build, size, r in rows:
        print(
            f"| {name} | {build:.1f} | {size / 1e6:.1f} | {r['median_ms']:.1f} | {r['p95_ms']:.1f} "
            f"| {r['recall10']:.0%} | {r['recallK']:.0%} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
