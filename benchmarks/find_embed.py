"""Would a sentence-embedding rerank help ``find``? The evaluation set with one added, measured.

The candidate model is WordLlama (``pip install wordllama``, MIT): static token embeddings
whose weights ship inside the wheel (loaded from the package folder, downloads disabled;
its 0.4 release looks for the tokenizer file under a folder name it does not ship, so the
package folder is given as the cache folder, which holds both). fast-universal-sentence-
encoder (weights also in its wheel) was tried first: 100 candidates took 2.8 s to encode on
this machine, too slow for a query, let alone typing.

Each of ``find``'s candidates gets ``alpha * closeness + (1 - alpha) * 100 * cosine`` (the
query as adopted texts would word it against the family's text); alpha 1 is ``find``
as it is. Not a dependency: run it where wordllama is installed.

    python benchmarks/find_embed.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import benchmarks.find_eval as fe  # noqa: E402
from reader.core.corpus.sync import open_corpus  # noqa: E402
from reader.core.find import finder  # noqa: E402
from reader.core.find.engine import FindIndex, open_for_corpus  # noqa: E402
from reader.core.find.lexicon import canonical  # noqa: E402


def main() -> int:
    import numpy as np
    import wordllama  # type: ignore[import-not-found, unused-ignore]

    started = time.perf_counter()
    model = wordllama.WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)
    load = time.perf_counter() - started
    corpus, _ = open_corpus([fe.REAL])
    index, _ = open_for_corpus(corpus)
    items = fe.load_items()
    state: dict[str, Any] = {"texts": {}}
    vectors: dict[str, Any] = {}
    plain_find, plain_closeness, plain_search = finder.find, finder.closeness, FindIndex.search

    def find(index: FindIndex, text: str, **kw: Any) -> finder.FindResult:
        state["q"] = model.embed([canonical(text)])[0]
        return plain_find(index, text, **kw)

    def search(self: FindIndex, *a: Any, **kw: Any) -> list[Any]:
        hits = plain_search(self, *a, **kw)
        state["texts"].update({" ".join(h.family.stems): h.family.text for h in hits})
        return hits

    def blend(alpha: float) -> Any:
        def closeness(query_terms: Any, text_terms: Any) -> float:
            c = plain_closeness(query_terms, text_terms)
            key = " ".join(text_terms)
            if key not in vectors:
                vectors[key] = model.embed([state["texts"][key]])[0]
            q, v = state["q"], vectors[key]
            cos = float(np.dot(q, v) / (np.linalg.norm(q) * np.linalg.norm(v) + 1e-9))
            return round(alpha * c + (1 - alpha) * 100 * max(cos, 0.0), 1)

        return closeness

    fe.find = find
    FindIndex.search = search  # type: ignore[method-assign]
    print(f"WordLlama loaded in {load:.1f} s (import and weights)")
    print()
    print("| rerank | hit@1 | hit@5 | hit@10 | median ms |")
    print("|---|---:|---:|---:|---:|")
    for alpha in (1.0, 0.8, 0.6, 0.4, 0.0):
        finder.closeness = blend(alpha)
        r = fe.evaluate(index, items, finder.Stages())
        name = "rapidfuzz only (find)" if alpha == 1 else f"{alpha:g} rapidfuzz + {1 - alpha:g} embedding"
        hits = " | ".join(f"{r['hits'][k]:.0%}" for k in fe.KS)
        print(f"| {name} | {hits} | {r['median_ms']:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
