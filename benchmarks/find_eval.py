"""How well ``find`` finds agreed language: hit rate at 1/5/10 for each stage, and the query time.

The evaluation set (``benchmarks/find_eval_set.json``) holds queries written by hand: each is a
drafter's rewording (a paraphrase, the same with UN abbreviations or American spellings, or a few
keywords) of a paragraph of a recent resolution in ``shared/real``, and lists where the same
wording was adopted before. Each query is searched with ``--until`` the year before its source, as
if the recent resolution were the draft being written; a query hits at k when one of the first k
families holds one of those earlier adoptions.

Stages, each adding to the one before: plain keywords (BM25 on words), + stemming, + the UN
abbreviations and spelling variants, + a drafter's plain words searched as UN terms ("syn"
lines of un_terms.tsv), + the rapidfuzz rerank (what ``find`` does). A last row is the rerank
without the plain-word synonyms: those lines were written after the loose queries' misses
were seen, so their gain on this set is optimistic.

    python benchmarks/find_eval.py [--corpus DIR] [--markdown]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from reader.core.corpus.sync import open_corpus  # noqa: E402
from reader.core.find.engine import Filters, FindIndex, open_for_corpus  # noqa: E402
from reader.core.find.finder import Stages, find  # noqa: E402

EVAL_SET = Path(__file__).with_name("find_eval_set.json")
REAL = ROOT.parent / "shared" / "real" / "un-documents"
STAGES: list[tuple[str, Stages]] = [
    ("keywords (BM25)", Stages(stem=False, lexicon=False, rerank=False)),
    ("+ stemming", Stages(stem=True, lexicon=False, rerank=False)),
    ("+ abbreviations, spellings", Stages(stem=True, lexicon=True, rerank=False, synonyms=False)),
    ("+ plain words as UN terms", Stages(stem=True, lexicon=True, rerank=False, synonyms=True)),
    ("+ rerank (rapidfuzz)", Stages(stem=True, lexicon=True, rerank=True, synonyms=True)),
]
KS = (1, 5, 10)


def load_items(path: Path = EVAL_SET) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["items"]
    return items


def rank_of(index: FindIndex, item: dict[str, Any], stages: Stages) -> tuple[int | None, float]:
    """The rank (1-based) of the first family holding an expected adoption, and the seconds taken."""
    expected = {(i, label) for i, label, _ in item["expected"]}
    started = time.perf_counter()
    result = find(index, item["query"], limit=10, filters=Filters(until=item["until"]), stages=stages)
    seconds = time.perf_counter() - started
    for n, f in enumerate(result.results, 1):
        if any((o.id, o.label) in expected for o in f.family.occurrences):
            return n, seconds
    return None, seconds


def evaluate(index: FindIndex, items: list[dict[str, Any]], stages: Stages) -> dict[str, Any]:
    ranks, times = [], []
    for item in items:
        rank, seconds = rank_of(index, item, stages)
        ranks.append(rank)
        times.append(seconds)
    hits = {k: sum(1 for r in ranks if r is not None and r <= k) / len(items) for k in KS}
    kinds: dict[str, list[int | None]] = {}
    for item, r in zip(items, ranks, strict=True):
        kinds.setdefault(item["kind"], []).append(r)
    return {
        "hits": hits,
        "median_ms": statistics.median(times) * 1000,
        "p95_ms": sorted(times)[int(0.95 * (len(times) - 1))] * 1000,
        "ranks": ranks,
        "by_kind": {
            k: sum(1 for r in rs if r is not None and r <= 10) / len(rs) for k, rs in sorted(kinds.items())
        },
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=REAL)
    ap.add_argument("--misses", action="store_true", help="list the queries the full pipeline misses at 1")
    args = ap.parse_args(argv)
    items = load_items()
    corpus, _ = open_corpus([args.corpus])
    index, _ = open_for_corpus(corpus)
    kinds = sorted({i["kind"] for i in items})
    counts = ", ".join(f"{sum(1 for i in items if i['kind'] == k)} {k}" for k in kinds)
    print(f"{len(items)} queries ({counts}); {index.families:,} families in the index")
    print()
    print(
        "| stage | hit@1 | hit@5 | hit@10 | median ms | p95 ms | "
        + " | ".join(f"@10 {k}" for k in kinds)
        + " |"
    )
    print("|---|---:|---:|---:|---:|---:|" + "---:|" * len(kinds))
    last: dict[str, Any] = {}
    rows = [*STAGES, ("rerank, without plain-word synonyms", Stages(synonyms=False))]
    for name, stages in rows:
        find(index, "warm up the searcher", stages=stages)
        r = evaluate(index, items, stages)
        cells = [f"{r['hits'][k]:.0%}" for k in KS] + [f"{r['median_ms']:.1f}", f"{r['p95_ms']:.1f}"]
        cells += [f"{r['by_kind'][k]:.0%}" for k in kinds]
        print(f"| {name} | " + " | ".join(cells) + " |")
        if stages == Stages():
            last = r
    if args.misses:
        print()
        for item, rank in zip(items, last["ranks"], strict=True):
            if rank != 1:
                print(f"rank {rank}: [{item['kind']}] {item['query']}")
                print(f"        want: {item['source']['text'][:160]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
