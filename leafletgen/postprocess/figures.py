"""Figures: decorative images become artifacts, and every Figure's BBox is in points.

WeasyPrint 70 tags every <img> as /Figure; for alt="" it writes a Figure with no /Alt,
which PDF/UA forbids. An image the content marks `decorative: true` adds nothing to
read, so its Figure leaves the tree and its drawing becomes an /Artifact /Layout.
"""

from __future__ import annotations

import pikepdf

from .artifacts import make_artifacts
from .tree import page_numbers, remove_element, structure_elements


def decorative_figures_to_artifacts(pdf: pikepdf.Pdf, context) -> None:
    """Remove Figures without alt text from the tree and mark their content as artifacts."""
    pages = page_numbers(pdf)
    for element in structure_elements(pdf):
        if element.get("/S") != "/Figure" or str(element.get("/Alt", "")).strip():
            continue
        page = pages.get(element.Pg.objgen) if "/Pg" in element else None
        kids = element.get("/K", pikepdf.Array())
        kids = kids if isinstance(kids, pikepdf.Array) else [kids]
        mcids = [int(kid) for kid in kids if isinstance(kid, int)]
        if page is not None and mcids:
            make_artifacts(pdf, page, dict.fromkeys(mcids, pikepdf.Name.Layout))
        remove_element(element)


def figure_boxes_in_points(pdf: pikepdf.Pdf, context) -> None:
    """Give every Figure's /BBox in the page's coordinates (points, from the bottom).

    WeasyPrint 70 writes the layout box in CSS pixels measured from the top of the page,
    so a checker or a reflowing reader looks for the QR code or logo in the wrong place.
    The page's own opening transforms (WeasyPrint's flip and px-to-pt scale) map it."""
    pages = page_numbers(pdf)
    transforms: dict[int, list[list[float]]] = {}
    for element in structure_elements(pdf):
        attributes = element.get("/A")
        if (element.get("/S") != "/Figure" or not isinstance(attributes, pikepdf.Dictionary)
                or "/BBox" not in attributes or "/Pg" not in element):
            continue
        page = pages.get(element.Pg.objgen)
        if page is None:
            continue
        if page not in transforms:
            transforms[page] = _page_transforms(pdf.pages[page])
        x1, y1, x2, y2 = (float(v) for v in attributes.BBox)
        corners = [_apply(transforms[page], x, y) for x, y in ((x1, y1), (x2, y2))]
        xs, ys = sorted(c[0] for c in corners), sorted(c[1] for c in corners)
        attributes.BBox = pikepdf.Array([round(v, 3) for v in (xs[0], ys[0], xs[1], ys[1])])


def _page_transforms(page: pikepdf.Page) -> list[list[float]]:
    """Return the `cm` matrices a page stream opens with, before it draws anything."""
    found = []
    for operands, operator in pikepdf.parse_content_stream(page):
        name = str(operator)
        if name == "cm":
            found.append([float(v) for v in operands])
        elif name != "q":
            break
    return found


def _apply(matrices: list[list[float]], x: float, y: float) -> tuple[float, float]:
    """Map a point through nested `cm` matrices (the innermost is applied first)."""
    for a, b, c, d, e, f in reversed(matrices):
        x, y = a * x + c * y + e, b * x + d * y + f
    return x, y
