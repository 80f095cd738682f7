"""The catalogue page and the rules of the web edition that need no PDF: grouping and order,
the page address, hostile content, refused options, stale PDFs, template errors."""

from __future__ import annotations

import pytest

from leafletgen.build import load
from leafletgen.models import Leaflet
from leafletgen.published import page_url

from editionkit import (ENGLISH, FIRST, MANIFEST, bilingual_project, build, read_page,
                        web_project)


def html_only(project, out, *args):
    result = build(project, out, "--all", "--format", "html", *args)
    assert result.exit_code == 0, result.output
    return result


def test_catalogue_groups_by_language_and_sorts_titles_as_readers_do(tmp_path):
    second = MANIFEST.replace("title: Testfolder", "title: Één testfolder")
    third = MANIFEST.replace("title: Testfolder", "title: aardige testfolder")
    project = bilingual_project(tmp_path / "project")
    for name, text in (("een", second), ("aardig", third)):
        (project / f"leaflets/{name}.yaml").write_text(text, encoding="utf-8")
    html_only(project, tmp_path / "out")
    page = read_page(tmp_path / "out/html/index.html")
    titles = [t for t in ("aardige testfolder", "Één testfolder", "Testfolder",
                          "Test leaflet in English") if t in page.text]
    assert sorted(titles, key=page.text.index) == [
        "aardige testfolder", "Één testfolder", "Testfolder", "Test leaflet in English"]
    assert page.tags("html")[0]["lang"] == "nl"  # most leaflets are Dutch
    assert [group["lang"] for group in page.tags("section")] == ["nl", "en"]
    assert "Folders in het Nederlands" in page.text and "Leaflets in English" in page.text
    assert page.headings == [1, 2, 3, 3, 3, 2, 3]
    assert "For people who are being treated – Test leaflet in English" in page.text


def test_catalogue_lists_only_audiences_with_a_page(tmp_path):
    project = web_project(tmp_path / "project")
    result = build(project, tmp_path / "out", "--leaflet", "demo", "-a", "treatment",
                   "--format", "html")
    assert result.exit_code == 0, result.output
    links = [a["href"] for a in read_page(tmp_path / "out/html/index.html").tags("a")]
    assert links == ["#_main", "demo/treatment/index.html"]


def test_page_address_is_the_manifest_url_plus_leaflet_and_audience():
    data = {"id": "mmn", "title": "T", "topic": "mmn", "publisher": {"name": "P"},
            "version": "1", "published": "2026-01-01", "sections": ["a"],
            "url": "https://example.org/folders/"}
    published = Leaflet.model_validate({**data, "formats": ["a4", "html"]})
    assert page_url(published, "treatment") == "https://example.org/folders/mmn/treatment/"
    printed_only = Leaflet.model_validate(data)
    assert page_url(printed_only, "treatment") == "https://example.org/folders/"


def test_a_url_with_a_query_cannot_be_the_sites_base(tmp_path):
    project = web_project(tmp_path / "project", {"leaflets/demo.yaml": MANIFEST.replace(
        "url: https://example.org/folders", "url: https://example.org/?p=folders")})
    errors = [str(e) for e in load(project).errors]
    assert errors == ["leaflets/demo.yaml:18: url: with html in formats, url is the address "
                      "of the site where build/html/ is published, so each page's address can "
                      "be added to it; expected an address without '?' or '#'; got "
                      "'https://example.org/?p=folders'"]


HOSTILE = """\
---
title: 'Eerste"><script>alert(0)</script>'
audiences: [newly-diagnosed, pre-surgery, treatment]
---
<script>alert(1)</script> <img src="https://evil.example/x.png" onerror="alert(2)">
<style>body {display: none}</style> <iframe src="https://evil.example"></iframe>
"""


def test_hostile_content_stays_inert_text(tmp_path):
    project = web_project(tmp_path / "project", {"content/demo/eerste.md": HOSTILE})
    html_only(project, tmp_path / "out")
    source = (tmp_path / "out/html/demo/treatment/index.html").read_text(encoding="utf-8")
    page = read_page(tmp_path / "out/html/demo/treatment/index.html")
    assert not page.tags("script", "style", "iframe")
    assert page.tags("img") == [] and not [a for _, attrs in page.elements for a in attrs
                                           if a.startswith("on")]
    assert "evil.example" not in " ".join(str(v) for _, attrs in page.elements
                                          for v in attrs.values())
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in source  # shown as text
    assert 'Eerste&#34;&gt;&lt;script&gt;alert(0)&lt;/script&gt;' in source


def test_print_options_are_refused_for_the_web_edition(tmp_path):
    project = web_project(tmp_path / "project")
    result = build(project, tmp_path / "out", "--all", "--format", "html", "--large-print",
                   "--notes")
    assert result.exit_code == 2
    assert result.output == ("error: --format html makes one web page per audience, which "
                             "readers can enlarge and print themselves; leave out "
                             "--large-print, --notes\n")


