"""Word-level diff of two paragraph texts, lossless.

diff-match-patch works on characters; run on raw text it reports changes inside
words ("recogniz[es→ing]"), which readers find noisy. So each text is cut into
tokens (word runs, whitespace runs, punctuation runs), every distinct token is
mapped to one private character, the character strings are diffed and cleaned
up semantically, and the result is mapped back to tokens: changes always cover
whole words. Because the tokens cover every character, joining the ``equal`` and
``delete`` pieces gives ``a`` exactly, and ``equal`` and ``insert`` gives ``b``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from diff_match_patch import diff_match_patch

from reader.core.model import DiffOp, DiffTag, Document

# Words as textnorm sees them ("South-South", "57/263", "Assembly's" stay one
# token), whitespace runs, punctuation runs.
_TOKEN = re.compile(r"\w+(?:[-'\u2019\u2010\u2011/.]\w+)*|\s+|[^\w\s]+")
_TAGS: dict[int, DiffTag] = {0: "equal", -1: "delete", 1: "insert"}
# Seconds diff-match-patch may spend before settling for a valid, less minimal diff.
_TIMEOUT = 1.0


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _code(n: int) -> str:
    """The n-th private character; skips the surrogate block, which is not text."""
    n += 1
    if n >= 0xD800:
        n += 0x800
    return chr(n)


def word_diff(a: str, b: str) -> tuple[DiffOp, ...]:
    """Whole-word diff ops turning ``a`` into ``b``; adjacent ops of one tag are merged."""
    if a == b:
        return (("equal", a),) if a else ()
    ta, tb = _tokens(a), _tokens(b)
    codes: dict[str, str] = {}
    table: list[str] = []

    def encode(toks: list[str]) -> str:
        out = []
        for t in toks:
            c = codes.get(t)
            if c is None:
                c = codes[t] = _code(len(table))
                table.append(t)
            out.append(c)
        return "".join(out)

    ea, eb = encode(ta), encode(tb)
    dmp = diff_match_patch()
    dmp.Diff_Timeout = _TIMEOUT
    diffs = dmp.diff_main(ea, eb, False)
    dmp.diff_cleanupSemantic(diffs)
    decode = {c: t for t, c in codes.items()}
    ops: list[DiffOp] = []
    for op, chars in diffs:
        if not chars:
            continue
        tag = _TAGS[op]
        text = "".join(decode[c] for c in chars)
        if ops and ops[-1][0] == tag:
            ops[-1] = (tag, ops[-1][1] + text)
        else:
            ops.append((tag, text))
    return tuple(ops)


def side_text(doc: Document, indices: Sequence[int]) -> str:
    """The text of one side of a pair: its paragraphs joined by one newline (DESIGN.md)."""
    return "\n".join(doc.paragraphs[i].text for i in indices)


def old_text(ops: Sequence[DiffOp]) -> str:
    """The first text of a diff (equal + delete pieces)."""
    return "".join(t for tag, t in ops if tag != "insert")


def new_text(ops: Sequence[DiffOp]) -> str:
    """The second text of a diff (equal + insert pieces)."""
    return "".join(t for tag, t in ops if tag != "delete")
