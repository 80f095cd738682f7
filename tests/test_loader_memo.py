"""A warm process (build --watch, serve) loads the project again after each save and parses
only what changed: the result is always that of a fresh load."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import tiny_png
from leafletgen import loader
from leafletgen.build import load
from projectkit import SECTION, make_project

SECTION_FILE = "content/demo/eerste.md"
WITH_IMAGE = SECTION.replace("audiences:", "images:\n  - {src: stip.png, alt: Een stip}\n"
                             "audiences:", 1)


def body(root: Path) -> str:
    return load(root).sections["demo"]["eerste"].body


def messages(root: Path) -> list[str]:
    return [str(error) for error in load(root).errors]


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path / "p")


def test_a_save_of_the_same_size_at_once_is_seen(project):
    section = project / SECTION_FILE
    assert "De kat zit" in body(project)
    section.write_text(SECTION.replace("De kat zit", "De rat zit"), encoding="utf-8")
    assert "De rat zit" in body(project)  # same size, same time tick: compared byte for byte
    section.write_text(SECTION.replace("De kat zit", "De mat zit"), encoding="utf-8")
    assert "De mat zit" in body(project)


def test_two_saves_within_one_tick_of_the_file_clock_are_told_apart(project, monkeypatch):
    """As on a file system whose times tick slowly (FAT: 2 s), both saves get one stamp."""
    real = loader._stamp
    monkeypatch.setattr(loader, "_stamp", lambda path: None if (found := real(path)) is None
                        else tuple(None if part is None else part[:4] + (0, 0) for part in found))
    monkeypatch.setattr(loader.time, "time_ns", lambda: 1)  # the same tick, for every stamp
    section = project / SECTION_FILE
    assert "De kat zit" in body(project)
    section.write_text(SECTION.replace("De kat zit", "De rat zit"), encoding="utf-8")
    assert "De rat zit" in body(project)


def test_files_long_unchanged_are_not_read_again_and_a_change_is_still_seen(project,
                                                                           monkeypatch):
    monkeypatch.setattr(loader, "SETTLED_NS", -10**18)  # every stamp counts as settled
    section = project / SECTION_FILE
    load(project)
    reads = []
    real = loader.read_bytes
    monkeypatch.setattr(loader, "read_bytes", lambda *a: reads.append(a[0]) or real(*a))
    assert "De kat zit" in body(project)
    assert reads == []  # nothing read: every stamp is the one recorded
    section.write_text(SECTION.replace("De kat zit", "De hond zit"), encoding="utf-8")
    assert "De hond zit" in body(project)
    assert reads == [section]


def test_an_image_added_or_removed_changes_the_result_of_an_unchanged_section(project):
    (project / SECTION_FILE).write_text(WITH_IMAGE, encoding="utf-8")
    assert messages(project) == [f"{SECTION_FILE}:4: `src` of image 1: stip.png: no such file"]
    (project / "content/demo/stip.png").write_bytes(tiny_png())
    assert messages(project) == []
    (project / "content/demo/stip.png").unlink()
    (project / "content/demo/Stip.png").write_bytes(tiny_png())
    assert messages(project) == [f"{SECTION_FILE}:4: `src` of image 1: stip.png: no such "
                                 f"file; did you mean 'Stip.png'?"]


def test_a_broken_file_gives_the_same_problems_and_lines_every_time(project):
    (project / SECTION_FILE).write_text(SECTION.replace("treatment]", "pre-op]"),
                                        encoding="utf-8")
    first = messages(project)
    assert first and first == messages(project) == messages(project)
    assert all(message.startswith(f"{SECTION_FILE}:3:") for message in first)


def test_a_file_swapped_for_a_link_out_of_the_project_is_refused(project, tmp_path):
    outside = tmp_path / "elders.md"
    outside.write_text(SECTION, encoding="utf-8")
    assert messages(project) == []
    section = project / SECTION_FILE
    section.unlink()
    os.symlink(outside, section)
    assert messages(project) == [f"{SECTION_FILE}: file links to somewhere outside the "
                                 "project; copy the file into the project instead"]


def test_a_case_hint_appears_when_the_file_turns_up_next_to_a_missing_image(project):
    (project / SECTION_FILE).write_text(WITH_IMAGE, encoding="utf-8")
    assert messages(project) == [f"{SECTION_FILE}:4: `src` of image 1: stip.png: no such file"]
    (project / "content/demo/Stip.png").write_bytes(tiny_png())
    assert messages(project) == [f"{SECTION_FILE}:4: `src` of image 1: stip.png: no such "
                                 f"file; did you mean 'Stip.png'?"]


def test_a_topic_folder_moved_out_and_linked_back_is_refused_though_unchanged(project,
                                                                              tmp_path,
                                                                              monkeypatch):
    monkeypatch.setattr(loader, "SETTLED_NS", -10**18)  # every stamp counts as settled
    assert messages(project) == []
    (project / "content/demo").rename(tmp_path / "elders")
    os.symlink(tmp_path / "elders", project / "content/demo")
    assert messages(project)[0] == (f"{SECTION_FILE}: file links to somewhere outside the "
                                    "project; copy the file into the project instead")
