"""Automatic decoding and the one-sentence errors for files that are not usable text."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from reader.core.errors import InputError
from reader.core.ingest.decode import MAX_BYTES, decode_bytes, read_text

SAMPLE = "The General Assembly,\n\nRecalling “Water for Life”, café and Pérez-Guerrero,\n\n1. Decides …;\n"


def _write(tmp_path: Path, data: bytes, name: str = "doc.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
        codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"),
        SAMPLE.encode("utf-16-le"),  # no BOM: told apart by where the NUL bytes sit
        SAMPLE.encode("utf-16-be"),
        codecs.BOM_UTF32_LE + SAMPLE.encode("utf-32-le"),
        SAMPLE.replace("…", "...").encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be", "utf32-bom", "cp1252"],
)
def test_every_common_encoding_gives_the_same_text(tmp_path: Path, data: bytes) -> None:
    text = read_text(_write(tmp_path, data))
    assert text.replace("...", "…") == SAMPLE
    assert not text.startswith("\ufeff")


def test_cp1252_curly_quotes_and_accents_are_kept(tmp_path: Path) -> None:
    data = b"\x93Water for Life\x94 \x96 caf\xe9 \x85 Assembly\x92s"
    assert read_text(_write(tmp_path, data)) == "“Water for Life” – café … Assembly’s"


def test_line_ends_are_normalised_and_form_feeds_kept() -> None:
    assert decode_bytes(b"a\r\nb\rc\n\x0cd\r\n") == "a\nb\nc\n\x0cd\n"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "is empty"),
        (b"  \n\t\r\n  ", "contains only blank space, no text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is a PNG image, not text"),
        (b"PK\x03\x04\x14\x00\x06\x00", "is a ZIP archive (a .docx or .odt?); save it as plain text first"),
        (b"%PDF-1.7\n%\xe2\xe3", "is a PDF file; save it as plain text first"),
        (bytes(range(256)) * 8, "is a binary file, not text (it contains NUL bytes)"),
        (
            bytes(range(1, 32)) * 40 + b"some text",
            "is a binary file, not text (it is full of control characters)",
        ),
    ],
    ids=["empty", "blank", "png", "zip", "pdf", "nul-bytes", "control-chars"],
)
def test_unusable_content_gives_one_clear_reason(tmp_path: Path, data: bytes, reason: str) -> None:
    path = _write(tmp_path, data)
    with pytest.raises(InputError) as err:
        read_text(path)
    assert err.value.reason == reason
    assert err.value.source == str(path)
    assert str(err.value) == f"{path}: {reason}"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        read_text(tmp_path / "nope.txt")


def test_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        read_text(tmp_path)
    assert err.value.reason == "is a folder, not a file"


def test_huge_file_names_its_size_and_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:  # sparse: no 53 MB written to disk
        fh.truncate(53 * 1024 * 1024)
    with pytest.raises(InputError) as err:
        read_text(path)
    assert err.value.reason == "is 53 MB; the limit is 20 MB"


def test_a_file_at_the_limit_is_read(tmp_path: Path) -> None:
    path = _write(tmp_path, b"x" * (MAX_BYTES - 1024) + b"\nThe end.\n")
    assert read_text(path).endswith("The end.\n")


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The tests may run as root, for whom chmod 000 changes nothing: make the read itself fail.
    path = _write(tmp_path, b"The General Assembly,\n")

    def deny(self: Path, *args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", deny)
    with pytest.raises(InputError) as err:
        read_text(path)
    assert err.value.reason == "cannot be read (permission denied)"


def test_utf8_file_with_one_stray_windows_byte(tmp_path: Path) -> None:
    data = "“Water for Life” – Pérez-Guerrero".encode() + b" and the \x93Decade\x94"
    assert read_text(_write(tmp_path, data)) == "“Water for Life” – Pérez-Guerrero and the “Decade”"