def test_a_page_offers_no_pdf_that_is_missing_and_says_so(tmp_path):
    project = web_project(tmp_path / "project")
    result = html_only(project, tmp_path / "out")
    assert ("warning: html/demo/treatment/index.html: does not offer demo-treatment.pdf: not "
            "built from the current content; build the PDFs first (leafletgen build --all "
            "does)") in result.output
    page = read_page(tmp_path / "out/html/demo/treatment/index.html")
    assert not [a for a in page.tags("a") if a["href"].endswith(".pdf")]
    assert "Deze folder als PDF" not in page.text


def test_a_removed_image_leaves_the_page_folder(tmp_path):
    project = web_project(tmp_path / "project")
    html_only(project, tmp_path / "out")
    folder = tmp_path / "out/html/demo/treatment"
    assert (folder / "img/plaatjes/stip.png").is_file()
    section = project / "content/demo/eerste.md"
    text = section.read_text(encoding="utf-8")
    section.write_text(text.replace(text[text.index("images:"):text.index("---\nDe kat")], ""),
                       encoding="utf-8")
    html_only(project, tmp_path / "out")
    assert not (folder / "img").exists() and (folder / "index.html").is_file()


def test_pages_no_leaflet_makes_any_more_are_removed_and_a_broken_leaflets_stay(tmp_path):
    project = bilingual_project(tmp_path / "project")
    out = tmp_path / "out"
    html_only(project, out)
    site = out / "html"
    assert (site / "cats/newly-diagnosed/index.html").is_file()
    assert (site / "demo/pre-surgery/index.html").is_file()
    (site / "demo/notes.txt").write_text("not a page", encoding="utf-8")  # left alone
    own = site / "archief/treatment"  # shaped like a page, but not written by a build
    own.mkdir(parents=True)
    (own / "index.html").write_text("<p>eigen pagina</p>", encoding="utf-8")

    (project / "leaflets/cats.yaml").write_text(ENGLISH.replace("title: ", "titel: "),
                                                encoding="utf-8")  # broken for now
    assert build(project, out, "--all", "--format", "html").exit_code == 1
    assert (site / "cats/newly-diagnosed/index.html").is_file()  # kept until it is fixed

    (project / "leaflets/cats.yaml").unlink()  # the leaflet is gone
    eerste = project / "content/demo/eerste.md"  # and demo no longer serves pre-surgery
    eerste.write_text(FIRST.replace("newly-diagnosed, pre-surgery, treatment",
                                    "newly-diagnosed, treatment"), encoding="utf-8")
    html_only(project, out)
    assert not (site / "cats").exists()
    assert (own / "index.html").read_text(encoding="utf-8") == "<p>eigen pagina</p>"
    assert not (site / "demo/pre-surgery").exists()
    assert sorted(p.name for p in (site / "demo").iterdir()) == [
        "newly-diagnosed", "notes.txt", "treatment"]
    links = [a["href"] for a in read_page(site / "index.html").tags("a")]
    assert links == ["#_main", "demo/newly-diagnosed/index.html", "demo/treatment/index.html"]


def test_a_template_error_names_the_file_and_line(tmp_path):
    project = web_project(tmp_path / "project")
    (project / "templates/html/colophon.html.j2").write_text(
        "<section>\n{{ t.no_such_word }}\n</section>\n", encoding="utf-8")
    result = build(project, tmp_path / "out", "--leaflet", "demo", "-a", "treatment",
                   "--format", "html")
    assert result.exit_code == 1
    assert ("error: demo / treatment / html: templates/html/colophon.html.j2:2: template "
            "error:") in result.output


@pytest.mark.parametrize("language,words", [("en", "Skip to the text"),
                                            ("nl", "Direct naar de tekst")])
def test_page_speaks_the_leaflets_language(tmp_path, language, words):
    project = bilingual_project(tmp_path / "project")
    html_only(project, tmp_path / "out")
    leaflet = "cats" if language == "en" else "demo"
    page = read_page(tmp_path / f"out/html/{leaflet}/treatment/index.html")
    assert page.tags("html")[0]["lang"] == language and words in page.text


def test_the_start_up_memo_sees_pdfs_built_after_the_pages(tmp_path):
    from test_memo import run

    project, cache, out = web_project(tmp_path / "project"), tmp_path / "cache", tmp_path / "out"
    html = ("build", "--all", "--format", "html", "--out", str(out))
    assert "built 4" in run(project, cache, *html)[1]  # three pages, no PDF to offer yet
    assert run(project, cache, *html)[2] == []  # the same again: answered from the memo
    assert run(project, cache, "build", "--all", "--format", "a4", "--out", str(out))[0] == 0
    code, output, imported = run(project, cache, *html)  # the pages must offer the PDFs now
    assert code == 0 and "built 3, unchanged 1" in output and "jinja2" in imported
    assert "demo-treatment.pdf" in (out / "html/demo/treatment/index.html").read_text("utf-8")
