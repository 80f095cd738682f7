"""`leafletgen serve`: the form, the result page, the PDF, checked ids and their messages."""

from __future__ import annotations

import shutil
import threading
import time
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from starlette.testclient import TestClient

from leafletgen import build as builder
from leafletgen.build import Built
from leafletgen.web.app import create_app
from tests.printing import FIXTURES, WARD
from tests.projectkit import REPO, make_project

LOCAL = "http://localhost"  # the app answers only to this machine's names
PATIENT = 120.0  # seconds a request waits for its build: these tests want the result page
ASK = {"leaflet": "demo", "audience": "treatment", "format": "a4", "notes": "no"}


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
    with TestClient(create_app(root, first_wait=PATIENT), base_url=LOCAL) as test_client:
        yield test_client


@pytest.fixture
def fresh(tmp_path):
    """A client on its own project, for tests that change files or count renders."""
    root = project_with_contacts(tmp_path)
    with TestClient(create_app(root, first_wait=PATIENT), base_url=LOCAL,
                    raise_server_exceptions=False) as test_client:
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


def test_form_offers_audiences_formats_and_contact_profiles(client):
    page = client.get("/")
    assert page.status_code == 200
    assert '<input type="hidden" name="leaflet" value="demo">' in page.text  # the only one
    assert "Testfolder" in page.text
    for value in ("treatment", "a4-large-print", "a5-booklet", "ward", 'name="notes"'):
        assert value in page.text
    assert "Voorbeeldpolikliniek (testgegevens)" in page.text  # the profile's department


def test_common_path_is_audience_then_button_the_rest_folded_away(client):
    html = client.get("/").text
    audience, details = html.index('name="audience"'), html.index("<details")
    button = html.index('<button type="submit"')
    for name in ("format", "contact", "notes"):
        assert details < html.index(f'name="{name}"') < button
    assert audience < details and 'name="lang" value="nl"' in html  # no language choice
    assert 'type="radio" name="lang"' not in html


def test_page_language_follows_lang_and_an_unknown_one_is_a_400(client):
    english = client.get("/?lang=en").text
    assert '<html lang="en">' in english and "<h1>Make a leaflet</h1>" in english
    unknown = client.get("/?lang=xx")
    assert unknown.status_code == 400 and '<html lang="nl">' in unknown.text
    assert "Bij ‘Taal van deze pagina’ staat een keuze die het formulier niet aanbiedt" \
        in unknown.text


@pytest.mark.parametrize("path", ["/", "/?lang=en", "/leaflet?" + urlencode(ASK),
                                  "/leaflet?leaflet=demo", "/errors"])
def test_page_has_one_h1_labelled_controls_in_fieldsets_and_a_language(client, path):
    page = Page(client.get(path).text)
    assert [t for t, _ in page.tags].count("h1") == 1
    html_tag = next(attrs for tag, attrs in page.tags if tag == "html")
    assert html_tag["lang"] in ("nl", "en")
    for attrs, in_fieldset in page.inputs:
        if attrs.get("type") != "hidden":
            assert attrs["id"] in page.labels and in_fieldset
    legends = [t for t, _ in page.tags].count("legend")
    assert legends == [t for t, _ in page.tags].count("fieldset")


def test_style_sheet_takes_colours_from_the_theme_and_shows_focus(client):
    css = client.get("/style.css")
    assert css.headers["content-type"].startswith("text/css")
    assert "--colour-accent: #0b4f6c;" in css.text
    assert ":focus-visible" in css.text
    assert "#" not in (REPO / "styles" / "web.css").read_text().split("*/", 1)[1]


