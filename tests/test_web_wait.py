"""A nurse whose leaflet is still being made sees so, and the page keeps answering."""

from __future__ import annotations

import html
import re
import threading

import pytest
from starlette.testclient import TestClient

from leafletgen import build as builder
from leafletgen.build import Built
from leafletgen.web import builds
from leafletgen.web.app import create_app
from leafletgen.web.hold import Holds
from tests.projectkit import make_project

LOCAL = "http://localhost"  # the app answers only to this machine's names
ASK = {"leaflet": "demo", "audience": "treatment", "format": "a4", "notes": "no"}
REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)">')
BOUND = 60.0  # seconds: a safety bound on joins, never a measurement


@pytest.fixture
def gate(monkeypatch):
    """Builds that wait for the gate to open, then write a fake PDF."""
    opened = threading.Event()

    def fake(inputs):
        assert opened.wait(BOUND), "the test never opened the gate"
        path = inputs.options.out_dir / inputs.name
        path.write_bytes(b"%PDF-1.7 fake")
        return Built(inputs.leaflet_id, inputs.audience, path, 3)

    monkeypatch.setattr(builder, "write_leaflet", fake)
    yield opened
    opened.set()


@pytest.fixture
def web(tmp_path):
    app = create_app(make_project(tmp_path), first_wait=0.1, holds=Holds(poll=0.05))
    with TestClient(app, base_url=LOCAL) as client:
        yield client


def refresh_url(page: str) -> str:
    return html.unescape(REFRESH.search(page).group(1))


def test_a_nurse_sees_her_leaflet_being_made_then_the_leaflet(web, gate):
    waiting = web.get("/leaflet", params=ASK)
    assert waiting.status_code == 202
    assert "<h1>Uw folder wordt gemaakt</h1>" in waiting.text
    assert '<p role="status">' in waiting.text
    assert "<dd>Voor mensen die behandeld worden</dd>" in waiting.text  # what is coming
    assert "since=waiting-0" in refresh_url(waiting.text)
    second = web.get("/leaflet", params={**ASK, "format": "a5"})
    assert "Eerst wordt nog 1 andere folder gemaakt." in second.text
    assert web.get("/").status_code == 200  # the form answers while builds wait
    answers = []
    held = threading.Thread(target=lambda: answers.append(web.get(refresh_url(waiting.text))))
    held.start()
    gate.set()
    held.join(timeout=BOUND)
    assert answers and answers[0].status_code == 200
    assert "<h1>De folder is klaar</h1>" in answers[0].text
    assert "<dt>Aantal pagina&#39;s</dt><dd>3</dd>" in answers[0].text


def test_the_same_leaflet_asked_twice_is_made_once(web, gate, monkeypatch):
    made = []
    original = builder.write_leaflet
    monkeypatch.setattr(builder, "write_leaflet", lambda *a: made.append(1) or original(*a))
    first, second = web.get("/leaflet", params=ASK), web.get("/leaflet", params=ASK)
    assert first.status_code == second.status_code == 202
    assert "Eerst wordt" not in second.text  # it waits for the first one's build
    gate.set()
    assert web.get("/pdf", params=ASK).content == b"%PDF-1.7 fake"
    assert made == [1]


def test_more_builds_than_the_queue_takes_are_told_to_come_back(tmp_path, gate, monkeypatch):
    monkeypatch.setattr(builds, "MAX_QUEUE", 2)
    with TestClient(create_app(make_project(tmp_path), first_wait=0.1),
                    base_url=LOCAL) as small:
        for fmt in ("a4", "a5"):
            assert small.get("/leaflet", params={**ASK, "format": fmt}).status_code == 202
        busy = small.get("/leaflet", params={**ASK, "format": "a5-booklet"})
        assert busy.status_code == 503 and busy.headers["retry-after"] == "30"
        assert "Het is nu te druk. Probeer het over een minuut opnieuw." in busy.text
