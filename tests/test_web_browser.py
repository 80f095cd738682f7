"""The nurse's and the editor's flows in a real browser (Debian's Chromium via Playwright),
checked by axe-core in both languages.

Needs /usr/bin/chromium (Debian package `chromium`; `.ci/run` installs it). Playwright's own
browser download does not work on these machines, so the system browser is launched.
"""

from __future__ import annotations

import io
import os
import threading
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from pdfminer.high_level import extract_text
from playwright.sync_api import sync_playwright

from leafletgen import build as builder
from leafletgen.web.app import create_app
from leafletgen.web.hold import Holds
from tests.test_web_hardening import BOUND, running

from helpers import make_project

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SECTIONS = {"intro": ("newly-diagnosed, treatment", "Tekst voor iedereen."),
            "therapie": ("treatment", "Alleen over behandeling.")}
OTHER = {"leaflets/other.yaml": "title: Andere folder\ntopic: other\nlanguage: nl\n"
         "publisher:\n  name: Testuitgever\nversion: \"1\"\npublished: 2026-01-10\n"
         "sections:\n  - tweede\n",
         "content/other/tweede.md": "---\ntitle: Tweede\naudiences: [treatment]\n---\nTwee.\n"}
WAIT = BOUND * 3000  # milliseconds Playwright waits for a page: a safety bound


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The app on a loopback port, serving a tiny project, for the module's tests."""
    root = make_project(tmp_path_factory.mktemp("site"), sections=SECTIONS)
    with running(create_app(root)) as port:
        yield f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM.exists(), "install Debian's chromium (apt-get install -y chromium)"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 800})
    yield context.new_page()
    context.close()


def made(page) -> None:
    """Wait (bounded) until the leaflet is made: the waiting page gives way by itself."""
    page.get_by_role("heading", name="De folder is klaar").wait_for(timeout=WAIT)


