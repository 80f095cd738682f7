"""Small helpers for editing the structure tree."""

from __future__ import annotations

import pikepdf


def structure_elements(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """Return every structure element under the root, depth-first, in reading order."""
    root = pdf.Root.get("/StructTreeRoot")
    out: list[pikepdf.Dictionary] = []
    seen: set[tuple[int, int]] = set()
    stack = [root.K] if root is not None and "/K" in root else []
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(reversed(list(node)))
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            if node.objgen in seen:
                continue
            seen.add(node.objgen)
            out.append(node)
            if "/K" in node:
                stack.append(node.K)
    return out


def kids_of(element: pikepdf.Dictionary) -> list:
    """Return the element's kids as a list, whatever form /K takes."""
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def page_numbers(pdf: pikepdf.Pdf) -> dict[tuple[int, int], int]:
    """Return page object id -> page index."""
    return {page.obj.objgen: index for index, page in enumerate(pdf.pages)}


def parent_tree_index(pdf: pikepdf.Pdf) -> dict[int, int]:
    """Return each ParentTree key -> the index of its value in the tree's /Nums array
    (WeasyPrint writes one flat array: one key per page, one per annotation)."""
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    return {int(nums[index]): index + 1 for index in range(0, len(nums), 2)}


def remove_element(element: pikepdf.Dictionary) -> None:
    """Unlink `element` from its parent; a parent left empty is removed as well."""
    parent = element.get("/P")
    if parent is None or "/K" not in parent:
        return
    kids = [kid for kid in kids_of(parent)
            if not (isinstance(kid, pikepdf.Dictionary) and kid.objgen == element.objgen)]
    parent.K = pikepdf.Array(kids)
    if not kids and parent.get("/Type") == "/StructElem":
        remove_element(parent)
