"""What would not print as written is refused while loading, so `check` and `build` agree."""

from __future__ import annotations

import pytest
import segno
from typer.testing import CliRunner

from leafletgen.build import load
from leafletgen.cli import app
from leafletgen.qr import MAX_URL_BYTES
from helpers import load_errors
from projectkit import MANIFEST, SECTION, make_project

QA = """\
title: Vragen
audiences: [treatment]
questions:
  - question: Wat?
    answer: |
      Dit.
{answer}
"""


def with_body(body: str) -> dict[str, str]:
    return {"content/demo/eerste.md": SECTION.replace("De kat zit op de mat.\n", body)}


def errors_for(tmp_path, files) -> list[str]:
    make_project(tmp_path, files)
    return [str(e) for e in load_errors(tmp_path).errors]


HEADING_HINT = ("headings in a section's text are '# ...' only; deeper levels skip heading "
                "levels and print too small")


@pytest.mark.parametrize("level", [2, 3, 6])
def test_deeper_headings_in_a_body_are_refused_with_a_hint(tmp_path, level):
    marks = "#" * level
    assert errors_for(tmp_path, with_body(f"Tekst.\n\n{marks} Kop\n\nMeer.\n")) == [
        f"content/demo/eerste.md:7: body: a level-{level} heading ('{marks} ...'): "
        + HEADING_HINT]


def test_a_line_of_dashes_under_text_is_a_heading_and_says_how_to_make_a_rule(tmp_path):
    assert errors_for(tmp_path, with_body("Tekst.\n\nKop\n---\n\nMeer.\n")) == [
        "content/demo/eerste.md:7: body: a level-2 heading ('---'): " + HEADING_HINT
        + " (for a line, leave a blank line above '---')"]


def test_an_empty_heading_is_refused(tmp_path):
    assert errors_for(tmp_path, with_body("Tekst.\n\n#\n\nMeer.\n")) == [
        "content/demo/eerste.md:7: body: a heading with no words ('#' alone); write its words "
        "or remove the mark"]


def test_a_heading_in_an_answer_is_refused(tmp_path):
    manifest = MANIFEST.replace("  - eerste\n", "  - eerste\n  - vragen\n")
    assert errors_for(tmp_path, {"leaflets/demo.yaml": manifest, "content/demo/vragen.yaml":
                                  QA.format(answer="      # Kop\n")}) == [
        "content/demo/vragen.yaml:7: `answer` of question 1: an answer cannot hold a heading; "
        "its question is its heading (use **bold** to stress words)"]


def test_a_markdown_image_is_refused_with_a_hint_to_use_images(tmp_path):
    assert errors_for(tmp_path, with_body("Tekst\nmet ![een zenuw](zenuw.png) erin.\n")) == [
        "content/demo/eerste.md:6: body: a Markdown image (![...](...)) is not shown; put the "
        "image in the section's `images:` field, with alt text"]


def test_a_link_definition_line_that_would_vanish_is_refused(tmp_path):
    assert errors_for(tmp_path, with_body("Tekst.\n\n[1]: https://www.example.nl/bron\n")) == [
        "content/demo/eerste.md:7: body: '[1]: https://www.example.nl/bron' defines a link and "
        "is not printed; write the link in the text as [words](https://www.example.nl/bron)"]


def test_code_blocks_are_refused_because_they_run_off_the_page(tmp_path):
    message = ("body: text indented by 4 spaces (or between ``` lines) prints as computer "
               "code that does not wrap; remove the indent or the ``` lines")
    assert errors_for(tmp_path, with_body("Tekst.\n\n    ingesprongen\n\n```\ncode\n```\n")) == [
        "content/demo/eerste.md:7: " + message, "content/demo/eerste.md:9: " + message]


def test_lists_nested_past_the_limit_are_refused_at_the_deep_line(tmp_path):
    nested = "".join("  " * level + f"- niveau {level + 1}\n" for level in range(10))
    assert errors_for(tmp_path, with_body(nested + "\nNa de lijst.\n")) == [
        "content/demo/eerste.md:9: body: lists or quotes nested 5 deep; at most 4 fit on the "
        "page"]


