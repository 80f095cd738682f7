"""Each repair step, shown on a few lines of HTML: WeasyPrint's defect, then the repair."""

from __future__ import annotations

import io
import re

import pikepdf
import pytest

from leafletgen.errors import RenderError
from leafletgen.pdfcheck import check_pdf
from leafletgen.pdfread import element_texts, read_glyphs, walk_structure
from leafletgen.postprocess import Context, repair_pdf
from leafletgen.render import link_texts


def _finding(data: bytes, name: str):
    finding, = [f for f in check_pdf(data) if f.check == name]
    return finding


def _roles(data: bytes) -> list[str]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return [e.role for e in walk_structure(pdf)]


def test_margin_boxes_are_orphaned_by_weasyprint_and_artifacts_after_repair(render_inline):
    body = "<h1>Titel</h1>" + "<p>Tekst.</p>" * 2 + '<p style="break-before: page">Meer.</p>'
    raw = render_inline(body)
    assert not _finding(raw, "orphans").ok
    assert not _finding(raw, "furniture").ok
    repaired = repair_pdf(raw, Context())
    assert _finding(repaired, "orphans").ok
    assert _finding(repaired, "furniture").ok
    header = [g for g in read_glyphs(repaired) if g.text == "K"]
    assert len(header) == 2 and all(g.artifact and g.mcid is None for g in header)


def test_repair_keeps_every_tagged_text_in_the_tree(render_inline):
    raw = render_inline("<h1>Titel</h1><p>Een zin.</p>")
    repaired = repair_pdf(raw, Context())
    tagged = "".join(g.text for g in read_glyphs(repaired) if not g.artifact)
    assert tagged.replace(" ", "") == "TitelEenzin."
    assert _roles(repaired)[:3] == ["Document", "H1", "Span"]


def test_links_get_their_words_instead_of_the_anchor_id(render_inline):
    body = '<h1>Titel</h1><p><a href="#meer-info">Lees meer informatie</a></p><h2 id="meer-info">Meer</h2>'
    raw = render_inline(body)
    with pikepdf.open(io.BytesIO(raw)) as pdf:
        annot, = pdf.pages[0].Annots
        assert str(annot.Contents) == "meer-info"
    assert not _finding(raw, "links").ok
    html = f"<body>{body}</body>"
    repaired = repair_pdf(raw, Context(link_texts=link_texts(html)))
    with pikepdf.open(io.BytesIO(repaired)) as pdf:
        annot, = pdf.pages[0].Annots
        assert str(annot.Contents) == "Lees meer informatie"
    assert _finding(repaired, "links").ok


def test_decorative_image_renders_without_error_and_becomes_an_artifact(render_inline):
    body = '<h1>Titel</h1><div><img src="dot.png" alt="" role="presentation"></div><p>Na.</p>'
    raw = render_inline(body)
    assert "Figure" in _roles(raw)
    assert not _finding(raw, "figure-alt").ok
    repaired = repair_pdf(raw, Context())
    assert "Figure" not in _roles(repaired)
    assert _finding(repaired, "figure-alt").ok and _finding(repaired, "orphans").ok
    with pikepdf.open(io.BytesIO(repaired)) as pdf:
        ops = [(str(o[0]), dict(o[1]) if len(o) > 1 else {})
               for o, op in pikepdf.parse_content_stream(pdf.pages[0]) if str(op) == "BDC"]
    assert ("/Artifact", {"/Type": pikepdf.Name.Layout}) in ops


def test_image_with_alt_stays_a_figure_with_its_alt_text(render_inline):
    repaired = repair_pdf(render_inline('<h1>T</h1><img src="dot.png" alt="Een stip">'), Context())
    with pikepdf.open(io.BytesIO(repaired)) as pdf:
        figure, = [e for e in walk_structure(pdf) if e.role == "Figure"]
        assert str(figure.obj.Alt) == "Een stip"


def test_image_with_empty_alt_but_not_decorative_still_fails_the_render(render_inline):
    with pytest.raises(RenderError, match='Image "dot.png" has no required alt description'):
        render_inline('<h1>T</h1><img src="dot.png" alt="">')


def test_contents_list_is_a_list_from_weasyprint_and_a_toc_after_repair(render_inline):
    body = ('<h1>Titel</h1><ul class="contents-list" style="list-style: none">'
            '<li><a href="#een">Een</a></li><li><a href="#twee">Twee</a></li></ul>'
            '<h2 id="een">Een</h2><h2 id="twee">Twee</h2>')
    raw = render_inline(body)
    assert _roles(raw)[:6] == ["Document", "H1", "Span", "L", "LI", "LBody"]
    repaired = repair_pdf(raw, Context())
    assert _roles(repaired)[3:9] == ["TOC", "TOCI", "Reference", "Link", "TOCI", "Reference"]


