"""`leafletgen serve`: every route over HTTP, checked ids, content errors, cache, bounded renders."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from leafletgen import build as builder
from leafletgen.build import Built
from leafletgen.web.app import create_app
from leafletgen.web.server import exposure_warning
from tests.printing import FIXTURES, WARD
from tests.projectkit import REPO, make_project

ASK = {"leaflet": "demo", "audience": "treatment", "format": "a4", "notes": "no"}
BAD_SECTION = "---\ntitle: Eerste\naudiences: [pre-op]\n---\nDe kat zit op de mat.\n"


def project_with_contacts(root):
    make_project(root)
    contacts = root / "leaflets" / "contacts"
    contacts.mkdir()
    shutil.copy(WARD, contacts / "ward.yaml")
    shutil.copy(FIXTURES / "contact" / "bad_phone.yaml", contacts / "bad-phone.yaml")
    return root


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    root = project_with_contacts(tmp_path_factory.mktemp("web"))
    with TestClient(create_app(root)) as test_client:
        yield test_client


@pytest.fixture
def fresh(tmp_path):
    """A client on its own project, for tests that change files or count renders."""
    root = project_with_contacts(tmp_path)
    with TestClient(create_app(root), raise_server_exceptions=False) as test_client:
        yield root, test_client


@pytest.fixture
def fake_builds(monkeypatch):
    """Replace the renderer by a quick fake PDF writer; return the list of calls."""
    calls, active = [], {"now": 0, "most": 0}

    def fake(inputs):
        active["now"] += 1
        active["most"] = max(active["most"], active["now"])
        time.sleep(0.05)
        path = inputs.options.out_dir / inputs.name
        path.write_bytes(b"%PDF-1.7 fake")
        calls.append((inputs.leaflet_id, inputs.audience, inputs.options))
        active["now"] -= 1
        return Built(inputs.leaflet_id, inputs.audience, path, 1)

    monkeypatch.setattr(builder, "write_leaflet", fake)
    return calls, active


class Page(HTMLParser):
    """The parts of a page the accessibility checks need."""

    def __init__(self, html: str):
        super().__init__()
        self.tags, self.labels, self.inputs, self.stack = [], set(), [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "label":
            self.labels.add(attrs.get("for"))
        if tag in ("input", "select", "textarea"):
            self.inputs.append((attrs, "fieldset" in self.stack))
        elif tag not in ("meta", "link", "br"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            del self.stack[len(self.stack) - 1 - self.stack[::-1].index(tag):]


def test_form_offers_leaflets_audiences_formats_and_contact_profiles(client):
    page = client.get("/")
    assert page.status_code == 200
    assert 'value="demo"' in page.text and "Testfolder" in page.text
    for value in ("treatment", "a4-large-print", "a5-booklet", "ward", 'name="notes"'):
        assert value in page.text
    assert "Voorbeeldpolikliniek (testgegevens)" in page.text  # the profile's department


def test_page_language_follows_lang_and_falls_back_to_dutch(client):
    english = client.get("/?lang=en").text
    assert '<html lang="en">' in english and "<h1>Make a leaflet</h1>" in english
    assert '<html lang="nl">' in client.get("/?lang=xx").text


@pytest.mark.parametrize("path", ["/", "/?lang=en", "/leaflet?" + urlencode(ASK)])
def test_page_has_one_h1_labelled_controls_in_fieldsets_and_a_language(client, path):
    page = Page(client.get(path).text)
    assert [t for t, _ in page.tags].count("h1") == 1
    html_tag = next(attrs for tag, attrs in page.tags if tag == "html")
    assert html_tag["lang"] in ("nl", "en")
    for attrs, in_fieldset in page.inputs:
        assert attrs["id"] in page.labels and in_fieldset
    legends = [t for t, _ in page.tags].count("legend")
    assert legends == [t for t, _ in page.tags].count("fieldset")


def test_style_sheet_takes_colours_from_the_theme_and_shows_focus(client):
    css = client.get("/style.css")
    assert css.headers["content-type"].startswith("text/css")
    assert "--colour-accent: #0b4f6c;" in css.text
    assert ":focus-visible" in css.text
    assert "#" not in (REPO / "styles" / "web.css").read_text().split("*/", 1)[1]


def test_leaflet_page_links_and_previews_a_real_pdf(client):
    page = client.get("/leaflet", params=ASK)
    assert page.status_code == 200
    pdf_url = "/pdf?" + urlencode({"leaflet": "demo", "audience": "treatment", "format": "a4",
                                   "contact": "", "notes": "no", "lang": "nl"})
    assert f'<iframe class="preview" src="{pdf_url.replace("&", "&amp;")}"' in page.text
    pdf = client.get(pdf_url)
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.headers["content-disposition"] == 'inline; filename="demo-treatment.pdf"'
    assert pdf.content.startswith(b"%PDF")
    download = client.get(pdf_url + "&download=yes")
    assert download.headers["content-disposition"] == 'attachment; filename="demo-treatment.pdf"'
    assert download.content == pdf.content


def test_form_can_also_be_posted(client):
    page = client.post("/leaflet", data=ASK)
    assert page.status_code == 200 and "/pdf?" in page.text


def test_second_identical_request_is_served_from_the_cache(fresh, fake_builds):
    root, web = fresh
    calls, _ = fake_builds
    for _ in range(2):
        assert web.get("/leaflet", params=ASK).status_code == 200
    assert web.get("/pdf", params=ASK).content == b"%PDF-1.7 fake"
    assert len(calls) == 1
    assert calls[0][2].out_dir == root / "build" / "web" / "none-plain"


def test_choices_reach_the_build_as_options(fresh, fake_builds):
    root, web = fresh
    calls, _ = fake_builds
    ask = {**ASK, "format": "a4-large-print", "contact": "ward", "notes": "yes"}
    assert web.get("/leaflet", params=ask).status_code == 200
    options = calls[0][2]
    assert (options.format, options.large_print, options.notes) == ("a4", True, True)
    assert options.contact == root / "leaflets" / "contacts" / "ward.yaml"
    pdf = web.get("/pdf", params=ask)
    assert ('filename="demo-treatment-large-print-notes-ward.pdf"'
            in pdf.headers["content-disposition"])


def test_a_burst_of_requests_renders_one_at_a_time(fresh, fake_builds):
    _, web = fresh
    calls, active = fake_builds
    asks = [{**ASK, "audience": a, "format": f} for a in ("treatment", "pre-surgery")
            for f in ("a4", "a5", "a5-booklet")]
    statuses = []
    threads = [threading.Thread(target=lambda a=a: statuses.append(
        web.get("/pdf", params=a).status_code)) for a in asks]
    [thread.start() for thread in threads]
    [thread.join() for thread in threads]
    assert statuses == [200] * len(asks)
    assert len(calls) == len(asks) and active["most"] == 1


BAD = [
    ({"leaflet": "../../etc/passwd"}, 404, "leaflet"),
    ({"contact": "../../etc/passwd"}, 404, "contact"),
    ({"contact": "/etc/passwd"}, 404, "contact"),
    ({"leaflet": "nope"}, 404, "leaflet"),
    ({"audience": "pre-op"}, 400, "audience"),
    ({"format": "print-shop"}, 400, "format"),
    ({"format": "../a4"}, 400, "format"),
    ({"notes": "maybe"}, 400, "notes"),
    ({"leaflet": ""}, 400, "leaflet"),
    ({"audience": "x" * 101}, 400, "audience"),
    ({"x" * 101: "a"}, 400, "x" * 100),
]


@pytest.mark.parametrize("route", ["/leaflet", "/pdf"])
@pytest.mark.parametrize("change, status, field", BAD)
def test_bad_parameters_get_a_friendly_page_with_the_right_status(client, route, change,
                                                                  status, field):
    page = client.get(route, params={**ASK, **change})
    assert page.status_code == status
    assert page.headers["content-type"].startswith("text/html")
    assert f"bij &#39;{field}&#39;" in page.text and "Traceback" not in page.text


@pytest.mark.parametrize("query", [
    "leaflet=demo",  # no audience
    "audience=treatment",  # no leaflet
    "leaflet=demo&leaflet=demo&audience=treatment",  # repeated
    "&".join(f"p{i}=1" for i in range(13)) + "&leaflet=demo&audience=treatment",  # too many
])
def test_missing_repeated_or_too_many_parameters_are_a_400(client, query):
    assert client.get("/leaflet?" + query).status_code == 400


def test_audience_the_leaflet_does_not_serve_is_a_404(tmp_path):
    section = "---\ntitle: Eerste\naudiences: [treatment]\n---\nDe kat zit op de mat.\n"
    root = make_project(tmp_path, {"content/demo/eerste.md": section})
    with TestClient(create_app(root)) as web:
        assert web.get("/leaflet", params={**ASK, "audience": "pre-surgery"}).status_code == 404


def test_unknown_route_and_wrong_method_get_the_error_page(client):
    missing = client.get("/../../etc/passwd")
    assert missing.status_code == 404 and "<h1>Dat lukte niet</h1>" in missing.text
    assert client.post("/pdf", data=ASK).status_code == 405


def test_content_error_shows_file_line_and_field_then_clears_when_fixed(fresh, fake_builds):
    root, web = fresh
    calls, _ = fake_builds
    assert web.get("/").status_code == 200
    section = root / "content" / "demo" / "eerste.md"
    good = section.read_text(encoding="utf-8")
    section.write_text(BAD_SECTION, encoding="utf-8")
    for path in ("/", "/leaflet?" + urlencode(ASK), "/pdf?" + urlencode(ASK)):
        page = web.get(path)
        assert page.status_code == 422
        assert "content/demo/eerste.md:3</code>" in page.text
        assert '<code class="field">audience 1 of `audiences`</code>' in page.text
    assert calls == []  # no stale PDF, no build from broken content
    section.write_text(good, encoding="utf-8")
    stat = section.stat()
    os.utime(section, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert web.get("/leaflet", params=ASK).status_code == 200


def test_broken_contact_profile_is_a_422_with_file_and_line(client):
    page = client.get("/leaflet", params={**ASK, "contact": "bad-phone"})
    assert page.status_code == 422
    assert "bad-phone.yaml:3</code>" in page.text and "phone" in page.text


def test_internal_failure_is_a_500_page_without_traceback(fresh, monkeypatch):
    _, web = fresh

    def broken(*args, **kwargs):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(builder, "write_leaflet", broken)
    page = web.get("/leaflet", params=ASK)
    assert page.status_code == 500
    assert "Het maken van de folder is mislukt" in page.text
    assert "secret internal detail" not in page.text and "Traceback" not in page.text


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
def test_loopback_hosts_need_no_warning(host):
    assert exposure_warning(host) is None


def test_serve_on_a_network_address_warns_before_starting(monkeypatch):
    from leafletgen.cli import app
    from leafletgen.web import server

    started = []
    monkeypatch.setattr(server, "serve",
                        lambda project, host, port, watch: started.append((host, port, watch)))
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--port", "8123"])
    assert result.exit_code == 0
    assert "warning: serving on 0.0.0.0: other computers on the network" in result.output
    assert started == [("0.0.0.0", 8123, False)]


def test_serve_help_imports_no_web_or_render_libraries():
    probe = ("import json, sys\nfrom leafletgen.cli import app\ntry:\n    app(sys.argv[1:])\n"
             "except SystemExit:\n    pass\nprint(json.dumps(sorted(m for m in ('starlette', "
             "'uvicorn', 'weasyprint', 'anyio') if m in sys.modules)), file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", probe, "serve", "--help"], cwd=REPO,
                            capture_output=True, text=True, check=True)
    assert json.loads(result.stderr.strip().splitlines()[-1]) == []
