"""The no-word-lost invariant on every real UN document of ``../shared/real`` and on the seeds.

Every word of an input ends in a paragraph, a heading, a footnote, a metadata field or a listed
set-aside part (``tests/wordcheck.py`` says how words are counted). The 3,039 real files are
parsed in a process pool: about a minute on one core, half that on two.
"""

from __future__ import annotations

import os
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from reader.core.errors import InputError
from reader.core.ingest.parse import load_document, parse_parts
from reader.core.paths import bundled_corpus_dir
from tests.wordcheck import lost_words

REAL = Path(os.environ.get("RESOLUTION_READER_REAL", Path(__file__).resolve().parents[2] / "shared" / "real"))
DOCS = REAL / "un-documents"


def _check(path: Path) -> tuple[str, str, list[tuple[str, int]], list[str]]:
    """(file name, "ok" or "refused", words lost with their counts, labels repeated).

    The file is read as the corpus reads it: a document per complete text (a volume page holds
    several), whose words together are the file's.
    """
    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        docs = parse_parts(text, source=path.name, doc_id=path.stem, name=path.stem)
    except InputError:
        return path.name, "refused", [], []
    repeated = [
        f"{doc.id} {k}" for doc in docs for k, n in Counter(p.label for p in doc.paragraphs).items() if n > 1
    ]
    return path.name, "ok", lost_words(text, docs).most_common(), repeated


@pytest.fixture(scope="module")
def real_results() -> list[tuple[str, str, list[tuple[str, int]], list[str]]]:
    if not DOCS.is_dir():
        pytest.skip(f"{DOCS} is absent")
    files = sorted(DOCS.glob("*.txt"))
    workers = min(4, os.cpu_count() or 1)
    if workers == 1:
        return [_check(f) for f in files]
    with ProcessPoolExecutor(workers) as pool:
        return list(pool.map(_check, files, chunksize=32))


def test_every_word_of_every_real_document_is_placed(
    real_results: list[tuple[str, str, list[tuple[str, int]], list[str]]],
) -> None:
    assert len(real_results) > 3000
    losing = [(name, lost[:6]) for name, status, lost, _ in real_results if lost]
    assert losing == [], f"{len(losing)} files lose words, e.g. {losing[:8]}"


def test_labels_are_unique_in_every_real_document(
    real_results: list[tuple[str, str, list[tuple[str, int]], list[str]]],
) -> None:
    repeated = [(name, labels[:5]) for name, _, _, labels in real_results if labels]
    assert repeated == []


def test_every_statement_is_read(
    real_results: list[tuple[str, str, list[tuple[str, int]], list[str]]],
) -> None:
    statements = [(name, status) for name, status, _, _ in real_results if "PRST" in name]
    assert len(statements) > 80
    assert [name for name, status in statements if status != "ok"] == []


def test_the_seeds_lose_no_word() -> None:
    files = sorted(p for p in bundled_corpus_dir().iterdir() if p.suffix in (".txt", ".md"))
    assert len(files) == 5
    for path in files:
        doc = load_document(path)
        assert lost_words(path.read_text(encoding="utf-8"), doc) == Counter(), path.name
