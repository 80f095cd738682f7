"""Requests the cache can answer never wait for, or take, the render slot."""

from __future__ import annotations

import os

from starlette.testclient import TestClient

from leafletgen.web.app import create_app
from leafletgen.web.site import Site
from tests.projectkit import make_project

LOCAL = "http://localhost"  # the app answers only to this machine's names
ASK = {"leaflet": "demo", "audience": "treatment", "format": "a4", "notes": "no"}


def test_cached_pdf_is_served_without_entering_the_build(tmp_path, monkeypatch):
    root = make_project(tmp_path)
    with TestClient(create_app(root, first_wait=120), base_url=LOCAL) as web:
        first = web.get("/pdf", params=ASK)
        assert first.status_code == 200 and first.content.startswith(b"%PDF")

        def no_build(*args, **kwargs):
            raise AssertionError("a cached request reached the render slot")

        monkeypatch.setattr(Site, "build", no_build)
        again = web.get("/pdf", params=ASK)
        assert again.status_code == 200 and again.content == first.content


def test_changed_input_is_not_answered_from_the_cache(tmp_path, monkeypatch):
    root = make_project(tmp_path)
    with TestClient(create_app(root, first_wait=120), base_url=LOCAL) as web:
        web.get("/pdf", params=ASK)
        section = root / "content" / "demo" / "eerste.md"
        section.write_text(section.read_text(encoding="utf-8") + "\nNog een zin.\n",
                           encoding="utf-8")
        stat = section.stat()
        os.utime(section, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
        built = []
        original = Site.build
        monkeypatch.setattr(Site, "build", lambda self, *a: built.append(1) or original(self, *a))
        assert web.get("/pdf", params=ASK).status_code == 200
        assert built == [1]
