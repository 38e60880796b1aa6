"""benchmarks/parse_speed.py must run and report every row (no timing is asserted)."""

from __future__ import annotations

from benchmarks import parse_speed


def test_parse_speed_table_has_every_row() -> None:
    title, header, rows, notes = parse_speed.measure(reps=1, n_docs=3)
    assert title == parse_speed.TITLE
    assert all(len(row) == len(header) for row in rows)
    names = [row[0] for row in rows]
    assert names[:5] == [
        "eclac-591-xxix-cooperation-among-developing-countries-2002",
        "eclac-620-xxxi-south-south-cooperation-2006",
        "ga-57-263-economic-and-technical-cooperation-2002",
        "ga-60-212-south-south-cooperation-2005",
        "ga-62-209-south-south-cooperation-2007",
    ]
    assert [r[2] for r in rows[:5]] == ["23", "17", "14", "19", "21"]  # paragraphs the seed tests expect
    assert "synthetic, mean of 3" in names and "exponent (long)" in names
    assert rows[-1][3].startswith("n^")
    # every recorded 'before' figure is compared with this run's (a renamed row would drop it silently)
    before = next(n for n in notes if n.startswith("before the speed work"))
    assert all(key in before for key in parse_speed.BEFORE)
