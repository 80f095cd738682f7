"""Print formats: page sizes and boxes, padding, notes, contact block, PDF/X-4 (issue 4)."""

from __future__ import annotations

import re

import pikepdf
import pytest

from tests.printing import A4, A5, MM, build_variants, page_texts


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    return build_variants(tmp_path_factory, ["a4", "a4-notes", "a4-notes-duplex", "a5", "a5-ward",
                                             "print-shop"])


def box(page: pikepdf.Page, name: str) -> list[float]:
    return [round(float(v), 2) for v in page.obj[name]]


def test_a4_keeps_its_file_name_and_a4_pages(builds):
    built = builds["a4"]
    assert built.path.name == "mmn-newly-diagnosed.pdf"
    with pikepdf.open(built.path) as pdf:
        assert {tuple(box(p, "/MediaBox")) for p in pdf.pages} == {(0, 0, *A4)}


def test_a5_has_its_own_file_name_and_a5_pages(builds):
    built = builds["a5"]
    assert built.path.name == "mmn-newly-diagnosed-a5.pdf"
    with pikepdf.open(built.path) as pdf:
        assert {tuple(box(p, "/MediaBox")) for p in pdf.pages} == {(0, 0, *A5)}


@pytest.mark.parametrize("name", ["a4", "a5", "a5-ward"])
def test_reading_pdfs_stay_tagged_pdf_ua(builds, name):
    with pikepdf.open(builds[name].path) as pdf:
        assert "/StructTreeRoot" in pdf.Root
        assert str(pdf.Root.Lang) == "nl"
        assert b"pdfuaid" in pdf.Root.Metadata.read_bytes()


def test_print_shop_trims_to_a5_with_3mm_bleed_and_marks_outside_it(builds):
    built = builds["print-shop"]
    assert built.path.name == "mmn-newly-diagnosed-print-shop.pdf"
    bleed = round(3 * MM, 2)
    with pikepdf.open(built.path) as pdf:
        for page in pdf.pages:
            assert box(page, "/TrimBox") == [0, 0, *A5]
            assert box(page, "/BleedBox") == [-bleed, -bleed, A5[0] + bleed, A5[1] + bleed]
            media = box(page, "/MediaBox")
            # crop marks need room outside the bleed: at least 5 mm of slug on every side
            assert media[0] <= -8 * MM and media[2] >= A5[0] + 8 * MM


def test_print_shop_is_pdf_x4_with_a_cmyk_output_intent(builds):
    with pikepdf.open(builds["print-shop"].path) as pdf:
        intent, = pdf.Root.OutputIntents
        assert intent.S == "/GTS_PDFX"
        assert int(intent.DestOutputProfile.N) == 4
        assert str(intent.OutputConditionIdentifier)
        assert b"<pdfxid:GTS_PDFXVersion>PDF/X-4<" in pdf.Root.Metadata.read_bytes()


def _colour_operators(obj) -> set[str]:
    found = {str(op) for _, op in pikepdf.parse_content_stream(obj)}
    resources = obj.get("/Resources", pikepdf.Dictionary())
    for group in ("/XObject", "/Pattern"):
        for child in resources.get(group, pikepdf.Dictionary()).values():
            if child.get("/Subtype") != "/Image":
                found |= _colour_operators(child)
    return found & {"rg", "RG", "k", "K", "scn", "SCN", "sc", "SC", "g", "G"}


def test_print_shop_uses_no_rgb_colour(builds):
    with pikepdf.open(builds["print-shop"].path) as pdf:
        used = set().union(*(_colour_operators(page) for page in pdf.pages))
    assert not used & {"rg", "RG"}
    assert "scn" in used  # text and rules in the profile's CMYK


def test_print_shop_has_a_multiple_of_four_pages_for_saddle_stitching(builds):
    assert builds["print-shop"].pages % 4 == 0


def test_duplex_pads_to_an_even_count_before_the_back_page(builds):
    unpadded = page_texts(builds["a4-notes"].path)
    texts = page_texts(builds["a4-notes-duplex"].path)
    assert len(texts) % 2 == 0
    assert "Over deze folder" in texts[-1]  # the back page stays on the back of the sheet
    added = len(texts) - len(unpadded)
    assert added == len(unpadded) % 2
    notes = [i for i, t in enumerate(texts) if "Ruimte voor uw aantekeningen" in t]
    assert notes == list(range(len(texts) - 2 - added, len(texts) - 1))  # notes asked for: notes


def test_notes_page_appears_only_when_asked(builds):
    assert not any("Ruimte voor uw aantekeningen" in t for t in page_texts(builds["a5"].path))
    texts = page_texts(builds["a5-ward"].path)
    notes = [i for i, t in enumerate(texts) if "Ruimte voor uw aantekeningen" in t]
    assert notes == [len(texts) - 2]  # just before the back page


def test_contact_block_appears_only_with_a_profile(builds):
    assert not any("Vragen?" in t for t in page_texts(builds["a5"].path))
    back = page_texts(builds["a5-ward"].path)[-1]
    assert "Vragen?" in back and "+44 1632 960001" in back
    assert "Over deze folder" in back  # contact, QR and colophon share the back page


def test_blank_padding_pages_are_explained_never_empty(builds):
    for text in page_texts(builds["print-shop"].path):
        assert re.sub(r"pagina \d+ van \d+|Multifocale motorische neuropathie \(MMN\)", "",
                      text).strip()
