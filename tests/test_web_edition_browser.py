"""The web edition in Debian's Chromium (Playwright): axe-core's WCAG 2.2 AA rules at 1280
and 320 px in nl and en, reflow, a keyboard walk, a copy opened with the network off,
printing, and the MMN pages' text against their PDFs'.

Needs /usr/bin/chromium (Debian package `chromium`; `.ci/run` installs it)."""

from __future__ import annotations

import io
import re
import shutil
import unicodedata
from pathlib import Path

import pikepdf
import pypdf
import pytest
from axe_playwright_python.sync_playwright import Axe

from leafletgen.pdfread import element_texts, read_glyphs, role_of, walk_structure

from editionkit import bilingual_project, build
from mmn import AUDIENCES as MMN_AUDIENCES, titles_for
from projectkit import copy_mmn
from test_web_browser import browser  # noqa: F401 - the fixture: Debian's Chromium

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
THEME_DARK_PAPER = "rgb(18, 20, 23)"  # styles/theme.yaml dark_colours.paper, #121417
TEXT_SPACING = """* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
  word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }"""


@pytest.fixture(scope="module")
def mmn_site(tmp_path_factory):
    """MMN with the web edition, built with `build --all` (A4 and html, to keep it short)."""
    root = copy_mmn(tmp_path_factory.mktemp("mmn"))
    manifest = root / "leaflets/mmn.yaml"
    text = re.sub(r"(?m)^formats: .*$", "formats: [a4, html]", manifest.read_text("utf-8"))
    manifest.write_text(text.replace("large_print: true", "large_print: false"), "utf-8")
    result = build(root, root / "build", "--all")
    assert result.exit_code == 0, result.output
    return root / "build"


@pytest.fixture(scope="module")
def bilingual_site(tmp_path_factory):
    """A Dutch and an English leaflet, web pages only."""
    root = bilingual_project(tmp_path_factory.mktemp("bilingual"))
    result = build(root, root / "build", "--all", "--format", "html")
    assert result.exit_code == 0, result.output
    return root / "build"


def open_page(browser, path: Path, width: int = 1280, **context):
    page = browser.new_context(viewport={"width": width, "height": 900}, **context).new_page()
    page.goto(path.as_uri())
    return page


PAGES = [("mmn", "index.html")] + [("mmn", f"mmn/{a}/index.html") for a in MMN_AUDIENCES] + [
    ("bilingual", "index.html"), ("bilingual", "demo/treatment/index.html"),
    ("bilingual", "cats/newly-diagnosed/index.html")]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("site,page_path", PAGES)
def test_axe_core_finds_no_wcag_22_aa_violations(request, browser, site, page_path, width,
                                                scheme):
    out = request.getfixturevalue(f"{site}_site")
    # The page forbids scripts; axe is one, so this context lets it run.
    page = open_page(browser, out / "html" / page_path, width, color_scheme=scheme,
                     bypass_csp=True)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
    page.context.close()
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("site,page_path", PAGES)
def test_reflows_at_320_px_without_scrolling_sideways_even_with_wide_text_spacing(
        request, browser, site, page_path):
    out = request.getfixturevalue(f"{site}_site")
    page = open_page(browser, out / "html" / page_path, 320)  # 1280 px at 400 % zoom
    widths = "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    scroll, client = page.evaluate(widths)
    assert scroll <= client
    page.add_style_tag(content=TEXT_SPACING)  # WCAG 1.4.12: readers' own spacing
    scroll, client = page.evaluate(widths)
    page.context.close()
    assert scroll <= client


def test_keyboard_alone_reaches_every_link_with_a_visible_focus(browser, mmn_site):
    page = open_page(browser, mmn_site / "html/mmn/treatment/index.html")
    links = page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.href)")
    reached = []
    while len(reached) <= len(links) and "BODY" not in reached:  # BODY: past the last link
        page.keyboard.press("Tab")
        # Scrolling to the focused link may be smooth: wait until it is on screen.
        page.wait_for_function("""() => { const r = document.activeElement
            .getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; }""",
                               timeout=5000)
        focus = page.evaluate("""(() => { const e = document.activeElement;
            const s = getComputedStyle(e);
            return [e.href || e.tagName, s.outlineStyle, parseFloat(s.outlineWidth)]; })()""")
        reached.append(focus[0])
        assert focus[0] == "BODY" or (focus[1] != "none" and focus[2] >= 2), focus
    page.context.close()
    assert reached[0].endswith("#_main")  # the skip link comes first
    assert reached[-1] == "BODY" and sorted(reached[:-1]) == sorted(links)


def test_skip_link_moves_past_header_and_contents(browser, mmn_site):
    page = open_page(browser, mmn_site / "html/mmn/treatment/index.html")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    first_in_main = page.evaluate("document.activeElement.closest('main') !== null")
    page.context.close()
    assert first_in_main


