"""Messages an editor understands: plain words, positions counted from 1, the right line."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from leafletgen.cli import app
from leafletgen.fonts import FALLBACK_FAMILY, drawable_characters
from leafletgen.report import check_project
from helpers import load_errors
from projectkit import MANIFEST, REPO, SECTION, make_project

TODAY = dt.date(2026, 6, 1)


def errors_for(tmp_path, files) -> list[str]:
    make_project(tmp_path, files)
    return [str(e) for e in load_errors(tmp_path).errors]


def test_a_tab_says_so_on_its_line(tmp_path):
    manifest = MANIFEST.replace("  name: Testuitgever", "\tname: Testuitgever")
    assert errors_for(tmp_path, {"leaflets/demo.yaml": manifest}) == [
        "leaflets/demo.yaml:5: a tab; indent with spaces"]


def test_list_positions_are_counted_from_one(tmp_path):
    manifest = MANIFEST.replace("  - eerste\n", "  - eerste\n" + "".join(
        f"  - eerste-{n}\n" for n in range(2, 6)) + "  - zesde\n")
    files = {f"content/demo/eerste-{n}.md": SECTION for n in range(2, 6)}
    assert errors_for(tmp_path, {"leaflets/demo.yaml": manifest, **files}) == [
        "leaflets/demo.yaml:18: section 6 of `sections`: no section 'zesde' in content/demo/; "
        "sections found: eerste, eerste-2, eerste-3, eerste-4, eerste-5"]


@pytest.mark.parametrize("name", ["Wat_Is.md", "leaflets/Demo Folder.yaml"])
def test_a_bad_file_name_is_called_a_file_name(tmp_path, name):
    path = name if name.startswith("leaflets/") else f"content/demo/{name}"
    text = MANIFEST if name.startswith("leaflets/") else SECTION
    suffix = path.rsplit(".", 1)[1]
    assert f"{path}: file name: expected lowercase letters, digits and hyphens, like " \
           f"'wat-is-mmn.{suffix}'; got '{path.rsplit('/', 1)[1]}'" in errors_for(
               tmp_path, {path: text})


def test_a_review_date_before_the_last_review_points_at_next_review(tmp_path):
    manifest = "# Een testfolder.\n" + MANIFEST.replace("next_review: 2027-01-10",
                                                        "next_review: 2025-01-10")
    assert errors_for(tmp_path, {"leaflets/demo.yaml": manifest}) == [
        "leaflets/demo.yaml:10: next_review: next_review (2025-01-10) must come after "
        "last_reviewed (2026-01-10)"]


def test_a_section_listed_twice_points_at_the_second_time(tmp_path):
    manifest = MANIFEST + "  - eerste\n"
    assert errors_for(tmp_path, {"leaflets/demo.yaml": manifest}) == [
        "leaflets/demo.yaml:14: section 2 of `sections`: section 'eerste' is listed twice"]


def test_an_unknown_field_suggests_the_nearest_known_one(tmp_path):
    # One mistake, one message: the "did you mean" stands for the required field's absence.
    assert errors_for(tmp_path, {"content/demo/eerste.md": SECTION.replace(
        "audiences:", "audience:")}) == [
        "content/demo/eerste.md:3: audience: unknown field; did you mean `audiences`?"]


def test_a_missing_required_field_no_unknown_one_stands_for_is_still_named(tmp_path):
    assert errors_for(tmp_path, {"content/demo/eerste.md": SECTION.replace(
        "audiences:", "doelgroep:")}) == [
        "content/demo/eerste.md:2: audiences: this required field is missing",
        "content/demo/eerste.md:3: doelgroep: unknown field; the fields here are: title, "
        "audiences, body, questions, images, reviewed"]


def test_the_summary_adds_up_when_a_file_is_broken(tmp_path):
    make_project(tmp_path, {
        "content/demo/eerste.md": SECTION.replace("treatment]", "pre-op]"),
        "content/demo/tweede.md": SECTION,
        "leaflets/demo.yaml": MANIFEST.replace("  - eerste\n", "  - eerste\n  - tweede\n"),
        "leaflets/ander.yaml": MANIFEST.replace("  - eerste\n", "  - tweede\n")})
    result = CliRunner().invoke(app, ["check", "--project", str(tmp_path), "--today",
                                      "2026-06-01"])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == (
        "failed: 2 leaflet(s) (1 with errors), 2 section(s) (1 with errors); "
        "1 error(s), 0 warning(s), 0 note(s)")


def test_the_json_summary_counts_what_failed(tmp_path):
    make_project(tmp_path, {"content/demo/eerste.md": SECTION + "\n[x](www.x.nl)\n"})
    result = CliRunner().invoke(app, ["check", "--project", str(tmp_path), "--format", "json",
                                      "--today", "2026-06-01"])
    summary = json.loads(result.stdout)["summary"]
    assert summary == {"leaflets": 1, "sections": 1, "leaflets_failed": 1,
                       "sections_failed": 1, "errors": 1, "warnings": 0, "notes": 0}


def test_a_readability_warning_names_long_sentences_as_the_problem(tmp_path):
    long = " ".join(["De kat zit op de mat"] * 3) + "."
    make_project(tmp_path, {"content/demo/eerste.md": SECTION.replace(
        "De kat zit op de mat.", f"{long} Kort. Ook kort. Nog een. En nog een.")})
    advice = [f for f in check_project(tmp_path, TODAY).findings if f.code == "readability"]
    assert [f.message for f in advice] == [
        f"1 sentence(s) longer than 15 words (B1 aims at 15 or fewer), the longest: "
        f"(18 words) {long}"]


def test_bidi_controls_are_a_warning_with_their_line(tmp_path):
    body = "Eerste regel.\n\nDit is \u202eemoh\u202c echt.\n"
    make_project(tmp_path, {"content/demo/eerste.md": SECTION.replace(
        "De kat zit op de mat.\n", body)})
    found = [(f.severity, f.code, f.line, f.message) for f in check_project(tmp_path, TODAY)
             .findings if f.code != "readability"]
    assert found == [("warning", "bidi-control", 7,
                      "U+202E RIGHT-TO-LEFT OVERRIDE, U+202C POP DIRECTIONAL FORMATTING: a "
                      "bidi control character makes the text show in another order than it "
                      "is written (it can disguise words); remove it")]


def test_characters_no_font_can_draw_are_a_warning_with_their_line(tmp_path):
    manifest = MANIFEST.replace("title: Testfolder", "title: Testfolder \U0001FA7A")
    qa = ("title: Vragen\naudiences: [treatment]\nquestions:\n  - question: Wat?\n"
          "    answer: |\n      Goed.\n      Pil \U0001F48A en \u4e2d.\n")
    make_project(tmp_path, {"leaflets/demo.yaml": manifest + "  - vragen\n",
                            "content/demo/vragen.yaml": qa})
    found = [(f.path, f.line, f.field, f.message) for f in
             check_project(tmp_path, TODAY).findings if f.code == "glyph-missing"]
    assert found == [
        ("leaflets/demo.yaml", 1, "title", "U+1FA7A STETHOSCOPE (\U0001FA7A): not in the "
         "leaflet's fonts, so it prints as an empty box; write it in words"),
        ("content/demo/vragen.yaml", 7, "`answer` of question 1", "U+1F48A PILL (\U0001F48A), "
         "U+4E2D CJK UNIFIED IDEOGRAPH-4E2D (\u4e2d): not in the leaflet's fonts, so it "
         "prints as an empty box; write it in words")]


def test_characters_in_the_strings_tables_are_checked_too(tmp_path):
    make_project(tmp_path)
    strings = tmp_path / "templates/strings/nl.yaml"
    strings.write_text(strings.read_text(encoding="utf-8").replace(
        "contact_heading: Vragen?", "contact_heading: Vragen? \u260E\U0001F4DE"),
        encoding="utf-8")
    found = [(f.path, f.line, f.field, f.message) for f in
             check_project(tmp_path, TODAY).findings if f.code == "glyph-missing"]
    assert found == [("templates/strings/nl.yaml", 24, "contact_heading",
                      "U+1F4DE TELEPHONE RECEIVER (\U0001F4DE): not in the leaflet's fonts, "
                      "so it prints as an empty box; write it in words")]


def test_characters_the_fallback_font_has_are_not_reported():
    # Atkinson Hyperlegible has neither; DejaVu Sans, which the stylesheet names, has both.
    assert {ord("Ω"), ord("→")} <= drawable_characters()
    css = (REPO / "styles" / "leaflet.css").read_text()
    assert f'"Atkinson Hyperlegible", "{FALLBACK_FAMILY}"' in css


@pytest.mark.parametrize("name", ["content/demo/leeg.md", "content/demo/leeg.yaml",
                                  "leaflets/leeg.yaml", "styles/theme.yaml"])
def test_an_empty_file_says_it_is_empty(tmp_path, name):
    from leafletgen.build import load

    make_project(tmp_path, {name: "\n  \n"})
    assert f"{name}: the file is empty: write its content, or remove it" in [
        str(e) for e in load(tmp_path).errors]


def test_an_empty_contact_profile_says_it_is_empty(tmp_path):
    from leafletgen.errors import ContentErrors
    from leafletgen.loader import load_contact

    (tmp_path / "ward.yaml").write_text("")
    with pytest.raises(ContentErrors) as caught:
        load_contact(tmp_path / "ward.yaml", "ward.yaml")
    assert str(caught.value) == "ward.yaml: the file is empty: write its content, or remove it"


def test_strings_only_a_browser_shows_are_not_checked_against_the_pdf_fonts(tmp_path):
    make_project(tmp_path)
    strings = tmp_path / "templates/strings/nl.yaml"
    text = strings.read_text(encoding="utf-8")
    web_title = next(line for line in text.splitlines() if line.startswith("  title: "))
    strings.write_text(text.replace(web_title, web_title + " \U0001F642", 1), encoding="utf-8")
    assert [f for f in check_project(tmp_path, TODAY).findings if f.code == "glyph-missing"] == []


def test_a_broken_manifest_does_not_also_make_its_sections_look_unused(tmp_path):
    make_project(tmp_path, {"leaflets/demo.yaml": MANIFEST.replace("title:", "titel:")})
    findings = check_project(tmp_path, TODAY).findings
    assert [f.code for f in findings if f.code == "section-unused"] == []
    make_project(tmp_path / "other", {"leaflets/demo.yaml": MANIFEST.replace(
        "  - eerste\n", "  - eerste\n"), "content/demo/los.md": SECTION})
    unused = [f.message for f in check_project(tmp_path / "other", TODAY).findings
              if f.code == "section-unused"]
    assert unused == ["no leaflet lists section 'los'"]  # a valid manifest: still said
