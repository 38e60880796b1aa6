"""benchmarks/run.py --quick must run end to end and print its tables (no timing is asserted)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import run


def test_quick_benchmark_prints_every_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    results = tmp_path / "results.md"
    code = run.main(
        ["--quick", "--docs", "30", "--sizes", "10,20,40", "--work", str(tmp_path), "--results", str(results),
         "--skip", "gui"]
    )  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("Machine: ")
    for title in (
        "Seed pairs: align + word diff + shared phrases",
        "Long documents",
        "Trace over a synthetic corpus",
        "History of a series",
        "Provenance of a 40-paragraph draft",
        "Scale: 30 documents against the bundled corpus (issue 21)",
    ):
        assert title in out
    for row in (
        "first build",
        "`trace PHRASE` after one file added",
        "trace panel: phrase to its first screen",
    ):
        assert row in out
    for pair in ("60/212 ↔ 62/209", "57/263 ↔ 60/212", "591(XXIX) ↔ 620(XXXI)"):
        assert pair in out
    assert "exponent" in out and "n^" in out
    assert "index hits identical to the full scan for" in out
    rows = [line for line in out.splitlines() if line.startswith("30 ")]
    assert {r.split()[2] for r in rows} == {"index", "full", "rapidfuzz"}
    text = results.read_text(encoding="utf-8")
    assert text.startswith("# Benchmark results") and "| pair |" in text and "Machine:" in text


def test_difflib_baseline_pairs_every_paragraph_once() -> None:
    from reader.core.corpus.collection import Corpus

    corpus = Corpus.bundled()
    left, right = corpus.load_ref("60/212"), corpus.load_ref("62/209")
    result = run.difflib_compare(left, right)
    assert sorted(i for li, _ in result.pairs for i in li) == list(range(len(left.paragraphs)))
    assert sorted(j for _, rj in result.pairs for j in rj) == list(range(len(right.paragraphs)))
    assert any(li and rj for li, rj in result.pairs)
    assert result.shared and all(size >= 5 for _, _, size in result.shared)


def test_growth_exponent_fit() -> None:
    assert run._fit_exponent([10, 20, 40, 80], [3, 12, 48, 192]) == pytest.approx(2.0)
    assert run._fit_exponent([10, 100, 1000], [5, 50, 500]) == pytest.approx(1.0)
