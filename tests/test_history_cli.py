"""``history`` as a user runs it: real process, real corpus, the DESIGN.md shape."""

from __future__ import annotations

import itertools
import json
import shutil
from pathlib import Path

from test_cli import SUBSTITUTE, run, run_json

from reader.core.compare.diff import new_text, old_text


def test_json_shape_in_date_order_whatever_the_order_given() -> None:
    data = run_json("history", "62/209", "57/263", "60/212")
    assert [(d["symbol"], d["year"], d["date"]) for d in data["documents"]] == [
        ("57/263", 2002, "2002-12-20"),
        ("60/212", 2005, "2005-12-22"),
        ("62/209", 2007, "2007-12-19"),
    ]
    counts = [0, 0, 0]
    for lin in data["lineages"]:
        assert len(lin["versions"]) == 3
        present = [v for v in lin["versions"] if v is not None]
        first = next(i for i, v in enumerate(lin["versions"]) if v is not None)
        assert lin["first_year"] == data["documents"][first]["year"]
        assert present[0]["kind"] == "origin" and present[0]["diff"] == []
        for prev, v in itertools.pairwise(present):
            assert v["kind"] in ("identical", "modified", "moved")
            assert old_text([tuple(op) for op in v["diff"]]) == prev["text"]
            assert new_text([tuple(op) for op in v["diff"]]) == v["text"]
        for i, v in enumerate(lin["versions"]):
            counts[i] += len(v["labels"]) if v else 0
    assert counts == [14, 19, 21]  # every paragraph of every document, once
    substitute = next(
        lin for lin in data["lineages"] if SUBSTITUTE in (lin["versions"][0] or {}).get("text", "")
    )
    assert [v["labels"] for v in substitute["versions"]] == [["PP2"], ["OP4"], ["OP4"]]
    assert [v["kind"] for v in substitute["versions"]] == ["origin", "moved", "modified"]
    assert substitute["versions"][1]["score"] == 96.6  # the pair score compare gives
    compared = run_json("compare", "57/263", "60/212")
    pair = next(p for p in compared["pairs"] if p["left"] == ["PP2"])
    assert pair["right"] == ["OP4"] and pair["score"] == substitute["versions"][1]["score"]


def test_one_document_finds_its_series_and_says_why_before_the_table() -> None:
    proc = run("history", "57/263")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    listing, table = out.split("\n\n", 1)
    assert listing.splitlines() == [
        "Series of 57/263 found in the corpus:",
        "  60/212       2005-12-22  cites 57/263 (OP13); shares 71% of its distinctive text (4 paragraphs)",
        "  62/209       2007-12-19  cites 57/263 (OP10); shares 66% of its distinctive text (4 paragraphs)",
    ]
    head = table.splitlines()[0].split()
    assert head == ["57/263", "2002", "60/212", "2005", "62/209", "2007"]
    assert any(line.split() == ["PP2", "●", "OP4", "↕", "OP4", "~"] for line in table.splitlines())
    assert any(line.split() == ["·", "PP2", "●", "PP3", "="] for line in table.splitlines())
    data = run_json("history", "57/263")
    assert [f["symbol"] for f in data["series"]["found"]] == ["60/212", "62/209"]


def test_html_report_is_written_and_not_overwritten(tmp_path: Path) -> None:
    out = tmp_path / "series.html"
    proc = run("history", "591(XXIX)", "620(XXXI)", "--html", str(out))
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert proc.stdout == ""
    again = run("history", "591(XXIX)", "620(XXXI)", "--html", str(out))
    assert again.returncode == 2 and "already exists" in again.stderr
    # One DOC: the series found is said on stderr, as a note (the report holds it), and not under --quiet.
    found = run("history", "57/263", "--html", str(tmp_path / "found.html"))
    assert found.returncode == 0 and found.stdout == ""
    assert "Series of 57/263 found in the corpus:" in found.stderr
    quiet = run("history", "57/263", "--html", str(tmp_path / "quiet.html"), "--quiet")
    assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == ""


