"""The report in a real browser: headless Chromium renders it, prints it, and runs none of its text.

Chromium is installed by .ci/run; these tests run it with no network, no
profile and no sandbox, and inspect what it actually built (--dump-dom), what it
drew (--screenshot, kept in test-output/) and what it printed (--print-to-pdf).
"""

from __future__ import annotations

import re
import struct
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from test_report import El, hostile_comparison, pair_rows, parse

from reader.core.compare.comparison import compare
from reader.core.corpus.collection import Corpus
from reader.core.model import CompareOptions, Comparison
from reader.core.report import write_report

CHROMIUM = "/usr/bin/chromium"
OUTPUT = Path(__file__).resolve().parents[1] / "test-output"
WHEN = datetime(2026, 1, 2, 3, 4, tzinfo=UTC)

pytestmark = pytest.mark.slow


def chromium(page: Path, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            *args,
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.fixture(scope="module")
def seeds() -> Comparison:
    corpus = Corpus.bundled()
    return compare(
        corpus.load_ref("60/212"), corpus.load_ref("62/209"), CompareOptions(keywords=("South-South",))
    )


def test_hostile_document_runs_nothing_in_chromium(tmp_path: Path) -> None:
    c = hostile_comparison()
    page = tmp_path / "hostile.html"
    write_report(page, c, generated=WHEN)
    dom = parse(chromium(page, tmp_path / "profile", "--dump-dom").stdout)
    tags = {e.tag for e in dom.iter()}
    assert not tags & {"pwned-marker", "script", "img", "b", "i", "textarea"}
    assert dom.find("title").text().startswith("60/212</title><pwned-marker>")
    body = dom.find("body")
    assert set(body.attrs) == {"class"}
    assert len(pair_rows(dom)) == len(c.alignment.pairs)
    assert '<script>document.title="pwned"</script>' in body.text()


def test_seed_report_renders_screenshots_and_prints_landscape(tmp_path: Path, seeds: Comparison) -> None:
    OUTPUT.mkdir(exist_ok=True)
    page = OUTPUT / "report.html"
    write_report(page, seeds, force=True, generated=WHEN)
    profile = tmp_path / "profile"

    dom: El = parse(chromium(page, profile, "--dump-dom").stdout)
    rows = pair_rows(dom)
    assert len(rows) == len(seeds.alignment.pairs)
    assert [r.attrs["data-kind"] for r in rows] == [p.kind for p in seeds.alignment.pairs]

    shot = OUTPUT / "report.png"
    shot.unlink(missing_ok=True)
    chromium(page, profile, f"--screenshot={shot}", "--window-size=1400,1000")
    assert png_size(shot) == (1400, 1000)
    assert shot.stat().st_size > 50_000  # a drawn page, not a blank one

    pdf = OUTPUT / "report.pdf"
    pdf.unlink(missing_ok=True)
    chromium(page, profile, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert len(boxes) >= 3
    assert all(float(w) > float(h) for w, h in boxes)  # landscape pages
