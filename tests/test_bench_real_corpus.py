"""benchmarks/real_corpus.py must run on a folder and count every kind (no timing is asserted)."""

from __future__ import annotations

from pathlib import Path

from benchmarks import real_corpus

REAL = Path(__file__).parent / "fixtures" / "real"


def test_real_corpus_tables_count_each_kind_and_list_the_misses(tmp_path: Path) -> None:
    misses = tmp_path / "misses.txt"
    dump = tmp_path / "dump.tsv"
    assert real_corpus.main(["--folder", str(REAL), "--misses", str(misses), "--dump", str(dump)]) == 0
    outcomes = [real_corpus.read_one(p) for p in sorted(REAL.glob("*.txt"))]
    rows = {r[0]: r for r in real_corpus.tables(outcomes).rows}
    sc = len(list(REAL.glob("S_RES_*.txt")))  # the fixtures other tests add count too
    assert rows["SC resolutions"][1:7] == [str(sc), "100.0%", "100.0%", "100.0%", "100.0%", "100.0%"]
    assert rows["UNEP and UN-Habitat Assembly resolutions"][1] == str(
        len(list(REAL.glob("UNEP_*.txt"))) + len(list(REAL.glob("HSP_*.txt")))
    )
    # every file that misses something is listed, with its reason (a refusal or the fields missing)
    lines = misses.read_text(encoding="utf-8").splitlines()
    assert {line.split("\t")[1] for line in lines} == {o.name for o in outcomes if o.missing()}
    assert all("\t" in line and ("refused" in line or "missing" in line) for line in lines)
    assert len(dump.read_text(encoding="utf-8").splitlines()) == len(outcomes) + 1
    assert real_corpus.kind_of("A_HRC_PRST_15_2.txt") == "HRC"
    assert real_corpus.kind_of("UNEP_EA.1_L.13.txt") == real_corpus.OTHERS
