"""Links: one structure element per link, described by its words, not its raw target."""

from __future__ import annotations

import pikepdf

from .splits import merge_elements
from .tree import kids_of, page_numbers, structure_elements


def describe_links(pdf: pikepdf.Pdf, context) -> None:
    """Set /Contents of each link to the words of the link, not its anchor id or URL.

    Each Link element is matched with its own link in the HTML, in reading order, so two
    links to one address keep their own words (a section's "de website" and the back
    page's "Website: https://..."); if the two orders do not match, by target."""
    own = _words_by_annotation(pdf, context.links)
    for page in pdf.pages:
        for annot in page.obj.get("/Annots", []):
            if annot.get("/Subtype") != "/Link":
                continue
            words = own.get(annot.objgen) or context.link_texts.get(_target(annot))
            if words:
                annot.Contents = pikepdf.String(words)


def _words_by_annotation(pdf: pikepdf.Pdf, links) -> dict[tuple[int, int], str]:
    """Return the words of each link annotation, from the HTML link its Link element is
    (the n-th Link element is the n-th link); empty when the counts or targets differ."""
    elements = [element for element in structure_elements(pdf) if element.S == "/Link"]
    if len(elements) != len(links):
        return {}
    found = {}
    for element, (target, words) in zip(elements, links):
        annots = [kid.Obj for kid in kids_of(element)
                  if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR"]
        if not annots or any(_target(annot) != target for annot in annots):
            return {}
        found.update((annot.objgen, words) for annot in annots)
    return found


def join_wrapped_links(pdf: pikepdf.Pdf, context) -> None:
    """Merge the Link elements WeasyPrint 70 makes for each line of one wrapped link.

    A contents entry or address that wraps becomes two Links side by side, each with the
    annotation of its line: a screen reader announces two links, and the contents list is
    no longer one link per entry. The parts become one Link holding both annotations."""
    pages = page_numbers(pdf)
    for element in structure_elements(pdf):
        before = None
        for kid in kids_of(element):
            if not isinstance(kid, pikepdf.Dictionary) or "/S" not in kid:
                continue
            if kid.S != "/Link":
                before = None
            elif before is not None and _link_target(before) == _link_target(kid) is not None:
                merge_elements(pdf, before, kid, pages)
            else:
                before = kid


def _link_target(element: pikepdf.Dictionary) -> str | None:
    """Return the one target of a Link element's annotations, or None."""
    targets = {_target(kid.Obj) for kid in kids_of(element)
               if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR"}
    return targets.pop() if len(targets) == 1 else None


def _target(annot: pikepdf.Dictionary) -> str | None:
    if "/Dest" in annot and isinstance(annot.Dest, pikepdf.String):
        return str(annot.Dest)
    action = annot.get("/A")
    if action is not None and "/URI" in action:
        return str(action.URI)
    return None