def test_bad_input_is_one_clear_sentence() -> None:
    twice = run("history", "60/212", "60/212")
    assert twice.returncode == 2
    assert "given twice" in twice.stderr and "at least two different documents" in twice.stderr
    assert "Traceback" not in twice.stderr
    missing = run("history", "60/212", "99/999")
    assert missing.returncode == 2 and "99/999" in missing.stderr
    unrelated = run("history", "591(XXIX)", "57/263")
    assert unrelated.returncode == 0
    assert "do not look like one series" in unrelated.stderr


def test_a_lone_document_without_a_series(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(Path("corpus") / "ga-60-212-south-south-cooperation-2005.md", corpus / "a.md")
    (corpus / "b.txt").write_text(
        "70/1. Oceans\n\nThe General Assembly,\n\n1. Decides to remain seized of the law of the sea;\n",
        encoding="utf-8",
    )
    proc = run("history", "a", "--corpus", str(corpus))
    assert proc.returncode == 2
    assert "no other document of its series was found" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_undated_documents_say_which_order_was_used(tmp_path: Path) -> None:
    ops = [
        "Takes note of the report of the Secretary-General on the state of South-South cooperation;",
        "Stresses that South-South cooperation offers viable opportunities for developing countries;",
        "Decides to include in the provisional agenda of its next session the sub-item entitled "
        "“South-South cooperation for development”.",
    ]
    later = [
        *ops[:2],
        "Welcomes the generous offer of the Government of Argentina to host the Conference;",
        ops[2],
    ]
    for name, paras in (("new", later), ("old", ops)):
        body = "\n\n".join(f"{n}. {t}" for n, t in enumerate(paras, start=1))
        (tmp_path / f"{name}.txt").write_text(f"The General Assembly,\n\n{body}\n", encoding="utf-8")
    proc = run("history", str(tmp_path / "old.txt"), str(tmp_path / "new.txt"), "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert [d["id"] for d in data["documents"]] == ["old", "new"]
    assert [d["date"] for d in data["documents"]] == ["", ""]
    assert "No document has a date: they are taken in the order given" in proc.stderr
    assert any("order given" in n for n in data["notes"])
    kinds = [[v and v["kind"] for v in lin["versions"]] for lin in data["lineages"]]
    assert kinds == [
        ["origin", "identical"],
        ["origin", "identical"],
        [None, "origin"],
        ["origin", "identical"],
    ]


def test_text_output_shows_each_changed_version_with_its_word_changes() -> None:
    proc = run("history", "57/263", "60/212", "62/209")
    assert proc.returncode == 0, proc.stderr
    _table, changes = proc.stdout.split("\nWord changes ([-deleted-]{+inserted+})\n\n")
    lines = changes.splitlines()
    at = lines.index("PP2 57/263 → OP4 60/212  ↕ moved 96.6")
    assert lines[at + 1].startswith("    [-Recognizing-]{+Recognizes+} that developing countries")
    assert "PP2 60/212 → PP3 62/209" not in changes  # identical: no changes to show


def test_series_limit_keeps_the_best_ranked_and_says_what_it_left_out() -> None:
    proc = run("history", "62/209", "--series-limit", "1")
    assert proc.returncode == 0, proc.stderr
    listing = proc.stdout.split("\n\n", 1)[0].splitlines()
    assert listing[1].split()[0] == "60/212"  # same title, cited, 86 % of the distinctive text
    assert listing[2].startswith("  left out 57/263: cited by 62/209 (OP10); ")
    assert listing[2].endswith("beyond the limit of 1")
    assert proc.stdout.split("\n\n", 1)[1].split()[:4] == ["60/212", "2005", "62/209", "2007"]
    bad = run("history", "62/209", "--series-limit", "0")
    assert bad.returncode == 2 and "--series-limit" in bad.stderr and "Traceback" not in bad.stderr
