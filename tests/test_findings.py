"""`leafletgen check`: review dates, sources, structure, links and images, as text and JSON."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from leafletgen.build import load
from leafletgen.cli import app
from leafletgen.findings import find_problems, make_strict
from leafletgen.lint import link_problem
from leafletgen.report import check_project
from leafletgen.review import review_dates
from conftest import tiny_png
from helpers import load_errors
from projectkit import MANIFEST, REPO, SECTION, copy_mmn, make_project

BEFORE_DUE = dt.date(2026, 6, 1)
DUE = dt.date(2027, 1, 10)  # next_review in projectkit.MANIFEST
AFTER_DUE = dt.date(2027, 2, 1)


def reduce(findings) -> list[tuple]:
    return [(f.severity, f.code, f.path, f.line, f.message) for f in findings]


def findings_for(tmp_path, files=None, today=BEFORE_DUE, **kwargs):
    make_project(tmp_path, files, **kwargs)
    return find_problems(load(tmp_path), today)


def check_findings(tmp_path, files):
    """Return what `check` reports, load errors included (they stop a build as well)."""
    make_project(tmp_path, files)
    return [f for f in check_project(tmp_path, BEFORE_DUE).findings if f.code != "readability"]


def test_clean_project_has_no_findings(tmp_path):
    assert findings_for(tmp_path) == []


def test_overdue_review_is_a_warning_naming_the_due_date(tmp_path):
    assert reduce(findings_for(tmp_path, today=AFTER_DUE)) == [
        ("warning", "review-overdue", "leaflets/demo.yaml", 9,
         "review was due on 2027-01-10 (22 days ago)")]


def test_review_is_not_overdue_on_its_due_date(tmp_path):
    assert findings_for(tmp_path, today=DUE) == []


def test_strict_makes_an_overdue_review_an_error(tmp_path):
    strict = make_strict(findings_for(tmp_path, today=AFTER_DUE))
    assert [(f.severity, f.code) for f in strict] == [("error", "review-overdue")]


def test_missing_sources_and_review_date_are_warnings(tmp_path):
    manifest = MANIFEST.replace("next_review: 2027-01-10\n", "").replace(
        "sources:\n  - Een bron\n", "")
    found = findings_for(tmp_path, {"leaflets/demo.yaml": manifest})
    assert [(f.severity, f.code, f.message) for f in found] == [
        ("warning", "review-missing",
         "no next_review date: say when the leaflet must be checked again"),
        ("warning", "sources-missing",
         "no sources: list what the text is based on (sources: ...)")]


def test_section_reviewed_before_the_leaflet_falls_due_one_cycle_later(tmp_path):
    old = SECTION.replace("audiences:", "reviewed: 2025-01-01\naudiences:")
    found = findings_for(tmp_path, {"content/demo/eerste.md": old}, today=dt.date(2026, 1, 2))
    assert reduce(found) == [
        ("warning", "review-overdue", "content/demo/eerste.md", 3,
         "reviewed on 2025-01-01; with leaflet 'demo''s review cycle it was due on 2026-01-01")]


def test_effective_review_date_is_the_earliest_and_shifts_the_next_review(tmp_path):
    old = SECTION.replace("audiences:", "reviewed: 2025-01-10\naudiences:")
    make_project(tmp_path, {"content/demo/eerste.md": old})
    library = load(tmp_path)
    dates = review_dates(library.leaflets["demo"], list(library.sections["demo"].values()))
    assert (dates.last, dates.next) == (dt.date(2025, 1, 10), dt.date(2026, 1, 10))


def test_section_no_leaflet_lists_is_a_warning(tmp_path):
    found = findings_for(tmp_path, {"content/demo/tweede.md": SECTION})
    assert reduce(found) == [("warning", "section-unused", "content/demo/tweede.md", None,
                              "no leaflet lists section 'tweede'")]


def test_audience_without_sections_is_a_note_strict_leaves_alone(tmp_path):
    only_one = SECTION.replace("[newly-diagnosed, pre-surgery, treatment]", "[treatment]")
    found = make_strict(findings_for(tmp_path, {"content/demo/eerste.md": only_one}))
    assert [(f.severity, f.code, f.message) for f in found] == [
        ("note", "audience-unserved", "no section of this leaflet is for audience 'newly-diagnosed'"),
        ("note", "audience-unserved", "no section of this leaflet is for audience 'pre-surgery'")]


def test_duplicate_section_id_across_md_and_yaml_is_an_error(tmp_path):
    qa = "title: Vragen\naudiences: [treatment]\nquestions:\n  - question: Wat?\n    answer: Dit.\n"
    make_project(tmp_path, {"content/demo/eerste.yaml": qa})
    caught = load_errors(tmp_path)
    assert str(caught) == ("content/demo/eerste.yaml: section id 'eerste' is also used "
                                 "by content/demo/eerste.md; rename or remove one of the two files")


def test_section_without_words_is_an_error(tmp_path):
    found = check_findings(tmp_path, {"content/demo/eerste.md": SECTION.replace(
        "De kat zit op de mat.", "---\n\n# !\n")})
    assert reduce(found) == [("error", "section-empty", "content/demo/eerste.md", None,
                              "the section has no words of text")]


def test_image_without_file_is_an_error_with_its_line(tmp_path):
    with_image = SECTION.replace("---\nDe kat", "images:\n  - src: kat.png\n    alt: Een kat\n---\nDe kat")
    make_project(tmp_path, {"content/demo/eerste.md": with_image})
    assert str(load_errors(tmp_path)) == ("content/demo/eerste.md:5: `src` of image 1: kat.png: "
                                          "no such file")


def test_image_whose_name_differs_only_in_case_gets_a_did_you_mean(tmp_path):
    with_image = SECTION.replace("---\nDe kat", "images:\n  - src: kat.png\n    alt: Een kat\n---\nDe kat")
    make_project(tmp_path, {"content/demo/eerste.md": with_image,
                            "content/demo/Kat.PNG": tiny_png()})
    assert str(load_errors(tmp_path)) == ("content/demo/eerste.md:5: `src` of image 1: kat.png: "
                                          "no such file; did you mean 'Kat.PNG'?")


def test_image_with_its_file_is_fine(tmp_path):
    with_image = SECTION.replace("---\nDe kat", "images:\n  - src: kat.png\n    alt: Een kat\n---\nDe kat")
    assert findings_for(tmp_path, {"content/demo/eerste.md": with_image,
                                   "content/demo/kat.png": tiny_png()}) == []


def test_links_that_are_not_well_formed_are_errors_with_their_lines(tmp_path):
    body = ("Goed: [web](https://example.nl/pagina), [mail](mailto:info@example.nl), "
            "[bel](tel:+31201234567), [hier](#eerste).\n\n"
            "Fout: [klik](javascript:alert(1)).\n\n[map](../leaflets/demo.yaml) en [x](mailto:x)\n")
    found = check_findings(tmp_path, {"content/demo/eerste.md": SECTION.replace(
        "De kat zit op de mat.\n", body)})
    assert reduce(found) == [
        ("error", "link-malformed", "content/demo/eerste.md", 7,
         "link to 'javascript:alert(1)': links start with https://, http://, mailto:, tel: "
         "or # (another section)"),
        ("error", "link-malformed", "content/demo/eerste.md", 9,
         "link to '../leaflets/demo.yaml': links start with https://, http://, mailto:, tel: "
         "or # (another section)"),
        ("error", "link-malformed", "content/demo/eerste.md", 9,
         "link to 'mailto:x' is not well-formed; expected an e-mail address like "
         "mailto:info@example.nl")]


def test_links_to_sections_the_topic_lacks_are_errors_with_their_lines(tmp_path):
    body = "Zie [de inleiding](#eerste).\n\nEn [iets anders](#nergens).\n"
    found = check_findings(tmp_path, {"content/demo/eerste.md": SECTION.replace(
        "De kat zit op de mat.\n", body)})
    assert reduce(found) == [("error", "link-malformed", "content/demo/eerste.md", 7,
                              "link to '#nergens': no section 'nergens' in this topic")]


def test_links_in_answers_are_checked_with_the_answer_line(tmp_path):
    qa = ("title: Vragen\naudiences: [treatment]\nquestions:\n  - question: Wat?\n"
          "    answer: |\n      Zie [dit](mailto:geen-adres).\n")
    manifest = MANIFEST.replace("  - eerste\n", "  - eerste\n  - vragen\n")
    found = check_findings(tmp_path, {"content/demo/vragen.yaml": qa,
                                      "leaflets/demo.yaml": manifest})
    assert reduce(found) == [("error", "link-malformed", "content/demo/vragen.yaml", 6,
                              "link to 'mailto:geen-adres' is not well-formed; expected an "
                              "e-mail address like mailto:info@example.nl")]


@pytest.mark.parametrize("target", ["https://example.nl", "http://example.nl/a?b=c#d",
                                    "mailto:a.b@example.nl", "tel:+31 20 123 45 67", "#eerste"])
def test_well_formed_links_pass(target):
    assert link_problem(target) is None


@pytest.mark.parametrize("target", ["https://localhost", "https://a b.nl", "ftp://example.nl",
                                    "data:text/html,x", "file:///etc/passwd", "//example.nl",
                                    "tel:bel-ons", "#Niet-Klein"])
def test_malformed_links_are_named(target):
    assert f"'{target}'" in link_problem(target)


def test_check_json_lists_findings_and_exits_1_when_strict_and_overdue(mmn_copy):
    result = CliRunner().invoke(app, ["check", "--project", str(mmn_copy), "--strict",
                                      "--format", "json", "--today", "2027-12-01"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False
    assert data["findings"][0] == {
        "severity": "error", "code": "review-overdue", "path": "leaflets/mmn.yaml",
        "line": 24, "field": "next_review", "leaflet": "mmn",
        "message": "review was due on 2027-11-26 (5 days ago)"}
    assert {f["code"] for f in data["findings"][1:]} == {"readability"}
    assert {f["severity"] for f in data["findings"][1:]} == {"warning"}


def test_check_passes_the_mmn_content_before_its_review_date(mmn_copy):
    result = CliRunner().invoke(app, ["check", "--project", str(mmn_copy), "--strict",
                                      "--today", "2026-11-26"])
    assert result.exit_code == 0, result.stdout
    assert result.stdout.splitlines()[-1] == (
        "ok: 1 leaflet(s), 8 section(s); 0 error(s), 7 warning(s), 0 note(s)")


def test_check_json_reports_content_errors_as_findings(tmp_path):
    make_project(tmp_path, {"content/demo/eerste.md": SECTION.replace("treatment]", "pre-op]")})
    result = CliRunner().invoke(app, ["check", "--project", str(tmp_path), "--format", "json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["findings"] == [{
        "severity": "error", "code": "content-invalid", "path": "content/demo/eerste.md",
        "line": 3, "field": "audience 3 of `audiences`",
        "message": "expected one of newly-diagnosed, pre-surgery, treatment; got 'pre-op'"}]
    # The manifest's reference to the broken section is not reported again as missing.


def test_check_refuses_a_today_that_is_not_a_date():
    result = CliRunner().invoke(app, ["check", "--project", str(REPO), "--today", "morgen"])
    assert result.exit_code == 2


def test_check_report_for_overdue_project_fails_only_when_strict(tmp_path):
    make_project(tmp_path)
    assert not check_project(tmp_path, AFTER_DUE).failed
    assert check_project(tmp_path, AFTER_DUE, strict=True).failed


def test_build_strict_refuses_overdue_content_before_rendering(tmp_path):
    result = CliRunner().invoke(app, ["build", "--project", str(REPO), "-a", "treatment",
                                      "--leaflet", "mmn", "--strict", "--today",
                                      "2028-01-01", "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr == (
        "error: mmn / treatment / a4: leaflets/mmn.yaml:24: next_review: the review of this leaflet was due on "
        "2027-11-26; have it reviewed, then update last_reviewed and next_review\n")
    assert list(tmp_path.iterdir()) == []


@pytest.fixture(scope="module")
def mmn_copy(tmp_path_factory):
    """The MMN leaflet alone in a project of its own: check reports on MMN only."""
    return copy_mmn(tmp_path_factory.mktemp("mmn"))


@pytest.fixture(scope="module")
def overdue_build(tmp_path_factory):
    """Build the MMN leaflet as if it were 2028: it builds, with a warning."""
    out = tmp_path_factory.mktemp("overdue")
    result = CliRunner().invoke(app, ["build", "--project", str(REPO), "-a", "treatment",
                                      "--leaflet", "mmn", "--today", "2028-01-01",
                                      "-o", str(out)])
    return result, out / "mmn-treatment.pdf"


def test_build_warns_about_overdue_content_and_still_builds(overdue_build):
    result, pdf = overdue_build
    assert result.exit_code == 0
    assert result.stderr.startswith("warning: leaflets/mmn.yaml:24: next_review: the review")
    assert pdf.exists()


def test_colophon_prints_review_dates_and_sources_in_dutch_words(overdue_build):
    _, pdf = overdue_build
    text = " ".join(PdfReader(pdf).pages[-1].extract_text().split())
    assert "Verschenen: 26 november 2026" in text
    assert "Laatst herzien: 26 november 2026" in text
    assert "Volgende herziening: 26 november 2027" in text
    assert "Bronnen" in text and "Vragen en antwoorden" in text


def test_english_leaflet_prints_its_dates_in_english(tmp_path):
    from leafletgen.inputs import read_templates
    from leafletgen.render import Page, render_html

    copy_mmn(tmp_path)
    library = load(tmp_path)
    leaflet = library.leaflets["mmn"].model_copy(update={"language": "en"})
    sections = list(library.sections["mmn"].values())
    html = render_html(read_templates(tmp_path),
                       Page(leaflet, sections, "treatment", library.strings["en"]))
    assert "Last reviewed:</span> 26 November 2026" in html
    assert "Next review:</span> 26 November 2027" in html
