"""The command line as a user runs it: real process, real corpus, DESIGN.md contract."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

SUBSTITUTE = "not as a substitute for but rather as a complement to"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test run indexes into its own cache folder, never the user's."""
    monkeypatch.setenv("RESOLUTION_READER_CACHE", str(tmp_path_factory.getbasetemp() / "cache"))


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env=os.environ.copy(),
    )


def run_json(*args: str) -> Any:
    proc = run(*args, "--json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_corpus_list_names_the_five_bundled_resolutions() -> None:
    rows = run_json("corpus", "list")
    assert {r["symbol"] for r in rows} == {"57/263", "60/212", "62/209", "591(XXIX)", "620(XXXI)"}
    by_symbol = {r["symbol"]: r for r in rows}
    assert by_symbol["57/263"]["date"] == "2002-12-20"
    assert by_symbol["620(XXXI)"]["date"] == "2006-03"
    assert by_symbol["591(XXIX)"]["body"] == "ECLAC"
    assert all(set(r) >= {"id", "symbol", "body", "title", "date", "path"} for r in rows)
    assert all(Path(r["path"]).is_file() for r in rows)


def test_corpus_folder_may_be_named_before_or_after_the_action(tmp_path: Path) -> None:
    """``corpus --corpus DIR list`` and ``corpus list --corpus DIR`` both use DIR (the first form
    once fell back to the bundled corpus), and so does ``index``."""
    from reader.core.paths import bundled_corpus_dir

    folder = tmp_path / "mine"
    folder.mkdir()
    shutil.copyfile(bundled_corpus_dir() / "ga-62-209-south-south-cooperation-2007.txt", folder / "b.txt")
    for args in (("corpus", "--corpus", str(folder), "list"), ("corpus", "list", "--corpus", str(folder))):
        assert [r["id"] for r in run_json(*args)] == ["b"], args
    for args in (("corpus", "--corpus", str(folder), "index"), ("corpus", "index", "--corpus", str(folder))):
        proc = run(*args)
        assert proc.returncode == 0 and "index up to date: 1 documents" in proc.stderr, (args, proc.stderr)
    quiet = run("corpus", "--quiet", "--corpus", str(folder), "list")
    assert quiet.returncode == 0 and quiet.stderr == "" and quiet.stdout.startswith("62/209")


def test_parse_json_has_labels_body_and_cited_footnotes() -> None:
    doc = run_json("parse", "62/209")
    assert doc["symbol"] == "62/209"
    assert doc["body"] == "General Assembly"
    assert doc["date"] == "2007-12-19"
    labels = [p["label"] for p in doc["paragraphs"]]
    assert labels[:6] == [f"PP{i}" for i in range(1, 7)]
    assert labels[6:] == [f"OP{i}" for i in range(1, 16)]
    notes = {f["number"]: f for f in doc["footnotes"]}
    assert sorted(notes) == list(range(1, 8))
    assert notes[7] == {"number": 7, "text": "A/62/295.", "label": "OP2"}
    op2 = doc["paragraphs"][labels.index("OP2")]["text"]
    assert op2 == "Takes note of the report of the Secretary-General on the state of South-South cooperation;"


def test_compare_json_follows_the_contract() -> None:
    data = run_json("compare", "60/212", "62/209")
    left = {p["label"]: p["text"] for p in data["left"]["paragraphs"]}
    right = {p["label"]: p["text"] for p in data["right"]["paragraphs"]}
    seen_left: list[str] = []
    seen_right: list[str] = []
    for pair in data["pairs"]:
        assert pair["kind"] in {"identical", "modified", "moved", "added", "removed"}
        assert 0 <= pair["score"] <= 100
        if not pair["left"]:
            assert pair["kind"] == "added"
        if not pair["right"]:
            assert pair["kind"] == "removed"
        seen_left += pair["left"]
        seen_right += pair["right"]
        # the diff is lossless on both sides
        old = "".join(t for tag, t in pair["diff"] if tag in ("equal", "delete"))
        new = "".join(t for tag, t in pair["diff"] if tag in ("equal", "insert"))
        assert old == "\n".join(left[label] for label in pair["left"])
        assert new == "\n".join(right[label] for label in pair["right"])
    assert sorted(seen_left) == sorted(left) and len(seen_left) == len(left)
    assert sorted(seen_right) == sorted(right) and len(seen_right) == len(right)
    op4 = next(p for p in data["pairs"] if p["left"] == ["OP4"])
    assert op4["right"] == ["OP4"] and op4["kind"] in ("modified", "moved")
    phrases = [p for p in data["shared_phrases"] if "substitute" in p["text"]]
    assert phrases and phrases[0]["left"] == ["OP4"] and phrases[0]["right"] == ["OP4"]


def test_compare_text_output_and_threshold() -> None:
    proc = run("compare", "57/263", "60/212", "--threshold", "70")
    assert proc.returncode == 0, proc.stderr
    assert "57/263" in proc.stdout and "60/212" in proc.stdout
    assert "reused text" in proc.stdout


def test_trace_finds_agreed_language_and_nothing_else() -> None:
    data = run_json("trace", SUBSTITUTE)
    found = {(h["symbol"], h["label"]) for h in data["hits"]}
    assert found == {("57/263", "PP2"), ("60/212", "OP4"), ("62/209", "OP4")}
    years = {h["symbol"]: h["year"] for h in data["hits"]}
    assert years == {"57/263": 2002, "60/212": 2005, "62/209": 2007}
    variant = next(h for h in data["hits"] if h["symbol"] == "62/209")
    assert "not a substitute for, but rather a complement to" in variant["text"]
    scores = [h["score"] for h in data["hits"]]
    assert scores == sorted(scores, reverse=True)


def test_a_file_path_works_where_a_corpus_id_does(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(
        "Draft resolution\n\nThe General Assembly,\n\n"
        "Recalling its resolution 60/212 of 22 December 2005,\n\n"
        "1. Stresses that South-South cooperation is not a substitute for, but rather a complement to, "
        "North-South cooperation;\n",
        encoding="utf-8",
    )
    data = run_json("compare", str(draft), "62/209")
    assert [p["label"] for p in data["left"]["paragraphs"]] == ["PP1", "OP1"]


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("parse", "99/999"), "99/999"),
        (("compare", "60/212", "no-such-file.txt"), "no-such-file.txt"),
        (("compare", "60/212", "62/209", "--threshold", "140"), "between 0 and 100"),
        (("trace", "South"), "at least two words"),
        (("corpus", "list", "--corpus", "/nonexistent/folder"), "/nonexistent/folder"),
        (("compare", "60/212"), "RIGHT"),
        (("frobnicate",), "frobnicate"),
    ],
)
def test_bad_input_is_one_sentence_and_exit_2(args: tuple[str, ...], needle: str) -> None:
    proc = run(*args)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and needle in errors[0]