def test_a_list_with_text_besides_links_stays_a_list(render_inline):
    body = ('<h1>Titel</h1><ul><li><a href="#een">Een</a></li><li>Gewone tekst</li></ul>'
            '<h2 id="een">Een</h2>')
    repaired = repair_pdf(render_inline(body), Context())
    assert "TOC" not in _roles(repaired) and "L" in _roles(repaired)


def test_lang_on_a_passage_gets_no_lang_in_weasyprint_70(render_inline):
    """Documents a WeasyPrint limit (docs/accessibility.md): passages keep the document
    language. If this fails, WeasyPrint learnt /Lang and the docs should say so."""
    raw = render_inline('<h1>Titel</h1><p>Dit is <span lang="en">in English</span>.</p>')
    with pikepdf.open(io.BytesIO(raw)) as pdf:
        assert [e.role for e in walk_structure(pdf) if "/Lang" in e.obj] == []
        assert str(pdf.Root.Lang) == "nl"


def _assert_one_section_with_one_paragraph(rendered, words: str) -> None:
    """Repair `rendered`; then it holds one Sect and one P, and the P reads `words`."""
    repaired = repair_pdf(rendered.data, Context(continued=rendered.continued))
    assert (_roles(repaired).count("Sect"), _roles(repaired).count("P")) == (1, 1)
    with pikepdf.open(io.BytesIO(repaired)) as pdf:
        elements = walk_structure(pdf)
        texts = element_texts(elements, read_glyphs(repaired))
        paragraph, = [t for e, t in zip(elements, texts) if e.role == "P"]
    assert paragraph.split() == words.split()
    assert _finding(repaired, "orphans").ok


def test_section_and_paragraph_split_by_a_page_break_are_joined_again(render_inline):
    words = " ".join(f"woord{n}" for n in range(120))
    body = f'<h1>Titel</h1><section><h2>Deel</h2><p>{words}</p></section>'
    rendered = render_inline(body, full=True)
    assert rendered.pages == 2 and rendered.continued == ((), ("section", "p"))
    assert _roles(rendered.data).count("Sect") == 2 and _roles(rendered.data).count("P") == 2
    _assert_one_section_with_one_paragraph(rendered, words)


def test_a_section_over_many_pages_is_joined_into_one_section_and_one_paragraph(render_inline):
    words = " ".join(f"woord{n}" for n in range(400))
    body = f'<h1>Titel</h1><section><h2>Deel</h2><p>{words}</p></section>'
    rendered = render_inline(body, full=True)
    assert rendered.pages == 6 and rendered.continued[1:] == (("section", "p"),) * 5
    _assert_one_section_with_one_paragraph(rendered, words)


def test_a_new_section_at_the_top_of_a_page_is_not_joined_to_the_one_before(render_inline):
    body = ('<h1>Titel</h1><section><h2>Een</h2><p>Tekst.</p></section>'
            '<section style="break-before: page"><h2>Twee</h2><p>Meer.</p></section>')
    rendered = render_inline(body, full=True)
    assert rendered.continued == ((), ())
    repaired = repair_pdf(rendered.data, Context(continued=rendered.continued))
    assert _roles(repaired).count("Sect") == 2


def _page_with(content: bytes):
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.pages[0].obj.Contents = pdf.make_stream(content)
    return pdf


def _marked(pdf) -> list[tuple[str, dict]]:
    return [(str(operands[0]), {k: str(v) for k, v in dict(operands[1]).items()})
            for operands, op in pikepdf.parse_content_stream(pdf.pages[0]) if str(op) == "BDC"]


@pytest.mark.parametrize("content", [
    b"/Span\n<</MCID 0>>\nBDC\nBT\nET\nEMC\n/P\n<</MCID 1>>\nBDC\nEMC",  # WeasyPrint's lines
    b"/Span << /MCID 0 >> BDC\nBT\nET\nEMC\n/P << /MCID 1 >> BDC\nEMC",  # pikepdf's
    b"/Span <</MCID 0 /ActualText (x)>> BDC\nEMC\n/P <</MCID 1>> BDC EMC",  # any other shape
])
def test_only_the_chosen_marked_content_becomes_an_artifact(content):
    from leafletgen.postprocess.content import mark_as_artifacts

    pdf = _page_with(content)
    mark_as_artifacts(pdf, pdf.pages[0], {0: pikepdf.Name.Pagination})
    assert _marked(pdf) == [("/Artifact", {"/Type": "/Pagination"}), ("/P", {"/MCID": "1"})]


