"""Notes and blank pages (issue 12): ruled lines every viewer draws, padding that is not
read aloud, and an A5 screen file without a page forced by the back matter."""

from __future__ import annotations

import numpy
import pikepdf
import pypdfium2
import pytest

from leafletgen.pdfcheck import check_pdf
from leafletgen.pdfread import read_glyphs, walk_structure
from tests.pagekit import MM, WARD, build, page_chars, page_project

DPI = 100
NOTES = "Ruimtevooruwaantekeningen"
BLANK = "Dezepaginaismetopzetleeggelaten."
A5_HEIGHT = 210 * MM
FOOTER_TOP = 40  # points from the bottom: the page number sits below this


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return page_project(tmp_path_factory.mktemp("padding") / "p", sections=3, length=8)


def page_words(path) -> list[str]:
    return ["".join(c.get_text() for c in chars).replace(" ", "") for chars in page_chars(path)]


def rules_drawn(image, x0: int, x1: int) -> list[int]:
    """Return the rows (pixels) where a horizontal rule starts: runs of rows in which
    nearly all columns x0..x1 are dark (a line of text has gaps between its letters)."""
    grey = numpy.asarray(image.convert("L"))[:, x0:x1]
    dark = (grey < 160).sum(axis=1) > 0.9 * (x1 - x0)
    return [y for y in range(len(dark)) if dark[y] and (y == 0 or not dark[y - 1])]


def rules_in_stream(page: pikepdf.Page, width: float) -> int:
    """Return how many horizontal lines longer than half the page the page strokes."""
    count, start, end = 0, None, None
    for operands, operator in pikepdf.parse_content_stream(page):
        name = str(operator)
        if name == "m":
            start = [float(v) for v in operands]
        elif name == "l":
            end = [float(v) for v in operands]
        elif name == "S" and start and end:
            if start[1] == end[1] and abs(end[0] - start[0]) > 0.5 * width / 0.75:
                count += 1
            start = end = None
    return count