@pytest.mark.parametrize("width, height", [(1280, 800), (390, 844)])
def test_the_button_is_on_the_first_screen(site, page, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(site + "/")
    box = page.get_by_role("button", name="Folder maken").bounding_box()
    assert box["y"] + box["height"] <= height
    assert page.evaluate("window.scrollY") == 0


def test_nurse_picks_audience_and_format_and_downloads_the_pdf(site, page):
    page.goto(site + "/")
    page.get_by_label("Voor mensen die behandeld worden").check()
    page.get_by_text("Meer keuzes").click()
    page.get_by_label("A5-boekje").check()
    page.get_by_role("button", name="Folder maken").click()
    made(page)
    summary = " ".join(page.locator("dl.made").inner_text().split())
    assert "Voor mensen die behandeld worden" in summary and "A5-boekje" in summary
    with page.expect_download() as info:
        page.get_by_role("link", name="PDF downloaden").click()
    download = info.value
    assert download.suggested_filename == "demo-treatment-a5-booklet.pdf"
    text = " ".join(extract_text(io.BytesIO(Path(download.path()).read_bytes())).split())
    assert "Alleen over behandeling." in text and "Tekst voor iedereen." in text


def test_keyboard_alone_chooses_and_makes_the_leaflet(site, page):
    page.goto(site + "/")
    page.keyboard.press("Tab")
    while page.evaluate("document.activeElement.name") != "audience":
        assert page.evaluate("document.activeElement.tagName") == "A"  # the language links
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none"
        page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # the second audience the leaflet serves
    assert page.evaluate("document.activeElement.value") == "treatment"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "BUTTON"
    page.keyboard.press("Enter")
    made(page)
    assert "Voor mensen die behandeld worden" in page.locator("dl.made").inner_text()


def test_no_audience_gets_the_pages_own_message_with_focus_on_it(site, page):
    page.goto(site + "/?lang=en")
    page.get_by_role("button", name="Make the leaflet").click()
    page.wait_for_url("**/leaflet?*")
    message = "First choose an answer to ‘Who is the leaflet for?’."
    assert page.locator(".problem-summary").inner_text().strip().endswith(message)
    assert page.evaluate("document.activeElement.className") == "problem-summary"
    page.get_by_role("link", name=message).click()
    assert page.evaluate("document.activeElement.name") == "audience"


PAGES = ["/", "/leaflet?leaflet=demo&audience=treatment&format=a4&notes=no",
         "/leaflet?leaflet=demo&format=a4", "/leaflet?leaflet=nope&audience=treatment",
         "/errors", "/nope"]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_axe_core_finds_no_violations(site, page, path, lang):
    page.goto(site + path + ("&" if "?" in path else "?") + f"lang={lang}")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_axe_core_on_the_waiting_page(site, page, monkeypatch, lang):
    opened, real = threading.Event(), builder.write_leaflet

    def gated(*args):
        assert opened.wait(BOUND), "the test never opened the gate"
        return real(*args)

    monkeypatch.setattr(builder, "write_leaflet", gated)
    # The waiting page asks again at once and that request is held until the leaflet is
    # made; Playwright would wait for it, so it is cancelled: the page stays as it is.
    page.route("**/leaflet?*since=*", lambda route: route.abort("aborted"))
    try:
        fmt = {"nl": "a5", "en": "a4-large-print"}[lang]  # never built before: not cached
        page.goto(site + f"/leaflet?leaflet=demo&audience=newly-diagnosed&format={fmt}"
                  f"&notes=yes&lang={lang}")
        assert page.locator('p[role="status"]').count() == 1
        results = Axe().run(page)
        assert results.violations_count == 0, results.generate_report()
    finally:
        opened.set()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_axe_core_with_a_broken_leaflet(tmp_path, page, lang):
    root = make_project(tmp_path, OTHER, sections=SECTIONS)
    with running(create_app(root)) as port:
        site = f"http://127.0.0.1:{port}"
        page.goto(site + "/")  # the project loads once without errors
        manuscript = root / "content" / "other" / "tweede.md"
        manuscript.write_text(manuscript.read_text().replace("[treatment]", "[pre-op]"))
        os.utime(manuscript, ns=(manuscript.stat().st_atime_ns, manuscript.stat().st_mtime_ns + 10**9))
        for path in ("/", "/errors", "/leaflet?leaflet=other&audience=treatment"):
            page.goto(site + path + ("&" if "?" in path else "?") + f"lang={lang}")
            results = Axe().run(page)
            assert results.violations_count == 0, (path, results.generate_report())


def test_watched_preview_is_fetched_again_only_when_the_build_changed(tmp_path, page):
    root = make_project(tmp_path, sections=SECTIONS)
    app = create_app(root, watch=True, holds=Holds(seconds=0.3, poll=0.05))
    with running(app) as port:
        pdfs, asked = [], []
        page.on("request", lambda request: (pdfs if "/pdf/" in request.url else asked).append(
            request.url))
        # The result page asks again at once, held until the build changes: Playwright's
        # locators would wait for that, so this test follows the browser's requests.
        with page.expect_request(lambda request: "/pdf/" in request.url, timeout=WAIT):
            page.goto(f"http://127.0.0.1:{port}/leaflet?leaflet=demo&audience=treatment")
        build = pdfs[0].split("build=")[1]
        page.wait_for_timeout(1000)  # Chromium's PDF viewer fetches the file a second time
        shown, before = len(pdfs), len(asked)
        page.wait_for_timeout(2000)  # unchanged: the held request comes back, is sent again
        assert len(pdfs) == shown and any("hop=" in url for url in asked[before:])
        section = root / "content" / "demo" / "therapie.md"
        section.write_text(section.read_text().replace("Alleen", "Vooral"))
        os.utime(section, ns=(section.stat().st_atime_ns, section.stat().st_mtime_ns + 10**9))
        with page.expect_request(lambda request: "/pdf/" in request.url, timeout=WAIT) as new:
            pass
        assert build not in new.value.url and len(pdfs) > shown


def test_axe_core_does_report_a_page_with_faults(page):
    page.set_content('<html><body><img src="x.png"><input type="text"></body></html>')
    assert Axe().run(page).violations_count >= 2  # no lang, no alt, no label: axe is awake
