"""A catalogue, not one sample: a problem in one leaflet's files stops that leaflet only."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from leafletgen.build import load
from leafletgen.cli import app

from projectkit import MANIFEST, SECTION, copy_mmn, make_project

# A second, valid leaflet on its own topic (test text, not medical content).
OTHER_MANIFEST = MANIFEST.replace("title: Testfolder", "title: Tweede testfolder").replace(
    "topic: demo", "topic: tweede")
OTHER_SECTION = SECTION.replace("De kat zit op de mat.", "Testtekst van de tweede folder.")
BROKEN_SECTION = SECTION.replace("treatment]", "pre-op]")  # line 3: an unknown audience
BROKEN_MESSAGE = ("content/tweede/eerste.md:3: audience 3 of `audiences`: expected one of newly-diagnosed, "
                  "pre-surgery, treatment; got 'pre-op'")


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture
def catalogue(tmp_path):
    """Two leaflets: demo (valid) and tweede (its only section has an unknown audience)."""
    return make_project(tmp_path / "project", {
        "leaflets/tweede.yaml": OTHER_MANIFEST, "content/tweede/eerste.md": BROKEN_SECTION})


def test_the_library_says_which_leaflet_a_problem_blocks(catalogue):
    library = load(catalogue)
    assert [str(e) for e in library.errors] == [BROKEN_MESSAGE]
    assert library.ready() == ["demo"]
    assert library.broken_leaflets() == ["tweede"]
    assert [str(e) for e in library.blocking("tweede")] == [BROKEN_MESSAGE]


def test_a_valid_leaflet_builds_while_another_is_broken(catalogue, tmp_path):
    result = run("build", "--leaflet", "demo", "-a", "treatment", "--project", catalogue,
                 "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out/demo-treatment.pdf").exists()


def test_building_the_broken_leaflet_names_its_file_and_line(catalogue, tmp_path):
    result = run("build", "--leaflet", "tweede", "-a", "treatment", "--project", catalogue,
                 "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert BROKEN_MESSAGE in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_build_all_builds_every_valid_leaflet_and_reports_the_broken_one(catalogue, tmp_path):
    result = run("build", "--all", "-j", "1", "--project", catalogue, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert sorted(p.name for p in (tmp_path / "out").glob("*.pdf")) == [
        "demo-newly-diagnosed.pdf", "demo-pre-surgery.pdf", "demo-treatment.pdf"]
    assert f"error: tweede: {BROKEN_MESSAGE}" in result.output
    assert result.output.rstrip().endswith("built 3, unchanged 0, failed 1")


def test_list_shows_the_good_leaflet_and_marks_the_broken_one(catalogue):
    result = run("list", "--project", catalogue)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "demo: Testfolder (nl)",
        "  newly-diagnosed: eerste",
        "  pre-surgery: eerste",
        "  treatment: eerste",
        "tweede: Tweede testfolder (nl) - BROKEN, cannot be built until this is fixed:",
        f"  {BROKEN_MESSAGE}"]


def test_check_still_reports_every_problem_in_the_project(catalogue):
    result = run("check", "--project", catalogue, "--today", "2026-06-01")
    assert result.exit_code == 1
    assert f"error: {BROKEN_MESSAGE}" in result.output


def test_a_broken_manifest_blocks_its_own_leaflet_only(tmp_path):
    project = make_project(tmp_path / "project", {
        "leaflets/tweede.yaml": OTHER_MANIFEST.replace("version: \"1\"\n", ""),
        "content/tweede/eerste.md": OTHER_SECTION})
    library = load(project)
    assert library.ready() == ["demo"]
    assert [str(e) for e in library.blocking("tweede")] == [
        "leaflets/tweede.yaml:1: version: this required field is missing"]


@pytest.mark.parametrize("shared", ["styles/theme.yaml", "templates/strings/nl.yaml"])
def test_a_problem_in_a_shared_file_blocks_every_leaflet_that_uses_it(tmp_path, shared):
    project = make_project(tmp_path / "project", {
        "leaflets/tweede.yaml": OTHER_MANIFEST, "content/tweede/eerste.md": OTHER_SECTION})
    (project / shared).write_text("[niet: goed\n", encoding="utf-8")
    library = load(project)
    assert library.ready() == []
    assert library.broken_leaflets() == ["demo", "tweede"]


def test_a_broken_section_no_leaflet_lists_blocks_nothing_but_check_reports_it(tmp_path):
    project = make_project(tmp_path / "project", {"content/demo/los.md": BROKEN_SECTION})
    library = load(project)
    assert library.ready() == ["demo"] and len(library.errors) == 1
    assert run("check", "--project", project, "--today", "2026-06-01").exit_code == 1


SECOND = {  # a test-only second leaflet; its words are test text, not medical content
    "leaflets/testfolder.yaml": MANIFEST.replace("topic: demo", "topic: testonderwerp")
    .replace("title: Testfolder", "title: Testfolder (alleen voor tests)")
    .replace("  - eerste\n", "  - uitleg\n  - behandeling\n"),
    "content/testonderwerp/uitleg.md": SECTION.replace("title: Eerste", "title: Uitleg").replace(
        "De kat zit op de mat.", "Testtekst: dit is geen medische informatie."),
    "content/testonderwerp/behandeling.md": SECTION.replace("title: Eerste", "title: Behandeling")
    .replace("[newly-diagnosed, pre-surgery, treatment]", "[treatment]")
    .replace("De kat zit op de mat.", "Nog meer testtekst, zonder medische inhoud."),
}


@pytest.fixture(scope="module")
def mmn_alone_and_with_a_second(tmp_path_factory):
    alone = copy_mmn(tmp_path_factory.mktemp("alone"))
    both = copy_mmn(tmp_path_factory.mktemp("both"))
    for name, text in SECOND.items():
        (both / name).parent.mkdir(parents=True, exist_ok=True)
        (both / name).write_text(text, encoding="utf-8")
    return alone, both


def test_mmn_checks_come_out_the_same_with_a_second_leaflet(mmn_alone_and_with_a_second):
    alone, both = mmn_alone_and_with_a_second
    listed = [run("list", "--project", root).output.splitlines() for root in (alone, both)]
    assert listed[1][:len(listed[0])] == listed[0]  # MMN's lines, then the test leaflet's
    assert listed[1][len(listed[0])] == "testfolder: Testfolder (alleen voor tests) (nl)"
    reports = [run("check", "--project", root, "--strict", "--today", "2026-11-26")
               for root in (alone, both)]
    assert [r.exit_code for r in reports] == [0, 0]
    mmn_lines = [[line for line in r.output.splitlines() if "mmn" in line] for r in reports]
    assert mmn_lines[0] == mmn_lines[1] and mmn_lines[0]


def test_build_all_makes_mmn_and_the_second_leaflet(mmn_alone_and_with_a_second):
    from leafletgen.batch import jobs_for_all
    from leafletgen.build import BuildOptions

    alone, both = mmn_alone_and_with_a_second
    jobs = {root: [(j.leaflet, j.audience, j.options.format, j.options.large_print)
                   for j in jobs_for_all(load(root), BuildOptions())] for root in (alone, both)}
    assert len(jobs[alone]) == 3 * 5  # 3 audiences x a4, a4 large print, a5, a5-booklet, html
    assert sorted(set(jobs[both]) - set(jobs[alone])) == [
        ("testfolder", a, "a4", False) for a in ("newly-diagnosed", "pre-surgery", "treatment")]


def test_an_mmn_pdf_is_the_same_bytes_with_a_second_leaflet(mmn_alone_and_with_a_second,
                                                            tmp_path):
    alone, both = mmn_alone_and_with_a_second
    for root, out in ((alone, tmp_path / "a"), (both, tmp_path / "b")):
        result = run("build", "--leaflet", "mmn", "-a", "pre-surgery", "--project", root,
                     "--out", out)
        assert result.exit_code == 0, result.output
    name = "mmn-pre-surgery.pdf"
    assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
