"""``provenance`` as a user runs it: table, DESIGN.md JSON, HTML, and one sentence for bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from provenance_drafts import compose

from reader.core.compare.diff import new_text, old_text
from reader.core.corpus.collection import Corpus


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RESOLUTION_READER_CACHE", str(tmp_path_factory.getbasetemp() / "cache"))


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", "provenance", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=os.environ.copy(),
    )


@pytest.fixture(scope="module")
def draft_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("draft")
    compose(Corpus.bundled(), folder)
    return folder / "draft.txt"


def test_json_has_the_design_shape(draft_path: Path) -> None:
    proc = run(str(draft_path), "--json")
    assert proc.returncode == 0, proc.stderr
    data: Any = json.loads(proc.stdout)
    assert set(data) >= {"document", "paragraphs", "summary"}
    assert set(data["document"]) >= {"id", "symbol", "title", "date"}
    assert set(data["summary"]) >= {"agreed", "adapted", "new", "agreed_word_share"}
    statuses = [p["status"] for p in data["paragraphs"]]
    assert statuses.count("agreed") == data["summary"]["agreed"] == 2
    assert statuses.count("new") == data["summary"]["new"] == 2
    assert 0 < data["summary"]["agreed_word_share"] < 1
    for p in data["paragraphs"]:
        assert set(p) >= {"label", "text", "status", "sources", "earliest", "diff", "phrases"}
        for s in p["sources"]:
            assert set(s) >= {"id", "symbol", "year", "label", "score", "text"}
        for ph in p["phrases"]:
            assert set(ph) >= {"start", "end", "symbol", "year", "label"}
            assert len(p["text"][ph["start"] : ph["end"]].split()) >= 5
        if p["status"] == "new":
            assert (p["sources"], p["earliest"], p["diff"]) == ([], None, [])
        else:
            ops = [tuple(op) for op in p["diff"]]
            assert new_text(ops) == p["text"] and old_text(ops) == p["sources"][0]["text"]
            assert set(p["earliest"]) >= {"symbol", "year", "label"}
    scores = [s["score"] for p in data["paragraphs"] for s in p["sources"]]
    assert scores and all(45 <= s <= 100 for s in scores)


def test_table_names_status_source_year_and_score(draft_path: Path) -> None:
    proc = run(str(draft_path))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    row = next(line for line in lines if line.startswith("OP2 "))
    assert row.split()[:6] == ["OP2", "agreed", "60/212", "OP5", "2005", "100.0"]
    assert lines[-1] == "7 paragraphs: 2 agreed, 3 adapted, 2 new; " + lines[-1].split("; ", 1)[1]
    assert lines[-1].endswith("oldest 2002")


def test_min_score_and_html(draft_path: Path, tmp_path: Path) -> None:
    strict = json.loads(run(str(draft_path), "--json", "--min-score", "99").stdout)
    assert all(s["score"] >= 99 for p in strict["paragraphs"] for s in p["sources"])
    out = tmp_path / "report.html"
    proc = run(str(draft_path), "--html", str(out))
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert proc.stdout == ""
    again = run(str(draft_path), "--html", str(out))
    assert again.returncode == 2 and "already exists" in again.stderr


def test_a_corpus_document_as_draft_leaves_itself_out_and_says_so() -> None:
    proc = run("60/212", "--json")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip() == "note: 60/212 is the draft itself and was left out of the comparison."
    data = json.loads(proc.stdout)
    assert data["left_out"] == ["60/212 is the draft itself and was left out of the comparison."]
    assert all(s["symbol"] != "60/212" for p in data["paragraphs"] for s in p["sources"])
    quiet = run("60/212", "--json", "--quiet")
    assert quiet.returncode == 0 and quiet.stderr == ""  # --quiet is quiet; the JSON still says it
    assert json.loads(quiet.stdout)["left_out"] == data["left_out"]


def test_a_corpus_file_given_by_path_is_the_corpus_document() -> None:
    entry = next(e for e in Corpus.bundled().entries if e.symbol == "62/209")
    proc = run(str(entry.path), "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["document"]["date"] == "2007-12-19"  # the catalogue's facts, so only older sources
    assert data["left_out"] == ["62/209 is the draft itself and was left out of the comparison."]
    assert {s["symbol"] for p in data["paragraphs"] for s in p["sources"]} <= {
        "57/263",
        "60/212",
        "591(XXIX)",
        "620(XXXI)",
    }


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "is empty"),
        ("Shopping list\n\nEggs, milk and bread.\n", "no resolution paragraphs found"),
    ],
)
def test_bad_drafts_are_one_sentence_and_exit_2(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "draft.txt"
    path.write_text(content, encoding="utf-8")
    proc = run(str(path))
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert len(proc.stderr.strip().splitlines()) == 1 and message in proc.stderr


def test_nothing_older_and_bad_score_are_one_sentence_and_exit_2(draft_path: Path) -> None:
    proc = run("591(XXIX)")
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        "error: 591(XXIX): the corpus has no document adopted before it (2002-05)"
    ]
    proc = run(str(draft_path), "--min-score", "140")
    assert proc.returncode == 2 and proc.stderr.strip().endswith("must be between 0 and 100, not 140")


def test_json_lists_every_source_unless_max_sources_caps_it(tmp_path: Path) -> None:
    """DESIGN.md: ``sources`` is the best paragraph of each document reaching the threshold."""
    from benchmarks import synth
    from reader.core.provenance.check import DEFAULT_MAX_SOURCES

    made = synth.generate(150, seed=7, out_dir=tmp_path / "synth")
    synthetic = Corpus.load([made.folder])
    doc = synthetic.document(synthetic.entries[-1])
    pp = [p.text for p in doc.paragraphs if p.label.startswith("PP")]
    op = [p.text for p in doc.paragraphs if p.label.startswith("OP") and "(" not in p.label]
    body = "\n\n".join([*pp, *(f"{n}. {t}" for n, t in enumerate(op, start=1))])
    draft = tmp_path / "draft.txt"  # no date: compared with all 150 documents
    draft.write_text(f"Draft resolution\n\nThe General Assembly,\n\n{body}\n", encoding="utf-8")
    corpus = ("--corpus", str(made.folder))

    every: Any = json.loads(run(str(draft), "--json", *corpus).stdout)
    counts = [p["source_count"] for p in every["paragraphs"]]
    assert max(counts) > DEFAULT_MAX_SOURCES  # more than the reader and the report list
    for p in every["paragraphs"]:
        assert len(p["sources"]) == p["source_count"]
        assert len({s["id"] for s in p["sources"]}) == len(p["sources"])  # one per document
        scores = [s["score"] for s in p["sources"]]
        assert scores == sorted(scores, reverse=True)

    capped: Any = json.loads(run(str(draft), "--json", "--max-sources", "3", *corpus).stdout)
    for p, q in zip(every["paragraphs"], capped["paragraphs"], strict=True):
        assert q["sources"] == p["sources"][:3]
        assert (q["source_count"], q["status"], q["earliest"]) == (
            p["source_count"],
            p["status"],
            p["earliest"],
        )
    assert capped["summary"] == every["summary"]

    table = run(str(draft), *corpus)
    assert table.returncode == 0, table.stderr
    rows = [line.split() for line in table.stdout.splitlines()[4:-2]]
    assert [int(r[6].replace(",", "")) for r in rows if r[1] != "new"] == [c for c in counts if c]
