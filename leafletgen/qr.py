"""QR codes as inline SVG (vector), made with segno; size and place come from the styles."""

from __future__ import annotations

import io
import re

from markupsafe import Markup, escape

QUIET_ZONE = 4  # modules of white around the code, the minimum the QR standard asks
# The code is printed 30 mm wide (styles/leaflet.css). Up to version 10 (57 modules and the
# quiet zone) a module is 0.46 mm, which phone cameras read at arm's length; version 10 at
# error level M holds 213 bytes (ISO/IEC 18004, table 7). Longer addresses are refused.
MAX_URL_BYTES = 213


def fits_qr(url: str) -> bool:
    """Return whether `url` fits a QR code that still scans at its printed size."""
    return len(url.encode("utf-8")) <= MAX_URL_BYTES


def qr_svg(url: str, alt: str) -> Markup:
    """Return an inline <svg> QR code for `url` whose <title> is `alt` (the PDF's /Alt).

    The SVG has a viewBox but no size and draws in currentColor: the stylesheet sets its
    width on paper and its colour (a theme colour, so print files get CMYK black)."""
    import segno  # here, not at the top: checking a manifest's url needs no QR encoder

    code = segno.make(url, error="m", micro=False)
    out = io.BytesIO()
    code.save(out, kind="svg", border=QUIET_ZONE, xmldecl=False, svgns=True, omitsize=True,
              svgclass=None, lineclass=None, title=None, desc=None, dark="#000")
    svg = out.getvalue().decode("ascii").replace('stroke="#000"', 'stroke="currentColor"')
    # A <title> as the first child is what WeasyPrint tags as the figure's alternate text.
    return Markup(re.sub(r"^<svg ([^>]*)>",
                         lambda m: f'<svg class="qr-code" {m.group(1)}><title>{escape(alt)}</title>',
                         svg, count=1))
