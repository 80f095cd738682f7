"""Tags the contents list as a table of contents: TOC and TOCI instead of L and LI.

WeasyPrint 70 tags <ul class="contents-list"> as an ordinary list. A list whose every
item holds one link to a place in this document is a table of contents; PDF/UA readers
announce TOC/TOCI as one, and the item body (LBody) becomes a /Reference.
"""

from __future__ import annotations

import pikepdf

from .tree import kids_of, structure_elements


def tag_contents_as_toc(pdf: pikepdf.Pdf, context) -> None:
    """Rename each list of internal links to TOC, its items to TOCI."""
    for element in structure_elements(pdf):
        if element.get("/S") != "/L" or not _is_contents_list(element):
            continue
        element.S = pikepdf.Name.TOC
        for item in _elements(element):
            item.S = pikepdf.Name.TOCI
            for part in _elements(item):
                if part.get("/S") == "/LBody":
                    part.S = pikepdf.Name.Reference


def _is_contents_list(element: pikepdf.Dictionary) -> bool:
    items = _elements(element)
    return bool(items) and all(
        item.get("/S") == "/LI" and len(_internal_links(item)) == 1 for item in items)


def _internal_links(element: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    """Return the Link elements under `element` whose annotation is a jump in this PDF."""
    found = []
    for kid in _elements(element):
        if kid.get("/S") == "/Link":
            annots = [k.Obj for k in kids_of(kid) if isinstance(k, pikepdf.Dictionary)
                      and k.get("/Type") == "/OBJR"]
            if annots and all("/Dest" in a for a in annots):
                found.append(kid)
        else:
            found.extend(_internal_links(kid))
    return found


def _elements(element: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    return [kid for kid in kids_of(element)
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid]
