"""Print files: draws black given in RGB as pure CMYK black (K only).

WeasyPrint's SVG renderer (the QR code, the crop marks) knows no device-cmyk and writes
black as `0 0 0 rg`. A press would print that as four-colour black, and fine QR modules
printed in four plates that do not line up exactly are blurred; PDF/X-4 also wants colour
in the output intent's CMYK, not RGB."""

from __future__ import annotations

import pikepdf

RGB_TO_CMYK = {"rg": "k", "RG": "K"}


def rgb_black_to_k(pdf: pikepdf.Pdf, context) -> None:
    """Rewrite RGB black as CMYK black in every page, form and pattern (print files only)."""
    if not context.for_print:
        return
    seen: set[tuple[int, int]] = set()
    for page in pdf.pages:
        _rewrite(pdf, page.obj, seen, is_page=True)


def _rewrite(pdf: pikepdf.Pdf, obj, seen: set, is_page: bool = False) -> None:
    if obj.objgen in seen and obj.objgen != (0, 0):
        return
    seen.add(obj.objgen)
    resources = obj.get("/Resources", pikepdf.Dictionary())
    for group in ("/XObject", "/Pattern"):
        for child in resources.get(group, pikepdf.Dictionary()).values():
            if isinstance(child, pikepdf.Stream) and child.get("/Subtype") != "/Image":
                _rewrite(pdf, child, seen)
    target = pikepdf.Page(obj) if is_page else obj
    instructions = pikepdf.parse_content_stream(target)
    changed = False
    out = []
    for operands, operator in instructions:
        name = str(operator)
        if name in RGB_TO_CMYK and [float(v) for v in operands] == [0.0, 0.0, 0.0]:
            operands, operator = [0, 0, 0, 1], pikepdf.Operator(RGB_TO_CMYK[name])
            changed = True
        out.append((operands, operator))
    if not changed:
        return
    data = pikepdf.unparse_content_stream(out)
    if is_page:
        obj.Contents = pdf.make_stream(data)
    else:
        obj.write(data)