def test_result_page_says_what_was_made_and_previews_a_real_pdf(client):
    page = client.get("/leaflet", params={**ASK, "contact": "ward", "notes": "yes"})
    assert page.status_code == 200
    made = " ".join(page.text.split())
    for words in ("<dt>Voor wie</dt><dd>Voor mensen die behandeld worden</dd>",
                  "<dt>Formaat en letters</dt><dd>A4, gewone letters</dd>",
                  "<dt>Contactgegevens op de achterkant</dt><dd>Voorbeeldpolikliniek",
                  "<dt>Pagina voor aantekeningen</dt><dd>Ja</dd>",
                  "<dt>Bestand</dt><dd><code>demo-treatment-notes-ward.pdf</code></dd>"):
        assert words in made
    pages = made.split("<dt>Aantal pagina&#39;s</dt><dd>")[1].split("<")[0]
    assert int(pages) >= 2  # the leaflet and its notes page
    frame = made.split('<iframe class="preview" src="')[1].split('"')[0].replace("&amp;", "&")
    assert frame.startswith("/pdf/demo-treatment-notes-ward.pdf?")
    pdf = client.get(frame)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    name = "demo-treatment-notes-ward.pdf"
    assert pdf.headers["content-disposition"] == f'inline; filename="{name}"'
    download = client.get(frame + "&download=yes")
    assert download.headers["content-disposition"] == f'attachment; filename="{name}"'
    assert download.content == pdf.content


@pytest.mark.parametrize("change, name", [
    ({}, "demo-treatment.pdf"), ({"format": "a4-large-print"}, "demo-treatment-large-print.pdf"),
    ({"format": "a5"}, "demo-treatment-a5.pdf"), ({"notes": "yes"}, "demo-treatment-notes.pdf"),
    ({"format": "a5-booklet", "contact": "ward"}, "demo-treatment-a5-booklet-ward.pdf")])
def test_download_name_carries_the_variant_as_the_cli_names_it(fresh, fake_builds, change, name):
    _, web = fresh
    ask = {**ASK, **change}
    page = web.get("/leaflet", params=ask).text
    assert f'href="/pdf/{name}?' in page and f'download="{name}"' in page
    pdf = web.get(f"/pdf/{name}", params={**ask, "download": "yes"})
    assert pdf.headers["content-disposition"] == f'attachment; filename="{name}"'
    assert web.get("/pdf/other.pdf", params=ask).status_code == 404


def test_form_can_also_be_posted(client):
    page = client.post("/leaflet", data=ASK)
    assert page.status_code == 200 and "/pdf/demo-treatment.pdf?" in page.text


def test_second_identical_request_is_served_from_the_cache(fresh, fake_builds):
    root, web = fresh
    calls, _ = fake_builds
    for _ in range(2):
        assert web.get("/leaflet", params=ASK).status_code == 200
    assert web.get("/pdf", params=ASK).content == b"%PDF-1.7 fake"
    assert len(calls) == 1
    assert calls[0][2].out_dir == root / "build" / "web"


def test_choices_reach_the_build_as_options(fresh, fake_builds):
    root, web = fresh
    calls, _ = fake_builds
    ask = {**ASK, "format": "a4-large-print", "contact": "ward", "notes": "yes"}
    assert web.get("/leaflet", params=ask).status_code == 200
    options = calls[0][2]
    assert (options.format, options.large_print, options.notes) == ("a4", True, True)
    assert options.contact == root / "leaflets" / "contacts" / "ward.yaml"


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


LABEL = "‘Voor wie is de folder?’"
BAD = [  # (change, status, what the page says)
    ({"leaflet": "../../etc/passwd"}, 404, "De keuze bij ‘Welke folder?’ bestaat niet (meer)."),
    ({"contact": "../../etc/passwd"}, 404, "De keuze bij ‘Contactgegevens van uw afdeling"),
    ({"contact": "/etc/passwd"}, 404, "De keuze bij ‘Contactgegevens van uw afdeling"),
    ({"leaflet": "nope"}, 404, "De keuze bij ‘Welke folder?’ bestaat niet (meer)."),
    ({"audience": "pre-op"}, 400, f"Bij {LABEL} staat een keuze die het formulier niet"),
    ({"format": "print-shop"}, 400, "Bij ‘Formaat en letters’ staat een keuze die"),
    ({"format": "../a4"}, 400, "Bij ‘Formaat en letters’ staat een keuze die"),
    ({"notes": "maybe"}, 400, "Bij ‘Pagina voor aantekeningen’ staat een keuze die"),
    ({"audience": "x" * 101}, 400, f"De keuze bij {LABEL} is te lang."),
    ({"x" * 101: "a"}, 400, "Deze aanvraag bevat iets wat niet van het formulier komt."),
]


