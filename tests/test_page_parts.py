"""Running header, contents list, back page and its links, PDF title (issue 12), read back
from PDFs of small fixture leaflets."""

from __future__ import annotations

import io

import pikepdf
import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTTextBox, LTTextLine

from leafletgen.pdfread import element_texts, read_glyphs, walk_structure
from tests.pagekit import (LONG_TITLE, MM, SITE, WARD, build, nearest_edge_mm, page_chars,
                           page_project)


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    return tmp_path_factory.mktemp("parts")


@pytest.fixture(scope="module")
def long_a5(out):
    project = page_project(out / "long", title=LONG_TITLE)
    return build(project, out / "long-a5", format="a5")


@pytest.fixture(scope="module")
def short_a5(out):
    project = page_project(out / "short", title=LONG_TITLE, short_title="CIDP")
    return build(project, out / "short-a5", format="a5")


def furniture_lines(path, page: int) -> list[tuple[str, float, float]]:
    """Return (text, top, bottom) in mm from the paper's top of each artifact line at the
    top of a page (the running header)."""
    glyphs = [g for g in read_glyphs(path.read_bytes()) if g.page == page and g.artifact]
    lines: dict[float, str] = {}
    for glyph in glyphs:
        lines[round(glyph.y)] = lines.get(round(glyph.y), "") + glyph.text
    height = 595.28
    return [(text, (height - y) / MM, y) for y, text in sorted(lines.items(), reverse=True)
            if y > height / 2]


def test_long_title_wraps_in_the_header_from_10mm_down_and_pushes_the_text(long_a5):
    header = furniture_lines(long_a5.path, 1)
    assert "".join(t for t, _, _ in header).replace(" ", "") == LONG_TITLE.replace(" ", "")
    assert len(header) == 2
    assert min(top for _, top, _ in header) >= 10 + 12 / MM  # baseline below 10 mm + a line
    lowest_header = min(y for _, _, y in header)
    body = [g for g in read_glyphs(long_a5.path.read_bytes())
            if g.page == 1 and not g.artifact and g.text.strip()]
    assert max(g.y + g.size for g in body) < lowest_header - 2 * MM


def test_short_title_is_the_running_header_on_one_line(short_a5):
    header = furniture_lines(short_a5.path, 1)
    assert [t.strip() for t, _, _ in header] == ["CIDP"]
    with pikepdf.open(short_a5.path) as pdf:
        assert pdf.open_metadata()["dc:title"].startswith(LONG_TITLE)


def contents(built) -> list[str]:
    data = built.path.read_bytes()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        elements = walk_structure(pdf)
        return [t for e, t in zip(elements, element_texts(elements, read_glyphs(data)))
                if e.role == "TOCI"]


def test_contents_entries_read_as_title_then_page_number_apart(long_a5):
    entries = contents(long_a5)
    assert entries[0] == "Wat is het? pagina 2" and len(entries) == 6
    assert not any("?," in e or "..." in e or "…" in e for e in entries)
    page = page_chars(long_a5.path)[1]
    numbers = [c for c in page if c.get_text().isdigit() and c.size == 12]
    rights = {round(c.x1) for c in numbers if c.y0 > 300}
    titles_end = max(c.x1 for c in page if c.get_text() == "?" and c.y0 > 300)
    assert len(rights) == 1  # the numbers stand in one column, aligned right
    assert rights.pop() - titles_end > 20 * MM


def test_a_short_leaflet_has_no_contents_list(out):
    project = page_project(out / "brief", sections=2, length=4)
    assert contents(build(project, out / "brief-a4", format="a4")) == []


@pytest.fixture(scope="module")
def ward_a4(out):
    project = page_project(out / "ward", url="https://example.org/folders/test")
    return build(project, out / "ward-a4", format="a4", contact=WARD)


def glyph_size(path, word: str) -> float:
    """Return the font size of the last drawn occurrence of `word` (after the contents)."""
    glyphs = [g for g in read_glyphs(path.read_bytes()) if not g.artifact]
    text = "".join(g.text for g in glyphs)
    return glyphs[text.rindex(word)].size


def test_back_page_headings_look_alike_and_smaller_than_section_headings(ward_a4):
    sizes = {word: glyph_size(ward_a4.path, word)
             for word in ("Vragen?", "Bronnen", "Over deze folder", "Wie helpt u?")}
    assert sizes["Bronnen"] == sizes["Over deze folder"] == sizes["Vragen?"]
    assert sizes["Bronnen"] < sizes["Wie helpt u?"]


def test_contact_qr_sources_and_colophon_share_the_last_page(ward_a4):
    last = "".join(c.get_text() for c in page_chars(ward_a4.path)[-1])
    for words in ("Vragen?", "Deze folder staat ook online", "Bronnen", "Uitgave",
                  "Over deze folder", "Versie"):
        assert words.replace(" ", "") in last.replace(" ", "")


def link_annotations(path) -> dict[str, str]:
    with pikepdf.open(path) as pdf:
        return {str(a.A.URI): str(a.Contents) for page in pdf.pages
                for a in page.obj.get("/Annots", []) if "/A" in a and "/URI" in a.A}


def test_addresses_on_the_back_page_are_described_links(ward_a4):
    assert link_annotations(ward_a4.path) == {
        "mailto:polikliniek@example.org": "E-mail: polikliniek@example.org",
        "https://example.org/polikliniek": "Website: https://example.org/polikliniek",
        "https://example.org/folders/test":
            "Deze folder staat ook online: https://example.org/folders/test"}


