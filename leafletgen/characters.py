"""Characters that would print wrongly: bidi controls and glyphs no leaflet font has. Pure."""

from __future__ import annotations

import unicodedata
from typing import Any, Iterator

BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                          "\u2066\u2067\u2068\u2069")
NOT_DRAWN = ("Cc", "Cf", "Zs", "Zl", "Zp")  # controls, format marks and spaces have no glyph
MAX_SHOWN = 5  # characters named in one message


def character_problems(text: str, drawable: frozenset[int] | None
                       ) -> list[tuple[int, str, str]]:
    """Return (line within the text, code, problem) for bidi controls and for characters
    none of the `drawable` code points covers (None: not asked); one of each kind a line."""
    found = []
    for offset, line in enumerate(text.split("\n")):
        bidi = _distinct(c for c in line if c in BIDI_CONTROLS)
        if bidi:
            found.append((offset, "bidi-control", f"{_names(bidi)}: a bidi control character "
                          f"makes the text show in another order than it is written (it can "
                          f"disguise words); remove it"))
        missing = _distinct(c for c in line if drawable is not None
                            and ord(c) not in drawable and _drawn(c))
        if missing:
            found.append((offset, "glyph-missing", f"{_names(missing)}: not in the leaflet's "
                          f"fonts, so it prints as an empty box; write it in words"))
    return found


def strings_of(value: Any, loc: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Yield (where, text) of every string in plain data (a model's dump)."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings_of(item, loc + (key,))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from strings_of(item, loc + (index,))


def _drawn(char: str) -> bool:
    """Whether a character needs a glyph (variation selectors only pick one: not drawn)."""
    return (unicodedata.category(char) not in NOT_DRAWN
            and not 0xFE00 <= ord(char) <= 0xFE0F and not 0xE0100 <= ord(char) <= 0xE01EF)


def _distinct(chars) -> list[str]:
    return list(dict.fromkeys(chars))


def _names(chars: list[str]) -> str:
    shown = [f"U+{ord(c):04X} {unicodedata.name(c, 'unnamed')}"
             + ("" if unicodedata.category(c).startswith("C") else f" ({c})")
             for c in chars[:MAX_SHOWN]]
    more = len(chars) - MAX_SHOWN
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")
