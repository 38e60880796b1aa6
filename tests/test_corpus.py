"""The corpus: the bundled catalogue, the analyst's own folders, references, and broken input."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from reader.core.corpus.collection import Corpus, CorpusEntry
from reader.core.errors import InputError
from reader.core.paths import bundled_corpus_dir

CORPUS = bundled_corpus_dir()
SEEDS = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md"))
GA57 = CORPUS / "ga-57-263-economic-and-technical-cooperation-2002.txt"
GA62 = CORPUS / "ga-62-209-south-south-cooperation-2007.txt"
EC620 = CORPUS / "eclac-620-xxxi-south-south-cooperation-2006.txt"


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def bundled() -> Corpus:
    return Corpus.bundled()


def test_bundled_corpus_lists_the_five_seeds(bundled: Corpus) -> None:
    assert bundled.problems == []
    got = [(e.id, e.symbol, e.body, e.date, e.year) for e in bundled.entries]
    assert got == [
        ("ga-57-263", "57/263", "General Assembly", "2002-12-20", 2002),
        ("ga-60-212", "60/212", "General Assembly", "2005-12-22", 2005),
        ("ga-62-209", "62/209", "General Assembly", "2007-12-19", 2007),
        ("eclac-591-xxix", "591(XXIX)", "ECLAC", "2002-05", 2002),
        ("eclac-620-xxxi", "620(XXXI)", "ECLAC", "2006-03", 2006),
    ]
    assert all(e.path.is_file() and e.path.parent == CORPUS for e in bundled.entries)
    assert bundled.entries[0].title == "Economic and technical cooperation among developing countries"


# SHA-256 of the five seed files as received (shared/seeds/000…004): the copies are byte-identical.
SEED_SHA256 = {
    "ga-57-263": "c30c79f5785cc77539c81b1cafd0ffd25f6fb2f346f97a1c2aef5bda281c1b23",
    "ga-60-212": "2abcf8209d8b5fe3f3be2297f62f2bea58519670e8eb81492002877ded51f98e",
    "ga-62-209": "d3580fb6d03a646280399d02196061f0eeaf3c3b09246b3e7f8f1299e1f69434",
    "eclac-591-xxix": "c60a8e0c68a940ba8de54f275e8342b5047ecc9594d5943296819ccf18ae7bc1",
    "eclac-620-xxxi": "0f17bd897e965de5b5101dda9e3bb9cc6219d2e0875257d59147e7200ddb46de",
}


def test_bundled_files_are_the_seeds_byte_for_byte(bundled: Corpus) -> None:
    got = {e.id: hashlib.sha256(e.path.read_bytes()).hexdigest() for e in bundled.entries}
    assert got == SEED_SHA256


@pytest.mark.parametrize(
    ("ref", "entry_id"),
    [
        ("ga-60-212", "ga-60-212"),
        ("GA-60-212", "ga-60-212"),
        ("60/212", "ga-60-212"),
        ("A/RES/60/212", "ga-60-212"),
        ("a/res/57/263", "ga-57-263"),
        ("resolution 62/209", "ga-62-209"),
        ("591(XXIX)", "eclac-591-xxix"),
        ("591 (xxix)", "eclac-591-xxix"),
        ("620(XXXI)", "eclac-620-xxxi"),
        ("ga-62-209-south-south-cooperation-2007.txt", "ga-62-209"),
    ],
)
def test_resolve(bundled: Corpus, ref: str, entry_id: str) -> None:
    entry = bundled.resolve(ref)
    assert entry is not None and entry.id == entry_id


@pytest.mark.parametrize("ref", ["", "60/213", "XXIX", "ga-60", "   "])
def test_resolve_unknown(bundled: Corpus, ref: str) -> None:
    assert bundled.resolve(ref) is None


def test_document_merges_catalogue_metadata_and_is_cached(bundled: Corpus) -> None:
    doc = bundled.document("57/263")
    assert doc.id == "ga-57-263"
    m = doc.metadata
    assert (m.symbol, m.date, m.body) == ("57/263", "2002-12-20", "General Assembly")  # not in the text
    assert m.title == "Economic and technical cooperation among developing countries"
    assert bundled.document(bundled.entries[0]) is doc
    assert len(doc.paragraphs) == 14
    eclac = bundled.document("620(XXXI)")
    assert (eclac.metadata.date, eclac.metadata.title) == ("2006-03", "South-South cooperation")


def test_documents_gives_all_five(bundled: Corpus) -> None:
    docs = list(bundled.documents())
    assert [d.id for d in docs] == [e.id for e in bundled.entries]
    assert [d.display_name for d in docs] == ["57/263", "60/212", "62/209", "591(XXIX)", "620(XXXI)"]


def test_load_ref_accepts_refs_and_paths(bundled: Corpus, tmp_path: Path) -> None:
    assert bundled.load_ref("60/212").id == "ga-60-212"
    inside = bundled.entries[2].path
    assert bundled.load_ref(str(inside)) is bundled.document("62/209")
    outside = tmp_path / "my-draft.txt"
    shutil.copyfile(inside, outside)
    doc = bundled.load_ref(str(outside))
    assert doc.id == "my-draft" and doc.metadata.symbol == "62/209" and len(doc.paragraphs) == 21


@pytest.mark.parametrize(
    ("ref", "reason"),
    [
        ("60/999", "is neither a file nor a document in the corpus"),
        ("no/such/file.txt", "is neither a file nor a document in the corpus"),
    ],
)
def test_load_ref_errors(bundled: Corpus, ref: str, reason: str) -> None:
    with pytest.raises(InputError) as err:
        bundled.load_ref(ref)
    assert (err.value.source, err.value.reason) == (ref, reason)


def test_load_ref_folder_and_bad_file(bundled: Corpus, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder"):
        bundled.load_ref(str(tmp_path))
    bad = tmp_path / "image.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(InputError, match="PNG image"):
        bundled.load_ref(str(bad))


def test_analyst_folder_without_catalogue(tmp_path: Path) -> None:
    for seed in SEEDS[:3]:
        shutil.copyfile(seed, tmp_path / seed.name)
    (tmp_path / "letter.txt").write_text("Dear all,\n\nSee you on Monday.\n", encoding="utf-8")
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")  # a Word document is read: this one is broken
    (tmp_path / "scan.png").write_bytes(b"\x89PNG\r\n")  # not a document type: not looked at
    before = _snapshot(tmp_path)
    corpus = Corpus.load([tmp_path])
    assert [e.id for e in corpus.entries] == [p.stem for p in SEEDS[:3]]
    assert sorted(corpus.problems) == [
        f"{tmp_path / 'empty.md'}: is empty",
        f"{tmp_path / 'letter.txt'}: no resolution paragraphs found (is this a resolution?)",
        f"{tmp_path / 'notes.docx'}: is a damaged Word document that cannot be read",
    ]
    eclac = corpus.resolve("591(XXIX)")
    assert eclac is not None and (eclac.body, eclac.date) == ("ECLAC", "2002")  # "OFFICIAL RECORDS, 2002"
    doc = corpus.document(eclac)
    assert doc.id == eclac.id and len(doc.paragraphs) == 23
    assert len(list(corpus.documents())) == 3
    assert _snapshot(tmp_path) == before  # never writes into the analyst's folder


def test_bundled_and_own_folder_together(tmp_path: Path) -> None:
    shutil.copyfile(GA57, tmp_path / "ga-57-263.txt")  # same stem as a bundled id
    corpus = Corpus.load([CORPUS, tmp_path])
    assert [e.id for e in corpus.entries][-1] == "ga-57-263-2"
    assert corpus.resolve("ga-57-263") == corpus.entries[0]


def _catalogue(folder: Path, data: object) -> None:
    (folder / "catalogue.json").write_text(json.dumps(data), encoding="utf-8")


def test_malformed_catalogue_entries_are_problems(tmp_path: Path) -> None:
    shutil.copyfile(EC620, tmp_path / "a.txt")
    shutil.copyfile(GA62, tmp_path / "b.txt")
    _catalogue(
        tmp_path,
        {
            "documents": [
                {"id": "a", "path": "a.txt", "symbol": "591(XXIX)", "date": "2002-05", "body": "ECLAC"},
                {"id": "nopath", "symbol": "1/1"},
                {"id": "gone", "path": "missing.txt"},
                "not an object",
                {"path": "b.txt"},
            ]
        },
    )
    corpus = Corpus.load([tmp_path])
    cat = tmp_path / "catalogue.json"
    assert corpus.problems == [
        f'{cat} entry 2: no "path"; skipped',
        f"{cat} entry 3: file missing.txt does not exist; skipped",
        f"{cat} entry 4: not an object; skipped",
    ]
    assert [(e.id, e.symbol, e.date) for e in corpus.entries] == [
        ("a", "591(XXIX)", "2002-05"),
        ("b", "", ""),
    ]
    assert corpus.document("b").metadata.symbol == "62/209"  # what the text states fills the gaps


def test_catalogue_that_is_not_json_falls_back_to_the_files(tmp_path: Path) -> None:
    shutil.copyfile(GA62, tmp_path / "x.txt")
    (tmp_path / "catalogue.json").write_text("{not json", encoding="utf-8")
    corpus = Corpus.load([tmp_path])
    assert len(corpus.problems) == 1 and "not a readable catalogue" in corpus.problems[0]
    assert [e.id for e in corpus.entries] == ["x"]


def test_catalogue_entry_whose_file_breaks_later(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Just a note.\n", encoding="utf-8")
    _catalogue(tmp_path, [{"id": "a", "path": "a.txt", "symbol": "1/1"}])
    corpus = Corpus.load([tmp_path])
    assert corpus.problems == [] and [e.id for e in corpus.entries] == ["a"]
    assert list(corpus.documents()) == []
    assert list(corpus.documents()) == []
    assert corpus.problems == [
        f"{tmp_path / 'a.txt'}: no resolution paragraphs found (is this a resolution?)"
    ]
    with pytest.raises(InputError):
        corpus.load_ref("1/1")


def test_missing_folder_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    corpus = Corpus.load([tmp_path / "nowhere", CORPUS])
    assert corpus.problems == [f"{tmp_path / 'nowhere'}: not a folder; skipped"]
    assert len(corpus.entries) == 5
    assert corpus.dirs == [tmp_path / "nowhere", CORPUS]


def test_entry_year() -> None:
    entry = CorpusEntry("x", "", "", "", "", Path("x.txt"))
    assert entry.year is None
    assert CorpusEntry("x", "", "", "", "2006-03", Path("x.txt")).year == 2006


def test_links_and_folders_named_like_documents(tmp_path: Path) -> None:
    """A link is read through (its key is the file it names), a broken link is one sentence, a folder
    called ``x.txt`` is not a document; the store-opened corpus lists the same."""
    from reader.core.corpus.sources import list_sources
    from reader.core.corpus.sync import open_corpus

    shared = tmp_path / "shared"
    shared.mkdir()
    shutil.copyfile(GA57, shared / "ga57.txt")
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copyfile(GA62, folder / "ga62.txt")
    (folder / "linked.txt").symlink_to(shared / "ga57.txt")
    (folder / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    (folder / "drafts.txt").mkdir()
    listing = list_sources([folder])
    assert [(s.name, s.key) for s in listing.sources] == [
        ("ga62.txt", str((folder / "ga62.txt").resolve())),
        ("linked.txt", str((shared / "ga57.txt").resolve())),
    ]
    assert listing.sources[1].size == GA57.stat().st_size  # the linked file's, not the link's
    assert listing.problems == [f"{folder / 'gone.txt'}: cannot be read (a link to a missing file); skipped"]
    corpus = Corpus.load([folder])
    opened, _ = open_corpus([folder], cache=tmp_path / "cache")
    assert [(e.id, e.symbol) for e in corpus.entries] == [("ga62", "62/209"), ("linked", "")]
    assert corpus.document("linked").paragraphs[0].text.startswith("Stressing that South-South")
    assert opened.entries == corpus.entries and opened.problems == corpus.problems == listing.problems
    assert opened.document("linked") == corpus.document("linked")
    opened.close()


def test_a_symbol_two_documents_claim_opens_the_file_named_for_it(tmp_path: Path) -> None:
    """A committee's report that states 2022/2 (it cites the ECOSOC resolution) came first in the
    folder and was opened for "E/RES/2022/2": the resolution is the file named for the symbol."""
    body = "The Economic and Social Council,\n\nRecalling its work,\n\n1.\tDecides to continue;\n"
    (tmp_path / "AAA_report.txt").write_text(
        "2022/2. A report that states the number\n\n" + body, encoding="utf-8"
    )
    (tmp_path / "E_RES_2022_2.txt").write_text(
        "2022/2. Revised terms of reference\n\n" + body, encoding="utf-8"
    )
    corpus = Corpus.load([tmp_path])
    assert [e.symbol for e in corpus.entries] == ["2022/2", "2022/2"]
    for ref in ("2022/2", "E/RES/2022/2"):
        assert corpus.load_ref(ref).metadata.title == "Revised terms of reference"
