"""Every built MMN leaflet (each audience, normal and large print), read back from the PDF."""

from __future__ import annotations

import io
import re
from pathlib import Path

import page
import pikepdf
import pytest
from pdfminer.high_level import extract_text

from leafletgen import build as builder
from leafletgen.pdfcheck import check_pdf
from leafletgen.pdfread import element_texts, read_glyphs, walk_structure

import mmn

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = builder.load(ROOT)
LEAFLET = LIBRARY.leaflets["mmn"]
AUDIENCES = mmn.AUDIENCES
VARIANTS = [(a, large) for a in AUDIENCES for large in (False, True)]
MIN_SIZE = {False: 13.0, True: 18.0}  # clear print 12-14 pt; large print aims at 18 pt
# page's PDF/UA-1 rules that WeasyPrint 70 output may fail and we cannot repair: none.
ALLOWED_PAGE_RULES: set[str] = set()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[tuple[str, bool], Path]:
    out = tmp_path_factory.mktemp("leaflets")
    paths = {}
    for audience, large in VARIANTS:
        options = builder.BuildOptions(out_dir=out, large_print=large)
        paths[(audience, large)] = builder.build_leaflet(LIBRARY, "mmn", audience, options).path
    return paths


def _id(variant) -> str:
    return f"{variant[0]}{'-large-print' if variant[1] else ''}"


@pytest.fixture(params=VARIANTS, ids=_id)
def leaflet(request, built):
    audience, large = request.param
    path = built[(audience, large)]
    data = path.read_bytes()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        elements = walk_structure(pdf)
        glyphs = read_glyphs(data)
        yield {"audience": audience, "large": large, "path": path, "data": data, "pdf": pdf,
               "elements": elements, "glyphs": glyphs,
               "texts": element_texts(elements, glyphs)}


def test_every_pdf_passes_every_check(leaflet):
    findings = check_pdf(leaflet["data"], expected_lang="nl",
                         min_body_pt=MIN_SIZE[leaflet["large"]])
    assert [str(f) for f in findings if not f.ok] == []
    assert len(findings) == 12


def test_large_print_file_name_ends_in_large_print(leaflet):
    assert leaflet["path"].name.endswith("-large-print.pdf") == leaflet["large"]


def test_document_is_tagged_pdf_ua_with_title_and_language(leaflet):
    pdf = leaflet["pdf"]
    assert bool(pdf.Root.MarkInfo.Marked) is True
    assert str(pdf.Root.Lang) == "nl"
    assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True
    meta = pdf.open_metadata()
    words = {"newly-diagnosed": "Voor mensen bij wie de diagnose net is gesteld",
             "pre-surgery": "Voor mensen die een operatie krijgen",
             "treatment": "Voor mensen die behandeld worden"}[leaflet["audience"]]
    large = " (grote letters)" if leaflet["large"] else ""
    assert meta["dc:title"] == f"Multifocale motorische neuropathie (MMN) – {words}{large}"
    assert meta["pdfuaid:part"] == "1"


def test_headings_are_one_h1_then_h2_sections_and_h3_questions(leaflet):
    headings = [(e.role, t) for e, t in zip(leaflet["elements"], leaflet["texts"])
                if re.fullmatch(r"H\d", e.role)]
    sections = mmn.sections_for(LIBRARY, leaflet["audience"])
    assert headings[0] == ("H1", LEAFLET.title)
    h2 = [t for role, t in headings if role == "H2"]
    assert [t for t in h2 if t not in ("Inhoud", "Bronnen", "Over deze folder")] == \
        mmn.titles_for(leaflet["audience"])
    questions = [q.question for s in sections for q in s.questions]
    assert [t for role, t in headings if role == "H3"] == questions


def has_contents(leaflet) -> bool:
    return "TOC" in [e.role for e in leaflet["elements"]]


