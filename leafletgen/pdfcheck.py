"""Accessibility checks on a finished PDF, read back from the file (PDF/UA-1, clear print)."""

from __future__ import annotations

import io
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from .errors import LeafletError
from .pdfread import Element, Glyph, read_glyphs, reachable_ids, role_of, walk_structure

HYPHENS_IN_WORDS = re.compile(r"(?<=\w)[\u00ad\u2010\u2011](?=\w)|\u00ad")
URL_ONLY = re.compile(r"^\s*(https?://|www\.|mailto:)\S*\s*$", re.IGNORECASE)
FURNITURE_BAND = 0.12  # top and bottom share of the page where headers and page numbers sit


@dataclass(frozen=True)
class Finding:
    """The result of one check: its name, whether it passed, and what was found."""

    check: str
    ok: bool
    message: str

    def __str__(self) -> str:
        return f"{'ok  ' if self.ok else 'FAIL'} {self.check}: {self.message}"


def check_pdf(source: Path | str | bytes, expected_lang: str | None = None,
              min_body_pt: float | None = None) -> list[Finding]:
    """Return one Finding per check (passed or failed) for the PDF at `source`."""
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PdfError as error:
        # pikepdf's message names its in-memory buffer, which means nothing to a user.
        raise LeafletError(f"{source if not isinstance(source, bytes) else 'the file'} "
                           "is not a readable PDF") from None
    with pdf:
        elements = walk_structure(pdf)
        glyphs = read_glyphs(data)
        return [
            check_tagged(pdf),
            check_orphans(pdf, elements),
            check_lang(pdf, expected_lang),
            check_title(pdf),
            check_pdfua_id(pdf),
            check_figures(pdf, elements),
            check_headings(pdf, elements),
            check_fonts(pdf),
            check_links(pdf),
            check_furniture(pdf, glyphs),
            check_hyphens(glyphs),
            check_font_size(glyphs, min_body_pt),
        ]


def failures(findings: list[Finding]) -> list[Finding]:
    """Return the findings that failed."""
    return [f for f in findings if not f.ok]


def _result(check: str, problems: list[str], ok_message: str) -> Finding:
    if problems:
        return Finding(check, False, "; ".join(problems))
    return Finding(check, True, ok_message)


def check_tagged(pdf: pikepdf.Pdf) -> Finding:
    problems = []
    mark_info = pdf.Root.get("/MarkInfo")
    if mark_info is None or not bool(mark_info.get("/Marked", False)):
        problems.append("MarkInfo /Marked is not true")
    if "/StructTreeRoot" not in pdf.Root:
        problems.append("no structure tree (StructTreeRoot)")
    return _result("tagged", problems, "marked, with a structure tree")


def check_orphans(pdf: pikepdf.Pdf, elements: list[Element]) -> Finding:
    """Every structure element the ParentTree names must hang in the tree."""
    root = pdf.Root.get("/StructTreeRoot")
    if root is None or "/ParentTree" not in root:
        return Finding("orphans", False, "no ParentTree")
    reachable = reachable_ids(elements)
    orphans = []
    for key, value in _number_tree(root.ParentTree):
        values = value if isinstance(value, pikepdf.Array) else [value]
        for mcid, elem in enumerate(values):
            if isinstance(elem, pikepdf.Dictionary) and elem.objgen not in reachable:
                what = str(elem.get("/S", "?"))
                orphans.append(f"{what} (parent tree {key}, mcid {mcid})"
                               if isinstance(value, pikepdf.Array) else f"{what} (key {key})")
    return _result("orphans", orphans[:5] + ([f"{len(orphans)} in all"] if orphans else []),
                   f"{len(elements)} structure elements, none orphaned")


def _number_tree(node: pikepdf.Dictionary):
    """Yield (key, value) pairs of a number tree, following /Kids."""
    nums = node.get("/Nums")
    if nums is not None:
        for index in range(0, len(nums) - 1, 2):
            yield int(nums[index]), nums[index + 1]
    for kid in node.get("/Kids", []):
        yield from _number_tree(kid)


def check_lang(pdf: pikepdf.Pdf, expected: str | None) -> Finding:
    lang = str(pdf.Root.get("/Lang", "")).strip()
    if not lang:
        return Finding("lang", False, "no document language (/Lang)")
    if expected and lang.lower() != expected.lower():
        return Finding("lang", False, f"/Lang is '{lang}'; expected '{expected}'")
    return Finding("lang", True, f"/Lang {lang}")


def check_title(pdf: pikepdf.Pdf) -> Finding:
    problems = []
    title = _xmp(pdf).get("dc:title", "")
    if not str(title).strip():
        problems.append("no dc:title in the XMP metadata")
    prefs = pdf.Root.get("/ViewerPreferences")
    if prefs is None or not bool(prefs.get("/DisplayDocTitle", False)):
        problems.append("ViewerPreferences /DisplayDocTitle is not true")
    return _result("title", problems, f"dc:title '{title}', shown as window title")


def check_pdfua_id(pdf: pikepdf.Pdf) -> Finding:
    part = str(_xmp(pdf).get("pdfuaid:part", "")).strip()
    if part != "1":
        return Finding("pdfua-id", False, f"XMP pdfuaid:part is '{part}'; expected '1'")
    return Finding("pdfua-id", True, "XMP pdfuaid:part 1")


def _xmp(pdf: pikepdf.Pdf) -> dict[str, str]:
    if "/Metadata" not in pdf.Root:
        return {}
    meta = pdf.open_metadata()
    return {key: str(meta.get(key, "")) for key in ("dc:title", "pdfuaid:part")}


