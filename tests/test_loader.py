"""Loading and validating content: every bad input gives one clear message with file and line."""

from pathlib import Path

import pytest

from leafletgen.build import load
from leafletgen.errors import ContentErrors

from helpers import load_errors, REPO, demo_sections, make_project


def errors_for(tmp_path: Path, files: dict[str, str]) -> list[str]:
    make_project(tmp_path, files, sections=demo_sections())
    info = load_errors(tmp_path)
    return [str(e) for e in info.errors]


def test_real_mmn_content_loads_with_every_section_of_the_manifest():
    library = load(REPO)
    leaflet = library.leaflets["mmn"]
    assert leaflet.language == "nl"
    assert sorted(leaflet.sections) == sorted(library.sections["mmn"])
    assert [p.organisation for p in leaflet.advisers] == ["Erasmus MC", "UMC Utrecht"]


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    assert errors_for(tmp_path, {"content/demo/intro.md": """\
        ---
        title: [unclosed
        audiences: [treatment]
        ---
        Tekst.
        """}) == ["content/demo/intro.md:2: YAML syntax error: a list opened with '[' is not "
                  "closed with ']' (on line 3: did not find expected ',' or ']')"]


def test_wrong_types_are_reported_together_with_lines(tmp_path):
    assert errors_for(tmp_path, {"content/demo/intro.md": """\
        ---
        title: [Intro, 42]
        audiences: treatment
        ---
        Tekst.
        """}) == [
        "content/demo/intro.md:2: title: expected text; got a list",
        "content/demo/intro.md:3: audiences: expected a list (lines starting with '- '); "
        "got 'treatment'",
    ]


def test_unknown_field_is_rejected_and_lists_the_known_ones(tmp_path):
    assert errors_for(tmp_path, {"content/demo/intro.md": """\
        ---
        title: Intro
        audiences: [treatment]
        colour: red
        ---
        Tekst.
        """}) == ["content/demo/intro.md:4: colour: unknown field; the fields here are: "
                  "title, audiences, body, questions, images, reviewed"]


def test_missing_required_field_points_at_the_header(tmp_path):
    assert errors_for(tmp_path, {"content/demo/intro.md": """\
        ---
        audiences: [treatment]
        ---
        Tekst.
        """}) == ["content/demo/intro.md:2: title: this required field is missing"]


def test_unknown_audience_lists_the_valid_ones(tmp_path):
    assert errors_for(tmp_path, {"content/demo/intro.md": """\
        ---
        title: Intro
        audiences:
          - treatment
          - pre-op
        ---
        Tekst.
        """}) == ["content/demo/intro.md:5: audience 2 of `audiences`: expected one of newly-diagnosed, "
                  "pre-surgery, treatment; got 'pre-op'"]


def test_manifest_naming_a_missing_section_gives_its_line(tmp_path):
    make_project(tmp_path, sections=demo_sections())
    manifest = tmp_path / "leaflets/demo.yaml"
    manifest.write_text(manifest.read_text() + "  - bestaat-niet\n")
    info = load_errors(tmp_path)
    assert [str(e) for e in info.errors] == [
        "leaflets/demo.yaml:12: section 4 of `sections`: no section 'bestaat-niet' in content/demo/; "
        "sections found: intro, operatie, therapie"]


def test_every_manifest_problem_is_reported_in_one_pass(tmp_path):
    assert errors_for(tmp_path, {"leaflets/demo.yaml": """\
        title: T
        topic: demo
        language: fr
        publisher:
          naam: X
        version: 1
        published: 31-01-2026
        sections: []
        """}) == [
        "leaflets/demo.yaml:3: language: expected one of nl, en; got 'fr'",
        "leaflets/demo.yaml:5: publisher.naam: unknown field; did you mean `name`?",
        "leaflets/demo.yaml:7: published: expected a date written as YYYY-MM-DD; got '31-01-2026'",
        "leaflets/demo.yaml:8: sections: needs at least one entry",
    ]


def test_question_without_answer_is_reported_per_item(tmp_path):
    assert errors_for(tmp_path, {"content/demo/vragen.yaml": """\
        title: Vragen
        audiences: [treatment]
        questions:
          - question: Waarom?
          - answer: Daarom.
        """}) == [
        "content/demo/vragen.yaml:4: `answer` of question 1: this required field is missing",
        "content/demo/vragen.yaml:5: `question` of question 2: this required field is missing",
    ]


def test_image_without_alt_text_fails_naming_the_image(tmp_path):
    assert errors_for(tmp_path, {"content/demo/foto.md": """\
        ---
        title: Foto
        audiences: [treatment]
        images:
          - src: zenuw.png
        ---
        Tekst.
        """}) == ["content/demo/foto.md:5: `alt` of image 1: image 'zenuw.png' needs alt text "
                  "(alt: ...) or 'decorative: true'"]


def test_section_without_header_is_explained(tmp_path):
    assert errors_for(tmp_path, {"content/demo/kaal.md": "Alleen tekst.\n"}) == [
        "content/demo/kaal.md:1: a section file starts with a '---' line, then its YAML header"]


def test_yaml_aliases_are_refused(tmp_path):
    assert errors_for(tmp_path, {"content/demo/bom.yaml": "a: &x [1, 2]\nb: *x\n"}) == [
        "content/demo/bom.yaml:2: YAML aliases (*name) are not allowed in content"]


def test_number_as_version_is_read_as_text(tmp_path):
    make_project(tmp_path, sections=demo_sections())
    manifest = tmp_path / "leaflets/demo.yaml"
    manifest.write_text(manifest.read_text().replace('version: "1"', "version: 2.1"))
    assert load(tmp_path).leaflets["demo"].version == "2.1"


def test_impossible_dates_name_field_and_line_instead_of_crashing(tmp_path):
    assert errors_for(tmp_path, {"content/demo/intro.md": """\
        ---
        title: Intro
        audiences: [treatment]
        reviewed: 2026-02-30
        ---
        Tekst.
        """}) == ["content/demo/intro.md:4: reviewed: '2026-02-30' is not a date in the "
                  "calendar (check day and month)"]
