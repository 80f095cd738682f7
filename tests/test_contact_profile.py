"""The ward's contact profile: validated like content, shown as "Vragen?" on the back page."""

from __future__ import annotations

import datetime as dt

import pytest
from typer.testing import CliRunner

from leafletgen.cli import app
from leafletgen.errors import ContentErrors, LeafletError
from leafletgen.loader import load_contact
from leafletgen.models import Leaflet, Publisher, Section
from leafletgen.inputs import read_templates
from leafletgen.render import Page, render_html
from tests.printing import FIXTURES, ROOT, WARD

BAD_PHONE = FIXTURES / "contact" / "bad_phone.yaml"


def write(tmp_path, text: str):
    path = tmp_path / "contact.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_contact_profile_loads_every_field():
    profile = load_contact(WARD)
    assert profile.phone == "+44 1632 960001"
    assert profile.website == "https://example.org/polikliniek"


def test_bad_phone_number_names_file_line_and_field():
    with pytest.raises(ContentErrors) as caught:
        load_contact(BAD_PHONE)
    assert str(caught.value) == (
        f"{BAD_PHONE.as_posix()}:3: phone: expected a phone number: digits, spaces, +, - "
        "and ( ), with 8 to 15 digits; got 'bel 1632-96O001'")


@pytest.mark.parametrize("phone", ['"123 45"', '"+44 1632 960001 1234 5678"'])
def test_phone_number_needs_8_to_15_digits(tmp_path, phone):
    path = write(tmp_path, f"department: Poli\nphone: {phone}\nopening_hours: ma-vr\n")
    with pytest.raises(ContentErrors, match=r"contact.yaml:2: phone: .*8 to 15 digits"):
        load_contact(path)


@pytest.mark.parametrize("phone", ["0201234567", "+31201234567", "0031 20 123 4567"])
def test_phone_number_without_quotes_keeps_its_leading_zero_and_plus(tmp_path, phone):
    # YAML reads 0201234567 as the number 201234567; the loader keeps the text as written.
    path = write(tmp_path, f"department: Poli\nphone: {phone}\nopening_hours: ma-vr\n")
    assert load_contact(path).phone == phone


def test_every_problem_in_a_profile_is_reported_together(tmp_path):
    path = write(tmp_path, "department: Poli\nphone: 'abc'\nemail: nobody\nfax: 1\n")
    with pytest.raises(ContentErrors) as caught:
        load_contact(path)
    fields = [(e.line, e.field) for e in caught.value.errors]
    assert fields == [(1, "opening_hours"), (2, "phone"), (3, "email"), (4, "fax")]


def test_missing_profile_is_a_plain_error(tmp_path):
    with pytest.raises(ContentErrors) as caught:
        load_contact(tmp_path / "nope.yaml")
    assert str(caught.value) == f"{(tmp_path / 'nope.yaml').as_posix()}: no such file"


def test_cli_reports_a_bad_profile_without_a_traceback():
    result = CliRunner().invoke(app, ["build", "-a", "newly-diagnosed", "--project", str(ROOT),
                                      "--format", "a5", "--contact", str(BAD_PHONE)])
    assert result.exit_code == 1
    assert "phone: expected a phone number" in result.output
    assert "Traceback" not in result.output


def _html(publisher: Publisher, contact=None) -> str:
    from leafletgen.loader import load_library
    from leafletgen.project import Project
    library = load_library(Project(ROOT))
    leaflet = Leaflet(id="t", title="T", topic="mmn", publisher=publisher, version="1",
                      published=dt.date(2026, 1, 1), sections=["s"])
    section = Section(id="s", title="S", audiences=["treatment"], body="Tekst.")
    page = Page(leaflet, [section], "treatment", library.strings["nl"], contact=contact)
    return render_html(read_templates(ROOT), page)


def test_without_a_profile_the_publishers_own_contact_is_shown():
    html = _html(Publisher(name="Vereniging", email="info@example.org"))
    assert "Vragen?" in html and "info@example.org" in html


def test_without_any_contact_details_there_is_no_contact_block():
    assert "Vragen?" not in _html(Publisher(name="Vereniging"))


def test_a_profile_replaces_the_publishers_contact():
    html = _html(Publisher(name="Vereniging", email="info@example.org"), load_contact(WARD))
    assert "+44 1632 960001" in html and "info@example.org" not in html
