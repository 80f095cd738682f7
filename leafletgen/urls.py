"""Web and e-mail addresses in print: where a long one may break to the next line."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

# A piece of an address up to and including its '/' or '.' characters.
PIECE = re.compile(r"[^/.]*[/.]+|[^/.]+$")


def url_breaks(address: str) -> Markup:
    """Return `address` as HTML that may break only after a '/' or a '.'.

    Each piece is a nowrap span and a <wbr> sits between pieces: a break at a hyphen
    inside the address would look like a hyphenated word, and a reader copying the
    address by hand would not know whether to type the hyphen."""
    return Markup("<wbr>").join(Markup('<span class="url-piece">{}</span>').format(escape(piece))
                                for piece in PIECE.findall(address))
