"""`leafletgen new` starts a leaflet that `check` and `build` refuse until every placeholder
is filled in; `leafletgen --version` prints the version."""

import json
import re
import tomllib

import pytest
from typer.testing import CliRunner

from leafletgen import __version__
from leafletgen.build import load
from leafletgen.cache import CACHE_NAME
from leafletgen.cli import app
from leafletgen.inputs import read_templates

from projectkit import REPO, make_project

runner = CliRunner()

# What `new` writes, per language: the example sections are one of each kind.
FILES = {
    "nl": ["content/zeldzaam/inleiding.md", "content/zeldzaam/topic.yaml",
           "content/zeldzaam/vragen.yaml", "leaflets/zeldzaam.yaml"],
    "en": ["content/zeldzaam/introduction.md", "content/zeldzaam/questions.yaml",
           "content/zeldzaam/topic.yaml", "leaflets/zeldzaam.yaml"],
}
MARK = {"nl": "[[invullen:", "en": "[[fill in:"}
# The fields an editor must fill in before the leaflet can be built, per file.
FIELDS = {
    "leaflets/zeldzaam.yaml": {"title", "publisher.name", "version", "published",
                               "last_reviewed", "next_review", "source 1 of `sources`"},
    "prose": {"title", "body"},
    "questions": {"title", "`question` of question 1", "`answer` of question 1"},
}
DATES = {"published": "2026-01-10", "last_reviewed": "2026-01-10", "next_review": "2027-01-10",
         "reviewed": "2026-01-10"}
DATE_FIELD = re.compile(r"^(\s*(published|last_reviewed|next_review|reviewed): )\"\[\[.*\]\]\"",
                        re.M)
COMMENTED_FIELD = re.compile(r"^(\s*)# (\s*(?:- )?[a-z_]+:.*)$", re.M)


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path / "project", defaults=False)


def written(project):
    return sorted(p.relative_to(project).as_posix() for folder in ("content", "leaflets")
                  if (project / folder).is_dir() for p in (project / folder).rglob("*")
                  if p.is_file())


def mark_lines(project, language, names):
    """Return (file, line) of every placeholder outside a comment, read off the files."""
    found = set()
    for name in names:
        for number, line in enumerate((project / name).read_text("utf-8").splitlines(), 1):
            if MARK[language] in line and not line.lstrip().startswith("#"):
                found.add((name, number))
    return found


def check_findings(project):
    result = run("check", "--format", "json", "--project", project, "--today", "2026-06-01")
    return result.exit_code, json.loads(result.output)["findings"]


def fill_in(project, names, language):
    """Replace every placeholder as an editor would: dates with dates, the rest with words."""
    words = {"nl": "Tekst van de redactie.", "en": "Text by the editors."}[language]
    for name in names:
        path = project / name
        text = DATE_FIELD.sub(lambda m: m.group(1) + DATES[m.group(2)], path.read_text("utf-8"))
        text = re.sub(r"\[\[(invullen|fill in):[^\]]*\]\]", words, text)
        path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_new_writes_example_sections_and_a_manifest(project, language):
    result = run("new", "zeldzaam", "--language", language, "--project", project)
    assert result.exit_code == 0, result.output
    assert written(project) == FILES[language]
    for name in FILES[language]:
        assert f"wrote {name}\n" in result.output
    assert "leafletgen build --leaflet zeldzaam --all" in result.output


def test_the_manifest_has_every_documented_field_and_lists_the_example_sections(project):
    assert run("new", "zeldzaam", "--project", project).exit_code == 0
    manifest = (project / "leaflets/zeldzaam.yaml").read_text("utf-8")
    for field in ("title", "subtitle", "topic", "language", "publisher", "website", "email",
                  "phone", "advisers", "name", "organisation", "role", "version", "published",
                  "last_reviewed", "next_review", "sources", "url", "formats", "large_print",
                  "short_title", "logo", "src", "alt", "sections"):
        assert re.search(rf"^[ #-]*{field}:", manifest, re.M), field
    assert manifest.endswith("sections:  # in leesvolgorde: de bestandsnamen in "
                             "content/zeldzaam/, zonder .md of .yaml\n  - inleiding\n"
                             "  - vragen\n")
    assert "topic: zeldzaam" in manifest and "language: nl" in manifest


@pytest.mark.parametrize("language", ["nl", "en"])
def test_check_refuses_every_placeholder_with_file_line_and_field(project, language):
    assert run("new", "zeldzaam", "--language", language, "--project", project).exit_code == 0
    names = [n for n in FILES[language] if not n.endswith("topic.yaml")]
    code, findings = check_findings(project)
    assert code == 1
    assert {(f["path"], f["line"]) for f in findings} == mark_lines(project, language, names)
    prose, questions = names[0], names[1]
    assert {(f["path"], f["field"]) for f in findings} == {
        *(("leaflets/zeldzaam.yaml", field) for field in FIELDS["leaflets/zeldzaam.yaml"]),
        *((prose, field) for field in FIELDS["prose"]),
        *((questions, field) for field in FIELDS["questions"])}
    # One message per placeholder: a date field says nothing else ("not a date").
    for finding in findings:
        assert finding["code"] == "content-invalid"
        assert finding["message"].startswith(f"replace the placeholder {MARK[language]} "), finding
    assert len(findings) == len(mark_lines(project, language, names))


