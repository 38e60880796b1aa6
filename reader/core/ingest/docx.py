"""Read a Word ``.docx`` draft: list numbering, footnotes and tracked changes as Word shows them.

python-docx opens and validates the package and gives the parts; it has no API
for what a draft depends on, so this module reads the WordprocessingML itself:

- **numbering**: operative paragraph numbers and "(a)" sub-paragraph letters
  are usually Word list numbering, not characters in the text. The number is
  computed as Word does: the paragraph's (or its style's) ``numPr``, the
  level's format and text (``%1.``, ``(%2)``), start values and overrides,
  counters per list, deeper levels restarting under a higher one.
- **footnotes** (and endnotes): ``w:footnoteReference`` in the text becomes a
  marker numbered in order of reference (as Word prints them), the note's text
  comes from the footnotes part.
- **tracked changes**: read as accepted: insertions (``w:ins``, ``w:moveTo``)
  kept, deletions (``w:del``, ``w:moveFrom``) dropped; the document's metadata
  says so (``Metadata.notes``), since an analyst must know the text is not the
  one on the page with the markup.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from reader.core.errors import InputError
from reader.core.ingest.shape import Converted, compose, literal, marker
from reader.core.model import Metadata

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SKIP = {f"{W}del", f"{W}moveFrom", f"{W}pPr", f"{W}rPr", f"{W}delText", f"{W}instrText", f"{W}fldData"}
_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letters(n: int) -> str:
    """Word's letter numbering: a..z, then aa, bb, ... (the letter repeated)."""
    n = max(n, 1)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _format(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter",):
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt in ("bullet", "none"):
        return ""
    return str(n)  # decimal and the many decimal-like formats


def _val(el: Any, tag: str) -> str | None:
    found = el.find(f"{W}{tag}") if el is not None else None
    return None if found is None else found.get(f"{W}val")


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class _Numbering:
    """Word's list numbering: definitions from numbering.xml, counters as the text is read."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId -> ilvl -> level
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    style_num: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId -> (numId, ilvl)

    @classmethod
    def read(cls, numbering: Any, styles: Any) -> _Numbering:
        self = cls()
        if numbering is not None:
            abstract: dict[str, dict[int, _Level]] = {}
            for an in numbering.iter(f"{W}abstractNum"):
                abstract[an.get(f"{W}abstractNumId") or ""] = {
                    int(lvl.get(f"{W}ilvl") or 0): _Level(
                        _val(lvl, "numFmt") or "decimal",
                        _val(lvl, "lvlText") or "",
                        int(_val(lvl, "start") or 1),
                    )
                    for lvl in an.iter(f"{W}lvl")
                }
            for num in numbering.iter(f"{W}num"):
                levels = {
                    k: _Level(v.fmt, v.text, v.start)
                    for k, v in abstract.get(_val(num, "abstractNumId") or "", {}).items()
                }
                for override in num.iter(f"{W}lvlOverride"):
                    ilvl = int(override.get(f"{W}ilvl") or 0)
                    lvl = levels.setdefault(ilvl, _Level())
                    start = _val(override, "startOverride")
                    if start is not None:
                        lvl.start = int(start)
                    for redefined in override.iter(f"{W}lvl"):
                        lvl.fmt = _val(redefined, "numFmt") or lvl.fmt
                        lvl.text = _val(redefined, "lvlText") or lvl.text
                self.levels[num.get(f"{W}numId") or ""] = levels
        if styles is not None:
            for style in styles.iter(f"{W}style"):
                numpr = style.find(f"{W}pPr/{W}numPr")
                if numpr is not None:
                    self.style_num[style.get(f"{W}styleId") or ""] = (
                        _val(numpr, "numId") or "",
                        int(_val(numpr, "ilvl") or 0),
                    )
        return self

    def label(self, p: Any) -> str:
        """The number Word prints before paragraph ``p`` ("3.", "(b)"), counting it."""
        numpr = p.find(f"{W}pPr/{W}numPr")
        style = _val(p.find(f"{W}pPr"), "pStyle")
        num_id, ilvl = self.style_num.get(style or "", ("", 0))
        if numpr is not None:
            num_id = _val(numpr, "numId") or num_id
            ilvl = int(_val(numpr, "ilvl") or ilvl)
        if not num_id or num_id == "0" or num_id not in self.levels:
            return ""
        levels = self.levels[num_id]
        counts = self.counters.setdefault(num_id, {})
        level = levels.get(ilvl, _Level())
        counts[ilvl] = counts.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]

        def fill(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            lvl = levels.get(k, _Level())
            return _format(counts.get(k, lvl.start), lvl.fmt)

        return re.sub(r"%(\d)", fill, level.text).strip()


@dataclass
class _Reading:
    # ("footnote" or "endnote", id) -> printed number, in order of first reference
    notes_order: dict[tuple[str, str], int] = field(default_factory=dict)
    insertions: int = 0
    deletions: int = 0


def _text(el: Any, reading: _Reading, *, in_note: bool = False) -> str:
    """The accepted text of a paragraph (or part of one), markers as <sup>n</sup>."""
    out: list[str] = []
    for child in el:
        tag = child.tag
        if tag in (f"{W}del", f"{W}moveFrom"):
            reading.deletions += 1
            continue
        if tag in _SKIP or not isinstance(tag, str):
            continue
        if tag in (f"{W}ins", f"{W}moveTo"):
            reading.insertions += 1
        if tag == f"{W}t":
            out.append(literal(child.text or ""))
        elif tag in (f"{W}tab", f"{W}br", f"{W}cr"):
            out.append(" ")
        elif tag == f"{W}noBreakHyphen":
            out.append("-")
        elif tag in (f"{W}footnoteReference", f"{W}endnoteReference"):
            key = (tag[len(W) : -len("Reference")], child.get(f"{W}id") or "")
            number = reading.notes_order.setdefault(key, len(reading.notes_order) + 1)
            out.append(marker(number))
        elif tag in (f"{W}footnoteRef", f"{W}endnoteRef") and in_note:
            continue
        elif tag == f"{W}r" and _val(child.find(f"{W}rPr"), "vertAlign") == "superscript":
            inner = _text(child, reading, in_note=in_note)
            digits = inner.strip()
            out.append(marker(int(digits)) if digits.isdigit() and len(digits) <= 3 else inner)
        else:
            out.append(_text(child, reading, in_note=in_note))
    return "".join(out)


def _paragraphs(body: Any) -> list[Any]:
    """Every w:p of the body in reading order, inside tables and content controls too."""
    return [p for p in body.iter(f"{W}p") if not any(a.tag == f"{W}txbxContent" for a in p.iterancestors())]


def _mark_deleted(p: Any) -> bool:
    """The paragraph mark itself is a tracked deletion: the paragraph runs on into the next."""
    return p.find(f"{W}pPr/{W}rPr/{W}del") is not None


def _footnotes(document_part: Any, reading: _Reading) -> list[tuple[int, str]]:
    """The texts of the footnotes and endnotes the text cites, by printed number."""
    texts: dict[tuple[str, str], str] = {}
    for kind in ("footnote", "endnote"):
        root = _part_element(document_part, f"/{kind}s")
        if root is None:
            continue
        for note in root.iter(f"{W}{kind}"):
            if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            text = " ".join(_text(p, reading, in_note=True) for p in note.iter(f"{W}p"))
            texts[(kind, note.get(f"{W}id") or "")] = text
    return sorted((n, texts[key]) for key, n in reading.notes_order.items() if key in texts)


def _part_element(document_part: Any, reltype_suffix: str) -> Any:
    from lxml import etree

    for rel in document_part.rels.values():
        if rel.reltype.endswith(reltype_suffix) and not rel.is_external:
            part = rel.target_part
            element = getattr(part, "element", None)
            return element if element is not None else etree.fromstring(part.blob)
    return None


def docx_to_text(data: bytes, source: str) -> Converted:
    """The resolution in a Word document as parser text (see the module docstring)."""
    from docx import Document as open_docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    try:
        doc = open_docx(io.BytesIO(data))
        part = doc.part
        body = doc.element.body
        numbering = _Numbering.read(_part_element(part, "/numbering"), _part_element(part, "/styles"))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError, OSError) as exc:
        raise InputError(source, "is a damaged Word document that cannot be read") from exc
    reading = _Reading()
    paragraphs: list[str] = []
    carry = ""
    for p in _paragraphs(body):
        text = _text(p, reading)
        if _mark_deleted(p):
            # Its mark deleted, the paragraph runs on into the next one and takes that one's
            # formatting, numbering included: it is not counted in its list.
            carry += text
            continue
        text, carry = carry + text, ""
        label = numbering.label(p)
        paragraphs.append(f"{label} {text}" if label and text.strip() else text)
    if carry:
        paragraphs.append(carry)
    notes = _footnotes(part, reading)
    if not any(p.strip() for p in paragraphs):
        raise InputError(source, "is a Word document with no text in it")
    meta = Metadata()
    if reading.insertions or reading.deletions:
        meta = Metadata(
            notes=f"Word tracked changes read as accepted: {reading.insertions} insertion"
            f"{'s' if reading.insertions != 1 else ''}, {reading.deletions} deletion"
            f"{'s' if reading.deletions != 1 else ''}"
        )
    return Converted(compose(paragraphs, notes), meta)
