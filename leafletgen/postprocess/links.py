"""Gives every link annotation a readable description instead of its raw target."""

from __future__ import annotations

import pikepdf


def describe_links(pdf: pikepdf.Pdf, context) -> None:
    """Set /Contents of each link to the words of the link, not its anchor id or URL."""
    for page in pdf.pages:
        for annot in page.obj.get("/Annots", []):
            if annot.get("/Subtype") != "/Link":
                continue
            target = _target(annot)
            words = context.link_texts.get(target)
            if words:
                annot.Contents = pikepdf.String(words)


def _target(annot: pikepdf.Dictionary) -> str | None:
    if "/Dest" in annot and isinstance(annot.Dest, pikepdf.String):
        return str(annot.Dest)
    action = annot.get("/A")
    if action is not None and "/URI" in action:
        return str(action.URI)
    return None
