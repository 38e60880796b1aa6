"""The store's fingerprint follows the parser's imports: what makes a stored document, nothing else."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.corpus import fingerprint


def test_the_modules_that_make_a_stored_document_are_found_by_their_imports() -> None:
    used = fingerprint.modules_used()
    # imported lazily inside the parse workers' functions, and from there on
    assert {"reader.core.ingest.parse", "reader.core.ingest.pdf", "reader.core.ingest.docx"} <= set(used)
    assert {"reader.core.lang.en", "reader.core.lang.detect", "reader.core.textnorm"} <= set(used)
    assert {"reader.core.model", "reader.core.corpus.doccodec", "reader.core.corpus.parsepool"} <= set(used)
    # the code that reads a store is not part of it: a new reader must not rebuild every store
    readers = {"reader.core.corpus.store", "reader.core.corpus.sync", "reader.core.search.query"}
    assert not readers & set(used)
    assert not any(name.startswith(("reader.gui", "reader.cli", "reader.core.compare")) for name in used)


@pytest.fixture
def package_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    root = Path(fingerprint.__file__).resolve().parents[3]
    shutil.copytree(root / "reader", tmp_path / "reader", ignore=shutil.ignore_patterns("__pycache__", "gui"))
    monkeypatch.setattr(fingerprint, "_PACKAGE_ROOT", tmp_path)
    fingerprint.parser_fingerprint.cache_clear()
    yield tmp_path / "reader"
    fingerprint.parser_fingerprint.cache_clear()


def test_a_change_to_the_language_rebuilds_and_a_change_to_a_reader_does_not(package_copy: Path) -> None:
    first = fingerprint.parser_fingerprint()
    query = package_copy / "core" / "search" / "query.py"
    query.write_text(query.read_text(encoding="utf-8") + "\n# a faster search\n", encoding="utf-8")
    fingerprint.parser_fingerprint.cache_clear()
    assert fingerprint.parser_fingerprint() == first
    english = package_copy / "core" / "lang" / "en.py"
    text = english.read_text(encoding="utf-8")
    assert "deeply desirous" in text
    english.write_text(text.replace("deeply desirous", "deeply duly desirous"), encoding="utf-8")
    fingerprint.parser_fingerprint.cache_clear()
    assert fingerprint.parser_fingerprint() != first