@pytest.mark.parametrize("options", [
    dict(format="a4"), dict(format="a4", large_print=True), dict(format="a5"),
    dict(format="print-shop"),
], ids=["a4", "large-print", "a5", "print-shop"])
def test_notes_lines_are_strokes_that_pdfium_draws_every_one_of(project, tmp_path, options):
    built = build(project, tmp_path, notes=True, **options)
    index = page_words(built.path).index(next(w for w in page_words(built.path) if NOTES in w))
    document = pypdfium2.PdfDocument(str(built.path))
    image = document[index].render(scale=DPI / 72).to_pil()
    with pikepdf.open(built.path) as pdf:
        page = pdf.pages[index]
        width = float(page.obj.get("/TrimBox", page.MediaBox)[2])
        assert not page.Resources.get("/Pattern")  # no tiling pattern: plain strokes
        stroked = rules_in_stream(page, width)
    drawn = rules_drawn(image, image.width // 4, image.width * 3 // 4)
    assert len(drawn) == stroked >= 12
    assert (drawn[-1] - drawn[0]) / DPI * 25.4 > 0.6 * image.height / DPI * 25.4


def test_booklet_notes_pages_show_as_many_lines_as_the_a5_file(project, tmp_path):
    a5 = build(project, tmp_path / "a5", format="a5", notes=True)
    booklet = build(project, tmp_path / "booklet", format="a5-booklet", notes=True)
    index = next(i for i, w in enumerate(page_words(a5.path)) if NOTES in w)
    image = pypdfium2.PdfDocument(str(a5.path))[index].render(scale=DPI / 72).to_pil()
    expected = len(rules_drawn(image, image.width // 4, image.width * 3 // 4))
    counts = []
    for sheet, chars in zip(pypdfium2.PdfDocument(str(booklet.path)), page_chars(booklet.path)):
        image = sheet.render(scale=DPI / 72).to_pil()
        half = image.width // 2
        for left in (0, half):
            words = "".join(c.get_text() for c in chars
                            if (c.x0 * DPI / 72 >= left) and (c.x1 * DPI / 72 <= left + half))
            if NOTES in words.replace(" ", ""):
                counts.append(len(rules_drawn(image, left + half // 4, left + half * 3 // 4)))
    assert counts and set(counts) == {expected}


@pytest.mark.parametrize("options, word", [
    (dict(format="a4", notes=True, duplex=True), NOTES), (dict(format="a5", duplex=True), BLANK),
])
def test_padding_pages_are_artifacts_neither_read_nor_bookmarked(tmp_path, options, word):
    # one short section: cover, text, back page; duplex adds a blank page, notes a second
    project = page_project(tmp_path / "p", sections=1, length=4)
    built = build(project, tmp_path / "out", **options)
    pads = [i for i, words in enumerate(page_words(built.path)) if word in words]
    assert pads and pads[-1] == built.pages - 2  # just before the back page
    glyphs = [g for g in read_glyphs(built.path.read_bytes()) if g.page in pads]
    assert glyphs and all(g.artifact for g in glyphs if g.text.strip())
    with pikepdf.open(built.path) as pdf:
        pages = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
        on_pads = [e.role for e in walk_structure(pdf)
                   if "/Pg" in e.obj and pages[e.obj.Pg.objgen] in pads]
        with pdf.open_outline() as outline:
            titles = [item.title for item in outline.root]
    assert on_pads == []
    assert "Ruimte voor uw aantekeningen" not in titles
    assert [str(f) for f in check_pdf(built.path.read_bytes()) if not f.ok] == []


def test_a5_screen_file_keeps_the_back_matter_with_the_text_when_it_fits(tmp_path):
    project = page_project(tmp_path / "p", sections=1, length=4, publisher_web=False)
    screen = build(project, tmp_path / "a5", format="a5")
    assert screen.pages == 2  # the cover, then the text with the back matter below it
    last = page_words(screen.path)[-1]
    assert "zoalsgewoonlijk" in last and "Overdezefolder" in last
    booklet = build(project, tmp_path / "booklet", format="a5-booklet")
    # a booklet keeps its back cover: cover, text, notes, back on two printed sides
    assert booklet.pages == 2 and len(page_words(booklet.path)) == 2


def test_body_text_starts_below_the_furniture_on_every_page(project, tmp_path):
    built = build(project, tmp_path, format="a5", notes=True)
    for glyphs in _by_page(read_glyphs(built.path.read_bytes())):
        header = [g.y for g in glyphs if g.artifact and g.y > 400]
        body = [g.y + g.size for g in glyphs if not g.artifact and g.text.strip()]
        if header and body:
            assert max(body) < min(header) - 2 * MM


def _by_page(glyphs):
    pages: dict[int, list] = {}
    for glyph in glyphs:
        pages.setdefault(glyph.page, []).append(glyph)
    return list(pages.values())


def test_notes_page_keeps_its_lines_however_long_the_running_header(tmp_path):
    title = " ".join(["Een titel die over drie regels van de kop loopt"] * 3)
    project = page_project(tmp_path / "p", title=title, sections=2, length=6)
    built = build(project, tmp_path / "o", format="a5", notes=True)
    index = next(i for i, w in enumerate(page_words(built.path)) if NOTES in w)
    image = pypdfium2.PdfDocument(str(built.path))[index].render(scale=DPI / 72).to_pil()
    assert len(rules_drawn(image, image.width // 4, image.width * 3 // 4)) == 15


def test_a5_screen_back_matter_never_leaves_the_page_before_it_less_than_half_full(tmp_path):
    """Kept whole, the back matter would sometimes start a page after a few lines of text;
    then it breaks between its parts (contact; sources and colophon), each part whole."""
    split = whole = 0
    for length in range(8, 36, 2):
        project = page_project(tmp_path / f"p{length}", sections=2, length=length,
                               publisher_web=False)
        built = build(project, tmp_path / f"o{length}", format="a5", contact=WARD)
        pages = page_chars(built.path)
        texts = ["".join(c.get_text() for c in chars) for chars in pages]
        height = A5_HEIGHT
        for number, chars in enumerate(pages[1:-1], start=2):
            body = [c for c in chars if c.y0 > FOOTER_TOP]
            used = (height - min(c.y0 for c in body)) / height
            assert used > 0.5, f"{length} sentences: page {number} is {used:.0%} used"
        contact = [n for n, text in enumerate(texts) if "Vragen?" in text]
        about = [n for n, text in enumerate(texts) if "Bronnen" in text]
        colophon = [n for n, text in enumerate(texts) if "Overdezefolder" in text.replace(" ", "")]
        phone = [n for n, text in enumerate(texts) if "Telefoon" in text]
        assert len(contact) == 1 and contact == phone  # the contact block is whole
        assert about == colophon == [len(pages) - 1]  # sources and colophon side by side, last
        split += contact[0] != about[0]
        whole += contact[0] == about[0]
    assert split and whole  # both ways were tried