def check_figures(pdf: pikepdf.Pdf, elements: list[Element]) -> Finding:
    figures = [e for e in elements if role_of(pdf, e.role) == "Figure"]
    missing = [f"Figure {n + 1}" for n, e in enumerate(figures)
               if not str(e.obj.get("/Alt", "")).strip()]
    return _result("figure-alt", [f"{', '.join(missing)} without alt text"] if missing else [],
                   f"{len(figures)} figure(s), all with alt text")


def check_headings(pdf: pikepdf.Pdf, elements: list[Element]) -> Finding:
    """Exactly one H1, and in structure order no heading deeper than the last one plus one."""
    levels = [int(role[1]) for e in elements
              if re.fullmatch(r"H[1-6]", role := role_of(pdf, e.role))]
    problems = []
    if levels.count(1) != 1:
        problems.append(f"{levels.count(1)} H1 headings; expected exactly one")
    previous = 0
    for level in levels:
        if level > previous + 1:
            problems.append(f"H{level} follows H{previous or '-'} (a level is skipped)")
        previous = level
    return _result("headings", problems, f"{len(levels)} headings, levels {sorted(set(levels))}")


def check_fonts(pdf: pikepdf.Pdf) -> Finding:
    problems, names = [], set()
    for font in _fonts(pdf):
        name = str(font.get("/BaseFont", "?"))
        names.add(name)
        descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
        descriptor = descendant.get("/FontDescriptor")
        if font.get("/Subtype") != "/Type3" and not (descriptor is not None and any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))):
            problems.append(f"{name} is not embedded")
        if "/ToUnicode" not in font:
            problems.append(f"{name} has no ToUnicode map")
    return _result("fonts", sorted(set(problems)),
                   f"{len(names)} font(s), embedded with ToUnicode")


def _fonts(pdf: pikepdf.Pdf):
    """Yield every font dictionary used on the pages, including inside form XObjects."""
    seen = set()
    stack = [page.obj.get("/Resources") for page in pdf.pages]
    while stack:
        resources = stack.pop()
        if resources is None or resources.objgen in seen and resources.objgen != (0, 0):
            continue
        seen.add(resources.objgen)
        for font in resources.get("/Font", {}).values():
            yield font
        for xobject in resources.get("/XObject", {}).values():
            if xobject.get("/Subtype") == "/Form":
                stack.append(xobject.get("/Resources"))


def check_links(pdf: pikepdf.Pdf) -> Finding:
    problems, count = [], 0
    for number, page in enumerate(pdf.pages, start=1):
        for annot in page.obj.get("/Annots", []):
            if annot.get("/Subtype") != "/Link":
                continue
            count += 1
            contents = str(annot.get("/Contents", "")).strip()
            target = _link_target(annot)
            if not contents:
                problems.append(f"page {number}: link to '{target}' has no /Contents")
            elif contents.lstrip("#") == (target or "").lstrip("#") or URL_ONLY.match(contents):
                problems.append(f"page {number}: link /Contents is only its target '{contents}'")
            if "/StructParent" not in annot:
                problems.append(f"page {number}: link to '{target}' is not in the structure tree")
    return _result("links", problems, f"{count} link(s), each with a description")


def _link_target(annot: pikepdf.Dictionary) -> str | None:
    if "/Dest" in annot and isinstance(annot.Dest, (pikepdf.String, pikepdf.Name)):
        return str(annot.Dest).lstrip("/")
    action = annot.get("/A")
    if action is not None and "/URI" in action:
        return str(action.URI)
    return None


def check_furniture(pdf: pikepdf.Pdf, glyphs: list[Glyph]) -> Finding:
    """Lines that repeat at the same place in the top or bottom band of several pages
    (running headers, page numbers) must be artifacts, not tagged content."""
    lines: dict[tuple[int, int], list[Glyph]] = defaultdict(list)
    for glyph in glyphs:
        lines[(glyph.page, round(glyph.y))].append(glyph)
    heights = [float(page.mediabox[3]) for page in pdf.pages]
    repeats: dict[tuple[int, str], list[list[Glyph]]] = defaultdict(list)
    for (page, y), line in lines.items():
        if FURNITURE_BAND * heights[page] < y < (1 - FURNITURE_BAND) * heights[page]:
            continue
        text = re.sub(r"\d+", "#", "".join(g.text for g in line)).strip()
        repeats[(y, text)].append(line)
    problems = []
    for (y, text), found in sorted(repeats.items()):
        if len(found) < 2:
            continue
        tagged = [line[0].page + 1 for line in found if any(not g.artifact for g in line)]
        if tagged:
            problems.append(f"'{text}' at y={y} is tagged content, not an artifact, "
                            f"on page(s) {', '.join(map(str, tagged))}")
    return _result("furniture", problems, "page numbers and running headers are artifacts")


def check_hyphens(glyphs: list[Glyph]) -> Finding:
    text = "".join(g.text for g in glyphs)
    found = sorted({text[max(0, m.start() - 8):m.end() + 8] for m in
                    HYPHENS_IN_WORDS.finditer(text)})
    return _result("hyphens", [f"hyphenation character in '{s}'" for s in found[:5]],
                   "no soft hyphens or hyphenation characters inside words")


def check_font_size(glyphs: list[Glyph], min_body_pt: float | None) -> Finding:
    sizes = [g.size for g in glyphs if g.text.strip()]
    if not sizes:
        return Finding("font-size", False, "no text found")
    smallest = round(min(sizes), 1)
    if min_body_pt is not None and smallest < min_body_pt - 0.05:
        return Finding("font-size", False,
                       f"smallest text is {smallest} pt; expected at least {min_body_pt} pt")
    return Finding("font-size", True, f"smallest text {smallest} pt")
