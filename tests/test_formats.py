"""PDF, Word and web pages parse as the same resolution in text does (fixtures of known structure).

``tests/fixtures/make_fixtures.py`` renders ``tests/fixtures/known.py`` as text,
as the official PDF (headless Chromium), as a Word draft (python-docx + raw
XML) and as a saved web page, once per session into a temporary folder. Every
format must give the known labels, paragraph texts and footnotes, and the same
metadata as the text file. Bad input gives one sentence and changes nothing.
"""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest

from reader.core.corpus.collection import Corpus
from reader.core.errors import InputError
from reader.core.ingest.formats import DOCUMENT_SUFFIXES, kind_of
from reader.core.ingest.parse import load_document
from reader.core.model import Document
from reader.core.progress import Cancelled
from tests.fixtures import known
from tests.fixtures.make_fixtures import long_paras, make_all, page_count, pdf_html, print_pdf

pytestmark = pytest.mark.slow  # Chromium prints the PDFs

REPO = Path(__file__).resolve().parents[1]
FORMATS = ("txt", "pdf", "docx", "html")
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the magic of old binary Office files


@pytest.fixture(scope="session")
def fixtures(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_all(tmp_path_factory.mktemp("formats"), pages=20)


@pytest.fixture(scope="session")
def text_doc(fixtures: dict[str, Path]) -> Document:
    return load_document(fixtures["txt"])


def _shape(doc: Document) -> tuple[list[tuple[str, str]], list[tuple[int, str, str | None]]]:
    return (
        [(p.label, p.text) for p in doc.paragraphs],
        [(f.number, f.text, f.label) for f in doc.footnotes],
    )


EXPECTED_PARAS = [(p.label, p.text) for p in known.PARAS]
EXPECTED_NOTES = [(n, t, known.CITED_BY[n]) for n, t in known.FOOTNOTES.items()]


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_gives_the_known_paragraphs_and_footnotes(fixtures: dict[str, Path], fmt: str) -> None:
    doc = load_document(fixtures[fmt])
    paras, notes = _shape(doc)
    assert paras == EXPECTED_PARAS
    assert notes == EXPECTED_NOTES
    markers = {p.label: tuple(m.number for m in p.markers) for p in doc.paragraphs}
    assert markers == {p.label: p.markers for p in known.PARAS}


@pytest.mark.parametrize("fmt", ("pdf", "docx", "html"))
def test_each_format_gives_the_metadata_of_the_text(
    fixtures: dict[str, Path], text_doc: Document, fmt: str
) -> None:
    meta = load_document(fixtures[fmt]).metadata
    want = text_doc.metadata
    assert (meta.symbol, meta.body, meta.title, meta.date, meta.session, meta.meeting) == (
        want.symbol,
        want.body,
        want.title,
        want.date,
        want.session,
        want.meeting,
    )
    assert (meta.symbol, meta.date, meta.title) == (known.SYMBOL, "2008-12-19", known.TITLE)


def _pdf_text(path: Path) -> str:
    """PDFium's own text of every page (everything closed here, as in ``page_count``)."""
    doc = pdfium.PdfDocument(path)
    try:
        parts = []
        for page in doc:
            textpage = page.get_textpage()
            parts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return "".join(parts)
    finally:
        doc.close()


def test_pdf_page_turns_in_twenty_pages(fixtures: dict[str, Path]) -> None:
    """A paragraph runs over every page turn of the long PDF; each is one paragraph again."""
    doc = load_document(fixtures["long"])
    assert page_count(fixtures["long"]) >= 20
    assert [(p.label, p.text) for p in doc.paragraphs] == [(p.label, p.text) for p in long_paras(20)]
    assert [f.number for f in doc.footnotes] == [1, 2, 3]  # only the preamble's notes are repeated
    everything = " ".join(p.text for p in doc.paragraphs)
    for furniture in ("A/RES/63/233", known.JOB, "*0848766*", "Distr.: General"):
        assert furniture not in everything


def test_pdf_page_furniture_and_hyphens(tmp_path: Path) -> None:
    """Narrow columns force line-end hyphens: words and compounds come out as printed whole."""
    html = pdf_html().replace("right: 38mm;", "right: 95mm;")  # a column a third as wide
    out = tmp_path / "narrow.pdf"
    print_pdf(html, out)
    text = _pdf_text(out)
    assert "\ufffe" in text or "-\r\n" in text  # the narrow layout did break words at line ends
    doc = load_document(out)
    assert [(p.label, p.text) for p in doc.paragraphs] == EXPECTED_PARAS
    assert [(f.number, f.text) for f in doc.footnotes] == [(n, t) for n, t, _ in EXPECTED_NOTES]


def test_pdf_newer_layout_note_running_over_a_page(tmp_path: Path) -> None:
    """Pages numbered "2/3", "Please recycle", and page 1's last footnote finished at the foot of page 2."""
    out = tmp_path / "newer.pdf"
    print_pdf(pdf_html(newer=True), out)
    page2 = pdfium.PdfDocument(out)[1].get_textpage().get_text_range()
    assert "2/3" in page2 and page2.index("Sixty-third Session, Supplement") < page2.index("See A/63/39")
    doc = load_document(out)
    assert [(p.label, p.text) for p in doc.paragraphs] == EXPECTED_PARAS
    assert [(f.number, f.text, f.label) for f in doc.footnotes] == EXPECTED_NOTES


def test_docx_tracked_changes_are_read_as_accepted_and_said(fixtures: dict[str, Path]) -> None:
    doc = load_document(fixtures["docx"])
    op2 = doc.paragraphs[doc.index_of("OP2")].text
    assert "are essential to" in op2 and "important" not in op2
    assert "cooperation in these fields, in accordance" in op2
    assert doc.metadata.notes == "Word tracked changes read as accepted: 2 insertions, 1 deletion"
    assert load_document(fixtures["pdf"]).metadata.notes == ""


def test_docx_numbers_come_from_list_numbering_not_text(fixtures: dict[str, Path]) -> None:
    """The .docx holds no "1." or "(a)" characters: the labels come from numbering.xml."""
    with zipfile.ZipFile(fixtures["docx"]) as z:
        body = z.read("word/document.xml").decode("utf-8")
    assert "Welcomes" in body and ">1. " not in body and "(a)" not in body
    assert [p.label for p in load_document(fixtures["docx"]).paragraphs][6:12] == [
        "OP1",
        "OP2",
        "OP3",
        "OP3(a)",
        "OP3(b)",
        "OP3(c)",
    ]


def test_web_page_drops_site_chrome(fixtures: dict[str, Path]) -> None:
    page = fixtures["html"].read_text(encoding="utf-8")
    assert "1. Recalls the report" in page and "Terms of use" in page  # the chrome is there
    doc = load_document(fixtures["html"])
    everything = " ".join(p.text for p in doc.paragraphs) + " ".join(f.text for f in doc.footnotes)
    for chrome in ("Recalls the report", "Terms of use", "Home", "gtag", "↩", "Related documents"):
        assert chrome not in everything


def test_kind_is_told_by_bytes_not_name(fixtures: dict[str, Path], tmp_path: Path) -> None:
    disguised = tmp_path / "resolution.txt"
    disguised.write_bytes(fixtures["pdf"].read_bytes())
    assert [(p.label, p.text) for p in load_document(disguised).paragraphs] == EXPECTED_PARAS
    no_suffix = tmp_path / "saved-page"
    no_suffix.write_bytes(fixtures["html"].read_bytes())
    assert [p.label for p in load_document(no_suffix).paragraphs] == [p.label for p in known.PARAS]
    assert kind_of(b"Recalling <sup>1</sup> its resolution", ".md") == "text"
    assert kind_of(b"<p>Recalling its resolution</p>", ".htm") == "html"
    assert kind_of(b"<p>Recalling its resolution</p>", ".txt") == "text"


def test_corpus_folder_takes_every_format(fixtures: dict[str, Path], tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    for fmt in ("pdf", "docx", "html"):
        (folder / fixtures[fmt].name).write_bytes(fixtures[fmt].read_bytes())
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    before = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    corpus = Corpus.load([folder])
    assert sorted(e.path.name for e in corpus.entries) == ["known.docx", "known.html", "known.pdf"]
    assert {e.symbol for e in corpus.entries} == {known.SYMBOL}
    assert corpus.problems == [f"{folder / 'broken.docx'}: is a damaged Word document that cannot be read"]
    for entry in corpus.entries:
        assert _shape(corpus.document(entry))[0] == EXPECTED_PARAS
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == before  # nothing written
    assert {".pdf", ".docx", ".html", ".htm", ".txt", ".md"} <= set(DOCUMENT_SUFFIXES)


def test_corpus_store_opens_every_format(fixtures: dict[str, Path], tmp_path: Path) -> None:
    """The store a folder is opened from lists and parses PDF, Word, web pages and .markdown too."""
    from reader.core.corpus.sync import open_corpus

    folder = tmp_path / "mine"
    folder.mkdir()
    for fmt in ("pdf", "docx", "html"):
        (folder / fixtures[fmt].name).write_bytes(fixtures[fmt].read_bytes())
    (folder / "known.markdown").write_text(fixtures["txt"].read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    before = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    for _ in range(2):  # the first opening parses, the second reads the store
        corpus, _stats = open_corpus([folder])
        try:
            names = sorted(e.path.name for e in corpus.entries)
            assert names == ["known.docx", "known.html", "known.markdown", "known.pdf"]
            assert any("broken.docx" in p and "damaged Word document" in p for p in corpus.problems)
            for entry in corpus.entries:
                assert _shape(corpus.document(entry))[0] == EXPECTED_PARAS
        finally:
            corpus.close()
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == before  # nothing written


# ----- bad input: one sentence each ------------------------------------------------------------


def _reason(path: Path) -> str:
    with pytest.raises(InputError) as exc:
        load_document(path)
    assert exc.value.source == str(path)
    return exc.value.reason


def test_encrypted_pdf(fixtures: dict[str, Path], tmp_path: Path) -> None:
    writer = pypdf.PdfWriter(clone_from=fixtures["pdf"])
    writer.encrypt("secret", algorithm="AES-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    assert (
        _reason(path) == "is an encrypted PDF (it needs a password); save an unprotected copy and open that"
    )


def test_scanned_pdf_without_text_layer(fixtures: dict[str, Path], tmp_path: Path) -> None:
    shot = tmp_path / "page.png"
    subprocess.run(
        ["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path}/p",
         f"--screenshot={shot}", "--window-size=800,1100", fixtures["html"].as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    scanned = tmp_path / "scanned.pdf"
    print_pdf(
        f'<html><body style="margin:0"><img src="{shot.as_uri()}" style="width:100%"></body></html>', scanned
    )
    assert len(pdfium.PdfDocument(scanned)) >= 1
    assert _reason(scanned) == "is a PDF with no text in it (a scanned image?); run OCR on it first"


def test_pdf_that_is_not_a_resolution(tmp_path: Path) -> None:
    memo = tmp_path / "memo.pdf"
    print_pdf(
        "<html><body><h1>Travel memo</h1><p>The delegation arrives on Monday. Meetings are held in room 4."
        "</p><p>Please bring the documents listed in the annex.</p></body></html>",
        memo,
    )
    assert _reason(memo) == "no resolution paragraphs found (is this a resolution?)"


def test_damaged_files(fixtures: dict[str, Path], tmp_path: Path) -> None:
    cut = tmp_path / "cut.docx"
    cut.write_bytes(fixtures["docx"].read_bytes()[:3000])
    assert _reason(cut) == "is a damaged Word document that cannot be read"
    bad_xml = tmp_path / "bad.docx"
    with zipfile.ZipFile(fixtures["docx"]) as src, zipfile.ZipFile(bad_xml, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, data[: len(data) // 2] if item.filename == "word/document.xml" else data)
    assert _reason(bad_xml) == "is a damaged Word document that cannot be read"
    old = tmp_path / "draft.doc"
    old.write_bytes(OLE + bytes(4000))
    assert _reason(old) == "is an old binary Word (.doc) file; open it in Word and save it as .docx"
    pdf = tmp_path / "truncated.pdf"
    pdf.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n")
    assert _reason(pdf) == "is a damaged PDF file that cannot be read"
    odt = tmp_path / "draft.odt"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("content.xml", "<office:document-content/>")
    odt.write_bytes(buf.getvalue())
    assert _reason(odt) == "is an OpenDocument text (.odt); save it as .docx, PDF or plain text"


@pytest.fixture(scope="session")
def five_hundred_pages(fixtures: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The 20-page resolution, then its body pages again and again to 500 pages (an annex after it)."""
    src = pdfium.PdfDocument(fixtures["long"])
    doc = pdfium.PdfDocument.new()
    n = len(src)
    doc.import_pages(src)
    while len(doc) < 500:
        doc.import_pages(src, list(range(1, min(n - 1, 500 - len(doc) + 1))))
    path = tmp_path_factory.mktemp("big") / "volume.pdf"
    doc.save(path)
    yield path


def test_500_page_pdf_reports_progress_and_cancels(five_hundred_pages: Path) -> None:
    seen: list[tuple[int, int]] = []

    def stop_at_ten(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < 10

    with pytest.raises(Cancelled):
        load_document(five_hundred_pages, progress=stop_at_ten)
    assert seen[-1] == (10, 500) and seen[0] == (0, 500)

    calls: list[int] = []
    doc = load_document(five_hundred_pages, progress=lambda d, t: calls.append(d) is None)
    assert calls == list(range(501))
    assert [(p.label, p.text) for p in doc.paragraphs] == [(p.label, p.text) for p in long_paras(20)]


@pytest.mark.parametrize(
    "make, reason",
    [
        (lambda d: d.joinpath("x.doc").write_bytes(OLE + bytes(600)), "save it as .docx"),
        (lambda d: d.joinpath("x.pdf").write_bytes(b"%PDF-1.4 broken"), "is a damaged PDF file"),
        (lambda d: d.joinpath("x.docx").write_bytes(b"PK\x03\x04broken"), "is a damaged Word document"),
    ],
    ids=["doc", "pdf", "docx"],
)  # fmt: skip
def test_cli_bad_input_is_one_sentence_and_exit_2(tmp_path: Path, make: object, reason: str) -> None:
    make(tmp_path)  # type: ignore[operator]
    path = next(tmp_path.iterdir())
    for args in (["parse", str(path)], ["compare", str(path), "60/212"]):
        result = subprocess.run(
            [sys.executable, "-m", "reader", *args], capture_output=True, text=True, cwd=REPO, timeout=120
        )
        assert result.returncode == 2
        assert result.stderr.count("\n") == 1 and reason in result.stderr
        assert "Traceback" not in result.stderr


def test_cli_subcommands_take_every_format(fixtures: dict[str, Path], tmp_path: Path) -> None:
    import json
    import os

    env = {**os.environ, "RESOLUTION_READER_CACHE": str(tmp_path / "cache")}

    def run(*args: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "reader", *args],
            capture_output=True,
            text=True,
            cwd=REPO,
            timeout=120,
            env=env,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    parsed = json.loads(run("parse", str(fixtures["docx"]), "--json"))
    assert parsed["notes"].startswith("Word tracked changes read as accepted")
    assert [p["label"] for p in parsed["paragraphs"]] == [p.label for p in known.PARAS]
    pairs = json.loads(run("compare", str(fixtures["pdf"]), str(fixtures["html"]), "--json"))["pairs"]
    assert {p["kind"] for p in pairs} == {"identical"} and len(pairs) == len(known.PARAS)
    text = run("compare", str(fixtures["docx"]), str(fixtures["txt"]))
    assert "identical" in text
    # A folder of PDFs (and Word files) is a corpus: listed, indexed, traced.
    folder = tmp_path / "pdfs"
    folder.mkdir()
    (folder / "a-res-63-233.pdf").write_bytes(fixtures["pdf"].read_bytes())
    (folder / "draft.docx").write_bytes(fixtures["docx"].read_bytes())
    listed = json.loads(run("corpus", "list", "--corpus", str(folder), "--json"))
    assert sorted(Path(e["path"]).name for e in listed) == ["a-res-63-233.pdf", "draft.docx"]
    assert {e["symbol"] for e in listed} == {known.SYMBOL}
    hits = json.loads(
        run("trace", "regional centres of excellence for research", "--corpus", str(folder), "--json")
    )
    assert sorted((Path(h["id"]).name, h["label"]) for h in hits["hits"]) == [
        ("a-res-63-233", "OP3(a)"),
        ("draft", "OP3(a)"),
    ]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_cli_shows_page_progress_for_a_long_pdf_on_a_terminal(
    fixtures: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader import cli

    pages = len(pdfium.PdfDocument(fixtures["long"]))
    term = _Terminal()
    monkeypatch.setattr(sys, "stderr", term)
    out = io.StringIO()
    assert cli.main(["parse", str(fixtures["long"])], out=out) == 0
    assert "OP1" in out.getvalue()
    assert f"{pages}/{pages} pages" in term.getvalue()
    quiet = _Terminal()
    monkeypatch.setattr(sys, "stderr", quiet)
    assert cli.main(["parse", str(fixtures["long"]), "--quiet"], out=io.StringIO()) == 0
    assert "pages" not in quiet.getvalue()


@pytest.mark.parametrize("kind", ["txt", "pdf", "docx", "html", "long"])
def test_no_word_of_a_read_file_is_lost(fixtures: dict[str, Path], kind: str) -> None:
    """The invariant of tests/test_real_no_word_lost.py on the text each reader gives the parser."""
    from reader.core.ingest.formats import read_document
    from reader.core.ingest.parse import parse_text
    from tests.wordcheck import lost_words

    text = read_document(fixtures[kind]).text
    assert lost_words(text, parse_text(text)) == {}


def test_two_pdfs_read_at_once_take_turns_in_pdfium(
    fixtures: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """PDFium is not thread-safe: the reader's worker may still be on a page of a cancelled PDF when
    the next one is opened. Reads from several threads must not be inside PDFium together, and each
    still gives the document."""
    import threading
    import time

    from reader.core.ingest import pdf

    inside, most = [0], [0]
    pages = pdf._pages

    def watched(*args: object, **kwargs: object) -> object:
        inside[0] += 1
        most[0] = max(most[0], inside[0])
        time.sleep(0.05)  # long enough for the other thread to arrive
        try:
            return pages(*args, **kwargs)  # type: ignore[arg-type]
        finally:
            inside[0] -= 1

    monkeypatch.setattr(pdf, "_pages", watched)
    docs: list[Document] = []
    threads = [threading.Thread(target=lambda: docs.append(load_document(fixtures["pdf"]))) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert most[0] == 1 and len(docs) == 3
    assert docs[0].paragraphs == docs[1].paragraphs == docs[2].paragraphs
