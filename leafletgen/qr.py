"""QR codes as inline SVG (vector), made with segno; size and place come from the styles."""

from __future__ import annotations

import io
import re

import segno
from markupsafe import Markup, escape

QUIET_ZONE = 4  # modules of white around the code, the minimum the QR standard asks


def qr_svg(url: str, alt: str) -> Markup:
    """Return an inline <svg> QR code for `url` whose <title> is `alt` (the PDF's /Alt).

    The SVG has a viewBox but no size and draws in currentColor: the stylesheet sets its
    width on paper and its colour (a theme colour, so print files get CMYK black)."""
    code = segno.make(url, error="m", micro=False)
    out = io.BytesIO()
    code.save(out, kind="svg", border=QUIET_ZONE, xmldecl=False, svgns=True, omitsize=True,
              svgclass=None, lineclass=None, title=None, desc=None, dark="#000")
    svg = out.getvalue().decode("ascii").replace('stroke="#000"', 'stroke="currentColor"')
    # A <title> as the first child is what WeasyPrint tags as the figure's alternate text.
    return Markup(re.sub(r"^<svg ([^>]*)>",
                         lambda m: f'<svg class="qr-code" {m.group(1)}><title>{escape(alt)}</title>',
                         svg, count=1))
