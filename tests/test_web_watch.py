"""`leafletgen serve --watch`: pages ask again at once, and are answered only on a change."""

from __future__ import annotations

import html
import os
import re
import threading

from starlette.testclient import TestClient

from leafletgen.web.app import create_app
from leafletgen.web.hold import Holds
from tests.projectkit import make_project

LOCAL = "http://localhost"  # the app answers only to this machine's names
ASK = {"leaflet": "demo", "audience": "treatment", "format": "a4", "notes": "no"}
REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)">')
FRAME = re.compile(r'<iframe class="preview" src="([^"]+)"')


def refresh_url(page: str) -> str | None:
    found = REFRESH.search(page)
    return html.unescape(found.group(1)) if found else None


def frame_url(page: str) -> str:
    return html.unescape(FRAME.search(page).group(1))


def settle(web: TestClient, response, limit: int = 20):
    """Follow the pages that say the leaflet is being made (each a held request)."""
    for _ in range(limit):
        if response.status_code != 202:
            return response
        response = web.get(refresh_url(response.text))
    raise AssertionError("the leaflet was still being made")


def watching(root, **holds) -> TestClient:
    app = create_app(root, watch=True, first_wait=120, holds=Holds(**holds))
    return TestClient(app, base_url=LOCAL, follow_redirects=False)


def test_only_watch_mode_makes_result_and_error_pages_follow_changes(tmp_path):
    root = make_project(tmp_path)
    with watching(root) as web, \
            TestClient(create_app(root, first_wait=120), base_url=LOCAL) as plain:
        result = web.get("/leaflet", params=ASK).text
        assert "since=" in refresh_url(result)  # at once (0 s): axe allows no timed refresh
        assert "Deze pagina volgt de bestanden." in result
        assert refresh_url(web.get("/leaflet", params={**ASK, "leaflet": "nope"}).text)
        assert refresh_url(web.get("/").text) is None  # the nurse's form never reloads
        assert refresh_url(plain.get("/leaflet", params=ASK).text) is None


def test_an_unchanged_build_is_not_sent_again(tmp_path):
    root = make_project(tmp_path)
    with watching(root, seconds=0.3, poll=0.05) as web:
        first = web.get("/leaflet", params=ASK).text
        held = web.get(refresh_url(first))
        # Nothing changed while the request was held: no page, the browser asks again.
        assert held.status_code == 307 and "hop=1" in held.headers["location"]
        again = web.get(held.headers["location"])
        assert again.status_code == 307 and "hop=2" in again.headers["location"]
        pdf = web.get(frame_url(first))  # names its build: the browser may keep it
        assert pdf.headers["cache-control"] == "private, max-age=86400"


def test_an_edit_answers_the_held_page_with_the_new_build(tmp_path):
    root = make_project(tmp_path)
    section = root / "content" / "demo" / "eerste.md"
    with watching(root, seconds=60, poll=0.05) as web:
        first = web.get("/leaflet", params=ASK).text
        before = web.get(frame_url(first)).content
        answers = []
        held = threading.Thread(target=lambda: answers.append(web.get(refresh_url(first))))
        held.start()
        _edit(section, "De kat", "De hond")
        held.join(timeout=120)
        assert answers, "the held request was not answered after the edit"
        second = settle(web, answers[0])
        assert second.status_code == 200 and frame_url(second.text) != frame_url(first)
        assert web.get(frame_url(second.text)).content != before


def test_a_content_error_shows_its_list_then_the_fixed_leaflet(tmp_path):
    root = make_project(tmp_path)
    section = root / "content" / "demo" / "eerste.md"
    with watching(root, seconds=60, poll=0.05) as web:
        web.get("/leaflet", params=ASK)
        _edit(section, "audiences: [", "audiences: [pre-op, ")
        broken = web.get("/leaflet", params=ASK)
        assert broken.status_code == 422 and "content/demo/eerste.md:3</code>" in broken.text
        assert '<code class="field">audience 1 of `audiences`</code>' in broken.text  # for the editor
        _edit(section, "pre-op, ", "")
        fixed = settle(web, web.get(refresh_url(broken.text)))
        assert fixed.status_code == 200 and "De folder is klaar" in fixed.text


def _edit(path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    stat = path.stat()  # a new mtime even within the file system's clock resolution
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
