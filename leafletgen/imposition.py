"""Saddle-stitch imposition: A5 pages two-up on A4 landscape sheets, bytes in, bytes out."""

from __future__ import annotations

import io

import pikepdf

from .errors import LeafletError

A4_LANDSCAPE = (841.8898, 595.2756)  # points: 297 mm x 210 mm


def saddle_stitch_order(pages: int) -> list[tuple[int, int]]:
    """Return (left, right) page numbers (1-based) of each printed side, sheet by sheet.

    Front of sheet s: last-2s on the left, 1+2s on the right; its back: 2+2s, last-1-2s.
    Printed duplex, flipped on the short edge, folded in the middle, the stack reads
    1, 2, ..., last."""
    if pages <= 0 or pages % 4:
        raise LeafletError(f"a saddle-stitched booklet needs a multiple of 4 pages; got {pages}")
    sides = []
    for sheet in range(pages // 4):
        sides.append((pages - 2 * sheet, 1 + 2 * sheet))
        sides.append((2 + 2 * sheet, pages - 1 - 2 * sheet))
    return sides


def impose_saddle_stitch(data: bytes) -> bytes:
    """Return a PDF of A4 landscape sides with the pages of `data` two-up in booklet order.

    Each page keeps its size; it is placed, not scaled, on its half of the sheet."""
    with pikepdf.open(io.BytesIO(data)) as source, pikepdf.new() as out:
        forms = [out.copy_foreign(page.as_form_xobject()) for page in source.pages]
        width, height = A4_LANDSCAPE
        for left, right in saddle_stitch_order(len(forms)):
            side = out.add_blank_page(page_size=(width, height))
            placed = b""
            for number, x in ((left, 0.0), (right, width / 2)):
                # Named after the page, not pikepdf's random name (add_overlay): the
                # names are in the bytes, and the same leaflet must give the same bytes.
                name = side.add_resource(forms[number - 1], pikepdf.Name.XObject,
                                         pikepdf.Name(f"/Page{number}"))
                placed += side.calc_form_xobject_placement(
                    forms[number - 1], name, pikepdf.Rectangle(x, 0, x + width / 2, height),
                    allow_shrink=True, allow_expand=True)
            side.obj.Contents = out.make_stream(placed)
        _copy_info(source, out)
        buffer = io.BytesIO()
        out.save(buffer, deterministic_id=True, compress_streams=True)
    return buffer.getvalue()


def _copy_info(source: pikepdf.Pdf, out: pikepdf.Pdf) -> None:
    """Keep the title and author, so the printer's queue shows what is printing."""
    for key in ("/Title", "/Author", "/Subject"):
        if key in source.docinfo:
            out.docinfo[key] = source.docinfo[key]
    if "/Lang" in source.Root:
        out.Root.Lang = source.Root.Lang
