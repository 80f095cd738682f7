"""The A5 booklet's imposition, read back from the sheets, and the QR code round trip."""

from __future__ import annotations

import re

import pikepdf
import pypdfium2
import pytest
import segno
import zxingcpp
from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams

from leafletgen.errors import LeafletError
from leafletgen.imposition import saddle_stitch_order
from leafletgen.qr import QUIET_ZONE, qr_svg
from tests.printing import URL, build_variants, page_texts, texts_in

A4_LANDSCAPE = (841.89, 595.28)
DPI = 200


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    return build_variants(tmp_path_factory, ["booklet", "a5-ward", "a5"])


def half_sheet_page_numbers(path) -> list[tuple[int | None, int | None]]:
    """Return (left, right) printed page numbers of every side, read from its text."""
    sides = []
    for side in extract_pages(path, laparams=LAParams(all_texts=True)):
        found: dict[str, int] = {}
        for element in texts_in(side):
            for match in re.finditer(r"pagina (\d+) van \d+", element.get_text()):
                half = "left" if element.x1 <= side.width / 2 else "right"
                found[half] = int(match.group(1))
        sides.append((found.get("left"), found.get("right")))
    return sides


def test_booklet_sides_are_a4_landscape(builds):
    with pikepdf.open(builds["booklet"].path) as pdf:
        assert len(pdf.pages) == builds["booklet"].pages  # the file's own pages: its sides
        for page in pdf.pages:
            assert [round(float(v), 2) for v in page.MediaBox] == [0, 0, *A4_LANDSCAPE]


def test_booklet_pages_are_in_saddle_stitch_order(builds):
    assert builds["booklet"].path.name == "mmn-newly-diagnosed-a5-booklet-ward.pdf"
    assert builds["booklet"].pages == 4  # the file's printed sides: 8 booklet pages
    # sheet 1 front, sheet 1 back, sheet 2 front, sheet 2 back; the back cover (8) and the
    # cover (1) carry no page number
    assert half_sheet_page_numbers(builds["booklet"].path) == [(None, None), (2, 7), (6, 3),
                                                               (4, 5)]


def test_booklet_back_cover_holds_contact_and_colophon_beside_the_cover(builds):
    front = next(extract_pages(builds["booklet"].path, laparams=LAParams(all_texts=True)))
    left = " ".join(e.get_text() for e in texts_in(front) if e.x1 <= front.width / 2)
    right = " ".join(e.get_text() for e in texts_in(front) if e.x0 >= front.width / 2)
    assert "Vragen?" in left and "Over deze folder" in left and "Bronnen" in left
    assert "Multifocale motorische" in right and "Vragen?" not in right


def test_booklet_padding_is_notes_pages_never_blank_ones(builds):
    texts = " ".join(page_texts(builds["booklet"].path))
    assert "Deze pagina is met opzet leeg gelaten." not in texts
    assert texts.count("Ruimte voor uw aantekeningen") == 8 - 5  # 5 pages of text


@pytest.mark.parametrize("pages, sides", [
    (4, [(4, 1), (2, 3)]),
    (12, [(12, 1), (2, 11), (10, 3), (4, 9), (8, 5), (6, 7)]),
])
def test_saddle_stitch_order_folds_into_reading_order(pages, sides):
    assert saddle_stitch_order(pages) == sides


def test_saddle_stitch_refuses_a_page_count_that_cannot_fold():
    with pytest.raises(LeafletError, match="multiple of 4 pages; got 6"):
        saddle_stitch_order(6)


def render_last_page(path):
    document = pypdfium2.PdfDocument(str(path))
    return document[len(document) - 1].render(scale=DPI / 72).to_pil()


def test_qr_code_decodes_to_the_leaflet_url_and_is_over_20mm_wide(builds):
    image = render_last_page(builds["a5-ward"].path)
    result, = zxingcpp.read_barcodes(image)
    assert result.format == zxingcpp.BarcodeFormat.QRCode
    assert result.text == URL
    width_px = result.position.top_right.x - result.position.top_left.x
    assert width_px / DPI * 25.4 >= 20  # the code itself, without its quiet zone
    # printed as text beside it (broken over lines after a '/' where it is long)
    assert URL in page_texts(builds["a5-ward"].path)[-1].replace(" ", "")


def test_qr_code_has_alt_text_in_the_tagged_pdf(builds):
    with pikepdf.open(builds["a5-ward"].path) as pdf:
        alts = [str(node.Alt) for node in _struct_nodes(pdf.Root.StructTreeRoot)
                if node.get("/S") == "/Figure" and "/Alt" in node]
    assert alts == [f"QR-code met de link naar deze folder online: {URL}"]


def test_no_qr_code_without_a_url(builds):
    assert zxingcpp.read_barcodes(render_last_page(builds["a5"].path)) == []
    assert "online" not in page_texts(builds["a5"].path)[-1]


def test_qr_svg_keeps_a_quiet_zone_of_four_modules():
    size = segno.make(URL, error="m").symbol_size(border=0)[0]
    svg = qr_svg(URL, "alt")
    assert f'viewBox="0 0 {size + 2 * QUIET_ZONE} {size + 2 * QUIET_ZONE}"' in svg
    assert QUIET_ZONE >= 4


def _struct_nodes(node):
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, pikepdf.Array):
            stack.extend(current)
        elif isinstance(current, pikepdf.Dictionary) and current.get("/Type") != "/MCR":
            yield current
            if "/K" in current:
                stack.append(current.K)


def test_check_pdf_reads_an_imposed_booklet_and_reports_it_untagged(builds):
    from leafletgen.pdfcheck import check_pdf

    findings = {f.check: f for f in check_pdf(builds["booklet"].path)}
    assert not findings["tagged"].ok  # imposed sheets are for paper, not screen readers
    assert findings["font-size"].ok and findings["fonts"].ok