def test_contents_is_a_toc_of_links_in_section_order(leaflet):
    pairs = list(zip(leaflet["elements"], leaflet["texts"]))
    toc_items = [t for e, t in pairs if e.role == "TOCI"]
    sections = mmn.sections_for(LIBRARY, leaflet["audience"])
    if not has_contents(leaflet):  # a short leaflet (test_build.py: only where it helps)
        assert toc_items == [] and "Inhoud" not in leaflet["texts"]
        return
    # the page number stands apart: no "?," between title and number, no leader dots
    assert [re.sub(r" pagina \d+$", "", t) for t in toc_items] == [s.title for s in sections]
    assert [e.role for e, _ in pairs].count("TOC") == 1


def test_links_are_described_by_their_words_one_link_per_entry(leaflet):
    sections = mmn.sections_for(LIBRARY, leaflet["audience"])
    titles = [s.title for s in sections] if has_contents(leaflet) else []
    described = [str(annot.Contents) for p in leaflet["pdf"].pages
                 for annot in p.obj.get("/Annots", []) if "/StructParent" in annot]
    # an entry that wraps has an annotation per line, in one Link element
    assert [d for i, d in enumerate(described) if not i or d != described[i - 1]] == titles
    assert [e.role for e in leaflet["elements"]].count("Link") == len(titles)


def test_page_numbers_and_running_header_are_artifacts_at_body_size(leaflet):
    furniture = [g for g in leaflet["glyphs"] if g.artifact and g.text.strip()]
    pages = len(leaflet["pdf"].pages)
    text = "".join(g.text for g in furniture)
    # A4 without --duplex or --notes: the back matter follows the text, so only the cover
    # goes without (back covers: test_page_matrix.py)
    numbered = pages - 1
    assert text.count("pagina") == numbered
    assert text.count(LEAFLET.title.replace(" ", "")) == numbered
    assert {g.size for g in furniture} == {MIN_SIZE[leaflet["large"]]}
    body = [g.size for g in leaflet["glyphs"] if not g.artifact and g.text.strip()]
    assert min(body) == MIN_SIZE[leaflet["large"]]


def test_extracted_text_is_in_reading_order_without_hyphenation(leaflet):
    text = extract_text(io.BytesIO(leaflet["data"]))
    assert "\u00ad" not in text and "\u2010" not in text
    sections = mmn.sections_for(LIBRARY, leaflet["audience"])
    assert not re.search(r"[a-z]-\n[a-z]", text)  # no word split over two lines
    flat = " ".join(text.split())
    body = flat.split(sections[0].title, 2)[-1]  # after the contents list
    positions = [body.find(s.title) for s in sections[1:]]
    assert -1 not in positions and positions == sorted(positions)


def test_page_validation_pdf_ua_1_profile_passes(leaflet):
    report = page.validate_pdf(leaflet["path"], profile=page.ValidationProfile.PDF_UA_1)
    assert report.rules.total > 50
    assert {f.rule_id for f in report.failures} <= ALLOWED_PAGE_RULES
    assert report.is_compliant


def test_large_print_has_the_same_structure_as_normal_print(built):
    for audience in AUDIENCES:
        outlines = []
        for large in (False, True):
            data = built[(audience, large)].read_bytes()
            with pikepdf.open(io.BytesIO(data)) as pdf:
                elements = walk_structure(pdf)
                texts = element_texts(elements, read_glyphs(data))
            # the contents list comes only where it helps, so it may differ in length
            outlines.append([(e.role, t) for e, t in zip(elements, texts)
                             if e.role in ("H1", "H2", "H3", "Figure", "LI") and t != "Inhoud"])
        assert outlines[0] == outlines[1]


def test_bookmarks_follow_the_headings(leaflet):
    headings = [t for e, t in zip(leaflet["elements"], leaflet["texts"])
                if re.fullmatch(r"H\d", e.role)]
    titles = []
    with leaflet["pdf"].open_outline() as outline:
        stack = list(reversed(outline.root))
        while stack:
            item = stack.pop()
            titles.append(" ".join(item.title.split()))
            stack.extend(reversed(item.children))
    assert titles == headings


def test_every_section_is_one_element_that_starts_with_its_heading(leaflet):
    sections = mmn.sections_for(LIBRARY, leaflet["audience"])
    elements = leaflet["elements"]
    starts = [elements[i + 1].role for i, e in enumerate(elements) if e.role == "Sect"]
    assert starts == ["H2"] * (len(sections) + 2)  # the sections, sources and colophon