def test_binary_and_empty_files_are_refused_clearly(tmp_path: Path) -> None:
    binary = tmp_path / "scan.pdf"
    binary.write_bytes(b"%PDF-1.4\x00\x01\x02\xff\xfe" * 50)
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    for bad in (binary, empty, tmp_path):
        proc = run("parse", str(bad))
        assert proc.returncode == 2, proc.stderr
        assert "Traceback" not in proc.stderr
        assert str(bad) in proc.stderr


def test_html_report_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    out.write_text("keep me")
    proc = run("compare", "60/212", "62/209", "--html", str(out))
    assert proc.returncode == 2 and "--force" in proc.stderr
    assert out.read_text() == "keep me"
    proc = run("compare", "60/212", "62/209", "--html", str(out), "--force")
    assert proc.returncode == 0, proc.stderr
    html = out.read_text(encoding="utf-8")
    assert "60/212" in html and "62/209" in html and "keep me" not in html


def test_help_for_every_subcommand() -> None:
    for sub in ("gui", "parse", "compare", "trace", "corpus"):
        proc = run(sub, "--help")
        assert proc.returncode == 0 and "usage:" in proc.stdout


def test_corpus_index_and_trace_follow_a_changing_folder(tmp_path: Path) -> None:
    from reader.core.paths import bundled_corpus_dir

    folder = tmp_path / "mine"
    folder.mkdir()
    for name in ("ga-60-212-south-south-cooperation-2005.md", "ga-62-209-south-south-cooperation-2007.txt"):
        shutil.copy(bundled_corpus_dir() / name, folder / name)
    proc = run("corpus", "index", "--corpus", str(folder))
    assert proc.returncode == 0, proc.stderr
    assert "index up to date: 2 documents (2 added, 0 updated, 0 removed" in proc.stderr
    hits = run_json("trace", SUBSTITUTE, "--corpus", str(folder))["hits"]
    assert len(hits) == 2
    (folder / "ga-60-212-south-south-cooperation-2005.md").unlink()
    hits = run_json("trace", SUBSTITUTE, "--corpus", str(folder))["hits"]
    assert [h["id"] for h in hits] == ["ga-62-209-south-south-cooperation-2007"]


