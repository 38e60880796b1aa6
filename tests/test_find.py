"""``find``: agreed language on demand (issue 22), on the bundled corpus and on real files.

tests/fixtures/real/ holds nine files of shared/real under their own names: four Human
Rights Council resolutions on freedom of religion or belief (2019-2023), three Security
Council resolutions on South Sudan (2015, 2023, 2024) and two General Assembly resolutions
on mediation (2014, 2016), which repeat paragraphs word for word across years.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.compare.diff import new_text, old_text
from reader.core.corpus.store import reader_connection
from reader.core.corpus.sync import open_corpus
from reader.core.find.engine import FindIndex, open_for_corpus
from reader.core.find.finder import Stages, closeness, find
from reader.core.find.lexicon import canonical, expand

REAL = Path(__file__).parent / "fixtures" / "real"
SOUTH_SUDAN = (
    "Determining that the situation in South Sudan continues to constitute a threat to "
    "international peace and security in the region,"
)


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def run_json(*argv: str) -> dict:
    code, text = run(*argv, "--json", "--quiet")
    assert code == 0
    data: dict = json.loads(text)
    return data


def test_json_shape_on_the_bundled_corpus() -> None:
    query = "South-South cooperation is no substitute for North-South cooperation but complements it"
    data = run_json("find", query, "--limit", "5")
    assert data["query"] == query
    results = data["results"]
    assert 1 <= len(results) <= 5
    for r in results:
        assert set(r) >= {"text", "score", "count", "first", "last", "occurrences", "diff"}
        assert 0 <= r["score"] <= 100
        assert r["count"] == len(r["occurrences"]) >= 1
        for o in [r["first"], r["last"], *r["occurrences"]]:
            assert set(o) >= {"id", "symbol", "year", "label"}
        # the lossless diff, from the result's text to TEXT
        ops = [tuple(op) for op in r["diff"]]
        assert old_text(ops) == r["text"]
        assert new_text(ops) == query
    assert results[0]["first"]["symbol"] == "62/209"
    assert "not a substitute for" in results[0]["text"]
    keys = [(-round(r["score"]), -r["count"], -(r["last"]["year"] or 0)) for r in results]
    assert keys == sorted(keys)  # closeness first, then how often, then how recently


def test_a_family_groups_the_same_wording_across_years_on_real_files() -> None:
    data = run_json("find", SOUTH_SUDAN.upper().replace(",", " ,"), "--corpus", str(REAL))
    top = data["results"][0]
    assert top["score"] == 100.0  # case and spacing aside: the same words
    assert top["count"] == 4
    assert [o["id"] for o in top["occurrences"]] == [
        "S_RES_2206(2015)",
        "S_RES_2677(2023)",
        "S_RES_2729(2024)",
        "S_RES_2731(2024)",
    ]
    assert (top["first"]["year"], top["first"]["label"]) == (2015, "PP28")
    assert (top["last"]["year"], top["last"]["label"]) == (2024, "PP21")
    assert top["text"] == SOUTH_SUDAN  # as printed in the latest adoption


def test_a_paraphrase_finds_the_agreed_wording_and_the_filters_keep_what_they_say() -> None:
    query = "condemn religious intolerance and hatred in print, audiovisual or electronic media"
    data = run_json("find", query, "--corpus", str(REAL), "--limit", "3")
    top = data["results"][0]
    assert top["text"].startswith("Condemns all forms of violence, intolerance and discrimination")
    assert top["count"] == 4 and top["first"]["year"] == 2019 and top["last"]["year"] == 2023
    since = run_json("find", query, "--corpus", str(REAL), "--since", "2021", "--until", "2022")
    years = {o["year"] for r in since["results"] for o in r["occurrences"]}
    assert years and years <= {2021, 2022}
    assert since["results"][0]["count"] == 2
    sc = run_json("find", query, "--corpus", str(REAL), "--body", "SC")
    assert sc["results"] and all(
        o["body"] == "Security Council" for r in sc["results"] for o in r["occurrences"]
    )
    hrc = run_json("find", query, "--corpus", str(REAL), "--body", "human rights")
    assert hrc["results"][0]["count"] == 4


def test_a_text_of_function_words_or_punctuation_finds_nothing() -> None:
    assert run_json("find", '!!! "" AND OR (')["results"] == []
    assert run_json("find", "of the")["results"] == []


def test_table_and_html_report(tmp_path: Path) -> None:
    code, text = run("find", SOUTH_SUDAN, "--corpus", str(REAL), "--limit", "2", "--quiet")
    assert code == 0
    assert "100.0" in text and "4×" in text and "2015–2024" in text
    out = tmp_path / "find.html"
    query = "South Sudan <b>threat</b> & peace"
    code, _ = run("find", query, "--corpus", str(REAL), "--html", str(out), "--quiet")
    assert code == 0
    html = out.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in html and "<script" not in html
    assert "South Sudan &lt;b&gt;threat&lt;/b&gt; &amp; peace" in html
    assert "Determining that the situation in South Sudan" in html and "<del>" in html and "<ins>" in html
    code, _ = run("find", query, "--corpus", str(REAL), "--html", str(out), "--quiet")
    assert code == 2  # exists: only with --force
    assert run("find", query, "--corpus", str(REAL), "--html", str(out), "--force", "--quiet")[0] == 0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["find", "   "], "TEXT"),
        (["find", "peace", "--corpus", "/no/such/folder"], "is not a folder"),
        (["find", "peace", "--limit", "0"], "--limit"),
        (["find", "peace", "--since", "2010", "--until", "2000"], "--since"),
        (["find", "peace", "--body", "Martian Council"], "--body"),
    ],
)
def test_bad_input_is_one_sentence_and_exit_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(*argv, "--quiet")
    err = capsys.readouterr().err
    assert code == 2 and out == ""
    lines = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and message in lines[0]
    assert "Traceback" not in err


def test_the_index_follows_the_store_and_stays_out_of_the_corpus_folder(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ["S_RES_2206(2015).txt", "S_RES_2677(2023).txt"]:
        shutil.copy(REAL / name, folder / name)
    before = sorted(p.name for p in folder.iterdir())
    first = run_json("find", SOUTH_SUDAN, "--corpus", str(folder))
    assert first["results"][0]["count"] == 2
    corpus, _ = open_corpus([folder])
    assert corpus.db_path is not None
    built = sorted(corpus.db_path.parent.glob(f"{corpus.db_path.name}.find-*"))
    assert len(built) == 1
    _, again = open_for_corpus(corpus)
    assert not again  # the same store state: opened, not built
    corpus.close()
    shutil.copy(REAL / "S_RES_2731(2024).txt", folder / "S_RES_2731(2024).txt")
    second = run_json("find", SOUTH_SUDAN, "--corpus", str(folder))
    assert second["results"][0]["count"] == 3
    assert second["results"][0]["last"]["year"] == 2024
    now = sorted(corpus.db_path.parent.glob(f"{corpus.db_path.name}.find-*"))
    assert len(now) == 1 and now != built  # the old state's index is gone
    assert sorted(p.name for p in folder.iterdir()) == [*before, "S_RES_2731(2024).txt"]
    assert not list(corpus.db_path.parent.glob(".*.tmp"))


@pytest.mark.parametrize(
    ("adopted", "query"),
    [
        (SOUTH_SUDAN, "south sudan: a threat to peace"),
        (SOUTH_SUDAN, SOUTH_SUDAN.upper()),
        ("  (a) To ensure, “in particular”, the right", "ensure the right in particular"),
        ("word", ""),
        ("", "word"),
    ],
)
def test_find_diff_is_lossless_and_keeps_shared_words(adopted: str, query: str) -> None:
    from reader.core.find.finder import find_diff

    ops = find_diff(adopted, query)
    assert old_text(ops) == adopted and new_text(ops) == query
    if "threat" in query:
        assert any(tag == "equal" and "threat" in text for tag, text in ops)


def test_lexicon_spells_out_abbreviations_and_variants() -> None:
    assert "Secretary-General" in expand("the SG reports")
    assert "least developed countries" in expand("LDCs")
    assert "programme" in expand("the program")
    assert "recognize" in expand("recognise")
    assert expand("who is there") == []  # WHO only as written
    assert "World Health Organization" in expand("the WHO")
    assert (
        canonical("The SG on SIDS, Pérez") == "The Secretary-General on small island developing States, Perez"
    )


def test_stages_and_closeness_in_memory() -> None:
    corpus, _ = open_corpus([REAL], cache=None)
    index, _ = open_for_corpus(corpus)
    assert isinstance(index, FindIndex) and index.families > 100
    query = "Authorizes the use of mediation guidance of the UN"
    for stages in (Stages(False, False, False), Stages(True, False, False), Stages()):
        r = find(index, query, stages=stages, limit=3)
        assert r.results
    assert closeness(["a", "b"], ["a", "b"]) == 100.0
    assert closeness([], ["a"]) == 0.0
    # accents fold in the index and in the query alike
    assert index.terms("Pérez programmes") == index.terms("Perez programme") == ["perez", "programm"]
    corpus.close()


def test_a_corpus_parsed_in_memory_gets_an_index_in_memory_with_the_same_families() -> None:

    from reader.core.corpus.collection import Corpus
    from reader.core.find.engine import read_families

    parsed = Corpus.load([REAL])
    assert getattr(parsed, "db_path", None) is None
    index, built = open_for_corpus(parsed)
    assert built and index.path is None
    stored, _ = open_corpus([REAL])
    assert stored.db_path is not None
    with contextlib.closing(reader_connection(stored.db_path)) as conn:
        full = FindIndex.build(read_families(conn))
    assert _families(index) == _families(full)
    stored.close()


def _families(index: FindIndex) -> dict[int, tuple[str, tuple]]:
    import tantivy

    searcher = index.index.searcher()
    hits = searcher.search(tantivy.Query.all_query(), limit=100_000, count=False).hits
    out = {}
    for _, address in hits:
        doc = searcher.doc(address)
        from reader.core.find.engine import _decode

        fam = _decode(doc["fid"][0], doc["text"][0], doc["occ"][0], doc["stems"][0])
        out[fam.fid] = (fam.text, fam.occurrences)
    return out


def test_a_changed_corpus_updates_the_index_to_what_a_full_build_makes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    from reader.core.find import update
    from reader.core.find.engine import read_families

    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ["S_RES_2206(2015).txt", "S_RES_2677(2023).txt", "A_HRC_RES_40_10.txt", "A_HRC_RES_46_6.txt"]:
        shutil.copy(REAL / name, folder / name)
    assert run_json("find", SOUTH_SUDAN, "--corpus", str(folder))["results"][0]["count"] == 2
    used: list[bool] = []
    plain = update.update_index

    def spy(*args: object) -> bool:
        used.append(plain(*args))  # type: ignore[arg-type]
        return used[-1]

    monkeypatch.setattr(update, "update_index", spy)
    # one file added, one removed, one edited (a paragraph reworded, so its family changes)
    shutil.copy(REAL / "S_RES_2731(2024).txt", folder / "S_RES_2731(2024).txt")
    (folder / "A_HRC_RES_46_6.txt").unlink()
    edited = folder / "S_RES_2677(2023).txt"
    edited.write_text(
        edited.read_text(encoding="utf-8").replace("continues to constitute a threat", "remains a threat"),
        encoding="utf-8",
    )
    after = run_json("find", SOUTH_SUDAN, "--corpus", str(folder))
    assert used == [True]
    top = after["results"][0]
    assert [o["id"] for o in top["occurrences"]] == ["S_RES_2206(2015)", "S_RES_2731(2024)"]
    corpus, _ = open_corpus([folder])
    index, built = open_for_corpus(corpus)
    assert not built
    assert corpus.db_path is not None
    with contextlib.closing(reader_connection(corpus.db_path)) as conn:
        full = FindIndex.build(read_families(conn))
    assert _families(index) == _families(full)
    assert sorted(index.bodies) == sorted(full.bodies)
    corpus.close()


def test_the_words_adopted_word_for_word_come_before_shorter_paraphrases(tmp_path: Path) -> None:
    """A long paragraph that holds the query word for word (58/220's "not as a substitute for but
    rather as a complement to") scored 68 against the whole query and came after a shorter paraphrase
    ("is not a substitute for, but rather a complement to"): the adopted words themselves come first."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    opening = "The General Assembly,\n\nRecalling its earlier resolutions,\n\n"
    (folder / "long.txt").write_text(
        "58/220. Economic and technical cooperation among developing countries\n\n"
        + opening
        + "1.\tReaffirms that South-South cooperation, which has been growing steadily in the past decades "
        "and involves a wide range of partners and modalities across regions, is not as a substitute for "
        "but rather as a complement to North-South cooperation, and calls for its further strengthening;\n\n"
        "78th plenary meeting\n23 December 2003\n",
        encoding="utf-8",
    )
    (folder / "short.txt").write_text(
        "2015/15. Progress in the implementation\n\n"
        + opening
        + "1.\tStresses that South-South cooperation is not a substitute for, but rather a complement to, "
        "North-South cooperation;\n\n45th plenary meeting\n21 July 2015\n",
        encoding="utf-8",
    )
    data = run_json("find", "not as a substitute for but rather as a complement to", "--corpus", str(folder))
    symbols = [r["first"]["symbol"] for r in data["results"]]
    assert symbols[:2] == ["58/220", "2015/15"]
    assert data["results"][0]["score"] >= 90.0 > data["results"][1]["score"]