def test_build_refuses_a_leaflet_with_placeholders_and_writes_nothing(project, tmp_path):
    assert run("new", "zeldzaam", "--project", project).exit_code == 0
    out = tmp_path / "out"
    result = run("build", "--leaflet", "zeldzaam", "--all", "--project", project, "--out", out)
    assert result.exit_code == 1
    assert ("leaflets/zeldzaam.yaml:22: published: replace the placeholder [[invullen: datum "
            "waarop deze uitgave verschijnt, JJJJ-MM-DD]] with what it asks for") in result.output
    # The sections its YAML lists are reported at once, though the manifest is invalid.
    assert "content/zeldzaam/inleiding.md:16: body: replace" in result.output
    fill_in(project, ["leaflets/zeldzaam.yaml"], "nl")  # the sections are still to do
    result = run("build", "--leaflet", "zeldzaam", "--all", "--project", project, "--out", out)
    assert result.exit_code == 1
    assert ("content/zeldzaam/inleiding.md:16: body: replace the placeholder [[invullen: de "
            "tekst van dit onderdeel]] with what it asks for") in result.output
    assert "content/zeldzaam/vragen.yaml:8: `question` of question 1: replace" in result.output
    assert "Traceback" not in result.output
    assert not out.exists() or not [p for p in out.iterdir() if p.suffix == ".pdf"]


def test_filled_in_the_new_leaflet_passes_check_and_builds_for_every_audience(project, tmp_path):
    title = 'Een "folder": om te proberen'
    assert run("new", "zeldzaam", "--title", title, "--project", project).exit_code == 0
    fill_in(project, FILES["nl"], "nl")
    code, findings = check_findings(project)
    assert code == 0, findings
    assert load(project).leaflets["zeldzaam"].title == title
    result = run("build", "--leaflet", "zeldzaam", "--all", "--project", project,
                 "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if p.name != CACHE_NAME) == [
        "zeldzaam-newly-diagnosed.pdf", "zeldzaam-pre-surgery.pdf", "zeldzaam-treatment.pdf"]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_each_language_filled_in_passes_check(project, language):
    assert run("new", "zeldzaam", "--language", language, "--project", project).exit_code == 0
    fill_in(project, FILES[language], language)
    code, findings = check_findings(project)
    assert code == 0, findings
    assert load(project).leaflets["zeldzaam"].language == language


@pytest.mark.parametrize("language", ["nl", "en"])
def test_an_optional_field_uncommented_but_not_filled_in_is_refused(project, language):
    assert run("new", "zeldzaam", "--language", language, "--project", project).exit_code == 0
    names = [n for n in FILES[language] if not n.endswith("topic.yaml")]
    for name in names:
        path = project / name
        path.write_text(COMMENTED_FIELD.sub(r"\1\2", path.read_text("utf-8")), encoding="utf-8")
    code, findings = check_findings(project)
    lines = mark_lines(project, language, names)
    assert code == 1
    assert ("leaflets/zeldzaam.yaml", 7 if language == "en" else 8) in lines  # subtitle
    assert {(f["path"], f["line"]) for f in findings} == lines
    assert all(f["message"].startswith("replace the placeholder") for f in findings), findings
    assert {"subtitle", "url", "`name` of adviser 1", "publisher.phone", "`src` of image 1",
            "reviewed"} <= {f["field"] for f in findings}


@pytest.mark.parametrize("topic", ["Zeldzaam", "zeld zaam", "zeld_zaam", "-zeldzaam",
                                   "zeldzaam-", "ééén", "../zeldzaam", ""])
def test_new_refuses_a_topic_id_that_is_not_lowercase_letters_digits_and_hyphens(project, topic):
    result = run("new", "--project", project, "--", topic)  # '--': "-zeldzaam" is no option
    assert result.exit_code == 2
    assert (f"error: topic: expected lowercase letters, digits and hyphens, like 'my-topic'; "
            f"got {topic!r}") in result.output
    assert written(project) == []


@pytest.mark.parametrize("existing", ["content/zeldzaam/oud.md", "leaflets/zeldzaam.yaml",
                                      "leaflets/zeldzaam.yml"])
def test_new_never_overwrites_a_topic_or_manifest(project, existing):
    (project / existing).parent.mkdir(parents=True, exist_ok=True)
    (project / existing).write_text("werk van een redacteur\n", encoding="utf-8")
    result = run("new", "zeldzaam", "--project", project)
    assert result.exit_code == 1
    taken = "content/zeldzaam" if existing.startswith("content") else existing
    assert f"error: {taken} already exists; `leafletgen new` never overwrites" in result.output
    assert written(project) == [existing]
    assert (project / existing).read_text("utf-8") == "werk van een redacteur\n"


def test_new_without_starter_templates_names_the_missing_file(project):
    (project / "templates/new/nl/leaflet.yaml.j2").unlink()
    result = run("new", "zeldzaam", "--project", project)
    assert result.exit_code == 1
    assert ("error: templates/new/nl/leaflet.yaml.j2 is missing: `leafletgen new` makes a "
            "leaflet from the files in templates/new/nl/") in result.output
    assert written(project) == []


def test_starter_files_are_no_input_of_a_pdf():
    names = [name for name, _ in read_templates(REPO)]
    assert "cover.html.j2" in names
    assert not [name for name in names if name.startswith("new/")]


def test_version_prints_the_package_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.output == f"leafletgen {__version__}\n"


def test_the_package_version_is_the_one_pyproject_installs():
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    assert "version" in pyproject["project"]["dynamic"]
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {
        "attr": "leafletgen.__version__"}
