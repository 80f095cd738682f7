"""Turns decorative images into artifacts instead of Figures without alt text.

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