def _with_xmp_document_id(document_id: str, pdf_id: bytes) -> pikepdf.Pdf:
    pdf = pikepdf.new()
    xmp = f'<x:xmpmeta><xmpMM:DocumentID>xmp.did:{document_id}</xmpMM:DocumentID></x:xmpmeta>'
    pdf.Root.Metadata = pdf.make_stream(xmp.encode())
    pdf.trailer.ID = pikepdf.Array([pikepdf.String(pdf_id), pikepdf.String(pdf_id)])
    return pdf


def test_print_files_get_an_xmp_document_id_made_from_the_pdf_id_not_a_random_one():
    import uuid

    from leafletgen.postprocess.xmp import fix_document_id

    randoms = [str(uuid.uuid4()) for _ in range(3)]
    pdfs = [_with_xmp_document_id(randoms[0], b"0" * 32),
            _with_xmp_document_id(randoms[1], b"0" * 32),
            _with_xmp_document_id(randoms[2], b"1" * 32)]
    for pdf in pdfs:
        fix_document_id(pdf, Context())
    first, again, other = (pdf.Root.Metadata.read_bytes() for pdf in pdfs)
    assert first == again != other
    fixed, = re.findall(rb"xmp\.did:([0-9a-f-]{36})<", first)
    assert str(uuid.UUID(fixed.decode())) not in randoms


def _figure_boxes(data: bytes) -> list[list[float]]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return [[float(v) for v in e.obj.A.BBox] for e in walk_structure(pdf)
                if e.role == "Figure"]


def _drawn_boxes(data: bytes) -> list[list[float]]:
    """Return where pdfminer finds the image and the SVG's square drawn, in points."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTCurve, LTImage

    found, stack = [], list(next(extract_pages(io.BytesIO(data))))
    while stack:
        item = stack.pop()
        if isinstance(item, LTImage) or (isinstance(item, LTCurve) and item.fill):
            found.append([item.x0, item.y0, item.x1, item.y1])
        elif hasattr(item, "__iter__"):
            stack.extend(item)
    return sorted(found, key=lambda box: -box[3])  # top first, as the Figures are


def test_figure_bbox_is_in_css_pixels_from_weasyprint_and_in_points_after_repair(render_inline):
    body = ('<h1>Titel</h1><img src="dot.png" alt="Een stip" style="display: block; '
            'width: 20mm; height: 20mm; margin-left: 30mm">'
            '<svg style="display: block; width: 15mm; height: 15mm" viewBox="0 0 10 10">'
            '<title>Een vierkant</title><rect width="10" height="10" fill="#000"/></svg>')
    raw = render_inline(body)
    drawn = _drawn_boxes(raw)
    assert len(drawn) == 2 and len(_figure_boxes(raw)) == 2

    def near(a, b):
        return all(abs(x - y) < 0.5 for x, y in zip(a, b))

    assert not any(near(box, where) for box, where in zip(_figure_boxes(raw), drawn))
    repaired = repair_pdf(raw, Context())
    assert all(near(box, where) for box, where in zip(_figure_boxes(repaired), drawn))


def test_a_wrapped_link_is_two_links_from_weasyprint_and_one_after_repair(render_inline):
    body = ('<h1>Titel</h1><p><a href="#doel">Een lange link die over twee regels loopt '
            'omdat de pagina smal is</a></p><h2 id="doel">Doel</h2>')
    raw = render_inline(body)
    assert _roles(raw).count("Link") == 2
    repaired = repair_pdf(raw, Context(link_texts=link_texts(body)))
    assert _roles(repaired).count("Link") == 1
    with pikepdf.open(io.BytesIO(repaired)) as pdf:
        link, = [e for e in walk_structure(pdf) if e.role == "Link"]
        objrs = [k for k in link.obj.K if isinstance(k, pikepdf.Dictionary)
                 and k.get("/Type") == "/OBJR"]
        assert len(objrs) == 2 and all(int(o.Obj.StructParent) >= 0 for o in objrs)
    assert _finding(repaired, "orphans").ok and _finding(repaired, "links").ok


def test_padding_pages_are_tagged_by_weasyprint_and_artifacts_after_repair(render_inline):
    body = ('<h1>Titel</h1><p>Tekst.</p>'
            '<div style="break-before: page"><p>Ruimte voor uw aantekeningen</p></div>')
    raw = render_inline(body)
    assert any(not g.artifact and g.page == 1 and g.text.strip() for g in read_glyphs(raw))
    repaired = repair_pdf(raw, Context(padding_pages=(1,)))
    assert all(g.artifact for g in read_glyphs(repaired) if g.page == 1 and g.text.strip())
    assert "Ruimte" not in "".join(g.text for g in read_glyphs(repaired) if not g.artifact)
    with pikepdf.open(io.BytesIO(repaired)) as pdf:
        second = pdf.pages[1].obj.objgen
        assert [e.role for e in walk_structure(pdf)
                if "/Pg" in e.obj and e.obj.Pg.objgen == second] == []
    assert _finding(repaired, "orphans").ok
