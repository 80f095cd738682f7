"""Marks page furniture as artifacts: content WeasyPrint tags outside the structure tree.

WeasyPrint 70 tags margin boxes (page numbers, running headers) as /Span marked content
whose structure elements are not linked into the tree ("orphans"); screen readers would
read them on every page. PDF/UA wants them as /Artifact /Pagination.
"""

from __future__ import annotations

import pikepdf


def mark_orphans_as_artifacts(pdf: pikepdf.Pdf, context) -> None:
    """Rewrite marked content whose structure element is not in the tree as artifacts."""
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return
    reachable = _reachable(root)
    nums = root.ParentTree.Nums
    for index in range(0, len(nums), 2):
        key, value = int(nums[index]), nums[index + 1]
        if not isinstance(value, pikepdf.Array) or key >= len(pdf.pages):
            continue
        orphans = {mcid for mcid, elem in enumerate(value)
                   if isinstance(elem, pikepdf.Dictionary) and elem.objgen not in reachable}
        if orphans:
            make_artifacts(pdf, key, dict.fromkeys(orphans, pikepdf.Name.Pagination))


def make_artifacts(pdf: pikepdf.Pdf, page_index: int, kinds: dict[int, pikepdf.Name]) -> None:
    """Turn the marked content with the given MCIDs on one page into artifacts of the
    given kind (/Pagination, /Layout), and drop them from the ParentTree."""
    page = pdf.pages[page_index]
    instructions = pikepdf.parse_content_stream(page)
    out = []
    for operands, operator in instructions:
        if operator == pikepdf.Operator("BDC") and len(operands) == 2:
            props = operands[1]
            mcid = int(props.get("/MCID", -1)) if isinstance(props, pikepdf.Dictionary) else -1
            if mcid in kinds:
                operands = [pikepdf.Name.Artifact, pikepdf.Dictionary(Type=kinds[mcid])]
        out.append((operands, operator))
    page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(out))
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    for index in range(0, len(nums), 2):
        if int(nums[index]) == int(page.obj.get("/StructParents", -1)):
            for mcid in kinds:
                nums[index + 1][mcid] = None  # artifacts have no structure element


def _reachable(root: pikepdf.Dictionary) -> set[tuple[int, int]]:
    """Return the object ids of every structure element linked from the root."""
    seen: set[tuple[int, int]] = set()
    stack = [root.K]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(node)
        elif isinstance(node, pikepdf.Dictionary) and node.get("/Type") != "/OBJR":
            if node.objgen in seen:
                continue
            seen.add(node.objgen)
            kids = node.get("/K")
            if kids is not None:
                stack.append(kids)
    return seen
