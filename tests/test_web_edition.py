"""The HTML edition (issue 15): a self-contained page per audience and a catalogue page,
from the same inputs as the PDFs, read back from the files written."""

from __future__ import annotations

import io
import re
import shutil

import pypdf
import pypdfium2
import pytest
import zxingcpp

from leafletgen.build import BuildOptions, load
from leafletgen.inputs import resolve_inputs

from editionkit import URL, build, read_page, web_project
from pdftext import pdf_text

AUDIENCES = ("newly-diagnosed", "pre-surgery", "treatment")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The demo project built with `build --all` (a4 and html): (project, out folder)."""
    root = tmp_path_factory.mktemp("edition")
    project = web_project(root / "project")
    result = build(project, root / "out", "--all")
    assert result.exit_code == 0, result.output
    return project, root / "out"


def test_build_all_writes_a_folder_per_audience_and_the_catalogue(site):
    _, out = site
    for audience in AUDIENCES:
        folder = out / "html/demo" / audience
        assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                      if p.is_file()) == sorted([
            "index.html", "style.css", "fonts/AtkinsonHyperlegible-Regular.ttf",
            "fonts/AtkinsonHyperlegible-Bold.ttf", "fonts/LICENSE", "img/plaatjes/stip.png",
            f"demo-{audience}.pdf"])
        # The PDF beside the page is the one built, byte for byte.
        assert (folder / f"demo-{audience}.pdf").read_bytes() == (
            out / f"demo-{audience}.pdf").read_bytes()
    assert (out / "html/index.html").is_file() and (out / "html/style.css").is_file()


def test_page_holds_the_pdfs_sections_strings_colophon_and_sources(site):
    _, out = site
    page = read_page(out / "html/demo/treatment/index.html")
    assert page.tags("html")[0]["lang"] == "nl"
    for words in ["Testfolder", "Vragen en antwoorden", "Voor mensen die behandeld worden",
                  "Eerste", "De kat zit op de mat.", "Zit de kat nog op de mat?",
                  "Ja, nog steeds.", "Een bron zonder adres",
                  "Een bron met adres, https://example.org/bron", "Uitgave: Testvereniging",
                  "dr. A. Tester, testarts, Testziekenhuis", "Versie: 2",
                  "Verschenen: 10 januari 2026", "Laatst herzien: 10 januari 2026",
                  "Volgende herziening: 10 januari 2027"]:
        assert words in page.text
    other = read_page(out / "html/demo/pre-surgery/index.html")
    assert "Zit de kat nog op de mat?" not in other.text  # that section is for treatment


def test_page_is_accessible_by_construction(site):
    _, out = site
    page = read_page(out / "html/demo/treatment/index.html")
    assert page.headings.count(1) == 1 and page.headings[0] == 1
    assert all(b - a <= 1 for a, b in zip(page.headings, page.headings[1:]))
    for landmark in ("header", "nav", "main", "footer"):
        assert len(page.tags(landmark)) == 1, landmark
    first_link, = page.tags("a")[:1]
    assert first_link["href"] == "#_main" and page.tags("main")[0]["id"] == "_main"
    image, = page.tags("img")
    assert image == {"src": "img/plaatjes/stip.png", "alt": "Een blauwe stip op wit"}
    assert page.tags("meta", "title") and page.tags("meta")[1]["content"].startswith(
        "width=device-width")


def test_page_has_no_script_and_requests_nothing_outside_its_folder(site):
    _, out = site
    folder = out / "html/demo/treatment"
    page = read_page(folder / "index.html")
    assert not page.tags("script", "iframe", "object", "embed", "form", "base")
    assert not [a for _, attrs in page.elements for a in attrs if a.startswith("on")]
    loaded = [attrs["src"] for attrs in page.tags("img")] + [
        attrs["href"] for attrs in page.tags("link")]
    assert loaded and all((folder / address).is_file() for address in loaded)
    css = (folder / "style.css").read_text(encoding="utf-8")
    assert re.findall(r"url\(([^)]*)\)", css) == [
        '"fonts/AtkinsonHyperlegible-Regular.ttf"', '"fonts/AtkinsonHyperlegible-Bold.ttf"']
    assert "@import" not in css and "://" not in css


def test_page_offers_its_pdfs_with_size_and_page_count(site):
    _, out = site
    folder = out / "html/demo/treatment"
    page = read_page(folder / "index.html")
    pdf = folder / "demo-treatment.pdf"
    count = len(pypdf.PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    size = round(pdf.stat().st_size / 1000)
    pages = "1 pagina" if count == 1 else f"{count} pagina's"
    assert f"A4, gewone letters (PDF, {pages}, {size} kB)" in page.text
    assert [a["href"] for a in page.tags("a") if a["href"].endswith(".pdf")] == [
        "demo-treatment.pdf"]


def test_each_pdf_points_to_its_own_page_under_the_manifest_url(site):
    _, out = site
    for audience in AUDIENCES:
        assert f"{URL}/demo/{audience}/" in pdf_text(out / f"demo-{audience}.pdf")
    document = pypdfium2.PdfDocument(str(out / "demo-treatment.pdf"))
    code, = zxingcpp.read_barcodes(document[len(document) - 1].render(scale=3).to_pil())
    assert code.text == f"{URL}/demo/treatment/"


def test_catalogue_lists_the_leaflet_with_audiences_formats_and_review_date(site):
    _, out = site
    page = read_page(out / "html/index.html")
    assert page.headings == [1, 2]
    assert [a["href"] for a in page.tags("a")] == ["#_main"] + [
        f"demo/{audience}/index.html" for audience in AUDIENCES]
    for words in ["Testfolder", "Voor mensen bij wie de diagnose net is gesteld – Testfolder",
                  "Te lezen als webpagina A4, gewone letters",
                  "Laatst herzien 10 januari 2026"]:
        assert words in page.text


def test_second_build_changes_nothing_and_an_edit_rebuilds_only_what_uses_it(tmp_path):
    project, out = web_project(tmp_path / "project"), tmp_path / "out"
    assert build(project, out, "--all").exit_code == 0
    result = build(project, out, "--all")
    assert result.exit_code == 0 and "built 0, unchanged 7" in result.output, result.output
    questions = project / "content/demo/vragen.yaml"
    questions.write_text(questions.read_text(encoding="utf-8").replace("nog steeds", "altijd"),
                         encoding="utf-8")
    result = build(project, out, "--all")
    built = sorted(line.split()[1] for line in result.output.splitlines()
                   if line.startswith(f"built {out}"))
    assert built == [str(out / "demo-treatment.pdf"),
                     str(out / "html/demo/treatment/index.html")], result.output
    assert "Ja, altijd." in read_page(out / "html/demo/treatment/index.html").text


def test_same_input_same_bytes_in_another_folder(site, tmp_path):
    project, out = site
    again = tmp_path / "elsewhere"
    shutil.copytree(out, again)
    shutil.rmtree(again / "html")
    assert build(project, again, "--all").exit_code == 0
    first = {p.relative_to(out / "html"): p.read_bytes() for p in (out / "html").rglob("*")
             if p.is_file()}
    second = {p.relative_to(again / "html"): p.read_bytes()
              for p in (again / "html").rglob("*") if p.is_file()}
    assert first == second


def test_web_edition_templates_and_styles_do_not_change_a_pdfs_fingerprint(tmp_path):
    project = web_project(tmp_path / "project")
    options = BuildOptions(out_dir=tmp_path / "out")

    def fingerprint():
        return resolve_inputs(load(project), "demo", "treatment", options).fingerprint

    before = fingerprint()
    for name in ("templates/html/page.html.j2", "styles/web-edition.css"):
        with open(project / name, "a", encoding="utf-8") as handle:
            handle.write("\n{# anders #}\n" if name.endswith(".j2") else "\n/* anders */\n")
    assert fingerprint() == before
