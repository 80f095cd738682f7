"""The cover (issue 12): a composition that fills the page in every format, and the
publisher's logo from the manifest, read only from the project."""

from __future__ import annotations

import pikepdf
import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTChar, LTCurve

from conftest import tiny_png
from leafletgen.errors import ContentErrors
from leafletgen.pdfcheck import check_pdf
from leafletgen.pdfread import walk_structure
from tests.pagekit import LONG_TITLE, build, page_frames, page_project

# A logo made for the test: a square and a circle. No real organisation's logo.
LOGO_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40" width="40" height="40">'
            '<rect width="40" height="40" fill="#0b4f6c"/><circle cx="20" cy="20" r="10" '
            'fill="#ffffff"/></svg>')
ALT = "Logo van de Testvereniging"
PAPER = ((1.0, 1.0, 1.0), (0.0, 0.0, 0.0, 0.0))  # the page's own background, RGB or CMYK


def cover_marks(path):
    """Return the cover's filled shapes and characters (pdfminer), and its paper frame."""
    page = next(extract_pages(path, laparams=LAParams(all_texts=True), maxpages=1))
    shapes, chars, stack = [], [], list(page)
    while stack:
        item = stack.pop()
        if isinstance(item, LTCurve) and item.fill and item.non_stroking_color not in PAPER:
            shapes.append(item)
        elif isinstance(item, LTChar):
            chars.append(item)
        elif hasattr(item, "__iter__"):
            stack.extend(item)
    return shapes, chars, page_frames(path)[0][0]


@pytest.mark.parametrize("options", [
    dict(format="a4"), dict(format="a4", large_print=True), dict(format="a5"),
    dict(format="print-shop"),
], ids=["a4", "large-print", "a5", "print-shop"])
@pytest.mark.parametrize("title", ["Testfolder", LONG_TITLE], ids=["short", "long"])
def test_cover_composition_fills_the_page(tmp_path, options, title):
    project = page_project(tmp_path / "p", title=title, sections=1, length=2)
    shapes, chars, (x0, y0, x1, y1) = cover_marks(build(project, tmp_path / "o", **options).path)
    height = y1 - y0
    band = max(shapes, key=lambda s: s.width * s.height)
    assert band.height > 0.4 * height  # a band of colour, not a strip
    assert band.width > 0.75 * (x1 - x0)
    title_chars = [c for c in chars if band.y0 < c.y0 < band.y1]
    assert min(c.y0 for c in title_chars) < band.y0 + 0.25 * band.height  # title at its foot
    assert max(c.y1 for c in chars) > y1 - 0.2 * height  # publisher near the top
    assert min(c.y0 for c in chars) < y0 + 0.25 * height  # audience near the bottom


@pytest.mark.parametrize("name, data", [("logo.svg", LOGO_SVG), ("logo.png", tiny_png())])
def test_logo_on_the_cover_is_a_figure_with_its_alt_text(tmp_path, name, data):
    project = page_project(tmp_path / "p", sections=1, length=2, logo=(f"logos/{name}", ALT),
                           files={f"leaflets/logos/{name}": data})
    built = build(project, tmp_path / "o")
    with pikepdf.open(built.path) as pdf:
        figures = [e.obj for e in walk_structure(pdf) if e.role == "Figure"]
        assert [str(f.Alt) for f in figures] == [ALT]
        assert figures[0].Pg.objgen == pdf.pages[0].obj.objgen
        x0, y0, x1, y1 = (float(v) for v in figures[0].A.BBox)
        assert y1 > 841.89 - 50 * 72 / 25.4 and 0 < x1 - x0 < 70 * 72 / 25.4  # top left
    assert [str(f) for f in check_pdf(built.path.read_bytes()) if not f.ok] == []


@pytest.mark.parametrize("src, files, problem", [
    ("logos/none.svg", {}, "no logo file at leaflets/logos/none.svg"),
    ("../../elders.svg", {}, "the logo '../../elders.svg' is outside the project"),
])
def test_a_logo_that_is_missing_or_outside_the_project_is_named_in_the_manifest(
        tmp_path, src, files, problem):
    (tmp_path / "elders.svg").write_text(LOGO_SVG)
    project = page_project(tmp_path / "p", sections=1, length=2, logo=(src, ALT), files=files)
    with pytest.raises(ContentErrors) as caught:
        build(project, tmp_path / "o")
    message = str(caught.value)
    assert message.startswith("leaflets/demo.yaml:") and f": logo.src: {problem}" in message


def test_a_logo_may_not_fetch_anything_from_outside_the_project(tmp_path):
    fetching = LOGO_SVG.replace("</svg>", '<image href="https://example.org/x.png" '
                                          'width="4" height="4"/></svg>')
    project = page_project(tmp_path / "p", sections=1, length=2, logo=("logo.svg", ALT),
                           files={"leaflets/logo.svg": fetching})
    with pytest.raises(ContentErrors, match=r"leaflets/demo.yaml:\d+: logo.src: SVG refers to "
                                            r"another file or address \('https://example"):
        build(project, tmp_path / "o")
    assert not list((tmp_path / "o").glob("*.pdf"))


def test_a_changed_logo_changes_the_fingerprint_so_the_pdf_is_rebuilt(tmp_path):
    from leafletgen.build import BuildOptions, load
    from leafletgen.inputs import resolve_inputs

    project = page_project(tmp_path / "p", sections=1, length=2, logo=("logo.svg", ALT),
                           files={"leaflets/logo.svg": LOGO_SVG})

    def fingerprint():
        return resolve_inputs(load(project), "demo", "treatment", BuildOptions()).fingerprint

    before = fingerprint()
    (project / "leaflets" / "logo.svg").write_text(LOGO_SVG.replace("#0b4f6c", "#000000"))
    assert before is not None and fingerprint() != before
