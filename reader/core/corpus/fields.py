"""The entry fields a document's metadata gives, in the order the store and a catalogue keep them.

A module of its own: the parse workers use it, so it is part of what a stored document is
made with (``fingerprint``); the folder listing beside it can change without a rebuild.
"""

from __future__ import annotations

from typing import Any

META_FIELDS = ("symbol", "body", "title", "date", "session", "meeting")


def meta_fields(m: Any) -> tuple[str, ...]:
    """A document's ``Metadata`` as the entry fields a catalogue would state (``META_FIELDS``)."""
    return tuple(getattr(m, k) for k in META_FIELDS)
