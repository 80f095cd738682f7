"""Projects the benchmark writes itself from test text (lorem ipsum, never medical text)."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor "
         "incididunt ut labore et dolore magna aliqua ut enim ad minim veniam quis nostrud "
         "exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat").split()
AUDIENCES = ("newly-diagnosed", "pre-surgery", "treatment")
MANIFEST = """\
# TEST TEXT ONLY: written by benchmarks/projects.py.
title: {title}
topic: {topic}
language: nl
publisher:
  name: Benchmarkuitgever (testtekst)
version: "1"
published: 2026-01-10
last_reviewed: 2026-01-10
next_review: 2099-01-10
sources:
  - Testbron
formats: [{formats}]
large_print: {large_print}
sections: [{sections}]
"""
SECTION = """\
---
title: {title}
audiences: [{audiences}]
---
{body}
"""


def test_text(words: int, seed: int = 0) -> str:
    """Return `words` words of lorem ipsum, starting at a different word for each seed."""
    chosen = [WORDS[(seed + i) % len(WORDS)] for i in range(words)]
    return " ".join(chosen).capitalize() + "."


def new_project(folder: Path) -> Path:
    """Return an empty project in `folder` with the repository's templates and styles."""
    for name in ("templates", "styles"):
        shutil.copytree(ROOT / name, folder / name)
    for name in ("content", "leaflets"):
        (folder / name).mkdir()
    return folder


def write_section(project: Path, topic: str, section: str, audiences: tuple[str, ...],
                  paragraphs: list[str]) -> Path:
    path = project / "content" / topic / f"{section}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SECTION.format(title=section.replace("-", " ").capitalize(),
                                   audiences=", ".join(audiences),
                                   body="\n\n".join(paragraphs)), encoding="utf-8")
    return path


def write_manifest(project: Path, leaflet: str, topic: str, sections: list[str],
                   formats: tuple[str, ...] = ("a4",), large_print: bool = False) -> None:
    (project / "leaflets" / f"{leaflet}.yaml").write_text(MANIFEST.format(
        title=f"Testfolder {leaflet}", topic=topic, formats=", ".join(formats),
        large_print="true" if large_print else "false", sections=", ".join(sections)),
        encoding="utf-8")


def length_project(folder: Path, sections: int) -> Path:
    """A one-leaflet project ('lengte', audience treatment) of `sections` short sections:
    about 3.5 a page, like a long real leaflet (the issue's 91 pages had 320 files)."""
    project = new_project(folder)
    names = [f"deel-{n:03d}" for n in range(sections)]
    for n, name in enumerate(names):
        write_section(project, "lengte", name, ("treatment",), [test_text(45, n)])
    write_manifest(project, "lengte", "lengte", names)
    return project


def catalogue(folder: Path, leaflets: int, per_topic: int = 10) -> Path:
    """A catalogue of `leaflets` leaflets in topics of `per_topic`: each leaflet has one
    section its whole topic shares ('algemeen', every audience) and three of its own, and
    is made for 3 audiences x (a4, a5, a5-booklet, large print) = 12 PDFs."""
    project = new_project(folder)
    own = {"a": ("newly-diagnosed", "treatment"), "b": ("pre-surgery", "treatment"),
           "c": ("newly-diagnosed", "pre-surgery")}
    for number in range(leaflets):
        topic = f"onderwerp-{number // per_topic:02d}"
        if number % per_topic == 0:
            write_section(project, topic, "algemeen", AUDIENCES,
                          [test_text(90, number), test_text(90, number + 1)])
        names = ["algemeen"]
        for key, audiences in own.items():
            name = f"folder-{number:03d}-{key}"
            write_section(project, topic, name, audiences,
                          [test_text(110, number + i) for i in range(2)])
            names.append(name)
        write_manifest(project, f"folder-{number:03d}", topic, names,
                       ("a4", "a5", "a5-booklet"), large_print=True)
    return project


def edit_shared_section(project: Path, topic: str = "onderwerp-00") -> Path:
    """Change the text of the section every leaflet of `topic` shares; return its path."""
    path = project / "content" / topic / "algemeen.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nEen zin erbij (testtekst).\n",
                    encoding="utf-8")
    return path
