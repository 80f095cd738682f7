"""Joins boxes split by a page break back into one structure element.

WeasyPrint 70 builds the tree page by page, so a section or paragraph that runs over a
page break becomes two elements (a second /Sect without a heading, two /P); a screen
reader announces a new section or paragraph in the middle of a sentence. pdf.py records,
for each page, which HTML elements continue from the page before (outermost first); this
step merges the matching pair of elements at each level of that chain.
"""

from __future__ import annotations

import pikepdf

from .tree import kids_of, page_numbers, parent_tree_index, remove_element

ROLES = {"section": "/Sect", "p": "/P", "div": "/Div", "ul": "/L", "ol": "/L", "li": "/LI",
         "article": "/Art", "main": "/Part", "blockquote": "/BlockQuote"}


def join_split_elements(pdf: pikepdf.Pdf, context) -> None:
    """Merge each element continued on the next page into its first part."""
    root = pdf.Root.get("/StructTreeRoot")
    if root is None or not context.continued:
        return
    document, = kids_of(root)
    pages = page_numbers(pdf)
    by_page: dict[int | None, list] = {}  # the document's top-level elements, page by page
    for element in _elements(document):
        by_page.setdefault(_page(element, pages), []).append(element)
    parents = parent_tree_index(pdf)
    for page, chain in enumerate(context.continued):
        before, after = by_page.get(page - 1), by_page.get(page)
        if not chain or page == 0 or not before or not after:
            continue
        first, second = before[-1], after[0]
        for level, tag in enumerate(chain):
            role = ROLES.get(tag)
            if first is None or second is None or role is None or not (
                    first.get("/S") == second.get("/S") == role):
                break
            next_first, next_second = _last(first), _first(second)
            merge_elements(pdf, first, second, pages, parents)
            if level == 0:  # `first` now runs on over this page, maybe onto the next
                after[0] = first
            first, second = next_first, next_second


def _elements(element: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    return [k for k in kids_of(element) if isinstance(k, pikepdf.Dictionary) and "/S" in k]


def _first(element):
    kids = _elements(element)
    return kids[0] if kids else None


def _last(element):
    kids = _elements(element)
    return kids[-1] if kids else None


def _page(element: pikepdf.Dictionary, pages: dict) -> int | None:
    return pages.get(element.Pg.objgen) if "/Pg" in element else None


def merge_elements(pdf: pikepdf.Pdf, first: pikepdf.Dictionary, second: pikepdf.Dictionary,
                   pages: dict, parents: dict[int, int] | None = None) -> None:
    """Move every kid of `second` to the end of `first`, then drop `second`. `parents` is
    parent_tree_index(pdf), when the caller already has it."""
    parents = parent_tree_index(pdf) if parents is None else parents
    moved = []
    for kid in kids_of(second):
        if isinstance(kid, int):  # an MCID on second's page: name the page explicitly
            kid = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=second.Pg,
                                                       MCID=kid))
        if isinstance(kid, pikepdf.Dictionary):
            if kid.get("/Type") == "/MCR":
                _point_parent_tree(pdf, parents, pages[kid.Pg.objgen], int(kid.MCID), first)
            elif kid.get("/Type") == "/OBJR":
                _point_annotation(pdf, parents, kid.Obj, first)
            else:
                kid.P = first
        moved.append(kid)
    first.K = pikepdf.Array(kids_of(first) + moved)
    second.K = pikepdf.Array()
    remove_element(second)


def _point_parent_tree(pdf: pikepdf.Pdf, parents: dict[int, int], page: int, mcid: int,
                       element) -> None:
    index = parents.get(int(pdf.pages[page].obj.StructParents))
    if index is not None:
        pdf.Root.StructTreeRoot.ParentTree.Nums[index][mcid] = element


def _point_annotation(pdf: pikepdf.Pdf, parents: dict[int, int], annotation, element) -> None:
    index = parents.get(int(annotation.get("/StructParent", -1)))
    if index is not None:
        pdf.Root.StructTreeRoot.ParentTree.Nums[index] = element