def test_files_that_are_not_resolutions_are_one_summary_line_and_nothing_under_quiet(tmp_path: Path) -> None:
    """A folder of resolutions and reports (as ``../shared/real`` is): one note for the reports on every
    command, none under ``--quiet``, and ``corpus list --skipped`` names them with the reason."""
    from reader.core.paths import bundled_corpus_dir

    folder = tmp_path / "mixed"
    shutil.copytree(bundled_corpus_dir(), folder)
    (folder / "catalogue.json").unlink()  # a folder described by its texts, as an analyst's
    fixtures = Path(__file__).parent / "fixtures" / "real"
    shutil.copy(fixtures / "A_71_755.txt", folder / "A_71_755.txt")
    shutil.copy(fixtures / "A_71_755.txt", folder / "A_71_755-copy.txt")
    note = "note: 2 files are not resolutions; `corpus list --skipped` names them"
    for args in (("corpus", "list"), ("compare", "60/212", "62/209"), ("trace", SUBSTITUTE)):
        proc = run(*args, "--corpus", str(folder))
        assert proc.returncode == 0, proc.stderr
        assert proc.stderr.strip().splitlines() == [note], args
        quiet = run(*args, "--corpus", str(folder), "--quiet")
        assert quiet.returncode == 0 and quiet.stderr == "", args
    skipped = run_json("corpus", "list", "--skipped", "--corpus", str(folder))
    assert sorted(Path(s["path"]).name for s in skipped) == ["A_71_755-copy.txt", "A_71_755.txt"]
    assert all("no resolution paragraphs" in s["why"] for s in skipped)