@pytest.mark.parametrize("route", ["/leaflet", "/pdf"])
@pytest.mark.parametrize("change, status, message", BAD)
def test_bad_parameters_get_the_right_message_in_the_forms_words(client, route, change,
                                                                 status, message):
    page = client.get(route, params={**ASK, **change})
    assert page.status_code == status
    assert page.headers["content-type"].startswith("text/html")
    assert message in page.text and "Traceback" not in page.text


@pytest.mark.parametrize("query, message", [
    ("leaflet=demo&leaflet=demo&audience=treatment",
     "Bij ‘Welke folder?’ is meer dan één keuze gestuurd."),
    ("&".join(f"p{i}=1" for i in range(13)) + "&leaflet=demo&audience=treatment",
     "Deze aanvraag stuurt te veel gegevens mee."),
    ("leaflet=demo&audience=treatment&lang=fr",
     "Bij ‘Taal van deze pagina’ staat een keuze die het formulier niet aanbiedt."),
])
def test_repeated_too_many_or_unknown_language_are_a_400_saying_so(client, query, message):
    page = client.get("/leaflet?" + query)
    assert page.status_code == 400 and message in page.text


@pytest.mark.parametrize("lang, message", [
    ("nl", "Kies eerst een antwoord bij ‘Voor wie is de folder?’."),
    ("en", "First choose an answer to ‘Who is the leaflet for?’.")])
def test_no_audience_shows_the_form_again_with_the_pages_own_message(client, lang, message):
    page = client.get("/leaflet", params={"leaflet": "demo", "format": "a5", "lang": lang})
    assert page.status_code == 400 and page.text.count(message) == 2  # summary and field
    assert '<a href="#audience-newly-diagnosed">' in page.text
    assert 'value="a5"\n      checked' in page.text or 'value="a5" checked' in page.text
    assert "<details open>" in page.text  # the format chosen stays in view


def test_audience_the_leaflet_does_not_serve_is_a_404_saying_so(tmp_path):
    section = "---\ntitle: Eerste\naudiences: [treatment]\n---\nDe kat zit op de mat.\n"
    root = make_project(tmp_path, {"content/demo/eerste.md": section})
    with TestClient(create_app(root, first_wait=PATIENT), base_url=LOCAL) as web:
        page = web.get("/leaflet", params={**ASK, "audience": "pre-surgery"})
        assert page.status_code == 404 and "Deze folder heeft geen tekst voor deze" in page.text
        assert 'value="pre-surgery"' not in web.get("/").text  # not offered either


def test_unknown_route_and_wrong_method_get_the_error_page_with_allow(client):
    missing = client.get("/../../etc/passwd")
    assert missing.status_code == 404 and "Deze pagina bestaat niet." in missing.text
    wrong = client.post("/pdf", data=ASK)
    assert wrong.status_code == 405 and set(wrong.headers["allow"].split(", ")) == {"GET", "HEAD"}
    assert "Deze pagina kan niet op deze manier worden geopend." in wrong.text


def test_internal_failure_is_a_500_page_without_traceback(fresh, monkeypatch):
    _, web = fresh

    def broken(*args, **kwargs):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(builder, "write_leaflet", broken)
    page = web.get("/leaflet", params=ASK)
    assert page.status_code == 500
    assert "Het maken van de folder is mislukt" in page.text
    assert "secret internal detail" not in page.text and "Traceback" not in page.text
