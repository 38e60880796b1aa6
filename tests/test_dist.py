"""The packaged app (build.spec -> dist/resolution-reader/) works with no Python around it.

The bundle is built once per session, or reused when its build stamp matches the
sources' current hash (a fresh clone always builds). Every run of the bundled
executable gets a clean environment (PATH=/usr/bin:/bin, HOME, QT_QPA_PLATFORM only)
and a scratch working folder, so it cannot lean on the venv or the source tree.
"""

from __future__ import annotations

import fcntl
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType

import pytest

from reader.core import appinfo

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
APP_DIR = REPO / "dist" / appinfo.APP_ID
EXE = APP_DIR / appinfo.APP_ID
BUILD_TIMEOUT = 1200
RUN_TIMEOUT = 180


def _stamp_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bundle_stamp", REPO / "bundle" / "stamp.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


STAMP = _stamp_module()


def _stamp_in_dist() -> str | None:
    path = APP_DIR / STAMP.STAMP_NAME
    return path.read_text(encoding="utf-8").strip() if path.is_file() and EXE.is_file() else None


@pytest.fixture(scope="module")
def bundle() -> Iterator[Path]:
    """dist/resolution-reader/, built from the current sources (under a lock: one build at a time)."""
    (REPO / "build").mkdir(exist_ok=True)
    with open(REPO / "build" / ".dist.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if _stamp_in_dist() != STAMP.source_hash(REPO):
                build = subprocess.run(
                    [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "build.spec"],
                    cwd=REPO,
                    capture_output=True,
                    text=True,
                    timeout=BUILD_TIMEOUT,
                    check=False,
                )
                assert build.returncode == 0, build.stderr[-4000:]
                assert _stamp_in_dist(), "build.spec finished without writing its build stamp"
            yield APP_DIR
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def clean_env(home: Path, platform: str = "offscreen") -> dict[str, str]:
    """As bare as a desktop launcher: no venv, no PYTHONPATH, no LANG."""
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "QT_QPA_PLATFORM": platform}


