"""Reads back a PDF for checking: its structure tree (pikepdf) and its text runs (pdfminer)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import pikepdf
from pdfminer.converter import PDFLayoutAnalyzer
from pdfminer.layout import LTChar
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage


@dataclass(frozen=True)
class Glyph:
    """One character drawn on a page, with what marked content it sits in."""

    page: int
    text: str
    size: float  # font size in points, as drawn
    x: float
    y: float  # baseline-ish: bottom of the glyph box, from the page bottom
    mcid: int | None  # innermost marked-content id, None outside tagged content
    artifact: bool  # inside /Artifact marked content


@dataclass
class Element:
    """One structure element, in depth-first (reading) order."""

    role: str
    obj: pikepdf.Dictionary
    depth: int
    mcids: list[tuple[int, int]] = field(default_factory=list)  # (page index, mcid)


class _Recorder(PDFLayoutAnalyzer):
    """A pdfminer device that records each glyph with its marked-content stack."""

    def __init__(self, rsrcmgr: PDFResourceManager):
        super().__init__(rsrcmgr)
        self.glyphs: list[Glyph] = []
        self.page_index = -1
        self._marked: list[tuple[str, int | None]] = []

    def begin_page(self, page, ctm) -> None:
        self.page_index += 1
        self._marked = []
        super().begin_page(page, ctm)

    def begin_tag(self, tag, props=None) -> None:
        mcid = props.get("MCID") if isinstance(props, dict) else None
        self._marked.append((getattr(tag, "name", str(tag)), mcid))

    def end_tag(self) -> None:
        if self._marked:
            self._marked.pop()

    def render_char(self, *args, **kwargs) -> float:
        adv = super().render_char(*args, **kwargs)
        char: LTChar = self.cur_item._objs[-1]
        mcids = [m for _, m in self._marked if m is not None]
        artifact = any(tag == "Artifact" for tag, _ in self._marked)
        self.glyphs.append(Glyph(self.page_index, char.get_text(), round(char.size, 2),
                                 char.x0, char.y0, mcids[-1] if mcids else None, artifact))
        return adv

    def receive_layout(self, ltpage) -> None:  # layout analysis is not needed
        pass


def read_glyphs(data: bytes) -> list[Glyph]:
    """Return every glyph of the PDF in content-stream order, page by page."""
    manager = PDFResourceManager()
    device = _Recorder(manager)
    interpreter = PDFPageInterpreter(manager, device)
    for page in PDFPage.get_pages(io.BytesIO(data)):
        interpreter.process_page(page)
    return device.glyphs


def page_index(pdf: pikepdf.Pdf) -> dict[tuple[int, int], int]:
    """Return page object id -> page index."""
    return {page.obj.objgen: index for index, page in enumerate(pdf.pages)}


def walk_structure(pdf: pikepdf.Pdf) -> list[Element]:
    """Return every structure element reachable from the root, in depth-first order."""
    root = pdf.Root.get("/StructTreeRoot")
    if root is None or "/K" not in root:
        return []
    pages = page_index(pdf)
    out: list[Element] = []
    seen: set[tuple[int, int]] = set()

    def visit(node, depth: int, parent: Element | None, page: int | None) -> None:
        if isinstance(node, pikepdf.Array):
            for kid in node:
                visit(kid, depth, parent, page)
        elif isinstance(node, pikepdf.Dictionary):
            kind = node.get("/Type")
            if kind == "/OBJR":
                return
            if kind == "/MCR":
                mcr_page = pages.get(node.Pg.objgen) if "/Pg" in node else page
                if parent is not None and mcr_page is not None:
                    parent.mcids.append((mcr_page, int(node.MCID)))
                return
            if node.objgen in seen and node.objgen != (0, 0):
                return
            seen.add(node.objgen)
            here = pages.get(node.Pg.objgen, page) if "/Pg" in node else page
            element = Element(str(node.get("/S", "/?"))[1:], node, depth)
            out.append(element)
            if "/K" in node:
                visit(node.K, depth + 1, element, here)
        elif isinstance(node, int) and parent is not None and page is not None:
            parent.mcids.append((page, int(node)))

    visit(root.K, 0, None, None)
    return out


def reachable_ids(elements: list[Element]) -> set[tuple[int, int]]:
    """Return the object ids of the given structure elements."""
    return {e.obj.objgen for e in elements}


def role_of(pdf: pikepdf.Pdf, role: str) -> str:
    """Map a custom role through the RoleMap to a standard one."""
    role_map = pdf.Root.StructTreeRoot.get("/RoleMap") if "/StructTreeRoot" in pdf.Root else None
    seen = set()
    while role_map is not None and f"/{role}" in role_map and role not in seen:
        seen.add(role)
        role = str(role_map[f"/{role}"])[1:]
    return role


def element_texts(elements: list[Element], glyphs: list[Glyph]) -> list[str]:
    """Return the text of each element (its own and its descendants' marked content).

    Runs of one element on different lines are separate words, as a reader hears them: a
    line break ends a word even where no space glyph is drawn (a wrapped link's lines)."""
    runs: dict[tuple[int, int], list[Glyph]] = {}
    for glyph in glyphs:
        if glyph.mcid is not None and not glyph.artifact:
            runs.setdefault((glyph.page, glyph.mcid), []).append(glyph)
    texts = []
    for index, element in enumerate(elements):
        parts = [_joined(runs, element.mcids)]
        for later in elements[index + 1:]:
            if later.depth <= element.depth:
                break
            parts.append(_joined(runs, later.mcids))
        texts.append(" ".join(" ".join(parts).split()))
    return texts


def _joined(runs: dict[tuple[int, int], list[Glyph]], mcids: list[tuple[int, int]]) -> str:
    out, last = "", None
    for key in mcids:
        glyphs = runs.get(key, [])
        if glyphs and last is not None and (key[0] != last.page or abs(glyphs[0].y - last.y) > 1):
            out += " "
        out += "".join(g.text for g in glyphs)
        last = glyphs[-1] if glyphs else last
    return out