def test_the_command_line_and_the_reader_open_one_store_for_a_folder(tmp_path: Path) -> None:
    """Built by a command, then opened by the reader with the folder spelt another way and also
    remembered among its added folders: one store, not a second build of the same folder."""
    from reader.core.paths import bundled_corpus_dir

    folder = tmp_path / "real pair"
    folder.mkdir()
    fixtures = Path(__file__).parent / "fixtures" / "real"
    for name in ("A_RES_77_153.txt", "A_RES_78_137.txt"):
        shutil.copy(fixtures / name, folder / name)
    shutil.copy(bundled_corpus_dir() / "catalogue.json", tmp_path / "unused.json")  # nothing else there
    cache = Path(os.environ["RESOLUTION_READER_CACHE"]) / "one-store"
    env = dict(os.environ, RESOLUTION_READER_CACHE=str(cache), QT_QPA_PLATFORM="offscreen")
    settings = tmp_path / "settings.ini"
    settings.write_text(f'[corpus]\nfolders="[\\"{folder.as_posix()}/.\\"]"\n', encoding="utf-8")
    env["READER_SETTINGS"] = str(settings)
    built = subprocess.run(
        [sys.executable, "-m", "reader", "corpus", "index", "--corpus", "real pair", "--quiet"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env=env,
    )
    assert built.returncode == 0, built.stderr
    stores = sorted(p.name for p in cache.glob("corpus-*.sqlite3"))
    assert len(stores) == 1
    reader = subprocess.run(
        [
            sys.executable,
            "-m",
            "reader",
            "gui",
            "--corpus",
            str(folder),
            "--smoke",
            str(folder / "A_RES_77_153.txt"),
            str(folder / "A_RES_78_137.txt"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env=env,
    )
    assert reader.returncode == 0, reader.stderr
    assert sorted(p.name for p in cache.glob("corpus-*.sqlite3")) == stores


def test_gui_without_a_display_is_one_sentence_and_exit_2() -> None:
    """No DISPLAY, no WAYLAND_DISPLAY, no headless platform: Qt's xcb plugin would abort (exit 134)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    proc = subprocess.run(
        [sys.executable, "-m", "reader", "gui"], capture_output=True, text=True, timeout=120, env=env
    )
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("error: no display: ")
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "xcb" not in proc.stderr


@pytest.mark.parametrize(
    ("env", "ok"),
    [
        ({}, False),
        ({"DISPLAY": ":0"}, True),
        ({"WAYLAND_DISPLAY": "wayland-0"}, True),
        ({"QT_QPA_PLATFORM": "offscreen"}, True),
        ({"QT_QPA_PLATFORM": "vnc:size=800x600"}, True),
        ({"QT_QPA_PLATFORM": "xcb"}, False),
        ({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"}, False),
        ({"QT_QPA_PLATFORM": "wayland", "DISPLAY": ":0"}, False),
        ({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":1"}, True),
    ],
)
def test_display_problem_follows_the_platform_qt_will_use(env: dict[str, str], ok: bool) -> None:
    from reader.gui.app import display_problem

    assert (display_problem(env, "linux") is None) is ok
    assert display_problem({}, "win32") is None
    assert display_problem({}, "darwin") is None


def test_compare_text_shows_the_word_changes_marked_in_a_pipe() -> None:
    proc = run("compare", "57/263", "60/212")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    row = next(i for i, line in enumerate(lines) if line.split()[:3] == ["PP1", "OP3", "moved"])
    assert lines[row + 1].strip().startswith("[-Stressing-]{+Stresses+} that South-South cooperation")
    assert "\x1b[" not in proc.stdout  # no colour codes in a pipe
    lines = run("compare", "60/212", "62/209").stdout.splitlines()
    identical = next(i for i, line in enumerate(lines) if line.split()[:3] == ["PP2", "PP3", "identical"])
    assert lines[identical + 1].split()[:3] == ["PP3", "PP4", "modified"]  # nothing under an identical pair
    assert lines[identical + 2].strip().startswith("Recalling further its resolution 59/250")
    assert "[-which-]{+in which it+}, inter alia, [-called on-]{+urged+}" in lines[identical + 2]


def test_compare_text_colours_the_changes_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from reader.cli.compare import print_compare_text as _print_compare_text
    from reader.core.compare.comparison import compare
    from reader.core.corpus.collection import Corpus

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    corpus = Corpus.bundled()
    c = compare(corpus.load_ref("57/263"), corpus.load_ref("60/212"))
    out = Terminal()
    _print_compare_text(c, out)
    assert "\x1b[31;9mStressing\x1b[0m\x1b[32;4mStresses\x1b[0m that" in out.getvalue()
    assert "[-" not in out.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    plain = Terminal()
    _print_compare_text(c, plain)
    assert "[-Stressing-]{+Stresses+}" in plain.getvalue()


def test_threshold_splits_every_pair_below_it_in_json_text_and_report(tmp_path: Path) -> None:
    """At 90, 60/212 OP4 and 62/209 OP4 (63.4) are no pair: OP4 removed, then OP4 added."""
    data = run_json("compare", "60/212", "62/209", "--threshold", "90")
    paired = [p for p in data["pairs"] if p["left"] and p["right"]]
    assert paired and all(p["score"] >= 90 for p in paired)
    kinds = [(p["left"], p["right"], p["kind"]) for p in data["pairs"]]
    at = kinds.index((["OP4"], [], "removed"))
    assert kinds[at + 1] == ([], ["OP4"], "added")
    text = run("compare", "60/212", "62/209", "--threshold", "90").stdout
    assert not any(line.split()[:2] == ["OP4", "OP4"] for line in text.splitlines())
    out = tmp_path / "r.html"
    assert run("compare", "60/212", "62/209", "--threshold", "90", "--html", str(out)).returncode == 0
    html = out.read_text(encoding="utf-8")
    assert 'data-left="OP4" data-right="OP4"' not in html and 'data-score="63.4"' not in html
    assert 'data-left="OP4" data-right="OP4" data-score="63.4"' in run_html(tmp_path, "--threshold", "60")


def run_html(tmp_path: Path, *args: str) -> str:
    out = tmp_path / "other.html"
    proc = run("compare", "60/212", "62/209", *args, "--html", str(out), "--force")
    assert proc.returncode == 0, proc.stderr
    return out.read_text(encoding="utf-8")


DRAFT = """The General Assembly,

Recalling its resolution 62/209 of 19 December 2007,

1. Stresses that South-South cooperation is not a substitute for, but rather a complement to,
North-South cooperation;

2. Requests the Secretary-General to report on the implementation of the present resolution.
"""


def test_reports_saved_into_the_corpus_folder_are_not_documents(tmp_path: Path) -> None:
    """Each kind of report written into a corpus folder stays out of it at the next start; a web page
    that is a resolution is still read."""
    from reader.core.paths import bundled_corpus_dir

    folder = tmp_path / "mine"
    folder.mkdir()
    shutil.copyfile(bundled_corpus_dir() / "ga-62-209-south-south-cooperation-2007.txt", folder / "b.txt")
    (folder / "my-draft.txt").write_text(DRAFT, encoding="utf-8")
    (folder / "page.html").write_text(
        "<html><head><title>A/RES/1</title></head><body>"
        + "".join(f"<p>{p}</p>" for p in DRAFT.split("\n\n"))
        + "</body></html>",
        encoding="utf-8",
    )
    before = run_json("corpus", "list", "--corpus", str(folder))
    assert sorted(Path(r["path"]).name for r in before) == ["b.txt", "my-draft.txt", "page.html"]
    draft = str(folder / "my-draft.txt")
    for args in (
        ("compare", "62/209", draft, "--html", str(folder / "compare.html")),
        ("compare", "62/209", draft, "--redline", "--html", str(folder / "redline.HTM")),
        ("provenance", draft, "--html", str(folder / "provenance.html")),
        ("history", "62/209", draft, "--html", str(folder / "history.html")),
    ):
        proc = run(*args, "--corpus", str(folder))
        assert proc.returncode == 0, proc.stderr
    assert len([p for p in folder.iterdir() if p.suffix.lower() in (".html", ".htm")]) == 5
    proc = run("corpus", "list", "--corpus", str(folder), "--json")
    assert proc.returncode == 0 and proc.stderr == ""
    assert json.loads(proc.stdout) == before
    proc = run("parse", str(folder / "compare.html"))  # given by name: one sentence why not
    assert proc.returncode == 2
    why = "compare.html: is a report written by Resolution Reader, not a resolution"
    assert proc.stderr.strip().endswith(why)


def test_corpus_list_names_a_document_without_a_symbol_by_its_file(tmp_path: Path) -> None:
    (tmp_path / "my-draft.txt").write_text(DRAFT, encoding="utf-8")
    proc = run("corpus", "list", "--corpus", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split()[:3] == ["my-draft.txt", "General", "Assembly"]
    assert run_json("corpus", "list", "--corpus", str(tmp_path))[0]["symbol"] == ""  # JSON as it was


def test_recurring_language_quotes_only_words_as_printed() -> None:
    """Shared phrases are matched on normalised words; every quotation shown is one document's
    words exactly, and the right document's own wording follows where it differs."""
    import re

    from reader.core.corpus.collection import Corpus

    corpus = Corpus.bundled()
    left, right = corpus.load_ref("57/263"), corpus.load_ref("60/212")
    proc = run("compare", "57/263", "60/212")
    assert proc.returncode == 0, proc.stderr
    section = proc.stdout.split("\nRecurring language (as printed in 57/263)\n", 1)[1].splitlines()
    quoted = [(line, re.search(r"“(.*)”", line)) for line in section]
    assert all(m for _, m in quoted)
    for line, m in quoted:
        assert m is not None
        doc = right if line.lstrip().startswith("60/212 prints:") else left
        assert any(m.group(1) in p.text for p in doc.paragraphs), line
    at = next(i for i, line in enumerate(section) if line.startswith("  “support the efforts of the"))
    assert section[at + 1] == "      60/212 prints: “support the efforts of developing countries”"
    assert sum("prints:" in line for line in section) < len(section) / 2  # most are printed alike