def run_bundled(
    args: list[str], tmp_path: Path, *, prefix: tuple[str, ...] = (), platform: str = "offscreen"
) -> subprocess.CompletedProcess[str]:
    """Run the bundled executable from a scratch folder with a clean environment."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    return subprocess.run(
        [*prefix, str(EXE), *args],
        cwd=tmp_path,
        env=clean_env(home, platform),
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        check=False,
    )


def run_source(args: list[str]) -> subprocess.CompletedProcess[str]:
    """The same command from the source tree, for comparison with the bundle."""
    result = subprocess.run(
        [sys.executable, "-m", "reader", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result


class _Text(HTMLParser):
    """All tags and text nodes of an HTML page (the standard library's parser, strict enough here)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.texts.append(data.strip())


def test_bundle_is_trimmed(bundle: Path) -> None:
    internal = bundle / "_internal"
    qt = internal / "PySide6" / "Qt"
    assert (internal / "resources" / "app" / "icon-48.png").is_file()
    assert not (internal / "resources" / "app" / "make_icon.py").exists()
    assert (internal / "reader" / "core" / "report" / "templates").is_dir()
    assert not (qt / "translations").exists()
    modules = {p.name.split(".")[0] for p in (internal / "PySide6").glob("Qt*.so")}
    assert modules == {"QtCore", "QtGui", "QtWidgets"}
    platforms = {p.name for p in (qt / "plugins" / "platforms").iterdir()}
    assert platforms == {"libqxcb.so", "libqwayland.so", "libqoffscreen.so", "libqminimal.so"}
    for gone in ("libgtk-3.so.0", "libQt6Network.so.6", "libQt6Qml.so.6", "libQt6Quick.so.6", "libssl.so.3"):
        assert not list(internal.rglob(gone)), gone
    assert not (internal / "numpy" / "f2py").exists()
    assert not (internal / "tkinter").exists()
    # 196 MB today, 17 of them tantivy (find's full-text index; 229 MB + numpy untrimmed before): a
    # gross regression in the trimming shows here.
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    assert size < 210 * 1024 * 1024, f"bundle grew to {size / 2**20:.0f} MiB"


def test_every_bundled_library_resolves_without_the_venv(bundle: Path, tmp_path: Path) -> None:
    """ldd, in a clean environment, finds each library's dependencies in the bundle or the system."""
    elves = [EXE, *(p for p in (bundle / "_internal").rglob("*.so*") if p.is_file() and not p.is_symlink())]
    for elf in elves:
        result = subprocess.run(
            ["ldd", str(elf)], env=clean_env(tmp_path), capture_output=True, text=True, check=False
        )
        assert "not found" not in result.stdout, f"{elf.relative_to(bundle)}:\n{result.stdout}"
        for leaning in (".venv", ".pyenv", "site-packages"):
            assert leaning not in result.stdout, f"{elf.relative_to(bundle)} uses {leaning}:\n{result.stdout}"


def test_corpus_list_finds_the_corpus_inside_the_bundle(bundle: Path, tmp_path: Path) -> None:
    result = run_bundled(["corpus", "list", "--json"], tmp_path)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert {"60/212", "62/209", "57/263"} <= {row["symbol"] for row in rows}
    source = json.loads(run_source(["corpus", "list", "--json"]).stdout)
    assert [row["id"] for row in rows] == [row["id"] for row in source]
    corpus = (bundle / "_internal" / "corpus").resolve()
    for row in rows:
        path = Path(row["path"]).resolve()
        assert path.is_relative_to(corpus), row["path"]
        assert path.is_file()


@pytest.mark.parametrize(
    "args",
    [
        ["compare", "60/212", "62/209", "--json"],
        ["trace", "South-South cooperation", "--json"],
        ["parse", "57/263", "--json"],
        ["find", "South-South cooperation is not a substitute for North-South cooperation", "--json"],
    ],
    ids=["compare", "trace", "parse", "find"],
)
def test_json_from_the_bundle_equals_the_source(bundle: Path, tmp_path: Path, args: list[str]) -> None:
    """The bundle computes what the source tree computes; only file locations differ."""
    result = run_bundled(args, tmp_path)
    assert result.returncode == 0, result.stderr
    bundled, source = json.loads(result.stdout), json.loads(run_source(args).stdout)
    if isinstance(bundled, dict) and "path" in bundled:
        bundled_path, source_path = Path(bundled.pop("path")), Path(source.pop("path"))
        assert bundled_path.is_relative_to(bundle / "_internal" / "corpus")
        assert bundled_path.name == source_path.name
    assert bundled == source


def test_compare_html_report_from_the_bundle(bundle: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = run_bundled(["compare", "60/212", "62/209", "--html", str(out)], tmp_path)
    assert result.returncode == 0, result.stderr
    page = _Text()
    page.feed(out.read_text(encoding="utf-8"))
    page.close()
    assert {"html", "head", "body", "style"} <= set(page.tags)
    text = "\n".join(page.texts)
    assert "60/212" in text and "62/209" in text

    data = json.loads(run_bundled(["compare", "60/212", "62/209", "--json"], tmp_path).stdout)
    rows = {int(n) for n in re.findall(r"\brow (\d+)\b", text)}
    assert rows == set(range(1, len(data["pairs"]) + 1))
    labels = {p["label"] for side in ("left", "right") for p in data[side]["paragraphs"]}
    assert labels <= set(page.texts), sorted(labels - set(page.texts))


def test_bad_input_is_one_sentence_and_exit_2(bundle: Path, tmp_path: Path) -> None:
    result = run_bundled(["compare", "60/212", str(tmp_path / "missing.txt")], tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""


def test_the_bundle_reads_pdf_word_and_web_pages(bundle: Path, tmp_path: Path) -> None:
    """pypdfium2's PDFium, python-docx and lxml travel in the bundle and give what the source gives."""
    from tests.fixtures.make_fixtures import make_all

    files = make_all(tmp_path / "formats")
    for fmt in ("pdf", "docx", "html"):
        args = ["parse", str(files[fmt]), "--json"]
        result = run_bundled(args, tmp_path)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout) == json.loads(run_source(args).stdout)
    locked = tmp_path / "old.doc"
    locked.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    result = run_bundled(["parse", str(locked)], tmp_path)
    assert result.returncode == 2 and "save it as .docx" in result.stderr


def test_bundled_gui_smoke_offscreen(bundle: Path, tmp_path: Path) -> None:
    result = run_bundled(["gui", "--smoke"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert re.search(r"^smoke ok\b", result.stdout, re.MULTILINE), result.stdout + result.stderr


def test_bundled_gui_smoke_on_an_x_server(bundle: Path, tmp_path: Path) -> None:
    """The trimmed xcb platform plugin and its libraries really start on X (Xvfb)."""
    result = run_bundled(["gui", "--smoke"], tmp_path, prefix=("xvfb-run", "-a"), platform="xcb")
    assert result.returncode == 0, result.stderr
    assert re.search(r"^smoke ok\b", result.stdout, re.MULTILINE), result.stdout + result.stderr


def test_the_bundle_runs_after_a_move_and_through_a_symlink_on_path(bundle: Path, tmp_path: Path) -> None:
    """Copied to a folder with a space and started by name through ~/.local/bin, as the README says."""
    moved = tmp_path / "moved here" / appinfo.APP_ID
    shutil.copytree(bundle, moved, symlinks=True)
    local_bin = tmp_path / "home" / ".local" / "bin"
    local_bin.mkdir(parents=True)
    (local_bin / appinfo.APP_ID).symlink_to(moved / appinfo.APP_ID)
    env = clean_env(tmp_path / "home")
    env["PATH"] = f"{local_bin}:{env['PATH']}"
    result = subprocess.run(
        [appinfo.APP_ID, "corpus", "list", "--json"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows
    assert all(Path(row["path"]).is_relative_to(moved / "_internal" / "corpus") for row in rows)


def test_the_desktop_file_and_icon_ship_next_to_the_executable(bundle: Path) -> None:
    assert os.access(EXE, os.X_OK)
    desktop = bundle / f"{appinfo.APP_ID}.desktop"
    assert desktop.read_bytes() == (REPO / "resources" / "app" / desktop.name).read_bytes()
    assert (bundle / f"{appinfo.APP_ID}.png").read_bytes() == appinfo.icon_png(256).read_bytes()
