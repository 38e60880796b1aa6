"""How provenance looks, said once for the reader and the report: status marks and the year scale.

Each status has a colour and a shape (readable without colour, and in print):
a filled circle for agreed language, a half-filled one for adapted, an empty
one for new. Agreed phrases are underlined in a colour for the year of their
oldest use, from a dark blue (oldest) to an orange (newest) through green:
a ramp that stays distinct for readers with red-green colour blindness.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.core.provenance.model import Status

STATUS_SYMBOL: dict[Status, str] = {"agreed": "●", "adapted": "◐", "new": "○"}
STATUS_COLOUR: dict[Status, str] = {"agreed": "#2f7d4f", "adapted": "#b7791f", "new": "#6b4fbb"}
STATUS_MEANING: dict[Status, str] = {
    "agreed": "the same words as a paragraph adopted before",
    "adapted": "an earlier paragraph reworded (its best source reaches the score)",
    "new": "no earlier paragraph comes close",
}

_RAMP = ("#253494", "#2c7fb8", "#41b6c4", "#7fbc41", "#f0a500", "#e2591b")


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16)


def year_colour(year: int, first: int, last: int) -> str:
    """The colour of ``year`` on the scale from ``first`` (oldest) to ``last`` (newest)."""
    if last <= first:
        return _RAMP[0]
    t = min(max((year - first) / (last - first), 0.0), 1.0) * (len(_RAMP) - 1)
    i = min(int(t), len(_RAMP) - 2)
    f = t - i
    a, b = _rgb(_RAMP[i]), _rgb(_RAMP[i + 1])
    r, g, bl = (round(x + (y - x) * f) for x, y in zip(a, b, strict=True))
    return f"#{r:02x}{g:02x}{bl:02x}"


def year_range(years: Sequence[int]) -> tuple[int, int]:
    """The scale's ends for these years (one year: a scale of one colour)."""
    return (min(years), max(years)) if years else (0, 0)
