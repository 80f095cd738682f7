"""Web and e-mail addresses in print: where a long one may break to the next line."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

# A piece of an address up to and including its '/', '.' or '@' characters.
PIECE = re.compile(r"[^/.@]*[/.@]+|[^/.@]+$")
# A piece longer than this may also break before a hyphen, and then anywhere but right
# after one, rather than run off the page: a line of body text holds 40 or more
# characters, and the narrow columns of the A5 back page about 20.
LONGEST_PIECE = 24


def url_breaks(address: str) -> Markup:
    """Return `address` as HTML that may break only after a '/', a '.' or an e-mail's '@'.

    Each piece is a nowrap span and a <wbr> sits between pieces: a break at a hyphen
    inside the address would look like a hyphenated word, and a reader copying the
    address by hand would not know whether to type the hyphen. A piece too long for a
    narrow column may also break before a hyphen (the next line starts with it), and a
    very long word in it between two letters, so it never runs off the page."""
    return Markup("<wbr>").join(Markup('<span class="url-piece">{}</span>').format(escape(part))
                                for piece in PIECE.findall(address) for part in _parts(piece))


def _parts(piece: str) -> list[str]:
    """Split a piece longer than LONGEST_PIECE before its hyphens, then its long words into
    chunks that never end with a hyphen."""
    if len(piece) <= LONGEST_PIECE:
        return [piece]
    parts = []
    for word in re.findall(r"-*[^-]+|-+$", piece):  # 'a-b-c/' -> 'a', '-b', '-c/'
        while len(word) > LONGEST_PIECE:
            cut = LONGEST_PIECE
            while cut > 1 and word[cut - 1] == "-":
                cut -= 1
            parts.append(word[:cut])
            word = word[cut:]
        parts.append(word)
    return parts
