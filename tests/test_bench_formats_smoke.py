"""benchmarks/formats.py --quick runs end to end and prints both tables (no timing is asserted)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import formats

pytestmark = pytest.mark.slow  # Chromium prints the fixtures


def test_format_benchmark_prints_its_tables(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    results = tmp_path / "formats.md"
    assert formats.main(["--quick", "--reps", "1", "--work", str(tmp_path), "--results", str(results)]) == 0
    out = capsys.readouterr().out
    assert results.read_text(encoding="utf-8").strip() == out.strip()  # the results file is what it printed
    assert "### PDF libraries on the 20-page fixture" in out
    assert "### Read + parse, against the same resolution as text" in out
    pypdfium2_row = next(line for line in out.splitlines() if line.startswith("| pypdfium2"))
    assert "| 100.0% | yes |" in pypdfium2_row  # every known word, in order, markers told
    for row in ("| text (baseline) | 1 |", "| PDF, 20 pages | 24 |", "| Word .docx | 1 |"):
        assert row in out
