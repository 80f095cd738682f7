"""End to end: the real MMN content to one PDF per audience, read back from the file."""

import re

import pikepdf
import pytest

from leafletgen.build import BuildOptions, build_leaflet, build_targets, load
from leafletgen.pdfread import element_texts, read_glyphs, walk_structure

import mmn
from helpers import REPO
from pdftext import pdf_text
from printing import page_texts

AUDIENCES = ("newly-diagnosed", "pre-surgery", "treatment")


@pytest.fixture(scope="module")
def library():
    return load(REPO)


@pytest.fixture(scope="module")
def built(library, tmp_path_factory):
    out = tmp_path_factory.mktemp("build")
    return {a: build_leaflet(library, "mmn", a, BuildOptions(out_dir=out)) for a in AUDIENCES}


@pytest.mark.parametrize("audience", AUDIENCES)
def test_pdf_holds_exactly_the_audiences_sections(library, built, audience):
    text = pdf_text(built[audience].path)
    chosen = set(mmn.SECTIONS[audience])
    for section in library.sections["mmn"].values():
        plain = (section.body or section.questions[0].answer).replace("**", "")
        first_words = " ".join(plain.split()[:8])
        if section.id in chosen:
            assert section.title in text and first_words in text, section.id
        else:
            assert first_words not in text, section.id


@pytest.mark.parametrize("audience", AUDIENCES)
def test_cover_names_the_audience_in_words_and_colophon_the_advisers(built, audience):
    text = pdf_text(built[audience].path)
    words = {"newly-diagnosed": "Voor mensen bij wie de diagnose net is gesteld",
             "pre-surgery": "Voor mensen die een operatie krijgen",
             "treatment": "Voor mensen die behandeld worden"}[audience]
    assert words in text
    assert "prof.dr. P.A. van Doorn, neuroloog, Erasmus MC" in text
    assert "dr. R.M. van den Berg, neuroloog, UMC Utrecht" in text
    assert "Versie: 1.0" in text


def test_page_numbers_say_pagina_x_van_y_except_on_the_cover(built):
    texts = page_texts(built["newly-diagnosed"].path)
    pages = len(texts)
    numbers = [re.findall(r"pagina (\d+) van (\d+)", text) for text in texts]
    assert numbers[0] == []  # an A4 handout's back matter follows the text: numbered
    for index in range(1, pages):
        assert numbers[index] == [(str(index + 1), str(pages))]


def test_mmn_has_a_contents_list_only_when_its_sections_start_on_three_pages(built):
    for audience, leaflet in built.items():
        data = leaflet.path.read_bytes()
        titles = set(mmn.titles_for(audience))
        with pikepdf.open(leaflet.path) as pdf:
            pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
            elements = walk_structure(pdf)
            texts = element_texts(elements, read_glyphs(data))
            starts = {pages[e.obj.Pg.objgen] for e, text in zip(elements, texts)
                      if e.role == "H2" and text in titles}
        assert ("TOC" in [e.role for e in elements]) == (len(starts) >= 3), audience


def test_a4_portrait_with_document_language_and_title(built):
    with pikepdf.open(built["treatment"].path) as pdf:
        assert [round(float(v)) for v in pdf.pages[0].MediaBox] == [0, 0, 595, 842]
        assert str(pdf.Root.Lang) == "nl"
        assert pdf.open_metadata()["dc:title"] == ("Multifocale motorische neuropathie (MMN) – "
                                                   "Voor mensen die behandeld worden")


def test_build_all_covers_every_audience_with_sections(library):
    assert build_targets(library, "mmn") == [("mmn", a) for a in AUDIENCES]


def test_every_source_sentence_reaches_some_leaflet(built):
    source = REPO.parent / "shared/source/mmn-vragen-en-antwoorden.txt"
    assert source.exists(), (f"{source} is missing: clone leafletgen next to shared/, as CI "
                             "does, so the leaflets can be checked against their source")
    texts = " ".join(pdf_text(b.path) for b in built.values())
    medical = source.read_text(encoding="utf-8").split("Spierziekten en corona")[0]
    sentences = _sentences(medical)
    assert len(sentences) >= 30  # the source's medical part, not an empty or cut file
    for sentence in sentences:
        assert sentence in texts, sentence


def _sentences(text: str) -> list[str]:
    """Sentences of the source's medical part, with the known one-word edits applied."""
    text = "\n".join(line for line in text.splitlines() if not line.startswith("Adviseurs:"))
    text = " ".join(text.split()).replace("verlies op van myeline op", "verlies van myeline op")
    text = text.replace(". het gevolg", ". Het gevolg")
    parts = [p.strip() for p in text.replace("Vragen en antwoorden", ". ").split(". ")]
    return [p.rstrip(".") for p in parts if len(p.split()) > 3 and not p.startswith("Adviseurs")]
