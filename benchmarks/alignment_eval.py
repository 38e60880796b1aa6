"""The program's alignment against the hand-checked alignment of real consecutive resolutions.

Each gold file (``tests/fixtures/real_alignment``) links the paragraphs of two real texts as a reader
aligned them. A link is counted as its paragraph edges (a split of OP2 into OP2 and OP3 is two edges);
the program's pairs likewise. Precision: the program's edges that the reader drew; recall: the reader's
edges the program found. Links marked doubtful are left out of both counts. A false move is a pair the
program calls "moved" that the reader did not draw. A gold file's ``batch`` (1 if absent) says when it was
aligned: each later batch was aligned before the aligner was changed against it, so its totals, printed
apart, show how the rules carry to series they were not fitted on.

    python -m benchmarks.alignment_eval        # the table
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from reader.core.compare.align import DEFAULT_THRESHOLD, align
from reader.core.ingest.parse import load_document

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
GOLD_DIR = FIXTURES / "real_alignment"
TEXTS = FIXTURES / "real"

Edge = tuple[str, str]


@dataclass(frozen=True)
class PairScore:
    name: str
    batch: int  # which hand-aligned set the pair belongs to (later sets checked rules made before them)
    found: int  # program edges the reader drew
    predicted: int  # program edges, doubtful ones left out
    gold: int  # reader edges, doubtful ones left out
    false_moves: int
    wrong: tuple[Edge, ...]  # program edges the reader did not draw
    missed: tuple[Edge, ...]  # reader edges the program did not find

    @property
    def precision(self) -> float:
        return self.found / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0


def _edges(left: list[str], right: list[str]) -> set[Edge]:
    return {(a, b) for a in left for b in right}


def score_pair(gold_path: Path, threshold: float = DEFAULT_THRESHOLD) -> PairScore:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    left = load_document(TEXTS / gold["left_file"])
    right = load_document(TEXTS / gold["right_file"])
    sure: set[Edge] = set()
    doubtful: set[Edge] = set()
    for link in gold["links"]:
        (doubtful if link.get("doubtful") else sure).update(_edges(link["left"], link["right"]))
    predicted: set[Edge] = set()
    moves: set[Edge] = set()
    for pair in align(left, right, threshold).pairs:
        edges = _edges(
            [left.paragraphs[i].label for i in pair.left], [right.paragraphs[j].label for j in pair.right]
        )
        predicted |= edges
        if pair.kind == "moved":
            moves |= edges
    counted = predicted - doubtful
    return PairScore(
        gold_path.stem,
        int(gold.get("batch", 1)),
        len(counted & sure),
        len(counted),
        len(sure),
        len((moves - doubtful) - sure),
        tuple(sorted(counted - sure)),
        tuple(sorted(sure - predicted)),
    )


def evaluate(threshold: float = DEFAULT_THRESHOLD) -> list[PairScore]:
    return [score_pair(p, threshold) for p in sorted(GOLD_DIR.glob("*.json"))]


def totals(scores: list[PairScore]) -> tuple[float, float, int]:
    """Precision, recall (over all edges of all pairs) and false moves."""
    found = sum(s.found for s in scores)
    predicted = sum(s.predicted for s in scores)
    gold = sum(s.gold for s in scores)
    return found / predicted, found / gold, sum(s.false_moves for s in scores)


def table(scores: list[PairScore]) -> str:
    lines = [
        "| pair | precision | recall | false moves |",
        "| --- | ---: | ---: | ---: |",
    ]
    for s in scores:
        lines.append(f"| {s.name} | {s.precision:.3f} | {s.recall:.3f} | {s.false_moves} |")
    batches = sorted({s.batch for s in scores})
    if len(batches) > 1:
        for b in batches:
            part = [s for s in scores if s.batch == b]
            p, r, m = totals(part)
            lines.append(f"| batch {b} ({len(part)} pairs) | {p:.3f} | {r:.3f} | {m} |")
    p, r, m = totals(scores)
    lines.append(f"| **all {len(scores)} pairs** | **{p:.3f}** | **{r:.3f}** | **{m}** |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    scores = evaluate()
    print(table(scores))
    if "-v" in (argv if argv is not None else sys.argv[1:]):
        for s in scores:
            for e in s.wrong:
                print(f"{s.name}: wrong {e[0]} -> {e[1]}")
            for e in s.missed:
                print(f"{s.name}: missed {e[0]} -> {e[1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
