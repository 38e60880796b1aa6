"""The Makefile's installs, with a stand-in Python that records what pip was asked to install.

`make run` must install the program and its runtime dependencies only; `make test` (and the other
development targets) the development extras; either installs again only after pyproject.toml changes.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is installed by .ci/run")

FAKE_PYTHON = """#!/bin/sh
echo "$*" >> "$(dirname "$0")/../calls.log"
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copyfile(REPO / "Makefile", tmp_path / "Makefile")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    for tool in ("python", "ruff", "mypy"):
        (bin_dir / tool).write_text(FAKE_PYTHON, encoding="utf-8")
        (bin_dir / tool).chmod(0o755)
    return tmp_path


def make(project: Path, target: str) -> list[str]:
    """Run ``make target``; the pip installs it made."""
    log = project / ".venv" / "calls.log"
    log.unlink(missing_ok=True)
    subprocess.run(["make", "--no-print-directory", target], cwd=project, check=True, capture_output=True)
    calls = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    return [c for c in calls if "pip install" in c]


def test_run_installs_the_runtime_only_and_test_adds_the_extras(project: Path) -> None:
    assert make(project, "run") == ["-m pip install --quiet -e ."]
    assert make(project, "run") == []  # nothing changed: no install
    assert make(project, "test") == ["-m pip install --quiet -e .[dev]"]
    assert make(project, "test") == []
    assert make(project, "run") == []  # the development install holds the runtime one


def test_an_edited_pyproject_installs_again_for_each(project: Path) -> None:
    make(project, "test")
    (project / "pyproject.toml").write_text('[project]\nname = "y"\n', encoding="utf-8")
    assert make(project, "run") == ["-m pip install --quiet -e ."]
    assert make(project, "test") == ["-m pip install --quiet -e .[dev]"]
    stamps = sorted(p.name for p in (project / ".venv").glob(".installed-*"))
    assert len(stamps) == 2, stamps  # the stamps of the old pyproject.toml are gone


def test_run_says_where_the_command_is(project: Path) -> None:
    out = subprocess.run(["make", "run"], cwd=project, check=True, capture_output=True, text=True).stdout
    assert f"{project / '.venv' / 'bin' / 'resolution-reader'}" in out
