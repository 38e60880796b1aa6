"""Metadata on a real corpus: how many documents of each kind get a symbol, body, date and year.

Usage (from the repository root)::

    python benchmarks/real_corpus.py                       # /work/shared/real/un-documents
    python benchmarks/real_corpus.py --folder DIR --misses misses.txt

Every file of the folder is read and parsed in this process (``load_parts``, as the corpus
reads the folder: a volume page holding several resolutions is a document per resolution; no
store, no cache), so the figures are the parser's alone and count documents, not files. The
kind of a file comes from its name (``A_RES_…`` General Assembly, ``A_HRC_…`` Human Rights
Council, ``E_RES_…`` ECOSOC, ``S_RES_…`` Security Council resolutions, ``S_PRST_…``
presidential statements, ``UNEP_EA.6_RES.1``/``HSP_HA.2_Res.1`` the Environment and Habitat
Assemblies'); the name is used for nothing else. "read" is parsed without refusal; the other
columns are shares of all documents of the kind (a refused file is one document that misses
everything). Each miss is written to the misses file with its reason; the screen gets the
tables only.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make `reader` and `benchmarks` importable
    sys.path.insert(0, str(ROOT))

from benchmarks.run import Table  # noqa: E402
from reader.core.errors import InputError  # noqa: E402
from reader.core.ingest.parse import load_parts  # noqa: E402
from reader.core.model import Metadata  # noqa: E402

DEFAULT_FOLDER = Path("/work/shared/real/un-documents")
# File-name prefix -> kind, first match wins (A_HRC_ before A_).
KINDS: tuple[tuple[str, str], ...] = (
    ("A_RES_", "GA resolutions"),
    ("A_HRC_", "HRC"),
    ("E_RES_", "ECOSOC"),
    ("S_RES_", "SC resolutions"),
    ("S_PRST_", "SC presidential statements"),
)
OTHERS = "others"
FIELDS = ("symbol", "body", "title", "date", "year")
# The Security Council's resolutions and statements print no title: not a miss.
UNTITLED = frozenset({"SC resolutions", "SC presidential statements"})
FROM_NAME = "symbol from the file name"  # Metadata.notes of such a document (ingest.meta)
_clock = time.process_time  # CPU time: the machine is shared


ASSEMBLIES = "UNEP and UN-Habitat Assembly resolutions"
_ASSEMBLY_NAME = re.compile(r"^(?:UNEP_EA|HSP_HA)\.\d+_RES\.", re.I)


def kind_of(name: str) -> str:
    """The kind a file name says ("A_RES_76_129.txt" -> "GA resolutions")."""
    if _ASSEMBLY_NAME.match(name):
        return ASSEMBLIES
    return next((kind for prefix, kind in KINDS if name.startswith(prefix)), OTHERS)


@dataclass
class KindStats:
    files: int = 0
    docs: int = 0  # documents: a volume page's parts each count
    read: int = 0
    found: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    from_name: int = 0  # symbols the text does not state, taken from the file name
    seconds: float = 0.0


@dataclass
class Outcome:
    """One document's result (a part of a file, or the file): its metadata, or why the file was refused."""

    name: str
    kind: str
    meta: Metadata | None
    refused: str
    seconds: float  # the file's parse time, on its first part (0 on the others)
    id: str = ""  # the document's id ("A_RES_32_40#2"); the file's stem when it is one document

    def missing(self) -> list[str]:
        if self.meta is None:
            return list(FIELDS)
        m = self.meta
        values = {"symbol": m.symbol, "body": m.body, "title": m.title, "date": m.date, "year": m.year}
        return [f for f in FIELDS if not values[f] and not (f == "title" and self.kind in UNTITLED)]


def read_file(path: Path) -> list[Outcome]:
    """Every document of one file, as the corpus reads it (a volume page: one per part)."""
    t = _clock()
    kind = kind_of(path.name)
    try:
        docs = load_parts(path)
    except InputError as e:
        return [Outcome(path.name, kind, None, str(e), _clock() - t, path.stem)]
    spent = _clock() - t
    return [
        Outcome(path.name, kind, d.metadata, "", spent if k == 0 else 0.0, d.id) for k, d in enumerate(docs)
    ]


def read_one(path: Path) -> Outcome:
    """The file's first document (a file of one text: the file)."""
    return read_file(path)[0]


_NO_TITLE = frozenset(("title", kind) for kind in UNTITLED)


def _pct(n: int, of: int) -> str:
    return f"{100 * n / of:.1f}%" if of else "-"


def _share(s: KindStats, f: str, kind: str, of: int) -> str:
    """The share of ``of`` documents with field ``f``; "-" for a title the kind never prints."""
    return "-" if (f, kind) in _NO_TITLE else _pct(s.found[f], of)