def open_offline(browser, folder: Path, paths: list[str], check=lambda page: None):
    """Open pages of `folder` with the network off and every request outside the folder
    refused; return (requests made, requests that failed or were refused)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests, failed = [], []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
        folder.as_uri() + "/") else (failed.append(route.request.url), route.abort()))
    context.set_offline(True)
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    page.on("requestfailed", lambda request: failed.append(request.url))
    for path in paths:
        page.goto((folder / path).as_uri())
        page.evaluate("document.fonts.ready.then(() => true)")
        check(page)
    context.close()
    return requests, failed


def test_a_copy_of_the_folder_works_with_the_network_off(browser, mmn_site, tmp_path):
    copy = tmp_path / "usb-stick" / "folders"
    shutil.copytree(mmn_site / "html", copy)

    def check(page):
        faces = page.evaluate("[...document.fonts].map(face => face.status)")
        assert faces == ["loaded", "loaded"]
        assert page.evaluate("getComputedStyle(document.querySelector('.masthead'))"
                             ".backgroundColor") != "rgba(0, 0, 0, 0)"  # style.css applied
        for target in page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.href)"
                                    ".filter(h => h.startsWith('file:'))"):
            assert Path(target.split("#")[0].removeprefix("file://")).is_file(), target

    requests, failed = open_offline(browser, copy, ["index.html"] + [
        f"mmn/{a}/index.html" for a in MMN_AUDIENCES], check)
    assert failed == [] and len(requests) >= 4
    assert all(url.startswith(copy.as_uri()) for url in requests)


def test_the_offline_check_notices_a_missing_file_and_a_remote_one(browser, tmp_path):
    (tmp_path / "index.html").write_text(
        '<!DOCTYPE html><html lang="nl"><title>x</title><link rel="stylesheet" href="weg.css">'
        '<img alt="x" src="https://example.org/x.png"></html>', encoding="utf-8")
    _, failed = open_offline(browser, tmp_path, ["index.html"])
    assert sorted(set(failed)) == sorted([(tmp_path / "weg.css").as_uri(),
                                     "https://example.org/x.png"])


def test_ctrl_p_gives_the_text_on_a4_without_screen_only_parts(browser, mmn_site):
    page = open_page(browser, mmn_site / "html/mmn/treatment/index.html", color_scheme="dark")
    data = page.pdf(prefer_css_page_size=True)
    page.context.close()
    reader = pypdf.PdfReader(io.BytesIO(data))
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(width), round(height)) == (595, 842) and 2 <= len(reader.pages) <= 6
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert all(title in text for title in titles_for("treatment"))
    assert "Direct naar de tekst" not in text and "Deze folder als PDF" not in text


def test_reader_settings_for_motion_and_colour_are_followed(browser, mmn_site):
    path = mmn_site / "html/mmn/treatment/index.html"
    found = {}
    for motion, scheme in (("no-preference", "light"), ("reduce", "dark")):
        page = open_page(browser, path, reduced_motion=motion, color_scheme=scheme)
        found[motion] = page.evaluate("""[getComputedStyle(document.documentElement)
            .scrollBehavior, getComputedStyle(document.documentElement).backgroundColor]""")
        page.emulate_media(media="print")
        found[f"{motion} print"] = page.evaluate(
            "getComputedStyle(document.documentElement).backgroundColor")
        page.context.close()
    assert found["no-preference"][0] == "smooth" and found["reduce"][0] == "auto"
    assert found["reduce"][1] == THEME_DARK_PAPER
    assert found["reduce print"] == "rgb(255, 255, 255)"  # paper stays white


def squashed(text: str) -> str:
    """Return text without whitespace (line breaks differ on paper), ligatures unfolded."""
    return "".join(unicodedata.normalize("NFKC", text).split())


@pytest.mark.parametrize("audience", MMN_AUDIENCES)
def test_text_of_each_mmn_page_is_its_pdfs_text_in_the_same_order(browser, mmn_site,
                                                                   audience):
    data = (mmn_site / f"mmn-{audience}.pdf").read_bytes()
    glyphs = read_glyphs(data)
    pdf = squashed("".join(g.text for g in glyphs if not g.artifact))
    page = open_page(browser, mmn_site / f"html/mmn/{audience}/index.html")
    blocks = page.locator("header h1, header p:not(.masthead-link), main .section, "
                          "#_sources, #colophon").all_inner_texts()
    titles = page.locator("main .section h2").all_inner_texts()
    html = squashed(page.locator("body").inner_text())
    page.context.close()
    assert titles == titles_for(audience)
    # Every line of the page's text, cover to colophon, is in the PDF, in the same order...
    position = 0
    for line in (line for block in blocks for line in block.splitlines() if line.strip()):
        found = pdf.find(squashed(line), position)
        assert found >= 0, f"not in the PDF (after what matched so far): {line!r}"
        position = found + len(squashed(line))
    # ...and every heading, paragraph and list item the PDF tags is on the page.
    with pikepdf.open(io.BytesIO(data)) as document:
        elements = walk_structure(document)
        roles = [role_of(document, element.role) for element in elements]
    tagged = [text for role, text in zip(roles, element_texts(elements, glyphs))
              if role in ("H1", "H2", "H3", "P", "LBody") and text]
    assert len(tagged) > 10 and [t for t in tagged if squashed(t) not in html] == []
