"""YAML as editors write it: tags refused, Windows files read, values kept as written."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from leafletgen.build import load
from leafletgen.cli import app
from leafletgen.errors import ContentErrors
from leafletgen.loader import load_contact
from helpers import load_errors
from projectkit import MANIFEST, SECTION, make_project

QA = """\
title: Vragen
audiences: [treatment]
questions:
  - question: Wat?
    answer: Dit.
"""
TAGGED = {  # file -> (text with a tag, the message)
    "content/demo/eerste.md": (
        SECTION.replace("audiences: [", "audiences: !!omap ["),
        "content/demo/eerste.md:3: YAML tags (!!omap) are not allowed in content; "
        "write plain text, lists and fields"),
    "content/demo/vragen.yaml": (
        QA.replace("questions:", "questions: !!pairs"),
        "content/demo/vragen.yaml:3: YAML tags (!!pairs) are not allowed in content; "
        "write plain text, lists and fields"),
    "leaflets/demo.yaml": (
        MANIFEST.replace("title: Testfolder", "title: !!python/object/apply:os.system [ls]"),
        "leaflets/demo.yaml:1: YAML tags (!!python/object/apply:os.system) are not allowed "
        "in content; write plain text, lists and fields"),
    "templates/strings/nl.yaml": (
        "contents: !foo Inhoud\n",
        "templates/strings/nl.yaml:1: YAML tags (!foo) are not allowed in content; "
        "write plain text, lists and fields"),
    "styles/theme.yaml": (
        "colours: !!set {ink, paper}\npairs: []\n",
        "styles/theme.yaml:1: YAML tags (!!set) are not allowed in content; "
        "write plain text, lists and fields"),
}


def error_lines(root: Path) -> list[str]:
    return [str(e) for e in load_errors(root).errors]


@pytest.mark.parametrize("path", TAGGED)
def test_yaml_tags_are_refused_with_file_and_line(tmp_path, path):
    text, message = TAGGED[path]
    make_project(tmp_path, {path: text})
    assert message in error_lines(tmp_path)


def test_yaml_tags_in_a_contact_profile_are_refused_with_file_and_line(tmp_path):
    profile = tmp_path / "ward.yaml"
    profile.write_text("department: !!omap\n  - a: b\nphone: '020 123 4567'\n")
    with pytest.raises(ContentErrors) as caught:
        load_contact(profile)
    assert str(caught.value) == (f"{profile.as_posix()}:1: YAML tags (!!omap) are not allowed "
                                 f"in content; write plain text, lists and fields")


@pytest.mark.parametrize("command", [["check"], ["build", "--audience", "treatment",
                                                 "--out", "out"]])
def test_check_and_build_refuse_a_tag_without_a_traceback(tmp_path, command):
    make_project(tmp_path, {"leaflets/demo.yaml": TAGGED["leaflets/demo.yaml"][0]})
    result = CliRunner().invoke(app, command + ["--project", str(tmp_path)])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # a message, not a traceback
    assert "YAML tags (!!python/object/apply:os.system) are not allowed" in result.output
    assert not (tmp_path / "out").exists()


WINDOWS = {
    "bom": lambda text: "\ufeff" + text,
    "crlf": lambda text: text.replace("\n", "\r\n"),
    "bom+crlf": lambda text: "\ufeff" + text.replace("\n", "\r\n"),
}


@pytest.mark.parametrize("save", WINDOWS.values(), ids=WINDOWS.keys())
def test_files_saved_by_windows_editors_load_as_written(tmp_path, save):
    manifest = MANIFEST.replace("  - eerste\n", "  - eerste\n  - vragen\n")
    make_project(tmp_path, {"content/demo/eerste.md": save(SECTION + "\nTweede alinea.\n"),
                            "content/demo/vragen.yaml": save(QA),
                            "leaflets/demo.yaml": save(manifest)})
    library = load(tmp_path)
    eerste = library.sections["demo"]["eerste"]
    assert (eerste.title, eerste.body) == ("Eerste", "De kat zit op de mat.\n\nTweede alinea.")
    assert library.sections["demo"]["vragen"].questions[0].answer == "Dit."
    assert library.leaflets["demo"].title == "Testfolder"


@pytest.mark.parametrize("save", WINDOWS.values(), ids=WINDOWS.keys())
def test_errors_in_windows_files_keep_their_lines(tmp_path, save):
    broken = SECTION.replace("treatment]", "pre-op]")
    make_project(tmp_path, {"content/demo/eerste.md": save(broken)})
    assert error_lines(tmp_path) == [
        "content/demo/eerste.md:3: audience 3 of `audiences`: expected one of "
        "newly-diagnosed, pre-surgery, treatment; got 'pre-op'"]


def test_a_file_saved_as_utf16_asks_for_utf8(tmp_path):
    make_project(tmp_path, {"content/demo/eerste.md": SECTION.encode("utf-16")})
    assert error_lines(tmp_path) == [
        "content/demo/eerste.md: file is saved as UTF-16; save it as UTF-8"]


def test_a_tab_in_the_indentation_says_so(tmp_path):
    make_project(tmp_path, {"content/demo/vragen.yaml": QA.replace("    answer", "\tanswer")})
    assert error_lines(tmp_path) == ["content/demo/vragen.yaml:5: a tab; indent with spaces"]


@pytest.mark.parametrize("written", ["1.10", "2", "1e3", "0o17", "2026-01-01", "yes", "true",
                                     "no", "012", "1_000", ".inf"])
def test_plain_values_stay_the_text_the_editor_wrote(tmp_path, written):
    manifest = MANIFEST.replace('version: "1"', f"version: {written}").replace(
        "title: Testfolder", f"title: {written}")
    make_project(tmp_path, {"leaflets/demo.yaml": manifest,
                            "content/demo/eerste.md": SECTION.replace(
                                "title: Eerste", f"title: {written}")})
    library = load(tmp_path)
    leaflet = library.leaflets["demo"]
    assert (leaflet.version, leaflet.title) == (written, written)
    assert library.sections["demo"]["eerste"].title == written


@pytest.mark.parametrize("written, expected", [("true", True), ("yes", True), ("false", False),
                                               ("no", False)])
def test_yes_and_no_work_where_a_field_wants_true_or_false(tmp_path, written, expected):
    make_project(tmp_path, {"leaflets/demo.yaml": MANIFEST + f"large_print: {written}\n"})
    assert load(tmp_path).leaflets["demo"].large_print is expected


@pytest.mark.parametrize("written", ["0", "86400", "20260110", "2026-1-10"])
def test_a_date_must_be_written_as_a_date(tmp_path, written):
    make_project(tmp_path, {"leaflets/demo.yaml": MANIFEST.replace(
        "published: 2026-01-10", f"published: {written}")})
    assert error_lines(tmp_path) == [
        f"leaflets/demo.yaml:7: published: expected a date written as YYYY-MM-DD; "
        f"got '{written}'"]