def test_links_to_one_address_keep_their_own_descriptions(out):
    section = ("---\ntitle: Adres\naudiences: [treatment]\n---\n"
               f"Lees meer op [de testsite]({SITE}) of stuur [een bericht]"
               "(mailto:info@example.org).\n")
    project = page_project(out / "same-target", sections=1,
                           files={"content/demo/deel-1.md": section})
    built = build(project, out / "same-target-a4")
    with pikepdf.open(built.path) as pdf:
        found = {(str(a.A.URI), str(a.Contents)) for page in pdf.pages
                 for a in page.obj.get("/Annots", []) if "/A" in a and "/URI" in a.A}
    assert found == {(SITE, "de testsite"), (SITE, f"Website: {SITE}"),
                     ("mailto:info@example.org", "een bericht"),
                     ("mailto:info@example.org", "E-mail: info@example.org")}


def test_a_long_address_breaks_only_after_a_slash_or_a_dot(out):
    built = build(page_project(out / "site"), out / "site-a5", format="a5")
    assert link_annotations(built.path)[SITE] == f"Website: {SITE}"
    page = list(extract_pages(built.path, laparams=LAParams(all_texts=True)))[-1]
    lines = [" ".join(e.get_text().split()) for box in page
             if isinstance(box, LTTextBox) for e in box if isinstance(e, LTTextLine)]
    start = next(i for i, line in enumerate(lines) if "https://" in line)
    parts = [lines[start].split("Website: ")[-1]]
    while "".join(parts) != SITE:
        assert SITE.startswith("".join(parts))  # the address continues on the next line
        start += 1
        parts.append(lines[start])
    assert len(parts) > 1  # it did wrap
    assert all(part.endswith(("/", ".")) for part in parts[:-1])


def address_lines(path, address: str) -> list[str]:
    """Return the pieces of `address` on the lines it was printed on (it must be whole)."""
    for page in extract_pages(path, laparams=LAParams(all_texts=True)):
        lines = [" ".join(e.get_text().split()) for box in page
                 if isinstance(box, LTTextBox) for e in box if isinstance(e, LTTextLine)]
        for start, line in enumerate(lines):
            head = next((line[i:] for i in range(len(line)) if address.startswith(line[i:])
                         and len(line) - i >= 8), None)
            if head is None:
                continue
            parts = [head]
            while "".join(parts) != address and start + 1 < len(lines):
                start += 1
                rest = address[len("".join(parts)):]
                piece = lines[start].split(" ")[0]
                assert rest.startswith(piece), (parts, lines[start])
                parts.append(piece)
            return parts
    raise AssertionError(f"{address} is not printed whole")


@pytest.mark.parametrize("name, written", [
    ("bare", "Kijk op {a} voor meer."), ("autolink", "Kijk op <{a}> voor meer."),
    ("link-text", "Kijk op [{a}]({a}) voor meer.")])
def test_an_address_in_body_text_breaks_only_after_a_slash_or_a_dot(out, name, written):
    filler = "Dit is een zin met gewone woorden erin. " * 3
    section = ("---\ntitle: Adres\naudiences: [treatment]\n---\n"
               f"{filler}{written.format(a=SITE)} {filler}\n")
    project = page_project(out / f"body-{name}", sections=1, publisher_web=False,
                           files={"content/demo/deel-1.md": section})
    parts = address_lines(build(project, out / f"body-{name}-a5", format="a5").path, SITE)
    assert len(parts) > 1  # it did wrap
    assert all(part.endswith(("/", ".")) for part in parts[:-1]), parts


LONG_ADDRESS = ("https://www.example.org/nl/patientenfolders/multifocale-motorische-"
                "neuropathie-behandeling-met-immunoglobulinen-thuis")


@pytest.mark.parametrize("options", [dict(format="a5"), dict(format="a4", large_print=True)],
                         ids=["a5", "a4-large-print"])
def test_a_long_address_piece_breaks_before_a_hyphen_and_stays_on_the_page(out, options):
    filler = "Dit is een zin met gewone woorden erin. " * 3
    section = ("---\ntitle: Adres\naudiences: [treatment]\n---\n"
               f"{filler}Zie {LONG_ADDRESS} voor meer. {filler}\n")
    name = "-".join(str(v) for v in options.values())
    project = page_project(out / f"long-{name}", sections=1, publisher_web=False,
                           files={"content/demo/deel-1.md": section})
    built = build(project, out / f"long-{name}-out", **options)
    parts = address_lines(built.path, LONG_ADDRESS)
    assert len(parts) > 1
    assert not any(part.endswith("-") for part in parts[:-1]), parts  # never like a hyphen
    assert nearest_edge_mm(built.path) >= 10  # nothing runs off towards the edge


@pytest.mark.parametrize("audience, large, title", [
    ("pre-surgery", False, "Testfolder – Voor mensen die een operatie krijgen"),
    ("treatment", True, "Testfolder – Voor mensen die behandeld worden (grote letters)"),
])
def test_pdf_title_names_the_audience_in_words(out, audience, large, title):
    project = page_project(out / f"title-{audience}", sections=1, length=2)
    built = build(project, out / f"title-{audience}-pdf", audience=audience,
                  large_print=large)
    with pikepdf.open(built.path) as pdf:
        assert pdf.open_metadata()["dc:title"] == title
        assert str(pdf.docinfo.Title) == title
