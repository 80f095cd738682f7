"""Sets the BleedBox of print-shop pages: the trim plus the bleed the printer may cut into.

WeasyPrint makes the BleedBox as large as the whole sheet, crop marks included; the
print-shop styles use a wide CSS bleed so the marks sit outside the real 3 mm bleed."""

from __future__ import annotations

import pikepdf

POINTS_PER_MM = 72 / 25.4


def set_bleed_box(pdf: pikepdf.Pdf, context) -> None:
    """Set each page's BleedBox to its TrimBox grown by context.bleed_mm on every side."""
    if not context.bleed_mm:
        return
    bleed = context.bleed_mm * POINTS_PER_MM
    for page in pdf.pages:
        trim = page.obj.get("/TrimBox")
        if trim is None:
            continue
        x0, y0, x1, y1 = (float(v) for v in trim)
        page.obj.BleedBox = pikepdf.Array([round(x0 - bleed, 4), round(y0 - bleed, 4),
                                           round(x1 + bleed, 4), round(y1 + bleed, 4)])
