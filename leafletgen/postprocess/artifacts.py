"""Marks page furniture as artifacts: content WeasyPrint tags outside the structure tree.

WeasyPrint 70 tags margin boxes (page numbers, running headers) as /Span marked content
whose structure elements are not linked into the tree ("orphans"); screen readers would
read them on every page. PDF/UA wants them as /Artifact /Pagination.
"""

from __future__ import annotations

import pikepdf

from .content import mark_as_artifacts
from .tree import parent_tree_index, structure_elements


def mark_orphans_as_artifacts(pdf: pikepdf.Pdf, context) -> None:
    """Rewrite marked content whose structure element is not in the tree as artifacts."""
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return
    reachable = {element.objgen for element in structure_elements(pdf)}
    nums = root.ParentTree.Nums
    for index in range(0, len(nums), 2):
        key, marks = int(nums[index]), nums[index + 1]
        if not isinstance(marks, pikepdf.Array) or key >= len(pdf.pages):
            continue
        orphans = [mcid for mcid, elem in enumerate(marks)
                   if isinstance(elem, pikepdf.Dictionary) and elem.objgen not in reachable]
        if orphans:
            make_artifacts(pdf, key, dict.fromkeys(orphans, pikepdf.Name.Pagination), marks)


def make_artifacts(pdf: pikepdf.Pdf, page_index: int, kinds: dict[int, pikepdf.Name],
                   marks: pikepdf.Array | None = None) -> None:
    """Turn the marked content with the given MCIDs on one page into artifacts of the
    given kind (/Pagination, /Layout), and drop them from the page's ParentTree entry
    (`marks`, looked up when not given)."""
    page = pdf.pages[page_index]
    mark_as_artifacts(pdf, page, kinds)
    if marks is None:
        index = parent_tree_index(pdf).get(int(page.obj.get("/StructParents", -1)))
        marks = pdf.Root.StructTreeRoot.ParentTree.Nums[index] if index is not None else None
    for mcid in kinds if marks is not None else ():
        marks[mcid] = None  # artifacts have no structure element
