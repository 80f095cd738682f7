"""`leafletgen serve --watch`: the editor's preview reloads itself and follows file changes."""

from __future__ import annotations

import os
from urllib.parse import urlencode

from starlette.testclient import TestClient

from leafletgen.web.app import create_app
from tests.projectkit import make_project

REFRESH = '<meta http-equiv="refresh" content="3">'
ASK = {"leaflet": "demo", "audience": "treatment", "format": "a4", "notes": "no"}


def test_only_watch_mode_makes_result_and_error_pages_reload(tmp_path):
    root = make_project(tmp_path)
    with TestClient(create_app(root, watch=True)) as watching, \
            TestClient(create_app(root)) as plain:
        assert REFRESH in watching.get("/leaflet", params=ASK).text
        assert REFRESH in watching.get("/leaflet", params={**ASK, "leaflet": "nope"}).text
        assert REFRESH not in watching.get("/").text  # the nurse's form never reloads
        assert REFRESH not in plain.get("/leaflet", params=ASK).text


def test_watched_preview_is_rebuilt_after_an_edit_and_shows_errors(tmp_path):
    root = make_project(tmp_path)
    section = root / "content" / "demo" / "eerste.md"
    with TestClient(create_app(root, watch=True)) as web:
        first = web.get("/pdf", params=ASK).content
        section.write_text(section.read_text(encoding="utf-8").replace(
            "audiences: [", "audiences: [pre-op, "), encoding="utf-8")
        _touch(section)
        broken = web.get("/leaflet?" + urlencode(ASK))
        assert broken.status_code == 422 and "content/demo/eerste.md:3" in broken.text
        assert REFRESH in broken.text  # the editor sees the fix as soon as it is saved
        section.write_text(section.read_text(encoding="utf-8").replace("pre-op, ", "")
                           .replace("De kat", "De hond"), encoding="utf-8")
        _touch(section)
        assert web.get("/leaflet", params=ASK).status_code == 200
        assert web.get("/pdf", params=ASK).content != first


def _touch(path):
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
