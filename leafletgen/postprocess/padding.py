"""Makes the notes and blank pages added for printing artifacts: not read, not tagged.

A screen reader has nothing to gain from "Ruimte voor uw aantekeningen" or "Deze pagina
is met opzet leeg gelaten": they are there for paper. Everything drawn on those pages
becomes /Artifact /Layout and their structure elements leave the tree."""

from __future__ import annotations

import pikepdf

from .artifacts import make_artifacts
from .tree import page_numbers, remove_element, structure_elements


def padding_pages_to_artifacts(pdf: pikepdf.Pdf, context) -> None:
    """Turn all tagged content on context.padding_pages into artifacts."""
    if not context.padding_pages or "/StructTreeRoot" not in pdf.Root:
        return
    pages = page_numbers(pdf)
    wanted = set(context.padding_pages)

    def on_padding(element) -> bool:
        return "/Pg" in element and pages.get(element.Pg.objgen) in wanted

    # The outermost elements of those pages: removing them takes their subtrees along.
    doomed = [element for element in structure_elements(pdf)
              if on_padding(element) and not on_padding(element.get("/P", {}))]
    for index in sorted(wanted):
        mcids = _marked_ids(pdf.pages[index])
        if mcids:
            make_artifacts(pdf, index, dict.fromkeys(mcids, pikepdf.Name.Layout))
    for element in doomed:
        remove_element(element)


def _marked_ids(page: pikepdf.Page) -> list[int]:
    """Return the MCIDs of the marked content on `page`."""
    found = []
    for operands, operator in pikepdf.parse_content_stream(page):
        if (operator == pikepdf.Operator("BDC") and len(operands) == 2
                and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]):
            found.append(int(operands[1].MCID))
    return found
