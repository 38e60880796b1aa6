"""Benchmark: reading PDF, Word and web pages, and the PDF library comparison behind pdf.py.

Usage (from the repository root; Chromium prints the PDFs)::

    python benchmarks/formats.py            # writes benchmarks/formats.md
    python benchmarks/formats.py --quick    # 3 runs each, no 500-page volume

Tables:

1. PDF libraries on the 20-page fixture: pypdfium2 (what pdf.py uses),
   pdfplumber and pypdf (``pip install -e ".[bench]"``): time to get the text,
   how much of the known text comes out in order, whether superscript markers
   can be told from the text, and installed size with dependencies;
2. the whole reader (read + parse) per format against the same resolution as
   a text file, in the same run; a 20-page PDF must take under a second.
"""

from __future__ import annotations

import argparse
import difflib
import importlib.metadata as md
import os
import platform
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from reader.core.atomic import atomic_write_text  # noqa: E402
from reader.core.ingest.parse import load_document  # noqa: E402
from tests.fixtures import known  # noqa: E402
from tests.fixtures.make_fixtures import long_paras, make_all  # noqa: E402


def _median_ms(fn: Callable[[], Any], reps: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(reps):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000, result


def _installed_mb(dist: str, seen: set[str] | None = None) -> float:
    """Installed size of a distribution and the dependencies it pulls in (each counted once)."""
    seen = set() if seen is None else seen
    key = dist.lower().replace("_", "-")
    if key in seen:
        return 0.0
    seen.add(key)
    try:
        d = md.distribution(dist)
    except md.PackageNotFoundError:
        return 0.0
    size = float(sum((f.size or 0) for f in d.files or []))
    for req in d.requires or []:
        if "extra ==" in req:
            continue
        name = re.split(r"[\s<>=!~;\[(]", req, maxsplit=1)[0]
        size += _installed_mb(name, seen) * 1024 * 1024
    return size / (1024 * 1024)


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]+", text.replace("\u00ad", ""))


def _in_order(extracted: str, expected: str) -> float:
    """Share of the known words that come out, in order (hyphen-split words count as missed)."""
    want = _words(expected)
    got = _words(extracted)
    matcher = difflib.SequenceMatcher(None, want, got, autojunk=False)
    return sum(b.size for b in matcher.get_matching_blocks()) / max(1, len(want))


def _pypdfium2(path: Path) -> tuple[str, bool]:
    from reader.core.ingest.pdf import pdf_to_text

    text = pdf_to_text(path.read_bytes(), str(path)).text
    return text, "<sup>" in text


def _pdfplumber(path: Path) -> tuple[str, bool]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        texts, sups = [], False
        for page in pdf.pages:
            texts.append(page.extract_text() or "")
            sizes = [c["size"] for c in page.chars]
            if sizes:
                body = statistics.mode(round(s, 1) for s in sizes)
                sups = sups or any(c["size"] < 0.8 * body and c["text"].isdigit() for c in page.chars)
    return "\n".join(texts), sups


def _pypdf(path: Path) -> tuple[str, bool]:
    import pypdf

    reader = pypdf.PdfReader(path)
    return "\n".join(page.extract_text() or "" for page in reader.pages), False


def pdf_libraries(pdf: Path, reps: int) -> list[list[str]]:
    expected = " ".join(p.text for p in long_paras(20))
    rows = []
    for name, dist, fn in (
        ("pypdfium2 (pdf.py: chars, furniture, notes)", "pypdfium2", _pypdfium2),
        ("pdfplumber extract_text + chars", "pdfplumber", _pdfplumber),
        ("pypdf extract_text", "pypdf", _pypdf),
    ):
        try:
            version = md.version(dist)
            ms, (text, sups) = _median_ms(lambda fn=fn: fn(pdf), reps)  # type: ignore[misc]
        except (ImportError, md.PackageNotFoundError):
            rows.append([name, "not installed", "", "", "", ""])
            continue
        rows.append(
            [
                name,
                version,
                f"{ms:,.0f}",
                f"{_in_order(text, expected):.1%}",
                "yes" if sups else "no",
                f"{_installed_mb(dist):.1f}",
            ]
        )
    return rows


def pipeline(paths: dict[str, Path], reps: int) -> list[list[str]]:
    base_ms, _ = _median_ms(lambda: load_document(paths["txt"]), reps)
    rows = [["text (baseline)", "1", f"{base_ms:.1f}", "1.0×", str(len(known.PARAS))]]
    for label, key in (
        ("PDF, official layout", "pdf"),
        ("Word .docx", "docx"),
        ("saved web page", "html"),
        ("PDF, 20 pages", "long"),
        ("PDF, 500 pages", "big"),
    ):
        if key not in paths:
            continue
        n = reps if key != "big" else 1
        ms, doc = _median_ms(lambda key=key: load_document(paths[key]), n)  # type: ignore[misc]
        pages = _pages(paths[key])
        rows.append([label, str(pages), f"{ms:,.1f}", f"{ms / base_ms:,.1f}×", str(len(doc.paragraphs))])
    return rows


def _pages(path: Path) -> int:
    if path.suffix != ".pdf":
        return 1
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(path)  # closed here, not by a finalizer in whatever thread collects it
    try:
        return len(doc)
    finally:
        doc.close()


def volume_pdf(long_pdf: Path, pages: int = 500) -> Path:
    """The 20-page resolution followed by its body pages again and again (``volume.pdf`` beside it).

    Both documents are closed here: one left to the garbage collector is closed by a finalizer in
    whatever thread collects it, which crashed a test process while a reader worker was in PDFium.
    """
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(long_pdf)
    big = pdfium.PdfDocument.new()
    try:
        big.import_pages(src)
        while len(big) < pages:
            big.import_pages(src, list(range(1, min(len(src) - 1, pages - len(big) + 1))))
        out = long_pdf.with_name("volume.pdf")
        big.save(out)
        return out
    finally:
        big.close()
        src.close()


def _table(head: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="3 runs each, no 500-page volume")
    ap.add_argument("--reps", type=int, help="runs per measurement (default 9, 3 with --quick)")
    ap.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "out" / "formats")
    ap.add_argument("--results", type=Path, default=ROOT / "benchmarks" / "formats.md")
    args = ap.parse_args(argv)
    reps = args.reps or (3 if args.quick else 9)
    load = os.getloadavg()[0]
    paths = make_all(args.work, pages=20)
    if not args.quick:
        paths["big"] = volume_pdf(paths["long"])
    out = [
        "# Reading PDF, Word and web pages",
        "",
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, load average "
        f"{load:.1f} at start; Python {platform.python_version()}; "
        f"`python benchmarks/formats.py{' --quick' if args.quick else ''}`; median of {reps} runs.",
        "",
        "### PDF libraries on the 20-page fixture",
        "",
        _table(
            ["library", "version", "ms", "known words in order", "superscripts told", "installed MB"],
            pdf_libraries(paths["long"], reps),
        ),
        "",
        "- known words in order: the fixture's paragraph words found in reading order in the output "
        "(words split by a line-end hyphen, glued markers or lost spaces count as missed).",
        "- installed MB: the package and the dependencies it installs (pdfplumber pulls pdfminer.six, "
        "Pillow and pypdfium2 itself).",
        "",
        "### Read + parse, against the same resolution as text",
        "",
        _table(["document", "pages", "ms", "vs text", "paragraphs"], pipeline(paths, reps)),
        "",
        "- target: a 20-page PDF in under a second.",
        "",
    ]
    text = "\n".join(out)
    print(text)
    atomic_write_text(args.results, text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