def _stats(outcomes: Sequence[Outcome]) -> dict[str, KindStats]:
    stats: dict[str, KindStats] = {kind: KindStats() for _, kind in KINDS}
    stats[ASSEMBLIES] = KindStats()
    stats[OTHERS] = KindStats()
    for o in outcomes:
        s = stats[o.kind]
        s.files += o.id in ("", Path(o.name).stem) or o.id.endswith("#1")
        s.docs += 1
        s.seconds += o.seconds
        if o.meta is not None:
            s.read += 1
            for f in FIELDS:
                s.found[f] += f not in o.missing()
            s.from_name += o.meta.notes == FROM_NAME
    return stats


def tables(outcomes: Sequence[Outcome]) -> Table:
    """Per kind: shares of all its documents read and with each field found."""
    stats = _stats(outcomes)
    rows = []
    total = sum(o.seconds for o in outcomes)
    for kind, s in stats.items():
        if not s.files:
            continue
        per_doc = f"{1000 * s.seconds / s.docs:.1f}"
        rows.append(
            [kind, f"{s.files:,}", f"{s.docs:,}", _pct(s.read, s.docs)]
            + [_share(s, f, kind, s.docs) for f in FIELDS]
            + [_pct(s.from_name, s.docs), per_doc, f"{s.seconds:.1f}"]
        )
    found = [f"{f} found" for f in FIELDS]
    header = ["kind", "files", "docs", "read", *found, "symbol from name", "ms/doc", "total s"]
    files = sum(s.files for s in stats.values())
    notes = [
        f"{files:,} files, {len(outcomes):,} documents parsed in {total:.1f} s CPU (one process, no store)",
        "docs: as the corpus reads the folder (a volume page is a document per resolution);",
        "percentages of all documents of the kind (a refused file is one, missing everything);",
        "title: '-' where the print has none (Security Council resolutions and statements);",
        "'symbol from name': the text states no symbol, the file name gave it",
    ]
    return Table("Real corpus: metadata found per kind", header, rows, notes)


def read_table(outcomes: Sequence[Outcome]) -> Table:
    """The same shares of the documents read only: the metadata's own misses, refusals aside."""
    rows = [
        [kind, f"{s.read:,}", *(_share(s, f, kind, s.read) for f in FIELDS)]
        for kind, s in _stats(outcomes).items()
        if s.read
    ]
    header = ["kind", "read", *(f"{f} found" for f in FIELDS)]
    return Table("Of the documents read (not refused)", header, rows, [])


def miss_lines(outcomes: Sequence[Outcome]) -> list[str]:
    """One line per document that misses something: kind, id, what is missing, and what was found."""
    out = []
    for o in sorted(outcomes, key=lambda o: (o.kind, o.id or o.name)):
        missing = o.missing()
        if not missing:
            continue
        if o.meta is None:
            why = f"refused: {o.refused}"
        else:
            m = o.meta
            why = f"missing {', '.join(missing)}; found symbol={m.symbol!r} body={m.body!r} date={m.date!r}"
        out.append(f"{o.kind}\t{o.id or o.name}\t{why}")
    return out


def dump_lines(outcomes: Sequence[Outcome]) -> list[str]:
    """file, symbol, body, date, meeting, title, notes: to read the metadata over by eye."""
    out = ["document\tsymbol\tbody\tdate\tmeeting\ttitle\tnotes"]
    for o in outcomes:
        m = o.meta or Metadata(notes=f"refused: {o.refused}")
        out.append("\t".join([o.id or o.name, m.symbol, m.body, m.date, m.meeting, m.title[:100], m.notes]))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folder", type=Path, default=DEFAULT_FOLDER)
    ap.add_argument(
        "--misses",
        type=Path,
        default=Path("benchmarks/out/real_corpus_misses.txt"),
        help="where the misses go",
    )
    ap.add_argument("--limit", type=int, default=0, help="only the first N files (0: all)")
    ap.add_argument("--dump", type=Path, help="write every file's metadata here (tab-separated)")
    args = ap.parse_args(argv)
    paths = sorted(p for p in args.folder.iterdir() if p.suffix == ".txt")
    if args.limit:
        paths = paths[: args.limit]
    outcomes = [o for p in paths for o in read_file(p)]
    print(tables(outcomes).text())
    print(read_table(outcomes).text())
    misses = miss_lines(outcomes)
    args.misses.parent.mkdir(parents=True, exist_ok=True)
    args.misses.write_text("\n".join(misses) + "\n", encoding="utf-8")
    print(f"{len(misses):,} documents miss something: listed in {args.misses}")
    if args.dump:
        args.dump.write_text("\n".join(dump_lines(outcomes)) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
