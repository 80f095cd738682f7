"""The nurse's flow in a real browser (Debian's Chromium via Playwright), checked by axe-core.

Needs /usr/bin/chromium (Debian package `chromium`; `.ci/run` installs it). Playwright's own
browser download does not work on these machines, so the system browser is launched.
"""

from __future__ import annotations

import io
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn
from axe_playwright_python.sync_playwright import Axe
from pdfminer.high_level import extract_text
from playwright.sync_api import sync_playwright

from leafletgen.web.app import create_app

from helpers import make_project

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The app on a loopback port, serving a tiny project, for the module's tests."""
    root = make_project(tmp_path_factory.mktemp("site"), sections={
        "intro": ("newly-diagnosed, treatment", "Tekst voor iedereen."),
        "therapie": ("treatment", "Alleen over behandeling."),
    })
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(root), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert time.monotonic() < deadline, "the web app did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page():
    assert CHROMIUM.exists(), "install Debian's chromium (apt-get install -y chromium)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        context = browser.new_context(accept_downloads=True)
        yield context.new_page()
        browser.close()


def test_nurse_picks_audience_and_format_and_downloads_the_pdf(site, page):
    page.goto(site + "/")
    page.get_by_label("Voor mensen die behandeld worden").check()
    page.get_by_role("button").click()
    page.wait_for_url("**/leaflet?*")
    assert page.locator("h1").count() == 1
    with page.expect_download() as info:
        page.get_by_role("link", name="Downloaden").first.click()
    download = info.value
    assert download.suggested_filename == "demo-treatment.pdf"
    text = " ".join(extract_text(io.BytesIO(Path(download.path()).read_bytes())).split())
    assert "Alleen over behandeling." in text and "Tekst voor iedereen." in text


def test_keyboard_alone_reaches_every_choice_with_a_visible_focus(site, page):
    page.goto(site + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.tagName")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert focused in ("INPUT", "A", "BUTTON") and outline != "none"


@pytest.mark.parametrize("path", ["/", "/?lang=en", "/leaflet?leaflet=demo&audience=treatment"
                                  "&format=a4&notes=no", "/leaflet?leaflet=nope"])
def test_axe_core_finds_no_violations(site, page, path):
    page.goto(site + path)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_axe_core_does_report_a_page_with_faults(page):
    page.set_content('<html><body><img src="x.png"><input type="text"></body></html>')
    assert Axe().run(page).violations_count >= 2  # no lang, no alt, no label: axe is awake