def test_lists_nested_four_deep_load(tmp_path):
    nested = "".join("  " * level + f"- niveau {level + 1}\n" for level in range(4))
    make_project(tmp_path, with_body(nested))
    assert "niveau 4" in load(tmp_path).sections["demo"]["eerste"].body


@pytest.mark.parametrize("command", [["check"], ["build", "--audience", "treatment"]])
def test_check_and_build_refuse_a_link_check_rejects(tmp_path, command):
    make_project(tmp_path, with_body("Kijk op [de site](www.example.nl).\n"))
    result = CliRunner().invoke(app, command + ["--project", str(tmp_path)])
    assert result.exit_code == 1
    assert ("content/demo/eerste.md:5: body: link to 'www.example.nl': links start with "
            "https://, http://, mailto:, tel: or # (another section)") in result.output
    assert not (tmp_path / "build").exists()


def test_check_reports_markdown_errors_with_their_codes(tmp_path):
    make_project(tmp_path, with_body("## Kop\n\n![x](x.png) [y](www.y.nl)\n"))
    result = CliRunner().invoke(app, ["check", "--project", str(tmp_path), "--format", "json"])
    import json

    found = json.loads(result.stdout)["findings"]
    assert [(f["code"], f["line"]) for f in found] == [
        ("markdown-heading", 5), ("markdown-image", 7), ("link-malformed", 7)]


def test_a_url_too_long_for_the_qr_code_is_refused_with_its_line_and_the_limit(tmp_path):
    url = "https://example.nl/" + "a" * (MAX_URL_BYTES - 18)
    assert errors_for(tmp_path, {"leaflets/demo.yaml": MANIFEST + f"url: {url}\n"}) == [
        f"leaflets/demo.yaml:14: url: the web address is {MAX_URL_BYTES + 1} characters long; "
        f"the QR code on the back page holds at most {MAX_URL_BYTES}: use a shorter address"]


def test_a_url_with_letters_beyond_ascii_counts_its_bytes(tmp_path):
    url = "https://example.nl/" + "é" * 100
    assert errors_for(tmp_path, {"leaflets/demo.yaml": MANIFEST + f"url: {url}\n"}) == [
        f"leaflets/demo.yaml:14: url: the web address is 119 characters (219 bytes) long; "
        f"the QR code on the back page holds at most {MAX_URL_BYTES}: use a shorter address"]


def test_a_url_at_the_limit_loads_and_fits_a_version_10_qr_code(tmp_path):
    url = "https://example.nl/" + "a" * (MAX_URL_BYTES - 19)
    make_project(tmp_path, {"leaflets/demo.yaml": MANIFEST + f"url: {url}\n"})
    assert load(tmp_path).leaflets["demo"].url == url
    assert segno.make(url, error="m", micro=False).version == 10  # 57 modules: 0.46 mm at 30 mm
    assert segno.make(url + "a", error="m", micro=False).version == 11


def test_a_link_to_another_audiences_section_prints_as_words_and_builds(tmp_path):
    from leafletgen.build import BuildOptions, build_leaflet
    from pdftext import pdf_text

    operatie = SECTION.replace("title: Eerste", "title: Operatie").replace(
        "[newly-diagnosed, pre-surgery, treatment]", "[pre-surgery]")
    make_project(tmp_path, {
        **with_body("Lees ook [het deel over de ingreep](#operatie).\n"),
        "content/demo/operatie.md": operatie,
        "leaflets/demo.yaml": MANIFEST.replace("  - eerste\n", "  - eerste\n  - operatie\n")})
    library = load(tmp_path)
    built = build_leaflet(library, "demo", "treatment", BuildOptions(tmp_path / "out"))
    assert "Lees ook het deel over de ingreep." in pdf_text(built.path)
