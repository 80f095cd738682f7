"""The command line: exit codes, clear messages, and no PDF written on bad input."""

import pytest
from typer.testing import CliRunner

from leafletgen.cache import CACHE_NAME
from leafletgen.cli import app

from helpers import demo_sections, make_project, write

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path / "project", sections=demo_sections())


def test_build_writes_the_audiences_pdf(project, tmp_path):
    result = run("build", "--audience", "treatment", "--project", project, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out/demo-treatment.pdf").read_bytes().startswith(b"%PDF-1.7")


def test_build_all_writes_one_pdf_per_served_audience(project, tmp_path):
    result = run("build", "--all", "--project", project, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if p.name != CACHE_NAME) == [
        "demo-newly-diagnosed.pdf", "demo-pre-surgery.pdf", "demo-treatment.pdf"]


def test_content_error_exits_1_with_message_and_keeps_the_old_pdf(project, tmp_path):
    out = tmp_path / "out"
    assert run("build", "-a", "treatment", "--project", project, "--out", out).exit_code == 0
    before = (out / "demo-treatment.pdf").read_bytes()
    write(project, "content/demo/therapie.md", "---\ntitle: T\naudiences: [pre-op]\n---\nx\n")
    result = run("build", "-a", "treatment", "--project", project, "--out", out)
    assert result.exit_code == 1
    assert "content/demo/therapie.md:3: audience 1 of `audiences`: expected one of newly-diagnosed, " \
           "pre-surgery, treatment; got 'pre-op'" in result.output
    assert "Traceback" not in result.output
    assert (out / "demo-treatment.pdf").read_bytes() == before
    assert [p.name for p in out.iterdir() if p.name != CACHE_NAME] == ["demo-treatment.pdf"]


def test_audience_without_sections_exits_1_naming_the_manifest(tmp_path):
    project = make_project(tmp_path / "p", sections={"alleen": ("treatment", "Tekst.")})
    result = run("build", "-a", "pre-surgery", "--project", project, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "leaflets/demo.yaml:8: sections: no section of this leaflet serves audience " \
           "'pre-surgery'; audiences served: treatment" in result.output
    assert not (tmp_path / "out").exists()


def test_unknown_audience_is_a_usage_error_listing_the_valid_ones(project):
    result = run("build", "--audience", "pre-op", "--project", project)
    assert result.exit_code == 2
    assert "newly-diagnosed" in result.output and "pre-surgery" in result.output


def test_build_needs_an_audience_or_all(project):
    assert run("build", "--project", project).exit_code == 2


def test_unknown_leaflet_exits_1(project, tmp_path):
    result = run("build", "-a", "treatment", "--leaflet", "nope", "--project", project)
    assert result.exit_code == 1
    assert "no leaflet 'nope' in leaflets/; leaflets found: demo" in result.output


def test_check_passes_on_good_content_and_fails_on_bad(project):
    assert run("check", "--project", project).exit_code == 0
    write(project, "leaflets/demo.yaml", "title: [\n")
    result = run("check", "--project", project)
    assert result.exit_code == 1
    assert result.output.startswith("error: leaflets/demo.yaml:")


def test_list_shows_sections_per_audience(project):
    result = run("list", "--project", project)
    assert result.exit_code == 0
    assert "  treatment: intro, therapie\n" in result.output
    assert "  pre-surgery: intro, operatie\n" in result.output


@pytest.mark.parametrize("command", ["build", "list", "check"])
def test_every_command_has_help(command):
    result = run(command, "--help")
    assert result.exit_code == 0 and "Usage" in result.output


def test_build_all_makes_every_format_the_manifest_lists(project, tmp_path):
    manifest = project / "leaflets/demo.yaml"
    manifest.write_text(manifest.read_text().replace("sections:", "formats: [a4, a5]\nsections:"))
    result = run("build", "--all", "--project", project, "--out", tmp_path / "out", "-j", "1")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").glob("*.pdf")) == [
        "demo-newly-diagnosed-a5.pdf", "demo-newly-diagnosed.pdf", "demo-pre-surgery-a5.pdf",
        "demo-pre-surgery.pdf", "demo-treatment-a5.pdf", "demo-treatment.pdf"]


def test_build_all_with_a_format_makes_only_that_format(project, tmp_path):
    manifest = project / "leaflets/demo.yaml"
    manifest.write_text(manifest.read_text().replace("sections:", "formats: [a4, a5]\nsections:"))
    result = run("build", "--all", "--format", "a5", "--project", project, "--out", tmp_path / "o")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "o").glob("*.pdf")) == [
        "demo-newly-diagnosed-a5.pdf", "demo-pre-surgery-a5.pdf", "demo-treatment-a5.pdf"]


def test_unknown_format_in_manifest_names_file_line_and_field(project):
    manifest = project / "leaflets/demo.yaml"
    manifest.write_text(manifest.read_text().replace("sections:", "formats: [a4, a3]\nsections:"))
    result = run("check", "--project", project)
    assert result.exit_code == 1
    assert "leaflets/demo.yaml:8: format 2 of `formats`: expected one of a4, a5, a5-booklet, " \
           "print-shop, html; got 'a3'" in result.output


def test_unknown_leaflet_with_all_exits_1(project):
    result = run("build", "--all", "--leaflet", "nope", "--project", project)
    assert result.exit_code == 1
    assert "no leaflet 'nope' in leaflets/; leaflets found: demo" in result.output


def test_several_leaflets_without_leaflet_is_a_usage_error(project, tmp_path):
    second = project / "leaflets/tweede.yaml"
    second.write_text((project / "leaflets/demo.yaml").read_text())
    result = run("build", "-a", "treatment", "--project", project, "--out", tmp_path / "o")
    assert result.exit_code == 2
    assert "there are several leaflets (demo, tweede); choose one with --leaflet" in result.output
