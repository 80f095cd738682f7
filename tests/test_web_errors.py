"""Mistakes in content, templates and profiles: the nurse keeps the leaflets that work,
the editor gets file and line, nobody gets the machine's paths or a traceback."""

from __future__ import annotations

import os
import shutil

import pytest
from starlette.testclient import TestClient

from leafletgen.web.app import create_app
from tests.printing import FIXTURES
from tests.projectkit import make_project

LOCAL = "http://localhost"  # the app answers only to this machine's names
ASK = {"leaflet": "demo", "audience": "treatment", "format": "a4", "notes": "no"}
OTHER = {"leaflets/other.yaml": "title: Andere folder\ntopic: other\nlanguage: nl\n"
         "publisher:\n  name: Testuitgever\nversion: \"1\"\npublished: 2026-01-10\n"
         "sections:\n  - tweede\n",
         "content/other/tweede.md": "---\ntitle: Tweede\naudiences: [treatment]\n---\n"
                                    "Een tweede folder.\n"}


@pytest.fixture
def two(tmp_path):
    """A project with two leaflets (demo, other), served with patience for builds."""
    root = make_project(tmp_path, OTHER)
    with TestClient(create_app(root, first_wait=120), base_url=LOCAL,
                    raise_server_exceptions=False) as web:
        yield root, web


def test_one_broken_leaflet_leaves_the_others_on_offer(two):
    root, web = two
    assert 'value="other"' in web.get("/").text and 'value="demo"' in web.get("/").text
    _edit(root / "content" / "other" / "tweede.md", "[treatment]", "[pre-op]")
    form = web.get("/")
    assert form.status_code == 200
    assert '<input type="hidden" name="leaflet" value="demo">' in form.text  # the only one
    assert 'value="other"' not in form.text
    assert "Een bestand heeft aandacht van de redactie nodig." in form.text
    assert '<a href="/errors?lang=nl">Lijst voor de redactie</a>' in form.text
    assert web.get("/leaflet", params=ASK).status_code == 200  # still made
    blocked = web.get("/leaflet", params={**ASK, "leaflet": "other"})
    assert blocked.status_code == 422 and "Deze folder is nu niet te maken" in blocked.text
    assert "tweede.md" not in blocked.text  # the nurse gets the note, the editor the list
    listing = web.get("/errors")
    assert listing.status_code == 200
    assert "content/other/tweede.md:3</code>" in listing.text
    assert '<code class="field">audience 1 of `audiences`</code>' in listing.text


def test_a_leaflet_broken_before_the_start_does_not_stop_the_others(tmp_path):
    broken = {**OTHER, "content/other/tweede.md": OTHER["content/other/tweede.md"].replace(
        "[treatment]", "[pre-op]")}
    root = make_project(tmp_path, broken)
    with TestClient(create_app(root, first_wait=120), base_url=LOCAL) as web:
        form = web.get("/")
        assert form.status_code == 200 and 'name="leaflet" value="demo"' in form.text
        assert "Lijst voor de redactie" in form.text
        made = web.get("/leaflet", params=ASK)
        assert made.status_code == 200 and "De folder is klaar" in made.text
        assert web.get("/pdf", params=ASK).content.startswith(b"%PDF")


def test_an_error_no_leaflet_owns_stops_them_all_and_says_so(two):
    root, web = two
    _edit(root / "styles" / "theme.yaml", "ink: \"#1a1a1a\"", "ink: 12")
    form = web.get("/")
    assert form.status_code == 503 and "Er zijn nu geen folders te maken." in form.text
    assert 'name="audience"' not in form.text
    assert "styles/theme.yaml:" in web.get("/errors").text


def test_no_interface_words_at_all_is_said_in_plain_text(two):
    root, web = two
    for lang in ("nl", "en"):
        _edit(root / "templates" / "strings" / f"{lang}.yaml", "web:", "wob:")
    page = web.get("/")
    assert page.status_code == 500 and page.headers["content-type"].startswith("text/plain")
    assert "the interface words in templates/strings/ do not load" in page.text


def test_a_mistake_in_a_leaflet_template_names_its_file_and_line(two):
    root, web = two
    section = root / "templates" / "section.html.j2"
    lines = section.read_text(encoding="utf-8").splitlines()
    lines.insert(1, "{{ section.titel }}")
    section.write_text("\n".join(lines) + "\n", encoding="utf-8")
    page = web.get("/leaflet", params=ASK)
    assert page.status_code == 422
    assert "templates/section.html.j2:2: template error:" in page.text
    assert "titel" in page.text and '<ul class="errors" lang="en">' in page.text
    _edit(section, "{{ section.titel }}", "{% if %}")
    assert "templates/section.html.j2:2: template error:" in web.get("/leaflet", params={
        **ASK, "format": "a5"}).text


def test_a_mistake_in_a_page_template_names_its_file_and_line(two):
    root, web = two
    form = root / "templates" / "web" / "form.html.j2"
    _edit(form, "{% block main %}", "{% block main %}{% if %}")
    page = web.get("/")
    assert page.status_code == 500 and page.headers["content-type"].startswith("text/plain")
    assert page.text.startswith("templates/web/form.html.j2:")
    assert "template error" in page.text and str(root) not in page.text


def test_a_broken_contact_profile_is_named_inside_the_project(two):
    root, web = two
    (root / "leaflets" / "contacts").mkdir()
    shutil.copy(FIXTURES / "contact" / "bad_phone.yaml",
                root / "leaflets" / "contacts" / "bad-phone.yaml")
    page = web.get("/leaflet", params={**ASK, "contact": "bad-phone"})
    assert page.status_code == 422
    assert "De contactgegevens van deze afdeling kloppen niet." in page.text
    assert "<code class=\"where\">leaflets/contacts/bad-phone.yaml:3</code>" in page.text
    assert str(root) not in page.text and str(root.resolve()) not in page.text


@pytest.mark.parametrize("lang, marked", [("nl", True), ("en", False)])
def test_english_messages_are_marked_english_on_a_dutch_page(two, lang, marked):
    root, web = two
    _edit(root / "content" / "other" / "tweede.md", "[treatment]", "[pre-op]")
    listing = web.get("/errors", params={"lang": lang}).text
    problem = listing.split('<code class="field">audience 1 of `audiences`</code>')[1]
    assert problem.lstrip().startswith('<span lang="en">' if marked else "<span>")


def _edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    stat = path.stat()  # a new mtime even within the file system's clock resolution
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
