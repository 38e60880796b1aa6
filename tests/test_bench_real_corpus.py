"""benchmarks/real_corpus.py must run on a folder and count every kind (no timing is asserted)."""

from __future__ import annotations

from pathlib import Path

from benchmarks import real_corpus

REAL = Path(__file__).parent / "fixtures" / "real"


def test_real_corpus_tables_count_each_kind_and_list_the_misses(tmp_path: Path) -> None:
    misses = tmp_path / "misses.txt"
    dump = tmp_path / "dump.tsv"
    assert real_corpus.main(["--folder", str(REAL), "--misses", str(misses), "--dump", str(dump)]) == 0
    outcomes = [o for p in sorted(REAL.glob("*.txt")) for o in real_corpus.read_file(p)]
    rows = {r[0]: r for r in real_corpus.tables(outcomes).rows}
    sc = len(list(REAL.glob("S_RES_*.txt")))  # the fixtures other tests add count too
    sc_docs = sum(o.kind == "SC resolutions" for o in outcomes)
    assert rows["SC resolutions"][1:9] == [str(sc), str(sc_docs), *["100.0%"] * 3, "-", *["100.0%"] * 2]
    assert rows["UNEP and UN-Habitat Assembly resolutions"][1] == str(
        len(list(REAL.glob("UNEP_*.txt"))) + len(list(REAL.glob("HSP_*.txt")))
    )
    # every file that misses something is listed, with its reason (a refusal or the fields missing)
    lines = misses.read_text(encoding="utf-8").splitlines()
    assert {line.split("\t")[1] for line in lines} == {o.id for o in outcomes if o.missing()}
    assert all("\t" in line and ("refused" in line or "missing" in line) for line in lines)
    assert len(dump.read_text(encoding="utf-8").splitlines()) == len(outcomes) + 1
    assert real_corpus.kind_of("A_HRC_PRST_15_2.txt") == "HRC"
    assert real_corpus.kind_of("UNEP_EA.1_L.13.txt") == real_corpus.OTHERS


def test_a_volume_page_counts_a_document_per_resolution() -> None:
    """As the corpus reads the folder: A_RES_32_40.txt is one file and four documents."""
    volumes = Path(__file__).parent / "fixtures" / "real_volumes"
    outcomes = real_corpus.read_file(volumes / "A_RES_32_40.txt")
    assert [o.id for o in outcomes] == [f"A_RES_32_40#{k}" for k in (1, 2, 3, 4)]
    assert [o.meta.symbol for o in outcomes if o.meta] == ["32/21 A", "32/21 B", "32/40 A", "32/40 B"]
    row = real_corpus.tables(outcomes).rows[0]
    assert row[:4] == ["GA resolutions", "1", "4", "100.0%"]
    assert real_corpus.read_one(volumes / "A_RES_32_40.txt").id == "A_RES_32_40#1"
