"""The command line's one shape (issue 24): every command takes ``--json`` and ``--quiet`` and honours
them, through the one output path of ``reader.cli.output``."""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import pytest
from test_cli import _private_cache, run  # noqa: F401 (the fixture keeps the cache private)

from reader.cli import build_parser


def _commands(
    parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()
) -> dict[str, argparse.ArgumentParser]:
    """Every command that does something (``corpus list``, not ``corpus``), by its words."""
    found: dict[str, argparse.ArgumentParser] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                inner = _commands(sub, (*prefix, name))
                found.update(inner or {" ".join((*prefix, name)): sub})
    return found


def _options(parser: argparse.ArgumentParser) -> set[str]:
    return {s for action in parser._actions for s in action.option_strings}


def test_every_command_takes_json_and_quiet() -> None:
    commands = _commands(build_parser())
    assert set(commands) >= {
        "parse", "compare", "trace", "provenance", "history", "find", "corpus list", "corpus index", "gui",
    }  # fmt: skip
    for name, parser in commands.items():
        assert "--quiet" in _options(parser), name
        if name != "gui":  # the window prints nothing to read as JSON
            assert "--json" in _options(parser), name


def test_corpus_index_says_what_it_did_as_json_and_nothing_under_quiet(tmp_path: Path) -> None:
    from reader.core.paths import bundled_corpus_dir

    folder = tmp_path / "two"
    folder.mkdir()
    for name in ("ga-60-212-south-south-cooperation-2005.md", "ga-62-209-south-south-cooperation-2007.txt"):
        shutil.copy(bundled_corpus_dir() / name, folder / name)
    proc = run("corpus", "index", "--corpus", str(folder), "--json", "--quiet")
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    done = json.loads(proc.stdout)
    assert (done["files"], done["added"], done["removed"]) == (2, 2, 0)
    assert done["paragraphs"] == sum(len(d["paragraphs"]) for d in _parsed(folder))
    again = run("corpus", "index", "--corpus", str(folder), "--quiet")
    assert again.returncode == 0 and again.stdout == "" and again.stderr == ""
    said = run("corpus", "index", "--corpus", str(folder))
    assert said.stdout == "" and "index up to date: 2 documents (0 added" in said.stderr


def _parsed(folder: Path) -> list[dict[str, list[object]]]:
    out = []
    for path in sorted(folder.iterdir()):
        proc = run("parse", str(path), "--json", "--quiet")
        assert proc.returncode == 0, proc.stderr
        out.append(json.loads(proc.stdout))
    return out


@pytest.mark.parametrize(
    "argv",
    [
        ("history", "62/209", "--json"),  # the series found, listed on stderr beside the JSON
        ("provenance", "62/209", "--json"),  # the draft itself left out: a note
    ],
)
def test_quiet_leaves_stderr_empty_and_the_json_the_same(argv: tuple[str, ...]) -> None:
    loud, quiet = run(*argv), run(*argv, "--quiet")
    assert loud.returncode == quiet.returncode == 0
    assert loud.stderr != "" and quiet.stderr == ""
    assert json.loads(quiet.stdout) == json.loads(loud.stdout)
